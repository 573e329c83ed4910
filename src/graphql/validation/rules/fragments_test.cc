// FragmentsOnCompositeTypesRule, UniqueFragmentNamesRule, KnownFragmentNamesRule,
// NoUnusedFragmentsRule, PossibleFragmentSpreadsRule and NoFragmentCyclesRule, with
// graphql-js 16.15's messages and locations.
#include "src/graphql/validation/rules/fragments.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(FragmentsOnCompositeTypesTest, RejectsScalarAndEnumConditions) {
  EXPECT_EQ(errorsOf("FragmentsOnCompositeTypesRule",
                     "fragment scalarFragment on Boolean { bad }\n"
                     "{ dog { ... on FurColor { x } ...scalarFragment } }"),
            (Errors{
                "Fragment \"scalarFragment\" cannot condition on non composite type \"Boolean\". "
                "(1:28)",
                "Fragment cannot condition on non composite type \"FurColor\". (2:16)",
            }));
}

TEST(UniqueFragmentNamesTest, EveryRepeatPointsAtTheFirstName) {
  EXPECT_EQ(errorsOf("UniqueFragmentNamesRule",
                     "{ dog { ...fragA } }\n"
                     "fragment fragA on Dog { name }\n"
                     "fragment  fragA on Dog { barks }\n"
                     "fragment fragA on Dog { nickname }"),
            (Errors{
                "There can be only one fragment named \"fragA\". (2:10, 3:11)",
                "There can be only one fragment named \"fragA\". (2:10, 4:10)",
            }));
}

TEST(KnownFragmentNamesTest, PointsAtTheFragmentNameEvenOnAnotherLine) {
  EXPECT_EQ(errorsOf("KnownFragmentNamesRule",
                     "{ human(id: 4) { ...HumanFields1 ... on Human { ...  UnknownFragment2 } ...\n"
                     "  UnknownFragment3 } }\n"
                     "fragment HumanFields1 on Human { name }"),
            (Errors{
                "Unknown fragment \"UnknownFragment2\". (1:54)",
                "Unknown fragment \"UnknownFragment3\". (2:3)",
            }));
}

TEST(NoUnusedFragmentsTest, FragmentsOnlyReachableFromEachOtherAreUnused) {
  EXPECT_EQ(errorsOf("NoUnusedFragmentsRule",
                     "query Foo { human(id: 4) { ...HumanFields1 } }\n"
                     "fragment HumanFields1 on Human { name ...HumanFields3 }\n"
                     "fragment HumanFields2 on Human { name }\n"
                     "fragment HumanFields3 on Human { name }\n"
                     "fragment Unused1 on Human { name ...Unused2 }\n"
                     "fragment Unused2 on Human { name ...Unused1 }"),
            (Errors{
                "Fragment \"HumanFields2\" is never used. (3:1)",
                "Fragment \"Unused1\" is never used. (5:1)",
                "Fragment \"Unused2\" is never used. (6:1)",
            }));
}

TEST(PossibleFragmentSpreadsTest, RejectsSpreadsThatCanNeverApply) {
  EXPECT_EQ(
      errorsOf("PossibleFragmentSpreadsRule",
               "fragment invalidObjectWithinObject on Cat { ...dogFragment }\n"
               "fragment dogFragment on Dog { barkVolume }\n"
               "fragment invalidUnionWithinInterface on Pet { ...humanOrAlienFragment "
               "... on Human { name } }\n"
               "fragment humanOrAlienFragment on CatOrDog { __typename }\n"
               "fragment okOnUnion on CatOrDog { ... on Pet { name } }"),
      (Errors{
          "Fragment \"dogFragment\" cannot be spread here as objects of type \"Cat\" can never "
          "be of type \"Dog\". (1:45)",
          "Fragment cannot be spread here as objects of type \"Pet\" can never be of type "
          "\"Human\". (3:71)",
      }));
}

TEST(NoFragmentCyclesTest, ReportsEachCycleOnceWithItsPath) {
  EXPECT_EQ(errorsOf("NoFragmentCyclesRule",
                     "{ dog { ...fragA } }\n"
                     "fragment fragA on Dog { ...fragB }\n"
                     "fragment fragB on Dog { ...fragC }\n"
                     "fragment fragC on Dog { ...fragA ...fragX }\n"
                     "fragment fragX on Dog { ...fragX }"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragB\", \"fragC\". "
                "(2:25, 3:25, 4:25)",
                "Cannot spread fragment \"fragX\" within itself. (5:25)",
            }));
}

TEST(NoFragmentCyclesTest, FindsCyclesThroughNestedSelections) {
  EXPECT_EQ(errorsOf("NoFragmentCyclesRule",
                     "fragment fragA on Dog { ...fragB, ...fragC }\n"
                     "fragment fragB on Dog { ...fragA }\n"
                     "fragment fragC on Dog { name { ...fragA } }"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragB\". (1:25, 2:25)",
                "Cannot spread fragment \"fragA\" within itself via \"fragC\". (1:35, 3:32)",
            }));
}

}  // namespace
}  // namespace plexus::graphql::validation
