/* SPDX-License-Identifier: MIT */
/* Resume keys and invitation codes: made from getrandom, stored as a
 * salted, iterated hash (secret.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "secret.h"
#include "sha256.h"
#include "util.h"

static const char alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";

static int secret_chars(enum secret_kind kind)
{
	return kind == SECRET_INVITE ? SECRET_CODE_CHARS : SECRET_KEY_CHARS;
}

/* Characters per group read aloud. */
static int secret_group(enum secret_kind kind)
{
	return kind == SECRET_INVITE ? 4 : 5;
}

static bool secret_random(unsigned char *b, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = getrandom(b + got, len - got, 0);
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	return true;
}

/* chars letters of key in groups, separated by dashes. */
static void secret_group_out(enum secret_kind kind, const char *key, char *out)
{
	int o = 0, chars = secret_chars(kind), group = secret_group(kind);
	for (int i = 0; i < chars; i++) {
		if (i > 0 && i % group == 0)
			out[o++] = '-';
		out[o++] = key[i];
	}
	out[o] = '\0';
}

bool secret_make(enum secret_kind kind, char *out)
{
	unsigned char b[SECRET_CODE_CHARS];
	char key[SECRET_CODE_CHARS];
	int chars = secret_chars(kind);
	if (!secret_random(b, (size_t)chars))
		return false;
	/* 25 letters: 250 = 10 * 25, so rejecting bytes >= 250 keeps every
	 * letter equally likely */
	for (int i = 0; i < chars; i++) {
		while (b[i] >= 250)
			if (!secret_random(&b[i], 1))
				return false;
		key[i] = alphabet[b[i] % (sizeof(alphabet) - 1)];
	}
	secret_group_out(kind, key, out);
	return true;
}

/* The letters of typed, upper case, without spaces and dashes. */
static bool secret_letters(enum secret_kind kind, const char *typed,
			   char key[SECRET_CODE_CHARS + 1])
{
	int n = 0, chars = secret_chars(kind);
	for (const char *p = typed; *p != '\0'; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (n == chars || strchr(alphabet, c) == NULL)
			return false;
		key[n++] = c;
	}
	key[n] = '\0';
	return n == chars;
}

bool secret_normalise(enum secret_kind kind, const char *typed,
		      char out[SECRET_CODE_SIZE])
{
	char key[SECRET_CODE_CHARS + 1];
	if (!secret_letters(kind, typed, key))
		return false;
	secret_group_out(kind, key, out);
	return true;
}

bool secret_hash(enum secret_kind kind, const char *typed, const char *salt,
		 char out[SECRET_HASH_SIZE])
{
	char key[SECRET_CODE_CHARS + 1];
	if (!secret_letters(kind, typed, key))
		return false;
	/* the kind is part of what is hashed: a resume key never matches
	 * an invitation's hash, nor the other way round */
	char password[64];
	int len = snprintf(password, sizeof(password), "aimap-%s:%s",
			   kind == SECRET_INVITE ? "invite" : "resume", key);
	unsigned char h[SHA256_SIZE];
	sha256_pbkdf2(password, (size_t)len, salt, strlen(salt),
		      SECRET_ITERATIONS, h, sizeof(h));
	int o = snprintf(out, SECRET_HASH_SIZE, "p1:");
	for (int i = 0; i < SHA256_SIZE; i++)
		o += snprintf(out + o, (size_t)(SECRET_HASH_SIZE - o), "%02x",
			      h[i]);
	return true;
}

bool secret_hash_legacy(const char *typed, char out[SECRET_LEGACY_HASH_SIZE])
{
	char key[SECRET_CODE_CHARS + 1];
	if (!secret_letters(SECRET_RESUME, typed, key))
		return false;
	char salted[64];
	snprintf(salted, sizeof(salted), "aimap-resume:%s", key);
	util_hash_hex(salted, strlen(salted), out);
	return true;
}
