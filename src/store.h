/* SPDX-License-Identifier: MIT */
/* The SQLite store: schema, migrations and every SQL statement. This is the
 * only module that includes sqlite3.
 *
 * Every connection runs in WAL mode with synchronous=FULL, foreign keys on
 * and a busy timeout, and every write starts with BEGIN IMMEDIATE, so a
 * second writer waits instead of failing. A file is refused, and left byte
 * for byte untouched, when it is not aimap's (application_id), is newer
 * than this aimap (user_version), is empty, truncated or corrupt. A new
 * database is built in a temporary file and linked into place, so another
 * process never sees a half-made one. */
#ifndef AIMAP_STORE_H
#define AIMAP_STORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "questionnaire.h"
#include "scoring.h"
#include "submission.h"

#define STORE_APPLICATION_ID 0x41494d50 /* "AIMP" */
#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_DEFAULT_MIN_GROUP 5
#define STORE_MAX_CODE 16

enum store_status {
	STORE_OK = 0,
	STORE_ERR_IO,	     /* SQLite or the file system failed */
	STORE_ERR_REFUSED,   /* not aimap's, newer, empty or corrupt */
	STORE_ERR_NOT_FOUND, /* no such round */
	STORE_ERR_EXISTS,    /* a round with that code exists */
	STORE_ERR_CLOSED,    /* the round is closed */
};

struct store;

struct store_round {
	long long id;
	char uuid[37];
	char code[STORE_MAX_CODE + 1];
	char *name;
	long long questionnaire_id; /* row id of the stored questionnaire */
	char *questionnaire;	    /* its id, e.g. "ai-maturity" */
	int questionnaire_version;
	bool open;
	int min_group;
	/* show the perception gap of a team under min_group (its leaders
	 * can then read their small team's split); off by default */
	bool small_gaps;
	char created_at[21];
	char **departments; /* may be empty: respondents type their own */
	int ndepartments;
	bool invitations_only; /* answers only with an invitation code */
	bool has_invitations;  /* invitations were made for it */
	/* Counted only by store_round_list and store_round_count (they
	 * walk the round's responses); -1 otherwise. */
	int completed;	 /* responses with a finish time */
	int in_progress; /* responses started, not finished */
	int abandoned;	 /* unfinished, kept as abandoned */
};

/* Open (or create, with its folders, when path does not exist) the
 * database. On failure returns NULL and sets *status and *message (a
 * malloc'd sentence naming the file; the caller frees it). */
struct store *store_open(const char *path, enum store_status *status,
			 char **message);
/* As store_open, for a command that only reads: a database that cannot
 * be written (a read-only file, folder or file system) is opened
 * read-only instead of refused, as long as it needs no migration. */
struct store *store_open_to_read(const char *path, enum store_status *status,
				 char **message);
/* A second connection to the database of an open store, for another
 * thread to read with (use each connection from one thread at a time):
 * NULL with *message (malloc'd) when it cannot be opened. Never open the
 * same file with store_open twice in one process: its checks of the file
 * would drop the first connection's locks. */
struct store *store_open_again(const struct store *first, char **message);
void store_close(struct store *s);
/* The message of the last failed call on this connection. */
const char *store_error(const struct store *s);
/* True when the last failure was a full disk (nothing of that call was
 * written; earlier commits are safe). */
bool store_disk_full(const struct store *s);
const char *store_path(const struct store *s);
/* Make every statement on this connection give up (a failure saying it
 * was interrupted) once *flag is true, checked every few thousand steps
 * of SQLite's machine: how a reader in another thread is stopped. The
 * flag must outlive the connection. */
void store_interrupt_when(struct store *s, atomic_bool *flag);
/* The schema version this aimap writes. */
int store_schema_version(void);
/* A number that changes whenever another connection commits a change to
 * the database (SQLite's data_version): a cheap way for a live view to
 * know when to read again. */
