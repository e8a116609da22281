/* SPDX-License-Identifier: MIT */
/* Import: the responses of an answers export (this aimap's or another's,
 * see export.h) read back row by row, checked against the questionnaire
 * they were given to, scored again and added through the store's import
 * API in one transaction. A file with any fault stores nothing; a file
 * imported twice changes nothing the second time (a response already
 * here is kept unless the file's is newer: store_import_add).
 *
 * The questionnaire of a response is found by id and text hash among the
 * stored ones, else among those the caller gives (aimap import -q), which
 * the import then stores. */
#ifndef AIMAP_IMPORT_H
#define AIMAP_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "questionnaire.h"
#include "store.h"

struct import_result {
	int responses[3];   /* by enum store_merge_action */
	char **rounds_made; /* codes (upper case) of the rounds made, which
			       the store makes closed */
	int nrounds_made;
	/* When refused: "FILE:LINE: message", or "FILE: message" for a
	 * fault of no one line (an unreadable file, a failed commit) */
	char *error;
};

/* Import the answers export at path ("-": standard input, "<stdin>" in
 * messages). given: questionnaires to store when a response needs one
 * this database lacks; borrowed, and never changed. True when everything
 * was stored; false, with out->error set (and no responses or rounds
 * counted), when nothing was. out is filled either way and freed with
 * import_result_free. */
bool import_file(struct store *s, const char *path,
		 const struct questionnaire *const *given, int ngiven,
		 struct import_result *out);

/* The same from an open stream, which is neither closed nor rewound;
 * name is the FILE of messages. */
bool import_stream(struct store *s, FILE *in, const char *name,
		   const struct questionnaire *const *given, int ngiven,
		   struct import_result *out);

void import_result_free(struct import_result *r);

#endif
