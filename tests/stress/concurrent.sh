#!/bin/sh
# SPDX-License-Identifier: MIT
# Many writers at once: 8 processes each submit 250 respondents into one
# database at the same time (make check-long; 25 each in make check, where
# the full count takes about 40 s under the sanitizers), while `aimap report`
# reads the round in a loop and the dashboard shows it live. No error
# reaches any writer or reader, exactly 8 x 250 responses are stored, no
# single submit takes as long as the busy timeout (10 s, src/store.h), and
# the dashboard ends on the full count.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/stress/lib.sh"

if stress_long; then
	writers=8 each=250
else
	writers=8 each=25
fi
busy_ms=10000
total=$((writers * each))

"$AIMAP" round new "Busy" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code BUSY >/dev/null 2>&1 ||
	abort "could not open the round"

start 100 30 dashboard -r BUSY
wait_for "Answers so far"

# One writer: EACH submits in a row, each one's duration in ms and exit
# status logged; anything on stderr is kept.
writer() { # N FILE
	i=0
	while [ $i -lt $each ] && [ ! -e "$work/stop" ]; do
		t0=$(now_ms)
		"$AIMAP" submit -r BUSY "$2" >/dev/null 2>"$work/err$1"
		st=$?
		t1=$(now_ms)
		echo "$((t1 - t0)) $st" >>"$work/times$1"
		[ -s "$work/err$1" ] && cat "$work/err$1" >>"$work/errors"
		i=$((i + 1))
	done
}

# The reader: aimap report on the round, again and again until stopped.
reader() {
	while [ ! -e "$work/stop" ] && [ ! -e "$work/writers-done" ]; do
		t0=$(now_ms)
		"$AIMAP" report -r BUSY >/dev/null 2>"$work/report.err"
		st=$?
		t1=$(now_ms)
		echo "$((t1 - t0)) $st" >>"$work/report-times"
		[ -s "$work/report.err" ] && cat "$work/report.err" >>"$work/errors"
	done
}

: >"$work/errors"
reader &
reader_pid=$!
start_ms=$(now_ms)
pids=""
w=1
while [ $w -le $writers ]; do
	if [ $((w % 2)) = 1 ]; then file=champion; else file=skeptic; fi
	writer $w "$data/answers/$file.ini" &
	pids="$pids $!"
	w=$((w + 1))
done
# shellcheck disable=SC2086
wait $pids
elapsed=$(($(now_ms) - start_ms))
touch "$work/writers-done"
wait "$reader_pid"

cat "$work"/times? "$work"/times?? 2>/dev/null | sort -n >"$work/times"
submits=$(wc -l <"$work/times")
failed=$(awk '$2 != 0' "$work/times" | wc -l)
slowest=$(tail -n 1 "$work/times" | cut -d' ' -f1)
median=$(sed -n "$(((submits + 1) / 2))p" "$work/times" | cut -d' ' -f1)
p99=$(sed -n "$(((submits * 99 + 99) / 100))p" "$work/times" | cut -d' ' -f1)
reports=$(wc -l <"$work/report-times")
report_failed=$(awk '$2 != 0' "$work/report-times" | wc -l)
report_slowest=$(sort -n "$work/report-times" | tail -n 1 | cut -d' ' -f1)

check '[ "$submits" = $total ]' "$submits submits ran, not $total"
check '[ "$failed" = 0 ]' "$failed submits failed"
check '[ "$report_failed" = 0 ]' "$report_failed reports failed"
check '[ ! -s "$work/errors" ]' "errors reached a writer or reader:
$(sort "$work/errors" | uniq -c | head -n 20)"
check '[ "${slowest:-0}" -lt $busy_ms ]' \
	"a submit took $slowest ms, the busy timeout is $busy_ms ms"
check '[ "$reports" -gt 0 ]' "no report ran during the writes"
expect_sql "select count(*) from response r join round d
	on d.id = r.round_id where d.code = 'BUSY'" $total
expect_sql "select count(*) from response where finished_at is null" 0
expect_sql "pragma integrity_check" ok
check '[ "$(totals_agree)" = 1 ]' "the running totals disagree with the rows"

# The dashboard read all along, and shows every response.
wait_for "$total done" 10
check 'printf "%s\n" "$last" | grep -Eq "^ *Whole round +$total done +0 in progress"' \
	"the dashboard does not count $total:
$last"
keys q
expect_exit 0 "quitting the dashboard"

echo "$writers writers x $each respondents: $submits submits in $elapsed ms, $failed failed"
echo "submit duration: median $median ms, 99th percentile $p99 ms, slowest $slowest ms (busy timeout $busy_ms ms)"
echo "$reports reports read meanwhile, $report_failed failed, slowest $report_slowest ms"
finish
