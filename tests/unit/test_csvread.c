/* SPDX-License-Identifier: MIT */
/* Reading CSV back: records, quoting, line ends and the line of every
 * error; and the round trip of csv_text through the reader and
 * csv_unguard, the decimals written the same in every locale. */
#include "config.h"

#include "testutil.h"

#include <locale.h>

#include "csv.h"
#include "csvread.h"
#include "util.h"

/* A reader over the bytes given (len: with NULs inside). */
static FILE *input;

static struct csvread *reader_n(const char *bytes, size_t len, char delim)
{
	if (input != NULL)
		fclose(input);
	input = fmemopen((void *)bytes, len, "rb");
	assert_non_null(input);
	return csvread_new(input, delim);
}

static struct csvread *reader(const char *text)
{
	return reader_n(text, strlen(text), 0);
}

/* The next record must be these fields, starting on this line. */
static void expect_record(struct csvread *r, long line, int n, ...)
{
	assert_int_equal(csvread_next(r), CSVREAD_RECORD);
	assert_int_equal(csvread_line(r), line);
	assert_int_equal(csvread_count(r), n);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(csvread_field(r, i), va_arg(ap, char *));
	va_end(ap);
}

static void expect_error(struct csvread *r, long line, const char *part)
{
	enum csvread_result res;
	while ((res = csvread_next(r)) == CSVREAD_RECORD)
		;
	assert_int_equal(res, CSVREAD_ERROR);
	if (strstr(csvread_error(r), part) == NULL)
		fail_msg("error '%s' lacks '%s'", csvread_error(r), part);
	assert_int_equal(csvread_error_line(r), line);
	/* and it stays stopped */
	assert_int_equal(csvread_next(r), CSVREAD_END);
}

static void plain_records(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b,c\n1,,3\nx,y,\n");
	expect_record(r, 1, 3, "a", "b", "c");
	expect_record(r, 2, 3, "1", "", "3");
	expect_record(r, 3, 3, "x", "y", "");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	assert_int_equal(csvread_next(r), CSVREAD_END);
	assert_int_equal(csvread_delimiter(r), ',');
	csvread_free(r);
}

static void bom_and_line_ends(void **state)
{
	(void)state;
	/* a BOM, then CRLF, LF, a lone CR and no end at all */
	struct csvread *r = reader("\xEF\xBB\xBFh1,h2\r\na,b\nc,d\re,f");
	expect_record(r, 1, 2, "h1", "h2");
	expect_record(r, 2, 2, "a", "b");
	expect_record(r, 3, 2, "c", "d");
	expect_record(r, 4, 2, "e", "f");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
}

static void blank_lines_are_skipped(void **state)
{
	(void)state;
	struct csvread *r = reader("h\r\n\r\nv\n\n\n");
	expect_record(r, 1, 1, "h");
	expect_record(r, 3, 1, "v");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
}

static void quoted_fields(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b\r\n"
				   "\"x,y\",\"say \"\"hi\"\"\"\r\n"
				   "\"two\r\nlines\",\"and\nthree\rhere\"\r\n"
				   "\"\",last\r\n");
	expect_record(r, 1, 2, "a", "b");
	expect_record(r, 2, 2, "x,y", "say \"hi\"");
	/* breaks inside quotes are kept as they are, and counted */
	expect_record(r, 3, 2, "two\r\nlines", "and\nthree\rhere");
	expect_record(r, 7, 2, "", "last");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
}

static void delimiter_detected(void **state)
{
	(void)state;
	struct csvread *r = reader("\"a;b\";c,d\r\n1;2,5\r\n");
	expect_record(r, 1, 2, "a;b", "c,d");
	expect_record(r, 2, 2, "1", "2,5");
	assert_int_equal(csvread_delimiter(r), ';');
	csvread_free(r);
	r = reader("a\tb\n1\t2\n");
	expect_record(r, 1, 2, "a", "b");
	expect_record(r, 2, 2, "1", "2");
	csvread_free(r);
	/* given, not detected */
	r = reader_n("a;b,c\n", 6, ',');
	expect_record(r, 1, 2, "a;b", "c");
	csvread_free(r);
}

static void ragged_row(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b,c\n1,2,3\n1,2\n");
	expect_record(r, 1, 3, "a", "b", "c");
	expect_error(r, 3, "2 fields where the header has 3");
	csvread_free(r);
	r = reader("a,b\n\"multi\nline\",2,3\n");
	expect_error(r, 2, "3 fields where the header has 2");
	csvread_free(r);
}

static void unterminated_quote(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
	expect_error(r, 3, "the quote that opens field 2 is never closed");
	csvread_free(r);
}

