"""Authentication and TLS against omendb serve: trust on loopback for roles
without a password, SCRAM-SHA-256 for roles with one (psql, psycopg2 and a raw
protocol client), --auth scram with --password-file, and sslmode=require with
a self-signed certificate made by the openssl command.

Messages and SQLSTATEs are PostgreSQL 15's (checked against a PostgreSQL 15
with scram-sha-256 in pg_hba.conf; run this file with --against-postgres PORT
to repeat the raw-protocol checks there)."""

import base64
import hashlib
import hmac
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import traceback

import psycopg2

from wire_harness import Server, binary_from_args

PSQL = "/usr/lib/postgresql/15/bin/psql"


# --- a raw SCRAM-SHA-256 client: returns ("ok", params) or ("error", fields) ---

def read_msg(sock, buf):
    while len(buf) < 5 or len(buf) < 1 + struct.unpack("!i", buf[1:5])[0]:
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError("server closed the connection")
        buf += chunk
    n = struct.unpack("!i", buf[1:5])[0]
    return chr(buf[0]), buf[5:1 + n], buf[1 + n:]


def error_fields(body):
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[chr(part[0])] = part[1:].decode()
    return out


def raw_login(port, user, password, cbind_flag="n", host="127.0.0.1"):
    sock = socket.create_connection((host, port), timeout=10)
    body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0postgres\0\0"
    sock.sendall(struct.pack("!i", len(body) + 4) + body)
    buf = b""
    nonce = base64.b64encode(os.urandom(18)).decode()
    gs2 = cbind_flag + ",,"
    first_bare = "n=,r=" + nonce
    server_first = None
    try:
        while True:
            t, b, buf = read_msg(sock, buf)
            if t == "E":
                return "error", error_fields(b)
            if t == "Z":
                return "ok", None
            if t != "R":
                continue
            code = struct.unpack("!i", b[:4])[0]
            if code == 10:
                assert b[4:] == b"SCRAM-SHA-256\0\0", b
                data = (gs2 + first_bare).encode()
                msg = b"SCRAM-SHA-256\0" + struct.pack("!i", len(data)) + data
                sock.sendall(b"p" + struct.pack("!i", len(msg) + 4) + msg)
            elif code == 11:
                server_first = b[4:].decode()
                attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
                assert attrs["r"].startswith(nonce)
                salted = hashlib.pbkdf2_hmac("sha256", password.encode(),
                                             base64.b64decode(attrs["s"]), int(attrs["i"]))
                client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
                stored = hashlib.sha256(client_key).digest()
                without_proof = "c=" + base64.b64encode(gs2.encode()).decode() + ",r=" + attrs["r"]
                auth_message = ",".join([first_bare, server_first, without_proof]).encode()
                sig = hmac.new(stored, auth_message, hashlib.sha256).digest()
                proof = bytes(a ^ b for a, b in zip(client_key, sig))
                final = (without_proof + ",p=" + base64.b64encode(proof).decode()).encode()
                sock.sendall(b"p" + struct.pack("!i", len(final) + 4) + final)
                server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
                expected_v = base64.b64encode(
                    hmac.new(server_key, auth_message, hashlib.sha256).digest()).decode()
            elif code == 12:
                assert b[4:].decode() == "v=" + expected_v, "bad server signature"
    finally:
        sock.close()


def psql(port, user, password=None, sql="SELECT current_user", extra=""):
    env = dict(os.environ, PGCONNECT_TIMEOUT="10")
    env.pop("PGPASSWORD", None)
    if password is not None:
        env["PGPASSWORD"] = password
    conninfo = "host=127.0.0.1 port=%d user=%s dbname=postgres %s" % (port, user, extra)
    p = subprocess.run([PSQL, "-X", "-w", "-At", "-d", conninfo, "-c", sql],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=60)
    return p.returncode, p.stdout.decode().strip(), p.stderr.decode().strip()


def pg2_error(port, user, password, **kw):
    try:
        psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password,
                         dbname="postgres", **kw).close()
    except psycopg2.OperationalError as e:
        return str(e)
    return None


def failed(user):
    return 'FATAL:  password authentication failed for user "%s"' % user


# --- the default policy: loopback trust for roles without a password ---

