/* SPDX-License-Identifier: MIT */
/* A strict CSV reader: see csvread.h. A small state machine over bytes,
 * with the line counted as it goes so every error can name one. The file
 * is read in blocks, and a run of bytes that cannot change the state (no
 * delimiter, quote, line break or NUL) is copied whole. */
#include "config.h"

#include "csvread.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CSVREAD_BLOCK 65536

struct csvread {
	FILE *in;
	unsigned char *block; /* read from in, not yet looked at: pos..end */
	size_t pos;
	size_t end;
	bool special[2][256]; /* bytes that end a run, outside and in quotes */
	bool special_ready;
	char delimiter; /* 0 until the header shows it */
	bool started;	/* the byte-order mark has been looked for */
	bool ended;
	int back[4]; /* bytes read ahead and given back, last first */
	int nback;
	char *buf; /* the record's fields, each NUL-terminated */
	size_t len;
	size_t cap;
	size_t *starts; /* offset of each field in buf */
	char **fields;
	int nfields;
	int fields_cap;
	int expect; /* fields of the first record; -1 before it */
	long line;  /* the physical line being read */
	long record_line;
	long error_line;
	int error_field;
	char error[200];
};

enum state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

struct csvread *csvread_new(FILE *in, char delimiter)
{
	struct csvread *r = xcalloc(1, sizeof(*r));
	r->in = in;
	r->delimiter = delimiter;
	r->expect = -1;
	r->line = 1;
	return r;
}

void csvread_free(struct csvread *r)
{
	if (r == NULL)
		return;
	free(r->block);
	free(r->buf);
	free(r->starts);
	free(r->fields);
	free(r);
}

static int next_byte(struct csvread *r)
{
	if (r->nback > 0)
		return r->back[--r->nback];
	if (r->pos == r->end) {
		if (r->block == NULL)
			r->block = xmalloc(CSVREAD_BLOCK);
		r->pos = 0;
		r->end = fread(r->block, 1, CSVREAD_BLOCK, r->in);
		if (r->end == 0)
			return EOF;
	}
	return r->block[r->pos++];
}

static void give_back(struct csvread *r, int c)
{
	if (c != EOF && r->nback < (int)ARRAY_LEN(r->back))
		r->back[r->nback++] = c;
}

/* Skip a UTF-8 byte-order mark; anything else is given back. */
static void skip_bom(struct csvread *r)
{
	static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
	int got[3], n = 0;
	for (; n < 3; n++) {
		got[n] = next_byte(r);
		if (got[n] != bom[n])
			break;
	}
	if (n == 3)
		return;
	for (int i = n; i >= 0; i--)
		give_back(r, got[i]);
}

static enum csvread_result fail(struct csvread *r, long line, const char *fmt,
				...) PRINTF_LIKE(3, 4);

static enum csvread_result fail(struct csvread *r, long line, const char *fmt,
				...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
	r->error_line = line;
	r->error_field = -1;
	r->ended = true;
	return CSVREAD_ERROR;
}

