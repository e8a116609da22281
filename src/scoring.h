/* SPDX-License-Identifier: MIT */
/* Classification: answers plus a questionnaire give a score per dimension,
 * an adoption depth, a segment and a sub-type. Pure functions: no I/O, no
 * allocation, so every boundary is easy to pin in a unit test. */
#ifndef AIMAP_SCORING_H
#define AIMAP_SCORING_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "questionnaire.h"

/* What a respondent answered: for question i, choices[i] is the choice
 * number (1..nchoices) or 0 when unanswered. Estimates are not scored. */
struct scoring_input {
	const int *choices; /* length q->nquestions */
};

struct scoring_result {
	/* 0..100 per dimension; answered[d] is false when no question of
	 * that dimension was answered (the score is then meaningless). */
	double dimension[QN_MAX_DIMENSIONS];
	bool answered[QN_MAX_DIMENSIONS];
	bool classified; /* false when no adoption dimension was answered */
	double adoption; /* weighted mean of the adoption dimensions */
	enum segment segment;
	enum subtype subtype;
};

void scoring_classify(const struct questionnaire *q,
		      const struct scoring_input *in,
		      struct scoring_result *out);

/* True when the person is in the willing middle only because of their
 * intent (below the willing threshold, above started). */
bool scoring_willing_by_intent(const struct questionnaire *q,
			       const struct scoring_result *r);

/* How close to a segment threshold (champion or willing) an adoption
 * depth is "near the line": a few answers could move the person across,
 * so their segment is shown as not settled. In points, inclusive. */
#define SCORING_NEAR_LINE 5

/* The threshold of rules (champion or willing) that adoption is within
 * SCORING_NEAR_LINE points of, the nearer one when both; -1 when none. */
int scoring_near_line(const struct qn_rules *rules, double adoption);

/* Why a person got their segment, in plain words, one reason a line:
 * which scores against which thresholds. Writes at most size bytes
 * (always NUL-terminated) and returns the length it needed. */
size_t scoring_explain(const struct questionnaire *q,
		       const struct scoring_result *r, char *buf, size_t size);

/* True when dimension d was answered, has advice, and scored below the
 * advice's threshold: the questionnaire's next action for a weak spot. */
bool scoring_needs_advice(const struct questionnaire *q,
			  const struct scoring_result *r, int d);

/* Below this a dimension without advice counts as low: under half. */
#define SCORING_LOW_DEFAULT 50

/* True when dimension d was answered and scored low: below its advice's
 * threshold when it has advice, else below SCORING_LOW_DEFAULT. What
 * "where you scored low" lists, so that it agrees with the bars. */
bool scoring_is_low(const struct questionnaire *q,
		    const struct scoring_result *r, int d);

/* A score as people read it: truncated to one decimal ("69.9", "70"), so
 * it never shows as reaching a threshold it missed. */
void scoring_format_score(double score, char out[16]);

#endif
