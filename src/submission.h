/* SPDX-License-Identifier: MIT */
/* One respondent's complete answers from an INI file (aimap submit):
 *
 *   [respondent]   name (optional: empty means anonymous), department,
 *                  role, track, champion_contact (yes/no, optional)
 *   [answers]      QUESTION_ID = CHOICE_NUMBER
 *                  ESTIMATE_ID = CHAMPIONS, WILLING, CAUTIOUS (sum 100)
 *                  COMMENT_ID = free text (optional, at most the
 *                  question's max_length bytes)
 *   [persona]      optional, and ignored: who the file stands for and
 *                  how a colleague would place them (questionnaire,
 *                  description, segment, subtype), as in the persona
 *                  files of data/personas/, so they can be submitted as
 *                  they are
 *
 * Everything is checked against the questionnaire before anything is
 * stored; each problem names the key and line. */
#ifndef AIMAP_SUBMISSION_H
#define AIMAP_SUBMISSION_H

#include <stdbool.h>

#include "diag.h"
#include "profile.h"
#include "questionnaire.h"

struct submission {
	char *name; /* NULL when anonymous */
	char *department;
	enum role role;
	enum track track;
	bool champion_contact;
	int *choices;	     /* per question: choice number, 0 = none */
	int (*estimates)[3]; /* per question: percentages, for estimates */
	char **comments;     /* per question: text, for comments; NULL none */
	int nquestions;
};

/* departments: the round's list (ndepartments may be 0: any name goes).
 * Returns false and fills d when anything is wrong. */
bool submission_parse(const char *name, const char *text, size_t len,
		      const struct questionnaire *q, char *const *departments,
		      int ndepartments, struct submission *out, struct diag *d);
void submission_free(struct submission *s);

#endif
