package fleet

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard returns the simulated devices that shard k of n serves: with them sorted by name, device i
// belongs to shard i%n. Real switches (kind ssh) are in no shard: no process serves them. k counts from 0. Every process computes the same split from the same file,
// so n processes given 0/n .. n-1/n serve each device exactly once, with no coordinator. The split
// is by position: adding or removing a device moves the devices after it to other shards, so
// restart every shard after changing the fleet file.
func (f *Fleet) Shard(k, n int) []Device {
	if n < 1 || k < 0 || k >= n {
		return nil
	}
	sim := f.Simulated()
	var out []Device
	for i := k; i < len(sim); i += n {
		out = append(out, sim[i])
	}
	return out
}

// ParseShard reads a --shard value "K/N": shard K of N, K from 0 to N-1.
func ParseShard(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	if ok {
		k, err = strconv.Atoi(ks)
		if err == nil {
			n, err = strconv.Atoi(ns)
		}
	}
	if !ok || err != nil || n < 1 {
		return 0, 0, fmt.Errorf("shard %q: want K/N, shard K (0 to N-1) of N", s)
	}
	if k < 0 || k >= n {
		return 0, 0, fmt.Errorf("shard %q: K counts from 0 to %d", s, n-1)
	}
	return k, n, nil
}
