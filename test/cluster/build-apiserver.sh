#!/usr/bin/env bash
# Build (or reuse) a real kube-apiserver for the cluster tests, only from Debian's own packages.
# The binary is cached per version under $EKS_K8S_CACHE (default ~/.cache/eks-manifests/k8s):
#   $EKS_K8S_CACHE/<version>/bin/kube-apiserver
# A second run with the binary present does nothing. Prints the binary's path on the last line.
# Prerequisites (installed here when missing; needs root or sudo): a deb-src entry for the
# Debian suites already configured, golang-go, etcd-server, openssl, curl, dpkg-dev.
set -euo pipefail
K8S_VERSION=1.20.2
DEB_SRC_TARBALL="kubernetes_1.20.5+really1.20.2.orig.tar.gz"
CACHE=${EKS_K8S_CACHE:-$HOME/.cache/eks-manifests/k8s}
OUT="$CACHE/$K8S_VERSION/bin/kube-apiserver"
log() { echo "[build-apiserver] $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  log "need root to run: $*"; return 1; fi; }

ensure_prereqs() {
  local missing=()
  command -v go >/dev/null || missing+=(golang-go)
  [ -x /usr/bin/etcd ] || missing+=(etcd-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v dpkg-source >/dev/null || missing+=(dpkg-dev)
  local need_src=0
  if [ "${1:-}" = build ] && ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ \
       && ! grep -qs '^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then need_src=1; fi
  if [ "$need_src" = 1 ]; then
    log "adding a deb-src entry mirroring /etc/apt/sources.list.d/debian.sources"
    local deb822
    deb822=$(grep -l '^Types: deb$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)
    if [ -n "$deb822" ]; then
      sed 's/^Types: deb$/Types: deb-src/' "$deb822" \
        | as_root tee /etc/apt/sources.list.d/eks-manifests-deb-src.sources >/dev/null
    else
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
        | as_root tee /etc/apt/sources.list.d/eks-manifests-deb-src.list >/dev/null
    fi
  fi
  if [ "${#missing[@]}" -gt 0 ] || [ "$need_src" = 1 ]; then
    log "installing: ${missing[*]:-(none, refreshing lists for deb-src)}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    if [ "${#missing[@]}" -gt 0 ]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
    fi
  fi
}

if [ -x "$OUT" ] && "$OUT" --version 2>/dev/null | grep -q "v$K8S_VERSION"; then
  ensure_prereqs run
  echo "$OUT"; exit 0
fi
ensure_prereqs build

W="$CACHE/$K8S_VERSION/work"
OWN_GOCACHE=; [ -z "${GOCACHE:-}" ] && OWN_GOCACHE=1
export GOCACHE=${GOCACHE:-$CACHE/go-build}
export GO111MODULE=off GOFLAGS= CGO_ENABLED=0 GOTOOLCHAIN=local
export GOPATH="$W/gopath"
mkdir -p "$W" && cd "$W"
t0=$(date +%s)
if [ ! -f "$W/$DEB_SRC_TARBALL" ]; then
  log "apt-get source --download-only kubernetes"
  apt-get source --download-only kubernetes >&2
fi
ls golang-github-modern-go-reflect2-dev_*_all.deb >/dev/null 2>&1 || apt-get download golang-github-modern-go-reflect2-dev >&2
rm -rf "$W/kubernetes-$K8S_VERSION" "$GOPATH" "$W/reflect2-deb"
tar xzf "$W/$DEB_SRC_TARBALL"
mkdir -p "$GOPATH/src/k8s.io"
ln -s "$W/kubernetes-$K8S_VERSION" "$GOPATH/src/k8s.io/kubernetes"
cd "$GOPATH/src/k8s.io/kubernetes"

# Go >= 1.18: the vendored modern-go/reflect2 1.0.1 faults at runtime (mapiterinit) on the first
# custom resource create; Debian's 1.0.2 is a drop-in replacement.
dpkg-deb -x "$W"/golang-github-modern-go-reflect2-dev_*_all.deb "$W/reflect2-deb"
R=vendor/github.com/modern-go/reflect2
find "$R" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
cp "$W"/reflect2-deb/usr/share/gocode/src/github.com/modern-go/reflect2/*.{go,s} "$R"/

log "building openapi-gen"
go build -o "$W/bin/openapi-gen" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen
# Same package selection as upstream's Makefile.generated_files: every package with a +k8s: tag
# file containing +k8s:openapi-gen=, staging mapped to vendor, minus code-generator/sample-apiserver.
DIRS=$(find -H . -not \( \( -path ./_\* -o -path ./.\* -o -path ./vendor \) -prune \) -type f -name '*.go' \
        | sed 's|^./staging/src|vendor|; s|^\./||' \
        | xargs grep -l '^// *+k8s:' | xargs grep -l '+k8s:openapi-gen=' \
        | grep -v -e '^vendor/k8s.io/code-generator/' -e '^vendor/k8s.io/sample-apiserver/' \
        | xargs -n1 dirname | LC_ALL=C sort -u | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
log "generating openapi"
"$W/bin/openapi-gen" --logtostderr -v 0 -i "$DIRS" -p k8s.io/kubernetes/pkg/generated/openapi \
  -O zz_generated.openapi -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt \
  -r "$W/kube_violations.report" >&2

log "building kube-apiserver (cold: ~5 min on 2 cores)"
V=k8s.io/kubernetes/vendor/k8s.io
LD="-s -w"
for p in client-go/pkg/version component-base/version; do
  LD+=" -X $V/$p.gitVersion=v$K8S_VERSION -X $V/$p.gitMajor=1 -X $V/$p.gitMinor=20"
  LD+=" -X $V/$p.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
done
mkdir -p "$(dirname "$OUT")"
go build -tags selinux,notest -ldflags "$LD" -o "$OUT.tmp" ./cmd/kube-apiserver
mv "$OUT.tmp" "$OUT"
# keep the cache small: the unpacked tree is not needed once the binary exists
cd "$CACHE" && rm -rf "$W/kubernetes-$K8S_VERSION" "$GOPATH" "$W/reflect2-deb"
[ -n "$OWN_GOCACHE" ] && rm -rf "$GOCACHE"  # 1 GB of Go build cache; the binary is what we keep
log "built in $(( $(date +%s) - t0 ))s"
"$OUT" --version >&2
echo "$OUT"