enum store_status store_data_version(struct store *s, long long *version);
/* What a reader saw of the database: two equal marks mean that nothing
 * was written in between, by this connection or another (SQLite's data
 * version and this connection's count of changed rows). */
struct store_mark {
	long long version;
	long long changes;
};
enum store_status store_mark_take(struct store *s, struct store_mark *m);
/* How many times people already counted changed (a finished response
 * edited or deleted, a respondent renamed): while it stays the same, a
 * round's people change only by responses finishing. */
enum store_status store_people_edits(struct store *s, long long *n);

/* SQLite set up for aimap, once, before any store is opened or any thread
 * started (main does it): without its memory statistics, which aimap
 * never reads and which cost a lock around every allocation (a twelfth
 * of take's start). The library's own callers (tests) may skip it. */
void store_library_setup(void);

/* Store a questionnaire's source text (once per distinct text) and give
 * its row id. */
enum store_status store_questionnaire_save(struct store *s,
					   const struct questionnaire *q,
					   long long *id);
/* The stored text of questionnaire row id and a name for messages
 * ("stored questionnaire ai-maturity v1"); both malloc'd. */
enum store_status store_questionnaire_source(struct store *s, long long id,
					     char **text, size_t *len,
					     char **name);
/* Questionnaire row id as a model, for the screens that start from a
 * stored round (take, the dashboard). From its stored form (qnform.h) when
 * there is a sound one for its text: parsing the text is most of take's
 * start; else parsed from the text, and the form then stored for the next
 * start, when the database takes the write at once (a failed or busy
 * write only means parsing again next time). d is initialized with the
 * questionnaire's name (the caller frees it); *out is NULL when the text
 * does not parse (its problems in d) or on a store error. */
enum store_status store_questionnaire_model(struct store *s, long long id,
					    struct diag *d,
					    struct questionnaire **out);

/* Many writes as one transaction, for bulk work such as the demo: between
 * these calls every write of this connection joins one transaction, which
 * store_batch_end commits when status is STORE_OK and rolls back
 * otherwise (returning the final status). */
enum store_status store_batch_begin(struct store *s);
/* The same for a batch that writes only about n new responses, with
 * store_response_submit*: when n is large enough for it to pay, the
 * running totals are counted once for the whole batch, before it
 * commits, instead of at every row (store-totals.c). Its new rows get
 * time-ordered UUIDs (util_uuid_v7: for synthetic data only), and the
 * connection keeps an import's page cache from then on. */
enum store_status store_batch_begin_responses(struct store *s, long long n);
enum store_status store_batch_end(struct store *s, enum store_status status);

/* Create a round. code may be NULL: a fresh six-character code is made.
 * The code is stored in upper case. */
enum store_status store_round_create(struct store *s, const char *name,
				     const char *code,
				     long long questionnaire_id,
				     char *const *departments, int ndepartments,
				     struct store_round *out);
/* Find a round by code, case-insensitively. */
enum store_status store_round_find(struct store *s, const char *code,
				   struct store_round *out);
/* Every round, newest first, with its counts. */
enum store_status store_round_list(struct store *s, struct store_round **out,
				   int *count);
/* The open rounds, newest first, without counts: what a respondent picks
 * from, at a cost that does not grow with the number of responses. */
enum store_status store_round_list_open(struct store *s,
					struct store_round **out, int *count);
/* Fill r's completed and in_progress counts. */
enum store_status store_round_count(struct store *s, struct store_round *r);
enum store_status store_round_set_open(struct store *s, const char *code,
				       bool open);
/* The round's minimum group size: reports show no numbers for a group
 * with fewer completed responses (1 or more). */
enum store_status store_round_set_min_group(struct store *s, const char *code,
					    int min_group);
/* Allow (or not) the round's reports to show the perception gap of a
 * team under the minimum group size (struct store_round small_gaps). */
enum store_status store_round_set_small_gaps(struct store *s, const char *code,
					     bool small_gaps);
