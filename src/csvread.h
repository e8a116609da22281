/* SPDX-License-Identifier: MIT */
/* Reading CSV (RFC 4180) one record at a time, strictly, so that a bad
 * file is refused with the line at fault instead of being misread:
 *
 *   - a UTF-8 byte-order mark at the start is skipped;
 *   - records end in CRLF, LF or a lone CR, mixed freely; a record
 *     with nothing at all on its line (a blank line) is skipped;
 *   - a field in double quotes may hold the delimiter, quotes (doubled)
 *     and line breaks, kept as they are;
 *   - a quote inside an unquoted field, text after a closing quote, a
 *     quote never closed, a NUL byte, bytes that are not UTF-8, a record
 *     with another number of fields than the first (the header), and a
 *     record longer than CSVREAD_MAX_RECORD are errors.
 *
 * Memory is one record, whatever the size of the file. Errors name the
 * line (the first line of the record, or of the quote never closed); the
 * caller prefixes the file name. */
#ifndef AIMAP_CSVREAD_H
#define AIMAP_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSVREAD_MAX_RECORD (1024 * 1024)

enum csvread_result {
	CSVREAD_RECORD, /* a record was read */
	CSVREAD_END,	/* no more records */
	CSVREAD_ERROR,	/* see csvread_error and csvread_error_line */
};

struct csvread;

/* delimiter 0: take the first ',', ';' or tab outside quotes in the first
 * record (the header), ',' when it has none. */
struct csvread *csvread_new(FILE *in, char delimiter);
void csvread_free(struct csvread *r);

enum csvread_result csvread_next(struct csvread *r);
/* The fields of the record just read, NUL-terminated (a field holding a
 * NUL is an error, so the length is strlen's). Valid until the next
 * call. */
int csvread_count(const struct csvread *r);
const char *csvread_field(const struct csvread *r, int i);
/* The whole field array, to edit in place (e.g. csv_unguard). */
char **csvread_fields(struct csvread *r);
/* The line the record started on (1-based; the BOM is not a line). */
long csvread_line(const struct csvread *r);
char csvread_delimiter(const struct csvread *r);

/* After CSVREAD_ERROR: what is wrong, in words, and where. */
const char *csvread_error(const struct csvread *r);
long csvread_error_line(const struct csvread *r);
/* The field at fault (0-based), or -1 when the fault is the record's. */
int csvread_error_field(const struct csvread *r);

#endif
