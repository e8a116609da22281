/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "nextstep.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "stats.h"
#include "util.h"

int nextstep_find_department(const struct report *r, const char *label)
{
	for (int d = 0; d < r->ndepartments; d++)
		if (strcasecmp(r->departments[d].label, label) == 0)
			return d;
	return -1;
}

static void share_of(int count, int of, struct nextstep_value *out)
{
	out->count = count;
	out->of = of;
	out->known = of > 0;
	out->value = of > 0 ? 100.0 * count / of : 0;
}

/* The leaders' gap of department d, from a paired leaders' round only. */
static void overestimate_of(const struct report *r, int d,
			    struct nextstep_value *out)
{
	if (r->leaders_code[0] == '\0')
		return;
	for (int i = 0; i < r->ngaps; i++) {
		const struct report_gap *gap = &r->gaps[i];
		if (gap->department == NULL || gap->executives || gap->hidden ||
		    strcmp(gap->department, r->departments[d].label) != 0)
			continue;
		out->known = true;
		out->estimate = gap->estimated[0];
		out->actual = gap->actual[0];
		out->value = gap->estimated[0] - gap->actual[0];
		out->of = gap->team;
		return;
	}
}

void nextstep_measure(const struct report *r, const struct qn_action_rule *rule,
		      const struct qn_action_condition *c, int d,
		      struct nextstep_value *out)
{
	memset(out, 0, sizeof(*out));
	if (d < 0 || d >= r->ndepartments)
		return;
	if (rule->has_track && r->department_tracks == NULL)
		return;
	const struct report_group *g =
	    rule->has_track
		? &r->department_tracks[d * TRACK_COUNT + (int)rule->track]
		: &r->departments[d];
	if (g->hidden)
		return;
	int classified = g->segments[SEGMENT_CHAMPION] +
			 g->segments[SEGMENT_WILLING] +
			 g->segments[SEGMENT_CAUTIOUS];
	int champions = g->segments[SEGMENT_CHAMPION];
	switch (c->measure) {
	case MEASURE_CHAMPIONS:
	case MEASURE_WILLING:
	case MEASURE_CAUTIOUS:
		share_of(g->segments[SEGMENT_CHAMPION + (int)c->measure],
			 classified, out);
		break;
	case MEASURE_SKEPTICS:
		share_of(g->subtypes[SUBTYPE_SKEPTIC], classified, out);
		break;
	case MEASURE_NOT_STARTED:
		share_of(g->subtypes[SUBTYPE_NOT_STARTED], classified, out);
		break;
	case MEASURE_ALONE:
		share_of(g->subtypes[SUBTYPE_ALONE], champions, out);
		break;
	case MEASURE_SHARING:
		share_of(g->subtypes[SUBTYPE_SHARING], champions, out);
		break;
	case MEASURE_OVERESTIMATE:
		overestimate_of(r, d, out);
		break;
	case MEASURE_DIMENSION:
	case MEASURE_COUNT:
		if (c->dimension < 0 || !report_has_score(g, c->dimension))
			break;
		out->known = true;
		out->value = g->dimensions[c->dimension];
		out->of = g->dimension_n[c->dimension];
		out->se = g->dimension_se[c->dimension];
		break;
	}
}

/* Compared as shown: a share of 49.96% shows as 50.0 and meets 50. */
static bool condition_holds(const struct qn_action_condition *c,
			    const struct nextstep_value *v)
{
	if (!v->known)
		return false;
	double shown = stats_round(v->value, 1);
	if (c->below)
		return c->or_equal ? shown <= c->limit : shown < c->limit;
	return c->or_equal ? shown >= c->limit : shown > c->limit;
}

static void append_number(struct util_text *t, double value)
{
	char num[32];
	stats_format(value, 1, num, sizeof(num));
	util_text_printf(t, "%s", num);
}

size_t nextstep_finding(const struct qn_action_rule *rule,
			const struct nextstep_value *v, const char *department,
			char *buf, size_t size)
{
	struct util_text t;
	util_text_init(&t, buf, size);
	const char *p = rule->finding != NULL ? rule->finding : "";
	while (*p != '\0') {
		const char *open = strchr(p, '{');
		const char *close = open != NULL ? strchr(open, '}') : NULL;
		if (open == NULL || close == NULL) {
			util_text_printf(&t, "%s", p);
			break;
		}
		util_text_printf(&t, "%.*s", (int)(open - p), p);
		size_t len = (size_t)(close - open - 1);
		const char *name = open + 1;
#define IS(word) (len == strlen(word) && strncmp(name, word, len) == 0)
		if (IS("value"))
			append_number(&t, v->value);
		else if (IS("count"))
			util_text_printf(&t, "%d", v->count);
		else if (IS("of"))
			util_text_printf(&t, "%d", v->of);
		else if (IS("estimate"))
			append_number(&t, v->estimate);
		else if (IS("actual"))
			append_number(&t, v->actual);
		else if (IS("department"))
			util_text_printf(&t, "%s", department);
		else /* the loader lets no other through */
			util_text_printf(&t, "%.*s", (int)len + 2, open);
#undef IS
		p = close + 1;
	}
	return t.len;
}

