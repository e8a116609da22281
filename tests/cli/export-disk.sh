#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap export on a full disk: a small tmpfs that the export cannot fit
# in. The old file stays as it was, no temporary file is left, and the
# message says why. Skipped (77) where a tmpfs cannot be mounted (it
# needs root).
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

disk="$work/disk"
mkdir "$disk"
if ! mount -t tmpfs -o size=16k tmpfs "$disk" 2>/dev/null; then
	echo "SKIP: cannot mount a small tmpfs here (not root?)"
	exit 77
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

"$AIMAP" round new "Full" -q "$minimal" --code F1 >/dev/null 2>&1 ||
	fail "cannot make F1"
i=0
while [ $i -lt 30 ]; do
	person F1 "Person $i" Engineering individual technical yes 3 5 2 2 2 \
		"40, 35, 25"
	i=$((i + 1))
done

echo "the old export" >"$disk/out.csv"
run "$AIMAP" export answers -r F1 -o "$disk/out.csv"
expect_status 1 full-disk
expect_err export-disk.err
[ "$(cat "$disk/out.csv")" = "the old export" ] ||
	fail "a full disk damaged the old file"
[ "$(ls -A "$disk")" = out.csv ] || fail "left behind: $(ls -A "$disk")"

# a file that fits is written whole
rm "$disk/out.csv"
run "$AIMAP" export responses -r F1 --no-bom -o "$disk/out.csv"
expect_status 0 fits
[ "$(csv_check "$disk/out.csv")" = "31 rows of 15 fields" ] ||
	fail "the export that fits: $(csv_check "$disk/out.csv")"

finish
