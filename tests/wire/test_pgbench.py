"""pgbench against omendb serve: initialization, then the TPC-B-like run with
-M simple, extended and prepared; no failed transactions; balances add up."""

import re
import subprocess

import psycopg2

from wire_harness import main


def pgbench(srv, *args):
    argv = ["pgbench", "-h", "127.0.0.1", "-p", str(srv.port), "-U", "postgres", *args, "postgres"]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, "%s\nstdout:\n%s\nstderr:\n%s" % (argv, p.stdout, p.stderr)
    return p.stdout + p.stderr


def balances(srv):
    conn = psycopg2.connect(srv.dsn)
    cur = conn.cursor()
    cur.execute("SELECT (SELECT sum(abalance) FROM pgbench_accounts), "
                "(SELECT sum(bbalance) FROM pgbench_branches), "
                "(SELECT sum(tbalance) FROM pgbench_tellers), "
                "(SELECT coalesce(sum(delta), 0) FROM pgbench_history)")
    row = cur.fetchone()
    conn.close()
    return row


def test_pgbench(srv):
    pgbench(srv, "-i", "-s", "1")
    for mode in ("simple", "extended", "prepared"):
        a0, b0, t0, _ = balances(srv)
        out = pgbench(srv, "-c", "8", "-j", "2", "-T", "5", "-M", mode)
        done = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
        failed = re.search(r"number of failed transactions: (\d+)", out)
        assert done > 0, out
        assert failed is None or int(failed.group(1)) == 0, out
        print("  pgbench -M %s: %d transactions, %s" %
              (mode, done, re.search(r"tps = [0-9.]+", out).group(0)), flush=True)
        # Each run truncates pgbench_history first: its deltas are this run's.
        a, b, t, h = balances(srv)
        assert a - a0 == b - b0 == t - t0 == h, (a - a0, b - b0, t - t0, h)


if __name__ == "__main__":
    main(globals())
