/* SPDX-License-Identifier: MIT */
/* Comparisons of a round's results. The store hands over a few small
 * tables of sums (per department, role, track and classification); this
 * file adds them up into every group the report shows, applies the
 * minimum group size, and compares. */
#include "config.h"

#include "report.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "privacy.h"
#include "report-people.h"
#include "scoring.h"
#include "stats.h"
#include "util.h"

/* As in scoring: a mean that is a threshold up to rounding meets it. */
#define REPORT_EPSILON 1e-9

/* ---- departments ------------------------------------------------------- */

/* A round's departments: its own list in order, then every other name
 * found in its responses, alphabetically. Names that differ only in case
 * are one department, as they are one person's in the respondent flow;
 * a found one is spelled as the first of its spellings in strcmp order. */
struct department_key {
	const char *name;
	int index;
};

struct departments {
	char **names;
	int n;
	struct department_key *keys; /* by strcasecmp, for lookups */
	int nkeys;		     /* names indexed so far */
};

static int names_compare(const char *a, const char *b)
{
	int c = strcasecmp(a, b);
	return c != 0 ? c : strcmp(a, b);
}

static int name_ptr_compare(const void *a, const void *b)
{
	return names_compare(*(const char *const *)a, *(const char *const *)b);
}

static int key_compare(const void *a, const void *b)
{
	const struct department_key *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c != 0 ? c : x->index - y->index;
}

/* Index of name, or -1; the lowest index among equal names. */
static int departments_find(const struct departments *d, const char *name)
{
	int lo = 0, hi = d->nkeys;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcasecmp(d->keys[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->nkeys && strcasecmp(d->keys[lo].name, name) == 0)
		return d->keys[lo].index;
	return -1;
}

static void departments_index(struct departments *d)
{
	free(d->keys);
	d->keys = xcalloc((size_t)d->n + 1, sizeof(*d->keys));
	for (int i = 0; i < d->n; i++)
		d->keys[i] = (struct department_key){d->names[i], i};
	qsort(d->keys, (size_t)d->n, sizeof(*d->keys), key_compare);
	d->nkeys = d->n;
}

static void departments_append(struct departments *d, const char *name)
{
	d->names = xreallocarray(d->names, (size_t)d->n + 1, sizeof(*d->names));
	d->names[d->n++] = xstrdup(name);
}

static void departments_build(struct departments *d,
			      const struct store_round *round,
			      const struct store_tally *rows, int nrows)
{
	memset(d, 0, sizeof(*d));
	for (int i = 0; i < round->ndepartments; i++) {
		bool seen = false;
		for (int j = 0; j < d->n && !seen; j++)
			seen =
			    strcasecmp(d->names[j], round->departments[i]) == 0;
		if (!seen)
			departments_append(d, round->departments[i]);
	}
	departments_index(d);
	/* the others, sorted, each run of spellings taken once */
	const char **found = xcalloc((size_t)nrows + 1, sizeof(*found));
	for (int i = 0; i < nrows; i++)
		found[i] = rows[i].department;
	qsort(found, (size_t)nrows, sizeof(*found), name_ptr_compare);
	int listed = d->n;
	for (int i = 0; i < nrows; i++) {
		bool repeat = i > 0 && strcasecmp(found[i - 1], found[i]) == 0;
		if (!repeat && departments_find(d, found[i]) < 0)
			departments_append(d, found[i]);
	}
	free(found);
	if (d->n > listed)
		departments_index(d);
}

static void departments_free(struct departments *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	free(d->keys);
	memset(d, 0, sizeof(*d));
}

static const char *department_label(const char *name)
{
	return name[0] != '\0' ? name : "(no department)";
}

/* ---- sums ---------------------------------------------------------------- */

/* What the store's rows add up to for one group, before privacy. */
struct group_sum {
	int n;
	int in_progress;
	int abandoned;
	int segments[SEGMENT_COUNT];
	int subtypes[SUBTYPE_COUNT];
	double score[QN_MAX_DIMENSIONS];
	double squares[QN_MAX_DIMENSIONS];
	int scored[QN_MAX_DIMENSIONS];
	int near_line;
};

/* Every group of one round, added up from the store's rows. */
struct round_sums {
	struct departments depts;
	struct group_sum all, leaders, teams;
	struct group_sum roles[ROLE_COUNT];
	struct group_sum tracks[TRACK_COUNT];
	struct group_sum *by_dept;    /* per department */
	struct group_sum *team_dept;  /* individual contributors per dept */
	struct group_sum *dept_track; /* per department and track */
};

enum { MAX_TARGETS = 7 };

/* The groups a response of this department, role and track counts in. */
static int sums_targets(struct round_sums *r, int dept, enum role role,
			enum track track, struct group_sum **t)
{
	int n = 0;
	t[n++] = &r->all;
	t[n++] = &r->roles[role];
	t[n++] = &r->tracks[track];
	t[n++] = role_is_leader(role) ? &r->leaders : &r->teams;
	if (dept >= 0) {
		t[n++] = &r->by_dept[dept];
		t[n++] = &r->dept_track[dept * TRACK_COUNT + (int)track];
		if (!role_is_leader(role))
			t[n++] = &r->team_dept[dept];
	}
	return n;
}

static void sums_add_tally(struct round_sums *r, const struct store_tally *rows,
			   int nrows)
{
	for (int i = 0; i < nrows; i++) {
		const struct store_tally *row = &rows[i];
		struct group_sum *t[MAX_TARGETS];
		int dept = departments_find(&r->depts, row->department);
		int n = sums_targets(r, dept, row->role, row->track, t);
		for (int k = 0; k < n; k++) {
			if (!row->finished) {
				t[k]->in_progress += row->count;
				continue;
			}
			t[k]->n += row->count;
			t[k]->segments[row->segment] += row->count;
			t[k]->subtypes[row->subtype] += row->count;
		}
	}
}

/* Abandoned responses are counted apart from those in progress. */
static void sums_add_abandoned(struct round_sums *r,
			       const struct store_tally *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		struct group_sum *t[MAX_TARGETS];
		int dept = departments_find(&r->depts, rows[i].department);
		int n = sums_targets(r, dept, rows[i].role, rows[i].track, t);
		for (int k = 0; k < n; k++) {
			t[k]->in_progress -= rows[i].count;
			t[k]->abandoned += rows[i].count;
		}
	}
}

static void sums_add_scores(struct round_sums *r, const struct questionnaire *q,
			    const struct store_score_sum *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		const struct store_score_sum *row = &rows[i];
		int d = questionnaire_find_dimension(q, row->dimension);
		if (d < 0 || d >= QN_MAX_DIMENSIONS)
			continue; /* not this questionnaire's */
		struct group_sum *t[MAX_TARGETS];
		int dept = departments_find(&r->depts, row->department);
		int n = sums_targets(r, dept, row->role, row->track, t);
		for (int k = 0; k < n; k++) {
			t[k]->score[d] += row->sum;
			t[k]->squares[d] += row->squares;
			t[k]->scored[d] += row->count;
		}
	}
}

/* The people near a segment threshold, into every group they count in. */
static enum store_status sums_add_near(struct store *s,
				       const struct store_round *round,
				       const struct questionnaire *q,
				       struct round_sums *r)
{
	struct store_tally *rows = NULL;
	int nrows = 0;
	enum store_status status = store_report_near(
	    s, round->id, q->rules.champion, q->rules.willing,
	    SCORING_NEAR_LINE + REPORT_EPSILON, &rows, &nrows);
	for (int i = 0; status == STORE_OK && i < nrows; i++) {
		struct group_sum *t[MAX_TARGETS];
		int dept = departments_find(&r->depts, rows[i].department);
		int n = sums_targets(r, dept, rows[i].role, rows[i].track, t);
		for (int k = 0; k < n; k++)
			t[k]->near_line += rows[i].count;
	}
	store_tally_free(rows, nrows);
	return status;
}

