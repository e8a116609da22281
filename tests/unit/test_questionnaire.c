/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "testutil.h"

#include "questionnaire.h"

/* Small, but with every kind of section: two adoption dimensions, one
 * sharing and one attitude dimension, all three question types and
 * both tracks. Bad cases change one line of it. */
static const char valid[] =
    "; A short AI check, for the tests.\n"
    "[questionnaire]\n"
    "id = mini\n"
    "title = A short AI check\n"
    "version = 3\n"
    "audience = leaders\n"
    "minutes = 2\n"
    "description = Six questions about AI at work.\n"
    "\n"
    "[dimension.use]\n"
    "label = Depth of use\n"
    "weight = 2\n"
    "role = adoption\n"
    "\n"
    "[dimension.build]\n"
    "label = Building with AI\n"
    "weight = 1\n"
    "role = adoption\n"
    "description = Making things, not only asking.\n"
    "\n"
    "[dimension.share]\n"
    "label = Sharing\n"
    "weight = 1\n"
    "role = sharing\n"
    "advice = Show one colleague what works for you.\n"
    "advice_below = 50\n"
    "\n"
    "[dimension.view]\n"
    "label = Attitude\n"
    "weight = 1\n"
    "role = attitude\n"
    "\n"
    "[question.q1]\n"
    "type = choice\n"
    "dimension = use\n"
    "text = How often do you use an AI assistant at work?\n"
    "help = Any tool counts.\n"
    "choice1 = Never\n"
    "score1 = 0\n"
    "choice2 = Weekly\n"
    "score2 = 40\n"
    "choice3 = Daily\n"
    "score3 = 90\n"
    "\n"
    "[question.q2]\n"
    "type = scale\n"
    "dimension = build\n"
    "track = technical\n"
    "text = \"How much of your code do you write with AI; roughly?\"\n"
    "points = 5\n"
    "anchor1 = None of it\n"
    "anchor5 = Most of it\n"
    "\n"
    "[question.q3]\n"
    "type = choice\n"
    "dimension = build\n"
    "track = citizen\n"
    "text = Have you automated a task with an AI tool?\n"
    "choice1 = No\n"
    "score1 = 0\n"
    "choice2 = Yes\n"
    "score2 = 100\n"
    "\n"
    "[question.q4]\n"
    "type = scale\n"
    "dimension = share\n"
    "text = How often do you show colleagues what works?\n"
    "points = 3\n"
    "anchor1 = Never\n"
    "anchor2 = Sometimes\n"
    "anchor3 = Often\n"
    "\n"
    "[question.q5]\n"
    "type = scale\n"
    "dimension = view\n"
    "text = I want evidence before I use AI more.\n"
    "points = 4\n"
    "anchor1 = Disagree\n"
    "anchor4 = Agree\n"
    "\n"
    "[question.q6]\n"
    "type = estimate\n"
    "text = What share of your team uses AI every week?\n"
    "\n"
    "[classification]\n"
    "champion = 70\n"
    "willing = 35\n"
    "shares = 50\n"
    "skeptic = 60\n"
    "\n"
    "[guidance.champion]\n"
    "summary = You work with AI every day.\n"
    "step1 = Write down one workflow.\n"
    "step2 = Pair with a colleague.\n"
    "step3 = Run a demo.\n"
    "\n"
    "[guidance.willing]\n"
    "summary = You have started.\n"
    "step1 = Use it daily for one task.\n"
    "\n"
    "[guidance.cautious]\n"
    "summary = You are at the start.\n"
    "step1 = Try one small task.\n"
    "\n"
    "[guidance.sharing]\n"
    "summary = Others learn from you.\n"
    "step1 = Host an hour a week.\n"
    "\n"
    "[guidance.alone]\n"
    "summary = You work alone.\n"
    "step1 = Show one colleague.\n"
    "\n"
    "[guidance.skeptic]\n"
    "summary = You want evidence.\n"
    "step1 = Measure one task.\n"
    "\n"
    "[guidance.not-started]\n"
    "summary = You have not started.\n"
    "step1 = Book an hour to try.\n"
    "\n"
    "[phase.structuring]\n"
    "description = The rules are known.\n"
    "view = 50\n"
    "champions = 20\n"
    "\n"
    "[phase.scaling]\n"
    "champions = 40\n"
    "use = 70\n"
    "share = 60\n";

/* text with its first line equal to from replaced by to (which may be
 * several lines, or "" to delete the line). */
static char *replace_line(const char *text, const char *from, const char *to)
{
	size_t flen = strlen(from);
	const char *p = text;
	while (strncmp(p, from, flen) != 0 || p[flen] != '\n') {
		p = strchr(p, '\n');
		if (p == NULL)
			fail_msg("no line '%s'", from);
		p++;
	}
	size_t head = (size_t)(p - text);
	const char *tail = p + flen + 1;
	char *out = malloc(strlen(text) + strlen(to) + 2);
	assert_non_null(out);
	memcpy(out, text, head);
	strcpy(out + head, to);
	if (*to != '\0')
		strcat(out, "\n");
	strcat(out, tail);
	return out;
}

static char *with_line(const char *from, const char *to)
{
	return replace_line(valid, from, to);
}

/* text with a second line replaced, text freed. */
static char *and_line(char *text, const char *from, const char *to)
{
	char *out = replace_line(text, from, to);
	free(text);
	return out;
}

