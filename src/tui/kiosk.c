/* SPDX-License-Identifier: MIT */
/* Kiosk mode: one shared terminal in a workshop room. Between people it
 * shows a welcome screen with nobody's answers on it; leaving kiosk mode
 * takes Ctrl-X on that screen and then the round's code. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tui/tui.h"

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
		app->screen = SCREEN_KIOSK_EXIT;
		return true;
	}
	return false;
}

static void exit_draw(struct app *app)
{
	draw_frame(app, app->q->title, "Leave kiosk mode",
		   "Enter confirm   Esc cancel");
	draw_wrapped(3, 4, COLS - 8, 3,
		     "To leave kiosk mode, type this round's code and press "
		     "Enter.",
		     A_BOLD);
	mvaddstr(6, 4, draw_marker(app));
	attron(A_UNDERLINE);
	mvhline(6, 6, ' ', STORE_MAX_CODE + 1);
	/* masked: people in the room should not learn the code here */
	for (size_t i = 0; i < strlen(app->kiosk.typed); i++)
		mvaddch(6, 6 + (int)i, '*');
	attroff(A_UNDERLINE);
	curs_set(1);
}

static bool exit_key(struct app *app, const struct tui_key *k)
{
	size_t len = strlen(app->kiosk.typed);
	if (k->action == ACTION_CONFIRM) {
		if (strcasecmp(app->kiosk.typed, app->round.code) == 0) {
			app->quit = true;
		} else {
			tui_status(app, true, "That is not this round's code.");
			app->screen = SCREEN_WELCOME;
		}
		app->kiosk.typed[0] = '\0';
		return true;
	}
	if (!k->function && k->code == 27) {
		app->screen = SCREEN_WELCOME;
		return true;
	}
	if ((k->function && k->code == KEY_BACKSPACE) ||
	    (!k->function && (k->code == 127 || k->code == '\b'))) {
		if (len > 0)
			app->kiosk.typed[len - 1] = '\0';
		return true;
	}
	if (!k->function && k->code > ' ' && k->code < 127 &&
	    len < STORE_MAX_CODE) {
		app->kiosk.typed[len] = (char)k->code;
		app->kiosk.typed[len + 1] = '\0';
		return true;
	}
	return false;
}

/* Neither screen has help or a way out by q: the room must not leave
 * kiosk mode by accident, and the code being typed may contain q. */
const struct screen_ops screen_welcome = {.draw = welcome_draw,
					  .key = welcome_key};
const struct screen_ops screen_kiosk_exit = {.draw = exit_draw,
					     .key = exit_key};
