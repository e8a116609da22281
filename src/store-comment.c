/* SPDX-License-Identifier: MIT */
/* Free-text comments: kept in their own table, written as they are given
 * and with a submitted response, and read back only whole for a response
 * (to resume) or by group, never with a name (store.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

#define STORE_COMMENT_UPSERT                                                   \
	"INSERT INTO comment (response_id, question, text, answered_at)"       \
	" VALUES (?1, ?2, ?3, ?4)"                                             \
	" ON CONFLICT (response_id, question) DO UPDATE SET"                   \
	" text = excluded.text, answered_at = excluded.answered_at"

enum store_status store_comment_save(struct store *s, long long response_id,
				     const char *question, const char *text)
{
	char now[21];
	util_now_iso(now);
	enum store_status status = store_response_change(s, response_id, NULL);
	if (status != STORE_OK)
		return status;
	if (text == NULL || text[0] == '\0')
		status = store_run_once(s,
					"DELETE FROM comment WHERE response_id "
					"= ?1 AND question = ?2",
					"cannot remove a comment", "It",
					response_id, question);
	else
		status = store_run_once(s, STORE_COMMENT_UPSERT,
					"cannot store a comment", "Ittt",
					response_id, question, text, now);
	return store_finish(s, status);
}

enum store_status store_comments_write(struct store *s, long long response_id,
				       const struct questionnaire *q,
				       char *const *texts, const char *now)
{
	if (texts == NULL)
		return STORE_OK;
	const char *what = "cannot store a comment";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt(s, STORE_COMMENT_UPSERT, what, &st);
	for (int i = 0; status == STORE_OK && i < q->nquestions; i++)
		if (texts[i] != NULL && texts[i][0] != '\0')
			status = store_run(s, st, what, "Ittt", response_id,
					   q->questions[i].id, texts[i], now);
	store_stmt_done(s, st);
	return status;
}

enum store_status store_response_comments(struct store *s,
					  long long response_id,
					  const struct questionnaire *q,
					  char **texts)
{
	for (int i = 0; i < q->nquestions; i++)
		texts[i] = NULL;
	const char *what = "cannot read the comments";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT question, text FROM comment WHERE response_id = ?1",
	    what, &st, "I", response_id);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i =
		    questionnaire_find_question(q, store_column_text(st, 0));
		if (i >= 0 && texts[i] == NULL)
			texts[i] = store_column_dup_text(st, 1);
	}
	return store_rows_end(s, st, what, status, rc);
}

/* The groups: with by_department (?3) each department of at least
 * min_group (?2) finished responses, and the rest pooled under NULL;
 * without it the whole round under NULL. A group, pooled rest included,
 * smaller than min_group shows nothing: otherwise what the large
 * departments show would give away, by elimination, who in a small one
 * wrote the rest. */
static const char store_comments_sql[] =
    "WITH member AS (SELECT id, department FROM response"
    " WHERE round_id = ?1 AND finished_at IS NOT NULL),"
    " size AS (SELECT department, count(*) AS n FROM member"
    " GROUP BY department),"
    " grp AS (SELECT m.id, CASE WHEN ?3 AND s.n >= ?2"
    " THEN m.department END AS g"
    " FROM member m JOIN size s ON s.department = m.department),"
    " gsize AS (SELECT g, count(*) AS n FROM grp GROUP BY g)"
    " SELECT grp.g, c.question, c.text FROM comment c"
    " JOIN grp ON grp.id = c.response_id"
    " JOIN gsize ON gsize.g IS grp.g"
    " WHERE gsize.n >= ?2"
    " ORDER BY grp.g IS NULL, grp.g, c.question, c.text";

enum store_status store_report_comments(struct store *s, long long round_id,
					int min_group, bool by_department,
					store_comment_fn *fn, void *ctx)
{
	const char *what = "cannot read the comments";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt_bind(s, store_comments_sql, what, &st, "Iii", round_id,
			    min_group, by_department ? 1 : 0);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_comment c = {
		    .department = store_column_text(st, 0),
		    .question = store_column_text(st, 1),
		    .text = store_column_text(st, 2),
		};
		if (!fn(ctx, &c)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return store_rows_end(s, st, what, status, rc);
}