/* Delete a round with everything answered in it (and the people who
 * answered nothing else); other rounds are untouched. *responses gets
 * the number of its responses, finished or not; a round holding any is
 * kept (STORE_ERR_EXISTS) unless force. (store-round-edit.c) */
enum store_status store_round_delete(struct store *s, const char *code,
				     bool force, int *responses);
enum store_status store_round_rename(struct store *s, const char *code,
				     const char *name);
/* Remove, then add, departments of a round's list, in one transaction.
 * Names match without regard to case: adding one the list has already
 * is STORE_ERR_EXISTS, removing one it lacks STORE_ERR_NOT_FOUND.
 * Responses keep the department they were given. */
enum store_status store_round_departments_change(struct store *s,
						 const char *code,
						 char *const *add, int nadd,
						 char *const *remove,
						 int nremove);
/* Date a round in the past and close it: opened and closed are ISO 8601
 * times (the demo's rounds, weeks apart, whose responses are written
 * with their times). */
enum store_status store_round_backdate(struct store *s, const char *code,
				       const char *opened, const char *closed);
/* Whether the round's dashboards hold its results back (the workshop
 * reveal), stored with the round so every dashboard agrees. */
enum store_status store_round_held(struct store *s, long long round_id,
				   bool *held);
enum store_status store_round_set_held(struct store *s, long long round_id,
				       bool held);
void store_round_free(struct store_round *r);
void store_round_list_free(struct store_round *rounds, int count);

/* Record one respondent's complete answers and their classification in
 * one transaction: a new respondent, a finished response, its answers,
 * estimates and scores. Refuses a closed round. uuid_out gets the
 * response's UUID. */
enum store_status store_response_submit(struct store *s,
					const struct store_round *round,
					const struct questionnaire *q,
					const struct submission *sub,
					const struct scoring_result *r,
					char uuid_out[37]);
/* The same with an invitation (NULL: none): its department, role and
 * track replace the submission's, and it gets the response. Refused
 * (STORE_ERR_EXISTS) when the invitation has a response already or is
 * revoked; an invitations-only round refuses (STORE_ERR_REFUSED) any
 * response without one. */
struct store_invitation;
enum store_status store_response_submit_invited(
    struct store *s, const struct store_round *round,
    const struct questionnaire *q, const struct submission *sub,
    const struct scoring_result *r, const struct store_invitation *inv,
    char uuid_out[37]);
/* When a response was written, for a response submitted as if in the
 * past (aimap demo): the start (also the respondent's creation, for a
 * new one), the finish (also the comments'), and each answer
 * (answered_at[i] for question i; "" takes the finish). */
struct store_times {
	const char *started_at;
	const char *finished_at;
	const char (*answered_at)[21];
};
/* The same for a respondent given by their row: *respondent_id 0 makes a
 * new respondent (its id is put there), another id answers again as
 * that respondent (the demo's people in its later rounds), which links
 * the person's rounds without a name (report-people.h). inv as
 * for store_response_submit_invited; times NULL: now. */
enum store_status store_response_submit_as(
    struct store *s, const struct store_round *round,
    const struct questionnaire *q, const struct submission *sub,
    const struct scoring_result *r, const struct store_invitation *inv,
    const struct store_times *times, long long *respondent_id,
    char uuid_out[37]);

/* ---- invitations (store-invite.c) --------------------------------------
 * An invitation gives one person one response in one round, with the
 * department, role and track it was made for. Its code is kept only as a
 * hash (secret.h) with the database's salt (store_salt); the person's
 * name or alias and email, as the facilitator listed them, are kept for
 * reminders until the response is finished, then cleared. */

struct store_invitation {
	long long id;
	long long round_id;
	char round_code[STORE_MAX_CODE + 1];
	int number; /* 1, 2, ... within the round */
	char *department;
	enum role role;
	enum track track;
	long long response_id; /* 0: not started */
	bool finished;	       /* its response is finished */
	bool revoked;
};

