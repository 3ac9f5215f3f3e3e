#!/bin/sh
# Installs the Debian 12 packages the build and the tests need, when missing.
# Runs apt-get as root (directly, or through sudo when available).
set -e
PKGS="build-essential cmake ninja-build pkg-config libabsl-dev libgtest-dev libgmock-dev googletest libpg-query-dev libprotobuf-c-dev libfmt-dev libreadline-dev libsqlite3-dev librocksdb-dev libssl-dev openssl postgresql-15 postgresql-client-15 python3-psycopg2 python3-psycopg"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing"
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing packages:$missing (run as root to install them)" >&2; exit 1
  fi
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
