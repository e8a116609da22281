/* The store against real SQLite files in a temporary folder: creation,
 * every refusal (leaving the file as it was), migration, rounds,
 * submissions read back with plain SQL, and two processes writing at
 * once. The questionnaire, answers and scores are built by hand so this
 * test depends on neither the loader nor the scoring code. */
#include "config.h"

#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "store.h"
#include "util.h"

#define NOW "2024-03-01T09:00:00Z"

/* ---- a questionnaire, answers and a result, by hand --------------------- */

enum { Q_USE, Q_SHARE, Q_GUARD, Q_MIX, NQ };

static struct qn_choice three[] = {{"no", 0}, {"some", 50}, {"yes", 100}};

static struct qn_dimension dims[] = {
    {"adoption", "Adoption", NULL, 1, DIMROLE_ADOPTION, 5},
    {"sharing", "Sharing", NULL, 1, DIMROLE_SHARING, 9},
    {"context", "Context", NULL, 1, DIMROLE_CONTEXT, 13},
};

static struct qn_question questions[NQ] = {
    [Q_USE] = {"use", "How often?", NULL, QTYPE_CHOICE, 0, false,
	       TRACK_TECHNICAL, three, 3, 100, 20},
    [Q_SHARE] = {"share", "Do you share?", NULL, QTYPE_CHOICE, 1, false,
		 TRACK_TECHNICAL, three, 3, 100, 30},
    [Q_GUARD] = {"guard", "Guardrails?", NULL, QTYPE_CHOICE, 2, false,
		 TRACK_TECHNICAL, three, 3, 100, 40},
    [Q_MIX] = {"mix", "Guess the thirds", NULL, QTYPE_ESTIMATE, -1, false,
	       TRACK_TECHNICAL, NULL, 0, 0, 50},
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
	return 0;
}

/* ---- plain SQLite, to read back what the store wrote -------------------- */

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;
	assert_int_equal(
	    sqlite3_open_v2(path, &h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_busy_timeout(h, 5000), SQLITE_OK);
	return h;
}

static void raw_close(sqlite3 *h)
{
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = raw_open(path);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	raw_close(h);
}

/* The first column of the one row of sql as text ("NULL" for NULL). */
static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *h = raw_open(path);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *out = strdup(t ? (const char *)t : "NULL");
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	raw_close(h);
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

static struct store *open_ok(const char *path)
{
	enum store_status st = STORE_ERR_IO;
	char *msg = NULL;
	struct store *s = store_open(path, &st, &msg);
	if (s == NULL)
		fail_msg("store_open(%s): %d %s", path, st, msg);
	assert_int_equal(st, STORE_OK);
	assert_null(msg);
	return s;
}

static long long save_qn(struct store *s)
{
	long long id = -1;
	if (store_questionnaire_save(s, &qn, &id) != STORE_OK)
		fail_msg("%s", store_error(s));
	assert_true(id > 0);
	return id;
}

static void new_round(struct store *s, const char *code, struct store_round *r)
{
	long long qid = save_qn(s);
	char *deps[] = {"Finance", "Sales"};
	assert_int_equal(
	    store_round_create(s, "Workshop", code, qid, deps, 2, r), STORE_OK);
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
	struct store *s = open_ok(path);
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
	struct store *s = open_ok(deep);
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
	struct store *s = open_ok(db);
	struct store_round r1, r2;
	new_round(s, "keep", &r1);
	submit_ok(s, &r1);
	store_close(s);

	s = open_ok(db);
	assert_int_equal(store_round_find(s, "KEEP", &r2), STORE_OK);
	assert_string_equal(r2.uuid, r1.uuid);
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

	struct store *s = open_ok(db);
	struct store_round r;
	new_round(s, NULL, &r); /* the new schema works */
	store_round_free(&r);
	store_close(s);
	assert_int_equal(raw_int(db, "PRAGMA user_version"),
			 store_schema_version());
	assert_sql(db, "PRAGMA journal_mode", "wal");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
				     "WHERE type = 'table'"),
			 8);
}

/* ---- questionnaires ----------------------------------------------------- */

static void questionnaire_save_is_idempotent(void **state)
{
	(void)state;
	struct store *s = open_ok(db);
	long long first = save_qn(s), again = save_qn(s);
	assert_int_equal(first, again);
	qn_use_source(source_v1b);
	long long changed = save_qn(s);
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
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
	struct store_round a, b, c;
	setenv("AIMAP_NOW", "2024-05-01T10:00:00Z", 1);
	new_round(s, "AAA", &a);
	setenv("AIMAP_NOW", "2024-04-01T10:00:00Z", 1);
	new_round(s, "BBB", &b); /* made later, dated earlier */
	setenv("AIMAP_NOW", "2024-05-01T10:00:00Z", 1);
	long long qid = save_qn(s);
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
	store_round_free(&a);
	store_round_free(&b);
	store_round_free(&c);
	store_close(s);
}

static void round_close_and_open(void **state)
{
	(void)state;
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
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
	struct store *s = open_ok(db);
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

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(creates_database_and_folders),
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
