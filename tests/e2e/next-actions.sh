#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard's Next actions view (issue 13): per department the
# actions the questionnaire's rules pick, each with its weeks of the 90
# days and the finding behind it, "too few to say" under the minimum
# group size; wrapped to the terminal at 80x24 and 132x40, scrolling.
# The Compare view of a later round lists an action recorded for the
# earlier one beside the change in what its rule measures.
. "$top_srcdir/tests/e2e/lib.sh"

"$AIMAP" demo --respondents 60 --seed 7 --rounds 2 >/dev/null 2>&1 ||
	abort "demo"

start 80 24 dashboard -r DEMO-1
wait_for "Live 1/9"
keys BTab
wait_for "Next actions 9/9"
compare_screen next-actions-80x24
keys End
wait_for "end of the view: PgUp, Home"
compare_screen next-actions-80x24-end
has "because"
keys q
expect_exit 0 "q"

start 132 40 dashboard -r DEMO-1
wait_for "Live 1/9"
keys BTab
wait_for "Next actions 9/9"
compare_screen next-actions-132x40
keys q
expect_exit 0 "q"

"$AIMAP" action add -r DEMO-1 -d Marketing --rule production-boundary \
	--owner Kim >/dev/null 2>&1 || abort "action add"
start 80 24 dashboard -r DEMO-2
wait_for "Live 1/9"
keys c
wait_for "Compare 8/9"
keys End
wait_for "Actions recorded in round DEMO-1: 1"
has "1. Marketing: Define the production boundary"
check 'screen | grep -Eq "^     Guardrails \(citizen builders\): [0-9.]+ -> [0-9.]+, (no )?clear change"' \
	"no measure before and now with its verdict"

finish
