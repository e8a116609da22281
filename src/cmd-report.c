/* SPDX-License-Identifier: MIT */
/* aimap report: every comparison of the facilitator's dashboard as
 * aligned text tables or as CSV, for scripts and slides. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "participation.h"
#include "export.h"
#include "nextstep.h"
#include "report-html.h"
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
	const char *output;
	bool wide;
	/* not an option: the round's participation, NULL without
	 * invitations */
	const struct participation *part;
};

enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_HTML };
static const char *const format_names[] = {"text", "csv", "html", NULL};

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
    {"format", 0, "text|csv|html",
     "aligned text tables (the default), one long CSV table, or a "
     "self-contained HTML page with charts",
     CLI_CHOICE(struct report_options, format, format_names)},
    {"wide", 0, NULL,
     "text: one wide table a view, as before (default: fit 80 columns)",
     CLI_FLAG(struct report_options, wide)},
    {"output", 'o', "FILE",
     "write FILE whole or not at all (default and -: standard output)",
     CLI_TEXT(struct report_options, output)},
    {0},
};

/* ---- text ---------------------------------------------------------------- */

/* The columns the text report fits in; 0 (--wide) for no limit. Set once
 * by print_text before anything is printed, so the views keep the
 * signatures they share with the other formats. */
static int text_width;
enum { TEXT_WIDTH = 80, LABEL_MAX = 28 };

/* A group's label as the narrow tables show it: cut with an ellipsis past
 * LABEL_MAX columns (--wide shows it whole). */
static const char *fit_label(const char *label, char *buf, size_t size)
{
	bool cut;
	if (text_width == 0)
		return label;
	size_t n = textwrap_fit(label, LABEL_MAX, &cut);
	if (!cut)
		return label;
	snprintf(buf, size, "%.*s%s", (int)n, label, textwrap_ellipsis());
	return buf;
}

/* Whether text is printable ASCII no wider than width: one line as it
 * is, without the wrapping's work (a round of a million lists a hundred
 * thousand champions) */
static bool fits_as_is(const char *text, int width)
{
	int n = 0;
	for (; text[n] != '\0'; n++)
		if (n >= width || text[n] < ' ' || text[n] > '~')
			return false;
	return true;
}

/* One item of a list: indent, then the text wrapped to the report's width
 * with its lines after the first indented by hang more. */
static void PRINTF_LIKE(4, 5)
    print_item(FILE *out, int indent, int hang, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = util_vformat(fmt, ap);
	va_end(ap);
	if (text_width == 0 || fits_as_is(text, text_width - indent - hang)) {
		fprintf(out, "%*s%s\n", indent, "", text);
		free(text);
		return;
	}
	struct wrap_line *lines = NULL;
	int n = textwrap_wrap(text, text_width - indent - hang, &lines);
	for (int i = 0; i < n; i++)
		fprintf(out, "%*s%.*s\n", indent + (i > 0 ? hang : 0), "",
			(int)lines[i].len, text + lines[i].start);
	free(lines);
	free(text);
}

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
	char n[32], ch[32], wi[32], ca[32], champ[48], caut[48], fit[256];
	const char *label = fit_label(g->label, fit, sizeof(fit));
	if (g->hidden) {
		report_hidden_words(g, min_group, n, sizeof(n));
		const char *cells[] = {label, n, "", "", "", "", "", ""};
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
	const char *cells[] = {label, n, ch, wi, ca, champ, caut, progress};
	table_add(t, cells);
}

static const char *const segment_header[] = {
    "GROUP",	 "N>",		 "CHAMPIONS>",		 "WILLING>",
    "CAUTIOUS>", "SHARE/ALONE>", "SKEPTIC/NOT STARTED>", "IN PROGRESS>"};

/* Columns cols of t as a table of their own, leaving out the rows that
 * have nothing in them but their label. */
