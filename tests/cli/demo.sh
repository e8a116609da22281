#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap demo: a synthetic organisation from the personas, the same for the
# same seed, with departments ahead and behind, and a later round in which
# people moved on.
. "$top_srcdir/tests/cli/lib.sh"

run "$AIMAP" demo --respondents 60 --seed 3
expect_status 0 demo
[ "$out" = "DEMO-1
DEMO-2" ] || fail "demo printed: $out"
expect_err_has "try: aimap dashboard -r DEMO-2"
[ "$(sql "select count(*) from response p join round r on r.id = p.round_id where r.code = 'DEMO-1' and finished_at is not null")" = 60 ] ||
	fail "the first round does not hold 60 responses"
[ "$(sql "select count(distinct department) from response")" -ge 5 ] ||
	fail "fewer than five departments"
[ "$(sql "pragma foreign_key_check")" = "" ] || fail "foreign keys broken"

# Demo people have no names (nor agree to be contacts); a person's two
# rounds share their respondent row, and the comparison follows them by
# it: everyone who came back, none of them lost as anonymous. (On 200
# people: with 60, too few leave or join for the report to show who
# moved.)
moves="$work/moves.db"
AIMAP_DB="$moves" "$AIMAP" demo --respondents 200 --seed 3 >/dev/null 2>&1 ||
	fail "demo of 200"
[ "$(AIMAP_DB="$moves" sql "select count(*) from respondent where name is not null or champion_contact")" = 0 ] ||
	fail "demo people have names"
back=$(AIMAP_DB="$moves" sql "select count(*) from response b join response n
	on n.respondent_id = b.respondent_id join round rb on rb.id = b.round_id
	join round rn on rn.id = n.round_id
	where rb.code = 'DEMO-1' and rn.code = 'DEMO-2'")
[ "$back" -ge 150 ] || fail "only $back people answered both rounds as themselves"
AIMAP_DB="$moves" "$AIMAP" report -r DEMO-2 --compare DEMO-1 --format csv \
	>"$work/cmp.csv" || fail "compare"
both=$(awk -F, '$1 == "transitions" && $6 == "both" { print $7 + 0 }' "$work/cmp.csv")
[ "$both" = "$back" ] ||
	fail "the comparison follows $both people, not the $back of both rounds"

# Its batches (of 200 and 210 people, past the 50 from which the running
# totals are counted once per batch) leave the totals equal to a recount
# and the triggers as a fresh database has them.
bad=$(sqlite3 -batch -noheader "$moves" <"$top_srcdir/tests/bench/sql/recount.sql" |
	grep -v '|0$')
[ -z "$bad" ] || fail "the demo's totals differ from a recount: $bad"
AIMAP_DB="$work/fresh.db" "$AIMAP" round list >/dev/null 2>&1
triggers="select name || '|' || sql from sqlite_schema where type = 'trigger'
	order by name"
[ "$(AIMAP_DB="$moves" sql "$triggers")" = "$(AIMAP_DB="$work/fresh.db" sql "$triggers")" ] ||
	fail "the demo's triggers differ from a fresh database's"

# The batches' rows get time-ordered UUIDs (version 7), each after the
# one written before it, so that the UUID indexes grow at their end
# (submit.sh: a person's response keeps a random one, version 4).
for t in response respondent; do
	[ "$(AIMAP_DB="$moves" sql "select count(*) from $t
		where uuid not like '________-____-7___-____-____________'")" = 0 ] ||
		fail "demo ${t}s without a version 7 UUID"
	[ "$(AIMAP_DB="$moves" sql "select count(*) from $t a join $t b
		on b.id = a.id + 1 where b.uuid <= a.uuid")" = 0 ] ||
		fail "demo ${t}s' UUIDs out of the order they were written"
done

# Every classified response matches a fresh classification of its
# answers: the demo stores what aimap would compute.
[ "$(sql "select count(*) from response where segment is null")" = 0 ] ||
	fail "unclassified demo responses"

# Departments differ: the most and the least advanced are far apart.
spread=$(sql "select cast(max(p) - min(p) as int) from (select department,
	100.0 * sum(segment = 'champion') / count(*) as p from response
	group by department having count(*) >= 5)")
[ "$spread" -ge 20 ] || fail "departments look alike (champion spread $spread)"

# The same seed gives the same organisation; another seed another one.
"$AIMAP" report -r DEMO-2 --format csv >"$work/first.csv" || fail "report"
AIMAP_DB="$work/second.db" "$AIMAP" demo --respondents 60 --seed 3 \
	>/dev/null 2>&1 || fail "second demo"
AIMAP_DB="$work/second.db" "$AIMAP" report -r DEMO-2 --format csv \
	>"$work/second.csv" || fail "report"
cmp -s "$work/first.csv" "$work/second.csv" ||
	fail "the same seed gave another organisation"
AIMAP_DB="$work/third.db" "$AIMAP" demo --respondents 60 --seed 4 \
	>/dev/null 2>&1 || fail "third demo"
AIMAP_DB="$work/third.db" "$AIMAP" report -r DEMO-2 --format csv \
	>"$work/third.csv" || fail "report"
cmp -s "$work/first.csv" "$work/third.csv" &&
	fail "another seed gave the same organisation"

# People move on between rounds: more move up than down (the 200 people
# above).
up=$(awk -F, '/moved_willing_to_champion|moved_cautious_to_willing|moved_cautious_to_champion/ { s += $7 } END { print s + 0 }' "$work/cmp.csv")
down=$(awk -F, '/moved_champion_to_willing|moved_willing_to_cautious|moved_champion_to_cautious/ { s += $7 } END { print s + 0 }' "$work/cmp.csv")
[ "$up" -gt "$down" ] || fail "the later round did not move people on ($up up, $down down)"

# A second demo into the same database refuses the codes it would reuse.
run "$AIMAP" demo --respondents 5
expect_status 1 demo-again
expect_err_has "a round with code 'DEMO-1' exists already"

run "$AIMAP" demo --respondents 0
expect_status 2 zero

# The demo's rounds are closed and dated eight weeks apart, the newest
# opened ten days before now (AIMAP_NOW), answered over their first day.
[ "$(sql "select group_concat(code || ' ' || state || ' ' || created_at || ' ' || closed_at, ';') from (select * from round order by code)")" = \
	"DEMO-1 closed 2025-11-10T09:30:00Z 2025-11-12T09:30:00Z;DEMO-2 closed 2026-01-05T09:30:00Z 2026-01-07T09:30:00Z" ] ||
	fail "demo rounds not closed and dated: $(sql "select code, state, created_at, closed_at from round")"
[ "$(sql "select count(*) from response p join round r on r.id = p.round_id
	where p.started_at < r.created_at or p.finished_at > r.closed_at
	or p.finished_at < p.started_at")" = 0 ] ||
	fail "demo answers fall outside their round"
[ "$(sql "select count(distinct substr(finished_at, 1, 10)) from response")" = 2 ] ||
	fail "each demo round's answers do not fall on its first day"

# Without --db or AIMAP_DB the demo has a database of its own: the
# default one stays untouched, and the message says how to open it.
own="$HOME/.local/share/aimap/demo.db"
(unset AIMAP_DB; run "$AIMAP" demo --respondents 5
	expect_status 0 own-db
	expect_err_has "in @WORK@/home/.local/share/aimap/demo.db; try: aimap --db @WORK@/home/.local/share/aimap/demo.db dashboard -r DEMO-2"
	[ -f "$own" ] || fail "no demo.db"
	[ ! -e "$HOME/.local/share/aimap/aimap.db" ] ||
		fail "the demo wrote into the default database"
	echo "$failures" >"$work/sub-failures")
failures=$((failures + $(cat "$work/sub-failures")))
[ "$(sqlite3 "$own" "select count(*) from round where state = 'closed'")" = 2 ] ||
	fail "demo.db lacks its two closed rounds"
run "$AIMAP" --db "$work/chosen.db" demo --respondents 5
expect_status 0 chosen-db
[ "$(sqlite3 "$work/chosen.db" "select count(*) from round")" = 2 ] ||
	fail "--db did not choose the demo's database"

finish
