/* The respondent's session behind the screens: which step comes next, and
 * saving every answer the moment it is given. The order of questions and
 * the resume point come from flow.c; this file adds the store. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "flow.h"
#include "tui/tui.h"

static void free_answers(struct app *app)
{
	free(app->choices);
	free(app->estimates);
	app->choices = NULL;
	app->estimates = NULL;
}

/* The round's stored questionnaire. It was checked when the round was
 * made, so a failure here means a damaged database: say so on the status
 * line rather than over the screen. */
struct questionnaire *tui_load_questionnaire(struct app *app,
					     const struct store_round *r)
{
	char *text, *name;
	size_t len;
	if (store_questionnaire_source(app->store, r->questionnaire_id, &text,
				       &len, &name) != STORE_OK) {
		tui_status(app, true, "%s", store_error(app->store));
		return NULL;
	}
	struct diag d;
	diag_init(&d, name);
	struct questionnaire *q = questionnaire_parse(name, text, len, &d);
	if (q == NULL && d.count > 0) {
		char *first = diag_format(&d, 0);
		tui_status(app, true, "%s", first);
		free(first);
	}
	diag_free(&d);
	free(text);
	free(name);
	return q;
}

bool session_begin(struct app *app, const char *code)
{
	struct store_round fresh;
	enum store_status st = store_round_find(app->store, code, &fresh);
	if (st == STORE_ERR_NOT_FOUND) {
		tui_status(app, true,
			   "no round with code '%s' (see: aimap round list)",
			   code);
		return false;
	}
	if (st != STORE_OK) {
		tui_status(app, true, "%s", store_error(app->store));
		return false;
	}
	if (!fresh.open) {
		tui_status(app, true,
			   "Round %s is closed: it takes no more "
			   "answers.",
			   fresh.code);
		store_round_free(&fresh);
		return false;
	}
	struct questionnaire *q = tui_load_questionnaire(app, &fresh);
	if (q == NULL) {
		store_round_free(&fresh);
		return false;
	}
	store_round_free(&app->round);
	questionnaire_free(app->q);
	app->round = fresh;
	app->q = q;
	session_reset(app);
	app->screen = app->kiosk ? SCREEN_WELCOME : SCREEN_STEP;
	return true;
}

void session_reset(struct app *app)
{
	free_answers(app);
	app->choices =
	    xcalloc((size_t)app->q->nquestions, sizeof(*app->choices));
	app->estimates =
	    xcalloc((size_t)app->q->nquestions, sizeof(*app->estimates));
	store_response_free(&app->response);
	store_response_free(&app->found);
	memset(&app->response, 0, sizeof(app->response));
	memset(&app->found, 0, sizeof(app->found));
	app->name[0] = app->department[0] = '\0';
	app->role = ROLE_INDIVIDUAL;
	app->track = TRACK_TECHNICAL;
	app->contact = false;
	app->back_to_review = false;
	app->status[0] = '\0';
	app->scroll = 0;
	session_goto(app, STEP_NAME);
}

bool session_on_question(const struct app *app)
{
	return app->step >= PROFILE_STEPS;
}

int session_question(const struct app *app)
{
	return app->step - PROFILE_STEPS;
}

static int department_index(const struct app *app)
{
	for (int i = 0; i < app->round.ndepartments; i++)
		if (strcasecmp(app->round.departments[i], app->department) == 0)
			return i;
	return 0;
}

static void prepare_question(struct app *app, int i)
{
	const struct qn_question *qq = &app->q->questions[i];
	if (qq->type == QTYPE_ESTIMATE) {
		const int *pct = app->estimates[i];
		bool given = pct[0] + pct[1] + pct[2] > 0;
		for (int f = 0; f < 3; f++) {
			if (given)
				snprintf(app->fields[f], sizeof(app->fields[f]),
					 "%d", pct[f]);
			else
				app->fields[f][0] = '\0';
		}
		app->field = 0;
		return;
	}
	app->sel = app->choices[i] > 0 ? app->choices[i] - 1 : 0;
}

void session_goto(struct app *app, int step)
{
	app->step = step;
	app->screen = SCREEN_STEP;
	switch (step) {
	case STEP_DEPARTMENT:
		app->sel = department_index(app);
		break;
	case STEP_ROLE:
		app->sel = (int)app->role;
		break;
	case STEP_TRACK:
		app->sel = (int)app->track;
		break;
	case STEP_CONTACT:
		app->sel = app->contact ? 0 : 1;
		break;
	case STEP_NAME:
		app->sel = 0;
		break;
	default:
		prepare_question(app, step - PROFILE_STEPS);
		break;
	}
}

/* The next question, or the review when there is none or the person came
 * from the review to change one answer (then back at the same row). */
static void goto_question_or_review(struct app *app, int question)
{
	bool returning = app->back_to_review;
	app->back_to_review = false;
	if (!returning && question >= 0) {
		session_goto(app, PROFILE_STEPS + question);
		return;
	}
	app->screen = SCREEN_REVIEW;
	if (!returning) {
		app->review_sel = 0;
		app->scroll = 0;
	}
}

static bool *answered_flags(const struct app *app)
{
	bool *answered = xcalloc((size_t)app->q->nquestions, sizeof(bool));
	for (int i = 0; i < app->q->nquestions; i++)
		answered[i] = app->choices[i] > 0 ||
			      app->estimates[i][0] + app->estimates[i][1] +
				      app->estimates[i][2] >
				  0;
	return answered;
}

