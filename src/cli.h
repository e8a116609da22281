/* SPDX-License-Identifier: MIT */
/* The command line: global options, the table of commands, and the helpers
 * every command shares (one way to report an error, to open the database,
 * to load a questionnaire). Each command lives in its own cmd-*.c file and
 * exports one entry of the table. */
#ifndef AIMAP_CLI_H
#define AIMAP_CLI_H

#include <stdbool.h>
#include <stddef.h>

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
	/* aimap as the user ran it ("aimap", "src/aimap"), for messages
	 * that say what to run next */
	const char *program;
	bool to_read; /* the command only reads: a read-only database will do */
	/* take --respondent-only: a shared ssh account, whose way back is
	 * "ssh -t HOST resume KEY" */
	bool respondent_only;
};

/* ---- options ---------------------------------------------------------------
 * A command declares its options in a table and cli_parse_options() reads
 * them into a struct of the command's own, so every command takes options
 * the same way ("--name VALUE", "--name=VALUE", "-x VALUE", "-xVALUE",
 * options and operands in any order, "--" ending the options), says the
 * same words about an unknown option or a missing value, and lists them
 * in CMD --help from the same table. The pattern, for a new command:
 *
 *	struct take_options {
 *		const char *code;
 *		bool kiosk;
 *	};
 *
 *	static const struct cli_option options[] = {
 *	    {"round", 'r', "CODE", "the round to answer",
 *	     CLI_TEXT(struct take_options, code)},
 *	    {"kiosk", 0, NULL, "serve one person after another",
 *	     CLI_FLAG(struct take_options, kiosk)},
 *	    {0},
 *	};
 *
 *	static int take_run(struct cli *cli, int argc, char **argv)
 *	{
 *		struct take_options o = {0}; // defaults go here
 *		int n = cli_parse_options(&cmd_take, argc, argv, &o);
 *		if (n < 0)
 *			return EXIT_USAGE;
 *		// the operands are now argv[1] .. argv[n]
 *	}
 *
 *	const struct cli_command cmd_take = {
 *	    "take", "[-r CODE] [--kiosk]", "Take the assessment.", take_run,
 *	    options,
 *	};
 *
 * Checks that need more than one option, or the operands, stay in the
 * command and report through cli_usage(). Long names are matched whole
 * (not by a beginning, as getopt_long did), so a typo gets its "did you
 * mean" instead of another option.
 *
 * Converting a command that still runs getopt_long (import, demo): each
 * longopts entry becomes a table line whose kind matches what its case
 * did (a repeated -q is CLI_LIST; a number checked with util_parse_int is
 * CLI_INT with the same range, its message then the common one), the
 * defaults are set in the struct before parsing, argv[optind...] become
 * argv[1..n], and the entry names the table instead of NULL. */

enum cli_kind {
	CLI_KIND_FLAG,	 /* bool, set when given */
	CLI_KIND_TEXT,	 /* const char *, the value as given */
	CLI_KIND_INT,	 /* long, a whole number from min to max */
	CLI_KIND_CHOICE, /* int, the value's index in choices */
	CLI_KIND_LIST,	 /* struct cli_list: every value, in order */
	CLI_KIND_INFO,	 /* listed in help only: parsed elsewhere */
};

/* The values of a repeatable option, pointing into argv; free(items). */
struct cli_list {
	char **items;
	int count;
};

struct cli_option {
	const char *name;    /* the long name, without "--" */
	char letter;	     /* the short name, or 0 */
	const char *metavar; /* the value in help; NULL for a flag */
	const char *help;    /* for CMD --help (wrapped to the terminal) */
	enum cli_kind kind;
	size_t offset;		    /* where the value goes in the struct */
	long min, max;		    /* CLI_KIND_INT */
	const char *const *choices; /* CLI_KIND_CHOICE, NULL-terminated */
};

/* The rest of a table entry by kind: where the value goes, checked when
 * compiling to be a field of the type that kind stores. */
#define CLI_FIELD(type, field, ctype)                                          \
	_Generic(((type *)0)->field, ctype : offsetof(type, field))
#define CLI_FLAG(type, field)                                                  \
	CLI_KIND_FLAG, CLI_FIELD(type, field, bool), 0, 0, NULL
#define CLI_TEXT(type, field)                                                  \
	CLI_KIND_TEXT, CLI_FIELD(type, field, const char *), 0, 0, NULL
#define CLI_INT(type, field, min, max)                                         \
	CLI_KIND_INT, CLI_FIELD(type, field, long), min, max, NULL
#define CLI_CHOICE(type, field, choices)                                       \
	CLI_KIND_CHOICE, CLI_FIELD(type, field, int), 0, 0, choices
#define CLI_LIST(type, field)                                                  \
	CLI_KIND_LIST, CLI_FIELD(type, field, struct cli_list), 0, 0, NULL
