#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard reads the champions' names only for its Champions view
# (issue 15): a refresh on any other view reads none, and switching back
# to Champions asks for them again, so the view lists the champions who
# arrived meanwhile, never the list it read before nor an empty one.
. "$top_srcdir/tests/e2e/lib.sh"

answers="$data/answers"
"$AIMAP" round new "Live" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code LIVE --min-group 2 >/dev/null 2>&1 ||
	abort "could not open the round"
# a champion named $1 who agreed to be a contact
champion() { # NAME
	sed -e "s/^name = .*/name = $1/" "$answers/champion.ini" >"$work/a.ini"
	"$AIMAP" submit -r LIVE "$work/a.ini" >/dev/null || fail "submit $1"
}
champion "Ada Lovelace"
champion "Grace Hopper"

start 80 24 dashboard -r LIVE
wait_for "Live 1/9"
keys Tab Tab Tab Tab Tab
wait_for "Champions 6/9"
wait_for "Ada Lovelace, Engineering"
has "Grace Hopper, Engineering"
lacks "None yet."

# Back to the Live view: a new champion arrives and the Live view shows
# the count, read without the names.
keys Tab Tab Tab Tab
wait_for "Live 1/9"
champion "Katherine Johnson"
wait_for "3 done" 8
wait_gone "reading..."
# Champions again: the new name, with the others
keys BTab BTab BTab BTab
wait_for "Champions 6/9"
wait_for "Katherine Johnson, Engineering" 8
has "Ada Lovelace, Engineering"
has "Grace Hopper, Engineering"
lacks "None yet."

# On the Champions view, a refresh keeps reading them.
champion "Mary Jackson"
wait_for "Mary Jackson, Engineering" 8
has "Katherine Johnson, Engineering"
keys q
expect_exit 0 "quitting the dashboard"
finish
