#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard's perception gap with the leaders in a round of their own
# (dashboard -r TEAMS --leaders LEAD): the same pairing and words as
# aimap report (tests/cli/gap.sh has the numbers worked by hand).
. "$top_srcdir/tests/e2e/lib.sh"

minimal="$data/questionnaires/minimal.ini"

# The resume key on the screen: two groups of five.
screen_key() {
	printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1
}

# name, department, role, champion|skeptic, round[, estimate]
person() {
	sed -e "s/^name =.*/name = $1/" -e "s/^department =.*/department = $2/" \
		-e "s/^role =.*/role = $3/" "$data/answers/$4.ini" >"$work/p.ini"
	[ $# -ge 6 ] && sed -i "s/^split =.*/split = $6/" "$work/p.ini"
	"$AIMAP" submit -r "$5" "$work/p.ini" >/dev/null || abort "submit $1"
}

for code in TEAM1 LEAD1; do
	"$AIMAP" round new "Round $code" -q "$minimal" -d Engineering \
		-d Marketing --code "$code" >/dev/null 2>&1 || abort "round $code"
done
for i in 1 2 3 4 5; do
	kind=skeptic
	[ "$i" -eq 1 ] && kind=champion
	person "Eng $i" Engineering individual "$kind" TEAM1
	kind=skeptic
	[ "$i" -le 2 ] && kind=champion
	person "Mkt $i" Marketing individual "$kind" TEAM1
done
person "Lead 1" Engineering manager champion LEAD1 "80, 10, 10"
person "Lead 2" Engineering manager skeptic LEAD1 "60, 20, 20"
person "Boss" Marketing executive champion LEAD1 "30, 40, 30"

start 100 40 dashboard -r TEAM1 --leaders LEAD1
wait_for "Answers so far"
keys Tab Tab
wait_for "Perception gap"
has "The leaders answered in round LEAD1."
has "Engineering: 2 leaders estimate 70.0% champions; 20.0% of their teams"
has "leaders clearly overestimate"
has "Executives, against the whole organisation: 1 executive estimates"
keys q
expect_exit 0 "quitting the dashboard"

# A manager of Engineering takes the assessment in the teams' round and
# sees their own gap, privately: 80% against 1 of 5 (20.0%, Wilson 90%
# 4.6 to 56.5).
start 132 40 take -r TEAM1
to_first_question "Mia" "" 2
wait_for "Your resume key is "
key=$(screen_key)
check '[ -n "$key" ]' "no resume key shown"
answer_questions 5
to_review 80 10 10
keys s
wait_for "Your estimate against your team (only you see this)"
has "You estimated 80% champions in your team; 20.0% of your team are (5"
has "you clearly overestimate."
keys q
expect_exit 0 "leaving the result"

# Back with the resume key to the finished response: the same private
# gap on the result shown again.
start 132 40 take -r TEAM1 --resume "$key"
wait_for "Welcome back"
has "See my result again"
keys Enter
wait_for "Your estimate against your team (only you see this)"
has "You estimated 80% champions in your team; 20.0% of your team are (5"
has "you clearly overestimate."
keys q
expect_exit 0 "leaving the result shown again"

# A manager who left halfway (the terminal lost) and finishes after
# coming back with their key sees their gap too: 60% against 20.0%.
start 132 40 take -r TEAM1
to_first_question "Noor" "" 2
wait_for "Your resume key is "
key2=$(screen_key)
check '[ -n "$key2" ]' "no resume key shown to the second manager"
answer_questions 2
pid=$(aimap_pid)
kill -9 "$pid"
expect_exit 137 "kill -9 halfway"
start 132 40 take -r TEAM1 --resume "$key2"
wait_for "Welcome back"
has "Go on where I stopped"
keys Enter
for n in 3 4 5; do
	wait_for "$n / $questions"
	keys 1
done
wait_for "6 / $questions"
to_review 60 20 20
keys s
wait_for "Your estimate against your team (only you see this)"
has "You estimated 60% champions in your team; 20.0% of your team are (5"
keys q
expect_exit 0 "leaving the result after resuming"

# A round that shows small teams' gaps (round new --small-gaps): the
# dashboard shows Engineering's team of three, said to be small; Sales
# has five and no leader, so nothing is left to work out by subtraction.
"$AIMAP" round new "Small" -q "$minimal" -d Engineering -d Sales \
	--code SMALL --small-gaps >/dev/null 2>&1 || abort "round SMALL"
for i in 1 2 3 4 5; do
	kind=skeptic
	[ "$i" -eq 1 ] && kind=champion
	[ "$i" -le 3 ] && person "Dev $i" Engineering individual "$kind" SMALL
	person "Sal $i" Sales individual "$kind" SMALL
done
person "Lead 3" Engineering manager champion SMALL "80, 10, 10"
start 80 24 dashboard -r SMALL
wait_for "Answers so far"
keys Tab Tab
wait_for "Perception gap"
has "Engineering: 1 leader estimates 80.0% champions; 33.3% of their"
has "leaders clearly overestimate (a team under 5, shown as"
has "  the round allows)"
keys q
expect_exit 0 "quitting the small round's dashboard"

# A leaders' round that does not exist: a message, before any screen.
start 80 24 dashboard -r TEAM1 --leaders NOPE
wait_for "no round with code 'NOPE' for --leaders"
expect_exit 1 "an unknown leaders' round"
finish
