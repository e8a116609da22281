#!/bin/sh
# SPDX-License-Identifier: MIT
# A database made before migration 2 (a round's held-back results stored
# with it) and migration 3 (resume keys, abandoned sessions) is upgraded
# on first use and keeps every answer; its rounds start revealed and its
# responses have no resume key and are not abandoned.
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"
t=2025-12-01T10:00:00Z
sqlite3 -batch "$AIMAP_DB" >"$work/sqlite.out" 2>&1 <<SQL || fail "cannot build a v1 database: $(cat "$work/sqlite.out")"
PRAGMA journal_mode = WAL;
$(cat "$data/schema/v1.sql")
PRAGMA user_version = 1;
PRAGMA application_id = 1095322960; -- 0x41494d50, "AIMP"
INSERT INTO questionnaire VALUES (1, 'minimal', 1,
	'A small test questionnaire', 'ffffffffffffffff',
	readfile('$minimal'), '$t');
INSERT INTO round (id, uuid, code, name, questionnaire_id, state,
	min_group, created_at) VALUES (1,
	'11111111-1111-4111-8111-111111111111', 'OLD1', 'Before', 1, 'open',
	1, '$t');
INSERT INTO respondent VALUES (1, '22222222-2222-4222-8222-222222222222',
	'Ada', 0, '$t');
INSERT INTO response (id, uuid, round_id, respondent_id, department, role,
	track, started_at, finished_at, segment, subtype, adoption) VALUES (1,
	'33333333-3333-4333-8333-333333333333', 1, 1, 'Engineering',
	'individual', 'technical', '$t', '$t', 'champion', 'alone', 80);
INSERT INTO answer VALUES (1, 'often', 3, '$t'), (1, 'made', 5, '$t'),
	(1, 'shown', 2, '$t'), (1, 'proof', 2, '$t'), (1, 'pipeline', 2, '$t');
INSERT INTO estimate VALUES (1, 'split', 40, 35, 25, '$t');
SQL
before=$(sql "select group_concat(question || '=' || choice, ',') from (select * from answer order by question)")

run "$AIMAP" round show OLD1
expect_status 0 upgraded
expect_out_has "responses:     1 completed, 0 in progress"
# the newest version: one golden file per released migration
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sql "pragma user_version")" = "$newest" ] ||
	fail "not upgraded to the newest version ($newest)"
[ "$(sql "select held from round where code = 'OLD1'")" = 0 ] ||
	fail "an old round does not start revealed"
[ "$(sql "select small_gaps from round where code = 'OLD1'")" = 0 ] ||
	fail "an old round shows the gaps of small teams"
[ "$(sql "select count(*) from response where resume_hash is null
	and abandoned_at is null")" = 1 ] ||
	fail "an old response gained a resume key or was abandoned"
[ "$(sql "select count(*) from questionnaire_model")" = 0 ] ||
	fail "the upgrade made questionnaire forms (they are made on first use)"
[ "$(sql "select group_concat(question || '=' || choice, ',') from (select * from answer order by question)")" = "$before" ] ||
	fail "answers changed in the upgrade"
[ "$(sql "select champions || ',' || willing || ',' || cautious from estimate")" = "40,35,25" ] ||
	fail "the estimate changed in the upgrade"
run "$AIMAP" export answers -r OLD1 --identifiable
expect_status 0 export-after-upgrade
expect_out_has "often"
[ "$(sql "pragma integrity_check")" = ok ] || fail "integrity check"

finish
