/* SPDX-License-Identifier: MIT */
/* CSV writing: RFC 4180 quoting, CRLF rows, the formula guard, numbers
 * left alone, the byte-order mark and ragged rows caught. */
#include "config.h"

#include "testutil.h"

#include <locale.h>

#include "csv.h"

static char *written;
static size_t written_size;

static FILE *open_buffer(void)
{
	free(written);
	written = NULL;
	FILE *f = open_memstream(&written, &written_size);
	assert_non_null(f);
	return f;
}

static void quoting(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_text(&w, "plain");
	csv_text(&w, "a,b");
	csv_text(&w, "say \"hi\"");
	csv_text(&w, "two\nlines");
	csv_text(&w, "cr\rhere");
	csv_text(&w, NULL);
	csv_text(&w, "Zoë 日本");
	csv_end_row(&w);
	assert_true(csv_ok(&w));
	fclose(f);
	assert_string_equal(written, "plain,\"a,b\",\"say \"\"hi\"\"\","
				     "\"two\nlines\",cr\\rhere,,Zoë 日本\r\n");
}

static void formula_guard(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_text(&w, "=SUM(A1)");
	csv_text(&w, "+1");
	csv_text(&w, "-1");
	csv_text(&w, "@cmd");
	csv_text(&w, "\tx");
	csv_text(&w, "\rx");
	csv_real(&w, -1.5, 1);
	csv_int(&w, -3);
	csv_text(&w, "a=b");
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(written, "'=SUM(A1),'+1,'-1,'@cmd,\"'\tx\",\\rx,"
				     "-1.5,-3,a=b\r\n");
}

/* The text of one cell as csv_text writes it with delimiter d. */
static const char *cell(char d, const char *text)
{
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, d);
	csv_text(&w, text);
	fclose(f);
	return written;
}

/* What a spreadsheet sees after splitting on any delimiter, or after
 * leading spaces and Unicode look-alikes, is guarded too; every kind of
 * delimiter is quoted; import takes the guards away exactly. */
static void formula_guard_sees_what_spreadsheets_see(void **state)
{
	(void)state;
	assert_string_equal(cell(',', "x;=cmd|' /C calc'!A0"),
			    "\"x;'=cmd|' /C calc'!A0\"");
	assert_string_equal(cell(';', "x,+1"), "\"x,'+1\"");
	assert_string_equal(cell(',', "a\t@b"), "\"a\t'@b\"");
	assert_string_equal(cell(',', "one\n=two"), "\"one\n'=two\"");
	assert_string_equal(cell(',', "x; -2"), "\"x;' -2\"");
	/* full-width = + - @, a leading NBSP, U+3000 or byte-order mark */
	assert_string_equal(cell(',', "\xEF\xBC\x9D"
				      "1+1"),
			    "'\xEF\xBC\x9D"
			    "1+1");
	assert_string_equal(cell(',', "\xEF\xBC\x8B"
				      "1"),
			    "'\xEF\xBC\x8B"
			    "1");
	assert_string_equal(cell(',', "\xEF\xBC\x8D"
				      "1"),
			    "'\xEF\xBC\x8D"
			    "1");
	assert_string_equal(cell(',', "\xEF\xBC\xA0"
				      "x"),
			    "'\xEF\xBC\xA0"
			    "x");
	assert_string_equal(cell(',', "\xC2\xA0=1"), "'\xC2\xA0=1");
	assert_string_equal(cell(',', "\xE3\x80\x80=1"), "'\xE3\x80\x80=1");
	assert_string_equal(cell(',', "\xEF\xBB\xBF=1"), "'\xEF\xBB\xBF=1");
	assert_string_equal(cell(',', "  =1"), "'  =1");
	/* harmless text stays as it was */
	assert_string_equal(cell(',', "a=b"), "a=b");
	assert_string_equal(cell(',', "R&D"), "R&D");
	/* round trip: each guard comes off again, and only the guards */
	static const char *const texts[] = {
	    "x;=cmd",	    "'=x",	  "''+y", "a,'b",  "p;'",
	    "=1,=2;@3\t-4", "\xC2\xA0=1", "' =x", "plain", "it's"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *w = cell(',', texts[i]);
		char *back = strdup(w[0] == '"' ? w + 1 : w);
		size_t n = strlen(back);
		if (w[0] == '"')
			back[n - 1] = '\0';
		csv_unguard(back);
		assert_string_equal(back, texts[i]);
		free(back);
	}
}

