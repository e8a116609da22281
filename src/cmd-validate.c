/* SPDX-License-Identifier: MIT */
/* aimap validate FILE...: check questionnaire files with the same loader
 * every other command uses, and report every problem as FILE:LINE. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "diag.h"

/* None: a file named like an option follows "--". */
static const struct cli_option options[] = {{0}};

static bool validate_one(const char *path)
{
	struct diag d;
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
	if (q != NULL)
		questionnaire_check_minutes(q, &d);
	fflush(stdout);
	diag_print(&d, stderr);
	if (q != NULL)
		printf("%s: ok: '%s' version %d, %d questions in %d "
		       "dimensions\n",
		       path, q->id, q->version, q->nquestions, q->ndimensions);
	diag_free(&d);
	questionnaire_free(q);
	return q != NULL;
}

static int validate_run(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	int n = cli_parse_options(&cmd_validate, argc, argv, NULL);
	if (n < 0)
		return EXIT_USAGE;
	if (n == 0)
		return cli_usage(&cmd_validate, "no file to check");
	bool all_valid = true;
	for (int i = 1; i <= n; i++)
		all_valid = validate_one(argv[i]) && all_valid;
	return all_valid ? EXIT_OK : EXIT_RUNTIME;
}

const struct cli_command cmd_validate = {
    "validate",
    "FILE...",
    "Check questionnaire files; print each problem as FILE:LINE: message.",
    validate_run,
    options,
};
