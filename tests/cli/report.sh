#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap report: every comparison as text or CSV, on a synthetic
# organisation (aimap demo, fixed seed) so the numbers are known.
. "$top_srcdir/tests/cli/lib.sh"

"$AIMAP" demo --respondents 80 --seed 5 >/dev/null 2>&1 || fail "demo"

run "$AIMAP" report -r DEMO-2
expect_status 0 text
expect_out report-text.out
# The perception gap in plain words: the leaders answered the estimate.
expect_out_has "leaders estimate"
expect_out_has "of their teams are"

# Fits 80 columns by default (tables split, text wrapped, the heatmap in
# column groups with labels); --wide keeps one wide table a view.
cols() { # the widest line of stdout, in display columns
	printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else
                  0 if unicodedata.combining(c) else 1 for c in s)
print(max(w(l) for l in sys.stdin.read().split("\n")))'
}
run "$AIMAP" report -r DEMO-2 --compare DEMO-1
expect_status 0 narrow
[ "$(cols)" -le 80 ] || fail "the text report is $(cols) columns wide"
expect_out_has "DEPARTMENT             Sharing  Proof by example  Guardrails"
expect_out_has "Mean score from 0 to 100 of the people in each department"
run "$AIMAP" report -r DEMO-2 --wide
expect_status 0 wide
expect_out report-wide.out
[ "$(cols)" -gt 100 ] || fail "--wide is only $(cols) columns wide"

run "$AIMAP" report -r DEMO-2 --by role --format csv
expect_status 0 csv
expect_out report-role.csv
printf '%s\n' "$out" >"$work/role.csv"
python3 - "$work/role.csv" <<'PY' || fail "the CSV does not parse with 8 fields a row"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert rows[0] == ['view', 'group', 'shown', 'min_group', 'n', 'measure',
                   'value', 'text'], rows[0]
assert all(len(r) == 8 for r in rows), [r for r in rows if len(r) != 8][:3]
assert any(r[0] == 'perception_gap' for r in rows)
PY

run "$AIMAP" report -r DEMO-2 --compare DEMO-1 --by track
expect_status 0 compare
expect_out_has "Change since round DEMO-1"
expect_out_has "people in both rounds:"
expect_out_has "Segments by track"

# Privacy in the change per department: Product has four people in each
# round, so neither its count nor its shares nor its moves show.
run "$AIMAP" report -r DEMO-2 --compare DEMO-1
expect_status 0 compare-departments
expect_out_has "  Product
    fewer than 5 in one of the rounds
    people in both rounds: fewer than 5"
case $out in *"Product (n"*) fail "a hidden group's count is shown: $out" ;; esac
run "$AIMAP" report -r DEMO-2 --compare DEMO-1 --format csv
case $out in *"change,Product,0,5,,champion_pct_before,,"*) ;;
*) fail "a hidden group's change row lacks shown 0 and min_group 5" ;; esac
case $out in *"change,Product,1,"* | *"change,Product,0,5,4,"* | *"change,Product,0,5,,champion_pct_before,0"*)
	fail "a hidden group's numbers are in the CSV" ;;
esac

# Privacy: a round of three is "fewer than 5" with no numbers at all.
"$AIMAP" round new "Tiny" -q "$data/questionnaires/minimal.ini" --code TINY \
	>/dev/null 2>&1 || fail "round"
for i in 1 2; do
	"$AIMAP" submit -r TINY "$data/answers/champion.ini" >/dev/null ||
		fail "submit"
done
# a champion who did not agree to be named
sed -e 's/^name = .*/name = Zed/' -e 's/^champion_contact = .*/champion_contact = no/' \
	"$data/answers/champion.ini" >"$work/zed.ini"
"$AIMAP" submit -r TINY "$work/zed.ini" >/dev/null || fail "submit"
run "$AIMAP" report -r TINY
expect_status 0 tiny
expect_out_has "Whole round               fewer than 5"
echo "$out" | grep -q "% (" && fail "a hidden round shows numbers: $out"
echo "$out" | grep -q "Zed" && fail "a champion who did not agree is named"
expect_out_has "p-001, Engineering" # who agreed to be listed
run "$AIMAP" report -r TINY --format csv
printf '%s\n' "$out" | tr -d '\r' | awk -F, '$1 == "segments" && $3 == "fewer than 5" &&
	$4 != "in_progress" && $5 != "" { bad = 1 } END { exit bad }' ||
	fail "a hidden group has numbers in CSV: $out"
echo "$out" | grep -q "Zed" && fail "CSV names a champion who did not agree"

# A department name too long for 80 columns is cut in the tables, whole
# with --wide and in the sentences.
long="Research, Development and Very Long Names 日本語"
"$AIMAP" round new "Long" -q "$data/questionnaires/minimal.ini" --code LONG \
	--min-group 1 >/dev/null 2>&1 || fail "round"
sed -e "s/^department = .*/department = $long/" "$data/answers/champion.ini" \
	>"$work/long.ini"
"$AIMAP" submit -r LONG "$work/long.ini" >/dev/null || fail "submit"
run "$AIMAP" report -r LONG
[ "$(cols)" -le 80 ] || fail "a long department makes it $(cols) columns wide"
expect_out_has "  Research, Development and V…"
expect_out_has "p-001, $long"
run "$AIMAP" report -r LONG --wide
expect_out_has "  $long  "

# Refusals
run "$AIMAP" report -r NOPE
expect_status 1 unknown-round
expect_err_has "no round with code 'NOPE'"
run "$AIMAP" report -r DEMO-2 --compare NOPE
expect_status 1 unknown-compare
expect_err_has "no round with code 'NOPE' to compare with"
run "$AIMAP" report --by colour
expect_status 2 bad-by
expect_err_has "--by takes department, role or track, not 'colour'"
run "$AIMAP" report --format xml
expect_status 2 bad-format

finish
