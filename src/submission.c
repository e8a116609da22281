/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "submission.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inifile.h"

static const char *const respondent_keys[] = {
    "name", "department", "role", "track", "champion_contact",
};

static bool parse_yes_no(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "1", "y"};
	static const char *const no[] = {"no", "false", "0", "n", ""};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(no); i++) {
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static const struct ini_key *required(const struct ini_section *sec,
				      const char *key, struct diag *d)
{
	const struct ini_key *k = inifile_key(sec, key);
	if (k == NULL || k->value[0] == '\0') {
		diag_error(d, k ? k->line : sec->line,
			   "[respondent] needs '%s'", key);
		return NULL;
	}
	return k;
}

static void check_department(const struct ini_key *k, char *const *departments,
			     int ndepartments, struct submission *out,
			     struct diag *d)
{
	if (ndepartments == 0) {
		out->department = xstrdup(k->value);
		return;
	}
	for (int i = 0; i < ndepartments; i++) {
		if (strcasecmp(k->value, departments[i]) == 0) {
			out->department = xstrdup(departments[i]);
			return;
		}
	}
	size_t need = 1;
	for (int i = 0; i < ndepartments; i++)
		need += strlen(departments[i]) + 2;
	char *list = xcalloc(need, 1);
	for (int i = 0; i < ndepartments; i++) {
		if (i > 0)
			strcat(list, ", ");
		strcat(list, departments[i]);
	}
	const char *near = util_closest_word(
	    k->value, (const char *const *)departments, ndepartments);
	if (near != NULL)
		diag_error(d, k->line,
			   "department '%s' is not one of this round's (did "
			   "you mean '%s'?): %s",
			   k->value, near, list);
	else
		diag_error(d, k->line,
			   "department '%s' is not one of this round's: %s",
			   k->value, list);
	free(list);
}

/* known is whether k's value is one of names (a list for the message). */
static bool known_name(const struct ini_key *k, bool known, const char *names,
		       struct diag *d)
{
	if (!known)
		diag_error(d, k->line, "%s '%s' is not one of: %s", k->name,
			   k->value, names);
	return known;
}

/* Returns whether the track and the role are known: which questions
 * apply depends on them. */
static bool parse_respondent(const struct ini_section *sec,
			     char *const *departments, int ndepartments,
			     struct submission *out, struct diag *d)
{
	for (int i = 0; i < sec->nkeys; i++) {
		const char *name = sec->keys[i].name;
		bool known = false;
		for (size_t j = 0; j < ARRAY_LEN(respondent_keys); j++)
			known = known || strcmp(name, respondent_keys[j]) == 0;
		if (known)
			continue;
		const char *hint = util_closest_word(
		    name, respondent_keys, (int)ARRAY_LEN(respondent_keys));
		diag_error(d, sec->keys[i].line,
			   "unknown key '%s' in [respondent]%s%s%s", name,
			   hint ? "; did you mean '" : "", hint ? hint : "",
			   hint ? "'?" : "");
	}

	const struct ini_key *k = inifile_key(sec, "name");
	if (k != NULL && k->value[0] != '\0')
		out->name = xstrdup(k->value);
	if ((k = required(sec, "department", d)) != NULL)
		check_department(k, departments, ndepartments, out, d);
	bool role_known = false;
	if ((k = required(sec, "role", d)) != NULL)
		role_known = known_name(k, role_parse(k->value, &out->role),
					role_names_list(), d);
	bool track_known = false;
	if ((k = required(sec, "track", d)) != NULL)
		track_known = known_name(k, track_parse(k->value, &out->track),
					 track_names_list(), d);
	k = inifile_key(sec, "champion_contact");
	if (k != NULL && !parse_yes_no(k->value, &out->champion_contact))
		diag_error(d, k->line,
			   "champion_contact '%s' must be yes or no", k->value);
	return track_known && role_known;
}

/* "40, 35, 25": three whole percentages that add up to 100. */
static void parse_estimate(const struct ini_key *k, int pct[3], struct diag *d)
{
	char *copy = xstrdup(k->value);
	char *save = NULL;
	int n = 0, sum = 0;
	bool ok = true;
	for (char *part = strtok_r(copy, ",", &save); part != NULL;
	     part = strtok_r(NULL, ",", &save)) {
		while (*part == ' ' || *part == '\t')
			part++;
		size_t len = strlen(part);
		while (len > 0 &&
		       (part[len - 1] == ' ' || part[len - 1] == '\t'))
			part[--len] = '\0';
		long v;
		if (n >= 3 || !util_parse_int(part, 0, 100, &v)) {
			ok = false;
			break;
		}
		pct[n++] = (int)v;
		sum += (int)v;
	}
	free(copy);
	if (!ok || n != 3)
		diag_error(d, k->line,
			   "the estimate '%s' must be three whole percentages "
			   "(champions, willing middle, cautious third), for "
			   "example 30, 40, 30",
			   k->value);
	else if (sum != 100)
		diag_error(d, k->line,
			   "the estimate '%s' adds up to %d, not 100", k->value,
			   sum);
}

/* A comment: its text, within the question's max_length; empty is no
 * comment (comments are optional). */
static void parse_comment(const struct qn_question *qq, const struct ini_key *k,
			  char **out, struct diag *d)
{
	size_t len = strlen(k->value);
	if (len > (size_t)qq->max_length) {
		diag_error(d, k->line,
			   "the comment to '%s' is %zu bytes long; it may have "
			   "at most %d",
			   qq->id, len, qq->max_length);
		return;
	}
	if (len > 0)
		*out = xstrdup(k->value);
}

static void parse_answer(const struct questionnaire *q, int index,
			 const struct ini_key *k, struct submission *out,
			 bool profile_known, struct diag *d)
{
	const struct qn_question *qq = &q->questions[index];
	if (profile_known && qq->has_track && qq->track != out->track) {
		diag_error(d, k->line,
			   "question '%s' is only for the %s track, and this "
			   "respondent is on the %s track",
			   qq->id, track_name(qq->track),
			   track_name(out->track));
		return;
	}
	if (profile_known && qq->leaders_only && !role_is_leader(out->role)) {
		diag_error(d, k->line,
			   "question '%s' is only for leaders (executive, "
			   "manager, senior-tech), and this respondent's role "
			   "is %s",
			   qq->id, role_name(out->role));
		return;
	}
	if (qq->type == QTYPE_ESTIMATE) {
		parse_estimate(k, out->estimates[index], d);
		return;
	}
	if (qq->type == QTYPE_COMMENT) {
		parse_comment(qq, k, &out->comments[index], d);
		return;
	}
	long choice;
	if (!util_parse_int(k->value, 1, qq->nchoices, &choice)) {
		diag_error(d, k->line,
			   "the answer to '%s' must be a choice number from 1 "
			   "to %d, not '%s'",
			   qq->id, qq->nchoices, k->value);
		return;
	}
	out->choices[index] = (int)choice;
}

static bool is_answered(const struct submission *s, int i)
{
	return s->choices[i] > 0 ||
	       s->estimates[i][0] + s->estimates[i][1] + s->estimates[i][2] > 0;
}

static void report_unknown_question(const struct questionnaire *q,
				    const struct ini_key *k, struct diag *d)
{
	const char **ids = xcalloc((size_t)q->nquestions, sizeof(*ids));
	for (int j = 0; j < q->nquestions; j++)
		ids[j] = q->questions[j].id;
	const char *hint = util_closest_word(k->name, ids, q->nquestions);
	diag_error(d, k->line,
		   "unknown question '%s' (questionnaire '%s' v%d)%s%s%s",
		   k->name, q->id, q->version, hint ? "; did you mean '" : "",
		   hint ? hint : "", hint ? "'?" : "");
	free(ids);
}

static void parse_answers(const struct ini_section *sec,
			  const struct questionnaire *q, struct submission *out,
			  bool profile_known, struct diag *d)
{
	for (int i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		int index = questionnaire_find_question(q, k->name);
		if (index >= 0)
			parse_answer(q, index, k, out, profile_known, d);
		else
			report_unknown_question(q, k, d);
	}
}

static void check_complete(const struct ini_section *answers,
			   const struct questionnaire *q,
			   const struct submission *out, struct diag *d)
{
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		if (!questionnaire_question_applies(qq, out->track,
						    out->role) ||
		    qq->type == QTYPE_COMMENT) /* comments are optional */
			continue;
		if (is_answered(out, i) || inifile_key(answers, qq->id))
			continue; /* answered, or already reported as bad */
		diag_error(d, answers->line, "question '%s' is not answered",
			   qq->id);
	}
}

