"""Drive vtyd with asyncssh as a script author would, and print what asyncssh saw as JSON.

Run with Debian's /usr/bin/python3 (python3-asyncssh). The Go tests in this directory call it:

    asyncssh_client.py [--host IP] --port P --user U [--password PW] [--key FILE]
                       [--auth password|keyboard-interactive|publickey|publickey+password] ACTION ARGS

The server is --host (default 127.0.0.1) on --port.

Actions:
    exec CMD            conn.run(CMD): exit status, stdout, stderr
    shell LINE...       create_process with a vt100 PTY: each line is sent once the prompt is back
    piped LINE...       create_process without a PTY: the lines on stdin, then EOF
    put LOCAL REMOTE    SFTP upload
    get REMOTE LOCAL    SFTP download
    retries PW...       the passwords in turn on one connection until the server gives up
"""

import argparse
import asyncio
import json
import re

import asyncssh

TIMEOUT = 15
PROMPT = re.compile(r"(<[^<>\r\n]+>|\[[^\[\]\r\n]+\])$")


def options(a, **extra):
    """Connection options with nothing of the machine's: no agent, no default keys, no known_hosts
    (the Go test compares the host key with the fingerprints vtyd logged)."""
    kw = dict(port=a.port, username=a.user, known_hosts=None, agent_path=None, client_keys=None,
              password=None, login_timeout=TIMEOUT, connect_timeout=TIMEOUT)
    methods = {
        "password": "password",
        "keyboard-interactive": "keyboard-interactive",
        "publickey": "publickey",
        "publickey+password": "publickey,password",
    }
    kw["preferred_auth"] = methods[a.auth]
    if a.auth in ("password", "keyboard-interactive", "publickey+password"):
        kw["password"] = a.password
    if a.auth in ("publickey", "publickey+password"):
        kw["client_keys"] = [asyncssh.read_private_key(a.key)]
    kw.update(extra)
    return kw


async def read_until_prompt(stdout):
    buf = ""
    while not PROMPT.search(buf):
        chunk = await asyncio.wait_for(stdout.read(65536), TIMEOUT)
        if not chunk:
            break
        buf += chunk
    return buf


async def retries(a, passwords):
    """A client that answers each password request with the next password: what a user typing
    wrong passwords sees."""
    tried = []

    class Client(asyncssh.SSHClient):
        def password_auth_requested(self):
            if len(tried) == len(passwords):
                return None
            tried.append(passwords[len(tried)])
            return tried[-1]

    try:
        conn, _ = await asyncssh.create_connection(Client, a.host, **options(a, password=None))
        conn.close()
        outcome = "connected"
    except asyncssh.Error as e:
        outcome = "%s: %s" % (type(e).__name__, e.reason)
    except OSError as e:
        outcome = "%s: %s" % (type(e).__name__, e)
    return {"tried": len(tried), "outcome": outcome}


async def run(a):
    if a.action == "retries":
        return await retries(a, a.args)
    try:
        conn = await asyncssh.connect(a.host, **options(a))
    except asyncssh.Error as e:
        return {"error": "%s: %s" % (type(e).__name__, e.reason)}
    async with conn:
        res = {"hostkey": conn.get_server_host_key().get_fingerprint("sha256")}
        if a.action == "exec":
            r = await asyncio.wait_for(conn.run(a.args[0]), TIMEOUT)
            res.update(exit_status=r.exit_status, stdout=r.stdout, stderr=r.stderr)
        elif a.action == "shell":
            p = await conn.create_process(term_type="vt100", term_size=(80, 24))
            transcript = await read_until_prompt(p.stdout)
            for line in a.args:
                p.stdin.write(line + "\n")
                transcript += await read_until_prompt(p.stdout)
            await asyncio.wait_for(p.wait_closed(), TIMEOUT)
            res.update(transcript=transcript, exit_status=p.exit_status)
        elif a.action == "piped":
            r = await asyncio.wait_for(conn.run(input="".join(l + "\n" for l in a.args)), TIMEOUT)
            res.update(exit_status=r.exit_status, stdout=r.stdout, stderr=r.stderr)
        elif a.action in ("put", "get"):
            async with conn.start_sftp_client() as sftp:
                if a.action == "put":
                    await sftp.put(a.args[0], a.args[1])
                    res["size"] = (await sftp.stat(a.args[1])).size
                else:
                    await sftp.get(a.args[0], a.args[1])
        else:
            raise SystemExit("unknown action %s" % a.action)
    return res


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password")
    p.add_argument("--key")
    p.add_argument("--auth", default="password")
    p.add_argument("action")
    p.add_argument("args", nargs="*")
    a = p.parse_args()
    print(json.dumps(asyncio.run(asyncio.wait_for(run(a), 3 * TIMEOUT))))


if __name__ == "__main__":
    main()
