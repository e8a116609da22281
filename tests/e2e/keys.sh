#!/bin/sh
# Keys the terminal sends as sequences aimap does not bind (Home, End,
# Insert, Delete, F5) never act as Esc plus a typed key: on the review they
# must not go back a step and choose an answer. (Regression: Home as
# "Esc [ 1 ~" used to set the last answer to choice 1.)
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
keys q
expect_exit 0 "leaving"
finish
