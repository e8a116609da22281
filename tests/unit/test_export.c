/* SPDX-License-Identifier: MIT */
/* The exports against a real SQLite file: rows streamed one at a time
 * (a callback that stops, stops the statement), every kind's header and
 * rows read back with the CSV reader, privacy (names only with consent,
 * small groups as "fewer than N"), the formula guard on text and never
 * on numbers, and the file written whole or not at all.
 *
 * Rounds (made once, in group_setup):
 *   NOW   six finished responses and one unfinished (one answer given)
 *   BASE  five finished responses, the baseline of NOW */
#include "config.h"

#include "testutil.h"

#include <sys/stat.h>

#include "csv.h"
#include "fixture.h"
#include "csvread.h"
#include "export.h"
#include "scoring.h"
#include "store.h"
#include "util.h"

static const char questionnaire_text[] =
    "[questionnaire]\n"
    "id = exp\n"
    "title = Export test\n"
    "version = 3\n"
    "audience = everyone\n"
    "minutes = 5\n" FIXTURE_EXPORT_QUESTIONS;

static struct store *store;
static char *dir;
static struct questionnaire *q;
static struct store_round now_round, base_round;

struct person {
	const char *name;
	const char *dept;
	enum role role;
	enum track track;
	bool contact;
	int often, shown, pipe;
	int split[3];
};

#define I ROLE_INDIVIDUAL
#define M ROLE_MANAGER
#define TECH TRACK_TECHNICAL
#define CIT TRACK_CITIZEN

/* NOW: four in Sales (three champions), two in "=SUM(A1)" (a department
 * a spreadsheet would run); the second Sales manager's estimate makes
 * the leaders' guess. */
static const struct person now_people[] = {
    {"Ann", "Sales", I, TECH, true, 3, 3, 2, {0}},
    {"@cmd", "Sales", I, TECH, true, 3, 3, 2, {0}},
    {"Hidden", "Sales", I, CIT, false, 3, 1, 0, {0}},
    {"Mo", "Sales", M, TECH, false, 2, 2, 1, {60, 30, 10}},
    {NULL, "=SUM(A1)", I, CIT, false, 1, 1, 0, {0}},
    {"-1", "=SUM(A1)", I, TECH, true, 1, 2, 1, {0}},
};
/* BASE: five cautious or willing; Sales has four, under the minimum. */
static const struct person base_people[] = {
    {"Ann", "Sales", I, TECH, true, 2, 1, 1, {0}},
    {"B", "Sales", I, TECH, true, 1, 1, 1, {0}},
    {"C", "Sales", I, CIT, false, 1, 1, 0, {0}},
    {"D", "Sales", M, TECH, false, 2, 2, 1, {0}},
    {"E", "Ops", I, TECH, false, 1, 1, 1, {0}},
};

static void submit(const struct store_round *round, const struct person *p)
{
	const struct fixture_answer answers[] = {
	    {"often", p->often, NULL}, {"shown", p->shown, NULL},
	    {"pipe", p->pipe, NULL},   {"split", 0, p->split},
	    {NULL, 0, NULL},
	};
	const struct store_profile profile = {p->name, p->dept, p->role,
					      p->track, p->contact};
	fixture_submit(store, round, q, &profile, answers);
}

static void make_round(const char *code, struct store_round *out)
{
	char *depts[] = {"Sales"};
	fixture_round_make(store, code, code, q, depts, 1, out);
}

static int group_setup(void **state)
{
	(void)state;
	unsetenv("AIMAP_NOW");
	dir = testutil_mkdtemp();
	char *path = xasprintf("%s/aimap.db", dir);
	store = fixture_store_open(path);
	free(path);
	q = fixture_parse(questionnaire_text);
	make_round("BASE", &base_round);
	for (size_t i = 0; i < ARRAY_LEN(base_people); i++)
		submit(&base_round, &base_people[i]);
	make_round("NOW", &now_round);
	for (size_t i = 0; i < ARRAY_LEN(now_people); i++)
		submit(&now_round, &now_people[i]);
	/* unfinished: a citizen who has answered 'shown' only */
	struct store_profile p = {"Late", "Sales", I, CIT, true};
	struct store_response r;
	assert_int_equal(store_response_start(store, &now_round, &p, &r),
			 STORE_OK);
	assert_int_equal(store_answer_save(store, r.id, "shown", 2), STORE_OK);
	store_response_free(&r);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	store_round_free(&now_round);
	store_round_free(&base_round);
	questionnaire_free(q);
	store_close(store);
	testutil_rmdir(dir);
	return 0;
}

