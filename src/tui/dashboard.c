/* SPDX-License-Identifier: MIT */
/* The facilitator's dashboard: a round's live state, refreshed within a
 * second or two of any answer, in views switched with Tab: live counts,
 * segments by group, leaders and teams with the perception gap, the two
 * tracks, the heatmap, the champions, the questions to discuss first,
 * the comparison with another round and the next actions by department. It only
 * reads: in WAL mode readers never block the people answering in other
 * terminals. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "nextstep.h"
#include "safetext.h"
#include "stats.h"
#include "textwrap.h"
#include "tui/tui.h"

enum view {
	VIEW_LIVE,
	VIEW_SEGMENTS,
	VIEW_LEADERS,
	VIEW_TRACKS,
	VIEW_HEATMAP,
	VIEW_CHAMPIONS,
	VIEW_DISCUSS,
	VIEW_COMPARE,
	VIEW_NEXT,
	VIEW_COUNT
};

static const char *const view_names[VIEW_COUNT] = {
    "Live",	     "Segments", "Leaders and teams",
    "Tracks",	     "Heatmap",	 "Champions",
    "Discuss first", "Compare",	 "Next actions",
};

#define REFRESH_MS 1000 /* how often to look for new answers */
/* how long the first screen waits for the first report before it shows
 * the frame and says it is reading */
#define FIRST_WAIT_MS 150

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const struct store_round *compare_round(const struct app *app)
{
	return app->dash.compare >= 0 ? &app->dash.all_rounds[app->dash.compare]
				      : NULL;
}

/* A report read, with what is shown beside it (live): shown instead of
 * the old ones, which are kept on failure (st). True when they were
 * taken: the caller no longer owns them. No SQL here: the worker read
 * everything. */
static bool report_take(struct app *app, enum store_status st,
			const char *error, struct report *fresh,
			struct report_live *live)
{
	if (st != STORE_OK) {
		tui_status(app, true, "%s", error);
		return false;
	}
	if (app->dash.have_report)
		report_free(&app->dash.report);
	report_live_free(&app->dash.live);
	app->dash.report = *fresh;
	app->dash.live = *live;
	app->dash.have_report = true;
	return true;
}

/* Read the report again: in the worker's thread, so that keys never wait
 * for it (the tick shows it once it is there), or here when the worker
 * could not start. The data version is taken first: whatever is written
 * after it makes the next tick ask again. */
static void rebuild(struct app *app)
{
	struct dashboard_state *d = &app->dash;
	store_data_version(app->store, &d->data_version);
	d->last_check_ms = now_ms();
	bool champions = d->view == VIEW_CHAMPIONS;
	if (d->worker != NULL) {
		const struct store_round *cmp = compare_round(app);
		struct report_job job = {
		    app->round.code, d->by, cmp ? cmp->code : NULL,
		    d->has_leaders ? d->leaders.code : NULL, champions};
		report_worker_ask(d->worker, &job);
		d->reading = true;
		d->reading_champions = champions;
		return;
	}
	struct report fresh;
	struct report_live live;
	enum store_status st = report_live_build(
	    NULL, app->store, &app->round, app->q, d->by, compare_round(app),
	    d->compare_q, d->has_leaders ? &d->leaders : NULL, d->leaders_q,
	    champions, &fresh, &live);
	report_take(app, st, store_error(app->store), &fresh, &live);
}

/* The report the worker finished, if there is one: true when it is. */
static bool report_arrived(struct app *app, int wait_ms)
{
	struct dashboard_state *d = &app->dash;
	if (d->worker == NULL || !d->reading)
		return false;
	struct report_result r;
	if (!report_worker_take(d->worker, wait_ms, &r)) {
		d->reading = report_worker_busy(d->worker);
		return false;
	}
	d->reading = false;
	if (report_take(app, r.status, r.error, &r.report, &r.live)) {
		memset(&r.report, 0, sizeof(r.report)); /* moved */
		memset(&r.live, 0, sizeof(r.live));
	}
	report_result_free(&r);
	return true;
}

/* Hold the results back as the round has it stored, or (--hold) store
 * that they are. */
static void sync_held(struct app *app, bool hold)
{
	bool held = hold;
	enum store_status st =
	    hold ? store_round_set_held(app->store, app->round.id, true)
		 : store_round_held(app->store, app->round.id, &held);
	if (st != STORE_OK)
		tui_status(app, true, "%s", store_error(app->store));
	app->dash.held = held;
}

bool dashboard_begin(struct app *app, const char *code)
{
	struct store_round *open;
	int n;
	if (code == NULL) {
		if (store_round_list_open(app->store, &open, &n) != STORE_OK) {
			tui_status(app, true, "%s", store_error(app->store));
			return false;
		}
		if (n == 0) {
			tui_status(app, true,
				   "No round is open: start one "
				   "with 'aimap round new NAME -q "
				   "ai-maturity'.");
			store_round_list_free(open, n);
			return false;
		}
	}
	struct store_round round;
	enum store_status st =
	    store_round_find(app->store, code ? code : open[0].code, &round);
	if (code == NULL)
		store_round_list_free(open, n);
	if (st != STORE_OK) {
		tui_status(
		    app, true,
		    st == STORE_ERR_NOT_FOUND ? "no round with code '%s' (see: "
						"aimap round list)"
					      : "%s",
		    st == STORE_ERR_NOT_FOUND ? code : store_error(app->store));
		return false;
	}
	struct questionnaire *q = tui_load_questionnaire(app, &round);
	if (q == NULL) {
		store_round_free(&round);
		return false;
	}
	bool hold = app->dash.held; /* --hold */
	dashboard_free(app);
	store_round_free(&app->round);
	questionnaire_free(app->q);
	app->round = round;
	app->q = q;
	sync_held(app, hold);
	app->dash.compare = -1;
	app->dash.view = VIEW_LIVE;
	app->dash.pager.top = 0;
	if (store_round_list(app->store, &app->dash.all_rounds,
			     &app->dash.nall_rounds) != STORE_OK)
		app->dash.nall_rounds = 0;
	app->screen = SCREEN_DASHBOARD;
	char *message = NULL;
	app->dash.worker = report_worker_start(app->store, &message);
	free(message); /* then the reports are read here, as before */
	rebuild(app);
	/* most rounds are read by then: the first screen shows them */
	report_arrived(app, FIRST_WAIT_MS);
	return app->dash.have_report || app->dash.reading;
}

