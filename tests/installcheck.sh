#!/bin/sh
# SPDX-License-Identifier: MIT
# make installcheck (run by make distcheck): the installed aimap lists the
# installed questionnaires by id, and a person's own copy in
# $XDG_CONFIG_HOME/aimap/questionnaires overrides the installed one.
#
#   tests/installcheck.sh AIMAP QUESTIONNAIRESDIR SRCDIR/questionnaires
set -u
aimap=$1 installed=$2 shipped=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aimap-installcheck-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
unset AIMAP_QUESTIONNAIRES XDG_CONFIG_HOME XDG_DATA_HOME
export HOME="$tmp/home" AIMAP_DB="$tmp/aimap.db" LC_ALL=C.UTF-8
mkdir -p "$HOME"
status=0
fail() {
	echo "installcheck: FAIL: $*" >&2
	status=1
}

out=$("$aimap" questionnaires) || fail "aimap questionnaires: exit $?"
for f in "$shipped"/*.ini; do
	id=$(basename "$f" .ini)
	printf '%s\n' "$out" | grep -q "^$id .*  $installed/$id.ini\$" ||
		fail "$id is not listed from $installed:
$out"
done
"$aimap" round new Installed -q ai-maturity --code INST >/dev/null ||
	fail "round new -q ai-maturity"

# a person's own, edited ai-maturity wins over the installed one
own="$tmp/config/aimap/questionnaires"
mkdir -p "$own"
sed -e 's/^version = .*/version = 99/' "$shipped/ai-maturity.ini" \
	>"$own/ai-maturity.ini"
out=$(XDG_CONFIG_HOME="$tmp/config" "$aimap" questionnaires) ||
	fail "aimap questionnaires with XDG_CONFIG_HOME: exit $?"
printf '%s\n' "$out" | sed -n 2p |
	grep -q "^ai-maturity  *99 .*  $own/ai-maturity.ini\$" ||
	fail "the own ai-maturity is not listed first:
$out"
printf '%s\n' "$out" |
	grep -q "  $installed/ai-maturity.ini (hidden by an earlier one)\$" ||
	fail "the installed ai-maturity is not marked hidden:
$out"
XDG_CONFIG_HOME="$tmp/config" "$aimap" round new Own -q ai-maturity \
	--code OWN >/dev/null || fail "round new with the own ai-maturity"
"$aimap" round show OWN | grep -q "ai-maturity v99" ||
	fail "round OWN did not take the own ai-maturity: $("$aimap" round show OWN)"

[ $status -eq 0 ] && echo "installcheck: the installed questionnaires are found; XDG_CONFIG_HOME overrides them"
exit $status
