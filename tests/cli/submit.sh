#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap submit: one respondent's complete answers, checked before anything
# is stored, classified and kept in the database.
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"
answers="$data/answers"

"$AIMAP" round new "Workshop" -q "$minimal" -d Engineering -d Marketing \
	--code W1 >/dev/null 2>&1 || fail "cannot create the round"

responses() { sql "select count(*) from response"; }

run "$AIMAP" submit -r W1 "$answers/champion.ini"
expect_status 0 champion
expect_out submit-champion.out
[ "$(sql "select segment, subtype, department, role, track from response")" = \
	"champion|sharing|Engineering|individual|technical" ] ||
	fail "champion not stored as classified"
[ "$(sql "select name, champion_contact from respondent")" = "p-001|1" ] ||
	fail "respondent not stored"
[ "$(sql "select count(*) from answer")" = 5 ] || fail "answers not stored"
[ "$(sql "select champions, willing, cautious from estimate")" = "40|35|25" ] ||
	fail "estimate not stored"
[ "$(sql "select group_concat(dimension || '=' || score, ' ') from (select * from response_score order by dimension)")" = \
	"build=100.0 evidence=100.0 share=100.0 use=100.0" ] ||
	fail "scores not stored: $(sql 'select * from response_score')"
[ "$(sql "select count(*) from response where finished_at is not null and uuid like '________-____-4___-____-____________'")" = 1 ] ||
	fail "response has no UUID or finish time"

# The department is matched to the round's list whatever its case.
run "$AIMAP" submit -r w1 "$answers/skeptic.ini"
expect_status 0 skeptic
expect_out submit-skeptic.out
[ "$(sql "select segment, subtype, department from response order by id desc limit 1")" = \
	"cautious|skeptic|Marketing" ] || fail "skeptic not stored as classified"
[ "$(sql "select count(*) from respondent where name is null")" = 1 ] ||
	fail "an empty name is not stored as anonymous"

# Answers from standard input.
run sh -c "'$AIMAP' submit -r W1 - < '$answers/champion.ini'"
expect_status 0 stdin
[ "$(responses)" = 3 ] || fail "answers from stdin not stored"

# The bundled questionnaire, end to end.
"$AIMAP" round new "Kick-off" -q ai-maturity -d Engineering -d Operations --code K1 \
	>/dev/null 2>&1 || fail "cannot open a round of ai-maturity"
run "$AIMAP" submit -r K1 "$answers/ai-maturity-champion.ini"
expect_status 0 bundled
expect_out submit-bundled.out

# A weak dimension with advice gets the questionnaire's next action.
run "$AIMAP" submit -r K1 "$top_srcdir/data/personas/operations-not-started.ini"
expect_status 0 advice
expect_out_has "Next, for Guardrails: Find the list of sanctioned tools"

# Refusals: each names the key and line, and stores nothing.
bad() { # name sed-script [base]
	sed -e "$2" "${3:-$answers/champion.ini}" >"$work/$1.ini"
	before=$(responses)
	run "$AIMAP" submit -r W1 "$work/$1.ini"
	expect_status 1 "$1"
	expect_err "submit-$1.err"
	[ "$(responses)" = "$before" ] || fail "$1: something was stored"
}

bad unknown-question 's/^often = 3/oftn = 3/'
bad out-of-range 's/^often = 3/often = 4/'
bad not-a-number 's/^made = 5/made = five/'
bad estimate-sum 's/^split = .*/split = 40, 35, 20/'
bad estimate-form 's/^split = .*/split = 40, 60/'
bad duplicate-key 's/^shown = 2/shown = 2\nSHOWN = 1/'
bad missing-answer '/^proof = 2/d'
bad wrong-track 's/^proof = 2/proof = 2\npipeline = 1/' "$answers/skeptic.ini"
bad department 's/^department = .*/department = Finance/'
bad role 's/^role = .*/role = boss/'
bad no-respondent '1,/^$/d'
bad unknown-respondent-key 's/^track = /trak = /'

run "$AIMAP" submit -r W1 "$work/missing.ini"
expect_status 1 missing-file
expect_err_has "missing.ini: cannot read: No such file or directory"

"$AIMAP" round close W1 >/dev/null || fail "cannot close"
before=$(responses)
run "$AIMAP" submit -r W1 "$answers/champion.ini"
expect_status 1 closed
expect_err submit-closed.err
[ "$(responses)" = "$before" ] || fail "a closed round took an answer"

run "$AIMAP" submit -r NOPE "$answers/champion.ini"
expect_status 1 unknown-round
expect_err submit-unknown-round.err

run "$AIMAP" submit "$answers/champion.ini"
expect_status 2 no-round
expect_err submit-usage-no-round.err

run "$AIMAP" submit -r W1
expect_status 2 no-file

finish
