/* SPDX-License-Identifier: MIT */
/* aimap demo: fill a database with a synthetic organisation, to try the
 * dashboard and reports without a real round, and for benchmarks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "demo.h"
#include "paths.h"
#include "scoring.h"

struct demo_options {
	long respondents;
	long seed;
	long rounds;
	const char *code;
	const char *questionnaire;
};

static const struct cli_option options[] = {
    {"respondents", 'n', "N", "people in each round (1 to 10,000,000)",
     CLI_INT(struct demo_options, respondents, 1, 10000000)},
    {"seed", 0, "S",
     "the seed of the random choices: the same seed, the "
     "same organisation",
     CLI_INT(struct demo_options, seed, 0, 2147483647)},
    {"rounds", 0, "R", "rounds one after another (1 to 9)",
     CLI_INT(struct demo_options, rounds, 1, 9)},
    {"code", 'c', "CODE",
     "the rounds' codes start with this (CODE-1, "
     "CODE-2, ...)",
     CLI_TEXT(struct demo_options, code)},
    {"questionnaire", 'q', "QUESTIONNAIRE", "the questionnaire, by id or path",
     CLI_TEXT(struct demo_options, questionnaire)},
    {0},
};

/* The personas that answer q, from the folder of the installed ones;
 * what is wrong with them is said. */
static struct demo_persona *load_personas(const struct questionnaire *q,
					  int *count)
{
	char *dir = paths_personas_dir();
	char *error = NULL;
	struct demo_persona *personas =
	    demo_load_personas(dir, q, stderr, count, &error);
	if (error != NULL)
		cli_error("%s", error);
	free(error);
	free(dir);
	return personas;
}

