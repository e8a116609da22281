/* SPDX-License-Identifier: MIT */
/* Action rules: the [action.ID] sections of a questionnaire (their
 * errors, each at its line) and their evaluation per department against
 * groups whose numbers are worked out by hand in the comments. */
#include "config.h"

#include "testutil.h"

#include "fixture.h"
#include "nextstep.h"
#include "questionnaire.h"
#include "report.h"
#include "stats.h"
#include "util.h"

static const char base[] = "[questionnaire]\n"
			   "id = t\n"
			   "title = T\n"
			   "version = 1\n"
			   "audience = everyone\n"
			   "[dimension.use]\n"
			   "label = Use\n"
			   "weight = 1\n"
			   "role = adoption\n"
			   "[dimension.guardrails]\n"
			   "label = Guardrails\n"
			   "weight = 1\n"
			   "role = context\n"
			   "[question.often]\n"
			   "dimension = use\n"
			   "type = choice\n"
			   "text = Often?\n"
			   "choice1 = No\n"
			   "score1 = 0\n"
			   "choice2 = Yes\n"
			   "score2 = 100\n"
			   "[question.rules]\n"
			   "dimension = guardrails\n"
			   "type = choice\n"
			   "text = Rules?\n"
			   "choice1 = No\n"
			   "score1 = 0\n"
			   "choice2 = Yes\n"
			   "score2 = 100\n" FIXTURE_TAIL(30);

/* Five rules, in the file: skeptics (priority 5), connect (2), boundary
 * (3), align (1), willing (3): picked by priority, a tie in the file's
 * order, three at most. */
static const char rules[] =
    "[action.skeptics]\n"
    "text = Peer demonstrations.\n"
    "finding = {count} of {of} people are skeptics ({value}%)\n"
    "when = skeptics >= 20\n"
    "weeks = build\n"
    "priority = 5\n"
    "[action.connect]\n"
    "text = Connect them.\n"
    "finding = {count} of {of} champions work alone in {department}\n"
    "when = alone > 50 and champions >= 20\n"
    "weeks = observe\n"
    "priority = 2\n"
    "[action.boundary]\n"
    "text = Draw the boundary.\n"
    "finding = citizen builders score {value} on guardrails ({of})\n"
    "track = citizen\n"
    "when = guardrails < 40\n"
    "weeks = build\n"
    "priority = 3\n"
    "[action.align]\n"
    "text = Align the leaders.\n"
    "finding = leaders say {estimate}%, the team {actual}% ({value})\n"
    "when = overestimate >= 15\n"
    "weeks = align\n"
    "priority = 1\n"
    "[action.willing]\n"
    "text = Training paths.\n"
    "finding = {count} of {of} in the willing middle\n"
    "when = willing >= 50\n"
    "weeks = scale\n"
    "priority = 3\n";

static struct questionnaire *parse_with(const char *sections, struct diag *d)
{
	char *text = xasprintf("%s%s", base, sections);
	diag_init(d, "t.ini");
	struct questionnaire *q =
	    questionnaire_parse("t.ini", text, strlen(text), d);
	free(text);
	return q;
}

/* The line (1-based) of the first line of base + sections holding at. */
static int line_of(const char *sections, const char *at)
{
	char *text = xasprintf("%s%s", base, sections);
	const char *p = strstr(text, at);
	assert_non_null(p);
	int line = 1;
	for (const char *s = text; s < p; s++)
		line += *s == '\n';
	free(text);
	return line;
}

static void expect_error(const char *sections, const char *at,
			 const char *phrase)
{
	struct diag d;
	struct questionnaire *q = parse_with(sections, &d);
	int line = line_of(sections, at);
	int found = 0;
	for (int i = 0; i < d.count; i++)
		found += d.entries[i].line == line &&
			 strstr(d.entries[i].message, phrase) != NULL;
	if (found != 1) {
		printf("expected at %d: %s\ngot:\n", line, phrase);
		diag_print(&d, stdout);
	}
	assert_null(q);
	assert_int_equal(found, 1);
	diag_free(&d);
}

