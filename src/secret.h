/* SPDX-License-Identifier: MIT */
/* Keys people write down and type back: a resume key that lets a
 * respondent come back to their own answers, and nobody else to them.
 * A key is ten characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L, 2/Z, 5/S, 8/B), about 47 bits, shown in two groups of five
 * ("K7QXM-4RTCW"). Only its hash is stored. */
#ifndef AIMAP_SECRET_H
#define AIMAP_SECRET_H

#include <stdbool.h>

#define SECRET_KEY_CHARS 10
#define SECRET_KEY_SIZE (SECRET_KEY_CHARS + 2) /* the dash, the NUL */
#define SECRET_HASH_SIZE 17

/* A fresh random key, grouped for reading aloud; false when the system
 * gives no randomness. */
bool secret_make(char out[SECRET_KEY_SIZE]);
/* The hash to store of a key as typed: case, spaces and dashes do not
 * matter. False when it cannot be a key (wrong length or a character
 * outside the alphabet). */
bool secret_hash(const char *typed, char out[SECRET_HASH_SIZE]);

#endif
