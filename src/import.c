/* SPDX-License-Identifier: MIT */
/* Import: see import.h. The reader keeps one response at a time (the
 * rows of a response come together), checks each row as it comes, and
 * hands the response to the store when the next one starts. */
#include "config.h"

#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv.h"
#include "csvread.h"
#include "diag.h"
#include "export.h"
#include "scoring.h"
#include "util.h"

/* import reads the columns of the answers export (export.h) by name, in
 * any order, and skips those that only repeat what the questionnaire
 * says: dimension, choice_text and score. */
static bool column_skipped(enum answers_column c)
{
	return c == ANSWERS_DIMENSION || c == ANSWERS_CHOICE_TEXT ||
	       c == ANSWERS_SCORE;
}

static const char *column_name(enum answers_column c)
{
	return export_answers_column_name(c);
}

/* A questionnaire the file refers to, as stored here. */
struct known {
	char *qid;
	char hash[17];
	long long id;
	const struct questionnaire *q;
	struct questionnaire *parsed; /* q when read from the store here */
};

struct import {
	struct store *store;
	struct store_import *im;
	const char *file;
	int col[ANSWERS_COLUMN_COUNT]; /* field index of each column */
	char **header;		       /* the header's names, for messages */
	int nheader;
	const struct questionnaire *const *given; /* borrowed */
	int ngiven;
	struct known *known;
	int nknown;
	struct import_result *out; /* counts, rounds made, the error */
	/* the response being read */
	bool open;
	long line;
	char *keep[ANSWERS_QUESTION_ID]; /* its fields, as on its first row */
	const struct known *k;
	int *choices;
	int (*estimates)[3];
	char (*answered_at)[21];
	bool *seen;
};

static bool fail(struct import *in, long line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static bool fail(struct import *in, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		util_out_of_memory();
	va_end(ap);
	free(in->out->error);
	in->out->error = line > 0 ? xasprintf("%s:%ld: %s", in->file, line, msg)
				  : xasprintf("%s: %s", in->file, msg);
	free(msg);
	return false;
}

/* ---- checking fields ----------------------------------------------------- */

static bool is_uuid(char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
		s[i] = (char)tolower((unsigned char)s[i]);
	}
	return true;
}

