/* aimap merge OTHER.db: bring another aimap database in, matched by UUID,
 * in one transaction; the other file is only read. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void print_outcome(const char *other, const struct store_merge_counts *c)
{
	printf("Merged %s: %d response%s added, %d replaced by a newer "
	       "version, %d already here.\n",
	       other, c->responses[STORE_MERGE_ADDED],
	       c->responses[STORE_MERGE_ADDED] == 1 ? "" : "s",
	       c->responses[STORE_MERGE_REPLACED],
	       c->responses[STORE_MERGE_KEPT]);
	printf("New here: %d round%s, %d questionnaire version%s; %d round%s "
	       "closed or made stricter by the other database.\n",
	       c->rounds, c->rounds == 1 ? "" : "s", c->questionnaires,
	       c->questionnaires == 1 ? "" : "s", c->rounds_changed,
	       c->rounds_changed == 1 ? "" : "s");
}

static int merge_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	optind = 0;
	opterr = 0;
	if (getopt_long(argc, argv, "", longopts, NULL) != -1)
		return cli_usage(&cmd_merge, "unknown option '%s'",
				 argv[optind - 1]);
	if (argc - optind != 1)
		return cli_usage(&cmd_merge,
				 "give exactly one OTHER database to merge");
	const char *other = argv[optind];
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
};
