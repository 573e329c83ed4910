// router.yaml: the Apollo Router configuration keys Plexus implements so far, with `${env.…}` /
// `${file.…}` expansion in values. Each section is described once (sections_*.cc, with the
// framework of describe.h); its reader, checks and JSON Schema all come from that description.
//
//   StatusOr<RouterConfig> config = loadRouterConfig("router.yaml");
//   if (!config.ok()) return config.status();
//   // "router.yaml:4:3: supergraph.lisen: unknown key; did you mean "listen"? expected one of: …"
//   config->supergraph.listen;                              // {"127.0.0.1", 4000}
//   config->traffic_shaping.timeout("products");            // subgraphs.products > all > 30 s
//   for (const std::string& s : config->ignored_sections) warn("not implemented: " + s);
//   std::string schema = routerConfigJsonSchema();          // `router config schema`
//
// Sections read: supergraph, traffic_shaping, override_subgraph_url, include_subgraph_errors,
// homepage, sandbox, limits, server.http, telemetry.exporters.{logging.stdout, metrics},
// forbid_mutations, cors, csrf, health_check, tls.supergraph, batching, headers
// (docs/configuration.md lists every key).
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
#include "src/config/coprocessor_config.h"
#include "src/config/expansion.h"
#include "src/config/values.h"
#include "src/config/yaml_tree.h"
#include "src/json/value.h"

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

// include_subgraph_errors, as Apollo Router v2 reads it (plugins/include_subgraph_errors/
// config.rs). A setting is `true`/`false` (include a subgraph's errors as they are, or redact them)
// or an object that includes them with options:
//   {allow_extensions_keys: [..], redact_message}     only these extension keys are kept
//   {deny_extensions_keys: [..], redact_message}      these extension keys are dropped
//   {redact_message, exclude_global_keys}             subgraphs only: `all`'s list, minus some keys
// How `all` and a subgraph's setting combine is execution::SubgraphErrorPolicy::fromConfig.
enum class SubgraphErrorsForm { kBoolean, kAllow, kDeny, kCommonOnly };

// include_subgraph_errors.all (Apollo's ErrorMode). An object needs `redact_message` and at most
// one of the lists; with neither list it means `true` (Apollo ignores its redact_message then).
struct SubgraphErrorsMode {
  SubgraphErrorsForm form = SubgraphErrorsForm::kBoolean;  // never kCommonOnly
  bool include = false;                                    // kBoolean
  std::vector<std::string> extensions_keys;  // kAllow: the keys kept; kDeny: the keys dropped
  bool redact_message = false;               // kAllow / kDeny

  // The boolean form: `config.include_subgraph_errors.all = true`.
  SubgraphErrorsMode& operator=(bool included) {
    *this = SubgraphErrorsMode{};
    include = included;
    return *this;
  }
};

// include_subgraph_errors.subgraphs.<name> (Apollo's SubgraphConfig). Objects are allowed only
// when `all` is an object.
struct SubgraphErrorsOverride {
  SubgraphErrorsForm form = SubgraphErrorsForm::kBoolean;
  bool include = false;                          // kBoolean
  std::vector<std::string> extensions_keys;      // kAllow / kDeny, as in SubgraphErrorsMode
  std::optional<bool> redact_message;            // the object forms; unset: `all`'s
  std::vector<std::string> exclude_global_keys;  // the object forms: left out of `all`'s list

  SubgraphErrorsOverride& operator=(bool included) {
    *this = SubgraphErrorsOverride{};
    include = included;
    return *this;
  }
};

