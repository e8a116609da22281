/* SPDX-License-Identifier: MIT */
/* The store's merge of another aimap database: the other file attached
 * read-only, checked as store_open checks its own, brought in by SQL in
 * one transaction, and committed only if it did not change meanwhile. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store-internal.h"

/* ---- checking the other file ------------------------------------------ */

static enum store_status merge_refuse(struct store *s, const char *path,
				      const char *why)
{
	return store_fail(s, STORE_ERR_REFUSED, "%s: %s; nothing was merged",
			  path, why);
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
	if (store_wal_has_data(path))
		return store_fail(s, STORE_ERR_REFUSED,
				  "%s: has changes not yet written into it "
				  "(%s-wal): another aimap may be using it. "
				  "Close it there, or open it once with aimap "
				  "(aimap --db %s round list), then merge; "
				  "nothing was merged",
				  path, path, path);
	return STORE_OK;
}

static enum store_status merge_src_int(struct store *s, const char *path,
				       const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	merge_limit_next();
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	enum store_status status = STORE_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: truncated or corrupt SQLite database "
				    "(%s); nothing was merged",
				    path, sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return status;
}

/* The file at path as stat found it at first (before anything was read
 * from it): the same file (device and inode), not written since (size,
 * modification and change time). */
static bool merge_same_file(const char *path, const struct stat *first)
{
	struct stat now;
	return stat(path, &now) == 0 && now.st_dev == first->st_dev &&
	       now.st_ino == first->st_ino && now.st_size == first->st_size &&
	       now.st_mtim.tv_sec == first->st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == first->st_mtim.tv_nsec &&
	       now.st_ctim.tv_sec == first->st_ctim.tv_sec &&
	       now.st_ctim.tv_nsec == first->st_ctim.tv_nsec;
}

static enum store_status merge_changed(struct store *s, const char *path)
{
	return store_fail(s, STORE_ERR_REFUSED,
			  "%s: changed while it was being merged (another "
			  "program wrote or replaced it); nothing was merged. "
			  "Merge it again when nothing writes it",
			  path);
}

/* Attach the other file as merge_src, read-only, taking no lock and
 * writing nothing beside it (it is immutable to this connection), and
 * check it through SQL there. It is read where it is, not copied (a
 * copy would write its size again, in SQLite's temporary folder): the
 * checks and the merge read it through the one file SQLite opened at the
 * ATTACH, and before the COMMIT the path must still name the file first
 * found, unwritten (merge_same_file). That also catches a file replaced
 * before the ATTACH and put back after it: moving or linking a file
 * changes its change time. */
static enum store_status merge_attach(struct store *s, const char *path)
{
	char *uri = store_file_uri(path, "mode=ro&immutable=1");
	sqlite3_stmt *st = NULL;
	merge_limit_next();
	enum store_status status = store_prepare(
	    s, "ATTACH DATABASE ?1 AS merge_src", "cannot attach it", &st);
	if (status == STORE_OK &&
	    (sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC) != SQLITE_OK ||
	     sqlite3_step(st) != SQLITE_DONE))
		status = store_fail(s, STORE_ERR_REFUSED,
				    "%s: truncated or corrupt SQLite database "
				    "(%s); nothing was merged",
				    path, sqlite3_errmsg(s->db));
	store_finalize(st);
	free(uri);
	long long app = 0, version = 0, ok = 0;
	if (status == STORE_OK)
		status = merge_src_int(s, path,
				       "PRAGMA merge_src.application_id", &app);
	if (status == STORE_OK)
		status = merge_src_int(s, path, "PRAGMA merge_src.user_version",
				       &version);
	if (status == STORE_OK && (app != STORE_APPLICATION_ID || version < 1 ||
				   version > store_schema_version()))
		status = merge_refuse(s, path,
				      "not an aimap database this "
				      "aimap can read");
	/* before anything reads a table: a view or a generated column of
	 * the other's would run as it does */
	if (status == STORE_OK)
		status = store_merge_check_schema(s, path, version);
	if (status == STORE_OK)
		status = merge_src_int(
		    s, path,
		    "SELECT count(*) FROM pragma_quick_check(NULL, 'merge_src')"
		    " WHERE quick_check = 'ok'",
		    &ok);
	if (status == STORE_OK && ok != 1)
		status = merge_refuse(s, path,
				      "corrupt (SQLite's quick_check "
				      "finds faults)");
	return status;
}

