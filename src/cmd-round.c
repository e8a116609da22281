/* SPDX-License-Identifier: MIT */
/* aimap round new|list|show|open|close: workshop rounds. A round asks one
 * questionnaire of one group of people and is known by a short code. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static bool code_is_valid(const char *code)
{
	size_t len = strlen(code);
	if (len < 2 || len > STORE_MAX_CODE)
		return false;
	for (const char *p = code; *p != '\0'; p++)
		if (!isascii((unsigned char)*p) ||
		    !(isalnum((unsigned char)*p) || *p == '-'))
			return false;
	return true;
}

static int report_store_failure(struct store *store, enum store_status st,
				const char *code)
{
	if (st == STORE_ERR_NOT_FOUND)
		cli_error("no round with code '%s' (see: aimap round list)",
			  code);
	else
		cli_error("%s", store_error(store));
	return EXIT_RUNTIME;
}

struct new_options {
	const char *questionnaire;
	const char *code;
	long min_group; /* 0: the default */
	struct cli_list departments;
};

static const struct cli_option options[] = {
    {"questionnaire", 'q', "QUESTIONNAIRE",
     "the questionnaire of the new round: a path, or an id such as "
     "ai-maturity",
     CLI_TEXT(struct new_options, questionnaire)},
    {"department", 'd', "DEPARTMENT",
     "a department the new round's respondents choose from, one -d each "
     "(without any, they type their own)",
     CLI_LIST(struct new_options, departments)},
    {"code", 'c', "CODE",
     "the new round's code: 2 to 16 letters, digits or dashes (default: a "
     "random one)",
     CLI_TEXT(struct new_options, code)},
    {"min-group", 0, "N",
     "the smallest group the new round's reports show, 1 to 1000 "
     "(default: 5)",
     CLI_INT(struct new_options, min_group, 1, 1000)},
    {0},
};

/* Parses "new" options; returns the number of operands (now argv[1] ..
 * argv[n]), or -1 after printing a usage error. */
static int parse_new_options(int argc, char **argv, struct new_options *o)
{
	int n = cli_parse_options(&cmd_round, argc, argv, o);
	for (int i = 0; n >= 0 && i < o->departments.count; i++)
		if (*o->departments.items[i] == '\0') {
			cli_usage(&cmd_round, "an empty department name");
			return -1;
		}
	return n;
}

/* Store the questionnaire's text and the round; prints any failure. */
static bool create_round(struct cli *cli, const struct questionnaire *q,
			 const char *name, const struct new_options *o,
			 struct store_round *round)
{
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return false;
	long long qid;
	enum store_status st = store_questionnaire_save(store, q, &qid);
	if (st == STORE_OK)
		st = store_round_create(store, name, o->code, qid,
					o->departments.items,
					o->departments.count, round);
	if (st == STORE_OK && o->min_group > 0) {
		st = store_round_set_min_group(store, round->code,
					       (int)o->min_group);
		round->min_group = (int)o->min_group;
	}
	if (st == STORE_ERR_EXISTS)
		cli_error("a round with code '%s' exists already", o->code);
	else if (st != STORE_OK)
		cli_error("%s", store_error(store));
	store_close(store);
	return st == STORE_OK;
}

static int round_new(struct cli *cli, int argc, char **argv)
{
	struct new_options o = {0};
	int n = parse_new_options(argc, argv, &o);
	int status = EXIT_USAGE;
	if (n < 0)
		goto out;
	if (n != 1 || *argv[1] == '\0') {
		cli_usage(&cmd_round, "round new needs one NAME");
		goto out;
	}
	if (o.questionnaire == NULL) {
		cli_usage(&cmd_round, "round new needs -q QUESTIONNAIRE");
		goto out;
	}
	if (o.code != NULL && !code_is_valid(o.code)) {
		cli_usage(&cmd_round,
			  "code '%s' must be 2 to %d letters, "
			  "digits or dashes",
			  o.code, STORE_MAX_CODE);
		goto out;
	}
	status = EXIT_RUNTIME;
	struct questionnaire *q = cli_load_questionnaire(cli, o.questionnaire);
	struct store_round round = {0};
	if (q != NULL && create_round(cli, q, argv[1], &o, &round)) {
		printf("%s\n", round.code);
		fprintf(stderr,
			"aimap: round %s \"%s\" is open (%s v%d); "
			"respondents use: aimap take -r %s\n",
			round.code, round.name, q->id, q->version, round.code);
		status = EXIT_OK;
	}
	store_round_free(&round);
	questionnaire_free(q);
out:
	free(o.departments.items);
	return status;
}

