/* SPDX-License-Identifier: MIT */
/* The terminal itself: checking it is usable before any escape code is
 * written, starting and stopping curses, signals, resizing, and the one
 * loop that reads keys, hands them to the current screen and refreshes. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "safetext.h"
#include "textwrap.h"
#include "tui/terminal.h"
#include "tui/tui.h"

static const struct screen_ops *const screens[SCREEN_COUNT] = {
    [SCREEN_HOME] = &screen_home,
    [SCREEN_ROUNDS] = &screen_rounds,
    [SCREEN_WELCOME] = &screen_welcome,
    [SCREEN_STEP] = &screen_step,
    [SCREEN_RECOGNISED] = &screen_recognised,
    [SCREEN_REVIEW] = &screen_review,
    [SCREEN_RESULT] = &screen_result,
    [SCREEN_KIOSK_EXIT] = &screen_kiosk_exit,
    [SCREEN_DASHBOARD] = &screen_dashboard,
    [SCREEN_INVITE] = &screen_invite,
    [SCREEN_GOODBYE] = &screen_goodbye,
};

/* Set by the handler, read by the loop: no curses work in a handler. */
static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
}

/* Installed before curses starts, so ncurses keeps ours: every answer is
 * already committed, and the loop restores the terminal and leaves. */
static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void draw_too_small(void)
{
	char msg[128];
	snprintf(msg, sizeof(msg), "Terminal too small: %dx%d.", COLS, LINES);
	mvaddnstr(0, 0, msg, COLS);
	snprintf(msg, sizeof(msg), "aimap needs at least %dx%d.", TUI_MIN_COLS,
		 TUI_MIN_LINES);
	mvaddnstr(1, 0, msg, COLS);
	mvaddnstr(2, 0, "Make the window larger.", COLS);
}

static bool too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

static const char help_note[] = "In a text field letters are typed: Esc "
				"goes back. A * after a number marks your "
				"saved answer.";

/* Whether the help of the screen on show lists action a: those its
 * table names, help itself, and q where q leaves. */
static bool help_lists(const struct app *app, enum action a)
{
	const struct screen_ops *ops = screens[app->screen];
	if (ops->keys == NULL || a == ACTION_HELP)
		return true;
	if (a == ACTION_QUIT)
		return ops->leave != NULL;
	for (const enum action *k = ops->keys; *k != ACTION_NONE; k++)
		if (*k == a)
			return true;
	return false;
}

/* The help's entries: the actions listed here, then the note on text
 * fields where there are some. */
static int help_entries(const struct app *app, const struct action_info **out)
{
	int n, count = 0;
	const struct action_info *all = actions_all(&n);
	for (int i = 0; i < n; i++)
		if (help_lists(app, all[i].action))
			out[count++] = &all[i];
	return count;
}

/* Rows of the help: each entry's wrapped description and a blank. */
static int help_rows(const struct action_info *const *entries, int n, bool note,
		     int width)
{
	int rows = 0;
	for (int i = 0; i < n + note; i++)
		rows +=
		    draw_wrapped_height(
			i < n ? entries[i]->description : help_note, width) +
		    1;
	return rows;
}

/* The help lists the keys of the screen on show, from the one action
 * table; on a small terminal it scrolls (Up/Down, PgUp/PgDn, Space), and
 * any other key closes it. */
static void draw_help(struct app *app)
{
	const struct action_info *entries[ACTION_COUNT];
	int n = help_entries(app, entries);
	bool note = app->screen == SCREEN_STEP;
	int width = COLS - 4, keys = 20, x = 2, top = 3, bottom = LINES - 2;
	struct pager *p = &app->help_pager;
	pager_set_size(p, help_rows(entries, n, note, width - keys),
		       bottom - top + 1);
	for (int r = 1; r < LINES - 1; r++)
		mvhline(r, 0, ' ', COLS);
	draw_line(1, x, width,
		  pager_more_above(p) || pager_more_below(p)
		      ? "Keys (Up/Down scroll, other keys close)"
		      : "Keys (any key closes)",
		  A_BOLD);
	int row = top - p->top;
	for (int i = 0; i < n + note; i++) {
		const char *text = i < n ? entries[i]->description : help_note;
		struct wrap_line *lines;
		int h = textwrap_wrap(text, width - keys, &lines);
		for (int l = 0; l < h; l++, row++) {
			if (row < top || row > bottom)
				continue;
			if (l == 0 && i < n)
				draw_line(row, x, keys - 1, entries[i]->keys,
					  A_BOLD);
			mvaddnstr(row, x + keys, text + lines[l].start,
				  (int)lines[l].len);
		}
		free(lines);
		row++;
	}
}

