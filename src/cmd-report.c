/* SPDX-License-Identifier: MIT */
/* aimap report: every comparison of the facilitator's dashboard as
 * aligned text tables or as CSV, for scripts and slides. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "report.h"
#include "stats.h"
#include "table.h"
#include "textwrap.h"

struct report_options {
	const char *code;
	const char *compare;
	const char *leaders;
	int by;	    /* enum report_by */
	int format; /* index into format_names */
};

enum { FORMAT_TEXT, FORMAT_CSV };
static const char *const format_names[] = {"text", "csv", NULL};

static const struct cli_option options[] = {
    CLI_ROUND_OPTION(struct report_options, code),
    {"by", 0, "department|role|track",
     "the groups of the segments table (default: department)",
     CLI_CHOICE(struct report_options, by, report_by_names)},
    {"compare", 0, "CODE",
     "add the change since an earlier round, and who moved",
     CLI_TEXT(struct report_options, compare)},
    {"leaders", 0, "CODE",
     "the perception gap from the leaders who answered in round CODE",
     CLI_TEXT(struct report_options, leaders)},
    {"format", 0, "text|csv",
     "aligned text tables (the default), or one long CSV table",
     CLI_CHOICE(struct report_options, format, format_names)},
    {0},
};

/* ---- text ---------------------------------------------------------------- */

static const char *arrow(double change)
{
	bool utf8 = textwrap_utf8_locale();
	if (change > 0.5)
		return utf8 ? "↑" : "+";
	if (change < -0.5)
		return utf8 ? "↓" : "-";
	return utf8 ? "→" : "=";
}

static void pct_cell(char *buf, size_t size, const struct report_group *g,
		     enum segment s)
{
	char share[16];
	stats_format(report_share(g, s), 1, share, sizeof(share));
	snprintf(buf, size, "%s%% (%d)", share, g->segments[s]);
}

static void add_segment_row(struct table *t, const struct report_group *g,
			    int min_group)
{
	char n[32], ch[32], wi[32], ca[32], champ[48], caut[48];
	if (g->hidden) {
		snprintf(n, sizeof(n), "fewer than %d", min_group);
		const char *cells[] = {g->label, n, "", "", "", "", "", ""};
		table_add(t, cells);
		return;
	}
	snprintf(n, sizeof(n), "%d", g->n);
	pct_cell(ch, sizeof(ch), g, SEGMENT_CHAMPION);
	pct_cell(wi, sizeof(wi), g, SEGMENT_WILLING);
	pct_cell(ca, sizeof(ca), g, SEGMENT_CAUTIOUS);
	snprintf(champ, sizeof(champ), "%d/%d", g->subtypes[SUBTYPE_SHARING],
		 g->subtypes[SUBTYPE_ALONE]);
	snprintf(caut, sizeof(caut), "%d/%d", g->subtypes[SUBTYPE_SKEPTIC],
		 g->subtypes[SUBTYPE_NOT_STARTED]);
	char progress[16];
	snprintf(progress, sizeof(progress), "%d", g->in_progress);
	const char *cells[] = {g->label, n, ch, wi, ca, champ, caut, progress};
	table_add(t, cells);
}

static const char *const segment_header[] = {
    "GROUP",	 "N>",		 "CHAMPIONS>",		 "WILLING>",
    "CAUTIOUS>", "SHARE/ALONE>", "SKEPTIC/NOT STARTED>", "IN PROGRESS>"};

static void print_segments(const struct report *r, FILE *out)
{
	struct table t;
	table_init(&t, 8, segment_header);
	const char *start[] = {"starting point (roughly)",
			       "",
			       "33.3%",
			       "33.3%",
			       "33.4%",
			       "",
			       "",
			       ""};
	table_add(&t, start);
	add_segment_row(&t, &r->all, r->min_group);
	for (int i = 0; i < r->ngroups; i++)
		add_segment_row(&t, &r->groups[i], r->min_group);
	fprintf(out, "Segments by %s\n", report_by_names[r->by]);
	table_print(&t, out, 2);
	table_free(&t);
}

static void print_near_group(const struct report_group *g, int min_group,
			     FILE *out)
{
	if (g->hidden)
		fprintf(out, "  %s: fewer than %d\n", g->label, min_group);
	else
		fprintf(out, "  %s: %d of %d\n", g->label, g->near_line, g->n);
}