static void print_round_table(const struct store_round *rounds, int count)
{
	int wq = (int)strlen("QUESTIONNAIRE"), wc = (int)strlen("CODE");
	char qname[64];
	for (int i = 0; i < count; i++) {
		int n = snprintf(qname, sizeof(qname), "%s v%d",
				 rounds[i].questionnaire,
				 rounds[i].questionnaire_version);
		if (n > wq)
			wq = n;
		if ((int)strlen(rounds[i].code) > wc)
			wc = (int)strlen(rounds[i].code);
	}
	printf("%-*s  %-6s  %-*s  %5s  %11s  %-10s  %s\n", wc, "CODE", "STATE",
	       wq, "QUESTIONNAIRE", "DONE", "IN PROGRESS", "CREATED", "NAME");
	for (int i = 0; i < count; i++) {
		const struct store_round *r = &rounds[i];
		snprintf(qname, sizeof(qname), "%s v%d", r->questionnaire,
			 r->questionnaire_version);
		printf("%-*s  %-6s  %-*s  %5d  %11d  %-10.10s  %s\n", wc,
		       r->code, r->open ? "open" : "closed", wq, qname,
		       r->completed, r->in_progress, r->created_at, r->name);
	}
}

static int round_list(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_round, "round list takes no arguments");
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round *rounds;
	int count;
	enum store_status st = store_round_list(store, &rounds, &count);
	if (st != STORE_OK) {
		report_store_failure(store, st, "");
		store_close(store);
		return EXIT_RUNTIME;
	}
	if (count == 0)
		printf("No rounds yet. Start one with: aimap round new NAME "
		       "-q ai-maturity\n");
	else
		print_round_table(rounds, count);
	store_round_list_free(rounds, count);
	store_close(store);
	return EXIT_OK;
}

static int round_show(struct cli *cli, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(&cmd_round, "round show needs one CODE");
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round r;
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK)
		st = store_round_count(store, &r);
	if (st != STORE_OK) {
		report_store_failure(store, st, argv[1]);
		store_close(store);
		return EXIT_RUNTIME;
	}
	printf("code:          %s\nname:          %s\nstate:         %s\n"
	       "questionnaire: %s v%d\ncreated:       %s\n"
	       "responses:     %d completed, %d in progress\n"
	       "min. group:    %d\ndepartments:   ",
	       r.code, r.name, r.open ? "open" : "closed", r.questionnaire,
	       r.questionnaire_version, r.created_at, r.completed,
	       r.in_progress, r.min_group);
	if (r.ndepartments == 0)
		printf("(any: respondents type their own)");
	for (int i = 0; i < r.ndepartments; i++)
		printf("%s%s", i ? ", " : "", r.departments[i]);
	printf("\n");
	if (r.abandoned > 0)
		printf("abandoned:     %d (kept, not counted as in progress)\n",
		       r.abandoned);
	store_round_free(&r);
	store_close(store);
	return EXIT_OK;
}

/* round prune CODE [MINUTES]: close the sessions nobody will finish, so
 * that "everyone has answered" can become true. */
static int round_prune(struct cli *cli, int argc, char **argv)
{
	if (argc != 2 && argc != 3)
		return cli_usage(&cmd_round, "round prune needs a CODE and "
					     "may take MINUTES");
	long minutes = 60;
	if (argc == 3 && !util_parse_int(argv[2], 0, 525600, &minutes))
		return cli_usage(&cmd_round,
				 "MINUTES must be a whole number from 0 to "
				 "525600, not '%s'",
				 argv[2]);
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round r;
	int count = 0;
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK) {
		st = store_round_prune(store, r.id, (int)minutes, &count);
		store_round_free(&r);
	}
	int status = EXIT_OK;
	if (st != STORE_OK)
		status = report_store_failure(store, st, argv[1]);
	else
		printf("Round %s: %d unfinished response%s with no answer for "
		       "%ld minutes kept as abandoned.\n",
		       argv[1], count, count == 1 ? "" : "s", minutes);
	store_close(store);
	return status;
}

static int round_set_open(struct cli *cli, int argc, char **argv, bool open)
{
	if (argc != 2)
		return cli_usage(&cmd_round, "round %s needs one CODE",
				 open ? "open" : "close");
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	enum store_status st = store_round_set_open(store, argv[1], open);
	int status = EXIT_OK;
	if (st != STORE_OK)
		status = report_store_failure(store, st, argv[1]);
	else
		printf("Round %s is %s.\n", argv[1],
		       open ? "open" : "closed: it takes no more answers");
	store_close(store);
	return status;
}

static int round_run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_round, "which: new, list, show, open, "
					     "close or prune?");
	const char *sub = argv[1];
	if (strcmp(sub, "new") == 0)
		return round_new(cli, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return round_list(cli, argc - 1, argv + 1);
	if (strcmp(sub, "show") == 0)
		return round_show(cli, argc - 1, argv + 1);
	if (strcmp(sub, "open") == 0)
		return round_set_open(cli, argc - 1, argv + 1, true);
	if (strcmp(sub, "close") == 0)
		return round_set_open(cli, argc - 1, argv + 1, false);
	if (strcmp(sub, "prune") == 0)
		return round_prune(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_round, "unknown subcommand '%s'", sub);
}

const struct cli_command cmd_round = {
    "round",
    "new NAME -q QUESTIONNAIRE [-d DEPARTMENT]... [--code CODE]\n"
    "       [--min-group N]\n"
    "       aimap round list | show CODE | open CODE | close CODE\n"
    "       aimap round prune CODE [MINUTES]",
    "Open, list, show, reopen and close workshop rounds.",
    round_run,
    options,
};
