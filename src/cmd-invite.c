/* SPDX-License-Identifier: MIT */
/* aimap invite -r CODE: invitation codes for a round, made (--count N or
 * --from FILE), revoked (--revoke CODE) or listed for a reminder
 * (--pending). A code is printed once, when it is made, and stored only
 * as a hash. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "csv.h"
#include "csvread.h"
#include "diag.h"
#include "export.h"
#include "secret.h"

#define INVITE_MAX 10000 /* invitations made at once */

struct invite_options {
	const char *code;
	const char *department;
	const char *role;
	const char *track;
	long count;
	const char *from;
	const char *output;
	const char *revoke;
	bool pending;
};

static const struct cli_option options[] = {
    {"round", 'r', "CODE", "the round the invitations are for (required)",
     CLI_TEXT(struct invite_options, code)},
    {"count", 'n', "N", "make N invitations",
     CLI_INT(struct invite_options, count, 1, INVITE_MAX)},
    {"department", 'd', "DEPT",
     "the department of the invited (with --from: for rows without one)",
     CLI_TEXT(struct invite_options, department)},
    {"role", 0, "ROLE",
     "executive, manager, senior-tech or individual (default individual)",
     CLI_TEXT(struct invite_options, role)},
    {"track", 0, "TRACK", "technical or citizen (default technical)",
     CLI_TEXT(struct invite_options, track)},
    {"from", 0, "FILE",
     "make one invitation per row of a CSV file with a header: name or "
     "alias, department, role, track, email",
     CLI_TEXT(struct invite_options, from)},
    {"output", 'o', "FILE",
     "write the codes (or the pending list) as CSV to FILE, whole or not "
     "at all (default: standard output)",
     CLI_TEXT(struct invite_options, output)},
    {"revoke", 0, "INVITATION",
     "revoke the invitation with this code; a finished response stays",
     CLI_TEXT(struct invite_options, revoke)},
    {"pending", 0, NULL,
     "list the invitations not finished yet, for a reminder (never an "
     "answer)",
     CLI_FLAG(struct invite_options, pending)},
    {0},
};

/* One person to invite, from the options or a row of --from. */
struct invitee {
	char *person;
	char *email;
	char *department;
	enum role role;
	enum track track;
	char code[SECRET_CODE_SIZE];
	char hash[SECRET_HASH_SIZE];
};

struct invite_list {
	struct invitee *items;
	int count;
	/* the person's column as --from headed it (name or alias), for
	 * messages about that file; NULL without --from. The files written
	 * head it "person" whichever it was, as --pending must: the store
	 * does not keep which. */
	const char *person_header;
	bool has_email;
};

