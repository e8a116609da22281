/* SPDX-License-Identifier: MIT */
/* Who moved between two rounds: the people of both rounds matched one to
 * one, first by their respondent row (the same person answering again),
 * then, among the rest, by name and department without regard to case,
 * as store_response_find_person recognises a returning person. The
 * matching is done here in hash tables, in one pass over the two rounds'
 * finished responses: a GROUP BY over both rounds sorted every response,
 * which at a million responses was nearly all the cost of a comparison. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

enum { SIDE_HERE = 1, SIDE_THERE = 2 };

/* A finished response of one of the two rounds. */
struct people_row {
	long long id;
	long long respondent;
	char *key; /* lower(name) NUL lower(department); NULL: no name */
	size_t keylen;
	int department; /* index into people.departments */
	unsigned char side, role, track, segment;
	bool linked; /* matched by its respondent */
};

/* Open addressing: each slot a hash and an index (-1: empty). */
struct people_slot {
	uint64_t hash;
	int index;
};
struct people_table {
	struct people_slot *slots;
	size_t size; /* a power of two */
	size_t used;
};

/* A person matched by name and department: their latest response in
 * each round (-1: none). */
struct people_group {
	int here, there;
};

struct people {
	struct people_row *rows;
	int nrows, caprows;
	char **departments;
	int ndepartments;
	struct people_table departments_by_name;
};

static uint64_t people_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h ^ (h >> 29);
}

static uint64_t people_hash_int(long long v)
{
	uint64_t h = (uint64_t)v * 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 31);
}

static void people_table_init(struct people_table *t)
{
	t->size = 1024;
	t->used = 0;
	t->slots = xmalloc(t->size * sizeof(*t->slots));
	for (size_t i = 0; i < t->size; i++)
		t->slots[i].index = -1;
}

