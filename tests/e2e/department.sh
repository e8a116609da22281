#!/bin/sh
# SPDX-License-Identifier: MIT
# The department step of a round with a list: "Other (type it)" for a
# team not listed; a typed department equal to a listed one but for case
# is the listed one; one close to a listed one gets a did-you-mean, and
# Enter again keeps it; Esc goes from the typed field back to the list.
# An executive is asked which organisation they lead instead of whether
# they are technical or a citizen builder.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal
for size in "80 24" "120 40"; do
	set -- $size
	start "$1" "$2" take -r E2E
	wait_for "Your name, or an alias"
	send_text "Eve $1"
	keys Enter
	wait_for "About you  2 / 5"
	compare_screen "department-$1x$2-list"
	has "1  Engineering"
	has "2  Marketing"
	has "3  Other (type it)"
	keys 3
	wait_for "Esc goes back to the list."
	send_text "Enginering"
	keys Enter
	wait_for "'Enginering' is not on the list: did you mean Engineering?"
	has "About you  2 / 5"
	keys Escape
	wait_for "▸ 3  Other (type it)"
	keys 3
	wait_for "Esc goes back to the list."
	send_text "Facilities"
	keys Enter
	wait_for "About you  3 / 5"
	keys b
	# back from the role: the typed department is shown typed
	wait_for "Facilities"
	has "Esc goes back to the list."
	keys Enter
	wait_for "About you  3 / 5"
	keys Enter
	wait_for "About you  4 / 5"
	keys Enter
	wait_for "About you  5 / 5"
	keys Enter
	wait_for "1 / $questions"
	expect_sql "select s.department from response s join respondent r
		on r.id = s.respondent_id where r.name = 'Eve $1'" Facilities
	keys q
	wait_exit >/dev/null
done

# A near miss typed twice is kept; another case is the listed spelling.
start 80 24 take -r E2E
wait_for "Your name, or an alias"
send_text "Kim"
keys Enter
wait_for "About you  2 / 5"
keys 3
wait_for "Esc goes back to the list."
send_text "Enginering"
keys Enter
wait_for "did you mean Engineering?"
keys Enter
wait_for "About you  3 / 5"
keys Enter Enter Enter
wait_for "1 / $questions"
expect_sql "select department from response s join respondent r
	on r.id = s.respondent_id where r.name = 'Kim'" Enginering
keys q
wait_exit >/dev/null
start 80 24 take -r E2E
wait_for "Your name, or an alias"
send_text "Lou"
keys Enter
wait_for "About you  2 / 5"
keys 3
wait_for "Esc goes back to the list."
send_text "MARKETING"
keys Enter
wait_for "About you  3 / 5"
keys Enter Enter Enter
wait_for "1 / $questions"
expect_sql "select department from response s join respondent r
	on r.id = s.respondent_id where r.name = 'Lou'" Marketing
keys q
wait_exit >/dev/null

for size in "80 24" "120 40"; do
	set -- $size
	start "$1" "$2" take -r E2E
	wait_for "Your name, or an alias"
	send_text "Exec $1"
	keys Enter
	wait_for "About you  2 / 5"
	keys 1
	wait_for "About you  3 / 5"
	keys 1
	wait_for "About you  4 / 5"
	compare_screen "department-$1x$2-executive-track"
	has "Which organisation do you lead?"
	has "A business organisation"
	lacks "Citizen builder"
	keys 2
	wait_for "About you  5 / 5"
	keys Enter
	wait_for "1 / "
	expect_sql "select s.role, s.track from response s join respondent r
		on r.id = s.respondent_id where r.name = 'Exec $1'" \
		"executive|citizen"
	keys q
	wait_exit >/dev/null
done
# anyone else is asked the usual way
start 80 24 take -r E2E
to_first_question "Dev" 1 4 1 2
expect_sql "select s.role, s.track from response s join respondent r
	on r.id = s.respondent_id where r.name = 'Dev'" "individual|technical"
finish
