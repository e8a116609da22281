/* SPDX-License-Identifier: MIT */
/* aimap merge OTHER.db: bring another aimap database in, matched by UUID,
 * in one transaction; the other file is only read. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

/* None: an option here is a mistake, said as for every command. */
static const struct cli_option options[] = {{0}};

static void print_outcome(const char *other, const struct store_merge_counts *c)
{
	cli_print_responses_outcome("Merged", other, c->responses);
	printf("New here: %d round%s, %d questionnaire version%s; %d round%s "
	       "closed or made stricter by the other database.\n",
	       c->rounds, c->rounds == 1 ? "" : "s", c->questionnaires,
	       c->questionnaires == 1 ? "" : "s", c->rounds_changed,
	       c->rounds_changed == 1 ? "" : "s");
}

static int merge_run(struct cli *cli, int argc, char **argv)
{
	int n = cli_parse_options(&cmd_merge, argc, argv, NULL);
	if (n < 0)
		return EXIT_USAGE;
	if (n != 1)
		return cli_usage(&cmd_merge,
				 "give exactly one OTHER database to merge");
	const char *other = argv[1];
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_merge_counts counts;
	int status = EXIT_RUNTIME;
	if (store_merge(store, other, &counts) == STORE_OK) {
		print_outcome(other, &counts);
		status = EXIT_OK;
	} else {
		cli_error("%s", store_error(store));
	}
	store_close(store);
	return status;
}

const struct cli_command cmd_merge = {
    "merge",
    "OTHER.db",
    "Bring in another aimap database; merging twice changes nothing.",
    merge_run,
    options,
};
