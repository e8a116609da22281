/* SPDX-License-Identifier: MIT */
/* The statistics of aimap analyze against values computed independently
 * (by hand and with Python's statistics module, as the comments show). */
#include "config.h"

#include <math.h>

#include "testutil.h"

#include "analysis.h"
#include "fixture.h"

/* Three questions of one dimension asked of everyone (q3 has a
 * not-applicable choice), one for the technical track only, one
 * unscored, one comment. */
static const char text[] =
    "[questionnaire]\nid = a\ntitle = A\nversion = 1\naudience = everyone\n"
    "[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"
    "[question.q1]\ntype = choice\ndimension = use\ntext = One?\n"
    "choice1 = a\nscore1 = 0\nchoice2 = b\nscore2 = 50\nchoice3 = c\n"
    "score3 = 100\n"
    "[question.q2]\ntype = choice\ndimension = use\ntext = Two?\n"
    "choice1 = a\nscore1 = 0\nchoice2 = b\nscore2 = 50\nchoice3 = c\n"
    "score3 = 100\n"
    "[question.q3]\ntype = choice\ndimension = use\ntext = Three?\n"
    "choice1 = a\nscore1 = 0\nchoice2 = b\nscore2 = 25\nchoice3 = c\n"
    "score3 = 100\nchoice4 = n/a\nscore4 = na\n"
    "[question.tech]\ntype = choice\ndimension = use\ntrack = technical\n"
    "text = Tech?\nchoice1 = a\nscore1 = 0\nchoice2 = b\nscore2 = 100\n"
    "[question.kind]\ntype = choice\ntext = Kind?\nchoice1 = x\n"
    "choice2 = y\n"
    "[question.note]\ntype = comment\ntext = Note?\n" FIXTURE_TAIL(30);

static struct questionnaire *load(void)
{
	struct diag d;
	diag_init(&d, "a.ini");
	struct questionnaire *q =
	    questionnaire_parse("a.ini", text, sizeof(text) - 1, &d);
	if (q == NULL)
		diag_print(&d, stdout);
	assert_non_null(q);
	diag_free(&d);
	return q;
}

/* Seven finished citizens (q1, q2, q3, kind), one finished technical
 * person, one who stopped at q2. */
static const int answers[][6] = {
    {1, 1, 1, 0, 1, 0}, {2, 2, 2, 0, 1, 0}, {3, 3, 3, 0, 2, 0},
    {2, 3, 2, 0, 1, 0}, {1, 2, 4, 0, 2, 0}, {3, 2, 1, 0, 1, 0},
    {2, 1, 2, 0, 1, 0},
};

static void add(struct analysis *a, const int *choices, enum track track,
		bool finished, const char (*at)[21])
{
	struct analysis_response r = {
	    .track = track,
	    .role = ROLE_INDIVIDUAL,
	    .finished = finished,
	    .started_at = "2026-01-15T09:00:00Z",
	    .choices = choices,
	    .answered_at = at,
	};
	analysis_add(a, &r);
}

static void build(struct analysis *a, const struct questionnaire *q)
{
	/* every answer 10 s after the one before, except q2 (answered
	 * before q1: 5 s from the start) and a break before kind */
	static const char at[6][21] = {
	    "2026-01-15T09:00:15Z", "2026-01-15T09:00:05Z",
	    "2026-01-15T09:00:25Z", "",
	    "2026-01-15T10:00:00Z", ""};
	analysis_init(a, q);
	for (size_t i = 0; i < ARRAY_LEN(answers); i++)
		add(a, answers[i], TRACK_CITIZEN, true, at);
	static const int tech[6] = {3, 3, 3, 2, 2, 0};
	add(a, tech, TRACK_TECHNICAL, true, at);
	static const int stopped[6] = {2, 0, 0, 0, 0, 0};
	add(a, stopped, TRACK_CITIZEN, false, at);
	add(a, stopped, TRACK_CITIZEN, false, at);
	analysis_finish(a);
}

static void test_alpha_and_item_total(void **state)
{
	(void)state;
	struct questionnaire *q = load();
	struct analysis a;
	build(&a, q);
	assert_int_equal(a.responses, 10);
	assert_int_equal(a.finished, 8);
	/* Python: the 7 responses complete on q1..q3 (the n/a one left
	 * out, the technical one in), statistics.variance:
	 * alpha = 3/2 (1 - sum var_i / var_total) */
	assert_int_equal(a.dimensions[0].items, 3);
	assert_int_equal(a.dimensions[0].n, 7);
	assert_float_equal(a.dimensions[0].alpha, 0.8519417475728155, 1e-9);
	assert_float_equal(a.questions[0].item_total, 0.7006490497453708, 1e-9);
	assert_float_equal(a.questions[1].item_total, 0.7544207672018708, 1e-9);
	assert_float_equal(a.questions[2].item_total, 0.724070130417932, 1e-9);
	/* tech: only one person answered it: no correlation */
	assert_true(isnan(a.questions[3].item_total));
	assert_true(isnan(a.questions[4].item_total)); /* unscored */
	analysis_free(&a);
	questionnaire_free(q);
}

