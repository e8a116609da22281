/* SPDX-License-Identifier: MIT */
/* Import (import.h) against real SQLite files: an answers export read
 * back into an empty database gives the same responses and scores;
 * importing twice changes nothing; a fault anywhere in a file is
 * reported as FILE:LINE: message and nothing at all is stored, even when
 * responses before the fault were already handed to the store.
 *
 * The source database (made once, in group_setup) holds two rounds:
 *   RT   five finished responses (names with quotes, commas and a
 *        formula, an anonymous one, a manager's estimate) and one
 *        unfinished, for the round trip
 *   REF  one finished response of a manager, four rows (often, shown,
 *        pipe, split on lines 2 to 5), which the refusals edit */
#include "config.h"

#include "testutil.h"

#include <sqlite3.h>

#include "export.h"
#include "fixture.h"
#include "import.h"
#include "scoring.h"
#include "store-internal.h"
#include "store.h"
#include "util.h"

static const char questionnaire_text[] =
    "[questionnaire]\n"
    "id = imp\n"
    "title = Import test\n"
    "version = 3\n"
    "audience = everyone\n"
    "minutes = 5\n" FIXTURE_EXPORT_QUESTIONS;

static char *dir;
static struct store *source;
static struct questionnaire *q;
static const struct questionnaire *given[1];
static char *rt_csv;	   /* the answers export of RT */
static char *ref_csv;	   /* the answers export of REF */
static int databases_made; /* for fresh database names */

struct person {
	const char *name;
	const char *dept;
	enum role role;
	enum track track;
	bool contact;
	int often, shown, pipe;
	int split[3];
};

static const struct person rt_people[] = {
    {"Ann", "Sales", ROLE_INDIVIDUAL, TRACK_TECHNICAL, true, 3, 3, 2, {0}},
    {"=SUM(A1)", "Sales", ROLE_INDIVIDUAL, TRACK_TECHNICAL, true, 3, 3, 2, {0}},
    {"Zo\u00eb, \"Z\"",
     "Donn\u00e9es",
     ROLE_INDIVIDUAL,
     TRACK_CITIZEN,
     true,
     3,
     3,
     0,
     {0}},
    {"Mo", "@ops", ROLE_MANAGER, TRACK_TECHNICAL, false, 2, 2, 1, {60, 30, 10}},
    {NULL, "Sales", ROLE_INDIVIDUAL, TRACK_CITIZEN, false, 1, 1, 0, {0}},
};
static const struct person ref_person = {
    "Bo", "Sales", ROLE_MANAGER, TRACK_TECHNICAL, true, 2, 3, 2, {50, 30, 20}};

static struct questionnaire *parse(const char *text)
{
	struct diag d;
	diag_init(&d, "t.ini");
	struct questionnaire *out =
	    questionnaire_parse("t.ini", text, strlen(text), &d);
	if (out == NULL)
		diag_print(&d, stdout);
	assert_non_null(out);
	diag_free(&d);
	return out;
}

static struct store *open_db(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	enum store_status status;
	char *message = NULL;
	struct store *s = store_open(path, &status, &message);
	free(path);
	if (s == NULL)
		fail_msg("%s", message);
	return s;
}

/* A fresh, empty database of its own for each use. */
static struct store *open_fresh_db(void)
{
	char name[32];
	snprintf(name, sizeof(name), "dst-%d.db", ++databases_made);
	return open_db(name);
}

static void submit_to(struct store *s, const struct store_round *round,
		      const struct person *p)
{
	int choices[QN_MAX_QUESTIONS] = {0};
	int est[QN_MAX_QUESTIONS][3];
	memset(est, 0, sizeof(est));
	choices[questionnaire_find_question(q, "often")] = p->often;
	choices[questionnaire_find_question(q, "shown")] = p->shown;
	choices[questionnaire_find_question(q, "pipe")] = p->pipe;
	memcpy(est[questionnaire_find_question(q, "split")], p->split,
	       sizeof(p->split));
	struct submission sub = {
	    .name = (char *)p->name,
	    .department = (char *)p->dept,
	    .role = p->role,
	    .track = p->track,
	    .champion_contact = p->contact,
	    .choices = choices,
	    .estimates = est,
	    .nquestions = q->nquestions,
	};
	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){choices}, &result);
	char uuid[37];
	if (store_response_submit(s, round, q, &sub, &result, uuid) != STORE_OK)
		fail_msg("%s", store_error(s));
}

