/* SPDX-License-Identifier: MIT */
/* Fuzz target: aimap merge over crafted databases. The input is SQL run,
 * through a plain connection with none of aimap's guards, on a copy of a
 * real aimap database (a round and one finished response): it may add a
 * view, a trigger or a generated column, rename a table, write values
 * import would refuse, or wreck the file. Merged into a fresh database,
 * whatever the SQL did, what store.h promises holds:
 *   - a refusal has a message naming the other file, and stores nothing
 *     (every table of this database as it was);
 *   - an accepted file stores only values aimap could have written
 *     (choices from 1 to 9, scores from 0 to 100, round codes of letters,
 *     digits and dashes), and merged again changes nothing. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "diag.h"
#include "fuzz.h"
#include "minimal.h"
#include "questionnaire.h"
#include "scoring.h"
#include "store.h"
#include "submission.h"
#include "util.h"

static char *work_dir;
static char *here_path;	 /* the database merged into */
static char *other_path; /* the crafted file */
static char *here_bytes, *other_bytes;
static size_t here_len, other_len;

static const char answers[] = "[respondent]\n"
			      "name = Ada\n"
			      "department = Sales\n"
			      "role = individual\n"
			      "track = technical\n"
			      "[answers]\n"
			      "often = 3\n"
			      "made = 4\n"
			      "shown = 2\n"
			      "proof = 2\n"
			      "pipeline = 1\n"
			      "split = 40, 35, 25\n";

static void remove_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		(void)unlink(p);
		free(p);
	}
}

static void cleanup(void)
{
	remove_db(here_path);
	remove_db(other_path);
	(void)rmdir(work_dir);
}

static struct store *open_store(const char *path)
{
	enum store_status status;
	char *message = NULL;
	struct store *s = store_open(path, &status, &message);
	if (s == NULL)
		fprintf(stderr, "fuzz_merge: %s\n", message);
	FUZZ_CHECK(s != NULL);
	return s;
}

/* The other database: one round, one finished response. */
static void make_other(void)
{
	struct diag d;
	diag_init(&d, "minimal.h");
	struct questionnaire *q = questionnaire_parse(
	    "minimal.h", fuzz_minimal, sizeof(fuzz_minimal) - 1, &d);
	FUZZ_CHECK(q != NULL);
	struct store *s = open_store(other_path);
	long long qid;
	FUZZ_CHECK(store_questionnaire_save(s, q, &qid) == STORE_OK);
	char *depts[] = {"Sales"};
	struct store_round round;
	FUZZ_CHECK(store_round_create(s, "Fuzz", "FZ", qid, depts, 1, &round) ==
		   STORE_OK);
	struct submission sub;
	FUZZ_CHECK(submission_parse("answers", answers, sizeof(answers) - 1, q,
				    depts, 1, &sub, &d));
	struct scoring_result res;
	scoring_classify(q, &(struct scoring_input){sub.choices}, &res);
	char uuid[37];
	FUZZ_CHECK(store_response_submit(s, &round, q, &sub, &res, uuid) ==
		   STORE_OK);
	submission_free(&sub);
	store_round_free(&round);
	store_close(s);
	questionnaire_free(q);
	diag_free(&d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	work_dir = xasprintf("%s/aimap-fuzz-merge-XXXXXX",
			     tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(work_dir) != NULL);
	here_path = xasprintf("%s/here.db", work_dir);
	other_path = xasprintf("%s/other.db", work_dir);
	atexit(cleanup);
	store_close(open_store(here_path));
	make_other();
	here_bytes = util_read_file(here_path, &here_len);
	other_bytes = util_read_file(other_path, &other_len);
	FUZZ_CHECK(here_bytes != NULL && other_bytes != NULL);
	return 0;
}

static void put(const char *path, const char *bytes, size_t len)
{
	remove_db(path);
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(bytes, 1, len, f) == len);
	FUZZ_CHECK(fclose(f) == 0);
}

/* The fuzzer's own SQL must end too: a recursive view it selects from
 * is stopped after a bounded number of steps. */
static int craft_progress(void *arg)
{
	int *steps = arg;
	return ++*steps > 2000;
}

static void craft(const uint8_t *data, size_t size)
{
	put(other_path, other_bytes, other_len);
	char *sql = xstrndup((const char *)data, size);
	sqlite3 *db;
	if (sqlite3_open(other_path, &db) == SQLITE_OK) {
		int steps = 0;
		sqlite3_progress_handler(db, 1000, craft_progress, &steps);
		(void)sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_close(db); /* checkpoints what the SQL wrote */
	free(sql);
}

static char *dump(void)
{
	sqlite3 *db;
	FUZZ_CHECK(sqlite3_open_v2(here_path, &db, SQLITE_OPEN_READONLY,
				   NULL) == SQLITE_OK);
	sqlite3_stmt *st;
	FUZZ_CHECK(sqlite3_prepare_v2(
		       db,
		       "SELECT (SELECT group_concat(uuid || code || name || "
		       "state || min_group, '|') FROM round) || '#' || "
		       "(SELECT group_concat(uuid || coalesce(name, ''), '|') "
		       "FROM respondent) || '#' || (SELECT group_concat(uuid "
		       "|| coalesce(finished_at, '') || department, '|') FROM "
		       "response) || '#' || (SELECT group_concat(question || "
		       "choice, '|') FROM answer) || '#' || (SELECT "
		       "group_concat(dimension || score, '|') FROM "
		       "response_score) || '#' || (SELECT count(*) FROM "
		       "questionnaire)",
		       -1, &st, NULL) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(st, 0);
	char *out = xstrdup(t != NULL ? t : "");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static long long count(const char *sql)
{
	sqlite3 *db;
	FUZZ_CHECK(sqlite3_open_v2(here_path, &db, SQLITE_OPEN_READONLY,
				   NULL) == SQLITE_OK);
	sqlite3_stmt *st;
	FUZZ_CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	craft(data, size);
	put(here_path, here_bytes, here_len);
	char *before = dump();
	struct store *s = open_store(here_path);
	struct store_merge_counts c;
	enum store_status st = store_merge(s, other_path, &c);
	if (st != STORE_OK) {
		size_t n = strlen(other_path);
		FUZZ_CHECK(strncmp(store_error(s), other_path, n) == 0);
		store_close(s);
		char *after = dump();
		FUZZ_CHECK(strcmp(before, after) == 0);
		free(after);
		free(before);
		return 0;
	}
	store_close(s);
	/* only values aimap could have written */
	FUZZ_CHECK(count("SELECT count(*) FROM answer WHERE typeof(choice) "
			 "<> 'integer' OR choice NOT BETWEEN 1 AND 9") == 0);
	FUZZ_CHECK(count("SELECT count(*) FROM response_score WHERE "
			 "typeof(score) NOT IN ('integer', 'real') OR "
			 "score NOT BETWEEN 0 AND 100.5") == 0);
	FUZZ_CHECK(count("SELECT count(*) FROM round WHERE length(code) NOT "
			 "BETWEEN 2 AND 16 OR code GLOB '*[^A-Za-z0-9-]*'") ==
		   0);
	/* merged again: nothing changes */
	char *once = dump();
	s = open_store(here_path);
	FUZZ_CHECK(store_merge(s, other_path, &c) == STORE_OK);
	FUZZ_CHECK(c.responses[STORE_MERGE_ADDED] == 0 &&
		   c.responses[STORE_MERGE_REPLACED] == 0);
	store_close(s);
	char *twice = dump();
	FUZZ_CHECK(strcmp(once, twice) == 0);
	free(once);
	free(twice);
	free(before);
	return 0;
}
