/* SPDX-License-Identifier: MIT */
/* See report-people.h. A round's people are its finished responses, one
 * per respondent (the schema says UNIQUE (round_id, respondent_id)),
 * kept in an array in respondent order, as the index response_people
 * gives them. A round holds up to millions of people, so a person is a
 * few numbers: the names are copied into large blocks and each
 * department is kept once. Names are matched only when two rounds are:
 * the people a respondent row already links are left out of that, so it
 * cannot be done ahead. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-people.h"
#include "util.h"

struct person {
	long long respondent;
	long long response_id;
	const char *name;    /* in the people's blocks; NULL: no name */
	uint64_t key;	     /* hash of name and department, case folded */
	uint32_t department; /* index into the people's departments */
	unsigned char role, track, segment;
	bool contact; /* agreed to be a champions' contact */
};

/* The names, copied one after another into blocks that never move */
struct block {
	struct block *next;
	size_t used, size;
	char text[];
};

struct people {
	struct person *v;
	size_t n, cap;
	struct block *blocks;
	char **departments;	   /* each distinct department once */
	uint64_t *department_hash; /* of each, case folded */
	size_t ndepartments, dcap;
	uint32_t *department_slots; /* index + 1 by exact text; 0: free */
	size_t dslots;		    /* a power of two */
	bool sorted;		    /* v in respondent order */
	/* the latest finish time read, and the responses finished then
	 * (sorted), which a read of those finished since meets again */
	char last[40];
	long long *at_last;
	size_t nat_last, cat_last;
	/* while reading more: the responses at last before it (sorted) */
	const long long *seen;
	size_t nseen;
};

/* ---- hashing, ASCII case folded as SQLite's lower() ------------------- */

#define FNV_START 14695981039346656037ULL

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static uint64_t fnv_add(uint64_t h, const char *s, bool folded)
{
	for (; *s != '\0'; s++)
		h = (h ^
		     (folded ? fold((unsigned char)*s) : (unsigned char)*s)) *
		    1099511628211ULL;
	return h;
}

static bool folded_equal(const char *a, const char *b)
{
	for (; *a != '\0' && fold((unsigned char)*a) == fold((unsigned char)*b);
	     a++, b++)
		;
	return *a == '\0' && *b == '\0';
}

/* A person's key: name and department folded, the department's own hash
 * given (made once per department) */
