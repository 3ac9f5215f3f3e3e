#!/usr/bin/env python3
"""Fill sqllogictest expected results from PostgreSQL 15.

Usage:
  scripts/pg_expected.py [--psql "PSQL OPTIONS"] [--check] PATH...

PATH is a tests/sql/**/*.test.in source file or a directory (searched
recursively for *.test.in). For every FILE.test.in this writes FILE.test:
the same records, with
  * each `query` record's results ("----" block) replaced by what PostgreSQL
    returns, formatted as the sqllogictest runner does (I: integer, R: %.3f,
    T: text with "(empty)" and '@' for non-printable bytes; NULL as "NULL";
    rowsort/valuesort applied; hashed as "N values hashing to MD5" above
    `hash-threshold N`);
  * each `statement error` record's header rewritten to
    `statement error SQLSTATE xxxxx` with PostgreSQL's SQLSTATE (a record
    written `statement error <pattern>` keeps its pattern).
Records under `skipif postgresql` / `onlyif <other>` are copied unchanged and
not run. A `statement ok` that fails, or a `statement error` that succeeds,
in PostgreSQL is reported on stderr (exit status 1): the source is wrong.

Without --psql the script starts a private PostgreSQL 15 (initdb --locale=C
-E UTF8 in a temporary directory, a free port, unix socket only) and stops it
at the end; as root it runs the server as the `postgres` user. Each file runs
in a fresh database, all its records in one psql session (so BEGIN,
SET and savepoints carry over as in the runner). Only the psql binary is
used (no Python drivers).
--check compares instead of writing and exits 1 if a .test is out of date.
"""

import argparse
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"
FIELD_SEP = "\x1f"
RECORD_SEP = "\x1e"
NULL_MARK = "\x02"


