/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "testutil.h"

#include <unistd.h>

#include "fixture.h"
#include "diag.h"
#include "scoring.h"
#include "store-internal.h"
#include "submission.h"

struct store *fixture_store_open(const char *path)
{
	enum store_status st = STORE_ERR_IO;
	char *msg = NULL;
	struct store *s = store_open(path, &st, &msg);
	if (s == NULL)
		fail_msg("store_open(%s): %d %s", path, st, msg);
	assert_int_equal(st, STORE_OK);
	assert_null(msg);
	return s;
}

struct questionnaire *fixture_parse(const char *text)
{
	struct diag d;
	diag_init(&d, "t.ini");
	struct questionnaire *out =
	    questionnaire_parse("t.ini", text, strlen(text), &d);
	if (out == NULL)
		diag_print(&d, stdout);
	assert_non_null(out);
	diag_free(&d);
	return out;
}

long long fixture_questionnaire_save(struct store *s,
				     const struct questionnaire *q)
{
	long long id = -1;
	if (store_questionnaire_save(s, q, &id) != STORE_OK)
		fail_msg("%s", store_error(s));
	assert_true(id > 0);
	return id;
}

void fixture_round_make(struct store *s, const char *code, const char *name,
			const struct questionnaire *q, char *const *depts,
			int ndepts, struct store_round *out)
{
	long long id = fixture_questionnaire_save(s, q);
	if (store_round_create(s, name, code, id, depts, ndepts, out) !=
	    STORE_OK)
		fail_msg("%s", store_error(s));
}

void fixture_set_choice(const struct questionnaire *q, int *choices,
			const char *id, int choice)
{
	int i = questionnaire_find_question(q, id);
	if (i >= 0)
		choices[i] = choice;
}

void fixture_set_estimate(const struct questionnaire *q, int (*estimates)[3],
			  const char *id, const int pct[3])
{
	int i = questionnaire_find_question(q, id);
	if (i >= 0)
		memcpy(estimates[i], pct, sizeof(estimates[i]));
}

void fixture_submit(struct store *s, const struct store_round *round,
		    const struct questionnaire *q,
		    const struct store_profile *p,
		    const struct fixture_answer *answers)
{
	int choices[QN_MAX_QUESTIONS] = {0};
	int estimates[QN_MAX_QUESTIONS][3];
	memset(estimates, 0, sizeof(estimates));
	for (const struct fixture_answer *a = answers; a->question; a++) {
		fixture_set_choice(q, choices, a->question, a->choice);
		if (a->pct != NULL)
			fixture_set_estimate(q, estimates, a->question, a->pct);
	}
	struct submission sub = {
	    .name = (char *)p->name,
	    .department = (char *)p->department,
	    .role = p->role,
	    .track = p->track,
	    .champion_contact = p->champion_contact,
	    .choices = choices,
	    .estimates = estimates,
	    .nquestions = q->nquestions,
	};
	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){choices}, &result);
	char uuid[37];
	if (store_response_submit(s, round, q, &sub, &result, uuid) != STORE_OK)
		fail_msg("%s", store_error(s));
}

sqlite3 *fixture_raw_open(const char *path)
{
	sqlite3 *h = NULL;
	assert_int_equal(
	    sqlite3_open_v2(path, &h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_busy_timeout(h, 5000), SQLITE_OK);
	return h;
}

void fixture_raw_close(sqlite3 *h)
{
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

void fixture_raw_exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

void fixture_undo_migration_8(sqlite3 *h)
{
	/* migration 10's triggers name response's columns */
	fixture_raw_exec(h, "DROP TRIGGER people_respondent_changed;"
			    "DROP TRIGGER people_response_changed;"
			    "DROP TRIGGER people_response_deleted;"
			    "DROP TABLE people_edits;");
	fixture_raw_exec(h, "DROP INDEX response_people;"
			    "DROP INDEX response_champion;"
			    "DROP TRIGGER response_adoption_update;"
			    "DROP TRIGGER response_insert;"
			    "DROP TRIGGER response_delete;"
			    "DROP TRIGGER response_totals_update;"
			    "DROP TRIGGER response_score_insert;"
			    "DROP TRIGGER response_score_delete;"
			    "DROP TRIGGER response_score_update;"
			    "DROP TABLE round_adoption;"
			    "ALTER TABLE round_score DROP COLUMN squares;");
	/* migration 1's triggers and champions' index, as it makes them */
	sqlite3 *v1;
	assert_int_equal(sqlite3_open(":memory:", &v1), SQLITE_OK);
	fixture_raw_exec(v1, store_schema_migration(0));
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(v1,
			       "SELECT sql FROM sqlite_master WHERE name IN"
			       " ('response_champion', 'response_insert',"
			       " 'response_delete', 'response_totals_update',"
			       " 'response_score_insert',"
			       " 'response_score_delete',"
			       " 'response_score_update')",
			       -1, &st, NULL),
	    SQLITE_OK);
	int made = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		fixture_raw_exec(h, (const char *)sqlite3_column_text(st, 0));
		made++;
	}
	assert_int_equal(made, 7);
	sqlite3_finalize(st);
	sqlite3_close(v1);
	fixture_raw_exec(h, "PRAGMA user_version = 7");
}

void fixture_assert_recount(const char *path, const char *when)
{
	size_t len;
	char *sql = util_read_file(
	    AIMAP_ABS_SRCDIR "/tests/bench/sql/recount.sql", &len);
	assert_non_null(sql);
	sqlite3 *h = fixture_raw_open(path);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, (int)len, &st, NULL) != SQLITE_OK)
		fail_msg("recount.sql: %s", sqlite3_errmsg(h));
	int rows = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		if (sqlite3_column_int(st, 1) != 0)
			fail_msg("after %s: %d rows of %s differ from a "
				 "recount",
				 when, sqlite3_column_int(st, 1),
				 (const char *)sqlite3_column_text(st, 0));
	}
	assert_int_equal(rc, SQLITE_DONE);
	assert_int_equal(rows, 5);
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
	free(sql);
}

char *fixture_triggers(const char *path)
{
	sqlite3 *h = fixture_raw_open(path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT name || '|' || sql"
					    " FROM sqlite_schema"
					    " WHERE type = 'trigger'"
					    " ORDER BY name",
					    -1, &st, NULL),
			 SQLITE_OK);
	char *out = xstrdup("");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *next = xasprintf(
		    "%s%s\n", out, (const char *)sqlite3_column_text(st, 0));
		free(out);
		out = next;
	}
	assert_int_equal(rc, SQLITE_DONE);
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
	return out;
}

int fixture_bulk_cache_kib(void)
{
	long long kib = (long long)sysconf(_SC_PHYS_PAGES) / 4 *
			(sysconf(_SC_PAGESIZE) / 1024);
	return (int)(kib > 524288 ? 524288 : kib < 131072 ? 131072 : kib);
}
