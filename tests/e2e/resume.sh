#!/bin/sh
# SPDX-License-Identifier: MIT
# Resuming: aimap killed with SIGKILL halfway loses no answer; the same
# person (same name and department, in another case and with spaces) is
# welcomed back at the first unanswered question, and after finishing sees
# their result again. Anonymous people are not offered a resume.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

# Name and department say who it is: the welcome back comes right after
# them, before role, track and contact are asked.
# ---- killed halfway -----------------------------------------------------------

start 80 24 take -r E2E
to_first_question "Ada Lovelace" "Down Enter"
answer_questions 3 3 4 2
pid=$(aimap_pid)
kill -9 "$pid"
expect_exit 137 "kill -9"

expect_sql "pragma integrity_check" ok
expect_sql "select r.name, s.department, s.finished_at is null
	from response s join respondent r on r.id = s.respondent_id" \
	"Ada Lovelace|Marketing|1"
expect_sql "select question, choice from answer order by question" \
	"made|4
often|3
shown|2"

# ---- the same person again: welcomed back at the first unanswered question ----

start 80 24 take -r E2E
recognise "  ada LOVELACE " "Down Enter"
compare_screen resume-welcome-back
has "▸ 1  Go on where I stopped"
# the stored profile is shown, not asked again
has "You told us: Individual contributor, Technical"
has "team, not to be contacted as a champion."
has "2  Change my role, track or contact first, then go on"
has "3  This is not me: start as a new person"
keys Enter
wait_for "4 / 6"
has "Do you test claims about AI yourself?"
has "▸ 1  No"
# the answers before are there, with their marks
keys b
wait_for "3 / 6"
has "▸ 2* Yes"
keys Enter
wait_for "4 / 6"
keys 2
wait_for "5 / 6"
keys 1
wait_for "6 / 6"
to_review 34 33 33
has "3. Daily"
has "4 of 5"
keys s
wait_for "Your result: "
wait_for "What next"
result=$last
keys q
expect_exit 0 "leaving the result"
expect_sql "select count(*), count(finished_at) from response" "1|1"
expect_sql "select count(*) from answer" 5

# ---- finished: the result again -----------------------------------------------

start 80 24 take -r E2E
recognise "ADA LOVELACE" "Down Enter"
has "You finished this round on 2026-01-15."
has "▸ 1  See my result again"
keys Enter
wait_for "Your result: "
checks=$((checks + 1))
[ "$last" = "$result" ] || fail "the result shown again differs from the first one"
keys q
expect_exit 0 "leaving the result shown again"
expect_sql "select count(*) from response" 1

# "This is not me" starts afresh under another name.
start 120 30 take -r E2E
recognise "Ada Lovelace" "Down Enter"
compare_screen resume-120x30-finished
has "You finished this round on 2026-01-15. You told us: Individual contributor, Technical"
has "2  This is not me: start as a new person"
lacks "Change my role"
keys 2
wait_for "Please use a different name or alias"
has "About you  1 / 5"

# Another department is another person.
start 80 24 take -r E2E
to_first_question "Ada Lovelace"
lacks "Welcome back"

# ---- a typed department, compared without regard to case or spaces ------------

"$AIMAP" round new "Typed" -q "$data/questionnaires/minimal.ini" --code TYPED \
	>/dev/null 2>&1
start 80 24 take -r TYPED
to_first_question "Bob" "Sales Enter"
answer_questions 1 2
keys q
# The command names aimap as it was run, so the terminal may wrap it
# anywhere (a space at the edge is lost): read the message with the lines
# joined and without spaces.
wait_for "give the same name and department."
check "screen | tr -d '\\n ' | grep -qF -- \"Togoon,run'\${AIMAP}take-rTYPED'\"" \
	"the exit message does not say how to go on"
expect_exit 0 "q mid-questions"
start 80 24 take -r TYPED
recognise " bob" "Space s A L E S Space Enter"
has "Welcome back, Bob."
# changing the profile on the way back stores the change
keys 2
wait_for "About you  3 / 5"
has "▸ 4  Individual contributor"
keys 2
wait_for "About you  4 / 5"
keys 2
wait_for "About you  5 / 5"
keys Enter
# on the citizen track now: five questions, resumed at the second
wait_for "2 / 5"
has "How much have you built with AI?"
expect_sql "select s.role, s.track from response s join respondent r
	on r.id = s.respondent_id where r.name = 'Bob'" "manager|citizen"

# ---- anonymous people cannot resume ------------------------------------------

start 80 24 take -r E2E
to_first_question
answer_questions 1
keys q
wait_for "(anonymously, so they cannot be resumed)"
expect_exit 0 "q when anonymous"
start 80 24 take -r E2E
to_first_question
lacks "Welcome back"
has "▸ 1  Never"
expect_sql "select count(*) from response s join respondent r
	on r.id = s.respondent_id where r.name is null or r.name = ''" 2

# ---- the round closed mid-assessment: said whole, and no resume offered -----

"$AIMAP" round new "Closing" -q "$data/questionnaires/minimal.ini" \
	-d Engineering --code CLOSING >/dev/null 2>&1
start 80 24 take -r CLOSING
to_first_question "Cy"
answer_questions 1 2
"$AIMAP" round close CLOSING >/dev/null 2>&1
keys 2
wait_for "The round was closed: no more answers. Yours so far are kept."
keys q
wait_for "aimap: round CLOSING was closed, so it takes no more answers; those"
lacks "To go on"
expect_exit 0 "q after the round closed"
expect_sql "select count(*) from answer a join response s on s.id = a.response_id
	join round r on r.id = s.round_id where r.code = 'CLOSING'" 1

finish
