package audit

import (
	"strconv"
	"unicode/utf8"
)

// appendRecord appends r's JSON form (no line end) without reflection: the gateway writes one
// record per command, and encoding/json's Encoder spent more on reflection and copies than on the
// text. The bytes are encoding/json's with SetEscapeHTML(false), field for field (recordJSON is
// the reference, and TestAppendRecordIsEncodingJSON holds the two together).
func appendRecord(b []byte, r Record) []byte {
	b = append(b, `{"time":`...)
	b = append(b, '"')
	b = r.Time.UTC().AppendFormat(b, timeLayout)
	b = append(b, '"')
	b = appendField(b, `,"user":`, r.User)
	b = appendField(b, `,"src":`, r.Source)
	b = appendField(b, `,"device":`, r.Device)
	b = appendField(b, `,"device_user":`, r.DeviceUser)
	b = appendField(b, `,"prompt":`, r.Prompt)
	b = appendField(b, `,"cmd":`, r.Command)
	b = appendField(b, `,"result":`, r.Result)
	b = appendField(b, `,"error":`, r.Error)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendInt(b, r.Duration.Milliseconds(), 10)
	b = appendField(b, `,"op":`, r.Op)
	b = appendField(b, `,"session":`, r.Session)
	b = appendField(b, `,"kind":`, r.Kind)
	return append(b, '}')
}

func appendField(b []byte, name, s string) []byte {
	return appendJSONString(append(b, name...), s)
}

// appendJSONString appends s quoted as encoding/json does without HTML escaping: \b \f \n
// \r \t by name, other controls as \u00XX, DEL as is, invalid UTF-8 as \ufffd, and U+2028 and
// U+2029 escaped. The result is valid JSON and valid UTF-8 whatever bytes a device sent: the audit
// records and the asciicast recordings both write their strings with it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
