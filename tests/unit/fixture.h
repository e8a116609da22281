/* SPDX-License-Identifier: MIT */
/* Fixtures shared by the unit tests of the store and of what reads it
 * (reports, exports): a database, questionnaires, rounds and responses
 * made the way aimap makes them, and plain SQLite on the same file to
 * read back, or damage, what the store wrote. Every function fails the
 * running test on any error, so a test reads as its story. */
#ifndef AIMAP_FIXTURE_H
#define AIMAP_FIXTURE_H

#include <sqlite3.h>

#include "questionnaire.h"
#include "store.h"

/* Open (or create) the database at path. */
struct store *fixture_store_open(const char *path);
/* A questionnaire from its text; the diagnostics go to stdout. */
struct questionnaire *fixture_parse(const char *text);
/* Store q and give its row id. */
long long fixture_questionnaire_save(struct store *s,
				     const struct questionnaire *q);
/* Store q and make a round of it. */
void fixture_round_make(struct store *s, const char *code, const char *name,
			const struct questionnaire *q, char *const *depts,
			int ndepts, struct store_round *out);

/* Set the answer to question id where q has that question, so that one
 * list of answers serves several versions of a questionnaire. */
void fixture_set_choice(const struct questionnaire *q, int *choices,
			const char *id, int choice);
void fixture_set_estimate(const struct questionnaire *q, int (*estimates)[3],
			  const char *id, const int pct[3]);
/* One answer by question id: a choice (0: none), or the percentages of
 * an estimate (NULL or all 0: none). */
struct fixture_answer {
	const char *question;
	int choice;
	const int *pct;
};
/* One finished response with these answers (up to one whose question
 * is NULL; ids q lacks are left out), classified and scored as aimap
 * does. */
void fixture_submit(struct store *s, const struct store_round *round,
		    const struct questionnaire *q,
		    const struct store_profile *p,
		    const struct fixture_answer *answers);

/* The database file through plain SQLite, beside the store's
 * connection (it waits for the store's locks). */
sqlite3 *fixture_raw_open(const char *path);
void fixture_raw_close(sqlite3 *h);
void fixture_raw_exec(sqlite3 *h, const char *sql);
/* Fail, saying after what (when), unless the running totals of the
 * database at path agree with a recount over its responses
 * (tests/bench/sql/recount.sql, as make bench checks them). */
void fixture_assert_recount(const char *path, const char *when);
/* The triggers of the database at path as "name|sql" lines by name,
 * malloc'd: what its running totals are kept by. */
char *fixture_triggers(const char *path);

#endif
