#!/bin/sh
# SPDX-License-Identifier: MIT
# The home menu (aimap without a command) on a first run: its three items,
# "facilitate" with no round open yet saying so, and "take" opening a
# personal round on
# the bundled ai-maturity questionnaire, answered here from the first
# question to the result. The result must be the one the command line gives
# for the same answers.
. "$top_srcdir/tests/e2e/lib.sh"

start 80 24
wait_for "Take the assessment"
compare_screen home
has "▸ 1  Take the assessment"
has "2  Facilitate a round (the live dashboard)"
has "3  Quit"
check '[ ! -s "$work/status" ]' "the home menu did not stay"

keys Down
wait_for "▸ 2  Facilitate"
keys Enter
wait_for "There is no round yet"
keys 1
wait_for "Your name, or an alias"
has "About you  1 / 5"

# No round existed: a personal one was opened, on ai-maturity.
checks=$((checks + 1))
list=$("$AIMAP" round list 2>&1)
case $list in
*"open    ai-maturity v2      0            0  2026-01-15  Personal assessment"*) ;;
*) fail "round list after take: $list" ;;
esac
code=$(sql "select code from round")

# The personal round has no list of departments: it is typed.
send_text "Grace"
keys Enter
wait_for "About you  2 / 5"
has "Your department"
keys Enter
wait_for "Please type your department."
send_text "Finance"
keys Enter
wait_for "About you  3 / 5"
keys 4 # an individual contributor: no leaders' estimate
wait_for "About you  4 / 5"
keys 2 # citizen builder
wait_for "About you  5 / 5"
keys 2

# Every question shown to a citizen builder, each answered with choice 2.
questions=$(awk '
	function keep() { return id != "" && (track == "" || track == "citizen") && audience != "leaders" }
	/^\[/ { if (keep()) print id; id = ""; track = ""; audience = "" }
	/^\[question\./ { id = substr($0, 11, length($0) - 11) }
	/^track *=/ { track = $3 }
	/^audience *=/ { audience = $3 }
	END { if (keep()) print id }
' "$top_srcdir/questionnaires/ai-maturity.ini")
total=$(echo "$questions" | wc -l)
# 24 for everyone and 2 for citizen builders (the leaders' estimate is not
# shown to an individual contributor); the screen must count the same
check '[ "$total" -eq 26 ]' "expected 26 questions for citizen builders, found $total"
i=1
for q in $questions; do
	wait_for "$i / $total "
	# the closing comment is optional: Enter leaves it empty
	if [ "$q" = help_most ]; then keys Enter; else keys 2; fi
	i=$((i + 1))
done
wait_for "Every question is answered"
lacks "Is AI part of"
keys s
wait_for "Your result: "
result_screen=$last
# eleven dimensions fill an 80x24 screen: the next steps are below them
keys PageDown
wait_for "What next"

# The same answers through the command line, in a round of their own.
{
	printf '[respondent]\nname = Grace\ndepartment = Finance\n'
	printf 'role = individual\ntrack = citizen\nchampion_contact = no\n'
	printf '[answers]\n'
	for q in $questions; do
		[ "$q" = help_most ] || printf '%s = 2\n' "$q"
	done
} >"$work/answers.ini"
cli_db="$work/cli.db"
"$AIMAP" --db "$cli_db" round new Same -q ai-maturity --code SAME >/dev/null 2>&1
"$AIMAP" --db "$cli_db" submit -r SAME "$work/answers.ini" >"$work/submit.out" 2>&1 ||
	fail "submit: $(cat "$work/submit.out")"
want=$(sqlite3 -batch "$cli_db" "select segment, subtype, round(adoption, 3) from response")
expect_sql "select segment, subtype, round(adoption, 3) from response where finished_at is not null" "$want"
expect_sql "select r.name, s.department, s.role, s.track, r.champion_contact
	from response s join respondent r on r.id = s.respondent_id" \
	"Grace|Finance|individual|citizen|0"
# every question but the (empty) comment has an answer
expect_sql "select count(*), min(choice), max(choice) from answer" \
	"$((total - 1))|2|2"
# The segment the command line gives is the one on the screen.
checks=$((checks + 1))
segment=$(sed -n 's/^Segment: //p' "$work/submit.out")
case $segment in
*"("*) shown="$(echo "$segment" | sed 's/ (\(.*\))$/, \1/')" ;;
*) shown=$segment ;;
esac
case $result_screen in
*"Your result: $shown"*) ;;
*) fail "the screen's result differs from the command line's: $segment" ;;
esac

# q on the result goes back to the home menu, where q leaves.
keys q
wait_for "Take the assessment"
has "▸ 1  Take the assessment"
keys q
expect_exit 0 "leaving from the home menu after the result"
check '[ "$(sql "select count(*) from round where code = '"'$code'"'")" = 1 ]' \
	"the personal round is gone"

# Quit from the menu, by its item.
start 80 24
wait_for "Take the assessment"
keys 3
expect_exit 0 "Quit item"

# With one round open, take goes straight into it.
"$AIMAP" round new "Second" -q "$data/questionnaires/minimal.ini" \
	--code ONE >/dev/null 2>&1
"$AIMAP" round close "$code" >/dev/null 2>&1
start 80 24
wait_for "Take the assessment"
keys Enter
wait_for "Your name, or an alias"
has "Round ONE"
has "A small test questionnaire"

finish
