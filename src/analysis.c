/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void analysis_init(struct analysis *a, const struct questionnaire *q)
{
	memset(a, 0, sizeof(*a));
	a->q = q;
	size_t nq = (size_t)q->nquestions + 1;
	a->questions = xcalloc(nq, sizeof(*a->questions));
	a->dimensions =
	    xcalloc((size_t)q->ndimensions + 1, sizeof(*a->dimensions));
	a->seconds = xcalloc(nq, sizeof(*a->seconds));
	a->nseconds = xcalloc(nq, sizeof(*a->nseconds));
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), so
 * no time zone or locale can change a duration. */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool analysis_parse_time(const char *s, long long *out)
{
	int y, mo, d, h, mi, se;
	char z;
	if (s == NULL || strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se,
		   &z) != 7 ||
	    z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60)
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

/* The score of an answer, NAN when none or not applicable. */
static double answer_score(const struct qn_question *qq, int c)
{
	if (!questionnaire_question_scored(qq) || c < 1 || c > qq->nchoices ||
	    qq->choices[c - 1].score == QN_SCORE_NA)
		return NAN;
	return qq->choices[c - 1].score;
}

static void add_seconds(struct analysis *a, int i, double s)
{
	a->seconds[i] = xreallocarray(a->seconds[i], (size_t)a->nseconds[i] + 1,
				      sizeof(double));
	a->seconds[i][a->nseconds[i]++] = s;
}

/* The time each answer took: since the answer before it in time. */
static void add_times(struct analysis *a, const struct analysis_response *r)
{
	int n = a->q->nquestions;
	long long prev;
	if (!analysis_parse_time(r->started_at, &prev))
		return;
	bool *done = xcalloc((size_t)n + 1, sizeof(bool));
	for (;;) {
		int next = -1;
		long long when = 0;
		for (int i = 0; i < n; i++) {
			long long t;
			if (done[i] || r->choices[i] < 1 ||
			    !analysis_parse_time(r->answered_at[i], &t))
				continue;
			if (next < 0 || t < when) {
				next = i;
				when = t;
			}
		}
		if (next < 0)
			break;
		done[next] = true;
		long long gap = when - prev;
		if (gap >= 0 && gap <= ANALYSIS_BREAK_SECONDS)
			add_seconds(a, next, (double)gap);
		prev = when;
	}
	free(done);
}

/* An unfinished response stops at its first question left unanswered. */
static void add_stop(struct analysis *a, const struct analysis_response *r)
{
	for (int i = 0; i < a->q->nquestions; i++) {
		const struct qn_question *qq = &a->q->questions[i];
		if (!questionnaire_question_applies(qq, r->track, r->role) ||
		    qq->type == QTYPE_ESTIMATE || qq->type == QTYPE_COMMENT)
			continue;
		if (r->choices[i] < 1) {
			a->questions[i].stopped++;
			return;
		}
	}
}

void analysis_add(struct analysis *a, const struct analysis_response *r)
{
	const struct questionnaire *q = a->q;
	a->responses++;
	add_times(a, r);
	if (!r->finished) {
		add_stop(a, r);
		return;
	}
	if (a->finished == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->scores = xreallocarray(a->scores, (size_t)a->cap,
					  sizeof(*a->scores));
	}
	double *row = xcalloc((size_t)q->nquestions + 1, sizeof(double));
	a->scores[a->finished++] = row;
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		struct analysis_question *aq = &a->questions[i];
		int c = r->choices[i];
		row[i] = answer_score(qq, c);
		if (!questionnaire_question_applies(qq, r->track, r->role))
			continue;
		aq->shown++;
		if (c < 1 || c > qq->nchoices)
			continue;
		aq->answered++;
		aq->counts[c - 1]++;
		aq->na += qq->choices[c - 1].score == QN_SCORE_NA;
	}
}

static double variance(const double *x, int n)
{
	double mean = 0, var = 0;
	for (int i = 0; i < n; i++)
		mean += x[i];
	mean /= n;
	for (int i = 0; i < n; i++)
		var += (x[i] - mean) * (x[i] - mean);
	return var / (n - 1);
}

