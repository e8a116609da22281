/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "scoring.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats.h"
#include "util.h"

/* Scores are ratios of small integers; a tolerance keeps "exactly on the
 * threshold" on the right side whatever the floating-point rounding. */
#define SCORE_EPSILON 1e-9

static bool at_least(double score, int threshold)
{
	return score + SCORE_EPSILON >= (double)threshold;
}

static void score_dimensions(const struct questionnaire *q, const int *choices,
			     struct scoring_result *out)
{
	int got[QN_MAX_DIMENSIONS] = {0};
	int max[QN_MAX_DIMENSIONS] = {0};

	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		int c = choices[i];
		/* unanswered or not applicable: left out, not counted as 0 */
		if (!questionnaire_question_scored(qq) || c < 1 ||
		    c > qq->nchoices ||
		    (qq->choices[c - 1].score == QN_SCORE_NA))
			continue;
		got[qq->dimension] += qq->choices[c - 1].score;
		max[qq->dimension] += qq->max_score;
		out->answered[qq->dimension] = true;
	}
	for (int d = 0; d < q->ndimensions; d++) {
		if (out->answered[d] && max[d] > 0)
			out->dimension[d] = 100.0 * got[d] / max[d];
	}
}

static void score_adoption(const struct questionnaire *q,
			   struct scoring_result *out)
{
	double sum = 0;
	int weights = 0;
	for (int d = 0; d < q->ndimensions; d++) {
		const struct qn_dimension *dim = &q->dimensions[d];
		if (dim->role != DIMROLE_ADOPTION || !out->answered[d])
			continue;
		sum += dim->weight * out->dimension[d];
		weights += dim->weight;
	}
	out->classified = weights > 0;
	out->adoption = weights > 0 ? sum / weights : 0;
}

/* The sub-type splits a segment on one dimension, when it was answered. */
static enum subtype split_on(const struct scoring_result *out, int dimension,
			     int threshold, enum subtype high, enum subtype low)
{
	if (dimension < 0 || !out->answered[dimension])
		return SUBTYPE_NONE;
	return at_least(out->dimension[dimension], threshold) ? high : low;
}

/* Below the willing threshold, someone who has started and wants to go
 * further is in the willing middle: readiness to move is what sets it
 * apart from the cautious third. */
static bool willing_by_intent(const struct questionnaire *q,
			      const struct scoring_result *out)
{
	const struct qn_rules *rules = &q->rules;
	int d = rules->intent_dimension;
	return d >= 0 && q->dimensions[d].role == DIMROLE_INTENT &&
	       out->answered[d] && at_least(out->adoption, rules->started) &&
	       at_least(out->dimension[d], rules->intent);
}

bool scoring_willing_by_intent(const struct questionnaire *q,
			       const struct scoring_result *r)
{
	return r->segment == SEGMENT_WILLING &&
	       !at_least(r->adoption, q->rules.willing) &&
	       willing_by_intent(q, r);
}

void scoring_classify(const struct questionnaire *q,
		      const struct scoring_input *in,
		      struct scoring_result *out)
{
	const struct qn_rules *rules = &q->rules;

	memset(out, 0, sizeof(*out));
	score_dimensions(q, in->choices, out);
	score_adoption(q, out);
	if (!out->classified) {
		out->segment = SEGMENT_NONE;
		out->subtype = SUBTYPE_NONE;
		return;
	}
	if (at_least(out->adoption, rules->champion)) {
		out->segment = SEGMENT_CHAMPION;
		out->subtype =
		    split_on(out, rules->sharing_dimension, rules->shares,
			     SUBTYPE_SHARING, SUBTYPE_ALONE);
	} else if (at_least(out->adoption, rules->willing) ||
		   willing_by_intent(q, out)) {
		out->segment = SEGMENT_WILLING;
		out->subtype = SUBTYPE_NONE;
	} else {
		out->segment = SEGMENT_CAUTIOUS;
		out->subtype =
		    split_on(out, rules->attitude_dimension, rules->skeptic,
			     SUBTYPE_SKEPTIC, SUBTYPE_NOT_STARTED);
	}
}

/* A score as people read it, by the one rounding rule (stats_round): one
 * decimal, halves away from zero, as the exports write it. Beside a
 * threshold, callers say met or not in words, not by the figure. */
void scoring_format_score(double score, char out[16])
{
	double shown = stats_round(score, 1);
	if (fabs(shown - round(shown)) < SCORE_EPSILON)
		snprintf(out, 16, "%.0f", shown);
	else
		snprintf(out, 16, "%.1f", shown);
}

static void explain_adoption(const struct questionnaire *q,
			     const struct scoring_result *r,
			     struct util_text *t)
{
	char s[16];
	scoring_format_score(r->adoption, s);
	util_text_printf(t, "Adoption depth %s, the weighted mean of:", s);
	const char *sep = " ";
	for (int d = 0; d < q->ndimensions; d++) {
		const struct qn_dimension *dim = &q->dimensions[d];
		if (dim->role != DIMROLE_ADOPTION || !r->answered[d])
			continue;
		scoring_format_score(r->dimension[d], s);
		util_text_printf(t, "%s%s %s (weight %d)", sep, dim->label, s,
				 dim->weight);
		sep = ", ";
	}
	util_text_printf(t, ".\n");
}

