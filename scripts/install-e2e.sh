#!/usr/bin/env bash
# Installs what the end-to-end suite (test/e2e) needs on a fresh machine:
#   - Debian's chromium (/usr/bin/chromium), driven by playwright-core;
#   - code-server (VS Code in the browser, from the npm registry) in .cache/code-server.
# Idempotent: a finished install is detected by a stamp file and reused in well under a second.
#
#   bash scripts/install-e2e.sh [DIR] [VERSION]
#     DIR      defaults to <repo>/.cache/code-server (git-ignored)
#     VERSION  defaults to 4.100.3 (= VS Code 1.100, Node 20)
#   bash scripts/install-e2e.sh --browser-only      (Chromium and the font only, for webview tests)
#
# Then:  node DIR/node_modules/code-server/out/node/entry.js --auth none --bind-addr 127.0.0.1:PORT \
#          --disable-telemetry --disable-workspace-trust --user-data-dir UD --extensions-dir EXT FOLDER
#
# Why the steps below: code-server's own postinstall downloads ripgrep from the internet and
# prompts for node-gyp, both of which fail on a machine that only reaches the package
# registries; so install scripts are skipped, ripgrep comes from Debian, and the native modules
# are rebuilt locally against this Node. Root is needed only when Debian packages are missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
browser_only=false
if [ "${1:-}" = "--browser-only" ]; then browser_only=true; shift; fi
dir=${1:-$root/.cache/code-server}
version=${2:-4.100.3}
stamp="$dir/.installed-$version"

# 1. Debian packages: chromium for the browser, a CJK font so Chinese text renders in screenshots
#    (not as boxes), headers for the native modules, ripgrep for search, and pre-commit for the test
#    of the repository's .pre-commit-hooks.yaml (test/unit/pre-commit.test.ts skips without it).
need=(chromium fonts-wqy-zenhei)
$browser_only || need+=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep python3 make g++ pre-commit git)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-e2e: apt-get install ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-e2e: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q "${missing[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "install-e2e: /usr/bin/chromium missing after install" >&2; exit 1; }
$browser_only && { echo "install-e2e: chromium ready"; exit 0; }

# 2. code-server, once per version.
if [ -f "$stamp" ] && [ -f "$dir/node_modules/code-server/out/node/entry.js" ]; then
  echo "install-e2e: code-server $version already in $dir"
  exit 0
fi

start=$SECONDS
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm install --ignore-scripts "code-server@$version" >/dev/null
npm rebuild argon2 >/dev/null

cs="$dir/node_modules/code-server"
cd "$cs/lib/vscode"
npm install --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild @vscode/spdlog @parcel/watcher node-pty native-watchdog kerberos >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts >/dev/null)

touch "$stamp"
echo "install-e2e: code-server $version installed in $dir in $((SECONDS - start)) s"
