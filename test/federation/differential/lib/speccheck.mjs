// A GraphQL spec check of one gateway answer, independent of the other gateway: does the response have the shape that
// the operation and the API schema require? Used on Apollo Gateway's answers (the oracle is not always right, see
// README.md) and on the router's.
//   prepareOperation(schema, query, operationName, variables) -> ctx   (parse, validate, coerce the variables once)
//   specCheck(ctx, json) -> [problems]                                   (empty: valid)
// What it checks (the operation being valid, with variables that coerce):
//   * `data` is null or absent only where `errors` is not empty;
//   * walking the operation over `data` (fields collected with fragments, @skip/@include evaluated with the
//     variables): every selected response key is present in every non-null object, and no other key is;
//     no null in a non-null position; lists where the type is a list; objects where it is composite; leaf values
//     of the right JSON kind (Int, Float, String, Boolean, ID, enum values of the API schema);
//   * the runtime type of an object is its field's object type, or for an abstract type the `__typename` answered
//     (any alias of it), which must be a possible type. Where `__typename` is not selected, the runtime type is
//     inferred from the keys: a possible type whose selected keys are exactly the object's keys. If none fits, the
//     object is reported (with the closest type's missing and extra keys); if several fit, only what they agree on
//     is walked further.
// An invalid operation (parse or validation errors, a variable that does not coerce) needs only a non-empty `errors`.
import { parse, validate, getNamedType, isNonNullType, isListType, isLeafType, isEnumType,
  isObjectType, isScalarType, Kind, getVariableValues } from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';

const MAX_PROBLEMS = 5;

export function prepareOperation(schema, query, operationName, variables) {
  const ctx = { schema, valid: false };
  let doc;
  try { doc = parse(query); } catch (e) { ctx.why = `parse error: ${e.message}`; return ctx; }
  const errs = validate(schema, doc);
  if (errs.length) { ctx.why = `invalid operation: ${errs[0].message}`; return ctx; }
  const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((d) => d.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) { ctx.why = 'no operation to run'; return ctx; }
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) { ctx.why = `variables: ${coerced.errors[0].message}`; return ctx; }
  const fragments = Object.create(null);
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return Object.assign(ctx, { valid: true, op, fragments, variables: coerced.coerced, rootType: schema.getRootType(op.operation) });
}

const fmtPath = (p) => p.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), 'data');
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// The answer's problems as strings (at most MAX_PROBLEMS, then "…"); [] when it is valid.
export function specCheck(ctx, json) {
  const problems = [];
  if (!isObj(json)) return ['the answer is not a JSON object'];
  const hasErrors = Array.isArray(json.errors) && json.errors.length > 0;
  if (!ctx.valid) return hasErrors ? [] : [`no errors for an operation that cannot run (${ctx.why})`];
  const hasData = Object.hasOwn(json, 'data');
  if (!hasData || json.data === null) return hasErrors ? [] : [`data is ${hasData ? 'null' : 'absent'} without errors`];
  if (!isObj(json.data)) return ['data is not an object'];
  const add = (msg) => { if (problems.length < MAX_PROBLEMS + 1) problems.push(msg); };
  const fields = collectFields(ctx.schema, ctx.fragments, ctx.variables, ctx.rootType, ctx.op.selectionSet);
  checkObject(ctx, json.data, ctx.rootType, fields, [], add);
  return problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), '…'] : problems;
}

function fieldType(ctx, parentType, fieldName) {
  if (fieldName === '__typename') return null; // checked against the runtime type
  if (fieldName === '__schema' || fieldName === '__type') return undefined; // introspection: not walked
  return parentType.getFields()[fieldName]?.type;
}

// value: a non-null object whose runtime type is `type` (an object type), `fields` its collected fields.
function checkObject(ctx, value, type, fields, path, add) {
  // This object's keys first, then its values (so the report starts with the shallowest problems).
  for (const [key, nodes] of fields) {
    if (!Object.hasOwn(value, key)) add(`missing ${fmtPath([...path, key])} (${type.name}.${nodes[0].name.value})`);
  }
  for (const key of Object.keys(value)) if (!fields.has(key)) add(`unexpected key ${fmtPath([...path, key])} on ${type.name}`);
  for (const [key, nodes] of fields) {
    if (!Object.hasOwn(value, key)) continue;
    const t = fieldType(ctx, type, nodes[0].name.value);
    if (t === null) {
      if (value[key] !== type.name) add(`${fmtPath([...path, key])}: __typename ${JSON.stringify(value[key])}, expected "${type.name}"`);
    } else if (t !== undefined) {
      checkValue(ctx, value[key], t, nodes, [...path, key], add);
    }
  }
}

