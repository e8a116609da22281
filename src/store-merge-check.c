/* SPDX-License-Identifier: MIT */
/* What a merge checks in the other file before it takes anything from
 * it: that its schema is exactly the one aimap wrote for its version
 * (so no view, trigger or generated column of the other's runs here),
 * that every value it would copy is one import would accept, and that no
 * statement of the merge runs for ever. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "questionnaire.h"
#include "store-internal.h"

/* ---- a time limit on every statement ----------------------------------- */

int store_merge_limit_ms = STORE_MERGE_LIMIT_MS;
int store_merge_limit_steps = 10000;

/* The limit of the merge under way, whose clock merge_limit_next
 * restarts. */
static struct merge_limit *merge_active;

static long long merge_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite calls this every store_merge_limit_steps steps of the running
 * statement; a non-zero return interrupts it. */
static int merge_progress(void *arg)
{
	struct merge_limit *l = arg;
	if (merge_clock_ms() - l->started_ms <= store_merge_limit_ms)
		return 0;
	l->hit = true;
	return 1;
}

void merge_limit_on(sqlite3 *db, struct merge_limit *l)
{
	l->started_ms = merge_clock_ms();
	merge_active = l;
	sqlite3_progress_handler(db, store_merge_limit_steps, merge_progress,
				 l);
}

void merge_limit_off(sqlite3 *db)
{
	sqlite3_progress_handler(db, 0, NULL, NULL);
	merge_active = NULL;
}

void merge_limit_next(void)
{
	if (merge_active != NULL)
		merge_active->started_ms = merge_clock_ms();
}

/* ---- the schema -------------------------------------------------------- */

/* One object of a schema, as "type name on tbl_name: sql", sorted by
 * type and name. SQLite's own statistics (sqlite_stat*) are left out:
 * they only guide its planner. */
struct merge_schema {
	char **rows;
	char **names; /* "view x", for the message */
	int n;
};

static void merge_schema_free(struct merge_schema *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->rows[i]);
		free(m->names[i]);
	}
	free(m->rows);
	free(m->names);
	memset(m, 0, sizeof(*m));
}

/* The schema of the database attached to db as schema ("main",
 * "merge_src"). */
static int merge_schema_read(sqlite3 *db, const char *schema,
			     struct merge_schema *m)
{
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf(
	    "SELECT type, name, tbl_name, coalesce(sql, '') FROM "
	    "\"%w\".sqlite_master"
	    " WHERE name NOT LIKE 'sqlite_stat%%' ORDER BY type, name",
	    schema);
	int rc = sql != NULL ? sqlite3_prepare_v2(db, sql, -1, &st, NULL)
			     : SQLITE_NOMEM;
	sqlite3_free(sql);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[4];
		for (int i = 0; i < 4; i++) {
			c[i] = (const char *)sqlite3_column_text(st, i);
			if (c[i] == NULL)
				c[i] = "";
		}
		m->rows =
		    xreallocarray(m->rows, (size_t)m->n + 1, sizeof(*m->rows));
		m->names = xreallocarray(m->names, (size_t)m->n + 1,
					 sizeof(*m->names));
		m->rows[m->n] =
		    xasprintf("%s\x1f%s\x1f%s\x1f%s", c[0], c[1], c[2], c[3]);
		m->names[m->n++] = xasprintf("%s %s", c[0], c[1]);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The schema aimap writes for version, built in memory. */
static int merge_schema_expected(long long version, struct merge_schema *m)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK && store_harden(db) != STORE_OK)
		rc = SQLITE_ERROR;
	for (int i = 0; rc == SQLITE_OK && i < version; i++)
		rc = sqlite3_exec(db, store_schema_migration(i), NULL, NULL,
				  NULL);
	if (rc == SQLITE_OK)
		rc = merge_schema_read(db, "main", m);
	sqlite3_close(db);
	return rc;
}

