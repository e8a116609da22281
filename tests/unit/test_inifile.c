/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "testutil.h"

#include <fcntl.h>

#if defined(HAVE_INIPARSER_INIPARSER_H)
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "inifile.h"

/* Parse text and keep the messages; the file is freed at teardown. */
struct parsed {
	struct ini_file f;
	struct diag d;
	bool ok;
};

static struct parsed parse_len(const char *text, size_t len)
{
	struct parsed p;
	diag_init(&p.d, "t.ini");
	p.ok = inifile_parse(text, len, &p.f, &p.d);
	return p;
}

static struct parsed parse(const char *text)
{
	return parse_len(text, strlen(text));
}

static void parsed_free(struct parsed *p)
{
	inifile_free(&p->f);
	diag_free(&p->d);
}

/* The number of messages of this severity on this line containing
 * phrase. */
static int count_at(const struct parsed *p, enum diag_severity sev, int line,
		    const char *phrase)
{
	int n = 0;
	for (int i = 0; i < p->d.count; i++) {
		const struct diag_entry *e = &p->d.entries[i];
		if (e->severity == sev && e->line == line &&
		    strstr(e->message, phrase) != NULL)
			n++;
	}
	return n;
}

static void dump(const struct parsed *p)
{
	diag_print(&p->d, stdout);
}

/* text must fail with one error at line containing phrase. */
static void expect_error(const char *text, int line, const char *phrase)
{
	struct parsed p = parse(text);
	if (p.ok || count_at(&p, DIAG_ERROR, line, phrase) != 1) {
		printf("expected line %d: %s\ngot:\n", line, phrase);
		dump(&p);
	}
	assert_false(p.ok);
	assert_int_equal(count_at(&p, DIAG_ERROR, line, phrase), 1);
	assert_int_equal(p.f.nsections, 0);
	parsed_free(&p);
}

static void test_empty(void **state)
{
	(void)state;
	struct parsed p = parse("");
	assert_true(p.ok);
	assert_int_equal(p.f.nsections, 0);
	assert_int_equal(p.d.count, 0);
	parsed_free(&p);
	p = parse("\n; only a comment\n# another\n\n");
	assert_true(p.ok);
	assert_int_equal(p.f.nsections, 0);
	parsed_free(&p);
}

static void test_values(void **state)
{
	(void)state;
	const char *text = "; comment\n"
			   "[First]\n"
			   "Plain = hello world  \n"
			   "semi = \"x ; y # z\"\n"
			   "single = 'say \"hi\"'\n"
			   "spaces = \"  kept  \"\n"
			   "joined = one \\\n"
			   "  two\n"
			   "empty =\n"
			   "quotes = \"\"\n"
			   "after = \"v\" ; a comment\n"
			   "eq = a=b\n"
			   "\n"
			   "[second]\n"
			   "k=v\n";
	struct parsed p = parse(text);
	if (!p.ok)
		dump(&p);
	assert_true(p.ok);
	assert_int_equal(p.d.count, 0);
	assert_int_equal(p.f.nsections, 2);
	const struct ini_section *s = &p.f.sections[0];
	assert_string_equal(s->name, "first");
	assert_string_equal(s->original, "First");
	assert_int_equal(s->line, 2);
	assert_ptr_equal(inifile_section(&p.f, "first"), s);
	assert_null(inifile_section(&p.f, "third"));
	assert_int_equal(s->nkeys, 9);
	assert_string_equal(s->keys[0].name, "plain");
	assert_string_equal(inifile_key(s, "plain")->value, "hello world");
	assert_string_equal(inifile_key(s, "semi")->value, "x ; y # z");
	assert_string_equal(inifile_key(s, "single")->value, "say \"hi\"");
	assert_string_equal(inifile_key(s, "spaces")->value, "  kept  ");
	assert_string_equal(inifile_key(s, "joined")->value, "one   two");
	assert_int_equal(inifile_key(s, "joined")->line, 7);
	assert_string_equal(inifile_key(s, "empty")->value, "");
	assert_int_equal(inifile_key(s, "empty")->line, 9);
	assert_string_equal(inifile_key(s, "quotes")->value, "");
	assert_string_equal(inifile_key(s, "after")->value, "v");
	assert_string_equal(inifile_key(s, "eq")->value, "a=b");
	assert_null(inifile_key(s, "missing"));
	assert_int_equal(p.f.sections[1].line, 14);
	assert_string_equal(inifile_key(&p.f.sections[1], "k")->value, "v");
	assert_int_equal(inifile_key(&p.f.sections[1], "k")->line, 15);
	parsed_free(&p);
}

