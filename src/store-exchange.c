/* The store's exchanges with the world outside one database: exports
 * streamed a response at a time, imports of answers exports, and merges
 * of another aimap database. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-internal.h"

/* ---- small readers ------------------------------------------------------ */

/* The schema's CHECKs admit only names these parse. */
static enum role exchange_role(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	enum role role = ROLE_INDIVIDUAL;
	if (text != NULL)
		(void)role_parse(text, &role);
	return role;
}

static enum track exchange_track(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	enum track track = TRACK_TECHNICAL;
	if (text != NULL)
		(void)track_parse(text, &track);
	return track;
}

static const char *exchange_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* A version of a response that sorts after an older one: finished
 * before unfinished, then the finish time, then the last answer. The
 * same expression is used on both sides of a merge. */
#define EXCHANGE_VERSION(schema, p)                                            \
	"((" p ".finished_at IS NOT NULL) || coalesce(" p ".finished_at, '')"  \
	" || '|' || max(" p ".started_at,"                                     \
	" coalesce((SELECT max(a.answered_at) FROM " schema                    \
	"answer a WHERE a.response_id = " p ".id), ''),"                       \
	" coalesce((SELECT max(e.answered_at) FROM " schema                    \
	"estimate e WHERE e.response_id = " p ".id), '')))"

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
		     " CASE WHEN t.champion_contact = 1 THEN t.name END");
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
	row->uuid = exchange_text(st, 0);
	row->department = exchange_text(st, 1);
	row->role = exchange_role(st, 2);
	row->track = exchange_track(st, 3);
	const char *segment = exchange_text(st, 4);
	const char *subtype = exchange_text(st, 5);
	row->segment = SEGMENT_NONE;
	row->subtype = SUBTYPE_NONE;
	if (segment != NULL && !segment_parse(segment, &row->segment))
		row->segment = SEGMENT_NONE;
	if (subtype != NULL && !subtype_parse(subtype, &row->subtype))
		row->subtype = SUBTYPE_NONE;
	row->has_adoption = sqlite3_column_type(st, 6) != SQLITE_NULL;
	row->adoption = sqlite3_column_double(st, 6);
	row->started_at = exchange_text(st, 7);
	row->finished_at = exchange_text(st, 8);
	row->name = exchange_text(st, 9);
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

/* Statements for the answers of one response, run again for each. */
struct answers_reader {
	sqlite3_stmt *answers;
	sqlite3_stmt *estimates;
	const struct questionnaire *q;
	int *choices;
	int (*estimates_pct)[3];
	char (*answered_at)[21];
};

static enum store_status answers_reader_init(struct store *s,
					     struct answers_reader *a,
					     const struct questionnaire *q)
{
	const char *what = "cannot read the answers";
	memset(a, 0, sizeof(*a));
	a->q = q;
	size_t n = (size_t)q->nquestions + 1;
	a->choices = xcalloc(n, sizeof(*a->choices));
	a->estimates_pct = xcalloc(n, sizeof(*a->estimates_pct));
	a->answered_at = xcalloc(n, sizeof(*a->answered_at));
	enum store_status status =
	    store_prepare(s,
			  "SELECT question, choice, answered_at FROM answer"
			  " WHERE response_id = ?1",
			  what, &a->answers);
	if (status == STORE_OK)
		status = store_prepare(
		    s,
		    "SELECT question, champions, willing, cautious,"
		    " answered_at FROM estimate WHERE response_id = ?1",
		    what, &a->estimates);
	return status;
}

static void answers_reader_free(struct answers_reader *a)
{
	store_finalize(a->answers);
	store_finalize(a->estimates);
	free(a->choices);
	free(a->estimates_pct);
	free(a->answered_at);
	memset(a, 0, sizeof(*a));
}

/* Read the rows of one table of answers into the arrays by question. */
static enum store_status answers_read_table(struct store *s,
					    struct answers_reader *a,
					    sqlite3_stmt *st, long long id,
					    bool estimates)
{
	const char *what = "cannot read the answers";
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return store_fail_sql(s, what);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *question = exchange_text(st, 0);
		int i = question != NULL
			    ? questionnaire_find_question(a->q, question)
			    : -1;
		if (i < 0)
			continue; /* not this questionnaire's */
		if (estimates)
			for (int k = 0; k < 3; k++)
				a->estimates_pct[i][k] =
				    sqlite3_column_int(st, 1 + k);
		else
			a->choices[i] = sqlite3_column_int(st, 1);
		store_column_copy(st, estimates ? 4 : 2, a->answered_at[i],
				  sizeof(a->answered_at[i]));
	}
	enum store_status status = STORE_OK;
	if (rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	(void)sqlite3_reset(st);
	return status;
}

static enum store_status answers_read(struct store *s, struct answers_reader *a,
				      long long id)
{
	size_t n = (size_t)a->q->nquestions;
	memset(a->choices, 0, n * sizeof(*a->choices));
	memset(a->estimates_pct, 0, n * sizeof(*a->estimates_pct));
	memset(a->answered_at, 0, n * sizeof(*a->answered_at));
	enum store_status status =
	    answers_read_table(s, a, a->answers, id, false);
	if (status == STORE_OK)
		status = answers_read_table(s, a, a->estimates, id, true);
	return status;
}

