// Package audit is what the gateway keeps of what people did on the devices behind it: one JSON line
// per command in a rotated, fsynced log, asciicast v2 recordings of interactive sessions, the masking
// of secrets in Comware command lines, and a Cutter that finds the commands in a relayed CLI session.
//
// # The command log
//
// The live file is DIR/audit.jsonl; full files are renamed to DIR/audit-20261207T215800.123Z.jsonl
// (UTC, so names sort by age) and the oldest beyond Options.Keep are removed. Files are 0600 in a
// 0700 directory. Each line is one object with these fields, always all present (operators write jq
// against them; the names do not change):
//
//	time         RFC 3339 UTC with milliseconds, when the command was entered: "2026-12-07T21:58:00.123Z"
//	user         the gateway user
//	src          the gateway user's source address, "192.0.2.7:53122"
//	device       the device's name in the fleet
//	device_user  the account the gateway used on the device
//	prompt       the prompt the command was typed at, which names the view: "[core1-vlan10]"
//	cmd          the command as typed or echoed, secrets replaced by ****** (see Mask)
//	result       "ok", "error", "timeout" or "refused" (refused: the gateway did not send it)
//	error        the device's error line ("% Unrecognized command found at '^' position.") or the reason; "" when ok
//	duration_ms  from Enter to the next prompt, in whole milliseconds
//	op           the operation id shared by the lines of one paste or one exec; "" for a lone command
//	session      the gateway session id
//	kind         "exec", "cli", "console", "paste" or "action"
//
// For example, the failed commands of one user: jq -c 'select(.user=="alice" and .result!="ok")' audit*.jsonl
//
// Log.Write returns once the record is on disk (written and fsynced): a gateway restart loses no
// acknowledged record. Concurrent writers share one fsync (group commit). A crash can leave a torn
// last line; Open cuts it away, so every line of a file is whole JSON. Write never blocks longer than
// Options.Timeout: a full or stuck disk is an error the caller logs.
//
// # Recordings
//
// NewRecording writes DIR/YYYYMMDD/HHMMSS-ID.cast in asciicast v2, which Debian's asciinema plays
// (asciinema play FILE) and prints (asciinema cat FILE). Every event is written to the file as it
// happens; typed input is recorded only when Header.Input says so, since it can hold passwords.
package audit