bool dashboard_pair_leaders(struct app *app, const char *code)
{
	struct dashboard_state *d = &app->dash;
	enum store_status st = store_round_find(app->store, code, &d->leaders);
	if (st != STORE_OK) {
		tui_status(app, true,
			   st == STORE_ERR_NOT_FOUND
			       ? "no round with code '%s' for --leaders (see: "
				 "aimap round list)"
			       : "%s",
			   st == STORE_ERR_NOT_FOUND ? code
						     : store_error(app->store));
		return false;
	}
	d->leaders_q = tui_load_questionnaire(app, &d->leaders);
	if (d->leaders_q == NULL)
		return false;
	if (!questionnaire_asks_estimate(d->leaders_q)) {
		tui_status(app, true,
			   "round %s (questionnaire %s) asks no estimate "
			   "question: it cannot give the leaders' side of the "
			   "perception gap",
			   d->leaders.code, d->leaders_q->id);
		return false;
	}
	d->has_leaders = true;
	rebuild(app);
	return true;
}

void dashboard_free(struct app *app)
{
	if (app->dash.have_report)
		report_free(&app->dash.report);
	app->dash.have_report = false;
	report_live_free(&app->dash.live);
	/* after the reports, which point to its questionnaires */
	report_worker_stop(app->dash.worker);
	app->dash.worker = NULL;
	app->dash.reading = false;
	store_round_list_free(app->dash.all_rounds, app->dash.nall_rounds);
	app->dash.all_rounds = NULL;
	app->dash.nall_rounds = 0;
	questionnaire_free(app->dash.compare_q);
	app->dash.compare_q = NULL;
	app->dash.compare = -1;
	app->dash.held = false;
	questionnaire_free(app->dash.leaders_q);
	app->dash.leaders_q = NULL;
	store_round_free(&app->dash.leaders);
	app->dash.has_leaders = false;
}

/* ---- drawing ------------------------------------------------------------ */

/* Rows are drawn through this so long views scroll: row r of the view
 * lands on screen line top + r - the pager's top, when that line is
 * visible. */
struct canvas {
	struct app *app;
	int row;
	int top, bottom; /* screen lines available */
};

static int canvas_line(struct canvas *c)
{
	int y = c->top + c->row - c->app->dash.pager.top;
	c->row++;
	return y >= c->top && y <= c->bottom ? y : -1;
}

static void put(struct canvas *c, const char *text, int attr)
{
	int y = canvas_line(c);
	if (y >= 0)
		draw_line(y, 2, COLS - 4, text, attr);
}

/* Text wrapped to the width, one canvas row per line. */
static void put_wrapped(struct canvas *c, const char *raw, int attr)
{
	char *text = safetext_dup(raw, SAFETEXT_LINES);
	struct wrap_line *lines;
	int n = textwrap_wrap(text, COLS - 4, &lines);
	for (int i = 0; i < n; i++) {
		int y = canvas_line(c);
		if (y < 0)
			continue;
		attron(attr);
		mvaddnstr(y, 2, text + lines[i].start, (int)lines[i].len);
		attroff(attr);
	}
	free(lines);
	free(text);
}

/* Text wrapped to the width from column indent, its later lines hang
 * more columns in. */
static void put_hanging(struct canvas *c, int indent, int hang, const char *raw,
			int attr)
{
	char *text = safetext_dup(raw, SAFETEXT_LINE);
	struct wrap_line *lines;
	int n = textwrap_wrap(text, COLS - 2 - indent - hang, &lines);
	for (int i = 0; i < n; i++) {
		int y = canvas_line(c);
		if (y < 0)
			continue;
		attron(attr);
		mvaddnstr(y, indent + (i > 0 ? hang : 0), text + lines[i].start,
			  (int)lines[i].len);
		attroff(attr);
	}
	free(lines);
	free(text);
}

static void blank(struct canvas *c)
{
	c->row++;
}

static const char *segment_glyph(const struct app *app, enum segment s)
{
	static const char *const utf8[] = {"", "█", "▓", "░"};
	static const char *const ascii[] = {"", "#", "=", "."};
	return app->utf8 ? utf8[s] : ascii[s];
}

static enum tone segment_tone(enum segment s)
{
	return s == SEGMENT_CHAMPION  ? TONE_CHAMPION
	       : s == SEGMENT_WILLING ? TONE_WILLING
				      : TONE_CAUTIOUS;
}

/* One group as a stacked bar of the three segments, each in its own
 * glyph (so it reads without colour), then the shares in words. */