static void print_columns(const struct table *t, const int *cols, int n,
			  FILE *out)
{
	char owned[8][48];
	const char *cells[8];
	for (int i = 0; i < n && i < 8; i++) {
		snprintf(owned[i], sizeof(owned[i]), "%s%s",
			 t->rows[0][cols[i]], t->right[cols[i]] ? ">" : "");
		cells[i] = owned[i];
	}
	struct table sub;
	table_init(&sub, n, cells);
	for (int r = 1; r < t->nrows; r++) {
		bool empty = true;
		for (int i = 0; i < n && i < 8; i++) {
			cells[i] = t->rows[r][cols[i]];
			empty = empty && (i == 0 || cells[i][0] == '\0');
		}
		if (!empty)
			table_add(&sub, cells);
	}
	table_print(&sub, out, 2);
	table_free(&sub);
}

/* The segments table whole (--wide), or as two tables that fit 80
 * columns: the shares, then the kinds of champions and cautious. */
static void print_segment_table(const struct table *t, FILE *out)
{
	static const int shares[] = {0, 1, 2, 3, 4}, kinds[] = {0, 5, 6, 7};
	if (text_width == 0) {
		table_print(t, out, 2);
		return;
	}
	print_columns(t, shares, 5, out);
	print_columns(t, kinds, 4, out);
}

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
	print_segment_table(&t, out);
	table_free(&t);
}

static void print_near_group(const struct report_group *g, int min_group,
			     FILE *out)
{
	char words[48];
	if (g->hidden)
		print_item(
		    out, 2, 4, "%s: %s", g->label,
		    report_hidden_words(g, min_group, words, sizeof(words)));
	else
		print_item(out, 2, 4, "%s: %d of %d", g->label, g->near_line,
			   g->n);
}

