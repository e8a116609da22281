#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap validate: every problem as FILE:LINE: message, exit 0 only when
# every file is valid. Each bad file is the small test questionnaire with
# one thing broken.
. "$top_srcdir/tests/cli/lib.sh"

minimal="$data/questionnaires/minimal.ini"

variant() { # name sed-script
	sed -e "$2" "$minimal" >"$work/$1.ini"
}

check_bad() { # name
	run "$AIMAP" validate "$work/$1.ini"
	expect_status 1 "$1"
	expect_err "validate-$1.err"
	[ -z "$out" ] || fail "$1: a bad file printed on stdout: $out"
}

run "$AIMAP" validate "$minimal"
expect_status 0
expect_out validate-ok.out
[ -z "$err" ] || fail "a valid file printed on stderr: $err"

for f in "$top_srcdir"/questionnaires/*.ini; do
	run "$AIMAP" validate "$f"
	expect_status 0 "$f"
	expect_out_has ": ok: "
done

# The example in aimap-questionnaire(5) is a valid questionnaire.
sed -n '/^\.SH EXAMPLE/,/^\.SH DIAGNOSTICS/p' "$top_srcdir/man/aimap-questionnaire.5" |
	sed -n '/^\.EX/,/^\.EE/p' | sed '1d;$d' >"$work/man-example.ini"
[ -s "$work/man-example.ini" ] || fail "no example found in aimap-questionnaire(5)"
run "$AIMAP" validate "$work/man-example.ini"
expect_status 0 man-example
[ -z "$err" ] || fail "the man page example has problems: $err"

variant syntax 's/^title = .*/this line has no equals sign/'
check_bad syntax

long=$(printf '%01100d' 0 | tr 0 x)
variant long-line "s/^help = .*/help = \"$long\"/"
check_bad long-line

cp "$minimal" "$work/nul.ini"
printf 'label = "a\000b"\n' >>"$work/nul.ini"
check_bad nul

variant bad-utf8 's/^label = "Use"/label = "U\xffse"/'
check_bad bad-utf8

variant missing-key '/^text = "How often/d'
check_bad missing-key

variant unknown-key 's/^weight = 2/wieght = 2/'
check_bad unknown-key

variant unknown-section 's/^\[question.shown\]/[questoin.shown]/'
check_bad unknown-section

variant case-duplicate 's/^\[question.shown\]/[question.Often]/'
check_bad case-duplicate

variant unknown-dimension 's/^dimension = build/dimension = buld/'
check_bad unknown-dimension

variant bad-numbers 's/^score2 = 50/score2 = 42abc/
s/^weight = 2/weight = 010/
s/^score3 = 100/score3 =/
s/^minutes = 2/minutes = 99999999999999999999/'
check_bad bad-numbers

variant choice-gap '/^choice2 = "Sometimes"/d
/^score2 = 50/d'
check_bad choice-gap

variant no-questions '/^\[question\./,/^$/d'
check_bad no-questions

variant thresholds 's/^willing = 35/willing = 80/'
check_bad thresholds

# A value cut short by an unquoted ';' is a warning: the file still loads.
variant semicolon 's/^help = "Any tool counts."/help = Any tool; really any/'
run "$AIMAP" validate "$work/semicolon.ini"
expect_status 0 semicolon
expect_err validate-semicolon.err

# Several files: each is checked, the status says whether all were valid.
run "$AIMAP" validate "$minimal" "$work/thresholds.ini"
expect_status 1 several
expect_out_has "minimal.ini: ok"
expect_err_has "thresholds.ini:"

run "$AIMAP" validate "$work/does-not-exist.ini"
expect_status 1 missing-file
expect_err validate-missing-file.err

run "$AIMAP" validate "$work"
expect_status 1 directory
expect_err_has "cannot read"

run "$AIMAP" validate
expect_status 2 no-arguments
expect_err validate-usage.err

finish