/* The line number of the first line of text equal to line. */
static int line_of(const char *text, const char *line)
{
	size_t n = strlen(line);
	int number = 1;
	for (const char *p = text; p != NULL; number++) {
		if (strncmp(p, line, n) == 0 && p[n] == '\n')
			return number;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	fail_msg("no line '%s'", line);
	return 0;
}

static int count_at(const struct diag *d, int line, const char *phrase)
{
	int n = 0;
	for (int i = 0; i < d->count; i++)
		if (d->entries[i].severity == DIAG_ERROR &&
		    d->entries[i].line == line &&
		    strstr(d->entries[i].message, phrase) != NULL)
			n++;
	return n;
}

/* text is refused with an error at line containing phrase. */
static void expect_error_in(const char *text, int line, const char *phrase)
{
	struct diag d;
	diag_init(&d, "t.ini");
	struct questionnaire *q =
	    questionnaire_parse("t.ini", text, strlen(text), &d);
	if (q != NULL || count_at(&d, line, phrase) != 1) {
		printf("expected %d: %s\ngot:\n", line, phrase);
		diag_print(&d, stdout);
	}
	assert_null(q);
	assert_int_equal(count_at(&d, line, phrase), 1);
	diag_free(&d);
}

/* valid with line from replaced by to is refused with an error containing
 * phrase, at the line of `at` in the changed text. */
static void expect_error(const char *from, const char *to, const char *at,
			 const char *phrase)
{
	char *text = with_line(from, to);
	expect_error_in(text, at ? line_of(text, at) : 0, phrase);
	free(text);
}

static struct questionnaire *parse_ok(const char *text, struct diag *d)
{
	diag_init(d, "t.ini");
	struct questionnaire *q =
	    questionnaire_parse("t.ini", text, strlen(text), d);
	if (q == NULL)
		diag_print(d, stdout);
	assert_non_null(q);
	return q;
}

static void test_valid_model(void **state)
{
	(void)state;
	struct diag d;
	struct questionnaire *q = parse_ok(valid, &d);
	assert_int_equal(d.count, 0);
	assert_string_equal(q->id, "mini");
	assert_string_equal(q->title, "A short AI check");
	assert_string_equal(q->description, "Six questions about AI at work.");
	assert_int_equal(q->version, 3);
	assert_int_equal(q->audience, AUDIENCE_LEADERS);
	assert_int_equal(q->minutes, 2);

	assert_int_equal(q->ndimensions, 4);
	assert_string_equal(q->dimensions[1].id, "build");
	assert_string_equal(q->dimensions[1].label, "Building with AI");
	assert_null(q->dimensions[0].description);
	assert_non_null(q->dimensions[1].description);
	assert_int_equal(q->dimensions[0].weight, 2);
	assert_int_equal(q->dimensions[2].role, DIMROLE_SHARING);
	assert_int_equal(q->dimensions[3].role, DIMROLE_ATTITUDE);
	assert_int_equal(q->dimensions[3].line,
			 line_of(valid, "[dimension.view]"));
	assert_null(q->dimensions[0].advice);
	assert_int_equal(q->dimensions[0].advice_below, 0);
	assert_string_equal(q->dimensions[2].advice,
			    "Show one colleague what works for you.");
	assert_int_equal(q->dimensions[2].advice_below, 50);

	assert_int_equal(q->nquestions, 6);
	const struct qn_question *q1 = &q->questions[0];
	assert_string_equal(q1->id, "q1");
	assert_int_equal(q1->type, QTYPE_CHOICE);
	assert_int_equal(q1->dimension, 0);
	assert_string_equal(q1->help, "Any tool counts.");
	assert_false(q1->has_track);
	assert_int_equal(q1->nchoices, 3);
	assert_string_equal(q1->choices[1].text, "Weekly");
	assert_int_equal(q1->choices[1].score, 40);
	assert_int_equal(q1->max_score, 90);
	assert_int_equal(q1->line, line_of(valid, "[question.q1]"));

	const struct qn_question *q2 = &q->questions[1];
	assert_int_equal(q2->type, QTYPE_SCALE);
	assert_int_equal(q2->dimension, 1);
	assert_string_equal(q2->text,
			    "How much of your code do you write with AI; "
			    "roughly?");
	assert_null(q2->help);
	assert_true(q2->has_track);
	assert_int_equal(q2->track, TRACK_TECHNICAL);
	assert_int_equal(q2->nchoices, 5);
	int five[] = {0, 25, 50, 75, 100};
	for (int i = 0; i < 5; i++)
		assert_int_equal(q2->choices[i].score, five[i]);
	assert_string_equal(q2->choices[0].text, "None of it");
	assert_null(q2->choices[1].text);
	assert_string_equal(q2->choices[4].text, "Most of it");
	assert_int_equal(q2->max_score, 100);

	assert_int_equal(q->questions[2].track, TRACK_CITIZEN);
	assert_int_equal(q->questions[3].choices[1].score, 50);
	/* Four points: 100/3 and 200/3 round to 33 and 67. */
	assert_int_equal(q->questions[4].choices[1].score, 33);
	assert_int_equal(q->questions[4].choices[2].score, 67);

	const struct qn_question *q6 = &q->questions[5];
	assert_int_equal(q6->type, QTYPE_ESTIMATE);
	assert_int_equal(q6->dimension, -1);
	assert_int_equal(q6->nchoices, 0);

	assert_int_equal(q->rules.champion, 70);
	assert_int_equal(q->rules.willing, 35);
	assert_int_equal(q->rules.shares, 50);
	assert_int_equal(q->rules.skeptic, 60);
	assert_int_equal(q->rules.sharing_dimension, 2);
	assert_int_equal(q->rules.attitude_dimension, 3);
	assert_int_equal(q->rules.line, line_of(valid, "[classification]"));

	assert_string_equal(q->guidance[GUIDE_CHAMPION].summary,
			    "You work with AI every day.");
	assert_int_equal(q->guidance[GUIDE_CHAMPION].nsteps, 3);
	assert_string_equal(q->guidance[GUIDE_CHAMPION].steps[2],
			    "Run a demo.");
	assert_int_equal(q->guidance[GUIDE_WILLING].nsteps, 1);
	assert_string_equal(q->guidance[GUIDE_NOT_STARTED].steps[0],
			    "Book an hour to try.");

	/* Conditions in the order of the file; -1 is the champions share. */
	const struct qn_phase_rule *st = &q->phases[PHASE_STRUCTURING];
	assert_true(st->defined);
	assert_int_equal(st->line, line_of(valid, "[phase.structuring]"));
	assert_int_equal(st->nconditions, 2);
	assert_int_equal(st->conditions[0].dimension, 3);
	assert_int_equal(st->conditions[0].min, 50);
	assert_int_equal(st->conditions[1].dimension, -1);
	assert_int_equal(st->conditions[1].min, 20);
	const struct qn_phase_rule *sc = &q->phases[PHASE_SCALING];
	assert_true(sc->defined);
	assert_int_equal(sc->nconditions, 3);
	assert_int_equal(sc->conditions[0].dimension, -1);
	assert_int_equal(sc->conditions[0].min, 40);
	assert_int_equal(sc->conditions[1].dimension, 0);
	assert_int_equal(sc->conditions[1].min, 70);
	assert_int_equal(sc->conditions[2].dimension, 2);
	assert_int_equal(sc->conditions[2].min, 60);
	assert_false(q->phases[PHASE_NONE].defined);
	assert_false(q->phases[PHASE_EXPLORATION].defined);

	assert_int_equal(q->source_len, strlen(valid));
	assert_memory_equal(q->source, valid, q->source_len);
	char hash[17];
	util_hash_hex(valid, strlen(valid), hash);
	assert_string_equal(q->hash, hash);
	questionnaire_free(q);
	diag_free(&d);
}

static void test_helpers(void **state)
{
	(void)state;
	struct diag d;
	struct questionnaire *q = parse_ok(valid, &d);
	assert_int_equal(questionnaire_find_question(q, "q3"), 2);
	assert_int_equal(questionnaire_find_question(q, "q9"), -1);
	assert_int_equal(questionnaire_find_dimension(q, "share"), 2);
	assert_int_equal(questionnaire_find_dimension(q, "nope"), -1);
	assert_true(questionnaire_question_applies(
	    &q->questions[0], TRACK_CITIZEN, ROLE_INDIVIDUAL));
	assert_true(questionnaire_question_applies(
	    &q->questions[1], TRACK_TECHNICAL, ROLE_INDIVIDUAL));
	assert_false(questionnaire_question_applies(
	    &q->questions[1], TRACK_CITIZEN, ROLE_INDIVIDUAL));
	assert_string_equal(audience_name(AUDIENCE_EVERYONE), "everyone");
	assert_string_equal(question_type_name(QTYPE_ESTIMATE), "estimate");
	assert_string_equal(dimension_role_name(DIMROLE_CONTEXT), "context");
	assert_string_equal(guidance_kind_name(GUIDE_CAUTIOUS), "cautious");
	assert_string_equal(guidance_kind_name(GUIDE_NOT_STARTED),
			    "not-started");
	assert_string_equal(phase_name(PHASE_NONE), "");
	assert_string_equal(phase_name(PHASE_EXPLORATION), "exploration");
	assert_string_equal(phase_name(PHASE_STRUCTURING), "structuring");
	assert_string_equal(phase_name(PHASE_SCALING), "scaling");
	questionnaire_free(q);
	diag_free(&d);
}

/* Without sharing and attitude dimensions, shares, skeptic and their
 * guidance are neither needed nor allowed. */
static void test_minimal(void **state)
{
	(void)state;
	static const char text[] =
	    "[questionnaire]\nid = tiny\ntitle = T\nversion = 1\n"
	    "audience = everyone\nminutes = 1\n"
	    "[dimension.d]\nlabel = D\nweight = 1\nrole = adoption\n"
	    "[question.only]\ntype = choice\ndimension = d\ntext = Q?\n"
	    "choice1 = a\nscore1 = 0\nchoice2 = b\nscore2 = 1\n"
	    "[classification]\nchampion = 1\nwilling = 0\n"
	    "[guidance.champion]\nsummary = s\nstep1 = a\n"
	    "[guidance.willing]\nsummary = s\nstep1 = a\n"
	    "[guidance.cautious]\nsummary = s\nstep1 = a\n";
	struct diag d;
	struct questionnaire *q = parse_ok(text, &d);
	assert_int_equal(q->rules.sharing_dimension, -1);
	assert_int_equal(q->rules.attitude_dimension, -1);
	assert_int_equal(q->audience, AUDIENCE_EVERYONE);
	assert_null(q->guidance[GUIDE_SKEPTIC].summary);
	assert_int_equal(q->questions[0].max_score, 1);
	/* No phase sections: no phase. */
	assert_false(q->phases[PHASE_STRUCTURING].defined);
	assert_false(q->phases[PHASE_SCALING].defined);
	assert_int_equal(q->phases[PHASE_SCALING].nconditions, 0);
	questionnaire_free(q);
	diag_free(&d);
}

static void test_header(void **state)
{
	(void)state;
	expect_error("id = mini", "", "[questionnaire]", "has no 'id'");
	expect_error("id = mini", "id = AI map", "id = AI map",
		     "may use only a-z");
	expect_error("id = mini", "id = a123456789012345678901234567890123",
		     "id = a123456789012345678901234567890123",
		     "longer than 32");
	expect_error("title = A short AI check", "title =", "title =",
		     "'title' in [questionnaire] is empty");
	expect_error("version = 3", "version = 010", "version = 010",
		     "leading zero");
	expect_error("version = 3", "version = 0", "version = 0",
		     "version '0' is out of range; it must be a whole number "
		     "from 1 to 1000000");
	expect_error("version = 3", "version = 99999999999999999999999",
		     "version = 99999999999999999999999", "out of range");
	expect_error("version = 3", "version = 2.0", "version = 2.0",
		     "version '2.0' is not a whole number from 1 to 1000000");
	expect_error("audience = leaders", "audience = leader",
		     "audience = leader", "did you mean 'leaders'?");
	expect_error("minutes = 2", "minutes = 121", "minutes = 121",
		     "from 1 to 120");
	expect_error("minutes = 2",
		     "minutes =", "minutes =", "minutes is empty");
	expect_error("[questionnaire]", "[questionnare]", "[questionnare]",
		     "did you mean [questionnaire]?");
	expect_error("[questionnaire]", "[questionnaire.x]",
		     "[questionnaire.x]", "takes no id");
}

static void test_dimensions(void **state)
{
	(void)state;
	expect_error("label = Depth of use", "", "[dimension.use]",
		     "[dimension.use] has no 'label'");
	expect_error("weight = 2", "weight = 42abc", "weight = 42abc",
		     "weight '42abc' is not a whole number from 1 to 100");
	expect_error("weight = 2", "wieght = 2", "wieght = 2",
		     "did you mean 'weight'?");
	expect_error("role = adoption", "role = adopt", "role = adopt",
		     "is not adoption, sharing, attitude, context or intent");
	char *t = with_line("role = attitude", "role = sharing");
	expect_error_in(t, line_of(t, "[dimension.view]") + 3,
			"[dimension.view] is a second sharing dimension after "
			"[dimension.share]");
	free(t);
	expect_error("[dimension.use]", "[dimensions.use]", "[dimensions.use]",
		     "did you mean [dimension.use]?");
	expect_error("[dimension.use]", "[dimension.u$e]", "[dimension.u$e]",
		     "may use only a-z");
	expect_error("[dimension.use]", "[dimension]", "[dimension]",
		     "needs an id");
	/* A dimension nobody asks about. */
	expect_error("dimension = view", "dimension = use", "[dimension.view]",
		     "has no questions");
	/* Both adoption dimensions made context: nothing to classify. */
	t = with_line("role = adoption", "role = context");
	t = and_line(t, "role = adoption", "role = context");
	expect_error_in(t, 0, "no dimension has role adoption");
	free(t);
}

/* advice and advice_below: optional, but each needs the other. */
static void test_advice(void **state)
{
	(void)state;
	static const char advice[] =
	    "advice = Show one colleague what works for you.";
	expect_error("advice_below = 50", "", advice,
		     "[dimension.share] has 'advice' but no 'advice_below'");
	expect_error(advice, "", "advice_below = 50",
		     "'advice_below' is set but [dimension.share] has no "
		     "'advice'");
	expect_error(advice, "advice =", "advice =",
		     "'advice' in [dimension.share] is empty");
	expect_error("advice_below = 50", "advice_below = 101",
		     "advice_below = 101",
		     "advice_below '101' is out of range; it must be a whole "
		     "number from 0 to 100");
	expect_error("advice_below = 50", "advice_below = 5x",
		     "advice_below = 5x",
		     "advice_below '5x' is not a whole number from 0 to 100");
	expect_error("advice_below = 50", "advice_below = 050",
		     "advice_below = 050", "leading zero");
	expect_error("advice_below = 50", "advice_below =", "advice_below =",
		     "advice_below is empty");
	expect_error(advice, "advise = Show one colleague.",
		     "advise = Show one colleague.", "did you mean 'advice'?");
	expect_error("advice_below = 50", "advice_bellow = 50",
		     "advice_bellow = 50", "did you mean 'advice_below'?");
	/* Advice on a dimension of any role, here an adoption one. */
	char *t = with_line("role = adoption",
			    "role = adoption\nadvice = Use it daily.\n"
			    "advice_below = 100");
	struct diag d;
	struct questionnaire *q = parse_ok(t, &d);
	assert_int_equal(d.count, 0);
	assert_string_equal(q->dimensions[0].advice, "Use it daily.");
	assert_int_equal(q->dimensions[0].advice_below, 100);
	questionnaire_free(q);
	diag_free(&d);
	free(t);
	/* Below 0 nothing is: loaded, with a warning at its line. */
	t = with_line("advice_below = 50", "advice_below = 0");
	q = parse_ok(t, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.entries[0].severity, DIAG_WARNING);
	assert_int_equal(d.entries[0].line, line_of(t, "advice_below = 0"));
	assert_non_null(strstr(d.entries[0].message, "never shown"));
	assert_int_equal(q->dimensions[2].advice_below, 0);
	questionnaire_free(q);
	diag_free(&d);
	free(t);
}

static void test_too_many_dimensions(void **state)
{
	(void)state;
	char extra[8192] = "";
	for (int i = 0; i < 61; i++)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 "[dimension.x%d]\nlabel = X\nweight = 1\n"
			 "role = context\n",
			 i);
	strcat(extra, "[question.q1]");
	char *text = with_line("[question.q1]", extra);
	/* Four dimensions come first: the 65th is x60. */
	expect_error_in(text, line_of(text, "[dimension.x60]"),
			"one dimension too many");
	free(text);
}