/* "YYYY-MM-DDTHH:MM:SSZ", as aimap stores times. */
static bool is_code(const char *s)
{
	size_t len = strlen(s);
	if (len < 2 || len > STORE_MAX_CODE)
		return false;
	for (; *s != '\0'; s++)
		if (!isascii((unsigned char)*s) ||
		    !(isalnum((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static bool is_hash(const char *s)
{
	if (strlen(s) != 16)
		return false;
	for (; *s != '\0'; s++)
		if (!isxdigit((unsigned char)*s) || isupper((unsigned char)*s))
			return false;
	return true;
}

/* Surrounding white space off, in place, as the store keeps names. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

static bool check_response_fields(struct import *in, char **f, long line)
{
	static const enum answers_column uuids[] = {
	    ANSWERS_ROUND_UUID, ANSWERS_RESPONDENT_UUID, ANSWERS_RESPONSE_UUID};
	static const enum answers_column times[] = {ANSWERS_ROUND_CREATED_AT,
						    ANSWERS_STARTED_AT};
	for (size_t i = 0; i < ARRAY_LEN(uuids); i++)
		if (!is_uuid(f[in->col[uuids[i]]]))
			return fail(in, line, "%s '%s' is not a UUID",
				    column_name(uuids[i]),
				    f[in->col[uuids[i]]]);
	for (size_t i = 0; i < ARRAY_LEN(times); i++)
		if (!util_is_iso_time(f[in->col[times[i]]]))
			return fail(in, line,
				    "%s '%s' is not a time like "
				    "2026-01-15T09:30:00Z",
				    column_name(times[i]),
				    f[in->col[times[i]]]);
	const char *finished = f[in->col[ANSWERS_FINISHED_AT]];
	if (*finished != '\0' && !util_is_iso_time(finished))
		return fail(in, line,
			    "finished_at '%s' is not a time like "
			    "2026-01-15T09:30:00Z (or empty: unfinished)",
			    finished);
	if (!is_code(f[in->col[ANSWERS_ROUND_CODE]]))
		return fail(in, line,
			    "round_code '%s' is not a round code (2 to %d "
			    "letters, digits or dashes)",
			    f[in->col[ANSWERS_ROUND_CODE]], STORE_MAX_CODE);
	long n;
	if (!util_parse_int(f[in->col[ANSWERS_ROUND_MIN_GROUP]], 1, 1000, &n))
		return fail(in, line,
			    "round_min_group '%s' is not a whole number from "
			    "1 to 1000",
			    f[in->col[ANSWERS_ROUND_MIN_GROUP]]);
	if (!util_parse_int(f[in->col[ANSWERS_QVERSION]], 0, 1000000, &n))
		return fail(in, line,
			    "questionnaire_version '%s' is not a version "
			    "number",
			    f[in->col[ANSWERS_QVERSION]]);
	if (!is_hash(f[in->col[ANSWERS_QHASH]]))
		return fail(in, line,
			    "questionnaire_hash '%s' is not 16 hex digits",
			    f[in->col[ANSWERS_QHASH]]);
	const char *contact = f[in->col[ANSWERS_CONTACT]];
	if (strcmp(contact, "0") != 0 && strcmp(contact, "1") != 0)
		return fail(in, line, "champion_contact '%s' is not 0 or 1",
			    contact);
	enum role role;
	enum track track;
	if (!role_parse(f[in->col[ANSWERS_ROLE]], &role))
		return fail(in, line, "role '%s' is not one of: %s",
			    f[in->col[ANSWERS_ROLE]], role_names_list());
	if (!track_parse(f[in->col[ANSWERS_TRACK]], &track))
		return fail(in, line, "track '%s' is not one of: %s",
			    f[in->col[ANSWERS_TRACK]], track_names_list());
	return true;
}

/* ---- questionnaires --------------------------------------------------------
 */

static struct questionnaire *parse_stored(struct import *in, long long id,
					  long line)
{
	char *text, *name;
	size_t len;
	if (store_questionnaire_source(in->store, id, &text, &len, &name) !=
	    STORE_OK) {
		fail(in, line, "%s", store_error(in->store));
		return NULL;
	}
	struct diag d;
	diag_init(&d, name);
	struct questionnaire *q = questionnaire_parse(name, text, len, &d);
	if (q == NULL)
		fail(in, line, "the %s does not load any more", name);
	diag_free(&d);
	free(text);
	free(name);
	return q;
}

/* The questionnaire of id qid and hash: stored here, or given with -q
 * (then stored by the import). */
static const struct known *find_questionnaire(struct import *in,
					      const char *qid, const char *hash,
					      long version, long line)
{
	for (int i = 0; i < in->nknown; i++)
		if (strcmp(in->known[i].qid, qid) == 0 &&
		    strcmp(in->known[i].hash, hash) == 0)
			return &in->known[i];
	struct known k = {.qid = xstrdup(qid)};
	snprintf(k.hash, sizeof(k.hash), "%s", hash);
	enum store_status st =
	    store_questionnaire_find(in->store, qid, hash, &k.id);
	if (st == STORE_OK)
		k.q = k.parsed = parse_stored(in, k.id, line);
	for (int i = 0; st == STORE_ERR_NOT_FOUND && i < in->ngiven; i++) {
		const struct questionnaire *g = in->given[i];
		if (strcmp(g->id, qid) != 0 || strcmp(g->hash, hash) != 0)
			continue;
		st = store_import_questionnaire(in->im, g, &k.id);
		if (st == STORE_OK)
			k.q = g;
	}
	if (st == STORE_ERR_NOT_FOUND)
		fail(in, line,
		     "questionnaire %s v%ld (hash %s) is not stored in this "
		     "database: give its file with -q (the version the "
		     "answers were given to), or merge the database the "
		     "answers came from",
		     qid, version, hash);
	else if (st != STORE_OK)
		fail(in, line, "%s", store_error(in->store));
	if (k.q != NULL && k.q->version != version) {
		fail(in, line,
		     "questionnaire %s with hash %s is version %d here, not "
		     "%ld",
		     qid, hash, k.q->version, version);
		questionnaire_free(k.parsed);
		k.q = k.parsed = NULL;
	}
	if (k.q == NULL) {
		free(k.qid);
		return NULL;
	}
	in->known = xreallocarray(in->known, (size_t)in->nknown + 1, sizeof(k));
	in->known[in->nknown] = k;
	return &in->known[in->nknown++];
}

/* ---- one response ----------------------------------------------------------
 */

static void response_clear(struct import *in)
{
	for (int c = 0; c < ANSWERS_QUESTION_ID; c++) {
		free(in->keep[c]);
		in->keep[c] = NULL;
	}
	free(in->choices);
	free(in->estimates);
	free(in->answered_at);
	free(in->seen);
	in->choices = NULL;
	in->estimates = NULL;
	in->answered_at = NULL;
	in->seen = NULL;
	in->k = NULL;
	in->open = false;
}

static bool response_start(struct import *in, char **f, long line)
{
	if (!check_response_fields(in, f, line))
		return false;
	long version = 0;
	(void)util_parse_int(f[in->col[ANSWERS_QVERSION]], 0, 1000000,
			     &version);
	in->k = find_questionnaire(in, f[in->col[ANSWERS_QID]],
				   f[in->col[ANSWERS_QHASH]], version, line);
	if (in->k == NULL)
		return false;
	for (int c = 0; c < ANSWERS_QUESTION_ID; c++)
		in->keep[c] = xstrdup(f[in->col[c]]);
	size_t n = (size_t)in->k->q->nquestions + 1;
	in->choices = xcalloc(n, sizeof(*in->choices));
	in->estimates = xcalloc(n, sizeof(*in->estimates));
	in->answered_at = xcalloc(n, sizeof(*in->answered_at));
	in->seen = xcalloc(n, sizeof(*in->seen));
	in->open = true;
	in->line = line;
	return true;
}

/* The response's columns repeat on each of its rows. */
static bool response_same(struct import *in, char **f, long line)
{
	for (int c = 0; c < ANSWERS_QUESTION_ID; c++) {
		const char *v = f[in->col[c]];
		bool uuid = c == ANSWERS_ROUND_UUID ||
			    c == ANSWERS_RESPONDENT_UUID ||
			    c == ANSWERS_RESPONSE_UUID;
		bool same = uuid ? strcasecmp(v, in->keep[c]) == 0
				 : strcmp(v, in->keep[c]) == 0;
		if (!same)
			return fail(in, line,
				    "%s '%s' differs from the first row of "
				    "response %s (line %ld: '%s')",
				    column_name(c), v,
				    in->keep[ANSWERS_RESPONSE_UUID], in->line,
				    in->keep[c]);
	}
	return true;
}

static bool read_percent(struct import *in, const char *v,
			 enum answers_column c, long line, int *out)
{
	long n;
	if (!util_parse_int(v, 0, 100, &n))
		return fail(in, line,
			    "%s '%s' is not a whole number from 0 "
			    "to 100",
			    column_name(c), v);
	*out = (int)n;
	return true;
}

static bool answer_estimate(struct import *in, char **f, int i, long line)
{
	static const enum answers_column parts[3] = {
	    ANSWERS_EST_CHAMPIONS, ANSWERS_EST_WILLING, ANSWERS_EST_CAUTIOUS};
	if (*f[in->col[ANSWERS_CHOICE]] != '\0')
		return fail(in, line,
			    "question '%s' is an estimate: its choice must "
			    "be empty",
			    in->k->q->questions[i].id);
	int sum = 0;
	for (int k = 0; k < 3; k++) {
		if (!read_percent(in, f[in->col[parts[k]]], parts[k], line,
				  &in->estimates[i][k]))
			return false;
		sum += in->estimates[i][k];
	}
	if (sum != 100)
		return fail(in, line,
			    "the estimate for '%s' adds up to %d%%, not 100%%",
			    in->k->q->questions[i].id, sum);
	return true;
}

static bool answer_choice(struct import *in, char **f, int i, long line)
{
	const struct qn_question *qq = &in->k->q->questions[i];
	for (int c = ANSWERS_EST_CHAMPIONS; c <= ANSWERS_EST_CAUTIOUS; c++)
		if (*f[in->col[c]] != '\0')
			return fail(in, line,
				    "question '%s' is not an estimate: %s "
				    "must be empty",
				    qq->id, column_name(c));
	long n;
	if (!util_parse_int(f[in->col[ANSWERS_CHOICE]], 1, qq->nchoices, &n))
		return fail(in, line,
			    "the answer to '%s' must be a choice number from "
			    "1 to %d, not '%s'",
			    qq->id, qq->nchoices, f[in->col[ANSWERS_CHOICE]]);
	in->choices[i] = (int)n;
	return true;
}

/* An answered question's row. */
static bool answer_given(struct import *in, char **f, int i, long line)
{
	const struct qn_question *qq = &in->k->q->questions[i];
	enum track track;
	enum role role = ROLE_INDIVIDUAL;
	(void)track_parse(in->keep[ANSWERS_TRACK], &track);
	(void)role_parse(in->keep[ANSWERS_ROLE], &role);
	/* a finished response holds only its own track's and role's
	 * answers; an unfinished one may keep some from before a change */
	if (!questionnaire_question_applies(qq, track, role) &&
	    in->keep[ANSWERS_FINISHED_AT][0] != '\0') {
		if (qq->has_track && qq->track != track)
			return fail(in, line,
				    "question '%s' is for the %s track, and "
				    "response %s finished on the %s track",
				    qq->id, track_name(qq->track),
				    in->keep[ANSWERS_RESPONSE_UUID],
				    track_name(track));
		return fail(in, line,
			    "question '%s' is for leaders, and response %s "
			    "finished as %s",
			    qq->id, in->keep[ANSWERS_RESPONSE_UUID],
			    role_name(role));
	}
	const char *at = f[in->col[ANSWERS_ANSWERED_AT]];
	if (*at != '\0' && !util_is_iso_time(at))
		return fail(in, line,
			    "answered_at '%s' is not a time like "
			    "2026-01-15T09:30:00Z",
			    at);
	snprintf(in->answered_at[i], sizeof(in->answered_at[i]), "%s", at);
	return qq->type == QTYPE_ESTIMATE ? answer_estimate(in, f, i, line)
					  : answer_choice(in, f, i, line);
}

static bool answer_row(struct import *in, char **f, long line)
{
	const struct questionnaire *q = in->k->q;
	const char *qid = f[in->col[ANSWERS_QUESTION_ID]];
	int i = questionnaire_find_question(q, qid);
	if (i < 0 || strcmp(q->questions[i].id, qid) != 0)
		return fail(in, line, "question '%s' is not in %s v%d", qid,
			    q->id, q->version);
	const struct qn_question *qq = &q->questions[i];
	const char *type = f[in->col[ANSWERS_QUESTION_TYPE]];
	if (strcmp(type, question_type_name(qq->type)) != 0)
		return fail(
		    in, line, "question '%s' is of type %s in %s v%d, not '%s'",
		    qid, question_type_name(qq->type), q->id, q->version, type);
	if (in->seen[i])
		return fail(in, line,
			    "question '%s' appears twice in response %s", qid,
			    in->keep[ANSWERS_RESPONSE_UUID]);
	in->seen[i] = true;
	const char *status = f[in->col[ANSWERS_STATUS]];
	if (strcmp(status, "answered") == 0)
		return answer_given(in, f, i, line);
	if (strcmp(status, "unanswered") != 0)
		return fail(in, line,
			    "status '%s' is neither answered nor unanswered",
			    status);
	static const enum answers_column empty[] = {
	    ANSWERS_CHOICE, ANSWERS_EST_CHAMPIONS, ANSWERS_EST_WILLING,
	    ANSWERS_EST_CAUTIOUS, ANSWERS_ANSWERED_AT};
	for (size_t k = 0; k < ARRAY_LEN(empty); k++)
		if (*f[in->col[empty[k]]] != '\0')
			return fail(in, line,
				    "question '%s' is unanswered, but %s is "
				    "'%s'",
				    qid, column_name(empty[k]),
				    f[in->col[empty[k]]]);
	return true;
}

static void note_round_made(struct import *in, const char *code)
{
	char upper[STORE_MAX_CODE + 1];
	snprintf(upper, sizeof(upper), "%s", code);
	for (char *p = upper; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	struct import_result *out = in->out;
	out->rounds_made = xreallocarray(
	    out->rounds_made, (size_t)out->nrounds_made + 1, sizeof(char *));
	out->rounds_made[out->nrounds_made++] = xstrdup(upper);
}

/* Score the response just read and hand it to the store. */
static bool response_flush(struct import *in)
{
	char **keep = in->keep;
	const struct questionnaire *q = in->k->q;
	bool finished = keep[ANSWERS_FINISHED_AT][0] != '\0';
	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){in->choices}, &result);
	enum role role = ROLE_INDIVIDUAL;
	enum track track = TRACK_TECHNICAL;
	(void)role_parse(keep[ANSWERS_ROLE], &role);
	(void)track_parse(keep[ANSWERS_TRACK], &track);
	char *name = trim(keep[ANSWERS_NAME]);
	long min_group = 0;
	(void)util_parse_int(keep[ANSWERS_ROUND_MIN_GROUP], 1, 1000,
			     &min_group);
	struct store_import_response r = {
	    .round_uuid = keep[ANSWERS_ROUND_UUID],
	    .round_code = keep[ANSWERS_ROUND_CODE],
	    .round_name = keep[ANSWERS_ROUND_NAME],
	    .round_created_at = keep[ANSWERS_ROUND_CREATED_AT],
	    .round_min_group = (int)min_group,
	    .questionnaire_id = in->k->id,
	    .q = q,
	    .respondent_uuid = keep[ANSWERS_RESPONDENT_UUID],
	    .response_uuid = keep[ANSWERS_RESPONSE_UUID],
	    .name = *name != '\0' ? name : NULL,
	    .champion_contact = strcmp(keep[ANSWERS_CONTACT], "1") == 0,
	    .department = trim(keep[ANSWERS_DEPARTMENT]),
	    .role = role,
	    .track = track,
	    .started_at = keep[ANSWERS_STARTED_AT],
	    .finished_at = finished ? keep[ANSWERS_FINISHED_AT] : NULL,
	    .choices = in->choices,
	    .estimates = (const int(*)[3])in->estimates,
	    .answered_at = (const char(*)[21])in->answered_at,
	    .result = finished ? &result : NULL,
	};
	int before = store_import_rounds_made(in->im);
	enum store_merge_action action;
	enum store_status st = store_import_add(in->im, &r, &action);
	bool ok = st == STORE_OK;
	if (st == STORE_ERR_EXISTS)
		fail(in, in->line, "%s", store_error(in->store));
	else if (!ok)
		fail(in, 0, "%s", store_error(in->store));
	else
		in->out->responses[action]++;
	if (ok && store_import_rounds_made(in->im) > before)
		note_round_made(in, keep[ANSWERS_ROUND_CODE]);
	response_clear(in);
	return ok;
}

/* ---- the file
 * ---------------------------------------------------------------- */

static bool read_header(struct import *in, struct csvread *r)
{
	enum csvread_result res = csvread_next(r);
	if (res == CSVREAD_ERROR)
		return fail(in, csvread_error_line(r), "%s", csvread_error(r));
	if (res == CSVREAD_END)
		return fail(in, 0,
			    "empty: no header row (an answers export "
			    "starts with one; see aimap export "
			    "answers)");
	for (int c = 0; c < ANSWERS_COLUMN_COUNT; c++)
		in->col[c] = -1;
	char **f = csvread_fields(r);
	in->nheader = csvread_count(r);
	in->header = xcalloc((size_t)in->nheader + 1, sizeof(*in->header));
	for (int i = 0; i < in->nheader; i++)
		in->header[i] = xstrdup(f[i]);
	for (int i = 0; i < csvread_count(r); i++)
		for (int c = 0; c < ANSWERS_COLUMN_COUNT; c++) {
			if (column_skipped(c) ||
			    strcmp(f[i], column_name(c)) != 0)
				continue;
			if (in->col[c] >= 0)
				return fail(in, 1, "column %s appears twice",
					    f[i]);
			in->col[c] = i;
		}
	/* the default answers export: its groups generalised, the people
	 * of a round not linked to their other rounds; it cannot rebuild
	 * the responses it came from */
	if (in->col[ANSWERS_RESPONDENT_UUID] < 0 &&
	    in->col[ANSWERS_RESPONSE_UUID] >= 0)
		return fail(in, 1,
			    "an answers export generalised for privacy (no "
			    "column respondent_uuid; department, role and "
			    "track may be withheld), which import cannot read "
			    "back: export the round with aimap export answers "
			    "--identifiable, or bring in the whole database "
			    "with aimap merge");
	for (int c = 0; c < ANSWERS_COLUMN_COUNT; c++)
		if (in->col[c] < 0 && !column_skipped(c))
			return fail(in, 1,
				    "not an answers export: no column %s "
				    "(make one with: aimap export answers "
				    "--identifiable)",
				    column_name(c));
	return true;
}

static bool read_row(struct import *in, struct csvread *r)
{
	char **f = csvread_fields(r);
	long line = csvread_line(r);
	for (int i = 0; i < csvread_count(r); i++)
		csv_unguard(f[i]);
	const char *response = f[in->col[ANSWERS_RESPONSE_UUID]];
	if (in->open &&
	    strcasecmp(response, in->keep[ANSWERS_RESPONSE_UUID]) != 0 &&
	    !response_flush(in))
		return false;
	if (!in->open && !response_start(in, f, line))
		return false;
	return response_same(in, f, line) && answer_row(in, f, line);
}

static bool read_rows(struct import *in, FILE *file)
{
	struct csvread *r = csvread_new(file, 0);
	bool ok = read_header(in, r);
	enum csvread_result res = CSVREAD_END;
	while (ok && (res = csvread_next(r)) == CSVREAD_RECORD)
		ok = read_row(in, r);
	int field = csvread_error_field(r);
	if (ok && res == CSVREAD_ERROR && field >= 0 && field < in->nheader)
		ok = fail(in, csvread_error_line(r), "%s: %s",
			  in->header[field], csvread_error(r));
	else if (ok && res == CSVREAD_ERROR)
		ok = fail(in, csvread_error_line(r), "%s", csvread_error(r));
	if (ok && in->open)
		ok = response_flush(in);
	csvread_free(r);
	return ok;
}

/* The rows in one import transaction, committed only when every one
 * of them is good. */
static bool import_rows(struct import *in, FILE *file)
{
	enum store_status st = store_import_begin(in->store, &in->im);
	bool ok = st == STORE_OK;
	if (!ok)
		fail(in, 0, "%s", store_error(in->store));
	if (ok)
		ok = read_rows(in, file);
	if (ok && ferror(file))
		ok = fail(in, 0, "cannot read: %s", strerror(errno));
	if (in->im != NULL) {
		st = store_import_end(in->im, ok);
		in->im = NULL;
		if (ok && st != STORE_OK)
			ok = fail(in, 0, "%s", store_error(in->store));
	}
	return ok;
}

static void import_clear(struct import *in)
{
	response_clear(in);
	for (int i = 0; i < in->nknown; i++) {
		free(in->known[i].qid);
		questionnaire_free(in->known[i].parsed);
	}
	free(in->known);
	for (int i = 0; i < in->nheader; i++)
		free(in->header[i]);
	free(in->header);
}

bool import_stream(struct store *s, FILE *in, const char *name,
		   const struct questionnaire *const *given, int ngiven,
		   struct import_result *out)
{
	memset(out, 0, sizeof(*out));
	struct import im = {
	    .store = s,
	    .file = name,
	    .given = given,
	    .ngiven = ngiven,
	    .out = out,
	};
	/* a file's size tells the room it needs; a pipe's cannot */
	struct stat sb;
	bool ok = true;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    store_room_check(s, STORE_BULK_IMPORT,
			     (unsigned long long)sb.st_size, NULL) != STORE_OK)
		ok = fail(&im, 0, "%s", store_error(s));
	if (ok)
		ok = import_rows(&im, in);
	import_clear(&im);
	if (!ok) { /* rolled back: nothing was added, no round made */
		char *error = out->error;
		out->error = NULL;
		import_result_free(out);
		out->error = error;
	}
	return ok;
}

bool import_file(struct store *s, const char *path,
		 const struct questionnaire *const *given, int ngiven,
		 struct import_result *out)
{
	bool from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : path;
	FILE *file = from_stdin ? stdin : fopen(path, "rb");
	if (file == NULL) {
		int err = errno;
		memset(out, 0, sizeof(*out));
		out->error =
		    xasprintf("%s: cannot read: %s", name, strerror(err));
		return false;
	}
	bool ok = import_stream(s, file, name, given, ngiven, out);
	if (!from_stdin)
		fclose(file);
	return ok;
}

void import_result_free(struct import_result *r)
{
	for (int i = 0; i < r->nrounds_made; i++)
		free(r->rounds_made[i]);
	free(r->rounds_made);
	free(r->error);
	memset(r, 0, sizeof(*r));
}
