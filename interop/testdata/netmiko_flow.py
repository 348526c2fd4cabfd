"""A netmiko hp_comware session as a user writes it, printing what netmiko returned as JSON.

Run with Debian's /usr/bin/python3 (python3-netmiko 2.4.2, python3-textfsm) and NET_TEXTFSM set
to the ntc-templates directory (netmiko's own setting):

    netmiko_flow.py PORT USERNAME PASSWORD

Only host, port, username and password are given: netmiko's timing defaults, no delay factors.
"""

import json
import sys
import time

from netmiko import ConnectHandler


def main():
    port, username, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    res = {}
    start = time.time()
    conn = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                          username=username, password=password)
    res["connect_seconds"] = round(time.time() - start, 1)
    res["base_prompt"] = conn.base_prompt
    res["version"] = conn.send_command("display version")
    res["interfaces"] = conn.send_command("display interface brief", use_textfsm=True)
    res["config"] = conn.send_config_set([
        "vlan 42",
        "name netmiko",
        "quit",
        "interface GigabitEthernet1/0/5",
        "port access vlan 42",
        "description via netmiko",
    ])
    res["save"] = conn.save_config()
    conn.disconnect()
    res["total_seconds"] = round(time.time() - start, 1)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