/* Read and add up a round's counts and scores. */
static enum store_status sums_read(struct store *s,
				   const struct store_round *round,
				   const struct questionnaire *q,
				   struct round_sums *r)
{
	memset(r, 0, sizeof(*r));
	struct store_tally *tally = NULL;
	int ntally = 0;
	enum store_status status =
	    store_report_tally(s, round->id, &tally, &ntally);
	if (status != STORE_OK)
		return status;
	departments_build(&r->depts, round, tally, ntally);
	size_t nd = (size_t)r->depts.n + 1;
	r->by_dept = xcalloc(nd, sizeof(*r->by_dept));
	r->team_dept = xcalloc(nd, sizeof(*r->team_dept));
	r->dept_track = xcalloc(nd * TRACK_COUNT, sizeof(*r->dept_track));
	sums_add_tally(r, tally, ntally);
	store_tally_free(tally, ntally);
	status = store_report_abandoned(s, round->id, &tally, &ntally);
	if (status != STORE_OK)
		return status;
	sums_add_abandoned(r, tally, ntally);
	store_tally_free(tally, ntally);

	struct store_score_sum *scores = NULL;
	int nscores = 0;
	status = store_report_scores(s, round->id, &scores, &nscores);
	if (status == STORE_OK)
		sums_add_scores(r, q, scores, nscores);
	store_score_sums_free(scores, nscores);
	if (status == STORE_OK)
		status = sums_add_near(s, round, q, r);
	return status;
}

static void sums_free(struct round_sums *r)
{
	departments_free(&r->depts);
	free(r->by_dept);
	free(r->team_dept);
	free(r->dept_track);
	memset(r, 0, sizeof(*r));
}

/* ---- groups ------------------------------------------------------------ */

static int classified(const struct report_group *g)
{
	return g->segments[SEGMENT_CHAMPION] + g->segments[SEGMENT_WILLING] +
	       g->segments[SEGMENT_CAUTIOUS];
}

bool report_has_score(const struct report_group *g, int d)
{
	return !g->hidden && g->dimension_n[d] > 0;
}

const char *const report_by_names[] = {"department", "role", "track", NULL};

int report_dimension_rows(const struct questionnaire *q,
			  const struct report_group *a,
			  const struct report_group *b, const char *missing,
			  int decimals, struct report_dimension_row *rows)
{
	for (int d = 0; d < q->ndimensions; d++) {
		struct report_dimension_row *row = &rows[d];
		bool ax = report_has_score(a, d);
		bool bx = report_has_score(b, d);
		row->label = q->dimensions[d].label;
		snprintf(row->a, sizeof(row->a), "%s", missing);
		snprintf(row->b, sizeof(row->b), "%s", missing);
		row->difference[0] = '\0';
		row->clear = false;
		if (ax)
			scoring_format_score(a->dimensions[d], row->a);
		if (bx)
			scoring_format_score(b->dimensions[d], row->b);
		if (ax && bx) {
			/* the difference of the means as shown, so the row
			 * adds up */
			double diff = stats_round(a->dimensions[d], 1) -
				      stats_round(b->dimensions[d], 1);
			char num[20];
			stats_format(diff, decimals, num, sizeof(num));
			snprintf(
			    row->difference, sizeof(row->difference), "%s%s",
			    stats_round(diff, decimals) > 0 ? "+" : "", num);
			row->clear = stats_means_differ(
			    a->dimensions[d], a->dimension_se[d],
			    a->dimension_n[d], b->dimensions[d],
			    b->dimension_se[d], b->dimension_n[d], STATS_Z90);
		}
	}
	return q->ndimensions;
}

double report_percent(const struct report_group *g, enum segment s)
{
	int total = classified(g);
	if (s == SEGMENT_NONE || (int)s >= SEGMENT_COUNT || total == 0)
		return 0;
	return 100.0 * g->segments[s] / total;
}

double report_share(const struct report_group *g, enum segment s)
{
	if (s == SEGMENT_NONE || (int)s >= SEGMENT_COUNT)
		return 0;
	double shares[3];
	stats_percentages(&g->segments[SEGMENT_CHAMPION], 3, 1, shares);
	return shares[s - SEGMENT_CHAMPION];
}

/* A group from its sums; below min_group only its label and counts of
 * people are kept. */
static void group_make(struct report_group *g, const char *label,
		       const struct group_sum *sum,
		       const struct questionnaire *q, int min_group)
{
	memset(g, 0, sizeof(*g));
	g->label = xstrdup(label);
	g->n = sum->n;
	g->in_progress = sum->in_progress;
	g->abandoned = sum->abandoned;
	g->hidden = sum->n < min_group;
	g->phase = PHASE_NONE;
	if (g->hidden)
		return;
	memcpy(g->segments, sum->segments, sizeof(g->segments));
	memcpy(g->subtypes, sum->subtypes, sizeof(g->subtypes));
	g->near_line = sum->near_line;
	for (int d = 0; d < q->ndimensions && d < QN_MAX_DIMENSIONS; d++) {
		g->dimension_n[d] = sum->scored[d];
		if (sum->scored[d] > 0)
			g->dimensions[d] = sum->score[d] / sum->scored[d];
		g->dimension_se[d] = stats_mean_se(
		    sum->score[d], sum->squares[d], sum->scored[d]);
	}
	g->phase = report_phase(q, g, NULL, 0);
}

/* Show a group as "fewer than N" after all: its label and counts of
 * people stay, nothing of their answers. */
static void group_hide(struct report_group *g)
{
	struct report_group kept = {.label = g->label,
				    .n = g->n,
				    .in_progress = g->in_progress,
				    .abandoned = g->abandoned,
				    .hidden = true,
				    .phase = PHASE_NONE};
	*g = kept;
}

/* Complementary suppression: groups that together make a whole shown on
 * its own (departments, roles or tracks of the round; its leaders and
 * teams). Were the hidden ones fewer than min people in all, the whole
 * less the groups shown would give their figures; so the smallest group
 * shown is hidden too, until the hidden hold none or at least min. */
static void groups_complement(struct report_group *const *g, int n, int min)
{
	int *count = xcalloc((size_t)n + 1, sizeof(*count));
	bool *hidden = xcalloc((size_t)n + 1, sizeof(*hidden));
	for (int i = 0; i < n; i++) {
		count[i] = g[i]->n;
		hidden[i] = g[i]->hidden;
	}
	(void)privacy_complement(count, hidden, n, min);
	for (int i = 0; i < n; i++)
		if (hidden[i] && !g[i]->hidden)
			group_hide(g[i]);
	free(count);
	free(hidden);
}

static void groups_complement_array(struct report_group *groups, int n, int min)
{
	struct report_group **g = xcalloc((size_t)n + 1, sizeof(*g));
	for (int i = 0; i < n; i++)
		g[i] = &groups[i];
	groups_complement(g, n, min);
	free(g);
}

const char *report_hidden_words(const struct report_group *g, int min_group,
				char *buf, size_t size)
{
	if (g->n >= min_group)
		snprintf(buf, size, "withheld");
	else
		snprintf(buf, size, "fewer than %d", min_group);
	return buf;
}

static void group_free(struct report_group *g)
{
	free(g->label);
	g->label = NULL;
}

/* Departments, roles or tracks as a list of groups. */
static struct report_group *groups_make(const struct round_sums *r,
					const struct questionnaire *q,
					enum report_by by, int min_group,
					int *count)
{
	int n = by == REPORT_BY_ROLE	? ROLE_COUNT
		: by == REPORT_BY_TRACK ? TRACK_COUNT
					: r->depts.n;
	struct report_group *groups = xcalloc((size_t)n + 1, sizeof(*groups));
	for (int i = 0; i < n; i++) {
		if (by == REPORT_BY_ROLE)
			group_make(&groups[i], role_label((enum role)i),
				   &r->roles[i], q, min_group);
		else if (by == REPORT_BY_TRACK)
			group_make(&groups[i], track_label((enum track)i),
				   &r->tracks[i], q, min_group);
		else
			group_make(&groups[i],
				   department_label(r->depts.names[i]),
				   &r->by_dept[i], q, min_group);
	}
	groups_complement_array(groups, n, min_group);
	*count = n;
	return groups;
}

/* Each department's people on each track: hidden with their department,
 * and, as for any groups that make a whole (groups_complement), when the
 * other track of the department is hidden with fewer than the minimum. */
