/* SPDX-License-Identifier: MIT */
/* aimap comments: what people wrote in a round's comment questions, as a
 * list per question and group, for groups of the round's minimum size
 * only, never with a name (store_report_comments has the rule). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "export.h"

enum { FORMAT_TEXT, FORMAT_CSV };

struct comments_options {
	const char *code;
	bool whole;
	int format;
};

static const char *const format_names[] = {"text", "csv", NULL};

static const struct cli_option options[] = {
    CLI_ROUND_OPTION(struct comments_options, code),
    {"whole-round", 0, NULL,
     "one list for the whole round instead of one per department",
     CLI_FLAG(struct comments_options, whole)},
    {"format", 0, "text|csv", "text lists (default) or one CSV table",
     CLI_CHOICE(struct comments_options, format, format_names)},
    {0},
};

struct printer {
	const struct questionnaire *q;
	char *question; /* the last heading printed */
	char *group;
	bool group_set;
	int n;
};

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Comments come by group, then question, then text. */
static bool print_one(void *ctx, const struct store_comment *c)
{
	struct printer *p = ctx;
	if (!p->group_set || !same(p->group, c->department)) {
		free(p->group);
		p->group = c->department ? xstrdup(c->department) : NULL;
		p->group_set = true;
		free(p->question);
		p->question = NULL;
		printf("\n%s\n", c->department ? c->department
				 : p->n == 0   ? "Whole round"
					       : "Other departments, together");
	}
	if (p->question == NULL || strcmp(p->question, c->question) != 0) {
		free(p->question);
		p->question = xstrdup(c->question);
		int i = questionnaire_find_question(p->q, c->question);
		cli_print_wrapped(
		    "", 2, i >= 0 ? p->q->questions[i].text : c->question);
	}
	cli_print_wrapped("    -", 7, c->text);
	p->n++;
	return true;
}

static int print_text(struct store *store, const struct cli_rounds *r,
		      bool by_department)
{
	printf("Comments in round %s \"%s\" (%s v%d)\nOnly groups of %d or "
	       "more are shown, never with a name.\n",
	       r->round.code, r->round.name, r->q->id, r->q->version,
	       r->round.min_group);
	struct printer p = {.q = r->q};
	enum store_status st =
	    store_report_comments(store, r->round.id, r->round.min_group,
				  by_department, print_one, &p);
	free(p.question);
	free(p.group);
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		return EXIT_RUNTIME;
	}
	if (p.n == 0)
		printf("\nNo comments to show: none were written, or no group "
		       "is large enough.\n");
	return EXIT_OK;
}

static int comments_run(struct cli *cli, int argc, char **argv)
{
	struct comments_options o = {0};
	int status = cli_parse_only_options(&cmd_comments, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct cli_rounds rounds;
	struct store *store = cli_open_rounds(cli, o.code, NULL, NULL, &rounds);
	if (store == NULL)
		return EXIT_RUNTIME;
	status = EXIT_RUNTIME;
	if (cli_load_rounds_questionnaires(store, &rounds)) {
		if (o.format == FORMAT_CSV) {
			struct csv_writer w;
			csv_init(&w, stdout, ',');
			enum store_status st = export_comments_write(
			    store, &rounds.round, rounds.q, !o.whole, &w);
			if (st != STORE_OK)
				cli_error("%s", store_error(store));
			else
				status = EXIT_OK;
		} else {
			status = print_text(store, &rounds, !o.whole);
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the comments to standard output");
		status = EXIT_RUNTIME;
	}
	cli_rounds_free(&rounds);
	store_close(store);
	return status;
}

const struct cli_command cmd_comments = {
    "comments",
    "[-r CODE] [--whole-round] [--format text|csv]",
    "List what people wrote in the round's comment questions, per "
    "department of the minimum group size, never with a name.",
    comments_run,
    options,
};
