/* SPDX-License-Identifier: MIT */
/* Text made safe for a terminal: every control, bidi mark and broken byte
 * shown as a visible escape, clean text unchanged, a character cut between
 * two writes to the safe stream put back together, and widths measured
 * as the text is drawn. */
#include "config.h"

#include "testutil.h"

#include <locale.h>
#include <unistd.h>

#include "safetext.h"
#include "textwrap.h"

static void expect(const char *in, enum safetext_mode mode, const char *want)
{
	char *got = safetext_dup(in, mode);
	assert_string_equal(got, want);
	free(got);
}

static void controls_are_shown(void **state)
{
	(void)state;
	/* OSC 52 (clipboard), CSI 2J, DSR, DCS, BEL, DEL, CR */
	expect("a\033]52;c;eA==\007b", SAFETEXT_LINE, "a\\x1b]52;c;eA==\\x07b");
	expect("\033[2J\033[6n", SAFETEXT_LINE, "\\x1b[2J\\x1b[6n");
	expect("\033P1$r\033\\", SAFETEXT_LINE, "\\x1bP1$r\\x1b\\");
	expect("x\177y\rz", SAFETEXT_LINE, "x\\x7fy\\rz");
	/* C1 CSI, the bidi override and isolates, line separator */
	expect("\xc2\x9b"
	       "2J",
	       SAFETEXT_LINE, "\\u009b2J");
	expect("abc\xe2\x80\xaetxt.exe", SAFETEXT_LINE, "abc\\u202etxt.exe");
	expect("\xe2\x81\xa6x\xe2\x81\xa9", SAFETEXT_LINE, "\\u2066x\\u2069");
	expect("a\xe2\x80\xa8"
	       "b",
	       SAFETEXT_LINE, "a\\u2028b");
	/* bytes that are not UTF-8: lone, overlong, surrogate, cut short */
	expect("\xff\xc0\xaf", SAFETEXT_LINE, "\\xff\\xc0\\xaf");
	expect("\xed\xa0\x80", SAFETEXT_LINE, "\\xed\\xa0\\x80");
	expect("end\xe2\x82", SAFETEXT_LINE, "end\\xe2\\x82");
}

static void clean_text_is_unchanged(void **state)
{
	(void)state;
	const char *clean = "Zoë 日本 café – naïve ½ (R&D) \\x1b";
	expect(clean, SAFETEXT_LINE, clean);
	assert_true(safetext_is_clean(clean, SAFETEXT_LINE));
	assert_false(safetext_is_clean("a\033b", SAFETEXT_LINE));
	expect(NULL, SAFETEXT_LINE, "");
}

static void lines_mode_keeps_layout(void **state)
{
	(void)state;
	expect("a\tb\nc\r\nd\re", SAFETEXT_LINES, "a\tb\nc\r\nd\\re");
	expect("a\tb\nc", SAFETEXT_LINE, "a\\tb\\nc");
	assert_true(safetext_is_clean("a\tb\r\n", SAFETEXT_LINES));
}

/* What reaches the file descriptor, written in the pieces given. */
static char *through_stream(const char *const *pieces, int n)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	FILE *f = safetext_open_stream(fds[1]);
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);
	for (int i = 0; i < n; i++)
		fputs(pieces[i], f);
	assert_int_equal(fclose(f), 0);
	close(fds[1]);
	static char buf[256];
	ssize_t got = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	assert_true(got >= 0);
	buf[got] = '\0';
	return buf;
}

static void stream_joins_cut_characters(void **state)
{
	(void)state;
	/* é and U+202E cut between writes; CR LF cut between writes */
	const char *const a[] = {"caf\xc3", "\xa9 \xe2\x80", "\xae!\r",
				 "\nx\r"};
	assert_string_equal(through_stream(a, 4), "café \\u202e!\r\nx\\r");
	const char *const b[] = {"\033]0;title\007", "ok\n"};
	assert_string_equal(through_stream(b, 2), "\\x1b]0;title\\x07ok\n");
	const char *const c[] = {"cut\xe2\x82"};
	assert_string_equal(through_stream(c, 1), "cut\\xe2\\x82");
}

static void widths_are_as_drawn(void **state)
{
	(void)state;
	/* measured raw or after safetext, the text takes the same columns */
	const char *raw = "a\033[2Jb\xe2\x80\xae"
			  "c\x9b";
	char *safe = safetext_dup(raw, SAFETEXT_LINE);
	assert_int_equal(textwrap_width(raw), textwrap_width(safe));
	assert_int_equal(textwrap_width(safe), (int)strlen(safe));
	free(safe);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(controls_are_shown),
	    cmocka_unit_test(clean_text_is_unchanged),
	    cmocka_unit_test(lines_mode_keeps_layout),
	    cmocka_unit_test(stream_joins_cut_characters),
	    cmocka_unit_test(widths_are_as_drawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
