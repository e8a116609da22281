/* SPDX-License-Identifier: MIT */
/* Wilson and Newcombe intervals, standard errors, and the rounding rule:
 * see stats.h for why these and not others. */
#include "config.h"

#include "stats.h"

#include <math.h>
#include <stdio.h>

/* How far from a half a value may be and still count as the half: well
 * above the error of a double near 100, well below anything shown. */
#define STATS_HALF_EPSILON 1e-9

void stats_wilson(int k, int n, double z, double *low, double *high)
{
	*low = *high = 0;
	if (n <= 0)
		return;
	double p = (double)k / n;
	double z2 = z * z;
	double centre = p + z2 / (2.0 * n);
	double margin = z * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
	double scale = 1 + z2 / n;
	*low = (centre - margin) / scale;
	*high = (centre + margin) / scale;
	/* the bounds are 0 and 1 exactly at k = 0 and k = n */
	if (*low < 0 || k == 0)
		*low = 0;
	if (*high > 1 || k == n)
		*high = 1;
}

void stats_difference(int k1, int n1, int k2, int n2, double z, double *low,
		      double *high)
{
	*low = *high = 0;
	if (n1 <= 0 || n2 <= 0)
		return;
	double l1, u1, l2, u2;
	stats_wilson(k1, n1, z, &l1, &u1);
	stats_wilson(k2, n2, z, &l2, &u2);
	double p1 = (double)k1 / n1, p2 = (double)k2 / n2;
	double d = p1 - p2;
	*low = d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
	*high = d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
}

bool stats_shares_differ(int k1, int n1, int k2, int n2, double z)
{
	if (n1 <= 0 || n2 <= 0)
		return false;
	double low, high;
	stats_difference(k1, n1, k2, n2, z, &low, &high);
	return low > 0 || high < 0;
}

bool stats_estimate_differs(double estimate_pct, int k, int n, double z)
{
	if (n <= 0)
		return false;
	double low, high;
	stats_wilson(k, n, z, &low, &high);
	double e = estimate_pct / 100.0;
	return e < low || e > high;
}

double stats_mean_se(double sum, double sum_squares, int n)
{
	if (n < 2)
		return 0;
	double mean = sum / n;
	double var = (sum_squares - n * mean * mean) / (n - 1);
	if (var < 0) /* all equal, up to rounding */
		var = 0;
	return sqrt(var / n);
}

bool stats_means_differ(double m1, double se1, int n1, double m2, double se2,
			int n2, double z)
{
	if (n1 < 2 || n2 < 2)
		return false;
	double se = sqrt(se1 * se1 + se2 * se2);
	if (se == 0)
		return m1 != m2;
	return fabs(m1 - m2) > z * se;
}

double stats_round(double value, int decimals)
{
	double scale = pow(10, decimals);
	double v = fabs(value) * scale;
	double r = floor(v + 0.5 + STATS_HALF_EPSILON);
	return copysign(r / scale, value);
}

size_t stats_format(double value, int decimals, char *buf, size_t size)
{
	double r = stats_round(value, decimals);
	if (r == 0)
		r = 0; /* no "-0.0" */
	int n = snprintf(buf, size, "%.*f", decimals, r);
	return n < 0 ? 0 : (size_t)n;
}

void stats_percentages(const int *counts, int n, int decimals, double *out)
{
	enum { MAX = 16 };
	long long total = 0;
	for (int i = 0; i < n; i++)
		total += counts[i];
	double scale = pow(10, decimals);
	long long units = (long long)(100 * scale + 0.5), given = 0;
	double remainder[MAX];
	for (int i = 0; i < n && i < MAX; i++) {
		out[i] = 0;
		remainder[i] = 0;
		if (total == 0)
			continue;
		double exact = 100.0 * scale * counts[i] / (double)total;
		double whole = floor(exact + STATS_HALF_EPSILON);
		remainder[i] = exact - whole;
		out[i] = whole;
		given += (long long)whole;
	}
	while (total > 0 && given < units) {
		int best = 0;
		for (int i = 1; i < n && i < MAX; i++)
			if (remainder[i] > remainder[best] + STATS_HALF_EPSILON)
				best = i;
		out[best] += 1;
		remainder[best] = -1;
		given++;
	}
	for (int i = 0; i < n && i < MAX; i++)
		out[i] /= scale;
}