/* ---- reading an export back ---------------------------------------------- */

struct table {
	char *text;
	int nrows;
	int ncols;
	char ***cells; /* [row][col], row 0 the header, unguarded */
};

static void table_free(struct table *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			free(t->cells[r][c]);
		free(t->cells[r]);
	}
	free(t->cells);
	free(t->text);
	memset(t, 0, sizeof(*t));
}

/* Export into memory and read it back; every row has the header's
 * fields (the reader checks). */
static void export_table(enum export_kind kind, const struct store_round *base,
			 char delimiter, bool bom, struct table *t)
{
	memset(t, 0, sizeof(*t));
	size_t size = 0;
	FILE *f = open_memstream(&t->text, &size);
	struct export_request r = {
	    .kind = kind,
	    .round = &now_round,
	    .q = q,
	    .baseline = base,
	    .baseline_q = base != NULL ? q : NULL,
	    .delimiter = delimiter,
	    .bom = bom,
	    /* the answers in the full form; the generalised one is tried
	       by tests/cli/privacy.sh */
	    .identifiable = true,
	};
	if (export_write(store, &r, f) != STORE_OK)
		fail_msg("%s", store_error(store));
	assert_false(ferror(f));
	fclose(f);
	FILE *in = fmemopen(t->text, size, "rb");
	struct csvread *rd = csvread_new(in, delimiter);
	enum csvread_result res;
	while ((res = csvread_next(rd)) == CSVREAD_RECORD) {
		t->ncols = csvread_count(rd);
		t->cells = xreallocarray(t->cells, (size_t)t->nrows + 1,
					 sizeof(*t->cells));
		char **row = xcalloc((size_t)t->ncols, sizeof(*row));
		for (int c = 0; c < t->ncols; c++) {
			row[c] = xstrdup(csvread_field(rd, c));
			csv_unguard(row[c]);
		}
		t->cells[t->nrows++] = row;
	}
	if (res == CSVREAD_ERROR)
		fail_msg("line %ld: %s", csvread_error_line(rd),
			 csvread_error(rd));
	csvread_free(rd);
	fclose(in);
}

static int col(const struct table *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->cells[0][c], name) == 0)
			return c;
	fail_msg("no column %s", name);
	return -1;
}

static const char *cell(const struct table *t, int row, const char *name)
{
	return t->cells[row][col(t, name)];
}

/* The first row whose column has this value, or -1. */
static int find_row(const struct table *t, const char *name, const char *value)
{
	int c = col(t, name);
	for (int r = 1; r < t->nrows; r++)
		if (strcmp(t->cells[r][c], value) == 0)
			return r;
	return -1;
}

/* ---- streaming ----------------------------------------------------------- */

struct counter {
	int calls;
	int stop_after;
	char last_finished[21];
	bool ordered;
};

static bool count_row(void *ctx, const struct store_export_response *row)
{
	struct counter *c = ctx;
	c->calls++;
	if (strcmp(row->finished_at, c->last_finished) < 0)
		c->ordered = false;
	snprintf(c->last_finished, sizeof(c->last_finished), "%s",
		 row->finished_at);
	return c->stop_after == 0 || c->calls < c->stop_after;
}

