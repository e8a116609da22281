/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "profile.h"
#include "store-internal.h"

/* ---- errors ------------------------------------------------------------ */

enum store_status store_fail(struct store *s, enum store_status status,
			     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = util_vformat(fmt, ap);
	va_end(ap);
	free(s->error);
	s->error = msg;
	return status;
}

/* Record SQLite's last error. A corrupt file is the user's to fix, not an
 * I/O hiccup, so it is reported as a refusal. */
enum store_status store_fail_sql(struct store *s, const char *what)
{
	s->errcode = sqlite3_errcode(s->db);
	int primary = s->errcode & 0xff;
	enum store_status status = STORE_ERR_IO;
	if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		status = STORE_ERR_REFUSED;
	/* SQLite says "disk I/O error" for a write that hit a full disk:
	 * the system's errno says which it was. */
	s->disk_full =
	    primary == SQLITE_FULL || sqlite3_system_errno(s->db) == ENOSPC;
	if (s->disk_full)
		return store_fail(s, status, "%s: %s: the disk is full (%s)",
				  s->path, what, sqlite3_errmsg(s->db));
	return store_fail(s, status, "%s: %s: %s", s->path, what,
			  sqlite3_errmsg(s->db));
}

bool store_disk_full(const struct store *s)
{
	return s->disk_full;
}

enum store_status store_fail_errno(struct store *s, const char *what,
				   const char *file)
{
	return store_fail(s, STORE_ERR_IO, "%s: %s %s: %s", s->path, what, file,
			  strerror(errno));
}

enum store_status store_data_version(struct store *s, long long *version)
{
	return store_query_int(s, "PRAGMA data_version",
			       "cannot read the data version", version);
}

enum store_status store_mark_take(struct store *s, struct store_mark *m)
{
	m->changes = sqlite3_total_changes(s->db);
	return store_data_version(s, &m->version);
}

enum store_status store_people_edits(struct store *s, long long *n)
{
	return store_query_int(s, "SELECT n FROM people_edits WHERE id = 1",
			       "cannot read the count of people's changes", n);
}

const char *store_error(const struct store *s)
{
	return s->error != NULL ? s->error : "";
}

const char *store_path(const struct store *s)
{
	return s->path;
}

static int store_interrupted(void *flag)
{
	return atomic_load((atomic_bool *)flag) ? 1 : 0;
}

void store_interrupt_when(struct store *s, atomic_bool *flag)
{
	sqlite3_progress_handler(s->db, 1000, store_interrupted, flag);
}

/* ---- statements -------------------------------------------------------- */

/* finalize only repeats the error of the statement's last step, which
 * the caller has already recorded. */
void store_finalize(sqlite3_stmt *st)
{
	(void)sqlite3_finalize(st);
}

enum store_status store_prepare(struct store *s, const char *sql,
				const char *what, sqlite3_stmt **st)
{
	*st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_fail_sql(s, what);
	return STORE_OK;
}

/* The cached statement of sql, if it has one. */
static struct store_cached *store_cache_find(struct store *s, const char *sql)
{
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql)
			return &s->cache[i];
	return NULL;
}

enum store_status store_stmt(struct store *s, const char *sql, const char *what,
			     sqlite3_stmt **st)
{
	struct store_cached *c = store_cache_find(s, sql);
	/* the same address with other text: a caller broke the rule, and
	 * gets a statement of its own rather than another's */
	if (c != NULL && !c->busy && strcmp(sqlite3_sql(c->st), sql) == 0) {
		c->busy = true;
		*st = c->st;
		return STORE_OK;
	}
	if (c != NULL)
		return store_prepare(s, sql, what, st);
	*st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK)
		return store_fail_sql(s, what);
	s->cache =
	    xreallocarray(s->cache, (size_t)s->ncache + 1, sizeof(*s->cache));
	s->cache[s->ncache++] = (struct store_cached){sql, *st, true};
	return STORE_OK;
}

void store_stmt_done(struct store *s, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].st != st)
			continue;
		/* reset repeats the last step's error, already recorded;
		 * clearing cannot fail on a valid statement */
		(void)sqlite3_reset(st);
		(void)sqlite3_clear_bindings(st);
		s->cache[i].busy = false;
		return;
	}
	store_finalize(st);
}

