#!/bin/sh
# Set up Briefing in ./.venv on a Debian/Ubuntu machine.
#   scripts/setup.sh          the application (Qt's system libraries + Python packages)
#   scripts/setup.sh --test   also what the test suite needs (poppler, qpdf, LibreOffice)
set -eu
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
APP_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
libglib2.0-0 fonts-dejavu-core"
TEST_DEBS="poppler-utils qpdf libreoffice-writer-nogui xvfb"
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

debs="$APP_DEBS"
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
  .venv/bin/python -m pip install -q ".[test]"
else
  .venv/bin/python -m pip install -q .
fi
