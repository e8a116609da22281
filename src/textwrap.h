/* SPDX-License-Identifier: MIT */
/* Text as a terminal shows it: display width (wide CJK characters take
 * two columns, combining marks none), wrapping at spaces by width, and
 * truncation with an ellipsis. No curses here, so it is unit-tested
 * without a terminal. Works on UTF-8 in the current locale (LC_CTYPE must
 * be a UTF-8 locale for non-ASCII text; bytes that do not decode count one
 * column each and are never split). */
#ifndef AIMAP_TEXTWRAP_H
#define AIMAP_TEXTWRAP_H

#include <stdbool.h>
#include <stddef.h>

/* One wrapped line: bytes [start, start + len) of the text, and the
 * columns they take. Spaces at the break are not part of any line. */
struct wrap_line {
	size_t start;
	size_t len;
	int width;
};

/* Columns that s takes. */
int textwrap_width(const char *s);
/* Columns that the first len bytes of s take. */
int textwrap_width_n(const char *s, size_t len);

/* Break s into lines of at most width columns (width >= 1): at spaces where
 * possible; a word wider than the line is cut between characters (never
 * inside one, never between a character and its combining marks); CJK
 * text, which has no spaces, breaks between characters. '\n' in s starts a
 * new line. Returns the number of lines and sets *out to a malloc'd
 * array (free it), or returns 0 with *out NULL for an empty s. */
int textwrap_wrap(const char *s, int width, struct wrap_line **out);

/* The longest prefix of s that fits in width columns, with room left for
 * the ellipsis when s does not fit: returns the prefix length in bytes and
 * sets *truncated. The caller then prints that prefix and
 * textwrap_ellipsis(). */
size_t textwrap_fit(const char *s, int width, bool *truncated);

/* "…" in a UTF-8 locale, "..." otherwise. */
const char *textwrap_ellipsis(void);
/* True when the current locale's character set is UTF-8 (so glyphs such as
 * █ and ▸ can be drawn; otherwise ASCII fallbacks are used). */
bool textwrap_utf8_locale(void);

#endif