static void test_rules_parse(void **state)
{
	(void)state;
	struct diag d;
	struct questionnaire *q = parse_with(rules, &d);
	if (q == NULL)
		diag_print(&d, stdout);
	assert_non_null(q);
	assert_int_equal(q->nactions, 5);
	const struct qn_action_rule *c = &q->actions[1];
	assert_string_equal(c->id, "connect");
	assert_int_equal(c->weeks, WEEKS_OBSERVE);
	assert_int_equal(c->priority, 2);
	assert_int_equal(c->nconditions, 2);
	assert_int_equal(c->conditions[0].measure, MEASURE_ALONE);
	assert_false(c->conditions[0].below);
	assert_false(c->conditions[0].or_equal);
	assert_int_equal(c->conditions[0].limit, 50);
	assert_int_equal(c->conditions[1].measure, MEASURE_CHAMPIONS);
	assert_true(c->conditions[1].or_equal);
	const struct qn_action_rule *b = &q->actions[2];
	assert_true(b->has_track);
	assert_int_equal(b->track, TRACK_CITIZEN);
	assert_int_equal(b->conditions[0].measure, MEASURE_DIMENSION);
	assert_int_equal(b->conditions[0].dimension, 1);
	assert_true(b->conditions[0].below);
	assert_int_equal(b->line, line_of(rules, "[action.boundary]"));
	assert_int_equal(questionnaire_find_action(q, "align"), 3);
	assert_int_equal(questionnaire_find_action(q, "nope"), -1);
	assert_string_equal(weeks_label(WEEKS_ALIGN), "Align leadership");
	assert_int_equal(weeks_from(WEEKS_SCALE), 8);
	assert_int_equal(weeks_to(WEEKS_BUILD), 10);
	questionnaire_free(q);
	diag_free(&d);
}

