#include "config.h"

#include "testutil.h"

#include <fcntl.h>

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
