/* SPDX-License-Identifier: MIT */
/* A synthetic organisation, for trying the dashboard without a real round
 * and for benchmarks: respondents drawn from persona answer files with
 * noise, in departments that are ahead or behind as real ones are, and a
 * second round some weeks later in which some people moved on. Pure: the
 * caller stores what is made. */
#ifndef AIMAP_DEMO_H
#define AIMAP_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "questionnaire.h"
#include "submission.h"

struct demo_persona {
	struct submission answers;
	enum segment expected; /* from the persona's [persona] section */
	double level;	       /* mean answer, 0 (lowest) .. 1 (highest) */
};

struct demo_department {
	const char *name;
	double maturity; /* 0..1: how far along the department is */
	int weight;	 /* relative headcount */
};

/* A small, seeded random source, so a seed always gives the same org. */
struct demo_rng {
	uint64_t state;
};

void demo_rng_seed(struct demo_rng *rng, uint64_t seed);
double demo_rng_unit(struct demo_rng *rng); /* [0, 1) */

/* The departments of the synthetic organisation. */
const struct demo_department *demo_departments(int *count);

/* Respondent i of the organisation: a department, a role, a track, and
 * answers from a persona that fits the department's maturity, with noise.
 * step (0 for the first round) moves people on: each later round, some
 * people answer like a persona one segment further along. out is filled
 * and must be freed with submission_free. */
void demo_respondent(const struct questionnaire *q,
		     const struct demo_persona *personas, int npersonas, int i,
		     int step, struct demo_rng *rng, struct submission *out);
/* When each answer of sub was given, for aimap analyze to read: the
 * questions in order, each taking the time of reading it (240 words a
 * minute) and weighing its choices, times a person's pace and some
 * noise, ending at end ("YYYY-MM-DDTHH:MM:SSZ"). started_at gets the
 * start; answered_at[i] stays "" for a question without an answer. Its
 * own generator (seed) leaves the answers' random stream alone. */
void demo_pace(const struct questionnaire *q, const double *base,
	       const struct submission *sub, uint64_t seed, const char *end,
	       char started_at[21], char (*answered_at)[21]);
/* What demo_pace reads as base: each question's seconds at an even pace,
 * counted once per questionnaire (its words, its choices), not once per
 * person; malloc'd, q->nquestions of them. */
double *demo_pace_base(const struct questionnaire *q);

/* The personas of dir (its *.ini files, in the order the folder lists
 * them) written for q: their [persona] section names q's id and a
 * segment. Files for other questionnaires are left out quietly; a file
 * for q that does not parse is left out and its problems printed on
 * diag_out. *error is set (malloc'd, naming dir) when the folder cannot
 * be read (NULL returned) or no persona answers q; NULL otherwise. Free
 * with demo_free_personas, count entries. */
struct demo_persona *demo_load_personas(const char *dir,
					const struct questionnaire *q,
					FILE *diag_out, int *count,
					char **error);
void demo_free_personas(struct demo_persona *personas, int count);

#endif
