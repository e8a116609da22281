/* SPDX-License-Identifier: MIT */
/* CSV baselines: see export.h. One function per kind; the file they go
 * to is written beside the target and renamed over it at the end. */
#include "config.h"

#include "export.h"
#include "participation.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "nextstep.h"
#include "privacy.h"
#include "report.h"
#include "stats.h"
#include "util.h"

static const char *const kind_names[EXPORT_KIND_COUNT] = {
    [EXPORT_RESPONSES] = "responses", [EXPORT_ANSWERS] = "answers",
    [EXPORT_SUMMARY] = "summary",     [EXPORT_TRANSITIONS] = "transitions",
    [EXPORT_COMMENTS] = "comments",   [EXPORT_PLAN] = "plan",
};

const char *export_kind_name(enum export_kind k)
{
	return kind_names[k];
}

bool export_kind_parse(const char *s, enum export_kind *out)
{
	for (int k = 0; k < EXPORT_KIND_COUNT; k++)
		if (strcmp(s, kind_names[k]) == 0) {
			*out = (enum export_kind)k;
			return true;
		}
	return false;
}

const char *export_kind_names(void)
{
	return "responses, answers, summary, transitions, comments or plan";
}

enum export_baseline export_kind_baseline(enum export_kind k)
{
	switch (k) {
	case EXPORT_SUMMARY:
		return EXPORT_MAY_BASELINE;
	case EXPORT_TRANSITIONS:
		return EXPORT_NEEDS_BASELINE;
	default:
		return EXPORT_NO_BASELINE;
	}
}

/* ---- shared ------------------------------------------------------------- */

struct out {
	struct csv_writer w;
	const struct export_request *r;
};

static void header(struct out *o, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		csv_text(&o->w, names[i]);
}

/* A header cell made of a prefix and an id ("score_use"). */
static void header_id(struct out *o, const char *prefix, const char *id)
{
	char *name = xasprintf("%s%s", prefix, id);
	csv_text(&o->w, name);
	free(name);
}

static void empties(struct out *o, int n)
{
	for (int i = 0; i < n; i++)
		csv_empty(&o->w);
}

/* Stop streaming as soon as the output fails (a full disk). */
static bool row_end(struct out *o)
{
	csv_end_row(&o->w);
	return !ferror(o->w.out);
}

/* ---- responses ---------------------------------------------------------- */

static const char *const responses_head[] = {
    "round", "department", "role", "track", "segment", "subtype", "adoption",
};
static const char *const responses_tail[] = {
    "started_at",
    "finished_at",
    "response_uuid",
    "name",
};

/* The responses export, or the generalised answers export, and the
 * groups of its rows (privacy.h). */
struct responses_out {
	struct out *o;
	struct privacy_group *groups;
	int ngroups;
	/* responses: what a row must show for each score (dimension_needs) */
	enum privacy_level needs[QN_MAX_DIMENSIONS];
};

/* What a row must show for a score of dimension d to be written: a
 * dimension whose every question is for one track (or for leaders only)
 * is scored only for that track, so its empty cell would tell the track
 * the row withholds. */
static enum privacy_level dimension_needs(const struct questionnaire *q, int d)
{
	enum privacy_level need = PRIVACY_ALL;
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		if (qq->dimension != d)
			continue;
		enum privacy_level n = qq->has_track	  ? PRIVACY_ALL
				       : qq->leaders_only ? PRIVACY_NO_TRACK
							  : PRIVACY_NONE;
		if (n < need)
			need = n;
	}
	return need;
}

static bool responses_row(void *ctx, const struct store_export_response *row)
{
	struct responses_out *ro = ctx;
	struct out *o = ro->o;
	const struct privacy_group *g = privacy_find(
	    ro->groups, ro->ngroups, row->department, row->role, row->track);
	enum privacy_level level = g != NULL ? g->level : PRIVACY_NONE;
	csv_text(&o->w, o->r->round->code);
	csv_text(&o->w, level >= PRIVACY_DEPARTMENT ? row->department : NULL);
	csv_text(&o->w,
		 level >= PRIVACY_NO_TRACK ? role_name(row->role) : NULL);
	csv_text(&o->w, level >= PRIVACY_ALL ? track_name(row->track) : NULL);
	bool classified = row->segment != SEGMENT_NONE;
	csv_text(&o->w, classified ? segment_name(row->segment) : NULL);
	csv_text(&o->w, classified && row->subtype != SUBTYPE_NONE
			    ? subtype_name(row->subtype)
			    : NULL);
	if (row->has_adoption)
		csv_real(&o->w, row->adoption, 1);
	else
		csv_empty(&o->w);
	for (int d = 0; d < o->r->q->ndimensions; d++) {
		if (row->scored[d] && level >= ro->needs[d])
			csv_real(&o->w, row->scores[d], 1);
		else
			csv_empty(&o->w);
	}
	csv_time(&o->w, row->started_at);
	csv_time(&o->w, row->finished_at);
	csv_text(&o->w, row->uuid);
	csv_text(&o->w, row->name);
	return row_end(o);
}

/* The finished responses counted by department (without regard to
 * case), role and track, and what each group may show. The tally is read
 * before the rows: a response finished in between is not in it, and its
 * row shows no group at all. */
