#include "config.h"

#include "flow.h"

static bool shown(const struct questionnaire *q, enum track track, int i)
{
	return questionnaire_question_applies(&q->questions[i], track);
}

int flow_first(const struct questionnaire *q, enum track track)
{
	return flow_next(q, track, -1);
}

int flow_next(const struct questionnaire *q, enum track track, int i)
{
	for (int j = i + 1; j < q->nquestions; j++)
		if (shown(q, track, j))
			return j;
	return -1;
}

int flow_prev(const struct questionnaire *q, enum track track, int i)
{
	for (int j = i - 1; j >= 0; j--)
		if (shown(q, track, j))
			return j;
	return -1;
}

int flow_count(const struct questionnaire *q, enum track track)
{
	int n = 0;
	for (int i = 0; i < q->nquestions; i++)
		n += shown(q, track, i);
	return n;
}

int flow_position(const struct questionnaire *q, enum track track, int i)
{
	if (i < 0 || i >= q->nquestions || !shown(q, track, i))
		return 0;
	int n = 0;
	for (int j = 0; j <= i; j++)
		n += shown(q, track, j);
	return n;
}

int flow_resume_point(const struct questionnaire *q, enum track track,
		      const bool *answered)
{
	for (int i = flow_first(q, track); i >= 0; i = flow_next(q, track, i))
		if (!answered[i])
			return i;
	return -1;
}
