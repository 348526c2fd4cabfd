package main

import "testing"

// TestGatewayConsoleAsk: on the gateway's fleet dashboard, a marks the devices' ask line; version
// runs on both devices, each through a login of the operator's there that ends with the ask, and
// answers in one table; :compare saved tells which devices have unsaved changes.
func TestGatewayConsoleAsk(t *testing.T) {
	tg := startTestGateway(t)
	sh, scr := selectAll(t, tg, 2)
	send(t, sh, "a")
	onScreen(t, sh, scr, "the ask line", ":ask ")
	typeInto(t, sh, scr, "version")
	send(t, sh, "\r")
	onScreen(t, sh, scr, "one table of both devices' versions", "2 devices: 2 ok · 2 rows", "Device       Product",
		"acc1         5130 24G 4SFP+ EI", "core1        5130 24G 4SFP+ EI")
	waitLogin(t, tg.devs["acc1"], "alice", false)
	waitLogin(t, tg.devs["core1"], "alice", false)

	send(t, sh, "\x1b")
	onScreen(t, sh, scr, "the dashboard again", "Fleet ─")
	typeInto(t, sh, scr, ":compare saved")
	send(t, sh, "\r")
	onScreen(t, sh, scr, "saved against running on both", "2 devices: 2 saved, 0 with unsaved changes", "acc1   same", "core1  same")
}
