#include "config.h"

#include "csv.h"

#include <string.h>

void csv_init(struct csv_writer *w, FILE *out, char delimiter)
{
	w->out = out;
	w->delimiter = delimiter;
	w->fields = 0;
	w->row_fields = -1;
	w->ragged = false;
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

void csv_text(struct csv_writer *w, const char *s)
{
	separate(w);
	if (s == NULL || *s == '\0')
		return;
	const char special[] = {w->delimiter, '"', '\r', '\n', '\0'};
	bool quote = strpbrk(s, special) != NULL;
	if (quote)
		fputc('"', w->out);
	if (looks_like_formula(s))
		fputc('\'', w->out);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', w->out);
		fputc(*p, w->out);
	}
	if (quote)
		fputc('"', w->out);
}

void csv_int(struct csv_writer *w, long long v)
{
	separate(w);
	fprintf(w->out, "%lld", v);
}

void csv_real(struct csv_writer *w, double v, int decimals)
{
	separate(w);
	/* "-0.0" would read as text in some spreadsheets */
	if (v > -0.5e-9 && v < 0.5e-9)
		v = 0;
	fprintf(w->out, "%.*f", decimals, v);
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
