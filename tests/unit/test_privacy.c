/* SPDX-License-Identifier: MIT */
/* The minimum group size for rows per person (privacy.c): every class a
 * reader sees holds at least the minimum, and no group total published
 * by the summary, less the rows that show they belong to it, leaves
 * fewer than the minimum. Each test tries those subtractions on the
 * result, for every department, role, track and department's leaders. */
#include "config.h"

#include "testutil.h"

#include <strings.h>

#include "privacy.h"

#define I ROLE_INDIVIDUAL
#define X ROLE_EXECUTIVE
#define M ROLE_MANAGER
#define T TRACK_TECHNICAL
#define C TRACK_CITIZEN

static bool same_seen(const struct privacy_group *a,
		      const struct privacy_group *b)
{
	if (a->level != b->level)
		return false;
	if (a->level >= PRIVACY_DEPARTMENT &&
	    strcasecmp(a->department, b->department) != 0)
		return false;
	if (a->level >= PRIVACY_NO_TRACK && a->role != b->role)
		return false;
	return a->level < PRIVACY_ALL || a->track == b->track;
}

/* A reader's subtraction: the rows of a group total (those g belongs
 * to) that do not show it; *total: the rows of the group. */
static int hidden_of(const struct privacy_group *g, int n,
		     const struct privacy_group *of, int attr, int *total)
{
	int hidden = 0;
	*total = 0;
	for (int j = 0; j < n; j++) {
		const struct privacy_group *h = &g[j];
		bool dept = strcasecmp(h->department, of->department) == 0;
		bool in;
		enum privacy_level shown;
		switch (attr) {
		case 0:
			in = dept, shown = PRIVACY_DEPARTMENT;
			break;
		case 1:
			in = h->role == of->role, shown = PRIVACY_NO_TRACK;
			break;
		case 2:
			in = h->track == of->track, shown = PRIVACY_ALL;
			break;
		default:
			in = dept && role_is_leader(h->role) ==
					 role_is_leader(of->role);
			shown = PRIVACY_NO_TRACK;
		}
		*total += in ? h->count : 0;
		if (in && h->level < shown)
			hidden += h->count;
	}
	return hidden;
}

static void check_safe(const struct privacy_group *g, int n, int min)
{
	for (int i = 0; i < n; i++) {
		if (g[i].count == 0)
			continue;
		int seen = 0;
		for (int j = 0; j < n; j++)
			if (same_seen(&g[i], &g[j]))
				seen += g[j].count;
		assert_true(seen >= min);
		/* hidden rows: none, at least min, or the whole group
		 * (then smaller than min, which the summary hides) */
		for (int a = 0; a < 4; a++) {
			int total;
			int h = hidden_of(g, n, &g[i], a, &total);
			assert_true(h == 0 || h >= min || h == total);
		}
	}
}

/* The case: the only Marketing executive. */
static void only_executive_is_not_singled_out(void **state)
{
	(void)state;
	struct privacy_group g[] = {
	    {"Marketing", I, T, 5, 0}, {"Marketing", X, T, 1, 0},
	    {"Sales", I, T, 10, 0},    {"Sales", X, T, 6, 0},
	    {"Ops", I, C, 7, 0},
	};
	privacy_generalise(g, 5, 5);
	check_safe(g, 5, 5);
	/* the executive's row shows no role */
	assert_true(g[1].level < PRIVACY_NO_TRACK);
	/* and the large groups elsewhere keep what they can */
	assert_int_equal(g[4].level, PRIVACY_ALL);
}

static void large_groups_show_everything(void **state)
{
	(void)state;
	struct privacy_group g[] = {
	    {"A", I, T, 5, 0},
	    {"A", M, T, 5, 0},
	    {"b", I, C, 9, 0},
	};
	privacy_generalise(g, 3, 5);
	for (int i = 0; i < 3; i++)
		assert_int_equal(g[i].level, PRIVACY_ALL);
	assert_false(privacy_too_few(g, 3, 5));
	assert_ptr_equal(privacy_find(g, 3, "B", I, C), &g[2]);
	assert_null(privacy_find(g, 3, "B", I, T));
}

