/* SPDX-License-Identifier: MIT */
/* Fuzz target: the CSV reader of aimap import, over the input as a file,
 * reading every record as the import does (delimiter guessed from the
 * header). Whatever the bytes: no crash, no leak, and what csvread.h
 * promises holds: every record has the header's number of fields, each
 * valid UTF-8 and without NUL, records start on increasing lines, and an
 * error names a line of the input and stops the reader for good. */
#include "config.h"

#include <string.h>

#include "csvread.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Lines as the reader counts them: CRLF, LF and a lone CR each end one. */
static long count_lines(const char *p, size_t n)
{
	long lines = 1;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\n' ||
		    (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n')))
			lines++;
	return lines;
}

static void check_record(const struct csvread *r, int header, long *last)
{
	int n = csvread_count(r);
	FUZZ_CHECK(n >= 1 && (header < 0 || n == header));
	for (int i = 0; i < n; i++) {
		const char *f = csvread_field(r, i);
		FUZZ_CHECK(f != NULL);
		FUZZ_CHECK(util_utf8_valid(f, strlen(f), NULL));
		FUZZ_CHECK(csvread_fields((struct csvread *)r)[i] == f);
	}
	FUZZ_CHECK(csvread_field(r, n) == NULL);
	FUZZ_CHECK(csvread_field(r, -1) == NULL);
	FUZZ_CHECK(csvread_line(r) > *last);
	*last = csvread_line(r);
	char delim = csvread_delimiter(r);
	FUZZ_CHECK(delim == ',' || delim == ';' || delim == '\t');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* fmemopen wants a buffer it may write to, and some size */
	char *copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	FILE *in =
	    size > 0 ? fmemopen(copy, size, "rb") : fopen("/dev/null", "rb");
	FUZZ_CHECK(in != NULL);
	long lines = count_lines(copy, size);
	struct csvread *r = csvread_new(in, 0);
	enum csvread_result res;
	int header = -1;
	long last = 0;
	while ((res = csvread_next(r)) == CSVREAD_RECORD) {
		check_record(r, header, &last);
		if (header < 0)
			header = csvread_count(r);
	}
	if (res == CSVREAD_ERROR) {
		FUZZ_CHECK(csvread_error(r)[0] != '\0');
		FUZZ_CHECK(csvread_error_line(r) >= 1 &&
			   csvread_error_line(r) <= lines);
		FUZZ_CHECK(csvread_error_field(r) >= -1);
	}
	FUZZ_CHECK(csvread_next(r) == CSVREAD_END);
	FUZZ_CHECK(csvread_next(r) == CSVREAD_END);
	csvread_free(r);
	fclose(in);
	free(copy);
	return 0;
}
