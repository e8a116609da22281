/* SPDX-License-Identifier: MIT */
/* Classification boundaries: exactly on each threshold, just below, all
 * unanswered, one dimension missing. The questionnaire is built by hand so
 * every score is exact. */
#include "config.h"

#include "testutil.h"

#include "scoring.h"

enum {
	DIM_DEPTH,
	DIM_BUILD,
	DIM_SHARING,
	DIM_ATTITUDE,
	DIM_CONTEXT,
	DIM_INTENT,
	NDIM
};
enum {
	Q_DEPTH,
	Q_BUILD,
	Q_SHARING,
	Q_ATTITUDE,
	Q_CONTEXT,
	Q_ESTIMATE,
	Q_DEPTH2,
	Q_INTENT,
	NQ
};

/* Choice number -> score for every test question: pick the score you need
 * by its position (choice 1 scores 0, choice 3 scores 35, ...). */
static struct qn_choice ladder[] = {
    {"none", 0}, {"34", 34}, {"35", 35},   {"49", 49}, {"50", 50},
    {"69", 69},	 {"70", 70}, {"100", 100}, {"51", 51},
};
enum { S0 = 1, S34, S35, S49, S50, S69, S70, S100, S51 };

static struct qn_dimension dims[NDIM] = {
    [DIM_DEPTH] = {.id = "depth",
		   .label = "Depth",
		   .weight = 2,
		   .role = DIMROLE_ADOPTION,
		   .line = 1},
    [DIM_BUILD] = {.id = "build",
		   .label = "Building",
		   .weight = 1,
		   .role = DIMROLE_ADOPTION,
		   .line = 2},
    [DIM_SHARING] = {.id = "sharing",
		     .label = "Sharing",
		     .weight = 1,
		     .role = DIMROLE_SHARING,
		     .line = 3},
    [DIM_ATTITUDE] = {.id = "attitude",
		      .label = "Evidence",
		      .weight = 1,
		      .role = DIMROLE_ATTITUDE,
		      .line = 4},
    [DIM_CONTEXT] = {.id = "context",
		     .label = "Guardrails",
		     .weight = 1,
		     .role = DIMROLE_CONTEXT,
		     .line = 5},
    [DIM_INTENT] = {.id = "intent",
		    .label = "Intent",
		    .weight = 1,
		    .role = DIMROLE_INTENT,
		    .line = 6},
};

static struct qn_question questions[NQ];
static struct questionnaire qn;

static int setup(void **state)
{
	(void)state;
	const int dim_of[NQ] = {DIM_DEPTH,    DIM_BUILD,   DIM_SHARING,
				DIM_ATTITUDE, DIM_CONTEXT, -1,
				DIM_DEPTH,    DIM_INTENT};
	for (int i = 0; i < NQ; i++) {
		questions[i] = (struct qn_question){0};
		questions[i].id = "q";
		questions[i].dimension = dim_of[i];
		questions[i].type =
		    dim_of[i] < 0 ? QTYPE_ESTIMATE : QTYPE_CHOICE;
		if (dim_of[i] >= 0) {
			questions[i].choices = ladder;
			questions[i].nchoices = (int)ARRAY_LEN(ladder);
			questions[i].max_score = 100;
		}
	}
	qn = (struct questionnaire){0};
	qn.dimensions = dims;
	qn.ndimensions = NDIM;
	qn.questions = questions;
	qn.nquestions = NQ;
	qn.rules = (struct qn_rules){.champion = 70,
				     .willing = 35,
				     .shares = 50,
				     .skeptic = 50,
				     .sharing_dimension = DIM_SHARING,
				     .attitude_dimension = DIM_ATTITUDE,
				     .intent_dimension = -1};
	return 0;
}

static struct scoring_result classify(const int choices[NQ])
{
	struct scoring_input in = {choices};
	struct scoring_result r;
	scoring_classify(&qn, &in, &r);
	return r;
}

static void champion_exactly_on_threshold(void **state)
{
	(void)state;
	int c[NQ] = {[Q_DEPTH] = S70, [Q_SHARING] = S50};
	struct scoring_result r = classify(c);
	assert_true(r.classified);
	assert_true(r.adoption == 70.0);
	assert_int_equal(r.segment, SEGMENT_CHAMPION);
	assert_int_equal(r.subtype, SUBTYPE_SHARING);
}

static void just_below_champion_is_willing(void **state)
{
	(void)state;
	int c[NQ] = {[Q_DEPTH] = S69, [Q_SHARING] = S100};
	struct scoring_result r = classify(c);
	assert_int_equal(r.segment, SEGMENT_WILLING);
	assert_int_equal(r.subtype, SUBTYPE_NONE);
}

