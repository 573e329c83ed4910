// Apollo Router's headers tests (apollo-router/src/plugins/headers/mod.rs, `mod test`), ported:
// the same client request, subgraph request and context, the same rules, the same results.
#include "src/plugins/headers/rules.h"

#include <algorithm>
#include <utility>

#include <gtest/gtest.h>

#include "src/config/describe.h"
#include "src/config/sections.h"

namespace plexus::plugins::headers {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// Rules from the YAML of one `request:` list, as router.yaml writes them.
RuleList rules(std::string_view yaml) {
  StatusOr<config::HeadersConfig> parsed =
      config::describe::parse(config::sections::headers(), "all:\n  request:\n" + std::string(yaml),
                              "router.yaml", config::ExpansionContext{});
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  if (!parsed.ok()) return RuleList();
  StatusOr<RuleList> compiled = RuleList::compile(parsed->all->request, "headers.all");
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
  return compiled.ok() ? std::move(*compiled) : RuleList();
}

// Apollo's example_request(): what the client sent, and the subgraph request before the rules.
struct Example {
  http::Headers client{{"da", "vda"},
                       {"db", "vdb"},
                       {"db", "vdb"},
                       {"db", "vdb2"},
                       {"host", "host"},
                       {"content-length", "2"},
                       {"content-type", "graphql"}};
  http::Headers outgoing{{"aa", "vaa"},
                         {"ab", "vab"},
                         {"ac", "vac"},
                         {"host", "rhost"},
                         {"content-length", "22"},
                         {"content-type", "graphql"}};
  json::Value body =
      requestBody("query", "my_operation_name", json::Value::object(), json::Value::object());
  Context context;

  Example() { context.insert("my_key", json::Value("my_value_from_context")); }

  // The subgraph request's headers after `list`, in order.
  Fields after(const RuleList& list) {
    apply(list, {.client = client, .body = &body, .context = &context}, outgoing);
    Fields fields;
    for (const auto& [name, value] : outgoing) fields.emplace_back(name, value);
    return fields;
  }
};

// Apollo's assert_headers: the expected fields plus host, content-length and content-type of
// the subgraph request, compared as sets.
Fields withSubgraphDefaults(Fields expected) {
  expected.emplace_back("host", "rhost");
  expected.emplace_back("content-length", "22");
  expected.emplace_back("content-type", "graphql");
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  return expected;
}

Fields asSet(Fields fields) {
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  return fields;
}

TEST(HeaderRulesTest, InsertStatic) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - insert: {name: c, value: d}\n"))),
            withSubgraphDefaults({{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"c", "d"}}));
}

TEST(HeaderRulesTest, InsertReplacesEveryValueOfTheHeader) {
  Example example;
  example.outgoing.add("aa", "second");
  EXPECT_EQ(asSet(example.after(rules("    - insert: {name: aa, value: new}\n"))),
            withSubgraphDefaults({{"aa", "new"}, {"ab", "vab"}, {"ac", "vac"}}));
}

TEST(HeaderRulesTest, InsertFromContext) {
  Example example;
  EXPECT_EQ(asSet(example.after(
                rules("    - insert: {name: header_from_context, from_context: my_key}\n"))),
            withSubgraphDefaults({{"aa", "vaa"},
                                  {"ab", "vab"},
                                  {"ac", "vac"},
                                  {"header_from_context", "my_value_from_context"}}));
}

TEST(HeaderRulesTest, InsertFromContextNeedsAString) {
  Example example;
  example.context.insert("number", json::Value(42));
  example.context.insert("bad", json::Value("line\nbreak"));
  EXPECT_EQ(asSet(example.after(rules("    - insert: {name: n, from_context: number}\n"
                                      "    - insert: {name: m, from_context: missing}\n"
                                      "    - insert: {name: b, from_context: bad}\n"))),
            withSubgraphDefaults({{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}}));
}

TEST(HeaderRulesTest, InsertFromRequestBody) {
  Example example;
  EXPECT_EQ(asSet(example.after(
                rules("    - insert: {name: header_from_request, path: $.operationName}\n"))),
            withSubgraphDefaults({{"aa", "vaa"},
                                  {"ab", "vab"},
                                  {"ac", "vac"},
                                  {"header_from_request", "my_operation_name"}}));
}

