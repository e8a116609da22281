/* SPDX-License-Identifier: MIT */
/* The minimum group size applied to outputs with one row per person
 * (export responses): which of a row's department, role and track may be
 * shown. Pure: the caller brings the counts.
 *
 * A row's group is its exact (department, role, track). Each group gets
 * a level: all three shown, the track withheld, only the department
 * shown, or none of them. The rule, applied until nothing changes:
 *
 *  1. Every combination a reader sees (the shown fields, the withheld
 *     ones written empty) is shared by at least min_group rows or by
 *     none: a smaller one is withheld one level further; at the last
 *     level the smallest shown class joins it (complementary
 *     suppression).
 *  2. For every department, role, track and department's leaders, the
 *     rows that belong to it but do not show it number 0 or at least
 *     min_group: otherwise a group total from the summary, less the rows
 *     that show it, would give one person's scores. The smallest class
 *     still showing it is withheld one more level.
 *
 * Levels only go down, so the rule ends; when the rows in all are fewer
 * than min_group everything is withheld and the caller writes no rows. */
#ifndef AIMAP_PRIVACY_H
#define AIMAP_PRIVACY_H

#include <stdbool.h>

#include "profile.h"

enum privacy_level {
	PRIVACY_NONE,	    /* department, role and track withheld */
	PRIVACY_DEPARTMENT, /* the department only */
	PRIVACY_NO_TRACK,   /* department and role */
	PRIVACY_ALL,	    /* department, role and track */
};

struct privacy_group {
	const char *department; /* compared without regard to ASCII case */
	enum role role;
	enum track track;
	int count;
	enum privacy_level level; /* set by privacy_generalise */
};

/* Set every group's level by the rule above. */
void privacy_generalise(struct privacy_group *groups, int n, int min_group);
/* The group of a row, NULL when the row's group is not in the table (it
 * was stored after the counts were read: the caller withholds it all). */
const struct privacy_group *privacy_find(const struct privacy_group *groups,
					 int n, const char *department,
					 enum role role, enum track track);
/* True when the rows in all are fewer than min_group: nothing may be
 * written. */
bool privacy_too_few(const struct privacy_group *groups, int n, int min_group);

/* ---- complementary suppression ----------------------------------------
 * Parts that add up to a whole shown on its own (the departments of a
 * round, or the people of each department who took both of two rounds):
 * were the hidden parts between 1 and min_group - 1 in all, the whole
 * less the parts shown would give their figures. So the smallest part
 * shown (of more than nobody) is hidden too, until the hidden hold none
 * or at least min_group. count[i] is part i's people, hidden[i] whether
 * it is hidden (in and out). False when the hidden are still too few with
 * nothing left to hide: the caller hides the whole. */
bool privacy_complement(const int *count, bool *hidden, int n, int min_group);

/* ---- across two rounds ------------------------------------------------
 * A group's figures in two rounds and who of it moved between them (the
 * people in both rounds, by their group in the later round). Its segment
 * counts now less the moves' "to" counts are the segments of the people
 * who joined it; its counts before less the moves' "from" counts those
 * of the people who left it. So a group's moves may be shown only when
 * the people who joined and who left number 0 or at least min_group
 * (counted among all its completed responses, and among the classified
 * ones, which the segment counts are of). */
struct privacy_turnover {
	int people_before, people_now; /* completed responses */
	int classified_before, classified_now;
	/* the people in both rounds: all of them, those classified in the
	 * earlier round, those classified in this one */
	int both, both_classified_before, both_classified_now;
};

/* True when the moves would single out fewer than min_group people who
 * joined or left the group. */
bool privacy_turnover_exposed(const struct privacy_turnover *t, int min_group);

#endif