#define CLI_INFO CLI_KIND_INFO, 0, 0, 0, NULL

struct cli_command {
	const char *name;
	const char *args;    /* the synopsis after the name */
	const char *summary; /* for --help (wrapped to the terminal) */
	int (*run)(struct cli *cli, int argc, char **argv);
	/* {0}-terminated; NULL: the command still reads argv itself (its
	 * --help then shows the synopsis only) */
	const struct cli_option *options;
};

extern const struct cli_command cmd_take;
extern const struct cli_command cmd_dashboard;
extern const struct cli_command cmd_report;
extern const struct cli_command cmd_analyze;
extern const struct cli_command cmd_comments;
extern const struct cli_command cmd_demo;
extern const struct cli_command cmd_round;
extern const struct cli_command cmd_submit;
extern const struct cli_command cmd_invite;
extern const struct cli_command cmd_validate;
extern const struct cli_command cmd_questionnaires;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_action;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_merge;

/* "aimap: message" on stderr. */
void cli_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* "aimap CMD: message" and a pointer to --help on stderr; returns
 * EXIT_USAGE so a command can `return cli_usage(...)`. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
    PRINTF_LIKE(2, 3);
/* The usage text of one command, with its options, on stdout (for CMD
 * --help). */
void cli_print_command_help(const struct cli_command *cmd);
/* A table of options as help lines on stdout, descriptions aligned and
 * wrapped to 80 columns. */
void cli_print_options(const struct cli_option *options);
/* name, then text from column on (on the next line when name leaves no
 * two spaces before it), wrapped to 80 columns with its later lines
 * starting at column too. */
void cli_print_wrapped(const char *name, int column, const char *text);
/* Read cmd->options from argv[1..argc-1] into values (the command's own
 * struct). Returns the number of operands, moved in order to argv[1] ..
 * argv[n]; or, after printing the usage error, -1 (with every list
 * already freed and emptied). */
int cli_parse_options(const struct cli_command *cmd, int argc, char **argv,
		      void *values);
/* cli_parse_options() for a command that takes no operands: EXIT_OK, or
 * EXIT_USAGE after printing why. */
int cli_parse_only_options(const struct cli_command *cmd, int argc, char **argv,
			   void *values);
/* "Imported FILE: N responses added, N replaced by a newer version, N
 * already here." for import and merge (verb "Imported" or "Merged");
 * counts is indexed by enum store_merge_action. */
void cli_print_responses_outcome(const char *verb, const char *file,
				 const int *counts);
/* True when argv[1] asks for help (-h or --help). */
bool cli_wants_help(int argc, char **argv);

/* The database the options name (or the default), opened or created; on
 * failure the reason is printed and NULL returned. With cli->to_read set,
 * a database that cannot be written is opened read-only. */
struct store *cli_open_store(struct cli *cli);
/* The round named by code, or else the newest open round, or else the
 * newest round (STORE_ERR_NOT_FOUND when there is none). */
enum store_status cli_find_round(struct store *store, const char *code,
				 struct store_round *out);
/* A round and, when asked for, another one to set it against (an
 * export's baseline, the round a report compares with), each with the
 * questionnaire stored for it. */
struct cli_rounds {
	struct store_round round;
	struct questionnaire *q;
	bool has_other;
	struct store_round other;      /* zeroed without one */
	struct questionnaire *other_q; /* NULL without one */
};
/* Open the store (as cli_open_store) and find the round named by code
 * (NULL: as cli_find_round) and, when other_code is given, the other one;
 * other_role ends "no round with code 'X' ..." for it ("for --baseline").
 * Returns the store, or NULL after printing why (out then needs no
 * freeing). */
struct store *cli_open_rounds(struct cli *cli, const char *code,
			      const char *other_code, const char *other_role,
			      struct cli_rounds *out);
/* Parse the questionnaire of each round found; problems are printed. */
bool cli_load_rounds_questionnaires(struct store *store, struct cli_rounds *r);
void cli_rounds_free(struct cli_rounds *r);
/* The leaders' round of --leaders CODE and its questionnaire, which must
 * ask an estimate question; problems are printed. The caller frees both,
 * also on false. */
bool cli_load_leaders_round(struct store *store, const char *code,
			    struct store_round *round,
			    struct questionnaire **q);
/* The -r option of a command that reads the round cli_find_round()
 * picks, as a line of its option table. */
// clang-format off
#define CLI_ROUND_OPTION(type, field)                                          \
	{"round", 'r', "CODE",                                                 \
	 "the round (default: the newest open round, else the newest)",        \
	 CLI_TEXT(type, field)}
// clang-format on

/* Load a questionnaire by path or id; problems are printed. */
struct questionnaire *cli_load_questionnaire(struct cli *cli, const char *arg);
/* Parse the questionnaire stored for a round. */
struct questionnaire *cli_load_round_questionnaire(struct store *store,
						   const struct store_round *r);

#endif
