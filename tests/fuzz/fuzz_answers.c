/* SPDX-License-Identifier: MIT */
/* Fuzz target: the answers file of aimap submit. The input is checked
 * against a fixed questionnaire (minimal.h: every kind of question and
 * every rule of who answers what), once with a round's list of
 * departments and once with none, then scored as aimap submit scores it.
 * Whatever the bytes: no crash, no leak, failure exactly when an error is
 * reported, and an accepted file answers every question that applies, and only
 * those, within range. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fuzz.h"
#include "minimal.h"
#include "questionnaire.h"
#include "scoring.h"
#include "submission.h"
#include "util.h"

static struct questionnaire *questionnaire;

static char *const departments[] = {"Engineering", "Sales", "Customer Support"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d;
	diag_init(&d, "minimal.h");
	questionnaire = questionnaire_parse("minimal.h", fuzz_minimal,
					    sizeof(fuzz_minimal) - 1, &d);
	if (questionnaire == NULL)
		diag_print(&d, stderr);
	FUZZ_CHECK(questionnaire != NULL);
	diag_free(&d);
	return 0;
}

/* What an accepted file promises: see submission.h. */
static void check_accepted(const struct submission *s, int ndepartments)
{
	const struct questionnaire *q = questionnaire;
	FUZZ_CHECK(s->nquestions == q->nquestions);
	FUZZ_CHECK(s->department != NULL && s->department[0] != '\0');
	if (ndepartments > 0) {
		int found = 0;
		for (int i = 0; i < ndepartments; i++)
			found += strcmp(s->department, departments[i]) == 0;
		FUZZ_CHECK(found == 1);
	}
	FUZZ_CHECK(s->name == NULL || s->name[0] != '\0');
	FUZZ_CHECK(s->role >= 0 && s->role < ROLE_COUNT);
	FUZZ_CHECK(s->track >= 0 && s->track < TRACK_COUNT);
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		bool applies =
		    questionnaire_question_applies(qq, s->track, s->role);
		const int *e = s->estimates[i];
		if (qq->type == QTYPE_ESTIMATE) {
			FUZZ_CHECK(s->choices[i] == 0);
			FUZZ_CHECK(e[0] >= 0 && e[1] >= 0 && e[2] >= 0);
			FUZZ_CHECK(e[0] + e[1] + e[2] == (applies ? 100 : 0));
		} else {
			FUZZ_CHECK(e[0] == 0 && e[1] == 0 && e[2] == 0);
			FUZZ_CHECK(s->choices[i] >= (applies ? 1 : 0));
			FUZZ_CHECK(s->choices[i] <=
				   (applies ? qq->nchoices : 0));
		}
	}
}

static void score(const struct submission *s)
{
	struct scoring_result r;
	scoring_classify(questionnaire, &(struct scoring_input){s->choices},
			 &r);
	FUZZ_CHECK(r.classified);
	FUZZ_CHECK(r.segment > SEGMENT_NONE && r.segment < SEGMENT_COUNT);
	for (int d = 0; d < questionnaire->ndimensions; d++)
		(void)scoring_needs_advice(questionnaire, &r, d);
	char why[2048];
	scoring_explain(questionnaire, &r, why, sizeof(why));
}

static void submit(const char *text, size_t size, int ndepartments)
{
	struct diag d;
	diag_init(&d, "fuzz.ini");
	struct submission s;
	bool ok = submission_parse("fuzz.ini", text, size, questionnaire,
				   departments, ndepartments, &s, &d);
	int errors = 0;
	for (int i = 0; i < d.count; i++) {
		FUZZ_CHECK(d.entries[i].line >= 0);
		errors += d.entries[i].severity == DIAG_ERROR;
		free(diag_format(&d, i));
	}
	FUZZ_CHECK(errors == d.errors);
	FUZZ_CHECK(ok == !diag_has_errors(&d));
	if (ok) {
		check_accepted(&s, ndepartments);
		score(&s);
	}
	submission_free(&s);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	submit((const char *)data, size, (int)ARRAY_LEN(departments));
	submit((const char *)data, size, 0);
	return 0;
}