static enum store_status responses_groups(struct store *s,
					  const struct store_round *round,
					  struct responses_out *ro)
{
	struct store_tally *t;
	int nt;
	enum store_status st = store_report_tally(s, round->id, &t, &nt);
	if (st != STORE_OK)
		return st;
	ro->groups = xcalloc((size_t)nt + 1, sizeof(*ro->groups));
	for (int i = 0; i < nt; i++) {
		if (!t[i].finished || t[i].count <= 0)
			continue;
		struct privacy_group *g = (struct privacy_group *)privacy_find(
		    ro->groups, ro->ngroups, t[i].department, t[i].role,
		    t[i].track);
		if (g == NULL) {
			g = &ro->groups[ro->ngroups++];
			*g = (struct privacy_group){t[i].department, t[i].role,
						    t[i].track, 0, PRIVACY_ALL};
		}
		g->count += t[i].count;
	}
	privacy_generalise(ro->groups, ro->ngroups, round->min_group);
	/* the names point into t, which the rows no longer need */
	for (int i = 0; i < ro->ngroups; i++)
		ro->groups[i].department = xstrdup(ro->groups[i].department);
	store_tally_free(t, nt);
	return STORE_OK;
}

static void responses_groups_free(struct responses_out *ro)
{
	for (int i = 0; i < ro->ngroups; i++)
		free((char *)ro->groups[i].department);
	free(ro->groups);
}

static enum store_status export_responses(struct store *s, struct out *o)
{
	const struct questionnaire *q = o->r->q;
	int nd = q->ndimensions < QN_MAX_DIMENSIONS ? q->ndimensions
						    : QN_MAX_DIMENSIONS;
	char *ids[QN_MAX_DIMENSIONS];
	header(o, responses_head, (int)ARRAY_LEN(responses_head));
	for (int d = 0; d < nd; d++) {
		ids[d] = q->dimensions[d].id;
		header_id(o, "score_", ids[d]);
	}
	header(o, responses_tail, (int)ARRAY_LEN(responses_tail));
	if (!row_end(o))
		return STORE_OK;
	struct responses_out ro = {o, NULL, 0, {0}};
	for (int d = 0; d < nd; d++)
		ro.needs[d] = dimension_needs(q, d);
	enum store_status st = responses_groups(s, o->r->round, &ro);
	if (st == STORE_OK &&
	    !privacy_too_few(ro.groups, ro.ngroups, o->r->round->min_group))
		st = store_export_responses(s, o->r->round->id, ids, nd,
					    responses_row, &ro);
	responses_groups_free(&ro);
	return st;
}

/* ---- answers ------------------------------------------------------------ */

static const char *const answers_columns[ANSWERS_COLUMN_COUNT] = {
#define ANSWERS_COLUMN_NAME(id, name) [ANSWERS_##id] = name,
    EXPORT_ANSWERS_COLUMNS(ANSWERS_COLUMN_NAME)
#undef ANSWERS_COLUMN_NAME
};

const char *export_answers_column_name(enum answers_column c)
{
	return answers_columns[c];
}

/* The columns every row of a response repeats; level: what the row may
 * show of its group. */
static void answers_response_cells(struct out *o,
				   const struct store_export_answers *row,
				   enum privacy_level level)
{
	const struct store_round *round = o->r->round;
	const struct questionnaire *q = o->r->q;
	csv_text(&o->w, round->code);
	csv_text(&o->w, round->uuid);
	csv_text(&o->w, round->name);
	csv_text(&o->w, round->created_at);
	csv_int(&o->w, round->min_group);
	csv_text(&o->w, q->id);
	csv_int(&o->w, q->version);
	csv_text(&o->w, q->hash);
	if (o->r->identifiable)
		csv_text(&o->w, row->respondent_uuid);
	csv_text(&o->w, row->uuid);
	csv_text(&o->w, row->name);
	csv_int(&o->w, row->champion_contact ? 1 : 0);
	csv_text(&o->w, level >= PRIVACY_DEPARTMENT ? row->department : NULL);
	csv_text(&o->w,
		 level >= PRIVACY_NO_TRACK ? role_name(row->role) : NULL);
	csv_text(&o->w, level >= PRIVACY_ALL ? track_name(row->track) : NULL);
	csv_text(&o->w, row->started_at);
	csv_text(&o->w, row->finished_at);
}

static void answers_choice_cells(struct out *o, const struct qn_question *qq,
				 int choice)
{
	if (choice <= 0) {
		empties(o, 3);
		return;
	}
	csv_int(&o->w, choice);
	if (choice > qq->nchoices) { /* not in this questionnaire */
		empties(o, 2);
		return;
	}
	csv_text(&o->w, qq->choices[choice - 1].text);
	if (qq->choices[choice - 1].score == QN_SCORE_NA ||
	    !questionnaire_question_scored(qq))
		empties(o, 1); /* not applicable or unscored: no score */
	else
		csv_int(&o->w, qq->choices[choice - 1].score);
}

/* In the generalised form, a question for one track or for leaders only
 * has rows only where the row shows that track or a leader's role: the
 * rows of the others would tell what their empty cells withhold. */
static bool answers_question_shown(const struct qn_question *qq,
				   const struct store_export_answers *row,
				   enum privacy_level level)
{
	if (qq->has_track && (level < PRIVACY_ALL || qq->track != row->track))
		return false;
	return !qq->leaders_only ||
	       (level >= PRIVACY_NO_TRACK && role_is_leader(row->role));
}

