# fleet-common.sh is sourced by the fleet benchmarks (fleet-bench.sh, fanout-bench.sh): a work
# directory removed on exit with the vtyd they started ($pid), vtyd and load built without -race,
# a client key, and a fleet file of simulated devices on loopback with a gateway user for the key.

# fleet_init NAME NET: $work and $bin, the cleanup, the builds and $work/client_key; devices will
# listen on 127.NET.x.y:2222 (addr).
fleet_init() {
	root=$(cd "$(dirname "$0")/.." && pwd)
	work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	bin=$work/bin
	net=$2
	pid=
	trap fleet_cleanup EXIT
	echo "building vtyd (no -race) and load..." >&2
	mkdir -p "$bin"
	(cd "$root" && go build -o "$bin/vtyd" . && go build -o "$bin/" ./bench/cmd/load)
	"$bin/load" keygen "$work/client_key"
}

fleet_cleanup() {
	if [[ -n $pid ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$work"
}

# addr I: the address of device I.
addr() { echo "127.$net.$(($1 / 250)).$(($1 % 250 + 1))"; }

# fleet_files N: $work/fleet.yml with N 5130-28s named d0000.., and $work/gateway-users.yml with the
# user bench, an admin of every device, logging in with the client key. Links are the caller's to
# append.
fleet_files() {
	{
		echo "defaults: {model: 5130-28, port: 2222, seed: 1}"
		echo "devices:"
		for ((i = 0; i < $1; i++)); do printf '  d%04d: {address: %s}\n' "$i" "$(addr "$i")"; done
	} >"$work/fleet.yml"
	printf 'users:\n  - name: bench\n    role: admin\n    devices: ["*"]\n    authorized_keys: ["%s"]\n' \
		"$(cat "$work/client_key.pub")" >"$work/gateway-users.yml"
}
