/* SPDX-License-Identifier: MIT */
/* The store's responses: whole submissions and answers saved one at a
 * time. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "store-internal.h"

/* ---- responses --------------------------------------------------------- */

/* Checked inside the write transaction: a round closed a moment ago
 * takes no more answers. */
static enum store_status store_round_check_open(struct store *s,
						const struct store_round *r)
{
	const char *what = "cannot read the round";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT state FROM round WHERE id = ?1", what, &st, "I", r->id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK) {
		const char *state = store_column_text(st, 0);
		if (state == NULL || strcmp(state, "open") != 0)
			status = store_fail(s, STORE_ERR_CLOSED,
					    "%s: round %s is closed", s->path,
					    r->code);
	} else if (status == STORE_ERR_NOT_FOUND) {
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, r->code);
	}
	store_stmt_done(s, st);
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

/* A new row's UUID: time-ordered inside a batch of responses (the demo),
 * so that the UUID indexes grow at their end (a random UUID puts each
 * row on a page anywhere in them, and a batch then writes most of their
 * pages again: the demo grew faster than its size); random otherwise. */
static bool store_uuid(const struct store *s, char out[37])
{
	return s->batch && s->batch_responses ? util_uuid_v7(out)
					      : util_uuid_v4(out);
}

/* A response's finish: its time and the classification of its answers. */
struct store_final {
	const char *finished_at;
	const struct scoring_result *r;
};

/* The columns of a finish: segment, subtype and adoption are NULL when
 * the answers did not classify the respondent. */
struct store_final_columns {
	const char *segment, *subtype;
	const double *adoption;
};

static struct store_final_columns
store_final_columns(const struct scoring_result *r)
{
	bool classified = r->classified && r->segment != SEGMENT_NONE;
	return (struct store_final_columns){
	    classified ? segment_name(r->segment) : NULL,
	    classified && r->subtype != SUBTYPE_NONE ? subtype_name(r->subtype)
						     : NULL,
	    classified ? &r->adoption : NULL};
}

/* A new respondent (unless *respondent_id names one) and their response,
 * started (and the respondent made) at now: unfinished, or finished as
 * fin says (NULL: unfinished). */
