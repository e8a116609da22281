/* SPDX-License-Identifier: MIT */
/* A list of problems found in one input file, each "FILE:LINE: message".
 * Loaders collect every problem instead of stopping at the first, so an
 * author fixes a file in one pass; the caller decides where to print. */
#ifndef AIMAP_DIAG_H
#define AIMAP_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag_entry {
	enum diag_severity severity;
	int line; /* 0 when the problem has no single line */
	char *message;
};

struct diag {
	char *file; /* the name shown to the user */
	struct diag_entry *entries;
	int count;
	int errors;
};

void diag_init(struct diag *d, const char *file);
void diag_free(struct diag *d);
void diag_error(struct diag *d, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
void diag_warning(struct diag *d, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* Entries in line order (stable), errors and warnings interleaved. */
void diag_sort(struct diag *d);
/* "FILE:LINE: message" or "FILE:LINE: warning: message", one per line. */
void diag_print(const struct diag *d, FILE *out);
/* One entry formatted as above, malloc'd. */
char *diag_format(const struct diag *d, int index);
bool diag_has_errors(const struct diag *d);

#endif
