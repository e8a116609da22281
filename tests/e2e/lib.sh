# SPDX-License-Identifier: MIT
# Helpers for the terminal tests: each test runs aimap for real in a
# detached tmux session of a fixed size, on a tmux server of its own, sends
# keys and reads the screen back as text. Screens are waited for by polling
# the captured pane every 0.05 s, never by sleeping a fixed time.
#
#   start W H ARGS...        aimap ARGS in a fresh W x H session
#   start_cmd W H CMD ARGS...  any command, such as env NO_COLOR=1 "$AIMAP"
#                            (with after='SHELL CODE' set before, that code
#                            runs in the pane once the command has ended)
#   aimap_pid                the pid of the command (aimap itself)
#   keys KEY...              tmux send-keys (Enter, Tab, Down, C-x, BSpace)
#   send_text TEXT           send TEXT literally
#   screen                   print the pane as text
#   wait_for TEXT [SECS]     poll until TEXT is on the screen, and the screen
#                            is no longer changing; on timeout fail, print
#                            the screen and stop the test; $last holds it
#   wait_line LINE [SECS]    the same, until LINE is a whole line of it
#   wait_gone TEXT [SECS]    the same, until TEXT is no longer on it
#   has TEXT / lacks TEXT    $last (the screen last waited for) has / lacks
#                            TEXT
#   compare_screen NAME      the screen must become tests/e2e/expected/NAME.txt
#   wait_exit                poll until the command ended; print its status
#   expect_exit STATUS WHAT  the command must end with STATUS
#   sql QUERY                the query's result from the test database
#   expect_sql QUERY RESULT  it must be RESULT
#   round_minimal [CODE]     open round E2E on the minimal questionnaire
#   profile [NAME [DEPARTMENT [ROLE [TRACK [CONTACT]]]]]
#                            from the name step through the five steps
#                            about the respondent: NAME typed (none or
#                            empty: anonymous), then the keys given for
#                            each later step (Enter when empty or left
#                            out), such as "Down Enter" or 2
#   to_first_question [the same]
#                            profile, then wait for question 1
#   answer_questions N [KEY...]
#                            from question 1, answer N questions, the
#                            first with the first KEY and so on, the last
#                            KEY for the rest (1); then wait for the next
#   to_review [PERCENT...]   in the estimate: type each percentage (100)
#                            in a field of its own, confirm once they make
#                            100, and wait for the review
#   questions                the number the screens count questions to
#                            ("1 / 6"): 6, the minimal questionnaire's on
#                            the technical track; set it for another
#   check COND MESSAGE       count a check; fail with MESSAGE unless the
#                            shell code COND succeeds
#   finish                   print "N checks, M failures" and exit
#
# Set AIMAP_BLESS=1 to write the expected screens from the actual ones
# (then read every changed file before committing it). E2E_TIMEOUT sets the
# longest wait in seconds (10).

set -u

: "${AIMAP:?AIMAP must point at the aimap binary}"
: "${top_srcdir:?top_srcdir must be set}"

command -v tmux >/dev/null 2>&1 || {
	echo "SKIP: tmux is not installed"
	exit 77
}
command -v sqlite3 >/dev/null 2>&1 || {
	echo "SKIP: the sqlite3 tool is not installed"
	exit 77
}

data="${AIMAP_TEST_DATA:-$top_srcdir/tests/data}"
expected="$top_srcdir/tests/e2e/expected"
work=$(mktemp -d "${TMPDIR:-/tmp}/aimap-e2e-XXXXXX")
socket="aimap-e2e-$$"
timeout="${E2E_TIMEOUT:-10}"

# Nothing from the caller's environment may leak into a test; the tmux
# server started below passes this environment on to every pane.
export HOME="$work/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME AIMAP_QUESTIONNAIRES NO_COLOR TMUX
unset LC_ALL LC_CTYPE LC_MESSAGES
export AIMAP_DB="$work/aimap.db"
export AIMAP_NOW="2026-01-15T09:30:00Z"
export LANG=C.UTF-8
export TERM=xterm-256color
mkdir -p "$HOME"

# No status line (the pane gets the whole window), a pane that ends stays
# readable, and the server stays up between sessions.
cat >"$work/tmux.conf" <<'EOF'
set -s exit-empty off
set -g status off
set -g remain-on-exit on
set -g default-terminal xterm-256color
set -g history-limit 0
set -g default-shell /bin/sh
EOF

