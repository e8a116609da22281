/* SPDX-License-Identifier: MIT */
/* The store against real SQLite files in a temporary folder: creation,
 * every refusal (leaving the file as it was), migration, rounds,
 * submissions and answers saved one at a time read back with plain SQL,
 * two processes writing at once, and a writer killed mid-answer. The
 * questionnaire, answers and scores are built by hand so this test depends on
 * neither the loader nor the scoring code. */
#include "config.h"

#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "fixture.h"
#include "store-internal.h"
#include "store.h"
#include "util.h"

#define NOW "2024-03-01T09:00:00Z"

/* ---- a questionnaire, answers and a result, by hand --------------------- */

enum { Q_USE, Q_SHARE, Q_GUARD, Q_MIX, NQ };

static struct qn_choice three[] = {{"no", 0}, {"some", 50}, {"yes", 100}};

static struct qn_dimension dims[] = {
    {.id = "adoption",
     .label = "Adoption",
     .weight = 1,
     .role = DIMROLE_ADOPTION,
     .line = 5},
    {.id = "sharing",
     .label = "Sharing",
     .weight = 1,
     .role = DIMROLE_SHARING,
     .line = 9},
    {.id = "context",
     .label = "Context",
     .weight = 1,
     .role = DIMROLE_CONTEXT,
     .line = 13},
};

static struct qn_question questions[NQ] = {
    [Q_USE] = {.id = "use",
	       .text = "How often?",
	       .type = QTYPE_CHOICE,
	       .dimension = 0,
	       .choices = three,
	       .nchoices = 3,
	       .max_score = 100,
	       .line = 20},
    [Q_SHARE] = {.id = "share",
		 .text = "Do you share?",
		 .type = QTYPE_CHOICE,
		 .dimension = 1,
		 .choices = three,
		 .nchoices = 3,
		 .max_score = 100,
		 .line = 30},
    [Q_GUARD] = {.id = "guard",
		 .text = "Guardrails?",
		 .type = QTYPE_CHOICE,
		 .dimension = 2,
		 .choices = three,
		 .nchoices = 3,
		 .max_score = 100,
		 .line = 40},
    [Q_MIX] = {.id = "mix",
	       .text = "Guess the thirds",
	       .type = QTYPE_ESTIMATE,
	       .dimension = -1,
	       .choices = NULL,
	       .nchoices = 0,
	       .max_score = 0,
	       .line = 50},
};

static char source_v1[] = "[questionnaire]\nid = ai-maturity\nversion = 1\n";
static char source_v1b[] = "[questionnaire]\nid = ai-maturity\nversion = 1\n"
			   "; a comment changes the text\n";

static struct questionnaire qn;

static void qn_use_source(char *text)
{
	qn.source = text;
	qn.source_len = strlen(text);
	util_hash_hex(qn.source, qn.source_len, qn.hash);
}

static int sub_choices[NQ];
static int sub_estimates[NQ][3];

static struct submission make_submission(void)
{
	memset(sub_choices, 0, sizeof(sub_choices));
	memset(sub_estimates, 0, sizeof(sub_estimates));
	sub_choices[Q_USE] = 3;
	sub_choices[Q_SHARE] = 2;
	sub_estimates[Q_MIX][0] = 20;
	sub_estimates[Q_MIX][1] = 50;
	sub_estimates[Q_MIX][2] = 30;
	return (struct submission){
	    .name = "Ada",
	    .department = "Finance",
	    .role = ROLE_MANAGER,
	    .track = TRACK_CITIZEN,
	    .champion_contact = true,
	    .choices = sub_choices,
	    .estimates = sub_estimates,
	    .nquestions = NQ,
	};
}

static struct scoring_result make_result(void)
{
	struct scoring_result r;
	memset(&r, 0, sizeof(r));
	r.dimension[0] = 100;
	r.answered[0] = true;
	r.dimension[1] = 50;
	r.answered[1] = true;
	r.classified = true;
	r.adoption = 100;
	r.segment = SEGMENT_CHAMPION;
	r.subtype = SUBTYPE_SHARING;
	return r;
}

/* ---- fixture ------------------------------------------------------------ */

static char *dir;
static char *db;

static int setup(void **state)
{
	(void)state;
	qn = (struct questionnaire){0};
	qn.id = "ai-maturity";
	qn.title = "AI maturity";
	qn.version = 1;
	qn.dimensions = dims;
	qn.ndimensions = (int)ARRAY_LEN(dims);
	qn.questions = questions;
	qn.nquestions = NQ;
	qn_use_source(source_v1);
	dir = testutil_mkdtemp();
	db = xasprintf("%s/aimap.db", dir);
	unsetenv("AIMAP_NOW");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testutil_rmdir(dir);
	free(db);
	unsetenv("AIMAP_NOW");
	sqlite3_reset_auto_extension(); /* the tracing of one test */
	return 0;
}

/* ---- plain SQLite, to read back what the store wrote -------------------- */

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = fixture_raw_open(path);
	fixture_raw_exec(h, sql);
	fixture_raw_close(h);
}

/* The first column of the one row of sql as text ("NULL" for NULL). */
static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *h = fixture_raw_open(path);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *out = strdup(t ? (const char *)t : "NULL");
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
	return out;
}

static long long raw_int(const char *path, const char *sql)
{
	char *t = raw_text(path, sql);
	long long v = strtoll(t, NULL, 10);
	free(t);
	return v;
}

static void assert_sql(const char *path, const char *sql, const char *want)
{
	char *got = raw_text(path, sql);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  got:  %s\n  want: %s", sql, got, want);
	free(got);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* ---- store helpers ------------------------------------------------------ */

static void new_round(struct store *s, const char *code, struct store_round *r)
{
	char *deps[] = {"Finance", "Sales"};
	fixture_round_make(s, code, "Workshop", &qn, deps, 2, r);
}

static void submit_ok(struct store *s, const struct store_round *r)
{
	struct submission sub = make_submission();
	struct scoring_result res = make_result();
	char uuid[37];
	assert_int_equal(store_response_submit(s, r, &qn, &sub, &res, uuid),
			 STORE_OK);
}

/* A database as aimap leaves it, with a round and one response. */
static void make_real_db(const char *path)
{
	struct store *s = fixture_store_open(path);
	struct store_round r;
	new_round(s, "REAL", &r);
	submit_ok(s, &r);
	store_round_free(&r);
	store_close(s);
	char *wal = xasprintf("%s-wal", path);
	assert_false(exists(wal)); /* the last close checkpointed it */
	free(wal);
}

static void copy_prefix(const char *from, const char *to, size_t len)
{
	size_t n;
	char *bytes = util_read_file(from, &n);
	assert_non_null(bytes);
	assert_true(len <= n);
	testutil_write(to, bytes, len);
	free(bytes);
}

/* ---- creation ----------------------------------------------------------- */

/* The names in folder, sorted and joined by commas, without . and .. */
static char *folder_list(const char *folder)
{
	struct dirent **names;
	int n = scandir(folder, &names, NULL, alphasort);
	assert_true(n >= 0);
	char *list = xstrdup("");
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			char *longer =
			    xasprintf("%s%s%s", list, *list ? "," : "", name);
			free(list);
			list = longer;
		}
		free(names[i]);
	}
	free(names);
	return list;
}

