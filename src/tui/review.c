/* SPDX-License-Identifier: MIT */
/* The review: the profile and every answer on one list, to change any of
 * them before submitting. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

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
	if (c == 0)
		snprintf(buf, size, "? not answered");
	else if (qq->choices[c - 1].text != NULL)
		snprintf(buf, size, "%d. %s", c, qq->choices[c - 1].text);
	else
		snprintf(buf, size, "%d of %d", c, qq->nchoices);
}

static void draw_row(struct app *app, int y, int row, bool selected)
{
	char answer[256], label[256];
	if (row == 0) {
		snprintf(label, sizeof(label), "About you");
		snprintf(answer, sizeof(answer), "%s, %s, %s, %s",
			 app->session.name[0] ? app->session.name : "anonymous",
			 app->session.department, role_label(app->session.role),
			 track_label(app->session.track));
	} else {
		int i = question_of_row(app, row);
		snprintf(label, sizeof(label), "%d. %s", row,
			 app->q->questions[i].text);
		answer_text(app, i, answer, sizeof(answer));
	}
	int attr = selected ? draw_attr(app, TONE_SELECTED) : (int)A_NORMAL;
	int left = (COLS - 6) / 2;
	attron(attr);
	mvhline(y, 1, ' ', COLS - 2);
	mvaddstr(y, 1, selected ? draw_marker(app) : " ");
	attroff(attr);
	draw_line(y, 3, left, label, attr);
	bool missing = answer[0] == '?';
	draw_line(y, 4 + left, COLS - left - 6, answer,
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
	pager_set_size(p, rows_count(app), LINES - 2 - top);
	pager_show(p, app->session.review_sel);
	for (int r = p->top; r < p->lines && r - p->top < p->height; r++)
		draw_row(app, top + r - p->top, r,
			 r == app->session.review_sel);
}

static bool review_key(struct app *app, const struct tui_key *k)
{
	struct session_state *s = &app->session;
	if (pager_move(&s->review_pager, &s->review_sel, k->action))
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

const struct screen_ops screen_review = {.draw = review_draw,
					 .key = review_key,
					 .leave = session_leave,
					 .help = true};
