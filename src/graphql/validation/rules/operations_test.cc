// ExecutableDefinitionsRule, UniqueOperationNamesRule, LoneAnonymousOperationRule and
// SingleFieldSubscriptionsRule, with graphql-js 16.15's messages and locations.
#include "src/graphql/validation/rules/operations.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::buildSchema;
using validate_testing::Errors;
using validate_testing::errorsOf;

constexpr std::string_view kSubscriptionSdl =
    "type Query { a: Int } type Subscription { a: Int b: Int c: Int }";

TEST(ExecutableDefinitionsTest, NamesEachTypeSystemDefinition) {
  EXPECT_EQ(errorsOf("ExecutableDefinitionsRule",
                     "query Foo { dog { name } }\n"
                     "type Cow { name: String }\n"
                     "extend type Dog { color: String }\n"
                     "schema { query: QueryRoot }\n"
                     "directive @d on FIELD"),
            (Errors{
                "The \"Cow\" definition is not executable. (2:1)",
                "The \"Dog\" definition is not executable. (3:1)",
                "The schema definition is not executable. (4:1)",
                "The \"d\" definition is not executable. (5:1)",
            }));
}

TEST(ExecutableDefinitionsTest, OperationsAndFragmentsAreExecutable) {
  EXPECT_EQ(errorsOf("", "query Foo { dog { ...F } } fragment F on Dog { name }"), Errors{});
}

TEST(UniqueOperationNamesTest, PointsAtTheFirstAndTheRepeatedName) {
  EXPECT_EQ(errorsOf("UniqueOperationNamesRule",
                     "query Foo { dog { name } }\n"
                     "query   Foo { dog { name } }\n"
                     "mutation Foo { x }"),
            (Errors{
                "There can be only one operation named \"Foo\". (1:7, 2:9)",
                "There can be only one operation named \"Foo\". (1:7, 3:10)",
            }));
}

TEST(LoneAnonymousOperationTest, ReportsEachAnonymousOperationAmongSeveral) {
  EXPECT_EQ(errorsOf("LoneAnonymousOperationRule",
                     "{ dog { name } }\nquery Foo { dog { name } }\n{ cat { name } }"),
            (Errors{
                "This anonymous operation must be the only defined operation. (1:1)",
                "This anonymous operation must be the only defined operation. (3:1)",
            }));
  EXPECT_EQ(errorsOf("LoneAnonymousOperationRule", "{ dog { name } } fragment F on Dog { name }"),
            Errors{});
}

TEST(SingleFieldSubscriptionsTest, ReportsEveryExtraRootFieldThroughFragments) {
  auto schema = buildSchema(kSubscriptionSdl);
  EXPECT_EQ(errorsOf("SingleFieldSubscriptionsRule",
                     "subscription S { a ... on Subscription { b c } ...F b2: b }\n"
                     "fragment F on Subscription { a c }",
                     *schema),
            (Errors{"Subscription \"S\" must select only one top level field. "
                    "(1:42, 1:44, 2:32, 1:53)"}));
}

TEST(SingleFieldSubscriptionsTest, RejectsIntrospectionRootField) {
  auto schema = buildSchema(kSubscriptionSdl);
  EXPECT_EQ(errorsOf("SingleFieldSubscriptionsRule", "subscription { __typename }", *schema),
            (Errors{"Anonymous Subscription must not select an introspection top level field. "
                    "(1:16)"}));
}

TEST(SingleFieldSubscriptionsTest, HonoursLiteralSkipAndInclude) {
  auto schema = buildSchema(kSubscriptionSdl);
  EXPECT_EQ(errorsOf("", "subscription { a b @skip(if: true) c @include(if: false) }", *schema),
            Errors{});
}

TEST(SingleFieldSubscriptionsTest, VariableInSkipIsGraphqlJsThrownErrorAlone) {
  // graphql-js's validate() throws this error; we return it as the only error.
  auto schema = buildSchema(kSubscriptionSdl);
  EXPECT_EQ(errorsOf("", "subscription($v: Boolean!) { a b @skip(if: $v) unknown }", *schema),
            (Errors{"Argument \"if\" of required type \"Boolean!\" was provided the variable "
                    "\"$v\" which was not provided a runtime value. (1:44)"}));
}

}  // namespace
}  // namespace plexus::graphql::validation