static void test_too_many_questions(void **state)
{
	(void)state;
	size_t size = strlen(valid) + 201 * 120;
	char *text = malloc(size);
	assert_non_null(text);
	strcpy(text, valid);
	for (int i = 0; i < 195; i++)
		snprintf(text + strlen(text), size - strlen(text),
			 "[question.extra%d]\ntype = estimate\ntext = E?\n", i);
	struct diag d;
	diag_init(&d, "t.ini");
	struct questionnaire *q =
	    questionnaire_parse("t.ini", text, strlen(text), &d);
	assert_null(q);
	int last = line_of(text, "[question.extra194]");
	assert_int_equal(count_at(&d, last, "one question too many"), 1);
	assert_int_equal(d.errors, 1);
	diag_free(&d);
	free(text);
}

static void test_question_basics(void **state)
{
	(void)state;
	expect_error("type = estimate", "", "[question.q6]", "has no 'type'");
	expect_error("type = estimate", "type = guess", "type = guess",
		     "is not choice, scale, estimate or comment");
	expect_error("text = What share of your team uses AI every week?", "",
		     "[question.q6]", "[question.q6] has no 'text'");
	expect_error("track = citizen", "track = citizens", "track = citizens",
		     "did you mean 'citizen'?");
	expect_error("dimension = use", "", "[question.q1]",
		     "has scores but no dimension");
	expect_error("dimension = use", "dimension = usee", "dimension = usee",
		     "unknown dimension 'usee'; did you mean 'use'?");
	char *t =
	    with_line("type = estimate", "type = estimate\ndimension = use");
	expect_error_in(t, line_of(t, "[question.q6]") + 2,
			"an estimate has no dimension");
	free(t);
	expect_error("[question.q1]", "[questoin.q1]", "[questoin.q1]",
		     "did you mean [question.q1]?");
	expect_error("[question.q1]", "[question.q 1]", "[question.q 1]",
		     "may use only a-z");
	expect_error("[question.q1]", "[question]", "[question]",
		     "needs an id");
	expect_error("[question.q1]", "[survey]", "[survey]",
		     "unknown section [survey]");
	expect_error("help = Any tool counts.", "hint = Any tool counts.",
		     "hint = Any tool counts.",
		     "unknown key 'hint' in [question.q1]; it takes type, "
		     "text, help, track, audience, dimension, choiceN, scoreN, "
		     "points, anchorN");
	expect_error("help = Any tool counts.", "helps = Any tool counts.",
		     "helps = Any tool counts.",
		     "unknown key 'helps' in [question.q1]; did you mean "
		     "'help'?");
	expect_error("choice2 = Weekly", "choise2 = Weekly", "choise2 = Weekly",
		     "unknown key 'choise2' in [question.q1]; did you mean "
		     "'choice2'?");
	expect_error("type = estimate", "type = estimate\naudience = bosses",
		     "audience = bosses",
		     "audience 'bosses' is not everyone or leaders");
}

