/* SPDX-License-Identifier: MIT */
/* A questionnaire's model as bytes, so that a stored questionnaire need
 * not be parsed again at every start (take, the dashboard): parsing its
 * INI text is most of what 'aimap take' does before its first screen.
 *
 * The form is a cache, never the record: the text is. It is written from
 * a model that questionnaire_parse made, and carries QNFORM_FORMAT and the
 * hash and length of that text; qnform_decode refuses a form of another
 * format or another text, and checks every count, index and choice of it
 * against the limits the parser holds a file to, so what it returns is a
 * model the parser could have made. The caller parses the text when it
 * refuses (store_questionnaire_model). */
#ifndef AIMAP_QNFORM_H
#define AIMAP_QNFORM_H

#include <stddef.h>

#include "questionnaire.h"

/* Change it with every change of struct questionnaire or of what the
 * parser puts in it: forms of another format, or written by another
 * version of aimap, are parsed again. */
#define QNFORM_FORMAT 1

/* The form of q, parsed from a text of q->source_len bytes whose hash
 * (util_hash_hex, 16 hex digits) is hash; malloc'd, its length in
 * *len. */
unsigned char *qnform_encode(const struct questionnaire *q, const char *hash,
			     size_t *len);

/* The model the form holds, with source (len bytes, copied) as its text
 * and hash as its hash; NULL when form is NULL, of another format or of
 * another text (hash, length), or is not sound. */
struct questionnaire *qnform_decode(const unsigned char *form, size_t size,
				    const char *source, size_t len,
				    const char *hash);

#endif
