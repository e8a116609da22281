/* SPDX-License-Identifier: MIT */
/* What the fuzz targets share with libFuzzer and with replay.c, which
 * runs them over files without libFuzzer (make check). */
#ifndef AIMAP_FUZZ_H
#define AIMAP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Longer inputs are skipped: the INI scanner's duplicate checks are
 * quadratic, so a huge input tests patience, not the code. make fuzz
 * passes the same number as -max_len. */
#define FUZZ_MAX_INPUT 65536

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise of the code under test that the input broke: abort, so that
 * libFuzzer saves the input and replay fails. */
#define FUZZ_CHECK(cond)                                                       \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))

static inline _Noreturn void fuzz_fail(const char *file, int line,
				       const char *what)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
	abort();
}

#endif
