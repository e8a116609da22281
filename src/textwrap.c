/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "textwrap.h"

#include "safetext.h"
#include "util.h"

#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* What the cursor steps over as one piece: a character together with the
 * combining marks that follow it, or one byte that does not decode. Lines
 * are only ever broken between units, so an accent never loses its letter
 * and a multibyte sequence is never cut. */
struct textwrap_unit {
	size_t len;
	int width;
	bool wide;    /* two columns or more: CJK may break around it */
	bool space;   /* a lone ASCII space, with no mark on it */
	bool newline; /* a hard line break */
};

/* The line being built by textwrap_wrap, and where it could still break. */
struct textwrap_state {
	int limit;
	struct wrap_line *lines;
	int count;
	int cap;
	size_t start; /* first byte of the current line */
	size_t end;   /* end of its content so far (spaces after it pending) */
	int width;    /* columns of [start, end) */
	int spaces;   /* columns of spaces after end, not yet placed */
	bool prev_wide;
	size_t indent_end; /* spaces before this byte are indentation */
	/* The last place in this line where it may break: the line would
	 * be [start, brk_end) of brk_width columns, the next would begin at
	 * brk_next, and brk_cut columns would leave with the first line. */
	bool has_brk;
	size_t brk_end;
	size_t brk_next;
	int brk_width;
	int brk_cut;
};

/* Decodes one character of the n > 0 bytes at s, from a fresh shift state
 * so that a unit decodes the same wherever a caller starts. Sets *len to
 * its bytes and *mark when it is a combining mark (to be attached to what
 * precedes it); returns its columns. A tab counts one column, like a
 * space, rather than a position-dependent jump: callers lay text out in
 * boxes where a tab has no meaningful stop. Other control characters,
 * bidi marks and bytes that do not decode take the columns of the escape
 * safetext shows for them. */
static int textwrap_char(const char *s, size_t n, size_t *len, bool *mark)
{
	mbstate_t ps;
	wchar_t wc;

	*mark = false;
	/* printable ASCII, most of any report: one column, never escaped,
	 * whatever the locale (long lists of names are wrapped a character
	 * at a time) */
	if (s[0] >= 0x20 && s[0] < 0x7f) {
		*len = 1;
		return 1;
	}
	memset(&ps, 0, sizeof(ps));
	/* what safetext escapes is as wide as its escape: controls, C1 and
	 * bidi marks, and (where text is UTF-8) bytes that do not decode */
	unsigned char c = (unsigned char)s[0];
	size_t r = c < 0x80 ? 1 : mbrtowc(&wc, s, n, &ps);
	bool bad = r == (size_t)-1 || r == (size_t)-2;
	if (c != '\n' && c != '\t' && (!bad || MB_CUR_MAX > 1)) {
		int escape = safetext_escape_width(s, n, len);
		if (escape > 0)
			return escape;
	}
	if (c < 0x80) {
		memset(&ps, 0, sizeof(ps));
		r = mbrtowc(&wc, s, n, &ps);
	}
	if (r == (size_t)-1 || r == (size_t)-2) {
		*len = 1;
		return 1;
	}
	*len = r == 0 ? 1 : r; /* an embedded NUL still moves on a byte */
	if (wc == L'\t')
		return 1;
	int w = wcwidth(wc);
	if (w < 0)
		return 0;
	if (w == 0 && wc != L'\0')
		*mark = true;
	return w;
}

/* Reads the unit at s (n > 0 bytes): a character and its marks. A mark at
 * the very start, with nothing to attach to, is a unit of its own. */
static void textwrap_next_unit(const char *s, size_t n, struct textwrap_unit *u)
{
	size_t len;
	bool mark;

	u->width = textwrap_char(s, n, &len, &mark);
	u->len = len;
	u->wide = u->width >= 2;
	u->space = s[0] == ' ';
	u->newline = s[0] == '\n';
	/* A mark after '\n' belongs to the next line's text, not to the
	 * break, or it would vanish from every line. */
	if (u->newline)
		return;
	while (u->len < n) {
		textwrap_char(s + u->len, n - u->len, &len, &mark);
		if (!mark)
			break;
		u->len += len;
		u->space = false; /* a space under an accent is a letter */
	}
}

int textwrap_width_n(const char *s, size_t len)
{
	size_t total = 0;
	size_t pos = 0;

	while (pos < len) {
		size_t n;
		bool mark;
		total += (size_t)textwrap_char(s + pos, len - pos, &n, &mark);
		pos += n;
	}
	return total > INT_MAX ? INT_MAX : (int)total;
}

int textwrap_width(const char *s)
{
	return textwrap_width_n(s, strlen(s));
}

