/* SPDX-License-Identifier: MIT */
/* The one table of actions in the terminal screens: each action's name,
 * the keys shown for it, its description, and its key codes. The enum, the
 * key map, the help screen and the KEYS section of aimap(1) all come from
 * it (a test fails when the man page drifts from it). */
#ifndef AIMAP_TUI_ACTIONS_H
#define AIMAP_TUI_ACTIONS_H

#include <stdbool.h>
#include <stdio.h>

#define KEY_CTRL(c) ((c)&0x1f)

/* X(ID, "keys as shown", "what it does", key codes...) */
#define TUI_ACTIONS(X)                                                         \
	X(UP, "Up, k", "Move to the previous choice or line.", KEY_UP, 'k')    \
	X(DOWN, "Down, j", "Move to the next choice or line.", KEY_DOWN, 'j')  \
	X(PAGE_UP, "PgUp", "Scroll up by a page.", KEY_PPAGE)                  \
	X(PAGE_DOWN, "PgDn, Space", "Scroll down by a page.", KEY_NPAGE, ' ')  \
	X(HOME, "Home", "Scroll to the top of a long view.", KEY_HOME,         \
	  KEY_FIND)                                                            \
	X(END, "End", "Scroll to the bottom of a long view.", KEY_END,         \
	  KEY_SELECT)                                                          \
	X(CHOOSE, "1-9", "Choose that answer and go on.", '1', '2', '3', '4',  \
	  '5', '6', '7', '8', '9')                                             \
	X(CONFIRM, "Enter", "Confirm the selected answer and go on.", '\n',    \
	  '\r', KEY_ENTER)                                                     \
	X(BACK, "Backspace, b, Esc",                                           \
	  "Go back one step; in a text field Backspace deletes a "             \
	  "character.",                                                        \
	  KEY_BACKSPACE, 127, '\b', 'b', 27)                                   \
	X(NEXT, "Tab, Right, l",                                               \
	  "Next percentage of an estimate; next view of the dashboard.", '\t', \
	  KEY_RIGHT, 'l')                                                      \
	X(PREVIOUS, "Shift-Tab, Left, h",                                      \
	  "Previous percentage of an estimate; previous view of the "          \
	  "dashboard.",                                                        \
	  KEY_BTAB, KEY_LEFT, 'h')                                             \
	X(GROUP, "g",                                                          \
	  "Dashboard: group by department, role or track in turn.", 'g')       \
	X(COMPARE, "c",                                                        \
	  "Dashboard: choose the round to compare with (in turn; none "        \
	  "last).",                                                            \
	  'c')                                                                 \
	X(REVEAL, "v",                                                         \
	  "Dashboard: hold the results back, or reveal them (a workshop "      \
	  "reveal once everyone has answered).",                               \
	  'v')                                                                 \
	X(REVIEW, "r", "Review every answer before submitting.", 'r')          \
	X(SUBMIT, "s", "Submit the answers (on the review screen).", 's')      \
	X(HELP, "?, F1", "Show the keys.", '?', KEY_F(1))                      \
	X(QUIT, "q",                                                           \
	  "Leave; every answer given so far is already saved, and you "        \
	  "resume where you stopped.",                                         \
	  'q')                                                                 \
	X(KIOSK_EXIT, "Ctrl-X",                                                \
	  "In kiosk mode, on the welcome screen: leave kiosk mode after "      \
	  "typing the facilitator's secret.",                                  \
	  KEY_CTRL('x'))

enum action {
	ACTION_NONE = 0,
#define TUI_ACTION_ENUM(id, shown, desc, ...) ACTION_##id,
	TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
	    ACTION_COUNT
};

struct action_info {
	enum action action;
	const char *keys; /* as shown to people */
	const char *description;
};

/* The action a key (from wget_wch: is_function tells a KEY_ code from a
 * character) stands for, or ACTION_NONE. */
enum action actions_lookup(int key, bool is_function);
/* Every action, in table order; count in *n. */
const struct action_info *actions_all(int *n);
/* The KEYS section body of aimap(1), as man macros. */
void actions_print_man(FILE *out);

#endif
