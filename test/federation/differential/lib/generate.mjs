// Seeded random operations over a supergraph's API schema: aliases, arguments (literal and as variables), inline
// fragments on abstract types, named fragments, __typename, @include/@skip with variables, bounded depth and size.
// Every operation is validated with graphql-js; invalid ones (e.g. overlapping fields) are discarded and redrawn.
// CLI: node lib/generate.mjs --set NAME [--seed N] [--count N]   (prints the operations and their variables)
import {
  isObjectType, isInterfaceType, isUnionType, isAbstractType, isLeafType, isEnumType, isInputObjectType,
  isNonNullType, isListType, getNamedType, parse, validate, print, GraphQLID, GraphQLInt, GraphQLFloat,
  GraphQLString, GraphQLBoolean,
} from 'graphql';

export const DEFAULT_SEED = 20240601;

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashString(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

class OperationBuilder {
  constructor(schema, rng, hints) {
    this.schema = schema; this.rng = rng; this.hints = hints;
    this.maxDepth = hints.maxDepth ?? 4;
    this.budget = hints.maxFields ?? 28;
    this.varDefs = []; this.variables = {}; this.fragments = []; this.counter = 0;
    this.path = []; // field names from the root to the current selection set
  }
  chance(p) { return this.rng() < p; }
  int(n) { return Math.floor(this.rng() * n); }
  pick(list) { return list[this.int(list.length)]; }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) { const j = this.int(i + 1); [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  }
  id() { return ++this.counter; }

  newVariable(prefix, typeString, value) {
    const name = `${prefix}${this.id()}`;
    this.varDefs.push(`$${name}: ${typeString}`);
    this.variables[name] = value;
    return `$${name}`;
  }
  directives() {
    if (!this.chance(this.hints.directiveRate ?? 0.12)) return '';
    const dir = this.chance(0.5) ? 'include' : 'skip';
    if (this.chance(0.15)) return ` @${dir}(if: ${this.chance(0.5)})`;
    return ` @${dir}(if: ${this.newVariable('b', 'Boolean!', this.chance(0.5))})`;
  }

  // A value for an input type, as a JS value (for variables) and as a GraphQL literal.
  value(type, key) {
    const hinted = this.hints.args?.[key];
    if (hinted !== undefined && !isListType(type) && !(isNonNullType(type) && isListType(type.ofType))) {
      return this.pick(hinted);
    }
    if (isNonNullType(type)) return this.value(type.ofType, key);
    if (isListType(type)) {
      if (hinted !== undefined) return this.pick(hinted);
      return Array.from({ length: 1 + this.int(2) }, () => this.value(type.ofType, key + '[]'));
    }
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const out = {};
      for (const f of Object.values(type.getFields())) {
        const required = isNonNullType(f.type) && f.defaultValue === undefined;
        if (required || this.chance(0.5)) out[f.name] = this.value(f.type, `${type.name}.${f.name}`);
      }
      return out;
    }
    switch (type.name) {
      case GraphQLInt.name: return this.int(6);
      case GraphQLFloat.name: return this.pick([0.5, 1, 2.25]);
      case GraphQLBoolean.name: return this.chance(0.5);
      case GraphQLID.name: return this.pick(['1', '2', '3']);
      case GraphQLString.name: return this.pick(['a', 'b', 'x']);
      default: return null;
    }
  }
  literal(type, v) {
    if (v === null || v === undefined) return 'null';
    if (isNonNullType(type)) return this.literal(type.ofType, v);
    if (isListType(type)) return Array.isArray(v) ? `[${v.map((x) => this.literal(type.ofType, x)).join(', ')}]` : this.literal(type.ofType, v);
    if (isEnumType(type)) return String(v);
    if (isInputObjectType(type)) {
      const fields = type.getFields();
      return `{${Object.entries(v).map(([k, x]) => `${k}: ${this.literal(fields[k].type, x)}`).join(', ')}}`;
    }
    return JSON.stringify(v);
  }
  arguments(parent, field) {
    const parts = [];
    for (const a of field.args) {
      const required = isNonNullType(a.type) && a.defaultValue === undefined;
      if (!required && !this.chance(0.35)) continue;
      const key = `${parent.name}.${field.name}.${a.name}`;
      const hintKey = this.hints.args?.[key] !== undefined ? key : a.name;
      const v = this.value(a.type, hintKey);
      if (this.chance(0.25)) parts.push(`${a.name}: ${this.newVariable('v', String(a.type), v)}`);
      else parts.push(`${a.name}: ${this.literal(a.type, v)}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  fieldsOf(type) {
    const skip = new Set(this.hints.skipFields ?? []);
    const once = new Set(this.hints.noRepeatOnPath ?? []);
    return Object.values(type.getFields())
      .filter((f) => !skip.has(`${type.name}.${f.name}`) && !(once.has(f.name) && this.path.includes(f.name)));
  }
  typename() { return this.chance(0.2) ? `t${this.id()}: __typename` : '__typename'; }

  field(parent, f, depth) {
    this.budget--;
    const alias = this.chance(this.hints.aliasRate ?? 0.15) ? `a${this.id()}: ` : '';
    const head = `${alias}${f.name}${this.arguments(parent, f)}${this.directives()}`;
    const named = getNamedType(f.type);
    if (isLeafType(named)) return head;
    this.path.push(f.name);
    const sub = this.selectionSet(named, depth + 1, true);
    this.path.pop();
    return `${head} ${sub}`;
  }

  // Selections for an object or interface type (its own fields).
  ownFields(type, depth, min) {
    const all = this.fieldsOf(type);
    const leaves = all.filter((f) => isLeafType(getNamedType(f.type)));
    const usable = depth >= this.maxDepth || this.budget <= 0 ? leaves : all;
    const out = [];
    const n = Math.min(usable.length, min + this.int(4));
    for (const f of this.shuffle(usable).slice(0, n)) out.push(this.field(type, f, depth));
    return out;
  }

  selectionSet(type, depth, allowNamed) {
    if (allowNamed && this.chance(this.hints.namedFragmentRate ?? 0.12)) {
      const name = `F${this.id()}`;
      const body = this.selectionSet(type, depth, false);
      this.fragments.push(`fragment ${name} on ${type.name} ${body}`);
      return `{ ...${name}${this.directives()} }`;
    }
    let sels = [];
    if (isObjectType(type)) {
      sels = this.ownFields(type, depth, 1);
      if (this.chance(0.2)) sels.push(this.typename());
      if (this.chance(0.08)) sels.push(`... on ${type.name}${this.directives()} { ${this.ownFields(type, depth, 1).join(' ')} }`);
      else if (this.chance(0.06)) sels.push(`...${this.directives() || ' @include(if: true)'} { ${this.ownFields(type, depth, 1).join(' ')} }`);
    } else if (isAbstractType(type)) {
      if (isInterfaceType(type)) sels.push(...this.ownFields(type, depth, 0));
      if (this.chance(0.6)) sels.push(this.typename());
      const possible = this.shuffle(this.schema.getPossibleTypes(type));
      for (const t of possible.slice(0, 1 + this.int(Math.min(3, possible.length)))) {
        const inner = this.ownFields(t, depth, 1);
        if (this.chance(0.3)) inner.push(this.typename());
        sels.push(`... on ${t.name}${this.directives()} { ${inner.join(' ')} }`);
      }
      if (isInterfaceType(type) && this.chance(0.15)) sels.push(`... on ${type.name} { ${this.ownFields(type, depth, 1).join(' ')} }`);
      if (sels.length === 0) sels.push('__typename');
    }
    if (sels.length === 0) sels.push('__typename');
    return `{ ${sels.join(' ')} }`;
  }

  build(rootType, opType, name) {
    const sels = [];
    const roots = this.fieldsOf(rootType);
    const n = 1 + this.int(Math.min(2, roots.length));
    for (const f of this.shuffle(roots).slice(0, n)) sels.push(this.field(rootType, f, 1));
    if (this.chance(0.1)) sels.push('__typename');
    const vars = this.varDefs.length ? `(${this.varDefs.join(', ')})` : '';
    return [`${opType} ${name}${vars} { ${sels.join(' ')} }`, ...this.fragments].join('\n');
  }
}

export function generateOperations(schema, { setName, seed = DEFAULT_SEED, count = 60, hints = {} }) {
  const rng = mulberry32(hashString(setName) ^ seed);
  const out = [];
  const mutationRate = schema.getMutationType() ? hints.mutationRate ?? 0 : 0;
  let discarded = 0;
  for (let i = 0; out.length < count; i++) {
    if (discarded > count * 20) throw new Error(`generator: too many invalid operations for set ${setName}`);
    const isMutation = rng() < mutationRate;
    const b = new OperationBuilder(schema, rng, hints);
    const name = `Gen${out.length + 1}`;
    const text = b.build(isMutation ? schema.getMutationType() : schema.getQueryType(), isMutation ? 'mutation' : 'query', name);
    let doc;
    try { doc = parse(text); } catch (e) { throw new Error(`generator produced unparsable text (${e.message}):\n${text}`); }
    if (validate(schema, doc).length) { discarded++; continue; }
    out.push({ name, kind: 'generated', query: print(doc), variables: Object.keys(b.variables).length ? b.variables : undefined });
  }
  return { operations: out, discarded };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadSet } = await import('./sets.mjs');
  const { composeSet } = await import('./compose.mjs');
  const args = process.argv.slice(2);
  const get = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const set = loadSet(get('--set'));
  const { apiSchema } = composeSet(set, 29750);
  const seed = parseInt(get('--seed', String(DEFAULT_SEED)), 10);
  const { operations, discarded } = generateOperations(apiSchema, {
    setName: set.name, seed, count: parseInt(get('--count', '60'), 10), hints: set.generator,
  });
  for (const op of operations) {
    console.log(`# ${op.name}${op.variables ? ' variables: ' + JSON.stringify(op.variables) : ''}\n${op.query}\n`);
  }
  console.error(`set=${set.name} seed=${seed} generated=${operations.length} discarded=${discarded}`);
}
