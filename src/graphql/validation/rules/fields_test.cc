// ScalarLeafsRule, FieldsOnCorrectTypeRule and MaxIntrospectionDepthRule, with graphql-js
// 16.15's messages, suggestions and locations.
#include "src/graphql/validation/rules/fields.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(ScalarLeafsTest, LeavesTakeNoSelectionAndCompositesNeedOne) {
  EXPECT_EQ(errorsOf("ScalarLeafsRule", "{ dog { barks { sinceWhen } } human { pets } catOrDog }"),
            (Errors{
                "Field \"barks\" must not have a selection since type \"Boolean\" has no "
                "subfields. (1:15)",
                "Field \"pets\" of type \"[Pet]\" must have a selection of subfields. Did you "
                "mean \"pets { ... }\"? (1:39)",
                "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did "
                "you mean \"catOrDog { ... }\"? (1:46)",
            }));
}

TEST(FieldsOnCorrectTypeTest, SuggestsTypesToSpreadOnBeforeSimilarFields) {
  EXPECT_EQ(errorsOf("FieldsOnCorrectTypeRule",
                     "fragment f on Dog { meowVolume ... on Cat { nam } }\n"
                     "fragment u on CatOrDog { name __typename }\n"
                     "fragment p on Pet { nickname }\n"
                     "fragment m on Mammal { barkVolume }"),
            (Errors{
                "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? "
                "(1:21)",
                "Cannot query field \"nam\" on type \"Cat\". Did you mean \"name\"? (1:45)",
                "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline "
                "fragment on \"Pet\", \"Canine\", \"Cat\", or \"Dog\"? (2:26)",
                "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline "
                "fragment on \"Cat\" or \"Dog\"? (3:21)",
                "Cannot query field \"barkVolume\" on type \"Mammal\". Did you mean to use an "
                "inline fragment on \"Dog\"? (4:24)",
            }));
}

TEST(FieldsOnCorrectTypeTest, UnknownFieldsBelowAnUnknownFieldAreNotReported) {
  EXPECT_EQ(errorsOf("FieldsOnCorrectTypeRule", "{ dog { zzzzzz } unknownRoot { deeper } }"),
            (Errors{
                "Cannot query field \"zzzzzz\" on type \"Dog\". (1:9)",
                "Cannot query field \"unknownRoot\" on type \"QueryRoot\". (1:18)",
            }));
}

TEST(MaxIntrospectionDepthTest, RejectsThreeNestedIntrospectionLists) {
  EXPECT_EQ(errorsOf("MaxIntrospectionDepthRule",
                     "{ __schema { types { fields { type { fields { type { fields { name } } } } } "
                     "} } }"),
            (Errors{"Maximum introspection depth exceeded (1:3)"}));
  EXPECT_EQ(errorsOf("MaxIntrospectionDepthRule",
                     "{ __schema { types { fields { type { fields { name } } } } } }"),
            Errors{});
}

TEST(MaxIntrospectionDepthTest, CountsThroughFragments) {
  EXPECT_EQ(errorsOf("MaxIntrospectionDepthRule",
                     "{ __type(name: \"Dog\") { ...F } }\n"
                     "fragment F on __Type { fields { type { interfaces { possibleTypes { name } "
                     "} } } }"),
            (Errors{"Maximum introspection depth exceeded (1:3)"}));
}

TEST(MaxIntrospectionDepthTest, CanBeTurnedOff) {
  ValidationOptions options;
  options.introspection_depth_rule = false;
  EXPECT_EQ(errorsOf("",
                     "{ __schema { types { fields { type { fields { type { fields { name } } } } } "
                     "} } }",
                     validate_testing::harnessSchema(), options),
            Errors{});
}

}  // namespace
}  // namespace plexus::graphql::validation
