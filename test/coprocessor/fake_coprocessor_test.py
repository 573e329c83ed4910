#!/usr/bin/env python3
"""Self-test for fake_coprocessor.py: starts it as a process on TCP port 0 and on a Unix socket
and checks every scripted behaviour over real HTTP/1.1 connections.

Run: python3 test/coprocessor/fake_coprocessor_test.py   (exit 0 on success)
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "fake_coprocessor.py")

ROUTER_REQUEST = {
    "version": 1, "stage": "RouterRequest", "control": "continue",
    "id": "0e5b7c1e-0000-4000-8000-000000000001", "method": "POST", "path": "/graphql",
    "headers": {"content-type": ["application/json"], "authorization": ["Bearer abc"]},
    "body": "{\"query\":\"{ me { name } }\"}",
    "context": {"entries": {"apollo::telemetry::client_name": "web"}},
}
SUBGRAPH_REQUEST = {
    "version": 1, "stage": "SubgraphRequest", "control": "continue",
    "id": "0e5b7c1e-0000-4000-8000-000000000001", "method": "POST",
    "serviceName": "reviews", "uri": "http://127.0.0.1:4002/graphql",
    "body": {"query": "{ __typename }"},
}
SUPERGRAPH_RESPONSE = {
    "version": 1, "stage": "SupergraphResponse", "id": "0e5b7c1e-0000-4000-8000-000000000001",
    "statusCode": 200, "hasNext": False, "body": {"data": {"me": {"name": "Ada"}}},
}


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=5):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.unix_path)


class Fake:
    """A running fake_coprocessor.py process."""

    def __init__(self, unix=None):
        args = [sys.executable, FAKE] + (["--unix", unix] if unix else ["--port", "0"])
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if unix:
            assert line == "LISTENING unix:" + unix, line
            self.unix, self.port = unix, None
        else:
            assert line.startswith("LISTENING "), line
            self.unix, self.port = None, int(line.split()[1])
            assert self.port > 0, line

    def connect(self, timeout=5):
        if self.unix:
            return UnixHTTPConnection(self.unix, timeout=timeout)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=5)
        self.proc.stdout.close()
        return rc


def request(conn, method, path, body=None, headers=None):
    """Sends one request on conn; returns (status, headers dict, raw body bytes)."""
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        if isinstance(data, str):
            data = data.encode("utf-8")
    hdrs = {"Content-Type": "application/json", "Accept": "application/json"}
    hdrs.update(headers or {})
    conn.request(method, path, body=data, headers=hdrs)
    resp = conn.getresponse()
    raw = resp.read()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, raw


class FakeCoprocessorBehaviour:
    """Tests shared by both transports; subclasses set up self.fake."""

    fake = None

    def setUp(self):
        self.conn = self.fake.connect()
        self.control("POST", "reset")

    def tearDown(self):
        self.conn.close()

    # helpers
    def control(self, method, what, body=None):
        status, _, raw = request(self.conn, method, "/__control/" + what, body)
        return status, json.loads(raw)

    def script(self, *rules):
        status, reply = self.control("POST", "script", {"rules": list(rules)})
        self.assertEqual(status, 200, reply)

    def call(self, envelope, path="/", conn=None):
        status, headers, raw = request(conn or self.conn, "POST", path, envelope)
        self.assertEqual(headers.get("content-length"), str(len(raw)))
        return status, raw

    def call_json(self, envelope, **kw):
        status, raw = self.call(envelope, **kw)
        return status, json.loads(raw)

    def received(self):
        status, log = self.control("GET", "received")
        self.assertEqual(status, 200)
        return log

    # behaviour
    def test_echoes_the_envelope_when_no_rule_matches(self):
        status, reply = self.call_json(ROUTER_REQUEST)
        self.assertEqual(status, 200)
        self.assertEqual(reply, ROUTER_REQUEST)

    def test_merge_overrides_top_level_fields_of_the_echo(self):
        self.script({"stage": "RouterRequest", "merge": {"control": {"break": 401}, "body": "no"}})
        status, reply = self.call_json(ROUTER_REQUEST)
        self.assertEqual(status, 200)
        self.assertEqual(reply["control"], {"break": 401})
        self.assertEqual(reply["body"], "no")
        self.assertEqual(reply["headers"], ROUTER_REQUEST["headers"])
        self.assertEqual(reply["id"], ROUTER_REQUEST["id"])

    def test_stage_filter_leaves_other_stages_echoed(self):
        self.script({"stage": "SubgraphRequest", "merge": {"headers": {"x-tenant": ["eu"]}}})
        _, reply = self.call_json(ROUTER_REQUEST)
        self.assertEqual(reply, ROUTER_REQUEST)
        _, reply = self.call_json(SUBGRAPH_REQUEST)
        self.assertEqual(reply["headers"], {"x-tenant": ["eu"]})

    def test_match_selects_on_envelope_fields(self):
        self.script({"match": {"serviceName": "products"}, "merge": {"control": {"break": 503}}})
        _, reply = self.call_json(SUBGRAPH_REQUEST)  # serviceName "reviews"
        self.assertEqual(reply["control"], "continue")
        _, reply = self.call_json(dict(SUBGRAPH_REQUEST, serviceName="products"))
        self.assertEqual(reply["control"], {"break": 503})

    def test_drop_removes_fields_from_the_echo(self):
        self.script({"stage": "RouterRequest", "drop": ["control", "body"]})
        _, reply = self.call_json(ROUTER_REQUEST)
        self.assertNotIn("control", reply)
        self.assertNotIn("body", reply)
        self.assertEqual(reply["stage"], "RouterRequest")

    def test_times_limits_a_rule_then_falls_through(self):
        self.script({"times": 1, "reply": {"first": True}}, {"reply": {"later": True}})
        self.assertEqual(self.call_json(ROUTER_REQUEST)[1], {"first": True})
        self.assertEqual(self.call_json(ROUTER_REQUEST)[1], {"later": True})
        self.assertEqual(self.call_json(ROUTER_REQUEST)[1], {"later": True})
        _, described = self.control("GET", "script")
        self.assertEqual([r["fired"] for r in described["rules"]], [1, 2])

    def test_reply_is_sent_verbatim(self):
        canned = {"version": 2, "stage": "Nope", "extra": [1, None, "x"]}
        self.script({"reply": canned})
        self.assertEqual(self.call_json(SUPERGRAPH_RESPONSE), (200, canned))

    def test_reply_raw_sends_non_json_text(self):
        self.script({"reply_raw": "this is {not json"})
        status, raw = self.call(ROUTER_REQUEST)
        self.assertEqual(status, 200)
        self.assertEqual(raw, b"this is {not json")

    def test_status_500_with_a_valid_envelope(self):
        self.script({"status": 500})
        status, reply = self.call_json(ROUTER_REQUEST)
        self.assertEqual(status, 500)
        self.assertEqual(reply, ROUTER_REQUEST)

    def test_delay_holds_the_reply(self):
        self.script({"delay_ms": 300})
        started = time.monotonic()
        status, _ = self.call_json(ROUTER_REQUEST)
        self.assertEqual(status, 200)
        self.assertGreaterEqual(time.monotonic() - started, 0.29)

    def test_delay_past_the_client_timeout_times_out(self):
        self.script({"delay_ms": 1000})
        conn = self.fake.connect(timeout=0.2)
        try:
            with self.assertRaises((socket.timeout, TimeoutError)):
                request(conn, "POST", "/", ROUTER_REQUEST)
        finally:
            conn.close()
        # The call was logged on arrival, before the delay.
        self.assertEqual(len(self.received()), 1)

    def test_close_drops_the_connection_without_a_reply(self):
        self.script({"close": True, "times": 1})
        conn = self.fake.connect()
        try:
            with self.assertRaises((http.client.RemoteDisconnected, ConnectionError)):
                request(conn, "POST", "/", ROUTER_REQUEST)
        finally:
            conn.close()
        # Only the one call was eaten; the next connection gets an echo.
        conn = self.fake.connect()
        try:
            self.assertEqual(self.call_json(ROUTER_REQUEST, conn=conn)[1], ROUTER_REQUEST)
        finally:
            conn.close()

    def test_received_log_records_path_headers_and_envelope(self):
        self.call(ROUTER_REQUEST, path="/hook?x=1")
        self.call(SUBGRAPH_REQUEST)
        log = self.received()
        self.assertEqual([e["envelope"]["stage"] for e in log],
                         ["RouterRequest", "SubgraphRequest"])
        self.assertEqual(log[0]["path"], "/hook?x=1")
        self.assertEqual(log[0]["method"], "POST")
        self.assertEqual(log[0]["envelope"], ROUTER_REQUEST)
        self.assertEqual(log[0]["headers"]["content-type"], ["application/json"])
        self.assertEqual(log[0]["headers"]["accept"], ["application/json"])
        self.assertEqual([e["seq"] for e in log], [0, 1])
        self.assertIsNone(log[0]["rule"])
        # Both calls went over one kept-alive connection.
        self.assertEqual(log[0]["connection"], log[1]["connection"])

    def test_received_log_keeps_non_json_bodies_raw(self):
        status, _ = self.call("not json")
        self.assertEqual(status, 400)
        (entry,) = self.received()
        self.assertIsNone(entry["envelope"])
        self.assertEqual(entry["raw"], "not json")

    def test_chunked_request_body_is_read(self):
        body = json.dumps(ROUTER_REQUEST).encode()
        self.conn.putrequest("POST", "/")
        self.conn.putheader("Content-Type", "application/json")
        self.conn.putheader("Transfer-Encoding", "chunked")
        self.conn.endheaders()
        for i in range(0, len(body), 40):
            part = body[i:i + 40]
            self.conn.send(b"%x\r\n%s\r\n" % (len(part), part))
        self.conn.send(b"0\r\n\r\n")
        resp = self.conn.getresponse()
        self.assertEqual(json.loads(resp.read()), ROUTER_REQUEST)
        # The connection is still in sync for the next request.
        self.assertEqual(self.call_json(SUBGRAPH_REQUEST)[1], SUBGRAPH_REQUEST)

    def test_reset_clears_rules_and_log(self):
        self.script({"reply": {"scripted": True}})
        self.call(ROUTER_REQUEST)
        self.assertEqual(len(self.received()), 1)
        self.assertEqual(self.control("POST", "reset"), (200, {"ok": True}))
        self.assertEqual(self.received(), [])
        self.assertEqual(self.call_json(ROUTER_REQUEST)[1], ROUTER_REQUEST)

    def test_invalid_rules_are_rejected(self):
        for bad in ({"rules": [{"stag": "RouterRequest"}]},
                    {"rules": [{"echo": True, "reply": {}}]},
                    {"rules": [{"status": 42}]},
                    {"rules": [{"times": -1}]},
                    {"rules": "nope"}):
            status, reply = self.control("POST", "script", bad)
            self.assertEqual(status, 400, bad)
            self.assertIn("error", reply)
        status, _, _ = request(self.conn, "POST", "/__control/script", b"{")
        self.assertEqual(status, 400)

    def test_echo_true_is_explicit_continue(self):
        self.script({"stage": "SupergraphResponse", "echo": True})
        self.assertEqual(self.call_json(SUPERGRAPH_RESPONSE)[1], SUPERGRAPH_RESPONSE)


class TcpTest(FakeCoprocessorBehaviour, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = Fake()

    @classmethod
    def tearDownClass(cls):
        assert cls.fake.stop() == 0


class UnixSocketTest(FakeCoprocessorBehaviour, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "copro.sock")
        cls.fake = Fake(unix=cls.path)

    @classmethod
    def tearDownClass(cls):
        assert cls.fake.stop() == 0
        assert not os.path.exists(cls.path), "socket file left behind"
        cls.tmp.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
