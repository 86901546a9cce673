# Sourced by scripts/start and scripts/test: finds Python >= 3.12, installs uv and the locked dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  local candidate
  if [ -n "${UV_PYTHON:-}" ] && [ -x "${UV_PYTHON}" ]; then echo "$UV_PYTHON"; return; fi
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return
    fi
  done
  # pyenv installs interpreters without putting them on PATH.
  for candidate in "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.1[3-9]*/bin/python "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.12*/bin/python /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    if [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  echo "Cần Python 3.12 trở lên (Python >= 3.12 is required)" >&2
  return 1
}

install_system_packages() {
  # WeasyPrint needs Pango (fonts are shipped in static/fonts); the tests also use gettext and poppler.
  local wanted=()
  ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || wanted+=(libpango-1.0-0 libpangoft2-1.0-0)
  if [ "${1:-}" = "--for-tests" ]; then
    command -v msgfmt >/dev/null 2>&1 || wanted+=(gettext)
    command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
    command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
  fi
  [ ${#wanted[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${wanted[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống / missing system packages: ${wanted[*]}" >&2
    return 1
  fi
}

PYTHON_BIN="$(find_python)"
export UV_PYTHON="$PYTHON_BIN" UV_PYTHON_DOWNLOADS=never
if ! command -v uv >/dev/null 2>&1; then
  if [ ! -x "$ROOT/.tools/bin/uv" ]; then
    "$PYTHON_BIN" -m venv "$ROOT/.tools"
    "$ROOT/.tools/bin/pip" install --quiet --disable-pip-version-check uv
  fi
  export PATH="$ROOT/.tools/bin:$PATH"
fi
install_system_packages "${CHITIEU_BOOTSTRAP_FOR:-}"
uv sync --frozen --quiet
