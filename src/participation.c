/* SPDX-License-Identifier: MIT */
/* Participation as text (participation.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "participation.h"
#include "textwrap.h"
#include "util.h"

enum store_status participation_load(struct store *s, long long round_id,
				     struct participation *out)
{
	memset(out, 0, sizeof(*out));
	enum store_status st =
	    store_invite_participation(s, round_id, &out->rows, &out->count);
	for (int i = 0; st == STORE_OK && i < out->count; i++) {
		out->total.invited += out->rows[i].invited;
		out->total.started += out->rows[i].started;
		out->total.completed += out->rows[i].completed;
	}
	return st;
}

void participation_free(struct participation *p)
{
	store_participation_free(p->rows, p->count);
	memset(p, 0, sizeof(*p));
}

/* name padded to width display columns, then the three counts. */
static char *participation_line(const char *name, int width, int invited,
				int started, int completed, bool total)
{
	int pad = width - textwrap_width(name);
	char pct[32] = "";
	if (total && invited > 0)
		snprintf(pct, sizeof(pct), "  (%d%% completed)",
			 (int)(100.0 * completed / invited + 0.5));
	return xasprintf("%s%*s  %7d  %7d  %9d%s", name, pad > 0 ? pad : 0, "",
			 invited, started, completed, pct);
}

int participation_lines(const struct participation *p, char ***out)
{
	int width = textwrap_width("department");
	for (int i = 0; i < p->count; i++) {
		int w = textwrap_width(p->rows[i].department);
		if (w > width)
			width = w;
	}
	char **lines = xcalloc((size_t)p->count + 2, sizeof(*lines));
	int pad = width - textwrap_width("department");
	lines[0] =
	    xasprintf("department%*s  invited  started  completed", pad, "");
	for (int i = 0; i < p->count; i++)
		lines[i + 1] = participation_line(
		    p->rows[i].department, width, p->rows[i].invited,
		    p->rows[i].started, p->rows[i].completed, false);
	lines[p->count + 1] =
	    participation_line("all", width, p->total.invited, p->total.started,
			       p->total.completed, true);
	*out = lines;
	return p->count + 2;
}

void participation_lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

bool participation_print(struct store *s, long long round_id, FILE *out)
{
	struct participation p;
	if (participation_load(s, round_id, &p) != STORE_OK)
		return false;
	char **lines;
	int n = participation_lines(&p, &lines);
	for (int i = 0; i < n; i++)
		fprintf(out, "%s%s\n",
			i == 0 ? "participation: " : "               ",
			lines[i]);
	participation_lines_free(lines, n);
	participation_free(&p);
	return true;
}