static void test_crlf_and_utf8(void **state)
{
	(void)state;
	struct parsed p =
	    parse("[s]\r\ntext = Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D\r\n");
	assert_true(p.ok);
	assert_string_equal(inifile_key(&p.f.sections[0], "text")->value,
			    "Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D");
	parsed_free(&p);
}

static void test_nul_byte(void **state)
{
	(void)state;
	static const char text[] = "[s]\na = 1\nb = x\0y\n";
	struct parsed p = parse_len(text, sizeof(text) - 1);
	assert_false(p.ok);
	assert_int_equal(count_at(&p, DIAG_ERROR, 3, "NUL byte"), 1);
	assert_int_equal(p.d.errors, 1);
	parsed_free(&p);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	expect_error("[s]\ntext = caf\xE9\n", 2, "not valid UTF-8");
	expect_error("[s]\ntext = caf\xE9\n", 2, "must be UTF-8");
}

static char *long_line_text(size_t value_len)
{
	char *text = malloc(value_len + 64);
	assert_non_null(text);
	strcpy(text, "[s]\nk = ");
	size_t n = strlen(text);
	memset(text + n, 'x', value_len);
	strcpy(text + n + value_len, "\nok = 1\n");
	return text;
}

static void test_long_lines(void **state)
{
	(void)state;
	/* "k = " is 4 bytes: a 1018-byte value is exactly the limit. */
	char *text = long_line_text(1018);
	struct parsed p = parse(text);
	assert_true(p.ok);
	assert_int_equal(strlen(inifile_key(&p.f.sections[0], "k")->value),
			 1018);
	parsed_free(&p);
	free(text);

	text = long_line_text(1096);
	expect_error(text, 2, "line is 1100 bytes");
	expect_error(text, 2, "at most 1022 bytes");
	free(text);

	/* Every long line is reported, not only the first. */
	char *two = malloc(3000);
	assert_non_null(two);
	sprintf(two, "[s]\na = %01100d\nb = 1\nc = %01200d\n", 0, 0);
	p = parse(two);
	assert_false(p.ok);
	assert_int_equal(count_at(&p, DIAG_ERROR, 2, "1104 bytes"), 1);
	assert_int_equal(count_at(&p, DIAG_ERROR, 4, "1204 bytes"), 1);
	parsed_free(&p);

	/* Joined lines share iniparser's one line buffer. */
	sprintf(two, "[s]\na = %0600d \\\n%0600d\n", 0, 0);
	expect_error(two, 2, "lines 2-3 are 1205 bytes together");
	expect_error(two, 2, "joined with a trailing backslash count together");
	free(two);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("[s]\na = 1\njust some words\n", 3, "syntax error");
	expect_error("[s] ; comment\na = 1\n", 1, "text after ']'");
	expect_error("[s]]\na = 1\n", 1, "text after the first ']'");
	expect_error("[s\na = 1\n", 1, "no closing ']'");
	expect_error("[s]\n= 1\n", 2, "no key name");
	expect_error("[]\na = 1\n", 1, "has no name");
	expect_error("[a:b]\nc = 1\n", 1, "contains ':'");
	expect_error("[s]\nx\n", 2, "syntax error");
	expect_error("\xEF\xBB\xBF[s]\na = 1\n", 1, "byte order mark");
	expect_error("[s]\na = 1 \\\n", 2, "ends with a backslash");
}

/* A syntax error is reported once, though iniparser finds it too, and
 * iniparser itself never writes to stderr. */
static void test_iniparser_is_quiet(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp();
	char path[4200];
	snprintf(path, sizeof(path), "%s/stderr", dir);
	fflush(stderr);
	int saved = dup(2);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	struct parsed p = parse("[s]\na = 1\nnot a line\n[t]\nalso bad\n");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	assert_false(p.ok);
	assert_int_equal(p.d.errors, 2);
	assert_int_equal(count_at(&p, DIAG_ERROR, 3, ""), 1);
	assert_int_equal(count_at(&p, DIAG_ERROR, 5, ""), 1);
	parsed_free(&p);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fgetc(f), EOF);
	fclose(f);
	testutil_rmdir(dir);
}

static void test_key_outside_section(void **state)
{
	(void)state;
	expect_error("title = x\n[s]\na = 1\n", 1, "before any [section]");
}

static void test_duplicate_sections(void **state)
{
	(void)state;
	expect_error("[question.Q1]\na = 1\n[question.q1]\nb = 2\n", 3,
		     "merges them");
	expect_error("[question.Q1]\na = 1\n[question.q1]\nb = 2\n", 3,
		     "differ only in case");
	expect_error("[s]\na = 1\n\n[s]\nb = 2\n", 4, "appears twice");
	expect_error("[s]\na = 1\n\n[s]\nb = 2\n", 4, "first at line 1");
}

