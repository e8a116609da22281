/* SPDX-License-Identifier: MIT */
/* A questionnaire: an INI file turned into a validated in-memory model.
 * The file format is documented in aimap-questionnaire(5); in short:
 *
 *   [questionnaire]        id, title, version, audience, minutes
 *                          (optional: the rule's estimate otherwise),
 *                          description (optional)
 *   [dimension.ID]         label, weight, role, description (optional),
 *                          advice and advice_below (optional, together)
 *   [question.ID]          dimension, type, text, help (optional),
 *                          track (optional), audience (optional:
 *                          everyone or leaders), and for
 *                            type = choice:   choiceN = text, scoreN = int
 *                                             or na (not applicable)
 *                            type = scale:    points = int, anchorN = text
 *                            type = estimate: nothing more (no dimension)
 *                            type = comment:  max_length (optional)
 *                          A choice or scale question without a
 *                          dimension (and without scores) is unscored.
 *   [classification]       champion, willing, shares, skeptic, and
 *                          intent and started with an intent dimension
 *   [guidance.NAME]        summary, step1, step2 (optional), step3
 *                          (optional), for NAME in champion, willing,
 *                          cautious, sharing, alone, skeptic, not-started
 *   [phase.NAME]           conditions for structuring and scaling
 *   [action.ID]            text, finding, when, weeks, priority, track
 *                          (optional): a next action for a department
 *
 * Questions are asked in the order of the file. The loader checks
 * everything a later screen or score relies on, so a model that loaded
 * without errors never surprises the code that uses it. */
#ifndef AIMAP_QUESTIONNAIRE_H
#define AIMAP_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "profile.h"

#define QN_MAX_ID 32 /* bytes in an id */
#define QN_MAX_DIMENSIONS 64
#define QN_MAX_QUESTIONS 200
#define QN_MAX_CHOICES 9 /* keys 1-9 pick a choice */
#define QN_MAX_SCORE 100 /* choice scores are 0..100 */
#define QN_MAX_STEPS 3
#define QN_MAX_COMMENT 2000    /* bytes of a comment, at most */
#define QN_DEFAULT_COMMENT 500 /* max_length when the file gives none */

enum audience { AUDIENCE_EVERYONE, AUDIENCE_LEADERS };

enum question_type { QTYPE_CHOICE, QTYPE_SCALE, QTYPE_ESTIMATE, QTYPE_COMMENT };

/* The part a dimension plays in classification. */
enum dimension_role {
	DIMROLE_ADOPTION, /* averaged (by weight) into the adoption depth */
	DIMROLE_SHARING,  /* tells champions who share from those alone */
	DIMROLE_ATTITUDE, /* tells skeptics from those not started */
	DIMROLE_CONTEXT,  /* reported, not used to classify */
	DIMROLE_INTENT,	  /* readiness to move: lets a person who has
			     started but is below the willing threshold into
			     the willing middle */
};

/* Guidance is keyed by segment and by sub-type. */
enum guidance_kind {
	GUIDE_CHAMPION,
	GUIDE_WILLING,
	GUIDE_CAUTIOUS,
	GUIDE_SHARING,
	GUIDE_ALONE,
	GUIDE_SKEPTIC,
	GUIDE_NOT_STARTED,
	GUIDE_COUNT
};

struct qn_choice {
	char *text; /* NULL for an unlabelled point of a scale */
	/* 0..QN_MAX_SCORE, or QN_SCORE_NA for scoreN = na: not applicable,
	 * shown and stored but left out of the score like no answer */
	int score;
};

#define QN_SCORE_NA (-1)

struct qn_dimension {
	char *id;
	char *label;
	char *description; /* may be NULL */
	int weight;	   /* 1..100 */
	enum dimension_role role;
	/* The next action for a person whose score on this dimension is
	 * below advice_below (0..100); advice is NULL when the file gives
	 * none, and advice_below is then 0. */
	char *advice;
	int advice_below;
	int line;
};

