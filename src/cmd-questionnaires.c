/* SPDX-License-Identifier: MIT */
/* aimap questionnaires: the questionnaires a bare id (-q ID) can name,
 * folder by folder in the order they are searched, so that a person can
 * see which file wins and where to put one of their own. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "diag.h"
#include "paths.h"
#include "table.h"

/* The ids listed so far: a later file with the same id is hidden. */
struct seen {
	char **ids;
	int count;
};

static bool seen_add(struct seen *s, const char *id)
{
	for (int i = 0; i < s->count; i++)
		if (strcmp(s->ids[i], id) == 0)
			return false;
	s->ids = xreallocarray(s->ids, (size_t)s->count + 1, sizeof(*s->ids));
	s->ids[s->count++] = xstrdup(id);
	return true;
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->count; i++)
		free(s->ids[i]);
	free(s->ids);
}

/* What paths_find_questionnaire would take: NAME.ini, a regular file,
 * not hidden. */
static int is_questionnaire_file(const struct dirent *e)
{
	size_t len = strlen(e->d_name);
	return e->d_name[0] != '.' && len > 4 &&
	       strcmp(e->d_name + len - 4, ".ini") == 0;
}

/* One row: the id -q takes, the file's version, number of questions and
 * title (or why it
 * cannot be used), its path, and whether an earlier folder hides it. */
static void list_one(struct table *t, struct seen *seen, const char *dir,
		     const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(path);
		return;
	}
	char *id = xstrdup(name);
	id[strlen(id) - 4] = '\0';
	struct diag d;
	diag_init(&d, path);
	struct questionnaire *q = questionnaire_load(path, &d);
	diag_free(&d);
	bool first = seen_add(seen, id);
	char *version = q != NULL ? xasprintf("%d", q->version) : xstrdup("-");
	char *questions =
	    q != NULL ? xasprintf("%d", q->nquestions) : xstrdup("-");
	char *where = first ? xstrdup(path)
			    : xasprintf("%s (hidden by an earlier one)", path);
	const char *cells[] = {
	    id, version, questions,
	    q != NULL ? q->title : "not valid: see aimap validate PATH", where};
	table_add(t, cells);
	free(questions);
	free(where);
	free(version);
	questionnaire_free(q);
	free(id);
	free(path);
}

static void list_dir(struct table *t, struct seen *seen, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_questionnaire_file, alphasort);
	for (int i = 0; i < n; i++) {
		list_one(t, seen, dir, names[i]->d_name);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* Where to put a questionnaire of one's own, and why one is not found. */
static void print_dirs(char **dirs)
{
	printf("\nSearched for ID.ini in this order:\n");
	for (char **d = dirs; *d != NULL; d++) {
		struct stat st;
		bool there = stat(*d, &st) == 0 && S_ISDIR(st.st_mode);
		printf("  %s%s\n", *d, there ? "" : " (not there)");
	}
}

/* None: an option here is a mistake, said as for every command. */
static const struct cli_option options[] = {{0}};

static int questionnaires_run(struct cli *cli, int argc, char **argv)
{
	int n = cli_parse_options(&cmd_questionnaires, argc, argv, NULL);
	if (n < 0)
		return EXIT_USAGE;
	if (n > 0)
		return cli_usage(&cmd_questionnaires, "unexpected '%s'",
				 argv[1]);
	static const char *const header[] = {"ID", "VERSION>", "QUESTIONS>",
					     "TITLE", "PATH"};
	struct table t;
	table_init(&t, 5, header);
	struct seen seen = {NULL, 0};
	char **dirs = paths_questionnaire_dirs(cli->questionnaire_dir);
	for (char **d = dirs; *d != NULL; d++)
		list_dir(&t, &seen, *d);
	if (seen.count == 0)
		printf("No questionnaires found.\n");
	else
		table_print(&t, stdout, 0);
	print_dirs(dirs);
	paths_free_list(dirs);
	seen_free(&seen);
	table_free(&t);
	return EXIT_OK;
}

const struct cli_command cmd_questionnaires = {
    "questionnaires",
    "",
    "List the questionnaires found by id, in the order they are searched.",
    questionnaires_run,
    options,
};
