"""Runs every tests/wire/psql/NAME.sql through psql against omendb serve and
compares with NAME.out (written from PostgreSQL 15 by psql_expected.py)."""

import difflib
import glob
import os

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


if __name__ == "__main__":
    main(globals())
