#include "src/plugins/coprocessor/selectors.h"

#include <charconv>
#include <cstdlib>
#include <string>

#include "src/common/sha256.h"
#include "src/plugins/headers/json_path.h"

namespace plexus::plugins::coprocessor {
namespace {

using config::Condition;
using config::Selector;
using K = Selector::Kind;
using Phase = SelectorInput::Phase;

// Apollo's context key for "the response has GraphQL errors" (context::CONTAINS_GRAPHQL_ERROR).
constexpr std::string_view kContainsGraphqlError = "apollo::telemetry::contains_graphql_error";

enum class Phases : uint8_t { kRequest, kResponse, kBoth };

// Where Apollo's selectors are active (`is_active(Stage::Request | Stage::Response)`), merged
// over the levels that share a key.
Phases phasesOf(K kind) {
  switch (kind) {
    case K::kStatic:
    case K::kEnv:
    case K::kOperationName:
    case K::kOperationKind:
    case K::kSubgraphName:
    case K::kSubgraphOperationKind:
    case K::kSupergraphOperationName:
    case K::kSupergraphOperationKind: return Phases::kBoth;
    case K::kRequestContext:
    case K::kRequestHeader:
    case K::kRequestMethod:
    case K::kQuery:
    case K::kQueryVariable:
    case K::kSubgraphOperationName:
    case K::kSubgraphQuery:
    case K::kSubgraphQueryVariable:
    case K::kSubgraphRequestHeader:
    case K::kSupergraphQuery:
    case K::kSupergraphQueryVariable:
    case K::kSupergraphRequestHeader: return Phases::kRequest;
    default: return Phases::kResponse;
  }
}

// What a selector found: `available` when the stage offers what it reads (an unavailable
// selector leaves a request-phase condition undetermined, see selectors.h).
struct Selected {
  bool available = false;
  std::optional<json::Value> value;
};

// Apollo's ToOtelValue for JSON: null is nothing; uniform arrays stay arrays (objects as their
// JSON texts); an object or a mixed array becomes its JSON text.
std::optional<json::Value> attributeValue(const json::Value& value) {
  if (value.isNull()) return std::nullopt;
  if (value.isObject()) return json::Value(json::serialize(value));
  if (!value.isArray()) return value;
  const json::Array& items = value.asArray();
  auto all = [&](bool (json::Value::*is)() const) {
    for (const json::Value& item : items) {
      if (!(item.*is)()) return false;
    }
    return true;
  };
  if (all(&json::Value::isInt) || all(&json::Value::isDouble) || all(&json::Value::isBool) ||
      all(&json::Value::isString)) {
    return value;
  }
  if (all(&json::Value::isObject)) {
    json::Value texts = json::Value::array();
    for (const json::Value& item : items) texts.push(json::serialize(item));
    return texts;
  }
  return json::Value(json::serialize(value));
}

std::optional<json::Value> text(std::string_view value) {
  if (value.empty()) return std::nullopt;
  return json::Value(value);
}

// The first value of a header, as a string.
Selected header(const http::Headers* headers, std::string_view name) {
  if (!headers) return {};
  std::optional<std::string_view> value = headers->get(name);
  return {true, value ? std::optional<json::Value>(json::Value(*value)) : std::nullopt};
}

// `code`: the number; `reason`: the standard reason phrase (none for an unknown code).
Selected status(std::optional<int> code, std::string_view argument) {
  if (!code) return {};
  if (argument == "code") return {true, json::Value(int64_t{*code})};
  std::string_view reason = http::reasonPhrase(*code);
  return {true, reason == "Unknown" ? std::nullopt : text(reason)};
}

Selected fromText(std::optional<std::string_view> value) {
  if (!value) return {};
  return {true, text(*value)};
}

// A member of a JSON object (request bodies: "query", "operationName", "variables").
std::optional<json::Value> member(const json::Value* object, std::string_view key) {
  const json::Value* found = object ? object->find(key) : nullptr;
  if (!found) return std::nullopt;
  return attributeValue(*found);
}

// `response_data` / `response_errors`: a JSONPath over the body's "data" or "errors" (absent:
// null, which no path selects from).
Selected pathIn(const json::Value* body, std::string_view key, const std::string& path) {
  if (!body) return {};
  StatusOr<headers::JsonPath> parsed = headers::JsonPath::parse(path);
  if (!parsed.ok()) return {true, std::nullopt};
  const json::Value* root = body->find(key);
  return {true, attributeValue(parsed->find(root ? *root : json::Value()))};
}

bool hasErrors(const json::Value* body) {
  const json::Value* errors = body ? body->find("errors") : nullptr;
  return errors && errors->isArray() && !errors->asArray().empty();
}

bool flagged(const Selector& selector) {
  return selector.value.isBool() && selector.value.asBool();
}

// The selector's own reading, before its `default`.
Selected find(const Selector& selector, const SelectorInput& input) {
  const std::string& argument = selector.argument;
  switch (selector.kind) {
    case K::kStatic: return {true, selector.value};
    case K::kEnv: {
      const char* value = std::getenv(argument.c_str());
      return {true, value ? std::optional<json::Value>(json::Value(value)) : std::nullopt};
    }
    case K::kRequestContext:
    case K::kResponseContext: {
      if (!input.context) return {};
      std::optional<json::Value> value = input.context->get(argument);
      return {true, value ? attributeValue(*value) : std::nullopt};
    }
    case K::kRequestHeader:
    case K::kSupergraphRequestHeader: return header(input.request_headers, argument);
    case K::kResponseHeader: return header(input.response_headers, argument);
    case K::kSubgraphRequestHeader: return header(input.subgraph_request_headers, argument);
    case K::kSubgraphResponseHeader: return header(input.subgraph_response_headers, argument);
    case K::kResponseStatus: return status(input.response_status, argument);
    case K::kSubgraphResponseStatus: return status(input.subgraph_response_status, argument);
    case K::kOperationName:
    case K::kSupergraphOperationName: return fromText(input.operation_name);
    case K::kSubgraphOperationName:
      if (!input.subgraph_request_body) return {};
      return {true, member(input.subgraph_request_body, "operationName")};
    case K::kOperationKind:
    case K::kSubgraphOperationKind:
    case K::kSupergraphOperationKind: return fromText(input.operation_kind);
    case K::kQuery:
    case K::kSupergraphQuery: return fromText(input.query);
    case K::kSubgraphQuery:
      if (!input.subgraph_request_body) return {};
      return {true, member(input.subgraph_request_body, "query")};
    case K::kQueryVariable:
    case K::kSupergraphQueryVariable:
      if (!input.variables) return {};
      return {true, member(input.variables, argument)};
    case K::kSubgraphQueryVariable: {
      if (!input.subgraph_request_body) return {};
      const json::Value* variables = input.subgraph_request_body->find("variables");
      return {true, member(variables, argument)};
    }
    case K::kRequestMethod:
      if (!input.request_method) return {};
      return {true, flagged(selector) ? text(*input.request_method) : std::nullopt};
    case K::kSubgraphName:
      if (!input.subgraph_name) return {};
      return {true, flagged(selector) ? text(*input.subgraph_name) : std::nullopt};
    case K::kIsPrimaryResponse:
      if (!input.is_primary_response) return {};
      return {true, flagged(selector) ? std::optional<json::Value>(*input.is_primary_response)
                                      : std::nullopt};
    case K::kOnGraphqlError: {
      if (!input.response_body && !input.context) return {};
      if (!flagged(selector)) return {true, std::nullopt};
      bool in_context =
          input.context && input.context->get<bool>(kContainsGraphqlError).value_or(false);
      return {true, json::Value(in_context || hasErrors(input.response_body))};
    }
    case K::kSubgraphOnGraphqlError:
      if (!input.subgraph_response_body) return {};
      if (!flagged(selector)) return {true, std::nullopt};
      return {true, json::Value(hasErrors(input.subgraph_response_body))};
    case K::kResponseData: return pathIn(input.response_body, "data", argument);
    case K::kResponseErrors: return pathIn(input.response_body, "errors", argument);
    case K::kSubgraphResponseData: return pathIn(input.subgraph_response_body, "data", argument);
    case K::kSubgraphResponseErrors:
      return pathIn(input.subgraph_response_body, "errors", argument);
  }
  return {};
}

bool hashesName(const Selector& selector) {
  return (selector.kind == K::kOperationName || selector.kind == K::kSubgraphOperationName ||
          selector.kind == K::kSupergraphOperationName) &&
         selector.argument == "hash";
}

// find(), phase-checked, with the default and (for `operation_name: hash`) the hash applied.
Selected selectFull(const Selector& selector, const SelectorInput& input) {
  Phases phases = phasesOf(selector.kind);
  bool request = input.phase == Phase::kRequest;
  if ((phases == Phases::kRequest && !request) || (phases == Phases::kResponse && request)) {
    return {};
  }
  Selected selected = find(selector, input);
  if (!selected.available) return selected;
  if (!selected.value && selector.default_value) selected.value = *selector.default_value;
  if (selected.value && hashesName(selector) && selected.value->isString()) {
    selected.value = json::Value(sha256Hex(selected.value->asString()));
  }
  return selected;
}

std::optional<json::Value> operandValue(const config::Operand& operand,
                                        const SelectorInput& input) {
  if (const Selector* selector = std::get_if<Selector>(&operand)) {
    return selectFull(*selector, input).value;
  }
  return std::get<json::Value>(operand);
}

// AttributeValue::as_f64: numbers, and strings that read as one.
std::optional<double> asNumber(const json::Value& value) {
  if (value.isNumber()) return value.asDouble();
  if (!value.isString() || value.asString().empty()) return std::nullopt;
  const std::string& s = value.asString();
  double number = 0;
  auto [stop, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (ec != std::errc() || stop != s.data() + s.size()) return std::nullopt;
  return number;
}

// AttributeValue's partial order: booleans, numbers (ints and doubles together) and strings
// each among themselves; nullopt for other pairs.
std::optional<int> order(const json::Value& a, const json::Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.isBool() && b.isBool()) return sign(a.asBool(), b.asBool());
  if (a.isInt() && b.isInt()) return sign(a.asInt(), b.asInt());
  if (a.isNumber() && b.isNumber()) {
    double x = a.asDouble(), y = b.asDouble();
    if (x != x || y != y) return std::nullopt;  // NaN
    return sign(x, y);
  }
  if (a.isString() && b.isString()) return sign(a.asString(), b.asString());
  return std::nullopt;
}

// `gt` (want 1) or `lt` (want -1) between two selected values.
bool ordered(const json::Value& a, const json::Value& b, int want, bool numbers_first) {
  if (numbers_first) {
    std::optional<double> x = asNumber(a), y = asNumber(b);
    if (x && y) return want > 0 ? *x > *y : *x < *y;
  }
  std::optional<int> comparison = order(a, b);
  return comparison && *comparison == want;
}

// opentelemetry::Value's equality: as json::Value's, except that an integer never equals a
// double (Apollo's I64(1) != F64(1.0)).
bool same(const json::Value& a, const json::Value& b) {
  if (a.isNumber() && b.isNumber() && a.isInt() != b.isInt()) return false;
  if (a.isArray() && b.isArray()) {
    const json::Array& x = a.asArray();
    const json::Array& y = b.asArray();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!same(x[i], y[i])) return false;
    }
    return true;
  }
  return a == b;
}

