// OverlappingFieldsChecker beyond graphql-js's own suite: how argument values compare, how inline
// fragments and duplicate fragment names are handled, graphql-js 16.15's bounds on conflict
// details and on work (the "Validation aborted." budget), and very wide and deep documents.
// Every expectation was checked against graphql-js 16.15's validate().
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/graphql/validation/overlapping_fields.h"
#include "src/graphql/validation/overlapping_fields_test_support.h"

namespace plexus::graphql::validation {
namespace {

using testing::buildSchema;
using testing::check;
using testing::conflict;
using testing::ExpectedError;
using testing::expectErrors;
using testing::expectValid;
using testing::harnessSchema;
using testing::kConflictSuffix;

TEST(OverlappingFieldsTest, ComparesArgumentValuesAsGraphqlJsStringifiesThem) {
  auto schema = buildSchema(R"graphql(
    type Query { f(a: String, b: Int, c: Float, i: In, l: [Int]): String }
    input In { a: Int b: Int }
  )graphql");
  // Differ: block vs quoted string, variables, Int vs Float, list order, null vs "null".
  // Equal: object fields in another order, arguments in another order, escapes vs the
  // character. A repeated argument name keeps its last value on the second field only, so
  // even two identical fields with a repeated argument conflict (s9), as in graphql-js.
  expectErrors(*schema, R"graphql(
  query ($v: Int, $w: Int) {
    s1: f(a: "x")
    s1: f(a: """x""")
    s2: f(b: $v)
    s2: f(b: $w)
    s3: f(c: 1)
    s3: f(c: 1.0)
    s4: f(i: {a: 1, b: 2})
    s4: f(i: {b: 2, a: 1})
    s5: f(l: [1, 2])
    s5: f(l: [2, 1])
    s6: f(b: 1, b: 2)
    s6: f(b: 2, b: 1)
    s7: f(a: "y", b: 1)
    s7: f(b: 1, a: "y")
    s8: f(a: null)
    s8: f(a: "null")
    s9: f(b: 1, b: 2)
    s9: f(b: 1, b: 2)
    s10: f(i: {a: 1, a: 2})
    s10: f(i: {a: 2, a: 1})
    s11: f(a: "\u0041")
    s11: f(a: "A")
  }
)graphql",
               {
                   conflict("s1", "they have differing arguments", {{3, 5}, {4, 5}}),
                   conflict("s2", "they have differing arguments", {{5, 5}, {6, 5}}),
                   conflict("s3", "they have differing arguments", {{7, 5}, {8, 5}}),
                   conflict("s5", "they have differing arguments", {{11, 5}, {12, 5}}),
                   conflict("s6", "they have differing arguments", {{13, 5}, {14, 5}}),
                   conflict("s8", "they have differing arguments", {{17, 5}, {18, 5}}),
                   conflict("s9", "they have differing arguments", {{19, 5}, {20, 5}}),
                   conflict("s10", "they have differing arguments", {{21, 5}, {22, 5}}),
               });
}

TEST(OverlappingFieldsTest, ComparesComplexArgumentsOfHarnessFields) {
  expectErrors(harnessSchema(), R"graphql(
  {
    complicatedArgs {
      complexArgField(complexArg: {requiredField: true, stringListField: ["a", "b"]})
      complexArgField(complexArg: {stringListField: ["a", "b"], requiredField: true})
      x: complexArgField(complexArg: {requiredField: true, stringListField: ["a"]})
      x: complexArgField(complexArg: {requiredField: true, stringListField: "a"})
    }
  }
)graphql",
               {conflict("x", "they have differing arguments", {{6, 7}, {7, 7}})});
}

TEST(OverlappingFieldsTest, ReportsASelectionSetOfOneInlineFragmentOnce) {
  // graphql-js skips inline fragments' own selection sets: their fields are compared with the
  // enclosing selection set's, so this conflict is not reported a second time.
  expectErrors(
      harnessSchema(), R"graphql(
  {
    dog {
      ... on Dog {
        name: nickname
        name
      }
    }
  }
)graphql",
      {conflict("name", "\"nickname\" and \"name\" are different fields", {{5, 9}, {6, 9}})});
}

