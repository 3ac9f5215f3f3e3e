"""A loopback proxy between a client and omendb serve that counts what the
client asks for: named Parse messages, Binds with binary result columns,
Binds with text results, simple Query messages. Lets a driver test assert
that the driver really switched to named statements and binary results.

    with Sniffer(srv.port) as sn:
        run_client(port=sn.port)
    assert sn.counts["named_parse"] > 0
"""

import socket
import struct
import threading

from wire_harness import free_port


class Sniffer:
    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.counts = {"named_parse": 0, "unnamed_parse": 0, "bind_binary": 0, "bind_text": 0,
                       "query": 0}
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", self.port))
        self._sock.listen(64)
        self._stop = False
        self._threads = []

    def __enter__(self):
        t = threading.Thread(target=self._accept, daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def __exit__(self, *exc):
        self._stop = True
        self._sock.close()

    def _accept(self):
        while not self._stop:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for src, dst, parse in ((client, upstream, True), (upstream, client, False)):
                t = threading.Thread(target=self._pump, args=(src, dst, parse), daemon=True)
                t.start()

    def _pump(self, src, dst, parse):
        buf = b""
        started = False  # the startup packet has no type byte
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
                if not parse:
                    continue
                buf += data
                while True:
                    if not started:
                        if len(buf) < 8:
                            break
                        n = struct.unpack("!I", buf[:4])[0]
                        if len(buf) < n:
                            break
                        code = struct.unpack("!I", buf[4:8])[0]
                        buf = buf[n:]
                        # SSLRequest / GSSENCRequest are followed by another startup packet.
                        started = code not in (80877103, 80877104)
                        continue
                    if len(buf) < 5:
                        break
                    n = struct.unpack("!I", buf[1:5])[0]
                    if len(buf) < 1 + n:
                        break
                    self._count(buf[0:1], buf[5:1 + n])
                    buf = buf[1 + n:]
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _count(self, kind, body):
        with self._lock:
            if kind == b"Q":
                self.counts["query"] += 1
            elif kind == b"P":
                self.counts["named_parse" if body[0:1] != b"\0" else "unnamed_parse"] += 1
            elif kind == b"B":
                i = body.index(b"\0") + 1
                i = body.index(b"\0", i) + 1
                nformats = struct.unpack("!h", body[i:i + 2])[0]
                i += 2 + 2 * nformats
                nparams = struct.unpack("!h", body[i:i + 2])[0]
                i += 2
                for _ in range(nparams):
                    length = struct.unpack("!i", body[i:i + 4])[0]
                    i += 4 + max(length, 0)
                nresult = struct.unpack("!h", body[i:i + 2])[0]
                codes = struct.unpack("!%dh" % nresult, body[i + 2:i + 2 + 2 * nresult])
                self.counts["bind_binary" if 1 in codes else "bind_text"] += 1
