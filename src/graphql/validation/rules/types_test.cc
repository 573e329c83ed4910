// KnownTypeNamesRule, with graphql-js 16.15's messages, suggestions and locations.
#include "src/graphql/validation/rules/types.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(KnownTypeNamesTest, ReportsUnknownVariableTypesAndTypeConditions) {
  EXPECT_EQ(errorsOf("KnownTypeNamesRule",
                     "query Foo($var: [JumbledUpLetters!]!, $ok: Int) { dog { ... on Badger { "
                     "name } ...F } }\n"
                     "fragment F on Peat { name }"),
            (Errors{
                "Unknown type \"JumbledUpLetters\". (1:18)",
                "Unknown type \"Badger\". (1:64)",
                "Unknown type \"Peat\". Did you mean \"Pet\" or \"Cat\"? (2:15)",
            }));
}

TEST(KnownTypeNamesTest, TypeSystemDefinitionsKnowStandardTypesAndTheirOwn) {
  EXPECT_EQ(errorsOf("KnownTypeNamesRule",
                     "type T implements Mamal { a: Strin b: Float c: Dgo d: __Schema e: Cow } "
                     "type Cow { x: Int }\n"
                     "union U = Catt | Dog\n"
                     "schema { query: QueryRot }"),
            (Errors{
                "Unknown type \"Mamal\". Did you mean \"Mammal\" or \"Human\"? (1:19)",
                "Unknown type \"Strin\". Did you mean \"String\"? (1:30)",
                "Unknown type \"Dgo\". Did you mean \"Dog\"? (1:48)",
                "Unknown type \"Catt\". Did you mean \"Cat\"? (2:11)",
                "Unknown type \"QueryRot\". Did you mean \"QueryRoot\"? (3:17)",
            }));
}

}  // namespace
}  // namespace plexus::graphql::validation
