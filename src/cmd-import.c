/* SPDX-License-Identifier: MIT */
/* aimap import FILE: the responses of an answers export added to the
 * database by the library's import (import.h), which checks every row,
 * scores each response again and stores nothing when anything is wrong;
 * this command loads the questionnaires given with -q and prints the
 * outcome. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "import.h"

static void print_outcome(const char *file, const struct import_result *r)
{
	cli_print_responses_outcome("Imported", file, r->responses);
	for (int i = 0; i < r->nrounds_made; i++)
		printf("Round %s is new here and closed (reopen it with: "
		       "aimap round open %s).\n",
		       r->rounds_made[i], r->rounds_made[i]);
}

/* Import path into the database, given the questionnaires of -q. */
static int import_into(struct cli *cli, const char *path,
		       struct questionnaire *const *given, int ngiven)
{
	const char *file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct import_result r;
	bool ok =
	    import_file(store, path, (const struct questionnaire *const *)given,
			ngiven, &r);
	if (ok) {
		print_outcome(file, &r);
	} else {
		fflush(stdout);
		fprintf(stderr, "%s\n", r.error);
		cli_error("%s: nothing was imported", file);
	}
	import_result_free(&r);
	store_close(store);
	return ok ? EXIT_OK : EXIT_RUNTIME;
}

struct import_options {
	struct cli_list questionnaires;
};

static const struct cli_option options[] = {
    {"questionnaire", 'q', "QUESTIONNAIRE",
     "a questionnaire this database does not hold yet, by path or id "
     "(repeatable)",
     CLI_LIST(struct import_options, questionnaires)},
    {0},
};

static int import_run(struct cli *cli, int argc, char **argv)
{
	struct import_options o = {0};
	int n = cli_parse_options(&cmd_import, argc, argv, &o);
	if (n < 0)
		return EXIT_USAGE;
	if (n != 1) {
		free(o.questionnaires.items);
		return cli_usage(&cmd_import,
				 "give exactly one FILE (an answers export)");
	}
	int nq = o.questionnaires.count, status = EXIT_RUNTIME, ngiven = 0;
	struct questionnaire **given = xcalloc((size_t)nq + 1, sizeof(*given));
	for (; ngiven < nq; ngiven++)
		if ((given[ngiven] = cli_load_questionnaire(
			 cli, o.questionnaires.items[ngiven])) == NULL)
			break;
	if (ngiven == nq)
		status = import_into(cli, argv[1], given, ngiven);
	for (int i = 0; i < ngiven; i++)
		questionnaire_free(given[i]);
	free(given);
	free(o.questionnaires.items);
	return status;
}

const struct cli_command cmd_import = {
    "import",
    "[-q QUESTIONNAIRE]... FILE",
    "Add the responses of an answers export; importing twice changes "
    "nothing.",
    import_run,
    options,
};