static void department_tracks_make(const struct round_sums *r,
				   const struct questionnaire *q,
				   struct report *out)
{
	int n = out->ndepartments;
	out->department_tracks =
	    xcalloc((size_t)n * TRACK_COUNT + 1, sizeof(struct report_group));
	for (int d = 0; d < n; d++) {
		struct report_group *g =
		    &out->department_tracks[d * TRACK_COUNT];
		for (int t = 0; t < TRACK_COUNT; t++) {
			group_make(&g[t], track_label((enum track)t),
				   &r->dept_track[d * TRACK_COUNT + t], q,
				   out->min_group);
			if (out->departments[d].hidden)
				group_hide(&g[t]);
		}
		groups_complement_array(g, TRACK_COUNT, out->min_group);
	}
}

/* Weakest mean first; dimensions nobody scored last; ties in the
 * questionnaire's order. */
static void dimension_order(const struct report_group *all, int ndimensions,
			    int *order)
{
	/* a hidden round has no scores: it keeps the questionnaire's order,
	 * which tells nothing */
	for (int d = 0; d < QN_MAX_DIMENSIONS; d++)
		order[d] = d < ndimensions ? d : -1;
	for (int i = 1; i < ndimensions; i++) {
		int d = order[i], j = i;
		for (; j > 0; j--) {
			int e = order[j - 1];
			bool d_scored = all->dimension_n[d] > 0;
			bool e_scored = all->dimension_n[e] > 0;
			bool before = d_scored &&
				      (!e_scored ||
				       all->dimensions[d] < all->dimensions[e]);
			if (!before)
				break;
			order[j] = e;
		}
		order[j] = d;
	}
}

/* ---- phase ------------------------------------------------------------- */

bool report_condition_value(const struct qn_phase_condition *c,
			    const struct report_group *g, double *value)
{
	if (c->dimension < 0) {
		*value = report_percent(g, SEGMENT_CHAMPION);
		return true;
	}
	if (c->dimension >= QN_MAX_DIMENSIONS ||
	    g->dimension_n[c->dimension] == 0)
		return false;
	*value = g->dimensions[c->dimension];
	return true;
}

static bool rule_met(const struct qn_phase_rule *rule,
		     const struct report_group *g)
{
	if (!rule->defined)
		return false;
	for (int i = 0; i < rule->nconditions; i++) {
		double v;
		const struct qn_phase_condition *c = &rule->conditions[i];
		if (!report_condition_value(c, g, &v) ||
		    v + REPORT_EPSILON < (double)c->min)
			return false;
	}
	return true;
}

static void phase_explain(const struct questionnaire *q, enum phase next,
			  const struct report_group *g, struct util_text *t)
{
	const struct qn_phase_rule *rule = &q->phases[next];
	util_text_printf(t, "%s needs ", phase_name(next));
	for (int i = 0; i < rule->nconditions; i++) {
		const struct qn_phase_condition *c = &rule->conditions[i];
		const char *sep = i == 0		       ? ""
				  : i == rule->nconditions - 1 ? " and "
							       : ", ";
		const char *what = c->dimension < 0
				       ? "champions"
				       : q->dimensions[c->dimension].label;
		const char *unit = c->dimension < 0 ? "%" : "";
		double v;
		char have[16];
		if (report_condition_value(c, g, &v)) {
			scoring_format_score(v, have);
			/* a value just short of the minimum must not read as
			 * reaching it: it gets the decimals that show it */
			if (v + REPORT_EPSILON < (double)c->min &&
			    stats_round(v, 1) >= (double)c->min)
				snprintf(have, sizeof(have), "%.2f",
					 floor(v * 100) / 100);
			util_text_printf(t, "%s%s >= %d%s (have %s%s)", sep,
					 what, c->min, unit, have, unit);
		} else {
			util_text_printf(t, "%s%s >= %d%s (no scores)", sep,
					 what, c->min, unit);
		}
	}
}

enum phase report_phase(const struct questionnaire *q,
			const struct report_group *g, char *why, size_t size)
{
	struct util_text t;
	util_text_init(&t, why, size);
	const struct qn_phase_rule *structuring = &q->phases[PHASE_STRUCTURING];
	const struct qn_phase_rule *scaling = &q->phases[PHASE_SCALING];
	if (!structuring->defined && !scaling->defined) {
		util_text_printf(&t, "the questionnaire defines no phases");
		return PHASE_NONE;
	}
	if (g->hidden) {
		util_text_printf(&t, "too few responses to tell");
		return PHASE_NONE;
	}
	enum phase p = rule_met(scaling, g)	  ? PHASE_SCALING
		       : rule_met(structuring, g) ? PHASE_STRUCTURING
						  : PHASE_EXPLORATION;
	enum phase next = PHASE_NONE;
	if (p == PHASE_EXPLORATION && structuring->defined)
		next = PHASE_STRUCTURING;
	else if (p != PHASE_SCALING && scaling->defined)
		next = PHASE_SCALING;
	if (next == PHASE_NONE)
		util_text_printf(&t, "%s is the highest phase", phase_name(p));
	else
		phase_explain(q, next, g, &t);
	return p;
}

/* ---- the perception gap ------------------------------------------------ */

struct leader_sum {
	int leaders;
	long long sum[3];
};

static int first_estimate(const struct questionnaire *q)
{
	for (int i = 0; i < q->nquestions; i++)
		if (q->questions[i].type == QTYPE_ESTIMATE)
			return i;
	return -1;
}

/* small: the round shows a department's gap under min_group too */
static void gap_make(struct report_gap *gap, const char *department,
		     const struct leader_sum *lead,
		     const struct group_sum *team, int min_group, bool small)
{
	memset(gap, 0, sizeof(*gap));
	gap->department = department != NULL ? xstrdup(department) : NULL;
	gap->min_group = min_group;
	gap->leaders = lead->leaders;
	int total = team->segments[SEGMENT_CHAMPION] +
		    team->segments[SEGMENT_WILLING] +
		    team->segments[SEGMENT_CAUTIOUS];
	gap->team = total;
	/* the team's split is what the minimum protects; see report.h */
	gap->hidden =
	    lead->leaders == 0 || total == 0 || (total < min_group && !small);
	if (gap->hidden)
		return;
	gap->small = total < min_group;
	for (int k = 0; k < 3; k++) {
		int in = team->segments[SEGMENT_CHAMPION + k];
		gap->estimated[k] = (double)lead->sum[k] / lead->leaders;
		gap->actual[k] = 100.0 * in / total;
		stats_wilson(in, total, STATS_Z90, &gap->actual_low[k],
			     &gap->actual_high[k]);
		gap->actual_low[k] *= 100;
		gap->actual_high[k] *= 100;
		gap->clear[k] = stats_estimate_differs(gap->estimated[k], in,
						       total, STATS_Z90);
	}
}

static void gap_hide(struct report_gap *gap)
{
	gap->hidden = true;
	memset(gap->estimated, 0, sizeof(gap->estimated));
	memset(gap->actual, 0, sizeof(gap->actual));
	memset(gap->actual_low, 0, sizeof(gap->actual_low));
	memset(gap->actual_high, 0, sizeof(gap->actual_high));
	memset(gap->clear, 0, sizeof(gap->clear));
}

/* The departments' teams add up towards the whole round's: as for groups
 * (groups_complement), hidden teams fewer than min in all hide the
 * department shown with the smallest team as well. The leaders are
 * counted whatever their number (see report.h), so only teams count;
 * unlisted: the teams of the departments without a gap, never shown. */
static void gaps_complement(struct report_gap *gaps, int n, int min,
			    int unlisted)
{
	for (;;) {
		int team = unlisted, best = -1;
		for (int i = 0; i < n; i++) {
			if (gaps[i].hidden)
				team += gaps[i].team;
			else if (best < 0 || gaps[i].team < gaps[best].team)
				best = i;
		}
		bool exposed = team > 0 && team < min;
		if (!exposed || best < 0)
			return;
		gap_hide(&gaps[best]);
	}
}

static void leader_add(struct leader_sum *l,
		       const struct store_estimate_sum *row)
{
	l->leaders += row->count;
	for (int k = 0; k < 3; k++)
		l->sum[k] += row->sum[k];
}

/* The gaps of the estimates in rows (of this round or a leaders' one)
 * against this round's teams (r). */
