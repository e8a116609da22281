/* SPDX-License-Identifier: MIT */
/* The first screen of a round with invitations: the person types their
 * invitation code (or a resume key); and, on a shared ssh account, the
 * last one: how to come back, kept on screen until a key is pressed
 * (the connection ends with aimap, and a status line would go with the
 * next key). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

static void invite_draw(struct app *app)
{
	const struct session_state *s = &app->session;
	const char *lead =
	    app->round.invitations_only
		? "This round takes answers with an invitation code. Type "
		  "the code from your invitation (dashes and case do not "
		  "matter), or the resume key you were given, and press "
		  "Enter."
		: "Type the code from your invitation (dashes and case do "
		  "not matter), or the resume key you were given, and press "
		  "Enter. Without either, press Enter to answer without an "
		  "invitation.";
	char right[STORE_MAX_CODE + 8];
	snprintf(right, sizeof(right), "Round %s", app->round.code);
	draw_frame(app, app->q->title, right,
		   "Enter confirm   Esc leave   F1 help|Enter ok  Esc leave");
	int y = 3;
	draw_line(y, 4, COLS - 8, "Your invitation code", A_BOLD);
	y += 2 + draw_wrapped(y + 2, 4, COLS - 8, 6, lead, A_NORMAL);
	y++;
	mvaddstr(y, 4, draw_marker(app));
	attron(A_UNDERLINE);
	mvhline(y, 6, ' ', (int)sizeof(s->code_typed));
	mvaddstr(y, 6, s->code_typed);
	attroff(A_UNDERLINE);
	move(y, 6 + (int)strlen(s->code_typed));
	curs_set(1);
}

static bool invite_key(struct app *app, const struct tui_key *k)
{
	struct session_state *s = &app->session;
	size_t len = strlen(s->code_typed);
	if (k->action == ACTION_CONFIRM) {
		session_enter_code(app);
		return true;
	}
	if (!k->function && k->code == 27) {
		if (app->has_home)
			tui_leave_home(app);
		else
			app->quit = true;
		return true;
	}
	if ((k->function && k->code == KEY_BACKSPACE) ||
	    (!k->function && (k->code == 127 || k->code == '\b'))) {
		if (len > 0)
			s->code_typed[len - 1] = '\0';
		return true;
	}
	if (!k->function && k->code >= ' ' && k->code < 127 &&
	    len + 1 < sizeof(s->code_typed)) {
		s->code_typed[len] = (char)k->code;
		s->code_typed[len + 1] = '\0';
		return true;
	}
	return false;
}

static bool invite_typing(const struct app *app)
{
	(void)app;
	return true;
}

static const enum action invite_keys[] = {ACTION_CONFIRM, ACTION_NONE};

const struct screen_ops screen_invite = {.draw = invite_draw,
					 .key = invite_key,
					 .typing = invite_typing,
					 .help = true,
					 .keys = invite_keys};

static void goodbye_draw(struct app *app)
{
	char way[128], text[400];
	session_way_back(app, way, sizeof(way));
	curs_set(0);
	draw_frame(app, app->q->title, "Saved", "any key leaves");
	snprintf(text, sizeof(text),
		 "Your answers so far are saved. To go on later, connect "
		 "with:");
	int y = 3 + draw_wrapped(3, 4, COLS - 8, 4, text, A_NORMAL) + 1;
	draw_line(y, 6, COLS - 10, way, A_BOLD);
	y += 2;
	draw_wrapped(y, 4, COLS - 8, 4, "Note it now. Press any key to leave.",
		     A_NORMAL);
}

static bool goodbye_key(struct app *app, const struct tui_key *k)
{
	(void)k;
	app->quit = true;
	return true;
}

const struct screen_ops screen_goodbye = {.draw = goodbye_draw,
					  .key = goodbye_key};
