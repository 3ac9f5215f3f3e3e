#!/usr/bin/env python3
"""Writes tests/wire/psql/NAME.out for every NAME.sql there: the output of
`psql -X -a -f NAME.sql` (stdout and stderr merged)
against a private PostgreSQL 15 (started as scripts/pg_expected.py does).
Never edit a .out by hand; rerun this after changing a .sql.
Usage: tests/wire/psql_expected.py [--check]"""

import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from pg_expected import Server  # noqa: E402


def run_psql(psql_args, sql_file):
    argv = ["psql", "-X", "-a", *psql_args, "-d", "postgres", "-f",
            os.path.basename(sql_file)]
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       cwd=os.path.dirname(sql_file), env=dict(os.environ, PGTZ="UTC", LC_ALL="C"))
    return p.stdout.decode("utf-8", "replace")


def main():
    check = "--check" in sys.argv
    server = Server()
    bad = 0
    try:
        for sql in sorted(glob.glob(os.path.join(HERE, "psql", "*.sql"))):
            out = run_psql(server.psql_args, sql)
            path = sql[:-4] + ".out"
            if check:
                with open(path) as f:
                    if f.read() != out:
                        print("out of date: " + path)
                        bad = 1
            else:
                with open(path, "w") as f:
                    f.write(out)
    finally:
        server.stop()
    sys.exit(bad)


if __name__ == "__main__":
    main()
