/* SPDX-License-Identifier: MIT */
/* Comments (type = comment) in a real SQLite file: saved as given and
 * with a submission, read back to resume, refused once the response is
 * finished, shown only for groups of the minimum size and never with who
 * wrote them; and a database made before the comment table keeps every
 * answer when it gains it. */
#include "config.h"

#include "testutil.h"

#include "fixture.h"
#include "scoring.h"
#include "store-internal.h"
#include "submission.h"

static const char text[] =
    "[questionnaire]\nid = c\ntitle = C\nversion = 1\naudience = everyone\n"
    "[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"
    "[question.often]\ntype = choice\ndimension = use\ntext = How often?\n"
    "choice1 = Never\nscore1 = 0\nchoice2 = Daily\nscore2 = 100\n"
    "[question.help]\ntype = comment\nmax_length = 40\n"
    "text = What would help you most?\n" FIXTURE_TAIL(30);

static char *dir;
static char *path;
static struct store *store;
static struct questionnaire *q;
static struct store_round round_;

static int setup(void **state)
{
	(void)state;
	dir = testutil_mkdtemp();
	path = xasprintf("%s/aimap.db", dir);
	store = fixture_store_open(path);
	q = fixture_parse(text);
	fixture_round_make(store, "C1", "Comments", q, NULL, 0, &round_);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(store);
	questionnaire_free(q);
	store_round_free(&round_);
	free(path);
	testutil_rmdir(dir);
	return 0;
}

/* One finished response with a comment, given as aimap submit gives it. */
static void submit(const char *department, const char *comment)
{
	int choices[2] = {2, 0};
	int estimates[2][3] = {{0}};
	char *comments[2] = {NULL, (char *)comment};
	struct submission sub = {
	    .department = (char *)department,
	    .role = ROLE_INDIVIDUAL,
	    .track = TRACK_CITIZEN,
	    .choices = choices,
	    .estimates = estimates,
	    .comments = comments,
	    .nquestions = 2,
	};
	struct scoring_result r;
	scoring_classify(q, &(struct scoring_input){choices}, &r);
	char uuid[37];
	if (store_response_submit(store, &round_, q, &sub, &r, uuid) !=
	    STORE_OK)
		fail_msg("%s", store_error(store));
}

static void saved_as_given_and_read_back(void **state)
{
	(void)state;
	struct store_profile p = {.name = "Ana",
				  .department = "Ops",
				  .role = ROLE_INDIVIDUAL,
				  .track = TRACK_CITIZEN};
	struct store_response r;
	assert_int_equal(store_response_start(store, &round_, &p, &r),
			 STORE_OK);
	assert_int_equal(store_comment_save(store, r.id, "help", "Time."),
			 STORE_OK);
	assert_int_equal(
	    store_comment_save(store, r.id, "help", "Time to learn it."),
	    STORE_OK);
	char *texts[2];
	assert_int_equal(store_response_comments(store, r.id, q, texts),
			 STORE_OK);
	assert_null(texts[0]);
	assert_string_equal(texts[1], "Time to learn it.");
	free(texts[1]);
	/* emptied: gone */
	assert_int_equal(store_comment_save(store, r.id, "help", ""), STORE_OK);
	assert_int_equal(store_response_comments(store, r.id, q, texts),
			 STORE_OK);
	assert_null(texts[1]);
	assert_int_equal(store_comment_save(store, r.id, "help", "Examples"),
			 STORE_OK);
	int choices[2] = {1, 0};
	struct scoring_result res;
	scoring_classify(q, &(struct scoring_input){choices}, &res);
	assert_int_equal(
	    store_response_finish(store, r.id, q, choices, NULL, &res),
	    STORE_OK);
	/* a finished response takes no more comments */
	assert_int_equal(store_comment_save(store, r.id, "help", "More"),
			 STORE_ERR_CLOSED);
	assert_int_equal(store_response_comments(store, r.id, q, texts),
			 STORE_OK);
	assert_string_equal(texts[1], "Examples");
	free(texts[1]);
	store_response_free(&r);
	/* the file's own limit holds whatever writes to it */
	sqlite3 *h = fixture_raw_open(path);
	char *too_long = xcalloc(2002, 1);
	memset(too_long, 'x', 2001);
	char *sql = xasprintf("INSERT INTO comment VALUES (1, 'other', '%s', "
			      "'2026-01-15T09:00:00Z')",
			      too_long);
	assert_int_not_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	free(too_long);
	fixture_raw_close(h);
}

struct seen {
	int n;
	char lines[16][80];
};

static bool collect(void *ctx, const struct store_comment *c)
{
	struct seen *s = ctx;
	if (s->n < 16)
		snprintf(s->lines[s->n], sizeof(s->lines[0]), "%s|%s|%s",
			 c->department ? c->department : "-", c->question,
			 c->text);
	s->n++;
	return true;
}