static void stray_quotes(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b\nab\"c,d\n");
	expect_error(r, 2, "a quote inside an unquoted field");
	csvread_free(r);
	r = reader("a,b\n\"ab\"c,d\n");
	expect_error(r, 2, "text after the closing quote of field 1");
	csvread_free(r);
}

static void invalid_utf8(void **state)
{
	(void)state;
	struct csvread *r = reader("a,b\n\"x\ny\",\"ok\nbad\xC3(\"\n");
	expect_error(r, 4, "field 2 is not valid UTF-8");
	csvread_free(r);
	r = reader("a\n\xFF\n");
	expect_error(r, 2, "field 1 is not valid UTF-8 (byte 0xFF)");
	csvread_free(r);
	/* a lone EF that is not a BOM is not UTF-8 either */
	r = reader("\xEF"
		   "a\n");
	expect_error(r, 1, "not valid UTF-8");
	csvread_free(r);
}

static void nul_byte(void **state)
{
	(void)state;
	static const char bytes[] = "a,b\n1,\0002\n";
	struct csvread *r = reader_n(bytes, sizeof(bytes) - 1, 0);
	expect_error(r, 2, "a NUL byte");
	csvread_free(r);
}

static void too_long(void **state)
{
	(void)state;
	size_t len = CSVREAD_MAX_RECORD + 100;
	char *big = malloc(len + 1);
	assert_non_null(big);
	memcpy(big, "a\n\"", 3);
	memset(big + 3, 'x', len - 3);
	big[len] = '\0';
	struct csvread *r = reader_n(big, len, 0);
	expect_error(r, 2, "never closed");
	csvread_free(r);
	memcpy(big, "a\nb", 3);
	r = reader_n(big, len, 0);
	expect_error(r, 2, "a row longer than 1 MiB");
	csvread_free(r);
	free(big);
}

/* The limit to the byte, wherever the fast path of runs stops: a field of
 * CSVREAD_MAX_RECORD - 2 bytes is the longest record there is (with its
 * NUL), one more byte is refused, quoted or not. */
static void limit_exact(void **state)
{
	(void)state;
	size_t most = CSVREAD_MAX_RECORD - 2;
	char *big = malloc(most + 8);
	assert_non_null(big);
	for (int quoted = 0; quoted < 2; quoted++)
		for (size_t extra = 0; extra < 2; extra++) {
			size_t len = 0;
			big[len++] = 'a';
			big[len++] = '\n';
			if (quoted)
				big[len++] = '"';
			memset(big + len, 'x', most + extra);
			len += most + extra;
			if (quoted)
				big[len++] = '"';
			big[len++] = '\n';
			struct csvread *r = reader_n(big, len, 0);
			expect_record(r, 1, 1, "a");
			if (extra == 0) {
				assert_int_equal(csvread_next(r),
						 CSVREAD_RECORD);
				assert_int_equal(strlen(csvread_field(r, 0)),
						 most);
				assert_int_equal(csvread_next(r), CSVREAD_END);
			} else {
				expect_error(r, 2, "longer than 1");
			}
			csvread_free(r);
		}
	free(big);
}

/* Many records written by csv_text, read back across the reader's blocks
 * (64 KiB): every field and every record's line as written, whichever
 * byte a block ends on. */
static void across_blocks(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "a", "bc", ",", "\"", "\r\n", "\n", ";", "\xC3\xA9", "\t", "=", " ",
	};
	enum { ROWS = 6000, FIELDS = 4 };
	char *texts[ROWS][FIELDS];
	long starts[ROWS];
	unsigned seed = 7;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct csv_writer w;
	csv_init(&w, f, ',');
	for (int i = 0; i < ROWS; i++) {
		fflush(f);
		starts[i] = (long)size;
		for (int j = 0; j < FIELDS; j++) {
			char t[256] = "";
			seed = seed * 1103515245u + 12345u;
			int n = (int)((seed >> 16) % 30);
			for (int k = 0; k < n; k++) {
				seed = seed * 1103515245u + 12345u;
				strcat(
				    t,
				    pieces[(seed >> 16) % ARRAY_LEN(pieces)]);
			}
			texts[i][j] = xstrdup(t);
			csv_text(&w, t);
		}
		csv_end_row(&w);
	}
	assert_true(csv_ok(&w));
	fclose(f);
	assert_true(size > 3 * 65536);
	struct csvread *r = reader_n(buf, size, 0);
	long line = 1;
	size_t at = 0;
	for (int i = 0; i < ROWS; i++) {
		for (; at < (size_t)starts[i]; at++)
			if (buf[at] == '\n')
				line++;
		assert_int_equal(csvread_next(r), CSVREAD_RECORD);
		assert_int_equal(csvread_line(r), line);
		assert_int_equal(csvread_count(r), FIELDS);
		char **fields = csvread_fields(r);
		for (int j = 0; j < FIELDS; j++) {
			csv_unguard(fields[j]);
			assert_string_equal(fields[j], texts[i][j]);
			free(texts[i][j]);
		}
	}
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
	free(buf);
}

