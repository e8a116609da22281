/* SPDX-License-Identifier: MIT */
/* Text tables for the command line: columns aligned by display width, so
 * department names in any script line up. */
#ifndef AIMAP_TABLE_H
#define AIMAP_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

struct table {
	int ncols;
	bool *right;  /* right-align this column (numbers) */
	char ***rows; /* rows[r][c], malloc'd */
	int nrows;
};

/* A table whose first row is the header; header names ending in '>' are
 * right-aligned (the '>' is not printed). */
void table_init(struct table *t, int ncols, const char *const *header);
/* Add a row of ncols cells; NULL cells print empty. */
void table_add(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *out, int indent);
void table_free(struct table *t);

#endif