/* How many people a few answers from another segment, per group. */
static void print_near(const struct report *r, FILE *out)
{
	fputc('\n', out);
	print_item(out, 0, 2,
		   "Near the line (adoption within %d points of a segment "
		   "threshold: a few answers could change their segment)",
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
	print_segment_table(&t, out);
	table_free(&t);

	/* dimension means side by side, and the difference */
	char an[64], bn[64];
	snprintf(an, sizeof(an), "%s>", a->label);
	snprintf(bn, sizeof(bn), "%s>", b->label);
	/* the verdict in words: a difference within the noise of the two
	 * standard errors is "no clear difference" ("no clear" when the
	 * report fits 80 columns, as on the dashboard) */
	const char *const dh[] = {"DIMENSION", an, bn, "DIFFERENCE>", ""};
	table_init(&t, 5, dh);
	struct report_dimension_row rows[QN_MAX_DIMENSIONS];
	int n = report_dimension_rows(r->q, a, b, "", 1, rows);
	for (int d = 0; d < n; d++) {
		const char *verdict =
		    rows[d].difference[0] == '\0' ? ""
		    : rows[d].clear
			? (text_width ? "clear" : "clear difference")
		    : text_width ? "no clear"
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
		print_item(out, 2, 4, "%s: %s",
			   r->gaps[i].department ? r->gaps[i].department
						 : "Whole round",
			   sentence);
	}
}

/* Columns [first, first + n) of the heatmap as one table. */
static void print_heatmap_columns(const struct report *r, int first, int n,
				  FILE *out)
{
	const char **header = xcalloc((size_t)n + 1, sizeof(char *));
	char **owned = xcalloc((size_t)n + 1, sizeof(char *));
	header[0] = "DEPARTMENT";
	for (int c = 0; c < n; c++) {
		int d = r->dimension_order[first + c];
		owned[c] = xasprintf("%s>", r->q->dimensions[d].label);
		header[c + 1] = owned[c];
	}
	struct table t;
	table_init(&t, n + 1, header);
	const char **cells = xcalloc((size_t)n + 1, sizeof(char *));
	char(*values)[32] = xcalloc((size_t)n, sizeof(*values));
	char fit[256];
	for (int i = 0; i < r->ndepartments; i++) {
		const struct report_group *g = &r->departments[i];
		cells[0] = fit_label(g->label, fit, sizeof(fit));
		for (int c = 0; c < n; c++) {
			int d = r->dimension_order[first + c];
			values[c][0] = '\0';
			if (g->hidden && c == 0)
				report_hidden_words(g, r->min_group, values[c],
						    sizeof(values[c]));
			else if (report_has_score(g, d))
				scoring_format_score(g->dimensions[d],
						     values[c]);
			cells[c + 1] = values[c];
		}
		table_add(&t, cells);
	}
	table_print(&t, out, 2);
	table_free(&t);
	for (int c = 0; c < n; c++)
		free(owned[c]);
	free(owned);
	free(header);
	free(cells);
	free(values);
}

/* How many columns from first on fit in the report's width beside the
 * department names (all of them with --wide; always at least one). */
static int heatmap_fit(const struct report *r, int first)
{
	int nd = r->q->ndimensions;
	if (text_width == 0)
		return nd - first;
	int used = 2 + textwrap_width("DEPARTMENT");
	char fit[256];
	for (int i = 0; i < r->ndepartments; i++) {
		int w = 2 + textwrap_width(fit_label(r->departments[i].label,
						     fit, sizeof(fit)));
		if (w > used)
			used = w;
	}
	char fewer[32];
	snprintf(fewer, sizeof(fewer), "fewer than %d", r->min_group);
	int n = 0;
	for (; first + n < nd; n++) {
		int d = r->dimension_order[first + n];
		int w = textwrap_width(r->q->dimensions[d].label);
		if (w < 4)
			w = 4; /* "99.9" */
		if (n == 0 && w < textwrap_width(fewer))
			w = textwrap_width(fewer);
		if (n > 0 && used + 2 + w > text_width)
			break;
		used += 2 + w;
	}
	return n;
}

static void print_heatmap(const struct report *r, FILE *out)
{
	fprintf(out, "\nHeatmap: mean score by department, weakest dimension "
		     "first\n");
	print_item(out, 2, 0,
		   "Mean score from 0 to 100 of the people in each "
		   "department; blank: nobody there scored it; \"fewer than "
		   "%d\": too few people to show.",
		   r->min_group);
	int nd = r->q->ndimensions;
	for (int first = 0; first < nd;) {
		int n = heatmap_fit(r, first);
		if (first > 0)
			fputc('\n', out);
		print_heatmap_columns(r, first, n, out);
		first += n;
	}
}

static void print_champions(const struct report *r, FILE *out)
{
	fprintf(out, "\nChampions who agreed to be contacts (connect and "
		     "amplify)\n");
	if (r->nchampions == 0)
		fprintf(out, "  none yet\n");
	for (int i = 0; i < r->nchampions; i++)
		print_item(out, 2, 4, "%s, %s%s", r->champions[i].name,
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
			char words[48];
			print_item(out, 2, 4, "%s: %s", groups[i]->label,
				   report_hidden_words(groups[i], r->min_group,
						       words, sizeof(words)));
			continue;
		}
		p = report_phase(r->q, groups[i], why, sizeof(why));
		print_item(out, 2, 4, "%s: %s (%s)", groups[i]->label,
			   phase_name(p), why);
	}
}

/* The actions recorded for the departments of the round compared with,
 * each beside the change in what its rule measures. */
struct followups {
	struct nextstep_followup *f;
	int n;
};

static void followup_values(const struct nextstep_followup *f, char *buf,
			    size_t size)
{
	const struct qn_action_condition *c = &f->rule->conditions[0];
	char before[48], now[48];
	nextstep_value_text(c, &f->before, before, sizeof(before));
	nextstep_value_text(c, &f->now, now, sizeof(now));
	snprintf(buf, size, "%s -> %s, %s", before, now, nextstep_verdict(f));
}