/* The first difference between the two sorted schemas, as a message. */
static char *merge_schema_diff(const struct merge_schema *want,
			       const struct merge_schema *got)
{
	int i = 0, j = 0;
	while (i < want->n || j < got->n) {
		int c = i == want->n  ? 1
			: j == got->n ? -1
				      : strcmp(want->names[i], got->names[j]);
		if (c == 0 && strcmp(want->rows[i], got->rows[j]) != 0)
			return xasprintf("its %s is not defined as aimap "
					 "defines it",
					 got->names[j]);
		if (c < 0)
			return xasprintf("it lacks aimap's %s", want->names[i]);
		if (c > 0)
			return xasprintf("it holds %s, which aimap never "
					 "writes",
					 got->names[j]);
		i++;
		j++;
	}
	return NULL;
}

enum store_status store_merge_check_schema(struct store *s, const char *path,
					   long long version)
{
	struct merge_schema want = {0}, got = {0};
	enum store_status status = STORE_OK;
	merge_limit_next();
	if (merge_schema_expected(version, &want) != SQLITE_OK)
		status = store_fail(s, STORE_ERR_IO,
				    "%s: cannot build aimap's schema %lld to "
				    "compare with",
				    path, version);
	else if (merge_schema_read(s->db, "merge_src", &got) != SQLITE_OK)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: cannot read its schema (%s); nothing "
				    "was merged",
				    path, sqlite3_errmsg(s->db));
	char *diff = status == STORE_OK ? merge_schema_diff(&want, &got) : NULL;
	if (diff != NULL)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: not a schema aimap wrote (%s); "
				    "nothing was merged",
				    path, diff);
	free(diff);
	merge_schema_free(&want);
	merge_schema_free(&got);
	return status;
}

/* ---- the values -------------------------------------------------------- */

/* SQL shapes of what import checks (import.c): a lower-case UUID, a
 * stored time, a round code. */
#define HEX "[0-9a-f]"
#define HEX4 HEX HEX HEX HEX
#define UUID_OK(c)                                                             \
	"(typeof(" c ") = 'text' AND " c " GLOB '" HEX4 HEX4 "-" HEX4 "-" HEX4 \
	"-" HEX4 "-" HEX4 HEX4 HEX4 "')"
#define D "[0-9]"
#define TIME_OK(c)                                                             \
	"(typeof(" c ") = 'text' AND " c " GLOB '" D D D D "-" D D "-" D D     \
	"T" D D ":" D D ":" D D "Z')"
#define INT_IN(c, lo, hi)                                                      \
	"(typeof(" c ") = 'integer' AND " c " BETWEEN " #lo " AND " #hi ")"
#define TEXT_OK(c) "(typeof(" c ") = 'text')"

/* Each finds the first row import would refuse: where it is, and what
 * is wrong with it. */
struct merge_value_check {
	const char *sql;
	const char *why;
};

