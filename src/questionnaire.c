/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "questionnaire.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inifile.h"
#include "util.h"

static const char *const audience_names[] = {"everyone", "leaders"};
static const char *const type_names[] = {"choice", "scale", "estimate",
					 "comment"};
static const char *const role_names[] = {"adoption", "sharing", "attitude",
					 "context", "intent"};
static const char *const guidance_names[GUIDE_COUNT] = {
    "champion", "willing", "cautious",	 "sharing",
    "alone",	"skeptic", "not-started"};
static const char *const phase_names[] = {"", "exploration", "structuring",
					  "scaling"};
static const char *const measure_names[MEASURE_COUNT] = {
    "champions", "willing", "cautious",	    "skeptics", "not-started",
    "alone",	 "sharing", "overestimate", ""};
static const char *const weeks_names[] = {"observe", "align", "build", "scale"};
static const char *const weeks_labels[] = {
    "Observe and map", "Align leadership", "Build the framework",
    "Enable and scale"};
static const int weeks_span[][2] = {{1, 4}, {3, 6}, {5, 10}, {8, 13}};

/* The keys each kind of section may hold. A numbered key (max > 0) is
 * written name1, name2, ... up to nameMAX. */
struct key_rule {
	const char *name;
	int max;
};

static const struct key_rule questionnaire_keys[] = {
    {"id", 0},	    {"title", 0},	{"version", 0}, {"audience", 0},
    {"minutes", 0}, {"description", 0}, {NULL, 0}};
static const struct key_rule dimension_keys[] = {
    {"label", 0},  {"weight", 0},	{"role", 0}, {"description", 0},
    {"advice", 0}, {"advice_below", 0}, {NULL, 0}};
static const struct key_rule question_keys[] = {{"type", 0},
						{"text", 0},
						{"help", 0},
						{"track", 0},
						{"audience", 0},
						{"dimension", 0},
						{"choice", QN_MAX_CHOICES},
						{"score", QN_MAX_CHOICES},
						{"points", 0},
						{"anchor", QN_MAX_CHOICES},
						{"max_length", 0},
						{NULL, 0}};
static const struct key_rule classification_keys[] = {
    {"champion", 0}, {"willing", 0}, {"shares", 0}, {"skeptic", 0},
    {"intent", 0},   {"started", 0}, {NULL, 0}};
static const struct key_rule guidance_keys[] = {
    {"summary", 0}, {"step", QN_MAX_STEPS}, {NULL, 0}};
/* Besides these, a phase takes any dimension id as a key (checked in
 * parse_phase, once the dimensions are known). */
static const struct key_rule phase_keys[] = {
    {"champions", 0}, {"description", 0}, {NULL, 0}};
static const struct key_rule action_keys[] = {
    {"text", 0},     {"finding", 0}, {"when", 0},	 {"weeks", 0},
    {"priority", 0}, {"track", 0},   {"description", 0}, {NULL, 0}};

enum section_kind {
	SEC_QUESTIONNAIRE,
	SEC_DIMENSION,
	SEC_QUESTION,
	SEC_CLASSIFICATION,
	SEC_GUIDANCE,
	SEC_PHASE,
	SEC_ACTION,
	SEC_COUNT,
	SEC_UNKNOWN = SEC_COUNT
};

static const struct section_rule {
	const char *prefix;
	bool has_id; /* [question.ID] rather than [classification] */
	const struct key_rule *keys;
} section_rules[SEC_COUNT] = {
    [SEC_QUESTIONNAIRE] = {"questionnaire", false, questionnaire_keys},
    [SEC_DIMENSION] = {"dimension", true, dimension_keys},
    [SEC_QUESTION] = {"question", true, question_keys},
    [SEC_CLASSIFICATION] = {"classification", false, classification_keys},
    [SEC_GUIDANCE] = {"guidance", true, guidance_keys},
    [SEC_PHASE] = {"phase", true, phase_keys},
    [SEC_ACTION] = {"action", true, action_keys},
};

/* Keys that belong to one question type only. */
static const struct {
	const char *name;
	enum question_type type;
} type_keys[] = {
    {"choice", QTYPE_CHOICE},	   {"score", QTYPE_CHOICE},
    {"points", QTYPE_SCALE},	   {"anchor", QTYPE_SCALE},
    {"max_length", QTYPE_COMMENT},
};

struct ctx {
	struct diag *d;
	struct questionnaire *q;
	int minutes_line; /* of minutes in [questionnaire], 0 when absent */
};

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* NAME followed by n (1 or more), e.g. choice3. Built by hand: snprintf
 * here, once for every choice and score a questionnaire could have, was a
 * twentieth of its parse. */
static const struct ini_key *numbered_key(const struct ini_section *sec,
					  const char *name, int n)
{
	char key[32], digits[12];
	size_t len = strlen(name);
	int nd = 0;
	unsigned v = (unsigned)n;
	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	if (len + (size_t)nd >= sizeof(key))
		return NULL;
	memcpy(key, name, len);
	while (nd > 0)
		key[len++] = digits[--nd];
	key[len] = '\0';
	return inifile_key(sec, key);
}

/* The key; NULL when absent (an error when required). */
static const struct ini_key *find_key(struct ctx *c,
				      const struct ini_section *sec,
				      const char *key, bool required)
{
	const struct ini_key *k = inifile_key(sec, key);
	if (k == NULL && required)
		diag_error(c->d, sec->line, "[%s] has no '%s'", sec->original,
			   key);
	return k;
}

/* A text value; NULL when absent or empty (an error when required). */
static const char *get_text(struct ctx *c, const struct ini_section *sec,
			    const char *key, bool required)
{
	const struct ini_key *k = find_key(c, sec, key, required);
	if (k == NULL)
		return NULL;
	if (k->value[0] == '\0') {
		if (required)
			diag_error(c->d, k->line, "'%s' in [%s] is empty", key,
				   sec->original);
		return NULL;
	}
	return k->value;
}

/* A clean whole number in [min, max], with a message that says what is
 * wrong with the text when it is not one. */
static bool key_int(struct ctx *c, const struct ini_key *k, long min, long max,
		    int *out)
{
	const char *s = k->value;
	long v;
	if (util_parse_int(s, min, max, &v)) {
		*out = (int)v;
		return true;
	}
	bool digits = s[0] != '\0' && strspn(s, "0123456789") == strlen(s);
	if (s[0] == '\0')
		diag_error(c->d, k->line,
			   "%s is empty; it must be a whole number from %ld "
			   "to %ld",
			   k->name, min, max);
	else if (digits && s[0] == '0' && s[1] != '\0')
		diag_error(c->d, k->line,
			   "%s '%.40s' has a leading zero; write a whole "
			   "number from %ld to %ld without leading zeros",
			   k->name, s, min, max);
	else if (digits)
		diag_error(c->d, k->line,
			   "%s '%.40s' is out of range; it must be a whole "
			   "number from %ld to %ld",
			   k->name, s, min, max);
	else
		diag_error(c->d, k->line,
			   "%s '%.40s' is not a whole number from %ld to %ld",
			   k->name, s, min, max);
	return false;
}

static bool get_int(struct ctx *c, const struct ini_section *sec,
		    const char *key, long min, long max, bool required,
		    int *out)
{
	const struct ini_key *k = find_key(c, sec, key, required);
	return k != NULL && key_int(c, k, min, max, out);
}

