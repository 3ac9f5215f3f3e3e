"""psycopg 3 (extended protocol, server-side parameters, binary results,
named prepared statements after prepare_threshold, pipelines, COPY)."""

import datetime
import decimal

import psycopg
import psycopg.errors

from wire_harness import main

DDL = """CREATE TABLE t3 (
  id bigint PRIMARY KEY, b boolean, i2 smallint, i4 integer, f4 real, f8 double precision,
  n numeric(12,3), t text, vc varchar(10), c char(3), d date, ts timestamp, tstz timestamptz)"""

ROW = (7, False, 12, -5, 2.5, -1e300, decimal.Decimal("-98765.432"), "naïve ✓", "vc", "abc",
       datetime.date(2024, 2, 29), datetime.datetime(1999, 1, 2, 3, 4, 5, 6),
       datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc))


def connect(srv, **kw):
    return psycopg.connect(srv.dsn, **kw)


def test_types_text_and_binary(srv):
    with connect(srv, autocommit=True) as conn:
        conn.execute(DDL)
        conn.execute("INSERT INTO t3 VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", ROW)
        conn.execute("INSERT INTO t3 (id) VALUES (%s)", (8,))
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            cur.execute("SELECT * FROM t3 WHERE id = %s", (7,))
            got = cur.fetchone()
            assert got == ROW, (binary, got)
            cur.execute("SELECT * FROM t3 WHERE id = %s", (8,))
            assert cur.fetchone() == (8,) + (None,) * (len(ROW) - 1)
        # Binary parameters of every type, compared by the server.
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM t3 WHERE id = %b AND b = %b AND i2 = %b AND i4 = %b AND "
                    "f4 = %b AND f8 = %b AND n = %b AND t = %b AND vc = %b AND c = %b AND d = %b AND "
                    "ts = %b AND tstz = %b", ROW)
        assert cur.fetchone() == (1,)


def test_prepared_statement_past_threshold(srv):
    with connect(srv, autocommit=True) as conn:
        conn.prepare_threshold = 2
        conn.execute("CREATE TABLE p3(id int PRIMARY KEY, v numeric)")
        for i in range(10):
            conn.execute("INSERT INTO p3 VALUES (%s, %s)", (i, decimal.Decimal(i) / 4))
        cur = conn.cursor(binary=True)
        for i in range(10):
            cur.execute("SELECT id, v FROM p3 WHERE id = %s", (i,))
            assert cur.fetchone() == (i, decimal.Decimal(i) / 4)
        # psycopg records the statements it prepared (named, server side).
        assert len(conn._prepared._names) >= 2, conn._prepared._names
        cur.execute("SELECT id, v FROM p3 WHERE id = %s", (3,), prepare=True)
        assert cur.fetchone() == (3, decimal.Decimal("0.75"))
        # Statements whose columns come from no table: described before they run.
        for _ in range(3):
            cur.execute("SHOW search_path", prepare=True)
            assert cur.fetchone() == ('"$user", public',)
            assert [d.name for d in cur.description] == ["search_path"]
            cur.execute("EXPLAIN SELECT 1", prepare=True)
            assert cur.fetchone()[0].startswith("Result"), cur.description


def test_transactions_errors_recovery(srv):
    with connect(srv) as conn:
        conn.execute("CREATE TABLE e3(a int)")
        conn.commit()
        with conn.transaction():
            conn.execute("INSERT INTO e3 VALUES (%s)", (1,))
        try:
            with conn.transaction():
                conn.execute("INSERT INTO e3 VALUES (%s)", (2,))
                conn.execute("SELECT %s::int / 0", (1,))
        except psycopg.errors.DivisionByZero as e:
            assert e.diag.sqlstate == "22012"
        try:
            conn.execute("SELECT * FROM no_table")
        except psycopg.errors.UndefinedTable as e:
            assert e.diag.message_primary == 'relation "no_table" does not exist'
            assert e.diag.statement_position == "15"
        conn.rollback()
        assert conn.execute("SELECT a FROM e3").fetchall() == [(1,)]


def test_pipeline(srv):
    with connect(srv, autocommit=True) as conn:
        conn.execute("CREATE TABLE pl(a int)")
        with conn.pipeline():
            cur = conn.cursor()
            for i in range(20):
                cur.execute("INSERT INTO pl VALUES (%s)", (i,))
            sel = conn.cursor()
            sel.execute("SELECT sum(a) FROM pl")
        assert sel.fetchone() == (190,)


def test_copy(srv):
    with connect(srv, autocommit=True) as conn:
        conn.execute("CREATE TABLE c3(a int, b text)")
        with conn.cursor() as cur:
            with cur.copy("COPY c3 (a, b) FROM STDIN") as copy:
                for i in range(1000):
                    copy.write_row((i, "row %d" % i if i % 10 else None))
            assert cur.rowcount == 1000
            with cur.copy("COPY (SELECT a, b FROM c3 WHERE a < 3 ORDER BY a) TO STDOUT") as copy:
                rows = list(copy.rows())
            assert rows == [("0", None), ("1", "row 1"), ("2", "row 2")], rows
        try:
            with conn.cursor() as cur:
                with cur.copy("COPY c3 FROM STDIN") as copy:
                    copy.write_row((1, "x"))
                    raise RuntimeError("abort")
        except psycopg.errors.QueryCanceled as e:
            # psycopg sends CopyFail with the Python error; the server reports it as PostgreSQL does.
            assert "COPY from stdin failed: error from Python: RuntimeError - abort" in str(e), e
        assert conn.execute("SELECT count(*) FROM c3").fetchone() == (1000,)


def test_interval_array_and_catalog_types(srv):
    # Type OIDs and values as PostgreSQL 15 returns them, in text and binary.
    with connect(srv, autocommit=True) as conn:
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            cur.execute("""SELECT '1 day 02:00'::interval, ARRAY[1,2,NULL]::int4[], 'x'::"char",
                                  'pg_class'::name, 1259::oid, '{a,"b c"}'::text[],
                                  ARRAY['2020-01-01'::date], ARRAY[1.5]::numeric[]""")
            assert cur.fetchone() == (datetime.timedelta(days=1, seconds=7200), [1, 2, None], "x",
                                      "pg_class", 1259, ["a", "b c"], [datetime.date(2020, 1, 1)],
                                      [decimal.Decimal("1.5")]), binary
            assert [d.type_code for d in cur.description] == [1186, 1007, 18, 19, 26, 1009, 1182, 1231]
            cur.execute("SELECT %s::int4[], %s::interval, %s::text[]",
                        ([1, None, 3], datetime.timedelta(days=1, seconds=5), ["x", "y z"]))
            assert cur.fetchone() == ([1, None, 3], datetime.timedelta(days=1, seconds=5), ["x", "y z"])


if __name__ == "__main__":
    main(globals())
