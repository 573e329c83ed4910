// The sections about serving GraphQL: supergraph, traffic_shaping, override_subgraph_url,
// include_subgraph_errors, homepage, sandbox, limits, server, telemetry (stdout logging).
#include "src/config/sections.h"

namespace plexus::config::sections {

using namespace describe;

namespace {

Type<std::string> absolutePath() {
  return validated<std::string>(string(),
                                [](const std::string& path) -> std::optional<std::string> {
                                  if (!path.empty() && path.front() == '/') return std::nullopt;
                                  return "must start with '/', found \"" + path + "\"";
                                });
}

Type<SubgraphShapingConfig> subgraphShaping() {
  return Object<SubgraphShapingConfig>("Traffic shaping towards subgraphs")
      .field("deduplicate_query", &SubgraphShapingConfig::deduplicate_query, optional(boolean()),
             "Identical in-flight subgraph queries share one fetch (default false)")
      .field("timeout", &SubgraphShapingConfig::timeout, optional(duration()),
             "Time limit of a subgraph request (default 30s)")
      .ignored({"compression", "dns_resolution_strategy", "experimental_http2",
                "experimental_http2_keep_alive_interval", "experimental_http2_keep_alive_timeout",
                "global_rate_limit", "pool_idle_timeout"})
      .type();
}

// `true`/`false`, or Apollo v2's object form ({redact_message, allow_extensions_keys, …}), which
// means "include" with options Plexus does not implement yet (recorded as ignored).
Type<bool> includeFlag() {
  Type<bool> flag = boolean();
  Type<bool> plain = flag;
  flag.read = [plain](const YamlNode& node, const std::string& path, ReadContext& context,
                      bool& value) {
    if (node.isMapping()) {
      context.ignore(path);
      value = true;
      return;
    }
    plain.read(node, path, context, value);
  };
  flag.schema = [](const bool*) {
    json::Value options = json::Value::object();
    options["type"] = "object";
    options["description"] =
        "Apollo's options (redact_message, allow_extensions_keys, …): include, options ignored";
    json::Value boolean_type = json::Value::object();
    boolean_type["type"] = "boolean";
    json::Value schema = json::Value::object();
    json::Value& any_of = schema["anyOf"];
    any_of = json::Value::array();
    any_of.push(std::move(boolean_type));
    any_of.push(std::move(options));
    return schema;
  };
  return flag;
}

// "text" or "json", or a mapping with one key `json` / `text` holding display options, which
// are recorded as ignored.
Type<std::optional<std::string>> logFormat() {
  Type<std::string> name = enumeration({"text", "json"});
  Type<std::optional<std::string>> format = optional(name);
  format.read = [name](const YamlNode& node, const std::string& path, ReadContext& context,
                       std::optional<std::string>& value) {
    std::string chosen;
    if (node.isMapping() && node.entries.size() == 1 && node.entries[0].key.isScalar()) {
      const std::string& key = node.entries[0].key.text;
      if (key == "json" || key == "text") {
        context.ignore(joinPath(path, key));
        value = key;
        return;
      }
    }
    size_t errors = context.errorCount();
    name.read(node, path, context, chosen);
    if (context.errorCount() == errors) value = std::move(chosen);
  };
  format.schema = [name](const std::optional<std::string>*) {
    json::Value options = json::Value::object();
    options["type"] = "object";
    options["description"] = "{json: {...}} or {text: {...}}: display options, ignored";
    options["minProperties"] = 1;
    options["maxProperties"] = 1;
    json::Value schema = json::Value::object();
    json::Value& any_of = schema["anyOf"];
    any_of = json::Value::array();
    any_of.push(name.schema(nullptr));
    any_of.push(std::move(options));
    return schema;
  };
  return format;
}

}  // namespace

Type<SupergraphConfig> supergraph() {
  return Object<SupergraphConfig>("The GraphQL endpoint")
      .field("listen", &SupergraphConfig::listen, listenAddress(),
             "Address to listen on: host:port, [ipv6]:port or a Unix socket path")
      .field("path", &SupergraphConfig::path, absolutePath(), "HTTP path of the GraphQL endpoint")
      .field("introspection", &SupergraphConfig::introspection, boolean(),
             "Answers introspection queries")
      .ignored({"connection_shutdown_timeout", "defer_support", "early_cancel",
                "experimental_log_on_broken_pipe", "experimental_reuse_query_plans",
                "generate_query_fragments", "query_planning", "redact_query_validation_errors",
                "strict_variable_validation"})
      .type();
}

Type<TrafficShapingConfig> trafficShaping() {
  return Object<TrafficShapingConfig>("Timeouts and deduplication of subgraph requests")
      .field("all", &TrafficShapingConfig::all, subgraphShaping(), "Settings for every subgraph")
      .field("subgraphs", &TrafficShapingConfig::subgraphs, mapOf(subgraphShaping()),
             "Per-subgraph settings, by subgraph name; unset keys fall back to `all`")
      .ignored({"router", "connector", "deduplicate_variables"})
      .type();
}

Type<std::map<std::string, std::string, std::less<>>> overrideSubgraphUrl() {
  Type<std::string> url =
      validated<std::string>(string(), [](const std::string& url) -> std::optional<std::string> {
        if (url.starts_with("http://") || url.starts_with("https://")) return std::nullopt;
        return "expected an http:// or https:// URL, found \"" + url + "\"";
      });
  return mapOf(url);
}

Type<IncludeSubgraphErrorsConfig> includeSubgraphErrors() {
  return Object<IncludeSubgraphErrorsConfig>("Which subgraph errors reach the client unredacted")
      .field("all", &IncludeSubgraphErrorsConfig::all, includeFlag(),
             "Includes every subgraph's errors")
      .field("subgraphs", &IncludeSubgraphErrorsConfig::subgraphs, mapOf(includeFlag()),
             "Per-subgraph setting, by subgraph name; overrides `all`")
      .type();
}

Type<bool> homepage() {
  return Object<bool>("The landing page shown to browsers")
      .field("enabled", itself, boolean(), "Serves the landing page on GET with Accept: text/html")
      .ignored({"graph_ref"})
      .type();
}

Type<bool> sandbox() {
  return Object<bool>("The Apollo Sandbox operation editor")
      .field("enabled", itself, boolean(),
             "Serves Sandbox; needs `homepage.enabled: false` and `supergraph.introspection: true`")
      .type();
}

Type<LimitsConfig> limits() {
  auto optionalLimit = [] { return optional(integer<uint32_t>(1)); };
  return Object<LimitsConfig>("Request size and operation limits")
      .field("http_max_request_bytes", &LimitsConfig::http_max_request_bytes, integer<uint64_t>(1),
             "Largest request body; a larger one gets 413")
      .field("http1_max_request_headers", &LimitsConfig::http1_max_request_headers,
             integer<uint64_t>(1), "Most header fields in an HTTP/1 request; more get 431")
      .field("parser_max_tokens", &LimitsConfig::parser_max_tokens, integer<uint32_t>(1),
             "Most lexical tokens in an operation")
      .field("parser_max_recursion", &LimitsConfig::parser_max_recursion, integer<uint32_t>(1),
             "Deepest parser recursion in an operation")
      .field("max_depth", &LimitsConfig::max_depth, optionalLimit(),
             "Deepest selection nesting (MAX_DEPTH_LIMIT)")
      .field("max_height", &LimitsConfig::max_height, optionalLimit(),
             "Most distinct fields selected (MAX_HEIGHT_LIMIT)")
      .field("max_root_fields", &LimitsConfig::max_root_fields, optionalLimit(),
             "Most root fields (MAX_ROOT_FIELDS_LIMIT)")
      .field("max_aliases", &LimitsConfig::max_aliases, optionalLimit(),
             "Most aliases (MAX_ALIASES_LIMIT)")
      .field("warn_only", &LimitsConfig::warn_only, boolean(),
             "Operation limits only log a warning instead of refusing")
      .field("introspection_max_depth", &LimitsConfig::introspection_max_depth, boolean(),
             "Refuses deeply nested introspection queries")
      .ignored({"connector", "http1_max_request_buf_size", "http2_max_headers_list_bytes",
                "http_max_header_list_items", "http_max_request_headers",
                "max_recursive_selections", "router", "subgraph"})
      .type();
}

Type<ServerConfig> server() {
  Type<ServerConfig> http =
      Object<ServerConfig>("HTTP server settings")
          .field("header_read_timeout", &ServerConfig::header_read_timeout, duration(),
                 "The request head must arrive within this of its first byte")
          .field("tls_handshake_timeout", &ServerConfig::tls_handshake_timeout, duration(),
                 "A TLS client must complete its handshake within this of accept")
          .type();
  return Object<ServerConfig>("The HTTP server")
      .field("http", itself, http, "HTTP server settings")
      .type();
}

Type<LoggingConfig> telemetry() {
  Type<LoggingConfig> stdout_keys =
      Object<LoggingConfig>("Logging to standard output")
          .field("enabled", &LoggingConfig::enabled, boolean(), "Logs to standard output")
          .field("format", &LoggingConfig::format, logFormat(),
                 "Log format when stdout is not a terminal (default json)")
          .field("tty_format", &LoggingConfig::tty_format, logFormat(),
                 "Log format when stdout is a terminal (default text)")
          .ignored({"rate_limit"})
          .type();
  Type<LoggingConfig> logging = Object<LoggingConfig>("Logging")
                                    .field("stdout", itself, stdout_keys, "")
                                    .ignored({"common"})
                                    .type();
  Type<LoggingConfig> exporters = Object<LoggingConfig>("Telemetry exporters")
                                      .field("logging", itself, logging, "")
                                      .ignored({"metrics", "tracing"})
                                      .type();
  return Object<LoggingConfig>("Telemetry (only stdout logging is implemented)")
      .field("exporters", itself, exporters, "")
      .ignored({"apollo", "instrumentation"})
      .type();
}

}  // namespace plexus::config::sections
