/* SPDX-License-Identifier: MIT */
/* The store's exports: a round read in one snapshot and streamed a
 * response at a time to the caller's callback. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* ---- export: responses -------------------------------------------------- */

/* One correlated lookup per dimension: each is a primary-key probe, so
 * the statement streams in the index's order without a sort. */
static char *export_responses_sql(int ndimensions)
{
	size_t size = 1024 + (size_t)ndimensions * 128;
	char *sql = xmalloc(size);
	int n =
	    snprintf(sql, size,
		     "SELECT p.uuid, p.department, p.role, p.track, p.segment,"
		     " p.subtype, p.adoption, p.started_at, p.finished_at,"
		     " CASE WHEN t.champion_contact = 1"
		     " AND p.segment = 'champion' THEN t.name END");
	for (int d = 0; d < ndimensions; d++)
		n += snprintf(sql + n, size - (size_t)n,
			      ", (SELECT c.score FROM response_score c"
			      " WHERE c.response_id = p.id AND"
			      " c.dimension = ?%d)",
			      d + 2);
	snprintf(sql + n, size - (size_t)n,
		 " FROM response p JOIN respondent t"
		 " ON t.id = p.respondent_id"
		 " WHERE p.round_id = ?1 AND p.finished_at IS NOT NULL"
		 " ORDER BY p.finished_at, p.id");
	return sql;
}

static void export_response_read(sqlite3_stmt *st, int ndimensions,
				 double *scores, bool *scored,
				 struct store_export_response *row)
{
	memset(row, 0, sizeof(*row));
	row->uuid = store_column_text(st, 0);
	row->department = store_column_text(st, 1);
	row->role = store_column_role(st, 2);
	row->track = store_column_track(st, 3);
	row->segment = store_column_segment(st, 4);
	row->subtype = store_column_subtype(st, 5);
	row->has_adoption = sqlite3_column_type(st, 6) != SQLITE_NULL;
	row->adoption = sqlite3_column_double(st, 6);
	row->started_at = store_column_text(st, 7);
	row->finished_at = store_column_text(st, 8);
	row->name = store_column_text(st, 9);
	for (int d = 0; d < ndimensions; d++) {
		scored[d] = sqlite3_column_type(st, 10 + d) != SQLITE_NULL;
		scores[d] = sqlite3_column_double(st, 10 + d);
	}
	row->scores = scores;
	row->scored = scored;
}

static enum store_status
export_responses_run(struct store *s, long long round_id,
		     char *const *dimensions, int ndimensions,
		     store_export_response_fn *fn, void *ctx)
{
	const char *what = "cannot read the round's responses";
	char *sql = export_responses_sql(ndimensions);
	sqlite3_stmt *st;
	enum store_status status = store_prepare(s, sql, what, &st);
	free(sql);
	if (status == STORE_OK &&
	    sqlite3_bind_int64(st, 1, round_id) != SQLITE_OK)
		status = store_fail_sql(s, what);
	for (int d = 0; status == STORE_OK && d < ndimensions; d++)
		if (sqlite3_bind_text(st, d + 2, dimensions[d], -1,
				      SQLITE_STATIC) != SQLITE_OK)
			status = store_fail_sql(s, what);
	double scores[QN_MAX_DIMENSIONS];
	bool scored[QN_MAX_DIMENSIONS];
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_export_response row;
		export_response_read(st, ndimensions, scores, scored, &row);
		if (!fn(ctx, &row))
			break;
	}
	if (status == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

enum store_status store_export_responses(struct store *s, long long round_id,
					 char *const *dimensions,
					 int ndimensions,
					 store_export_response_fn *fn,
					 void *ctx)
{
	if (ndimensions < 0 || ndimensions > QN_MAX_DIMENSIONS)
		return store_fail(
		    s, STORE_ERR_IO,
		    "%s: %d dimensions asked for (a bug in aimap)", s->path,
		    ndimensions);
	enum store_status status = store_read_begin(s);
	if (status == STORE_OK)
		status = export_responses_run(s, round_id, dimensions,
					      ndimensions, fn, ctx);
	store_read_end(s);
	return status;
}

/* ---- export: answers ---------------------------------------------------- */

static enum store_status export_answers_run(struct store *s, long long round_id,
					    const struct questionnaire *q,
					    store_export_answers_fn *fn,
					    void *ctx)
{
	const char *what = "cannot read the round's responses";
	struct store_answers a;
	enum store_status status = store_answers_open(s, &a, q);
	sqlite3_stmt *st = NULL;
	if (status == STORE_OK)
		status = store_prepare_bind(
		    s,
		    "SELECT p.id, p.uuid, t.uuid,"
		    " CASE WHEN t.champion_contact = 1"
		    " AND p.segment = 'champion' THEN t.name END,"
		    " t.champion_contact, p.department, p.role, p.track,"
		    " p.started_at, p.finished_at"
		    " FROM response p JOIN respondent t"
		    " ON t.id = p.respondent_id WHERE p.round_id = ?1"
		    " ORDER BY p.finished_at, p.id",
		    what, &st, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		status = store_answers_read(s, &a, sqlite3_column_int64(st, 0));
		if (status != STORE_OK)
			break;
		struct store_export_answers row = {
		    .uuid = store_column_text(st, 1),
		    .respondent_uuid = store_column_text(st, 2),
		    .name = store_column_text(st, 3),
		    .champion_contact = sqlite3_column_int(st, 4) != 0,
		    .department = store_column_text(st, 5),
		    .role = store_column_role(st, 6),
		    .track = store_column_track(st, 7),
		    .started_at = store_column_text(st, 8),
		    .finished_at = store_column_text(st, 9),
		    .choices = a.choices,
		    .estimates = (const int(*)[3])a.estimates,
		    .answered_at = (const char(*)[21])a.answered_at,
		};
		if (!fn(ctx, &row))
			break;
	}
	if (status == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	store_answers_close(&a);
	return status;
}

enum store_status store_export_answers(struct store *s, long long round_id,
				       const struct questionnaire *q,
				       store_export_answers_fn *fn, void *ctx)
{
	enum store_status status = store_read_begin(s);
	if (status == STORE_OK)
		status = export_answers_run(s, round_id, q, fn, ctx);
	store_read_end(s);
	return status;
}
