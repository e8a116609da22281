/* SPDX-License-Identifier: MIT */
/* What the dashboard reads in its worker thread, and what it keeps of a
 * closed baseline round between refreshes (report_cache), against
 * report_build reading everything afresh, on a real SQLite file: the
 * same numbers, whatever was kept; and a kept baseline read again once
 * it changed (reopened, answered, closed again) or one of its people
 * answered the live round under another name.
 *
 * Rounds: BASE (the baseline, closed) with 40 named people in three
 * departments and 3 anonymous ones; LIVE (later) with 30 of them back
 * (10 of them spelled in another case, 8 on another segment), 6 new and
 * 2 anonymous. */
#include "config.h"

#include "testutil.h"

#include <sqlite3.h>

#include "fixture.h"
#include "report-people.h"
#include "report-worker.h"
#include "report.h"
#include "store-internal.h"
#include "store.h"
#include "util.h"

static const char questionnaire_text[] =
    "[questionnaire]\n"
    "id = work\n"
    "title = Worker test\n"
    "version = 1\n"
    "audience = everyone\n"
    "minutes = 2\n"
    "[dimension.use]\n"
    "label = Depth of use\n"
    "weight = 1\n"
    "role = adoption\n"
    "[dimension.share]\n"
    "label = Sharing\n"
    "weight = 1\n"
    "role = sharing\n" FIXTURE_USE_SHARE_QUESTIONS FIXTURE_TAIL_SHARING;

static char *dir, *path;
static struct store *store;
static struct questionnaire *q;
static struct store_round base, live;

static const char *const depts[] = {"Eng", "Sales", "Ops"};

static void answer(const struct store_round *round, const char *name,
		   const char *dept, enum role role, int use, int share)
{
	struct store_profile p = {name, dept, role, TRACK_TECHNICAL, true};
	struct fixture_answer a[] = {
	    {"use", use, NULL}, {"share", share, NULL}, {NULL, 0, NULL}};
	fixture_submit(store, round, q, &p, a);
}

static int group_setup(void **state)
{
	(void)state;
	unsetenv("AIMAP_NOW");
	dir = testutil_mkdtemp();
	path = xasprintf("%s/aimap.db", dir);
	store = fixture_store_open(path);
	q = fixture_parse(questionnaire_text);
	fixture_round_make(store, "BASE", "Baseline", q, NULL, 0, &base);
	for (int i = 0; i < 40; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Person %d", i);
		answer(&base, name, depts[i % 3],
		       i % 4 == 0 ? ROLE_MANAGER : ROLE_INDIVIDUAL, 1 + i % 3,
		       1 + i % 2);
	}
	for (int i = 0; i < 3; i++)
		answer(&base, NULL, "Eng", ROLE_INDIVIDUAL, 2, 1);
	assert_int_equal(store_round_set_open(store, "BASE", false), STORE_OK);
	store_round_free(&base);
	assert_int_equal(store_round_find(store, "BASE", &base), STORE_OK);

	fixture_round_make(store, "LIVE", "Live", q, NULL, 0, &live);
	for (int i = 0; i < 30; i++) {
		char name[32];
		snprintf(name, sizeof(name), i < 10 ? "PERSON %d" : "Person %d",
			 i);
		answer(&live, name, depts[i % 3],
		       i % 4 == 0 ? ROLE_MANAGER : ROLE_INDIVIDUAL,
		       i < 8 ? 3 : 1 + i % 3, 1 + i % 2);
	}
	for (int i = 0; i < 6; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Newcomer %d", i);
		answer(&live, name, depts[i % 3], ROLE_INDIVIDUAL, 3, 2);
	}
	for (int i = 0; i < 2; i++)
		answer(&live, NULL, "Ops", ROLE_INDIVIDUAL, 1, 1);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	store_round_free(&base);
	store_round_free(&live);
	questionnaire_free(q);
	store_close(store);
	testutil_rmdir(dir);
	free(path);
	return 0;
}

static void assert_same_group(const struct report_group *a,
			      const struct report_group *b)
{
	assert_string_equal(a->label, b->label);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->hidden, b->hidden);
	for (int s = 0; s < SEGMENT_COUNT; s++)
		assert_int_equal(a->segments[s], b->segments[s]);
	for (int d = 0; d < q->ndimensions; d++) {
		assert_int_equal(a->dimension_n[d], b->dimension_n[d]);
		assert_float_equal(a->dimensions[d], b->dimensions[d], 1e-9);
	}
}