static void group_bar(struct canvas *c, const struct report_group *g,
		      const double pct[SEGMENT_COUNT], const char *label)
{
	struct app *app = c->app;
	int y = canvas_line(c);
	if (y < 0)
		return;
	/* the shares and " n=" with the largest count shown (the whole
	 * round's, or the compared round's) fit after the bar, so every
	 * bar of the view is as long and no count is cut */
	const struct report *r = &app->dash.report;
	int most = r->all.n;
	if (r->has_compare && r->compare.before.n > most)
		most = r->compare.before.n;
	int shares_width = (int)strlen(" C 00.0% W 00.0% K 00.0% n=") +
			   snprintf(NULL, 0, "%d", most);
	int label_width = 22, bar = COLS - label_width - 2 - shares_width;
	if (bar < 10)
		bar = 10;
	draw_line(y, 2, label_width - 1, label, A_NORMAL);
	if (g != NULL && g->hidden) {
		char fewer[48];
		report_hidden_words(g, app->dash.report.min_group, fewer,
				    sizeof(fewer));
		draw_line(y, 2 + label_width, COLS - label_width - 4, fewer,
			  draw_attr(app, TONE_DIM));
		return;
	}
	move(y, 2 + label_width);
	int used = 0;
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		int cells = (int)(pct[s] * bar / 100.0 + 0.5);
		if (s == SEGMENT_CAUTIOUS)
			cells = pct[s] > 0 ? bar - used : 0;
		if (used + cells > bar)
			cells = bar - used;
		attron(draw_attr(app, segment_tone((enum segment)s)));
		for (int i = 0; i < cells; i++)
			addstr(segment_glyph(app, (enum segment)s));
		attroff(draw_attr(app, segment_tone((enum segment)s)));
		used += cells;
	}
	char shares[64];
	char ch[16], wi[16], ca[16];
	stats_format(pct[SEGMENT_CHAMPION], 1, ch, sizeof(ch));
	stats_format(pct[SEGMENT_WILLING], 1, wi, sizeof(wi));
	stats_format(pct[SEGMENT_CAUTIOUS], 1, ca, sizeof(ca));
	snprintf(shares, sizeof(shares), " C%5s%% W%5s%% K%5s%%", ch, wi, ca);
	if (g != NULL) {
		char n[16];
		snprintf(n, sizeof(n), " n=%d", g->n);
		strncat(shares, n, sizeof(shares) - strlen(shares) - 1);
	}
	draw_line(y, 2 + label_width + bar, COLS - label_width - bar - 2,
		  shares, A_NORMAL);
}

static void group_row(struct canvas *c, const struct report_group *g)
{
	double pct[SEGMENT_COUNT] = {0};
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++)
		pct[s] = report_share(g, (enum segment)s);
	group_bar(c, g, pct, g->label);
}

/* The glyphs in the bars' own tones, so the legend matches them. */
static void legend(struct canvas *c)
{
	static const char *const names[] = {
	    "", "champions (C)", "willing middle (W)", "cautious third (K)"};
	int y = canvas_line(c);
	if (y < 0)
		return;
	int x = 2;
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		int attr = draw_attr(c->app, segment_tone((enum segment)s));
		draw_line(y, x, COLS - 2 - x,
			  segment_glyph(c->app, (enum segment)s), attr);
		draw_line(y, x + 2, COLS - 4 - x, names[s], A_NORMAL);
		x += 2 + textwrap_width(names[s]) + 3;
		if (x >= COLS - 4)
			break;
	}
}

/* text in width columns, cut with an ellipsis or padded with spaces by
 * display width (not bytes), on the left or the right. */
static void cell(char *out, size_t size, const char *text, int width,
		 bool right)
{
	bool cut;
	size_t n = textwrap_fit(text, width, &cut);
	int w = textwrap_width_n(text, n) +
		(cut ? textwrap_width(textwrap_ellipsis()) : 0);
	int pad = width > w ? width - w : 0;
	snprintf(out, size, "%*s%.*s%s%*s", right ? pad : 0, "", (int)n, text,
		 cut ? textwrap_ellipsis() : "", right ? 0 : pad, "");
}

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

static void subtype_line(struct canvas *c, const struct report_group *g)
{
	if (g->hidden)
		return;
	char text[200];
	int sh = g->subtypes[SUBTYPE_SHARING], al = g->subtypes[SUBTYPE_ALONE];
	int sk = g->subtypes[SUBTYPE_SKEPTIC];
	int ns = g->subtypes[SUBTYPE_NOT_STARTED];
	snprintf(text, sizeof(text),
		 "champions: %d share%s, %d work%s alone;  cautious: %d "
		 "skeptic%s, %d not started",
		 sh, sh == 1 ? "s" : "", al, al == 1 ? "s" : "", sk, plural(sk),
		 ns);
	/* wrapped, not cut: large counts take a second line at 80 columns */
	put_hanging(c, 6, 2, text, draw_attr(c->app, TONE_DIM));
}

