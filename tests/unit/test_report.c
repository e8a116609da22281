/* SPDX-License-Identifier: MIT */
/* The report against a real SQLite file in a temporary folder: answers go
 * in through the loader, the scoring and the store as in the product, and
 * every expected number below is worked out by hand in the comments.
 *
 * Rounds (made once, in group_setup):
 *   MAIN   departments, roles, tracks, heatmap, phases, champions, spreads
 *   GAP    leaders' estimates against their teams
 *   MIN    one department of exactly five, reported with minimum group
 *          sizes 4, 5 and 6 (N+1, N and N-1 around it)
 *   T1/T2  one round against an earlier one answered on an older
 *          questionnaire
 *   DUP    people who answered twice: the champions named
 *   EMPTY  no responses at all */
#include "config.h"

#include "testutil.h"

#include <math.h>

#include <sqlite3.h>

#include "fixture.h"
#include "report-people.h"
#include "report.h"
#include "scoring.h"
#include "stats.h"
#include "store-internal.h"
#include "store.h"
#include "util.h"

/* Adoption is the score of 'use' alone: choice 3 (100) is a champion,
 * 2 (50) the willing middle, 1 (0) the cautious third. A champion with
 * share = 2 (100) shares, with share = 1 (0) works alone. */
static const char questionnaire_text[] =
    "[questionnaire]\n"
    "id = rep\n"
    "title = Report test\n"
    "version = 2\n"
    "audience = everyone\n"
    "minutes = 5\n"
    "[dimension.use]\n"
    "label = Depth of use\n"
    "weight = 1\n"
    "role = adoption\n"
    "[dimension.share]\n"
    "label = Sharing\n"
    "weight = 1\n"
    "role = sharing\n"
    "[dimension.guard]\n"
    "label = Guardrails\n"
    "weight = 1\n"
    "role = context\n" FIXTURE_USE_SHARE_QUESTIONS "[question.guard]\n"
    "type = choice\n"
    "dimension = guard\n"
    "text = Do you know the rules?\n"
    "choice1 = No\n"
    "score1 = 0\n"
    "choice2 = Roughly\n"
    "score2 = 50\n"
    "choice3 = Yes\n"
    "score3 = 100\n"
    "[question.extra]\n"
    "type = scale\n"
    "dimension = guard\n"
    "text = Is there a path to production?\n"
    "points = 2\n"
    "anchor1 = No\n"
    "anchor2 = Yes\n"
    "[question.mix]\n"
    "type = estimate\n"
    "text = How does your team split?\n"
    "[question.mix2]\n"
    "type = estimate\n"
    "text = And the company?\n"
    "[phase.structuring]\n"
    "guard = 50\n"
    "champions = 20\n"
    "[phase.scaling]\n"
    "champions = 40\n"
    "use = 60\n" FIXTURE_TAIL_SHARING;

/* An older questionnaire: its dimensions in another order, no sharing
 * dimension, and a phase rule of its own (structuring at use >= 30). */
static const char old_text[] = "[questionnaire]\n"
			       "id = rep\n"
			       "title = Report test\n"
			       "version = 1\n"
			       "audience = everyone\n"
			       "minutes = 5\n"
			       "[dimension.guard]\n"
			       "label = Guardrails\n"
			       "weight = 1\n"
			       "role = context\n"
			       "[dimension.use]\n"
			       "label = Use\n"
			       "weight = 1\n"
			       "role = adoption\n"
			       "[question.guard]\n"
			       "type = choice\n"
			       "dimension = guard\n"
			       "text = Rules?\n"
			       "choice1 = No\n"
			       "score1 = 0\n"
			       "choice2 = Roughly\n"
			       "score2 = 50\n"
			       "choice3 = Yes\n"
			       "score3 = 100\n"
			       "[question.use]\n"
			       "type = choice\n"
			       "dimension = use\n"
			       "text = Use?\n"
			       "choice1 = Never\n"
			       "score1 = 0\n"
			       "choice2 = Weekly\n"
			       "score2 = 50\n"
			       "choice3 = Daily\n"
			       "score3 = 100\n"
			       "[phase.structuring]\n"
			       "use = 30\n" FIXTURE_TAIL(40);

enum { DIM_USE, DIM_SHARE, DIM_GUARD };

/* ---- fixture ------------------------------------------------------------ */

static char *dir;
static struct store *store;
static struct questionnaire *q, *old_q;
static struct store_round main_round, gap_round, min_round, t1_round, t2_round,
    empty_round, dup_round;

struct person {
	const char *name; /* NULL: anonymous */
	const char *dept;
	enum role role;
	enum track track;
	bool contact;
	int use, share, guard, extra; /* choice numbers, 0: not answered */
	int mix[3], mix2[3];	      /* estimates, all 0: not given */
};

/* One finished response, scored as the product scores it. */
static void submit(const struct store_round *round,
		   const struct questionnaire *qn, const struct person *p)
{
	const struct fixture_answer answers[] = {
	    {"use", p->use, NULL},     {"share", p->share, NULL},
	    {"guard", p->guard, NULL}, {"extra", p->extra, NULL},
	    {"mix", 0, p->mix},	       {"mix2", 0, p->mix2},
	    {NULL, 0, NULL},
	};
	const struct store_profile profile = {p->name, p->dept, p->role,
					      p->track, p->contact};
	fixture_submit(store, round, qn, &profile, answers);
}

static void submit_all(const struct store_round *round,
		       const struct questionnaire *qn, const struct person *p,
		       size_t n)
{
	for (size_t i = 0; i < n; i++)
		submit(round, qn, &p[i]);
}

/* A response started and left unfinished. */
static void start(const struct store_round *round, const char *dept,
		  enum role role, enum track track)
{
	struct store_profile p = {"Someone", dept, role, track, false};
	struct store_response r;
	assert_int_equal(store_response_start(store, round, &p, &r), STORE_OK);
	store_response_free(&r);
}

#define I ROLE_INDIVIDUAL
#define M ROLE_MANAGER
#define X ROLE_EXECUTIVE
#define S ROLE_SENIOR_TECH
#define TECH TRACK_TECHNICAL
#define CIT TRACK_CITIZEN

/* MAIN. The round lists Sales and Engineering (in that order); Finance,
 * "Ops" and "ops " are typed by respondents.
 *
 *        name   dept         role track contact use share guard  segment
 *  s1    Sam    Sales        I    tech  yes      3   2     3     champion,
 * shares s2    -      Sales        I    cit   no       2   1     2     willing
 *  s3    Sue    Sales        M    tech  no       1   1     1     cautious
 *  e1    eve    Engineering  I    tech  yes      3   1     2     champion,
 * alone e2    -      Engineering  S    tech  yes      3   2     3     champion,
 * shares e3    Dan    Engineering  I    tech  no       3   2     3 champion,
 * shares o1    Olga   Ops          I    cit   no       2   1     1     willing
 *  o2    Oz     "ops "       X    cit   no       1   1     1     cautious
 *  f1    Fred   Finance      I    tech  no       1   2     2     cautious
 * and two unfinished: Sales I tech, Finance M citizen. */
static const struct person main_people[] = {
    {"Sam", "Sales", I, TECH, true, 3, 2, 3, 0, {0}, {0}},
    {NULL, "Sales", I, CIT, false, 2, 1, 2, 0, {0}, {0}},
    {"Sue", "Sales", M, TECH, false, 1, 1, 1, 0, {0}, {0}},
    {"eve", "Engineering", I, TECH, true, 3, 1, 2, 0, {0}, {0}},
    {NULL, "Engineering", S, TECH, true, 3, 2, 3, 0, {0}, {0}},
    {"Dan", "Engineering", I, TECH, false, 3, 2, 3, 0, {0}, {0}},
    {"Olga", "Ops", I, CIT, false, 2, 1, 1, 0, {0}, {0}},
    {"Oz", "ops ", X, CIT, false, 1, 1, 1, 0, {0}, {0}},
    {"Fred", "Finance", I, TECH, false, 1, 2, 2, 0, {0}, {0}},
};

/* GAP: the round lists Eng, Sales, Ops and Hr. Every leader also answers
 * mix2 with 90/5/5: a report that read the second estimate question
 * would show 90%.
 *   Eng   five leaders estimate champions 40, 50, 60, 30, 45 (mean 45),
 *         willing 30, 30, 20, 40, 35 (31), cautious 30, 20, 20, 30, 20
 *         (24); a sixth leader gives no estimate. Team: five classified
 *         (use 3, 2, 2, 1, 1: one champion, two willing, two cautious:
 *         20/40/40%) and one who answered nothing but an estimate (not
 *         classified, not a leader: both ignored).
 *   Sales one leader, no estimate: no gap.
 *   Ops   four leaders (N-1): 10/40/50, 20/40/40, 30/40/30, 40/40/20;
 *         team of six: use 3, 3, 3, 2, 2, 1.
 *   Hr    five leaders at 20/40/40; team of four (N-1): use 2, 2, 1, 1. */
static const struct person gap_people[] = {
    {"L1", "Eng", M, TECH, false, 2, 0, 0, 0, {40, 30, 30}, {90, 5, 5}},
    {"L2", "Eng", X, TECH, false, 2, 0, 0, 0, {50, 30, 20}, {90, 5, 5}},
    {"L3", "Eng", S, TECH, false, 2, 0, 0, 0, {60, 20, 20}, {90, 5, 5}},
    {"L4", "Eng", M, CIT, false, 2, 0, 0, 0, {30, 40, 30}, {90, 5, 5}},
    {"L5", "Eng", M, TECH, false, 2, 0, 0, 0, {45, 35, 20}, {90, 5, 5}},
    {"L6", "Eng", M, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"T1", "Eng", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"T2", "Eng", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"T3", "Eng", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"T4", "Eng", I, TECH, false, 1, 0, 0, 0, {0}, {0}},
    {"T5", "Eng", I, TECH, false, 1, 0, 0, 0, {0}, {0}},
    {"T6", "Eng", I, TECH, false, 0, 0, 0, 0, {10, 10, 80}, {0}},
    {"L7", "Sales", M, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"O1", "Ops", M, TECH, false, 2, 0, 0, 0, {10, 40, 50}, {90, 5, 5}},
    {"O2", "Ops", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"O3", "Ops", X, TECH, false, 2, 0, 0, 0, {30, 40, 30}, {90, 5, 5}},
    {"O4", "Ops", S, TECH, false, 2, 0, 0, 0, {40, 40, 20}, {90, 5, 5}},
    {"P1", "Ops", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"P2", "Ops", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"P3", "Ops", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"P4", "Ops", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"P5", "Ops", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"P6", "Ops", I, TECH, false, 1, 0, 0, 0, {0}, {0}},
    {"H1", "Hr", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"H2", "Hr", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"H3", "Hr", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"H4", "Hr", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"H5", "Hr", M, TECH, false, 2, 0, 0, 0, {20, 40, 40}, {90, 5, 5}},
    {"R1", "Hr", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"R2", "Hr", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"R3", "Hr", I, TECH, false, 1, 0, 0, 0, {0}, {0}},
    {"R4", "Hr", I, TECH, false, 1, 0, 0, 0, {0}, {0}},
};

/* MIN: five in "Five": use 3, 3, 2, 1, 1 (two champions, one willing,
 * two cautious); only the champions answer share (2 and 1: one shares,
 * one alone); all answer guard 3 and extra 2 (guard 100); one more
 * started and did not finish. */
static const struct person min_people[] = {
    {"A", "Five", I, TECH, false, 3, 2, 3, 2, {0}, {0}},
    {"B", "Five", I, TECH, false, 3, 1, 3, 2, {0}, {0}},
    {"C", "Five", I, TECH, false, 2, 0, 3, 2, {0}, {0}},
    {"D", "Five", I, TECH, false, 1, 0, 3, 2, {0}, {0}},
    {"E", "Five", I, TECH, false, 1, 0, 3, 2, {0}, {0}},
};

