/* SPDX-License-Identifier: MIT */
/* The result: the segment and sub-type in plain words, why, a bar per
 * dimension, and the questionnaire's next steps. Long results scroll. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textwrap.h"
#include "tui/tui.h"

enum entry_kind { ENTRY_TEXT, ENTRY_HEADING, ENTRY_BAR, ENTRY_BLANK };

struct entry {
	enum entry_kind kind;
	char *text;
	int attr;
	double score; /* ENTRY_BAR */
};

struct entries {
	struct entry *items;
	int count;
};

static void add(struct entries *e, enum entry_kind kind, const char *text,
		int attr, double score)
{
	e->items =
	    xreallocarray(e->items, (size_t)e->count + 1, sizeof(*e->items));
	e->items[e->count++] =
	    (struct entry){kind, text ? xstrdup(text) : NULL, attr, score};
}

static enum tone segment_tone(enum segment s)
{
	switch (s) {
	case SEGMENT_CHAMPION:
		return TONE_CHAMPION;
	case SEGMENT_WILLING:
		return TONE_WILLING;
	case SEGMENT_CAUTIOUS:
		return TONE_CAUTIOUS;
	default:
		return TONE_NORMAL;
	}
}

static enum guidance_kind guide_of_segment(enum segment s)
{
	return s == SEGMENT_CHAMPION  ? GUIDE_CHAMPION
	       : s == SEGMENT_WILLING ? GUIDE_WILLING
				      : GUIDE_CAUTIOUS;
}

static int guide_of_subtype(enum subtype s)
{
	switch (s) {
	case SUBTYPE_SHARING:
		return GUIDE_SHARING;
	case SUBTYPE_ALONE:
		return GUIDE_ALONE;
	case SUBTYPE_SKEPTIC:
		return GUIDE_SKEPTIC;
	case SUBTYPE_NOT_STARTED:
		return GUIDE_NOT_STARTED;
	default:
		return -1;
	}
}

/* The guidance of the segment and then, when known, of the sub-type:
 * both summaries, then all their steps numbered as one list. */
static void add_guidance(struct entries *e, const struct questionnaire *q,
			 const struct scoring_result *r)
{
	const struct qn_guidance *parts[2] = {
	    &q->guidance[guide_of_segment(r->segment)], NULL};
	int sub = guide_of_subtype(r->subtype);
	if (sub >= 0 && q->guidance[sub].summary != NULL)
		parts[1] = &q->guidance[sub];
	add(e, ENTRY_HEADING, "What next", A_BOLD, 0);
	for (int p = 0; p < 2; p++)
		if (parts[p] != NULL && parts[p]->summary != NULL)
			add(e, ENTRY_TEXT, parts[p]->summary, A_NORMAL, 0);
	add(e, ENTRY_BLANK, NULL, 0, 0);
	int n = 0;
	for (int p = 0; p < 2; p++) {
		for (int i = 0; parts[p] != NULL && i < parts[p]->nsteps; i++) {
			char *line =
			    xasprintf("%d. %s", ++n, parts[p]->steps[i]);
			add(e, ENTRY_TEXT, line, A_NORMAL, 0);
			free(line);
		}
	}
}

/* Every dimension that scored low, with its score as the bars show it
 * and the questionnaire's next action where it gives one, so the list
 * agrees with the bars above it. */
static void add_advice(struct entries *e, const struct questionnaire *q,
		       const struct scoring_result *r)
{
	bool any = false;
	for (int d = 0; d < q->ndimensions; d++) {
		if (!scoring_is_low(q, r, d))
			continue;
		if (!any) {
			add(e, ENTRY_BLANK, NULL, 0, 0);
			add(e, ENTRY_HEADING, "Where you scored low", A_BOLD,
			    0);
			any = true;
		}
		char score[16];
		scoring_format_score(r->dimension[d], score);
		char *line =
		    scoring_needs_advice(q, r, d)
			? xasprintf("%s (%s): %s", q->dimensions[d].label,
				    score, q->dimensions[d].advice)
			: xasprintf("%s (%s)", q->dimensions[d].label, score);
		add(e, ENTRY_TEXT, line, A_NORMAL, 0);
		free(line);
	}
}

/* A leader's own perception gap, shown to them alone: their estimate
 * against what their team reported in this round, once the team has the
 * minimum of answers. Read afresh, so coming back later shows more. Not
 * on a kiosk: a shared screen in a workshop room is not "them alone". */
static void add_own_gap(struct entries *e, const struct app *app)
{
	const struct session_state *s = &app->session;
	int question = -1;
	for (int i = 0; i < app->q->nquestions && question < 0; i++)
		if (app->q->questions[i].type == QTYPE_ESTIMATE &&
		    s->estimates[i][0] + s->estimates[i][1] +
			    s->estimates[i][2] >
			0)
			question = i;
	if (!role_is_leader(s->role) || question < 0 || app->kiosk.on)
		return;
	struct report rep;
	if (report_build(app->store, &app->round, app->q, REPORT_BY_DEPARTMENT,
			 NULL, NULL, &rep) != STORE_OK)
		return;
	char line[512];
	report_own_gap(&rep, s->department, s->role, s->estimates[question][0],
		       line, sizeof(line));
	report_free(&rep);
	add(e, ENTRY_BLANK, NULL, 0, 0);
	add(e, ENTRY_HEADING,
	    "Your estimate against your team (only you see this)", A_BOLD, 0);
	add(e, ENTRY_TEXT, line, A_NORMAL, 0);
}

