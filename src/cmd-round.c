/* SPDX-License-Identifier: MIT */
/* aimap round new|list|show|open|close|rename|departments|delete: workshop
 * rounds. A round asks one questionnaire of one group of people and is
 * known by a short code. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "participation.h"

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

/* Department names given on the command line: none empty, none given
 * twice, whatever the case ("-d Sales -d sales" is one department). */
static bool round_departments_check(const struct cli_command *cmd,
				    const struct cli_list *list)
{
	for (int i = 0; i < list->count; i++) {
		if (*list->items[i] == '\0') {
			cli_usage(cmd, "an empty department name");
			return false;
		}
		for (int j = 0; j < i; j++)
			if (strcasecmp(list->items[i], list->items[j]) == 0) {
				cli_usage(cmd,
					  "department '%s' is given twice "
					  "(departments ignore case: '%s')",
					  list->items[i], list->items[j]);
				return false;
			}
	}
	return true;
}

struct new_options {
	const char *questionnaire;
	const char *code;
	long min_group; /* 0: the default */
	bool small_gaps;
	struct cli_list departments;
	bool invitations_only;
};

static const struct cli_option new_options_table[] = {
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
    {"invitations-only", 0, NULL,
     "nobody answers the new round without an invitation code (aimap "
     "invite)",
     CLI_FLAG(struct new_options, invitations_only)},
    {"small-gaps", 0, NULL,
     "show a department's perception gap even when its team is under the "
     "minimum group size (its leaders can read their small team's split)",
     CLI_FLAG(struct new_options, small_gaps)},
    {0},
};

static const struct cli_command round_new_command = {
    "round new",
    "NAME -q QUESTIONNAIRE [-d DEPARTMENT]... [--code CODE]\n"
    "       [--min-group N] [--invitations-only] [--small-gaps]",
    "",
    NULL,
    new_options_table,
};

/* Parses "new" options; returns the number of operands (now argv[1] ..
 * argv[n]), or -1 after printing a usage error. */
static int parse_new_options(int argc, char **argv, struct new_options *o)
{
	int n = cli_parse_options(&round_new_command, argc, argv, o);
	if (n >= 0 &&
	    !round_departments_check(&round_new_command, &o->departments))
		return -1;
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
	if (st == STORE_OK && o->invitations_only) {
		st = store_round_set_invitations_only(store, round->id, true);
		round->invitations_only = true;
	}
	if (st == STORE_OK && o->small_gaps) {
		st = store_round_set_small_gaps(store, round->code, true);
		round->small_gaps = true;
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
		cli_usage(&round_new_command, "round new needs one NAME");
		goto out;
	}
	if (o.questionnaire == NULL) {
		cli_usage(&round_new_command,
			  "round new needs -q QUESTIONNAIRE");
		goto out;
	}
	if (o.code != NULL && !code_is_valid(o.code)) {
		cli_usage(&round_new_command,
			  "code '%s' must be 2 to %d letters, "
			  "digits or dashes",
			  o.code, STORE_MAX_CODE);
		goto out;
	}
	status = EXIT_RUNTIME;
	struct questionnaire *q = cli_load_questionnaire(cli, o.questionnaire);
	struct store_round round = {0};
	if (q != NULL && create_round(cli, q, argv[1], &o, &round)) {
		const char *program = cli->program ? cli->program : "aimap";
		printf("%s\n", round.code);
		if (round.invitations_only)
			fprintf(stderr,
				"aimap: round %s \"%s\" is open (%s v%d) to "
				"invited people only; make their codes with: "
				"%s invite -r %s --from FILE\n",
				round.code, round.name, q->id, q->version,
				program, round.code);
		else
			fprintf(stderr,
				"aimap: round %s \"%s\" is open (%s v%d); "
				"respondents use: %s take -r %s\n",
				round.code, round.name, q->id, q->version,
				program, round.code);
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
	int wd = 5; /* DONE's column, wider for a million */
	char qname[64];
	for (int i = 0; i < count; i++) {
		int n = snprintf(NULL, 0, "%d", rounds[i].completed);
		if (n > wd)
			wd = n;
		n = snprintf(qname, sizeof(qname), "%s v%d",
			     rounds[i].questionnaire,
			     rounds[i].questionnaire_version);
		if (n > wq)
			wq = n;
		if ((int)strlen(rounds[i].code) > wc)
			wc = (int)strlen(rounds[i].code);
	}
	printf("%-*s  %-6s  %-*s  %*s  %11s  %-10s  %s\n", wc, "CODE", "STATE",
	       wq, "QUESTIONNAIRE", wd, "DONE", "IN PROGRESS", "CREATED",
	       "NAME");
	for (int i = 0; i < count; i++) {
		const struct store_round *r = &rounds[i];
		snprintf(qname, sizeof(qname), "%s v%d", r->questionnaire,
			 r->questionnaire_version);
		printf("%-*s  %-6s  %-*s  %*d  %11d  %-10.10s  %s\n", wc,
		       r->code, r->open ? "open" : "closed", wq, qname, wd,
		       r->completed, r->in_progress, r->created_at, r->name);
	}
}

static int round_list(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_round, "round list takes no arguments");
	cli->to_read = true;
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
	cli->to_read = true;
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
	if (r.small_gaps)
		printf("small gaps:    shown (a team under %d shows its "
		       "perception gap)\n",
		       r.min_group);
	if (r.invitations_only || r.has_invitations)
		printf("invitations:   %s\n",
		       r.invitations_only
			   ? "required: nobody answers without a code"
			   : "optional: people may also answer without a code");
	if (r.has_invitations && !participation_print(store, r.id, stdout)) {
		cli_error("%s", store_error(store));
		store_round_free(&r);
		store_close(store);
		return EXIT_RUNTIME;
	}
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

/* ---- mending a round: rename, departments, delete ---------------------- */

static int round_rename(struct cli *cli, int argc, char **argv)
{
	if (argc != 3 || *argv[2] == '\0')
		return cli_usage(&cmd_round,
				 "round rename needs a CODE and the "
				 "new NAME");
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round r;
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK)
		st = store_round_rename(store, r.code, argv[2]);
	int status = EXIT_OK;
	if (st != STORE_OK)
		status = report_store_failure(store, st, argv[1]);
	else
		printf("Round %s is now \"%s\" (was \"%s\").\n", r.code,
		       argv[2], r.name);
	store_round_free(&r);
	store_close(store);
	return status;
}

