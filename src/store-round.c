/* SPDX-License-Identifier: MIT */
/* The store's questionnaires and rounds. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "qnform.h"
#include "store-internal.h"

/* ---- questionnaires ---------------------------------------------------- */

enum store_status store_questionnaire_find(struct store *s, const char *qid,
					   const char *hash, long long *id)
{
	const char *what = "cannot look up a stored questionnaire";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT id FROM questionnaire WHERE qid = ?1 AND hash = ?2",
	    what, &st, "tt", qid, hash);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		*id = sqlite3_column_int64(st, 0);
	store_stmt_done(s, st);
	return status;
}

enum store_status store_questionnaire_insert(struct store *s,
					     const struct questionnaire *q,
					     const char *hash, const char *now,
					     long long *id)
{
	enum store_status status = store_run_once(
	    s,
	    "INSERT INTO questionnaire (qid, version, title, hash, source,"
	    " added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    "cannot store the questionnaire", "tittTt", q->id, q->version,
	    q->title, hash, q->source, q->source_len, now);
	if (status == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

enum store_status store_questionnaire_save(struct store *s,
					   const struct questionnaire *q,
					   long long *id)
{
	/* hashed here, not taken from q, so the key always fits the text */
	char hash[17], now[21];
	util_hash_hex(q->source, q->source_len, hash);
	util_now_iso(now);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_questionnaire_find(s, q->id, hash, id);
	if (status == STORE_ERR_NOT_FOUND)
		status = store_questionnaire_insert(s, q, hash, now, id);
	return store_finish(s, status);
}

enum store_status store_questionnaire_source(struct store *s, long long id,
					     char **text, size_t *len,
					     char **name)
{
	const char *what = "cannot read a stored questionnaire";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT qid, version, source FROM questionnaire WHERE id = ?1",
	    what, &st, "I", id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK) {
		const char *source = (const char *)sqlite3_column_text(st, 2);
		if (source == NULL)
			util_out_of_memory();
		*len = (size_t)sqlite3_column_bytes(st, 2);
		*text = xmalloc(*len + 1);
		memcpy(*text, source, *len + 1);
		*name = xasprintf("stored questionnaire %s v%d",
				  (const char *)sqlite3_column_text(st, 0),
				  sqlite3_column_int(st, 1));
	} else if (status == STORE_ERR_NOT_FOUND) {
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no stored questionnaire %lld", s->path, id);
	}
	store_stmt_done(s, st);
	return status;
}

/* The form of q for questionnaire row id, written over any older one. A
 * cache: the write waits for no lock, and a failure is left unsaid. */
static void store_questionnaire_model_put(struct store *s, long long id,
					  const struct questionnaire *q,
					  const char *hash)
{
	size_t len;
	unsigned char *form = qnform_encode(q, hash, &len);
	sqlite3_stmt *st = NULL;
	if (store_stmt(s,
		       "INSERT INTO questionnaire_model (questionnaire_id, "
		       "model) VALUES (?1, ?2) ON CONFLICT (questionnaire_id) "
		       "DO UPDATE SET model = excluded.model",
		       "cannot store a questionnaire's form",
		       &st) == STORE_OK &&
	    sqlite3_bind_int64(st, 1, id) == SQLITE_OK &&
	    sqlite3_bind_blob(st, 2, form, (int)len, SQLITE_STATIC) ==
		SQLITE_OK &&
	    sqlite3_busy_timeout(s->db, 0) == SQLITE_OK) {
		(void)sqlite3_step(st);
		(void)sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	}
	store_stmt_done(s, st);
	free(form);
}

enum store_status store_questionnaire_model(struct store *s, long long id,
					    struct diag *d,
					    struct questionnaire **out)
{
	const char *what = "cannot read a stored questionnaire";
	*out = NULL;
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s,
	    "SELECT q.qid, q.version, q.source, m.model "
	    "FROM questionnaire q "
	    "LEFT JOIN questionnaire_model m ON m.questionnaire_id = q.id "
	    "WHERE q.id = ?1",
	    what, &st, "I", id);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_ERR_NOT_FOUND)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no stored questionnaire %lld", s->path, id);
	if (status != STORE_OK) {
		store_stmt_done(s, st);
		diag_init(d, "stored questionnaire");
		return status;
	}
	char *name = xasprintf("stored questionnaire %s v%d",
			       (const char *)sqlite3_column_text(st, 0),
			       sqlite3_column_int(st, 1));
	diag_init(d, name);
	const char *source = (const char *)sqlite3_column_text(st, 2);
	if (source == NULL)
		util_out_of_memory();
	size_t len = (size_t)sqlite3_column_bytes(st, 2);
	/* the hash of the text itself, not the one stored beside it, which
	 * nothing holds to the text: a text changed outside aimap (a foreign
	 * or damaged file) must not be scored by an older form */
	char hash[17];
	util_hash_hex(source, len, hash);
	const unsigned char *form = sqlite3_column_blob(st, 3);
	struct questionnaire *q = qnform_decode(
	    form, (size_t)sqlite3_column_bytes(st, 3), source, len, hash);
	bool parsed = q == NULL;
	if (parsed)
		q = questionnaire_parse(name, source, len, d);
	store_stmt_done(s, st);
	free(name);
	if (parsed && q != NULL)
		store_questionnaire_model_put(s, id, q, hash);
	*out = q;
	return STORE_OK;
}

