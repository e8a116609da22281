/* SPDX-License-Identifier: MIT */
/* The store's reading of results for reports. Counts, scores and their
 * squares, answers, estimates and adoption depths (for the people near a
 * segment line) come from the running totals that the schema's triggers keep
 * (see "running totals" in store-schema.c), so reading them costs the number of
 * groups, not of responses. Only the people (champions, and each
 * round's people for report-people.c to match) are read from the
 * responses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* ---- rows -------------------------------------------------------------- */

/* What one report query reads: its SQL (?1 the round, ?2 the question
 * where it has one), what a failure says, and how one row is read into,
 * and its strings freed from, a struct of size bytes. */
struct store_report_query {
	const char *sql;
	const char *what;
	size_t size;
	void (*read)(sqlite3_stmt *st, void *row);
	void (*clear)(void *row);
};

/* A growing array of rows of one struct type. */
struct store_rows {
	void *items;
	int count;
	int capacity;
	size_t size;
};

/* A new zeroed row at the end. */
static void *store_rows_add(struct store_rows *rows)
{
	if (rows->count == rows->capacity) {
		rows->capacity = rows->capacity > 0 ? 2 * rows->capacity : 16;
		rows->items = xreallocarray(rows->items, (size_t)rows->capacity,
					    rows->size);
	}
	void *row = (char *)rows->items + (size_t)rows->count++ * rows->size;
	memset(row, 0, rows->size);
	return row;
}

static void store_rows_free(void *items, int count, size_t size,
			    void (*clear)(void *row))
{
	for (int i = 0; i < count; i++)
		clear((char *)items + (size_t)i * size);
	free(items);
}

/* Step st to the end, one row each. */
static enum store_status store_rows_read(struct store *s, sqlite3_stmt *st,
					 const struct store_report_query *query,
					 struct store_rows *rows)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		query->read(st, store_rows_add(rows));
	if (rc != SQLITE_DONE)
		return store_fail_sql(s, query->what);
	return STORE_OK;
}

/* Run a report query for a round (and a question, or NULL): its rows,
 * or none when it fails. */
