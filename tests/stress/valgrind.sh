#!/bin/sh
# SPDX-License-Identifier: MIT
# The command-line tests with aimap under valgrind (make check-valgrind):
#
#   tests/stress/valgrind.sh BINARY TEST...
#
# Each TEST runs as make check runs it, with AIMAP set to a wrapper that
# runs BINARY (a build without sanitizers) as
#   valgrind -q --error-exitcode=1 --leak-check=full
#            --errors-for-leak-kinds=definite --show-leak-kinds=definite
# Each aimap run writes its report to a file of its own under
# tests/stress/valgrind/, next to the command that ran; a test fails when
# it fails or when any report is not empty (an error in a run expected to
# end with status 1 would otherwise go unseen). Clean runs leave nothing.
# Each test's time is printed. Set AIMAP_VALGRIND_SKIP to a list of test
# names to leave out (default: below).
set -u

: "${top_srcdir:?top_srcdir must be set}"
real=${1:?usage: valgrind.sh BINARY TEST...}
shift

command -v valgrind >/dev/null 2>&1 || {
	echo "SKIP: valgrind is not installed"
	exit 77
}

# Left out by default, for time (each runs aimap thousands of times or
# over a large database) or because they measure aimap itself:
#   export.sh        measures aimap's memory with /usr/bin/time, which
#                    would measure valgrind's
skip=${AIMAP_VALGRIND_SKIP-export.sh}

logs="${top_builddir:-.}/tests/stress/valgrind"
rm -rf "$logs"
mkdir -p "$logs" || exit 99
logs=$(cd "$logs" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aimap-valgrind-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# The files of one run are named by the test, the pid and the time (pids
# come round again within a test).
cat >"$tmp/aimap" <<EOF
#!/bin/sh
log="$logs/\${AIMAP_VALGRIND_TEST:-none}.\$\$.\$(date +%s%N)"
printf '%s\n' "\$*" >"\$log.cmd"
exec valgrind -q --error-exitcode=1 --leak-check=full \\
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \\
	--log-file="\$log.log" "$real" "\$@"
EOF
chmod +x "$tmp/aimap"

# One test, in the background: its result goes to NAME.res, a first line
# "PASS|FAIL|SKIP RUNS REPORTS" and then what to print.
run_one() { # TEST NAME
	t0=$(date +%s)
	AIMAP="$tmp/aimap" AIMAP_VALGRIND_TEST=$2 AIMAP_VALGRIND_REAL="$real" \
		${SHELL:-/bin/sh} "$top_srcdir/$1" >"$logs/$2.out" 2>&1
	st=$?
	secs=$(($(date +%s) - t0))
	n=$(find "$logs" -name "$2.*.cmd" | wc -l)
	bad=""
	for log in "$logs/$2".*.log; do
		[ -e "$log" ] || continue
		if [ -s "$log" ]; then
			bad="$bad $log"
		else
			rm -f "$log" "${log%.log}.cmd"
		fi
	done
	find "$logs" -name "$2.*.cmd" | while read -r cmd; do
		[ -e "${cmd%.cmd}.log" ] || rm -f "$cmd"
	done
	nbad=$(echo "$bad" | wc -w)
	{
		if [ $st -eq 77 ]; then
			echo "SKIP $n 0"
			echo "SKIP: $1 ($secs s): $(tail -n 1 "$logs/$2.out")"
		elif [ $st -eq 0 ] && [ -z "$bad" ]; then
			echo "PASS $n 0"
			echo "PASS: $1 ($secs s, $n aimap runs)"
			rm -f "$logs/$2.out"
		else
			echo "FAIL $n $nbad"
			echo "FAIL: $1 ($secs s, $n aimap runs, $nbad valgrind reports, status $st)"
			grep '^FAIL' "$logs/$2.out" | head -n 20
			for log in $bad; do
				echo "---- valgrind, on: aimap $(cat "${log%.log}.cmd")"
				cat "$log"
			done
			echo "(the test's output: $logs/$2.out)"
		fi
	} >"$logs/$2.tmp"
	mv "$logs/$2.tmp" "$logs/$2.res"
}

tests=0 passed=0 failed=0 skipped=0 runs=0 reported=0 running=0

# Print and count the results of the tests that ended.
collect() {
	for res in "$logs"/*.res; do
		[ -e "$res" ] || continue
		read -r kind n nbad <"$res"
		sed 1d "$res"
		rm -f "$res"
		running=$((running - 1))
		runs=$((runs + n))
		reported=$((reported + nbad))
		case $kind in
		PASS) passed=$((passed + 1)) ;;
		SKIP) skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) ;;
		esac
	done
}

jobs=${AIMAP_VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 1)}
echo "valgrind: the command-line tests, $jobs at a time; reports in $logs"
start_all=$(date +%s)
for t in "$@"; do
	name=$(basename "$t")
	tests=$((tests + 1))
	case " $skip " in
	*" $name "*)
		echo "SKIP: $t (left out under valgrind)"
		skipped=$((skipped + 1))
		continue
		;;
	esac
	while [ $running -ge "$jobs" ]; do
		sleep 0.5
		collect
	done
	running=$((running + 1))
	run_one "$t" "$name" &
done
wait
collect
echo "valgrind: $tests tests, $passed passed, $failed failed, $skipped skipped;" \
	"$runs aimap runs, $reported with a valgrind report;" \
	"$(($(date +%s) - start_all)) s"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
