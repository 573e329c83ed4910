// ValidationContext: the document services the rules share, checked against what graphql-js's
// ValidationContext returns (fragment spread order, recursively referenced fragments, variable
// usages with their expected types), name positions, and the error sink's limits.
#include "src/graphql/validation/context.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"
#include "src/graphql/validation/walker.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::harnessSchema;

std::unique_ptr<ast::Document> parseOrDie(std::string text) {
  ParseResult parsed = parse(std::move(text));
  EXPECT_TRUE(parsed.ok());
  return parsed.takeDocument();
}

std::vector<std::string> spreadNames(std::span<const ast::FragmentSpread* const> spreads) {
  std::vector<std::string> names;
  for (const ast::FragmentSpread* spread : spreads) names.emplace_back(spread->name);
  return names;
}

TEST(ValidationContextTest, FragmentSpreadsComeInGraphqlJsStackOrder) {
  // graphql-js pops nested selection sets from a stack: direct spreads first, then the last
  // nested set first.
  auto document = parseOrDie("{ a { ...A } b { ...B c { ...C } } ...D }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  EXPECT_EQ(spreadNames(context.fragmentSpreads(0)),
            (std::vector<std::string>{"D", "B", "C", "A"}));
}

TEST(ValidationContextTest, ReferencedFragmentsFollowSpreadsTransitivelyOnce) {
  auto document = parseOrDie(
      "query Q { dog { ...A ...Missing } }\n"
      "fragment A on Dog { ...B ...A }\n"
      "fragment B on Dog { ...C }\n"
      "fragment C on Dog { name }\n"
      "fragment Unused on Dog { name }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  const uint32_t operations[] = {0};
  const auto fragments = context.referencedFragments(operations);
  EXPECT_EQ(std::vector<uint32_t>(fragments.begin(), fragments.end()),
            (std::vector<uint32_t>{1, 2, 3}));
}

TEST(ValidationContextTest, LastFragmentOfANameWins) {
  auto document = parseOrDie("fragment F on Dog { name } fragment F on Cat { name }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  EXPECT_EQ(context.fragmentIndex("F"), 1);
  EXPECT_EQ(context.fragment("F")->type_condition->value, "Cat");
  EXPECT_EQ(context.fragment("G"), nullptr);
}

TEST(ValidationContextTest, NameLocationCountsUtf16Columns) {
  auto document = parseOrDie("{ dog { ... \xEF\xBB\xBF Bar } }");  // a BOM: ignored, 1 unit wide
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  const auto* spread = context.fragmentSpreads(0)[0];
  EXPECT_EQ(context.nameLocation(*spread, spread->name), (ast::SourceLocation{1, 15}));
}

TEST(ValidationContextTest, NameLocationOnALaterLine) {
  auto document = parseOrDie("query\r\n  Foo { dog { name } }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  const auto* operation = document->definitions[0]->as<ast::OperationDefinition>();
  EXPECT_EQ(context.nameLocation(*operation, operation->name), (ast::SourceLocation{2, 3}));
}

TEST(ValidationContextTest, RecursiveUsagesCarryTheExpectedTypes) {
  auto document = parseOrDie(
      "query Q($a: Boolean, $c: DogCommand) { dog { ...F isHouseTrained(atOtherHomes: $a) } }\n"
      "fragment F on Dog { doesKnowCommand(dogCommand: $c) name @include(if: $b) }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  walkDocument(context);
  ASSERT_TRUE(context.usagesCollected(1));
  const auto usages = context.recursiveVariableUsages(0);
  ASSERT_EQ(usages.size(), 3u);
  std::vector<std::string> seen;
  for (const VariableUsage& usage : usages) {
    std::string text = "$" + std::string(usage.node->text) + ":";
    appendType(text, usage.type);
    if (context.hasDefaultValue(usage.default_source)) text += "=default";
    seen.push_back(text);
  }
  // The operation's own usages first, then its fragments'. isHouseTrained's argument has a
  // default value.
  EXPECT_EQ(seen, (std::vector<std::string>{"$a:Boolean=default", "$c:DogCommand", "$b:Boolean!"}));
}

TEST(ValidationContextTest, ErrorLimitAppendsGraphqlJsAbortMessage) {
  auto document = parseOrDie("{ __typename }");
  ValidationOptions options;
  options.max_errors = 1;
  ValidationContext context(harnessSchema(), *document, options);
  context.report("R", "first", ast::SourceLocation{1, 1});
  context.report("R", "second", ast::SourceLocation{1, 2});
  context.report("R", "third", ast::SourceLocation{1, 3});
  EXPECT_TRUE(context.aborted());
  const auto errors = context.takeErrors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "first");
  EXPECT_EQ(errors[1].message,
            "Too many validation errors, error limit reached. Validation aborted.");
  EXPECT_TRUE(errors[1].locations.empty());
}

TEST(ValidationContextTest, FragmentWorkBudgetAbortsValidation) {
  auto document = parseOrDie("{ __typename }");
  ValidationOptions options;
  ValidationContext context(harnessSchema(), *document, options);
  EXPECT_TRUE(context.spendFragmentWork(50000));
  EXPECT_FALSE(context.spendFragmentWork(1));
  const auto errors = context.takeErrors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Validation aborted.");
}

TEST(ValidationContextTest, UnreferencedSpecifiedScalarIsUnknown) {
  // graphql-js's type map holds only the specified scalars the schema uses.
  auto schema = validate_testing::buildSchema("type Query { name: String }");
  auto document = parseOrDie("{ name }");
  ValidationOptions options;
  ValidationContext context(*schema, *document, options);
  EXPECT_NE(context.lookupType("String"), nullptr);
  EXPECT_NE(context.lookupType("Boolean"), nullptr);  // introspection uses it
  EXPECT_EQ(context.lookupType("Float"), nullptr);
  EXPECT_NE(context.lookupType("Query"), nullptr);
}

}  // namespace
}  // namespace plexus::graphql::validation