static void test_duplicate_keys(void **state)
{
	(void)state;
	expect_error("[s]\ntext = a\nhelp = b\ntext = c\n", 4,
		     "keeps only the last");
	expect_error("[s]\ntext = a\nhelp = b\nText = c\n", 4,
		     "first at line 2");
}

static void test_quotes(void **state)
{
	(void)state;
	expect_error("[s]\na = 1\ntext = \"a \\\"b\\\" c\"\n", 3,
		     "drops the rest");
	expect_error("[s]\ntext = \"say \"hi\" now\"\n", 2,
		     "typographic quotes");
	expect_error("[s]\ntext = 'it's'\n", 2, "quote the value with \"");
	expect_error("[s]\ntext = \"open\n", 2, "never closed");
	expect_error("[s]\ntext = 'tis the season\n", 2, "apostrophe");
}

static void test_comment_warning(void **state)
{
	(void)state;
	struct parsed p = parse("[s]\na = 1\ntext = Do you; or not?\n"
				"tag = #1\n");
	assert_true(p.ok);
	assert_int_equal(p.d.errors, 0);
	assert_int_equal(count_at(&p, DIAG_WARNING, 3,
				  "the rest of the line is read as a comment"),
			 1);
	assert_int_equal(count_at(&p, DIAG_WARNING, 3, "double quotes"), 1);
	assert_int_equal(count_at(&p, DIAG_WARNING, 4, "comment"), 1);
	assert_string_equal(inifile_key(&p.f.sections[0], "text")->value,
			    "Do you");
	assert_string_equal(inifile_key(&p.f.sections[0], "tag")->value, "");
	parsed_free(&p);
}

static void test_many_errors_in_one_pass(void **state)
{
	(void)state;
	struct parsed p = parse("k = 1\n[s]\na = 1\na = 2\nbad\n[S]\n");
	assert_false(p.ok);
	assert_int_equal(count_at(&p, DIAG_ERROR, 1, "before any"), 1);
	assert_int_equal(count_at(&p, DIAG_ERROR, 4, "keeps only"), 1);
	assert_int_equal(count_at(&p, DIAG_ERROR, 5, "syntax"), 1);
	assert_int_equal(count_at(&p, DIAG_ERROR, 6, "merges them"), 1);
	parsed_free(&p);
}

/* Garbage in, messages out: never a crash (run under ASan/UBSan). */
static void test_random_input(void **state)
{
	(void)state;
	static const char alphabet[] = "[]=;#\"'\\ \t\r\n\nab:.\xC3\xA9\xFF";
	unsigned seed = 20240611;
	char buf[400];
	for (int i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t len = (seed >> 16) % sizeof(buf);
		for (size_t j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			buf[j] = (r & 0x100)
				     ? (char)(r & 0xFF)
				     : alphabet[r % (sizeof(alphabet) - 1)];
		}
		struct parsed p = parse_len(buf, len);
		assert_true(p.ok == (p.d.errors == 0));
		if (!p.ok)
			assert_int_equal(p.f.nsections, 0);
		parsed_free(&p);
	}
}

/* ---- iniparser 4.1 itself ----------------------------------------------
 * inifile.c leaves the values to iniparser and reports, from its own line
 * scan, each line iniparser refuses or misreads. These tests hold iniparser
 * to the behaviour that scan was written for: when one fails, iniparser has
 * changed and the scan's checks and messages must follow. */

static int quirk_messages;

static int quirk_count(const char *fmt, ...)
{
	(void)fmt;
	quirk_messages++;
	return 0;
}

/* iniparser's reading of len bytes of text; NULL when it refuses them. */
static dictionary *quirk_load(const char *text, size_t len)
{
	char *dir = testutil_mkdtemp();
	char path[4200];
	snprintf(path, sizeof(path), "%s/q.ini", dir);
	testutil_write(path, text, len);
	iniparser_set_error_callback(quirk_count);
	quirk_messages = 0;
	dictionary *d = iniparser_load(path);
	testutil_rmdir(dir);
	assert_true((d == NULL) == (quirk_messages > 0));
	return d;
}

/* The value iniparser reads for key ("section:key"), malloc'd:
 * "(refused)" when it refuses the text, "(none)" when the key is not
 * there. */
static char *quirk_value(const char *text, const char *key)
{
	dictionary *d = quirk_load(text, strlen(text));
	if (d == NULL)
		return strdup("(refused)");
	const char *v = iniparser_getstring(d, key, NULL);
	char *out = strdup(v != NULL ? v : "(none)");
	iniparser_freedict(d);
	return out;
}

