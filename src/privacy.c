/* SPDX-License-Identifier: MIT */
/* The minimum group size for outputs with one row per person: see
 * privacy.h for the rule. The groups are few (departments x roles x
 * tracks), so plain loops over them are fast enough. */
#include "config.h"

#include <stdlib.h>
#include <strings.h>

#include "privacy.h"
#include "util.h"

static bool same_department(const struct privacy_group *a,
			    const struct privacy_group *b)
{
	return strcasecmp(a->department, b->department) == 0;
}

/* a and b would look alike at this level. */
static bool same_at(const struct privacy_group *a,
		    const struct privacy_group *b, enum privacy_level level)
{
	if (level >= PRIVACY_DEPARTMENT && !same_department(a, b))
		return false;
	if (level >= PRIVACY_NO_TRACK && a->role != b->role)
		return false;
	return level < PRIVACY_ALL || a->track == b->track;
}

/* Rows of a and b look alike to a reader. */
static bool same_class(const struct privacy_group *a,
		       const struct privacy_group *b)
{
	return a->level == b->level && same_at(a, b, a->level);
}

static void class_sizes(const struct privacy_group *g, int n, int *sizes)
{
	for (int i = 0; i < n; i++) {
		sizes[i] = 0;
		for (int j = 0; j < n; j++)
			if (same_class(&g[i], &g[j]))
				sizes[i] += g[j].count;
	}
}

/* Withhold the class of group i down to level (never up). */
static void demote(struct privacy_group *g, int n, int i,
		   enum privacy_level level)
{
	struct privacy_group model = g[i];
	for (int j = 0; j < n; j++)
		if (same_class(&model, &g[j]) && g[j].level > level)
			g[j].level = level;
}

/* A class i smaller than min goes one level down, into its parent (the
 * same department and role, say). While that parent would still be too
 * small, its largest part first: the smallest sibling class, still shown
 * in more detail, joins it instead (so the only executive of a
 * department takes the department's others to "department only", and
 * not everyone to "nothing"). */
static void demote_into_parent(struct privacy_group *g, int n, const int *sizes,
			       int min, int i)
{
	enum privacy_level up = g[i].level - 1;
	int parent = sizes[i], sibling = -1;
	for (int j = 0; j < n; j++) {
		if (g[j].count == 0 || !same_at(&g[i], &g[j], up))
			continue;
		if (g[j].level == up)
			parent += g[j].count;
		else if (g[j].level > up && !same_class(&g[i], &g[j]) &&
			 (sibling < 0 || sizes[j] < sizes[sibling]))
			sibling = j;
	}
	if (parent < min && sibling >= 0 && up > PRIVACY_NONE)
		demote(g, n, sibling, up);
	else
		demote(g, n, i, up);
}

/* Rule 1: every class seen is empty or at least min. */
static bool fix_classes(struct privacy_group *g, int n, const int *sizes,
			int min)
{
	for (int i = 0; i < n; i++) {
		if (g[i].count == 0 || sizes[i] >= min)
			continue;
		if (g[i].level > PRIVACY_NONE) {
			demote_into_parent(g, n, sizes, min, i);
			return true;
		}
		int j = -1;
		for (int k = 0; k < n; k++)
			if (g[k].count > 0 && g[k].level > PRIVACY_NONE &&
			    (j < 0 || sizes[k] < sizes[j]))
				j = k;
		if (j < 0)
			return false; /* everything is withheld already */
		demote(g, n, j, PRIVACY_NONE);
		return true;
	}
	return false;
}

/* The groups a summary shows a total of, each with the level below which
 * a row no longer shows that it belongs. */
enum attribute { ATTR_DEPARTMENT, ATTR_ROLE, ATTR_TRACK, ATTR_LEADERS };

