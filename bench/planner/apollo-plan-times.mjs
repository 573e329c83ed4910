#!/usr/bin/env node
// Times Apollo's JS query planner (@apollo/query-planner, the planner in @apollo/gateway) on the planner benchmark's
// cases (bench/planner/extract-cases). See README.md next to this file.
//
// Per supergraph (not timed): Supergraph.build(sdl), supergraph.apiSchema().
// Per case, each of --runs runs (after --warmup unmeasured ones):
//   - untimed: parse(query) + operationFromDocument(apiSchema, doc) (as @apollo/gateway does; timed separately and
//     reported as parse_op_us), and a fresh `new QueryPlanner(supergraph)` (timed, reported per supergraph as
//     construction), then gc() when node runs with --expose-gc;
//   - timed: planner.buildQueryPlan(operation) — a "cold" plan: fresh planner and fresh operation each run, so no
//     planner-internal state carries over (the JIT is warm, as in a long-running gateway).
// Output (--out, default $PLEXUS_PLANNER_OUT or build/planner-bench/apollo):
//   apollo-plan-times.jsonl   one JSON object per case (and per supergraph, kind "supergraph")
//   <suite>/<n>.apollo-plan.txt   prettyFormatQueryPlan(plan), or "ERROR: ..." when Apollo cannot plan the case
//   summary.txt               the per-suite table printed on stdout
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

function usage() {
  return `usage: node [--expose-gc] bench/planner/apollo-plan-times.mjs [options]
  --cases DIR     cases from extract-cases (default $PLEXUS_PLANNER_CASES or build/planner-cases)
  --out DIR       results (default $PLEXUS_PLANNER_OUT or build/planner-bench/apollo)
  --runs N        measured runs per case (default 20)
  --warmup N      unmeasured runs per case first (default 2)
  --suite A,B     only these suites (default all, "bench" included)
  --case N        only case N of the selected suites
  --no-jit-warmup do not plan every case once before measuring
  --quiet         no per-case lines on stderr`;
}

const opts = {
  cases: process.env.PLEXUS_PLANNER_CASES || join(ROOT, 'build', 'planner-cases'),
  out: process.env.PLEXUS_PLANNER_OUT || join(ROOT, 'build', 'planner-bench', 'apollo'),
  runs: 20,
  warmup: 2,
  suites: null,
  case: null,
  quiet: false,
  jitWarmup: true,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => {
    if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
    return argv[++i];
  };
  switch (a) {
    case '--cases': opts.cases = resolve(val()); break;
    case '--out': opts.out = resolve(val()); break;
    case '--runs': opts.runs = Math.max(1, parseInt(val(), 10)); break;
    case '--warmup': opts.warmup = Math.max(0, parseInt(val(), 10)); break;
    case '--suite': opts.suites = (opts.suites || []).concat(val().split(',').filter(Boolean)); break;
    case '--case': opts.case = val(); break;
    case '--quiet': opts.quiet = true; break;
    case '--no-jit-warmup': opts.jitWarmup = false; break;
    case '-h': case '--help': console.log(usage()); process.exit(0);
    default: console.error(usage()); console.error(`unknown argument: ${a}`); process.exit(2);
  }
}
if (!existsSync(opts.cases)) {
  console.error(`no cases at ${opts.cases}: run bench/planner/extract-cases first`);
  process.exit(2);
}

const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) console.error('note: run node with --expose-gc for steadier numbers (gc between runs)');

const nowNs = () => process.hrtime.bigint();
const us = (ns) => Number(ns) / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

function countFetches(node) {
  if (!node) return 0;
  switch (node.kind) {
    case 'Fetch': return 1;
    case 'Sequence': case 'Parallel': return node.nodes.reduce((n, c) => n + countFetches(c), 0);
    case 'Flatten': return countFetches(node.node);
    case 'Condition': return countFetches(node.ifClause) + countFetches(node.elseClause);
    case 'Defer': return countFetches(node.primary?.node) + node.deferred.reduce((n, d) => n + countFetches(d.node), 0);
    case 'Subscription': return countFetches(node.primary) + countFetches(node.rest);
    default: throw new Error(`unknown plan node kind ${node.kind}`);
  }
}

const byNumber = (a, b) => a.localeCompare(b, 'en', { numeric: true });
let suites = readdirSync(opts.cases)
  .filter((d) => statSync(join(opts.cases, d)).isDirectory() && existsSync(join(opts.cases, d, 'supergraph.graphql')))
  .sort();
if (opts.suites) {
  for (const s of opts.suites) if (!suites.includes(s)) { console.error(`unknown suite ${s}`); process.exit(2); }
  suites = suites.filter((s) => opts.suites.includes(s));
}

mkdirSync(opts.out, { recursive: true });
const lines = [];
const table = [];
const errors = [];
const t0 = Date.now();

