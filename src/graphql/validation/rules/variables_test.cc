// UniqueVariableNamesRule, VariablesAreInputTypesRule, NoUndefinedVariablesRule,
// NoUnusedVariablesRule and VariablesInAllowedPositionRule, with graphql-js 16.15's messages and
// locations.
#include "src/graphql/validation/rules/variables.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(UniqueVariableNamesTest, PointsAtEachNameAfterTheDollar) {
  EXPECT_EQ(errorsOf("UniqueVariableNamesRule",
                     "query A($x: Int, $y: String, $x: String, $ y: Int, $x: Boolean) { "
                     "__typename }"),
            (Errors{
                "There can be only one variable named \"$x\". (1:10, 1:31, 1:53)",
                "There can be only one variable named \"$y\". (1:19, 1:44)",
            }));
}

TEST(VariablesAreInputTypesTest, RejectsOutputTypesButNotUnknownOnes) {
  EXPECT_EQ(errorsOf("VariablesAreInputTypesRule",
                     "query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet, $d: ComplexInput, "
                     "$e: Unknown) { __typename }"),
            (Errors{
                "Variable \"$a\" cannot be non-input type \"Dog\". (1:15)",
                "Variable \"$b\" cannot be non-input type \"[[CatOrDog!]]!\". (1:24)",
                "Variable \"$c\" cannot be non-input type \"Pet\". (1:44)",
            }));
}

TEST(NoUndefinedVariablesTest, FollowsFragmentsOfEachOperation) {
  EXPECT_EQ(errorsOf("NoUndefinedVariablesRule",
                     "query Foo($a: String) { dog { name(surname: $b) ...F } }\n"
                     "query { dog { ...F } }\n"
                     "fragment F on Dog { nickname: name(surname: $c) "
                     "isHouseTrained(atOtherHomes: $a) }"),
            (Errors{
                "Variable \"$b\" is not defined by operation \"Foo\". (1:45, 1:1)",
                "Variable \"$c\" is not defined by operation \"Foo\". (3:45, 1:1)",
                "Variable \"$c\" is not defined. (3:45, 2:1)",
                "Variable \"$a\" is not defined. (3:78, 2:1)",
            }));
}

TEST(NoUnusedVariablesTest, CountsUsesInsideFragments) {
  EXPECT_EQ(errorsOf("NoUnusedVariablesRule",
                     "query Foo($a: String, $b: Boolean, $c: Boolean) { dog { ...F } }\n"
                     "query ($d: Int) { dog { ...F } }\n"
                     "fragment F on Dog { isHouseTrained(atOtherHomes: $b) }"),
            (Errors{
                "Variable \"$a\" is never used in operation \"Foo\". (1:11)",
                "Variable \"$c\" is never used in operation \"Foo\". (1:36)",
                "Variable \"$d\" is never used. (2:8)",
            }));
}

TEST(VariablesInAllowedPositionTest, ChecksNullabilityListsDefaultsAndOneOf) {
  EXPECT_EQ(
      errorsOf("VariablesInAllowedPositionRule",
               "query Q($intArg: Int, $boolArg: Boolean, $nonNull: Boolean = true, $list: "
               "[String], $strs: [String!]!, $one: String) {\n"
               " complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) "
               "stringListNonNullArgField(stringListNonNullArg: $list) "
               "stringListArgField(stringListArg: $strs) oneOfArgField(oneOfArg: {stringField: "
               "$one}) complexArgField(complexArg: {requiredField: $boolArg, nonNullField: "
               "$boolArg}) }\n"
               " dog { isHouseTrained(atOtherHomes: $nonNull) doesKnowCommand(dogCommand: "
               "$intArg) }\n"
               "}"),
      (Errors{
          "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Int!\". "
          "(1:9, 2:54)",
          "Variable \"$list\" of type \"[String]\" used in position expecting type "
          "\"[String!]\". (1:68, 2:111)",
          "Variable \"$one\" is of type \"String\" but must be non-nullable to be used for OneOf "
          "Input Object \"OneOfInput\". (1:104, 2:197)",
          "Variable \"$boolArg\" of type \"Boolean\" used in position expecting type "
          "\"Boolean!\". (1:23, 2:248)",
          "Variable \"$intArg\" of type \"Int\" used in position expecting type \"DogCommand\". "
          "(1:9, 3:75)",
      }));
}

}  // namespace
}  // namespace plexus::graphql::validation
