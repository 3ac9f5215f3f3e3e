"""Simple query protocol: the statements of one Query message run as one
implicit transaction, as PostgreSQL 15 runs them. An error rolls back what
the message did before it (unless an explicit BEGIN ... COMMIT inside it
already committed it); BEGIN inside a message takes the earlier statements
into the explicit block; COMMIT / ROLLBACK end the implicit block with a
warning; SAVEPOINT and VACUUM refuse to run in it.

Each case is a list of messages and what the server answers to each
(command tags, SQLSTATEs, warnings, rows, ReadyForQuery status), as
PostgreSQL 15 answers. `--pg PORT` runs the cases against a PostgreSQL
server on 127.0.0.1:PORT instead (how the expectations were checked).
"""

import sys

from pgwire_client import Conn, data_row, fields
from wire_harness import main

SETUP = "DROP TABLE IF EXISTS it; DROP TABLE IF EXISTS it2; CREATE TABLE it(a int PRIMARY KEY)"
CHECK = "SELECT coalesce(string_agg(a::text, ',' ORDER BY a), '-') FROM it"

CASES = [
    # An error rolls back the message's earlier statements.
    (["INSERT INTO it VALUES (1); SELECT 1/0; INSERT INTO it VALUES (3)"],
     [["INSERT 0 1", "E:22012", "Z:I"]], "-"),
    (["INSERT INTO it VALUES (1); INSERT INTO it VALUES (1)"],
     [["INSERT 0 1", "E:23505", "Z:I"]], "-"),
    (["INSERT INTO it VALUES (1); UPDATE it SET a = a + 1; SELECT a FROM it"],
     [["INSERT 0 1", "UPDATE 1", "D:2", "SELECT 1", "Z:I"]], "2"),
    # COMMIT ends the implicit block (with a warning); later statements form a new one.
    (["INSERT INTO it VALUES (3); COMMIT; INSERT INTO it VALUES (4); INSERT INTO it VALUES (3)"],
     [["INSERT 0 1", "N:WARNING:there is no transaction in progress", "COMMIT", "INSERT 0 1",
       "E:23505", "Z:I"]], "3"),
    (["INSERT INTO it VALUES (8); ROLLBACK; SELECT 1"],
     [["INSERT 0 1", "N:WARNING:there is no transaction in progress", "ROLLBACK", "D:1",
       "SELECT 1", "Z:I"]], "-"),
    # BEGIN takes the earlier statements into the explicit block.
    (["INSERT INTO it VALUES (6); BEGIN; INSERT INTO it VALUES (7); COMMIT; INSERT INTO it VALUES (6)"],
     [["INSERT 0 1", "BEGIN", "INSERT 0 1", "COMMIT", "E:23505", "Z:I"]], "6,7"),
    (["INSERT INTO it VALUES (13); BEGIN; INSERT INTO it VALUES (14)", "ROLLBACK"],
     [["INSERT 0 1", "BEGIN", "INSERT 0 1", "Z:T"], ["ROLLBACK", "Z:I"]], "-"),
    (["INSERT INTO it VALUES (13); BEGIN; INSERT INTO it VALUES (14)", "COMMIT"],
     [["INSERT 0 1", "BEGIN", "INSERT 0 1", "Z:T"], ["COMMIT", "Z:I"]], "13,14"),
    # An error inside an explicit block leaves it aborted, as in separate messages.
    (["BEGIN; INSERT INTO it VALUES (11); SELECT 1/0", "SELECT 1", "ROLLBACK"],
     [["BEGIN", "INSERT 0 1", "E:22012", "Z:E"], ["E:25P02", "Z:E"], ["ROLLBACK", "Z:I"]], "-"),
    (["BEGIN; INSERT INTO it VALUES (12); COMMIT; INSERT INTO it VALUES (12)"],
     [["BEGIN", "INSERT 0 1", "COMMIT", "E:23505", "Z:I"]], "12"),
    # Savepoints and VACUUM need an explicit block / no block.
    (["INSERT INTO it VALUES (9); SAVEPOINT a; SELECT 1"],
     [["INSERT 0 1", "E:25P01", "Z:I"]], "-"),
    (["INSERT INTO it VALUES (10); VACUUM"],
     [["INSERT 0 1", "E:25001", "Z:I"]], "-"),
    # DDL and SET are rolled back with the message.
    (["CREATE TABLE it2(x int); INSERT INTO it VALUES (20); SELECT 1/0", "SELECT count(*) FROM it2"],
     [["CREATE TABLE", "INSERT 0 1", "E:22012", "Z:I"], ["E:42P01", "Z:I"]], "-"),
    (["SET application_name = 'inner'; SELECT 1/0", "SHOW application_name"],
     [["SET", "E:22012", "Z:I"], ["D:implicit_test", "SHOW", "Z:I"]], "-"),
    # A bind error (unknown column) rolls back too.
    (["INSERT INTO it VALUES (21); SELECT nosuch FROM it"],
     [["INSERT 0 1", "E:42703", "Z:I"]], "-"),
    # One statement per message is unchanged: each commits on its own.
    (["INSERT INTO it VALUES (30)", "INSERT INTO it VALUES (30)"],
     [["INSERT 0 1", "Z:I"], ["E:23505", "Z:I"]], "30"),
]