static void expect_read(const char *text, const char *key, const char *want)
{
	char *got = quirk_value(text, key);
	if (strcmp(got, want) != 0)
		printf("iniparser reads %s as '%s', not '%s', in:\n%s", key,
		       got, want, text);
	assert_string_equal(got, want);
	free(got);
}

/* Relied on by the duplicate section and key errors: names are folded to
 * lower case and what then matches is merged, the last value winning. */
static void test_quirk_names_merge(void **state)
{
	(void)state;
	const char *text = "[First]\nPlain = x\n[FIRST]\nplain = y\nb = 1\n";
	expect_read(text, "first:plain", "y");
	expect_read(text, "first:b", "1");
	dictionary *d = quirk_load(text, strlen(text));
	assert_int_equal(iniparser_getnsec(d), 1);
	iniparser_freedict(d);
}

/* Relied on by the "stops at ';'" warning and by the values of quoted
 * text: an unquoted value ends at ';' or '#', a quoted one does not. */
static void test_quirk_comment_cuts(void **state)
{
	(void)state;
	expect_read("[s]\nt = Do you; or not?\n", "s:t", "Do you");
	expect_read("[s]\nt = #1\n", "s:t", "");
	expect_read("[s]\nt = a=b # c\n", "s:t", "a=b");
	expect_read("[s]\nt = \"x ; y # z\"\n", "s:t", "x ; y # z");
	expect_read("[s]\nt = \"  kept  \" ; c\n", "s:t", "  kept  ");
	expect_read("[s]\nt = \"\"\n", "s:t", "");
}

/* Relied on by the quote errors: a quoted value ends at the next quote of
 * its kind, with no escapes, and the rest of the line is dropped; an
 * unclosed quote is dropped. */
static void test_quirk_quotes(void **state)
{
	(void)state;
	expect_read("[s]\nt = \"say \"hi\" now\"\n", "s:t", "say ");
	expect_read("[s]\nt = 'it's'\n", "s:t", "it");
	expect_read("[s]\nt = \"a \\\"b\\\" c\"\n", "s:t", "a \\");
	expect_read("[s]\nt = 'say \"hi\"'\n", "s:t", "say \"hi\"");
	expect_read("[s]\nt = \"open\n", "s:t", "open");
	expect_read("[s]\nt = 'tis the season\n", "s:t", "tis the season");
}

/* Relied on by INIFILE_MAX_LINE and the long-line errors: 1022 bytes to a
 * line, lines joined by a backslash counted together, with or without a
 * final newline; and by the NUL error. */
static void test_quirk_line_limit(void **state)
{
	(void)state;
	char *text = malloc(3000);
	assert_non_null(text);
	for (int n = INIFILE_MAX_LINE; n <= INIFILE_MAX_LINE + 1; n++) {
		const char *want = n <= INIFILE_MAX_LINE ? "0" : "(refused)";
		sprintf(text, "[s]\nk = %0*d\n", n - 4, 0);
		char *got = quirk_value(text, "s:k");
		assert_string_equal(got[0] == '(' ? got : "0", want);
		free(got);
		sprintf(text, "[s]\nk = %0*d", n - 4, 0);
		got = quirk_value(text, "s:k");
		assert_string_equal(got[0] == '(' ? got : "0", want);
		free(got);
		/* 599 bytes in the buffer after the backslash goes */
		sprintf(text, "[s]\nk = %0595d\\\n%0*d\n", 0, n - 599, 0);
		got = quirk_value(text, "s:k");
		assert_string_equal(got[0] == '(' ? got : "0", want);
		free(got);
	}
	free(text);
	static const char nul[] = "[s]\na = 1\nb = x\0y\n";
	assert_null(quirk_load(nul, sizeof(nul) - 1));
}

/* Relied on by the backslash warnings: a comment ending in a backslash
 * swallows the next line, and a backslash on the last line drops it. */
static void test_quirk_backslashes(void **state)
{
	(void)state;
	expect_read("[s]\njoined = one \\\n  two\n", "s:joined", "one   two");
	expect_read("[s]\n; note \\\nk = 1\n", "s:k", "(none)");
	expect_read("[s]\na = 1 \\\n", "s:a", "(none)");
	expect_read("[s]\na = 1 \\", "s:a", "(none)");
}

/* Relied on by the header and section errors, all of which iniparser
 * takes without a word: "[s]x]" is [s], "[]" a section named "", a key
 * before any section goes to "", and ':' in a section name collides with
 * a key name holding ':'; a key can even start with '['. */
