/* SPDX-License-Identifier: MIT */
/* The store's import of an answers export: each response matched by UUID
 * and added, replaced by a newer version, or kept, in one transaction for
 * the whole file. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

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
	"SELECT p.id, p.round_id, p.respondent_id, " STORE_RESPONSE_VERSION(   \
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
	long long written; /* responses added or replaced */
	bool bulk;	   /* store_totals_suspend was tried */
	char now[21];
	int cache; /* the page cache before, for store_cache_restore */
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
	int cache = store_cache_widen(s);
	enum store_status status = store_begin(s);
	if (status != STORE_OK) {
		store_cache_restore(s, cache);
		return status;
	}
	status = store_exec(s,
			    "CREATE TEMP TABLE IF NOT EXISTS aimap_import_seen"
			    " (uuid TEXT PRIMARY KEY) WITHOUT ROWID;"
			    " DELETE FROM temp.aimap_import_seen",
			    "cannot start the import");
	struct store_import *im = xcalloc(1, sizeof(*im));
	im->s = s;
	im->cache = cache;
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
	return store_questionnaire_insert(s, q, hash, im->now, id);
}

int store_import_rounds_made(const struct store_import *im)
{
	return im->rounds_made;
}

enum store_status store_import_end(struct store_import *im, bool commit)
{
	struct store *s = im->s;
	int cache = im->cache;
	for (int k = 0; k < IM_COUNT; k++)
		store_finalize(im->st[k]);
	free(im);
	enum store_status status = commit ? STORE_OK : STORE_ERR_IO;
	status = store_finish(s, status);
	(void)sqlite3_exec(s->db, "DROP TABLE IF EXISTS temp.aimap_import_seen",
			   NULL, NULL, NULL);
	store_cache_restore(s, cache);
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

/* The incoming response's version, as STORE_RESPONSE_VERSION makes it. */
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
	/* without the triggers, the old version leaves the totals here and
	 * the new one joins them below */
	bool by_hand = store_totals_suspended(im->s);
	enum store_status status =
	    by_hand ? store_totals_add(im->s, -1, id, id) : STORE_OK;
	if (status == STORE_OK)
		status =
		    IM_RUN(im, IM_RESPONSE_UPDATE, what, "ItttttttD", id,
			   r->department, role_name(r->role),
			   track_name(r->track), r->started_at, r->finished_at,
			   c.segment, c.subtype, c.adoption);
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
	if (status == STORE_OK && by_hand)
		status = store_totals_add(im->s, 1, id, id);
	return status;
}

enum store_status store_import_add(struct store_import *im,
				   const struct store_import_response *r,
				   enum store_merge_action *action)
{
	*action = STORE_MERGE_KEPT;
	enum store_status status = STORE_OK;
	/* between two responses: enough of them for the totals to be
	 * counted once, at the end, instead of at every row */
	if (!im->bulk && im->written >= store_totals_bulk_min) {
		im->bulk = true;
		status = store_totals_suspend(im->s);
	}
	if (status == STORE_OK)
		status = im_check_seen(im, r->response_uuid);
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
		im->written++;
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
	im->written++;
	return im_response_replace(im, r, id, respondent_id);
}
