"""Connection limit, many connections, idle CPU, graceful shutdown.
Each test starts its own server (the limit differs)."""

import os
import signal
import sys
import threading
import time

import psycopg2
import psycopg2.errors

from pgwire_client import Conn, fields, types
from wire_harness import Server, binary_from_args


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])  # utime + stime


def test_limit_of_five(binary):
    srv = Server(binary, ["--max-connections", "5"])
    try:
        conns = [psycopg2.connect(srv.dsn) for _ in range(5)]
        c = Conn(srv.port, startup=False)
        c.send_raw(c.startup_packet("postgres", "postgres", {}))
        t, body = c.read_message()
        f = fields(body)
        assert t == "E" and f["S"] == "FATAL" and f["C"] == "53300", f
        assert f["M"] == "sorry, too many clients already"
        try:
            psycopg2.connect(srv.dsn)
            raise AssertionError("sixth connection accepted")
        except psycopg2.OperationalError as e:
            assert "sorry, too many clients already" in str(e)
        for i, conn in enumerate(conns):
            cur = conn.cursor()
            cur.execute("SELECT %s", (i,))
            assert cur.fetchone() == (i,)
        # A cancel request is not a connection: still served at the limit.
        conns[0].cancel()
        conns.pop().close()
        time.sleep(0.2)
        again = psycopg2.connect(srv.dsn)
        again.close()
        for conn in conns:
            conn.close()
    finally:
        srv.stop()


def test_three_hundred_connections_and_idle_cpu(binary):
    srv = Server(binary, ["--max-connections", "400"])
    try:
        conns = [psycopg2.connect(srv.dsn) for _ in range(300)]
        errors = []

        def work(conn, i):
            try:
                cur = conn.cursor()
                cur.execute("SELECT %s + 1", (i,))
                assert cur.fetchone() == (i + 1,)
                conn.commit()
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(conns)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors[:3]
        # 300 idle sessions: the server sleeps.
        before = cpu_ticks(srv.proc.pid)
        time.sleep(2)
        used = cpu_ticks(srv.proc.pid) - before
        assert used <= 2, "idle server used %d ticks in 2 s" % used
        for c in conns:
            c.close()
    finally:
        srv.stop()


def test_graceful_shutdown(binary):
    srv = Server(binary)
    conn = psycopg2.connect(srv.dsn)
    busy = Conn(srv.port)
    busy.query("BEGIN")
    srv.proc.send_signal(signal.SIGTERM)
    assert srv.proc.wait(timeout=10) == 0
    msgs = busy.read_all_until_close()
    assert any(t == "E" and fields(b)["C"] == "57P01" for t, b in msgs), msgs
    try:
        conn.cursor().execute("SELECT 1")
        raise AssertionError("query after shutdown")
    except (psycopg2.OperationalError, psycopg2.InterfaceError, psycopg2.errors.AdminShutdown):
        pass
    log = srv.log_text()
    assert "database system is shut down" in log, log
    srv.stop()


if __name__ == "__main__":
    binary = binary_from_args()
    failed = 0
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            start = time.time()
            try:
                fn(binary)
                print("ok   %s (%.2fs)" % (name, time.time() - start), flush=True)
            except Exception:
                import traceback
                traceback.print_exc()
                print("FAIL %s" % name, flush=True)
                failed += 1
    sys.exit(1 if failed else 0)
