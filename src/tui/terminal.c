/* SPDX-License-Identifier: MIT */
/* Whether this terminal can show the screens, decided from terminfo
 * before curses writes a single escape code. Kept apart because <term.h>
 * defines a macro for every capability name. */
#include "config.h"

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "tui/terminal.h"

static bool capability_present(const char *name)
{
	char *cap = tigetstr(name);
	return cap != NULL && cap != (char *)-1;
}

/* Says why the terminal cannot show the screens, before curses writes a
 * single escape code; NULL when it can. */
const char *tui_terminal_problem(void)
{
	static char why[256];
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return "the assessment needs a terminal, and standard input or "
		       "output "
		       "is not one (to record answers without a terminal, use "
		       "'aimap submit')";
	const char *term = getenv("TERM");
	if (term == NULL)
		return "TERM is not set, so the kind of terminal is unknown; "
		       "set it, for example TERM=xterm-256color";
	if (*term == '\0')
		return "TERM is empty, so the kind of terminal is unknown; "
		       "set it, for example TERM=xterm-256color";
	if (strcmp(term, "dumb") == 0)
		return "TERM=dumb cannot draw the screens; use a full "
		       "terminal, for example TERM=xterm-256color";
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, sizeof(why),
			 "the terminal type '%.80s' is unknown here (no "
			 "terminfo entry); set TERM to a known one, for "
			 "example TERM=xterm-256color",
			 term);
		return why;
	}
	bool usable = capability_present("cup") && capability_present("clear");
	del_curterm(cur_term);
	if (!usable) {
		snprintf(why, sizeof(why),
			 "the terminal type '%.80s' cannot move the cursor; "
			 "use a full terminal",
			 term);
		return why;
	}
	return NULL;
}