/* ---- the SQL ----------------------------------------------------------- */

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
		merge_limit_next();
		sqlite3_stmt *st;
		status = store_prepare(s, merge_conflicts[i].sql, what, &st);
		int rc = status == STORE_OK ? sqlite3_step(st) : SQLITE_OK;
		if (rc == SQLITE_ROW)
			status = store_fail(s, STORE_ERR_EXISTS,
					    "%s: %s%s%s; nothing was merged",
					    path, merge_conflicts[i].before,
					    store_column_text(st, 0),
					    merge_conflicts[i].after);
		else if (status == STORE_OK && rc != SQLITE_DONE)
			status = store_fail_sql(s, what);
		store_finalize(st);
	}
	return status;
}

#define MERGE_VERSION_THERE STORE_RESPONSE_VERSION("merge_src.", "o")
#define MERGE_VERSION_HERE STORE_RESPONSE_VERSION("main.", "p")

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

/* And then these, in order. The maps are keyed by the other file's row
 * id and filled in its order, so that every later step reads the other
 * file, and writes ours, in the order of its rows: one pass each, instead
 * of a jump to a page anywhere in either file for every row (which grew
 * faster than the data once the files outgrew the page cache). */
static const char *const merge_steps[] = {
    "CREATE TEMP TABLE merge_round (oid INTEGER PRIMARY KEY, id INTEGER)",
    "INSERT INTO temp.merge_round (oid, id) SELECT o.id, r.id"
    " FROM merge_src.round o JOIN main.round r ON r.uuid = o.uuid"
    " ORDER BY o.id",
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
    "CREATE TEMP TABLE merge_respondent (oid INTEGER PRIMARY KEY,"
    " id INTEGER)",
    "INSERT INTO temp.merge_respondent (oid, id) SELECT o.id, t.id"
    " FROM merge_src.respondent o JOIN main.respondent t"
    " ON t.uuid = o.uuid ORDER BY o.id",
    /* what to do with each of the other's responses: 0 add, 1 replace,
     * 2 keep ours; one to add gets its row id here, after every id of
     * ours and in the other's order (our largest plus how many before
     * it are added), so that its rows are appended */
    "CREATE TEMP TABLE merge_response (oid INTEGER PRIMARY KEY,"
    " id INTEGER, round_id INTEGER, respondent_id INTEGER,"
    " action INTEGER)",
    "INSERT INTO temp.merge_response (oid, id, round_id, respondent_id,"
    " action) SELECT o.id, coalesce(p.id, (SELECT coalesce(max(x.id), 0)"
    " FROM main.response x) + sum(p.id IS NULL) OVER (ORDER BY o.id"
    " ROWS UNBOUNDED PRECEDING)), mr.id, mt.id,"
    " CASE WHEN p.id IS NULL THEN 0"
    " WHEN " MERGE_VERSION_THERE " > " MERGE_VERSION_HERE " THEN 1"
    " ELSE 2 END FROM merge_src.response o"
    " JOIN temp.merge_round mr ON mr.oid = o.round_id"
    " JOIN temp.merge_respondent mt ON mt.oid = o.respondent_id"
    " LEFT JOIN main.response p ON p.uuid = o.uuid ORDER BY o.id",
};

/* And then these, which write the responses and their rows. */
static const char *const merge_writes[] = {
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
    "DELETE FROM main.comment WHERE response_id IN (SELECT id"
    " FROM temp.merge_response WHERE action = 1)",
    "INSERT INTO main.response (id, uuid, round_id, respondent_id,"
    " department, role, track, started_at, finished_at, segment, subtype,"
    " adoption)"
    " SELECT m.id, o.uuid, m.round_id, m.respondent_id, o.department,"
    " o.role, o.track, o.started_at, o.finished_at, o.segment, o.subtype,"
    " o.adoption FROM temp.merge_response m"
    " JOIN merge_src.response o ON o.id = m.oid WHERE m.action = 0"
    " ORDER BY m.oid",
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

/* The other's comments, when it has any: a database from before comments
 * (schema 2 and older) has no such table. */
static const char merge_comments_sql[] =
    "INSERT INTO main.comment (response_id, question, text, answered_at)"
    " SELECT m.id, c.question, c.text, c.answered_at"
    " FROM temp.merge_response m JOIN merge_src.comment c"
    " ON c.response_id = m.oid WHERE m.action IN (0, 1)";

static enum store_status merge_count(struct store *s, const char *sql,
				     const char *what, int *count)
{
	merge_limit_next();
	enum store_status status = store_exec(s, sql, what);
	if (status == STORE_OK)
		*count = sqlite3_changes(s->db);
	return status;
}

/* Enough responses to add or replace for the running totals to be
 * counted once, before the commit, instead of by the triggers at every
 * row (store-totals.c): before the writes (sign -1), the triggers go and
 * the responses to be replaced leave the totals; after them (sign 1),
 * the replaced ones join them again, as store_finish does the new ones. */
static enum store_status merge_totals(struct store *s, int sign)
{
	const char *what = "cannot merge";
	long long n = 0;
	enum store_status status = STORE_OK;
	if (sign < 0) {
		status =
		    store_query_int(s,
				    "SELECT count(*) FROM temp.merge_response"
				    " WHERE action IN (0, 1)",
				    what, &n);
		if (status != STORE_OK || n < store_totals_bulk_min)
			return status;
		status = store_totals_suspend(s);
	}
	if (status != STORE_OK || !store_totals_suspended(s))
		return status;
	sqlite3_stmt *st = NULL;
	if (status == STORE_OK)
		status = store_prepare(s,
				       "SELECT id FROM temp.merge_response"
				       " WHERE action = 1 ORDER BY id",
				       what, &st);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		merge_limit_next();
		status = store_totals_add(s, sign, id, id);
	}
	return store_rows_end(s, st, what, status, rc);
}