static void gaps_make(const struct store_estimate_sum *rows, int nrows,
		      const struct round_sums *r, struct report *out)
{
	struct leader_sum *lead =
	    xcalloc((size_t)r->depts.n + 1, sizeof(*lead));
	struct leader_sum total = {0}, executives = {0};
	for (int i = 0; i < nrows; i++) {
		if (!role_is_leader(rows[i].role))
			continue;
		leader_add(&total, &rows[i]);
		if (rows[i].role == ROLE_EXECUTIVE) {
			leader_add(&executives, &rows[i]);
			continue;
		}
		int d = departments_find(&r->depts, rows[i].department);
		if (d >= 0)
			leader_add(&lead[d], &rows[i]);
	}
	out->gaps = xcalloc((size_t)r->depts.n + 3, sizeof(*out->gaps));
	int unlisted = 0;
	for (int d = 0; d < r->depts.n; d++) {
		if (lead[d].leaders == 0) {
			unlisted += r->team_dept[d].segments[SEGMENT_CHAMPION] +
				    r->team_dept[d].segments[SEGMENT_WILLING] +
				    r->team_dept[d].segments[SEGMENT_CAUTIOUS];
			continue;
		}
		struct report_gap *g = &out->gaps[out->ngaps++];
		gap_make(g, department_label(r->depts.names[d]), &lead[d],
			 &r->team_dept[d], out->min_group, out->small_gaps);
		/* a department withheld is hidden wherever it appears (one
		 * merely under the minimum is not, where small gaps show) */
		if (d < out->ndepartments && out->departments[d].hidden &&
		    (!out->small_gaps ||
		     out->departments[d].n >= out->min_group))
			gap_hide(g);
	}
	gaps_complement(out->gaps, out->ngaps, out->min_group, unlisted);
	if (executives.leaders > 0) {
		struct report_gap *g = &out->gaps[out->ngaps++];
		gap_make(g, "Executives, against the whole organisation",
			 &executives, &r->teams, out->min_group, false);
		g->executives = true;
	}
	gap_make(&out->gaps[out->ngaps++], NULL, &total, &r->teams,
		 out->min_group, false);
	/* the teams withheld: their split is hidden in the gaps against them
	 * too, or the whole round less it would give the leaders' */
	for (int i = 0; out->teams.hidden && i < out->ngaps; i++)
		if (out->gaps[i].department == NULL || out->gaps[i].executives)
			gap_hide(&out->gaps[i]);
	free(lead);
}

/* The leaders' estimates: of this round, or of the leaders' round. */
static enum store_status
gaps_build(struct store *s, const struct store_round *round,
	   const struct round_sums *r, const struct store_round *leaders,
	   const struct questionnaire *leaders_q, struct report *out)
{
	const struct questionnaire *eq = leaders != NULL ? leaders_q : out->q;
	const struct store_round *er = leaders != NULL ? leaders : round;
	int question = first_estimate(eq);
	if (question < 0)
		return STORE_OK;
	struct store_estimate_sum *rows = NULL;
	int nrows = 0;
	enum store_status status = store_report_estimates(
	    s, er->id, eq->questions[question].id, &rows, &nrows);
	if (status == STORE_OK)
		gaps_make(rows, nrows, r, out);
	store_estimate_sums_free(rows, nrows);
	return status;
}

size_t report_gap_sentence(const struct report_gap *gap, char *buf, size_t size)
{
	struct util_text t;
	util_text_init(&t, buf, size);
	if (!gap->hidden) {
		char e[16], a[16], lo[16], hi[16];
		stats_format(gap->estimated[0], 1, e, sizeof(e));
		stats_format(gap->actual[0], 1, a, sizeof(a));
		stats_format(gap->actual_low[0], 1, lo, sizeof(lo));
		stats_format(gap->actual_high[0], 1, hi, sizeof(hi));
		const char *verdict = !gap->clear[0] ? "no clear gap"
				      : gap->estimated[0] > gap->actual[0]
					  ? "leaders clearly overestimate"
					  : "leaders clearly underestimate";
		util_text_printf(
		    &t,
		    "%d %s%s estimate%s %s%% champions; %s%% "
		    "of %s are (90%%: %s to %s): %s",
		    gap->leaders, gap->executives ? "executive" : "leader",
		    gap->leaders == 1 ? "" : "s", gap->leaders == 1 ? "s" : "",
		    e, a, gap->executives ? "the organisation" : "their teams",
		    lo, hi, verdict);
		if (gap->small)
			util_text_printf(&t,
					 " (a team under %d, shown as the "
					 "round allows)",
					 gap->min_group);
		return t.len;
	}
	if (gap->leaders == 0)
		util_text_printf(&t, "no leader gave an estimate");
	else if (gap->team < gap->min_group)
		util_text_printf(&t, "fewer than %d of their teams answered",
				 gap->min_group);
	else /* withheld: gaps_complement, or its group withheld */
		util_text_printf(&t, "withheld");
	return t.len;
}

size_t report_own_gap(const struct report *r, const char *department,
		      enum role role, int estimate, char *buf, size_t size)
{
	struct util_text t;
	util_text_init(&t, buf, size);
	if (!role_is_leader(role))
		return 0;
	const struct report_gap *gap = NULL;
	const char *label = department_label(department);
	for (int i = 0; i < r->ngaps && gap == NULL; i++) {
		const struct report_gap *g = &r->gaps[i];
		if (role == ROLE_EXECUTIVE
			? g->executives
			: g->department != NULL && !g->executives &&
			      strcasecmp(g->department, label) == 0)
			gap = g;
	}
	const char *team =
	    role == ROLE_EXECUTIVE ? "the organisation" : "your team";
	if (gap == NULL || (gap->hidden && gap->team < r->min_group)) {
		util_text_printf(&t,
				 "You estimated %d%% champions in %s. What "
				 "%s reported shows here once at least %d of "
				 "them have answered.",
				 estimate, team, team, r->min_group);
		return t.len;
	}
	if (gap->hidden) { /* withheld: see gaps_complement */
		util_text_printf(&t,
				 "You estimated %d%% champions in %s. What "
				 "%s reported is withheld, so that a smaller "
				 "team's answers cannot be worked out.",
				 estimate, team, team);
		return t.len;
	}
	int k = (int)lround(gap->actual[0] * gap->team / 100.0);
	char a[16], lo[16], hi[16];
	stats_format(gap->actual[0], 1, a, sizeof(a));
	stats_format(gap->actual_low[0], 1, lo, sizeof(lo));
	stats_format(gap->actual_high[0], 1, hi, sizeof(hi));
	const char *verdict =
	    !stats_estimate_differs(estimate, k, gap->team, STATS_Z90)
		? "no clear gap"
	    : estimate > gap->actual[0] ? "you clearly overestimate"
					: "you clearly underestimate";
	util_text_printf(&t,
			 "You estimated %d%% champions in %s; %s%% of %s "
			 "are (%d answers, 90%%: %s to %s): %s.",
			 estimate, team, a, team, gap->team, lo, hi, verdict);
	return t.len;
}

/* ---- champions and spreads --------------------------------------------- */

/* A champion with the position of their department, for sorting. */
struct champion_key {
	int department;
	struct report_champion champion;
};

static int champion_compare(const void *a, const void *b)
{
	const struct champion_key *x = a, *y = b;
	if (x->department != y->department)
		return x->department < y->department ? -1 : 1;
	return names_compare(x->champion.name, y->champion.name);
}

/* Listed by department, in the report's order, then by name; a person
 * who answered again later in the round only as they are now (people:
 * the round's). */
static enum store_status champions_build(struct store *s,
					 const struct store_round *round,
					 const struct round_sums *r,
					 const struct people *people,
					 struct report *out)
{
	struct people_champion *found = NULL;
	size_t nfound = 0;
	enum store_status status =
	    people_champions(s, round->id, people, &found, &nfound);
	if (status != STORE_OK)
		return status;
	struct champion_key *keys = xcalloc(nfound + 1, sizeof(*keys));
	int nkeys = 0;
	for (size_t i = 0; i < nfound; i++) {
		struct champion_key *k = &keys[nkeys++];
		int d = departments_find(&r->depts, found[i].department);
		k->department = d;
		/* spelled as the department's group */
		k->champion.department =
		    xstrdup(d >= 0 ? department_label(r->depts.names[d])
				   : department_label(found[i].department));
		k->champion.name = xstrdup(found[i].name);
		k->champion.alone = found[i].alone;
	}
	free(found);
	qsort(keys, (size_t)nkeys, sizeof(*keys), champion_compare);
	out->champions = xcalloc((size_t)nkeys + 1, sizeof(*out->champions));
	for (int i = 0; i < nkeys; i++)
		out->champions[out->nchampions++] = keys[i].champion;
	free(keys);
	return STORE_OK;
}

