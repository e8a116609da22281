/* SPDX-License-Identifier: MIT */
/* Display width, wrapping and truncation of UTF-8 text: exact lines for
 * hand-picked cases, then a property test over random mixes of ASCII,
 * accented, CJK and emoji words. Runs in C.UTF-8, the one UTF-8 locale every
 * glibc system has. */
#include "config.h"

#include "testutil.h"

#include "textwrap.h"

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#define E_ACUTE "\xc3\xa9"		/* é, precomposed */
#define COMBINING_ACUTE "\xcc\x81"	/* U+0301 */
#define COMBINING_VOICED "\xe3\x82\x99" /* U+3099, for kana */
#define SMILE "\xf0\x9f\x99\x82"	/* U+1F642 */

static int setup_utf8(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail_msg("the C.UTF-8 locale is missing");
	return 0;
}

/* Wraps s and checks the lines against the expected strings, then frees
 * them. */
static void check_wrap(const char *s, int width, const char *const *want,
		       int nwant)
{
	struct wrap_line *lines;
	int n = textwrap_wrap(s, width, &lines);

	if (n != nwant) {
		for (int i = 0; i < n; i++)
			print_message("line %d: '%.*s'\n", i, (int)lines[i].len,
				      s + lines[i].start);
	}
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++) {
		char *got = strndup(s + lines[i].start, lines[i].len);
		assert_string_equal(got, want[i]);
		assert_int_equal(lines[i].width, textwrap_width(want[i]));
		free(got);
	}
	free(lines);
}

#ifndef ARRAY_LEN
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define CHECK_WRAP(s, width, ...)                                              \
	do {                                                                   \
		const char *const want_[] = {__VA_ARGS__};                     \
		check_wrap(s, width, want_, (int)ARRAY_LEN(want_));            \
	} while (0)

static void width_of_ascii(void **state)
{
	(void)state;
	assert_int_equal(textwrap_width(""), 0);
	assert_int_equal(textwrap_width("hello"), 5);
	assert_int_equal(textwrap_width("a b"), 3);
	assert_int_equal(textwrap_width_n("hello", 2), 2);
}

static void width_of_accents(void **state)
{
	(void)state;
	assert_int_equal(textwrap_width(E_ACUTE), 1);
	assert_int_equal(textwrap_width("e" COMBINING_ACUTE), 1);
	assert_int_equal(textwrap_width("caf" E_ACUTE), 4);
	assert_int_equal(textwrap_width("cafe" COMBINING_ACUTE), 4);
}

static void width_of_cjk_and_emoji(void **state)
{
	(void)state;
	assert_int_equal(textwrap_width("日本語"), 6);
	assert_int_equal(textwrap_width("日本語abc"), 9);
	assert_int_equal(textwrap_width(SMILE), 2);
	assert_int_equal(textwrap_width("a" SMILE "b"), 4);
}

static void width_of_invalid_bytes(void **state)
{
	(void)state;
	/* each is drawn as its escape, \xff: four columns */
	assert_int_equal(textwrap_width("\xff"), 4);
	assert_int_equal(textwrap_width("\xff\xfe"), 8);
	assert_int_equal(textwrap_width("a\xc3"), 5);
	/* A truncated sequence is two bad bytes. */
	assert_int_equal(textwrap_width("\xe6\x97"), 8);
	/* Cutting 日 short leaves one good character and a bad byte. */
	assert_int_equal(textwrap_width_n("日本", 4), 6);
	assert_int_equal(textwrap_width("\xc0\xaf"), 8); /* overlong '/' */
}

static void width_of_controls_and_tab(void **state)
{
	(void)state;
	/* drawn as their escapes (\x01), as safetext shows them */
	assert_int_equal(textwrap_width("\x01"), 4);
	assert_int_equal(textwrap_width("a\x1b"), 5);
	assert_int_equal(textwrap_width("a\xe2\x80\xae"), 7); /* U+202E */
	assert_int_equal(textwrap_width("a\tb"), 3);
	assert_int_equal(textwrap_width("a\nb"), 2);
}

static void wrap_english_at_10(void **state)
{
	(void)state;
	CHECK_WRAP("The quick brown fox jumps over the lazy dog", 10,
		   "The quick", "brown fox", "jumps over", "the lazy", "dog");
}

