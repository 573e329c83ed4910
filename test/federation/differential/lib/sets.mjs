// Loading a subgraph set: sets/<name>/subgraphs/<subgraph>.graphql (SDL), sets/<name>/resolvers.mjs (resolvers and
// data), sets/<name>/queries.graphql + variables.json (hand-written operations), sets/<name>/generator.json (hints
// for the query generator). Subgraph i (sorted by file name) listens on port-base + i.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, Kind, visit } from 'graphql';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const SETS_DIR = join(ROOT, 'sets');

export function listSets() {
  return readdirSync(SETS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SETS_DIR, d.name, 'subgraphs')))
    .map((d) => d.name)
    .sort();
}

export function loadSet(name) {
  const dir = join(SETS_DIR, name);
  if (!existsSync(join(dir, 'subgraphs'))) throw new Error(`unknown set '${name}' (have: ${listSets().join(', ')})`);
  const subgraphs = readdirSync(join(dir, 'subgraphs'))
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ name: f.replace(/\.graphql$/, ''), sdl: readFileSync(join(dir, 'subgraphs', f), 'utf8') }));
  const readJson = (f, dflt) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : dflt);
  return {
    name,
    dir,
    subgraphs,
    variables: readJson('variables.json', {}),
    generator: readJson('generator.json', {}),
    // Differences studied and attributed to the oracle, each with its evidence (README).
    knownDifferences: readJson('known-differences.json', []),
    queriesFile: join(dir, 'queries.graphql'),
  };
}

export function subgraphUrl(portBase, index) {
  return `http://127.0.0.1:${portBase + index}/graphql`;
}

// The hand-written operations of a set, each as its own document: the operation plus the fragments it uses
// (transitively). A comment line `# expect-errors` right above an operation says the oracle is expected to answer
// with errors (only used to warn about a surprising oracle answer; the comparison itself is unaffected).
export function handWrittenOperations(set) {
  if (!existsSync(set.queriesFile)) return [];
  const source = readFileSync(set.queriesFile, 'utf8');
  const doc = parse(source);
  const fragments = new Map();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ops = [];
  let prevEnd = 0;
  const names = new Set();
  for (const d of doc.definitions) {
    const between = source.slice(prevEnd, d.loc.start);
    prevEnd = d.loc.end;
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!d.name) throw new Error(`${set.queriesFile}: every operation needs a name`);
    const name = d.name.value;
    if (names.has(name)) throw new Error(`${set.queriesFile}: duplicate operation name ${name}`);
    names.add(name);
    const used = new Set();
    const stack = [d];
    while (stack.length) {
      visit(stack.pop(), {
        FragmentSpread(node) {
          const f = node.name.value;
          if (!used.has(f) && fragments.has(f)) { used.add(f); stack.push(fragments.get(f)); }
        },
      });
    }
    const parts = [source.slice(d.loc.start, d.loc.end)];
    for (const f of fragments.keys()) if (used.has(f)) parts.push(source.slice(fragments.get(f).loc.start, fragments.get(f).loc.end));
    ops.push({
      name,
      kind: 'hand-written',
      query: parts.join('\n\n'),
      variables: set.variables[name] ?? undefined,
      expectErrors: /^\s*#\s*expect-errors\b/m.test(between),
    });
  }
  for (const k of Object.keys(set.variables)) {
    if (!names.has(k)) throw new Error(`${set.dir}/variables.json: no operation named ${k}`);
  }
  return ops;
}