struct departments_options {
	struct cli_list add, remove;
};

static const struct cli_option departments_options_table[] = {
    {"add", 'a', "DEPARTMENT",
     "add a department to the round's list, one --add each",
     CLI_LIST(struct departments_options, add)},
    {"remove", 'x', "DEPARTMENT",
     "take a department off the list (answers given keep it)",
     CLI_LIST(struct departments_options, remove)},
    {0},
};

static const struct cli_command round_departments_command = {
    "round departments",
    "CODE [--add DEPARTMENT]... [--remove DEPARTMENT]...",
    "",
    NULL,
    departments_options_table,
};

/* Every name to remove is on the round's list (a typo gets a
 * suggestion), and every name to add is not, whatever the case. */
static bool departments_plan_check(const struct store_round *r,
				   const struct departments_options *o)
{
	const char *const *have = (const char *const *)r->departments;
	for (int i = 0; i < o->remove.count; i++) {
		const char *name = o->remove.items[i];
		bool found = false;
		for (int k = 0; k < r->ndepartments && !found; k++)
			found = strcasecmp(name, have[k]) == 0;
		if (found)
			continue;
		const char *near =
		    util_closest_word(name, have, r->ndepartments);
		cli_error("round %s has no department '%s'%s%s%s", r->code,
			  name, near ? " (did you mean '" : "",
			  near ? near : "", near ? "'?)" : "");
		return false;
	}
	for (int i = 0; i < o->add.count; i++) {
		const char *name = o->add.items[i];
		bool removed = false;
		for (int k = 0; k < o->remove.count && !removed; k++)
			removed = strcasecmp(name, o->remove.items[k]) == 0;
		for (int k = 0; k < r->ndepartments && !removed; k++)
			if (strcasecmp(name, have[k]) == 0) {
				cli_error("round %s has department '%s' "
					  "already (departments ignore case)",
					  r->code, have[k]);
				return false;
			}
	}
	return true;
}

static void print_departments(const struct store_round *r)
{
	printf("Round %s: ", r->code);
	if (r->ndepartments == 0)
		printf("no list: respondents type their own department.\n");
	for (int i = 0; i < r->ndepartments; i++)
		printf("%s%s", i ? ", " : "", r->departments[i]);
	if (r->ndepartments > 0)
		printf(".\n");
}

static enum store_status departments_apply(struct store *store,
					   struct store_round *r,
					   const struct departments_options *o)
{
	enum store_status st = store_round_departments_change(
	    store, r->code, o->add.items, o->add.count, o->remove.items,
	    o->remove.count);
	char code[STORE_MAX_CODE + 1];
	memcpy(code, r->code, sizeof(code));
	store_round_free(r);
	if (st == STORE_OK)
		st = store_round_find(store, code, r);
	return st;
}