/* One invitation to make. */
struct store_invite_new {
	const char *hash; /* secret_hash(SECRET_INVITE, ...) */
	const char *department;
	enum role role;
	enum track track;
	const char *person; /* NULL: none kept */
	const char *email;  /* NULL: none kept */
};

/* The database's salt for secret_hash (32 hex digits), read once per
 * connection; valid until store_close. */
enum store_status store_salt(struct store *s, const char **salt);
/* Make n invitations to a round in one transaction: all or none.
 * *first_number gets the number of the first (the others follow). */
enum store_status store_invite_add(struct store *s, long long round_id,
				   const struct store_invite_new *list, int n,
				   int *first_number);
/* The invitation whose code has this hash, in any round; revoked ones
 * too. STORE_ERR_NOT_FOUND (with a message) when there is none. */
enum store_status store_invite_find(struct store *s, const char *hash,
				    struct store_invitation *out);
/* Revoke the invitation with this hash: its code starts and continues
 * nothing any more; a finished response stays. STORE_ERR_NOT_FOUND when
 * there is none in that round; *out gets it as it was. */
enum store_status store_invite_revoke(struct store *s, long long round_id,
				      const char *hash,
				      struct store_invitation *out);
void store_invitation_free(struct store_invitation *inv);

/* An invitation not finished and not revoked, for a reminder: never an
 * answer. Pointers valid during the call only. */
struct store_invite_pending {
	int number;
	const char *person; /* NULL when none was kept */
	const char *email;
	const char *department;
	enum role role;
	enum track track;
	bool started;
};
typedef bool store_invite_pending_fn(void *ctx,
				     const struct store_invite_pending *row);
/* By number. fn returns false to stop. */
enum store_status store_invite_pending(struct store *s, long long round_id,
				       store_invite_pending_fn *fn, void *ctx);

/* Invited, started and completed per department: invited counts the
 * invitations not revoked, and revoked ones whose response is finished
 * (their answers count); started those with a response, finished or
 * not; completed those with a finished response. Ordered by
 * department; an empty list for a round without invitations. */
struct store_participation {
	char *department;
	int invited, started, completed;
};
enum store_status store_invite_participation(struct store *s,
					     long long round_id,
					     struct store_participation **out,
					     int *count);
void store_participation_free(struct store_participation *rows, int count);
/* Whether the round takes answers only with an invitation. */
enum store_status store_round_set_invitations_only(struct store *s,
						   long long round_id,
						   bool only);

/* ---- answering one question at a time (the terminal flow) ------------- */

/* What a respondent says about themselves before the questions. */
struct store_profile {
	const char *name; /* NULL or "" for anonymous */
	const char *department;
	enum role role;
	enum track track;
	bool champion_contact;
};

/* A response as stored, with its respondent's profile. */
struct store_response {
	long long id;
	char uuid[37];
	bool finished;
	char started_at[21];
	char finished_at[21]; /* "" while unfinished */
	char *name;	      /* NULL when anonymous */
	char *department;
	enum role role;
	enum track track;
	bool champion_contact;
};

/* Start a response in an open round: a new respondent and an unfinished
 * response, committed at once. STORE_ERR_CLOSED for a closed round. */
enum store_status store_response_start(struct store *s,
				       const struct store_round *round,
				       const struct store_profile *p,
				       struct store_response *out);
/* The same with an invitation (store_invite_find; 0: none), whose
 * department, role and track p must carry. Refused as
 * store_response_submit_invited refuses. */
enum store_status store_response_start_invited(struct store *s,
					       const struct store_round *round,
					       const struct store_profile *p,
					       long long invitation_id,
					       struct store_response *out);
/* Keep an unfinished response as abandoned (a kiosk session left
 * unfinished, or closed by round prune): its answers stay, it no longer
 * counts as in progress. */
enum store_status store_response_abandon(struct store *s,
					 long long response_id);
/* Keep every unfinished response of a round with no answer for at least
 * minutes as abandoned; *count gets how many. */
