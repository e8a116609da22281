#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard's Compare view across two rounds (issue 11): a group's
# moves, and the whole round's, are withheld where they would give away
# the segment of fewer than the minimum who joined or left it
# (tests/cli/privacy-rounds.sh tries the subtractions on the exports);
# a group nobody joined or left keeps its moves. At 80x24 and 132x40.
. "$top_srcdir/tests/e2e/lib.sh"

# as CODE ALIAS DEPARTMENT SEGMENT: an answers file of minimal.ini
as() {
	case $4 in
	champion) a="3 5 2 2 2" ;;
	willing) a="2 4 2 2 1" ;;
	*) a="1 2 1 1 1" ;;
	esac
	# shellcheck disable=SC2086
	set -- "$1" "$2" "$3" $a
	printf '[respondent]\nname = "%s"\ndepartment = "%s"\n' "$2" "$3" \
		>"$work/p.ini"
	printf 'role = individual\ntrack = technical\nchampion_contact = no\n' \
		>>"$work/p.ini"
	printf '\n[answers]\noften = %s\nmade = %s\nshown = %s\nproof = %s\n' \
		"$4" "$5" "$6" "$7" >>"$work/p.ini"
	printf 'pipeline = %s\nsplit = 40, 35, 25\n' "$8" >>"$work/p.ini"
	"$AIMAP" submit -r "$1" "$work/p.ini" >/dev/null 2>&1 ||
		abort "cannot submit $2 to $1"
}

for code in A1 A2; do
	"$AIMAP" round new "Round $code" -q "$data/questionnaires/minimal.ini" \
		--code $code >/dev/null 2>&1 || abort "cannot make $code"
done
# Marketing: mk-8 joins in A2; Sales: sl-7 leaves after A1; Ops: the
# same six in both rounds.
for code in A1 A2; do
	for i in 1 2; do as $code "mk-$i" Marketing champion; done
	for i in 3 4 5; do as $code "mk-$i" Marketing willing; done
	for i in 6 7; do as $code "mk-$i" Marketing cautious; done
	for i in 1 2 3; do as $code "sl-$i" Sales willing; done
	for i in 4 5 6; do as $code "sl-$i" Sales cautious; done
	for i in 1 2 3; do as $code "op-$i" Ops champion; done
	for i in 4 5 6; do as $code "op-$i" Ops willing; done
done
as A2 mk-8 Marketing champion
as A1 sl-7 Sales champion

for size in 80x24 132x40; do
	start "${size%x*}" "${size#*x}" dashboard -r A2
	wait_for "Answers so far"
	keys c
	wait_for "Change since round A1"
	keys End
	wait_for "People in both rounds: withheld"
	# Ops keeps its moves; Marketing and Sales show their change only
	check 'echo "$last" | grep -Eq "^ +Ops .*no clear change  up 0 down 0"' \
		"Ops' moves are not shown: $last"
	check 'echo "$last" | grep -Eq "^ +Marketing .*no clear change *$"' \
		"Marketing's moves are shown: $last"
	check 'echo "$last" | grep -Eq "^ +Sales .*no clear change *$"' \
		"Sales' moves are shown: $last"
	lacks "moved from"
	keys q
	expect_exit 0 "quitting the dashboard at $size"
done
finish
