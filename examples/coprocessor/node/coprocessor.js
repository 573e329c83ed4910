#!/usr/bin/env node
// An example external coprocessor for Plexus (or Apollo Router v2): Node 18+, standard library
// only. The same behaviour as ../python/coprocessor.py (protocol: shared/reference/COPROCESSOR.md):
//
//   RouterRequest       authentication: without `authorization: Bearer <known token>` the request
//                       stops with 401 and a GraphQL error (code UNAUTHENTICATED); with one it
//                       continues, with the token's claims in the context under
//                       "apollo::authentication::jwt_claims".
//   SubgraphRequest     header injection: adds `x-tenant: <claims.tenant>` to every subgraph fetch.
//   SupergraphResponse  response rewriting: adds `extensions.coprocessor = "node"` to the body.
//   any other stage     continue with no change (the envelope echoed back).
//
// Configuration (environment):
//   COPROCESSOR_TOKENS  comma-separated `token` or `token:tenant` entries (default "secret");
//                       a token without a tenant gets the tenant "default".
//   PORT, HOST          where to listen (default 8081 on 127.0.0.1); --port/--host override them.
//
// Run: node examples/coprocessor/node/coprocessor.js --port 8081
// The first stdout line is `LISTENING <port>` (useful with --port 0).
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');

const NAME = 'node';
const CLAIMS_KEY = 'apollo::authentication::jwt_claims';
const VERBOSE = process.env.COPROCESSOR_VERBOSE === '1';

function log(message) {
  if (VERBOSE) process.stderr.write(`coprocessor (${NAME}): ${message}\n`);
}

// "a,b:acme" -> [["a", "default"], ["b", "acme"]]
function loadTokens(spec) {
  return spec.split(',').map((s) => s.trim()).filter(Boolean).map((item) => {
    const colon = item.indexOf(':');
    return colon < 0 ? [item, 'default'] : [item.slice(0, colon), item.slice(colon + 1) || 'default'];
  });
}

const TOKENS = loadTokens(process.env.COPROCESSOR_TOKENS ?? 'secret');

// First value of a header in the envelope's {name: [values]} map, or undefined. Names arrive
// lowercase; compare case-insensitively anyway.
function header(envelope, name) {
  for (const [key, values] of Object.entries(envelope.headers ?? {})) {
    if (key.toLowerCase() === name && Array.isArray(values) && values.length) return values[0];
  }
  return undefined;
}

// Constant-time comparison, as for any secret (hashing first makes the lengths equal).
function sameSecret(a, b) {
  const digest = (s) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

// The claims of a known bearer token, or null.
function claimsFor(authorization) {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return null;
  for (const [known, tenant] of TOKENS) {
    if (sameSecret(known, match[1])) {
      return {iss: 'example-coprocessor', sub: `user@${tenant}`, tenant, scope: 'profile:read'};
    }
  }
  return null;
}

function graphqlError(message, code) {
  return JSON.stringify({errors: [{message, extensions: {code}}]});
}

// --- stages: each takes the received envelope and returns the reply envelope ---------------

function routerRequest(envelope) {
  const claims = claimsFor(header(envelope, 'authorization'));
  if (!claims) {
    log(`RouterRequest ${envelope.id}: rejected (401)`);
    // On break the returned headers become the *response* headers (§4), so send only what the
    // client should see, never the request's headers.
    return {
      version: 1, stage: 'RouterRequest', id: envelope.id,
      control: {break: 401},
      headers: {'content-type': ['application/json'], 'www-authenticate': ['Bearer']},
      body: graphqlError('Not authenticated: send `authorization: Bearer <token>`',
                         'UNAUTHENTICATED'),
    };
  }
  log(`RouterRequest ${envelope.id}: authenticated, tenant ${claims.tenant}`);
  const entries = {...(envelope.context?.entries ?? {}), [CLAIMS_KEY]: claims};
  // Request stages upsert context entries: nothing is lost (§6).
  return {...envelope, control: 'continue', context: {entries}};
}

function subgraphRequest(envelope) {
  const tenant = envelope.context?.entries?.[CLAIMS_KEY]?.tenant;
  if (tenant === undefined || envelope.headers === undefined) {
    // Without the received headers we can't add one: returned headers replace them all (§6),
    // so returning only x-tenant would strip the fetch's headers. Configure
    // `subgraph.all.request.headers: true`.
    return envelope;
  }
  const headers = {};
  for (const [name, values] of Object.entries(envelope.headers)) {
    if (name.toLowerCase() !== 'x-tenant') headers[name] = values;
  }
  headers['x-tenant'] = [String(tenant)];
  log(`SubgraphRequest ${envelope.id} to ${envelope.serviceName}: x-tenant ${tenant}`);
  return {...envelope, headers};
}

function supergraphResponse(envelope) {
  const body = envelope.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return envelope;  // body not sent (`supergraph.response.body: false`)
  }
  // No `control` in the reply: on a response stage it would set the HTTP status (§5).
  return {...envelope, body: {...body, extensions: {...(body.extensions ?? {}), coprocessor: NAME}}};
}

const STAGES = {
  RouterRequest: routerRequest,
  SubgraphRequest: subgraphRequest,
  SupergraphResponse: supergraphResponse,
};

// The reply envelope for one received envelope. Unknown stages continue unchanged.
function handle(envelope) {
  const stage = STAGES[envelope.stage];
  return stage ? stage(envelope) : envelope;
}

// --- HTTP -----------------------------------------------------------------------------------

function reply(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST') return reply(res, 405, {error: 'coprocessor calls are POSTs'});
    let envelope;
    try {
      envelope = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(res, 400, {error: 'body is not JSON'});
    }
    if (envelope === null || typeof envelope !== 'object' || envelope.version !== 1) {
      return reply(res, 400, {error: 'expected a version 1 coprocessor envelope'});
    }
    reply(res, 200, handle(envelope));
  });
});
// The router keeps connections to the coprocessor alive; don't close them under it too early.
server.keepAliveTimeout = 60_000;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const port = Number(option('port', process.env.PORT ?? '8081'));
const host = option('host', process.env.HOST ?? '127.0.0.1');
server.listen(port, host, () => {
  const bound = server.address().port;
  process.stdout.write(`LISTENING ${bound}\n`);
  process.stderr.write(`coprocessor (${NAME}) listening on http://${host}:${bound}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections?.());
}