static void test_rules_errors(void **state)
{
	(void)state;
	static const char head[] = "[action.a]\ntext = T\n"
				   "finding = F {value}\nweeks = observe\n";
	struct {
		const char *when; /* the rest of the section */
		const char *at;
		const char *phrase;
	} cases[] = {
	    {"when = alon >= 50\n", "when", "did you mean 'alone'?"},
	    {"when = guardrail < 40\n", "when", "did you mean 'guardrails'?"},
	    {"when = zzzzzz >= 1\n", "when", "it is champions, willing"},
	    {"when = alone = 50\n", "when", "comes >=, >, <= or <"},
	    {"when = alone >= 150\n", "when", "from 0 to 100"},
	    {"when = overestimate >= -101\n", "when", "from -100 to 100"},
	    {"when = alone >= 5 or champions >= 1\n", "when",
	     "joined by 'and'"},
	    {"when = alone >= 1 and alone >= 2 and alone >= 3 and alone >= 4 "
	     "and alone >= 5\n",
	     "when", "at most 4 conditions"},
	    {"when = overestimate >= 10\ntrack = citizen\n", "when",
	     "cannot be measured on one track"},
	    {"when = alone >= 5\ntrack = citizens\n", "track = citizens",
	     "is not"},
	    {"when = alone >= 5\npriority = 0\n", "priority", "from 1 to 9"},
	    {"when = alone >= 5\nwhen2 = x\n", "when2", "unknown key"},
	    {"", "[action.a]", "has no 'when'"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = xasprintf("%s%s", head, cases[i].when);
		expect_error(s, cases[i].at, cases[i].phrase);
		free(s);
	}
	expect_error("[action.a]\ntext = T\nfinding = F\nweeks = soon\n"
		     "when = alone >= 5\n",
		     "weeks", "is not observe, align, build or scale");
	expect_error("[action.a]\ntext = T\nfinding = {vlaue} alone\n"
		     "weeks = align\nwhen = alone >= 5\n",
		     "finding", "did you mean {value}?");
	expect_error("[action.a]\ntext = T\nfinding = {count} scored\n"
		     "weeks = align\nwhen = guardrails < 5\n",
		     "finding", "{count} is not measured by the first");
	expect_error("[action.a]\ntext = T\nfinding = {estimate} alone\n"
		     "weeks = align\nwhen = alone >= 5\n",
		     "finding", "{estimate} is not measured");
	expect_error("[action.a]\ntext = T\nfinding = {value alone\n"
		     "weeks = align\nwhen = alone >= 5\n",
		     "finding", "not closed");
	expect_error("[action.A b]\ntext = T\nfinding = F\nweeks = align\n"
		     "when = alone >= 5\n",
		     "[action.A b]", "may use only");
	expect_error("[actoin.a]\n", "[actoin.a]", "did you mean [action.a]?");
}

/* A group from counts of champions (sharing, alone), willing and
 * cautious (skeptics, not started), and one mean. */
static void group_set(struct report_group *g, const char *label, int sharing,
		      int alone, int willing, int skeptic, int not_started,
		      double guardrails, int scored)
{
	memset(g, 0, sizeof(*g));
	g->label = (char *)label;
	g->segments[SEGMENT_CHAMPION] = sharing + alone;
	g->segments[SEGMENT_WILLING] = willing;
	g->segments[SEGMENT_CAUTIOUS] = skeptic + not_started;
	g->subtypes[SUBTYPE_SHARING] = sharing;
	g->subtypes[SUBTYPE_ALONE] = alone;
	g->subtypes[SUBTYPE_SKEPTIC] = skeptic;
	g->subtypes[SUBTYPE_NOT_STARTED] = not_started;
	g->n = sharing + alone + willing + skeptic + not_started;
	g->dimensions[1] = guardrails;
	g->dimension_n[1] = scored;
	g->dimension_se[1] = 4.0;
}

struct fixture {
	struct questionnaire *q;
	struct diag d;
	struct report r;
	struct report_group depts[3];
	struct report_group tracks[3 * TRACK_COUNT];
	struct report_gap gaps[2];
};

/* Sales: 10 people, 4 champions (1 sharing, 3 alone), 3 willing, 2
 * skeptics, 1 not started; its 6 citizen builders average 35.5 on
 * guardrails; its leaders estimate 50% champions where 40% are.
 * Legal: 3 people, hidden. Ops: 8 people, 1 champion (alone), 5
 * willing, 2 not started; guardrails among citizen builders 55. */
static void fixture_make(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->q = parse_with(rules, &f->d);
	assert_non_null(f->q);
	f->r.q = f->q;
	f->r.min_group = 5;
	f->r.departments = f->depts;
	f->r.ndepartments = 3;
	f->r.department_tracks = f->tracks;
	group_set(&f->depts[0], "Sales", 1, 3, 3, 2, 1, 40, 10);
	group_set(&f->tracks[0 * TRACK_COUNT + TRACK_TECHNICAL], "T", 1, 1, 1,
		  1, 0, 46.25, 4);
	group_set(&f->tracks[0 * TRACK_COUNT + TRACK_CITIZEN], "C", 0, 2, 2, 1,
		  1, 35.5, 6);
	group_set(&f->depts[1], "Legal", 0, 0, 0, 0, 0, 0, 0);
	f->depts[1].n = 3;
	f->depts[1].hidden = true;
	f->tracks[1 * TRACK_COUNT].hidden = true;
	f->tracks[1 * TRACK_COUNT + 1].hidden = true;
	group_set(&f->depts[2], "Ops", 0, 1, 5, 0, 2, 50, 8);
	f->tracks[2 * TRACK_COUNT].hidden = true; /* nobody technical */
	group_set(&f->tracks[2 * TRACK_COUNT + TRACK_CITIZEN], "C", 0, 1, 5, 0,
		  2, 55, 8);
	f->gaps[0].department = (char *)"Sales";
	f->gaps[0].estimated[0] = 50;
	f->gaps[0].actual[0] = 40;
	f->gaps[0].team = 10;
	f->r.gaps = f->gaps;
	f->r.ngaps = 1;
}

static void fixture_free(struct fixture *f)
{
	questionnaire_free(f->q);
	diag_free(&f->d);
}

static void test_evaluate(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct nextstep_department nd;

	/* Without a paired leaders' round there is no overestimate: Sales
	 * gets connect (3 of 4 alone = 75% > 50, champions 40% >= 20),
	 * boundary (35.5 < 40 among citizen builders; the department's
	 * own 40 would not do) and skeptics (2 of 10 = 20% >= 20); willing
	 * (3 of 10 = 30%) no. */
	nextstep_department(&f.r, 0, &nd);
	assert_false(nd.too_few);
	assert_int_equal(nd.nsteps, 3);
	assert_string_equal(nd.steps[0].rule->id, "connect");
	assert_string_equal(nd.steps[0].finding,
			    "3 of 4 champions work alone in Sales");
	assert_true(nd.steps[0].value.value == 75.0);
	assert_string_equal(nd.steps[1].rule->id, "boundary");
	assert_string_equal(nd.steps[1].finding,
			    "citizen builders score 35.5 on guardrails (6)");
	assert_string_equal(nd.steps[2].rule->id, "skeptics");
	assert_string_equal(nd.steps[2].finding,
			    "2 of 10 people are skeptics (20.0%)");
	fixture_free(&f);
}

static void test_evaluate_cases(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct nextstep_department nd;

	/* With the leaders' round: 50 - 40 = 10 points, under 15: no align.
	 * At 60% estimated it is 20: align comes first and the third place
	 * (skeptics, priority 5) goes. */
	snprintf(f.r.leaders_code, sizeof(f.r.leaders_code), "LEAD");
	nextstep_department(&f.r, 0, &nd);
	assert_string_equal(nd.steps[0].rule->id, "connect");
	f.gaps[0].estimated[0] = 60;
	nextstep_department(&f.r, 0, &nd);
	assert_int_equal(nd.nsteps, 3);
	assert_string_equal(nd.steps[0].rule->id, "align");
	assert_string_equal(nd.steps[0].finding,
			    "leaders say 60.0%, the team 40.0% (20.0)");
	assert_string_equal(nd.steps[1].rule->id, "connect");
	assert_string_equal(nd.steps[2].rule->id, "boundary");
	/* a hidden gap counts for nothing */
	f.gaps[0].hidden = true;
	nextstep_department(&f.r, 0, &nd);
	assert_string_equal(nd.steps[0].rule->id, "connect");

	/* Legal is under the minimum: too few to say, no actions. */
	nextstep_department(&f.r, 1, &nd);
	assert_true(nd.too_few);
	assert_int_equal(nd.nsteps, 0);

	/* Ops: 1 alone of 1 champion (100%) but champions 1 of 8 = 12.5%:
	 * no connect; guardrails 55 among citizen builders: no boundary;
	 * willing 5 of 8 = 62.5% >= 50: willing only. */
	nextstep_department(&f.r, 2, &nd);
	assert_int_equal(nd.nsteps, 1);
	assert_string_equal(nd.steps[0].rule->id, "willing");
	assert_string_equal(nd.steps[0].finding,
			    "5 of 8 in the willing middle");
	/* the citizen builders of Ops hidden: the boundary rule cannot
	 * hold, however low the department's own mean */
	f.tracks[2 * TRACK_COUNT + TRACK_CITIZEN].hidden = true;
	f.depts[2].dimensions[1] = 10;
	nextstep_department(&f.r, 2, &nd);
	assert_int_equal(nd.nsteps, 1);

	assert_int_equal(nextstep_find_department(&f.r, "sales"), 0);
	assert_int_equal(nextstep_find_department(&f.r, "Nope"), -1);
	fixture_free(&f);
}

static void test_changed(void **state)
{
	(void)state;
	struct qn_action_condition share = {.measure = MEASURE_SKEPTICS};
	struct qn_action_condition mean = {.measure = MEASURE_DIMENSION,
					   .dimension = 0};
	struct nextstep_value a = {.known = true, .count = 2, .of = 10};
	struct nextstep_value b = {.known = true, .count = 8, .of = 10};
	/* 20% against 80% of ten: Newcombe's 90% interval leaves out 0 */
	assert_true(nextstep_changed(&share, &a, &b));
	b.count = 3; /* 20% against 30%: noise */
	assert_false(nextstep_changed(&share, &a, &b));
	b.known = false;
	assert_false(nextstep_changed(&share, &a, &b));
	/* means 40 and 50, standard errors 3 and 4: |10| > 1.645 * 5 =
	 * 8.2, clear; with 6 and 4 it is 1.645 * 7.2 = 11.9: not */
	struct nextstep_value m1 = {
	    .known = true, .value = 40, .se = 3, .of = 10};
	struct nextstep_value m2 = {
	    .known = true, .value = 50, .se = 4, .of = 10};
	assert_true(nextstep_changed(&mean, &m1, &m2));
	m1.se = 6;
	assert_false(nextstep_changed(&mean, &m1, &m2));
	/* overestimate is never compared: one leaders' round */
	struct qn_action_condition over = {.measure = MEASURE_OVERESTIMATE};
	assert_false(nextstep_changed(&over, &a, &a));

	char buf[64];
	struct nextstep_value v = {.known = true, .value = 66.666};
	nextstep_value_text(&share, &v, buf, sizeof(buf));
	assert_string_equal(buf, "66.7%");
	v.value = 20.04;
	nextstep_value_text(&over, &v, buf, sizeof(buf));
	assert_string_equal(buf, "+20.0 points");
	v.known = false;
	nextstep_value_text(&mean, &v, buf, sizeof(buf));
	assert_string_equal(buf, "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules_parse),
	    cmocka_unit_test(test_rules_errors),
	    cmocka_unit_test(test_evaluate),
	    cmocka_unit_test(test_evaluate_cases),
	    cmocka_unit_test(test_changed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