static void willing_exactly_on_threshold(void **state)
{
	(void)state;
	int c[NQ] = {[Q_DEPTH] = S35, [Q_ATTITUDE] = S100};
	assert_int_equal(classify(c).segment, SEGMENT_WILLING);
}

static void just_below_willing_is_cautious(void **state)
{
	(void)state;
	int c[NQ] = {[Q_DEPTH] = S34, [Q_ATTITUDE] = S50};
	struct scoring_result r = classify(c);
	assert_int_equal(r.segment, SEGMENT_CAUTIOUS);
	assert_int_equal(r.subtype, SUBTYPE_SKEPTIC);
}

static void sharing_boundary(void **state)
{
	(void)state;
	int on[NQ] = {[Q_DEPTH] = S100, [Q_SHARING] = S50};
	int below[NQ] = {[Q_DEPTH] = S100, [Q_SHARING] = S49};
	assert_int_equal(classify(on).subtype, SUBTYPE_SHARING);
	assert_int_equal(classify(below).subtype, SUBTYPE_ALONE);
}

static void skeptic_boundary(void **state)
{
	(void)state;
	int on[NQ] = {[Q_DEPTH] = S0, [Q_ATTITUDE] = S50};
	int below[NQ] = {[Q_DEPTH] = S0, [Q_ATTITUDE] = S49};
	assert_int_equal(classify(on).subtype, SUBTYPE_SKEPTIC);
	assert_int_equal(classify(below).subtype, SUBTYPE_NOT_STARTED);
	assert_int_equal(classify(below).segment, SEGMENT_CAUTIOUS);
}

static void all_unanswered_is_not_classified(void **state)
{
	(void)state;
	int c[NQ] = {0};
	struct scoring_result r = classify(c);
	assert_false(r.classified);
	assert_int_equal(r.segment, SEGMENT_NONE);
	assert_int_equal(r.subtype, SUBTYPE_NONE);
	for (int d = 0; d < NDIM; d++)
		assert_false(r.answered[d]);
}

static void only_context_answered_is_not_classified(void **state)
{
	(void)state;
	int c[NQ] = {[Q_CONTEXT] = S100, [Q_SHARING] = S100};
	struct scoring_result r = classify(c);
	assert_false(r.classified);
	assert_true(r.answered[DIM_CONTEXT]);
	assert_true(r.dimension[DIM_CONTEXT] == 100.0);
}

static void missing_dimension_is_left_out(void **state)
{
	(void)state;
	/* Building unanswered: depth alone decides, it is not averaged
	 * with a zero. */
	int missing[NQ] = {[Q_DEPTH] = S100};
	struct scoring_result r = classify(missing);
	assert_false(r.answered[DIM_BUILD]);
	assert_true(r.adoption == 100.0);
	assert_int_equal(r.segment, SEGMENT_CHAMPION);

	/* Building answered with the lowest choice does count, by weight:
	 * (2 * 100 + 1 * 0) / 3. */
	int zero[NQ] = {[Q_DEPTH] = S100, [Q_BUILD] = S0};
	r = classify(zero);
	assert_true(r.answered[DIM_BUILD]);
	assert_true(r.adoption > 66.66 && r.adoption < 66.67);
	assert_int_equal(r.segment, SEGMENT_WILLING);
}

static void weights_and_several_questions(void **state)
{
	(void)state;
	/* depth: (100 + 50) / 200 = 75; build 69; (2*75 + 69) / 3 = 73 */
	int c[NQ] = {[Q_DEPTH] = S100, [Q_DEPTH2] = S50, [Q_BUILD] = S69};
	struct scoring_result r = classify(c);
	assert_true(r.dimension[DIM_DEPTH] == 75.0);
	assert_true(r.adoption == 73.0);
	assert_int_equal(r.segment, SEGMENT_CHAMPION);
	/* sharing unanswered: the champion's sub-type is not known */
	assert_int_equal(r.subtype, SUBTYPE_NONE);
}

static void context_does_not_move_adoption(void **state)
{
	(void)state;
	int without[NQ] = {[Q_DEPTH] = S50};
	int with[NQ] = {[Q_DEPTH] = S50, [Q_CONTEXT] = S100};
	assert_true(classify(without).adoption == classify(with).adoption);
}

static void out_of_range_choice_is_ignored(void **state)
{
	(void)state;
	int c[NQ] = {[Q_DEPTH] = 10, [Q_BUILD] = -1};
	assert_false(classify(c).classified);
}

