// Derives schemas/bench_api.graphql (the client-facing API schema) from the
// benchmark supergraph using @apollo/federation-internals:
//   Supergraph.build(supergraphSdl).apiSchema(), printed with graphql-js
//   printSchema(). Usage: node derive_bench_api.mjs [path/to/supergraph.graphql]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const src =
  process.argv[2] ??
  path.resolve(here, '../../../../shared/bench/data/supergraph.graphql');
const sdl = fs.readFileSync(src, 'utf8');
const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const header =
  '# API schema of the benchmark supergraph (shared/bench/data/supergraph.graphql).\n' +
  '# Derived with @apollo/federation-internals: Supergraph.build(sdl).apiSchema(),\n' +
  '# printed by graphql-js printSchema(); regenerate with `node derive_bench_api.mjs`.\n' +
  '# All join__*/link__* types and directives and their applications are removed.\n\n';
fs.writeFileSync(path.join(here, 'schemas/bench_api.graphql'), header + printSchema(api) + '\n');
console.log('wrote schemas/bench_api.graphql');
