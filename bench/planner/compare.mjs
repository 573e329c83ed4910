#!/usr/bin/env node
// Joins Apollo's planning times (apollo-plan-times.mjs) with Plexus's (a Google Benchmark JSON file) and prints the
// ratio apollo median / plexus median per case and per suite. See README.md next to this file.
//
// usage: node bench/planner/compare.mjs PLEXUS.json [APOLLO.jsonl]
//   PLEXUS.json   `--benchmark_format=json` (or --benchmark_out) output. A benchmark counts when its name contains
//                 `plan/<suite>/<n>` (e.g. `BM_Plan/plan/abstract-types/3`, or a name ending `/abstract-types/3`);
//                 with --benchmark_repetitions the `median` aggregate is used, otherwise the iteration's real_time.
//                 A JSON-lines file of {suite, case, plexus_plan_us_median} is accepted too.
//   APOLLO.jsonl  default $PLEXUS_PLANNER_OUT/apollo-plan-times.jsonl or build/planner-bench/apollo/...
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [plexusPath, apolloArg] = process.argv.slice(2);
if (!plexusPath) {
  console.error('usage: node bench/planner/compare.mjs PLEXUS.json [APOLLO.jsonl]');
  process.exit(2);
}
const apolloPath = apolloArg
  || join(process.env.PLEXUS_PLANNER_OUT || join(ROOT, 'build', 'planner-bench', 'apollo'), 'apollo-plan-times.jsonl');

const key = (suite, c) => `${suite}/${c}`;
const apollo = new Map();
for (const l of readFileSync(apolloPath, 'utf8').split('\n').filter(Boolean).map((x) => JSON.parse(x))) {
  if (l.kind === 'supergraph') continue;
  apollo.set(key(l.suite, l.case), l);
}

const toUs = { ns: 1e-3, us: 1, ms: 1e3, s: 1e6 };
const plexus = new Map();
const text = readFileSync(plexusPath, 'utf8');
if (text.trimStart().startsWith('{') && text.includes('"benchmarks"')) {
  const gb = JSON.parse(text);
  const plain = new Map();
  const med = new Map();
  for (const b of gb.benchmarks) {
    const m = /(?:^|\/)(?:plan\/)?([A-Za-z0-9._-]+)\/(\d+)(?:\/|_|$)/.exec(b.run_name ?? b.name);
    if (!m) continue;
    const t = b.real_time * (toUs[b.time_unit ?? 'ns'] ?? 1e-3);
    const k = key(m[1], Number(m[2]));
    if (b.run_type === 'aggregate') { if (b.aggregate_name === 'median') med.set(k, t); }
    else if (!plain.has(k)) plain.set(k, t);
  }
  for (const [k, t] of plain) plexus.set(k, t);
  for (const [k, t] of med) plexus.set(k, t);
} else {
  for (const l of text.split('\n').filter(Boolean).map((x) => JSON.parse(x))) {
    if (l.plexus_plan_us_median != null) plexus.set(key(l.suite, l.case), l.plexus_plan_us_median);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
};
const f = (x, d = 1) => (x == null ? '-' : x.toFixed(d));
const suites = new Map();
for (const [k, a] of apollo) {
  const s = suites.get(a.suite) ?? { cases: 0, both: 0, apollo: 0, plexus: 0, ratios: [], onlyApollo: 0, onlyPlexus: 0 };
  suites.set(a.suite, s);
  s.cases++;
  const p = plexus.get(k);
  const am = a.apollo_plan_us_median;
  if (am != null && p != null) {
    s.both++; s.apollo += am; s.plexus += p; s.ratios.push(am / p);
  } else if (am != null) s.onlyApollo++;
  else if (p != null) s.onlyPlexus++;
}
const rows = [['suite', 'cases', 'both', 'apollo sum us', 'plexus sum us', 'sum ratio', 'median ratio', 'only apollo', 'only plexus']];
const tot = { cases: 0, both: 0, apollo: 0, plexus: 0, ratios: [], onlyApollo: 0, onlyPlexus: 0 };
for (const [name, s] of [...suites].sort()) {
  rows.push([name, s.cases, s.both, f(s.apollo), f(s.plexus), s.plexus ? f(s.apollo / s.plexus) : '-', f(median(s.ratios)),
    s.onlyApollo, s.onlyPlexus].map(String));
  for (const k of Object.keys(tot)) tot[k] = k === 'ratios' ? tot.ratios.concat(s.ratios) : tot[k] + s[k];
}
rows.push(['TOTAL', tot.cases, tot.both, f(tot.apollo), f(tot.plexus), tot.plexus ? f(tot.apollo / tot.plexus) : '-',
  f(median(tot.ratios)), tot.onlyApollo, tot.onlyPlexus].map(String));
const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  '));
  if (i === 0) console.log(w.map((n) => '-'.repeat(n)).join('  '));
}
console.log('\nratio = apollo median / plexus median (> 1: Plexus plans faster). "only apollo": Plexus has no time for a');
console.log('case Apollo planned (not benchmarked or failed); "only plexus": Apollo failed (see apollo-plan-times summary).');
