#include "src/graphql/parser.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

using ast::SourceLocation;

const ast::OperationDefinition& firstOperation(const ParseResult& r) {
  return *r.document().definitions.front()->as<ast::OperationDefinition>();
}

TEST(ParserTest, ParsesAnOperationWithVariablesDirectivesAndFragments) {
  ParseResult r = parse(R"(
    query Q($id: ID! = "1", $n: [Int!]) @live {
      user(id: $id) { ...U name @include(if: true) ... on User { id } }
    }
    fragment U on User { id }
  )");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& op = firstOperation(r);
  EXPECT_EQ(op.name, "Q");
  ASSERT_EQ(op.variables.size(), 2u);
  EXPECT_EQ(op.variables[0]->name, "id");
  EXPECT_TRUE(op.variables[0]->type->isNonNull());
  EXPECT_EQ(op.variables[0]->default_value->text, "1");
  EXPECT_EQ(op.variables[1]->type->namedType(), "Int");
  EXPECT_EQ(op.directives[0]->name, "live");
  const auto* user = op.selection_set->selections[0]->as<ast::Field>();
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->loc, (SourceLocation{3, 7}));
  EXPECT_EQ(user->arguments[0]->value->form, ast::Value::Form::kVariable);
  EXPECT_EQ(user->selection_set->selections.size(), 3u);
  EXPECT_NE(user->selection_set->selections[0]->as<ast::FragmentSpread>(), nullptr);
  EXPECT_NE(user->selection_set->selections[2]->as<ast::InlineFragment>(), nullptr);
  EXPECT_NE(r.document().definitions[1]->as<ast::FragmentDefinition>(), nullptr);
}

TEST(ParserTest, ParsesTypeSystemDefinitionsAndExtensions) {
  ParseResult r = parse(R"(
    "The schema"
    schema @a { query: Q mutation: M }
    extend schema @b
    """Block"""
    interface Node implements & Entity & Thing { id: ID! }
    type T implements Node @key(fields: "id") { id: ID! f(a: Int = 1 @deprecated): [String] }
    union U = | A | B
    enum E { A @deprecated B }
    input I { a: Int! = 3, b: [I] }
    scalar Date @specifiedBy(url: "https://example.com")
    directive @d(x: Int) repeatable on FIELD | OBJECT
    extend type T { g: Int }
    extend union U = C
    extend enum E { C }
    extend input I { c: String }
    extend scalar Date @x
    extend interface Node @y
  )");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.document().definitions.size(), 15u);
  const auto* node = r.document().definitions[2]->as<ast::TypeDefinition>();
  EXPECT_EQ(node->interfaces.size(), 2u);
  EXPECT_TRUE(node->description.block);
  const auto* directive = r.document().definitions[8]->as<ast::DirectiveDefinition>();
  EXPECT_TRUE(directive->repeatable);
  EXPECT_EQ(directive->locations.size(), 2u);
  EXPECT_TRUE(r.document().definitions[9]->as<ast::TypeDefinition>()->extension);
}

struct ErrorCase {
  const char* source;
  const char* message;
  SourceLocation at;
};

TEST(ParserTest, ReportsGraphqlJsSyntaxErrors) {
  const ErrorCase cases[] = {
      {"", "Syntax Error: Unexpected <EOF>.", {1, 1}},
      {"{", "Syntax Error: Expected Name, found <EOF>.", {1, 2}},
      {"{ ...MissingOn }\nfragment MissingOn Type",
       "Syntax Error: Expected \"on\", found Name \"Type\".",
       {2, 20}},
      {"{ field: {} }", "Syntax Error: Expected Name, found \"{\".", {1, 10}},
      {"notAnOperation Foo { field }", "Syntax Error: Unexpected Name \"notAnOperation\".", {1, 1}},
      {"...", "Syntax Error: Unexpected \"...\".", {1, 1}},
      {"{ \"\"", "Syntax Error: Expected Name, found String \"\".", {1, 3}},
      {"query Foo($x: Complex = { a: { b: [ $var ] } }) { field }",
       "Syntax Error: Unexpected variable \"$var\" in constant value.",
       {1, 37}},
      {"fragment on on on { on }", "Syntax Error: Unexpected Name \"on\".", {1, 10}},
      {"{ ...on }", "Syntax Error: Expected Name, found \"}\".", {1, 9}},
      {"query Q() { a }", "Syntax Error: Expected \"$\", found \")\".", {1, 9}},
      {"type T {}", "Syntax Error: Expected Name, found \"}\".", {1, 9}},
      {"enum E { true }",
       "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.",
       {1, 10}},
      {"extend type T", "Syntax Error: Unexpected <EOF>.", {1, 14}},
      {"\"desc\" extend type T { a: Int }",
       "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.",
       {1, 1}},
      {"\"desc\" { a }",
       "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.",
       {1, 1}},
      {"directive @d on NOWHERE", "Syntax Error: Unexpected Name \"NOWHERE\".", {1, 17}},
  };
  for (const ErrorCase& c : cases) {
    ParseResult r = parse(c.source);
    ASSERT_FALSE(r.ok()) << c.source;
    EXPECT_EQ(r.error().message, c.message) << c.source;
    EXPECT_EQ(r.error().location, c.at) << c.source;
  }
}

TEST(ParserTest, EnforcesTheTokenLimit) {
  ParseResult r = parse("{ a b c d }", ParseOptions{.max_tokens = 4});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "Syntax Error: Document contains more than 4 tokens. Parsing aborted.");
  EXPECT_EQ(r.error().location, (SourceLocation{1, 9}));
  EXPECT_TRUE(parse("{ a b c d }", ParseOptions{.max_tokens = 6}).ok());
}

TEST(ParserTest, EnforcesTheRecursionLimitWithoutOverflowingTheStack) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{ a ";
  ParseResult r = parse(deep, ParseOptions{.max_tokens = 1000000, .max_recursion = 500});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Syntax Error: Document exceeds the maximum nesting depth of 500.");

  std::string list = "{ f(a: " + std::string(600, '[') + std::string(600, ']') + ") }";
  EXPECT_FALSE(parse(list).ok());
  std::string ok_nesting;
  for (int i = 0; i < 50; ++i) ok_nesting += "{ a ";
  ok_nesting += std::string(50, '}');
  EXPECT_TRUE(parse(ok_nesting).ok());
}

TEST(ParserTest, CountsTokensLikeGraphqlJs) {
  ParseResult r = parse("query { a(x: [1, 2]) } # comment");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.document().token_count, 12u);
}

}  // namespace
}  // namespace plexus::graphql
