#!/bin/sh
# SPDX-License-Identifier: MIT
# A shared host (aimap(1), SHARED HOST): a real OpenSSH server on
# 127.0.0.1 with a throwaway host key and user key, configured by the
# shipped data/sshd/aimap.conf (its account made the one running this
# test), serves only aimap's respondent flow. Over ssh -tt in tmux a
# person takes the round with an invitation code to the result and the
# connection ends; the database holds the answers, with the invitation's
# department. Leaving half-way shows the way back ("ssh -t HOST resume
# KEY", or "invite CODE") until a key is pressed. A shell command, port
# forwarding and sftp are refused; "resume KEY" and "invite CODE" are
# the only things a client may say.
. "$top_srcdir/tests/e2e/lib.sh"

sshd=/usr/sbin/sshd
missing=""
[ -x "$sshd" ] || missing="$sshd (openssh-server)"
for tool in ssh ssh-keygen sftp; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: missing $missing (build-aux/bootstrap check installs it)"
		exit 1
	fi
	echo "SKIP: missing $missing (build-aux/bootstrap check installs it)"
	exit 77
fi
# sshd started by root needs its privilege separation directory
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && chmod 0755 /run/sshd
fi

user=$(id -un)
db="$work/shared.db"
AIMAP_DB=$db
export AIMAP_DB
"$AIMAP" round new "Shared" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code SSH1 >/dev/null 2>&1 ||
	abort "could not open the round"
"$AIMAP" round new "Other" -q "$data/questionnaires/minimal.ini" \
	--code OTHER >/dev/null 2>&1
"$AIMAP" invite -r SSH1 -d Marketing --count 2 -o "$work/codes.csv" \
	>/dev/null 2>&1 || abort "could not make invitations"
code=$(sed -n 2p "$work/codes.csv" | cut -d, -f2)
code2=$(sed -n 3p "$work/codes.csv" | cut -d, -f2)

ssh-keygen -q -t ed25519 -N '' -f "$work/host" || abort "ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -f "$work/user" || abort "ssh-keygen"
cp "$work/user.pub" "$work/authorized_keys"
chmod 0600 "$work/authorized_keys" "$work/host" "$work/user"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The shipped block, for this account, this aimap and this database.
sed -e "s|^Match User aimap|Match User $user|" \
	-e "s|/usr/bin/aimap --db /var/lib/aimap/aimap.db|env LANG=C.UTF-8 AIMAP_NOW=$AIMAP_NOW $AIMAP --db $db|" \
	-e "s| -r ROUND$| -r SSH1|" \
	"$top_srcdir/data/sshd/aimap.conf" >"$work/aimap.conf"
grep -q "take --respondent-only -r SSH1" "$work/aimap.conf" ||
	abort "data/sshd/aimap.conf has no ForceCommand to adapt"
cat >"$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
Subsystem sftp internal-sftp
Include $work/aimap.conf
CONF
# A refused configuration is a failure (the shipped file is wrong); only
# a host where sshd cannot run at all is a reason to skip.
"$sshd" -t -f "$work/sshd_config" 2>"$work/sshd-t.err" || {
	reason=$(head -n 1 "$work/sshd-t.err")
	case $reason in
	*"privilege separation"* | *"must be owned by root"*)
		if [ "${CI:-}" != true ]; then
			echo "SKIP: sshd cannot start here: $reason"
			exit 77
		fi
		;;
	esac
	echo "FAIL: sshd refuses the configuration: $reason"
	exit 1
}
"$sshd" -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
sshd_pid=$!
stop_sshd() { kill "$sshd_pid" 2>/dev/null; wait "$sshd_pid" 2>/dev/null; }
trap 'stop_sshd; cleanup' EXIT
n=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
	n=$((n + 1))
	[ "$n" -lt 100 ] || abort "sshd did not listen: $(tail -n 3 "$work/sshd.log")"
	sleep 0.1
done

ssh_opts="-F /dev/null -i $work/user -p $port -o BatchMode=yes
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=$work/known_hosts
	-o LogLevel=ERROR"

# ---- a person takes the round with an invitation code to the result ---------

# shellcheck disable=SC2086
start_cmd 80 24 ssh -tt $ssh_opts "$user@127.0.0.1"
wait_for "Your invitation code"
lacks "Dashboard"
send_text "$code"
keys Enter
wait_for "From your invitation: Marketing"
keys Enter
wait_for "About you  2 / 2"
keys Enter
answer_questions 5 3 5 2 2 2
to_review 40 35 25
keys s
wait_for "Your result: Champion"
keys q
expect_exit 0 "the connection ends with the result"
expect_sql "select p.department, p.role, p.finished_at is not null,
	r.code, i.number from response p join round r on r.id = p.round_id
	join invitation i on i.response_id = p.id" \
	"Marketing|individual|1|SSH1|1"

