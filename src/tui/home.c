/* SPDX-License-Identifier: MIT */
/* The home menu, the list of open rounds, and the "welcome back" offer to
 * someone back with their resume key. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "paths.h"
#include "tui/tui.h"

#define DEFAULT_QUESTIONNAIRE "ai-maturity"

static const char *const home_items[] = {
    "Take the assessment",
    "Facilitate a round (the live dashboard)",
    "Quit",
};

static void menu_draw(struct app *app, const char *title, const char *lead,
		      const char *const *items, int count)
{
	curs_set(0);
	/* q goes back to the home menu from a list opened there */
	bool back = app->screen != SCREEN_HOME && app->has_home;
	draw_frame(
	    app, "aimap: where each part of the company stands with AI", title,
	    back ? "Up/Down move   1-9 choose   Enter confirm   ? help   "
		   "q back|1-9 choose  Enter ok  ? help  q back"
		 : "Up/Down move   1-9 choose   Enter confirm   ? help   "
		   "q quit|1-9 choose  Enter ok  ? help  q quit");
	int y = 2 + draw_wrapped(2, 2, COLS - 4, 6, lead, A_NORMAL) + 1;
	draw_choices(app, y, 2, COLS - 4, LINES - 2 - y, items, count,
		     app->menu.sel, -1);
}

/* The menu keys every list shares; returns the chosen index, -1 for
 * "moved, redraw", -2 for "not mine". */
static int menu_key(struct app *app, const struct tui_key *k, int count)
{
	switch (k->action) {
	case ACTION_UP:
		app->menu.sel -= app->menu.sel > 0;
		return -1;
	case ACTION_DOWN:
		app->menu.sel += app->menu.sel < count - 1;
		return -1;
	case ACTION_CHOOSE:
		if (k->code - '1' >= count)
			return -2;
		return k->code - '1';
	case ACTION_CONFIRM:
		return app->menu.sel;
	default:
		return -2;
	}
}

/* A first run has no round: open a personal one on the default
 * questionnaire, so the assessment can start at once. */
static bool open_personal_round(struct app *app, struct store_round *out)
{
	char *path = paths_find_questionnaire(DEFAULT_QUESTIONNAIRE,
					      app->cli->questionnaire_dir);
	if (path == NULL) {
		tui_status(app, true,
			   "No open round, and the questionnaire "
			   "'%s' was not found.",
			   DEFAULT_QUESTIONNAIRE);
		return false;
	}
	struct diag d;
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
	free(path);
	if (q == NULL) {
		char *first = d.count > 0 ? diag_format(&d, 0) : NULL;
		tui_status(app, true, "%s", first ? first : "cannot load");
		free(first);
		diag_free(&d);
		return false;
	}
	diag_free(&d);
	long long qid;
	enum store_status st = store_questionnaire_save(app->store, q, &qid);
	if (st == STORE_OK)
		st = store_round_create(app->store, "Personal assessment", NULL,
					qid, NULL, 0, out);
	questionnaire_free(q);
	if (st != STORE_OK)
		tui_status(app, true, "%s", store_error(app->store));
	return st == STORE_OK;
}

/* The open rounds; false (with a status message) when they cannot be
 * read. */
static bool load_open_rounds(struct app *app)
{
	store_round_list_free(app->menu.rounds, app->menu.nrounds);
	app->menu.rounds = NULL;
	app->menu.nrounds = 0;
	if (store_round_list_open(app->store, &app->menu.rounds,
				  &app->menu.nrounds) == STORE_OK)
		return true;
	tui_status(app, true, "%s", store_error(app->store));
	return false;
}

bool tui_choose_round(struct app *app)
{
	if (!load_open_rounds(app))
		return false;
	if (app->menu.nrounds == 1)
		return session_begin(app, app->menu.rounds[0].code);
	if (app->menu.nrounds > 1) {
		app->screen = SCREEN_ROUNDS;
		app->menu.sel = 0;
		return true;
	}
	struct store_round personal;
	if (!open_personal_round(app, &personal))
		return false;
	bool ok = session_begin(app, personal.code);
	store_round_free(&personal);
	return ok;
}

bool tui_choose_dashboard(struct app *app)
{
	store_round_list_free(app->menu.rounds, app->menu.nrounds);
	app->menu.rounds = NULL;
	app->menu.nrounds = 0;
	if (store_round_list(app->store, &app->menu.rounds,
			     &app->menu.nrounds) != STORE_OK) {
		tui_status(app, true, "%s", store_error(app->store));
		return false;
	}
	if (app->menu.nrounds == 0) {
		tui_status(app, true,
			   "There is no round yet: start one with 'aimap "
			   "round new NAME -q ai-maturity'.");
		return false;
	}
	if (app->menu.nrounds == 1)
		return dashboard_begin(app, app->menu.rounds[0].code);
	app->menu.facilitate = true;
	app->menu.sel = 0;
	app->screen = SCREEN_ROUNDS;
	return true;
}

static void home_draw(struct app *app)
{
	menu_draw(app, "Home",
		  "Map where you stand with AI at work: about ten minutes, "
		  "every answer saved as you go.",
		  home_items, 3);
}

