/* aimap dashboard [-r CODE] [--hold]: the facilitator's live view. */
#include "config.h"

#include <getopt.h>

#include "cli.h"
#include "tui/tui.h"

static int dashboard_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"round", required_argument, NULL, 'r'},
	    {"hold", no_argument, NULL, 'H'},
	    {NULL, 0, NULL, 0},
	};
	const char *code = NULL;
	bool hold = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:", longopts, NULL)) != -1) {
		if (c == 'r')
			code = optarg;
		else if (c == 'H')
			hold = true;
		else
			return cli_usage(&cmd_dashboard,
					 "unknown option or "
					 "missing value in '%s'",
					 argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage(&cmd_dashboard, "unexpected '%s'",
				 argv[optind]);
	return tui_run_dashboard(cli, code, hold);
}

const struct cli_command cmd_dashboard = {
    "dashboard",
    "[-r CODE] [--hold]",
    "The facilitator's live view of a round; --hold keeps results back "
    "until revealed.",
    dashboard_run,
};
