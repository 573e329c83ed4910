// Core schemas and @link (https://specs.apollo.dev/link/v1.0): which specs a supergraph links,
// under which names their directives and types appear, and for what purpose.
//
//   auto links = federation::Links::collect(document, "supergraph.graphql");
//   if (!links.ok()) return links.status();          // "supergraph.graphql:2:3: ..."
//   const Link* join = links->find("https://specs.apollo.dev/join");
//   std::string type_directive = join->directiveNameInSchema("type");   // "join__type"
//   bool machinery = links->isFeatureDirective("join__field");           // true
//
// Follows @apollo/federation-internals (coreSpec.ts, CoreFeatures): the schema's own @link to
// the link spec is found first (by its url, under its `as` name); every other application of
// that directive on the schema definition or its extensions links one feature. Names in schema:
// a spec's directive named like the spec is `@<as>`; others are `@<as>__<name>` and types
// `<as>__<Name>`, unless imported (`import: ["@key", {name: "@tag", as: "@label"}]`).
//
// Values, immutable after collect(); thread-safe to read.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"
#include "src/graphql/ast.h"

namespace plexus::federation {

// `v0.3` in a feature url.
struct FeatureVersion {
  uint32_t major = 0;
  uint32_t minor = 0;

  static std::optional<FeatureVersion> parse(std::string_view text);  // "v1.2"
  std::string toString() const;                                       // "v1.2"
  friend auto operator<=>(const FeatureVersion&, const FeatureVersion&) = default;
};

// A feature url, `https://specs.apollo.dev/join/v0.3`: identity, name and version.
struct FeatureUrl {
  std::string identity;  // "https://specs.apollo.dev/join"
  std::string name;      // "join"
  FeatureVersion version;

  // Errors are federation-internals' messages ("Missing path in feature url '…'").
  static StatusOr<FeatureUrl> parse(std::string_view url);
  std::string toString() const;  // identity + "/" + version
};

enum class LinkPurpose : uint8_t { kNone, kSecurity, kExecution };
std::string_view linkPurposeName(LinkPurpose purpose);  // "SECURITY", "EXECUTION", ""

struct LinkImport {
  std::string name;  // as in the spec: "@key", "FieldSet"
  std::string as;    // the name in the schema when renamed; empty otherwise
  std::string_view nameInSchema() const { return as.empty() ? name : as; }
};

// One @link application: a feature linked into the schema.
struct Link {
  FeatureUrl url;
  std::string name_in_schema;  // `as`, or the url's name
  LinkPurpose purpose = LinkPurpose::kNone;
  std::vector<LinkImport> imports;
  graphql::ast::SourceLocation location;  // of the @link application

  // The schema name of the spec's directive `name_in_spec` ("field" -> "join__field").
  std::string directiveNameInSchema(std::string_view name_in_spec) const;
  // The schema name of the spec's type `name_in_spec` ("Graph" -> "join__Graph").
  std::string typeNameInSchema(std::string_view name_in_spec) const;
  // federation-internals CoreFeature.isFeatureDefinition: is this directive / type one of the
  // feature's own definitions (by prefix, spec-named directive, or import)?
  bool definesDirective(std::string_view directive_name) const;
  bool definesType(std::string_view type_name) const;
};

// Well-known feature identities.
inline constexpr std::string_view kLinkIdentity = "https://specs.apollo.dev/link";
inline constexpr std::string_view kCoreIdentity = "https://specs.apollo.dev/core";
inline constexpr std::string_view kJoinIdentity = "https://specs.apollo.dev/join";
inline constexpr std::string_view kInaccessibleIdentity = "https://specs.apollo.dev/inaccessible";
inline constexpr std::string_view kTagIdentity = "https://specs.apollo.dev/tag";

class Links {
 public:
  // Reads the @link applications of `document`'s schema definition and extensions. Fails when
  // the schema is not a core schema, uses a link version other than v1.0 (or @core), or an
  // application is malformed; messages start with `source_name:line:column: `.
  static StatusOr<Links> collect(const graphql::ast::Document& document,
                                 std::string_view source_name);

  // The link spec's own @link (first in all()).
  const Link& linkItself() const { return links_.front(); }
  const std::vector<Link>& all() const { return links_; }
  const Link* find(std::string_view identity) const;

  // Whether a directive / type belongs to any linked feature (link and join machinery, @tag,
  // @inaccessible, ...): such definitions are not part of the API schema.
  bool isFeatureDirective(std::string_view directive_name) const;
  bool isFeatureType(std::string_view type_name) const;
  // The linked feature a directive / type belongs to, or null.
  const Link* featureOfDirective(std::string_view directive_name) const;
  const Link* featureOfType(std::string_view type_name) const;

 private:
  std::vector<Link> links_;
};

}  // namespace plexus::federation
