/* SPDX-License-Identifier: MIT */
/* The answers file of aimap submit, checked against the small test
 * questionnaire (tests/data/questionnaires/minimal.ini). */
#include "config.h"

#include "testutil.h"

#include "submission.h"

static struct questionnaire *qn;
static char *departments[] = {"Engineering", "Marketing"};

static int load_questionnaire(void **state)
{
	(void)state;
	const char *data = getenv("AIMAP_TEST_DATA");
	char path[4096];
	snprintf(path, sizeof(path), "%s/questionnaires/minimal.ini",
		 data ? data : "tests/data");
	struct diag d;
	diag_init(&d, path);
	qn = questionnaire_load(path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return qn == NULL ? -1 : 0;
}

static int free_questionnaire(void **state)
{
	(void)state;
	questionnaire_free(qn);
	return 0;
}

static const char respondent[] = "[respondent]\n"
				 "name = Ada\n"
				 "department = engineering\n"
				 "role = individual\n"
				 "track = technical\n"
				 "champion_contact = yes\n"
				 "\n";

/* Parses respondent + answers; on failure the first message is kept in
 * first_error (with its line) for the test to check. */
static char first_error[512];
static int first_line;
static int error_count;

static bool parse(const char *who, const char *answers, struct submission *s)
{
	char *text = xasprintf("%s[answers]\n%s", who, answers);
	struct diag d;
	diag_init(&d, "answers.ini");
	bool ok = submission_parse("answers.ini", text, strlen(text), qn,
				   departments, 2, s, &d);
	first_error[0] = '\0';
	first_line = 0;
	error_count = d.errors;
	if (d.count > 0) {
		snprintf(first_error, sizeof(first_error), "%s",
			 d.entries[0].message);
		first_line = d.entries[0].line;
	}
	diag_free(&d);
	free(text);
	return ok;
}

static const char all_answers[] = "often = 3\n"
				  "made = 4\n"
				  "shown = 2\n"
				  "proof = 1\n"
				  "pipeline = 2\n"
				  "split = 40, 35, 25\n";

static void valid_file(void **state)
{
	(void)state;
	struct submission s;
	assert_true(parse(respondent, all_answers, &s));
	assert_string_equal(s.name, "Ada");
	assert_string_equal(s.department, "Engineering"); /* canonical */
	assert_int_equal(s.role, ROLE_INDIVIDUAL);
	assert_int_equal(s.track, TRACK_TECHNICAL);
	assert_true(s.champion_contact);
	int often = questionnaire_find_question(qn, "often");
	int made = questionnaire_find_question(qn, "made");
	int split = questionnaire_find_question(qn, "split");
	assert_int_equal(s.choices[often], 3);
	assert_int_equal(s.choices[made], 4);
	assert_int_equal(s.choices[split], 0);
	assert_int_equal(s.estimates[split][0], 40);
	assert_int_equal(s.estimates[split][1], 35);
	assert_int_equal(s.estimates[split][2], 25);
	submission_free(&s);
}

static void anonymous_and_no_contact(void **state)
{
	(void)state;
	const char who[] = "[respondent]\nname =\ndepartment = Marketing\n"
			   "role = executive\ntrack = technical\n\n";
	struct submission s;
	assert_true(parse(who, all_answers, &s));
	assert_null(s.name);
	assert_false(s.champion_contact);
	submission_free(&s);
}

static void expect_error(const char *who, const char *answers, int line,
			 const char *phrase)
{
	struct submission s;
	assert_false(parse(who, answers, &s));
	if (strstr(first_error, phrase) == NULL)
		fail_msg("expected '%s' in '%s'", phrase, first_error);
	assert_int_equal(first_line, line);
	submission_free(&s);
}

static void unknown_question(void **state)
{
	(void)state;
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 25\noftn = 1\n",
		     15, "unknown question 'oftn'");
	assert_non_null(strstr(first_error, "did you mean 'often'?"));
}

static void choice_out_of_range(void **state)
{
	(void)state;
	expect_error(respondent,
		     "often = 4\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 25\n",
		     9, "a choice number from 1 to 3, not '4'");
	expect_error(respondent,
		     "often = 0\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 25\n",
		     9, "not '0'");
	expect_error(respondent,
		     "often = 3\nmade = 6\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 25\n",
		     10, "from 1 to 5, not '6'");
}

static void estimate_must_sum_to_100(void **state)
{
	(void)state;
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 20\n",
		     14, "adds up to 95, not 100");
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 60\n",
		     14, "three whole percentages");
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 40, 35, 25, 0\n",
		     14, "three whole percentages");
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\npipeline = "
		     "2\nsplit = 110, -5, -5\n",
		     14, "three whole percentages");
}

static void every_shown_question_is_needed(void **state)
{
	(void)state;
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\npipeline = 2\nsplit = "
		     "40, 35, 25\n",
		     8, "question 'proof' is not answered");
}

static void track_conditions(void **state)
{
	(void)state;
	const char citizen[] = "[respondent]\ndepartment = Marketing\n"
			       "role = manager\ntrack = citizen\n\n";
	/* The technical-only question must not be answered by a citizen
	 * builder, and is not required of them. */
	expect_error(citizen, all_answers, 11, "only for the technical track");
	struct submission s;
	assert_true(parse(citizen,
			  "often = 3\nmade = 4\nshown = 2\nproof = 1\n"
			  "split = 40, 35, 25\n",
			  &s));
	submission_free(&s);
}

