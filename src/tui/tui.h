/* SPDX-License-Identifier: MIT */
/* The terminal screens: the respondent's flow (profile, one question per
 * screen, review, result), the home menu and kiosk mode. Only src/tui/
 * includes curses. Each screen is one file filling one struct screen_ops;
 * key handlers change state and say whether to redraw, and tui.c alone
 * calls the curses refresh functions. */
#ifndef AIMAP_TUI_H
#define AIMAP_TUI_H

#include <stdbool.h>

#include "cli.h"
#include "report-worker.h"
#include "report.h"
#include "scoring.h"
#include "store.h"
#include "tui/actions.h"

/* Below this the screens show a "terminal too small" notice instead. */
#define TUI_MIN_COLS 50
#define TUI_MIN_LINES 14
/* how often a screen waiting for a report looks for it */
#define TUI_WAIT_POLL_MS 20

enum screen_id {
	SCREEN_HOME,	   /* take the assessment, facilitate, quit */
	SCREEN_ROUNDS,	   /* pick one of the open rounds */
	SCREEN_WELCOME,	   /* kiosk: waiting for the next person */
	SCREEN_STEP,	   /* a profile step or a question */
	SCREEN_RECOGNISED, /* "welcome back": back with a resume key */
	SCREEN_REVIEW,	   /* every answer, before submitting */
	SCREEN_RESULT,	   /* segment, why, bars, guidance */
	SCREEN_KIOSK_EXIT, /* set, or type, the secret to leave kiosk mode */
	SCREEN_DASHBOARD,  /* the facilitator's live view of a round */
	SCREEN_INVITE,	   /* the invitation code (or resume key) first */
	SCREEN_GOODBYE,	   /* respondent-only: how to come back, kept */
	SCREEN_COUNT
};

/* The profile is asked as steps before the questions, one per screen. */
enum profile_step {
	STEP_NAME,
	STEP_DEPARTMENT,
	STEP_ROLE,
	STEP_TRACK,
	STEP_CONTACT,
	PROFILE_STEPS
};

#define TUI_TEXT_MAX 80 /* bytes in a typed name or department */

struct tui_key {
	int code;      /* a character, or a KEY_ code when function */
	bool function; /* from KEY_CODE_YES */
	enum action action;
};

/* A view taller than its part of the screen, scrolled by whole lines
 * (pager.c): the review's rows, the result, the dashboard and the help. */
struct pager {
	int top;    /* the first line shown */
	int lines;  /* lines in all */
	int height; /* lines the screen has room for */
};

/* The home menu, the list of open rounds and the "welcome back" offer. */
struct menu_state {
	int sel;
	struct store_round *rounds; /* the open rounds, or all to facilitate */
	int nrounds;
	bool facilitate; /* the rounds list picks a round to watch */
};

/* The respondent: the profile, the answers, and the step, review and
 * result screens. */
struct session_state {
	char name[TUI_TEXT_MAX + 1];
	char department[TUI_TEXT_MAX + 1];
	/* the round has a list, and "Other (type it)" was chosen */
	bool department_other;
	/* a typed department near a listed one, said once: typed again
	 * as it is, it is kept */
	char department_warned[TUI_TEXT_MAX + 1];
	enum role role;
	enum track track;
	bool contact;
	struct store_response response; /* id 0 until started */
	struct store_response found;	/* someone back with their key */
	char resume_key[12];		/* shown to come back (secret.h) */
	/* answering with an invitation (id 0: none): its department, role
	 * and track are fixed; its code brings the person back */
	struct store_invitation invitation;
	char invite_code[16]; /* as secret_normalise writes it */
	char code_typed[24];  /* the invitation screen's field */
	int *choices;	      /* per question, 0 = unanswered */
	int (*estimates)[3];
	char **comments; /* per question, for comments: the text or NULL */
	int ncomments;	 /* its length, kept for after q is gone */
	char comment[QN_MAX_COMMENT + 1]; /* the comment being typed */

