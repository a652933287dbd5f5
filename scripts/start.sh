#!/usr/bin/env bash
# `npm start`, the main job: a real VS Code (code-server) in your browser with the packaged extension
# installed and examples/ open, plus a local Kubernetes API server as the current kubeconfig context.
# First run installs what it needs (npm deps, Chromium/Node 24/code-server, kube-apiserver; all cached).
# Options (after `npm start --`): --port N (default 8127, next free one when taken), --no-cluster.
# Ctrl+C stops everything it started. CLI only: `node dist/cli.js check examples` after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash tools/vscode-host/install.sh
version=$(node -p 'require("./package.json").version')
bash scripts/package.sh "eks-manifests-$version.vsix" | head -1
echo "==> eks-manifests check examples/   (examples/shop/legacy.yaml holds deliberate mistakes)"
node dist/cli.js check examples || true
exec node --import tsx tools/vscode-host/serve.ts "eks-manifests-$version.vsix" "$@"
