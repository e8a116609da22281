/* SPDX-License-Identifier: MIT */
/* The comments export (aimap export comments) and what aimap comments
 * prints: the comments of a round's finished responses, for groups of
 * the round's minimum size only, and never with a name, a time or any
 * column that tells who wrote them (store_report_comments). */
#include "config.h"

#include "export.h"

#include <string.h>

#include "csv.h"
#include "util.h"

struct comments_csv {
	struct csv_writer *w;
	const struct questionnaire *q;
};

static bool comment_row(void *ctx, const struct store_comment *c)
{
	struct comments_csv *cc = ctx;
	int i = questionnaire_find_question(cc->q, c->question);
	csv_text(cc->w,
		 c->department != NULL ? c->department : "(other departments)");
	csv_text(cc->w, c->question);
	csv_text(cc->w, i >= 0 ? cc->q->questions[i].text : "");
	csv_text(cc->w, c->text);
	csv_end_row(cc->w);
	return csv_ok(cc->w);
}

enum store_status export_comments_write(struct store *s,
					const struct store_round *round,
					const struct questionnaire *q,
					bool by_department,
					struct csv_writer *w)
{
	static const char *const columns[] = {"group", "question",
					      "question_text", "comment"};
	for (size_t i = 0; i < ARRAY_LEN(columns); i++)
		csv_text(w, columns[i]);
	csv_end_row(w);
	struct comments_csv cc = {w, q};
	return store_report_comments(s, round->id, round->min_group,
				     by_department, comment_row, &cc);
}
