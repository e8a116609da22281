#!/bin/sh
# SPDX-License-Identifier: MIT
# Crash safety: three writers share one database, two `aimap submit` loops
# and a respondent answering in a terminal, and each is killed with
# kill -9 at a random moment, run after run, until at least 10 kills
# (make check) or 120 (make check-long). After every run: the integrity
# check is ok, the foreign key check finds nothing, and every answer
# whose commit had returned before the kill is there. A submit has
# returned once it printed "Recorded response UUID": that response must
# hold every answer of its file, and no response is ever stored in part.
# A key on screen has returned once the next screen showed: the answer
# must be stored with the choice made, and the respondent, started again
# with the resume key their first question showed, is welcomed back past
# every answer so acknowledged. The running totals kept by triggers must still agree
# with the rows.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/stress/lib.sh"

[ -r /proc/self/environ ] || {
	echo "SKIP: no /proc to tell this test's aimap processes from others"
	exit 77
}
if stress_long; then want_kills=120; else want_kills=10; fi
stress_seed

for code in SUB SCR; do
	"$AIMAP" round new "Crash $code" -q "$data/questionnaires/minimal.ini" \
		-d Engineering -d Marketing --code $code >/dev/null 2>&1 ||
		abort "could not open round $code"
done
champion="$data/answers/champion.ini"
skeptic="$data/answers/skeptic.ini"
: >"$work/recorded"
: >"$work/acked"

# ---- the writers ------------------------------------------------------------

# aimap submit in a loop until one is killed; each response it reports as
# recorded is logged as UUID|answers. The loop ends on the kill, or on
# anything else than success (then the reason is left in $work/wN.end).
submit_writer() { # N FILE
	want=$(answers_of_file "$2")
	while [ ! -e "$work/stop" ]; do
		"$AIMAP" submit -r SUB "$2" >"$work/w$1.out" 2>"$work/w$1.err" &
		echo $! >"$work/w$1.pid"
		wait $!
		st=$?
		rm -f "$work/w$1.pid"
		sed -n "s/^Recorded response \([0-9a-f-]*\) in round SUB\.\$/\1|$want/p" \
			"$work/w$1.out" >>"$work/recorded"
		if [ $st -eq 137 ]; then
			echo killed >"$work/w$1.end"
			return
		elif [ $st -ne 0 ] || [ -s "$work/w$1.err" ]; then
			echo "a submit ended with status $st: $(cat "$work/w$1.err")" \
				>"$work/w$1.end"
			return
		fi
	done
	echo stopped >"$work/w$1.end"
}

# After MS milliseconds, kill -9 the aimap named in PIDFILE, again until
# DONE exists (between two submits there is no aimap to kill). Gives up,
# and stops every writer, after 30 s.
killer() { # MS PIDFILE DONE
	pause_ms "$1"
	n=3000
	until [ -e "$3" ] || [ -e "$work/stop" ]; do
		pid=$(cat "$2" 2>/dev/null)
		# a pane whose command has ended has a stale pid file
		if [ ! -s "$work/status" ] || [ "$2" != "$work/pid" ]; then
			ours "$pid" && kill -9 "$pid" 2>/dev/null
		fi
		n=$((n - 1))
		if [ $n -le 0 ]; then
			echo "killer: nothing to kill in $2 for 30 s" >&2
			touch "$work/stop"
			return
		fi
		sleep 0.01
	done
}

# The respondent in the terminal: person P<n> answers each question with a
# random choice, an answer counting as acknowledged once the next screen
# shows. Started again after a kill with their resume key, the same
# person must be welcomed back at a question after every acknowledged one. A person who finished
# is followed by the next. Returns once aimap was killed.
person=1
started=0 # the current person's response was acknowledged
done_q=0  # the questions of the current person acknowledged, in order
resumed=0
choices="3 5 2 2 2" # of often, made, shown, proof, pipeline
questions="often made shown proof pipeline split"

nth() { # N WORDS...
	shift "$1"
	echo "$1"
}

ack() {
	echo "P$person|$1" >>"$work/acked"
}

next_person() {
	person=$((person + 1))
	started=0
	done_q=0
	key=""
}
key="" # the current person's resume key, read off their first question

# Returns 1 when aimap was killed meanwhile.
profile() {
	await "Your name, or an alias" || return 1
	send_text "P$person"
	keys Enter
	for step in 2 3 4 5; do
		await "About you  $step / 5" || return 1
		keys Enter
	done
}

answer_questions() {
	await "Welcome back" " / 6  " "Every question is answered" || return 1
	if [ "$got" = "Welcome back" ]; then
		case $last in
		*"See my result again"*)
			next_person
			return 0
			;;
		esac
		resumed=$((resumed + 1))
		keys Enter
		await " / 6  " "Every question is answered" || return 1
	else
		check '[ $started = 0 ]' \
			"P$person was not welcomed back, though a response was acknowledged"
		key=$(printf '%s\n' "$last" |
			sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p')
	fi
	started=1
	if [ "$got" = " / 6  " ]; then
		k=$(printf '%s\n' "$last" | sed -n 's|^  \([1-6]\) / 6  .*|\1|p')
		check '[ "$k" -gt $done_q ]' \
			"P$person resumed at question $k; 1 to $done_q were acknowledged"
		while [ "$k" -le 5 ]; do
			# shellcheck disable=SC2086 # the lists are split on purpose
			rand "$(nth "$k" $choices)"
			c=$((r + 1))
			keys $c
			await "$((k + 1)) / 6  " || return 1
			# shellcheck disable=SC2086
			ack "$(nth "$k" $questions)=$c"
			done_q=$k
			k=$((k + 1))
		done
		rand 101
		a=$r
		rand $((101 - a))
		b=$r
		send_text $a
		keys Tab
		send_text $b
		keys Tab
		send_text $((100 - a - b))
		await "Sum 100 %" || return 1
		keys Enter
		await "Every question is answered" || return 1
		ack "split=$a,$b,$((100 - a - b))"
		done_q=6
	fi
	keys s
	await "Your result: " || return 1
	ack finished
	next_person
	keys q
	st=$(wait_exit)
	[ "$st" = 0 ] || return 1
}

