/* SPDX-License-Identifier: MIT */
/* stats: Wilson and Newcombe intervals, standard errors and the rounding
 * rule, against values computed elsewhere.
 *
 * Where the values come from: the 95% cases are the worked examples of
 * Newcombe's papers (Statistics in Medicine 17, 1998: "Two-sided
 * confidence intervals for the single proportion", 81/263 -> 0.2553 to
 * 0.3662; "Interval estimation for the difference between independent
 * proportions", method 10, 56/70 - 48/80 -> 0.0524 to 0.3339). The 90%
 * cases were computed by hand in python3 with statistics.NormalDist
 * (z = NormalDist().inv_cdf(0.95)) and the textbook formulas, and
 * statistics.stdev for the standard error. */
#include "config.h"

#include "testutil.h"

#include <math.h>

#include "stats.h"

#define Z95 1.9599639845400536

static void wilson_interval(void **state)
{
	(void)state;
	double lo, hi;
	stats_wilson(81, 263, Z95, &lo, &hi);
	assert_true(fabs(lo - 0.2553) < 5e-5 && fabs(hi - 0.3662) < 5e-5);
	/* python3: 3 of 8 at 90% -> 0.16117233776067352, 0.6520085615952672 */
	stats_wilson(3, 8, STATS_Z90, &lo, &hi);
	assert_true(fabs(lo - 0.16117233776067352) < 1e-12);
	assert_true(fabs(hi - 0.6520085615952672) < 1e-12);
	/* 1 of 3 -> 0.07826572633372848, 0.7464661317187756 */
	stats_wilson(1, 3, STATS_Z90, &lo, &hi);
	assert_true(fabs(lo - 0.07826572633372848) < 1e-12);
	assert_true(fabs(hi - 0.7464661317187756) < 1e-12);
	/* 0 of 5 -> exactly 0, 0.35111650076510104 */
	stats_wilson(0, 5, STATS_Z90, &lo, &hi);
	assert_true(lo == 0 && fabs(hi - 0.35111650076510104) < 1e-12);
	stats_wilson(5, 5, STATS_Z90, &lo, &hi);
	assert_true(hi == 1 && lo > 0.6);
	stats_wilson(0, 0, STATS_Z90, &lo, &hi);
	assert_true(lo == 0 && hi == 0);
}

static void difference_of_shares(void **state)
{
	(void)state;
	double lo, hi;
	stats_difference(56, 70, 48, 80, Z95, &lo, &hi);
	assert_true(fabs(lo - 0.0524) < 5e-5 && fabs(hi - 0.3339) < 5e-5);
	assert_true(stats_shares_differ(56, 70, 48, 80, Z95));
	/* python3: 3/8 - 6/8 at 90% -> -0.644164754947583,
	 * 0.025930168779346507: three people of eight is not a clear change,
	 * though it is 37.5 points */
	stats_difference(3, 8, 6, 8, STATS_Z90, &lo, &hi);
	assert_true(fabs(lo - -0.644164754947583) < 1e-12);
	assert_true(fabs(hi - 0.025930168779346507) < 1e-12);
	assert_false(stats_shares_differ(3, 8, 6, 8, STATS_Z90));
	/* 12/20 - 4/20 -> 0.14555900190336507, 0.5904349874843815: clear */
	stats_difference(12, 20, 4, 20, STATS_Z90, &lo, &hi);
	assert_true(fabs(lo - 0.14555900190336507) < 1e-12);
	assert_true(fabs(hi - 0.5904349874843815) < 1e-12);
	assert_true(stats_shares_differ(12, 20, 4, 20, STATS_Z90));
	assert_true(stats_shares_differ(4, 20, 12, 20, STATS_Z90));
	assert_false(stats_shares_differ(1, 0, 1, 5, STATS_Z90));
	assert_false(stats_shares_differ(3, 8, 3, 8, STATS_Z90));
}