static bool add_byte(struct csvread *r, int c)
{
	if (r->len + 1 >= CSVREAD_MAX_RECORD)
		return false;
	if (r->len + 1 >= r->cap) {
		r->cap = r->cap > 0 ? 2 * r->cap : 256;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	r->buf[r->len++] = (char)c;
	return true;
}

/* Copy the run of ordinary bytes at the reader's position (inside quotes
 * or not) into the record, as far as the block goes and while the record
 * stays well under its limit; the byte that ends the run, and a record
 * near its limit, are left to the byte at a time path. */
static void add_run(struct csvread *r, bool quoted)
{
	if (r->nback > 0 || r->delimiter == 0)
		return;
	if (!r->special_ready) {
		for (int q = 0; q < 2; q++) {
			r->special[q]['"'] = r->special[q]['\r'] = true;
			r->special[q]['\n'] = r->special[q]['\0'] = true;
		}
		r->special[0][(unsigned char)r->delimiter] = true;
		r->special_ready = true;
	}
	const bool *special = r->special[quoted];
	const unsigned char *p = r->block + r->pos, *e = r->block + r->end;
	while (p < e && !special[*p])
		p++;
	size_t n = (size_t)(p - (r->block + r->pos));
	if (n == 0 || r->len + n + 1 >= CSVREAD_MAX_RECORD)
		return;
	if (r->len + n + 1 >= r->cap) {
		while (r->len + n + 1 >= r->cap)
			r->cap = r->cap > 0 ? 2 * r->cap : 256;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	memcpy(r->buf + r->len, r->block + r->pos, n);
	r->len += n;
	r->pos += n;
}

static void start_field(struct csvread *r)
{
	if (r->nfields == r->fields_cap) {
		r->fields_cap = r->fields_cap > 0 ? 2 * r->fields_cap : 16;
		r->starts = xreallocarray(r->starts, (size_t)r->fields_cap,
					  sizeof(*r->starts));
	}
	r->starts[r->nfields++] = r->len;
}

/* A line break outside quotes: CRLF, LF or a lone CR. */
static void end_line(struct csvread *r, int c)
{
	if (c == '\r') {
		int n = next_byte(r);
		if (n != '\n')
			give_back(r, n);
	}
	if (c != EOF)
		r->line++;
}

static bool is_delimiter(struct csvread *r, int c)
{
	if (r->delimiter == 0 && r->expect < 0 &&
	    (c == ',' || c == ';' || c == '\t'))
		r->delimiter = (char)c;
	return c != EOF && c == (unsigned char)r->delimiter;
}

/* The line a byte of the record is on: its first line plus the breaks
 * before it (only quoted fields hold breaks, and they keep them). */
static long line_of(const struct csvread *r, size_t offset)
{
	long line = r->record_line;
	for (size_t i = 0; i < offset; i++)
		if (r->buf[i] == '\n' ||
		    (r->buf[i] == '\r' &&
		     (i + 1 >= r->len || r->buf[i + 1] != '\n')))
			line++;
	return line;
}

static enum csvread_result finish_record(struct csvread *r)
{
	if (r->delimiter == 0)
		r->delimiter = ',';
	r->fields = xreallocarray(r->fields, (size_t)r->nfields + 1,
				  sizeof(*r->fields));
	for (int i = 0; i < r->nfields; i++) {
		char *f = r->buf + r->starts[i];
		size_t end = i + 1 < r->nfields ? r->starts[i + 1] - 1 : r->len;
		size_t bad;
		if (!util_utf8_valid(f, end - r->starts[i], &bad)) {
			fail(r, line_of(r, r->starts[i] + bad),
			     "field %d is not valid UTF-8 (byte 0x%02X); save "
			     "the file as UTF-8",
			     i + 1, (unsigned char)f[bad]);
			r->error_field = i;
			return CSVREAD_ERROR;
		}
		r->fields[i] = f;
	}
	r->fields[r->nfields] = NULL;
	if (r->expect < 0)
		r->expect = r->nfields;
	else if (r->nfields != r->expect)
		return fail(r, r->record_line,
			    "%d field%s where the header has %d", r->nfields,
			    r->nfields == 1 ? "" : "s", r->expect);
	return CSVREAD_RECORD;
}

/* Read one record's bytes into buf. */
static enum csvread_result read_record(struct csvread *r)
{
	enum state state = FIELD_START;
	long quote_line = 0;
	start_field(r);
	for (;;) {
		if (state == UNQUOTED || state == QUOTED)
			add_run(r, state == QUOTED);
		int c = next_byte(r);
		if (c == '\0')
			return fail(r, r->line, "a NUL byte: not a text file");
		bool room = true;
		switch (state) {
		case FIELD_START:
		case UNQUOTED:
		case QUOTE_IN_QUOTED:
			if (c == EOF || c == '\r' || c == '\n') {
				end_line(r, c);
				return add_byte(r, '\0')
					   ? finish_record(r)
					   : fail(r, r->record_line,
						  "a row longer than %d bytes",
						  CSVREAD_MAX_RECORD);
			}
			if (is_delimiter(r, c)) {
				room = add_byte(r, '\0');
				start_field(r);
				state = FIELD_START;
			} else if (c == '"' && state == FIELD_START) {
				state = QUOTED;
				quote_line = r->line;
			} else if (c == '"' && state == QUOTE_IN_QUOTED) {
				room = add_byte(r, '"');
				state = QUOTED;
			} else if (c == '"') {
				return fail(r, r->line,
					    "a quote inside an unquoted field "
					    "(quote the whole field and double "
					    "the quote)");
			} else if (state == QUOTE_IN_QUOTED) {
				return fail(r, r->line,
					    "text after the closing quote of "
					    "field %d",
					    r->nfields);
			} else {
				room = add_byte(r, c);
				state = UNQUOTED;
			}
			break;
		case QUOTED:
			if (c == EOF)
				return fail(r, quote_line,
					    "the quote that opens field %d is "
					    "never closed",
					    r->nfields);
			if (c == '"') {
				state = QUOTE_IN_QUOTED;
				break;
			}
			room = add_byte(r, c);
			if (c == '\n' || c == '\r') {
				int n = c == '\r' ? next_byte(r) : EOF;
				if (n == '\n')
					room = room && add_byte(r, n);
				else
					give_back(r, n);
				r->line++;
			}
			break;
		}
		if (!room)
			return fail(
			    r, state == QUOTED ? quote_line : r->record_line,
			    state == QUOTED
				? "the quote that opens field %d is "
				  "never closed (or the row is longer "
				  "than 1 MiB)"
				: "a row longer than 1 MiB (field %d)",
			    r->nfields);
	}
}

enum csvread_result csvread_next(struct csvread *r)
{
	if (r->ended)
		return CSVREAD_END;
	if (!r->started) {
		skip_bom(r);
		r->started = true;
	}
	/* blank lines between records are nothing */
	int c;
	while ((c = next_byte(r)) == '\r' || c == '\n')
		end_line(r, c);
	if (c == EOF) {
		r->ended = true;
		if (ferror(r->in))
			return fail(r, r->line, "cannot read: %s",
				    strerror(errno));
		return CSVREAD_END;
	}
	give_back(r, c);
	r->len = 0;
	r->nfields = 0;
	r->record_line = r->line;
	return read_record(r);
}

int csvread_count(const struct csvread *r)
{
	return r->nfields;
}

const char *csvread_field(const struct csvread *r, int i)
{
	return i >= 0 && i < r->nfields ? r->fields[i] : NULL;
}

char **csvread_fields(struct csvread *r)
{
	return r->fields;
}

long csvread_line(const struct csvread *r)
{
	return r->record_line;
}

char csvread_delimiter(const struct csvread *r)
{
	return r->delimiter != 0 ? r->delimiter : ',';
}

const char *csvread_error(const struct csvread *r)
{
	return r->error;
}

long csvread_error_line(const struct csvread *r)
{
	return r->error_line;
}

int csvread_error_field(const struct csvread *r)
{
	return r->error_field;
}
