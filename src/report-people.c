/* SPDX-License-Identifier: MIT */
/* See report-people.h. A round's people are its finished responses, one
 * per respondent (the schema says UNIQUE (round_id, respondent_id)),
 * kept in an array with an open-addressing index by respondent. Names
 * are matched only when two rounds are: the people a respondent row
 * already links are left out of that, so it cannot be done ahead. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report-people.h"
#include "util.h"

struct person {
	long long respondent;
	long long response_id;
	char *key;	  /* the name's length, lower(name), lower(department);
			     NULL: no name */
	uint64_t hash;	  /* of key */
	uint64_t name;	  /* of the name as written (0: none), for renames */
	char *department; /* as the response has it */
	enum role role;
	enum track track;
	enum segment segment;
};

struct people {
	struct person *v;
	size_t n, cap;
	size_t *ids;  /* index + 1 into v by respondent; 0: free slot */
	size_t idcap; /* a power of two */
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The name's length, ':', lower(name) '\n' lower(department), folding
 * ASCII only as SQLite's lower() does. Made by hand, not by printf: it is
 * made for every person of a round. */
static char *person_key(const char *name, const char *department)
{
	size_t nl = strlen(name), dl = strlen(department);
	char digits[24];
	size_t nd = 0;
	for (size_t v = nl; nd == 0 || v > 0; v /= 10)
		digits[nd++] = (char)('0' + v % 10);
	char *key = xmalloc(nd + 1 + nl + 1 + dl + 1);
	char *c = key;
	while (nd > 0)
		*c++ = digits[--nd];
	*c++ = ':';
	memcpy(c, name, nl);
	c[nl] = '\n';
	memcpy(c + nl + 1, department, dl + 1);
	for (; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return key;
}

static size_t id_slot(size_t cap, long long id)
{
	return (size_t)((uint64_t)id * 11400714819323198485ULL) & (cap - 1);
}

static void ids_grow(struct people *p)
{
	free(p->ids);
	p->idcap = p->idcap ? 2 * p->idcap : 1024;
	p->ids = xcalloc(p->idcap, sizeof(*p->ids));
	for (size_t i = 0; i < p->n; i++) {
		size_t j = id_slot(p->idcap, p->v[i].respondent);
		while (p->ids[j] != 0)
			j = (j + 1) & (p->idcap - 1);
		p->ids[j] = i + 1;
	}
}

/* The slot of respondent id: its person, or the free slot where it goes */
static size_t *ids_slot(const struct people *p, long long id)
{
	size_t j = id_slot(p->idcap, id);
	while (p->ids[j] != 0 && p->v[p->ids[j] - 1].respondent != id)
		j = (j + 1) & (p->idcap - 1);
	return &p->ids[j];
}

static const struct person *find_respondent(const struct people *p,
					    long long id)
{
	if (p == NULL || p->idcap == 0)
		return NULL;
	size_t *slot = ids_slot(p, id);
	return *slot != 0 ? &p->v[*slot - 1] : NULL;
}

struct reading {
	struct people *p;
	const struct people *kept;
	bool renamed;
};

static bool person_add(void *ctx, const struct store_person *row)
{
	struct reading *r = ctx;
	struct people *p = r->p;
	uint64_t name = row->name != NULL ? fnv(row->name) : 0;
	const struct person *was = find_respondent(r->kept, row->respondent_id);
	if (was != NULL && was->name != name)
		r->renamed = true;
	if (2 * (p->n + 1) > p->idcap)
		ids_grow(p);
	size_t *slot = ids_slot(p, row->respondent_id);
	struct person *e;
	if (*slot != 0) { /* only a broken file has two: keep the latest */
		e = &p->v[*slot - 1];
		if (e->response_id > row->response_id)
			return true;
		free(e->key);
		free(e->department);
	} else {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 1024;
			p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
		}
		e = &p->v[p->n];
		*slot = ++p->n;
	}
	*e = (struct person){
	    .respondent = row->respondent_id,
	    .response_id = row->response_id,
	    .name = name,
	    .department = xstrdup(row->department),
	    .role = row->role,
	    .track = row->track,
	    .segment = row->segment,
	};
	if (row->name != NULL) {
		e->key = person_key(row->name, row->department);
		e->hash = fnv(e->key);
	}
	return true;
}

struct people *people_read(struct store *s, long long round_id,
			   const struct people *kept, bool *renamed,
			   enum store_status *status)
{
	struct reading r = {xcalloc(1, sizeof(struct people)), kept, false};
	*status = store_report_people(s, round_id, person_add, &r);
	if (renamed != NULL)
		*renamed = r.renamed;
	if (*status != STORE_OK) {
		people_free(r.p);
		return NULL;
	}
	return r.p;
}

void people_free(struct people *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].department);
	}
	free(p->v);
	free(p->ids);
	free(p);
}

