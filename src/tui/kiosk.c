/* SPDX-License-Identifier: MIT */
/* Kiosk mode: one shared terminal in a workshop room. It starts by asking
 * the facilitator for a secret (twice, masked, kept in memory only); only
 * that secret, typed after Ctrl-X on the welcome screen, leaves kiosk
 * mode. Between people it shows a welcome screen with nobody's answers
 * on it. A person who stops (q twice) or walks away (no key for the idle
 * time) leaves their answers kept as abandoned, out of reach of the next
 * person. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "tui/tui.h"

#define KIOSK_SECRET_MIN 4

static long long kiosk_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void kiosk_touch(struct app *app)
{
	app->kiosk.last_key_ms = kiosk_now_ms();
}

void kiosk_begin(struct app *app)
{
	app->kiosk.setting = 1;
	app->kiosk.typed[0] = '\0';
	app->kiosk.last_key_ms = kiosk_now_ms();
	app->screen = SCREEN_KIOSK_EXIT;
}

void kiosk_abandon(struct app *app)
{
	const struct store_response *r = &app->session.response;
	if (r->id != 0 && !r->finished &&
	    store_response_abandon(app->store, r->id) != STORE_OK) {
		/* the answers stay saved, unfinished; the next person
		 * must not wait for the store */
		tui_status(app, true, "%s", store_error(app->store));
	}
	session_reset(app);
	app->help = false;
	app->kiosk.quit_asked = false;
	app->screen = SCREEN_WELCOME;
}

bool kiosk_idle(struct app *app)
{
	long long now = kiosk_now_ms();
	if (!app->kiosk.on || app->kiosk.idle_seconds <= 0 ||
	    app->screen == SCREEN_WELCOME || app->screen == SCREEN_KIOSK_EXIT) {
		app->kiosk.last_key_ms = now;
		return false;
	}
	if (now - app->kiosk.last_key_ms < app->kiosk.idle_seconds * 1000LL)
		return false;
	kiosk_abandon(app);
	return true;
}

static void welcome_draw(struct app *app)
{
	curs_set(0);
	draw_frame(app, app->q->title, "Welcome", "Enter begin");
	char lead[512];
	snprintf(lead, sizeof(lead),
		 "%s\n\nAbout %d minutes. Your answers are saved as you go, "
		 "and nobody after you sees them.",
		 app->q->description ? app->q->description : app->q->title,
		 app->q->minutes);
	int y = LINES / 4;
	y += draw_wrapped(y, 4, COLS - 8, LINES / 2, lead, A_NORMAL) + 2;
	draw_line(y, 4, COLS - 8, "Press Enter to begin.", A_BOLD);
}

static bool welcome_key(struct app *app, const struct tui_key *k)
{
	if (k->action == ACTION_CONFIRM) {
		session_reset(app);
		return true;
	}
	if (k->action == ACTION_KIOSK_EXIT) {
		app->kiosk.typed[0] = '\0';
		app->kiosk.setting = 0;
		app->screen = SCREEN_KIOSK_EXIT;
		return true;
	}
	return false;
}

static void exit_draw(struct app *app)
{
	const struct kiosk_state *k = &app->kiosk;
	const char *lead =
	    k->setting == 1
		? "Kiosk mode. Set a facilitator secret (at least 4 "
		  "characters, not the round's code): it is asked to leave "
		  "kiosk mode, and never shown."
	    : k->setting == 2 ? "Type the secret again."
			      : "To leave kiosk mode, type the facilitator's "
				"secret and press Enter.";
	draw_frame(app, app->q->title,
		   k->setting ? "Kiosk secret" : "Leave kiosk mode",
		   k->setting ? "Enter confirm" : "Enter confirm   Esc cancel");
	int y = 3 + draw_wrapped(3, 4, COLS - 8, 4, lead, A_BOLD) + 1;
	mvaddstr(y, 4, draw_marker(app));
	attron(A_UNDERLINE);
	mvhline(y, 6, ' ', KIOSK_SECRET_MAX + 1);
	/* masked: people in the room must not learn it here */
	for (size_t i = 0; i < strlen(k->typed); i++)
		mvaddch(y, 6 + (int)i, '*');
	attroff(A_UNDERLINE);
	curs_set(1);
}

/* Enter while setting the secret: check it, then ask it again. */
static void exit_set(struct app *app)
{
	struct kiosk_state *k = &app->kiosk;
	if (k->setting == 1) {
		if (strlen(k->typed) < KIOSK_SECRET_MIN ||
		    strcasecmp(k->typed, app->round.code) == 0) {
			tui_status(app, true,
				   "Use at least %d characters, and not the "
				   "round's code.",
				   KIOSK_SECRET_MIN);
			return;
		}
		snprintf(k->first, sizeof(k->first), "%s", k->typed);
		k->setting = 2;
		return;
	}
	if (strcmp(k->first, k->typed) != 0) {
		tui_status(app, true, "The two differ: set the secret again.");
		k->setting = 1;
	} else {
		snprintf(k->secret, sizeof(k->secret), "%s", k->typed);
		k->setting = 0;
		app->screen = SCREEN_WELCOME;
	}
	memset(k->first, 0, sizeof(k->first));
}

static bool exit_key(struct app *app, const struct tui_key *k)
{
	struct kiosk_state *ks = &app->kiosk;
	size_t len = strlen(ks->typed);
	if (k->action == ACTION_CONFIRM) {
		if (ks->setting)
			exit_set(app);
		else if (ks->secret[0] != '\0' &&
			 strcmp(ks->typed, ks->secret) == 0)
			app->quit = true;
		else {
			tui_status(app, true, "That is not the secret.");
			app->screen = SCREEN_WELCOME;
		}
		memset(ks->typed, 0, sizeof(ks->typed));
		return true;
	}
	if (!k->function && k->code == 27 && !ks->setting) {
		app->screen = SCREEN_WELCOME;
		return true;
	}
	if ((k->function && k->code == KEY_BACKSPACE) ||
	    (!k->function && (k->code == 127 || k->code == '\b'))) {
		if (len > 0)
			ks->typed[len - 1] = '\0';
		return true;
	}
	if (!k->function && k->code > ' ' && k->code < 127 &&
	    len < KIOSK_SECRET_MAX) {
		ks->typed[len] = (char)k->code;
		ks->typed[len + 1] = '\0';
		return true;
	}
	return false;
}

/* Neither screen has help or a way out by q: the room must not leave
 * kiosk mode by accident, and the secret being typed may contain q. */
const struct screen_ops screen_welcome = {.draw = welcome_draw,
					  .key = welcome_key};
const struct screen_ops screen_kiosk_exit = {.draw = exit_draw,
					     .key = exit_key};