static uint64_t key_hash(const char *name, uint64_t department_hash)
{
	uint64_t h = fnv_add(FNV_START, name, true) ^ department_hash;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

/* ---- reading ---------------------------------------------------------- */

static const char *name_copy(struct people *p, const char *name)
{
	size_t len = strlen(name) + 1;
	struct block *b = p->blocks;
	if (b == NULL || b->size - b->used < len) {
		size_t size = len > 1 << 20 ? len : 1 << 20;
		b = xmalloc(sizeof(*b) + size);
		b->next = p->blocks;
		b->used = 0;
		b->size = size;
		p->blocks = b;
	}
	char *copy = memcpy(b->text + b->used, name, len);
	b->used += len;
	return copy;
}

/* The slot of department name (h: its hash as written): its index + 1,
 * or the free slot where it goes */
static uint32_t *department_slot(const struct people *p, const char *name,
				 uint64_t h)
{
	size_t j = h & (p->dslots - 1);
	while (p->department_slots[j] != 0 &&
	       strcmp(p->departments[p->department_slots[j] - 1], name) != 0)
		j = (j + 1) & (p->dslots - 1);
	return &p->department_slots[j];
}

static void departments_grow(struct people *p)
{
	free(p->department_slots);
	p->dslots = p->dslots ? 2 * p->dslots : 64;
	p->department_slots = xcalloc(p->dslots, sizeof(*p->department_slots));
	for (size_t i = 0; i < p->ndepartments; i++) {
		const char *name = p->departments[i];
		*department_slot(p, name, fnv_add(FNV_START, name, false)) =
		    (uint32_t)i + 1;
	}
}

/* The index of department among p's, added when new */
static uint32_t department_intern(struct people *p, const char *name)
{
	if (2 * (p->ndepartments + 1) > p->dslots)
		departments_grow(p);
	uint32_t *slot =
	    department_slot(p, name, fnv_add(FNV_START, name, false));
	if (*slot != 0)
		return *slot - 1;
	if (p->ndepartments == p->dcap) {
		p->dcap = p->dcap ? 2 * p->dcap : 16;
		p->departments =
		    xreallocarray(p->departments, p->dcap, sizeof(char *));
		p->department_hash = xreallocarray(p->department_hash, p->dcap,
						   sizeof(uint64_t));
	}
	p->departments[p->ndepartments] = xstrdup(name);
	p->department_hash[p->ndepartments] = fnv_add(FNV_START, name, true);
	*slot = (uint32_t)++p->ndepartments;
	return *slot - 1;
}

static void departments_free(struct people *p)
{
	for (size_t i = 0; i < p->ndepartments; i++)
		free(p->departments[i]);
	free(p->departments);
	free(p->department_hash);
	free(p->department_slots);
}

static int id_order(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The latest finish time read, and which responses finished then */
static void last_note(struct people *p, const struct store_person *row)
{
	int c = strcmp(row->finished_at, p->last);
	if (c < 0)
		return;
	if (c > 0) {
		snprintf(p->last, sizeof(p->last), "%s", row->finished_at);
		p->nat_last = 0;
	}
	if (p->nat_last == p->cat_last) {
		p->cat_last = p->cat_last ? 2 * p->cat_last : 16;
		p->at_last =
		    xreallocarray(p->at_last, p->cat_last, sizeof(*p->at_last));
	}
	p->at_last[p->nat_last++] = row->response_id;
}

static bool person_add(void *ctx, const struct store_person *row)
{
	struct people *p = ctx;
	if (p->nseen > 0 && strcmp(row->finished_at, p->last) == 0 &&
	    bsearch(&row->response_id, p->seen, p->nseen, sizeof(*p->seen),
		    id_order) != NULL)
		return true; /* read before */
	last_note(p, row);
	if (p->n > 0 && p->v[p->n - 1].respondent >= row->respondent_id)
		p->sorted = false;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	uint32_t department = department_intern(p, row->department);
	p->v[p->n++] = (struct person){
	    .respondent = row->respondent_id,
	    .response_id = row->response_id,
	    .name = row->name != NULL ? name_copy(p, row->name) : NULL,
	    .key = row->name != NULL
		       ? key_hash(row->name, p->department_hash[department])
		       : 0,
	    .department = department,
	    .role = (unsigned char)row->role,
	    .track = (unsigned char)row->track,
	    .segment = (unsigned char)row->segment,
	    .contact = row->contact,
	};
	return true;
}

static int person_order(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	if (x->respondent != y->respondent)
		return x->respondent < y->respondent ? -1 : 1;
	return (x->response_id > y->response_id) -
	       (x->response_id < y->response_id);
}

/* In respondent order, one person per respondent: the index gives that
 * order, so sorting is only for a database whose index says otherwise,
 * and two of one respondent only for a broken file (the latest kept). */
static void people_order(struct people *p)
{
	if (p->sorted)
		return;
	p->sorted = true;
	qsort(p->v, p->n, sizeof(*p->v), person_order);
	size_t kept = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (kept > 0 && p->v[kept - 1].respondent == p->v[i].respondent)
			kept--;
		p->v[kept++] = p->v[i];
	}
	p->n = kept;
}

struct people *people_read(struct store *s, long long round_id,
			   enum store_status *status)
{
	struct people *p = xcalloc(1, sizeof(*p));
	p->sorted = true;
	*status = store_report_people(s, round_id, NULL, person_add, p);
	if (*status != STORE_OK) {
		people_free(p);
		return NULL;
	}
	people_order(p);
	if (p->nat_last > 1)
		qsort(p->at_last, p->nat_last, sizeof(*p->at_last), id_order);
	return p;
}

struct people_ahead {
	pthread_t thread;
	struct store *store; /* the thread's own connection */
	long long round_id;
	struct people *people; /* NULL: not read */
	long long edits;
	/* the caller's round's people, to match with once read */
	pthread_mutex_t lock;
	pthread_cond_t given;
	bool now_given;
	struct people *now; /* NULL: none to match */
	struct people_matching *matching;
};

static void *ahead_main(void *arg)
{
	struct people_ahead *a = arg;
	enum store_status status = store_read_begin(a->store);
	if (status == STORE_OK)
		status = store_people_edits(a->store, &a->edits);
	if (status == STORE_OK)
		a->people = people_read(a->store, a->round_id, &status);
	store_read_end(a->store);
	pthread_mutex_lock(&a->lock);
	while (!a->now_given)
		pthread_cond_wait(&a->given, &a->lock);
	struct people *now = a->now;
	pthread_mutex_unlock(&a->lock);
	if (now != NULL && a->people != NULL)
		a->matching = people_match(now, a->people);
	return NULL;
}

struct people_ahead *people_ahead_start(struct store *s, long long round_id)
{
	char *message = NULL;
	struct store *own = store_open_again(s, &message);
	free(message);
	if (own == NULL)
		return NULL;
	struct people_ahead *a = xcalloc(1, sizeof(*a));
	a->store = own;
	a->round_id = round_id;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->given, NULL);
	if (pthread_create(&a->thread, NULL, ahead_main, a) != 0) {
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->given);
		store_close(own);
		free(a);
		return NULL;
	}
	return a;
}