static void view_live(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	char text[200];
	put(c, "Answers so far", A_BOLD);
	char label[128];
	/* the whole round's counts are the largest: every column as wide */
	int most =
	    r->all.n > r->all.in_progress ? r->all.n : r->all.in_progress;
	int w = snprintf(NULL, 0, "%d", most);
	if (w < 4)
		w = 4;
	for (int i = 0; i < r->ndepartments; i++) {
		const struct report_group *g = &r->departments[i];
		cell(label, sizeof(label), g->label, 22, false);
		snprintf(text, sizeof(text), "%s %*d done  %*d in progress",
			 label, w, g->n, w, g->in_progress);
		put(c, text, A_NORMAL);
	}
	cell(label, sizeof(label), "Whole round", 22, false);
	int n = snprintf(text, sizeof(text), "%s %*d done  %*d in progress",
			 label, w, r->all.n, w, r->all.in_progress);
	if (r->all.abandoned > 0)
		snprintf(text + n, sizeof(text) - (size_t)n, "  %*d abandoned",
			 w, r->all.abandoned);
	put(c, text, A_BOLD);
	blank(c);
	if (c->app->dash.live.part.count > 0) {
		/* who took part of those invited: not answers, never held */
		char **lines;
		int nl = participation_lines(&c->app->dash.live.part, &lines);
		put(c, "Invitations", A_BOLD);
		for (int i = 0; i < nl; i++)
			put(c, lines[i], i == nl - 1 ? A_BOLD : A_NORMAL);
		participation_lines_free(lines, nl);
		blank(c);
	}
	if (c->app->dash.held) {
		put(c,
		    "Results are held back. Press v to reveal them once "
		    "everyone has answered.",
		    draw_attr(c->app, TONE_WARNING));
		return;
	}
	legend(c);
	double third[SEGMENT_COUNT] = {0, 33.3, 33.3, 33.4};
	group_bar(c, NULL, third, "starting point");
	group_row(c, &r->all);
	subtype_line(c, &r->all);
	blank(c);
	char why[400];
	enum phase p = report_phase(r->q, &r->all, why, sizeof(why));
	if (p != PHASE_NONE) {
		char *line = xasprintf("Phase: %s (%s)", phase_name(p), why);
		put_wrapped(c, line, A_NORMAL);
		free(line);
	}
}

static void view_segments(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	char title[80];
	snprintf(title, sizeof(title), "Segments by %s (g to change)",
		 report_by_names[r->by]);
	put(c, title, A_BOLD);
	legend(c);
	double third[SEGMENT_COUNT] = {0, 33.3, 33.3, 33.4};
	group_bar(c, NULL, third, "starting point");
	group_row(c, &r->all);
	for (int i = 0; i < r->ngroups; i++) {
		group_row(c, &r->groups[i]);
		subtype_line(c, &r->groups[i]);
	}
}

/* Dimension means of two groups side by side; the last column is a
 * change when b is the same group in an earlier round, else a gap. */
static void dimension_pairs(struct canvas *c, const struct report_group *a,
			    const struct report_group *b, const char *an,
			    const char *bn)
{
	const struct report *r = &c->app->dash.report;
	char text[400], l[128], x[64], y[64], z[64];
	cell(l, sizeof(l), "", 24, false);
	cell(x, sizeof(x), an, 9, true);
	cell(y, sizeof(y), bn, 9, true);
	snprintf(text, sizeof(text), "%s%s%s %8s", l, x, y,
		 strcmp(bn, "before") == 0 ? "change" : "gap");
	put(c, text, A_BOLD);
	struct report_dimension_row rows[QN_MAX_DIMENSIONS];
	int n = report_dimension_rows(r->q, a, b, "-", 1, rows);
	for (int d = 0; d < n; d++) {
		const char *verdict = rows[d].difference[0] == '\0' ? ""
				      : rows[d].clear		    ? "  clear"
						      : "  no clear";
		cell(l, sizeof(l), rows[d].label, 24, false);
		cell(x, sizeof(x), rows[d].a, 9, true);
		cell(y, sizeof(y), rows[d].b, 9, true);
		cell(z, sizeof(z), rows[d].difference, 9, true);
		snprintf(text, sizeof(text), "%s%s%s%s%s", l, x, y, z, verdict);
		put(c, text, A_NORMAL);
	}
}

/* Two groups side by side: their segments, then their dimension means. */
static void two_groups(struct canvas *c, const char *title,
		       const struct report_group *a,
		       const struct report_group *b, const char *an,
		       const char *bn)
{
	put(c, title, A_BOLD);
	legend(c);
	group_row(c, a);
	group_row(c, b);
	blank(c);
	dimension_pairs(c, a, b, an, bn);
}

/* A list's heading, and what to say while the list is empty. */
static void heading(struct canvas *c, const char *title, int count,
		    const char *none)
{
	put(c, title, A_BOLD);
	if (count == 0)
		put(c, none, draw_attr(c->app, TONE_DIM));
}

static void view_leaders(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	two_groups(c,
		   "Leaders (executives, managers, senior technical) and "
		   "their teams",
		   &r->leaders, &r->teams, "leaders", "teams");
	blank(c);
	heading(c,
		"Perception gap: what leaders estimate against what their "
		"teams report",
		r->ngaps, "No leader has answered an estimate question yet.");
	if (r->leaders_code[0] != '\0') {
		char from[64];
		snprintf(from, sizeof(from),
			 "The leaders answered in round %s.", r->leaders_code);
		put(c, from, draw_attr(c->app, TONE_DIM));
	}
	for (int i = 0; i < r->ngaps; i++) {
		char sentence[256];
		report_gap_sentence(&r->gaps[i], sentence, sizeof(sentence));
		char *line =
		    xasprintf("%s: %s",
			      r->gaps[i].department ? r->gaps[i].department
						    : "Whole round",
			      sentence);
		put_wrapped(c, line, A_NORMAL);
		free(line);
	}
}

static void view_tracks(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	two_groups(c, "Technical track and citizen builders",
		   &r->tracks[TRACK_TECHNICAL], &r->tracks[TRACK_CITIZEN],
		   "technical", "citizen");
}