enum store_status store_round_prune(struct store *s, long long round_id,
				    int minutes, int *count);
/* Keep the hash of a response's resume key (secret.h). */
enum store_status store_response_set_resume(struct store *s,
					    long long response_id,
					    const char *hash);
/* The response in this round whose resume key has this hash, or the
 * legacy one (secret_hash_legacy: keys stored before the salt; NULL:
 * none). STORE_ERR_NOT_FOUND (with a message) when there is none. */
enum store_status store_response_find_resume(struct store *s,
					     const struct store_round *round,
					     const char *hash,
					     const char *legacy,
					     struct store_response *out);
/* The response with this row id (an invitation's). */
enum store_status store_response_get(struct store *s, long long id,
				     struct store_response *out);
/* Change the profile of an unfinished response (the respondent went back
 * to it). */
enum store_status store_response_update_profile(struct store *s,
						long long response_id,
						const struct store_profile *p);
/* Save one answer the moment it is given, replacing an earlier answer to
 * the same question; committed before returning. STORE_ERR_CLOSED when
 * the round was closed or the response is finished. */
enum store_status store_answer_save(struct store *s, long long response_id,
				    const char *question, int choice);
enum store_status store_estimate_save(struct store *s, long long response_id,
				      const char *question, const int pct[3]);
/* The stored answers of a response, by question index of q (choices[i] = 0
 * and estimates[i] all 0 where there is none; ids q does not know are
 * ignored). */
enum store_status store_response_answers(struct store *s, long long response_id,
					 const struct questionnaire *q,
					 int *choices, int (*estimates)[3]);
/* Finish a response in one transaction: its classification and scores,
 * the finish time, and the removal of stored answers the final answers
 * no longer hold (questions for the other track after a change of track).
 * STORE_ERR_CLOSED when the round was closed meanwhile. */
enum store_status store_response_finish(struct store *s, long long response_id,
					const struct questionnaire *q,
					const int *choices,
					const int (*estimates)[3],
					const struct scoring_result *r);
void store_response_free(struct store_response *r);

/* ---- comments (type = comment questions) ------------------------------ */

/* Save a comment the moment it is given, replacing an earlier one to the
 * same question; empty text removes it. The same refusals as
 * store_answer_save. */
enum store_status store_comment_save(struct store *s, long long response_id,
				     const char *question, const char *text);
/* The comments of a response by question index of q: texts[i] allocated,
 * or NULL where there is none. */
enum store_status store_response_comments(struct store *s,
					  long long response_id,
					  const struct questionnaire *q,
					  char **texts);
/* One comment of a finished response, as a group report shows it: the
 * group (NULL for the whole round, else a department), the question and
 * the text; never who wrote it, nor when. */
struct store_comment {
	const char *department;
	const char *question;
	const char *text;
};
typedef bool store_comment_fn(void *ctx, const struct store_comment *c);
/* The comments of a round's finished responses, by group, only for
 * groups of at least min_group finished responses: without by_department
 * the whole round (department NULL); with it each department that large,
 * and the other departments pooled (department NULL), the pool too only
 * when that large. Ordered by group, question and text, so the order
 * tells nothing of who wrote which. fn returns false to stop. */
enum store_status store_report_comments(struct store *s, long long round_id,
					int min_group, bool by_department,
					store_comment_fn *fn, void *ctx);

/* ---- recorded actions ---------------------------------------------------- */

/* An action a facilitator recorded for a department: prompted by a
 * round's results, picked by an action rule or written freely. */
struct store_action {
	long long id;
	char round[STORE_MAX_CODE + 1]; /* the code of the round */
	char *department;
	char *rule;    /* the action rule's id; NULL when written freely */
	char *finding; /* the finding behind it; NULL when none */
	char *text;
	char *owner;	     /* NULL when nobody yet */
	char due[11];	     /* YYYY-MM-DD, "" when none */
	char created_at[21]; /* when it was recorded */
	char done_at[21];    /* "" while open */
};

