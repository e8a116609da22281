/* Navigation without a terminal: track conditions, next and back, the
 * position shown as "7 / 24", and the resume point. */
#include "config.h"

#include "testutil.h"

#include "flow.h"

/* q0 everyone, q1 technical, q2 citizen, q3 everyone, q4 technical */
static struct qn_question questions[5];
static struct questionnaire qn = {.questions = questions, .nquestions = 5};

static int setup(void **state)
{
	(void)state;
	const int track[5] = {-1, TRACK_TECHNICAL, TRACK_CITIZEN, -1,
			      TRACK_TECHNICAL};
	for (int i = 0; i < 5; i++) {
		questions[i] = (struct qn_question){0};
		questions[i].has_track = track[i] >= 0;
		questions[i].track =
		    track[i] >= 0 ? (enum track)track[i] : TRACK_TECHNICAL;
	}
	return 0;
}

static void next_and_prev_follow_the_track(void **state)
{
	(void)state;
	assert_int_equal(flow_first(&qn, TRACK_TECHNICAL), 0);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, 0), 1);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, 1), 3);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, 3), 4);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, 4), -1);
	assert_int_equal(flow_next(&qn, TRACK_CITIZEN, 0), 2);
	assert_int_equal(flow_next(&qn, TRACK_CITIZEN, 3), -1);
	assert_int_equal(flow_prev(&qn, TRACK_CITIZEN, 3), 2);
	assert_int_equal(flow_prev(&qn, TRACK_TECHNICAL, 3), 1);
	assert_int_equal(flow_prev(&qn, TRACK_TECHNICAL, 0), -1);
}

static void position_and_count(void **state)
{
	(void)state;
	assert_int_equal(flow_count(&qn, TRACK_TECHNICAL), 4);
	assert_int_equal(flow_count(&qn, TRACK_CITIZEN), 3);
	assert_int_equal(flow_position(&qn, TRACK_TECHNICAL, 3), 3);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, 3), 3);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, 2), 2);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, 1), 0);
	assert_int_equal(flow_position(&qn, TRACK_TECHNICAL, 9), 0);
}

static void resume_at_first_unanswered(void **state)
{
	(void)state;
	bool answered[5] = {true, true, false, false, false};
	assert_int_equal(flow_resume_point(&qn, TRACK_TECHNICAL, answered), 3);
	/* the citizen track never saw q1, and has not answered q2 */
	assert_int_equal(flow_resume_point(&qn, TRACK_CITIZEN, answered), 2);
	bool all[5] = {true, true, false, true, true};
	assert_int_equal(flow_resume_point(&qn, TRACK_TECHNICAL, all), -1);
	bool none[5] = {false};
	assert_int_equal(flow_resume_point(&qn, TRACK_TECHNICAL, none), 0);
}

static void no_question_for_a_track(void **state)
{
	(void)state;
	struct questionnaire one = {.questions = &questions[1],
				    .nquestions = 1};
	assert_int_equal(flow_first(&one, TRACK_CITIZEN), -1);
	assert_int_equal(flow_count(&one, TRACK_CITIZEN), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(next_and_prev_follow_the_track, setup),
	    cmocka_unit_test_setup(position_and_count, setup),
	    cmocka_unit_test_setup(resume_at_first_unanswered, setup),
	    cmocka_unit_test_setup(no_question_for_a_track, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