static void assert_same_change(const struct report_change *a,
			       const struct report_change *b)
{
	assert_string_equal(a->label, b->label);
	assert_int_equal(a->hidden, b->hidden);
	assert_int_equal(a->withheld, b->withheld);
	assert_int_equal(a->moves_hidden, b->moves_hidden);
	assert_int_equal(a->both, b->both);
	assert_int_equal(a->n_before, b->n_before);
	assert_int_equal(a->n_now, b->n_now);
	assert_memory_equal(a->moved, b->moved, sizeof(a->moved));
}

/* Every number the dashboard shows, the same in both. */
static void assert_same_report(const struct report *a, const struct report *b)
{
	assert_same_group(&a->all, &b->all);
	assert_int_equal(a->ngroups, b->ngroups);
	for (int i = 0; i < a->ngroups; i++)
		assert_same_group(&a->groups[i], &b->groups[i]);
	assert_int_equal(a->nchampions, b->nchampions);
	assert_int_equal(a->nspreads, b->nspreads);
	assert_int_equal(a->has_compare, b->has_compare);
	if (!a->has_compare)
		return;
	const struct report_compare *x = &a->compare, *y = &b->compare;
	assert_string_equal(x->code, y->code);
	assert_same_group(&x->before, &y->before);
	assert_int_equal(x->both, y->both);
	assert_int_equal(x->new_people, y->new_people);
	assert_int_equal(x->not_returned, y->not_returned);
	assert_int_equal(x->anonymous, y->anonymous);
	assert_int_equal(x->hidden, y->hidden);
	assert_memory_equal(x->moved, y->moved, sizeof(x->moved));
	assert_same_change(&x->whole, &y->whole);
	assert_int_equal(x->nchanges, y->nchanges);
	for (int i = 0; i < x->nchanges; i++)
		assert_same_change(&x->changes[i], &y->changes[i]);
}

static void fresh_rounds(void)
{
	store_round_free(&base);
	store_round_free(&live);
	assert_int_equal(store_round_find(store, "BASE", &base), STORE_OK);
	assert_int_equal(store_round_find(store, "LIVE", &live), STORE_OK);
}

/* The cached build and a fresh report_build of the same comparison. */
static void assert_cached_is_fresh(struct report_cache *cache,
				   enum report_by by)
{
	struct report kept, fresh;
	assert_int_equal(report_build_cached(cache, store, &live, q, by, &base,
					     q, NULL, NULL, true, &kept),
			 STORE_OK);
	assert_int_equal(report_build(store, &live, q, by, &base, q, &fresh),
			 STORE_OK);
	assert_same_report(&kept, &fresh);
	report_free(&kept);
	report_free(&fresh);
}

/* The matching itself, worked out by hand: 30 back (10 in another case
 * of their names), 6 new, 10 who did not return, 5 anonymous. */
static void test_compare_counts(void **state)
{
	(void)state;
	struct report r;
	assert_int_equal(
	    report_build(store, &live, q, REPORT_BY_DEPARTMENT, &base, q, &r),
	    STORE_OK);
	assert_int_equal(r.compare.both, 30);
	assert_int_equal(r.compare.new_people, 6);
	assert_int_equal(r.compare.not_returned, 10);
	assert_int_equal(r.compare.anonymous, 5);
	report_free(&r);
}

