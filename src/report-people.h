/* SPDX-License-Identifier: MIT */
/* Who moved between two rounds: the people of each round (its finished
 * responses, read by store_report_people) matched one to one, first by
 * the same respondent row in both rounds (a person who answered again as
 * that respondent, named or not), then among the rest by name and
 * department (ASCII case folded as SQLite's lower() does), each by their
 * latest finished response in each round. The rest, without a name, are
 * not followed. Linear in the two rounds' responses (hash tables). One
 * round's side can be kept while the other is read again (the
 * dashboard's report cache keeps a closed baseline's). */
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

/* What the matching counts. */
struct people_counts {
	/* people by their segment in the other round and in this one */
	int moved[SEGMENT_COUNT][SEGMENT_COUNT];
	int both;	  /* people in both rounds */
	int only_this;	  /* named people in this round only */
	int only_other;	  /* named people in the other round only */
	int anonymous[2]; /* finished responses without a name and not
			     followed by their respondent: in this round,
			     in the other */
};

/* Match now against before: the counts in *t, and each person in both
 * to move (may be NULL). */
void people_match(const struct people *now, const struct people *before,
		  struct people_counts *t, people_move_fn move, void *ctx);

#endif
