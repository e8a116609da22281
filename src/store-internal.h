/* SPDX-License-Identifier: MIT */
/* What the files of the store share: the connection, the helpers around
 * SQLite's statements, columns and transactions (store.c), the checks of
 * a file before SQLite opens it (store.c), the migrations
 * (store-schema.c) and a few readers and writers more than one file
 * needs. Only store*.c include this (and so sqlite3.h), and the unit
 * tests of the store. */
#ifndef AIMAP_STORE_INTERNAL_H
#define AIMAP_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"
#include "util.h"

struct store {
	sqlite3 *db;
	char *path;
	char *error;
	int errcode; /* SQLite's code for the last failure, or 0 */
	bool batch;  /* inside store_batch_begin: writes join its transaction */
	bool disk_full;		    /* the last failure was a full disk */
	char *salt;		    /* store_salt, once read */
	struct store_cached *cache; /* store_stmt's statements */
	int ncache;
	/* the running totals' triggers, dropped for a bulk write
	 * (store-totals.c); NULL while they are in place */
	struct store_totals_off *totals_off;
	/* inside store_batch_begin_responses: time-ordered UUIDs */
	bool batch_responses;
	/* widened (store_cache_widen) for the rest of the connection */
	bool cache_wide;
};

/* One statement of the cache: prepared once per connection, busy while
 * a caller holds it. */
struct store_cached {
	const char *sql; /* the caller's text: the key, by address */
	sqlite3_stmt *st;
	bool busy;
};

/* Defensive mode on and trusted_schema off for a connection to a file
 * that anyone may have written; STORE_ERR_IO when SQLite refuses. */
enum store_status store_harden(sqlite3 *db);
/* path as SQLite must be given it to read it as a file name, never as a
 * URI; malloc'd. */
char *store_file_name(const char *path);

/* A file: URI naming path (escaped, never read as anything but a file
 * name) with query appended, such as "mode=ro"; malloc'd. */
char *store_file_uri(const char *path, const char *query);

