/* SPDX-License-Identifier: MIT */
/* Participation of a round with invitations: invited, started and
 * completed per department and in total (store_invite_participation),
 * as the same lines of text wherever they are shown (round show, report,
 * the dashboard). These are counts of people taking part, never of
 * answers. */
#ifndef AIMAP_PARTICIPATION_H
#define AIMAP_PARTICIPATION_H

#include <stdbool.h>
#include <stdio.h>

#include "store.h"

struct participation {
	struct store_participation *rows; /* per department */
	int count;
	struct store_participation total; /* department NULL */
};

enum store_status participation_load(struct store *s, long long round_id,
				     struct participation *out);
void participation_free(struct participation *p);
/* The table as lines: a header, a line per department, a total line;
 * each malloc'd, like the array. */
int participation_lines(const struct participation *p, char ***out);
void participation_lines_free(char **lines, int n);
/* "participation: " and the table below it on out; false (the store's
 * error set) when it cannot be read. */
bool participation_print(struct store *s, long long round_id, FILE *out);

#endif