static void explanation_names_scores_and_thresholds(void **state)
{
	(void)state;
	char buf[1024];
	int alone[NQ] = {[Q_DEPTH] = S70, [Q_SHARING] = S49};
	struct scoring_result r = classify(alone);
	size_t n = scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_int_equal(n, strlen(buf));
	assert_non_null(strstr(buf, "Adoption depth 70"));
	assert_non_null(strstr(buf, "Depth 70 (weight 2)"));
	assert_non_null(strstr(buf, "at or above the champion threshold 70"));
	assert_non_null(strstr(buf, "Sharing 49 is below 50: works alone"));

	int skeptic[NQ] = {[Q_DEPTH] = S34, [Q_ATTITUDE] = S50};
	r = classify(skeptic);
	scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "below the willing threshold 35"));
	assert_non_null(strstr(buf, "Evidence 50 is at or above 50"));

	int none[NQ] = {0};
	r = classify(none);
	scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "nothing to classify"));
}

static void explanation_never_rounds_across_a_threshold(void **state)
{
	(void)state;
	/* Two depth questions scoring 70 and 69 make 69.5: just under the
	 * champion threshold, so it must not be shown as "70". */
	char buf[1024];
	int c[NQ] = {[Q_DEPTH] = S70, [Q_DEPTH2] = S69};
	struct scoring_result r = classify(c);
	assert_int_equal(r.segment, SEGMENT_WILLING);
	scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Adoption depth 69.5"));
}

