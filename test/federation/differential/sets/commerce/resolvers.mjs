// commerce: entities with single, compound and nested keys, @requires with field arguments, @provides, @override,
// @shareable value types, enums, lists of lists, null propagation inside subgraphs and in the gateway, errors thrown
// by resolvers (with and without extensions.code) and by entity resolution.
import { GraphQLError } from 'graphql';

const PRODUCTS = [
  // id, sku, region, name, amount, currency, weight, width, height, tags, category, variants
  ['1', 'T-100', 'US', 'Table', 899, 'USD', 20.5, 120, 75, ['wood', 'dining'], 'FURNITURE', [['oak', 'brown'], ['ash', null]]],
  ['2', 'C-200', 'EU', 'Couch', 1299, 'EUR', 60, 210, 90, ['living'], 'FURNITURE', [['grey', 'grey']]],
  ['3', 'G-300', 'US', 'Glass', 15, 'USD', 0.2, null, 12, [], 'KITCHEN', []],
  ['4', 'TV-400', 'EU', 'TV', 1499, 'EUR', 12.3, 110, 65, ['4k', 'hdr', 'smart'], 'ELECTRONICS', [['55', 'black'], ['65', 'black']]],
  ['5', 'L-500', 'US', 'Lamp', 49, 'USD', 1.5, 20, 40, ['light'], 'FURNITURE', [['std', 'white']]],
  ['6', 'K-600', 'EU', 'Kettle', 35, 'EUR', 1.1, 18, 25, ['kitchen', 'electric'], 'KITCHEN', [['eu', 'steel']]],
].map(([id, sku, region, name, amount, currency, weight, width, height, tags, category, variants]) => ({
  id, sku, region, name, price: { amount, currency }, dimensions: { weight, width, height }, tags, category,
  variants: variants.map(([code, color]) => ({ product: { id }, code, color })),
}));

const STOCK = { 1: 12, 2: 0, 3: 250, 4: 3, 5: 7, 6: 1 };
const GRID = { 1: [['A1', 'A2'], ['B1']], 2: [[]], 3: [['C3', null], null], 4: null, 5: [['D4']], 6: [] };
const DELIVERY = {
  1: { eta: '2d', carrier: 'UPS', window: { from: '08:00', to: '12:00' } },
  2: { eta: '5d', carrier: null, window: null },
  3: { eta: null, carrier: 'DHL', window: { from: '09:00', to: '17:00' } },
  4: { eta: '1d', carrier: 'DHL', window: { from: null, to: '18:00' } },
  5: null,
};

const USERS = [
  { id: '1', name: 'Ada', email: 'ada@example.com', level: 'GOLD', creditScore: 810, favorite: '4' },
  { id: '2', name: 'Brian', email: 'brian@example.com', level: 'SILVER', creditScore: 640, favorite: '1' },
  { id: '3', name: 'Chen', email: null, level: 'BRONZE', creditScore: 700, favorite: null },
  { id: '4', name: 'Dana', email: 'dana@example.com', level: 'BRONZE', creditScore: null, favorite: '99' },
];

const REVIEWS = [
  { id: 'r1', rating: 5, body: 'Sturdy.', product: ['T-100', 'US'], author: '1' },
  { id: 'r2', rating: 3, body: null, product: ['T-100', 'US'], author: '2' },
  { id: 'r3', rating: 4, body: 'Comfy', product: ['C-200', 'EU'], author: null },
  { id: 'r4', rating: 1, body: 'Broke on day one', product: ['G-300', 'US'], author: '4' },
  { id: 'r5', rating: 5, body: 'Great picture', product: ['TV-400', 'EU'], author: '1' },
  { id: 'r6', rating: 2, body: 'Too dim', product: ['L-500', 'US'], author: '3' },
  { id: 'r7', rating: 4, body: null, product: ['TV-400', 'EU'], author: '2' },
];

