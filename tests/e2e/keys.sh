#!/bin/sh
# SPDX-License-Identifier: MIT
# Keys the terminal sends as sequences aimap does not bind (Home, End,
# Insert, Delete, F5) never act as Esc plus a typed key: on the review they
# must not go back a step and choose an answer. (Regression: Home as
# "Esc [ 1 ~" used to set the last answer to choice 1.) Then the scroll
# keys on the result and the help at 80x14.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal
start 80 24 take -r E2E
to_first_question "" 1 4 1 2
answer_questions 5 3 5 2
to_review 40 35 25

for key in Home End IC DC F5 Home; do
	keys "$key"
done
keys Down
wait_for "▸ 1. How often"
has "Every question is answered"
expect_sql "select group_concat(question || '=' || choice, ' ') from (select * from answer order by question)" \
	"made=5 often=3 pipeline=2 proof=2 shown=2"

# ---- scrolling: by a line, by a page less one, never past either end ----

t resize-window -t "$session" -x 80 -y 14
wait_gone "6. How do you think your team splits?"
keys s
# 20 lines of result, 11 shown
wait_for "Up/Down scroll (55% shown)"
has "Your result: Champion"
keys Down
wait_for "(60% shown)"
lacks "Your result: Champion"
keys k
wait_for "(55% shown)"
keys Space
wait_for "(100% shown)"
has "  2. Keep going."
keys Down Down j
wait_for "(100% shown)"
has "  2. Keep going."
has "  Use     "
keys PPage
wait_for "(55% shown)"
has "Your result: Champion"
keys NPage
wait_for "(100% shown)"
keys Up
wait_for "(95% shown)"

# the help scrolls the same way; any other key closes it where it was
keys ?
wait_for "Keys (Up/Down scroll, other keys close)"
has "  Up, k  "
keys j
wait_for "  Down, j  "
lacks "  Up, k  "
keys NPage
wait_for "  q  "
lacks "  Down, j  "
# the result's help lists the result's keys only, from the action table
lacks "Dashboard:"
lacks "Backspace, b, Esc"
lacks "  s  "
keys PPage
wait_for "  Up, k  "
has "  Down, j  "
keys Space
wait_for "you resume where you stopped."
keys Down
wait_for "you resume where you stopped."
keys x
wait_gone "Keys (Up/Down scroll"
has "(95% shown)"

keys q
expect_exit 0 "leaving"
finish
