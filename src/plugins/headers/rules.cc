#include "src/plugins/headers/rules.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "src/telemetry/log.h"

namespace plexus::plugins::headers {

namespace {

constexpr std::array<std::string_view, 14> kReservedHeaders = {
    "connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "content-type",
    "content-encoding",
    "host",
    "accept",
    "accept-encoding",
    "keep-alive",
};

// libstdc++'s std::regex recurses once per character and header names come from the client:
// longer names are never matched (the HTTP server's header limits keep real names far below).
constexpr size_t kMaxMatchedNameLength = 1024;

bool matches(const std::regex& regex, std::string_view name) {
  if (name.size() > kMaxMatchedNameLength) return false;
  try {
    return std::regex_search(name.begin(), name.end(), regex);
  } catch (const std::regex_error&) {  // error_complexity / error_stack
    return false;
  }
}

// http::HeaderValue::from_str: every byte but control characters (tab allowed) and DEL.
bool isValidValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7f;
  });
}

StatusOr<std::shared_ptr<const std::regex>> compileRegex(const std::string& pattern,
                                                         const std::string& path) {
  try {
    return std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::error(path + ": invalid regular expression \"" + pattern + "\": " + e.what());
  }
}

// One config rule; `path` is its YAML path ("headers.all.request[0]").
StatusOr<CompiledRule> compileRule(const config::HeaderRule& rule, const std::string& path) {
  using Kind = CompiledRule::Kind;
  CompiledRule out{};
  if (rule.propagate) {
    const config::HeaderPropagate& propagate = *rule.propagate;
    if (propagate.matching) {
      out.kind = Kind::kPropagateMatching;
      auto regex = compileRegex(*propagate.matching, path + ".propagate.matching");
      if (!regex.ok()) return regex.status();
      out.matching = std::move(*regex);
    } else {
      out.kind = Kind::kPropagateNamed;
      out.name = propagate.named.value_or("");
      out.target = propagate.rename.value_or(out.name);
      out.default_value = propagate.default_value;
    }
  } else if (rule.insert) {
    const config::HeaderInsert& insert = *rule.insert;
    out.name = insert.name;
    if (insert.path) {
      out.kind = Kind::kInsertFromBody;
      StatusOr<JsonPath> parsed = JsonPath::parse(*insert.path);
      if (!parsed.ok()) return Status::error(path + ".insert.path: " + parsed.status().message());
      out.path = std::make_shared<const JsonPath>(std::move(*parsed));
      out.default_value = insert.default_value;
    } else if (insert.from_context) {
      out.kind = Kind::kInsertFromContext;
      out.value = *insert.from_context;
    } else {
      out.kind = Kind::kInsertValue;
      out.value = insert.value.value_or("");
    }
  } else if (rule.remove) {
    if (rule.remove->matching) {
      out.kind = Kind::kRemoveMatching;
      auto regex = compileRegex(*rule.remove->matching, path + ".remove.matching");
      if (!regex.ok()) return regex.status();
      out.matching = std::move(*regex);
    } else {
      out.kind = Kind::kRemoveNamed;
      out.name = rule.remove->named.value_or("");
    }
  } else {
    return Status::error(path + ": expected exactly one of `propagate`, `insert` or `remove`");
  }
  return out;
}

// Sets `name` to a value computed per request, as Apollo's HeaderValue::from_str then insert.
void insertComputed(const std::string& name, const std::string& value, std::string_view source,
                    http::Headers& outgoing) {
  if (!isValidValue(value)) {
    log::error(
        "cannot convert from the " + std::string(source) + " into a header value for header name",
        {{"header_name", name}});
    return;
  }
  outgoing.set(name, value);
}

}  // namespace

bool isReserved(std::string_view name) {
  return std::find(kReservedHeaders.begin(), kReservedHeaders.end(), name) !=
         kReservedHeaders.end();
}