// clang-format off
static const struct merge_value_check merge_value_checks[] = {
    {"SELECT 'questionnaire row ' || id, quote(qid) FROM merge_src.questionnaire"
     " WHERE NOT (" TEXT_OK("qid") " AND " TEXT_OK("title") " AND "
     TEXT_OK("source") " AND " INT_IN("version", 0, 1000000) " AND "
     TEXT_OK("hash") " AND hash GLOB '" HEX4 HEX4 HEX4 HEX4 "' AND "
     TIME_OK("added_at") ")",
     "is not a questionnaire as aimap stores one"},
    {"SELECT 'round row ' || id, quote(code) FROM merge_src.round"
     " WHERE NOT (" TEXT_OK("code") " AND length(code) BETWEEN 2 AND 16"
     " AND code NOT GLOB '*[^A-Za-z0-9-]*')",
     "is not a round code (2 to 16 letters, digits or dashes)"},
    {"SELECT 'round row ' || id, quote(uuid) FROM merge_src.round"
     " WHERE NOT " UUID_OK("uuid"),
     "is not a UUID"},
    {"SELECT 'round row ' || id, quote(name) FROM merge_src.round"
     " WHERE NOT " TEXT_OK("name"),
     "is not a round name"},
    {"SELECT 'round row ' || id, quote(state) || ', ' || quote(min_group)"
     " FROM merge_src.round WHERE state NOT IN ('open', 'closed')"
     " OR NOT " INT_IN("min_group", 1, 1000),
     "is not a state (open, closed) and a minimum group from 1 to 1000"},
    {"SELECT 'round row ' || id, quote(created_at) || ', '"
     " || quote(closed_at) FROM merge_src.round WHERE NOT " TIME_OK("created_at")
     " OR (closed_at IS NOT NULL AND NOT " TIME_OK("closed_at") ")",
     "is not a time like 2026-01-15T09:30:00Z"},
    {"SELECT 'round_department of round row ' || round_id, quote(name)"
     " FROM merge_src.round_department WHERE NOT " TEXT_OK("name"),
     "is not a department name"},
    {"SELECT 'respondent row ' || id, quote(uuid) FROM merge_src.respondent"
     " WHERE NOT " UUID_OK("uuid"),
     "is not a UUID"},
    {"SELECT 'respondent row ' || id, quote(name) || ', '"
     " || quote(champion_contact) || ', ' || quote(created_at)"
     " FROM merge_src.respondent WHERE (name IS NOT NULL AND NOT "
     TEXT_OK("name") ") OR NOT " INT_IN("champion_contact", 0, 1)
     " OR NOT " TIME_OK("created_at"),
     "is not a name, a champion_contact of 0 or 1 and a time"},
    {"SELECT 'response row ' || id, quote(uuid) FROM merge_src.response"
     " WHERE NOT " UUID_OK("uuid"),
     "is not a UUID"},
    {"SELECT 'response row ' || id, quote(role) || ', ' || quote(track)"
     " FROM merge_src.response WHERE role NOT IN ('executive', 'manager',"
     " 'senior-tech', 'individual') OR track NOT IN ('technical', 'citizen')"
     " OR NOT " TEXT_OK("department"),
     "is not a role and a track aimap knows"},
    {"SELECT 'response row ' || id, quote(segment) || ', ' || quote(subtype)"
     " FROM merge_src.response WHERE (segment IS NOT NULL AND segment NOT IN"
     " ('champion', 'willing', 'cautious')) OR (subtype IS NOT NULL AND"
     " subtype NOT IN ('sharing', 'alone', 'skeptic', 'not-started'))",
     "is not a segment and a sub-type aimap knows"},
    {"SELECT 'response row ' || id, quote(adoption) FROM merge_src.response"
     " WHERE adoption IS NOT NULL AND (typeof(adoption) NOT IN ('integer',"
     " 'real') OR NOT adoption BETWEEN 0 AND 100)",
     "is not an adoption score from 0 to 100"},
    {"SELECT 'response row ' || id, quote(started_at) || ', '"
     " || quote(finished_at) FROM merge_src.response WHERE NOT "
     TIME_OK("started_at") " OR (finished_at IS NOT NULL AND NOT "
     TIME_OK("finished_at") ")",
     "is not a time like 2026-01-15T09:30:00Z"},
    {"SELECT 'response_score of response row ' || response_id,"
     " quote(dimension) || ' = ' || quote(score)"
     " FROM merge_src.response_score WHERE NOT " TEXT_OK("dimension")
     " OR typeof(score) NOT IN ('integer', 'real')"
     " OR NOT score BETWEEN 0 AND 100.5",
     "is not a score from 0 to 100"},
    {"SELECT 'estimate of response row ' || response_id, quote(question)"
     " || ': ' || quote(champions) || ', ' || quote(willing) || ', '"
     " || quote(cautious) FROM merge_src.estimate WHERE NOT ("
     INT_IN("champions", 0, 100) " AND " INT_IN("willing", 0, 100) " AND "
     INT_IN("cautious", 0, 100) " AND champions + willing + cautious = 100"
     " AND " TEXT_OK("question") " AND " TIME_OK("answered_at") ")",
     "is not an estimate of whole percentages adding up to 100"},
    {"SELECT 'answer of response row ' || response_id, quote(question)"
     " || ' = ' || quote(choice) FROM merge_src.answer WHERE NOT ("
     INT_IN("choice", 1, 9) " AND " TEXT_OK("question") " AND ("
     TIME_OK("answered_at") " OR answered_at = ''))",
     "is not a choice number from 1 to 9"},
};
// clang-format on

