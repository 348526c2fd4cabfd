package switchctl

import (
	"math"
	"time"
)

// simWave is a traffic rate in bytes per second that swells and ebbs around a base:
// rate(t) = base * (1 + ampl*sin(2*pi*t/period + phase)), with ampl < 1 so it never stops. Its
// integral has a closed form, so counters are computed, not accumulated tick by tick.
type simWave struct {
	base, ampl, period, phase float64
}

func (w simWave) angle(t float64) float64 {
	return 2*math.Pi*(math.Mod(t, w.period)/w.period) + w.phase
}

// rate is the rate at t seconds after boot.
func (w simWave) rate(t float64) float64 {
	if w.base == 0 {
		return 0
	}
	return w.base * (1 + w.ampl*math.Sin(w.angle(t)))
}

// integral is a primitive of rate: the bytes from a to b are integral(b) - integral(a).
func (w simWave) integral(t float64) float64 {
	if w.base == 0 {
		return 0
	}
	return w.base * (t - w.ampl*w.period/(2*math.Pi)*math.Cos(w.angle(t)))
}

// lastCrest is the latest time <= t at which the rate peaks.
func (w simWave) lastCrest(t float64) float64 {
	off := (0.25 - w.phase/(2*math.Pi)) * w.period // a crest: angle = pi/2
	return w.period*math.Floor((t-off)/w.period) + off
}

// simProfile is what the seed decides about one interface: whether something is plugged in,
// how much traffic it carries and who is at the other end.
type simProfile struct {
	connected     bool
	speed         int64 // bits per second when up
	in, out       simWave
	pktIn, pktOut float64 // mean packet sizes in bytes
	bcast, mcast  float64 // shares of broadcast and multicast packets
	peer          *simPeer
	hosts         int // addresses learnt behind the port
}

// profile is an interface's profile, made once per name and kept.
func (s *simulation) profile(n IfName) *simProfile {
	key := n.Full()
	if p := s.profs[key]; p != nil {
		return p
	}
	h := func(k uint64) uint64 { return s.hash(key, 0x9f, k) }
	unit := func(k uint64) float64 { return float64(h(k)%10000) / 10000 }
	p := &simProfile{connected: true, pktIn: 300 + 900*unit(1), pktOut: 300 + 900*unit(2),
		bcast: 0.001 + 0.01*unit(3), mcast: 0.002 + 0.02*unit(4)}
	wave := func(k uint64, base float64) simWave {
		return simWave{base: base, ampl: 0.2 + 0.5*unit(k), period: 600 + 3000*unit(k+1), phase: 2 * math.Pi * unit(k+2)}
	}
	switch n.Type {
	case IfGE, IfXGE:
		p.speed = 1_000_000_000
		if n.Type == IfXGE {
			p.speed = 10_000_000_000
		}
		p.connected = h(5)%100 < 78 // most ports are plugged in
		load := p.speed / 8
		util := 0.002 + 0.06*unit(6)*unit(7) // a few busy ports, most nearly idle
		p.in, p.out = wave(10, float64(load)*util), wave(20, float64(load)*util*(0.3+1.4*unit(8)))
		p.peer, p.hosts = s.newPeer(n, h(9))
		if w := s.wired[key]; w != nil { // the far device, and nothing else, is behind it
			p.connected, p.peer, p.hosts = true, w.peer, 0
			s.cableTraffic(p, w)
		}
	case IfVlan, IfMGE:
		p.speed = 1_000_000_000
		p.in, p.out = wave(10, 50+4000*unit(6)), wave(20, 50+8000*unit(7))
	}
	s.profs[key] = p
	return p
}

// simCounters are an interface's traffic counters and rates at one instant.
type simCounters struct {
	inBytes, outBytes          uint64
	inUni, inBcast, inMcast    uint64
	outUni, outBcast, outMcast uint64
	inRate, outRate            float64 // bytes per second over the last 300 seconds
	inPPS, outPPS              float64
	peakIn, peakOut            float64
	peakInAt, peakOutAt        time.Time
}

// inPkts is the total of input packets.
func (c simCounters) inPkts() uint64 { return c.inUni + c.inBcast + c.inMcast }

// outPkts is the total of output packets.
func (c simCounters) outPkts() uint64 { return c.outUni + c.outBcast + c.outMcast }

// counters computes an interface's counters now. Bytes are the integral of the rate over the time
// the link was up; packets follow from the bytes, so every counter is monotonic.
func (v *simView) counters(l *simLink) simCounters {
	s := v.s
	p := s.profile(l.name)
	t := s.since(v.now)
	in, out := l.accIn, l.accOut
	var c simCounters
	if l.up {
		t0 := s.since(l.upSince)
		in += p.in.integral(t) - p.in.integral(t0)
		out += p.out.integral(t) - p.out.integral(t0)
		w0 := max(t0, t-300)
		c.inRate = (p.in.integral(t) - p.in.integral(w0)) / 300
		c.outRate = (p.out.integral(t) - p.out.integral(w0)) / 300
		c.inPPS, c.outPPS = c.inRate/p.pktIn, c.outRate/p.pktOut
	}
	l.hwIn, l.hwOut = max(l.hwIn, uint64(max(in, 0))), max(l.hwOut, uint64(max(out, 0)))
	c.inBytes, c.outBytes = l.hwIn, l.hwOut
	split := func(bytes uint64, size float64) (uni, b, m uint64) {
		pk := float64(bytes) / size
		return uint64(pk * (1 - p.bcast - p.mcast)), uint64(pk * p.bcast), uint64(pk * p.mcast)
	}
	c.inUni, c.inBcast, c.inMcast = split(c.inBytes, p.pktIn)
	c.outUni, c.outBcast, c.outMcast = split(c.outBytes, p.pktOut)
	c.peakIn, c.peakInAt = v.peak(l, p.in)
	c.peakOut, c.peakOutAt = v.peak(l, p.out)
	return c
}

// peak is the highest rate since the link first came up and when it was reached.
func (v *simView) peak(l *simLink, w simWave) (float64, time.Time) {
	s := v.s
	if l.firstUp.IsZero() || w.base == 0 {
		return 0, s.boot
	}
	t0, t := s.since(l.firstUp), s.since(v.now)
	if tc := w.lastCrest(t); tc >= t0 {
		return w.rate(tc), s.boot.Add(time.Duration(tc * float64(time.Second)))
	}
	if w.rate(t0) >= w.rate(t) {
		return w.rate(t0), l.firstUp
	}
	return w.rate(t), v.now
}
