#!/usr/bin/env bash
# Install the npm dependencies when they are missing or older than package-lock.json (fresh clone: npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