static void creates_database_and_folders(void **state)
{
	(void)state;
	char *deep = xasprintf("%s/a/b/aimap.db", dir);
	struct store *s = fixture_store_open(deep);
	assert_string_equal(store_path(s), deep);
	assert_string_equal(store_error(s), "");

	char *a = xasprintf("%s/a", dir);
	struct stat sb;
	assert_int_equal(stat(a, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	assert_sql(deep, "PRAGMA application_id", "1095322960");
	assert_sql(deep, "PRAGMA journal_mode", "wal");
	assert_int_equal(raw_int(deep, "PRAGMA user_version"),
			 store_schema_version());
	assert_sql(deep,
		   "SELECT count(*) FROM sqlite_master WHERE name = 'response'",
		   "1");

	/* foreign_keys is per connection, so a second connection cannot
	 * read the store's: check that the store's one enforces them */
	struct store_round r;
	assert_int_equal(store_round_create(s, "x", NULL, 9999, NULL, 0, &r),
			 STORE_ERR_IO);
	assert_non_null(strstr(store_error(s), "FOREIGN KEY"));
	assert_non_null(strstr(store_error(s), deep));
	store_close(s);

	/* no temporary file is left beside the database */
	char *b = xasprintf("%s/a/b", dir);
	char *list = folder_list(b);
	assert_string_equal(list, "aimap.db");
	free(list);
	free(b);
	free(a);
	free(deep);
}

static void reopen_keeps_data(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r1, r2;
	new_round(s, "keep", &r1);
	submit_ok(s, &r1);
	store_close(s);

	s = fixture_store_open(db);
	assert_int_equal(store_round_find(s, "KEEP", &r2), STORE_OK);
	assert_string_equal(r2.uuid, r1.uuid);
	assert_int_equal(r2.completed, -1); /* find does not count */
	assert_int_equal(store_round_count(s, &r2), STORE_OK);
	assert_int_equal(r2.completed, 1);
	store_close(s);
	store_round_free(&r1);
	store_round_free(&r2);
}

/* ---- refusals ----------------------------------------------------------- */

struct snapshot {
	char *bytes; /* NULL for a folder */
	size_t len;
	struct stat sb;
};

static void snapshot_take(const char *path, struct snapshot *snap)
{
	assert_int_equal(stat(path, &snap->sb), 0);
	snap->bytes = NULL;
	snap->len = 0;
	if (S_ISREG(snap->sb.st_mode)) {
		snap->bytes = util_read_file(path, &snap->len);
		assert_non_null(snap->bytes);
	}
}

static void assert_untouched(const char *path, struct snapshot *before)
{
	struct snapshot after;
	snapshot_take(path, &after);
	assert_int_equal(after.sb.st_size, before->sb.st_size);
	assert_int_equal(after.sb.st_mtim.tv_sec, before->sb.st_mtim.tv_sec);
	assert_int_equal(after.sb.st_mtim.tv_nsec, before->sb.st_mtim.tv_nsec);
	assert_int_equal(after.len, before->len);
	if (before->bytes != NULL)
		assert_memory_equal(after.bytes, before->bytes, before->len);
	const char *suffixes[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *side = xasprintf("%s%s", path, suffixes[i]);
		if (exists(side))
			fail_msg("%s was left behind", side);
		free(side);
	}
	free(after.bytes);
	free(before->bytes);
}

static void expect_refused(const char *path, const char *phrase)
{
	struct snapshot before;
	snapshot_take(path, &before);
	enum store_status st = STORE_OK;
	char *msg = NULL;
	struct store *s = store_open(path, &st, &msg);
	assert_null(s);
	assert_int_equal(st, STORE_ERR_REFUSED);
	assert_non_null(msg);
	if (strstr(msg, phrase) == NULL || strstr(msg, path) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or the path", msg,
			 phrase);
	free(msg);
	assert_untouched(path, &before);
}

static void refuses_folder(void **state)
{
	(void)state;
	assert_int_equal(mkdir(db, 0700), 0);
	expect_refused(db, "is a folder");
}

static void refuses_empty_file(void **state)
{
	(void)state;
	testutil_write(db, "", 0);
	expect_refused(db, "empty file, not an aimap database");
}

static void refuses_text_file(void **state)
{
	(void)state;
	const char text[] = "round,department\nA,Finance\n";
	testutil_write(db, text, sizeof(text) - 1);
	expect_refused(db, "not an SQLite database");
}

static void refuses_truncated_copy(void **state)
{
	(void)state;
	char *real = xasprintf("%s/real.db", dir);
	make_real_db(real);
	struct stat sb;
	assert_int_equal(stat(real, &sb), 0);
	size_t half = (size_t)sb.st_size / 2;
	size_t whole_pages = half & ~(size_t)4095;
	assert_true(whole_pages >= 4096);

	copy_prefix(real, db, half);
	expect_refused(db, "truncated or corrupt");
	/* a cut on a page boundary is caught by the header's page count */
	copy_prefix(real, db, whole_pages);
	expect_refused(db, "truncated or corrupt");
	free(real);
}

static void refuses_corrupt_schema(void **state)
{
	(void)state;
	char *real = xasprintf("%s/real.db", dir);
	make_real_db(real);
	size_t len;
	char *bytes = util_read_file(real, &len);
	assert_non_null(bytes);
	memset(bytes + 100, 0xff, 8); /* page 1's b-tree header */
	testutil_write(db, bytes, len);
	free(bytes);
	expect_refused(db, "corrupt");
	free(real);
}

static void refuses_other_programs_file(void **state)
{
	(void)state;
	raw_exec(db, "CREATE TABLE notes (body TEXT);"
		     "INSERT INTO notes VALUES ('hello');");
	expect_refused(db, "is not an aimap database (another program's "
			   "SQLite file?)");
}

static void refuses_newer_schema(void **state)
{
	(void)state;
	make_real_db(db);
	int newer = store_schema_version() + 1;
	char *sql = xasprintf("PRAGMA user_version = %d", newer);
	raw_exec(db, sql);
	char *phrase = xasprintf("was written by a newer aimap (schema %d; "
				 "this aimap knows up to %d)",
				 newer, store_schema_version());
	expect_refused(db, phrase);
	free(phrase);
	free(sql);
}

static void refuses_read_only_file(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root may write anything */
	make_real_db(db);
	assert_int_equal(chmod(db, 0400), 0);
	expect_refused(db, "cannot write to it");
	assert_int_equal(chmod(db, 0600), 0);
	assert_int_equal(chmod(dir, 0500), 0);
	expect_refused(db, "is not writable");
	assert_int_equal(chmod(dir, 0700), 0);
}

/* ---- migration ---------------------------------------------------------- */

static void migrates_empty_schema(void **state)
{
	(void)state;
	raw_exec(db, "PRAGMA application_id = 1095322960");
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 0);

	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, NULL, &r); /* the new schema works */
	store_round_free(&r);
	store_close(s);
	assert_int_equal(raw_int(db, "PRAGMA user_version"),
			 store_schema_version());
	assert_sql(db, "PRAGMA journal_mode", "wal");
	/* eight of answers, five of running totals, one of comments, two
	 * of invitations (the invitations and the database's salt), one of
	 * recorded actions, one of questionnaires' parsed forms, one of the
	 * count of people's changes */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
				     "WHERE type = 'table'"),
			 19);
}

/* ---- questionnaires ----------------------------------------------------- */

static void questionnaire_save_is_idempotent(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	long long first = fixture_questionnaire_save(s, &qn),
		  again = fixture_questionnaire_save(s, &qn);
	assert_int_equal(first, again);
	qn_use_source(source_v1b);
	long long changed = fixture_questionnaire_save(s, &qn);
	assert_true(changed != first);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM questionnaire"), 2);

	char *text, *name;
	size_t len;
	assert_int_equal(
	    store_questionnaire_source(s, first, &text, &len, &name), STORE_OK);
	assert_int_equal(len, strlen(source_v1));
	assert_string_equal(text, source_v1);
	assert_string_equal(name, "stored questionnaire ai-maturity v1");
	free(text);
	free(name);
	assert_int_equal(
	    store_questionnaire_source(s, 4242, &text, &len, &name),
	    STORE_ERR_NOT_FOUND);
	store_close(s);
}

/* ---- rounds ------------------------------------------------------------- */

static void round_create_and_find(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round given, made, found;
	new_round(s, "Spring24", &given);
	assert_string_equal(given.code, "SPRING24");
	assert_string_equal(given.name, "Workshop");
	assert_string_equal(given.questionnaire, "ai-maturity");
	assert_int_equal(given.questionnaire_version, 1);
	assert_true(given.open);
	assert_int_equal(given.min_group, STORE_DEFAULT_MIN_GROUP);
	assert_int_equal(strlen(given.uuid), 36);
	assert_int_equal(given.ndepartments, 2);
	assert_string_equal(given.departments[0], "Finance");
	assert_string_equal(given.departments[1], "Sales");

	new_round(s, NULL, &made);
	assert_int_equal(strlen(made.code), 6);
	assert_int_equal(strspn(made.code, "ABCDEFGHJKMNPQRSTUVWXYZ23456789"),
			 6);
	assert_string_not_equal(made.uuid, given.uuid);

	assert_int_equal(store_round_create(s, "again", "spring24",
					    given.questionnaire_id, NULL, 0,
					    &found),
			 STORE_ERR_EXISTS);
	assert_non_null(strstr(store_error(s), "SPRING24"));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM round"), 2);

	assert_int_equal(store_round_find(s, "sPrInG24", &found), STORE_OK);
	assert_int_equal(found.id, given.id);
	assert_int_equal(found.ndepartments, 2);
	store_round_free(&found);
	assert_int_equal(store_round_find(s, "nosuch", &found),
			 STORE_ERR_NOT_FOUND);
	assert_non_null(strstr(store_error(s), "NOSUCH"));
	store_round_free(&given);
	store_round_free(&made);
	store_close(s);
}

static void round_list_order_and_counts(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round a, b, c;
	setenv("AIMAP_NOW", "2024-05-01T10:00:00Z", 1);
	new_round(s, "AAA", &a);
	setenv("AIMAP_NOW", "2024-04-01T10:00:00Z", 1);
	new_round(s, "BBB", &b); /* made later, dated earlier */
	setenv("AIMAP_NOW", "2024-05-01T10:00:00Z", 1);
	long long qid = fixture_questionnaire_save(s, &qn);
	assert_int_equal(store_round_create(s, "C", "ccc", qid, NULL, 0, &c),
			 STORE_OK);
	submit_ok(s, &a);
	submit_ok(s, &a);
	/* a response still being answered, as the respondent flow makes */
	char *sql = xasprintf(
	    "INSERT INTO respondent (uuid, created_at) VALUES ('r-1', 'x');"
	    "INSERT INTO response (uuid, round_id, respondent_id,"
	    " department, role, track, started_at) VALUES ('p-1', %lld,"
	    " last_insert_rowid(), 'Ops', 'individual', 'technical', 'x');",
	    c.id);
	raw_exec(db, sql);
	free(sql);

	struct store_round *list;
	int n;
	assert_int_equal(store_round_list(s, &list, &n), STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].code, "CCC");
	assert_string_equal(list[1].code, "AAA");
	assert_string_equal(list[2].code, "BBB");
	assert_int_equal(list[0].completed, 0);
	assert_int_equal(list[0].in_progress, 1);
	assert_int_equal(list[0].ndepartments, 0);
	assert_int_equal(list[1].completed, 2);
	assert_int_equal(list[1].in_progress, 0);
	assert_int_equal(list[1].ndepartments, 2);
	assert_string_equal(list[1].departments[1], "Sales");
	assert_int_equal(list[2].completed, 0);
	assert_int_equal(list[2].ndepartments, 2);
	assert_string_equal(list[2].created_at, "2024-04-01T10:00:00Z");
	store_round_list_free(list, n);

	/* What a respondent picks from: open rounds only, not counted. */
	assert_int_equal(store_round_set_open(s, "AAA", false), STORE_OK);
	assert_int_equal(store_round_list_open(s, &list, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].code, "CCC");
	assert_string_equal(list[1].code, "BBB");
	assert_int_equal(list[0].completed, -1);
	assert_int_equal(list[1].ndepartments, 2);
	store_round_list_free(list, n);
	store_round_free(&a);
	store_round_free(&b);
	store_round_free(&c);
	store_close(s);
}