const productById = (id) => PRODUCTS.find((p) => p.id === String(id)) ?? null;
const productBySku = (sku, region) => PRODUCTS.find((p) => p.sku === sku && p.region === region) ?? null;
const userById = (id) => USERS.find((u) => u.id === String(id)) ?? null;
const reviewsOf = (sku, region) => REVIEWS.filter((r) => r.product[0] === sku && r.product[1] === region);

export const resolvers = {
  catalog: {
    Query: {
      products: () => PRODUCTS,
      product: (_, { id }) => productById(id),
      productBySku: (_, { sku, region }) => productBySku(sku, region),
      matrix: () => [[1, 2], [3], [], null],
      brokenMatrix: () => [[1, 2], [3, null], [4]],
    },
    Product: {
      __resolveReference: (ref) => (ref.id !== undefined ? productById(ref.id) : productBySku(ref.sku, ref.region)),
      reviewCount: () => -1,
    },
    Variant: {
      product: (v) => productById(v.product.id),
      __resolveReference: (ref) => productById(ref.product.id)?.variants.find((v) => v.code === ref.code) ?? null,
    },
  },
  inventory: {
    Product: {
      // async: a failure nulls only this representation's entity, not the whole _entities batch
      __resolveReference: async (ref) => {
        if (ref.id === '6') throw new Error('inventory record 6 is locked');
        return STOCK[ref.id] === undefined ? null : { ...ref };
      },
      stock: (p) => {
        if (p.id === '5') throw new GraphQLError('stock service timed out', { extensions: { code: 'UNAVAILABLE' } });
        return STOCK[p.id];
      },
      sellable: (p) => STOCK[p.id] > 0,
      warehouseGrid: (p) => GRID[p.id] ?? null,
      shippingEstimate: (p, { zone, express }) => {
        if (!p.dimensions || !p.price) throw new Error('shippingEstimate: @requires fields missing');
        if (zone === 'DOMESTIC' && p.price.amount > 1000 && !express) return 0;
        return Math.ceil(p.dimensions.weight) * (zone === 'INTERNATIONAL' ? 3 : 1) + (express ? 10 : 0);
      },
      delivery: (p) => DELIVERY[p.id] ?? null,
    },
    Variant: {
      __resolveReference: (ref) => ({ ...ref, inStock: ref.code !== 'ash' && STOCK[ref.product.id] > 0 }),
    },
  },
  reviews: {
    Query: { topReviews: (_, { first }) => [...REVIEWS].sort((a, b) => b.rating - a.rating || a.id.localeCompare(b.id)).slice(0, first ?? 3) },
    Product: {
      __resolveReference: (ref) => ({ sku: ref.sku, region: ref.region }),
      reviews: (p, { minRating }) => reviewsOf(p.sku, p.region).filter((r) => r.rating >= (minRating ?? 1)),
      averageRating: (p) => {
        const rs = reviewsOf(p.sku, p.region);
        return rs.length ? Math.round((rs.reduce((s, r) => s + r.rating, 0) / rs.length) * 100) / 100 : null;
      },
      reviewCount: (p) => reviewsOf(p.sku, p.region).length,
    },
    Review: {
      __resolveReference: (ref) => REVIEWS.find((r) => r.id === ref.id) ?? null,
      product: (r) => ({ sku: r.product[0], region: r.product[1] }),
      author: (r) => (r.author ? { id: r.author, name: userById(r.author).name } : null),
    },
    User: {
      __resolveReference: (ref) => ({ id: ref.id }),
      reviews: (u) => REVIEWS.filter((r) => r.author === u.id),
    },
  },
  users: {
    Query: {
      users: () => USERS,
      user: (_, { id }) => userById(id),
      me: () => USERS[0],
    },
    User: {
      __resolveReference: (ref) => userById(ref.id),
      creditScore: (u) => {
        if (u.id === '2') throw new GraphQLError('not allowed to see the credit score', { extensions: { code: 'FORBIDDEN' } });
        return u.creditScore;
      },
      favoriteProduct: (u) => (u.favorite ? { id: u.favorite } : null),
    },
  },
};
