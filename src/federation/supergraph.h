// Supergraph: a Federation 2 supergraph SDL loaded into the schema it is, the subgraphs it joins,
// the ownership metadata the query planner needs, and the client-facing API schema.
//
//   auto supergraph = federation::Supergraph::fromSdl(sdl, "supergraph.graphql");
//   if (!supergraph.ok()) return supergraph.status();   // "supergraph.graphql:12:3: ..."
//   const Supergraph& s = **supergraph;
//   const TypeInfo* product = s.type("Product");
//   for (const JoinType& join : product->joins)           // @join__type, one per key
//     if (join.key) plan(s.subgraph(join.graph).name, *join.key->selection_set);
//   const FieldInfo* price = s.field("Product", "price");
//   bool here = price->isResolvableIn(inventory);
//   const graphql::Schema& api = s.apiSchema();           // what clients query and introspect
//
// Reads @link v1.0 (supergraphs from `@core` are refused), the join spec v0.1 to v0.5
// (join__Graph with @join__graph, @join__type, @join__field, @join__implements,
// @join__unionMember, @join__enumValue, @join__owner, @join__directive), @inaccessible and @tag,
// under whatever names their @link gives them. FieldSet strings (keys, requires, provides) are
// parsed as selection sets and checked against the supergraph's types.
//
// Immutable once loaded and shared as std::shared_ptr<const Supergraph>; every pointer and
// string_view it hands out lives as long as it does. Thread-safe to read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/common/arena.h"
#include "src/common/status.h"
#include "src/federation/link.h"
#include "src/graphql/ast.h"
#include "src/graphql/schema.h"

namespace plexus::federation {

// Index into Supergraph::subgraphs().
using SubgraphId = uint32_t;

struct Subgraph {
  SubgraphId id = 0;
  std::string_view name;        // @join__graph(name:)
  std::string_view url;         // @join__graph(url:)
  std::string_view enum_value;  // the join__Graph value naming it ("PRODUCTS")
};

// A FieldSet string parsed as the selection set `{ <text> }`.
struct FieldSet {
  std::string_view text;
  const graphql::ast::SelectionSet* selection_set = nullptr;
};

// One @join__type application: the type is defined in `graph`, with this key if any.
struct JoinType {
  SubgraphId graph = 0;
  std::optional<FieldSet> key;
  bool extension = false;
  bool resolvable = true;
  bool is_interface_object = false;
};

// @join__implements / @join__unionMember: a per-subgraph relation to another type.
struct JoinRelation {
  SubgraphId graph = 0;
  std::string_view type_name;  // the interface, or the union member
};

// @join__directive(graphs:, name:, args:): a subgraph directive carried through composition.
struct JoinDirective {
  std::vector<SubgraphId> graphs;
  std::string_view name;
  const graphql::ast::Value* args = nullptr;  // an object literal, or null
};

// One entry of @join__field(contextArguments:) (join v0.5, @fromContext).
struct ContextArgument {
  std::string_view name;
  std::string_view type;
  std::string_view context;
  std::string_view selection;
};

// One @join__field application.
struct JoinField {
  std::optional<SubgraphId> graph;  // absent: the field is in no subgraph through this entry
  std::optional<FieldSet> requires_fields;   // @requires (`requires` is a C++20 keyword)
  std::optional<FieldSet> provides_fields;   // @provides
  const graphql::ast::Type* type = nullptr;  // the field's type in that subgraph, when it differs
  bool external = false;
  std::optional<std::string_view> override_from;  // @override(from:)
  std::optional<std::string_view> override_label;
  bool used_overridden = false;
  std::vector<ContextArgument> context_arguments;
};

struct TypeInfo;

// Federation metadata of a field (object and interface fields, and input fields).
struct FieldInfo {
  std::string_view name;
  const TypeInfo* parent = nullptr;
  const graphql::FieldDef* field = nullptr;          // object / interface fields
  const graphql::InputValue* input_field = nullptr;  // input object fields
  std::vector<JoinField> joins;                      // every @join__field, in order
  // The subgraphs whose schema has the field: the @join__field graphs, or, without any
  // @join__field, every subgraph defining the parent type.
  std::vector<SubgraphId> subgraphs;
  bool inaccessible = false;
  std::vector<std::string_view> tags;
  std::vector<JoinDirective> directives;

  // The @join__field entry for `graph`, if any.
  const JoinField* joinFor(SubgraphId graph) const;
  bool isInSubgraph(SubgraphId graph) const;
  // In that subgraph's schema, neither @external nor an overridden leftover (an overridden field
  // with a progressive-override label stays resolvable: the label decides at plan time).
  bool isResolvableIn(SubgraphId graph) const;
  // Shareable: an object field resolvable in more than one subgraph.
  bool isShareable() const;
};

struct EnumValueInfo {
  std::string_view name;
  std::vector<SubgraphId> subgraphs;  // from @join__enumValue; empty: in every defining subgraph
  bool inaccessible = false;
  std::vector<std::string_view> tags;
};

// Federation metadata of a named type of the supergraph (not the link/join machinery).
struct TypeInfo {
  const graphql::NamedType* type = nullptr;
  std::vector<JoinType> joins;              // every @join__type, in order (several per key)
  std::vector<SubgraphId> subgraphs;        // distinct graphs of `joins`, in order
  std::vector<JoinRelation> implements;     // @join__implements
  std::vector<JoinRelation> union_members;  // @join__unionMember
  std::optional<SubgraphId> owner;          // @join__owner (join v0.1)
  std::vector<FieldInfo> fields;            // object/interface fields or input fields, in order
  std::vector<EnumValueInfo> values;        // enum values, in order
  bool inaccessible = false;
  std::vector<std::string_view> tags;
  std::vector<JoinDirective> directives;

