"""PostgreSQL JDBC (Debian's libpostgresql-jdbc-java, pgjdbc 42.x) against omendb serve.

Compiles tests/wire/jdbc/JdbcTest.java with javac into --work DIR (CTest
passes the build directory) and runs it once per driver mode against one
server: the default settings, prepareThreshold=1, prepareThreshold=-1 with
binaryTransfer (binary results from the first execution), binaryTransfer=false
and preferQueryMode=simple. A missing javac or driver jar fails the test.
"""

import os
import subprocess
import sys

from wire_harness import main
from wire_sniffer import Sniffer

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = "/usr/share/java/postgresql.jar"


def work_dir():
    args = sys.argv[1:]
    if "--work" in args:
        return args[args.index("--work") + 1]
    return "/tmp/omendb_jdbc_%d" % os.getpid()


CLASSES = os.path.join(work_dir(), "jdbc_classes")


def compile_once():
    if getattr(compile_once, "done", False):
        return
    assert os.path.exists(JAR), JAR + " missing: apt-get install libpostgresql-jdbc-java"
    os.makedirs(CLASSES, exist_ok=True)
    subprocess.run(["javac", "-encoding", "UTF-8", "-cp", JAR, "-d", CLASSES,
                    os.path.join(HERE, "jdbc", "JdbcTest.java")], check=True, timeout=300)
    compile_once.done = True


def run_mode(srv, mode, tz):
    """Runs JdbcTest in `mode` through a Sniffer; returns the protocol counts."""
    compile_once()
    with Sniffer(srv.port) as sniffer:
        proc = subprocess.run(
            ["java", "-Duser.timezone=" + tz, "-Dfile.encoding=UTF-8", "-cp", JAR + ":" + CLASSES,
             "JdbcTest", str(sniffer.port), mode],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    out = proc.stdout.decode("utf-8", "replace")
    sys.stdout.write(out)
    print("     protocol use: %s" % sniffer.counts)
    assert proc.returncode == 0 and ("PASS jdbc " + mode) in out, \
        "JdbcTest %s exited %d" % (mode, proc.returncode)
    return sniffer.counts


def test_a_default(srv):
    n = run_mode(srv, "default", "UTC")
    # Past prepareThreshold (5) the driver names its statements and asks for
    # binary results.
    assert n["named_parse"] > 0 and n["bind_binary"] > 0, n


def test_b_prepare_threshold_1(srv):
    n = run_mode(srv, "threshold1", "UTC")
    assert n["named_parse"] > 0 and n["bind_binary"] > 0, n


def test_c_force_binary(srv):
    n = run_mode(srv, "force_binary", "UTC")
    assert n["named_parse"] > 0 and n["bind_binary"] > 0, n


def test_d_text_results(srv):
    n = run_mode(srv, "text", "UTC")
    assert n["named_parse"] > 0 and n["bind_binary"] == 0, n


def test_e_simple_query_mode(srv):
    n = run_mode(srv, "simple", "UTC")
    assert n["named_parse"] + n["unnamed_parse"] == 0 and n["query"] > 0, n


# pgjdbc sends the JVM's zone as TimeZone at startup: the whole run must pass
# in that zone, with timestamptz shown in it (Europe/Berlin; Asia/Kolkata has
# a half-hour offset).
def test_f_client_time_zone(srv):
    run_mode(srv, "zone", "Europe/Berlin")


def test_g_client_time_zone_half_hour(srv):
    run_mode(srv, "zone", "Asia/Kolkata")


if __name__ == "__main__":
    main(globals())
