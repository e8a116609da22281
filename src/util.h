/* SPDX-License-Identifier: MIT */
/* Small helpers every module may use: allocation that never returns NULL,
 * strict number parsing, UTF-8 checks and UUIDs. No I/O beyond the random
 * source, no library beyond libc. */
#ifndef AIMAP_UTIL_H
#define AIMAP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Bookkeeping allocations abort with a message when memory runs out: there
 * is nothing sensible to do for a few bytes, and it keeps callers simple. */
void *xmalloc(size_t size);
/* Print "out of memory" and abort: for other allocators (SQLite's) too. */
void util_out_of_memory(void) __attribute__((noreturn));
void *xcalloc(size_t count, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* What xasprintf does, for functions that take their own "...": ap is left
 * as it was (copied), and a text vsnprintf cannot format becomes "". */
char *util_vformat(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* A text built in a caller's fixed buffer, piece by piece: it never
 * overflows and always ends in a NUL, and len counts what the whole text
 * needs (as snprintf does), so a caller can tell it was cut. */
struct util_text {
	char *buf;
	size_t size;
	size_t len;
};

/* buf may be NULL, to measure a text without keeping it. */
void util_text_init(struct util_text *t, char *buf, size_t size);
void util_text_printf(struct util_text *t, const char *fmt, ...)
    PRINTF_LIKE(2, 3);

/* Parse a whole string as a decimal integer in [min, max]. "Clean" means no
 * sign unless min < 0, no leading zeros ("010" is refused: is it octal?),
 * no spaces, no trailing text and no overflow. */
bool util_parse_int(const char *s, long min, long max, long *out);

/* True when the len bytes are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). On failure *bad_offset is the
 * offset of the first bad byte. */
bool util_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Edit distance between two short ASCII words, used for "did you mean". */
int util_edit_distance(const char *a, const char *b);
/* The candidate closest to word when it is close enough to be a likely
 * typo (at most two edits, and fewer than the candidate's length); NULL
 * otherwise. */
const char *util_closest_word(const char *word, const char *const *candidates,
			      int count);

/* A random (version 4) UUID in lower-case hex with dashes: 36 chars + NUL.
 * Returns false if the system's random source fails. */
bool util_uuid_v4(char out[37]);
/* A time-ordered (version 7) UUID: the time in milliseconds, a counter
 * within the millisecond, then 62 random bits. Each sorts after the one
 * made before it, so that an index of them grows at its end instead of
 * at a random page. It tells when it was made: for bulk writes of
 * synthetic data (the demo), never for a person's answers. */
bool util_uuid_v7(char out[37]);

/* The folder holding path ("." for a bare name), malloc'd. */
char *util_dir_of(const char *path);

/* The most util_read_file reads: a questionnaire or an answers file is a
 * few kilobytes, and /dev/zero or a pipe that never ends must not fill
 * the memory. */
#define UTIL_READ_MAX (1024 * 1024)
/* Read a whole file into memory, NUL-terminated (the NUL is not counted in
 * *len). Returns NULL with errno set on failure: EFBIG for more than
 * UTIL_READ_MAX bytes (found while reading), EISDIR for a folder. A FIFO
 * that no one writes reads as empty. */
char *util_read_file(const char *path, size_t *len);
/* Why util_read_file failed with errno err, for a message. */
const char *util_read_error(int err);

/* 64-bit FNV-1a of the bytes as 16 hex digits: a change detector for stored
 * questionnaire text, not a security measure. */
void util_hash_hex(const char *s, size_t len, char out[17]);

/* ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ". AIMAP_NOW, when set to such a
 * string, fixes the clock so golden tests and demos are reproducible. */
void util_now_iso(char out[21]);
/* Whether s is such a time, field by field in range (a second of 60: a
 * leap second). */
bool util_is_iso_time(const char *s);

#endif