static bool answers_row(void *ctx, const struct store_export_answers *row)
{
	struct responses_out *ro = ctx;
	struct out *o = ro->o;
	const struct questionnaire *q = o->r->q;
	enum privacy_level level = PRIVACY_ALL;
	if (!o->r->identifiable) {
		if (row->finished_at == NULL)
			return true; /* unfinished: only in the full form */
		const struct privacy_group *g =
		    privacy_find(ro->groups, ro->ngroups, row->department,
				 row->role, row->track);
		level = g != NULL ? g->level : PRIVACY_NONE;
	}
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		if (qq->type == QTYPE_COMMENT)
			continue; /* comments never sit beside a name */
		bool estimate = qq->type == QTYPE_ESTIMATE;
		const int *e = row->estimates[i];
		bool answered = estimate ? e[0] != 0 || e[1] != 0 || e[2] != 0
					 : row->choices[i] > 0;
		/* a question for the other track or role: only when
		 * answered (before a change of profile, in an unfinished
		 * response) */
		if (!answered &&
		    !questionnaire_question_applies(qq, row->track, row->role))
			continue;
		if (!o->r->identifiable &&
		    !answers_question_shown(qq, row, level))
			continue;
		answers_response_cells(o, row, level);
		csv_text(&o->w, qq->id);
		csv_text(&o->w, question_type_name(qq->type));
		csv_text(&o->w, qq->dimension >= 0
				    ? q->dimensions[qq->dimension].id
				    : NULL);
		csv_text(&o->w, answered ? "answered" : "unanswered");
		answers_choice_cells(o, qq, estimate ? 0 : row->choices[i]);
		for (int k = 0; k < 3; k++) {
			if (estimate && answered)
				csv_int(&o->w, e[k]);
			else
				csv_empty(&o->w);
		}
		csv_text(&o->w, row->answered_at[i]);
		if (!row_end(o))
			return false;
	}
	return true;
}

enum store_status export_answers_rows(struct store *s,
				      const struct store_round *round,
				      const struct questionnaire *q,
				      bool identifiable, long long *rows)
{
	*rows = 0;
	struct store_tally *t = NULL;
	int n = 0;
	enum store_status status = store_report_tally(s, round->id, &t, &n);
	for (int i = 0; status == STORE_OK && i < n; i++)
		for (int j = 0;
		     (identifiable || t[i].finished) && j < q->nquestions; j++)
			if (q->questions[j].type != QTYPE_COMMENT &&
			    questionnaire_question_applies(
				&q->questions[j], t[i].track, t[i].role))
				*rows += t[i].count;
	store_tally_free(t, n);
	return status;
}

static enum store_status export_answers(struct store *s, struct out *o)
{
	const struct export_request *r = o->r;
	for (int c = 0; c < ANSWERS_COLUMN_COUNT; c++)
		if (r->identifiable || c != ANSWERS_RESPONDENT_UUID)
			csv_text(&o->w, answers_columns[c]);
	if (!row_end(o))
		return STORE_OK;
	struct responses_out ro = {o, NULL, 0, {0}};
	enum store_status st = STORE_OK;
	if (!r->identifiable)
		st = responses_groups(s, r->round, &ro);
	if (st == STORE_OK &&
	    (r->identifiable ||
	     !privacy_too_few(ro.groups, ro.ngroups, r->round->min_group)))
		st = store_export_answers(s, r->round->id, r->q, answers_row,
					  &ro);
	responses_groups_free(&ro);
	return st;
}

/* ---- summary ------------------------------------------------------------ */

/* One row of the summary: a group of this round, and the same group of
 * the baseline when there is one. */
struct summary_row {
	const char *kind;
	const char *id; /* the group's id: a role's or track's name, a
			   department as written, "round", "leaders", "teams" */
	const struct report_group *g;
	const struct report_gap *gap;	   /* NULL: none for this group */
	const struct report_group *before; /* NULL: not in the baseline */
	const struct report_gap *before_gap;
};

struct summary {
	struct out *o;
	const struct report *now;
	const struct report *base; /* NULL without --baseline */
	int base_min;		   /* the larger of the two minimums */
	/* invited, started, completed: last columns, only for a round with
	 * invitations */
	const struct participation *part;
};

/* Every row starts with the round it describes, so rows of several
 * exports can be stacked in one sheet; a group under the minimum has
 * shown 0 and empty numbers (numeric columns hold numbers only). */
static const char *const summary_counts[] = {
    "round_code",    "round_date",
    "questionnaire", "questionnaire_version",
    "kind",	     "group_id",
    "group",	     "shown",
    "min_group",     "n",
    "in_progress",   "champion_n",
    "champion_pct",  "willing_n",
    "willing_pct",   "cautious_n",
    "cautious_pct",  "unclassified_n",
    "sharing_n",     "sharing_pct",
    "alone_n",	     "alone_pct",
    "skeptic_n",     "skeptic_pct",
    "not_started_n", "not_started_pct",
};
static const char *const summary_gap[] = {
    "phase",
    "gap_leaders",
    "gap_team",
    "gap_estimated_champion_pct",
    "gap_estimated_willing_pct",
    "gap_estimated_cautious_pct",
    "gap_actual_champion_pct",
    "gap_actual_willing_pct",
    "gap_actual_cautious_pct",
    "gap_champion_points",
    "gap_champion_clear",
};
static const char *const summary_change[] = {
    "baseline",		  "baseline_shown",
    "baseline_n",	  "change_champion_pct",
    "change_willing_pct", "change_cautious_pct",
    "change_sharing_pct", "change_alone_pct",
    "change_skeptic_pct", "change_not_started_pct",
};

static int classified_of(const struct report_group *g)
{
	return g->segments[SEGMENT_CHAMPION] + g->segments[SEGMENT_WILLING] +
	       g->segments[SEGMENT_CAUTIOUS];
}

static double subtype_pct(const struct report_group *g, enum subtype t)
{
	int total = classified_of(g);
	return total > 0 ? 100.0 * g->subtypes[t] / total : 0;
}