/* Record a failure's message (store_error shows it) and return status. */
enum store_status store_fail(struct store *s, enum store_status status,
			     const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Record SQLite's last error. A corrupt file is the user's to fix, not an
 * I/O hiccup, so it is reported as a refusal. */
enum store_status store_fail_sql(struct store *s, const char *what);
enum store_status store_fail_errno(struct store *s, const char *what,
				   const char *file);

/* A statement prepared for one use; store_finalize it. Text that is the
 * same on every call (a literal, a static array) goes through store_stmt
 * instead. */
enum store_status store_prepare(struct store *s, const char *sql,
				const char *what, sqlite3_stmt **st);

/* The statement cache. Preparing is often the dearest part of a small
 * statement (it compiles the running-total triggers of every table the
 * statement writes), so a statement run once per response or answer is
 * prepared once per connection: store_stmt hands out the statement for
 * sql, reset and with no values bound, and store_stmt_done gives it back
 * (reset again, bindings cleared, whether it failed or not). sql must
 * live as long as the store (a literal or a static array): the cache
 * knows it by its address, and checks the text. A statement still held
 * is never handed out twice: a nested use of the same SQL gets its own
 * statement, which store_stmt_done finalizes. store_close finalizes the
 * cache. store_rows_end and store_stmt_done accept both kinds, so a
 * loop written for store_prepare_bind works unchanged with
 * store_stmt_bind. */
enum store_status store_stmt(struct store *s, const char *sql, const char *what,
			     sqlite3_stmt **st);
/* store_stmt and bind its parameters, as store_bind does (the caller
 * calls store_stmt_done, even on failure). */
enum store_status store_stmt_bind(struct store *s, const char *sql,
				  const char *what, sqlite3_stmt **st,
				  const char *types, ...);
/* Give back what store_stmt or store_prepare handed out (NULL: nothing). */
void store_stmt_done(struct store *s, sqlite3_stmt *st);
/* finalize only repeats the error of the statement's last step, which
 * the caller has already recorded. */
void store_finalize(sqlite3_stmt *st);
/* Bind ?1, ?2, ... one letter per value: t text (NULL binds NULL),
 * T text and its size_t length, i int, I long long, D pointer to a double
 * (NULL binds NULL). Values are bound SQLITE_STATIC: every caller steps
 * and resets before its arguments go away. */
enum store_status store_bind(struct store *s, sqlite3_stmt *st,
			     const char *what, const char *types, ...);
/* Prepare sql and bind its parameters (the caller finalizes *st, even
 * on failure). */
enum store_status store_prepare_bind(struct store *s, const char *sql,
				     const char *what, sqlite3_stmt **st,
				     const char *types, ...);
/* Step a query once: STORE_OK with a row, STORE_ERR_NOT_FOUND, with no
 * message, without one. */
enum store_status store_step_row(struct store *s, sqlite3_stmt *st,
				 const char *what);
/* The end of a loop over a query's rows: unless status already failed,
 * a last step (rc) that was not SQLITE_DONE is recorded as the failure;
 * st is given back (store_stmt_done). */
enum store_status store_rows_end(struct store *s, sqlite3_stmt *st,
				 const char *what, enum store_status status,
				 int rc);
/* Bind, run to completion and reset a statement that returns no rows, so
 * the caller can run it again with new values. */
enum store_status store_run(struct store *s, sqlite3_stmt *st, const char *what,
			    const char *types, ...);
/* Bind, run and give back the cached statement of sql (store_stmt: sql
 * must be a literal or static). */
enum store_status store_run_once(struct store *s, const char *sql,
				 const char *what, const char *types, ...);
/* Run SQL without parameters (one or more statements). */
enum store_status store_exec(struct store *s, const char *sql,
			     const char *what);
/* The first column of the first row of a query as an integer (0 when
 * there is no row). */
enum store_status store_query_int(struct store *s, const char *sql,
				  const char *what, long long *out);
/* A text column as SQLite holds it (NULL for SQL NULL), valid until the
 * statement steps again. */
const char *store_column_text(sqlite3_stmt *st, int col);
/* A text column as a malloc'd string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int col);
/* A NOT NULL text column as a malloc'd string ("" for SQL NULL). */
char *store_column_dup_text(sqlite3_stmt *st, int col);
void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size);
/* Profile and classification columns. The schema's CHECKs admit only
 * the names these parse; NULL (or anything else) gives individual,
 * technical, or none. */
enum role store_column_role(sqlite3_stmt *st, int col);
enum track store_column_track(sqlite3_stmt *st, int col);
enum segment store_column_segment(sqlite3_stmt *st, int col);
enum subtype store_column_subtype(sqlite3_stmt *st, int col);

/* BEGIN IMMEDIATE: the write lock at once, so a second writer waits on
 * the busy timeout instead of failing on a read-to-write upgrade. */
enum store_status store_begin(struct store *s);
void store_rollback(struct store *s);
/* Commit when everything went well, roll back otherwise. */
enum store_status store_finish(struct store *s, enum store_status status);
/* Insert the comments of a response (texts[i] for question i; NULL or
 * empty: none), inside the caller's transaction (store-comment.c). */
enum store_status store_comments_write(struct store *s, long long response_id,
				       const struct questionnaire *q,
				       char *const *texts, const char *now);
/* Begin a change to a response that is unfinished, in an open round
 * (store-response.c); on failure nothing is left begun. */
enum store_status store_response_change(struct store *s, long long response_id,
					long long *respondent_id);

/* A response's version, which sorts after any older one: finished before
 * unfinished, then the finish time, then the last answer. Import and
 * merge compare versions made by this one expression (store_import_add
 * builds the incoming one in C, the same way); schema is "" or "main."
 * or an attached database's name and a dot, p the response's alias. */
