/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = xstrdup(file);
}

void diag_free(struct diag *d)
{
	for (int i = 0; i < d->count; i++)
		free(d->entries[i].message);
	free(d->entries);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

static void diag_add(struct diag *d, enum diag_severity sev, int line,
		     const char *fmt, va_list ap) PRINTF_LIKE(4, 0);

static void diag_add(struct diag *d, enum diag_severity sev, int line,
		     const char *fmt, va_list ap)
{
	char *msg = util_vformat(fmt, ap);
	d->entries = xreallocarray(d->entries, (size_t)d->count + 1,
				   sizeof(*d->entries));
	d->entries[d->count++] = (struct diag_entry){sev, line, msg};
	if (sev == DIAG_ERROR)
		d->errors++;
}

void diag_error(struct diag *d, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_add(d, DIAG_ERROR, line, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_add(d, DIAG_WARNING, line, fmt, ap);
	va_end(ap);
}

void diag_sort(struct diag *d)
{
	/* Insertion sort: lists are short and the order must stay stable. */
	for (int i = 1; i < d->count; i++) {
		struct diag_entry e = d->entries[i];
		int j = i - 1;
		while (j >= 0 && d->entries[j].line > e.line) {
			d->entries[j + 1] = d->entries[j];
			j--;
		}
		d->entries[j + 1] = e;
	}
}

char *diag_format(const struct diag *d, int index)
{
	const struct diag_entry *e = &d->entries[index];
	const char *kind = e->severity == DIAG_WARNING ? "warning: " : "";
	if (e->line > 0)
		return xasprintf("%s:%d: %s%s", d->file, e->line, kind,
				 e->message);
	return xasprintf("%s: %s%s", d->file, kind, e->message);
}

void diag_print(const struct diag *d, FILE *out)
{
	for (int i = 0; i < d->count; i++) {
		char *line = diag_format(d, i);
		fprintf(out, "%s\n", line);
		free(line);
	}
}

bool diag_has_errors(const struct diag *d)
{
	return d->errors > 0;
}