static void textwrap_emit(struct textwrap_state *st, size_t end, int width)
{
	if (st->count == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->lines = xreallocarray(st->lines, (size_t)st->cap,
					  sizeof(*st->lines));
	}
	st->lines[st->count++] = (struct wrap_line){
	    .start = st->start, .len = end - st->start, .width = width};
}

static void textwrap_restart(struct textwrap_state *st, size_t pos)
{
	st->start = pos;
	st->end = pos;
	st->width = 0;
	st->spaces = 0;
	st->prev_wide = false;
	st->has_brk = false;
}

/* Starts the paragraph at pos. Its leading spaces are indentation, kept as
 * text, so that lists and quotes stay indented; a paragraph of nothing but
 * spaces has no text worth keeping and becomes an empty line. */
static void textwrap_paragraph(struct textwrap_state *st, const char *s,
			       size_t pos)
{
	size_t q = pos;

	textwrap_restart(st, pos);
	while (s[q] == ' ')
		q++;
	st->indent_end = s[q] == '\n' || s[q] == '\0' ? pos : q;
}

/* Adds the unit at pos to the current line, breaking first (as late as
 * possible) when it does not fit. A unit that does not fit even on an empty
 * line (a wide character when the limit is 1) gets a line to itself. */
static void textwrap_place(struct textwrap_state *st, size_t pos,
			   const struct textwrap_unit *u)
{
	for (;;) {
		bool content = st->end > st->start;
		/* Spaces always allow a break; so does the boundary between
		 * two wide characters, since CJK text has no spaces. */
		bool here =
		    content && (st->spaces > 0 || (st->prev_wide && u->wide));
		int need = st->width + st->spaces + u->width;

		if (need <= st->limit || !content) {
			if (here) {
				st->has_brk = true;
				st->brk_end = st->end;
				st->brk_next = pos;
				st->brk_width = st->width;
				st->brk_cut = st->width + st->spaces;
			}
			st->width = need;
			st->end = pos + u->len;
			st->spaces = 0;
			st->prev_wide = u->wide;
			return;
		}
		if (st->has_brk && !here) {
			/* What followed the last break moves down; it holds
			 * no other break, and the loop retries the unit. */
			textwrap_emit(st, st->brk_end, st->brk_width);
			st->start = st->brk_next;
			st->width -= st->brk_cut;
			st->has_brk = false;
		} else {
			/* Break right here: at spaces, between wide
			 * characters, or inside a word longer than the line
			 * because there is nowhere better. */
			textwrap_emit(st, st->end, st->width);
			textwrap_restart(st, pos);
		}
	}
}

int textwrap_wrap(const char *s, int width, struct wrap_line **lines)
{
	struct textwrap_state st = {0};
	size_t n = strlen(s);
	size_t pos = 0;

	*lines = NULL;
	if (n == 0)
		return 0;
	/* A caller that computed a width below 1 from a tiny window still
	 * gets every character, one per line, rather than nothing. */
	st.limit = width < 1 ? 1 : width;
	textwrap_paragraph(&st, s, 0);
	while (pos < n) {
		struct textwrap_unit u;

		textwrap_next_unit(s + pos, n - pos, &u);
		if (u.newline) {
			/* Spaces before the '\n' go with it, to no line. */
			textwrap_emit(&st, st.end, st.width);
			textwrap_paragraph(&st, s, pos + 1);
		} else if (u.space && pos >= st.indent_end) {
			st.spaces++;
		} else {
			textwrap_place(&st, pos, &u);
		}
		pos += u.len;
	}
	/* The text after the last '\n' is a line even when empty, so that
	 * "a\n" shows the line that '\n' starts. */
	textwrap_emit(&st, st.end, st.width);
	*lines = st.lines;
	return st.count;
}

size_t textwrap_fit(const char *s, int width, bool *truncated)
{
	size_t n = strlen(s);
	size_t pos = 0;
	int used = 0;

	*truncated = false;
	if (width <= 0) {
		*truncated = n > 0;
		return 0;
	}
	if (textwrap_width_n(s, n) <= width)
		return n;
	*truncated = true;
	int room = width - textwrap_width(textwrap_ellipsis());
	if (room <= 0)
		return 0;
	/* Whole units only: half a wide character cannot be drawn, and a
	 * letter shown without its accent would be a different letter. */
	while (pos < n) {
		struct textwrap_unit u;

		textwrap_next_unit(s + pos, n - pos, &u);
		if (used + u.width > room)
			break;
		used += u.width;
		pos += u.len;
	}
	return pos;
}

const char *textwrap_ellipsis(void)
{
	return textwrap_utf8_locale() ? "\xe2\x80\xa6" : "...";
}

bool textwrap_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	/* glibc says "UTF-8"; some systems spell it "utf8". */
	return cs != NULL &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}
