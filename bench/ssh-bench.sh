#!/usr/bin/env bash
# ssh-bench.sh measures vtyd against its two references in one run on loopback:
#   bare  a golang.org/x/crypto/ssh server that only authenticates and answers an exec with fixed text
#         (bench/cmd/bareserver): the floor of the Go SSH stack vtyd is built on;
#   sshd  a private OpenSSH sshd (own sshd_config, host key and authorized_keys in a temp dir, on a
#         free loopback port, started as the current user, stopped by PID); skipped when
#         openssh-server is not installed. Its sessions get an empty HOME (sshd_config SetEnv), so
#         that the user's shell start-up files (a .bashrc running pyenv init costs ~90 ms of CPU per
#         connection on the reference machine) are not counted as sshd's; SSHD_REAL_HOME=1 keeps them.
# bench/cmd/load drives each with public-key auth: exec round trips (one connection each) at
# concurrency 16 — rate, p50/p99 latency, key exchange, server CPU per connection — and the memory
# (PSS, child processes included) per held interactive session with 200 open, without a PTY, with
# a vt100 PTY (both get vtyd's line CLI) and with an xterm-256color PTY of 80x24 (vtyd's full-screen
# console; bare a PTY shell; sshd a login shell). Each memory phase starts a fresh vtyd and bare
# server.
#
# Usage: bench/ssh-bench.sh      Environment: SESSIONS (200) CONC (16) EXECS (10000) MAXSECS (20)
set -euo pipefail

SESSIONS=${SESSIONS:-200}
CONC=${CONC:-16}
EXECS=${EXECS:-10000}
MAXSECS=${MAXSECS:-20}
SSHD=/usr/sbin/sshd

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ssh-bench.XXXXXX")
bin=$work/bin
running=() # PIDs of the servers this script started

# stop ends one server by PID: TERM, then KILL after 10 s.
stop() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local pid
	for pid in "${running[@]}"; do stop "$pid"; done
	rm -rf "$work"
}
trap cleanup EXIT

# wait_line waits (30 s at most: vtyd's first start makes an RSA host key) for a line matching a
# pattern in a log file and prints it.
wait_line() {
	local file=$1 pattern=$2 i
	for ((i = 0; i < 300; i++)); do
		if grep -m1 -E "$pattern" "$file" 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	echo "ssh-bench: timed out waiting for /$pattern/ in $file:" >&2
	cat "$file" >&2
	return 1
}

echo "building vtyd (no -race), bareserver and load..." >&2
mkdir -p "$bin"
(cd "$root" && go build -o "$bin/vtyd" . && go build -o "$bin/" ./bench/cmd/bareserver ./bench/cmd/load)
"$bin/load" keygen "$work/client_key"

# Each start_* sets PID and ADDR of a fresh server.
start_vtyd() {
	local log=$work/vtyd.$RANDOM.log
	"$bin/vtyd" --listen 127.0.0.1:0 --data "$work/vtyd-data" --vty-lines 256 \
		--admin-key "$work/client_key.pub" --admin-password "bench-$RANDOM$RANDOM" >"$log" 2>&1 &
	PID=$!
	running+=("$PID")
	ADDR=$(wait_line "$log" ': listening addr=' | sed -E 's/.*addr=([^ ]+).*/\1/')
}

start_bare() {
	local log=$work/bare.$RANDOM.log
	"$bin/bareserver" -authorized-keys "$work/client_key.pub" >"$log" 2>&1 &
	PID=$!
	running+=("$PID")
	ADDR=$(wait_line "$log" '^listening' | cut -d' ' -f2)
}

