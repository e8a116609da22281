/* SPDX-License-Identifier: MIT */
/* Checking the terminal before curses starts. */
#ifndef AIMAP_TUI_TERMINAL_H
#define AIMAP_TUI_TERMINAL_H

/* Why this terminal cannot show the screens (no terminal on standard
 * input or output, TERM unset, empty, dumb, unknown or without cursor
 * movement), or NULL when it can. */
const char *tui_terminal_problem(void);

#endif