screen_writer() {
	while [ ! -e "$work/stop" ]; do
		# back with the key once a response was acknowledged
		if [ "$started" = 1 ] && [ -n "$key" ]; then
			start 80 24 take -r SCR --resume "$key"
		else
			start 80 24 take -r SCR
			profile || break
		fi
		answer_questions || break
	done
	st=$(wait_exit)
	checks=$((checks + 1))
	touch "$work/screen.killed"
	if [ "$st" = 137 ]; then
		screen_kills=$((screen_kills + 1))
	else
		last=$(screen)
		fail "the terminal session ended with status $st, not by the kill"
		show_screen
		touch "$work/stop"
	fi
}

# ---- runs ---------------------------------------------------------------------

kills=0
nrun=0
submit_kills=0
screen_kills=0
verified=0
while [ $kills -lt $want_kills ] && [ ! -e "$work/stop" ]; do
	nrun=$((nrun + 1))
	rm -f "$work"/w?.end "$work/screen.killed"
	submit_writer 1 "$champion" 2>/dev/null &
	submit_writer 2 "$skeptic" 2>/dev/null &
	rand 1500
	killer $r "$work/w1.pid" "$work/w1.end" &
	rand 1500
	killer $r "$work/w2.pid" "$work/w2.end" &
	rand 4000
	killer $((1000 + r)) "$work/pid" "$work/screen.killed" &
	screen_writer
	wait

	for w in 1 2; do
		end=$(cat "$work/w$w.end" 2>/dev/null)
		checks=$((checks + 1))
		case $end in
		killed) submit_kills=$((submit_kills + 1)) ;;
		*) fail "run $nrun, writer $w: ${end:-no end}" ;;
		esac
	done
	kills=$((submit_kills + screen_kills))

	expect_sql "pragma integrity_check" ok
	expect_sql "pragma foreign_key_check" ""
	check '[ "$(totals_agree)" = 1 ]' \
		"run $nrun: the running totals disagree with the rows"

	# Every recorded response, with every answer of its file.
	answers_of_round SUB | LC_ALL=C sort >"$work/have"
	LC_ALL=C sort "$work/recorded" >"$work/want"
	missing=$(LC_ALL=C comm -23 "$work/want" "$work/have")
	check '[ -z "$missing" ]' \
		"run $nrun: recorded responses missing or not as submitted:
$missing"
	# No response stored in part: a submit is all or nothing.
	expect_sql "select count(*) from response r join round d
		on d.id = r.round_id where d.code = 'SUB'
		and (r.finished_at is null or r.segment is null
		or (select count(*) from answer where response_id = r.id) < 4
		or not exists (select 1 from estimate where response_id = r.id)
		or (select count(*) from response_score
			where response_id = r.id) <> 4)" 0

	# Every answer acknowledged on screen, with the choice made.
	sql "select t.name || '|' || x from (
		select response_id, question || '=' || choice as x from answer
		union all select response_id, question || '=' || champions ||
			',' || willing || ',' || cautious from estimate
		union all select id, 'finished' from response
			where finished_at is not null) a
		join response r on r.id = a.response_id
		join respondent t on t.id = r.respondent_id
		join round d on d.id = r.round_id where d.code = 'SCR'" |
		LC_ALL=C sort >"$work/have"
	LC_ALL=C sort "$work/acked" >"$work/want"
	missing=$(LC_ALL=C comm -23 "$work/want" "$work/have")
	check '[ -z "$missing" ]' \
		"run $nrun: answers acknowledged on screen are missing:
$missing"
	verified=$((verified + $(wc -l <"$work/recorded") + $(wc -l <"$work/acked")))
	echo "run $nrun: $kills kills so far; $(wc -l <"$work/recorded") responses recorded, $(grep -c = "$work/acked") answers on screen acknowledged"
done

recorded=$(wc -l <"$work/recorded")
submitted_answers=$(sed 's/[^=]//g' "$work/recorded" | tr -d '\n' | wc -c)
screen_answers=$(grep -c = "$work/acked")
echo "$nrun runs, $kills kills ($submit_kills of aimap submit, $screen_kills in the terminal)"
echo "$((submitted_answers + screen_answers)) answers acknowledged before a kill and found after it: $submitted_answers in $recorded recorded responses, $screen_answers given on screen by $(cut -d'|' -f1 "$work/acked" | sort -u | wc -l) respondents ($resumed welcomed back after a kill)"
stored=$(sql "select count(*) from response r join round d
	on d.id = r.round_id where d.code = 'SUB'")
echo "$((stored - recorded)) submits were killed after their commit and before they reported it (stored whole all the same)"
echo "$(sql "select count(*) from response") responses and $(sql "select count(*) from answer") answers stored; $verified acknowledgements checked after the runs"
finish