static void only_groups_of_the_minimum_size(void **state)
{
	(void)state;
	static const char *const sales[] = {"Zeta", "Alpha", "Mid", "Beta",
					    "Gamma"};
	for (size_t i = 0; i < ARRAY_LEN(sales); i++)
		submit("Sales", sales[i]);
	submit("Legal", "Only one lawyer wrote this");
	submit("Legal", NULL);
	struct seen s = {0};
	assert_int_equal(
	    store_report_comments(store, round_.id, 5, true, collect, &s),
	    STORE_OK);
	/* Legal (2 finished) is below 5: none of its comments; Sales in
	 * the order of the text, not of writing */
	assert_int_equal(s.n, 5);
	assert_string_equal(s.lines[0], "Sales|help|Alpha");
	assert_string_equal(s.lines[1], "Sales|help|Beta");
	assert_string_equal(s.lines[4], "Sales|help|Zeta");
	memset(&s, 0, sizeof(s));
	assert_int_equal(
	    store_report_comments(store, round_.id, 5, false, collect, &s),
	    STORE_OK);
	assert_int_equal(s.n, 6); /* the whole round: 7 finished */
	assert_string_equal(s.lines[4], "-|help|Only one lawyer wrote this");
	memset(&s, 0, sizeof(s));
	assert_int_equal(
	    store_report_comments(store, round_.id, 8, false, collect, &s),
	    STORE_OK);
	assert_int_equal(s.n, 0);
	/* Legal 3 and Ops 2: each below 5, pooled they make 5: their
	 * comments show, without a department */
	submit("Ops", "From ops");
	submit("Legal", "Second lawyer");
	submit("Ops", NULL);
	memset(&s, 0, sizeof(s));
	assert_int_equal(
	    store_report_comments(store, round_.id, 5, true, collect, &s),
	    STORE_OK);
	assert_int_equal(s.n, 8);
	assert_string_equal(s.lines[5], "-|help|From ops");
	assert_string_equal(s.lines[6], "-|help|Only one lawyer wrote this");
}

/* The answers and comments stored in file, which is at this aimap's
 * schema version. */
static void expect_rows(const char *file, int answers, int comments)
{
	sqlite3 *h = fixture_raw_open(file);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT (SELECT count(*) FROM "
					    "answer), (SELECT count(*) FROM "
					    "comment), (SELECT user_version "
					    "FROM pragma_user_version)",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), answers);
	assert_int_equal(sqlite3_column_int(st, 1), comments);
	assert_int_equal(sqlite3_column_int(st, 2), store_schema_version());
	sqlite3_finalize(st);
	fixture_raw_close(h);
}

/* A database from before migration 3 (the same schema without the
 * comment table, migration 4's resume columns, migration 5's
 * invitations, migration 6's action table, migration 7's small_gaps and
 * migration 8's running totals and migration 9's questionnaire_model, at
 * user_version 2) gains them and keeps every answer. */
static void older_database_keeps_its_answers(void **state)
{
	(void)state;
	submit("Sales", "kept");
	const struct store_profile p = {.department = "Ops",
					.role = ROLE_MANAGER,
					.track = TRACK_TECHNICAL};
	const struct fixture_answer a[] = {{"often", 1, NULL}, {NULL, 0, NULL}};
	fixture_submit(store, &round_, q, &p, a);
	store_close(store);
	sqlite3 *h = fixture_raw_open(path);
	fixture_undo_migration_8(h);
	fixture_raw_exec(h, "DROP TABLE questionnaire_model;"
			    "DROP TABLE action;"
			    "DROP TRIGGER invitation_finished;"
			    "DROP TABLE invitation; DROP TABLE secret_salt;"
			    "ALTER TABLE round DROP COLUMN invitations_only;"
			    "DROP TABLE comment; DROP INDEX response_resume;"
			    "ALTER TABLE response DROP COLUMN resume_hash;"
			    "ALTER TABLE response DROP COLUMN abandoned_at;"
			    "ALTER TABLE round DROP COLUMN small_gaps;"
			    "PRAGMA user_version = 2;");
	fixture_raw_close(h);
	/* merged as it is into a new database: its answers come, though
	 * it has no comment table to read */
	char *newer = xasprintf("%s/newer.db", dir);
	struct store *into = fixture_store_open(newer);
	struct store_merge_counts c;
	assert_int_equal(store_merge(into, path, &c), STORE_OK);
	assert_int_equal(c.responses[STORE_MERGE_ADDED], 2);
	store_close(into);
	expect_rows(newer, 2, 0);
	free(newer);
	store = fixture_store_open(path);
	expect_rows(path, 2, 0);
	submit("Sales", "after the upgrade");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(saved_as_given_and_read_back, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(only_groups_of_the_minimum_size,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(older_database_keeps_its_answers,
					    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
