/* The command line: global options, the table of commands, and the helpers
 * every command shares (one way to report an error, to open the database,
 * to load a questionnaire). Each command lives in its own cmd-*.c file and
 * exports one entry of the table. */
#ifndef AIMAP_CLI_H
#define AIMAP_CLI_H

#include <stdbool.h>

#include "questionnaire.h"
#include "store.h"
#include "util.h"

/* Exit statuses, documented in aimap(1). */
enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1, /* a runtime failure, explained on stderr */
	EXIT_USAGE = 2,	  /* the command line was wrong */
};

struct cli {
	const char *db_path;	       /* --db or AIMAP_DB; NULL: default */
	const char *questionnaire_dir; /* --questionnaires or
					  AIMAP_QUESTIONNAIRES */
	bool no_color;
};

struct cli_command {
	const char *name;
	const char *args;    /* the synopsis after the name */
	const char *summary; /* one line for --help */
	int (*run)(struct cli *cli, int argc, char **argv);
};

extern const struct cli_command cmd_take;
extern const struct cli_command cmd_dashboard;
extern const struct cli_command cmd_report;
extern const struct cli_command cmd_demo;
extern const struct cli_command cmd_round;
extern const struct cli_command cmd_submit;
extern const struct cli_command cmd_validate;
extern const struct cli_command cmd_questionnaires;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_merge;

/* "aimap: message" on stderr. */
void cli_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* "aimap CMD: message" and a pointer to --help on stderr; returns
 * EXIT_USAGE so a command can `return cli_usage(...)`. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
    PRINTF_LIKE(2, 3);
/* The usage text of one command on stdout (for CMD --help). */
void cli_print_command_help(const struct cli_command *cmd);
/* True when argv[1] asks for help (-h or --help). */
bool cli_wants_help(int argc, char **argv);

/* The database the options name (or the default), opened or created; on
 * failure the reason is printed and NULL returned. */
struct store *cli_open_store(struct cli *cli);
/* The round named by code, or else the newest open round, or else the
 * newest round (STORE_ERR_NOT_FOUND when there is none). */
enum store_status cli_find_round(struct store *store, const char *code,
				 struct store_round *out);
/* Load a questionnaire by path or id; problems are printed. */
struct questionnaire *cli_load_questionnaire(struct cli *cli, const char *arg);
/* Parse the questionnaire stored for a round. */
struct questionnaire *cli_load_round_questionnaire(struct store *store,
						   const struct store_round *r);

#endif