/* The population standard deviation of the chosen choices' scores;
 * not-applicable answers are counted but have no score. */
static double spread_of(const struct qn_question *qq, const int *counts)
{
	double mean = 0, var = 0;
	int scored = 0;
	for (int c = 0; c < qq->nchoices; c++) {
		if (qq->choices[c].score == QN_SCORE_NA)
			continue;
		mean += (double)counts[c] * qq->choices[c].score;
		scored += counts[c];
	}
	if (scored == 0)
		return 0;
	mean /= scored;
	for (int c = 0; c < qq->nchoices; c++) {
		if (qq->choices[c].score == QN_SCORE_NA)
			continue;
		double d = qq->choices[c].score - mean;
		var += counts[c] * d * d;
	}
	return sqrt(var / scored);
}

static int spread_compare(const void *a, const void *b)
{
	const struct report_spread *x = a, *y = b;
	if (x->spread != y->spread)
		return x->spread > y->spread ? -1 : 1;
	return x->question - y->question;
}

static enum store_status spreads_build(struct store *s,
				       const struct store_round *round,
				       struct report *out)
{
	const struct questionnaire *q = out->q;
	struct store_answer_count *rows = NULL;
	int nrows = 0;
	enum store_status status =
	    store_report_answers(s, round->id, &rows, &nrows);
	if (status != STORE_OK)
		return status;
	struct report_spread *all =
	    xcalloc((size_t)q->nquestions + 1, sizeof(*all));
	for (int i = 0; i < nrows; i++) {
		int k = questionnaire_find_question(q, rows[i].question);
		if (k < 0 || rows[i].choice < 1 ||
		    rows[i].choice > q->questions[k].nchoices ||
		    rows[i].choice > QN_MAX_CHOICES)
			continue;
		all[k].counts[rows[i].choice - 1] += rows[i].count;
		all[k].n += rows[i].count;
	}
	out->spreads =
	    xcalloc((size_t)q->nquestions + 1, sizeof(*out->spreads));
	for (int k = 0; k < q->nquestions; k++) {
		const struct qn_question *qq = &q->questions[k];
		if (!questionnaire_question_scored(qq) ||
		    all[k].n < out->min_group || all[k].n == 0)
			continue;
		struct report_spread *sp = &out->spreads[out->nspreads++];
		*sp = all[k];
		sp->question = k;
		sp->spread = spread_of(qq, sp->counts);
	}
	qsort(out->spreads, (size_t)out->nspreads, sizeof(*out->spreads),
	      spread_compare);
	free(all);
	store_answer_counts_free(rows, nrows);
	return STORE_OK;
}

/* ---- one round against another ----------------------------------------- */

/* Dimensions re-indexed from one questionnaire to another, by id. */
static void group_reindex(struct report_group *g,
			  const struct questionnaire *from,
			  const struct questionnaire *to)
{
	double dims[QN_MAX_DIMENSIONS] = {0};
	int dn[QN_MAX_DIMENSIONS] = {0};
	double se[QN_MAX_DIMENSIONS] = {0};
	for (int d = 0; d < to->ndimensions && d < QN_MAX_DIMENSIONS; d++) {
		int k =
		    questionnaire_find_dimension(from, to->dimensions[d].id);
		if (k < 0 || k >= QN_MAX_DIMENSIONS)
			continue;
		dims[d] = g->dimensions[k];
		dn[d] = g->dimension_n[k];
		se[d] = g->dimension_se[k];
	}
	memcpy(g->dimensions, dims, sizeof(dims));
	memcpy(g->dimension_n, dn, sizeof(dn));
	memcpy(g->dimension_se, se, sizeof(se));
}

bool report_can_compare(const struct store_round *round,
			const struct store_round *other, char *why, size_t size,
			bool *warning)
{
	struct util_text t;
	util_text_init(&t, why, size);
	if (warning != NULL)
		*warning = false;
	if (other->id == round->id) {
		util_text_printf(&t,
				 "round %s cannot be compared with itself: "
				 "give an earlier round",
				 round->code);
		return false;
	}
	int order = strcmp(other->created_at, round->created_at);
	if (order > 0 || (order == 0 && other->id > round->id)) {
		util_text_printf(&t,
				 "round %s is later than %s: a change is "
				 "measured from an earlier round (take -r %s "
				 "and %s as the earlier one)",
				 other->code, round->code, other->code,
				 round->code);
		return false;
	}
	const char *a = round->questionnaire ? round->questionnaire : "";
	const char *b = other->questionnaire ? other->questionnaire : "";
	if (strcmp(a, b) != 0) {
		util_text_printf(&t,
				 "round %s used the %s questionnaire and %s "
				 "the %s one: only rounds of the same "
				 "questionnaire can show a change",
				 other->code, b, round->code, a);
		return false;
	}
	if (other->questionnaire_version != round->questionnaire_version) {
		util_text_printf(&t,
				 "round %s used version %d of %s and %s "
				 "version %d: dimensions are matched by id",
				 other->code, other->questionnaire_version, a,
				 round->code, round->questionnaire_version);
		if (warning != NULL)
			*warning = true;
	}
	return true;
}

/* A group's change from its sums in the two rounds. */
static void change_make(struct report_change *c, const char *label,
			const struct group_sum *before,
			const struct group_sum *now, int min_group)
{
	memset(c, 0, sizeof(*c));
	c->label = xstrdup(label);
	c->people_before = before->n;
	c->people_now = now->n;
	for (int k = 0; k < 3; k++) {
		c->n_before += before->segments[SEGMENT_CHAMPION + k];
		c->n_now += now->segments[SEGMENT_CHAMPION + k];
	}
	c->hidden = before->n < min_group || now->n < min_group ||
		    c->n_before == 0 || c->n_now == 0;
	if (c->hidden)
		return;
	double shown_before[3], shown_now[3];
	stats_percentages(&before->segments[SEGMENT_CHAMPION], 3, 1,
			  shown_before);
	stats_percentages(&now->segments[SEGMENT_CHAMPION], 3, 1, shown_now);
	for (int k = 0; k < 3; k++) {
		c->before[k] = before->segments[SEGMENT_CHAMPION + k];
		c->now[k] = now->segments[SEGMENT_CHAMPION + k];
		c->shown_before[k] = shown_before[k];
		c->shown_now[k] = shown_now[k];
		/* the difference of the shares as shown, so it adds up */
		c->change[k] = stats_round(shown_now[k] - shown_before[k], 1);
		c->clear[k] = stats_shares_differ(
		    c->now[k], c->n_now, c->before[k], c->n_before, STATS_Z90);
	}
}

/* The sums of group i of the report's kind (by) in a round, or NULL
 * when that round has no such department. */
static const struct group_sum *group_sum_of(const struct round_sums *r,
					    enum report_by by, int i,
					    const char *department)
{
	if (by == REPORT_BY_ROLE)
		return &r->roles[i];
	if (by == REPORT_BY_TRACK)
		return &r->tracks[i];
	int d = departments_find(&r->depts, department);
	return d >= 0 ? &r->by_dept[d] : NULL;
}

/* Hide a change whose group is withheld (complementary suppression) in
 * the report or in either round at the compare's minimum: its numbers
 * would give away the smaller group the withholding protects. */
static void change_withhold(struct report_change *ch)
{
	char *label = ch->label;
	memset(ch, 0, sizeof(*ch));
	ch->label = label;
	ch->hidden = true;
	ch->withheld = true;
	ch->moves_hidden = true;
}

static bool group_withheld(const struct report_group *groups, int n, int i)
{
	return groups != NULL && i >= 0 && i < n && groups[i].hidden;
}

