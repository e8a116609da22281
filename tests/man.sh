#!/bin/sh
# SPDX-License-Identifier: MIT
# The manual pages render without warnings (groff -ww and mandoc -Tlint),
# fit 80 columns with every command's synopsis whole on its tag line, and
# name every command and every option each command accepts.
set -u
: "${top_srcdir:?}"
status=0
if ! command -v mandoc >/dev/null 2>&1; then
	[ "${CI:-}" = true ] && { echo "FAIL: mandoc is missing"; exit 1; }
	echo "SKIP: mandoc is not installed (apt-get install mandoc)"
	exit 77
fi
for page in "$top_srcdir/man/aimap.1" "$top_srcdir/man/aimap-questionnaire.5"; do
	warnings=$(groff -ww -man -Tutf8 -z "$page" 2>&1)
	if [ -n "$warnings" ]; then
		echo "FAIL: groff warns about $page:"
		echo "$warnings"
		status=1
	fi
	lint=$(mandoc -Tlint -W warning "$page" 2>&1)
	if [ -n "$lint" ]; then
		echo "FAIL: mandoc -Tlint on $page:"
		echo "$lint"
		status=1
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

# Rendered at 80 columns (man's line length there is 78n): no line
# longer, and each tag of COMMANDS opens and closes its brackets on its
# own lines (a tag cut after "take [-r" leaves one open).
page="$top_srcdir/man/aimap.1"
rendered=$(groff -man -Tascii -rLL=78n "$page" 2>/dev/null | col -bx)
long=$(printf '%s\n' "$rendered" | awk 'length($0) > 80')
[ -z "$long" ] || { echo "FAIL: aimap(1) passes 80 columns:"; echo "$long"; status=1; }
cut=$(printf '%s\n' "$rendered" | sed -n '/^COMMANDS/,/^THE ASSESSMENT/p' |
	awk '/^       [a-z]/ { line = $0; tag = 1; next }
	tag && /^       [^ ]/ { line = line " " $0; next }
	tag { o = gsub(/\[/, "[", line); c = gsub(/\]/, "]", line)
	      if (o != c) print line; tag = 0 }')
[ -z "$cut" ] || { echo "FAIL: aimap(1) tags cut apart:"; echo "$cut"; status=1; }

# Every option a command's --help lists is in that command's entries of
# COMMANDS (an entry belongs to the command its tag starts with).
entries() { # command: the source of its entries
	awk -v cmd="$1" '
	/^\.SH / { in_commands = ($0 == ".SH COMMANDS"); next }
	!in_commands { next }
	/^\.TP/ { tag = 1; next }
	tag { t = $0; gsub(/\\f[BIR]|\.B[IR]? |"/, "", t); split(t, w, " ")
	      mine = (w[1] == cmd); tag = 0 }
	mine { print }' "$page"
}
for cmd in $("$AIMAP" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	text=$(entries "$cmd")
	# "r:round", or ":kiosk" for an option without a letter
	for opt in $("$AIMAP" "$cmd" --help |
		sed -n 's/^  \(-\(.\), \)\{0,1\} *--\([a-z-]*\).*/\2:\3/p'); do
		letter=${opt%%:*} name=${opt#*:}
		manname=$(printf '%s' "$name" | sed 's/-/\\\\-/g')
		printf '%s\n' "$text" | grep -q -- "\\\\-\\\\-$manname" && continue
		[ -n "$letter" ] && printf '%s\n' "$text" |
			grep -q -- "\\\\-$letter\\([^a-z]\\|$\\)" && continue
		echo "FAIL: aimap(1) does not document $cmd --$name"
		status=1
	done
done
[ $status -eq 0 ] && echo "man pages ok"
exit $status