static void test_quirk_headers(void **state)
{
	(void)state;
	expect_read("[s]x]\na = 1\n", "s:a", "1");
	expect_read("[]\na = 1\n", ":a", "1");
	expect_read("title = x\n[s]\na = 1\n", ":title", "x");
	expect_read("[a:b]\nc = 1\n[a]\nb:c = 2\n", "a:b:c", "2");
	expect_read("[s]\n[t = 1\n", "s:[t", "1");
	expect_read("[s]\r\nt = caf\xC3\xA9\r\n", "s:t", "caf\xC3\xA9");
}

/* Relied on by the syntax errors: iniparser refuses the whole file for
 * each of these lines, so the scan must name every one of them. */
static void test_quirk_refused_lines(void **state)
{
	(void)state;
	static const char *const refused[] = {
	    "[s]\njust some words\n",
	    "[s] ; comment\na = 1\n",
	    "[s\na = 1\n",
	    "[s]\n= 1\n",
	    "[s]\nx\n",
	    "\xEF\xBB\xBF[s]\na = 1\n",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		expect_read(refused[i], "s:a", "(refused)");
		/* and the scan reports each of them */
		struct parsed p = parse(refused[i]);
		assert_false(p.ok);
		parsed_free(&p);
	}
}

/* Relied on by the "did not read" error and by reading values with
 * iniparser_getstring only: a "section:key" over 1024 bytes is not found,
 * and a section's own name gives NULL, not the default. */
static void test_quirk_getstring(void **state)
{
	(void)state;
	char *text = malloc(3000), *key = malloc(3000);
	assert_true(text != NULL && key != NULL);
	for (int n = 1023; n <= 1026; n++) {
		/* [sss...]: 510 bytes of key, n - 511 of section name */
		sprintf(text, "[%0*d]\n%0510d = v\n", n - 511, 0, 0);
		sprintf(key, "%0*d:%0510d", n - 511, 0, 0);
		char *got = quirk_value(text, key);
		assert_string_equal(got, n <= 1024 ? "v" : "(none)");
		free(got);
	}
	struct parsed p = parse(text);
	assert_false(p.ok);
	assert_int_equal(count_at(&p, DIAG_ERROR, 2, "did not read"), 1);
	parsed_free(&p);
	free(text);
	free(key);
	dictionary *d = quirk_load("[s]\na = 1\n", 10);
	assert_null(iniparser_getstring(d, "s", "default"));
	iniparser_freedict(d);
}

/* Relied on by ini_fill_values, which reads the values in the order the
 * scan found the keys: the dictionary holds each section, then its keys,
 * in the order of the file, the names lowercased. */
static void test_quirk_order(void **state)
{
	(void)state;
	static const char text[] = "[Zeta]\nb = 2\nA = 1\n[alpha]\nz = 3\n";
	static const char *const want[][2] = {{"zeta", NULL},
					      {"zeta:b", "2"},
					      {"zeta:a", "1"},
					      {"alpha", NULL},
					      {"alpha:z", "3"}};
	dictionary *d = quirk_load(text, strlen(text));
	assert_non_null(d);
	int n = 0;
	for (ssize_t i = 0; i < d->size; i++) {
		if (d->key[i] == NULL)
			continue;
		assert_true(n < (int)ARRAY_LEN(want));
		assert_string_equal(d->key[i], want[n][0]);
		if (want[n][1] == NULL)
			assert_null(d->val[i]);
		else
			assert_string_equal(d->val[i], want[n][1]);
		n++;
	}
	assert_int_equal(n, (int)ARRAY_LEN(want));
	iniparser_freedict(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_crlf_and_utf8),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_long_lines),
	    cmocka_unit_test(test_syntax_errors),
	    cmocka_unit_test(test_iniparser_is_quiet),
	    cmocka_unit_test(test_key_outside_section),
	    cmocka_unit_test(test_duplicate_sections),
	    cmocka_unit_test(test_duplicate_keys),
	    cmocka_unit_test(test_quotes),
	    cmocka_unit_test(test_comment_warning),
	    cmocka_unit_test(test_many_errors_in_one_pass),
	    cmocka_unit_test(test_random_input),
	    cmocka_unit_test(test_quirk_names_merge),
	    cmocka_unit_test(test_quirk_comment_cuts),
	    cmocka_unit_test(test_quirk_quotes),
	    cmocka_unit_test(test_quirk_line_limit),
	    cmocka_unit_test(test_quirk_backslashes),
	    cmocka_unit_test(test_quirk_headers),
	    cmocka_unit_test(test_quirk_refused_lines),
	    cmocka_unit_test(test_quirk_getstring),
	    cmocka_unit_test(test_quirk_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