static void print_followups(const struct report *r, const struct followups *fu,
			    FILE *out)
{
	fputc('\n', out);
	print_item(out, 0, 2,
		   "Actions recorded in round %s, beside what they were meant "
		   "to move",
		   r->compare.code);
	if (fu->n == 0)
		fprintf(out, "  none recorded (see: aimap action add)\n");
	for (int i = 0; i < fu->n; i++) {
		const struct nextstep_followup *f = &fu->f[i];
		const struct store_action *a = f->action;
		char due[32] = "";
		if (a->due[0] != '\0')
			snprintf(due, sizeof(due), ", due %s", a->due);
		print_item(out, 2, 3, "%lld. %s: %s (%s%.10s%s)", a->id,
			   a->department, a->text,
			   a->done_at[0] != '\0' ? "done " : "open", a->done_at,
			   due);
		if (f->rule == NULL) {
			print_item(out, 5, 2,
				   "no rule of %s: nothing measured "
				   "to follow",
				   r->q->id);
			continue;
		}
		char words[128], values[160];
		nextstep_measure_words(r->q, f->rule, words, sizeof(words));
		followup_values(f, values, sizeof(values));
		print_item(out, 5, 2, "%s: %s", words, values);
	}
}

/* The questionnaire's action rules, per department: what to do next and
 * the finding that picked it. */
static void print_next_actions(const struct report *r, FILE *out)
{
	fprintf(out, "\nNext actions, by department\n");
	if (r->q->nactions == 0) {
		fprintf(out, "  the questionnaire has no action rules\n");
		return;
	}
	for (int d = 0; d < r->ndepartments; d++) {
		struct nextstep_department nd;
		nextstep_department(r, d, &nd);
		if (nd.too_few) {
			char words[48];
			print_item(out, 2, 4, "%s: too few to say (%s)",
				   nd.department,
				   report_hidden_words(&r->departments[d],
						       r->min_group, words,
						       sizeof(words)));
			continue;
		}
		if (nd.nsteps == 0) {
			print_item(out, 2, 4, "%s: no rule picks an action",
				   nd.department);
			continue;
		}
		print_item(out, 2, 4, "%s", nd.department);
		for (int i = 0; i < nd.nsteps; i++) {
			const struct qn_action_rule *rule = nd.steps[i].rule;
			print_item(out, 4, 3, "%d. %s (%s, weeks %d-%d)", i + 1,
				   rule->text, weeks_label(rule->weeks),
				   weeks_from(rule->weeks),
				   weeks_to(rule->weeks));
			print_item(out, 7, 2, "because %s",
				   nd.steps[i].finding);
		}
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
		print_item(out, 2, 3, "%d. %s (spread %.1f over %d answers)",
			   i + 1, qq->text, r->spreads[i].spread,
			   r->spreads[i].n);
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
		if (ch->withheld || ch->moves_withheld)
			fprintf(out, "%speople in both rounds: withheld\n",
				indent);
		else if (ch->both == 0)
			fprintf(out, "%speople in both rounds: none\n", indent);
		else
			fprintf(out, "%speople in both rounds: fewer than %d\n",
				indent, min_group);
		return;
	}
	char line[512];
	struct util_text t;
	util_text_init(&t, line, sizeof(line));
	util_text_printf(&t, "people in both rounds: %d", ch->both);
	const char *sep = "; moved: ";
	for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS; from++)
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++)
			if (from != to && ch->moved[from][to] > 0) {
				util_text_printf(
				    &t, "%s%d %s -> %s", sep,
				    ch->moved[from][to],
				    segment_name((enum segment)from),
				    segment_name((enum segment)to));
				sep = ", ";
			}
	if (strcmp(sep, "; moved: ") == 0)
		util_text_printf(&t, "; nobody changed segment");
	int width = (int)strlen(indent);
	print_item(out, width, 2, "%s", line);
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
	if (ch->withheld) {
		fprintf(out, "    withheld\n");
	} else if (ch->hidden) {
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
	fputc('\n', out);
	print_item(out, 0, 2,
		   "Change since round %s (a change is clear when its 90%% "
		   "interval leaves out zero; see aimap(1))",
		   c->code);
	print_change(&c->whole, c->min_group, out);
	for (int i = 0; i < c->nchanges; i++)
		print_change(&c->changes[i], c->min_group, out);
	print_item(out, 2, 4,
		   "new: %d, did not return: %d, anonymous (not followed): %d",
		   c->new_people, c->not_returned, c->anonymous);
}