/* Let the thread go on to match now (NULL: nothing) */
static void ahead_give(struct people_ahead *a, struct people *now)
{
	pthread_mutex_lock(&a->lock);
	if (!a->now_given) {
		a->now = now;
		a->now_given = true;
		pthread_cond_signal(&a->given);
	}
	pthread_mutex_unlock(&a->lock);
}

void people_ahead_match(struct people_ahead *a, struct people *now)
{
	/* matching puts now in respondent order: only one in it already
	 * is read by both threads at once without a change */
	if (a != NULL)
		ahead_give(a, now != NULL && now->sorted ? now : NULL);
}

struct people *people_ahead_take(struct people_ahead *a, long long edits,
				 size_t finished,
				 struct people_matching **matching)
{
	if (matching != NULL)
		*matching = NULL;
	if (a == NULL)
		return NULL;
	ahead_give(a, NULL);
	pthread_join(a->thread, NULL);
	store_close(a->store);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->given);
	struct people *p = a->people;
	if (p != NULL && (edits < 0 || a->edits != edits || p->n != finished)) {
		people_match_free(a->matching);
		people_free(p);
		p = NULL;
	} else if (matching != NULL) {
		*matching = a->matching;
	} else {
		people_match_free(a->matching);
	}
	free(a);
	return p;
}

size_t people_count(const struct people *p)
{
	return p->n;
}

enum store_status people_read_more(struct store *s, long long round_id,
				   struct people *p, size_t *added)
{
	size_t was = p->n;
	long long *seen = p->at_last;
	p->seen = seen;
	p->nseen = p->nat_last;
	p->at_last = NULL;
	p->nat_last = p->cat_last = 0;
	char since[sizeof(p->last)];
	memcpy(since, p->last, sizeof(since));
	enum store_status status =
	    store_report_people(s, round_id, since, person_add, p);
	/* those at the old last time stay seen when nothing came later */
	if (strcmp(p->last, since) == 0)
		for (size_t i = 0; i < p->nseen; i++) {
			struct store_person again = {.response_id = seen[i],
						     .finished_at = since};
			last_note(p, &again);
		}
	if (p->nat_last > 1)
		qsort(p->at_last, p->nat_last, sizeof(*p->at_last), id_order);
	free(seen);
	p->seen = NULL;
	p->nseen = 0;
	*added = p->n - was;
	return status;
}

void people_free(struct people *p)
{
	if (p == NULL)
		return;
	while (p->blocks != NULL) {
		struct block *next = p->blocks->next;
		free(p->blocks);
		p->blocks = next;
	}
	departments_free(p);
	free(p->at_last);
	free(p->v);
	free(p);
}