static int round_departments(struct cli *cli, int argc, char **argv)
{
	struct departments_options o = {0};
	int n = cli_parse_options(&round_departments_command, argc, argv, &o);
	int status = EXIT_USAGE;
	if (n >= 0 && n != 1)
		cli_usage(&round_departments_command,
			  "round departments needs one CODE");
	if (n != 1 ||
	    !round_departments_check(&round_departments_command, &o.add) ||
	    !round_departments_check(&round_departments_command, &o.remove))
		goto out;
	status = EXIT_RUNTIME;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		goto out;
	struct store_round r;
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK && !departments_plan_check(&r, &o)) {
		store_round_free(&r);
		store_close(store);
		goto out;
	}
	if (st == STORE_OK && (o.add.count > 0 || o.remove.count > 0))
		st = departments_apply(store, &r, &o);
	if (st == STORE_OK) {
		print_departments(&r);
		status = EXIT_OK;
	} else {
		report_store_failure(store, st, argv[1]);
	}
	store_round_free(&r);
	store_close(store);
out:
	free(o.add.items);
	free(o.remove.items);
	return status;
}

struct delete_options {
	bool force, yes;
};

static const struct cli_option delete_options_table[] = {
    {"force", 0, NULL,
     "delete the round even though it holds responses (they go with it)",
     CLI_FLAG(struct delete_options, force)},
    {"yes", 'y', NULL, "do not ask before deleting",
     CLI_FLAG(struct delete_options, yes)},
    {0},
};

static const struct cli_command round_delete_command = {
    "round delete", "CODE [--force] [--yes]", "", NULL, delete_options_table,
};

/* Ask on the terminal; anything but y or yes keeps the round. */
static bool confirm_delete(const struct store_round *r)
{
	fprintf(stderr,
		"Delete round %s \"%s\" (%d completed, %d in progress)? "
		"This cannot be undone. [y/N] ",
		r->code, r->name, r->completed, r->in_progress);
	fflush(stderr);
	char line[16];
	if (fgets(line, sizeof(line), stdin) == NULL)
		return false;
	line[strcspn(line, "\n")] = '\0';
	return strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0;
}

/* The refusal of a round that holds responses, with the way out. */
static void refuse_delete(const struct store_round *r, int responses)
{
	cli_error("round %s holds %d response%s (%d completed, %d in "
		  "progress); to delete them with it add --force (keep a copy "
		  "first: aimap export responses -r %s -o FILE)",
		  r->code, responses, responses == 1 ? "" : "s", r->completed,
		  r->in_progress, r->code);
}

static int delete_found(struct store *store, struct store_round *r,
			const struct delete_options *o)
{
	int held = r->completed + r->in_progress;
	if (held > 0 && !o->force) {
		refuse_delete(r, held);
		return EXIT_RUNTIME;
	}
	if (!o->yes && !isatty(STDIN_FILENO))
		return cli_usage(&round_delete_command,
				 "round delete asks before deleting: run it "
				 "in a terminal, or add --yes");
	if (!o->yes && !confirm_delete(r)) {
		printf("Round %s is kept.\n", r->code);
		return EXIT_OK;
	}
	enum store_status st =
	    store_round_delete(store, r->code, o->force, &held);
	if (st == STORE_ERR_EXISTS) { /* answers arrived meanwhile */
		refuse_delete(r, held);
		return EXIT_RUNTIME;
	}
	if (st != STORE_OK)
		return report_store_failure(store, st, r->code);
	printf("Round %s \"%s\" is deleted, with %d response%s.\n", r->code,
	       r->name, held, held == 1 ? "" : "s");
	return EXIT_OK;
}

static int round_delete(struct cli *cli, int argc, char **argv)
{
	struct delete_options o = {0};
	int n = cli_parse_options(&round_delete_command, argc, argv, &o);
	if (n < 0)
		return EXIT_USAGE;
	if (n != 1)
		return cli_usage(&round_delete_command,
				 "round delete needs one CODE");
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round r;
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK)
		st = store_round_count(store, &r);
	int status = st == STORE_OK ? delete_found(store, &r, &o)
				    : report_store_failure(store, st, argv[1]);
	store_round_free(&r);
	store_close(store);
	return status;
}

/* ---- the subcommands ----------------------------------------------------- */

/* round small-gaps CODE on|off: the perception gap of a team under the
 * minimum group size, shown or not (see round new --small-gaps). */
