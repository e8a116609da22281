/* SPDX-License-Identifier: MIT */
/* The stored form of a questionnaire (qnform.c) and the store's use of it
 * (store_questionnaire_model): a form gives back the model the parser
 * made, field by field; a form of another format, text or hash, or a
 * damaged one, is refused, and the store parses the text instead. */
#include "config.h"

#include "testutil.h"

#include "fixture.h"
#include "qnform.h"

static const char *const files[] = {"questionnaires/ai-maturity.ini",
				    "questionnaires/leadership.ini",
				    "questionnaires/operating-stack.ini",
				    "tests/data/questionnaires/minimal.ini",
				    "tests/data/questionnaires/utf8.ini"};

static struct questionnaire *load(const char *file)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", AIMAP_ABS_SRCDIR, file);
	struct diag d;
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
	if (q == NULL)
		diag_print(&d, stdout);
	assert_non_null(q);
	diag_free(&d);
	return q;
}

static void same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_question(const struct qn_question *a,
			  const struct qn_question *b)
{
	same_text(a->id, b->id);
	same_text(a->text, b->text);
	same_text(a->help, b->help);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->dimension, b->dimension);
	assert_int_equal(a->has_track, b->has_track);
	assert_int_equal(a->track, b->track);
	assert_int_equal(a->leaders_only, b->leaders_only);
	assert_int_equal(a->nchoices, b->nchoices);
	for (int i = 0; i < a->nchoices; i++) {
		same_text(a->choices[i].text, b->choices[i].text);
		assert_int_equal(a->choices[i].score, b->choices[i].score);
	}
	assert_int_equal(a->max_score, b->max_score);
	assert_int_equal(a->max_length, b->max_length);
	assert_int_equal(a->line, b->line);
}

static void same_action(const struct qn_action_rule *a,
			const struct qn_action_rule *b)
{
	same_text(a->id, b->id);
	same_text(a->text, b->text);
	same_text(a->finding, b->finding);
	assert_int_equal(a->weeks, b->weeks);
	assert_int_equal(a->priority, b->priority);
	assert_int_equal(a->has_track, b->has_track);
	assert_int_equal(a->track, b->track);
	assert_int_equal(a->nconditions, b->nconditions);
	for (int i = 0; i < a->nconditions; i++) {
		const struct qn_action_condition *x = &a->conditions[i];
		const struct qn_action_condition *y = &b->conditions[i];
		assert_int_equal(x->measure, y->measure);
		assert_int_equal(x->dimension, y->dimension);
		assert_int_equal(x->below, y->below);
		assert_int_equal(x->or_equal, y->or_equal);
		assert_int_equal(x->limit, y->limit);
	}
	assert_int_equal(a->line, b->line);
}

/* Every field of struct questionnaire (questionnaire.h): a field the form
 * leaves out fails here. */
