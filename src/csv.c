/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "csv.h"

#include <math.h>
#include <string.h>

#include "stats.h"

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

static bool looks_like_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
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

/* Apostrophes, then a formula character: what csv_text guards, so that
 * csv_unguard can take exactly one apostrophe away again. */
static bool needs_exact_guard(const char *s)
{
	while (*s == '\'')
		s++;
	return looks_like_formula(s);
}

void csv_text(struct csv_writer *w, const char *s)
{
	separate(w);
	if (s == NULL || *s == '\0')
		return;
	const char special[] = {w->delimiter, '"', '\r', '\n', '\0'};
	bool quote = strpbrk(s, special) != NULL;
	if (quote)
		fputc('"', w->out);
	if (needs_exact_guard(s))
		fputc('\'', w->out);
	/* whole runs between quotes: an export writes millions of cells */
	const char *p = s;
	for (const char *q; (q = strchr(p, '"')) != NULL; p = q + 1) {
		fwrite(p, 1, (size_t)(q - p) + 1, w->out);
		fputc('"', w->out);
	}
	fputs(p, w->out);
	if (quote)
		fputc('"', w->out);
}

static bool is_stored_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9'
				    : s[i] != shape[i])
			return false;
	return s[sizeof(shape) - 1] == '\0';
}

void csv_time(struct csv_writer *w, const char *utc)
{
	if (utc == NULL || !is_stored_time(utc)) {
		csv_text(w, utc);
		return;
	}
	separate(w);
	fprintf(w->out, "%.10s %.8s", utc, utc + 11);
}

void csv_unguard(char *s)
{
	if (s[0] == '\'' && needs_exact_guard(s + 1))
		memmove(s, s + 1, strlen(s));
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
