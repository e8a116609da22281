/* SPDX-License-Identifier: MIT */
/* The store's schema: the numbered migrations that build it, one
 * PRAGMA user_version at a time. tests/unit/test_schema.c holds each
 * released version to its text in tests/data/schema. */
#include "config.h"

#include "store-internal.h"

/* ---- running totals for reports ---------------------------------------- */

/* Reports read sums that triggers keep up to date, so that a report costs
 * the number of groups, not of responses, and every way of writing (the
 * store, an import or a merge in SQL, the sqlite3 tool) keeps them right
 * without C code. They hold what a GROUP BY over the responses would
 * give: a response counts in round_tally always; its scores, answers and
 * estimates count in round_score, round_answer and round_estimate while
 * it is finished (and, since migration 8, its squares of scores and its
 * adoption depth in round_score and round_adoption: see "second edition"
 * below). Every trigger adds a row's share ("+") or takes it away
 * ("-") with one UPSERT per table. Rows that fall to n = 0 stay, and
 * readers skip them; a score total is reset to exactly 0 there, so no
 * rounding residue outlives the scores that made it. Segment and subtype
 * are '' for none in round_tally, so that they can be part of its key.
 *
 * Deletes: ON DELETE CASCADE removes a response's scores, answers and
 * estimates after the response itself, when their own triggers no longer
 * find it, so the response's trigger runs BEFORE DELETE and takes them
 * away; without foreign keys they stay behind and join nothing. A
 * response inserted finished likewise brings along any rows already
 * waiting under its id. Finishing adds whatever was answered meanwhile,
 * in any order of the writes in its transaction. One way of writing is
 * not covered: INSERT OR REPLACE removes the row it replaces without
 * its delete trigger (unless PRAGMA recursive_triggers is on), which
 * counts that row twice; write with UPSERT, or DELETE then INSERT.
 *
 * clang-format cannot lay out SQL built from string macros. */
// clang-format off
#define STORE_TALLY_OF(R, S) \
	"	INSERT INTO round_tally (round_id, department, role, track,\n" \
	"		finished, segment, subtype, n)\n" \
	"	VALUES (" R ".round_id, " R ".department, " R ".role,\n" \
	"		" R ".track, " R ".finished_at IS NOT NULL,\n" \
	"		coalesce(" R ".segment, ''), coalesce(" R ".subtype, ''),\n" \
	"		" S "1)\n" \
	"	ON CONFLICT (round_id, department, role, track, finished,\n" \
	"		segment, subtype) DO UPDATE SET n = n + excluded.n;\n"

#define STORE_SCORE_TOTAL \
	"	ON CONFLICT (round_id, department, role, track, dimension)\n" \
	"	DO UPDATE SET n = n + excluded.n, total = CASE\n" \
	"		WHEN n + excluded.n = 0 THEN 0\n" \
	"		ELSE total + excluded.total END;\n"
#define STORE_ANSWER_TOTAL \
	"	ON CONFLICT (round_id, question, choice)\n" \
	"	DO UPDATE SET n = n + excluded.n;\n"
#define STORE_ESTIMATE_TOTAL \
	"	ON CONFLICT (round_id, question, department, role)\n" \
	"	DO UPDATE SET n = n + excluded.n,\n" \
	"		champions = champions + excluded.champions,\n" \
	"		willing = willing + excluded.willing,\n" \
	"		cautious = cautious + excluded.cautious;\n"

/* The answers and estimates of response R, if finished: a part of
 * STORE_TOTALS_OF and of migration 8's STORE_TOTALS_SQUARED_OF. */
