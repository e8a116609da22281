#!/bin/sh
# SPDX-License-Identifier: MIT
# A whole assessment in the terminal, from launch to the result: the profile,
# every kind of question (choice, scale, estimate, one meant for a track),
# the review with one answer changed there, submitting, and what the
# database holds afterwards. Once at 80x24 on the technical track, once at
# 132x40 on the citizen track; and a change of track from the review drops
# the answer to the technical question.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

# ---- 80x24, technical track -------------------------------------------------

start 80 24 take -r E2E
wait_for "Your name, or an alias"
compare_screen assessment-80x24-name
send_text "Ada Lovelace"
wait_for "Ada Lovelace"
keys Enter

wait_for "About you  2 / 5"
has "Your department"
keys Down Enter
wait_for "About you  3 / 5"
has "Your role"
keys 2 # manager, chosen by its number
wait_for "About you  4 / 5"
has "Which describes your work best?"
keys Enter # technical, the default
wait_for "About you  5 / 5"
keys 1 # yes, list me as a contact

# The questions: a choice answered by number...
wait_for "1 / 6"
compare_screen assessment-80x24-question
keys 3
# ...a scale answered with the arrows...
wait_for "2 / 6"
has "How much have you built with AI?"
has "▸ 1  Nothing"
keys Down Down Down Down Up
wait_for "▸ 4"
keys Enter
wait_for "3 / 6"
has "Have you shown others how you use it?"
keys 2
wait_for "4 / 6"
keys Down Enter
# ...the question for the technical track only...
wait_for "5 / 6"
has "Is AI part of your delivery pipeline?"
keys 2

# ...and the estimate: a live sum, and Enter refused until it makes 100.
wait_for "6 / 6"
has "How do you think your team splits?"
has "Sum   0 %  must be 100 to go on"
send_text 50
wait_for "Sum  50 %  must be 100 to go on"
keys Tab
send_text 30
wait_for "Sum  80 %"
keys Tab
send_text 2
wait_for "Sum  82 %"
keys Enter
wait_for "add up to 82 %; they must make 100 % before you go on"
has "6 / 6"
lacks "Review"
send_text 0
wait_for "Sum 100 %  ready: Enter confirms"
# a third digit that would pass 100 is refused
send_text 5
wait_for "[ 20 ] %"
has "Sum 100 %"
keys Enter

# The review, and one answer changed from there.
wait_for "Every question is answered"
compare_screen assessment-80x24-review
keys Down Down Down
wait_for "▸ 3. Have you shown others"
keys Enter
wait_for "3 / 6"
has "▸ 2* Yes"
# b on a question opened from the review goes back to the review, with
# the answer as it was
keys b
wait_for "Every question is answered"
has "▸ 3. Have you shown others how you use  2. Yes"
keys Enter
wait_for "3 / 6"
keys 1
wait_for "Every question is answered"
# whole questions and answers, wrapped in their columns
has "▸ 3. Have you shown others how you use  1. No"
has "   it?"
# the profile is shown as given
has "Ada Lovelace, Marketing, Manager or"
has "team lead, Technical team"

keys s
wait_for "Your result: Champion, works alone"
compare_screen assessment-80x24-result
# "Where you scored low" agrees with the bars: Sharing shows 0 there and
# is listed, though the minimal questionnaire gives it no advice.
has "Sharing"
keys PgDn
wait_for "Where you scored low"
has "Sharing (0)"
keys q
expect_exit 0 "leaving the result"

expect_sql "select count(*) from response" 1
expect_sql "select r.name, s.department, s.role, s.track, r.champion_contact,
	s.finished_at, s.segment, s.subtype, round(s.adoption, 2)
	from response s join respondent r on r.id = s.respondent_id" \
	"Ada Lovelace|Marketing|manager|technical|1|2026-01-15T09:30:00Z|champion|alone|91.67"
expect_sql "select question, choice from answer order by question" \
	"made|4
often|3
pipeline|2
proof|2
shown|1"
expect_sql "select question, champions, willing, cautious from estimate" \
	"split|50|30|20"
expect_sql "select dimension, score from response_score order by dimension" \
	"build|75.0
evidence|100.0
share|0.0
use|100.0"

# ---- 132x40, citizen track: the technical question is not asked ------------

start 132 40 take -r E2E
questions=5
# anonymous, an individual contributor, a citizen builder, not a contact
to_first_question "" "" 4 "Down Enter"
compare_screen assessment-132x40-question
keys 1
wait_for "2 / 5"
keys 1
wait_for "3 / 5"
keys 1
wait_for "4 / 5"
has "Do you test claims about AI yourself?"
keys 1
wait_for "5 / 5"
has "How do you think your team splits?"
lacks "pipeline"
to_review
has "anonymous, Engineering, Individual contributor, Citizen builder"
lacks "pipeline"
compare_screen assessment-132x40-review
keys s
wait_for "Your result: Cautious third, has not started yet"
keys q
expect_exit 0 "leaving the result at 132x40"

expect_sql "select r.name is null or r.name = '', s.track, s.segment, s.subtype
	from response s join respondent r on r.id = s.respondent_id
	where s.id = 2" "1|citizen|cautious|not-started"
expect_sql "select count(*) from answer where response_id = 2 and question = 'pipeline'" 0
expect_sql "select champions, willing, cautious from estimate where response_id = 2" "100|0|0"

# ---- the track changed from the review: the technical question is dropped ----

questions=6
start 80 24 take -r E2E
to_first_question "Turing"
keys 3 5 2 2 2
wait_for "6 / 6"
to_review
has "5. Is AI part of your delivery        2. Yes"
has "   pipeline?"
keys Enter
wait_for "About you  1 / 5"
has "▸ Turing"
keys Enter
wait_for "About you  2 / 5"
keys Enter
wait_for "About you  3 / 5"
keys Enter
wait_for "About you  4 / 5"
keys 2
wait_for "About you  5 / 5"
keys Enter
wait_for "Every question is answered"
has "5. How do you think your team splits? 100 / 0 / 0 %"
lacks "pipeline"
keys s
wait_for "Your result: "
keys q
expect_exit 0 "leaving the result after a change of track"
expect_sql "select s.track, s.finished_at is not null from response s
	join respondent r on r.id = s.respondent_id where r.name = 'Turing'" \
	"citizen|1"
expect_sql "select group_concat(question) from (select question from answer a
	join response s on s.id = a.response_id join respondent r
	on r.id = s.respondent_id where r.name = 'Turing' order by question)" \
	"made,often,proof,shown"

finish
