"""psycopg2 (libpq, simple protocol with client-side parameters) against omendb serve."""

import datetime
import decimal
import threading
import time

import psycopg2
import psycopg2.errors
import psycopg2.extensions

from wire_harness import main

TYPES_DDL = """CREATE TABLE every_type (
  id integer PRIMARY KEY, b boolean, i2 smallint, i4 integer, i8 bigint, f4 real,
  f8 double precision, n numeric(12,3), nu numeric, t text, vc varchar(10), c char(4),
  d date, ts timestamp, tstz timestamptz)"""

ROW = (1, True, -32768, 2147483647, -9223372036854775808, 1.5, 0.1,
       decimal.Decimal("123456789.125"), decimal.Decimal("-1e-20"), "héllo 'quoted'", "short", "ab",
       datetime.date(1999, 12, 31), datetime.datetime(2024, 2, 29, 23, 59, 59, 123456),
       datetime.datetime(2001, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc))


def connect(srv, **kw):
    return psycopg2.connect(srv.dsn, **kw)


def test_connect_and_parameters(srv):
    conn = connect(srv, application_name="pg2test")
    assert conn.server_version >= 150000
    assert conn.get_parameter_status("DateStyle") == "ISO, MDY"
    assert conn.get_parameter_status("integer_datetimes") == "on"
    assert conn.get_parameter_status("application_name") == "pg2test"
    assert conn.get_backend_pid() > 0
    conn.close()


def test_every_type_round_trip(srv):
    conn = connect(srv)
    cur = conn.cursor()
    cur.execute(TYPES_DDL)
    cur.execute("INSERT INTO every_type VALUES (" + ",".join(["%s"] * len(ROW)) + ")", ROW)
    cur.execute("INSERT INTO every_type (id) VALUES (%s)", (2,))
    conn.commit()
    cur.execute("SELECT * FROM every_type ORDER BY id")
    rows = cur.fetchall()
    got = rows[0]
    assert got[:5] == ROW[:5]
    assert got[5] == 1.5 and got[6] == 0.1
    assert got[7] == ROW[7] and got[8] == ROW[8]
    assert got[9:11] == ROW[9:11] and got[11] == "ab  "
    assert got[12] == ROW[12] and got[13] == ROW[13]
    assert got[14] == ROW[14], got[14]
    assert rows[1] == (2,) + (None,) * (len(ROW) - 1)
    assert [d.type_code for d in cur.description] == [23, 16, 21, 23, 20, 700, 701, 1700, 1700, 25,
                                                      1043, 1042, 1082, 1114, 1184]
    conn.close()


def test_transactions(srv):
    conn = connect(srv)
    cur = conn.cursor()
    cur.execute("CREATE TABLE tx(a int)")
    conn.commit()
    cur.execute("INSERT INTO tx VALUES (1)")
    assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INTRANS
    conn.rollback()
    cur.execute("INSERT INTO tx VALUES (2)")
    conn.commit()
    cur.execute("SELECT a FROM tx")
    assert cur.fetchall() == [(2,)]
    conn.commit()
    conn.close()


def test_error_and_recovery(srv):
    conn = connect(srv)
    cur = conn.cursor()
    try:
        cur.execute("SELECT 1/0")
        raise AssertionError("no error")
    except psycopg2.errors.DivisionByZero as e:
        assert e.pgcode == "22012"
        assert e.diag.severity == "ERROR" and e.diag.message_primary == "division by zero"
    try:
        cur.execute("SELECT 1")
        raise AssertionError("no error")
    except psycopg2.errors.InFailedSqlTransaction:
        pass
    conn.rollback()
    try:
        cur.execute("SELECT nosuchcol FROM (SELECT 1 AS a) s")
    except psycopg2.errors.UndefinedColumn as e:
        assert e.diag.statement_position == "8", e.diag.statement_position
    conn.rollback()
    cur.execute("SELECT 2")
    assert cur.fetchone() == (2,)
    conn.close()


def test_notices_and_multi_statement(srv):
    conn = connect(srv, )
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS nothing_here")
    assert any('table "nothing_here" does not exist, skipping' in n for n in conn.notices), conn.notices
    cur.execute("SELECT 1; SELECT 2 AS two")
    assert cur.fetchall() == [(2,)] and cur.description[0].name == "two"
    conn.close()


