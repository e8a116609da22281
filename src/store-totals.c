/* SPDX-License-Identifier: MIT */
/* Bulk writes without the running-total triggers. The triggers of
 * store-schema.c keep round_tally and the other totals right at every row
 * written, which is most of the cost of writing many responses at once (an
 * import, a merge, the demo). Inside such a write transaction, the store
 * keeps the text of those triggers, drops them, writes the rows, counts
 * the new responses into the totals with one INSERT ... SELECT per totals
 * table, and creates the triggers again from the text it kept, all before
 * the COMMIT (store_finish): a crash or a kill leaves the database as it
 * was before the transaction, triggers included, or with everything. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* Responses a bulk write must reach before the triggers are dropped: below
 * it, dropping and creating them again (and preparing every statement
 * again, since the schema changed) costs more than the triggers save.
 * Measured by instruction counts of aimap import of 25 to 800 responses
 * into an empty database: the drop and the return cost about 12 million
 * instructions and each response written without the triggers saves 0.5
 * million, so the two are even at 25 responses, and 50 cost 12% less.
 * A variable so that the unit tests can make it small. */
long long store_totals_bulk_min = STORE_TOTALS_BULK_MIN;

/* The totals tables, each with the statement that adds ?1 (1 or -1) times
 * the totals of responses ?2 to ?3 (row ids) to it, as its triggers would
 * have: row by row, with the same UPSERT. (A GROUP BY before the UPSERT
 * costs more: sorting 100,000 responses' answers takes three times as
 * long as adding them one by one to a table of a few hundred rows.) A new
 * totals table is one more entry; its triggers are found by its name
 * (store_totals_suspend). */
struct store_totals_table {
	const char *name;
	const char *add_sql;
};

static const struct store_totals_table store_totals[] = {
    {"round_tally",
     "INSERT INTO round_tally (round_id, department, role, track, finished,"
     " segment, subtype, n)"
     " SELECT round_id, department, role, track, finished_at IS NOT NULL,"
     " coalesce(segment, ''), coalesce(subtype, ''), ?1"
     " FROM response WHERE id BETWEEN ?2 AND ?3"
     " ON CONFLICT (round_id, department, role, track, finished, segment,"
     " subtype) DO UPDATE SET n = n + excluded.n"},
    {"round_score",
     "INSERT INTO round_score (round_id, department, role, track, dimension,"
     " total, squares, n)"
     " SELECT p.round_id, p.department, p.role, p.track, c.dimension,"
     " ?1 * c.score, ?1 * c.score * c.score, ?1"
     " FROM response p JOIN response_score c ON c.response_id = p.id"
     " WHERE p.id BETWEEN ?2 AND ?3 AND p.finished_at IS NOT NULL"
     " ON CONFLICT (round_id, department, role, track, dimension)"
     " DO UPDATE SET n = n + excluded.n, total = CASE"
     " WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END,"
     " squares = CASE WHEN n + excluded.n = 0 THEN 0"
     " ELSE squares + excluded.squares END"},
    {"round_answer",
     "INSERT INTO round_answer (round_id, question, choice, n)"
     " SELECT p.round_id, a.question, a.choice, ?1"
     " FROM response p JOIN answer a ON a.response_id = p.id"
     " WHERE p.id BETWEEN ?2 AND ?3 AND p.finished_at IS NOT NULL"
     " ON CONFLICT (round_id, question, choice)"
     " DO UPDATE SET n = n + excluded.n"},
    {"round_estimate",
     "INSERT INTO round_estimate (round_id, question, department, role, n,"
     " champions, willing, cautious)"
     " SELECT p.round_id, e.question, p.department, p.role, ?1,"
     " ?1 * e.champions, ?1 * e.willing, ?1 * e.cautious"
     " FROM response p JOIN estimate e ON e.response_id = p.id"
     " WHERE p.id BETWEEN ?2 AND ?3 AND p.finished_at IS NOT NULL"
     " ON CONFLICT (round_id, question, department, role)"
     " DO UPDATE SET n = n + excluded.n,"
     " champions = champions + excluded.champions,"
     " willing = willing + excluded.willing,"
     " cautious = cautious + excluded.cautious"},
    {"round_adoption",
     "INSERT INTO round_adoption (round_id, adoption, department, role,"
     " track, n)"
     " SELECT round_id, adoption, department, role, track, ?1"
     " FROM response WHERE id BETWEEN ?2 AND ?3"
     " AND finished_at IS NOT NULL AND adoption IS NOT NULL"
     " ON CONFLICT (round_id, adoption, department, role, track)"
     " DO UPDATE SET n = n + excluded.n"},
};

/* What store_totals_suspend took away. */
struct store_totals_off {
	char **sql; /* each dropped trigger's text, as sqlite_schema held it */
	int count;
	long long before; /* the last response's id when they were dropped */
};

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Whether sql names one of the totals tables as a word of its own. */
static bool writes_totals(const char *sql)
{
	for (size_t i = 0; i < ARRAY_LEN(store_totals); i++) {
		const char *name = store_totals[i].name;
		size_t len = strlen(name);
		for (const char *p = strstr(sql, name); p != NULL;
		     p = strstr(p + 1, name))
			if ((p == sql || !is_word_char(p[-1])) &&
			    !is_word_char(p[len]))
				return true;
	}
	return false;
}