struct IncludeSubgraphErrorsConfig {
  SubgraphErrorsMode all;  // default `false`: every subgraph's errors are redacted
  std::map<std::string, SubgraphErrorsOverride, std::less<>> subgraphs;
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
  // A TLS client must complete its handshake within this of accept (with tls.supergraph).
  std::chrono::milliseconds tls_handshake_timeout{10'000};
};

// telemetry.exporters.logging.stdout: "text" or "json" (Apollo also accepts `{json: {...}}`,
// whose display options are not applied yet).
struct LoggingConfig {
  bool enabled = true;
  std::optional<std::string> format;      // when stdout is not a terminal (default json)
  std::optional<std::string> tty_format;  // when it is (default text)
};

// telemetry.exporters.metrics.prometheus: the Prometheus scrape endpoint (include/plexus/
// metrics.h), on its own listener or on the main one when `listen` is supergraph.listen.
struct PrometheusConfig {
  bool enabled = false;
  ListenAddress listen{"127.0.0.1", 9090};
  std::string path = "/metrics";
  friend bool operator==(const PrometheusConfig&, const PrometheusConfig&) = default;
};

// telemetry.exporters.metrics: the Prometheus exporter and common.buckets, the bounds of every
// histogram that does not set its own (Apollo Router's defaults). The other keys (otlp,
// common.service_name, views, resource…) are accepted and ignored.
struct MetricsConfig {
  PrometheusConfig prometheus;
  std::vector<double> buckets = {0.001, 0.005, 0.015, 0.05, 0.1, 0.2,
                                 0.3,   0.4,   0.5,   1.0,  5.0, 10.0};
};

// cors: which browser origins may call the router (Apollo Router v2's keys). The top-level
// allow_credentials / allow_headers / expose_headers / methods / max_age are the defaults of every
// policy that does not set its own. By default only https://studio.apollographql.com is allowed.
struct CorsPrivateNetworkAccess {
  std::optional<std::string> access_id;
  std::optional<std::string> access_name;
};

struct CorsPolicy {
  std::vector<std::string> origins;  // exact origins
  // ECMAScript-style regexes; a match anywhere in the origin counts (as Rust's is_match in
  // Apollo Router), so anchor them with ^…$.
  std::vector<std::string> match_origins;
  std::optional<bool> allow_credentials;
  std::optional<std::vector<std::string>> allow_headers;
  std::optional<std::vector<std::string>> expose_headers;
  std::optional<std::vector<std::string>> methods;
  std::optional<std::chrono::milliseconds> max_age;
  std::optional<CorsPrivateNetworkAccess> private_network_access;
};

struct CorsConfig {
  bool allow_any_origin = false;
  bool allow_credentials = false;
  // Empty: mirror the request's access-control-request-headers in a preflight answer.
  std::vector<std::string> allow_headers;
  std::vector<std::string> expose_headers;
  std::vector<std::string> methods = {"GET", "POST", "OPTIONS"};
  std::optional<std::chrono::milliseconds> max_age;
  std::vector<CorsPolicy> policies = [] {
    CorsPolicy studio;
    studio.origins = {"https://studio.apollographql.com"};
    return std::vector<CorsPolicy>{studio};
  }();
};

// csrf: a request that a browser would send without a preflight (no content-type, or a "simple"
// one: text/plain, application/x-www-form-urlencoded, multipart/form-data) is refused with 400
// unless it carries one of `required_headers`. On by default.
struct CsrfConfig {
  bool unsafe_disabled = false;
  std::vector<std::string> required_headers = {"x-apollo-operation-name",
                                               "apollo-require-preflight"};
};

// health_check: GET <path> on its own listener answers {"status":"UP"}; `?live` and `?ready`
// answer 200 or 503.
struct HealthCheckConfig {
  bool enabled = true;
  ListenAddress listen{"127.0.0.1", 8088};
  std::string path = "/health";
  uint32_t readiness_allowed = 100;  // readiness.allowed: rejections per sampling window
  std::chrono::milliseconds readiness_sampling{5'000};         // readiness.interval.sampling
  std::optional<std::chrono::milliseconds> readiness_unready;  // default: 2 × sampling
};

// tls.supergraph: TLS termination for client connections. PEM text, usually `${file.PATH}`.
struct TlsServerConfig {
  std::string certificate;                       // the server certificate (PEM)
  std::string key;                               // its private key (PEM)
  std::optional<std::string> certificate_chain;  // intermediate certificates (PEM), if any
};

struct TlsConfig {
  std::optional<TlsServerConfig> supergraph;
};

// batching: a JSON array of requests in one POST, an array of responses out (mode
// batch_http_link, the only mode). Batching towards subgraphs (`subgraph`) is accepted, ignored.
struct BatchingConfig {
  bool enabled = false;
  std::string mode = "batch_http_link";  // required in the YAML, as in Apollo; the only mode
  std::optional<uint32_t> maximum_size;  // more requests in one batch: 422 BATCH_LIMIT_EXCEEDED
};

// headers: Apollo Router v2's header rules for subgraph requests (plugins/headers/mod.rs),
// applied by the built-in plugin src/plugins/headers. Every rule is one of propagate, insert or
// remove; a subgraph listed under `subgraphs` gets `all`'s rules, then its own. Header names are
// stored lower-case; regexes are checked when the file is read.
struct HeaderPropagate {
  std::optional<std::string> named;     // one client header, or
  std::optional<std::string> matching;  // every client header whose name matches (not reserved)
  std::optional<std::string> rename;    // with `named`: the name sent to the subgraph
  std::optional<std::string> default_value;  // with `named`: sent when the client sent none
};

struct HeaderInsert {
  std::string name;
  std::optional<std::string> value;          // a fixed value, or
  std::optional<std::string> from_context;   // the string at this context key, or
  std::optional<std::string> path;           // a JSONPath into the client's GraphQL request
  std::optional<std::string> default_value;  // with `path`: sent when it selects nothing
};

struct HeaderRemove {
  std::optional<std::string> named;
  std::optional<std::string> matching;  // reserved headers are never removed by a regex
};

struct HeaderRule {  // exactly one is set
  std::optional<HeaderPropagate> propagate;
  std::optional<HeaderInsert> insert;
  std::optional<HeaderRemove> remove;
};

struct HeaderRules {
  std::vector<HeaderRule> request;
};

struct HeadersConfig {
  std::optional<HeaderRules> all;
  std::map<std::string, HeaderRules, std::less<>> subgraphs;