static void invite_list_free(struct invite_list *l)
{
	for (int i = 0; i < l->count; i++) {
		free(l->items[i].person);
		free(l->items[i].email);
		free(l->items[i].department);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The department as the round lists it (case as listed), or as given
 * when the round has no list; NULL when the list lacks it. */
static const char *invite_department(const struct store_round *round,
				     const char *given)
{
	if (round->ndepartments == 0)
		return given[0] != '\0' ? given : NULL;
	for (int i = 0; i < round->ndepartments; i++)
		if (strcasecmp(round->departments[i], given) == 0)
			return round->departments[i];
	return NULL;
}

/* Check one invitee's department, role and track (as text), filling
 * inv; problems go to d at line. */
static void invite_check(const struct store_round *round, struct diag *d,
			 int line, const char *department, const char *role,
			 const char *track, struct invitee *inv)
{
	const char *dept = invite_department(round, department);
	if (department[0] == '\0')
		diag_error(d, line, "no department");
	else if (dept == NULL)
		diag_error(d, line, "department '%s' is not one of round %s's",
			   department, round->code);
	inv->department = xstrdup(dept != NULL ? dept : "");
	inv->role = ROLE_INDIVIDUAL;
	inv->track = TRACK_TECHNICAL;
	if (role[0] != '\0' && !role_parse(role, &inv->role))
		diag_error(d, line, "role '%s' is not one of %s", role,
			   role_names_list());
	if (track[0] != '\0' && !track_parse(track, &inv->track))
		diag_error(d, line, "track '%s' is not one of %s", track,
			   track_names_list());
}

static const char *or_empty(const char *s)
{
	return s != NULL ? s : "";
}

enum invite_column { COL_PERSON, COL_EMAIL, COL_DEPT, COL_ROLE, COL_TRACK };

/* The header of --from: which column holds what. */
static bool invite_header(struct csvread *r, struct diag *d, int col[5],
			  struct invite_list *l)
{
	static const char *const names[] = {NULL, "email", "department", "role",
					    "track"};
	for (int c = 0; c < 5; c++)
		col[c] = -1;
	for (int i = 0; i < csvread_count(r); i++) {
		const char *h = csvread_field(r, i);
		int c = -1;
		if (strcasecmp(h, "name") == 0 || strcasecmp(h, "alias") == 0) {
			c = COL_PERSON;
			l->person_header =
			    strcasecmp(h, "name") == 0 ? "name" : "alias";
		}
		for (int k = 1; k < 5; k++)
			if (strcasecmp(h, names[k]) == 0)
				c = k;
		if (c < 0) {
			diag_error(d, (int)csvread_line(r),
				   "unknown column '%s' (the columns are name "
				   "or alias, email, department, role, track)",
				   h);
			continue;
		}
		if (col[c] >= 0)
			diag_error(d, (int)csvread_line(r), "column '%s' twice",
				   h);
		col[c] = i;
	}
	if (col[COL_PERSON] < 0)
		diag_error(d, 1, "no column 'name' or 'alias'");
	l->has_email = col[COL_EMAIL] >= 0;
	return !diag_has_errors(d);
}

static const char *invite_cell(struct csvread *r, const int col[5], int c,
			       const char *fallback)
{
	const char *v = col[c] >= 0 ? csvread_field(r, col[c]) : "";
	return v[0] == '\0' && fallback != NULL ? fallback : v;
}

/* Read --from whole; every bad row is reported, and any makes it false. */
static bool invite_read_file(const struct invite_options *o,
			     const struct store_round *round,
			     struct invite_list *l)
{
	FILE *in = fopen(o->from, "rb");
	if (in == NULL) {
		cli_error("%s: cannot read: %s", o->from,
			  util_read_error(errno));
		return false;
	}
	struct diag d;
	diag_init(&d, o->from);
	struct csvread *r = csvread_new(in, 0);
	int col[5];
	enum csvread_result res = csvread_next(r);
	bool header = res == CSVREAD_RECORD && invite_header(r, &d, col, l);
	if (res == CSVREAD_END)
		diag_error(&d, 0,
			   "the file is empty: give a header line "
			   "and a row per person");
	while (header && (res = csvread_next(r)) == CSVREAD_RECORD) {
		if (l->count == INVITE_MAX) {
			diag_error(&d, (int)csvread_line(r),
				   "more than %d people", INVITE_MAX);
			break;
		}
		int line = (int)csvread_line(r);
		l->items = xreallocarray(l->items, (size_t)l->count + 1,
					 sizeof(*l->items));
		struct invitee *inv = &l->items[l->count++];
		memset(inv, 0, sizeof(*inv));
		char **f = csvread_fields(r);
		for (int i = 0; i < csvread_count(r); i++)
			csv_unguard(f[i]);
		const char *person = invite_cell(r, col, COL_PERSON, NULL);
		if (person[0] == '\0')
			diag_error(&d, line, "no %s", l->person_header);
		inv->person = xstrdup(person);
		const char *email = invite_cell(r, col, COL_EMAIL, NULL);
		inv->email = email[0] != '\0' ? xstrdup(email) : NULL;
		invite_check(round, &d, line,
			     invite_cell(r, col, COL_DEPT, o->department),
			     invite_cell(r, col, COL_ROLE, o->role),
			     invite_cell(r, col, COL_TRACK, o->track), inv);
	}
	if (res == CSVREAD_ERROR)
		diag_error(&d, (int)csvread_error_line(r), "%s",
			   csvread_error(r));
	if (header && res != CSVREAD_ERROR && l->count == 0 &&
	    !diag_has_errors(&d))
		diag_error(&d, 0, "no people listed under the header");
	csvread_free(r);
	fclose(in);
	bool ok = !diag_has_errors(&d);
	fflush(stdout);
	diag_print(&d, stderr);
	if (!ok)
		cli_error("%s: nothing was stored", o->from);
	diag_free(&d);
	return ok;
}

static bool invite_from_options(const struct invite_options *o,
				const struct store_round *round,
				struct invite_list *l)
{
	struct diag d;
	diag_init(&d, "aimap invite");
	l->items = xcalloc((size_t)o->count, sizeof(*l->items));
	l->count = (int)o->count;
	invite_check(round, &d, 0, or_empty(o->department), or_empty(o->role),
		     or_empty(o->track), &l->items[0]);
	for (int i = 1; i < l->count; i++) {
		l->items[i] = l->items[0];
		l->items[i].department = xstrdup(l->items[0].department);
	}
	bool ok = !diag_has_errors(&d);
	for (int i = 0; i < d.count; i++)
		cli_error("%s", d.entries[i].message);
	diag_free(&d);
	return ok;
}

/* A code for each, and its hash with the database's salt. */
static bool invite_make_codes(struct store *store, struct invite_list *l)
{
	const char *salt;
	if (store_salt(store, &salt) != STORE_OK) {
		cli_error("%s", store_error(store));
		return false;
	}
	for (int i = 0; i < l->count; i++)
		if (!secret_make(SECRET_INVITE, l->items[i].code) ||
		    !secret_hash(SECRET_INVITE, l->items[i].code, salt,
				 l->items[i].hash)) {
			cli_error("cannot make invitation codes: the system "
				  "gives no randomness");
			return false;
		}
	return true;
}

static void invite_header_row(struct csv_writer *w, const struct invite_list *l,
			      bool code)
{
	csv_text(w, "invitation");
	if (code)
		csv_text(w, "code");
	if (l->person_header != NULL)
		csv_text(w, "person");
	if (l->has_email)
		csv_text(w, "email");
	csv_text(w, "department");
	csv_text(w, "role");
	csv_text(w, "track");
}

static void invite_write(struct csv_writer *w, const struct invite_list *l,
			 int first)
{
	invite_header_row(w, l, true);
	csv_text(w, "command");
	csv_end_row(w);
	for (int i = 0; i < l->count; i++) {
		const struct invitee *inv = &l->items[i];
		char command[64];
		csv_int(w, first + i);
		csv_text(w, inv->code);
		if (l->person_header != NULL)
			csv_text(w, inv->person);
		if (l->has_email)
			csv_text(w, or_empty(inv->email));
		csv_text(w, inv->department);
		csv_text(w, role_name(inv->role));
		csv_text(w, track_name(inv->track));
		snprintf(command, sizeof(command), "aimap take -i %s",
			 inv->code);
		csv_text(w, command);
		csv_end_row(w);
	}
}

/* Open -o FILE (or standard output); false after saying why. */
static bool invite_open(const char *output, struct export_file *f)
{
	char *error = NULL;
	if (!export_file_open(f, output, &error)) {
		cli_error("%s", error);
		free(error);
		return false;
	}
	return true;
}

static bool invite_commit(struct export_file *f, struct csv_writer *w)
{
	char *error = NULL;
	if (!csv_ok(w)) {
		export_file_abort(f);
		cli_error("%s: cannot write", f->target ? f->target : "stdout");
		return false;
	}
	if (!export_file_commit(f, &error)) {
		cli_error("%s", error);
		free(error);
		return false;
	}
	return true;
}

/* The codes are written before they are stored: a code stored but never
 * written would invite nobody, and a file written but not stored is
 * removed again. */
static int invite_make(struct store *store, const struct invite_options *o,
		       const struct store_round *round)
{
	struct invite_list l = {0};
	int status = EXIT_RUNTIME;
	bool read = o->from != NULL ? invite_read_file(o, round, &l)
				    : invite_from_options(o, round, &l);
	if (!read || !invite_make_codes(store, &l))
		goto out;
	struct store_invite_new *list = xcalloc((size_t)l.count, sizeof(*list));
	for (int i = 0; i < l.count; i++)
		list[i] = (struct store_invite_new){
		    l.items[i].hash,  l.items[i].department, l.items[i].role,
		    l.items[i].track, l.items[i].person,     l.items[i].email};
	int first = 0;
	struct export_file f;
	struct csv_writer w;
	if (store_invite_add(store, round->id, list, l.count, &first) !=
	    STORE_OK) {
		cli_error("%s", store_error(store));
	} else if (invite_open(o->output, &f)) {
		csv_init(&w, f.out, ',');
		invite_write(&w, &l, first);
		if (invite_commit(&f, &w)) {
			status = EXIT_OK;
			if (o->output != NULL && strcmp(o->output, "-") != 0)
				printf("Made %d invitation%s to round %s "
				       "(numbers %d to %d): %s\n",
				       l.count, l.count == 1 ? "" : "s",
				       round->code, first, first + l.count - 1,
				       o->output);
		}
	}
	free(list);
out:
	invite_list_free(&l);
	return status;
}

static int invite_revoke(struct store *store, const struct invite_options *o,
			 const struct store_round *round)
{
	const char *salt;
	char hash[SECRET_HASH_SIZE], code[SECRET_CODE_SIZE];
	if (!secret_normalise(SECRET_INVITE, o->revoke, code)) {
		cli_error("'%s' is not an invitation code: twelve letters and "
			  "digits, as XXXX-XXXX-XXXX",
			  o->revoke);
		return EXIT_RUNTIME;
	}
	if (store_salt(store, &salt) != STORE_OK) {
		cli_error("%s", store_error(store));
		return EXIT_RUNTIME;
	}
	secret_hash(SECRET_INVITE, o->revoke, salt, hash);
	struct store_invitation inv;
	enum store_status st =
	    store_invite_revoke(store, round->id, hash, &inv);
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("round %s has no invitation with code %s",
			  round->code, o->revoke);
		return EXIT_RUNTIME;
	}
	if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		return EXIT_RUNTIME;
	}
	printf("Revoked invitation %d of round %s%s.\n", inv.number,
	       round->code,
	       inv.revoked    ? " (it was revoked already)"
	       : inv.finished ? "; its finished response is kept"
	       : inv.response_id != 0
		   ? "; its unfinished answers are kept but cannot be "
		     "continued"
		   : "");
	store_invitation_free(&inv);
	return EXIT_OK;
}