# start_sshd runs OpenSSH's sshd in the foreground (-D) on a port that was free a moment ago,
# retrying a few ports if another process takes it first.
start_sshd() {
	local dir=$work/sshd port try
	mkdir -p "$dir"
	[[ -f $dir/host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
	cp "$work/client_key.pub" "$dir/authorized_keys"
	mkdir -p "$dir/home"
	local setenv="SetEnv HOME=$dir/home"
	[[ ${SSHD_REAL_HOME:-0} == 1 ]] && setenv="# SSHD_REAL_HOME=1: sessions keep the user's HOME"
	if [[ $(id -u) == 0 && ! -d /run/sshd ]]; then
		mkdir -p -m 0755 /run/sshd # sshd running as root needs its privilege-separation directory
	fi
	for try in 1 2 3; do
		port=$("$bin/load" freeport)
		cat >"$dir/sshd_config" <<-EOF
			Port $port
			ListenAddress 127.0.0.1
			HostKey $dir/host_ed25519
			PidFile $dir/sshd.pid
			AuthorizedKeysFile $dir/authorized_keys
			AuthenticationMethods publickey
			PubkeyAuthentication yes
			PasswordAuthentication no
			KbdInteractiveAuthentication no
			UsePAM no
			StrictModes no
			PermitRootLogin prohibit-password
			MaxStartups 200
			PrintMotd no
			PrintLastLog no
			UseDNS no
			LogLevel ERROR
			$setenv
		EOF
		"$SSHD" -t -f "$dir/sshd_config"
		"$SSHD" -D -e -f "$dir/sshd_config" >"$dir/log" 2>&1 &
		PID=$!
		running+=("$PID")
		ADDR=127.0.0.1:$port
		local i
		for ((i = 0; i < 50; i++)); do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
			kill -0 "$PID" 2>/dev/null || break
			sleep 0.1
		done
		stop "$PID"
	done
	echo "ssh-bench: sshd did not start:" >&2
	cat "$dir/log" >&2
	return 1
}

# measure NAME USER CMD PROBE: four phases, each on a fresh server (sshd: the same master).
# Results go to $work/NAME.{nopty,pty,console,exec}. The console gets no probe: typed into it, the
# line's letters would be keys; its first frame shows it works.
measure() {
	local name=$1 user=$2 cmd=$3 probe=$4 phase
	for phase in nopty pty console exec; do
		"start_$name"
		echo "$name ($ADDR, pid $PID): $phase..." >&2
		local common=(-addr "$ADDR" -user "$user" -key "$work/client_key" -pid "$PID")
		case $phase in
		nopty) "$bin/load" hold "${common[@]}" -sessions "$SESSIONS" -probe "$probe" >"$work/$name.$phase" ;;
		pty) "$bin/load" hold "${common[@]}" -sessions "$SESSIONS" -probe "$probe" -pty vt100 >"$work/$name.$phase" ;;
		console)
			local cprobe=$probe
			[[ $name == vtyd ]] && cprobe=""
			"$bin/load" hold "${common[@]}" -sessions "$SESSIONS" -probe "$cprobe" -pty xterm-256color >"$work/$name.$phase"
			;;
		exec) "$bin/load" exec "${common[@]}" -cmd "$cmd" -c "$CONC" -n "$EXECS" -max "${MAXSECS}s" >"$work/$name.$phase" ;;
		esac
		stop "$PID"
		cat "$work/$name.$phase" >&2
	done
}

measure vtyd admin "display clock" "display clock"
measure bare admin "display clock" ""
have_sshd=1
if [[ -x $SSHD ]] && command -v ssh-keygen >/dev/null; then
	measure sshd "$(id -un)" "echo 10:38:12.320 UTC Wed 11/25/2026" "echo ready"
else
	have_sshd=0
	echo "sshd: skipped ($SSHD not found: apt-get install -y openssh-server)" >&2
fi

# get NAME PHASE KEY prints one value from a load result ("-" when absent).
get() {
	local f=$work/$1.$2
	[[ -f $f ]] || { echo -; return; }
	tr ' ' '\n' <"$f" | sed -n "s/^$3=//p" | tr -d '"' | head -1
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2fx", a / b }'; }

row() { # label phase key
	local v b s
	v=$(get vtyd "$2" "$3")
	b=$(get bare "$2" "$3")
	s=-
	((have_sshd)) && s=$(get sshd "$2" "$3")
	printf '%-30s %12s %12s %12s %11s %11s\n' "$1" "$v" "$b" "$s" "$(ratio "$v" "$b")" "$(ratio "$v" "$s")"
}

echo
echo "ssh-bench: loopback, $(nproc) CPUs shared by client and server; $(go version | cut -d' ' -f3); $("$SSHD" -V 2>&1 | head -1 || true)"
printf '%-30s %12s %12s %12s %11s %11s\n' "" vtyd bare sshd vtyd/bare vtyd/sshd
row "exec round trips/s (c=$CONC)" exec exec_per_s
row "exec latency p50 (ms)" exec p50_ms
row "exec latency p99 (ms)" exec p99_ms
row "server CPU per connection (ms)" exec cpu_ms_per_conn
row "exec errors" exec errors
row "PSS per held session, no PTY (KB)" nopty kb_per_session
row "PSS per held session, vt100 (KB)" pty kb_per_session
row "PSS per held session, xterm (KB)" console kb_per_session
held() { echo "$(get "$1" nopty sessions)/$(get "$1" pty sessions)/$(get "$1" console sessions)"; }
printf '%-30s %12s %12s %12s\n' "sessions held (no PTY/vt100/xterm)" "$(held vtyd)" "$(held bare)" "$( ((have_sshd)) && held sshd || echo -)"
printf '%-30s %12s %12s %12s\n' "key exchange" "$(get vtyd exec kex)" "$(get bare exec kex)" "$( ((have_sshd)) && get sshd exec kex || echo -)"
echo "goals: vtyd >= 0.8x bare and > 10x sshd in exec/s; < 256 KB per held line-CLI session;"
echo "       < 512 KB per held console session (xterm: vtyd draws its full-screen console there)"