/* One of a list of names; index into names. */
static bool get_enum(struct ctx *c, const struct ini_section *sec,
		     const char *key, const char *const *names, int n,
		     bool required, int *out)
{
	const char *v = get_text(c, sec, key, required);
	if (v == NULL)
		return false;
	for (int i = 0; i < n; i++) {
		if (strcmp(v, names[i]) == 0) {
			*out = i;
			return true;
		}
	}
	char list[160] = "";
	for (int i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
			 "%s%s",
			 i == 0	      ? ""
			 : i == n - 1 ? " or "
				      : ", ",
			 names[i]);
	const char *hint = util_closest_word(v, names, n);
	int line = inifile_key(sec, key)->line;
	if (hint != NULL)
		diag_error(c->d, line,
			   "%s '%.40s' is not %s; did you mean '%s'?", key, v,
			   list, hint);
	else
		diag_error(c->d, line, "%s '%.40s' is not %s", key, v, list);
	return false;
}

/* Why an id is not acceptable, or NULL when it is. */
static const char *id_problem(const char *id)
{
	size_t n = strlen(id);
	if (n == 0)
		return "is empty";
	if (n > QN_MAX_ID)
		return "is longer than 32 characters";
	if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return "may use only a-z, 0-9, '_' and '-'";
	return NULL;
}

static size_t base_len(const char *name)
{
	size_t n = strlen(name);
	while (n > 0 && name[n - 1] >= '0' && name[n - 1] <= '9')
		n--;
	return n;
}

/* "unknown key", with the candidate it is a likely typo of, or else with
 * takes: what the section takes, from its own punctuation on. */
static void report_unknown_key(struct ctx *c, const struct ini_section *sec,
			       const struct ini_key *k,
			       const char *const *cands, int n,
			       const char *takes)
{
	const char *hint = util_closest_word(k->name, cands, n);
	if (hint != NULL)
		diag_error(c->d, k->line,
			   "unknown key '%.40s' in [%s]; did you mean '%s'?",
			   k->name, sec->original, hint);
	else
		diag_error(c->d, k->line, "unknown key '%.40s' in [%s]%s",
			   k->name, sec->original, takes);
}

static void key_unknown(struct ctx *c, const struct ini_section *sec,
			const struct ini_key *k, const struct key_rule *rules)
{
	const char *digits = k->name + base_len(k->name);
	char names[16][48];
	const char *cands[16];
	char list[220] = "; it takes ";
	int n = 0;
	for (const struct key_rule *r = rules; r->name != NULL && n < 16;
	     r++, n++) {
		snprintf(names[n], sizeof(names[n]), "%s%s", r->name,
			 r->max == 0	   ? ""
			 : *digits != '\0' ? digits
					   : "1");
		cands[n] = names[n];
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
			 "%s%s%s", n == 0 ? "" : ", ", r->name,
			 r->max == 0 ? "" : "N");
	}
	report_unknown_key(c, sec, k, cands, n, list);
}

/* Every key of the section must be one its kind takes. */
static void check_keys(struct ctx *c, const struct ini_section *sec,
		       const struct key_rule *rules)
{
	for (int i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		size_t bl = base_len(k->name);
		const struct key_rule *r = rules;
		for (; r->name != NULL; r++) {
			if (r->max == 0
				? strcmp(k->name, r->name) == 0
				: strlen(r->name) == bl &&
				      strncmp(k->name, r->name, bl) == 0)
				break;
		}
		long num;
		if (r->name == NULL)
			key_unknown(c, sec, k, rules);
		else if (r->max > 0 && k->name[bl] == '\0')
			diag_error(c->d, k->line,
				   "'%s' needs a number: %s1, %s2, ...",
				   k->name, r->name, r->name);
		else if (r->max > 0 &&
			 !util_parse_int(k->name + bl, 1, r->max, &num))
			diag_error(c->d, k->line,
				   "'%s' in [%s]: %s numbers run from 1 to %d",
				   k->name, sec->original, r->name, r->max);
	}
}

/* Which kind of section this is, from the part of its name before the
 * first dot; *id is the part after it. */
static enum section_kind
section_kind(struct ctx *c, const struct ini_section *sec, const char **id)
{
	const char *dot = strchr(sec->name, '.');
	size_t plen = dot ? (size_t)(dot - sec->name) : strlen(sec->name);
	const char *prefixes[SEC_COUNT];
	for (int k = 0; k < SEC_COUNT; k++) {
		const struct section_rule *r = &section_rules[k];
		prefixes[k] = r->prefix;
		if (strlen(r->prefix) != plen ||
		    strncmp(sec->name, r->prefix, plen) != 0)
			continue;
		if (r->has_id && dot == NULL)
			diag_error(c->d, sec->line, "[%s] needs an id: [%s.ID]",
				   sec->original, r->prefix);
		else if (!r->has_id && dot != NULL)
			diag_error(c->d, sec->line,
				   "[%s] takes no id: write [%s]",
				   sec->original, r->prefix);
		else {
			*id = dot ? dot + 1 : NULL;
			return (enum section_kind)k;
		}
		return SEC_UNKNOWN;
	}
	char *prefix = xstrndup(sec->name, plen);
	const char *hint = util_closest_word(prefix, prefixes, SEC_COUNT);
	free(prefix);
	if (hint != NULL)
		diag_error(c->d, sec->line,
			   "unknown section [%s]; did you mean [%s%s]?",
			   sec->original, hint,
			   dot ? sec->original + plen : "");
	else
		diag_error(c->d, sec->line,
			   "unknown section [%s]; a questionnaire has "
			   "[questionnaire], [dimension.ID], [question.ID], "
			   "[classification], [guidance.NAME], "
			   "[phase.NAME] and [action.ID]",
			   sec->original);
	return SEC_UNKNOWN;
}

static bool check_id(struct ctx *c, const struct ini_section *sec,
		     const char *id)
{
	const char *why = id_problem(id);
	if (why != NULL)
		diag_error(c->d, sec->line, "the id '%.40s' of [%s] %s", id,
			   sec->original, why);
	return why == NULL;
}

/* Room for one more entry at the end of array (of *count entries of size
 * bytes), for a [dimension.ID] or [question.ID] section: returns the array,
 * grown, and counts the entry, which the caller fills. An entry beyond max
 * or with a bad id is still read, so that the rest of its mistakes are
 * reported too. */
static void *add_entry(struct ctx *c, const struct ini_section *sec,
		       const char *id, const char *what, void *array,
		       int *count, int max, size_t size)
{
	if (*count == max)
		diag_error(c->d, sec->line,
			   "[%s] is one %s too many: a questionnaire has at "
			   "most %d",
			   sec->original, what, max);
	check_id(c, sec, id);
	array = xreallocarray(array, (size_t)*count + 1, size);
	(*count)++;
	return array;
}

