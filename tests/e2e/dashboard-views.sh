#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard's views on a demo organisation, at 80x24 and 160x48:
# PgDn, Space, PgUp, Home and End scroll every view, and a mark says when
# there is more above or below; the heatmap has five shades, each with a
# glyph (so it reads without colour), a legend, and every dimension's
# label whole in column groups, one group where the terminal is as wide
# as all the columns need; the segment legend is drawn in the bars'
# own colours; "Discuss first" shows each choice's text and says what
# spread means; the Live view aligns department names by display width.
. "$top_srcdir/tests/e2e/lib.sh"

"$AIMAP" demo --respondents 80 --seed 5 >/dev/null 2>&1 || abort "demo"
# the labels of the demo questionnaire's dimensions, and the texts of its
# choices, one a line, from the questionnaire the round stores
sql "SELECT q.source FROM questionnaire q JOIN round r
	ON r.questionnaire_id = q.id WHERE r.code = 'DEMO-2'" >"$work/source"
dimensions=$(awk '/^\[/ { dim = /^\[dimension\./ }
	dim && /^label *=/ { sub(/^label *= *"?/, ""); sub(/"$/, ""); print }' \
	"$work/source")
sed -n 's/^choice[0-9]* *= *"\(.*\)"$/\1/p' "$work/source" >"$work/choices"
[ -n "$dimensions" ] && [ -s "$work/choices" ] || abort "no questionnaire"
# one more department, named in accents and CJK, for the Live view
"$AIMAP" round new "Names" -q "$data/questionnaires/minimal.ini" \
	-d "Qualität 日本" -d Sales --code NAMES >/dev/null 2>&1 || abort "round"

# The heatmap's column headings on screen $1: each group's line starts
# after the department names, 20 columns in.
heading_lines() { # SCREEN
	printf '%s\n' "$1" | grep -E '^ {20}[^ ]'
}

# Those lines' labels, one a line: columns are 2 or more spaces apart.
labels() {
	sed 's/^ *//' | awk -F '  +' '{ for (i = 1; i <= NF; i++) print $i }'
}

# Every heading on screen $1 is a dimension's label, whole.
whole_labels() { # SCREEN
	[ -n "$(heading_lines "$1")" ] || return 1
	heading_lines "$1" | labels | while IFS= read -r label; do
		printf '%s\n' "$dimensions" | grep -qxF -- "$label" || return 1
	done
}

# Each number in the heatmap's rows on screen $1 has its shade's glyph
# beside it, as the legend says: ▁ 0-29, ▂ 30-44, ▄ 45-59, ▆ 60-74, █ 75+.
shades_right() { # SCREEN
	printf '%s\n' "$1" | python3 -c '
import re, sys
cells = []
for line in sys.stdin.read().split(chr(10)):
    if re.fullmatch(r"  [^ ].{0,16}?( +[0-9.]+ [^ ])+", line):
        cells += re.findall(r" ([0-9.]+) ([^ ])", line[18:])
assert cells
for v, g in cells:
    assert g == "▁▂▄▆█"[sum(float(v) >= m for m in (30, 45, 60, 75))], (v, g)
'
}

# A department's row in the heatmap on screen $1 is its name and N
# numbers, each with a glyph beside it.
row_cells() { # SCREEN DEPARTMENT N
	printf '%s\n' "$1" | grep -Eq "^  $2( +[0-9.]+ [▁▂▄▆█]){$3}\$"
}

start 80 24 dashboard -r DEMO-2
wait_for "Live 1/9"

# ---- every view scrolls, with marks --------------------------------------
keys Tab Tab
wait_for "Leaders and teams 3/9"
has "↓ more below: PgDn, Space, End"
lacks "more above"
keys End
wait_for "end of the view: PgUp, Home"
has "↑ more above: PgUp, Home"
# the view's last line: the perception gap of the whole round
# (the sentence wraps: read the screen's lines joined)
check 'echo "$last" | tr "\n" " " | grep -Eq "  Whole round: [0-9]+ leaders estimate [0-9.]+% champions; [0-9.]+% of their +teams +are "' \
	"the end of the view lacks the whole round's perception gap: $last"
lacks "Leaders (executives"
keys Home
wait_for "Leaders (executives, managers, senior technical)"
lacks "more above"
keys Space
wait_for "↑ more above"
lacks "Leaders (executives"
keys PPage
wait_for "Leaders (executives"
keys NPage
wait_for "↑ more above"

# ---- the heatmap ----------------------------------------------------------
keys Tab Tab
wait_for "Heatmap 5/9"
has "▁ 0-29   ▂ 30-44   ▄ 45-59   ▆ 60-74   █ 75+"
# labels whole, in groups of columns that fit 80, each column a number
# with its glyph
check 'whole_labels "$last"' "the first column groups are not whole: $last"
n=$(heading_lines "$last" | head -n 1 | labels | grep -c .)
check 'row_cells "$last" Engineering $n' \
	"no shade glyphs beside the numbers of the first group's $n columns: $last"
check 'shades_right "$last"' "a number without its shade's glyph: $last"
lacks "widen the terminal"
keys End
wait_for "end of the view"
check 'whole_labels "$last"' "the last column groups are not whole: $last"
n=$(heading_lines "$last" | tail -n 1 | labels | grep -c .)
check 'echo "$last" | grep "^  Engineering" | tail -n 1 |
	grep -Eq "^  Engineering( +[0-9.]+ [▁▂▄▆█]){$n}$"' \
	"the last column group has not its $n columns whole: $last"
# five shades in colour: the cells' backgrounds differ by shade
colours=$(t capture-pane -e -p -t "$session" | grep -o '\[[0-9;]*m *[0-9.]* [▁▂▄▆█]' |
	sed 's/ *[0-9.]* / /' | sort -u | wc -l)
check '[ "$colours" -ge 5 ]' "fewer than five shades drawn: $colours"

# ---- discuss first --------------------------------------------------------
keys Tab Tab
wait_for "Discuss first 7/9"
has "Spread is how far apart the answers are"
# each spread in the words that fit it: 35 or more splits the room, 20 or
# more spreads the answers widely
check 'echo "$last" | python3 -c "
import re, sys
found = re.findall(r\"(?m)^ +spread ([0-9]+) over [0-9]+ answers: (.*)$\", sys.stdin.read())
assert found
for s, words in found:
    s = int(s)
    fit = {\"the room is split\": s >= 35, \"answers spread widely\": 20 <= s <= 35,
           \"most people answered alike\": s <= 20}
    assert fit.get(words), (s, words)
"' "a spread not in the words that fit it: $last"
# the first question's choices by their texts (whole, or cut short with …),
# each with how many chose it and its share: the counts make its answers
check 'echo "$last" | python3 -c "
import re, sys
texts = open(sys.argv[1]).read().split(chr(10))
lines = sys.stdin.read().split(chr(10))
at = next(i for i, l in enumerate(lines) if re.match(r\" +spread \", l))
n = int(re.search(r\"over ([0-9]+) answers\", lines[at]).group(1))
total = 0
for l in lines[at + 1:]:
    m = re.fullmatch(r\" {6}(.*?) +([0-9]+) +([0-9]+)%  [█░]+\", l)
    if not m:
        break
    text, count = m.group(1), int(m.group(2))
    assert text in texts or (text.endswith(chr(8230)) and
                             any(t.startswith(text[:-1]) for t in texts)), text
    assert abs(int(m.group(3)) - 100 * count / n) <= 0.5, l
    total += count
assert total == n, (total, n)
" "$work/choices"' "no choice text with its count: $last"

# ---- the legend in the bars' colours -------------------------------------
keys Tab Tab Tab Tab
wait_for "Segments 2/9"
check 't capture-pane -e -p -t "$session" | python3 -c "
import re, sys
lines = sys.stdin.read().split(chr(10))
legend = next(l for l in lines if \"champions (C)\" in l)
bar = next(l for l in lines if \"Whole round\" in l and \" n=\" in l)
glyph = lambda l, g: re.findall(chr(27) + r\"\\[([0-9;]*)m\" + g, l)[0]
for g in \"█▓░\":
    assert glyph(legend, g) == glyph(bar, g), (g, glyph(legend, g), glyph(bar, g))
"' "the legend's colours differ from the bars'"

# ---- 160x48: everything fits ----------------------------------------------
t resize-window -t "$session" -x 160 -y 48
keys Tab Tab Tab
wait_for "Heatmap 5/9"
lacks "more below"
# the groups hold every dimension's label once
check '[ "$(heading_lines "$last" | labels | sort)" = "$(printf "%s\n" "$dimensions" | sort)" ]' \
	"the column groups at 160 do not hold each dimension once: $last"
# The width the columns need in one group: the department names, each
# group's columns as wide as on the screen, 2 columns apart, and a margin
# of 2; then the heading that one group has.
wide=$(printf '%s\n' "$last" | python3 -c '
import re, sys
groups = []
for line in sys.stdin.read().split(chr(10)):
    if re.match(r" {20}[^ ]", line):
        groups.append([line])
    elif line.strip() and groups and groups[-1]:
        groups[-1].append(line)
    elif groups and groups[-1]:
        groups.append([])
groups = [g for g in groups if g]
widths = [max(len(l) for l in g) - 20 for g in groups]
print(20 + sum(widths) + 2 * (len(groups) - 1) + 2)
print(" " * 20 + "  ".join(g[0][20:].ljust(w) for g, w in zip(groups, widths)).rstrip())
')
need=${wide%%"$nl"*}
heading=${wide#*"$nl"}
keys BTab BTab
wait_for "Leaders and teams 3/9"
has "Whole round: "
has " leaders estimate "
lacks "more below"
# all the columns in one group, at 160 if they fit, or as wide as they need
keys Tab Tab
wait_for "Heatmap 5/9"
width=160
if [ "$need" -gt 160 ]; then
	width=$need
	t resize-window -t "$session" -x "$width" -y 48
fi
check 'poll line "$heading" "$timeout"' \
	"the columns are not one group at $width columns, $need needed: $last"

keys q
expect_exit 0 "quitting the dashboard"

# ---- monochrome: the heatmap's shades as glyphs alone ---------------------
start_cmd 80 24 env NO_COLOR=1 "$AIMAP" dashboard -r DEMO-2
wait_for "Live 1/9"
keys Tab Tab Tab Tab
wait_for "Heatmap 5/9"
# (Customer Success is withheld: issue 11's complementary suppression)
n=$(heading_lines "$last" | head -n 1 | labels | grep -c .)
check 'row_cells "$last" "Operations" $n && shades_right "$last"' \
	"no shade glyphs without colour: $last"
t capture-pane -e -p -t "$session" | grep -q "$(printf '\033')\[[0-9;]*4[0-7]m" &&
	fail "NO_COLOR still paints backgrounds"
keys q
expect_exit 0 "quitting the monochrome dashboard"

# ---- the Live view aligns by display width ---------------------------------
for dep in "Qualität 日本" Sales; do
	sed -e "s/^department = .*/department = $dep/" \
		"$data/answers/champion.ini" >"$work/a.ini"
	"$AIMAP" submit -r NAMES "$work/a.ini" >/dev/null || fail "submit"
done
start 80 24 dashboard -r NAMES
wait_for "Answers so far"
check 'echo "$last" | python3 -c "
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in s)
cols = {w(l[:l.index(\" done\")]) for l in sys.stdin.read().split(chr(10)) if \" done\" in l}
assert len(cols) == 1, cols
"' "the Live view's columns do not line up: $last"
keys q
expect_exit 0 "quitting"
finish