static void wrap_english_at_20(void **state)
{
	(void)state;
	CHECK_WRAP("The quick brown fox jumps over the lazy dog", 20,
		   "The quick brown fox", "jumps over the lazy", "dog");
	CHECK_WRAP("The quick brown fox jumps over the lazy dog", 43,
		   "The quick brown fox jumps over the lazy dog");
}

static void wrap_exact_fit(void **state)
{
	(void)state;
	CHECK_WRAP("abcde fghij", 5, "abcde", "fghij");
	CHECK_WRAP("abcde fghij", 11, "abcde fghij");
	CHECK_WRAP("abcde fghij", 10, "abcde", "fghij");
}

static void wrap_long_word_is_cut(void **state)
{
	(void)state;
	CHECK_WRAP("a supercalifragilistic b", 8, "a", "supercal", "ifragili",
		   "stic b");
	CHECK_WRAP("abcdefgh", 3, "abc", "def", "gh");
	CHECK_WRAP("abc", 1, "a", "b", "c");
	/* Accents stay with their letters when a word is cut. */
	CHECK_WRAP("e" COMBINING_ACUTE "te" COMBINING_ACUTE, 2,
		   "e" COMBINING_ACUTE "t", "e" COMBINING_ACUTE);
	/* Bad bytes are cut between, four columns (\xff) each. */
	CHECK_WRAP("\xff\xfe\xfd", 8, "\xff\xfe", "\xfd");
}

static void wrap_cjk_between_characters(void **state)
{
	(void)state;
	const char *s = "日本語のテキストです";
	struct wrap_line *lines;
	int n;

	CHECK_WRAP(s, 5, "日本", "語の", "テキ", "スト", "です");
	CHECK_WRAP(s, 6, "日本語", "のテキ", "ストで", "す");
	for (int width = 1; width <= 22; width++) {
		n = textwrap_wrap(s, width, &lines);
		assert_true(n >= 1);
		size_t total = 0;
		for (int i = 0; i < n; i++) {
			/* Every character is three bytes: none is split. */
			assert_int_equal(lines[i].len % 3, 0);
			assert_int_equal(lines[i].start, total);
			assert_true(lines[i].width <= (width < 2 ? 2 : width));
			total += lines[i].len;
		}
		assert_int_equal(total, strlen(s));
		free(lines);
	}
}

static void wrap_cjk_with_latin(void **state)
{
	(void)state;
	CHECK_WRAP("日本語 abc 中文", 7, "日本語", "abc 中", "文");
	/* No break between a wide character and a Latin letter, so the
	 * last break between wide ones is taken rather than cutting "abc". */
	CHECK_WRAP("日本語abc", 7, "日本", "語abc");
	CHECK_WRAP("ab日cd", 4, "ab日", "cd");
	/* With no such break either, the word is cut. */
	CHECK_WRAP("日abcdefg", 4, "日ab", "cdef", "g");
}

static void wrap_wide_character_in_one_column(void **state)
{
	(void)state;
	/* It cannot fit anywhere, so it takes a line of its own. */
	CHECK_WRAP("日a本", 1, "日", "a", "本");
	CHECK_WRAP(SMILE SMILE, 1, SMILE, SMILE);
}

static void wrap_never_starts_with_a_mark(void **state)
{
	(void)state;
	const char *s = "e" COMBINING_ACUTE "e" COMBINING_ACUTE
			"e" COMBINING_ACUTE "e" COMBINING_ACUTE;

	CHECK_WRAP(s, 3,
		   "e" COMBINING_ACUTE "e" COMBINING_ACUTE "e" COMBINING_ACUTE,
		   "e" COMBINING_ACUTE);
	CHECK_WRAP(s, 1, "e" COMBINING_ACUTE, "e" COMBINING_ACUTE,
		   "e" COMBINING_ACUTE, "e" COMBINING_ACUTE);
	/* A voiced mark on kana stays on it at a break between wide
	 * characters. */
	CHECK_WRAP("か" COMBINING_VOICED "き" COMBINING_VOICED, 2,
		   "か" COMBINING_VOICED, "き" COMBINING_VOICED);
	/* A mark on a space makes it a letter, not a break. */
	CHECK_WRAP("ab " COMBINING_ACUTE "cd", 3, "ab " COMBINING_ACUTE, "cd");
}

