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

# The same for the change per department since DEMO-1 (the compare view,
# report --compare, its CSV change rows and export summary --baseline)
# and for the perception gap (the leaders view, the report's sentences,
# its CSV perception_gap rows and the summary's gap columns): each figure
# reads the same everywhere, with one decimal.
"$AIMAP" report -r DEMO-2 --compare DEMO-1 --wide >"$work/change.txt" ||
	abort "report --compare"
"$AIMAP" report -r DEMO-2 --compare DEMO-1 --format csv >"$work/change.csv" ||
	abort "csv --compare"
"$AIMAP" export summary -r DEMO-2 --baseline DEMO-1 --no-bom \
	>"$work/summary.csv" || abort "export summary"

start 160 70 dashboard -r DEMO-2
wait_for "Answers so far"
keys c
wait_for "Champions by department, before -> now"
screen >"$work/compare-screen.txt"
keys q
expect_exit 0 "quitting the compare view"
start 160 70 dashboard -r DEMO-2
wait_for "Answers so far"
keys Tab Tab
wait_for "Perception gap"
screen >"$work/gap-screen.txt"

python3 - "$work/compare-screen.txt" "$work/change.txt" "$work/change.csv" \
	"$work/summary.csv" "$work/gap-screen.txt" \
	"$top_srcdir/questionnaires/ai-maturity.ini" <<'PY' ||
import csv, re, sys
compare, text, table, summary, gaps = (
    open(p, encoding='utf-8').read() for p in sys.argv[1:6])
one = re.compile(r'-?\d+\.\d')
groups = ['Whole round', 'Engineering', 'Marketing', 'Sales',
          'Customer Success', 'Operations']
rows = list(csv.reader(table.splitlines()))
sums = list(csv.DictReader(summary.splitlines()))
def summary_row(g):
    for r in sums:
        if (g == 'Whole round' and r['kind'] == 'round') or \
                (r['kind'] == 'department' and r['group'] == g):
            return r
def plain(x):  # "+10.7" and "10.7" are the same text but for the sign
    assert x and one.fullmatch(x.lstrip('+')), x
    return x.lstrip('+')
checked = 0
# ---- champions before, now, change --------------------------------------
for g in groups:
    m = re.search(r'^    ' + re.escape(g) + r' +([0-9.]+)% -> +([0-9.]+)% '
                  r'([+-]?[0-9.]+) ', compare, re.M)
    screen = m and [plain(x) for x in m.groups()]
    m = re.search(r'^  ' + re.escape(g) + r' \(n \d+ -> \d+\)\n'
                  r'    Champion +([0-9.]+)% -> ([0-9.]+)% +([+-]?[0-9.]+)',
                  text, re.M)
    words = m and [plain(x) for x in m.groups()]
    got = {r[5]: r[6] for r in rows if r[0] == 'change' and r[1] == g}
    cells = [got.get('champion_pct_before'), got.get('champion_pct_now'),
             got.get('champion_change_pts')]
    s = summary_row(g)
    exported = [s['champion_pct'], s['change_champion_pct']]
    assert screen and words and all(cells), (g, screen, words, cells)
    assert screen == words == [plain(c) for c in cells], \
        (g, 'screen', screen, 'text', words, 'csv', cells)
    assert exported == [plain(cells[1]), plain(cells[2])], \
        (g, 'summary', exported, 'csv', cells)
    checked += 1
# ---- the perception gap ---------------------------------------------------
flat = ' '.join(gaps.split())
flat_text = ' '.join(text.split())
for g in groups[1:]:
    pattern = (re.escape(g) + r': (\d+) leaders? estimates? ([0-9.]+)% '
               r'champions; ([0-9.]+)% of their teams are \(90%: ([0-9.]+) '
               r'to ([0-9.]+)\)')
    on_screen = re.search(pattern, flat)
    in_text = re.search(pattern, flat_text)
    assert on_screen and in_text, (g, on_screen, in_text)
    assert on_screen.groups() == in_text.groups(), \
        (g, on_screen.groups(), in_text.groups())
    leaders, est, act = on_screen.group(1), on_screen.group(2), \
        on_screen.group(3)
    got = {r[5]: (r[4], r[6]) for r in rows
           if r[0] == 'perception_gap' and r[1] == g}
    assert got['estimated_champions_pct'] == (leaders, est), (g, got)
    assert got['actual_champions_pct'][1] == act, (g, got)
    s = summary_row(g)
    assert (s['gap_leaders'], s['gap_estimated_champion_pct'],
            s['gap_actual_champion_pct']) == (leaders, est, act), (g, s)
    assert s['gap_team'] == got['actual_champions_pct'][0], (g, s, got)
    checked += 1
# ---- leaders against teams: the dimensions' means and gap ------------------
row = re.compile(r'^  (\S.*?)\s{2,}([0-9.]+)\s+([0-9.]+)\s+([+-]?[0-9.]+)  '
                 r'(?:no clear|clear)', re.M)
screen_pairs = row.findall(gaps.split('Perception gap')[0])
text_pairs = row.findall(text.split('Leaders against their teams')[1]
                         .split('Perception gap')[0])
assert screen_pairs and screen_pairs == text_pairs, \
    ('screen', screen_pairs, 'text', text_pairs)
assert all(one.fullmatch(d.lstrip('+')) for _, _, _, d in screen_pairs), \
    screen_pairs
checked += len(screen_pairs)
# ---- the dimensions' change since DEMO-1: compare view and summary ----------
ids, dim = {}, None
for line in open(sys.argv[6], encoding='utf-8'):
    m = re.match(r'\[dimension\.([^\]]+)\]', line.strip())
    if m or line.startswith('['):
        dim = m and m.group(1)
    elif dim and line.strip().startswith('label'):
        ids[line.split('=', 1)[1].strip().strip('"')] = dim
whole = summary_row('Whole round')
changes = row.findall(compare.split('Champions by department')[0])
assert changes, compare
for label, now, before, change in changes:
    assert one.fullmatch(change.lstrip('+')), (label, change)
    assert whole['mean_' + ids[label]] == now or float(now) == float(
        whole['mean_' + ids[label]]), (label, now, whole)
    assert plain(change) == whole['change_mean_' + ids[label]], \
        (label, 'screen', change, 'summary',
         whole['change_mean_' + ids[label]])
checked += len(changes)
print('ok', checked)
PY
	fail "change or gap figures differ: $(cat "$work/compare-screen.txt" "$work/gap-screen.txt")"
checks=$((checks + 1))
keys q
expect_exit 0 "quitting the dashboard again"
finish
