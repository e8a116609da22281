/* SPDX-License-Identifier: MIT */
/* aimap dashboard [-r CODE] [--leaders CODE] [--hold]: the facilitator's
 * live view. */
#include "config.h"

#include "cli.h"
#include "tui/tui.h"

struct dashboard_options {
	const char *code;
	const char *leaders;
	bool hold;
};

static const struct cli_option options[] = {
    {"round", 'r', "CODE", "the round to show (default: the newest open round)",
     CLI_TEXT(struct dashboard_options, code)},
    {"leaders", 0, "CODE",
     "the perception gap from the leaders who answered in round CODE",
     CLI_TEXT(struct dashboard_options, leaders)},
    {"hold", 0, NULL, "start with the results held back until revealed",
     CLI_FLAG(struct dashboard_options, hold)},
    {0},
};

static int dashboard_run(struct cli *cli, int argc, char **argv)
{
	struct dashboard_options o = {0};
	int status = cli_parse_only_options(&cmd_dashboard, argc, argv, &o);
	return status != EXIT_OK
		   ? status
		   : tui_run_dashboard(cli, o.code, o.hold, o.leaders);
}

const struct cli_command cmd_dashboard = {
    "dashboard",
    "[-r CODE] [--leaders CODE] [--hold]",
    "The facilitator's live view of a round; --hold keeps results back "
    "until revealed.",
    dashboard_run,
    options,
};
