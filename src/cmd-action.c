/* SPDX-License-Identifier: MIT */
/* aimap action add|list|done: the actions a facilitator decided on for a
 * department, each with the round that prompted it and, when an action
 * rule picked it, the finding behind it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "csv.h"
#include "nextstep.h"
#include "report.h"
#include "safetext.h"
#include "table.h"
#include "textwrap.h"
#include "util.h"

struct action_options {
	const char *code;
	const char *department;
	const char *rule;
	const char *text;
	const char *owner;
	const char *due;
	const char *leaders;
	int format;
};

static const char *const format_names[] = {"text", "csv", NULL};
enum { ACTION_TEXT_MAX = 2000, ACTION_OWNER_MAX = 200 };

static const struct cli_option add_options[] = {
    CLI_ROUND_OPTION(struct action_options, code),
    {"department", 'd', "DEPARTMENT", "the department the action is for",
     CLI_TEXT(struct action_options, department)},
    {"rule", 0, "ID", "the action rule of the questionnaire it follows",
     CLI_TEXT(struct action_options, rule)},
    {"text", 't', "TEXT", "what is to be done (default: the rule's text)",
     CLI_TEXT(struct action_options, text)},
    {"owner", 0, "NAME", "who sees to it",
     CLI_TEXT(struct action_options, owner)},
    {"due", 0, "YYYY-MM-DD", "by when", CLI_TEXT(struct action_options, due)},
    {"leaders", 0, "CODE",
     "the leaders' round of the perception gap, for a rule on it",
     CLI_TEXT(struct action_options, leaders)},
    {0},
};

static const struct cli_option list_options[] = {
    {"round", 'r', "CODE", "only the actions of this round",
     CLI_TEXT(struct action_options, code)},
    {"format", 0, "text|csv", "an aligned table (default) or CSV",
     CLI_CHOICE(struct action_options, format, format_names)},
    {0},
};

static const struct cli_command action_add_command = {
    "action add",
    "-r CODE -d DEPARTMENT [--rule ID] [--text TEXT] [--owner NAME] "
    "[--due YYYY-MM-DD] [--leaders CODE]",
    "Record an action for a department.", NULL, add_options};
static const struct cli_command action_list_command = {
    "action list", "[-r CODE] [--format text|csv]", "List recorded actions.",
    NULL, list_options};

/* A real calendar date written YYYY-MM-DD. */
static bool date_valid(const char *s)
{
	int y, m, d;
	char end;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
	    strspn(s, "0123456789-") != 10)
		return false;
	static const int days[] = {31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

/* A value given on the command line: one line, printable, not too long;
 * false after saying what is wrong. */
static bool text_ok(const char *option, const char *value, size_t max)
{
	if (value == NULL)
		return true;
	if (value[0] == '\0') {
		cli_error("--%s is empty", option);
		return false;
	}
	if (strlen(value) > max) {
		cli_error("--%s is longer than %zu bytes", option, max);
		return false;
	}
	if (!safetext_is_clean(value, SAFETEXT_LINE)) {
		cli_error("--%s holds a control character or a line break; "
			  "write it on one line",
			  option);
		return false;
	}
	return true;
}

static bool add_check(const struct action_options *o)
{
	if (!text_ok("text", o->text, ACTION_TEXT_MAX) ||
	    !text_ok("owner", o->owner, ACTION_OWNER_MAX) ||
	    !text_ok("department", o->department, ACTION_OWNER_MAX))
		return false;
	if (o->due != NULL && !date_valid(o->due)) {
		cli_error(
		    "--due '%.40s' is not a date written YYYY-MM-DD, such "
		    "as 2026-03-31",
		    o->due);
		return false;
	}
	return true;
}

/* The department as the round's report names it; -1 after saying so. */
static int add_department(const struct report *r, const char *code,
			  const char *name)
{
	int d = nextstep_find_department(r, name);
	if (d >= 0)
		return d;
	const char **names =
	    xcalloc((size_t)r->ndepartments + 1, sizeof(*names));
	for (int i = 0; i < r->ndepartments; i++)
		names[i] = r->departments[i].label;
	const char *hint = util_closest_word(name, names, r->ndepartments);
	if (hint != NULL)
		cli_error("round %s has no department '%s'; did you mean "
			  "'%s'?",
			  code, name, hint);
	else
		cli_error("round %s has no department '%s' (see: aimap report "
			  "-r %s)",
			  code, name, code);
	free(names);
	return -1;
}

/* The rule's index in q; -1 after saying so. */
static int add_rule(const struct questionnaire *q, const char *id)
{
	int k = questionnaire_find_action(q, id);
	if (k >= 0)
		return k;
	const char **ids = xcalloc((size_t)q->nactions + 1, sizeof(*ids));
	for (int i = 0; i < q->nactions; i++)
		ids[i] = q->actions[i].id;
	const char *hint = util_closest_word(id, ids, q->nactions);
	if (hint != NULL)
		cli_error("questionnaire %s has no action rule '%s'; did you "
			  "mean '%s'?",
			  q->id, id, hint);
	else if (q->nactions == 0)
		cli_error("questionnaire %s has no action rules", q->id);
	else
		cli_error("questionnaire %s has no action rule '%s' (see: "
			  "aimap report, Next actions)",
			  q->id, id);
	free(ids);
	return -1;
}

/* Record it: the department and rule checked against the round's report,
 * the finding taken from it when the rule picks the action now. */
static int add_record(struct store *store, const struct store_round *round,
		      const struct report *r, const struct action_options *o)
{
	int d = add_department(r, round->code, o->department);
	int k = o->rule != NULL ? add_rule(r->q, o->rule) : 0;
	if (d < 0 || k < 0)
		return EXIT_RUNTIME;
	struct store_action a = {0};
	struct nextstep_department nd; /* a.finding may point into it */
	a.department = r->departments[d].label;
	a.text = (char *)o->text;
	a.owner = (char *)o->owner;
	snprintf(a.due, sizeof(a.due), "%s", o->due != NULL ? o->due : "");
	if (o->rule != NULL) {
		const struct qn_action_rule *rule = &r->q->actions[k];
		a.rule = rule->id;
		if (a.text == NULL)
			a.text = rule->text;
		nextstep_department(r, d, &nd);
		for (int i = 0; i < nd.nsteps; i++)
			if (nd.steps[i].rule == rule)
				a.finding = nd.steps[i].finding;
		if (a.finding == NULL)
			fprintf(stderr,
				"Note: rule %s does not pick an action for %s "
				"in round %s; recorded without a finding.\n",
				rule->id, a.department, round->code);
	}
	char now[21];
	util_now_iso(now);
	long long id;
	if (store_action_add(store, round->id, &a, now, &id) != STORE_OK) {
		cli_error("%s", store_error(store));
		return EXIT_RUNTIME;
	}
	printf("Recorded action %lld for %s (round %s).\n", id, a.department,
	       round->code);
	return EXIT_OK;
}

static int action_add(struct cli *cli, int argc, char **argv)
{
	struct action_options o = {0};
	if (cli_parse_only_options(&action_add_command, argc, argv, &o) !=
	    EXIT_OK)
		return EXIT_USAGE;
	if (o.department == NULL)
		return cli_usage(&cmd_action, "action add needs -d DEPARTMENT");
	if (o.text == NULL && o.rule == NULL)
		return cli_usage(&cmd_action,
				 "action add needs --text TEXT or --rule ID");
	if (!add_check(&o))
		return EXIT_RUNTIME;
	struct cli_rounds rounds;
	struct store *store = cli_open_rounds(cli, o.code, NULL, NULL, &rounds);
	if (store == NULL)
		return EXIT_RUNTIME;
	int status = EXIT_RUNTIME;
	struct store_round lead = {0};
	struct questionnaire *lead_q = NULL;
	struct report r = {0};
	if (!cli_load_rounds_questionnaires(store, &rounds) ||
	    (o.leaders != NULL &&
	     !cli_load_leaders_round(store, o.leaders, &lead, &lead_q)))
		goto out;
	if (report_build_paired(store, &rounds.round, rounds.q,
				REPORT_BY_DEPARTMENT, NULL, NULL,
				o.leaders != NULL ? &lead : NULL, lead_q,
				&r) != STORE_OK) {
		cli_error("%s", store_error(store));
		goto out;
	}
	status = add_record(store, &rounds.round, &r, &o);
out:
	report_free(&r);
	questionnaire_free(lead_q);
	store_round_free(&lead);
	cli_rounds_free(&rounds);
	store_close(store);
	return status;
}

static const char *action_status(const struct store_action *a)
{
	return a->done_at[0] != '\0' ? "done" : "open";
}

static void list_text(const struct store_action *rows, int n)
{
	if (n == 0) {
		printf("No actions recorded yet. Record one with: aimap action "
		       "add -r CODE -d DEPARTMENT --text TEXT\n");
		return;
	}
	/* The action's text is often longer than a line: the table holds
	 * the short columns, and each text follows, wrapped to 80 columns
	 * under its id, so nothing runs off the screen or is cut. */
	static const char *const head[] = {"ID>",    "ROUND", "DEPARTMENT",
					   "STATUS", "DUE",   "OWNER"};
	struct table t;
	table_init(&t, 6, head);
	for (int i = 0; i < n; i++) {
		char id[24], status[32];
		snprintf(id, sizeof(id), "%lld", rows[i].id);
		if (rows[i].done_at[0] != '\0')
			snprintf(status, sizeof(status), "done %.10s",
				 rows[i].done_at);
		else
			snprintf(status, sizeof(status), "open");
		char *dept = safetext_dup(rows[i].department, SAFETEXT_LINE);
		char *owner = safetext_dup(rows[i].owner, SAFETEXT_LINE);
		const char *cells[] = {id,     rows[i].round, dept,
				       status, rows[i].due,   owner};
		table_add(&t, cells);
		free(dept);
		free(owner);
	}
	table_print(&t, stdout, 0);
	table_free(&t);
	putchar('\n');
	int idw = 2; /* as wide as the table's ID column */
	for (int i = 0; i < n; i++) {
		char id[24];
		int w = snprintf(id, sizeof(id), "%lld", rows[i].id);
		if (w > idw)
			idw = w;
	}
	for (int i = 0; i < n; i++) {
		char *text = safetext_dup(rows[i].text, SAFETEXT_LINE);
		struct wrap_line *lines = NULL;
		int nl = textwrap_wrap(text, 80 - idw - 2, &lines);
		for (int k = 0; k < nl; k++) {
			if (k == 0)
				printf("%*lld  ", idw, rows[i].id);
			else
				printf("%*s  ", idw, "");
			printf("%.*s\n", (int)lines[k].len,
			       text + lines[k].start);
		}
		free(lines);
		free(text);
	}
}

static bool list_csv(const struct store_action *rows, int n)
{
	static const char *const head[] = {
	    "id",    "round", "department", "rule",	  "action", "finding",
	    "owner", "due",   "status",	    "created_at", "done_at"};
	struct csv_writer w;
	csv_init(&w, stdout, ',');
	for (size_t i = 0; i < ARRAY_LEN(head); i++)
		csv_text(&w, head[i]);
	csv_end_row(&w);
	for (int i = 0; i < n; i++) {
		const struct store_action *a = &rows[i];
		csv_int(&w, a->id);
		csv_text(&w, a->round);
		csv_text(&w, a->department);
		csv_text(&w, a->rule);
		csv_text(&w, a->text);
		csv_text(&w, a->finding);
		csv_text(&w, a->owner);
		csv_text(&w, a->due[0] != '\0' ? a->due : NULL);
		csv_text(&w, action_status(a));
		csv_time(&w, a->created_at);
		if (a->done_at[0] != '\0')
			csv_time(&w, a->done_at);
		else
			csv_empty(&w);
		csv_end_row(&w);
	}
	return csv_ok(&w);
}

static int action_list(struct cli *cli, int argc, char **argv)
{
	struct action_options o = {0};
	if (cli_parse_only_options(&action_list_command, argc, argv, &o) !=
	    EXIT_OK)
		return EXIT_USAGE;
	cli->to_read = true;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	int status = EXIT_RUNTIME;
	struct store_round round = {0};
	struct store_action *rows = NULL;
	int n = 0;
	enum store_status st = STORE_OK;
	if (o.code != NULL) {
		st = store_round_find(store, o.code, &round);
		if (st == STORE_ERR_NOT_FOUND) {
			cli_error("no round with code '%s' (see: aimap round "
				  "list)",
				  o.code);
			goto out;
		}
	}
	if (st == STORE_OK)
		st = store_action_list(store, round.id, &rows, &n);
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		goto out;
	}
	if (o.format == 1) {
		if (!list_csv(rows, n)) {
			cli_error("cannot write to standard output");
			goto out;
		}
	} else {
		list_text(rows, n);
	}
	status = EXIT_OK;
out:
	store_actions_free(rows, n);
	store_round_free(&round);
	store_close(store);
	return status;
}