static void round_close_and_open(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r, found;
	new_round(s, "SHUT", &r);
	setenv("AIMAP_NOW", NOW, 1);
	assert_int_equal(store_round_set_open(s, "shut", false), STORE_OK);
	assert_int_equal(store_round_find(s, "SHUT", &found), STORE_OK);
	assert_false(found.open);
	store_round_free(&found);
	assert_sql(db, "SELECT state || ' ' || closed_at FROM round",
		   "closed " NOW);

	assert_int_equal(store_round_set_open(s, "SHUT", true), STORE_OK);
	assert_int_equal(store_round_find(s, "shut", &found), STORE_OK);
	assert_true(found.open);
	store_round_free(&found);
	assert_sql(db, "SELECT state || coalesce(closed_at, '-') FROM round",
		   "open-");

	assert_int_equal(store_round_set_open(s, "NOPE", false),
			 STORE_ERR_NOT_FOUND);
	assert_non_null(strstr(store_error(s), "NOPE"));
	store_round_free(&r);
	store_close(s);
}

/* ---- submissions -------------------------------------------------------- */

static void submit_writes_every_table(void **state)
{
	(void)state;
	setenv("AIMAP_NOW", NOW, 1);
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "SUB", &r);
	struct submission sub = make_submission();
	struct scoring_result res = make_result();
	char uuid[37];
	assert_int_equal(store_response_submit(s, &r, &qn, &sub, &res, uuid),
			 STORE_OK);
	assert_int_equal(strlen(uuid), 36);

	assert_sql(db,
		   "SELECT name || '|' || champion_contact || '|' || created_at"
		   " || '|' || length(uuid) FROM respondent",
		   "Ada|1|" NOW "|36");
	char *want = xasprintf("%s|%lld|Finance|manager|citizen|" NOW "|" NOW
			       "|champion|sharing|100.0",
			       uuid, r.id);
	assert_sql(db,
		   "SELECT p.uuid || '|' || round_id || '|' || department ||"
		   " '|' || role || '|' || track || '|' || started_at || '|' ||"
		   " finished_at || '|' || segment || '|' || subtype || '|' ||"
		   " adoption FROM response p"
		   " JOIN respondent t ON t.id = p.respondent_id",
		   want);
	free(want);
	assert_sql(db,
		   "SELECT group_concat(question || '=' || choice || '@' ||"
		   " answered_at, ',') FROM (SELECT * FROM answer"
		   " ORDER BY question)",
		   "share=2@" NOW ",use=3@" NOW);
	assert_sql(db,
		   "SELECT group_concat(question || '=' || champions || '/' ||"
		   " willing || '/' || cautious, ',') FROM estimate",
		   "mix=20/50/30");
	assert_sql(db,
		   "SELECT group_concat(dimension || '=' || score, ',') FROM"
		   " (SELECT * FROM response_score ORDER BY dimension)",
		   "adoption=100.0,sharing=50.0");
	store_round_free(&r);
	store_close(s);
}

static void submit_refuses_closed_round(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "DONE", &r);
	assert_int_equal(store_round_set_open(s, "DONE", false), STORE_OK);
	/* r still says open: the store must check the database itself */
	assert_true(r.open);
	struct submission sub = make_submission();
	struct scoring_result res = make_result();
	char uuid[37] = "";
	assert_int_equal(store_response_submit(s, &r, &qn, &sub, &res, uuid),
			 STORE_ERR_CLOSED);
	assert_non_null(strstr(store_error(s), "closed"));
	assert_string_equal(uuid, "");
	const char *tables[] = {"respondent", "response", "answer", "estimate",
				"response_score"};
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		char *sql = xasprintf("SELECT count(*) FROM %s", tables[i]);
		assert_int_equal(raw_int(db, sql), 0);
		free(sql);
	}
	store_round_free(&r);
	store_close(s);
}

static void submit_unclassified_stores_null_segment(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "NULLS", &r);
	struct submission sub = make_submission();
	sub.name = NULL; /* anonymous */
	sub.champion_contact = false;
	sub_choices[Q_USE] = 0;
	struct scoring_result res = make_result();
	res.classified = false;
	res.answered[0] = false;
	res.segment = SEGMENT_NONE;
	res.subtype = SUBTYPE_NONE;
	char uuid[37];
	assert_int_equal(store_response_submit(s, &r, &qn, &sub, &res, uuid),
			 STORE_OK);
	assert_sql(
	    db,
	    "SELECT coalesce(segment, 'NULL') || coalesce(subtype, 'NULL')"
	    " || coalesce(adoption, 'NULL') FROM response",
	    "NULLNULLNULL");
	assert_sql(db,
		   "SELECT coalesce(name, 'anon') || champion_contact"
		   " FROM respondent",
		   "anon0");
	assert_sql(db, "SELECT group_concat(question) FROM answer", "share");
	assert_sql(db, "SELECT group_concat(dimension) FROM response_score",
		   "sharing");
	store_round_free(&r);
	store_close(s);
}

/* Every role and track name of profile.h passes the schema's CHECKs. */
static void submit_accepts_every_role_and_track(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "ROLES", &r);
	for (int role = 0; role < ROLE_COUNT; role++) {
		for (int track = 0; track < TRACK_COUNT; track++) {
			struct submission sub = make_submission();
			sub.role = (enum role)role;
			sub.track = (enum track)track;
			struct scoring_result res = make_result();
			char uuid[37];
			assert_int_equal(
			    store_response_submit(s, &r, &qn, &sub, &res, uuid),
			    STORE_OK);
		}
	}
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT role || track)"
				     " FROM response"),
			 ROLE_COUNT * TRACK_COUNT);
	store_round_free(&r);
	store_close(s);
}

/* ---- several processes -------------------------------------------------- */

static int child_submit(const char *path, const char *code, int n)
{
	enum store_status st;
	char *msg = NULL;
	struct store *s = store_open(path, &st, &msg);
	if (s == NULL) {
		fprintf(stderr, "child: %s\n", msg);
		free(msg);
		return 1;
	}
	struct store_round r;
	int failures = store_round_find(s, code, &r) != STORE_OK;
	for (int i = 0; i < n && failures == 0; i++) {
		struct submission sub = make_submission();
		struct scoring_result res = make_result();
		char uuid[37];
		if (store_response_submit(s, &r, &qn, &sub, &res, uuid) !=
		    STORE_OK) {
			fprintf(stderr, "child: %s\n", store_error(s));
			failures++;
		}
	}
	store_round_free(&r);
	store_close(s);
	return failures == 0 ? 0 : 1;
}

static void wait_children(const pid_t *pids, int n)
{
	for (int i = 0; i < n; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
}

static void two_writers_at_once(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "BUSY", &r);
	store_round_free(&r);
	store_close(s); /* no connection may cross a fork */

	pid_t pids[2];
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(child_submit(db, "BUSY", 50));
	}
	wait_children(pids, 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM response"), 100);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answer"), 200);
}

static void racing_creators_share_one_database(void **state)
{
	(void)state;
	char *path = xasprintf("%s/new/aimap.db", dir);
	pid_t pids[4];
	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			enum store_status st;
			char *msg = NULL;
			struct store *s = store_open(path, &st, &msg);
			if (s == NULL)
				fprintf(stderr, "child: %s\n", msg);
			free(msg);
			store_close(s);
			_exit(s == NULL);
		}
	}
	wait_children(pids, 4);
	assert_int_equal(raw_int(path, "PRAGMA user_version"),
			 store_schema_version());
	char *folder = xasprintf("%s/new", dir);
	char *list = folder_list(folder);
	if (strstr(list, ".new-") != NULL)
		fail_msg("temporary files left behind: %s", list);
	free(list);
	free(folder);
	free(path);
}

/* ---- answering one question at a time ---------------------------------- */

#define LATER "2024-03-01T09:05:00Z"

static struct store_profile profile(const char *name, const char *department)
{
	return (struct store_profile){
	    .name = name,
	    .department = department,
	    .role = ROLE_INDIVIDUAL,
	    .track = TRACK_TECHNICAL,
	    .champion_contact = false,
	};
}

static long long start_ok(struct store *s, const struct store_round *r,
			  const char *name, const char *department)
{
	struct store_profile p = profile(name, department);
	struct store_response out;
	if (store_response_start(s, r, &p, &out) != STORE_OK)
		fail_msg("%s", store_error(s));
	long long id = out.id;
	store_response_free(&out);
	return id;
}

/* The first column of the one row of sql, with ?1 bound to id. */
static char *raw_text_for(long long id, const char *sql)
{
	sqlite3 *h = fixture_raw_open(db);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_bind_int64(st, 1, id), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *out = xstrdup(t ? (const char *)t : "NULL");
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
	return out;
}

static void assert_sql_for(long long id, const char *sql, const char *want)
{
	char *got = raw_text_for(id, sql);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  got:  %s\n  want: %s", sql, got, want);
	free(got);
}

static void save_ok(struct store *s, long long id, const char *question,
		    int choice)
{
	if (store_answer_save(s, id, question, choice) != STORE_OK)
		fail_msg("%s", store_error(s));
}

static void save_estimate_ok(struct store *s, long long id,
			     const char *question, int a, int b, int c)
{
	const int pct[3] = {a, b, c};
	if (store_estimate_save(s, id, question, pct) != STORE_OK)
		fail_msg("%s", store_error(s));
}

