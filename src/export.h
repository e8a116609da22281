/* SPDX-License-Identifier: MIT */
/* CSV baselines: a round's responses, answers, summary and transitions,
 * as spreadsheets need them (csv.h), written whole or not at all.
 *
 * The responses and answers exports stream: rows come one at a time
 * from one statement (store_export_*), so their memory does not grow
 * with the round. The summary and the transitions are built on
 * report_build, with its privacy: a group under the minimum group size
 * is "fewer than N" with no numbers. Every column is documented in
 * aimap(1), EXPORTS. */
#ifndef AIMAP_EXPORT_H
#define AIMAP_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "questionnaire.h"
#include "store.h"

enum export_kind {
	EXPORT_RESPONSES,
	EXPORT_ANSWERS,
	EXPORT_SUMMARY,
	EXPORT_TRANSITIONS,
	EXPORT_COMMENTS,
	EXPORT_PLAN,
	EXPORT_KIND_COUNT
};

const char *export_kind_name(enum export_kind k);
bool export_kind_parse(const char *s, enum export_kind *out);
/* "responses, answers, summary, transitions, comments or plan", for usage
 * messages. */
const char *export_kind_names(void);
/* Whether a kind takes --baseline: never, may, or must. */
enum export_baseline {
	EXPORT_NO_BASELINE,
	EXPORT_MAY_BASELINE,
	EXPORT_NEEDS_BASELINE
};
enum export_baseline export_kind_baseline(enum export_kind k);

/* The columns of the answers export, in order: one X(ID, "name") each.
 * The header the exporter writes and the one aimap import expects are
 * both made from this list, so they cannot drift apart. The columns
 * before QUESTION_ID describe the response and repeat on each of its
 * rows; the others describe one answer. */
#define EXPORT_ANSWERS_COLUMNS(X)                                              \
	X(ROUND_CODE, "round_code")                                            \
	X(ROUND_UUID, "round_uuid")                                            \
	X(ROUND_NAME, "round_name")                                            \
	X(ROUND_CREATED_AT, "round_created_at")                                \
	X(ROUND_MIN_GROUP, "round_min_group")                                  \
	X(QID, "questionnaire_id")                                             \
	X(QVERSION, "questionnaire_version")                                   \
	X(QHASH, "questionnaire_hash")                                         \
	X(RESPONDENT_UUID, "respondent_uuid")                                  \
	X(RESPONSE_UUID, "response_uuid")                                      \
	X(NAME, "name")                                                        \
	X(CONTACT, "champion_contact")                                         \
	X(DEPARTMENT, "department")                                            \
	X(ROLE, "role")                                                        \
	X(TRACK, "track")                                                      \
	X(STARTED_AT, "started_at")                                            \
	X(FINISHED_AT, "finished_at")                                          \
	X(QUESTION_ID, "question_id")                                          \
	X(QUESTION_TYPE, "question_type")                                      \
	X(DIMENSION, "dimension")                                              \
	X(STATUS, "status")                                                    \
	X(CHOICE, "choice")                                                    \
	X(CHOICE_TEXT, "choice_text")                                          \
	X(SCORE, "score")                                                      \
	X(EST_CHAMPIONS, "estimate_champions")                                 \
	X(EST_WILLING, "estimate_willing")                                     \
	X(EST_CAUTIOUS, "estimate_cautious")                                   \
	X(ANSWERED_AT, "answered_at")

enum answers_column {
#define EXPORT_ANSWERS_ENUM(id, name) ANSWERS_##id,
	EXPORT_ANSWERS_COLUMNS(EXPORT_ANSWERS_ENUM)
#undef EXPORT_ANSWERS_ENUM
	    ANSWERS_COLUMN_COUNT
};

/* The header name of an answers column ("round_code"). The generalised
 * form (not identifiable) leaves out ANSWERS_RESPONDENT_UUID. */
const char *export_answers_column_name(enum answers_column c);

struct export_request {
	enum export_kind kind;
	const struct store_round *round;
	const struct questionnaire *q;	    /* the round's */
	const struct store_round *baseline; /* NULL: none */
	const struct questionnaire *baseline_q;
	/* summary: the leaders' round of the perception gap (NULL: the
	 * leaders of round), read with leaders_q */
	const struct store_round *leaders;
	const struct questionnaire *leaders_q;
	char delimiter;	    /* ',', ';' or '\t' */
	bool bom;	    /* the UTF-8 byte-order mark first */
	bool decimal_comma; /* "12,5": for decimal-comma spreadsheets */
	/* answers: the full form that import reads back (every response,
	 * its respondent_uuid, department, role and track), which can
	 * single people out; otherwise the finished responses only, their
	 * groups generalised as in the responses export (privacy.h), without
	 * the respondent_uuid column that would link a person's rounds */
	bool identifiable;
};

/* Write the export to out. A store failure returns its status (the
 * message is store_error's); a write failure stops the export early and
 * shows in ferror(out), for the caller to check with the final flush. */
enum store_status export_write(struct store *s, const struct export_request *r,
			       FILE *out);

/* ---- writing a file whole or not at all ------------------------------- */

/* The output of an export: standard output, or a temporary file beside
 * the target that export_file_commit renames over it once it is written
 * and synced. A target that is a symbolic link, a folder or another
 * special file, or whose folder does not exist, is refused. Until the
 * commit, SIGINT, SIGTERM and SIGHUP remove the temporary file before
 * the program dies; a SIGKILL can leave it (a hidden ".NAME.XXXXXX"
 * beside the target), never a partial file under the target's name. */
struct export_file {
	FILE *out;
	char *target; /* NULL for standard output */
	char *tmp;
	char *dir;
};

/* target NULL or "-": standard output. false, with a malloc'd message
 * naming the file in *error, when it cannot be written. */
bool export_file_open(struct export_file *f, const char *target, char **error);
/* Flush, sync, rename over the target, sync the folder. On failure the
 * temporary file is removed and any earlier target left as it was. */
bool export_file_commit(struct export_file *f, char **error);
/* Give up: remove the temporary file. */
void export_file_abort(struct export_file *f);

/* The comments of a round's finished responses as CSV (group, question,
 * question_text, comment), by department or for the whole round, only
 * for groups of the round's minimum size (export-comments.c). */
struct csv_writer;
enum store_status export_comments_write(struct store *s,
					const struct store_round *round,
					const struct questionnaire *q,
					bool by_department,
					struct csv_writer *w);

#endif