static enum store_status
store_response_insert(struct store *s, long long round_id,
		      const struct store_profile *p, const char *uuid,
		      const char *now, const struct store_final *fin,
		      long long *respondent_id, long long *response_id)
{
	char respondent_uuid[37];
	if (!store_uuid(s, respondent_uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	char *name = store_name_clean(p->name);
	char *department = store_department_clean(p->department);
	enum store_status status = STORE_OK;
	if (*respondent_id == 0) {
		status = store_run_once(
		    s,
		    "INSERT INTO respondent (uuid, name, champion_contact,"
		    " created_at) VALUES (?1, ?2, ?3, ?4)",
		    "cannot store the respondent", "ttit", respondent_uuid,
		    name, p->champion_contact ? 1 : 0, now);
		*respondent_id = sqlite3_last_insert_rowid(s->db);
	}
	struct store_final_columns c = {0};
	if (fin != NULL)
		c = store_final_columns(fin->r);
	if (status == STORE_OK)
		status = store_run_once(
		    s,
		    "INSERT INTO response (uuid, round_id, respondent_id,"
		    " department, role, track, started_at, finished_at,"
		    " segment, subtype, adoption)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		    "cannot store the response", "tIItttttttD", uuid, round_id,
		    *respondent_id, department, role_name(p->role),
		    track_name(p->track), now,
		    fin != NULL ? fin->finished_at : NULL, c.segment, c.subtype,
		    c.adoption);
	*response_id = sqlite3_last_insert_rowid(s->db);
	free(name);
	free(department);
	return status;
}

/* Begin the write transaction of a new response: a UUID and the time
 * for it (into uuid and now), the round checked open, a new respondent
 * and the response, started at started (NULL: now), unfinished or as fin
 * says, with an invitation (0: none). On failure nothing is left
 * begun. */
static enum store_status
store_response_new(struct store *s, const struct store_round *round,
		   const struct store_profile *p, long long invitation_id,
		   const char *started, const struct store_final *fin,
		   char uuid[37], char now[21], long long *respondent_id,
		   long long *id)
{
	if (!store_uuid(s, uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_round_check_open(s, round);
	if (status == STORE_OK)
		status = store_invite_check(s, round, invitation_id);
	if (status == STORE_OK)
		status = store_response_insert(s, round->id, p, uuid,
					       started ? started : now, fin,
					       respondent_id, id);
	if (status == STORE_OK && invitation_id != 0)
		status = store_invite_link(s, invitation_id, *id);
	if (status != STORE_OK)
		status = store_finish(s, status);
	return status;
}

static enum store_status store_response_classify(struct store *s,
						 long long response_id,
						 const struct scoring_result *r,
						 const char *now)
{
	struct store_final_columns c = store_final_columns(r);
	return store_run_once(
	    s,
	    "UPDATE response SET finished_at = ?2, segment = ?3,"
	    " subtype = ?4, adoption = ?5, abandoned_at = NULL WHERE id = ?1",
	    "cannot store the classification", "ItttD", response_id, now,
	    c.segment, c.subtype, c.adoption);
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

/* Store the final answers (the arrays hold q->nquestions entries), each
 * given at answered_at[i] (NULL or "": now). */
static enum store_status
store_answers_write(struct store *s, long long response_id,
		    const struct questionnaire *q, const int *choices,
		    const int (*estimates)[3], const char *now,
		    const char (*answered_at)[21])
{
	const char *what = "cannot store an answer";
	sqlite3_stmt *answer = NULL, *estimate = NULL;
	enum store_status status = store_stmt(
	    s, STORE_ANSWER_UPSERT STORE_ANSWER_IF_CHANGED, what, &answer);
	if (status == STORE_OK)
		status = store_stmt(
		    s, STORE_ESTIMATE_UPSERT STORE_ESTIMATE_IF_CHANGED, what,
		    &estimate);
	for (int i = 0; status == STORE_OK && i < q->nquestions; i++) {
		const char *id = q->questions[i].id;
		const char *at = answered_at != NULL && answered_at[i][0]
				     ? answered_at[i]
				     : now;
		if (store_choice_held(q, choices, i))
			status = store_run(s, answer, what, "Itit", response_id,
					   id, choices[i], at);
		else if (store_estimate_held(q, estimates, i))
			status =
			    store_run(s, estimate, what, "Itiiit", response_id,
				      id, estimates[i][0], estimates[i][1],
				      estimates[i][2], at);
	}
	store_stmt_done(s, answer);
	store_stmt_done(s, estimate);
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
	enum store_status status =
	    store_stmt_bind(s, t->select, what, &st, "I", response_id);
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
	return store_rows_end(s, st, what, status, rc);
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
			status = store_stmt(s, t->delete, what, &st);
		for (int i = 0; status == STORE_OK && i < ngone; i++)
			status =
			    store_run(s, st, what, "It", response_id, gone[i]);
		store_stmt_done(s, st);
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
	enum store_status status = store_stmt(
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
	store_stmt_done(s, st);
	return status;
}

enum store_status store_response_submit(struct store *s,
					const struct store_round *round,
					const struct questionnaire *q,
					const struct submission *sub,
					const struct scoring_result *r,
					char uuid_out[37])
{
	long long respondent_id = 0;
	return store_response_submit_as(s, round, q, sub, r, NULL, NULL,
					&respondent_id, uuid_out);
}

enum store_status store_response_submit_invited(
    struct store *s, const struct store_round *round,
    const struct questionnaire *q, const struct submission *sub,
    const struct scoring_result *r, const struct store_invitation *inv,
    char uuid_out[37])
{
	long long respondent_id = 0;
	return store_response_submit_as(s, round, q, sub, r, inv, NULL,
					&respondent_id, uuid_out);
}

enum store_status store_response_submit_as(
    struct store *s, const struct store_round *round,
    const struct questionnaire *q, const struct submission *sub,
    const struct scoring_result *r, const struct store_invitation *inv,
    const struct store_times *times, long long *respondent_id,
    char uuid_out[37])
{
	if (sub->nquestions != q->nquestions)
		return store_fail(s, STORE_ERR_IO,
				  "%s: the answers (%d questions) do not fit "
				  "questionnaire %s (%d questions)",
				  s->path, sub->nquestions, q->id,
				  q->nquestions);
	/* an invitation's department, role and track are the person's */
	const struct store_profile p = {
	    .name = sub->name,
	    .department = inv != NULL ? inv->department : sub->department,
	    .role = inv != NULL ? inv->role : sub->role,
	    .track = inv != NULL ? inv->track : sub->track,
	    .champion_contact = sub->champion_contact,
	};
	char uuid[37], now[21];
	long long response_id = 0;
	long long given = *respondent_id;
	/* In a bulk batch (the demo's: times given, the running totals'
	 * triggers set aside, no invitation to mark) the response is
	 * written finished at once: one write of its row and its indexes
	 * instead of two (the second was 15% of the demo). Elsewhere the
	 * triggers see it unfinished while its answers are written, then
	 * finished, as they always have. */
	const struct store_final at_once = {times ? times->finished_at : NULL,
					    r};
	bool once = times != NULL && inv == NULL && store_totals_suspended(s);
	enum store_status status = store_response_new(
	    s, round, &p, inv != NULL ? inv->id : 0,
	    times ? times->started_at : NULL, once ? &at_once : NULL, uuid, now,
	    respondent_id, &response_id);
	if (status != STORE_OK) {
		*respondent_id = given;
		return status;
	}
	const char *finished = times ? times->finished_at : now;
	status = store_answers_write(s, response_id, q, sub->choices,
				     (const int(*)[3])sub->estimates, finished,
				     times ? times->answered_at : NULL);
	if (status == STORE_OK)
		status = store_scores_insert(s, response_id, q, r);
	if (status == STORE_OK)
		status = store_comments_write(s, response_id, q, sub->comments,
					      finished);
	if (status == STORE_OK && !once)
		status = store_response_classify(s, response_id, r, finished);
	status = store_finish(s, status);
	if (status == STORE_OK)
		memcpy(uuid_out, uuid, 37);
	else
		*respondent_id = given; /* rolled back */
	return status;
}

/* ---- answering one question at a time ---------------------------------- */

static enum store_status store_response_missing(struct store *s,
						long long response_id)
{
	return store_fail(s, STORE_ERR_NOT_FOUND, "%s: no response %lld",
			  s->path, response_id);
}

/* Checked inside the write transaction, like the round: a response
 * finished, or a round closed, a moment ago takes no more changes. */
static enum store_status store_response_check_open(struct store *s,
						   long long response_id,
						   long long *respondent_id)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt_bind(s,
			    "SELECT p.respondent_id, p.finished_at IS NOT NULL,"
			    " r.state = 'open', r.code"
			    " FROM response p JOIN round r ON r.id = p.round_id"
			    " WHERE p.id = ?1",
			    what, &st, "I", response_id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK) {
		if (respondent_id != NULL)
			*respondent_id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1))
			status = store_fail(s, STORE_ERR_CLOSED,
					    "%s: response %lld is finished",
					    s->path, response_id);
		else if (!sqlite3_column_int(st, 2))
			status = store_fail(s, STORE_ERR_CLOSED,
					    "%s: round %s is closed", s->path,
					    store_column_text(st, 3));
	} else if (status == STORE_ERR_NOT_FOUND) {
		status = store_response_missing(s, response_id);
	}
	store_stmt_done(s, st);
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
	out->role = store_column_role(st, 6);
	out->track = store_column_track(st, 7);
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

enum store_status store_response_get(struct store *s, long long id,
				     struct store_response *out)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s,
	    STORE_RESPONSE_COLUMNS
	    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	    " WHERE p.id = ?1",
	    what, &st, "I", id);
	if (status == STORE_OK)
		status = store_response_fetch(s, st, what, out);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_response_missing(s, id);
	store_stmt_done(s, st);
	return status;
}

/* Begin a change to a response that is unfinished, in an open round
 * (respondent_id, when not NULL, gets its respondent). On failure
 * nothing is left begun. */
enum store_status store_response_change(struct store *s, long long response_id,
					long long *respondent_id)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_response_check_open(s, response_id, respondent_id);
	if (status != STORE_OK)
		status = store_finish(s, status);
	return status;
}

enum store_status store_response_start(struct store *s,
				       const struct store_round *round,
				       const struct store_profile *p,
				       struct store_response *out)
{
	return store_response_start_invited(s, round, p, 0, out);
}

enum store_status store_response_start_invited(struct store *s,
					       const struct store_round *round,
					       const struct store_profile *p,
					       long long invitation_id,
					       struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	char uuid[37], now[21];
	long long id = 0, respondent_id = 0;
	enum store_status status =
	    store_response_new(s, round, p, invitation_id, NULL, NULL, uuid,
			       now, &respondent_id, &id);
	if (status != STORE_OK)
		return status;
	/* read before the commit: a response the caller never hears of
	 * would be answered by nobody */
	status = store_response_get(s, id, out);
	status = store_finish(s, status);
	if (status != STORE_OK)
		store_response_free(out);
	return status;
}

enum store_status store_response_abandon(struct store *s, long long response_id)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(s,
				"UPDATE response SET abandoned_at = ?2"
				" WHERE id = ?1 AND finished_at IS NULL"
				" AND abandoned_at IS NULL",
				"cannot keep the answers as abandoned", "It",
				response_id, now);
	return store_finish(s, status);
}

