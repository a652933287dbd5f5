#!/usr/bin/env bash
# The cluster commands in a real VS Code (code-server) against the real kube-apiserver. Needs the e2e tools
# (tools/vscode-host/install.sh: code-server, Node 24, Chromium). Part of `npm test`: the last step of test/e2e/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(bash test/cluster/build-apiserver.sh | tail -1)
STATE=$(mktemp -d "${TMPDIR:-/tmp}/eks-manifests-cluster.XXXXXX")/run
cleanup() { bash test/cluster/down.sh "$STATE"; rmdir "$(dirname "$STATE")" 2>/dev/null || true; }
trap cleanup EXIT
bash test/cluster/up.sh "$STATE" "$BIN"
node esbuild.mjs >/dev/null
EKS_TEST_KUBECONFIG="$STATE/kubeconfig" node --import tsx test/cluster/vscode/run.ts
