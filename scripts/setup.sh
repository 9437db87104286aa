#!/bin/sh
# Set up Briefing in ./.venv on a Debian/Ubuntu machine.
#   scripts/setup.sh          the application (Qt's system libraries + Python packages)
#   scripts/setup.sh --test   also what the test suite needs (poppler, qpdf, LibreOffice)
# The checkout is installed editable (the app and the tests run this folder's modules), and the
# claims engine is compiled with mypyc when it can be (scripts/build_native.py; else pure Python).
set -eu
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
APP_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
libglib2.0-0 fonts-dejavu-core"
TEST_DEBS="poppler-utils qpdf libreoffice-writer-nogui xvfb"
NATIVE_DEBS="gcc libc6-dev"  # to compile the claims engine (scripts/build_native.py)
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

debs="$APP_DEBS $NATIVE_DEBS"
# Python.h for $PYTHON: Debian's python3-dev provides it for the system Python (other builds bring their own)
"$PYTHON" -c 'import os, sys, sysconfig; i = sysconfig.get_paths()["include"]; sys.exit(not (os.path.isfile(os.path.join(i, "Python.h")) or not i.startswith("/usr/")))' \
  || debs="$debs python3-dev"
[ "$WANT_TEST" = 1 ] && debs="$debs $TEST_DEBS"
"$PYTHON" -m venv --help >/dev/null 2>&1 && "$PYTHON" -c "import ensurepip" 2>/dev/null || debs="$debs python3-venv"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $debs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  SUDO=""
  [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$WANT_TEST" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test,native]"
else
  .venv/bin/python -m pip install -q -e ".[native]"
fi
# best effort: prints one line and leaves the pure-Python engine when it cannot compile
.venv/bin/python scripts/build_native.py || echo "setup: scripts/build_native.py failed; the pure-Python claims engine is used" >&2