/* audience = leaders shows a question to executives, managers and senior
 * technical leaders only; without it, to everyone. */
static void test_question_audience(void **state)
{
	(void)state;
	char *t = with_line("type = estimate", "type = estimate\naudience = "
					       "leaders");
	struct diag d;
	struct questionnaire *q = parse_ok(t, &d);
	int est = questionnaire_find_question(q, "q6");
	const struct qn_question *qq = &q->questions[est];
	assert_true(qq->leaders_only);
	assert_false(q->questions[0].leaders_only);
	assert_true(
	    questionnaire_question_applies(qq, TRACK_TECHNICAL, ROLE_MANAGER));
	assert_true(
	    questionnaire_question_applies(qq, TRACK_CITIZEN, ROLE_EXECUTIVE));
	assert_true(questionnaire_question_applies(qq, TRACK_CITIZEN,
						   ROLE_SENIOR_TECH));
	assert_false(questionnaire_question_applies(qq, TRACK_TECHNICAL,
						    ROLE_INDIVIDUAL));
	assert_true(questionnaire_question_applies(
	    &q->questions[0], TRACK_TECHNICAL, ROLE_INDIVIDUAL));
	questionnaire_free(q);
	diag_free(&d);
	free(t);
}

static void test_choices(void **state)
{
	(void)state;
	char *t =
	    and_line(with_line("choice2 = Weekly", ""), "score2 = 40", "");
	expect_error_in(t, line_of(t, "[question.q1]"),
			"choice2 is missing; choices must be numbered 1, 2, "
			"3... without gaps");
	free(t);
	expect_error("score2 = 40", "", "choice2 = Weekly",
		     "choice2 has no score2");
	expect_error("choice2 = Weekly", "", "score2 = 40",
		     "score2 has no choice2");
	expect_error("score2 = 40", "score2 = 42abc", "score2 = 42abc",
		     "score2 '42abc' is not a whole number from 0 to 100");
	expect_error("score2 = 40", "score2 = 101", "score2 = 101",
		     "out of range");
	expect_error("score2 = 40", "score2 = 040", "score2 = 040",
		     "leading zero");
	expect_error("score2 = 40", "score2 =", "score2 =", "score2 is empty");
	expect_error("choice2 = Weekly",
		     "choice2 =", "choice2 =", "choice2 is empty");
	t = and_line(with_line("choice2 = Yes", ""), "score2 = 100", "");
	expect_error_in(t, line_of(t, "[question.q3]"),
			"[question.q3] has 1 choice; a choice question needs 2 "
			"to 9");
	free(t);
	expect_error("score2 = 100", "score2 = 0", "[question.q3]",
		     "every score in [question.q3] is 0");
	expect_error("score3 = 90", "score3 = 90\nchoice10 = More\n",
		     "choice10 = More", "numbers run from 1 to 9");
	expect_error("score3 = 90", "score3 = 90\nscroe3 = 1\n", "scroe3 = 1",
		     "did you mean 'score3'?");
	expect_error("score3 = 90", "score3 = 90\npoints = 3\n", "points = 3",
		     "'points' belongs to scale questions");
}