static void wrap_newlines(void **state)
{
	(void)state;
	struct wrap_line *lines;

	CHECK_WRAP("ab\ncd", 10, "ab", "cd");
	CHECK_WRAP("a\n\nb", 10, "a", "", "b");
	CHECK_WRAP("\n\n", 10, "", "", "");
	CHECK_WRAP("\n", 10, "", "");
	CHECK_WRAP("a\n", 10, "a", "");
	CHECK_WRAP("one two\nthree four five", 10, "one two", "three four",
		   "five");

	/* The empty line sits between the two '\n'. */
	assert_int_equal(textwrap_wrap("a\n\nb", 10, &lines), 3);
	assert_int_equal(lines[1].start, 2);
	assert_int_equal(lines[1].len, 0);
	assert_int_equal(lines[1].width, 0);
	assert_int_equal(lines[2].start, 3);
	free(lines);
}

static void wrap_spaces(void **state)
{
	(void)state;
	/* Trailing spaces belong to no line. */
	CHECK_WRAP("hello   ", 10, "hello");
	CHECK_WRAP("ab  \ncd", 10, "ab", "cd");
	/* Leading spaces are indentation. */
	CHECK_WRAP("  hello world", 8, "  hello", "world");
	CHECK_WRAP("a\n  b c", 10, "a", "  b c");
	/* Spaces inside a line are kept; at a break they vanish. */
	CHECK_WRAP("a   b", 10, "a   b");
	CHECK_WRAP("aaaa    bbbb", 5, "aaaa", "bbbb");
	CHECK_WRAP("aaaa    bbbb", 9, "aaaa", "bbbb");
	/* Only spaces: one empty line. */
	CHECK_WRAP("   ", 10, "");
	CHECK_WRAP("   ", 1, "");
	/* A tab is one column and not a break. */
	CHECK_WRAP("a\tb c", 3, "a\tb", "c");
}

static void wrap_empty_text(void **state)
{
	(void)state;
	struct wrap_line dummy;
	struct wrap_line *lines = &dummy; /* must come back NULL */

	assert_int_equal(textwrap_wrap("", 10, &lines), 0);
	assert_null(lines);
}

static void fit_whole_text(void **state)
{
	(void)state;
	bool truncated = true;

	assert_int_equal(textwrap_fit("hello world", 20, &truncated), 11);
	assert_false(truncated);
	assert_int_equal(textwrap_fit("hello world", 11, &truncated), 11);
	assert_false(truncated);
	assert_int_equal(textwrap_fit("日本語", 6, &truncated), 9);
	assert_false(truncated);
	assert_int_equal(textwrap_fit("", 5, &truncated), 0);
	assert_false(truncated);
}

static void fit_truncates_ascii(void **state)
{
	(void)state;
	bool truncated = false;

	/* "…" takes one column, so seven are left for text. */
	assert_int_equal(textwrap_fit("hello world", 8, &truncated), 7);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("hello world", 10, &truncated), 9);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("hello world", 1, &truncated), 0);
	assert_true(truncated);
}

static void fit_leaves_out_a_straddling_wide_character(void **state)
{
	(void)state;
	bool truncated = false;

	/* Three columns for text: 日 fits, 本 would need the fourth. */
	assert_int_equal(textwrap_fit("日本語", 4, &truncated), 3);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("日本語", 5, &truncated), 6);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("a日本語", 3, &truncated), 1);
	assert_true(truncated);
	/* A mark comes along with its letter or not at all. */
	assert_int_equal(textwrap_fit("e" COMBINING_ACUTE "e" COMBINING_ACUTE
				      "e" COMBINING_ACUTE,
				      2, &truncated),
			 3);
	assert_true(truncated);
}

static void fit_width_zero_or_less(void **state)
{
	(void)state;
	bool truncated = false;

	assert_int_equal(textwrap_fit("abc", 0, &truncated), 0);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("abc", -5, &truncated), 0);
	assert_true(truncated);
	assert_int_equal(textwrap_fit("", 0, &truncated), 0);
	assert_false(truncated);
}

