/* SPDX-License-Identifier: MIT */
/* aimap analyze: how well a round's questionnaire measured, for its
 * author (analysis.h has the statistics). Only finished responses count,
 * except for where people stopped; a round with fewer finished responses
 * than its minimum group size shows nothing, like every group report. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "csv.h"

enum { FORMAT_TEXT, FORMAT_CSV };

struct analyze_options {
	const char *code;
	int format;
};

static const char *const format_names[] = {"text", "csv", NULL};

static const struct cli_option options[] = {
    CLI_ROUND_OPTION(struct analyze_options, code),
    {"format", 0, "text|csv", "text tables (default) or one CSV table",
     CLI_CHOICE(struct analyze_options, format, format_names)},
    {0},
};

static bool add_row(void *ctx, const struct store_export_answers *row)
{
	struct analysis_response r = {
	    .track = row->track,
	    .role = row->role,
	    .finished = row->finished_at != NULL,
	    .started_at = row->started_at,
	    .choices = row->choices,
	    .answered_at = row->answered_at,
	};
	analysis_add(ctx, &r);
	return true;
}

/* A statistic as text: "-" when it cannot be computed. */
static const char *num(double v, int decimals, char buf[32])
{
	if (isnan(v))
		return "-";
	snprintf(buf, 32, "%.*f", decimals, v);
	return buf;
}

static void print_dimensions(const struct analysis *a, FILE *out)
{
	const struct questionnaire *q = a->q;
	fprintf(out, "\nDimensions (alpha over the questions asked of "
		     "everyone)\n");
	fprintf(out, "  %-28s %9s %9s %6s\n", "dimension", "questions",
		"complete", "alpha");
	for (int d = 0; d < q->ndimensions; d++) {
		char b[32];
		const struct analysis_dimension *ad = &a->dimensions[d];
		fprintf(out, "  %-28.28s %9d %9d %6s\n", q->dimensions[d].label,
			ad->items, ad->n, num(ad->alpha, 2, b));
	}
}

static void print_questions(const struct analysis *a, FILE *out)
{
	const struct questionnaire *q = a->q;
	fprintf(out, "\nQuestions\n");
	fprintf(out, "  %-22s %-16s %5s %5s %10s %8s %7s %s\n", "question",
		"dimension", "n", "n/a", "item-total", "median s", "stopped",
		"answers per choice");
	for (int i = 0; i < q->nquestions; i++) {
		const struct qn_question *qq = &q->questions[i];
		const struct analysis_question *aq = &a->questions[i];
		if (qq->type != QTYPE_CHOICE && qq->type != QTYPE_SCALE)
			continue;
		char b1[32], b2[32], na[16];
		snprintf(na, sizeof(na), "%.0f%%",
			 aq->answered ? 100.0 * aq->na / aq->answered : 0.0);
		fprintf(out, "  %-22.22s %-16.16s %5d %5s %10s %8s %7d ",
			qq->id,
			qq->dimension >= 0 ? q->dimensions[qq->dimension].id
					   : "(unscored)",
			aq->answered, na, num(aq->item_total, 2, b1),
			num(aq->median_seconds, 0, b2), aq->stopped);
		for (int c = 0; c < qq->nchoices; c++)
			fprintf(out, "%s%d:%d", c ? " " : "", c + 1,
				aq->counts[c]);
		if (aq->floor || aq->ceiling)
			fprintf(out, "  %s", aq->floor ? "floor" : "ceiling");
		fputc('\n', out);
	}
}

static void print_text(const struct store_round *round,
		       const struct analysis *a, FILE *out)
{
	fprintf(out, "Analysis of round %s \"%s\": %s version %d\n",
		round->code, round->name, a->q->id, a->q->version);
	fprintf(out, "%d finished responses, %d unfinished.\n", a->finished,
		a->responses - a->finished);
	fprintf(out, "\nWhat to look at\n");
	if (a->nflags == 0)
		fprintf(out, "  Nothing stands out.\n");
	for (int i = 0; i < a->nflags; i++)
		cli_print_wrapped("  -", 5, a->flags[i]);
	print_dimensions(a, out);
	print_questions(a, out);
}

static void csv_row(struct csv_writer *w, const char *kind, const char *dim,
		    const char *question, int choice, const char *measure,
		    double value)
{
	csv_text(w, kind);
	csv_text(w, dim);
	csv_text(w, question);
	if (choice > 0)
		csv_int(w, choice);
	else
		csv_empty(w);
	csv_text(w, measure);
	if (isnan(value))
		csv_empty(w);
	else if (value == floor(value) && fabs(value) < 1e15)
		csv_int(w, (long long)value); /* a count or a flag */
	else
		csv_real(w, value, 4);
	csv_end_row(w);
}