/* T1, on the older questionnaire (guard 2 for everyone: mean 50):
 *   Ann Eng champion, Bob Eng willing, Cy Sales cautious, Di Sales
 *   willing, Ed Ops cautious, Gus Eng willing, one anonymous cautious.
 *   use: 100, 50, 0, 50, 0, 50, 0 = 250 / 7 = 35.71
 * T2, later: "ANN" of "eng" champion, Bob Eng champion, Cy Sales
 *   willing, Di Sales twice (first cautious, then willing: the latest
 *   counts), Gus now in Sales (another person) cautious, Fay Eng
 *   champion (new), two anonymous cautious. */
static const struct person t1_people[] = {
    {"Ann", "Eng", I, TECH, false, 3, 0, 2, 0, {0}, {0}},
    {"Bob", "Eng", I, TECH, false, 2, 0, 2, 0, {0}, {0}},
    {"Cy", "Sales", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
    {"Di", "Sales", I, TECH, false, 2, 0, 2, 0, {0}, {0}},
    {"Ed", "Ops", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
    {"Gus", "Eng", I, TECH, false, 2, 0, 2, 0, {0}, {0}},
    {NULL, "Ops", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
};
static const struct person t2_people[] = {
    {"ANN", "eng", I, TECH, false, 3, 2, 2, 0, {0}, {0}},
    {"Bob", "Eng", I, TECH, false, 3, 2, 2, 0, {0}, {0}},
    {"Cy", "Sales", I, TECH, false, 2, 0, 2, 0, {0}, {0}},
    {"Di", "Sales", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
    {"Di", "Sales", I, TECH, false, 2, 0, 2, 0, {0}, {0}},
    {"Gus", "Sales", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
    {"Fay", "Eng", I, TECH, false, 3, 2, 2, 0, {0}, {0}},
    {NULL, "Eng", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
    {NULL, "Eng", I, TECH, false, 1, 0, 2, 0, {0}, {0}},
};

/* DUP: people who answered twice, all willing to be contacted. Zoe was a
 * champion, then willing: her latest response does not name her. Yan
 * was willing, then a champion; Xi was a champion both times (once as
 * "xi "): each is named once. */
static const struct person dup_people[] = {
    {"Zoe", "Eng", I, TECH, true, 3, 2, 0, 0, {0}, {0}},
    {"Yan", "Eng", I, TECH, true, 2, 0, 0, 0, {0}, {0}},
    {"Xi", "Eng", I, TECH, true, 3, 1, 0, 0, {0}, {0}},
    {"zoe", "eng", I, TECH, true, 2, 0, 0, 0, {0}, {0}},
    {"Yan", "Eng", I, TECH, true, 3, 2, 0, 0, {0}, {0}},
    {"xi ", "Eng", I, TECH, true, 3, 1, 0, 0, {0}, {0}},
};

static int group_setup(void **state)
{
	(void)state;
	unsetenv("AIMAP_NOW");
	dir = testutil_mkdtemp();
	char *path = xasprintf("%s/aimap.db", dir);
	store = fixture_store_open(path);
	free(path);
	q = fixture_parse(questionnaire_text);
	old_q = fixture_parse(old_text);

	char *main_depts[] = {"Sales", "Engineering"};
	fixture_round_make(store, "MAIN", "Main", q, main_depts, 2,
			   &main_round);
	submit_all(&main_round, q, main_people, ARRAY_LEN(main_people));
	start(&main_round, "Sales", I, TECH);
	start(&main_round, "Finance", M, CIT);

	char *gap_depts[] = {"Eng", "Sales", "Ops", "Hr"};
	fixture_round_make(store, "GAP", "Gap", q, gap_depts, 4, &gap_round);
	submit_all(&gap_round, q, gap_people, ARRAY_LEN(gap_people));

	char *min_depts[] = {"Five"};
	fixture_round_make(store, "MIN", "Min", q, min_depts, 1, &min_round);
	submit_all(&min_round, q, min_people, ARRAY_LEN(min_people));
	start(&min_round, "Five", I, TECH);

	fixture_round_make(store, "T1", "Earlier", old_q, NULL, 0, &t1_round);
	submit_all(&t1_round, old_q, t1_people, ARRAY_LEN(t1_people));
	fixture_round_make(store, "T2", "Later", q, NULL, 0, &t2_round);
	submit_all(&t2_round, q, t2_people, ARRAY_LEN(t2_people));

	fixture_round_make(store, "DUP", "Twice", q, NULL, 0, &dup_round);
	submit_all(&dup_round, q, dup_people, ARRAY_LEN(dup_people));

	char *empty_depts[] = {"Nobody"};
	fixture_round_make(store, "EMPTY", "Empty", q, empty_depts, 1,
			   &empty_round);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	store_round_free(&main_round);
	store_round_free(&gap_round);
	store_round_free(&min_round);
	store_round_free(&t1_round);
	store_round_free(&t2_round);
	store_round_free(&empty_round);
	store_round_free(&dup_round);
	questionnaire_free(q);
	questionnaire_free(old_q);
	store_close(store);
	testutil_rmdir(dir);
	return 0;
}

/* ---- helpers --------------------------------------------------------------
 */

#define assert_near(a, b) assert_near_at((a), (b), #a, __FILE__, __LINE__)

static void assert_near_at(double a, double b, const char *what,
			   const char *file, int line)
{
	if (fabs(a - b) > 1e-6)
		fail_msg("%s:%d: %s is %.9f, expected %.9f", file, line, what,
			 a, b);
}

static void build(const struct store_round *round, enum report_by by,
		  int min_group, const struct store_round *compare,
		  const struct questionnaire *compare_q, struct report *out)
{
	struct store_round r = *round;
	r.min_group = min_group;
	struct store_round c;
	if (compare != NULL) {
		c = *compare;
		c.min_group = min_group;
	}
	if (report_build(store, &r, q, by, compare ? &c : NULL, compare_q,
			 out) != STORE_OK)
		fail_msg("%s", store_error(store));
}

static void assert_segments(const struct report_group *g, int champions,
			    int willing, int cautious)
{
	if (g->segments[SEGMENT_CHAMPION] != champions ||
	    g->segments[SEGMENT_WILLING] != willing ||
	    g->segments[SEGMENT_CAUTIOUS] != cautious)
		fail_msg("%s: segments %d/%d/%d, expected %d/%d/%d", g->label,
			 g->segments[SEGMENT_CHAMPION],
			 g->segments[SEGMENT_WILLING],
			 g->segments[SEGMENT_CAUTIOUS], champions, willing,
			 cautious);
}

/* Hidden: the label and the counts of people stay, nothing else. */
static void assert_hidden(const struct report_group *g)
{
	assert_true(g->hidden);
	assert_non_null(g->label);
	for (int s = 0; s < SEGMENT_COUNT; s++)
		assert_int_equal(g->segments[s], 0);
	for (int s = 0; s < SUBTYPE_COUNT; s++)
		assert_int_equal(g->subtypes[s], 0);
	for (int d = 0; d < QN_MAX_DIMENSIONS; d++) {
		assert_true(g->dimensions[d] == 0);
		assert_int_equal(g->dimension_n[d], 0);
	}
	assert_int_equal(g->phase, PHASE_NONE);
}

/* ---- MAIN: groups -----------------------------------------------------------
 */

static void test_by_department(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_DEPARTMENT, 2, NULL, NULL, &r);
	assert_ptr_equal(r.q, q);
	assert_int_equal(r.min_group, 2);
	/* The list's order (Sales before Engineering), then the others
	 * alphabetically; "Ops" and "ops" are one, spelled "Ops" ('O' sorts
	 * before 'o'). */
	assert_int_equal(r.ngroups, 4);
	assert_string_equal(r.groups[0].label, "Sales");
	assert_string_equal(r.groups[1].label, "Engineering");
	assert_string_equal(r.groups[2].label, "Finance");
	assert_string_equal(r.groups[3].label, "Ops");

	/* Sales: s1 champion (shares), s2 willing, s3 cautious; one more
	 * unfinished. use (100 + 50 + 0) / 3 = 50, share (100 + 0 + 0) / 3,
	 * guard (100 + 50 + 0) / 3 = 50. */
	const struct report_group *sales = &r.groups[0];
	assert_false(sales->hidden);
	assert_int_equal(sales->n, 3);
	assert_int_equal(sales->in_progress, 1);
	assert_segments(sales, 1, 1, 1);
	assert_int_equal(sales->segments[SEGMENT_NONE], 0);
	assert_int_equal(sales->subtypes[SUBTYPE_SHARING], 1);
	assert_int_equal(sales->subtypes[SUBTYPE_ALONE], 0);
	assert_near(sales->dimensions[DIM_USE], 50);
	assert_near(sales->dimensions[DIM_SHARE], 100.0 / 3);
	assert_near(sales->dimensions[DIM_GUARD], 50);
	assert_int_equal(sales->dimension_n[DIM_USE], 3);
	/* champions 1/3 = 33% >= 20 and guard 50 >= 50: structuring;
	 * scaling needs 40% champions */
	assert_int_equal(sales->phase, PHASE_STRUCTURING);
	assert_near(report_percent(sales, SEGMENT_CHAMPION), 100.0 / 3);

	/* Engineering: three champions, two share, one alone; use 100,
	 * share (0 + 100 + 100) / 3, guard (50 + 100 + 100) / 3: scaling. */
	const struct report_group *eng = &r.groups[1];
	assert_int_equal(eng->n, 3);
	assert_int_equal(eng->in_progress, 0);
	assert_segments(eng, 3, 0, 0);
	assert_int_equal(eng->subtypes[SUBTYPE_SHARING], 2);
	assert_int_equal(eng->subtypes[SUBTYPE_ALONE], 1);
	assert_near(eng->dimensions[DIM_USE], 100);
	assert_near(eng->dimensions[DIM_SHARE], 200.0 / 3);
	assert_near(eng->dimensions[DIM_GUARD], 250.0 / 3);
	assert_int_equal(eng->phase, PHASE_SCALING);

	/* Finance: one finished (below 2), one unfinished. */
	const struct report_group *fin = &r.groups[2];
	assert_hidden(fin);
	assert_int_equal(fin->n, 1);
	assert_int_equal(fin->in_progress, 1);

	/* Ops (two) is hidden as well: the whole round less the
	 * departments shown would otherwise give Finance's one person
	 * (complementary suppression: the smallest group shown goes). */
	const struct report_group *ops = &r.groups[3];
	assert_hidden(ops);
	assert_int_equal(ops->n, 2);
	assert_hidden(&r.departments[3]);

	/* The heatmap has the same rows whatever the report groups by. */
	assert_int_equal(r.ndepartments, 4);
	assert_string_equal(r.departments[3].label, "Ops");
	assert_int_equal(r.departments[1].n, 3);
	report_free(&r);

	/* Ops with nothing hidden: willing and cautious; use (50 + 0) / 2,
	 * guard 0: exploration. */
	build(&main_round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	ops = &r.groups[3];
	assert_int_equal(ops->n, 2);
	assert_segments(ops, 0, 1, 1);
	assert_near(ops->dimensions[DIM_USE], 25);
	assert_near(ops->dimensions[DIM_GUARD], 0);
	assert_int_equal(ops->dimension_n[DIM_GUARD], 2);
	assert_int_equal(ops->phase, PHASE_EXPLORATION);
	report_free(&r);
}

static void test_whole_round_and_heatmap(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_TRACK, 2, NULL, NULL, &r);
	/* Nine finished, two unfinished: champions s1 e1 e2 e3, willing s2
	 * o1, cautious s3 o2 f1; sharing s1 e2 e3, alone e1. */
	assert_string_equal(r.all.label, "Whole round");
	assert_int_equal(r.all.n, 9);
	assert_int_equal(r.all.in_progress, 2);
	assert_segments(&r.all, 4, 2, 3);
	assert_int_equal(r.all.subtypes[SUBTYPE_SHARING], 3);
	assert_int_equal(r.all.subtypes[SUBTYPE_ALONE], 1);
	/* use:   100 50 0 100 100 100 50 0 0 = 500 / 9 = 55.56
	 * share: 100 0 0 0 100 100 0 0 100   = 400 / 9 = 44.44
	 * guard: 100 50 0 50 100 100 0 0 50  = 450 / 9 = 50 */
	assert_near(r.all.dimensions[DIM_USE], 500.0 / 9);
	assert_near(r.all.dimensions[DIM_SHARE], 400.0 / 9);
	assert_near(r.all.dimensions[DIM_GUARD], 50);
	assert_int_equal(r.all.dimension_n[DIM_SHARE], 9);
	/* weakest first: share 44.4, guard 50, use 55.6 */
	assert_int_equal(r.dimension_order[0], DIM_SHARE);
	assert_int_equal(r.dimension_order[1], DIM_GUARD);
	assert_int_equal(r.dimension_order[2], DIM_USE);
	/* champions 4/9 = 44.4% and guard 50: structuring; use 55.6 < 60
	 * keeps it from scaling */
	assert_int_equal(r.all.phase, PHASE_STRUCTURING);
	char why[200];
	assert_int_equal(report_phase(q, &r.all, why, sizeof(why)),
			 PHASE_STRUCTURING);
	assert_string_equal(why, "scaling needs champions >= 40% (have 44.4%) "
				 "and Depth of use >= 60 (have 55.6)");
	/* The heatmap is by department although the groups are tracks. */
	assert_int_equal(r.ndepartments, 4);
	assert_string_equal(r.departments[0].label, "Sales");
	assert_int_equal(r.departments[0].n, 3);
	report_free(&r);
}

static void test_by_role_and_leaders(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_ROLE, 2, NULL, NULL, &r);
	assert_int_equal(r.by, REPORT_BY_ROLE);
	assert_int_equal(r.ngroups, ROLE_COUNT);
	for (int i = 0; i < ROLE_COUNT; i++)
		assert_string_equal(r.groups[i].label,
				    role_label((enum role)i));
	/* one executive (o2), one manager (s3 and the unfinished one in
	 * Finance), one senior technical leader (e2): each hidden */
	assert_hidden(&r.groups[ROLE_EXECUTIVE]);
	assert_int_equal(r.groups[ROLE_EXECUTIVE].n, 1);
	assert_hidden(&r.groups[ROLE_MANAGER]);
	assert_int_equal(r.groups[ROLE_MANAGER].in_progress, 1);
	assert_hidden(&r.groups[ROLE_SENIOR_TECH]);
	/* individuals s1 s2 e1 e3 o1 f1: champions s1 e1 e3, willing s2 o1,
	 * cautious f1; one unfinished in Sales */
	const struct report_group *ind = &r.groups[ROLE_INDIVIDUAL];
	assert_int_equal(ind->n, 6);
	assert_int_equal(ind->in_progress, 1);
	assert_segments(ind, 3, 2, 1);
	/* use (100 + 50 + 100 + 100 + 50 + 0) / 6 = 400 / 6 */
	assert_near(ind->dimensions[DIM_USE], 400.0 / 6);
	/* Leaders s3 e2 o2: one champion, two cautious; teams are the
	 * individuals. */
	assert_string_equal(r.leaders.label, "Leaders");
	assert_int_equal(r.leaders.n, 3);
	assert_int_equal(r.leaders.in_progress, 1);
	assert_segments(&r.leaders, 1, 0, 2);
	assert_near(r.leaders.dimensions[DIM_USE], 100.0 / 3);
	assert_string_equal(r.teams.label, "Teams");
	assert_int_equal(r.teams.n, 6);
	assert_segments(&r.teams, 3, 2, 1);
	report_free(&r);
}

static void test_by_track(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_TRACK, 2, NULL, NULL, &r);
	assert_int_equal(r.ngroups, TRACK_COUNT);
	/* technical: s1 s3 e1 e2 e3 f1: champions s1 e1 e2 e3, cautious s3
	 * f1; unfinished: the one in Sales. citizen: s2 o1 o2: two willing,
	 * one cautious; unfinished: the one in Finance. */
	const struct report_group *tech = &r.groups[TRACK_TECHNICAL];
	assert_string_equal(tech->label, track_label(TRACK_TECHNICAL));
	assert_int_equal(tech->n, 6);
	assert_int_equal(tech->in_progress, 1);
	assert_segments(tech, 4, 0, 2);
	const struct report_group *cit = &r.groups[TRACK_CITIZEN];
	assert_int_equal(cit->n, 3);
	assert_int_equal(cit->in_progress, 1);
	assert_segments(cit, 0, 2, 1);
	/* citizen use (50 + 50 + 0) / 3 */
	assert_near(cit->dimensions[DIM_USE], 100.0 / 3);
	/* the fixed tracks[] agree */
	assert_int_equal(r.tracks[TRACK_TECHNICAL].n, 6);
	assert_segments(&r.tracks[TRACK_CITIZEN], 0, 2, 1);
	report_free(&r);
}

static void test_champions(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_DEPARTMENT, 2, NULL, NULL, &r);
	/* Champions: Sam (Sales, contact), eve (Engineering, contact,
	 * alone), an anonymous one (contact: no name to give) and Dan (no
	 * contact). Listed by department order, Sales first, although "eve"
	 * sorts before "Sam". */
	assert_int_equal(r.nchampions, 2);
	assert_string_equal(r.champions[0].name, "Sam");
	assert_string_equal(r.champions[0].department, "Sales");
	assert_false(r.champions[0].alone);
	assert_string_equal(r.champions[1].name, "eve");
	assert_string_equal(r.champions[1].department, "Engineering");
	assert_true(r.champions[1].alone);
	/* no estimates in MAIN: only the whole round's gap, hidden */
	assert_int_equal(r.ngaps, 1);
	assert_null(r.gaps[0].department);
	assert_true(r.gaps[0].hidden);
	assert_int_equal(r.gaps[0].leaders, 0);
	report_free(&r);
}

static void test_champions_latest_response(void **state)
{
	(void)state;
	struct report r;
	build(&dup_round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	assert_int_equal(r.nchampions, 2);
	/* as the latest response spells it, trimmed */
	assert_string_equal(r.champions[0].name, "xi");
	assert_true(r.champions[0].alone);
	assert_string_equal(r.champions[1].name, "Yan");
	assert_false(r.champions[1].alone);
	/* the groups count responses, all six of them */
	assert_int_equal(r.all.n, 6);
	assert_segments(&r.all, 4, 2, 0);
	report_free(&r);
}

/* Population standard deviations of the scores chosen by the nine:
 *   share: four 100, five 0: 100 sqrt(4/9 * 5/9) = 100 sqrt(20) / 9
 *   use:   in units of 50: 2 2 2 2 1 1 0 0 0, mean 10/9, mean square 2,
 *          variance 2 - 100/81 = 62/81: 50 sqrt(62) / 9 = 43.74
 *   guard: 2 2 2 1 1 1 0 0 0, mean 1, mean square 15/9, variance 6/9:
 *          50 sqrt(2/3) = 40.82
 * extra was answered by nobody and estimates have no scores. */
static void test_spreads(void **state)
{
	(void)state;
	struct report r;
	build(&main_round, REPORT_BY_DEPARTMENT, 2, NULL, NULL, &r);
	assert_int_equal(r.nspreads, 3);
	int share = questionnaire_find_question(q, "share");
	int use = questionnaire_find_question(q, "use");
	int guard = questionnaire_find_question(q, "guard");
	assert_int_equal(r.spreads[0].question, share);
	assert_int_equal(r.spreads[0].n, 9);
	assert_near(r.spreads[0].spread, 100 * sqrt(20) / 9);
	assert_int_equal(r.spreads[0].counts[0], 5);
	assert_int_equal(r.spreads[0].counts[1], 4);
	assert_int_equal(r.spreads[1].question, use);
	assert_near(r.spreads[1].spread, 50 * sqrt(62) / 9);
	assert_int_equal(r.spreads[1].counts[0], 3);
	assert_int_equal(r.spreads[1].counts[1], 2);
	assert_int_equal(r.spreads[1].counts[2], 4);
	assert_int_equal(r.spreads[2].question, guard);
	assert_near(r.spreads[2].spread, 50 * sqrt(2.0 / 3));
	for (int k = 0; k < 3; k++)
		assert_int_equal(r.spreads[2].counts[k], 3);
	report_free(&r);
}

/* ---- the perception gap -------------------------------------------------- */

static void test_gaps(void **state)
{
	(void)state;
	struct report r;
	build(&gap_round, REPORT_BY_DEPARTMENT, 5, NULL, NULL, &r);
	/* Eng, Ops and Hr have estimates (Sales none), the executives (L2
	 * and O3) against the organisation, then the round. A gap is shown
	 * once the team has five, however few leaders gave it. */
	assert_int_equal(r.ngaps, 5);
	char line[200];

	/* Eng: four leaders who are not executives (L1, L3, L4, L5), five
	 * classified team members; but Hr's team of four is hidden, and
	 * the round's teams less Eng's and Ops' would be Hr's: the smallest
	 * team shown, Eng's, is withheld (complementary suppression). */
	const struct report_gap *eng = &r.gaps[0];
	assert_string_equal(eng->department, "Eng");
	assert_true(eng->hidden);
	assert_false(eng->executives);
	assert_int_equal(eng->leaders, 4);
	assert_int_equal(eng->team, 5);
	assert_true(eng->estimated[0] == 0 && eng->actual[0] == 0);
	assert_true(eng->actual_low[0] == 0 && eng->actual_high[0] == 0);
	report_gap_sentence(eng, line, sizeof(line));
	assert_string_equal(line, "withheld");

	/* Ops: three leaders (O1, O2, O4; O3 is an executive), a team of
	 * six: shown, though three leaders are under the minimum.
	 * Champions (10 + 20 + 40) / 3 = 23.33 against 3 of 6 (50%),
	 * Wilson 90% 22.126..77.874: no clear gap. */
	const struct report_gap *ops = &r.gaps[1];
	assert_string_equal(ops->department, "Ops");
	assert_false(ops->hidden);
	assert_int_equal(ops->leaders, 3);
	assert_int_equal(ops->team, 6);
	assert_near(ops->estimated[0], 70.0 / 3);
	assert_near(ops->actual[0], 50);
	assert_true(fabs(ops->actual_low[0] - 22.125998614034888) < 1e-9);
	assert_false(ops->clear[0]);

	/* Hr: five leaders, a team of four (N-1): hidden. */
	const struct report_gap *hr = &r.gaps[2];
	assert_string_equal(hr->department, "Hr");
	assert_true(hr->hidden);
	assert_int_equal(hr->team, 4);
	assert_true(hr->estimated[0] == 0);
	report_gap_sentence(hr, line, sizeof(line));
	assert_string_equal(line, "fewer than 5 of their teams answered");

	/* The executives, L2 and O3: (50 + 30) / 2 = 40% champions against
	 * every team member of the round, 4 of 15 (Wilson 90%
	 * 12.582..47.883). */
	const struct report_gap *x = &r.gaps[3];
	assert_true(x->executives);
	assert_false(x->hidden);
	assert_int_equal(x->leaders, 2);
	assert_near(x->estimated[0], 40);
	assert_int_equal(x->team, 15);
	assert_near(x->actual[0], 400.0 / 15);
	assert_true(fabs(x->actual_high[0] - 47.88258598492492) < 1e-9);
	report_gap_sentence(x, line, sizeof(line));
	assert_string_equal(line, "2 executives estimate 40.0% champions; "
				  "26.7% of the organisation are (90%: 12.6 "
				  "to 47.9): no clear gap");

	/* The round: 14 leaders, champions (225 + 100 + 100) / 14 = 30.36,
	 * willing (155 + 160 + 200) / 14, cautious (120 + 140 + 200) / 14;
	 * team 5 + 6 + 4 = 15: champions 1 + 3 + 0 = 4 (26.67%), willing
	 * 2 + 2 + 2 = 6 (40%), cautious 2 + 1 + 2 = 5 (33.33%). */
	const struct report_gap *all = &r.gaps[4];
	assert_null(all->department);
	assert_false(all->hidden);
	assert_int_equal(all->leaders, 14);
	assert_near(all->estimated[0], 425.0 / 14);
	assert_near(all->estimated[1], 515.0 / 14);
	assert_near(all->estimated[2], 460.0 / 14);
	assert_int_equal(all->team, 15);
	assert_near(all->actual[0], 400.0 / 15);
	assert_near(all->actual[1], 40);
	assert_near(all->actual[2], 500.0 / 15);
	size_t len = report_gap_sentence(all, line, sizeof(line));
	assert_string_equal(line, "14 leaders estimate 30.4% champions; 26.7% "
				  "of their teams are (90%: 12.6 to 47.9): no "
				  "clear gap");
	assert_int_equal(len, strlen(line));

	/* T6 finished with only an estimate: in Eng's n, not its team. */
	assert_int_equal(r.groups[0].n, 12);
	assert_int_equal(r.groups[0].segments[SEGMENT_NONE], 1);
	report_free(&r);
}

/* Two groups' means side by side: the difference of the means as shown,
 * and whether it is clear. Standard errors as in test_stats (values 40,
 * 55, 70, 85, 100: 10.606601717798211, by python3 statistics.stdev /
 * sqrt(5)): 70 against 40 is 30 > 1.645 * 15.0 = 24.7, clear; 70 against
 * 50 is not. */
static void test_dimension_rows(void **state)
{
	(void)state;
	const double se = 10.606601717798211;
	struct report_group a = {0}, b = {0};
	a.n = b.n = 5;
	a.dimension_n[DIM_USE] = b.dimension_n[DIM_USE] = 5;
	a.dimension_se[DIM_USE] = b.dimension_se[DIM_USE] = se;
	a.dimensions[DIM_USE] = 70.04;
	b.dimensions[DIM_USE] = 39.96;
	struct report_dimension_row rows[QN_MAX_DIMENSIONS];
	int n = report_dimension_rows(q, &a, &b, "-", 1, rows);
	assert_int_equal(n, q->ndimensions);
	assert_string_equal(rows[DIM_USE].a, "70");
	assert_string_equal(rows[DIM_USE].b, "40");
	assert_string_equal(rows[DIM_USE].difference, "+30.0");
	assert_true(rows[DIM_USE].clear);
	b.dimensions[DIM_USE] = 50;
	report_dimension_rows(q, &a, &b, "-", 1, rows);
	assert_string_equal(rows[DIM_USE].difference, "+20.0");
	assert_false(rows[DIM_USE].clear);
	/* a dimension nobody in b scored: the missing text, no verdict */
	assert_string_equal(rows[DIM_GUARD].b, "-");
	assert_string_equal(rows[DIM_GUARD].difference, "");
	assert_false(rows[DIM_GUARD].clear);
}

/* A leader's own gap, for their result screen (numbers as in test_gaps:
 * Ops' team 3 of 6, Wilson 90% 22.1..77.9; the organisation 4 of 15,
 * 12.6..47.9). */
static void test_own_gap(void **state)
{
	(void)state;
	struct report r;
	build(&gap_round, REPORT_BY_DEPARTMENT, 5, NULL, NULL, &r);
	char line[300];
	/* Eng's team is withheld (test_gaps): no numbers of it */
	report_own_gap(&r, "eng", ROLE_MANAGER, 40, line, sizeof(line));
	assert_string_equal(line, "You estimated 40% champions in your team. "
				  "What your team reported is withheld, so "
				  "that a smaller team's answers cannot be "
				  "worked out.");
	/* Ops' team of six: 3 of 6, Wilson 90% 22.1..77.9 */
	report_own_gap(&r, "Ops", ROLE_SENIOR_TECH, 90, line, sizeof(line));
	assert_non_null(strstr(line, ": you clearly overestimate."));
	/* an executive's team is the organisation: 50 > 47.9 */
	report_own_gap(&r, "Eng", ROLE_EXECUTIVE, 50, line, sizeof(line));
	assert_string_equal(line,
			    "You estimated 50% champions in the organisation; "
			    "26.7% of the organisation are (15 answers, 90%: "
			    "12.6 to 47.9): you clearly overestimate.");
	report_own_gap(&r, "Eng", ROLE_EXECUTIVE, 10, line, sizeof(line));
	assert_non_null(strstr(line, ": you clearly underestimate."));
	/* Hr's team has four: nothing about them yet */
	report_own_gap(&r, "Hr", ROLE_MANAGER, 20, line, sizeof(line));
	assert_string_equal(line, "You estimated 20% champions in your team. "
				  "What your team reported shows here once "
				  "at least 5 of them have answered.");
	/* not a leader: nothing */
	assert_int_equal(
	    report_own_gap(&r, "Eng", ROLE_INDIVIDUAL, 20, line, sizeof(line)),
	    0);
	assert_string_equal(line, "");
	report_free(&r);
}

/* A round that shows small teams' gaps (store_round small_gaps), made
 * here: Dev has a manager estimating 80% and a team of three (one
 * champion: 33.3%, Wilson 90% 7.8..74.6, by hand in python3 with
 * statistics.NormalDist), Big a manager and a team of six. Dev, four in
 * all, is under the minimum; Big is withheld beside it, and its gap with
 * it, so complementary suppression still holds for the other groups. */
static const struct person small_people[] = {
    {"D1", "Dev", M, TECH, false, 2, 0, 0, 0, {80, 10, 10}, {0}},
    {"Dt1", "Dev", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"Dt2", "Dev", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"Dt3", "Dev", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"B1", "Big", M, TECH, false, 2, 0, 0, 0, {50, 25, 25}, {0}},
    {"Bt1", "Big", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"Bt2", "Big", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"Bt3", "Big", I, TECH, false, 3, 2, 0, 0, {0}, {0}},
    {"Bt4", "Big", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"Bt5", "Big", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
    {"Bt6", "Big", I, TECH, false, 2, 0, 0, 0, {0}, {0}},
};

static void test_small_gaps(void **state)
{
	(void)state;
	char *depts[] = {"Dev", "Big"};
	struct store_round round;
	fixture_round_make(store, "SMG", "Small gaps", q, depts, 2, &round);
	submit_all(&round, q, small_people, ARRAY_LEN(small_people));
	char line[300];
	struct report r;
	for (int on = 0; on < 2; on++) {
		round.min_group = 5;
		round.small_gaps = on;
		if (report_build(store, &round, q, REPORT_BY_DEPARTMENT, NULL,
				 NULL, &r) != STORE_OK)
			fail_msg("%s", store_error(store));
		const struct report_gap *dev = &r.gaps[0], *big = &r.gaps[1];
		assert_string_equal(dev->department, "Dev");
		assert_string_equal(big->department, "Big");
		assert_int_equal(dev->team, 3);
		assert_true(big->hidden); /* withheld beside Dev */
		assert_true(r.departments[0].hidden);
		report_own_gap(&r, "Dev", ROLE_MANAGER, 80, line, sizeof(line));
		if (!on) {
			assert_true(dev->hidden);
			assert_string_equal(line,
					    "You estimated 80% champions in "
					    "your team. What your team "
					    "reported shows here once at "
					    "least 5 of them have answered.");
			report_free(&r);
			continue;
		}
		assert_false(dev->hidden);
		assert_true(dev->small);
		assert_near(dev->actual[0], 100.0 / 3);
		assert_string_equal(line,
				    "You estimated 80% champions in your "
				    "team; 33.3% of your team are (3 answers, "
				    "90%: 7.8 to 74.6): you clearly "
				    "overestimate.");
		report_gap_sentence(dev, line, sizeof(line));
		assert_string_equal(line,
				    "1 leader estimates 80.0% champions; 33.3% "
				    "of their teams are (90%: 7.8 to 74.6): "
				    "leaders clearly overestimate (a team "
				    "under 5, shown as the round allows)");
		report_free(&r);
	}
	store_round_free(&round);
}

static void test_gap_sentence(void **state)
{
	(void)state;
	struct report_gap gap = {.leaders = 6,
				 .estimated = {44.55, 30, 25.45},
				 .team = 7,
				 .actual = {12.45, 50, 37.55},
				 .actual_low = {3.04, 0, 0},
				 .actual_high = {38.95, 0, 0},
				 .clear = {true, false, false},
				 .min_group = 5};
	char line[200];
	/* one decimal, halves away from zero; the verdict in words */
	const char *want = "6 leaders estimate 44.6% champions; 12.5% of their "
			   "teams are (90%: 3.0 to 39.0): leaders clearly "
			   "overestimate";
	assert_int_equal(report_gap_sentence(&gap, line, sizeof(line)),
			 strlen(want));
	assert_string_equal(line, want);
	gap.estimated[0] = 2;
	report_gap_sentence(&gap, line, sizeof(line));
	assert_non_null(strstr(line, ": leaders clearly underestimate"));
	gap.clear[0] = false;
	report_gap_sentence(&gap, line, sizeof(line));
	assert_non_null(strstr(line, ": no clear gap"));
	gap.leaders = 1;
	report_gap_sentence(&gap, line, sizeof(line));
	assert_non_null(strstr(line, "1 leader estimates 2.0% champions"));
	/* cut short, still a string, the full length returned */
	char small[10];
	size_t need = report_gap_sentence(&gap, small, sizeof(small));
	assert_int_equal(need, strlen(line));
	assert_string_equal(small, "1 leader ");
	assert_int_equal(report_gap_sentence(&gap, NULL, 0), need);
	struct report_gap few = {
	    .leaders = 2, .team = 3, .hidden = true, .min_group = 5};
	report_gap_sentence(&few, line, sizeof(line));
	assert_string_equal(line, "fewer than 5 of their teams answered");
	struct report_gap none = {.hidden = true, .team = 9, .min_group = 5};
	report_gap_sentence(&none, line, sizeof(line));
	assert_string_equal(line, "no leader gave an estimate");
}

/* ---- the minimum group size ---------------------------------------------- */

/* "Five" has exactly five finished responses: shown at a minimum of 4
 * (N+1) and 5 (N), hidden at 6 (N-1). */
static void test_min_group_shown(void **state)
{
	(void)state;
	for (int min = 4; min <= 5; min++) {
		struct report r;
		build(&min_round, REPORT_BY_DEPARTMENT, min, NULL, NULL, &r);
		assert_int_equal(r.ngroups, 1);
		const struct report_group *g = &r.groups[0];
		assert_false(g->hidden);
		assert_int_equal(g->n, 5);
		assert_int_equal(g->in_progress, 1);
		/* use 100 100 50 0 0: mean 50; share only from the two
		 * champions, (100 + 0) / 2; guard 100 for all */
		assert_segments(g, 2, 1, 2);
		assert_int_equal(g->subtypes[SUBTYPE_SHARING], 1);
		assert_int_equal(g->subtypes[SUBTYPE_ALONE], 1);
		assert_near(g->dimensions[DIM_USE], 50);
		assert_near(g->dimensions[DIM_SHARE], 50);
		assert_int_equal(g->dimension_n[DIM_SHARE], 2);
		assert_near(g->dimensions[DIM_GUARD], 100);
		/* standard errors, by hand in python3: statistics.stdev(v)
		 * / sqrt(len(v)): use 22.360679774997894, share (100, 0)
		 * 50.0, guard (all 100) 0 */
		assert_near(g->dimension_se[DIM_USE], 22.360679774997894);
		assert_near(g->dimension_se[DIM_SHARE], 50);
		assert_near(g->dimension_se[DIM_GUARD], 0);
		/* champions exactly 40%, use 50 < 60: structuring */
		assert_int_equal(g->phase, PHASE_STRUCTURING);
		assert_false(r.all.hidden);
		/* use, guard and extra have five answers each; share only
		 * two, below either minimum */
		assert_int_equal(r.nspreads, 3);
		assert_int_equal(r.spreads[0].question,
				 questionnaire_find_question(q, "use"));
		/* use 100 100 50 0 0: mean 50, variance (4 * 2500) / 5 */
		assert_near(r.spreads[0].spread, sqrt(2000));
		for (int i = 0; i < r.nspreads; i++)
			assert_int_not_equal(
			    r.spreads[i].question,
			    questionnaire_find_question(q, "share"));
		report_free(&r);
	}
}

static void test_min_group_hidden(void **state)
{
	(void)state;
	struct report r;
	build(&min_round, REPORT_BY_DEPARTMENT, 6, NULL, NULL, &r);
	assert_hidden(&r.groups[0]);
	assert_string_equal(r.groups[0].label, "Five");
	assert_int_equal(r.groups[0].n, 5);
	assert_int_equal(r.groups[0].in_progress, 1);
	assert_hidden(&r.departments[0]);
	assert_hidden(&r.all);
	assert_hidden(&r.teams);
	assert_hidden(&r.tracks[TRACK_TECHNICAL]);
	/* no order that could tell the weakest dimension */
	for (int d = 0; d < q->ndimensions; d++)
		assert_int_equal(r.dimension_order[d], d);
	/* five answers to each question are fewer than six */
	assert_int_equal(r.nspreads, 0);
	char why[100];
	assert_int_equal(report_phase(q, &r.all, why, sizeof(why)), PHASE_NONE);
	assert_string_equal(why, "too few responses to tell");
	report_free(&r);
}

/* ---- one round against another ------------------------------------------- */

static void test_compare(void **state)
{
	(void)state;
	/* Four people in both rounds: Ann (champion to champion, matched
	 * as "ANN" of "eng"), Bob (willing to champion), Cy (cautious to
	 * willing), Di (willing to willing: her latest response). New: Fay
	 * and Gus of Sales; not returned: Ed and Gus of Eng; anonymous: one
	 * in T1 and two in T2. Both = 4 is shown at minimum 3 (N+1); at 4
	 * (N) the three of T1 who did not return (Ed, Gus, the anonymous
	 * one) are fewer than the minimum: test_compare_turnover. */
	for (int min = 3; min <= 3; min++) {
		struct report r;
		build(&t2_round, REPORT_BY_DEPARTMENT, min, &t1_round, old_q,
		      &r);
		assert_true(r.has_compare);
		const struct report_compare *c = &r.compare;
		assert_string_equal(c->code, "T1");
		assert_false(c->hidden);
		assert_int_equal(c->both, 4);
		assert_int_equal(c->new_people, 2);
		assert_int_equal(c->not_returned, 2);
		assert_int_equal(c->anonymous, 3);
		int moved = 0;
		for (int a = 0; a < SEGMENT_COUNT; a++)
			for (int b = 0; b < SEGMENT_COUNT; b++)
				moved += c->moved[a][b];
		assert_int_equal(moved, 4);
		assert_int_equal(c->moved[SEGMENT_CHAMPION][SEGMENT_CHAMPION],
				 1);
		assert_int_equal(c->moved[SEGMENT_WILLING][SEGMENT_CHAMPION],
				 1);
		assert_int_equal(c->moved[SEGMENT_CAUTIOUS][SEGMENT_WILLING],
				 1);
		assert_int_equal(c->moved[SEGMENT_WILLING][SEGMENT_WILLING], 1);

		/* T1 as a whole: seven, one champion, three willing, three
		 * cautious; use 250 / 7, guard 50, re-indexed to q (use,
		 * share, guard) from old_q (guard, use); share unknown to
		 * old_q. Its phase is old_q's: use >= 30, structuring (q's
		 * rule would need 20% champions: 14% is exploration). */
		const struct report_group *b = &c->before;
		assert_string_equal(b->label, "Earlier");
		assert_false(b->hidden);
		assert_int_equal(b->n, 7);
		assert_segments(b, 1, 3, 3);
		assert_near(b->dimensions[DIM_USE], 250.0 / 7);
		assert_int_equal(b->dimension_n[DIM_USE], 7);
		assert_int_equal(b->dimension_n[DIM_SHARE], 0);
		assert_near(b->dimensions[DIM_GUARD], 50);
		assert_int_equal(b->dimension_n[DIM_GUARD], 7);
		assert_int_equal(b->phase, PHASE_STRUCTURING);

		/* This round counts both of Di's responses: nine. */
		assert_int_equal(r.all.n, 9);
		report_free(&r);
	}
}

/* Across two rounds (privacy.h): T1's seven less the four in both
 * rounds leave three who did not return; at a minimum of 4 the whole
 * round's counts in T1 less the moves' "from" counts would give those
 * three's segments, so the moves are withheld, and said so. */
static void test_compare_turnover(void **state)
{
	(void)state;
	struct report r;
	build(&t2_round, REPORT_BY_DEPARTMENT, 4, &t1_round, old_q, &r);
	const struct report_compare *c = &r.compare;
	assert_true(c->hidden);
	assert_true(c->withheld);
	assert_true(c->whole.moves_hidden);
	assert_true(c->whole.moves_withheld);
	for (int a = 0; a < SEGMENT_COUNT; a++)
		for (int b = 0; b < SEGMENT_COUNT; b++) {
			assert_int_equal(c->moved[a][b], 0);
			assert_int_equal(c->whole.moved[a][b], 0);
		}
	/* the counts of people stay: they tell no one's answers */
	assert_int_equal(c->both, 4);
	assert_int_equal(c->not_returned, 2);
	report_free(&r);
}

static void test_compare_hidden(void **state)
{
	(void)state;
	/* A minimum of 5 (N-1 for the four in both rounds): no transitions,
	 * the counts of people stay. */
	struct report r;
	build(&t2_round, REPORT_BY_DEPARTMENT, 5, &t1_round, old_q, &r);
	const struct report_compare *c = &r.compare;
	assert_true(c->hidden);
	for (int a = 0; a < SEGMENT_COUNT; a++)
		for (int b = 0; b < SEGMENT_COUNT; b++)
			assert_int_equal(c->moved[a][b], 0);
	assert_int_equal(c->both, 4);
	assert_int_equal(c->new_people, 2);
	assert_int_equal(c->not_returned, 2);
	assert_int_equal(c->anonymous, 3);
	assert_false(c->before.hidden); /* seven */
	report_free(&r);

	/* The larger of the two rounds' minimums protects the other
	 * round: T1 asks for 8, more than its seven. */
	struct store_round here = t2_round, there = t1_round;
	here.min_group = 2;
	there.min_group = 8;
	assert_int_equal(report_build(store, &here, q, REPORT_BY_DEPARTMENT,
				      &there, old_q, &r),
			 STORE_OK);
	assert_hidden(&r.compare.before);
	assert_true(r.compare.hidden);
	assert_false(r.all.hidden);
	report_free(&r);
}

/* ---- phases -----------------------------------------------------------------
 */

/* Groups made by hand: champions of the classified, and scores. */
static struct report_group phase_group(int champions, int others, double use,
				       double guard)
{
	struct report_group g = {0};
	g.label = (char *)"g";
	g.n = champions + others;
	g.segments[SEGMENT_CHAMPION] = champions;
	g.segments[SEGMENT_WILLING] = others;
	g.dimensions[DIM_USE] = use;
	g.dimension_n[DIM_USE] = use >= 0 ? 1 : 0;
	g.dimensions[DIM_GUARD] = guard;
	g.dimension_n[DIM_GUARD] = 1;
	return g;
}

static void test_phase(void **state)
{
	(void)state;
	char why[200];
	/* structuring: guard >= 50 and champions >= 20%; scaling:
	 * champions >= 40% and use >= 60 */
	struct report_group g = phase_group(1, 4, -1, 50); /* 20%, exactly */
	assert_int_equal(report_phase(q, &g, why, sizeof(why)),
			 PHASE_STRUCTURING);
	assert_string_equal(why, "scaling needs champions >= 40% (have 20%) "
				 "and Depth of use >= 60 (no scores)");
	g = phase_group(1, 4, 90, 49.99); /* guard just below */
	assert_int_equal(report_phase(q, &g, why, sizeof(why)),
			 PHASE_EXPLORATION);
	/* 49.99 rounds to 50.0: it is written with the decimals that show
	 * it misses */
	assert_string_equal(why, "structuring needs Guardrails >= 50 (have "
				 "49.99) and champions >= 20% (have 20%)");
	g = phase_group(1, 5, 90, 100); /* champions 16.7% */
	assert_int_equal(report_phase(q, &g, why, sizeof(why)),
			 PHASE_EXPLORATION);
	assert_string_equal(why, "structuring needs Guardrails >= 50 (have "
				 "100) and champions >= 20% (have 16.7%)");
	/* scaling at exactly 40% and 60, whatever structuring says */
	g = phase_group(2, 3, 60, 0);
	assert_int_equal(report_phase(q, &g, why, sizeof(why)), PHASE_SCALING);
	assert_string_equal(why, "scaling is the highest phase");
	g = phase_group(2, 3, 59.9, 50);
	assert_int_equal(report_phase(q, &g, why, sizeof(why)),
			 PHASE_STRUCTURING);
	g = phase_group(2, 4, 100, 50); /* 33% */
	assert_int_equal(report_phase(q, &g, NULL, 0), PHASE_STRUCTURING);
	/* a short buffer still ends in NUL */
	char small[8];
	g = phase_group(2, 3, 59.9, 50);
	assert_int_equal(report_phase(q, &g, small, sizeof(small)),
			 PHASE_STRUCTURING);
	assert_string_equal(small, "scaling");
	/* hidden: no phase */
	g.hidden = true;
	assert_int_equal(report_phase(q, &g, why, sizeof(why)), PHASE_NONE);

	/* without phase sections there is none */
	assert_int_equal(report_phase(old_q, &g, why, sizeof(why)), PHASE_NONE);
	struct questionnaire bare = *q;
	memset(bare.phases, 0, sizeof(bare.phases));
	g.hidden = false;
	assert_int_equal(report_phase(&bare, &g, why, sizeof(why)), PHASE_NONE);
	assert_string_equal(why, "the questionnaire defines no phases");
	/* structuring as the top phase */
	struct questionnaire top = *q;
	memset(&top.phases[PHASE_SCALING], 0, sizeof(top.phases[0]));
	g = phase_group(1, 1, 0, 60);
	assert_int_equal(report_phase(&top, &g, why, sizeof(why)),
			 PHASE_STRUCTURING);
	assert_string_equal(why, "structuring is the highest phase");
	/* old_q: use = 30 for structuring, nothing above */
	struct report_group o = {0};
	o.segments[SEGMENT_CAUTIOUS] = 1;
	o.n = 1;
	o.dimensions[1] = 29.99; /* old_q's use is its second dimension */
	o.dimension_n[1] = 1;
	assert_int_equal(report_phase(old_q, &o, why, sizeof(why)),
			 PHASE_EXPLORATION);
	assert_string_equal(why, "structuring needs Use >= 30 (have 29.99)");
}

static void test_percent(void **state)
{
	(void)state;
	struct report_group g = {0};
	assert_true(report_percent(&g, SEGMENT_CHAMPION) == 0);
	g.segments[SEGMENT_NONE] = 3; /* unclassified are not counted */
	g.segments[SEGMENT_CHAMPION] = 1;
	g.segments[SEGMENT_CAUTIOUS] = 3;
	assert_near(report_percent(&g, SEGMENT_CHAMPION), 25);
	assert_near(report_percent(&g, SEGMENT_CAUTIOUS), 75);
	assert_true(report_percent(&g, SEGMENT_NONE) == 0);
}

/* ---- an empty round, and freeing ------------------------------------------
 */

static void test_empty(void **state)
{
	(void)state;
	struct report r;
	build(&empty_round, REPORT_BY_DEPARTMENT, 5, NULL, NULL, &r);
	assert_int_equal(r.all.n, 0);
	assert_hidden(&r.all);
	assert_int_equal(r.ngroups, 1);
	assert_string_equal(r.groups[0].label, "Nobody");
	assert_hidden(&r.groups[0]);
	assert_int_equal(r.nchampions, 0);
	assert_int_equal(r.nspreads, 0);
	assert_int_equal(r.ngaps, 1);
	assert_true(r.gaps[0].hidden);
	assert_false(r.has_compare);
	report_free(&r);
	/* freed twice, and a zeroed report: nothing to do */
	report_free(&r);
	struct report zero;
	memset(&zero, 0, sizeof(zero));
	report_free(&zero);
	report_free(NULL);
}

/* A store that fails halfway through a report (a table gone) gives an
 * error and an empty report, with nothing left allocated (ASan checks).
 * The tables are those each step reads, in order: the running totals
 * of responses, scores and estimates, the respondents (champions) and
 * the answer totals. */
static void test_store_failure(void **state)
{
	(void)state;
	static const char *const tables[] = {"round_tally", "round_score",
					     "round_estimate", "respondent",
					     "round_answer"};
	for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
		char *path = xasprintf("%s/broken-%zu.db", dir, t);
		struct store *s = fixture_store_open(path);
		struct store_round round;
		fixture_round_make(s, "BRK", "Broken", q, NULL, 0, &round);
		struct store *saved = store;
		store = s;
		submit(&round, q, &main_people[0]);
		store = saved;

		sqlite3 *raw = fixture_raw_open(path);
		char *sql = xasprintf("DROP TABLE %s", tables[t]);
		fixture_raw_exec(raw, sql);
		free(sql);
		fixture_raw_close(raw);

		struct report r;
		round.min_group = 1;
		assert_int_equal(report_build(s, &round, q,
					      REPORT_BY_DEPARTMENT, &round, q,
					      &r),
				 STORE_ERR_IO);
		assert_non_null(strstr(store_error(s), "no such table"));
		assert_ptr_equal(r.q, q);
		assert_null(r.groups);
		assert_null(r.all.label);
		assert_int_equal(r.ngaps, 0);
		report_free(&r);
		/* the connection is usable again: no transaction left open */
		long long qid;
		assert_int_equal(store_questionnaire_save(s, q, &qid),
				 STORE_OK);
		store_round_free(&round);
		store_close(s);
		free(path);
	}
}

/* ---- the running totals against a recount -------------------------------- */

/* The report reads sums that the schema's triggers keep. After each way
 * of writing, its numbers must be those of a recount by plain SQL over
 * the responses, scores, answers and estimates themselves. */

/* Run each statement of sql with :id, :round and :other bound. */
static void raw_run(sqlite3 *h, const char *sql, long long id,
		    long long round_id, long long other_id)
{
	const char *next = sql;
	while (*next != '\0') {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(h, next, -1, &st, &next) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(h));
		if (st == NULL)
			break; /* only white space left */
		static const char *const names[] = {":id", ":round", ":other"};
		const long long values[] = {id, round_id, other_id};
		for (int k = 0; k < 3; k++) {
			int i = sqlite3_bind_parameter_index(st, names[k]);
			if (i > 0)
				assert_int_equal(
				    sqlite3_bind_int64(st, i, values[k]),
				    SQLITE_OK);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			fail_msg("%s: %s", sql, sqlite3_errmsg(h));
		assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	}
}

/* sql with the round's id as ?1 and department (NULL: all) as ?2. */
static sqlite3_stmt *recount_prepare(sqlite3 *h, const char *sql,
				     long long round_id, const char *department)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_bind_int64(st, 1, round_id), SQLITE_OK);
	if (sqlite3_bind_parameter_count(st) >= 2)
		assert_int_equal(
		    sqlite3_bind_text(st, 2, department, -1, SQLITE_STATIC),
		    SQLITE_OK);
	return st;
}

#define RECOUNT_DEPARTMENT                                                     \
	" AND (?2 IS NULL OR p.department = ?2 COLLATE NOCASE)"

/* One group's counts and mean scores, recounted. */
static void recount_group(sqlite3 *h, long long round_id,
			  const char *department, const struct report_group *g)
{
	sqlite3_stmt *st = recount_prepare(
	    h,
	    "SELECT count(*) FILTER (WHERE finished_at IS NOT NULL),"
	    " count(*) FILTER (WHERE finished_at IS NULL),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND segment IS NULL),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND segment = 'champion'),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND segment = 'willing'),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND segment = 'cautious'),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND subtype = 'sharing'),"
	    " count(*) FILTER (WHERE finished_at IS NOT NULL"
	    "  AND subtype = 'alone')"
	    " FROM response p WHERE round_id = ?1" RECOUNT_DEPARTMENT,
	    round_id, department);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	if (g->n != sqlite3_column_int(st, 0) ||
	    g->in_progress != sqlite3_column_int(st, 1))
		fail_msg("%s: %d finished and %d in progress, a recount "
			 "gives %d and %d",
			 g->label, g->n, g->in_progress,
			 sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
	static const enum segment segments[] = {
	    SEGMENT_NONE, SEGMENT_CHAMPION, SEGMENT_WILLING, SEGMENT_CAUTIOUS};
	for (size_t k = 0; k < ARRAY_LEN(segments); k++)
		assert_int_equal(g->segments[segments[k]],
				 sqlite3_column_int(st, 2 + (int)k));
	assert_int_equal(g->subtypes[SUBTYPE_SHARING],
			 sqlite3_column_int(st, 6));
	assert_int_equal(g->subtypes[SUBTYPE_ALONE], sqlite3_column_int(st, 7));
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);

	st = recount_prepare(
	    h,
	    "SELECT c.dimension, sum(c.score), count(*),"
	    " sum(c.score * c.score)"
	    " FROM response p JOIN response_score c ON c.response_id = p.id"
	    " WHERE p.round_id = ?1 AND p.finished_at IS NOT "
	    "NULL" RECOUNT_DEPARTMENT " GROUP BY 1",
	    round_id, department);
	int scored = 0, recounted = 0;
	for (int d = 0; d < q->ndimensions; d++)
		scored += g->dimension_n[d];
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int d = questionnaire_find_dimension(q, id);
		assert_true(d >= 0);
		int n = sqlite3_column_int(st, 2);
		recounted += n;
		assert_int_equal(g->dimension_n[d], n);
		assert_near(g->dimensions[d], sqlite3_column_double(st, 1) / n);
		assert_near(g->dimension_se[d],
			    stats_mean_se(sqlite3_column_double(st, 1),
					  sqlite3_column_double(st, 3), n));
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	assert_int_equal(scored, recounted);

	/* near the line: each adoption depth as the scoring judges it */
	st =
	    recount_prepare(h,
			    "SELECT adoption FROM response p"
			    " WHERE p.round_id = ?1 AND finished_at IS NOT NULL"
			    " AND adoption IS NOT NULL" RECOUNT_DEPARTMENT,
			    round_id, department);
	int near = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (scoring_near_line(&q->rules,
				      sqlite3_column_double(st, 0)) >= 0)
			near++;
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	if (g->near_line != near)
		fail_msg("%s: %d near the line, a recount gives %d", g->label,
			 g->near_line, near);
}

/* The answers per choice of every question that has some. */
static void recount_spreads(sqlite3 *h, long long round_id,
			    const struct report *r)
{
	int counts[QN_MAX_QUESTIONS][QN_MAX_CHOICES];
	memset(counts, 0, sizeof(counts));
	sqlite3_stmt *st = recount_prepare(
	    h,
	    "SELECT a.question, a.choice, count(*)"
	    " FROM response p JOIN answer a ON a.response_id = p.id"
	    " WHERE p.round_id = ?1 AND p.finished_at IS NOT NULL"
	    " GROUP BY 1, 2",
	    round_id, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int k = questionnaire_find_question(
		    q, (const char *)sqlite3_column_text(st, 0));
		int choice = sqlite3_column_int(st, 1);
		assert_true(k >= 0 && choice >= 1 && choice <= QN_MAX_CHOICES);
		counts[k][choice - 1] = sqlite3_column_int(st, 2);
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	int answered = 0;
	for (int k = 0; k < q->nquestions; k++) {
		int n = 0;
		for (int c = 0; c < QN_MAX_CHOICES; c++)
			n += counts[k][c];
		if (n > 0 && q->questions[k].type != QTYPE_ESTIMATE)
			answered++;
	}
	assert_int_equal(r->nspreads, answered);
	for (int i = 0; i < r->nspreads; i++) {
		const struct report_spread *sp = &r->spreads[i];
		for (int c = 0; c < QN_MAX_CHOICES; c++)
			assert_int_equal(sp->counts[c],
					 counts[sp->question][c]);
	}
}

/* The leaders' estimates (the first estimate question, "mix") per
 * department, and the whole round's. */
static void recount_gaps(sqlite3 *h, long long round_id, const struct report *r)
{
	for (int i = 0; i < r->ngaps; i++) {
		const struct report_gap *gap = &r->gaps[i];
		/* executives: all of them; a department: its other
		 * leaders; the round: every leader */
		sqlite3_stmt *st = recount_prepare(
		    h,
		    "SELECT count(*), total(e.champions), total(e.willing),"
		    " total(e.cautious)"
		    " FROM response p JOIN estimate e ON e.response_id = p.id"
		    " WHERE p.round_id = ?1 AND p.finished_at IS NOT NULL"
		    " AND e.question = 'mix'"
		    " AND (CASE WHEN ?3 THEN p.role = 'executive'"
		    " WHEN ?2 IS NULL THEN p.role IN ('executive', 'manager',"
		    " 'senior-tech') ELSE p.role IN ('manager', 'senior-tech')"
		    " END)" RECOUNT_DEPARTMENT,
		    round_id, gap->executives ? NULL : gap->department);
		assert_int_equal(sqlite3_bind_int(st, 3, gap->executives),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		int leaders = sqlite3_column_int(st, 0);
		assert_int_equal(gap->leaders, leaders);
		for (int k = 0; k < 3 && !gap->hidden; k++)
			assert_near(gap->estimated[k],
				    sqlite3_column_double(st, 1 + k) / leaders);
		assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	}
}

/* Build round's report (by department, nothing hidden) and recount all
 * of it. Departments in these tests differ in more than case. */
static void assert_recount(const struct store_round *round)
{
	struct report r;
	build(round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	sqlite3 *h = fixture_raw_open(store_path(store));
	recount_group(h, round->id, NULL, &r.all);
	long long departments = 0;
	for (int i = 0; i < r.ngroups; i++) {
		recount_group(h, round->id, r.groups[i].label, &r.groups[i]);
		if (r.groups[i].n + r.groups[i].in_progress > 0)
			departments++;
	}
	sqlite3_stmt *st =
	    recount_prepare(h,
			    "SELECT count(DISTINCT department) FROM response"
			    " WHERE round_id = ?1",
			    round->id, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(departments, sqlite3_column_int64(st, 0));
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	recount_spreads(h, round->id, &r);
	recount_gaps(h, round->id, &r);
	fixture_raw_close(h);
	report_free(&r);
}

/* Totals in rounds of their own, so the rounds above keep their
 * numbers. The departments listed are Eng and Ops. */
static void totals_round(const char *code, struct store_round *out)
{
	char *depts[] = {"Eng", "Ops"};
	fixture_round_make(store, code, code, q, depts, 2, out);
}

static const struct person totals_people[] = {
    {"Ann", "Eng", M, TECH, true, 3, 2, 3, 2, {40, 30, 30}, {0}},
    {"Bo", "Eng", I, TECH, true, 3, 1, 2, 1, {0}, {0}},
    {NULL, "Ops", X, CIT, false, 2, 1, 1, 0, {10, 20, 70}, {5, 5, 90}},
    {"Cy", "Ops", I, CIT, false, 1, 0, 1, 0, {0}, {0}},
    {"Di", "Sales", S, TECH, true, 3, 2, 0, 2, {30, 30, 40}, {0}},
    /* two who share a group (department, role and track) with someone
     * above or with the response that take() makes: a total that loses
     * a score is not made right when its group empties */
    {"Ed", "Eng", M, TECH, false, 2, 1, 2, 1, {20, 30, 50}, {0}},
    {"Flo", "Ops", M, TECH, true, 1, 2, 1, 0, {10, 10, 80}, {0}},
};

/* The terminal flow: start, answers saved one at a time (some changed
 * or dropped at the finish), then the finish. Returns the response. */
static long long take(const struct store_round *round, const char *dept,
		      enum role role, bool finish)
{
	struct store_profile p = {"Taker", dept, role, TRACK_TECHNICAL, true};
	struct store_response resp;
	assert_int_equal(store_response_start(store, round, &p, &resp),
			 STORE_OK);
	long long id = resp.id;
	store_response_free(&resp);
	assert_int_equal(store_answer_save(store, id, "use", 1), STORE_OK);
	assert_int_equal(store_answer_save(store, id, "guard", 2), STORE_OK);
	assert_int_equal(store_answer_save(store, id, "use", 3), STORE_OK);
	static const int pct[3] = {50, 25, 25};
	assert_int_equal(store_estimate_save(store, id, "mix", pct), STORE_OK);
	if (!finish)
		return id;
	int choices[QN_MAX_QUESTIONS] = {0};
	int est[QN_MAX_QUESTIONS][3];
	memset(est, 0, sizeof(est));
	fixture_set_choice(q, choices, "use", 3);
	fixture_set_choice(q, choices, "share", 2); /* guard dropped */
	fixture_set_estimate(q, est, "mix", pct);
	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){choices}, &result);
	assert_int_equal(store_response_finish(store, id, q, choices,
					       (const int(*)[3])est, &result),
			 STORE_OK);
	return id;
}

/* The scoring of this questionnaire gives adoption depths of 0, 50 and
 * 100 only, none near a line (70 and 40): the round's classified
 * responses are given depths near each line, and one far from both, in
 * SQL. */
static void near_adoptions(const struct store_round *round)
{
	sqlite3 *h = fixture_raw_open(store_path(store));
	raw_run(h,
		"UPDATE response SET adoption = CASE id % 4 WHEN 0 THEN 67.5"
		" WHEN 1 THEN 44 WHEN 2 THEN 36 ELSE 100 END"
		" WHERE round_id = :round AND adoption IS NOT NULL",
		0, round->id, 0);
	fixture_raw_close(h);
}

static void test_totals_submit(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TSUB", &round);
	assert_recount(&round);
	for (size_t i = 0; i < ARRAY_LEN(totals_people); i++) {
		submit(&round, q, &totals_people[i]);
		assert_recount(&round);
	}
	near_adoptions(&round);
	assert_recount(&round);
	struct report r;
	build(&round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	assert_true(r.all.near_line > 0); /* the recount had some to count */
	report_free(&r);
	store_round_free(&round);
}

/* A bulk batch (aimap demo's) counts its totals once, before it commits,
 * with the triggers set aside: the report still agrees with a recount,
 * and a submit after it is counted by the triggers again. */
static void test_totals_bulk_batch(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TBULK", &round);
	submit(&round, q, &totals_people[0]);
	store_totals_bulk_min = 2;
	assert_int_equal(store_batch_begin_responses(store, 4), STORE_OK);
	for (size_t i = 1; i < ARRAY_LEN(totals_people); i++)
		submit(&round, q, &totals_people[i]);
	assert_int_equal(store_batch_end(store, STORE_OK), STORE_OK);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	assert_recount(&round);
	submit(&round, q, &totals_people[1]);
	assert_recount(&round);
	store_round_free(&round);
}

static void test_totals_terminal_flow(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TFLOW", &round);
	submit_all(&round, q, totals_people, ARRAY_LEN(totals_people));
	near_adoptions(&round);
	/* unfinished: counted in progress, its answers not yet */
	take(&round, "Eng", ROLE_MANAGER, false);
	assert_recount(&round);
	struct report r;
	build(&round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	assert_int_equal(r.all.in_progress, 1);
	report_free(&r);
	take(&round, "Ops", ROLE_EXECUTIVE, true);
	assert_recount(&round);
	store_round_free(&round);
}

/* A profile changed before the finish moves the response between groups
 * while it has no scores; the finish then counts it in the new one. */
static void test_totals_profile_update(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TPROF", &round);
	submit_all(&round, q, totals_people, ARRAY_LEN(totals_people));
	near_adoptions(&round);
	long long id = take(&round, "Eng", ROLE_INDIVIDUAL, false);
	struct store_profile p = {"Taker", "Ops", ROLE_MANAGER, TRACK_CITIZEN,
				  false};
	assert_int_equal(store_response_update_profile(store, id, &p),
			 STORE_OK);
	assert_recount(&round);
	int choices[QN_MAX_QUESTIONS] = {0};
	int est[QN_MAX_QUESTIONS][3];
	memset(est, 0, sizeof(est));
	fixture_set_choice(q, choices, "use", 2);
	fixture_set_choice(q, choices, "guard", 3);
	static const int pct[3] = {20, 20, 60};
	fixture_set_estimate(q, est, "mix", pct);
	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){choices}, &result);
	assert_int_equal(store_response_finish(store, id, q, choices,
					       (const int(*)[3])est, &result),
			 STORE_OK);
	assert_recount(&round);

	/* A second finish is refused and changes nothing. */
	struct report before;
	build(&round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &before);
	fixture_set_choice(q, choices, "use", 1);
	scoring_classify(q, &(struct scoring_input){choices}, &result);
	assert_int_equal(store_response_finish(store, id, q, choices,
					       (const int(*)[3])est, &result),
			 STORE_ERR_CLOSED);
	assert_int_equal(store_answer_save(store, id, "use", 1),
			 STORE_ERR_CLOSED);
	assert_int_equal(store_response_update_profile(store, id, &p),
			 STORE_ERR_CLOSED);
	assert_recount(&round);
	struct report after;
	build(&round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &after);
	assert_int_equal(after.all.n, before.all.n);
	assert_memory_equal(after.all.segments, before.all.segments,
			    sizeof(after.all.segments));
	for (int d = 0; d < q->ndimensions; d++)
		assert_near(after.all.dimensions[d], before.all.dimensions[d]);
	report_free(&before);
	report_free(&after);
	store_round_free(&round);
}

/* Responses deleted with SQL: with foreign keys on, ON DELETE CASCADE
 * takes their scores, answers and estimates along; with them off, those
 * stay behind, joined to nothing, and count for nothing. */
static void test_totals_delete(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TDEL", &round);
	submit_all(&round, q, totals_people, ARRAY_LEN(totals_people));
	take(&round, "Eng", ROLE_MANAGER, true);
	take(&round, "Ops", ROLE_INDIVIDUAL, false);
	near_adoptions(&round);
	char *sql;
	sqlite3 *h = fixture_raw_open(store_path(store));
	fixture_raw_exec(h, "PRAGMA foreign_keys = ON");
	sql = xasprintf("DELETE FROM response WHERE round_id = %lld"
			" AND department = 'Eng'",
			round.id);
	fixture_raw_exec(h, sql);
	free(sql);
	fixture_raw_close(h);
	assert_recount(&round);

	h = fixture_raw_open(
	    store_path(store)); /* foreign keys off, SQLite's default */
	sql = xasprintf("DELETE FROM response WHERE round_id = %lld"
			" AND role = 'executive'",
			round.id);
	fixture_raw_exec(h, sql);
	free(sql);
	assert_recount(&round);
	/* the rows left behind go too, and change nothing */
	fixture_raw_exec(h,
			 "DELETE FROM answer WHERE response_id NOT IN"
			 " (SELECT id FROM response);"
			 "DELETE FROM estimate WHERE response_id NOT IN"
			 " (SELECT id FROM response);"
			 "DELETE FROM response_score WHERE response_id NOT IN"
			 " (SELECT id FROM response)");
	fixture_raw_close(h);
	assert_recount(&round);

	/* all of them: nothing left to count */
	h = fixture_raw_open(store_path(store));
	fixture_raw_exec(h, "PRAGMA foreign_keys = ON");
	sql = xasprintf("DELETE FROM response WHERE round_id = %lld", round.id);
	fixture_raw_exec(h, sql);
	free(sql);
	fixture_raw_close(h);
	assert_recount(&round);
	struct report r;
	build(&round, REPORT_BY_DEPARTMENT, 1, NULL, NULL, &r);
	assert_int_equal(r.all.n + r.all.in_progress, 0);
	assert_int_equal(r.nspreads, 0);
	assert_int_equal(r.ngroups, 2); /* the round's list only */
	report_free(&r);
	store_round_free(&round);
}

/* Scores, answers, estimates and profiles of finished responses changed
 * with SQL, a response reopened and finished again. */
static void test_totals_scores_replaced(void **state)
{
	(void)state;
	struct store_round round;
	totals_round("TREP", &round);
	submit_all(&round, q, totals_people, ARRAY_LEN(totals_people));
	long long id = take(&round, "Ops", ROLE_MANAGER, true);
	near_adoptions(&round);
	static const char *const changes[] = {
	    /* scores replaced, one by one and all at once */
	    "UPDATE response_score SET score = score / 3"
	    " WHERE response_id = :id",
	    "DELETE FROM response_score WHERE response_id = :id"
	    " AND dimension = 'use'",
	    "INSERT INTO response_score VALUES (:id, 'use', 12.5)",
	    "DELETE FROM response_score WHERE response_id = :id;"
	    " INSERT INTO response_score VALUES (:id, 'use', 70),"
	    " (:id, 'guard', 30)",
	    "UPDATE response_score SET dimension = 'share'"
	    " WHERE response_id = :id AND dimension = 'guard'",
	    /* every score of the round */
	    "UPDATE response_score SET score = 100 - score WHERE response_id"
	    " IN (SELECT id FROM response WHERE round_id = :round)",
	    /* answers and estimates */
	    "UPDATE answer SET choice = 1 WHERE response_id = :id",
	    "UPDATE estimate SET champions = 10, willing = 10, cautious = 80"
	    " WHERE response_id = :id",
	    "DELETE FROM answer WHERE response_id = :id"
	    " AND question = 'use'",
	    /* its adoption depth: near a line, gone, near the other */
	    "UPDATE response SET adoption = 72 WHERE id = :id",
	    "UPDATE response SET adoption = NULL WHERE id = :id",
	    "UPDATE response SET adoption = 41.5 WHERE id = :id",
	    /* the profile of a finished response: each key alone, then
	     * all of them */
	    "UPDATE response SET department = 'Sales' WHERE id = :id",
	    "UPDATE response SET role = 'individual' WHERE id = :id",
	    "UPDATE response SET track = 'technical' WHERE id = :id",
	    "UPDATE response SET department = 'Eng', role = 'executive',"
	    " track = 'citizen' WHERE id = :id",
	    "UPDATE response SET segment = 'cautious', subtype = NULL"
	    " WHERE id = :id",
	    /* reopened, answered, finished again */
	    "UPDATE response SET finished_at = NULL WHERE id = :id",
	    "INSERT INTO answer VALUES (:id, 'use', 2, 'x')",
	    "UPDATE response SET finished_at = 'y' WHERE id = :id",
	    /* the round of a response */
	    "UPDATE response SET round_id = :other WHERE id = :id",
	    "UPDATE response SET round_id = :round WHERE id = :id",
	};
	for (size_t i = 0; i < ARRAY_LEN(changes); i++) {
		sqlite3 *h = fixture_raw_open(store_path(store));
		fixture_raw_exec(h, "PRAGMA foreign_keys = ON");
		raw_run(h, changes[i], id, round.id, main_round.id);
		fixture_raw_close(h);
		assert_recount(&round);
	}
	store_round_free(&round);
}

/* ---- many namesakes against a brute-force recount ------------------------ */

/* Two rounds written in plain SQL where most people share a few names
 * (in any case, in departments spelled in any case), some answer both
 * rounds as the same respondent, some again as a new respondent, some
 * never finish, and a few have no name. */
static const char namesakes_sql[] =
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
    " WHERE i < 400)"
    " INSERT INTO respondent (uuid, name, champion_contact, created_at)"
    " SELECT 'ns-' || i, CASE WHEN i % 9 = 0 THEN NULL"
    "  WHEN i % 10 < 7 THEN (CASE i % 4 WHEN 0 THEN 'Ada' WHEN 1 THEN 'ADA'"
    "   WHEN 2 THEN 'ada' ELSE 'Bo' END)"
    "  WHEN i % 10 = 8 THEN 'Solo ' || i"
    "  ELSE 'Name ' || (i % 13) END, i % 2, 'x' FROM k;"
    /* this round: respondents 1..300 but every fifth */
    "INSERT INTO response (uuid, round_id, respondent_id, department, role,"
    " track, started_at, finished_at, segment)"
    " SELECT 'nsa-' || t.i, :round, t.id,"
    "  CASE t.i % 3 WHEN 0 THEN 'Eng' WHEN 1 THEN 'ENG' ELSE 'Sales' END,"
    "  CASE t.i % 5 WHEN 1 THEN 'manager' ELSE 'individual' END,"
    "  CASE t.i % 2 WHEN 0 THEN 'technical' ELSE 'citizen' END, 'x',"
    "  CASE WHEN t.i % 11 = 0 THEN NULL ELSE 'y' END,"
    "  CASE (t.i * 7) % 3 WHEN 0 THEN 'champion' WHEN 1 THEN 'willing'"
    "   ELSE 'cautious' END"
    " FROM (SELECT id, CAST(substr(uuid, 4) AS INTEGER) AS i"
    "  FROM respondent WHERE uuid LIKE 'ns-%') t"
    " WHERE t.i <= 300 AND t.i % 5 <> 0;"
    /* the other round: every fourth of the same ones missing, and the
     * last hundred, who may share a name with someone of this round */
    "INSERT INTO response (uuid, round_id, respondent_id, department, role,"
    " track, started_at, finished_at, segment)"
    " SELECT 'nsb-' || t.i, :other, t.id,"
    "  CASE t.i % 3 WHEN 0 THEN 'eng' WHEN 1 THEN 'Eng' ELSE 'SALES' END,"
    "  'individual', 'technical', 'x',"
    "  CASE WHEN t.i % 13 = 0 THEN NULL ELSE 'y' END,"
    "  CASE (t.i * 5) % 3 WHEN 0 THEN 'champion' WHEN 1 THEN 'willing'"
    "   ELSE 'cautious' END"
    " FROM (SELECT id, CAST(substr(uuid, 4) AS INTEGER) AS i"
    "  FROM respondent WHERE uuid LIKE 'ns-%') t"
    " WHERE t.i % 4 <> 0 OR t.i % 10 = 9;";

/* The definition, the slow way: the same respondent in both rounds,
 * then, among the rest, name and department without regard to case,
 * each by the latest finished response in each round. */
#define NS_FINISHED(R)                                                         \
	" FROM response p JOIN respondent t ON t.id = p.respondent_id"         \
	" WHERE p.round_id = " R " AND p.finished_at IS NOT NULL"
#define NS_UNLINKED(R, O)                                                      \
	" AND NOT EXISTS (SELECT 1 FROM response o WHERE o.round_id = " O      \
	" AND o.respondent_id = p.respondent_id"                               \
	" AND o.finished_at IS NOT NULL)"
static const char namesakes_people_sql[] =
    "WITH linked AS (SELECT n.id AS here, b.id AS there"
    " FROM response n JOIN response b ON b.respondent_id = n.respondent_id"
    " WHERE n.round_id = :round AND b.round_id = :other"
    " AND n.finished_at IS NOT NULL AND b.finished_at IS NOT NULL),"
    " rest AS (SELECT p.id, p.round_id, lower(t.name) AS name,"
    "  lower(p.department) AS dept" NS_FINISHED(":round") NS_UNLINKED(
	":round",
	":other") " AND t.name IS NOT NULL"
		  " UNION ALL SELECT p.id, p.round_id, lower(t.name),"
		  "  lower(p.department)" NS_FINISHED(":other") NS_UNLINKED(
		      ":other",
		      ":round") " AND t.name IS NOT NULL),"
				" named AS (SELECT (SELECT max(r2.id) FROM "
				"rest r2"
				"   WHERE r2.name = r.name AND r2.dept = r.dept"
				"   AND r2.round_id = :round) AS here,"
				"  (SELECT max(r2.id) FROM rest r2 WHERE "
				"r2.name = r.name"
				"   AND r2.dept = r.dept AND r2.round_id = "
				":other) AS there"
				"  FROM (SELECT DISTINCT name, dept FROM rest) "
				"r)"
				" SELECT here, there FROM linked UNION ALL "
				"SELECT here, there FROM named";

static void namesakes_recount(sqlite3 *h, long long round_id,
			      long long other_id, struct people_counts *t,
			      int (*by_role)[SEGMENT_COUNT][SEGMENT_COUNT])
{
	memset(t, 0, sizeof(*t));
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(h, namesakes_people_sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_bind_int64(st, 1, round_id), SQLITE_OK);
	assert_int_equal(sqlite3_bind_int64(st, 2, other_id), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		bool here = sqlite3_column_type(st, 0) != SQLITE_NULL;
		bool there = sqlite3_column_type(st, 1) != SQLITE_NULL;
		if (!here) {
			t->only_other++;
			continue;
		}
		if (!there) {
			t->only_this++;
			continue;
		}
		sqlite3_stmt *seg;
		assert_int_equal(
		    sqlite3_prepare_v2(h,
				       "SELECT b.segment, n.segment, n.role"
				       " FROM response n, response b"
				       " WHERE n.id = ?1 AND b.id = ?2",
				       -1, &seg, NULL),
		    SQLITE_OK);
		sqlite3_bind_int64(seg, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_int64(seg, 2, sqlite3_column_int64(st, 1));
		assert_int_equal(sqlite3_step(seg), SQLITE_ROW);
		enum segment from = SEGMENT_NONE, to = SEGMENT_NONE;
		enum role role = ROLE_INDIVIDUAL;
		assert_true(segment_parse(
		    (const char *)sqlite3_column_text(seg, 0), &from));
		assert_true(segment_parse(
		    (const char *)sqlite3_column_text(seg, 1), &to));
		assert_true(role_parse(
		    (const char *)sqlite3_column_text(seg, 2), &role));
		sqlite3_finalize(seg);
		t->moved[from][to]++;
		by_role[role][from][to]++;
		t->both++;
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	for (int k = 0; k < 2; k++) {
		char *sql = xasprintf("SELECT count(*)" NS_FINISHED(
		    "?1") NS_UNLINKED("?1", "?2") " AND t.name IS NULL");
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_int64(st, 1, k == 0 ? round_id : other_id);
		sqlite3_bind_int64(st, 2, k == 0 ? other_id : round_id);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		t->anonymous[k] = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		free(sql);
	}
}

/* The champions the slow way: a champion who agreed to be a contact,
 * unless (latest) the same name and department finished again later. */
static int namesakes_champions(sqlite3 *h, long long round_id, bool latest)
{
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(
		h,
		"SELECT count(*) FROM response p"
		" JOIN respondent t ON t.id = p.respondent_id"
		" WHERE p.round_id = ?1 AND p.segment = 'champion'"
		" AND p.finished_at IS NOT NULL AND t.champion_contact = 1"
		" AND t.name IS NOT NULL AND (NOT ?2 OR NOT EXISTS (SELECT 1"
		"  FROM response p2 JOIN respondent t2"
		"  ON t2.id = p2.respondent_id WHERE p2.round_id = p.round_id"
		"  AND p2.finished_at IS NOT NULL AND p2.id > p.id"
		"  AND lower(t2.name) = lower(t.name)"
		"  AND lower(p2.department) = lower(p.department)))",
		-1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(st, 2, latest);
	sqlite3_bind_int64(st, 1, round_id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* people_match_each's callback: moves summed by the role people have now */
static void count_role_move(void *ctx, const struct people_place *was,
			    const struct people_place *is, enum segment from,
			    enum segment to, int count)
{
	(void)was;
	int(*by_role)[SEGMENT_COUNT][SEGMENT_COUNT] = ctx;
	by_role[is->role][from][to] += count;
}

static void test_namesakes_recount(void **state)
{
	(void)state;
	struct store_round a, b;
	fixture_round_make(store, "NSA", "Namesakes", q, NULL, 0, &a);
	fixture_round_make(store, "NSB", "Namesakes later", q, NULL, 0, &b);
	sqlite3 *h = fixture_raw_open(store_path(store));
	raw_run(h, namesakes_sql, 0, a.id, b.id);

	struct store_round *rounds[2] = {&a, &b};
	for (int k = 0; k < 2; k++) {
		struct store_round *here = rounds[k], *there = rounds[1 - k];
		struct people_counts want;
		int by_role[ROLE_COUNT][SEGMENT_COUNT][SEGMENT_COUNT] = {{{0}}};
		namesakes_recount(h, here->id, there->id, &want, by_role);
		/* the data are what the test means them to be */
		assert_true(want.both > 50);
		assert_true(want.only_this > 5 && want.only_other > 5);
		assert_true(want.anonymous[0] > 0 && want.anonymous[1] > 0);

		/* the report's matching (report-people.c) gives the same
		 * people and moves */
		enum store_status st;
		struct people *pn = people_read(store, here->id, &st);
		assert_int_equal(st, STORE_OK);
		struct people *pb = people_read(store, there->id, &st);
		assert_int_equal(st, STORE_OK);
		struct people_counts got;
		int got_role[ROLE_COUNT][SEGMENT_COUNT][SEGMENT_COUNT] = {
		    {{0}}};
		struct people_matching *m = people_match(pn, pb);
		got = *people_match_counts(m);
		people_match_each(m, count_role_move, got_role);
		people_match_free(m);
		people_free(pn);
		people_free(pb);
		assert_memory_equal(&got, &want, sizeof(got));
		assert_memory_equal(got_role, by_role, sizeof(got_role));

		/* the report's champions: each person by their latest
		 * response (people_champions) */
		int nchampions = namesakes_champions(h, here->id, false);
		int want_champions = namesakes_champions(h, here->id, true);
		/* some champions answered again: the rule has work to do */
		assert_true(nchampions > want_champions);
		struct report rep;
		assert_int_equal(report_build(store, here, q,
					      REPORT_BY_DEPARTMENT, NULL, NULL,
					      &rep),
				 STORE_OK);
		assert_true(rep.nchampions > 3);
		assert_int_equal(rep.nchampions, want_champions);
		report_free(&rep);
	}
	fixture_raw_close(h);
	store_round_free(&a);
	store_round_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_department),
	    cmocka_unit_test(test_whole_round_and_heatmap),
	    cmocka_unit_test(test_by_role_and_leaders),
	    cmocka_unit_test(test_by_track),
	    cmocka_unit_test(test_champions),
	    cmocka_unit_test(test_champions_latest_response),
	    cmocka_unit_test(test_spreads),
	    cmocka_unit_test(test_gaps),
	    cmocka_unit_test(test_small_gaps),
	    cmocka_unit_test(test_gap_sentence),
	    cmocka_unit_test(test_own_gap),
	    cmocka_unit_test(test_dimension_rows),
	    cmocka_unit_test(test_min_group_shown),
	    cmocka_unit_test(test_min_group_hidden),
	    cmocka_unit_test(test_compare),
	    cmocka_unit_test(test_compare_turnover),
	    cmocka_unit_test(test_compare_hidden),
	    cmocka_unit_test(test_phase),
	    cmocka_unit_test(test_percent),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_store_failure),
	    cmocka_unit_test(test_totals_submit),
	    cmocka_unit_test(test_totals_bulk_batch),
	    cmocka_unit_test(test_totals_terminal_flow),
	    cmocka_unit_test(test_totals_profile_update),
	    cmocka_unit_test(test_totals_delete),
	    cmocka_unit_test(test_totals_scores_replaced),
	    cmocka_unit_test(test_namesakes_recount),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
