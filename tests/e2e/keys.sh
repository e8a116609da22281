#!/bin/sh
# Keys the terminal sends as sequences aimap does not bind (Home, End,
# Insert, Delete, F5) never act as Esc plus a typed key: on the review they
# must not go back a step and choose an answer. (Regression: Home as
# "Esc [ 1 ~" used to set the last answer to choice 1.)
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal
start 80 24 take -r E2E
wait_for "Your name, or an alias"
keys Enter
wait_for "About you  2 / 5"
keys 1
wait_for "About you  3 / 5"
keys 4
wait_for "About you  4 / 5"
keys 1
wait_for "About you  5 / 5"
keys 2
wait_for "1 / 6"
keys 3
wait_for "2 / 6"
keys 5
wait_for "3 / 6"
keys 2
wait_for "4 / 6"
keys 2
wait_for "5 / 6"
keys 2
wait_for "6 / 6"
send_text "40"
keys Tab
send_text "35"
keys Tab
send_text "25"
wait_for "Sum 100"
keys Enter
wait_for "Every question is answered"

for key in Home End IC DC F5 Home; do
	keys "$key"
done
keys Down
wait_for "▸ 1. How often"
has "Every question is answered"
expect_sql "select group_concat(question || '=' || choice, ' ') from (select * from answer order by question)" \
	"made=5 often=3 pipeline=2 proof=2 shown=2"
keys q
expect_exit 0 "leaving"
finish