function checkValue(ctx, value, type, nodes, path, add) {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) { add(`null at ${fmtPath(path)} (non-null ${type})`); return; }
    type = type.ofType;
  }
  if (value === null) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) { add(`${fmtPath(path)}: not a list (${type})`); return; }
    value.forEach((v, i) => checkValue(ctx, v, type.ofType, nodes, [...path, i], add));
    return;
  }
  if (isLeafType(type)) { checkLeaf(value, type, path, add); return; }
  if (!isObj(value)) { add(`${fmtPath(path)}: not an object (${type})`); return; }
  if (isObjectType(type)) {
    checkObject(ctx, value, type, collectSubfields(ctx.schema, ctx.fragments, ctx.variables, type, nodes), path, add);
    return;
  }
  // Abstract: the runtime type from __typename, else inferred from the keys.
  const candidates = ctx.schema.getPossibleTypes(type).map((t) => ({
    type: t, fields: collectSubfields(ctx.schema, ctx.fragments, ctx.variables, t, nodes),
  }));
  for (const c of candidates) {
    for (const [key, ns] of c.fields) {
      if (ns[0].name.value !== '__typename' || typeof value[key] !== 'string') continue;
      const named = candidates.find((x) => x.type.name === value[key]);
      if (!named) { add(`${fmtPath([...path, key])}: __typename ${JSON.stringify(value[key])} is not a possible type of ${type.name}`); return; }
      checkObject(ctx, value, named.type, named.fields, path, add);
      return;
    }
  }
  const keys = Object.keys(value);
  const exact = candidates.filter((c) => c.fields.size === keys.length && keys.every((k) => c.fields.has(k)));
  if (!exact.length) {
    const diff = (c) => ({ missing: [...c.fields.keys()].filter((k) => !Object.hasOwn(value, k)), extra: keys.filter((k) => !c.fields.has(k)) });
    const best = candidates.map((c) => ({ c, ...diff(c) })).sort((a, b) => (a.missing.length + a.extra.length) - (b.missing.length + b.extra.length))[0];
    if (!best) { add(`${fmtPath(path)}: ${type.name} has no possible types`); return; }
    add(`${fmtPath(path)}: the keys fit no possible type of ${type.name} (no __typename selected); closest ${best.c.type.name}` +
      `${best.missing.length ? `, missing ${best.missing.join(', ')}` : ''}${best.extra.length ? `, unexpected ${best.extra.join(', ')}` : ''}`);
    return;
  }
  // Walk the keys on which all the fitting types agree (same field definition type and the same field nodes).
  for (const key of keys) {
    const per = exact.map((c) => ({ nodes: c.fields.get(key), t: fieldType(ctx, c.type, c.fields.get(key)[0].name.value) }));
    const first = per[0];
    if (first.t === null || first.t === undefined) continue;
    if (!per.every((p) => p.t && String(p.t) === String(first.t) && p.nodes.length === first.nodes.length && p.nodes.every((n, i) => n === first.nodes[i]))) continue;
    checkValue(ctx, value[key], first.t, first.nodes, [...path, key], add);
  }
}

function checkLeaf(value, type, path, add) {
  let ok = true;
  if (isEnumType(type)) ok = typeof value === 'string' && type.getValue(value) !== undefined && type.getValue(value) !== null;
  else if (isScalarType(type)) {
    switch (type.name) {
      case 'Int': ok = Number.isInteger(value) && value >= -2147483648 && value <= 2147483647; break;
      case 'Float': ok = typeof value === 'number' && Number.isFinite(value); break;
      case 'String': case 'ID': ok = typeof value === 'string'; break;
      case 'Boolean': ok = typeof value === 'boolean'; break;
      default: ok = value !== undefined; // custom scalars: any JSON value
    }
  }
  if (!ok) add(`${fmtPath(path)}: ${JSON.stringify(value)} is not a valid ${getNamedType(type).name}`);
}
