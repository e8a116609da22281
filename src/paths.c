/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "paths.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && *home != '\0')
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : "/";
}

/* $VAR when it is set to an absolute path (the XDG rule), else
 * ~/fallback. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *value = getenv(var);
	if (value != NULL && value[0] == '/')
		return xstrdup(value);
	return xasprintf("%s/%s", home_dir(), fallback);
}

char *paths_default_db(void)
{
	char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *path = xasprintf("%s/aimap/aimap.db", data);
	free(data);
	return path;
}

char *paths_demo_db(void)
{
	char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *path = xasprintf("%s/aimap/demo.db", data);
	free(data);
	return path;
}

bool paths_running_uninstalled(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *dir = realpath(AIMAP_ABS_BUILDDIR "/src", NULL);
	if (dir == NULL)
		return false;
	size_t len = strlen(dir);
	bool inside = strncmp(exe, dir, len) == 0 && exe[len] == '/' &&
		      strchr(exe + len + 1, '/') == NULL;
	free(dir);
	return inside;
}

static void list_add(char ***list, int *count, char *dir)
{
	*list = xreallocarray(*list, (size_t)*count + 2, sizeof(**list));
	(*list)[(*count)++] = dir;
	(*list)[*count] = NULL;
}

char **paths_questionnaire_dirs(const char *given)
{
	char **list = xcalloc(1, sizeof(*list));
	int count = 0;
	if (given != NULL && *given != '\0')
		list_add(&list, &count, xstrdup(given));
	if (paths_running_uninstalled())
		list_add(&list, &count,
			 xstrdup(AIMAP_ABS_SRCDIR "/questionnaires"));
	/* a person's own questionnaires before the installed ones, so that
	 * an edited copy with the same id wins */
	char *config = xdg_dir("XDG_CONFIG_HOME", ".config");
	list_add(&list, &count, xasprintf("%s/aimap/questionnaires", config));
	free(config);
	list_add(&list, &count, xstrdup(AIMAP_PKGDATADIR "/questionnaires"));
	return list;
}

void paths_free_list(char **list)
{
	if (list == NULL)
		return;
	for (char **p = list; *p != NULL; p++)
		free(*p);
	free(list);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

char *paths_find_questionnaire(const char *arg, const char *given_dir)
{
	if (strchr(arg, '/') != NULL || ends_with(arg, ".ini"))
		return xstrdup(arg);
	char **dirs = paths_questionnaire_dirs(given_dir);
	char *found = NULL;
	for (char **d = dirs; *d != NULL && found == NULL; d++) {
		char *candidate = xasprintf("%s/%s.ini", *d, arg);
		struct stat st;
		if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode))
			found = candidate;
		else
			free(candidate);
	}
	paths_free_list(dirs);
	return found;
}

char *paths_personas_dir(void)
{
	if (paths_running_uninstalled())
		return xstrdup(AIMAP_ABS_SRCDIR "/data/personas");
	return xstrdup(AIMAP_PKGDATADIR "/personas");
}
