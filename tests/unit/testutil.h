/* SPDX-License-Identifier: MIT */
/* Shared bits for the cmocka unit tests: temporary folders and files. */
#ifndef AIMAP_TESTUTIL_H
#define AIMAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh folder under $TMPDIR (or /tmp); removed with testutil_rmdir. */
static inline char *testutil_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = malloc(4096);
	assert_non_null(tmpl);
	snprintf(tmpl, 4096, "%s/aimap-test-XXXXXX", base ? base : "/tmp");
	assert_non_null(mkdtemp(tmpl));
	return tmpl;
}

static inline void testutil_rmdir(char *dir)
{
	char *cmd = malloc(strlen(dir) + 32);
	assert_non_null(cmd);
	sprintf(cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

static inline void testutil_write(const char *path, const void *data,
				  size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

#endif