static void same_model(const struct questionnaire *a,
		       const struct questionnaire *b)
{
	same_text(a->id, b->id);
	same_text(a->title, b->title);
	same_text(a->description, b->description);
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->audience, b->audience);
	assert_int_equal(a->minutes, b->minutes);
	assert_int_equal(a->minutes_line, b->minutes_line);
	assert_int_equal(a->ndimensions, b->ndimensions);
	for (int i = 0; i < a->ndimensions; i++) {
		const struct qn_dimension *x = &a->dimensions[i];
		const struct qn_dimension *y = &b->dimensions[i];
		same_text(x->id, y->id);
		same_text(x->label, y->label);
		same_text(x->description, y->description);
		assert_int_equal(x->weight, y->weight);
		assert_int_equal(x->role, y->role);
		same_text(x->advice, y->advice);
		assert_int_equal(x->advice_below, y->advice_below);
		assert_int_equal(x->line, y->line);
	}
	assert_int_equal(a->nquestions, b->nquestions);
	for (int i = 0; i < a->nquestions; i++)
		same_question(&a->questions[i], &b->questions[i]);
	assert_memory_equal(&a->rules, &b->rules, sizeof(a->rules));
	for (int g = 0; g < GUIDE_COUNT; g++) {
		same_text(a->guidance[g].summary, b->guidance[g].summary);
		assert_int_equal(a->guidance[g].nsteps, b->guidance[g].nsteps);
		for (int s = 0; s < QN_MAX_STEPS; s++)
			same_text(a->guidance[g].steps[s],
				  b->guidance[g].steps[s]);
	}
	for (int p = 0; p <= PHASE_SCALING; p++) {
		const struct qn_phase_rule *x = &a->phases[p];
		const struct qn_phase_rule *y = &b->phases[p];
		assert_int_equal(x->defined, y->defined);
		assert_int_equal(x->nconditions, y->nconditions);
		for (int i = 0; i < x->nconditions; i++) {
			assert_int_equal(x->conditions[i].dimension,
					 y->conditions[i].dimension);
			assert_int_equal(x->conditions[i].min,
					 y->conditions[i].min);
		}
		assert_int_equal(x->line, y->line);
	}
	assert_int_equal(a->nactions, b->nactions);
	for (int i = 0; i < a->nactions; i++)
		same_action(&a->actions[i], &b->actions[i]);
	assert_int_equal(a->source_len, b->source_len);
	assert_memory_equal(a->source, b->source, a->source_len + 1);
	assert_string_equal(a->hash, b->hash);
}

static struct questionnaire *decode(const unsigned char *form, size_t len,
				    const struct questionnaire *q)
{
	return qnform_decode(form, len, q->source, q->source_len, q->hash);
}

/* Each bundled and test questionnaire comes back as it was parsed. */
static void test_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		struct questionnaire *q = load(files[i]);
		size_t len;
		unsigned char *form = qnform_encode(q, q->hash, &len);
		struct questionnaire *back = decode(form, len, q);
		assert_non_null(back);
		same_model(q, back);
		questionnaire_free(back);
		free(form);
		questionnaire_free(q);
	}
}

/* Another format, another text (hash or length), a cut or a byte more:
 * refused. */
static void test_refused(void **state)
{
	(void)state;
	struct questionnaire *q = load(files[0]);
	size_t len;
	unsigned char *form = qnform_encode(q, q->hash, &len);
	unsigned char *copy = xmalloc(len + 1);

	assert_null(qnform_decode(NULL, 0, q->source, q->source_len, q->hash));
	memcpy(copy, form, len);
	copy[4] ^= 1; /* the format */
	assert_null(decode(copy, len, q));
	memcpy(copy, form, len);
	copy[12] ^= 1; /* the version of aimap that wrote it */
	assert_null(decode(copy, len, q));
	assert_null(qnform_decode(form, len, q->source, q->source_len,
				  "0123456789abcdef"));
	assert_null(
	    qnform_decode(form, len, q->source, q->source_len - 1, q->hash));
	for (size_t cut = 0; cut < len; cut++)
		assert_null(decode(form, cut, q));
	memcpy(copy, form, len);
	copy[len] = 0;
	assert_null(decode(copy, len + 1, q));
	free(copy);
	free(form);
	questionnaire_free(q);
}

/* A form whose indices or counts the parser would never give: refused,
 * where using it would read past an array. */
static void test_unsound(void **state)
{
	(void)state;
	struct questionnaire *q = load(files[0]);
	size_t len;
	unsigned char *form;

	int dimension = q->questions[0].dimension;
	q->questions[0].dimension = q->ndimensions;
	form = qnform_encode(q, q->hash, &len);
	assert_null(decode(form, len, q));
	free(form);
	q->questions[0].dimension = dimension;

	int sharing = q->rules.sharing_dimension;
	q->rules.sharing_dimension = -2;
	form = qnform_encode(q, q->hash, &len);
	assert_null(decode(form, len, q));
	free(form);
	q->rules.sharing_dimension = sharing;

	/* a choice question with one choice left */
	int n = q->questions[0].nchoices;
	assert_int_equal(q->questions[0].type, QTYPE_CHOICE);
	q->questions[0].nchoices = 1;
	form = qnform_encode(q, q->hash, &len);
	assert_null(decode(form, len, q));
	free(form);
	q->questions[0].nchoices = n;

	/* text that is not UTF-8 */
	char first = q->title[0];
	q->title[0] = (char)0xFF;
	form = qnform_encode(q, q->hash, &len);
	assert_null(decode(form, len, q));
	free(form);
	q->title[0] = first;

	form = qnform_encode(q, q->hash, &len);
	struct questionnaire *back = decode(form, len, q);
	assert_non_null(back);
	questionnaire_free(back);
	free(form);
	questionnaire_free(q);
}

