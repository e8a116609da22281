/* SPDX-License-Identifier: MIT */
/* Mending a round after the fact: deleting it, renaming it, changing the
 * departments its respondents choose from, and (for the demo) dating it
 * in the past. Each change is one transaction that touches this round
 * only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* The row id of the round with this code, inside the caller's
 * transaction. */
static enum store_status store_round_id(struct store *s, const char *code,
					long long *id)
{
	char upper[STORE_MAX_CODE + 1];
	if (!store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_NOT_FOUND,
				  "%s: no round with code %s", s->path, code);
	const char *what = "cannot read the round";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s, "SELECT id FROM round WHERE code = ?1", what, &st, "t", upper);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		*id = sqlite3_column_int64(st, 0);
	else if (status == STORE_ERR_NOT_FOUND)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, upper);
	store_finalize(st);
	return status;
}

/* The respondents of a round, so that those left with no response at all
 * once it is gone can go too (their names are part of what is deleted). */
static enum store_status store_round_respondents(struct store *s,
						 long long round_id,
						 long long **ids, int *count)
{
	*ids = NULL;
	*count = 0;
	const char *what = "cannot read the round's respondents";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s, "SELECT respondent_id FROM response WHERE round_id = ?1", what,
	    &st, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, (size_t)*count + 1, sizeof(**ids));
		(*ids)[(*count)++] = sqlite3_column_int64(st, 0);
	}
	return store_rows_end(s, st, what, status, rc);
}

/* The answers, estimates and scores go before their responses, so that
 * the running totals lose them whether or not foreign keys cascade. */
static const char *const store_round_delete_sql[] = {
    "DELETE FROM invitation WHERE round_id = ?1",
    "DELETE FROM answer WHERE response_id IN"
    " (SELECT id FROM response WHERE round_id = ?1)",
    "DELETE FROM estimate WHERE response_id IN"
    " (SELECT id FROM response WHERE round_id = ?1)",
    "DELETE FROM response_score WHERE response_id IN"
    " (SELECT id FROM response WHERE round_id = ?1)",
    "DELETE FROM response WHERE round_id = ?1",
    "DELETE FROM round_tally WHERE round_id = ?1",
    "DELETE FROM round_score WHERE round_id = ?1",
    "DELETE FROM round_answer WHERE round_id = ?1",
    "DELETE FROM round_estimate WHERE round_id = ?1",
    "DELETE FROM round_adoption WHERE round_id = ?1",
    "DELETE FROM round_department WHERE round_id = ?1",
    "DELETE FROM action WHERE round_id = ?1",
    "DELETE FROM round WHERE id = ?1",
};

static enum store_status store_round_remove(struct store *s, long long id)
{
	const char *what = "cannot delete the round";
	enum store_status status = STORE_OK;
	for (size_t i = 0;
	     status == STORE_OK && i < ARRAY_LEN(store_round_delete_sql); i++)
		status =
		    store_run_once(s, store_round_delete_sql[i], what, "I", id);
	return status;
}

static enum store_status
store_respondents_prune(struct store *s, const long long *ids, int count)
{
	const char *what = "cannot delete the round's respondents";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare(s,
			  "DELETE FROM respondent WHERE id = ?1 AND NOT EXISTS"
			  " (SELECT 1 FROM response WHERE respondent_id = ?1)",
			  what, &st);
	for (int i = 0; status == STORE_OK && i < count; i++)
		status = store_run(s, st, what, "I", ids[i]);
	store_finalize(st);
	return status;
}

enum store_status store_round_delete(struct store *s, const char *code,
				     bool force, int *responses)
{
	*responses = 0;
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long id = 0, *people = NULL;
	int npeople = 0;
	status = store_round_id(s, code, &id);
	if (status == STORE_OK)
		status = store_round_respondents(s, id, &people, &npeople);
	*responses = npeople;
	/* counted inside the transaction: an answer arriving meanwhile
	 * either is counted here or waits for the delete to commit */
	if (status == STORE_OK && npeople > 0 && !force)
		status = store_fail(s, STORE_ERR_EXISTS,
				    "%s: round %s holds %d response%s", s->path,
				    code, npeople, npeople == 1 ? "" : "s");
	if (status == STORE_OK)
		status = store_round_remove(s, id);
	if (status == STORE_OK)
		status = store_respondents_prune(s, people, npeople);
	free(people);
	return store_finish(s, status);
}