/* time moved by seconds (negative: earlier), as ISO 8601 UTC. */
static void shift_seconds(const char *time_iso, long long seconds, char out[21])
{
	struct tm tm = {0};
	time_t t = time(NULL);
	if (strptime(time_iso, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL)
		t = timegm(&tm);
	t += (time_t)seconds;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* When the round of step opened and closed: rounds eight weeks apart,
 * the newest opened ten days ago, each open for two days. */
static void round_dates(const struct demo_options *o, int step, char opened[21],
			char closed[21])
{
	char now[21];
	util_now_iso(now);
	long long days = 10 + 56 * ((long long)o->rounds - 1 - step);
	shift_seconds(now, -days * 86400, opened);
	shift_seconds(now, (-days + 2) * 86400, closed);
}

/* Person i's times in a round that opened at opened: they finish over
 * its first day (from one hour to eight after the opening, spread by
 * their number so the same seed gives the same times), having taken the
 * questions one by one at their own pace (for aimap analyze). */
static void person_times(const struct questionnaire *q, const double *base,
			 const struct submission *sub, uint64_t seed,
			 const char *opened, int i, char started[21],
			 char finished[21], char (*answered_at)[21])
{
	long long minutes = 60 + (long long)i * 37 % 420;
	shift_seconds(opened, minutes * 60, finished);
	demo_pace(q, base, sub, seed, finished, started, answered_at);
}

/* People in the round of step: later rounds, most people come back, a
 * few are new. */
static int round_people(const struct demo_options *o, int step)
{
	return (int)o->respondents + (int)(o->respondents * 0.05 * step);
}

/* Responses written in one transaction: far fewer commits than one a
 * response, and a WAL that stays small however large the demo. */
#define DEMO_BATCH 10000

/* The people of the batch that starts with person i. */
static int batch_size(int people, int i)
{
	return people - i < DEMO_BATCH ? people - i : DEMO_BATCH;
}

/* respondents[i]: person i's respondent row (0 until they first answer),
 * so that a person's rounds are linked without a name. */
static enum store_status
fill_round(struct store *store, const struct store_round *round,
	   const struct questionnaire *q, const struct demo_persona *personas,
	   int npersonas, const struct demo_options *o, int step,
	   const char *opened, long long *respondents)
{
	char(*at)[21] = xcalloc((size_t)q->nquestions + 1, sizeof(*at));
	double *base = demo_pace_base(q);
	struct demo_rng rng;
	demo_rng_seed(&rng, (uint64_t)o->seed * 31 + (uint64_t)step);
	int people = round_people(o, step);
	enum store_status st =
	    store_batch_begin_responses(store, batch_size(people, 0));
	for (int i = 0; i < people && st == STORE_OK; i++) {
		if (i > 0 && i % DEMO_BATCH == 0) {
			st = store_batch_end(store, st);
			if (st == STORE_OK)
				st = store_batch_begin_responses(
				    store, batch_size(people, i));
			if (st != STORE_OK)
				break;
		}
		if (step > 0 && i < o->respondents &&
		    demo_rng_unit(&rng) < 0.15)
			continue; /* did not return */
		struct submission sub;
		demo_respondent(q, personas, npersonas, i, step, &rng, &sub);
		struct scoring_result r;
		scoring_classify(q, &(struct scoring_input){sub.choices}, &r);
		char uuid[37], started[21], finished[21];
		person_times(q, base, &sub,
			     (uint64_t)o->seed * 1000003 +
				 (uint64_t)step * 7919 + (uint64_t)i,
			     opened, i, started, finished, at);
		const struct store_times times = {
		    .started_at = started,
		    .finished_at = finished,
		    .answered_at = (const char(*)[21])at,
		};
		st = store_response_submit_as(store, round, q, &sub, &r, NULL,
					      &times, &respondents[i], uuid);
		submission_free(&sub);
	}
	free(base);
	free(at);
	return store_batch_end(store, st);
}

static bool make_round(struct store *store, const struct questionnaire *q,
		       long long qid, const struct demo_options *o, int step,
		       struct store_round *round)
{
	char code[STORE_MAX_CODE + 1], name[64];
	snprintf(code, sizeof(code), "%.12s-%c", o->code, (char)('1' + step));
	if (step == 0)
		snprintf(name, sizeof(name), "Demo: the baseline");
	else
		snprintf(name, sizeof(name), "Demo: %d weeks later", 8 * step);
	int n;
	const struct demo_department *d = demo_departments(&n);
	char **names = xcalloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++)
		names[i] = (char *)d[i].name;
	enum store_status st =
	    store_round_create(store, name, code, qid, names, n, round);
	free(names);
	if (st == STORE_ERR_EXISTS)
		cli_error("a round with code '%s' exists already (choose "
			  "another with --code)",
			  code);
	else if (st != STORE_OK)
		cli_error("%s", store_error(store));
	(void)q;
	return st == STORE_OK;
}

/* Each round closed, so no respondent picks a demo round and no command
 * takes one for the current round. */
static bool date_round(struct store *store, const struct store_round *round,
		       const char *opened, const char *closed)
{
	if (store_round_backdate(store, round->code, opened, closed) ==
	    STORE_OK)
		return true;
	cli_error("%s", store_error(store));
	return false;
}

/* The demo's own database unless --db or AIMAP_DB names one. */
static char *demo_db(struct cli *cli)
{
	if (cli->db_path != NULL && *cli->db_path != '\0')
		return NULL;
	char *path = paths_demo_db();
	cli->db_path = path;
	return path;
}

static int demo_run(struct cli *cli, int argc, char **argv)
{
	struct demo_options o = {120, 1, 2, "DEMO", "ai-maturity"};
	int status = cli_parse_only_options(&cmd_demo, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct questionnaire *q = cli_load_questionnaire(cli, o.questionnaire);
	if (q == NULL)
		return EXIT_RUNTIME;
	char *own_db = demo_db(cli);
	int npersonas = 0;
	struct demo_persona *personas = load_personas(q, &npersonas);
	struct store *store = npersonas > 0 ? cli_open_store(cli) : NULL;
	long long qid;
	long long *respondents = xcalloc(
	    (size_t)round_people(&o, (int)o.rounds - 1), sizeof(long long));
	status = EXIT_RUNTIME;
	if (store == NULL ||
	    store_questionnaire_save(store, q, &qid) != STORE_OK)
		goto out;
	for (int step = 0; step < o.rounds; step++) {
		struct store_round round;
		if (!make_round(store, q, qid, &o, step, &round))
			goto out;
		char opened[21], closed[21];
		round_dates(&o, step, opened, closed);
		enum store_status st =
		    fill_round(store, &round, q, personas, npersonas, &o, step,
			       opened, respondents);
		if (st != STORE_OK) {
			cli_error("%s", store_error(store));
			/* batches are committed one by one: take the
			 * round's away again (a full disk may refuse even
			 * that; the round is then left to delete) */
			int n;
			(void)store_round_delete(store, round.code, true, &n);
		}
		if (st != STORE_OK ||
		    !date_round(store, &round, opened, closed)) {
			store_round_free(&round);
			goto out;
		}
		printf("%s\n", round.code);
		store_round_free(&round);
	}
	fprintf(stderr,
		"aimap: a synthetic organisation of %ld people from "
		"%d personas in %s; try: %s %s%s%sdashboard -r %s-%ld\n",
		o.respondents, npersonas, store_path(store),
		cli->program ? cli->program : "aimap", own_db ? "--db " : "",
		own_db ? own_db : "", own_db ? " " : "", o.code, o.rounds);
	status = EXIT_OK;
out:
	free(respondents);
	demo_free_personas(personas, npersonas);
	store_close(store);
	questionnaire_free(q);
	if (own_db != NULL)
		cli->db_path = NULL;
	free(own_db);
	return status;
}

const struct cli_command cmd_demo = {
    "demo",
    "[--respondents N] [--seed S] [--rounds R] [--code CODE] "
    "[-q QUESTIONNAIRE]",
    "Fill the database with a synthetic organisation drawn from personas, "
    "to try the dashboard.",
    demo_run,
    options,
};
