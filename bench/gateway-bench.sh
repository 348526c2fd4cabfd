#!/usr/bin/env bash
# gateway-bench.sh measures the gateway in front of a "real" switch — a vtyd device in a process of
# its own, reached over SSH as kind ssh — against the same work straight to that switch, in the
# same run, on loopback:
#   exec     round trips/s (new client connection, `display clock`, exit status) through the
#            gateway, against exec straight to the switch (goal >= 0.9x, from connection reuse);
#   config   round trips/s of `display current-configuration` of a 10508 (416 ports), relayed,
#            against direct (goal >= 0.9x);
#   bare     the same two through a bare golang.org/x/crypto/ssh relay (bench/cmd/bareserver -relay):
#            connections to the switch opened once, each exec an exec on a new channel of one, no
#            PTY, prompts or audit — the least a relay with connection reuse does on the Go SSH
#            stack, so the gateway's ratio reads against what relaying costs on this machine;
#   tmpfs    the same two through a second gateway whose data directory, with its audit log, is on
#            tmpfs (/dev/shm), where fdatasync costs nothing: the gateway acknowledges an exec's
#            audit record only once it is on disk, and against the first gateway this shows what
#            that costs on this machine's disk;
#   latency  one exec at a time, median, through the gateway and direct;
#   memory   PSS of the gateway process per relayed interactive session (vt100 shells held open),
#            against the switch's own PSS per session for the same shells straight to it; spread
#            over four switches, since the gateway opens 8 sessions at most on one (more wait).
# The throughput runs alternate, direct then relayed, ROUNDS times, and the figures are the medians:
# a shared or virtual machine drifts by 10% and more between runs a few seconds apart, so each
# ratio is taken of runs made side by side, in one round, and the median of the rounds' ratios is
# given.
# With 3 CPUs or more, the load client, the switch and the gateway (with the bare relay) each run on
# CPUs of their own (taskset: the switches and the gateway a quarter of them each, at least one,
# the client the rest), as deployed: a switch does not share its CPU with the jump host, so
# relayed, the switch's CPUs serve only its lines while the gateway does the client's handshakes on
# its own. With 2 CPUs all share them, and the figures say so: relayed, the gateway's handshakes
# and relaying then take CPU that direct runs leave to the switch, which no relay can win back (see
# the bare relay's ratio). Either way, the switch's CPU per exec direct over the gateway's per exec
# relayed is printed too: the throughput ratio when each has CPUs of its own.
#
# Usage: bench/gateway-bench.sh
# Environment: CONC (16) EXECS (2000) CONFIGS (1000) ROUNDS (3) SESSIONS (32) MAXSECS (20)
set -euo pipefail

CONC=${CONC:-16}
EXECS=${EXECS:-2000}
CONFIGS=${CONFIGS:-1000}
ROUNDS=${ROUNDS:-3}
SESSIONS=${SESSIONS:-32}
MAXSECS=${MAXSECS:-20}

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")
bin=$work/bin
pids=()
shm=""
cleanup() {
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
	[ -z "$shm" ] || rm -rf "$shm"
}
trap cleanup EXIT

ncpu=$(nproc)
client_cpus=()
switch_cpus=()
gateway_cpus=()
if ((ncpu >= 3)) && command -v taskset >/dev/null; then
	q=$((ncpu / 4 > 1 ? ncpu / 4 : 1)) # CPUs for the switches, and as many for the gateway
	sw0=$((ncpu - 2 * q)) gw0=$((ncpu - q)) # the client has the rest, CPUs 0 .. sw0-1
	client_cpus=(taskset -c "0-$((sw0 - 1))")
	switch_cpus=(taskset -c "$sw0-$((gw0 - 1))")
	gateway_cpus=(taskset -c "$gw0-$((ncpu - 1))")
	cpus="the load client on CPUs 0-$((sw0 - 1)), the switches on $sw0-$((gw0 - 1)), the gateway and the bare relay on $gw0-$((ncpu - 1))"
else
	cpus="$ncpu CPUs shared by the load client, the gateway and the switch (figures from shared CPUs; 3 or more are pinned apart)"
fi

echo "building vtyd (no -race) and load..." >&2
mkdir -p "$bin"
(cd "$root" && go build -o "$bin/vtyd" . && go build -o "$bin/" ./bench/cmd/load ./bench/cmd/bareserver)
"$bin/load" keygen "$work/client_key"