static void test_scales(void **state)
{
	(void)state;
	expect_error("points = 5", "", "[question.q2]", "has no 'points'");
	expect_error("points = 5", "points = 1", "points = 1", "from 2 to 9");
	expect_error("points = 5", "points = 10", "points = 10", "from 2 to 9");
	expect_error("anchor5 = Most of it", "", "[question.q2]",
		     "has no 'anchor5'");
	expect_error("anchor1 = None of it", "", "[question.q2]",
		     "has no 'anchor1'");
	expect_error("anchor5 = Most of it",
		     "anchor5 = Most of it\nanchor7 = All", "anchor7 = All",
		     "anchor7 is beyond points (5)");
	expect_error("anchor5 = Most of it",
		     "anchor5 = Most of it\nchoice1 = x", "choice1 = x",
		     "'choice1' belongs to choice questions");
	expect_error("type = estimate", "type = estimate\npoints = 7",
		     "points = 7", "has type = estimate");
}

static void test_classification(void **state)
{
	(void)state;
	expect_error("willing = 35", "willing = 70", "willing = 70",
		     "thresholds out of order: willing (70) must be below "
		     "champion (70)");
	char *t = and_line(with_line("champion = 70", "champion = 40"),
			   "willing = 35", "willing = 70");
	expect_error_in(t, line_of(t, "willing = 70"),
			"thresholds out of order: willing (70) must be below "
			"champion (40)");
	free(t);
	expect_error("champion = 70", "champion = 101", "champion = 101",
		     "from 0 to 100");
	expect_error("willing = 35", "", "[classification]",
		     "has no 'willing'");
	expect_error("shares = 50", "", "[classification]",
		     "has no 'shares' (needed because [dimension.share] has "
		     "role sharing)");
	expect_error("skeptic = 60", "", "[classification]",
		     "has no 'skeptic'");
	expect_error("role = sharing", "role = context", "shares = 50",
		     "'shares' is set but no dimension has role sharing");
	expect_error("[classification]", "[classificaton]", "[classificaton]",
		     "did you mean [classification]?");
}

static void test_missing_classification(void **state)
{
	(void)state;
	char *text = with_line("[classification]", "");
	static const char *const keys[] = {"champion = 70", "willing = 35",
					   "shares = 50", "skeptic = 60"};
	for (size_t i = 0; i < 4; i++)
		text = and_line(text, keys[i], "");
	expect_error_in(text, 0, "no [classification] section");
	free(text);
}

