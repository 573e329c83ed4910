// Serves every subgraph of one set from this process, subgraph i on port-base + i (sorted by SDL file name), built
// with @apollo/subgraph's buildSubgraphSchema. Plain node:http + graphql-js execution.
//   node lib/subgraphs.mjs --set NAME --port-base N
// Endpoints on every port: POST /graphql (also POST /), GET /health, POST /__reset (restores the set's initial
// data: the runner calls it before every request it sends to a gateway, so mutations see the same state).
// Prints "ready" on stdout once all ports listen. With DIFFERENTIAL_SUBGRAPH_LOG=1 in the environment, every request
// and its answer is printed on stdout too (one JSON line each; the runner puts them in <work>/<set>/subgraphs.log), so
// the subgraph fetches of each gateway can be compared. The runner's POST /__reset marks where the next request starts.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parse, validate, execute, specifiedRules } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadSet } from './sets.mjs';

const args = process.argv.slice(2);
const arg = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const set = loadSet(arg('--set'));
const portBase = parseInt(arg('--port-base', '29750'), 10);
const mod = await import(pathToFileURL(join(set.dir, 'resolvers.mjs')).href);

const schemas = set.subgraphs.map((s) => {
  const resolvers = mod.resolvers[s.name];
  if (!resolvers) throw new Error(`set ${set.name}: resolvers.mjs has no resolvers for subgraph ${s.name}`);
  return { name: s.name, schema: buildSubgraphSchema([{ typeDefs: parse(s.sdl), resolvers }]) };
});
const docCache = new Map();
const logRequests = process.env.DIFFERENTIAL_SUBGRAPH_LOG === '1';

async function handle(schema, raw) {
  let req;
  try { req = JSON.parse(raw); } catch { return { status: 400, body: { errors: [{ message: 'request body is not JSON' }] } }; }
  if (typeof req.query !== 'string') return { status: 400, body: { errors: [{ message: 'no query' }] } };
  let doc = docCache.get(req.query);
  if (!doc) {
    try { doc = parse(req.query); } catch (e) { return { status: 400, body: { errors: [{ message: e.message }] } }; }
    const errs = validate(schema, doc, specifiedRules);
    if (errs.length) return { status: 400, body: { errors: errs.map((e) => e.toJSON()) } };
    docCache.set(req.query, doc);
  }
  const result = await execute({
    schema, document: doc, variableValues: req.variables ?? undefined, operationName: req.operationName ?? undefined,
    contextValue: {},
  });
  const body = {};
  if (result.errors) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data;
  return { status: 200, body };
}

let listening = 0;
schemas.forEach(({ name, schema }, i) => {
  const server = http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    const reply = (status, body) => {
      const buf = Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': buf.length });
      res.end(buf);
    };
    if (req.method === 'GET' && path === '/health') return reply(200, { ok: true, subgraph: name });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && path === '/__reset') {
        if (logRequests) console.log('--- reset');
        mod.reset?.();
        return reply(200, { reset: true });
      }
      if (req.method !== 'POST' || (path !== '/graphql' && path !== '/')) return reply(404, { error: 'not found' });
      const raw = Buffer.concat(chunks).toString('utf8');
      handle(schema, raw)
        .then((r) => {
          if (logRequests) {
            let request = raw;
            try { request = JSON.parse(raw); } catch { /* logged as text */ }
            console.log(JSON.stringify({ subgraph: name, request, status: r.status, response: r.body }));
          }
          reply(r.status, r.body);
        })
        .catch((e) => reply(500, { errors: [{ message: `subgraph ${name} crashed: ${e.message}` }] }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(portBase + i, '127.0.0.1', () => {
    if (++listening === schemas.length) console.log(`ready set=${set.name} subgraphs=${schemas.map((s, j) => `${s.name}:${portBase + j}`).join(',')}`);
  });
  server.on('error', (e) => { console.error(`subgraph ${name} on port ${portBase + i}: ${e.message}`); process.exit(3); });
});
mod.reset?.();
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