static void estimate_against_team(void **state)
{
	(void)state;
	/* the team: 3 of 8, Wilson 90% 16.1%..65.2% (above) */
	assert_false(stats_estimate_differs(50, 3, 8, STATS_Z90));
	assert_false(stats_estimate_differs(17, 3, 8, STATS_Z90));
	assert_true(stats_estimate_differs(16, 3, 8, STATS_Z90));
	assert_true(stats_estimate_differs(66, 3, 8, STATS_Z90));
	assert_false(stats_estimate_differs(90, 0, 0, STATS_Z90));
}

static void standard_error_of_a_mean(void **state)
{
	(void)state;
	/* 40, 55, 70, 85, 100: sum 350, squares 26750; python3
	 * statistics.stdev(v) / sqrt(5) = 10.606601717798211 */
	double se = stats_mean_se(350, 26750, 5);
	assert_true(fabs(se - 10.606601717798211) < 1e-9);
	assert_true(stats_mean_se(70, 4900, 1) == 0);
	assert_true(stats_mean_se(140, 9800, 2) == 0); /* 70, 70 */
	/* 70 +- 10.6 against 40 +- 10.6: 30 > 1.645 * 15.0 = 24.7 */
	assert_true(stats_means_differ(70, se, 5, 40, se, 5, STATS_Z90));
	assert_false(stats_means_differ(70, se, 5, 50, se, 5, STATS_Z90));
	assert_false(stats_means_differ(70, 0, 1, 40, se, 5, STATS_Z90));
}

static void one_rounding_rule(void **state)
{
	(void)state;
	char buf[32];
	stats_format(41.95, 1, buf, sizeof(buf));
	assert_string_equal(buf, "42.0"); /* 41.9499... in binary */
	stats_format(70.55, 1, buf, sizeof(buf));
	assert_string_equal(buf, "70.6");
	stats_format(96.05, 1, buf, sizeof(buf));
	assert_string_equal(buf, "96.1");
	stats_format(-37.55, 1, buf, sizeof(buf));
	assert_string_equal(buf, "-37.6"); /* away from zero */
	stats_format(-0.04, 1, buf, sizeof(buf));
	assert_string_equal(buf, "0.0");
	stats_format(2.5, 0, buf, sizeof(buf));
	assert_string_equal(buf, "3");
	stats_format(100.0 / 3, 1, buf, sizeof(buf));
	assert_string_equal(buf, "33.3");
	assert_true(stats_round(0.25, 1) == 0.3);
	assert_true(stats_round(-0.25, 1) == -0.3);
}

static void percentages_add_up(void **state)
{
	(void)state;
	double out[3];
	int thirds[] = {1, 1, 1};
	stats_percentages(thirds, 3, 1, out);
	/* 33.333.. each: the first takes the tenth that is left */
	assert_true(fabs(out[0] - 33.4) < 1e-9 && fabs(out[1] - 33.3) < 1e-9 &&
		    fabs(out[2] - 33.3) < 1e-9);
	int sevenths[] = {1, 2, 4}; /* 14.2857, 28.5714, 57.1429 */
	stats_percentages(sevenths, 3, 1, out);
	assert_true(fabs(out[0] - 14.3) < 1e-9 && fabs(out[1] - 28.6) < 1e-9 &&
		    fabs(out[2] - 57.1) < 1e-9);
	int thirds0[] = {1, 1, 1};
	stats_percentages(thirds0, 3, 0, out);
	assert_true(out[0] == 34 && out[1] == 33 && out[2] == 33);
	int none[] = {0, 0, 0};
	stats_percentages(none, 3, 1, out);
	assert_true(out[0] == 0 && out[1] == 0 && out[2] == 0);
	int exact[] = {3, 5};
	stats_percentages(exact, 2, 1, out);
	assert_true(out[0] == 37.5 && out[1] == 62.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wilson_interval),
	    cmocka_unit_test(difference_of_shares),
	    cmocka_unit_test(estimate_against_team),
	    cmocka_unit_test(standard_error_of_a_mean),
	    cmocka_unit_test(one_rounding_rule),
	    cmocka_unit_test(percentages_add_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
