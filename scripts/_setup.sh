# shellcheck shell=bash
# Shared setup for scripts/kiosk and scripts/test (sourced, not run).
# Installs what is missing, idempotently: Debian's libzbar0 (via apt-get, as root or with sudo),
# a virtual environment in .venv, and the project with the given extra ("" or "test").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRA="${1:-}"

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Credential Kiosk needs Python 3.11 or newer (apt-get install python3 python3-venv)." >&2
  return 1
}

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "note: cannot install ${missing[*]} (not root, no sudo); the zbar fallback decoder is off." >&2
      return 0
    fi
  fi
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if command -v dpkg >/dev/null 2>&1; then
  apt_install libzbar0
  # python3-venv is needed only when the interpreter is Debian's own.
  PY="$(find_python)"
  if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then apt_install python3-venv; fi
fi
PY="$(find_python)"

if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating the virtual environment in .venv" >&2
  "$PY" -m venv "$VENV"
fi

STAMP="$VENV/.installed-${EXTRA:-base}"
WANT="$(sha256sum < "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  echo "Installing Python packages into .venv" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  if [ -n "$EXTRA" ]; then SPEC=".[${EXTRA}]"; else SPEC="."; fi
  (cd "$ROOT" && "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$SPEC")
  echo "$WANT" > "$STAMP"
fi

# import-linter lives in a venv of its own: it brings click, and with click installed httpx
# imports Rich (its command line) whenever the kiosk imports httpx.
if [ "$EXTRA" = "test" ]; then
  TOOLS="$ROOT/.venv-tools"
  if [ ! -x "$TOOLS/bin/lint-imports" ]; then
    echo "Installing import-linter into .venv-tools" >&2
    "$PY" -m venv "$TOOLS"
    "$TOOLS/bin/python" -m pip install -q --disable-pip-version-check "import-linter>=2.1,<3"
  fi
fi