static void parse_header(struct ctx *c, const struct ini_section *sec)
{
	struct questionnaire *q = c->q;
	const char *id = get_text(c, sec, "id", true);
	const char *why = id ? id_problem(id) : NULL;
	if (why != NULL)
		diag_error(c->d, inifile_key(sec, "id")->line, "id '%.40s' %s",
			   id, why);
	else if (id != NULL)
		q->id = xstrdup(id);
	q->title = dup_or_null(get_text(c, sec, "title", true));
	q->description = dup_or_null(get_text(c, sec, "description", false));
	get_int(c, sec, "version", 1, 1000000, true, &q->version);
	int audience;
	if (get_enum(c, sec, "audience", audience_names, 2, true, &audience))
		q->audience = (enum audience)audience;
	if (get_int(c, sec, "minutes", 1, 120, false, &q->minutes))
		c->minutes_line = inifile_key(sec, "minutes")->line;
}

/* Roles are counted as dimensions are read: classification needs at most
 * one sharing and one attitude dimension to know which score to use. */
static void dimension_role(struct ctx *c, const struct ini_section *sec,
			   int index, int *nadoption)
{
	struct qn_rules *r = &c->q->rules;
	int role;
	if (!get_enum(c, sec, "role", role_names, 5, true, &role))
		return;
	c->q->dimensions[index].role = (enum dimension_role)role;
	int *slot = role == DIMROLE_SHARING    ? &r->sharing_dimension
		    : role == DIMROLE_ATTITUDE ? &r->attitude_dimension
		    : role == DIMROLE_INTENT   ? &r->intent_dimension
					       : NULL;
	if (role == DIMROLE_ADOPTION)
		(*nadoption)++;
	if (slot == NULL)
		return;
	if (*slot >= 0) {
		const struct qn_dimension *first = &c->q->dimensions[*slot];
		diag_error(c->d, inifile_key(sec, "role")->line,
			   "[%s] is a second %s dimension after [dimension.%s] "
			   "(line %d); a questionnaire has at most one",
			   sec->original, role_names[role], first->id,
			   first->line);
		return;
	}
	*slot = index;
}

/* advice and advice_below come together: the text says what to do, the
 * number when it applies (a score below it). */
static void dimension_advice(struct ctx *c, const struct ini_section *sec,
			     struct qn_dimension *dim)
{
	const struct ini_key *text = inifile_key(sec, "advice");
	const struct ini_key *below = inifile_key(sec, "advice_below");
	if (text != NULL && text->value[0] == '\0') {
		diag_error(c->d, text->line,
			   "'advice' in [%s] is empty; give the next action "
			   "or remove the key",
			   sec->original);
		return;
	}
	if (text != NULL && below == NULL) {
		diag_error(c->d, text->line,
			   "[%s] has 'advice' but no 'advice_below': give the "
			   "score below which it applies, such as "
			   "'advice_below = 50'",
			   sec->original);
		return;
	}
	if (text == NULL && below != NULL) {
		diag_error(c->d, below->line,
			   "'advice_below' is set but [%s] has no 'advice'",
			   sec->original);
		return;
	}
	if (text == NULL)
		return;
	if (key_int(c, below, 0, 100, &dim->advice_below) &&
	    dim->advice_below == 0)
		diag_warning(c->d, below->line,
			     "advice_below is 0: no score is below 0, so the "
			     "advice of [%s] is never shown",
			     sec->original);
	dim->advice = xstrdup(text->value);
}

static void parse_dimension(struct ctx *c, const struct ini_section *sec,
			    const char *id, int *nadoption)
{
	struct questionnaire *q = c->q;
	q->dimensions =
	    add_entry(c, sec, id, "dimension", q->dimensions, &q->ndimensions,
		      QN_MAX_DIMENSIONS, sizeof(*q->dimensions));
	struct qn_dimension *dim = &q->dimensions[q->ndimensions - 1];
	*dim = (struct qn_dimension){.id = xstrdup(id), .line = sec->line};
	dim->label = dup_or_null(get_text(c, sec, "label", true));
	dim->description = dup_or_null(get_text(c, sec, "description", false));
	get_int(c, sec, "weight", 1, 100, true, &dim->weight);
	dimension_advice(c, sec, dim);
	dimension_role(c, sec, q->ndimensions - 1, nadoption);
}

/* choiceN/scoreN, points and anchorN each belong to one question type. */
static void check_type_keys(struct ctx *c, const struct ini_section *sec,
			    enum question_type type)
{
	for (int i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		size_t bl = base_len(k->name);
		for (size_t j = 0; j < ARRAY_LEN(type_keys); j++) {
			const char *name = type_keys[j].name;
			if (strlen(name) != bl || strncmp(k->name, name, bl) ||
			    type_keys[j].type == type)
				continue;
			diag_error(c->d, k->line,
				   "'%s' belongs to %s questions, but [%s] "
				   "has type = %s",
				   k->name, type_names[type_keys[j].type],
				   sec->original, type_names[type]);
		}
	}
}

static void question_track(struct ctx *c, const struct ini_section *sec,
			   struct qn_question *qq)
{
	static const char *const tracks[] = {"technical", "citizen"};
	const char *t = get_text(c, sec, "track", false);
	if (t == NULL)
		return;
	if (track_parse(t, &qq->track)) {
		qq->has_track = true;
		return;
	}
	const char *hint = util_closest_word(t, tracks, 2);
	int line = inifile_key(sec, "track")->line;
	if (hint != NULL)
		diag_error(c->d, line,
			   "track '%.40s' is not technical or citizen; did you "
			   "mean '%s'?",
			   t, hint);
	else
		diag_error(c->d, line,
			   "track '%.40s' is not technical or citizen", t);
}

/* typed is false when the type itself was wrong: the dimension is still
 * looked up, so its dimension does not look unused as well. */
static void question_dimension(struct ctx *c, const struct ini_section *sec,
			       struct qn_question *qq, bool typed)
{
	const struct questionnaire *q = c->q;
	const struct ini_key *k = inifile_key(sec, "dimension");
	if (typed &&
	    (qq->type == QTYPE_ESTIMATE || qq->type == QTYPE_COMMENT)) {
		if (k != NULL)
			diag_error(c->d, k->line,
				   "%s has no dimension: %ss are reported, "
				   "not scored; remove 'dimension' from [%s]",
				   qq->type == QTYPE_ESTIMATE ? "an estimate"
							      : "a comment",
				   type_names[qq->type], sec->original);
		return;
	}
	/* without a dimension a choice or scale question is unscored */
	const char *v = get_text(c, sec, "dimension", false);
	if (v == NULL && k != NULL)
		diag_error(c->d, k->line,
			   "'dimension' in [%s] is empty; name a dimension, "
			   "or remove the key for an unscored question",
			   sec->original);
	if (v == NULL)
		return;
	qq->dimension = questionnaire_find_dimension(q, v);
	if (qq->dimension >= 0)
		return;
	const char *ids[QN_MAX_DIMENSIONS];
	int n = q->ndimensions < QN_MAX_DIMENSIONS ? q->ndimensions
						   : QN_MAX_DIMENSIONS;
	for (int i = 0; i < n; i++)
		ids[i] = q->dimensions[i].id;
	const char *hint = util_closest_word(v, ids, n);
	if (hint != NULL)
		diag_error(c->d, k->line,
			   "unknown dimension '%.40s'; did you mean '%s'?", v,
			   hint);
	else
		diag_error(c->d, k->line,
			   "unknown dimension '%.40s': there is no "
			   "[dimension.%.40s]",
			   v, v);
}