TEST(HeaderRulesTest, InsertFromRequestBodyWithOldAccessJsonNotation) {
  Example example;
  EXPECT_EQ(asSet(example.after(
                rules("    - insert: {name: header_from_request, path: .operationName}\n"))),
            withSubgraphDefaults({{"aa", "vaa"},
                                  {"ab", "vab"},
                                  {"ac", "vac"},
                                  {"header_from_request", "my_operation_name"}}));
}

TEST(HeaderRulesTest, InsertFromRequestBodyDefaultsAndWritesNonStringsAsJson) {
  Example example;
  example.body["variables"] = json::Value::object();
  example.body["variables"]["n"] = 3;
  EXPECT_EQ(
      asSet(example.after(rules("    - insert: {name: x, path: $.extensions.app, default: d}\n"
                                "    - insert: {name: y, path: $.extensions.app}\n"
                                "    - insert: {name: n, path: $.variables}\n"))),
      withSubgraphDefaults(
          {{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"x", "d"}, {"n", R"({"n":3})"}}));
}

TEST(HeaderRulesTest, RemoveExact) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - remove: {named: aa}\n"))),
            withSubgraphDefaults({{"ac", "vac"}, {"ab", "vab"}}));
}

TEST(HeaderRulesTest, RemoveExactMultiple) {
  Example example;
  example.outgoing.add("aa", "vaa");
  example.outgoing.add("aa", "vaa2");
  EXPECT_EQ(asSet(example.after(rules("    - remove: {named: aa}\n"))),
            withSubgraphDefaults({{"ac", "vac"}, {"ab", "vab"}}));
}

TEST(HeaderRulesTest, RemoveMatching) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - remove: {matching: \"a[ab]\"}\n"))),
            withSubgraphDefaults({{"ac", "vac"}}));
}

TEST(HeaderRulesTest, RemoveMatchingNeverRemovesReservedHeaders) {
  Example example;
  EXPECT_EQ(example.after(rules("    - remove: {matching: \".*\"}\n")),
            (Fields{{"host", "rhost"}, {"content-length", "22"}, {"content-type", "graphql"}}));
}

TEST(HeaderRulesTest, PropagateMatching) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - propagate: {matching: \"d[ab]\"}\n"))),
            withSubgraphDefaults({{"aa", "vaa"},
                                  {"ab", "vab"},
                                  {"ac", "vac"},
                                  {"da", "vda"},
                                  {"db", "vdb"},
                                  {"db", "vdb2"}}));
}

TEST(HeaderRulesTest, PropagateExact) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - propagate: {named: da}\n"))),
            withSubgraphDefaults({{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"da", "vda"}}));
}

TEST(HeaderRulesTest, PropagateExactRename) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - propagate: {named: da, rename: ea}\n"))),
            withSubgraphDefaults({{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"ea", "vda"}}));
}

TEST(HeaderRulesTest, PropagateMultiple) {
  Example example;
  EXPECT_EQ(asSet(example.after(rules("    - propagate: {named: da, rename: ra}\n"
                                      "    - propagate: {named: da, rename: rb}\n"
                                      // no effect: `ra` was already propagated
                                      "    - propagate: {named: db, rename: ra}\n"))),
            withSubgraphDefaults(
                {{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"ra", "vda"}, {"rb", "vda"}}));
}

TEST(HeaderRulesTest, PropagateExactDefault) {
  Example example;
  EXPECT_EQ(
      asSet(example.after(rules("    - propagate: {named: ea, default: defaulted}\n"))),
      withSubgraphDefaults({{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"ea", "defaulted"}}));
}

TEST(HeaderRulesTest, PropagateReserved) {
  Example example;
  example.client.add("content-encoding", "identity");
  example.client.add("accept", "application/json");
  example.client.add("accept-encoding", "gzip");
  // Every value the client sent, repeated ones included, in the order it sent them.
  EXPECT_EQ(example.after(rules("    - propagate: {matching: \".*\"}\n")),
            (Fields{{"aa", "vaa"},
                    {"ab", "vab"},
                    {"ac", "vac"},
                    {"host", "rhost"},
                    {"content-length", "22"},
                    {"content-type", "graphql"},
                    {"da", "vda"},
                    {"db", "vdb"},
                    {"db", "vdb"},
                    {"db", "vdb2"}}));
}

