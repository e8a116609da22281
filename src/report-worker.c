/* SPDX-License-Identifier: MIT */
/* See report-worker.h. One mutex guards the job asked for and the last
 * result; the thread holds it only to trade them, never while it reads
 * the database, so an ask or a take returns at once. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "report-worker.h"
#include "util.h"

/* A questionnaire the worker read, kept for the reports that point to
 * it. */
struct worker_questionnaire {
	long long id; /* the stored questionnaire's row id */
	struct questionnaire *q;
};

struct report_worker {
	struct store *store; /* the thread's own connection */
	pthread_t thread;
	atomic_bool interrupt; /* stops the statement being read */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	/* under lock */
	bool stopping;
	bool asked; /* job holds a job not yet started */
	long long asked_n;
	struct report_job job; /* its strings malloc'd */
	long long building;    /* the job being built, 0: none */
	bool have_result;
	struct report_result result;
	/* the thread's only */
	struct worker_questionnaire *qs;
	int nqs;
	struct report_cache *cache;
};

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void job_free(struct report_job *j)
{
	free((char *)j->round);
	free((char *)j->compare);
	free((char *)j->leaders);
	memset(j, 0, sizeof(*j));
}

void report_live_free(struct report_live *l)
{
	participation_free(&l->part);
	store_actions_free(l->actions, l->nactions);
	if (l->have_before)
		report_free(&l->before);
	memset(l, 0, sizeof(*l));
}

static enum store_status report_live_read(struct store *s,
					  const struct store_round *round,
					  const struct store_round *compare,
					  const struct questionnaire *compare_q,
					  struct report_live *l)
{
	memset(l, 0, sizeof(*l));
	enum store_status status = participation_load(s, round->id, &l->part);
	if (status != STORE_OK)
		report_live_free(l);
	if (status != STORE_OK || compare == NULL)
		return status;
	if (store_action_list(s, compare->id, &l->actions, &l->nactions) !=
	    STORE_OK) {
		store_actions_free(l->actions, l->nactions);
		l->actions = NULL;
		l->nactions = 0;
	}
	if (l->nactions > 0)
		l->have_before =
		    report_build_cached(NULL, s, compare, compare_q,
					REPORT_BY_DEPARTMENT, NULL, NULL, NULL,
					NULL, false, &l->before) == STORE_OK;
	return STORE_OK;
}

enum store_status report_live_build(
    struct report_cache *cache, struct store *s,
    const struct store_round *round, const struct questionnaire *q,
    enum report_by by, const struct store_round *compare,
    const struct questionnaire *compare_q, const struct store_round *leaders,
    const struct questionnaire *leaders_q, bool champions, struct report *out,
    struct report_live *l)
{
	enum store_status status =
	    report_build_cached(cache, s, round, q, by, compare, compare_q,
				leaders, leaders_q, champions, out);
	if (status != STORE_OK)
		return status;
	status = report_live_read(s, round, compare, compare_q, l);
	if (status != STORE_OK)
		report_free(out);
	return status;
}

