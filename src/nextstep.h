/* SPDX-License-Identifier: MIT */
/* What to do next in each department: the questionnaire's [action.ID]
 * rules evaluated against a report. An action applies to a department
 * when every condition of its `when` holds for the department's measured
 * values (compared as shown: to one decimal); at most NEXTSTEP_MAX apply,
 * by priority and then in the order of the file, each with its finding
 * written from the template with the measured numbers ("4 of 6 champions
 * work alone").
 *
 * Privacy: a department the report hides (under the minimum group size,
 * or withheld) gets no actions: it is "too few to say". A rule with a
 * track reads the department's people on that track, which the report
 * hides the same way; a condition on a hidden group, on a share with
 * nobody to count, or on overestimate without a paired leaders' round
 * (report_build_paired) does not hold.
 *
 * Pure: a report in, plain structs out. */
#ifndef AIMAP_NEXTSTEP_H
#define AIMAP_NEXTSTEP_H

#include <stdbool.h>
#include <stddef.h>

#include "questionnaire.h"
#include "report.h"

#define NEXTSTEP_MAX 3
#define NEXTSTEP_FINDING 320

/* What one condition reads in one group. */
struct nextstep_value {
	bool known;	 /* false: nothing to measure; the condition fails */
	double value;	 /* the share in %, the mean, or the gap in points */
	int count, of;	 /* a share: count of of; a mean: of scored it */
	double se;	 /* a mean's standard error */
	double estimate; /* overestimate: the leaders' mean estimate, % */
	double actual;	 /* overestimate: the team's share of champions */
};

struct nextstep {
	const struct qn_action_rule *rule; /* the questionnaire's */
	struct nextstep_value value;	   /* of the rule's first condition */
	char finding[NEXTSTEP_FINDING];
};

struct nextstep_department {
	const char *department; /* the report's label */
	bool too_few;		/* hidden: no actions */
	struct nextstep steps[NEXTSTEP_MAX];
	int nsteps;
};

/* The index of the department labelled label in r->departments (without
 * regard to ASCII case), or -1. */
int nextstep_find_department(const struct report *r, const char *label);

/* What condition c of rule reads in department d of r. */
void nextstep_measure(const struct report *r, const struct qn_action_rule *rule,
		      const struct qn_action_condition *c, int d,
		      struct nextstep_value *out);

/* The actions for department d of r. */
void nextstep_department(const struct report *r, int d,
			 struct nextstep_department *out);

/* A rule's finding template filled with v, for department. Like
 * snprintf. */
size_t nextstep_finding(const struct qn_action_rule *rule,
			const struct nextstep_value *v, const char *department,
			char *buf, size_t size);

/* The value as the finding shows it: "66.7%" for a share, "41.5" for a
 * mean, "+20.0 points" for overestimate; "-" when not known. */
size_t nextstep_value_text(const struct qn_action_condition *c,
			   const struct nextstep_value *v, char *buf,
			   size_t size);

/* Whether before and now differ beyond noise at 90% (stats.h): shares
 * by Newcombe's interval, means by their standard errors. False when
 * either is not known, and for overestimate (one round's leaders). */
bool nextstep_changed(const struct qn_action_condition *c,
		      const struct nextstep_value *before,
		      const struct nextstep_value *now);

/* What a rule's first condition reads, in words: "champions who work
 * alone", "Guardrails (citizen builders)". */
size_t nextstep_measure_words(const struct questionnaire *q,
			      const struct qn_action_rule *rule, char *buf,
			      size_t size);

/* An action recorded for a department of an earlier round, beside the
 * change in what its rule measures: its rule's first condition read in
 * the same department of the earlier round (before, with that round's
 * questionnaire) and of this one (now). */
struct nextstep_followup {
	const struct store_action *action;
	const struct qn_action_rule *rule; /* now's; NULL: no rule to follow */
	struct nextstep_value before, now;
	bool clear; /* nextstep_changed */
};

void nextstep_follow(const struct report *before, const struct report *now,
		     const struct store_action *a,
		     struct nextstep_followup *out);
/* "clear change", "no clear change", "not measured in both rounds" or,
 * for overestimate, "not compared: one leaders' round". */
const char *nextstep_verdict(const struct nextstep_followup *f);

#endif