/* The heatmap's five shades: the lowest score of each, and a glyph that
 * tells them apart without colour. */
enum { SHADES = 5 };
static const int shade_min[SHADES] = {0, 30, 45, 60, 75};

static int shade_of(double score)
{
	int k = 0;
	while (k + 1 < SHADES && score >= shade_min[k + 1])
		k++;
	return k;
}

static const char *shade_glyph(const struct app *app, int k)
{
	static const char *const utf8[SHADES] = {"▁", "▂", "▄", "▆", "█"};
	static const char *const ascii[SHADES] = {".", ":", "-", "=", "#"};
	return app->utf8 ? utf8[k] : ascii[k];
}

static void heat_legend(struct canvas *c)
{
	int y = canvas_line(c);
	if (y < 0)
		return;
	int x = 2;
	for (int k = 0; k < SHADES && x < COLS - 12; k++) {
		char text[32];
		if (k + 1 < SHADES)
			snprintf(text, sizeof(text), " %s %d-%d ",
				 shade_glyph(c->app, k), shade_min[k],
				 shade_min[k + 1] - 1);
		else
			snprintf(text, sizeof(text), " %s %d+ ",
				 shade_glyph(c->app, k), shade_min[k]);
		draw_line(y, x, COLS - 2 - x, text,
			  draw_attr(c->app, TONE_HEAT_0 + k));
		x += textwrap_width(text) + 1;
	}
}

/* Dimensions [first, first + n) as columns as wide as their labels. */
static void heat_columns(struct canvas *c, int first, int n, int label)
{
	const struct report *r = &c->app->dash.report;
	int width[QN_MAX_DIMENSIONS], x[QN_MAX_DIMENSIONS];
	int y = canvas_line(c);
	for (int k = 0, at = 2 + label; k < n; k++) {
		const char *name =
		    r->q->dimensions[r->dimension_order[first + k]].label;
		width[k] = textwrap_width(name);
		width[k] = width[k] < 7 ? 7 : width[k];
		if (at + width[k] >
		    COLS - 2) /* a label wider than the screen */
			width[k] = COLS - 2 - at > 7 ? COLS - 2 - at : 7;
		x[k] = at;
		at += width[k] + 2;
		if (y >= 0)
			draw_line(y, x[k], width[k], name, A_BOLD);
	}
	for (int i = 0; i < r->ndepartments; i++) {
		const struct report_group *g = &r->departments[i];
		y = canvas_line(c);
		if (y < 0)
			continue;
		draw_line(y, 2, label - 1, g->label, A_NORMAL);
		if (g->hidden) {
			char fewer[32];
			report_hidden_words(g, r->min_group, fewer,
					    sizeof(fewer));
			draw_line(y, 2 + label, COLS - label - 4, fewer,
				  draw_attr(c->app, TONE_DIM));
			continue;
		}
		for (int k = 0; k < n; k++) {
			int d = r->dimension_order[first + k];
			char v[16] = "-", text[48];
			int attr = (int)A_NORMAL;
			if (report_has_score(g, d)) {
				int shade = shade_of(g->dimensions[d]);
				scoring_format_score(g->dimensions[d], v);
				attr = draw_attr(c->app, TONE_HEAT_0 + shade);
				snprintf(text, sizeof(text), "%*s %s",
					 width[k] - 2, v,
					 shade_glyph(c->app, shade));
			} else {
				snprintf(text, sizeof(text), "%*s ",
					 width[k] - 2, v);
			}
			draw_line(y, x[k], width[k], text, attr);
		}
	}
}

/* As many columns as fit beside the department names, then the next
 * ones under them: every label whole, at any width. */
static void view_heatmap(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	put(c, "Mean score by department, weakest dimension first", A_BOLD);
	heat_legend(c);
	int nd = r->q->ndimensions, label = 18;
	for (int first = 0; first < nd;) {
		int n = 0, used = 2 + label; /* where the next column starts */
		while (first + n < nd) {
			int d = r->dimension_order[first + n];
			int w = textwrap_width(r->q->dimensions[d].label);
			w = w < 7 ? 7 : w;
			if (n > 0 && used + w > COLS - 2)
				break;
			used += w + 2;
			n++;
		}
		blank(c);
		heat_columns(c, first, n, label);
		first += n;
	}
}

static void view_champions(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	if (!r->has_champions) {
		/* the report shown was read for another view: never an empty
		 * list that looks real */
		put(c,
		    c->app->dash.reading
			? "Reading the champions who agreed to be contacts..."
			: "The champions could not be read: switch views to "
			  "try again.",
		    draw_attr(c->app, TONE_DIM));
		return;
	}
	heading(c,
		"Champions who agreed to be contacts: connect and amplify them",
		r->nchampions, "None yet.");
	for (int i = 0; i < r->nchampions; i++) {
		char text[256];
		snprintf(text, sizeof(text), "%s, %s%s", r->champions[i].name,
			 r->champions[i].department,
			 r->champions[i].alone
			     ? "  (works alone: give them a stage)"
			     : "");
		put(c, text, A_NORMAL);
	}
}

/* How far apart the answers are, in words a room understands. */
static const char *spread_words(double spread)
{
	if (spread >= 35)
		return "the room is split";
	if (spread >= 20)
		return "answers spread widely";
	return "most people answered alike";
}

