/* SPDX-License-Identifier: MIT */
/* util: clean integers, UTF-8, UUIDs, hashes, reading files, formatting
 * into a new string or a fixed buffer. */
#include "config.h"

#include <time.h>

#include "testutil.h"

#include "util.h"

static void clean_integers(void **state)
{
	(void)state;
	long v = -1;
	assert_true(util_parse_int("0", 0, 100, &v));
	assert_int_equal(v, 0);
	assert_true(util_parse_int("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_true(util_parse_int("100", 0, 100, &v));
	assert_true(util_parse_int("-5", -10, 10, &v));
	assert_int_equal(v, -5);

	v = 7;
	assert_false(util_parse_int("42abc", 0, 100, &v));
	assert_false(util_parse_int("010", 0, 100, &v));
	assert_false(util_parse_int("", 0, 100, &v));
	assert_false(util_parse_int(NULL, 0, 100, &v));
	assert_false(util_parse_int(" 4", 0, 100, &v));
	assert_false(util_parse_int("4 ", 0, 100, &v));
	assert_false(util_parse_int("+4", 0, 100, &v));
	assert_false(util_parse_int("-4", 0, 100, &v));
	assert_false(util_parse_int("101", 0, 100, &v));
	assert_false(util_parse_int("0x10", 0, 100, &v));
	assert_false(util_parse_int("99999999999999999999999", 0, 100, &v));
	assert_false(util_parse_int("9223372036854775808", 0, 100, &v));
	assert_int_equal(v, 7); /* untouched on failure */
}

static void utf8_validation(void **state)
{
	(void)state;
	size_t bad = 0;
	const char *good =
	    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82";
	assert_true(util_utf8_valid(good, strlen(good), &bad));
	assert_false(util_utf8_valid("ab\xff", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(util_utf8_valid("\xc0\xaf", 2, &bad));	/* overlong */
	assert_false(util_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
	assert_false(util_utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* > max */
	assert_false(util_utf8_valid("x\xe6\x97", 3, &bad)); /* cut short */
	assert_int_equal(bad, 1);
}

static void uuids_are_v4_and_distinct(void **state)
{
	(void)state;
	char a[37], b[37];
	assert_true(util_uuid_v4(a));
	assert_true(util_uuid_v4(b));
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[8], '-');
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	assert_string_not_equal(a, b);
}

/* Version 7: the time first, so that each sorts after the one before
 * (the demo's UUID indexes grow at their end), even many a millisecond. */
static void uuids_v7_are_time_ordered(void **state)
{
	(void)state;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long before = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	char prev[37], next[37];
	assert_true(util_uuid_v7(prev));
	for (int i = 0; i < 5000; i++) {
		assert_true(util_uuid_v7(next));
		assert_int_equal(strlen(next), 36);
		assert_int_equal(next[14], '7');
		assert_non_null(strchr("89ab", next[19]));
		if (strcmp(prev, next) >= 0)
			fail_msg("%s made after %s sorts before it", next,
				 prev);
		memcpy(prev, next, sizeof(prev));
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	long long after = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	char hex[13] = {0};
	memcpy(hex, prev, 8);
	memcpy(hex + 8, prev + 9, 4);
	long long ms = strtoll(hex, NULL, 16);
	/* 5000 in one millisecond would carry the counter into the next
	 * ones: at most two more */
	assert_true(ms >= before && ms <= after + 2);
}

static void hash_is_stable(void **state)
{
	(void)state;
	char h1[17], h2[17], h3[17];
	util_hash_hex("abc", 3, h1);
	util_hash_hex("abc", 3, h2);
	util_hash_hex("abd", 3, h3);
	assert_string_equal(h1, h2);
	assert_string_not_equal(h1, h3);
	assert_string_equal(h1, "e71fa2190541574b"); /* FNV-1a 64 of "abc" */
}

static void edit_distance(void **state)
{
	(void)state;
	assert_int_equal(util_edit_distance("weight", "weight"), 0);
	assert_int_equal(util_edit_distance("wieght", "weight"), 2);
	assert_int_equal(util_edit_distance("questoin", "question"), 2);
	assert_int_equal(util_edit_distance("", "abc"), 3);
}

static void read_whole_file(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp();
	char path[4200];
	snprintf(path, sizeof(path), "%s/f", dir);
	testutil_write(path, "a\0b", 3);
	size_t len = 0;
	char *text = util_read_file(path, &len);
	assert_non_null(text);
	assert_int_equal(len, 3);
	assert_memory_equal(text, "a\0b", 4);
	free(text);
	assert_null(util_read_file(dir, &len)); /* a directory */
	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_null(util_read_file(path, &len));
	testutil_rmdir(dir);
}

static void folder_of_a_path(void **state)
{
	(void)state;
	const char *cases[][2] = {{"a.db", "."},
				  {"/a.db", "/"},
				  {"dir/a.db", "dir"},
				  {"/x/y/a.db", "/x/y"}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *dir = util_dir_of(cases[i][0]);
		assert_string_equal(dir, cases[i][1]);
		free(dir);
	}
}

static void fixed_clock(void **state)
{
	(void)state;
	char now[21];
	setenv("AIMAP_NOW", "2026-01-15T09:30:00Z", 1);
	util_now_iso(now);
	assert_string_equal(now, "2026-01-15T09:30:00Z");
	unsetenv("AIMAP_NOW");
	util_now_iso(now);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[10], 'T');
}

static void iso_times(void **state)
{
	(void)state;
	char now[21];
	util_now_iso(now);
	assert_true(util_is_iso_time(now));
	assert_true(util_is_iso_time("2026-12-31T23:59:60Z")); /* leap */
	static const char *const bad[] = {
	    "",
	    "2026-01-15T09:30:0",
	    "2026-01-15T09:30:00Z,",
	    "2026-01-15 09:30:00Z",
	    "2026-01-15T09:30:00z",
	    "2026-13-15T09:30:00Z",
	    "2026-00-15T09:30:00Z",
	    "2026-01-32T09:30:00Z",
	    "2026-01-00T09:30:00Z",
	    "2026-01-15T24:30:00Z",
	    "2026-01-15T09:60:00Z",
	    "2026-01-15T09:30:61Z",
	    "2026-01-15T09:30:+1Z",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (util_is_iso_time(bad[i]))
			fail_msg("'%s' taken for a time", bad[i]);
}

/* Formats twice from one va_list: util_vformat must leave it usable. */
static void vformat_twice(char **first, char **second, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
static void vformat_twice(char **first, char **second, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*first = util_vformat(fmt, ap);
	*second = util_vformat(fmt, ap);
	va_end(ap);
}

static void format_into_new_strings(void **state)
{
	(void)state;
	char *a, *b;
	vformat_twice(&a, &b, "%s:%d: %s", "t.ini", 12, "bad");
	assert_string_equal(a, "t.ini:12: bad");
	assert_string_equal(b, "t.ini:12: bad");
	free(a);
	free(b);
	vformat_twice(&a, &b, "%s", "");
	assert_string_equal(a, "");
	assert_string_equal(b, "");
	free(a);
	free(b);
	/* longer than any fixed buffer the callers had */
	char *big = malloc(5001);
	assert_non_null(big);
	memset(big, 'x', 5000);
	big[5000] = '\0';
	char *p = xasprintf("<%s>", big);
	assert_int_equal(strlen(p), 5002);
	assert_int_equal(p[5001], '>');
	free(p);
	free(big);
}

static void text_in_a_fixed_buffer(void **state)
{
	(void)state;
	char buf[12];
	memset(buf, '#', sizeof(buf));
	struct util_text t;
	util_text_init(&t, buf, 8);
	assert_string_equal(buf, "");
	util_text_printf(&t, "%s", "abc");
	util_text_printf(&t, "%d", 42);
	assert_string_equal(buf, "abc42");
	assert_int_equal(t.len, 5);
	/* cut to 7 bytes and a NUL; len keeps counting what was needed */
	util_text_printf(&t, "%s", "defgh");
	assert_string_equal(buf, "abc42de");
	assert_int_equal(t.len, 10);
	util_text_printf(&t, "more");
	assert_string_equal(buf, "abc42de");
	assert_int_equal(t.len, 14);
	for (size_t i = 8; i < sizeof(buf); i++)
		assert_int_equal(buf[i], '#'); /* nothing past size */

	/* no buffer: only measures */
	util_text_init(&t, NULL, 100);
	util_text_printf(&t, "%s and %s", "this", "that");
	assert_int_equal(t.len, 13);

	/* room for the NUL only */
	buf[0] = 'z';
	util_text_init(&t, buf, 1);
	util_text_printf(&t, "abc");
	assert_string_equal(buf, "");
	assert_int_equal(t.len, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(clean_integers),
	    cmocka_unit_test(utf8_validation),
	    cmocka_unit_test(uuids_are_v4_and_distinct),
	    cmocka_unit_test(uuids_v7_are_time_ordered),
	    cmocka_unit_test(hash_is_stable),
	    cmocka_unit_test(edit_distance),
	    cmocka_unit_test(read_whole_file),
	    cmocka_unit_test(folder_of_a_path),
	    cmocka_unit_test(fixed_clock),
	    cmocka_unit_test(iso_times),
	    cmocka_unit_test(format_into_new_strings),
	    cmocka_unit_test(text_in_a_fixed_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