/* ---- rounds ------------------------------------------------------------ */

/* Codes are said aloud and typed from a slide: no 0/O, 1/I/L. */
static const char store_code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
#define STORE_CODE_LEN 6

/* Upper-case code into out; false when it is too long to be a code. */
bool store_code_upper(const char *code, char out[STORE_MAX_CODE + 1])
{
	size_t len = strlen(code);
	if (len > STORE_MAX_CODE)
		return false;
	for (size_t i = 0; i <= len; i++)
		out[i] = (char)toupper((unsigned char)code[i]);
	return true;
}

static bool store_code_random(char out[STORE_MAX_CODE + 1])
{
	const size_t n = sizeof(store_code_alphabet) - 1;
	const unsigned limit = 256 - 256 % n; /* no modulo bias */
	int len = 0;
	while (len < STORE_CODE_LEN) {
		unsigned char b[16];
		ssize_t got = getrandom(b, sizeof(b), 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return false;
		for (ssize_t i = 0; i < got && len < STORE_CODE_LEN; i++)
			if (b[i] < limit)
				out[len++] = store_code_alphabet[b[i] % n];
	}
	out[len] = '\0';
	return true;
}

static enum store_status store_code_taken(struct store *s, const char *code,
					  bool *taken)
{
	const char *what = "cannot look up a round code";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT 1 FROM round WHERE code = ?1", what, &st, "t", code);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	store_stmt_done(s, st);
	*taken = status == STORE_OK;
	return status == STORE_ERR_NOT_FOUND ? STORE_OK : status;
}

/* Pick the round's code inside the write transaction, so nobody can take
 * it between the check and the insert. */
static enum store_status store_code_choose(struct store *s, bool given,
					   char code[STORE_MAX_CODE + 1])
{
	bool taken = true;
	enum store_status status = STORE_OK;
	for (int tries = 0; status == STORE_OK && taken; tries++) {
		if (!given && tries == 100) /* 31^6 codes: a full store */
			return store_fail(s, STORE_ERR_IO,
					  "%s: cannot find a free round code",
					  s->path);
		if (!given && !store_code_random(code))
			return store_fail_errno(s, "cannot make",
						"a round code");
		status = store_code_taken(s, code, &taken);
		if (status == STORE_OK && taken && given)
			return store_fail(s, STORE_ERR_EXISTS,
					  "%s: a round with code %s exists",
					  s->path, code);
	}
	return status;
}

static enum store_status store_departments_insert(struct store *s,
						  long long round_id,
						  char *const *departments,
						  int ndepartments)
{
	const char *what = "cannot store the round's departments";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt(s,
		       "INSERT INTO round_department (round_id, position, name)"
		       " VALUES (?1, ?2, ?3)",
		       what, &st);
	for (int i = 0; status == STORE_OK && i < ndepartments; i++)
		status =
		    store_run(s, st, what, "Iit", round_id, i, departments[i]);
	store_stmt_done(s, st);
	return status;
}

static enum store_status store_round_insert(struct store *s, const char *name,
					    const char *code,
					    long long questionnaire_id)
{
	char uuid[37], now[21];
	if (!util_uuid_v4(uuid))
		return store_fail_errno(s, "cannot make", "a UUID");
	util_now_iso(now);
	const char *what = "cannot create the round";
	sqlite3_stmt *st;
	enum store_status status = store_stmt(
	    s,
	    "INSERT INTO round (uuid, code, name, questionnaire_id, state,"
	    " min_group, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6)",
	    what, &st);
	if (status == STORE_OK)
		status =
		    store_run(s, st, what, "tttIit", uuid, code, name,
			      questionnaire_id, STORE_DEFAULT_MIN_GROUP, now);
	store_stmt_done(s, st);
	return status;
}

enum store_status store_round_create(struct store *s, const char *name,
				     const char *code,
				     long long questionnaire_id,
				     char *const *departments, int ndepartments,
				     struct store_round *out)
{
	char upper[STORE_MAX_CODE + 1];
	if (code != NULL && !store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_IO,
				  "%s: round code %s is longer than %d "
				  "characters",
				  s->path, code, STORE_MAX_CODE);
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_code_choose(s, code != NULL, upper);
	if (status == STORE_OK)
		status = store_round_insert(s, name, upper, questionnaire_id);
	long long round_id = sqlite3_last_insert_rowid(s->db);
	if (status == STORE_OK)
		status = store_departments_insert(s, round_id, departments,
						  ndepartments);
	status = store_finish(s, status);
	if (status == STORE_OK && out != NULL)
		status = store_round_find(s, upper, out);
	return status;
}

/* A round's own columns; its counts cost a walk over its responses, so
 * only the listings that show them ask for STORE_ROUND_COUNTS too. */
#define STORE_ROUND_COLUMNS                                                    \
	"SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,"      \
	" q.version, r.state, r.min_group, r.created_at,"                      \
	" r.invitations_only,"                                                 \
	" EXISTS (SELECT 1 FROM invitation i WHERE i.round_id = r.id),"        \
	" r.small_gaps"
/* Finished responses from the running totals (the cost of the round's
 * groups, not of its responses); the unfinished ones are few, and the
 * index on (round_id, finished_at) finds them. */
#define STORE_ROUND_COUNTS                                                     \
	", (SELECT coalesce(sum(n), 0) FROM round_tally"                       \
	"  WHERE round_id = r.id AND finished = 1),"                           \
	" (SELECT count(*) FROM response p WHERE p.round_id = r.id"            \
	"  AND p.finished_at IS NULL AND p.abandoned_at IS NULL),"             \
	" (SELECT count(*) FROM response p WHERE p.round_id = r.id"            \
	"  AND p.finished_at IS NULL AND p.abandoned_at IS NOT NULL)"
#define STORE_ROUND_FROM                                                       \
	" FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id"

static void store_round_read(sqlite3_stmt *st, struct store_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, r->uuid, sizeof(r->uuid));
	store_column_copy(st, 2, r->code, sizeof(r->code));
	r->name = store_column_dup(st, 3);
	r->questionnaire_id = sqlite3_column_int64(st, 4);
	r->questionnaire = store_column_dup(st, 5);
	r->questionnaire_version = sqlite3_column_int(st, 6);
	const unsigned char *state = sqlite3_column_text(st, 7);
	r->open = state != NULL && strcmp((const char *)state, "open") == 0;
	r->min_group = sqlite3_column_int(st, 8);
	store_column_copy(st, 9, r->created_at, sizeof(r->created_at));
	r->invitations_only = sqlite3_column_int(st, 10) != 0;
	r->has_invitations = sqlite3_column_int(st, 11) != 0;
	r->small_gaps = sqlite3_column_int(st, 12) != 0;
	bool counted = sqlite3_column_count(st) > 13;
	r->completed = counted ? sqlite3_column_int(st, 13) : -1;
	r->in_progress = counted ? sqlite3_column_int(st, 14) : -1;
	r->abandoned = counted ? sqlite3_column_int(st, 15) : -1;
}

