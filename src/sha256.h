/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4) and PBKDF2-HMAC-SHA256 (RFC 8018), for the hashes
 * of invitation codes and resume keys (secret.h). A small, plain
 * implementation of its own: the project's fixed dependencies (ncursesw,
 * SQLite, iniparser, cmocka) hold no hash, and a keyed, iterated hash of
 * a short code is all that is needed here. */
#ifndef AIMAP_SHA256_H
#define AIMAP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32

struct sha256 {
	uint32_t h[8];
	uint64_t bytes; /* hashed so far */
	unsigned char block[64];
	size_t fill; /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_SIZE]);
/* The hash of data in one call. */
void sha256(const void *data, size_t len, unsigned char out[SHA256_SIZE]);
/* PBKDF2 with HMAC-SHA256: out_len bytes from password and salt after
 * iterations rounds. */
void sha256_pbkdf2(const void *password, size_t password_len, const void *salt,
		   size_t salt_len, unsigned iterations, unsigned char *out,
		   size_t out_len);

#endif