#define STORE_RESPONSE_VERSION(schema, p)                                      \
	"((" p ".finished_at IS NOT NULL) || coalesce(" p ".finished_at, '')"  \
	" || '|' || max(" p ".started_at,"                                     \
	" coalesce((SELECT max(a.answered_at) FROM " schema                    \
	"answer a WHERE a.response_id = " p ".id), ''),"                       \
	" coalesce((SELECT max(e.answered_at) FROM " schema                    \
	"estimate e WHERE e.response_id = " p ".id), '')))"

/* Store questionnaire q, not stored yet, whose source hashes to hash
 * (util_hash_hex), and give its row id. Inside the caller's
 * transaction. */
enum store_status store_questionnaire_insert(struct store *s,
					     const struct questionnaire *q,
					     const char *hash, const char *now,
					     long long *id);

/* Backfills: the running totals of migration 8 for the finished
 * responses p that meet WHERE (SQL on response p: "p.round_id = ?1" for
 * one round, "1" for all). STORE_BACKFILL_SQUARES sets the squares of
 * round_score's rows, making a row that is missing whole (its total and
 * n from the same recount); after the round's rows of round_score are
 * deleted it rebuilds them. STORE_BACKFILL_ADOPTION fills round_adoption
 * for rounds that have no rows there (delete them first). Migration 8
 * runs them, so like it they never change. */
// clang-format off
#define STORE_BACKFILL_SQUARES(WHERE) \
	"INSERT INTO round_score (round_id, department, role, track,\n" \
	"	dimension, total, squares, n)\n" \
	"SELECT p.round_id, p.department, p.role, p.track, c.dimension,\n" \
	"	sum(c.score), sum(c.score * c.score), count(*)\n" \
	"FROM response p JOIN response_score c ON c.response_id = p.id\n" \
	"WHERE p.finished_at IS NOT NULL AND (" WHERE ")\n" \
	"GROUP BY p.round_id, p.department, p.role, p.track, c.dimension\n" \
	"ON CONFLICT (round_id, department, role, track, dimension)\n" \
	"DO UPDATE SET squares = excluded.squares;\n"
#define STORE_BACKFILL_ADOPTION(WHERE) \
	"INSERT INTO round_adoption (round_id, adoption, department, role,\n" \
	"	track, n)\n" \
	"SELECT p.round_id, p.adoption, p.department, p.role, p.track,\n" \
	"	count(*)\n" \
	"FROM response p\n" \
	"WHERE p.finished_at IS NOT NULL AND p.adoption IS NOT NULL\n" \
	"	AND (" WHERE ")\n" \
	"GROUP BY p.round_id, p.adoption, p.department, p.role, p.track;\n"
// clang-format on

/* Migration i (store-schema.c): the SQL that takes a database from
 * PRAGMA user_version i to i + 1; NULL outside 0 to
 * store_schema_version() - 1. */
const char *store_schema_migration(int i);

/* The stored answers of a response (store-response.c), by question index
 * of q: the choice (0: none), the percentages (all 0: none), when it was
 * given ("": never); answers to ids q does not know are left out. The
 * statements are prepared once, so that an export reads a round's
 * responses one after the other at the cost of one. */
struct store_answers {
	const struct questionnaire *q;
	int *choices;
	int (*estimates)[3];
	char (*answered_at)[21];
	sqlite3_stmt *answers_st;
	sqlite3_stmt *estimates_st;
};
/* Close a with store_answers_close even when opening fails. */
enum store_status store_answers_open(struct store *s, struct store_answers *a,
				     const struct questionnaire *q);
enum store_status store_answers_read(struct store *s, struct store_answers *a,
				     long long response_id);
void store_answers_close(struct store_answers *a);

/* ---- the checks of a file before SQLite opens it ---- */

/* Who asks: store_open, about to write the file, or store_merge, which
 * only reads it (its refusals end "; nothing was merged", and a few name
 * the fault in other words). */
enum store_header_use {
	STORE_HEADER_OPEN,
	STORE_HEADER_MERGE,
};
struct stat;
/* Refuse (STORE_ERR_REFUSED, with a message naming path) what is no
 * aimap database this aimap can use, from the file's type and size (sb,
 * from stat) and its SQLite header: a folder or other non-file, an empty
 * file, not SQLite, truncated, a bad page size, another program's, a
 * newer aimap's. STORE_ERR_IO when the header cannot be read. */
