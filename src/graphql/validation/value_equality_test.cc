#include "src/graphql/validation/value_equality.h"

#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

namespace plexus::graphql::validation {
namespace {

// Whether graphql-js would merge `{ f(a: <left>) f(a: <right>) }`: compares the two literals.
bool sameLiteral(const std::string& left, const std::string& right) {
  ParseResult parsed = parse("{ f(a: " + left + ") f(a: " + right + ") }");
  EXPECT_TRUE(parsed.ok());
  if (!parsed.ok()) return false;
  const auto* operation = parsed.document().definitions[0]->as<ast::OperationDefinition>();
  const auto selections = operation->selection_set->selections;
  return literalsEqual(selections[0]->as<ast::Field>()->arguments[0]->value,
                       selections[1]->as<ast::Field>()->arguments[0]->value);
}

TEST(LiteralsEqualTest, ScalarsNeedTheSameKindAndSpelling) {
  EXPECT_TRUE(sameLiteral("1", "1"));
  EXPECT_FALSE(sameLiteral("1", "1.0"));
  EXPECT_FALSE(sameLiteral("1.0", "1.00"));
  EXPECT_FALSE(sameLiteral("1", "\"1\""));
  EXPECT_TRUE(sameLiteral("true", "true"));
  EXPECT_FALSE(sameLiteral("true", "false"));
  EXPECT_TRUE(sameLiteral("null", "null"));
  EXPECT_FALSE(sameLiteral("null", "\"null\""));
  EXPECT_TRUE(sameLiteral("RED", "RED"));
  EXPECT_FALSE(sameLiteral("RED", "\"RED\""));
}

TEST(LiteralsEqualTest, StringsCompareDecodedButKeepTheBlockFlag) {
  EXPECT_TRUE(sameLiteral(R"("\u0041b")", R"("Ab")"));
  EXPECT_FALSE(sameLiteral(R"("x")", R"("""x""")"));
  EXPECT_TRUE(sameLiteral(R"("""x""")", R"("""x""")"));
}

TEST(LiteralsEqualTest, VariablesCompareByName) {
  EXPECT_TRUE(sameLiteral("$v", "$v"));
  EXPECT_FALSE(sameLiteral("$v", "$w"));
}

TEST(LiteralsEqualTest, ListsAreOrderedObjectsAreNot) {
  EXPECT_TRUE(sameLiteral("[1, 2]", "[1, 2]"));
  EXPECT_FALSE(sameLiteral("[1, 2]", "[2, 1]"));
  EXPECT_FALSE(sameLiteral("[1]", "[1, 1]"));
  EXPECT_TRUE(sameLiteral("{a: 1, b: {c: [2]}}", "{b: {c: [2]}, a: 1}"));
  EXPECT_FALSE(sameLiteral("{a: 1}", "{a: 1, b: 2}"));
  EXPECT_FALSE(sameLiteral("{a: 1}", "{b: 1}"));
  // A repeated field keeps its order among equals (graphql-js sorts stably).
  EXPECT_FALSE(sameLiteral("{a: 1, a: 2}", "{a: 2, a: 1}"));
  EXPECT_TRUE(sameLiteral("{b: 0, a: 1, a: 2}", "{a: 1, b: 0, a: 2}"));
}

TEST(LiteralsEqualTest, SortsObjectsWiderThanTheInlineBuffer) {
  std::string forward = "{";
  std::string backward = "{";
  for (int i = 0; i < 20; ++i) {
    forward += " f" + std::to_string(i) + ": " + std::to_string(i);
    backward += " f" + std::to_string(19 - i) + ": " + std::to_string(19 - i);
  }
  EXPECT_TRUE(sameLiteral(forward + " }", backward + " }"));
  EXPECT_FALSE(sameLiteral(forward + " }", backward + " f0: 0 }"));
}

}  // namespace
}  // namespace plexus::graphql::validation
