#include "config.h"

#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "profile.h"
#include "util.h"

struct store {
	sqlite3 *db;
	char *path;
	char *error;
	int errcode; /* SQLite's code for the last failure, or 0 */
};

/* ---- schema ------------------------------------------------------------ */

/* Migration i takes a database from user_version i to i + 1. A migration,
 * once released, never changes: databases in the field were built by it.
 * Add a new entry instead. */
static const char *const store_migrations[] = {
    /* 1: the initial schema. The CHECK lists repeat the names of
     * profile.h because a stored schema cannot follow code that changes
     * later; a rename needs a migration. DEFAULT 5 was
     * STORE_DEFAULT_MIN_GROUP when this was written; inserts pass the
     * current value. Scores carry no range CHECK: a rounding excess must
     * never cost a respondent their answers. */
    "CREATE TABLE questionnaire (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	qid TEXT NOT NULL,\n"
    "	version INTEGER NOT NULL,\n"
    "	title TEXT NOT NULL,\n"
    "	hash TEXT NOT NULL,\n"
    "	source TEXT NOT NULL,\n"
    "	added_at TEXT NOT NULL,\n"
    "	UNIQUE (qid, hash)\n"
    ");\n"
    "CREATE TABLE round (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	code TEXT NOT NULL COLLATE NOCASE UNIQUE,\n"
    "	name TEXT NOT NULL,\n"
    "	questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),\n"
    "	state TEXT NOT NULL DEFAULT 'open'\n"
    "		CHECK (state IN ('open', 'closed')),\n"
    "	min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group >= 1),\n"
    "	created_at TEXT NOT NULL,\n"
    "	closed_at TEXT\n"
    ");\n"
    "CREATE INDEX round_questionnaire ON round(questionnaire_id);\n"
    "CREATE TABLE round_department (\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,\n"
    "	position INTEGER NOT NULL,\n"
    "	name TEXT NOT NULL,\n"
    "	PRIMARY KEY (round_id, position),\n"
    "	UNIQUE (round_id, name)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE respondent (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	name TEXT,\n"
    "	champion_contact INTEGER NOT NULL DEFAULT 0\n"
    "		CHECK (champion_contact IN (0, 1)),\n"
    "	created_at TEXT NOT NULL\n"
    ");\n"
    /* names are stored trimmed; a returning respondent is looked up by
     * name ignoring case (store_response_find_person) */
    "CREATE INDEX respondent_name ON respondent(name COLLATE NOCASE);\n"
    "CREATE TABLE response (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id),\n"
    "	respondent_id INTEGER NOT NULL REFERENCES respondent(id),\n"
    "	department TEXT NOT NULL,\n"
    "	role TEXT NOT NULL CHECK (role IN\n"
    "		('executive', 'manager', 'senior-tech', 'individual')),\n"
    "	track TEXT NOT NULL CHECK (track IN ('technical', 'citizen')),\n"
    "	started_at TEXT NOT NULL,\n"
    "	finished_at TEXT,\n"
    "	segment TEXT CHECK (segment IN\n"
    "		('champion', 'willing', 'cautious')),\n"
    "	subtype TEXT CHECK (subtype IN\n"
    "		('sharing', 'alone', 'skeptic', 'not-started')),\n"
    "	adoption REAL,\n"
    "	UNIQUE (round_id, respondent_id)\n"
    ");\n"
    "CREATE INDEX response_round_finished\n"
    "	ON response(round_id, finished_at);\n"
    "CREATE INDEX response_respondent ON response(respondent_id);\n"
    "CREATE TABLE answer (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	question TEXT NOT NULL,\n"
    "	choice INTEGER NOT NULL CHECK (choice >= 1),\n"
    "	answered_at TEXT NOT NULL,\n"
    "	PRIMARY KEY (response_id, question)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE estimate (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	question TEXT NOT NULL,\n"
    "	champions INTEGER NOT NULL CHECK (champions BETWEEN 0 AND 100),\n"
    "	willing INTEGER NOT NULL CHECK (willing BETWEEN 0 AND 100),\n"
    "	cautious INTEGER NOT NULL CHECK (cautious BETWEEN 0 AND 100),\n"
    "	answered_at TEXT NOT NULL,\n"
    "	CHECK (champions + willing + cautious = 100),\n"
    "	PRIMARY KEY (response_id, question)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE response_score (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	dimension TEXT NOT NULL,\n"
    "	score REAL NOT NULL,\n"
    "	PRIMARY KEY (response_id, dimension)\n"
    ") WITHOUT ROWID;\n",
};

int store_schema_version(void)
{
	return (int)ARRAY_LEN(store_migrations);
}

/* ---- errors ------------------------------------------------------------ */

static enum store_status store_fail(struct store *s, enum store_status status,
				    const char *fmt, ...) PRINTF_LIKE(3, 4);

static enum store_status store_fail(struct store *s, enum store_status status,
				    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	free(s->error);
	s->error = msg;
	return status;
}

/* Record SQLite's last error. A corrupt file is the user's to fix, not an
 * I/O hiccup, so it is reported as a refusal. */
static enum store_status store_fail_sql(struct store *s, const char *what)
{
	s->errcode = sqlite3_errcode(s->db);
	int primary = s->errcode & 0xff;
	enum store_status status = STORE_ERR_IO;
	if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		status = STORE_ERR_REFUSED;
	return store_fail(s, status, "%s: %s: %s", s->path, what,
			  sqlite3_errmsg(s->db));
}

static enum store_status store_fail_errno(struct store *s, const char *what,
					  const char *file)
{
	return store_fail(s, STORE_ERR_IO, "%s: %s %s: %s", s->path, what, file,
			  strerror(errno));
}

const char *store_error(const struct store *s)
{
	return s->error != NULL ? s->error : "";
}

const char *store_path(const struct store *s)
{
	return s->path;
}

/* ---- statements -------------------------------------------------------- */

/* finalize only repeats the error of the statement's last step, which
 * the caller has already recorded. */
static void store_finalize(sqlite3_stmt *st)
{
	(void)sqlite3_finalize(st);
}