enum store_status store_response_set_resume(struct store *s,
					    long long response_id,
					    const char *hash)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(s,
				"UPDATE response SET resume_hash = ?2"
				" WHERE id = ?1",
				"cannot keep the resume key", "It", response_id,
				hash);
	return store_finish(s, status);
}

enum store_status store_response_find_resume(struct store *s,
					     const struct store_round *round,
					     const char *hash,
					     const char *legacy,
					     struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	const char *what = "cannot look for the resume key";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s,
	    STORE_RESPONSE_COLUMNS
	    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	    " WHERE p.resume_hash IN (?1, ?3) AND p.round_id = ?2",
	    what, &st, "tIt", hash, round->id, legacy);
	if (status == STORE_OK)
		status = store_response_fetch(s, st, what, out);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, status,
				    "no answers in round %s have that resume "
				    "key",
				    round->code);
	store_stmt_done(s, st);
	return status;
}

enum store_status store_response_update_profile(struct store *s,
						long long response_id,
						const struct store_profile *p)
{
	long long respondent_id = 0;
	enum store_status status =
	    store_response_change(s, response_id, &respondent_id);
	if (status != STORE_OK)
		return status;
	char *name = store_name_clean(p->name);
	char *department = store_department_clean(p->department);
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
		    " track = ?4 WHERE id = ?1 AND NOT EXISTS"
		    " (SELECT 1 FROM invitation WHERE response_id = ?1)",
		    "cannot change the response", "Ittt", response_id,
		    department, role_name(p->role), track_name(p->track));
	free(name);
	free(department);
	return store_finish(s, status);
}

