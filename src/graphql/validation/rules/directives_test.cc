// KnownDirectivesRule and UniqueDirectivesPerLocationRule, with graphql-js 16.15's messages
// and locations, in executable documents and in the type-system definitions they may carry.
#include "src/graphql/validation/rules/directives.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(KnownDirectivesTest, ReportsUnknownDirectivesAndWrongLocations) {
  EXPECT_EQ(errorsOf("KnownDirectivesRule",
                     "query Foo($var: Boolean @onField) @onField { dog @unknown { ...F @onField } "
                     "}\n"
                     "fragment F on Dog @include(if: true) { ... @skip(if: false) { name } }"),
            (Errors{
                "Directive \"@onField\" may not be used on VARIABLE_DEFINITION. (1:25)",
                "Directive \"@onField\" may not be used on QUERY. (1:35)",
                "Unknown directive \"@unknown\". (1:50)",
                "Directive \"@onField\" may not be used on FRAGMENT_SPREAD. (1:66)",
                "Directive \"@include\" may not be used on FRAGMENT_DEFINITION. (2:19)",
            }));
}

TEST(KnownDirectivesTest, ChecksTypeSystemLocationsLikeGraphqlJs) {
  // graphql-js treats fields of an input object *extension* as ARGUMENT_DEFINITION.
  EXPECT_EQ(errorsOf("KnownDirectivesRule",
                     "type T @onField { f(a: Int @deprecated): Int @deprecated @skip(if: true) }\n"
                     "input I { x: Int @deprecated }\n"
                     "extend input I { y: Int @deprecated @onField }"),
            (Errors{
                "Directive \"@onField\" may not be used on OBJECT. (1:8)",
                "Directive \"@skip\" may not be used on FIELD_DEFINITION. (1:58)",
                "Directive \"@onField\" may not be used on ARGUMENT_DEFINITION. (3:37)",
            }));
}

TEST(UniqueDirectivesPerLocationTest, EveryRepeatPointsAtTheFirstUse) {
  EXPECT_EQ(errorsOf("UniqueDirectivesPerLocationRule",
                     "{ dog @onField @include(if: true) @onField @onField @include(if: false) { "
                     "name } }"),
            (Errors{
                "The directive \"@onField\" can only be used once at this location. (1:7, 1:35)",
                "The directive \"@onField\" can only be used once at this location. (1:7, 1:44)",
                "The directive \"@include\" can only be used once at this location. (1:16, 1:53)",
            }));
}

TEST(UniqueDirectivesPerLocationTest, RepeatableAndUnknownDirectivesMayRepeat) {
  EXPECT_EQ(errorsOf("UniqueDirectivesPerLocationRule",
                     "{ dog @rep @rep @nope @nope { name } }\n"
                     "directive @rep repeatable on FIELD"),
            Errors{});
}

TEST(UniqueDirectivesPerLocationTest, TypeExtensionsShareTheTypeLocation) {
  EXPECT_EQ(errorsOf("UniqueDirectivesPerLocationRule",
                     "scalar S @specifiedBy(url: \"a\")\n"
                     "extend scalar S @specifiedBy(url: \"b\")"),
            (Errors{"The directive \"@specifiedBy\" can only be used once at this location. "
                    "(1:10, 2:17)"}));
}

}  // namespace
}  // namespace plexus::graphql::validation
