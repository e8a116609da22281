/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "demo.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis.h"
#include "diag.h"
#include "inifile.h"

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

/* A persona's level: its mean answer, from 0 (lowest) to 1. */
static void set_level(const struct questionnaire *q, struct demo_persona *p)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		int c = p->answers.choices[i];
		if (c < 1 || qq->nchoices < 2 ||
		    (qq->choices[c - 1].score == QN_SCORE_NA))
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

/* About one person in three writes a comment, from a few that people
 * write in workshops. */
static char *demo_comment(const struct qn_question *qq, struct demo_rng *rng)
{
	static const char *const said[] = {
	    "Time set aside to learn, not squeezed between meetings.",
	    "Examples from work like mine, from my own field.",
	    "Clear rules on which data may go into which tool.",
	    "A person I can ask when I get stuck.",
	    "Better tools than the ones we are allowed to use today.",
	    "Seeing a colleague do a real task with it, start to end.",
	};
	if (demo_rng_unit(rng) >= 0.33)
		return NULL;
	size_t i = (size_t)(demo_rng_unit(rng) * ARRAY_LEN(said));
	if (i >= ARRAY_LEN(said))
		i = ARRAY_LEN(said) - 1;
	if (strlen(said[i]) > (size_t)qq->max_length)
		return NULL;
	return xstrdup(said[i]);
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
	/* Demo people have no names: their rounds are linked by their
	 * respondent row (demo's caller). The draws that once chose a
	 * name and a contact stay, so that a seed makes the same people
	 * as before. */
	(void)demo_rng_unit(&who);
	(void)demo_rng_unit(&who);

	enum segment s =
	    segment_of(person_level(dept->maturity, &who, step, rng));
	const struct demo_persona *p =
	    pick_persona(personas, npersonas, s, rng);

	memset(out, 0, sizeof(*out));
	out->name = NULL;
	out->department = xstrdup(dept->name);
	out->role = role;
	out->track = track;
	out->champion_contact = false;
	out->nquestions = q->nquestions;
	out->choices = xcalloc((size_t)q->nquestions, sizeof(*out->choices));
	out->estimates =
	    xcalloc((size_t)q->nquestions, sizeof(*out->estimates));
	out->comments = xcalloc((size_t)q->nquestions, sizeof(*out->comments));
	for (int k = 0; k < q->nquestions; k++) {
		const struct qn_question *qq = &q->questions[k];
		if (!questionnaire_question_applies(qq, track, role))
			continue;
		if (qq->type == QTYPE_COMMENT) {
			out->comments[k] = demo_comment(qq, rng);
			continue;
		}
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

/* ---- personas ----------------------------------------------------------- */

/* The segment a persona file expects, when it is for this
 * questionnaire; SEGMENT_COUNT when it is for another one. */
static enum segment persona_segment(const struct ini_file *ini,
				    const struct questionnaire *q)
{
	const struct ini_section *sec = inifile_section(ini, "persona");
	const struct ini_key *k =
	    sec ? inifile_key(sec, "questionnaire") : NULL;
	const struct ini_key *seg = sec ? inifile_key(sec, "segment") : NULL;
	enum segment s;
	if (k == NULL || strcmp(k->value, q->id) != 0 || seg == NULL ||
	    !segment_parse(seg->value, &s))
		return SEGMENT_COUNT;
	return s;
}

/* One persona file, or false when it is not for q (or broken: said on
 * diag_out). */
static bool load_persona(const char *path, const struct questionnaire *q,
			 FILE *diag_out, struct demo_persona *p)
{
	size_t len;
	char *text = util_read_file(path, &len);
	if (text == NULL)
		return false;
	struct diag d;
	diag_init(&d, path);
	struct ini_file ini;
	bool ok = inifile_parse(text, len, &ini, &d);
	enum segment s = ok ? persona_segment(&ini, q) : SEGMENT_COUNT;
	inifile_free(&ini);
	if (s != SEGMENT_COUNT) {
		ok = submission_parse(path, text, len, q, NULL, 0, &p->answers,
				      &d);
		if (!ok) {
			diag_print(&d, diag_out);
			submission_free(&p->answers);
		}
	}
	diag_free(&d);
	free(text);
	if (!ok || s == SEGMENT_COUNT)
		return false;
	p->expected = s;
	set_level(q, p);
	return true;
}

struct demo_persona *demo_load_personas(const char *dir,
					const struct questionnaire *q,
					FILE *diag_out, int *count,
					char **error)
{
	struct demo_persona *personas = NULL;
	*count = 0;
	*error = NULL;
	DIR *d = opendir(dir);
	if (d == NULL) {
		*error = xasprintf("%s: cannot read the personas: %s", dir,
				   strerror(errno));
		return NULL;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".ini") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		personas = xreallocarray(personas, (size_t)*count + 1,
					 sizeof(*personas));
		memset(&personas[*count], 0, sizeof(*personas));
		if (load_persona(path, q, diag_out, &personas[*count]))
			(*count)++;
		free(path);
	}
	closedir(d);
	if (*count == 0)
		*error = xasprintf("%s: no persona answers questionnaire '%s'",
				   dir, q->id);
	return personas;
}

void demo_free_personas(struct demo_persona *personas, int count)
{
	for (int i = 0; i < count; i++)
		submission_free(&personas[i].answers);
	free(personas);
}

/* ---- pace ---------------------------------------------------------------- */

double *demo_pace_base(const struct questionnaire *q)
{
	double *base = xcalloc((size_t)q->nquestions + 1, sizeof(double));
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		int words = 0;
		const char *texts[2] = {qq->text, qq->help};
		for (int t = 0; t < 2; t++)
			for (const char *p = texts[t]; p != NULL && *p; p++)
				words += *p != ' ' &&
					 (p == texts[t] || p[-1] == ' ');
		for (int c = 0; c < qq->nchoices; c++)
			for (const char *p = qq->choices[c].text;
			     p != NULL && *p; p++)
				words +=
				    *p != ' ' &&
				    (p == qq->choices[c].text || p[-1] == ' ');
		base[i] = words * 0.25 + 1.5 * qq->nchoices +
			  (qq->type == QTYPE_ESTIMATE ? 15 : 0);
	}
	return base;
}

static void format_time(long long t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void demo_pace(const struct questionnaire *q, const double *base,
	       const struct submission *sub, uint64_t seed, const char *end,
	       char started_at[21], char (*answered_at)[21])
{
	struct demo_rng rng;
	demo_rng_seed(&rng, seed);
	double pace = 0.7 + 0.8 * demo_rng_unit(&rng); /* slow or quick */
	double *took = xcalloc((size_t)q->nquestions + 1, sizeof(double));
	double total = 20; /* the profile */
	for (int i = 0; i < q->nquestions; i++) {
		answered_at[i][0] = '\0';
		bool given = sub->choices[i] > 0 ||
			     sub->estimates[i][0] + sub->estimates[i][1] +
				     sub->estimates[i][2] >
				 0;
		if (!given)
			continue;
		took[i] = base[i] * pace * (0.6 + 0.8 * demo_rng_unit(&rng));
		total += took[i];
	}
	long long t;
	if (!analysis_parse_time(end, &t)) {
		free(took);
		return;
	}
	t -= (long long)total;
	format_time(t, started_at);
	double at = (double)t + 20;
	for (int i = 0; i < q->nquestions; i++) {
		if (took[i] <= 0)
			continue;
		at += took[i];
		format_time((long long)at, answered_at[i]);
	}
	free(took);
}