double analysis_alpha(double *const *x, int n, int k)
{
	if (k < 2 || n < 3)
		return NAN;
	double *col = xcalloc((size_t)n, sizeof(double));
	double *total = xcalloc((size_t)n, sizeof(double));
	double items = 0;
	for (int j = 0; j < k; j++) {
		for (int i = 0; i < n; i++) {
			col[i] = x[i][j];
			total[i] += x[i][j];
		}
		items += variance(col, n);
	}
	double vt = variance(total, n);
	free(col);
	free(total);
	if (vt <= 0)
		return NAN;
	return (double)k / (k - 1) * (1 - items / vt);
}

double analysis_pearson(const double *x, const double *y, int n)
{
	if (n < 3)
		return NAN;
	double mx = 0, my = 0;
	for (int i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	double sxy = 0, sxx = 0, syy = 0;
	for (int i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

/* The questions of dimension d asked of everyone: the alpha set. */
static int alpha_set(const struct questionnaire *q, int d, int *items)
{
	int k = 0;
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		if (qq->dimension == d && questionnaire_question_scored(qq) &&
		    !qq->has_track && !qq->leaders_only)
			items[k++] = i;
	}
	return k;
}

static bool complete_on(const double *row, const int *items, int k, int skip)
{
	for (int j = 0; j < k; j++)
		if (items[j] != skip && isnan(row[items[j]]))
			return false;
	return true;
}

static void dimension_alpha(struct analysis *a, int d, const int *items, int k)
{
	double **x = xcalloc((size_t)a->finished + 1, sizeof(*x));
	int n = 0;
	for (int r = 0; r < a->finished; r++) {
		if (!complete_on(a->scores[r], items, k, -1))
			continue;
		x[n] = xcalloc((size_t)k, sizeof(double));
		for (int j = 0; j < k; j++)
			x[n][j] = a->scores[r][items[j]];
		n++;
	}
	a->dimensions[d] = (struct analysis_dimension){
	    .items = k, .n = n, .alpha = analysis_alpha(x, n, k)};
	for (int i = 0; i < n; i++)
		free(x[i]);
	free(x);
}

/* Question i against the sum of the rest of its dimension's alpha set. */
static void item_total(struct analysis *a, int i, const int *items, int k)
{
	double *x = xcalloc((size_t)a->finished + 1, sizeof(double));
	double *y = xcalloc((size_t)a->finished + 1, sizeof(double));
	int n = 0, others = 0;
	for (int j = 0; j < k; j++)
		others += items[j] != i;
	for (int r = 0; others > 0 && r < a->finished; r++) {
		const double *row = a->scores[r];
		if (isnan(row[i]) || !complete_on(row, items, k, i))
			continue;
		double rest = 0;
		for (int j = 0; j < k; j++)
			if (items[j] != i)
				rest += row[items[j]];
		x[n] = row[i];
		y[n++] = rest;
	}
	a->questions[i].item_total = analysis_pearson(x, y, n);
	free(x);
	free(y);
}

static int compare_double(const void *p, const void *q)
{
	double x = *(const double *)p, y = *(const double *)q;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	if (n == 0)
		return NAN;
	qsort(v, (size_t)n, sizeof(double), compare_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Floor and ceiling: most scored answers at the lowest or highest score
 * the question has. */
static void ends(const struct qn_question *qq, struct analysis_question *aq)
{
	int low = QN_MAX_SCORE, scored = 0, at_low = 0, at_high = 0;
	for (int c = 0; c < qq->nchoices; c++)
		if (qq->choices[c].score != QN_SCORE_NA &&
		    qq->choices[c].score < low)
			low = qq->choices[c].score;
	for (int c = 0; c < qq->nchoices; c++) {
		int s = qq->choices[c].score;
		if (s == QN_SCORE_NA)
			continue;
		scored += aq->counts[c];
		at_low += s == low ? aq->counts[c] : 0;
		at_high += s == qq->max_score ? aq->counts[c] : 0;
	}
	if (scored == 0)
		return;
	aq->floor = at_low >= ANALYSIS_NO_VARIANCE_SHARE * scored;
	aq->ceiling = at_high >= ANALYSIS_NO_VARIANCE_SHARE * scored;
}

static void flag(struct analysis *a, char *text)
{
	a->flags =
	    xreallocarray(a->flags, (size_t)a->nflags + 1, sizeof(*a->flags));
	a->flags[a->nflags++] = text;
}

static void flag_dimension(struct analysis *a, int d)
{
	const struct analysis_dimension *ad = &a->dimensions[d];
	if (!isnan(ad->alpha) && ad->alpha < ANALYSIS_ALPHA_LOW)
		flag(a, xasprintf("The questions of '%s' do not hang together "
				  "(alpha %.2f, below %.1f): they may measure "
				  "different things.",
				  a->q->dimensions[d].label, ad->alpha,
				  ANALYSIS_ALPHA_LOW));
}

static void flag_choices(struct analysis *a, int i)
{
	const struct qn_question *qq = &a->q->questions[i];
	const struct analysis_question *aq = &a->questions[i];
	if (aq->answered < ANALYSIS_UNPICKED_MIN_N)
		return;
	for (int c = 0; c < qq->nchoices; c++)
		if (aq->counts[c] == 0)
			flag(a,
			     xasprintf("Nobody chose choice %d of %s "
				       "(\"%s\") in %d answers.",
				       c + 1, qq->id,
				       qq->choices[c].text ? qq->choices[c].text
							   : "",
				       aq->answered));
}

static void flag_question(struct analysis *a, int i)
{
	const struct qn_question *qq = &a->q->questions[i];
	const struct analysis_question *aq = &a->questions[i];
	if (!isnan(aq->item_total) && aq->item_total < ANALYSIS_ITEM_TOTAL_LOW)
		flag(a, xasprintf("Question %s does not move with the rest of "
				  "its dimension '%s' (item-total correlation "
				  "%.2f).",
				  qq->id, a->q->dimensions[qq->dimension].label,
				  aq->item_total));
	if (aq->floor || aq->ceiling)
		flag(a, xasprintf("Nobody varies on question %s: %s of the "
				  "scored answers are at its %s score.",
				  qq->id, "90% or more",
				  aq->floor ? "lowest" : "highest"));
	if (aq->answered > 0 && aq->na >= ANALYSIS_NA_HIGH * aq->answered)
		flag(a, xasprintf("Question %s is not applicable to %d of %d "
				  "who answered it (%.0f%%).",
				  qq->id, aq->na, aq->answered,
				  100.0 * aq->na / aq->answered));
	if (!isnan(aq->median_seconds) &&
	    aq->median_seconds > ANALYSIS_SLOW_SECONDS)
		flag(a, xasprintf("Question %s takes long to answer (median "
				  "%.0f seconds).",
				  qq->id, aq->median_seconds));
	if (aq->stopped >= 2)
		flag(a, xasprintf("%d people stopped at question %s.",
				  aq->stopped, qq->id));
	flag_choices(a, i);
}

void analysis_finish(struct analysis *a)
{
	const struct questionnaire *q = a->q;
	int *items = xcalloc((size_t)q->nquestions + 1, sizeof(int));
	for (int i = 0; i < q->nquestions; i++) {
		a->questions[i].item_total = NAN;
		a->questions[i].median_seconds =
		    median(a->seconds[i], a->nseconds[i]);
		if (questionnaire_question_scored(&q->questions[i]))
			ends(&q->questions[i], &a->questions[i]);
	}
	for (int d = 0; d < q->ndimensions; d++) {
		int k = alpha_set(q, d, items);
		dimension_alpha(a, d, items, k);
		for (int i = 0; i < q->nquestions; i++)
			if (q->questions[i].dimension == d &&
			    questionnaire_question_scored(&q->questions[i]))
				item_total(a, i, items, k);
		flag_dimension(a, d);
	}
	for (int i = 0; i < q->nquestions; i++)
		if (q->questions[i].type == QTYPE_CHOICE ||
		    q->questions[i].type == QTYPE_SCALE)
			flag_question(a, i);
	free(items);
}

void analysis_free(struct analysis *a)
{
	for (int r = 0; r < a->finished; r++)
		free(a->scores[r]);
	free(a->scores);
	for (int i = 0; a->q != NULL && i < a->q->nquestions; i++)
		free(a->seconds[i]);
	free(a->seconds);
	free(a->nseconds);
	for (int i = 0; i < a->nflags; i++)
		free(a->flags[i]);
	free(a->flags);
	free(a->questions);
	free(a->dimensions);
	memset(a, 0, sizeof(*a));
}