/* The worker's report is report_build's, by each kind of group. */
static void test_worker_same_numbers(void **state)
{
	(void)state;
	char *message = NULL;
	struct report_worker *w = report_worker_start(store, &message);
	assert_non_null(w);
	for (int by = 0; by < 3; by++) {
		struct report_job job = {"LIVE", (enum report_by)by, "BASE",
					 NULL, true};
		long long n = report_worker_ask(w, &job);
		struct report_result got;
		assert_true(report_worker_take(w, -1, &got));
		assert_int_equal(got.job, n);
		assert_int_equal(got.status, STORE_OK);
		struct report fresh;
		assert_int_equal(report_build(store, &live, q,
					      (enum report_by)by, &base, q,
					      &fresh),
				 STORE_OK);
		assert_same_report(&got.report, &fresh);
		report_free(&fresh);
		report_result_free(&got);
	}
	/* a job asked for twice: only the latest comes back */
	struct report_job job = {"LIVE", REPORT_BY_ROLE, NULL, NULL, false};
	report_worker_ask(w, &job);
	job.by = REPORT_BY_TRACK;
	long long last = report_worker_ask(w, &job);
	struct report_result got;
	assert_true(report_worker_take(w, -1, &got));
	assert_int_equal(got.job, last);
	assert_int_equal(got.report.by, REPORT_BY_TRACK);
	assert_false(got.report.has_compare);
	report_result_free(&got);
	assert_false(report_worker_take(w, 0, &got));
	/* a round that is not there: a failure that says so */
	job.round = "NOPE";
	report_worker_ask(w, &job);
	assert_true(report_worker_take(w, -1, &got));
	assert_int_not_equal(got.status, STORE_OK);
	assert_non_null(strstr(got.error, "NOPE"));
	report_result_free(&got);
	report_worker_stop(w);
}

/* A closed baseline is read once; answers in the live round do not make
 * it be read again, and every build matches a fresh one. */
static void test_cache_kept(void **state)
{
	(void)state;
	fresh_rounds();
	struct report_cache *cache = report_cache_new();
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 1);
	assert_cached_is_fresh(cache, REPORT_BY_ROLE);
	assert_int_equal(report_cache_reads(cache), 1);
	answer(&live, "Person 35", "Ops", ROLE_INDIVIDUAL, 3, 2);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 1);
	report_cache_free(cache);
}

/* Reopened and answered: kept, with only the responses finished since
 * read (each build the same as a fresh one); closed again: its running
 * totals changed, so read whole once, then kept with the new answer. */
static void test_cache_invalidated(void **state)
{
	(void)state;
	fresh_rounds();
	struct report_cache *cache = report_cache_new();
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 1);
	struct report before;
	assert_int_equal(report_build_cached(cache, store, &live, q,
					     REPORT_BY_DEPARTMENT, &base, q,
					     NULL, NULL, true, &before),
			 STORE_OK);

	assert_int_equal(store_round_set_open(store, "BASE", true), STORE_OK);
	fresh_rounds();
	answer(&base, "Person 36", "Eng", ROLE_INDIVIDUAL, 3, 2);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 1);
	answer(&base, "Person 37", "Ops", ROLE_MANAGER, 1, 1);
	assert_cached_is_fresh(cache, REPORT_BY_ROLE);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 1);

	assert_int_equal(store_round_set_open(store, "BASE", false), STORE_OK);
	fresh_rounds();
	struct report after;
	assert_int_equal(report_build_cached(cache, store, &live, q,
					     REPORT_BY_DEPARTMENT, &base, q,
					     NULL, NULL, true, &after),
			 STORE_OK);
	assert_int_equal(report_cache_reads(cache), 2);
	assert_int_equal(after.compare.before.n, before.compare.before.n + 2);
	report_free(&before);
	report_free(&after);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 2);

	/* changed behind its back while closed (a file edited with the
	 * sqlite3 tool): its running totals tell */
	sqlite3 *h = fixture_raw_open(path);
	fixture_raw_exec(h, "UPDATE response SET department = 'Ops'"
			    " WHERE id = (SELECT min(id) FROM response"
			    " WHERE round_id = (SELECT id FROM round"
			    " WHERE code = 'BASE'))");
	fixture_raw_close(h);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_int_equal(report_cache_reads(cache), 3);
	report_cache_free(cache);
}

/* One respondent in both rounds renamed: the kept baseline would match
 * them by the old name; it is read again. */
static void test_cache_rename(void **state)
{
	(void)state;
	fresh_rounds();
	struct report_cache *cache = report_cache_new();
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	int reads = report_cache_reads(cache);
	sqlite3 *h = fixture_raw_open(path);
	/* Person 12's live response becomes one of the baseline person's
	 * own respondent, who is then renamed */
	fixture_raw_exec(
	    h, "UPDATE response SET respondent_id = (SELECT respondent_id"
	       " FROM response p JOIN respondent t ON t.id = p.respondent_id"
	       " WHERE t.name = 'Person 12' AND p.round_id = (SELECT id"
	       " FROM round WHERE code = 'BASE'))"
	       " WHERE id = (SELECT p.id FROM response p JOIN respondent t"
	       " ON t.id = p.respondent_id WHERE t.name = 'Person 12'"
	       " AND p.round_id = (SELECT id FROM round WHERE code = 'LIVE'))");
	fixture_raw_exec(h, "UPDATE respondent SET name = 'Someone Else'"
			    " WHERE name = 'Person 12'");
	fixture_raw_close(h);
	assert_cached_is_fresh(cache, REPORT_BY_DEPARTMENT);
	assert_true(report_cache_reads(cache) > reads);
	report_cache_free(cache);
}

