/* SPDX-License-Identifier: MIT */
/* The review: the profile and every answer on one list, to change any of
 * them before submitting. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "flow.h"
#include "textwrap.h"
#include "tui/tui.h"

/* Row 0 is the profile; rows 1.. are the shown questions in order. */
static int rows_count(const struct app *app)
{
	return 1 + flow_count(app->q, app->session.track, app->session.role);
}

static int question_of_row(const struct app *app, int row)
{
	const struct session_state *s = &app->session;
	int i = flow_first(app->q, s->track, s->role);
	for (int r = 1; r < row && i >= 0; r++)
		i = flow_next(app->q, s->track, s->role, i);
	return i;
}

static void answer_text(const struct app *app, int i, char *buf, size_t size)
{
	const struct qn_question *qq = &app->q->questions[i];
	const int *pct = app->session.estimates[i];
	if (qq->type == QTYPE_COMMENT) {
		const char *text = app->session.comments[i];
		snprintf(buf, size, "%s",
			 text ? text : "(no comment: optional)");
		return;
	}
	if (qq->type == QTYPE_ESTIMATE) {
		if (pct[0] + pct[1] + pct[2] == 0)
			snprintf(buf, size, "? not answered");
		else
			snprintf(buf, size, "%d / %d / %d %%", pct[0], pct[1],
				 pct[2]);
		return;
	}
	int c = app->session.choices[i];
	if (c < 1 || c > qq->nchoices)
		snprintf(buf, size, "? not answered");
	else if (qq->choices[c - 1].text != NULL)
		snprintf(buf, size, "%d. %s", c, qq->choices[c - 1].text);
	else
		snprintf(buf, size, "%d of %d", c, qq->nchoices);
}

/* A row's question (or "About you") and its answer, side by side. */
struct review_row {
	char label[1024];
	char answer[512];
};

static void row_text(const struct app *app, int row, struct review_row *out)
{
	if (row == 0) {
		snprintf(out->label, sizeof(out->label), "About you");
		snprintf(out->answer, sizeof(out->answer), "%s, %s, %s, %s",
			 app->session.name[0] ? app->session.name : "anonymous",
			 app->session.department, role_label(app->session.role),
			 track_label(app->session.track));
		return;
	}
	int i = question_of_row(app, row);
	snprintf(out->label, sizeof(out->label), "%d. %s", row,
		 app->q->questions[i].text);
	answer_text(app, i, out->answer, sizeof(out->answer));
}

/* The columns: the question from 3, the answer after it, each wrapped
 * whole in its own width. */
static int label_width(void)
{
	return (COLS - 6) / 2;
}
static int answer_width(void)
{
	return COLS - label_width() - 6;
}

static int row_height(const struct app *app, int row)
{
	struct review_row t;
	row_text(app, row, &t);
	int a = draw_wrapped_height(t.label, label_width());
	int b = draw_wrapped_height(t.answer, answer_width());
	return a > b ? (a > 0 ? a : 1) : (b > 0 ? b : 1);
}

/* The first line of each row, and the lines in all as first[count]. */
static int *row_lines(const struct app *app, int count)
{
	int *first = xcalloc((size_t)count + 1, sizeof(*first));
	for (int r = 0; r < count; r++)
		first[r + 1] = first[r] + row_height(app, r);
	return first;
}

/* Row `row`, whose line `skip` is drawn at y, at most `rows` lines. */
static void draw_row(struct app *app, int y, int row, int skip, int rows,
		     bool selected)
{
	struct review_row t;
	row_text(app, row, &t);
	int attr = selected ? draw_attr(app, TONE_SELECTED) : (int)A_NORMAL;
	int height = row_height(app, row) - skip;
	if (height > rows)
		height = rows;
	attron(attr);
	for (int l = 0; l < height; l++)
		mvhline(y + l, 1, ' ', COLS - 2);
	if (skip == 0)
		mvaddstr(y, 1, selected ? draw_marker(app) : " ");
	attroff(attr);
	draw_wrapped_from(y, 3, label_width(), skip, height, t.label, attr);
	bool missing = t.answer[0] == '?';
	draw_wrapped_from(
	    y, 4 + label_width(), answer_width(), skip, height, t.answer,
	    missing && !selected ? draw_attr(app, TONE_WARNING) : attr);
}

