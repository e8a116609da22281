#!/bin/sh
# SPDX-License-Identifier: MIT
# Privacy across two rounds (issue 11): no one's segment can be worked
# out by subtracting what one round shows from what the other shows.
# Hand-built rounds where the subtractions gave one person's segment
# before the rule of aimap(1), PRIVACY, "Across two rounds"; the test
# tries them on the exports and fails when any still works.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

# as CODE ALIAS DEPARTMENT SEGMENT: one individual contributor of the
# technical track whose answers put them in SEGMENT (minimal.ini)
as() {
	case $4 in
	champion) set -- "$1" "$2" "$3" 3 5 2 2 2 ;;
	willing) set -- "$1" "$2" "$3" 2 4 2 2 1 ;;
	cautious) set -- "$1" "$2" "$3" 1 2 1 1 1 ;;
	*) fail "no segment $4" ;;
	esac
	person "$1" "$2" "$3" individual technical no "$4" "$5" "$6" "$7" \
		"$8" "40, 35, 25"
}

round() {
	"$AIMAP" round new "$2" -q "$minimal" --code "$1" >/dev/null 2>&1 ||
		fail "cannot make round $1"
}

# ---- pair 1: one person joins Marketing, one leaves Sales ------------------

# Marketing: seven in A1, the same seven in A2 in the same segments, and
# mk-8 new in A2. Its counts in A2 less its moves' "to" counts were
# mk-8's segment. Sales: sl-7 only in A1, so A1's counts less the moves'
# "from" counts were sl-7's. Ops: six, the same in both rounds, stays
# shown.
round A1 "Before"
round A2 "After"
for code in A1 A2; do
	as $code mk-1 Marketing champion
	as $code mk-2 Marketing champion
	as $code mk-3 Marketing willing
	as $code mk-4 Marketing willing
	as $code mk-5 Marketing willing
	as $code mk-6 Marketing cautious
	as $code mk-7 Marketing cautious
	for i in 1 2 3; do as $code "sl-$i" Sales willing; done
	for i in 4 5 6; do as $code "sl-$i" Sales cautious; done
	for i in 1 2 3; do as $code "op-$i" Ops champion; done
	for i in 4 5 6; do as $code "op-$i" Ops willing; done
done
as A2 mk-8 Marketing champion
as A1 sl-7 Sales champion

# ---- pair 2: two people of Legal in both rounds ----------------------------

# Marketing and Sales: the same six in both rounds; Legal: seven in each,
# of whom lg-1 and lg-2 took both (both went from cautious to champion)
# and five are new. Legal's moves (two people) are hidden, so the whole
# round's moves less Marketing's and Sales' were theirs.
round C1 "Spring"
round C2 "Autumn"
for code in C1 C2; do
	for i in 1 2 3; do as $code "mk-$i" Marketing champion; done
	for i in 4 5 6; do as $code "mk-$i" Marketing willing; done
	for i in 1 2 3; do as $code "sl-$i" Sales willing; done
	for i in 4 5 6; do as $code "sl-$i" Sales cautious; done
done
as C1 lg-1 Legal cautious
as C1 lg-2 Legal cautious
as C2 lg-1 Legal champion
as C2 lg-2 Legal champion
for i in 3 4 5 6 7; do
	as C1 "lg-$i" Legal willing
	as C2 "lg-new-$i" Legal willing
done

# ---- pair 3: one person changes role, another leaves -----------------------

# Six individual contributors and six managers in Ops, in both rounds in
# the same segments, but for two: mg-1, a champion manager in D1, is an
# individual contributor in D2, and in-6, a willing individual
# contributor in D1, did not come back. By role, individual contributors
# are six in both rounds and all six of D2's are in both: counted by
# this round's group alone, nobody joined or left, and D1's counts less
# the moves' "from" counts were one willing (in-6) and one champion
# less (mg-1).
round D1 "Winter"
round D2 "Summer"
for code in D1 D2; do
	for i in 1 2 3; do
		person $code "in-$i" Ops individual technical no 3 5 2 2 2 "40, 35, 25"
		person $code "mg-$((i + 3))" Ops manager technical no 1 2 1 1 1 "40, 35, 25"
	done
	for i in 4 5; do
		person $code "in-$i" Ops individual technical no 2 4 2 2 1 "40, 35, 25"
		person $code "mg-$((i - 2))" Ops manager technical no 3 5 2 2 2 "40, 35, 25"
	done
	person $code mg-6 Ops manager technical no 1 2 1 1 1 "40, 35, 25"
done
person D1 mg-1 Ops manager technical no 3 5 2 2 2 "40, 35, 25"
person D1 in-6 Ops individual technical no 2 4 2 2 1 "40, 35, 25"
person D2 mg-1 Ops individual technical no 3 5 2 2 2 "40, 35, 25"

# ---- the subtractions, tried -----------------------------------------------

