// router.yaml: the Apollo Router configuration keys Plexus implements so far, loaded with
// yaml-cpp (kept out of this header), with `${env.…}` / `${file.…}` expansion in values.
//
//   StatusOr<RouterConfig> config = loadRouterConfig("router.yaml");
//   if (!config.ok()) return config.status();
//   // "router.yaml:4:3: supergraph.lisen: unknown key; expected one of: listen, path, …"
//   config->supergraph.listen;                              // {"127.0.0.1", 4000}
//   config->traffic_shaping.timeout("products");            // subgraphs.products > all > 30 s
//   for (const std::string& s : config->ignored_sections) warn("not implemented: " + s);
//
// Keys read:
//   supergraph.listen (host:port or a Unix socket path, default 127.0.0.1:4000),
//   supergraph.path (default "/"),
//   supergraph.introspection (bool, default false),
//   traffic_shaping.all.{deduplicate_query,timeout}, traffic_shaping.subgraphs.<name>.{…},
//   override_subgraph_url.<name> (URL), include_subgraph_errors.{all,subgraphs.<name>},
//   limits.http_max_request_bytes, limits.http1_max_request_headers,
//   server.http.header_read_timeout (duration).
// As Apollo Router does, an unknown key is an error naming its YAML path and position. The other
// sections and keys of Apollo Router's configuration are accepted and ignored (listed in
// `ignored_sections`), so real configurations load while their features are being built.
// A wrong type is an error naming the path, line and column; every error of a file is reported
// at once, one per line.
//
// Plain values; immutable once loaded and safe to share read-only across threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"
#include "src/config/expansion.h"
#include "src/config/values.h"

namespace plexus::config {

struct SupergraphConfig {
  ListenAddress listen{"127.0.0.1", 4000};
  std::string path = "/";
  bool introspection = false;
};

// traffic_shaping.all and traffic_shaping.subgraphs.<name>; unset fields fall back to `all`.
struct SubgraphShapingConfig {
  std::optional<bool> deduplicate_query;
  std::optional<std::chrono::milliseconds> timeout;
};

struct TrafficShapingConfig {
  static constexpr std::chrono::milliseconds kDefaultTimeout{30'000};

  SubgraphShapingConfig all;
  std::map<std::string, SubgraphShapingConfig, std::less<>> subgraphs;

  bool deduplicateQuery(std::string_view subgraph) const;
  std::chrono::milliseconds timeout(std::string_view subgraph) const;
};

struct IncludeSubgraphErrorsConfig {
  bool all = false;
  std::map<std::string, bool, std::less<>> subgraphs;
};

// `homepage` (a landing page for browsers, on by default) and `sandbox` (an operation editor;
// needs supergraph.introspection and the homepage off, as in Apollo Router).
struct LandingConfig {
  bool homepage = true;
  bool sandbox = false;
};

// limits: Apollo's network-based limits, enforced by the HTTP server. The operation and parser
// limits of the section are accepted and ignored for now.
struct LimitsConfig {
  uint64_t http_max_request_bytes = 2'000'000;  // a larger body gets 413
  uint64_t http1_max_request_headers = 100;     // more header fields get 431
  uint32_t parser_max_tokens = 15'000;          // GRAPHQL_PARSE_FAILED beyond
  uint32_t parser_max_recursion = 500;
  // Operation limits (none by default): MAX_DEPTH_LIMIT, MAX_HEIGHT_LIMIT, MAX_ROOT_FIELDS_LIMIT,
  // MAX_ALIASES_LIMIT with 400, or only a warning in the log under warn_only.
  std::optional<uint32_t> max_depth;
  std::optional<uint32_t> max_height;
  std::optional<uint32_t> max_root_fields;
  std::optional<uint32_t> max_aliases;
  bool warn_only = false;
  bool introspection_max_depth = true;  // graphql-js MaxIntrospectionDepthRule
};

// server.http
struct ServerConfig {
  // The request head must arrive within this of its first byte (of accept for a new connection).
  std::chrono::milliseconds header_read_timeout{10'000};
};

// telemetry.exporters.logging.stdout: "text" or "json" (Apollo also accepts `{json: {...}}`,
// whose display options are not applied yet).
struct LoggingConfig {
  bool enabled = true;
  std::optional<std::string> format;      // when stdout is not a terminal (default json)
  std::optional<std::string> tty_format;  // when it is (default text)
};

struct RouterConfig {
  SupergraphConfig supergraph;
  bool forbid_mutations = false;  // mutations get 400 MUTATION_FORBIDDEN
  LoggingConfig logging;
  LimitsConfig limits;
  ServerConfig server;
  LandingConfig landing;
  TrafficShapingConfig traffic_shaping;
  std::map<std::string, std::string, std::less<>> override_subgraph_url;
  IncludeSubgraphErrorsConfig include_subgraph_errors;
  // Apollo Router keys present in the file that Plexus accepts but does not act on yet, as YAML
  // paths ("cors", "supergraph.query_planning", "traffic_shaping.router").
  std::vector<std::string> ignored_sections;
};

// Parses YAML text; `source_name` prefixes error positions. An empty document is the defaults.
StatusOr<RouterConfig> parseRouterConfig(
    std::string_view yaml, std::string_view source_name = "router.yaml",
    const ExpansionContext& context = ExpansionContext::fromProcess());

// Reads and parses a file; a missing or unreadable file is an error naming it.
StatusOr<RouterConfig> loadRouterConfig(
    const std::string& path, const ExpansionContext& context = ExpansionContext::fromProcess());

// The top-level sections of Apollo Router v2's configuration that Plexus accepts and ignores.
const std::vector<std::string_view>& ignoredTopLevelSections();

}  // namespace plexus::config
