"""A minimal PostgreSQL v3 protocol client over a raw socket, for byte-level tests."""

import socket
import struct


class Conn:
    def __init__(self, port, user="postgres", database="postgres", params=None, startup=True):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.params = {}
        self.backend_key = None
        if startup:
            self.startup(user, database, params or {})

    # --- sending ---
    def send_raw(self, data):
        self.sock.sendall(data)

    def startup_packet(self, user, database, params):
        body = struct.pack("!i", 196608)
        for k, v in [("user", user), ("database", database)] + list(params.items()):
            body += k.encode() + b"\0" + v.encode() + b"\0"
        body += b"\0"
        return struct.pack("!i", len(body) + 4) + body

    def startup(self, user="postgres", database="postgres", params=None):
        self.send_raw(self.startup_packet(user, database, params or {}))
        msgs = self.read_until("ZE")
        for t, body in msgs:
            if t == "S":
                k, v, _ = body.split(b"\0")
                self.params[k.decode()] = v.decode()
            elif t == "K":
                self.backend_key = struct.unpack("!ii", body)
        return msgs

    @staticmethod
    def msg(t, body=b""):
        return t.encode() + struct.pack("!i", len(body) + 4) + body

    @staticmethod
    def cstr(s):
        return (s if isinstance(s, bytes) else s.encode()) + b"\0"

    def query(self, sql):
        self.send_raw(self.msg("Q", self.cstr(sql)))
        return self.read_until("Z")

    def parse(self, name, sql, oids=()):
        return self.msg("P", self.cstr(name) + self.cstr(sql) + struct.pack("!h", len(oids)) +
                        b"".join(struct.pack("!I", o) for o in oids))

    def bind(self, portal, stmt, params=(), param_formats=(), result_formats=()):
        b = self.cstr(portal) + self.cstr(stmt)
        b += struct.pack("!h", len(param_formats)) + b"".join(struct.pack("!h", f) for f in param_formats)
        b += struct.pack("!h", len(params))
        for p in params:
            if p is None:
                b += struct.pack("!i", -1)
            else:
                p = p if isinstance(p, bytes) else str(p).encode()
                b += struct.pack("!i", len(p)) + p
        b += struct.pack("!h", len(result_formats)) + b"".join(struct.pack("!h", f) for f in result_formats)
        return self.msg("B", b)

    def describe(self, kind, name):
        return self.msg("D", kind.encode() + self.cstr(name))

    def execute(self, portal, max_rows=0):
        return self.msg("E", self.cstr(portal) + struct.pack("!i", max_rows))

    def close(self, kind, name):
        return self.msg("C", kind.encode() + self.cstr(name))

    def sync(self):
        return self.msg("S")

    def flush(self):
        return self.msg("H")

    # --- receiving ---
    def read_message(self):
        """(type, body), or None at end of stream."""
        while len(self.buf) < 5:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        t = chr(self.buf[0])
        n = struct.unpack("!i", self.buf[1:5])[0]
        while len(self.buf) < 1 + n:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        body = self.buf[5:1 + n]
        self.buf = self.buf[1 + n:]
        return t, body

    def read_until(self, types):
        out = []
        while True:
            m = self.read_message()
            if m is None:
                raise EOFError("connection closed after %r" % ([t for t, _ in out],))
            out.append(m)
            if m[0] in types:
                return out

    def read_all_until_close(self):
        out = []
        while True:
            try:
                m = self.read_message()
            except (ConnectionResetError, socket.timeout):
                return out
            if m is None:
                return out
            out.append(m)

    def close_socket(self):
        self.sock.close()


def fields(body):
    """ErrorResponse/NoticeResponse fields as a dict of code -> text."""
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[chr(part[0])] = part[1:].decode()
    return out


def types(msgs):
    return "".join(t for t, _ in msgs)


def data_row(body):
    n = struct.unpack("!h", body[:2])[0]
    pos, vals = 2, []
    for _ in range(n):
        ln = struct.unpack("!i", body[pos:pos + 4])[0]
        pos += 4
        if ln < 0:
            vals.append(None)
        else:
            vals.append(body[pos:pos + ln])
            pos += ln
    return vals


def row_description(body):
    n = struct.unpack("!h", body[:2])[0]
    pos, cols = 2, []
    for _ in range(n):
        end = body.index(b"\0", pos)
        name = body[pos:end].decode()
        pos = end + 1
        table, attnum, oid, typlen, typmod, fmt = struct.unpack("!ihihih", body[pos:pos + 18])
        pos += 18
        cols.append((name, oid, typlen, typmod, fmt))
    return cols