static struct entries build(const struct app *app)
{
	struct entries e = {0};
	const struct scoring_result *r = &app->session.result;
	char line[256];
	if (!r->classified) {
		add(&e, ENTRY_HEADING, "Not classified", A_BOLD, 0);
	} else if (r->subtype == SUBTYPE_NONE) {
		snprintf(line, sizeof(line), "Your result: %s",
			 segment_label(r->segment));
		add(&e, ENTRY_HEADING, line,
		    draw_attr(app, segment_tone(r->segment)), 0);
	} else {
		snprintf(line, sizeof(line), "Your result: %s, %s",
			 segment_label(r->segment), subtype_label(r->subtype));
		add(&e, ENTRY_HEADING, line,
		    draw_attr(app, segment_tone(r->segment)), 0);
	}
	add(&e, ENTRY_BLANK, NULL, 0, 0);
	add(&e, ENTRY_HEADING, "Why", A_BOLD, 0);
	char why[2048];
	scoring_explain(app->q, r, why, sizeof(why));
	for (char *save = NULL, *l = strtok_r(why, "\n", &save); l != NULL;
	     l = strtok_r(NULL, "\n", &save))
		add(&e, ENTRY_TEXT, l, A_NORMAL, 0);
	add(&e, ENTRY_BLANK, NULL, 0, 0);
	add(&e, ENTRY_HEADING, "Your scores (0-100)", A_BOLD, 0);
	for (int d = 0; d < app->q->ndimensions; d++)
		if (r->answered[d])
			add(&e, ENTRY_BAR, app->q->dimensions[d].label, 0,
			    r->dimension[d]);
	if (r->classified) {
		add(&e, ENTRY_BLANK, NULL, 0, 0);
		add_guidance(&e, app->q, r);
	}
	add_advice(&e, app->q, r);
	add_own_gap(&e, app);
	return e;
}

static void free_entries(struct entries *e)
{
	for (int i = 0; i < e->count; i++)
		free(e->items[i].text);
	free(e->items);
}

/* Draw an entry from its line skip on (it may start above the view);
 * returns the rows it took. */
static int draw_entry(const struct app *app, const struct entry *en, int y,
		      int skip, int rows)
{
	int width = COLS - 4;
	switch (en->kind) {
	case ENTRY_BLANK:
		return 1;
	case ENTRY_BAR: {
		int label = width / 3, bar = width - label - 7;
		char score[16];
		scoring_format_score(en->score, score);
		draw_line(y, 2, label - 1, en->text, A_NORMAL);
		draw_bar(app, y, 2 + label, bar, en->score / 100.0,
			 draw_attr(app, TONE_BAR));
		mvaddstr(y, 3 + label + bar, score);
		return 1;
	}
	default:
		return draw_wrapped_from(y, 2, width, skip, rows, en->text,
					 en->attr);
	}
}

static int entry_height(const struct entry *en)
{
	if (en->kind == ENTRY_BLANK || en->kind == ENTRY_BAR)
		return 1;
	int h = draw_wrapped_height(en->text, COLS - 4);
	return h > 0 ? h : 1;
}

static void result_draw(struct app *app)
{
	curs_set(0);
	struct entries e = build(app);
	int total = 0;
	for (int i = 0; i < e.count; i++)
		total += entry_height(&e.items[i]);
	int top = 2, height = LINES - 3;
	struct pager *p = &app->session.result_pager;
	pager_set_size(p, total, height);
	char hints[160];
	const char *leave = app->kiosk.on ? "Enter finish (clears the screen "
					    "for the next person)"
					  : "q leave";
	if (pager_more_above(p) || pager_more_below(p))
		snprintf(hints, sizeof(hints),
			 "Up/Down scroll (%d%% shown)   %s",
			 100 * (p->top + height) / total, leave);
	else
		snprintf(hints, sizeof(hints), "%s", leave);
	draw_frame(app, app->q->title, "Your result", hints);
	int line = 0, y = top;
	for (int i = 0; i < e.count && y < top + height; i++) {
		int h = entry_height(&e.items[i]);
		if (line + h <= p->top) {
			line += h;
			continue;
		}
		int skip = line < p->top ? p->top - line : 0;
		y += draw_entry(app, &e.items[i], y, skip, top + height - y);
		line += h;
	}
	free_entries(&e);
}

static bool result_key(struct app *app, const struct tui_key *k)
{
	if (k->action == ACTION_CONFIRM) {
		session_leave(app);
		return true;
	}
	return pager_scroll(&app->session.result_pager, k->action);
}

/* What the help lists here. */
static const enum action result_keys[] = {
    ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_NONE};

const struct screen_ops screen_result = {.draw = result_draw,
					 .key = result_key,
					 .leave = session_leave,
					 .help = true,
					 .keys = result_keys};
