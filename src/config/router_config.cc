#include "src/config/router_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <span>
#include <sstream>

#include "src/graphql/validation/suggestions.h"

namespace plexus::config {

namespace {

using namespace std::string_view_literals;

// Apollo Router v2's top-level sections other than the ones parsed below.
const std::vector<std::string_view> kIgnoredTopLevel = {
    "apq",
    "authentication",
    "authorization",
    "batching",
    "connectors",
    "coprocessor",
    "cors",
    "csrf",
    "demand_control",
    "enhanced_client_awareness",
    "experimental_chaos",
    "experimental_diagnostics",
    "experimental_mock_subgraphs",
    "experimental_type_conditioned_fetching",
    "fleet_detector",
    "headers",
    "health_check",
    "license_enforcement",
    "persisted_queries",
    "plugins",
    "preview_entity_cache",
    "preview_file_uploads",
    "progressive_override",
    "response_cache",
    "rhai",
    "subscription",
    "tls",
};

constexpr std::string_view kSupergraphRead[] = {"listen", "path", "introspection"};
constexpr std::string_view kSupergraphIgnored[] = {
    "connection_shutdown_timeout",
    "defer_support",
    "early_cancel",
    "experimental_log_on_broken_pipe",
    "experimental_reuse_query_plans",
    "generate_query_fragments",
    "query_planning",
    "redact_query_validation_errors",
    "strict_variable_validation",
};
constexpr std::string_view kTrafficShapingRead[] = {"all", "subgraphs"};
constexpr std::string_view kTrafficShapingIgnored[] = {"router", "connector",
                                                       "deduplicate_variables"};
constexpr std::string_view kSubgraphShapingRead[] = {"deduplicate_query", "timeout"};
constexpr std::string_view kSubgraphShapingIgnored[] = {
    "compression",
    "dns_resolution_strategy",
    "experimental_http2",
    "experimental_http2_keep_alive_interval",
    "experimental_http2_keep_alive_timeout",
    "global_rate_limit",
};
constexpr std::string_view kIncludeErrorsRead[] = {"all", "subgraphs"};
constexpr std::string_view kLimitsRead[] = {"http_max_request_bytes",
                                            "http1_max_request_headers",
                                            "parser_max_tokens",
                                            "parser_max_recursion",
                                            "max_depth",
                                            "max_height",
                                            "max_root_fields",
                                            "max_aliases",
                                            "warn_only",
                                            "introspection_max_depth"};
constexpr std::string_view kLimitsIgnored[] = {
    "connector",
    "http1_max_request_buf_size",
    "http2_max_headers_list_bytes",
    "http_max_header_list_items",
    "http_max_request_headers",
    "max_recursive_selections",
    "router",
    "subgraph",
};
constexpr std::string_view kServerRead[] = {"http"};
constexpr std::string_view kServerHttpRead[] = {"header_read_timeout"};

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string describeKind(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a sequence";
  if (node.IsNull()) return "null";
  return "\"" + node.Scalar() + "\"";
}

// Walks one YAML document, collecting every error with its path and position.
class Reader {
 public:
  Reader(std::string_view source_name, const ExpansionContext& context, RouterConfig& config)
      : source_name_(source_name), context_(context), config_(config) {}

  std::vector<std::string>& errors() { return errors_; }

  void error(const YAML::Node& node, const std::string& path, const std::string& message) {
    std::string where = source_name_;
    if (node.Mark().line >= 0) {
      where +=
          ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
    }
    errors_.push_back(where + ": " + (path.empty() ? "" : path + ": ") + message);
  }

  void ignore(const std::string& path) { config_.ignored_sections.push_back(path); }

  // Calls visit(key, value, path) for each entry of a mapping; null is an empty mapping.
  template <typename Visit>
  void forEachEntry(const YAML::Node& node, const std::string& path, Visit visit) {
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap()) {
      error(node, path, "expected a mapping, found " + describeKind(node));
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        error(it->first, path, "keys must be strings");
        continue;
      }
      visit(it->first, it->second, join(path, it->first.Scalar()));
    }
  }

  // A mapping whose keys are `read` (handled by visit), `ignored` (recorded) or errors.
  template <typename Visit>
  void readSection(const YAML::Node& node, const std::string& path,
                   std::span<const std::string_view> read,
                   std::span<const std::string_view> ignored, Visit visit) {
    forEachEntry(
        node, path, [&](const YAML::Node& key, const YAML::Node& value, const std::string& child) {
          const std::string& name = key.Scalar();
          if (contains(read, name)) {
            visit(name, value, child);
          } else if (contains(ignored, name)) {
            ignore(child);
          } else {
            std::string expected;
            std::vector<std::string_view> all;
            for (std::span<const std::string_view> names : {read, ignored}) {
              for (std::string_view n : names) {
                expected += (expected.empty() ? "" : ", ") + std::string(n);
                all.push_back(n);
              }
            }
            std::string message = "unknown key;";
            std::vector<std::string_view> close = graphql::validation::suggestionList(name, all);
            if (!close.empty()) message += " did you mean \"" + std::string(close[0]) + "\"?";
            error(key, child, message + " expected one of: " + expected);
          }
        });
  }

