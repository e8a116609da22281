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
	return 1 + flow_count(app->q, app->track, app->role);
}

static int question_of_row(const struct app *app, int row)
{
	int i = flow_first(app->q, app->track, app->role);
	for (int r = 1; r < row && i >= 0; r++)
		i = flow_next(app->q, app->track, app->role, i);
	return i;
}

static void answer_text(const struct app *app, int i, char *buf, size_t size)
{
	const struct qn_question *qq = &app->q->questions[i];
	const int *pct = app->estimates[i];
	if (qq->type == QTYPE_ESTIMATE) {
		if (pct[0] + pct[1] + pct[2] == 0)
			snprintf(buf, size, "? not answered");
		else
			snprintf(buf, size, "%d / %d / %d %%", pct[0], pct[1],
				 pct[2]);
		return;
	}
	int c = app->choices[i];
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
			 app->name[0] ? app->name : "anonymous",
			 app->department, role_label(app->role),
			 track_label(app->track));
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
	int height = LINES - 2 - top, rows = rows_count(app);
	if (app->review_sel < app->scroll)
		app->scroll = app->review_sel;
	if (app->review_sel >= app->scroll + height)
		app->scroll = app->review_sel - height + 1;
	for (int r = app->scroll; r < rows && r - app->scroll < height; r++)
		draw_row(app, top + r - app->scroll, r, r == app->review_sel);
}

static bool review_key(struct app *app, const struct tui_key *k)
{
	int rows = rows_count(app);
	int page = LINES - 6 > 1 ? LINES - 6 : 1;
	switch (k->action) {
	case ACTION_UP:
		app->review_sel -= app->review_sel > 0;
		return true;
	case ACTION_DOWN:
		app->review_sel += app->review_sel < rows - 1;
		return true;
	case ACTION_PAGE_UP:
		app->review_sel =
		    app->review_sel > page ? app->review_sel - page : 0;
		return true;
	case ACTION_PAGE_DOWN:
		app->review_sel = app->review_sel + page < rows
				      ? app->review_sel + page
				      : rows - 1;
		return true;
	case ACTION_CONFIRM:
		app->back_to_review = true;
		if (app->review_sel == 0)
			session_goto(app, STEP_NAME);
		else
			session_goto(app,
				     PROFILE_STEPS +
					 question_of_row(app, app->review_sel));
		return true;
	case ACTION_SUBMIT:
		session_submit(app);
		return true;
	case ACTION_BACK: {
		int last = -1;
		for (int i = flow_first(app->q, app->track, app->role); i >= 0;
		     i = flow_next(app->q, app->track, app->role, i))
			last = i;
		session_goto(app,
			     last < 0 ? STEP_CONTACT : PROFILE_STEPS + last);
		return true;
	}
	case ACTION_HELP:
		app->help = true;
		return true;
	case ACTION_QUIT:
		session_leave(app);
		return true;
	default:
		return false;
	}
}

const struct screen_ops screen_review = {review_draw, review_key, NULL};