bool submission_parse(const char *name, const char *text, size_t len,
		      const struct questionnaire *q, char *const *departments,
		      int ndepartments, struct submission *out, struct diag *d)
{
	(void)name;
	memset(out, 0, sizeof(*out));
	out->nquestions = q->nquestions;
	out->choices = xcalloc((size_t)q->nquestions, sizeof(*out->choices));
	out->estimates =
	    xcalloc((size_t)q->nquestions, sizeof(*out->estimates));
	out->comments = xcalloc((size_t)q->nquestions, sizeof(*out->comments));

	struct ini_file ini;
	if (!inifile_parse(text, len, &ini, d)) {
		inifile_free(&ini);
		return false;
	}
	for (int i = 0; i < ini.nsections; i++) {
		const char *sec = ini.sections[i].name;
		/* [persona] describes who the file stands for (the bundled
		 * personas); it is not the respondent's, so it is skipped
		 * unread. */
		if (strcmp(sec, "respondent") != 0 &&
		    strcmp(sec, "answers") != 0 && strcmp(sec, "persona") != 0)
			diag_error(d, ini.sections[i].line,
				   "unknown section [%s]: an answers file has "
				   "[respondent] and [answers] (and may have "
				   "[persona])",
				   ini.sections[i].original);
	}
	const struct ini_section *who = inifile_section(&ini, "respondent");
	const struct ini_section *answers = inifile_section(&ini, "answers");
	bool profile_known = false;
	if (who == NULL)
		diag_error(d, 0, "no [respondent] section");
	else
		profile_known =
		    parse_respondent(who, departments, ndepartments, out, d);
	if (answers == NULL)
		diag_error(d, 0, "no [answers] section");
	/* Which questions apply depends on the track and role: without
	 * them only the answers' own form can be checked. */
	if (answers != NULL) {
		parse_answers(answers, q, out, profile_known, d);
		if (profile_known)
			check_complete(answers, q, out, d);
	}
	inifile_free(&ini);
	diag_sort(d);
	return !diag_has_errors(d);
}

void submission_free(struct submission *s)
{
	free(s->name);
	free(s->department);
	free(s->choices);
	free(s->estimates);
	for (int i = 0; s->comments != NULL && i < s->nquestions; i++)
		free(s->comments[i]);
	free(s->comments);
	memset(s, 0, sizeof(*s));
}
