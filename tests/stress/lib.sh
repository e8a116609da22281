# SPDX-License-Identifier: MIT
# Helpers for the stress tests, sourced after tests/e2e/lib.sh (whose
# tmux helpers, check, fail and finish they use).
#
#   stress_long              true under make check-long (AIMAP_STRESS_LONG=1):
#                            the full counts; false for the short make check
#   stress_seed              print the seed of the random source
#   rand N                   the next number of the seeded random source,
#                            0 to N-1, in $r (N at most 32768)
#   pause_ms MS              sleep MS milliseconds (a kill's timing, never
#                            a wait for a screen)
#   await TEXT...            poll the pane until one of the TEXTs is on a
#                            screen that stopped changing ($got says which,
#                            $last holds the screen); return 1 as soon as
#                            the pane's command has ended (a kill), abort
#                            the test after $timeout seconds
#   now_ms                   milliseconds since the epoch
#   ours PID                 PID is an aimap on this test's database
#   kill_during TOOK OUT CMD...  run CMD (output to OUT) and kill -9 it
#                            at a random 20% to 95% of TOOK ms (a whole
#                            run's time); its exit status in $st, the
#                            moment in $at
#   answers_of_file FILE     an answers file's answers, "id=choice ..."
#   answers_of_round CODE    each response of the round: "UUID|id=choice ..."
#   totals_agree             1 when the running totals agree with the rows
#
# Background writers look for $work/stop, which is made on exit before
# the test's folder goes.
#
# Kill timings come from a seeded random source; the seed is printed, and
# AIMAP_STRESS_SEED=N repeats the same sequence of timings and choices
# (the scheduler still decides the rest).

stress_long() {
	[ "${AIMAP_STRESS_LONG:-0}" = 1 ]
}

rng=${AIMAP_STRESS_SEED:-$((($(date +%s) + $$ * 7919) % 2147483648))}
case $rng in
'' | *[!0-9]*)
	echo "AIMAP_STRESS_SEED must be a number, not '$rng'" >&2
	exit 99
	;;
esac

stress_seed() {
	echo "random seed: $rng (AIMAP_STRESS_SEED=$rng repeats it)"
}

rand() { # N
	rng=$(((rng * 1103515245 + 12345) % 2147483648))
	r=$(((rng / 65536) % $1))
}

pause_ms() { # MS
	sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"
}

now_ms() {
	t_ns=$(date +%s%N)
	case $t_ns in
	*[!0-9]*) echo $(($(date +%s) * 1000)) ;; # no %N: whole seconds
	*) echo $((t_ns / 1000000)) ;;
	esac
}

await() { # TEXT...
	n=$((timeout * 20))
	prev=""
	while :; do
		[ -s "$work/status" ] && return 1
		last=$(screen)
		got=""
		for want in "$@"; do
			case $last in
			*"$want"*)
				got=$want
				break
				;;
			esac
		done
		if [ -n "$got" ]; then
			[ "$last" = "$prev" ] && return 0
			prev=$last
		else
			prev=""
		fi
		n=$((n - 1))
		if [ "$n" -le 0 ]; then
			[ -s "$work/status" ] && return 1
			show_screen
			abort "none of '$*' appeared within $timeout s"
		fi
		sleep 0.05
	done
}

# Whether PID is an aimap of this test (its AIMAP_DB is ours): pids come
# round again quickly, and another test's aimap must never be killed.
ours() { # PID
	[ -n "$1" ] && [ -r "/proc/$1/environ" ] &&
		tr '\0' '\n' 2>/dev/null <"/proc/$1/environ" |
		grep -qxF "AIMAP_DB=$AIMAP_DB"
}

# A command killed part-way: timed against a whole run, so that a fast
# build is not killed after it finished (a point in its input came too
# late: an import reads ahead).
kill_during() { # TOOK OUT CMD...
	took_=$1
	out_=$2
	shift 2
	rand 76
	at=$((took_ * (20 + r) / 100))
	"$@" >"$out_" 2>&1 &
	pid_=$!
	pause_ms "$at"
	ours "$pid_" && kill -9 "$pid_" 2>/dev/null
	wait "$pid_" 2>/dev/null
	st=$?
}

# The answers of an answers file as "id=choice" (an estimate as
# "id=a,b,c"), sorted and on one line: what a response must hold.
answers_of_file() { # FILE
	sed -n '/^\[answers\]/,/^\[/s/^\([a-z_0-9]*\) *= *\([0-9, ]*\)$/\1=\2/p' "$1" |
		sed 's/, */,/g' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# The same for each response of round CODE, one line each: UUID|answers.
answers_of_round() { # CODE
	sql "select r.uuid || '|' || coalesce((select group_concat(x, ' ')
		from (select question || '=' || choice as x from answer
			where response_id = r.id
		union all select question || '=' || champions || ',' ||
			willing || ',' || cautious from estimate
			where response_id = r.id order by 1)), '')
	from response r join round d on d.id = r.round_id
	where d.code = '$1'"
}

# The running totals that triggers keep (round_tally, round_answer) must
# agree with the rows they count; prints 1 when they do.
totals_agree() {
	sql "select (select group_concat(x, ' ') from (select round_id || '/' ||
			finished || '/' || sum(n) as x from round_tally
			group by round_id, finished having sum(n) <> 0 order by 1))
		is (select group_concat(x, ' ') from (select round_id || '/' ||
			(finished_at is not null) || '/' || count(*) as x
			from response group by round_id, finished_at is not null
			order by 1))
	and (select group_concat(x, ' ') from (select round_id || '/' ||
			question || '/' || choice || '/' || sum(n) as x
			from round_answer group by round_id, question, choice
			having sum(n) <> 0 order by 1))
		is (select group_concat(x, ' ') from (select r.round_id || '/' ||
			a.question || '/' || a.choice || '/' || count(*) as x
			from answer a join response r on r.id = a.response_id
			where r.finished_at is not null
			group by r.round_id, a.question, a.choice order by 1))"
}

# Writers in the background stop (they look for $work/stop) before the
# test's folder goes, or they would make it again.
stress_cleanup() {
	touch "$work/stop" 2>/dev/null
	wait
	cleanup
}
trap stress_cleanup EXIT