static int action_done(struct cli *cli, int argc, char **argv)
{
	long id;
	if (argc != 2)
		return cli_usage(&cmd_action, "action done needs one ID");
	if (!util_parse_int(argv[1], 1, 2000000000, &id)) {
		cli_error("'%.40s' is not an action number (see: aimap action "
			  "list)",
			  argv[1]);
		return EXIT_RUNTIME;
	}
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	char now[21];
	util_now_iso(now);
	struct store_action a = {0};
	enum store_status st = store_action_done(store, id, now, &a);
	int status = EXIT_RUNTIME;
	if (st == STORE_OK) {
		char *dept = safetext_dup(a.department, SAFETEXT_LINE);
		printf("Action %ld for %s (round %s) is done.\n", id, dept,
		       a.round);
		free(dept);
		status = EXIT_OK;
	} else if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no action number %ld (see: aimap action list)", id);
	} else {
		cli_error("%s", store_error(store));
	}
	store_action_free(&a);
	store_close(store);
	return status;
}

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} subcommands[] = {
    {"add", action_add},
    {"list", action_list},
    {"done", action_done},
};

static int action_run(struct cli *cli, int argc, char **argv)
{
	const char *names[ARRAY_LEN(subcommands)];
	for (size_t i = 0; i < ARRAY_LEN(subcommands); i++)
		names[i] = subcommands[i].name;
	if (argc < 2)
		return cli_usage(&cmd_action, "which: add, list or done?");
	const char *sub = argv[1];
	for (size_t i = 0; i < ARRAY_LEN(subcommands); i++)
		if (strcmp(sub, subcommands[i].name) == 0)
			return subcommands[i].run(cli, argc - 1, argv + 1);
	const char *near =
	    util_closest_word(sub, names, (int)ARRAY_LEN(subcommands));
	if (near != NULL)
		return cli_usage(&cmd_action,
				 "unknown subcommand '%s' (did you mean %s?)",
				 sub, near);
	return cli_usage(&cmd_action, "unknown subcommand '%s'", sub);
}

