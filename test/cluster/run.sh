#!/usr/bin/env bash
# The cluster test stage: build (or reuse the cached) kube-apiserver, start it with etcd on loopback,
# run test/cluster/*.test.ts against it (EKS_TEST_KUBECONFIG), and always stop it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
t0=$(date +%s)
BIN=$(bash test/cluster/build-apiserver.sh | tail -1)
t1=$(date +%s)
STATE=$(mktemp -d "${TMPDIR:-/tmp}/eks-manifests-cluster.XXXXXX")/run
cleanup() { bash test/cluster/down.sh "$STATE"; rmdir "$(dirname "$STATE")" 2>/dev/null || true; }
trap cleanup EXIT
bash test/cluster/up.sh "$STATE" "$BIN"
export EKS_TEST_KUBECONFIG="$STATE/kubeconfig"
if [ $# -eq 0 ]; then set -- test/cluster/*.test.ts; fi
node --import tsx --test --test-reporter=spec "$@"
echo "cluster stage: apiserver build/reuse $((t1 - t0))s, total $(( $(date +%s) - t0 ))s"
