#!/usr/bin/env bash
# fleet-bench.sh measures a fleet of simulated devices in one vtyd on loopback, against references
# in the same run:
#   start    first start (host keys made, factory configurations saved) and restart of DEVICES
#            devices, until vtyd logs "fleet serving";
#   memory   PSS of the idle fleet per device (goal <= 1 MiB);
#   exec     round trips spread over SPREAD devices of the fleet against the same round trips to
#            one device of it alone (goal >= 0.8x), both with bench/cmd/load at concurrency CONC;
#   gateway  the same round trips to that one device through the gateway (bench@d0000), against
#            them straight to the device.
# Devices listen on 127.3.x.y:2222 (all of 127.0.0.0/8 is loopback on Linux), wired in pairs.
#
# Usage: bench/fleet-bench.sh      Environment: DEVICES (1000) SPREAD (100) CONC (16) EXECS (3000) MAXSECS (15)
set -euo pipefail

DEVICES=${DEVICES:-1000}
SPREAD=${SPREAD:-100}
CONC=${CONC:-16}
EXECS=${EXECS:-3000}
MAXSECS=${MAXSECS:-15}

elapsed=
. "$(dirname "$0")/fleet-common.sh"
fleet_init fleet-bench 3
fleet_files "$DEVICES"
{
	echo "links:"
	for ((i = 0; i + 1 < DEVICES; i += 2)); do printf '  - d%04d:XGE1/0/25 -- d%04d:XGE1/0/25\n' "$i" $((i + 1)); done
} >>"$work/fleet.yml"
gateway=127.3.255.1:2222

# start runs the fleet and sets elapsed to the seconds until it serves every device.
start() {
	local t0 t1 i
	t0=$(date +%s.%N)
	"$bin/vtyd" --fleet "$work/fleet.yml" --data "$work/data" --admin-key "$work/client_key.pub" --admin-password bench-pw \
		--gateway "$gateway" --gateway-users "$work/gateway-users.yml" >"$work/$1.log" 2>&1 &
	pid=$!
	for ((i = 0; i < 3000; i++)); do
		grep -q "fleet serving devices=$DEVICES " "$work/$1.log" && break
		kill -0 "$pid" 2>/dev/null || { cat "$work/$1.log" >&2; exit 1; }
		sleep 0.1
	done
	t1=$(date +%s.%N)
	elapsed=$(echo "$t1 - $t0" | bc)
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

start first
first=$elapsed
stop
start restart
restart=$elapsed
sleep 2
pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")

one=$("$bin/load" exec -addr "$(addr 0):2222" -key "$work/client_key" -pid "$pid" -c "$CONC" -n "$EXECS" -max "${MAXSECS}s")
addrs=$(for ((i = 0; i < SPREAD; i++)); do printf '%s:2222,' "$(addr "$i")"; done)
spread=$("$bin/load" exec -addr "${addrs%,}" -key "$work/client_key" -pid "$pid" -c "$CONC" -n "$EXECS" -max "${MAXSECS}s" -warmup $((2 * SPREAD)))
gw=$("$bin/load" exec -addr "$gateway" -user bench@d0000 -key "$work/client_key" -pid "$pid" -c "$CONC" -n "$EXECS" -max "${MAXSECS}s")
stop

rate() { sed -n 's/.*exec_per_s=\([0-9.]*\).*/\1/p' <<<"$1"; }
echo "$one" >&2
echo "$spread" >&2
echo "$gw" >&2
printf '\nfleet-bench: %d devices on loopback, %d CPUs shared by client and server; %s\n' "$DEVICES" "$(nproc)" "$(go version | cut -d' ' -f3)"
printf '%-44s %10s\n' "first start, until serving (s)" "$first"
printf '%-44s %10s\n' "restart, until serving (s)" "$restart"
printf '%-44s %10.1f\n' "PSS of the idle fleet per device (KB)" "$(echo "$pss / $DEVICES" | bc -l)"
printf '%-44s %10s\n' "exec round trips/s, one device" "$(rate "$one")"
printf '%-44s %10s   %.2fx\n' "exec round trips/s, spread over $SPREAD devices" "$(rate "$spread")" "$(echo "$(rate "$spread") / $(rate "$one")" | bc -l)"
printf '%-44s %10s   %.2fx\n' "exec round trips/s, one device via gateway" "$(rate "$gw")" "$(echo "$(rate "$gw") / $(rate "$one")" | bc -l)"
echo "goals: <= 1024 KB per idle device; spread >= 0.8x one device"