TEST(OverlappingFieldsTest, FlattensNestedInlineFragments) {
  expectErrors(
      harnessSchema(), R"graphql(
  {
    dog {
      ... {
        ... on Dog {
          x: name
        }
      }
      x: nickname
    }
  }
)graphql",
      {conflict("x", "\"name\" and \"nickname\" are different fields", {{6, 11}, {9, 7}})});
}

TEST(OverlappingFieldsTest, UsesTheLastDefinitionOfARepeatedFragmentName) {
  expectValid(harnessSchema(), R"graphql(
  {
    dog {
      ...A
      x: name
    }
  }
  fragment A on Dog {
    x: nickname
  }
  fragment A on Dog {
    x: name
  }
)graphql");
}

TEST(OverlappingFieldsTest, ComparesTypenameByNameOnly) {
  expectErrors(harnessSchema(), R"graphql(
  {
    dog {
      __typename
      __typename: name
      t: __typename
      t: __typename
    }
  }
)graphql",
               {conflict("__typename", "\"__typename\" and \"name\" are different fields",
                         {{4, 7}, {5, 7}})});
}

TEST(OverlappingFieldsTest, ComparesLeafTypesUnderAUnion) {
  expectErrors(harnessSchema(), R"graphql(
  {
    catOrDog {
      ... on Cat { furColor }
      ... on Dog { furColor: barkVolume }
      x: __typename
      x: __typename
    }
  }
)graphql",
               {conflict("furColor", "they return conflicting types \"FurColor\" and \"Int\"",
                         {{4, 20}, {5, 20}})});
}

std::string dogWithRepeatedName(int count) {
  std::string query = "{\n  dog {\n";
  for (int i = 0; i < count; ++i) query += "    name\n";
  return query + "  }\n}\n";
}

TEST(OverlappingFieldsTest, AbortsValidationWhenTheComparisonBudgetIsSpent) {
  // 707 fields of one key are 249,571 pairs at 2 steps each: within graphql-js's 500,000.
  EXPECT_TRUE(check(harnessSchema(), dogWithRepeatedName(707)).empty());
  // One more field crosses it; graphql-js then reports only "Validation aborted.".
  std::vector<ValidationError> errors = check(harnessSchema(), dogWithRepeatedName(708));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Validation aborted.");
  EXPECT_TRUE(errors[0].locations.empty());
}

TEST(OverlappingFieldsTest, KeepsConflictsReportedBeforeTheAbortAndStopsAfterIt) {
  std::string query = "{\n  dog {\n    x: name\n    x: nickname\n  }\n  cat {\n";
  for (int i = 0; i < 708; ++i) query += "    name\n";
  query += "  }\n  pet {\n    y: name\n    y: __typename\n  }\n}\n";
  std::vector<ValidationError> errors = check(harnessSchema(), query);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message,
            conflict("x", "\"name\" and \"nickname\" are different fields", {}).message);
  EXPECT_EQ(errors[0].locations, (std::vector<ast::SourceLocation>{{3, 5}, {4, 5}}));
  EXPECT_EQ(errors[1].message, "Validation aborted.");
}

TEST(OverlappingFieldsTest, AbbreviatesALongResponseName) {
  const std::string alias(1005, 'a');
  std::vector<ValidationError> errors =
      check(harnessSchema(),
            "{\n  dog {\n    " + alias + ": name\n    " + alias + ": nickname\n  }\n}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, conflict(std::string(1000, 'a') + "...",
                                        "\"name\" and \"nickname\" are different fields", {})
                                   .message);
}

TEST(OverlappingFieldsTest, BoundsTheDetailAndTheNodesOfManySubfieldConflicts) {
  // Two `dog` selections whose 25 sub-fields all conflict.
  std::string query = "{\n";
  for (const char* leaf : {"name", "nickname"}) {
    query += "  dog {\n";
    for (int i = 0; i < 25; ++i) query += "    a" + std::to_string(i) + ": " + leaf + "\n";
    query += "  }\n";
  }
  query += "}\n";
  std::vector<ValidationError> errors = check(harnessSchema(), query);
  ASSERT_EQ(errors.size(), 1u);

  // The reason stops at 1,000 characters, then "...".
  std::string all_reasons;
  for (int i = 0; i < 25; ++i) {
    if (i > 0) all_reasons += " and ";
    all_reasons += "subfields \"a" + std::to_string(i) +
                   "\" conflict because \"name\" and \"nickname\" are different fields";
  }
  EXPECT_EQ(errors[0].message, conflict("dog", all_reasons.substr(0, 1000) + "...", {}).message);

  // 20 nodes a side: the `dog` field, then the first 19 conflicting sub-fields.
  std::vector<ast::SourceLocation> expected{{2, 3}};
  for (uint32_t line = 3; line < 22; ++line) expected.push_back({line, 5});
  expected.push_back({29, 3});
  for (uint32_t line = 30; line < 49; ++line) expected.push_back({line, 5});
  EXPECT_EQ(errors[0].locations, expected);
}