static enum store_status export_answers_run(struct store *s, long long round_id,
					    const struct questionnaire *q,
					    store_export_answers_fn *fn,
					    void *ctx)
{
	const char *what = "cannot read the round's responses";
	struct answers_reader a;
	enum store_status status = answers_reader_init(s, &a, q);
	sqlite3_stmt *st = NULL;
	if (status == STORE_OK)
		status = store_prepare(
		    s,
		    "SELECT p.id, p.uuid, t.uuid,"
		    " CASE WHEN t.champion_contact = 1 THEN t.name END,"
		    " t.champion_contact, p.department, p.role, p.track,"
		    " p.started_at, p.finished_at"
		    " FROM response p JOIN respondent t"
		    " ON t.id = p.respondent_id WHERE p.round_id = ?1"
		    " ORDER BY p.finished_at, p.id",
		    what, &st);
	if (status == STORE_OK)
		status = store_bind(s, st, what, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		status = answers_read(s, &a, sqlite3_column_int64(st, 0));
		if (status != STORE_OK)
			break;
		struct store_export_answers row = {
		    .uuid = exchange_text(st, 1),
		    .respondent_uuid = exchange_text(st, 2),
		    .name = exchange_text(st, 3),
		    .champion_contact = sqlite3_column_int(st, 4) != 0,
		    .department = exchange_text(st, 5),
		    .role = exchange_role(st, 6),
		    .track = exchange_track(st, 7),
		    .started_at = exchange_text(st, 8),
		    .finished_at = exchange_text(st, 9),
		    .choices = a.choices,
		    .estimates = (const int(*)[3])a.estimates_pct,
		    .answered_at = (const char(*)[21])a.answered_at,
		};
		if (!fn(ctx, &row))
			break;
	}
	if (status == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	answers_reader_free(&a);
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

/* ---- questionnaires ----------------------------------------------------- */

enum store_status store_questionnaire_find(struct store *s, const char *qid,
					   const char *hash, long long *id)
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

/* ---- import ---------------------------------------------------------------
 */

enum import_statement {
	IM_SEEN,
	IM_ROUND_BY_UUID,
	IM_ROUND_BY_CODE,
	IM_ROUND_INSERT,
	IM_RESPONDENT_FIND,
	IM_RESPONDENT_INSERT,
	IM_RESPONDENT_UPDATE,
	IM_RESPONSE_FIND,
	IM_RESPONSE_INSERT,
	IM_RESPONSE_UPDATE,
	IM_ANSWERS_DELETE,
	IM_ESTIMATES_DELETE,
	IM_SCORES_DELETE,
	IM_ANSWER_INSERT,
	IM_ESTIMATE_INSERT,
	IM_SCORE_INSERT,
	IM_COUNT
};

#define IM_RESPONSE_FIND_SQL                                                   \
	"SELECT p.id, p.round_id, p.respondent_id, " EXCHANGE_VERSION(         \
	    "", "p") " FROM response p WHERE p.uuid = ?1"

static const char *const import_sql[IM_COUNT] = {
    [IM_SEEN] = "INSERT OR IGNORE INTO temp.aimap_import_seen (uuid)"
		" VALUES (?1)",
    [IM_ROUND_BY_UUID] = "SELECT id, questionnaire_id, code FROM round"
			 " WHERE uuid = ?1",
    [IM_ROUND_BY_CODE] = "SELECT uuid FROM round WHERE code = ?1",
    [IM_ROUND_INSERT] =
	"INSERT INTO round (uuid, code, name, questionnaire_id, state,"
	" min_group, created_at, closed_at)"
	" VALUES (?1, ?2, ?3, ?4, 'closed', ?5, ?6, ?7)",
    [IM_RESPONDENT_FIND] = "SELECT id FROM respondent WHERE uuid = ?1",
    [IM_RESPONDENT_INSERT] =
	"INSERT INTO respondent (uuid, name, champion_contact, created_at)"
	" VALUES (?1, ?2, ?3, ?4)",
    [IM_RESPONDENT_UPDATE] = "UPDATE respondent SET name = coalesce(?2, name),"
			     " champion_contact = ?3 WHERE id = ?1",
    [IM_RESPONSE_FIND] = IM_RESPONSE_FIND_SQL,
    [IM_RESPONSE_INSERT] =
	"INSERT INTO response (uuid, round_id, respondent_id, department,"
	" role, track, started_at, finished_at, segment, subtype, adoption)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [IM_RESPONSE_UPDATE] =
	"UPDATE response SET department = ?2, role = ?3, track = ?4,"
	" started_at = ?5, finished_at = ?6, segment = ?7, subtype = ?8,"
	" adoption = ?9 WHERE id = ?1",
    [IM_ANSWERS_DELETE] = "DELETE FROM answer WHERE response_id = ?1",
    [IM_ESTIMATES_DELETE] = "DELETE FROM estimate WHERE response_id = ?1",
    [IM_SCORES_DELETE] = "DELETE FROM response_score WHERE response_id = ?1",
    [IM_ANSWER_INSERT] =
	"INSERT INTO answer (response_id, question, choice, answered_at)"
	" VALUES (?1, ?2, ?3, ?4)",
    [IM_ESTIMATE_INSERT] =
	"INSERT INTO estimate (response_id, question, champions, willing,"
	" cautious, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [IM_SCORE_INSERT] =
	"INSERT INTO response_score (response_id, dimension, score)"
	" VALUES (?1, ?2, ?3)",
};

struct store_import {
	struct store *s;
	sqlite3_stmt *st[IM_COUNT]; /* prepared on first use */
	char round_uuid[37];	    /* the last round looked up */
	long long round_id;
	int rounds_made;
	char now[21];
};

/* Run one of the import's statements that returns no rows. */
#define IM_RUN(im, k, what, ...)                                               \
	store_run((im)->s, (im)->st[k], what, __VA_ARGS__)

/* Step a query once: STORE_OK with a row (reset it after reading),
 * STORE_ERR_NOT_FOUND without one. */
static enum store_status im_query(struct store_import *im,
				  enum import_statement k, const char *what,
				  const char *text, sqlite3_stmt **out)
{
	sqlite3_stmt *st = im->st[k];
	enum store_status status = store_bind(im->s, st, what, "t", text);
	if (status != STORE_OK)
		return status;
	int rc = sqlite3_step(st);
	*out = st;
	if (rc == SQLITE_ROW)
		return STORE_OK;
	(void)sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return STORE_ERR_NOT_FOUND;
	return store_fail_sql(im->s, what);
}

static enum store_status im_conflict(struct store_import *im, const char *fmt,
				     ...) PRINTF_LIKE(2, 3);

static enum store_status im_conflict(struct store_import *im, const char *fmt,
				     ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return store_fail(im->s, STORE_ERR_EXISTS, "%s", msg);
}

enum store_status store_import_begin(struct store *s, struct store_import **out)
{
	*out = NULL;
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_exec(s,
			    "CREATE TEMP TABLE IF NOT EXISTS aimap_import_seen"
			    " (uuid TEXT PRIMARY KEY) WITHOUT ROWID;"
			    " DELETE FROM temp.aimap_import_seen",
			    "cannot start the import");
	struct store_import *im = xcalloc(1, sizeof(*im));
	im->s = s;
	im->round_id = -1;
	util_now_iso(im->now);
	for (int k = 0; status == STORE_OK && k < IM_COUNT; k++)
		status = store_prepare(s, import_sql[k],
				       "cannot prepare the import", &im->st[k]);
	if (status != STORE_OK) {
		(void)store_import_end(im, false);
		return status;
	}
	*out = im;
	return STORE_OK;
}

enum store_status store_import_questionnaire(struct store_import *im,
					     const struct questionnaire *q,
					     long long *id)
{
	struct store *s = im->s;
	char hash[17];
	util_hash_hex(q->source, q->source_len, hash);
	enum store_status status = store_questionnaire_find(s, q->id, hash, id);
	if (status != STORE_ERR_NOT_FOUND)
		return status;
	status = store_run_once(
	    s,
	    "INSERT INTO questionnaire (qid, version, title, hash, source,"
	    " added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    "cannot store the questionnaire", "tittTt", q->id, q->version,
	    q->title, hash, q->source, q->source_len, im->now);
	if (status == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

int store_import_rounds_made(const struct store_import *im)
{
	return im->rounds_made;
}

enum store_status store_import_end(struct store_import *im, bool commit)
{
	struct store *s = im->s;
	for (int k = 0; k < IM_COUNT; k++)
		store_finalize(im->st[k]);
	free(im);
	enum store_status status = commit ? STORE_OK : STORE_ERR_IO;
	status = store_finish(s, status);
	(void)sqlite3_exec(s->db, "DROP TABLE IF EXISTS temp.aimap_import_seen",
			   NULL, NULL, NULL);
	return commit ? status : STORE_OK;
}

/* The rows of one response come together: a second block of the same
 * response would be read as a conflicting version of it. */
static enum store_status im_check_seen(struct store_import *im,
				       const char *uuid)
{
	enum store_status status =
	    IM_RUN(im, IM_SEEN, "cannot follow the import", "t", uuid);
	if (status == STORE_OK && sqlite3_changes(im->s->db) == 0)
		status = im_conflict(im,
				     "the rows of response %s are not all "
				     "together (an answers export keeps each "
				     "response's rows in one block)",
				     uuid);
	return status;
}

static enum store_status im_round_make(struct store_import *im,
				       const struct store_import_response *r)
{
	const char *what = "cannot look up the round";
	char code[STORE_MAX_CODE + 1];
	if (!store_code_upper(r->round_code, code))
		return im_conflict(im,
				   "round code %s is longer than %d "
				   "characters",
				   r->round_code, STORE_MAX_CODE);
	sqlite3_stmt *st;
	enum store_status status =
	    im_query(im, IM_ROUND_BY_CODE, what, code, &st);
	if (status == STORE_OK) {
		char other[37];
		store_column_copy(st, 0, other, sizeof(other));
		(void)sqlite3_reset(st);
		return im_conflict(im,
				   "round code %s is taken here by another "
				   "round (UUID %s, not %s); nothing was "
				   "imported",
				   code, other, r->round_uuid);
	}
	if (status != STORE_ERR_NOT_FOUND)
		return status;
	int min_group = r->round_min_group >= 1 ? r->round_min_group
						: STORE_DEFAULT_MIN_GROUP;
	status =
	    IM_RUN(im, IM_ROUND_INSERT, "cannot create the round", "tttIitt",
		   r->round_uuid, code, r->round_name, r->questionnaire_id,
		   min_group, r->round_created_at, im->now);
	if (status == STORE_OK) {
		im->round_id = sqlite3_last_insert_rowid(im->s->db);
		im->rounds_made++;
	}
	return status;
}

static enum store_status im_round(struct store_import *im,
				  const struct store_import_response *r)
{
	if (im->round_id >= 0 && strcmp(im->round_uuid, r->round_uuid) == 0)
		return STORE_OK;
	im->round_id = -1;
	snprintf(im->round_uuid, sizeof(im->round_uuid), "%s", r->round_uuid);
	sqlite3_stmt *st;
	enum store_status status =
	    im_query(im, IM_ROUND_BY_UUID, "cannot look up the round",
		     r->round_uuid, &st);
	if (status == STORE_ERR_NOT_FOUND)
		return im_round_make(im, r);
	if (status != STORE_OK)
		return status;
	long long id = sqlite3_column_int64(st, 0);
	long long questionnaire = sqlite3_column_int64(st, 1);
	char code[STORE_MAX_CODE + 1];
	store_column_copy(st, 2, code, sizeof(code));
	(void)sqlite3_reset(st);
	if (questionnaire != r->questionnaire_id)
		return im_conflict(im,
				   "round %s (UUID %s) is stored here with "
				   "another questionnaire than the file's %s "
				   "v%d",
				   code, r->round_uuid, r->q->id,
				   r->q->version);
	im->round_id = id;
	return STORE_OK;
}

static enum store_status im_respondent(struct store_import *im,
				       const struct store_import_response *r,
				       long long *id)
{
	sqlite3_stmt *st;
	enum store_status status =
	    im_query(im, IM_RESPONDENT_FIND, "cannot look up the respondent",
		     r->respondent_uuid, &st);
	if (status == STORE_OK) {
		*id = sqlite3_column_int64(st, 0);
		(void)sqlite3_reset(st);
		return STORE_OK;
	}
	if (status != STORE_ERR_NOT_FOUND)
		return status;
	status = IM_RUN(im, IM_RESPONDENT_INSERT, "cannot store the respondent",
			"ttit", r->respondent_uuid, r->name,
			r->champion_contact ? 1 : 0, r->started_at);
	*id = sqlite3_last_insert_rowid(im->s->db);
	return status;
}

/* The incoming response's version, as EXCHANGE_VERSION makes it. */
static void im_version(const struct store_import_response *r, char *out,
		       size_t size)
{
	const char *last = r->started_at;
	for (int i = 0; i < r->q->nquestions; i++)
		if (strcmp(r->answered_at[i], last) > 0)
			last = r->answered_at[i];
	snprintf(out, size, "%d%s|%s", r->finished_at != NULL,
		 r->finished_at != NULL ? r->finished_at : "", last);
}

/* The classification, as store_response_submit stores it. */
struct im_class {
	const char *segment;
	const char *subtype;
	const double *adoption;
};

static struct im_class im_classify(const struct store_import_response *r)
{
	struct im_class c = {NULL, NULL, NULL};
	const struct scoring_result *s = r->result;
	if (r->finished_at == NULL || s == NULL || !s->classified ||
	    s->segment == SEGMENT_NONE)
		return c;
	c.segment = segment_name(s->segment);
	c.subtype =
	    s->subtype != SUBTYPE_NONE ? subtype_name(s->subtype) : NULL;
	c.adoption = &s->adoption;
	return c;
}

static enum store_status im_answers_write(struct store_import *im,
					  const struct store_import_response *r,
					  long long id)
{
	const char *what = "cannot store an answer";
	const char *when =
	    r->finished_at != NULL ? r->finished_at : r->started_at;
	enum store_status status = STORE_OK;
	for (int i = 0; status == STORE_OK && i < r->q->nquestions; i++) {
		const char *qid = r->q->questions[i].id;
		const char *at =
		    r->answered_at[i][0] != '\0' ? r->answered_at[i] : when;
		const int *e = r->estimates[i];
		if (r->q->questions[i].type == QTYPE_ESTIMATE) {
			if (e[0] != 0 || e[1] != 0 || e[2] != 0)
				status = IM_RUN(im, IM_ESTIMATE_INSERT, what,
						"Itiiit", id, qid, e[0], e[1],
						e[2], at);
		} else if (r->choices[i] > 0) {
			status = IM_RUN(im, IM_ANSWER_INSERT, what, "Itit", id,
					qid, r->choices[i], at);
		}
	}
	const struct scoring_result *s = r->result;
	for (int d = 0;
	     status == STORE_OK && r->finished_at != NULL && s != NULL &&
	     d < r->q->ndimensions && d < QN_MAX_DIMENSIONS;
	     d++)
		if (s->answered[d])
			status = IM_RUN(
			    im, IM_SCORE_INSERT, "cannot store a score", "ItD",
			    id, r->q->dimensions[d].id, &s->dimension[d]);
	return status;
}

static enum store_status
im_response_insert(struct store_import *im,
		   const struct store_import_response *r,
		   long long respondent_id)
{
	struct im_class c = im_classify(r);
	enum store_status status = IM_RUN(
	    im, IM_RESPONSE_INSERT, "cannot store the response", "tIItttttttD",
	    r->response_uuid, im->round_id, respondent_id, r->department,
	    role_name(r->role), track_name(r->track), r->started_at,
	    r->finished_at, c.segment, c.subtype, c.adoption);
	if (status == STORE_OK)
		status = im_answers_write(im, r,
					  sqlite3_last_insert_rowid(im->s->db));
	return status;
}

static enum store_status
im_response_replace(struct store_import *im,
		    const struct store_import_response *r, long long id,
		    long long respondent_id)
{
	const char *what = "cannot replace the response";
	struct im_class c = im_classify(r);
	enum store_status status =
	    IM_RUN(im, IM_RESPONSE_UPDATE, what, "ItttttttD", id, r->department,
		   role_name(r->role), track_name(r->track), r->started_at,
		   r->finished_at, c.segment, c.subtype, c.adoption);
	if (status == STORE_OK)
		status =
		    IM_RUN(im, IM_RESPONDENT_UPDATE, what, "Iti", respondent_id,
			   r->name, r->champion_contact ? 1 : 0);
	if (status == STORE_OK)
		status = IM_RUN(im, IM_ANSWERS_DELETE, what, "I", id);
	if (status == STORE_OK)
		status = IM_RUN(im, IM_ESTIMATES_DELETE, what, "I", id);
	if (status == STORE_OK)
		status = IM_RUN(im, IM_SCORES_DELETE, what, "I", id);
	if (status == STORE_OK)
		status = im_answers_write(im, r, id);
	return status;
}

enum store_status store_import_add(struct store_import *im,
				   const struct store_import_response *r,
				   enum store_merge_action *action)
{
	*action = STORE_MERGE_KEPT;
	enum store_status status = im_check_seen(im, r->response_uuid);
	if (status == STORE_OK)
		status = im_round(im, r);
	long long respondent_id = 0;
	if (status == STORE_OK)
		status = im_respondent(im, r, &respondent_id);
	if (status != STORE_OK)
		return status;
	sqlite3_stmt *st;
	status = im_query(im, IM_RESPONSE_FIND, "cannot look up the response",
			  r->response_uuid, &st);
	if (status == STORE_ERR_NOT_FOUND) {
		*action = STORE_MERGE_ADDED;
		return im_response_insert(im, r, respondent_id);
	}
	if (status != STORE_OK)
		return status;
	long long id = sqlite3_column_int64(st, 0);
	bool same_round = sqlite3_column_int64(st, 1) == im->round_id;
	bool same_person = sqlite3_column_int64(st, 2) == respondent_id;
	char here[64], incoming[64];
	store_column_copy(st, 3, here, sizeof(here));
	(void)sqlite3_reset(st);
	if (!same_round || !same_person)
		return im_conflict(im,
				   "response %s is stored here with another "
				   "%s",
				   r->response_uuid,
				   same_round ? "respondent" : "round");
	im_version(r, incoming, sizeof(incoming));
	if (strcmp(incoming, here) <= 0)
		return STORE_OK;
	*action = STORE_MERGE_REPLACED;
	return im_response_replace(im, r, id, respondent_id);
}

/* ---- merge: checking the other file ------------------------------------- */

static uint32_t exchange_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static enum store_status merge_refuse(struct store *s, const char *path,
				      const char *why)
{
	return store_fail(s, STORE_ERR_REFUSED, "%s: %s; nothing was merged",
			  path, why);
}

/* The header checks of store_open (see store.c), on a file we only
 * read: what it is, its SQLite header, its page count, its owner and
 * schema version. */
static enum store_status merge_check_header(struct store *s, const char *path,
					    const struct stat *sb)
{
	if (S_ISDIR(sb->st_mode))
		return merge_refuse(s, path,
				    "is a folder, not an aimap "
				    "database");
	if (!S_ISREG(sb->st_mode))
		return merge_refuse(s, path, "not a regular file");
	if (sb->st_size == 0)
		return merge_refuse(s, path,
				    "empty file, not an aimap "
				    "database");
	unsigned char h[100];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return store_fail(s, STORE_ERR_IO, "%s: cannot open: %s", path,
				  strerror(errno));
	ssize_t n = read(fd, h, sizeof(h));
	int saved = errno;
	close(fd);
	if (n < 0)
		return store_fail(s, STORE_ERR_IO, "%s: cannot read: %s", path,
				  strerror(saved));
	if (n < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return merge_refuse(s, path, "not an SQLite database");
	if (n < 100)
		return merge_refuse(s, path,
				    "truncated or corrupt (shorter "
				    "than an SQLite header)");
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || page > 65536 || (page & (page - 1)) != 0)
		return merge_refuse(s, path,
				    "corrupt SQLite header (bad page "
				    "size)");
	uint32_t pages = exchange_be32(h + 28);
	bool count_valid = exchange_be32(h + 92) == exchange_be32(h + 24);
	if (sb->st_size % page != 0 ||
	    (count_valid && (uint64_t)pages > (uint64_t)sb->st_size / page))
		return merge_refuse(s, path,
				    "truncated or corrupt (its size "
				    "does not match its header)");
	if ((int32_t)exchange_be32(h + 68) != STORE_APPLICATION_ID)
		return merge_refuse(s, path,
				    "not an aimap database (another "
				    "program's SQLite file?)");
	int32_t version = (int32_t)exchange_be32(h + 60);
	if (version > store_schema_version())
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s was written by a newer aimap (schema "
				  "%d; this aimap knows up to %d); nothing "
				  "was merged",
				  path, (int)version, store_schema_version());
	if (version < 1)
		return merge_refuse(s, path, "holds no aimap tables");
	return STORE_OK;
}

/* Not this database, and no -wal beside it: its last changes would be
 * in there, and another aimap may be writing it right now. */
static enum store_status merge_check_place(struct store *s, const char *path,
					   const struct stat *sb)
{
	struct stat here;
	if (stat(s->path, &here) == 0 && here.st_dev == sb->st_dev &&
	    here.st_ino == sb->st_ino)
		return merge_refuse(s, path, "is this database itself");
	char *wal = xasprintf("%s-wal", path);
	struct stat wb;
	bool busy = stat(wal, &wb) == 0 && wb.st_size > 0;
	free(wal);
	if (busy)
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: has changes not yet written into it "
				  "(%s-wal): another aimap may be using it. "
				  "Close it there, or open it once with aimap "
				  "(aimap --db %s round list), then merge; "
				  "nothing was merged",
				  path, path, path);
	return STORE_OK;
}

/* A file: URI for a path: everything but unreserved bytes and '/'
 * escaped. */
static char *merge_uri(const char *path)
{
	static const char tail[] = "?mode=ro&immutable=1";
	size_t len = strlen(path);
	char *uri = xmalloc(5 + 3 * len + sizeof(tail));
	char *o = uri;
	memcpy(o, "file:", 5);
	o += 5;
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
	memcpy(o, tail, sizeof(tail));
	return uri;
}

static enum store_status merge_src_int(struct store *s, sqlite3 *db,
				       const char *path, const char *sql,
				       long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	enum store_status status = STORE_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: truncated or corrupt SQLite database "
				    "(%s); nothing was merged",
				    path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return status;
}

/* Open the other file read-only, take no lock and write nothing (it is
 * immutable to this connection), check it through SQL, and copy its
 * pages into a private temporary database attached as merge_src. */
static enum store_status merge_copy_in(struct store *s, const char *path)
{
	char *uri = merge_uri(path);
	sqlite3 *db = NULL;
	enum store_status status = STORE_OK;
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
			    NULL) != SQLITE_OK)
		status =
		    store_fail(s, STORE_ERR_IO, "%s: cannot open: %s", path,
			       db ? sqlite3_errmsg(db) : "no memory");
	free(uri);
	long long app = 0, version = 0, ok = 0;
	if (status == STORE_OK)
		status =
		    merge_src_int(s, db, path, "PRAGMA application_id", &app);
	if (status == STORE_OK)
		status =
		    merge_src_int(s, db, path, "PRAGMA user_version", &version);
	if (status == STORE_OK && (app != STORE_APPLICATION_ID || version < 1 ||
				   version > store_schema_version()))
		status = merge_refuse(s, path,
				      "not an aimap database this "
				      "aimap can read");
	if (status == STORE_OK)
		status = merge_src_int(s, db, path,
				       "SELECT count(*) FROM pragma_quick_check"
				       " WHERE quick_check = 'ok'",
				       &ok);
	if (status == STORE_OK && ok != 1)
		status = merge_refuse(s, path,
				      "corrupt (SQLite's quick_check "
				      "finds faults)");
	if (status == STORE_OK)
		status = store_exec(s, "ATTACH DATABASE '' AS merge_src",
				    "cannot make room for the merge");
	if (status == STORE_OK) {
		sqlite3_backup *b =
		    sqlite3_backup_init(s->db, "merge_src", db, "main");
		int rc = b != NULL ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
		if (b == NULL || rc != SQLITE_DONE)
			status = store_fail(s, STORE_ERR_IO,
					    "%s: cannot read it: %s", path,
					    sqlite3_errmsg(b ? db : s->db));
		if (b != NULL && sqlite3_backup_finish(b) != SQLITE_OK &&
		    status == STORE_OK)
			status = store_fail_sql(s, "cannot copy for the merge");
	}
	sqlite3_close(db);
	return status;
}

/* ---- merge: the SQL -------------------------------------------------------
 */

/* Conflicts that stop a merge before anything is written. */
struct merge_conflict {
	const char *sql;
	const char *before; /* the message around the first row found */
	const char *after;
};

static const struct merge_conflict merge_conflicts[] = {
    {"SELECT o.code || ' (UUID ' || o.uuid || ')' FROM merge_src.round o"
     " JOIN main.round r ON r.code = o.code WHERE r.uuid <> o.uuid",
     "its round ", " has the code of another round here"},
    {"SELECT o.code FROM merge_src.round o"
     " JOIN merge_src.questionnaire oq ON oq.id = o.questionnaire_id"
     " JOIN main.round r ON r.uuid = o.uuid"
     " JOIN main.questionnaire q ON q.id = r.questionnaire_id"
     " WHERE q.qid <> oq.qid OR q.hash <> oq.hash",
     "round ", " is stored there with another questionnaire than here"},
    {"SELECT o.uuid FROM merge_src.response o"
     " JOIN merge_src.round orr ON orr.id = o.round_id"
     " JOIN merge_src.respondent ot ON ot.id = o.respondent_id"
     " JOIN main.response p ON p.uuid = o.uuid"
     " JOIN main.round r ON r.id = p.round_id"
     " JOIN main.respondent t ON t.id = p.respondent_id"
     " WHERE r.uuid <> orr.uuid OR t.uuid <> ot.uuid",
     "response ", " belongs to another round or respondent here"},
};

static enum store_status merge_check_conflicts(struct store *s,
					       const char *path)
{
	enum store_status status = STORE_OK;
	for (size_t i = 0; status == STORE_OK && i < ARRAY_LEN(merge_conflicts);
	     i++) {
		const char *what = "cannot compare the two databases";
		sqlite3_stmt *st;
		status = store_prepare(s, merge_conflicts[i].sql, what, &st);
		int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
		if (rc == SQLITE_ROW)
			status = store_fail(s, STORE_ERR_EXISTS,
					    "%s: %s%s%s; nothing was merged",
					    path, merge_conflicts[i].before,
					    exchange_text(st, 0),
					    merge_conflicts[i].after);
		else if (status == STORE_OK && rc != SQLITE_DONE)
			status = store_fail_sql(s, what);
		store_finalize(st);
	}
	return status;
}

#define MERGE_VERSION_THERE EXCHANGE_VERSION("merge_src.", "o")
#define MERGE_VERSION_HERE EXCHANGE_VERSION("main.", "p")

/* Every step of a merge, in order. Rows are matched by UUID (and
 * questionnaires by id and hash); temp.merge_* map the other file's row
 * ids to ours. */
static const char merge_questionnaires_sql[] =
    "INSERT INTO main.questionnaire (qid, version, title, hash, source,"
    " added_at)"
    " SELECT o.qid, o.version, o.title, o.hash, o.source, o.added_at"
    " FROM merge_src.questionnaire o WHERE NOT EXISTS (SELECT 1"
    " FROM main.questionnaire q WHERE q.qid = o.qid AND q.hash = o.hash)"
    " ORDER BY o.id";

/* The earlier time a questionnaire was first stored, and the map of the
 * other's questionnaires to ours. */
static const char merge_questionnaires_map_sql[] =
    "UPDATE main.questionnaire SET added_at = (SELECT min(o.added_at)"
    " FROM merge_src.questionnaire o WHERE o.qid = questionnaire.qid"
    " AND o.hash = questionnaire.hash) WHERE EXISTS (SELECT 1"
    " FROM merge_src.questionnaire o WHERE o.qid = questionnaire.qid"
    " AND o.hash = questionnaire.hash AND o.added_at < questionnaire.added_at);"
    " CREATE TEMP TABLE merge_questionnaire AS SELECT o.id AS oid, q.id AS id"
    " FROM merge_src.questionnaire o JOIN main.questionnaire q"
    " ON q.qid = o.qid AND q.hash = o.hash";

static const char merge_rounds_sql[] =
    "INSERT INTO main.round (uuid, code, name, questionnaire_id, state,"
    " min_group, created_at, closed_at)"
    " SELECT o.uuid, o.code, o.name, m.id, o.state, o.min_group,"
    " o.created_at, o.closed_at FROM merge_src.round o"
    " JOIN temp.merge_questionnaire m ON m.oid = o.questionnaire_id"
    " WHERE NOT EXISTS (SELECT 1 FROM main.round r WHERE r.uuid = o.uuid)"
    " ORDER BY o.id";

/* A round in both: closed when either is (at the earlier closing time),
 * the larger minimum group size, the earlier creation time. Only rounds
 * where that changes something are touched. */
static const char merge_rounds_update_sql[] =
    "CREATE TEMP TABLE merge_round_state AS SELECT n.* FROM (SELECT r.id,"
    " CASE WHEN o.state = 'closed' THEN 'closed' ELSE r.state END AS state,"
    " CASE WHEN o.state = 'closed' AND (r.state = 'open'"
    " OR o.closed_at < r.closed_at) THEN o.closed_at ELSE r.closed_at END"
    " AS closed_at,"
    " max(r.min_group, o.min_group) AS min_group,"
    " min(r.created_at, o.created_at) AS created_at"
    " FROM main.round r JOIN merge_src.round o ON o.uuid = r.uuid) n"
    " JOIN main.round r ON r.id = n.id WHERE n.state IS NOT r.state"
    " OR n.closed_at IS NOT r.closed_at OR n.min_group <> r.min_group"
    " OR n.created_at <> r.created_at;"
    " UPDATE main.round SET (state, closed_at, min_group, created_at) ="
    " (SELECT n.state, n.closed_at, n.min_group, n.created_at"
    " FROM temp.merge_round_state n WHERE n.id = round.id)"
    " WHERE id IN (SELECT id FROM temp.merge_round_state)";

/* And then these, in order. */
static const char *const merge_steps[] = {
    "CREATE TEMP TABLE merge_round AS SELECT o.id AS oid, r.id AS id"
    " FROM merge_src.round o JOIN main.round r ON r.uuid = o.uuid",
    /* departments a round lacks, after its own */
    "INSERT INTO main.round_department (round_id, position, name)"
    " SELECT m.id, (SELECT coalesce(max(x.position), -1)"
    " FROM main.round_department x WHERE x.round_id = m.id)"
    " + row_number() OVER (PARTITION BY m.id ORDER BY d.position), d.name"
    " FROM merge_src.round_department d JOIN temp.merge_round m"
    " ON m.oid = d.round_id WHERE NOT EXISTS (SELECT 1"
    " FROM main.round_department x WHERE x.round_id = m.id"
    " AND x.name = d.name)",
    "INSERT INTO main.respondent (uuid, name, champion_contact, created_at)"
    " SELECT o.uuid, o.name, o.champion_contact, o.created_at"
    " FROM merge_src.respondent o WHERE NOT EXISTS (SELECT 1"
    " FROM main.respondent t WHERE t.uuid = o.uuid) ORDER BY o.id",
    "CREATE TEMP TABLE merge_respondent AS SELECT o.id AS oid, t.id AS id"
    " FROM merge_src.respondent o JOIN main.respondent t"
    " ON t.uuid = o.uuid",
    /* what to do with each of the other's responses: 0 add, 1 replace,
     * 2 keep ours */
    "CREATE TEMP TABLE merge_response AS"
    " SELECT o.id AS oid, p.id AS id, mr.id AS round_id,"
    " mt.id AS respondent_id, CASE WHEN p.id IS NULL THEN 0"
    " WHEN " MERGE_VERSION_THERE " > " MERGE_VERSION_HERE " THEN 1"
    " ELSE 2 END AS action FROM merge_src.response o"
    " JOIN temp.merge_round mr ON mr.oid = o.round_id"
    " JOIN temp.merge_respondent mt ON mt.oid = o.respondent_id"
    " LEFT JOIN main.response p ON p.uuid = o.uuid",
    /* a newer version replaces ours in place */
    "UPDATE main.response SET (department, role, track, started_at,"
    " finished_at, segment, subtype, adoption) = (SELECT o.department,"
    " o.role, o.track, o.started_at, o.finished_at, o.segment, o.subtype,"
    " o.adoption FROM merge_src.response o WHERE o.uuid = response.uuid)"
    " WHERE id IN (SELECT id FROM temp.merge_response WHERE action = 1)",
    "UPDATE main.respondent SET (name, champion_contact) = (SELECT o.name,"
    " o.champion_contact FROM merge_src.respondent o"
    " WHERE o.uuid = respondent.uuid) WHERE id IN (SELECT respondent_id"
    " FROM temp.merge_response WHERE action = 1)",
    "DELETE FROM main.answer WHERE response_id IN (SELECT id"
    " FROM temp.merge_response WHERE action = 1)",
    "DELETE FROM main.estimate WHERE response_id IN (SELECT id"
    " FROM temp.merge_response WHERE action = 1)",
    "DELETE FROM main.response_score WHERE response_id IN (SELECT id"
    " FROM temp.merge_response WHERE action = 1)",
    "INSERT INTO main.response (uuid, round_id, respondent_id, department,"
    " role, track, started_at, finished_at, segment, subtype, adoption)"
    " SELECT o.uuid, m.round_id, m.respondent_id, o.department, o.role,"
    " o.track, o.started_at, o.finished_at, o.segment, o.subtype,"
    " o.adoption FROM temp.merge_response m"
    " JOIN merge_src.response o ON o.id = m.oid WHERE m.action = 0"
    " ORDER BY o.id",
    "UPDATE temp.merge_response SET id = (SELECT p.id FROM main.response p"
    " JOIN merge_src.response o ON o.uuid = p.uuid"
    " WHERE o.id = merge_response.oid) WHERE action = 0",
    "INSERT INTO main.answer (response_id, question, choice, answered_at)"
    " SELECT m.id, a.question, a.choice, a.answered_at"
    " FROM temp.merge_response m JOIN merge_src.answer a"
    " ON a.response_id = m.oid WHERE m.action IN (0, 1)",
    "INSERT INTO main.estimate (response_id, question, champions, willing,"
    " cautious, answered_at) SELECT m.id, e.question, e.champions,"
    " e.willing, e.cautious, e.answered_at FROM temp.merge_response m"
    " JOIN merge_src.estimate e ON e.response_id = m.oid"
    " WHERE m.action IN (0, 1)",
    "INSERT INTO main.response_score (response_id, dimension, score)"
    " SELECT m.id, c.dimension, c.score FROM temp.merge_response m"
    " JOIN merge_src.response_score c ON c.response_id = m.oid"
    " WHERE m.action IN (0, 1)",
};

static enum store_status merge_count(struct store *s, const char *sql,
				     const char *what, int *count)
{
	enum store_status status = store_exec(s, sql, what);
	if (status == STORE_OK)
		*count = sqlite3_changes(s->db);
	return status;
}

static enum store_status merge_run(struct store *s, const char *path,
				   struct store_merge_counts *out)
{
	const char *what = "cannot merge";
	enum store_status status = merge_check_conflicts(s, path);
	if (status == STORE_OK)
		status = merge_count(s, merge_questionnaires_sql, what,
				     &out->questionnaires);
	if (status == STORE_OK)
		status = store_exec(s, merge_questionnaires_map_sql, what);
	if (status == STORE_OK)
		status = merge_count(s, merge_rounds_sql, what, &out->rounds);
	if (status == STORE_OK)
		status = merge_count(s, merge_rounds_update_sql, what,
				     &out->rounds_changed);
	for (size_t i = 0; status == STORE_OK && i < ARRAY_LEN(merge_steps);
	     i++)
		status = store_exec(s, merge_steps[i], what);
	sqlite3_stmt *st = NULL;
	if (status == STORE_OK)
		status = store_prepare(s,
				       "SELECT action, count(*)"
				       " FROM temp.merge_response GROUP BY 1",
				       what, &st);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int action = sqlite3_column_int(st, 0);
		if (action >= 0 && action < 3)
			out->responses[action] = sqlite3_column_int(st, 1);
	}
	if (status == STORE_OK && rc != SQLITE_DONE)
		status = store_fail_sql(s, what);
	store_finalize(st);
	return status;
}

