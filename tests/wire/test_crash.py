"""The durability crash loop over the wire (issue 6, after
src/main/durability_crash_test.cc): `omendb serve` on a data directory,
psycopg2 clients doing bank transfers, multi-row inserts and COPY batches,
the server SIGKILLed at random moments (at least 10 times) and restarted.
After every restart:
  - every acknowledged (COMMIT returned) transfer, insert batch and COPY is there;
  - nothing is half applied: each balance equals 1000 plus what the present
    transfers moved, each insert batch has all its rows or none, the COPY
    table holds whole batches;
  - the balance total is unchanged.
OMEN_SOAK=1 runs 40 rounds of longer client runs (default: 12 rounds, < 60 s).
"""

import io
import os
import random
import shutil
import sys
import tempfile
import threading
import time

import psycopg2

from wire_harness import Server, binary_from_args, free_port

ACCOUNTS = 32
INITIAL = 1000
BATCH_ROWS = 5       # rows per insert transaction
COPY_ROWS = 200      # rows per COPY
TRANSFER_THREADS = 4
SOAK = os.environ.get("OMEN_SOAK") is not None


class Acks:
    """What the server acknowledged, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.transfers = set()
        self.batches = set()
        self.copies = set()

    def add(self, kind, key):
        with self.lock:
            getattr(self, kind).add(key)


def connect(port, stop):
    """A connection, retried while the server is (re)starting; None once `stop` is set."""
    while not stop.is_set():
        try:
            return psycopg2.connect(host="127.0.0.1", port=port, user="postgres",
                                    dbname="postgres", connect_timeout=2)
        except psycopg2.OperationalError:
            time.sleep(0.02)
    return None


def close_quietly(conn):
    try:
        conn.close()
    except psycopg2.Error:
        pass


def client_loop(port, stop, step):
    """Runs step(conn, seq) with seq = 1, 2, ... until `stop`, reconnecting
    after each failure. A failed step is not recorded by it: the server died
    (or a statement failed), so an unacknowledged commit's outcome is unknown."""
    conn = None
    seq = 0
    while not stop.is_set():
        if conn is None or conn.closed:
            conn = connect(port, stop)
            if conn is None:
                return
        seq += 1
        try:
            step(conn, seq)
        except psycopg2.Error:
            close_quietly(conn)
            conn = None


def transfer_client(port, stop, acks, round_no, thread_no, progress):
    rng = random.Random(round_no * 100 + thread_no)

    def step(conn, seq):
        key = (round_no * 100 + thread_no) * 1000000 + seq
        cur = conn.cursor()
        if seq % 3 == 0:
            # A multi-row insert transaction: all BATCH_ROWS rows or none.
            cur.execute("INSERT INTO items SELECT %s, g, 'payload ' || g FROM "
                        "generate_series(1, %s) g", (key, BATCH_ROWS))
            conn.commit()
            acks.add("batches", key)
        else:
            src, dst = rng.randrange(ACCOUNTS), rng.randrange(ACCOUNTS)
            amount = rng.randint(1, 50)
            cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s",
                        (amount, src))
            cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s",
                        (amount, dst))
            cur.execute("INSERT INTO transfers VALUES (%s, %s, %s, %s)",
                        (key, src, dst, amount))
            conn.commit()
            acks.add("transfers", key)
        progress[thread_no] += 1

    client_loop(port, stop, step)


def copy_client(port, stop, acks, round_no, progress):
    def step(conn, seq):
        key = round_no * 1000000 + seq
        data = "".join("%d\t%d\n" % (key, i) for i in range(COPY_ROWS))
        conn.cursor().copy_from(io.StringIO(data), "bulk")
        conn.commit()
        acks.add("copies", key)
        progress["copy"] += 1

    client_loop(port, stop, step)


def one_row(cur, sql):
    cur.execute(sql)
    return cur.fetchone()