/* Finalize every cached statement (before the connection closes). */
static void store_cache_clear(struct store *s)
{
	for (int i = 0; i < s->ncache; i++)
		store_finalize(s->cache[i].st);
	free(s->cache);
	s->cache = NULL;
	s->ncache = 0;
}

/* Bind ?1, ?2, ... one letter per value: t text (NULL binds NULL),
 * T text and its size_t length, i int, I long long, D pointer to a double
 * (NULL binds NULL). Values are bound SQLITE_STATIC: every caller steps
 * and resets before its arguments go away. */
static int store_bind_values(sqlite3_stmt *st, const char *types, va_list ap)
{
	int rc = SQLITE_OK;
	for (int i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		int col = i + 1;
		const char *text;
		const double *real;
		switch (types[i]) {
		case 't':
			text = va_arg(ap, const char *);
			rc = text ? sqlite3_bind_text(st, col, text, -1,
						      SQLITE_STATIC)
				  : sqlite3_bind_null(st, col);
			break;
		case 'T':
			text = va_arg(ap, const char *);
			rc = sqlite3_bind_text64(st, col, text,
						 va_arg(ap, size_t),
						 SQLITE_STATIC, SQLITE_UTF8);
			break;
		case 'i':
			rc = sqlite3_bind_int(st, col, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, col, va_arg(ap, long long));
			break;
		case 'D':
			real = va_arg(ap, const double *);
			rc = real ? sqlite3_bind_double(st, col, *real)
				  : sqlite3_bind_null(st, col);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

static enum store_status store_bind_va(struct store *s, sqlite3_stmt *st,
				       const char *what, const char *types,
				       va_list ap)
{
	/* SQLite would quietly bind NULL to a parameter left out */
	int want = sqlite3_bind_parameter_count(st);
	if (strlen(types) != (size_t)want)
		return store_fail(s, STORE_ERR_IO,
				  "%s: %s: %zu values for %d parameters "
				  "(a bug in aimap)",
				  s->path, what, strlen(types), want);
	if (store_bind_values(st, types, ap) != SQLITE_OK)
		return store_fail_sql(s, what);
	return STORE_OK;
}

enum store_status store_bind(struct store *s, sqlite3_stmt *st,
			     const char *what, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status status = store_bind_va(s, st, what, types, ap);
	va_end(ap);
	return status;
}

/* The statement of sql, from the cache (store_stmt) or prepared for
 * this one use (store_prepare), with its parameters bound; the caller
 * gives it back even on failure. */
static enum store_status store_bound_va(struct store *s, const char *sql,
					const char *what, bool cached,
					sqlite3_stmt **st, const char *types,
					va_list ap)
{
	enum store_status status = cached ? store_stmt(s, sql, what, st)
					  : store_prepare(s, sql, what, st);
	if (status == STORE_OK)
		status = store_bind_va(s, *st, what, types, ap);
	return status;
}

/* Prepare sql and bind its parameters, as store_bind does. */
enum store_status store_prepare_bind(struct store *s, const char *sql,
				     const char *what, sqlite3_stmt **st,
				     const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status status =
	    store_bound_va(s, sql, what, false, st, types, ap);
	va_end(ap);
	return status;
}

enum store_status store_stmt_bind(struct store *s, const char *sql,
				  const char *what, sqlite3_stmt **st,
				  const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status status =
	    store_bound_va(s, sql, what, true, st, types, ap);
	va_end(ap);
	return status;
}

/* Step a query once. */
enum store_status store_step_row(struct store *s, sqlite3_stmt *st,
				 const char *what)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return STORE_ERR_NOT_FOUND;
	return store_fail_sql(s, what);
}

enum store_status store_rows_end(struct store *s, sqlite3_stmt *st,
				 const char *what, enum store_status status,
				 int rc)
{
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_stmt_done(s, st);
	return status;
}

/* Bind, run to completion and reset a statement that returns no rows, so
 * the caller can run it again with new values. */
enum store_status store_run(struct store *s, sqlite3_stmt *st, const char *what,
			    const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status status = store_bind_va(s, st, what, types, ap);
	va_end(ap);
	if (status == STORE_OK && sqlite3_step(st) != SQLITE_DONE)
		status = store_fail_sql(s, what);
	/* reset repeats a step error already recorded; clear_bindings
	 * cannot fail on a valid statement */
	(void)sqlite3_reset(st);
	if (sqlite3_clear_bindings(st) != SQLITE_OK && status == STORE_OK)
		status = store_fail_sql(s, what);
	return status;
}

/* The cached statement of sql, bound, run once and given back. */
enum store_status store_run_once(struct store *s, const char *sql,
				 const char *what, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	enum store_status status =
	    store_bound_va(s, sql, what, true, &st, types, ap);
	va_end(ap);
	if (status == STORE_OK && sqlite3_step(st) != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_stmt_done(s, st);
	return status;
}

/* Run SQL without parameters (one or more statements). */
enum store_status store_exec(struct store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail_sql(s, what);
	return STORE_OK;
}

/* The first column of the first row of a query as an integer (0 when
 * there is no row). */
enum store_status store_query_int(struct store *s, const char *sql,
				  const char *what, long long *out)
{
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, sql, what, &st);
	if (status != STORE_OK)
		return status;
	int rc = sqlite3_step(st);
	*out = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* A text column as a malloc'd string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	const unsigned char *text = sqlite3_column_text(st, col);
	if (text == NULL)
		util_out_of_memory();
	return xstrdup((const char *)text);
}

void store_library_setup(void)
{
	/* SQLITE_MISUSE once SQLite is in use: then it stays as it is */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* Page caches take memory a page at a time, as they need it. By
	 * default each new cache first takes a block of 20 pages and
	 * writes into every one, and a statement opens a new cache for
	 * each of its temporary tables: a CHECK (x IN (...)) of three or
	 * more values makes one for every row written. Writing a response
	 * made three of them, and the fresh memory's page faults were most
	 * of the demo's system time. */
	(void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *text = sqlite3_column_text(st, col);
	snprintf(buf, size, "%s", text != NULL ? (const char *)text : "");
}

const char *store_column_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

char *store_column_dup_text(sqlite3_stmt *st, int col)
{
	char *text = store_column_dup(st, col);
	return text != NULL ? text : xstrdup("");
}

enum role store_column_role(sqlite3_stmt *st, int col)
{
	const char *text = store_column_text(st, col);
	enum role role = ROLE_INDIVIDUAL;
	if (text != NULL)
		(void)role_parse(text, &role);
	return role;
}

enum track store_column_track(sqlite3_stmt *st, int col)
{
	const char *text = store_column_text(st, col);
	enum track track = TRACK_TECHNICAL;
	if (text != NULL)
		(void)track_parse(text, &track);
	return track;
}

enum segment store_column_segment(sqlite3_stmt *st, int col)
{
	const char *text = store_column_text(st, col);
	enum segment segment = SEGMENT_NONE;
	if (text != NULL && !segment_parse(text, &segment))
		segment = SEGMENT_NONE;
	return segment;
}

enum subtype store_column_subtype(sqlite3_stmt *st, int col)
{
	const char *text = store_column_text(st, col);
	enum subtype subtype = SUBTYPE_NONE;
	if (text != NULL && !subtype_parse(text, &subtype))
		subtype = SUBTYPE_NONE;
	return subtype;
}

/* ---- transactions ------------------------------------------------------ */

/* IMMEDIATE takes the write lock at once, so a second writer waits on the
 * busy timeout here instead of failing later with SQLITE_BUSY on a
 * read-to-write upgrade that no timeout can fix. */
enum store_status store_begin(struct store *s)
{
	if (s->batch)
		return STORE_OK; /* already inside the batch's transaction */
	return store_exec(s, "BEGIN IMMEDIATE",
			  "cannot start a write transaction");
}

/* Keep the error that caused the rollback; mention a failed rollback. */
void store_rollback(struct store *s)
{
	store_totals_forget(s); /* the rollback brings the triggers back */
	if (sqlite3_get_autocommit(s->db))
		return; /* SQLite already rolled back */
	if (sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
		char *first = s->error;
		s->error = NULL;
		store_fail(s, STORE_ERR_IO, "%s (and the rollback failed: %s)",
			   first ? first : s->path, sqlite3_errmsg(s->db));
		free(first);
	}
}

/* Commit when everything went well, roll back otherwise. */
enum store_status store_finish(struct store *s, enum store_status status)
{
	if (s->batch && status == STORE_OK)
		return STORE_OK; /* store_batch_end commits */
	s->batch = false;	 /* a failure ends the batch: all rolled back */
	/* never commit without the running totals' triggers */
	if (status == STORE_OK)
		status = store_totals_resume(s);
	if (status == STORE_OK)
		status = store_exec(s, "COMMIT", "cannot commit");
	if (status != STORE_OK)
		store_rollback(s);
	return status;
}

enum store_status store_batch_begin(struct store *s)
{
	enum store_status status = store_begin(s);
	s->batch = status == STORE_OK;
	return status;
}

enum store_status store_batch_begin_responses(struct store *s, long long n)
{
	/* kept wide from one batch to the next: narrowed, it would drop
	 * the pages the next batch writes again */
	if (!s->cache_wide)
		(void)store_cache_widen(s);
	s->cache_wide = true;
	enum store_status status = store_batch_begin(s);
	if (status == STORE_OK && n >= store_totals_bulk_min) {
		status = store_totals_suspend(s);
		if (status != STORE_OK)
			status = store_batch_end(s, status);
	}
	s->batch_responses = status == STORE_OK;
	return status;
}

enum store_status store_batch_end(struct store *s, enum store_status status)
{
	s->batch_responses = false;
	if (!s->batch)
		return status; /* a write failed and rolled everything back */
	s->batch = false;
	return store_finish(s, status);
}

/* A report or an export reads in one snapshot. */
enum store_status store_read_begin(struct store *s)
{
	return store_exec(s, "BEGIN", "cannot start reading");
}

/* A read-only transaction has nothing to lose: a failed COMMIT still
 * ends it, and ROLLBACK covers the rest. */
void store_read_end(struct store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- checks before SQLite sees the file -------------------------------- */

static uint32_t store_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* A merge's refusals say that nothing was merged. */
static const char *store_header_tail(enum store_header_use use)
{
	return use == STORE_HEADER_MERGE ? "; nothing was merged" : "";
}

static enum store_status store_refuse(struct store *s, const char *path,
				      enum store_header_use use,
				      const char *why)
{
	return store_fail(s, STORE_ERR_REFUSED, "%s: %s%s", path, why,
			  store_header_tail(use));
}

/* Reads up to 100 bytes; returns how many, or -1 with errno set. */
static ssize_t store_read_header(int fd, unsigned char h[100])
{
	size_t got = 0;
	while (got < 100) {
		ssize_t n = read(fd, h + got, 100 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* errno says why step ("open" or "read") failed. */
static enum store_status store_header_unreadable(struct store *s,
						 const char *path,
						 enum store_header_use use,
						 const char *step)
{
	if (use == STORE_HEADER_MERGE)
		return store_fail(s, STORE_ERR_IO, "%s: cannot %s: %s", path,
				  step, strerror(errno));
	return store_fail_errno(s, "cannot read", "it");
}

/* The first 100 bytes of path into h; n gets how many there are. */
static enum store_status store_header_read(struct store *s, const char *path,
					   enum store_header_use use,
					   unsigned char h[100], ssize_t *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return store_header_unreadable(s, path, use, "open");
	*n = store_read_header(fd, h);
	int saved = errno;
	close(fd);
	errno = saved;
	if (*n < 0)
		return store_header_unreadable(s, path, use, "read");
	return STORE_OK;
}

bool store_wal_has_data(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool has = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return has;
}

/* Page size and file size must agree with the header; see "Database File
 * Format", 1.3. Frames in path-wal may legitimately hold pages the main
 * file lacks (a checkpoint was cut short), but a merge reads the main
 * file alone. A merge names the fault less precisely. */
static enum store_status store_check_pages(struct store *s, const char *path,
					   enum store_header_use use,
					   const unsigned char *h, off_t size)
{
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || page > 65536 || (page & (page - 1)) != 0)
		return store_refuse(s, path, use,
				    "corrupt SQLite header (bad page size)");
	bool merge = use == STORE_HEADER_MERGE;
	uint32_t pages = store_be32(h + 28);
	bool count_valid = store_be32(h + 92) == store_be32(h + 24);
	bool whole = size % page == 0;
	bool missing = count_valid && (uint64_t)pages > (uint64_t)size / page &&
		       (merge || !store_wal_has_data(path));
	if (merge && (!whole || missing))
		return store_refuse(s, path, use,
				    "truncated or corrupt (its size does not "
				    "match its header)");
	if (!whole)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: truncated or corrupt (%lld bytes is "
				  "not a whole number of %u-byte pages)",
				  path, (long long)size, (unsigned)page);
	if (missing)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: truncated or corrupt (the header says "
				  "%u pages, the file holds %lld)",
				  path, (unsigned)pages,
				  (long long)(size / page));
	return STORE_OK;
}

/* Is this aimap's, and not from a newer aimap? Used on the raw header
 * and again through SQL once the file is open. A merge has nothing to
 * take from a file without aimap's tables; store_open builds them. */
static enum store_status store_check_identity(struct store *s, const char *path,
					      enum store_header_use use,
					      long long app, long long version)
{
	bool merge = use == STORE_HEADER_MERGE;
	if (app != STORE_APPLICATION_ID && merge)
		return store_refuse(s, path, use,
				    "not an aimap database (another "
				    "program's SQLite file?)");
	if (app != STORE_APPLICATION_ID)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s is not an aimap database (another "
				  "program's SQLite file?)",
				  path);
	if (version > store_schema_version())
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s was written by a newer aimap (schema "
				  "%lld; this aimap knows up to %d)%s",
				  path, version, store_schema_version(),
				  store_header_tail(use));
	if (version < 1 && merge)
		return store_refuse(s, path, use, "holds no aimap tables");
	if (version < 0)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: invalid schema version %lld", path,
				  version);
	return STORE_OK;
}

enum store_status store_check_header(struct store *s, const char *path,
				     const struct stat *sb,
				     enum store_header_use use)
{
	if (S_ISDIR(sb->st_mode))
		return store_refuse(s, path, use,
				    "is a folder, not an aimap database");
	if (!S_ISREG(sb->st_mode))
		return store_refuse(s, path, use,
				    use == STORE_HEADER_MERGE
					? "not a regular file"
					: "not a regular file, not an aimap "
					  "database");
	if (sb->st_size == 0)
		return store_refuse(s, path, use,
				    "empty file, not an aimap database");
	unsigned char h[100];
	ssize_t n = 0;
	enum store_status status = store_header_read(s, path, use, h, &n);
	if (status != STORE_OK)
		return status;
	if (n < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return store_refuse(s, path, use, "not an SQLite database");
	if (n < 100)
		return store_refuse(s, path, use,
				    "truncated or corrupt (shorter than an "
				    "SQLite header)");
	status = store_check_pages(s, path, use, h, sb->st_size);
	if (status == STORE_OK)
		status = store_check_identity(s, path, use,
					      (int32_t)store_be32(h + 68),
					      (int32_t)store_be32(h + 60));
	return status;
}

/* WAL needs to create path-wal and path-shm beside the file. Commands
 * that only read get here only when it can be written
 * (store_open_to_read), so the message is for one that writes. */
static enum store_status store_check_writable(struct store *s)
{
	if (access(s->path, W_OK) != 0)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: the file is read-only (%s) and this "
				  "command writes to it; to work on it, copy "
				  "it (cp %s copy.db) and give --db copy.db",
				  s->path, strerror(errno), s->path);
	char *dir = util_dir_of(s->path);
	enum store_status status = STORE_OK;
	if (access(dir, W_OK) != 0)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: its folder %s is read-only (%s) and "
				    "this command writes there (SQLite's -wal "
				    "and -shm files); to work on it, copy it "
				    "(cp %s copy.db) and give --db copy.db",
				    s->path, dir, strerror(errno), s->path);
	free(dir);
	return status;
}

/* The file, or its folder, cannot be written by us: a read-only mode,
 * an immutable file or a read-only file system. */
static bool store_cannot_write(const char *path)
{
	if (access(path, W_OK) != 0)
		return true;
	char *dir = util_dir_of(path);
	bool cannot = access(dir, W_OK) != 0;
	free(dir);
	return cannot;
}

/* Everything we can tell from the file without SQLite, which would turn
 * an empty file into a database and write to one it then finds wanting. */
static enum store_status store_check_file(struct store *s,
					  const struct stat *sb)
{
	enum store_status status =
	    store_check_header(s, s->path, sb, STORE_HEADER_OPEN);
	if (status == STORE_OK)
		status = store_check_writable(s);
	return status;
}

/* ---- connection -------------------------------------------------------- */

/* The first queries read the header and parse the schema; a file that
 * fails them is refused before anything is written to it. */
static enum store_status store_check_sql(struct store *s, long long *version)
{
	long long app, tables;
	enum store_status status = store_query_int(
	    s, "PRAGMA application_id", "cannot read application_id", &app);
	if (status == STORE_OK)
		status = store_query_int(s, "PRAGMA user_version",
					 "cannot read user_version", version);
	if (status == STORE_OK)
		status =
		    store_query_int(s, "SELECT count(*) FROM sqlite_master",
				    "cannot read the schema", &tables);
	if (status == STORE_ERR_REFUSED) /* SQLITE_CORRUPT or NOTADB */
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: truncated or corrupt SQLite database "
				  "(%s)",
				  s->path, sqlite3_errstr(s->errcode));
	if (status != STORE_OK)
		return status;
	return store_check_identity(s, s->path, STORE_HEADER_OPEN, app,
				    *version);
}

static enum store_status store_configure(struct store *s)
{
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, "PRAGMA journal_mode = WAL",
						 "cannot set WAL mode", &st);
	if (status != STORE_OK)
		return status;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = store_fail_sql(s, "cannot set WAL mode");
	} else {
		const unsigned char *mode = sqlite3_column_text(st, 0);
		if (mode == NULL || strcmp((const char *)mode, "wal") != 0)
			status = store_fail(
			    s, STORE_ERR_IO,
			    "%s: SQLite stays in journal mode %s, not WAL "
			    "(a network file system?)",
			    s->path, mode ? (const char *)mode : "?");
	}
	store_finalize(st);
	if (status == STORE_OK)
		status = store_exec(s, "PRAGMA synchronous = FULL",
				    "cannot set synchronous=FULL");
	if (status == STORE_OK)
		status = store_exec(s, "PRAGMA foreign_keys = ON",
				    "cannot turn foreign keys on");
	return status;
}

/* Bring the schema up to date. The version is read again inside the
 * transaction: another process may have migrated since we looked. */
static enum store_status store_migrate(struct store *s)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long version;
	status = store_query_int(s, "PRAGMA user_version",
				 "cannot read user_version", &version);
	if (status == STORE_OK)
		status = store_check_identity(s, s->path, STORE_HEADER_OPEN,
					      STORE_APPLICATION_ID, version);
	int target = store_schema_version();
	for (int i = (int)version; status == STORE_OK && i < target; i++) {
		char what[64];
		snprintf(what, sizeof(what), "migration to schema %d failed",
			 i + 1);
		status = store_exec(s, store_schema_migration(i), what);
	}
	if (status == STORE_OK && version < target) {
		char sql[64]; /* a number, not user text */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", target);
		status = store_exec(s, sql, "cannot set user_version");
	}
	return store_finish(s, status);
}