static void store_round_add_department(struct store_round *r, sqlite3_stmt *st,
				       int col)
{
	r->departments =
	    xreallocarray(r->departments, (size_t)r->ndepartments + 1,
			  sizeof(*r->departments));
	char *name = store_column_dup(st, col);
	r->departments[r->ndepartments++] = name ? name : xstrdup("");
}

/* Departments of every round (round_id < 0) or of one. A round created
 * between the two queries of store_round_list is not in the list, so its
 * departments are skipped. */
static enum store_status store_departments_read(struct store *s,
						long long round_id,
						struct store_round *rounds,
						int count)
{
	const char *what = "cannot read the rounds' departments";
	sqlite3_stmt *st;
	enum store_status status = store_stmt(
	    s,
	    round_id < 0 ? "SELECT round_id, name FROM round_department"
			   " ORDER BY round_id, position"
			 : "SELECT round_id, name FROM round_department"
			   " WHERE round_id = ?1 ORDER BY position",
	    what, &st);
	if (status == STORE_OK && round_id >= 0)
		status = store_bind(s, st, what, "I", round_id);
	int at = 0, rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (rounds[at].id != id)
			for (at = 0; at < count && rounds[at].id != id; at++)
				;
		if (at == count) {
			at = 0;
			continue;
		}
		store_round_add_department(&rounds[at], st, 1);
	}
	return store_rows_end(s, st, what, status, rc);
}