/* ---- matching by name ---------------------------------------------------- */

/* The people of one round not linked by their respondent, by key: the
 * latest response of each name and department. */
struct names {
	const struct person **slots;
	size_t cap, n;
};

static const struct person **names_slot(const struct names *t,
					const struct person *e)
{
	size_t j = e->hash & (t->cap - 1);
	while (t->slots[j] != NULL && (t->slots[j]->hash != e->hash ||
				       strcmp(t->slots[j]->key, e->key) != 0))
		j = (j + 1) & (t->cap - 1);
	return &t->slots[j];
}

static void names_put(struct names *t, const struct person *e)
{
	if (2 * (t->n + 1) > t->cap) {
		struct names old = *t;
		t->cap = old.cap ? 2 * old.cap : 1024;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i] != NULL) {
				*names_slot(t, old.slots[i]) = old.slots[i];
				t->n++;
			}
		free(old.slots);
	}
	const struct person **slot = names_slot(t, e);
	if (*slot == NULL)
		t->n++;
	else if ((*slot)->response_id > e->response_id)
		return;
	*slot = e;
}

static const struct person *names_get(const struct names *t,
				      const struct person *e)
{
	return t->cap == 0 ? NULL : *names_slot(t, e);
}

static void pair(struct people_counts *t, const struct person *before,
		 const struct person *now, people_move_fn move, void *ctx)
{
	t->moved[before->segment][now->segment]++;
	t->both++;
	if (move != NULL) {
		struct people_place was = {before->department, before->role,
					   before->track};
		struct people_place is = {now->department, now->role,
					  now->track};
		move(ctx, &was, &is, before->segment, now->segment);
	}
}

void people_match(const struct people *now, const struct people *before,
		  struct people_counts *t, people_move_fn move, void *ctx)
{
	memset(t, 0, sizeof(*t));
	bool *linked = xcalloc(before->n + 1, sizeof(*linked));
	struct names here = {0}, there = {0};
	/* first the same respondent in both rounds, named or not */
	for (size_t i = 0; i < now->n; i++) {
		const struct person *n = &now->v[i];
		const struct person *b = find_respondent(before, n->respondent);
		if (b != NULL) {
			linked[b - before->v] = true;
			pair(t, b, n, move, ctx);
		} else if (n->key != NULL) {
			names_put(&here, n);
		} else {
			t->anonymous[0]++;
		}
	}
	for (size_t i = 0; i < before->n; i++) {
		if (linked[i])
			continue;
		if (before->v[i].key != NULL)
			names_put(&there, &before->v[i]);
		else
			t->anonymous[1]++;
	}
	/* then the rest by name and department; without a name, nobody */
	int named = 0;
	for (size_t i = 0; i < here.cap; i++) {
		const struct person *n = here.slots[i];
		if (n == NULL)
			continue;
		const struct person *b = names_get(&there, n);
		if (b == NULL) {
			t->only_this++;
			continue;
		}
		named++;
		pair(t, b, n, move, ctx);
	}
	t->only_other = (int)there.n - named;
	free(here.slots);
	free(there.slots);
	free(linked);
}
