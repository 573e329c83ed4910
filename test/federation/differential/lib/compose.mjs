// Composes a set's subgraph SDLs into a supergraph with @apollo/composition, with the subgraph URLs of a port base.
// CLI: node lib/compose.mjs --set NAME [--port-base N] [--api]   (prints the supergraph, or the API schema)
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { loadSet, subgraphUrl } from './sets.mjs';

export function composeSet(set, portBase) {
  const services = set.subgraphs.map((s, i) => ({ name: s.name, url: subgraphUrl(portBase, i), typeDefs: parse(s.sdl) }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition of set '${set.name}' failed:\n${result.errors.map((e) => '  ' + e.message).join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
    hints: result.hints.map((h) => h.toString()),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const get = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const set = loadSet(get('--set'));
  const r = composeSet(set, parseInt(get('--port-base', '29750'), 10));
  process.stdout.write(args.includes('--api') ? printSchema(r.apiSchema) + '\n' : r.supergraphSdl + '\n');
}
