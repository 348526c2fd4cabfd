package audit

import "testing"

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		// local-user view and its abbreviations
		{"password simple Secret123", "password simple ******"},
		{"password cipher $c$3$abc==", "password cipher ******"},
		{"password hash $h$6$salt$b64==", "password hash ******"},
		{"password irreversible-cipher $p$1$x", "password irreversible-cipher ******"},
		{"pass sim hunter2", "pass sim ******"},
		{"passw c $c$3$x", "passw c ******"},
		{"pa h $h$6$x", "pa h ******"},
		{"PASSWORD SIMPLE Hunter2", "PASSWORD SIMPLE ******"},
		{" password simple  spaced ", " password simple  ****** "},
		{`password simple "two words"`, "password simple ******"},
		{`password simple "unterminated secret`, "password simple ******"},
		{"password", "password"},
		{"undo password", "undo password"},
		{"local-user alice password simple X1", "local-user alice password simple ******"},
		{"local-user alice class manage", "local-user alice class manage"},
		// super password
		{"super password simple X", "super password simple ******"},
		{"super password role network-admin simple X", "super password role network-admin simple ******"},
		{"super pass role level-15 hash $h$6$x", "super pass role level-15 hash ******"},
		// line vty
		{"set authentication password simple X", "set authentication password simple ******"},
		{"authentication-mode password", "authentication-mode password"},
		{"authentication-mode scheme", "authentication-mode scheme"},
		// SNMP
		{"snmp-agent community read public", "snmp-agent community read ******"},
		{"snmp-agent community write simple private mib-view ViewDefault", "snmp-agent community write simple ****** mib-view ViewDefault"},
		{"snmp-agent community simple read public acl 2000", "snmp-agent community simple read ****** acl 2000"},
		{"snmp-agent community cipher write $c$3$x", "snmp-agent community cipher write ******"},
		{"snmp com r public", "snmp com r ******"},
		{"snmp-agent usm-user v3 alice grp simple authentication-mode sha AuthPw privacy-mode aes128 PrivPw",
			"snmp-agent usm-user v3 alice grp simple authentication-mode sha ****** privacy-mode aes128 ******"},
		{"snmp-agent usm-user v3 alice grp cipher au md5 $c$3$a pri des56 $c$3$b",
			"snmp-agent usm-user v3 alice grp cipher au md5 ****** pri des56 ******"},
		{"snmp-agent sys-info contact admin", "snmp-agent sys-info contact admin"},
		// RADIUS, HWTACACS
		{"key authentication simple Rad1us", "key authentication simple ******"},
		{"key accounting cipher $c$3$x", "key accounting cipher ******"},
		{"key authorization simple T4cacs", "key authorization simple ******"},
		{"ke au s X", "ke au s ******"},
		{"primary authentication 10.1.1.1 1812 key simple X", "primary authentication 10.1.1.1 1812 key simple ******"},
		{"primary authentication 10.1.1.1", "primary authentication 10.1.1.1"},
		// NTP
		{"ntp-service authentication-keyid 1 authentication-mode md5 cipher $c$3$x", "ntp-service authentication-keyid 1 authentication-mode md5 cipher ******"},
		{"ntp-service authentication-keyid 2 authentication-mode hmac-sha-256 simple N7p", "ntp-service authentication-keyid 2 authentication-mode hmac-sha-256 simple ******"},
		{"ntp-service authentication-keyid 1 auth md5 s N7p", "ntp-service authentication-keyid 1 auth md5 s ******"},
		// IKE
		{"pre-shared-key address 10.0.0.1 255.255.255.255 key simple Ike1", "pre-shared-key address 10.0.0.1 255.255.255.255 key simple ******"},
		{"pre-shared-key cipher $c$3$x", "pre-shared-key cipher ******"},
		// no secret
		{"public-key peer key1", "public-key peer key1"},
		{"ssh user alice service-type stelnet authentication-type password", "ssh user alice service-type stelnet authentication-type password"},
		{"ssh user alice service-type all authentication-type publickey assign publickey key1", "ssh user alice service-type all authentication-type publickey assign publickey key1"},
		{"display current-configuration | include snmp", "display current-configuration | include snmp"},
		{"display cu", "display cu"},
		{"display password-control", "display password-control"},
		{"interface vlan-interface 10", "interface vlan-interface 10"},
		{"", ""},
		// already masked stays as it is
		{"password simple ******", "password simple ******"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Mask(tt.in); got != tt.want {
				t.Errorf("Mask(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if got := Mask(Mask(tt.in)); got != tt.want {
				t.Errorf("Mask is not idempotent on %q: %q", tt.in, got)
			}
		})
	}
}
