/* SPDX-License-Identifier: MIT */
/* Navigation through a questionnaire, apart from any screen: which
 * questions a respondent sees (those for their track and role), what
 * comes next,
 * what "back" means, where someone who left halfway resumes. Pure
 * functions over the model, unit-tested without a terminal. */
#ifndef AIMAP_FLOW_H
#define AIMAP_FLOW_H

#include <stdbool.h>

#include "profile.h"
#include "questionnaire.h"

/* The first question shown to this track, or -1 when none is. */
int flow_first(const struct questionnaire *q, enum track track, enum role role);
/* The question shown after index i, or -1 when i was the last (the
 * review comes next). */
int flow_next(const struct questionnaire *q, enum track track, enum role role,
	      int i);
/* The question shown before index i, or -1 when i was the first (the
 * profile comes before it). */
int flow_prev(const struct questionnaire *q, enum track track, enum role role,
	      int i);
/* How many questions this track sees. */
int flow_count(const struct questionnaire *q, enum track track, enum role role);
/* The 1-based position of question i among those this track sees ("7" in
 * "7 / 24"), or 0 when the track does not see it. */
int flow_position(const struct questionnaire *q, enum track track,
		  enum role role, int i);
/* Where someone resumes: the first question for their track without an
 * answer (answered[i] true when question i has one), or -1 when every
 * one is answered and the review comes next. */
int flow_resume_point(const struct questionnaire *q, enum track track,
		      enum role role, const bool *answered);

#endif
