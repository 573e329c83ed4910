#!/usr/bin/env python3
"""A programmable fake coprocessor for Plexus's coprocessor conformance tests.

Speaks the external coprocessor protocol (shared/reference/COPROCESSOR.md, Apollo Router v2):
one JSON envelope per HTTP POST, answered with a JSON envelope. What it answers is scripted at
runtime over HTTP on the same server (see README.md beside this file):

    POST /__control/script    {"rules": [...]}   install rules (replaces the previous ones)
    GET  /__control/script                        the installed rules and how often each fired
    GET  /__control/received                      every call received so far, oldest first
    POST /__control/reset                         clear the rules and the received log

Every other POST is a coprocessor call. With no matching rule the envelope is echoed back,
which is a valid "continue with no change" at every stage.

Usage:
    fake_coprocessor.py --port 0            # prints "LISTENING <port>" first on stdout
    fake_coprocessor.py --unix /tmp/c.sock  # prints "LISTENING unix:/tmp/c.sock"

Python 3 standard library only. Threaded, HTTP/1.1 keep-alive; every reply has a
Content-Length. Exits cleanly on SIGTERM or SIGINT.
"""

import argparse
import json
import os
import signal
import socket
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

CONTROL_PREFIX = "/__control/"

# Keys a rule may have. Unknown keys are rejected so that a typo in a test fails loudly
# instead of silently falling back to echo.
RULE_KEYS = {
    "stage", "match", "times",  # when the rule applies
    "reply", "reply_raw", "echo", "merge", "drop", "close",  # what it answers
    "status", "delay_ms",  # how it answers
}
ACTION_KEYS = ("reply", "reply_raw", "echo", "merge", "close")


class RuleError(ValueError):
    pass