/* scoreN: a whole number, or "na" for a choice that is not applicable
 * (shown and stored, left out of the score like an unanswered question).
 * False when the score is wrong (reported). */
static bool choice_score(struct ctx *c, const struct ini_key *k,
			 struct qn_choice *choice)
{
	if (strcmp(k->value, "na") == 0) {
		choice->score = QN_SCORE_NA;
		return true;
	}
	/* a word where a number goes: most likely a misspelt na */
	const char *v = k->value;
	if (v[0] != '\0' && strpbrk(v, "0123456789") == NULL) {
		diag_error(c->d, k->line,
			   "%s '%.40s' is neither a whole number from 0 to %d "
			   "nor na (not applicable)",
			   k->name, v, QN_MAX_SCORE);
		return false;
	}
	return key_int(c, k, 0, QN_MAX_SCORE, &choice->score);
}

/* What the choices of a question say as a whole: scored questions need a
 * full mark above 0 and one choice that is not "na"; unscored ones take
 * no scores but "na". */
static void check_choice_scores(struct ctx *c, const struct ini_section *sec,
				const struct qn_question *qq, bool scored,
				int nscores)
{
	int na = 0;
	for (int n = 0; n < qq->nchoices; n++)
		na += qq->choices[n].score == QN_SCORE_NA;
	if (na == qq->nchoices)
		diag_error(c->d, sec->line,
			   "every choice of [%s] is na; at least one must "
			   "apply",
			   sec->original);
	else if (scored && qq->max_score == 0)
		diag_error(c->d, sec->line,
			   "every score in [%s] is 0; the highest score is the "
			   "question's full mark and must be above 0",
			   sec->original);
	else if (!scored && nscores > na)
		diag_error(c->d, sec->line,
			   "[%s] has scores but no dimension; add "
			   "'dimension = ID', or keep only 'scoreN = na' for "
			   "an unscored question",
			   sec->original);
}

/* choiceN = text and scoreN = points, numbered 1, 2, 3...; an unscored
 * question (no dimension) has choices only. */
static void parse_choices(struct ctx *c, const struct ini_section *sec,
			  struct qn_question *qq)
{
	const struct ini_key *ch[QN_MAX_CHOICES + 1], *sc[QN_MAX_CHOICES + 1];
	bool scored = inifile_key(sec, "dimension") != NULL;
	int top = 0, nscores = 0;
	for (int n = 1; n <= QN_MAX_CHOICES; n++) {
		ch[n] = numbered_key(sec, "choice", n);
		sc[n] = numbered_key(sec, "score", n);
		if (ch[n] != NULL || sc[n] != NULL)
			top = n;
	}
	bool scores_ok = true;
	qq->choices = xcalloc((size_t)top + 1, sizeof(*qq->choices));
	for (int n = 1; n <= top; n++) {
		struct qn_choice *choice = &qq->choices[qq->nchoices++];
		if (ch[n] == NULL && sc[n] == NULL)
			diag_error(c->d, sec->line,
				   "[%s]: choice%d is missing; choices must be "
				   "numbered 1, 2, 3... without gaps",
				   sec->original, n);
		else if (sc[n] == NULL && scored)
			diag_error(c->d, ch[n]->line, "choice%d has no score%d",
				   n, n);
		else if (ch[n] == NULL)
			diag_error(c->d, sc[n]->line, "score%d has no choice%d",
				   n, n);
		else if (ch[n]->value[0] == '\0')
			diag_error(c->d, ch[n]->line, "choice%d is empty", n);
		if (ch[n] != NULL)
			choice->text = xstrdup(ch[n]->value);
		if (sc[n] != NULL)
			nscores++;
		if (sc[n] == NULL ? scored : !choice_score(c, sc[n], choice))
			scores_ok = false;
		else if (choice->score > qq->max_score)
			qq->max_score = choice->score;
	}
	if (top < 2)
		diag_error(c->d, sec->line,
			   "[%s] has %d choice%s; a choice question needs 2 to "
			   "%d",
			   sec->original, top, top == 1 ? "" : "s",
			   QN_MAX_CHOICES);
	else if (scores_ok)
		check_choice_scores(c, sec, qq, scored, nscores);
}

/* points = N and anchorN labels; point n scores 100 (n - 1) / (N - 1),
 * rounded half up, so every scale runs from 0 to 100. */
static void parse_scale(struct ctx *c, const struct ini_section *sec,
			struct qn_question *qq)
{
	int points;
	if (!get_int(c, sec, "points", 2, QN_MAX_CHOICES, true, &points))
		return;
	qq->choices = xcalloc((size_t)points, sizeof(*qq->choices));
	qq->nchoices = points;
	qq->max_score = QN_MAX_SCORE;
	for (int n = 1; n <= QN_MAX_CHOICES; n++) {
		const struct ini_key *k = numbered_key(sec, "anchor", n);
		if (n <= points) {
			int m = points - 1;
			qq->choices[n - 1].score =
			    (2 * QN_MAX_SCORE * (n - 1) + m) / (2 * m);
		}
		if (k == NULL) {
			if (n == 1 || n == points)
				diag_error(c->d, sec->line,
					   "[%s] has no 'anchor%d' (the label "
					   "of its %s point)",
					   sec->original, n,
					   n == 1 ? "lowest" : "highest");
		} else if (n > points) {
			diag_error(c->d, k->line,
				   "anchor%d is beyond points (%d): anchors "
				   "run from 1 to %d",
				   n, points, points);
		} else if (k->value[0] == '\0') {
			diag_error(c->d, k->line, "anchor%d is empty", n);
		} else {
			qq->choices[n - 1].text = xstrdup(k->value);
		}
	}
}

static void parse_question(struct ctx *c, const struct ini_section *sec,
			   const char *id)
{
	struct questionnaire *q = c->q;
	q->questions =
	    add_entry(c, sec, id, "question", q->questions, &q->nquestions,
		      QN_MAX_QUESTIONS, sizeof(*q->questions));
	struct qn_question *qq = &q->questions[q->nquestions - 1];
	*qq = (struct qn_question){
	    .id = xstrdup(id), .line = sec->line, .dimension = -1};
	qq->text = dup_or_null(get_text(c, sec, "text", true));
	qq->help = dup_or_null(get_text(c, sec, "help", false));
	question_track(c, sec, qq);
	int audience;
	if (get_enum(c, sec, "audience", audience_names, 2, false, &audience))
		qq->leaders_only = audience == AUDIENCE_LEADERS;
	int type;
	bool typed = get_enum(c, sec, "type", type_names, 4, true, &type);
	if (typed)
		qq->type = (enum question_type)type;
	question_dimension(c, sec, qq, typed);
	if (!typed)
		return;
	check_type_keys(c, sec, qq->type);
	if (qq->type == QTYPE_CHOICE)
		parse_choices(c, sec, qq);
	else if (qq->type == QTYPE_SCALE)
		parse_scale(c, sec, qq);
	else if (qq->type == QTYPE_COMMENT) {
		qq->max_length = QN_DEFAULT_COMMENT;
		get_int(c, sec, "max_length", 1, QN_MAX_COMMENT, false,
			&qq->max_length);
	}
}