/* Invited, started and completed: people taking part, not answers. */
static void print_participation(const struct participation *p, FILE *out)
{
	char **lines;
	int n = participation_lines(p, &lines);
	fprintf(out, "Participation (invitations)\n");
	for (int i = 0; i < n; i++)
		fprintf(out, "  %s\n", lines[i]);
	fputc('\n', out);
	participation_lines_free(lines, n);
}

static void print_text(const struct store_round *round, const struct report *r,
		       const struct followups *fu,
		       const struct report_options *o, FILE *out)
{
	bool wide = o->wide;
	char abandoned[48] = "";
	if (r->all.abandoned > 0)
		snprintf(abandoned, sizeof(abandoned), ", %d abandoned",
			 r->all.abandoned);
	text_width = wide ? 0 : TEXT_WIDTH;
	print_item(out, 0, 0,
		   "Round %s \"%s\" (%s v%d): %d completed, %d in "
		   "progress%s; groups under %d are not shown.",
		   round->code, round->name, r->q->id, r->q->version, r->all.n,
		   r->all.in_progress, abandoned, r->min_group);
	fputc('\n', out);
	if (o->part != NULL)
		print_participation(o->part, out);
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
	print_next_actions(r, out);
	print_spreads(r, out);
	if (r->has_compare) {
		print_compare(r, out);
		print_followups(r, fu, out);
	}
}

/* ---- csv: one long table, the same eight fields on every row ----------- */

/* Numeric columns hold numbers only: a group too small to show (or
 * withheld) has shown 0 and an empty n, with min_group saying why; words
 * (a phase, a champion's name) go to the text column, never to value. */
struct csv_out {
	struct csv_writer w;
	int min_group;
};

/* view, group, shown, min_group, n: n may be empty (hidden, or no group) */
static void csv_row_head(struct csv_out *c, const char *view, const char *group,
			 bool shown, int min_group, const int *n)
{
	csv_text(&c->w, view);
	csv_text(&c->w, group);
	csv_int(&c->w, shown ? 1 : 0);
	csv_int(&c->w, min_group);
	if (n != NULL)
		csv_int(&c->w, *n);
	else
		csv_empty(&c->w);
}

static void csv_row_start(struct csv_out *c, const char *view,
			  const char *group, const struct report_group *g)
{
	bool hidden = g != NULL && g->hidden;
	csv_row_head(c, view, group, !hidden, c->min_group,
		     g != NULL && !hidden ? &g->n : NULL);
}

/* measure, value (a number or empty), text (empty) */
static void csv_row_real(struct csv_out *c, const char *measure, bool shown,
			 double value, int decimals)
{
	csv_text(&c->w, measure);
	if (shown)
		csv_real(&c->w, value, decimals);
	else
		csv_empty(&c->w);
	csv_empty(&c->w);
	csv_end_row(&c->w);
}

static void csv_row_int(struct csv_out *c, const char *measure, bool shown,
			int value)
{
	csv_text(&c->w, measure);
	if (shown)
		csv_int(&c->w, value);
	else
		csv_empty(&c->w);
	csv_empty(&c->w);
	csv_end_row(&c->w);
}

/* measure, an empty value, and words in text */
static void csv_row_text(struct csv_out *c, const char *measure,
			 const char *text)
{
	csv_text(&c->w, measure);
	csv_empty(&c->w);
	csv_text(&c->w, text);
	csv_end_row(&c->w);
}

