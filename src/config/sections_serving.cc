// The sections about serving GraphQL: supergraph, traffic_shaping, override_subgraph_url,
// include_subgraph_errors, homepage, sandbox, limits, server, telemetry (stdout logging,
// metrics).
#include <charconv>
#include <cmath>

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

// ---- include_subgraph_errors (Apollo Router v2 plugins/include_subgraph_errors/config.rs) ----

// The keys of an object setting as written; its form follows from which lists are present.
struct SubgraphErrorsKeys {
  std::optional<std::vector<std::string>> allow_extensions_keys;
  std::optional<std::vector<std::string>> deny_extensions_keys;
  bool redact_message = false;                   // `all`: required
  std::optional<bool> subgraph_redact_message;   // a subgraph: optional
  std::vector<std::string> exclude_global_keys;  // a subgraph only
};

constexpr std::string_view kAllowDoc = "Extension keys kept; the others are dropped";
constexpr std::string_view kDenyDoc = "Extension keys dropped";
constexpr std::string_view kExcludeDoc = "Keys of `all`'s allow or deny list not applied here";
constexpr std::string_view kRedactDoc = "Replaces the message with \"Subgraph errors redacted\"";

Type<std::optional<std::vector<std::string>>> keyList() { return optional(listOf(string())); }

json::Value anyOf(std::vector<json::Value> choices) {
  json::Value schema = json::Value::object();
  json::Value& any_of = schema["anyOf"];
  any_of = json::Value::array();
  for (json::Value& choice : choices) any_of.push(std::move(choice));
  return schema;
}

json::Value booleanChoice(std::string_view doc) {
  json::Value schema = json::Value::object();
  schema["description"] = doc;
  schema["type"] = "boolean";
  return schema;
}

// The object choices of the schema, one per form, as Apollo's schema shows them: `list_key`
// (none for the subgraphs' third form), redact_message, and for a subgraph exclude_global_keys.
json::Value objectChoice(std::string doc, std::string list_key, bool for_all) {
  struct Choice {
    std::vector<std::string> list;
    bool redact_message = false;
    std::optional<bool> subgraph_redact_message;
    std::vector<std::string> exclude_global_keys;
  };
  Object<Choice> choice(std::move(doc));
  if (!list_key.empty()) {
    bool allow = list_key == "allow_extensions_keys";
    choice.field(list_key, &Choice::list, listOf(string()),
                 std::string(allow ? kAllowDoc : kDenyDoc));
    choice.required();
  }
  if (for_all) {
    choice.field("redact_message", &Choice::redact_message, boolean(), std::string(kRedactDoc));
    choice.required();
  } else {
    choice
        .field("redact_message", &Choice::subgraph_redact_message, optional(boolean()),
               std::string(kRedactDoc) + "; unset: as `all`")
        .field("exclude_global_keys", &Choice::exclude_global_keys, listOf(string()),
               std::string(kExcludeDoc));
  }
  return choice.type().schema(nullptr);
}

json::Value stringsJson(const std::vector<std::string>& strings) {
  json::Value list = json::Value::array();
  for (const std::string& text : strings) list.push(text);
  return list;
}

void addCommonKeys(const SubgraphErrorsMode& mode, json::Value& object) {
  object["redact_message"] = mode.redact_message;
}

void addCommonKeys(const SubgraphErrorsOverride& setting, json::Value& object) {
  if (setting.redact_message) object["redact_message"] = *setting.redact_message;
  object["exclude_global_keys"] = stringsJson(setting.exclude_global_keys);
}

// Reads a setting: a boolean, or a mapping read by `keys` and turned into the setting by `form`
// (which reports Apollo's errors for impossible combinations and returns false).
template <typename Setting>
Type<Setting> booleanOrObject(
    Type<SubgraphErrorsKeys> keys,
    std::function<bool(SubgraphErrorsKeys, Setting&, std::string& problem)> form,
    json::Value schema) {
  Type<bool> flag = boolean();
  Type<Setting> type;
  type.read = [flag, keys, form](const YamlNode& node, const std::string& path,
                                 ReadContext& context, Setting& value) {
    size_t errors = context.errorCount();
    if (!node.isMapping()) {
      bool include = false;
      flag.read(node, path, context, include);
      if (context.errorCount() == errors) value = include;
      return;
    }
    SubgraphErrorsKeys read;
    keys.read(node, path, context, read);
    if (context.errorCount() != errors) return;
    Setting setting;
    std::string problem;
    if (!form(std::move(read), setting, problem)) return context.error(node, path, problem);
    value = std::move(setting);
  };
  type.schema = [schema](const Setting*) { return schema; };
  type.to_json = [](const Setting& value) {
    if (value.form == SubgraphErrorsForm::kBoolean) return json::Value(value.include);
    json::Value object = json::Value::object();
    if (value.form == SubgraphErrorsForm::kAllow) {
      object["allow_extensions_keys"] = stringsJson(value.extensions_keys);
    } else if (value.form == SubgraphErrorsForm::kDeny) {
      object["deny_extensions_keys"] = stringsJson(value.extensions_keys);
    }
    addCommonKeys(value, object);
    return object;
  };
  return type;
}

