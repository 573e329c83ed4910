// Times graphql-js parse/validate as a baseline for Plexus.
//
//   node bench.mjs [--warmup-ms 2000] [--measure-ms 3000]
//
// (a) corpus/bench_api/bench_query.graphql (shared/bench/data/query.graphql) and
// (b) corpus/bench_api/introspection_query_default.graphql (getIntrospectionQuery() with default
//     options), both against schemas/bench_api.graphql: the very files bench/graphql_bench.cc reads.
// Prints one JSON object with mean nanoseconds per iteration. The
// parse_validate_* numbers re-parse the source on every iteration (no AST
// reuse); validate_* numbers validate one pre-parsed AST repeatedly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate, version, assertValidSchema } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const WARMUP_MS = arg('--warmup-ms', 2000);
const MEASURE_MS = arg('--measure-ms', 3000);

const schema = buildSchema(fs.readFileSync(path.join(here, 'schemas/bench_api.graphql'), 'utf8'));
assertValidSchema(schema);
const benchQuery = fs.readFileSync(path.join(here, 'corpus/bench_api/bench_query.graphql'), 'utf8');
const introspectionQuery = fs.readFileSync(
  path.join(here, 'corpus/bench_api/introspection_query_default.graphql'), 'utf8');

// Sanity: both documents must be valid.
for (const src of [benchQuery, introspectionQuery]) {
  const errors = validate(schema, parse(src));
  if (errors.length) throw new Error(`unexpected validation errors: ${errors.map((e) => e.message).join('; ')}`);
}

let sink = 0;
function run(fn, ms) {
  const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  let iters = 0;
  const start = process.hrtime.bigint();
  let now = start;
  do {
    for (let i = 0; i < 64; i++) sink ^= fn();
    iters += 64;
    now = process.hrtime.bigint();
  } while (now < end);
  return { iters, ns: Number(now - start) };
}
const ROUNDS = 5;
function bench(fn) {
  run(fn, WARMUP_MS);
  // Measure in rounds: the overall mean is the headline number; the best
  // round's mean is reported too, as it is less sensitive to a busy machine.
  let iters = 0;
  let ns = 0;
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const x = run(fn, MEASURE_MS / ROUNDS);
    iters += x.iters;
    ns += x.ns;
    best = Math.min(best, x.ns / x.iters);
  }
  return { mean_ns: ns / iters, best_round_ns: best, iters };
}

const benchDoc = parse(benchQuery);
const introDoc = parse(introspectionQuery);
const cases = {
  parse_validate_bench_query_ns: () => validate(schema, parse(benchQuery)).length + 1,
  parse_validate_introspection_ns: () => validate(schema, parse(introspectionQuery)).length + 1,
  parse_bench_query_ns: () => parse(benchQuery).definitions.length,
  parse_introspection_ns: () => parse(introspectionQuery).definitions.length,
  validate_bench_query_ns: () => validate(schema, benchDoc).length + 1,
  validate_introspection_ns: () => validate(schema, introDoc).length + 1,
};

const out = {};
const iterations = {};
const bestRound = {};
for (const [name, fn] of Object.entries(cases)) {
  const r = bench(fn);
  out[name] = Math.round(r.mean_ns);
  iterations[name] = r.iters;
  bestRound[name] = Math.round(r.best_round_ns);
}
out.meta = {
  graphql: version,
  node: process.version,
  warmup_ms: WARMUP_MS,
  measure_ms: MEASURE_MS,
  rounds: ROUNDS,
  iterations,
  best_round_ns: bestRound,
  bench_query_bytes: Buffer.byteLength(benchQuery),
  introspection_query_bytes: Buffer.byteLength(introspectionQuery),
};
if (sink === 0.5) console.error(sink); // keep results observable
console.log(JSON.stringify(out, null, 2));