static void csv_value(struct csv_out *c, const char *view, const char *group,
		      const struct report_group *g, const char *measure,
		      double value, int decimals)
{
	csv_row_start(c, view, group, g);
	csv_row_real(c, measure, g == NULL || !g->hidden, value, decimals);
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
	/* never hidden: people who have not finished gave no answers */
	csv_row_start(c, view, g->label, g);
	csv_row_int(c, "in_progress", true, g->in_progress);
	csv_value(c, view, g->label, g, "near_line", g->near_line, 0);
	char why[512];
	enum phase p = report_phase(r->q, g, why, sizeof(why));
	if (p != PHASE_NONE) {
		csv_row_start(c, view, g->label, g);
		csv_row_text(c, "phase", phase_name(p));
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
		bool shown = !gap->hidden;
		for (int k = 0; k < 3; k++) {
			char measure[48];
			for (int actual = 0; actual < 2; actual++) {
				snprintf(measure, sizeof(measure), "%s_%s_pct",
					 actual ? "actual" : "estimated",
					 parts[k]);
				const int *n =
				    actual ? &gap->team : &gap->leaders;
				csv_row_head(c, "perception_gap", group, shown,
					     c->min_group, shown ? n : NULL);
				csv_row_real(c, measure, shown,
					     actual ? gap->actual[k]
						    : gap->estimated[k],
					     1);
			}
			/* 1 when the team's answers tell the estimate from
			 * noise (outside their 90% interval), else 0 */
			snprintf(measure, sizeof(measure), "%s_clear_gap",
				 parts[k]);
			csv_row_head(c, "perception_gap", group, shown,
				     c->min_group, shown ? &gap->team : NULL);
			csv_row_int(c, measure, shown, gap->clear[k] ? 1 : 0);
		}
	}
}

/* Per department: action_N (the rule's id), action_N_value (the
 * measure its finding tells, a number) and action_N_finding (words). A
 * department too small has one row, actions, with no value. */
static void csv_next_actions(struct csv_out *c, const struct report *r)
{
	for (int d = 0; r->q->nactions > 0 && d < r->ndepartments; d++) {
		const struct report_group *g = &r->departments[d];
		struct nextstep_department nd;
		nextstep_department(r, d, &nd);
		if (nd.too_few) {
			csv_value(c, "next_actions", g->label, g, "actions", 0,
				  0);
			continue;
		}
		for (int i = 0; i < nd.nsteps; i++) {
			char measure[32];
			snprintf(measure, sizeof(measure), "action_%d", i + 1);
			csv_row_start(c, "next_actions", g->label, g);
			csv_row_text(c, measure, nd.steps[i].rule->id);
			snprintf(measure, sizeof(measure), "action_%d_value",
				 i + 1);
			csv_value(c, "next_actions", g->label, g, measure,
				  nd.steps[i].value.value, 1);
			snprintf(measure, sizeof(measure), "action_%d_finding",
				 i + 1);
			csv_row_start(c, "next_actions", g->label, g);
			csv_row_text(c, measure, nd.steps[i].finding);
		}
	}
}

static void csv_rest(struct csv_out *c, const struct report *r)
{
	for (int i = 0; i < r->nchampions; i++) {
		csv_row_start(c, "champions", r->champions[i].department, NULL);
		csv_row_text(c,
			     r->champions[i].alone ? "champion_alone"
						   : "champion_sharing",
			     r->champions[i].name);
	}
	for (int i = 0; i < r->nspreads; i++) {
		csv_row_head(c, "discuss_first", r->all.label, true,
			     c->min_group, &r->spreads[i].n);
		csv_row_real(c, r->q->questions[r->spreads[i].question].id,
			     true, r->spreads[i].spread, 1);
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
			csv_row_head(c, "transitions", cmp->code, !cmp->hidden,
				     cmp->min_group, NULL);
			csv_row_int(c, measure, !cmp->hidden,
				    cmp->moved[from][to]);
		}
	const char *names[] = {"both", "new", "not_returned", "anonymous"};
	int values[] = {cmp->both, cmp->new_people, cmp->not_returned,
			cmp->anonymous};
	for (int i = 0; i < 4; i++) {
		bool shown = !(cmp->hidden && i == 0);
		csv_row_head(c, "transitions", cmp->code, shown, cmp->min_group,
			     NULL);
		csv_row_int(c, names[i], shown, values[i]);
	}
}

/* A change row's head: n is this round's count, empty when the group is
 * under the minimum (the larger of the two rounds') or withheld. */
static void csv_change_head(struct csv_out *c, const struct report_change *ch,
			    bool shown, int min_group)
{
	bool counted = !ch->hidden && !ch->withheld;
	csv_row_head(c, "change", ch->label, shown, min_group,
		     counted ? &ch->n_now : NULL);
}

