/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "safetext.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* A growing byte buffer, always NUL-terminated once used. */
struct safetext_buf {
	char *data;
	size_t len, cap;
};

static void safetext_buf_add(struct safetext_buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static char *safetext_buf_take(struct safetext_buf *b)
{
	char *data = b->data != NULL ? b->data : xstrdup("");
	memset(b, 0, sizeof(*b));
	return data;
}

/* Characters with no glyph that steer the terminal or the direction of
 * the text around them. */
static bool safetext_hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Decodes strict UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF). Returns the bytes used, 0 when s[0] starts no valid
 * character, or -1 when the n bytes are the start of one cut short. */
static int safetext_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	int len = c < 0x80		   ? 1
		  : c >= 0xC2 && c <= 0xDF ? 2
		  : c >= 0xE0 && c <= 0xEF ? 3
		  : c >= 0xF0 && c <= 0xF4 ? 4
					   : 0;
	if (len <= 1) {
		*cp = c;
		return len;
	}
	uint32_t v = c & (0x7F >> len);
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
		/* the second byte alone says whether the rest can be valid */
		if (i == 1 && ((len == 3 && v < 0x20) ||
			       (len == 3 && v >= 0x360 && v < 0x380) ||
			       (len == 4 && (v < 0x10 || v >= 0x110))))
			return 0;
	}
	*cp = v;
	return len;
}

/* The escape for the unit at s, or "" when it passes as it is; *len gets
 * the unit's bytes. A character cut short at the end (last) is escaped
 * byte by byte; otherwise *len is 0 and the caller waits for more. */
static void safetext_unit(const unsigned char *s, size_t n,
			  enum safetext_mode mode, bool last, char esc[16],
			  size_t *len)
{
	uint32_t cp = 0;
	int r = safetext_decode(s, n, &cp);
	esc[0] = '\0';
	if (r < 0 && !last) {
		*len = 0;
		return;
	}
	if (r <= 0) {
		*len = 1;
		snprintf(esc, 16, "\\x%02x", s[0]);
		return;
	}
	*len = (size_t)r;
	bool lines = mode == SAFETEXT_LINES;
	if (cp == '\n' || cp == '\t') {
		if (!lines)
			snprintf(esc, 16, "\\%c", cp == '\n' ? 'n' : 't');
	} else if (cp == '\r') {
		if (lines && n < 2 && !last)
			*len = 0; /* is a newline next? */
		else if (!lines || n < 2 || s[1] != '\n')
			snprintf(esc, 16, "\\r");
	} else if (cp < 0x20 || cp == 0x7F) {
		snprintf(esc, 16, "\\x%02x", (unsigned)cp);
	} else if (safetext_hidden(cp)) {
		snprintf(esc, 16, "\\u%04x", (unsigned)cp);
	}
}

int safetext_escape_width(const char *s, size_t n, size_t *len)
{
	char esc[16];
	safetext_unit((const unsigned char *)s, n, SAFETEXT_LINE, true, esc,
		      len);
	return (int)strlen(esc);
}

/* Appends the safe form of bytes [0, n) of s to out; returns the bytes
 * consumed (fewer than n only when !last and the tail may continue). */
static size_t safetext_append(struct safetext_buf *out, const char *s, size_t n,
			      enum safetext_mode mode, bool last)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		/* printable ASCII is most text: pass it in runs */
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		char esc[16];
		size_t len;
		safetext_unit(p + i, n - i, mode, last, esc, &len);
		if (len == 0)
			break;
		if (esc[0] != '\0') {
			safetext_buf_add(out, s + run, i - run);
			safetext_buf_add(out, esc, strlen(esc));
			run = i + len;
		}
		i += len;
	}
	safetext_buf_add(out, s + run, i - run);
	return i;
}

char *safetext_dup_n(const char *s, size_t n, enum safetext_mode mode)
{
	struct safetext_buf out = {0};
	(void)safetext_append(&out, s, n, mode, true);
	return safetext_buf_take(&out);
}

char *safetext_dup(const char *s, enum safetext_mode mode)
{
	return s != NULL ? safetext_dup_n(s, strlen(s), mode) : xstrdup("");
}

bool safetext_is_clean(const char *s, enum safetext_mode mode)
{
	size_t n = strlen(s);
	struct safetext_buf out = {0};
	(void)safetext_append(&out, s, n, mode, true);
	bool clean = out.len == n;
	free(safetext_buf_take(&out));
	return clean;
}

/* ---- the stream -------------------------------------------------------- */

struct safetext_stream {
	int fd;
	char pending[4]; /* a character (or CR) cut off by the last write */
	size_t npending;
};

static bool safetext_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool safetext_stream_put(struct safetext_stream *st, const char *buf,
				size_t size, bool last)
{
	struct safetext_buf in = {0}, out = {0};
	safetext_buf_add(&in, st->pending, st->npending);
	safetext_buf_add(&in, buf, size);
	size_t used =
	    safetext_append(&out, in.data, in.len, SAFETEXT_LINES, last);
	st->npending = in.len - used; /* at most 3 bytes or a CR */
	memcpy(st->pending, in.data + used, st->npending);
	bool ok = safetext_write_all(st->fd, out.data, out.len);
	free(safetext_buf_take(&in));
	free(safetext_buf_take(&out));
	return ok;
}

static ssize_t safetext_stream_write(void *cookie, const char *buf, size_t size)
{
	if (!safetext_stream_put(cookie, buf, size, false))
		return -1;
	return (ssize_t)size;
}

static int safetext_stream_close(void *cookie)
{
	struct safetext_stream *st = cookie;
	bool ok = st->npending == 0 || safetext_stream_put(st, "", 0, true);
	free(st);
	return ok ? 0 : EOF;
}

FILE *safetext_open_stream(int fd)
{
	struct safetext_stream *st = xcalloc(1, sizeof(*st));
	st->fd = fd;
	cookie_io_functions_t io = {.write = safetext_stream_write,
				    .close = safetext_stream_close};
	FILE *f = fopencookie(st, "w", io);
	if (f == NULL)
		free(st);
	return f;
}

static FILE *safetext_raw_stdout;

static void safetext_close_stdio(void)
{
	/* flush a character cut short at the very end as its escape */
	(void)fclose(stdout);
	(void)fclose(stderr);
}

void safetext_guard_stdio(void)
{
	safetext_raw_stdout = stdout;
	fflush(stdout);
	fflush(stderr);
	FILE *out = safetext_open_stream(STDOUT_FILENO);
	FILE *err = safetext_open_stream(STDERR_FILENO);
	if (out == NULL || err == NULL) {
		if (out != NULL)
			fclose(out);
		if (err != NULL)
			fclose(err);
		return; /* no filter is better than no output */
	}
	(void)setvbuf(out, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF,
		      BUFSIZ);
	(void)setvbuf(err, NULL, _IONBF, 0);
	stdout = out;
	stderr = err;
	atexit(safetext_close_stdio);
}

FILE *safetext_terminal(void)
{
	return safetext_raw_stdout != NULL ? safetext_raw_stdout : stdout;
}