/* A database file may come from anyone: nothing stored in its schema
 * (a view, a trigger, a generated column) may call a function with side
 * effects, and no SQL may write the file's structure directly. */
enum store_status store_harden(sqlite3 *db)
{
	int on = 0, trusted = 1;
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
		SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
			      &trusted) != SQLITE_OK ||
	    on != 1 || trusted != 0)
		return STORE_ERR_IO;
	return STORE_OK;
}

/* SQLite reads a name starting "file:" as a URI when it was built to:
 * "./" in front keeps every relative name a file name. */
char *store_file_name(const char *path)
{
	return path[0] == '/' ? xstrdup(path) : xasprintf("./%s", path);
}

static enum store_status store_connect(struct store *s, const char *file)
{
	char *name = store_file_name(file);
	/* NOMUTEX: a connection is used by one thread at a time (the
	 * dashboard's worker opens its own: store_open_again), so SQLite
	 * need not lock it on every call, a tenth of reading a round. URI:
	 * merge attaches the other file by a URI (read-only, immutable),
	 * whatever SQLite's build defaults to; store_file_name keeps this
	 * file's own name a name. */
	int rc = sqlite3_open_v2(name, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
				     SQLITE_OPEN_URI,
				 NULL);
	free(name);
	if (rc != SQLITE_OK)
		return store_fail_sql(s, "cannot open");
	if (store_harden(s->db) != STORE_OK)
		return store_fail(s, STORE_ERR_IO,
				  "%s: cannot turn on SQLite's defensive mode",
				  s->path);
	if (sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		return store_fail_sql(s, "cannot set the busy timeout");
	return STORE_OK;
}

char *store_file_uri(const char *path, const char *query)
{
	size_t len = strlen(path);
	char *uri = xmalloc(7 + 3 * len + 1 + strlen(query) + 1);
	char *o = uri;
	memcpy(o, "file:", 5);
	o += 5;
	if (path[0] != '/') { /* a relative name: no authority to mistake */
		memcpy(o, "./", 2);
		o += 2;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr("-._~/", *p);
		if (plain) {
			*o++ = (char)*p;
		} else {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		}
	}
	*o++ = '?';
	strcpy(o, query);
	return uri;
}

/* Read-only, for a file that cannot be written. Nothing can change it
 * under us then, so no lock is needed (immutable), unless changes wait
 * in its -wal: those need SQLite's shared memory. */
static enum store_status store_connect_read_only(struct store *s)
{
	bool wal = store_wal_has_data(s->path);
	char *uri =
	    store_file_uri(s->path, wal ? "mode=ro" : "mode=ro&immutable=1");
	int rc = sqlite3_open_v2(uri, &s->db,
				 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				     SQLITE_OPEN_NOMUTEX, /* as store_connect */
				 NULL);
	free(uri);
	if (rc != SQLITE_OK && wal)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: cannot be written, and changes wait in "
				  "%s-wal that need writing to read (%s); open "
				  "it once where it can be written, or copy "
				  "both files",
				  s->path, s->path, sqlite3_errmsg(s->db));
	if (rc != SQLITE_OK)
		return store_fail_sql(s, "cannot open");
	if (store_harden(s->db) != STORE_OK)
		return store_fail(s, STORE_ERR_IO,
				  "%s: cannot turn on SQLite's defensive mode",
				  s->path);
	if (sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		return store_fail_sql(s, "cannot set the busy timeout");
	return STORE_OK;
}

static enum store_status store_open_read_only(struct store *s)
{
	struct stat sb;
	if (stat(s->path, &sb) != 0)
		return store_fail(s, STORE_ERR_IO, "%s: cannot open: %s",
				  s->path, strerror(errno));
	enum store_status status =
	    store_check_header(s, s->path, &sb, STORE_HEADER_OPEN);
	if (status == STORE_OK)
		status = store_connect_read_only(s);
	long long version = 0;
	if (status == STORE_OK)
		status = store_check_sql(s, &version);
	if (status == STORE_OK && version < store_schema_version())
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: written by an older aimap (schema "
				    "%lld), and read-only here: bringing it up "
				    "to date needs writing; copy it (cp %s "
				    "copy.db) and give --db copy.db",
				    s->path, version, s->path);
	return status;
}

static enum store_status store_disconnect(struct store *s)
{
	enum store_status status = STORE_OK;
	store_cache_clear(s);
	if (s->db != NULL && sqlite3_close(s->db) != SQLITE_OK)
		status = store_fail_sql(s, "cannot close");
	s->db = NULL;
	return status;
}

static enum store_status store_open_existing(struct store *s)
{
	struct stat sb;
	if (stat(s->path, &sb) != 0)
		return store_fail(s, STORE_ERR_IO, "%s: cannot open: %s",
				  s->path, strerror(errno));
	enum store_status status = store_check_file(s, &sb);
	if (status == STORE_OK)
		status = store_connect(s, s->path);
	long long version = 0;
	if (status == STORE_OK)
		status = store_check_sql(s, &version);
	if (status == STORE_OK)
		status = store_configure(s);
	if (status == STORE_OK && version < store_schema_version())
		status = store_migrate(s);
	return status;
}

/* ---- creation ---------------------------------------------------------- */

/* Like mkdir -p; folders we make are private (0700): answers are
 * personal. */
static enum store_status store_mkdir_p(struct store *s, const char *dir)
{
	struct stat sb;
	if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return STORE_OK;
	char *p = xstrdup(dir);
	enum store_status status = STORE_OK;
	for (char *c = p + 1; status == STORE_OK; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char saved = *c;
		*c = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			status = store_fail_errno(s, "cannot create folder", p);
		*c = saved;
		if (saved == '\0')
			break;
	}
	free(p);
	return status;
}

/* Make the whole database in file, then close it so that every page is in
 * the main file (not a -wal named after the temporary). */
static enum store_status store_build(struct store *s, const char *file)
{
	enum store_status status = store_connect(s, file);
	if (status == STORE_OK)
		status = store_configure(s);
	if (status == STORE_OK) {
		char sql[64]; /* a number, not user text */
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
			 STORE_APPLICATION_ID);
		status = store_exec(s, sql, "cannot set application_id");
	}
	if (status == STORE_OK)
		status = store_migrate(s);
	long long busy;
	if (status == STORE_OK)
		status = store_query_int(s, "PRAGMA wal_checkpoint(TRUNCATE)",
					 "cannot checkpoint the new database",
					 &busy);
	if (status == STORE_OK && busy != 0)
		status = store_fail(s, STORE_ERR_IO,
				    "%s: cannot checkpoint the new database",
				    s->path);
	enum store_status closed = store_disconnect(s);
	return status != STORE_OK ? status : closed;
}

