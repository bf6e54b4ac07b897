#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, only when it is missing:
# Debian's Chromium (browser and end-to-end tests) and TaskJuggler (the reference
# scheduler). code-server is set up by scripts/setup-e2e.sh, cached in ~/.cache/gantry.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v tj3 >/dev/null 2>&1 || need+=(tj3)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -f scripts/setup-e2e.sh ]; then bash scripts/setup-e2e.sh; fi
