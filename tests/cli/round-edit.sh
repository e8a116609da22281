#!/bin/sh
# SPDX-License-Identifier: MIT
# Mending rounds: round rename, round departments --add/--remove (case
# does not make another department; a typo gets a suggestion) and round
# delete (asks, refuses a round with responses unless --force, never
# touches another round, keeps the running totals right).
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"
answers="$data/answers"
mk() { "$AIMAP" round new "$1" -q "$minimal" -d Engineering -d Marketing \
	--code "$2" >/dev/null 2>&1 || fail "cannot create round $2"; }
mk Workshop W1
mk Other W2
"$AIMAP" submit -r W1 "$answers/champion.ini" >/dev/null 2>&1 || fail submit
"$AIMAP" submit -r W2 "$answers/skeptic.ini" >/dev/null 2>&1 || fail submit

# -d Sales -d sales is one department given twice.
run "$AIMAP" round new Dup -q "$minimal" -d Sales -d sales
expect_status 2 new-dup
expect_err_has "department 'sales' is given twice (departments ignore case: 'Sales')"
[ "$(sql "select count(*) from round")" = 2 ] || fail "a round was made"

run "$AIMAP" round rename w1 "Kick-off, take two"
expect_status 0 rename
expect_out_has 'Round W1 is now "Kick-off, take two" (was "Workshop").'
[ "$(sql "select name from round where code = 'W1'")" = "Kick-off, take two" ] ||
	fail "not renamed"
run "$AIMAP" round rename NOPE x
expect_status 1 rename-missing
expect_err_has "no round with code 'NOPE'"
run "$AIMAP" round rename W1
expect_status 2 rename-no-name

run "$AIMAP" round departments W1 --add Sales --add "Customer care"
expect_status 0 add
expect_out_has "Round W1: Engineering, Marketing, Sales, Customer care."
run "$AIMAP" round departments W1 --add sales
expect_status 1 add-again
expect_err_has "round W1 has department 'Sales' already (departments ignore case)"
run "$AIMAP" round departments W1 --remove Enginering
expect_status 1 remove-typo
expect_err_has "round W1 has no department 'Enginering' (did you mean 'Engineering'?)"
# a respelling in one call: removals come first
run "$AIMAP" round departments W1 -x marketing -a MARKETING
expect_status 0 respell
expect_out_has "Round W1: Engineering, Sales, Customer care, MARKETING."
run "$AIMAP" round departments W1
expect_status 0 show
expect_out_has "Round W1: Engineering, Sales, Customer care, MARKETING."
[ "$(sql "select group_concat(n, ',') from (select d.name as n from round_department d join round r on r.id = d.round_id where r.code = 'W2' order by d.position)")" = "Engineering,Marketing" ] ||
	fail "another round's departments changed"
# the stored answer keeps its department
[ "$(sql "select department from response p join round r on r.id = p.round_id where r.code = 'W1'")" = Engineering ] ||
	fail "a response lost its department"
# a submission with a department not on the list gets the nearest one
"$AIMAP" round departments W2 -x Engineering >/dev/null || fail "remove"
run "$AIMAP" submit -r W2 "$answers/champion.ini"
expect_status 1 submit-removed

# delete: refuses a round with responses, asks on a terminal
run "$AIMAP" round delete W1 --yes
expect_status 1 delete-refused
expect_err_has "round W1 holds 1 response (1 completed, 0 in progress); to delete them with it add --force"
run "$AIMAP" round delete W1 --force
expect_status 2 delete-not-a-terminal
expect_err_has "round delete asks before deleting: run it in a terminal, or add --yes"
run "$AIMAP" round delet W1
expect_status 2 delete-typo
expect_err_has "unknown subcommand 'delet' (did you mean delete?)"

if command -v script >/dev/null 2>&1; then
	echo n | script -qec "'$AIMAP' round delete W1 --force" /dev/null \
		>"$work/asked" 2>&1
	grep -q 'Delete round W1 "Kick-off, take two" (1 completed, 0 in progress)? This cannot be undone. \[y/N\]' "$work/asked" ||
		fail "delete did not ask: $(cat "$work/asked")"
	grep -q "Round W1 is kept." "$work/asked" || fail "no kept message"
	[ "$(sql "select count(*) from round where code = 'W1'")" = 1 ] ||
		fail "answering n deleted the round"
	echo y | script -qec "'$AIMAP' round delete W1 --force" /dev/null \
		>"$work/asked" 2>&1
	grep -q 'Round W1 "Kick-off, take two" is deleted, with 1 response.' "$work/asked" ||
		fail "delete after yes: $(cat "$work/asked")"
else
	[ "${CI:-}" = true ] && fail "script (bsdutils) is missing"
	"$AIMAP" round delete W1 --force --yes >/dev/null || fail "delete"
fi
[ "$(sql "select count(*) from round where code = 'W1'")" = 0 ] ||
	fail "round W1 still there"
# its people, answers and totals are gone; the other round is whole
[ "$(sql "select count(*) from respondent where name = 'Ada'")" = 0 ] ||
	fail "the deleted round's respondent is left"
[ "$(sql "select count(*) from response")" = 1 ] || fail "responses left"
[ "$(sql "select count(*) from answer a join response p on p.id = a.response_id join round r on r.id = p.round_id where r.code = 'W2'")" -gt 0 ] ||
	fail "the other round lost its answers"
[ "$(sql "select count(*) from round_tally where round_id not in (select id from round)")" = 0 ] ||
	fail "running totals of the deleted round are left"
[ "$(sql "pragma foreign_key_check")" = "" ] || fail "foreign keys broken"
run "$AIMAP" report -r W2 --format csv
expect_status 0 report-other

# an empty round goes after --yes alone
mk Empty W3
run "$AIMAP" round delete W3 --yes
expect_status 0 delete-empty
expect_out_has 'Round W3 "Empty" is deleted, with 0 responses.'
run "$AIMAP" round delete W3 --yes
expect_status 1 delete-twice
expect_err_has "no round with code 'W3'"

finish