static void submit(const struct store_round *round, const struct person *p)
{
	submit_to(source, round, p);
}

static void make_round(const char *code, struct store_round *out)
{
	long long id;
	assert_int_equal(store_questionnaire_save(source, q, &id), STORE_OK);
	char *depts[] = {"Sales"};
	assert_int_equal(
	    store_round_create(source, code, code, id, depts, 1, out),
	    STORE_OK);
}

/* An export of round code of s, as text. */
/* The answers in the full form import reads back, unless generalised. */
static bool generalised;

static char *export_text(struct store *s, const char *code,
			 enum export_kind kind)
{
	struct store_round round;
	if (store_round_find(s, code, &round) != STORE_OK)
		fail_msg("no round %s: %s", code, store_error(s));
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	struct export_request r = {.kind = kind,
				   .round = &round,
				   .q = q,
				   .delimiter = ',',
				   .identifiable = !generalised};
	if (export_write(s, &r, f) != STORE_OK)
		fail_msg("%s", store_error(s));
	assert_int_equal(fclose(f), 0);
	store_round_free(&round);
	return text;
}

static int group_setup(void **state)
{
	(void)state;
	unsetenv("AIMAP_NOW");
	dir = testutil_mkdtemp();
	source = open_db("source.db");
	q = parse(questionnaire_text);
	given[0] = q;
	struct store_round rt, ref;
	make_round("RT", &rt);
	for (size_t i = 0; i < ARRAY_LEN(rt_people); i++)
		submit(&rt, &rt_people[i]);
	/* unfinished: a citizen who has answered 'shown' only */
	struct store_profile p = {"Late", "Sales", ROLE_INDIVIDUAL,
				  TRACK_CITIZEN, true};
	struct store_response r;
	assert_int_equal(store_response_start(source, &rt, &p, &r), STORE_OK);
	assert_int_equal(store_answer_save(source, r.id, "shown", 2), STORE_OK);
	store_response_free(&r);
	make_round("REF", &ref);
	submit(&ref, &ref_person);
	store_round_free(&rt);
	store_round_free(&ref);
	rt_csv = export_text(source, "RT", EXPORT_ANSWERS);
	ref_csv = export_text(source, "REF", EXPORT_ANSWERS);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(rt_csv);
	free(ref_csv);
	questionnaire_free(q);
	store_close(source);
	testutil_rmdir(dir);
	return 0;
}

/* ---- helpers --------------------------------------------------------------
 */

/* Import text as the file "t.csv". */
static bool import_text(struct store *s, const char *text,
			const struct questionnaire *const *qs, int nqs,
			struct import_result *r)
{
	size_t len = strlen(text);
	FILE *in = len > 0 ? fmemopen((char *)text, len, "rb")
			   : fopen("/dev/null", "rb");
	assert_non_null(in);
	bool ok = import_stream(s, in, "t.csv", qs, nqs, r);
	fclose(in);
	/* failure exactly when there is a message */
	assert_int_equal(ok, r->error == NULL);
	return ok;
}

static void append(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	*buf = xreallocarray(*buf, *len + n + 2, 1);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '|';
	(*buf)[*len] = '\0';
}

/* Every row of every table of the database of s, as one text: what
 * "nothing changed" compares. */
static char *db_dump(struct store *s)
{
	sqlite3 *db;
	assert_int_equal(
	    sqlite3_open_v2(store_path(s), &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	sqlite3_stmt *tables;
	assert_int_equal(
	    sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_master "
			       "WHERE type = 'table' ORDER BY name",
			       -1, &tables, NULL),
	    SQLITE_OK);
	char *out = xstrdup("");
	size_t len = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		append(&out, &len, name);
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY 1", name);
		sqlite3_stmt *rows;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL),
				 SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const char *v =
				    (const char *)sqlite3_column_text(rows, c);
				append(&out, &len, v != NULL ? v : "NULL");
			}
		sqlite3_finalize(rows);
		free(sql);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return out;
}