struct pending_ctx {
	struct csv_writer *w;
	int rows;
};

static bool pending_row(void *ctx, const struct store_invite_pending *row)
{
	struct pending_ctx *c = ctx;
	csv_int(c->w, row->number);
	csv_text(c->w, or_empty(row->person));
	csv_text(c->w, or_empty(row->email));
	csv_text(c->w, row->department);
	csv_text(c->w, role_name(row->role));
	csv_text(c->w, track_name(row->track));
	csv_text(c->w, row->started ? "started" : "not started");
	csv_end_row(c->w);
	c->rows++;
	return csv_ok(c->w);
}

static int invite_pending(struct store *store, const struct invite_options *o,
			  const struct store_round *round)
{
	struct export_file f;
	if (!invite_open(o->output, &f))
		return EXIT_RUNTIME;
	struct csv_writer w;
	csv_init(&w, f.out, ',');
	static const char *const header[] = {"invitation", "person", "email",
					     "department", "role",   "track",
					     "state"};
	for (size_t i = 0; i < ARRAY_LEN(header); i++)
		csv_text(&w, header[i]);
	csv_end_row(&w);
	struct pending_ctx c = {&w, 0};
	if (store_invite_pending(store, round->id, pending_row, &c) !=
	    STORE_OK) {
		export_file_abort(&f);
		cli_error("%s", store_error(store));
		return EXIT_RUNTIME;
	}
	if (!invite_commit(&f, &w))
		return EXIT_RUNTIME;
	if (o->output != NULL && strcmp(o->output, "-") != 0)
		printf("%d invitation%s of round %s not finished: %s\n", c.rows,
		       c.rows == 1 ? "" : "s", round->code, o->output);
	return EXIT_OK;
}