def validate_rule(index, rule):
    """Checks one rule's shape; raises RuleError naming the rule and the key."""
    where = "rules[%d]" % index
    if not isinstance(rule, dict):
        raise RuleError("%s: must be an object" % where)
    unknown = sorted(set(rule) - RULE_KEYS)
    if unknown:
        raise RuleError("%s: unknown key(s) %s; allowed: %s"
                        % (where, ", ".join(unknown), ", ".join(sorted(RULE_KEYS))))
    actions = [k for k in ACTION_KEYS if k in rule and rule[k] is not False]
    if len(actions) > 1:
        raise RuleError("%s: at most one of %s, got %s"
                        % (where, ", ".join(ACTION_KEYS), ", ".join(actions)))
    if "drop" in rule and actions and actions[0] not in ("echo", "merge"):
        raise RuleError("%s: drop only applies to echo or merge" % where)
    if "stage" in rule and not isinstance(rule["stage"], str):
        raise RuleError("%s.stage: must be a string" % where)
    if "match" in rule and not isinstance(rule["match"], dict):
        raise RuleError("%s.match: must be an object" % where)
    if "merge" in rule and not isinstance(rule["merge"], dict):
        raise RuleError("%s.merge: must be an object" % where)
    if "drop" in rule and not (isinstance(rule["drop"], list)
                               and all(isinstance(k, str) for k in rule["drop"])):
        raise RuleError("%s.drop: must be an array of field names" % where)
    if "reply_raw" in rule and not isinstance(rule["reply_raw"], str):
        raise RuleError("%s.reply_raw: must be a string" % where)
    for key, low, high in (("times", 0, None), ("delay_ms", 0, None), ("status", 100, 599)):
        if key in rule:
            value = rule[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < low or (
                    high is not None and value > high):
                raise RuleError("%s.%s: must be an integer in [%s, %s]"
                                % (where, key, low, high if high is not None else "inf"))


class Script:
    """The installed rules and the received log. Shared by all handler threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []  # list of [rule, fired_count]
        self._received = []

    def install(self, rules):
        for i, rule in enumerate(rules):
            validate_rule(i, rule)
        with self._lock:
            self._rules = [[rule, 0] for rule in rules]

    def describe(self):
        with self._lock:
            return [{"rule": rule, "fired": fired} for rule, fired in self._rules]

    def reset(self):
        with self._lock:
            self._rules = []
            self._received = []

    def record(self, entry):
        with self._lock:
            entry["seq"] = len(self._received)
            self._received.append(entry)

    def received(self):
        with self._lock:
            return list(self._received)

    def pick(self, envelope):
        """Returns (index, rule) of the first rule that matches and has uses left, counting
        the use; (None, None) when none does."""
        stage = envelope.get("stage") if isinstance(envelope, dict) else None
        with self._lock:
            for index, slot in enumerate(self._rules):
                rule, fired = slot
                if "times" in rule and fired >= rule["times"]:
                    continue
                if "stage" in rule and rule["stage"] != stage:
                    continue
                if "match" in rule:
                    if not isinstance(envelope, dict):
                        continue
                    if any(envelope.get(k, _MISSING) != v for k, v in rule["match"].items()):
                        continue
                slot[1] = fired + 1
                return index, rule
        return None, None


_MISSING = object()


def json_bytes(value):
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeCoprocessor/1"

    # Set per server: see make_server().
    script = None
    verbose = False
    connection_counter = None

    def setup(self):
        super().setup()
        self.connection_id = next(self.connection_counter)

    def log_message(self, fmt, *args):  # noqa: N802 (stdlib name)
        if self.verbose:
            sys.stderr.write("fake_coprocessor: conn %d: %s\n" % (self.connection_id, fmt % args))

    # --- request plumbing -------------------------------------------------------------------

    def read_body(self):
        """Reads the whole request body (Content-Length or chunked), so the next request on a
        kept-alive connection starts at the right byte whatever we answer."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline(65537)
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(3)  # CRLF after the chunk
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send_bytes(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def send_json(self, status, value):
        self.send_bytes(status, json_bytes(value))

    def send_error_json(self, status, message):
        self.send_json(status, {"error": message})

    def drop_connection(self):
        """Closes the socket without writing a byte: the client sees EOF before any reply."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def request_headers(self):
        headers = {}
        for name, value in self.headers.items():
            headers.setdefault(name.lower(), []).append(value)
        return headers

    # --- verbs ------------------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 (stdlib name)
        self.read_body()
        if self.path == CONTROL_PREFIX + "received":
            self.send_json(200, self.script.received())
        elif self.path == CONTROL_PREFIX + "script":
            self.send_json(200, {"rules": self.script.describe()})
        else:
            self.send_error_json(405 if not self.path.startswith(CONTROL_PREFIX) else 404,
                                 "coprocessor calls are POSTs; control: GET "
                                 "/__control/received, /__control/script")

    def do_POST(self):  # noqa: N802 (stdlib name)
        raw = self.read_body()
        if self.path.startswith(CONTROL_PREFIX):
            self.control(raw)
        else:
            self.coprocessor_call(raw)

    def control(self, raw):
        if self.path == CONTROL_PREFIX + "reset":
            self.script.reset()
            self.send_json(200, {"ok": True})
        elif self.path == CONTROL_PREFIX + "script":
            try:
                spec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                self.send_error_json(400, "script is not JSON: %s" % e)
                return
            if not isinstance(spec, dict) or not isinstance(spec.get("rules"), list):
                self.send_error_json(400, 'script must be {"rules": [...]}')
                return
            try:
                self.script.install(spec["rules"])
            except RuleError as e:
                self.send_error_json(400, str(e))
                return
            self.send_json(200, {"ok": True, "rules": len(spec["rules"])})
        else:
            self.send_error_json(404, "unknown control endpoint %s" % self.path)

    def coprocessor_call(self, raw):
        text = raw.decode("utf-8", errors="replace")
        try:
            envelope = json.loads(text)
        except ValueError:
            envelope = None
        entry = {
            "path": self.path,
            "method": self.command,
            "http_version": self.request_version,
            "connection": self.connection_id,
            "headers": self.request_headers(),
            "envelope": envelope,
        }
        if envelope is None:
            entry["raw"] = text
        index, rule = self.script.pick(envelope)
        entry["rule"] = index
        # Record before any delay, so a test that timed out can still see the call arrived.
        self.script.record(entry)

        rule = rule or {}
        if rule.get("delay_ms"):
            time.sleep(rule["delay_ms"] / 1000.0)
        if rule.get("close"):
            self.drop_connection()
            return
        status = rule.get("status", 200)
        if "reply_raw" in rule:
            self.send_bytes(status, rule["reply_raw"].encode("utf-8"))
        elif "reply" in rule:
            self.send_json(status, rule["reply"])
        elif envelope is None:
            # Nothing to echo: say so, with the rule's status if it set one.
            self.send_error_json(rule.get("status", 400), "request body is not JSON")
        else:
            reply = dict(envelope) if isinstance(envelope, dict) else envelope
            if isinstance(reply, dict):
                reply.update(rule.get("merge", {}))
                for key in rule.get("drop", []):
                    reply.pop(key, None)
            self.send_json(status, reply)


class QuietErrors:
    """A client that gave up (timed out, closed) while we delayed is expected in these tests;
    report anything else as socketserver does."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class TcpServer(QuietErrors, socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class UnixServer(QuietErrors, socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def get_request(self):
        request, _ = super().get_request()
        # BaseHTTPRequestHandler expects a (host, port)-like client address.
        return request, ("unix", 0)


class _Counter:
    """A thread-safe itertools.count (next() on a generator is not thread-safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._n = 0

    def __next__(self):
        with self._lock:
            self._n += 1
            return self._n


def make_server(port=None, unix=None, host="127.0.0.1", verbose=False):
    """Builds a server (not yet serving). Exactly one of port / unix."""
    handler = type("BoundHandler", (Handler,), {
        "script": Script(),
        "verbose": verbose,
        "connection_counter": _Counter(),
    })
    if unix is not None:
        if os.path.exists(unix):
            os.unlink(unix)  # a stale socket from an earlier run
        return UnixServer(unix, handler)
    return TcpServer((host, port), handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Programmable fake coprocessor (see README.md).")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", type=int, help="TCP port; 0 picks a free one")
    where.add_argument("--unix", metavar="PATH", help="listen on a Unix domain socket")
    parser.add_argument("--host", default="127.0.0.1", help="TCP bind address (default 127.0.0.1)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)

    server = make_server(port=args.port, unix=args.unix, host=args.host, verbose=args.verbose)
    if args.unix is not None:
        print("LISTENING unix:%s" % args.unix, flush=True)
    else:
        print("LISTENING %d" % server.server_address[1], flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if args.unix is not None:
            try:
                os.unlink(args.unix)
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
