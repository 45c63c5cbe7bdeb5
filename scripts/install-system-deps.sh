#!/usr/bin/env bash
# Installs what the studio and its tests need from the system, where we can:
#  - chromium          the browser the end-to-end tests drive (Playwright cannot download its own here)
#  - python3-sympy/mpmath  pure-Python packages packed for offline `import sympy` in Pyodide
#  - postgresql        the team server's tests run on a real PostgreSQL as well as on PGlite (each
#                      test file starts a private cluster from these binaries; no service needed)
# On Debian/Ubuntu as root (or with sudo) it installs them with apt; elsewhere it says what is
# missing and carries on (Playwright's own Chromium and the online package index still work).
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
[ -d /usr/lib/python3/dist-packages/sympy ] || need+=(python3-sympy)
[ -d /usr/lib/python3/dist-packages/mpmath ] || need+=(python3-mpmath)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
  echo "system deps: all present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system deps: missing ${need[*]} and no apt-get here."
  echo "  - browser tests: run 'npx playwright install chromium' or set CHROMIUM_PATH"
  echo "  - offline sympy: install sympy+mpmath for python3; otherwise Pyodide loads them from the package index when online"
  echo "  - server tests on PostgreSQL: install PostgreSQL, or set HINT_STUDIO_TEST_DATABASE_URL (they run on PGlite either way)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system deps: missing ${need[*]}; re-run as root or install them with apt-get"; exit 0
  fi
fi

echo "system deps: installing ${need[*]} with apt-get"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "system deps: done"
