package pki

import (
	"encoding/binary"
	"math/big"
)

// The SSH wire encoding (RFC 4251 section 5), just what ssh-dss needs.

func appendString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// appendMpint appends a non-negative n as an mpint: big-endian, with a
// leading zero byte when the top bit is set, and no bytes at all for zero.
func appendMpint(b []byte, n *big.Int) []byte {
	v := n.Bytes()
	if len(v) > 0 && v[0]&0x80 != 0 {
		v = append([]byte{0}, v...)
	}
	return appendString(b, v)
}

func readString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

// readMpint reads a non-negative mpint; negative values are refused.
func readMpint(b []byte) (n *big.Int, rest []byte, ok bool) {
	s, rest, ok := readString(b)
	if !ok || (len(s) > 0 && s[0]&0x80 != 0) {
		return nil, nil, false
	}
	return new(big.Int).SetBytes(s), rest, true
}
