/* SPDX-License-Identifier: MIT */
/* aimap submit -r CODE FILE, submit -i CODE FILE: record one
 * respondent's complete answers without a terminal. Everything is checked
 * before anything is stored. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "diag.h"
#include "scoring.h"
#include "secret.h"
#include "submission.h"

struct submit_options {
	const char *code;
	const char *invite;
};

static const struct cli_option options[] = {
    {"round", 'r', "CODE",
     "the round to record the answers in (required without -i)",
     CLI_TEXT(struct submit_options, code)},
    {"invitation", 'i', "CODE",
     "answer with an invitation code: its round, once; FILE's department, "
     "role and track must be the invitation's",
     CLI_TEXT(struct submit_options, invite)},
    {0},
};

/* The invitation of -i, valid and unused; its round's code in *code.
 * False after saying why. */
static bool submit_invitation(struct store *store, const char *typed,
			      const char **code, struct store_invitation *inv)
{
	char hash[SECRET_HASH_SIZE], norm[SECRET_CODE_SIZE];
	const char *salt;
	memset(inv, 0, sizeof(*inv));
	if (!secret_normalise(SECRET_INVITE, typed, norm)) {
		cli_error("'%s' is not an invitation code: twelve letters and "
			  "digits, as XXXX-XXXX-XXXX",
			  typed);
		return false;
	}
	if (store_salt(store, &salt) != STORE_OK) {
		cli_error("%s", store_error(store));
		return false;
	}
	secret_hash(SECRET_INVITE, norm, salt, hash);
	enum store_status st = store_invite_find(store, hash, inv);
	if (st == STORE_ERR_NOT_FOUND)
		cli_error("no invitation has the code %s", norm);
	else if (st != STORE_OK)
		cli_error("%s", store_error(store));
	else if (inv->revoked)
		cli_error("invitation %s was revoked: nothing was stored",
			  norm);
	else if (*code != NULL && strcasecmp(*code, inv->round_code) != 0)
		cli_error("invitation %s is for round %s, not %s", norm,
			  inv->round_code, *code);
	else if (inv->response_id != 0)
		cli_error("invitation %s has answers already (one response per "
			  "invitation): nothing was stored",
			  norm);
	else {
		*code = inv->round_code;
		return true;
	}
	store_invitation_free(inv);
	return false;
}

/* FILE's profile must be the invitation's: answers given for another
 * track, or meant for another department, are refused, not moved. */
static bool submit_agrees(const char *path, const struct submission *sub,
			  const struct store_invitation *inv)
{
	const char *key = strcasecmp(sub->department, inv->department) != 0
			      ? "department"
			  : sub->role != inv->role   ? "role"
			  : sub->track != inv->track ? "track"
						     : NULL;
	if (key == NULL)
		return true;
	const char *given = key[0] == 'd'   ? sub->department
			    : key[0] == 'r' ? role_name(sub->role)
					    : track_name(sub->track);
	const char *invited = key[0] == 'd'   ? inv->department
			      : key[0] == 'r' ? role_name(inv->role)
					      : track_name(inv->track);
	cli_error("%s: %s is '%s', but the invitation is for '%s': nothing "
		  "was stored",
		  path, key, given, invited);
	return false;
}

static bool read_submission(const char *path, const struct questionnaire *q,
			    const struct store_round *round,
			    struct submission *sub)
{
	size_t len;
	bool from_stdin = strcmp(path, "-") == 0;
	char *text = util_read_file(from_stdin ? "/dev/stdin" : path, &len);
	if (from_stdin)
		path = "<stdin>";
	if (text == NULL) {
		cli_error("%s: cannot read: %s", path, util_read_error(errno));
		return false;
	}
	struct diag d;
	diag_init(&d, path);
	bool ok = submission_parse(path, text, len, q, round->departments,
				   round->ndepartments, sub, &d);
	fflush(stdout);
	diag_print(&d, stderr);
	if (!ok)
		cli_error("%s: nothing was stored", path);
	diag_free(&d);
	free(text);
	return ok;
}

static void print_outcome(const struct questionnaire *q,
			  const struct store_round *round,
			  const struct scoring_result *r, const char *uuid)
{
	printf("Recorded response %s in round %s.\n", uuid, round->code);
	if (!r->classified)
		printf("Segment: %s\n", segment_label(SEGMENT_NONE));
	else if (r->subtype == SUBTYPE_NONE)
		printf("Segment: %s\n", segment_label(r->segment));
	else
		printf("Segment: %s (%s)\n", segment_label(r->segment),
		       subtype_label(r->subtype));
	char why[2048];
	scoring_explain(q, r, why, sizeof(why));
	fputs(why, stdout);
	for (int d = 0; d < q->ndimensions; d++)
		if (scoring_needs_advice(q, r, d))
			printf("Next, for %s: %s\n", q->dimensions[d].label,
			       q->dimensions[d].advice);
}

static int submit_run(struct cli *cli, int argc, char **argv)
{
	struct submit_options o = {0};
	int n = cli_parse_options(&cmd_submit, argc, argv, &o);
	if (n < 0)
		return EXIT_USAGE;
	const char *code = o.code;
	if (code == NULL && o.invite == NULL)
		return cli_usage(&cmd_submit,
				 "which round? give -r CODE (or -i CODE)");
	if (n != 1)
		return cli_usage(&cmd_submit, "give exactly one answers FILE");
	const char *path = argv[1];

	struct store *store = cli_open_store(cli);
	if (store == NULL)
		return EXIT_RUNTIME;
	int status = EXIT_RUNTIME;
	struct store_round round = {0};
	struct questionnaire *q = NULL;
	struct submission sub = {0};
	struct store_invitation inv = {0};
	if (o.invite != NULL &&
	    !submit_invitation(store, o.invite, &code, &inv))
		goto out;
	enum store_status st = store_round_find(store, code, &round);
	if (st == STORE_ERR_NOT_FOUND) {
		cli_error("no round with code '%s' (see: aimap round list)",
			  code);
		goto out;
	} else if (st != STORE_OK) {
		cli_error("%s", store_error(store));
		goto out;
	}
	if (!round.open) {
		cli_error("round %s is closed: it takes no more answers "
			  "(reopen it with: aimap round open %s)",
			  round.code, round.code);
		goto out;
	}
	if (round.invitations_only && o.invite == NULL) {
		cli_error("round %s takes answers only with an invitation code "
			  "(give -i CODE): nothing was stored",
			  round.code);
		goto out;
	}
	if ((q = cli_load_round_questionnaire(store, &round)) == NULL)
		goto out;
	if (!read_submission(path, q, &round, &sub))
		goto out;
	if (o.invite != NULL && !submit_agrees(path, &sub, &inv))
		goto out;

	struct scoring_result result;
	scoring_classify(q, &(struct scoring_input){sub.choices}, &result);
	char uuid[37];
	st =
	    store_response_submit_invited(store, &round, q, &sub, &result,
					  o.invite != NULL ? &inv : NULL, uuid);
	if (st == STORE_ERR_CLOSED)
		cli_error("round %s was closed meanwhile: nothing was stored",
			  round.code);
	else if (st != STORE_OK)
		cli_error("%s", store_error(store));
	else {
		print_outcome(q, &round, &result, uuid);
		status = EXIT_OK;
	}
out:
	store_invitation_free(&inv);
	submission_free(&sub);
	questionnaire_free(q);
	store_round_free(&round);
	store_close(store);
	return status;
}

const struct cli_command cmd_submit = {
    "submit",
    "(-r CODE | -i CODE) FILE",
    "Record one respondent's answers from an INI file, without a "
    "terminal.",
    submit_run,
    options,
};
