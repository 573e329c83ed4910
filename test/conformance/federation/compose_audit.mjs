// Composes every test suite of The Guild's federation gateway audit
// (https://github.com/graphql-hive/federation-gateway-audit, MIT) into <out>/supergraphs/<suite>.graphql,
// as the audit's own /<suite>/supergraph endpoint serves it (@apollo/composition, subgraph urls
// http://localhost:4200/<suite>/<subgraph>). The subgraph SDLs are read out of the suites'
// *.subgraph.ts files (the `typeDefs: /* GraphQL */ \`...\`` literal).
//
//   node compose_audit.mjs <audit checkout> <out>
//   FEDERATION_FIXTURES=<out> node record.mjs
//   PLEXUS_FEDERATION_EXTRA_FIXTURES=<out> build/debug/test/federation_conformance_test
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const [checkout, out] = process.argv.slice(2);
if (!checkout || !out) {
  console.error('usage: node compose_audit.mjs <audit checkout> <out>');
  process.exit(2);
}
const suites = path.join(checkout, 'src', 'test-suites');
fs.mkdirSync(path.join(out, 'supergraphs'), { recursive: true });
let composed = 0;
for (const suite of fs.readdirSync(suites).sort()) {
  const index = fs.readFileSync(path.join(suites, suite, 'index.ts'), 'utf8');
  const imports = new Map([...index.matchAll(/import (\w+) from "\.\/([\w.-]+)\.js";/g)].map((m) => [m[1], m[2]]));
  const serve = /serve\(\s*"([^"]+)",\s*\[([^\]]*)\]/.exec(index);
  if (!serve) throw new Error(`${suite}: no serve("<id>", [subgraphs]) call in index.ts`);
  const id = serve[1];
  const subgraphs = serve[2].split(',').map((s) => s.trim()).filter(Boolean).map((variable) => {
    const source = fs.readFileSync(path.join(suites, suite, `${imports.get(variable)}.ts`), 'utf8');
    const name = /createSubgraph\(\s*"([^"]+)"/.exec(source)[1];
    const typeDefs = /typeDefs:\s*(?:\/\*\s*GraphQL\s*\*\/)?\s*`([\s\S]*?)`/.exec(source)[1];
    return { name, url: `http://localhost:4200/${id}/${name}`, typeDefs: parse(typeDefs) };
  });
  const result = composeServices(subgraphs);
  if (!result.supergraphSdl) {
    console.error(`${suite} does not compose: ${result.errors.map((e) => e.message).join('; ')}`);
    process.exitCode = 1;
    continue;
  }
  fs.writeFileSync(path.join(out, 'supergraphs', `${id}.graphql`), result.supergraphSdl);
  composed++;
}
console.log(`composed ${composed} suites into ${path.join(out, 'supergraphs')}`);