  bool empty() const {
    if (all && !all->request.empty()) return false;
    for (const auto& [name, rules] : subgraphs)
      if (!rules.request.empty()) return false;
    return true;
  }
};

// rhai: Apollo Router's Rhai scripts (src/plugins/rhai). `limits` is Plexus's addition: Apollo
// runs scripts with no operation, size or time limit (call depth 64).
struct RhaiLimits {
  uint64_t max_operations = 0;  // 0: unlimited, as Apollo
  uint32_t max_call_levels = 64;
  uint64_t max_string_size = 0;
  uint64_t max_array_size = 0;
  uint64_t max_map_size = 0;
  std::chrono::milliseconds max_duration{0};  // per callback; 0: unlimited
  friend bool operator==(const RhaiLimits&, const RhaiLimits&) = default;
};

struct RhaiConfig {
  std::string scripts = "rhai";    // directory, relative to the working directory
  std::string main = "main.rhai";  // file in `scripts`
  RhaiLimits limits;
  friend bool operator==(const RhaiConfig&, const RhaiConfig&) = default;
};

// plugins.<group.name>: one native plugin's section as written. Its typed configuration is read
// by the plugin registry (include/plexus/plugin.h) when the plugins are created, in YAML order.
struct PluginSection {
  std::string name;         // "group.name"
  YamlNode node;            // the plugin's configuration (null when empty)
  std::string source_name;  // the file, for error positions
};

struct RouterConfig {
  SupergraphConfig supergraph;
  bool forbid_mutations = false;  // mutations get 400 MUTATION_FORBIDDEN
  LoggingConfig logging;          // telemetry.exporters.logging.stdout
  MetricsConfig metrics;          // telemetry.exporters.metrics
  LimitsConfig limits;
  ServerConfig server;
  LandingConfig landing;
  TrafficShapingConfig traffic_shaping;
  std::map<std::string, std::string, std::less<>> override_subgraph_url;
  IncludeSubgraphErrorsConfig include_subgraph_errors;
  CorsConfig cors;
  CsrfConfig csrf;
  HealthCheckConfig health_check;
  TlsConfig tls;
  BatchingConfig batching;
  HeadersConfig headers;
  std::optional<RhaiConfig> rhai;                // absent: no scripts
  std::optional<CoprocessorConfig> coprocessor;  // absent: none
  std::vector<PluginSection> plugins;
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

// The JSON Schema (draft-07) of router.yaml, pretty-printed: what `router config schema` prints.
std::string routerConfigJsonSchema();
// The same schema as a value (for merging plugin schemas into `plugins`).
json::Value routerConfigSchema();

}  // namespace plexus::config