static void streams_one_row_at_a_time(void **state)
{
	(void)state;
	char *dims[] = {"use", "share"};
	struct counter c = {.ordered = true};
	assert_int_equal(
	    store_export_responses(store, now_round.id, dims, 2, count_row, &c),
	    STORE_OK);
	assert_int_equal(c.calls, 6); /* finished only */
	assert_true(c.ordered);
	/* a callback that fails stops the statement, quietly */
	c = (struct counter){.stop_after = 2, .ordered = true};
	assert_int_equal(
	    store_export_responses(store, now_round.id, dims, 2, count_row, &c),
	    STORE_OK);
	assert_int_equal(c.calls, 2);
	/* and the read transaction is over: a write goes through */
	long long version;
	assert_int_equal(store_data_version(store, &version), STORE_OK);
	assert_int_equal(store_round_set_open(store, "NOW", true), STORE_OK);
}

/* ---- responses ----------------------------------------------------------- */

static void responses_export(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_RESPONSES, NULL, ',', true, &t);
	assert_int_equal(strncmp(t.text, "\xEF\xBB\xBF", 3), 0);
	static const char *const header[] = {
	    "round",	   "department", "role",	"track",
	    "segment",	   "subtype",	 "adoption",	"score_use",
	    "score_share", "started_at", "finished_at", "response_uuid",
	    "name"};
	assert_int_equal(t.ncols, (int)ARRAY_LEN(header));
	for (size_t i = 0; i < ARRAY_LEN(header); i++)
		assert_string_equal(t.cells[0][i], header[i]);
	assert_int_equal(t.nrows, 1 + 6);
	int ann = find_row(&t, "name", "Ann");
	assert_true(ann > 0);
	assert_string_equal(cell(&t, ann, "round"), "NOW");
	assert_string_equal(cell(&t, ann, "segment"), "champion");
	assert_string_equal(cell(&t, ann, "subtype"), "sharing");
	assert_string_equal(cell(&t, ann, "adoption"), "100.0");
	assert_string_equal(cell(&t, ann, "score_share"), "100.0");
	assert_int_equal(strlen(cell(&t, ann, "response_uuid")), 36);
	/* names only of champions who agreed to be named: "-1" agreed
	 * but is not a champion */
	assert_int_equal(find_row(&t, "name", "Hidden"), -1);
	assert_int_equal(find_row(&t, "name", "Mo"), -1);
	assert_true(find_row(&t, "name", "@cmd") > 0);
	assert_int_equal(find_row(&t, "name", "-1"), -1);
	/* guarded as written, exact once read back */
	assert_non_null(strstr(t.text, ",'@cmd\r\n"));
	/* every exact group here is smaller than 5, and so is every
	 * department but Sales, whose total less its shown rows would
	 * give the rest: no row shows a department, role or track */
	assert_int_equal(find_row(&t, "department", "=SUM(A1)"), -1);
	for (int r = 1; r < t.nrows; r++) {
		assert_string_equal(cell(&t, r, "department"), "");
		assert_string_equal(cell(&t, r, "role"), "");
		assert_string_equal(cell(&t, r, "track"), "");
	}
	table_free(&t);
}

static void delimiter_and_no_bom(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_RESPONSES, NULL, ';', false, &t);
	assert_int_equal(strncmp(t.text, "round;department;", 17), 0);
	assert_int_equal(t.nrows, 1 + 6);
	table_free(&t);
}

/* ---- answers ------------------------------------------------------------- */

