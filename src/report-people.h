/* SPDX-License-Identifier: MIT */
/* Who moved between two rounds: the people of each round (its finished
 * responses, read by store_report_people) matched one to one, first by
 * the same respondent row in both rounds (a person who answered again as
 * that respondent, named or not), then among the rest by name and
 * department (ASCII case folded as SQLite's lower() does), each by their
 * latest finished response in each round. The rest, without a name, are
 * not followed. Linear in the two rounds' responses: the linking by
 * respondent walks both rounds in respondent order, the names go through
 * hash tables. One round's side can be kept while the other is read
 * again (the dashboard's report cache keeps a closed baseline's). */
#ifndef AIMAP_REPORT_PEOPLE_H
#define AIMAP_REPORT_PEOPLE_H

#include <stdbool.h>

#include "store.h"

struct people;
struct people_matching;

/* A round's people, or NULL with *status (store_error says why). */
struct people *people_read(struct store *s, long long round_id,
			   enum store_status *status);

/* Add to p, read of round_id before, the responses finished there since
 * (those at p's latest finish time that p has are not read twice):
 * *added of them. Only right while nothing else changed in the round
 * (store_people_edits the same, and the round's count of finished
 * responses then people_count(p)). Leaves p out of respondent order. */
enum store_status people_read_more(struct store *s, long long round_id,
				   struct people *p, size_t *added);

/* A round's people read by a thread of its own, on a connection of its
 * own, while the caller goes on reading on s (a comparison reads two
 * rounds' people: two cores read them at once). NULL when it cannot
 * start: the caller reads them itself. */
struct people_ahead;
struct people_ahead *people_ahead_start(struct store *s, long long round_id);
/* Give the thread the caller's own round's people (read whole, not
 * changed until taken) to match with those it read (people_match), while
 * the caller goes on; NULL: nothing to match. */
void people_ahead_match(struct people_ahead *a, struct people *now);
/* Wait for the people read ahead, and give them if the database was
 * then as the caller's own read sees it: the same count of people's
 * changes (edits, from store_people_edits) and as many people as the
 * round's finished responses (finished). Else NULL: the caller reads
 * them itself. *matching (may be NULL): their match with the people
 * given by people_ahead_match, or NULL. Frees a. */
struct people *people_ahead_take(struct people_ahead *a, long long edits,
				 size_t finished,
				 struct people_matching **matching);

/* How many people p holds */
size_t people_count(const struct people *p);

/* Whether one of kept's respondents (another round's people, read
 * earlier) is in now under another name: kept must then be read again,
 * as its names are those of when it was read. Puts both in respondent
 * order. */
bool people_renamed(struct people *now, struct people *kept);

/* A champion of a round: name and department as the round's people
 * have them (valid while they are) */
struct people_champion {
	const char *name;
	const char *department;
	bool alone; /* works alone (else shares what they learn) */
};

/* The champions of p's round (p: its people) who agreed to be contacts
 * and gave a name, each by their latest finished response there (the
 * same name and department, case folded as the matching does: a person
 * who answered again counts once, as they are now): *out (malloc'd) and
 * *count, in the people's order. Linear in the round. */
enum store_status people_champions(struct store *s, long long round_id,
				   const struct people *p,
				   struct people_champion **out, size_t *count);

void people_free(struct people *p);

/* Where a person is in one round: their group of each kind. */
struct people_place {
	const char *department; /* the same pointer for the same department
				   of one round's people */
	enum role role;
	enum track track;
};

/* Called for each kind of move between the rounds: where count people
 * were and are, and their segments before and now. */
typedef void (*people_move_fn)(void *ctx, const struct people_place *was,
			       const struct people_place *is, enum segment from,
			       enum segment to, int count);

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

/* Two rounds' people matched: the counts, and the people in both rounds
 * counted by where they were and are and by their segments (a few
 * thousand kinds of move for millions of people), so that a report can
 * be summed again by another kind of group without matching again.
 * Valid while both rounds' people are. */
/* Match now against before (both put in respondent order first). */
struct people_matching *people_match(struct people *now, struct people *before);
/* Match the people added to now since (people_read_more) too; false
 * when they cannot be added to the match this way (one of them is a
 * respondent of before's): match again. */
bool people_match_more(struct people_matching *m);
/* Whether m matches these two */
bool people_match_is(const struct people_matching *m, const struct people *now,
		     const struct people *before);
const struct people_counts *
people_match_counts(const struct people_matching *m);
/* Each kind of move, with how many people made it */
void people_match_each(const struct people_matching *m, people_move_fn move,
		       void *ctx);
void people_match_free(struct people_matching *m);

#endif