static enum store_status merge_check_rows(struct store *s, const char *path)
{
	enum store_status status = STORE_OK;
	for (size_t i = 0;
	     status == STORE_OK && i < ARRAY_LEN(merge_value_checks); i++) {
		const struct merge_value_check *c = &merge_value_checks[i];
		merge_limit_next();
		const char *what = "cannot check the values to merge";
		sqlite3_stmt *st;
		status = store_prepare(s, c->sql, what, &st);
		if (status == STORE_OK)
			status = store_step_row(s, st, what);
		if (status == STORE_OK)
			status = store_fail(s, STORE_ERR_REFUSED,
					    "%s: %s: %s %s; nothing was merged",
					    path, store_column_text(st, 0),
					    store_column_text(st, 1), c->why);
		else if (status == STORE_ERR_NOT_FOUND)
			status = STORE_OK;
		store_finalize(st);
	}
	return status;
}

/* Each answer against its round's questionnaire, as import checks it: a
 * choice the question offers. An id the questionnaire lacks is left
 * alone, as every reader leaves it out; so is a questionnaire this aimap
 * cannot parse (the range 1 to 9 was checked above). */
static enum store_status merge_check_answer(struct store *s, const char *path,
					    const struct questionnaire *q,
					    sqlite3_stmt *st)
{
	const char *id = store_column_text(st, 1);
	int i =
	    q != NULL && id != NULL ? questionnaire_find_question(q, id) : -1;
	if (i < 0)
		return STORE_OK;
	const struct qn_question *qq = &q->questions[i];
	int choice = sqlite3_column_int(st, 2);
	if (qq->type != QTYPE_ESTIMATE && choice <= qq->nchoices)
		return STORE_OK;
	if (qq->type == QTYPE_ESTIMATE)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: answer of response row %lld: '%s' is an "
				  "estimate, not a question with choices; "
				  "nothing was merged",
				  path, sqlite3_column_int64(st, 0), qq->id);
	return store_fail(s, STORE_ERR_REFUSED,
			  "%s: answer of response row %lld: the answer to '%s' "
			  "must be a choice number from 1 to %d, not %d; "
			  "nothing was merged",
			  path, sqlite3_column_int64(st, 0), qq->id,
			  qq->nchoices, choice);
}

static struct questionnaire *merge_parse(sqlite3_stmt *st)
{
	struct diag d;
	diag_init(&d, "stored questionnaire");
	const char *text = store_column_text(st, 1);
	struct questionnaire *q =
	    questionnaire_parse("stored questionnaire", text ? text : "",
				(size_t)sqlite3_column_bytes(st, 1), &d);
	diag_free(&d);
	return q;
}

/* The answers of the rounds of one questionnaire, in the order they are
 * stored (no sort: the answers of a million responses stream through). */
static enum store_status merge_check_answers_of(struct store *s,
						const char *path, long long qid,
						const struct questionnaire *q)
{
	const char *what = "cannot check the answers to merge";
	merge_limit_next();
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s,
	    "SELECT a.response_id, a.question, a.choice"
	    " FROM merge_src.round r JOIN merge_src.response p"
	    " ON p.round_id = r.id JOIN merge_src.answer a"
	    " ON a.response_id = p.id WHERE r.questionnaire_id = ?1",
	    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", qid);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = merge_check_answer(s, path, q, st);
	return store_rows_end(s, st, what, status, rc);
}

/* Each questionnaire parsed once, its answers checked against it. */
static enum store_status merge_check_answers(struct store *s, const char *path)
{
	const char *what = "cannot check the answers to merge";
	sqlite3_stmt *st;
	enum store_status status = store_prepare(
	    s, "SELECT id, source FROM merge_src.questionnaire ORDER BY id",
	    what, &st);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct questionnaire *q = merge_parse(st);
		status = merge_check_answers_of(s, path,
						sqlite3_column_int64(st, 0), q);
		questionnaire_free(q);
	}
	return store_rows_end(s, st, what, status, rc);
}

enum store_status store_merge_check_values(struct store *s, const char *path)
{
	enum store_status status = merge_check_rows(s, path);
	if (status == STORE_OK)
		status = merge_check_answers(s, path);
	return status;
}
