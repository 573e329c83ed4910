// Records graphql-js's verdicts for the Plexus GraphQL conformance corpus.
//
//   npm ci && node record.mjs
//
// For each corpus/<schema>/<name>.graphql (first line "# schema: <schema>"):
//   parse -> syntaxError, validate(schema, doc) with the full specifiedRules
//   -> errors, each attributed to its rule by re-running validate() with
//   [rule] for every rule in specifiedRules.
// Writes expected/<schema>/<name>.json, expected/introspection/*.json,
// expected/print_schema/*.graphql (printSchema of each corpus schema),
// expected/schema_errors/*.json and expected/summary.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  version,
  parse,
  validate,
  specifiedRules,
  buildSchema,
  buildASTSchema,
  assertValidSchema,
  validateSchema,
  graphql,
  getIntrospectionQuery,
  printSchema,
  GraphQLError,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMAS = path.join(here, 'schemas');
const CORPUS = path.join(here, 'corpus');
const EXPECTED = path.join(here, 'expected');

const INTROSPECTION_OPTIONS = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

function writeJSON(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function locs(error) {
  return (error.locations ?? []).map((l) => ({ line: l.line, column: l.column }));
}

function plainError(error) {
  return { message: error.message, locations: locs(error) };
}

function key(e) {
  return JSON.stringify([e.message, locs(e)]);
}

function listFiles(dir, ext) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p, ext));
    else if (entry.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

// Start from a clean output tree so removed documents leave no stale files.
fs.rmSync(EXPECTED, { recursive: true, force: true });

// ---------------------------------------------------------------- schemas
const schemas = new Map();
for (const file of fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.graphql')).sort()) {
  const name = file.replace(/\.graphql$/, '');
  const schema = buildSchema(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
  assertValidSchema(schema); // every corpus schema must be valid
  schemas.set(name, schema);
}

// ---------------------------------------------------------------- corpus
const summary = {
  graphqlVersion: version,
  specifiedRules: specifiedRules.map((r) => r.name),
  documents: 0,
  perSchema: {},
  errorsPerRule: Object.fromEntries(specifiedRules.map((r) => [r.name, 0])),
  invalidDocumentsPerRule: Object.fromEntries(specifiedRules.map((r) => [r.name, 0])),
  syntaxErrors: 0,
};
let problems = 0;

for (const file of listFiles(CORPUS, '.graphql')) {
  const rel = path.relative(CORPUS, file);
  const source = fs.readFileSync(file, 'utf8');
  const m = /^# schema: ([A-Za-z0-9_]+)\s*$/m.exec(source.split('\n')[0]);
  if (!m || !schemas.has(m[1])) throw new Error(`${rel}: bad or unknown "# schema:" header`);
  const schemaName = m[1];
  const schema = schemas.get(schemaName);

  const out = { schema: schemaName, syntaxError: null, errors: [] };
  let doc = null;
  try {
    doc = parse(source);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    out.syntaxError = plainError(e);
  }

  if (doc) {
    const full = validate(schema, doc);
    // Attribute: run each rule alone; consume matches in order.
    const pool = new Map(); // key -> [ruleName, ...]
    let perRuleTotal = 0;
    for (const rule of specifiedRules) {
      for (const e of validate(schema, doc, [rule])) {
        const k = key(e);
        if (!pool.has(k)) pool.set(k, []);
        pool.get(k).push(rule.name);
        perRuleTotal++;
      }
    }
    if (perRuleTotal !== full.length) {
      console.error(`WARN ${rel}: full run has ${full.length} errors, per-rule runs ${perRuleTotal}`);
      problems++;
    }
    const rulesHit = new Set();
    for (const e of full) {
      const cands = pool.get(key(e));
      const rule = cands && cands.length ? cands.shift() : null;
      if (!rule) {
        console.error(`WARN ${rel}: unattributed error ${e.message}`);
        problems++;
      } else {
        summary.errorsPerRule[rule]++;
        rulesHit.add(rule);
      }
      out.errors.push({ rule, message: e.message, locations: locs(e) });
    }
    for (const r of rulesHit) summary.invalidDocumentsPerRule[r]++;
  }

  const ps = (summary.perSchema[schemaName] ??= { documents: 0, valid: 0, invalid: 0, syntaxError: 0 });
  ps.documents++;
  summary.documents++;
  if (out.syntaxError) {
    ps.syntaxError++;
    summary.syntaxErrors++;
  } else if (out.errors.length) ps.invalid++;
  else ps.valid++;

  writeJSON(path.join(EXPECTED, rel.replace(/\.graphql$/, '.json')), out);
}

// ---------------------------------------------------------------- introspection
const introspectionQuery = getIntrospectionQuery(INTROSPECTION_OPTIONS);
fs.mkdirSync(path.join(EXPECTED, 'introspection'), { recursive: true });
fs.writeFileSync(path.join(EXPECTED, 'introspection', 'query.graphql'), introspectionQuery + '\n');
for (const [name, schema] of schemas) {
  const result = await graphql({ schema, source: introspectionQuery });
  if (result.errors) {
    console.error(`WARN introspection of ${name} has errors`);
    problems++;
  }
  writeJSON(path.join(EXPECTED, 'introspection', `${name}.json`), {
    schema: name,
    options: INTROSPECTION_OPTIONS,
    query: 'expected/introspection/query.graphql',
    result: { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map(plainError) } : {}) },
  });
}

// ---------------------------------------------------------------- printSchema
for (const [name, schema] of schemas) {
  fs.mkdirSync(path.join(EXPECTED, 'print_schema'), { recursive: true });
  fs.writeFileSync(path.join(EXPECTED, 'print_schema', `${name}.graphql`), printSchema(schema) + '\n');
}

// ---------------------------------------------------------------- invalid schemas
const invalidDir = path.join(SCHEMAS, 'invalid');
const schemaErrors = {};
for (const file of fs.existsSync(invalidDir) ? listFiles(invalidDir, '.graphql') : []) {
  const name = path.basename(file, '.graphql');
  const sdl = fs.readFileSync(file, 'utf8');
  const out = { schema: `invalid/${name}`, stage: null, errors: [], buildSchemaMessage: null };
  // What buildSchema(sdl) + assertValidSchema() throws, verbatim.
  try {
    assertValidSchema(buildSchema(sdl));
  } catch (e) {
    out.buildSchemaMessage = e.message;
  }
  // The same failure, with locations, stage by stage.
  let doc = null;
  try {
    doc = parse(sdl);
  } catch (e) {
    out.stage = 'parse';
    out.errors = [plainError(e)];
  }
  if (doc) {
    const sdlErrors = validateSDL(doc);
    if (sdlErrors.length) {
      out.stage = 'sdl';
      out.errors = sdlErrors.map(plainError);
    } else {
      const errs = validateSchema(buildASTSchema(doc, { assumeValidSDL: true }));
      if (errs.length) {
        out.stage = 'schema';
        out.errors = errs.map(plainError);
      }
    }
  }
  if (!out.stage || out.buildSchemaMessage === null) {
    console.error(`WARN schemas/invalid/${name}.graphql is not rejected by graphql-js`);
    problems++;
  }
  schemaErrors[name] = out.stage;
  writeJSON(path.join(EXPECTED, 'schema_errors', `${name}.json`), out);
}
summary.invalidSchemas = schemaErrors;

writeJSON(path.join(EXPECTED, 'summary.json'), summary);
console.log(JSON.stringify(summary, null, 2));
if (problems) {
  console.error(`${problems} problem(s)`);
  process.exitCode = 1;
}