def summary(msgs):
    out = []
    for t, body in msgs:
        if t == "C":
            out.append(body.rstrip(b"\0").decode())
        elif t == "E":
            out.append("E:" + fields(body)["C"])
        elif t == "N":
            f = fields(body)
            out.append("N:%s:%s" % (f["S"], f["M"]))
        elif t == "D":
            out.append("D:" + ",".join(v.decode() if v is not None else "NULL"
                                        for v in data_row(body)))
        elif t == "Z":
            out.append("Z:" + body.decode())
    return out


def run_cases(port):
    c = Conn(port, params={"application_name": "implicit_test"})
    for messages, expected, rows in CASES:
        c.query(SETUP)
        got = [summary(c.query(m)) for m in messages]
        assert got == expected, "%r:\n got      %r\n expected %r" % (messages, got, expected)
        final = summary(c.query(CHECK))
        assert final[0] == "D:" + rows, "%r: rows %r, expected %r" % (messages, final, rows)
    c.query("DROP TABLE IF EXISTS it; DROP TABLE IF EXISTS it2")
    c.close_socket()


def run_deallocate(port):
    """DEALLOCATE (what psycopg 3 sends after DDL and when its cache rotates)
    drops protocol-level prepared statements."""
    c = Conn(port)

    def prepare(name):
        c.send_raw(c.parse(name, "SELECT 1") + c.sync())
        assert [t for t, _ in c.read_until("Z")] == ["1", "Z"]

    def bind(name):
        c.send_raw(c.bind("", name) + c.execute("") + c.sync())
        return summary(c.read_until("Z"))

    prepare("s1")
    prepare("MixedCase")
    prepare("s3")
    assert summary(c.query("DEALLOCATE s1")) == ["DEALLOCATE", "Z:I"]
    assert summary(c.query("DEALLOCATE s1")) == ["E:26000", "Z:I"]
    assert bind("s1") == ["E:26000", "Z:I"]
    assert summary(c.query("deallocate prepare \"MixedCase\";")) == ["DEALLOCATE", "Z:I"]
    assert bind("s3") == ["D:1", "SELECT 1", "Z:I"]
    assert summary(c.query("DEALLOCATE ALL")) == ["DEALLOCATE ALL", "Z:I"]
    assert bind("s3") == ["E:26000", "Z:I"]
    prepare("s4")
    assert summary(c.query("BEGIN; SELECT 1/0")) == ["BEGIN", "E:22012", "Z:E"]
    assert summary(c.query("DEALLOCATE s4")) == ["E:25P02", "Z:E"]
    assert summary(c.query("ROLLBACK")) == ["ROLLBACK", "Z:I"]
    assert summary(c.query("DEALLOCATE s4")) == ["DEALLOCATE", "Z:I"]
    c.close_socket()


def test_implicit_transaction_per_message(srv):
    run_cases(srv.port)


def test_deallocate(srv):
    run_deallocate(srv.port)


if __name__ == "__main__":
    if "--pg" in sys.argv:
        run_cases(int(sys.argv[sys.argv.index("--pg") + 1]))
        run_deallocate(int(sys.argv[sys.argv.index("--pg") + 1]))
        print("ok against PostgreSQL")
    else:
        main(globals())