# ---- leaving halfway, and back with the key over ssh ----------------------------

# without a code (the round also takes people without one): a resume key
# shellcheck disable=SC2086
start_cmd 80 24 ssh -tt $ssh_opts "$user@127.0.0.1"
wait_for "Your invitation code"
keys Enter
to_first_question
wait_for "Your resume key is "
key=$(printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1)
check '[ -n "$key" ]' "no resume key over ssh"
answer_questions 2
keys q
# the way back, in the words the account accepts, stays until a key
wait_for "ssh -t HOST resume $key"
lacks "take -r"
sleep 0.5
wait_for "ssh -t HOST resume $key"
keys x
expect_exit 0 "leaving halfway ends the connection"
# shellcheck disable=SC2086
start_cmd 80 24 ssh -tt $ssh_opts "$user@127.0.0.1" resume "$key"
wait_for "Welcome back"
keys Enter
wait_for "3 / 6"
keys q
wait_for "Press any key to leave"
keys x
expect_exit 0 "leaving again"

# an invitation half-way, and back with "invite CODE" (lower case)
# shellcheck disable=SC2086
start_cmd 80 24 ssh -tt $ssh_opts "$user@127.0.0.1" invite \
	"$(printf '%s' "$code2" | tr A-Z a-z)"
wait_for "From your invitation: Marketing"
keys Enter
wait_for "About you  2 / 2"
keys Enter
answer_questions 1
keys q
wait_for "ssh -t HOST invite $code2"
keys x
expect_exit 0 "leaving an invitation half-way"
# shellcheck disable=SC2086
start_cmd 80 24 ssh -tt $ssh_opts "$user@127.0.0.1" invite "$code2"
wait_for "Welcome back"
keys Enter
wait_for "2 / 6"
keys q
wait_for "Press any key to leave"
keys x
expect_exit 0 "leaving the invitation again"
expect_sql "select count(*) from invitation i join response p
	on p.id = i.response_id where i.number = 2 and p.finished_at is null" 1
# a code that is no invitation's code form is refused before anything
# shellcheck disable=SC2086
ssh $ssh_opts "$user@127.0.0.1" invite "$code2; touch $work/pwned" \
	>/dev/null 2>"$work/inv.err" </dev/null
status=$?
check '[ "$status" = 2 ] && [ ! -e "$work/pwned" ]' \
	"invite with more than a code was not refused"

# ---- what the account refuses ------------------------------------------------------

# a shell command: aimap answers instead, and nothing runs
# shellcheck disable=SC2086
ssh $ssh_opts "$user@127.0.0.1" "touch $work/pwned; echo pwned" \
	>"$work/cmd.out" 2>"$work/cmd.err" </dev/null
status=$?
check '[ "$status" = 2 ]' "a shell command: exit status $status, expected 2"
check '[ ! -e "$work/pwned" ]' "a shell command ran"
check 'grep -q "this account takes round SSH1 only" "$work/cmd.err"' \
	"no refusal for a shell command: $(cat "$work/cmd.err")"
# another round, a path, an option: the same
# shellcheck disable=SC2086
ssh $ssh_opts "$user@127.0.0.1" take -r OTHER --db /tmp/x.db \
	>/dev/null 2>"$work/opt.err" </dev/null
status=$?
check '[ "$status" = 2 ]' "options from the client were not refused"
# port forwarding (stdio forwarding to the ssh port itself)
# shellcheck disable=SC2086
ssh $ssh_opts -W "127.0.0.1:$port" "$user@127.0.0.1" </dev/null \
	>"$work/fwd.out" 2>"$work/fwd.err"
status=$?
check '[ "$status" != 0 ] && [ ! -s "$work/fwd.out" ]' "port forwarding worked"
check 'grep -qi "prohibited\|refused\|failed" "$work/fwd.err"' \
	"no refusal for forwarding: $(cat "$work/fwd.err")"
# sftp
echo "ls" >"$work/sftp.batch"
sftp -F /dev/null -i "$work/user" -P "$port" -o BatchMode=yes \
	-o StrictHostKeyChecking=no -o UserKnownHostsFile="$work/known_hosts" \
	-b "$work/sftp.batch" "$user@127.0.0.1" >"$work/sftp.out" 2>&1 </dev/null
status=$?
check '[ "$status" != 0 ]' "sftp worked: $(cat "$work/sftp.out")"
# nothing of those reached the database
expect_sql "select count(*) from response" 3

finish
