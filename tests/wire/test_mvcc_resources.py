"""MVCC resources over the wire (issue 4): idle_in_transaction_session_timeout
ends an idle session in a transaction block with FATAL 25P03 and rolls its
transaction back; the memory budget (--memory-budget) fails a statement with
53200 and the session and the server keep working."""

import time

import psycopg2
import psycopg2.errors

from pgwire_client import Conn, fields, types
from wire_harness import main


def test_idle_in_transaction_timeout_raw(srv):
    setup = psycopg2.connect(srv.dsn)
    setup.autocommit = True
    cur = setup.cursor()
    cur.execute("DROP TABLE IF EXISTS idle_t")
    cur.execute("CREATE TABLE idle_t (id int PRIMARY KEY, v int)")
    cur.execute("INSERT INTO idle_t VALUES (1, 0)")

    c = Conn(srv.port)
    c.query("SET idle_in_transaction_session_timeout = '300ms'")
    msgs = c.query("BEGIN; UPDATE idle_t SET v = 1 WHERE id = 1; INSERT INTO idle_t VALUES (2, 2)")
    assert msgs[-1][1] == b"T", msgs  # idle in a transaction block
    start = time.time()
    # Another session's update of the locked row waits only until the
    # timeout rolls the idle transaction back.
    cur.execute("SET lock_timeout = '5s'")
    cur.execute("UPDATE idle_t SET v = 10 WHERE id = 1")
    waited = time.time() - start
    assert 0.2 <= waited < 5, waited
    # The idle session got FATAL 25P03, unprompted, and the server closed it.
    c.sock.settimeout(5)
    rest = c.read_all_until_close()
    assert [t for t, _ in rest] == ["E"], rest
    f = fields(rest[0][1])
    assert f["S"] == "FATAL" and f["C"] == "25P03", f
    assert f["M"] == "terminating connection due to idle-in-transaction timeout", f
    cur.execute("SELECT id, v FROM idle_t ORDER BY id")
    assert cur.fetchall() == [(1, 10)]  # its INSERT was rolled back
    setup.close()


def test_idle_in_transaction_timeout_psycopg2(srv):
    conn = psycopg2.connect(srv.dsn)
    cur = conn.cursor()
    cur.execute("SET idle_in_transaction_session_timeout = 200")
    conn.commit()
    cur.execute("SELECT 1")  # psycopg2 opens a transaction block
    time.sleep(0.8)
    try:
        cur.execute("SELECT 2")
        raise AssertionError("the idle session was not terminated")
    except psycopg2.OperationalError as e:
        # libpq, as with PostgreSQL 15, reports the closed connection (the
        # FATAL came unprompted; the raw test above reads it).
        assert "terminating connection due to idle-in-transaction timeout" in str(e) or \
            "server closed the connection unexpectedly" in str(e), str(e)
    assert conn.closed
    # Outside a block the same setting ends nothing.
    conn = psycopg2.connect(srv.dsn)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SET idle_in_transaction_session_timeout = 200")
    time.sleep(0.5)
    cur.execute("SELECT 3")
    assert cur.fetchone() == (3,)
    conn.close()


def test_memory_budget_53200(srv):
    conn = psycopg2.connect(srv.dsn)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS big")
    cur.execute("CREATE TABLE big (id int PRIMARY KEY, s text)")
    for sql in [
        "INSERT INTO big SELECT g, repeat('x', 200) FROM generate_series(1, 3000000) g",
        "SELECT g FROM generate_series(1, 5000000) g ORDER BY g DESC",
        "SELECT repeat('z', 1000) FROM generate_series(1, 200000)",
    ]:
        try:
            cur.execute(sql)
            raise AssertionError("no 53200 for " + sql)
        except psycopg2.errors.OutOfMemory as e:
            assert e.pgcode == "53200", e.pgcode
            assert e.pgerror.startswith("ERROR:  out of memory"), e.pgerror
            assert "Failed on request of size" in e.diag.message_detail, e.diag.message_detail
    # The session and the database keep working.
    cur.execute("SELECT count(*) FROM big")
    assert cur.fetchone() == (0,)
    cur.execute("INSERT INTO big VALUES (1, 'one')")
    conn.autocommit = False
    cur.execute("INSERT INTO big VALUES (2, 'two')")
    try:
        cur.execute("UPDATE big SET s = repeat(s, 30000000)")
        raise AssertionError("no 53200 for the update")
    except psycopg2.errors.OutOfMemory:
        pass
    conn.rollback()
    cur.execute("SELECT id, s FROM big ORDER BY id")
    assert cur.fetchall() == [(1, "one")]
    conn.commit()
    conn.close()
    other = psycopg2.connect(srv.dsn)
    ocur = other.cursor()
    ocur.execute("SELECT 40 + 2")
    assert ocur.fetchone() == (42,)
    other.close()


main(globals(), server_args=["--memory-budget", "64MB"])