// include_subgraph_errors.all: Apollo's ErrorMode.
Type<SubgraphErrorsMode> subgraphErrorsMode() {
  Type<SubgraphErrorsKeys> keys =
      Object<SubgraphErrorsKeys>("")
          .field("allow_extensions_keys", &SubgraphErrorsKeys::allow_extensions_keys, keyList(),
                 std::string(kAllowDoc))
          .field("deny_extensions_keys", &SubgraphErrorsKeys::deny_extensions_keys, keyList(),
                 std::string(kDenyDoc))
          .field("redact_message", &SubgraphErrorsKeys::redact_message, boolean(),
                 std::string(kRedactDoc))
          .required()
          .type();
  auto form = [](SubgraphErrorsKeys read, SubgraphErrorsMode& mode, std::string& problem) {
    if (read.allow_extensions_keys && read.deny_extensions_keys) {
      problem = "Global config cannot have both allow_extensions_keys and deny_extensions_keys";
      return false;
    }
    mode.redact_message = read.redact_message;
    if (read.allow_extensions_keys) {
      mode.form = SubgraphErrorsForm::kAllow;
      mode.extensions_keys = std::move(*read.allow_extensions_keys);
    } else if (read.deny_extensions_keys) {
      mode.form = SubgraphErrorsForm::kDeny;
      mode.extensions_keys = std::move(*read.deny_extensions_keys);
    } else {
      mode = true;  // Apollo: an object with neither list is `true`, its redact_message unused
    }
    return true;
  };
  json::Value schema =
      anyOf({booleanChoice("true: every error as it is; false: redacted"),
             objectChoice("Included, keeping only the listed extension keys",
                          "allow_extensions_keys", /*for_all=*/true),
             objectChoice("Included, dropping the listed extension keys", "deny_extensions_keys",
                          /*for_all=*/true)});
  return booleanOrObject<SubgraphErrorsMode>(keys, form, std::move(schema));
}