/* The round's code in upper case, or the refusal of a code no round can
 * have. */
static enum store_status store_round_code(struct store *s, const char *code,
					  char upper[STORE_MAX_CODE + 1])
{
	if (!store_code_upper(code, upper))
		return store_fail(s, STORE_ERR_NOT_FOUND,
				  "%s: no round with code %s", s->path, code);
	return STORE_OK;
}

/* After an UPDATE of the round with code upper: no row changed, no such
 * round. */
static enum store_status store_round_changed(struct store *s,
					     enum store_status status,
					     const char *upper)
{
	if (status == STORE_OK && sqlite3_changes(s->db) == 0)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, upper);
	return status;
}

enum store_status store_round_find(struct store *s, const char *code,
				   struct store_round *out)
{
	memset(out, 0, sizeof(*out));
	char upper[STORE_MAX_CODE + 1];
	enum store_status status = store_round_code(s, code, upper);
	if (status != STORE_OK)
		return status;
	const char *what = "cannot read the round";
	sqlite3_stmt *st;
	status = store_stmt_bind(
	    s, STORE_ROUND_COLUMNS STORE_ROUND_FROM " WHERE r.code = ?1", what,
	    &st, "t", upper);
	if (status == STORE_OK)
		status = store_step_row(s, st, what);
	if (status == STORE_OK)
		store_round_read(st, out);
	else if (status == STORE_ERR_NOT_FOUND)
		status =
		    store_fail(s, STORE_ERR_NOT_FOUND,
			       "%s: no round with code %s", s->path, upper);
	store_stmt_done(s, st);
	if (status == STORE_OK)
		status = store_departments_read(s, out->id, out, 1);
	if (status != STORE_OK)
		store_round_free(out);
	return status;
}

static enum store_status store_rounds_read(struct store *s, const char *sql,
					   struct store_round **out, int *count)
{
	*out = NULL;
	*count = 0;
	const char *what = "cannot list the rounds";
	sqlite3_stmt *st;
	enum store_status status = store_stmt(s, sql, what, &st);
	struct store_round *rounds = NULL;
	int n = 0, rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rounds = xreallocarray(rounds, (size_t)n + 1, sizeof(*rounds));
		store_round_read(st, &rounds[n++]);
	}
	status = store_rows_end(s, st, what, status, rc);
	if (status == STORE_OK && n > 0)
		status = store_departments_read(s, -1, rounds, n);
	if (status != STORE_OK) {
		store_round_list_free(rounds, n);
		return status;
	}
	*out = rounds;
	*count = n;
	return STORE_OK;
}

enum store_status store_round_list(struct store *s, struct store_round **out,
				   int *count)
{
	return store_rounds_read(
	    s,
	    STORE_ROUND_COLUMNS STORE_ROUND_COUNTS STORE_ROUND_FROM
	    " ORDER BY r.created_at DESC, r.id DESC",
	    out, count);
}

