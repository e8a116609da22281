/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "paths.h"
#include "report.h"
#include "textwrap.h"

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

/* One line of a synopsis, at column, broken before a word or "[" outside
 * brackets where the next group would pass column 80; later lines are
 * indented like the first "aimap". */
static int print_synopsis_line(FILE *out, const char *line, size_t len,
			       int column)
{
	size_t start = 0;
	while (start < len) {
		size_t end = start, cut = len;
		int depth = 0;
		for (; end < len; end++) {
			if (line[end] == '[')
				depth++;
			else if (line[end] == ']')
				depth--;
			else if (line[end] == ' ' && depth == 0 &&
				 end > start &&
				 column + (int)(end - start) <= 80)
				cut = end;
			if (column + (int)(end - start) >= 80 && cut != len)
				break;
		}
		if (end == len)
			cut = len;
		fprintf(out, "%.*s\n", (int)(cut - start), line + start);
		start = cut < len ? cut + 1 : len;
		if (start < len)
			fprintf(out, "%*s", column = 7, "");
	}
	return column;
}

/* "usage: aimap NAME ARGS", each line of ARGS kept within 80 columns. */
static void print_usage(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "usage: aimap %s", cmd->name);
	if (*cmd->args == '\0') {
		fputc('\n', out);
		return;
	}
	fputc(' ', out);
	int column = 14 + (int)strlen(cmd->name);
	for (const char *p = cmd->args;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		print_synopsis_line(out, p, len, column);
		if (nl == NULL)
			break;
		p = nl + 1;
		column = 0;
	}
}

int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "aimap %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage(stderr, cmd);
	fprintf(stderr, "Try 'aimap %s --help' for more.\n", cmd->name);
	return EXIT_USAGE;
}

/* ---- help --------------------------------------------------------------- */

enum {
	HELP_WIDTH = 80,      /* every help line fits a standard terminal */
	HELP_MAX_COLUMN = 30, /* a longer option gets a line of its own */
};

void cli_print_wrapped(const char *name, int column, const char *text)
{
	int len = textwrap_width(name);
	fputs(name, stdout);
	if (len > 0 && len + 2 > column)
		printf("\n%*s", column, "");
	else
		printf("%*s", column - len, "");
	struct wrap_line *lines;
	int n = textwrap_wrap(text, HELP_WIDTH - column, &lines);
	for (int i = 0; i < n; i++)
		printf("%*s%.*s\n", i ? column : 0, "", (int)lines[i].len,
		       text + lines[i].start);
	if (n == 0)
		putchar('\n');
	free(lines);
}

/* "  -r, --round CODE": how an option is written, for help. */
static void format_option(const struct cli_option *o, char *buf, size_t size)
{
	char letter[8] = "    ";
	if (o->letter != '\0')
		snprintf(letter, sizeof(letter), "-%c, ", o->letter);
	snprintf(buf, size, "  %s--%s%s%s", letter, o->name,
		 o->metavar ? " " : "", o->metavar ? o->metavar : "");
}

void cli_print_options(const struct cli_option *options)
{
	char left[128];
	/* at least 8, so a table of only long names still indents its
	 * descriptions */
	int column = 8;
	for (const struct cli_option *o = options; o->name != NULL; o++) {
		format_option(o, left, sizeof(left));
		int want = (int)strlen(left) + 2;
		if (want <= HELP_MAX_COLUMN && want > column)
			column = want;
	}
	for (const struct cli_option *o = options; o->name != NULL; o++) {
		format_option(o, left, sizeof(left));
		cli_print_wrapped(left, column, o->help);
	}
}

void cli_print_command_help(const struct cli_command *cmd)
{
	print_usage(stdout, cmd);
	putchar('\n');
	cli_print_wrapped("", 0, cmd->summary);
	if (cmd->options != NULL && cmd->options[0].name != NULL) {
		printf("\nOptions:\n");
		cli_print_options(cmd->options);
	}
	printf("\nSee aimap(1) for the details.\n");
}