static enum store_status merge_run(struct store *s, const char *path,
				   struct store_merge_counts *out)
{
	const char *what = "cannot merge";
	enum store_status status = merge_check_conflicts(s, path);
	if (status == STORE_OK)
		status = merge_count(s, merge_questionnaires_sql, what,
				     &out->questionnaires);
	if (status == STORE_OK) {
		merge_limit_next();
		status = store_exec(s, merge_questionnaires_map_sql, what);
	}
	if (status == STORE_OK)
		status = merge_count(s, merge_rounds_sql, what, &out->rounds);
	if (status == STORE_OK)
		status = merge_count(s, merge_rounds_update_sql, what,
				     &out->rounds_changed);
	for (size_t i = 0; status == STORE_OK && i < ARRAY_LEN(merge_steps);
	     i++) {
		merge_limit_next();
		status = store_exec(s, merge_steps[i], what);
	}
	if (status == STORE_OK)
		status = merge_totals(s, -1);
	for (size_t i = 0; status == STORE_OK && i < ARRAY_LEN(merge_writes);
	     i++) {
		merge_limit_next();
		status = store_exec(s, merge_writes[i], what);
	}
	long long comments = 0;
	if (status == STORE_OK)
		status = store_query_int(
		    s,
		    "SELECT count(*) FROM merge_src.sqlite_schema"
		    " WHERE type = 'table' AND name = 'comment'",
		    what, &comments);
	if (status == STORE_OK && comments > 0) {
		merge_limit_next();
		status = store_exec(s, merge_comments_sql, what);
	}
	if (status == STORE_OK)
		status = merge_totals(s, 1);
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
	return store_rows_end(s, st, what, status, rc);
}

/* Temp tables and the other file go whatever happened; failures here
 * lose nothing (they vanish with the connection). */
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
	enum store_status status =
	    store_check_header(s, other_path, &sb, STORE_HEADER_MERGE);
	if (status == STORE_OK)
		status = merge_check_place(s, other_path, &sb);
	if (status == STORE_OK)
		status = store_room_check(s, STORE_BULK_MERGE,
					  (unsigned long long)sb.st_size,
					  other_path);
	struct merge_limit limit = {0};
	int cache = store_cache_widen(s);
	merge_limit_on(s->db, &limit);
	if (status == STORE_OK)
		status = merge_attach(s, other_path);
	if (status == STORE_OK)
		status = store_merge_check_values(s, other_path);
	if (status == STORE_OK)
		status = store_begin(s);
	if (status == STORE_OK) {
		status = merge_run(s, other_path, out);
		if (status == STORE_OK && !merge_same_file(other_path, &sb))
			status = merge_changed(s, other_path);
		/* the commit is a step of its own: with the triggers set
		 * aside it counts the new responses into the totals first */
		merge_limit_next();
		status = store_finish(s, status);
	}
	merge_limit_off(s->db);
	if (limit.hit)
		status =
		    store_fail(s, STORE_ERR_REFUSED,
			       "%s: a step of the merge ran longer than %d "
			       "seconds and was stopped; nothing was "
			       "merged",
			       other_path, store_merge_limit_ms / 1000);
	merge_clean(s);
	store_cache_restore(s, cache);
	if (status != STORE_OK) {
		memset(out, 0, sizeof(*out));
		/* SQLite's own errors (a full disk at the COMMIT) say what
		 * failed, not what it means for the other file */
		if (strstr(store_error(s), "nothing was merged") == NULL) {
			char *why = xstrdup(store_error(s));
			status =
			    store_fail(s, status, "%s; %s: nothing was merged",
				       why, other_path);
			free(why);
		}
	}
	return status;
}