static void answers_export(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_ANSWERS, NULL, ',', true, &t);
	/* six finished: technical people see 4 questions, citizens 3 (no
	 * 'pipe'): 4 technical, 2 citizen; the unfinished citizen 3 */
	assert_int_equal(t.nrows, 1 + 4 * 4 + 2 * 3 + 3);
	/* the unfinished response: one answered, two unanswered rows */
	int answered = 0, unanswered = 0;
	const char *late = NULL;
	for (int r = 1; r < t.nrows; r++) {
		if (strcmp(cell(&t, r, "finished_at"), "") != 0)
			continue;
		late = cell(&t, r, "response_uuid");
		if (strcmp(cell(&t, r, "status"), "answered") == 0) {
			answered++;
			assert_string_equal(cell(&t, r, "question_id"),
					    "shown");
			assert_string_equal(cell(&t, r, "choice"), "2");
			/* an unlabelled scale point: an empty text, still
			 * an answer */
			assert_string_equal(cell(&t, r, "choice_text"), "");
			assert_string_equal(cell(&t, r, "score"), "50");
			assert_int_equal(strlen(cell(&t, r, "answered_at")),
					 20);
		} else {
			unanswered++;
			assert_string_equal(cell(&t, r, "status"),
					    "unanswered");
			assert_string_equal(cell(&t, r, "choice"), "");
			assert_string_equal(cell(&t, r, "answered_at"), "");
		}
		/* agreed, but unfinished: not a champion */
		assert_string_equal(cell(&t, r, "name"), "");
	}
	assert_non_null(late);
	assert_int_equal(answered, 1);
	assert_int_equal(unanswered, 2);
	/* the estimate: percentages, no choice */
	int mo = find_row(&t, "estimate_champions", "60");
	assert_true(mo > 0);
	assert_string_equal(cell(&t, mo, "question_type"), "estimate");
	assert_string_equal(cell(&t, mo, "estimate_willing"), "30");
	assert_string_equal(cell(&t, mo, "estimate_cautious"), "10");
	assert_string_equal(cell(&t, mo, "dimension"), "");
	assert_string_equal(cell(&t, mo, "name"), ""); /* no consent */
	assert_string_equal(cell(&t, mo, "champion_contact"), "0");
	/* what import needs to know the questionnaire by */
	assert_string_equal(cell(&t, 1, "questionnaire_id"), "exp");
	assert_string_equal(cell(&t, 1, "questionnaire_version"), "3");
	assert_string_equal(cell(&t, 1, "questionnaire_hash"), q->hash);
	assert_string_equal(cell(&t, 1, "round_uuid"), now_round.uuid);
	assert_string_equal(cell(&t, 1, "round_min_group"), "5");
	table_free(&t);
}

/* ---- summary ------------------------------------------------------------- */

/* The count the spreadsheet warning goes by is the number of data rows
 * the answers export writes (no one here answered a question before a
 * change of profile). */
static void answers_rows_counted(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_ANSWERS, NULL, ',', true, &t);
	long long rows = -1;
	assert_int_equal(export_answers_rows(store, &now_round, q, true, &rows),
			 STORE_OK);
	assert_int_equal(rows, t.nrows - 1);
	table_free(&t);
}

static int group_row(const struct table *t, const char *kind, const char *group)
{
	for (int r = 1; r < t->nrows; r++)
		if (strcmp(cell(t, r, "kind"), kind) == 0 &&
		    strcmp(cell(t, r, "group"), group) == 0)
			return r;
	fail_msg("no %s row %s", kind, group);
	return -1;
}