struct qn_question {
	char *id;
	char *text;
	char *help; /* may be NULL */
	enum question_type type;
	int dimension;	/* index into dimensions; -1 when unscored */
	bool has_track; /* shown only to one track when true */
	enum track track;
	bool leaders_only; /* audience = leaders: shown only to leaders */
	/* choices[0] is choice number 1. For a scale with points = N these
	 * are its N points, scored 0..100 evenly; text is the anchor label
	 * where one is given. Empty for an estimate. */
	struct qn_choice *choices;
	int nchoices;
	int max_score;	/* the highest score among the choices */
	int max_length; /* type = comment: bytes a comment may have */
	int line;
};

struct qn_rules {
	int champion; /* adoption depth >= champion: a champion */
	int willing;  /* >= willing: the willing middle; below: cautious */
	int shares;   /* sharing score >= shares: shares; below: alone */
	int skeptic;  /* attitude score >= skeptic: skeptic; below: not
			 started */
	/* With an intent dimension: below willing, a person whose adoption
	 * depth is >= started and whose intent score is >= intent is in the
	 * willing middle all the same (they have started and want to go
	 * further); 0 and unused without one. */
	int intent;
	int started;
	int sharing_dimension;	/* index, or -1 when there is none */
	int attitude_dimension; /* index, or -1 when there is none */
	int intent_dimension;	/* index, or -1 when there is none */
	int line;		/* of [classification] */
};

/* The phase a group is in (exploration, structuring, scaling) follows
 * from optional [phase.structuring] and [phase.scaling] sections: a group
 * is in the highest phase all of whose conditions hold. A condition is a
 * minimum: "champions = 25" (at least 25% of the group are champions) or
 * "DIMENSION_ID = 60" (the group's mean score on that dimension is at
 * least 60). Without those sections there is no phase. */
enum phase { PHASE_NONE, PHASE_EXPLORATION, PHASE_STRUCTURING, PHASE_SCALING };

#define QN_MAX_PHASE_CONDITIONS 8

struct qn_phase_condition {
	int dimension; /* index, or -1 for the share of champions */
	int min;       /* 0..100 */
};

struct qn_phase_rule {
	bool defined;
	struct qn_phase_condition conditions[QN_MAX_PHASE_CONDITIONS];
	int nconditions;
	int line;
};

/* Next actions for a department ([action.ID] sections): each picks an
 * action when every condition of its `when` holds for what was measured
 * in the department (see nextstep.h and aimap-questionnaire(5)). */
enum qn_measure {
	MEASURE_CHAMPIONS,    /* % of the classified who are champions */
	MEASURE_WILLING,      /* % in the willing middle */
	MEASURE_CAUTIOUS,     /* % in the cautious third */
	MEASURE_SKEPTICS,     /* % who are skeptics */
	MEASURE_NOT_STARTED,  /* % who have not started */
	MEASURE_ALONE,	      /* % of the champions who work alone */
	MEASURE_SHARING,      /* % of the champions who share */
	MEASURE_OVERESTIMATE, /* leaders' estimate of champions less the
				 team's share, in points (--leaders) */
	MEASURE_DIMENSION,    /* the mean score on a dimension */
	MEASURE_COUNT
};

/* The four stretches of the first 90 days an action belongs to. */
enum qn_weeks { WEEKS_OBSERVE, WEEKS_ALIGN, WEEKS_BUILD, WEEKS_SCALE };

#define QN_MAX_ACTIONS 32
#define QN_MAX_ACTION_CONDITIONS 4

struct qn_action_condition {
	enum qn_measure measure;
	int dimension; /* index for MEASURE_DIMENSION, else -1 */
	bool below;    /* value < limit (or <= with or_equal) */
	bool or_equal; /* >= or <= rather than > or < */
	int limit;     /* -100..100 */
};

struct qn_action_rule {
	char *id;
	char *text;    /* what to do */
	char *finding; /* a template: {value}, {count}, {of}, ... */
	enum qn_weeks weeks;
	int priority;	/* 1 (first) .. 9 */
	bool has_track; /* measured among the department's people on track */
	enum track track;
	struct qn_action_condition conditions[QN_MAX_ACTION_CONDITIONS];
	int nconditions; /* 1.., the first is the one the finding tells */
	int line;
};

