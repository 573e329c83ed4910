// The `headers` section: Apollo Router v2's header rules for subgraph requests
// (apollo-router/src/plugins/headers/mod.rs, its Config, HeadersLocation and Operation types).
//
//   headers:
//     all:
//       request:
//         - propagate: {named: x-tenant, rename: x-org, default: none}
//         - remove: {matching: "^x-internal-.*"}
//     subgraphs:
//       products:
//         request:
//           - insert: {name: x-from, value: router}
//
// A rule is one of `propagate`, `insert` or `remove` (Apollo's externally tagged Operation). As
// Apollo's serde reads them, header names must be tokens and are lower-cased, values may hold any
// byte but control characters (tab allowed), regexes must compile. The JSONPath of `insert.path`
// is compiled by the plugin (src/plugins/headers), which names the same YAML path on error.
#include <algorithm>
#include <cctype>

#include "src/config/sections.h"

namespace plexus::config::sections {

using namespace describe;

namespace {

// http::HeaderName::try_from: RFC 9110 §5.6.2 token characters, any case, stored lower-case.
Type<std::string> headerName() {
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  return scalar<std::string>(
      "a header name", std::move(schema),
      [](const Scalar& s) -> StatusOr<std::string> {
        constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
        bool token = !s.text.empty() && std::all_of(s.text.begin(), s.text.end(), [&](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) ||
                 kSymbols.find(c) != std::string_view::npos;
        });
        if (!token) return Status::error("invalid header name \"" + s.text + "\"");
        std::string lower = s.text;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower;
      },
      [](const std::string& value) { return json::Value(value); });
}

// http::HeaderValue::try_from: every byte but control characters (tab allowed) and DEL.
Type<std::string> headerValue() {
  return validated<std::string>(string(),
                                [](const std::string& text) -> std::optional<std::string> {
                                  for (char ch : text) {
                                    auto c = static_cast<unsigned char>(ch);
                                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                                      return "invalid header value \"" + text + "\"";
                                    }
                                  }
                                  return std::nullopt;
                                });
}

// `type`, plus an error at the object itself when `count` of the value read is not 1: Apollo's
// enums take exactly one of their forms.
template <typename T>
Type<T> exactlyOne(Type<T> type, std::function<int(const T&)> count, std::string message) {
  Type<T> out = type;
  out.read = [type, count, message](const YamlNode& node, const std::string& path,
                                    ReadContext& context, T& value) {
    size_t errors = context.errorCount();
    type.read(node, path, context, value);
    if (context.errorCount() == errors && count(value) != 1) context.error(node, path, message);
  };
  return out;
}

Type<HeaderPropagate> propagate() {
  Type<HeaderPropagate> type =
      Object<HeaderPropagate>("Copies client request headers to the subgraph request")
          .field("named", &HeaderPropagate::named, optional(headerName()),
                 "The client header to copy (every value it has)")
          .field("matching", &HeaderPropagate::matching, optional(regex()),
                 "Copies every client header whose name matches (never a reserved header)")
          .field("rename", &HeaderPropagate::rename, optional(headerName()),
                 "With `named`: the name it gets in the subgraph request")
          .field("default", &HeaderPropagate::default_value, optional(headerValue()),
                 "With `named`: the value sent when the client sent none")
          .check([](const HeaderPropagate& rule, Checker& checker) {
            if (rule.matching && rule.rename) checker.error("rename", "needs `named`");
            if (rule.matching && rule.default_value) checker.error("default", "needs `named`");
          })
          .type();
  return exactlyOne<HeaderPropagate>(
      type, [](const HeaderPropagate& rule) { return int(bool(rule.named)) + bool(rule.matching); },
      "expected exactly one of `named` or `matching`");
}

Type<HeaderInsert> insert() {
  Type<HeaderInsert> type =
      Object<HeaderInsert>("Sets a header of the subgraph request, replacing its values")
          .field("name", &HeaderInsert::name, headerName(), "The header to set")
          .required()
          .field("value", &HeaderInsert::value, optional(headerValue()), "A fixed value")
          .field("from_context", &HeaderInsert::from_context, optional(string()),
                 "The request context key holding the value (set only when it is a string)")
          .field("path", &HeaderInsert::path, optional(string()),
                 "A JSONPath into the client's GraphQL request body ($.extensions.app)")
          .field("default", &HeaderInsert::default_value, optional(headerValue()),
                 "With `path`: the value when the path selects nothing")
          .check([](const HeaderInsert& rule, Checker& checker) {
            if (rule.default_value && !rule.path) checker.error("default", "needs `path`");
          })
          .type();
  return exactlyOne<HeaderInsert>(
      type,
      [](const HeaderInsert& rule) {
        return int(bool(rule.value)) + bool(rule.from_context) + bool(rule.path);
      },
      "expected exactly one of `value`, `from_context` or `path`");
}

Type<HeaderRemove> remove() {
  Type<HeaderRemove> type =
      Object<HeaderRemove>("Removes headers from the subgraph request")
          .field("named", &HeaderRemove::named, optional(headerName()), "The header to remove")
          .field("matching", &HeaderRemove::matching, optional(regex()),
                 "Removes every header whose name matches (never a reserved header)")
          .type();
  return exactlyOne<HeaderRemove>(
      type, [](const HeaderRemove& rule) { return int(bool(rule.named)) + bool(rule.matching); },
      "expected exactly one of `named` or `matching`");
}

Type<HeaderRule> rule() {
  Type<HeaderRule> type =
      Object<HeaderRule>("One header rule")
          .field("propagate", &HeaderRule::propagate, optional(propagate()),
                 "Copies client request headers")
          .field("insert", &HeaderRule::insert, optional(insert()), "Sets a header")
          .field("remove", &HeaderRule::remove, optional(remove()), "Removes headers")
          .type();
  Type<HeaderRule> one = exactlyOne<HeaderRule>(
      type,
      [](const HeaderRule& rule) {
        return int(bool(rule.propagate)) + bool(rule.insert) + bool(rule.remove);
      },
      "expected exactly one of `propagate`, `insert` or `remove`");
  one.schema = [schema = type.schema](const HeaderRule* defaults) {
    json::Value object = schema(defaults);
    object["minProperties"] = 1;
    object["maxProperties"] = 1;
    return object;
  };
  return one;
}

Type<HeaderRules> rules() {
  return Object<HeaderRules>("Header rules, applied in order")
      .field("request", &HeaderRules::request, listOf(rule()),
             "Rules for the subgraph request's headers, in order")
      .required()
      .type();
}

}  // namespace

Type<HeadersConfig> headers() {
  return Object<HeadersConfig>("Header rules for subgraph requests")
      .field("all", &HeadersConfig::all, optional(rules()), "Rules for every subgraph")
      .field("subgraphs", &HeadersConfig::subgraphs, mapOf(rules()),
             "Rules for one subgraph, applied after `all`'s, by subgraph name")
      .ignored({"connector"})
      .type();
}

}  // namespace plexus::config::sections
