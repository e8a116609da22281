/* SPDX-License-Identifier: MIT */
/* Text that is safe to show on a terminal. Names, departments, round
 * codes and questionnaire text come from files and databases that anyone
 * may have written; raw, an ESC could clear the screen, write to the
 * clipboard (OSC 52) or answer a status request, a CR or a bidi override
 * could hide what precedes it. Every byte that a terminal would act on is
 * shown instead as visible text:
 *
 *	C0 controls, DEL, bytes that are not UTF-8   \x1b  \x7f  \xff
 *	C1 controls, bidi and line/paragraph marks   \u009b  \u202e
 *
 * Newline and tab pass in SAFETEXT_LINES mode (as does CR right before a
 * newline), for text that is laid out in lines. Everything else is left
 * as it is, so clean text comes out unchanged. */
#ifndef AIMAP_SAFETEXT_H
#define AIMAP_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum safetext_mode {
	SAFETEXT_LINE,	/* one line: \n and \t are shown as escapes too */
	SAFETEXT_LINES, /* \n, \t and CR LF pass */
};

/* The n bytes at s made safe, malloc'd and NUL-terminated. */
char *safetext_dup_n(const char *s, size_t n, enum safetext_mode mode);
/* s made safe (NULL gives ""), malloc'd. */
char *safetext_dup(const char *s, enum safetext_mode mode);
/* True when s needs no change in mode. */
bool safetext_is_clean(const char *s, enum safetext_mode mode);
/* Columns the escape of the n > 0 bytes at s takes when they start with
 * something safetext would escape (0 when they do not), and in *len the
 * bytes it covers: lets text measured raw agree with text drawn safe. */
int safetext_escape_width(const char *s, size_t n, size_t *len);

/* A stream that passes everything written to it through SAFETEXT_LINES
 * to the file descriptor fd, carrying a character cut between two writes
 * over to the next. NULL when the system cannot make one. */
FILE *safetext_open_stream(int fd);
/* Route stdout and stderr through safetext streams, so that whatever a
 * command prints is safe wherever the text came from; the filter on
 * stdout is flushed by line on a terminal, the one on stderr at once.
 * Called once, first thing in main. */
void safetext_guard_stdio(void);
/* The stdout of before safetext_guard_stdio, for curses, whose output is
 * escape sequences by design (and whose text draw.c makes safe). */
FILE *safetext_terminal(void);

#endif
