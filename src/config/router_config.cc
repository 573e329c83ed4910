// router.yaml's top level: the sections (described in sections_*.cc) composed into one
// description of RouterConfig, and the loaders and schema built from it.
#include "src/config/router_config.h"

#include <fstream>
#include <sstream>

#include "src/config/describe.h"
#include "src/config/sections.h"

namespace plexus::config {

namespace {

using namespace describe;

// Apollo Router v2's top-level sections other than the ones described below.
const std::vector<std::string_view> kIgnoredTopLevel = {
    "apq",
    "authentication",
    "authorization",
    "connectors",
    "demand_control",
    "enhanced_client_awareness",
    "experimental_chaos",
    "experimental_diagnostics",
    "experimental_mock_subgraphs",
    "experimental_type_conditioned_fetching",
    "fleet_detector",
    "license_enforcement",
    "persisted_queries",
    "preview_entity_cache",
    "preview_file_uploads",
    "progressive_override",
    "response_cache",
    "subscription",
};

// Apollo's Configuration::validate: the sandbox replaces the homepage and needs introspection.
void checkLanding(const RouterConfig& config, Checker& checker) {
  if (config.landing.sandbox && config.landing.homepage) {
    checker.error("sandbox.enabled", "the sandbox needs `homepage: { enabled: false }`");
  } else if (config.landing.sandbox && !config.supergraph.introspection) {
    checker.error("sandbox.enabled", "the sandbox needs `supergraph: { introspection: true }`");
  }
}

// plugins: a mapping of "group.name" to each plugin's section, kept as written; the registry
// reads and checks them (its schema is merged in by `router config schema`).
Type<std::vector<PluginSection>> pluginSections() {
  Type<std::vector<PluginSection>> type;
  type.read = [](const YamlNode& node, const std::string& path, ReadContext& context,
                 std::vector<PluginSection>& out) {
    if (node.isNull()) return;
    if (!node.isMapping()) {
      context.error(node, path, "expected a mapping of plugin names, found " + node.describe());
      return;
    }
    for (const YamlNode::Entry& entry : node.entries) {
      if (!entry.key.isScalar()) {
        context.error(entry.key, path, "plugin names must be strings");
        continue;
      }
      out.push_back(PluginSection{entry.key.text, entry.value, context.sourceName()});
    }
  };
  type.schema = [](const std::vector<PluginSection>*) {
    json::Value schema = json::Value::object();
    schema["type"] = "object";
    return schema;
  };
  type.to_json = [](const std::vector<PluginSection>&) { return json::Value(); };
  type.shows_default = false;
  return type;
}

Type<RouterConfig> describeRouterConfig() {
  return Object<RouterConfig>("Plexus router configuration (Apollo Router v2's router.yaml)")
      .field("supergraph", &RouterConfig::supergraph, sections::supergraph(),
             "The GraphQL endpoint")
      .field("traffic_shaping", &RouterConfig::traffic_shaping, sections::trafficShaping(),
             "Timeouts and deduplication of subgraph requests")
      .field("override_subgraph_url", &RouterConfig::override_subgraph_url,
             sections::overrideSubgraphUrl(),
             "Subgraph URLs that replace the supergraph's, by subgraph name")
      .field("include_subgraph_errors", &RouterConfig::include_subgraph_errors,
             sections::includeSubgraphErrors(),
             "Which subgraphs' error messages reach clients (others are redacted)")
      .field(
          "homepage", [](RouterConfig& c) -> bool& { return c.landing.homepage; },
          sections::homepage(), "The landing page shown to browsers")
      .field(
          "sandbox", [](RouterConfig& c) -> bool& { return c.landing.sandbox; },
          sections::sandbox(), "The Apollo Sandbox operation editor")
      .field("limits", &RouterConfig::limits, sections::limits(),
             "Request size and operation limits")
      .field("server", &RouterConfig::server, sections::server(), "The HTTP server")
      .field("telemetry", itself, sections::telemetry(),
             "Telemetry: stdout logging and Prometheus metrics")
      .field("forbid_mutations", &RouterConfig::forbid_mutations, boolean(),
             "Refuses mutations with 400 MUTATION_FORBIDDEN")
      .field("cors", &RouterConfig::cors, sections::cors(),
             "Cross-origin resource sharing: which browser origins may call")
      .field("csrf", &RouterConfig::csrf, sections::csrf(), "Cross-site request forgery prevention")
      .field("health_check", &RouterConfig::health_check, sections::healthCheck(),
             "The health check endpoint, on its own listener")
      .field("tls", &RouterConfig::tls, sections::tls(), "TLS settings")
      .field("batching", &RouterConfig::batching, sections::batching(), "Client query batching")
      .field("headers", &RouterConfig::headers, sections::headers(),
             "Header rules for subgraph requests: propagate, insert, remove")
      .field("rhai", &RouterConfig::rhai, optional(sections::rhai()),
             "Rhai scripts that customise the request stages")
      .field("coprocessor", &RouterConfig::coprocessor, optional(sections::coprocessor()),
             "External coprocessor called at the request stages")
      .field("plugins", &RouterConfig::plugins, pluginSections(),
             "Native plugins of a custom router binary, by \"group.name\", in order")
      .ignored(std::vector<std::string>(kIgnoredTopLevel.begin(), kIgnoredTopLevel.end()))
      .check(checkLanding)
      .type();
}

const Type<RouterConfig>& routerConfigType() {
  static const Type<RouterConfig> type = describeRouterConfig();
  return type;
}

}  // namespace

bool TrafficShapingConfig::deduplicateQuery(std::string_view subgraph) const {
  if (auto it = subgraphs.find(subgraph); it != subgraphs.end() && it->second.deduplicate_query) {
    return *it->second.deduplicate_query;
  }
  return all.deduplicate_query.value_or(false);
}

std::chrono::milliseconds TrafficShapingConfig::timeout(std::string_view subgraph) const {
  if (auto it = subgraphs.find(subgraph); it != subgraphs.end() && it->second.timeout) {
    return *it->second.timeout;
  }
  return all.timeout.value_or(kDefaultTimeout);
}

const std::vector<std::string_view>& ignoredTopLevelSections() { return kIgnoredTopLevel; }

StatusOr<RouterConfig> parseRouterConfig(std::string_view yaml, std::string_view source_name,
                                         const ExpansionContext& context) {
  StatusOr<YamlNode> root = parseYaml(yaml, source_name);
  if (!root.ok()) return root.status();
  ReadContext reader(source_name, context);
  if (!root->isNull() && !root->isMapping()) {
    reader.error(*root, "",
                 "expected a mapping of configuration sections, found " + root->describe());
    return joinErrors(reader.errors());
  }
  RouterConfig config;
  routerConfigType().read(*root, "", reader, config);
  if (reader.errorCount() > 0) return joinErrors(reader.errors());
  config.ignored_sections = std::move(reader.ignored());
  return config;
}

StatusOr<RouterConfig> loadRouterConfig(const std::string& path, const ExpansionContext& context) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot read configuration file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return parseRouterConfig(text.str(), path, context);
}

json::Value routerConfigSchema() { return jsonSchema(routerConfigType(), "Configuration"); }

std::string routerConfigJsonSchema() {
  return json::serialize(routerConfigSchema(), {.indent = 2});
}

}  // namespace plexus::config