#define STORE_ANSWERS_ESTIMATES_OF(R, S) \
	"	INSERT INTO round_answer (round_id, question, choice, n)\n" \
	"	SELECT " R ".round_id, a.question, a.choice, " S "1\n" \
	"	FROM answer a\n" \
	"	WHERE a.response_id = " R ".id\n" \
	"		AND " R ".finished_at IS NOT NULL\n" \
	STORE_ANSWER_TOTAL \
	"	INSERT INTO round_estimate (round_id, question, department,\n" \
	"		role, n, champions, willing, cautious)\n" \
	"	SELECT " R ".round_id, e.question, " R ".department,\n" \
	"		" R ".role, " S "1, " S "e.champions, " S "e.willing,\n" \
	"		" S "e.cautious\n" \
	"	FROM estimate e\n" \
	"	WHERE e.response_id = " R ".id\n" \
	"		AND " R ".finished_at IS NOT NULL\n" \
	STORE_ESTIMATE_TOTAL

/* The head of the trigger that moves a finished response's totals when
 * it changes round, group or id, or is finished (migrations 1 and 8). */
#define STORE_RESPONSE_TOTALS_UPDATE \
	"CREATE TRIGGER response_totals_update AFTER UPDATE OF id, round_id,\n" \
	"	department, role, track, finished_at ON response\n" \
	"	WHEN (OLD.finished_at IS NOT NULL OR NEW.finished_at IS NOT NULL)\n" \
	"	AND (OLD.id IS NOT NEW.id OR OLD.round_id IS NOT NEW.round_id\n" \
	"	OR OLD.department IS NOT NEW.department\n" \
	"	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track\n" \
	"	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL))\n" \
	"BEGIN\n"

/* All the scores, answers and estimates of response R, if finished. */
#define STORE_TOTALS_OF(R, S) \
	"	INSERT INTO round_score (round_id, department, role, track,\n" \
	"		dimension, total, n)\n" \
	"	SELECT " R ".round_id, " R ".department, " R ".role,\n" \
	"		" R ".track, c.dimension, " S "c.score, " S "1\n" \
	"	FROM response_score c\n" \
	"	WHERE c.response_id = " R ".id\n" \
	"		AND " R ".finished_at IS NOT NULL\n" \
	STORE_SCORE_TOTAL \
	STORE_ANSWERS_ESTIMATES_OF(R, S)

/* One score, answer or estimate row C, if its response is finished. */
#define STORE_SCORE_OF(C, S) \
	"	INSERT INTO round_score (round_id, department, role, track,\n" \
	"		dimension, total, n)\n" \
	"	SELECT p.round_id, p.department, p.role, p.track,\n" \
	"		" C ".dimension, " S C ".score, " S "1\n" \
	"	FROM response p\n" \
	"	WHERE p.id = " C ".response_id AND p.finished_at IS NOT NULL\n" \
	STORE_SCORE_TOTAL
#define STORE_ANSWER_OF(C, S) \
	"	INSERT INTO round_answer (round_id, question, choice, n)\n" \
	"	SELECT p.round_id, " C ".question, " C ".choice, " S "1\n" \
	"	FROM response p\n" \
	"	WHERE p.id = " C ".response_id AND p.finished_at IS NOT NULL\n" \
	STORE_ANSWER_TOTAL
#define STORE_ESTIMATE_OF(C, S) \
	"	INSERT INTO round_estimate (round_id, question, department,\n" \
	"		role, n, champions, willing, cautious)\n" \
	"	SELECT p.round_id, " C ".question, p.department, p.role,\n" \
	"		" S "1, " S C ".champions, " S C ".willing,\n" \
	"		" S C ".cautious\n" \
	"	FROM response p\n" \
	"	WHERE p.id = " C ".response_id AND p.finished_at IS NOT NULL\n" \
	STORE_ESTIMATE_TOTAL

/* A row of TABLE added, removed, or changed in one of COLUMNS. */
#define STORE_ROW_TRIGGERS(TABLE, COLUMNS, ROW_OF) \
	"CREATE TRIGGER " TABLE "_insert AFTER INSERT ON " TABLE " BEGIN\n" \
	ROW_OF("NEW", "+") \
	"END;\n" \
	"CREATE TRIGGER " TABLE "_delete AFTER DELETE ON " TABLE " BEGIN\n" \
	ROW_OF("OLD", "-") \
	"END;\n" \
	"CREATE TRIGGER " TABLE "_update AFTER UPDATE OF " COLUMNS "\n" \
	"	ON " TABLE " BEGIN\n" \
	ROW_OF("OLD", "-") \
	ROW_OF("NEW", "+") \
	"END;\n"