/* How many people a few answers from another segment, per group. */
static void print_near(const struct report *r, FILE *out)
{
	fprintf(out,
		"\nNear the line (adoption within %d points of a segment "
		"threshold: a few answers could change their segment)\n",
		SCORING_NEAR_LINE);
	print_near_group(&r->all, r->min_group, out);
	for (int i = 0; i < r->ngroups; i++)
		print_near_group(&r->groups[i], r->min_group, out);
}

static void print_pair(const struct report *r, const char *title,
		       const struct report_group *a,
		       const struct report_group *b, FILE *out)
{
	struct table t;
	table_init(&t, 8, segment_header);
	add_segment_row(&t, a, r->min_group);
	add_segment_row(&t, b, r->min_group);
	fprintf(out, "\n%s\n", title);
	table_print(&t, out, 2);
	table_free(&t);

	/* dimension means side by side, and the difference */
	char an[64], bn[64];
	snprintf(an, sizeof(an), "%s>", a->label);
	snprintf(bn, sizeof(bn), "%s>", b->label);
	/* the verdict in words: a difference within the noise of the two
	 * standard errors is "no clear difference" */
	const char *const dh[] = {"DIMENSION", an, bn, "DIFFERENCE>", ""};
	table_init(&t, 5, dh);
	struct report_dimension_row rows[QN_MAX_DIMENSIONS];
	int n = report_dimension_rows(r->q, a, b, "", 1, rows);
	for (int d = 0; d < n; d++) {
		const char *verdict = rows[d].difference[0] == '\0' ? ""
				      : rows[d].clear ? "clear difference"
						      : "no clear difference";
		const char *cells[] = {rows[d].label, rows[d].a, rows[d].b,
				       rows[d].difference, verdict};
		table_add(&t, cells);
	}
	table_print(&t, out, 2);
	table_free(&t);
}

static void print_gaps(const struct report *r, FILE *out)
{
	fprintf(out, "\nPerception gap (what leaders estimate against what "
		     "their teams report)\n");
	if (r->leaders_code[0] != '\0')
		fprintf(out, "  the leaders answered in round %s\n",
			r->leaders_code);
	if (r->ngaps == 0)
		fprintf(out, "  no leader answered an estimate question\n");
	for (int i = 0; i < r->ngaps; i++) {
		char sentence[256];
		report_gap_sentence(&r->gaps[i], sentence, sizeof(sentence));
		fprintf(out, "  %s: %s\n",
			r->gaps[i].department ? r->gaps[i].department
					      : "Whole round",
			sentence);
	}
}

static void print_heatmap(const struct report *r, FILE *out)
{
	int nd = r->q->ndimensions;
	const char **header = xcalloc((size_t)nd + 1, sizeof(char *));
	char **owned = xcalloc((size_t)nd + 1, sizeof(char *));
	header[0] = "DEPARTMENT";
	for (int c = 0; c < nd; c++) {
		int d = r->dimension_order[c];
		owned[c] = xasprintf("%s>", r->q->dimensions[d].id);
		header[c + 1] = owned[c];
	}
	struct table t;
	table_init(&t, nd + 1, header);
	const char **cells = xcalloc((size_t)nd + 1, sizeof(char *));
	char(*values)[32] = xcalloc((size_t)nd, sizeof(*values));
	for (int i = 0; i < r->ndepartments; i++) {
		const struct report_group *g = &r->departments[i];
		cells[0] = g->label;
		for (int c = 0; c < nd; c++) {
			int d = r->dimension_order[c];
			values[c][0] = '\0';
			if (g->hidden && c == 0)
				snprintf(values[c], sizeof(values[c]),
					 "fewer than %d", r->min_group);
			else if (report_has_score(g, d))
				scoring_format_score(g->dimensions[d],
						     values[c]);
			cells[c + 1] = values[c];
		}
		table_add(&t, cells);
	}
	fprintf(out, "\nHeatmap: mean score by department, weakest dimension "
		     "first\n");
	table_print(&t, out, 2);
	table_free(&t);
	for (int c = 0; c < nd; c++)
		free(owned[c]);
	free(owned);
	free(header);
	free(cells);
	free(values);
}

static void print_champions(const struct report *r, FILE *out)
{
	fprintf(out, "\nChampions who agreed to be contacts (connect and "
		     "amplify)\n");
	if (r->nchampions == 0)
		fprintf(out, "  none yet\n");
	for (int i = 0; i < r->nchampions; i++)
		fprintf(out, "  %s, %s%s\n", r->champions[i].name,
			r->champions[i].department,
			r->champions[i].alone ? " (works alone: give them a "
						"stage)"
					      : "");
}