enum class Truth : uint8_t { kFalse, kTrue, kUnknown };

Truth truth(bool value) { return value ? Truth::kTrue : Truth::kFalse; }

// Apollo's evaluate_request.
Truth evaluateRequest(const Condition& condition, const SelectorInput& input) {
  switch (condition.kind) {
    case Condition::Kind::kTrue: return Truth::kTrue;
    case Condition::Kind::kFalse: return Truth::kFalse;
    case Condition::Kind::kEq:
    case Condition::Kind::kGt:
    case Condition::Kind::kLt: {
      if (condition.operands.size() != 2) return Truth::kUnknown;
      std::optional<json::Value> left = operandValue(condition.operands[0], input);
      std::optional<json::Value> right = operandValue(condition.operands[1], input);
      if (!left || !right) return Truth::kUnknown;
      if (condition.kind == Condition::Kind::kEq) return truth(same(*left, *right));
      return truth(ordered(*left, *right, condition.kind == Condition::Kind::kGt ? 1 : -1, true));
    }
    case Condition::Kind::kExists: {
      const Selector* selector =
          condition.operands.empty() ? nullptr : std::get_if<Selector>(&condition.operands[0]);
      if (!selector) return Truth::kUnknown;
      Selected selected = selectFull(*selector, input);
      if (!selected.available) return Truth::kUnknown;
      return truth(selected.value.has_value());
    }
    case Condition::Kind::kNot: {
      if (condition.children.empty()) return Truth::kUnknown;
      Truth inner = evaluateRequest(condition.children[0], input);
      if (inner == Truth::kUnknown) return inner;
      return truth(inner == Truth::kFalse);
    }
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      bool all = condition.kind == Condition::Kind::kAll;
      if (condition.children.empty()) return Truth::kTrue;
      bool result = all;
      bool unknown = false;
      for (const Condition& child : condition.children) {
        Truth member = evaluateRequest(child, input);
        if (member == Truth::kUnknown) {
          unknown = true;
        } else if (all) {
          result = result && member == Truth::kTrue;
        } else {
          result = result || member == Truth::kTrue;
        }
      }
      return unknown ? Truth::kUnknown : truth(result);
    }
  }
  return Truth::kUnknown;
}