static void store_remove_temp(const char *tmp)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *name = xasprintf("%s%s", tmp, suffixes[i]);
		(void)unlink(name); /* most of them do not exist */
		free(name);
	}
}

/* Make the file durable, then its name. */
static enum store_status store_sync_dir(struct store *s, const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return store_fail_errno(s, "cannot open folder", dir);
	enum store_status status = STORE_OK;
	if (fsync(fd) != 0)
		status = store_fail_errno(s, "cannot sync folder", dir);
	close(fd);
	return status;
}

/* Build the database under a temporary name and link it into place:
 * link, unlike rename, fails when the name exists, so when two processes
 * race the first one wins and nobody ever opens a half-made file. */
static enum store_status store_create(struct store *s)
{
	char *dir = util_dir_of(s->path);
	enum store_status status = store_mkdir_p(s, dir);
	char *tmp = xasprintf("%s.new-XXXXXX", s->path);
	int fd = -1;
	if (status == STORE_OK && (fd = mkstemp(tmp)) < 0)
		status = store_fail_errno(s, "cannot create a temporary file",
					  "in its folder");
	if (fd >= 0) {
		status = store_build(s, tmp);
		if (status == STORE_OK && fsync(fd) != 0)
			status = store_fail_errno(s, "cannot sync", tmp);
		if (close(fd) != 0 && status == STORE_OK)
			status = store_fail_errno(s, "cannot close", tmp);
		if (status == STORE_OK && link(tmp, s->path) != 0 &&
		    errno != EEXIST) /* EEXIST: another process won */
			status = store_fail_errno(s, "cannot create", "it");
		if (status == STORE_OK)
			status = store_sync_dir(s, dir);
		store_remove_temp(tmp);
	}
	free(tmp);
	free(dir);
	return status;
}

