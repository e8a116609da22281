/* SPDX-License-Identifier: MIT */
/* Room for an import or a merge: a larger page cache while either runs,
 * and room on disk, checked before either starts.
 * Each runs in one transaction, so its write-ahead log holds every page
 * it writes until the end, and the checkpoint then copies them into the
 * database: the new data needs room twice over, for a moment. The
 * estimates, from the input's size, are documented in aimap(1), IMPORT
 * AND MERGE. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store-internal.h"

#define ROOM_MIB (1024ULL * 1024ULL)

/* "512 KiB", "84.0 MiB", "2.9 GiB" */
static void room_text(unsigned long long bytes, char out[32])
{
	if (bytes < ROOM_MIB)
		snprintf(out, 32, "%llu KiB", (bytes + 1023) / 1024);
	else if (bytes < 1024 * ROOM_MIB)
		snprintf(out, 32, "%.1f MiB", (double)bytes / (double)ROOM_MIB);
	else
		snprintf(out, 32, "%.1f GiB",
			 (double)bytes / (double)(1024 * ROOM_MIB));
}

/* The free space of the file system holding dir, for an unprivileged
 * writer; false when it cannot be told (then nothing is refused). */
static bool room_free(const char *dir, unsigned long long *free_bytes)
{
	struct statvfs v;
	if (statvfs(dir, &v) != 0)
		return false;
	*free_bytes = (unsigned long long)v.f_bavail * v.f_frsize;
	return true;
}

static enum store_status room_refuse(struct store *s, const char *label,
				     const char *what, unsigned long long need,
				     const char *dir, unsigned long long have)
{
	char need_text[32], have_text[32];
	room_text(need, need_text);
	room_text(have, have_text);
	return store_fail(s, STORE_ERR_REFUSED,
			  "%s%s%s needs about %s free in %s (the database's "
			  "folder), and %s is free; make room, or %s into a "
			  "database on a larger disk%s",
			  label != NULL ? label : "", label != NULL ? ": " : "",
			  what, need_text, dir, have_text,
			  label != NULL ? "merge" : "import",
			  label != NULL ? "; nothing was merged" : "");
}

enum store_status store_room_check(struct store *s, enum store_bulk kind,
				   unsigned long long size, const char *label)
{
	char *dir = xstrdup(s->path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	bool merge = kind == STORE_BULK_MERGE;
	/* the log, then the checkpoint: the new data twice; a merge a
	 * little more, for the running totals it rebuilds */
	unsigned long long need = (merge ? size / 2 * 5 : size) + ROOM_MIB;
	unsigned long long have = 0;
	enum store_status status = STORE_OK;
	if (room_free(dir, &have) && have < need)
		status = room_refuse(
		    s, label, merge ? "a merge of this file" : "this import",
		    need, dir, have);
	free(dir);
	return status;
}

/* The page cache of an import or a merge, in KiB: pages are taken as
 * needed up to this, so a small import stays small. SQLite's default
 * (2 MiB) is far smaller than the indexes a large import updates at
 * random places (the UUIDs of respondents and responses, names, finish
 * times): every page pushed out is written to the write-ahead log and
 * read back, and finding a page in the log costs more the longer the log
 * is, so the cost per response grew with the database. An import of
 * 1,000,000 responses took 19% more CPU time with 128 MiB than with
 * 512 MiB (and no less with 1 GiB). At most a quarter of the memory, on
 * a small machine; never less than 128 MiB. */
#define ROOM_CACHE_MIN_KIB 131072LL
#define ROOM_CACHE_MAX_KIB 524288LL

static int room_cache_kib(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	long long kib = pages > 0 && page > 0
			    ? (long long)pages / 4 * (page / 1024)
			    : ROOM_CACHE_MIN_KIB;
	if (kib > ROOM_CACHE_MAX_KIB)
		kib = ROOM_CACHE_MAX_KIB;
	if (kib < ROOM_CACHE_MIN_KIB)
		kib = ROOM_CACHE_MIN_KIB;
	return (int)kib;
}

int store_cache_widen(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int previous = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA main.cache_size", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		previous = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (previous != 0) {
		char sql[96];
		/* the temporary tables (what an import has seen, a
		 * merge's maps) are smaller */
		snprintf(sql, sizeof(sql),
			 "PRAGMA main.cache_size = %d;"
			 " PRAGMA temp.cache_size = %lld",
			 -room_cache_kib(), -ROOM_CACHE_MIN_KIB);
		(void)sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	}
	return previous;
}

void store_cache_restore(struct store *s, int previous)
{
	if (previous == 0)
		return;
	char sql[96];
	snprintf(sql, sizeof(sql),
		 "PRAGMA main.cache_size = %d; PRAGMA temp.cache_size = %d",
		 previous, previous);
	(void)sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}