def check_default_policy(port):
    code, out, err = psql(port, "postgres", sql="CREATE ROLE alice LOGIN PASSWORD 'pencil'; "
                          "CREATE ROLE nolog PASSWORD 'pencil'; CREATE ROLE nopw LOGIN; "
                          "SELECT current_user")
    assert code == 0 and out.endswith("postgres"), (code, out, err)
    # A role with a password needs it, even on loopback.
    assert psql(port, "alice", "pencil")[:2] == (0, "alice")
    code, out, err = psql(port, "alice", "wrong")
    assert code == 2 and failed("alice") in err, err
    code, out, err = psql(port, "alice", None)
    assert code == 2 and "no password supplied" in err, err
    # Roles without a password are trusted on loopback.
    assert psql(port, "nopw", None)[:2] == (0, "nopw")
    code, out, err = psql(port, "ghost", None)
    assert code == 2 and 'FATAL:  role "ghost" does not exist' in err, err
    code, out, err = psql(port, "nolog", "pencil")
    assert code == 2 and 'FATAL:  role "nolog" is not permitted to log in' in err, err
    code, out, err = psql(port, "nolog", "wrong")
    assert code == 2 and failed("nolog") in err, err
    # psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="alice", password="pencil",
                            dbname="postgres")
    cur = conn.cursor()
    cur.execute("SELECT current_user, session_user")
    assert cur.fetchone() == ("alice", "alice")
    cur.execute("ALTER ROLE alice PASSWORD 'pencil2'")  # a role may change its own password
    conn.commit()
    conn.close()
    assert failed("alice") in pg2_error(port, "alice", "pencil")
    assert pg2_error(port, "alice", "pencil2") is None
    # Raw protocol: SQLSTATEs.
    kind, fields = raw_login(port, "alice", "pencil2")
    assert kind == "ok", fields
    kind, fields = raw_login(port, "alice", "nope")
    assert (fields["S"], fields["C"], fields["M"]) == (
        "FATAL", "28P01", 'password authentication failed for user "alice"'), fields
    kind, fields = raw_login(port, "nolog", "pencil")
    assert (fields["C"], fields["M"]) == ("28000", 'role "nolog" is not permitted to log in')
    # Channel binding is not offered; a client asking for it breaks the protocol.
    kind, fields = raw_login(port, "alice", "pencil2", cbind_flag="y")
    assert kind == "ok", fields
    psql(port, "postgres", sql="DROP ROLE alice, nolog, nopw")


def sasl_violation(port, user, message):
    """Starts a SASL exchange for `user` and sends `message` as its first answer."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0postgres\0\0"
    sock.sendall(struct.pack("!i", len(body) + 4) + body)
    t, b, buf = read_msg(sock, b"")
    assert t == "R" and struct.unpack("!i", b[:4])[0] == 10, (t, b)
    sock.sendall(message)
    t, b, buf = read_msg(sock, buf)
    sock.close()
    assert t == "E", t
    fields = error_fields(b)
    return fields["C"], fields["M"], fields.get("D")


def check_sasl_violations(port):
    # PostgreSQL 15's answers to the same bytes (checked with --against-postgres).
    psql(port, "postgres", sql="CREATE ROLE alice LOGIN PASSWORD 'pencil'")

    def p(body):
        return b"p" + struct.pack("!i", len(body) + 4) + body
    data = b"n,,n=,r=abcdef"
    expected = [
        (p(b"SCRAM-SHA-1\0" + struct.pack("!i", len(data)) + data),
         ("08P01", "client selected an invalid SASL authentication mechanism", None)),
        (b"Q" + struct.pack("!i", 13) + b"select 1\0",
         ("08P01", "expected SASL response, got message type 81", None)),
        (p(b"SCRAM-SHA-256\0" + struct.pack("!i", 3) + b"p=x"),
         ("08P01", "malformed SCRAM message", "The client selected SCRAM-SHA-256 without channel "
          "binding, but the SCRAM message includes channel binding data.")),
        (p(b"SCRAM-SHA-256\0" + struct.pack("!i", len(data) + 5) + data),
         ("08P01", "insufficient data left in message", None)),
    ]
    for message, answer in expected:
        got = sasl_violation(port, "alice", message)
        assert got == answer, (message, got)


# --- --auth scram: every connection runs SCRAM; 28P01 alike for unknown roles ---

def check_scram_everywhere(port):
    code, out, err = psql(port, "postgres", None)
    assert code == 2 and "no password supplied" in err, err
    assert failed("postgres") in psql(port, "postgres", "wrong")[2]
    code, out, err = psql(port, "postgres", "boot'pw", sql="CREATE ROLE bob LOGIN PASSWORD 'pencil'; "
                          "CREATE ROLE nopw LOGIN; SELECT current_user")
    assert code == 0 and out.endswith("postgres"), (code, out, err)
    assert psql(port, "bob", "pencil")[:2] == (0, "bob")
    assert failed("bob") in psql(port, "bob", "wrong")[2]
    assert failed("ghost") in psql(port, "ghost", "pencil")[2]   # unknown role: same message
    assert failed("nopw") in psql(port, "nopw", "")[2] or "no password" in psql(port, "nopw", "")[2]
    assert failed("nopw") in psql(port, "nopw", "x")[2]           # no password: cannot log in
    assert failed("bob") in pg2_error(port, "bob", "wrong")
    assert failed("ghost") in pg2_error(port, "ghost", "wrong")
    for user, password in (("bob", "wrong"), ("ghost", "pencil"), ("nopw", "x")):
        kind, fields = raw_login(port, user, password)
        assert (kind, fields["C"], fields["M"]) == (
            "error", "28P01", 'password authentication failed for user "%s"' % user), fields


# --- beyond loopback: passwords are required ---

def non_loopback_address():
    """This machine's own non-loopback IPv4 address (None when it has none)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))  # no packet is sent for a UDP connect
        address = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if address.startswith("127.") else address


