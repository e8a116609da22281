/* What the files of the store share: the connection and the helpers
 * around SQLite's statements and transactions. Only store*.c include this
 * (and so sqlite3.h). */
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
	bool disk_full; /* the last failure was a full disk */
};

/* Record a failure's message (store_error shows it) and return status. */
enum store_status store_fail(struct store *s, enum store_status status,
			     const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Record SQLite's last error. A corrupt file is the user's to fix, not an
 * I/O hiccup, so it is reported as a refusal. */
enum store_status store_fail_sql(struct store *s, const char *what);
enum store_status store_fail_errno(struct store *s, const char *what,
				   const char *file);

enum store_status store_prepare(struct store *s, const char *sql,
				const char *what, sqlite3_stmt **st);
/* finalize only repeats the error of the statement's last step, which
 * the caller has already recorded. */
void store_finalize(sqlite3_stmt *st);
/* Bind ?1, ?2, ... one letter per value: t text (NULL binds NULL),
 * T text and its size_t length, i int, I long long, D pointer to a double
 * (NULL binds NULL). Values are bound SQLITE_STATIC: every caller steps
 * and resets before its arguments go away. */
enum store_status store_bind(struct store *s, sqlite3_stmt *st,
			     const char *what, const char *types, ...);
/* Bind, run to completion and reset a statement that returns no rows, so
 * the caller can run it again with new values. */
enum store_status store_run(struct store *s, sqlite3_stmt *st, const char *what,
			    const char *types, ...);
/* Prepare sql, bind, run it once, finalize. */
enum store_status store_run_once(struct store *s, const char *sql,
				 const char *what, const char *types, ...);
/* Run SQL without parameters (one or more statements). */
enum store_status store_exec(struct store *s, const char *sql,
			     const char *what);
/* The first column of the first row of a query as an integer (0 when
 * there is no row). */
enum store_status store_query_int(struct store *s, const char *sql,
				  const char *what, long long *out);
/* A text column as a malloc'd string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int col);
void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size);

/* BEGIN IMMEDIATE: the write lock at once, so a second writer waits on
 * the busy timeout instead of failing on a read-to-write upgrade. */
enum store_status store_begin(struct store *s);
void store_rollback(struct store *s);
/* Commit when everything went well, roll back otherwise. */
enum store_status store_finish(struct store *s, enum store_status status);

/* A round code in upper case; false when it cannot be one. */
bool store_code_upper(const char *code, char out[STORE_MAX_CODE + 1]);

#endif
