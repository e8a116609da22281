#!/bin/sh
# SPDX-License-Identifier: MIT
# The facilitator's dashboard: open while answers arrive from other
# processes, it shows the new counts within a few seconds; results held
# back until revealed; views switch with Tab, grouping with g, the round to
# compare with with c; small groups show as "fewer than N"; long views
# scroll.
. "$top_srcdir/tests/e2e/lib.sh"

answers="$data/answers"
"$AIMAP" round new "Earlier" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code OLD >/dev/null 2>&1 ||
	abort "could not open the earlier round"
"$AIMAP" submit -r OLD "$answers/skeptic.ini" >/dev/null ||
	abort "could not submit to the earlier round"
"$AIMAP" round new "Live" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code LIVE --min-group 2 >/dev/null 2>&1 ||
	abort "could not open the round"

start 80 24 dashboard -r LIVE --hold
wait_for "Answers so far"
check 'echo "$last" | grep -Eq "Engineering +0 done +0 in progress"' \
	"no empty count for Engineering: $last"
has "Live 1/9"

# Answers arrive from other processes while the dashboard is open.
for i in 1 2 3; do
	"$AIMAP" submit -r LIVE "$answers/champion.ini" >/dev/null ||
		fail "submit $i failed"
done
wait_for "3 done" 8
check 'echo "$last" | grep -Eq "Engineering +3 done"' \
	"Engineering did not count 3: $last"
has "Results are held back"
lacks "champions (C)"

# One more, from another department.
"$AIMAP" submit -r LIVE "$answers/skeptic.ini" >/dev/null || fail "submit"
wait_for "4 done" 8
check 'echo "$last" | grep -Eq "Marketing +1 done"' \
	"Marketing did not count 1: $last"

# Reveal: the distribution appears; the small group is hidden.
keys v
wait_for "champions (C)"
has "Whole round"
has "n=4"
check 'echo "$last" | grep -q "C 75.0% W  0.0% K 25.0%"' \
	"whole round distribution wrong: $last"

keys Tab
wait_for "Segments 2/9"
has "Segments by department"
has "Engineering"
check 'echo "$last" | grep -Eq "Marketing +fewer than 2"' \
	"Marketing (1 response) not hidden under the minimum of 2: $last"

keys g
wait_for "Segments by role"
keys Tab Tab Tab Tab
wait_for "Champions 6/9"
has "p-001, Engineering"

keys c
wait_for "Compare 8/9"
has "Change since round OLD"
has "New: 1"
# each group's change, said in words, under the larger minimum (5, OLD's)
has "Champions by role, before -> now"
has "Whole round            fewer than 5 in one of the rounds"
has "People in both rounds: fewer than 5"

# A view longer than the screen scrolls, and not past its last line.
t resize-window -t "$session" -x 80 -y 14
wait_for "Compare 8/9"
has "Change since round OLD"
lacks "New: 1"
keys NPage NPage
wait_for "New: 1"
lacks "Change since round OLD"
keys Down j
wait_for "New: 1"
# (the view's last screen line holds the mark saying where it ends)
check 'echo "$last" | grep -Eq "^  New: 1 "' \
	"scrolled past the last line: $last"
has "end of the view: PgUp, Home"
keys PPage PPage
wait_for "Change since round OLD"
t resize-window -t "$session" -x 80 -y 24

# Hold again: every result view says so.
keys v
wait_for "Results are held back"

# Counts wider than four digits (a round of a million) keep the columns of
# the live view in line: the running totals say 123,456 more in
# Engineering.
keys Tab Tab
wait_for "Live 1/9"
sql "UPDATE round_tally SET n = n + 123456
	WHERE (round_id, department, role, track, finished, segment, subtype)
	= (SELECT round_id, department, role, track, finished, segment, subtype
	FROM round_tally WHERE department = 'Engineering' AND finished = 1
	AND round_id = (SELECT id FROM round WHERE code = 'LIVE') LIMIT 1)"
wait_for "123460 done" 8
done_at() { # LINE: the column of "done" on the live view's line LINE
	printf '%s\n' "$last" | grep -E "^ *$1 " | head -n 1 |
		awk '{ print index($0, " done") }'
}
for line in Engineering Marketing; do
	check '[ "$(done_at "$line")" = "$(done_at "Whole round")" ]' \
		"$line's count is out of line with the whole round's: $last"
done
# at 80 columns no count is cut (revealed): the whole round's n= beside
# its bar, and its kinds of champions and cautious (wrapped, not cut)
whole=$(sql "SELECT sum(n) FROM round_tally WHERE finished = 1
	AND round_id = (SELECT id FROM round WHERE code = 'LIVE')")
keys v
wait_for "n=$whole" 8
check 'printf "%s\n" "$last" | grep -Eq "^ *Whole round .* n=$whole *\$"' \
	"the whole round's n=$whole is cut at 80 columns: $last"
check 'printf "%s\n" "$last" | grep -Eq "^ +started$|not started"' \
	"the champions' and cautious kinds are cut at 80 columns: $last"
check '! printf "%s\n" "$last" | grep -q "…"' \
	"something is cut with an ellipsis at 80 columns: $last"
# the questions that divide the room: a six-digit count and its share
pick="round_id = (SELECT id FROM round WHERE code = 'LIVE') AND n > 0
	ORDER BY question, choice LIMIT 1"
sql "UPDATE round_answer SET n = n + 123456 WHERE (round_id, question, choice)
	= (SELECT round_id, question, choice FROM round_answer WHERE $pick)"
chosen=$(sql "SELECT n FROM round_answer WHERE n > 123456
	AND round_id = (SELECT id FROM round WHERE code = 'LIVE')")
keys Tab Tab Tab Tab Tab Tab
wait_for "Discuss first 7/9" 8
wait_for " $chosen " 8
check 'printf "%s\n" "$last" | grep -Eq " $chosen +[0-9]+%"' \
	"the count $chosen or its share is cut at 80 columns: $last"

keys q
expect_exit 0 "quitting the dashboard"
finish