static void leaders_only_question(void **state)
{
	(void)state;
	int split = questionnaire_find_question(qn, "split");
	qn->questions[split].leaders_only = true;
	/* an individual contributor may not answer the leaders' estimate,
	 * and is not asked for it */
	expect_error(respondent, all_answers, 14, "only for leaders");
	struct submission s;
	assert_true(parse(respondent,
			  "often = 3\nmade = 4\nshown = 2\nproof = 1\n"
			  "pipeline = 2\n",
			  &s));
	submission_free(&s);
	/* a manager must give it */
	const char manager[] = "[respondent]\ndepartment = Marketing\n"
			       "role = manager\ntrack = technical\n\n";
	expect_error(manager,
		     "often = 3\nmade = 4\nshown = 2\nproof = 1\n"
		     "pipeline = 2\n",
		     6, "question 'split' is not answered");
	qn->questions[split].leaders_only = false;
}

static void respondent_checks(void **state)
{
	(void)state;
	expect_error("[respondent]\ndepartment = Finance\nrole = manager\n"
		     "track = citizen\n\n",
		     all_answers, 2,
		     "'Finance' is not one of this round's: "
		     "Engineering, Marketing");
	expect_error("[respondent]\ndepartment = Marketing\nrole = boss\n"
		     "track = technical\n\n",
		     all_answers, 3, "role 'boss' is not one of");
	expect_error("[respondent]\ndepartment = Marketing\nrole = manager\n"
		     "track = both\n\n",
		     all_answers, 4, "track 'both' is not one of");
	expect_error("[respondent]\nrole = manager\ntrack = technical\n\n",
		     all_answers, 1, "needs 'department'");
	expect_error("[respondent]\ndepartment = Marketing\nrole = manager\n"
		     "track = technical\nchampion_contact = maybe\n\n",
		     all_answers, 5, "must be yes or no");
	expect_error("[respondent]\ndepartment = Marketing\nrole = manager\n"
		     "trak = technical\n\n",
		     all_answers, 1, "needs 'track'");
	assert_true(error_count >= 2); /* and the unknown key 'trak' */
}

static void every_problem_is_reported_at_once(void **state)
{
	(void)state;
	struct submission s;
	assert_false(parse("[respondent]\ndepartment = Finance\nrole = boss\n"
			   "track = technical\n\n",
			   "often = 9\nmade = 4\nshown = 2\nproof = 1\n"
			   "pipeline = 2\nsplit = 1, 2, 3\n",
			   &s));
	assert_int_equal(error_count, 4);
	submission_free(&s);
}

static void duplicate_keys_and_sections(void **state)
{
	(void)state;
	expect_error(respondent,
		     "often = 3\nmade = 4\nshown = 2\nSHOWN = 1\nproof = "
		     "1\npipeline = 2\nsplit = 40, 35, 25\n",
		     12, "is set again in [answers]");
	char *extra = xasprintf("%s[extra]\nx = 1\n", all_answers);
	expect_error(respondent, extra, 15, "unknown section [extra]");
	free(extra);
}

/* A persona file is an answers file with a [persona] section, which is
 * skipped unread: it describes the person, not the answers. */
static void persona_section_is_ignored(void **state)
{
	(void)state;
	const char persona[] = "[persona]\n"
			       "questionnaire = mini\n"
			       "description = \"An engineer who runs demos.\"\n"
			       "segment = champion\n"
			       "subtype = sharing\n"
			       "anything = goes here\n"
			       "\n";
	char *who = xasprintf("%s%s", persona, respondent);
	struct submission s;
	assert_true(parse(who, all_answers, &s));
	assert_int_equal(error_count, 0);
	assert_string_equal(s.name, "Ada");
	assert_int_equal(s.choices[questionnaire_find_question(qn, "often")],
			 3);
	submission_free(&s);
	free(who);
	/* After the answers too; the answers are still checked. */
	char *after = xasprintf("%s%s", all_answers, persona);
	assert_true(parse(respondent, after, &s));
	submission_free(&s);
	free(after);
	after = xasprintf("often = 9\nmade = 4\nshown = 2\nproof = 1\n"
			  "pipeline = 2\nsplit = 40, 35, 25\n%s",
			  persona);
	expect_error(respondent, after, 9, "from 1 to 3, not '9'");
	assert_int_equal(error_count, 1);
	free(after);
}

static void missing_sections(void **state)
{
	(void)state;
	struct submission s;
	struct diag d;
	diag_init(&d, "a.ini");
	assert_false(submission_parse("a.ini", "", 0, qn, NULL, 0, &s, &d));
	assert_int_equal(d.errors, 2);
	diag_free(&d);
	submission_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_file),
	    cmocka_unit_test(anonymous_and_no_contact),
	    cmocka_unit_test(unknown_question),
	    cmocka_unit_test(choice_out_of_range),
	    cmocka_unit_test(estimate_must_sum_to_100),
	    cmocka_unit_test(every_shown_question_is_needed),
	    cmocka_unit_test(track_conditions),
	    cmocka_unit_test(leaders_only_question),
	    cmocka_unit_test(respondent_checks),
	    cmocka_unit_test(every_problem_is_reported_at_once),
	    cmocka_unit_test(duplicate_keys_and_sections),
	    cmocka_unit_test(persona_section_is_ignored),
	    cmocka_unit_test(missing_sections),
	};
	return cmocka_run_group_tests(tests, load_questionnaire,
				      free_questionnaire);
}