/* Each choice's text, how many chose it, and a bar of its share. */
static void spread_choices(struct canvas *c, const struct report_spread *sp)
{
	const struct qn_question *qq =
	    &c->app->dash.report.q->questions[sp->question];
	/* the counts as wide as the most there can be (a million is seven
	 * digits), then the share: "  1234 56%" */
	int countw = snprintf(NULL, 0, "%d", sp->n);
	if (countw < 4)
		countw = 4;
	int numberw = countw + 6;
	int textw = COLS - 24 - numberw;
	if (textw > 80)
		textw = 80;
	for (int k = 0; k < qq->nchoices && k < QN_MAX_CHOICES; k++) {
		int y = canvas_line(c);
		if (y < 0)
			continue;
		char number[24], label[200];
		snprintf(number, sizeof(number), "%d", k + 1);
		const char *text =
		    qq->choices[k].text != NULL ? qq->choices[k].text : number;
		cell(label, sizeof(label), text, textw, false);
		draw_line(y, 6, textw, label, A_NORMAL);
		double share = sp->n > 0 ? (double)sp->counts[k] / sp->n : 0;
		snprintf(number, sizeof(number), "%*d %3.0f%%", countw,
			 sp->counts[k], 100 * share);
		draw_line(y, 7 + textw, numberw, number, A_NORMAL);
		draw_bar(c->app, y, 8 + textw + numberw, 12, share,
			 draw_attr(c->app, TONE_BAR));
	}
}

static void view_discuss(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	heading(c, "Discuss first: the questions that divide the room most",
		r->nspreads, "Not enough answers yet.");
	if (r->nspreads > 0)
		put_wrapped(c,
			    "Spread is how far apart the answers are, from 0 "
			    "(everyone gave the same answer) to 50 (half at "
			    "each end).",
			    draw_attr(c->app, TONE_DIM));
	for (int i = 0; i < r->nspreads; i++) {
		const struct report_spread *sp = &r->spreads[i];
		const struct qn_question *qq = &r->q->questions[sp->question];
		blank(c);
		char *line = xasprintf("%d. %s", i + 1, qq->text);
		put_wrapped(c, line, A_BOLD);
		free(line);
		line = xasprintf("   spread %.0f over %d answers: %s",
				 sp->spread, sp->n, spread_words(sp->spread));
		put_wrapped(c, line, draw_attr(c->app, TONE_DIM));
		free(line);
		spread_choices(c, sp);
	}
}

/* Each group's change in champions, and whether it is clear (its 90%
 * interval leaves out zero): the same words as aimap report. */
static void change_lines(struct canvas *c, const struct report *r)
{
	const struct report_compare *cmp = &r->compare;
	char text[200];
	snprintf(text, sizeof(text), "Champions by %s, before -> now",
		 report_by_names[r->by]);
	put(c, text, A_BOLD);
	for (int i = -1; i < cmp->nchanges; i++) {
		const struct report_change *ch =
		    i < 0 ? &cmp->whole : &cmp->changes[i];
		if (ch->withheld) {
			snprintf(text, sizeof(text), "  %-22.22s withheld",
				 ch->label);
			put(c, text, draw_attr(c->app, TONE_DIM));
			continue;
		}
		if (ch->hidden) {
			snprintf(text, sizeof(text),
				 "  %-22.22s fewer than %d in one of the "
				 "rounds",
				 ch->label, cmp->min_group);
			put(c, text, draw_attr(c->app, TONE_DIM));
			continue;
		}
		char b[16], n[16], d[16];
		stats_format(ch->shown_before[0], 1, b, sizeof(b));
		stats_format(ch->shown_now[0], 1, n, sizeof(n));
		stats_format(ch->change[0], 1, d, sizeof(d));
		char moved[48] = "";
		if (!ch->moves_hidden) {
			int up = 0, down = 0;
			for (int f = SEGMENT_CHAMPION; f <= SEGMENT_CAUTIOUS;
			     f++)
				for (int t = SEGMENT_CHAMPION;
				     t <= SEGMENT_CAUTIOUS; t++) {
					/* champion is the lowest number */
					if (t < f)
						up += ch->moved[f][t];
					else if (t > f)
						down += ch->moved[f][t];
				}
			snprintf(moved, sizeof(moved), "  up %d down %d", up,
				 down);
		}
		snprintf(
		    text, sizeof(text), "  %-22.22s %5s%% -> %5s%% %s%s %s%s",
		    ch->label, b, n, ch->change[0] > 0 ? "+" : "", d,
		    ch->clear[0] ? "clear change" : "no clear change", moved);
		put(c, text, ch->clear[0] ? A_BOLD : A_NORMAL);
	}
}

/* Each action recorded for the compared round beside the change in what
 * its rule measures (nextstep_follow). */
static void compare_actions(struct canvas *c)
{
	const struct dashboard_state *d = &c->app->dash;
	const struct report_live *l = &d->live;
	blank(c);
	char text[600];
	snprintf(text, sizeof(text), "Actions recorded in round %s: %d",
		 d->report.compare.code, l->nactions);
	put(c, text, A_BOLD);
	if (l->nactions > 0 && !l->have_before)
		return;
	for (int i = 0; i < l->nactions; i++) {
		const struct store_action *a = &l->actions[i];
		struct nextstep_followup f;
		nextstep_follow(&l->before, &d->report, a, &f);
		snprintf(text, sizeof(text), "%lld. %s: %s (%s)", a->id,
			 a->department, a->text,
			 a->done_at[0] != '\0' ? "done" : "open");
		put_hanging(c, 2, 3, text, A_NORMAL);
		if (f.rule == NULL) {
			put_hanging(c, 5, 0,
				    "no rule: nothing measured to follow",
				    draw_attr(c->app, TONE_DIM));
			continue;
		}
		const struct qn_action_condition *cond = &f.rule->conditions[0];
		char words[128], before[48], now[48];
		nextstep_measure_words(d->report.q, f.rule, words,
				       sizeof(words));
		nextstep_value_text(cond, &f.before, before, sizeof(before));
		nextstep_value_text(cond, &f.now, now, sizeof(now));
		snprintf(text, sizeof(text), "%s: %s -> %s, %s", words, before,
			 now, nextstep_verdict(&f));
		put_hanging(c, 5, 2, text,
			    f.clear ? (int)A_BOLD
				    : draw_attr(c->app, TONE_DIM));
	}
}