/* shares and skeptic are wanted exactly when their dimension exists. */
static void rule_for_role(struct ctx *c, const struct ini_section *sec,
			  const char *key, int dimension, const char *role,
			  int *out)
{
	const struct ini_key *k = inifile_key(sec, key);
	if (dimension >= 0 && k == NULL)
		diag_error(c->d, sec->line,
			   "[%s] has no '%s' (needed because [dimension.%s] "
			   "has role %s)",
			   sec->original, key, c->q->dimensions[dimension].id,
			   role);
	else if (dimension >= 0)
		key_int(c, k, 0, 100, out);
	else if (k != NULL)
		diag_error(c->d, k->line,
			   "'%s' is set but no dimension has role %s", key,
			   role);
}

static void parse_rules(struct ctx *c, const struct ini_section *sec)
{
	struct qn_rules *r = &c->q->rules;
	r->line = sec->line;
	bool champion = get_int(c, sec, "champion", 0, 100, true, &r->champion);
	bool willing = get_int(c, sec, "willing", 0, 100, true, &r->willing);
	if (champion && willing && r->willing >= r->champion)
		diag_error(c->d, inifile_key(sec, "willing")->line,
			   "thresholds out of order: willing (%d) must be "
			   "below champion (%d)",
			   r->willing, r->champion);
	rule_for_role(c, sec, "shares", r->sharing_dimension, "sharing",
		      &r->shares);
	rule_for_role(c, sec, "skeptic", r->attitude_dimension, "attitude",
		      &r->skeptic);
	rule_for_role(c, sec, "intent", r->intent_dimension, "intent",
		      &r->intent);
	rule_for_role(c, sec, "started", r->intent_dimension, "intent",
		      &r->started);
	if (r->intent_dimension >= 0 && willing && r->started >= r->willing &&
	    inifile_key(sec, "started") != NULL)
		diag_error(c->d, inifile_key(sec, "started")->line,
			   "thresholds out of order: started (%d) must be "
			   "below willing (%d)",
			   r->started, r->willing);
}

/* The dimension a sub-type's guidance depends on, -1 for a segment's
 * guidance (always needed), -2 when that dimension does not exist. */
static int guidance_dimension(const struct questionnaire *q,
			      enum guidance_kind g)
{
	int dim = -1;
	if (g == GUIDE_SHARING || g == GUIDE_ALONE)
		dim = q->rules.sharing_dimension;
	else if (g == GUIDE_SKEPTIC || g == GUIDE_NOT_STARTED)
		dim = q->rules.attitude_dimension;
	else
		return -1;
	return dim >= 0 ? dim : -2;
}

static const char *guidance_role(enum guidance_kind g)
{
	return g == GUIDE_SHARING || g == GUIDE_ALONE ? "sharing" : "attitude";
}

static void guidance_steps(struct ctx *c, const struct ini_section *sec,
			   struct qn_guidance *g)
{
	for (int n = 1; n <= QN_MAX_STEPS; n++) {
		const struct ini_key *k = numbered_key(sec, "step", n);
		if (k == NULL) {
			if (n == 1)
				diag_error(c->d, sec->line,
					   "[%s] has no 'step1'",
					   sec->original);
			continue;
		}
		if (n > 1 && numbered_key(sec, "step", n - 1) == NULL)
			diag_error(c->d, k->line,
				   "step%d without step%d; steps must be "
				   "numbered 1, 2, 3 without gaps",
				   n, n - 1);
		if (k->value[0] == '\0')
			diag_error(c->d, k->line, "step%d is empty", n);
		g->steps[g->nsteps++] = xstrdup(k->value);
	}
}

static void parse_guidance(struct ctx *c, const struct ini_section *sec,
			   const char *name, bool *seen)
{
	int kind = 0;
	while (kind < GUIDE_COUNT && strcmp(name, guidance_names[kind]) != 0)
		kind++;
	if (kind == GUIDE_COUNT) {
		const char *hint =
		    util_closest_word(name, guidance_names, GUIDE_COUNT);
		if (hint != NULL)
			diag_error(c->d, sec->line,
				   "unknown guidance [%s]; did you mean "
				   "[guidance.%s]?",
				   sec->original, hint);
		else
			diag_error(c->d, sec->line,
				   "unknown guidance [%s]; NAME is champion, "
				   "willing, cautious, sharing, alone, skeptic "
				   "or not-started",
				   sec->original);
		return;
	}
	if (guidance_dimension(c->q, (enum guidance_kind)kind) == -2)
		diag_error(c->d, sec->line,
			   "[%s] is used only when a dimension has role %s",
			   sec->original,
			   guidance_role((enum guidance_kind)kind));
	seen[kind] = true;
	struct qn_guidance *g = &c->q->guidance[kind];
	g->summary = dup_or_null(get_text(c, sec, "summary", true));
	guidance_steps(c, sec, g);
}

static void check_guidance(struct ctx *c, const bool *seen)
{
	for (int g = 0; g < GUIDE_COUNT; g++) {
		int dim = guidance_dimension(c->q, (enum guidance_kind)g);
		if (seen[g] || dim == -2)
			continue;
		if (dim == -1)
			diag_error(c->d, 0, "no [guidance.%s] section",
				   guidance_names[g]);
		else
			diag_error(c->d, 0,
				   "no [guidance.%s] section (needed because "
				   "[dimension.%s] has role %s)",
				   guidance_names[g], c->q->dimensions[dim].id,
				   guidance_role((enum guidance_kind)g));
	}
}

/* [phase.structuring] or [phase.scaling]; PHASE_NONE, reported, for any
 * other name. Exploration has no rule: it is where a group is when it
 * meets neither. */
static enum phase phase_of_section(struct ctx *c, const struct ini_section *sec,
				   const char *name)
{
	static const char *const ruled[] = {"structuring", "scaling"};
	if (strcmp(name, "structuring") == 0)
		return PHASE_STRUCTURING;
	if (strcmp(name, "scaling") == 0)
		return PHASE_SCALING;
	const char *hint = util_closest_word(name, ruled, 2);
	if (strcmp(name, "exploration") == 0)
		diag_error(c->d, sec->line,
			   "unknown section [%s]; exploration takes no rule: "
			   "it is the phase of a group that meets neither "
			   "[phase.structuring] nor [phase.scaling]",
			   sec->original);
	else if (hint != NULL)
		diag_error(c->d, sec->line,
			   "unknown section [%s]; did you mean [phase.%s]?",
			   sec->original, hint);
	else
		diag_error(c->d, sec->line,
			   "unknown section [%s]; the phases with rules are "
			   "[phase.structuring] and [phase.scaling]",
			   sec->original);
	return PHASE_NONE;
}

/* A key that is neither a key of phase_keys nor a dimension id. */
static void phase_key_unknown(struct ctx *c, const struct ini_section *sec,
			      const struct ini_key *k)
{
	const char *cands[QN_MAX_DIMENSIONS + ARRAY_LEN(phase_keys)];
	int n = 0;
	for (const struct key_rule *r = phase_keys; r->name != NULL; r++)
		cands[n++] = r->name;
	for (int i = 0; i < c->q->ndimensions && i < QN_MAX_DIMENSIONS; i++)
		cands[n++] = c->q->dimensions[i].id;
	report_unknown_key(c, sec, k, cands, n,
			   ": it is neither champions, description nor a "
			   "dimension id");
}

