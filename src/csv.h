/* SPDX-License-Identifier: MIT */
/* CSV as spreadsheets need it (RFC 4180): text fields with any delimiter
 * (, ; or tab, whichever the file uses), a quote, CR or LF are quoted
 * with inner quotes doubled, rows end in CRLF, every row has as many
 * fields as the first. A control character a terminal or a spreadsheet
 * would act on (ESC, BEL, a CR not before LF, C1, bidi marks) is written
 * as safetext shows it. Every part of a text cell that a spreadsheet
 * would run as a formula, once split on any delimiter or line break and
 * past spaces, look-alike spaces and apostrophes (starting with =, +, -,
 * @, a full-width look-alike, or at the cell's start a tab) gets a
 * leading apostrophe; numbers written by aimap itself never do, so
 * negative changes stay numbers. */
#ifndef AIMAP_CSV_H
#define AIMAP_CSV_H

#include <stdbool.h>
#include <stdio.h>

struct csv_writer {
	FILE *out;
	char delimiter;
	char decimal_mark; /* '.', or ',' for decimal-comma spreadsheets */
	int fields;	   /* in the row being written */
	int row_fields;	   /* of the first row; -1 before it ends */
	bool ragged;	   /* a row had a different number of fields */
};

/* Numbers get a decimal point until csv_set_decimal_mark says otherwise. */
void csv_init(struct csv_writer *w, FILE *out, char delimiter);
/* '.' or ','. A spreadsheet in a decimal-comma locale (German, French)
 * reads "12.5" as text or a date, "12,5" as the number; such spreadsheets
 * usually expect ';' between cells. A mark equal to the delimiter quotes
 * the real numbers, so the cell stays whole. */
void csv_set_decimal_mark(struct csv_writer *w, char mark);
/* The UTF-8 byte-order mark, so spreadsheets read accents and CJK
 * right. Write it before anything else. */
void csv_bom(struct csv_writer *w);
/* A text cell, guarded against formulas and quoted when needed. NULL
 * writes an empty cell. A text that starts with apostrophes and then a
 * formula character ("'=x") gets one more apostrophe too, so that a
 * guarded formula ("=x" written "'=x") and such a text stay apart, and
 * csv_unguard takes exactly one away again. */
void csv_text(struct csv_writer *w, const char *s);
/* A number: an integer, or a real rounded to decimals places (0..6),
 * written the same whatever the C locale (the writer's decimal mark
 * before the decimals, never "-0"). A real that is not finite, or too
 * large to be a count or a score, writes an empty cell. */
void csv_int(struct csv_writer *w, long long v);
void csv_real(struct csv_writer *w, double v, int decimals);
/* A time as aimap stores it, "2026-01-15T09:30:00Z" (UTC), written
 * "2026-01-15 09:30:00": spreadsheets read that as a date and time, and
 * the T and Z would keep them from it. Anything else (NULL, an empty or
 * another text) is written as csv_text writes it. */
void csv_time(struct csv_writer *w, const char *utc);
/* An empty cell. */
void csv_empty(struct csv_writer *w);
void csv_end_row(struct csv_writer *w);
/* False when writing failed or a row was ragged (a bug). */
bool csv_ok(const struct csv_writer *w);

/* Undo csv_text's guards in place (a field as read, unquoted): the one
 * apostrophe it put before each guarded part. */
void csv_unguard(char *s);

#endif