static void summary_header(struct summary *sm)
{
	struct out *o = sm->o;
	const struct questionnaire *q = o->r->q;
	header(o, summary_counts, (int)ARRAY_LEN(summary_counts));
	for (int d = 0; d < q->ndimensions; d++)
		header_id(o, "mean_", q->dimensions[d].id);
	header(o, summary_gap, (int)ARRAY_LEN(summary_gap));
	if (sm->base == NULL)
		return;
	header(o, summary_change, (int)ARRAY_LEN(summary_change));
	for (int d = 0; d < q->ndimensions; d++)
		header_id(o, "change_mean_", q->dimensions[d].id);
	csv_text(&o->w, "change_gap_champion_points");
}

static void summary_part_header(struct summary *sm)
{
	static const char *const names[] = {"invited_n", "started_n",
					    "completed_n"};
	if (sm->part != NULL)
		header(sm->o, names, 3);
}

/* The round's and each department's participation; other groups have
 * none (empty cells). */
static void summary_part_cells(struct summary *sm,
			       const struct summary_row *row)
{
	const struct store_participation *p = NULL, none = {0};
	if (sm->part == NULL)
		return;
	if (strcmp(row->kind, "round") == 0)
		p = &sm->part->total;
	else if (strcmp(row->kind, "department") == 0) {
		p = &none;
		for (int i = 0; i < sm->part->count; i++)
			if (strcasecmp(sm->part->rows[i].department, row->id) ==
			    0)
				p = &sm->part->rows[i];
	}
	if (p == NULL) {
		empties(sm->o, 3);
		return;
	}
	csv_int(&sm->o->w, p->invited);
	csv_int(&sm->o->w, p->started);
	csv_int(&sm->o->w, p->completed);
}

static void summary_numbers(struct summary *sm, const struct report_group *g)
{
	struct out *o = sm->o;
	const struct questionnaire *q = o->r->q;
	csv_int(&o->w, g->n);
	csv_int(&o->w, g->in_progress);
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		csv_int(&o->w, g->segments[s]);
		csv_real(&o->w, report_share(g, s), 1);
	}
	csv_int(&o->w, g->segments[SEGMENT_NONE]);
	for (int t = SUBTYPE_SHARING; t < SUBTYPE_COUNT; t++) {
		csv_int(&o->w, g->subtypes[t]);
		csv_real(&o->w, subtype_pct(g, t), 1);
	}
	for (int d = 0; d < q->ndimensions; d++) {
		if (d < QN_MAX_DIMENSIONS && g->dimension_n[d] > 0)
			csv_real(&o->w, g->dimensions[d], 1);
		else
			csv_empty(&o->w);
	}
	csv_text(&o->w, phase_name(g->phase));
}

static bool gap_shown(const struct report_gap *gap)
{
	return gap != NULL && !gap->hidden;
}

static void summary_gap_cells(struct summary *sm, const struct report_gap *gap)
{
	struct out *o = sm->o;
	if (gap == NULL) {
		empties(o, (int)ARRAY_LEN(summary_gap) - 1);
		return;
	}
	/* the leaders are counted whatever their number (an estimate is
	 * about the team); the team only from the minimum */
	csv_int(&o->w, gap->leaders);
	if (gap->hidden) {
		empties(o, 9);
		return;
	}
	csv_int(&o->w, gap->team);
	for (int k = 0; k < 3; k++)
		csv_real(&o->w, gap->estimated[k], 1);
	for (int k = 0; k < 3; k++)
		csv_real(&o->w, gap->actual[k], 1);
	csv_real(&o->w, gap->estimated[0] - gap->actual[0], 1);
	csv_int(&o->w, gap->clear[0] ? 1 : 0);
}

static bool group_shown(const struct report_group *g, int min)
{
	return g != NULL && !g->hidden && g->n >= min;
}

static void summary_change_cells(struct summary *sm,
				 const struct summary_row *row)
{
	struct out *o = sm->o;
	const struct questionnaire *q = o->r->q, *bq = o->r->baseline_q;
	const struct report_group *g = row->g, *b = row->before;
	csv_text(&o->w, o->r->baseline->code);
	csv_int(&o->w, group_shown(b, sm->base_min) ? 1 : 0);
	if (group_shown(b, sm->base_min))
		csv_int(&o->w, b->n);
	else
		csv_empty(&o->w);
	bool both = group_shown(b, sm->base_min) && !g->hidden;
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		if (both)
			csv_real(&o->w, report_share(g, s) - report_share(b, s),
				 1);
		else
			csv_empty(&o->w);
	}
	for (int t = SUBTYPE_SHARING; t < SUBTYPE_COUNT; t++) {
		if (both)
			csv_real(&o->w, subtype_pct(g, t) - subtype_pct(b, t),
				 1);
		else
			csv_empty(&o->w);
	}
	for (int d = 0; d < q->ndimensions; d++) {
		int k =
		    both ? questionnaire_find_dimension(bq, q->dimensions[d].id)
			 : -1;
		if (k >= 0 && k < QN_MAX_DIMENSIONS && d < QN_MAX_DIMENSIONS &&
		    g->dimension_n[d] > 0 && b->dimension_n[k] > 0)
			/* the difference of the means as shown, as the
			 * report and the dashboard give it */
			csv_real(&o->w,
				 stats_round(g->dimensions[d], 1) -
				     stats_round(b->dimensions[k], 1),
				 1);
		else
			csv_empty(&o->w);
	}
	if (gap_shown(row->gap) && gap_shown(row->before_gap) &&
	    row->before_gap->leaders >= sm->base_min &&
	    row->before_gap->team >= sm->base_min)
		csv_real(&o->w,
			 (row->gap->estimated[0] - row->gap->actual[0]) -
			     (row->before_gap->estimated[0] -
			      row->before_gap->actual[0]),
			 1);
	else
		csv_empty(&o->w);
}

