/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "safetext.h"
#include "stats.h"
#include "util.h"

void csv_init(struct csv_writer *w, FILE *out, char delimiter)
{
	w->out = out;
	w->delimiter = delimiter;
	w->decimal_mark = '.';
	w->fields = 0;
	w->row_fields = -1;
	w->ragged = false;
}

void csv_set_decimal_mark(struct csv_writer *w, char mark)
{
	w->decimal_mark = mark;
}

void csv_bom(struct csv_writer *w)
{
	fputs("\xEF\xBB\xBF", w->out);
}

static void separate(struct csv_writer *w)
{
	if (w->fields++ > 0)
		fputc(w->delimiter, w->out);
}

/* Bytes at s that are one of list (UTF-8 sequences, NUL-separated, the
 * list ending in an empty one): how many, or 0. */
static size_t csv_match(const char *s, const char *const *list)
{
	for (; **list != '\0'; list++) {
		size_t n = strlen(*list);
		if (strncmp(s, *list, n) == 0)
			return n;
	}
	return 0;
}

/* What a spreadsheet may skip before it looks for a formula: spaces,
 * Unicode's other spaces and the byte-order mark. */
static const char *const csv_blanks[] = {" ",
					 "\xC2\xA0",
					 "\xE1\x9A\x80",
					 "\xE2\x80\x80",
					 "\xE2\x80\x81",
					 "\xE2\x80\x82",
					 "\xE2\x80\x83",
					 "\xE2\x80\x84",
					 "\xE2\x80\x85",
					 "\xE2\x80\x86",
					 "\xE2\x80\x87",
					 "\xE2\x80\x88",
					 "\xE2\x80\x89",
					 "\xE2\x80\x8A",
					 "\xE2\x80\x8B",
					 "\xE2\x80\xAF",
					 "\xE2\x81\x9F",
					 "\xE3\x80\x80",
					 "\xEF\xBB\xBF",
					 ""};

/* = + - @ and their full-width and small look-alikes, and the minus
 * sign. */
static const char *const csv_formula_marks[] = {"=",
						"+",
						"-",
						"@",
						"\xEF\xBC\x9D",
						"\xEF\xBC\x8B",
						"\xEF\xBC\x8D",
						"\xEF\xBC\xA0",
						"\xEF\xB9\xA2",
						"\xEF\xB9\xA3",
						"\xEF\xB9\xA6",
						"\xEF\xB9\xAB",
						"\xE2\x88\x92",
						""};

/* Where a spreadsheet may start a cell when it splits on any delimiter
 * (or ignores the quotes): after , ; tab CR or LF. */
static bool csv_splits_at(char c)
{
	return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
}

/* Does the piece at s read as a formula once blanks and apostrophes are
 * skipped? At the very start of a cell a tab or CR counts too. */
static bool looks_like_formula(const char *s, bool cell_start)
{
	for (size_t n; (n = csv_match(s, csv_blanks)) > 0 || *s == '\'';)
		s += *s == '\'' ? 1 : n;
	return csv_match(s, csv_formula_marks) > 0 ||
	       (cell_start && (*s == '\t' || *s == '\r'));
}

/* A text as it goes into a cell: controls a terminal or a spreadsheet
 * would act on shown as safetext shows them (line breaks and tabs are
 * data and stay), and an apostrophe before every piece that would read
 * as a formula. Returns s itself when nothing changes, else malloc'd. */
static char *csv_guarded(const char *s)
{
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p >= 0x7F) {
			plain = false;
			break;
		}
	char *safe = plain ? (char *)s : safetext_dup(s, SAFETEXT_LINES);
	size_t guards = 0;
	for (const char *p = safe; *p; p++)
		if ((p == safe || csv_splits_at(p[-1])) &&
		    looks_like_formula(p, p == safe))
			guards++;
	if (guards == 0)
		return safe;
	char *out = xmalloc(strlen(safe) + guards + 1), *o = out;
	for (const char *p = safe; *p; p++) {
		if ((p == safe || csv_splits_at(p[-1])) &&
		    looks_like_formula(p, p == safe))
			*o++ = '\'';
		*o++ = *p;
	}
	*o = '\0';
	if (safe != s)
		free(safe);
	return out;
}

void csv_int(struct csv_writer *w, long long v)
{
	separate(w);
	fprintf(w->out, "%lld", v);
}

void csv_empty(struct csv_writer *w)
{
	separate(w);
}

void csv_end_row(struct csv_writer *w)
{
	fputs("\r\n", w->out);
	if (w->row_fields < 0)
		w->row_fields = w->fields;
	else if (w->fields != w->row_fields)
		w->ragged = true;
	w->fields = 0;
}

bool csv_ok(const struct csv_writer *w)
{
	return !w->ragged && !ferror(w->out);
}

void csv_text(struct csv_writer *w, const char *text)
{
	separate(w);
	if (text == NULL || *text == '\0')
		return;
	char *s = csv_guarded(text);
	/* a delimiter of any kind: a spreadsheet may split on another */
	bool quote = strpbrk(s, ",;\t\"\r\n") != NULL;
	if (quote)
		fputc('"', w->out);
	/* whole runs between quotes: an export writes millions of cells */
	const char *p = s;
	for (const char *q; (q = strchr(p, '"')) != NULL; p = q + 1) {
		fwrite(p, 1, (size_t)(q - p) + 1, w->out);
		fputc('"', w->out);
	}
	fputs(p, w->out);
	if (quote)
		fputc('"', w->out);
	if (s != text)
		free(s);
}

void csv_time(struct csv_writer *w, const char *utc)
{
	if (utc == NULL || !util_is_iso_time(utc)) {
		csv_text(w, utc);
		return;
	}
	separate(w);
	fprintf(w->out, "%.10s %.8s", utc, utc + 11);
}

void csv_unguard(char *s)
{
	if (strchr(s, '\'') == NULL)
		return; /* nothing to take off: most fields */
	char *o = s;
	for (const char *p = s; *p; p++) {
		bool start = p == s || csv_splits_at(p[-1]);
		if (!(start && *p == '\'' && looks_like_formula(p + 1, p == s)))
			*o++ = *p;
	}
	*o = '\0';
}

void csv_real(struct csv_writer *w, double v, int decimals)
{
	separate(w);
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	long long scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	/* the one rounding rule: halves away from zero, a half up to the
	 * error of binary floating point counted as the half */
	double scaled = stats_round(v, decimals) * (double)scale;
	if (!isfinite(scaled) || fabs(scaled) >= 1e15)
		return;
	long long units = llround(scaled);
	bool negative = units < 0;
	unsigned long long u = negative ? 0ULL - (unsigned long long)units
					: (unsigned long long)units;
	if (decimals == 0) {
		fprintf(w->out, "%s%llu", negative ? "-" : "", u);
		return;
	}
	const char *quote = w->decimal_mark == w->delimiter ? "\"" : "";
	fprintf(w->out, "%s%s%llu%c%0*llu%s", quote, negative ? "-" : "",
		u / (unsigned long long)scale, w->decimal_mark, decimals,
		u % (unsigned long long)scale, quote);
}