static bool is_totals_table(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(store_totals); i++)
		if (strlen(store_totals[i].name) == len &&
		    strncmp(store_totals[i].name, name, len) == 0)
			return true;
	return false;
}

/* Whether every table the body of trigger sql writes is a totals table:
 * one that also wrote another table would lose those writes while it is
 * dropped, so the triggers stay (a migration that adds such a trigger
 * adds its tables to store_totals, with their statements). */
static bool writes_only_totals(const char *sql)
{
	static const char *const verbs[] = {"INSERT INTO ", "UPDATE ",
					    "DELETE FROM ", "REPLACE INTO "};
	const char *body = strstr(sql, "BEGIN");
	if (body == NULL)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(verbs); i++)
		for (const char *p = strstr(body, verbs[i]); p != NULL;
		     p = strstr(p + 1, verbs[i])) {
			/* not a word's end, nor an UPSERT's DO UPDATE */
			if (is_word_char(p[-1]) ||
			    (p - body >= 3 && strncmp(p - 3, "DO ", 3) == 0))
				continue;
			const char *name = p + strlen(verbs[i]);
			size_t len = 0;
			while (is_word_char(name[len]))
				len++;
			if (!is_totals_table(name, len))
				return false;
		}
	return true;
}

static void totals_off_free(struct store_totals_off *off)
{
	if (off == NULL)
		return;
	for (int i = 0; i < off->count; i++)
		free(off->sql[i]);
	free(off->sql);
	free(off);
}

/* The triggers that write a totals table, oldest first, with their names
 * (to drop them) in names; *safe false when one writes another table
 * too. */
static enum store_status totals_triggers(struct store *s,
					 struct store_totals_off *off,
					 char ***names, bool *safe)
{
	*safe = true;
	const char *what = "cannot read the running totals' triggers";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt(s,
		       "SELECT name, sql FROM main.sqlite_schema"
		       " WHERE type = 'trigger' ORDER BY rowid",
		       what, &st);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sql = store_column_text(st, 1);
		if (sql == NULL || !writes_totals(sql))
			continue;
		*safe = *safe && writes_only_totals(sql);
		off->sql = xreallocarray(off->sql, (size_t)off->count + 1,
					 sizeof(char *));
		*names = xreallocarray(*names, (size_t)off->count + 1,
				       sizeof(char *));
		off->sql[off->count] = xstrdup(sql);
		(*names)[off->count] = store_column_dup_text(st, 0);
		off->count++;
	}
	return store_rows_end(s, st, what, status, rc);
}

static enum store_status totals_drop(struct store *s, const char *name)
{
	/* a name as an SQL identifier: in double quotes, doubled inside */
	size_t len = strlen(name);
	char *quoted = xcalloc(2 * len + 3, 1);
	char *q = quoted;
	*q++ = '"';
	for (const char *p = name; *p != '\0'; p++) {
		if (*p == '"')
			*q++ = '"';
		*q++ = *p;
	}
	*q = '"';
	char *sql = xasprintf("DROP TRIGGER main.%s", quoted);
	enum store_status status =
	    store_exec(s, sql, "cannot set the running totals aside");
	free(sql);
	free(quoted);
	return status;
}

enum store_status store_totals_suspend(struct store *s)
{
	if (s->totals_off != NULL)
		return STORE_OK;
	struct store_totals_off *off = xcalloc(1, sizeof(*off));
	char **names = NULL;
	bool safe;
	enum store_status status = totals_triggers(s, off, &names, &safe);
	if (status == STORE_OK)
		status = store_query_int(s, "SELECT max(id) FROM response",
					 "cannot set the running totals aside",
					 &off->before);
	for (int i = 0; status == STORE_OK && safe && i < off->count; i++)
		status = totals_drop(s, names[i]);
	for (int i = 0; i < off->count; i++)
		free(names[i]);
	free(names);
	if (status != STORE_OK || !safe) {
		/* the caller's rollback brings back any dropped */
		totals_off_free(off);
		return status;
	}
	s->totals_off = off;
	return STORE_OK;
}

bool store_totals_suspended(const struct store *s)
{
	return s->totals_off != NULL;
}

enum store_status store_totals_add(struct store *s, int sign, long long first,
				   long long last)
{
	enum store_status status = STORE_OK;
	for (size_t i = 0; status == STORE_OK && i < ARRAY_LEN(store_totals);
	     i++)
		status = store_run_once(s, store_totals[i].add_sql,
					"cannot count the running totals",
					"iII", sign, first, last);
	return status;
}

enum store_status store_totals_resume(struct store *s)
{
	struct store_totals_off *off = s->totals_off;
	if (off == NULL)
		return STORE_OK;
	s->totals_off = NULL;
	long long last = 0;
	enum store_status status =
	    store_query_int(s, "SELECT max(id) FROM response",
			    "cannot count the running totals", &last);
	if (status == STORE_OK && last > off->before)
		status = store_totals_add(s, 1, off->before + 1, last);
	for (int i = 0; status == STORE_OK && i < off->count; i++)
		status = store_exec(s, off->sql[i],
				    "cannot bring back the running totals' "
				    "triggers");
	totals_off_free(off);
	return status;
}

void store_totals_forget(struct store *s)
{
	totals_off_free(s->totals_off);
	s->totals_off = NULL;
}