static void review_draw(struct app *app)
{
	curs_set(0);
	draw_frame(app, app->q->title, "Review",
		   "Enter change   s submit   b back   ? help   q leave"
		   "|Enter change  s submit  b back  q leave");
	int missing = session_unanswered(app);
	char head[120];
	if (missing == 0)
		snprintf(head, sizeof(head),
			 "Every question is answered. Change any answer, or "
			 "press s to submit.");
	else
		snprintf(head, sizeof(head),
			 "%d question%s still without an answer (marked ?).",
			 missing, missing == 1 ? " is" : "s are");
	int top = 3 + draw_wrapped(2, 2, COLS - 4, 2, head,
				   missing ? draw_attr(app, TONE_WARNING)
					   : (int)A_BOLD);
	struct pager *p = &app->session.review_pager;
	int count = rows_count(app), sel = app->session.review_sel;
	int *first = row_lines(app, count);
	pager_set_size(p, first[count], LINES - 2 - top);
	/* the whole selected row, or its beginning when it is taller */
	pager_show(p, first[sel + 1] - 1);
	pager_show(p, first[sel]);
	for (int r = 0; r < count; r++) {
		if (first[r + 1] <= p->top || first[r] >= p->top + p->height)
			continue;
		int skip = first[r] < p->top ? p->top - first[r] : 0;
		int y = top + first[r] + skip - p->top;
		draw_row(app, y, r, skip, top + p->height - y, r == sel);
	}
	free(first);
}

/* Up/Down a row; PgUp/PgDn (and Space) as many rows as fill a page. */
static bool review_move(struct app *app, enum action action)
{
	struct session_state *s = &app->session;
	int count = rows_count(app), page = s->review_pager.height;
	int step = action == ACTION_UP || action == ACTION_PAGE_UP ? -1 : 1;
	bool paging = action == ACTION_PAGE_UP || action == ACTION_PAGE_DOWN;
	if (!paging && action != ACTION_UP && action != ACTION_DOWN)
		return false;
	int used = 0;
	do {
		int next = s->review_sel + step;
		if (next < 0 || next >= count)
			break;
		used += row_height(app, next);
		if (paging && used > page && used != row_height(app, next))
			break;
		s->review_sel = next;
	} while (paging);
	return true;
}

static bool review_key(struct app *app, const struct tui_key *k)
{
	struct session_state *s = &app->session;
	if (review_move(app, k->action))
		return true;
	switch (k->action) {
	case ACTION_CONFIRM:
		s->back_to_review = true;
		if (s->review_sel == 0)
			session_goto(app, STEP_NAME);
		else
			session_goto(app,
				     PROFILE_STEPS +
					 question_of_row(app, s->review_sel));
		return true;
	case ACTION_SUBMIT:
		session_submit(app);
		return true;
	case ACTION_BACK: {
		int last = -1;
		for (int i = flow_first(app->q, s->track, s->role); i >= 0;
		     i = flow_next(app->q, s->track, s->role, i))
			last = i;
		session_goto(app,
			     last < 0 ? STEP_CONTACT : PROFILE_STEPS + last);
		return true;
	}
	default:
		return false;
	}
}

/* What the help lists here. */
static const enum action review_keys[] = {
    ACTION_UP,	    ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN,
    ACTION_CONFIRM, ACTION_BACK, ACTION_SUBMIT,	 ACTION_NONE};

const struct screen_ops screen_review = {.draw = review_draw,
					 .key = review_key,
					 .leave = session_leave,
					 .help = true,
					 .keys = review_keys};