/* Temp tables and the copy go whatever happened; failures here lose
 * nothing (they vanish with the connection). */
static void merge_clean(struct store *s)
{
	(void)sqlite3_exec(s->db,
			   "DROP TABLE IF EXISTS temp.merge_questionnaire;"
			   " DROP TABLE IF EXISTS temp.merge_round_state;"
			   " DROP TABLE IF EXISTS temp.merge_round;"
			   " DROP TABLE IF EXISTS temp.merge_respondent;"
			   " DROP TABLE IF EXISTS temp.merge_response",
			   NULL, NULL, NULL);
	(void)sqlite3_exec(s->db, "DETACH DATABASE merge_src", NULL, NULL,
			   NULL);
}

enum store_status store_merge(struct store *s, const char *other_path,
			      struct store_merge_counts *out)
{
	memset(out, 0, sizeof(*out));
	struct stat sb;
	if (stat(other_path, &sb) != 0)
		return store_fail(s, STORE_ERR_IO, "%s: cannot open: %s",
				  other_path, strerror(errno));
	enum store_status status = merge_check_header(s, other_path, &sb);
	if (status == STORE_OK)
		status = merge_check_place(s, other_path, &sb);
	if (status == STORE_OK)
		status = merge_copy_in(s, other_path);
	if (status == STORE_OK)
		status = store_begin(s);
	if (status == STORE_OK) {
		status = merge_run(s, other_path, out);
		status = store_finish(s, status);
	}
	merge_clean(s);
	if (status != STORE_OK)
		memset(out, 0, sizeof(*out));
	return status;
}
