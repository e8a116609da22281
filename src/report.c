/* SPDX-License-Identifier: MIT */
/* Comparisons of a round's results. The store hands over a few small
 * tables of sums (per department, role, track and classification); this
 * file adds them up into every group the report shows, applies the
 * minimum group size, and compares. */
#include "config.h"

#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scoring.h"
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
	int scored[QN_MAX_DIMENSIONS];
};

/* Every group of one round, added up from the store's rows. */
struct round_sums {
	struct departments depts;
	struct group_sum all, leaders, teams;
	struct group_sum roles[ROLE_COUNT];
	struct group_sum tracks[TRACK_COUNT];
	struct group_sum *by_dept;   /* per department */
	struct group_sum *team_dept; /* individual contributors per dept */
};

enum { MAX_TARGETS = 6 };

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
			t[k]->scored[d] += row->count;
		}
	}
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
	return status;
}

static void sums_free(struct round_sums *r)
{
	departments_free(&r->depts);
	free(r->by_dept);
	free(r->team_dept);
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
		if (ax)
			scoring_format_score(a->dimensions[d], row->a);
		if (bx)
			scoring_format_score(b->dimensions[d], row->b);
		if (ax && bx)
			snprintf(row->difference, sizeof(row->difference),
				 "%+.*f", decimals,
				 a->dimensions[d] - b->dimensions[d]);
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
	for (int d = 0; d < q->ndimensions && d < QN_MAX_DIMENSIONS; d++) {
		g->dimension_n[d] = sum->scored[d];
		if (sum->scored[d] > 0)
			g->dimensions[d] = sum->score[d] / sum->scored[d];
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
	for (;;) {
		int hidden = 0, best = -1;
		for (int i = 0; i < n; i++) {
			if (g[i]->hidden)
				hidden += g[i]->n;
			else if (g[i]->n > 0 &&
				 (best < 0 || g[i]->n < g[best]->n))
				best = i;
		}
		if (hidden == 0 || hidden >= min || best < 0)
			return;
		group_hide(g[best]);
	}
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

/* A condition's value for a group: the share of champions or the mean
 * score; false when the group has no score in the dimension. */
static bool condition_value(const struct qn_phase_condition *c,
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
		if (!condition_value(c, g, &v) ||
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
		if (condition_value(c, g, &v)) {
			scoring_format_score(v, have);
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

static void gap_make(struct report_gap *gap, const char *department,
		     const struct leader_sum *lead,
		     const struct group_sum *team, int min_group)
{
	memset(gap, 0, sizeof(*gap));
	gap->department = department != NULL ? xstrdup(department) : NULL;
	gap->min_group = min_group;
	gap->leaders = lead->leaders;
	int total = team->segments[SEGMENT_CHAMPION] +
		    team->segments[SEGMENT_WILLING] +
		    team->segments[SEGMENT_CAUTIOUS];
	gap->team = total;
	gap->hidden = lead->leaders < min_group || total < min_group;
	if (gap->hidden)
		return;
	for (int k = 0; k < 3; k++) {
		gap->estimated[k] = (double)lead->sum[k] / lead->leaders;
		gap->actual[k] =
		    100.0 * team->segments[SEGMENT_CHAMPION + k] / total;
	}
}

/* The departments' gaps add up to the whole round's: as for groups
 * (groups_complement), hidden leaders or teams fewer than min in all
 * hide the department shown with the fewest leaders as well. */
static void gaps_complement(struct report_gap *gaps, int n, int min)
{
	for (;;) {
		int leaders = 0, team = 0, best = -1;
		for (int i = 0; i < n; i++) {
			if (gaps[i].hidden) {
				leaders += gaps[i].leaders;
				team += gaps[i].team;
			} else if (best < 0 ||
				   gaps[i].leaders < gaps[best].leaders) {
				best = i;
			}
		}
		bool exposed =
		    (leaders > 0 && leaders < min) || (team > 0 && team < min);
		if (!exposed || best < 0)
			return;
		gaps[best].hidden = true;
		memset(gaps[best].estimated, 0, sizeof(gaps[best].estimated));
		memset(gaps[best].actual, 0, sizeof(gaps[best].actual));
	}
}

static enum store_status gaps_build(struct store *s,
				    const struct store_round *round,
				    const struct round_sums *r,
				    struct report *out)
{
	int question = first_estimate(out->q);
	if (question < 0)
		return STORE_OK;
	struct store_estimate_sum *rows = NULL;
	int nrows = 0;
	enum store_status status = store_report_estimates(
	    s, round->id, out->q->questions[question].id, &rows, &nrows);
	if (status != STORE_OK)
		return status;
	struct leader_sum *lead =
	    xcalloc((size_t)r->depts.n + 1, sizeof(*lead));
	struct leader_sum total = {0};
	for (int i = 0; i < nrows; i++) {
		int d = departments_find(&r->depts, rows[i].department);
		if (!role_is_leader(rows[i].role) || d < 0)
			continue;
		lead[d].leaders += rows[i].count;
		total.leaders += rows[i].count;
		for (int k = 0; k < 3; k++) {
			lead[d].sum[k] += rows[i].sum[k];
			total.sum[k] += rows[i].sum[k];
		}
	}
	out->gaps = xcalloc((size_t)r->depts.n + 1, sizeof(*out->gaps));
	for (int d = 0; d < r->depts.n; d++)
		if (lead[d].leaders > 0)
			gap_make(&out->gaps[out->ngaps++],
				 department_label(r->depts.names[d]), &lead[d],
				 &r->team_dept[d], out->min_group);
	gaps_complement(out->gaps, out->ngaps, out->min_group);
	gap_make(&out->gaps[out->ngaps++], NULL, &total, &r->teams,
		 out->min_group);
	free(lead);
	store_estimate_sums_free(rows, nrows);
	return STORE_OK;
}

static long percent_round(double v)
{
	return (long)floor(v + 0.5);
}

size_t report_gap_sentence(const struct report_gap *gap, char *buf, size_t size)
{
	struct util_text t;
	util_text_init(&t, buf, size);
	if (!gap->hidden) {
		util_text_printf(
		    &t,
		    "leaders estimate %ld%% champions; %ld%% of their "
		    "teams are",
		    percent_round(gap->estimated[0]),
		    percent_round(gap->actual[0]));
		return t.len;
	}
	bool few_leaders = gap->leaders < gap->min_group;
	bool few_team = gap->team < gap->min_group;
	if (few_leaders)
		util_text_printf(&t, "fewer than %d leaders gave an estimate",
				 gap->min_group);
	if (few_team)
		util_text_printf(&t, "%sfewer than %d of their teams answered",
				 few_leaders ? "; " : "", gap->min_group);
	if (!few_leaders && !few_team) /* hidden by a caller */
		util_text_printf(&t, "too few answers to compare");
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

/* Listed by department, in the report's order, then by name. */
static enum store_status champions_build(struct store *s,
					 const struct store_round *round,
					 const struct round_sums *r,
					 struct report *out)
{
	struct store_champion *rows = NULL;
	int nrows = 0;
	enum store_status status =
	    store_report_champions(s, round->id, &rows, &nrows);
	if (status != STORE_OK)
		return status;
	struct champion_key *keys = xcalloc((size_t)nrows + 1, sizeof(*keys));
	for (int i = 0; i < nrows; i++) {
		int d = departments_find(&r->depts, rows[i].department);
		keys[i].department = d;
		/* spelled as the department's group */
		keys[i].champion.department =
		    xstrdup(d >= 0 ? department_label(r->depts.names[d])
				   : department_label(rows[i].department));
		keys[i].champion.name = rows[i].name;
		keys[i].champion.alone = rows[i].subtype == SUBTYPE_ALONE;
		rows[i].name = NULL; /* moved */
	}
	qsort(keys, (size_t)nrows, sizeof(*keys), champion_compare);
	out->champions = xcalloc((size_t)nrows + 1, sizeof(*out->champions));
	for (int i = 0; i < nrows; i++)
		out->champions[out->nchampions++] = keys[i].champion;
	free(keys);
	store_champions_free(rows, nrows);
	return STORE_OK;
}

/* The population standard deviation of the chosen choices' scores. */
static double spread_of(const struct qn_question *qq, const int *counts, int n)
{
	double mean = 0, var = 0;
	for (int c = 0; c < qq->nchoices; c++)
		mean += (double)counts[c] * qq->choices[c].score;
	mean /= n;
	for (int c = 0; c < qq->nchoices; c++) {
		double d = qq->choices[c].score - mean;
		var += counts[c] * d * d;
	}
	return sqrt(var / n);
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
		if (qq->type == QTYPE_ESTIMATE || all[k].n < out->min_group ||
		    all[k].n == 0)
			continue;
		struct report_spread *sp = &out->spreads[out->nspreads++];
		*sp = all[k];
		sp->question = k;
		sp->spread = spread_of(qq, sp->counts, sp->n);
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
	for (int d = 0; d < to->ndimensions && d < QN_MAX_DIMENSIONS; d++) {
		int k =
		    questionnaire_find_dimension(from, to->dimensions[d].id);
		if (k < 0 || k >= QN_MAX_DIMENSIONS)
			continue;
		dims[d] = g->dimensions[k];
		dn[d] = g->dimension_n[k];
	}
	memcpy(g->dimensions, dims, sizeof(dims));
	memcpy(g->dimension_n, dn, sizeof(dn));
}

static enum store_status compare_build(struct store *s,
				       const struct store_round *round,
				       const struct store_round *other,
				       const struct questionnaire *other_q,
				       struct report *out)
{
	struct report_compare *c = &out->compare;
	snprintf(c->code, sizeof(c->code), "%s", other->code);
	/* each round's answers keep at least its own protection */
	int min_group = out->min_group > other->min_group ? out->min_group
							  : other->min_group;
	struct round_sums r;
	enum store_status status = sums_read(s, other, other_q, &r);
	if (status == STORE_OK) {
		group_make(&c->before,
			   other->name != NULL ? other->name : other->code,
			   &r.all, other_q, min_group);
		group_reindex(&c->before, other_q, out->q);
	}
	sums_free(&r);
	struct store_transitions t;
	if (status == STORE_OK)
		status = store_report_transitions(s, round->id, other->id, &t);
	if (status != STORE_OK)
		return status;
	c->both = t.both;
	c->new_people = t.only_this;
	c->not_returned = t.only_other;
	c->anonymous = t.anonymous[0] + t.anonymous[1];
	c->hidden = t.both < min_group;
	if (!c->hidden)
		memcpy(c->moved, t.moved, sizeof(c->moved));
	out->has_compare = true;
	return STORE_OK;
}

/* ---- the report ---------------------------------------------------------- */

static enum store_status
report_read(struct store *s, const struct store_round *round,
	    const struct questionnaire *q, enum report_by by,
	    const struct store_round *compare,
	    const struct questionnaire *compare_q, struct report *out)
{
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
		dimension_order(&out->all, q->ndimensions,
				out->dimension_order);
		status = gaps_build(s, round, &r, out);
	}
	if (status == STORE_OK)
		status = champions_build(s, round, &r, out);
	if (status == STORE_OK)
		status = spreads_build(s, round, out);
	if (status == STORE_OK && compare != NULL)
		status = compare_build(s, round, compare,
				       compare_q != NULL ? compare_q : q, out);
	sums_free(&r);
	return status;
}

enum store_status report_build(struct store *s, const struct store_round *round,
			       const struct questionnaire *q, enum report_by by,
			       const struct store_round *compare,
			       const struct questionnaire *compare_q,
			       struct report *out)
{
	memset(out, 0, sizeof(*out));
	out->q = q;
	out->min_group =
	    round->min_group > 0 ? round->min_group : STORE_DEFAULT_MIN_GROUP;
	out->by = by;
	enum store_status status = store_read_begin(s);
	if (status == STORE_OK)
		status = report_read(s, round, q, by, compare, compare_q, out);
	store_read_end(s);
	if (status != STORE_OK) {
		report_free(out);
		out->q = q;
	}
	return status;
}

static void groups_free(struct report_group *groups, int n)
{
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
	memset(r, 0, sizeof(*r));
}