static void response_start_stores_trimmed_profile(void **state)
{
	(void)state;
	setenv("AIMAP_NOW", NOW, 1);
	struct store *s = fixture_store_open(db);
	struct store_round r, found;
	new_round(s, "START", &r);
	struct store_profile p = profile("  Ada Lovelace \t", " Finance  ");
	p.role = ROLE_MANAGER;
	p.track = TRACK_CITIZEN;
	p.champion_contact = true;
	struct store_response out;
	assert_int_equal(store_response_start(s, &r, &p, &out), STORE_OK);
	assert_true(out.id > 0);
	assert_int_equal(strlen(out.uuid), 36);
	assert_false(out.finished);
	assert_string_equal(out.started_at, NOW);
	assert_string_equal(out.finished_at, "");
	assert_string_equal(out.name, "Ada Lovelace");
	assert_string_equal(out.department, "Finance");
	assert_int_equal(out.role, ROLE_MANAGER);
	assert_int_equal(out.track, TRACK_CITIZEN);
	assert_true(out.champion_contact);
	assert_sql_for(out.id,
		       "SELECT t.name || '|' || t.champion_contact || '|' ||"
		       " p.department || '|' || p.role || '|' || p.track ||"
		       " '|' || coalesce(p.finished_at, 'unfinished') || '|' ||"
		       " coalesce(p.segment, '-') FROM response p"
		       " JOIN respondent t ON t.id = p.respondent_id"
		       " WHERE p.id = ?1",
		       "Ada Lovelace|1|Finance|manager|citizen|unfinished|-");
	store_response_free(&out);
	assert_null(out.name);

	/* blank and missing names are anonymous */
	long long blank = start_ok(s, &r, "   ", "Sales");
	long long none = start_ok(s, &r, NULL, "Sales");
	assert_sql_for(blank,
		       "SELECT coalesce(t.name, 'NULL') FROM response p"
		       " JOIN respondent t ON t.id = p.respondent_id"
		       " WHERE p.id = ?1",
		       "NULL");
	assert_sql_for(none,
		       "SELECT coalesce(t.name, 'NULL') FROM response p"
		       " JOIN respondent t ON t.id = p.respondent_id"
		       " WHERE p.id = ?1",
		       "NULL");
	assert_int_equal(store_round_find(s, "START", &found), STORE_OK);
	assert_int_equal(store_round_count(s, &found), STORE_OK);
	assert_int_equal(found.in_progress, 3);
	assert_int_equal(found.completed, 0);
	store_round_free(&found);
	store_round_free(&r);
	store_close(s);
}

static void response_start_refuses_closed_round(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "SHUT", &r);
	assert_int_equal(store_round_set_open(s, "SHUT", false), STORE_OK);
	struct store_profile p = profile("Ada", "Finance");
	struct store_response out;
	assert_int_equal(store_response_start(s, &r, &p, &out),
			 STORE_ERR_CLOSED);
	assert_non_null(strstr(store_error(s), "closed"));
	assert_null(out.name);
	assert_int_equal(out.id, 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM respondent"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM response"), 0);
	store_round_free(&r);
	store_close(s);
}

/* A response by its row id: its person's profile, as stored (trimmed),
 * and its finish. */
static void get_gives_profile_and_finish(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "GET", &r);
	long long ada = start_ok(s, &r, "  Ada ", "Finance\t");
	long long bob = start_ok(s, &r, "Bob", "Sales");
	int choices[NQ] = {[Q_USE] = 3};
	int estimates[NQ][3] = {{0}};
	struct scoring_result res = make_result();
	setenv("AIMAP_NOW", LATER, 1);
	assert_int_equal(
	    store_response_finish(s, bob, &qn, choices, estimates, &res),
	    STORE_OK);
	struct store_response out;
	assert_int_equal(store_response_get(s, bob, &out), STORE_OK);
	assert_int_equal(out.id, bob);
	assert_true(out.finished);
	assert_string_equal(out.finished_at, LATER);
	assert_string_equal(out.name, "Bob");
	assert_string_equal(out.department, "Sales");
	assert_int_equal(out.role, ROLE_INDIVIDUAL);
	assert_int_equal(out.track, TRACK_TECHNICAL);
	store_response_free(&out);
	assert_int_equal(store_response_get(s, ada, &out), STORE_OK);
	assert_string_equal(out.name, "Ada");
	assert_string_equal(out.department, "Finance");
	assert_false(out.finished);
	store_response_free(&out);
	assert_int_equal(store_response_get(s, bob + 99, &out),
			 STORE_ERR_NOT_FOUND);
	store_round_free(&r);
	store_close(s);
}

static void update_profile_changes_the_profile(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "PROF", &r);
	long long id = start_ok(s, &r, "Ada", "Finance");
	struct store_profile p = profile(" Ada King ", " Sales ");
	p.role = ROLE_EXECUTIVE;
	p.track = TRACK_CITIZEN;
	p.champion_contact = true;
	assert_int_equal(store_response_update_profile(s, id, &p), STORE_OK);
	struct store_response out;
	assert_int_equal(store_response_get(s, id, &out), STORE_OK);
	assert_int_equal(out.id, id);
	assert_string_equal(out.name, "Ada King");
	assert_string_equal(out.department, "Sales");
	assert_int_equal(out.role, ROLE_EXECUTIVE);
	assert_int_equal(out.track, TRACK_CITIZEN);
	assert_true(out.champion_contact);
	assert_false(out.finished);
	store_response_free(&out);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM respondent"), 1);

	/* becoming anonymous */
	p.name = "";
	assert_int_equal(store_response_update_profile(s, id, &p), STORE_OK);
	assert_sql(db, "SELECT coalesce(name, 'NULL') FROM respondent", "NULL");

	assert_int_equal(store_response_update_profile(s, id + 99, &p),
			 STORE_ERR_NOT_FOUND);
	int choices[NQ] = {0};
	struct scoring_result res = make_result();
	assert_int_equal(store_response_finish(s, id, &qn, choices, NULL, &res),
			 STORE_OK);
	assert_int_equal(store_response_update_profile(s, id, &p),
			 STORE_ERR_CLOSED);
	store_round_free(&r);
	store_close(s);
}

static void answer_save_replaces_and_commits(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "SAVE", &r);
	long long id = start_ok(s, &r, "Ada", "Finance");

	setenv("AIMAP_NOW", NOW, 1);
	save_ok(s, id, "use", 1);
	/* raw_text opens a second connection: the answer is committed
	 * while the store's connection stays open */
	assert_sql_for(id,
		       "SELECT choice || '@' || answered_at FROM answer"
		       " WHERE response_id = ?1 AND question = 'use'",
		       "1@" NOW);
	setenv("AIMAP_NOW", LATER, 1);
	save_ok(s, id, "use", 3);
	assert_sql(db,
		   "SELECT count(*) || ':' || group_concat(choice || '@' ||"
		   " answered_at) FROM answer",
		   "1:3@" LATER);
	save_ok(s, id, "share", 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answer"), 2);

	/* a refused value rolls back and leaves the connection usable */
	assert_int_equal(store_answer_save(s, id, "guard", 0), STORE_ERR_IO);
	assert_non_null(strstr(store_error(s), "CHECK"));
	save_ok(s, id, "guard", 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answer"), 3);

	assert_int_equal(store_answer_save(s, id + 99, "use", 1),
			 STORE_ERR_NOT_FOUND);
	assert_non_null(strstr(store_error(s), "no response"));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM answer"), 3);
	store_round_free(&r);
	store_close(s);
}

static void estimate_save_replaces(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "GUESS", &r);
	long long id = start_ok(s, &r, NULL, "Finance");
	setenv("AIMAP_NOW", NOW, 1);
	save_estimate_ok(s, id, "mix", 20, 50, 30);
	assert_sql(db,
		   "SELECT champions || '/' || willing || '/' || cautious ||"
		   " '@' || answered_at FROM estimate",
		   "20/50/30@" NOW);
	setenv("AIMAP_NOW", LATER, 1);
	save_estimate_ok(s, id, "mix", 10, 10, 80);
	assert_sql(db,
		   "SELECT count(*) || ':' || champions || '/' || willing ||"
		   " '/' || cautious || '@' || answered_at FROM estimate",
		   "1:10/10/80@" LATER);
	const int bad[3] = {50, 50, 50};
	assert_int_equal(store_estimate_save(s, id, "mix", bad), STORE_ERR_IO);
	assert_sql(db, "SELECT champions FROM estimate", "10");
	assert_int_equal(store_estimate_save(s, id + 99, "mix", bad),
			 STORE_ERR_NOT_FOUND);
	store_round_free(&r);
	store_close(s);
}

static void saves_refused_after_finish_and_close(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "LATE", &r);
	long long done = start_ok(s, &r, "Ada", "Finance");
	long long open = start_ok(s, &r, "Bob", "Finance");
	save_ok(s, done, "use", 2);
	save_ok(s, open, "use", 2);
	int choices[NQ] = {[Q_USE] = 2};
	int estimates[NQ][3] = {{0}};
	const int pct[3] = {30, 30, 40};
	struct scoring_result res = make_result();
	assert_int_equal(
	    store_response_finish(s, done, &qn, choices, estimates, &res),
	    STORE_OK);

	assert_int_equal(store_answer_save(s, done, "use", 3),
			 STORE_ERR_CLOSED);
	assert_non_null(strstr(store_error(s), "finished"));
	assert_int_equal(store_estimate_save(s, done, "mix", pct),
			 STORE_ERR_CLOSED);
	assert_int_equal(
	    store_response_finish(s, done, &qn, choices, estimates, &res),
	    STORE_ERR_CLOSED);

	/* r still says open: the store checks the database itself */
	assert_int_equal(store_round_set_open(s, "LATE", false), STORE_OK);
	assert_int_equal(store_answer_save(s, open, "use", 3),
			 STORE_ERR_CLOSED);
	assert_non_null(strstr(store_error(s), "round LATE is closed"));
	assert_int_equal(store_estimate_save(s, open, "mix", pct),
			 STORE_ERR_CLOSED);
	assert_int_equal(
	    store_response_finish(s, open, &qn, choices, estimates, &res),
	    STORE_ERR_CLOSED);
	struct store_profile p = profile("Bob", "Sales");
	assert_int_equal(store_response_update_profile(s, open, &p),
			 STORE_ERR_CLOSED);

	assert_sql(db, "SELECT group_concat(choice) FROM answer", "2,2");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM estimate"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM response"
				     " WHERE finished_at IS NOT NULL"),
			 1);
	assert_sql(db, "SELECT group_concat(department) FROM response",
		   "Finance,Finance");
	store_round_free(&r);
	store_close(s);
}

