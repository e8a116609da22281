/* SPDX-License-Identifier: MIT */
/* The few statistics aimap's reports need to be honest about small
 * groups, and the one rule every figure is written by. Pure functions: no
 * I/O, no allocation.
 *
 * Shares carry a Wilson score interval (Wilson 1927), which stays inside
 * 0..100% and behaves for the group sizes of a workshop (5 to 50 people),
 * where the textbook p +- z*sqrt(p(1-p)/n) interval does not. Two shares
 * differ clearly when Newcombe's hybrid score interval for their
 * difference (Newcombe 1998, method 10), built from the two Wilson
 * intervals, leaves out zero. Two means differ clearly when their
 * difference is more than z standard errors of the difference. The
 * level is 90% (z = 1.6449) throughout: a facilitator looks for where to
 * act, not for a publication. */
#ifndef AIMAP_STATS_H
#define AIMAP_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* The two-sided 90% normal quantile, qnorm(0.95). */
#define STATS_Z90 1.6448536269514722

/* The Wilson interval of k successes in n, as shares 0..1; both 0 when
 * n <= 0. */
void stats_wilson(int k, int n, double z, double *low, double *high);

/* Newcombe's interval for p1 - p2 (k1 of n1 against k2 of n2), as shares
 * -1..1; both 0 when either n <= 0. */
void stats_difference(int k1, int n1, int k2, int n2, double z, double *low,
		      double *high);

/* True when the share k1/n1 differs from k2/n2 beyond noise at z: the
 * Newcombe interval leaves out zero. False when either n <= 0. */
bool stats_shares_differ(int k1, int n1, int k2, int n2, double z);

/* True when a share estimated from outside the data (a leader's guess,
 * 0..100) lies outside the Wilson interval of k in n: the team's data can
 * tell it from the estimate. False when n <= 0. */
bool stats_estimate_differs(double estimate_pct, int k, int n, double z);

/* The standard error of a mean from the sum, the sum of squares and the
 * count of the values (the sample standard deviation over sqrt(n)); 0
 * when n < 2. */
double stats_mean_se(double sum, double sum_squares, int n);

/* True when two means differ beyond noise at z: |m1 - m2| > z *
 * sqrt(se1^2 + se2^2). False when either standard error is 0 for lack of
 * data (n < 2). */
bool stats_means_differ(double m1, double se1, int n1, double m2, double se2,
			int n2, double z);

/* The one rounding rule of every figure aimap shows or writes: to
 * `decimals` places, halves away from zero. A value that is a half up to
 * the error of binary floating point (70.55 stored as 70.5499...) counts
 * as the half. */
double stats_round(double value, int decimals);

/* value rounded by stats_round and written with exactly `decimals`
 * places ("-0.0" is written "0.0"). Like snprintf: returns the length
 * needed. */
size_t stats_format(double value, int decimals, char *buf, size_t size);

/* Shares in percent of n counts, each rounded to `decimals` places so
 * that they add up to exactly 100 (largest remainder: the rounding error
 * goes to the counts whose remainders are largest, ties to the first).
 * All 0 when the counts add up to 0. n is at most 16. */
void stats_percentages(const int *counts, int n, int decimals, double *out);

#endif