static void people_table_grow(struct people_table *t)
{
	struct people_slot *old = t->slots;
	size_t n = t->size;
	t->size *= 2;
	t->slots = xmalloc(t->size * sizeof(*t->slots));
	for (size_t i = 0; i < t->size; i++)
		t->slots[i].index = -1;
	for (size_t i = 0; i < n; i++) {
		if (old[i].index < 0)
			continue;
		size_t j = old[i].hash & (t->size - 1);
		while (t->slots[j].index >= 0)
			j = (j + 1) & (t->size - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

/* The slot of the entry that same() recognises, or the empty slot where
 * it goes (its index -1: the caller fills it in and counts it with
 * people_table_used). */
static struct people_slot *
people_table_find(struct people_table *t, uint64_t hash,
		  bool (*same)(const void *ctx, int index, const void *key),
		  const void *ctx, const void *key)
{
	if (2 * (t->used + 1) > t->size)
		people_table_grow(t);
	size_t j = hash & (t->size - 1);
	while (t->slots[j].index >= 0) {
		if (t->slots[j].hash == hash &&
		    same(ctx, t->slots[j].index, key))
			break;
		j = (j + 1) & (t->size - 1);
	}
	t->slots[j].hash = hash;
	return &t->slots[j];
}

static void people_table_used(struct people_table *t, struct people_slot *slot,
			      int index)
{
	slot->index = index;
	t->used++;
}

static bool people_same_department(const void *ctx, int index, const void *key)
{
	const struct people *p = ctx;
	return strcmp(p->departments[index], key) == 0;
}

static int people_department(struct people *p, const char *name)
{
	struct people_slot *slot = people_table_find(
	    &p->departments_by_name, people_hash(name, strlen(name)),
	    people_same_department, p, name);
	if (slot->index < 0) {
		p->departments =
		    xreallocarray(p->departments, (size_t)p->ndepartments + 1,
				  sizeof(*p->departments));
		p->departments[p->ndepartments] = xstrdup(name);
		people_table_used(&p->departments_by_name, slot,
				  p->ndepartments++);
	}
	return slot->index;
}

/* lower(name) NUL lower(department): ASCII folding, as NOCASE. */
static char *people_key(const char *name, const char *department, size_t *len)
{
	size_t a = strlen(name), b = strlen(department);
	char *key = xmalloc(a + b + 2);
	for (size_t i = 0; i <= a; i++)
		key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z'
				    ? name[i] - 'A' + 'a'
				    : name[i]);
	for (size_t i = 0; i <= b; i++)
		key[a + 1 + i] =
		    (char)(department[i] >= 'A' && department[i] <= 'Z'
			       ? department[i] - 'A' + 'a'
			       : department[i]);
	*len = a + b + 1;
	return key;
}

static const char people_sql[] =
    "SELECT p.round_id, p.id, p.respondent_id, t.name, p.department,"
    " p.role, p.track, p.segment"
    " FROM response p JOIN respondent t ON t.id = p.respondent_id"
    " WHERE p.round_id IN (?1, ?2) AND p.finished_at IS NOT NULL";

static void people_add(struct people *p, sqlite3_stmt *st, long long here,
		       long long there)
{
	if (p->nrows == p->caprows) {
		p->caprows = p->caprows > 0 ? 2 * p->caprows : 1024;
		p->rows = xreallocarray(p->rows, (size_t)p->caprows,
					sizeof(*p->rows));
	}
	struct people_row *r = &p->rows[p->nrows++];
	long long round = sqlite3_column_int64(st, 0);
	const char *name = store_column_text(st, 3);
	const char *department = store_column_text(st, 4);
	if (department == NULL) /* NOT NULL in the schema */
		department = "";
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 1);
	r->respondent = sqlite3_column_int64(st, 2);
	r->side = (unsigned char)((round == here ? SIDE_HERE : 0) |
				  (round == there ? SIDE_THERE : 0));
	r->key = name != NULL ? people_key(name, department, &r->keylen) : NULL;
	r->department = people_department(p, department);
	r->role = (unsigned char)store_column_role(st, 5);
	r->track = (unsigned char)store_column_track(st, 6);
	r->segment = (unsigned char)store_column_segment(st, 7);
}

static enum store_status people_read(struct store *s, long long here,
				     long long there, struct people *p)
{
	const char *what = "cannot match the people of two rounds";
	sqlite3_stmt *st;
	enum store_status status =
	    store_stmt_bind(s, people_sql, what, &st, "II", here, there);
	int rc = SQLITE_DONE;
	while (status == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		people_add(p, st, here, there);
	return store_rows_end(s, st, what, status, rc);
}

static void people_free(struct people *p)
{
	for (int i = 0; i < p->nrows; i++)
		free(p->rows[i].key);
	free(p->rows);
	for (int i = 0; i < p->ndepartments; i++)
		free(p->departments[i]);
	free(p->departments);
	free(p->departments_by_name.slots);
}

/* ---- what the matched people add up to --------------------------------- */

/* Moves per department (index), role, track, from and to, as one
 * number. */
static long long people_move_key(const struct people_row *here,
				 enum segment from)
{
	return ((((long long)here->department * ROLE_COUNT + here->role) *
		     TRACK_COUNT +
		 here->track) *
		    SEGMENT_COUNT +
		from) *
		   SEGMENT_COUNT +
	       here->segment;
}

struct people_sums {
	struct store_transitions *t;
	struct people_table moves_by_key;
	long long *move_keys;
	int *move_counts;
	int nmoves;
};

static bool people_same_move(const void *ctx, int index, const void *key)
{
	const struct people_sums *m = ctx;
	return m->move_keys[index] == *(const long long *)key;
}

/* One person: their response in this round and in the other (NULL:
 * none). */
static void people_count(struct people_sums *m, const struct people_row *here,
			 const struct people_row *there)
{
	struct store_transitions *t = m->t;
	if (here == NULL) {
		t->only_other++;
		return;
	}
	if (there == NULL) {
		t->only_this++;
		return;
	}
	t->moved[there->segment][here->segment]++;
	t->both++;
	long long key = people_move_key(here, there->segment);
	struct people_slot *slot = people_table_find(
	    &m->moves_by_key, people_hash_int(key), people_same_move, m, &key);
	if (slot->index < 0) {
		size_t n = (size_t)m->nmoves + 1;
		m->move_keys =
		    xreallocarray(m->move_keys, n, sizeof(long long));
		m->move_counts = xreallocarray(m->move_counts, n, sizeof(int));
		m->move_keys[m->nmoves] = key;
		m->move_counts[m->nmoves] = 0;
		people_table_used(&m->moves_by_key, slot, m->nmoves++);
	}
	m->move_counts[slot->index]++;
}

static bool people_same_respondent(const void *ctx, int index, const void *key)
{
	const struct people *p = ctx;
	return p->rows[index].respondent == *(const long long *)key;
}

/* The same respondent in both rounds (one response a round: the schema
 * says UNIQUE (round_id, respondent_id)). */
static void people_link(struct people *p, struct people_sums *m)
{
	struct people_table t;
	people_table_init(&t);
	for (int i = 0; i < p->nrows; i++) {
		struct people_row *r = &p->rows[i];
		if (r->side ==
		    (SIDE_HERE | SIDE_THERE)) { /* a round and itself */
			r->linked = true;
			people_count(m, r, r);
			continue;
		}
		struct people_slot *slot = people_table_find(
		    &t, people_hash_int(r->respondent), people_same_respondent,
		    p, &r->respondent);
		if (slot->index < 0) {
			people_table_used(&t, slot, i);
			continue;
		}
		struct people_row *o = &p->rows[slot->index];
		if (o->side == r->side || o->linked)
			continue; /* only a broken file has two */
		o->linked = r->linked = true;
		people_count(m, r->side == SIDE_HERE ? r : o,
			     r->side == SIDE_HERE ? o : r);
	}
	free(t.slots);
}

struct people_keys {
	const struct people *p;
	const struct people_group *groups;
};

static bool people_same_key(const void *ctx, int index, const void *key)
{
	const struct people_keys *k = ctx;
	const struct people_group *g = &k->groups[index];
	const struct people_row *a =
	    &k->p->rows[g->here >= 0 ? g->here : g->there];
	const struct people_row *b = key;
	return a->keylen == b->keylen && memcmp(a->key, b->key, a->keylen) == 0;
}

/* The rest by name and department, each by their latest response in each
 * round; the rest without a name are not followed. */
static void people_match_names(struct people *p, struct people_sums *m)
{
	struct people_group *groups = NULL;
	int ngroups = 0;
	struct people_table t;
	people_table_init(&t);
	struct people_keys k = {p, NULL};
	for (int i = 0; i < p->nrows; i++) {
		struct people_row *r = &p->rows[i];
		if (r->linked)
			continue;
		if (r->key == NULL) {
			m->t->anonymous[r->side == SIDE_HERE ? 0 : 1]++;
			continue;
		}
		k.groups = groups;
		struct people_slot *slot = people_table_find(
		    &t, people_hash(r->key, r->keylen), people_same_key, &k, r);
		if (slot->index < 0) {
			groups = xreallocarray(groups, (size_t)ngroups + 1,
					       sizeof(*groups));
			groups[ngroups] = (struct people_group){-1, -1};
			people_table_used(&t, slot, ngroups++);
		}
		struct people_group *g = &groups[slot->index];
		int *side = r->side == SIDE_HERE ? &g->here : &g->there;
		if (*side < 0 || p->rows[*side].id < r->id)
			*side = i;
	}
	for (int i = 0; i < ngroups; i++)
		people_count(
		    m, groups[i].here >= 0 ? &p->rows[groups[i].here] : NULL,
		    groups[i].there >= 0 ? &p->rows[groups[i].there] : NULL);
	free(groups);
	free(t.slots);
}

static void people_moves(const struct people *p, const struct people_sums *m,
			 struct store_move **out, int *count)
{
	struct store_move *moves =
	    xcalloc((size_t)m->nmoves + 1, sizeof(*moves));
	for (int i = 0; i < m->nmoves; i++) {
		long long key = m->move_keys[i];
		moves[i].to = (enum segment)(key % SEGMENT_COUNT);
		key /= SEGMENT_COUNT;
		moves[i].from = (enum segment)(key % SEGMENT_COUNT);
		key /= SEGMENT_COUNT;
		moves[i].track = (enum track)(key % TRACK_COUNT);
		key /= TRACK_COUNT;
		moves[i].role = (enum role)(key % ROLE_COUNT);
		key /= ROLE_COUNT;
		moves[i].department = xstrdup(p->departments[key]);
		moves[i].count = m->move_counts[i];
	}
	*out = moves;
	*count = m->nmoves;
}

/* Both of the above from one reading of the two rounds (out, or moves,
 * may be NULL when not wanted). */
static enum store_status
store_report_people_pair(struct store *s, long long round_id,
			 long long other_id, struct store_transitions *out,
			 struct store_move **moves, int *nmoves)
{
	struct people p = {0};
	people_table_init(&p.departments_by_name);
	struct store_transitions t = {0};
	struct people_sums m = {.t = &t};
	people_table_init(&m.moves_by_key);
	enum store_status status = people_read(s, round_id, other_id, &p);
	if (status == STORE_OK) {
		people_link(&p, &m);
		people_match_names(&p, &m);
	}
	if (out != NULL)
		*out = status == STORE_OK ? t : (struct store_transitions){0};
	if (moves != NULL) {
		*moves = NULL;
		*nmoves = 0;
		if (status == STORE_OK)
			people_moves(&p, &m, moves, nmoves);
	}
	free(m.moves_by_key.slots);
	free(m.move_keys);
	free(m.move_counts);
	people_free(&p);
	return status;
}

enum store_status store_report_transitions(struct store *s, long long round_id,
					   long long other_id,
					   struct store_transitions *out)
{
	return store_report_people_pair(s, round_id, other_id, out, NULL, NULL);
}

enum store_status store_report_moves(struct store *s, long long round_id,
				     long long other_id,
				     struct store_move **out, int *count)
{
	return store_report_people_pair(s, round_id, other_id, NULL, out,
					count);
}

void store_moves_free(struct store_move *rows, int count)
{
	for (int i = 0; i < count; i++)
		free(rows[i].department);
	free(rows);
}