static bool summary_write_row(struct summary *sm, const struct summary_row *row)
{
	struct out *o = sm->o;
	const struct store_round *round = o->r->round;
	csv_text(&o->w, round->code);
	char date[11];
	snprintf(date, sizeof(date), "%.10s", round->created_at);
	csv_text(&o->w, date);
	csv_text(&o->w, o->r->q->id);
	csv_int(&o->w, o->r->q->version);
	csv_text(&o->w, row->kind);
	csv_text(&o->w, row->id);
	csv_text(&o->w, row->g->label);
	csv_int(&o->w, row->g->hidden ? 0 : 1);
	csv_int(&o->w, sm->now->min_group);
	int cells =
	    (int)ARRAY_LEN(summary_counts) - 9 + o->r->q->ndimensions + 1;
	if (row->g->hidden && gap_shown(row->gap)) {
		/* a team under the minimum whose gap the round shows
		 * (round new --small-gaps): the gap, nothing else */
		empties(o, cells);
		summary_gap_cells(sm, row->gap);
	} else if (row->g->hidden) {
		empties(o, cells + (int)ARRAY_LEN(summary_gap) - 1);
	} else {
		summary_numbers(sm, row->g);
		summary_gap_cells(sm, row->gap);
	}
	if (sm->base != NULL)
		summary_change_cells(sm, row);
	summary_part_cells(sm, row);
	return row_end(o);
}

/* The gap of a department (NULL: the whole round), if it has one. */
static const struct report_gap *gap_of(const struct report *r,
				       const char *department)
{
	if (r == NULL)
		return NULL;
	for (int i = 0; i < r->ngaps; i++) {
		const char *d = r->gaps[i].department;
		if ((d == NULL && department == NULL) ||
		    (d != NULL && department != NULL &&
		     strcasecmp(d, department) == 0))
			return &r->gaps[i];
	}
	return NULL;
}

static const struct report_group *department_of(const struct report *r,
						const char *label)
{
	if (r == NULL)
		return NULL;
	for (int i = 0; i < r->ndepartments; i++)
		if (strcasecmp(r->departments[i].label, label) == 0)
			return &r->departments[i];
	return NULL;
}

static bool summary_rows(struct summary *sm)
{
	const struct report *n = sm->now, *b = sm->base;
	struct summary_row row = {"round",
				  "round",
				  &n->all,
				  gap_of(n, NULL),
				  b ? &b->all : NULL,
				  gap_of(b, NULL)};
	bool ok = summary_write_row(sm, &row);
	for (int i = 0; ok && i < n->ndepartments; i++) {
		const char *label = n->departments[i].label;
		row = (struct summary_row){"department",
					   label,
					   &n->departments[i],
					   gap_of(n, label),
					   department_of(b, label),
					   gap_of(b, label)};
		ok = summary_write_row(sm, &row);
	}
	for (int i = 0; ok && i < n->ngroups; i++) { /* roles */
		row = (struct summary_row){"role",
					   role_name((enum role)i),
					   &n->groups[i],
					   NULL,
					   b && i < b->ngroups ? &b->groups[i]
							       : NULL,
					   NULL};
		ok = summary_write_row(sm, &row);
	}
	for (int t = 0; ok && t < TRACK_COUNT; t++) {
		row = (struct summary_row){
		    "track", track_name((enum track)t), &n->tracks[t],
		    NULL,    b ? &b->tracks[t] : NULL,	NULL};
		ok = summary_write_row(sm, &row);
	}
	const struct report_group *levels[2][2] = {
	    {&n->leaders, b ? &b->leaders : NULL},
	    {&n->teams, b ? &b->teams : NULL}};
	static const char *const level_ids[] = {"leaders", "teams"};
	for (int i = 0; ok && i < 2; i++) {
		row = (struct summary_row){"leaders_teams", level_ids[i],
					   levels[i][0],    NULL,
					   levels[i][1],    NULL};
		ok = summary_write_row(sm, &row);
	}
	return ok;
}

static int larger(int a, int b)
{
	return a > b ? a : b;
}

static enum store_status export_summary(struct store *s, struct out *o)
{
	const struct export_request *r = o->r;
	struct report now, base;
	enum store_status status =
	    report_build_paired(s, r->round, r->q, REPORT_BY_ROLE, NULL, NULL,
				r->leaders, r->leaders_q, &now);
	if (status != STORE_OK)
		return status;
	struct summary sm = {o, &now, NULL, now.min_group, NULL};
	if (r->baseline != NULL) {
		status = report_build(s, r->baseline, r->baseline_q,
				      REPORT_BY_ROLE, NULL, NULL, &base);
		if (status != STORE_OK) {
			report_free(&now);
			return status;
		}
		sm.base = &base;
		sm.base_min = larger(now.min_group, base.min_group);
	}
	struct participation part = {0};
	if (r->round->has_invitations) {
		status = participation_load(s, r->round->id, &part);
		if (status != STORE_OK) {
			report_free(&now);
			if (sm.base != NULL)
				report_free(&base);
			return status;
		}
		sm.part = &part;
	}
	summary_header(&sm);
	summary_part_header(&sm);
	if (row_end(o))
		(void)summary_rows(&sm);
	participation_free(&part);
	report_free(&now);
	if (sm.base != NULL)
		report_free(&base);
	return STORE_OK;
}

/* ---- transitions -------------------------------------------------------- */

static const char *const transitions_columns[] = {
    "round", "baseline",  "kind",   "from", "to",
    "shown", "min_group", "people", "by",   "group",
};

