/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "qnform.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The form: "AIQF", the format, the version of aimap that wrote it, the
 * text's hash and length, then every field of the model in the order of
 * questionnaire.h, as 32-bit little-endian numbers and strings (a length,
 * or 0xFFFFFFFF for NULL, then the bytes without a NUL). Another release
 * of aimap parses the text again: its parser may read a file otherwise,
 * even with the same struct. */
static const char qnform_magic[4] = {'A', 'I', 'Q', 'F'};
#define QNFORM_NULL 0xFFFFFFFFu

struct writer {
	unsigned char *buf;
	size_t len, cap;
};

static void put_bytes(struct writer *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		w->cap = (w->len + n) * 2;
		w->buf = xreallocarray(w->buf, w->cap, 1);
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void put_u32(struct writer *w, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
			      (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	put_bytes(w, b, 4);
}

static void put_int(struct writer *w, int v)
{
	put_u32(w, (uint32_t)v);
}

static void put_str(struct writer *w, const char *s)
{
	if (s == NULL) {
		put_u32(w, QNFORM_NULL);
		return;
	}
	size_t n = strlen(s);
	put_u32(w, (uint32_t)n);
	put_bytes(w, s, n);
}

static void put_dimension(struct writer *w, const struct qn_dimension *d)
{
	put_str(w, d->id);
	put_str(w, d->label);
	put_str(w, d->description);
	put_int(w, d->weight);
	put_int(w, (int)d->role);
	put_str(w, d->advice);
	put_int(w, d->advice_below);
	put_int(w, d->line);
}

static void put_question(struct writer *w, const struct qn_question *qq)
{
	put_str(w, qq->id);
	put_str(w, qq->text);
	put_str(w, qq->help);
	put_int(w, (int)qq->type);
	put_int(w, qq->dimension);
	put_int(w, qq->has_track);
	put_int(w, (int)qq->track);
	put_int(w, qq->leaders_only);
	put_int(w, qq->nchoices);
	for (int i = 0; i < qq->nchoices; i++) {
		put_str(w, qq->choices[i].text);
		put_int(w, qq->choices[i].score);
	}
	put_int(w, qq->max_score);
	put_int(w, qq->max_length);
	put_int(w, qq->line);
}

static void put_rules(struct writer *w, const struct qn_rules *r)
{
	const int v[] = {r->champion,
			 r->willing,
			 r->shares,
			 r->skeptic,
			 r->intent,
			 r->started,
			 r->sharing_dimension,
			 r->attitude_dimension,
			 r->intent_dimension,
			 r->line};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		put_int(w, v[i]);
}

static void put_action(struct writer *w, const struct qn_action_rule *a)
{
	put_str(w, a->id);
	put_str(w, a->text);
	put_str(w, a->finding);
	put_int(w, (int)a->weeks);
	put_int(w, a->priority);
	put_int(w, a->has_track);
	put_int(w, (int)a->track);
	put_int(w, a->nconditions);
	for (int i = 0; i < a->nconditions; i++) {
		const struct qn_action_condition *c = &a->conditions[i];
		put_int(w, (int)c->measure);
		put_int(w, c->dimension);
		put_int(w, c->below);
		put_int(w, c->or_equal);
		put_int(w, c->limit);
	}
	put_int(w, a->line);
}

unsigned char *qnform_encode(const struct questionnaire *q, const char *hash,
			     size_t *len)
{
	struct writer w = {0};
	put_bytes(&w, qnform_magic, sizeof(qnform_magic));
	put_u32(&w, QNFORM_FORMAT);
	put_str(&w, PACKAGE_VERSION);
	put_bytes(&w, hash, 16);
	put_u32(&w, (uint32_t)q->source_len);
	put_str(&w, q->id);
	put_str(&w, q->title);
	put_str(&w, q->description);
	put_int(&w, q->version);
	put_int(&w, (int)q->audience);
	put_int(&w, q->minutes);
	put_int(&w, q->minutes_line);
	put_int(&w, q->ndimensions);
	for (int i = 0; i < q->ndimensions; i++)
		put_dimension(&w, &q->dimensions[i]);
	put_int(&w, q->nquestions);
	for (int i = 0; i < q->nquestions; i++)
		put_question(&w, &q->questions[i]);
	put_rules(&w, &q->rules);
	for (int g = 0; g < GUIDE_COUNT; g++) {
		const struct qn_guidance *gd = &q->guidance[g];
		put_str(&w, gd->summary);
		put_int(&w, gd->nsteps);
		for (int s = 0; s < gd->nsteps; s++)
			put_str(&w, gd->steps[s]);
	}
	for (int p = 0; p <= PHASE_SCALING; p++) {
		const struct qn_phase_rule *r = &q->phases[p];
		put_int(&w, r->defined);
		put_int(&w, r->nconditions);
		for (int i = 0; i < r->nconditions; i++) {
			put_int(&w, r->conditions[i].dimension);
			put_int(&w, r->conditions[i].min);
		}
		put_int(&w, r->line);
	}
	put_int(&w, q->nactions);
	for (int i = 0; i < q->nactions; i++)
		put_action(&w, &q->actions[i]);
	*len = w.len;
	return w.buf;
}

/* ---- reading ------------------------------------------------------------
 * Every read checks what it reads; the first fault marks the reader bad,
 * and later reads give zeros and NULLs, so a model half read is still
 * safe to free. */

struct reader {
	const unsigned char *p;
	size_t left;
	bool bad;
};

static bool get_bytes(struct reader *r, void *out, size_t n)
{
	if (r->bad || r->left < n) {
		r->bad = true;
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return true;
}

static uint32_t get_u32(struct reader *r)
{
	unsigned char b[4];
	if (!get_bytes(r, b, 4))
		return 0;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

/* A number in [min, max]. */
static int get_int(struct reader *r, int min, int max)
{
	uint32_t u = get_u32(r);
	int v = u <= INT_MAX ? (int)u : -(int)(~u) - 1;
	if (r->bad || v < min || v > max) {
		r->bad = true;
		return min < 0 && max >= 0 ? 0 : min;
	}
	return v;
}

static bool get_bool(struct reader *r)
{
	return get_int(r, 0, 1) == 1;
}

/* A string of UTF-8 text without NULs; NULL only when nullable. */
static char *get_str(struct reader *r, bool nullable)
{
	uint32_t n = get_u32(r);
	if (r->bad)
		return NULL;
	if (n == QNFORM_NULL) {
		if (!nullable)
			r->bad = true;
		return NULL;
	}
	if (n > r->left || memchr(r->p, '\0', n) != NULL ||
	    !util_utf8_valid((const char *)r->p, n, NULL)) {
		r->bad = true;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p, n);
	r->p += n;
	r->left -= n;
	return s;
}

/* An index into the dimensions, or -1. */
static int get_dimension_index(struct reader *r, const struct questionnaire *q)
{
	return get_int(r, -1, q->ndimensions - 1);
}

static void get_dimension(struct reader *r, struct qn_dimension *d)
{
	d->id = get_str(r, false);
	d->label = get_str(r, false);
	d->description = get_str(r, true);
	d->weight = get_int(r, 1, 100);
	d->role = (enum dimension_role)get_int(r, 0, DIMROLE_INTENT);
	d->advice = get_str(r, true);
	d->advice_below = get_int(r, 0, QN_MAX_SCORE);
	d->line = get_int(r, 0, INT_MAX);
}

static void get_question(struct reader *r, const struct questionnaire *q,
			 struct qn_question *qq)
{
	qq->id = get_str(r, false);
	qq->text = get_str(r, false);
	qq->help = get_str(r, true);
	qq->type = (enum question_type)get_int(r, 0, QTYPE_COMMENT);
	qq->dimension = get_dimension_index(r, q);
	qq->has_track = get_bool(r);
	qq->track = (enum track)get_int(r, 0, TRACK_COUNT - 1);
	qq->leaders_only = get_bool(r);
	int n = get_int(r, 0, QN_MAX_CHOICES);
	if (n > 0) {
		qq->choices = xcalloc((size_t)n, sizeof(*qq->choices));
		qq->nchoices = n;
	}
	for (int i = 0; i < n; i++) {
		qq->choices[i].text = get_str(r, true);
		qq->choices[i].score = get_int(r, QN_SCORE_NA, QN_MAX_SCORE);
	}
	qq->max_score = get_int(r, QN_SCORE_NA, QN_MAX_SCORE);
	qq->max_length = get_int(r, 0, QN_MAX_COMMENT);
	qq->line = get_int(r, 0, INT_MAX);
	/* choices and scales have two or more, the others none */
	bool picks = qq->type == QTYPE_CHOICE || qq->type == QTYPE_SCALE;
	if (picks ? n < 2 : n != 0)
		r->bad = true;
}

static void get_rules(struct reader *r, const struct questionnaire *q,
		      struct qn_rules *rules)
{
	int *limits[] = {&rules->champion, &rules->willing, &rules->shares,
			 &rules->skeptic,  &rules->intent,  &rules->started};
	for (size_t i = 0; i < ARRAY_LEN(limits); i++)
		*limits[i] = get_int(r, 0, QN_MAX_SCORE);
	rules->sharing_dimension = get_dimension_index(r, q);
	rules->attitude_dimension = get_dimension_index(r, q);
	rules->intent_dimension = get_dimension_index(r, q);
	rules->line = get_int(r, 0, INT_MAX);
}

static void get_guidance(struct reader *r, struct qn_guidance *g)
{
	g->summary = get_str(r, true);
	int n = get_int(r, 0, QN_MAX_STEPS);
	for (int s = 0; s < n && !r->bad; s++)
		g->steps[g->nsteps++] = get_str(r, false);
}

static void get_phase(struct reader *r, const struct questionnaire *q,
		      struct qn_phase_rule *p)
{
	p->defined = get_bool(r);
	p->nconditions = get_int(r, 0, QN_MAX_PHASE_CONDITIONS);
	for (int i = 0; i < p->nconditions; i++) {
		p->conditions[i].dimension = get_dimension_index(r, q);
		p->conditions[i].min = get_int(r, 0, QN_MAX_SCORE);
	}
	p->line = get_int(r, 0, INT_MAX);
}

static void get_action(struct reader *r, const struct questionnaire *q,
		       struct qn_action_rule *a)
{
	a->id = get_str(r, false);
	a->text = get_str(r, false);
	a->finding = get_str(r, false);
	a->weeks = (enum qn_weeks)get_int(r, 0, WEEKS_SCALE);
	a->priority = get_int(r, 1, 9);
	a->has_track = get_bool(r);
	a->track = (enum track)get_int(r, 0, TRACK_COUNT - 1);
	a->nconditions = get_int(r, 1, QN_MAX_ACTION_CONDITIONS);
	for (int i = 0; i < a->nconditions; i++) {
		struct qn_action_condition *c = &a->conditions[i];
		c->measure = (enum qn_measure)get_int(r, 0, MEASURE_COUNT - 1);
		c->dimension = get_dimension_index(r, q);
		/* a dimension's mean names its dimension, nothing else does */
		if ((c->measure == MEASURE_DIMENSION) != (c->dimension >= 0))
			r->bad = true;
		c->below = get_bool(r);
		c->or_equal = get_bool(r);
		c->limit = get_int(r, -QN_MAX_SCORE, QN_MAX_SCORE);
	}
	a->line = get_int(r, 0, INT_MAX);
}

/* The arrays of n items, counted before they are filled, so that
 * questionnaire_free frees what a fault left half read. */
static void *get_array(struct reader *r, int max, int *count, size_t size)
{
	int n = get_int(r, 0, max);
	*count = n;
	return n > 0 ? xcalloc((size_t)n, size) : NULL;
}

static void get_model(struct reader *r, struct questionnaire *q)
{
	q->id = get_str(r, false);
	q->title = get_str(r, false);
	q->description = get_str(r, true);
	q->version = get_int(r, 1, INT_MAX);
	q->audience = (enum audience)get_int(r, 0, AUDIENCE_LEADERS);
	q->minutes = get_int(r, 1, INT_MAX);
	q->minutes_line = get_int(r, 0, INT_MAX);
	q->dimensions = get_array(r, QN_MAX_DIMENSIONS, &q->ndimensions,
				  sizeof(*q->dimensions));
	for (int i = 0; i < q->ndimensions; i++)
		get_dimension(r, &q->dimensions[i]);
	q->questions = get_array(r, QN_MAX_QUESTIONS, &q->nquestions,
				 sizeof(*q->questions));
	for (int i = 0; i < q->nquestions; i++)
		get_question(r, q, &q->questions[i]);
	get_rules(r, q, &q->rules);
	for (int g = 0; g < GUIDE_COUNT; g++)
		get_guidance(r, &q->guidance[g]);
	for (int p = 0; p <= PHASE_SCALING; p++)
		get_phase(r, q, &q->phases[p]);
	q->actions =
	    get_array(r, QN_MAX_ACTIONS, &q->nactions, sizeof(*q->actions));
	for (int i = 0; i < q->nactions; i++)
		get_action(r, q, &q->actions[i]);
}

/* Whether the form was written by this version of aimap. */
static bool same_version(struct reader *r)
{
	size_t n = strlen(PACKAGE_VERSION);
	if (get_u32(r) != n || r->bad || r->left < n ||
	    memcmp(r->p, PACKAGE_VERSION, n) != 0)
		return false;
	r->p += n;
	r->left -= n;
	return true;
}

struct questionnaire *qnform_decode(const unsigned char *form, size_t size,
				    const char *source, size_t len,
				    const char *hash)
{
	struct reader r = {form, size, false};
	char magic[4], form_hash[16];
	if (form == NULL || !get_bytes(&r, magic, 4) ||
	    memcmp(magic, qnform_magic, 4) != 0 ||
	    get_u32(&r) != QNFORM_FORMAT || !same_version(&r) ||
	    !get_bytes(&r, form_hash, 16) || strlen(hash) != 16 ||
	    memcmp(form_hash, hash, 16) != 0 || get_u32(&r) != len || r.bad)
		return NULL;
	struct questionnaire *q = xcalloc(1, sizeof(*q));
	get_model(&r, q);
	if (r.bad || r.left != 0 || q->nquestions == 0) {
		questionnaire_free(q);
		return NULL;
	}
	q->source = xmalloc(len + 1);
	memcpy(q->source, source, len);
	q->source[len] = '\0';
	q->source_len = len;
	memcpy(q->hash, hash, 17);
	return q;
}
