/* SPDX-License-Identifier: MIT */
/* When a response was started and each of its answers given, set after
 * the fact: for aimap demo, whose synthetic people answer in one go, so
 * that aimap analyze has times to read. No running total depends on
 * these columns. */
#include "config.h"

#include "store-internal.h"

enum store_status store_response_pace(struct store *s, const char *uuid,
				      const struct questionnaire *q,
				      const char *started_at,
				      const char (*answered_at)[21])
{
	const char *what = "cannot set the answer times";
	enum store_status status = store_run_once(
	    s, "UPDATE response SET started_at = ?2 WHERE uuid = ?1", what,
	    "tt", uuid, started_at);
	sqlite3_stmt *answer = NULL, *estimate = NULL;
	if (status == STORE_OK)
		status = store_stmt(
		    s,
		    "UPDATE answer SET answered_at = ?3 WHERE question = ?2"
		    " AND response_id = (SELECT id FROM response"
		    " WHERE uuid = ?1)",
		    what, &answer);
	if (status == STORE_OK)
		status = store_stmt(
		    s,
		    "UPDATE estimate SET answered_at = ?3 WHERE question = ?2"
		    " AND response_id = (SELECT id FROM response"
		    " WHERE uuid = ?1)",
		    what, &estimate);
	for (int i = 0; status == STORE_OK && i < q->nquestions; i++) {
		if (answered_at[i][0] == '\0')
			continue;
		status = store_run(s, answer, what, "ttt", uuid,
				   q->questions[i].id, answered_at[i]);
		if (status == STORE_OK)
			status = store_run(s, estimate, what, "ttt", uuid,
					   q->questions[i].id, answered_at[i]);
	}
	store_stmt_done(s, answer);
	store_stmt_done(s, estimate);
	return status;
}
