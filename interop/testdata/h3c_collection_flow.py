#!/usr/bin/env python3
"""Replay what H3C's Ansible collection (h3c_open.comware) puts on the wire, through Debian's
ncclient and its h3c handler, as the collection's netconf plugin (plugins/netconf/comware.py, on
ansible.netcommon's NetconfBase) calls ncclient:

- OS detection: guess_network_os answers "comware" only if a server capability matches "h3c";
- the comware_vlan module (features/vlan.py): get of VLAN/VLANs/VLANID by ID, an edit-config built
  with lxml's ElementMaker (config in NETCONF's namespace, top in h3c's config namespace, the
  operation attribute in NETCONF's namespace with the prefix lxml makes up), then remove;
- cli_display / cli_config: "<CLI><Execution>%s</Execution></CLI>" with the lines joined by "\\n",
  through NetconfBase.dispatch(fromstring(...)), read back as Device._extract_config does;
- save(filename).

The Ansible collection itself cannot be installed offline (NETCONF.md §1.8); these are its shapes.
Prints one JSON line with what each step returned."""
import argparse
import json
import re
import sys

from lxml.builder import ElementMaker
from lxml.etree import fromstring, tostring

NETCONFBASE = "urn:ietf:params:xml:ns:netconf:base:1.0"
NCDATA = "http://www.h3c.com/netconf/data:1.0"
NCCONFIG = "http://www.h3c.com/netconf/config:1.0"

p = argparse.ArgumentParser()
p.add_argument("--host")
p.add_argument("--port", type=int)
p.add_argument("--user")
p.add_argument("--password")
p.add_argument("--vlan")
a = p.parse_args()


def data_maker():
    return ElementMaker(namespace=NCDATA, nsmap={None: NCDATA})


def vlan_top(vlanid=None):
    """features/vlan.py gen_top, with the ID appended as get_config does."""
    E = data_maker()
    top = E.top(E.VLAN(E.VLANs(E.VLANID())))
    if vlanid:
        top.find(".//{%s}VLANID" % NCDATA).append(E.ID(vlanid))
    return top


def vlan_config(vlanid, operation, **cols):
    """features/vlan.py _build_config: EC.config(E.top(E.VLAN(E.VLANs(E.VLANID(...)), nc:operation)))."""
    EC = ElementMaker(namespace=NETCONFBASE, nsmap={None: NETCONFBASE})
    E = ElementMaker(namespace=NCCONFIG, nsmap={None: NCCONFIG})
    params = [E.ID(vlanid)] + [getattr(E, k)(v) for k, v in cols.items()]
    return EC.config(E.top(E.VLAN(E.VLANs(E.VLANID(*params)), **{"{%s}operation" % NETCONFBASE: operation})))


def get(m, top):
    """Device.get -> NetconfBase.get(filter=tuple(['subtree', xml string]))."""
    return m.get(filter=tuple(["subtree", tostring(top, encoding="unicode")]), with_defaults=None).data_xml


def edit(m, xml):
    """Device.edit_config -> NetconfBase.edit_config(xml string, target='running')."""
    r = m.edit_config(xml, format="xml", target="running", default_operation=None, test_option=None, error_option=None)
    return r.xml


def cli(m, kind, lines):
    """cli_display / cli_config: dispatch(fromstring(...)), the text as _extract_config finds it."""
    r = m.dispatch(fromstring("<CLI><%s>%s</%s></CLI>" % (kind, "\n".join(lines), kind)), source=None, filter=None)
    el = fromstring(r.xml.encode()).find(".//{%s}%s" % (NETCONFBASE, kind))
    return el.text if el is not None else "Unable to extract CLI data."


# The module builds its XML in a process of its own, without ncclient, which would give lxml the
# prefix "nc" for NETCONF's namespace: built here before ncclient is imported, the operation
# attribute gets the prefix lxml makes up (ns0), as on the wire from the collection.
merge = tostring(vlan_config(a.vlan, "merge", Name="ansible", Description="from h3c_open"), encoding="unicode")
delete = tostring(vlan_config(a.vlan, "delete"), encoding="unicode")
from ncclient import manager  # noqa: E402

out = {"edit_xml": merge}
try:
    m = manager.connect(host=a.host, port=a.port, username=a.user, password=a.password,
                        device_params={"name": "h3c"}, hostkey_verify=False,
                        allow_agent=False, look_for_keys=False, timeout=30)
    out["network_os"] = "comware" if any(re.search("h3c", c) for c in m.server_capabilities) else None
    out["before"] = get(m, vlan_top(a.vlan))
    out["edit"] = edit(m, merge)
    out["after"] = get(m, vlan_top(a.vlan))
    out["list"] = get(m, vlan_top())
    out["display"] = cli(m, "Execution", ["display vlan " + a.vlan, "display interface brief"])
    out["config"] = cli(m, "Configuration", ["interface GigabitEthernet1/0/3", "port access vlan " + a.vlan])
    out["save"] = m.save("flash:/ansible.cfg").xml
    out["unconfig"] = cli(m, "Configuration", ["interface GigabitEthernet1/0/3", "undo port access vlan"])
    out["remove"] = edit(m, delete)
    out["removed"] = get(m, vlan_top(a.vlan))
    m.close_session()
except Exception as e:  # the test prints everything
    out["error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
sys.exit(0)
