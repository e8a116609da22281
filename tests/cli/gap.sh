#!/bin/sh
# SPDX-License-Identifier: MIT
# The perception gap with the leaders in a round of their own
# (aimap report -r TEAMS --leaders LEAD), executives set against the whole
# organisation, and whether a gap is clear. Set up by hand:
#   round TEAM1 (teams): Engineering 5 individual contributors, 1 champion;
#                    Marketing 5, 2 champions. The organisation: 3 of 10.
#   round LEAD1 (leaders): two Engineering managers estimate 80% and 60%
#                    champions (mean 70.0); one executive estimates 30%.
# Wilson 90% intervals, by hand in python3 (statistics.NormalDist):
#   1 of 5: 4.596 .. 56.471  -> 70.0 lies above: leaders clearly overestimate
#   3 of 10: 12.688 .. 55.830 -> 30.0 lies inside: no clear gap
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"

# name, department, role, champion|skeptic, round[, estimate]
person() {
	sed -e "s/^name =.*/name = $1/" -e "s/^department =.*/department = $2/" \
		-e "s/^role =.*/role = $3/" "$data/answers/$4.ini" >"$work/p.ini"
	# everyone answers the estimate; only the leaders' count
	[ $# -ge 6 ] && sed -i "s/^split =.*/split = $6/" "$work/p.ini"
	"$AIMAP" submit -r "$5" "$work/p.ini" >/dev/null || fail "submit $1 to $5"
}

for code in TEAM1 LEAD1; do
	"$AIMAP" round new "Round $code" -q "$minimal" -d Engineering \
		-d Marketing --code "$code" >/dev/null 2>&1 || fail "round $code"
done
for i in 1 2 3 4 5; do
	kind=skeptic
	[ "$i" -eq 1 ] && kind=champion
	person "Eng $i" Engineering individual "$kind" TEAM1
	kind=skeptic
	[ "$i" -le 2 ] && kind=champion
	person "Mkt $i" Marketing individual "$kind" TEAM1
done
person "Lead 1" Engineering manager champion LEAD1 "80, 10, 10"
person "Lead 2" Engineering manager skeptic LEAD1 "60, 20, 20"
person "Boss" Marketing executive champion LEAD1 "30, 40, 30"

# --wide: one line a sentence, for the checks below (the default wraps at 80)
run "$AIMAP" report -r TEAM1 --leaders LEAD1 --wide
expect_status 0 paired
expect_out gap-text.out
expect_out_has "the leaders answered in round LEAD1"
expect_out_has "Engineering: 2 leaders estimate 70.0% champions; 20.0% of their teams are (90%: 4.6 to 56.5): leaders clearly overestimate"
expect_out_has "Executives, against the whole organisation: 1 executive estimates 30.0% champions; 30.0% of the organisation are (90%: 12.7 to 55.8): no clear gap"

# Without --leaders the teams' round has no leaders: no estimate.
run "$AIMAP" report -r TEAM1
expect_status 0 unpaired
expect_out_has "Whole round: no leader gave an estimate"

# The same pairing in the summary export: numbers in numeric columns,
# whether the gap is clear as 1 or 0.
run "$AIMAP" export summary -r TEAM1 --leaders LEAD1 --no-bom
expect_status 0 summary
printf '%s\n' "$out" | tr -d '\r' >"$work/summary.csv"
python3 - "$work/summary.csv" <<'PY' || fail "the summary's gap columns"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
eng = [r for r in rows if r['kind'] == 'department' and r['group'] == 'Engineering'][0]
assert eng['round_code'] == 'TEAM1' and eng['questionnaire'] == 'minimal', eng
assert eng['gap_leaders'] == '2' and eng['gap_team'] == '5', eng
assert eng['gap_estimated_champion_pct'] == '70.0', eng
assert eng['gap_actual_champion_pct'] == '20.0', eng
assert eng['gap_champion_points'] == '50.0', eng
assert eng['gap_champion_clear'] == '1', eng
whole = [r for r in rows if r['kind'] == 'round'][0]
assert whole['gap_leaders'] == '3' and whole['gap_champion_clear'] == '1', whole
PY
run "$AIMAP" export responses -r TEAM1 --leaders LEAD1
expect_status 2 leaders-not-taken
expect_err_has "--leaders applies to the summary export, not responses"

# Near the line: a citizen builder who uses AI daily (100, weight 2) and
# has built nothing (0, weight 1) has an adoption depth of 200 / 3 = 66.7,
# within 5 points of the champion threshold 70 of minimal.ini; the three
# skeptics (0 and 25: 8.3) are near no line.
"$AIMAP" round new "Near" -q "$minimal" -d Engineering --code NEAR1 \
	>/dev/null 2>&1 || fail "round NEAR1"
for i in 1 2; do
	sed -e "s/^name =.*/name = Near $i/" -e "s/^department =.*/department = Engineering/" \
		-e "s/^often =.*/often = 3/" -e "s/^made =.*/made = 1/" \
		"$data/answers/skeptic.ini" >"$work/near.ini"
	run "$AIMAP" submit -r NEAR1 "$work/near.ini"
	expect_status 0 "near $i"
	expect_out_has "Near the line: 66.7 is within 5 points of the champion threshold 70"
done
for i in 1 2 3; do
	sed -e "s/^name =.*/name = Far $i/" -e "s/^department =.*/department = Engineering/" \
		"$data/answers/skeptic.ini" >"$work/far.ini"
	run "$AIMAP" submit -r NEAR1 "$work/far.ini"
	case $out in *"Near the line"*) fail "far $i is said to be near" ;; esac
done
run "$AIMAP" report -r NEAR1
expect_out_has "Near the line (adoption within 5 points of a segment threshold"
expect_out_has "  Whole round: 2 of 5"
run "$AIMAP" report -r NEAR1 --format csv
case $out in *"segments,Whole round,1,5,5,near_line,2,"*) ;;
*) fail "near_line not in the CSV: $out" ;; esac

run "$AIMAP" report -r TEAM1 --leaders NOPE
expect_status 1 unknown-leaders
expect_err_has "no round with code 'NOPE' for --leaders"

finish
