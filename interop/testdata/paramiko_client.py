"""Drive vtyd with paramiko as a script author would, and print what paramiko saw as JSON.

Run with Debian's /usr/bin/python3 (python3-paramiko). The Go tests in this directory call it:

    paramiko_client.py [--host IP] --port P --user U [--password PW] [--key FILE]
                       [--auth password|keyboard-interactive|publickey|publickey+password] ACTION ARGS

The server is --host (default 127.0.0.1) on --port.

Actions:
    exec CMD            one exec request: exit status, stdout, stderr
    shell LINE...       invoke_shell (a vt100 PTY): each line is sent once the prompt is back
    put LOCAL REMOTE    SFTP upload
    get REMOTE LOCAL    SFTP download
    partial             publickey alone: the methods the server still wants
    retries PW...       the passwords in turn on one Transport, until one is accepted or the
                        server closes the connection
"""

import argparse
import base64
import hashlib
import json
import re
import socket

import paramiko

TIMEOUT = 15
PROMPT = re.compile(rb"(<[^<>\r\n]+>|\[[^\[\]\r\n]+\])$")


def load_key(path):
    for cls in (paramiko.Ed25519Key, paramiko.RSAKey, paramiko.ECDSAKey):
        try:
            return cls.from_private_key_file(path)
        except paramiko.SSHException:
            continue
    raise SystemExit("cannot load key %s" % path)


def fingerprint(key):
    """The SHA256 fingerprint in OpenSSH's form, as vtyd logs it."""
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def raw_transport(a):
    sock = socket.create_connection((a.host, a.port), timeout=TIMEOUT)
    t = paramiko.Transport(sock)
    t.start_client(timeout=TIMEOUT)
    return t


def connect(a):
    """An authenticated transport: SSHClient.connect for password, publickey and publickey+password
    (both given: paramiko tries the key, then the password if the server still wants one), as
    users write it; Transport.auth_interactive for keyboard-interactive (SSHClient has no option
    for it)."""
    if a.auth == "keyboard-interactive":
        t = raw_transport(a)
        t.auth_interactive(a.user, lambda title, instructions, prompts: [a.password for _ in prompts])
        return t
    c = paramiko.SSHClient()
    # The Go test compares the host key with the fingerprints vtyd logged.
    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    kw = dict(username=a.user, look_for_keys=False, allow_agent=False,
              timeout=TIMEOUT, banner_timeout=TIMEOUT, auth_timeout=TIMEOUT)
    if a.auth in ("password", "publickey+password"):
        kw["password"] = a.password
    if a.auth in ("publickey", "publickey+password"):
        kw["pkey"] = load_key(a.key)
    c.connect(a.host, port=a.port, **kw)
    return c.get_transport()


def read_until_prompt(ch):
    """Output up to the next prompt, or to the end of the session (ch.settimeout bounds each wait)."""
    buf = b""
    while not PROMPT.search(buf):
        data = ch.recv(65536)
        if not data:
            break
        buf += data
    return buf


def do_exec(t, cmd):
    ch = t.open_session(timeout=TIMEOUT)
    ch.settimeout(TIMEOUT)
    ch.exec_command(cmd)
    out = ch.makefile("rb").read()
    err = ch.makefile_stderr("rb").read()
    return {"exit_status": ch.recv_exit_status(), "stdout": out.decode(), "stderr": err.decode()}


def do_shell(t, lines):
    # What SSHClient.invoke_shell() does, with its defaults: a vt100 PTY of 80x24, then a shell.
    ch = t.open_session(timeout=TIMEOUT)
    ch.settimeout(TIMEOUT)
    ch.get_pty(term="vt100", width=80, height=24)
    ch.invoke_shell()
    transcript = read_until_prompt(ch)
    for line in lines:
        ch.send(line + "\n")
        transcript += read_until_prompt(ch)
    return {"transcript": transcript.decode(), "exit_status": ch.recv_exit_status()}


def do_retries(a, passwords):
    t = raw_transport(a)
    attempts = []
    port = t.sock.getsockname()[1]
    for pw in passwords:
        try:
            t.auth_password(a.user, pw)
            attempts.append("accepted")
            break
        except paramiko.AuthenticationException as e:
            attempts.append("%s: %s" % (type(e).__name__, e))
        except (paramiko.SSHException, EOFError, OSError) as e:
            attempts.append("%s: %s" % (type(e).__name__, e))
            break
        if not t.is_active():
            attempts.append("closed")
            break
    res = {"attempts": attempts, "active": t.is_active(), "local_port": port}
    t.close()
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

    if a.action == "retries":
        print(json.dumps(do_retries(a, a.args)))
        return
    if a.action == "partial":
        t = raw_transport(a)
        remaining = t.auth_publickey(a.user, load_key(a.key))
        print(json.dumps({"remaining": remaining, "authenticated": t.is_authenticated()}))
        t.close()
        return
    try:
        t = connect(a)
    except (paramiko.SSHException, EOFError, OSError) as e:
        print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))
        return
    res = {"hostkey": fingerprint(t.get_remote_server_key())}
    if a.action == "exec":
        res.update(do_exec(t, a.args[0]))
    elif a.action == "shell":
        res.update(do_shell(t, a.args))
    elif a.action in ("put", "get"):
        sftp = paramiko.SFTPClient.from_transport(t)
        if a.action == "put":
            attrs = sftp.put(a.args[0], a.args[1])
            res["size"] = attrs.st_size
        else:
            sftp.get(a.args[0], a.args[1])
        sftp.close()
    else:
        raise SystemExit("unknown action %s" % a.action)
    t.close()
    print(json.dumps(res))


if __name__ == "__main__":
    main()