	/* the step on screen: < PROFILE_STEPS a profile step, otherwise
	 * question step - PROFILE_STEPS */
	int step;
	int sel;	     /* highlighted choice */
	char fields[3][4];   /* an estimate's three percentages */
	int field;	     /* which of them has the cursor */
	bool back_to_review; /* after this answer, return to review */

	int review_sel;		   /* the highlighted row of the review */
	struct pager review_pager; /* rows of the review */
	struct scoring_result result;
	struct pager result_pager; /* lines of the result */
};

/* The facilitator's dashboard. */
struct dashboard_state {
	struct report report;
	bool have_report;
	/* participation, and the actions recorded for the compared round
	 * with its report by department, read with the report */
	struct report_live live;
	enum report_by by;
	int view;
	bool held;			/* results held back until revealed */
	struct store_round *all_rounds; /* to compare with */
	int nall_rounds;
	int compare; /* index into all_rounds, -1: none */
	struct questionnaire *compare_q;
	/* --leaders: the round whose leaders' estimates the gap uses */
	bool has_leaders;
	struct store_round leaders;
	struct questionnaire *leaders_q;
	long long data_version;
	long long last_check_ms;
	struct pager pager; /* lines of the view shown */
	/* reports are read in a thread of their own (NULL: here, when it
	 * could not start); reading: one is asked for and not yet shown */
	struct report_worker *worker;
	bool reading;
	/* the report asked for lists the champions: only the Champions view
	 * asks for them (a refresh of any other view reads none) */
	bool reading_champions;
};

#define KIOSK_SECRET_MAX 32    /* bytes in the facilitator's secret */
#define KIOSK_DEFAULT_IDLE 180 /* seconds without a key: next person */

/* Kiosk mode: one shared terminal, people one after another. */
struct kiosk_state {
	bool on;
	/* the facilitator's secret, set when the kiosk starts, asked to
	 * leave it; in memory only, never shown */
	char secret[KIOSK_SECRET_MAX + 1];
	int setting;			  /* 1, 2: typing it, then again */
	char first[KIOSK_SECRET_MAX + 1]; /* the first time it was typed */
	char typed[KIOSK_SECRET_MAX + 1]; /* being typed */
	bool quit_asked;		  /* q pressed once mid-answers */
	int idle_seconds;		  /* then back to the welcome */
	long long last_key_ms;
};

struct app {
	struct cli *cli;
	struct store *store;
	bool has_home; /* started from the home menu: Esc returns there */
	bool color;    /* colours in use (not NO_COLOR, terminal has them) */
	bool utf8;     /* draw glyphs such as ▸ and █; ASCII otherwise */
	enum screen_id screen;
	bool help; /* the help overlay is shown */
	struct pager help_pager;
	bool quit;
	char status[200]; /* a message for the status line, until a key */
	bool status_is_error;

	/* the round being answered or watched, and its questionnaire */
	struct store_round round;
	struct questionnaire *q;

	/* each family of screens keeps to its own part */
	struct menu_state menu;
	struct session_state session;
	struct dashboard_state dash;
	struct kiosk_state kiosk;
};

/* A screen. The keys every screen shares (resizing, ? for the help, q to
 * leave) are handled in tui.c before the screen sees a key. */
struct screen_ops {
	void (*draw)(struct app *app);
	/* Returns true when the screen must be drawn again; the loop draws
	 * only then (or when a status message goes away). */
	bool (*key)(struct app *app, const struct tui_key *key);
	/* Called about four times a second while no key comes (may be
	 * NULL); returns true when the screen must be drawn again. */
	bool (*tick)(struct app *app);
	/* True while the screen waits for work done elsewhere (may be
	 * NULL): tick is then called every few milliseconds. */
	bool (*waiting)(const struct app *app);
	/* What q does here; NULL where q is no way out (kiosk screens). */
	void (*leave)(struct app *app);
	/* True while letters are typed into a field (may be NULL): then ?
	 * and q are letters, and only F1 shows the help. */
	bool (*typing)(const struct app *app);
	bool help; /* ? and F1 show the help */
	/* The actions its help lists, in the table's words, ending with
	 * ACTION_NONE (help and q are added where they work); NULL: all. */
	const enum action *keys;
};

