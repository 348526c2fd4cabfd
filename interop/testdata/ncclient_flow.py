#!/usr/bin/env python3
"""Drive vtyd's NETCONF as pyhpecw7 (ncclient's hpcomware handler) and H3C's Ansible collection
(the h3c handler) do: lock / edit-config / unlock of a VLAN, CLI execution and configuration,
get-bulk of interfaces and VLANs, save. Prints one JSON line with what each step returned."""
import argparse
import json
import sys

from ncclient import manager
from ncclient.devices import h3c, hpcomware
from ncclient.transport.session import NetconfBase
from ncclient.xml_ import to_ele

BASE11 = "urn:ietf:params:netconf:base:1.1"

p = argparse.ArgumentParser()
p.add_argument("--host")
p.add_argument("--port", type=int)
p.add_argument("--user")
p.add_argument("--password")
p.add_argument("--handler")  # hpcomware or h3c
p.add_argument("--brand")    # hp, hpe or h3c: the namespaces' domain
p.add_argument("--vlan")
p.add_argument("--base10", action="store_true")  # offer base:1.0 only
a = p.parse_args()

if a.base10:
    # A base:1.0-only client (as exsver/netconf's, or an older device library): nc_params'
    # capabilities only add to ncclient's list, so the handler's list itself drops base:1.1.
    for cls in (h3c.H3cDeviceHandler, hpcomware.HpcomwareDeviceHandler):
        orig = cls.get_capabilities
        cls.get_capabilities = lambda self, orig=orig: [c for c in orig(self) if c != BASE11]

out = {}
try:
    m = manager.connect(host=a.host, port=a.port, username=a.user, password=a.password,
                        device_params={"name": a.handler}, hostkey_verify=False,
                        allow_agent=False, look_for_keys=False, timeout=30)
    out["session_id"] = m.session_id
    out["caps"] = [c for c in m.server_capabilities if "netconf-ext" in c]
    out["offered11"] = BASE11 in m.client_capabilities
    # The framing the session actually uses: chunked (base:1.1) only when both sides listed it.
    out["base11"] = m._session._base == NetconfBase.BASE_11
    data = "http://www.%s.com/netconf/data:1.0" % a.brand
    config = "http://www.%s.com/netconf/config:1.0" % a.brand

    # pyhpecw7's Vlan.build: lock, edit-config merge, unlock.
    m.lock("running")
    edit = ('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><top xmlns="%s">'
            '<VLAN xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="merge"><VLANs><VLANID>'
            '<ID>%s</ID><Name>nc-%s</Name></VLANID></VLANs></VLAN></top></config>') % (config, a.vlan, a.handler)
    out["edit"] = m.edit_config(target="running", config=edit).ok
    m.unlock("running")

    # CLI execution, as both send it.
    if a.handler == "hpcomware":
        r = m.cli_display(["display vlan " + a.vlan])
        out["cli"] = r.xml if hasattr(r, "xml") else str(r)
        c = m.cli_config(["vlan %s" % a.vlan, "description from-cli"])
        out["cli_config"] = c.xml if hasattr(c, "xml") else str(c)
    else:
        r = m.dispatch(to_ele("<CLI><Execution>display vlan %s</Execution></CLI>" % a.vlan))
        out["cli"] = r.xml
        c = m.cli(to_ele("<Configuration>vlan %s\ndescription from-cli</Configuration>" % a.vlan))
        out["cli_config"] = c.xml

    # get-bulk of interfaces (one page of 5) and VLANs.
    flt = ('<top xmlns="%s"><Ifmgr><Interfaces xc:count="5" xmlns:xc="http://www.%s.com/netconf/base:1.0">'
           '<Interface><Name/></Interface></Interfaces></Ifmgr></top>') % (data, a.brand)
    vl = '<top xmlns="%s"><VLAN><VLANs><VLANID><ID>%s</ID></VLANID></VLANs></VLAN></top>' % (data, a.vlan)
    if a.handler == "h3c":
        out["ifaces"] = m.get_bulk(("subtree", flt)).xml
        allv = '<top xmlns="%s"><VLAN><VLANs><VLANID/></VLANs></VLAN></top>' % data
        out["vlans"] = m.get_bulk(("subtree", allv)).xml  # get-bulk reads an index as "after it"
    else:
        out["ifaces"] = m.dispatch(to_ele('<get-bulk><filter type="subtree">%s</filter></get-bulk>' % flt)).xml
        out["vlans"] = m.get(("subtree", vl)).xml

    # save: pyhpecw7 sends an empty file (save(None)); the h3c handler a file name.
    if a.handler == "hpcomware":
        r = m.save()
        out["save"] = r.ok
        out["save_reply"] = r.xml
    else:
        r = m.save(file="flash:/nc-h3c.cfg")
        out["save"] = r.ok
        out["save_reply"] = r.xml

    m.close_session()
except Exception as e:  # the test prints everything
    out["error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
sys.exit(0)
