#include "src/config/condition.h"

#include <array>
#include <cctype>
#include <charconv>
#include <span>

#include "src/graphql/validation/suggestions.h"

namespace plexus::config {
namespace {

using describe::indexPath;
using describe::joinPath;
using describe::ReadContext;

constexpr uint8_t kRouter = 1 << 0;
constexpr uint8_t kSupergraph = 1 << 1;
constexpr uint8_t kSubgraph = 1 << 2;
constexpr uint8_t kAnyLevel = kRouter | kSupergraph | kSubgraph;

uint8_t levelBit(ConditionLevel level) {
  switch (level) {
    case ConditionLevel::kRouter: return kRouter;
    case ConditionLevel::kSupergraph: return kSupergraph;
    case ConditionLevel::kSubgraph: return kSubgraph;
  }
  return 0;
}

std::string_view levelName(ConditionLevel level) {
  switch (level) {
    case ConditionLevel::kRouter: return "router";
    case ConditionLevel::kSupergraph: return "supergraph";
    case ConditionLevel::kSubgraph: return "subgraph";
  }
  return "";
}

// What a selector's key holds.
enum class Argument : uint8_t {
  kName,    // a header, context key, variable or environment variable name
  kChoice,  // one of `choices`
  kFlag,    // a boolean; false selects nothing
  kStatic,  // any literal
  kPath,    // a JSONPath
};

// Whether `default:` is accepted, and what it holds (Apollo: a String or an AttributeValue).
enum class Default : uint8_t { kNone, kString, kValue };

constexpr std::string_view kStatusChoices[] = {"code", "reason"};
constexpr std::string_view kNameChoices[] = {"string", "hash"};
constexpr std::string_view kStringChoice[] = {"string"};
constexpr std::string_view kQueryShapes[] = {"aliases", "depth", "height", "root_fields"};

struct Spec {
  std::string_view key;
  Selector::Kind kind;
  uint8_t levels;
  Argument argument;
  Default defaults = Default::kNone;
  std::span<const std::string_view> choices = {};
  // Apollo's choices that Plexus does not support yet (query shapes need operation limits).
  std::span<const std::string_view> unsupported = {};
};

using K = Selector::Kind;
using A = Argument;
using D = Default;

// Apollo's RouterSelector, SupergraphSelector and SubgraphSelector, as far as Plexus supports
// them; `levels` says which of the three has the key.
constexpr std::array kSpecs = {
    Spec{"static", K::kStatic, kAnyLevel, A::kStatic},
    Spec{"env", K::kEnv, kAnyLevel, A::kName, D::kString},
    Spec{"request_context", K::kRequestContext, kAnyLevel, A::kName, D::kValue},
    Spec{"response_context", K::kResponseContext, kAnyLevel, A::kName, D::kValue},
    Spec{"request_header", K::kRequestHeader, kRouter | kSupergraph, A::kName, D::kValue},
    Spec{"response_header", K::kResponseHeader, kRouter | kSupergraph, A::kName, D::kValue},
    Spec{"response_status", K::kResponseStatus, kRouter | kSupergraph, A::kChoice, D::kNone,
         kStatusChoices},
    Spec{"operation_name", K::kOperationName, kRouter | kSupergraph, A::kChoice, D::kString,
         kNameChoices},
    Spec{"response_errors", K::kResponseErrors, kRouter | kSupergraph, A::kPath, D::kValue},
    Spec{"on_graphql_error", K::kOnGraphqlError, kRouter | kSupergraph, A::kFlag},
    Spec{"request_method", K::kRequestMethod, kRouter, A::kFlag},
    Spec{"operation_kind", K::kOperationKind, kSupergraph, A::kChoice, D::kNone, kStringChoice},
    Spec{"query", K::kQuery, kSupergraph, A::kChoice, D::kString, kStringChoice, kQueryShapes},
    Spec{"query_variable", K::kQueryVariable, kSupergraph, A::kName, D::kValue},
    Spec{"is_primary_response", K::kIsPrimaryResponse, kSupergraph, A::kFlag},
    Spec{"response_data", K::kResponseData, kSupergraph, A::kPath, D::kValue},
    Spec{"subgraph_name", K::kSubgraphName, kSubgraph, A::kFlag},
    Spec{"subgraph_operation_name", K::kSubgraphOperationName, kSubgraph, A::kChoice, D::kString,
         kNameChoices},
    Spec{"subgraph_operation_kind", K::kSubgraphOperationKind, kSubgraph, A::kChoice, D::kNone,
         kStringChoice},
    Spec{"subgraph_query", K::kSubgraphQuery, kSubgraph, A::kChoice, D::kString, kStringChoice},
    Spec{"subgraph_query_variable", K::kSubgraphQueryVariable, kSubgraph, A::kName, D::kValue},
    Spec{"subgraph_request_header", K::kSubgraphRequestHeader, kSubgraph, A::kName, D::kString},
    Spec{"subgraph_response_header", K::kSubgraphResponseHeader, kSubgraph, A::kName, D::kString},
    Spec{"subgraph_response_status", K::kSubgraphResponseStatus, kSubgraph, A::kChoice, D::kNone,
         kStatusChoices},
    Spec{"subgraph_response_data", K::kSubgraphResponseData, kSubgraph, A::kPath, D::kValue},
    Spec{"subgraph_response_errors", K::kSubgraphResponseErrors, kSubgraph, A::kPath, D::kValue},
    Spec{"subgraph_on_graphql_error", K::kSubgraphOnGraphqlError, kSubgraph, A::kFlag},
    Spec{"supergraph_operation_name", K::kSupergraphOperationName, kSubgraph, A::kChoice,
         D::kString, kNameChoices},
    Spec{"supergraph_operation_kind", K::kSupergraphOperationKind, kSubgraph, A::kChoice, D::kNone,
         kStringChoice},
    Spec{"supergraph_query", K::kSupergraphQuery, kSubgraph, A::kChoice, D::kString, kStringChoice,
         kQueryShapes},
    Spec{"supergraph_query_variable", K::kSupergraphQueryVariable, kSubgraph, A::kName, D::kValue},
    Spec{"supergraph_request_header", K::kSupergraphRequestHeader, kSubgraph, A::kName, D::kString},
};

// Apollo's selectors that need machinery Plexus does not have yet (tracing, cost, caches, …).
constexpr std::string_view kUnsupported[] = {
    "trace_id",
    "baggage",
    "studio_operation_id",
    "response_body",
    "response_size_hint",
    "router_overhead",
    "active_subgraph_requests",
    "error",
    "cost",
    "context_id",
    "subgraph_resend_count",
    "subgraph_request_body_size",
    "subgraph_response_body_size",
    "cache",
    "response_cache",
    "response_cache_status",
    "response_cache_control",
};

constexpr std::string_view kConditionKeys[] = {"eq",  "gt",  "lt",   "exists", "not",
                                               "all", "any", "true", "false"};

const Spec* findSpec(std::string_view key) {
  for (const Spec& spec : kSpecs) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

const Spec& specOf(Selector::Kind kind) {
  for (const Spec& spec : kSpecs) {
    if (spec.kind == kind) return spec;
  }
  return kSpecs[0];  // unreachable: every kind has a spec
}

std::string quoted(std::string_view key) { return "`" + std::string(key) + "`"; }

// "router and supergraph" for a levels mask.
std::string levelsText(uint8_t levels) {
  std::vector<std::string_view> names;
  if (levels & kRouter) names.push_back("router");
  if (levels & kSupergraph) names.push_back("supergraph");
  if (levels & kSubgraph) names.push_back("subgraph");
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

// " or " / ", " joined, each in backticks.
std::string alternatives(const std::vector<std::string_view>& keys) {
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) text += i + 1 == keys.size() ? " or " : ", ";
    text += quoted(keys[i]);
  }
  return text;
}

// "unknown selector `request_heder`; did you mean `request_header`?" — closest among this
// level's keys, then among all.
std::string unknownSelector(std::string_view key, uint8_t level) {
  std::vector<std::string_view> here, all;
  for (const Spec& spec : kSpecs) {
    all.push_back(spec.key);
    if (spec.levels & level) here.push_back(spec.key);
  }
  std::vector<std::string_view> close = graphql::validation::suggestionList(key, here);
  if (close.empty()) close = graphql::validation::suggestionList(key, all);
  std::string message = "unknown selector " + quoted(key);
  if (!close.empty()) message += "; did you mean " + quoted(close[0]) + "?";
  return message;
}

// The selector of this level with the same meaning: `request_header` at a subgraph stage is
// `supergraph_request_header`; `subgraph_name`'s router twin does not exist.
std::vector<std::string_view> twins(std::string_view key, uint8_t level) {
  std::vector<std::string_view> found;
  for (const Spec& spec : kSpecs) {
    if (!(spec.levels & level)) continue;
    std::string_view other = spec.key;
    auto endsWith = [](std::string_view text, std::string_view tail) {
      return text.size() > tail.size() && text.ends_with(tail) &&
             text[text.size() - tail.size() - 1] == '_';
    };
    if (endsWith(other, key) || endsWith(key, other)) found.push_back(other);
  }
  return found;
}

// A literal operand: an unquoted true/false is a boolean, an integer or decimal number is a
// number, anything else (and every quoted scalar) a string; a sequence is an array of those.
std::optional<json::Value> readLiteral(const YamlNode& node, const std::string& path,
                                       ReadContext& context) {
  if (node.isSequence()) {
    json::Value array = json::Value::array();
    for (size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      if (!item.isScalar()) {
        context.error(item, indexPath(path, i),
                      "expected a string, number or boolean, found " + item.describe());
        return std::nullopt;
      }
      std::optional<json::Value> element = readLiteral(item, indexPath(path, i), context);
      if (!element) return std::nullopt;
      array.push(std::move(*element));
    }
    return array;
  }
  bool literal = false;
  std::optional<std::string> text = context.scalar(node, path, "a value or a selector", &literal);
  if (!text) return std::nullopt;
  if (literal || text->empty()) return json::Value(std::move(*text));
  if (*text == "true" || *text == "True" || *text == "TRUE") return json::Value(true);
  if (*text == "false" || *text == "False" || *text == "FALSE") return json::Value(false);
  const char* begin = text->data();
  const char* end = begin + text->size();
  int64_t integer = 0;
  if (auto [stop, ec] = std::from_chars(begin, end, integer); ec == std::errc() && stop == end) {
    return json::Value(integer);
  }
  // from_chars also reads "inf" and "nan"; YAML numbers start with a digit, a sign or a dot.
  char first =
      (*text)[0] == '-' || (*text)[0] == '+' ? (text->size() > 1 ? (*text)[1] : 0) : (*text)[0];
  double number = 0;
  if ((std::isdigit(static_cast<unsigned char>(first)) || first == '.') && (*text)[0] != '+') {
    if (auto [stop, ec] = std::from_chars(begin, end, number); ec == std::errc() && stop == end) {
      return json::Value(number);
    }
  }
  return json::Value(std::move(*text));
}

// Reads the key's value into `selector` as `spec` says; false after an error.
bool readArgument(const Spec& spec, const YamlNode& node, const std::string& path,
                  ReadContext& context, Selector& selector) {
  switch (spec.argument) {
    case Argument::kStatic: {
      std::optional<json::Value> value = readLiteral(node, path, context);
      if (!value) return false;
      selector.value = std::move(*value);
      return true;
    }
    case Argument::kFlag: {
      std::optional<std::string> text = context.scalar(node, path, "a boolean");
      if (!text) return false;
      if (*text != "true" && *text != "false") {
        context.error(node, path, "expected a boolean (true or false), found " + node.describe());
        return false;
      }
      selector.value = json::Value(*text == "true");
      return true;
    }
    case Argument::kName:
    case Argument::kPath:
    case Argument::kChoice: {
      std::optional<std::string> text = context.scalar(node, path, "a string");
      if (!text) return false;
      if (spec.argument == Argument::kChoice) {
        for (std::string_view shape : spec.unsupported) {
          if (*text == shape) {
            context.error(node, path,
                          quoted(std::string(spec.key) + ": " + *text) +
                              " is not supported by Plexus yet; expected " +
                              alternatives({spec.choices.begin(), spec.choices.end()}));
            return false;
          }
        }
        bool known = false;
        for (std::string_view choice : spec.choices) known = known || *text == choice;
        if (!known) {
          context.error(node, path,
                        "expected " + alternatives({spec.choices.begin(), spec.choices.end()}) +
                            ", found " + node.describe());
          return false;
        }
      } else if (text->empty()) {
        context.error(node, path,
                      spec.argument == Argument::kPath ? "expected a JSONPath such as `$.a.b[0]`"
                                                       : "expected a non-empty name");
        return false;
      }
      selector.argument = std::move(*text);
      return true;
    }
  }
  return false;
}

// Selector : { <selector key>: <argument>, default?: <value> }
std::optional<Selector> readSelector(const YamlNode& node, const std::string& path,
                                     ReadContext& context, ConditionLevel level) {
  const YamlNode::Entry* main = nullptr;
  const YamlNode::Entry* fallback = nullptr;
  for (const YamlNode::Entry& entry : node.entries) {
    if (!entry.key.isScalar()) {
      context.error(entry.key, path, "keys must be strings");
      return std::nullopt;
    }
    if (entry.key.text == "default") {
      fallback = &entry;
    } else if (main) {
      context.error(entry.key, path,
                    "a selector has one key besides `default`, found " + quoted(main->key.text) +
                        " and " + quoted(entry.key.text));
      return std::nullopt;
    } else {
      main = &entry;
    }
  }
  if (!main) {
    context.error(node, path, "expected a selector such as `{request_header: x-name}`");
    return std::nullopt;
  }
  const std::string& key = main->key.text;
  const Spec* spec = findSpec(key);
  uint8_t here = levelBit(level);
  if (!spec) {
    for (std::string_view unsupported : kUnsupported) {
      if (key == unsupported) {
        context.error(main->key, path,
                      "the selector " + quoted(key) + " is not supported by Plexus yet");
        return std::nullopt;
      }
    }
    context.error(main->key, path, unknownSelector(key, here));
    return std::nullopt;
  }
  if (!(spec->levels & here)) {
    std::string message = quoted(key) + " is a " + levelsText(spec->levels) +
                          " selector; this condition is evaluated at the " +
                          std::string(levelName(level)) + " stage";
    std::vector<std::string_view> same = twins(key, here);
    if (!same.empty()) message += "; use " + alternatives(same);
    context.error(main->key, path, message);
    return std::nullopt;
  }
  Selector selector;
  selector.kind = spec->kind;
  if (!readArgument(*spec, main->value, joinPath(path, key), context, selector)) {
    return std::nullopt;
  }
  if (fallback) {
    std::string default_path = joinPath(path, "default");
    if (spec->defaults == Default::kNone) {
      context.error(fallback->key, default_path, quoted(key) + " takes no `default`");
      return std::nullopt;
    }
    if (spec->defaults == Default::kString) {
      std::optional<std::string> text = context.scalar(fallback->value, default_path, "a string");
      if (!text) return std::nullopt;
      selector.default_value = json::Value(std::move(*text));
    } else {
      selector.default_value = readLiteral(fallback->value, default_path, context);
      if (!selector.default_value) return std::nullopt;
    }
  }
  return selector;
}

// Operand : literal | Selector
std::optional<Operand> readOperand(const YamlNode& node, const std::string& path,
                                   ReadContext& context, ConditionLevel level) {
  if (node.isMapping()) {
    std::optional<Selector> selector = readSelector(node, path, context, level);
    if (!selector) return std::nullopt;
    return Operand(std::move(*selector));
  }
  if (node.isNull()) {
    context.error(node, path, "expected a value or a selector, found null");
    return std::nullopt;
  }
  std::optional<json::Value> value = readLiteral(node, path, context);
  if (!value) return std::nullopt;
  return Operand(std::move(*value));
}

void readCondition(const YamlNode& node, const std::string& path, ReadContext& context,
                   ConditionLevel level, Condition& out);

// Condition : true | false | {eq|gt|lt: [Operand, Operand]} | {exists: Selector}
//           | {not: Condition} | {all|any: [Condition*]}
void readCondition(const YamlNode& node, const std::string& path, ReadContext& context,
                   ConditionLevel level, Condition& out) {
  constexpr std::string_view kExpected =
      "expected a condition (true, false, or a mapping with one of eq, gt, lt, exists, not, "
      "all, any)";
  if (node.isScalar()) {
    std::optional<std::string> text = context.scalar(node, path, "a condition");
    if (!text) return;
    if (*text == "true" || *text == "false") {
      out = Condition{*text == "true" ? Condition::Kind::kTrue : Condition::Kind::kFalse};
    } else {
      context.error(node, path, std::string(kExpected) + ", found " + node.describe());
    }
    return;
  }
  if (!node.isMapping() || node.entries.empty()) {
    context.error(node, path,
                  std::string(kExpected) + ", found " +
                      (node.isMapping() ? "an empty mapping" : node.describe()));
    return;
  }
  if (node.entries.size() > 1) {
    context.error(node.entries[1].key, path,
                  "a condition has one key, found " + quoted(node.entries[0].key.text) + " and " +
                      quoted(node.entries[1].key.text) +
                      "; combine conditions with `all` or `any`");
    return;
  }
  const YamlNode& key = node.entries[0].key;
  const YamlNode& value = node.entries[0].value;
  std::string at = joinPath(path, key.text);
  Condition read;
  if (key.text == "eq" || key.text == "gt" || key.text == "lt") {
    read.kind = key.text == "eq"   ? Condition::Kind::kEq
                : key.text == "gt" ? Condition::Kind::kGt
                                   : Condition::Kind::kLt;
    if (!value.isSequence() || value.items.size() != 2) {
      std::string found =
          value.isSequence() ? "a list of " + std::to_string(value.items.size()) : value.describe();
      context.error(value, at, quoted(key.text) + " takes a list of two values, found " + found);
      return;
    }
    for (size_t i = 0; i < 2; ++i) {
      std::optional<Operand> operand =
          readOperand(value.items[i], indexPath(at, i), context, level);
      if (!operand) return;
      read.operands.push_back(std::move(*operand));
    }
  } else if (key.text == "exists") {
    read.kind = Condition::Kind::kExists;
    if (!value.isMapping()) {
      context.error(value, at,
                    "`exists` takes a selector such as `{request_header: x-name}`, found " +
                        value.describe());
      return;
    }
    std::optional<Selector> selector = readSelector(value, at, context, level);
    if (!selector) return;
    read.operands.push_back(std::move(*selector));
  } else if (key.text == "not") {
    read.kind = Condition::Kind::kNot;
    read.children.emplace_back();
    if (value.isNull()) {
      context.error(value, at, std::string(kExpected) + ", found null");
      return;
    }
    readCondition(value, at, context, level, read.children.back());
  } else if (key.text == "all" || key.text == "any") {
    read.kind = key.text == "all" ? Condition::Kind::kAll : Condition::Kind::kAny;
    if (!value.isSequence()) {
      context.error(value, at,
                    quoted(key.text) + " takes a list of conditions, found " + value.describe());
      return;
    }
    for (size_t i = 0; i < value.items.size(); ++i) {
      read.children.emplace_back();
      if (value.items[i].isNull()) {
        context.error(value.items[i], indexPath(at, i), std::string(kExpected) + ", found null");
        continue;
      }
      readCondition(value.items[i], indexPath(at, i), context, level, read.children.back());
    }
  } else {
    std::string message = "unknown condition " + quoted(key.text) + ";";
    std::vector<std::string_view> close =
        graphql::validation::suggestionList(key.text, kConditionKeys);
    if (!close.empty()) message += " did you mean " + quoted(close[0]) + "?";
    message += " expected one of: eq, gt, lt, exists, not, all, any, true, false";
    context.error(key, path, message);
    return;
  }
  out = std::move(read);
}

json::Value selectorJson(const Selector& selector) {
  const Spec& spec = specOf(selector.kind);
  json::Value object = json::Value::object();
  bool holds_value = spec.argument == Argument::kStatic || spec.argument == Argument::kFlag;
  object[spec.key] = holds_value ? selector.value : json::Value(selector.argument);
  if (selector.default_value) object["default"] = *selector.default_value;
  return object;
}

std::string_view conditionKey(Condition::Kind kind) {
  switch (kind) {
    case Condition::Kind::kTrue: return "true";
    case Condition::Kind::kFalse: return "false";
    case Condition::Kind::kEq: return "eq";
    case Condition::Kind::kGt: return "gt";
    case Condition::Kind::kLt: return "lt";
    case Condition::Kind::kExists: return "exists";
    case Condition::Kind::kNot: return "not";
    case Condition::Kind::kAll: return "all";
    case Condition::Kind::kAny: return "any";
  }
  return "";
}

json::Value operandJson(const Operand& operand) {
  if (const Selector* selector = std::get_if<Selector>(&operand)) return selectorJson(*selector);
  return std::get<json::Value>(operand);
}

}  // namespace

std::string_view selectorKey(Selector::Kind kind) { return specOf(kind).key; }

describe::Type<Condition> condition(ConditionLevel level) {
  describe::Type<Condition> type;
  type.read = [level](const YamlNode& node, const std::string& path, ReadContext& context,
                      Condition& value) {
    if (node.isNull()) return;  // absent: the default
    readCondition(node, path, context, level, value);
  };
  std::string doc = "A condition in Apollo Router's telemetry condition language over " +
                    std::string(levelName(level)) +
                    " selectors: true, false, or one of eq, gt, lt (two values or selectors), "
                    "exists (a selector), not (a condition), all, any (lists of conditions)";
  type.schema = [doc](const Condition*) {
    json::Value schema = json::Value::object();
    schema["description"] = doc;
    json::Value& types = schema["type"];
    types = json::Value::array();
    for (const char* name : {"object", "boolean", "string"}) types.push(name);
    return schema;
  };
  type.to_json = [](const Condition& value) { return toJson(value); };
  return type;
}

json::Value toJson(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::kTrue: return json::Value(true);
    case Condition::Kind::kFalse: return json::Value(false);
    default: break;
  }
  json::Value body;
  switch (condition.kind) {
    case Condition::Kind::kEq:
    case Condition::Kind::kGt:
    case Condition::Kind::kLt:
      body = json::Value::array();
      for (const Operand& operand : condition.operands) body.push(operandJson(operand));
      break;
    case Condition::Kind::kExists:
      if (!condition.operands.empty()) body = operandJson(condition.operands[0]);
      break;
    case Condition::Kind::kNot:
      if (!condition.children.empty()) body = toJson(condition.children[0]);
      break;
    default:  // kAll, kAny
      body = json::Value::array();
      for (const Condition& child : condition.children) body.push(toJson(child));
      break;
  }
  json::Value object = json::Value::object();
  object[conditionKey(condition.kind)] = std::move(body);
  return object;
}

bool isTrivial(const Condition& condition) { return condition.kind == Condition::Kind::kTrue; }

}  // namespace plexus::config