static void test_counts_na_times_stops(void **state)
{
	(void)state;
	struct questionnaire *q = load();
	struct analysis a;
	build(&a, q);
	const struct analysis_question *q3 = &a.questions[2];
	assert_int_equal(q3->answered, 8);
	assert_int_equal(q3->na, 1);
	assert_int_equal(q3->counts[0], 2);
	assert_int_equal(q3->counts[1], 3);
	assert_int_equal(q3->counts[2], 2);
	assert_int_equal(q3->counts[3], 1);
	assert_int_equal(a.questions[3].shown, 1);
	assert_int_equal(a.questions[4].counts[0], 5);
	assert_int_equal(a.questions[4].counts[1], 3);
	/* q2 5 s after the start, q1 10 s after q2, q3 10 s after q1; kind
	 * after a break of more than 30 minutes: left out */
	assert_float_equal(a.questions[1].median_seconds, 5, 0);
	assert_float_equal(a.questions[0].median_seconds, 10, 0);
	assert_float_equal(a.questions[2].median_seconds, 10, 0);
	assert_true(isnan(a.questions[4].median_seconds));
	assert_int_equal(a.questions[1].stopped, 2);
	assert_int_equal(a.questions[0].stopped, 0);
	bool stop_flag = false, na_flag = false;
	for (int i = 0; i < a.nflags; i++) {
		stop_flag |=
		    strcmp(a.flags[i], "2 people stopped at question q2.") == 0;
		na_flag |= strstr(a.flags[i], "not applicable") != NULL;
	}
	assert_true(stop_flag);
	assert_false(na_flag); /* 1 of 8 is below a quarter */
	analysis_free(&a);
	questionnaire_free(q);
}

/* A question that goes against its dimension, and one nobody varies
 * on, are flagged in plain words. */
static void test_flags(void **state)
{
	(void)state;
	struct questionnaire *q = load();
	struct analysis a;
	analysis_init(&a, q);
	static const char at[6][21] = {""};
	/* q1 and q2 rise together, q3 falls; everyone is technical and
	 * chose tech 2 (the ceiling) */
	static const int rows[][6] = {{1, 1, 3, 2, 1, 0},
				      {2, 2, 2, 2, 1, 0},
				      {3, 3, 1, 2, 1, 0},
				      {1, 1, 3, 2, 2, 0},
				      {3, 3, 2, 2, 2, 0}};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		add(&a, rows[i], TRACK_TECHNICAL, true, at);
	analysis_finish(&a);
	assert_true(a.questions[3].ceiling);
	assert_false(a.questions[3].floor);
	bool moves = false, alpha = false, varies = false;
	for (int i = 0; i < a.nflags; i++) {
		moves |= strncmp(a.flags[i],
				 "Question q3 does not move with the rest of "
				 "its dimension 'Use'",
				 60) == 0;
		alpha |= strncmp(a.flags[i],
				 "The questions of 'Use' do not hang together",
				 43) == 0;
		varies |= strncmp(a.flags[i], "Nobody varies on question tech",
				  30) == 0;
	}
	assert_true(moves);
	assert_true(alpha);
	assert_true(varies);
	analysis_free(&a);
	questionnaire_free(q);
}

static void test_helpers(void **state)
{
	(void)state;
	long long t;
	assert_true(analysis_parse_time("1970-01-02T00:00:01Z", &t));
	assert_int_equal(t, 86401);
	assert_true(analysis_parse_time("2026-03-01T00:00:00Z", &t));
	long long feb;
	assert_true(analysis_parse_time("2026-02-28T00:00:00Z", &feb));
	assert_int_equal(t - feb, 86400);
	assert_false(analysis_parse_time("2026-01-15 09:00:00", &t));
	assert_false(analysis_parse_time("", &t));
	/* alpha: two identical items give 1; Pearson of a line is 1 */
	double r1[] = {1, 1}, r2[] = {2, 2}, r3[] = {4, 4};
	double *x[] = {r1, r2, r3};
	assert_float_equal(analysis_alpha(x, 3, 2), 1.0, 1e-12);
	assert_true(isnan(analysis_alpha(x, 2, 2)));
	double a[] = {1, 2, 3, 4}, b[] = {3, 5, 7, 9}, c[] = {2, 2, 2, 2};
	assert_float_equal(analysis_pearson(a, b, 4), 1.0, 1e-12);
	assert_true(isnan(analysis_pearson(a, c, 4)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alpha_and_item_total),
	    cmocka_unit_test(test_counts_na_times_stops),
	    cmocka_unit_test(test_flags),
	    cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
