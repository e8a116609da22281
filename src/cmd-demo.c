/* aimap demo: fill a database with a synthetic organisation, to try the
 * dashboard and reports without a real round, and for benchmarks. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int parse_options(int argc, char **argv, struct demo_options *o)
{
	static const struct option longopts[] = {
	    {"respondents", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'},
	    {"rounds", required_argument, NULL, 'R'},
	    {"code", required_argument, NULL, 'c'},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "n:q:", longopts, NULL)) != -1) {
		bool ok = true;
		switch (c) {
		case 'n':
			ok = util_parse_int(optarg, 1, 10000000,
					    &o->respondents);
			break;
		case 's':
			ok = util_parse_int(optarg, 0, 2147483647, &o->seed);
			break;
		case 'R':
			ok = util_parse_int(optarg, 1, 9, &o->rounds);
			break;
		case 'c':
			o->code = optarg;
			break;
		case 'q':
			o->questionnaire = optarg;
			break;
		default:
			return cli_usage(&cmd_demo,
					 "unknown option or missing "
					 "value in '%s'",
					 argv[optind - 1]);
		}
		if (!ok)
			return cli_usage(&cmd_demo,
					 "'%s' is not a valid "
					 "number for %s",
					 optarg, argv[optind - 2]);
	}
	if (optind < argc)
		return cli_usage(&cmd_demo, "unexpected '%s'", argv[optind]);
	return EXIT_OK;
}

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

static enum store_status
fill_round(struct store *store, const struct store_round *round,
	   const struct questionnaire *q, const struct demo_persona *personas,
	   int npersonas, const struct demo_options *o, int step)
{
	struct demo_rng rng;
	demo_rng_seed(&rng, (uint64_t)o->seed * 31 + (uint64_t)step);
	/* later rounds: most people come back, a few are new */
	int people = (int)o->respondents + (int)(o->respondents * 0.05 * step);
	enum store_status st = store_batch_begin(store);
	for (int i = 0; i < people && st == STORE_OK; i++) {
		if (step > 0 && i < o->respondents &&
		    demo_rng_unit(&rng) < 0.15)
			continue; /* did not return */
		struct submission sub;
		demo_respondent(q, personas, npersonas, i, step, &rng, &sub);
		struct scoring_result r;
		scoring_classify(q, &(struct scoring_input){sub.choices}, &r);
		char uuid[37];
		st = store_response_submit(store, round, q, &sub, &r, uuid);
		submission_free(&sub);
	}
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

static int demo_run(struct cli *cli, int argc, char **argv)
{
	struct demo_options o = {120, 1, 2, "DEMO", "ai-maturity"};
	int status = parse_options(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct questionnaire *q = cli_load_questionnaire(cli, o.questionnaire);
	if (q == NULL)
		return EXIT_RUNTIME;
	int npersonas = 0;
	struct demo_persona *personas = load_personas(q, &npersonas);
	struct store *store = npersonas > 0 ? cli_open_store(cli) : NULL;
	long long qid;
	status = EXIT_RUNTIME;
	if (store == NULL ||
	    store_questionnaire_save(store, q, &qid) != STORE_OK)
		goto out;
	for (int step = 0; step < o.rounds; step++) {
		struct store_round round;
		if (!make_round(store, q, qid, &o, step, &round))
			goto out;
		enum store_status st =
		    fill_round(store, &round, q, personas, npersonas, &o, step);
		if (st != STORE_OK) {
			cli_error("%s", store_error(store));
			store_round_free(&round);
			goto out;
		}
		printf("%s\n", round.code);
		store_round_free(&round);
	}
	fprintf(stderr,
		"aimap: a synthetic organisation of %ld people from "
		"%d personas; try: aimap dashboard -r %s-%ld\n",
		o.respondents, npersonas, o.code, o.rounds);
	status = EXIT_OK;
out:
	demo_free_personas(personas, npersonas);
	store_close(store);
	questionnaire_free(q);
	return status;
}

const struct cli_command cmd_demo = {
    "demo",
    "[--respondents N] [--seed S] [--rounds R] [--code CODE] "
    "[-q QUESTIONNAIRE]",
    "Fill the database with a synthetic organisation drawn from personas, "
    "to try the dashboard.",
    demo_run,
    NULL, /* options: read by the command itself, for now */
};