/* Where field c of record line (1: the header) starts in csv, and its
 * length; fields in quotes are skipped whole. */
static const char *csv_find(const char *csv, int line, int c, size_t *len)
{
	const char *p = csv;
	bool quoted = false;
	for (int l = 1, f = 0; *p != '\0'; p++) {
		if (l == line && f == c)
			break;
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			f++;
		else if (!quoted && *p == '\n') {
			l++;
			f = 0;
		}
	}
	assert_true(*p != '\0');
	const char *end = p;
	quoted = false;
	while (*end != '\0' && (quoted || (*end != ',' && *end != '\r'))) {
		if (*end == '"')
			quoted = !quoted;
		end++;
	}
	*len = (size_t)(end - p);
	return p;
}

/* csv with field c of line replaced by value. The answers export writes
 * its columns in the order of enum answers_column, so c is also the
 * field's index. */
static char *csv_edit(const char *csv, int line, enum answers_column c,
		      const char *value)
{
	size_t len;
	const char *at = csv_find(csv, line, (int)c, &len);
	return xasprintf("%.*s%s%s", (int)(at - csv), csv, value, at + len);
}

/* Field c of line, unquoted (the refusals' source has no quotes). */
static char *csv_field(const char *csv, int line, enum answers_column c)
{
	size_t len;
	const char *at = csv_find(csv, line, (int)c, &len);
	return xasprintf("%.*s", (int)len, at);
}

static int count_lines(const char *csv)
{
	int n = 0;
	for (const char *p = csv; *p != '\0'; p++)
		n += *p == '\n';
	return n;
}

/* ---- the round trip -------------------------------------------------------
 */

static void header_is_the_exports(void **state)
{
	(void)state;
	char *line = xstrdup("");
	for (int c = 0; c < ANSWERS_COLUMN_COUNT; c++) {
		char *next = xasprintf("%s%s%s", line, c > 0 ? "," : "",
				       export_answers_column_name(c));
		free(line);
		line = next;
	}
	char *want = xasprintf("%s\r\n", line);
	assert_int_equal(strncmp(rt_csv, want, strlen(want)), 0);
	assert_non_null(strstr(want, ",question_id,question_type,dimension,"));
	free(want);
	free(line);
}

static void round_trip(void **state)
{
	(void)state;
	struct store *dst = open_fresh_db();
	struct import_result r;
	if (!import_text(dst, rt_csv, given, 1, &r))
		fail_msg("%s", r.error);
	assert_int_equal(r.responses[STORE_MERGE_ADDED], 6);
	assert_int_equal(r.responses[STORE_MERGE_REPLACED], 0);
	assert_int_equal(r.responses[STORE_MERGE_KEPT], 0);
	assert_int_equal(r.nrounds_made, 1);
	assert_string_equal(r.rounds_made[0], "RT");
	import_result_free(&r);
	/* the same answers (quotes, commas and formulas included: the
	 * names of champions who agreed), and
	 * scored the same */
	assert_non_null(strstr(rt_csv, ",\"Zo\u00eb, \"\"Z\"\"\","));
	assert_non_null(strstr(rt_csv, ",'=SUM(A1),"));
	char *answers = export_text(dst, "RT", EXPORT_ANSWERS);
	assert_string_equal(answers, rt_csv);
	free(answers);
	char *want = export_text(source, "RT", EXPORT_RESPONSES);
	char *got = export_text(dst, "RT", EXPORT_RESPONSES);
	assert_string_equal(got, want);
	assert_non_null(strstr(got, ",champion,"));
	free(want);
	free(got);
	/* a round that ran elsewhere arrives closed */
	struct store_round round;
	assert_int_equal(store_round_find(dst, "RT", &round), STORE_OK);
	assert_false(round.open);
	store_round_free(&round);
	store_close(dst);
}

