/* SPDX-License-Identifier: MIT */
/* A fuzz target without libFuzzer: each file named on the command line
 * is read into a buffer of exactly its size (so the sanitizers see any
 * read past the end, as under libFuzzer) and given to the target once.
 * make check runs the corpus and every crasher this way (replay.sh). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned char *replay_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (f == NULL || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "replay: cannot read %s: %s\n", path,
			f == NULL ? strerror(errno) : "not a regular file");
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	*len = (size_t)st.st_size;
	unsigned char *buf = malloc(*len > 0 ? *len : 1);
	if (buf == NULL || fread(buf, 1, *len, f) != *len) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		/* the name first: a crash ends the run, and this says where */
		printf("replay: %s\n", argv[i]);
		fflush(stdout);
		size_t len;
		unsigned char *data = replay_read(argv[i], &len);
		if (data == NULL) {
			failed = 1;
			continue;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return failed;
}