void cli_print_responses_outcome(const char *verb, const char *file,
				 const int *counts)
{
	printf("%s %s: %d response%s added, %d replaced by a newer version, "
	       "%d already here.\n",
	       verb, file, counts[STORE_MERGE_ADDED],
	       counts[STORE_MERGE_ADDED] == 1 ? "" : "s",
	       counts[STORE_MERGE_REPLACED], counts[STORE_MERGE_KEPT]);
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

/* ---- options ------------------------------------------------------------ */

/* An empty table for a command that has no options yet. */
static const struct cli_option *options_of(const struct cli_command *cmd)
{
	static const struct cli_option none[] = {{0}};
	return cmd->options != NULL ? cmd->options : none;
}

static const struct cli_option *find_long(const struct cli_option *options,
					  const char *name, size_t len)
{
	for (const struct cli_option *o = options; o->name != NULL; o++)
		if (o->kind != CLI_KIND_INFO && strlen(o->name) == len &&
		    strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static const struct cli_option *find_short(const struct cli_option *options,
					   char letter)
{
	for (const struct cli_option *o = options; o->name != NULL; o++)
		if (o->kind != CLI_KIND_INFO && o->letter == letter)
			return o;
	return NULL;
}

static int unknown_long(const struct cli_command *cmd, const char *name,
			size_t len)
{
	const char *names[64];
	int n = 0;
	names[n++] = "help"; /* every command takes it (main.c) */
	for (const struct cli_option *o = options_of(cmd); o->name != NULL; o++)
		if (o->kind != CLI_KIND_INFO && n < (int)ARRAY_LEN(names))
			names[n++] = o->name;
	char *word = xasprintf("%.*s", (int)len, name);
	const char *near = util_closest_word(word, names, n);
	if (near != NULL)
		cli_usage(cmd, "unknown option --%s (did you mean --%s?)", word,
			  near);
	else
		cli_usage(cmd, "unknown option --%s", word);
	free(word);
	return -1;
}

static int unknown_short(const struct cli_command *cmd, const char *letter)
{
	int len = 1; /* the whole character, when it is not ASCII */
	while ((letter[len] & 0xC0) == 0x80)
		len++;
	cli_usage(cmd, "unknown option -%.*s", len, letter);
	return -1;
}

static int missing_value(const struct cli_command *cmd,
			 const struct cli_option *o, bool as_short)
{
	if (as_short)
		cli_usage(cmd, "-%c needs a value (%s)", o->letter, o->metavar);
	else
		cli_usage(cmd, "--%s needs a value (%s)", o->name, o->metavar);
	return -1;
}

/* "department, role or track", "',', ';' or tab": the words a choice
 * takes, for a message. An alias holding a control character (a real tab
 * for "tab") is left out. */
static char *describe_choices(const char *const *choices)
{
	const char *shown[32];
	int n = 0;
	for (int i = 0; choices[i] != NULL && n < (int)ARRAY_LEN(shown); i++)
		if (!iscntrl((unsigned char)choices[i][0]))
			shown[n++] = choices[i];
	char *text = xstrdup("");
	for (int i = 0; i < n; i++) {
		const char *quote =
		    isalnum((unsigned char)shown[i][0]) ? "" : "'";
		char *longer = xasprintf("%s%s%s%s%s", text,
					 i == 0	      ? ""
					 : i == n - 1 ? " or "
						      : ", ",
					 quote, shown[i], quote);
		free(text);
		text = longer;
	}
	return text;
}

static bool store_choice(const struct cli_command *cmd,
			 const struct cli_option *o, char *value, int *out)
{
	for (int i = 0; o->choices[i] != NULL; i++)
		if (strcmp(value, o->choices[i]) == 0) {
			*out = i;
			return true;
		}
	char *words = describe_choices(o->choices);
	cli_usage(cmd, "--%s takes %s, not '%s'", o->name, words, value);
	free(words);
	return false;
}

/* Put value (NULL for a flag) where option o says; false after printing
 * why it is not a valid value. */
static bool store_value(const struct cli_command *cmd,
			const struct cli_option *o, char *value, void *values)
{
	char *field = (char *)values + o->offset;
	switch (o->kind) {
	case CLI_KIND_FLAG:
		*(bool *)field = true;
		return true;
	case CLI_KIND_TEXT:
		*(const char **)field = value;
		return true;
	case CLI_KIND_INT:
		if (util_parse_int(value, o->min, o->max, (long *)field))
			return true;
		cli_usage(cmd,
			  "--%s takes a whole number from %ld to %ld, not "
			  "'%s'",
			  o->name, o->min, o->max, value);
		return false;
	case CLI_KIND_CHOICE:
		return store_choice(cmd, o, value, (int *)field);
	case CLI_KIND_LIST: {
		struct cli_list *list = (struct cli_list *)field;
		list->items = xreallocarray(
		    list->items, (size_t)list->count + 1, sizeof(*list->items));
		list->items[list->count++] = value;
		return true;
	}
	case CLI_KIND_INFO:
		break;
	}
	return false;
}

/* argv[i] is "--name" or "--name=VALUE": returns how many arguments the
 * option used, or -1 after a usage error. */
static int take_long(const struct cli_command *cmd, char **argv, int i,
		     void *values)
{
	char *name = argv[i] + 2;
	char *eq = strchr(name, '=');
	size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	const struct cli_option *o = find_long(options_of(cmd), name, len);
	if (o == NULL)
		return unknown_long(cmd, name, len);
	if (o->kind == CLI_KIND_FLAG && eq != NULL) {
		cli_usage(cmd, "--%s takes no value", o->name);
		return -1;
	}
	if (o->kind == CLI_KIND_FLAG || eq != NULL)
		return store_value(cmd, o, eq ? eq + 1 : NULL, values) ? 1 : -1;
	if (argv[i + 1] == NULL)
		return missing_value(cmd, o, false);
	return store_value(cmd, o, argv[i + 1], values) ? 2 : -1;
}

/* argv[i] is "-x", "-xVALUE" or flags run together ("-ab"). */
static int take_short(const struct cli_command *cmd, char **argv, int i,
		      void *values)
{
	for (char *p = argv[i] + 1; *p != '\0'; p++) {
		const struct cli_option *o = find_short(options_of(cmd), *p);
		if (o == NULL)
			return unknown_short(cmd, p);
		if (o->kind == CLI_KIND_FLAG) {
			store_value(cmd, o, NULL, values);
			continue;
		}
		if (p[1] != '\0')
			return store_value(cmd, o, p + 1, values) ? 1 : -1;
		if (argv[i + 1] == NULL)
			return missing_value(cmd, o, true);
		return store_value(cmd, o, argv[i + 1], values) ? 2 : -1;
	}
	return 1;
}

/* After a usage error the command returns at once: the lists read so far
 * are freed here, and emptied, so a command's own cleanup stays safe. */
static void free_lists(const struct cli_command *cmd, void *values)
{
	for (const struct cli_option *o = options_of(cmd); o->name != NULL; o++)
		if (o->kind == CLI_KIND_LIST) {
			struct cli_list *list =
			    (struct cli_list *)((char *)values + o->offset);
			free(list->items);
			*list = (struct cli_list){NULL, 0};
		}
}

int cli_parse_options(const struct cli_command *cmd, int argc, char **argv,
		      void *values)
{
	int n = 0;
	bool ended = false;
	for (int i = 1; i < argc;) {
		char *arg = argv[i];
		int used = 1;
		/* operands move to the front; writing at n + 1 <= i never
		 * overwrites an argument still to be read */
		if (ended || arg[0] != '-' || arg[1] == '\0')
			argv[++n] = arg;
		else if (strcmp(arg, "--") == 0)
			ended = true;
		else if (arg[1] == '-')
			used = take_long(cmd, argv, i, values);
		else
			used = take_short(cmd, argv, i, values);
		if (used < 0) {
			free_lists(cmd, values);
			return -1;
		}
		i += used;
	}
	argv[n + 1] = NULL;
	return n;
}

int cli_parse_only_options(const struct cli_command *cmd, int argc, char **argv,
			   void *values)
{
	int n = cli_parse_options(cmd, argc, argv, values);
	if (n > 0)
		return cli_usage(cmd, "unexpected '%s'", argv[1]);
	return n < 0 ? EXIT_USAGE : EXIT_OK;
}

/* ---- shared steps ------------------------------------------------------- */

struct store *cli_open_store(struct cli *cli)
{
	char *fallback = NULL;
	const char *path = cli->db_path;
	if (path == NULL || *path == '\0')
		path = fallback = paths_default_db();
	enum store_status status;
	char *message = NULL;
	struct store *store = cli->to_read
				  ? store_open_to_read(path, &status, &message)
				  : store_open(path, &status, &message);
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

static int is_ini_file(const struct dirent *e)
{
	size_t len = strlen(e->d_name);
	return e->d_name[0] != '.' && len > 4 &&
	       strcmp(e->d_name + len - 4, ".ini") == 0;
}

/* The id in the questionnaire folders nearest to a mistyped one, or
 * NULL; malloc'd. */
static char *questionnaire_id_near(struct cli *cli, const char *arg)
{
	char **dirs = paths_questionnaire_dirs(cli->questionnaire_dir);
	char **ids = NULL;
	int count = 0;
	for (char **d = dirs; *d != NULL; d++) {
		struct dirent **names;
		int n = scandir(*d, &names, is_ini_file, alphasort);
		for (int i = 0; i < n; i++) {
			char *id = xstrdup(names[i]->d_name);
			id[strlen(id) - 4] = '\0';
			ids =
			    xreallocarray(ids, (size_t)count + 1, sizeof(*ids));
			ids[count++] = id;
			free(names[i]);
		}
		if (n >= 0)
			free(names);
	}
	paths_free_list(dirs);
	const char *near =
	    util_closest_word(arg, (const char *const *)ids, count);
	char *out = near != NULL ? xstrdup(near) : NULL;
	for (int i = 0; i < count; i++)
		free(ids[i]);
	free(ids);
	return out;
}

struct questionnaire *cli_load_questionnaire(struct cli *cli, const char *arg)
{
	char *path = paths_find_questionnaire(arg, cli->questionnaire_dir);
	if (path == NULL) {
		char *near = strchr(arg, '/') == NULL
				 ? questionnaire_id_near(cli, arg)
				 : NULL;
		if (near != NULL)
			cli_error("no questionnaire '%s' (did you mean %s? "
				  "see: aimap questionnaires)",
				  arg, near);
		else
			cli_error("no questionnaire '%s' (looked for %s.ini in "
				  "the questionnaire folders; see: aimap "
				  "questionnaires)",
				  arg, arg);
		free(near);
		return NULL;
	}
	size_t len;
	char *text = util_read_file(path, &len);
	if (text == NULL) {
		cli_error("%s: cannot read: %s", path, util_read_error(errno));
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

/* A change is only measured against an earlier round of the same
 * questionnaire; another version of it is said, not refused. */
static bool check_compare(const struct cli_rounds *r)
{
	char why[256];
	bool warning;
	if (!report_can_compare(&r->round, &r->other, why, sizeof(why),
				&warning)) {
		cli_error("%s", why);
		return false;
	}
	if (warning)
		fprintf(stderr, "aimap: warning: %s\n", why);
	return true;
}

static bool find_rounds(struct store *store, const char *code,
			const char *other_code, const char *other_role,
			struct cli_rounds *out)
{
	enum store_status st = cli_find_round(store, code, &out->round);
	if (st == STORE_ERR_NOT_FOUND && code == NULL) {
		cli_error("there is no round yet (start one with: aimap round "
			  "new NAME -q ai-maturity)");
		return false;
	}
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no round with code '%s' (see: aimap round list)",
			  code);
		return false;
	}
	if (st == STORE_OK && other_code != NULL) {
		out->has_other = true;
		st = store_round_find(store, other_code, &out->other);
		if (st == STORE_ERR_NOT_FOUND) {
			cli_error("no round with code '%s' %s (see: aimap "
				  "round list)",
				  other_code, other_role);
			return false;
		}
	}
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		return false;
	}
	return !out->has_other || check_compare(out);
}

struct store *cli_open_rounds(struct cli *cli, const char *code,
			      const char *other_code, const char *other_role,
			      struct cli_rounds *out)
{
	memset(out, 0, sizeof(*out));
	cli->to_read = true; /* reports and exports only read */
	struct store *store = cli_open_store(cli);
	if (store != NULL &&
	    !find_rounds(store, code, other_code, other_role, out)) {
		cli_rounds_free(out);
		store_close(store);
		return NULL;
	}
	return store;
}

bool cli_load_rounds_questionnaires(struct store *store, struct cli_rounds *r)
{
	r->q = cli_load_round_questionnaire(store, &r->round);
	if (r->q != NULL && r->has_other)
		r->other_q = cli_load_round_questionnaire(store, &r->other);
	return r->q != NULL && (!r->has_other || r->other_q != NULL);
}

void cli_rounds_free(struct cli_rounds *r)
{
	questionnaire_free(r->q);
	questionnaire_free(r->other_q);
	store_round_free(&r->round);
	store_round_free(&r->other);
}

/* The leaders' round of --leaders and its questionnaire, which must ask
 * leaders for an estimate of their team. */
bool cli_load_leaders_round(struct store *store, const char *code,
			    struct store_round *round, struct questionnaire **q)
{
	enum store_status st = store_round_find(store, code, round);
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no round with code '%s' for --leaders (see: aimap "
			  "round list)",
			  code);
		return false;
	}
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		return false;
	}
	*q = cli_load_round_questionnaire(store, round);
	if (*q == NULL)
		return false;
	if (questionnaire_asks_estimate(*q))
		return true;
	cli_error("round %s (questionnaire %s) asks no estimate question: "
		  "it cannot give the leaders' side of the perception gap",
		  round->code, (*q)->id);
	return false;
}