struct qn_guidance {
	char *summary; /* NULL when the file has no such section */
	char *steps[QN_MAX_STEPS];
	int nsteps;
};

struct questionnaire {
	char *id;
	char *title;
	char *description; /* may be NULL */
	int version;
	enum audience audience;
	int minutes; /* as the file says, or questionnaire_estimate_minutes */
	int minutes_line; /* of the minutes key; 0 when the file has none */

	struct qn_dimension *dimensions;
	int ndimensions;
	struct qn_question *questions;
	int nquestions;
	struct qn_rules rules;
	struct qn_guidance guidance[GUIDE_COUNT];
	/* indexed by PHASE_STRUCTURING and PHASE_SCALING; the others unused */
	struct qn_phase_rule phases[PHASE_SCALING + 1];
	struct qn_action_rule *actions; /* in the order of the file */
	int nactions;

	char *source; /* the file's full text, as stored with results */
	size_t source_len;
	char hash[17]; /* util_hash_hex of source */
};

/* Parse and validate a questionnaire held in memory. name is used in
 * messages ("FILE:LINE: ..."). Every problem goes to d. Returns NULL when
 * there is any error; warnings alone do not stop loading. */
struct questionnaire *questionnaire_parse(const char *name, const char *text,
					  size_t len, struct diag *d);
/* Read path and parse it. A file that cannot be read is one error. */
struct questionnaire *questionnaire_load(const char *path, struct diag *d);
void questionnaire_free(struct questionnaire *q);

/* Index of the question or dimension with this id, or -1. */
int questionnaire_find_question(const struct questionnaire *q, const char *id);
/* True when q asks an estimate question: the leaders' side of the
 * perception gap. */
bool questionnaire_asks_estimate(const struct questionnaire *q);
int questionnaire_find_dimension(const struct questionnaire *q, const char *id);
/* True when the question counts towards a dimension's score. */
bool questionnaire_question_scored(const struct qn_question *qq);

/* The time the questionnaire takes by the rule of aimap-questionnaire(5),
 * in whole minutes (at least 1): every word a person reads at 240 a
 * minute, 2 seconds to weigh each choice or scale point, 15 seconds for
 * an estimate and 45 for a comment, over the questions shown to a leader
 * on the track that has the most to read. */
int questionnaire_estimate_minutes(const struct questionnaire *q);
/* The same in seconds, unrounded, for the tests of the rule. */
double questionnaire_estimate_seconds(const struct questionnaire *q);
/* A warning in d when minutes is given and is below the estimate or more
 * than twice it and a minute: what aimap validate adds to the loader's
 * checks. */
void questionnaire_check_minutes(const struct questionnaire *q, struct diag *d);

/* True when the question is shown to someone on this track in this role
 * (a question with audience = leaders only to executives, managers and
 * senior technical leaders). */
bool questionnaire_question_applies(const struct qn_question *qq,
				    enum track track, enum role role);

const char *audience_name(enum audience a);
const char *question_type_name(enum question_type t);
const char *dimension_role_name(enum dimension_role r);
const char *guidance_kind_name(enum guidance_kind g); /* section suffix */
const char *phase_name(enum phase p); /* "exploration", ... ("" for none) */
/* "champions", ..., "overestimate"; "" for MEASURE_DIMENSION */
const char *measure_name(enum qn_measure m);
const char *weeks_name(enum qn_weeks w);  /* "observe", ... */
const char *weeks_label(enum qn_weeks w); /* "Observe and map", ... */
/* The weeks of the 90-day sequence: 1-4, 3-6, 5-10, 8-13 */
int weeks_from(enum qn_weeks w);
int weeks_to(enum qn_weeks w);
/* The index of the action rule with this id, or -1. */
int questionnaire_find_action(const struct questionnaire *q, const char *id);

#endif