static void test_guidance(void **state)
{
	(void)state;
	expect_error("[guidance.cautious]", "[guidance.careful]",
		     "[guidance.careful]", "unknown guidance");
	expect_error("[guidance.skeptic]", "[guidance.skeptics]",
		     "[guidance.skeptics]", "did you mean [guidance.skeptic]?");
	expect_error("[guidance.skeptic]", "[guidance.skeptics]", NULL,
		     "no [guidance.skeptic] section (needed because "
		     "[dimension.view] has role attitude)");
	expect_error("summary = You are at the start.", "",
		     "[guidance.cautious]", "has no 'summary'");
	expect_error("step1 = Try one small task.", "", "[guidance.cautious]",
		     "has no 'step1'");
	expect_error("step2 = Pair with a colleague.", "",
		     "step3 = Run a demo.", "step3 without step2");
	expect_error("step3 = Run a demo.", "step3 = Run a demo.\nstep4 = x",
		     "step4 = x", "step numbers run from 1 to 3");
	/* With the sharing role gone, its guidance is not allowed. */
	char *t = and_line(with_line("role = sharing", "role = context"),
			   "shares = 50", "");
	expect_error_in(t, line_of(t, "[guidance.sharing]"),
			"used only when a dimension has role sharing");
	free(t);
}

static void test_phases(void **state)
{
	(void)state;
	/* Only structuring and scaling take rules. */
	expect_error("[phase.scaling]", "[phase.scalling]", "[phase.scalling]",
		     "unknown section [phase.scalling]; did you mean "
		     "[phase.scaling]?");
	expect_error("[phase.scaling]", "[phase.exploration]",
		     "[phase.exploration]", "exploration takes no rule");
	expect_error("[phase.scaling]", "[phase.growth]", "[phase.growth]",
		     "unknown section [phase.growth]; the phases with rules "
		     "are [phase.structuring] and [phase.scaling]");
	expect_error("[phase.scaling]", "[phases.scaling]", "[phases.scaling]",
		     "did you mean [phase.scaling]?");
	expect_error("[phase.scaling]", "[phase]", "[phase]", "needs an id");
	/* Keys: champions, description or a dimension id. */
	expect_error("use = 70", "usee = 70", "usee = 70",
		     "unknown key 'usee' in [phase.scaling]; did you mean "
		     "'use'?");
	expect_error("champions = 40", "champion = 40", "champion = 40",
		     "did you mean 'champions'?");
	expect_error("use = 70", "xyzzy = 70", "xyzzy = 70",
		     "unknown key 'xyzzy' in [phase.scaling]: it is neither "
		     "champions, description nor a dimension id");
	/* Minimums are clean whole numbers from 0 to 100. */
	expect_error("share = 60", "share = 101", "share = 101",
		     "share '101' is out of range; it must be a whole number "
		     "from 0 to 100");
	expect_error("champions = 40", "champions = 4x", "champions = 4x",
		     "champions '4x' is not a whole number from 0 to 100");
	expect_error("share = 60", "share = 060", "share = 060",
		     "leading zero");
	expect_error("share = 60", "share = -1", "share = -1",
		     "not a whole number from 0 to 100");
	expect_error("view = 50", "view =", "view =", "view is empty");
	/* A rule with no condition. */
	char *t = and_line(with_line("view = 50", ""), "champions = 20", "");
	expect_error_in(t, line_of(t, "[phase.structuring]"),
			"[phase.structuring] has no conditions");
	free(t);
	/* Scaling needs structuring. */
	t = with_line("[phase.structuring]", "");
	t = and_line(t, "description = The rules are known.", "");
	t = and_line(t, "view = 50", "");
	t = and_line(t, "champions = 20", "");
	expect_error_in(t, line_of(t, "[phase.scaling]"),
			"[phase.scaling] without [phase.structuring]");
	free(t);
}

/* Champions and all sixteen dimensions could make seventeen conditions;
 * the ninth is one too many. */
static void test_phase_too_many_conditions(void **state)
{
	(void)state;
	char extra[4096] = "";
	for (int i = 0; i < 6; i++)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 "[dimension.x%d]\nlabel = X\nweight = 1\n"
			 "role = context\n"
			 "[question.x%d]\ntype = scale\ndimension = x%d\n"
			 "text = X?\npoints = 2\nanchor1 = no\n"
			 "anchor2 = yes\n",
			 i, i, i);
	strcat(extra, "[phase.scaling]\nbuild = 10\nx0 = 1\nx1 = 1\n"
		      "x2 = 1\nx3 = 1\nx4 = 1\nx5 = 1");
	char *text = with_line("[phase.scaling]", extra);
	/* build and x0..x5 come first, then the section's own champions,
	 * use and share: ten, so use is the ninth and share the tenth */
	expect_error_in(text, line_of(text, "use = 70"),
			"'use' is one condition too many: a phase has at most "
			"8");
	expect_error_in(text, line_of(text, "share = 60"),
			"'share' is one condition too many");
	free(text);
	/* Eight are fine: share is the eighth. */
	text = with_line("[phase.scaling]", extra);
	text = and_line(text, "x4 = 1", "");
	text = and_line(text, "x5 = 1", "");
	struct diag d;
	struct questionnaire *q = parse_ok(text, &d);
	assert_int_equal(q->phases[PHASE_SCALING].nconditions, 8);
	assert_int_equal(q->phases[PHASE_SCALING].conditions[7].dimension,
			 questionnaire_find_dimension(q, "share"));
	questionnaire_free(q);
	diag_free(&d);
	free(text);
}

static void test_no_questions(void **state)
{
	(void)state;
	static const char text[] =
	    "[questionnaire]\nid = none\ntitle = T\nversion = 1\n"
	    "audience = everyone\nminutes = 1\n"
	    "[classification]\nchampion = 1\nwilling = 0\n";
	expect_error_in(text, 0, "no questions");
	expect_error_in(text, 0, "no dimension has role adoption");
	expect_error_in(text, 0, "no [guidance.champion] section");
	expect_error_in("", 0, "no [questionnaire] section");
}