/* A group's change: its shares before and now, the change in points and
 * whether it is clear (1 or 0: a number, never words), then who moved. */
static void csv_change(struct csv_out *c, const struct report_change *ch,
		       int min_group)
{
	static const char *const parts[] = {"pct_before", "pct_now",
					    "change_pts", "clear_change"};
	bool shown = !ch->hidden && !ch->withheld;
	for (int k = 0; k < 3; k++)
		for (int m = 0; m < 4; m++) {
			char measure[64];
			enum segment seg = (enum segment)(SEGMENT_CHAMPION + k);
			snprintf(measure, sizeof(measure), "%s_%s",
				 segment_name(seg), parts[m]);
			csv_change_head(c, ch, shown, min_group);
			if (m == 3)
				csv_row_int(c, measure, shown,
					    ch->clear[k] ? 1 : 0);
			else
				csv_row_real(c, measure, shown,
					     m == 0   ? ch->shown_before[k]
					     : m == 1 ? ch->shown_now[k]
						      : ch->change[k],
					     1);
		}
	bool moves = !ch->moves_hidden && !ch->withheld;
	for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS; from++)
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++) {
			if (from == to)
				continue;
			char measure[64];
			snprintf(measure, sizeof(measure), "moved_%s_to_%s",
				 segment_name(from), segment_name(to));
			csv_change_head(c, ch, moves, min_group);
			csv_row_int(c, measure, moves, ch->moved[from][to]);
		}
}

/* view "participation": n is the people invited, value the count */
static void csv_participation(struct csv_out *c, const char *group,
			      const struct store_participation *p)
{
	const char *measures[] = {"invited", "started", "completed"};
	int values[] = {p->invited, p->started, p->completed};
	for (int k = 0; k < 3; k++) {
		csv_row_head(c, "participation", group, true, c->min_group,
			     &p->invited);
		csv_row_int(c, measures[k], true, values[k]);
	}
}

/* Per recorded action of the round compared with: its rule, the measure
 * before and now (numbers) and whether the change is clear (1 or 0). */
static void csv_followups(struct csv_out *c, const struct report *r,
			  const struct followups *fu)
{
	for (int i = 0; i < fu->n; i++) {
		const struct nextstep_followup *f = &fu->f[i];
		int d = nextstep_find_department(r, f->action->department);
		const struct report_group *g =
		    d >= 0 ? &r->departments[d] : NULL;
		char measure[48];
		snprintf(measure, sizeof(measure), "action_%lld_rule",
			 f->action->id);
		csv_row_start(c, "action_change", f->action->department, g);
		csv_row_text(c, measure, f->rule != NULL ? f->rule->id : NULL);
		if (f->rule == NULL)
			continue;
		const struct nextstep_value *v[2] = {&f->before, &f->now};
		static const char *const parts[] = {"before", "now"};
		for (int k = 0; k < 2; k++) {
			snprintf(measure, sizeof(measure), "action_%lld_%s",
				 f->action->id, parts[k]);
			csv_row_start(c, "action_change", f->action->department,
				      g);
			csv_row_real(c, measure, v[k]->known, v[k]->value, 1);
		}
		snprintf(measure, sizeof(measure), "action_%lld_clear_change",
			 f->action->id);
		csv_row_start(c, "action_change", f->action->department, g);
		csv_row_int(c, measure, f->before.known && f->now.known,
			    f->clear ? 1 : 0);
	}
}

static bool print_csv(const struct report *r, const struct participation *part,
		      const struct followups *fu, FILE *out)
{
	struct csv_out c = {.min_group = r->min_group};
	csv_init(&c.w, out, ',');
	const char *header[] = {"view", "group",   "shown", "min_group",
				"n",	"measure", "value", "text"};
	for (int i = 0; i < 8; i++)
		csv_text(&c.w, header[i]);
	csv_end_row(&c.w);
	if (part != NULL) {
		csv_participation(&c, r->all.label, &part->total);
		for (int i = 0; i < part->count; i++)
			csv_participation(&c, part->rows[i].department,
					  &part->rows[i]);
	}
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
	csv_next_actions(&c, r);
	csv_rest(&c, r);
	if (r->has_compare) {
		csv_change(&c, &r->compare.whole, r->compare.min_group);
		for (int i = 0; i < r->compare.nchanges; i++)
			csv_change(&c, &r->compare.changes[i],
				   r->compare.min_group);
		csv_followups(&c, r, fu);
	}
	return csv_ok(&c.w);
}