/* Each key but description is a condition, a minimum from 0 to 100:
 * champions (the share of champions, in %) or a dimension id (the
 * group's mean score on it). Conditions keep the order of the file. */
static void parse_phase(struct ctx *c, const struct ini_section *sec,
			const char *name)
{
	enum phase p = phase_of_section(c, sec, name);
	if (p == PHASE_NONE)
		return;
	struct qn_phase_rule *rule = &c->q->phases[p];
	rule->defined = true;
	rule->line = sec->line;
	int seen = 0; /* condition keys, good or bad */
	for (int i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		if (strcmp(k->name, "description") == 0)
			continue;
		int dim = -1;
		if (strcmp(k->name, "champions") != 0) {
			dim = questionnaire_find_dimension(c->q, k->name);
			if (dim < 0) {
				phase_key_unknown(c, sec, k);
				seen++;
				continue;
			}
		}
		if (++seen > QN_MAX_PHASE_CONDITIONS) {
			diag_error(c->d, k->line,
				   "'%s' is one condition too many: a phase "
				   "has at most %d",
				   k->name, QN_MAX_PHASE_CONDITIONS);
			continue;
		}
		struct qn_phase_condition *cond =
		    &rule->conditions[rule->nconditions];
		cond->dimension = dim;
		if (key_int(c, k, 0, 100, &cond->min))
			rule->nconditions++;
	}
	if (seen == 0)
		diag_error(c->d, sec->line,
			   "[%s] has no conditions; give at least one, such as "
			   "'champions = 25' or 'DIMENSION_ID = 60'",
			   sec->original);
}

static void check_phases(struct ctx *c)
{
	const struct qn_phase_rule *scaling = &c->q->phases[PHASE_SCALING];
	if (scaling->defined && !c->q->phases[PHASE_STRUCTURING].defined)
		diag_error(c->d, scaling->line,
			   "[phase.scaling] without [phase.structuring]: a "
			   "questionnaire that defines scaling defines the "
			   "structuring before it too");
}

/* ---- [action.ID] ------------------------------------------------------- */

/* The measure a name in `when` reads: a measure's name, or else a
 * dimension id (*dim). False, reported, for anything else. */
static bool action_measure(struct ctx *c, const struct ini_key *k,
			   const char *name, enum qn_measure *m, int *dim)
{
	*dim = -1;
	for (int i = 0; i < MEASURE_DIMENSION; i++) {
		if (strcmp(name, measure_names[i]) == 0) {
			*m = (enum qn_measure)i;
			return true;
		}
	}
	*dim = questionnaire_find_dimension(c->q, name);
	if (*dim >= 0) {
		*m = MEASURE_DIMENSION;
		return true;
	}
	const char *cands[QN_MAX_DIMENSIONS + MEASURE_COUNT];
	int n = 0;
	for (int i = 0; i < MEASURE_DIMENSION; i++)
		cands[n++] = measure_names[i];
	for (int i = 0; i < c->q->ndimensions && i < QN_MAX_DIMENSIONS; i++)
		cands[n++] = c->q->dimensions[i].id;
	const char *hint = util_closest_word(name, cands, n);
	if (hint != NULL)
		diag_error(c->d, k->line,
			   "when: '%.40s' is not a measure; did you mean "
			   "'%s'?",
			   name, hint);
	else
		diag_error(c->d, k->line,
			   "when: '%.40s' is not a measure: it is champions, "
			   "willing, cautious, skeptics, not-started, alone, "
			   "sharing, overestimate or a dimension id",
			   name);
	return false;
}

/* One "MEASURE OP NUMBER" of a when; *p moves past it. */
static bool action_condition(struct ctx *c, const struct ini_key *k,
			     const char **p, struct qn_action_condition *cond)
{
	const char *s = *p + strspn(*p, " \t");
	size_t len = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-");
	if (len == 0 || len > QN_MAX_ID) {
		diag_error(c->d, k->line,
			   "when: expected a measure at '%.20s', as in "
			   "'alone >= 50 and champions >= 10'",
			   s);
		return false;
	}
	char name[QN_MAX_ID + 1];
	memcpy(name, s, len);
	name[len] = '\0';
	if (!action_measure(c, k, name, &cond->measure, &cond->dimension))
		return false;
	s += len;
	s += strspn(s, " \t");
	cond->below = *s == '<';
	if (*s != '<' && *s != '>') {
		diag_error(c->d, k->line,
			   "when: after '%s' comes >=, >, <= or <, not "
			   "'%.10s'",
			   name, s);
		return false;
	}
	cond->or_equal = s[1] == '=';
	s += cond->or_equal ? 2 : 1;
	s += strspn(s, " \t");
	size_t nlen = (*s == '-') + strspn(s + (*s == '-'), "0123456789");
	char num[16];
	long v;
	int low = cond->measure == MEASURE_OVERESTIMATE ? -100 : 0;
	snprintf(num, sizeof(num), "%.*s", (int)(nlen < 15 ? nlen : 15), s);
	if (nlen == 0 || nlen > 4 || !util_parse_int(num, low, 100, &v)) {
		diag_error(c->d, k->line,
			   "when: the limit for '%s' must be a whole number "
			   "from %d to 100, not '%.10s'",
			   name, low, s);
		return false;
	}
	cond->limit = (int)v;
	*p = s + nlen;
	return true;
}

/* when = CONDITION [and CONDITION]... */
static void action_when(struct ctx *c, const struct ini_section *sec,
			struct qn_action_rule *rule)
{
	const struct ini_key *k = find_key(c, sec, "when", true);
	if (k == NULL)
		return;
	const char *p = k->value;
	for (;;) {
		if (rule->nconditions == QN_MAX_ACTION_CONDITIONS) {
			diag_error(c->d, k->line,
				   "when: an action has at most %d "
				   "conditions",
				   QN_MAX_ACTION_CONDITIONS);
			return;
		}
		struct qn_action_condition *cond =
		    &rule->conditions[rule->nconditions];
		if (!action_condition(c, k, &p, cond))
			return;
		rule->nconditions++;
		p += strspn(p, " \t");
		if (*p == '\0')
			return;
		if (strncmp(p, "and", 3) != 0 ||
		    (p[3] != ' ' && p[3] != '\t')) {
			diag_error(c->d, k->line,
				   "when: conditions are joined by 'and', "
				   "not '%.10s'",
				   p);
			return;
		}
		p += 3;
	}
}

/* The placeholders the first condition's measure fills. */
static bool placeholder_known(const struct qn_action_condition *first,
			      const char *name)
{
	if (strcmp(name, "department") == 0 || strcmp(name, "value") == 0 ||
	    strcmp(name, "of") == 0)
		return true;
	if (strcmp(name, "count") == 0)
		return first->measure != MEASURE_DIMENSION &&
		       first->measure != MEASURE_OVERESTIMATE;
	if (strcmp(name, "estimate") == 0 || strcmp(name, "actual") == 0)
		return first->measure == MEASURE_OVERESTIMATE;
	return false;
}

/* The finding's {placeholders}: known, and filled by the first condition
 * of when. */