static void summary_export(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_SUMMARY, NULL, ',', true, &t);
	int all = group_row(&t, "round", "Whole round");
	assert_string_equal(cell(&t, all, "n"), "6");
	assert_string_equal(cell(&t, all, "in_progress"), "1");
	assert_string_equal(cell(&t, all, "champion_n"), "3");
	assert_string_equal(cell(&t, all, "champion_pct"), "50.0");
	assert_string_equal(cell(&t, all, "sharing_n"), "2");
	assert_string_equal(cell(&t, all, "sharing_pct"), "33.3");
	/* use: 100, 100, 100, 25, 0, 0 */
	assert_string_equal(cell(&t, all, "mean_use"), "54.2");
	/* every row names its round, its date and questionnaire version */
	assert_string_equal(cell(&t, all, "round_code"), now_round.code);
	char day[11]; /* the date of the round's creation */
	snprintf(day, sizeof(day), "%.10s", now_round.created_at);
	assert_int_equal(strlen(day), 10);
	assert_string_equal(cell(&t, all, "round_date"), day);
	assert_string_equal(cell(&t, all, "questionnaire"), "exp");
	assert_string_equal(cell(&t, all, "questionnaire_version"), "3");
	assert_string_equal(cell(&t, all, "group_id"), "round");
	assert_string_equal(cell(&t, all, "shown"), "1");
	assert_string_equal(cell(&t, all, "min_group"), "5");
	/* groups under five: shown 0 and no numbers; numeric columns hold
	 * numbers only */
	int sales = group_row(&t, "department", "Sales");
	assert_string_equal(cell(&t, sales, "shown"), "0");
	assert_string_equal(cell(&t, sales, "n"), "");
	assert_string_equal(cell(&t, sales, "champion_pct"), "");
	assert_string_equal(cell(&t, sales, "mean_use"), "");
	assert_string_equal(cell(&t, sales, "in_progress"), "");
	int formula = group_row(&t, "department", "=SUM(A1)");
	assert_string_equal(cell(&t, formula, "n"), "");
	assert_string_equal(cell(&t, formula, "group_id"), "=SUM(A1)");
	/* one leader gave an estimate: counted whatever their number */
	assert_string_equal(cell(&t, all, "gap_leaders"), "1");
	assert_string_equal(cell(&t, all, "gap_champion_clear"), "");
	assert_string_equal(cell(&t, all, "gap_team"), "");
	/* the teams (five) are withheld with their one leader: the whole
	 * round less the teams would give that leader's figures; the gap
	 * against the teams shows their split, so it is hidden too */
	assert_string_equal(cell(&t, all, "gap_champion_points"), "");
	assert_string_equal(cell(&t, all, "gap_actual_champion_pct"), "");
	int teams = group_row(&t, "leaders_teams", "Teams");
	assert_string_equal(cell(&t, teams, "shown"), "0");
	assert_string_equal(cell(&t, teams, "n"), "");
	assert_string_equal(cell(&t, teams, "champion_pct"), "");
	int ic = group_row(&t, "role", "Individual contributor");
	assert_string_equal(cell(&t, ic, "group_id"), "individual");
	int tech = group_row(&t, "track", "Technical team");
	assert_string_equal(cell(&t, tech, "group_id"), "technical");
	assert_non_null(strstr(t.text, ",department,'=SUM(A1),'=SUM(A1),0,"));
	table_free(&t);
}

static void summary_with_baseline(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_SUMMARY, &base_round, ',', true, &t);
	int all = group_row(&t, "round", "Whole round");
	assert_string_equal(cell(&t, all, "baseline"), "BASE");
	assert_string_equal(cell(&t, all, "baseline_shown"), "1");
	assert_string_equal(cell(&t, all, "baseline_n"), "5");
	/* BASE: all five cautious (adoption 25 or 0); NOW: three of six
	 * champions, three cautious */
	assert_string_equal(cell(&t, all, "change_champion_pct"), "50.0");
	assert_string_equal(cell(&t, all, "change_willing_pct"), "0.0");
	/* a fall is a plain negative number, never guarded */
	assert_string_equal(cell(&t, all, "change_cautious_pct"), "-50.0");
	assert_non_null(strstr(t.text, ",50.0,0.0,-50.0,"));
	/* Sales was under five in BASE: no change shown */
	int sales = group_row(&t, "department", "Sales");
	assert_string_equal(cell(&t, sales, "baseline_shown"), "0");
	assert_string_equal(cell(&t, sales, "baseline_n"), "");
	assert_string_equal(cell(&t, sales, "change_champion_pct"), "");
	table_free(&t);
}

/* ---- transitions --------------------------------------------------------- */

