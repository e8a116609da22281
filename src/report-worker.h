/* SPDX-License-Identifier: MIT */
/* Reports built in a thread of their own, on a connection of their own,
 * so that a live view (the dashboard) never waits for one: it asks, goes
 * on reading keys, and takes the report once it is there, with what is
 * shown beside it (report_live), so that taking it reads nothing. The
 * worker never touches the screen; only the thread that asks reads its
 * results.
 * It keeps a closed baseline round's side of a comparison between builds
 * (report_cache), so that only the live round is read again. */
#ifndef AIMAP_REPORT_WORKER_H
#define AIMAP_REPORT_WORKER_H

#include <stdbool.h>

#include "participation.h"
#include "report.h"

struct report_worker;

/* What to build: rounds by code (NULL compare or leaders: none);
 * champions: read the champions' names too (only the view that lists
 * them needs them; without, report.has_champions is false). */
struct report_job {
	const char *round;
	enum report_by by;
	const char *compare;
	const char *leaders;
	bool champions;
};

/* What a live view shows beside the report, read with it so that the
 * thread that takes it reads nothing: who took part of those invited,
 * and the actions recorded for the compared round with that round's
 * report by department (have_before) to read what they were meant to
 * move. */
struct report_live {
	struct participation part;    /* empty without invitations */
	struct store_action *actions; /* none without a comparison */
	int nactions;
	struct report before;
	bool have_before;
};

/* report_build_cached's report of round and what is shown beside it
 * (compare NULL: no actions; the compared round's report never has its
 * champions), read on s: what the worker builds, for a caller without
 * one. Actions that cannot be read are none, as a before
 * report that cannot be built; any other failure leaves nothing to
 * free. */
enum store_status report_live_build(
    struct report_cache *cache, struct store *s,
    const struct store_round *round, const struct questionnaire *q,
    enum report_by by, const struct store_round *compare,
    const struct questionnaire *compare_q, const struct store_round *leaders,
    const struct questionnaire *leaders_q, bool champions, struct report *out,
    struct report_live *l);
void report_live_free(struct report_live *l);

/* A finished build. report.q and live.before.q point into the worker,
 * which keeps every questionnaire it read until report_worker_stop;
 * free the result (report_result_free) before stopping the worker. */
struct report_result {
	long long job; /* what report_worker_ask returned */
	enum store_status status;
	char *error;		 /* on failure: why (malloc'd), else NULL */
	struct report report;	 /* on success */
	struct report_live live; /* on success */
};

/* Open first's database a second time (store_open_again) and start the
 * thread; NULL with *message (malloc'd) when it cannot be opened. */
struct report_worker *report_worker_start(const struct store *first,
					  char **message);
/* Ask for a build; a job asked for earlier and not yet started is
 * dropped. Returns the job's number, which grows with every ask. */
long long report_worker_ask(struct report_worker *w,
			    const struct report_job *job);
/* True while a job is asked for or being built. */
bool report_worker_busy(struct report_worker *w);
/* The latest finished build, if there is one not yet taken: true, and
 * *out is the caller's (report_result_free). Waits up to wait_ms
 * milliseconds for the jobs asked for to be done (0: not at all, -1: as
 * long as it takes). Results of jobs that a later ask made stale are
 * dropped without being returned. */
bool report_worker_take(struct report_worker *w, int wait_ms,
			struct report_result *out);
void report_result_free(struct report_result *r);
/* Interrupt a build in progress, end the thread and close its
 * connection. NULL is allowed. */
void report_worker_stop(struct report_worker *w);

#endif
