// Supergraph loading: parse, @link, feature support (as @apollo/federation-internals
// supergraphs.ts validateSupergraph + checkFeatureSupport), the schema itself, the join
// metadata (join.cc), then the API schema (api_schema.cc).
#include "src/federation/supergraph.h"

#include <algorithm>

#include "src/federation/api_schema.h"
#include "src/federation/supergraph_loader.h"
#include "src/graphql/parser.h"

namespace plexus::federation {

const std::vector<std::string_view> kRouterSupportedFeatures = {
    "https://specs.apollo.dev/core/v0.1",          "https://specs.apollo.dev/core/v0.2",
    "https://specs.apollo.dev/join/v0.1",          "https://specs.apollo.dev/join/v0.2",
    "https://specs.apollo.dev/join/v0.3",          "https://specs.apollo.dev/join/v0.4",
    "https://specs.apollo.dev/join/v0.5",          "https://specs.apollo.dev/tag/v0.1",
    "https://specs.apollo.dev/tag/v0.2",           "https://specs.apollo.dev/tag/v0.3",
    "https://specs.apollo.dev/inaccessible/v0.1",  "https://specs.apollo.dev/inaccessible/v0.2",
    "https://specs.apollo.dev/authenticated/v0.1", "https://specs.apollo.dev/requiresScopes/v0.1",
    "https://specs.apollo.dev/policy/v0.1",        "https://specs.apollo.dev/context/v0.1",
    "https://specs.apollo.dev/cost/v0.1",          "https://specs.apollo.dev/cacheTag/v0.1",
};

const std::vector<FeatureVersion> kSupportedJoinVersions = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}};

// --- metadata lookups -----------------------------------------------------------------------

const JoinField* FieldInfo::joinFor(SubgraphId graph) const {
  for (const JoinField& join : joins) {
    if (join.graph == graph) return &join;
  }
  return nullptr;
}

bool FieldInfo::isInSubgraph(SubgraphId graph) const {
  return std::find(subgraphs.begin(), subgraphs.end(), graph) != subgraphs.end();
}

bool FieldInfo::isResolvableIn(SubgraphId graph) const {
  if (!isInSubgraph(graph)) return false;
  const JoinField* join = joinFor(graph);
  if (join == nullptr) return true;
  return !join->external && !(join->used_overridden && !join->override_label);
}

bool FieldInfo::isShareable() const {
  if (parent == nullptr || parent->type->kind != graphql::TypeKind::kObject) return false;
  size_t resolvable = 0;
  for (SubgraphId graph : subgraphs) resolvable += isResolvableIn(graph) ? 1 : 0;
  return resolvable > 1;
}

bool TypeInfo::isInSubgraph(SubgraphId graph) const {
  return std::find(subgraphs.begin(), subgraphs.end(), graph) != subgraphs.end();
}

std::vector<const JoinType*> TypeInfo::keysIn(SubgraphId graph) const {
  std::vector<const JoinType*> keys;
  for (const JoinType& join : joins) {
    if (join.graph == graph && join.key) keys.push_back(&join);
  }
  return keys;
}

bool TypeInfo::isInterfaceObjectIn(SubgraphId graph) const {
  for (const JoinType& join : joins) {
    if (join.graph == graph && join.is_interface_object) return true;
  }
  return false;
}