static void print_phases(const struct report *r, FILE *out)
{
	fprintf(out, "\nPhase\n");
	char why[512];
	enum phase p = report_phase(r->q, &r->all, why, sizeof(why));
	if (p == PHASE_NONE && !r->all.hidden) {
		fprintf(out, "  the questionnaire has no phase rule\n");
		return;
	}
	const struct report_group *groups[1 + 64];
	int n = 0;
	groups[n++] = &r->all;
	for (int i = 0; i < r->ndepartments && n < 65; i++)
		groups[n++] = &r->departments[i];
	for (int i = 0; i < n; i++) {
		if (groups[i]->hidden) {
			fprintf(out, "  %s: fewer than %d\n", groups[i]->label,
				r->min_group);
			continue;
		}
		p = report_phase(r->q, groups[i], why, sizeof(why));
		fprintf(out, "  %s: %s (%s)\n", groups[i]->label, phase_name(p),
			why);
	}
}

static void print_spreads(const struct report *r, FILE *out)
{
	fprintf(out, "\nDiscuss first: the questions that divide people "
		     "most\n");
	if (r->nspreads == 0)
		fprintf(out, "  not enough answers yet\n");
	for (int i = 0; i < r->nspreads && i < 5; i++) {
		const struct qn_question *qq =
		    &r->q->questions[r->spreads[i].question];
		fprintf(out, "  %d. %s (spread %.1f over %d answers)\n", i + 1,
			qq->text, r->spreads[i].spread, r->spreads[i].n);
	}
}

/* "30.0% -> 45.0%  +15.0 clear change" or "... no clear change". */
static void change_cell(const struct report_change *ch, int k, char *buf,
			size_t size)
{
	char b[16], n[16], d[16];
	stats_format(ch->shown_before[k], 1, b, sizeof(b));
	stats_format(ch->shown_now[k], 1, n, sizeof(n));
	stats_format(ch->change[k], 1, d, sizeof(d));
	bool up = ch->change[k] > 0 && strcmp(d, "0.0") != 0;
	if (ch->clear[k])
		snprintf(buf, size, "%s%% -> %s%%  %s%s %s clear change", b, n,
			 up ? "+" : "", d, arrow(ch->change[k]));
	else
		snprintf(buf, size, "%s%% -> %s%%  %s%s no clear change", b, n,
			 up ? "+" : "", d);
}

static void print_moves(const struct report_change *ch, int min_group,
			const char *indent, FILE *out)
{
	if (ch->moves_hidden) {
		if (ch->both == 0)
			fprintf(out, "%speople in both rounds: none\n", indent);
		else
			fprintf(out, "%speople in both rounds: fewer than %d\n",
				indent, min_group);
		return;
	}
	fprintf(out, "%speople in both rounds: %d", indent, ch->both);
	const char *sep = "; moved: ";
	bool any = false;
	for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS; from++)
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++)
			if (from != to && ch->moved[from][to] > 0) {
				fprintf(out, "%s%d %s -> %s", sep,
					ch->moved[from][to],
					segment_name((enum segment)from),
					segment_name((enum segment)to));
				sep = ", ";
				any = true;
			}
	fprintf(out, "%s\n", any ? "" : "; nobody changed segment");
}

static void print_change(const struct report_change *ch, int min_group,
			 FILE *out)
{
	/* a group under the minimum shows no count of its people either */
	if (ch->hidden)
		fprintf(out, "  %s\n", ch->label);
	else
		fprintf(out, "  %s (n %d -> %d)\n", ch->label, ch->n_before,
			ch->n_now);
	if (ch->hidden) {
		fprintf(out, "    fewer than %d in one of the rounds\n",
			min_group);
	} else {
		for (int k = 0; k < 3; k++) {
			char cell[96];
			change_cell(ch, k, cell, sizeof(cell));
			fprintf(
			    out, "    %-15s %s\n",
			    segment_label((enum segment)(SEGMENT_CHAMPION + k)),
			    cell);
		}
	}
	print_moves(ch, min_group, "    ", out);
}

