#include "src/graphql/operation_limits.h"

#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

namespace plexus::graphql {
namespace {

OperationMeasures measure(const std::string& text) {
  ParseResult parsed = parse(text);
  EXPECT_TRUE(parsed.ok());
  const ast::Document& document = parsed.document();
  for (const ast::Definition* definition : document.definitions) {
    if (const auto* operation = definition->as<ast::OperationDefinition>()) {
      return measureOperation(document, *operation);
    }
  }
  return {};
}

TEST(OperationLimitsTest, DepthCountsFieldsNotFragments) {
  // Apollo Router's documented example: depth 3.
  OperationMeasures m = measure(R"(
    query getProduct { book { ...bookDetails } }
    fragment bookDetails on Book { details { ... on ProductDetailsBook { country } } })");
  EXPECT_EQ(m.depth, 3u);
}

TEST(OperationLimitsTest, HeightMergesOneResponseKeyPerSelectionSet) {
  // Apollo Router's documented example: `name` counts once, height 3.
  EXPECT_EQ(measure("{ name { first } name { last } }").height, 3u);
  EXPECT_EQ(measure("{ a: name { first } b: name { last } }").height, 4u);
}

TEST(OperationLimitsTest, RootFieldsAndAliases) {
  OperationMeasures m = measure(R"(
    { a: user { id } b: user { id } me { ...F } me { id } }
    fragment F on User { x: id y: name })");
  EXPECT_EQ(m.root_fields, 3u);  // a, b, me
  EXPECT_EQ(m.aliases, 4u);      // a, b and the fragment's x, y
}

TEST(OperationLimitsTest, ToleratesCyclicAndUnknownFragments) {
  OperationMeasures m = measure("{ a { ...F ...Missing } } fragment F on A { b { ...F } }");
  EXPECT_EQ(m.depth, 2u);
}

TEST(OperationLimitsTest, ReportsEachExceededLimitWithApollosCodes) {
  OperationMeasures m{.depth = 5, .height = 9, .root_fields = 2, .aliases = 1};
  EXPECT_TRUE(exceededLimits(m, {.max_depth = 5, .max_height = 9}).empty());
  auto errors =
      exceededLimits(m, {.max_depth = 4, .max_height = 8, .max_root_fields = 1, .max_aliases = 0});
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].message, "Maximum depth limit exceeded in this operation");
  EXPECT_EQ(errors[0].extensions.find("code")->asString(), "MAX_DEPTH_LIMIT");
  EXPECT_EQ(errors[1].extensions.find("code")->asString(), "MAX_HEIGHT_LIMIT");
  EXPECT_EQ(errors[2].extensions.find("code")->asString(), "MAX_ROOT_FIELDS_LIMIT");
  EXPECT_EQ(errors[3].extensions.find("code")->asString(), "MAX_ALIASES_LIMIT");
}

}  // namespace
}  // namespace plexus::graphql