static void twice_changes_nothing(void **state)
{
	(void)state;
	struct store *dst = open_fresh_db();
	struct import_result r;
	if (!import_text(dst, rt_csv, given, 1, &r))
		fail_msg("%s", r.error);
	import_result_free(&r);
	char *before = db_dump(dst);
	/* the questionnaire is stored now: no need to give it again */
	if (!import_text(dst, rt_csv, NULL, 0, &r))
		fail_msg("%s", r.error);
	assert_int_equal(r.responses[STORE_MERGE_ADDED], 0);
	assert_int_equal(r.responses[STORE_MERGE_REPLACED], 0);
	assert_int_equal(r.responses[STORE_MERGE_KEPT], 6);
	assert_int_equal(r.nrounds_made, 0);
	import_result_free(&r);
	char *after = db_dump(dst);
	assert_string_equal(after, before);
	free(before);
	free(after);
	store_close(dst);
}

static void from_a_file(void **state)
{
	(void)state;
	struct store *dst = open_fresh_db();
	char *path = xasprintf("%s/answers.csv", dir);
	testutil_write(path, ref_csv, strlen(ref_csv));
	struct import_result r;
	if (!import_file(dst, path, given, 1, &r))
		fail_msg("%s", r.error);
	assert_int_equal(r.responses[STORE_MERGE_ADDED], 1);
	import_result_free(&r);
	char *missing = xasprintf("%s/none.csv", dir);
	assert_false(import_file(dst, missing, given, 1, &r));
	char *want =
	    xasprintf("%s: cannot read: No such file or directory", missing);
	assert_string_equal(r.error, want);
	import_result_free(&r);
	free(want);
	free(missing);
	free(path);
	store_close(dst);
}

/* ---- refusals -------------------------------------------------------------
 */

/* Import text into a fresh database: refused with exactly this message,
 * and nothing stored. */
static void expect_refused(const char *text,
			   const struct questionnaire *const *qs, int nqs,
			   const char *message)
{
	struct store *dst = open_fresh_db();
	char *before = db_dump(dst);
	struct import_result r;
	assert_false(import_text(dst, text, qs, nqs, &r));
	assert_string_equal(r.error, message);
	assert_int_equal(r.nrounds_made, 0);
	import_result_free(&r);
	char *after = db_dump(dst);
	assert_string_equal(after, before);
	free(before);
	free(after);
	store_close(dst);
}

/* The REF export with field c of line set to value: refused with
 * message (@UUID@: the response's UUID). */
static void expect_edit_refused(int line, enum answers_column c,
				const char *value, const char *message)
{
	char *uuid = csv_field(ref_csv, 2, ANSWERS_RESPONSE_UUID);
	char *text = csv_edit(ref_csv, line, c, value);
	const char *at = strstr(message, "@UUID@");
	char *want = at == NULL ? xstrdup(message)
				: xasprintf("%.*s%s%s", (int)(at - message),
					    message, uuid, at + 6);
	expect_refused(text, given, 1, want);
	free(want);
	free(text);
	free(uuid);
}

static void refuses_bad_headers(void **state)
{
	(void)state;
	expect_refused("", given, 1,
		       "t.csv: empty: no header row (an answers export "
		       "starts with one; see aimap export answers)");
	expect_refused("round_code,round_uuid\r\n", given, 1,
		       "t.csv:1: not an answers export: no column "
		       "round_name (make one with: aimap export answers "
		       "--identifiable)");
	/* the default, generalised answers export has no respondent_uuid:
	 * refused as such, with what to use instead */
	generalised = true;
	char *general = export_text(source, "REF", EXPORT_ANSWERS);
	generalised = false;
	expect_refused(general, given, 1,
		       "t.csv:1: an answers export generalised for privacy "
		       "(no column respondent_uuid; department, role and "
		       "track may be withheld), which import cannot read "
		       "back: export the round with aimap export answers "
		       "--identifiable, or bring in the whole database with "
		       "aimap merge");
	free(general);
	/* a column import skips is not needed */
	char *text = csv_edit(ref_csv, 1, ANSWERS_CHOICE_TEXT, "other");
	struct store *dst = open_fresh_db();
	struct import_result r;
	if (!import_text(dst, text, given, 1, &r))
		fail_msg("%s", r.error);
	import_result_free(&r);
	store_close(dst);
	free(text);
	text = csv_edit(ref_csv, 1, ANSWERS_ROUND_NAME, "round_code");
	expect_refused(text, given, 1,
		       "t.csv:1: column round_code appears "
		       "twice");
	free(text);
}