static int resume_point(const struct app *app)
{
	bool *answered = answered_flags(app);
	int i = flow_resume_point(app->q, app->track, app->role, answered);
	free(answered);
	return i;
}

int session_unanswered(const struct app *app)
{
	bool *answered = answered_flags(app);
	int missing = 0;
	for (int i = flow_first(app->q, app->track, app->role); i >= 0;
	     i = flow_next(app->q, app->track, app->role, i))
		missing += !answered[i];
	free(answered);
	return missing;
}

static struct store_profile current_profile(const struct app *app)
{
	return (struct store_profile){app->name, app->department, app->role,
				      app->track, app->contact};
}

static bool report(struct app *app, enum store_status st, const char *what)
{
	if (st == STORE_OK)
		return true;
	if (st == STORE_ERR_CLOSED)
		tui_status(app, true,
			   "This round has been closed: it takes no "
			   "more answers. Your earlier answers are kept.");
	else if (store_disk_full(app->store))
		tui_status(app, true,
			   "The disk is full: not saved. Earlier answers are "
			   "safe; free space, retry.");
	else
		tui_status(app, true,
			   "Could not %s: %s. Earlier answers are "
			   "safe; try again, or q to leave.",
			   what, store_error(app->store));
	return false;
}

static void start_response(struct app *app)
{
	struct store_profile p = current_profile(app);
	if (!report(app,
		    store_response_start(app->store, &app->round, &p,
					 &app->response),
		    "start your answers"))
		return;
	goto_question_or_review(app, flow_first(app->q, app->track, app->role));
}

void session_profile_done(struct app *app)
{
	if (app->response.id != 0) {
		struct store_profile p = current_profile(app);
		if (!report(app,
			    store_response_update_profile(app->store,
							  app->response.id, &p),
			    "save your profile"))
			return;
		goto_question_or_review(app, resume_point(app));
		return;
	}
	/* A shared kiosk never offers someone else's answers. */
	if (!app->kiosk && app->name[0] != '\0') {
		store_response_free(&app->found);
		enum store_status st = store_response_find_person(
		    app->store, &app->round, app->name, app->department,
		    &app->found);
		if (st == STORE_OK) {
			app->screen = SCREEN_RECOGNISED;
			app->menu_sel = 0;
			return;
		}
		if (st != STORE_ERR_NOT_FOUND) {
			report(app, st, "look up earlier answers");
			return;
		}
	}
	start_response(app);
}

void session_resume_found(struct app *app)
{
	store_response_free(&app->response);
	app->response = app->found;
	memset(&app->found, 0, sizeof(app->found));
	const struct store_response *r = &app->response;
	snprintf(app->name, sizeof(app->name), "%s", r->name ? r->name : "");
	snprintf(app->department, sizeof(app->department), "%s", r->department);
	app->role = r->role;
	app->track = r->track;
	app->contact = r->champion_contact;
	if (!report(app,
		    store_response_answers(app->store, r->id, app->q,
					   app->choices, app->estimates),
		    "read your earlier answers"))
		return;
	if (r->finished) {
		scoring_classify(app->q, &(struct scoring_input){app->choices},
				 &app->result);
		app->screen = SCREEN_RESULT;
		app->scroll = 0;
		return;
	}
	goto_question_or_review(app, resume_point(app));
}

static void advance(struct app *app, int question)
{
	goto_question_or_review(
	    app, flow_next(app->q, app->track, app->role, question));
}

void session_answer(struct app *app, int choice)
{
	int i = session_question(app);
	if (!report(app,
		    store_answer_save(app->store, app->response.id,
				      app->q->questions[i].id, choice),
		    "save your answer"))
		return;
	app->choices[i] = choice;
	advance(app, i);
}

void session_answer_estimate(struct app *app, const int pct[3])
{
	int i = session_question(app);
	if (!report(app,
		    store_estimate_save(app->store, app->response.id,
					app->q->questions[i].id, pct),
		    "save your answer"))
		return;
	memcpy(app->estimates[i], pct, sizeof(app->estimates[i]));
	advance(app, i);
}

void session_submit(struct app *app)
{
	int missing = session_unanswered(app);
	if (missing > 0) {
		tui_status(app, true,
			   "%d question%s not answered yet (marked "
			   "with ?). Enter opens the selected one.",
			   missing, missing == 1 ? " is" : "s are");
		return;
	}
	/* Only the questions shown to the final track count: answers given
	 * before a change of track are dropped, here and in the store. */
	for (int i = 0; i < app->q->nquestions; i++) {
		if (questionnaire_question_applies(&app->q->questions[i],
						   app->track, app->role))
			continue;
		app->choices[i] = 0;
		memset(app->estimates[i], 0, sizeof(app->estimates[i]));
	}
	struct scoring_result r;
	scoring_classify(app->q, &(struct scoring_input){app->choices}, &r);
	if (!report(app,
		    store_response_finish(app->store, app->response.id, app->q,
					  app->choices,
					  (const int(*)[3])app->estimates, &r),
		    "submit your answers"))
		return;
	app->response.finished = true;
	app->result = r;
	app->screen = SCREEN_RESULT;
	app->scroll = 0;
}

void session_leave(struct app *app)
{
	if (app->kiosk) {
		session_reset(app);
		app->screen = SCREEN_WELCOME;
		return;
	}
	app->quit = true;
}
