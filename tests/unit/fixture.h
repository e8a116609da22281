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

/* The tail every small questionnaire of the tests ends with: the
 * classification (champion at 70, willing at the threshold given) and
 * the guidance each segment needs (its text is never checked). A test's
 * text is its questions and rules followed by one of these. */
#define FIXTURE_GUIDANCE                                                       \
	"[guidance.champion]\nsummary = s\nstep1 = a\n"                        \
	"[guidance.willing]\nsummary = s\nstep1 = a\n"                         \
	"[guidance.cautious]\nsummary = s\nstep1 = a\n"
#define FIXTURE_TAIL(willing)                                                  \
	"[classification]\n"                                                   \
	"champion = 70\nwilling = " #willing "\n" FIXTURE_GUIDANCE
/* With a sharing dimension: sub-types at shares = 50, and their
 * guidance. */
#define FIXTURE_TAIL_SHARING                                                   \
	"[classification]\n"                                                   \
	"champion = 70\nwilling = 40\nshares = 50\n" FIXTURE_GUIDANCE          \
	"[guidance.sharing]\nsummary = s\nstep1 = a\n"                         \
	"[guidance.alone]\nsummary = s\nstep1 = a\n"

/* The questions of the export and import tests (import reads back what
 * export writes): Use and Sharing, a choice, a scale, a choice for the
 * technical track and an estimate, then FIXTURE_TAIL_SHARING. */
#define FIXTURE_EXPORT_QUESTIONS                                               \
	"[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"          \
	"[dimension.share]\nlabel = Sharing\nweight = 1\nrole = sharing\n"     \
	"[question.often]\ntype = choice\ndimension = use\n"                   \
	"text = How often?\nchoice1 = Never\nscore1 = 0\n"                     \
	"choice2 = Weekly\nscore2 = 50\nchoice3 = Daily\nscore3 = 100\n"       \
	"[question.shown]\ntype = scale\ndimension = share\n"                  \
	"text = Shown others?\npoints = 3\nanchor1 = No\nanchor3 = Often\n"    \
	"[question.pipe]\ntype = choice\ndimension = use\n"                    \
	"track = technical\ntext = In the pipeline?\n"                         \
	"choice1 = No\nscore1 = 0\nchoice2 = Yes\nscore2 = 100\n"              \
	"[question.split]\ntype = estimate\n"                                  \
	"text = Your team?\n" FIXTURE_TAIL_SHARING

/* The questions of the report tests: 'use' (adoption: 0, 50, 100) and
 * 'share' (sharing: 0, 100), for dimensions of those ids. */
#define FIXTURE_USE_SHARE_QUESTIONS                                            \
	"[question.use]\ntype = choice\ndimension = use\n"                     \
	"text = How often do you use AI?\nchoice1 = Never\nscore1 = 0\n"       \
	"choice2 = Weekly\nscore2 = 50\nchoice3 = Daily\nscore3 = 100\n"       \
	"[question.share]\ntype = choice\ndimension = share\n"                 \
	"text = Do you show others?\nchoice1 = No\nscore1 = 0\n"               \
	"choice2 = Yes\nscore2 = 100\n"

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
/* Take h back to what migration 7 left (no running totals of squares
 * and adoption depths, migration 1's triggers and champions' index), for
 * a test that makes an older database out of a current one (migration
 * 10's count of people's changes goes too; migration 9's table stays);
 * it sets user_version 7. */
void fixture_undo_migration_8(sqlite3 *h);
/* Fail, saying after what (when), unless the running totals of the
 * database at path agree with a recount over its responses
 * (tests/bench/sql/recount.sql, as make bench checks them). */
void fixture_assert_recount(const char *path, const char *when);
/* The triggers of the database at path as "name|sql" lines by name,
 * malloc'd: what its running totals are kept by. */
char *fixture_triggers(const char *path);
/* The page cache, in KiB, that an import, a merge or a batch of
 * responses should widen the database's to (store-room.c's rule, worked
 * out here on its own from the machine's memory): a quarter of it,
 * between 128 and 512 MiB. */
int fixture_bulk_cache_kib(void);

#endif