static void ellipsis_follows_locale(void **state)
{
	(void)state;
	bool truncated = false;

	assert_true(textwrap_utf8_locale());
	assert_string_equal(textwrap_ellipsis(), "\xe2\x80\xa6");
	assert_int_equal(textwrap_width(textwrap_ellipsis()), 1);

	assert_non_null(setlocale(LC_ALL, "C"));
	assert_false(textwrap_utf8_locale());
	assert_string_equal(textwrap_ellipsis(), "...");
	/* Room is left for three dots in place of one. */
	assert_int_equal(textwrap_fit("hello world", 8, &truncated), 5);
	assert_true(truncated);
	/* Outside UTF-8 every high byte is one column. */
	assert_int_equal(textwrap_width("日"), 3);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_true(textwrap_utf8_locale());
}

/* Deterministic, so a failure can be replayed. */
static uint32_t rng_state = 2463534242u;

static uint32_t rng_next(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* A random text of words built from ASCII letters, accents (precomposed
 * and combining), CJK and emoji, separated mostly by one space, sometimes
 * by several or by '\n'. */
static void random_text(char *buf, size_t size)
{
	static const char *const atoms[] = {
	    "a",
	    "b",
	    "x",
	    "Z",
	    "q",
	    E_ACUTE,
	    "\xc3\xaf", /* ï */
	    "e" COMBINING_ACUTE,
	    "日",
	    "本",
	    "語",
	    "の",
	    "テ",
	    SMILE,
	    "\xf0\x9f\x91\x8d", /* thumbs up */
	    "か" COMBINING_VOICED,
	};
	size_t len = 0;
	int words = 1 + (int)(rng_next() % 16);

	buf[0] = '\0';
	if (rng_next() % 8 == 0)
		buf[len++] = ' ';
	for (int w = 0; w < words; w++) {
		int natoms = 1 + (int)(rng_next() % 14);
		for (int a = 0; a < natoms; a++) {
			const char *atom = atoms[rng_next() % ARRAY_LEN(atoms)];
			size_t alen = strlen(atom);
			assert_true(len + alen + 4 < size);
			memcpy(buf + len, atom, alen);
			len += alen;
		}
		if (w + 1 < words) {
			uint32_t r = rng_next() % 16;
			if (r == 0)
				buf[len++] = '\n';
			else if (r == 1)
				len += (size_t)snprintf(buf + len, size - len,
							"   ");
			else if (r == 2)
				len += (size_t)snprintf(buf + len, size - len,
							" \n ");
			else
				buf[len++] = ' ';
		}
	}
	if (rng_next() % 8 == 0)
		buf[len++] = ' ';
	buf[len] = '\0';
}

/* Characters of the line that take columns: a line wider than the limit
 * must hold only one. */
static int count_visible(const char *s, size_t len)
{
	mbstate_t ps;
	size_t pos = 0;
	int count = 0;

	memset(&ps, 0, sizeof(ps));
	while (pos < len) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s + pos, len - pos, &ps);
		assert_true(r != (size_t)-1 && r != (size_t)-2 && r != 0);
		if (wcwidth(wc) > 0)
			count++;
		pos += r;
	}
	return count;
}

static bool is_mark_at(const char *s)
{
	mbstate_t ps;
	wchar_t wc;

	memset(&ps, 0, sizeof(ps));
	size_t r = mbrtowc(&wc, s, strlen(s), &ps);
	return r != (size_t)-1 && r != (size_t)-2 && r != 0 && wc != L'\n' &&
	       wcwidth(wc) == 0;
}