static bool same_name(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

bool people_renamed(struct people *now, struct people *kept)
{
	people_order(now);
	people_order(kept);
	size_t i = 0, j = 0;
	while (i < now->n && j < kept->n) {
		const struct person *n = &now->v[i], *k = &kept->v[j];
		if (n->respondent < k->respondent) {
			i++;
		} else if (k->respondent < n->respondent) {
			j++;
		} else {
			if (!same_name(n->name, k->name))
				return true;
			i++;
			j++;
		}
	}
	return false;
}

/* ---- by name and department ------------------------------------------ */

static bool same_person(const struct people *pa, const struct person *a,
			const struct people *pb, const struct person *b)
{
	return a->key == b->key && folded_equal(a->name, b->name) &&
	       folded_equal(pa->departments[a->department],
			    pb->departments[b->department]);
}

/* The latest person of each name and department in each of two rounds
 * (sides 0 and 1), by key: open addressing in a table sized once for all
 * that go in. Millions of people do not fit a cache, so a slot holds the
 * key beside the people (read only when the key is theirs), and the slots
 * are fetched ahead of their turn. */
struct key_slot {
	uint64_t key;
	uint32_t of[2]; /* index + 1 into each side's people; 0: none */
};

struct keys {
	const struct people *side[2];
	struct key_slot *slots;
	size_t mask; /* slots - 1, a power of two less one */
	size_t n;    /* slots taken */
};

static void keys_make(struct keys *t, const struct people *side0,
		      const struct people *side1, size_t most)
{
	size_t cap = 16;
	while (cap < 2 * most)
		cap *= 2;
	*t = (struct keys){
	    {side0, side1}, xcalloc(cap, sizeof(struct key_slot)), cap - 1, 0};
}

static const struct person *slot_person(const struct keys *t,
					const struct key_slot *k, int side)
{
	return k->of[side] != 0 ? &t->side[side]->v[k->of[side] - 1] : NULL;
}

/* The slot of e's person (e of the given side), or the free slot where
 * it goes */
static struct key_slot *keys_slot(const struct keys *t, int side,
				  const struct person *e)
{
	for (size_t j = e->key & t->mask;; j = (j + 1) & t->mask) {
		struct key_slot *k = &t->slots[j];
		if (k->of[0] == 0 && k->of[1] == 0)
			return k;
		int other = k->of[0] != 0 ? 0 : 1;
		if (k->key == e->key &&
		    same_person(t->side[side], e, t->side[other],
				slot_person(t, k, other)))
			return k;
	}
}

static void keys_prefetch(const struct keys *t, const struct person *e)
{
	__builtin_prefetch(&t->slots[e->key & t->mask]);
}

/* Twice the slots, for people added after the table was sized */
static void keys_grow(struct keys *t)
{
	struct keys old = *t;
	keys_make(t, old.side[0], old.side[1], old.mask + 1);
	t->n = old.n;
	for (size_t i = 0; i <= old.mask; i++) {
		const struct key_slot *k = &old.slots[i];
		if (k->of[0] == 0 && k->of[1] == 0)
			continue;
		size_t j = k->key & t->mask;
		while (t->slots[j].of[0] != 0 || t->slots[j].of[1] != 0)
			j = (j + 1) & t->mask;
		t->slots[j] = *k;
	}
	free(old.slots);
}

/* e, of the given side, in its person's slot unless a later response of
 * theirs is there */
static void keys_put(struct keys *t, int side, const struct person *e)
{
	struct key_slot *k = keys_slot(t, side, e);
	if (k->of[0] == 0 && k->of[1] == 0)
		t->n++;
	k->key = e->key;
	const struct person *was = slot_person(t, k, side);
	if (was == NULL || was->response_id < e->response_id)
		k->of[side] = (uint32_t)(e - t->side[side]->v) + 1;
}

/* How far ahead of their turn slots are fetched */
enum { KEYS_AHEAD = 16 };

/* A named finished response of a round, asked about */
struct people_named {
	long long response_id;
	const char *name;
	const char *department;
};

/* Which of n named responses of p's round are the latest finished
 * response of their person there (the same name and department, case
 * folded as the matching does): latest[i]. Linear in p and n. */
static void people_latest(const struct people *p, const struct people_named *v,
			  size_t n, bool *latest)
{
	/* the named responses asked about as side 1 of a table whose side 0
	 * takes the round's latest of each: a table as small as v */
	struct people asked = {.v = xcalloc(n + 1, sizeof(struct person))};
	for (size_t i = 0; i < n; i++) {
		uint32_t d = department_intern(&asked, v[i].department);
		asked.v[asked.n++] = (struct person){
		    .response_id = v[i].response_id,
		    .name = v[i].name,
		    .key = key_hash(v[i].name, asked.department_hash[d]),
		    .department = d,
		};
	}
	struct keys t;
	keys_make(&t, p, &asked, n);
	for (size_t i = 0; i < n; i++)
		keys_put(&t, 1, &asked.v[i]);
	for (size_t i = 0; i < p->n && n > 0; i++) {
		const struct person *e = &p->v[i];
		if (i + KEYS_AHEAD < p->n)
			keys_prefetch(&t, &p->v[i + KEYS_AHEAD]);
		if (e->name == NULL)
			continue;
		/* only the persons asked about take a slot */
		struct key_slot *k = keys_slot(&t, 0, e);
		if (k->of[1] != 0)
			keys_put(&t, 0, e);
	}
	for (size_t i = 0; i < n; i++) {
		const struct person *now =
		    slot_person(&t, keys_slot(&t, 1, &asked.v[i]), 0);
		latest[i] =
		    now == NULL || now->response_id <= asked.v[i].response_id;
	}
	free(t.slots);
	free(asked.v);
	departments_free(&asked);
}

/* ---- champions ------------------------------------------------------- */

/* A champion's response and subtype, from the champions' index */
struct subtype_of {
	long long respondent, response_id;
	bool alone;
};

struct subtypes {
	struct subtype_of *v;
	size_t n, cap;
	bool sorted;
};

static bool subtype_add(void *ctx, long long respondent, long long response_id,
			enum subtype subtype)
{
	struct subtypes *t = ctx;
	if (t->n > 0 && t->v[t->n - 1].respondent >= respondent)
		t->sorted = false;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n++] = (struct subtype_of){respondent, response_id,
					   subtype == SUBTYPE_ALONE};
	return true;
}