def test_copy(srv):
    import io
    conn = connect(srv)
    cur = conn.cursor()
    cur.execute("CREATE TABLE cp2(a int, b text, c date)")
    cur.copy_from(io.StringIO("1\tone\t2020-01-01\n2\t\\N\t\\N\n"), "cp2")
    cur.copy_expert("COPY cp2 FROM STDIN WITH (FORMAT csv, HEADER true)",
                    io.StringIO('a,b,c\n3,"x,y",2021-06-30\n'))
    conn.commit()
    out = io.StringIO()
    cur.copy_expert("COPY (SELECT * FROM cp2 ORDER BY a) TO STDOUT WITH (FORMAT csv)", out)
    assert out.getvalue() == "1,one,2020-01-01\n2,,\n3,\"x,y\",2021-06-30\n", out.getvalue()
    out = io.StringIO()
    cur.copy_to(out, "cp2")
    assert out.getvalue().splitlines()[1] == "2\t\\N\t\\N"
    try:
        cur.copy_from(io.StringIO("4\tfour\tnot a date\n"), "cp2")
        raise AssertionError("no error")
    except psycopg2.errors.InvalidDatetimeFormat:
        pass
    conn.rollback()
    cur.execute("SELECT count(*) FROM cp2")
    assert cur.fetchone() == (3,)
    conn.close()


def test_cancel_long_cross_join(srv):
    conn = connect(srv)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE big AS SELECT g AS x FROM generate_series(1, 20000) g")
    result = {}

    def run():
        start = time.time()
        try:
            cur.execute("SELECT count(*) FROM big a, big b, big c WHERE a.x + b.x = c.x")
            result["error"] = None
        except psycopg2.Error as e:
            result["error"] = e
        result["seconds"] = time.time() - start

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.7)
    cancel_at = time.time()
    conn.cancel()
    t.join(10)
    assert not t.is_alive(), "statement still running 10 s after cancel"
    assert isinstance(result["error"], psycopg2.errors.QueryCanceled), result
    assert result["error"].diag.message_primary == "canceling statement due to user request"
    stopped_after = time.time() - cancel_at
    assert stopped_after < 1.0, "cancel took %.2fs" % stopped_after
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    conn.close()


def test_time_zone(srv):
    """TimeZone from the startup options, reported and changed by SET."""
    conn = connect(srv, options="-c TimeZone=Europe/Berlin")
    assert conn.get_parameter_status("TimeZone") == "Europe/Berlin"
    cur = conn.cursor()
    cur.execute("SELECT '2024-01-15 12:00+00'::timestamptz::text, '2024-07-15 12:00+00'::timestamptz::text")
    assert cur.fetchone() == ("2024-01-15 13:00:00+01", "2024-07-15 14:00:00+02")
    cur.execute("SELECT %s::timestamptz",
                (datetime.datetime(2024, 7, 15, 12, 0, tzinfo=datetime.timezone.utc),))
    got = cur.fetchone()[0]
    assert got.utcoffset() == datetime.timedelta(hours=2), got
    assert got == datetime.datetime(2024, 7, 15, 12, 0, tzinfo=datetime.timezone.utc), got
    cur.execute("SET TIME ZONE 'asia/kolkata'")
    assert conn.get_parameter_status("TimeZone") == "Asia/Kolkata"
    cur.execute("SELECT '2024-01-15 12:00+00'::timestamptz::text, "
                "'2024-01-15 12:00+00'::timestamptz AT TIME ZONE 'America/New_York'")
    assert cur.fetchone() == ("2024-01-15 17:30:00+05:30", datetime.datetime(2024, 1, 15, 7, 0))
    try:
        cur.execute("SET TimeZone = 'Foo/Bar'")
        raise AssertionError("unknown zone accepted")
    except psycopg2.Error as e:
        assert e.pgcode == "22023", e.pgcode
        assert 'invalid value for parameter "TimeZone": "Foo/Bar"' in e.pgerror, e.pgerror
    conn.rollback()  # the SET was inside the failed transaction: undone, and reported
    assert conn.get_parameter_status("TimeZone") == "Europe/Berlin"
    cur.execute("SELECT '2024-01-15 12:00+00'::timestamptz::text")
    assert cur.fetchone() == ("2024-01-15 13:00:00+01",)
    conn.close()
    # An unknown zone at startup refuses the connection with 22023.
    try:
        connect(srv, options="-c TimeZone=Foo/Bar").close()
        raise AssertionError("unknown startup zone accepted")
    except psycopg2.OperationalError as e:
        assert "Foo/Bar" in str(e), str(e)


if __name__ == "__main__":
    main(globals())