static void changes_withhold(struct report_compare *c, const struct report *out,
			     const struct round_sums *now,
			     const struct round_sums *before,
			     const struct questionnaire *before_q)
{
	int nn = 0, nb = 0;
	struct report_group *gn =
	    groups_make(now, out->q, out->by, c->min_group, &nn);
	struct report_group *gb =
	    groups_make(before, before_q, out->by, c->min_group, &nb);
	for (int i = 0; i < c->nchanges; i++) {
		struct report_change *ch = &c->changes[i];
		int b = i;
		if (out->by == REPORT_BY_DEPARTMENT)
			b = departments_find(&before->depts,
					     now->depts.names[i]);
		if (ch->hidden)
			continue;
		if (group_withheld(out->groups, out->ngroups, i) ||
		    group_withheld(gn, nn, i) || group_withheld(gb, nb, b))
			change_withhold(ch);
	}
	for (int i = 0; i < nn; i++)
		group_free(&gn[i]);
	for (int i = 0; i < nb; i++)
		group_free(&gb[i]);
	free(gn);
	free(gb);
}

static void changes_make(struct report_compare *c, const struct report *out,
			 const struct round_sums *now,
			 const struct round_sums *before,
			 const struct questionnaire *before_q)
{
	static const struct group_sum empty;
	change_make(&c->whole, out->all.label, &before->all, &now->all,
		    c->min_group);
	c->changes = xcalloc((size_t)out->ngroups + 1, sizeof(*c->changes));
	c->nchanges = out->ngroups;
	for (int i = 0; i < out->ngroups; i++) {
		const char *name =
		    out->by == REPORT_BY_DEPARTMENT ? now->depts.names[i] : "";
		const struct group_sum *b =
		    group_sum_of(before, out->by, i, name);
		const struct group_sum *n = group_sum_of(now, out->by, i, name);
		change_make(&c->changes[i], out->groups[i].label,
			    b != NULL ? b : &empty, n != NULL ? n : &empty,
			    c->min_group);
	}
	changes_withhold(c, out, now, before, before_q);
}

/* Whether a group's moves may be shown (privacy.h, across two rounds):
 * at least the minimum in both rounds, the group not withheld, and no
 * fewer than the minimum who joined or left it. */
static void moves_check(struct report_change *ch, int min_group)
{
	/* who joined or left: the people in the group in one round and
	 * not in the other, so someone who changed group counts as joining
	 * one and leaving the other */
	struct privacy_turnover t = {
	    .people_before = ch->people_before,
	    .people_now = ch->people_now,
	    .classified_before = ch->n_before,
	    .classified_now = ch->n_now,
	    .both = ch->stayed,
	    .both_classified_before = ch->stayed_classified_before,
	    .both_classified_now = ch->stayed_classified_now,
	};
	ch->moves_hidden = ch->both < min_group || ch->withheld;
	if (!ch->moves_hidden && privacy_turnover_exposed(&t, min_group)) {
		ch->moves_hidden = true;
		ch->moves_withheld = true;
	}
}

/* The groups' moves add up to the whole round's: the groups whose moves
 * are hidden hold none or at least the minimum in both rounds, or the
 * whole round's moves are hidden too. */
static void moves_complement(struct report_compare *c)
{
	int n = c->nchanges;
	int *both = xcalloc((size_t)n + 1, sizeof(*both));
	bool *hidden = xcalloc((size_t)n + 1, sizeof(*hidden));
	for (int i = 0; i < n; i++) {
		both[i] = c->changes[i].both;
		hidden[i] = c->changes[i].moves_hidden;
	}
	if (!c->whole.moves_hidden &&
	    !privacy_complement(both, hidden, n, c->min_group)) {
		c->whole.moves_hidden = true;
		c->whole.moves_withheld = true;
	}
	for (int i = 0; i < n; i++)
		if (hidden[i] && !c->changes[i].moves_hidden) {
			c->changes[i].moves_hidden = true;
			c->changes[i].moves_withheld = true;
		}
	free(both);
	free(hidden);
}

/* Each person in both rounds into the group of the report's kind they
 * are in now; those in the same group in both rounds counted apart. */
struct move_sums {
	const struct round_sums *now;
	struct report_compare *c;
	enum report_by by;
	/* the group of the departments seen last: a round's people give
	 * the same pointer for the same department, and millions of people
	 * are in a few departments */
	struct {
		const char *department;
		int group;
	} seen[64];
};

static int move_group(struct move_sums *m, const struct people_place *at)
{
	if (m->by != REPORT_BY_DEPARTMENT)
		return m->by == REPORT_BY_ROLE ? (int)at->role : (int)at->track;
	size_t k = ((uintptr_t)at->department >> 4) % ARRAY_LEN(m->seen);
	if (m->seen[k].department != at->department) {
		m->seen[k].department = at->department;
		m->seen[k].group =
		    departments_find(&m->now->depts, at->department);
	}
	return m->seen[k].group;
}

static void move_stayed(struct report_change *ch, enum segment from,
			enum segment to, int count)
{
	ch->stayed += count;
	if (from != SEGMENT_NONE)
		ch->stayed_classified_before += count;
	if (to != SEGMENT_NONE)
		ch->stayed_classified_now += count;
}

static void move_add(void *ctx, const struct people_place *was,
		     const struct people_place *is, enum segment from,
		     enum segment to, int count)
{
	struct move_sums *m = ctx;
	move_stayed(&m->c->whole, from, to, count);
	m->c->whole.moved[from][to] += count;
	m->c->whole.both += count;
	int g = move_group(m, is);
	if (g < 0 || g >= m->c->nchanges)
		return;
	m->c->changes[g].moved[from][to] += count;
	m->c->changes[g].both += count;
	if (move_group(m, was) == g)
		move_stayed(&m->c->changes[g], from, to, count);
}

/* Which groups' moves may be shown (moves_check, moves_complement); the
 * hidden ones keep no count. */
static void moves_hide(struct report_compare *c)
{
	for (int g = -1; g < c->nchanges; g++)
		moves_check(g < 0 ? &c->whole : &c->changes[g], c->min_group);
	moves_complement(c);
	for (int g = -1; g < c->nchanges; g++) {
		struct report_change *ch = g < 0 ? &c->whole : &c->changes[g];
		if (ch->withheld)
			ch->both = 0;
		if (ch->moves_hidden)
			memset(ch->moved, 0, sizeof(ch->moved));
	}
}

/* ---- the baseline, kept ------------------------------------------------ */

struct report_cache {
	long long round_id; /* the baseline; 0: nothing kept */
	uint64_t signature; /* of its running totals */
	long long edits;    /* store_people_edits when it was read */
	const struct questionnaire *q;
	struct round_sums sums;
	struct people *people;
	int reads;
	/* the round reported on: its people as of now_mark, brought up to
	 * date by reading the responses finished since while no one
	 * already read changed (now_edits: store_people_edits), and their
	 * match with the kept baseline's (NULL: none) */
	long long now_round_id;
	struct store_mark now_mark;
	long long now_edits;
	struct people *now_people;
	struct people_matching *matching;
};

struct report_cache *report_cache_new(void)
{
	return xcalloc(1, sizeof(struct report_cache));
}

static void cache_clear(struct report_cache *c)
{
	if (c->round_id != 0)
		sums_free(&c->sums);
	people_match_free(c->matching);
	c->matching = NULL;
	people_free(c->people);
	c->people = NULL;
	c->round_id = 0;
}

static void cache_clear_now(struct report_cache *c)
{
	people_match_free(c->matching);
	c->matching = NULL;
	people_free(c->now_people);
	c->now_people = NULL;
	c->now_round_id = 0;
}

void report_cache_free(struct report_cache *c)
{
	if (c == NULL)
		return;
	cache_clear(c);
	cache_clear_now(c);
	free(c);
}

int report_cache_reads(const struct report_cache *c)
{
	return c->reads;
}

static uint64_t hash_add(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL; /* where one string ends */
}

/* A hash of a round's running totals (counts and score totals): cheap,
 * and different once anything of the round changed. */