static void explanation_is_truncated_safely(void **state)
{
	(void)state;
	char small[8];
	int c[NQ] = {[Q_DEPTH] = S70, [Q_SHARING] = S50};
	struct scoring_result r = classify(c);
	size_t need = scoring_explain(&qn, &r, small, sizeof(small));
	assert_true(need > sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void advice_below_its_threshold(void **state)
{
	(void)state;
	dims[DIM_CONTEXT].advice = "Find the rules.";
	dims[DIM_CONTEXT].advice_below = 50;
	int low[NQ] = {[Q_DEPTH] = S100, [Q_CONTEXT] = S49};
	int on[NQ] = {[Q_DEPTH] = S100, [Q_CONTEXT] = S50};
	int unanswered[NQ] = {[Q_DEPTH] = S100};
	struct scoring_result r = classify(low);
	assert_true(scoring_needs_advice(&qn, &r, DIM_CONTEXT));
	assert_false(scoring_needs_advice(&qn, &r, DIM_DEPTH)); /* no advice */
	r = classify(on);
	assert_false(scoring_needs_advice(&qn, &r, DIM_CONTEXT));
	r = classify(unanswered);
	assert_false(scoring_needs_advice(&qn, &r, DIM_CONTEXT));
	dims[DIM_CONTEXT].advice = NULL;
	dims[DIM_CONTEXT].advice_below = 0;
}

/* "Where you scored low" lists what the bars show low, advice or not:
 * under the advice's line, or under half without advice. */
static void low_with_or_without_advice(void **state)
{
	(void)state;
	int low[NQ] = {[Q_DEPTH] = S49, [Q_CONTEXT] = S50};
	struct scoring_result r = classify(low);
	assert_true(scoring_is_low(&qn, &r, DIM_DEPTH)); /* no advice */
	assert_false(scoring_is_low(&qn, &r, DIM_CONTEXT));
	dims[DIM_CONTEXT].advice = "Find the rules.";
	dims[DIM_CONTEXT].advice_below = 60;
	assert_true(scoring_is_low(&qn, &r, DIM_CONTEXT)); /* 50 < 60 */
	int unanswered[NQ] = {[Q_DEPTH] = S49};
	r = classify(unanswered);
	assert_false(scoring_is_low(&qn, &r, DIM_CONTEXT));
	dims[DIM_CONTEXT].advice = NULL;
	dims[DIM_CONTEXT].advice_below = 0;
}

/* A not-applicable answer is left out like an unanswered one: it neither
 * lowers the dimension (as a 0 would) nor counts as an answer. */
static void not_applicable_is_left_out(void **state)
{
	(void)state;
	struct qn_choice with_na[] = {
	    {"n/a", QN_SCORE_NA}, {"some", 20}, {"all", 100}};
	questions[Q_ATTITUDE].choices = with_na;
	questions[Q_ATTITUDE].nchoices = 3;
	int c[NQ] = {[Q_DEPTH] = S0, [Q_ATTITUDE] = 1};
	struct scoring_result r = classify(c);
	assert_false(r.answered[DIM_ATTITUDE]);
	assert_int_equal(r.subtype, SUBTYPE_NONE);
	c[Q_ATTITUDE] = 2;
	r = classify(c);
	assert_true(r.answered[DIM_ATTITUDE]);
	assert_true(r.dimension[DIM_ATTITUDE] == 20.0);
	/* n/a beside a scored answer of the same dimension: only the
	 * scored one counts */
	struct qn_choice depth_na[] = {{"n/a", QN_SCORE_NA}, {"x", 100}};
	questions[Q_DEPTH2].choices = depth_na;
	questions[Q_DEPTH2].nchoices = 2;
	int d[NQ] = {[Q_DEPTH] = S50, [Q_DEPTH2] = 1};
	assert_true(classify(d).adoption == 50.0);
	questions[Q_ATTITUDE].choices = ladder;
	questions[Q_ATTITUDE].nchoices = (int)ARRAY_LEN(ladder);
	questions[Q_DEPTH2].choices = ladder;
	questions[Q_DEPTH2].nchoices = (int)ARRAY_LEN(ladder);
}

/* Below willing (35) but at or above started (20) with intent at or above
 * 60: the willing middle; any one of the three short, the cautious
 * third. */
static void intent_moves_the_started_into_the_willing_middle(void **state)
{
	(void)state;
	qn.rules.intent_dimension = DIM_INTENT;
	qn.rules.intent = 60;
	qn.rules.started = 34;
	int on[NQ] = {[Q_DEPTH] = S34, [Q_INTENT] = S70};
	struct scoring_result r = classify(on);
	assert_int_equal(r.segment, SEGMENT_WILLING);
	assert_true(scoring_willing_by_intent(&qn, &r));
	char buf[600];
	scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "at or above 34 (started), and Intent 70 "
				    "is at or above 60: willing middle"));
	int low_intent[NQ] = {[Q_DEPTH] = S34, [Q_INTENT] = S50};
	r = classify(low_intent);
	assert_int_equal(r.segment, SEGMENT_CAUTIOUS);
	scoring_explain(&qn, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Intent 50 is below 60"));
	int not_started[NQ] = {[Q_DEPTH] = S0, [Q_INTENT] = S100};
	assert_int_equal(classify(not_started).segment, SEGMENT_CAUTIOUS);
	int no_intent[NQ] = {[Q_DEPTH] = S34};
	assert_int_equal(classify(no_intent).segment, SEGMENT_CAUTIOUS);
	/* above willing, intent changes nothing */
	int willing[NQ] = {[Q_DEPTH] = S35, [Q_INTENT] = S0};
	r = classify(willing);
	assert_int_equal(r.segment, SEGMENT_WILLING);
	assert_false(scoring_willing_by_intent(&qn, &r));
	/* an index whose dimension is not an intent one is ignored */
	qn.rules.intent_dimension = DIM_DEPTH;
	assert_int_equal(classify(on).segment, SEGMENT_CAUTIOUS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(champion_exactly_on_threshold, setup),
	    cmocka_unit_test_setup(just_below_champion_is_willing, setup),
	    cmocka_unit_test_setup(willing_exactly_on_threshold, setup),
	    cmocka_unit_test_setup(just_below_willing_is_cautious, setup),
	    cmocka_unit_test_setup(sharing_boundary, setup),
	    cmocka_unit_test_setup(skeptic_boundary, setup),
	    cmocka_unit_test_setup(all_unanswered_is_not_classified, setup),
	    cmocka_unit_test_setup(only_context_answered_is_not_classified,
				   setup),
	    cmocka_unit_test_setup(missing_dimension_is_left_out, setup),
	    cmocka_unit_test_setup(weights_and_several_questions, setup),
	    cmocka_unit_test_setup(context_does_not_move_adoption, setup),
	    cmocka_unit_test_setup(out_of_range_choice_is_ignored, setup),
	    cmocka_unit_test_setup(explanation_names_scores_and_thresholds,
				   setup),
	    cmocka_unit_test_setup(explanation_never_rounds_across_a_threshold,
				   setup),
	    cmocka_unit_test_setup(explanation_is_truncated_safely, setup),
	    cmocka_unit_test_setup(advice_below_its_threshold, setup),
	    cmocka_unit_test_setup(low_with_or_without_advice, setup),
	    cmocka_unit_test_setup(not_applicable_is_left_out, setup),
	    cmocka_unit_test_setup(
		intent_moves_the_started_into_the_willing_middle, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
