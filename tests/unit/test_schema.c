/* SPDX-License-Identifier: MIT */
/* The golden test of the schema. Databases in the field were built by
 * the migrations of the aimap that made them, so a released migration
 * must never change: a change of schema is a new migration. This test
 * holds every migration N (from PRAGMA user_version N - 1 to N) to its
 * text as expanded from store-schema.c's macros, committed in
 * tests/data/schema/vN.sql: editing a released migration, or a macro it
 * is built from, fails here.
 *
 * A new migration needs its file: run
 *   AIMAP_SCHEMA_WRITE=1 tests/unit/test_schema
 * which writes the files that do not exist yet (never an existing one),
 * and commit it with the migration. */
#include "config.h"

#include "testutil.h"

#include <errno.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "store-internal.h"
#include "util.h"

#define SCHEMA_DIR AIMAP_ABS_SRCDIR "/tests/data/schema"

/* What a file says before the SQL: lines starting "-- ", then an empty
 * line. */
static const char schema_preamble[] =
    "-- aimap schema: migration %d, from PRAGMA user_version %d to %d,\n"
    "-- as src/store-schema.c expands it. A released migration never\n"
    "-- changes (tests/unit/test_schema.c): add a new one instead.\n"
    "\n";

static char *schema_file(int version)
{
	return xasprintf("%s/v%d.sql", SCHEMA_DIR, version);
}

/* The file's text, NULL when it does not exist. */
static char *schema_read(const char *path)
{
	size_t len;
	char *text = util_read_file(path, &len);
	if (text == NULL)
		assert_int_equal(errno, ENOENT);
	return text;
}

/* The SQL of a file: what follows its preamble of "-- " lines and the
 * empty line after them. */
static const char *schema_sql(const char *text)
{
	const char *p = text;
	while (strncmp(p, "-- ", 3) == 0) {
		const char *nl = strchr(p, '\n');
		if (nl == NULL)
			return "";
		p = nl + 1;
	}
	if (*p == '\n')
		p++;
	return p;
}

static void schema_write(const char *path, int version, const char *sql)
{
	char *text = xasprintf(schema_preamble, version, version - 1, version);
	FILE *f = fopen(path, "wx"); /* never over a released version */
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_true(fputs(sql, f) >= 0);
	assert_int_equal(fclose(f), 0);
	print_message("wrote %s\n", path);
	free(text);
}

/* Each migration is the text committed for it. */
static void released_migrations_never_change(void **state)
{
	(void)state;
	bool write = getenv("AIMAP_SCHEMA_WRITE") != NULL;
	int versions = store_schema_version();
	assert_true(versions >= 1);
	for (int v = 1; v <= versions; v++) {
		const char *sql = store_schema_migration(v - 1);
		assert_non_null(sql);
		char *path = schema_file(v);
		char *text = schema_read(path);
		if (text == NULL && write)
			schema_write(path, v, sql);
		else if (text == NULL)
			fail_msg(
			    "%s is missing: a new migration needs its file "
			    "(see tests/unit/test_schema.c)",
			    path);
		else if (strcmp(schema_sql(text), sql) != 0)
			fail_msg("migration %d is not the text of %s: a "
				 "released migration must not change; add a "
				 "new one instead",
				 v, path);
		free(text);
		free(path);
	}
	assert_null(store_schema_migration(versions));
	assert_null(store_schema_migration(-1));
}

/* A file for a version no migration makes: a migration was removed. */
static void no_file_without_its_migration(void **state)
{
	(void)state;
	char *path = schema_file(store_schema_version() + 1);
	struct stat sb;
	if (stat(path, &sb) == 0)
		fail_msg("%s exists but this aimap has no migration %d", path,
			 store_schema_version() + 1);
	free(path);
}

/* Every version can be built, one migration after the other, from an
 * empty database: the committed texts are a working schema. */
static void each_version_builds_on_the_last(void **state)
{
	(void)state;
	for (int v = 1; v <= store_schema_version(); v++) {
		sqlite3 *h = NULL;
		assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
		for (int i = 0; i < v; i++) {
			char *err = NULL;
			if (sqlite3_exec(h, store_schema_migration(i), NULL,
					 NULL, &err) != SQLITE_OK)
				fail_msg("migration %d: %s", i + 1, err);
		}
		assert_int_equal(sqlite3_close(h), SQLITE_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(released_migrations_never_change),
	    cmocka_unit_test(no_file_without_its_migration),
	    cmocka_unit_test(each_version_builds_on_the_last),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
