// routerConfigJsonSchema(): what `router config schema` prints.
#include <gtest/gtest.h>

#include "src/config/router_config.h"
#include "src/json/value.h"

namespace plexus::config {
namespace {

json::Value schema() {
  StatusOr<json::Value> parsed = json::parse(routerConfigJsonSchema());
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? std::move(*parsed) : json::Value();
}

// The schema of the key at `keys` (a copy: tests index it freely); null when absent.
json::Value at(const json::Value& schema, std::initializer_list<std::string_view> keys) {
  const json::Value* node = &schema;
  for (std::string_view key : keys) {
    const json::Value* properties = node->find("properties");
    node = properties ? properties->find(key) : nullptr;
    if (!node) return json::Value();
  }
  return *node;
}

// Every object schema with properties must be closed, as Apollo's are (deny_unknown_fields).
void expectClosed(const json::Value& node, const std::string& path, int& objects) {
  if (node.isArray()) {
    for (const json::Value& item : node.asArray()) expectClosed(item, path, objects);
    return;
  }
  if (!node.isObject()) return;
  if (node.find("properties")) {
    ++objects;
    const json::Value* closed = node.find("additionalProperties");
    EXPECT_TRUE(closed && *closed == json::Value(false)) << path;
  }
  for (const auto& [key, value] : node.asObject()) expectClosed(value, path + "/" + key, objects);
}

// The "default" of every key (the first allowed value of a required enum), nested as in YAML.
json::Value defaultsOf(const json::Value& node) {
  json::Value out = json::Value::object();
  const json::Value* properties = node.find("properties");
  if (!properties) return out;
  for (const auto& [key, value] : properties->asObject()) {
    const json::Value* choices = value.find("enum");
    if (const json::Value* value_default = value.find("default")) {
      out[key] = *value_default;
    } else if (choices && choices->isArray()) {  // a required key such as batching.mode
      out[key] = choices->asArray().front();
    } else if (json::Value nested = defaultsOf(value); !nested.asObject().empty()) {
      // A section with a required key that has no default (coprocessor.url) cannot be written
      // from defaults alone: left out.
      bool complete = true;
      if (const json::Value* required = value.find("required"); required && required->isArray()) {
        for (const json::Value& name : required->asArray())
          complete = complete && nested.find(name.asString()) != nullptr;
      }
      if (complete) out[key] = std::move(nested);
    }
  }
  return out;
}

TEST(RouterConfigSchemaTest, IsADraft07DocumentWithEverySection) {
  json::Value document = schema();
  EXPECT_EQ(document["$schema"], json::Value("http://json-schema.org/draft-07/schema#"));
  EXPECT_EQ(document["title"], json::Value("Configuration"));
  EXPECT_EQ(document["type"], json::Value("object"));
  EXPECT_EQ(document["additionalProperties"], json::Value(false));
  for (std::string_view section :
       {"supergraph", "traffic_shaping", "override_subgraph_url", "include_subgraph_errors",
        "homepage", "sandbox", "limits", "server", "telemetry", "forbid_mutations", "cors", "csrf",
        "health_check", "tls", "batching"}) {
    json::Value described = at(document, {section});
    EXPECT_TRUE(described.isObject()) << section;
    EXPECT_NE(described.find("description"), nullptr) << section;
  }
  for (std::string_view section : ignoredTopLevelSections()) {
    EXPECT_TRUE(at(document, {section}).isObject()) << section;  // accepted, so valid
  }
}

TEST(RouterConfigSchemaTest, EveryObjectIsClosed) {
  int objects = 0;
  expectClosed(schema(), "", objects);
  EXPECT_GT(objects, 20);
}

TEST(RouterConfigSchemaTest, ShowsApollosDefaultsAndTypes) {
  json::Value document = schema();
  EXPECT_EQ(at(document, {"supergraph", "listen"})["default"], json::Value("127.0.0.1:4000"));
  EXPECT_EQ(at(document, {"supergraph", "path"})["default"], json::Value("/"));
  EXPECT_EQ(at(document, {"supergraph", "introspection"})["type"], json::Value("boolean"));
  EXPECT_EQ(at(document, {"server", "http", "header_read_timeout"})["default"], json::Value("10s"));
  EXPECT_EQ(at(document, {"limits", "http_max_request_bytes"})["default"], json::Value(2000000));
  EXPECT_EQ(at(document, {"limits", "max_depth"})["type"], *json::parse(R"(["integer","null"])"));
  EXPECT_EQ(at(document, {"homepage", "enabled"})["default"], json::Value(true));
  EXPECT_EQ(at(document, {"sandbox", "enabled"})["default"], json::Value(false));
  EXPECT_EQ(at(document, {"cors", "methods"})["default"],
            *json::parse(R"(["GET","POST","OPTIONS"])"));
  EXPECT_EQ(at(document, {"cors", "policies"})["default"].asArray()[0]["origins"],
            *json::parse(R"(["https://studio.apollographql.com"])"));
  EXPECT_EQ(at(document, {"csrf", "required_headers"})["default"],
            *json::parse(R"(["x-apollo-operation-name","apollo-require-preflight"])"));
  EXPECT_EQ(at(document, {"health_check", "listen"})["default"], json::Value("127.0.0.1:8088"));
  EXPECT_EQ(at(document, {"health_check", "readiness", "interval", "sampling"})["default"],
            json::Value("5s"));
  EXPECT_EQ(at(document, {"batching", "mode"})["enum"], *json::parse(R"(["batch_http_link"])"));
  EXPECT_EQ(at(document, {"batching"})["required"], *json::parse(R"(["mode"])"));
  EXPECT_EQ(
      at(document, {"cors", "policies"})["items"]["properties"]["match_origins"]["items"]["format"],
      json::Value("regex"));
}

TEST(RouterConfigSchemaTest, ShowsApollosIncludeSubgraphErrorsForms) {
  json::Value document = schema();
  json::Value all = at(document, {"include_subgraph_errors", "all"});
  EXPECT_EQ(all["default"], json::Value(false));
  ASSERT_TRUE(all["anyOf"].isArray());
  const json::Array& global = all["anyOf"].asArray();
  ASSERT_EQ(global.size(), 3u);  // ErrorMode: Included(bool), Allow, Deny
  EXPECT_EQ(global[0].find("type")->asString(), "boolean");
  EXPECT_EQ(*global[1].find("required"),
            *json::parse(R"(["allow_extensions_keys","redact_message"])"));
  EXPECT_EQ(*global[2].find("required"),
            *json::parse(R"(["deny_extensions_keys","redact_message"])"));

  json::Value subgraphs = at(document, {"include_subgraph_errors", "subgraphs"});
  EXPECT_EQ(subgraphs["default"], json::Value::object());
  const json::Array& each = subgraphs["additionalProperties"]["anyOf"].asArray();
  ASSERT_EQ(each.size(), 4u);  // SubgraphConfig: Included, Allow, Deny, CommonOnly
  EXPECT_EQ(*each[1].find("required"), *json::parse(R"(["allow_extensions_keys"])"));
  EXPECT_EQ(*each[2].find("required"), *json::parse(R"(["deny_extensions_keys"])"));
  EXPECT_EQ(each[3].find("required"), nullptr);
  for (size_t i = 1; i < each.size(); ++i) {
    const json::Value* properties = each[i].find("properties");
    ASSERT_NE(properties, nullptr);
    EXPECT_NE(properties->find("exclude_global_keys"), nullptr);
    EXPECT_EQ(*properties->find("redact_message")->find("type"),
              *json::parse(R"(["boolean","null"])"));
  }
}

TEST(RouterConfigSchemaTest, ItsDefaultsWrittenOutLoadAsTheDefaults) {
  // JSON is YAML: a file spelling out every default the schema shows must load, and mean them.
  std::string file = json::serialize(defaultsOf(schema()));
  StatusOr<RouterConfig> config = parseRouterConfig(file, "defaults.yaml", ExpansionContext{});
  ASSERT_TRUE(config.ok()) << config.status().message() << "\n" << file;
  RouterConfig defaults;
  EXPECT_EQ(config->supergraph.listen, defaults.supergraph.listen);
  EXPECT_EQ(config->server.header_read_timeout, defaults.server.header_read_timeout);
  EXPECT_EQ(config->health_check.readiness_sampling, defaults.health_check.readiness_sampling);
  EXPECT_EQ(config->cors.methods, defaults.cors.methods);
  ASSERT_EQ(config->cors.policies.size(), 1u);
  EXPECT_EQ(config->cors.policies[0].origins, defaults.cors.policies[0].origins);
  EXPECT_EQ(config->csrf.required_headers, defaults.csrf.required_headers);
  EXPECT_EQ(config->limits.http_max_request_bytes, defaults.limits.http_max_request_bytes);
  EXPECT_TRUE(config->ignored_sections.empty());
}

}  // namespace
}  // namespace plexus::config
