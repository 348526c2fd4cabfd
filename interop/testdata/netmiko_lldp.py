"""A netmiko hp_comware session to one device of a fleet, on its own address, printing what netmiko
returned as JSON.

Run with Debian's /usr/bin/python3 (python3-netmiko 2.4.2):

    netmiko_lldp.py HOST PORT USERNAME PASSWORD

Only host, port, username and password are given: netmiko's timing defaults, no delay factors.
"""

import json
import sys

from netmiko import ConnectHandler


def main():
    host, port, username, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    conn = ConnectHandler(device_type="hp_comware", host=host, port=port,
                          username=username, password=password)
    res = {
        "prompt": conn.find_prompt(),
        "lldp": conn.send_command("display lldp neighbor-information list"),
    }
    conn.disconnect()
    print(json.dumps(res))


if __name__ == "__main__":
    main()