static void csv_question(struct csv_writer *w, const struct analysis *a, int i)
{
	const struct qn_question *qq = &a->q->questions[i];
	const struct analysis_question *aq = &a->questions[i];
	const char *dim =
	    qq->dimension >= 0 ? a->q->dimensions[qq->dimension].id : "";
	csv_row(w, "question", dim, qq->id, 0, "n", aq->answered);
	csv_row(w, "question", dim, qq->id, 0, "not_applicable", aq->na);
	csv_row(w, "question", dim, qq->id, 0, "item_total", aq->item_total);
	csv_row(w, "question", dim, qq->id, 0, "floor", aq->floor);
	csv_row(w, "question", dim, qq->id, 0, "ceiling", aq->ceiling);
	csv_row(w, "question", dim, qq->id, 0, "median_seconds",
		aq->median_seconds);
	csv_row(w, "question", dim, qq->id, 0, "stopped", aq->stopped);
	for (int c = 0; c < qq->nchoices; c++)
		csv_row(w, "choice", dim, qq->id, c + 1, "count",
			aq->counts[c]);
}

static bool print_csv(const struct analysis *a, FILE *out)
{
	struct csv_writer w;
	csv_init(&w, out, ',');
	static const char *const header[] = {"kind",   "dimension", "question",
					     "choice", "measure",   "value"};
	for (size_t i = 0; i < ARRAY_LEN(header); i++)
		csv_text(&w, header[i]);
	csv_end_row(&w);
	csv_row(&w, "round", "", "", 0, "finished", a->finished);
	csv_row(&w, "round", "", "", 0, "unfinished",
		a->responses - a->finished);
	for (int d = 0; d < a->q->ndimensions; d++) {
		const char *id = a->q->dimensions[d].id;
		const struct analysis_dimension *ad = &a->dimensions[d];
		csv_row(&w, "dimension", id, "", 0, "questions", ad->items);
		csv_row(&w, "dimension", id, "", 0, "complete", ad->n);
		csv_row(&w, "dimension", id, "", 0, "alpha", ad->alpha);
	}
	for (int i = 0; i < a->q->nquestions; i++)
		if (a->q->questions[i].type == QTYPE_CHOICE ||
		    a->q->questions[i].type == QTYPE_SCALE)
			csv_question(&w, a, i);
	for (int i = 0; i < a->nflags; i++) {
		csv_text(&w, "flag");
		for (int k = 0; k < 3; k++)
			csv_empty(&w);
		csv_text(&w, a->flags[i]);
		csv_empty(&w);
		csv_end_row(&w);
	}
	return csv_ok(&w);
}

static int analyze_run(struct cli *cli, int argc, char **argv)
{
	struct analyze_options o = {0};
	int status = cli_parse_only_options(&cmd_analyze, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	struct cli_rounds rounds;
	struct store *store = cli_open_rounds(cli, o.code, NULL, NULL, &rounds);
	if (store == NULL)
		return EXIT_RUNTIME;
	status = EXIT_RUNTIME;
	struct analysis a = {0};
	if (!cli_load_rounds_questionnaires(store, &rounds))
		goto out;
	analysis_init(&a, rounds.q);
	if (store_export_answers(store, rounds.round.id, rounds.q, add_row,
				 &a) != STORE_OK) {
		cli_error("%s", store_error(store));
		goto out;
	}
	if (a.finished < rounds.round.min_group) {
		cli_error("round %s has %d finished response%s, fewer than "
			  "its minimum group of %d: an analysis would show "
			  "individual answers",
			  rounds.round.code, a.finished,
			  a.finished == 1 ? "" : "s", rounds.round.min_group);
		goto out;
	}
	analysis_finish(&a);
	status = EXIT_OK;
	if (o.format == FORMAT_CSV)
		status = print_csv(&a, stdout) ? EXIT_OK : EXIT_RUNTIME;
	else
		print_text(&rounds.round, &a, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the analysis to standard output");
		status = EXIT_RUNTIME;
	}
out:
	if (a.q != NULL)
		analysis_free(&a);
	cli_rounds_free(&rounds);
	store_close(store);
	return status;
}

const struct cli_command cmd_analyze = {
    "analyze",
    "[-r CODE] [--format text|csv]",
    "Show how well the round's questionnaire measured: alpha per "
    "dimension, item-total correlations, answers per choice, not "
    "applicable, time per question, where people stop.",
    analyze_run,
    options,
};