/* Record an action for a round (a.round is ignored); *id is its number. */
enum store_status store_action_add(struct store *s, long long round_id,
				   const struct store_action *a,
				   const char *now, long long *id);
/* The actions of one round (round_id > 0) or of every round (0), by
 * number. */
enum store_status store_action_list(struct store *s, long long round_id,
				    struct store_action **out, int *count);
/* Mark action id done at now: STORE_ERR_NOT_FOUND when there is no such
 * action, STORE_ERR_EXISTS when it is done already (out then says
 * when). out may be NULL. */
enum store_status store_action_done(struct store *s, long long id,
				    const char *now, struct store_action *out);
void store_action_free(struct store_action *a);
void store_actions_free(struct store_action *rows, int count);

/* ---- reading results for reports ------------------------------------- */

/* What report.c needs from a round. Counts, score sums and squares,
 * answer counts, estimates and adoption depths come from running totals
 * that triggers keep in the schema (round_tally, round_score,
 * round_answer, round_estimate, round_adoption), so reading
 * them costs the number of groups, not of responses; only the champions
 * and the people followed between rounds are read person by person,
 * through indexes. The report adds the few rows up into departments,
 * roles, tracks, leaders and teams. Departments are as stored (trimmed, in the
 * case people typed); rows come in no particular order. Only finished responses
 * count, except in the tally's unfinished rows. */

/* Read a report's queries in one snapshot (a read transaction: writers
 * go on, and what they commit meanwhile waits for the next report), so
 * its counts and scores agree. store_read_end always ends it. */
enum store_status store_read_begin(struct store *s);
void store_read_end(struct store *s);

/* Responses counted per department, role, track, finish and
 * classification. */
struct store_tally {
	char *department;
	enum role role;
	enum track track;
	bool finished;
	enum segment segment; /* SEGMENT_NONE: unfinished or unclassified */
	enum subtype subtype;
	int count;
};
enum store_status store_report_tally(struct store *s, long long round_id,
				     struct store_tally **out, int *count);
/* The unfinished responses kept as abandoned (kiosk, round prune), in
 * the same rows: the tally counts them among the unfinished. */
enum store_status store_report_abandoned(struct store *s, long long round_id,
					 struct store_tally **out, int *count);
void store_tally_free(struct store_tally *rows, int count);

/* Dimension scores of finished responses, summed per department, role,
 * track and dimension id (as stored: the questionnaire's id). */
struct store_score_sum {
	char *department;
	enum role role;
	enum track track;
	char *dimension;
	double sum;
	double squares; /* the sum of each score squared */
	int count;	/* responses with a score in the dimension */
};
enum store_status store_report_scores(struct store *s, long long round_id,
				      struct store_score_sum **out, int *count);
void store_score_sums_free(struct store_score_sum *rows, int count);

/* Estimates given to one question in finished responses, summed per
 * department and role. */
struct store_estimate_sum {
	char *department;
	enum role role;
	int count;	  /* responses that gave the estimate */
	long long sum[3]; /* of champions, willing and cautious, in % */
};
enum store_status store_report_estimates(struct store *s, long long round_id,
					 const char *question,
					 struct store_estimate_sum **out,
					 int *count);
void store_estimate_sums_free(struct store_estimate_sum *rows, int count);

/* The subtype of each champion's finished response in a round (sharing
 * or alone), in respondent order, through the champions' index: the
 * rest of a champion is in the round's people (report-people.h). The
 * callback returns false to stop. */
enum store_status store_report_champion_subtypes(
    struct store *s, long long round_id,
    bool (*each)(void *ctx, long long respondent_id, long long response_id,
		 enum subtype subtype),
    void *ctx);

/* Answers of finished responses counted per question id and choice. */
struct store_answer_count {
	char *question;
	int choice;
	int count;
};
enum store_status store_report_answers(struct store *s, long long round_id,
				       struct store_answer_count **out,
				       int *count);