static enum store_status store_prepare(struct store *s, const char *sql,
				       const char *what, sqlite3_stmt **st)
{
	*st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_fail_sql(s, what);
	return STORE_OK;
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

static enum store_status store_bind(struct store *s, sqlite3_stmt *st,
				    const char *what, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status status = store_bind_va(s, st, what, types, ap);
	va_end(ap);
	return status;
}

/* Bind, run to completion and reset a statement that returns no rows, so
 * the caller can run it again with new values. */
static enum store_status store_run(struct store *s, sqlite3_stmt *st,
				   const char *what, const char *types, ...)
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

/* Run SQL without parameters (one or more statements). */
static enum store_status store_exec(struct store *s, const char *sql,
				    const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail_sql(s, what);
	return STORE_OK;
}

/* The first column of the first row of a query as an integer (0 when
 * there is no row). */
static enum store_status store_query_int(struct store *s, const char *sql,
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
static char *store_column_dup(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	const unsigned char *text = sqlite3_column_text(st, col);
	if (text == NULL)
		util_out_of_memory();
	return xstrdup((const char *)text);
}

static void store_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *text = sqlite3_column_text(st, col);
	snprintf(buf, size, "%s", text != NULL ? (const char *)text : "");
}

/* ---- transactions ------------------------------------------------------ */

/* IMMEDIATE takes the write lock at once, so a second writer waits on the
 * busy timeout here instead of failing later with SQLITE_BUSY on a
 * read-to-write upgrade that no timeout can fix. */
static enum store_status store_begin(struct store *s)
{
	return store_exec(s, "BEGIN IMMEDIATE",
			  "cannot start a write transaction");
}

/* Keep the error that caused the rollback; mention a failed rollback. */
static void store_rollback(struct store *s)
{
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
static enum store_status store_finish(struct store *s, enum store_status status)
{
	if (status == STORE_OK)
		status = store_exec(s, "COMMIT", "cannot commit");
	if (status != STORE_OK)
		store_rollback(s);
	return status;
}

/* ---- checks before SQLite sees the file -------------------------------- */

static uint32_t store_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static enum store_status store_refuse(struct store *s, const char *why)
{
	return store_fail(s, STORE_ERR_REFUSED, "%s: %s", s->path, why);
}

/* The folder holding path, malloc'd. */
static char *store_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Reads up to 100 bytes; returns how many, or -1 with errno set. */
static ssize_t store_read_header(const char *path, unsigned char h[100])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < 100) {
		ssize_t n = read(fd, h + got, 100 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}

/* True when path-wal holds frames: the main file may then legitimately
 * lag behind the page count of its header (a checkpoint was cut short). */
static bool store_wal_has_data(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool has = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return has;
}

/* Page size and file size must agree with the header; see "Database File
 * Format", 1.3. */
static enum store_status store_check_pages(struct store *s,
					   const unsigned char *h, off_t size)
{
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || page > 65536 || (page & (page - 1)) != 0)
		return store_refuse(s, "corrupt SQLite header (bad page size)");
	if (size % page != 0)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: truncated or corrupt (%lld bytes is "
				  "not a whole number of %u-byte pages)",
				  s->path, (long long)size, (unsigned)page);
	uint32_t pages = store_be32(h + 28);
	bool count_valid = store_be32(h + 92) == store_be32(h + 24);
	if (count_valid && (uint64_t)pages > (uint64_t)size / page &&
	    !store_wal_has_data(s->path))
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: truncated or corrupt (the header says "
				  "%u pages, the file holds %lld)",
				  s->path, (unsigned)pages,
				  (long long)(size / page));
	return STORE_OK;
}

/* Is this aimap's, and not from a newer aimap? Used on the raw header
 * and again through SQL once the file is open. */
static enum store_status store_check_identity(struct store *s, long long app,
					      long long version)
{
	if (app != STORE_APPLICATION_ID)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s is not an aimap database (another "
				  "program's SQLite file?)",
				  s->path);
	if (version > store_schema_version())
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s was written by a newer aimap (schema "
				  "%lld; this aimap knows up to %d)",
				  s->path, version, store_schema_version());
	if (version < 0)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: invalid schema version %lld", s->path,
				  version);
	return STORE_OK;
}

/* WAL needs to create path-wal and path-shm beside the file. */
static enum store_status store_check_writable(struct store *s)
{
	if (access(s->path, W_OK) != 0)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: cannot write to it (%s); aimap needs "
				  "to record answers there",
				  s->path, strerror(errno));
	char *dir = store_dir_of(s->path);
	enum store_status status = STORE_OK;
	if (access(dir, W_OK) != 0)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: its folder %s is not writable (%s); "
				    "SQLite needs to create its -wal and -shm "
				    "files there",
				    s->path, dir, strerror(errno));
	free(dir);
	return status;
}

/* Everything we can tell from the file without SQLite, which would turn
 * an empty file into a database and write to one it then finds wanting. */