#define STORE_SCHEMA_TOTALS \
	"CREATE TABLE round_tally (\n" \
	"	round_id INTEGER NOT NULL,\n" \
	"	department TEXT NOT NULL,\n" \
	"	role TEXT NOT NULL,\n" \
	"	track TEXT NOT NULL,\n" \
	"	finished INTEGER NOT NULL,\n" \
	"	segment TEXT NOT NULL,\n" \
	"	subtype TEXT NOT NULL,\n" \
	"	n INTEGER NOT NULL,\n" \
	"	PRIMARY KEY (round_id, department, role, track, finished,\n" \
	"		segment, subtype)\n" \
	") WITHOUT ROWID;\n" \
	"CREATE TABLE round_score (\n" \
	"	round_id INTEGER NOT NULL,\n" \
	"	department TEXT NOT NULL,\n" \
	"	role TEXT NOT NULL,\n" \
	"	track TEXT NOT NULL,\n" \
	"	dimension TEXT NOT NULL,\n" \
	"	total REAL NOT NULL,\n" \
	"	n INTEGER NOT NULL,\n" \
	"	PRIMARY KEY (round_id, department, role, track, dimension)\n" \
	") WITHOUT ROWID;\n" \
	"CREATE TABLE round_answer (\n" \
	"	round_id INTEGER NOT NULL,\n" \
	"	question TEXT NOT NULL,\n" \
	"	choice INTEGER NOT NULL,\n" \
	"	n INTEGER NOT NULL,\n" \
	"	PRIMARY KEY (round_id, question, choice)\n" \
	") WITHOUT ROWID;\n" \
	"CREATE TABLE round_estimate (\n" \
	"	round_id INTEGER NOT NULL,\n" \
	"	question TEXT NOT NULL,\n" \
	"	department TEXT NOT NULL,\n" \
	"	role TEXT NOT NULL,\n" \
	"	n INTEGER NOT NULL,\n" \
	"	champions INTEGER NOT NULL,\n" \
	"	willing INTEGER NOT NULL,\n" \
	"	cautious INTEGER NOT NULL,\n" \
	"	PRIMARY KEY (round_id, question, department, role)\n" \
	") WITHOUT ROWID;\n" \
	"CREATE TRIGGER response_insert AFTER INSERT ON response BEGIN\n" \
	STORE_TALLY_OF("NEW", "+") \
	STORE_TOTALS_OF("NEW", "+") \
	"END;\n" \
	"CREATE TRIGGER response_delete BEFORE DELETE ON response BEGIN\n" \
	STORE_TALLY_OF("OLD", "-") \
	STORE_TOTALS_OF("OLD", "-") \
	"END;\n" \
	"CREATE TRIGGER response_tally_update AFTER UPDATE OF round_id,\n" \
	"	department, role, track, finished_at, segment, subtype\n" \
	"	ON response\n" \
	"	WHEN OLD.round_id IS NOT NEW.round_id\n" \
	"	OR OLD.department IS NOT NEW.department\n" \
	"	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track\n" \
	"	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL)\n" \
	"	OR OLD.segment IS NOT NEW.segment\n" \
	"	OR OLD.subtype IS NOT NEW.subtype\n" \
	"BEGIN\n" \
	STORE_TALLY_OF("OLD", "-") \
	STORE_TALLY_OF("NEW", "+") \
	"END;\n" \
	STORE_RESPONSE_TOTALS_UPDATE \
	STORE_TOTALS_OF("OLD", "-") \
	STORE_TOTALS_OF("NEW", "+") \
	"END;\n" \
	STORE_ROW_TRIGGERS("response_score", "response_id, dimension, score", \
			   STORE_SCORE_OF) \
	STORE_ROW_TRIGGERS("answer", "response_id, question, choice", \
			   STORE_ANSWER_OF) \
	STORE_ROW_TRIGGERS("estimate", \
			   "response_id, question, champions, willing, cautious", \
			   STORE_ESTIMATE_OF) \
	/* The champions of a round, for the champions list, with the \
	 * columns it reads. */ \
	"CREATE INDEX response_champion ON response(round_id, finished_at,\n" \
	"	respondent_id, department, subtype) WHERE segment = 'champion';\n"