StatusOr<RuleList> RuleList::compile(const std::vector<config::HeaderRule>& rules,
                                     std::string_view config_path) {
  RuleList list;
  for (size_t i = 0; i < rules.size(); ++i) {
    std::string path = std::string(config_path) + ".request[" + std::to_string(i) + "]";
    StatusOr<CompiledRule> rule = compileRule(rules[i], path);
    if (!rule.ok()) return rule.status();
    list.reads_body_ |= rule->kind == CompiledRule::Kind::kInsertFromBody;
    list.rules_.push_back(std::move(*rule));
  }
  return list;
}

RuleList RuleList::concat(const RuleList& first, const RuleList& second) {
  RuleList list = first;
  list.rules_.insert(list.rules_.end(), second.rules_.begin(), second.rules_.end());
  list.reads_body_ = first.reads_body_ || second.reads_body_;
  return list;
}

void apply(const RuleList& rules, const RuleInputs& inputs, http::Headers& outgoing) {
  using Kind = CompiledRule::Kind;
  // Target names set by a propagate rule of this request: a later propagation to them is skipped.
  std::set<std::string, std::less<>> already_propagated;
  for (const CompiledRule& rule : rules.rules()) {
    switch (rule.kind) {
      case Kind::kPropagateNamed: {
        if (already_propagated.contains(rule.target)) break;
        std::vector<std::string_view> values = inputs.client.getAll(rule.name);
        if (values.empty()) {
          if (!rule.default_value) break;
          outgoing.add(rule.target, *rule.default_value);
        } else {
          for (std::string_view value : values) outgoing.add(rule.target, value);
        }
        already_propagated.insert(rule.target);
        break;
      }
      case Kind::kPropagateMatching: {
        // Apollo walks the client's HeaderMap, which groups a name's values at its first
        // occurrence: every value of a name goes out together, in the order the client sent.
        std::vector<std::string_view> names;
        for (const auto& [name, value] : inputs.client) {
          if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
        for (std::string_view name : names) {
          if (isReserved(name) || !matches(*rule.matching, name)) continue;
          if (already_propagated.contains(name)) continue;
          for (std::string_view value : inputs.client.getAll(name)) outgoing.add(name, value);
          already_propagated.emplace(name);
        }
        break;
      }
      case Kind::kInsertValue: outgoing.set(rule.name, rule.value); break;
      case Kind::kInsertFromContext: {
        if (inputs.context == nullptr) break;
        std::optional<json::Value> value = inputs.context->get(rule.value);
        if (value && value->isString())
          insertComputed(rule.name, value->asString(), "context", outgoing);
        break;
      }
      case Kind::kInsertFromBody: {
        json::Value found = inputs.body ? rule.path->find(*inputs.body) : json::Value();
        if (found.isNull()) {
          if (rule.default_value) outgoing.set(rule.name, *rule.default_value);
        } else {
          insertComputed(rule.name, found.isString() ? found.asString() : json::serialize(found),
                         "body", outgoing);
        }
        break;
      }
      case Kind::kRemoveNamed: outgoing.remove(rule.name); break;
      case Kind::kRemoveMatching: {
        // Every value of a kept header stays (Apollo's HeaderMap::drain filter also drops the
        // second and later values of kept names, which reads as an accident, not a rule).
        http::Headers kept;
        for (const auto& [name, value] : outgoing) {
          if (isReserved(name) || !matches(*rule.matching, name)) kept.add(name, value);
        }
        outgoing = std::move(kept);
        break;
      }
    }
  }
}

json::Value requestBody(std::string_view query, std::string_view operation_name,
                        const json::Value& variables, const json::Value& extensions) {
  auto present = [](const json::Value& value) {
    return !value.isNull() && !(value.isObject() && value.asObject().empty());
  };
  json::Value body = json::Value::object();
  if (!query.empty()) body["query"] = query;
  if (!operation_name.empty()) body["operationName"] = operation_name;
  if (present(variables)) body["variables"] = variables;
  if (present(extensions)) body["extensions"] = extensions;
  return body;
}

}  // namespace plexus::plugins::headers
