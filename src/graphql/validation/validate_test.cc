// validate() end to end: errors of all rules interleaved in graphql-js 16.15's order, the error
// limit, rule attribution, and the GraphQLError conversion.
#include "src/graphql/validation/validate.h"

#include <set>

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;
using validate_testing::harnessSchema;

TEST(ValidateTest, ValidDocumentHasNoErrors) {
  EXPECT_EQ(errorsOf("",
                     "query Q($cmd: DogCommand = SIT, $home: Boolean) {\n"
                     "  dog { ...D isHouseTrained(atOtherHomes: $home) }\n"
                     "  catOrDog { __typename ... on Cat { meows furColor } }\n"
                     "  complicatedArgs { complexArgField(complexArg: {requiredField: true}) }\n"
                     "}\n"
                     "fragment D on Dog { name doesKnowCommand(dogCommand: $cmd) }"),
            Errors{});
}

TEST(ValidateTest, ErrorsOfAllRulesInterleaveInDocumentOrder) {
  EXPECT_EQ(errorsOf("",
                     "query Q($v: Int, $v: Int) @unknown {\n"
                     "  dog { nam barks { x } doesKnowCommand(dogCommand: 1, dogCommand: SIT) }\n"
                     "  cat { ...U }\n"
                     "}\n"
                     "fragment U on Cat { meows(x: 1) }\n"
                     "fragment V on Dog { name }"),
            (Errors{
                "There can be only one variable named \"$v\". (1:10, 1:19)",
                "Unknown directive \"@unknown\". (1:27)",
                "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"? (2:9)",
                "Field \"barks\" must not have a selection since type \"Boolean\" has no "
                "subfields. (2:19)",
                "There can be only one argument named \"dogCommand\". (2:41, 2:56)",
                "Enum \"DogCommand\" cannot represent non-enum value: 1. (2:53)",
                "Variable \"$v\" is never used in operation \"Q\". (1:9)",
                "Variable \"$v\" is never used in operation \"Q\". (1:18)",
                "Unknown argument \"x\" on field \"Cat.meows\". (5:27)",
                "Fragment \"V\" is never used. (6:1)",
            }));
}

TEST(ValidateTest, OperationSeesVariablesOfFragmentsDefinedAfterIt) {
  EXPECT_EQ(errorsOf("",
                     "query Q($a: Boolean) { dog { ...F } }\n"
                     "fragment F on Dog { ...G }\n"
                     "fragment G on Dog { isHouseTrained(atOtherHomes: $a) barks @include(if: $b) "
                     "}"),
            (Errors{"Variable \"$b\" is not defined by operation \"Q\". (3:73, 1:1)"}));
}

TEST(ValidateTest, StopsAtTheErrorLimitLikeGraphqlJs) {
  ValidationOptions options;
  options.max_errors = 2;
  EXPECT_EQ(errorsOf("", "{ a b c d }", harnessSchema(), options),
            (Errors{
                "Cannot query field \"a\" on type \"QueryRoot\". (1:3)",
                "Cannot query field \"b\" on type \"QueryRoot\". (1:5)",
                "Too many validation errors, error limit reached. Validation aborted.",
            }));
}

TEST(ValidateTest, AttributesEveryErrorToASpecifiedRule) {
  ParseResult parsed = parse(
      "query Q($v: Int, $v: Int) @unknown { dog { nam ...X ...D } }\n"
      "fragment D on Dog { ...D }");
  ASSERT_TRUE(parsed.ok());
  const auto errors = validate(harnessSchema(), parsed.document());
  ASSERT_FALSE(errors.empty());
  const auto& names = specifiedRuleNames();
  const std::set<std::string_view> known(names.begin(), names.end());
  std::set<std::string_view> reported;
  for (const ValidationError& error : errors) {
    EXPECT_TRUE(known.count(error.rule)) << error.rule;
    reported.insert(error.rule);
  }
  EXPECT_TRUE(reported.count("UniqueVariableNamesRule"));
  EXPECT_TRUE(reported.count("KnownFragmentNamesRule"));
  EXPECT_TRUE(reported.count("NoFragmentCyclesRule"));
}

TEST(ValidateTest, SpecifiedRuleNamesFollowGraphqlJsOrder) {
  const auto& names = specifiedRuleNames();
  ASSERT_EQ(names.size(), 27u);
  EXPECT_EQ(names.front(), "ExecutableDefinitionsRule");
  EXPECT_EQ(names[24], "OverlappingFieldsCanBeMergedRule");
  EXPECT_EQ(names.back(), "MaxIntrospectionDepthRule");
}

TEST(ValidateTest, ToErrorKeepsMessageAndLocations) {
  ValidationError error{"KnownFragmentNamesRule", "Unknown fragment \"X\".", {{1, 12}}};
  GraphQLError converted = error.toError();
  EXPECT_EQ(converted.message, "Unknown fragment \"X\".");
  ASSERT_EQ(converted.locations.size(), 1u);
  EXPECT_EQ(converted.locations[0], (ast::SourceLocation{1, 12}));
  EXPECT_TRUE(converted.path.empty());
  EXPECT_TRUE(converted.extensions.isNull());
}

TEST(ValidateTest, ConflictingFieldsAreReportedAtTheirSelectionSet) {
  EXPECT_EQ(errorsOf("", "{ dog { name: nickname name } cat { x } }"),
            (Errors{
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "(1:9, 1:24)",
                "Cannot query field \"x\" on type \"Cat\". (1:37)",
            }));
}

TEST(ValidateTest, MutationWithoutMutationRootHasNoFieldErrors) {
  EXPECT_EQ(errorsOf("", "mutation { anything { goes } }"), Errors{});
}

}  // namespace
}  // namespace plexus::graphql
