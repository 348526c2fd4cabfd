"""Parse standard input with a TextFSM template; print the records as JSON.

Usage: textfsm_parse.py TEMPLATE < output

Each record is an object keyed by the template's value names in lower case, as the ntc-templates
fixtures (*.yml) name them. A parse error exits with status 2 and the error on standard error.
"""
import json
import sys

import textfsm


def main():
    with open(sys.argv[1]) as f:
        fsm = textfsm.TextFSM(f)
    try:
        rows = fsm.ParseText(sys.stdin.read())
    except textfsm.TextFSMError as e:
        sys.stderr.write("%s\n" % e)
        sys.exit(2)
    keys = [h.lower() for h in fsm.header]
    json.dump([dict(zip(keys, r)) for r in rows], sys.stdout)


if __name__ == "__main__":
    main()