void store_answer_counts_free(struct store_answer_count *rows, int count);

/* Finished responses whose adoption depth lies within margin points of
 * either threshold (champion or willing), counted per department, role
 * and track: the people "near the line", from the running totals of
 * adoption depths. Rows use store_tally's fields department, role, track
 * and count (finished true). */
enum store_status store_report_near(struct store *s, long long round_id,
				    int champion, int willing, double margin,
				    struct store_tally **out, int *count);

/* Every finished response of a round, named or not, with its person:
 * what report-people.c matches across two rounds (who moved between
 * them), in respondent order; with since (an ISO time, or NULL), only
 * those finished at or after it, in the order they finished. name is
 * NULL for an anonymous response; pointers are valid during the call
 * only. The callback returns false to stop. */
struct store_person {
	long long response_id;
	long long respondent_id;
	const char *name;
	const char *department;
	enum role role;
	enum track track;
	enum segment segment;
	const char *finished_at;
	bool contact; /* agreed to be a champions' contact */
};
enum store_status
store_report_people(struct store *s, long long round_id, const char *since,
		    bool (*each)(void *ctx, const struct store_person *p),
		    void *ctx);

/* ---- export, import and merge ------------------------------------------ */

/* Exports read a round in one read transaction, one response at a time
 * from one statement, and hand each row to a callback: memory stays that
 * of one row whatever the size of the round. A row's pointers are valid
 * during the call only. The callback returns false to stop (its output
 * failed); the function then returns STORE_OK. Rows come by finish time
 * (unfinished ones first, where they are included), then in the order
 * they were stored. */

/* A finished response and its scores, for the responses export. */
struct store_export_response {
	const char *uuid;
	const char *department;
	enum role role;
	enum track track;
	enum segment segment; /* SEGMENT_NONE: not classified */
	enum subtype subtype;
	bool has_adoption;
	double adoption;
	const double *scores; /* per dimension asked for */
	const bool *scored;   /* false: no score in that dimension */
	const char *started_at;
	const char *finished_at;
	const char *name; /* NULL unless they agreed and are a champion */
};
typedef bool store_export_response_fn(void *ctx,
				      const struct store_export_response *row);
/* The round's finished responses with their scores in the dimensions of
 * the given ids (at most QN_MAX_DIMENSIONS). */
enum store_status store_export_responses(struct store *s, long long round_id,
					 char *const *dimensions,
					 int ndimensions,
					 store_export_response_fn *fn,
					 void *ctx);

/* A response, finished or not, with every answer: what the answers
 * export writes and import reads back. */
struct store_export_answers {
	const char *uuid;
	const char *respondent_uuid;
	const char *name; /* NULL unless they agreed and are a champion */
	bool champion_contact;
	const char *department;
	enum role role;
	enum track track;
	const char *started_at;
	const char *finished_at; /* NULL while unfinished */
	/* By question index of the questionnaire: the choice (0: none),
	 * the percentages (all 0: none), when it was given ("": never).
	 * Answers to ids the questionnaire does not know are left out. */
	const int *choices;
	const int (*estimates)[3];
	const char (*answered_at)[21];
};
typedef bool store_export_answers_fn(void *ctx,
				     const struct store_export_answers *row);
enum store_status store_export_answers(struct store *s, long long round_id,
				       const struct questionnaire *q,
				       store_export_answers_fn *fn, void *ctx);

/* The stored questionnaire with this id and text hash (util_hash_hex of
 * its source): its row id. STORE_ERR_NOT_FOUND, with no message, when
 * there is none. */
enum store_status store_questionnaire_find(struct store *s, const char *qid,
					   const char *hash, long long *id);

/* What happened to one response brought in by import or merge. Both
 * match rounds, respondents and responses by UUID. A response already
 * here is replaced only by a newer one: finished beats unfinished, then
 * the later finish time, then the later last answer; otherwise the one
 * here is kept. So bringing the same data in twice changes nothing, and
 * A into B gives what B into A gives. */