static void print_compare(const struct report *r, FILE *out)
{
	const struct report_compare *c = &r->compare;
	fprintf(out,
		"\nChange since round %s (a change is clear when its 90%% "
		"interval leaves out zero; see aimap(1))\n",
		c->code);
	print_change(&c->whole, c->min_group, out);
	for (int i = 0; i < c->nchanges; i++)
		print_change(&c->changes[i], c->min_group, out);
	fprintf(out,
		"  new: %d, did not return: %d, anonymous (not "
		"followed): %d\n",
		c->new_people, c->not_returned, c->anonymous);
}

static void print_text(const struct store_round *round, const struct report *r,
		       FILE *out)
{
	fprintf(out,
		"Round %s \"%s\" (%s v%d): %d completed, %d in "
		"progress; groups under %d are not shown.\n\n",
		round->code, round->name, r->q->id, r->q->version, r->all.n,
		r->all.in_progress, r->min_group);
	print_segments(r, out);
	print_near(r, out);
	print_pair(r, "Leaders against their teams", &r->leaders, &r->teams,
		   out);
	print_gaps(r, out);
	print_pair(r, "Technical track against citizen builders",
		   &r->tracks[TRACK_TECHNICAL], &r->tracks[TRACK_CITIZEN], out);
	print_heatmap(r, out);
	print_champions(r, out);
	print_phases(r, out);
	print_spreads(r, out);
	if (r->has_compare)
		print_compare(r, out);
}

/* ---- csv: one long table, the same five fields on every row ------------- */

struct csv_out {
	struct csv_writer w;
	int min_group;
};

static void csv_row_start(struct csv_out *c, const char *view,
			  const char *group, const struct report_group *g)
{
	csv_text(&c->w, view);
	csv_text(&c->w, group);
	if (g == NULL) {
		csv_empty(&c->w);
	} else if (g->hidden) {
		char fewer[32];
		snprintf(fewer, sizeof(fewer), "fewer than %d", c->min_group);
		csv_text(&c->w, fewer);
	} else {
		csv_int(&c->w, g->n);
	}
}

static void csv_value(struct csv_out *c, const char *view, const char *group,
		      const struct report_group *g, const char *measure,
		      double value, int decimals)
{
	csv_row_start(c, view, group, g);
	csv_text(&c->w, measure);
	if (g != NULL && g->hidden)
		csv_empty(&c->w);
	else
		csv_real(&c->w, value, decimals);
	csv_end_row(&c->w);
}

static void csv_group(struct csv_out *c, const char *view,
		      const struct report *r, const struct report_group *g)
{
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		char measure[48];
		snprintf(measure, sizeof(measure), "%s_pct", segment_name(s));
		csv_value(c, view, g->label, g, measure, report_share(g, s), 1);
	}
	for (int s = SUBTYPE_SHARING; s < SUBTYPE_COUNT; s++)
		csv_value(c, view, g->label, g, subtype_name(s), g->subtypes[s],
			  0);
	for (int d = 0; d < r->q->ndimensions; d++) {
		if (!g->hidden && g->dimension_n[d] == 0)
			continue;
		char measure[64];
		snprintf(measure, sizeof(measure), "mean_%s",
			 r->q->dimensions[d].id);
		csv_value(c, view, g->label, g, measure, g->dimensions[d], 1);
		/* the mean's standard error, so a reader can tell noise */
		snprintf(measure, sizeof(measure), "se_%s",
			 r->q->dimensions[d].id);
		csv_value(c, view, g->label, g, measure, g->dimension_se[d], 1);
	}
	csv_row_start(c, view, g->label, g);
	csv_text(&c->w, "in_progress");
	csv_int(&c->w, g->in_progress);
	csv_end_row(&c->w);
	csv_value(c, view, g->label, g, "near_line", g->near_line, 0);
	char why[512];
	enum phase p = report_phase(r->q, g, why, sizeof(why));
	if (p != PHASE_NONE) {
		csv_row_start(c, view, g->label, g);
		csv_text(&c->w, "phase");
		csv_text(&c->w, phase_name(p));
		csv_end_row(&c->w);
	}
}

