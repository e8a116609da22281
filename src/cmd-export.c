/* aimap export KIND: a round's CSV baselines for spreadsheets, written
 * whole or not at all. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"

struct export_options {
	enum export_kind kind;
	const char *code;
	const char *baseline;
	const char *output;
	char delimiter;
	bool bom;
	bool decimal_comma;
};

static bool parse_delimiter(const char *arg, char *out)
{
	if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0 ||
	    strcmp(arg, "\t") == 0) {
		*out = arg[0];
		return true;
	}
	if (strcmp(arg, "tab") == 0) {
		*out = '\t';
		return true;
	}
	return false;
}

static int parse_options(int argc, char **argv, struct export_options *o)
{
	static const struct option longopts[] = {
	    {"round", required_argument, NULL, 'r'},
	    {"baseline", required_argument, NULL, 'b'},
	    {"output", required_argument, NULL, 'o'},
	    {"no-bom", no_argument, NULL, 'n'},
	    {"delimiter", required_argument, NULL, 'd'},
	    {"decimal-comma", no_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->code = optarg;
			break;
		case 'b':
			o->baseline = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'n':
			o->bom = false;
			break;
		case 'd':
			if (!parse_delimiter(optarg, &o->delimiter))
				return cli_usage(&cmd_export,
						 "--delimiter takes ',', ';' "
						 "or tab, not '%s'",
						 optarg);
			break;
		case 'c':
			o->decimal_comma = true;
			break;
		default:
			return cli_usage(&cmd_export,
					 "unknown option or missing value in "
					 "'%s'",
					 argv[optind - 1]);
		}
	}
	if (o->decimal_comma && o->delimiter == ',')
		return cli_usage(&cmd_export, "--decimal-comma needs "
					      "--delimiter ';' or tab: a comma "
					      "would split the numbers");
	if (optind >= argc)
		return cli_usage(&cmd_export, "which export? give KIND: %s",
				 export_kind_names());
	if (!export_kind_parse(argv[optind], &o->kind))
		return cli_usage(&cmd_export, "no export '%s'; KIND is %s",
				 argv[optind], export_kind_names());
	if (optind + 1 < argc)
		return cli_usage(&cmd_export, "unexpected '%s'",
				 argv[optind + 1]);
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

/* The rounds and their questionnaires; problems are printed. */
static bool load_rounds(struct store *store, const struct export_options *o,
			struct store_round *round, struct questionnaire **q,
			struct store_round *base, struct questionnaire **base_q)
{
	enum store_status st = cli_find_round(store, o->code, round);
	if (st == STORE_ERR_NOT_FOUND && o->code == NULL) {
		cli_error("there is no round yet (start one with: aimap round "
			  "new NAME -q ai-maturity)");
		return false;
	}
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no round with code '%s' (see: aimap round list)",
			  o->code);
		return false;
	}
	if (st == STORE_OK && o->baseline != NULL) {
		st = store_round_find(store, o->baseline, base);
		if (st == STORE_ERR_NOT_FOUND) {
			cli_error("no round with code '%s' for --baseline "
				  "(see: aimap round list)",
				  o->baseline);
			return false;
		}
	}
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		return false;
	}
	if (o->baseline != NULL && base->id == round->id) {
		cli_error("round %s cannot be its own baseline: give an "
			  "earlier round",
			  round->code);
		return false;
	}
	*q = cli_load_round_questionnaire(store, round);
	if (*q != NULL && o->baseline != NULL)
		*base_q = cli_load_round_questionnaire(store, base);
	return *q != NULL && (o->baseline == NULL || *base_q != NULL);
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
	return EXIT_OK;
}

static int export_run(struct cli *cli, int argc, char **argv)
{
	struct export_options o = {.delimiter = ',', .bom = true};
	int status = parse_options(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	status = EXIT_RUNTIME;
	struct store_round round = {0}, base = {0};
	struct questionnaire *q = NULL, *base_q = NULL;
	if (load_rounds(store, &o, &round, &q, &base, &base_q)) {
		struct export_request r = {
		    .kind = o.kind,
		    .round = &round,
		    .q = q,
		    .baseline = o.baseline != NULL ? &base : NULL,
		    .baseline_q = base_q,
		    .delimiter = o.delimiter,
		    .bom = o.bom,
		    .decimal_comma = o.decimal_comma,
		};
		status = write_export(store, &o, &r);
	}
	questionnaire_free(q);
	questionnaire_free(base_q);
	store_round_free(&round);
	store_round_free(&base);
	store_close(store);
	return status;
}

const struct cli_command cmd_export = {
    "export",
    "KIND [-r CODE] [--baseline CODE] [-o FILE] [--no-bom] "
    "[--delimiter ,|;|tab] [--decimal-comma]",
    "Write a round's CSV baseline: responses, answers, summary or "
    "transitions.",
    export_run,
};
