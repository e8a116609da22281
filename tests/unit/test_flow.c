/* SPDX-License-Identifier: MIT */
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
	assert_int_equal(flow_first(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL), 0);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 0),
			 1);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 1),
			 3);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 3),
			 4);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 4),
			 -1);
	assert_int_equal(flow_next(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 0), 2);
	assert_int_equal(flow_next(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 3), -1);
	assert_int_equal(flow_prev(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 3), 2);
	assert_int_equal(flow_prev(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 3),
			 1);
	assert_int_equal(flow_prev(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 0),
			 -1);
}

static void position_and_count(void **state)
{
	(void)state;
	assert_int_equal(flow_count(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL), 4);
	assert_int_equal(flow_count(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL), 3);
	assert_int_equal(
	    flow_position(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 3), 3);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 3),
			 3);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 2),
			 2);
	assert_int_equal(flow_position(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 1),
			 0);
	assert_int_equal(
	    flow_position(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 9), 0);
}

static void resume_at_first_unanswered(void **state)
{
	(void)state;
	bool answered[5] = {true, true, false, false, false};
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, answered),
	    3);
	/* the citizen track never saw q1, and has not answered q2 */
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, answered),
	    2);
	bool all[5] = {true, true, false, true, true};
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, all), -1);
	bool none[5] = {false};
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, none), 0);
}

static void no_question_for_a_track(void **state)
{
	(void)state;
	struct questionnaire one = {.questions = &questions[1],
				    .nquestions = 1};
	assert_int_equal(flow_first(&one, TRACK_CITIZEN, ROLE_INDIVIDUAL), -1);
	assert_int_equal(flow_count(&one, TRACK_CITIZEN, ROLE_INDIVIDUAL), 0);
}

static void leaders_only_questions(void **state)
{
	(void)state;
	questions[3].leaders_only = true; /* q3: the leaders' estimate */
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, 1),
			 4);
	assert_int_equal(flow_next(&qn, TRACK_TECHNICAL, ROLE_MANAGER, 1), 3);
	assert_int_equal(flow_count(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL), 3);
	assert_int_equal(flow_count(&qn, TRACK_TECHNICAL, ROLE_EXECUTIVE), 4);
	assert_int_equal(flow_prev(&qn, TRACK_CITIZEN, ROLE_INDIVIDUAL, 4), 2);
	bool answered[5] = {true, true, true, false, false};
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_TECHNICAL, ROLE_INDIVIDUAL, answered),
	    4);
	assert_int_equal(
	    flow_resume_point(&qn, TRACK_TECHNICAL, ROLE_SENIOR_TECH, answered),
	    3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(next_and_prev_follow_the_track, setup),
	    cmocka_unit_test_setup(position_and_count, setup),
	    cmocka_unit_test_setup(resume_at_first_unanswered, setup),
	    cmocka_unit_test_setup(no_question_for_a_track, setup),
	    cmocka_unit_test_setup(leaders_only_questions, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
