// KnownArgumentNamesRule, UniqueArgumentNamesRule and ProvidedRequiredArgumentsRule, with
// graphql-js 16.15's messages and locations.
#include "src/graphql/validation/rules/arguments.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(KnownArgumentNamesTest, SuggestsArgumentsOfFieldsAndDirectives) {
  EXPECT_EQ(errorsOf("KnownArgumentNamesRule",
                     "{ dog { doesKnowCommand(dogcommand: SIT, whoKnows: 1) "
                     "isHouseTrained(atOtherHomes: true) @include(iff: true, if: false) } }"),
            (Errors{
                "Unknown argument \"dogcommand\" on field \"Dog.doesKnowCommand\". Did you mean "
                "\"dogCommand\"? (1:25)",
                "Unknown argument \"whoKnows\" on field \"Dog.doesKnowCommand\". (1:42)",
                "Unknown argument \"iff\" on directive \"@include\". Did you mean \"if\"? (1:99)",
            }));
}

TEST(KnownArgumentNamesTest, IgnoresArgumentsOfUnknownFieldsAndDirectives) {
  EXPECT_EQ(errorsOf("KnownArgumentNamesRule", "{ dog { unknown(x: 1) @unknownDir(y: 2) } }"),
            Errors{});
}

TEST(UniqueArgumentNamesTest, OneErrorPerNameWithEveryOccurrence) {
  EXPECT_EQ(errorsOf("UniqueArgumentNamesRule",
                     "{ dog { isAtLocation(x: 1, y: 2, x: 3, y: 4, x: 5) @onField "
                     "@include(if: true, if: false) } }"),
            (Errors{
                "There can be only one argument named \"x\". (1:22, 1:34, 1:46)",
                "There can be only one argument named \"y\". (1:28, 1:40)",
                "There can be only one argument named \"if\". (1:70, 1:80)",
            }));
}

TEST(ProvidedRequiredArgumentsTest, NonNullArgumentsWithoutDefaultMustBeGiven) {
  EXPECT_EQ(errorsOf("ProvidedRequiredArgumentsRule",
                     "{ complicatedArgs { multipleReqs(req2: 1) nonNullFieldWithDefault "
                     "multipleOptAndReq } dog @include @skip(if: true) { name } }"),
            (Errors{
                "Field \"multipleReqs\" argument \"req1\" of type \"Int!\" is required, but it "
                "was not provided. (1:21)",
                "Field \"multipleOptAndReq\" argument \"req1\" of type \"Int!\" is required, but "
                "it was not provided. (1:67)",
                "Field \"multipleOptAndReq\" argument \"req2\" of type \"Int!\" is required, but "
                "it was not provided. (1:67)",
                "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it "
                "was not provided. (1:91)",
            }));
}

TEST(ProvidedRequiredArgumentsTest, DirectiveDefinedInTheDocumentCounts) {
  EXPECT_EQ(errorsOf("ProvidedRequiredArgumentsRule",
                     "{ dog @custom { name } }\n"
                     "directive @custom(a: Int!, b: [String]! = [], c: Int) on FIELD"),
            (Errors{"Directive \"@custom\" argument \"a\" of type \"Int!\" is required, but it "
                    "was not provided. (1:7)"}));
}

TEST(ProvidedRequiredArgumentsTest, DefaultThatDoesNotCoerceLeavesTheArgumentRequired) {
  // graphql-js keeps only coerced defaults: `= "x"` for an Int!, or `= null` for a non-null
  // type, is no default at all.
  auto schema = validate_testing::buildSchema(
      "type Query { f(a: Int! = \"x\"): Int g(a: Int! = null): Int h(a: Int! = 1): Int }");
  EXPECT_EQ(errorsOf("ProvidedRequiredArgumentsRule", "{ f g h }", *schema),
            (Errors{
                "Field \"f\" argument \"a\" of type \"Int!\" is required, but it was not "
                "provided. (1:3)",
                "Field \"g\" argument \"a\" of type \"Int!\" is required, but it was not "
                "provided. (1:5)",
            }));
}

}  // namespace
}  // namespace plexus::graphql::validation