t() {
	tmux -u -L "$socket" -f "$work/tmux.conf" "$@"
}

cleanup() {
	t kill-server >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

failures=0
checks=0
last=""

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

finish() {
	echo "$checks checks, $failures failures"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}

# Stop the test here: what follows depends on what just went wrong.
abort() {
	fail "$*"
	echo "(test stopped)"
	finish
}

check() { # COND MESSAGE
	checks=$((checks + 1))
	eval "$1" || fail "$2"
}

# Quote each argument for sh.
quote() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

# Each start opens a new session, then ends the one before, if any.
runs=0
session=""
start_sh() { # W H COMMAND
	rm -f "$work/pid" "$work/status"
	runs=$((runs + 1))
	t new-session -d -s "e2e$runs" -x "$1" -y "$2" "$3" ||
		abort "tmux could not start a session"
	[ -z "$session" ] || t kill-session -t "$session" >/dev/null 2>&1
	session="e2e$runs"
}

# The command is exec'd by a shell that first writes its pid, so that pid
# is the command's own. Around it, a shell writes its exit status to a file
# once it ends (tmux does not always collect the status of a pane), then
# runs $after, or waits: were the pane to end, tmux would mark it dead and
# might scroll its last screen away. That shell outlives a Ctrl-C, which
# reaches the whole foreground process group; a trapped signal is reset
# for the command it execs.
start_cmd() { # W H COMMAND ARGS...
	w=$1 h=$2
	shift 2
	inner=$(quote sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$work/pid" "$@")
	start_sh "$w" "$h" "trap : INT; $inner; echo \$? >'$work/status'; ${after:-exec sleep 86400}"
	after=""
}

start() { # W H ARGS...
	w=$1 h=$2
	shift 2
	start_cmd "$w" "$h" "$AIMAP" "$@"
}
after=""

keys() {
	t send-keys -t "$session" "$@"
}

send_text() {
	t send-keys -t "$session" -l -- "$1"
}

screen() {
	t capture-pane -p -t "$session"
}

pane() { # FORMAT
	t display-message -p -t "$session" "$1"
}

aimap_pid() {
	n=$((timeout * 20))
	until [ -s "$work/pid" ]; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || abort "the pane's command did not start"
		sleep 0.05
	done
	cat "$work/pid"
}

show_screen() {
	echo "---- screen ----"
	printf '%s\n' "$last"
	echo "----------------"
}

nl='
'

# Whether $last has TEXT (want 1), lacks it (0), or has it as a whole line
# (line; tmux drops trailing spaces).
matches() { # WANT TEXT
	case $1 in
	line) case "$nl$last$nl" in *"$nl$2$nl"*) return 0 ;; esac ;;
	1) case $last in *"$2"*) return 0 ;; esac ;;
	0) case $last in *"$2"*) ;; *) return 0 ;; esac ;;
	esac
	return 1
}

# Poll every 0.05 s until the screen matches; $last holds it. A screen
# still being drawn can match half-way, so it counts once two captures in
# a row agree.
poll() { # WANT TEXT SECS
	n=$(($3 * 20))
	prev=""
	while :; do
		last=$(screen)
		if matches "$1" "$2"; then
			[ "$last" = "$prev" ] && return 0
			prev=$last
		else
			prev=""
		fi
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.05
	done
}

wait_for() { # TEXT [SECS]
	checks=$((checks + 1))
	poll 1 "$1" "${2:-$timeout}" && return 0
	show_screen
	abort "'$1' did not appear within ${2:-$timeout} s"
}

wait_line() { # LINE [SECS]
	checks=$((checks + 1))
	poll line "$1" "${2:-$timeout}" && return 0
	show_screen
	abort "no line '$1' within ${2:-$timeout} s"
}

wait_gone() { # TEXT [SECS]
	checks=$((checks + 1))
	poll 0 "$1" "${2:-$timeout}" && return 0
	show_screen
	abort "'$1' was still on the screen after ${2:-$timeout} s"
}

has() {
	checks=$((checks + 1))
	case $last in
	*"$1"*) return 0 ;;
	esac
	fail "the screen lacks '$1'"
	show_screen
	return 1
}

lacks() {
	checks=$((checks + 1))
	case $last in
	*"$1"*) ;;
	*) return 0 ;;
	esac
	fail "the screen shows '$1'"
	show_screen
	return 1
}