static struct store *store_open_as(const char *path, bool to_read,
				   enum store_status *status, char **message)
{
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	enum store_status st = STORE_OK;
	struct stat sb;
	if (strcmp(path, ":memory:") == 0) {
		st = store_fail(s, STORE_ERR_REFUSED,
				"%s: SQLite's name for a database in memory, "
				"where no answer would outlive aimap; give a "
				"file name (./:memory: for a file called "
				"that)",
				path);
	} else if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			st = store_create(s);
		else
			st = store_fail(s, STORE_ERR_IO, "%s: cannot open: %s",
					path, strerror(errno));
	}
	if (st == STORE_OK && to_read && store_cannot_write(path))
		st = store_open_read_only(s);
	else if (st == STORE_OK)
		st = store_open_existing(s);
	if (status != NULL)
		*status = st;
	if (message != NULL)
		*message = st == STORE_OK ? NULL : xstrdup(store_error(s));
	if (st != STORE_OK) {
		store_close(s);
		return NULL;
	}
	return s;
}

struct store *store_open(const char *path, enum store_status *status,
			 char **message)
{
	return store_open_as(path, false, status, message);
}

struct store *store_open_to_read(const char *path, enum store_status *status,
				 char **message)
{
	return store_open_as(path, true, status, message);
}

/* No check of the file here: a check opens and closes it, and closing
 * any descriptor of a file drops every POSIX lock this process holds on
 * it, the first connection's included (SQLite would then take its WAL
 * for unused and another process could delete it). SQLite's own opening
 * shares the locks it holds. */
struct store *store_open_again(const struct store *first, char **message)
{
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(first->path);
	enum store_status st = sqlite3_db_readonly(first->db, "main") == 1
				   ? store_connect_read_only(s)
				   : store_connect(s, s->path);
	if (st != STORE_OK) {
		*message = xstrdup(store_error(s));
		store_close(s);
		return NULL;
	}
	*message = NULL;
	return s;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	/* Nothing to report to: the last write has been committed, and
	 * SQLite keeps a WAL it could not checkpoint for the next open. */
	(void)store_disconnect(s);
	store_totals_forget(s); /* an unfinished transaction rolled back */
	free(s->error);
	free(s->path);
	free(s->salt);
	free(s);
}