extern const struct screen_ops screen_home, screen_rounds, screen_welcome,
    screen_step, screen_recognised, screen_review, screen_result,
    screen_kiosk_exit, screen_dashboard, screen_invite, screen_goodbye;

/* Entry points, from main.c and cmd-take.c. They check the terminal first
 * and return an exit status. */
int tui_run_home(struct cli *cli);
int tui_run_take(struct cli *cli, const char *code, bool kiosk,
		 const char *resume, const char *invite, int idle_seconds);
int tui_run_dashboard(struct cli *cli, const char *code, bool hold,
		      const char *leaders);

/* Leave aimap (q on the menus and the dashboard). */
void tui_quit(struct app *app);
/* q where there is a home menu to go back to: there, else leave aimap. */
void tui_leave_home(struct app *app);

/* Home -> Facilitate: the only round's dashboard, or a list of every
 * round (open ones and closed ones, newest first) to pick from. */
bool tui_choose_dashboard(struct app *app);

/* ---- scrolling (pager.c) ---- */

/* After drawing: how many lines the view has and how many fit. Keeps the
 * view within its lines; true when that moved it. */
bool pager_set_size(struct pager *p, int lines, int height);
/* Up/Down scroll a line, PgUp/PgDn (and Space) a page less one line;
 * false for any other action. */
bool pager_scroll(struct pager *p, enum action action);
/* The same keys moving a highlighted line *sel (a page is a whole page),
 * the view following it; false for any other action. */
bool pager_move(struct pager *p, int *sel, enum action action);
/* Scroll the least that shows line. */
void pager_show(struct pager *p, int line);
/* Lines hidden above or below the view. */
bool pager_more_above(const struct pager *p);
bool pager_more_below(const struct pager *p);

/* Open the dashboard on a round (the newest open one when code is NULL);
 * false with a status message when there is none. */
bool dashboard_begin(struct app *app, const char *code);
/* Take the perception gap from the leaders of round code (dashboard
 * --leaders); false, with the status set, when it cannot. */
bool dashboard_pair_leaders(struct app *app, const char *code);
void dashboard_free(struct app *app);

/* The stored questionnaire of a round; NULL with a status message. */
struct questionnaire *tui_load_questionnaire(struct app *app,
					     const struct store_round *r);

/* Pick the round to take: the only open one, a list of open ones, or a
 * personal round on the default questionnaire when none is open. */
bool tui_choose_round(struct app *app);

/* ---- the respondent's session (session.c): every change is saved ---- */

/* Take the round with this code: load its questionnaire and start at the
 * profile. False (with a status message) when it cannot be used. */
bool session_begin(struct app *app, const char *code);
/* Forget the respondent (kiosk: ready for the next person). */
void session_reset(struct app *app);
/* Free what session_begin and the answers allocated. */
void session_free(struct app *app);
/* The questions (q->questions index) shown to this respondent. */
int session_question(const struct app *app);
bool session_on_question(const struct app *app);
/* Move to a step, preparing its selection from what is stored. */
void session_goto(struct app *app, int step);
/* The profile is complete: start a response, or store a changed one. */
void session_profile_done(struct app *app);
/* Take round code again with a resume key: the "welcome back" screen
 * for that person's response. False (with a status message) when the
 * key is not one of this round's. */
bool session_begin_resume(struct app *app, const char *code, const char *key);
/* Take a round with an invitation code (round_code NULL: the
 * invitation's round; else it must be that one): a new response with the
 * invitation's department, role and track, or the "welcome back" screen
 * for its response. False (with a status message) when the code is not
 * a valid, unrevoked invitation. */
bool session_begin_invite(struct app *app, const char *round_code,
			  const char *typed);
