/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "profile.h"

#include <string.h>

#include "util.h"

struct name_label {
	const char *name;
	const char *label;
};

static const struct name_label roles[ROLE_COUNT] = {
    [ROLE_EXECUTIVE] = {"executive", "Executive"},
    [ROLE_MANAGER] = {"manager", "Manager or team lead"},
    [ROLE_SENIOR_TECH] = {"senior-tech", "Senior technical leader"},
    [ROLE_INDIVIDUAL] = {"individual", "Individual contributor"},
};

static const struct name_label tracks[TRACK_COUNT] = {
    [TRACK_TECHNICAL] = {"technical", "Technical team"},
    [TRACK_CITIZEN] = {"citizen", "Citizen builder"},
};

static const struct name_label segments[SEGMENT_COUNT] = {
    [SEGMENT_NONE] = {"none", "Not classified"},
    [SEGMENT_CHAMPION] = {"champion", "Champion"},
    [SEGMENT_WILLING] = {"willing", "Willing middle"},
    [SEGMENT_CAUTIOUS] = {"cautious", "Cautious third"},
};

static const struct name_label subtypes[SUBTYPE_COUNT] = {
    [SUBTYPE_NONE] = {"none", ""},
    [SUBTYPE_SHARING] = {"sharing", "shares what they learn"},
    [SUBTYPE_ALONE] = {"alone", "works alone"},
    [SUBTYPE_SKEPTIC] = {"skeptic", "skeptic who wants evidence"},
    [SUBTYPE_NOT_STARTED] = {"not-started", "has not started yet"},
};

/* The index of s in the table, or -1. */
static int lookup(const struct name_label *table, int count, const char *s)
{
	/* the first letter first: a million rows of a round are parsed */
	for (int i = 0; i < count; i++)
		if (table[i].name[0] == s[0] && strcmp(table[i].name, s) == 0)
			return i;
	return -1;
}

/* KIND_name(), KIND_label() and KIND_parse() of enum KIND, from its table:
 * the same three functions for roles, tracks, segments and sub-types. */
#define PROFILE_TABLE_FUNCTIONS(kind, table, count)                            \
	const char *kind##_name(enum kind v)                                   \
	{                                                                      \
		return table[v].name;                                          \
	}                                                                      \
	const char *kind##_label(enum kind v)                                  \
	{                                                                      \
		return table[v].label;                                         \
	}                                                                      \
	bool kind##_parse(const char *s, enum kind *out)                       \
	{                                                                      \
		int i = lookup(table, count, s);                               \
		if (i >= 0)                                                    \
			*out = (enum kind)i;                                   \
		return i >= 0;                                                 \
	}

PROFILE_TABLE_FUNCTIONS(role, roles, ROLE_COUNT)
PROFILE_TABLE_FUNCTIONS(track, tracks, TRACK_COUNT)
PROFILE_TABLE_FUNCTIONS(segment, segments, SEGMENT_COUNT)
PROFILE_TABLE_FUNCTIONS(subtype, subtypes, SUBTYPE_COUNT)

bool role_is_leader(enum role r)
{
	return r != ROLE_INDIVIDUAL;
}

const char *role_names_list(void)
{
	return "executive, manager, senior-tech, individual";
}

const char *track_names_list(void)
{
	return "technical, citizen";
}
