/* aimap import FILE: the responses of an answers export added to the
 * database by the library's import (import.h), which checks every row,
 * scores each response again and stores nothing when anything is wrong;
 * this command loads the questionnaires given with -q and prints the
 * outcome. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "import.h"

static void print_outcome(const char *file, const struct import_result *r)
{
	const int *n = r->responses;
	printf("Imported %s: %d response%s added, %d replaced by a newer "
	       "version, %d already here.\n",
	       file, n[STORE_MERGE_ADDED], n[STORE_MERGE_ADDED] == 1 ? "" : "s",
	       n[STORE_MERGE_REPLACED], n[STORE_MERGE_KEPT]);
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

static int import_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {NULL, 0, NULL, 0},
	};
	const char **qargs = xcalloc((size_t)argc + 1, sizeof(*qargs));
	int nq = 0, c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "q:", longopts, NULL)) != -1) {
		if (c != 'q') {
			free(qargs);
			return cli_usage(&cmd_import,
					 "unknown option or missing value in "
					 "'%s'",
					 argv[optind - 1]);
		}
		qargs[nq++] = optarg;
	}
	if (argc - optind != 1) {
		free(qargs);
		return cli_usage(&cmd_import,
				 "give exactly one FILE (an answers export)");
	}
	int status = EXIT_RUNTIME, ngiven = 0;
	struct questionnaire **given = xcalloc((size_t)nq + 1, sizeof(*given));
	for (; ngiven < nq; ngiven++)
		if ((given[ngiven] =
			 cli_load_questionnaire(cli, qargs[ngiven])) == NULL)
			break;
	if (ngiven == nq)
		status = import_into(cli, argv[optind], given, ngiven);
	for (int i = 0; i < ngiven; i++)
		questionnaire_free(given[i]);
	free(given);
	free(qargs);
	return status;
}

const struct cli_command cmd_import = {
    "import",
    "[-q QUESTIONNAIRE]... FILE",
    "Add the responses of an answers export; importing twice changes "
    "nothing.",
    import_run,
    NULL, /* options: read by the command itself, for now */
};