/* ---- running totals, second edition (migration 8) ------------------------
 *
 * Migration 8 adds what the spread of scores and the count of people near
 * a segment line need, so that no report reads the responses for them:
 * round_score gains squares (the sum of each score squared, for the
 * standard error of a mean), and round_adoption counts the finished
 * responses with an adoption depth per round, adoption value,
 * department, role and track (a report sums the few rows within reach of
 * whatever thresholds its questionnaire has). The rules above hold for
 * both: squares is reset to exactly 0 with total, rows at n = 0 stay.
 *
 * The triggers that write round_score are made again with squares; a
 * released migration never changes, so the macros of migration 1 stay as
 * they were and these are new ones beside them (the answer and estimate
 * parts are the same as migration 1's). */
#define STORE_SQUARES_TOTAL \
	"	ON CONFLICT (round_id, department, role, track, dimension)\n" \
	"	DO UPDATE SET n = n + excluded.n, total = CASE\n" \
	"		WHEN n + excluded.n = 0 THEN 0\n" \
	"		ELSE total + excluded.total END, squares = CASE\n" \
	"		WHEN n + excluded.n = 0 THEN 0\n" \
	"		ELSE squares + excluded.squares END;\n"

/* All the scores (with squares), answers and estimates of response R, if
 * finished. */
#define STORE_TOTALS_SQUARED_OF(R, S) \
	"	INSERT INTO round_score (round_id, department, role, track,\n" \
	"		dimension, total, squares, n)\n" \
	"	SELECT " R ".round_id, " R ".department, " R ".role,\n" \
	"		" R ".track, c.dimension, " S "c.score,\n" \
	"		" S "c.score * c.score, " S "1\n" \
	"	FROM response_score c\n" \
	"	WHERE c.response_id = " R ".id\n" \
	"		AND " R ".finished_at IS NOT NULL\n" \
	STORE_SQUARES_TOTAL \
	STORE_ANSWERS_ESTIMATES_OF(R, S)

/* One score row C (with its square), if its response is finished. */
#define STORE_SCORE_SQUARED_OF(C, S) \
	"	INSERT INTO round_score (round_id, department, role, track,\n" \
	"		dimension, total, squares, n)\n" \
	"	SELECT p.round_id, p.department, p.role, p.track,\n" \
	"		" C ".dimension, " S C ".score,\n" \
	"		" S C ".score * " C ".score, " S "1\n" \
	"	FROM response p\n" \
	"	WHERE p.id = " C ".response_id AND p.finished_at IS NOT NULL\n" \
	STORE_SQUARES_TOTAL

/* The adoption depth of response R, if finished and classified. */
#define STORE_ADOPTION_OF(R, S) \
	"	INSERT INTO round_adoption (round_id, adoption, department,\n" \
	"		role, track, n)\n" \
	"	SELECT " R ".round_id, " R ".adoption, " R ".department,\n" \
	"		" R ".role, " R ".track, " S "1\n" \
	"	WHERE " R ".finished_at IS NOT NULL\n" \
	"		AND " R ".adoption IS NOT NULL\n" \
	"	ON CONFLICT (round_id, adoption, department, role, track)\n" \
	"	DO UPDATE SET n = n + excluded.n;\n"

/* STORE_BACKFILL_SQUARES and STORE_BACKFILL_ADOPTION, which fill these
 * totals from the responses kept, are in store-internal.h, for a bulk
 * writer that rebuilds a round's totals. */
