/* SPDX-License-Identifier: MIT */
/* Keys people write down and type back: a resume key that lets a
 * respondent come back to their own answers, and an invitation code
 * that starts or continues one invited person's response. Both come
 * from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B),
 * 25 letters and digits: a resume key has ten (about 46 bits, "K7QXM-
 * 4RTCW"), an invitation code twelve (about 55 bits, "K7QX-M4RT-CWHA"),
 * grouped for reading aloud. Case, spaces and dashes do not matter when
 * they are typed back.
 *
 * Only a hash is stored: PBKDF2-HMAC-SHA256 (sha256.h) of the key with
 * the database's own random salt, SECRET_ITERATIONS rounds, written
 * "p1:" and 64 hex digits. Someone holding the database file must then
 * try each guess at that cost, for that file alone. Resume keys stored
 * before (aimap 0.x, schema 4) hold an unsalted 16-digit FNV-1a hash
 * without the prefix; they are still accepted (secret_hash_legacy). */
#ifndef AIMAP_SECRET_H
#define AIMAP_SECRET_H

#include <stdbool.h>

enum secret_kind {
	SECRET_RESUME, /* a resume key: 10 characters, 5-5 */
	SECRET_INVITE, /* an invitation code: 12 characters, 4-4-4 */
};

#define SECRET_KEY_CHARS 10
#define SECRET_KEY_SIZE (SECRET_KEY_CHARS + 2) /* the dash, the NUL */
#define SECRET_CODE_CHARS 12
#define SECRET_CODE_SIZE (SECRET_CODE_CHARS + 3) /* two dashes, the NUL */
#define SECRET_HASH_SIZE 68			 /* "p1:", 64 digits, NUL */
#define SECRET_LEGACY_HASH_SIZE 17
/* 10 to 20 ms per check on the 2-core machine it was written on (-O2),
 * some 30000 times the old FNV hash: nothing to a person, a cost on
 * every guess. */
#define SECRET_ITERATIONS 10000 /* "p1:" means this: a change is "p2:" */

/* A fresh random key or code of that kind, grouped for reading aloud
 * (out: SECRET_CODE_SIZE bytes fit both); false when the system gives
 * no randomness. */
bool secret_make(enum secret_kind kind, char *out);
/* A typed key or code as stored words: upper case, without spaces and
 * dashes, regrouped ("k7qx m4rt-cwha" -> "K7QX-M4RT-CWHA"). False when it
 * cannot be one of that kind (wrong length or a character outside the
 * alphabet). */
bool secret_normalise(enum secret_kind kind, const char *typed,
		      char out[SECRET_CODE_SIZE]);
/* The hash to store of a key or code as typed, with the database's salt
 * (store_salt); false when it cannot be one of that kind. */
bool secret_hash(enum secret_kind kind, const char *typed, const char *salt,
		 char out[SECRET_HASH_SIZE]);
/* The unsalted hash resume keys had before the salt (schema 4): kept
 * only to find them. */
bool secret_hash_legacy(const char *typed, char out[SECRET_LEGACY_HASH_SIZE]);

#endif