static void response_answers_round_trip(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "TRIP", &r);
	long long id = start_ok(s, &r, "Ada", "Finance");
	long long other = start_ok(s, &r, "Bob", "Finance");
	save_ok(s, id, "use", 3);
	save_ok(s, id, "share", 2);
	save_ok(s, id, "retired", 1); /* a question q does not have */
	save_estimate_ok(s, id, "mix", 20, 50, 30);
	save_estimate_ok(s, id, "old-mix", 40, 40, 20);
	save_ok(s, other, "guard", 1);

	int choices[NQ];
	int estimates[NQ][3];
	memset(choices, 0x55, sizeof(choices));
	memset(estimates, 0x55, sizeof(estimates));
	assert_int_equal(store_response_answers(s, id, &qn, choices, estimates),
			 STORE_OK);
	assert_int_equal(choices[Q_USE], 3);
	assert_int_equal(choices[Q_SHARE], 2);
	assert_int_equal(choices[Q_GUARD], 0);
	assert_int_equal(choices[Q_MIX], 0);
	for (int i = 0; i < NQ; i++)
		for (int k = 0; k < 3; k++)
			if (i != Q_MIX)
				assert_int_equal(estimates[i][k], 0);
	assert_int_equal(estimates[Q_MIX][0], 20);
	assert_int_equal(estimates[Q_MIX][1], 50);
	assert_int_equal(estimates[Q_MIX][2], 30);

	/* a response without answers, and one that does not exist */
	long long empty = start_ok(s, &r, "Cy", "Sales");
	assert_int_equal(
	    store_response_answers(s, empty, &qn, choices, estimates),
	    STORE_OK);
	for (int i = 0; i < NQ; i++)
		assert_int_equal(choices[i] + estimates[i][0] +
				     estimates[i][1] + estimates[i][2],
				 0);
	assert_int_equal(
	    store_response_answers(s, id + 99, &qn, choices, estimates),
	    STORE_ERR_NOT_FOUND);
	store_round_free(&r);
	store_close(s);
}

static void finish_stores_final_answers_and_classification(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r, found;
	new_round(s, "FIN", &r);
	long long id = start_ok(s, &r, "Ada", "Finance");
	setenv("AIMAP_NOW", NOW, 1);
	save_ok(s, id, "use", 3);
	save_ok(s, id, "share", 2);
	save_ok(s, id, "guard", 1);
	save_ok(s, id, "retired", 1);
	save_estimate_ok(s, id, "mix", 20, 50, 30);
	char *stale = xasprintf("INSERT INTO response_score VALUES"
				" (%lld, 'context', 1)",
				id);
	raw_exec(db, stale);
	free(stale);

	/* share no longer held (another track), guard changed, the
	 * estimate withdrawn */
	int choices[NQ] = {[Q_USE] = 3, [Q_GUARD] = 2};
	int estimates[NQ][3] = {{0}};
	struct scoring_result res = make_result();
	setenv("AIMAP_NOW", LATER, 1);
	assert_int_equal(
	    store_response_finish(s, id, &qn, choices, estimates, &res),
	    STORE_OK);
	assert_sql(db,
		   "SELECT group_concat(question || '=' || choice || '@' ||"
		   " answered_at, ',') FROM (SELECT * FROM answer"
		   " ORDER BY question)",
		   "guard=2@" LATER ",use=3@" NOW);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM estimate"), 0);
	assert_sql(db,
		   "SELECT group_concat(dimension || '=' || score, ',') FROM"
		   " (SELECT * FROM response_score ORDER BY dimension)",
		   "adoption=100.0,sharing=50.0");
	assert_sql_for(id,
		       "SELECT finished_at || '|' || segment || '|' || subtype"
		       " || '|' || adoption FROM response WHERE id = ?1",
		       LATER "|champion|sharing|100.0");
	int back[NQ];
	int back_est[NQ][3];
	assert_int_equal(store_response_answers(s, id, &qn, back, back_est),
			 STORE_OK);
	assert_memory_equal(back, choices, sizeof(back));
	assert_memory_equal(back_est, estimates, sizeof(back_est));

	/* unclassified: NULLs; a willing respondent has no sub-type */
	long long none = start_ok(s, &r, "Bob", "Finance");
	res.classified = false;
	res.segment = SEGMENT_NONE;
	res.subtype = SUBTYPE_NONE;
	assert_int_equal(
	    store_response_finish(s, none, &qn, choices, NULL, &res), STORE_OK);
	assert_sql_for(none,
		       "SELECT coalesce(segment, 'NULL') || coalesce(subtype,"
		       " 'NULL') || coalesce(adoption, 'NULL') ||"
		       " (finished_at IS NOT NULL) FROM response"
		       " WHERE id = ?1",
		       "NULLNULLNULL1");
	long long willing = start_ok(s, &r, "Cy", "Finance");
	res = make_result();
	res.segment = SEGMENT_WILLING;
	res.subtype = SUBTYPE_NONE;
	res.adoption = 50;
	estimates[Q_MIX][0] = 10;
	estimates[Q_MIX][1] = 20;
	estimates[Q_MIX][2] = 70;
	assert_int_equal(
	    store_response_finish(s, willing, &qn, choices, estimates, &res),
	    STORE_OK);
	assert_sql_for(willing,
		       "SELECT segment || coalesce(subtype, 'NULL') ||"
		       " adoption FROM response WHERE id = ?1",
		       "willingNULL50.0");
	assert_sql_for(willing,
		       "SELECT champions || '/' || willing || '/' || cautious"
		       " FROM estimate WHERE response_id = ?1",
		       "10/20/70");
	assert_int_equal(store_round_find(s, "FIN", &found), STORE_OK);
	assert_int_equal(store_round_count(s, &found), STORE_OK);
	assert_int_equal(found.completed, 3);
	assert_int_equal(found.in_progress, 0);
	store_round_free(&found);
	store_round_free(&r);
	store_close(s);
}

/* ---- work per keypress -------------------------------------------------- */

/* Every connection opened while the auto-extension is registered reports
 * each statement it finishes: how many VM steps it took and whether it
 * stepped through a full table scan. */
static bool tracing;
static int traced_scans;
static long long traced_steps;
static char traced_scan_sql[512];

static int trace_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	(void)x;
	if (type != SQLITE_TRACE_PROFILE)
		return 0;
	sqlite3_stmt *st = p;
	int scans = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	int steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	if (!tracing)
		return 0;
	traced_steps += steps;
	if (scans > 0 && traced_scans++ == 0)
		snprintf(traced_scan_sql, sizeof(traced_scan_sql), "%s",
			 sqlite3_sql(st));
	return 0;
}

static int trace_install(sqlite3 *h, const char **err,
			 const sqlite3_api_routines *api)
{
	(void)err;
	(void)api;
	return sqlite3_trace_v2(h, SQLITE_TRACE_PROFILE, trace_statement, NULL);
}

static void trace_begin(void)
{
	traced_scans = 0;
	traced_steps = 0;
	tracing = true;
}

static long long trace_end(const char *what)
{
	tracing = false;
	if (traced_scans > 0)
		fail_msg("%s scans a whole table: %s", what, traced_scan_sql);
	return traced_steps;
}

enum {
	OP_START,
	OP_GET,
	OP_PROFILE,
	OP_ANSWER,
	OP_ESTIMATE,
	OP_READ,
	OP_FINISH,
	NOPS
};

/* Everything the respondent flow does, each call traced. */
static void keypress_work(struct store *s, const struct store_round *r,
			  const char *name, long long steps[NOPS])
{
	struct store_profile p = profile(name, "Finance");
	struct store_response out;
	trace_begin();
	assert_int_equal(store_response_start(s, r, &p, &out), STORE_OK);
	steps[OP_START] = trace_end("start");
	long long id = out.id;
	store_response_free(&out);

	trace_begin();
	assert_int_equal(store_response_get(s, id, &out), STORE_OK);
	steps[OP_GET] = trace_end("response_get");
	assert_int_equal(out.id, id);
	store_response_free(&out);

	p.role = ROLE_MANAGER;
	trace_begin();
	assert_int_equal(store_response_update_profile(s, id, &p), STORE_OK);
	steps[OP_PROFILE] = trace_end("update_profile");

	trace_begin();
	save_ok(s, id, "use", 2);
	steps[OP_ANSWER] = trace_end("answer_save");
	save_ok(s, id, "share", 2);

	trace_begin();
	save_estimate_ok(s, id, "mix", 20, 30, 50);
	steps[OP_ESTIMATE] = trace_end("estimate_save");

	int choices[NQ];
	int estimates[NQ][3];
	trace_begin();
	assert_int_equal(store_response_answers(s, id, &qn, choices, estimates),
			 STORE_OK);
	steps[OP_READ] = trace_end("response_answers");

	choices[Q_SHARE] = 0; /* one row to delete */
	struct scoring_result res = make_result();
	trace_begin();
	assert_int_equal(
	    store_response_finish(s, id, &qn, choices, estimates, &res),
	    STORE_OK);
	steps[OP_FINISH] = trace_end("finish");
}