# Poll until the pane's command has ended; print its exit status (128+N
# when it was killed by signal N).
wait_exit() {
	n=$((timeout * 20))
	until [ -s "$work/status" ]; do
		n=$((n - 1))
		if [ "$n" -le 0 ]; then
			echo "none (still running)"
			return 1
		fi
		sleep 0.05
	done
	cat "$work/status"
}

expect_exit() { # STATUS WHAT
	got=$(wait_exit)
	checks=$((checks + 1))
	if [ "$got" != "$1" ]; then
		last=$(screen)
		fail "$2: exit status $got, expected $1"
		show_screen
	fi
}

# The screen with the random resume key (secret.h) shown as XXXXX-XXXXX,
# so that an expected screen can hold it.
screen_masked() {
	screen | sed 's/resume key is [A-Z0-9]\{5\}-[A-Z0-9]\{5\}/resume key is XXXXX-XXXXX/'
}

# The screen must become the expected one (it is polled, so a screen still
# being drawn is not a failure); with AIMAP_BLESS=1 the screen, once two
# captures agree, is written as the expected one.
compare_screen() { # NAME
	file="$expected/$1.txt"
	checks=$((checks + 1))
	if [ "${AIMAP_BLESS:-0}" = 1 ]; then
		mkdir -p "$expected"
		prev=""
		last=$(screen_masked)
		while [ "$last" != "$prev" ]; do
			sleep 0.3
			prev=$last
			last=$(screen_masked)
		done
		printf '%s\n' "$last" >"$file"
		return 0
	fi
	if [ ! -f "$file" ]; then
		last=$(screen_masked)
		fail "missing expected screen $1"
		show_screen
		return 1
	fi
	want=$(cat "$file")
	n=$((timeout * 20))
	while :; do
		last=$(screen_masked)
		[ "$last" = "$want" ] && return 0
		n=$((n - 1))
		[ "$n" -gt 0 ] || break
		sleep 0.05
	done
	printf '%s\n' "$last" >"$work/actual"
	diff -u "$file" "$work/actual"
	fail "the screen differs from $1"
	return 1
}

sql() {
	sqlite3 -batch -noheader "$AIMAP_DB" "$1"
}

expect_sql() { # QUERY EXPECTED
	checks=$((checks + 1))
	got=$(sql "$1" 2>&1)
	[ "$got" = "$2" ] ||
		fail "sql: $1
  got:      $(printf '%s' "$got" | tr '\n' '|')
  expected: $(printf '%s' "$2" | tr '\n' '|')"
}

round_minimal() { # [CODE]
	"$AIMAP" round new "End to end" -q "$data/questionnaires/minimal.ini" \
		-d Engineering -d Marketing --code "${1:-E2E}" >/dev/null 2>&1 ||
		abort "could not open the round"
}

questions=6

profile() { # [NAME [DEPARTMENT [ROLE [TRACK [CONTACT]]]]]
	wait_for "Your name, or an alias"
	[ -z "${1:-}" ] || send_text "$1"
	keys Enter
	step=2
	for step_keys in "${2:-Enter}" "${3:-Enter}" "${4:-Enter}" "${5:-Enter}"; do
		wait_for "About you  $step / 5"
		# shellcheck disable=SC2086
		keys $step_keys
		step=$((step + 1))
	done
}

to_first_question() { # [NAME [DEPARTMENT [ROLE [TRACK [CONTACT]]]]]
	profile "$@"
	wait_for "1 / $questions"
}

answer_questions() { # N [KEY...]
	n_answers=$1
	shift
	answer_key=1
	question=1
	while [ "$question" -le "$n_answers" ]; do
		if [ $# -gt 0 ]; then
			answer_key=$1
			shift
		fi
		wait_for "$question / $questions"
		keys "$answer_key"
		question=$((question + 1))
	done
	if [ "$question" -le "$questions" ]; then
		wait_for "$question / $questions"
	else
		wait_for "Every question is answered"
	fi
}

to_review() { # [PERCENT...]
	[ $# -gt 0 ] || set -- 100
	send_text "$1"
	shift
	for percent in "$@"; do
		keys Tab
		send_text "$percent"
	done
	wait_for "Sum 100 %"
	keys Enter
	wait_for "Every question is answered"
}
