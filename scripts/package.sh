#!/usr/bin/env bash
# `npm run package`: build the bundles and package the extension as a .vsix with @vscode/vsce.
# Only what runs goes in (allow-list in .vscodeignore): dist/client.js, dist/server.js, dist/cli.js,
# docs/diagnostics.md, snippets, syntaxes, README, LICENSE, CHANGELOG, the icon. Prints size and file list.
# Usage: scripts/package.sh [OUT.vsix]   (default: eks-manifests-<version>.vsix in the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
node esbuild.mjs >/dev/null 2>&1 || node esbuild.mjs
version=$(node -p 'require("./package.json").version')
out=${1:-eks-manifests-$version.vsix}
mkdir -p "$(dirname "$out")"
# The bundles carry every dependency, so vsce must not add node_modules (--no-dependencies).
# There is no public repository URL for this project (yet): say so rather than invent one, and keep the
# README's relative links as they are (they resolve inside the repository).
npx --no-install vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links \
  --out "$out" >"${TMPDIR:-/tmp}/vsce-package.log" 2>&1 || { cat "${TMPDIR:-/tmp}/vsce-package.log"; exit 1; }
grep -i -E 'warning' "${TMPDIR:-/tmp}/vsce-package.log" || true
echo "==> packaged $out ($(du -k "$out" | cut -f1) KB, $(stat -c %s "$out") bytes)"
node scripts/vsix-list.js "$out"