/* A cell written to a file never holds a control character a terminal
 * or a spreadsheet would act on; tabs and line breaks are data. */
static void controls_are_made_visible(void **state)
{
	(void)state;
	assert_string_equal(cell(',', "Mal\033]52;c;aGk=\007"),
			    "\"Mal\\x1b]52;c;aGk=\\x07\"");
	assert_string_equal(cell(',', "a\xC2\x9B"
				      "2J\xE2\x80\xAE"),
			    "a\\u009b2J\\u202e");
	assert_string_equal(cell(',', "x\r\ny"), "\"x\r\ny\"");
}

static void delimiter_and_bom(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ';');
	csv_bom(&w);
	csv_text(&w, "a;b");
	csv_text(&w, "a,b");
	csv_real(&w, 12.25, 2);
	csv_empty(&w);
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(written, "\xEF\xBB\xBF\"a;b\";\"a,b\";12.25;\r\n");
}

static void negative_zero_is_zero(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_real(&w, -0.0, 1);
	csv_real(&w, -0.00000000001, 1);
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(written, "0.0,0.0\r\n");
}

static void numbers_ignore_the_locale(void **state)
{
	(void)state;
	/* where a comma is the decimal separator, CSV numbers keep the
	 * point (a comma would split the cell) */
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		skip();
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_real(&w, 66.666, 1);
	csv_real(&w, -12.25, 2);
	csv_end_row(&w);
	fclose(f);
	setlocale(LC_ALL, "C");
	assert_string_equal(written, "66.7,-12.25\r\n");
}

static void decimal_comma(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ';');
	csv_set_decimal_mark(&w, ',');
	csv_real(&w, 66.666, 1);
	csv_real(&w, -12.25, 2);
	csv_real(&w, -0.0, 1);
	csv_real(&w, 7.0, 0);
	csv_int(&w, -3);
	csv_text(&w, "1,5");
	csv_end_row(&w);
	fclose(f);
	/* numbers stay numbers; a text with a comma is quoted, as a
	 * spreadsheet may split on any delimiter */
	assert_string_equal(written, "66,7;-12,25;0,0;7;-3;\"1,5\"\r\n");
}

static void decimal_comma_between_commas_is_quoted(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_set_decimal_mark(&w, ',');
	csv_real(&w, -1.5, 1);
	csv_real(&w, 2.0, 0);
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(written, "\"-1,5\",2\r\n");
}

static void times_as_spreadsheets_read_them(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_time(&w, "2026-01-15T09:30:00Z");
	csv_time(&w, NULL);
	csv_time(&w, "2026-01-15T09:30:00Z,");
	csv_time(&w, "2026-01-15T09:30:0");
	csv_time(&w, "2026-01-15 09:30:00");
	csv_time(&w, "2026-13-15T09:30:00Z"); /* no time: as it is */
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(written, "2026-01-15 09:30:00,,"
				     "\"2026-01-15T09:30:00Z,\","
				     "2026-01-15T09:30:0,2026-01-15 09:30:00,"
				     "2026-13-15T09:30:00Z\r\n");
}

static void ragged_rows_are_caught(void **state)
{
	(void)state;
	FILE *f = open_buffer();
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_int(&w, 1);
	csv_int(&w, 2);
	csv_end_row(&w);
	csv_int(&w, 1);
	csv_end_row(&w);
	assert_false(csv_ok(&w)); /* before fclose: csv_ok reads the stream */
	fclose(f);
	free(written);
	written = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quoting),
	    cmocka_unit_test(formula_guard),
	    cmocka_unit_test(formula_guard_sees_what_spreadsheets_see),
	    cmocka_unit_test(controls_are_made_visible),
	    cmocka_unit_test(delimiter_and_bom),
	    cmocka_unit_test(negative_zero_is_zero),
	    cmocka_unit_test(numbers_ignore_the_locale),
	    cmocka_unit_test(decimal_comma),
	    cmocka_unit_test(decimal_comma_between_commas_is_quoted),
	    cmocka_unit_test(times_as_spreadsheets_read_them),
	    cmocka_unit_test(ragged_rows_are_caught),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(written);
	return failed;
}