/* Several problems come back together, in line order. */
static void test_one_pass(void **state)
{
	(void)state;
	char *a = with_line("weight = 2", "weight = x");
	a = and_line(a, "score3 = 90", "score3 = 9x");
	a = and_line(a, "minutes = 2", "minutes = 0");
	struct diag d;
	diag_init(&d, "t.ini");
	assert_null(questionnaire_parse("t.ini", a, strlen(a), &d));
	assert_int_equal(d.errors, 3);
	assert_int_equal(d.entries[0].line, line_of(a, "minutes = 0"));
	assert_int_equal(d.entries[1].line, line_of(a, "weight = x"));
	assert_int_equal(d.entries[2].line, line_of(a, "score3 = 9x"));
	diag_free(&d);
	free(a);
}

static void test_ini_errors_surface(void **state)
{
	(void)state;
	expect_error("[question.q1]", "[question.Q3]", "[question.q3]",
		     "iniparser lowercases names and merges them");
	expect_error("help = Any tool counts.", "help = \"Say \"yes\" if so\"",
		     "help = \"Say \"yes\" if so\"", "typographic quotes");
}

static void test_load(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp();
	char path[4200];
	snprintf(path, sizeof(path), "%s/mini.ini", dir);
	struct diag d;
	diag_init(&d, path);
	assert_null(questionnaire_load(path, &d));
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.entries[0].line, 0);
	char *msg = diag_format(&d, 0);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "cannot read: No such file"));
	free(msg);
	diag_free(&d);

	testutil_write(path, valid, strlen(valid));
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
	assert_non_null(q);
	assert_int_equal(q->nquestions, 6);
	questionnaire_free(q);
	diag_free(&d);
	testutil_rmdir(dir);
}

/* scoreN = na, an unscored question, a comment, an intent dimension:
 * the keys of aimap-questionnaire(5) that keep measurement honest. */
static const char measuring[] =
    "[questionnaire]\nid = m\ntitle = M\nversion = 1\n"
    "audience = everyone\n"
    "[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"
    "[dimension.want]\nlabel = Intent\nweight = 1\nrole = intent\n"
    "[question.check]\ntype = choice\ndimension = use\n"
    "text = What do you do with AI output?\n"
    "choice1 = I have not used AI for work\nscore1 = na\n"
    "choice2 = Use it as it is\nscore2 = 20\n"
    "choice3 = Test all of it\nscore3 = 100\n"
    "[question.next]\ntype = choice\ndimension = want\n"
    "text = What would you like to do next?\n"
    "choice1 = Nothing\nscore1 = 0\nchoice2 = Learn more\nscore2 = 100\n"
    "[question.tools]\ntype = choice\n"
    "text = Which assistant do you use most?\n"
    "choice1 = A chat in the browser\nchoice2 = One in my editor\n"
    "choice3 = None\nscore3 = na\n"
    "[question.trend]\ntype = scale\npoints = 3\n"
    "text = Compared with last year, do you use AI more or less?\n"
    "anchor1 = Less\nanchor3 = More\n"
    "[question.help]\ntype = comment\nmax_length = 300\n"
    "text = What would help you most?\n"
    "[classification]\nchampion = 70\nwilling = 30\nintent = 60\n"
    "started = 10\n"
    "[guidance.champion]\nsummary = C\nstep1 = c\n"
    "[guidance.willing]\nsummary = W\nstep1 = w\n"
    "[guidance.cautious]\nsummary = K\nstep1 = k\n";

static void test_measuring_keys(void **state)
{
	(void)state;
	struct diag d;
	struct questionnaire *q = parse_ok(measuring, &d);
	assert_int_equal(d.count, 0);
	const struct qn_question *check = &q->questions[0];
	assert_int_equal(check->choices[0].score, QN_SCORE_NA);
	assert_int_equal(check->max_score, 100);
	assert_true(questionnaire_question_scored(check));
	const struct qn_question *tools = &q->questions[2];
	assert_int_equal(tools->dimension, -1);
	assert_false(questionnaire_question_scored(tools));
	assert_int_equal(tools->choices[2].score, QN_SCORE_NA);
	assert_false(questionnaire_question_scored(&q->questions[3]));
	const struct qn_question *help = &q->questions[4];
	assert_int_equal(help->type, QTYPE_COMMENT);
	assert_int_equal(help->max_length, 300);
	assert_int_equal(help->nchoices, 0);
	assert_int_equal(q->rules.intent_dimension, 1);
	assert_int_equal(q->rules.intent, 60);
	assert_int_equal(q->rules.started, 10);
	/* no minutes key: the rule's estimate */
	assert_int_equal(q->minutes, questionnaire_estimate_minutes(q));
	questionnaire_free(q);
	diag_free(&d);
}

static void test_measuring_errors(void **state)
{
	(void)state;
	char *t = replace_line(measuring, "score2 = 20", "score2 = n/a");
	expect_error_in(t, line_of(t, "score2 = n/a"),
			"score2 'n/a' is neither a whole number from 0 to "
			"100 nor na");
	free(t);
	t = replace_line(measuring, "score3 = 100", "score3 = na");
	t = and_line(t, "score2 = 20", "score2 = na");
	expect_error_in(t, line_of(t, "[question.check]"),
			"every choice of [question.check] is na");
	free(t);
	t = replace_line(measuring, "choice2 = One in my editor",
			 "choice2 = One in my editor\nscore2 = 50");
	expect_error_in(t, line_of(t, "[question.tools]"),
			"[question.tools] has scores but no dimension");
	free(t);
	t = replace_line(measuring, "max_length = 300", "max_length = 2001");
	expect_error_in(t, line_of(t, "max_length = 2001"),
			"max_length '2001' is out of range");
	free(t);
	t = replace_line(measuring, "max_length = 300",
			 "max_length = 300\ndimension = Use");
	expect_error_in(t, line_of(t, "dimension = Use"),
			"a comment has no dimension");
	free(t);
	t = replace_line(measuring, "max_length = 300",
			 "max_length = 300\nchoice1 = Anything");
	expect_error_in(t, line_of(t, "choice1 = Anything"),
			"'choice1' belongs to choice questions");
	free(t);
	t = replace_line(measuring, "started = 10", "");
	expect_error_in(t, line_of(t, "[classification]"),
			"has no 'started' (needed because [dimension.want]");
	free(t);
	t = replace_line(measuring, "started = 10", "started = 30");
	expect_error_in(t, line_of(t, "started = 30"),
			"started (30) must be below willing (30)");
	free(t);
	t = replace_line(measuring, "role = intent", "role = context");
	expect_error_in(t, line_of(t, "intent = 60"),
			"'intent' is set but no dimension has role intent");
	free(t);
}

