// Test-only HTTP/2 server (Node's http2 module) for src/http/client_h2_test.cc, started by
// testing::NodeServer. Prints "listening <port>" (or "listening <socket path>") once ready and
// exits when its stdin closes (the test process ended or dropped it).
//
//   node h2_echo_server.js                      h2c with prior knowledge on 127.0.0.1, any port
//   node h2_echo_server.js --unix /tmp/h2.sock  h2c on a Unix domain socket
//   node h2_echo_server.js --tls cert.pem key.pem [--allow-http1]   h2 over TLS (ALPN)
//
// Paths: /hang never answers; /coprocessor echoes the body as it came; /barrier answers once two /barrier requests are waiting (proof
// that they were in flight together); /gzip answers gzip-encoded; /goaway answers, then sends
// GOAWAY; /stats answers {"sessions": opened, "cancelled": streams the client reset}; anything
// else echoes the request as JSON: method, path, authority, headers, body, httpVersion, alpn,
// session (a number per connection).
'use strict';
const fs = require('fs');
const http2 = require('http2');
const zlib = require('zlib');

const args = process.argv.slice(2);
let unixPath = null;
let tls = null;
let allowHTTP1 = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--unix') unixPath = args[++i];
  else if (args[i] === '--tls') tls = {cert: fs.readFileSync(args[++i]), key: fs.readFileSync(args[++i])};
  else if (args[i] === '--allow-http1') allowHTTP1 = true;
}

let sessions = 0;
let cancelled = 0;
let barrier = [];

function handle(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.stream) {
      req.stream.on('close', () => {
        if (req.stream.rstCode === http2.constants.NGHTTP2_CANCEL) cancelled++;
      });
    }
    if (path === '/hang') return;
    if (path === '/stats') {
      res.end(JSON.stringify({sessions, cancelled}));
      return;
    }
    if (path === '/coprocessor') {  // echoes the body: a coprocessor's "continue, no change"
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(Buffer.concat(chunks));
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !k.startsWith(':')));
    const echo = JSON.stringify({
      method: req.method,
      path: req.url,
      authority: req.authority || req.headers.host,
      headers,
      body: Buffer.concat(chunks).toString(),
      httpVersion: req.httpVersion,
      alpn: req.socket.alpnProtocol || null,
      session: req.stream ? req.stream.session.plexusId : 0,
    });
    if (path === '/gzip') {
      res.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip'});
      res.end(zlib.gzipSync(echo));
      return;
    }
    const answer = () => {
      res.writeHead(200, {'content-type': 'application/json', 'x-echo': 'yes'});
      res.end(echo);
    };
    if (path === '/goaway') {
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(echo, () => req.stream.session.goaway(http2.constants.NGHTTP2_NO_ERROR));
      return;
    }
    if (path === '/barrier') {
      barrier.push(answer);
      if (barrier.length === 2) {
        barrier.forEach((f) => f());
        barrier = [];
      }
      return;
    }
    answer();
  });
}

const server = tls ? http2.createSecureServer({...tls, allowHTTP1}, handle) : http2.createServer(handle);
server.on('session', (session) => {
  session.plexusId = ++sessions;
});
const ready = () => process.stdout.write('listening ' + (unixPath || server.address().port) + '\n');
if (unixPath) {
  server.listen(unixPath, ready);
} else {
  server.listen(0, '127.0.0.1', ready);
}
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