  std::string_view name() const { return type->name; }
  bool isInSubgraph(SubgraphId graph) const;
  // The @join__type entries for `graph` that carry a key.
  std::vector<const JoinType*> keysIn(SubgraphId graph) const;
  bool isInterfaceObjectIn(SubgraphId graph) const;
  const FieldInfo* field(std::string_view field_name) const;
  const EnumValueInfo* value(std::string_view value_name) const;
};

struct LoadOptions {
  // Feature urls (`https://specs.apollo.dev/authenticated/v0.1`) accepted when linked
  // `for: EXECUTION` or `for: SECURITY`; empty means kRouterSupportedFeatures.
  std::vector<std::string> supported_features;
  // Add @defer / @stream definitions to the API schema (Apollo Router's defer support).
  bool api_include_defer = false;
  bool api_include_stream = false;
};

// What Apollo Router accepts, less connectors (connect/v0.x): Plexus does not execute them.
extern const std::vector<std::string_view> kRouterSupportedFeatures;
// The join spec versions Plexus reads.
extern const std::vector<FeatureVersion> kSupportedJoinVersions;

class Supergraph {
 public:
  // Parses, validates and indexes a supergraph; derives its API schema. Errors name
  // `source_name:line:column`, one per line when there are several.
  static StatusOr<std::shared_ptr<const Supergraph>> fromSdl(
      std::string sdl, std::string_view source_name = "supergraph.graphql",
      const LoadOptions& options = {});

  // The supergraph itself (join__/link__ machinery included).
  const graphql::Schema& schema() const { return *schema_; }
  const std::shared_ptr<const graphql::Schema>& schemaPtr() const { return schema_; }
  // The client-facing schema (see api_schema.h).
  const graphql::Schema& apiSchema() const { return *api_schema_; }
  const std::shared_ptr<const graphql::Schema>& apiSchemaPtr() const { return api_schema_; }

  const Links& links() const { return links_; }
  const Link& joinLink() const { return *join_; }
  FeatureVersion joinVersion() const { return join_->url.version; }

  const std::vector<Subgraph>& subgraphs() const { return subgraphs_; }
  const Subgraph& subgraph(SubgraphId id) const { return subgraphs_[id]; }
  const Subgraph* subgraphNamed(std::string_view name) const;
  const Subgraph* subgraphForEnumValue(std::string_view enum_value) const;

  // Metadata of every type that is not link/join machinery or built in, in type-map order.
  const std::vector<const TypeInfo*>& types() const { return type_order_; }
  const TypeInfo* type(std::string_view name) const;
  const FieldInfo* field(std::string_view type_name, std::string_view field_name) const;
  // @join__directive applications on the schema definition.
  const std::vector<JoinDirective>& schemaDirectives() const { return schema_directives_; }

  // The names the linked specs' directives have in this schema ("inaccessible", "tag"); empty
  // when the spec is not linked.
  const std::string& inaccessibleDirectiveName() const { return inaccessible_name_; }
  const std::string& tagDirectiveName() const { return tag_name_; }

  // The supergraph SDL as parsed (its definitions in document order).
  const graphql::ast::Document& document() const { return *document_; }
  // The supergraph SDL text as loaded (for plugins: PluginInit::supergraph_sdl).
  const std::shared_ptr<const std::string>& sdl() const { return sdl_; }

  ~Supergraph();
  Supergraph(const Supergraph&) = delete;
  Supergraph& operator=(const Supergraph&) = delete;

  struct Loader;  // supergraph.cc / join.cc

 private:
  Supergraph();
  friend struct Loader;

  std::unique_ptr<graphql::ast::Document> document_;
  std::shared_ptr<const std::string> sdl_;
  std::shared_ptr<const graphql::Schema> schema_;
  std::shared_ptr<const graphql::Schema> api_schema_;
  Links links_;
  const Link* join_ = nullptr;
  std::string inaccessible_name_;
  std::string tag_name_;
  std::vector<Subgraph> subgraphs_;
  std::vector<std::unique_ptr<TypeInfo>> owned_types_;
  std::vector<const TypeInfo*> type_order_;
  std::unordered_map<std::string_view, const TypeInfo*> types_;
  std::vector<JoinDirective> schema_directives_;
  // Parsed field sets and decoded `type:` strings.
  std::vector<std::unique_ptr<graphql::ast::Document>> field_set_documents_;
  Arena arena_;
};

}  // namespace plexus::federation
