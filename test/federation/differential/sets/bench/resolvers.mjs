// The benchmark's four subgraphs (accounts, inventory, products, reviews) with its schema and data: 6 users,
// 9 products, 11 reviews. Kept from the benchmark: Review.author is always user 1 (with its username provided), and
// User.reviews is always the first two reviews. Different on purpose: inventory computes shippingEstimate from the
// price and weight the gateway passes for @requires (the benchmark ignores them and always answers null), so the
// @requires path is actually checked.
const USERS = [
  ['1', 'Uri Goldshtein', 'urigo'], ['2', 'Dotan Simha', 'dotansimha'], ['3', 'Kamil Kisiela', 'kamilkisiela'],
  ['4', 'Arda Tanrikulu', 'ardatan'], ['5', 'Gil Gardosh', 'gilgardosh'], ['6', 'Laurin Quast', 'laurin'],
].map(([id, name, username]) => ({ id, name, username, birthday: 1234567890 }));

const PRODUCTS = [
  ['1', 'Table', 899, 100], ['2', 'Couch', 1299, 1000], ['3', 'Glass', 15, 20], ['4', 'Chair', 499, 100],
  ['5', 'TV', 1299, 1000], ['6', 'Lamp', 6999, 300], ['7', 'Grill', 3999, 2000], ['8', 'Fridge', 100000, 6000],
  ['9', 'Sofa', 9999, 800],
].map(([upc, name, price, weight]) => ({ upc, name, price, weight }));

const IN_STOCK = { 1: true, 2: false, 3: false, 4: false, 5: true, 6: true, 7: true, 8: false, 9: true };

const LOREM = [
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.",
  "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi",
  "sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.",
  "Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem",
  "At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.",
];
const REVIEWS = [
  ['1', 0, '1'], ['2', 1, '1'], ['3', 2, '1'], ['4', 3, '1'], ['5', 0, '2'], ['6', 1, '2'], ['7', 2, '2'],
  ['8', 3, '2'], ['9', 3, '3'], ['10', 3, '4'], ['11', 4, '4'],
].map(([id, body, upc]) => ({ id, body: LOREM[body], upc }));

const byId = (list, key, v) => list.find((x) => x[key] === String(v)) ?? null;

export const resolvers = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_, { id }) => byId(USERS, 'id', id),
      users: () => USERS,
    },
    User: { __resolveReference: (ref) => byId(USERS, 'id', ref.id) },
  },
  inventory: {
    Product: {
      __resolveReference: (ref) => ({ ...ref, inStock: IN_STOCK[ref.upc] ?? null }),
      shippingEstimate: (p) => {
        if (p.price == null) return null;
        if (p.price > 1000) return 0; // free for expensive items
        return p.weight == null ? null : Math.trunc(p.weight / 2);
      },
    },
  },
  products: {
    Query: { topProducts: (_, { first }) => PRODUCTS.slice(0, first ?? 5) },
    Product: { __resolveReference: (ref) => byId(PRODUCTS, 'upc', ref.upc) },
  },
  reviews: {
    Review: {
      __resolveReference: (ref) => byId(REVIEWS, 'id', ref.id),
      product: (r) => ({ upc: r.upc }),
      author: () => ({ id: '1', username: 'urigo' }),
    },
    User: {
      __resolveReference: (ref) => ({ id: ref.id }),
      reviews: () => REVIEWS.slice(0, 2),
    },
    Product: {
      __resolveReference: (ref) => ({ upc: ref.upc }),
      reviews: (p) => REVIEWS.filter((r) => r.upc === p.upc),
    },
  },
};
