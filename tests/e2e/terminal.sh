#!/bin/sh
# SPDX-License-Identifier: MIT
# The terminal: resizing below the minimum and back keeps the answer in
# progress; NO_COLOR and --no-color draw without colours yet keep every
# marker; a missing, empty, dumb or unknown TERM is refused in one line,
# with status 1 and no escape code.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

resize() { # W H
	t resize-window -t "$session" -x "$1" -y "$2"
}

# ---- resizing ------------------------------------------------------------------

start 80 24 take -r E2E
wait_for "Your name, or an alias"
send_text "Zed"
wait_line "  ▸ Zed"
resize 40 10
wait_for "Terminal too small: 40x10."
has "aimap needs at least 50x14."
resize 80 24
wait_for "About you  1 / 5"
has "▸ Zed"
keys Enter
wait_for "About you  2 / 5"
keys Enter
wait_for "About you  3 / 5"
keys Enter
wait_for "About you  4 / 5"
keys Enter
wait_for "About you  5 / 5"
keys Enter

# a choice moved to, not confirmed
wait_for "1 / 6"
keys Down
wait_for "▸ 2  Sometimes"
resize 40 10
wait_for "Terminal too small: 40x10."
resize 80 24
wait_for "How often do you use AI at work?"
has "1 / 6"
has "▸ 2  Sometimes"
lacks "▸ 3"

# the smallest size that works, and one line or column less
resize 50 14
wait_for "How often do you use AI at work?"
compare_screen terminal-50x14-question
has "▸ 2  Sometimes"
resize 49 14
wait_for "Terminal too small: 49x14."
resize 50 13
wait_for "Terminal too small: 50x13."
resize 80 24
wait_for "▸ 2  Sometimes"
keys Enter

# the estimate's numbers in progress
keys 2 2 2 2
wait_for "6 / 6"
send_text 60
keys Tab
send_text 3
wait_for "Sum  63 %"
resize 45 30
wait_for "Terminal too small: 45x30."
resize 100 30
wait_for "Sum  63 %"
has "[ 60 ] %"
has "▸ Willing middle (started, want structure)   [  3 ] %"
# q works while too small, and nothing is lost
resize 40 10
wait_for "Terminal too small"
keys q
expect_exit 0 "q while too small"
expect_sql "select count(*) from answer" 5
expect_sql "select count(*) from estimate" 0

# ---- colours off -----------------------------------------------------------------

# Colour escape codes in `capture-pane -e` output: SGR parameters 30-38,
# 40-48, 90-97 and 100-107 (39 and 49, the default colours, are fine).
colour_codes() {
	t capture-pane -e -p -t "$session" |
		grep -E -c "$(printf '\033')\\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m"
}
reverse_marker() {
	t capture-pane -e -p -t "$session" | grep -c "$(printf '\033')\\[7m▸ 1  Never"
}

start 80 24 take -r E2E
to_first_question
check '[ "$(colour_codes)" -gt 0 ]' "no colour codes on a colour screen"

for way in NO_COLOR --no-color; do
	if [ "$way" = NO_COLOR ]; then
		start_cmd 80 24 env NO_COLOR=1 "$AIMAP" take -r E2E
	else
		start 80 24 take -r E2E --no-color
	fi
	to_first_question
	has "▸ 1  Never"
	check '[ "$(colour_codes)" -eq 0 ]' "$way: colour codes on the screen"
	check '[ "$(reverse_marker)" -eq 1 ]' "$way: the selected item is not in reverse video"
	keys Down
	wait_for "▸ 2  Sometimes"
	keys Enter
	wait_for "2 / 6"
	keys 1 1 1 1
	wait_for "6 / 6"
	to_review
	keys s
	wait_for "Your result: "
	has "Your scores (0-100)"
	check '[ "$(colour_codes)" -eq 0 ]' "$way: colour codes on the result"
	keys q
	expect_exit 0 "$way"
done

# An empty NO_COLOR does not count.
start_cmd 80 24 env NO_COLOR= "$AIMAP" take -r E2E
to_first_question
check '[ "$(colour_codes)" -gt 0 ]' "NO_COLOR empty turned colours off"

# ---- terminals that cannot show the screens --------------------------------------

# Everything the program writes to the terminal is piped to a file from
# before it starts: it must be one line, without an escape code. (The
# screen itself is not read: tmux may scroll it to show that the pane died.)
bad_term() { # DESCRIPTION ENV-ARGS... -- AIMAP-ARGS...
	what=$1
	shift
	envs=""
	while [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	shift
	rm -f "$work/go" "$work/raw"
	# shellcheck disable=SC2086
	start_cmd 80 24 sh -c 'while [ ! -e "$1" ]; do sleep 0.05; done; shift; exec "$@"' \
		sh "$work/go" env $envs AIMAP_DB="$work/untouched.db" "$AIMAP" "$@"
	t pipe-pane -o -t "$session" "cat >'$work/raw'"
	: >"$work/go"
	expect_exit 1 "$what"
	n=$((timeout * 20))
	until grep -q '^aimap: .*' "$work/raw" 2>/dev/null || [ "$n" -eq 0 ]; do
		sleep 0.05
		n=$((n - 1))
	done
	t pipe-pane -t "$session" 2>/dev/null
	raw=$(tr -d '\r' <"$work/raw")
	checks=$((checks + 1))
	case $raw in
	"aimap: "*) ;;
	*) fail "$what: the output does not start with 'aimap: ': $raw" ;;
	esac
	check '[ "$(printf "%s\n" "$raw" | wc -l)" -eq 1 ]' \
		"$what: more than one line: $raw"
	check '! grep -q "$(printf "\033")" "$work/raw"' \
		"$what: an escape code was written: $(cat -v "$work/raw")"
	check '[ ! -e "$work/untouched.db" ]' "$what: the database was created"
	[ -z "${E2E_VERBOSE:-}" ] || echo "$what: $raw"
}

bad_term "TERM unset" -u TERM -- take -r E2E
bad_term "TERM empty" TERM= -- take -r E2E
bad_term "TERM=dumb" TERM=dumb -- take -r E2E
bad_term "TERM unknown" TERM=no-such-terminal-xyz -- take -r E2E
bad_term "TERM unknown, kiosk" TERM=no-such-terminal-xyz -- take -r E2E --kiosk
bad_term "TERM=dumb, home menu" TERM=dumb --

finish
