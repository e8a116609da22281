#!/bin/sh
# SPDX-License-Identifier: MIT
# Text in several scripts (accents, CJK, emoji), long enough to wrap: it is
# wrapped by display width, nothing runs past the edge or gets cut in the
# middle of a character, a name and a department typed in UTF-8 are stored
# as typed, and the assessment completes. At 80x24 and at the minimum size.
. "$top_srcdir/tests/e2e/lib.sh"

q="$data/questionnaires/utf8.ini"
"$AIMAP" round new "Unicode" -q "$q" --code UTF >/dev/null 2>&1 ||
	abort "could not open the round"

# A value of the questionnaire file, unquoted.
value() { # SECTION KEY
	awk -v sec="[$1]" -v key="$2" '
		/^\[/ { in_sec = ($0 == sec) }
		in_sec && index($0, key " = ") == 1 {
			v = substr($0, length(key) + 4)
			gsub(/^"|"$/, "", v)
			print v
		}' "$q"
}

width() {
	printf '%s' "$1" | wc -L
}

# Every line of the screen fits the width W, and column 0 is empty (text
# that ran past the right edge would wrap there); the lines between the
# title and the key hints keep a right margin of 2.
check_layout() { # W WHERE
	checks=$((checks + 1))
	row=0 bad=""
	rows=$(printf '%s\n' "$last" | wc -l)
	while IFS= read -r line; do
		w=$(width "$line")
		limit=$1
		[ "$row" -eq 0 ] || [ "$row" -eq $((rows - 1)) ] || limit=$(($1 - 2))
		[ "$w" -le "$limit" ] || bad="$bad
  row $row is $w columns wide (at most $limit): $line"
		case $line in
		"" | " "*) ;;
		*) bad="$bad
  row $row starts in column 0: $line" ;;
		esac
		row=$((row + 1))
	done <<EOF
$last
EOF
	[ -z "$bad" ] && return 0
	fail "$2: layout:$bad"
	show_screen
}

# TEXT is on the screen, whole, once the line breaks are taken out.
check_whole() { # TEXT WHERE
	checks=$((checks + 1))
	flat=$(printf '%s' "$last" | tr -d ' \n')
	want=$(printf '%s' "$1" | tr -d ' \n')
	case $flat in
	*"$want"*) return 0 ;;
	esac
	fail "$2: the text is not whole on the screen: $1"
	show_screen
}

# ---- 80x24: the whole assessment --------------------------------------------

start 80 24 take -r UTF
wait_for "Your name, or an alias"
has "Questionnaire à l'échelle 日本語 🚀"
check_layout 80 "title"
send_text "Zoë 日本 🚀"
wait_line "  ▸ Zoë 日本 🚀"
# Backspace takes the whole last character, however many bytes it has
keys BSpace
wait_line "  ▸ Zoë 日本"
keys BSpace BSpace
wait_line "  ▸ Zoë 日"
send_text "本"
wait_line "  ▸ Zoë 日本"
keys Enter
wait_for "About you  2 / 5"
send_text "Ingénierie 技術"
wait_line "  ▸ Ingénierie 技術"
keys Enter
wait_for "About you  3 / 5"
keys Enter
wait_for "About you  4 / 5"
keys Enter
wait_for "About you  5 / 5"
keys Enter

wait_for "1 / 4"
has "Usage quotidien 日常"
check_layout 80 "question 1"
check_whole "$(value question.frequence text)" "question 1"
check_whole "$(value question.frequence help)" "question 1 help"
check_whole "$(value question.frequence choice2)" "question 1 choice 2"
has "3  Chaque jour 🚀"
compare_screen utf8-80x24-question
keys Down Enter

wait_for "2 / 4"
check_layout 80 "question 2"
check_whole "$(value question.nihongo text)" "question 2"
# CJK text wraps by width: its first line fills the 76 columns, not the
# fewer its bytes or the more its characters would give.
checks=$((checks + 1))
first=$(printf '%s\n' "$last" | grep '日本語の長い質問です')
w=$(width "$first")
[ "$w" -ge 72 ] && [ "$w" -le 78 ] ||
	fail "the first CJK line is $w columns wide: $first"
has "4  毎日、ほとんどすべての作業で使う 🎌"
keys 4

wait_for "3 / 4"
check_layout 80 "question 3"
check_whole "$(value question.partage text)" "question 3"
keys 2

wait_for "4 / 4"
check_layout 80 "estimate"
check_whole "$(value question.estimation text)" "estimate"
to_review 30 30 40
check_layout 80 "review"
has "Zoë 日本, Ingénierie 技術"
has "2. 日本語の長い質問です。"
has "2. Oui, plusieurs fois 👍"
compare_screen utf8-80x24-review
keys s

wait_for "Your result: Champion, shares what they learn"
check_layout 80 "result"
has "Usage quotidien 日常"
has "Partage 共有"
check_whole "$(value guidance.champion summary)" "result"
check_whole "$(value guidance.sharing step1)" "result"
keys q
expect_exit 0 "leaving the result"

expect_sql "select r.name, s.department, s.finished_at is not null, s.segment,
	s.subtype from response s join respondent r on r.id = s.respondent_id" \
	"Zoë 日本|Ingénierie 技術|1|champion|sharing"
expect_sql "select question, choice from answer order by question" \
	"frequence|2
nihongo|4
partage|2"

# ---- 50x14: the smallest screen, every step ------------------------------------

start 50 14 take -r UTF
wait_for "Your name, or an alias"
check_layout 50 "50x14 name"
keys Enter
wait_for "About you  2 / 5"
send_text "日本語のとても長い部署の名前、本当に長い名前です"
wait_for "名前です"
check_layout 50 "50x14 department"
keys Enter
for step in 3 4 5; do
	wait_for "About you  $step / 5"
	check_layout 50 "50x14 profile step $step"
	keys Enter
done
for n in 1 2 3; do
	wait_for "$n / 4"
	check_layout 50 "50x14 question $n"
	keys 1
done
wait_for "4 / 4"
check_layout 50 "50x14 estimate"
to_review
check_layout 50 "50x14 review"
keys s
wait_for "Your result: "
check_layout 50 "50x14 result"
keys q
expect_exit 0 "leaving the result at 50x14"
expect_sql "select count(*) from response where finished_at is not null" 2
expect_sql "select department from response where id = 2" \
	"日本語のとても長い部署の名前、本当に長い名前です"

finish