static void action_finding(struct ctx *c, const struct ini_section *sec,
			   const struct qn_action_rule *rule)
{
	static const char *const names[] = {"value",	"count",  "of",
					    "estimate", "actual", "department"};
	const struct ini_key *k = inifile_key(sec, "finding");
	if (k == NULL)
		return;
	for (const char *p = strchr(k->value, '{'); p != NULL;
	     p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		size_t len = end != NULL ? (size_t)(end - p - 1) : 0;
		if (end == NULL || len == 0 || len > 20) {
			diag_error(c->d, k->line,
				   "finding: '{' opens a placeholder such as "
				   "{value} that is not closed by '}'");
			return;
		}
		char name[24];
		snprintf(name, sizeof(name), "%.*s", (int)len, p + 1);
		bool known = false;
		for (size_t i = 0; i < ARRAY_LEN(names); i++)
			known |= strcmp(name, names[i]) == 0;
		const char *hint =
		    util_closest_word(name, names, (int)ARRAY_LEN(names));
		if (!known && hint != NULL)
			diag_error(c->d, k->line,
				   "finding: unknown placeholder {%s}; did "
				   "you mean {%s}?",
				   name, hint);
		else if (!known)
			diag_error(c->d, k->line,
				   "finding: unknown placeholder {%s}; it "
				   "takes {value}, {count}, {of}, {estimate}, "
				   "{actual} and {department}",
				   name);
		else if (rule->nconditions > 0 &&
			 !placeholder_known(&rule->conditions[0], name))
			diag_error(
			    c->d, k->line,
			    "finding: {%s} is not measured by the first "
			    "condition of when (%s): %s",
			    name,
			    rule->conditions[0].measure == MEASURE_DIMENSION
				? "a mean score"
				: measure_name(rule->conditions[0].measure),
			    rule->conditions[0].measure == MEASURE_OVERESTIMATE
				? "use {value}, {estimate}, {actual} "
				  "or {of}"
			    : rule->conditions[0].measure == MEASURE_DIMENSION
				? "use {value} or {of}"
				: "use {value}, {count} or {of}");
		p = end;
	}
}

static void parse_action(struct ctx *c, const struct ini_section *sec,
			 const char *id)
{
	c->q->actions =
	    add_entry(c, sec, id, "action", c->q->actions, &c->q->nactions,
		      QN_MAX_ACTIONS, sizeof(*c->q->actions));
	struct qn_action_rule *rule = &c->q->actions[c->q->nactions - 1];
	memset(rule, 0, sizeof(*rule));
	rule->id = xstrdup(id);
	rule->line = sec->line;
	rule->text = dup_or_null(get_text(c, sec, "text", true));
	rule->finding = dup_or_null(get_text(c, sec, "finding", true));
	int weeks;
	if (get_enum(c, sec, "weeks", weeks_names, 4, true, &weeks))
		rule->weeks = (enum qn_weeks)weeks;
	rule->priority = 5;
	get_int(c, sec, "priority", 1, 9, false, &rule->priority);
	const char *track = get_text(c, sec, "track", false);
	if (track != NULL) {
		if (track_parse(track, &rule->track))
			rule->has_track = true;
		else
			diag_error(c->d, inifile_key(sec, "track")->line,
				   "track '%.40s' is not %s", track,
				   track_names_list());
	}
	action_when(c, sec, rule);
	for (int i = 0; rule->has_track && i < rule->nconditions; i++)
		if (rule->conditions[i].measure == MEASURE_OVERESTIMATE)
			diag_error(c->d, inifile_key(sec, "when")->line,
				   "when: overestimate is about a whole "
				   "department's team and cannot be measured "
				   "on one track; move it to an action "
				   "without track");
	action_finding(c, sec, rule);
}

/* What the file as a whole must have, once every section is read. */
static void check_whole(struct ctx *c, const int *count, int nadoption)
{
	const struct questionnaire *q = c->q;
	if (count[SEC_QUESTIONNAIRE] == 0)
		diag_error(c->d, 0,
			   "no [questionnaire] section: it gives the id, "
			   "title, version, audience and minutes");
	if (count[SEC_CLASSIFICATION] == 0)
		diag_error(c->d, 0,
			   "no [classification] section: it gives the "
			   "champion and willing thresholds");
	if (nadoption == 0)
		diag_error(c->d, 0,
			   "no dimension has role adoption; at least one is "
			   "needed to place people in segments");
	if (q->nquestions == 0)
		diag_error(c->d, 0,
			   "no questions: add at least one [question.ID] "
			   "section");
	for (int i = 0; i < q->ndimensions; i++) {
		int used = 0;
		for (int j = 0; j < q->nquestions; j++)
			used += q->questions[j].dimension == i;
		if (used == 0)
			diag_error(c->d, q->dimensions[i].line,
				   "[dimension.%s] has no questions; every "
				   "dimension needs at least one",
				   q->dimensions[i].id);
	}
}

/* Sections are read in three rounds, each in file order: what later
 * sections refer to (dimensions and their roles) comes first. */
static void parse_sections(struct ctx *c, const struct ini_file *ini)
{
	int n = ini->nsections;
	enum section_kind *kinds = xcalloc((size_t)n + 1, sizeof(*kinds));
	const char **ids = xcalloc((size_t)n + 1, sizeof(*ids));
	int count[SEC_COUNT + 1] = {0};
	for (int i = 0; i < n; i++) {
		kinds[i] = section_kind(c, &ini->sections[i], &ids[i]);
		count[kinds[i]]++;
		/* a phase's keys include dimension ids: parse_phase */
		if (kinds[i] != SEC_UNKNOWN && kinds[i] != SEC_PHASE)
			check_keys(c, &ini->sections[i],
				   section_rules[kinds[i]].keys);
	}
	int nadoption = 0;
	for (int i = 0; i < n; i++) {
		if (kinds[i] == SEC_QUESTIONNAIRE)
			parse_header(c, &ini->sections[i]);
		else if (kinds[i] == SEC_DIMENSION)
			parse_dimension(c, &ini->sections[i], ids[i],
					&nadoption);
	}
	for (int i = 0; i < n; i++)
		if (kinds[i] == SEC_QUESTION)
			parse_question(c, &ini->sections[i], ids[i]);
	bool seen[GUIDE_COUNT] = {false};
	for (int i = 0; i < n; i++) {
		if (kinds[i] == SEC_CLASSIFICATION)
			parse_rules(c, &ini->sections[i]);
		else if (kinds[i] == SEC_GUIDANCE)
			parse_guidance(c, &ini->sections[i], ids[i], seen);
		else if (kinds[i] == SEC_PHASE)
			parse_phase(c, &ini->sections[i], ids[i]);
		else if (kinds[i] == SEC_ACTION)
			parse_action(c, &ini->sections[i], ids[i]);
	}
	check_guidance(c, seen);
	check_phases(c);
	check_whole(c, count, nadoption);
	free(kinds);
	free(ids);
}

/* Without minutes, the rule's estimate. */
static void check_minutes(struct ctx *c)
{
	c->q->minutes_line = c->minutes_line;
	if (c->minutes_line == 0)
		c->q->minutes = questionnaire_estimate_minutes(c->q);
}

/* A questionnaire that promises eight minutes and takes fifteen loses
 * people halfway; one that promises far more than it takes puts them
 * off. Only validate says so: a stored questionnaire is not the
 * author's to fix any more. */
