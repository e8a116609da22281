/* SPDX-License-Identifier: MIT */
/* Fuzz target: the questionnaire loader (INI scanner, iniparser and the
 * validation of aimap-questionnaire(5)). Whatever the bytes, loading must
 * not crash or leak, must fail exactly when it reports an error, and a
 * questionnaire that loads must keep every promise of questionnaire.h;
 * it is then scored, as aimap would score a person against it.
 *
 * Almost any change to a questionnaire is an error, so the input is
 * loaded twice: alone, and after a whole questionnaire (minimal.h), where
 * each section it adds (a phase, a dimension, a question) is read in a
 * file that can still load and be scored. */
#include "config.h"

#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "minimal.h"
#include "questionnaire.h"
#include "scoring.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Every message can be formatted, and its line is a line. */
static void check_diag(const struct diag *d)
{
	int errors = 0;
	for (int i = 0; i < d->count; i++) {
		FUZZ_CHECK(d->entries[i].message != NULL);
		FUZZ_CHECK(d->entries[i].line >= 0);
		errors += d->entries[i].severity == DIAG_ERROR;
		free(diag_format(d, i));
	}
	FUZZ_CHECK(errors == d->errors);
}

static bool valid_id(const char *id)
{
	size_t n = strlen(id);
	return n > 0 && n <= QN_MAX_ID &&
	       strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static void check_dimensions(const struct questionnaire *q)
{
	FUZZ_CHECK(q->ndimensions >= 1 && q->ndimensions <= QN_MAX_DIMENSIONS);
	int adoption = 0;
	for (int i = 0; i < q->ndimensions; i++) {
		const struct qn_dimension *dim = &q->dimensions[i];
		FUZZ_CHECK(valid_id(dim->id));
		FUZZ_CHECK(questionnaire_find_dimension(q, dim->id) == i);
		FUZZ_CHECK(dim->label != NULL && dim->label[0] != '\0');
		FUZZ_CHECK(dim->weight >= 1 && dim->weight <= 100);
		FUZZ_CHECK(dim->role >= DIMROLE_ADOPTION &&
			   dim->role <= DIMROLE_CONTEXT);
		FUZZ_CHECK(dim->advice_below >= 0 && dim->advice_below <= 100);
		FUZZ_CHECK(dim->advice != NULL || dim->advice_below == 0);
		adoption += dim->role == DIMROLE_ADOPTION;
		(void)dimension_role_name(dim->role);
	}
	FUZZ_CHECK(adoption >= 1);
}

static void check_question(const struct questionnaire *q, int i)
{
	const struct qn_question *qq = &q->questions[i];
	FUZZ_CHECK(valid_id(qq->id));
	FUZZ_CHECK(questionnaire_find_question(q, qq->id) == i);
	FUZZ_CHECK(qq->text != NULL && qq->text[0] != '\0');
	FUZZ_CHECK(!qq->has_track ||
		   (qq->track >= 0 && qq->track < TRACK_COUNT));
	(void)question_type_name(qq->type);
	if (qq->type == QTYPE_ESTIMATE) {
		FUZZ_CHECK(qq->dimension == -1 && qq->nchoices == 0);
		return;
	}
	FUZZ_CHECK(qq->type == QTYPE_CHOICE || qq->type == QTYPE_SCALE);
	FUZZ_CHECK(qq->dimension >= 0 && qq->dimension < q->ndimensions);
	FUZZ_CHECK(qq->nchoices >= 2 && qq->nchoices <= QN_MAX_CHOICES);
	int top = 0;
	for (int c = 0; c < qq->nchoices; c++) {
		const struct qn_choice *ch = &qq->choices[c];
		FUZZ_CHECK(ch->score >= 0 && ch->score <= QN_MAX_SCORE);
		FUZZ_CHECK(qq->type == QTYPE_SCALE || ch->text != NULL);
		if (ch->score > top)
			top = ch->score;
	}
	FUZZ_CHECK(top > 0 && top == qq->max_score);
	if (qq->type == QTYPE_SCALE)
		FUZZ_CHECK(qq->choices[0].score == 0 &&
			   qq->choices[qq->nchoices - 1].score == QN_MAX_SCORE);
}

static void check_rules(const struct questionnaire *q)
{
	const struct qn_rules *r = &q->rules;
	FUZZ_CHECK(r->willing >= 0 && r->willing < r->champion &&
		   r->champion <= 100);
	FUZZ_CHECK(r->shares >= 0 && r->shares <= 100);
	FUZZ_CHECK(r->skeptic >= 0 && r->skeptic <= 100);
	FUZZ_CHECK(r->sharing_dimension == -1 ||
		   q->dimensions[r->sharing_dimension].role == DIMROLE_SHARING);
	FUZZ_CHECK(r->attitude_dimension == -1 ||
		   q->dimensions[r->attitude_dimension].role ==
		       DIMROLE_ATTITUDE);
	for (int g = 0; g < GUIDE_COUNT; g++) {
		const struct qn_guidance *gd = &q->guidance[g];
		FUZZ_CHECK(gd->nsteps >= 0 && gd->nsteps <= QN_MAX_STEPS);
		for (int s = 0; s < gd->nsteps; s++)
			FUZZ_CHECK(gd->steps[s] != NULL);
		(void)guidance_kind_name((enum guidance_kind)g);
	}
	for (int g = GUIDE_CHAMPION; g <= GUIDE_CAUTIOUS; g++)
		FUZZ_CHECK(q->guidance[g].summary != NULL &&
			   q->guidance[g].nsteps >= 1);
	for (int p = PHASE_STRUCTURING; p <= PHASE_SCALING; p++) {
		const struct qn_phase_rule *rule = &q->phases[p];
		FUZZ_CHECK(rule->nconditions >= 0 &&
			   rule->nconditions <= QN_MAX_PHASE_CONDITIONS);
		for (int c = 0; c < rule->nconditions; c++) {
			const struct qn_phase_condition *cond =
			    &rule->conditions[c];
			FUZZ_CHECK(cond->dimension >= -1 &&
				   cond->dimension < q->ndimensions);
			FUZZ_CHECK(cond->min >= 0 && cond->min <= 100);
		}
		(void)phase_name((enum phase)p);
	}
}

/* Score a respondent whose answers follow from the text, so every input
 * scores its own way, and explain the result as aimap take does. */
static void score(const struct questionnaire *q, const char *text, size_t len)
{
	int *choices = xcalloc((size_t)q->nquestions, sizeof(*choices));
	for (int i = 0; i < q->nquestions; i++) {
		unsigned char b =
		    len > 0 ? (unsigned char)text[(size_t)i % len] : 0;
		choices[i] = q->questions[i].nchoices > 0
				 ? b % (q->questions[i].nchoices + 1)
				 : 0;
	}
	struct scoring_result r;
	scoring_classify(q, &(struct scoring_input){choices}, &r);
	FUZZ_CHECK(r.segment >= SEGMENT_NONE && r.segment < SEGMENT_COUNT);
	FUZZ_CHECK(r.subtype >= SUBTYPE_NONE && r.subtype < SUBTYPE_COUNT);
	FUZZ_CHECK(!r.classified || (r.adoption >= 0 && r.adoption <= 100));
	for (int d = 0; d < q->ndimensions; d++) {
		FUZZ_CHECK(!r.answered[d] ||
			   (r.dimension[d] >= 0 && r.dimension[d] <= 100));
		(void)scoring_needs_advice(q, &r, d);
	}
	char why[2048];
	size_t need = scoring_explain(q, &r, why, sizeof(why));
	FUZZ_CHECK(strlen(why) ==
		   (need < sizeof(why) ? need : sizeof(why) - 1));
	free(choices);
}

static void check_loaded(const struct questionnaire *q, const char *text,
			 size_t len)
{
	FUZZ_CHECK(q->id != NULL && valid_id(q->id));
	FUZZ_CHECK(q->title != NULL && q->title[0] != '\0');
	FUZZ_CHECK(q->version >= 1);
	FUZZ_CHECK(q->minutes >= 1 && q->minutes <= 120);
	FUZZ_CHECK(q->audience == AUDIENCE_EVERYONE ||
		   q->audience == AUDIENCE_LEADERS);
	(void)audience_name(q->audience);
	check_dimensions(q);
	FUZZ_CHECK(q->nquestions >= 1 && q->nquestions <= QN_MAX_QUESTIONS);
	for (int i = 0; i < q->nquestions; i++) {
		check_question(q, i);
		for (int t = 0; t < TRACK_COUNT; t++)
			for (int r = 0; r < ROLE_COUNT; r++)
				(void)questionnaire_question_applies(
				    &q->questions[i], (enum track)t,
				    (enum role)r);
	}
	check_rules(q);
	FUZZ_CHECK(q->source_len == len && memcmp(q->source, text, len) == 0);
	FUZZ_CHECK(strlen(q->hash) == 16);
	score(q, text, len);
}

static void load(const char *text, size_t size)
{
	struct diag d;
	diag_init(&d, "fuzz.ini");
	struct questionnaire *q =
	    questionnaire_parse("fuzz.ini", text, size, &d);
	check_diag(&d);
	FUZZ_CHECK((q == NULL) == diag_has_errors(&d));
	if (q != NULL)
		check_loaded(q, text, size);
	questionnaire_free(q);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	load((const char *)data, size);
	/* exactly the bytes, so a read past the end is caught */
	size_t base = sizeof(fuzz_minimal) - 1;
	char *both = xmalloc(base + size);
	memcpy(both, fuzz_minimal, base);
	memcpy(both + base, data, size);
	load(both, base + size);
	free(both);
	return 0;
}
