#!/bin/sh
# SPDX-License-Identifier: MIT
# The program as a whole: help, version, unknown commands, and the overview
# shown without a command.
. "$top_srcdir/tests/cli/lib.sh"

run "$AIMAP" --help
expect_status 0 help
expect_out general-help.out
long=$(printf '%s\n' "$out" | awk 'length($0) > 80')
[ -z "$long" ] || fail "aimap --help has lines over 80 columns: $long"

run "$AIMAP" --version
expect_status 0 version
echo "$out" | grep -qx 'aimap [0-9][0-9.]*' || fail "version: $out"

run "$AIMAP" round --help
expect_status 0 command-help
expect_out general-round-help.out

run "$AIMAP" frobnicate
expect_status 2 unknown-command
expect_err general-unknown-command.err

run "$AIMAP" --db
expect_status 2 db-without-value
expect_err_has "--db needs a value"

# Without a terminal the screens refuse at once, in one line of their own,
# before touching the database or writing any escape code.
for args in "" "take" "take -r X1"; do
	# shellcheck disable=SC2086
	run "$AIMAP" $args
	expect_status 1 "no-terminal $args"
	expect_err general-no-terminal.err
	[ -z "$out" ] || fail "no-terminal $args wrote to stdout: $out"
	[ ! -e "$AIMAP_DB" ] || fail "no-terminal $args created the database"
done

run "$AIMAP" take --kiosk
expect_status 2 kiosk-without-round
expect_err_has "--kiosk needs the round"

# Global options may follow the command.
run "$AIMAP" round list --db "$work/after.db"
expect_status 0 globals-after
[ -f "$work/after.db" ] || fail "--db after the command was ignored"

finish
