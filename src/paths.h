/* SPDX-License-Identifier: MIT */
/* Where things live: the default database and the folders searched for
 * questionnaires. */
#ifndef AIMAP_PATHS_H
#define AIMAP_PATHS_H

#include <stdbool.h>

/* $XDG_DATA_HOME/aimap/aimap.db, or ~/.local/share/aimap/aimap.db;
 * malloc'd. */
char *paths_default_db(void);
/* demo.db beside it: where aimap demo writes unless told otherwise, so
 * a synthetic organisation never mixes with real rounds; malloc'd. */
char *paths_demo_db(void);

/* The folders searched for NAME.ini, in order: the one given (from
 * --questionnaires or AIMAP_QUESTIONNAIRES; may be NULL), the source tree's
 * questionnaires/ when this is an uninstalled build run from its build
 * tree, $XDG_CONFIG_HOME/aimap/questionnaires, then the installed data
 * folder. Returns a NULL-terminated malloc'd array of malloc'd
 * strings; free with paths_free_list. */
char **paths_questionnaire_dirs(const char *given);
void paths_free_list(char **list);

/* Resolve a questionnaire argument: a path (it has a '/' or ends in
 * ".ini") is used as it is; a bare id is looked up as ID.ini in the
 * folders above. Returns a malloc'd path, or NULL when no folder has it. */
char *paths_find_questionnaire(const char *arg, const char *given_dir);

/* The folder of the persona answer files the demo draws from: the source
 * tree's data/personas when uninstalled, else the installed data folder's
 * personas; malloc'd. */
char *paths_personas_dir(void);

/* True when the program runs from its build tree, not installed. */
bool paths_running_uninstalled(void);

#endif