static enum store_status totals_signature(struct store *s, long long round_id,
					  uint64_t *out)
{
	uint64_t h = 14695981039346656037ULL;
	char line[160];
	struct store_tally *tally = NULL;
	int ntally = 0;
	enum store_status status =
	    store_report_tally(s, round_id, &tally, &ntally);
	for (int i = 0; status == STORE_OK && i < ntally; i++) {
		snprintf(line, sizeof(line), "%d %d %d %d %d %d",
			 (int)tally[i].role, (int)tally[i].track,
			 tally[i].finished, (int)tally[i].segment,
			 (int)tally[i].subtype, tally[i].count);
		h = hash_add(hash_add(h, tally[i].department), line);
	}
	store_tally_free(tally, ntally);
	struct store_score_sum *scores = NULL;
	int nscores = 0;
	if (status == STORE_OK)
		status = store_report_scores(s, round_id, &scores, &nscores);
	for (int i = 0; status == STORE_OK && i < nscores; i++) {
		snprintf(line, sizeof(line), "%d %d %.17g %.17g %d",
			 (int)scores[i].role, (int)scores[i].track,
			 scores[i].sum, scores[i].squares, scores[i].count);
		h = hash_add(hash_add(hash_add(h, scores[i].department),
				      scores[i].dimension),
			     line);
	}
	store_score_sums_free(scores, nscores);
	*out = h;
	return status;
}

/* The people of round other: those read ahead (*ahead, taken; NULL:
 * none) when they are as this read sees them (edits: its count of
 * people's changes), with their match (NULL: none), else read here. */
static struct people *
baseline_people(struct store *s, const struct store_round *other,
		const struct round_sums *sums, long long edits,
		struct people_ahead **ahead, struct people_matching **matching,
		enum store_status *status)
{
	struct people *p = NULL;
	*matching = NULL;
	if (ahead != NULL && *ahead != NULL) {
		p = people_ahead_take(*ahead, edits, (size_t)sums->all.n,
				      matching);
		*ahead = NULL;
	}
	*status = STORE_OK;
	return p != NULL ? p : people_read(s, other->id, status);
}

/* An open baseline's kept people brought up to date with the responses
 * finished since, and its sums read again: false when that cannot be
 * (then it is read whole). A person added to it ends the kept match. */
static bool baseline_more(struct report_cache *cache, struct store *s,
			  const struct store_round *other,
			  const struct questionnaire *other_q)
{
	struct round_sums fresh;
	if (sums_read(s, other, other_q, &fresh) != STORE_OK)
		return false;
	size_t added = 0;
	if (people_read_more(s, other->id, cache->people, &added) != STORE_OK ||
	    people_count(cache->people) != (size_t)fresh.all.n) {
		sums_free(&fresh);
		return false;
	}
	sums_free(&cache->sums);
	cache->sums = fresh;
	if (added > 0) {
		people_match_free(cache->matching);
		cache->matching = NULL;
	}
	return true;
}

/* The baseline's sums and people: the kept ones while they hold (a
 * closed round while its running totals stay; an open one brought up to
 * date by baseline_more; either only while nobody already counted
 * changed), else read and kept, with its people read ahead (ahead: may
 * be NULL), and then their match with this round's in *matching (NULL:
 * none; the caller's). Without a cache the caller owns *sums
 * (sums_free) and *people. */
static enum store_status
baseline_read(struct report_cache *cache, struct store *s,
	      const struct store_round *other,
	      const struct questionnaire *other_q, struct round_sums *sums,
	      long long edits, struct people **people,
	      struct people_ahead **ahead, struct people_matching **matching)
{
	*matching = NULL;
	uint64_t signature = 0;
	enum store_status status = STORE_OK;
	if (cache != NULL && !other->open)
		status = totals_signature(s, other->id, &signature);
	if (status != STORE_OK)
		return status;
	/* nobody already counted changed (a rename elsewhere changes who
	 * matches by name) */
	bool same = cache != NULL && cache->round_id == other->id &&
		    cache->edits == edits && cache->q == other_q &&
		    cache->people != NULL;
	if (same &&
	    (other->open ? edits >= 0 && baseline_more(cache, s, other, other_q)
			 : cache->signature == signature)) {
		*sums = cache->sums;
		*people = cache->people;
		return STORE_OK;
	}
	if (cache != NULL)
		cache_clear(cache);
	status = sums_read(s, other, other_q, sums);
	if (status == STORE_OK)
		*people = baseline_people(s, other, sums, edits, ahead,
					  matching, &status);
	if (status != STORE_OK) {
		sums_free(sums);
		return status;
	}
	if (cache != NULL) {
		cache->reads++;
		cache->round_id = other->id;
		cache->signature = signature;
		cache->edits = edits;
		cache->q = other_q;
		cache->sums = *sums;
		cache->people = *people;
	}
	return STORE_OK;
}

/* Whether the cache may hold round other's sums and people (then they
 * are not read ahead: baseline_read checks that they still hold) */
static bool baseline_kept_for(const struct report_cache *cache,
			      const struct store_round *other)
{
	return cache != NULL && cache->round_id == other->id &&
	       cache->people != NULL;
}

/* Whether sums and people belong to the cache (not to be freed). */
static bool baseline_kept(const struct report_cache *cache,
			  const struct people *people)
{
	return cache != NULL && cache->people == people && people != NULL;
}

static void baseline_free(const struct report_cache *cache,
			  struct round_sums *sums, struct people *people)
{
	if (baseline_kept(cache, people))
		return;
	sums_free(sums);
	people_free(people);
}

/* The kept match of here and before, brought up to date with the people
 * added to here since; NULL when there is none (then none is kept) */
static struct people_matching *match_kept(struct report_cache *cache,
					  const struct people *here,
					  const struct people *before)
{
	if (cache == NULL || cache->matching == NULL)
		return NULL;
	if (people_match_is(cache->matching, here, before) &&
	    people_match_more(cache->matching))
		return cache->matching;
	people_match_free(cache->matching);
	cache->matching = NULL;
	return NULL;
}

/* A kept baseline whose people one of now's renamed is read again */
static enum store_status
baseline_renamed(struct report_cache *cache, struct store *s,
		 const struct store_round *other,
		 const struct questionnaire *other_q, struct round_sums *before,
		 struct people **before_people, struct people *now)
{
	if (!baseline_kept(cache, *before_people) ||
	    !people_renamed(now, *before_people))
		return STORE_OK;
	cache_clear(cache); /* frees *before and *before_people */
	cache->reads++;
	memset(before, 0, sizeof(*before));
	*before_people = NULL;
	struct people_matching *none;
	return baseline_read(NULL, s, other, other_q, before, -1, before_people,
			     NULL, &none);
}

static enum store_status
compare_build(struct report_cache *cache, struct store *s,
	      const struct store_round *other,
	      const struct questionnaire *other_q, const struct round_sums *now,
	      long long edits, struct people *here, struct people_ahead **ahead,
	      struct report *out)
{
	struct report_compare *c = &out->compare;
	snprintf(c->code, sizeof(c->code), "%s", other->code);
	/* each round's answers keep at least its own protection */
	int min_group = out->min_group > other->min_group ? out->min_group
							  : other->min_group;
	c->min_group = min_group;
	struct round_sums r;
	struct people *before = NULL;
	struct people_matching *ahead_matching = NULL;
	enum store_status status =
	    baseline_read(cache, s, other, other_q, &r, edits, &before, ahead,
			  &ahead_matching);
	struct people_matching *matching =
	    status == STORE_OK ? match_kept(cache, here, before) : NULL;
	if (status == STORE_OK && matching == NULL && ahead_matching != NULL &&
	    people_match_is(ahead_matching, here, before)) {
		matching = ahead_matching; /* both just read */
		ahead_matching = NULL;
	}
	people_match_free(ahead_matching);
	if (status == STORE_OK && matching == NULL)
		status = baseline_renamed(cache, s, other, other_q, &r, &before,
					  here);
	if (status != STORE_OK) {
		baseline_free(cache, &r, before);
		return status;
	}
	/* matched again only when one side was read again */
	bool keep = cache != NULL && baseline_kept(cache, before) &&
		    cache->now_people == here;
	if (matching == NULL)
		matching = people_match(here, before);
	if (keep)
		cache->matching = matching;
	group_make(&c->before, other->name != NULL ? other->name : other->code,
		   &r.all, other_q, min_group);
	group_reindex(&c->before, other_q, out->q);
	changes_make(c, out, now, &r, other_q);
	struct people_counts t = *people_match_counts(matching);
	struct move_sums m = {.now = now, .c = c, .by = out->by};
	people_match_each(matching, move_add, &m);
	if (!keep)
		people_match_free(matching);
	moves_hide(c);
	baseline_free(cache, &r, before);
	c->both = t.both;
	c->new_people = t.only_this;
	c->not_returned = t.only_other;
	c->anonymous = t.anonymous[0] + t.anonymous[1];
	/* the same people as the whole round's moves: its rule holds */
	c->withheld = t.both >= min_group && c->whole.moves_withheld;
	c->hidden = t.both < min_group || c->withheld;
	if (!c->hidden)
		memcpy(c->moved, t.moved, sizeof(c->moved));
	out->has_compare = true;
	return STORE_OK;
}

