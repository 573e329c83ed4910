// Test support for src/federation: a small supergraph around the types a test writes, and the
// position of a piece of SDL for expected error messages.
//
//   std::string sdl = test::supergraph(R"(type Query @join__type(graph: A) { a: Int })");
//   auto s = Supergraph::fromSdl(sdl);
//   EXPECT_EQ(s.status().message(), "supergraph.graphql:" + test::positionOf(sdl, "GRAPHX") + ...);
//
// Header-only; tests only.
#pragma once

#include <string>
#include <string_view>

namespace plexus::federation::test {

// The link/join (v0.5) machinery with two subgraphs, A ("a", http://a) and B ("b", http://b),
// followed by `types`. `links` adds @link applications to the schema definition and
// `definitions` their definitions.
inline std::string supergraph(std::string_view types, std::string_view links = "",
                              std::string_view definitions = "",
                              std::string_view join_url = "https://specs.apollo.dev/join/v0.5") {
  std::string out = R"(schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: ")";
  out += join_url;
  out += R"(", for: EXECUTION)
)";
  out += links;
  out += R"(
{
  query: Query
}

directive @join__directive(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION
directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, contextArguments: [join__ContextArgument!]) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__owner(graph: join__Graph!) on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
input join__ContextArgument { name: String! type: String! context: String! selection: join__FieldValue! }
scalar join__DirectiveArguments
scalar join__FieldSet
scalar join__FieldValue
enum join__Graph {
  A @join__graph(name: "a", url: "http://a")
  B @join__graph(name: "b", url: "http://b")
}
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
)";
  out += definitions;
  out += "\n";
  out += types;
  return out;
}

// Users in subgraph A with their reviews in subgraph B: `{ me { name reviews { body } } }` takes
// a fetch from each (the integration tests' and benchmarks' supergraph).
inline constexpr std::string_view kUsersAndReviewsTypes = R"(
type Query @join__type(graph: A) @join__type(graph: B) {
  me: User @join__field(graph: A)
}
type User @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
  id: ID!
  name: String @join__field(graph: A)
  reviews: [Review] @join__field(graph: B)
}
type Review @join__type(graph: B) {
  body: String
}
)";

// "line:column" (1-based) of the first occurrence of `needle` in `text`.
inline std::string positionOf(std::string_view text, std::string_view needle) {
  const size_t at = text.find(needle);
  if (at == std::string_view::npos) return "?:?";
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::to_string(line) + ":" + std::to_string(at - line_start + 1);
}

}  // namespace plexus::federation::test
