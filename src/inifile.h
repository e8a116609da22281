/* SPDX-License-Identifier: MIT */
/* An INI file read with iniparser, with what iniparser does not give:
 * the line of every section and key, and a clear message for each way a
 * file can be broken. This is the only module that includes iniparser.
 *
 * iniparser 4.1 (Debian) lowercases section and key names, merges sections
 * and keys that differ only in case, ends an unquoted value at ';' or '#',
 * ends a quoted value at the next quote, limits a line (including lines
 * joined with a trailing backslash) to 1022 bytes, and crashes when a typed
 * getter is asked for a key that names a section (CVE-2023-33461). This
 * module scans the text itself first, so each of those gets its own message
 * with a line number, and reads values with iniparser_getstring only. */
#ifndef AIMAP_INIFILE_H
#define AIMAP_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* iniparser 4.1 reads at most this many bytes of one line (without the
 * newline); a longer line is refused. */
#define INIFILE_MAX_LINE 1022
/* A questionnaire has at most 200 questions and a few sections more, a
 * question a few dozen keys; a file past these is refused as soon as the
 * scan reaches them, so that no file costs more than a moment to refuse
 * (iniparser's dictionary takes time that grows with the square of its
 * keys). */
#define INIFILE_MAX_SECTIONS 512
#define INIFILE_MAX_SECTION_KEYS 64
#define INIFILE_MAX_KEYS 8192

struct ini_key {
	char *name;  /* lowercased, as iniparser stores it */
	char *value; /* the value iniparser read, never NULL */
	int line;    /* first line of the key */
};

struct ini_section {
	char *name;	/* lowercased */
	char *original; /* as written, for messages */
	int line;
	struct ini_key *keys;
	int nkeys;
};

struct ini_file {
	struct ini_section *sections;
	int nsections;
};

/* Parse text (len bytes, may contain NULs, which are reported) into *out.
 * Every problem goes to d (its file name is used in messages). Returns
 * false when the file has errors; *out is then empty but safe to free. */
bool inifile_parse(const char *text, size_t len, struct ini_file *out,
		   struct diag *d);
void inifile_free(struct ini_file *f);

const struct ini_section *inifile_section(const struct ini_file *f,
					  const char *name);
const struct ini_key *inifile_key(const struct ini_section *s,
				  const char *name);

#endif