attack() { # NOW BEFORE: prints what the exports give away, if anything
	"$AIMAP" export transitions -r "$1" --baseline "$2" \
		-o "$work/moves-$1.csv" 2>/dev/null ||
		fail "export transitions -r $1"
	"$AIMAP" export summary -r "$1" -o "$work/now-$1.csv" 2>/dev/null ||
		fail "export summary -r $1"
	"$AIMAP" export summary -r "$2" -o "$work/before-$1.csv" 2>/dev/null ||
		fail "export summary -r $2"
	python3 - "$work/moves-$1.csv" "$work/now-$1.csv" \
		"$work/before-$1.csv" <<'PY'
import csv, sys
MIN = 5
SEGS = ["champion", "willing", "cautious"]
def read(p):
    return list(csv.DictReader(open(p, encoding="utf-8-sig", newline="")))
trans, now, before = (read(p) for p in sys.argv[1:4])
def summary(rows):
    return {(r["kind"], r["group"]): r for r in rows if r["shown"] == "1"}
now, before = summary(now), summary(before)
moves, both = {}, {}
for r in trans:
    key = (r["by"], r["group"])
    if not r["people"].isdigit():
        continue
    if r["kind"] == "moved" and r["from"] in SEGS and r["to"] in SEGS:
        moves.setdefault(key, {})[(r["from"], r["to"])] = int(r["people"])
    elif r["kind"] == "both":
        both[key] = int(r["people"])
found = []
# 1. a group's counts in one round less its moves: who joined or left
for key, m in moves.items():
    if key not in both or len(m) != 9:
        continue
    for side, rows, end in (("joined", now, 1), ("left", before, 0)):
        s = rows.get(key)
        if s is None:
            continue
        people = int(s["n"]) - both[key]
        segs = {g: int(s[g + "_n"]) - sum(v for k, v in m.items()
                                           if k[end] == g) for g in SEGS}
        if 0 < abs(people) < MIN:
            found.append("%s %s: %d %s %s" % (key + (people, side, segs)))
        elif people == 0 and 0 < sum(abs(v) for v in segs.values()) < 2 * MIN:
            # as many joined as left, but not the same segments: who
            found.append("%s %s %s: joined and left %s" % (key + (side, segs)))
# 2. the whole round's moves less the groups shown: the hidden groups'
whole = ("round", "Whole round")
if whole in moves and whole in both:
    for by in ["department", "role", "track"]:
        shown = [k for k in moves if k[0] == by and k in both]
        rest = both[whole] - sum(both[k] for k in shown)
        cells = {k: moves[whole][k] - sum(moves[g].get(k, 0) for g in shown)
                 for k in moves[whole]}
        if 0 < rest < MIN:
            found.append("%s: %d hidden people moved %s" % (
                by, rest, {k: v for k, v in cells.items() if v}))
print("\n".join(found))
PY
}

for pair in "A2 A1" "C2 C1" "D2 D1"; do
	# shellcheck disable=SC2086
	leaked=$(attack $pair) || fail "the subtractions on ${pair% *} did not run"
	[ -z "$leaked" ] ||
		fail "round ${pair% *} against ${pair#* } gives away: $leaked"
done

# ---- what the rule leaves and what it says ---------------------------------

# Pair 1: Ops, with nobody joining or leaving, still shows its moves;
# Marketing and Sales, and the whole round, are not shown (shown 0, no count).
tr -d '\r' <"$work/moves-A2.csv" >"$work/moves.txt"
grep -q '^A2,A1,both,,,1,5,6,department,Ops$' "$work/moves.txt" ||
	fail "Ops' moves are no longer shown: $(grep Ops "$work/moves.txt")"
for group in "department,Marketing" "department,Sales" "round,Whole round"; do
	grep -q "^A2,A1,both,,,0,5,,$group\$" "$work/moves.txt" ||
		fail "$group: $(grep "both,,,[^,]*,[^,]*,[^,]*,$group" "$work/moves.txt")"
done
run "$AIMAP" report -r A2 --compare A1
expect_status 0 compare-text
printf '%s\n' "$out" | grep -A5 "^  Marketing (n 7 -> 8)" |
	grep -q "^    people in both rounds: withheld" ||
	fail "report --compare shows Marketing's moves"
printf '%s\n' "$out" | grep -A5 "^  Ops (n 6 -> 6)" |
	grep -q "^    people in both rounds: 6; nobody changed segment" ||
	fail "report --compare no longer shows Ops' moves"
run "$AIMAP" report -r A2 --compare A1 --format csv
printf '%s\n' "$out" | tr -d '\r' |
	grep -q '^change,Marketing,0,5,8,moved_willing_to_champion,,$' ||
	fail "the report's CSV shows Marketing's moves"
printf '%s\n' "$out" | tr -d '\r' |
	grep -q '^transitions,A1,0,5,,moved_champion_to_champion,,$' ||
	fail "the report's CSV shows the whole round's moves"
run "$AIMAP" report -r A2 --compare A1 --format html
expect_out_has "Withheld: it would give away the segments of fewer than the minimum"

# Pair 2: the whole round's moves stay; one more department's are
# withheld beside Legal's.
tr -d '\r' <"$work/moves-C2.csv" >"$work/moves.txt"
grep -q '^C2,C1,both,,,1,5,14,round,Whole round$' "$work/moves.txt" ||
	fail "pair 2: the whole round's moves are hidden"
grep -q '^C2,C1,both,,,0,5,,department,Legal$' "$work/moves.txt" ||
	fail "pair 2: Legal's moves"
# Legal (too few in both rounds) and exactly one department beside it
[ "$(grep -c '^C2,C1,both,,,0,5,,department,' "$work/moves.txt")" = 2 ] ||
	fail "pair 2: not one department withheld beside Legal"

finish
