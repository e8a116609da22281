#!/bin/sh
# SPDX-License-Identifier: MIT
# Resuming: aimap killed with SIGKILL halfway loses no answer; the person
# comes back with the resume key shown when they started (only its hash
# is stored), is shown the profile they gave, goes on at the first
# unanswered question (or changes the profile first, which is stored),
# and after finishing sees their result again. Knowing someone's name and
# department shows, changes and continues nothing of theirs. Anonymous
# people resume the same way. A round closed meanwhile is said so, with
# no resume offered.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

# The resume key on the screen: two groups of five.
screen_key() {
	printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1
}

# ---- killed halfway -----------------------------------------------------------

start 80 24 take -r E2E
to_first_question "Ada Lovelace" "Down Enter"
wait_for "Your resume key is "
key=$(screen_key)
check '[ -n "$key" ]' "no resume key shown"
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
# only a hash of the key is stored
expect_sql "select count(*) from response where resume_hash is not null
	and instr(resume_hash, '$key') = 0
	and instr(resume_hash, replace('$key', '-', '')) = 0" 1

# ---- the same name and department: a new person, nothing of Ada's -------------

start 80 24 take -r E2E
profile "  ada LOVELACE " "Down Enter"
wait_for "1 / 6"
lacks "Welcome back"
has "▸ 1  Never"
lacks "1*"
keys q
expect_exit 0 "the namesake leaves"
expect_sql "select count(*) from answer" 3

# ---- back with the key: welcomed at the first unanswered question ----------

start 80 24 take -r E2E --resume "$(echo "$key" | tr 'A-Z' 'a-z')"
wait_for "Welcome back"
compare_screen resume-welcome-back
# the stored profile is shown, not asked again
has "You told us: Marketing, Individual contributor,"
has "Technical team, not to be contacted as a champion."
has "▸ 1  Go on where I stopped"
has "2  Change my department, role, track or contact first, then go on"
lacks "This is not me"
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
expect_sql "select count(*), count(finished_at) from response
	where resume_hash is not null and finished_at is not null" "1|1"

# ---- finished: the result again, with the key only ----------------------------

start 80 24 take -r E2E --resume "$key"
wait_for "Welcome back"
has "You finished this round on 2026-01-15."
has "▸ 1  See my result again"
lacks "Change my"
keys Enter
wait_for "Your result: "
checks=$((checks + 1))
[ "$last" = "$result" ] || fail "the result shown again differs from the first one"
keys q
expect_exit 0 "leaving the result shown again"

# The same at 120x30: the profile in full, and nothing but the result to
# choose.
start 120 30 take -r E2E --resume "$key"
wait_for "Welcome back"
compare_screen resume-120x30-finished
has "You finished this round on 2026-01-15. You told us: Marketing, Individual contributor"
has "▸ 1  See my result again"
lacks "Change my"
keys q
expect_exit 0 "q on the welcome back"

# A wrong key, or another round's, is refused before any screen.
"$AIMAP" round new "Other" -q "$data/questionnaires/minimal.ini" --code OTHER \
	>/dev/null 2>&1
start 80 24 take -r OTHER --resume "$key"
wait_for "no answers in round OTHER have that resume key"
start 80 24 take -r E2E --resume "ABCDE-FGHIJ"
wait_for "is not a resume key"

# ---- the profile shown on resume, and a change (consent withdrawn) kept --------

start 80 24 take -r E2E
to_first_question "Grace" "Enter" "Enter" "Enter" "Up Enter"
wait_for "Your resume key is "
key2=$(screen_key)
answer_questions 1
keys q
wait_for "$key2"
expect_exit 0 "q mid-questions"
expect_sql "select champion_contact from respondent where name = 'Grace'" 1
start 80 24 take -r E2E --resume "$key2"
wait_for "you may be contacted as a champion."
keys 2
wait_for "About you  1 / 5"
has "Grace"
keys Enter Enter Enter Enter
wait_for "About you  5 / 5"
keys Down Enter
wait_for "2 / 6"
expect_sql "select champion_contact from respondent where name = 'Grace'" 0

# ---- a typed department; role and track changed on the way back ---------------

"$AIMAP" round new "Typed" -q "$data/questionnaires/minimal.ini" --code TYPED \
	>/dev/null 2>&1
start 80 24 take -r TYPED
to_first_question "Bob" "Sales Enter"
wait_for "Your resume key is "
key4=$(screen_key)
answer_questions 1 2
keys q
# The command names aimap as it was run, so the terminal may wrap it
# anywhere (a space at the edge is lost): read the message with the lines
# joined and without spaces.
wait_for "To go on, run"
check "screen | tr -d '\\n ' | grep -qF -- \"Togoon,run'\${AIMAP}take-rTYPED--resume$key4'\"" \
	"the exit message does not say how to go on"
expect_exit 0 "q mid-questions"
start 80 24 take -r TYPED --resume "$key4"
wait_for "Welcome back, Bob."
has "You told us: Sales, Individual contributor, Technical team"
# changing the profile on the way back stores the change
keys 2
wait_for "About you  1 / 5"
keys Enter
wait_for "About you  2 / 5"
keys Enter
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
expect_sql "select s.role, s.track, s.department from response s
	join respondent r on r.id = s.respondent_id where r.name = 'Bob'" \
	"manager|citizen|Sales"

# ---- anonymous people resume the same way --------------------------------------

start 80 24 take -r E2E
to_first_question
wait_for "Your resume key is "
key3=$(screen_key)
answer_questions 1
keys q
wait_for "$key3"
expect_exit 0 "q when anonymous"
start 80 24 take -r E2E --resume "$key3"
wait_for "Welcome back."
keys Enter
wait_for "2 / 6"

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
