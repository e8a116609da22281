#!/bin/sh
# SPDX-License-Identifier: MIT
# Invitations in the terminal: on a round that takes answers only with a
# code, the first screen asks for it (a wrong, revoked or missing code is
# refused there); the invitation's department, role and track are shown,
# not asked; leaving says how to come back with the code, and take -i
# with it goes back to the same response (one per invitation) and, after
# the finish, to the result; at 80x24 and 132x40. The dashboard's live
# view counts the invited, started and completed.
. "$top_srcdir/tests/e2e/lib.sh"

"$AIMAP" round new "Invited" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code INV --invitations-only \
	>/dev/null 2>&1 || abort "could not open the round"
"$AIMAP" invite -r INV -d Marketing --role manager --track citizen \
	--count 2 -o "$work/codes.csv" >/dev/null 2>&1 ||
	abort "could not make invitations"
code=$(sed -n 2p "$work/codes.csv" | cut -d, -f2)
revoked=$(sed -n 3p "$work/codes.csv" | cut -d, -f2)
"$AIMAP" invite -r INV --revoke "$revoked" >/dev/null 2>&1 ||
	abort "could not revoke"
questions=5 # the citizen track of the minimal questionnaire

# ---- the code first, at 80x24 ----------------------------------------------------

start 80 24 take -r INV
wait_for "Your invitation code"
compare_screen invite-80x24-code
keys Enter
wait_for "Round INV takes answers only with an invitation code."
send_text "ABCD-EFGH"
keys Enter
wait_for "That is not an invitation code"
for i in 1 2 3 4 5 6 7 8 9; do keys BSpace; done
send_text "$revoked"
keys Enter
wait_for "That invitation code was revoked"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do keys BSpace; done
# lower case, without dashes
send_text "$(printf '%s' "$code" | tr -d - | tr A-Z a-z)"
keys Enter
wait_for "From your invitation: Marketing, Manager or team lead, citizen"
compare_screen invite-80x24-name
lacks "resume key"
keys Enter
wait_for "About you  2 / 2"
keys Enter
wait_for "1 / $questions"
lacks "Your resume key"
answer_questions 2 3 4
keys q
expect_exit 0 "leaving half-way"
expect_sql "select s.department, s.role, s.track, s.finished_at is null,
	s.resume_hash is null from response s" "Marketing|manager|citizen|1|1"
expect_sql "select count(*) from invitation i join response s
	on s.id = i.response_id where i.number = 1" 1
expect_sql "select count(*) from answer" 2

# ---- back with the code, at 132x40: the same response -------------------------

start 132 40 take -i "$code"
wait_for "Welcome back"
compare_screen invite-132x40-welcome
has "Change my name or contact first"
keys Enter
wait_for "3 / $questions"
keys 2
wait_for "4 / $questions"
keys 2
wait_for "5 / $questions"
to_review
keys s
wait_for "Your result: "
keys q
expect_exit 0 "leaving the result"
expect_sql "select count(*), count(finished_at) from response" "1|1"
expect_sql "select department, role, track from response" \
	"Marketing|manager|citizen"

# finished: the code shows the result again, and starts nothing new
start 132 40 take -i "$code"
wait_for "You finished this round"
keys Enter
wait_for "Your result: "
keys q
expect_exit 0 "leaving the result again"
expect_sql "select count(*) from response" 1

# ---- the code screen at 132x40, and a code for another round ----------------------

"$AIMAP" round new "Other" -q "$data/questionnaires/minimal.ini" --code OTH \
	>/dev/null 2>&1 || abort "could not open round OTH"
start 132 40 take -r OTH -i "$code"
expect_exit 1 "a code of another round"
start 132 40 take -r INV
wait_for "Your invitation code"
compare_screen invite-132x40-code
keys Escape
expect_exit 0 "Esc on the code screen"

# a round that also takes people without a code: Enter on the empty
# field goes on without, with a resume key; that key typed in the same
# field later goes back to those answers
"$AIMAP" round new "Open" -q "$data/questionnaires/minimal.ini" \
	-d Engineering --code OPN >/dev/null 2>&1 || abort "no round OPN"
"$AIMAP" invite -r OPN -d Engineering --count 1 >/dev/null 2>&1 ||
	abort "could not invite to OPN"
start 80 24 take -r OPN
wait_for "Without either"
keys Enter
questions=6
to_first_question
wait_for "Your resume key is "
key=$(printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1)
keys 3
wait_for "2 / $questions"
keys q
expect_exit 0 "leaving OPN"
start 80 24 take -r OPN
wait_for "Your invitation code"
send_text "$key"
keys Enter
wait_for "Welcome back"
keys Enter
wait_for "2 / $questions"
keys q
expect_exit 0 "leaving OPN again"
expect_sql "select count(*) from response p join round r on r.id = p.round_id
	where r.code = 'OPN'" 1

# a kiosk cannot serve a round that takes answers only with a code
start 80 24 take -r INV --kiosk
expect_exit 1 "a kiosk on an invitations-only round"

# ---- participation on the dashboard's live view ---------------------------------
# invitation 1 finished, 2 revoked before use: 1 invited, 1 started, 1 done

start 80 24 dashboard -r INV
wait_for "(100% completed)"
check 'printf "%s\n" "$last" | grep -q "^  Marketing  *1  *1  *1$"' \
	"no participation line for Marketing"
has "Invitations"
keys q
expect_exit 0 "leaving the dashboard"

finish
