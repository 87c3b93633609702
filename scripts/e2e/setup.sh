#!/usr/bin/env bash
# Installs everything the real-VS-Code e2e run needs into a cache folder outside the repo.
#
#   bash scripts/e2e/setup.sh            # cache: ${STRATA_E2E_CACHE:-$HOME/.cache/strata-e2e}
#
# Idempotent: each component lives in its own folder with a stamp file naming its pinned version;
# a component whose stamp matches (and whose binary is there) is skipped without touching the
# network, so a warm run takes well under a second. A component is installed into "<dir>.partial"
# and renamed only when complete, so an interrupted install never leaves a half-usable folder.
# Works non-interactively (CI=true, no stdin) as root; apt packages are installed only when missing.
#
# What it installs (why: see /work/shared/spec/real-vscode-testing.md):
#   apt:   libkrb5-dev (code-server's kerberos module builds against it), chromium (driven by playwright-core),
#          fonts-noto-color-emoji (emoji in screenshots)
#   npm:   node@24        -> Node 24 for code-server (its engines say node 24) + headers for node-gyp
#          code-server    -> VS Code 1.139.1 server with a Node extension host
#          playwright-core, @vscode/vsce  (run with the system Node 20)
# At the end it writes <cache>/paths.json, read by scripts/e2e/run-code-server.mjs and run.sh.
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_CORE_VERSION="1.65.1"
VSCE_VERSION="3.9.2"

CACHE="${STRATA_E2E_CACHE:-$HOME/.cache/strata-e2e}"
T0=$(date +%s)
log() { printf '[e2e-setup] %s\n' "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another setup holds $CACHE/.lock; waiting"
  flock 9
fi

# Under `npm run test:e2e` the outer npm (the machine's Node) exports its configuration as npm_*
# variables, and a nested `npm install` reads them as its own: code-server's postinstall then takes
# the outer npm's user agent ("node v20") for the inner one's and refuses to install. Nothing of the
# outer npm may leak into the installs below.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[A-Za-z0-9_]*\)=.*/\1/p')

# Every change to this script is proved once from an empty cache: the cache remembers the hash of
# the script that filled it, and a different script starts again from nothing (a warm cache hid a
# fresh-machine failure before).
SETUP_HASH="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
if [ "$(cat "$CACHE/.setup-hash" 2>/dev/null || true)" != "$SETUP_HASH" ]; then
  log "cache built by another version of setup.sh (or none): starting from an empty cache"
  find "$CACHE" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
fi

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
  npm_config_loglevel=warn npm_config_progress=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
  DEBIAN_FRONTEND=noninteractive

CODE_SERVER_CHECK="node_modules/code-server/lib/vscode/node_modules/.package-lock.json" # written by its postinstall
code_server_cached() {
  [ -f "$CACHE/code-server/.stamp" ] && [ "$(cat "$CACHE/code-server/.stamp")" = "code-server@$CODE_SERVER_VERSION" ] &&
    [ -e "$CACHE/code-server/$CODE_SERVER_CHECK" ]
}

# ---------------------------------------------------------------- apt packages
# libkrb5-dev only matters while code-server's native modules are built (kerberos).
# fonts-noto-color-emoji: without it Chromium draws emoji (✅ ❌ in Strata's tree) as empty boxes.
apt_wanted=(chromium fonts-noto-color-emoji)
code_server_cached || apt_wanted+=(libkrb5-dev)
apt_missing=()
for pkg in "${apt_wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    apt_missing+=("$pkg")
  fi
done
if ((${#apt_missing[@]})); then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${apt_missing[*]}"
    SUDO=(sudo -n)
  fi
  log "apt-get install ${apt_missing[*]}"
  "${SUDO[@]}" apt-get update -qq </dev/null
  "${SUDO[@]}" apt-get install -y -qq -o Dpkg::Use-Pty=0 "${apt_missing[@]}" </dev/null >/dev/null
else
  log "apt packages present (${apt_wanted[*]})"
fi
CHROMIUM="$(command -v chromium || true)"
[ -x "$CHROMIUM" ] || die "chromium not found after install"

# ---------------------------------------------------------------- npm components
# install_component NAME STAMP CHECK_FILE -- npm install args...
# Runs `npm install` in $CACHE/NAME.partial (with a private package.json) unless
# $CACHE/NAME/.stamp equals STAMP and $CACHE/NAME/CHECK_FILE exists.
install_component() {
  local name="$1" stamp="$2" check="$3"; shift 4
  local dir="$CACHE/$name"
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ] && [ -e "$dir/$check" ]; then
    log "$name: cached ($stamp)"
    return 0
  fi
  log "$name: installing $stamp (npm install $*)"
  local t=$(date +%s)
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  printf '{"name":"strata-e2e-%s","private":true}\n' "$name" >"$dir.partial/package.json"
  (cd "$dir.partial" && npm install --save-exact "$@" </dev/null) \
    || { rm -rf "$dir.partial"; die "$name: npm install failed"; }
  [ -e "$dir.partial/$check" ] || die "$name: $check missing after install"
  printf '%s' "$stamp" >"$dir.partial/.stamp"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  log "$name: installed in $(( $(date +%s) - t ))s"
}

case "$(uname -m)" in
  x86_64) NODE_ARCH=x64 ;;
  aarch64) NODE_ARCH=arm64 ;;
  *) die "unsupported arch $(uname -m)" ;;
esac
NODE24_ROOT_REL="node_modules/node/node_modules/node-linux-$NODE_ARCH"
install_component node24 "node@$NODE24_VERSION" "$NODE24_ROOT_REL/bin/node" -- "node@$NODE24_VERSION"
NODE24_ROOT="$CACHE/node24/$NODE24_ROOT_REL"
NODE24="$NODE24_ROOT/bin/node"
"$NODE24" -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' || die "node24 is not Node 24"

# code-server's native modules (kerberos, ...) are built by node-gyp against Node 24's headers,
# which the node-linux-* package ships (include/node): no header download needed.
PATH="$NODE24_ROOT/bin:$PATH" npm_config_nodedir="$NODE24_ROOT" \
  install_component code-server "code-server@$CODE_SERVER_VERSION" "$CODE_SERVER_CHECK" -- \
  "code-server@$CODE_SERVER_VERSION"

install_component tools "playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION" \
  "node_modules/@vscode/vsce/vsce" -- \
  "playwright-core@$PLAYWRIGHT_CORE_VERSION" "@vscode/vsce@$VSCE_VERSION"

[ -f "$CACHE/code-server/node_modules/code-server/out/node/entry.js" ] || die "code-server entry.js missing"
[ -f "$CACHE/tools/node_modules/playwright-core/index.js" ] || die "playwright-core missing"

cat >"$CACHE/paths.json.tmp" <<EOF
{
  "cache": "$CACHE",
  "node24": "$NODE24",
  "codeServerEntry": "$CACHE/code-server/node_modules/code-server/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$CHROMIUM",
  "playwrightCore": "$CACHE/tools/node_modules/playwright-core/index.js",
  "vsce": "$CACHE/tools/node_modules/@vscode/vsce/vsce"
}
EOF
mv "$CACHE/paths.json.tmp" "$CACHE/paths.json"
printf '%s' "$SETUP_HASH" >"$CACHE/.setup-hash"
log "ready in $(( $(date +%s) - T0 ))s: $CACHE/paths.json"
