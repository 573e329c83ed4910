#include "src/graphql/schema.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

std::shared_ptr<const Schema> build(std::string sdl) {
  auto schema = Schema::fromSdl(std::move(sdl));
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return schema.ok() ? *schema : nullptr;
}

std::vector<std::string> typeNames(const Schema& schema) {
  std::vector<std::string> names;
  for (const NamedType* t : schema.types()) names.emplace_back(t->name);
  return names;
}

TEST(SchemaTest, OrdersTypesAsGraphqlJsDoes) {
  auto schema = build("type Query { a: Int }");
  ASSERT_TRUE(schema);
  EXPECT_EQ(typeNames(*schema),
            (std::vector<std::string>{"Query", "Int", "Boolean", "String", "__Schema", "__Type",
                                      "__TypeKind", "__Field", "__InputValue", "__EnumValue",
                                      "__Directive", "__DirectiveLocation"}));
  std::vector<std::string> directives;
  for (const DirectiveDef* d : schema->directives()) directives.emplace_back(d->name);
  EXPECT_EQ(directives,
            (std::vector<std::string>{"include", "skip", "deprecated", "specifiedBy", "oneOf"}));
}

TEST(SchemaTest, MergesExtensionsAndResolvesRootsAndImplementations) {
  auto schema = build(R"(
    schema { query: Root }
    type Root { node: Node }
    interface Node { id: ID! }
    type User implements Node { id: ID! name: String @deprecated }
    extend type User { age: Int }
    union Result = User
    extend union Result = Bot
    type Bot implements Node { id: ID! }
  )");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->queryType()->name, "Root");
  const NamedType* user = schema->type("User");
  ASSERT_NE(user->field("age"), nullptr);
  EXPECT_EQ(user->field("name")->deprecation_reason, "No longer supported");
  EXPECT_EQ(schema->type("Result")->members.size(), 2u);
  EXPECT_EQ(schema->possibleTypes(schema->type("Node")).size(), 2u);
  EXPECT_TRUE(schema->isSubType(schema->type("Node"), user));
  EXPECT_EQ(schema->fieldDef(user, "__typename"), schema->typenameField());
  EXPECT_EQ(schema->fieldDef(schema->queryType(), "__schema"), schema->schemaField());
  EXPECT_EQ(schema->fieldDef(user, "__schema"), nullptr);
}

TEST(SchemaTest, ReportsSyntaxErrorsWithThePosition) {
  auto schema = Schema::fromSdl("type Query {\n  a: \n}", "supergraph.graphql");
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(),
            "supergraph.graphql:3:1: Syntax Error: Expected Name, found \"}\".");
}

}  // namespace
}  // namespace plexus::graphql