static bool home_key(struct app *app, const struct tui_key *k)
{
	int chosen = menu_key(app, k, 3);
	if (chosen == -2)
		return false;
	if (chosen == 0)
		tui_choose_round(app);
	else if (chosen == 1)
		tui_choose_dashboard(app);
	else if (chosen == 2)
		app->quit = true;
	return true;
}

/* A round to watch: its state and answers count as much as its name. */
static char *facilitate_item(const struct store_round *r)
{
	return xasprintf("%s  %s (%s, %s, %d done, %.10s)", r->code, r->name,
			 r->questionnaire, r->open ? "open" : "closed",
			 r->completed, r->created_at);
}

static void rounds_draw(struct app *app)
{
	const char **items = xcalloc((size_t)app->menu.nrounds, sizeof(char *));
	for (int i = 0; i < app->menu.nrounds; i++)
		items[i] =
		    app->menu.facilitate
			? facilitate_item(&app->menu.rounds[i])
			: xasprintf("%s  %s (%s)", app->menu.rounds[i].code,
				    app->menu.rounds[i].name,
				    app->menu.rounds[i].questionnaire);
	if (app->menu.facilitate)
		menu_draw(app, "Rounds",
			  "Which round do you want to watch? Newest first; a "
			  "closed round shows what it gathered.",
			  items, app->menu.nrounds);
	else
		menu_draw(app, "Open rounds",
			  "Which round are you taking part in? Your "
			  "facilitator can tell you its code.",
			  items, app->menu.nrounds);
	for (int i = 0; i < app->menu.nrounds; i++)
		free((char *)items[i]);
	free(items);
}

static bool rounds_key(struct app *app, const struct tui_key *k)
{
	if (k->action == ACTION_BACK) {
		tui_leave_home(app);
		return true;
	}
	int chosen = menu_key(app, k, app->menu.nrounds);
	if (chosen == -2)
		return false;
	if (chosen >= 0 && app->menu.facilitate)
		dashboard_begin(app, app->menu.rounds[chosen].code);
	else if (chosen >= 0)
		session_begin(app, app->menu.rounds[chosen].code);
	return true;
}

/* What the person gave before, shown so a resume keeps nothing hidden
 * (they gave no name or department this time: they came with a key). */
static void stored_profile(const struct store_response *f, char *buf,
			   size_t size)
{
	snprintf(buf, size, "You told us: %s, %s, %s, %s.", f->department,
		 role_label(f->role), track_label(f->track),
		 f->champion_contact ? "you may be contacted as a champion"
				     : "not to be contacted as a champion");
}

/* Reached only with the person's own resume key: their profile is
 * shown, and can be changed before going on. */
static void recognised_draw(struct app *app)
{
	const struct store_response *f = &app->session.found;
	char lead[700], profile[300];
	stored_profile(f, profile, sizeof(profile));
	int n = snprintf(lead, sizeof(lead), "Welcome back%s%s. ",
			 f->name ? ", " : "", f->name ? f->name : "");
	if (f->finished)
		snprintf(lead + n, sizeof(lead) - (size_t)n,
			 "You finished this round on %.10s. %s", f->finished_at,
			 profile);
	else
		snprintf(lead + n, sizeof(lead) - (size_t)n,
			 "You started this round on %.10s; your answers so "
			 "far are saved. %s",
			 f->started_at, profile);
	const char *items[] = {
	    f->finished ? "See my result again" : "Go on where I stopped",
	    app->session.invitation.id != 0
		? "Change my name or contact first, then go on"
		: "Change my department, role, track or contact first, then "
		  "go on",
	};
	/* a finished response keeps the profile it was scored with */
	menu_draw(app, "Welcome back", lead, items, f->finished ? 1 : 2);
}

static bool recognised_key(struct app *app, const struct tui_key *k)
{
	bool finished = app->session.found.finished;
	int chosen = menu_key(app, k, finished ? 1 : 2);
	if (chosen == -2)
		return false;
	if (chosen == 0)
		session_resume_found(app);
	else if (chosen == 1)
		session_change_found(app);
	return true;
}

/* What the help lists here. */
static const enum action home_keys[] = {ACTION_UP, ACTION_DOWN, ACTION_CHOOSE,
					ACTION_CONFIRM, ACTION_NONE};

const struct screen_ops screen_home = {.draw = home_draw,
				       .key = home_key,
				       .leave = tui_quit,
				       .help = true,
				       .keys = home_keys};
/* What the help lists here. */
static const enum action rounds_keys[] = {ACTION_UP,	 ACTION_DOWN,
					  ACTION_CHOOSE, ACTION_CONFIRM,
					  ACTION_BACK,	 ACTION_NONE};

const struct screen_ops screen_rounds = {.draw = rounds_draw,
					 .key = rounds_key,
					 .leave = tui_leave_home,
					 .help = true,
					 .keys = rounds_keys};
const struct screen_ops screen_recognised = {.draw = recognised_draw,
					     .key = recognised_key,
					     .leave = tui_quit,
					     .help = true,
					     .keys = home_keys};
