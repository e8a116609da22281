/* SPDX-License-Identifier: MIT */
/* Invitations: made in bulk, found by the hash of their code, revoked,
 * listed for reminders and counted for participation (store.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

enum store_status store_salt(struct store *s, const char **salt)
{
	if (s->salt == NULL) {
		const char *what = "cannot read the database's salt";
		sqlite3_stmt *st;
		enum store_status status = store_prepare(
		    s, "SELECT salt FROM secret_salt WHERE id = 1", what, &st);
		if (status == STORE_OK)
			status = store_step_row(s, st, what);
		if (status == STORE_OK)
			s->salt = store_column_dup_text(st, 0);
		else if (status == STORE_ERR_NOT_FOUND)
			status =
			    store_fail(s, STORE_ERR_IO,
				       "%s: the database has no salt", s->path);
		store_finalize(st);
		if (status != STORE_OK)
			return status;
	}
	*salt = s->salt;
	return STORE_OK;
}

enum store_status store_invite_add(struct store *s, long long round_id,
				   const struct store_invite_new *list, int n,
				   int *first_number)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	long long last = 0;
	sqlite3_stmt *st = NULL;
	const char *what = "cannot store the invitation";
	{
		sqlite3_stmt *q;
		status = store_prepare_bind(
		    s,
		    "SELECT coalesce(max(number), 0) FROM invitation"
		    " WHERE round_id = ?1",
		    "cannot number the invitations", &q, "I", round_id);
		if (status == STORE_OK)
			status = store_step_row(s, q, "cannot number");
		if (status == STORE_OK)
			last = sqlite3_column_int64(q, 0);
		store_finalize(q);
	}
	if (status == STORE_OK)
		status = store_prepare(
		    s,
		    "INSERT INTO invitation (round_id, number, code_hash,"
		    " department, role, track, person, email, created_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		    what, &st);
	for (int i = 0; status == STORE_OK && i < n; i++) {
		const struct store_invite_new *v = &list[i];
		status =
		    store_run(s, st, what, "IIttttttt", round_id, last + 1 + i,
			      v->hash, v->department, role_name(v->role),
			      track_name(v->track), v->person, v->email, now);
	}
	store_finalize(st);
	*first_number = (int)last + 1;
	return store_finish(s, status);
}

#define STORE_INVITE_COLUMNS                                                   \
	"SELECT i.id, i.round_id, i.number, i.department, i.role, i.track,"    \
	" coalesce(i.response_id, 0), p.finished_at IS NOT NULL,"              \
	" i.revoked_at IS NOT NULL, r.code"                                    \
	" FROM invitation i JOIN round r ON r.id = i.round_id"                 \
	" LEFT JOIN response p ON p.id = i.response_id"

static void store_invite_read(sqlite3_stmt *st, struct store_invitation *out)
{
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	out->round_id = sqlite3_column_int64(st, 1);
	out->number = sqlite3_column_int(st, 2);
	out->department = store_column_dup_text(st, 3);
	out->role = store_column_role(st, 4);
	out->track = store_column_track(st, 5);
	out->response_id = sqlite3_column_int64(st, 6);
	out->finished = sqlite3_column_int(st, 7) != 0;
	out->revoked = sqlite3_column_int(st, 8) != 0;
	store_column_copy(st, 9, out->round_code, sizeof(out->round_code));
}

static enum store_status store_invite_query(struct store *s, const char *where,
					    const char *hash,
					    long long round_id,
					    struct store_invitation *out)
{
	memset(out, 0, sizeof(*out));
	const char *what = "cannot look for the invitation";
	char *sql = xasprintf("%s %s", STORE_INVITE_COLUMNS, where);
	sqlite3_stmt *st;
	enum store_status status =
	    store_prepare_bind(s, sql, what, &st, "tI", hash, round_id);
	free(sql);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		store_invite_read(st, out);
	else if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, status, "no invitation has that code");
	store_finalize(st);
	return status;
}

enum store_status store_invite_find(struct store *s, const char *hash,
				    struct store_invitation *out)
{
	return store_invite_query(s, "WHERE i.code_hash = ?1 AND ?2 = 0", hash,
				  0, out);
}

enum store_status store_invite_revoke(struct store *s, long long round_id,
				      const char *hash,
				      struct store_invitation *out)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status =
	    store_invite_query(s, "WHERE i.code_hash = ?1 AND i.round_id = ?2",
			       hash, round_id, out);
	if (status == STORE_OK)
		status = store_run_once(
		    s,
		    "UPDATE invitation SET revoked_at = coalesce(revoked_at,"
		    " ?2) WHERE id = ?1",
		    "cannot revoke the invitation", "It", out->id, now);
	status = store_finish(s, status);
	if (status != STORE_OK)
		store_invitation_free(out);
	return status;
}

void store_invitation_free(struct store_invitation *inv)
{
	if (inv == NULL)
		return;
	free(inv->department);
	memset(inv, 0, sizeof(*inv));
}

enum store_status store_invite_check(struct store *s,
				     const struct store_round *round,
				     long long invitation_id)
{
	const char *what = "cannot check the invitation";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s,
	    "SELECT r.invitations_only, i.round_id, i.response_id IS NOT NULL,"
	    " i.revoked_at IS NOT NULL FROM round r"
	    " LEFT JOIN invitation i ON i.id = ?2 WHERE r.id = ?1",
	    what, &st, "II", round->id, invitation_id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_fail(s, status, "%s: no round with code %s",
				    s->path, round->code);
	if (status != STORE_OK) {
		store_stmt_done(s, st);
		return status;
	}
	bool only = sqlite3_column_int(st, 0) != 0;
	bool found = sqlite3_column_type(st, 1) != SQLITE_NULL;
	if (invitation_id == 0 && only)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "round %s takes answers only with an "
				    "invitation code",
				    round->code);
	else if (invitation_id != 0 &&
		 (!found || sqlite3_column_int64(st, 1) != round->id))
		status = store_fail(s, STORE_ERR_NOT_FOUND,
				    "that invitation is not for round %s",
				    round->code);
	else if (invitation_id != 0 && sqlite3_column_int(st, 3))
		status = store_fail(s, STORE_ERR_REFUSED,
				    "that invitation code was revoked");
	else if (invitation_id != 0 && sqlite3_column_int(st, 2))
		status = store_fail(s, STORE_ERR_EXISTS,
				    "that invitation code has answers "
				    "already");
	store_stmt_done(s, st);
	return status;
}

enum store_status store_invite_link(struct store *s, long long invitation_id,
				    long long response_id)
{
	return store_run_once(
	    s, "UPDATE invitation SET response_id = ?2 WHERE id = ?1",
	    "cannot link the invitation", "II", invitation_id, response_id);
}

enum store_status store_invite_pending(struct store *s, long long round_id,
				       store_invite_pending_fn *fn, void *ctx)
{
	const char *what = "cannot list the invitations";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s,
	    "SELECT i.number, i.person, i.email, i.department, i.role,"
	    " i.track, i.response_id IS NOT NULL"
	    " FROM invitation i LEFT JOIN response p ON p.id = i.response_id"
	    " WHERE i.round_id = ?1 AND i.revoked_at IS NULL"
	    " AND p.finished_at IS NULL ORDER BY i.number",
	    what, &st, "I", round_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_invite_pending row = {
		    .number = sqlite3_column_int(st, 0),
		    .person = store_column_text(st, 1),
		    .email = store_column_text(st, 2),
		    .department = store_column_text(st, 3),
		    .role = store_column_role(st, 4),
		    .track = store_column_track(st, 5),
		    .started = sqlite3_column_int(st, 6) != 0,
		};
		if (!fn(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return store_rows_end(s, st, what, status, rc);
}

enum store_status store_invite_participation(struct store *s,
					     long long round_id,
					     struct store_participation **out,
					     int *count)
{
	*out = NULL;
	*count = 0;
	const char *what = "cannot count the invitations";
	sqlite3_stmt *st;
	enum store_status status = store_prepare_bind(
	    s,
	    "SELECT i.department, count(*),"
	    " count(p.id), count(p.finished_at)"
	    " FROM invitation i LEFT JOIN response p ON p.id = i.response_id"
	    " WHERE i.round_id = ?1"
	    " AND (i.revoked_at IS NULL OR p.finished_at IS NOT NULL)"
	    " GROUP BY i.department ORDER BY i.department",
	    what, &st, "I", round_id);
	int rc = SQLITE_DONE, n = 0;
	struct store_participation *rows = NULL;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows = xreallocarray(rows, (size_t)n + 1, sizeof(*rows));
		rows[n].department = store_column_dup_text(st, 0);
		rows[n].invited = sqlite3_column_int(st, 1);
		rows[n].started = sqlite3_column_int(st, 2);
		rows[n].completed = sqlite3_column_int(st, 3);
		n++;
	}
	status = store_rows_end(s, st, what, status, rc);
	if (status != STORE_OK) {
		store_participation_free(rows, n);
		return status;
	}
	*out = rows;
	*count = n;
	return STORE_OK;
}

void store_participation_free(struct store_participation *rows, int count)
{
	for (int i = 0; i < count; i++)
		free(rows[i].department);
	free(rows);
}

enum store_status
store_round_set_invitations_only(struct store *s, long long round_id, bool only)
{
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(
	    s, "UPDATE round SET invitations_only = ?2 WHERE id = ?1",
	    "cannot change the round", "Ii", round_id, only ? 1 : 0);
	return store_finish(s, status);
}