/* Enter on the invitation screen: an invitation code, a resume key, or
 * (when the round admits it) nothing, to answer without. */
void session_enter_code(struct app *app);
/* How to come back to these answers, in the words the person used:
 * "aimap take -i CODE", "ssh -t HOST resume KEY", ...; "" when there is
 * no way back. */
void session_way_back(const struct app *app, char *out, size_t size);
/* Resume the response found by its key (or show its result if
 * finished). */
void session_resume_found(struct app *app);
/* Resume it by its profile steps first, with the stored values chosen;
 * what is changed there is stored with it. */
void session_change_found(struct app *app);
/* Save an answer to the current question and go on. */
void session_answer(struct app *app, int choice);
void session_answer_estimate(struct app *app, const int pct[3]);
/* Save the comment typed (empty: none, as comments are optional) and go
 * on. */
void session_answer_comment(struct app *app);
/* Number of shown questions still unanswered. */
int session_unanswered(const struct app *app);
/* Classify, store, and show the result. */
void session_submit(struct app *app);
/* After the result (or on q): leave, or in kiosk mode welcome the next
 * person (asking first, on q, when unfinished answers would be left). */
void session_leave(struct app *app);

/* ---- kiosk mode (kiosk.c) ---- */

/* Start the kiosk at the screen that sets the facilitator's secret. */
void kiosk_begin(struct app *app);
/* Called while no key comes: after the idle time, the person's session
 * is kept as abandoned and the welcome screen comes back. True when the
 * screen changed. */
bool kiosk_idle(struct app *app);
/* A key came: the idle time starts again. */
void kiosk_touch(struct app *app);
/* Keep the unfinished response as abandoned and welcome the next
 * person. */
void kiosk_abandon(struct app *app);

/* ---- drawing helpers (draw.c) ---- */

enum tone {
	TONE_NORMAL,
	TONE_TITLE,
	TONE_SELECTED,
	TONE_ANSWERED,
	TONE_WARNING,
	TONE_DIM,
	TONE_CHAMPION,
	TONE_WILLING,
	TONE_CAUTIOUS,
	TONE_BAR,
	/* the heatmap's five shades, weakest first */
	TONE_HEAT_0,
	TONE_HEAT_1,
	TONE_HEAT_2,
	TONE_HEAT_3,
	TONE_HEAT_4,
	TONE_COUNT
};

void draw_init_colors(struct app *app);
int draw_attr(const struct app *app, enum tone tone);
/* The title bar (top line) and the key hints or status message (bottom).
 * hints may be "wide|narrow": the narrow form shows on small terminals. */
void draw_frame(struct app *app, const char *title, const char *right,
		const char *hints);
/* Text wrapped to width at (y, x), at most max_lines lines; returns the
 * lines drawn. */
int draw_wrapped(int y, int x, int width, int max_lines, const char *text,
		 int attr);
/* The same, leaving out the first skip lines (for scrolled views). */
int draw_wrapped_from(int y, int x, int width, int skip, int max_lines,
		      const char *text, int attr);
/* Lines text takes when wrapped to width. */
int draw_wrapped_height(const char *text, int width);
/* One line, truncated with an ellipsis to width columns. */
void draw_line(int y, int x, int width, const char *text, int attr);
/* A bar of width cells filled to fraction (0..1). */
void draw_bar(const struct app *app, int y, int x, int width, double fraction,
	      int attr);
/* The marker before the highlighted item: "▸" or ">". */
const char *draw_marker(const struct app *app);
/* Rows a numbered list of items takes at this width. */
int draw_choices_height(const char *const *items, int count, int width);
/* A numbered list of items with one highlighted, wrapped to width,
 * scrolled so the highlighted one shows; returns the rows used. */
int draw_choices(const struct app *app, int y, int x, int width, int rows,
		 const char *const *items, int count, int selected,
		 int answered);
/* Set the status line message. */
void tui_status(struct app *app, bool error, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif
