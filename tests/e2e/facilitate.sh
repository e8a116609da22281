#!/bin/sh
# SPDX-License-Identifier: MIT
# Home -> Facilitate: with several rounds, a list of all of them (closed
# ones too, newest first) to pick the one to watch; q on the dashboard
# goes back to the home menu, and q there leaves. With one round, its
# dashboard opens at once.
. "$top_srcdir/tests/e2e/lib.sh"

"$AIMAP" round new "Earlier" -q "$data/questionnaires/minimal.ini" \
	-d Engineering --code OLD >/dev/null 2>&1
"$AIMAP" round close OLD >/dev/null 2>&1
start 80 24
wait_for "Take the assessment"
keys 2
wait_for "Dashboard: round OLD"
keys q
wait_for "Take the assessment"
has "Facilitate a round"

AIMAP_NOW=2026-02-01T10:00:00Z "$AIMAP" round new "Kick-off" \
	-q "$data/questionnaires/minimal.ini" -d Engineering --code NEW \
	>/dev/null 2>&1
for size in "80 24" "120 40"; do
	set -- $size
	start "$1" "$2"
	wait_for "Take the assessment"
	# each screen's help lists its own keys, from the action table
	keys ?
	wait_for "Keys ("
	has "Move to the previous choice or line."
	lacks "Dashboard:"
	lacks "Submit the answers"
	keys x
	wait_gone "Keys ("
	keys 2
	wait_for "Which round do you want to watch?"
	compare_screen "facilitate-$1x$2-rounds"
	has "▸ 1  NEW  Kick-off (minimal, open, 0 done, 2026-02-01)"
	has "2  OLD  Earlier (minimal, closed, 0 done, 2026-01-15)"
	keys Down Enter
	wait_for "Dashboard: round OLD"
	keys q
	wait_for "Take the assessment"
	keys 2
	wait_for "Which round do you want to watch?"
	keys Escape
	wait_for "Take the assessment"
	keys 2
	wait_for "Which round do you want to watch?"
	keys 1
	wait_for "Dashboard: round NEW"
	keys ?
	wait_for "Dashboard: group by department, role or track in turn."
	lacks "Submit the answers"
	keys x
	wait_gone "Keys ("
	keys q
	wait_for "Take the assessment"
	keys q
	expect_exit 0 "leaving from the home menu at $1x$2"
done

# aimap dashboard has no home menu: q leaves.
start 80 24 dashboard -r NEW
wait_for "Dashboard: round NEW"
lacks "Results are held back"
# Hold/reveal is stored with the round: a restarted dashboard keeps it,
# and one that runs sees another one's change.
keys v
wait_for "Results are held back"
expect_sql "select held from round where code = 'NEW'" 1
keys q
expect_exit 0 "quitting aimap dashboard"
start 100 30 dashboard -r NEW
wait_for "Results are held back"
sql "update round set held = 0 where code = 'NEW'"
wait_gone "Results are held back"
keys v
wait_for "Results are held back"
expect_sql "select held from round where code = 'NEW'" 1
expect_sql "select held from round where code = 'OLD'" 0
keys q
expect_exit 0 "quitting the second dashboard"
finish
