#!/bin/sh
# SPDX-License-Identifier: MIT
# One number, one text: for the same round, every segment share on the
# dashboard's screen, in the text report and in the report's CSV reads the
# same (one decimal, halves away from zero, the three adding up to 100).
. "$top_srcdir/tests/e2e/lib.sh"

"$AIMAP" demo --respondents 80 --seed 5 >/dev/null 2>&1 || abort "demo"
"$AIMAP" report -r DEMO-2 >"$work/report.txt" || abort "report"
"$AIMAP" report -r DEMO-2 --format csv >"$work/report.csv" || abort "csv"

start 120 50 dashboard -r DEMO-2
wait_for "Answers so far"
keys Tab
wait_for "Finance"
screen >"$work/screen.txt"

python3 - "$work/screen.txt" "$work/report.txt" "$work/report.csv" <<'PY' ||
import csv, re, sys
screen, text, table = (open(p, encoding='utf-8').read() for p in sys.argv[1:4])
# (Finance is withheld beside Product: complementary suppression)
groups = ['Whole round', 'Engineering', 'Marketing', 'Sales',
          'Customer Success', 'Operations']
def from_screen(g):
    m = re.search(r'^  ' + g + r' .*? C *([0-9.]+)% W *([0-9.]+)% K *([0-9.]+)%',
                  screen, re.M)
    return m and list(m.groups())
def from_text(g):
    # the first table, "Segments by department"
    m = re.search(r'^  ' + g + r' +\d+ +([0-9.]+)% \(\d+\) +([0-9.]+)% \(\d+\)'
                  r' +([0-9.]+)% \(\d+\)', text, re.M)
    return m and list(m.groups())
rows = list(csv.reader(table.splitlines()))
def from_csv(g):
    got = {r[5]: r[6] for r in rows if r[0] == 'segments' and r[1] == g}
    return [got.get(k) for k in ('champion_pct', 'willing_pct', 'cautious_pct')]
for g in groups:
    s, t, c = from_screen(g), from_text(g), from_csv(g)
    assert s and t and c, (g, s, t, c)
    assert s == t == c, (g, 'screen', s, 'text', t, 'csv', c)
    assert abs(sum(float(x) for x in s) - 100) < 1e-9, (g, s)
print('ok')
PY
	fail "screen, text and CSV differ: $(cat "$work/screen.txt")"
checks=$((checks + 1))

keys q
expect_exit 0 "quitting the dashboard"
finish