static void refuses_bad_fields(void **state)
{
	(void)state;
	expect_edit_refused(2, ANSWERS_ROUND_UUID, "not-a-uuid",
			    "t.csv:2: round_uuid 'not-a-uuid' is not a UUID");
	expect_edit_refused(2, ANSWERS_STARTED_AT, "2026-13-01T00:00:00Z",
			    "t.csv:2: started_at '2026-13-01T00:00:00Z' is "
			    "not a time like 2026-01-15T09:30:00Z");
	expect_edit_refused(2, ANSWERS_ROLE, "boss",
			    "t.csv:2: role 'boss' is not one of: executive, "
			    "manager, senior-tech, individual");
	expect_edit_refused(3, ANSWERS_DEPARTMENT, "Ops",
			    "t.csv:3: department 'Ops' differs from the first "
			    "row of response @UUID@ (line 2: 'Sales')");
	expect_edit_refused(3, ANSWERS_CHOICE, "4",
			    "t.csv:3: the answer to 'shown' must be a choice "
			    "number from 1 to 3, not '4'");
	expect_edit_refused(4, ANSWERS_QUESTION_ID, "often",
			    "t.csv:4: question 'often' appears twice in "
			    "response @UUID@");
	expect_edit_refused(5, ANSWERS_EST_CAUTIOUS, "30",
			    "t.csv:5: the estimate for 'split' adds up to "
			    "110%, not 100%");
	expect_edit_refused(2, ANSWERS_STATUS, "maybe",
			    "t.csv:2: status 'maybe' is neither answered nor "
			    "unanswered");
}

static void refuses_unknown_questionnaire(void **state)
{
	(void)state;
	char *want = xasprintf(
	    "t.csv:2: questionnaire imp v3 (hash %s) is not stored in this "
	    "database: give its file with -q (the version the answers were "
	    "given to), or merge the database the answers came from",
	    q->hash);
	expect_refused(ref_csv, NULL, 0, want);
	free(want);
	/* the questionnaire given has the hash, but another version */
	char *text = csv_edit(ref_csv, 2, ANSWERS_QVERSION, "4");
	want = xasprintf("t.csv:2: questionnaire imp with hash %s is version "
			 "3 here, not 4",
			 q->hash);
	expect_refused(text, given, 1, want);
	free(want);
	free(text);
}

static int cache_size(struct store *s, const char *schema)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("PRAGMA %s.cache_size", schema);
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return size;
}

/* An import has a page cache of 512 MiB (a quarter of the memory on a
 * machine with less than 2 GiB, 128 MiB at least), its temporary tables
 * 128 MiB: a small one makes every response cost more as the database
 * grows. The connection gets its own back afterwards, committed or not. */
static void cache_widened_then_restored(void **state)
{
	(void)state;
	int want = fixture_bulk_cache_kib();
	struct store *s = open_fresh_db();
	int before = cache_size(s, "main");
	assert_int_not_equal(before, -want);
	for (int commit = 0; commit < 2; commit++) {
		struct store_import *im = NULL;
		assert_int_equal(store_import_begin(s, &im), STORE_OK);
		assert_int_equal(cache_size(s, "main"), -want);
		assert_int_equal(cache_size(s, "temp"), -131072);
		assert_int_equal(store_import_end(im, commit), STORE_OK);
		assert_int_equal(cache_size(s, "main"), before);
		assert_int_equal(cache_size(s, "temp"), before);
	}
	store_close(s);
}

/* A fault on the last line, after five responses were handed to the
 * store: the whole file is rolled back. */