#define STORE_SCHEMA_SQUARES_ADOPTION \
	"DROP TRIGGER response_insert;\n" \
	"DROP TRIGGER response_delete;\n" \
	"DROP TRIGGER response_totals_update;\n" \
	"DROP TRIGGER response_score_insert;\n" \
	"DROP TRIGGER response_score_delete;\n" \
	"DROP TRIGGER response_score_update;\n" \
	"ALTER TABLE round_score ADD COLUMN squares REAL NOT NULL DEFAULT 0;\n" \
	"CREATE TABLE round_adoption (\n" \
	"	round_id INTEGER NOT NULL,\n" \
	"	adoption REAL NOT NULL,\n" \
	"	department TEXT NOT NULL,\n" \
	"	role TEXT NOT NULL,\n" \
	"	track TEXT NOT NULL,\n" \
	"	n INTEGER NOT NULL,\n" \
	"	PRIMARY KEY (round_id, adoption, department, role, track)\n" \
	") WITHOUT ROWID;\n" \
	"CREATE TRIGGER response_insert AFTER INSERT ON response BEGIN\n" \
	STORE_TALLY_OF("NEW", "+") \
	STORE_TOTALS_SQUARED_OF("NEW", "+") \
	STORE_ADOPTION_OF("NEW", "+") \
	"END;\n" \
	"CREATE TRIGGER response_delete BEFORE DELETE ON response BEGIN\n" \
	STORE_TALLY_OF("OLD", "-") \
	STORE_TOTALS_SQUARED_OF("OLD", "-") \
	STORE_ADOPTION_OF("OLD", "-") \
	"END;\n" \
	STORE_RESPONSE_TOTALS_UPDATE \
	STORE_TOTALS_SQUARED_OF("OLD", "-") \
	STORE_TOTALS_SQUARED_OF("NEW", "+") \
	"END;\n" \
	"CREATE TRIGGER response_adoption_update AFTER UPDATE OF round_id,\n" \
	"	department, role, track, finished_at, adoption ON response\n" \
	"	WHEN (OLD.finished_at IS NOT NULL AND OLD.adoption IS NOT NULL\n" \
	"	OR NEW.finished_at IS NOT NULL AND NEW.adoption IS NOT NULL)\n" \
	"	AND (OLD.round_id IS NOT NEW.round_id\n" \
	"	OR OLD.department IS NOT NEW.department\n" \
	"	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track\n" \
	"	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL)\n" \
	"	OR OLD.adoption IS NOT NEW.adoption)\n" \
	"BEGIN\n" \
	STORE_ADOPTION_OF("OLD", "-") \
	STORE_ADOPTION_OF("NEW", "+") \
	"END;\n" \
	STORE_ROW_TRIGGERS("response_score", "response_id, dimension, score", \
			   STORE_SCORE_SQUARED_OF) \
	/* A round's finished people in the order of their respondents, \
	 * with every column store_report_people reads: comparing two \
	 * rounds reads each of their people, and in this order the \
	 * respondents they join come one after another instead of all \
	 * over the file. */ \
	"CREATE INDEX response_people ON response(round_id, respondent_id,\n" \
	"	department, role, track, segment, finished_at)\n" \
	"	WHERE finished_at IS NOT NULL;\n" \
	/* The champions likewise, in the order of their respondents (it \
	 * was by finish time). */ \
	"DROP INDEX response_champion;\n" \
	"CREATE INDEX response_champion ON response(round_id, respondent_id,\n" \
	"	department, subtype, finished_at)\n" \
	"	WHERE segment = 'champion' AND finished_at IS NOT NULL;\n" \
	STORE_BACKFILL_SQUARES("1") \
	STORE_BACKFILL_ADOPTION("1")
// clang-format on

/* Migration i takes a database from user_version i to i + 1. A migration,
 * once released, never changes: databases in the field were built by it.
 * Add a new entry instead. */