static void check_properties(const char *s, int width)
{
	struct wrap_line *lines;
	size_t slen = strlen(s);
	int n = textwrap_wrap(s, width, &lines);
	char *rebuilt = malloc(slen + 1);
	size_t rlen = 0;
	size_t prev_end = 0;
	int newlines = 0;

	assert_non_null(rebuilt);
	assert_true(n >= 1);
	assert_int_equal(lines[0].start, 0);
	for (int i = 0; i < n; i++) {
		const struct wrap_line *l = &lines[i];
		const char *p = s + l->start;

		assert_true(l->start >= prev_end);
		assert_true(l->start + l->len <= slen);
		assert_null(memchr(p, '\n', l->len));
		assert_int_equal(l->width, textwrap_width_n(p, l->len));
		if (l->width > width) {
			assert_int_equal(width, 1);
			assert_int_equal(count_visible(p, l->len), 1);
		}
		/* The gap before a line is the break: spaces, at most one
		 * '\n'. */
		int gap_newlines = 0;
		for (size_t k = prev_end; k < l->start; k++) {
			assert_true(s[k] == ' ' || s[k] == '\n');
			gap_newlines += s[k] == '\n';
		}
		assert_true(gap_newlines <= 1);
		newlines += gap_newlines;
		/* Breaks fall between characters, never before a mark. */
		assert_false((unsigned char)p[0] >= 0x80 &&
			     (unsigned char)p[0] < 0xc0);
		if (l->len > 0 && l->start > 0 && s[l->start - 1] != '\n')
			assert_false(is_mark_at(p));
		/* A soft break never leaves an empty line. */
		if (l->len == 0) {
			assert_true(i == 0 || gap_newlines == 1);
			assert_true(l->start + l->len == slen ||
				    s[l->start] == '\n' || s[l->start] == ' ');
		}
		memcpy(rebuilt + rlen, s + prev_end, l->start - prev_end);
		rlen += l->start - prev_end;
		memcpy(rebuilt + rlen, p, l->len);
		rlen += l->len;
		prev_end = l->start + l->len;
	}
	for (size_t k = prev_end; k < slen; k++)
		assert_int_equal(s[k], ' ');
	memcpy(rebuilt + rlen, s + prev_end, slen - prev_end);
	rlen += slen - prev_end;
	rebuilt[rlen] = '\0';
	assert_string_equal(rebuilt, s);
	int text_newlines = 0;
	for (size_t k = 0; k < slen; k++)
		text_newlines += s[k] == '\n';
	assert_int_equal(newlines, text_newlines);
	free(rebuilt);
	free(lines);
}

static void wrap_properties_on_random_text(void **state)
{
	(void)state;
	char buf[2048];

	for (int round = 0; round < 1500; round++) {
		random_text(buf, sizeof(buf));
		for (int width = 1; width <= 40; width++)
			check_properties(buf, width);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(width_of_ascii, setup_utf8),
	    cmocka_unit_test_setup(width_of_accents, setup_utf8),
	    cmocka_unit_test_setup(width_of_cjk_and_emoji, setup_utf8),
	    cmocka_unit_test_setup(width_of_invalid_bytes, setup_utf8),
	    cmocka_unit_test_setup(width_of_controls_and_tab, setup_utf8),
	    cmocka_unit_test_setup(wrap_english_at_10, setup_utf8),
	    cmocka_unit_test_setup(wrap_english_at_20, setup_utf8),
	    cmocka_unit_test_setup(wrap_exact_fit, setup_utf8),
	    cmocka_unit_test_setup(wrap_long_word_is_cut, setup_utf8),
	    cmocka_unit_test_setup(wrap_cjk_between_characters, setup_utf8),
	    cmocka_unit_test_setup(wrap_cjk_with_latin, setup_utf8),
	    cmocka_unit_test_setup(wrap_wide_character_in_one_column,
				   setup_utf8),
	    cmocka_unit_test_setup(wrap_never_starts_with_a_mark, setup_utf8),
	    cmocka_unit_test_setup(wrap_newlines, setup_utf8),
	    cmocka_unit_test_setup(wrap_spaces, setup_utf8),
	    cmocka_unit_test_setup(wrap_empty_text, setup_utf8),
	    cmocka_unit_test_setup(fit_whole_text, setup_utf8),
	    cmocka_unit_test_setup(fit_truncates_ascii, setup_utf8),
	    cmocka_unit_test_setup(fit_leaves_out_a_straddling_wide_character,
				   setup_utf8),
	    cmocka_unit_test_setup(fit_width_zero_or_less, setup_utf8),
	    cmocka_unit_test_setup(ellipsis_follows_locale, setup_utf8),
	    cmocka_unit_test_setup(wrap_properties_on_random_text, setup_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