enum store_status store_round_rename(struct store *s, const char *code,
				     const char *name)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long id = 0;
	status = store_round_id(s, code, &id);
	if (status == STORE_OK)
		status =
		    store_run_once(s,
				   "UPDATE round SET name = ?1"
				   " WHERE id = ?2",
				   "cannot rename the round", "tI", name, id);
	return store_finish(s, status);
}

/* The department of round id called name, whatever its case: found
 * (its stored spelling into *stored, malloc'd) or STORE_ERR_NOT_FOUND
 * without a message. */
static enum store_status store_department_find(struct store *s, long long id,
					       const char *name, char **stored)
{
	const char *what = "cannot read the round's departments";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare_bind(s,
			       "SELECT name FROM round_department"
			       " WHERE round_id = ?1 AND name = ?2"
			       " COLLATE NOCASE",
			       what, &st, "It", id, name);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		*stored = store_column_dup_text(st, 0);
	store_finalize(st);
	return status;
}

static enum store_status store_department_add(struct store *s, long long id,
					      const char *name)
{
	char *stored = NULL;
	enum store_status status = store_department_find(s, id, name, &stored);
	if (status == STORE_OK)
		status =
		    store_fail(s, STORE_ERR_EXISTS,
			       "the round has department '%s' already", stored);
	else if (status == STORE_ERR_NOT_FOUND)
		status = store_run_once(
		    s,
		    "INSERT INTO round_department (round_id, position, name)"
		    " SELECT ?1, coalesce(max(position) + 1, 0), ?2"
		    " FROM round_department WHERE round_id = ?1",
		    "cannot add the department", "It", id, name);
	free(stored);
	return status;
}

static enum store_status store_department_remove(struct store *s, long long id,
						 const char *name)
{
	char *stored = NULL;
	enum store_status status = store_department_find(s, id, name, &stored);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, STORE_ERR_NOT_FOUND,
				    "the round has no department '%s'", name);
	else if (status == STORE_OK)
		status = store_run_once(s,
					"DELETE FROM round_department"
					" WHERE round_id = ?1 AND name = ?2",
					"cannot remove the department", "It",
					id, stored);
	free(stored);
	return status;
}

enum store_status store_round_departments_change(struct store *s,
						 const char *code,
						 char *const *add, int nadd,
						 char *const *remove,
						 int nremove)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long id = 0;
	status = store_round_id(s, code, &id);
	/* removals first, so a department can be respelled in one call */
	for (int i = 0; status == STORE_OK && i < nremove; i++)
		status = store_department_remove(s, id, remove[i]);
	for (int i = 0; status == STORE_OK && i < nadd; i++)
		status = store_department_add(s, id, add[i]);
	return store_finish(s, status);
}

enum store_status store_round_backdate(struct store *s, const char *code,
				       const char *opened, const char *closed)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long id = 0;
	status = store_round_id(s, code, &id);
	if (status == STORE_OK)
		status = store_run_once(s,
					"UPDATE round SET created_at = ?1,"
					" state = 'closed', closed_at = ?2"
					" WHERE id = ?3",
					"cannot date the round", "ttI", opened,
					closed, id);
	return store_finish(s, status);
}

enum store_status store_round_held(struct store *s, long long round_id,
				   bool *held)
{
	const char *what = "cannot read whether the round is held back";
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare_bind(s, "SELECT held FROM round WHERE id = ?1", what,
			       &st, "I", round_id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		*held = sqlite3_column_int(st, 0) != 0;
	else if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, STORE_ERR_NOT_FOUND,
				    "%s: the round was deleted", s->path);
	store_finalize(st);
	return status;
}

enum store_status store_round_set_held(struct store *s, long long round_id,
				       bool held)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(s, "UPDATE round SET held = ?1 WHERE id = ?2",
				"cannot hold the round's results back", "iI",
				held ? 1 : 0, round_id);
	if (status == STORE_OK && sqlite3_changes(s->db) == 0)
		status = store_fail(s, STORE_ERR_NOT_FOUND,
				    "%s: the round was deleted", s->path);
	return store_finish(s, status);
}