static void csv_gaps(struct csv_out *c, const struct report *r)
{
	static const char *const parts[3] = {"champions", "willing",
					     "cautious"};
	for (int i = 0; i < r->ngaps; i++) {
		const struct report_gap *gap = &r->gaps[i];
		const char *group =
		    gap->department ? gap->department : r->all.label;
		for (int k = 0; k < 3; k++) {
			char measure[48];
			for (int actual = 0; actual < 2; actual++) {
				snprintf(measure, sizeof(measure), "%s_%s_pct",
					 actual ? "actual" : "estimated",
					 parts[k]);
				csv_text(&c->w, "perception_gap");
				csv_text(&c->w, group);
				if (gap->hidden) {
					char fewer[32];
					snprintf(fewer, sizeof(fewer),
						 "fewer than %d", c->min_group);
					csv_text(&c->w, fewer);
				} else {
					csv_int(&c->w, actual ? gap->team
							      : gap->leaders);
				}
				csv_text(&c->w, measure);
				if (gap->hidden)
					csv_empty(&c->w);
				else
					csv_real(&c->w,
						 actual ? gap->actual[k]
							: gap->estimated[k],
						 1);
				csv_end_row(&c->w);
			}
			/* 1 when the team's answers tell the estimate from
			 * noise (outside their 90% interval), else 0 */
			snprintf(measure, sizeof(measure), "%s_clear_gap",
				 parts[k]);
			csv_text(&c->w, "perception_gap");
			csv_text(&c->w, group);
			if (gap->hidden) {
				char fewer[32];
				snprintf(fewer, sizeof(fewer), "fewer than %d",
					 c->min_group);
				csv_text(&c->w, fewer);
			} else {
				csv_int(&c->w, gap->team);
			}
			csv_text(&c->w, measure);
			if (gap->hidden)
				csv_empty(&c->w);
			else
				csv_int(&c->w, gap->clear[k] ? 1 : 0);
			csv_end_row(&c->w);
		}
	}
}

static void csv_rest(struct csv_out *c, const struct report *r)
{
	for (int i = 0; i < r->nchampions; i++) {
		csv_row_start(c, "champions", r->champions[i].department, NULL);
		csv_text(&c->w, r->champions[i].alone ? "champion_alone"
						      : "champion_sharing");
		csv_text(&c->w, r->champions[i].name);
		csv_end_row(&c->w);
	}
	for (int i = 0; i < r->nspreads; i++) {
		csv_row_start(c, "discuss_first", r->all.label, NULL);
		csv_text(&c->w, r->q->questions[r->spreads[i].question].id);
		csv_real(&c->w, r->spreads[i].spread, 1);
		csv_end_row(&c->w);
	}
	if (!r->has_compare)
		return;
	const struct report_compare *cmp = &r->compare;
	csv_group(c, "compare_before", r, &cmp->before);
	for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS; from++)
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++) {
			char measure[64];
			snprintf(measure, sizeof(measure), "moved_%s_to_%s",
				 segment_name(from), segment_name(to));
			csv_row_start(c, "transitions", cmp->code, NULL);
			csv_text(&c->w, measure);
			if (cmp->hidden)
				csv_empty(&c->w);
			else
				csv_int(&c->w, cmp->moved[from][to]);
			csv_end_row(&c->w);
		}
	const char *names[] = {"both", "new", "not_returned", "anonymous"};
	int values[] = {cmp->both, cmp->new_people, cmp->not_returned,
			cmp->anonymous};
	for (int i = 0; i < 4; i++) {
		csv_row_start(c, "transitions", cmp->code, NULL);
		csv_text(&c->w, names[i]);
		if (cmp->hidden && i == 0)
			csv_empty(&c->w);
		else
			csv_int(&c->w, values[i]);
		csv_end_row(&c->w);
	}
}

/* The n of a change row: "fewer than N" (the larger of the two rounds'
 * minimums) when either round's group is under it, as everywhere else. */
static void csv_change_n(struct csv_out *c, const struct report_change *ch,
			 int min_group)
{
	if (ch->hidden) {
		char fewer[32];
		snprintf(fewer, sizeof(fewer), "fewer than %d", min_group);
		csv_text(&c->w, fewer);
	} else {
		csv_int(&c->w, ch->n_now);
	}
}

/* A group's change: its shares before and now, the change in points and
 * whether it is clear (1 or 0: a number, never words), then who moved. */
