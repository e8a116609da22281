#!/bin/sh
# SPDX-License-Identifier: MIT
# Every input in tests/fuzz/corpus/TARGET and tests/fuzz/crashers/TARGET
# through its fuzz target, built without libFuzzer (replay.c) and with the
# sanitizers of the build: a crash once found must never come back.
set -u
: "${top_srcdir:?top_srcdir must be set}"
: "${top_builddir:?top_builddir must be set}"

status=0
for target in questionnaire answers csvread import merge; do
	replay="$top_builddir/tests/fuzz/replay_$target"
	for dir in "$top_srcdir/tests/fuzz/corpus/$target" \
		"$top_srcdir/tests/fuzz/crashers/$target"; do
		set -- "$dir"/*
		[ -e "$1" ] || continue
		if "$replay" "$@" >"$top_builddir/tests/fuzz/replay-$target.out" 2>&1; then
			echo "ok: $# inputs of $dir"
		else
			echo "FAIL: $replay crashed on an input of $dir:"
			tail -n 60 "$top_builddir/tests/fuzz/replay-$target.out"
			status=1
		fi
	done
done
exit $status
