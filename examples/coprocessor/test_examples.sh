#!/usr/bin/env bash
# Self-test for the example coprocessors: starts each on a free port, posts hand-written envelopes
# (shared/reference/COPROCESSOR.md §3, §9) over one kept-alive connection, and checks the replies.
# Exit 0 on success. Skips the Node example, with a message, when `node` is missing.
#
#   examples/coprocessor/test_examples.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

# check NAME PORT: the checks, in Python so the JSON comparisons are exact.
check() {
  python3 - "$1" "$2" <<'PY'
import http.client, json, sys

name, port = sys.argv[1], int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
failures = []

def post(envelope):
    body = envelope if isinstance(envelope, bytes) else json.dumps(envelope).encode()
    conn.request("POST", "/", body=body,
                 headers={"content-type": "application/json", "accept": "application/json"})
    resp = conn.getresponse()
    raw = resp.read()
    if resp.getheader("content-length") != str(len(raw)):
        failures.append("content-length %r for %d bytes" % (resp.getheader("content-length"), len(raw)))
    return resp.status, raw

def call(envelope):
    status, raw = post(envelope)
    expect("HTTP status of a %s call" % envelope["stage"], status, 200)
    reply = json.loads(raw)
    expect("version", reply.get("version"), 1)
    expect("stage", reply.get("stage"), envelope["stage"])
    return reply

def expect(what, got, want):
    if got != want:
        failures.append("%s: got %r, want %r" % (what, got, want))

ID = "0e5b7c1e-0000-4000-8000-000000000001"
def router_request(authorization=None):
    headers = {"content-type": ["application/json"], "accept": ["application/json"]}
    if authorization is not None:
        headers["authorization"] = [authorization]
    return {"version": 1, "stage": "RouterRequest", "control": "continue", "id": ID,
            "method": "POST", "path": "/", "headers": headers,
            "body": "{\"query\":\"{ me { name } }\"}",
            "context": {"entries": {"apollo::telemetry::client_name": "web"}}}

# RouterRequest without a token, and with unknown or malformed ones: break 401, UNAUTHENTICATED.
for auth in (None, "Bearer wrong", "Basic c2VjcmV0", "Bearer", "secret"):
    reply = call(router_request(auth))
    expect("control without a valid token (%r)" % auth, reply.get("control"), {"break": 401})
    errors = json.loads(reply.get("body", "null") or "null")
    expect("error code (%r)" % auth,
           (errors or {}).get("errors", [{}])[0].get("extensions", {}).get("code"),
           "UNAUTHENTICATED")
    expect("request headers not echoed as response headers (%r)" % auth,
           "authorization" in reply.get("headers", {}), False)

# RouterRequest with valid tokens: continue, claims in the context, other entries kept.
for auth, tenant in (("Bearer secret", "default"), ("bearer alice", "acme")):
    reply = call(router_request(auth))
    expect("control with %r" % auth, reply.get("control"), "continue")
    entries = reply.get("context", {}).get("entries", {})
    claims = entries.get("apollo::authentication::jwt_claims")
    expect("claims tenant with %r" % auth, (claims or {}).get("tenant"), tenant)
    expect("other context entries kept", entries.get("apollo::telemetry::client_name"), "web")
    expect("body unchanged", reply.get("body"), router_request()["body"])

# SubgraphRequest: the received headers plus x-tenant from the claims.
subgraph = {"version": 1, "stage": "SubgraphRequest", "control": "continue", "id": ID,
            "method": "POST", "serviceName": "reviews", "uri": "http://127.0.0.1:4002/",
            "headers": {"content-type": ["application/json"], "x-trace": ["a", "b"],
                        "x-tenant": ["spoofed"]},
            "body": {"query": "{ __typename }"},
            "context": {"entries": {"apollo::authentication::jwt_claims": {"tenant": "acme"}}}}
reply = call(subgraph)
expect("SubgraphRequest control", reply.get("control"), "continue")
expect("SubgraphRequest headers", reply.get("headers"),
       {"content-type": ["application/json"], "x-trace": ["a", "b"], "x-tenant": ["acme"]})
expect("SubgraphRequest body", reply.get("body"), subgraph["body"])
expect("SubgraphRequest uri", reply.get("uri"), subgraph["uri"])
# ... and without claims (unauthenticated path, or context not sent): unchanged.
no_claims = dict(subgraph, context={"entries": {}})
expect("SubgraphRequest without claims", call(no_claims), no_claims)

# SupergraphResponse: extensions.coprocessor added, everything else kept, no control.
response = {"version": 1, "stage": "SupergraphResponse", "id": ID, "statusCode": 200,
            "body": {"data": {"me": {"name": "Ada"}}, "errors": [{"message": "partial"}],
                     "extensions": {"cost": 3}}}
reply = call(response)
expect("SupergraphResponse body", reply.get("body"),
       {"data": {"me": {"name": "Ada"}}, "errors": [{"message": "partial"}],
        "extensions": {"cost": 3, "coprocessor": name}})
expect("SupergraphResponse has no control (keeps the status)", "control" in reply, False)
expect("SupergraphResponse statusCode", reply.get("statusCode"), 200)

# Other stages continue unchanged.
for other in ({"version": 1, "stage": "ExecutionRequest", "control": "continue", "id": ID,
               "body": {"query": "{ me { name } }"}},
              {"version": 1, "stage": "SubgraphResponse", "id": ID, "serviceName": "reviews",
               "body": {"data": {"x": 1}}}):
    expect("%s echoed" % other["stage"], call(other), other)

# Not an envelope: 400.
expect("non-JSON body status", post(b"{not json")[0], 400)

if failures:
    print("FAIL %s:\n  %s" % (name, "\n  ".join(failures)))
    sys.exit(1)
print("ok   %s" % name)
PY
}

# run NAME COMMAND...: starts the example on port 0, waits for its LISTENING line, checks it.
run() {
  local name="$1"; shift
  local out="$TMP/$name.out" err="$TMP/$name.err"
  COPROCESSOR_TOKENS="secret,alice:acme" "$@" --port 0 >"$out" 2>"$err" &
  PIDS+=("$!")
  local port=""
  for _ in $(seq 100); do
    port="$(sed -n 's/^LISTENING \([0-9][0-9]*\)$/\1/p' "$out" | head -n1)"
    [ -n "$port" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "FAIL $name: did not start"; cat "$err"; return 1
  fi
  check "$name" "$port"
}

status=0
run python python3 "$HERE/python/coprocessor.py" || status=1
if command -v node >/dev/null 2>&1; then
  run node node "$HERE/node/coprocessor.js" || status=1
else
  echo "skip node: \`node\` not found (the Node example needs Node 18+)"
fi
exit "$status"
