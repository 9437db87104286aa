#!/bin/sh
# Build a folder of wheels that installs Briefing on a machine without internet.
#
# On a connected machine (same OS, CPU and Python version as the target):
#   scripts/wheelhouse.sh [OUT]                       # default OUT: ./wheelhouse
# For another target platform (binary wheels only):
#   scripts/wheelhouse.sh OUT --platform win_amd64 --python-version 3.11
#   scripts/wheelhouse.sh OUT --platform macosx_11_0_arm64 --python-version 3.12
# Without a network, from this checkout's tested .venv (exactly the versions the tests ran with):
#   scripts/wheelhouse.sh --from-venv [OUT]
#
# Then copy OUT to the air-gapped machine and run:
#   python3 -m venv briefing-env
#   briefing-env/bin/pip install --no-index --find-links OUT briefing          (Windows: briefing-env\Scripts\pip)
#   briefing-env/bin/briefing --version
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3

FROM_VENV=0
if [ "${1:-}" = "--from-venv" ]; then FROM_VENV=1; shift; fi
OUT="${1:-wheelhouse}"
[ $# -gt 0 ] && shift
PLATFORM=""; PYVER=""
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) PLATFORM="$2"; shift 2 ;;
    --python-version) PYVER="$2"; shift 2 ;;
    *) echo "wheelhouse: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"

if [ "$FROM_VENV" = 1 ]; then
  # the project's own wheel (pure Python), built without touching an index
  "$PY" -m pip wheel --quiet --no-deps --no-build-isolation --no-index --wheel-dir "$OUT" .
  "$PY" scripts/wheelhouse_repack.py "$OUT"
elif [ -n "$PLATFORM" ]; then
  "$PY" -m pip wheel --quiet --no-deps --wheel-dir "$OUT" .
  DEPS=$("$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["dependencies"]))')
  echo "$DEPS" > "$OUT/.requirements.txt"
  "$PY" -m pip download --quiet --only-binary=:all: --platform "$PLATFORM" \
      ${PYVER:+--python-version "$PYVER"} --implementation cp --dest "$OUT" -r "$OUT/.requirements.txt"
  rm -f "$OUT/.requirements.txt"
else
  # builds the project and downloads (or builds) a wheel for every dependency
  "$PY" -m pip wheel --quiet --wheel-dir "$OUT" .
fi

cat > "$OUT/INSTALL.txt" <<'EOF'
Install Briefing without internet access:

  python3 -m venv briefing-env
  briefing-env/bin/pip install --no-index --find-links THIS_FOLDER briefing
  briefing-env/bin/briefing --version

On Windows use briefing-env\Scripts\pip and briefing-env\Scripts\briefing.
The wheels fit the operating system, CPU and Python version they were built for.
EOF
echo "wheelhouse: $(ls "$OUT"/*.whl | wc -l) wheels in $OUT (install: see $OUT/INSTALL.txt)"
