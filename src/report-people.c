/* SPDX-License-Identifier: MIT */
/* See report-people.h. Two open-addressing hash tables per round: the
 * people by their key, and the respondents by id with a hash of the name
 * they had, to notice a rename. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report-people.h"
#include "util.h"

struct person {
	char *key; /* the name's length, lower(name), lower(department) */
	uint64_t hash;
	long long response_id; /* the latest */
	char *department;      /* as that response has it */
	enum role role;
	enum track track;
	enum segment segment;
};

struct respondent {
	long long id; /* 0: free slot */
	uint64_t name;
};

struct people {
	struct person *slots;
	size_t cap, n; /* cap a power of two */
	struct respondent *ids;
	size_t idcap, nids;
	int anonymous; /* finished responses without a name */
};

static uint64_t fnv_add(uint64_t h, const char *s, bool fold)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static uint64_t fnv(const char *s, bool fold)
{
	return fnv_add(14695981039346656037ULL, s, fold);
}

/* lower(name) '\n' lower(department), folding ASCII only as SQLite's
 * lower() does. */
static char *person_key(const char *name, const char *department)
{
	char *key = xasprintf("%zu:%s\n%s", strlen(name), name, department);
	for (char *c = key; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return key;
}

static void people_grow(struct people *p)
{
	struct person *old = p->slots;
	size_t oldcap = p->cap;
	p->cap = oldcap ? 2 * oldcap : 1024;
	p->slots = xcalloc(p->cap, sizeof(*p->slots));
	for (size_t i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		size_t j = old[i].hash & (p->cap - 1);
		while (p->slots[j].key != NULL)
			j = (j + 1) & (p->cap - 1);
		p->slots[j] = old[i];
	}
	free(old);
}

static struct person *people_find(const struct people *p, const char *key,
				  uint64_t hash)
{
	if (p->cap == 0)
		return NULL;
	size_t j = hash & (p->cap - 1);
	for (; p->slots[j].key != NULL; j = (j + 1) & (p->cap - 1))
		if (p->slots[j].hash == hash &&
		    strcmp(p->slots[j].key, key) == 0)
			return &p->slots[j];
	return &p->slots[j]; /* the free slot where it would go */
}

static void ids_grow(struct people *p)
{
	struct respondent *old = p->ids;
	size_t oldcap = p->idcap;
	p->idcap = oldcap ? 2 * oldcap : 1024;
	p->ids = xcalloc(p->idcap, sizeof(*p->ids));
	for (size_t i = 0; i < oldcap; i++) {
		if (old[i].id == 0)
			continue;
		size_t j = (size_t)old[i].id & (p->idcap - 1);
		while (p->ids[j].id != 0)
			j = (j + 1) & (p->idcap - 1);
		p->ids[j] = old[i];
	}
	free(old);
}

static const struct respondent *ids_find(const struct people *p, long long id)
{
	if (p == NULL || p->idcap == 0)
		return NULL;
	size_t j = (size_t)id & (p->idcap - 1);
	for (; p->ids[j].id != 0; j = (j + 1) & (p->idcap - 1))
		if (p->ids[j].id == id)
			return &p->ids[j];
	return NULL;
}

static void ids_put(struct people *p, long long id, uint64_t name)
{
	if (2 * (p->nids + 1) > p->idcap)
		ids_grow(p);
	size_t j = (size_t)id & (p->idcap - 1);
	while (p->ids[j].id != 0 && p->ids[j].id != id)
		j = (j + 1) & (p->idcap - 1);
	if (p->ids[j].id == 0)
		p->nids++;
	p->ids[j] = (struct respondent){id, name};
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
	if (row->name == NULL) {
		p->anonymous++;
		return true;
	}
	uint64_t name = fnv(row->name, false);
	const struct respondent *was = ids_find(r->kept, row->respondent_id);
	if (was != NULL && was->name != name)
		r->renamed = true;
	ids_put(p, row->respondent_id, name);
	if (2 * (p->n + 1) > p->cap)
		people_grow(p);
	char *key = person_key(row->name, row->department);
	uint64_t hash = fnv(key, false);
	struct person *slot = people_find(p, key, hash);
	if (slot->key != NULL) {
		free(key);
		if (slot->response_id > row->response_id)
			return true;
		free(slot->department);
	} else {
		slot->key = key;
		slot->hash = hash;
		p->n++;
	}
	slot->response_id = row->response_id;
	slot->department = xstrdup(row->department);
	slot->role = row->role;
	slot->track = row->track;
	slot->segment = row->segment;
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
	for (size_t i = 0; i < p->cap; i++) {
		free(p->slots[i].key);
		free(p->slots[i].department);
	}
	free(p->slots);
	free(p->ids);
	free(p);
}

void people_match(const struct people *now, const struct people *before,
		  struct store_transitions *t, people_move_fn move, void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->anonymous[0] = now->anonymous;
	t->anonymous[1] = before->anonymous;
	int matched = 0;
	for (size_t i = 0; i < now->cap; i++) {
		const struct person *n = &now->slots[i];
		if (n->key == NULL)
			continue;
		const struct person *b = people_find(before, n->key, n->hash);
		if (b == NULL || b->key == NULL) {
			t->only_this++;
			continue;
		}
		matched++;
		t->moved[b->segment][n->segment]++;
		if (move != NULL)
			move(ctx, n->department, n->role, n->track, b->segment,
			     n->segment);
	}
	t->both = matched;
	t->only_other = (int)before->n - matched;
}