/* Statements run on the test's connection that read the champions
 * (through their index) or a round's people (all of them, or those
 * finished since a time), counted by an SQLite trace */
static int champion_reads, people_reads, people_reads_since;

static int count_reads(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	(void)p;
	const char *sql = x;
	if (strstr(sql, "response_champion") != NULL)
		champion_reads++;
	if (strstr(sql, "INDEXED BY response_people") != NULL)
		people_reads++;
	if (strstr(sql, "INDEXED BY response_round_finished") != NULL)
		people_reads_since++;
	return 0;
}

/* assert_cached_is_fresh, giving how many times the cached build read a
 * round's people whole (and in people_reads_since, how many times it
 * read those finished since) */
static int cached_people_reads(struct report_cache *cache, enum report_by by)
{
	people_reads = people_reads_since = 0;
	struct report kept, fresh;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, count_reads, NULL);
	assert_int_equal(report_build_cached(cache, store, &live, q, by, &base,
					     q, NULL, NULL, true, &kept),
			 STORE_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	assert_int_equal(report_build(store, &live, q, by, &base, q, &fresh),
			 STORE_OK);
	assert_same_report(&kept, &fresh);
	report_free(&kept);
	report_free(&fresh);
	return people_reads;
}

/* The live round's people and their match are kept while nothing is
 * written: another view (by role, by track) is summed again from them.
 * After a write, only the responses finished since are read and matched
 * while nobody already counted changed; an edit, a deletion or a rename
 * makes them be read whole again. Every build is report_build's. */
static long long people_edits(void)
{
	long long n = -1;
	assert_int_equal(store_people_edits(store, &n), STORE_OK);
	return n;
}

