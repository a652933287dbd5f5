#!/usr/bin/env bash
# `npm start`, the main job: a real VS Code (code-server) in your browser with the packaged extension
# installed and a scratch copy of examples/ open, plus a local Kubernetes API server as the current
# kubeconfig context. First run installs what it needs (npm deps, Chromium/Node 24/code-server,
# kube-apiserver; all cached). Options (after `npm start --`): --port N (default 8127, next free one when
# taken), --no-cluster. CLI only: `node dist/cli.js check examples` after `npm run build`.
#
# Stopping: Ctrl+C, or SIGINT/SIGTERM to npm (package.json starts this script with `exec`, so npm's `sh -c`
# is replaced by it and npm's signal reaches it). Each preparation step runs in the background and is
# killed with its descendants on a signal (bash would otherwise wait for it to finish); the last step
# replaces this shell (exec) by the server, which stops code-server and the API server itself.
set -euo pipefail
cd "$(dirname "$0")/.."
step=
kill_tree() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done; kill -TERM "$1" 2>/dev/null || true; }
stop() { trap - INT TERM HUP; [ -n "$step" ] && kill_tree "$step"; echo; echo "==> npm start: stopped"; exit 130; }
trap stop INT TERM HUP
run() { "$@" & step=$!; wait "$step"; local rc=$?; step=; return "$rc"; }
run bash scripts/ensure-deps.sh
run bash tools/vscode-host/install.sh
version=$(node -p 'require("./package.json").version')
run bash -c "bash scripts/package.sh eks-manifests-$version.vsix | head -1"
echo "==> eks-manifests check examples/   (examples/shop/legacy.yaml holds deliberate mistakes)"
run node dist/cli.js check examples || true
trap - INT TERM HUP
exec node --import tsx tools/vscode-host/serve.ts "eks-manifests-$version.vsix" "$@"
