#!/usr/bin/env python3
"""An example external coprocessor for Plexus (or Apollo Router v2), standard library only.

What it does, stage by stage (protocol: shared/reference/COPROCESSOR.md):

  RouterRequest       authentication: without `authorization: Bearer <known token>` the request
                      stops with 401 and a GraphQL error (code UNAUTHENTICATED); with one it
                      continues, with the token's claims in the context under
                      "apollo::authentication::jwt_claims".
  SubgraphRequest     header injection: adds `x-tenant: <claims.tenant>` to every subgraph fetch.
  SupergraphResponse  response rewriting: adds `extensions.coprocessor = "python"` to the body.
  any other stage     continue with no change (the envelope echoed back).

Configuration (environment):
  COPROCESSOR_TOKENS  comma-separated `token` or `token:tenant` entries (default "secret");
                      a token without a tenant gets the tenant "default".
  PORT, HOST          where to listen (default 8081 on 127.0.0.1); --port/--host override them.

Run: python3 examples/coprocessor/python/coprocessor.py --port 8081
The first stdout line is `LISTENING <port>` (useful with --port 0).
"""

import argparse
import hmac
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

NAME = "python"
CLAIMS_KEY = "apollo::authentication::jwt_claims"


def load_tokens(spec):
    """`"a,b:acme"` -> [("a", "default"), ("b", "acme")]."""
    tokens = []
    for item in spec.split(","):
        item = item.strip()
        if item:
            token, _, tenant = item.partition(":")
            tokens.append((token, tenant or "default"))
    return tokens


TOKENS = load_tokens(os.environ.get("COPROCESSOR_TOKENS", "secret"))
VERBOSE = os.environ.get("COPROCESSOR_VERBOSE") == "1"


def log(message):
    if VERBOSE:
        sys.stderr.write("coprocessor (%s): %s\n" % (NAME, message))


def header(envelope, name):
    """First value of a header in the envelope's `{name: [values]}` map, or None.
    Names arrive lowercase; compare case-insensitively anyway."""
    for key, values in (envelope.get("headers") or {}).items():
        if key.lower() == name and values:
            return values[0]
    return None


def claims_for(authorization):
    """The claims of a known bearer token, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    for known, tenant in TOKENS:
        # Constant-time comparison, as for any secret.
        if hmac.compare_digest(known.encode(), token.encode()):
            return {"iss": "example-coprocessor", "sub": "user@" + tenant, "tenant": tenant,
                    "scope": "profile:read"}
    return None


def graphql_error(message, code):
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})


# --- stages: each takes the received envelope and returns the reply envelope ----------------

def router_request(envelope):
    claims = claims_for(header(envelope, "authorization"))
    if claims is None:
        log("RouterRequest %s: rejected (401)" % envelope.get("id"))
        # On break the returned headers become the *response* headers (§4), so send only
        # what the client should see, never the request's headers.
        return {
            "version": 1, "stage": "RouterRequest", "id": envelope.get("id"),
            "control": {"break": 401},
            "headers": {"content-type": ["application/json"], "www-authenticate": ["Bearer"]},
            "body": graphql_error("Not authenticated: send `authorization: Bearer <token>`",
                                  "UNAUTHENTICATED"),
        }
    log("RouterRequest %s: authenticated, tenant %s" % (envelope.get("id"), claims["tenant"]))
    reply = dict(envelope, control="continue")
    entries = dict((envelope.get("context") or {}).get("entries") or {})
    entries[CLAIMS_KEY] = claims
    reply["context"] = {"entries": entries}  # request stages upsert: nothing is lost (§6)
    return reply


def subgraph_request(envelope):
    claims = ((envelope.get("context") or {}).get("entries") or {}).get(CLAIMS_KEY) or {}
    tenant = claims.get("tenant") if isinstance(claims, dict) else None
    if tenant is None or "headers" not in envelope:
        # Without the received headers we can't add one: returned headers replace them all
        # (§6), so returning only x-tenant would strip the fetch's headers. Configure
        # `subgraph.all.request.headers: true`.
        return envelope
    headers = {name: list(values) for name, values in envelope["headers"].items()
               if name.lower() != "x-tenant"}
    headers["x-tenant"] = [tenant]
    log("SubgraphRequest %s to %s: x-tenant %s"
        % (envelope.get("id"), envelope.get("serviceName"), tenant))
    return dict(envelope, headers=headers)


def supergraph_response(envelope):
    body = envelope.get("body")
    if not isinstance(body, dict):
        return envelope  # body not sent (`supergraph.response.body: false`)
    extensions = dict(body.get("extensions") or {})
    extensions["coprocessor"] = NAME
    # No `control` in the reply: on a response stage it would set the HTTP status (§5).
    return dict(envelope, body=dict(body, extensions=extensions))


STAGES = {
    "RouterRequest": router_request,
    "SubgraphRequest": subgraph_request,
    "SupergraphResponse": supergraph_response,
}


def handle(envelope):
    """The reply envelope for one received envelope. Unknown stages continue unchanged."""
    return STAGES.get(envelope.get("stage"), lambda e: e)(envelope)


# --- HTTP ---------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the router reuses connections

    def log_message(self, fmt, *args):  # noqa: N802 (stdlib name)
        log(fmt % args)

    def reply(self, status, value):
        body = json.dumps(value, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802 (stdlib name)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            envelope = json.loads(raw)
        except ValueError:
            self.reply(400, {"error": "body is not JSON"})
            return
        if not isinstance(envelope, dict) or envelope.get("version") != 1:
            self.reply(400, {"error": "expected a version 1 coprocessor envelope"})
            return
        self.reply(200, handle(envelope))


class Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8081")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    args = parser.parse_args()
    server = Server((args.host, args.port), Handler)
    port = server.server_address[1]
    print("LISTENING %d" % port, flush=True)
    sys.stderr.write("coprocessor (%s) listening on http://%s:%d\n" % (NAME, args.host, port))
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    server.server_close()


if __name__ == "__main__":
    main()
