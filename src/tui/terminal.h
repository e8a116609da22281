/* SPDX-License-Identifier: MIT */
/* Checking the terminal before curses starts. */
#ifndef AIMAP_TUI_TERMINAL_H
#define AIMAP_TUI_TERMINAL_H

/* Why this terminal cannot show the screens (no terminal on standard
 * input or output, TERM unset, empty, dumb, unknown or without cursor
 * movement), or NULL when it can. */
const char *tui_terminal_problem(void);

/* Called just before curses starts, once tui_terminal_problem() found
 * none (fatal.c): a fatal signal from then on restores the terminal's
 * modes and screen before the program dies of it. */
void tui_fatal_guard(void);
/* Called once curses has started: what the terminal is sent then to
 * leave the screens (the alternate screen, the hidden cursor). */
void tui_fatal_strings(void);

#endif