TEST(HeaderRulesTest, PropagateMultipleMatchingRules) {
  Example example;
  example.client = {{"da", "vda"}, {"db", "vdb"}, {"dc", "vdb2"}};
  example.outgoing = {{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}};
  EXPECT_EQ(example.after(rules("    - propagate: {named: dc}\n"
                                "    - propagate: {matching: dc}\n")),
            (Fields{{"aa", "vaa"}, {"ab", "vab"}, {"ac", "vac"}, {"dc", "vdb2"}}));
}

TEST(HeaderRulesTest, PropagateGroupsARepeatedHeaderAtItsFirstOccurrence) {
  Example example;
  example.client = {{"x-a", "1"}, {"x-b", "2"}, {"x-a", "3"}};
  example.outgoing = {};
  EXPECT_EQ(example.after(rules("    - propagate: {matching: \"^x-\"}\n")),
            (Fields{{"x-a", "1"}, {"x-a", "3"}, {"x-b", "2"}}));
}

TEST(HeaderRulesTest, ClientHeaderNamesMatchInAnyCase) {
  Example example;
  example.client = http::Headers{{"X-Tenant", "acme"}};
  example.outgoing = {};
  EXPECT_EQ(example.after(rules("    - propagate: {named: X-TENANT, rename: X-Org}\n")),
            (Fields{{"x-org", "acme"}}));
}

// Apollo's fixtures/propagate_passthrough.router.yaml.
TEST(HeaderRulesTest, PropagatePassthrough) {
  RuleList passthrough = rules(
      "    - propagate: {matching: .*}\n"
      "    - propagate: {named: a, rename: b}\n"
      "    - propagate: {named: b}\n");
  Example first;
  first.client = {{"a", "av"}, {"c", "cv"}};
  first.outgoing = {};
  EXPECT_EQ(asSet(first.after(passthrough)), (Fields{{"a", "av"}, {"b", "av"}, {"c", "cv"}}));
  Example second;
  second.client = {{"b", "bv"}, {"c", "cv"}};
  second.outgoing = {};
  EXPECT_EQ(asSet(second.after(passthrough)), (Fields{{"b", "bv"}, {"c", "cv"}}));
}

// Apollo's fixtures/propagate_passthrough_defaulted.router.yaml.
TEST(HeaderRulesTest, PropagatePassthroughDefaulted) {
  RuleList defaulted = rules(
      "    - propagate: {named: a, rename: b}\n"
      "    - propagate: {named: b, default: defaulted}\n");
  auto sent = [&](http::Headers client) {
    Example example;
    example.client = std::move(client);
    example.outgoing = {};
    return example.after(defaulted);
  };
  EXPECT_EQ(sent({{"a", "av"}}), (Fields{{"b", "av"}}));
  EXPECT_EQ(sent({{"b", "bv"}}), (Fields{{"b", "bv"}}));
  EXPECT_EQ(sent({{"c", "cv"}}), (Fields{{"b", "defaulted"}}));
}

TEST(HeaderRulesTest, ReservedHeadersAreApollosList) {
  for (std::string_view name :
       {"connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "content-type", "content-encoding",
        "host", "accept", "accept-encoding", "keep-alive"}) {
    EXPECT_TRUE(isReserved(name)) << name;
  }
  EXPECT_FALSE(isReserved("authorization"));
  EXPECT_FALSE(isReserved("cookie"));
}

TEST(HeaderRulesTest, ABadJsonPathNamesItsYamlPath) {
  config::HeaderRule rule;
  rule.insert.emplace();
  rule.insert->name = "x";
  rule.insert->path = "$.a[";
  StatusOr<RuleList> compiled = RuleList::compile({config::HeaderRule{}, rule}, "headers.all");
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().message(),
            "headers.all.request[0]: expected exactly one of `propagate`, `insert` or `remove`");
  compiled = RuleList::compile({rule}, "headers.subgraphs.products");
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().message(),
            "headers.subgraphs.products.request[0].insert.path: invalid JSONPath \"$.a[\": "
            "expected '*', a quoted key, an index or a slice at 4");
}

}  // namespace
}  // namespace plexus::plugins::headers
