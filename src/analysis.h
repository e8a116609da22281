/* SPDX-License-Identifier: MIT */
/* How well a questionnaire measures, from the answers of one round: for
 * an author, not for the people mapped. Per dimension Cronbach's alpha;
 * per question the corrected item-total correlation, the answers per
 * choice, the not-applicable rate, whether anyone varies, the median time
 * people took and how many stopped there; and plain-words flags for what
 * looks wrong. Pure: responses are added one by one, nothing is read or
 * written here.
 *
 * Item scores are the choice scores (0..100). Alpha takes the dimension's
 * questions asked of everyone (not of one track or of leaders only) and
 * the finished responses with a scored answer to each of them. The
 * item-total correlation of a question is Pearson's r between its score
 * and the sum of the other questions of that set, over the finished
 * responses that gave a scored answer to it and to all of them. Times are
 * the seconds between one answer and the one given before it (the first
 * from the start of the response); a gap over 30 minutes is a break and
 * left out. */
#ifndef AIMAP_ANALYSIS_H
#define AIMAP_ANALYSIS_H

#include <stdbool.h>

#include "profile.h"
#include "questionnaire.h"

#define ANALYSIS_BREAK_SECONDS (30 * 60)

/* The thresholds of the flags, documented in aimap(1). */
#define ANALYSIS_ALPHA_LOW 0.6
#define ANALYSIS_ITEM_TOTAL_LOW 0.2
#define ANALYSIS_NO_VARIANCE_SHARE 0.9 /* on one end: floor or ceiling */
#define ANALYSIS_NA_HIGH 0.25
#define ANALYSIS_SLOW_SECONDS 45
#define ANALYSIS_UNPICKED_MIN_N 20 /* "nobody chose" needs this many */

/* One response as the store gives it. */
struct analysis_response {
	enum track track;
	enum role role;
	bool finished;
	const char *started_at;	       /* "2026-01-15T09:30:00Z" */
	const int *choices;	       /* per question, 0 = none */
	const char (*answered_at)[21]; /* per question, "" = none */
};

struct analysis_question {
	int shown;    /* finished responses the question applies to */
	int answered; /* of them, with an answer (n/a included) */
	int na;	      /* answered not applicable */
	int counts[QN_MAX_CHOICES];
	bool floor;	       /* most scored answers at its lowest score */
	bool ceiling;	       /* most at its highest */
	double item_total;     /* NAN when it cannot be computed */
	double median_seconds; /* NAN without a timed answer */
	int stopped;	       /* unfinished responses that stop here */
};

struct analysis_dimension {
	int items;    /* questions in the alpha set */
	int n;	      /* responses complete on them */
	double alpha; /* NAN with fewer than 2 items or 3 responses */
};

struct analysis {
	const struct questionnaire *q;
	int responses; /* added */
	int finished;
	struct analysis_question *questions;   /* q->nquestions */
	struct analysis_dimension *dimensions; /* q->ndimensions */
	char **flags;			       /* plain-words findings */
	int nflags;
	/* private: what finishing needs */
	double **scores; /* per finished response, per question; NAN none */
	int cap;
	double **seconds; /* per question, the times seen */
	int *nseconds;
};

void analysis_init(struct analysis *a, const struct questionnaire *q);
void analysis_add(struct analysis *a, const struct analysis_response *r);
/* Compute the statistics and the flags once every response is added. */
void analysis_finish(struct analysis *a);
void analysis_free(struct analysis *a);

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; false when s is
 * not such a time. */
bool analysis_parse_time(const char *s, long long *out);

/* Cronbach's alpha of k items over n complete cases (x[i][j]: case i,
 * item j), with sample variances; NAN when k < 2, n < 3 or the total
 * does not vary. Exposed for the unit tests. */
double analysis_alpha(double *const *x, int n, int k);
/* Pearson's r of two series; NAN when either does not vary. */
double analysis_pearson(const double *x, const double *y, int n);

#endif