/* The rule of aimap-questionnaire(5), counted by hand: 240 words a
 * minute, 2 s a choice, 15 s an estimate, 45 s a comment, on the track
 * with the most to read, as a leader. */
static void test_estimated_minutes(void **state)
{
	(void)state;
	static const char text[] =
	    "[questionnaire]\nid = e\ntitle = E\nversion = 1\n"
	    "audience = everyone\n"
	    "[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"
	    /* 4 + 4 words and 2 choices: 2 s + 4 s */
	    "[question.a]\ntype = choice\ndimension = use\n"
	    "text = one two three four\nchoice1 = a b\nscore1 = 0\n"
	    "choice2 = c  d\nscore2 = 1\n"
	    /* technical only: 8 words, a 3-point scale: 2 s + 6 s */
	    "[question.b]\ntype = scale\ndimension = use\ntrack = technical\n"
	    "text = a b c d e f\npoints = 3\nanchor1 = x\nanchor3 = y\n"
	    /* citizen only: 2 words: 0.5 s + 4 s (shorter: not counted) */
	    "[question.c]\ntype = choice\ndimension = use\ntrack = citizen\n"
	    "text = short\nchoice1 = x\nscore1 = 0\nchoice2 = y\n"
	    "score2 = 1\n"
	    /* leaders: 4 words and 15 s */
	    "[question.d]\ntype = estimate\naudience = leaders\n"
	    "text = how do they split\n"
	    /* 4 words (the help too) and 45 s */
	    "[question.e]\ntype = comment\ntext = what would help\n"
	    "help = anything\n"
	    "[classification]\nchampion = 70\nwilling = 30\n"
	    "[guidance.champion]\nsummary = C\nstep1 = c\n"
	    "[guidance.willing]\nsummary = W\nstep1 = w\n"
	    "[guidance.cautious]\nsummary = K\nstep1 = k\n";
	struct diag d;
	struct questionnaire *q = parse_ok(text, &d);
	double want =
	    (8 * 0.25 + 4) + (8 * 0.25 + 6) + (4 * 0.25 + 15) + (4 * 0.25 + 45);
	assert_float_equal(questionnaire_estimate_seconds(q), want, 1e-9);
	assert_int_equal(questionnaire_estimate_minutes(q), 2);
	assert_int_equal(q->minutes, 2);
	questionnaire_free(q);
	diag_free(&d);
	/* a minutes the rule does not give is a warning, not an error */
	char *w = replace_line(text, "audience = everyone",
			       "audience = everyone\nminutes = 9");
	diag_init(&d, "t.ini");
	q = questionnaire_parse("t.ini", w, strlen(w), &d);
	assert_non_null(q);
	assert_int_equal(d.count, 0); /* the loader says nothing */
	questionnaire_check_minutes(q, &d);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.entries[0].line, line_of(w, "minutes = 9"));
	assert_non_null(strstr(d.entries[0].message,
			       "minutes = 9, but by the rule of "
			       "aimap-questionnaire(5) the questions take "
			       "about 2"));
	assert_int_equal(q->minutes, 9);
	questionnaire_free(q);
	diag_free(&d);
	free(w);
	/* from the estimate (2) to twice it and a minute: no warning; 1 is
	 * too little */
	static const char *const fine[] = {"minutes = 2", "minutes = 5"};
	for (int i = 0; i < 3; i++) {
		w = replace_line(text, "audience = everyone",
				 i < 2 ? fine[i] : "minutes = 1");
		w = and_line(w, "id = e", "id = e\naudience = everyone");
		diag_init(&d, "t.ini");
		q = questionnaire_parse("t.ini", w, strlen(w), &d);
		assert_non_null(q);
		questionnaire_check_minutes(q, &d);
		assert_int_equal(d.count, i < 2 ? 0 : 1);
		questionnaire_free(q);
		diag_free(&d);
		free(w);
	}
}

/* Each bundled questionnaire states the time the rule gives, exactly: a
 * change of questions that changes the estimate changes minutes too. */
static void test_bundled_minutes(void **state)
{
	(void)state;
	static const char *const names[] = {"ai-maturity", "leadership",
					    "operating-stack"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/questionnaires/%s.ini",
			 AIMAP_ABS_SRCDIR, names[i]);
		struct diag d;
		diag_init(&d, path);
		struct questionnaire *q = questionnaire_load(path, &d);
		assert_non_null(q);
		assert_true(q->minutes_line > 0);
		if (q->minutes != questionnaire_estimate_minutes(q))
			fail_msg("%s: minutes = %d, the rule gives %d", path,
				 q->minutes, questionnaire_estimate_minutes(q));
		questionnaire_free(q);
		diag_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_model),
	    cmocka_unit_test(test_helpers),
	    cmocka_unit_test(test_minimal),
	    cmocka_unit_test(test_header),
	    cmocka_unit_test(test_dimensions),
	    cmocka_unit_test(test_advice),
	    cmocka_unit_test(test_too_many_dimensions),
	    cmocka_unit_test(test_measuring_keys),
	    cmocka_unit_test(test_measuring_errors),
	    cmocka_unit_test(test_estimated_minutes),
	    cmocka_unit_test(test_bundled_minutes),
	    cmocka_unit_test(test_too_many_questions),
	    cmocka_unit_test(test_question_basics),
	    cmocka_unit_test(test_question_audience),
	    cmocka_unit_test(test_choices),
	    cmocka_unit_test(test_scales),
	    cmocka_unit_test(test_classification),
	    cmocka_unit_test(test_missing_classification),
	    cmocka_unit_test(test_guidance),
	    cmocka_unit_test(test_phases),
	    cmocka_unit_test(test_phase_too_many_conditions),
	    cmocka_unit_test(test_no_questions),
	    cmocka_unit_test(test_one_pass),
	    cmocka_unit_test(test_ini_errors_surface),
	    cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