def check_remote(port, address):
    # Over loopback postgres is trusted; from a non-loopback address it needs a password.
    code, out, err = psql(port, "postgres", sql="CREATE ROLE dan LOGIN PASSWORD 'pencil'; "
                          "CREATE ROLE nopw LOGIN")
    assert code == 0, err
    kind, fields = raw_login(port, "postgres", "", host=address)
    assert (kind, fields["C"], fields["M"]) == (
        "error", "28P01", 'password authentication failed for user "postgres"'), fields
    kind, fields = raw_login(port, "nopw", "x", host=address)
    assert fields["C"] == "28P01", fields
    kind, fields = raw_login(port, "ghost", "x", host=address)
    assert (fields["C"], fields["M"]) == ("28P01", 'password authentication failed for user "ghost"')
    assert raw_login(port, "dan", "pencil", host=address) == ("ok", None)


# --- TLS ---

def make_certificate(directory):
    cert, key = os.path.join(directory, "server.crt"), os.path.join(directory, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.chmod(key, 0o600)
    return cert, key


def check_tls(port):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                            sslmode="require")
    assert conn.info.ssl_in_use
    assert conn.info.ssl_attribute("protocol") in ("TLSv1.2", "TLSv1.3")
    cur = conn.cursor()
    cur.execute("CREATE ROLE carol LOGIN PASSWORD 'pencil'")
    cur.execute("SELECT repeat('x', 200000)")  # larger than one TLS record
    assert len(cur.fetchone()[0]) == 200000
    conn.commit()
    conn.close()
    code, out, err = psql(port, "carol", "pencil", extra="sslmode=require")
    assert (code, out) == (0, "carol"), err
    assert failed("carol") in psql(port, "carol", "wrong", extra="sslmode=require")[2]
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="carol", password="pencil",
                            dbname="postgres", sslmode="disable")
    assert not conn.info.ssl_in_use
    conn.close()


def check_no_tls(port):
    err = pg2_error(port, "postgres", None, sslmode="require")
    assert err is not None and "server does not support SSL" in err, err
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                            sslmode="prefer")
    assert not conn.info.ssl_in_use
    conn.close()


def run(name, fn, binary, args):
    srv = Server(binary, args)
    try:
        fn(srv.port)
        print("ok   %s" % name, flush=True)
        return 0
    except Exception:
        print("FAIL %s" % name, flush=True)
        traceback.print_exc()
        print("--- server log ---\n" + srv.log_text()[-4000:])
        return 1
    finally:
        srv.stop()


def main():
    if "--against-postgres" in sys.argv:
        # Raw checks against a PostgreSQL 15 with scram-sha-256 for 127.0.0.1
        # and roles alice/pencil and nolog/pencil (NOLOGIN).
        port = int(sys.argv[sys.argv.index("--against-postgres") + 1])
        print(raw_login(port, "alice", "nope"), raw_login(port, "ghost", "pencil"),
              raw_login(port, "nolog", "pencil"), raw_login(port, "alice", "pencil"))
        check_sasl_violations(port)
        print("sasl violations: as expected")
        return
    if shutil.which("openssl") is None:
        print("FAIL the openssl command is needed to make a test certificate")
        sys.exit(1)
    binary = binary_from_args()
    tmp = tempfile.mkdtemp(prefix="omendb_auth_")
    try:
        cert, key = make_certificate(tmp)
        pwfile = os.path.join(tmp, "pw")
        with open(pwfile, "w") as f:
            f.write("boot'pw\n")
        bad = run("default_policy", check_default_policy, binary, [])
        bad += run("sasl_violations", check_sasl_violations, binary, [])
        bad += run("scram_everywhere", check_scram_everywhere, binary,
                   ["--auth", "scram", "--password-file", pwfile])
        bad += run("tls", check_tls, binary, ["--tls-cert", cert, "--tls-key", key])
        bad += run("no_tls", check_no_tls, binary, [])
        address = non_loopback_address()
        if address is None:
            print("skip remote: this machine has no non-loopback IPv4 address")
        else:
            bad += run("remote", lambda port: check_remote(port, address), binary,
                       ["--listen", "0.0.0.0"])
    finally:
        shutil.rmtree(tmp)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
