#!/bin/sh
# Installs the Debian 12 packages the build and the tests need, when missing.
# Runs apt-get as root (directly, or through sudo when available).
set -e
PKGS="build-essential cmake ninja-build pkg-config libabsl-dev tzdata libgtest-dev libgmock-dev googletest libpg-query-dev libprotobuf-c-dev libfmt-dev libreadline-dev libsqlite3-dev librocksdb-dev libssl-dev openssl postgresql-15 postgresql-client-15 python3-psycopg2 python3-psycopg nodejs openjdk-17-jdk-headless libpostgresql-jdbc-java"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# Debian's npm, unless npm came with another nodejs build (NodeSource's bundles it).
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
echo "setup: installing$missing"
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing packages:$missing (run as root to install them)" >&2; exit 1
  fi
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
# node-postgres for tests/wire/test_node.py, from the npm registry as pinned
# in its package-lock.json (git-ignored node_modules; also fills npm's cache,
# from which the test installs into the build directory).
NODE_DIR="$(dirname "$0")/../tests/wire/node"
if [ ! -f "$NODE_DIR/node_modules/.package-lock.json" ] ||
   ! cmp -s "$NODE_DIR/package-lock.json" "$NODE_DIR/node_modules/.package-lock.json.src"; then
  echo "setup: npm ci in tests/wire/node"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error &&
   cp package-lock.json node_modules/.package-lock.json.src)
fi
