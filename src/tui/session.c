/* SPDX-License-Identifier: MIT */
/* The respondent's session behind the screens: which step comes next, and
 * saving every answer the moment it is given. The order of questions and
 * the resume point come from flow.c; this file adds the store. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "flow.h"
#include "secret.h"
#include "tui/tui.h"

static void free_answers(struct app *app)
{
	struct session_state *s = &app->session;
	free(s->choices);
	free(s->estimates);
	for (int i = 0; s->comments != NULL && i < s->ncomments; i++)
		free(s->comments[i]);
	free(s->comments);
	s->choices = NULL;
	s->estimates = NULL;
	s->comments = NULL;
	s->ncomments = 0;
}

void session_free(struct app *app)
{
	free_answers(app);
	store_response_free(&app->session.response);
	store_response_free(&app->session.found);
	store_invitation_free(&app->session.invitation);
}

/* The round's stored questionnaire. It was checked when the round was
 * made, so a failure here means a damaged database: say so on the status
 * line rather than over the screen. */
struct questionnaire *tui_load_questionnaire(struct app *app,
					     const struct store_round *r)
{
	struct diag d;
	struct questionnaire *q;
	if (store_questionnaire_model(app->store, r->questionnaire_id, &d,
				      &q) != STORE_OK) {
		tui_status(app, true, "%s", store_error(app->store));
	} else if (q == NULL && d.count > 0) {
		char *first = diag_format(&d, 0);
		tui_status(app, true, "%s", first);
		free(first);
	}
	diag_free(&d);
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
	if (app->kiosk.on && fresh.invitations_only) {
		tui_status(app, true,
			   "Round %s takes answers only with invitation "
			   "codes: a kiosk cannot serve it.",
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
	/* a round with invitations asks for the code first; a kiosk serves
	 * only rounds that also take people without one */
	app->screen = app->kiosk.on		   ? SCREEN_WELCOME
		      : app->round.has_invitations ? SCREEN_INVITE
						   : SCREEN_STEP;
	return true;
}

void session_reset(struct app *app)
{
	struct session_state *s = &app->session;
	free_answers(app);
	s->choices = xcalloc((size_t)app->q->nquestions, sizeof(*s->choices));
	s->estimates =
	    xcalloc((size_t)app->q->nquestions, sizeof(*s->estimates));
	s->comments = xcalloc((size_t)app->q->nquestions, sizeof(*s->comments));
	s->ncomments = app->q->nquestions;
	store_response_free(&s->response);
	store_response_free(&s->found);
	store_invitation_free(&s->invitation);
	memset(&s->response, 0, sizeof(s->response));
	memset(&s->found, 0, sizeof(s->found));
	s->invite_code[0] = s->code_typed[0] = '\0';
	s->name[0] = s->department[0] = '\0';
	s->department_other = false;
	s->department_warned[0] = '\0';
	s->role = ROLE_INDIVIDUAL;
	s->track = TRACK_TECHNICAL;
	s->contact = false;
	s->resume_key[0] = '\0';
	s->back_to_review = false;
	app->status[0] = '\0';
	s->review_pager.top = 0;
	s->result_pager.top = 0;
	session_goto(app, STEP_NAME);
}

bool session_on_question(const struct app *app)
{
	return app->session.step >= PROFILE_STEPS;
}

int session_question(const struct app *app)
{
	return app->session.step - PROFILE_STEPS;
}

static bool department_listed(const struct app *app)
{
	for (int i = 0; i < app->round.ndepartments; i++)
		if (strcasecmp(app->round.departments[i],
			       app->session.department) == 0)
			return true;
	return false;
}

static int department_index(const struct app *app)
{
	for (int i = 0; i < app->round.ndepartments; i++)
		if (strcasecmp(app->round.departments[i],
			       app->session.department) == 0)
			return i;
	return 0;
}

static void prepare_question(struct app *app, int i)
{
	struct session_state *s = &app->session;
	const struct qn_question *qq = &app->q->questions[i];
	if (qq->type == QTYPE_ESTIMATE) {
		const int *pct = s->estimates[i];
		bool given = pct[0] + pct[1] + pct[2] > 0;
		for (int f = 0; f < 3; f++) {
			if (given)
				snprintf(s->fields[f], sizeof(s->fields[f]),
					 "%d", pct[f]);
			else
				s->fields[f][0] = '\0';
		}
		s->field = 0;
		return;
	}
	if (qq->type == QTYPE_COMMENT) {
		snprintf(s->comment, sizeof(s->comment), "%s",
			 s->comments[i] ? s->comments[i] : "");
		return;
	}
	s->sel = s->choices[i] > 0 ? s->choices[i] - 1 : 0;
}

void session_goto(struct app *app, int step)
{
	struct session_state *s = &app->session;
	/* an invitation fixes department, role and track: those steps are
	 * passed over, forward and back */
	if (s->invitation.id != 0 && step > STEP_NAME && step < STEP_CONTACT)
		step = step > s->step ? STEP_CONTACT : STEP_NAME;
	s->step = step;
	app->screen = SCREEN_STEP;
	switch (step) {
	case STEP_DEPARTMENT:
		s->sel = department_index(app);
		/* a department typed under "Other" is shown typed again */
		s->department_other = app->round.ndepartments > 0 &&
				      s->department[0] != '\0' &&
				      !department_listed(app);
		break;
	case STEP_ROLE:
		s->sel = (int)s->role;
		break;
	case STEP_TRACK:
		s->sel = (int)s->track;
		break;
	case STEP_CONTACT:
		s->sel = s->contact ? 0 : 1;
		break;
	case STEP_NAME:
		s->sel = 0;
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
	struct session_state *s = &app->session;
	bool returning = s->back_to_review;
	s->back_to_review = false;
	if (!returning && question >= 0) {
		session_goto(app, PROFILE_STEPS + question);
		return;
	}
	app->screen = SCREEN_REVIEW;
	if (!returning) {
		s->review_sel = 0;
		s->review_pager.top = 0;
	}
}

static bool *answered_flags(const struct app *app)
{
	const struct session_state *s = &app->session;
	bool *answered = xcalloc((size_t)app->q->nquestions, sizeof(bool));
	for (int i = 0; i < app->q->nquestions; i++)
		answered[i] = s->choices[i] > 0 || s->estimates[i][0] +
							   s->estimates[i][1] +
							   s->estimates[i][2] >
						       0;
	/* a comment is optional: never missing, never where one resumes */
	for (int i = 0; i < app->q->nquestions; i++)
		answered[i] |= app->q->questions[i].type == QTYPE_COMMENT;
	return answered;
}

static int resume_point(const struct app *app)
{
	bool *answered = answered_flags(app);
	int i = flow_resume_point(app->q, app->session.track, app->session.role,
				  answered);
	free(answered);
	return i;
}

int session_unanswered(const struct app *app)
{
	const struct session_state *s = &app->session;
	bool *answered = answered_flags(app);
	int missing = 0;
	for (int i = flow_first(app->q, s->track, s->role); i >= 0;
	     i = flow_next(app->q, s->track, s->role, i))
		missing += !answered[i];
	free(answered);
	return missing;
}

static struct store_profile current_profile(const struct app *app)
{
	const struct session_state *s = &app->session;
	return (struct store_profile){s->name, s->department, s->role, s->track,
				      s->contact};
}

static bool report(struct app *app, enum store_status st, const char *what)
{
	if (st == STORE_OK)
		return true;
	if (st == STORE_ERR_CLOSED)
		/* short enough for the footer of 80 columns */
		tui_status(app, true,
			   "The round was closed: no more answers. "
			   "Yours so far are kept.");
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

/* Outside a kiosk, a key to come back with, shown now (the link may drop
 * later) and again on leaving; only its hash is stored. */
static void give_resume_key(struct app *app)
{
	struct session_state *s = &app->session;
	char hash[SECRET_HASH_SIZE];
	const char *salt;
	s->resume_key[0] = '\0';
	/* an invited person comes back with their invitation code */
	if (app->kiosk.on || s->invitation.id != 0)
		return;
	if (!report(app, store_salt(app->store, &salt), "make a resume key"))
		return;
	if (!secret_make(SECRET_RESUME, s->resume_key) ||
	    !secret_hash(SECRET_RESUME, s->resume_key, salt, hash)) {
		s->resume_key[0] = '\0';
		return;
	}
	if (!report(app,
		    store_response_set_resume(app->store, s->response.id, hash),
		    "keep your resume key")) {
		s->resume_key[0] = '\0';
		return;
	}
	tui_status(app, false,
		   "Your resume key is %s. Note it to come back to these "
		   "answers.",
		   s->resume_key);
}

static void start_response(struct app *app)
{
	struct session_state *s = &app->session;
	struct store_profile p = current_profile(app);
	if (!report(app,
		    store_response_start_invited(app->store, &app->round, &p,
						 s->invitation.id,
						 &s->response),
		    "start your answers"))
		return;
	goto_question_or_review(app, flow_first(app->q, s->track, s->role));
	give_resume_key(app);
}

void session_profile_done(struct app *app)
{
	if (app->session.response.id != 0) {
		struct store_profile p = current_profile(app);
		if (!report(app,
			    store_response_update_profile(
				app->store, app->session.response.id, &p),
			    "save your profile"))
			return;
		goto_question_or_review(app, resume_point(app));
		return;
	}
	/* Nobody is recognised by name and department: that would show
	 * anyone who knows them this person's answers. A returning person
	 * brings their resume key instead (session_begin_resume). */
	start_response(app);
}

bool session_begin_resume(struct app *app, const char *code, const char *key)
{
	if (!session_begin(app, code))
		return false;
	char hash[SECRET_HASH_SIZE], legacy[SECRET_LEGACY_HASH_SIZE];
	const char *salt;
	if (!secret_hash_legacy(key, legacy)) {
		tui_status(app, true,
			   "'%s' is not a resume key: ten letters and digits, "
			   "as shown when you started",
			   key);
		return false;
	}
	if (!report(app, store_salt(app->store, &salt), "check the key"))
		return false;
	secret_hash(SECRET_RESUME, key, salt, hash);
	enum store_status st = store_response_find_resume(
	    app->store, &app->round, hash, legacy, &app->session.found);
	if (st != STORE_OK) {
		tui_status(app, true, "%s", store_error(app->store));
		return false;
	}
	snprintf(app->session.resume_key, sizeof(app->session.resume_key), "%s",
		 key);
	app->screen = SCREEN_RECOGNISED;
	app->menu.sel = 0;
	return true;
}

/* Make the found response the session's, with its stored profile,
 * answers and comments; false (with the reason shown) when they cannot be
 * read. */
static bool take_over_found(struct app *app)
{
	store_response_free(&app->session.response);
	app->session.response = app->session.found;
	memset(&app->session.found, 0, sizeof(app->session.found));
	const struct store_response *r = &app->session.response;
	snprintf(app->session.name, sizeof(app->session.name), "%s",
		 r->name ? r->name : "");
	snprintf(app->session.department, sizeof(app->session.department), "%s",
		 r->department);
	app->session.role = r->role;
	app->session.track = r->track;
	app->session.contact = r->champion_contact;
	if (!report(app,
		    store_response_answers(app->store, r->id, app->q,
					   app->session.choices,
					   app->session.estimates),
		    "read your earlier answers"))
		return false;
	for (int i = 0; i < app->q->nquestions; i++)
		free(app->session.comments[i]);
	return report(app,
		      store_response_comments(app->store, r->id, app->q,
					      app->session.comments),
		      "read your earlier comments");
}

void session_resume_found(struct app *app)
{
	if (!take_over_found(app))
		return;
	const struct store_response *r = &app->session.response;
	if (r->finished) {
		scoring_classify(app->q,
				 &(struct scoring_input){app->session.choices},
				 &app->session.result);
		app->screen = SCREEN_RESULT;
		app->session.result_pager.top = 0;
		return;
	}
	goto_question_or_review(app, resume_point(app));
}

void session_change_found(struct app *app)
{
	/* every profile step, filled in: back with a key, the department
	 * may need mending as much as the role; saved at the last step */
	if (take_over_found(app))
		session_goto(app, STEP_NAME);
}

/* Save the answer to the current question, a choice or (pct not NULL)
 * an estimate's three percentages, and go on; on failure stay, with the
 * error on the status line. */
static void save_answer(struct app *app, int choice, const int pct[3])
{
	struct session_state *s = &app->session;
	int i = session_question(app);
	const char *id = app->q->questions[i].id;
	enum store_status st =
	    pct != NULL
		? store_estimate_save(app->store, s->response.id, id, pct)
		: store_answer_save(app->store, s->response.id, id, choice);
	if (!report(app, st, "save your answer"))
		return;
	if (pct != NULL)
		memcpy(s->estimates[i], pct, sizeof(s->estimates[i]));
	else
		s->choices[i] = choice;
	goto_question_or_review(app, flow_next(app->q, s->track, s->role, i));
}

void session_answer(struct app *app, int choice)
{
	save_answer(app, choice, NULL);
}

void session_answer_estimate(struct app *app, const int pct[3])
{
	save_answer(app, 0, pct);
}

/* Spaces at either end are not part of a comment. */
static void trim_comment(char *s)
{
	size_t len = strlen(s), start = 0;
	while (s[start] == ' ')
		start++;
	while (len > start && s[len - 1] == ' ')
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
}

void session_answer_comment(struct app *app)
{
	struct session_state *s = &app->session;
	int i = session_question(app);
	trim_comment(s->comment);
	if (!report(app,
		    store_comment_save(app->store, s->response.id,
				       app->q->questions[i].id, s->comment),
		    "save your comment"))
		return;
	free(s->comments[i]);
	s->comments[i] = s->comment[0] != '\0' ? xstrdup(s->comment) : NULL;
	goto_question_or_review(app, flow_next(app->q, s->track, s->role, i));
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
						   app->session.track,
						   app->session.role))
			continue;
		app->session.choices[i] = 0;
		memset(app->session.estimates[i], 0,
		       sizeof(app->session.estimates[i]));
	}
	struct scoring_result r;
	scoring_classify(app->q, &(struct scoring_input){app->session.choices},
			 &r);
	if (!report(app,
		    store_response_finish(
			app->store, app->session.response.id, app->q,
			app->session.choices,
			(const int(*)[3])app->session.estimates, &r),
		    "submit your answers"))
		return;
	app->session.response.finished = true;
	app->session.result = r;
	app->screen = SCREEN_RESULT;
	app->session.result_pager.top = 0;
}

void session_leave(struct app *app)
{
	if (!app->kiosk.on) {
		const struct store_response *r = &app->session.response;
		char way[128];
		session_way_back(app, way, sizeof(way));
		/* over ssh the terminal goes with aimap: the way back stays
		 * on screen until a key */
		if (app->cli->respondent_only && r->id != 0 && !r->finished &&
		    way[0] != '\0' && app->screen != SCREEN_GOODBYE) {
			app->screen = SCREEN_GOODBYE;
			return;
		}
		tui_leave_home(app); /* the answers are stored already */
		return;
	}
	const struct store_response *r = &app->session.response;
	bool unfinished = r->id != 0 && !r->finished;
	if (unfinished && app->screen != SCREEN_RESULT &&
	    !app->kiosk.quit_asked) {
		app->kiosk.quit_asked = true;
		/* short enough for the footer of 80 columns */
		tui_status(app, true,
			   "Press q again to stop and leave your answers "
			   "unfinished; other keys go on.");
		return;
	}
	kiosk_abandon(app);
}

bool session_begin_invite(struct app *app, const char *round_code,
			  const char *typed)
{
	char code[SECRET_CODE_SIZE], hash[SECRET_HASH_SIZE];
	const char *salt;
	if (!secret_normalise(SECRET_INVITE, typed, code)) {
		tui_status(app, true,
			   "That is not an invitation code: twelve letters "
			   "and digits, as XXXX-XXXX-XXXX.");
		return false;
	}
	if (!report(app, store_salt(app->store, &salt), "check the code"))
		return false;
	secret_hash(SECRET_INVITE, code, salt, hash);
	struct store_invitation inv;
	enum store_status st = store_invite_find(app->store, hash, &inv);
	if (st == STORE_ERR_NOT_FOUND) {
		tui_status(app, true,
			   "No invitation has that code; check it "
			   "against your invitation.");
		return false;
	}
	if (!report(app, st, "check the code"))
		return false;
	bool ok = false;
	if (inv.revoked)
		tui_status(app, true,
			   "That invitation code was revoked: ask the "
			   "facilitator for a new one.");
	else if (round_code != NULL &&
		 strcasecmp(round_code, inv.round_code) != 0)
		tui_status(app, true,
			   "That invitation is for round %s, not %s.",
			   inv.round_code, round_code);
	else
		ok = session_begin(app, inv.round_code);
	if (!ok) {
		store_invitation_free(&inv);
		return false;
	}
	struct session_state *s = &app->session;
	s->invitation = inv;
	snprintf(s->invite_code, sizeof(s->invite_code), "%s", code);
	snprintf(s->department, sizeof(s->department), "%s", inv.department);
	s->role = inv.role;
	s->track = inv.track;
	if (inv.response_id == 0) {
		session_goto(app, STEP_NAME);
		return true;
	}
	/* one response per invitation: the same code comes back to it */
	if (!report(app,
		    store_response_get(app->store, inv.response_id, &s->found),
		    "read your answers"))
		return false;
	app->screen = SCREEN_RECOGNISED;
	app->menu.sel = 0;
	return true;
}

void session_enter_code(struct app *app)
{
	struct session_state *s = &app->session;
	char typed[sizeof(s->code_typed)], round[STORE_MAX_CODE + 1];
	snprintf(typed, sizeof(typed), "%s", s->code_typed);
	snprintf(round, sizeof(round), "%s", app->round.code);
	char code[SECRET_CODE_SIZE];
	if (typed[0] == '\0') {
		if (app->round.invitations_only) {
			tui_status(app, true,
				   "Round %s takes answers only with an "
				   "invitation code.",
				   round);
			return;
		}
		session_goto(app, STEP_NAME);
		return;
	}
	/* ten characters are a resume key, twelve an invitation code */
	if (secret_normalise(SECRET_RESUME, typed, code)) {
		if (!session_begin_resume(app, round, code))
			app->screen = SCREEN_INVITE;
		return;
	}
	if (!session_begin_invite(app, round, typed))
		app->screen = SCREEN_INVITE;
}

void session_way_back(const struct app *app, char *out, size_t size)
{
	const struct session_state *s = &app->session;
	const char *program =
	    app->cli->program != NULL ? app->cli->program : "aimap";
	bool ssh = app->cli->respondent_only;
	if (s->invite_code[0] != '\0' && ssh)
		snprintf(out, size, "ssh -t HOST invite %s", s->invite_code);
	else if (s->invite_code[0] != '\0')
		snprintf(out, size, "%s take -i %s", program, s->invite_code);
	else if (s->resume_key[0] != '\0' && ssh)
		snprintf(out, size, "ssh -t HOST resume %s", s->resume_key);
	else if (s->resume_key[0] != '\0')
		snprintf(out, size, "%s take -r %s --resume %s", program,
			 app->round.code, s->resume_key);
	else
		out[0] = '\0';
}
