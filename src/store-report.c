/* The store's reading of results for reports. Counts, scores, answers and
 * estimates come from the running totals that the schema's triggers keep
 * (see "running totals" in store-schema.c), so reading them costs the number of
 * groups, not of responses. Only the people (champions, and who moved
 * between two rounds) are read from the responses, through indexes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* ---- rows -------------------------------------------------------------- */

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

typedef void store_row_reader(sqlite3_stmt *st, void *row);

/* Step st to the end, one row each. The statement is finalized. */
static enum store_status store_rows_read(struct store *s, sqlite3_stmt *st,
					 const char *what,
					 store_row_reader *read,
					 struct store_rows *rows)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, store_rows_add(rows));
	enum store_status status = STORE_OK;
	if (rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* Prepare sql and bind the round's id as ?1. */
static enum store_status store_report_prepare(struct store *s, const char *sql,
					      const char *what,
					      long long round_id,
					      sqlite3_stmt **st)
{
	enum store_status status = store_prepare(s, sql, what, st);
	if (status == STORE_OK && sqlite3_bind_int64(*st, 1, round_id))
		status = store_fail_sql(s, what);
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

enum store_status store_report_tally(struct store *s, long long round_id,
				     struct store_tally **out, int *count)
{
	const char *what = "cannot count the round's responses";
	struct store_rows rows = {.size = sizeof(**out)};
	sqlite3_stmt *st;
	enum store_status status = store_report_prepare(
	    s,
	    "SELECT department, role, track, finished, segment, subtype, n"
	    " FROM round_tally WHERE round_id = ?1 AND n > 0",
	    what, round_id, &st);
	if (status == STORE_OK)
		status = store_rows_read(s, st, what, store_tally_read, &rows);
	else
		store_finalize(st);
	if (status != STORE_OK) {
		store_tally_free(rows.items, rows.count);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

void store_tally_free(struct store_tally *rows, int count)
{
	for (int i = 0; i < count; i++)
		free(rows[i].department);
	free(rows);
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
}

enum store_status store_report_scores(struct store *s, long long round_id,
				      struct store_score_sum **out, int *count)
{
	const char *what = "cannot read the round's scores";
	struct store_rows rows = {.size = sizeof(**out)};
	sqlite3_stmt *st;
	enum store_status status = store_report_prepare(
	    s,
	    "SELECT department, role, track, dimension, total, n"
	    " FROM round_score WHERE round_id = ?1 AND n > 0",
	    what, round_id, &st);
	if (status == STORE_OK)
		status = store_rows_read(s, st, what, store_score_read, &rows);
	else
		store_finalize(st);
	if (status != STORE_OK) {
		store_score_sums_free(rows.items, rows.count);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

void store_score_sums_free(struct store_score_sum *rows, int count)
{
	for (int i = 0; i < count; i++) {
		free(rows[i].department);
		free(rows[i].dimension);
	}
	free(rows);
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

enum store_status store_report_estimates(struct store *s, long long round_id,
					 const char *question,
					 struct store_estimate_sum **out,
					 int *count)
{
	const char *what = "cannot read the round's estimates";
	struct store_rows rows = {.size = sizeof(**out)};
	sqlite3_stmt *st;
	enum store_status status = store_report_prepare(
	    s,
	    "SELECT department, role, n, champions, willing, cautious"
	    " FROM round_estimate"
	    " WHERE round_id = ?1 AND question = ?2 AND n > 0",
	    what, round_id, &st);
	if (status == STORE_OK &&
	    sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC) != SQLITE_OK)
		status = store_fail_sql(s, what);
	if (status == STORE_OK)
		status =
		    store_rows_read(s, st, what, store_estimate_read, &rows);
	else
		store_finalize(st);
	if (status != STORE_OK) {
		store_estimate_sums_free(rows.items, rows.count);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

void store_estimate_sums_free(struct store_estimate_sum *rows, int count)
{
	for (int i = 0; i < count; i++)
		free(rows[i].department);
	free(rows);
}

/* ---- champions --------------------------------------------------------- */

static void store_champion_read(sqlite3_stmt *st, void *row)
{
	struct store_champion *t = row;
	t->name = store_column_dup_text(st, 0);
	t->department = store_column_dup_text(st, 1);
	t->subtype = store_column_subtype(st, 2);
}

enum store_status store_report_champions(struct store *s, long long round_id,
					 struct store_champion **out,
					 int *count)
{
	const char *what = "cannot read the round's champions";
	struct store_rows rows = {.size = sizeof(**out)};
	sqlite3_stmt *st;
	/* The round's champions come from the partial index
	 * response_champion, whose WHERE the query repeats word for word
	 * (SQLite uses a partial index only for a literal, not a bound
	 * value). The later response of the same person is found through
	 * the name index, as in store_response_find_person: a few namesakes
	 * each. */
	enum store_status status = store_report_prepare(
	    s,
	    "SELECT t.name, p.department, p.subtype"
	    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	    " WHERE p.round_id = ?1 AND p.segment = 'champion'"
	    " AND p.finished_at IS NOT NULL AND t.champion_contact = 1"
	    " AND t.name IS NOT NULL"
	    " AND NOT EXISTS (SELECT 1 FROM respondent t2"
	    "  CROSS JOIN response p2 ON p2.respondent_id = t2.id"
	    "  WHERE t2.name = t.name COLLATE NOCASE"
	    "  AND p2.round_id = p.round_id AND p2.id > p.id"
	    "  AND p2.finished_at IS NOT NULL"
	    "  AND p2.department = p.department COLLATE NOCASE)",
	    what, round_id, &st);
	if (status == STORE_OK)
		status =
		    store_rows_read(s, st, what, store_champion_read, &rows);
	else
		store_finalize(st);
	if (status != STORE_OK) {
		store_champions_free(rows.items, rows.count);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

void store_champions_free(struct store_champion *rows, int count)
{
	for (int i = 0; i < count; i++) {
		free(rows[i].name);
		free(rows[i].department);
	}
	free(rows);
}

/* ---- answers ----------------------------------------------------------- */

static void store_answer_count_read(sqlite3_stmt *st, void *row)
{
	struct store_answer_count *t = row;
	t->question = store_column_dup_text(st, 0);
	t->choice = sqlite3_column_int(st, 1);
	t->count = sqlite3_column_int(st, 2);
}

enum store_status store_report_answers(struct store *s, long long round_id,
				       struct store_answer_count **out,
				       int *count)
{
	const char *what = "cannot count the round's answers";
	struct store_rows rows = {.size = sizeof(**out)};
	sqlite3_stmt *st;
	enum store_status status = store_report_prepare(
	    s,
	    "SELECT question, choice, n"
	    " FROM round_answer WHERE round_id = ?1 AND n > 0",
	    what, round_id, &st);
	if (status == STORE_OK)
		status = store_rows_read(s, st, what, store_answer_count_read,
					 &rows);
	else
		store_finalize(st);
	if (status != STORE_OK) {
		store_answer_counts_free(rows.items, rows.count);
		rows = (struct store_rows){0};
	}
	*out = rows.items;
	*count = rows.count;
	return status;
}

void store_answer_counts_free(struct store_answer_count *rows, int count)
{
	for (int i = 0; i < count; i++)
		free(rows[i].question);
	free(rows);
}

/* ---- transitions ------------------------------------------------------- */

/* Every named person who finished either round, by their latest finished
 * response in each: one grouping over the two rounds' responses, so
 * their rows are sorted once (not once a round and then matched). lower()
 * folds ASCII only, as NOCASE does in store_response_find_person. Rows:
 * whether the person finished this round, and the other one, their
 * segments in the other round and in this one, and how many people. */
static const char store_transitions_sql[] =
    "WITH people AS (SELECT"
    " max(CASE WHEN p.round_id = ?1 THEN p.id END) AS here,"
    " max(CASE WHEN p.round_id = ?2 THEN p.id END) AS there"
    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
    " WHERE p.round_id IN (?1, ?2) AND p.finished_at IS NOT NULL"
    " AND t.name IS NOT NULL"
    " GROUP BY lower(t.name), lower(p.department))"
    " SELECT here IS NOT NULL, there IS NOT NULL, b.segment, n.segment,"
    " count(*)"
    " FROM people LEFT JOIN response n ON n.id = here"
    " LEFT JOIN response b ON b.id = there"
    " GROUP BY 1, 2, 3, 4";

static enum store_status store_people_read(struct store *s, long long round_id,
					   long long other_id,
					   struct store_transitions *out)
{
	const char *what = "cannot match the people of two rounds";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s, store_transitions_sql, what, &st, "II", round_id, other_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool here = sqlite3_column_int(st, 0) != 0;
		bool there = sqlite3_column_int(st, 1) != 0;
		int people = sqlite3_column_int(st, 4);
		if (here && there) {
			enum segment from = store_column_segment(st, 2);
			enum segment to = store_column_segment(st, 3);
			out->moved[from][to] += people;
			out->both += people;
		} else if (here) {
			out->only_this += people;
		} else {
			out->only_other += people;
		}
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

static enum store_status store_anonymous_read(struct store *s,
					      long long round_id,
					      long long other_id,
					      struct store_transitions *out)
{
	const char *what = "cannot count the anonymous responses";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s,
	    "SELECT p.round_id, count(*)"
	    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	    " WHERE p.round_id IN (?1, ?2) AND p.finished_at IS NOT NULL"
	    " AND t.name IS NULL GROUP BY 1",
	    what, &st, "II", round_id, other_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int n = sqlite3_column_int(st, 1);
		if (id == round_id)
			out->anonymous[0] = n;
		if (id == other_id)
			out->anonymous[1] = n;
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

enum store_status store_report_transitions(struct store *s, long long round_id,
					   long long other_id,
					   struct store_transitions *out)
{
	memset(out, 0, sizeof(*out));
	enum store_status status =
	    store_people_read(s, round_id, other_id, out);
	if (status == STORE_OK)
		status = store_anonymous_read(s, round_id, other_id, out);
	if (status != STORE_OK)
		memset(out, 0, sizeof(*out));
	return status;
}
