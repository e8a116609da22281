/* SPDX-License-Identifier: MIT */
/* The vocabulary shared by every layer: who a respondent is (role, track)
 * and where they land (segment, sub-type). Each enum has one name used in
 * files, the database and CSV, and one label for people. */
#ifndef AIMAP_PROFILE_H
#define AIMAP_PROFILE_H

#include <stdbool.h>

enum role {
	ROLE_EXECUTIVE,
	ROLE_MANAGER,	  /* manager or team lead */
	ROLE_SENIOR_TECH, /* staff, principal, architect */
	ROLE_INDIVIDUAL,  /* individual contributor */
	ROLE_COUNT
};

enum track {
	TRACK_TECHNICAL,
	TRACK_CITIZEN, /* citizen builder */
	TRACK_COUNT
};

enum segment {
	SEGMENT_NONE, /* not classified: no adoption question answered */
	SEGMENT_CHAMPION,
	SEGMENT_WILLING,
	SEGMENT_CAUTIOUS,
	SEGMENT_COUNT
};

enum subtype {
	SUBTYPE_NONE,	     /* the willing middle, or not determined */
	SUBTYPE_SHARING,     /* a champion who spreads what they learn */
	SUBTYPE_ALONE,	     /* a champion who works alone */
	SUBTYPE_SKEPTIC,     /* cautious, and wants evidence */
	SUBTYPE_NOT_STARTED, /* cautious, has not started or waits and sees */
	SUBTYPE_COUNT
};

const char *role_name(enum role r);  /* "executive", "manager", ... */
const char *role_label(enum role r); /* "Executive", ... */
bool role_parse(const char *s, enum role *out);
bool role_is_leader(enum role r);

const char *track_name(enum track t); /* "technical", "citizen" */
const char *track_label(enum track t);
bool track_parse(const char *s, enum track *out);

const char *segment_name(enum segment s); /* "champion", "willing", ... */
const char *segment_label(enum segment s);
bool segment_parse(const char *s, enum segment *out);

const char *subtype_name(enum subtype s); /* "sharing", "alone", ... */
const char *subtype_label(enum subtype s);
bool subtype_parse(const char *s, enum subtype *out);

/* Accepted spellings, for usage messages: "executive, manager, ..." */
const char *role_names_list(void);
const char *track_names_list(void);

#endif