static void view_compare(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	if (!r->has_compare && c->app->dash.reading &&
	    compare_round(c->app) != NULL) {
		char *line = xasprintf("Reading round %s to compare with...",
				       compare_round(c->app)->code);
		put(c, line, draw_attr(c->app, TONE_DIM));
		free(line);
		return;
	}
	if (!r->has_compare) {
		put(c, "Press c to choose an earlier round to compare with.",
		    draw_attr(c->app, TONE_DIM));
		return;
	}
	const struct report_compare *cmp = &r->compare;
	char text[200];
	snprintf(text, sizeof(text), "Change since round %s", cmp->code);
	put(c, text, A_BOLD);
	legend(c);
	group_row(c, &cmp->before);
	group_row(c, &r->all);
	blank(c);
	dimension_pairs(c, &r->all, &cmp->before, "now", "before");
	blank(c);
	change_lines(c, r);
	blank(c);
	if (cmp->withheld) {
		put(c, "People in both rounds: withheld", A_NORMAL);
	} else if (cmp->hidden) {
		snprintf(text, sizeof(text),
			 "People in both rounds: fewer than %d",
			 cmp->min_group);
		put(c, text, A_NORMAL);
	} else {
		snprintf(text, sizeof(text), "People in both rounds: %d",
			 cmp->both);
		put(c, text, A_BOLD);
		for (int f = SEGMENT_CHAMPION; f <= SEGMENT_CAUTIOUS; f++)
			for (int t = SEGMENT_CHAMPION; t <= SEGMENT_CAUTIOUS;
			     t++) {
				if (f == t || cmp->moved[f][t] == 0)
					continue;
				snprintf(text, sizeof(text),
					 "  %d moved from %s to %s",
					 cmp->moved[f][t],
					 segment_label((enum segment)f),
					 segment_label((enum segment)t));
				put(c, text, A_NORMAL);
			}
	}
	snprintf(text, sizeof(text),
		 "New: %d   did not return: %d   anonymous (not followed): %d",
		 cmp->new_people, cmp->not_returned, cmp->anonymous);
	put(c, text, A_NORMAL);
	compare_actions(c);
}

/* Per department, the one to three actions the questionnaire's rules
 * pick, with the finding behind each (nextstep.h). */
static void view_next(struct canvas *c)
{
	const struct report *r = &c->app->dash.report;
	heading(c, "Next actions by department, from the questionnaire's rules",
		r->q->nactions, "The questionnaire has no action rules.");
	for (int d = 0; r->q->nactions > 0 && d < r->ndepartments; d++) {
		struct nextstep_department nd;
		nextstep_department(r, d, &nd);
		char text[512];
		blank(c);
		if (nd.too_few) {
			char words[48];
			snprintf(text, sizeof(text), "%s: too few to say (%s)",
				 nd.department,
				 report_hidden_words(&r->departments[d],
						     r->min_group, words,
						     sizeof(words)));
			put_hanging(c, 2, 2, text, A_NORMAL);
			continue;
		}
		if (nd.nsteps == 0) {
			snprintf(text, sizeof(text),
				 "%s: no rule picks an action", nd.department);
			put_hanging(c, 2, 2, text, A_NORMAL);
			continue;
		}
		put_hanging(c, 2, 2, nd.department, A_BOLD);
		for (int i = 0; i < nd.nsteps; i++) {
			const struct qn_action_rule *rule = nd.steps[i].rule;
			snprintf(text, sizeof(text), "%d. %s (%s, weeks %d-%d)",
				 i + 1, rule->text, weeks_label(rule->weeks),
				 weeks_from(rule->weeks),
				 weeks_to(rule->weeks));
			put_hanging(c, 4, 3, text, A_NORMAL);
			snprintf(text, sizeof(text), "because %s",
				 nd.steps[i].finding);
			put_hanging(c, 7, 2, text, draw_attr(c->app, TONE_DIM));
		}
	}
}

typedef void (*view_fn)(struct canvas *c);

static const view_fn views[VIEW_COUNT] = {
    view_live,	    view_segments, view_leaders, view_tracks, view_heatmap,
    view_champions, view_discuss,  view_compare, view_next,
};

/* The view on screen lines top..bottom, from the pager's top line on;
 * returns the rows it has. With bottom < top it only counts them. */
static int draw_view(struct app *app, int top, int bottom)
{
	struct canvas c = {app, 0, top, bottom};
	if (app->dash.held && app->dash.view != VIEW_LIVE)
		put(&c,
		    "Results are held back. Press v to reveal them once "
		    "everyone has answered.",
		    draw_attr(app, TONE_WARNING));
	else
		views[app->dash.view](&c);
	return c.row;
}

/* Where a view is cut, say so and how to see the rest: above on the
 * line under the title, below on a line of its own. */