// include_subgraph_errors.subgraphs.<name>: Apollo's SubgraphConfig.
Type<SubgraphErrorsOverride> subgraphErrorsOverride() {
  Type<SubgraphErrorsKeys> keys =
      Object<SubgraphErrorsKeys>("")
          .field("allow_extensions_keys", &SubgraphErrorsKeys::allow_extensions_keys, keyList(),
                 std::string(kAllowDoc))
          .field("deny_extensions_keys", &SubgraphErrorsKeys::deny_extensions_keys, keyList(),
                 std::string(kDenyDoc))
          .field("redact_message", &SubgraphErrorsKeys::subgraph_redact_message,
                 optional(boolean()), std::string(kRedactDoc))
          .field("exclude_global_keys", &SubgraphErrorsKeys::exclude_global_keys, listOf(string()),
                 std::string(kExcludeDoc))
          .type();
  auto form = [](SubgraphErrorsKeys read, SubgraphErrorsOverride& setting, std::string& problem) {
    if (read.allow_extensions_keys && read.deny_extensions_keys) {
      problem = "A subgraph config cannot have both allow_extensions_keys and deny_extensions_keys";
      return false;
    }
    setting.redact_message = read.subgraph_redact_message;
    setting.exclude_global_keys = std::move(read.exclude_global_keys);
    if (read.allow_extensions_keys) {
      setting.form = SubgraphErrorsForm::kAllow;
      setting.extensions_keys = std::move(*read.allow_extensions_keys);
    } else if (read.deny_extensions_keys) {
      setting.form = SubgraphErrorsForm::kDeny;
      setting.extensions_keys = std::move(*read.deny_extensions_keys);
    } else {
      setting.form = SubgraphErrorsForm::kCommonOnly;
    }
    return true;
  };
  json::Value schema =
      anyOf({booleanChoice("true: this subgraph's errors as they are; false: redacted"),
             objectChoice("Included, keeping the listed extension keys (and `all`'s allowed ones)",
                          "allow_extensions_keys", /*for_all=*/false),
             objectChoice("Included, dropping the listed extension keys (and `all`'s denied ones)",
                          "deny_extensions_keys", /*for_all=*/false),
             objectChoice("Included with `all`'s extension keys list", "", /*for_all=*/false)});
  return booleanOrObject<SubgraphErrorsOverride>(keys, form, std::move(schema));
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
  return Object<IncludeSubgraphErrorsConfig>("Which subgraph errors reach the client, and how")
      .field("all", &IncludeSubgraphErrorsConfig::all, subgraphErrorsMode(),
             "Every subgraph's errors: a boolean, or included with extension key filtering")
      .field("subgraphs", &IncludeSubgraphErrorsConfig::subgraphs, mapOf(subgraphErrorsOverride()),
             "Per-subgraph setting, by subgraph name; overrides or refines `all`")
      .check([](const IncludeSubgraphErrorsConfig& config, Checker& checker) {
        // Apollo's plugin refuses to start on it (include_subgraph_errors/mod.rs `new`).
        if (config.all.form != SubgraphErrorsForm::kBoolean) return;
        for (const auto& [name, setting] : config.subgraphs) {
          if (setting.form == SubgraphErrorsForm::kBoolean) continue;
          checker.error("subgraphs." + name, "Subgraph '" + name +
                                                 "' must use boolean config when global "
                                                 "config is boolean");
        }
      })
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

namespace {

// A YAML number (integer or decimal), for histogram bounds.
Type<double> number() {
  json::Value schema = json::Value::object();
  schema["type"] = "number";
  return scalar<double>(
      "a number", std::move(schema),
      [](const Scalar& scalar) -> StatusOr<double> {
        std::string_view text = scalar.text;
        double value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (scalar.literal || text.empty() || error != std::errc() ||
            end != text.data() + text.size() || !std::isfinite(value)) {
          return Status::error("expected a number, found " + scalar.found);
        }
        return value;
      },
      [](const double& value) { return json::Value(value); });
}

}  // namespace

Type<RouterConfig> telemetry() {
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
  Type<PrometheusConfig> prometheus =
      Object<PrometheusConfig>("The Prometheus scrape endpoint")
          .field("enabled", &PrometheusConfig::enabled, boolean(), "Serves the metrics")
          .field("listen", &PrometheusConfig::listen, listenAddress(),
                 "Address of its listener; supergraph.listen's serves it on the main listener")
          .field("path", &PrometheusConfig::path, absolutePath(), "HTTP path of the metrics")
          .ignored({"resource_selector"})
          .type();
  Type<std::vector<double>> buckets = validated<std::vector<double>>(
      listOf(number()), [](const std::vector<double>& bounds) -> std::optional<std::string> {
        for (size_t i = 1; i < bounds.size(); ++i) {
          if (bounds[i] <= bounds[i - 1]) return "must be in increasing order";
        }
        return std::nullopt;
      });
  Type<MetricsConfig> common =
      Object<MetricsConfig>("Settings of every metrics exporter")
          .field("buckets", &MetricsConfig::buckets, buckets,
                 "Bucket bounds of histograms that do not set their own")
          .ignored({"resource", "service_name", "service_namespace", "views"})
          .type();
  Type<MetricsConfig> metrics =
      Object<MetricsConfig>("Metrics exporters")
          .field("common", itself, common, "Settings of every metrics exporter")
          .field("prometheus", &MetricsConfig::prometheus, prometheus,
                 "The Prometheus scrape endpoint")
          .ignored({"otlp"})
          .type();
  Type<RouterConfig> exporters = Object<RouterConfig>("Telemetry exporters")
                                     .field("logging", &RouterConfig::logging, logging, "")
                                     .field("metrics", &RouterConfig::metrics, metrics, "")
                                     .ignored({"tracing"})
                                     .type();
  return Object<RouterConfig>("Telemetry (stdout logging and Prometheus metrics)")
      .field("exporters", itself, exporters, "")
      .ignored({"apollo", "instrumentation"})
      .type();
}

}  // namespace plexus::config::sections