/* Thousands of other responses, in this round and department and in
 * another round, each with answers, an estimate and a score. */
static void fill_database(long long round_id, long long other_round_id)
{
	char *sql = xasprintf(
	    "BEGIN;"
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < 6000)"
	    " INSERT INTO respondent (uuid, name, created_at)"
	    " SELECT 'fill-' || i, CASE WHEN i %% 5 THEN 'Person ' || i END,"
	    " 'x' FROM n;"
	    "INSERT INTO response (uuid, round_id, respondent_id, department,"
	    " role, track, started_at, finished_at, adoption)"
	    " SELECT uuid, CASE WHEN id %% 2 THEN %lld ELSE %lld END, id,"
	    " 'Finance', 'individual', 'technical', 'x',"
	    " CASE WHEN id %% 3 THEN 'x' END,"
	    " CASE WHEN id %% 4 THEN 20.5 + id %% 7 * 10 END FROM respondent"
	    " WHERE uuid LIKE 'fill-%%';"
	    "INSERT INTO answer SELECT p.id, q.column1, 1, 'x'"
	    " FROM response p, (VALUES ('use'), ('share'), ('guard')) q"
	    " WHERE p.uuid LIKE 'fill-%%';"
	    "INSERT INTO estimate SELECT id, 'mix', 20, 30, 50, 'x'"
	    " FROM response WHERE uuid LIKE 'fill-%%';"
	    "INSERT INTO response_score SELECT id, 'adoption', 50"
	    " FROM response WHERE uuid LIKE 'fill-%%';"
	    "COMMIT;",
	    round_id, other_round_id);
	raw_exec(db, sql);
	free(sql);
}

static void keypress_work_does_not_grow_with_the_database(void **state)
{
	(void)state;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))trace_install),
			 SQLITE_OK);
	struct store *s = fixture_store_open(db);
	struct store_round r, other;
	new_round(s, "BIG", &r);
	new_round(s, "OTHER", &other);
	long long first[NOPS], small[NOPS], big[NOPS];
	/* The first response of a group makes its rows of the running
	 * totals; later ones add to them, a different path. Both measures
	 * below take the later one. */
	keypress_work(s, &r, "Xena", first);
	keypress_work(s, &r, "Zed", small);
	fill_database(r.id, other.id);
	assert_true(raw_int(db, "SELECT count(*) FROM answer") > 18000);
	keypress_work(s, &r, "Yan", big);
	static const char *const names[NOPS] = {
	    "start",	   "response_get",  "update_profile",
	    "answer_save", "estimate_save", "response_answers",
	    "finish"};
	/* a few steps either way: where an index search stops depends on
	 * the entries next to it */
	for (int i = 0; i < NOPS; i++)
		if (big[i] > small[i] + 8)
			fail_msg("%s: %lld VM steps on a small database, %lld "
				 "on a large one",
				 names[i], small[i], big[i]);
	store_round_free(&r);
	store_round_free(&other);
	store_close(s);
}

/* ---- running totals ------------------------------------------------------ */

/* The totals that reports read, kept by the schema's triggers, against a
 * recount over the responses themselves: the check that make bench runs
 * on the databases it grows, so it is tested here too. */
static void assert_totals_recount(const char *when)
{
	fixture_assert_recount(db, when);
}

/* Every way of writing: the store's submit and respondent flow, then
 * plain SQL (a bulk import, changes, deletes with foreign keys on and
 * off). */
static void totals_match_a_recount(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r, other;
	new_round(s, "TOT", &r);
	new_round(s, "TOT2", &other);
	assert_totals_recount("the rounds are made");
	submit_ok(s, &r);
	submit_ok(s, &other);
	assert_totals_recount("a submit");

	long long id = start_ok(s, &r, "Bea", "Sales");
	save_ok(s, id, "use", 1);
	save_ok(s, id, "guard", 3);
	save_estimate_ok(s, id, "mix", 10, 20, 70);
	assert_totals_recount("answers saved");
	struct store_profile p = profile("Bea", "Finance");
	p.role = ROLE_EXECUTIVE;
	assert_int_equal(store_response_update_profile(s, id, &p), STORE_OK);
	assert_totals_recount("a profile update");
	int choices[NQ] = {[Q_USE] = 2, [Q_SHARE] = 3}; /* guard dropped */
	int estimates[NQ][3] = {[Q_MIX] = {30, 30, 40}};
	struct scoring_result res = make_result();
	res.segment = SEGMENT_WILLING;
	res.subtype = SUBTYPE_NONE;
	assert_int_equal(
	    store_response_finish(s, id, &qn, choices, estimates, &res),
	    STORE_OK);
	assert_totals_recount("the finish");
	choices[Q_USE] = 1;
	assert_int_equal(
	    store_response_finish(s, id, &qn, choices, estimates, &res),
	    STORE_ERR_CLOSED);
	assert_totals_recount("a second finish");
	store_round_free(&r);
	store_round_free(&other);
	store_close(s);

	fill_database(r.id, other.id);
	assert_totals_recount("a bulk insert");
	static const char *const changes[] = {
	    "UPDATE response SET department = 'Sales' WHERE id % 5 = 0",
	    "UPDATE response SET role = 'manager', track = 'citizen'"
	    " WHERE id % 6 = 0",
	    "UPDATE response SET finished_at = NULL WHERE id % 11 = 0",
	    "UPDATE response SET finished_at = 'z', segment = 'cautious',"
	    " subtype = 'skeptic' WHERE id % 13 = 0",
	    "UPDATE response SET round_id = " /* swap the two rounds */
	    " (SELECT min(id) + max(id) FROM round) - round_id"
	    " WHERE id % 17 = 0",
	    "UPDATE response SET adoption = adoption + 5 WHERE id % 19 = 0",
	    "UPDATE response SET adoption = NULL WHERE id % 23 = 0",
	    "UPDATE response_score SET score = score + 0.1",
	    "DELETE FROM response_score WHERE response_id % 4 = 0",
	    "UPDATE answer SET choice = 2 WHERE question = 'use'",
	    "DELETE FROM answer WHERE question = 'share'",
	    "UPDATE estimate SET champions = 50, willing = 50, cautious = 0"
	    " WHERE response_id % 2 = 0",
	    "DELETE FROM estimate WHERE response_id % 3 = 0",
	    "PRAGMA foreign_keys = ON;"
	    " DELETE FROM response WHERE id % 7 = 0",
	    "DELETE FROM response WHERE id % 8 = 0", /* foreign keys off */
	    "PRAGMA foreign_keys = ON; DELETE FROM response",
	};
	for (size_t i = 0; i < ARRAY_LEN(changes); i++) {
		raw_exec(db, changes[i]);
		assert_totals_recount(changes[i]);
	}
	assert_int_equal(
	    raw_int(db, "SELECT (SELECT count(*) FROM round_tally"
			" WHERE n <> 0) + (SELECT count(*) FROM round_score"
			" WHERE n <> 0 OR total <> 0 OR squares <> 0)"),
	    0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM round_adoption"
				     " WHERE n <> 0"),
			 0);
}

/* The first column of the first row of sql on the store's connection. */
static long long raw_int_store(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A batch of new responses (aimap demo's) past store_totals_bulk_min
 * counts its totals once, before it commits, and leaves the triggers as
 * they were, text for text; one that fails leaves nothing, and triggers
 * that still count a submit after either. */
static void batch_counts_totals_once(void **state)
{
	(void)state;
	char *fresh = xasprintf("%s/fresh.db", dir);
	store_close(fixture_store_open(fresh));
	char *want = fixture_triggers(fresh);
	struct store *s = fixture_store_open(db);
	struct store_round r, other;
	new_round(s, "BAT", &r);
	new_round(s, "BAT2", &other);
	submit_ok(s, &r);
	store_totals_bulk_min = 3;
	assert_int_equal(store_batch_begin_responses(s, 2), STORE_OK);
	assert_false(store_totals_suspended(s)); /* too few to pay */
	assert_int_equal(store_batch_end(s, STORE_OK), STORE_OK);
	assert_int_equal(store_batch_begin_responses(s, 5), STORE_OK);
	assert_true(store_totals_suspended(s));
	for (int i = 0; i < 4; i++)
		submit_ok(s, &r);
	submit_ok(s, &other);
	assert_int_equal(store_batch_end(s, STORE_OK), STORE_OK);
	assert_false(store_totals_suspended(s));
	char *got = fixture_triggers(db);
	assert_string_equal(got, want);
	free(got);
	assert_totals_recount("a batch");
	assert_int_equal(raw_int(db, "SELECT sum(n) FROM round_tally"), 6);

	assert_int_equal(store_batch_begin_responses(s, 5), STORE_OK);
	submit_ok(s, &r);
	assert_int_equal(store_batch_end(s, STORE_ERR_IO), STORE_ERR_IO);
	assert_false(store_totals_suspended(s));
	got = fixture_triggers(db);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM response"), 6);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;

	submit_ok(s, &other);
	assert_totals_recount("a submit after the batches");
	assert_int_equal(raw_int(db, "SELECT sum(n) FROM round_tally"), 7);
	store_round_free(&r);
	store_round_free(&other);
	store_close(s);
	free(want);
	free(fresh);
}

/* A batch of responses has the page cache of an import (the demo's
 * indexes outgrow SQLite's small default, and every page pushed out is
 * written again), and keeps it for the next batch: narrowed in between,
 * the cache would drop the pages the next one writes again. */
static void batch_widens_the_cache(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	const char *size = "PRAGMA cache_size";
	int want = -fixture_bulk_cache_kib();
	int before = (int)raw_int_store(s, size);
	assert_int_not_equal(before, want);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(store_batch_begin_responses(s, 5), STORE_OK);
		assert_int_equal(raw_int_store(s, size), want);
		assert_int_equal(store_batch_end(s, STORE_OK), STORE_OK);
		assert_int_equal(raw_int_store(s, size), want);
	}
	store_close(s);
}

/* A trigger that writes a totals table and another table too (as a later
 * migration might add, without telling store-totals.c) would lose its
 * other writes while dropped: then no trigger is dropped. */
static void bulk_keeps_triggers_it_does_not_know(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "UNK", &r);
	raw_exec(db, "CREATE TABLE seen (id INTEGER);"
		     " CREATE TRIGGER seen_response AFTER INSERT ON response"
		     " BEGIN INSERT INTO seen VALUES (NEW.id);"
		     " UPDATE round_tally SET n = n WHERE 0; END");
	store_totals_bulk_min = 1;
	assert_int_equal(store_batch_begin_responses(s, 5), STORE_OK);
	assert_false(store_totals_suspended(s));
	submit_ok(s, &r);
	submit_ok(s, &r);
	assert_int_equal(store_batch_end(s, STORE_OK), STORE_OK);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	assert_int_equal(raw_int(db, "SELECT count(*) FROM seen"), 2);
	assert_totals_recount("a batch that kept its triggers");
	store_round_free(&r);
	store_close(s);
}

