"""Runs every tests/wire/psql/NAME.sql through psql against omendb serve and
compares with NAME.out (written from PostgreSQL 15 by psql_expected.py)."""

import difflib
import glob
import os
import re
import subprocess

from psql_expected import run_psql
from wire_harness import main

HERE = os.path.dirname(os.path.abspath(__file__))


def test_psql_scripts(srv):
    failures = []
    for sql in sorted(glob.glob(os.path.join(HERE, "psql", "*.sql"))):
        with open(sql[:-4] + ".out") as f:
            want = f.read()
        got = run_psql(["-h", "127.0.0.1", "-p", str(srv.port), "-U", "postgres"], sql)
        if got != want:
            failures.append("".join(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), "postgresql", "omendb")))
    assert not failures, "\n".join(failures)


def psql_commands(srv, *commands):
    argv = ["psql", "-X", "-h", "127.0.0.1", "-p", str(srv.port), "-U", "postgres", "-d", "postgres"]
    for c in commands:
        argv += ["-c", c]
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def test_list_databases_and_timing(srv):
    # Their text depends on the machine (locale, elapsed time): checked by shape.
    rc, out = psql_commands(srv, "\\l")
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0].strip() == "List of databases", out
    assert lines[1].split("|")[0].strip() == "Name", out
    rows = [l.split("|") for l in lines[3:] if "|" in l]
    names = [r[0].strip() for r in rows if r[0].strip()]
    assert names == ["postgres"], out  # the one database
    assert rows[0][1].strip() == "postgres" and rows[0][2].strip() == "UTF8", out
    rc, out = psql_commands(srv, "\\timing on", "SELECT 41 + 1 AS answer")
    assert rc == 0, out
    assert "Timing is on." in out and " 42\n" in out, out
    assert re.search(r"^Time: \d+\.\d+ ms$", out, re.M), out


if __name__ == "__main__":
    main(globals())