size_t nextstep_value_text(const struct qn_action_condition *c,
			   const struct nextstep_value *v, char *buf,
			   size_t size)
{
	char num[32];
	if (!v->known)
		return (size_t)snprintf(buf, size, "-");
	stats_format(v->value, 1, num, sizeof(num));
	if (c->measure == MEASURE_DIMENSION)
		return (size_t)snprintf(buf, size, "%s", num);
	if (c->measure == MEASURE_OVERESTIMATE)
		return (size_t)snprintf(buf, size, "%s%s points",
					stats_round(v->value, 1) > 0 ? "+" : "",
					num);
	return (size_t)snprintf(buf, size, "%s%%", num);
}

bool nextstep_changed(const struct qn_action_condition *c,
		      const struct nextstep_value *before,
		      const struct nextstep_value *now)
{
	if (!before->known || !now->known || c->measure == MEASURE_OVERESTIMATE)
		return false;
	if (c->measure == MEASURE_DIMENSION)
		return stats_means_differ(before->value, before->se, before->of,
					  now->value, now->se, now->of,
					  STATS_Z90);
	return stats_shares_differ(before->count, before->of, now->count,
				   now->of, STATS_Z90);
}

static bool rule_applies(const struct report *r,
			 const struct qn_action_rule *rule, int d,
			 struct nextstep_value *first)
{
	for (int i = 0; i < rule->nconditions; i++) {
		struct nextstep_value v;
		nextstep_measure(r, rule, &rule->conditions[i], d, &v);
		if (!condition_holds(&rule->conditions[i], &v))
			return false;
		if (i == 0)
			*first = v;
	}
	return rule->nconditions > 0;
}

void nextstep_department(const struct report *r, int d,
			 struct nextstep_department *out)
{
	memset(out, 0, sizeof(*out));
	if (d < 0 || d >= r->ndepartments)
		return;
	out->department = r->departments[d].label;
	out->too_few = r->departments[d].hidden;
	if (out->too_few)
		return;
	const struct questionnaire *q = r->q;
	/* priorities run 1..9: one pass each keeps the file's order in a
	 * tie */
	for (int p = 1; p <= 9 && out->nsteps < NEXTSTEP_MAX; p++) {
		for (int i = 0; i < q->nactions && out->nsteps < NEXTSTEP_MAX;
		     i++) {
			const struct qn_action_rule *rule = &q->actions[i];
			struct nextstep *step = &out->steps[out->nsteps];
			if (rule->priority != p ||
			    !rule_applies(r, rule, d, &step->value))
				continue;
			step->rule = rule;
			nextstep_finding(rule, &step->value, out->department,
					 step->finding, sizeof(step->finding));
			out->nsteps++;
		}
	}
}

size_t nextstep_measure_words(const struct questionnaire *q,
			      const struct qn_action_rule *rule, char *buf,
			      size_t size)
{
	static const char *const words[MEASURE_COUNT] = {
	    "share of champions",
	    "share in the willing middle",
	    "share in the cautious third",
	    "share of skeptics",
	    "share not started",
	    "champions who work alone",
	    "champions who share",
	    "leaders' overestimate of champions",
	    ""};
	const struct qn_action_condition *c = &rule->conditions[0];
	const char *what = words[c->measure];
	if (c->measure == MEASURE_DIMENSION && c->dimension >= 0 &&
	    c->dimension < q->ndimensions)
		what = q->dimensions[c->dimension].label;
	if (rule->has_track)
		return (size_t)snprintf(buf, size, "%s (%s)", what,
					rule->track == TRACK_CITIZEN
					    ? "citizen builders"
					    : "technical track");
	return (size_t)snprintf(buf, size, "%s", what);
}

void nextstep_follow(const struct report *before, const struct report *now,
		     const struct store_action *a,
		     struct nextstep_followup *out)
{
	memset(out, 0, sizeof(*out));
	out->action = a;
	if (a->rule == NULL)
		return;
	int kb = questionnaire_find_action(before->q, a->rule);
	int kn = questionnaire_find_action(now->q, a->rule);
	if (kn < 0)
		return;
	out->rule = &now->q->actions[kn];
	if (kb >= 0) {
		const struct qn_action_rule *rb = &before->q->actions[kb];
		nextstep_measure(
		    before, rb, &rb->conditions[0],
		    nextstep_find_department(before, a->department),
		    &out->before);
	}
	nextstep_measure(now, out->rule, &out->rule->conditions[0],
			 nextstep_find_department(now, a->department),
			 &out->now);
	out->clear = nextstep_changed(&out->rule->conditions[0], &out->before,
				      &out->now);
}

const char *nextstep_verdict(const struct nextstep_followup *f)
{
	if (f->rule == NULL || !f->before.known || !f->now.known)
		return "not measured in both rounds";
	if (f->rule->conditions[0].measure == MEASURE_OVERESTIMATE)
		return "not compared: one leaders' round";
	return f->clear ? "clear change" : "no clear change";
}