/* ---- the command ------------------------------------------------------ */

static bool print_report(const struct store_round *round,
			 const struct report *r, const struct followups *fu,
			 const struct report_options *o, FILE *out)
{
	if (o->format == FORMAT_CSV)
		return print_csv(r, o->part, fu, out);
	if (o->format == FORMAT_HTML) {
		char made[21];
		util_now_iso(made);
		return report_html_write(round, r, o->part, made, out);
	}
	print_text(round, r, fu, o, out);
	return !ferror(out);
}

/* To standard output, or to -o FILE whole or not at all (as exports). */
static int write_report(const struct store_round *round, const struct report *r,
			const struct followups *fu,
			const struct report_options *o)
{
	struct export_file f;
	char *error = NULL;
	if (!export_file_open(&f, o->output, &error)) {
		cli_error("%s", error);
		free(error);
		return EXIT_RUNTIME;
	}
	bool to_file = f.target != NULL;
	if (!print_report(round, r, fu, o, f.out)) {
		cli_error("cannot write the report to %s",
			  to_file ? f.target : "standard output");
		if (to_file)
			cli_error("%s: left as it was", f.target);
		export_file_abort(&f);
		return EXIT_RUNTIME;
	}
	if (!export_file_commit(&f, &error)) {
		cli_error("%s", error);
		free(error);
		return EXIT_RUNTIME;
	}
	if (to_file)
		fprintf(stderr, "Wrote the %s report of round %s to %s.\n",
			format_names[o->format], round->code, o->output);
	return EXIT_OK;
}

/* The actions recorded in the round compared with, and that round's own
 * report (by department) to read what they were meant to move. */
static bool followups_read(struct store *store, const struct cli_rounds *rounds,
			   const struct report *now, struct report *base,
			   struct store_action **actions, int *nactions,
			   struct followups *fu)
{
	if (store_action_list(store, rounds->other.id, actions, nactions) !=
	    STORE_OK)
		return false;
	if (*nactions == 0)
		return true;
	if (report_build(store, &rounds->other, rounds->other_q,
			 REPORT_BY_DEPARTMENT, NULL, NULL, base) != STORE_OK)
		return false;
	fu->f = xcalloc((size_t)*nactions, sizeof(*fu->f));
	fu->n = *nactions;
	for (int i = 0; i < *nactions; i++)
		nextstep_follow(base, now, &(*actions)[i], &fu->f[i]);
	return true;
}

static int report_run(struct cli *cli, int argc, char **argv)
{
	struct report_options o = {0};
	if (cli_parse_only_options(&cmd_report, argc, argv, &o) != EXIT_OK)
		return EXIT_USAGE;
	struct report r = {0}, base = {0};
	struct followups fu = {0};
	struct store_action *actions = NULL;
	int nactions = 0;
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
	if (rounds.has_other && !followups_read(store, &rounds, &r, &base,
						&actions, &nactions, &fu)) {
		cli_error("%s", store_error(store));
		goto out;
	}
	struct participation part = {0};
	if (rounds.round.has_invitations) {
		if (participation_load(store, rounds.round.id, &part) !=
		    STORE_OK) {
			cli_error("%s", store_error(store));
			goto out;
		}
		o.part = &part;
	}
	status = write_report(&rounds.round, &r, &fu, &o);
	participation_free(&part);
out:
	free(fu.f);
	store_actions_free(actions, nactions);
	report_free(&base);
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
    "[--leaders CODE] [--format text|csv|html] [--wide] [-o FILE]",
    "Print the round's comparisons: segments, leaders and teams, the "
    "perception gap, tracks, heatmap, champions, phase; as text, CSV or "
    "an HTML page for a board.",
    report_run,
    options,
};