static void test_cache_people_kept(void **state)
{
	(void)state;
	fresh_rounds();
	long long edits = people_edits();
	struct report_cache *cache = report_cache_new();
	/* the live round here, the baseline on a connection of its own */
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 1);
	assert_int_equal(report_cache_reads(cache), 1);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	assert_int_equal(people_reads_since, 0);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_TRACK), 0);
	/* a write elsewhere in the file, by another connection */
	sqlite3 *h = fixture_raw_open(path);
	fixture_raw_exec(h, "UPDATE round SET name = name || '.'"
			    " WHERE code = 'LIVE'");
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	assert_int_equal(people_reads_since, 1);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	assert_int_equal(people_reads_since, 0);
	/* new people in the live round, by this connection: one who did
	 * not answer the baseline, one who did (by name, another case), one
	 * anonymous; each build the same as report_build's */
	answer(&live, "Person 77", "Eng", ROLE_INDIVIDUAL, 3, 2);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 0);
	assert_int_equal(people_reads_since, 1);
	answer(&live, "PERSON 33", "Eng", ROLE_MANAGER, 1, 1);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	answer(&live, NULL, "Ops", ROLE_INDIVIDUAL, 2, 2);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_TRACK), 0);
	/* the same person again, later: their latest response counts, as
	 * one who did not answer the baseline and as one who did */
	answer(&live, "Person 77", "Eng", ROLE_MANAGER, 1, 1);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	answer(&live, "person 33", "Eng", ROLE_INDIVIDUAL, 3, 3);
	assert_int_equal(cached_people_reads(cache, REPORT_BY_ROLE), 0);
	assert_int_equal(people_edits(), edits); /* finishing is no edit */
	/* a finished response edited or deleted, or a respondent renamed,
	 * by another connection: both rounds read whole again (a rename
	 * changes who matches by name in the baseline too) */
	fixture_raw_exec(h,
			 "UPDATE response SET department = 'Ops'"
			 " WHERE id = (SELECT max(id) FROM response"
			 " WHERE round_id = (SELECT id FROM round"
			 " WHERE code = 'LIVE') AND finished_at IS NOT NULL)");
	assert_true(people_edits() > edits);
	edits = people_edits();
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 2);
	fixture_raw_exec(h, "UPDATE respondent SET name = 'Person 78'"
			    " WHERE name = 'Person 77'");
	assert_true(people_edits() > edits);
	edits = people_edits();
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 2);
	fixture_raw_exec(h, "DELETE FROM response WHERE id = (SELECT min(id)"
			    " FROM response WHERE round_id = (SELECT id"
			    " FROM round WHERE code = 'LIVE')"
			    " AND finished_at IS NOT NULL)");
	assert_true(people_edits() > edits);
	edits = people_edits();
	answer(&live, "Person 80", "Ops", ROLE_INDIVIDUAL, 2, 1); /* as many */
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 2);
	/* one who agreed to be a champions' contact no longer does */
	fixture_raw_exec(h, "UPDATE respondent SET champion_contact = 0"
			    " WHERE id = (SELECT respondent_id FROM response"
			    " WHERE segment = 'champion' AND round_id ="
			    " (SELECT id FROM round WHERE code = 'LIVE')"
			    " AND finished_at IS NOT NULL LIMIT 1)");
	assert_true(people_edits() > edits);
	edits = people_edits();
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 2);
	/* a finished response come in with an earlier finish time (an
	 * import): the count tells, and they are read whole */
	fixture_raw_exec(
	    h, "INSERT INTO respondent (uuid, name, created_at)"
	       " VALUES ('late-1', 'Person 79', '2020-01-01T00:00:00Z');"
	       "INSERT INTO response (uuid, round_id, respondent_id,"
	       " department, role, track, started_at, finished_at, segment,"
	       " subtype)"
	       " SELECT 'late-r', round_id, (SELECT id FROM respondent"
	       " WHERE uuid = 'late-1'), department, role, track,"
	       " '2020-01-01T00:00:00Z', '2020-01-01T00:10:00Z', segment,"
	       " subtype FROM response WHERE finished_at IS NOT NULL"
	       " AND round_id = (SELECT id FROM round WHERE code = 'LIVE')"
	       " LIMIT 1");
	assert_int_equal(cached_people_reads(cache, REPORT_BY_DEPARTMENT), 1);
	fixture_raw_close(h);
	report_cache_free(cache);
}

/* Many changes in a random order, of every kind the cache must follow
 * (new people, the same people again, anonymous ones, in the live round
 * and in the baseline; edits, deletions, renames, consent), each
 * followed by a cached build that must equal a fresh one, by a grouping
 * that changes too. */
static void test_cache_random_changes(void **state)
{
	(void)state;
	fresh_rounds();
	struct report_cache *cache = report_cache_new();
	sqlite3 *h = fixture_raw_open(path);
	/* the baseline open too, and answered now and then */
	assert_int_equal(store_round_set_open(store, "BASE", true), STORE_OK);
	fresh_rounds();
	unsigned seed = 12345;
	for (int step = 0; step < 80; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		char name[32];
		snprintf(name, sizeof(name), "Person %u", (seed >> 8) % 50);
		const char *dept = depts[(seed >> 4) % 3];
		enum role role =
		    (seed >> 12) % 4 == 0 ? ROLE_MANAGER : ROLE_INDIVIDUAL;
		int use = 1 + (int)((seed >> 3) % 3);
		int share = 1 + (int)((seed >> 5) % 2);
		if (r < 45) {
			answer(&live, name, dept, role, use, share);
		} else if (r < 55) {
			answer(&live, NULL, dept, role, use, share);
		} else if (r < 62) {
			char *sql = xasprintf(
			    "UPDATE response SET department = '%s' WHERE id ="
			    " (SELECT id FROM response WHERE round_id = (SELECT"
			    " id FROM round WHERE code = 'LIVE') AND"
			    " finished_at IS NOT NULL ORDER BY id LIMIT 1"
			    " OFFSET %u)",
			    dept, (seed >> 7) % 20);
			fixture_raw_exec(h, sql);
			free(sql);
		} else if (r < 68) {
			char *sql = xasprintf(
			    "DELETE FROM response WHERE id = (SELECT id FROM"
			    " response WHERE round_id = (SELECT id FROM round"
			    " WHERE code = 'LIVE') AND finished_at IS NOT NULL"
			    " ORDER BY id LIMIT 1 OFFSET %u)",
			    (seed >> 7) % 20);
			fixture_raw_exec(h, sql);
			free(sql);
		} else if (r < 75) {
			char *sql = xasprintf(
			    "UPDATE respondent SET name = 'Person %u' WHERE id "
			    "="
			    " (SELECT id FROM respondent WHERE name IS NOT NULL"
			    " ORDER BY id LIMIT 1 OFFSET %u)",
			    (seed >> 9) % 50, (seed >> 7) % 40);
			fixture_raw_exec(h, sql);
			free(sql);
		} else if (r < 80) {
			char *sql = xasprintf(
			    "UPDATE respondent SET champion_contact ="
			    " 1 - champion_contact WHERE id = (SELECT id FROM"
			    " respondent ORDER BY id LIMIT 1 OFFSET %u)",
			    (seed >> 7) % 40);
			fixture_raw_exec(h, sql);
			free(sql);
		} else if (r < 88) {
			answer(&base, name, dept, role, use, share);
		} /* else: nothing written, another grouping */
		assert_cached_is_fresh(cache, (enum report_by)(step % 3));
	}
	assert_int_equal(store_round_set_open(store, "BASE", false), STORE_OK);
	fresh_rounds();
	fixture_raw_close(h);
	report_cache_free(cache);
}