// Apollo's evaluate_response.
bool evaluateResponse(const Condition& condition, const SelectorInput& input) {
  switch (condition.kind) {
    case Condition::Kind::kTrue: return true;
    case Condition::Kind::kFalse: return false;
    case Condition::Kind::kEq:
    case Condition::Kind::kGt:
    case Condition::Kind::kLt: {
      if (condition.operands.size() != 2) return false;
      std::optional<json::Value> left = operandValue(condition.operands[0], input);
      std::optional<json::Value> right = operandValue(condition.operands[1], input);
      if (condition.kind == Condition::Kind::kEq) {
        return left && right ? same(*left, *right) : left.has_value() == right.has_value();
      }
      return left && right &&
             ordered(*left, *right, condition.kind == Condition::Kind::kGt ? 1 : -1, false);
    }
    case Condition::Kind::kExists:
      return !condition.operands.empty() && operandValue(condition.operands[0], input);
    case Condition::Kind::kNot:
      return !condition.children.empty() && !evaluateResponse(condition.children[0], input);
    case Condition::Kind::kAll:
      for (const Condition& child : condition.children) {
        if (!evaluateResponse(child, input)) return false;
      }
      return true;
    case Condition::Kind::kAny:
      for (const Condition& child : condition.children) {
        if (evaluateResponse(child, input)) return true;
      }
      return false;
  }
  return false;
}

bool isPathKind(K kind) {
  return kind == K::kResponseData || kind == K::kResponseErrors ||
         kind == K::kSubgraphResponseData || kind == K::kSubgraphResponseErrors;
}

}  // namespace

std::optional<json::Value> select(const Selector& selector, const SelectorInput& input) {
  return selectFull(selector, input).value;
}

bool evaluate(const Condition& condition, const SelectorInput& input) {
  if (input.phase == Phase::kRequest) return evaluateRequest(condition, input) == Truth::kTrue;
  return evaluateResponse(condition, input);
}

Status checkPaths(const Condition& condition) {
  for (const config::Operand& operand : condition.operands) {
    const Selector* selector = std::get_if<Selector>(&operand);
    if (!selector || !isPathKind(selector->kind)) continue;
    StatusOr<headers::JsonPath> path = headers::JsonPath::parse(selector->argument);
    if (!path.ok()) {
      return Status::error("`" + std::string(config::selectorKey(selector->kind)) +
                           "`: " + path.status().message());
    }
  }
  for (const Condition& child : condition.children) {
    if (Status status = checkPaths(child); !status.ok()) return status;
  }
  return Status();
}

}  // namespace plexus::plugins::coprocessor
