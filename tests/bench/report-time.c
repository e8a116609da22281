/* SPDX-License-Identifier: MIT */
/* make bench: the time of one dashboard refresh, that is one report_build,
 * without the start of a process around it. Built by run.sh against the
 * build's src/libaimap.a; not part of make check.
 *
 *   report-time DB CODE RUNS [COMPARE]
 *
 * opens DB, reads round CODE and its questionnaire, builds its report by
 * department RUNS times (with round COMPARE to compare with, if given)
 * as the dashboard does (report_build_cached, one cache for all: a
 * closed COMPARE round is read by the first build only; without the
 * champions' names, which only its Champions view reads) and prints one
 * line: the median time of the builds after the first in milliseconds
 * (the first's when RUNS is 1), the process's peak resident memory in
 * kilobytes, and the time of the first build. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "diag.h"
#include "questionnaire.h"
#include "report.h"
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

/* The median of the builds after the first, and the first, in
 * milliseconds. */
static bool time_builds(struct store *s, const struct store_round *round,
			const struct questionnaire *q,
			const struct store_round *other,
			const struct questionnaire *other_q, int runs,
			double *median, double *first)
{
	double *ms = xcalloc((size_t)runs, sizeof(*ms));
	struct report_cache *cache = report_cache_new();
	bool ok = true;
	for (int i = 0; ok && i < runs; i++) {
		struct report r;
		double start = now_ms();
		ok = report_build_cached(cache, s, round, q,
					 REPORT_BY_DEPARTMENT, other, other_q,
					 NULL, NULL, false, &r) == STORE_OK;
		ms[i] = now_ms() - start;
		report_free(&r);
	}
	report_cache_free(cache);
	*first = ms[0];
	double *later = runs > 1 ? ms + 1 : ms;
	int n = runs > 1 ? runs - 1 : 1;
	qsort(later, (size_t)n, sizeof(*later), double_compare);
	*median = n % 2 ? later[n / 2] : (later[n / 2 - 1] + later[n / 2]) / 2;
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
	double median, first;
	if (store_round_find(s, argv[2], &round) != STORE_OK)
		failed = argv[2];
	else if ((q = load(s, &round)) == NULL)
		failed = "the round's questionnaire";
	else if (argc == 5 &&
		 (store_round_find(s, argv[4], &other) != STORE_OK ||
		  (other_q = load(s, &other)) == NULL))
		failed = argv[4];
	else if (!time_builds(s, &round, q, other_q ? &other : NULL, other_q,
			      atoi(argv[3]), &median, &first))
		failed = "report_build";
	if (failed != NULL)
		fprintf(stderr, "report-time: %s: %s\n", failed,
			store_error(s));
	else
		printf("%.3f %ld %.3f\n", median, peak_kb(), first);
	questionnaire_free(q);
	questionnaire_free(other_q);
	store_round_free(&round);
	store_round_free(&other);
	store_close(s);
	return failed != NULL;
}