static void refusal_after_good_responses(void **state)
{
	(void)state;
	int last = count_lines(rt_csv);
	char *text = csv_edit(rt_csv, last, ANSWERS_STATUS, "maybe");
	char *want = xasprintf("t.csv:%d: status 'maybe' is neither answered "
			       "nor unanswered",
			       last);
	expect_refused(text, given, 1, want);
	free(want);
	free(text);
}

/* ---- bulk imports: the totals counted once, at the end ------------------
 */

/* A fresh database and its path (malloc'd). */
static struct store *open_fresh_path(char **path)
{
	*path = xasprintf("%s/dst-%d.db", dir, databases_made + 1);
	return open_fresh_db();
}

/* The triggers of a database as aimap makes it, to compare with. */
static char *fresh_triggers(void)
{
	char *path;
	store_close(open_fresh_path(&path));
	char *out = fixture_triggers(path);
	free(path);
	return out;
}

static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *h = fixture_raw_open(path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	fixture_raw_close(h);
	return n;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* text's lines in byte order, in place (the export's order of responses
 * that started in the same second is their order of arrival). */
static void sort_lines(char *text)
{
	char *copy = xstrdup(text);
	char **lines = NULL;
	size_t n = 0;
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l != NULL;
	     l = strtok_r(NULL, "\n", &save)) {
		lines = xreallocarray(lines, n + 1, sizeof(*lines));
		lines[n++] = l;
	}
	qsort(lines, n, sizeof(*lines), line_cmp);
	char *p = text;
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s\n", lines[i]);
	*p = '\0';
	free(lines);
	free(copy);
}

/* The triggers are those of a fresh database, text for text, and the
 * totals those of a recount. */
static void assert_totals_whole(const char *path, const char *want,
				const char *when)
{
	char *got = fixture_triggers(path);
	assert_string_equal(got, want);
	free(got);
	fixture_assert_recount(path, when);
}

/* Past two responses, the import drops the triggers; the first two are
 * counted by them, the other four at the end. A submit afterwards is
 * counted by triggers that are back. */
static void bulk_import_counts_totals(void **state)
{
	(void)state;
	char *want = fresh_triggers();
	char *path;
	struct store *dst = open_fresh_path(&path);
	store_totals_bulk_min = 2;
	struct import_result r;
	bool ok = import_text(dst, rt_csv, given, 1, &r);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	if (!ok)
		fail_msg("%s", r.error);
	assert_int_equal(r.responses[STORE_MERGE_ADDED], 6);
	import_result_free(&r);
	assert_totals_whole(path, want, "a bulk import");
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"), 6);

	assert_int_equal(store_round_set_open(dst, "RT", true), STORE_OK);
	struct store_round round;
	assert_int_equal(store_round_find(dst, "RT", &round), STORE_OK);
	submit_to(dst, &round, &ref_person);
	store_round_free(&round);
	assert_totals_whole(path, want, "a submit after a bulk import");
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"), 7);
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"
				       " WHERE finished = 1"),
			 6);
	store_close(dst);
	free(path);
	free(want);
}

/* Into a round that has responses already: some added, one replaced by
 * its finished version, the rest kept, all without triggers (the
 * replaced one taken out of the totals and put back by hand). */