static const char *const store_migrations[] = {
    /* 1: the initial schema. The CHECK lists repeat the names of
     * profile.h because a stored schema cannot follow code that changes
     * later; a rename needs a migration. DEFAULT 5 was
     * STORE_DEFAULT_MIN_GROUP when this was written; inserts pass the
     * current value. Scores carry no range CHECK: a rounding excess must
     * never cost a respondent their answers. */
    "CREATE TABLE questionnaire (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	qid TEXT NOT NULL,\n"
    "	version INTEGER NOT NULL,\n"
    "	title TEXT NOT NULL,\n"
    "	hash TEXT NOT NULL,\n"
    "	source TEXT NOT NULL,\n"
    "	added_at TEXT NOT NULL,\n"
    "	UNIQUE (qid, hash)\n"
    ");\n"
    "CREATE TABLE round (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	code TEXT NOT NULL COLLATE NOCASE UNIQUE,\n"
    "	name TEXT NOT NULL,\n"
    "	questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),\n"
    "	state TEXT NOT NULL DEFAULT 'open'\n"
    "		CHECK (state IN ('open', 'closed')),\n"
    "	min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group >= 1),\n"
    "	created_at TEXT NOT NULL,\n"
    "	closed_at TEXT\n"
    ");\n"
    "CREATE INDEX round_questionnaire ON round(questionnaire_id);\n"
    "CREATE TABLE round_department (\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,\n"
    "	position INTEGER NOT NULL,\n"
    "	name TEXT NOT NULL,\n"
    "	PRIMARY KEY (round_id, position),\n"
    "	UNIQUE (round_id, name)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE respondent (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	name TEXT,\n"
    "	champion_contact INTEGER NOT NULL DEFAULT 0\n"
    "		CHECK (champion_contact IN (0, 1)),\n"
    "	created_at TEXT NOT NULL\n"
    ");\n"
    /* names are stored trimmed; people are looked up by name ignoring
     * case (the round's champions, store-report.c) */
    "CREATE INDEX respondent_name ON respondent(name COLLATE NOCASE);\n"
    "CREATE TABLE response (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	uuid TEXT NOT NULL UNIQUE,\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id),\n"
    "	respondent_id INTEGER NOT NULL REFERENCES respondent(id),\n"
    "	department TEXT NOT NULL,\n"
    "	role TEXT NOT NULL CHECK (role IN\n"
    "		('executive', 'manager', 'senior-tech', 'individual')),\n"
    "	track TEXT NOT NULL CHECK (track IN ('technical', 'citizen')),\n"
    "	started_at TEXT NOT NULL,\n"
    "	finished_at TEXT,\n"
    "	segment TEXT CHECK (segment IN\n"
    "		('champion', 'willing', 'cautious')),\n"
    "	subtype TEXT CHECK (subtype IN\n"
    "		('sharing', 'alone', 'skeptic', 'not-started')),\n"
    "	adoption REAL,\n"
    "	UNIQUE (round_id, respondent_id)\n"
    ");\n"
    "CREATE INDEX response_round_finished\n"
    "	ON response(round_id, finished_at);\n"
    "CREATE INDEX response_respondent ON response(respondent_id);\n"
    "CREATE TABLE answer (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	question TEXT NOT NULL,\n"
    "	choice INTEGER NOT NULL CHECK (choice >= 1),\n"
    "	answered_at TEXT NOT NULL,\n"
    "	PRIMARY KEY (response_id, question)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE estimate (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	question TEXT NOT NULL,\n"
    "	champions INTEGER NOT NULL CHECK (champions BETWEEN 0 AND 100),\n"
    "	willing INTEGER NOT NULL CHECK (willing BETWEEN 0 AND 100),\n"
    "	cautious INTEGER NOT NULL CHECK (cautious BETWEEN 0 AND 100),\n"
    "	answered_at TEXT NOT NULL,\n"
    "	CHECK (champions + willing + cautious = 100),\n"
    "	PRIMARY KEY (response_id, question)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE response_score (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	dimension TEXT NOT NULL,\n"
    "	score REAL NOT NULL,\n"
    "	PRIMARY KEY (response_id, dimension)\n"
    ") WITHOUT ROWID;\n"
    /* see "running totals" above */
    STORE_SCHEMA_TOTALS,
    /* 2: a round's dashboard holds its results back (the workshop
     * reveal) as stored here, so that every dashboard of the round and a
     * restarted one agree. Existing rounds start revealed, as before. */
    "ALTER TABLE round ADD COLUMN held INTEGER NOT NULL DEFAULT 0\n"
    "	CHECK (held IN (0, 1));\n",
    /* 3: free-text comments (type = comment), apart from the answers so
     * that no export or total of answers can carry them. The length
     * CHECK is the format's limit (QN_MAX_COMMENT bytes), not a
     * questionnaire's own max_length, which may change later. */
    "CREATE TABLE comment (\n"
    "	response_id INTEGER NOT NULL\n"
    "		REFERENCES response(id) ON DELETE CASCADE,\n"
    "	question TEXT NOT NULL,\n"
    "	text TEXT NOT NULL CHECK (length(CAST(text AS BLOB))\n"
    "		BETWEEN 1 AND 2000),\n"
    "	answered_at TEXT NOT NULL,\n"
    "	PRIMARY KEY (response_id, question)\n"
    ") WITHOUT ROWID;\n",
    /* 4: resume keys and abandoned sessions. A respondent comes back to
     * their answers with the key they were shown, never by name and
     * department; only its hash is stored. Responses made before have
     * none. A kiosk session left unfinished, or one closed by round
     * prune, is kept with the time it was abandoned. */
    "ALTER TABLE response ADD COLUMN resume_hash TEXT;\n"
    "CREATE UNIQUE INDEX response_resume ON response(resume_hash)\n"
    "	WHERE resume_hash IS NOT NULL;\n"
    "ALTER TABLE response ADD COLUMN abandoned_at TEXT;\n",
    /* 5: invitations. An invitation gives one person one response in
     * one round, with the department, role and track it was made for;
     * its code is stored only as a hash (secret.h), salted with the
     * database's own random salt, made here. person and email are what
     * the facilitator listed, kept for the reminder of people who have
     * not finished (invite --pending) and cleared when the response is
     * finished. number counts a round's invitations from 1, to tell
     * them apart in the files the facilitator gets. A round may take
     * answers only with an invitation. */
    "CREATE TABLE secret_salt (\n"
    "	id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "	salt TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO secret_salt (id, salt)\n"
    "	VALUES (1, lower(hex(randomblob(16))));\n"
    "ALTER TABLE round ADD COLUMN invitations_only INTEGER NOT NULL\n"
    "	DEFAULT 0 CHECK (invitations_only IN (0, 1));\n"
    "CREATE TABLE invitation (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,\n"
    "	number INTEGER NOT NULL,\n"
    "	code_hash TEXT NOT NULL UNIQUE,\n"
    "	department TEXT NOT NULL,\n"
    "	role TEXT NOT NULL CHECK (role IN\n"
    "		('executive', 'manager', 'senior-tech', 'individual')),\n"
    "	track TEXT NOT NULL CHECK (track IN ('technical', 'citizen')),\n"
    "	person TEXT,\n"
    "	email TEXT,\n"
    "	response_id INTEGER UNIQUE\n"
    "		REFERENCES response(id) ON DELETE SET NULL,\n"
    "	created_at TEXT NOT NULL,\n"
    "	revoked_at TEXT,\n"
    "	UNIQUE (round_id, number)\n"
    ");\n"
    "CREATE TRIGGER invitation_finished AFTER UPDATE OF finished_at\n"
    "	ON response WHEN NEW.finished_at IS NOT NULL BEGIN\n"
    "	UPDATE invitation SET person = NULL, email = NULL\n"
    "		WHERE response_id = NEW.id;\n"
    "END;\n",
    /* 6: actions a facilitator records for a department (aimap action):
     * the round whose results prompted them, the action rule and the
     * finding behind them when a rule picked them, an owner and a due
     * date, and when they were done (NULL: open). They go with their
     * round. */
    "CREATE TABLE action (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,\n"
    "	department TEXT NOT NULL CHECK (length(department) >= 1),\n"
    "	rule TEXT,\n"
    "	finding TEXT,\n"
    "	text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),\n"
    "	owner TEXT,\n"
    "	due TEXT CHECK (due IS NULL OR date(due) IS due),\n"
    "	created_at TEXT NOT NULL,\n"
    "	done_at TEXT\n"
    ");\n"
    "CREATE INDEX action_round ON action(round_id);\n",
    /* 7: a round may show a department's perception gap when its team
     * is under the minimum group size (round new --small-gaps). Off
     * for every existing round, as before. */
    "ALTER TABLE round ADD COLUMN small_gaps INTEGER NOT NULL DEFAULT 0\n"
    "	CHECK (small_gaps IN (0, 1));\n",
    /* 8: running totals of the squares of scores and of adoption depths
     * (see "second edition" above), made from the responses kept. */
    STORE_SCHEMA_SQUARES_ADOPTION,
    /* 9: the parsed form of a stored questionnaire (qnform.h), so that
     * take and the dashboard need not parse its text at every start. A
     * cache, written on first use: the text stays the record, and a form
     * of another format or of another text is parsed again and written
     * over. Nothing fills it here: an upgraded database parses once. */
    "CREATE TABLE questionnaire_model (\n"
    "	questionnaire_id INTEGER PRIMARY KEY\n"
    "		REFERENCES questionnaire(id) ON DELETE CASCADE,\n"
    "	model BLOB NOT NULL\n"
    ");\n",
    /* 10: how many times people already counted changed: a finished
     * response moved to another round or respondent, regrouped,
     * classified again, unfinished or deleted, or a respondent renamed
     * or their consent to be a champions' contact changed.
     * A response finishing is not such a change. While the count stays,
     * a reader that kept a round's people (the dashboard) need only read
     * the responses finished since (report-people.h). */
    "CREATE TABLE people_edits (\n"
    "	id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "	n INTEGER NOT NULL\n"
    ");\n"
    "INSERT INTO people_edits (id, n) VALUES (1, 0);\n"
    "CREATE TRIGGER people_respondent_changed\n"
    "	AFTER UPDATE OF name, champion_contact ON respondent\n"
    "	WHEN old.name IS NOT new.name\n"
    "	OR old.champion_contact IS NOT new.champion_contact\n"
    "BEGIN\n"
    "	UPDATE people_edits SET n = n + 1 WHERE id = 1;\n"
    "END;\n"
    "CREATE TRIGGER people_response_changed AFTER UPDATE ON response\n"
    "	WHEN old.finished_at IS NOT NULL\n"
    "	AND (old.round_id IS NOT new.round_id\n"
    "	OR old.respondent_id IS NOT new.respondent_id\n"
    "	OR old.department IS NOT new.department\n"
    "	OR old.role IS NOT new.role OR old.track IS NOT new.track\n"
    "	OR old.segment IS NOT new.segment\n"
    "	OR old.finished_at IS NOT new.finished_at)\n"
    "BEGIN\n"
    "	UPDATE people_edits SET n = n + 1 WHERE id = 1;\n"
    "END;\n"
    "CREATE TRIGGER people_response_deleted AFTER DELETE ON response\n"
    "	WHEN old.finished_at IS NOT NULL\n"
    "BEGIN\n"
    "	UPDATE people_edits SET n = n + 1 WHERE id = 1;\n"
    "END;\n",
};

int store_schema_version(void)
{
	return (int)ARRAY_LEN(store_migrations);
}

const char *store_schema_migration(int i)
{
	if (i < 0 || i >= store_schema_version())
		return NULL;
	return store_migrations[i];
}