enum store_merge_action {
	STORE_MERGE_ADDED,
	STORE_MERGE_REPLACED,
	STORE_MERGE_KEPT,
};

/* One response of an answers export, checked and scored by the caller. */
struct store_import_response {
	/* the round: found by UUID, or made with these (closed: it ran
	 * elsewhere; its departments are not known) */
	const char *round_uuid;
	const char *round_code;
	const char *round_name;
	const char *round_created_at;
	int round_min_group;
	long long questionnaire_id; /* the stored questionnaire's row id */
	const struct questionnaire *q;
	const char *respondent_uuid;
	const char *response_uuid;
	/* NULL: anonymous, or withheld by the export (it names only those
	 * who agreed): a replaced response keeps the name stored here */
	const char *name;
	bool champion_contact;
	const char *department;
	enum role role;
	enum track track;
	const char *started_at;
	const char *finished_at; /* NULL: unfinished */
	/* by question index of q, as in struct store_export_answers */
	const int *choices;
	const int (*estimates)[3];
	const char (*answered_at)[21];
	const struct scoring_result *result; /* when finished */
};

struct store_import;

/* Start an import: one write transaction for the whole file. */
enum store_status store_import_begin(struct store *s,
				     struct store_import **out);
/* Add one response. STORE_ERR_EXISTS when it conflicts with what is
 * stored (a round code taken by another round, a round stored with
 * another questionnaire, a response of another round or respondent, or
 * the rows of one response not together in the file): then the message
 * names no file, so that the caller can put the line at fault first. */
enum store_status store_import_add(struct store_import *im,
				   const struct store_import_response *r,
				   enum store_merge_action *action);
/* The row id of questionnaire q, stored by the import (and so only if it
 * commits) when this database does not hold it yet. */
enum store_status store_import_questionnaire(struct store_import *im,
					     const struct questionnaire *q,
					     long long *id);
/* Rounds the import has made so far. */
int store_import_rounds_made(const struct store_import *im);
/* Commit when commit is true (and the commit works), roll back
 * otherwise; frees im. */
enum store_status store_import_end(struct store_import *im, bool commit);

struct store_merge_counts {
	int questionnaires; /* stored here for the first time */
	int rounds;	    /* new here */
	int rounds_changed; /* closed, or given a larger minimum group size,
			       by the other database */
	int responses[3];   /* by enum store_merge_action */
};

/* Bring everything of another aimap database in, in one transaction:
 * questionnaires (by id and text hash; versions that differ stay
 * distinct), rounds, their departments, respondents, responses with
 * their answers, estimates and scores. The other file is only read,
 * through a read-only connection that takes no lock and writes nothing
 * beside it, after the checks store_open makes; it is refused
 * (STORE_ERR_REFUSED) when it is not aimap's, newer, empty, truncated,
 * corrupt, this database itself, or has changes not yet folded into it
 * (a -wal file: another aimap may be using it), or changed while it was
 * read (STORE_ERR_REFUSED, at the end). A round code used here by another
 * round, or a round stored with another questionnaire, is a conflict
 * (STORE_ERR_EXISTS). Nothing changes unless everything is brought in. */
enum store_status store_merge(struct store *s, const char *other_path,
			      struct store_merge_counts *out);

/* Whether the disk has room for an import of a CSV file of size bytes
 * (about size free beside the database), or a merge of a database file
 * of size bytes (about 2.5 times size beside the database):
 * STORE_ERR_REFUSED with a message saying
 * how much is needed where and how much is free, prefixed with label
 * and ending in "nothing was merged" when label is given (a merge's
 * file). A file system that cannot tell its free space is not refused.
 * (store-room.c) */
enum store_bulk { STORE_BULK_IMPORT, STORE_BULK_MERGE };
enum store_status store_room_check(struct store *s, enum store_bulk kind,
				   unsigned long long size, const char *label);

#endif