/* Damage anywhere: refused, or a model that is sound by every check
 * (never a crash or a read past an array, under the sanitizers). */
static void test_damage(void **state)
{
	(void)state;
	struct questionnaire *q = load(files[0]);
	size_t len;
	unsigned char *form = qnform_encode(q, q->hash, &len);
	unsigned char *copy = xmalloc(len);
	unsigned seed = 20261203;
	for (int i = 0; i < 1000; i++) {
		memcpy(copy, form, len);
		for (int k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = (unsigned char)(seed >> 16);
		}
		struct questionnaire *back = decode(copy, len, q);
		if (back != NULL) {
			for (int j = 0; j < back->nquestions; j++)
				assert_true(back->questions[j].dimension <
					    back->ndimensions);
			questionnaire_free(back);
		}
	}
	free(copy);
	free(form);
	questionnaire_free(q);
}

/* The model's structs as same_model and qnform.c know them (on LP64):
 * a field added to questionnaire.h and not to them would be lost by
 * every form without a word, so a change of size stops here first. */
static void test_model_layout(void **state)
{
	(void)state;
	if (sizeof(void *) != 8 || sizeof(int) != 4)
		skip();
	static const struct {
		const char *name;
		size_t size, known;
	} structs[] = {
	    {"questionnaire", sizeof(struct questionnaire), 752},
	    {"qn_dimension", sizeof(struct qn_dimension), 48},
	    {"qn_question", sizeof(struct qn_question), 72},
	    {"qn_choice", sizeof(struct qn_choice), 16},
	    {"qn_rules", sizeof(struct qn_rules), 40},
	    {"qn_guidance", sizeof(struct qn_guidance), 40},
	    {"qn_phase_rule", sizeof(struct qn_phase_rule), 76},
	    {"qn_phase_condition", sizeof(struct qn_phase_condition), 8},
	    {"qn_action_rule", sizeof(struct qn_action_rule), 112},
	    {"qn_action_condition", sizeof(struct qn_action_condition), 16},
	};
	for (size_t i = 0; i < ARRAY_LEN(structs); i++)
		if (structs[i].size != structs[i].known)
			fail_msg(
			    "struct %s is %zu bytes, not %zu: when a field "
			    "is added or removed, write it both ways in "
			    "qnform.c, compare it in same_model here, "
			    "raise QNFORM_FORMAT, then give the new size "
			    "here",
			    structs[i].name, structs[i].size, structs[i].known);
}

/* ---- the store ----------------------------------------------------------- */

struct stored {
	char *dir, *path;
	struct store *s;
	struct questionnaire *q;
	long long id;
};

static struct stored stored_open(void)
{
	struct stored t;
	t.dir = testutil_mkdtemp();
	t.path = xasprintf("%s/aimap.db", t.dir);
	t.s = fixture_store_open(t.path);
	t.q = load(files[3]);
	t.id = fixture_questionnaire_save(t.s, t.q);
	return t;
}

static void stored_close(struct stored *t)
{
	questionnaire_free(t->q);
	store_close(t->s);
	testutil_rmdir(t->dir);
	free(t->path);
}

/* The store's model of the questionnaire; it must load. */
static struct questionnaire *model(struct stored *t)
{
	struct diag d;
	struct questionnaire *q;
	assert_int_equal(store_questionnaire_model(t->s, t->id, &d, &q),
			 STORE_OK);
	if (q == NULL)
		diag_print(&d, stdout);
	assert_non_null(q);
	diag_free(&d);
	return q;
}