# waitlog FILE PATTERN: up to 60 s for a line in a process's log.
waitlog() {
	local i
	for ((i = 0; i < 600; i++)); do
		grep -q "$2" "$1" && return 0
		sleep 0.1
	done
	cat "$1" >&2
	exit 1
}

# A switch: one device, big, with lines for every held session. start_switch NAME sets port[NAME],
# pid[NAME] and the fleet file's entry for it. real1 takes the load; real2..real4 are there only
# so that the memory figure can hold more sessions through the gateway than it opens on one switch.
declare -A port pid hostkeys
fleet_entries=""
start_switch() {
	local name=$1 p fps
	p=$("$bin/load" freeport)
	"${switch_cpus[@]}" "$bin/vtyd" --listen "127.0.0.1:$p" --data "$work/$name" --model 10508 --vty-lines 256 \
		--admin-key "$work/client_key.pub" --admin-password bench-pw >"$work/$name.log" 2>&1 &
	pid[$name]=$!
	pids+=("${pid[$name]}")
	port[$name]=$p
	waitlog "$work/$name.log" ": listening addr="
	fps=$(sed -n 's/.*: host key type=\S* fingerprint=\(SHA256:\S*\)$/\1/p' "$work/$name.log" | paste -sd, -)
	hostkeys[$name]=$fps
	fleet_entries+="  $name:
    kind: ssh
    address: 127.0.0.1
    port: $p
    host_key: [$fps]
    credentials:
      admin: {user: admin, key_file: $work/client_key}
"
}
for name in real1 real2 real3 real4; do start_switch "$name"; done
switch_port=${port[real1]} switch_pid=${pid[real1]} switch_fps=${hostkeys[real1]}

# The gateway, in front of them as real switches, with the same client key for its user.
gw_port=$("$bin/load" freeport)
printf 'devices:\n%s' "$fleet_entries" >"$work/fleet.yml"
printf 'users:\n  - name: bench\n    role: admin\n    devices: ["*"]\n    authorized_keys: ["%s"]\n' \
	"$(cat "$work/client_key.pub")" >"$work/users.yml"
# start_gateway DATA PORT LOG: a gateway in front of the fleet, serving; its pid in started.
start_gateway() {
	"${gateway_cpus[@]}" "$bin/vtyd" --fleet "$work/fleet.yml" --data "$1" --vty-lines 256 --gateway "127.0.0.1:$2" \
		--gateway-users "$work/users.yml" >"$3" 2>&1 &
	started=$!
	pids+=("$started")
	waitlog "$3" "fleet serving"
}
start_gateway "$work/gw" "$gw_port" "$work/gw.log"
gw_pid=$started

# The same gateway with its data directory on tmpfs, where there is one.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/gateway-bench.XXXXXX)
	shm_port=$("$bin/load" freeport)
	start_gateway "$shm/gw" "$shm_port" "$work/gw-tmpfs.log"
	shm_pid=$started
fi

# The reference relay: bare, to real1, on the gateway's CPUs.
"${gateway_cpus[@]}" "$bin/bareserver" -authorized-keys "$work/client_key.pub" -relay "127.0.0.1:$switch_port" \
	-relay-key "$work/client_key" -relay-host-key "$switch_fps" >"$work/bare.log" 2>&1 &
bare_pid=$!
pids+=("$bare_pid")
waitlog "$work/bare.log" "^listening "
bare_port=$(sed -n 's/^listening .*:\([0-9]*\)$/\1/p' "$work/bare.log")