/* A merge past store_totals_bulk_min responses: new ones counted at the
 * end, a replaced one taken out of the totals and put back by hand, the
 * triggers back as a fresh database has them. */
static void merge_counts_totals_once(void **state)
{
	(void)state;
	char *fresh = xasprintf("%s/fresh.db", dir);
	store_close(fixture_store_open(fresh));
	char *want = fixture_triggers(fresh);
	char *other = xasprintf("%s/other.db", dir);
	struct store *o = fixture_store_open(other);
	struct store_round r;
	new_round(o, "MRG", &r);
	for (int i = 0; i < 3; i++)
		submit_ok(o, &r);
	long long id = start_ok(o, &r, "Bea", "Sales");
	save_ok(o, id, "use", 1);
	store_close(o);
	struct store *s = fixture_store_open(db);
	struct store_merge_counts c;
	assert_int_equal(store_merge(s, other, &c), STORE_OK);
	assert_int_equal(c.responses[STORE_MERGE_ADDED], 4);

	o = fixture_store_open(other);
	int choices[NQ] = {[Q_USE] = 2, [Q_SHARE] = 3};
	int estimates[NQ][3] = {[Q_MIX] = {30, 30, 40}};
	struct scoring_result res = make_result();
	assert_int_equal(
	    store_response_finish(o, id, &qn, choices, estimates, &res),
	    STORE_OK);
	submit_ok(o, &r);
	submit_ok(o, &r);
	store_close(o);
	store_totals_bulk_min = 0;
	enum store_status status = store_merge(s, other, &c);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	assert_int_equal(status, STORE_OK);
	assert_int_equal(c.responses[STORE_MERGE_ADDED], 2);
	assert_int_equal(c.responses[STORE_MERGE_REPLACED], 1);
	assert_int_equal(c.responses[STORE_MERGE_KEPT], 3);
	char *got = fixture_triggers(db);
	assert_string_equal(got, want);
	free(got);
	assert_totals_recount("a bulk merge");
	assert_int_equal(raw_int(db, "SELECT sum(n) FROM round_tally"
				     " WHERE finished = 1"),
			 6);

	struct store_round here;
	assert_int_equal(store_round_find(s, "MRG", &here), STORE_OK);
	submit_ok(s, &here);
	assert_totals_recount("a submit after a bulk merge");
	assert_int_equal(raw_int(db, "SELECT sum(n) FROM round_tally"), 7);
	store_round_free(&here);
	store_round_free(&r);
	store_close(s);
	free(other);
	free(want);
	free(fresh);
}

static bool count_champion(void *ctx, long long respondent_id,
			   long long response_id, enum subtype subtype)
{
	(void)respondent_id;
	(void)response_id;
	assert_int_not_equal(subtype, SUBTYPE_NONE);
	(*(int *)ctx)++;
	return true;
}

/* What a dashboard refresh reads: the running totals, whose size is the
 * number of groups, and the champions through their index. Thousands
 * more responses (none of them champions) add a few groups, no work per
 * response, and no full scan. */
static long long report_reads(struct store *s, const struct store_round *r)
{
	struct store_tally *tally;
	struct store_score_sum *scores;
	struct store_estimate_sum *estimates;
	struct store_answer_count *answers;
	struct store_tally *near;
	int n;
	trace_begin();
	assert_int_equal(store_report_tally(s, r->id, &tally, &n), STORE_OK);
	store_tally_free(tally, n);
	assert_int_equal(store_report_scores(s, r->id, &scores, &n), STORE_OK);
	store_score_sums_free(scores, n);
	assert_int_equal(
	    store_report_estimates(s, r->id, "mix", &estimates, &n), STORE_OK);
	store_estimate_sums_free(estimates, n);
	n = 0;
	assert_int_equal(
	    store_report_champion_subtypes(s, r->id, count_champion, &n),
	    STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_report_answers(s, r->id, &answers, &n),
			 STORE_OK);
	store_answer_counts_free(answers, n);
	assert_int_equal(store_report_near(s, r->id, 65, 40, 5, &near, &n),
			 STORE_OK);
	store_tally_free(near, n);
	return trace_end("the report's reads");
}

static void report_reads_do_not_grow_with_the_database(void **state)
{
	(void)state;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))trace_install),
			 SQLITE_OK);
	struct store *s = fixture_store_open(db);
	struct store_round r, other;
	new_round(s, "BIG", &r);
	new_round(s, "OTHER", &other);
	submit_ok(s, &r); /* Ada, a champion */
	long long small = report_reads(s, &r);
	fill_database(r.id, other.id);
	long long big = report_reads(s, &r);
	/* 3,000 more responses in this round, in four new groups of
	 * responses, scores and estimates, three of answers and seven of
	 * adoption depths */
	if (big > small + 400)
		fail_msg("%lld VM steps on a small database, %lld on a large "
			 "one",
			 small, big);
	store_round_free(&r);
	store_round_free(&other);
	store_close(s);
}

/* ---- a writer killed mid-answer ----------------------------------------- */

#define KILL_ROUNDS 10
#define KILL_MAX_SAVES 100000

/* Save answers one by one, writing each acknowledged index to fd. */
static void kill_child(long long response_id, int fd)
{
	enum store_status st;
	char *msg = NULL;
	struct store *s = store_open(db, &st, &msg);
	if (s == NULL)
		_exit(2);
	for (int32_t i = 0; i < KILL_MAX_SAVES; i++) {
		char question[16];
		snprintf(question, sizeof(question), "k%05d", (int)i);
		if (store_answer_save(s, response_id, question, 1 + i % 3) !=
		    STORE_OK) {
			fprintf(stderr, "child: %s\n", store_error(s));
			_exit(3);
		}
		if (write(fd, &i, sizeof(i)) != (ssize_t)sizeof(i))
			_exit(4);
	}
	_exit(0);
}

static uint64_t kill_rng = 20240301;

static unsigned kill_random(unsigned below)
{
	kill_rng = kill_rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(kill_rng >> 33) % below;
}

/* Read acknowledgements from fd: until want have come (want > 0) or until
 * the writer is gone (want == 0). Returns how many in all. */
static int32_t kill_read_acks(int fd, int32_t have, int32_t want)
{
	int32_t ack;
	while (want == 0 || have < want) {
		ssize_t n = read(fd, &ack, sizeof(ack));
		if (n == 0)
			break;
		assert_int_equal(n, sizeof(ack)); /* atomic: <= PIPE_BUF */
		assert_int_equal(ack, have);
		have++;
	}
	return have;
}

static void kill_check(long long response_id, int32_t acked)
{
	assert_sql(db, "PRAGMA integrity_check", "ok");
	sqlite3 *h = fixture_raw_open(db);
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(h,
			       "SELECT choice FROM answer"
			       " WHERE response_id = ?1 AND question = ?2",
			       -1, &st, NULL),
	    SQLITE_OK);
	for (int32_t i = 0; i < acked; i++) {
		char question[16];
		snprintf(question, sizeof(question), "k%05d", (int)i);
		sqlite3_bind_int64(st, 1, response_id);
		sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("acknowledged answer %s is lost", question);
		assert_int_equal(sqlite3_column_int(st, 0), 1 + i % 3);
		sqlite3_reset(st);
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
}

static void killed_writer_keeps_every_acknowledged_answer(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	struct store_round r;
	new_round(s, "KILL", &r);
	store_close(s);
	for (int round = 0; round < KILL_ROUNDS; round++) {
		/* the store must accept the file the last kill left */
		s = fixture_store_open(db);
		long long id = start_ok(s, &r, NULL, "Finance");
		store_close(s); /* no connection may cross a fork */

		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			kill_child(id, fds[1]);
		}
		close(fds[1]);
		int32_t acked =
		    kill_read_acks(fds[0], 0, 1 + (int32_t)kill_random(40));
		usleep(kill_random(3000));
		assert_int_equal(kill(pid, SIGKILL), 0);
		acked = kill_read_acks(fds[0], acked, 0);
		close(fds[0]);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGKILL);
		kill_check(id, acked);
	}
	store_round_free(&r);
}

/* store-merge-check.c: how long a statement of a merge may run */
extern int store_merge_limit_ms;
extern int store_merge_limit_steps;

