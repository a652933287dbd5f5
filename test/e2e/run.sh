#!/usr/bin/env bash
# The real-VS-Code stage (`npm run test:e2e`, and part of `npm test`):
#   1. install Chromium, Node 24 and code-server once (tools/vscode-host/install.sh, cached under $EKS_VSCODE_HOST),
#   2. package the extension (.vsix) and check what is inside it,
#   3. run the mocha suite inside VS Code's extension host (code-server) on the unpacked .vsix,
#   4. drive the workbench with Playwright against the installed .vsix; screenshots in test-output/e2e/,
#   5. `npm start` itself (test/e2e/start.test.ts): its workspace, first file, and stopping on SIGINT,
#   6. the cluster commands inside VS Code's extension host against a real kube-apiserver
#      (test/cluster/run-vscode.sh); skipped with E2E_CLUSTER=0 like the cluster steps of step 4.
# E2E_SKIP_INSTALL=1 skips step 1 (tools already present); E2E_UPDATE_SCREENSHOTS=1 copies the screenshots
# used by the README to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
t0=$(date +%s)
step() { echo "==> [e2e +$(( $(date +%s) - t0 ))s] $*"; }
[ "${E2E_SKIP_INSTALL:-}" = 1 ] || bash tools/vscode-host/install.sh
mkdir -p test-output/e2e
step "package the extension"
bash scripts/package.sh test-output/e2e/eks-manifests.vsix
step "what is inside the .vsix"
node --import tsx --test --test-reporter=spec test/e2e/vsix.test.ts
step "extension-host tests (mocha inside VS Code / code-server)"
node --import tsx test/e2e/runExtensionTests.ts test-output/e2e/eks-manifests.vsix
step "UI tests (Playwright + Chromium against the installed .vsix)"
node --import tsx --test --test-reporter=spec test/e2e/ui.test.ts
step "npm start: scratch workspace, first file, SIGINT to npm stops everything"
node --import tsx --test --test-reporter=spec test/e2e/start.test.ts
if [ "${E2E_CLUSTER:-}" != 0 ]; then
  step "cluster commands in the extension host against a real kube-apiserver"
  bash test/cluster/run-vscode.sh
fi
step "real-VS-Code stage passed in $(( $(date +%s) - t0 ))s (screenshots: test-output/e2e/)"
