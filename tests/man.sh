#!/bin/sh
# SPDX-License-Identifier: MIT
# The manual pages render without warnings and name every command.
set -u
: "${top_srcdir:?}"
status=0
for page in "$top_srcdir/man/aimap.1" "$top_srcdir/man/aimap-questionnaire.5"; do
	warnings=$(groff -ww -man -Tutf8 -z "$page" 2>&1)
	if [ -n "$warnings" ]; then
		echo "FAIL: groff warns about $page:"
		echo "$warnings"
		status=1
	fi
	if command -v mandoc >/dev/null 2>&1; then
		lint=$(mandoc -Tlint -W warning "$page" 2>&1)
		if [ -n "$lint" ]; then
			echo "FAIL: mandoc -Tlint on $page:"
			echo "$lint"
			status=1
		fi
	fi
done
# Every command the program lists in --help is documented in aimap(1).
for cmd in $("$AIMAP" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	grep -q "^\.SS.*$cmd\|^\.It.*$cmd\|^\.B $cmd\|^\.TP.*$cmd\|Cm $cmd" "$top_srcdir/man/aimap.1" ||
		grep -q "aimap $cmd\|\\\\fB$cmd" "$top_srcdir/man/aimap.1" || {
		echo "FAIL: aimap(1) does not document '$cmd'"
		status=1
	}
done
[ $status -eq 0 ] && echo "man pages ok"
exit $status
