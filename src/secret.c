/* SPDX-License-Identifier: MIT */
/* Resume keys: made from getrandom, stored as a hash (secret.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "secret.h"
#include "util.h"

static const char alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";

bool secret_make(char out[SECRET_KEY_SIZE])
{
	unsigned char b[SECRET_KEY_CHARS];
	size_t got = 0;
	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	/* 25 letters: 250 = 10 * 25, so rejecting bytes >= 250 keeps every
	 * letter equally likely */
	int o = 0;
	for (int i = 0; i < SECRET_KEY_CHARS; i++) {
		while (b[i] >= 250)
			if (getrandom(&b[i], 1, 0) != 1)
				return false;
		if (i == SECRET_KEY_CHARS / 2)
			out[o++] = '-';
		out[o++] = alphabet[b[i] % (sizeof(alphabet) - 1)];
	}
	out[o] = '\0';
	return true;
}

bool secret_hash(const char *typed, char out[SECRET_HASH_SIZE])
{
	char key[SECRET_KEY_CHARS + 1];
	int n = 0;
	for (const char *p = typed; *p != '\0'; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (n == SECRET_KEY_CHARS || strchr(alphabet, c) == NULL ||
		    c == '\0')
			return false;
		key[n++] = c;
	}
	if (n != SECRET_KEY_CHARS)
		return false;
	key[n] = '\0';
	char salted[64];
	snprintf(salted, sizeof(salted), "aimap-resume:%s", key);
	util_hash_hex(salted, strlen(salted), out);
	return true;
}