enum store_status store_check_header(struct store *s, const char *path,
				     const struct stat *sb,
				     enum store_header_use use);
/* True when path-wal holds frames: changes not yet in path itself. */
bool store_wal_has_data(const char *path);

/* ---- what a merge checks in the other file (store-merge-check.c) ---- */

/* The longest one statement of a merge may run: one that would run for
 * ever is stopped, and the write lock let go. Far more than any real
 * merge needs (the schema check already keeps out what could loop); the
 * clock is read every store_merge_limit_steps steps of SQLite's machine.
 * Variables so that the unit tests can make them short. */
#define STORE_MERGE_LIMIT_MS (5 * 60 * 1000)
extern int store_merge_limit_ms;
extern int store_merge_limit_steps;
struct merge_limit {
	long long started_ms;
	bool hit; /* a statement was stopped */
};
/* Start the clock and stop any statement of db that runs past it. */
void merge_limit_on(sqlite3 *db, struct merge_limit *l);
void merge_limit_off(sqlite3 *db);
/* A statement of the merge starts: its time counts from now. */
void merge_limit_next(void);
/* Refuse the other file (attached read-only as merge_src) unless its
 * schema is exactly the one aimap writes for version: no view, trigger,
 * table, index or column more or less, none defined otherwise. */
enum store_status store_merge_check_schema(struct store *s, const char *path,
					   long long version);
/* Refuse the other file attached as merge_src when a value in it is one
 * import would refuse (a round code with spaces, a score of 1e308, a
 * choice the question does not offer), naming path and the row. */
enum store_status store_merge_check_values(struct store *s, const char *path);

/* Inside a new response's transaction (store-invite.c): refuse a
 * response without an invitation in an invitations-only round, and one
 * with an invitation that is revoked, of another round or used; then
 * give the invitation its response. */
enum store_status store_invite_check(struct store *s,
				     const struct store_round *round,
				     long long invitation_id);
enum store_status store_invite_link(struct store *s, long long invitation_id,
				    long long response_id);
/* A page cache of up to 512 MiB for an import or a merge (128 MiB for
 * the temporary tables; store-room.c says why), returning the size
 * before (0: it could not be read, nothing changed), and that size back.
 * (store-room.c) */
int store_cache_widen(struct store *s);
void store_cache_restore(struct store *s, int previous);

/* ---- bulk writes without the running totals' triggers (store-totals.c) */

/* Responses from which dropping the triggers pays (measured: README,
 * Performance); store_totals_bulk_min starts at it, and the unit tests
 * make it small. */
#define STORE_TOTALS_BULK_MIN 50
extern long long store_totals_bulk_min;
/* Inside a write transaction, between whole responses: keep the text of
 * every trigger that writes a totals table and drop them, remembering the
 * last response's id. From here until store_totals_resume, only new
 * responses (with their rows) may be written, or an older one between
 * store_totals_add(s, -1, id, id) before and store_totals_add(s, 1, id,
 * id) after. Nothing happens when they are already dropped, or when one
 * of them writes a table that is no totals table. On failure, the caller
 * rolls back. */
enum store_status store_totals_suspend(struct store *s);
bool store_totals_suspended(const struct store *s);
/* Add sign (1 or -1) times the totals of responses first to last (row
 * ids) to the totals tables, as their triggers would have. */
enum store_status store_totals_add(struct store *s, int sign, long long first,
				   long long last);
/* Count the responses written since store_totals_suspend into the totals
 * and create the triggers again from the text kept: store_finish does,
 * before it commits. Nothing when none were dropped. */
enum store_status store_totals_resume(struct store *s);
/* After a rollback, which brought the triggers back: forget them. */
void store_totals_forget(struct store *s);

/* A round code in upper case; false when it cannot be one. */
bool store_code_upper(const char *code, char out[STORE_MAX_CODE + 1]);

#endif
