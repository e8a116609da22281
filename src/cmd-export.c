/* SPDX-License-Identifier: MIT */
/* aimap export KIND: a round's CSV baselines for spreadsheets, written
 * whole or not at all. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "export.h"

struct export_options {
	enum export_kind kind;
	const char *code;
	const char *baseline;
	const char *leaders;
	const char *output;
	int delimiter; /* index into delimiter_names */
	bool no_bom;
	bool decimal_comma;
	bool identifiable;
};

/* A real tab is taken too, as the shell may pass one. */
static const char *const delimiter_names[] = {",", ";", "tab", "\t", NULL};
static const char delimiters[] = {',', ';', '\t', '\t'};

static const struct cli_option options[] = {
    CLI_ROUND_OPTION(struct export_options, code),
    {"baseline", 0, "CODE",
     "the earlier round to compare with: summary may, transitions must",
     CLI_TEXT(struct export_options, baseline)},
    {"leaders", 0, "CODE",
     "summary and plan: the perception gap from the leaders who answered "
     "in round CODE",
     CLI_TEXT(struct export_options, leaders)},
    {"output", 'o', "FILE",
     "write FILE whole or not at all (default and -: standard output)",
     CLI_TEXT(struct export_options, output)},
    {"no-bom", 0, NULL, "leave out the UTF-8 byte-order mark",
     CLI_FLAG(struct export_options, no_bom)},
    {"delimiter", 0, ",|;|tab", "the field separator (default: ,)",
     CLI_CHOICE(struct export_options, delimiter, delimiter_names)},
    {"decimal-comma", 0, NULL,
     "write numbers with a decimal comma, as spreadsheets in such locales "
     "read them (needs --delimiter ';' or tab)",
     CLI_FLAG(struct export_options, decimal_comma)},
    {"identifiable", 0, NULL,
     "answers: the full form that aimap import reads back, every "
     "response with its department, role and track, which can single "
     "people out (default: generalised like the responses export)",
     CLI_FLAG(struct export_options, identifiable)},
    {0},
};

static int parse_options(int argc, char **argv, struct export_options *o)
{
	int n = cli_parse_options(&cmd_export, argc, argv, o);
	if (n < 0)
		return EXIT_USAGE;
	if (o->decimal_comma && delimiters[o->delimiter] == ',')
		return cli_usage(&cmd_export, "--decimal-comma needs "
					      "--delimiter ';' or tab: a comma "
					      "would split the numbers");
	if (n == 0)
		return cli_usage(&cmd_export, "which export? give KIND: %s",
				 export_kind_names());
	if (!export_kind_parse(argv[1], &o->kind))
		return cli_usage(&cmd_export, "no export '%s'; KIND is %s",
				 argv[1], export_kind_names());
	if (n > 1)
		return cli_usage(&cmd_export, "unexpected '%s'", argv[2]);
	if (o->leaders != NULL && o->kind != EXPORT_SUMMARY &&
	    o->kind != EXPORT_PLAN)
		return cli_usage(&cmd_export,
				 "--leaders applies to the summary and plan "
				 "exports, not %s",
				 export_kind_name(o->kind));
	if (o->identifiable && o->kind != EXPORT_ANSWERS)
		return cli_usage(&cmd_export,
				 "--identifiable applies to the answers "
				 "export, not %s",
				 export_kind_name(o->kind));
	enum export_baseline b = export_kind_baseline(o->kind);
	if (b == EXPORT_NEEDS_BASELINE && o->baseline == NULL)
		return cli_usage(&cmd_export,
				 "the %s export compares two rounds: give "
				 "--baseline CODE (the earlier round)",
				 export_kind_name(o->kind));
	if (b == EXPORT_NO_BASELINE && o->baseline != NULL)
		return cli_usage(&cmd_export,
				 "--baseline applies to the summary and "
				 "transitions exports, not %s",
				 export_kind_name(o->kind));
	return EXIT_OK;
}

static int write_export(struct store *store, const struct export_options *o,
			const struct export_request *r)
{
	struct export_file f;
	char *error = NULL;
	if (!export_file_open(&f, o->output, &error)) {
		cli_error("%s", error);
		free(error);
		return EXIT_RUNTIME;
	}
	enum store_status st = export_write(store, r, f.out);
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		if (f.target != NULL)
			cli_error("%s: left as it was", f.target);
		export_file_abort(&f);
		return EXIT_RUNTIME;
	}
	bool to_file = f.target != NULL;
	if (!export_file_commit(&f, &error)) {
		cli_error("%s", error);
		free(error);
		return EXIT_RUNTIME;
	}
	if (to_file)
		fprintf(stderr, "Wrote the %s of round %s to %s.\n",
			export_kind_name(r->kind), r->round->code, o->output);
	if (r->identifiable)
		fprintf(
		    stderr,
		    "Note: this answers export shows every response's "
		    "department, role and track, so it can single people "
		    "out: keep it among facilitators, and use it to move "
		    "answers into another aimap database (aimap import).\n");
	return EXIT_OK;
}

static int export_run(struct cli *cli, int argc, char **argv)
{
	struct export_options o = {0};
	int status = parse_options(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct cli_rounds rounds;
	struct store *store =
	    cli_open_rounds(cli, o.code, o.baseline, "for --baseline", &rounds);
	if (store == NULL)
		return EXIT_RUNTIME;
	status = EXIT_RUNTIME;
	struct store_round lead = {0};
	struct questionnaire *lead_q = NULL;
	if (cli_load_rounds_questionnaires(store, &rounds) &&
	    (o.leaders == NULL ||
	     cli_load_leaders_round(store, o.leaders, &lead, &lead_q))) {
		struct export_request r = {
		    .kind = o.kind,
		    .round = &rounds.round,
		    .q = rounds.q,
		    .baseline = rounds.has_other ? &rounds.other : NULL,
		    .baseline_q = rounds.other_q,
		    .leaders = o.leaders != NULL ? &lead : NULL,
		    .leaders_q = lead_q,
		    .delimiter = delimiters[o.delimiter],
		    .bom = !o.no_bom,
		    .decimal_comma = o.decimal_comma,
		    .identifiable = o.identifiable,
		};
		status = write_export(store, &o, &r);
	}
	questionnaire_free(lead_q);
	store_round_free(&lead);
	cli_rounds_free(&rounds);
	store_close(store);
	return status;
}

const struct cli_command cmd_export = {
    "export",
    "KIND [-r CODE] [--baseline CODE] [--leaders CODE] [-o FILE] "
    "[--no-bom] "
    "[--delimiter ,|;|tab] [--decimal-comma] [--identifiable]",
    "Write a round's CSV baseline: responses, answers, summary, "
    "transitions or comments; or its 90-day plan.",
    export_run,
    options,
};