/* The willing middle reached through intent, and why the cautious third
 * was not. */
static void explain_intent(const struct questionnaire *q,
			   const struct scoring_result *r, struct util_text *t)
{
	const struct qn_rules *rules = &q->rules;
	int d = rules->intent_dimension;
	char s[16], i[16];
	scoring_format_score(r->adoption, s);
	if (d < 0 || q->dimensions[d].role != DIMROLE_INTENT || !r->answered[d])
		return;
	scoring_format_score(r->dimension[d], i);
	if (r->segment == SEGMENT_WILLING)
		util_text_printf(t,
				 "%s is below the willing threshold %d, but at "
				 "or above %d (started), and %s %s is at or "
				 "above %d: willing middle.\n",
				 s, rules->willing, rules->started,
				 q->dimensions[d].label, i, rules->intent);
	else if (r->segment == SEGMENT_CAUTIOUS &&
		 at_least(r->adoption, rules->started))
		util_text_printf(t,
				 "%s %s is below %d, so intent does not "
				 "make up for it.\n",
				 q->dimensions[d].label, i, rules->intent);
}

static void explain_segment(const struct questionnaire *q,
			    const struct scoring_result *r, struct util_text *t)
{
	const struct qn_rules *rules = &q->rules;
	char s[16];
	scoring_format_score(r->adoption, s);
	if (scoring_willing_by_intent(q, r)) {
		explain_intent(q, r, t);
		return;
	}
	switch (r->segment) {
	case SEGMENT_CHAMPION:
		util_text_printf(t,
				 "%s is at or above the champion threshold %d: "
				 "champion.\n",
				 s, rules->champion);
		break;
	case SEGMENT_WILLING:
		util_text_printf(
		    t,
		    "%s is below the champion threshold %d and at or "
		    "above the willing threshold %d: willing middle.\n",
		    s, rules->champion, rules->willing);
		break;
	default:
		util_text_printf(
		    t,
		    "%s is below the willing threshold %d: cautious "
		    "third.\n",
		    s, rules->willing);
		explain_intent(q, r, t);
		break;
	}
}

int scoring_near_line(const struct qn_rules *rules, double adoption)
{
	double to_champion = fabs(adoption - rules->champion);
	double to_willing = fabs(adoption - rules->willing);
	double near = SCORING_NEAR_LINE + SCORE_EPSILON;
	if (to_champion <= near && to_champion <= to_willing)
		return rules->champion;
	if (to_willing <= near)
		return rules->willing;
	return -1;
}

/* A segment a few answers from the next one is said to be near the line,
 * so nobody reads 68 as settled "willing" beside a threshold of 70. */
static void explain_near(const struct qn_rules *rules,
			 const struct scoring_result *r, struct util_text *t)
{
	int line = scoring_near_line(rules, r->adoption);
	if (line < 0)
		return;
	char s[16];
	scoring_format_score(r->adoption, s);
	util_text_printf(t,
			 "Near the line: %s is within %d points of the %s "
			 "threshold %d; a few answers could change the "
			 "segment.\n",
			 s, SCORING_NEAR_LINE,
			 line == rules->champion ? "champion" : "willing",
			 line);
}

static void explain_split(const struct questionnaire *q,
			  const struct scoring_result *r, int dimension,
			  int threshold, struct util_text *t)
{
	if (dimension < 0)
		return;
	const struct qn_dimension *dim = &q->dimensions[dimension];
	if (!r->answered[dimension]) {
		util_text_printf(t,
				 "%s was not answered, so the sub-type is not "
				 "known.\n",
				 dim->label);
		return;
	}
	char s[16];
	scoring_format_score(r->dimension[dimension], s);
	bool high = at_least(r->dimension[dimension], threshold);
	util_text_printf(t, "%s %s is %s %d: %s.\n", dim->label, s,
			 high ? "at or above" : "below", threshold,
			 subtype_label(r->subtype));
}

size_t scoring_explain(const struct questionnaire *q,
		       const struct scoring_result *r, char *buf, size_t size)
{
	struct util_text t;
	util_text_init(&t, buf, size);
	if (!r->classified) {
		util_text_printf(&t,
				 "No question about adoption was answered, so "
				 "there is nothing to classify.\n");
		return t.len;
	}
	explain_adoption(q, r, &t);
	explain_segment(q, r, &t);
	explain_near(&q->rules, r, &t);
	if (r->segment == SEGMENT_CHAMPION)
		explain_split(q, r, q->rules.sharing_dimension, q->rules.shares,
			      &t);
	else if (r->segment == SEGMENT_CAUTIOUS)
		explain_split(q, r, q->rules.attitude_dimension,
			      q->rules.skeptic, &t);
	return t.len;
}

bool scoring_is_low(const struct questionnaire *q,
		    const struct scoring_result *r, int d)
{
	const struct qn_dimension *dim = &q->dimensions[d];
	int line =
	    dim->advice != NULL ? dim->advice_below : SCORING_LOW_DEFAULT;
	return r->answered[d] && !at_least(r->dimension[d], line);
}

bool scoring_needs_advice(const struct questionnaire *q,
			  const struct scoring_result *r, int d)
{
	const struct qn_dimension *dim = &q->dimensions[d];
	return dim->advice != NULL && r->answered[d] &&
	       !at_least(r->dimension[d], dim->advice_below);
}