static void bulk_import_into_a_round(void **state)
{
	(void)state;
	char *want = fresh_triggers();
	struct store *src = open_fresh_db();
	long long qid;
	assert_int_equal(store_questionnaire_save(src, q, &qid), STORE_OK);
	char *depts[] = {"Sales"};
	struct store_round blk;
	assert_int_equal(
	    store_round_create(src, "BLK", "BLK", qid, depts, 1, &blk),
	    STORE_OK);
	for (int i = 0; i < 3; i++)
		submit_to(src, &blk, &rt_people[i]);
	struct store_profile p = {"Late", "Sales", ROLE_MANAGER,
				  TRACK_TECHNICAL, false};
	struct store_response late;
	assert_int_equal(store_response_start(src, &blk, &p, &late), STORE_OK);
	assert_int_equal(store_answer_save(src, late.id, "shown", 1), STORE_OK);
	char *first = export_text(src, "BLK", EXPORT_ANSWERS);

	char *path;
	struct store *dst = open_fresh_path(&path);
	struct import_result r;
	if (!import_text(dst, first, given, 1, &r))
		fail_msg("%s", r.error);
	import_result_free(&r);
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"
				       " WHERE finished = 0"),
			 1);

	int choices[QN_MAX_QUESTIONS] = {0};
	int est[QN_MAX_QUESTIONS][3];
	memset(est, 0, sizeof(est));
	choices[questionnaire_find_question(q, "often")] = 3;
	choices[questionnaire_find_question(q, "shown")] = 3;
	choices[questionnaire_find_question(q, "pipe")] = 2;
	est[questionnaire_find_question(q, "split")][0] = 40;
	est[questionnaire_find_question(q, "split")][1] = 40;
	est[questionnaire_find_question(q, "split")][2] = 20;
	struct scoring_result res;
	scoring_classify(q, &(struct scoring_input){choices}, &res);
	assert_int_equal(store_response_finish(src, late.id, q, choices,
					       (const int(*)[3])est, &res),
			 STORE_OK);
	store_response_free(&late);
	submit_to(src, &blk, &rt_people[3]);
	submit_to(src, &blk, &rt_people[4]);
	char *second = export_text(src, "BLK", EXPORT_ANSWERS);

	store_totals_bulk_min = 0;
	bool ok = import_text(dst, second, NULL, 0, &r);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	if (!ok)
		fail_msg("%s", r.error);
	assert_int_equal(r.responses[STORE_MERGE_ADDED], 2);
	assert_int_equal(r.responses[STORE_MERGE_REPLACED], 1);
	assert_int_equal(r.responses[STORE_MERGE_KEPT], 3);
	import_result_free(&r);
	assert_totals_whole(path, want, "a bulk import into a round");
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"
				       " WHERE finished = 1"),
			 6);
	assert_int_equal(raw_int(path, "SELECT sum(n) FROM round_tally"
				       " WHERE finished = 0"),
			 0);
	/* the whole round, as the source has it */
	char *got = export_text(dst, "BLK", EXPORT_ANSWERS);
	sort_lines(got);
	sort_lines(second);
	assert_string_equal(got, second);
	free(got);
	free(first);
	free(second);
	store_round_free(&blk);
	store_close(src);
	store_close(dst);
	free(path);
	free(want);
}

/* A refusal after the triggers were dropped takes back everything, and
 * brings them back with the rollback. */
static void bulk_import_refused(void **state)
{
	(void)state;
	char *want = fresh_triggers();
	char *path;
	struct store *dst = open_fresh_path(&path);
	int last = count_lines(rt_csv);
	char *text = csv_edit(rt_csv, last, ANSWERS_STATUS, "maybe");
	store_totals_bulk_min = 0;
	struct import_result r;
	bool ok = import_text(dst, text, given, 1, &r);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	assert_false(ok);
	import_result_free(&r);
	assert_totals_whole(path, want, "a refused bulk import");
	assert_int_equal(raw_int(path, "SELECT count(*) FROM response"), 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM round_tally"), 0);
	/* and the connection imports in bulk again */
	store_totals_bulk_min = 0;
	ok = import_text(dst, rt_csv, given, 1, &r);
	store_totals_bulk_min = STORE_TOTALS_BULK_MIN;
	if (!ok)
		fail_msg("%s", r.error);
	import_result_free(&r);
	assert_totals_whole(path, want, "a bulk import after a refusal");
	free(text);
	store_close(dst);
	free(path);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(header_is_the_exports),
	    cmocka_unit_test(round_trip),
	    cmocka_unit_test(twice_changes_nothing),
	    cmocka_unit_test(from_a_file),
	    cmocka_unit_test(refuses_bad_headers),
	    cmocka_unit_test(refuses_bad_fields),
	    cmocka_unit_test(refuses_unknown_questionnaire),
	    cmocka_unit_test(refusal_after_good_responses),
	    cmocka_unit_test(cache_widened_then_restored),
	    cmocka_unit_test(bulk_import_counts_totals),
	    cmocka_unit_test(bulk_import_into_a_round),
	    cmocka_unit_test(bulk_import_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
