#!/usr/bin/env bash
# Installs what the app needs on a fresh machine: system packages (when we may),
# Python 3.12 in .venv, the pinned Python packages and, for the browser tests,
# axe-core from the npm registry. Nothing downloads a browser, a font or a model.
#
#   scripts/setup.sh               what `make run` needs: the runtime packages
#   scripts/setup.sh --dev         and what the tests need (make test, CI)
#   scripts/setup.sh --produktion  what `make serve` needs, and nothing more: it never
#                                  installs system packages (the server's own provisioning
#                                  does that; a start should not change the machine) and,
#                                  once .venv is installed and current, touches no network
set -euo pipefail
cd "$(dirname "$0")/.."

lage=${1:-}
case "$lage" in
  ""|--dev|--produktion) ;;
  *) echo "Okänt val: $lage (använd --dev eller --produktion)." >&2; exit 2 ;;
esac
say() { printf '==> %s\n' "$*"; }

# System packages: Pango for WeasyPrint and libharfbuzz-subset0 (without it every PDF
# renders ~3.6x slower) at runtime; for the tests, poppler-utils to read PDFs back and
# Debian's Chromium for the browser tests. Installed only when missing, only as root.
pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
[ "$lage" = "--dev" ] && pkgs+=(poppler-utils chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$lage" != "--produktion" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    say "Installerar systempaket: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Systempaket saknas: ${missing[*]}" >&2
    echo "Installera dem, t.ex.: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Python 3.12: the repo's .python-version makes pyenv's python3 resolve to it.
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  echo "Python 3.12 eller senare krävs, men '$PY' är $("$PY" --version 2>&1 || echo 'saknas')." >&2
  echo "Installera Python 3.12 (t.ex. 'pyenv install 3.12') eller ange PYTHON=/sökväg/till/python3.12." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  say "Skapar .venv med $("$PY" --version)"
  rm -rf .venv
  "$PY" -m venv .venv
fi
req=requirements.txt
[ "$lage" = "--dev" ] && req=requirements-dev.txt
# A stamp newer than the requirements it was installed from says .venv is current.
# requirements-dev.txt includes requirements.txt, so its stamp covers both.
aktuell() {
  local stamp=.venv/.installed-$1
  [ -f "$stamp" ] && [ ! requirements.txt -nt "$stamp" ] && [ ! "$1" -nt "$stamp" ]
}
if ! aktuell "$req" && ! { [ "$req" = requirements.txt ] && aktuell requirements-dev.txt; }; then
  say "Installerar Python-paket ($req)"
  .venv/bin/pip install -q --disable-pip-version-check -r "$req"
  touch ".venv/.installed-$req"
fi

if [ "$lage" = "--dev" ]; then
  if [ ! -f node_modules/axe-core/axe.min.js ]; then
    command -v npm >/dev/null || { echo "npm saknas: installera Node.js och npm (apt-get install npm)." >&2; exit 1; }
    say "Installerar axe-core från npm-registret"
    npm ci --silent --no-audit --no-fund
  fi
fi