static void scroll_marks(struct app *app, int mark_line)
{
	const struct pager *p = &app->dash.pager;
	const char *up = app->utf8 ? "↑" : "^";
	const char *down = app->utf8 ? "↓" : "v";
	char text[96];
	int attr = draw_attr(app, TONE_TITLE);
	if (pager_more_above(p)) {
		snprintf(text, sizeof(text), " %s more above: PgUp, Home ", up);
		int w = textwrap_width(text);
		draw_line(1, COLS - w - 1, w, text, attr);
	}
	if (mark_line < 0)
		return;
	if (pager_more_below(p))
		snprintf(text, sizeof(text),
			 " %s more below: PgDn, Space, End  (%d of %d lines) ",
			 down, p->top + p->height, p->lines);
	else
		snprintf(text, sizeof(text), " end of the view: PgUp, Home ");
	draw_line(mark_line, 2, COLS - 4, text, attr);
}

static void dashboard_draw(struct app *app)
{
	curs_set(0);
	char right[96];
	snprintf(right, sizeof(right), "%s%s %d/%d",
		 app->dash.reading ? "reading... " : "",
		 view_names[app->dash.view], app->dash.view + 1, VIEW_COUNT);
	char title[160];
	snprintf(title, sizeof(title), "Dashboard: round %s \"%s\"",
		 app->round.code, app->round.name);
	draw_frame(
	    app, title, right,
	    "Tab/Left/Right views   g group   c compare   v hold/reveal  "
	    " q quit|Tab views  g group  c compare  v reveal  q quit");
	if (!app->dash.have_report) {
		draw_line(2, 2, COLS - 4, "Reading the round's answers...",
			  draw_attr(app, TONE_DIM));
		return;
	}
	/* a view taller than the screen gives its last line to the mark */
	int rows = draw_view(app, 1, 0);
	int height = LINES - 3;
	bool cut = rows > height;
	if (cut)
		height--;
	pager_set_size(&app->dash.pager, rows, height);
	draw_view(app, 2, 2 + height - 1);
	scroll_marks(app, cut ? 2 + height : -1);
}

static void next_compare(struct app *app)
{
	questionnaire_free(app->dash.compare_q);
	app->dash.compare_q = NULL;
	do {
		app->dash.compare++;
		if (app->dash.compare >= app->dash.nall_rounds) {
			app->dash.compare = -1;
			break;
		}
	} while (!report_can_compare(&app->round,
				     &app->dash.all_rounds[app->dash.compare],
				     NULL, 0, NULL));
	if (app->dash.compare >= 0) {
		app->dash.compare_q =
		    tui_load_questionnaire(app, compare_round(app));
		if (app->dash.compare_q == NULL)
			app->dash.compare = -1;
	}
	app->dash.view = VIEW_COMPARE;
	rebuild(app);
}

/* Show view: the Champions view asks for a report that lists them,
 * unless the one shown or the one being read does. */
static void view_show(struct app *app, int view)
{
	struct dashboard_state *d = &app->dash;
	d->view = view;
	d->pager.top = 0;
	if (view == VIEW_CHAMPIONS &&
	    !(d->have_report && d->report.has_champions) &&
	    !(d->reading && d->reading_champions))
		rebuild(app);
}

static bool dashboard_key(struct app *app, const struct tui_key *k)
{
	switch (k->action) {
	case ACTION_NEXT:
		view_show(app, (app->dash.view + 1) % VIEW_COUNT);
		return true;
	case ACTION_PREVIOUS:
		view_show(app, (app->dash.view + VIEW_COUNT - 1) % VIEW_COUNT);
		return true;
	case ACTION_GROUP:
		app->dash.by = (enum report_by)((app->dash.by + 1) % 3);
		app->dash.view = VIEW_SEGMENTS;
		rebuild(app);
		return true;
	case ACTION_COMPARE:
		next_compare(app);
		return true;
	case ACTION_REVEAL:
		if (store_round_set_held(app->store, app->round.id,
					 !app->dash.held) == STORE_OK)
			app->dash.held = !app->dash.held;
		else
			tui_status(app, true, "%s", store_error(app->store));
		return true;
	default:
		return pager_scroll(&app->dash.pager, k->action);
	}
}

/* Answers arriving in other terminals change SQLite's data_version; only
 * then is the report read again. A report the worker finished is shown
 * at once. */
static bool dashboard_tick(struct app *app)
{
	bool arrived = report_arrived(app, 0);
	long long now = now_ms();
	if (now - app->dash.last_check_ms < REFRESH_MS)
		return arrived;
	app->dash.last_check_ms = now;
	long long version;
	if (store_data_version(app->store, &version) != STORE_OK ||
	    version == app->dash.data_version)
		return arrived;
	/* another dashboard of the round may have held or revealed it */
	sync_held(app, false);
	rebuild(app);
	return true;
}

static bool dashboard_waiting(const struct app *app)
{
	return app->dash.reading;
}

/* What the help lists here. */
static const enum action dashboard_keys[] = {
    ACTION_UP,	   ACTION_DOWN,	    ACTION_PAGE_UP, ACTION_PAGE_DOWN,
    ACTION_NEXT,   ACTION_PREVIOUS, ACTION_GROUP,   ACTION_COMPARE,
    ACTION_REVEAL, ACTION_NONE};

const struct screen_ops screen_dashboard = {.draw = dashboard_draw,
					    .key = dashboard_key,
					    .tick = dashboard_tick,
					    .waiting = dashboard_waiting,
					    .leave = tui_leave_home,
					    .help = true,
					    .keys = dashboard_keys};