/* The one place that draws the screen and refreshes the terminal. */
static void draw(struct app *app)
{
	erase();
	if (too_small())
		draw_too_small();
	else
		screens[app->screen]->draw(app);
	if (app->help && !too_small())
		draw_help(app);
	refresh();
}

void tui_quit(struct app *app)
{
	app->quit = true;
}

void tui_leave_home(struct app *app)
{
	if (!app->has_home) {
		app->quit = true;
		return;
	}
	if (app->screen == SCREEN_DASHBOARD)
		dashboard_free(app);
	app->screen = SCREEN_HOME;
	app->menu.sel = 0;
	app->menu.facilitate = false;
}

/* The keys every screen shares, before the screen sees the key: ? (or
 * F1) for the help and q to leave, unless letters are being typed or the
 * screen has none. True when the key was one of them. */
static bool handle_global_key(struct app *app, const struct tui_key *k)
{
	const struct screen_ops *ops = screens[app->screen];
	bool typing = ops->typing != NULL && ops->typing(app);
	if (k->action == ACTION_HELP && ops->help && (!typing || k->function)) {
		app->help = true;
		app->help_pager.top = 0;
		return true;
	}
	if (k->action == ACTION_QUIT && ops->leave != NULL && !typing) {
		ops->leave(app);
		return true;
	}
	return false;
}

/* Returns true when the screen must be drawn again. */
static bool handle_key(struct app *app, const struct tui_key *k)
{
	if (k->function && k->code == KEY_RESIZE)
		return true;
	/* a status message lasts until the next key */
	bool had_status = app->status[0] != '\0';
	app->status[0] = '\0';
	/* in a kiosk, q asks once; any other key goes on */
	if (k->action != ACTION_QUIT)
		app->kiosk.quit_asked = false;
	if (app->help) {
		if (!pager_scroll(&app->help_pager, k->action))
			app->help = false;
		return true;
	}
	if (too_small()) {
		/* keep the answer in progress; only leaving works */
		if (k->action == ACTION_QUIT && !app->kiosk.on)
			app->quit = true;
		return true;
	}
	if (handle_global_key(app, k))
		return true;
	return screens[app->screen]->key(app, k) || had_status;
}

/* After Esc: a key sequence the terminal description does not know
 * (Home as "Esc [ 1 ~" on some terminals) would otherwise read as Esc
 * (back) and then "1" (choose the first answer). Swallow such a sequence
 * and say so; an Esc on its own, or followed by a typed key, stays. */
/* Home and End as a terminal description may not know them (tmux sends
 * "Esc [ 1 ~" and "Esc [ 4 ~" whatever TERM says): put the key back as
 * curses would have read it. */
static void home_or_end(const char *seq)
{
	static const char *const home[] = {"[1~", "[7~", "[H", "OH"};
	static const char *const end[] = {"[4~", "[8~", "[F", "OF"};
	for (size_t i = 0; i < sizeof(home) / sizeof(home[0]); i++) {
		if (strcmp(seq, home[i]) == 0)
			ungetch(KEY_HOME);
		if (strcmp(seq, end[i]) == 0)
			ungetch(KEY_END);
	}
}

static bool unknown_sequence(void)
{
	wint_t next;
	wtimeout(stdscr, 0);
	int rc = wget_wch(stdscr, &next);
	bool sequence = rc == OK && (next == '[' || next == 'O');
	if (sequence) {
		/* parameters, then one final byte from @ to ~ */
		char seq[16] = {(char)next};
		size_t len = 1;
		wint_t c = 0;
		while (wget_wch(stdscr, &c) == OK) {
			if (len + 1 < sizeof(seq))
				seq[len++] = (char)c;
			if (c >= 0x40 && c <= 0x7e)
				break;
		}
		seq[len] = '\0';
		home_or_end(seq);
	} else if (rc == OK) {
		unget_wch((wchar_t)next);
	} else if (rc == KEY_CODE_YES) {
		ungetch((int)next);
	}
	wtimeout(stdscr, 250);
	return sequence;
}

