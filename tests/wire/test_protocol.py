"""Byte-level protocol tests over a raw socket: startup, simple and extended
query, pipelining, error recovery, COPY, and bad bytes."""

import socket
import struct

from pgwire_client import Conn, data_row, fields, row_description, types
from wire_harness import main


def test_startup_parameters(srv):
    c = Conn(srv.port, params={"application_name": "rawtest"})
    p = c.params
    assert p["server_version"].startswith("15."), p
    for k, v in [("server_encoding", "UTF8"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"),
                 ("integer_datetimes", "on"), ("standard_conforming_strings", "on"),
                 ("IntervalStyle", "postgres"), ("default_transaction_read_only", "off"),
                 ("in_hot_standby", "off"), ("session_authorization", "postgres"),
                 ("application_name", "rawtest"), ("is_superuser", "on")]:
        assert p.get(k) == v, (k, p.get(k))
    assert "TimeZone" in p
    assert c.backend_key is not None
    c.close_socket()


def test_ssl_and_gss_requests_get_n(srv):
    c = Conn(srv.port, startup=False)
    c.send_raw(struct.pack("!ii", 8, 80877104))
    assert c.sock.recv(1) == b"N"
    c.send_raw(struct.pack("!ii", 8, 80877103))
    assert c.sock.recv(1) == b"N"
    msgs = c.startup()
    assert types(msgs)[-1] == "Z"
    assert types(c.query("SELECT 1")) == "TDCZ"


def test_unknown_database_and_protocol(srv):
    c = Conn(srv.port, startup=False)
    c.send_raw(c.startup_packet("postgres", "nope", {}))
    t, body = c.read_until("E")[-1]  # after authentication, as PostgreSQL checks it
    f = fields(body)
    assert t == "E" and f["S"] == "FATAL" and f["C"] == "3D000", f
    assert f["M"] == 'database "nope" does not exist'
    assert c.read_message() is None
    c = Conn(srv.port, startup=False)
    c.send_raw(struct.pack("!ii", 8, 2 << 16))
    t, body = c.read_message()
    assert fields(body)["C"] == "0A000"


def test_simple_query_several_statements(srv):
    c = Conn(srv.port)
    msgs = c.query("SELECT 1 AS a; SELECT 'x' AS b, NULL::int AS c")
    assert types(msgs) == "TDCTDCZ", types(msgs)
    assert row_description(msgs[0][1])[0][:2] == ("a", 23)
    assert data_row(msgs[4][1]) == [b"x", None]
    assert msgs[2][1] == b"SELECT 1\0"
    assert msgs[-1][1] == b"I"
    # Empty query, and stop at the first error.
    assert types(c.query("")) == "IZ"
    assert types(c.query(" ; ")) == "IZ"
    assert c.query("CREATE TABLE s(a int)")[0][1] == b"CREATE TABLE\0"
    msgs = c.query("INSERT INTO s VALUES (1),(2); SELECT 1/0; INSERT INTO s VALUES (3)")
    assert types(msgs) == "CEZ", types(msgs)
    assert msgs[0][1] == b"INSERT 0 2\0"
    f = fields(msgs[1][1])
    assert f["S"] == "ERROR" and f["V"] == "ERROR" and f["C"] == "22012" and f["M"] == "division by zero"
    # One message's statements are one implicit transaction: the failed message left nothing.
    assert data_row(c.query("SELECT count(*) FROM s")[1][1]) == [b"0"]
    c.query("DELETE FROM s; INSERT INTO s VALUES (1),(2)")
    msgs = c.query("UPDATE s SET a = a + 1; DELETE FROM s WHERE a = 3; SELECT count(*) FROM s")
    assert [m[1] for m in msgs if m[0] == "C"] == [b"UPDATE 2\0", b"DELETE 1\0", b"SELECT 1\0"]
    assert data_row(msgs[-3][1]) == [b"1"]
    # Syntax error position.
    f = fields(c.query("SELECT 1 FROM WHERE")[0][1])
    assert f["C"] == "42601" and f["P"] == "15", f


def test_notice_and_parameter_status(srv):
    c = Conn(srv.port)
    msgs = c.query("DROP TABLE IF EXISTS no_such_table")
    assert types(msgs) == "NCZ", types(msgs)
    f = fields(msgs[0][1])
    assert f["S"] == "NOTICE" and f["M"] == 'table "no_such_table" does not exist, skipping', f
    msgs = c.query("SET application_name = 'changed'")
    assert types(msgs) == "CSZ", types(msgs)
    assert msgs[1][1] == b"application_name\0changed\0"
    assert types(c.query("SET application_name = 'changed'")) == "CZ"


def test_transaction_status(srv):
    c = Conn(srv.port)
    assert c.query("BEGIN")[-1][1] == b"T"
    assert c.query("SELECT 1/0")[-1][1] == b"E"
    msgs = c.query("SELECT 1")
    assert fields(msgs[0][1])["C"] == "25P02"
    assert msgs[-1][1] == b"E"
    assert c.query("ROLLBACK")[-1][1] == b"I"


def test_extended_query(srv):
    c = Conn(srv.port)
    c.query("CREATE TABLE e(id int PRIMARY KEY, v text, n numeric(10,2))")
    c.query("INSERT INTO e SELECT g, 'v' || g, g * 1.5 FROM generate_series(1, 5) g")
    c.send_raw(c.parse("s1", "SELECT id, v, n FROM e WHERE id >= $1 ORDER BY id") +
               c.describe("S", "s1") + c.sync())
    msgs = c.read_until("Z")
    assert types(msgs) == "1tTZ", types(msgs)
    assert msgs[1][1] == struct.pack("!hI", 1, 23)  # $1 inferred as integer
    cols = row_description(msgs[2][1])
    assert [(n, o) for n, o, *_ in cols] == [("id", 23), ("v", 25), ("n", 1700)]
    assert cols[2][3] == ((10 << 16) | 2) + 4  # typmod
    # Binary parameter, binary results for column 0 only, row limit 2.
    c.send_raw(c.bind("p1", "s1", [struct.pack("!i", 2)], [1], [1, 0, 0]) + c.describe("P", "p1") +
               c.execute("p1", 2) + c.execute("p1", 2) + c.execute("p1", 2) + c.sync())
    msgs = c.read_until("Z")
    assert types(msgs) == "2TDDsDDsCZ", types(msgs)
    assert [f for *_, f in row_description(msgs[1][1])] == [1, 0, 0]
    assert data_row(msgs[2][1]) == [struct.pack("!i", 2), b"v2", b"3.00"]
    assert msgs[-2][1] == b"SELECT 0\0"
    # Text parameter, unnamed statement and portal, Close, Flush.
    c.send_raw(c.parse("", "INSERT INTO e VALUES ($1, $2, $3)") + c.bind("", "", ["6", "six", "9.99"]) +
               c.execute("") + c.close("S", "s1") + c.flush())
    msgs = c.read_until("3")
    assert types(msgs) == "12C3", types(msgs)
    assert msgs[2][1] == b"INSERT 0 1\0"
    c.send_raw(c.sync())
    assert types(c.read_until("Z")) == "Z"
    # NULL parameter, and the closed statement is gone.
    c.send_raw(c.bind("", "s1", ["1"]) + c.sync())
    msgs = c.read_until("Z")
    assert types(msgs) == "EZ" and fields(msgs[0][1])["C"] == "26000"
    # Empty statement.
    c.send_raw(c.parse("", "") + c.bind("", "") + c.describe("P", "") + c.execute("") + c.sync())
    assert types(c.read_until("Z")) == "12nIZ"


def test_error_recovery_skips_to_sync(srv):
    c = Conn(srv.port)
    # A failing Parse: everything up to Sync is discarded, then the next batch runs.
    c.send_raw(c.parse("", "SELEC 1") + c.bind("", "") + c.execute("") + c.sync() +
               c.parse("", "SELECT 42") + c.bind("", "") + c.execute("") + c.sync())
    msgs = c.read_until("Z")
    assert types(msgs) == "EZ", types(msgs)
    assert fields(msgs[0][1])["C"] == "42601"
    msgs = c.read_until("Z")
    assert types(msgs) == "12DCZ", types(msgs)
    assert data_row(msgs[2][1]) == [b"42"]
    # Wrong parameter count, bad text parameter, bad binary parameter.
    c.send_raw(c.parse("p", "SELECT $1::int") + c.sync())
    c.read_until("Z")
    for params, fmts, code in [([], [], "08P01"), (["abc"], [], "22P02"), ([b"\1\2"], [1], "08P01"),
                               ([b"\1\2\3\4\5"], [1], "22P03")]:
        c.send_raw(c.bind("", "p", params, fmts) + c.execute("") + c.sync())
        msgs = c.read_until("Z")
        assert types(msgs) == "EZ" and fields(msgs[0][1])["C"] == code, (code, msgs)
    # Duplicate named statement, unknown portal.
    c.send_raw(c.parse("p", "SELECT 1") + c.sync())
    assert fields(c.read_until("Z")[0][1])["C"] == "42P05"
    c.send_raw(c.execute("nope") + c.sync())
    assert fields(c.read_until("Z")[0][1])["C"] == "34000"


def test_pipelined_batches(srv):
    c = Conn(srv.port)
    batch = b""
    for i in range(50):
        batch += c.parse("", "SELECT %d" % i) + c.bind("", "") + c.execute("") + c.sync()
    c.send_raw(batch)
    for i in range(50):
        msgs = c.read_until("Z")
        assert types(msgs) == "12DCZ"
        assert data_row(msgs[2][1]) == [str(i).encode()]


def test_copy_in_out(srv):
    c = Conn(srv.port)
    c.query("CREATE TABLE cp(a int, b text)")
    c.send_raw(c.msg("Q", c.cstr("COPY cp FROM STDIN")))
    msgs = c.read_until("G")
    assert types(msgs) == "G"
    c.send_raw(c.msg("d", b"1\tone\n2\t") + c.msg("d", b"two\n3\t\\N\n") + c.msg("c"))
    msgs = c.read_until("Z")
    assert types(msgs) == "CZ" and msgs[0][1] == b"COPY 3\0", msgs
    # CSV with the \. line.
    c.send_raw(c.msg("Q", c.cstr("COPY cp FROM STDIN (FORMAT csv)")))
    c.read_until("G")
    c.send_raw(c.msg("d", b'4,"f,our"\n\\.\n') + c.msg("c"))
    assert c.read_until("Z")[0][1] == b"COPY 1\0"
    # CopyFail leaves nothing behind.
    c.send_raw(c.msg("Q", c.cstr("COPY cp FROM STDIN")))
    c.read_until("G")
    c.send_raw(c.msg("d", b"5\tfive\n") + c.msg("f", c.cstr("client gave up")))
    msgs = c.read_until("Z")
    f = fields(msgs[0][1])
    assert types(msgs) == "EZ" and f["C"] == "57014" and "client gave up" in f["M"], f
    # Bad data: error, the rest of the copy data is ignored.
    c.send_raw(c.msg("Q", c.cstr("COPY cp FROM STDIN")))
    c.read_until("G")
    c.send_raw(c.msg("d", b"x\ty\n") + c.msg("d", b"6\tsix\n") + c.msg("c"))
    msgs = c.read_until("Z")
    assert types(msgs) == "EZ" and fields(msgs[0][1])["C"] == "22P02"
    msgs = c.query("COPY (SELECT a, b FROM cp ORDER BY a) TO STDOUT")
    assert types(msgs)[0] == "H" and types(msgs).rstrip("d")[-3:] != "" and types(msgs)[-3:] == "cCZ"
    assert set(types(msgs)[1:-3]) == {"d"}, types(msgs)
    assert b"".join(b for t, b in msgs if t == "d") == b"1\tone\n2\ttwo\n3\t\\N\n4\tf,our\n"
    assert msgs[-2][1] == b"COPY 4\0"
    msgs = c.query("COPY cp TO STDOUT (FORMAT csv); SELECT 7")
    assert types(msgs).endswith("cCTDCZ"), types(msgs)
    assert b"".join(b for t, b in msgs if t == "d") == b'1,one\n2,two\n3,\n4,"f,our"\n'
    # An empty table still gets CopyOutResponse and CopyDone.
    c.query("CREATE TABLE cp0(a int)")
    assert types(c.query("COPY cp0 TO STDOUT")) == "HcCZ"


def expect_fatal_and_close(c, code):
    msgs = c.read_all_until_close()
    errs = [fields(b) for t, b in msgs if t == "E"]
    assert errs and errs[-1]["S"] == "FATAL" and errs[-1]["C"] == code, msgs


def test_bad_bytes(srv):
    keeper = Conn(srv.port)
    keeper.query("BEGIN")
    # Unknown message type.
    c = Conn(srv.port)
    c.send_raw(b"y" + struct.pack("!i", 4))
    expect_fatal_and_close(c, "08P01")
    # Absurd length.
    c = Conn(srv.port)
    c.send_raw(b"Q" + struct.pack("!i", 0x7ffffff0) + b"SELECT 1")
    expect_fatal_and_close(c, "08P01")
    c = Conn(srv.port)
    c.send_raw(b"S" + struct.pack("!i", 2))
    expect_fatal_and_close(c, "08P01")
    # A message body that does not match its type.
    c = Conn(srv.port)
    c.send_raw(c.msg("B", b"\1\2\3") + c.sync())
    msgs = c.read_until("Z")
    assert fields(msgs[0][1])["C"] == "08P01"
    # Truncated message, then the client vanishes.
    c = Conn(srv.port)
    c.send_raw(b"Q" + struct.pack("!i", 100) + b"SELECT")
    c.close_socket()
    # Garbage startup packets.
    for junk in [b"\0\0\0\1", b"\xff\xff\xff\xff" + b"x" * 20, struct.pack("!ii", 12, 196608) + b"ab\0\0",
                 b"GET / HTTP/1.1\r\n\r\n"]:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(junk)
        s.shutdown(socket.SHUT_WR)
        while s.recv(4096):
            pass
        s.close()
    # The server and the other session are fine.
    assert types(keeper.query("SELECT 1")) == "TDCZ"
    assert keeper.query("COMMIT")[-1][1] == b"I"
    assert types(Conn(srv.port).query("SELECT 2")) == "TDCZ"


# Parameter types PostgreSQL 15 infers for $n sent with OID 0 (ParameterDescription of
# Describe statement), from WHERE, VALUES, SET, LIMIT, function arguments, INSERT ... SELECT
# and UNION; the expected OIDs were taken from PostgreSQL 15.
INFERENCE_CASES = [
    ("SELECT * FROM inf WHERE id = $1", [23]),
    ("SELECT * FROM inf WHERE id = $1 AND v = $2 OR n > $3", [23, 25, 1700]),
    ("SELECT * FROM inf WHERE $1 = id", [23]),
    ("SELECT * FROM inf WHERE id IN ($1, $2)", [23, 23]),
    ("SELECT * FROM inf WHERE id BETWEEN $1 AND $2", [23, 23]),
    ("SELECT * FROM inf WHERE v LIKE $1", [25]),
    ("SELECT * FROM inf WHERE d < $1 AND ts >= $2", [1082, 1114]),
    ("SELECT * FROM inf WHERE b = $1 AND f > $2 AND i8 <> $3", [16, 701, 20]),
    ("INSERT INTO inf VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [23, 25, 1700, 1082, 1114, 16, 701, 20]),
    ("INSERT INTO inf (v, id) VALUES ($1, $2), ($3, $4)", [25, 23, 25, 23]),
    ("UPDATE inf SET v = $1, n = $2 WHERE id = $3", [25, 1700, 23]),
    ("UPDATE inf SET n = n + $1 WHERE id = $2", [1700, 23]),
    ("DELETE FROM inf WHERE id = $1", [23]),
    ("SELECT * FROM inf LIMIT $1 OFFSET $2", [20, 20]),
    ("SELECT length($1)", [25]),
    ("SELECT upper($1), substr($1, $2)", [25, 23]),
    ("SELECT coalesce($1, 5)", [23]),
    ("SELECT $1 + 1", [23]),
    ("SELECT $1", [25]),
    ("SELECT $1::int", [23]),
    ("SELECT * FROM inf WHERE id = $1 + 1", [23]),
    ("SELECT * FROM inf WHERE id = ANY($1)", [1007]),
    ("SELECT CASE WHEN $1 THEN 1 ELSE 2 END", [16]),
    ("SELECT * FROM inf WHERE v = lower($1)", [25]),
    ("SELECT date_trunc('day', $1::timestamp)", [1114]),
    ("SELECT round($1, 2)", [1700]),
    ("INSERT INTO inf SELECT $1, $2", [23, 25]),
    ("SELECT $1 || 'x'", [25]),
    ("SELECT * FROM inf WHERE n = $1 ORDER BY id LIMIT $2", [1700, 20]),
    ("SELECT id FROM inf WHERE id > $1 UNION SELECT $2", [23, 23]),
]


def test_parameter_inference(srv):
    c = Conn(srv.port)
    c.query("CREATE TABLE inf(id int PRIMARY KEY, v text, n numeric(6,2), d date, ts timestamp, "
            "b boolean, f float8, i8 bigint)")
    wrong = []
    for sql, want in INFERENCE_CASES:
        c.send_raw(c.parse("", sql) + c.describe("S", "") + c.sync())
        msgs = c.read_until("Z")
        if msgs[0][0] != "1":
            wrong.append((sql, fields(msgs[0][1])))
            continue
        body = msgs[1][1]
        n = struct.unpack("!h", body[:2])[0]
        got = list(struct.unpack("!%dI" % n, body[2:]))
        if got != want:
            wrong.append((sql, got, want))
    assert not wrong, wrong


if __name__ == "__main__":
    main(globals())
