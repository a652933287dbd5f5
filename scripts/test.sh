#!/usr/bin/env bash
# The test suite. `npm test`: every stage (what CI runs). `npm run test:fast` (--fast): the inner loop —
# build, typecheck, lint, docs check, unit, LSP and CLI tests, in under two minutes.
# Installs what it needs, builds the bundles, then runs the stages in order; each prints a header and the
# first failing stage stops the run with its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
[ "${1:-}" = --fast ] && fast=1
bash scripts/ensure-deps.sh
t0=$(date +%s)

echo "==> build"
node esbuild.mjs
# The three static checks are independent and each mostly one core: run side by side, report each one's output
# only when it fails.
echo "==> typecheck, lint (eslint: boundaries and rules) and formatting (prettier), side by side"
logs=$(mktemp -d)
npx tsc -p . --noEmit > "$logs/typecheck" 2>&1 & typecheck=$!
npx eslint . > "$logs/eslint" 2>&1 & eslint=$!
npx prettier --list-different . > "$logs/prettier" 2>&1 & prettier=$!
ok=1
wait $typecheck || { echo "--- typecheck failed:"; cat "$logs/typecheck"; ok=0; }
wait $eslint || { echo "--- eslint failed:"; cat "$logs/eslint"; ok=0; }
wait $prettier || { echo "--- formatting differs in these files (npm run format fixes them):"; cat "$logs/prettier"; ok=0; }
rm -rf "$logs"
[ $ok = 1 ] || exit 1
echo "==> docs/diagnostics.md is current"
npx tsx scripts/gen-docs.ts --check

run_tests() { # stage name, then test files
  local name=$1; shift
  echo "==> $name"
  node --import tsx --test --test-reporter=spec "$@"
}
# One test process per core: Node's default leaves a core idle.
cores=$(node -p 'require("os").availableParallelism()')
# The unit tests run in one process per core, each importing its share of the files (round-robin over the
# sorted list): a process per file spent most of the stage starting tsx and loading the service again (60 s
# against 19 s). What files share in a process is module-level caches of pure results; each test builds its
# own service.
shards=$(mktemp -d)
trap 'rm -rf "$shards"' EXIT
i=0
for f in $(find test/unit -name "*.test.ts" | sort); do
  echo "await import('$PWD/$f');" >> "$shards/unit-$(( i % cores )).test.mjs"
  i=$(( i + 1 ))
done
run_tests "unit tests (language service; $i files in $cores processes)" --test-concurrency="$cores" "$shards"/*.test.mjs
# Each LSP and CLI test file starts its own server or CLI processes over stdio, in its own temporary folders.
run_tests "LSP tests (bundled server over stdio)" --test-concurrency="$cores" test/lsp/*.test.ts
run_tests "CLI tests" --test-concurrency="$cores" test/cli/*.test.ts
if [ $fast = 1 ]; then echo "==> fast lane passed in $(( $(date +%s) - t0 ))s (npm test runs every stage)"; exit 0; fi

run_tests "corpus (real upstream manifests)" test/corpus/*.test.ts
run_tests "robustness (hostile input against the bundled server)" test/robustness/*.test.ts
# cluster tests: a real kube-apiserver 1.20 + etcd on loopback, built once from Debian's source package
# (cached under ~/.cache/eks-manifests/k8s), started for this stage and stopped on exit (trap in run.sh).
echo "==> cluster tests (real kube-apiserver)"
bash test/cluster/run.sh
# real VS Code (code-server + Chromium): the .vsix contents, extension-host tests, Playwright UI tests (incl.
# the cluster commands from the palette against a local kube-apiserver), then test/cluster/run-vscode.sh.
# Installs Chromium (apt), Node 24 and code-server (npm) once, cached under ~/.cache/eks-manifests/vscode-host.
echo "==> real VS Code (code-server): packaging, extension host, UI"
bash test/e2e/run.sh
echo "==> all tests passed in $(( $(date +%s) - t0 ))s"
