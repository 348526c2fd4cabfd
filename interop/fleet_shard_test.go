package interop

import "testing"

// TestFleetShards serves one fleet file as two processes, --shard 0/2 and --shard 1/2: each serves
// one device of the linked pair (acc1 is device 0 in name order, core1 device 1), and the link
// across the two processes shows the same LLDP from both ends, computed by each process from the
// file and the seeds alone.
func TestFleetShards(t *testing.T) {
	needBins(t, "openssh-client sshpass", "ssh", "sshpass")
	file := pairFleet(newLoopbackNet(t))
	shards := []*fleetRun{startFleet(t, file, "--shard", "0/2"), startFleet(t, file, "--shard", "1/2")}
	for i, want := range []struct{ here, away string }{{"acc1", "core1"}, {"core1", "acc1"}} {
		if len(shards[i].devices) != 1 {
			t.Fatalf("shard %d/2 serves %d devices, want 1 (%s)", i, len(shards[i].devices), want.here)
		}
		v := shards[i].device(t, want.here)
		out := openSSH{v: v, knownHosts: v.knownHosts(t)}.exec(t, "display lldp neighbor-information list")
		if !lldpNeighbour(want.away).MatchString(out) {
			t.Errorf("shard %d/2: %s's LLDP does not name %s, served by the other process, on XGE1/0/25:\n%s",
				i, want.here, want.away, out)
		}
	}
}
