#include "config.h"

#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct demo_department departments[] = {
    {"Engineering", 0.62, 30},	    {"Product", 0.55, 10},
    {"Marketing", 0.48, 12},	    {"Sales", 0.36, 18},
    {"Customer Success", 0.32, 12}, {"Operations", 0.25, 10},
    {"Finance", 0.22, 8},
};

const struct demo_department *demo_departments(int *count)
{
	*count = (int)ARRAY_LEN(departments);
	return departments;
}

void demo_rng_seed(struct demo_rng *rng, uint64_t seed)
{
	rng->state = seed * 0x9E3779B97F4A7C15ULL + 1;
}

/* xorshift64*: plenty for picking people, and the same on every machine */
double demo_rng_unit(struct demo_rng *rng)
{
	uint64_t x = rng->state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng->state = x;
	return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

void demo_persona_prepare(const struct questionnaire *q, struct demo_persona *p)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		int c = p->answers.choices[i];
		if (c < 1 || qq->nchoices < 2)
			continue;
		sum += (double)(c - 1) / (qq->nchoices - 1);
		n++;
	}
	p->level = n > 0 ? sum / n : 0.5;
}

/* Weighted choice of a department, by headcount. */
static const struct demo_department *pick_department(struct demo_rng *rng)
{
	int total = 0;
	for (size_t i = 0; i < ARRAY_LEN(departments); i++)
		total += departments[i].weight;
	double r = demo_rng_unit(rng) * total;
	for (size_t i = 0; i < ARRAY_LEN(departments); i++) {
		r -= departments[i].weight;
		if (r < 0)
			return &departments[i];
	}
	return &departments[0];
}

/* Where a person stands, 0..1: their department's maturity plus their
 * own lean, which stays with them from round to round, plus a little
 * movement each later round (most people move on a little, a few a lot). */
static double person_level(double maturity, struct demo_rng *who, int step,
			   struct demo_rng *rng)
{
	double lean =
	    (demo_rng_unit(who) + demo_rng_unit(who) + demo_rng_unit(who)) / 3 -
	    0.5;
	double level = maturity + 0.9 * lean;
	for (int k = 0; k < step; k++)
		level += 0.02 + 0.10 * demo_rng_unit(rng);
	return level;
}

static enum segment segment_of(double level)
{
	if (level >= 0.62)
		return SEGMENT_CHAMPION;
	if (level >= 0.36)
		return SEGMENT_WILLING;
	return SEGMENT_CAUTIOUS;
}

static const struct demo_persona *
pick_persona(const struct demo_persona *personas, int n, enum segment s,
	     struct demo_rng *rng)
{
	int matching = 0;
	for (int i = 0; i < n; i++)
		matching += personas[i].expected == s;
	if (matching == 0)
		return &personas[(int)(demo_rng_unit(rng) * n)];
	int k = (int)(demo_rng_unit(rng) * matching);
	for (int i = 0; i < n; i++)
		if (personas[i].expected == s && k-- == 0)
			return &personas[i];
	return &personas[0];
}

/* The persona's choice with noise: most answers stay, some move one step
 * up or down. A question the persona did not answer (the other track's)
 * gets the choice matching the persona's overall level. */
static int noisy_choice(const struct qn_question *qq, int given, double level,
			struct demo_rng *rng)
{
	int n = qq->nchoices;
	int c = given > 0 ? given : 1 + (int)lround(level * (n - 1));
	double r = demo_rng_unit(rng);
	if (r < 0.15 && c > 1)
		c--;
	else if (r > 0.85 && c < n)
		c++;
	return c;
}

void demo_respondent(const struct questionnaire *q,
		     const struct demo_persona *personas, int npersonas, int i,
		     int step, struct demo_rng *rng, struct submission *out)
{
	/* who the person is does not change between rounds: a generator
	 * seeded by the person's number alone */
	struct demo_rng who;
	demo_rng_seed(&who, (uint64_t)i * 7919 + 17);
	const struct demo_department *dept = pick_department(&who);
	double r = demo_rng_unit(&who);
	enum role role = r < 0.03   ? ROLE_EXECUTIVE
			 : r < 0.15 ? ROLE_MANAGER
			 : r < 0.22 ? ROLE_SENIOR_TECH
				    : ROLE_INDIVIDUAL;
	bool technical = strcmp(dept->name, "Engineering") == 0 ||
			 strcmp(dept->name, "Product") == 0;
	enum track track = technical ? TRACK_TECHNICAL : TRACK_CITIZEN;
	bool anonymous = demo_rng_unit(&who) < 0.15;
	bool contact = demo_rng_unit(&who) < 0.5;

	enum segment s =
	    segment_of(person_level(dept->maturity, &who, step, rng));
	const struct demo_persona *p =
	    pick_persona(personas, npersonas, s, rng);

	memset(out, 0, sizeof(*out));
	out->name = anonymous ? NULL : xasprintf("Demo person %d", i + 1);
	out->department = xstrdup(dept->name);
	out->role = role;
	out->track = track;
	out->champion_contact = contact;
	out->nquestions = q->nquestions;
	out->choices = xcalloc((size_t)q->nquestions, sizeof(*out->choices));
	out->estimates =
	    xcalloc((size_t)q->nquestions, sizeof(*out->estimates));
	for (int k = 0; k < q->nquestions; k++) {
		const struct qn_question *qq = &q->questions[k];
		if (!questionnaire_question_applies(qq, track, role))
			continue;
		if (qq->type == QTYPE_ESTIMATE) {
			/* leaders are known to be optimistic about their
			 * teams */
			int champions = 30 + (int)(demo_rng_unit(rng) * 30);
			int willing = (100 - champions) / 2;
			out->estimates[k][0] = champions;
			out->estimates[k][1] = willing;
			out->estimates[k][2] = 100 - champions - willing;
			continue;
		}
		out->choices[k] =
		    noisy_choice(qq, p->answers.choices[k], p->level, rng);
	}
}
