#!/usr/bin/env bash
# Starts one gateway for one audit suite (called by the audit CLI through gateway.sh; environment set by ../run).
#   1. fetches the suite's supergraph from the audit's server (subgraph URLs point at that server),
#   2. writes router.yaml (supergraph.listen: HOST:PORT),
#   3. runs the --gateway template in its own process group, from the directory `run` was called in,
#   4. on SIGTERM/SIGINT (the CLI ends the suite) sends SIGTERM to that group, SIGKILL after AUDIT_STOP_GRACE s;
#      after AUDIT_SUITE_TIMEOUT s it stops the gateway by itself (the remaining cases then fail fast).
set -u
id="${1:?suite id}"
: "${AUDIT_RUN_DIR:?}" "${AUDIT_SUB_PORT:?}" "${AUDIT_GW_PORT:?}" "${AUDIT_GW_HOST:?}" "${AUDIT_GATEWAY_CMD:?}"
: "${AUDIT_INVOKE_DIR:?}" "${AUDIT_SUITE_TIMEOUT:=120}" "${AUDIT_STOP_GRACE:=5}"

dir="$AUDIT_RUN_DIR/suites/$id"
mkdir -p "$dir"
echo "[audit] suite $id: $(date -u +%FT%TZ)"
if ! curl -fsS --max-time 30 -o "$dir/supergraph.graphql" "http://127.0.0.1:$AUDIT_SUB_PORT/$id/supergraph"; then
  echo "[audit] could not fetch the supergraph of $id" >&2
  echo "supergraph fetch failed" > "$dir/FAILED"
  exit 1
fi
printf 'supergraph:\n  listen: %s:%s\nhealth_check:\n  enabled: false\n' "$AUDIT_GW_HOST" "$AUDIT_GW_PORT" > "$dir/router.yaml"

q() { printf '%q' "$1"; }
cmd="$AUDIT_GATEWAY_CMD"
cmd="${cmd//\{supergraph\}/$(q "$dir/supergraph.graphql")}"
cmd="${cmd//\{config\}/$(q "$dir/router.yaml")}"
cmd="${cmd//\{port\}/$AUDIT_GW_PORT}"
cmd="${cmd//\{host\}/$AUDIT_GW_HOST}"
cmd="${cmd//\{suite\}/$(q "$id")}"
cmd="${cmd//\{dir\}/$(q "$dir")}"
cmd="${cmd//\{audit_node\}/$(q "${AUDIT_NODE:-node}")}"
echo "$cmd" > "$dir/command"
echo "[audit] $cmd"

cd "$AUDIT_INVOKE_DIR" || exit 1
setsid bash -c "$cmd" < /dev/null &
gw=$!
echo "$gw" > "$AUDIT_RUN_DIR/gateway.pgid"
start=$SECONDS

stop() {
  local why="$1" i
  if kill -0 "$gw" 2>/dev/null; then
    echo "[audit] stopping gateway ($why)"
    kill -TERM -- "-$gw" 2>/dev/null
    for ((i = 0; i < AUDIT_STOP_GRACE * 10; i++)); do
      kill -0 "$gw" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$gw" 2>/dev/null; then
      echo "[audit] gateway ignored SIGTERM for ${AUDIT_STOP_GRACE}s: SIGKILL"
      echo "ignored SIGTERM" > "$dir/SIGKILLED"
    fi
  fi
  kill -KILL -- "-$gw" 2>/dev/null   # also whatever the gateway left in its group
  rm -f "$AUDIT_RUN_DIR/gateway.pgid"
}
trap 'stop "end of suite"; exit 0' TERM INT HUP

while kill -0 "$gw" 2>/dev/null; do
  if ((SECONDS - start >= AUDIT_SUITE_TIMEOUT)); then
    echo "suite timeout ${AUDIT_SUITE_TIMEOUT}s" > "$dir/TIMEOUT"
    stop "suite timeout ${AUDIT_SUITE_TIMEOUT}s"
    exit 1
  fi
  sleep 0.5 & wait $!
done
wait "$gw"; rc=$?
echo "[audit] gateway exited by itself with status $rc"
echo "gateway exited with status $rc before the suite ended" > "$dir/EXITED"
kill -KILL -- "-$gw" 2>/dev/null
rm -f "$AUDIT_RUN_DIR/gateway.pgid"
exit "$rc"