static int subtype_order(const void *a, const void *b)
{
	const struct subtype_of *x = a, *y = b;
	return (x->respondent > y->respondent) -
	       (x->respondent < y->respondent);
}

static const struct subtype_of *subtype_find(const struct subtypes *t,
					     const struct person *e)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].respondent < e->respondent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].respondent == e->respondent &&
		       t->v[lo].response_id == e->response_id
		   ? &t->v[lo]
		   : NULL;
}

enum store_status people_champions(struct store *s, long long round_id,
				   const struct people *p,
				   struct people_champion **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct subtypes t = {.sorted = true};
	enum store_status status =
	    store_report_champion_subtypes(s, round_id, subtype_add, &t);
	if (status != STORE_OK) {
		free(t.v);
		return status;
	}
	if (!t.sorted)
		qsort(t.v, t.n, sizeof(*t.v), subtype_order);
	/* the champions who agreed to be contacts and gave a name */
	struct people_named *asked = xcalloc(t.n + 1, sizeof(*asked));
	struct people_champion *found = xcalloc(t.n + 1, sizeof(*found));
	size_t n = 0;
	for (size_t i = 0; i < p->n && n < t.n; i++) {
		const struct person *e = &p->v[i];
		if (e->segment != SEGMENT_CHAMPION || !e->contact ||
		    e->name == NULL)
			continue;
		const struct subtype_of *of = subtype_find(&t, e);
		if (of == NULL)
			continue;
		const char *department = p->departments[e->department];
		asked[n] =
		    (struct people_named){e->response_id, e->name, department};
		found[n++] =
		    (struct people_champion){e->name, department, of->alone};
	}
	free(t.v);
	/* each by their latest response in the round */
	bool *latest = xcalloc(n + 1, sizeof(*latest));
	people_latest(p, asked, n, latest);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (latest[i])
			found[kept++] = found[i];
	free(latest);
	free(asked);
	*out = found;
	*count = kept;
	return STORE_OK;
}

