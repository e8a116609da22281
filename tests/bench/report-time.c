/* SPDX-License-Identifier: MIT */
/* make bench: the time of one dashboard refresh, that is one report_build,
 * without the start of a process around it. Built by run.sh against the
 * build's src/libaimap.a; not part of make check.
 *
 *   report-time DB CODE RUNS [COMPARE]
 *
 * opens DB, reads round CODE and its questionnaire, builds its report by
 * department RUNS times (with round COMPARE to compare with, if given)
 * as the dashboard does each time the data change (report_build_cached,
 * one cache for all: a closed COMPARE round is read by the first build
 * only; without the champions' names, which only its Champions view
 * reads), with an answer arriving before each build after the first (a
 * finished response of a new respondent, copied from the round's, all
 * removed at the end), then RUNS times more
 * with nothing written (another view of the same data: they are kept),
 * and prints one line: the median time of the builds after the first in
 * milliseconds (the first's when RUNS is 1), the process's peak resident
 * memory in kilobytes, the time of the first build, and the median of
 * the builds with nothing written. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "diag.h"
#include "questionnaire.h"
#include "report.h"
#include "store-internal.h"
#include "store.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int double_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct questionnaire *load(struct store *s, const struct store_round *r)
{
	char *text, *name;
	size_t len;
	if (store_questionnaire_source(s, r->questionnaire_id, &text, &len,
				       &name) != STORE_OK)
		return NULL;
	struct diag d;
	diag_init(&d, name);
	struct questionnaire *q = questionnaire_parse(name, text, len, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(text);
	free(name);
	return q;
}

/* The peak resident memory of this program, in KB. Linux's VmHWM: the
 * maximum that getrusage gives includes the memory of the parent that
 * forked us before exec (a Python of 16 MB, for make bench). */
static long peak_kb(void)
{
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f != NULL)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kb = ru.ru_maxrss;
	}
	return kb;
}

static double median_of(double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), double_compare);
	return n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
}

/* One more finished response in round, of a new respondent (a copy of
 * one of the round's, finished now), as when an answer arrives: the
 * builds after it read it. Removed by untouch. */
static bool touch(struct store *s, const struct store_round *round, int i)
{
	char *sql = xasprintf(
	    "INSERT INTO respondent (uuid, name, created_at)"
	    " VALUES ('bench-touch-%d', 'Bench person %d',"
	    " '2026-01-01T00:00:00Z');"
	    "INSERT INTO response (uuid, round_id, respondent_id, department,"
	    " role, track, started_at, finished_at, segment, subtype, adoption)"
	    " SELECT 'bench-touch-%d', round_id, (SELECT id FROM respondent"
	    " WHERE uuid = 'bench-touch-%d'), department, role, track,"
	    " started_at, strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'),"
	    " segment, subtype, adoption FROM response WHERE round_id = %lld"
	    " AND finished_at IS NOT NULL LIMIT 1",
	    i, i, i, i, round->id);
	bool ok = sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
	free(sql);
	return ok;
}

static bool untouch(struct store *s)
{
	return sqlite3_exec(
		   s->db,
		   "DELETE FROM response WHERE uuid LIKE 'bench-touch-%';"
		   "DELETE FROM respondent WHERE uuid LIKE "
		   "'bench-touch-%'",
		   NULL, NULL, NULL) == SQLITE_OK;
}

/* The median of the builds after the first (a write before each), the
 * first, and the median of as many builds with nothing written, in
 * milliseconds. */
static bool time_builds(struct store *s, const struct store_round *round,
			const struct questionnaire *q,
			const struct store_round *other,
			const struct questionnaire *other_q, int runs,
			double *median, double *first, double *same)
{
	double *ms = xcalloc((size_t)(2 * runs), sizeof(*ms));
	struct report_cache *cache = report_cache_new();
	bool ok = untouch(s);
	for (int i = 0; ok && i < 2 * runs; i++) {
		struct report r;
		if (i > 0 && i < runs)
			ok = touch(s, round, i);
		double start = now_ms();
		ok = report_build_cached(cache, s, round, q,
					 REPORT_BY_DEPARTMENT, other, other_q,
					 NULL, NULL, false, &r) == STORE_OK;
		ms[i] = now_ms() - start;
		report_free(&r);
	}
	report_cache_free(cache);
	ok = untouch(s) && ok;
	*first = ms[0];
	*same = median_of(ms + runs, runs);
	*median = runs > 1 ? median_of(ms + 1, runs - 1) : ms[0];
	free(ms);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5 || atoi(argv[3]) < 1) {
		fprintf(stderr, "usage: report-time DB CODE RUNS [COMPARE]\n");
		return 2;
	}
	enum store_status status;
	char *message = NULL;
	struct store *s = store_open(argv[1], &status, &message);
	if (s == NULL) {
		fprintf(stderr, "report-time: %s\n", message);
		free(message);
		return 1;
	}
	struct store_round round = {0}, other = {0};
	struct questionnaire *q = NULL, *other_q = NULL;
	const char *failed = NULL;
	double median, first, same;
	if (store_round_find(s, argv[2], &round) != STORE_OK)
		failed = argv[2];
	else if ((q = load(s, &round)) == NULL)
		failed = "the round's questionnaire";
	else if (argc == 5 &&
		 (store_round_find(s, argv[4], &other) != STORE_OK ||
		  (other_q = load(s, &other)) == NULL))
		failed = argv[4];
	else if (!time_builds(s, &round, q, other_q ? &other : NULL, other_q,
			      atoi(argv[3]), &median, &first, &same))
		failed = "report_build";
	if (failed != NULL)
		fprintf(stderr, "report-time: %s: %s\n", failed,
			store_error(s));
	else
		printf("%.3f %ld %.3f %.3f\n", median, peak_kb(), first, same);
	questionnaire_free(q);
	questionnaire_free(other_q);
	store_round_free(&round);
	store_round_free(&other);
	store_close(s);
	return failed != NULL;
}