def verify(port, acks, where):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    conn.autocommit = True
    cur = conn.cursor()
    total, count = one_row(cur, "SELECT sum(balance), count(*) FROM accounts")
    assert (total, count) == (ACCOUNTS * INITIAL, ACCOUNTS), \
        "%s: balance total %s over %s accounts" % (where, total, count)
    # Each balance is what the transfers present moved: no transfer row
    # without its two updates, no update without its transfer row.
    cur.execute("SELECT id, balance FROM accounts ORDER BY id")
    balances = dict(cur.fetchall())
    cur.execute("SELECT id, src, dst, amount FROM transfers")
    transfers = cur.fetchall()
    expected = {a: INITIAL for a in range(ACCOUNTS)}
    for _, src, dst, amount in transfers:
        expected[src] -= amount
        expected[dst] += amount
    assert balances == expected, "%s: balances do not match the transfers present" % where
    present = {t[0] for t in transfers}
    lost = acks.transfers - present
    assert not lost, "%s: %d acknowledged transfers lost, e.g. %s" % (where, len(lost),
                                                                    sorted(lost)[:5])
    cur.execute("SELECT batch, count(*), count(DISTINCT n) FROM items GROUP BY batch")
    batches = {}
    for batch, n, distinct in cur.fetchall():
        assert n == distinct == BATCH_ROWS, "%s: insert batch %s has %d rows" % (where, batch, n)
        batches[batch] = n
    lost = acks.batches - set(batches)
    assert not lost, "%s: %d acknowledged insert batches lost" % (where, len(lost))
    cur.execute("SELECT k, count(*) FROM bulk GROUP BY k")
    copies = {}
    for k, n in cur.fetchall():
        assert n == COPY_ROWS, "%s: COPY batch %s has %d of %d rows" % (where, k, n, COPY_ROWS)
        copies[k] = n
    lost = acks.copies - set(copies)
    assert not lost, "%s: %d acknowledged COPYs lost" % (where, len(lost))
    conn.close()
    return len(present), len(batches), len(copies)


def run_loop(binary):
    data = tempfile.mkdtemp(prefix="omendb_wire_crash_")
    port = free_port()
    rounds = 40 if SOAK else 12
    acks = Acks()
    rng = random.Random(20241125)
    srv = None
    try:
        srv = Server(binary, data=data, port=port)
        setup = psycopg2.connect(srv.dsn)
        setup.autocommit = True
        cur = setup.cursor()
        cur.execute("CREATE TABLE accounts(id int PRIMARY KEY, balance bigint NOT NULL)")
        cur.execute("INSERT INTO accounts SELECT g, %s FROM generate_series(0, %s) g",
                    (INITIAL, ACCOUNTS - 1))
        cur.execute("CREATE TABLE transfers(id bigint PRIMARY KEY, src int, dst int, amount int)")
        cur.execute("CREATE TABLE items(batch bigint, n int, payload text, PRIMARY KEY (batch, n))")
        cur.execute("CREATE TABLE bulk(k bigint, i int)")
        setup.close()
        start = time.time()
        for round_no in range(1, rounds + 1):
            stop = threading.Event()
            progress = {i: 0 for i in range(TRANSFER_THREADS)}
            progress["copy"] = 0
            threads = [threading.Thread(target=transfer_client,
                                        args=(port, stop, acks, round_no, i, progress))
                       for i in range(TRANSFER_THREADS)]
            threads.append(threading.Thread(target=copy_client,
                                            args=(port, stop, acks, round_no, progress)))
            for t in threads:
                t.start()
            # Kill at a random moment: sometimes right after the restart
            # (clients still connecting), mostly in the middle of the load.
            pause = rng.uniform(0.02, 0.3) if round_no % 4 == 0 else \
                rng.uniform(0.3, 2.5 if SOAK else 1.2)
            time.sleep(pause)
            srv.kill()
            stop.set()
            for t in threads:
                t.join(30)
                assert not t.is_alive(), "a client thread hung after the kill"
            srv = Server(binary, data=data, port=port)
            counts = verify(port, acks, "after kill %d" % round_no)
            print("round %2d: killed after %.2fs, %s commits acknowledged this round; "
                  "present: %d transfers, %d insert batches, %d COPYs" %
                  (round_no, pause, sum(progress.values()), *counts), flush=True)
        total = len(acks.transfers) + len(acks.batches) + len(acks.copies)
        assert len(acks.transfers) > 0 and len(acks.batches) > 0 and len(acks.copies) > 0, \
            "no progress: %d transfers, %d batches, %d copies acknowledged" % (
                len(acks.transfers), len(acks.batches), len(acks.copies))
        verify(port, acks, "final")
        srv.stop()  # SIGTERM: exits 0
        print("crash loop over the wire: %d SIGKILLs, %d acknowledged commits all present, "
              "%.1fs" % (rounds, total, time.time() - start))
    finally:
        if srv is not None and srv.proc.poll() is None:
            print("--- server log ---\n" + srv.kill()[-6000:])
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    try:
        run_loop(binary_from_args())
    except Exception:
        import traceback
        traceback.print_exc()
        sys.exit(1)
