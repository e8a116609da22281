/* SPDX-License-Identifier: MIT */
/* Recorded actions: what a facilitator decided to do in a department,
 * and whether it is done. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

#define ACTION_COLUMNS                                                         \
	"SELECT a.id, r.code, a.department, a.rule, a.finding, a.text,"        \
	" a.owner, a.due, a.created_at, a.done_at"                             \
	" FROM action a JOIN round r ON r.id = a.round_id"

static void action_read(sqlite3_stmt *st, struct store_action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, a->round, sizeof(a->round));
	a->department = store_column_dup_text(st, 2);
	a->rule = store_column_dup(st, 3);
	a->finding = store_column_dup(st, 4);
	a->text = store_column_dup_text(st, 5);
	a->owner = store_column_dup(st, 6);
	store_column_copy(st, 7, a->due, sizeof(a->due));
	store_column_copy(st, 8, a->created_at, sizeof(a->created_at));
	store_column_copy(st, 9, a->done_at, sizeof(a->done_at));
}

enum store_status store_action_add(struct store *s, long long round_id,
				   const struct store_action *a,
				   const char *now, long long *id)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(
	    s,
	    "INSERT INTO action (round_id, department, rule, finding, text,"
	    " owner, due, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	    "cannot record the action", "Ittttttt", round_id, a->department,
	    a->rule, a->finding, a->text, a->owner,
	    a->due[0] != '\0' ? a->due : NULL, now);
	if (status == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return store_finish(s, status);
}

enum store_status store_action_list(struct store *s, long long round_id,
				    struct store_action **out, int *count)
{
	*out = NULL;
	*count = 0;
	const char *what = "cannot read the actions";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s, ACTION_COLUMNS " WHERE ?1 = 0 OR a.round_id = ?1 ORDER BY a.id",
	    what, &st, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, (size_t)*count + 1, sizeof(**out));
		action_read(st, &(*out)[(*count)++]);
	}
	return store_rows_end(s, st, what, status, rc);
}

static enum store_status action_get(struct store *s, long long id,
				    struct store_action *out)
{
	const char *what = "cannot read the action";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s, ACTION_COLUMNS " WHERE a.id = ?1", what, &st, "I", id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		action_read(st, out);
	else if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, STORE_ERR_NOT_FOUND,
				    "%s: no action number %lld", s->path, id);
	store_finalize(st);
	return status;
}

enum store_status store_action_done(struct store *s, long long id,
				    const char *now, struct store_action *out)
{
	struct store_action a = {0};
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = action_get(s, id, &a);
	if (status == STORE_OK && a.done_at[0] != '\0')
		status = store_fail(s, STORE_ERR_EXISTS,
				    "action %lld is done already (on %.10s)",
				    id, a.done_at);
	if (status == STORE_OK)
		status = store_run_once(
		    s, "UPDATE action SET done_at = ?1 WHERE id = ?2",
		    "cannot mark the action done", "tI", now, id);
	if (status == STORE_OK)
		snprintf(a.done_at, sizeof(a.done_at), "%s", now);
	status = store_finish(s, status);
	if (out != NULL)
		*out = a;
	else
		store_action_free(&a);
	return status;
}

void store_action_free(struct store_action *a)
{
	free(a->department);
	free(a->rule);
	free(a->finding);
	free(a->text);
	free(a->owner);
	memset(a, 0, sizeof(*a));
}

void store_actions_free(struct store_action *rows, int count)
{
	for (int i = 0; i < count; i++)
		store_action_free(&rows[i]);
	free(rows);
}