  // The scalar's text after expansion. `literal` is set when it was quoted and nothing was
  // expanded: then it is a string for YAML, not a boolean or number.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& path,
                                    std::string_view expected, bool* literal = nullptr) {
    if (!node.IsScalar()) {
      error(node, path, "expected " + std::string(expected) + ", found " + describeKind(node));
      return std::nullopt;
    }
    bool expanded = false;
    StatusOr<std::string> text = expand(node.Scalar(), context_, &expanded);
    if (!text.ok()) {
      error(node, path, text.status().message());
      return std::nullopt;
    }
    if (literal) *literal = node.Tag() == "!" && !expanded;
    return std::move(*text);
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    bool literal = false;
    std::optional<std::string> text = scalar(node, path, "a boolean", &literal);
    if (!text) return std::nullopt;
    if (!literal) {
      if (*text == "true" || *text == "True" || *text == "TRUE") return true;
      if (*text == "false" || *text == "False" || *text == "FALSE") return false;
    }
    error(node, path, "expected a boolean (true or false), found " + describeKind(node));
    return std::nullopt;
  }

  std::optional<std::string> string(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar() && node.Tag() != "!" && node.Scalar() == "~") {
      error(node, path, "expected a string, found null");
      return std::nullopt;
    }
    return scalar(node, path, "a string");
  }

  std::optional<uint64_t> positiveInteger(const YAML::Node& node, const std::string& path) {
    bool literal = false;
    std::optional<std::string> text = scalar(node, path, "a positive integer", &literal);
    if (!text) return std::nullopt;
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (literal || text->empty() || ec != std::errc() || end != text->data() + text->size() ||
        value == 0) {
      error(node, path, "expected a positive integer, found " + describeKind(node));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::chrono::milliseconds> duration(const YAML::Node& node,
                                                    const std::string& path) {
    std::optional<std::string> text = scalar(node, path, "a duration");
    if (!text) return std::nullopt;
    StatusOr<std::chrono::milliseconds> value = parseDuration(*text);
    if (!value.ok()) {
      error(node, path, value.status().message());
      return std::nullopt;
    }
    return *value;
  }

  void readTop(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) return;
    if (!root.IsMap()) {
      error(root, "", "expected a mapping of configuration sections, found " + describeKind(root));
      return;
    }
    static constexpr std::string_view kRead[] = {"supergraph",
                                                 "traffic_shaping",
                                                 "override_subgraph_url",
                                                 "include_subgraph_errors",
                                                 "homepage",
                                                 "sandbox",
                                                 "limits",
                                                 "server",
                                                 "telemetry",
                                                 "forbid_mutations"};
    readSection(root, "", kRead, kIgnoredTopLevel,
                [&](const std::string& name, const YAML::Node& value, const std::string& path) {
                  if (name == "supergraph") readSupergraph(value, path);
                  if (name == "traffic_shaping") readTrafficShaping(value, path);
                  if (name == "override_subgraph_url") readOverrides(value, path);
                  if (name == "include_subgraph_errors") readIncludeErrors(value, path);
                  if (name == "telemetry") readTelemetry(value, path);
                  if (name == "forbid_mutations") {
                    if (std::optional<bool> on = boolean(value, path))
                      config_.forbid_mutations = *on;
                  }
                  if (name == "homepage") readEnabled(value, path, config_.landing.homepage, true);
                  if (name == "sandbox") readEnabled(value, path, config_.landing.sandbox, false);
                  if (name == "limits") readLimits(value, path);
                  if (name == "server") readServer(value, path);
                });
    if (config_.landing.sandbox && config_.landing.homepage) {
      error(root, "sandbox.enabled", "the sandbox needs `homepage: { enabled: false }`");
    } else if (config_.landing.sandbox && !config_.supergraph.introspection) {
      error(root, "sandbox.enabled", "the sandbox needs `supergraph: { introspection: true }`");
    }
  }

 private:
  void readSupergraph(const YAML::Node& node, const std::string& path) {
    SupergraphConfig& out = config_.supergraph;
    readSection(node, path, kSupergraphRead, kSupergraphIgnored,
                [&](const std::string& name, const YAML::Node& value, const std::string& child) {
                  if (name == "listen") {
                    std::optional<std::string> text = scalar(value, child, "a listen address");
                    if (!text) return;
                    StatusOr<ListenAddress> address = parseListenAddress(*text);
                    if (address.ok()) {
                      out.listen = std::move(*address);
                    } else {
                      error(value, child, address.status().message());
                    }
                  } else if (name == "path") {
                    std::optional<std::string> text = string(value, child);
                    if (!text) return;
                    if (text->empty() || text->front() != '/') {
                      error(value, child, "must start with '/', found \"" + *text + "\"");
                      return;
                    }
                    out.path = std::move(*text);
                  } else if (std::optional<bool> on = boolean(value, child)) {
                    out.introspection = *on;
                  }
                });
  }

  // telemetry: only exporters.logging.stdout is read; the rest is accepted and listed as ignored.
  void readTelemetry(const YAML::Node& node, const std::string& path) {
    static constexpr std::string_view kTelemetryRead[] = {"exporters"};
    static constexpr std::string_view kTelemetryIgnored[] = {"apollo", "instrumentation"};
    static constexpr std::string_view kExportersRead[] = {"logging"};
    static constexpr std::string_view kExportersIgnored[] = {"metrics", "tracing"};
    static constexpr std::string_view kLoggingRead[] = {"stdout"};
    static constexpr std::string_view kLoggingIgnored[] = {"common"};
    static constexpr std::string_view kStdoutRead[] = {"enabled", "format", "tty_format"};
    static constexpr std::string_view kStdoutIgnored[] = {"rate_limit"};
    LoggingConfig& out = config_.logging;
    auto format = [&](const YAML::Node& value,
                      const std::string& child) -> std::optional<std::string> {
      // "json", or a mapping with one key `json` / `text` holding display options.
      std::string name;
      if (value.IsScalar()) {
        name = value.Scalar();
      } else if (value.IsMap() && value.size() == 1) {
        name = value.begin()->first.Scalar();
        ignore(child + "." + name);
      }
      if (name == "json" || name == "text") return name;
      error(value, child, "expected \"text\" or \"json\"");
      return std::nullopt;
    };
    readSection(
        node, path, kTelemetryRead, kTelemetryIgnored,
        [&](const std::string&, const YAML::Node& exporters, const std::string& exporters_path) {
          readSection(
              exporters, exporters_path, kExportersRead, kExportersIgnored,
              [&](const std::string&, const YAML::Node& logging, const std::string& logging_path) {
                readSection(logging, logging_path, kLoggingRead, kLoggingIgnored,
                            [&](const std::string&, const YAML::Node& stdout_node,
                                const std::string& stdout_path) {
                              readSection(stdout_node, stdout_path, kStdoutRead, kStdoutIgnored,
                                          [&](const std::string& name, const YAML::Node& value,
                                              const std::string& child) {
                                            if (name == "enabled") {
                                              if (std::optional<bool> on = boolean(value, child))
                                                out.enabled = *on;
                                            } else if (std::optional<std::string> chosen =
                                                           format(value, child)) {
                                              (name == "format" ? out.format : out.tty_format) =
                                                  std::move(chosen);
                                            }
                                          });
                            });
              });
        });
  }

  // `{ enabled: bool }` sections (homepage: also `graph_ref`, which only Apollo Studio uses).
  void readEnabled(const YAML::Node& node, const std::string& path, bool& out, bool homepage) {
    static constexpr std::string_view kRead[] = {"enabled"};
    static constexpr std::string_view kHomepageIgnored[] = {"graph_ref"};
    std::span<const std::string_view> ignored;
    if (homepage) ignored = kHomepageIgnored;
    readSection(node, path, kRead, ignored,
                [&](const std::string&, const YAML::Node& value, const std::string& child) {
                  if (std::optional<bool> on = boolean(value, child)) out = *on;
                });
  }

  void readLimits(const YAML::Node& node, const std::string& path) {
    LimitsConfig& out = config_.limits;
    readSection(node, path, kLimitsRead, kLimitsIgnored,
                [&](const std::string& name, const YAML::Node& value, const std::string& child) {
                  if (name == "warn_only" || name == "introspection_max_depth") {
                    if (std::optional<bool> on = boolean(value, child)) {
                      (name == "warn_only" ? out.warn_only : out.introspection_max_depth) = *on;
                    }
                    return;
                  }
                  std::optional<uint64_t> number = positiveInteger(value, child);
                  if (!number) return;
                  auto small = [&]() -> std::optional<uint32_t> {
                    if (*number <= UINT32_MAX) return static_cast<uint32_t>(*number);
                    error(value, child, "must be at most 4294967295");
                    return std::nullopt;
                  };
                  if (name == "http_max_request_bytes") {
                    out.http_max_request_bytes = *number;
                  } else if (name == "http1_max_request_headers") {
                    out.http1_max_request_headers = *number;
                  } else if (std::optional<uint32_t> n = small()) {
                    if (name == "parser_max_tokens") out.parser_max_tokens = *n;
                    if (name == "parser_max_recursion") out.parser_max_recursion = *n;
                    if (name == "max_depth") out.max_depth = *n;
                    if (name == "max_height") out.max_height = *n;
                    if (name == "max_root_fields") out.max_root_fields = *n;
                    if (name == "max_aliases") out.max_aliases = *n;
                  }
                });
  }

  void readServer(const YAML::Node& node, const std::string& path) {
    readSection(node, path, kServerRead, {},
                [&](const std::string&, const YAML::Node& value, const std::string& child) {
                  readSection(value, child, kServerHttpRead, {},
                              [&](const std::string&, const YAML::Node& timeout,
                                  const std::string& timeout_path) {
                                if (auto read = duration(timeout, timeout_path)) {
                                  config_.server.header_read_timeout = *read;
                                }
                              });
                });
  }

  void readShaping(const YAML::Node& node, const std::string& path, SubgraphShapingConfig& out) {
    readSection(node, path, kSubgraphShapingRead, kSubgraphShapingIgnored,
                [&](const std::string& name, const YAML::Node& value, const std::string& child) {
                  if (name == "deduplicate_query") {
                    if (std::optional<bool> on = boolean(value, child)) out.deduplicate_query = on;
                  } else if (auto timeout = duration(value, child)) {
                    out.timeout = timeout;
                  }
                });
  }

  void readTrafficShaping(const YAML::Node& node, const std::string& path) {
    TrafficShapingConfig& out = config_.traffic_shaping;
    readSection(node, path, kTrafficShapingRead, kTrafficShapingIgnored,
                [&](const std::string& name, const YAML::Node& value, const std::string& child) {
                  if (name == "all") {
                    readShaping(value, child, out.all);
                    return;
                  }
                  forEachEntry(value, child,
                               [&](const YAML::Node& key, const YAML::Node& shaping,
                                   const std::string& subgraph_path) {
                                 readShaping(shaping, subgraph_path, out.subgraphs[key.Scalar()]);
                               });
                });
  }

  void readOverrides(const YAML::Node& node, const std::string& path) {
    forEachEntry(
        node, path, [&](const YAML::Node& key, const YAML::Node& value, const std::string& child) {
          std::optional<std::string> url = string(value, child);
          if (!url) return;
          if (!url->starts_with("http://") && !url->starts_with("https://")) {
            error(value, child, "expected an http:// or https:// URL, found \"" + *url + "\"");
            return;
          }
          config_.override_subgraph_url[key.Scalar()] = std::move(*url);
        });
  }

  // `true`/`false`, or Apollo v2's object form ({redact_message, allow_extensions_keys, …}),
  // which means "include" with options Plexus does not implement yet.
  std::optional<bool> includeFlag(const YAML::Node& node, const std::string& path) {
    if (node.IsMap()) {
      ignore(path);
      return true;
    }
    return boolean(node, path);
  }

  void readIncludeErrors(const YAML::Node& node, const std::string& path) {
    IncludeSubgraphErrorsConfig& out = config_.include_subgraph_errors;
    readSection(node, path, kIncludeErrorsRead, {},
                [&](const std::string& name, const YAML::Node& value, const std::string& child) {
                  if (name == "all") {
                    if (std::optional<bool> on = includeFlag(value, child)) out.all = *on;
                    return;
                  }
                  forEachEntry(value, child,
                               [&](const YAML::Node& key, const YAML::Node& flag,
                                   const std::string& subgraph_path) {
                                 if (std::optional<bool> on = includeFlag(flag, subgraph_path)) {
                                   out.subgraphs[key.Scalar()] = *on;
                                 }
                               });
                });
  }

  std::string source_name_;
  const ExpansionContext& context_;
  RouterConfig& config_;
  std::vector<std::string> errors_;
};

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
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::error(std::string(source_name) + ":" + std::to_string(e.mark.line + 1) + ":" +
                         std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  RouterConfig config;
  Reader reader(source_name, context, config);
  try {
    reader.readTop(root);
  } catch (const YAML::Exception& e) {  // yaml-cpp throws on some malformed nodes
    reader.errors().push_back(std::string(source_name) + ": " + e.what());
  }
  if (!reader.errors().empty()) return joinErrors(reader.errors());
  return config;
}

StatusOr<RouterConfig> loadRouterConfig(const std::string& path, const ExpansionContext& context) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot read configuration file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return parseRouterConfig(text.str(), path, context);
}

}  // namespace plexus::config