class Server:
    """A private PostgreSQL instance, or an existing one reached by psql options."""

    def __init__(self, psql_args=None):
        self.tmp = None
        self.as_postgres = False
        if psql_args is not None:
            self.psql_args = psql_args.split()
            return
        self.tmp = tempfile.mkdtemp(prefix="omendb_pg_expected_")
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.tmp, "postgres")
        data = os.path.join(self.tmp, "data")
        port = free_port()
        self._run_as([os.path.join(PG_BIN, "initdb"), "-D", data, "-U", "postgres",
                      "--locale=C", "-E", "UTF8", "-A", "trust"])
        self._run_as([os.path.join(PG_BIN, "pg_ctl"), "-D", data, "-w", "-l",
                      os.path.join(self.tmp, "log"), "-o",
                      f"-p {port} -k {self.tmp} -c listen_addresses=''", "start"])
        self.data = data
        self.psql_args = ["-h", self.tmp, "-p", str(port), "-U", "postgres"]

    def _run_as(self, argv):
        if self.as_postgres:
            argv = ["su", "postgres", "-s", "/bin/sh", "-c",
                    " ".join(shell_quote(a) for a in argv)]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        if self.tmp is None:
            return
        try:
            self._run_as([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", "fast", "stop"])
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def psql_argv(self, db):
        return ["psql", "-X", "-q", "-A", "-P", "footer=off", "-P", "null=" + NULL_MARK,
                "-F", FIELD_SEP, "-R", RECORD_SEP, "-v", "VERBOSITY=verbose",
                *self.psql_args, "-d", db]

    def admin(self, sql):
        """Runs one statement in database postgres; returns (ok, stderr)."""
        p = subprocess.run(self.psql_argv("postgres") + ["-v", "ON_ERROR_STOP=1", "-c", sql],
                           capture_output=True)
        return p.returncode == 0, p.stderr.decode("utf-8", "replace")


class Session:
    """One psql process: records of a file share a session, as in the runner."""

    MARK = b"@@pg_expected_end_of_record@@"

    def __init__(self, server, db):
        self.proc = subprocess.Popen(server.psql_argv(db), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        self.err_rest = b""

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()

    def _read_until_mark(self, stream, initial=b""):
        data = initial
        while self.MARK not in data:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                raise RuntimeError("psql exited: " + data.decode("utf-8", "replace"))
            data += chunk
        head, _, tail = data.partition(self.MARK)
        return head, tail

    def run(self, sql):
        """Runs sql; returns (ok, rows-or-None, sqlstate, message)."""
        text = sql.rstrip()
        if not text.endswith(";"):
            text += "\n;"
        mark = self.MARK.decode()
        self.proc.stdin.write((text + f"\n\\echo {mark}\n\\warn {mark}\n").encode("utf-8", "surrogateescape"))
        out, _ = self._read_until_mark(self.proc.stdout)
        err, self.err_rest = self._read_until_mark(self.proc.stderr, self.err_rest)
        err = err.decode("utf-8", "replace")
        m = re.search(r"ERROR:  ([0-9A-Z]{5}): (.*)", err)
        if m:
            return False, None, m.group(1), m.group(2)
        if "ERROR:" in err:
            return False, None, "", err.strip()
        out = out.decode("utf-8", "surrogateescape")
        if out.endswith("\n"):
            out = out[:-1]
        if not out:
            return True, None, "", ""
        records = out.split(RECORD_SEP)
        ncols = len(records[0].split(FIELD_SEP))
        rows = []
        for rec in records[1:]:
            fields = rec.split(FIELD_SEP)
            rows.append([None if f == NULL_MARK else f for f in fields[:ncols]])
        return True, rows, "", ""


def shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- sqllogictest formatting (must match src/tools/slt_result.cc) ----------

INT_RE = re.compile(r"^[+-]?[0-9]+$")


def to_double(text):
    special = {"Infinity": float("inf"), "-Infinity": float("-inf"), "NaN": float("nan"),
               "t": 1.0, "true": 1.0, "f": 0.0, "false": 0.0}
    if text in special:
        return special[text]
    m = re.match(r"^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)", text)
    return float(m.group(0)) if m else 0.0


def format_value(letter, text):
    if text is None:
        return "NULL"
    if letter == "I":
        if INT_RE.match(text):
            return str(int(text))
        if text in ("t", "f"):
            return "1" if text == "t" else "0"
        if re.match(r"^-?[0-9]+\.[0-9]*$", text):  # numeric: truncate the text
            whole = text.split(".")[0]
            return "0" if whole in ("-0", "-", "") else whole
        d = to_double(text)
        if d != d:
            return "0"
        return str(int(max(min(d, 9.2e18), -9.2e18)))
    if letter == "R":
        return "%.3f" % to_double(text)
    if text == "":
        return "(empty)"
    return "".join(c if " " <= c <= "~" else "@" * len(c.encode("utf-8", "surrogateescape"))
                   for c in text)


def format_result(types, rows, sort):
    formatted = [[format_value(types[i] if i < len(types) else "T", v) for i, v in enumerate(r)]
                 for r in rows]
    if sort == "rowsort":
        formatted.sort(key=lambda row: [v.encode("utf-8", "surrogateescape") for v in row])
    values = [v for row in formatted for v in row]
    if sort == "valuesort":
        values.sort(key=lambda v: v.encode("utf-8", "surrogateescape"))
    return values


def hash_values(values):
    md5 = hashlib.md5()
    for v in values:
        md5.update(v.encode("utf-8", "surrogateescape") + b"\n")
    return f"{len(values)} values hashing to {md5.hexdigest()}"


# --- file processing ---------------------------------------------------------

def split_records(lines):
    """Yields lists of lines: blank-line separated chunks (comments stay attached)."""
    chunk = []
    for line in lines:
        if line.strip() == "":
            if chunk:
                yield chunk
                chunk = []
            yield None  # a blank line, kept
        else:
            chunk.append(line)
    if chunk:
        yield chunk


def process_chunk(chunk, server, state, path, problems):
    out = []
    i = 0
    skip = False
    while i < len(chunk) and (chunk[i].startswith("#") or chunk[i].split()[0] in ("skipif", "onlyif")):
        toks = chunk[i].split()
        if toks[0] == "skipif" and toks[1:2] == ["postgresql"]:
            skip = True
        if toks[0] == "onlyif" and toks[1:2] != ["postgresql"]:
            skip = True
        out.append(chunk[i])
        i += 1
    if i >= len(chunk):
        return out
    header = chunk[i]
    line_no = state["line"] + i + 1
    toks = header.split()
    body = chunk[i + 1:]
    if toks[0] == "hash-threshold":
        state["hash"] = int(toks[1])
    if skip or toks[0] not in ("statement", "query"):
        return chunk
    sql_lines = body[:body.index("----")] if "----" in body else body
    sql = "\n".join(sql_lines)
    ok, rows, code, message = server.run(sql)
    where = f"{path}:{line_no}"
    if toks[0] == "statement" and toks[1] == "ok":
        if not ok:
            problems.append(f"{where}: statement ok failed in PostgreSQL: {code} {message}")
        return chunk
    if toks[0] == "statement":
        if ok:
            problems.append(f"{where}: statement error succeeded in PostgreSQL")
            return chunk
        if len(toks) > 2 and toks[2] != "SQLSTATE":
            return chunk  # explicit message pattern: keep it
        return out + [f"statement error SQLSTATE {code}"] + sql_lines
    # query
    if not ok:
        problems.append(f"{where}: query failed in PostgreSQL: {code} {message}")
        return chunk
    types = toks[1]
    sort = toks[2] if len(toks) > 2 else "nosort"
    rows = rows or []
    if rows and len(rows[0]) != len(types):
        problems.append(f"{where}: query has {len(rows[0])} columns but types \"{types}\"")
    values = format_result(types, rows, sort)
    if state["hash"] > 0 and len(values) > state["hash"]:
        values = [hash_values(values)]
    return out + [header] + sql_lines + ["----"] + values


def process_file(path, server, index, check):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    db = f"pg_expected_{os.getpid()}_{index}"
    server.admin(f"DROP DATABASE IF EXISTS {db}")
    ok, message = server.admin(f"CREATE DATABASE {db}")
    if not ok:
        sys.exit(f"pg_expected: cannot create database: {message}")
    session = Session(server, db)
    state = {"hash": 0, "line": 0}
    problems = []
    out = []
    for chunk in split_records(lines):
        if chunk is None:
            out.append("")
            state["line"] += 1
            continue
        out.extend(process_chunk(chunk, session, state, path, problems))
        state["line"] += len(chunk)
    session.close()
    server.admin(f"DROP DATABASE IF EXISTS {db}")
    target = path[:-len(".in")]
    text = "\n".join(out) + "\n"
    header = ("# Generated by scripts/pg_expected.py from " + os.path.basename(path) +
              " with PostgreSQL 15; edit the .test.in and regenerate.\n\n")
    text = header + text
    if check:
        try:
            with open(target, encoding="utf-8", errors="surrogateescape") as f:
                if f.read() != text:
                    problems.append(f"{target}: out of date")
        except FileNotFoundError:
            problems.append(f"{target}: missing")
    else:
        with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--psql", help="psql connection options of an existing server")
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(".test.in")]
        elif p.endswith(".test.in"):
            files.append(p)
        else:
            sys.exit(f"pg_expected: {p}: not a .test.in file or directory")
    files.sort()
    server = Server(args.psql)
    problems = []
    try:
        for i, f in enumerate(files):
            problems += process_file(f, server, i, args.check)
            print(f"{f} -> {f[:-3]}", file=sys.stderr)
    finally:
        server.stop()
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
