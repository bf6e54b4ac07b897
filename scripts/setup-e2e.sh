#!/usr/bin/env bash
# Prepares the end-to-end suite (test/e2e): Debian's Chromium and code-server (VS Code's
# workbench in a browser, with a real extension host). Idempotent: the install is cached
# per version in ~/.cache/gantry and reused. Needs only the npm registry and Debian apt.
# Recipe and pitfalls: test/e2e/README.md.
set -euo pipefail

CODE_SERVER_VERSION="${GANTRY_CODE_SERVER_VERSION:-4.100.3}"   # last line whose engines field is node 20
CACHE="${GANTRY_CACHE:-$HOME/.cache/gantry}"
DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

# code-server writes config into XDG folders even for --version; keep them out of $HOME.
XDG_TMP="$(mktemp -d)"
trap 'rm -rf "$XDG_TMP"' EXIT
export XDG_CONFIG_HOME="$XDG_TMP/config" XDG_DATA_HOME="$XDG_TMP/data" XDG_CACHE_HOME="$XDG_TMP/cache"
export npm_config_nodedir=/usr npm_config_yes=true npm_config_fund=false npm_config_audit=false

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-e2e: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if [ -f "$DIR/.complete" ] && [ -f "$ENTRY" ]; then
  echo "setup-e2e: code-server $CODE_SERVER_VERSION already installed"
else
  echo "setup-e2e: installing code-server $CODE_SERVER_VERSION into $DIR (about 3 minutes)"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  cd "$DIR"
  echo '{"name":"gantry-code-server","private":true}' > package.json
  npm install --no-save "code-server@$CODE_SERVER_VERSION" --ignore-scripts --loglevel=error
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --loglevel=error
  # @vscode/ripgrep's postinstall would download rg; use Debian's.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --loglevel=error
  ln -sfn node_modules node_modules.asar
  (cd extensions && npm install --omit=dev --loglevel=error)
  cd "$DIR"   # argon2 is hoisted next to code-server
  npm rebuild argon2 --build-from-source --loglevel=error
  node "$ENTRY" --version >/dev/null
  touch "$DIR/.complete"
fi

echo "setup-e2e: chromium    $(command -v chromium)"
echo "setup-e2e: code-server $ENTRY"
echo "setup-e2e: version     $(node "$ENTRY" --version 2>/dev/null | grep -m1 "with Code")"
