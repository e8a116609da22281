#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap round new|list|show|open|close, and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"

run "$AIMAP" round new "Engineering kickoff" -q "$minimal" \
	-d Engineering -d Marketing --code kick1
expect_status 0 new
expect_out round-new.out
expect_err round-new.err
[ "$(sql "select state, name from round where code = 'KICK1'")" = "open|Engineering kickoff" ] ||
	fail "round KICK1 not stored open"
[ "$(sql "select group_concat(name, ',') from (select name from round_department order by position)")" = "Engineering,Marketing" ] ||
	fail "departments not stored in order"

# Without --code a fresh six-character code is made; a questionnaire can
# be named by its id (found in the source tree's questionnaires/).
run "$AIMAP" round new "Company baseline" -q ai-maturity
expect_status 0 new-by-id
echo "$out" | grep -qx '[A-Z2-9]\{6\}' || fail "generated code looks wrong: $out"
generated=$out

# The questionnaire's text is stored once, whatever the number of rounds.
run "$AIMAP" round new "Second kickoff" -q "$minimal" --code kick2
expect_status 0 new-second
[ "$(sql "select count(*) from questionnaire")" = 2 ] ||
	fail "questionnaire text stored more than once per version"

# The minimum group size of reports is set per round.
run "$AIMAP" round new "Small teams" -q "$minimal" --code small --min-group 3
expect_status 0 min-group
[ "$(sql "select min_group from round where code = 'SMALL'")" = 3 ] ||
	fail "--min-group not stored"
run "$AIMAP" round new "Bad" -q "$minimal" --min-group 0
expect_status 2 min-group-zero
expect_err_has "--min-group takes a whole number from 1 to 1000, not '0'"
run "$AIMAP" round close small
expect_status 0 close-small

run "$AIMAP" round list
expect_status 0 list
echo "$out" | sed "s/$generated/@CODE@/" >"$work/list"
out=$(cat "$work/list")
expect_out round-list.out

# A count of a million keeps the columns in line (the running totals
# say how many finished: one made up here, undone after)
sql "INSERT INTO round_tally VALUES ((SELECT id FROM round
	WHERE code = 'SMALL'), 'Eng', 'individual', 'technical', 1,
	'champion', 'sharing', 1234567)"
run "$AIMAP" round list
expect_status 0 list-million
# every row's date under CREATED
created=$(echo "$out" | awk 'NR == 1 { print index($0, "CREATED") }')
echo "$out" | awk -v at="$created" 'NR > 1 {
	if (match($0, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/) != at) bad = 1 }
	END { exit bad }' || fail "round list: columns out of line: $out"
echo "$out" | grep -q "1234567" || fail "round list lost the million: $out"
sql "DELETE FROM round_tally WHERE n = 1234567"

run "$AIMAP" round show kick1
expect_status 0 show
expect_out round-show.out

run "$AIMAP" round close KICK1
expect_status 0 close
expect_out round-close.out
[ "$(sql "select state from round where code = 'KICK1'")" = closed ] ||
	fail "round not closed"

run "$AIMAP" round open kick1
expect_status 0 reopen
[ "$(sql "select state from round where code = 'KICK1'")" = open ] ||
	fail "round not reopened"

# Refusals
run "$AIMAP" round close NOPE
expect_status 1 close-unknown
expect_err round-unknown.err

run "$AIMAP" round new "Again" -q "$minimal" --code KICK1
expect_status 1 duplicate-code
expect_err round-duplicate.err

run "$AIMAP" round new "Bad code" -q "$minimal" --code "no spaces"
expect_status 2 bad-code
expect_err round-bad-code.err

run "$AIMAP" round new -q "$minimal"
expect_status 2 no-name
expect_err round-no-name.err

run "$AIMAP" round new "No questionnaire"
expect_status 2 no-questionnaire
expect_err round-no-questionnaire.err

run "$AIMAP" round new "Unknown" -q no-such-questionnaire
expect_status 1 unknown-questionnaire
expect_err round-unknown-questionnaire.err

sed 's/^willing = 35/willing = 80/' "$minimal" >"$work/broken.ini"
run "$AIMAP" round new "Broken" -q "$work/broken.ini"
expect_status 1 broken-questionnaire
expect_err_has "broken.ini:"
[ "$(sql "select count(*) from round")" = 4 ] ||
	fail "a refused round was stored"

run "$AIMAP" round frobnicate
expect_status 2 unknown-subcommand
expect_err round-unknown-subcommand.err

run "$AIMAP" round
expect_status 2 no-subcommand

finish
