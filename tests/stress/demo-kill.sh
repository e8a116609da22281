#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap demo killed with kill -9 at random moments. Each batch of the demo
# is one transaction in which the running totals' triggers are set aside,
# the responses written (finished at once, with time-ordered UUIDs) and
# the totals counted before the commit (src/store-totals.c); a kill
# leaves each round with all of its batch or none of it, the triggers
# with the text a fresh database has, the totals equal to a recount
# (tests/bench/sql/recount.sql) and the file whole.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/stress/lib.sh"

[ -r /proc/self/environ ] || {
	echo "SKIP: no /proc to tell this test's aimap processes from others"
	exit 77
}
if stress_long; then want_kills=30; else want_kills=4; fi
stress_seed

recount="$top_srcdir/tests/bench/sql/recount.sql"
people=3000 # one batch a round, far past the 50 that set the triggers aside

triggers_of() { # DB
	sqlite3 -batch -noheader "$1" "select name || '|' || sql
		from sqlite_schema where type = 'trigger' order by name"
}
AIMAP_DB="$work/fresh.db" "$AIMAP" round list >/dev/null 2>&1 ||
	abort "aimap could not make a fresh database"
fresh=$(triggers_of "$work/fresh.db")
check '[ -n "$fresh" ]' "a fresh database has no triggers"

per_round() {
	sql "select r.code || '=' || count(p.id) from round r
		left join response p on p.round_id = r.id group by r.id
		order by r.code"
}

# one demo run to its end, timed: the kills below fall within its time
started=$(date +%s%N)
"$AIMAP" demo --respondents $people --seed 2 >/dev/null 2>&1 ||
	abort "the whole demo failed"
took=$((($(date +%s%N) - started) / 1000000))
full=$(per_round)
second=$(sql "select count(*) from response p join round r
	on r.id = p.round_id where r.code = 'DEMO-2'")
check '[ "$(triggers_of "$AIMAP_DB")" = "$fresh" ]' \
	"after a demo the triggers differ from a fresh database's"
check '[ "$full" = "DEMO-1=$people
DEMO-2=$second" ]' "the whole demo stored $full"

# The database after a kill: each round made so far holds all of its
# people or none.
whole() { # WHAT
	checks=$((checks + 1))
	[ "$(sql 'pragma integrity_check')" = ok ] ||
		fail "$1: the integrity check fails"
	[ "$(triggers_of "$AIMAP_DB")" = "$fresh" ] ||
		fail "$1: the triggers differ from a fresh database's"
	bad=$(sqlite3 -batch -noheader "$AIMAP_DB" <"$recount" | grep -v '|0$')
	[ -z "$bad" ] || fail "$1: totals differ from a recount: $bad"
	case $(per_round | tr '\n' ' ') in
	"" | "DEMO-1=0 " | "DEMO-1=$people " | "DEMO-1=$people DEMO-2=0 ") ;;
	"DEMO-1=$people DEMO-2=$second ") committed=$((committed + 1)) ;;
	*) fail "$1: part of a batch was stored: $(per_round)" ;;
	esac
}

kills=0
runs=0
committed=0
while [ $kills -lt $want_kills ] && [ $runs -lt $((want_kills * 8)) ]; do
	runs=$((runs + 1))
	rm -f "$AIMAP_DB" "$AIMAP_DB-wal" "$AIMAP_DB-shm"
	kill_during "$took" "$work/demo.out" \
		"$AIMAP" demo --respondents $people --seed 2
	if [ $st -eq 137 ]; then
		kills=$((kills + 1))
		whole "kill $kills at $at ms of $took"
	elif [ $st -ne 0 ]; then
		fail "a demo ended with $st: $(cat "$work/demo.out")"
	fi
done
echo "$kills kills in $runs runs, $committed after the last commit" \
	"(kills at 20% to 95% of the $took ms a whole demo took)"
check '[ $kills -ge $want_kills ]' "only $kills of $runs demos were killed"
finish