// JIT warm-up: plan every selected case once before measuring anything, so the first suites are not measured on colder
// code than the last ones (V8 compiles the planner's hot paths after a few hundred plans).
if (opts.jitWarmup) {
  for (const suite of suites) {
    const dir = join(opts.cases, suite);
    try {
      const sg = Supergraph.build(readFileSync(join(dir, 'supergraph.graphql'), 'utf8'));
      const api = sg.apiSchema();
      const planner = new QueryPlanner(sg);
      for (const f of readdirSync(dir).filter((f) => /^\d+\.graphql$/.test(f))) {
        try {
          planner.buildQueryPlan(operationFromDocument(api, parse(readFileSync(join(dir, f), 'utf8'))));
        } catch {}
      }
    } catch {}
  }
}
const tWarm = Date.now();

for (const suite of suites) {
  const dir = join(opts.cases, suite);
  const sdl = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
  let caseIds = readdirSync(dir)
    .filter((f) => /^\d+\.graphql$/.test(f))
    .map((f) => f.replace(/\.graphql$/, ''))
    .sort(byNumber);
  if (opts.case != null) caseIds = caseIds.filter((c) => c === opts.case);
  mkdirSync(join(opts.out, suite), { recursive: true });
  let expects = [];
  try {
    expects = JSON.parse(readFileSync(join(dir, 'tests.json'), 'utf8')).map((t) => Boolean(t.expected?.errors));
  } catch {}

  let supergraph, apiSchema, buildUs;
  try {
    const s = nowNs();
    supergraph = Supergraph.build(sdl);
    apiSchema = supergraph.apiSchema();
    buildUs = us(nowNs() - s);
  } catch (e) {
    // The whole suite is unplannable.
    const msg = `Supergraph.build: ${e?.message ?? e}`;
    for (const c of caseIds) {
      writeFileSync(join(opts.out, suite, `${c}.apollo-plan.txt`), `ERROR: ${msg}\n`);
      lines.push({ suite, case: Number(c), apollo_plan_us_median: null, apollo_plan_us_min: null, fetch_count: null, plan_text: null, error: msg });
      errors.push(`${suite}_${c}: ${msg}`);
    }
    table.push({ suite, cases: caseIds.length, errors: caseIds.length });
    continue;
  }

  const ctorSamples = [];
  const newPlanner = () => {
    const s = nowNs();
    const p = new QueryPlanner(supergraph);
    ctorSamples.push(us(nowNs() - s));
    return p;
  };
  newPlanner(); // the first construction (colder JIT) is reported separately
  const ctorFirstUs = ctorSamples.pop();

  const suiteMedians = [];
  const suiteWarm = [];
  let suiteErrors = 0;
  for (const c of caseIds) {
    const query = readFileSync(join(dir, `${c}.graphql`), 'utf8');
    const rec = { suite, case: Number(c) };
    if (expects.length) rec.audit_expects_errors = expects[Number(c)] ?? false;
    let stage = 'operation';
    try {
      operationFromDocument(apiSchema, parse(query));
      stage = 'plan';
      const parseSamples = [];
      const planSamples = [];
      let plan, firstUs;
      for (let r = 0; r < opts.warmup + opts.runs; r++) {
        let s = nowNs();
        const operation = operationFromDocument(apiSchema, parse(query));
        parseSamples.push(us(nowNs() - s));
        const planner = newPlanner();
        gc();
        s = nowNs();
        plan = planner.buildQueryPlan(operation);
        const t = us(nowNs() - s);
        if (r === 0) firstUs = t;
        if (r >= opts.warmup) planSamples.push(t);
      }
      // Warm, for reference: one planner, already used once for this operation (Apollo keeps no plan cache in
      // QueryPlanner, but its query graph and condition-resolution caches are filled).
      const warmSamples = [];
      const warmPlanner = new QueryPlanner(supergraph);
      warmPlanner.buildQueryPlan(operationFromDocument(apiSchema, parse(query)));
      for (let r = 0; r < opts.runs; r++) {
        const operation = operationFromDocument(apiSchema, parse(query));
        gc();
        const s = nowNs();
        warmPlanner.buildQueryPlan(operation);
        warmSamples.push(us(nowNs() - s));
      }
      const text = prettyFormatQueryPlan(plan);
      Object.assign(rec, {
        apollo_plan_us_median: round(median(planSamples)),
        apollo_plan_us_min: round(Math.min(...planSamples)),
        fetch_count: countFetches(plan.node),
        plan_text: text,
        apollo_plan_us_first: round(firstUs),
        apollo_plan_warm_us_median: round(median(warmSamples)),
        apollo_parse_op_us_median: round(median(parseSamples)),
        runs: opts.runs,
      });
      writeFileSync(join(opts.out, suite, `${c}.apollo-plan.txt`), text + '\n');
      suiteMedians.push(rec.apollo_plan_us_median);
      suiteWarm.push(rec.apollo_plan_warm_us_median);
      if (!opts.quiet) {
        console.error(`${suite}_${c}: median ${rec.apollo_plan_us_median} us, min ${rec.apollo_plan_us_min} us, warm ${rec.apollo_plan_warm_us_median} us, ${rec.fetch_count} fetches`);
      }
    } catch (e) {
      const msg = String(e?.message ?? e).split('\n')[0];
      Object.assign(rec, { apollo_plan_us_median: null, apollo_plan_us_min: null, fetch_count: null, plan_text: null, error: msg, error_stage: stage });
      writeFileSync(join(opts.out, suite, `${c}.apollo-plan.txt`), `ERROR (${stage}): ${e?.message ?? e}\n`);
      errors.push(`${suite}_${c} [${stage}${rec.audit_expects_errors ? ', audit expects errors' : ''}]: ${msg}`);
      suiteErrors++;
      if (!opts.quiet) console.error(`${suite}_${c}: ERROR ${msg}`);
    }
    lines.push(rec);
  }
  const ctorMedian = ctorSamples.length ? median(ctorSamples) : ctorFirstUs;
  lines.push({
    kind: 'supergraph', suite, supergraph_build_us: round(buildUs), apollo_planner_ctor_us_first: round(ctorFirstUs),
    apollo_planner_ctor_us_median: round(ctorMedian), apollo_planner_ctor_samples: ctorSamples.length,
  });
  table.push({
    suite, cases: caseIds.length, errors: suiteErrors,
    sum: suiteMedians.reduce((a, b) => a + b, 0), median: suiteMedians.length ? median(suiteMedians) : null,
    max: suiteMedians.length ? Math.max(...suiteMedians) : null, ctor: ctorMedian, build: buildUs,
    warm: suiteWarm.reduce((a, b) => a + b, 0),
  });
}

