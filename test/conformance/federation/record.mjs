// Records what @apollo/federation-internals derives as the API schema of each supergraph in
// supergraphs/*.graphql:
//   expected/<name>.api.graphql        printSchema(Supergraph.build(sdl).apiSchema()
//                                          .toGraphQLJSSchema()) + "\n"
//   expected/<name>.api_defer.graphql  the same with { includeDefer: true, includeStream: true }
// A supergraph that federation-internals rejects fails the run.
//
//   npm ci && node record.mjs
//   FEDERATION_FIXTURES=/some/dir node record.mjs   # another folder with supergraphs/ in it
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph, ROUTER_SUPPORTED_SUPERGRAPH_FEATURES } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.FEDERATION_FIXTURES ?? here;
const supergraphs = path.join(root, 'supergraphs');
const expected = path.join(root, 'expected');

fs.rmSync(expected, { recursive: true, force: true });
fs.mkdirSync(expected, { recursive: true });
let problems = 0;
let recorded = 0;
for (const file of fs.readdirSync(supergraphs).filter((f) => f.endsWith('.graphql')).sort()) {
  const name = file.replace(/\.graphql$/, '');
  const sdl = fs.readFileSync(path.join(supergraphs, file), 'utf8');
  try {
    const api = Supergraph.build(sdl, { supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES }).apiSchema();
    fs.writeFileSync(path.join(expected, `${name}.api.graphql`),
                     printSchema(api.toGraphQLJSSchema()) + '\n');
    fs.writeFileSync(path.join(expected, `${name}.api_defer.graphql`),
                     printSchema(api.toGraphQLJSSchema({ includeDefer: true, includeStream: true })) + '\n');
    recorded++;
  } catch (e) {
    console.error(`${file}: federation-internals rejects it: ${e.message}`);
    problems++;
  }
}
console.log(`recorded ${recorded} API schemas`);
if (problems) process.exitCode = 1;