/* Which of the four things was asked; a usage error when none or more. */
static int invite_check_options(const struct invite_options *o, int n,
				char **argv)
{
	if (n > 0)
		return cli_usage(&cmd_invite, "unexpected '%s'", argv[1]);
	if (o->code == NULL)
		return cli_usage(&cmd_invite, "which round? give -r CODE");
	int asked = (o->count > 0) + (o->from != NULL) + (o->revoke != NULL) +
		    o->pending;
	if (asked != 1)
		return cli_usage(&cmd_invite,
				 "give one of --count N, --from FILE, --revoke "
				 "CODE or --pending");
	bool profile =
	    o->department != NULL || o->role != NULL || o->track != NULL;
	if (profile && (o->revoke != NULL || o->pending))
		return cli_usage(&cmd_invite, "-d, --role and --track are for "
					      "--count and --from");
	if (o->output != NULL && o->revoke != NULL)
		return cli_usage(&cmd_invite, "--revoke writes no file");
	return EXIT_OK;
}

static int invite_run(struct cli *cli, int argc, char **argv)
{
	struct invite_options o = {0};
	int n = cli_parse_options(&cmd_invite, argc, argv, &o);
	if (n < 0)
		return EXIT_USAGE;
	int status = invite_check_options(&o, n, argv);
	if (status != EXIT_OK)
		return status;
	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	struct store_round round;
	enum store_status st = store_round_find(store, o.code, &round);
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no round with code '%s' (see: aimap round list)",
			  o.code);
		store_close(store);
		return EXIT_RUNTIME;
	} else if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		store_close(store);
		return EXIT_RUNTIME;
	}
	if (o.revoke != NULL)
		status = invite_revoke(store, &o, &round);
	else if (o.pending)
		status = invite_pending(store, &o, &round);
	else
		status = invite_make(store, &o, &round);
	store_round_free(&round);
	store_close(store);
	return status;
}

const struct cli_command cmd_invite = {
    "invite",
    "-r CODE --count N [-d DEPT] [--role ROLE] [--track TRACK]\n"
    "       [-o FILE]\n"
    "       aimap invite -r CODE --from FILE [-o FILE]\n"
    "       aimap invite -r CODE --revoke INVITATION\n"
    "       aimap invite -r CODE --pending [-o FILE]",
    "Make invitation codes for a round, revoke one, or list those not "
    "finished.",
    invite_run,
    options,
};
