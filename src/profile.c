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

static bool lookup(const struct name_label *table, int count, const char *s,
		   int *out)
{
	for (int i = 0; i < count; i++) {
		if (strcmp(table[i].name, s) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

const char *role_name(enum role r)
{
	return roles[r].name;
}
const char *role_label(enum role r)
{
	return roles[r].label;
}
bool role_is_leader(enum role r)
{
	return r != ROLE_INDIVIDUAL;
}

bool role_parse(const char *s, enum role *out)
{
	int i;
	if (!lookup(roles, ROLE_COUNT, s, &i))
		return false;
	*out = (enum role)i;
	return true;
}

const char *track_name(enum track t)
{
	return tracks[t].name;
}
const char *track_label(enum track t)
{
	return tracks[t].label;
}

bool track_parse(const char *s, enum track *out)
{
	int i;
	if (!lookup(tracks, TRACK_COUNT, s, &i))
		return false;
	*out = (enum track)i;
	return true;
}

const char *segment_name(enum segment s)
{
	return segments[s].name;
}
const char *segment_label(enum segment s)
{
	return segments[s].label;
}

bool segment_parse(const char *s, enum segment *out)
{
	int i;
	if (!lookup(segments, SEGMENT_COUNT, s, &i))
		return false;
	*out = (enum segment)i;
	return true;
}

const char *subtype_name(enum subtype s)
{
	return subtypes[s].name;
}
const char *subtype_label(enum subtype s)
{
	return subtypes[s].label;
}

bool subtype_parse(const char *s, enum subtype *out)
{
	int i;
	if (!lookup(subtypes, SUBTYPE_COUNT, s, &i))
		return false;
	*out = (enum subtype)i;
	return true;
}

enum segment subtype_segment(enum subtype s)
{
	switch (s) {
	case SUBTYPE_SHARING:
	case SUBTYPE_ALONE:
		return SEGMENT_CHAMPION;
	case SUBTYPE_SKEPTIC:
	case SUBTYPE_NOT_STARTED:
		return SEGMENT_CAUTIOUS;
	default:
		return SEGMENT_NONE;
	}
}

const char *role_names_list(void)
{
	return "executive, manager, senior-tech, individual";
}

const char *track_names_list(void)
{
	return "technical, citizen";
}
