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

#endif
