/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "textwrap.h"

void table_init(struct table *t, int ncols, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->right = xcalloc((size_t)ncols, sizeof(bool));
	const char **cells = xcalloc((size_t)ncols, sizeof(char *));
	char **owned = xcalloc((size_t)ncols, sizeof(char *));
	for (int c = 0; c < ncols; c++) {
		size_t len = strlen(header[c]);
		t->right[c] = len > 0 && header[c][len - 1] == '>';
		owned[c] = xstrndup(header[c], t->right[c] ? len - 1 : len);
		cells[c] = owned[c];
	}
	table_add(t, cells);
	for (int c = 0; c < ncols; c++)
		free(owned[c]);
	free(owned);
	free(cells);
}

void table_add(struct table *t, const char *const *cells)
{
	t->rows =
	    xreallocarray(t->rows, (size_t)t->nrows + 1, sizeof(*t->rows));
	char **row = xcalloc((size_t)t->ncols, sizeof(char *));
	for (int c = 0; c < t->ncols; c++)
		row[c] = xstrdup(cells[c] ? cells[c] : "");
	t->rows[t->nrows++] = row;
}

void table_print(const struct table *t, FILE *out, int indent)
{
	int *width = xcalloc((size_t)t->ncols, sizeof(int));
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			int w = textwrap_width(t->rows[r][c]);
			if (w > width[c])
				width[c] = w;
		}
	for (int r = 0; r < t->nrows; r++) {
		fprintf(out, "%*s", indent, "");
		/* empty cells at the end of a row print nothing, so no line
		 * ends in spaces */
		int end = t->ncols - 1;
		while (end > 0 && t->rows[r][end][0] == '\0')
			end--;
		for (int c = 0; c <= end; c++) {
			const char *cell = t->rows[r][c];
			int pad = width[c] - textwrap_width(cell);
			bool last = c == end;
			if (t->right[c])
				fprintf(out, "%*s%s", pad, "", cell);
			else
				fprintf(out, "%s%*s", cell, last ? 0 : pad, "");
			if (!last)
				fputs("  ", out);
		}
		fputc('\n', out);
	}
	free(width);
}

void table_free(struct table *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->right);
	memset(t, 0, sizeof(*t));
}
