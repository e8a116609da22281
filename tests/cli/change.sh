#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap report --compare: change per department with honest uncertainty,
# who moved per department, and only against an earlier round of the same
# questionnaire. The numbers are set up by hand:
#   round B0: Engineering 2 champions + 8 cautious, Marketing 5 cautious
#   round B1: the same 15 people; in Engineering 6 cautious became
#             champions (8 + 2), in Marketing 1 did (1 + 4)
# Newcombe 90% intervals, by hand in python3 (statistics.NormalDist, the
# formulas in src/stats.h):
#   Engineering champions 2/10 -> 8/10: +0.233 .. +0.786, clear
#   Marketing champions   0/5  -> 1/5 : -0.183 .. +0.565, not clear
#   whole round champions 2/15 -> 9/15: +0.178 .. +0.664, clear
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"

# one respondent: name, department, champion|skeptic
person() {
	sed -e "s/^name =.*/name = $1/" -e "s/^department =.*/department = $2/" \
		"$data/answers/$3.ini" >"$work/p.ini"
	"$AIMAP" submit -r "$4" "$work/p.ini" >/dev/null || fail "submit $1 to $4"
}

for code in B0 B1; do
	"$AIMAP" round new "Round $code" -q "$minimal" -d Engineering \
		-d Marketing --code "$code" >/dev/null 2>&1 || fail "round $code"
done
for i in 1 2 3 4 5 6 7 8 9 10; do
	before=skeptic now=skeptic
	[ "$i" -le 2 ] && before=champion
	[ "$i" -le 8 ] && now=champion
	person "Eng $i" Engineering "$before" B0
	person "Eng $i" Engineering "$now" B1
done
for i in 1 2 3 4 5; do
	now=skeptic
	[ "$i" -eq 1 ] && now=champion
	person "Mkt $i" Marketing skeptic B0
	person "Mkt $i" Marketing "$now" B1
done

run "$AIMAP" report -r B1 --compare B0
expect_status 0 text
expect_out change-text.out
expect_out_has "Change since round B0"
expect_out_has "Champion        20.0% -> 80.0%  +60.0"
expect_out_has "people in both rounds: 10; moved: 6 cautious -> champion"
expect_out_has "Champion        0.0% -> 20.0%  +20.0 no clear change"

run "$AIMAP" report -r B1 --compare B0 --format csv
expect_status 0 csv
expect_out change.csv
row() { printf '%s\n' "$out" | tr -d '\r' | grep -F "$1" || fail "no row $1"; }
[ "$(row 'change,Engineering,1,5,10,champion_change_pts,')" = \
	"change,Engineering,1,5,10,champion_change_pts,60.0," ] || fail "eng change"
[ "$(row 'change,Engineering,1,5,10,champion_clear_change,')" = \
	"change,Engineering,1,5,10,champion_clear_change,1," ] || fail "eng clear"
[ "$(row 'change,Marketing,1,5,5,champion_clear_change,')" = \
	"change,Marketing,1,5,5,champion_clear_change,0," ] || fail "mkt not clear"
[ "$(row 'change,Whole round,1,5,15,champion_clear_change,')" = \
	"change,Whole round,1,5,15,champion_clear_change,1," ] || fail "whole clear"
[ "$(row 'change,Marketing,1,5,5,moved_cautious_to_champion,')" = \
	"change,Marketing,1,5,5,moved_cautious_to_champion,1," ] || fail "mkt moves"
[ "$(row 'change,Whole round,1,5,15,moved_cautious_to_champion,')" = \
	"change,Whole round,1,5,15,moved_cautious_to_champion,7," ] || fail "all moves"

# The transitions export: the same moves per department (and role, track).
run "$AIMAP" export transitions -r B1 --baseline B0 --no-bom
expect_status 0 transitions
[ "$(row 'B1,B0,moved,cautious,champion,1,5,6,department,Engineering')" != "" ] ||
	fail "engineering moves in the export"
[ "$(row 'B1,B0,both,,,1,5,5,department,Marketing')" != "" ] ||
	fail "marketing in both rounds in the export"
[ "$(row 'B1,B0,moved,cautious,champion,1,5,7,round,Whole round')" != "" ] ||
	fail "whole round moves in the export"

# Only an earlier round of the same questionnaire: the rest is refused,
# and nothing is printed on standard output.
run "$AIMAP" report -r B0 --compare B1
expect_status 1 later
expect_err_has "round B1 is later than B0: a change is measured from an earlier round"
[ -z "$out" ] || fail "a refused comparison printed a report"
run "$AIMAP" report -r B1 --compare B1
expect_status 1 itself
expect_err_has "round B1 cannot be compared with itself"
"$AIMAP" round new "Other" -q "$data/questionnaires/utf8.ini" --code U1 \
	>/dev/null 2>&1 || fail "round U1"
run "$AIMAP" report -r U1 --compare B0
expect_status 1 other-questionnaire
expect_err_has "only rounds of the same questionnaire can show a change"
run "$AIMAP" export transitions -r B0 --baseline B1
expect_status 1 export-later
expect_err_has "round B1 is later than B0"

finish