static void run_loop(struct app *app)
{
	draw(app);
	while (!app->quit && caught_signal == 0) {
		wint_t wc;
		int rc = wget_wch(stdscr, &wc);
		if (rc == ERR) {
			/* the timeout, or a signal: check again */
			const struct screen_ops *ops = screens[app->screen];
			if (kiosk_idle(app) ||
			    (ops->tick != NULL && !app->help && ops->tick(app)))
				draw(app);
			continue;
		}
		kiosk_touch(app);
		if (rc == OK && wc == 27 && unknown_sequence())
			continue;
		struct tui_key k = {(int)wc, rc == KEY_CODE_YES, ACTION_NONE};
		k.action = actions_lookup(k.code, k.function);
		if (handle_key(app, &k))
			draw(app);
	}
}

static bool start_curses(struct app *app)
{
	tui_fatal_guard();
	if (newterm(NULL, safetext_terminal(), stdin) == NULL) {
		cli_error("cannot start the terminal screens");
		return false;
	}
	tui_fatal_strings();
	if (app->kiosk.on)
		raw(); /* Ctrl-C and Ctrl-Z are keys, not a way out */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, 250);
	curs_set(0);
	draw_init_colors(app);
	return true;
}

static void app_free(struct app *app)
{
	dashboard_free(app);
	store_round_list_free(app->menu.rounds, app->menu.nrounds);
	store_round_free(&app->round);
	questionnaire_free(app->q);
	session_free(app);
	store_close(app->store);
}

/* After the screen is gone: how to come back to unfinished answers, in
 * the words the person used to start aimap; nothing to resume in a
 * round closed meanwhile. */
static void say_goodbye(struct app *app)
{
	if (app->kiosk.on || app->session.response.id == 0 ||
	    app->session.response.finished)
		return;
	struct store_round now;
	if (store_round_find(app->store, app->round.code, &now) == STORE_OK) {
		bool open = now.open;
		store_round_free(&now);
		if (!open) {
			printf(
			    "aimap: round %s was closed, so it takes no more "
			    "answers; those you gave are kept.\n",
			    app->round.code);
			return;
		}
	}
	char way[128];
	session_way_back(app, way, sizeof(way));
	if (way[0] == '\0')
		printf("aimap: your answers so far are saved.\n");
	else
		printf("aimap: your answers so far are saved. To go on, run "
		       "'%s'.\n",
		       way);
}

static int finish(struct app *app)
{
	endwin();
	say_goodbye(app);
	int status = caught_signal ? 128 + caught_signal : EXIT_OK;
	app_free(app);
	return status;
}

static int run(struct app *app)
{
	catch_signals();
	if (!start_curses(app)) {
		app_free(app);
		return EXIT_RUNTIME;
	}
	run_loop(app);
	return finish(app);
}

/* The checks and set-up both entry points share; NULL store on failure. */
static bool prepare(struct app *app, struct cli *cli, bool kiosk)
{
	memset(app, 0, sizeof(*app));
	const char *problem = tui_terminal_problem();
	if (problem != NULL) {
		cli_error("%s", problem);
		return false;
	}
	app->cli = cli;
	app->kiosk.on = kiosk;
	app->color = !cli->no_color;
	app->utf8 = textwrap_utf8_locale();
	app->store = cli_open_store(cli);
	return app->store != NULL;
}

int tui_run_home(struct cli *cli)
{
	struct app app;
	if (!prepare(&app, cli, false))
		return EXIT_RUNTIME;
	app.screen = SCREEN_HOME;
	app.has_home = true;
	return run(&app);
}

int tui_run_dashboard(struct cli *cli, const char *code, bool hold,
		      const char *leaders)
{
	struct app app;
	cli->to_read = true; /* the dashboard only reads */
	if (!prepare(&app, cli, false))
		return EXIT_RUNTIME;
	app.dash.held = hold;
	if (!dashboard_begin(&app, code) ||
	    (leaders != NULL && !dashboard_pair_leaders(&app, leaders))) {
		cli_error("%s", app.status);
		app_free(&app);
		return EXIT_RUNTIME;
	}
	return run(&app);
}

int tui_run_take(struct cli *cli, const char *code, bool kiosk,
		 const char *resume, const char *invite, int idle_seconds)
{
	struct app app;
	if (!prepare(&app, cli, kiosk))
		return EXIT_RUNTIME;
	app.kiosk.idle_seconds = idle_seconds;
	bool ready = invite != NULL   ? session_begin_invite(&app, code, invite)
		     : resume != NULL ? session_begin_resume(&app, code, resume)
		     : code == NULL   ? tui_choose_round(&app)
				      : session_begin(&app, code);
	if (!ready) {
		cli_error("%s", app.status);
		app_free(&app);
		return EXIT_RUNTIME;
	}
	app.status[0] = '\0';
	if (kiosk)
		kiosk_begin(&app);
	return run(&app);
}
