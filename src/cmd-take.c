/* SPDX-License-Identifier: MIT */
/* aimap take [-r CODE] [-i CODE] [--kiosk | --resume KEY |
 * --respondent-only]: the respondent's flow in the terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "secret.h"
#include "tui/tui.h"

struct take_options {
	const char *code;
	bool kiosk;
	const char *resume;
	const char *invite;
	long idle;
	bool respondent_only;
};

static const struct cli_option options[] = {
    {"round", 'r', "CODE",
     "the round to answer (default: the only open round, or one picked "
     "from the list)",
     CLI_TEXT(struct take_options, code)},
    {"kiosk", 0, NULL,
     "serve one person after another on this terminal; needs -r",
     CLI_FLAG(struct take_options, kiosk)},
    {"idle", 0, "SECONDS",
     "kiosk: after this long without a key, the person's answers are kept "
     "as abandoned and the welcome screen returns (default 180; 0: never)",
     CLI_INT(struct take_options, idle, 0, 86400)},
    {"resume", 0, "KEY",
     "go back to your own answers with the resume key shown when you "
     "started; needs -r",
     CLI_TEXT(struct take_options, resume)},
    {"invitation", 'i', "CODE",
     "answer with your invitation code: start, or go back to, your own "
     "answers (the round comes from the invitation)",
     CLI_TEXT(struct take_options, invite)},
    {"respondent-only", 0, NULL,
     "for a shared account (ssh ForceCommand): only this round, with the "
     "database from --db; nothing from the client but 'resume KEY' or "
     "'invite CODE'",
     CLI_FLAG(struct take_options, respondent_only)},
    {0},
};

/* The client of a shared ssh account may say one of two things only
 * (SSH_ORIGINAL_COMMAND): "resume KEY" or "invite CODE", the key or code
 * in its own alphabet, never a path, an option or a round. NULLs when
 * they said nothing; false when they said anything else. */
static bool take_client_says(const char **key, const char **code)
{
	static char word[SECRET_CODE_SIZE];
	const char *said = getenv("SSH_ORIGINAL_COMMAND");
	*key = *code = NULL;
	if (said == NULL || said[0] == '\0')
		return true;
	if (strncmp(said, "resume ", 7) == 0 && strlen(said + 7) < 32 &&
	    secret_normalise(SECRET_RESUME, said + 7, word)) {
		*key = word;
		return true;
	}
	if (strncmp(said, "invite ", 7) == 0 && strlen(said + 7) < 32 &&
	    secret_normalise(SECRET_INVITE, said + 7, word)) {
		*code = word;
		return true;
	}
	return false;
}

/* --respondent-only: what a shared account may run, checked before any
 * screen. */
static int take_respondent_only(struct cli *cli, struct take_options *o)
{
	if (o->code == NULL || o->kiosk || o->resume != NULL ||
	    o->invite != NULL || o->idle >= 0)
		return cli_usage(&cmd_take,
				 "--respondent-only needs -r CODE and takes no "
				 "--kiosk, --idle, --resume or -i");
	const char *env_db = getenv("AIMAP_DB");
	if (cli->db_path == NULL || cli->db_path == env_db)
		return cli_usage(&cmd_take, "--respondent-only needs --db PATH "
					    "on its command line");
	if (!take_client_says(&o->resume, &o->invite)) {
		cli_error("this account takes round %s only; to come back to "
			  "your answers: ssh -t HOST resume KEY, or ssh -t "
			  "HOST invite CODE",
			  o->code);
		return EXIT_USAGE;
	}
	cli->respondent_only = true;
	return tui_run_take(cli, o->code, false, o->resume, o->invite, 0);
}

static int take_run(struct cli *cli, int argc, char **argv)
{
	struct take_options o = {.idle = -1};
	int status = cli_parse_only_options(&cmd_take, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	if (o.respondent_only)
		return take_respondent_only(cli, &o);
	if (o.kiosk && o.code == NULL)
		return cli_usage(&cmd_take, "--kiosk needs the round: -r CODE");
	if (o.resume != NULL && (o.code == NULL || o.kiosk))
		return cli_usage(&cmd_take,
				 "--resume needs the round (-r CODE) "
				 "and no --kiosk");
	if (o.idle >= 0 && !o.kiosk)
		return cli_usage(&cmd_take, "--idle is for --kiosk");
	if (o.invite != NULL && (o.kiosk || o.resume != NULL))
		return cli_usage(&cmd_take,
				 "-i takes no --kiosk or --resume: the "
				 "invitation code brings you back");
	return tui_run_take(cli, o.code, o.kiosk, o.resume, o.invite,
			    o.idle >= 0 ? (int)o.idle : KIOSK_DEFAULT_IDLE);
}

const struct cli_command cmd_take = {
    "take",
    "[-r CODE] [-i CODE | --kiosk [--idle SECONDS] | --resume KEY |\n"
    "       --respondent-only]",
    "Take the assessment in the terminal; --kiosk serves one person after "
    "another.",
    take_run,
    options,
};