enum store_status store_round_list_open(struct store *s,
					struct store_round **out, int *count)
{
	return store_rounds_read(s,
				 STORE_ROUND_COLUMNS STORE_ROUND_FROM
				 " WHERE r.state = 'open'"
				 " ORDER BY r.created_at DESC, r.id DESC",
				 out, count);
}

enum store_status store_round_count(struct store *s, struct store_round *r)
{
	const char *what = "cannot count the round's responses";
	sqlite3_stmt *st;
	enum store_status status = store_stmt_bind(
	    s, "SELECT r.id" STORE_ROUND_COUNTS " FROM round r WHERE r.id = ?1",
	    what, &st, "I", r->id);
	if (status == STORE_OK && sqlite3_step(st) == SQLITE_ROW) {
		r->completed = sqlite3_column_int(st, 1);
		r->in_progress = sqlite3_column_int(st, 2);
		r->abandoned = sqlite3_column_int(st, 3);
	} else if (status == STORE_OK) {
		status = store_fail_sql(s, what);
	}
	store_stmt_done(s, st);
	return status;
}

enum store_status store_round_set_open(struct store *s, const char *code,
				       bool open)
{
	char upper[STORE_MAX_CODE + 1], now[21];
	enum store_status status = store_round_code(s, code, upper);
	if (status != STORE_OK)
		return status;
	util_now_iso(now);
	status = store_begin(s);
	if (status != STORE_OK)
		return status;
	/* closing twice keeps the first closing time */
	status = store_run_once(
	    s,
	    "UPDATE round SET state = ?1, closed_at = CASE WHEN ?1 = 'open'"
	    " THEN NULL ELSE coalesce(closed_at, ?2) END WHERE code = ?3",
	    "cannot change the round", "ttt", open ? "open" : "closed", now,
	    upper);
	status = store_round_changed(s, status, upper);
	return store_finish(s, status);
}

/* One whole-number setting of round code: sql sets it from ?1 where
 * code = ?2. */
static enum store_status round_set_int(struct store *s, const char *code,
				       const char *sql, int value)
{
	char upper[STORE_MAX_CODE + 1];
	enum store_status status = store_round_code(s, code, upper);
	if (status != STORE_OK)
		return status;
	status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(s, sql, "cannot change the round", "it", value,
				upper);
	status = store_round_changed(s, status, upper);
	return store_finish(s, status);
}

enum store_status store_round_set_min_group(struct store *s, const char *code,
					    int min_group)
{
	return round_set_int(s, code,
			     "UPDATE round SET min_group = ?1 WHERE code = ?2",
			     min_group);
}

enum store_status store_round_set_small_gaps(struct store *s, const char *code,
					     bool small_gaps)
{
	return round_set_int(s, code,
			     "UPDATE round SET small_gaps = ?1 WHERE code = ?2",
			     small_gaps ? 1 : 0);
}

void store_round_free(struct store_round *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->questionnaire);
	for (int i = 0; i < r->ndepartments; i++)
		free(r->departments[i]);
	free(r->departments);
	memset(r, 0, sizeof(*r));
}

void store_round_list_free(struct store_round *rounds, int count)
{
	for (int i = 0; i < count; i++)
		store_round_free(&rounds[i]);
	free(rounds);
}

/* A response's last sign of life: its last answer, or its start. */
enum store_status store_round_prune(struct store *s, long long round_id,
				    int minutes, int *count)
{
	char now[21];
	util_now_iso(now);
	*count = 0;
	enum store_status status = store_begin(s);
	if (status != STORE_OK)
		return status;
	status = store_run_once(
	    s,
	    "UPDATE response SET abandoned_at = ?2"
	    " WHERE round_id = ?1 AND finished_at IS NULL"
	    " AND abandoned_at IS NULL"
	    " AND julianday(?2) - julianday(max(started_at, coalesce("
	    "  (SELECT max(answered_at) FROM answer a"
	    "   WHERE a.response_id = response.id), started_at)))"
	    " >= ?3 / 1440.0",
	    "cannot prune the round", "ItI", round_id, now, (long long)minutes);
	if (status == STORE_OK)
		*count = sqlite3_changes(s->db);
	return store_finish(s, status);
}
