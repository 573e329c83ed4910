// The differential runner: for each set, starts its subgraphs (one child process), composes the supergraph, starts
// Apollo Gateway in this process (the oracle) and the router under test as a child, sends every operation
// (hand-written and generated) to both, and compares the answers (see compare.mjs). Invoked by ../run.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, openSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { listSets, loadSet, handWrittenOperations, ROOT } from './sets.mjs';
import { composeSet } from './compose.mjs';
import { generateOperations, DEFAULT_SEED } from './generate.mjs';
import { compareResponses } from './compare.mjs';
import { prepareOperation, specCheck } from './speccheck.mjs';

const USAGE = `usage: run --router PATH [options]
  --router PATH        the router binary; started as PATH --supergraph FILE --config YAML, where YAML is
                       "supergraph:\\n  listen: 127.0.0.1:PORT\\n"; GraphQL is POSTed as JSON to http://127.0.0.1:PORT/
  --oracle-only        no router: run Apollo Gateway alone and report its errors (checks the sets and queries)
  --set NAME           only this set (repeatable or comma-separated); default: all (${listSets().join(', ')})
  --seed N             generator seed (default ${DEFAULT_SEED})
  --count N            generated operations per set (default 60)
  --no-hand-written    only generated operations
  --only NAME          only the operations with this name (repeatable or comma-separated), e.g. Gen12
  --port-base N        first port (default 29750): subgraphs N.., Apollo Gateway N+20 (N+21, N+22), router N+23
  --report FILE        JSON report (default: <work dir>/report.json)
  --max-diffs N        failures printed in full (default 10; all are in the report)
  --startup-timeout S  how long the router may take to answer "query ping { __typename }" (default 60)
  --request-timeout S  per request (default 30)
  --work-dir DIR       where supergraphs, router.yaml, logs and the report go (default: a new /tmp/plexus-differential-*)
Exit status: 0 all agree, 1 some operation differs, 2 harness error.`;

const opts = { sets: [], only: [], seed: DEFAULT_SEED, count: 60, handWritten: true, portBase: 29750, maxDiffs: 10,
  startupTimeout: 60, requestTimeout: 30, oracleOnly: false };
{
  const a = process.argv.slice(2);
  const need = (i) => { if (i + 1 >= a.length) die(`${a[i]} needs a value`); return a[i + 1]; };
  for (let i = 0; i < a.length; i++) {
    switch (a[i]) {
      case '--router': opts.router = need(i); i++; break;
      case '--oracle-only': opts.oracleOnly = true; break;
      case '--set': opts.sets.push(...need(i).split(',').filter(Boolean)); i++; break;
      case '--only': opts.only.push(...need(i).split(',').filter(Boolean)); i++; break;
      case '--seed': opts.seed = int(need(i), '--seed'); i++; break;
      case '--count': opts.count = int(need(i), '--count'); i++; break;
      case '--no-hand-written': opts.handWritten = false; break;
      case '--port-base': opts.portBase = int(need(i), '--port-base'); i++; break;
      case '--report': opts.report = resolve(need(i)); i++; break;
      case '--max-diffs': opts.maxDiffs = int(need(i), '--max-diffs'); i++; break;
      case '--startup-timeout': opts.startupTimeout = int(need(i), '--startup-timeout'); i++; break;
      case '--request-timeout': opts.requestTimeout = int(need(i), '--request-timeout'); i++; break;
      case '--work-dir': opts.workDir = resolve(need(i)); i++; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: die(`unknown argument ${a[i]}\n${USAGE}`);
    }
  }
  if (!opts.router && !opts.oracleOnly) die(`--router PATH is required (or --oracle-only)\n${USAGE}`);
  if (opts.router) {
    opts.router = resolve(opts.router);
    if (!existsSync(opts.router)) die(`--router ${opts.router}: no such file`);
  }
  if (!opts.sets.length) opts.sets = listSets();
}
function int(s, what) { const n = Number(s); if (!Number.isInteger(n) || n < 0) die(`${what}: not a number: ${s}`); return n; }
function die(msg) { console.error(`differential: ${msg}`); process.exit(2); }
const log = (msg) => console.error(`[differential] ${msg}`);