static enum store_status
store_report_rows(struct store *s, const struct store_report_query *query,
		  long long round_id, const char *question, void **out,
		  int *count)
{
	struct store_rows rows = {.size = query->size};
	sqlite3_stmt *st;
	enum store_status status =
	    question != NULL ? store_stmt_bind(s, query->sql, query->what, &st,
					       "It", round_id, question)
			     : store_stmt_bind(s, query->sql, query->what, &st,
					       "I", round_id);
	if (status == STORE_OK)
		status = store_rows_read(s, st, query, &rows);
	store_stmt_done(s, st);
	if (status != STORE_OK) {
		store_rows_free(rows.items, rows.count, rows.size,
				query->clear);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

/* ---- tally ------------------------------------------------------------- */

static void store_tally_read(sqlite3_stmt *st, void *row)
{
	struct store_tally *t = row;
	t->department = store_column_dup_text(st, 0);
	t->role = store_column_role(st, 1);
	t->track = store_column_track(st, 2);
	t->finished = sqlite3_column_int(st, 3) != 0;
	t->segment = store_column_segment(st, 4);
	t->subtype = store_column_subtype(st, 5);
	t->count = sqlite3_column_int(st, 6);
}

static void store_tally_clear(void *row)
{
	struct store_tally *t = row;
	free(t->department);
}

static const struct store_report_query store_tally_query = {
    "SELECT department, role, track, finished, segment, subtype, n"
    " FROM round_tally WHERE round_id = ?1 AND n > 0",
    "cannot count the round's responses",
    sizeof(struct store_tally),
    store_tally_read,
    store_tally_clear,
};

enum store_status store_report_tally(struct store *s, long long round_id,
				     struct store_tally **out, int *count)
{
	void *rows;
	enum store_status status = store_report_rows(
	    s, &store_tally_query, round_id, NULL, &rows, count);
	*out = rows;
	return status;
}

/* Unfinished responses kept as abandoned, in the tally's shape (never
 * finished, no segment), grouped the same way. They are few: the partial
 * index of unfinished responses finds them. */
static const struct store_report_query store_abandoned_query = {
    "SELECT department, role, track, 0, '', '', count(*)"
    " FROM response WHERE round_id = ?1 AND finished_at IS NULL"
    " AND abandoned_at IS NOT NULL GROUP BY department, role, track",
    "cannot count the round's abandoned responses",
    sizeof(struct store_tally),
    store_tally_read,
    store_tally_clear,
};

enum store_status store_report_abandoned(struct store *s, long long round_id,
					 struct store_tally **out, int *count)
{
	void *rows;
	enum store_status status = store_report_rows(
	    s, &store_abandoned_query, round_id, NULL, &rows, count);
	*out = rows;
	return status;
}

void store_tally_free(struct store_tally *rows, int count)
{
	store_rows_free(rows, count, sizeof(*rows), store_tally_clear);
}

/* ---- scores ------------------------------------------------------------ */

static void store_score_read(sqlite3_stmt *st, void *row)
{
	struct store_score_sum *t = row;
	t->department = store_column_dup_text(st, 0);
	t->role = store_column_role(st, 1);
	t->track = store_column_track(st, 2);
	t->dimension = store_column_dup_text(st, 3);
	t->sum = sqlite3_column_double(st, 4);
	t->count = sqlite3_column_int(st, 5);
	t->squares = sqlite3_column_double(st, 6);
}

static void store_score_clear(void *row)
{
	struct store_score_sum *t = row;
	free(t->department);
	free(t->dimension);
}

static const struct store_report_query store_score_query = {
    "SELECT department, role, track, dimension, total, n, squares"
    " FROM round_score WHERE round_id = ?1 AND n > 0",
    "cannot read the round's scores",
    sizeof(struct store_score_sum),
    store_score_read,
    store_score_clear,
};

enum store_status store_report_scores(struct store *s, long long round_id,
				      struct store_score_sum **out, int *count)
{
	void *rows;
	enum store_status status = store_report_rows(
	    s, &store_score_query, round_id, NULL, &rows, count);
	*out = rows;
	return status;
}

void store_score_sums_free(struct store_score_sum *rows, int count)
{
	store_rows_free(rows, count, sizeof(*rows), store_score_clear);
}

/* ---- estimates --------------------------------------------------------- */

static void store_estimate_read(sqlite3_stmt *st, void *row)
{
	struct store_estimate_sum *t = row;
	t->department = store_column_dup_text(st, 0);
	t->role = store_column_role(st, 1);
	t->count = sqlite3_column_int(st, 2);
	for (int k = 0; k < 3; k++)
		t->sum[k] = sqlite3_column_int64(st, 3 + k);
}

static void store_estimate_clear(void *row)
{
	struct store_estimate_sum *t = row;
	free(t->department);
}

static const struct store_report_query store_estimate_query = {
    "SELECT department, role, n, champions, willing, cautious"
    " FROM round_estimate"
    " WHERE round_id = ?1 AND question = ?2 AND n > 0",
    "cannot read the round's estimates",
    sizeof(struct store_estimate_sum),
    store_estimate_read,
    store_estimate_clear,
};

enum store_status store_report_estimates(struct store *s, long long round_id,
					 const char *question,
					 struct store_estimate_sum **out,
					 int *count)
{
	void *rows;
	enum store_status status = store_report_rows(
	    s, &store_estimate_query, round_id, question, &rows, count);
	*out = rows;
	return status;
}

void store_estimate_sums_free(struct store_estimate_sum *rows, int count)
{
	store_rows_free(rows, count, sizeof(*rows), store_estimate_clear);
}

/* ---- champions --------------------------------------------------------- */

/* From the partial index response_champion, whose WHERE the query repeats
 * word for word (SQLite uses a partial index only for a literal, not a
 * bound value), which holds all it reads. */
enum store_status store_report_champion_subtypes(
    struct store *s, long long round_id,
    bool (*each)(void *ctx, long long respondent_id, long long response_id,
		 enum subtype subtype),
    void *ctx)
{
	const char *what = "cannot read the round's champions";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s,
	    "SELECT p.respondent_id, p.id, p.subtype"
	    " FROM response p INDEXED BY response_champion"
	    " WHERE p.round_id = ?1 AND p.segment = 'champion'"
	    " AND p.finished_at IS NOT NULL",
	    what, &st, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!each(ctx, sqlite3_column_int64(st, 0),
			  sqlite3_column_int64(st, 1),
			  store_column_subtype(st, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	return store_rows_end(s, st, what, status, rc);
}

/* ---- answers ----------------------------------------------------------- */

static void store_answer_count_read(sqlite3_stmt *st, void *row)
{
	struct store_answer_count *t = row;
	t->question = store_column_dup_text(st, 0);
	t->choice = sqlite3_column_int(st, 1);
	t->count = sqlite3_column_int(st, 2);
}

static void store_answer_count_clear(void *row)
{
	struct store_answer_count *t = row;
	free(t->question);
}

static const struct store_report_query store_answer_count_query = {
    "SELECT question, choice, n"
    " FROM round_answer WHERE round_id = ?1 AND n > 0",
    "cannot count the round's answers",
    sizeof(struct store_answer_count),
    store_answer_count_read,
    store_answer_count_clear,
};

enum store_status store_report_answers(struct store *s, long long round_id,
				       struct store_answer_count **out,
				       int *count)
{
	void *rows;
	enum store_status status = store_report_rows(
	    s, &store_answer_count_query, round_id, NULL, &rows, count);
	*out = rows;
	return status;
}

void store_answer_counts_free(struct store_answer_count *rows, int count)
{
	store_rows_free(rows, count, sizeof(*rows), store_answer_count_clear);
}

/* ---- near the line ----------------------------------------------------- */

static void store_near_read(sqlite3_stmt *st, void *row)
{
	struct store_tally *t = row;
	t->department = store_column_dup_text(st, 0);
	t->role = store_column_role(st, 1);
	t->track = store_column_track(st, 2);
	t->finished = true;
	t->count = sqlite3_column_int(st, 3);
}

enum store_status store_report_near(struct store *s, long long round_id,
				    int champion, int willing, double margin,
				    struct store_tally **out, int *count)
{
	/* Each BETWEEN, a point wider than the margin on either side, is a
	 * range of round_adoption's primary key near one threshold (an OR
	 * of them would scan the round's rows); the second leaves out what
	 * the first read. The test that decides is the scoring's. */
	static const struct store_report_query query = {
	    "SELECT department, role, track, sum(n) FROM ("
	    "SELECT department, role, track, adoption, n FROM round_adoption"
	    " WHERE round_id = ?1 AND adoption BETWEEN ?2 - ?4 - 1"
	    " AND ?2 + ?4 + 1"
	    " UNION ALL "
	    "SELECT department, role, track, adoption, n FROM round_adoption"
	    " WHERE round_id = ?1 AND adoption BETWEEN ?3 - ?4 - 1"
	    " AND ?3 + ?4 + 1"
	    " AND adoption NOT BETWEEN ?2 - ?4 - 1 AND ?2 + ?4 + 1)"
	    " WHERE n > 0"
	    " AND (abs(adoption - ?2) <= ?4 OR abs(adoption - ?3) <= ?4)"
	    " GROUP BY 1, 2, 3",
	    "cannot count the responses near a threshold",
	    sizeof(struct store_tally),
	    store_near_read,
	    store_tally_clear,
	};
	struct store_rows rows = {.size = query.size};
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt_bind(s, query.sql, query.what, &st, "IiiD", round_id,
			    champion, willing, &margin);
	if (status == STORE_OK)
		status = store_rows_read(s, st, &query, &rows);
	store_stmt_done(s, st);
	if (status != STORE_OK) {
		store_rows_free(rows.items, rows.count, rows.size, query.clear);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

/* ---- people, one at a time ----------------------------------------------- */

/* From response_people, which holds every column of the response read,
 * in the order of the respondents joined (see store-schema.c); since a
 * time, from the round's finish times' index, in their order. */

enum store_status
store_report_people(struct store *s, long long round_id, const char *since,
		    bool (*each)(void *ctx, const struct store_person *p),
		    void *ctx)
{
	const char *what = "cannot read the round's people";
	sqlite3_stmt *st;
	enum store_status status =
	    since == NULL
		? store_prepare_bind(
		      s,
		      "SELECT p.id, p.respondent_id, t.name, p.department,"
		      " p.role, p.track, p.segment, p.finished_at,"
		      " t.champion_contact"
		      " FROM response p INDEXED BY response_people"
		      " JOIN respondent t ON t.id = p.respondent_id"
		      " WHERE p.round_id = ?1 AND p.finished_at IS NOT NULL",
		      what, &st, "I", round_id)
		: store_prepare_bind(
		      s,
		      "SELECT p.id, p.respondent_id, t.name, p.department,"
		      " p.role, p.track, p.segment, p.finished_at,"
		      " t.champion_contact"
		      " FROM response p INDEXED BY response_round_finished"
		      " JOIN respondent t ON t.id = p.respondent_id"
		      " WHERE p.round_id = ?1 AND p.finished_at >= ?2"
		      " ORDER BY p.finished_at",
		      what, &st, "It", round_id, since);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_person p = {
		    sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    store_column_role(st, 4),
		    store_column_track(st, 5),
		    store_column_segment(st, 6),
		    (const char *)sqlite3_column_text(st, 7),
		    sqlite3_column_int(st, 8) == 1,
		};
		if (p.department == NULL)
			p.department = "";
		if (p.finished_at == NULL)
			p.finished_at = "";
		if (!each(ctx, &p)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return store_rows_end(s, st, what, status, rc);
}
