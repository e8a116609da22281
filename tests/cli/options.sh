#!/bin/sh
# SPDX-License-Identifier: MIT
# Options, the same for every command: one table per command that
# cli_parse_options() reads, one message for an unknown option (with the
# likely name) and one for a missing value, and CMD --help listing every
# option with what it does.
. "$top_srcdir/tests/cli/lib.sh"

# ---- unknown options and missing values -------------------------------------

run "$AIMAP" report --compar X1
expect_status 2 unknown-long
expect_err options-unknown.err

# Long options are no longer taken by an unambiguous beginning.
run "$AIMAP" report --form csv
expect_status 2 abbreviation
expect_err_has "unknown option --form (did you mean --format?)"

run "$AIMAP" export -x responses
expect_status 2 unknown-short
expect_err_has "aimap export: unknown option -x"

run "$AIMAP" round new Kick-off -q ai-maturity --departmant Sales
expect_status 2 unknown-round-new
expect_err_has "unknown option --departmant (did you mean --department?)"

# A repeated option's values read before the mistake are let go (the
# sanitizers' leak check fails the run otherwise).
run "$AIMAP" import -q one.ini -q two.ini --bogus answers.csv
expect_status 2 unknown-after-list
expect_err_has "aimap import: unknown option --bogus"

run "$AIMAP" merge --frobnicate other.db
expect_status 2 unknown-far
expect_err_has "aimap merge: unknown option --frobnicate"
case $err in *"did you mean"*) fail "merge: a guess for a word far from any option: $err" ;; esac

run "$AIMAP" report --round
expect_status 2 missing-long
expect_err options-missing.err

run "$AIMAP" submit answers.ini -r
expect_status 2 missing-short
expect_err_has "aimap submit: -r needs a value (CODE)"

run "$AIMAP" dashboard --hold=yes
expect_status 2 flag-with-value
expect_err_has "aimap dashboard: --hold takes no value"

# ---- the ways of giving an option -------------------------------------------

run "$AIMAP" round new "Kick-off" -q ai-maturity --code W1 -d Sales -dOps
expect_status 0 round-new
run "$AIMAP" round show W1
expect_out_has "departments:   Sales, Ops"

run "$AIMAP" export responses -r W1
expect_status 0 export-spaced
spaced=$out
for args in "responses --round=W1" "-rW1 responses" "--round W1 -- responses"; do
	# shellcheck disable=SC2086
	run "$AIMAP" export $args
	expect_status 0 "export $args"
	[ "$out" = "$spaced" ] || fail "export $args differs from export responses -r W1"
done

# After "--" an argument that looks like an option is an operand.
run "$AIMAP" validate -- -not-an-option.ini
expect_status 1 validate-after-dashes
expect_err_has "-not-an-option.ini"

# ---- CMD --help lists every option of the synopsis ------------------------

commands=$("$AIMAP" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$commands" ] || fail "no commands in aimap --help"
for cmd in $commands; do
	run "$AIMAP" "$cmd" --help
	expect_status 0 "$cmd --help"
	printf '%s\n' "$out" >"$work/help"
	# The synopsis: the lines up to the first blank one.
	synopsis=$(sed '/^$/q' "$work/help")
	options=$(sed -n '/^Options:$/,/^$/p' "$work/help")
	for opt in $(printf '%s\n' "$synopsis" | grep -oE -- '[[ ]--?[a-z][-a-z]*' | sed 's/^.//' | sort -u); do
		case $opt in
		--*) printf '%s\n' "$options" | grep -q -- " $opt\\b" ;;
		*) printf '%s\n' "$options" | grep -q -- "  $opt, --" ;;
		esac || fail "$cmd --help does not describe $opt"
	done
	# Beyond the synopsis, help fits an 80-column terminal.
	long=$(sed '1,/^$/d' "$work/help" | awk 'length($0) > 80')
	[ -z "$long" ] || fail "$cmd --help has lines over 80 columns: $long"
done

run "$AIMAP" report --help
expect_out options-report-help.out

finish