/* ---- the moves ---------------------------------------------------------- */

/* A kind of move; was.department NULL: a free slot (count 0 is a kind
 * that all its people left, which still holds its place) */
struct move {
	struct people_place was, is;
	unsigned char from, to;
	int count;
};

struct moves {
	struct move *v; /* open addressing */
	size_t mask, n;
};

static uint64_t move_hash(const struct people_place *was,
			  const struct people_place *is, int from, int to)
{
	uint64_t h =
	    (uintptr_t)was->department * 31 + (uintptr_t)is->department;
	h = h * 1099511628211ULL +
	    ((uint64_t)was->role << 24 | (uint64_t)is->role << 16 |
	     (uint64_t)was->track << 12 | (uint64_t)is->track << 8 |
	     (uint64_t)from << 4 | (uint64_t)to);
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 31);
}

static bool move_is(const struct move *m, const struct people_place *was,
		    const struct people_place *is, int from, int to)
{
	return m->was.department == was->department &&
	       m->is.department == is->department && m->was.role == was->role &&
	       m->is.role == is->role && m->was.track == was->track &&
	       m->is.track == is->track && m->from == from && m->to == to;
}

static void moves_grow(struct moves *m)
{
	struct moves old = *m;
	size_t cap = old.v != NULL ? 2 * (old.mask + 1) : 64;
	m->v = xcalloc(cap, sizeof(*m->v));
	m->mask = cap - 1;
	for (size_t i = 0; old.v != NULL && i <= old.mask; i++) {
		const struct move *o = &old.v[i];
		if (o->was.department == NULL)
			continue;
		size_t j = move_hash(&o->was, &o->is, o->from, o->to) & m->mask;
		while (m->v[j].was.department != NULL)
			j = (j + 1) & m->mask;
		m->v[j] = *o;
	}
	free(old.v);
}

/* by: 1 for one more person who made this move, -1 for one fewer */
static void moves_add(struct moves *m, const struct people_place *was,
		      const struct people_place *is, int from, int to, int by)
{
	if (2 * (m->n + 1) > m->mask + 1)
		moves_grow(m);
	size_t j = move_hash(was, is, from, to) & m->mask;
	while (m->v[j].was.department != NULL &&
	       !move_is(&m->v[j], was, is, from, to))
		j = (j + 1) & m->mask;
	if (m->v[j].was.department == NULL) {
		m->v[j] = (struct move){*was, *is, (unsigned char)from,
					(unsigned char)to, 0};
		m->n++;
	}
	m->v[j].count += by;
}

/* ---- matching ------------------------------------------------------------ */

struct people_matching {
	struct people *now;
	const struct people *before;
	size_t matched;	   /* now's people matched so far */
	struct keys names; /* side 0: now's, side 1: before's */
	struct moves moves;
	struct people_counts counts;
};

/* One person more (by 1) or fewer (by -1) in both rounds */
static void pair(struct people_matching *m, const struct person *before,
		 const struct person *now, int by)
{
	m->counts.moved[before->segment][now->segment] += by;
	m->counts.both += by;
	struct people_place was = {m->before->departments[before->department],
				   before->role, before->track};
	struct people_place is = {m->now->departments[now->department],
				  now->role, now->track};
	moves_add(&m->moves, &was, &is, before->segment, now->segment, by);
}

static const struct person *find_respondent(const struct people *p,
					    long long respondent)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->v[mid].respondent < respondent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n && p->v[lo].respondent == respondent ? &p->v[lo]
							      : NULL;
}