/* One small department: withheld, and a large one with it, or the round
 * total less the departments shown would give it. */
static void complementary_department(void **state)
{
	(void)state;
	struct privacy_group g[] = {
	    {"Legal", I, T, 2, 0},
	    {"Eng", I, T, 20, 0},
	    {"Sales", I, T, 8, 0},
	};
	privacy_generalise(g, 3, 5);
	check_safe(g, 3, 5);
	assert_int_equal(g[0].level, PRIVACY_NONE);
	assert_int_equal(g[2].level, PRIVACY_NONE); /* the smaller partner */
	assert_int_equal(g[1].level, PRIVACY_ALL);
}

static void fewer_than_minimum_in_all(void **state)
{
	(void)state;
	struct privacy_group g[] = {{"A", I, T, 2, 0}, {"B", I, T, 2, 0}};
	privacy_generalise(g, 2, 5);
	assert_true(privacy_too_few(g, 2, 5));
	assert_int_equal(g[0].level, PRIVACY_NONE);
	assert_int_equal(g[1].level, PRIVACY_NONE);
}

/* Many shapes of a round, each checked by the subtractions. */
static void random_rounds_are_safe(void **state)
{
	(void)state;
	static const char *const depts[] = {"A", "B", "C", "D"};
	unsigned seed = 7;
	for (int round = 0; round < 2000; round++) {
		struct privacy_group g[32];
		int n = 0;
		for (int d = 0; d < 4; d++)
			for (int r = 0; r < 4; r++)
				for (int t = 0; t < 2; t++) {
					seed = seed * 1103515245u + 12345u;
					int c = (int)((seed >> 16) % 9);
					if ((seed >> 8) % 3 == 0)
						continue;
					g[n++] = (struct privacy_group){
					    depts[d], (enum role)r,
					    (enum track)t, c, 0};
				}
		int min = 2 + round % 5;
		privacy_generalise(g, n, min);
		if (!privacy_too_few(g, n, min))
			check_safe(g, n, min);
	}
}

/* Parts of a whole: two hidden parts of one person each (two in all)
 * hide the smallest part shown, and no more once the hidden hold five. */
static void complement_hides_the_smallest(void **state)
{
	(void)state;
	int count[] = {6, 1, 9, 1, 0};
	bool hidden[] = {false, true, false, true, false};
	assert_true(privacy_complement(count, hidden, 5, 5));
	assert_true(hidden[0]);
	assert_false(hidden[2]);
	assert_false(hidden[4]);
	/* nothing left to hide: the caller hides the whole */
	int few[] = {2, 1};
	bool h[] = {true, false};
	assert_false(privacy_complement(few, h, 2, 5));
	assert_true(h[1]);
}

/* Who joined or left a group between two rounds: none or at least the
 * minimum, counted among all and among the classified. */
static void turnover_none_or_the_minimum(void **state)
{
	(void)state;
	struct privacy_turnover t = {7, 7, 7, 7, 7, 7, 7};
	assert_false(privacy_turnover_exposed(&t, 5));
	t.people_now = t.classified_now = 8; /* one joined */
	assert_true(privacy_turnover_exposed(&t, 5));
	t.people_now = t.classified_now = 12; /* five joined */
	assert_false(privacy_turnover_exposed(&t, 5));
	t.both_classified_now = 6; /* one returner now unclassified */
	assert_false(privacy_turnover_exposed(&t, 5));
	t.classified_now = 8; /* so only two classified joined */
	assert_true(privacy_turnover_exposed(&t, 5));
	struct privacy_turnover in = {5, 5, 5, 5, 6, 6, 6};
	/* one came from another group: 5 - 6 would give their segment */
	assert_true(privacy_turnover_exposed(&in, 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(only_executive_is_not_singled_out),
	    cmocka_unit_test(large_groups_show_everything),
	    cmocka_unit_test(complementary_department),
	    cmocka_unit_test(fewer_than_minimum_in_all),
	    cmocka_unit_test(random_rounds_are_safe),
	    cmocka_unit_test(complement_hides_the_smallest),
	    cmocka_unit_test(turnover_none_or_the_minimum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