static void empty_input(void **state)
{
	(void)state;
	struct csvread *r = reader("");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
	r = reader("\xEF\xBB\xBF");
	assert_int_equal(csvread_next(r), CSVREAD_END);
	csvread_free(r);
}

/* csv_text then the reader then csv_unguard: the same text, for
 * every kind of text a spreadsheet would run as a formula, and for
 * texts that only look guarded. (A bare CR is no text aimap writes: it
 * is shown as \r, see csv.h.) */
static void exact_round_trip(void **state)
{
	(void)state;
	static const char *const texts[] = {
	    "=SUM(A1)", "+1",	    "-1",	  "@cmd",	  "\tx",
	    "\r\nx",	"'=x",	    "''+1",	  "'plain",	  "'",
	    "a=b",	"Zoë 日本", "say \"hi\"", "two\r\nlines", "semi;colon",
	    "",		"-",	    "'-",
	};
	char delims[] = {',', ';', '\t'};
	for (size_t d = 0; d < ARRAY_LEN(delims); d++) {
		char *buf = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&buf, &size);
		struct csv_writer w;
		csv_init(&w, f, delims[d]);
		for (size_t i = 0; i < ARRAY_LEN(texts); i++)
			csv_text(&w, texts[i]);
		csv_end_row(&w);
		assert_true(csv_ok(&w));
		fclose(f);
		struct csvread *r = reader_n(buf, size, delims[d]);
		assert_int_equal(csvread_next(r), CSVREAD_RECORD);
		assert_int_equal(csvread_count(r), (int)ARRAY_LEN(texts));
		char **fields = csvread_fields(r);
		for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
			csv_unguard(fields[i]);
			assert_string_equal(fields[i], texts[i]);
		}
		csvread_free(r);
		free(buf);
	}
}

/* The guard as a spreadsheet sees it: a leading apostrophe on every
 * formula, numbers left alone. */
static void exact_guard_shape(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_text(&w, "=SUM(A1)");
	csv_text(&w, "-1");
	csv_text(&w, "'=x");
	csv_text(&w, "\tx");
	csv_text(&w, "\rx"); /* a bare CR is shown, not written */
	csv_real(&w, -16.66, 1);
	csv_int(&w, -3);
	csv_end_row(&w);
	fclose(f);
	assert_string_equal(buf, "'=SUM(A1),'-1,''=x,\"'\tx\",\\rx,-16.7,"
				 "-3\r\n");
	free(buf);
}

static void decimals(void **state)
{
	(void)state;
	/* a locale with a decimal comma, when the system has one: the
	 * CSV must not follow it */
	const char *locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"};
	for (size_t i = 0; i < ARRAY_LEN(locales); i++)
		if (setlocale(LC_ALL, locales[i]) != NULL)
			break;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct csv_writer w;
	csv_init(&w, f, ',');
	csv_real(&w, 12.25, 1);
	csv_real(&w, 66.666666, 1);
	csv_real(&w, -0.04, 1);
	csv_real(&w, -0.06, 1);
	csv_real(&w, 100, 1);
	csv_real(&w, 7.5, 0);
	csv_real(&w, 0.125, 3);
	csv_real(&w, 1.0 / 0.0, 1);
	csv_real(&w, 2e300, 1);
	csv_end_row(&w);
	fclose(f);
	setlocale(LC_ALL, "C");
	assert_string_equal(buf, "12.3,66.7,0.0,-0.1,100.0,8,0.125,,\r\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_records),
	    cmocka_unit_test(bom_and_line_ends),
	    cmocka_unit_test(blank_lines_are_skipped),
	    cmocka_unit_test(quoted_fields),
	    cmocka_unit_test(delimiter_detected),
	    cmocka_unit_test(ragged_row),
	    cmocka_unit_test(unterminated_quote),
	    cmocka_unit_test(stray_quotes),
	    cmocka_unit_test(invalid_utf8),
	    cmocka_unit_test(nul_byte),
	    cmocka_unit_test(too_long),
	    cmocka_unit_test(limit_exact),
	    cmocka_unit_test(across_blocks),
	    cmocka_unit_test(empty_input),
	    cmocka_unit_test(exact_round_trip),
	    cmocka_unit_test(exact_guard_shape),
	    cmocka_unit_test(decimals),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (input != NULL)
		fclose(input);
	return failed;
}
