#!/usr/bin/env bash
# Start etcd + kube-apiserver on loopback for the cluster tests.
# Usage: test/cluster/up.sh <state dir> [apiserver binary]
# Writes <state dir>/kubeconfig (contexts "local" = admin via system:masters, current; "restricted" = a
# user with no rights unless a test grants them via RBAC), <state dir>/env (PIDs, ports) and logs.
set -euo pipefail
D=${1:?state dir}
APISERVER=${2:-$(bash "$(dirname "$0")/build-apiserver.sh" | tail -1)}
ETCD=${ETCD:-/usr/bin/etcd}
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); API_PORT=$(free_port)
rm -rf "$D"; mkdir -p -m 700 "$D" "$D/pki" "$D/etcd"
cd "$D/pki"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj /CN=eks-manifests-test-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj /CN=kube-apiserver 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc,IP:10.0.0.1\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile ext.cnf -out apiserver.crt 2>/dev/null
openssl genrsa -out sa.key 2048 2>/dev/null; openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
TOKEN=$(openssl rand -hex 24); RTOKEN=$(openssl rand -hex 24)
{ echo "$TOKEN,admin,admin,system:masters"; echo "$RTOKEN,restricted,restricted"; } > tokens.csv

T0=$(date +%s%N)
"$ETCD" --name test --data-dir "$D/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "test=http://127.0.0.1:$ETCD_PEER_PORT" --logger zap --log-level warn > "$D/etcd.log" 2>&1 &
ETCD_PID=$!
"$APISERVER" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" --insecure-port 0 \
  --tls-cert-file "$D/pki/apiserver.crt" --tls-private-key-file "$D/pki/apiserver.key" --cert-dir "$D/pki" \
  --client-ca-file "$D/pki/ca.crt" --token-auth-file "$D/pki/tokens.csv" --authorization-mode RBAC \
  --service-cluster-ip-range 10.0.0.0/24 \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$D/pki/sa.pub" --service-account-signing-key-file "$D/pki/sa.key" \
  --endpoint-reconciler-type none --profiling=false --v=1 > "$D/apiserver.log" 2>&1 &
API_PID=$!
printf 'ETCD_PID=%s\nAPI_PID=%s\nETCD_PORT=%s\nAPI_PORT=%s\n' "$ETCD_PID" "$API_PID" "$ETCD_PORT" "$API_PORT" > "$D/env"
CA=$(base64 -w0 "$D/pki/ca.crt")
cat > "$D/kubeconfig" <<EOK
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $CA
users:
- name: admin
  user:
    token: $TOKEN
- name: restricted
  user:
    token: $RTOKEN
contexts:
- name: local
  context: {cluster: local, user: admin}
- name: restricted
  context: {cluster: local, user: restricted, namespace: team-a}
current-context: local
EOK
chmod 600 "$D/kubeconfig"
for _ in $(seq 1 900); do
  if curl -fsS --cacert "$D/pki/ca.crt" -H "Authorization: Bearer $TOKEN" "https://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1; then
    echo "kube-apiserver ready after $(( ($(date +%s%N) - T0) / 1000000 )) ms on https://127.0.0.1:$API_PORT (pids $API_PID/$ETCD_PID)"
    exit 0
  fi
  kill -0 "$API_PID" 2>/dev/null || { echo "kube-apiserver died:"; tail -30 "$D/apiserver.log"; kill "$ETCD_PID" 2>/dev/null; exit 1; }
  sleep 0.1
done
echo "timeout waiting for /readyz"; tail -30 "$D/apiserver.log"; exit 1