/* One answer the moment it is given: a choice, or the percentages of
 * an estimate when pct is not NULL. */
static enum store_status store_answer_put(struct store *s,
					  long long response_id,
					  const char *question, int choice,
					  const int *pct)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_response_change(s, response_id, NULL);
	if (status != STORE_OK)
		return status;
	if (pct == NULL)
		status = store_run_once(s, STORE_ANSWER_UPSERT,
					"cannot store an answer", "Itit",
					response_id, question, choice, now);
	else
		status = store_run_once(s, STORE_ESTIMATE_UPSERT,
					"cannot store an estimate", "Itiiit",
					response_id, question, pct[0], pct[1],
					pct[2], now);
	return store_finish(s, status);
}

enum store_status store_answer_save(struct store *s, long long response_id,
				    const char *question, int choice)
{
	return store_answer_put(s, response_id, question, choice, NULL);
}

enum store_status store_estimate_save(struct store *s, long long response_id,
				      const char *question, const int pct[3])
{
	return store_answer_put(s, response_id, question, 0, pct);
}

static enum store_status store_response_exists(struct store *s,
					       long long response_id)
{
	const char *what = "cannot read the response";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt_bind(s, "SELECT 1 FROM response WHERE id = ?1", what,
			    &st, "I", response_id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	store_stmt_done(s, st);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_response_missing(s, response_id);
	return status;
}

enum store_status store_answers_open(struct store *s, struct store_answers *a,
				     const struct questionnaire *q)
{
	const char *what = "cannot read the answers";
	memset(a, 0, sizeof(*a));
	a->q = q;
	size_t n = (size_t)q->nquestions + 1;
	a->choices = xcalloc(n, sizeof(*a->choices));
	a->estimates = xcalloc(n, sizeof(*a->estimates));
	a->answered_at = xcalloc(n, sizeof(*a->answered_at));
	enum store_status status =
	    store_prepare(s,
			  "SELECT question, choice, answered_at FROM answer"
			  " WHERE response_id = ?1",
			  what, &a->answers_st);
	if (status == STORE_OK)
		status = store_prepare(
		    s,
		    "SELECT question, champions, willing, cautious,"
		    " answered_at FROM estimate WHERE response_id = ?1",
		    what, &a->estimates_st);
	return status;
}

void store_answers_close(struct store_answers *a)
{
	store_finalize(a->answers_st);
	store_finalize(a->estimates_st);
	free(a->choices);
	free(a->estimates);
	free(a->answered_at);
	memset(a, 0, sizeof(*a));
}

/* A stored answer is one the question can have: a file written by
 * another program (or a merge from before aimap checked) may hold choice
 * 7777, which every reader would take as an index. */
static bool store_answer_in_range(const struct qn_question *qq,
				  sqlite3_stmt *st, bool estimates)
{
	if (estimates != (qq->type == QTYPE_ESTIMATE))
		return false;
	if (!estimates) {
		long long c = sqlite3_column_int64(st, 1);
		return c >= 1 && c <= qq->nchoices;
	}
	long long sum = 0;
	for (int k = 0; k < 3; k++) {
		long long p = sqlite3_column_int64(st, 1 + k);
		if (p < 0 || p > 100)
			return false;
		sum += p;
	}
	return sum == 100;
}

/* Read the rows of one table of answers into the arrays by question. */
static enum store_status store_answers_read_table(struct store *s,
						  struct store_answers *a,
						  sqlite3_stmt *st,
						  long long id, bool estimates)
{
	const char *what = "cannot read the answers";
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return store_fail_sql(s, what);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *question = store_column_text(st, 0);
		int i = question != NULL
			    ? questionnaire_find_question(a->q, question)
			    : -1;
		if (i < 0 ||
		    !store_answer_in_range(&a->q->questions[i], st, estimates))
			continue; /* not this questionnaire's: unanswered */
		if (estimates)
			for (int k = 0; k < 3; k++)
				a->estimates[i][k] =
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

enum store_status store_answers_read(struct store *s, struct store_answers *a,
				     long long id)
{
	size_t n = (size_t)a->q->nquestions;
	memset(a->choices, 0, n * sizeof(*a->choices));
	memset(a->estimates, 0, n * sizeof(*a->estimates));
	memset(a->answered_at, 0, n * sizeof(*a->answered_at));
	enum store_status status =
	    store_answers_read_table(s, a, a->answers_st, id, false);
	if (status == STORE_OK)
		status =
		    store_answers_read_table(s, a, a->estimates_st, id, true);
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
	if (status != STORE_OK)
		return status;
	struct store_answers a;
	status = store_answers_open(s, &a, q);
	if (status == STORE_OK)
		status = store_answers_read(s, &a, response_id);
	if (status == STORE_OK && choices != NULL)
		memcpy(choices, a.choices, n * sizeof(*choices));
	if (status == STORE_OK && estimates != NULL)
		memcpy(estimates, a.estimates, n * sizeof(*estimates));
	store_answers_close(&a);
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
	enum store_status status = store_response_change(s, response_id, NULL);
	if (status != STORE_OK)
		return status;
	status = store_answers_prune(s, response_id, q, choices, estimates);
	if (status == STORE_OK)
		status = store_answers_write(s, response_id, q, choices,
					     estimates, now, NULL);
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
