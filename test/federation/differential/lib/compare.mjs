// Comparing a gateway's response with the oracle's (Apollo Gateway's).
//   data:     deep-equal, presence included (absent `data` differs from `data: null`). Failure classes:
//             'data' (different values), 'key-order' (same values, objects' keys in another order).
//   errors:   equal as multisets of (message, path); `extensions.code` must match where both errors have one;
//             locations and other extensions are ignored; `errors: []` counts as absent. Failure class 'errors'.
//             Codes that differ only as listed in CODE_EQUIVALENCES (Apollo Router's code for Apollo Gateway's) match.
//             Apollo Gateway reports the errors of its own value completion (a null in a non-null field after
//             merging subgraph answers, e.g. an entity that could not be fetched) in `extensions.valueCompletion`
//             instead of `errors`: a gateway may report those in `errors` or leave them out, both are accepted.
//   transport: the response is not a JSON object (class 'transport').

function sameUnordered(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameUnordered(x, b[i]));
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameUnordered(a[k], b[k]));
}

const fmtPath = (p) => p.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), 'data');

// The first place where two values differ (ignoring key order), or where key order differs (orderOnly).
export function firstDifference(a, b, path = [], orderOnly = false) {
  if (!orderOnly && sameUnordered(a, b)) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return orderOnly ? null : { path: fmtPath(path), oracle: a, actual: b };
  }
  if (Array.isArray(a)) {
    if (!orderOnly && a.length !== b.length) return { path: fmtPath(path), oracle: `list of ${a.length}`, actual: `list of ${b.length}` };
    for (let i = 0; i < a.length; i++) { const d = firstDifference(a[i], b[i], [...path, i], orderOnly); if (d) return d; }
    return null;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (!orderOnly) {
    for (const k of ka) if (!Object.hasOwn(b, k)) return { path: fmtPath([...path, k]), oracle: a[k], actual: '<missing>' };
    for (const k of kb) if (!Object.hasOwn(a, k)) return { path: fmtPath([...path, k]), oracle: '<missing>', actual: b[k] };
  } else if (ka.join('\0') !== kb.join('\0')) {
    return { path: fmtPath(path), oracle: `keys ${ka.join(',')}`, actual: `keys ${kb.join(',')}` };
  }
  for (const k of ka) { const d = firstDifference(a[k], b[k], [...path, k], orderOnly); if (d) return d; }
  return null;
}

export function normalizeErrors(errors) {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => ({
    message: typeof e?.message === 'string' ? e.message : JSON.stringify(e?.message ?? null),
    path: Array.isArray(e?.path) ? e.path : null,
    code: typeof e?.extensions?.code === 'string' ? e.extensions.code : null,
  }));
}
const errorKey = (e) => JSON.stringify([e.message, e.path]);

// Error codes where we follow Apollo Router, not Apollo Gateway (the oracle): [Gateway's code, Router's code, scope].
// Only these pairs; every other code must match exactly (where both errors have one).
//   * Variable coercion (a required variable missing, null for a non-null type, a value of the wrong type or an
//     unknown enum value): request errors, without a path. Apollo Gateway (Apollo Server) says BAD_USER_INPUT;
//     Apollo Router says VALIDATION_INVALID_TYPE_VARIABLE (apollo-router src/error.rs:
//     FetchError::ValidationInvalidTypeVariable). A BAD_USER_INPUT with a path (thrown by a resolver) must still match.
// Not in the table because the comparison already tolerates it: Apollo Gateway adds DOWNSTREAM_SERVICE_ERROR to a
// subgraph error without a code, Apollo Router passes the subgraph's extensions on and adds no code; a code is only
// compared where both errors have one.
export const CODE_EQUIVALENCES = [
  { oracle: 'BAD_USER_INPUT', router: 'VALIDATION_INVALID_TYPE_VARIABLE', scope: 'request' },
];
function sameCode(oracleCode, actualCode, path) {
  if (oracleCode === null || actualCode === null || oracleCode === actualCode) return true;
  return CODE_EQUIVALENCES.some((q) => q.oracle === oracleCode && q.router === actualCode && (q.scope !== 'request' || path === null));
}

export function compareErrors(oracleErrors, actualErrors, oracleOptional = []) {
  const o = normalizeErrors(oracleErrors), a = normalizeErrors(actualErrors);
  const optional = new Map();
  for (const e of normalizeErrors(oracleOptional)) optional.set(errorKey(e), (optional.get(errorKey(e)) ?? 0) + 1);
  const groups = new Map();
  for (const [side, list] of [['oracle', o], ['actual', a]]) {
    for (const e of list) {
      const k = errorKey(e);
      if (!groups.has(k)) groups.set(k, { oracle: [], actual: [] });
      groups.get(k)[side].push(e);
    }
  }
  const missing = [], extra = [], codes = [];
  for (const g of groups.values()) {
    const n = Math.min(g.oracle.length, g.actual.length);
    missing.push(...g.oracle.slice(n));
    for (const e of g.actual.slice(n)) {
      const left = optional.get(errorKey(e)) ?? 0;
      if (left > 0) optional.set(errorKey(e), left - 1); else extra.push(e);
    }
    const oc = g.oracle.slice(0, n).map((e) => e.code).sort(), ac = g.actual.slice(0, n).map((e) => e.code).sort();
    for (let i = 0; i < n; i++) {
      if (!sameCode(oc[i], ac[i], g.oracle[0].path)) codes.push({ ...g.oracle[0], code: oc[i], actualCode: ac[i] });
    }
  }
  return { same: !missing.length && !extra.length && !codes.length, missing, extra, codes };
}

// oracle/actual: { status, text, json } (json: the parsed body, or undefined when it is not JSON).
export function compareResponses(oracle, actual) {
  const classes = [];
  const detail = {};
  const isObj = (r) => r.json !== null && typeof r.json === 'object' && !Array.isArray(r.json);
  if (!isObj(actual)) {
    return { classes: ['transport'], detail: { transport: actual.error ?? `status ${actual.status}, body is not a JSON object` } };
  }
  if (!isObj(oracle)) return { classes: ['oracle-failed'], detail: { transport: oracle.error ?? 'oracle answered non-JSON' } };
  const od = oracle.json, ad = actual.json;
  const oHas = Object.hasOwn(od, 'data'), aHas = Object.hasOwn(ad, 'data');
  if (oHas !== aHas) {
    classes.push('data');
    detail.data = { path: 'data', oracle: oHas ? od.data : '<absent>', actual: aHas ? ad.data : '<absent>' };
  } else if (oHas) {
    const d = firstDifference(od.data, ad.data);
    if (d) { classes.push('data'); detail.data = d; }
    else if (JSON.stringify(od.data) !== JSON.stringify(ad.data)) {
      classes.push('key-order');
      detail.keyOrder = firstDifference(od.data, ad.data, [], true);
    }
  }
  const e = compareErrors(od.errors, ad.errors, od.extensions?.valueCompletion);
  if (!e.same) { classes.push('errors'); detail.errors = e; }
  return { classes, detail };
}