/* A merge that runs past its time limit is stopped, whatever statement
 * it was in, and nothing of the other file is stored; the write lock is
 * let go. */
static void merge_stops_at_its_time_limit(void **state)
{
	(void)state;
	char *other = xasprintf("%s/other.db", dir);
	make_real_db(other);
	struct store *s = fixture_store_open(db);
	struct store_merge_counts c;
	int saved = store_merge_limit_ms, steps = store_merge_limit_steps;
	store_merge_limit_ms = -1; /* every statement is already too late */
	store_merge_limit_steps = 1;
	assert_int_equal(store_merge(s, other, &c), STORE_ERR_REFUSED);
	store_merge_limit_ms = saved;
	store_merge_limit_steps = steps;
	assert_non_null(strstr(store_error(s), "was stopped; nothing was "
					       "merged"));
	assert_sql(db, "SELECT count(*) FROM round", "0");
	assert_sql(db, "SELECT count(*) FROM response", "0");
	assert_int_equal(store_merge(s, other, &c), STORE_OK);
	assert_sql(db, "SELECT count(*) FROM response", "1");
	store_close(s);
	free(other);
}

/* Another program writes the other file while it is being merged (here
 * at the merge's first row written): what was checked is no longer what
 * is read, so nothing is merged. Unchanged, it merges as ever. */
static bool merge_other_written;

static void write_other_once(void *other, int op, const char *db_name,
			     const char *table, sqlite3_int64 row)
{
	(void)op, (void)db_name, (void)table, (void)row;
	if (merge_other_written)
		return;
	merge_other_written = true;
	sqlite3 *h = fixture_raw_open(other);
	fixture_raw_exec(h, "UPDATE round SET name = 'renamed meanwhile'");
	fixture_raw_close(h); /* the last close folds the change in */
}

static void merge_refuses_a_file_written_meanwhile(void **state)
{
	(void)state;
	char *other = xasprintf("%s/other.db", dir);
	make_real_db(other);
	struct store *s = fixture_store_open(db);
	struct store_merge_counts c;
	merge_other_written = false;
	sqlite3_update_hook(s->db, write_other_once, other);
	assert_int_equal(store_merge(s, other, &c), STORE_ERR_REFUSED);
	sqlite3_update_hook(s->db, NULL, NULL);
	assert_true(merge_other_written);
	assert_non_null(strstr(store_error(s), "other.db: changed while it "
					       "was being merged"));
	assert_non_null(strstr(store_error(s), "nothing was merged"));
	assert_sql(db, "SELECT count(*) FROM round", "0");
	assert_sql(db, "SELECT count(*) FROM response", "0");
	assert_int_equal(store_merge(s, other, &c), STORE_OK);
	assert_sql(db, "SELECT name FROM round", "renamed meanwhile");
	assert_sql(db, "SELECT count(*) FROM response", "1");
	store_close(s);
	free(other);
}

/* The other file is swapped for another between the merge's first look
 * at it and SQLite's opening it at the ATTACH, and put back at the
 * merge's first row written: the path names the first file again at the
 * end, but what was merged came from the other one (moving a file
 * changes its change time), so nothing is merged. */
static int swap_other_at_attach(void *paths, int action, const char *a,
				const char *b, const char *c, const char *d)
{
	(void)a, (void)b, (void)c, (void)d;
	char **p = paths; /* the other file, its stand-in, where it waits */
	if (action == SQLITE_ATTACH && p[1] != NULL) {
		assert_int_equal(rename(p[0], p[2]), 0);
		assert_int_equal(rename(p[1], p[0]), 0);
		p[1] = NULL;
	}
	return SQLITE_OK;
}

static void put_other_back(void *paths, int op, const char *db_name,
			   const char *table, sqlite3_int64 row)
{
	(void)op, (void)db_name, (void)table, (void)row;
	char **p = paths;
	if (p[2] != NULL) {
		assert_int_equal(rename(p[2], p[0]), 0);
		p[2] = NULL;
	}
}

static void merge_refuses_a_file_swapped_while_it_is_opened(void **state)
{
	(void)state;
	char *other = xasprintf("%s/other.db", dir);
	char *stand_in = xasprintf("%s/stand-in.db", dir);
	char *waiting = xasprintf("%s/waiting.db", dir);
	make_real_db(other);
	make_real_db(stand_in);
	struct store *s = fixture_store_open(db);
	struct store_merge_counts c;
	char *paths[] = {other, stand_in, waiting};
	sqlite3_set_authorizer(s->db, swap_other_at_attach, paths);
	sqlite3_update_hook(s->db, put_other_back, paths);
	assert_int_equal(store_merge(s, other, &c), STORE_ERR_REFUSED);
	sqlite3_set_authorizer(s->db, NULL, NULL);
	sqlite3_update_hook(s->db, NULL, NULL);
	assert_null(paths[1]); /* swapped */
	assert_null(paths[2]); /* and put back */
	assert_non_null(strstr(store_error(s), "other.db: changed while it "
					       "was being merged"));
	assert_sql(db, "SELECT count(*) FROM response", "0");
	assert_int_equal(store_merge(s, other, &c), STORE_OK);
	assert_sql(db, "SELECT count(*) FROM response", "1");
	store_close(s);
	free(waiting);
	free(stand_in);
	free(other);
}

/* ---- the statement cache ------------------------------------------------ */

static const char cache_rows_sql[] =
    "SELECT column1 FROM (VALUES (1), (2), (3))";
static const char cache_bind_sql[] = "SELECT ?1";

/* Handed out again, a statement starts at its first row with nothing
 * bound; one still held is never handed out twice. */
static void stmt_cache_reuses_reset_statements(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	sqlite3_stmt *a, *b, *c;
	assert_int_equal(store_stmt(s, cache_rows_sql, "a", &a), STORE_OK);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(a, 0), 2);
	/* nested: the same SQL while a is held is another statement */
	assert_int_equal(store_stmt(s, cache_rows_sql, "b", &b), STORE_OK);
	assert_ptr_not_equal(a, b);
	assert_int_equal(sqlite3_step(b), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(b, 0), 1);
	store_stmt_done(s, b); /* not cached: finalized */
	store_stmt_done(s, a);
	assert_int_equal(store_stmt(s, cache_rows_sql, "c", &c), STORE_OK);
	assert_ptr_equal(c, a); /* prepared once */
	assert_int_equal(sqlite3_step(c), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(c, 0), 1); /* reset */
	store_stmt_done(s, c);

	assert_int_equal(store_stmt_bind(s, cache_bind_sql, "d", &a, "i", 7),
			 STORE_OK);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(a, 0), 7);
	store_stmt_done(s, a);
	assert_int_equal(store_stmt(s, cache_bind_sql, "e", &b), STORE_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(sqlite3_step(b), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(b, 0), SQLITE_NULL); /* cleared */
	store_stmt_done(s, b);
	store_close(s);
}

/* A statement that failed is reset when given back, and runs again. */
static void stmt_cache_recovers_from_errors(void **state)
{
	(void)state;
	struct store *s = fixture_store_open(db);
	static const char sql[] = "INSERT INTO respondent (uuid, name,"
				  " champion_contact, created_at)"
				  " VALUES (?1, NULL, ?2, 'x')";
	assert_int_equal(store_run_once(s, sql, "insert", "ti", "u1", 0),
			 STORE_OK);
	/* the CHECK refuses 5 */
	assert_int_not_equal(store_run_once(s, sql, "insert", "ti", "u2", 5),
			     STORE_OK);
	assert_int_equal(store_run_once(s, sql, "insert", "ti", "u3", 1),
			 STORE_OK);
	assert_int_equal(s->ncache, 1);
	assert_false(s->cache[0].busy);
	store_close(s);
	assert_sql(db, "SELECT group_concat(uuid) FROM respondent", "u1,u3");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(creates_database_and_folders),
	    T(stmt_cache_reuses_reset_statements),
	    T(stmt_cache_recovers_from_errors),
	    T(merge_stops_at_its_time_limit),
	    T(merge_refuses_a_file_written_meanwhile),
	    T(merge_refuses_a_file_swapped_while_it_is_opened),
	    T(reopen_keeps_data),
	    T(refuses_folder),
	    T(refuses_empty_file),
	    T(refuses_text_file),
	    T(refuses_truncated_copy),
	    T(refuses_corrupt_schema),
	    T(refuses_other_programs_file),
	    T(refuses_newer_schema),
	    T(refuses_read_only_file),
	    T(migrates_empty_schema),
	    T(questionnaire_save_is_idempotent),
	    T(round_create_and_find),
	    T(round_list_order_and_counts),
	    T(round_close_and_open),
	    T(submit_writes_every_table),
	    T(submit_refuses_closed_round),
	    T(submit_unclassified_stores_null_segment),
	    T(submit_accepts_every_role_and_track),
	    T(two_writers_at_once),
	    T(racing_creators_share_one_database),
	    T(response_start_stores_trimmed_profile),
	    T(response_start_refuses_closed_round),
	    T(get_gives_profile_and_finish),
	    T(update_profile_changes_the_profile),
	    T(answer_save_replaces_and_commits),
	    T(estimate_save_replaces),
	    T(saves_refused_after_finish_and_close),
	    T(response_answers_round_trip),
	    T(finish_stores_final_answers_and_classification),
	    T(keypress_work_does_not_grow_with_the_database),
	    T(totals_match_a_recount),
	    T(batch_counts_totals_once),
	    T(batch_widens_the_cache),
	    T(merge_counts_totals_once),
	    T(bulk_keeps_triggers_it_does_not_know),
	    T(report_reads_do_not_grow_with_the_database),
	    T(killed_writer_keeps_every_acknowledged_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
