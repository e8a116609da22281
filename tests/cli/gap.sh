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
expect_err_has "--leaders applies to the summary and plan exports, not responses"

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

# ---- small gaps: a round may show the gap of a team under the minimum --------
# SMALL1: Engineering 3 individual contributors (1 champion) and a manager
# estimating 80%; Marketing 6 (3 champions) and a manager estimating 50%;
# Sales 5 with no leader. SMALL2 the same, with Sales 3. Wilson 90%, by
# hand (python3, statistics.NormalDist): 1 of 3: 7.827 .. 74.647, so 80.0
# lies above it; 3 of 6: 22.126 .. 77.874.
for code in SMALL1 SMALL2; do
	opt=""
	[ "$code" = SMALL2 ] && opt=--small-gaps
	# shellcheck disable=SC2086 # nothing, or one option
	"$AIMAP" round new "Round $code" -q "$minimal" -d Engineering \
		-d Marketing -d Sales --code "$code" $opt >/dev/null 2>&1 ||
		fail "round $code"
	sales=5
	[ "$code" = SMALL2 ] && sales=3
	for i in 1 2 3 4 5 6; do
		kind=skeptic
		[ "$i" -eq 1 ] && kind=champion
		[ "$i" -le 3 ] && person "SEng $i" Engineering individual "$kind" "$code"
		[ "$i" -le "$sales" ] && person "SSal $i" Sales individual "$kind" "$code"
		kind=skeptic
		[ "$i" -le 3 ] && kind=champion
		person "SMkt $i" Marketing individual "$kind" "$code"
	done
	person "SLead E" Engineering manager champion "$code" "80, 10, 10"
	person "SLead M" Marketing manager champion "$code" "50, 25, 25"
done

# off by default: the team of three shows no gap
run "$AIMAP" round show SMALL1
case $out in *"small gaps"*) fail "small gaps shown by default: $out" ;; esac
run "$AIMAP" report -r SMALL1 --wide
expect_out_has "Engineering: fewer than 5 of their teams answered"
expect_out_has "Marketing: 1 leader estimates 50.0% champions; 50.0% of their teams are (90%: 22.1 to 77.9): no clear gap"

run "$AIMAP" round small-gaps SMALL1 on
expect_status 0 small-gaps-on
expect_out_has "Round SMALL1 shows the perception gap of teams under 5"
run "$AIMAP" round show SMALL1
expect_out_has "small gaps:    shown (a team under 5 shows its perception gap)"
run "$AIMAP" report -r SMALL1 --wide
expect_status 0 small-report
expect_out_has "Engineering: 1 leader estimates 80.0% champions; 33.3% of their teams are (90%: 7.8 to 74.6): leaders clearly overestimate (a team under 5, shown as the round allows)"
expect_out_has "Marketing: 1 leader estimates 50.0% champions"
# the department itself stays hidden in every other table
expect_out_has "  Engineering: fewer than 5"
run "$AIMAP" report -r SMALL1 --format csv
expect_out_has "perception_gap,Engineering,1,5,3,actual_champions_pct,33.3,"
expect_out_has "perception_gap,Engineering,1,5,1,estimated_champions_pct,80.0,"
expect_out_has "segments,Engineering,0,5,,champion_pct,,"
run "$AIMAP" report -r SMALL1 --format html
expect_out_has "3 people: 33% / 0% / 67%"
run "$AIMAP" export summary -r SMALL1 --no-bom
printf '%s\n' "$out" | tr -d '\r' >"$work/small.csv"
python3 - "$work/small.csv" <<'PY' || fail "the summary's small gap"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
eng = [r for r in rows if r["kind"] == "department"
       and r["group"] == "Engineering"][0]
assert eng["shown"] == "0" and eng["n"] == "" and eng["champion_pct"] == "", eng
assert eng["gap_team"] == "3", eng
assert eng["gap_actual_champion_pct"] == "33.3", eng
assert eng["gap_champion_clear"] == "1", eng
PY
# and off again
run "$AIMAP" round small-gaps SMALL1 off
expect_out_has "Round SMALL1 shows no perception gap of a team under 5."
run "$AIMAP" report -r SMALL1 --wide
expect_out_has "Engineering: fewer than 5 of their teams answered"
run "$AIMAP" round small-gaps SMALL1 maybe
expect_status 2 small-gaps-usage
expect_err_has "round small-gaps needs a CODE and on or off"

# Complementary suppression still holds: in SMALL2 the teams of all
# departments (6 + 3 + 3) less Engineering's and Marketing's would give
# Sales's three, who have no leader and so no gap: Engineering's is
# hidden again, Marketing's stays.
run "$AIMAP" round show SMALL2
expect_out_has "small gaps:    shown"
run "$AIMAP" report -r SMALL2 --wide
expect_out_has "Engineering: fewer than 5 of their teams answered"
expect_out_has "Marketing: 1 leader estimates 50.0% champions"
run "$AIMAP" report -r SMALL2 --format csv
case $out in *"perception_gap,Engineering,1,"*)
	fail "a small gap that gives away Sales's team is shown" ;;
esac

# ---- a database made before small gaps (schema 6) ----------------------------
old="$work/old.db"
cp "$AIMAP_DB" "$old"
undo_migration_8 "$old" || fail "cannot make a schema 7 database"
sqlite3 "$old" "ALTER TABLE round DROP COLUMN small_gaps;
	DROP TABLE questionnaire_model;
	PRAGMA user_version = 6" || fail "cannot make a schema 6 database"
before=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM estimate ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent;
	SELECT * FROM round ORDER BY id")
run "$AIMAP" --db "$old" round list
expect_status 0 upgrade
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sqlite3 "$old" "PRAGMA user_version")" = "$newest" ] || fail "not upgraded"
after=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM estimate ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent;
	SELECT id, uuid, code, name, questionnaire_id, state, min_group,
	created_at, closed_at, held, invitations_only FROM round ORDER BY id")
[ "$before" = "$after" ] || fail "the upgrade changed answers or rounds"
[ "$(sqlite3 "$old" "SELECT count(*) FROM round WHERE small_gaps = 0")" = \
	"$(sqlite3 "$old" "SELECT count(*) FROM round")" ] ||
	fail "an old round shows small gaps"

finish
