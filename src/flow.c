/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "flow.h"

static bool shown(const struct questionnaire *q, enum track track,
		  enum role role, int i)
{
	return questionnaire_question_applies(&q->questions[i], track, role);
}

int flow_first(const struct questionnaire *q, enum track track, enum role role)
{
	return flow_next(q, track, role, -1);
}

int flow_next(const struct questionnaire *q, enum track track, enum role role,
	      int i)
{
	for (int j = i + 1; j < q->nquestions; j++)
		if (shown(q, track, role, j))
			return j;
	return -1;
}

int flow_prev(const struct questionnaire *q, enum track track, enum role role,
	      int i)
{
	for (int j = i - 1; j >= 0; j--)
		if (shown(q, track, role, j))
			return j;
	return -1;
}

int flow_count(const struct questionnaire *q, enum track track, enum role role)
{
	int n = 0;
	for (int i = 0; i < q->nquestions; i++)
		n += shown(q, track, role, i);
	return n;
}

int flow_position(const struct questionnaire *q, enum track track,
		  enum role role, int i)
{
	if (i < 0 || i >= q->nquestions || !shown(q, track, role, i))
		return 0;
	int n = 0;
	for (int j = 0; j <= i; j++)
		n += shown(q, track, role, j);
	return n;
}

int flow_resume_point(const struct questionnaire *q, enum track track,
		      enum role role, const bool *answered)
{
	for (int i = flow_first(q, track, role); i >= 0;
	     i = flow_next(q, track, role, i))
		if (!answered[i])
			return i;
	return -1;
}