static long long forms(struct stored *t)
{
	sqlite3 *h = fixture_raw_open(t->path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT count(*) FROM "
					    "questionnaire_model",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	fixture_raw_close(h);
	return n;
}

/* The first load parses the text and stores the form; the next ones read
 * the form: a form changed behind the store's back (here its title) is
 * what comes back, while it holds the format and the text's hash. */
static void test_store_uses_form(void **state)
{
	(void)state;
	struct stored t = stored_open();
	assert_int_equal(forms(&t), 0);
	struct questionnaire *first = model(&t);
	same_model(t.q, first);
	assert_int_equal(forms(&t), 1);

	/* a form of the same text with another title, written by hand */
	free(first->title);
	first->title = xstrdup("Read from the form");
	size_t len;
	unsigned char *form = qnform_encode(first, t.q->hash, &len);
	sqlite3 *h = fixture_raw_open(t.path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
					    "UPDATE questionnaire_model SET "
					    "model = ?1",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_blob(st, 1, form, (int)len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	fixture_raw_close(h);
	free(form);
	questionnaire_free(first);

	struct questionnaire *second = model(&t);
	assert_string_equal(second->title, "Read from the form");
	questionnaire_free(second);
	stored_close(&t);
}

/* A damaged form, or a form of another text (the text changed in place
 * behind aimap's back, its length and stored hash kept): the text is
 * parsed again, and its form written over the old. */
static void test_store_falls_back(void **state)
{
	(void)state;
	static const char *const damage[] = {
	    "UPDATE questionnaire_model SET model = X'00'",
	    "UPDATE questionnaire_model SET model = "
	    "substr(model, 1, length(model) - 1)",
	    "UPDATE questionnaire SET source = "
	    "replace(source, 'A small test', 'A SMALL test')"};
	for (size_t i = 0; i < ARRAY_LEN(damage); i++) {
		struct stored t = stored_open();
		questionnaire_free(model(&t));
		sqlite3 *h = fixture_raw_open(t.path);
		fixture_raw_exec(h, damage[i]);
		fixture_raw_close(h);
		/* parsed: the hash is the text's own */
		struct questionnaire *q = model(&t);
		if (i < 2)
			same_model(t.q, q);
		questionnaire_free(q);
		/* and the new form, for the text's hash, is used next time */
		assert_int_equal(forms(&t), 1);
		q = model(&t);
		assert_int_equal(q->nquestions, t.q->nquestions);
		if (i < 2) {
			assert_string_equal(q->hash, t.q->hash);
		} else {
			/* the text changed in place, its length kept and its
			 * stored hash left as it was: the text counts */
			assert_string_equal(q->title,
					    "A SMALL test questionnaire");
			assert_string_not_equal(q->hash, t.q->hash);
		}
		questionnaire_free(q);
		stored_close(&t);
	}
}

/* A text that does not parse any more (a damaged database): its problems,
 * and no model, as before there were forms. */
static void test_store_bad_text(void **state)
{
	(void)state;
	struct stored t = stored_open();
	sqlite3 *h = fixture_raw_open(t.path);
	fixture_raw_exec(h, "UPDATE questionnaire SET source = '[oops'");
	fixture_raw_close(h);
	struct diag d;
	struct questionnaire *q;
	assert_int_equal(store_questionnaire_model(t.s, t.id, &d, &q),
			 STORE_OK);
	assert_null(q);
	assert_true(d.errors > 0);
	assert_non_null(strstr(d.file, "stored questionnaire minimal v"));
	diag_free(&d);
	assert_int_equal(forms(&t), 0);
	assert_int_equal(store_questionnaire_model(t.s, 99999, &d, &q),
			 STORE_ERR_NOT_FOUND);
	assert_null(q);
	diag_free(&d);
	stored_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_unsound),
	    cmocka_unit_test(test_damage),
	    cmocka_unit_test(test_model_layout),
	    cmocka_unit_test(test_store_uses_form),
	    cmocka_unit_test(test_store_falls_back),
	    cmocka_unit_test(test_store_bad_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