run() { "${client_cpus[@]}" "$bin/load" "$@" -key "$work/client_key"; }
rate() { sed -n 's/.*exec_per_s=\([0-9.]*\).*/\1/p' <<<"$1"; }
p50() { sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$1"; }
pss() { sed -n 's/.*kb_per_session=\([0-9.]*\).*/\1/p' <<<"$1"; }
cpu() { sed -n 's/.*cpu_ms_per_conn=\([0-9.]*\).*/\1/p' <<<"$1"; }

# ticks PID: the CPU time a process has used, in clock ticks of hz a second.
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# median: the middle of the numbers on stdin (the lower middle of an even count).
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# Memory first, while the switch and the gateway are alike fresh: after the throughput runs, the
# switch's heap, grown by 16 configurations at a time, has room that new sessions fill without
# growing it, and its figure read a third of the gateway's.
hdirect=$(run hold -addr "127.0.0.1:$switch_port" -pid "$switch_pid" -sessions "$SESSIONS" -pty vt100 -probe "display clock")
hrelayed=$(run hold -addr "127.0.0.1:$gw_port" -user bench@real1,bench@real2,bench@real3,bench@real4 -pid "$gw_pid" \
	-sessions "$SESSIONS" -pty vt100 -probe "display clock")

# Each round runs the same load straight to the switch, through the gateway, through the bare relay
# and through the gateway with its audit on tmpfs,
# one after the other.
declare -A got
for ((r = 1; r <= ROUNDS; r++)); do
	for kind in exec config; do
		what="display clock" n=$EXECS
		[ "$kind" = config ] && what="display current-configuration" n=$CONFIGS
		d=$(run exec -addr "127.0.0.1:$switch_port" -cmd "$what" -pid "$switch_pid" -c "$CONC" -n "$n" -max "${MAXSECS}s")
		t0=$(ticks "$switch_pid")
		g=$(run exec -addr "127.0.0.1:$gw_port" -user bench@real1 -cmd "$what" -pid "$gw_pid" -c "$CONC" -n "$n" -max "${MAXSECS}s")
		got[$kind.switch.cpu]+="$(echo "($(ticks "$switch_pid") - $t0) * 1000 / $hz / $(sed -n 's/.*conns=\([0-9]*\).*/\1/p' <<<"$g")" | bc -l) "
		b=$(run exec -addr "127.0.0.1:$bare_port" -cmd "$what" -pid "$bare_pid" -c "$CONC" -n "$n" -max "${MAXSECS}s")
		printf 'round %d %s direct:  %s\nround %d %s relayed: %s\nround %d %s bare relay: %s\n' \
			"$r" "$kind" "$d" "$r" "$kind" "$g" "$r" "$kind" "$b" >&2
		if [ -n "$shm" ]; then
			m=$(run exec -addr "127.0.0.1:$shm_port" -user bench@real1 -cmd "$what" -pid "$shm_pid" -c "$CONC" -n "$n" -max "${MAXSECS}s")
			printf 'round %d %s relayed, audit on tmpfs: %s\n' "$r" "$kind" "$m" >&2
			got[$kind.tmpfs.ratio]+="$(echo "$(rate "$m") / $(rate "$d")" | bc -l) "
			got[$kind.tmpfs.rate]+="$(rate "$m") " got[$kind.tmpfs.cpu]+="$(cpu "$m") "
		fi
		got[$kind.direct.rate]+="$(rate "$d") " got[$kind.relayed.rate]+="$(rate "$g") " got[$kind.bare.rate]+="$(rate "$b") "
		got[$kind.direct.cpu]+="$(cpu "$d") " got[$kind.relayed.cpu]+="$(cpu "$g") " got[$kind.bare.cpu]+="$(cpu "$b") "
		got[$kind.ratio]+="$(echo "$(rate "$g") / $(rate "$d")" | bc -l) "
		got[$kind.bare.ratio]+="$(echo "$(rate "$b") / $(rate "$d")" | bc -l) "
	done
done
med() { tr ' ' '\n' <<<"${got[$1]}" | grep . | median; }
ratios() { tr ' ' '\n' <<<"${got[$1]}" | grep . | xargs printf '%.2f ' | sed 's/ $//'; }
ldirect=$(run exec -addr "127.0.0.1:$switch_port" -pid "$switch_pid" -c 1 -n 100 -max "${MAXSECS}s")
lrelayed=$(run exec -addr "127.0.0.1:$gw_port" -user bench@real1 -pid "$gw_pid" -c 1 -n 100 -max "${MAXSECS}s")
printf '%s\n' "$hdirect" "$hrelayed" "$ldirect" "$lrelayed" >&2

lines=$(grep -c '' < <(ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
	-i "$work/client_key" -p "$switch_port" admin@127.0.0.1 "display current-configuration" 2>/dev/null) || true)
printf '\ngateway-bench: a 10508 in another process behind the gateway; %s; %s\n' "$cpus" "$(go version | cut -d' ' -f3)"
printf '(medians of %d rounds, each direct, through the gateway, the bare relay%s)\n' "$ROUNDS" \
	"${shm:+ and the gateway with its audit on tmpfs}"
printf '%-52s %10s\n' "exec round trips/s, straight to the switch" "$(med exec.direct.rate)"
printf '%-52s %10s   %.2fx  (rounds: %s)\n' "exec round trips/s, through the gateway" "$(med exec.relayed.rate)" \
	"$(med exec.ratio)" "$(ratios exec.ratio)"
printf '%-52s %10s   %.2fx  (rounds: %s)\n' "exec round trips/s, through a bare relay" "$(med exec.bare.rate)" \
	"$(med exec.bare.ratio)" "$(ratios exec.bare.ratio)"
[ -z "$shm" ] || printf '%-52s %10s   %.2fx  (rounds: %s)\n' "exec round trips/s, gateway, audit on tmpfs" \
	"$(med exec.tmpfs.rate)" "$(med exec.tmpfs.ratio)" "$(ratios exec.tmpfs.ratio)"
printf '%-52s %10s\n' "display current-configuration ($lines lines)/s, direct" "$(med config.direct.rate)"
printf '%-52s %10s   %.2fx  (rounds: %s)\n' "display current-configuration/s, through the gateway" "$(med config.relayed.rate)" \
	"$(med config.ratio)" "$(ratios config.ratio)"
printf '%-52s %10s   %.2fx  (rounds: %s)\n' "display current-configuration/s, bare relay" "$(med config.bare.rate)" \
	"$(med config.bare.ratio)" "$(ratios config.bare.ratio)"
[ -z "$shm" ] || printf '%-52s %10s   %.2fx  (rounds: %s)\n' "display current-configuration/s, gateway, tmpfs" \
	"$(med config.tmpfs.rate)" "$(med config.tmpfs.ratio)" "$(ratios config.tmpfs.ratio)"
printf '%-52s %10s\n' "CPU ms per exec, the switch, direct" "$(med exec.direct.cpu)"
printf '%-52s %10s\n' "CPU ms per exec, the gateway, relayed" "$(med exec.relayed.cpu)"
[ -z "$shm" ] || printf '%-52s %10s\n' "CPU ms per exec, the gateway, audit on tmpfs" "$(med exec.tmpfs.cpu)"
printf '%-52s %10.2f\n' "CPU ms per exec, the switch, relayed (one line)" "$(med exec.switch.cpu)"
printf '%-52s %10s\n' "CPU ms per configuration, the switch, direct" "$(med config.direct.cpu)"
printf '%-52s %10s\n' "CPU ms per configuration, the gateway, relayed" "$(med config.relayed.cpu)"
[ -z "$shm" ] || printf '%-52s %10s\n' "CPU ms per configuration, the gateway, tmpfs" "$(med config.tmpfs.cpu)"
printf '%-52s %10.2f\n' "CPU ms per configuration, the switch, relayed" "$(med config.switch.cpu)"
# cpuratio KIND RELAY: the switch's CPU per round trip direct over RELAY's relayed, per round, and
# their median.
cpuratio() {
	local d r i key="$1.$2.cpuratio"
	read -ra d <<<"${got[$1.direct.cpu]}"
	read -ra r <<<"${got[$1.$2.cpu]}"
	for i in "${!d[@]}"; do got[$key]+="$(echo "${d[$i]} / ${r[$i]}" | bc -l) "; done
	printf '%.2fx  (rounds: %s)' "$(med "$key")" "$(ratios "$key")"
}
echo "with CPUs of their own (switch's CPU per round trip direct / the relay's, relayed):"
printf '%-52s %s\n' "  exec, through the gateway" "$(cpuratio exec relayed)"
printf '%-52s %s\n' "  exec, through the bare relay" "$(cpuratio exec bare)"
[ -z "$shm" ] || printf '%-52s %s\n' "  exec, gateway, audit on tmpfs" "$(cpuratio exec tmpfs)"
printf '%-52s %s\n' "  configuration, through the gateway" "$(cpuratio config relayed)"
printf '%-52s %s\n' "  configuration, through the bare relay" "$(cpuratio config bare)"
[ -z "$shm" ] || printf '%-52s %s\n' "  configuration, gateway, audit on tmpfs" "$(cpuratio config tmpfs)"
printf '%-52s %10s\n' "one exec at a time, median ms, direct" "$(p50 "$ldirect")"
printf '%-52s %10s\n' "one exec at a time, median ms, through the gateway" "$(p50 "$lrelayed")"
printf '%-52s %10s\n' "PSS per interactive session, the switch (KB)" "$(pss "$hdirect")"
printf '%-52s %10s\n' "PSS per relayed session, the gateway (KB)" "$(pss "$hrelayed")"
echo "goals: exec and configuration through the gateway >= 0.9x direct (beside them, the bare relay's: what relaying costs"
echo "here, and the gateway's with its audit on tmpfs: what the audit's fdatasync costs on this disk)"
