"""node-postgres (npm `pg` and `pg-copy-streams`, pinned in
tests/wire/node/package-lock.json) against omendb serve.

Installs the packages with `npm ci` into --work DIR/node (CTest passes the
build directory; the source tree stays clean) unless that directory already
holds exactly this package-lock.json, then runs tests/wire/node/pg_test.js
through a Sniffer. No node, no npm or no registry (with an empty npm cache)
fails the test: scripts/setup.sh installs node, npm and the packages.
"""

import filecmp
import os
import shutil
import subprocess
import sys

from wire_harness import main
from wire_sniffer import Sniffer

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "node")


def work_dir():
    args = sys.argv[1:]
    if "--work" in args:
        return os.path.join(args[args.index("--work") + 1], "node")
    return "/tmp/omendb_node_%d" % os.getpid()


def install():
    """npm ci into work_dir() when its lock file differs from the source's."""
    work = work_dir()
    lock = os.path.join(work, "package-lock.json")
    installed = os.path.join(work, "node_modules", ".package-lock.json")
    if (os.path.exists(lock) and os.path.exists(installed)
            and filecmp.cmp(lock, os.path.join(SOURCE, "package-lock.json"), shallow=False)):
        return work
    os.makedirs(work, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(SOURCE, name), os.path.join(work, name))
    proc = subprocess.run(["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    out = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0, "npm ci failed (exit %d):\n%s" % (proc.returncode, out)
    return work


def test_node_postgres(srv):
    work = install()
    env = dict(os.environ, TZ="UTC", NODE_PATH=os.path.join(work, "node_modules"))
    with Sniffer(srv.port) as sniffer:
        proc = subprocess.run(["node", os.path.join(SOURCE, "pg_test.js"), str(sniffer.port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=300)
    out = proc.stdout.decode("utf-8", "replace")
    sys.stdout.write(out)
    print("     protocol use: %s" % sniffer.counts)
    assert proc.returncode == 0 and "PASS node-postgres" in out, \
        "pg_test.js exited %d" % proc.returncode
    n = sniffer.counts
    assert n["named_parse"] > 0 and n["bind_binary"] > 0 and n["query"] > 0, n


if __name__ == "__main__":
    main(globals())
