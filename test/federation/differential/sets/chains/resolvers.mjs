// chains: a @requires chain across three subgraphs (gamma requires beta's field that requires alpha's), @provides on
// a list root field, shareable root fields and value types served by two subgraphs, a custom JSON scalar, entity
// cycles (Item.next) and lists of lists of non-null strings.
import { GraphQLScalarType } from 'graphql';

const ITEMS = [
  { id: 'i1', base: 1, meta: { color: 'red', sizes: [1, 2] }, tags: [['a', 'b'], []], label: 'one' },
  { id: 'i2', base: 7, meta: null, tags: null, label: null },
  { id: 'i3', base: -3, meta: [1, 'two', { three: 3 }], tags: [['c']], label: 'three' },
  { id: 'i4', base: 0, meta: 'plain', tags: [], label: 'four' },
];
const INFO = { version: '1.2.3', flags: [true, false] };
const JSON_SCALAR = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v });
const item = (id) => ITEMS.find((i) => i.id === id) ?? null;

export const resolvers = {
  alpha: {
    JSON: JSON_SCALAR,
    Query: { items: () => ITEMS, item: (_, { id }) => item(id), info: () => INFO },
    Item: { __resolveReference: (ref) => item(ref.id) },
  },
  beta: {
    Query: { info: () => INFO },
    Item: {
      __resolveReference: (ref) => (item(ref.id) ? { ...ref } : null),
      double: (i) => i.base * 2,
      label: (i) => item(i.id).label,
    },
  },
  gamma: {
    Query: { featured: () => [ITEMS[2], ITEMS[0]].map((i) => ({ id: i.id, base: i.base })) },
    Item: {
      __resolveReference: (ref) => (item(ref.id) ? { ...ref } : null),
      quadruple: (i) => i.double * 2,
      label: (i) => item(i.id).label,
      next: (i) => { const k = ITEMS.findIndex((x) => x.id === i.id); return k + 1 < ITEMS.length ? { id: ITEMS[k + 1].id } : null; },
      neighbours: (i) => (i.id === 'i4' ? null : ITEMS.filter((x) => x.id !== i.id).map((x) => ({ id: x.id }))),
    },
  },
};