static void transitions_export(void **state)
{
	(void)state;
	struct table t;
	export_table(EXPORT_TRANSITIONS, &base_round, ',', true, &t);
	assert_int_equal(t.ncols, 10);
	/* the whole round: 9 movements, then both, new, not returned,
	 * anonymous; then per department, role (4) and track (2): 9
	 * movements and both, all hidden (one person in both rounds) */
	int whole = 0, roles = 0, tracks = 0, groups = 0;
	for (int i = 1; i < t.nrows; i++) {
		const char *by = cell(&t, i, "by");
		if (strcmp(by, "round") == 0) {
			whole++;
			assert_string_equal(cell(&t, i, "group"),
					    "Whole round");
			continue;
		}
		groups++;
		roles += strcmp(by, "role") == 0;
		tracks += strcmp(by, "track") == 0;
		assert_string_equal(cell(&t, i, "shown"), "0");
		assert_string_equal(cell(&t, i, "min_group"), "5");
		assert_string_equal(cell(&t, i, "people"), "");
	}
	assert_int_equal(whole, 9 + 4);
	assert_int_equal(roles, 4 * 10);
	assert_int_equal(tracks, 2 * 10);
	assert_int_equal(groups % 10, 0);
	int both = find_row(&t, "kind", "both");
	/* only Ann is in both rounds: hidden under five */
	assert_string_equal(cell(&t, both, "shown"), "0");
	assert_string_equal(cell(&t, both, "people"), "");
	assert_string_equal(cell(&t, 1, "people"), "");
	int fresh = find_row(&t, "kind", "new");
	assert_string_equal(cell(&t, fresh, "shown"), "1");
	assert_string_equal(cell(&t, fresh, "min_group"), "5");
	assert_string_equal(cell(&t, fresh, "people"), "4");
	int anonymous = find_row(&t, "kind", "anonymous");
	assert_string_equal(cell(&t, anonymous, "people"), "1");
	table_free(&t);
}

/* ---- the file ------------------------------------------------------------ */

static char *slurp(const char *path)
{
	size_t len;
	char *text = util_read_file(path, &len);
	assert_non_null(text);
	return text;
}

static void file_whole_or_not_at_all(void **state)
{
	(void)state;
	char *target = xasprintf("%s/out.csv", dir);
	testutil_write(target, "old\n", 4);
	assert_int_equal(chmod(target, 0640), 0);
	struct export_file f;
	char *error = NULL;
	/* given up: the old file stays, the temporary goes */
	assert_true(export_file_open(&f, target, &error));
	fputs("half", f.out);
	char *tmp = xstrdup(f.tmp);
	export_file_abort(&f);
	char *text = slurp(target);
	assert_string_equal(text, "old\n");
	free(text);
	assert_int_not_equal(access(tmp, F_OK), 0);
	free(tmp);
	/* committed: the new text, the old mode */
	assert_true(export_file_open(&f, target, &error));
	fputs("new\n", f.out);
	assert_true(export_file_commit(&f, &error));
	text = slurp(target);
	assert_string_equal(text, "new\n");
	free(text);
	struct stat sb;
	assert_int_equal(stat(target, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	/* a new file is private */
	char *fresh = xasprintf("%s/fresh.csv", dir);
	assert_true(export_file_open(&f, fresh, &error));
	assert_true(export_file_commit(&f, &error));
	assert_int_equal(stat(fresh, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	free(fresh);
	free(target);
}

static void file_refusals(void **state)
{
	(void)state;
	struct export_file f;
	char *error = NULL;
	char *link = xasprintf("%s/link.csv", dir);
	char *aim = xasprintf("%s/aim.csv", dir);
	assert_int_equal(symlink(aim, link), 0);
	assert_false(export_file_open(&f, link, &error));
	assert_non_null(strstr(error, "is a symbolic link"));
	assert_int_not_equal(access(aim, F_OK), 0);
	free(error);
	char *missing = xasprintf("%s/no/such/out.csv", dir);
	assert_false(export_file_open(&f, missing, &error));
	assert_non_null(strstr(error, "no such folder"));
	free(error);
	assert_false(export_file_open(&f, dir, &error));
	assert_non_null(strstr(error, "is a folder"));
	free(error);
	/* standard output */
	assert_true(export_file_open(&f, "-", &error));
	assert_ptr_equal(f.out, stdout);
	assert_null(f.target);
	export_file_abort(&f);
	free(link);
	free(aim);
	free(missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(streams_one_row_at_a_time),
	    cmocka_unit_test(responses_export),
	    cmocka_unit_test(delimiter_and_no_bom),
	    cmocka_unit_test(answers_export),
	    cmocka_unit_test(answers_rows_counted),
	    cmocka_unit_test(summary_export),
	    cmocka_unit_test(summary_with_baseline),
	    cmocka_unit_test(transitions_export),
	    cmocka_unit_test(file_whole_or_not_at_all),
	    cmocka_unit_test(file_refusals),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