TEST(OverlappingFieldsTest, ReportsADeepConflictWithItsDeepestNodes) {
  // Two chains of 61 `mother` fields that differ only at the bottom.
  constexpr int kDepth = 60;
  std::string query = "{\n  dog {\n";
  for (const char* leaf : {"name", "nickname"}) {
    query += "    mother {\n";
    for (int i = 0; i < kDepth; ++i) query += "      mother {\n";
    query += std::string("        x: ") + leaf + "\n";
    for (int i = 0; i < kDepth; ++i) query += "      }\n";
    query += "    }\n";
  }
  query += "  }\n}\n";
  std::vector<ValidationError> errors = check(harnessSchema(), query);
  ASSERT_EQ(errors.size(), 1u);

  std::string nested;
  while (nested.size() < 1000) nested += "subfields \"mother\" conflict because ";
  EXPECT_EQ(errors[0].message, conflict("mother", nested.substr(0, 1000) + "...", {}).message);

  // Each side: the outer field, then the 19 deepest nodes (truncation keeps the deep end).
  std::vector<ast::SourceLocation> expected{{3, 5}};
  for (uint32_t line = 46; line <= 63; ++line) expected.push_back({line, 7});
  expected.push_back({64, 9});
  expected.push_back({126, 5});
  for (uint32_t line = 169; line <= 186; ++line) expected.push_back({line, 7});
  expected.push_back({187, 9});
  EXPECT_EQ(errors[0].locations, expected);
}

TEST(OverlappingFieldsTest, FindsConflictsInAWideSelectionAndADeepFragmentChain) {
  // 2,000 fields over 1,000 response keys (one pair conflicts), then a chain of 100 fragments
  // whose last one redefines one of those keys.
  std::string query = "{\n  dog {\n";
  for (int i = 0; i < 2000; ++i) {
    query += "    f" + std::to_string(i % 1000) + ": " + (i == 1500 ? "nickname" : "name") + "\n";
  }
  query += "    ...F0\n  }\n}\n";
  for (int i = 0; i < 100; ++i) {
    query += "fragment F" + std::to_string(i) + " on Dog {\n  g" + std::to_string(i) +
             ": name\n  " + (i == 99 ? "f999: barkVolume" : "...F" + std::to_string(i + 1)) +
             "\n}\n";
  }
  expectErrors(
      harnessSchema(), query,
      {
          conflict("f500", "\"name\" and \"nickname\" are different fields", {{503, 5}, {1503, 5}}),
          conflict("f999", "\"name\" and \"barkVolume\" are different fields",
                   {{1002, 5}, {2404, 3}}),
          conflict("f999", "\"name\" and \"barkVolume\" are different fields",
                   {{2002, 5}, {2404, 3}}),
      });
}

TEST(OverlappingFieldsTest, SurvivesMutuallyRecursiveFragmentsUnderConflictingFields) {
  // Comparing A with B reaches `mother { ...B }` against `mother { ...A }`: that fragment pair
  // is already being compared, so the recursion stops there.
  expectErrors(
      harnessSchema(), R"graphql(
  {
    dog { ...A }
    dog { ...B }
  }
  fragment A on Dog { mother { ...B } x: name }
  fragment B on Dog { mother { ...A } x: nickname }
)graphql",
      {conflict("dog",
                "subfields \"x\" conflict because \"name\" and \"nickname\" are different fields",
                {{3, 5}, {6, 39}, {4, 5}, {7, 39}})});
}

}  // namespace
}  // namespace plexus::graphql::validation