// ---------------------------------------------------------------- child processes
const children = new Set();
function startChild(cmd, args, logFile, env = {}) {
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', fd], env: { ...process.env, ...env } });
  child.stdout.on('data', (d) => writeFileSync(logFile, d, { flag: 'a' }));
  children.add(child);
  child.exitInfo = null;
  child.on('exit', (code, signal) => { child.exitInfo = { code, signal }; children.delete(child); });
  return child;
}
function killGroup(child, signal) { try { process.kill(-child.pid, signal); } catch { /* gone */ } }
async function stopChild(child, graceMs = 5000) {
  if (!child || child.exitInfo) return;
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child, 'SIGTERM');
  const t = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
  killGroup(child, 'SIGKILL'); // anything left in its process group
}
process.on('exit', () => { for (const c of children) killGroup(c, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { log(`${sig}: stopping`); process.exit(2); });

const SECOND_OPINIONS = 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function portFree(port) {
  return new Promise((res) => {
    const s = net.createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}
function waitForLine(child, re, timeoutMs, what) {
  return new Promise((res, rej) => {
    let buf = '';
    const t = setTimeout(() => rej(new Error(`${what}: not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on('data', (d) => { buf += d; if (re.test(buf)) { clearTimeout(t); res(); } });
    child.once('exit', (code, sig) => { clearTimeout(t); rej(new Error(`${what} exited (code ${code}, signal ${sig})`)); });
  });
}

async function post(url, body, timeoutS) {
  try {
    const r = await fetch(url, {
      method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutS * 1000),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: r.status, text, json };
  } catch (e) {
    return { status: 0, text: '', json: undefined, error: `request failed: ${e.cause?.message ?? e.message}` };
  }
}

async function waitForPing(url, child, timeoutS) {
  const deadline = Date.now() + timeoutS * 1000;
  let last = '';
  while (Date.now() < deadline) {
    if (child?.exitInfo) throw new Error(`the router exited before answering (code ${child.exitInfo.code}, signal ${child.exitInfo.signal})`);
    const r = await post(url, { operationName: 'ping', query: 'query ping { __typename }' }, 2);
    if (r.json?.data?.__typename === 'Query') return;
    last = r.error ?? `status ${r.status}: ${r.text.slice(0, 200)}`;
    await sleep(100);
  }
  throw new Error(`no answer to "query ping { __typename }" at ${url} within ${timeoutS} s (last: ${last})`);
}

const quietLogger = { debug() {}, info() {}, warn() {}, error: (m) => log(`apollo: ${m}`) };
async function startOracle(supergraphSdl, port) {
  const gateway = new ApolloGateway({ supergraphSdl, logger: quietLogger });
  const server = new ApolloServer({ gateway, logger: quietLogger, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { server, url };
}

const tail = (file, n = 30) => { try { return readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return ''; } };

// ---------------------------------------------------------------- one set
async function runSet(setName, work) {
  const set = loadSet(setName);
  const dir = join(work, setName);
  mkdirSync(dir, { recursive: true });
  const result = { name: setName, subgraphs: set.subgraphs.map((s) => s.name), operations: 0, handWritten: 0,
    generated: 0, agree: 0, classes: {}, failures: [], oracleWarnings: [], oracleUnstable: [], oracleInvalid: [],
    generatedWithOracleErrors: 0 };
  const base = opts.portBase;
  const oraclePort = base + 20, routerPort = base + 23; // oraclePort + 1, + 2: second opinions
  if (set.subgraphs.length > 20) throw new Error('at most 20 subgraphs per set');
  const ports = [...set.subgraphs.map((_, i) => base + i), oraclePort, oraclePort + 1, oraclePort + 2];
  if (!opts.oracleOnly) ports.push(routerPort);
  for (const p of ports) {
    if (!(await portFree(p))) throw new Error(`port ${p} is in use (pick another --port-base)`);
  }

  const composed = composeSet(set, base);
  const supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
  const configFile = join(dir, 'router.yaml');
  // Apollo Gateway passes subgraph errors through; the router redacts them unless told otherwise.
  writeFileSync(configFile, `supergraph:\n  listen: 127.0.0.1:${routerPort}\n` +
    'health_check:\n  enabled: false\ninclude_subgraph_errors:\n  all: true\n');

  let ops = opts.handWritten ? handWrittenOperations(set) : [];
  result.handWritten = ops.length;
  const gen = generateOperations(composed.apiSchema, { setName, seed: opts.seed, count: opts.count, hints: set.generator });
  result.generated = gen.operations.length;
  ops = [...ops, ...gen.operations];
  if (opts.only.length) ops = ops.filter((o) => opts.only.includes(o.name));
  writeFileSync(join(dir, 'operations.json'), JSON.stringify(ops, null, 2));

  let subgraphs, oracle, router;
  const secondOpinions = [];
  try {
    subgraphs = startChild(process.execPath, [join(ROOT, 'lib', 'subgraphs.mjs'), '--set', setName, '--port-base', String(base)],
      join(dir, 'subgraphs.log'));
    await waitForLine(subgraphs, /^ready/m, 30_000, `subgraphs of set ${setName}`).catch((e) => {
      throw new Error(`${e.message}\n${tail(join(dir, 'subgraphs.log'))}`);
    });
    oracle = await startOracle(composed.supergraphSdl, oraclePort);
    const oracleUrl = `http://127.0.0.1:${oraclePort}/`;
    const routerUrl = `http://127.0.0.1:${routerPort}/`;
    const routerLog = join(dir, 'router.log');
    if (!opts.oracleOnly) {
      router = startChild(opts.router, ['--supergraph', supergraphFile, '--config', configFile], routerLog);
      await waitForPing(routerUrl, router, opts.startupTimeout).catch((e) => {
        throw new Error(`${e.message}\nrouter log (${routerLog}):\n${tail(routerLog)}`);
      });
    }
    const reset = async () => {
      const r = await post(`http://127.0.0.1:${base}/__reset`, {}, 10);
      if (!r.json?.reset) throw new Error(`subgraph reset failed: ${r.error ?? r.text}`);
    };
    for (const op of ops) {
      const body = { query: op.query, operationName: op.name, ...(op.variables ? { variables: op.variables } : {}) };
      const spec = prepareOperation(composed.apiSchema, op.query, op.name, op.variables);
      await reset();
      const o = await post(oracleUrl, body, opts.requestTimeout);
      const oracleProblems = o.json === undefined ? null : specCheck(spec, o.json);
      const oracleHasErrors = Array.isArray(o.json?.errors) && o.json.errors.length > 0;
      if (op.kind === 'hand-written' && oracleHasErrors !== op.expectErrors) {
        result.oracleWarnings.push({ name: op.name, expectErrors: op.expectErrors, oracle: o.json ?? o.text });
      }
      if (op.kind === 'generated' && oracleHasErrors) result.generatedWithOracleErrors++;
      result.operations++;
      if (opts.oracleOnly) {
        (result.oracleAnswers ??= {})[op.name] = o.json ?? o.text;
        if (o.json === undefined) throw new Error(`oracle answered non-JSON for ${op.name}: ${o.error ?? o.text}`);
        if (oracleProblems.length) result.oracleInvalid.push({ name: op.name, reason: oracleProblems });
        continue;
      }
      await reset();
      const r = await post(routerUrl, body, opts.requestTimeout);
      const routerProblems = r.json === undefined ? null : specCheck(spec, r.json);
      let cmp = compareResponses(o, r);
      const answers = []; // Apollo Gateway's further answers, if asked
      if (cmp.classes.length && !cmp.classes.includes('transport')) {
        // Apollo Gateway is not fully deterministic: seen with nested @interfaceObject fetches, where one gateway
        // instance keeps losing fields that another instance returns. Before calling this a difference, ask the
        // same instance again, then up to SECOND_OPINIONS fresh instances (same supergraph, made on demand). If
        // one of them gives the router's answer, the operation agrees and is listed as oracle-unstable.
        await reset();
        answers.push(await post(oracleUrl, body, opts.requestTimeout));
        for (let k = 0; k < SECOND_OPINIONS && !answers.some((x) => !compareResponses(x, r).classes.length); k++) {
          secondOpinions[k] ??= await startOracle(composed.supergraphSdl, oraclePort + 1 + k);
          await reset();
          answers.push(await post(secondOpinions[k].url, body, opts.requestTimeout));
        }
        const match = answers.find((x) => !compareResponses(x, r).classes.length);
        if (match || answers.some((x) => compareResponses(o, x).classes.length)) result.oracleUnstable.push(op.name);
        if (match) cmp = compareResponses(match, r);
      }
      // Apollo Gateway's answer is not always valid GraphQL (speccheck.mjs). Where it differs and is invalid, compare
      // with one of its other answers that is valid; if none is, this is not a failure but an oracle-invalid case,
      // and the router's answer only has to be valid itself (below).
      let oracleInvalid = null;
      if (cmp.classes.length && !cmp.classes.includes('transport') && oracleProblems?.length) {
        const valid = answers.find((x) => x.json !== undefined && !specCheck(spec, x.json).length);
        if (valid) cmp = compareResponses(valid, r);
        else {
          oracleInvalid = { name: op.name, reason: oracleProblems, differs: cmp.classes };
          cmp = { classes: [], detail: {} };
        }
      }
      // The router's answer must be valid GraphQL, whether it matches or not.
      if (routerProblems?.length) { cmp.classes.push('spec'); cmp.detail.spec = routerProblems; }
      if (oracleInvalid && routerProblems?.length) cmp.detail.oracleInvalid = oracleInvalid.reason; // a failure ('spec')
      else if (oracleInvalid) {
        result.oracleInvalid.push(oracleInvalid);
        (result.oracleInvalidAnswers ??= {})[op.name] = { query: op.query, variables: op.variables, oracle: o.json, router: r.json };
      }
      if (!cmp.classes.length) { if (!oracleInvalid) result.agree++; continue; }
      const known = (set.knownDifferences ?? []).find((k) => k.seed === opts.seed && k.name === op.name &&
        cmp.classes.length === 1 && cmp.classes[0] === 'data' && cmp.detail.data?.path === k.path);
      if (known) { (result.known ??= []).push({ name: op.name, path: known.path, reason: known.reason }); continue; }
      for (const c of cmp.classes) result.classes[c] = (result.classes[c] ?? 0) + 1;
      result.failures.push({ set: setName, name: op.name, kind: op.kind, classes: cmp.classes, detail: cmp.detail,
        query: op.query, variables: op.variables, oracle: o.json ?? o.text, router: r.json ?? (r.error || r.text) });
      if (router.exitInfo) {
        throw new Error(`the router exited during ${op.name} (code ${router.exitInfo.code}, signal ${router.exitInfo.signal})\n${tail(routerLog)}`);
      }
    }
  } finally {
    await stopChild(router);
    if (router && router.exitInfo?.signal === 'SIGKILL') result.routerIgnoredSigterm = true;
    for (const g of [oracle, ...secondOpinions]) if (g) await g.server.stop().catch(() => {});
    await stopChild(subgraphs, 2000);
  }
  return result;
}

// ---------------------------------------------------------------- output
const short = (v, n = 600) => { const s = typeof v === 'string' ? v : JSON.stringify(v); return s.length > n ? s.slice(0, n) + '…' : s; };
function printFailure(f) {
  const lines = [`--- [${f.set}] ${f.name} (${f.kind}): ${f.classes.join(', ')}`, f.query.replace(/^/gm, '    ')];
  if (f.variables) lines.push(`    variables: ${JSON.stringify(f.variables)}`);
  const d = f.detail;
  if (d.transport) lines.push(`  transport: ${d.transport}`, `  router answered: ${short(f.router)}`);
  if (d.spec) for (const p of d.spec) lines.push(`  router answer is not valid GraphQL: ${p}`);
  if (d.oracleInvalid) lines.push(`  (Apollo Gateway's answer is not valid GraphQL either: ${d.oracleInvalid.join('; ')})`);
  if (d.data) lines.push(`  data differs at ${d.data.path}: Apollo ${short(d.data.oracle, 300)} | router ${short(d.data.actual, 300)}`);
  if (d.keyOrder) lines.push(`  key order differs at ${d.keyOrder.path}: Apollo ${d.keyOrder.oracle} | router ${d.keyOrder.actual}`);
  if (d.errors) {
    const fe = (e) => `${JSON.stringify(e.message)} at ${JSON.stringify(e.path)}${e.code ? ` (${e.code})` : ''}`;
    for (const e of d.errors.missing) lines.push(`  error only from Apollo: ${fe(e)}`);
    for (const e of d.errors.extra) lines.push(`  error only from router: ${fe(e)}`);
    for (const e of d.errors.codes) lines.push(`  error code differs: ${fe(e)} router code ${e.actualCode}`);
  }
  if (d.data || d.keyOrder || d.spec) {
    lines.push(`  Apollo: ${short(f.oracle, 1500)}`, `  router: ${short(f.router, 1500)}`);
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------- main
const work = opts.workDir ?? mkdtempSync(join(tmpdir(), 'plexus-differential-'));
mkdirSync(work, { recursive: true });
const reportFile = opts.report ?? join(work, 'report.json');
log(`sets: ${opts.sets.join(', ')}; generator seed ${opts.seed} (--seed N to vary), ${opts.count} generated per set; work dir ${work}`);
const results = [];
let harnessError = false;
const started = Date.now();
for (const s of opts.sets) {
  const t0 = Date.now();
  try {
    const r = await runSet(s, work);
    r.seconds = (Date.now() - t0) / 1000;
    results.push(r);
  } catch (e) {
    harnessError = true;
    console.log(`set ${s}: HARNESS ERROR: ${e.message}`);
    results.push({ name: s, error: e.message });
  }
}

console.log('');
let mismatches = 0;
const allFailures = results.flatMap((r) => r.failures ?? []);
allFailures.slice(0, opts.maxDiffs).forEach(printFailure);
if (allFailures.length > opts.maxDiffs) console.log(`… ${allFailures.length - opts.maxDiffs} more failures in ${reportFile}`);
for (const r of results) {
  if (r.oracleUnstable?.length) {
    console.log(`note: [${r.name}] Apollo Gateway answered differently when asked again or by a fresh instance (not a failure where one of its answers matched the router's): ${r.oracleUnstable.join(', ')}`);
  }
  for (const x of r.oracleInvalid ?? []) {
    console.log(`oracle-invalid: [${r.name}] ${x.name}: Apollo Gateway's answer is not valid GraphQL (${x.reason.slice(0, 2).join('; ')}${x.reason.length > 2 ? '; …' : ''})` +
      `${x.differs ? `; it differed from the router's (${x.differs.join('+')}), not counted` : ''}` +
      '');
  }
  for (const k of r.known ?? []) {
    console.log(`known: [${r.name}] ${k.name} differs at ${k.path} as recorded in known-differences.json: ${k.reason}`);
  }
  for (const w of r.oracleWarnings ?? []) {
    console.log(`warning: [${r.name}] ${w.name}: Apollo Gateway answered ${w.expectErrors ? 'without errors, but the query is marked # expect-errors' : 'with errors'}: ${short(w.oracle, 400)}`);
  }
}
console.log('\nset            ops  (hand+gen)  agree  data  key-order  errors  spec  transport  oracle-invalid  time');
for (const r of results) {
  if (r.error) { console.log(`${r.name.padEnd(14)} harness error (see above)`); continue; }
  const c = (k) => String(r.classes[k] ?? 0).padStart(k.length === 9 ? 9 : Math.max(k.length, 4));
  const failed = r.failures.length;
  mismatches += failed;
  console.log(`${r.name.padEnd(14)} ${String(r.operations).padStart(3)}  (${String(r.handWritten).padStart(3)}+${String(r.generated).padEnd(3)})  ` +
    `${opts.oracleOnly ? '    -' : String(r.agree).padStart(5)}  ${c('data')}  ${c('key-order')}  ${c('errors')}  ${c('spec')}  ${c('transport')}  ` +
    `${String(r.oracleInvalid.length).padStart(14)}  ${r.seconds.toFixed(1)} s` +
    `${r.routerIgnoredSigterm ? '  (router ignored SIGTERM)' : ''}`);
}
for (const r of results) {
  if (r.failures?.length) console.log(`failing [${r.name}]: ${r.failures.map((f) => `${f.name} (${f.classes.join('+')})`).join(', ')}`);
}
const report = { router: opts.router ?? null, oracle: 'Apollo Gateway (@apollo/gateway)', seed: opts.seed, count: opts.count,
  seconds: (Date.now() - started) / 1000, workDir: work, sets: results };
writeFileSync(reportFile, JSON.stringify(report, null, 2));
const total = results.reduce((n, r) => n + (r.operations ?? 0), 0);
const verdict = harnessError ? 'HARNESS ERROR' : opts.oracleOnly ? 'ORACLE ONLY' : mismatches ? 'FAIL' : 'PASS';
console.log(`\n${verdict}: ${total} operations, ${mismatches} differ; seed ${opts.seed}; report ${reportFile}`);
process.exit(harnessError ? 2 : mismatches ? 1 : 0);
