#!/usr/bin/env bash
# fanout-bench.sh measures the gateway's fan-out exec: `display interface brief` on DEVICES
# simulated devices of one fleet through the gateway (ssh bench@d*@GW), the time from the ssh
# command to its complete output, against the same exec on one device alone through the gateway
# (ssh bench@d0000@GW), in the same run, on loopback. Each figure is the median of RUNS runs of
# OpenSSH's ssh with a key (a new connection each, as automation would run it); the fan-out at the
# default --parallel (8) and at --parallel 64.
#
# Usage: bench/fanout-bench.sh      Environment: DEVICES (100) RUNS (5)
set -euo pipefail

DEVICES=${DEVICES:-100}
RUNS=${RUNS:-5}

. "$(dirname "$0")/fleet-common.sh"
fleet_init fanout-bench 4
fleet_files "$DEVICES"
gateway=127.4.255.1

"$bin/vtyd" --fleet "$work/fleet.yml" --data "$work/data" --admin-key "$work/client_key.pub" --admin-password bench-pw \
	--gateway "$gateway:2222" --gateway-users "$work/gateway-users.yml" >"$work/vtyd.log" 2>&1 &
pid=$!
for ((i = 0; i < 3000; i++)); do
	grep -q "fleet serving devices=$DEVICES " "$work/vtyd.log" && break
	kill -0 "$pid" 2>/dev/null || { cat "$work/vtyd.log" >&2; exit 1; }
	sleep 0.1
done

gwssh() {
	ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o IdentitiesOnly=yes -o IdentityAgent=none -i "$work/client_key" -p 2222 "$@"
}

# median LOGIN COMMAND: the median wall time (ms) of RUNS runs, each checked for its full output
# (one "Interface"-free data line per port of every device: 28 on a 5130-28).
median() {
	local login=$1 cmd=$2 want=$3 t0 t1 n times=()
	for ((r = 0; r < RUNS; r++)); do
		t0=$(date +%s%N)
		n=$(gwssh "$login@$gateway" -- "$cmd" 2>"$work/stderr" | grep -c 'GE1/0/' || true)
		t1=$(date +%s%N)
		if [[ $n -ne $want ]]; then
			echo "$login: $n port lines, want $want" >&2
			cat "$work/stderr" >&2
			exit 1
		fi
		times+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

ports=28
gwssh "bench@d0000@$gateway" -- "display interface brief" >/dev/null # warm up: the gateway's first login
one=$(median bench@d0000 "display interface brief" $ports)
many=$(median 'bench@d*' "display interface brief" $((ports * DEVICES)))
many64=$(median 'bench@d*' "--parallel 64 display interface brief" $((ports * DEVICES)))
tail -1 "$work/stderr" >&2

printf '\nfanout-bench: %d simulated devices (5130-28, %d ports) behind the gateway, %d CPUs shared by client and server; %s\n' \
	"$DEVICES" "$ports" "$(nproc)" "$(go version | cut -d' ' -f3)"
printf '%-58s %8s\n' "display interface brief, one device alone (ms, median)" "$one"
printf '%-58s %8s   %.1fx\n' "the same on $DEVICES devices, --parallel 8 (default) (ms)" "$many" "$(echo "$many / $one" | bc -l)"
printf '%-58s %8s   %.1fx\n' "the same on $DEVICES devices, --parallel 64 (ms)" "$many64" "$(echo "$many64 / $one" | bc -l)"
printf '%-58s %8.2f\n' "per device, --parallel 64 (ms)" "$(echo "$many64 / $DEVICES" | bc -l)"
