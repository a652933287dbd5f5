#!/usr/bin/env bash
# The main job: check the bundled examples. (Launching VS Code on them arrives with the real-VS-Code work.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
node esbuild.mjs >/dev/null
echo "==> eks-manifests check examples/   (examples/shop/legacy.yaml holds deliberate mistakes)"
node dist/cli.js check examples || true
