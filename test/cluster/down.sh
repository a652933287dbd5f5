#!/usr/bin/env bash
# Stop the etcd + kube-apiserver started by up.sh (only the recorded PIDs) and remove the state dir.
D=${1:?state dir}
[ -f "$D/env" ] || { rm -rf "$D"; exit 0; }
. "$D/env"
for pid in "$API_PID" "$ETCD_PID"; do
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
done
rm -rf "$D"
