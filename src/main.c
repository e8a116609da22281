/* SPDX-License-Identifier: MIT */
/* aimap: map how far each part of a company has come with AI.
 * This file reads the global options and hands over to one command. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "paths.h"
#include "safetext.h"
#include "store.h"
#include "tui/tui.h"

/* In the order --help lists them; one per line (clang-format off keeps
 * it so, making additions easy to see in a diff). */
// clang-format off
static const struct cli_command *const commands[] = {
	&cmd_take,
	&cmd_dashboard,
	&cmd_round,
	&cmd_invite,
	&cmd_report,
	&cmd_analyze,
	&cmd_comments,
	&cmd_submit,
	&cmd_validate,
	&cmd_questionnaires,
	&cmd_demo,
	&cmd_export,
	&cmd_action,
	&cmd_import,
	&cmd_merge,
};
// clang-format on

/* Listed in --help; main() and take_globals() read them, before the
 * command is known. */
static const struct cli_option global_options[] = {
    {"db", 0, "PATH",
     "the database (default $XDG_DATA_HOME/aimap/aimap.db; AIMAP_DB)",
     CLI_INFO},
    {"questionnaires", 0, "DIR",
     "look for questionnaires here first (AIMAP_QUESTIONNAIRES)", CLI_INFO},
    {"no-color", 0, NULL, "no colours (also NO_COLOR)", CLI_INFO},
    {"help", 'h', NULL, "this help; COMMAND --help for one command", CLI_INFO},
    {"version", 'V', NULL, "the version", CLI_INFO},
    {0},
};

/* Where a command's summary starts: after the longest name. */
enum { SUMMARY_COLUMN = 18 };

static void print_help(void)
{
	printf("usage: aimap [--db PATH] [--questionnaires DIR] [--no-color] "
	       "[COMMAND [ARGS]]\n\n"
	       "Map how far each part of a company has come with AI.\n"
	       "Without a command, the home menu opens in the terminal.\n\n"
	       "Commands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		char name[32];
		snprintf(name, sizeof(name), "  %s", commands[i]->name);
		cli_print_wrapped(name, SUMMARY_COLUMN, commands[i]->summary);
	}
	printf("\nGlobal options:\n");
	cli_print_options(global_options);
	printf("\nExit status: 0 success, 1 runtime failure, 2 usage error. "
	       "See aimap(1).\n");
}

/* Take a global option that needs a value, in "--opt VALUE" or
 * "--opt=VALUE" form. Returns how many arguments it used (0: not this
 * option, -1: the value is missing). */
static int take_value(char **argv, int i, const char *opt, const char **out)
{
	size_t len = strlen(opt);
	if (strncmp(argv[i], opt, len) != 0)
		return 0;
	if (argv[i][len] == '=') {
		*out = argv[i] + len + 1;
		return 1;
	}
	if (argv[i][len] != '\0')
		return 0;
	if (argv[i + 1] == NULL)
		return -1;
	*out = argv[i + 1];
	return 2;
}

/* Global options may stand anywhere before "--"; they are removed from
 * argv so commands see only their own. Returns -1 on a usage error. */
static int take_globals(int *argc, char **argv, struct cli *cli)
{
	int out = 1;
	bool ended = false;
	for (int i = 1; i < *argc;) {
		int used = 0;
		if (!ended && strcmp(argv[i], "--") == 0)
			ended = true;
		if (!ended) {
			used = take_value(argv, i, "--db", &cli->db_path);
			if (used == 0)
				used = take_value(argv, i, "--questionnaires",
						  &cli->questionnaire_dir);
			if (used == 0 && strcmp(argv[i], "--no-color") == 0) {
				cli->no_color = true;
				used = 1;
			}
			if (used < 0) {
				fprintf(stderr, "aimap: %s needs a value\n",
					argv[i]);
				return -1;
			}
		}
		if (used == 0) {
			argv[out++] = argv[i];
			used = 1;
		}
		i += used;
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

/* A mistyped command gets the nearest one ("tak": take). */
static int unknown_command(const char *name)
{
	const char *names[ARRAY_LEN(commands)];
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		names[i] = commands[i]->name;
	const char *near =
	    util_closest_word(name, names, (int)ARRAY_LEN(commands));
	if (near != NULL)
		fprintf(stderr,
			"aimap: unknown command '%s' (did you mean %s?)\n",
			name, near);
	else
		fprintf(stderr, "aimap: unknown command '%s'\n", name);
	fprintf(stderr, "Try 'aimap --help' for the list of commands.\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	store_library_setup();
	safetext_guard_stdio();
	struct cli cli = {0};
	/* run by a path (src/aimap, ./aimap), suggestions repeat it */
	cli.program =
	    argv[0] != NULL && strchr(argv[0], '/') != NULL ? argv[0] : "aimap";
	cli.db_path = getenv("AIMAP_DB");
	cli.questionnaire_dir = getenv("AIMAP_QUESTIONNAIRES");
	const char *no_color = getenv("NO_COLOR");
	cli.no_color = no_color != NULL && *no_color != '\0';

	if (take_globals(&argc, argv, &cli) < 0)
		return EXIT_USAGE;
	if (argc < 2)
		return tui_run_home(&cli);

	const char *name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 ||
	    strcmp(name, "help") == 0) {
		print_help();
		return EXIT_OK;
	}
	if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
		printf("aimap %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(name, commands[i]->name) != 0)
			continue;
		if (cli_wants_help(argc - 1, argv + 1)) {
			cli_print_command_help(commands[i]);
			return EXIT_OK;
		}
		return commands[i]->run(&cli, argc - 1, argv + 1);
	}
	return unknown_command(name);
}