/* ---- the report ---------------------------------------------------------- */

/* The round's people (finished: how many finished responses its running
 * totals count): those kept in cache while nothing was written since
 * they were read (mark: taken before this build's reads), or brought up
 * to date with the responses finished since while nobody read before
 * changed; else read again. */
static struct people *round_people(struct report_cache *cache, struct store *s,
				   const struct store_round *round,
				   const struct store_mark *mark,
				   long long edits, int finished,
				   enum store_status *status)
{
	if (cache == NULL)
		return people_read(s, round->id, status);
	struct people *kept = cache->now_people;
	if (kept != NULL && cache->now_round_id == round->id && mark != NULL) {
		if (cache->now_mark.version == mark->version &&
		    cache->now_mark.changes == mark->changes)
			return kept;
		size_t added = 0;
		if (edits >= 0 && edits == cache->now_edits &&
		    people_read_more(s, round->id, kept, &added) == STORE_OK &&
		    people_count(kept) == (size_t)finished) {
			cache->now_mark = *mark;
			return kept;
		}
	}
	cache_clear_now(cache);
	struct people *p = people_read(s, round->id, status);
	if (p != NULL) {
		cache->now_round_id = round->id;
		cache->now_people = p;
		cache->now_edits = edits;
		/* without a mark, never the same as one taken */
		cache->now_mark =
		    mark != NULL ? *mark : (struct store_mark){-1, -1};
	}
	return p;
}

static enum store_status report_read(
    struct report_cache *cache, struct store *s, const struct store_mark *mark,
    const struct store_round *round, const struct questionnaire *q,
    enum report_by by, const struct store_round *compare,
    const struct questionnaire *compare_q, const struct store_round *leaders,
    const struct questionnaire *leaders_q, bool champions, struct report *out)
{
	/* the baseline's people, when not kept, are read ahead, at once */
	struct people_ahead *ahead =
	    compare != NULL && !baseline_kept_for(cache, compare)
		? people_ahead_start(s, compare->id)
		: NULL;
	struct round_sums r;
	enum store_status status = sums_read(s, round, q, &r);
	if (status == STORE_OK) {
		int min = out->min_group;
		group_make(&out->all, "Whole round", &r.all, q, min);
		group_make(&out->leaders, "Leaders", &r.leaders, q, min);
		group_make(&out->teams, "Teams", &r.teams, q, min);
		for (int t = 0; t < TRACK_COUNT; t++)
			group_make(&out->tracks[t], track_label((enum track)t),
				   &r.tracks[t], q, min);
		groups_complement_array(out->tracks, TRACK_COUNT, min);
		groups_complement(
		    (struct report_group *const[]){&out->leaders, &out->teams},
		    2, min);
		out->groups = groups_make(&r, q, by, min, &out->ngroups);
		out->departments = groups_make(&r, q, REPORT_BY_DEPARTMENT, min,
					       &out->ndepartments);
		department_tracks_make(&r, q, out);
		dimension_order(&out->all, q->ndimensions,
				out->dimension_order);
		status = gaps_build(s, round, &r, leaders, leaders_q, out);
	}
	/* the round's people, for both when both are asked for, and the
	 * count of changes to people that says what of them still holds
	 * (-1: a database read as it is, made before migration 10) */
	struct people *people = NULL;
	long long edits = -1;
	if (status == STORE_OK && (champions || compare != NULL)) {
		if (store_people_edits(s, &edits) != STORE_OK)
			edits = -1;
		people = round_people(cache, s, round, mark, edits, r.all.n,
				      &status);
	}
	people_ahead_match(ahead, people); /* while the champions are read */
	if (status == STORE_OK && champions)
		status = champions_build(s, round, &r, people, out);
	out->has_champions = status == STORE_OK && champions;
	if (status == STORE_OK)
		status = spreads_build(s, round, out);
	if (status == STORE_OK && compare != NULL)
		status = compare_build(cache, s, compare,
				       compare_q != NULL ? compare_q : q, &r,
				       edits, people, &ahead, out);
	people_free(people_ahead_take(ahead, -1, 0, NULL)); /* not taken */
	if (cache == NULL)
		people_free(people);
	sums_free(&r);
	return status;
}

enum store_status report_build(struct store *s, const struct store_round *round,
			       const struct questionnaire *q, enum report_by by,
			       const struct store_round *compare,
			       const struct questionnaire *compare_q,
			       struct report *out)
{
	return report_build_paired(s, round, q, by, compare, compare_q, NULL,
				   NULL, out);
}

enum store_status
report_build_paired(struct store *s, const struct store_round *round,
		    const struct questionnaire *q, enum report_by by,
		    const struct store_round *compare,
		    const struct questionnaire *compare_q,
		    const struct store_round *leaders,
		    const struct questionnaire *leaders_q, struct report *out)
{
	return report_build_cached(NULL, s, round, q, by, compare, compare_q,
				   leaders, leaders_q, true, out);
}

enum store_status report_build_cached(
    struct report_cache *cache, struct store *s,
    const struct store_round *round, const struct questionnaire *q,
    enum report_by by, const struct store_round *compare,
    const struct questionnaire *compare_q, const struct store_round *leaders,
    const struct questionnaire *leaders_q, bool champions, struct report *out)
{
	memset(out, 0, sizeof(*out));
	out->q = q;
	out->min_group =
	    round->min_group > 0 ? round->min_group : STORE_DEFAULT_MIN_GROUP;
	out->small_gaps = round->small_gaps;
	out->by = by;
	if (leaders != NULL)
		snprintf(out->leaders_code, sizeof(out->leaders_code), "%s",
			 leaders->code);
	/* taken before the reads: a write after it, even one they see,
	 * makes the next build's mark another */
	struct store_mark mark;
	bool marked = cache != NULL && store_mark_take(s, &mark) == STORE_OK;
	enum store_status status = store_read_begin(s);
	if (status == STORE_OK)
		status = report_read(cache, s, marked ? &mark : NULL, round, q,
				     by, compare, compare_q, leaders, leaders_q,
				     champions, out);
	store_read_end(s);
	if (status != STORE_OK) {
		report_free(out);
		out->q = q;
	}
	return status;
}

static void groups_free(struct report_group *groups, int n)
{
	if (groups == NULL)
		return;
	for (int i = 0; i < n; i++)
		group_free(&groups[i]);
	free(groups);
}

void report_free(struct report *r)
{
	if (r == NULL)
		return;
	group_free(&r->all);
	group_free(&r->leaders);
	group_free(&r->teams);
	for (int t = 0; t < TRACK_COUNT; t++)
		group_free(&r->tracks[t]);
	groups_free(r->groups, r->ngroups);
	groups_free(r->department_tracks, r->ndepartments * TRACK_COUNT);
	groups_free(r->departments, r->ndepartments);
	for (int i = 0; i < r->ngaps; i++)
		free(r->gaps[i].department);
	free(r->gaps);
	for (int i = 0; i < r->nchampions; i++) {
		free(r->champions[i].name);
		free(r->champions[i].department);
	}
	free(r->champions);
	free(r->spreads);
	group_free(&r->compare.before);
	free(r->compare.whole.label);
	for (int i = 0; i < r->compare.nchanges; i++)
		free(r->compare.changes[i].label);
	free(r->compare.changes);
	memset(r, 0, sizeof(*r));
}