static const char *segment_or_unclassified(enum segment s)
{
	return s == SEGMENT_NONE ? "unclassified" : segment_name(s);
}

/* A transitions row; group NULL: the whole round. A group is one
 * department, role or track, by the person's answers in this round. A
 * group too small to show, or withheld, has shown 0 and no people (as in
 * the summary: numeric columns hold numbers only). */
static bool transitions_row_of(struct out *o, const char *by, const char *group,
			       const char *kind, int from, int to, int people,
			       bool hidden, bool withheld, int min)
{
	csv_text(&o->w, o->r->round->code);
	csv_text(&o->w, o->r->baseline->code);
	csv_text(&o->w, kind);
	csv_text(&o->w, from >= 0 ? segment_or_unclassified(from) : NULL);
	csv_text(&o->w, to >= 0 ? segment_or_unclassified(to) : NULL);
	csv_int(&o->w, hidden || withheld ? 0 : 1);
	csv_int(&o->w, min);
	if (hidden || withheld)
		csv_empty(&o->w);
	else
		csv_int(&o->w, people);
	csv_text(&o->w, by != NULL ? by : "round");
	csv_text(&o->w, group != NULL ? group : "Whole round");
	return row_end(o);
}

static bool transitions_row(struct out *o, const char *kind, int from, int to,
			    int people, bool hidden, bool withheld, int min)
{
	return transitions_row_of(o, NULL, NULL, kind, from, to, people, hidden,
				  withheld, min);
}

/* Who moved within each department, role or track: the three segments
 * to the three, then how many people of the group are in both rounds. */
static bool transitions_groups(struct out *o, const struct report *rep)
{
	const struct report_compare *c = &rep->compare;
	const char *by = report_by_names[rep->by];
	bool ok = true;
	for (int i = 0; ok && i < c->nchanges; i++) {
		const struct report_change *ch = &c->changes[i];
		for (int from = SEGMENT_CHAMPION; ok && from < SEGMENT_COUNT;
		     from++)
			for (int to = SEGMENT_CHAMPION;
			     ok && to < SEGMENT_COUNT; to++)
				ok = transitions_row_of(
				    o, by, ch->label, "moved", from, to,
				    ch->moved[from][to], ch->moves_hidden,
				    ch->withheld || ch->moves_withheld,
				    c->min_group);
		if (ok)
			ok = transitions_row_of(
			    o, by, ch->label, "both", -1, -1, ch->both,
			    ch->moves_hidden,
			    ch->withheld || ch->moves_withheld, c->min_group);
	}
	return ok;
}

static enum store_status export_transitions(struct store *s, struct out *o)
{
	const struct export_request *r = o->r;
	struct report rep;
	enum store_status status =
	    report_build(s, r->round, r->q, REPORT_BY_DEPARTMENT, r->baseline,
			 r->baseline_q, &rep);
	if (status != STORE_OK)
		return status;
	const struct report_compare *c = &rep.compare;
	int min = larger(r->round->min_group, r->baseline->min_group);
	header(o, transitions_columns, (int)ARRAY_LEN(transitions_columns));
	bool ok = row_end(o);
	/* the three segments always; the unclassified only when someone
	 * was */
	for (int from = 0; ok && from < SEGMENT_COUNT; from++)
		for (int to = 0; ok && to < SEGMENT_COUNT; to++) {
			bool core = from != SEGMENT_NONE && to != SEGMENT_NONE;
			if (!core && (c->hidden || c->moved[from][to] == 0))
				continue;
			ok = transitions_row(o, "moved", from, to,
					     c->moved[from][to], c->hidden,
					     c->withheld, min);
		}
	if (ok)
		ok = transitions_row(o, "both", -1, -1, c->both, c->hidden,
				     c->withheld, min);
	if (ok)
		ok = transitions_row(o, "new", -1, -1, c->new_people, false,
				     false, min);
	if (ok)
		ok = transitions_row(o, "not_returned", -1, -1, c->not_returned,
				     false, false, min);
	if (ok)
		ok = transitions_row(o, "anonymous", -1, -1, c->anonymous,
				     false, false, min);
	if (ok)
		ok = transitions_groups(o, &rep);
	report_free(&rep);
	for (int by = REPORT_BY_ROLE; ok && by <= REPORT_BY_TRACK; by++) {
		status = report_build(s, r->round, r->q, (enum report_by)by,
				      r->baseline, r->baseline_q, &rep);
		if (status != STORE_OK)
			return status;
		ok = transitions_groups(o, &rep);
		report_free(&rep);
	}
	return STORE_OK;
}

/* ---- the 90-day plan ------------------------------------------------------
 */

static const char *const plan_columns[] = {
    "round", "department", "action_id", "action",  "finding",
    "value", "phase",	   "week_from", "week_to", "owner",
    "due",   "status",	   "recorded",
};

/* One row of the plan: an action a rule picks (rule and step set), a
 * recorded one (rec set), or both when the record is of that action. */
struct plan_row {
	const char *department;
	const struct qn_action_rule *rule; /* NULL: none, or not this q's */
	const struct nextstep *step;	   /* NULL: not picked now */
	const struct store_action *rec;	   /* NULL: proposed only */
	bool too_few;
	int order; /* to keep the order of making in a tie */
};

static int plan_week(const struct plan_row *p)
{
	return p->rule != NULL ? weeks_from(p->rule->weeks) : 99;
}