struct people_matching *people_match(struct people *now, struct people *before)
{
	people_order(now);
	people_order(before);
	struct people_matching *m = xcalloc(1, sizeof(*m));
	m->now = now;
	m->before = before;
	m->matched = now->n;
	struct people_counts *t = &m->counts;
	/* first the same respondent in both rounds, named or not: both are
	 * in respondent order; the named rest is set aside for their names */
	const struct person **rest =
	    xcalloc(now->n + before->n + 1, sizeof(*rest));
	int *rest_side = xcalloc(now->n + before->n + 1, sizeof(*rest_side));
	size_t nrest = 0;
	size_t i = 0, j = 0;
	while (i < now->n || j < before->n) {
		const struct person *n = i < now->n ? &now->v[i] : NULL;
		const struct person *b = j < before->n ? &before->v[j] : NULL;
		if (b == NULL || (n != NULL && n->respondent < b->respondent)) {
			if (n->name != NULL) {
				rest[nrest] = n;
				rest_side[nrest++] = 0;
			} else {
				t->anonymous[0]++;
			}
			i++;
		} else if (n == NULL || b->respondent < n->respondent) {
			if (b->name != NULL) {
				rest[nrest] = b;
				rest_side[nrest++] = 1;
			} else {
				t->anonymous[1]++;
			}
			j++;
		} else {
			pair(m, b, n, 1);
			i++;
			j++;
		}
	}
	/* then the rest by name and department; without a name, nobody */
	keys_make(&m->names, now, before, nrest);
	for (size_t k = 0; k < nrest; k++) {
		if (k + KEYS_AHEAD < nrest)
			keys_prefetch(&m->names, rest[k + KEYS_AHEAD]);
		keys_put(&m->names, rest_side[k], rest[k]);
	}
	free(rest);
	free(rest_side);
	for (size_t k = 0; k <= m->names.mask; k++) {
		const struct key_slot *e = &m->names.slots[k];
		const struct person *n = slot_person(&m->names, e, 0);
		const struct person *b = slot_person(&m->names, e, 1);
		if (n != NULL && b != NULL)
			pair(m, b, n, 1);
		else if (n != NULL)
			t->only_this++;
		else if (b != NULL)
			t->only_other++;
	}
	return m;
}

bool people_match_more(struct people_matching *m)
{
	struct people_counts *t = &m->counts;
	for (; m->matched < m->now->n; m->matched++) {
		const struct person *n = &m->now->v[m->matched];
		/* linking them by respondent would take the one they link
		 * to, and whoever that one was matched with, out of the
		 * names: only matching again says who then pairs */
		if (find_respondent(m->before, n->respondent) != NULL)
			return false;
		if (n->name == NULL) {
			t->anonymous[0]++;
			continue;
		}
		if (2 * (m->names.n + 1) > m->names.mask + 1)
			keys_grow(&m->names);
		struct key_slot *k = keys_slot(&m->names, 0, n);
		const struct person *was = slot_person(&m->names, k, 0);
		const struct person *b = slot_person(&m->names, k, 1);
		if (was != NULL && was->response_id > n->response_id)
			continue; /* an older response of someone matched */
		if (was == NULL && b == NULL)
			m->names.n++;
		k->key = n->key;
		k->of[0] = (uint32_t)m->matched + 1;
		if (was != NULL && b != NULL)
			pair(m, b, was, -1);
		if (b != NULL)
			pair(m, b, n, 1);
		if (was == NULL && b != NULL)
			t->only_other--;
		if (was == NULL && b == NULL)
			t->only_this++;
	}
	return true;
}

bool people_match_is(const struct people_matching *m, const struct people *now,
		     const struct people *before)
{
	return m->now == now && m->before == before;
}

const struct people_counts *people_match_counts(const struct people_matching *m)
{
	return &m->counts;
}

void people_match_each(const struct people_matching *m, people_move_fn move,
		       void *ctx)
{
	for (size_t i = 0; m->moves.v != NULL && i <= m->moves.mask; i++) {
		const struct move *v = &m->moves.v[i];
		if (v->count > 0)
			move(ctx, &v->was, &v->is, (enum segment)v->from,
			     (enum segment)v->to, v->count);
	}
}

void people_match_free(struct people_matching *m)
{
	if (m == NULL)
		return;
	free(m->names.slots);
	free(m->moves.v);
	free(m);
}
