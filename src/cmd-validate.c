/* aimap validate FILE...: check questionnaire files with the same loader
 * every other command uses, and report every problem as FILE:LINE. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"

static bool validate_one(const char *path)
{
	struct diag d;
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
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
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return cli_usage(&cmd_validate, "unknown option '%s'", argv[1]);
	if (first >= argc)
		return cli_usage(&cmd_validate, "no file to check");
	bool all_valid = true;
	for (int i = first; i < argc; i++)
		all_valid = validate_one(argv[i]) && all_valid;
	return all_valid ? EXIT_OK : EXIT_RUNTIME;
}

const struct cli_command cmd_validate = {
    "validate",
    "FILE...",
    "Check questionnaire files; print each problem as FILE:LINE: message.",
    validate_run,
};