static int plan_compare(const void *a, const void *b)
{
	const struct plan_row *x = a, *y = b;
	if (plan_week(x) != plan_week(y))
		return plan_week(x) < plan_week(y) ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bool plan_write_row(struct out *o, const struct plan_row *p)
{
	csv_text(&o->w, o->r->round->code);
	csv_text(&o->w, p->department);
	csv_text(&o->w, p->rule != NULL	 ? p->rule->id
			: p->rec != NULL ? p->rec->rule
					 : NULL);
	csv_text(&o->w, p->rec != NULL	  ? p->rec->text
			: p->rule != NULL ? p->rule->text
					  : NULL);
	if (p->too_few)
		csv_text(&o->w, "too few to say");
	else if (p->step != NULL)
		csv_text(&o->w, p->step->finding);
	else
		csv_text(&o->w, p->rec != NULL ? p->rec->finding : NULL);
	if (p->step != NULL)
		csv_real(&o->w, p->step->value.value, 1);
	else
		csv_empty(&o->w);
	if (p->rule != NULL) {
		csv_text(&o->w, weeks_label(p->rule->weeks));
		csv_int(&o->w, weeks_from(p->rule->weeks));
		csv_int(&o->w, weeks_to(p->rule->weeks));
	} else {
		empties(o, 3);
	}
	csv_text(&o->w, p->rec != NULL ? p->rec->owner : NULL);
	csv_text(&o->w, p->rec != NULL && p->rec->due[0] ? p->rec->due : NULL);
	csv_text(&o->w, p->too_few	     ? "too_few"
			: p->rec == NULL     ? "proposed"
			: p->rec->done_at[0] ? "done"
					     : "open");
	if (p->rec != NULL)
		csv_int(&o->w, p->rec->id);
	else
		csv_empty(&o->w);
	return row_end(o);
}

/* The latest record of this rule for this department, which it then
 * uses (marked in used[]). */
static const struct store_action *plan_record(const char *department,
					      const char *rule,
					      const struct store_action *recs,
					      int nrecs, bool *used)
{
	for (int i = nrecs - 1; i >= 0; i--) {
		if (used[i] || recs[i].rule == NULL ||
		    strcmp(recs[i].rule, rule) != 0 ||
		    strcasecmp(recs[i].department, department) != 0)
			continue;
		used[i] = true;
		return &recs[i];
	}
	return NULL;
}

static enum store_status export_plan(struct store *s, struct out *o)
{
	const struct export_request *r = o->r;
	struct report rep;
	enum store_status status =
	    report_build_paired(s, r->round, r->q, REPORT_BY_DEPARTMENT, NULL,
				NULL, r->leaders, r->leaders_q, &rep);
	if (status != STORE_OK)
		return status;
	struct store_action *recs = NULL;
	int nrecs = 0;
	status = store_action_list(s, r->round->id, &recs, &nrecs);
	if (status != STORE_OK) {
		report_free(&rep);
		return status;
	}
	int nd = rep.ndepartments;
	struct nextstep_department *steps =
	    xcalloc((size_t)nd + 1, sizeof(*steps));
	struct plan_row *rows =
	    xcalloc((size_t)nd * NEXTSTEP_MAX + (size_t)nrecs + (size_t)nd + 1,
		    sizeof(*rows));
	bool *used = xcalloc((size_t)nrecs + 1, sizeof(*used));
	int n = 0;
	for (int d = 0; d < nd; d++) {
		nextstep_department(&rep, d, &steps[d]);
		const char *dept = rep.departments[d].label;
		if (steps[d].too_few)
			rows[n++] = (struct plan_row){
			    .department = dept, .too_few = true, .order = n};
		for (int i = 0; i < steps[d].nsteps; i++) {
			const struct nextstep *st = &steps[d].steps[i];
			rows[n++] = (struct plan_row){
			    .department = dept,
			    .rule = st->rule,
			    .step = st,
			    .rec = plan_record(dept, st->rule->id, recs, nrecs,
					       used),
			    .order = n};
		}
	}
	for (int i = 0; i < nrecs; i++) {
		if (used[i])
			continue;
		int k = recs[i].rule != NULL
			    ? questionnaire_find_action(r->q, recs[i].rule)
			    : -1;
		rows[n++] =
		    (struct plan_row){.department = recs[i].department,
				      .rule = k >= 0 ? &r->q->actions[k] : NULL,
				      .rec = &recs[i],
				      .order = n};
	}
	qsort(rows, (size_t)n, sizeof(*rows), plan_compare);
	header(o, plan_columns, (int)ARRAY_LEN(plan_columns));
	bool ok = row_end(o);
	for (int i = 0; ok && i < n; i++)
		ok = plan_write_row(o, &rows[i]);
	free(used);
	free(rows);
	free(steps);
	store_actions_free(recs, nrecs);
	report_free(&rep);
	return STORE_OK;
}

/* ---- the export --------------------------------------------------------- */

enum store_status export_write(struct store *s, const struct export_request *r,
			       FILE *out)
{
	struct out o = {.r = r};
	csv_init(&o.w, out, r->delimiter);
	if (r->decimal_comma)
		csv_set_decimal_mark(&o.w, ',');
	if (r->bom)
		csv_bom(&o.w);
	switch (r->kind) {
	case EXPORT_RESPONSES:
		return export_responses(s, &o);
	case EXPORT_ANSWERS:
		return export_answers(s, &o);
	case EXPORT_SUMMARY:
		return export_summary(s, &o);
	case EXPORT_TRANSITIONS:
		return export_transitions(s, &o);
	case EXPORT_COMMENTS:
		return export_comments_write(s, r->round, r->q, true, &o.w);
	case EXPORT_PLAN:
		return export_plan(s, &o);
	default:
		return STORE_OK;
	}
}

/* ---- writing a file whole or not at all --------------------------------- */

/* The temporary file a signal must remove: set while one exists. */
static char *volatile pending_tmp;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction saved_actions[ARRAY_LEN(cleanup_signals)];

static void cleanup_on_signal(int sig)
{
	char *tmp = pending_tmp;
	if (tmp != NULL)
		(void)unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void cleanup_arm(char *tmp)
{
	pending_tmp = tmp;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cleanup_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++) {
		(void)sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
		/* a signal ignored (nohup) stays ignored */
		if (saved_actions[i].sa_handler != SIG_IGN)
			(void)sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static void cleanup_disarm(void)
{
	for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++)
		(void)sigaction(cleanup_signals[i], &saved_actions[i], NULL);
	pending_tmp = NULL;
}

/* A database given as the output by mistake ("-o aimap.db") must not
 * be replaced by a CSV file. */
static bool is_sqlite(const char *path)
{
	char head[16];
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	bool sqlite = fread(head, 1, sizeof(head), f) == sizeof(head) &&
		      memcmp(head, "SQLite format 3", sizeof(head)) == 0;
	fclose(f);
	return sqlite;
}

/* What is at the target now: nothing, or a regular file whose mode the
 * new one keeps when it is the user's own (0600 otherwise). Links are refused,
 * not followed: a link planted where an export goes would otherwise send it
 * anywhere. */
static bool check_target(const char *target, mode_t *mode, char **error)
{
	struct stat sb;
	*mode = 0600; /* answers are personal */
	if (lstat(target, &sb) != 0) {
		if (errno == ENOENT)
			return true;
		*error = xasprintf("%s: %s", target, strerror(errno));
		return false;
	}
	if (S_ISLNK(sb.st_mode))
		*error = xasprintf("%s: is a symbolic link; aimap does not "
				   "write through links (give the path of the "
				   "file itself)",
				   target);
	else if (S_ISDIR(sb.st_mode))
		*error = xasprintf("%s: is a folder; give a file name", target);
	else if (!S_ISREG(sb.st_mode))
		*error = xasprintf("%s: not a regular file", target);
	else if (is_sqlite(target))
		*error = xasprintf("%s: is an SQLite database (aimap's?), not "
				   "an export; aimap does not write over it",
				   target);
	else if (sb.st_uid == geteuid())
		*mode = sb.st_mode & 0777;
	/* Someone else's file, planted in a shared folder for the export to
	 * replace: keeping its mode (0666) would let them read it. */
	return *error == NULL;
}

static bool check_dir(const char *target, const char *dir, char **error)
{
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		*error = xasprintf("%s: %s %s (%s)", target,
				   errno == ENOENT ? "no such folder"
						   : "cannot use the folder",
				   dir, strerror(errno));
		return false;
	}
	if (!S_ISDIR(sb.st_mode)) {
		*error = xasprintf("%s: %s is not a folder", target, dir);
		return false;
	}
	return true;
}

bool export_file_open(struct export_file *f, const char *target, char **error)
{
	memset(f, 0, sizeof(*f));
	*error = NULL;
	if (target == NULL || strcmp(target, "-") == 0) {
		f->out = stdout;
		return true;
	}
	mode_t mode;
	f->dir = util_dir_of(target);
	if (!check_target(target, &mode, error) ||
	    !check_dir(target, f->dir, error)) {
		export_file_abort(f);
		return false;
	}
	const char *base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	f->tmp = xasprintf("%s/.%s.XXXXXX", f->dir, base);
	f->target = xstrdup(target);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		*error = xasprintf("%s: cannot create a file in %s: %s", target,
				   f->dir, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		export_file_abort(f);
		return false;
	}
	cleanup_arm(f->tmp);
	if (fchmod(fd, mode) != 0 || (f->out = fdopen(fd, "w")) == NULL) {
		*error = xasprintf("%s: %s", f->tmp, strerror(errno));
		close(fd);
		export_file_abort(f);
		return false;
	}
	/* large writes: an export can be hundreds of megabytes */
	(void)setvbuf(f->out, NULL, _IOFBF, 1 << 16);
	return true;
}

static bool sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool export_file_commit(struct export_file *f, char **error)
{
	*error = NULL;
	if (f->target == NULL) {
		bool ok = fflush(f->out) == 0 && !ferror(f->out);
		if (!ok)
			*error =
			    xasprintf("cannot write to standard output: %s",
				      strerror(errno));
		return ok;
	}
	const char *step = "cannot write it";
	bool ok = fflush(f->out) == 0 && !ferror(f->out);
	if (ok && !(ok = fsync(fileno(f->out)) == 0))
		step = "cannot sync it";
	int saved = errno;
	if (fclose(f->out) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	f->out = NULL;
	if (ok && !(ok = rename(f->tmp, f->target) == 0)) {
		saved = errno;
		step = "cannot put it in place";
	}
	if (!ok) {
		*error = xasprintf("%s: %s: %s; the file was left as it was",
				   f->target, step, strerror(saved));
		export_file_abort(f);
		return false;
	}
	cleanup_disarm();
	if (!sync_dir(f->dir))
		*error = xasprintf("%s: written, but its folder could not be "
				   "synced: %s",
				   f->target, strerror(errno));
	free(f->tmp);
	f->tmp = NULL;
	export_file_abort(f);
	return *error == NULL;
}

void export_file_abort(struct export_file *f)
{
	if (f->out != NULL && f->out != stdout)
		fclose(f->out);
	if (f->tmp != NULL) {
		(void)unlink(f->tmp);
		cleanup_disarm();
	}
	free(f->tmp);
	free(f->target);
	free(f->dir);
	memset(f, 0, sizeof(*f));
}