static int round_small_gaps(struct cli *cli, int argc, char **argv)
{
	if (argc != 3 ||
	    (strcmp(argv[2], "on") != 0 && strcmp(argv[2], "off") != 0))
		return cli_usage(&cmd_round,
				 "round small-gaps needs a CODE and on or off");
	bool on = strcmp(argv[2], "on") == 0;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round r = {0};
	enum store_status st = store_round_find(store, argv[1], &r);
	if (st == STORE_OK)
		st = store_round_set_small_gaps(store, r.code, on);
	int status = EXIT_OK;
	if (st != STORE_OK)
		status = report_store_failure(store, st, argv[1]);
	else if (on)
		printf("Round %s shows the perception gap of teams under %d: "
		       "their leaders can read their team's split.\n",
		       r.code, r.min_group);
	else
		printf("Round %s shows no perception gap of a team under "
		       "%d.\n",
		       r.code, r.min_group);
	store_round_free(&r);
	store_close(store);
	return status;
}

static int round_open(struct cli *cli, int argc, char **argv)
{
	return round_set_open(cli, argc, argv, true);
}

static int round_close(struct cli *cli, int argc, char **argv)
{
	return round_set_open(cli, argc, argv, false);
}

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} subcommands[] = {
    {"new", round_new},	      {"list", round_list},
    {"show", round_show},     {"open", round_open},
    {"close", round_close},   {"prune", round_prune},
    {"rename", round_rename}, {"departments", round_departments},
    {"delete", round_delete}, {"small-gaps", round_small_gaps},
};

static int round_run(struct cli *cli, int argc, char **argv)
{
	const char *names[ARRAY_LEN(subcommands)];
	for (size_t i = 0; i < ARRAY_LEN(subcommands); i++)
		names[i] = subcommands[i].name;
	if (argc < 2)
		return cli_usage(&cmd_round,
				 "which: new, list, show, open, close, prune, "
				 "rename, departments, delete or small-gaps?");
	const char *sub = argv[1];
	for (size_t i = 0; i < ARRAY_LEN(subcommands); i++)
		if (strcmp(sub, subcommands[i].name) == 0)
			return subcommands[i].run(cli, argc - 1, argv + 1);
	const char *near =
	    util_closest_word(sub, names, (int)ARRAY_LEN(subcommands));
	if (near != NULL)
		return cli_usage(&cmd_round,
				 "unknown subcommand '%s' (did you mean %s?)",
				 sub, near);
	return cli_usage(&cmd_round, "unknown subcommand '%s'", sub);
}

/* Every option of every subcommand, for aimap round --help (and the test
 * that holds aimap(1) to it); each subcommand reads its own table. */
static const struct cli_option options[] = {
    {"questionnaire", 'q', "QUESTIONNAIRE",
     "new: the questionnaire of the round, a path or an id such as "
     "ai-maturity",
     CLI_INFO},
    {"department", 'd', "DEPARTMENT",
     "new: a department respondents choose from, one -d each (without "
     "any, they type their own)",
     CLI_INFO},
    {"code", 'c', "CODE",
     "new: the round's code, 2 to 16 letters, digits or dashes (default: "
     "a random one)",
     CLI_INFO},
    {"min-group", 0, "N",
     "new: the smallest group the round's reports show, 1 to 1000 "
     "(default: 5)",
     CLI_INFO},
    {"invitations-only", 0, NULL,
     "new: nobody answers without an invitation code (aimap invite)", CLI_INFO},
    {"small-gaps", 0, NULL,
     "new: show a department's perception gap even when its team is under "
     "the minimum group size",
     CLI_INFO},
    {"add", 'a', "DEPARTMENT", "departments: add one, one --add each",
     CLI_INFO},
    {"remove", 'x', "DEPARTMENT",
     "departments: take one off the list (answers given keep it)", CLI_INFO},
    {"force", 0, NULL, "delete: even a round that holds responses", CLI_INFO},
    {"yes", 'y', NULL, "delete: do not ask first", CLI_INFO},
    {0},
};

const struct cli_command cmd_round = {
    "round",
    "new NAME -q QUESTIONNAIRE [-d DEPARTMENT]... [--code CODE]\n"
    "       [--min-group N] [--invitations-only] [--small-gaps]\n"
    "       aimap round list | show CODE | open CODE | close CODE\n"
    "       aimap round small-gaps CODE on|off\n"
    "       aimap round prune CODE [MINUTES]\n"
    "       aimap round rename CODE NAME\n"
    "       aimap round departments CODE [--add DEPARTMENT]...\n"
    "       [--remove DEPARTMENT]...\n"
    "       aimap round delete CODE [--force] [--yes]",
    "Open, list, show, reopen, close, prune, rename and delete workshop "
    "rounds, change the departments their respondents choose from, and "
    "allow the perception gap of small teams.",
    round_run,
    options,
};