/* Every option of every subcommand, for aimap action --help (and the test
 * that holds aimap(1) to it); each subcommand reads its own table. */
static const struct cli_option options[] = {
    {"round", 'r', "CODE",
     "add: the round whose results prompted it (default: the newest open "
     "round, else the newest); list: only this round's",
     CLI_INFO},
    {"department", 'd', "DEPARTMENT", "add: the department it is for",
     CLI_INFO},
    {"rule", 0, "ID",
     "add: the questionnaire's action rule it follows (its finding is "
     "kept)",
     CLI_INFO},
    {"text", 't', "TEXT", "add: what is to be done (default: the rule's)",
     CLI_INFO},
    {"owner", 0, "NAME", "add: who sees to it", CLI_INFO},
    {"due", 0, "YYYY-MM-DD", "add: by when", CLI_INFO},
    {"leaders", 0, "CODE",
     "add: the leaders' round of the perception gap, for a rule on it",
     CLI_INFO},
    {"format", 0, "text|csv", "list: an aligned table (default) or CSV",
     CLI_INFO},
    {0},
};

const struct cli_command cmd_action = {
    "action",
    "add -r CODE -d DEPARTMENT [--rule ID] [--text TEXT]\n"
    "       [--owner NAME] [--due YYYY-MM-DD] [--leaders CODE]\n"
    "       aimap action list [-r CODE] [--format text|csv]\n"
    "       aimap action done ID",
    "Record the actions decided for departments, list them, and mark them "
    "done.",
    action_run,
    options,
};