static enum store_status store_check_file(struct store *s,
					  const struct stat *sb)
{
	if (S_ISDIR(sb->st_mode))
		return store_refuse(s, "is a folder, not an aimap database");
	if (!S_ISREG(sb->st_mode))
		return store_refuse(s, "not a regular file, not an aimap "
				       "database");
	if (sb->st_size == 0)
		return store_refuse(s, "empty file, not an aimap database");
	unsigned char h[100];
	ssize_t n = store_read_header(s->path, h);
	if (n < 0)
		return store_fail_errno(s, "cannot read", "it");
	if (n < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return store_refuse(s, "not an SQLite database");
	if (n < 100)
		return store_refuse(s, "truncated or corrupt (shorter than "
				       "an SQLite header)");
	enum store_status status = store_check_pages(s, h, sb->st_size);
	if (status == STORE_OK)
		status = store_check_identity(s, (int32_t)store_be32(h + 68),
					      (int32_t)store_be32(h + 60));
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
	return store_check_identity(s, app, *version);
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
		status = store_check_identity(s, STORE_APPLICATION_ID, version);
	int target = store_schema_version();
	for (int i = (int)version; status == STORE_OK && i < target; i++) {
		char what[64];
		snprintf(what, sizeof(what), "migration to schema %d failed",
			 i + 1);
		status = store_exec(s, store_migrations[i], what);
	}
	if (status == STORE_OK && version < target) {
		char sql[64]; /* a number, not user text */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", target);
		status = store_exec(s, sql, "cannot set user_version");
	}
	return store_finish(s, status);
}

static enum store_status store_connect(struct store *s, const char *file)
{
	if (sqlite3_open_v2(file, &s->db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		return store_fail_sql(s, "cannot open");
	if (sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		return store_fail_sql(s, "cannot set the busy timeout");
	return STORE_OK;
}

static enum store_status store_disconnect(struct store *s)
{
	enum store_status status = STORE_OK;
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
	char *dir = store_dir_of(s->path);
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

struct store *store_open(const char *path, enum store_status *status,
			 char **message)
{
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	enum store_status st = STORE_OK;
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			st = store_create(s);
		else
			st = store_fail(s, STORE_ERR_IO, "%s: cannot open: %s",
					path, strerror(errno));
	}
	if (st == STORE_OK)
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

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	/* Nothing to report to: the last write has been committed, and
	 * SQLite keeps a WAL it could not checkpoint for the next open. */
	(void)store_disconnect(s);
	free(s->error);
	free(s->path);
	free(s);
}

/* ---- questionnaires ---------------------------------------------------- */

static enum store_status store_questionnaire_lookup(struct store *s,
						    const char *qid,
						    const char *hash,
						    long long *id)
{
	const char *what = "cannot look up a stored questionnaire";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s, "SELECT id FROM questionnaire WHERE qid = ?1 AND hash = ?2",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "tt", qid, hash);
	if (status == STORE_OK) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		else if (rc == SQLITE_DONE)
			status = STORE_ERR_NOT_FOUND;
		else
			status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

enum store_status store_questionnaire_save(struct store *s,
					   const struct questionnaire *q,
					   long long *id)
{
	/* hashed here, not taken from q, so the key always fits the text */
	char hash[17], now[21];
	util_hash_hex(q->source, q->source_len, hash);
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_questionnaire_lookup(s, q->id, hash, id);
	if (status == STORE_ERR_NOT_FOUND) {
		const char *what = "cannot store the questionnaire";
		sqlite3_stmt *st;
		status = store_prepare(
		    s,
		    "INSERT INTO questionnaire (qid, version, title, hash,"
		    " source, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		    what, &st);
		if (status == STORE_OK)
			status = store_run(s, st, what, "tittTt", q->id,
					   q->version, q->title, hash,
					   q->source, q->source_len, now);
		store_finalize(st);
		if (status == STORE_OK)
			*id = sqlite3_last_insert_rowid(s->db);
	}
	return store_finish(s, status);
}

enum store_status store_questionnaire_source(struct store *s, long long id,
					     char **text, size_t *len,
					     char **name)
{
	const char *what = "cannot read a stored questionnaire";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s, "SELECT qid, version, source FROM questionnaire WHERE id = ?1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", id);
	int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
	if (rc == SQLITE_ROW) {
		const char *source = (const char *)sqlite3_column_text(st, 2);
		if (source == NULL)
			util_out_of_memory();
		*len = (size_t)sqlite3_column_bytes(st, 2);
		*text = xmalloc(*len + 1);
		memcpy(*text, source, *len + 1);
		*name = xasprintf("stored questionnaire %s v%d",
				  (const char *)sqlite3_column_text(st, 0),
				  sqlite3_column_int(st, 1));
	} else if (rc == SQLITE_DONE) {
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no stored questionnaire %lld", s->path, id);
	} else if (status == STORE_OK) {
		status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

/* ---- rounds ------------------------------------------------------------ */

/* Codes are said aloud and typed from a slide: no 0/O, 1/I/L. */
static const char store_code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
#define STORE_CODE_LEN 6

/* Upper-case code into out; false when it is too long to be a code. */
static bool store_code_upper(const char *code, char out[STORE_MAX_CODE + 1])
{
	size_t len = strlen(code);
	if (len > STORE_MAX_CODE)
		return false;
	for (size_t i = 0; i <= len; i++)
		out[i] = (char)toupper((unsigned char)code[i]);
	return true;
}

static bool store_code_random(char out[STORE_MAX_CODE + 1])
{
	const size_t n = sizeof(store_code_alphabet) - 1;
	const unsigned limit = 256 - 256 % n; /* no modulo bias */
	int len = 0;
	while (len < STORE_CODE_LEN) {
		unsigned char b[16];
		ssize_t got = getrandom(b, sizeof(b), 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return false;
		for (ssize_t i = 0; i < got && len < STORE_CODE_LEN; i++)
			if (b[i] < limit)
				out[len++] = store_code_alphabet[b[i] % n];
	}
	out[len] = '\0';
	return true;
}

static enum store_status store_code_taken(struct store *s, const char *code,
					  bool *taken)
{
	const char *what = "cannot look up a round code";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare(s, "SELECT 1 FROM round WHERE code = ?1", what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "t", code);
	if (status == STORE_OK) {
		int rc = sqlite3_step(st);
		*taken = rc == SQLITE_ROW;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

/* Pick the round's code inside the write transaction, so nobody can take
 * it between the check and the insert. */
static enum store_status store_code_choose(struct store *s, bool given,
					   char code[STORE_MAX_CODE + 1])
{
	bool taken = true;
	enum store_status status = STORE_OK;
	for (int tries = 0; status == STORE_OK && taken; tries++) {
		if (!given && tries == 100) /* 31^6 codes: a full store */
			return store_fail(s, STORE_ERR_IO,
					  "%s: cannot find a free round code",
					  s->path);
		if (!given && !store_code_random(code))
			return store_fail_errno(s, "cannot make",
						"a round code");
		status = store_code_taken(s, code, &taken);
		if (status == STORE_OK && taken && given)
			return store_fail(s, STORE_ERR_EXISTS,
					  "%s: a round with code %s exists",
					  s->path, code);
	}
	return status;
}

static enum store_status store_departments_insert(struct store *s,
						  long long round_id,
						  char *const *departments,
						  int ndepartments)
{
	const char *what = "cannot store the round's departments";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    "INSERT INTO round_department (round_id, position, name)"
	    " VALUES (?1, ?2, ?3)",
	    what, &st);
	for (int i = 0; status == STORE_OK && i < ndepartments; i++)
		status =
		    store_run(s, st, what, "Iit", round_id, i, departments[i]);
	store_finalize(st);
	return status;
}

static enum store_status store_round_insert(struct store *s, const char *name,
					    const char *code,
					    long long questionnaire_id)
{
	char uuid[37], now[21];
	if (!util_uuid_v4(uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	util_now_iso(now);
	const char *what = "cannot create the round";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    "INSERT INTO round (uuid, code, name, questionnaire_id, state,"
	    " min_group, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6)",
	    what, &st);
	if (status == STORE_OK)
		status =
		    store_run(s, st, what, "tttIit", uuid, code, name,
			      questionnaire_id, STORE_DEFAULT_MIN_GROUP, now);
	store_finalize(st);
	return status;
}

enum store_status store_round_create(struct store *s, const char *name,
				     const char *code,
				     long long questionnaire_id,
				     char *const *departments, int ndepartments,
				     struct store_round *out)
{
	char upper[STORE_MAX_CODE + 1];
	if (code != NULL && !store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_IO,
				  "%s: round code %s is longer than %d "
				  "characters",
				  s->path, code, STORE_MAX_CODE);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_code_choose(s, code != NULL, upper);
	if (status == STORE_OK)
		status = store_round_insert(s, name, upper, questionnaire_id);
	long long round_id = sqlite3_last_insert_rowid(s->db);
	if (status == STORE_OK)
		status = store_departments_insert(s, round_id, departments,
						  ndepartments);
	status = store_finish(s, status);
	if (status == STORE_OK && out != NULL)
		status = store_round_find(s, upper, out);
	return status;
}

/* A round's own columns; its counts cost a walk over its responses, so
 * only the listings that show them ask for STORE_ROUND_COUNTS too. */
#define STORE_ROUND_COLUMNS                                                    \
	"SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,"      \
	" q.version, r.state, r.min_group, r.created_at"
#define STORE_ROUND_COUNTS                                                     \
	", (SELECT count(*) FROM response p WHERE p.round_id = r.id"           \
	"  AND p.finished_at IS NOT NULL),"                                    \
	" (SELECT count(*) FROM response p WHERE p.round_id = r.id"            \
	"  AND p.finished_at IS NULL)"
#define STORE_ROUND_FROM                                                       \
	" FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id"

static void store_round_read(sqlite3_stmt *st, struct store_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, r->uuid, sizeof(r->uuid));
	store_column_copy(st, 2, r->code, sizeof(r->code));
	r->name = store_column_dup(st, 3);
	r->questionnaire_id = sqlite3_column_int64(st, 4);
	r->questionnaire = store_column_dup(st, 5);
	r->questionnaire_version = sqlite3_column_int(st, 6);
	const unsigned char *state = sqlite3_column_text(st, 7);
	r->open = state != NULL && strcmp((const char *)state, "open") == 0;
	r->min_group = sqlite3_column_int(st, 8);
	store_column_copy(st, 9, r->created_at, sizeof(r->created_at));
	bool counted = sqlite3_column_count(st) > 10;
	r->completed = counted ? sqlite3_column_int(st, 10) : -1;
	r->in_progress = counted ? sqlite3_column_int(st, 11) : -1;
}

static void store_round_add_department(struct store_round *r, sqlite3_stmt *st,
				       int col)
{
	r->departments =
	    xreallocarray(r->departments, (size_t)r->ndepartments + 1,
			  sizeof(*r->departments));
	char *name = store_column_dup(st, col);
	r->departments[r->ndepartments++] = name ? name : xstrdup("");
}

/* Departments of every round (round_id < 0) or of one. A round created
 * between the two queries of store_round_list is not in the list, so its
 * departments are skipped. */
static enum store_status store_departments_read(struct store *s,
						long long round_id,
						struct store_round *rounds,
						int count)
{
	const char *what = "cannot read the rounds' departments";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    round_id < 0 ? "SELECT round_id, name FROM round_department"
			   " ORDER BY round_id, position"
			 : "SELECT round_id, name FROM round_department"
			   " WHERE round_id = ?1 ORDER BY position",
	    what, &st);
	if (status == STORE_OK && round_id >= 0)
		status = store_bind(s, st, what, "I", round_id);
	int at = 0, rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (rounds[at].id != id)
			for (at = 0; at < count && rounds[at].id != id; at++)
				;
		if (at == count) {
			at = 0;
			continue;
		}
		store_round_add_department(&rounds[at], st, 1);
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

enum store_status store_round_find(struct store *s, const char *code,
				   struct store_round *out)
{
	memset(out, 0, sizeof(*out));
	char upper[STORE_MAX_CODE + 1];
	if (!store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_NOT_FOUND,
				  "%s: no round with code %s", s->path, code);
	const char *what = "cannot read the round";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s, STORE_ROUND_COLUMNS STORE_ROUND_FROM " WHERE r.code = ?1", what,
	    &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "t", upper);
	int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
	if (rc == SQLITE_ROW)
		store_round_read(st, out);
	else if (rc == SQLITE_DONE)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, upper);
	else if (status == STORE_OK)
		status = store_fail_sql(s, what);
	store_finalize(st);
	if (status == STORE_OK)
		status = store_departments_read(s, out->id, out, 1);
	if (status != STORE_OK)
		store_round_free(out);
	return status;
}

static enum store_status store_rounds_read(struct store *s, const char *sql,
					   struct store_round **out, int *count)
{
	*out = NULL;
	*count = 0;
	const char *what = "cannot list the rounds";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, sql, what, &st);
	struct store_round *rounds = NULL;
	int n = 0, rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rounds = xreallocarray(rounds, (size_t)n + 1, sizeof(*rounds));
		store_round_read(st, &rounds[n++]);
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	if (status == STORE_OK && n > 0)
		status = store_departments_read(s, -1, rounds, n);
	if (status != STORE_OK) {
		store_round_list_free(rounds, n);
		return status;
	}
	*out = rounds;
	*count = n;
	return STORE_OK;
}

enum store_status store_round_list(struct store *s, struct store_round **out,
				   int *count)
{
	return store_rounds_read(
	    s,
	    STORE_ROUND_COLUMNS STORE_ROUND_COUNTS STORE_ROUND_FROM
	    " ORDER BY r.created_at DESC, r.id DESC",
	    out, count);
}

enum store_status store_round_list_open(struct store *s,
					struct store_round **out, int *count)
{
	return store_rounds_read(s,
				 STORE_ROUND_COLUMNS STORE_ROUND_FROM
				 " WHERE r.state = 'open'"
				 " ORDER BY r.created_at DESC, r.id DESC",
				 out, count);
}

enum store_status store_round_count(struct store *s, struct store_round *r)
{
	const char *what = "cannot count the round's responses";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    "SELECT count(*) FILTER (WHERE finished_at IS NOT NULL),"
	    " count(*) FILTER (WHERE finished_at IS NULL)"
	    " FROM response WHERE round_id = ?1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", r->id);
	if (status == STORE_OK && sqlite3_step(st) == SQLITE_ROW) {
		r->completed = sqlite3_column_int(st, 0);
		r->in_progress = sqlite3_column_int(st, 1);
	} else if (status == STORE_OK) {
		status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

enum store_status store_round_set_open(struct store *s, const char *code,
				       bool open)
{
	char upper[STORE_MAX_CODE + 1], now[21];
	if (!store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_NOT_FOUND,
				  "%s: no round with code %s", s->path, code);
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	/* closing twice keeps the first closing time */
	const char *what = "cannot change the round";
	sqlite3_stmt *st;
	status = store_prepare(
	    s,
	    "UPDATE round SET state = ?1, closed_at = CASE WHEN ?1 = 'open'"
	    " THEN NULL ELSE coalesce(closed_at, ?2) END WHERE code = ?3",
	    what, &st);
	if (status == STORE_OK)
		status = store_run(s, st, what, "ttt", open ? "open" : "closed",
				   now, upper);
	store_finalize(st);
	if (status == STORE_OK && sqlite3_changes(s->db) == 0)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, upper);
	return store_finish(s, status);
}

void store_round_free(struct store_round *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->questionnaire);
	for (int i = 0; i < r->ndepartments; i++)
		free(r->departments[i]);
	free(r->departments);
	memset(r, 0, sizeof(*r));
}

void store_round_list_free(struct store_round *rounds, int count)
{
	for (int i = 0; i < count; i++)
		store_round_free(&rounds[i]);
	free(rounds);
}

/* ---- responses --------------------------------------------------------- */

/* Checked inside the write transaction: a round closed a moment ago
 * takes no more answers. */
static enum store_status store_round_check_open(struct store *s,
						const struct store_round *r)
{
	const char *what = "cannot read the round";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s, "SELECT state FROM round WHERE id = ?1", what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", r->id);
	int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
	if (rc == SQLITE_ROW) {
		const unsigned char *state = sqlite3_column_text(st, 0);
		if (state == NULL || strcmp((const char *)state, "open") != 0)
			status = store_fail(s, STORE_ERR_CLOSED,
					    "%s: round %s is closed", s->path,
					    r->code);
	} else if (rc == SQLITE_DONE) {
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, r->code);
	} else if (status == STORE_OK) {
		status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

/* Prepare sql, run it once, finalize. */
static enum store_status store_run_once(struct store *s, const char *sql,
					const char *what, const char *types,
					...)
{
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, sql, what, &st);
	if (status == STORE_OK) {
		va_list ap;
		va_start(ap, types);
		status = store_bind_va(s, st, what, types, ap);
		va_end(ap);
	}
	if (status == STORE_OK && sqlite3_step(st) != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* Names and departments are stored without surrounding white space, so
 * that a returning respondent is found with a plain indexed comparison.
 * A malloc'd copy; NULL stays NULL. */
static char *store_trim(const char *text)
{
	if (text == NULL)
		return NULL;
	while (isspace((unsigned char)*text))
		text++;
	size_t len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	return xstrndup(text, len);
}

/* A name as stored: trimmed, NULL when anonymous. */
static char *store_name_clean(const char *name)
{
	char *clean = store_trim(name);
	if (clean != NULL && clean[0] == '\0') {
		free(clean);
		clean = NULL;
	}
	return clean;
}

/* A department as stored: trimmed, "" for none. */
static char *store_department_clean(const char *department)
{
	return store_trim(department != NULL ? department : "");
}

/* A new respondent and their response, unfinished. */
static enum store_status
store_response_insert(struct store *s, long long round_id,
		      const struct store_profile *p, const char *uuid,
		      const char *now, long long *response_id)
{
	char respondent_uuid[37];
	if (!util_uuid_v4(respondent_uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	char *name = store_name_clean(p->name);
	char *department = store_department_clean(p->department);
	enum store_status status = store_run_once(
	    s,
	    "INSERT INTO respondent (uuid, name, champion_contact,"
	    " created_at) VALUES (?1, ?2, ?3, ?4)",
	    "cannot store the respondent", "ttit", respondent_uuid, name,
	    p->champion_contact ? 1 : 0, now);
	long long respondent_id = sqlite3_last_insert_rowid(s->db);
	if (status == STORE_OK)
		status = store_run_once(
		    s,
		    "INSERT INTO response (uuid, round_id, respondent_id,"
		    " department, role, track, started_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		    "cannot store the response", "tIItttt", uuid, round_id,
		    respondent_id, department, role_name(p->role),
		    track_name(p->track), now);
	*response_id = sqlite3_last_insert_rowid(s->db);
	free(name);
	free(department);
	return status;
}

/* The finish time and the classification: NULLs when the answers did not
 * classify the respondent. */
static enum store_status store_response_classify(struct store *s,
						 long long response_id,
						 const struct scoring_result *r,
						 const char *now)
{
	bool classified = r->classified && r->segment != SEGMENT_NONE;
	return store_run_once(
	    s,
	    "UPDATE response SET finished_at = ?2, segment = ?3,"
	    " subtype = ?4, adoption = ?5 WHERE id = ?1",
	    "cannot store the classification", "ItttD", response_id, now,
	    classified ? segment_name(r->segment) : NULL,
	    classified && r->subtype != SUBTYPE_NONE ? subtype_name(r->subtype)
						     : NULL,
	    classified ? &r->adoption : NULL);
}

/* Saving an answer again replaces it. While answering, answered_at is the
 * time of the last save; at the finish an unchanged answer keeps it. */
#define STORE_ANSWER_UPSERT                                                    \
	"INSERT INTO answer (response_id, question, choice, answered_at)"      \
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (response_id, question)"         \
	" DO UPDATE SET choice = excluded.choice,"                             \
	" answered_at = excluded.answered_at"
#define STORE_ANSWER_IF_CHANGED " WHERE choice <> excluded.choice"
#define STORE_ESTIMATE_UPSERT                                                  \
	"INSERT INTO estimate (response_id, question, champions, willing,"     \
	" cautious, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"              \
	" ON CONFLICT (response_id, question) DO UPDATE SET"                   \
	" champions = excluded.champions, willing = excluded.willing,"         \
	" cautious = excluded.cautious, answered_at = excluded.answered_at"
#define STORE_ESTIMATE_IF_CHANGED                                              \
	" WHERE champions <> excluded.champions"                               \
	" OR willing <> excluded.willing OR cautious <> excluded.cautious"

/* Which final answers are stored, and where: a choice for a question
 * that is not an estimate, percentages for an estimate. */
static bool store_choice_held(const struct questionnaire *q, const int *choices,
			      int i)
{
	return q->questions[i].type != QTYPE_ESTIMATE && choices[i] > 0;
}

static bool store_estimate_held(const struct questionnaire *q,
				const int (*estimates)[3], int i)
{
	if (estimates == NULL || q->questions[i].type != QTYPE_ESTIMATE)
		return false;
	const int *e = estimates[i];
	return e[0] != 0 || e[1] != 0 || e[2] != 0; /* all 0: not answered */
}

/* Store the final answers (the arrays hold q->nquestions entries). */
static enum store_status
store_answers_write(struct store *s, long long response_id,
		    const struct questionnaire *q, const int *choices,
		    const int (*estimates)[3], const char *now)
{
	const char *what = "cannot store an answer";
	sqlite3_stmt *answer = NULL, *estimate = NULL;
	enum store_status status = store_prepare(
	    s, STORE_ANSWER_UPSERT STORE_ANSWER_IF_CHANGED, what, &answer);
	if (status == STORE_OK)
		status = store_prepare(
		    s, STORE_ESTIMATE_UPSERT STORE_ESTIMATE_IF_CHANGED, what,
		    &estimate);
	for (int i = 0; status == STORE_OK && i < q->nquestions; i++) {
		const char *id = q->questions[i].id;
		if (store_choice_held(q, choices, i))
			status = store_run(s, answer, what, "Itit", response_id,
					   id, choices[i], now);
		else if (store_estimate_held(q, estimates, i))
			status =
			    store_run(s, estimate, what, "Itiiit", response_id,
				      id, estimates[i][0], estimates[i][1],
				      estimates[i][2], now);
	}
	store_finalize(answer);
	store_finalize(estimate);
	return status;
}

/* The two tables of answers, and whether a stored row is still held. */
struct store_answer_table {
	const char *select;
	const char *delete;
	bool estimates;
};

static const struct store_answer_table store_answer_tables[] = {
    {"SELECT question FROM answer WHERE response_id = ?1",
     "DELETE FROM answer WHERE response_id = ?1 AND question = ?2", false},
    {"SELECT question FROM estimate WHERE response_id = ?1",
     "DELETE FROM estimate WHERE response_id = ?1 AND question = ?2", true},
};

/* The stored question ids of one table that the final answers do not
 * hold: questions for the other track after a change of track, and ids q
 * does not know (or spells differently: the final rows use q's id). */
static enum store_status
store_answers_unheld(struct store *s, long long response_id,
		     const struct store_answer_table *t,
		     const struct questionnaire *q, const int *choices,
		     const int (*estimates)[3], char ***gone, int *ngone)
{
	const char *what = "cannot read the stored answers";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, t->select, what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", response_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (id == NULL) /* the column is NOT NULL */
			util_out_of_memory();
		int i = questionnaire_find_question(q, id);
		bool held = i >= 0 && strcmp(q->questions[i].id, id) == 0 &&
			    (t->estimates ? store_estimate_held(q, estimates, i)
					  : store_choice_held(q, choices, i));
		if (held)
			continue;
		*gone =
		    xreallocarray(*gone, (size_t)*ngone + 1, sizeof(**gone));
		(*gone)[(*ngone)++] = xstrdup(id);
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* Delete what store_answers_unheld found; read first, deleted after, so
 * no cursor walks rows being deleted under it. */
static enum store_status store_answers_prune(struct store *s,
					     long long response_id,
					     const struct questionnaire *q,
					     const int *choices,
					     const int (*estimates)[3])
{
	const char *what = "cannot remove an answer no longer given";
	enum store_status status = STORE_OK;
	for (size_t k = 0;
	     status == STORE_OK && k < ARRAY_LEN(store_answer_tables); k++) {
		const struct store_answer_table *t = &store_answer_tables[k];
		char **gone = NULL;
		int ngone = 0;
		status = store_answers_unheld(s, response_id, t, q, choices,
					      estimates, &gone, &ngone);
		sqlite3_stmt *st = NULL;
		if (status == STORE_OK && ngone > 0)
			status = store_prepare(s, t->delete, what, &st);
		for (int i = 0; status == STORE_OK && i < ngone; i++)
			status =
			    store_run(s, st, what, "It", response_id, gone[i]);
		store_finalize(st);
		for (int i = 0; i < ngone; i++)
			free(gone[i]);
		free(gone);
	}
	return status;
}

static enum store_status store_scores_insert(struct store *s,
					     long long response_id,
					     const struct questionnaire *q,
					     const struct scoring_result *r)
{
	const char *what = "cannot store a score";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    "INSERT INTO response_score (response_id, dimension, score)"
	    " VALUES (?1, ?2, ?3)",
	    what, &st);
	for (int d = 0;
	     status == STORE_OK && d < q->ndimensions && d < QN_MAX_DIMENSIONS;
	     d++)
		if (r->answered[d])
			status =
			    store_run(s, st, what, "ItD", response_id,
				      q->dimensions[d].id, &r->dimension[d]);
	store_finalize(st);
	return status;
}

enum store_status store_response_submit(struct store *s,
					const struct store_round *round,
					const struct questionnaire *q,
					const struct submission *sub,
					const struct scoring_result *r,
					char uuid_out[37])
{
	if (sub->nquestions != q->nquestions)
		return store_fail(s, STORE_ERR_IO,
				  "%s: the answers (%d questions) do not fit "
				  "questionnaire %s (%d questions)",
				  s->path, sub->nquestions, q->id,
				  q->nquestions);
	char uuid[37], now[21];
	if (!util_uuid_v4(uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	util_now_iso(now);
	const struct store_profile p = {
	    .name = sub->name,
	    .department = sub->department,
	    .role = sub->role,
	    .track = sub->track,
	    .champion_contact = sub->champion_contact,
	};
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_round_check_open(s, round);
	long long response_id = 0;
	if (status == STORE_OK)
		status = store_response_insert(s, round->id, &p, uuid, now,
					       &response_id);
	if (status == STORE_OK)
		status =
		    store_answers_write(s, response_id, q, sub->choices,
					(const int(*)[3])sub->estimates, now);
	if (status == STORE_OK)
		status = store_scores_insert(s, response_id, q, r);
	if (status == STORE_OK)
		status = store_response_classify(s, response_id, r, now);
	status = store_finish(s, status);
	if (status == STORE_OK)
		memcpy(uuid_out, uuid, 37);
	return status;
}

/* ---- answering one question at a time ---------------------------------- */

/* Checked inside the write transaction, like the round: a response
 * finished, or a round closed, a moment ago takes no more changes. */
static enum store_status store_response_check_open(struct store *s,
						   long long response_id,
						   long long *respondent_id)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare(s,
			  "SELECT p.respondent_id, p.finished_at IS NOT NULL,"
			  " r.state = 'open', r.code"
			  " FROM response p JOIN round r ON r.id = p.round_id"
			  " WHERE p.id = ?1",
			  what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", response_id);
	int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
	if (rc == SQLITE_ROW) {
		if (respondent_id != NULL)
			*respondent_id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1))
			status = store_fail(s, STORE_ERR_CLOSED,
					    "%s: response %lld is finished",
					    s->path, response_id);
		else if (!sqlite3_column_int(st, 2))
			status = store_fail(
			    s, STORE_ERR_CLOSED, "%s: round %s is closed",
			    s->path, (const char *)sqlite3_column_text(st, 3));
	} else if (rc == SQLITE_DONE) {
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND, "%s: no response %lld",
			       s->path, response_id);
	} else if (status == STORE_OK) {
		status = store_fail_sql(s, what);
	}
	store_finalize(st);
	return status;
}

#define STORE_RESPONSE_COLUMNS                                                 \
	"SELECT p.id, p.uuid, p.started_at, p.finished_at, t.name,"            \
	" p.department, p.role, p.track, t.champion_contact"

static void store_response_read(sqlite3_stmt *st, struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, out->uuid, sizeof(out->uuid));
	store_column_copy(st, 2, out->started_at, sizeof(out->started_at));
	out->finished = sqlite3_column_type(st, 3) != SQLITE_NULL;
	store_column_copy(st, 3, out->finished_at, sizeof(out->finished_at));
	out->name = store_column_dup(st, 4);
	out->department = store_column_dup(st, 5);
	/* the schema's CHECKs admit only names these parse */
	const char *role = (const char *)sqlite3_column_text(st, 6);
	const char *track = (const char *)sqlite3_column_text(st, 7);
	if (role != NULL)
		(void)role_parse(role, &out->role);
	if (track != NULL)
		(void)track_parse(track, &out->track);
	out->champion_contact = sqlite3_column_int(st, 8) != 0;
}

/* Step a query of STORE_RESPONSE_COLUMNS once. STORE_ERR_NOT_FOUND, with
 * no message, when it gives no row. */
static enum store_status store_response_fetch(struct store *s, sqlite3_stmt *st,
					      const char *what,
					      struct store_response *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_response_read(st, out);
		return STORE_OK;
	}
	if (rc == SQLITE_DONE)
		return STORE_ERR_NOT_FOUND;
	return store_fail_sql(s, what);
}

static enum store_status store_response_by_id(struct store *s, long long id,
					      struct store_response *out)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    STORE_RESPONSE_COLUMNS
	    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	    " WHERE p.id = ?1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", id);
	if (status == STORE_OK)
		status = store_response_fetch(s, st, what, out);
	if (status == STORE_ERR_NOT_FOUND)
		status =
		    store_fail(s, status, "%s: no response %lld", s->path, id);
	store_finalize(st);
	return status;
}

enum store_status store_response_start(struct store *s,
				       const struct store_round *round,
				       const struct store_profile *p,
				       struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	char uuid[37], now[21];
	if (!util_uuid_v4(uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_round_check_open(s, round);
	long long id = 0;
	if (status == STORE_OK)
		status = store_response_insert(s, round->id, p, uuid, now, &id);
	/* read before the commit: a response the caller never hears of
	 * would be answered by nobody */
	if (status == STORE_OK)
		status = store_response_by_id(s, id, out);
	status = store_finish(s, status);
	if (status != STORE_OK)
		store_response_free(out);
	return status;
}

enum store_status store_response_find_person(struct store *s,
					     const struct store_round *round,
					     const char *name,
					     const char *department,
					     struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	char *who = store_name_clean(name);
	if (who == NULL)
		return store_fail(s, STORE_ERR_NOT_FOUND,
				  "%s: an anonymous respondent is never "
				  "recognised",
				  s->path);
	char *dept = store_department_clean(department);
	const char *what = "cannot look for the respondent";
	sqlite3_stmt *st;
	/* CROSS JOIN keeps respondent the outer loop: the name index gives
	 * the few people of that name, then UNIQUE (round_id,
	 * respondent_id) their response in this round. Every respondent
	 * has one response, so the work grows with the namesakes, not with
	 * the round or the database. */
	enum store_status status = store_prepare(
	    s,
	    STORE_RESPONSE_COLUMNS
	    " FROM respondent t CROSS JOIN response p"
	    " ON p.respondent_id = t.id"
	    " WHERE t.name = ?1 COLLATE NOCASE AND p.round_id = ?2"
	    " AND p.department = ?3 COLLATE NOCASE"
	    " ORDER BY p.id DESC LIMIT 1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "tIt", who, round->id, dept);
	if (status == STORE_OK)
		status = store_response_fetch(s, st, what, out);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, status,
				    "%s: no response by %s of %s in round %s",
				    s->path, who, dept, round->code);
	store_finalize(st);
	free(who);
	free(dept);
	return status;
}

enum store_status store_response_update_profile(struct store *s,
						long long response_id,
						const struct store_profile *p)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	char *name = store_name_clean(p->name);
	char *department = store_department_clean(p->department);
	long long respondent_id = 0;
	status = store_response_check_open(s, response_id, &respondent_id);
	if (status == STORE_OK)
		status = store_run_once(
		    s,
		    "UPDATE respondent SET name = ?2, champion_contact = ?3"
		    " WHERE id = ?1",
		    "cannot change the respondent", "Iti", respondent_id, name,
		    p->champion_contact ? 1 : 0);
	if (status == STORE_OK)
		status = store_run_once(
		    s,
		    "UPDATE response SET department = ?2, role = ?3,"
		    " track = ?4 WHERE id = ?1",
		    "cannot change the response", "Ittt", response_id,
		    department, role_name(p->role), track_name(p->track));
	free(name);
	free(department);
	return store_finish(s, status);
}

enum store_status store_answer_save(struct store *s, long long response_id,
				    const char *question, int choice)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_response_check_open(s, response_id, NULL);
	if (status == STORE_OK)
		status = store_run_once(s, STORE_ANSWER_UPSERT,
					"cannot store an answer", "Itit",
					response_id, question, choice, now);
	return store_finish(s, status);
}

enum store_status store_estimate_save(struct store *s, long long response_id,
				      const char *question, const int pct[3])
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_response_check_open(s, response_id, NULL);
	if (status == STORE_OK)
		status = store_run_once(s, STORE_ESTIMATE_UPSERT,
					"cannot store an estimate", "Itiiit",
					response_id, question, pct[0], pct[1],
					pct[2], now);
	return store_finish(s, status);
}

static enum store_status store_response_exists(struct store *s,
					       long long response_id)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare(s, "SELECT 1 FROM response WHERE id = ?1", what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", response_id);
	int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
	if (rc == SQLITE_DONE)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND, "%s: no response %lld",
			       s->path, response_id);
	else if (rc != SQLITE_ROW && status == STORE_OK)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* Read one table of answers into the caller's arrays. */
static enum store_status store_answers_read(struct store *s,
					    long long response_id,
					    const struct questionnaire *q,
					    bool estimate_table, int *choices,
					    int (*estimates)[3])
{
	const char *what = "cannot read the answers";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    estimate_table ? "SELECT question, champions, willing, cautious"
			     " FROM estimate WHERE response_id = ?1"
			   : "SELECT question, choice FROM answer"
			     " WHERE response_id = ?1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", response_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int i = id != NULL ? questionnaire_find_question(q, id) : -1;
		if (i < 0)
			continue; /* a question q does not have */
		if (estimate_table && estimates != NULL)
			for (int k = 0; k < 3; k++)
				estimates[i][k] = sqlite3_column_int(st, k + 1);
		else if (!estimate_table && choices != NULL)
			choices[i] = sqlite3_column_int(st, 1);
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

enum store_status store_response_answers(struct store *s, long long response_id,
					 const struct questionnaire *q,
					 int *choices, int (*estimates)[3])
{
	size_t n = q->nquestions > 0 ? (size_t)q->nquestions : 0;
	if (choices != NULL)
		memset(choices, 0, n * sizeof(*choices));
	if (estimates != NULL)
		memset(estimates, 0, n * sizeof(*estimates));
	enum store_status status = store_response_exists(s, response_id);
	if (status == STORE_OK)
		status = store_answers_read(s, response_id, q, false, choices,
					    estimates);
	if (status == STORE_OK)
		status = store_answers_read(s, response_id, q, true, choices,
					    estimates);
	return status;
}

enum store_status store_response_finish(struct store *s, long long response_id,
					const struct questionnaire *q,
					const int *choices,
					const int (*estimates)[3],
					const struct scoring_result *r)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_response_check_open(s, response_id, NULL);
	if (status == STORE_OK)
		status =
		    store_answers_prune(s, response_id, q, choices, estimates);
	if (status == STORE_OK)
		status = store_answers_write(s, response_id, q, choices,
					     estimates, now);
	if (status == STORE_OK)
		status = store_run_once(
		    s, "DELETE FROM response_score WHERE response_id = ?1",
		    "cannot replace the scores", "I", response_id);
	if (status == STORE_OK)
		status = store_scores_insert(s, response_id, q, r);
	if (status == STORE_OK)
		status = store_response_classify(s, response_id, r, now);
	return store_finish(s, status);
}

void store_response_free(struct store_response *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->department);
	memset(r, 0, sizeof(*r));
}