void report_result_free(struct report_result *r)
{
	if (r == NULL)
		return;
	report_free(&r->report);
	report_live_free(&r->live);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

/* The questionnaire of round r, read once per worker. */
static struct questionnaire *worker_questionnaire(struct report_worker *w,
						  const struct store_round *r,
						  char **error)
{
	for (int i = 0; i < w->nqs; i++)
		if (w->qs[i].id == r->questionnaire_id)
			return w->qs[i].q;
	char *text, *name;
	size_t len;
	if (store_questionnaire_source(w->store, r->questionnaire_id, &text,
				       &len, &name) != STORE_OK) {
		*error = xstrdup(store_error(w->store));
		return NULL;
	}
	struct diag d;
	diag_init(&d, name);
	struct questionnaire *q = questionnaire_parse(name, text, len, &d);
	if (q == NULL)
		*error = d.count > 0 ? diag_format(&d, 0)
				     : xasprintf("cannot read %s", name);
	diag_free(&d);
	free(text);
	free(name);
	if (q == NULL)
		return NULL;
	w->qs = xreallocarray(w->qs, (size_t)w->nqs + 1, sizeof(*w->qs));
	w->qs[w->nqs++] = (struct worker_questionnaire){r->questionnaire_id, q};
	return q;
}

/* A round by code and its questionnaire; false with *error. */
static bool worker_round(struct report_worker *w, const char *code,
			 struct store_round *r, struct questionnaire **q,
			 char **error)
{
	enum store_status st = store_round_find(w->store, code, r);
	if (st != STORE_OK) {
		*error = st == STORE_ERR_NOT_FOUND
			     ? xasprintf("no round with code '%s'", code)
			     : xstrdup(store_error(w->store));
		return false;
	}
	*q = worker_questionnaire(w, r, error);
	return *q != NULL;
}

static void worker_build(struct report_worker *w, const struct report_job *j,
			 struct report_result *out)
{
	struct store_round round = {0}, compare = {0}, leaders = {0};
	struct questionnaire *q = NULL, *cq = NULL, *lq = NULL;
	char *error = NULL;
	out->status = STORE_ERR_IO;
	if (worker_round(w, j->round, &round, &q, &error) &&
	    (j->compare == NULL ||
	     worker_round(w, j->compare, &compare, &cq, &error)) &&
	    (j->leaders == NULL ||
	     worker_round(w, j->leaders, &leaders, &lq, &error))) {
		out->status =
		    report_live_build(w->cache, w->store, &round, q, j->by,
				      j->compare ? &compare : NULL, cq,
				      j->leaders ? &leaders : NULL, lq,
				      j->champions, &out->report, &out->live);
		if (out->status != STORE_OK)
			error = xstrdup(store_error(w->store));
	}
	out->error = error;
	store_round_free(&round);
	store_round_free(&compare);
	store_round_free(&leaders);
}

static void *worker_main(void *arg)
{
	struct report_worker *w = arg;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->stopping && !w->asked)
			pthread_cond_wait(&w->changed, &w->lock);
		if (w->stopping)
			break;
		struct report_job job = w->job;
		long long n = w->asked_n;
		memset(&w->job, 0, sizeof(w->job));
		w->asked = false;
		w->building = n;
		pthread_mutex_unlock(&w->lock);

		struct report_result r = {.job = n};
		worker_build(w, &job, &r);
		job_free(&job);

		pthread_mutex_lock(&w->lock);
		w->building = 0;
		if (w->have_result)
			report_result_free(&w->result);
		w->result = r;
		w->have_result = true;
		pthread_cond_broadcast(&w->changed);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct report_worker *report_worker_start(const struct store *first,
					  char **message)
{
	struct store *s = store_open_again(first, message);
	if (s == NULL)
		return NULL;
	struct report_worker *w = xcalloc(1, sizeof(*w));
	w->store = s;
	atomic_init(&w->interrupt, false);
	store_interrupt_when(s, &w->interrupt);
	w->cache = report_cache_new();
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->changed, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		*message = xstrdup("cannot start a thread to read reports");
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->changed);
		report_cache_free(w->cache);
		store_close(s);
		free(w);
		return NULL;
	}
	return w;
}

long long report_worker_ask(struct report_worker *w,
			    const struct report_job *job)
{
	pthread_mutex_lock(&w->lock);
	job_free(&w->job);
	w->job = (struct report_job){dup_or_null(job->round), job->by,
				     dup_or_null(job->compare),
				     dup_or_null(job->leaders), job->champions};
	w->asked = true;
	long long n = ++w->asked_n;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
	return n;
}

bool report_worker_busy(struct report_worker *w)
{
	pthread_mutex_lock(&w->lock);
	bool busy = w->asked || w->building != 0;
	pthread_mutex_unlock(&w->lock);
	return busy;
}

bool report_worker_take(struct report_worker *w, int wait_ms,
			struct report_result *out)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&w->lock);
	while (wait_ms != 0 && (w->asked || w->building != 0)) {
		if (wait_ms < 0)
			pthread_cond_wait(&w->changed, &w->lock);
		else if (pthread_cond_timedwait(&w->changed, &w->lock,
						&until) != 0)
			break;
	}
	bool fresh = w->have_result && w->result.job == w->asked_n;
	if (fresh)
		*out = w->result;
	else if (w->have_result)
		report_result_free(&w->result); /* a later job is coming */
	w->have_result = false;
	pthread_mutex_unlock(&w->lock);
	return fresh;
}

void report_worker_stop(struct report_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
	atomic_store(&w->interrupt, true);
	pthread_join(w->thread, NULL);
	job_free(&w->job);
	if (w->have_result)
		report_result_free(&w->result);
	for (int i = 0; i < w->nqs; i++)
		questionnaire_free(w->qs[i].q);
	free(w->qs);
	report_cache_free(w->cache);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->changed);
	store_close(w->store);
	free(w);
}
