#include "config.h"

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "paths.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("aimap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "aimap %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: aimap %s %s\n", cmd->name, cmd->args);
	fprintf(stderr, "Try 'aimap %s --help' for more.\n", cmd->name);
	return EXIT_USAGE;
}

void cli_print_command_help(const struct cli_command *cmd)
{
	printf("usage: aimap %s %s\n\n%s\n", cmd->name, cmd->args,
	       cmd->summary);
	printf("\nSee aimap(1) for the details.\n");
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

struct store *cli_open_store(struct cli *cli)
{
	char *fallback = NULL;
	const char *path = cli->db_path;
	if (path == NULL || *path == '\0')
		path = fallback = paths_default_db();
	enum store_status status;
	char *message = NULL;
	struct store *store = store_open(path, &status, &message);
	if (store == NULL) {
		cli_error("%s", message ? message : "cannot open the database");
		free(message);
	}
	free(fallback);
	return store;
}

static struct questionnaire *load_reporting(const char *name, const char *text,
					    size_t len)
{
	struct diag d;
	diag_init(&d, name);
	struct questionnaire *q = questionnaire_parse(name, text, len, &d);
	fflush(stdout);
	diag_print(&d, stderr);
	diag_free(&d);
	return q;
}

struct questionnaire *cli_load_questionnaire(struct cli *cli, const char *arg)
{
	char *path = paths_find_questionnaire(arg, cli->questionnaire_dir);
	if (path == NULL) {
		cli_error("no questionnaire '%s' (looked for %s.ini in the "
			  "questionnaire folders; see aimap(1), FILES)",
			  arg, arg);
		return NULL;
	}
	size_t len;
	char *text = util_read_file(path, &len);
	if (text == NULL) {
		cli_error("%s: cannot read: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	struct questionnaire *q = load_reporting(path, text, len);
	free(text);
	free(path);
	return q;
}

struct questionnaire *cli_load_round_questionnaire(struct store *store,
						   const struct store_round *r)
{
	char *text, *name;
	size_t len;
	if (store_questionnaire_source(store, r->questionnaire_id, &text, &len,
				       &name) != STORE_OK) {
		cli_error("%s", store_error(store));
		return NULL;
	}
	struct questionnaire *q = load_reporting(name, text, len);
	free(text);
	free(name);
	return q;
}

/* The round named by code, or the newest open one, or the newest. */
enum store_status cli_find_round(struct store *store, const char *code,
				 struct store_round *out)
{
	if (code != NULL)
		return store_round_find(store, code, out);
	struct store_round *all;
	int n;
	enum store_status st = store_round_list_open(store, &all, &n);
	if (st == STORE_OK && n == 0) {
		store_round_list_free(all, n);
		st = store_round_list(store, &all, &n);
		if (st == STORE_OK && n == 0) {
			store_round_list_free(all, n);
			return STORE_ERR_NOT_FOUND;
		}
	}
	if (st != STORE_OK)
		return st;
	*out = all[0];
	memset(&all[0], 0, sizeof(all[0]));
	store_round_list_free(all, n);
	return STORE_OK;
}