/* A round's people read ahead on a thread of their own are given only
 * when they are what the caller's read sees: the same count of people's
 * changes and as many people as the round finished. */
static void test_people_ahead(void **state)
{
	(void)state;
	fresh_rounds();
	long long edits = people_edits();
	enum store_status st;
	struct people *read = people_read(store, base.id, &st);
	assert_int_equal(st, STORE_OK);
	size_t n = people_count(read);
	assert_true(n > 10);
	struct people_ahead *a = people_ahead_start(store, base.id);
	assert_non_null(a);
	struct people *ahead = people_ahead_take(a, edits, n, NULL);
	assert_non_null(ahead);
	assert_int_equal(people_count(ahead), n);
	/* matched against the same round, each one is themselves */
	struct people_matching *m = people_match(read, ahead);
	assert_int_equal(people_match_counts(m)->both, (int)n);
	people_match_free(m);
	people_free(ahead);
	/* matched by the thread, with the people given to it */
	a = people_ahead_start(store, base.id);
	people_ahead_match(a, read);
	ahead = people_ahead_take(a, edits, n, &m);
	assert_non_null(ahead);
	assert_non_null(m);
	assert_true(people_match_is(m, read, ahead));
	assert_int_equal(people_match_counts(m)->both, (int)n);
	people_match_free(m);
	people_free(ahead);
	assert_null(people_ahead_take(people_ahead_start(store, base.id),
				      edits + 1, n, NULL));
	a = people_ahead_start(store, base.id);
	people_ahead_match(a, read);
	assert_null(people_ahead_take(a, edits, n + 1, &m));
	assert_null(m);
	assert_null(people_ahead_take(NULL, edits, n, &m));
	people_free(read);
}

/* What the dashboard shows beside a report comes with it, read in the
 * worker: the live round's participation, and the actions recorded for
 * the compared round with that round's report by department. */
