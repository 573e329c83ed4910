// Internal to src/federation: the state of one Supergraph::fromSdl() call, shared by the load
// steps (supergraph.cc), the join-spec reader (join.cc) and field-set parsing (field_set.cc).
// Not part of any public API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/federation/supergraph.h"

namespace plexus::federation {

struct Supergraph::Loader {
  Loader(Supergraph& target, std::string_view source) : s(target), source_name(source) {}

  Supergraph& s;
  std::string_view source_name;
  std::vector<std::string> errors;  // each "source:line:column: message"

  // The names the join spec's elements have in this supergraph.
  std::string graph_enum;
  std::string graph_directive, type_directive, field_directive, implements_directive,
      union_member_directive, enum_value_directive, owner_directive, join_directive;
  std::string tag_directive;           // empty when tag is not linked
  std::string inaccessible_directive;  // empty when inaccessible is not linked

  void error(graphql::ast::SourceLocation location, std::string message);
  std::string where(graphql::ast::SourceLocation location) const;

  // join.cc
  void resolveJoinNames();
  void readSubgraphs();
  void readTypes();
  void readSchemaDirectives();

  // field_set.cc: a FieldSet string checked against `parent`; nullopt after an error.
  // `context` names the use in messages: `@join__type(key:) on "Product"`.
  std::optional<FieldSet> fieldSet(const graphql::ast::Value& value,
                                   const graphql::NamedType* parent, const std::string& context);
  // A `@join__field(type:)` string such as "[String!]!"; null after an error.
  const graphql::ast::Type* decodeType(const graphql::ast::Value& value,
                                       const std::string& context);
};

}  // namespace plexus::federation
