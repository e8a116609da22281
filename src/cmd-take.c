/* SPDX-License-Identifier: MIT */
/* aimap take [-r CODE] [--kiosk | --resume KEY]: the respondent's flow in
 * the terminal. */
#include "config.h"

#include "cli.h"
#include "tui/tui.h"

struct take_options {
	const char *code;
	bool kiosk;
	const char *resume;
	long idle;
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
    {0},
};

static int take_run(struct cli *cli, int argc, char **argv)
{
	struct take_options o = {.idle = -1};
	int status = cli_parse_only_options(&cmd_take, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	if (o.kiosk && o.code == NULL)
		return cli_usage(&cmd_take, "--kiosk needs the round: -r CODE");
	if (o.resume != NULL && (o.code == NULL || o.kiosk))
		return cli_usage(&cmd_take,
				 "--resume needs the round (-r CODE) "
				 "and no --kiosk");
	if (o.idle >= 0 && !o.kiosk)
		return cli_usage(&cmd_take, "--idle is for --kiosk");
	return tui_run_take(cli, o.code, o.kiosk, o.resume,
			    o.idle >= 0 ? (int)o.idle : KIOSK_DEFAULT_IDLE);
}

const struct cli_command cmd_take = {
    "take",
    "[-r CODE] [--kiosk [--idle SECONDS] | --resume KEY]",
    "Take the assessment in the terminal; --kiosk serves one person after "
    "another.",
    take_run,
    options,
};