const FieldInfo* TypeInfo::field(std::string_view field_name) const {
  for (const FieldInfo& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const EnumValueInfo* TypeInfo::value(std::string_view value_name) const {
  for (const EnumValueInfo& v : values) {
    if (v.name == value_name) return &v;
  }
  return nullptr;
}

Supergraph::Supergraph() = default;
Supergraph::~Supergraph() = default;

const Subgraph* Supergraph::subgraphNamed(std::string_view name) const {
  for (const Subgraph& g : subgraphs_) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

const Subgraph* Supergraph::subgraphForEnumValue(std::string_view enum_value) const {
  for (const Subgraph& g : subgraphs_) {
    if (g.enum_value == enum_value) return &g;
  }
  return nullptr;
}

const TypeInfo* Supergraph::type(std::string_view name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : it->second;
}

const FieldInfo* Supergraph::field(std::string_view type_name, std::string_view field_name) const {
  const TypeInfo* t = type(type_name);
  return t == nullptr ? nullptr : t->field(field_name);
}

// --- loading ----------------------------------------------------------------------------------

std::string Supergraph::Loader::where(graphql::ast::SourceLocation location) const {
  return std::string(source_name) + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column) + ": ";
}

void Supergraph::Loader::error(graphql::ast::SourceLocation location, std::string message) {
  errors.push_back(where(location) + message);
}

namespace {

std::string versionList(const std::vector<FeatureVersion>& versions) {
  std::string out;
  for (const FeatureVersion& v : versions) {
    if (!out.empty()) out += ", ";
    out += v.toString();
  }
  return out;
}

}  // namespace

StatusOr<std::shared_ptr<const Supergraph>> Supergraph::fromSdl(std::string sdl,
                                                                std::string_view source_name,
                                                                const LoadOptions& options) {
  std::shared_ptr<Supergraph> s(new Supergraph());
  Loader loader(*s, source_name);
  s->sdl_ = std::make_shared<const std::string>(sdl);

  graphql::ParseOptions unlimited{.max_tokens = UINT32_MAX, .max_recursion = 10000};
  graphql::ParseResult parsed = graphql::parse(sdl, unlimited);
  if (!parsed.ok()) {
    return Status::error(loader.where(parsed.error().location) + parsed.error().message);
  }
  s->document_ = parsed.takeDocument();

  auto links = Links::collect(*s->document_, source_name);
  if (!links.ok()) return links.status();
  s->links_ = std::move(*links);

  s->join_ = s->links_.find(kJoinIdentity);
  if (s->join_ == nullptr) {
    return Status::error(loader.where(s->links_.linkItself().location) +
                         "Invalid supergraph: must use the join spec "
                         "(https://specs.apollo.dev/join/v0.1 to v0.5)");
  }
  const FeatureVersion join_version = s->join_->url.version;
  if (std::find(kSupportedJoinVersions.begin(), kSupportedJoinVersions.end(), join_version) ==
      kSupportedJoinVersions.end()) {
    return Status::error(loader.where(s->join_->location) +
                         "Invalid supergraph: uses unsupported join spec version " +
                         join_version.toString() +
                         " (supported versions: " + versionList(kSupportedJoinVersions) + ")");
  }
  // A feature the router must understand to execute or secure operations (`for: EXECUTION` or
  // `for: SECURITY`) has to be one we support.
  for (const Link& link : s->links_.all()) {
    if (link.purpose == LinkPurpose::kNone) continue;
    const std::string url = link.url.toString();
    bool supported = false;
    if (options.supported_features.empty()) {
      for (std::string_view f : kRouterSupportedFeatures) supported = supported || f == url;
    } else {
      for (const std::string& f : options.supported_features) supported = supported || f == url;
    }
    if (!supported) {
      loader.error(link.location, "feature " + url +
                                      " is for: " + std::string(linkPurposeName(link.purpose)) +
                                      " but is unsupported");
    }
  }
  if (!loader.errors.empty()) return joinErrors(loader.errors);

  auto schema = graphql::Schema::fromSdl(std::move(sdl), source_name);
  if (!schema.ok()) return schema.status();
  s->schema_ = std::move(*schema);

  loader.resolveJoinNames();
  loader.readSubgraphs();
  if (!loader.errors.empty()) return joinErrors(loader.errors);
  loader.readTypes();
  loader.readSchemaDirectives();
  if (!loader.errors.empty()) return joinErrors(loader.errors);

  ApiSchemaOptions api_options{.include_defer = options.api_include_defer,
                               .include_stream = options.api_include_stream};
  auto api = buildApiSchema(*s, source_name, api_options);
  if (!api.ok()) return api.status();
  s->api_schema_ = std::move(*api);
  return std::shared_ptr<const Supergraph>(std::move(s));
}

}  // namespace plexus::federation
