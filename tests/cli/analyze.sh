#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap analyze and aimap comments on a real database: the statistics an
# author reads (their arithmetic is pinned in tests/unit/test_analysis.c),
# the minimum group size that hides a small round or department, comments
# that never come with a name, an answer not applicable, and a demo round.
. "$top_srcdir/tests/cli/lib.sh"

q="$work/q.ini"
cat >"$q" <<'INI'
[questionnaire]
id = measure
title = Measuring
version = 1
audience = everyone

[dimension.use]
label = Use
weight = 1
role = adoption

[dimension.want]
label = Intent
weight = 1
role = intent

[question.often]
type = choice
dimension = use
text = How often do you use AI?
choice1 = Never
score1 = 0
choice2 = Weekly
score2 = 50
choice3 = Daily
score3 = 100

[question.check]
type = choice
dimension = use
text = What do you do with its output?
choice1 = I have not used AI for work
score1 = na
choice2 = Use it as it is
score2 = 0
choice3 = Check it
score3 = 100

[question.next]
type = choice
dimension = want
text = What do you want next?
choice1 = Nothing
score1 = 0
choice2 = Training
score2 = 100

[question.tool]
type = choice
text = Which assistant do you use most?
choice1 = A chat
choice2 = One in my editor

[question.help]
type = comment
max_length = 60
text = What would help you most?

[classification]
champion = 70
willing = 40
intent = 60
started = 20

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

"$AIMAP" round new "Measure" -q "$q" --code M1 --min-group 3 >/dev/null 2>&1 ||
	fail "round new"

person() { # name department often check next tool [comment]
	{
		printf '[respondent]\nname = %s\ndepartment = %s\n' "$1" "$2"
		printf 'role = individual\ntrack = citizen\n[answers]\n'
		printf 'often = %s\ncheck = %s\nnext = %s\ntool = %s\n' \
			"$3" "$4" "$5" "$6"
		[ -z "${7:-}" ] || printf 'help = "%s"\n' "$7"
	} >"$work/$1.ini"
	run "$AIMAP" submit -r M1 "$work/$1.ini"
	expect_status 0 "submit $1"
}

person Ana Sales 1 1 2 1 "Time to learn"
run "$AIMAP" analyze -r M1
expect_status 1 "analyze, one response"
expect_err_has "round M1 has 1 finished response, fewer than its minimum group of 3"
[ -z "$out" ] || fail "a refused analysis printed: $out"

person Ben Sales 2 2 1 2 "Examples from my field"
person Cem Sales 3 3 2 2
person Dee Legal 3 3 2 1 "Written by the only lawyer"

# A not-applicable answer scores nothing: Ana's use is her frequency alone
# (0), below started (20), so her intent (100) does not make her willing.
[ "$(sql "select segment from response p join respondent r on r.id = p.respondent_id where r.name = 'Ana'")" = cautious ] ||
	fail "Ana is not cautious"
[ "$(sql "select round(score, 1) from response_score c join response p on p.id = c.response_id join respondent r on r.id = p.respondent_id where r.name = 'Ana' and c.dimension = 'use'")" = 0.0 ] ||
	fail "Ana's not-applicable answer was scored"
[ "$(sql "select count(*) from answer where question = 'check' and choice = 1")" = 1 ] ||
	fail "the not-applicable answer was not stored"

run "$AIMAP" analyze -r M1
expect_status 0 analyze
expect_out analyze-text.out
run "$AIMAP" analyze -r M1 --format csv
expect_status 0 "analyze csv"
expect_out analyze.csv
case $out in *"Time to learn"* | *Ana* | *Ben*) fail "analyze shows a comment or a name" ;; esac

# Comments: Sales (3) shows by department, Legal (1) alone cannot, and
# nothing pools it with another; the whole round (4) can.
run "$AIMAP" comments -r M1
expect_status 0 comments
expect_out comments-text.out
case $out in *"only lawyer"*) fail "a comment of a group under 3 shows" ;; esac
run "$AIMAP" comments -r M1 --whole-round
expect_status 0 "comments whole round"
expect_out_has "Written by the only lawyer"
run "$AIMAP" export comments -r M1
expect_status 0 "export comments"
expect_out comments-export.csv
case $out in *Ana* | *Ben* | *Sales,help,*Written*) fail "export comments: $out" ;; esac

# The answers export names the not-applicable choice and gives no score.
run "$AIMAP" export answers -r M1 --identifiable
expect_status 0 "export answers"
expect_out_has ",check,choice,use,answered,1,I have not used AI for work,,"
expect_out_has ",tool,choice,,answered,1,A chat,,"
case $out in *"Time to learn"* | *",help,"*) fail "the answers export holds a comment question" ;; esac
# and it reads back: import into a new database loses nothing else
printf '%s\n' "$out" >"$work/answers.csv"
"$AIMAP" export answers -r M1 --identifiable -o "$work/answers.csv" 2>/dev/null || fail "export answers -o"
AIMAP_DB="$work/copy.db" "$AIMAP" import -q "$q" "$work/answers.csv" >/dev/null 2>"$work/import.err" ||
	fail "import of the answers export: $(cat "$work/import.err")"
[ "$(sqlite3 -batch "$work/copy.db" "select count(*) from answer")" = 16 ] ||
	fail "the import holds $(sqlite3 -batch "$work/copy.db" "select count(*) from answer") answers, not 16"

# A comment longer than max_length is refused, with its line.
{
	printf '[respondent]\nname = Eve\ndepartment = Legal\n'
	printf 'role = individual\ntrack = citizen\n[answers]\n'
	printf 'often = 1\ncheck = 1\nnext = 1\ntool = 1\n'
	printf 'help = %s\n' "$(printf 'x%.0s' $(seq 1 61))"
} >"$work/eve.ini"
run "$AIMAP" submit -r M1 "$work/eve.ini"
expect_status 1 "too long a comment"
expect_err_has "eve.ini:11: the comment to 'help' is 61 bytes long; it may have at most 60"
[ "$(sql "select count(*) from response")" = 4 ] || fail "a refused submit stored a response"

# A demo round: the bundled questionnaire analysed end to end.
AIMAP_DB="$work/demo.db" "$AIMAP" demo --respondents 60 --seed 3 >/dev/null 2>&1 ||
	fail "demo"
AIMAP_DB="$work/demo.db" run "$AIMAP" analyze -r DEMO-2
expect_status 0 "analyze demo"
expect_out_has " finished responses, 0 unfinished."
expect_out_has "What to look at"
expect_out_has "Depth of use"
expect_out_has "path_forward           (unscored)"
# the demo's people take time over each question, within their response
median=$(printf '%s\n' "$out" | awk '$1 == "kind_of_use" { print $6 }')
[ "${median:-0}" -gt 0 ] 2>/dev/null || fail "no time per question in the demo: '$median'"
[ "$(sqlite3 -batch "$work/demo.db" "select count(*) from answer a
	join response p on p.id = a.response_id
	where a.answered_at < p.started_at or a.answered_at > p.finished_at")" = 0 ] ||
	fail "demo answers given outside their response's time"
AIMAP_DB="$work/demo.db" run "$AIMAP" comments -r DEMO-2
expect_status 0 "comments demo"
expect_out_has "What would help you most?"

finish
