/* aimap take [-r CODE] [--kiosk]: the respondent's flow in the terminal. */
#include "config.h"

#include <getopt.h>

#include "cli.h"
#include "tui/tui.h"

static int take_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"round", required_argument, NULL, 'r'},
	    {"kiosk", no_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	const char *code = NULL;
	bool kiosk = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:", longopts, NULL)) != -1) {
		if (c == 'r')
			code = optarg;
		else if (c == 'k')
			kiosk = true;
		else
			return cli_usage(&cmd_take,
					 "unknown option or missing "
					 "value in '%s'",
					 argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage(&cmd_take, "unexpected '%s'", argv[optind]);
	if (kiosk && code == NULL)
		return cli_usage(&cmd_take, "--kiosk needs the round: -r CODE");
	return tui_run_take(cli, code, kiosk);
}

const struct cli_command cmd_take = {
    "take",
    "[-r CODE] [--kiosk]",
    "Take the assessment in the terminal; --kiosk serves one person after "
    "another.",
    take_run,
};