static void csv_change(struct csv_out *c, const struct report_change *ch,
		       int min_group)
{
	static const char *const parts[] = {"pct_before", "pct_now",
					    "change_pts", "clear_change"};
	for (int k = 0; k < 3; k++)
		for (int m = 0; m < 4; m++) {
			char measure[64];
			enum segment seg = (enum segment)(SEGMENT_CHAMPION + k);
			snprintf(measure, sizeof(measure), "%s_%s",
				 segment_name(seg), parts[m]);
			csv_text(&c->w, "change");
			csv_text(&c->w, ch->label);
			csv_change_n(c, ch, min_group);
			csv_text(&c->w, measure);
			if (ch->hidden)
				csv_empty(&c->w);
			else if (m == 0)
				csv_real(&c->w, ch->shown_before[k], 1);
			else if (m == 1)
				csv_real(&c->w, ch->shown_now[k], 1);
			else if (m == 2)
				csv_real(&c->w, ch->change[k], 1);
			else
				csv_int(&c->w, ch->clear[k] ? 1 : 0);
			csv_end_row(&c->w);
		}
	for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS; from++)
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++) {
			if (from == to)
				continue;
			char measure[64];
			snprintf(measure, sizeof(measure), "moved_%s_to_%s",
				 segment_name(from), segment_name(to));
			csv_text(&c->w, "change");
			csv_text(&c->w, ch->label);
			csv_change_n(c, ch, min_group);
			csv_text(&c->w, measure);
			if (ch->moves_hidden)
				csv_empty(&c->w);
			else
				csv_int(&c->w, ch->moved[from][to]);
			csv_end_row(&c->w);
		}
}

static bool print_csv(const struct report *r, FILE *out)
{
	struct csv_out c = {.min_group = r->min_group};
	csv_init(&c.w, out, ',');
	const char *header[] = {"view", "group", "n", "measure", "value"};
	for (int i = 0; i < 5; i++)
		csv_text(&c.w, header[i]);
	csv_end_row(&c.w);
	csv_group(&c, "segments", r, &r->all);
	for (int i = 0; i < r->ngroups; i++)
		csv_group(&c, "segments", r, &r->groups[i]);
	csv_group(&c, "leaders_teams", r, &r->leaders);
	csv_group(&c, "leaders_teams", r, &r->teams);
	csv_group(&c, "tracks", r, &r->tracks[TRACK_TECHNICAL]);
	csv_group(&c, "tracks", r, &r->tracks[TRACK_CITIZEN]);
	for (int i = 0; i < r->ndepartments; i++)
		csv_group(&c, "departments", r, &r->departments[i]);
	csv_gaps(&c, r);
	csv_rest(&c, r);
	if (r->has_compare) {
		csv_change(&c, &r->compare.whole, r->compare.min_group);
		for (int i = 0; i < r->compare.nchanges; i++)
			csv_change(&c, &r->compare.changes[i],
				   r->compare.min_group);
	}
	return csv_ok(&c.w);
}

/* ---- the command ------------------------------------------------------ */

static int report_run(struct cli *cli, int argc, char **argv)
{
	struct report_options o = {0};
	if (cli_parse_only_options(&cmd_report, argc, argv, &o) != EXIT_OK)
		return EXIT_USAGE;
	struct report r = {0};
	struct cli_rounds rounds;
	struct store *store =
	    cli_open_rounds(cli, o.code, o.compare, "to compare with", &rounds);
	if (store == NULL)
		return EXIT_RUNTIME;
	int status = EXIT_RUNTIME;
	struct store_round lead = {0};
	struct questionnaire *lead_q = NULL;
	if (!cli_load_rounds_questionnaires(store, &rounds))
		goto out;
	if (o.leaders != NULL &&
	    !cli_load_leaders_round(store, o.leaders, &lead, &lead_q))
		goto out;
	enum store_status st = report_build_paired(
	    store, &rounds.round, rounds.q, (enum report_by)o.by,
	    rounds.has_other ? &rounds.other : NULL, rounds.other_q,
	    o.leaders != NULL ? &lead : NULL, lead_q, &r);
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		goto out;
	}
	if (o.format == FORMAT_CSV) {
		if (print_csv(&r, stdout))
			status = EXIT_OK;
	} else {
		print_text(&rounds.round, &r, stdout);
		status = EXIT_OK;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the report to standard output");
		status = EXIT_RUNTIME;
	}
out:
	report_free(&r);
	questionnaire_free(lead_q);
	store_round_free(&lead);
	cli_rounds_free(&rounds);
	store_close(store);
	return status;
}

const struct cli_command cmd_report = {
    "report",
    "[-r CODE] [--by department|role|track] [--compare CODE] "
    "[--leaders CODE] [--format text|csv]",
    "Print the round's comparisons: segments, leaders and teams, the "
    "perception gap, tracks, heatmap, champions, phase.",
    report_run,
    options,
};