static bool belongs(enum attribute a, const struct privacy_group *of,
		    const struct privacy_group *g)
{
	switch (a) {
	case ATTR_DEPARTMENT:
		return same_department(of, g);
	case ATTR_ROLE:
		return of->role == g->role;
	case ATTR_TRACK:
		return of->track == g->track;
	case ATTR_LEADERS:
		return same_department(of, g) &&
		       role_is_leader(of->role) == role_is_leader(g->role);
	}
	return false;
}

static enum privacy_level shown_from(enum attribute a)
{
	switch (a) {
	case ATTR_DEPARTMENT:
		return PRIVACY_DEPARTMENT;
	case ATTR_TRACK:
		return PRIVACY_ALL;
	default:
		return PRIVACY_NO_TRACK;
	}
}

/* Rule 2 for attribute a of group i: the rows hiding it are 0 or at
 * least min. */
static bool fix_attribute(struct privacy_group *g, int n, const int *sizes,
			  int min, enum attribute a, int i)
{
	int hidden = 0;
	for (int j = 0; j < n; j++)
		if (belongs(a, &g[i], &g[j]) && g[j].level < shown_from(a))
			hidden += g[j].count;
	if (hidden == 0 || hidden >= min)
		return false;
	/* the smallest class still showing it */
	int j = -1;
	for (int k = 0; k < n; k++)
		if (g[k].count > 0 && belongs(a, &g[i], &g[k]) &&
		    g[k].level >= shown_from(a) &&
		    (j < 0 || sizes[k] < sizes[j]))
			j = k;
	if (j < 0)
		return false;
	demote(g, n, j, shown_from(a) - 1);
	return true;
}

static bool fix_once(struct privacy_group *g, int n, int *sizes, int min)
{
	class_sizes(g, n, sizes);
	if (fix_classes(g, n, sizes, min))
		return true;
	for (int i = 0; i < n; i++)
		for (int a = ATTR_DEPARTMENT; a <= ATTR_LEADERS; a++)
			if (g[i].count > 0 &&
			    fix_attribute(g, n, sizes, min, a, i))
				return true;
	return false;
}

void privacy_generalise(struct privacy_group *groups, int n, int min_group)
{
	for (int i = 0; i < n; i++)
		groups[i].level = PRIVACY_ALL;
	if (n == 0)
		return;
	int *sizes = xcalloc((size_t)n, sizeof(*sizes));
	while (fix_once(groups, n, sizes, min_group))
		;
	free(sizes);
}

const struct privacy_group *privacy_find(const struct privacy_group *groups,
					 int n, const char *department,
					 enum role role, enum track track)
{
	for (int i = 0; i < n; i++)
		if (groups[i].role == role && groups[i].track == track &&
		    strcasecmp(groups[i].department, department) == 0)
			return &groups[i];
	return NULL;
}

bool privacy_too_few(const struct privacy_group *groups, int n, int min_group)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += groups[i].count;
	return total < min_group;
}

bool privacy_complement(const int *count, bool *hidden, int n, int min_group)
{
	for (;;) {
		int in_hidden = 0, best = -1;
		for (int i = 0; i < n; i++) {
			if (hidden[i])
				in_hidden += count[i];
			else if (count[i] > 0 &&
				 (best < 0 || count[i] < count[best]))
				best = i;
		}
		if (in_hidden == 0 || in_hidden >= min_group)
			return true;
		if (best < 0)
			return false;
		hidden[best] = true;
	}
}

/* A difference of two counts singles out people when it is neither 0 nor
 * at least the minimum (a negative one: people who came in from another
 * group, whose earlier segments it would give). */
static bool difference_exposed(int d, int min_group)
{
	if (d < 0)
		d = -d;
	return d > 0 && d < min_group;
}

bool privacy_turnover_exposed(const struct privacy_turnover *t, int min_group)
{
	int d[] = {
	    t->people_now - t->both,
	    t->people_before - t->both,
	    t->classified_now - t->both_classified_now,
	    t->classified_before - t->both_classified_before,
	};
	for (size_t i = 0; i < ARRAY_LEN(d); i++)
		if (difference_exposed(d[i], min_group))
			return true;
	return false;
}
