// Composes the supergraphs/plexus-*.graphql fixtures that come from subgraphs (the others are
// written by hand or copied, see README.md) with @apollo/composition.
//
//   npm ci && node compose.mjs && node record.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.FEDERATION_FIXTURES ?? here;
const cases = {
  // Tags, inaccessible on every kind of element, descriptions, deprecations, defaults, custom scalars.
  'plexus-inaccessible-and-tags': {
    products: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@inaccessible", "@tag"])
      "Products and their prices."
      type Query {
        "Top products, best first."
        topProducts(first: Int = 5 "sort order" order: Order = BEST, filter: ProductFilter = {minPrice: 10.5}): [Product!]! @tag(name: "public")
        product(upc: ID!, legacy: Boolean @inaccessible): Product
        internal: Internal @inaccessible
        url: Url @deprecated(reason: "moved")
      }
      enum Order { BEST WORST @inaccessible NEWEST @deprecated }
      input ProductFilter { minPrice: Float = 0 secretFlag: Boolean @inaccessible name: String @deprecated(reason: "use q") }
      scalar Url @specifiedBy(url: "https://tools.ietf.org/html/rfc3986")
      type Internal @inaccessible { id: ID! }
      """
      A product.
        With an indented second line.
      """
      type Product @key(fields: "upc") @tag(name: "public") {
        upc: ID!
        name: String @shareable
        cost: Int @inaccessible
        kind: Kind
      }
      union Kind = Book | Game | Secret
      type Book { title: String }
      type Game { players: Int }
      type Secret @inaccessible { code: String }
      interface Node { id: ID! }
      interface Hidden @inaccessible { id: ID! }
      type Thing implements Node & Hidden { id: ID! }
    `,
    reviews: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override"])
      type Product @key(fields: "upc") { upc: ID! name: String @shareable reviews: [Review!]! }
      type Review { id: ID! body: String author: User @provides(fields: "name") }
      type User @key(fields: "id") { id: ID! name: String @external email: String }
      type Query { review(id: ID!): Review }
      type Mutation { addReview(body: String!): Review }
      type Subscription { reviewAdded: Review }
    `,
    users: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@override", "@shareable"])
      type User @key(fields: "id") { id: ID! name: String @shareable email: String @override(from: "reviews", label: "percent(20)") }
    `,
  },
  // @context/@fromContext, @cost/@listSize, @authenticated, @requiresScopes, @policy, progressive override.
  'plexus-join-v05': {
    a: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@context", "@fromContext", "@cost", "@listSize", "@authenticated", "@requiresScopes", "@policy", "@override", "@interfaceObject"])
      type Query { users(first: Int = 10): [User!]! @listSize(slicingArguments: ["first"]) @authenticated }
      type User @key(fields: "id") @context(name: "userContext") { id: ID! name: String @cost(weight: 5) prefs: Prefs! }
      type Prefs @key(fields: "id") { id: ID! greeting(name: String @fromContext(field: "$userContext { name }")): String @requiresScopes(scopes: [["read:prefs"]]) @policy(policies: [["p1"]]) }
      interface Media @key(fields: "id") { id: ID! title: String }
      type Book implements Media @key(fields: "id") { id: ID! title: String }
    `,
    b: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@override", "@interfaceObject"])
      type User @key(fields: "id") { id: ID! email: String @override(from: "a", label: "percent(50)") }
      type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int }
    `,
  },
  // A composed custom directive (its own @link feature), executable directives, non-default root names.
  'plexus-custom-directives': {
    a: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@composeDirective"])
        @link(url: "https://myspecs.dev/cache/v1.0", import: ["@cacheControl"])
        @composeDirective(name: "@cacheControl")
      directive @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT
      directive @lowercase on FIELD
      directive @log(level: LogLevel = INFO) repeatable on FIELD | QUERY
      enum LogLevel { INFO DEBUG }
      schema { query: RootQuery }
      type RootQuery { hello(name: String = "world"): String @cacheControl(maxAge: 30) }
    `,
    b: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
      directive @lowercase on FIELD
      directive @log(level: LogLevel = INFO) repeatable on FIELD | QUERY
      enum LogLevel { INFO DEBUG }
      type Query { bye: String }
    `,
  },
};
for (const [name, subgraphs] of Object.entries(cases)) {
  const result = composeServices(Object.entries(subgraphs).map(([n, sdl]) => ({ name: n, url: `http://${n}.example:4000/graphql`, typeDefs: parse(sdl) })));
  if (!result.supergraphSdl) {
    console.error(name, 'does not compose:', result.errors.map((e) => e.message).join('\n'));
    process.exitCode = 1;
    continue;
  }
  fs.writeFileSync(path.join(root, 'supergraphs', `${name}.graphql`), result.supergraphSdl);
  console.log(`wrote supergraphs/${name}.graphql`);
}
