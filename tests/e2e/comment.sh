#!/bin/sh
# SPDX-License-Identifier: MIT
# A comment question in the terminal: typed over several lines with the
# room left in view, saved the moment Enter is pressed, kept across a kill
# and a resume, shown on the review, and optional: Enter on an empty
# field goes on, and the review does not count it as missing.
. "$top_srcdir/tests/e2e/lib.sh"

q="$work/c.ini"
cat >"$q" <<'INI'
[questionnaire]
id = c
title = Comments
version = 1
audience = everyone

[dimension.use]
label = Use
weight = 1
role = adoption

[question.often]
type = choice
dimension = use
text = How often do you use AI?
choice1 = Never
score1 = 0
choice2 = Daily
score2 = 100

[question.help]
type = comment
max_length = 120
text = What would help you most?
help = Optional: shown only for groups, never with your name.

[classification]
champion = 70
willing = 30

[guidance.champion]
summary = C
step1 = c

[guidance.willing]
summary = W
step1 = w

[guidance.cautious]
summary = K
step1 = k
INI
"$AIMAP" round new "Comments" -q "$q" -d Sales --code CMT >/dev/null 2>&1 ||
	abort "could not open the round"
questions=2

start 80 24 take -r CMT
to_first_question "Ada"
wait_for "Your resume key is "
key=$(printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1)
check '[ -n "$key" ]' "no resume key shown"
keys 2
wait_for "2 / 2"
has "Your comment (optional)"
has "0 of 120 bytes used. Optional: Enter on an empty field goes on."
send_text "Time set aside every week to learn, and someone in my team to ask when I get stuck"
wait_for "82 of 120 bytes used"
has "Time set aside every week to learn, and someone in my team to ask when"
has "I get stuck"
# at the limit, more typing is refused rather than cut later
send_text " with a new tool, and examples from work like mine, please"
wait_for "120 of 120 bytes used"
keys Enter
wait_for "Every question is answered"
has "Time set aside every week"
expect_sql "select question, length(text) from comment" "help|120"
pid=$(aimap_pid)
kill -9 "$pid"
expect_exit 137 "kill -9"

# back with the resume key: the comment is there, on the review and in
# its field
start 80 24 take -r CMT --resume "$key"
wait_for "Welcome back"
keys Enter
wait_for "Every question is answered"
has "Time set aside every week"
keys Down Down Enter
wait_for "2 / 2"
has "120 of 120 bytes used"
# emptied, it is gone, and still nothing is missing
i=0
while [ $i -lt 120 ]; do
	keys BSpace
	i=$((i + 1))
done
wait_for "0 of 120 bytes used"
keys Enter
wait_for "Every question is answered"
has "(no comment: optional)"
expect_sql "select count(*) from comment" 0
keys s
wait_for "Your result: "
keys q
expect_exit 0 "leaving the result"
expect_sql "select count(*) from response where finished_at is not null" 1

finish
