#!/bin/sh
# The program as a whole: help, version, unknown commands, and the overview
# shown without a command.
. "$top_srcdir/tests/cli/lib.sh"

run "$AIMAP" --help
expect_status 0 help
expect_out general-help.out

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

run "$AIMAP"
expect_status 0 overview
expect_out general-overview.out
[ -f "$AIMAP_DB" ] || fail "the overview did not create the database"

# Global options may follow the command.
run "$AIMAP" round list --db "$work/after.db"
expect_status 0 globals-after
[ -f "$work/after.db" ] || fail "--db after the command was ignored"

finish
