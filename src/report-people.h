/* SPDX-License-Identifier: MIT */
/* The people of a round for a comparison, matched in memory as
 * store_report_transitions and store_report_moves match them: first the
 * same respondent row in both rounds, named or not, then the rest by
 * name and department (ASCII case folded as SQLite's lower() does), each
 * by their latest finished response. One round's side can be kept while
 * the other is read again (the dashboard keeps a closed baseline's). */
#ifndef AIMAP_REPORT_PEOPLE_H
#define AIMAP_REPORT_PEOPLE_H

#include <stdbool.h>

#include "store.h"

struct people;

/* A round's people, or NULL with *status (store_error says why). With
 * kept (another round's people, or NULL), *renamed tells whether one of
 * kept's respondents answered this round under another name since kept
 * was read: kept must then be read again. */
struct people *people_read(struct store *s, long long round_id,
			   const struct people *kept, bool *renamed,
			   enum store_status *status);
void people_free(struct people *p);

/* Where a person is in one round: their group of each kind. */
struct people_place {
	const char *department;
	enum role role;
	enum track track;
};

/* Called for each person in both rounds: where they were and are, and
 * their segments before and now. */
typedef void (*people_move_fn)(void *ctx, const struct people_place *was,
			       const struct people_place *is, enum segment from,
			       enum segment to);

/* Match now against before: *t as store_report_transitions gives it,
 * and each person in both to move (may be NULL). */
void people_match(const struct people *now, const struct people *before,
		  struct store_transitions *t, people_move_fn move, void *ctx);

#endif
