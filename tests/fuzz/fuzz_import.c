/* SPDX-License-Identifier: MIT */
/* Fuzz target: aimap import's reader (import.h), over the input as an
 * answers export, into a fresh database (a copy of an empty one made
 * once) with the questionnaire of minimal.h given as with -q. Whatever
 * the bytes: no crash, no leak, and what import.h promises holds:
 *   - a refusal exactly when there is a message, which names the file;
 *   - a refused file stores nothing (every table as it was) and counts
 *     no response and no round;
 *   - an accepted file imported again (the questionnaire now stored, so
 *     given no more) is accepted, keeps every response and changes
 *     nothing;
 *   - the rounds it made are stored, closed, under their codes. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "diag.h"
#include "fuzz.h"
#include "import.h"
#include "minimal.h"
#include "questionnaire.h"
#include "store.h"
#include "util.h"

static const char fuzz_name[] = "fuzz.csv";

static struct questionnaire *questionnaire;
static char *work_dir; /* a folder of this process's own */
static char *db_path;  /* the database each input goes into */
static char *empty_db; /* the bytes of an empty database */
static size_t empty_len;

static char *sidecar(const char *suffix)
{
	return xasprintf("%s%s", db_path, suffix);
}

static void remove_db(void)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *path = sidecar(suffixes[i]);
		(void)unlink(path);
		free(path);
	}
}

static void cleanup(void)
{
	remove_db();
	(void)rmdir(work_dir);
}

static void append(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	*buf = xreallocarray(*buf, *len + n + 2, 1);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '\x1f';
	(*buf)[*len] = '\0';
}

/* Every row of every table, as one text, read through a connection of
 * its own: what "nothing changed" compares. */
static char *db_dump(void)
{
	sqlite3 *db;
	FUZZ_CHECK(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) ==
		   SQLITE_OK);
	sqlite3_stmt *tables;
	FUZZ_CHECK(sqlite3_prepare_v2(db,
				      "SELECT name FROM sqlite_master WHERE "
				      "type = 'table' ORDER BY name",
				      -1, &tables, NULL) == SQLITE_OK);
	char *out = xstrdup("");
	size_t len = 0;
	int rc;
	while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		append(&out, &len, name);
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY 1", name);
		sqlite3_stmt *rows;
		FUZZ_CHECK(sqlite3_prepare_v2(db, sql, -1, &rows, NULL) ==
			   SQLITE_OK);
		int rrc;
		while ((rrc = sqlite3_step(rows)) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const char *v =
				    (const char *)sqlite3_column_text(rows, c);
				append(&out, &len, v != NULL ? v : "\x1eNULL");
			}
		FUZZ_CHECK(rrc == SQLITE_DONE);
		sqlite3_finalize(rows);
		free(sql);
	}
	FUZZ_CHECK(rc == SQLITE_DONE);
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return out;
}

static struct store *open_store(void)
{
	enum store_status status;
	char *message = NULL;
	struct store *s = store_open(db_path, &status, &message);
	if (s == NULL)
		fprintf(stderr, "fuzz_import: %s\n", message);
	FUZZ_CHECK(s != NULL);
	return s;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d;
	diag_init(&d, "minimal.h");
	questionnaire = questionnaire_parse("minimal.h", fuzz_minimal,
					    sizeof(fuzz_minimal) - 1, &d);
	if (questionnaire == NULL)
		diag_print(&d, stderr);
	FUZZ_CHECK(questionnaire != NULL);
	diag_free(&d);
	const char *tmp = getenv("TMPDIR");
	work_dir = xasprintf("%s/aimap-fuzz-import-XXXXXX",
			     tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(work_dir) != NULL);
	db_path = xasprintf("%s/aimap.db", work_dir);
	atexit(cleanup);
	store_close(open_store());
	empty_db = util_read_file(db_path, &empty_len);
	FUZZ_CHECK(empty_db != NULL);
	return 0;
}

/* A fresh copy of the empty database. */
static struct store *fresh_store(void)
{
	remove_db();
	FILE *f = fopen(db_path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(empty_db, 1, empty_len, f) == empty_len);
	FUZZ_CHECK(fclose(f) == 0);
	return open_store();
}

static bool import_bytes(struct store *s, char *copy, size_t size,
			 const struct questionnaire *const *given, int ngiven,
			 struct import_result *r)
{
	FILE *in =
	    size > 0 ? fmemopen(copy, size, "rb") : fopen("/dev/null", "rb");
	FUZZ_CHECK(in != NULL);
	bool ok = import_stream(s, in, fuzz_name, given, ngiven, r);
	fclose(in);
	/* refused exactly when there is a message, which names the file */
	FUZZ_CHECK(ok == (r->error == NULL));
	if (!ok) {
		size_t n = strlen(fuzz_name);
		FUZZ_CHECK(strncmp(r->error, fuzz_name, n) == 0);
		FUZZ_CHECK(r->error[n] == ':');
	}
	return ok;
}

static int total(const struct import_result *r)
{
	return r->responses[STORE_MERGE_ADDED] +
	       r->responses[STORE_MERGE_REPLACED] +
	       r->responses[STORE_MERGE_KEPT];
}

static void check_refused(const struct import_result *r, const char *before)
{
	FUZZ_CHECK(total(r) == 0 && r->nrounds_made == 0);
	char *after = db_dump();
	FUZZ_CHECK(strcmp(after, before) == 0);
	free(after);
}

/* The rounds made are stored and closed, under their codes. */
static void check_rounds(struct store *s, const struct import_result *r)
{
	for (int i = 0; i < r->nrounds_made; i++) {
		struct store_round round;
		FUZZ_CHECK(store_round_find(s, r->rounds_made[i], &round) ==
			   STORE_OK);
		FUZZ_CHECK(strcmp(round.code, r->rounds_made[i]) == 0);
		FUZZ_CHECK(!round.open);
		store_round_free(&round);
	}
}

/* Imported again, the same file changes nothing. */
static void check_again(struct store *s, char *copy, size_t size,
			const struct import_result *first)
{
	char *before = db_dump();
	struct import_result r;
	bool ok = import_bytes(s, copy, size, NULL, 0, &r);
	if (!ok)
		fprintf(stderr, "fuzz_import: refused the second time: %s\n",
			r.error);
	FUZZ_CHECK(ok);
	FUZZ_CHECK(r.responses[STORE_MERGE_ADDED] == 0);
	FUZZ_CHECK(r.responses[STORE_MERGE_REPLACED] == 0);
	FUZZ_CHECK(r.responses[STORE_MERGE_KEPT] == total(first));
	FUZZ_CHECK(r.nrounds_made == 0);
	import_result_free(&r);
	char *after = db_dump();
	FUZZ_CHECK(strcmp(before, after) == 0);
	free(before);
	free(after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* fmemopen wants a buffer it may write to */
	char *copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	struct store *s = fresh_store();
	char *before = db_dump();
	const struct questionnaire *given[] = {questionnaire};
	struct import_result r;
	if (import_bytes(s, copy, size, given, 1, &r)) {
		check_rounds(s, &r);
		check_again(s, copy, size, &r);
	} else {
		check_refused(&r, before);
	}
	free(before);
	import_result_free(&r);
	store_close(s);
	free(copy);
	return 0;
}