static void test_worker_reads_live(void **state)
{
	(void)state;
	fresh_rounds();
	struct store_invite_new list[] = {
	    {"h-1", "Eng", ROLE_INDIVIDUAL, TRACK_TECHNICAL, NULL, NULL},
	    {"h-2", "Ops", ROLE_MANAGER, TRACK_TECHNICAL, NULL, NULL},
	};
	int first = 0;
	assert_int_equal(store_invite_add(store, live.id, list, 2, &first),
			 STORE_OK);
	struct store_action a = {.department = "Eng", .text = "Pair up"};
	long long id = 0;
	assert_int_equal(
	    store_action_add(store, base.id, &a, "2026-01-01T00:00:00Z", &id),
	    STORE_OK);
	char *message = NULL;
	struct report_worker *w = report_worker_start(store, &message);
	assert_non_null(w);
	struct report_job job = {"LIVE", REPORT_BY_ROLE, "BASE", NULL, false};
	report_worker_ask(w, &job);
	struct report_result got;
	assert_true(report_worker_take(w, -1, &got));
	assert_int_equal(got.status, STORE_OK);
	assert_int_equal(got.live.part.count, 2);
	assert_int_equal(got.live.part.total.invited, 2);
	assert_int_equal(got.live.nactions, 1);
	assert_int_equal(got.live.actions[0].id, id);
	assert_string_equal(got.live.actions[0].text, "Pair up");
	assert_true(got.live.have_before);
	assert_int_equal(got.live.before.by, REPORT_BY_DEPARTMENT);
	assert_false(got.live.before.has_compare);
	/* the next actions need no names */
	assert_false(got.live.before.has_champions);
	struct report fresh;
	assert_int_equal(report_build_cached(NULL, store, &base, q,
					     REPORT_BY_DEPARTMENT, NULL, NULL,
					     NULL, NULL, false, &fresh),
			 STORE_OK);
	assert_same_report(&got.live.before, &fresh);
	report_free(&fresh);
	report_result_free(&got);
	/* without a comparison: no actions to follow */
	job.compare = NULL;
	report_worker_ask(w, &job);
	assert_true(report_worker_take(w, -1, &got));
	assert_int_equal(got.status, STORE_OK);
	assert_int_equal(got.live.part.total.invited, 2);
	assert_int_equal(got.live.nactions, 0);
	assert_false(got.live.have_before);
	report_result_free(&got);
	report_worker_stop(w);
}

static int build_counting(bool champions, struct report *out)
{
	champion_reads = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, count_reads, NULL);
	assert_int_equal(report_build_cached(NULL, store, &live, q,
					     REPORT_BY_DEPARTMENT, NULL, NULL,
					     NULL, NULL, champions, out),
			 STORE_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	return champion_reads;
}

/* A build without champions (the dashboard on any view but Champions)
 * runs no statement that reads them and says it has none; one with
 * them lists report_build's, in the worker as here. */
static void test_champions_on_request(void **state)
{
	(void)state;
	fresh_rounds();
	struct report all, without, with;
	assert_int_equal(report_build(store, &live, q, REPORT_BY_DEPARTMENT,
				      NULL, NULL, &all),
			 STORE_OK);
	assert_true(all.has_champions);
	assert_true(all.nchampions > 0);
	assert_int_equal(build_counting(false, &without), 0);
	assert_false(without.has_champions);
	assert_int_equal(without.nchampions, 0);
	assert_null(without.champions);
	/* everything else is the same */
	assert_same_group(&without.all, &all.all);
	assert_int_equal(without.nspreads, all.nspreads);
	assert_true(build_counting(true, &with) > 0);
	assert_true(with.has_champions);
	assert_int_equal(with.nchampions, all.nchampions);
	for (int i = 0; i < all.nchampions; i++)
		assert_string_equal(with.champions[i].name,
				    all.champions[i].name);
	report_free(&without);
	report_free(&with);

	char *message = NULL;
	struct report_worker *w = report_worker_start(store, &message);
	assert_non_null(w);
	struct report_job job = {"LIVE", REPORT_BY_DEPARTMENT, NULL, NULL,
				 false};
	report_worker_ask(w, &job);
	struct report_result got;
	assert_true(report_worker_take(w, -1, &got));
	assert_int_equal(got.status, STORE_OK);
	assert_false(got.report.has_champions);
	assert_int_equal(got.report.nchampions, 0);
	report_result_free(&got);
	job.champions = true;
	report_worker_ask(w, &job);
	assert_true(report_worker_take(w, -1, &got));
	assert_int_equal(got.status, STORE_OK);
	assert_true(got.report.has_champions);
	assert_int_equal(got.report.nchampions, all.nchampions);
	report_result_free(&got);
	report_worker_stop(w);
	report_free(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_compare_counts),
	    cmocka_unit_test(test_worker_same_numbers),
	    cmocka_unit_test(test_cache_kept),
	    cmocka_unit_test(test_cache_invalidated),
	    cmocka_unit_test(test_cache_rename),
	    cmocka_unit_test(test_cache_people_kept),
	    cmocka_unit_test(test_cache_random_changes),
	    cmocka_unit_test(test_people_ahead),
	    cmocka_unit_test(test_worker_reads_live),
	    cmocka_unit_test(test_champions_on_request),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
