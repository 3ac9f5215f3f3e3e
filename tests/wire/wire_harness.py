"""Starts and stops `omendb serve --data :memory:` on a free loopback port for a test.

Usage from a test file:
    from wire_harness import Server, main
    def test_x(srv): ...          # srv.port, srv.dsn, srv.connect_args
    main(globals())               # runs every test_* function, each on one server
The omendb binary comes from --omendb PATH (CTest passes it) or $OMENDB.
Server(binary, data=DIR, port=P) serves a data directory instead (test_crash.py
restarts it on the same port after Server.kill(), a SIGKILL).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import traceback


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, extra_args=(), data=":memory:", port=None):
        self.binary = binary
        self.port = port or free_port()
        self.log_path = "/tmp/omendb_wire_%d_%d.log" % (os.getpid(), self.port)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [binary, "serve", "--data", data, "--port", str(self.port),
             "--listen", "127.0.0.1", *extra_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited early:\n" + self.log_text())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("server did not start:\n" + self.log_text())
        self.dsn = "host=127.0.0.1 port=%d user=postgres dbname=postgres" % self.port

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def kill(self):
        """SIGKILL, as a crash would. Returns the server log (and removes its file)."""
        self.proc.kill()
        self.proc.wait()
        text = self.log_text()
        self.log.close()
        os.unlink(self.log_path)
        return text

    def stop(self):
        """SIGTERM; the server must exit 0 within 10 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise AssertionError("server did not shut down within 10 s on SIGTERM")
            assert rc == 0, "server exit status %d\n%s" % (rc, self.log_text())
        self.log.close()
        os.unlink(self.log_path)


def binary_from_args():
    args = sys.argv[1:]
    if "--omendb" in args:
        return args[args.index("--omendb") + 1]
    return os.environ.get("OMENDB", "build/release/omendb")


def main(namespace, server_args=()):
    binary = binary_from_args()
    tests = sorted((n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f))
    only = [a for a in sys.argv[1:] if a.startswith("test_")]
    failed = 0
    srv = Server(binary, server_args)
    try:
        for name, fn in tests:
            if only and name not in only:
                continue
            start = time.time()
            try:
                fn(srv)
                print("ok   %s (%.2fs)" % (name, time.time() - start), flush=True)
            except Exception:
                failed += 1
                print("FAIL %s" % name, flush=True)
                traceback.print_exc()
            if srv.proc.poll() is not None:
                print("server died:\n" + srv.log_text())
                failed += 1
                break
    finally:
        log = srv.log_text()
        srv.stop()
    if failed:
        print("--- server log ---\n" + log[-6000:])
        sys.exit(1)