writeFileSync(join(opts.out, 'apollo-plan-times.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

// --- the readable table ------------------------------------------------------------------------------------------------
const f = (x) => (x == null ? '-' : x >= 1000 ? x.toFixed(0) : x.toFixed(1));
const out = [];
out.push(`Apollo query planner (@apollo/query-planner ${pkgVersion('@apollo/query-planner')}, graphql ${pkgVersion('graphql')}, node ${process.version})`);
out.push(`runs=${opts.runs} warmup=${opts.warmup} gc=${globalThis.gc ? 'yes' : 'no'}   times in microseconds`);
out.push('per case: median of runs of buildQueryPlan on a fresh QueryPlanner (cold); warm = same planner, plan repeated;');
out.push('per suite: sum/median/max of the case medians; planner ctor = median of new QueryPlanner(supergraph)');
out.push('');
const hdr = ['suite', 'cases', 'err', 'sum(median)', 'median', 'max', 'sum(warm)', 'planner ctor', 'Supergraph.build'];
const rows = table.map((t) => [t.suite, String(t.cases), String(t.errors), f(t.sum), f(t.median), f(t.max), f(t.warm), f(t.ctor), f(t.build)]);
const all = lines.filter((l) => l.kind !== 'supergraph' && l.apollo_plan_us_median != null).map((l) => l.apollo_plan_us_median);
const audit = lines.filter((l) => l.kind !== 'supergraph' && l.suite !== 'bench' && l.apollo_plan_us_median != null).map((l) => l.apollo_plan_us_median);
const nCases = lines.filter((l) => l.kind !== 'supergraph').length;
rows.push(['TOTAL', String(nCases), String(errors.length), f(all.reduce((a, b) => a + b, 0)), f(all.length ? median(all) : null),
  f(all.length ? Math.max(...all) : null), f(table.reduce((a, t) => a + (t.warm ?? 0), 0)), '', '']);
const w = hdr.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
out.push(fmt(hdr));
out.push(w.map((n) => '-'.repeat(n)).join('  '));
for (const r of rows) out.push(fmt(r));
out.push('');
out.push(`audit cases planned: ${audit.length}, sum of medians ${f(audit.reduce((a, b) => a + b, 0))} us, median ${f(audit.length ? median(audit) : null)} us`);
out.push(`cases Apollo could not plan: ${errors.length} (operation = rejected by operationFromDocument, plan = buildQueryPlan threw)`);
for (const e of errors) out.push(`  ${e}`);
out.push(`wall ${((Date.now() - t0) / 1000).toFixed(1)} s (JIT warm-up ${((tWarm - t0) / 1000).toFixed(1)} s); results in ${opts.out}`);
const text = out.join('\n') + '\n';
writeFileSync(join(opts.out, 'summary.txt'), text);
process.stdout.write(text);

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}