void questionnaire_check_minutes(const struct questionnaire *q, struct diag *d)
{
	int estimate = questionnaire_estimate_minutes(q);
	if (q->minutes_line == 0 ||
	    (q->minutes >= estimate && q->minutes <= 2 * estimate + 1))
		return;
	diag_warning(d, q->minutes_line,
		     "minutes = %d, but by the rule of aimap-questionnaire(5) "
		     "the questions take about %d; write minutes = %d or "
		     "leave the key out",
		     q->minutes, estimate, estimate);
	diag_sort(d);
}

struct questionnaire *questionnaire_parse(const char *name, const char *text,
					  size_t len, struct diag *d)
{
	if (d->file == NULL)
		d->file =
		    xstrdup(name); /* callers normally diag_init(d, name) */
	int errors = d->errors;
	struct ini_file ini;
	if (!inifile_parse(text, len, &ini, d)) {
		inifile_free(&ini);
		diag_sort(d);
		return NULL;
	}
	struct questionnaire *q = xcalloc(1, sizeof(*q));
	q->rules.sharing_dimension = -1;
	q->rules.attitude_dimension = -1;
	q->rules.intent_dimension = -1;
	struct ctx c = {d, q, 0};
	parse_sections(&c, &ini);
	if (d->errors == errors)
		check_minutes(&c);
	inifile_free(&ini);
	diag_sort(d);
	if (d->errors > errors) {
		questionnaire_free(q);
		return NULL;
	}
	q->source = xmalloc(len + 1);
	memcpy(q->source, text, len);
	q->source[len] = '\0';
	q->source_len = len;
	util_hash_hex(text, len, q->hash);
	return q;
}

struct questionnaire *questionnaire_load(const char *path, struct diag *d)
{
	size_t len;
	char *text = util_read_file(path, &len);
	if (text == NULL) {
		if (d->file != NULL && strcmp(d->file, path) == 0)
			diag_error(d, 0, "cannot read: %s",
				   util_read_error(errno));
		else
			diag_error(d, 0, "cannot read %s: %s", path,
				   util_read_error(errno));
		return NULL;
	}
	struct questionnaire *q = questionnaire_parse(path, text, len, d);
	free(text);
	return q;
}

void questionnaire_free(struct questionnaire *q)
{
	if (q == NULL)
		return;
	for (int i = 0; i < q->ndimensions; i++) {
		free(q->dimensions[i].id);
		free(q->dimensions[i].label);
		free(q->dimensions[i].description);
		free(q->dimensions[i].advice);
	}
	for (int i = 0; i < q->nquestions; i++) {
		struct qn_question *qq = &q->questions[i];
		for (int j = 0; j < qq->nchoices; j++)
			free(qq->choices[j].text);
		free(qq->choices);
		free(qq->id);
		free(qq->text);
		free(qq->help);
	}
	for (int g = 0; g < GUIDE_COUNT; g++) {
		free(q->guidance[g].summary);
		for (int s = 0; s < q->guidance[g].nsteps; s++)
			free(q->guidance[g].steps[s]);
	}
	for (int i = 0; i < q->nactions; i++) {
		free(q->actions[i].id);
		free(q->actions[i].text);
		free(q->actions[i].finding);
	}
	free(q->actions);
	free(q->dimensions);
	free(q->questions);
	free(q->id);
	free(q->title);
	free(q->description);
	free(q->source);
	free(q);
}

int questionnaire_find_question(const struct questionnaire *q, const char *id)
{
	for (int i = 0; i < q->nquestions; i++)
		if (strcasecmp(q->questions[i].id, id) == 0)
			return i;
	return -1;
}

int questionnaire_find_dimension(const struct questionnaire *q, const char *id)
{
	for (int i = 0; i < q->ndimensions; i++)
		if (strcasecmp(q->dimensions[i].id, id) == 0)
			return i;
	return -1;
}

bool questionnaire_asks_estimate(const struct questionnaire *q)
{
	for (int i = 0; i < q->nquestions; i++)
		if (q->questions[i].type == QTYPE_ESTIMATE)
			return true;
	return false;
}

bool questionnaire_question_scored(const struct qn_question *qq)
{
	return qq->dimension >= 0 &&
	       (qq->type == QTYPE_CHOICE || qq->type == QTYPE_SCALE);
}

static int count_words(const char *s)
{
	int n = 0;
	bool in_word = false;
	for (; s != NULL && *s != '\0'; s++) {
		bool space = *s == ' ' || *s == '\t' || *s == '\n';
		n += !space && !in_word;
		in_word = !space;
	}
	return n;
}

/* The seconds one question takes: reading and weighing its choices. */
static double question_seconds(const struct qn_question *qq)
{
	int words = count_words(qq->text) + count_words(qq->help);
	for (int i = 0; i < qq->nchoices; i++)
		words += count_words(qq->choices[i].text);
	double seconds = words * 60.0 / 240.0;
	if (qq->type == QTYPE_ESTIMATE)
		return seconds + 15;
	if (qq->type == QTYPE_COMMENT)
		return seconds + 45;
	return seconds + 2.0 * qq->nchoices;
}

double questionnaire_estimate_seconds(const struct questionnaire *q)
{
	double most = 0;
	for (int t = TRACK_TECHNICAL; t <= TRACK_CITIZEN; t++) {
		double sum = 0;
		for (int i = 0; i < q->nquestions; i++)
			if (questionnaire_question_applies(&q->questions[i],
							   (enum track)t,
							   ROLE_EXECUTIVE))
				sum += question_seconds(&q->questions[i]);
		if (sum > most)
			most = sum;
	}
	return most;
}

int questionnaire_estimate_minutes(const struct questionnaire *q)
{
	int minutes = (int)ceil(questionnaire_estimate_seconds(q) / 60.0);
	return minutes < 1 ? 1 : minutes > 120 ? 120 : minutes;
}

bool questionnaire_question_applies(const struct qn_question *qq,
				    enum track track, enum role role)
{
	return (!qq->has_track || qq->track == track) &&
	       (!qq->leaders_only || role_is_leader(role));
}

const char *audience_name(enum audience a)
{
	return audience_names[a];
}

const char *question_type_name(enum question_type t)
{
	return type_names[t];
}

const char *dimension_role_name(enum dimension_role r)
{
	return role_names[r];
}

const char *guidance_kind_name(enum guidance_kind g)
{
	return guidance_names[g];
}

const char *phase_name(enum phase p)
{
	if ((int)p < 0 || (size_t)p >= ARRAY_LEN(phase_names))
		return "";
	return phase_names[p];
}

const char *measure_name(enum qn_measure m)
{
	if ((int)m < 0 || m >= MEASURE_COUNT)
		return "";
	return measure_names[m];
}

const char *weeks_name(enum qn_weeks w)
{
	return weeks_names[w];
}

const char *weeks_label(enum qn_weeks w)
{
	return weeks_labels[w];
}

int weeks_from(enum qn_weeks w)
{
	return weeks_span[w][0];
}

int weeks_to(enum qn_weeks w)
{
	return weeks_span[w][1];
}

int questionnaire_find_action(const struct questionnaire *q, const char *id)
{
	for (int i = 0; i < q->nactions; i++)
		if (strcmp(q->actions[i].id, id) == 0)
			return i;
	return -1;
}
