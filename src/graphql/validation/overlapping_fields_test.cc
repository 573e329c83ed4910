// OverlappingFieldsChecker against graphql-js 16's OverlappingFieldsCanBeMergedRule-test.ts:
// every case of its suite outside "return types must be unambiguous" (see
// overlapping_fields_return_types_test.cc), with graphql-js 16.15's messages and locations.
#include "src/graphql/validation/overlapping_fields.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/overlapping_fields_test_support.h"

namespace plexus::graphql::validation {
namespace {

using testing::buildSchema;
using testing::conflict;
using testing::expectErrors;
using testing::expectValid;
using testing::harnessSchema;

// graphql-js: "unique fields"
TEST(OverlappingFieldsTest, UniqueFields) {
  expectValid(harnessSchema(), R"graphql(
      fragment uniqueFields on Dog {
        name
        nickname
      }
    )graphql");
}

// graphql-js: "identical fields"
TEST(OverlappingFieldsTest, IdenticalFields) {
  expectValid(harnessSchema(), R"graphql(
      fragment mergeIdenticalFields on Dog {
        name
        name
      }
    )graphql");
}

// graphql-js: "identical fields with identical args"
TEST(OverlappingFieldsTest, IdenticalFieldsWithIdenticalArgs) {
  expectValid(harnessSchema(), R"graphql(
      fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: SIT)
      }
    )graphql");
}

// graphql-js: "identical fields with identical directives"
TEST(OverlappingFieldsTest, IdenticalFieldsWithIdenticalDirectives) {
  expectValid(harnessSchema(), R"graphql(
      fragment mergeSameFieldsWithSameDirectives on Dog {
        name @include(if: true)
        name @include(if: true)
      }
    )graphql");
}

// graphql-js: "different args with different aliases"
TEST(OverlappingFieldsTest, DifferentArgsWithDifferentAliases) {
  expectValid(harnessSchema(), R"graphql(
      fragment differentArgsWithDifferentAliases on Dog {
        knowsSit: doesKnowCommand(dogCommand: SIT)
        knowsDown: doesKnowCommand(dogCommand: DOWN)
      }
    )graphql");
}

// graphql-js: "different directives with different aliases"
TEST(OverlappingFieldsTest, DifferentDirectivesWithDifferentAliases) {
  expectValid(harnessSchema(), R"graphql(
      fragment differentDirectivesWithDifferentAliases on Dog {
        nameIfTrue: name @include(if: true)
        nameIfFalse: name @include(if: false)
      }
    )graphql");
}

// graphql-js: "different skip/include directives accepted"
TEST(OverlappingFieldsTest, DifferentSkipIncludeDirectivesAccepted) {
  expectValid(harnessSchema(), R"graphql(
      fragment differentDirectivesWithDifferentAliases on Dog {
        name @include(if: true)
        name @include(if: false)
      }
    )graphql");
}

// graphql-js: "Same aliases with different field targets"
TEST(OverlappingFieldsTest, SameAliasesWithDifferentFieldTargets) {
  expectErrors(
      harnessSchema(), R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        fido: name
        fido: nickname
      }
    )graphql",
      {
          conflict("fido", "\"name\" and \"nickname\" are different fields", {{3, 9}, {4, 9}}),
      });
}

// graphql-js: "Same aliases allowed on non-overlapping fields"
TEST(OverlappingFieldsTest, SameAliasesAllowedOnNonOverlappingFields) {
  expectValid(harnessSchema(), R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Pet {
        ... on Dog {
          name
        }
        ... on Cat {
          name: nickname
        }
      }
    )graphql");
}

// graphql-js: "Alias masking direct field access"
TEST(OverlappingFieldsTest, AliasMaskingDirectFieldAccess) {
  expectErrors(
      harnessSchema(), R"graphql(
      fragment aliasMaskingDirectFieldAccess on Dog {
        name: nickname
        name
      }
    )graphql",
      {
          conflict("name", "\"nickname\" and \"name\" are different fields", {{3, 9}, {4, 9}}),
      });
}

// graphql-js: "different args, second adds an argument"
TEST(OverlappingFieldsTest, DifferentArgsSecondAddsAnArgument) {
  expectErrors(harnessSchema(), R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand
        doesKnowCommand(dogCommand: HEEL)
      }
    )graphql",
               {
                   conflict("doesKnowCommand", "they have differing arguments", {{3, 9}, {4, 9}}),
               });
}

// graphql-js: "different args, second missing an argument"
TEST(OverlappingFieldsTest, DifferentArgsSecondMissingAnArgument) {
  expectErrors(harnessSchema(), R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand
      }
    )graphql",
               {
                   conflict("doesKnowCommand", "they have differing arguments", {{3, 9}, {4, 9}}),
               });
}

// graphql-js: "conflicting arg values"
TEST(OverlappingFieldsTest, ConflictingArgValues) {
  expectErrors(harnessSchema(), R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: HEEL)
      }
    )graphql",
               {
                   conflict("doesKnowCommand", "they have differing arguments", {{3, 9}, {4, 9}}),
               });
}

// graphql-js: "conflicting arg names"
TEST(OverlappingFieldsTest, ConflictingArgNames) {
  expectErrors(harnessSchema(), R"graphql(
      fragment conflictingArgs on Dog {
        isAtLocation(x: 0)
        isAtLocation(y: 0)
      }
    )graphql",
               {
                   conflict("isAtLocation", "they have differing arguments", {{3, 9}, {4, 9}}),
               });
}

// graphql-js: "allows different args where no conflict is possible"
TEST(OverlappingFieldsTest, AllowsDifferentArgsWhereNoConflictIsPossible) {
  expectValid(harnessSchema(), R"graphql(
      fragment conflictingArgs on Pet {
        ... on Dog {
          name(surname: true)
        }
        ... on Cat {
          name
        }
      }
    )graphql");
}

// graphql-js: "allows different order of args"
TEST(OverlappingFieldsTest, AllowsDifferentOrderOfArgs) {
  auto schema = buildSchema(R"graphql(
      type Query {
        someField(a: String, b: String): String
      }
    )graphql");
  expectValid(*schema, R"graphql(
        {
          someField(a: null, b: null)
          someField(b: null, a: null)
        }
      )graphql");
}

// graphql-js: "allows different order of input object fields in arg values"
TEST(OverlappingFieldsTest, AllowsDifferentOrderOfInputObjectFieldsInArgValues) {
  auto schema = buildSchema(R"graphql(
      input SomeInput {
        a: String
        b: String
      }

      type Query {
        someField(arg: SomeInput): String
      }
    )graphql");
  expectValid(*schema, R"graphql(
        {
          someField(arg: { a: null, b: null })
          someField(arg: { b: null, a: null })
        }
      )graphql");
}

// graphql-js: "encounters conflict in fragments"
TEST(OverlappingFieldsTest, EncountersConflictInFragments) {
  expectErrors(harnessSchema(), R"graphql(
      {
        ...A
        ...B
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
    )graphql",
               {
                   conflict("x", "\"a\" and \"b\" are different fields", {{7, 9}, {10, 9}}),
               });
}

// graphql-js: "reports each conflict once"
TEST(OverlappingFieldsTest, ReportsEachConflictOnce) {
  expectErrors(harnessSchema(), R"graphql(
      {
        f1 {
          ...A
          ...B
        }
        f2 {
          ...B
          ...A
        }
        f3 {
          ...A
          ...B
          x: c
        }
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
    )graphql",
               {
                   conflict("x", "\"a\" and \"b\" are different fields", {{18, 9}, {21, 9}}),
                   conflict("x", "\"c\" and \"a\" are different fields", {{14, 11}, {18, 9}}),
                   conflict("x", "\"c\" and \"b\" are different fields", {{14, 11}, {21, 9}}),
               });
}

// graphql-js: "deep conflict"
TEST(OverlappingFieldsTest, DeepConflict) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          x: a
        },
        field {
          x: b
        }
      }
    )graphql",
               {
                   conflict("field",
                            "subfields \"x\" conflict because \"a\" and \"b\" are "
                            "different fields",
                            {{3, 9}, {4, 11}, {6, 9}, {7, 11}}),
               });
}

// graphql-js: "deep conflict with multiple issues"
TEST(OverlappingFieldsTest, DeepConflictWithMultipleIssues) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          x: a
          y: c
        },
        field {
          x: b
          y: d
        }
      }
    )graphql",
               {
                   conflict("field",
                            "subfields \"x\" conflict because \"a\" and \"b\" are "
                            "different fields and subfields \"y\" conflict because \"c\" "
                            "and \"d\" are different fields",
                            {{3, 9}, {4, 11}, {5, 11}, {7, 9}, {8, 11}, {9, 11}}),
               });
}

// graphql-js: "very deep conflict"
TEST(OverlappingFieldsTest, VeryDeepConflict) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          deepField {
            x: a
          }
        },
        field {
          deepField {
            x: b
          }
        }
      }
    )graphql",
               {
                   conflict("field",
                            "subfields \"deepField\" conflict because subfields \"x\" "
                            "conflict because \"a\" and \"b\" are different fields",
                            {{3, 9}, {4, 11}, {5, 13}, {8, 9}, {9, 11}, {10, 13}}),
               });
}

// graphql-js: "reports deep conflict to nearest common ancestor"
TEST(OverlappingFieldsTest, ReportsDeepConflictToNearestCommonAncestor) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          deepField {
            x: a
          }
          deepField {
            x: b
          }
        },
        field {
          deepField {
            y
          }
        }
      }
    )graphql",
               {
                   conflict("deepField",
                            "subfields \"x\" conflict because \"a\" and \"b\" are "
                            "different fields",
                            {{4, 11}, {5, 13}, {7, 11}, {8, 13}}),
               });
}

// graphql-js: "reports deep conflict to nearest common ancestor in fragments"
TEST(OverlappingFieldsTest, ReportsDeepConflictToNearestCommonAncestorInFragments) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          ...F
        }
        field {
          ...F
        }
      }
      fragment F on T {
        deepField {
          deeperField {
            x: a
          }
          deeperField {
            x: b
          }
        },
        deepField {
          deeperField {
            y
          }
        }
      }
    )graphql",
               {
                   conflict("deeperField",
                            "subfields \"x\" conflict because \"a\" and \"b\" are "
                            "different fields",
                            {{12, 11}, {13, 13}, {15, 11}, {16, 13}}),
               });
}

// graphql-js: "reports deep conflict in nested fragments"
TEST(OverlappingFieldsTest, ReportsDeepConflictInNestedFragments) {
  expectErrors(harnessSchema(), R"graphql(
      {
        field {
          ...F
        }
        field {
          ...I
        }
      }
      fragment F on T {
        x: a
        ...G
      }
      fragment G on T {
        y: c
      }
      fragment I on T {
        y: d
        ...J
      }
      fragment J on T {
        x: b
      }
    )graphql",
               {
                   conflict("field",
                            "subfields \"x\" conflict because \"a\" and \"b\" are "
                            "different fields and subfields \"y\" conflict because \"c\" "
                            "and \"d\" are different fields",
                            {{3, 9}, {11, 9}, {15, 9}, {6, 9}, {22, 9}, {18, 9}}),
               });
}

// graphql-js: "reports deep conflict after nested fragments"
TEST(OverlappingFieldsTest, ReportsDeepConflictAfterNestedFragments) {
  expectErrors(harnessSchema(), R"graphql(
      fragment F on T {
        ...G
      }
      fragment G on T {
        ...H
      }
      fragment H on T {
        x: a
      }
      {
        x: b
        ...F
      }
    )graphql",
               {
                   conflict("x", "\"b\" and \"a\" are different fields", {{12, 9}, {9, 9}}),
               });
}

// graphql-js: "ignores unknown fragments"
TEST(OverlappingFieldsTest, IgnoresUnknownFragments) {
  expectValid(harnessSchema(), R"graphql(
      {
        field
        ...Unknown
        ...Known
      }

      fragment Known on T {
        field
        ...OtherUnknown
      }
    )graphql");
}

// graphql-js: "does not infinite loop on recursive fragment"
TEST(OverlappingFieldsTest, DoesNotInfiniteLoopOnRecursiveFragment) {
  expectValid(harnessSchema(), R"graphql(
      {
        ...fragA
      }

      fragment fragA on Human { name, relatives { name, ...fragA } }
    )graphql");
}

// graphql-js: "does not infinite loop on immediately recursive fragment"
TEST(OverlappingFieldsTest, DoesNotInfiniteLoopOnImmediatelyRecursiveFragment) {
  expectValid(harnessSchema(), R"graphql(
      {
        ...fragA
      }

      fragment fragA on Human { name, ...fragA }
    )graphql");
}

// graphql-js: "does not infinite loop on recursive fragment with a field named after fragment"
TEST(OverlappingFieldsTest, DoesNotInfiniteLoopOnRecursiveFragmentWithAFieldNamedAfterFragment) {
  expectValid(harnessSchema(), R"graphql(
      {
        ...fragA
        fragA
      }

      fragment fragA on Query { ...fragA }
    )graphql");
}

// graphql-js: "finds invalid cases even with field named after fragment"
TEST(OverlappingFieldsTest, FindsInvalidCasesEvenWithFieldNamedAfterFragment) {
  expectErrors(harnessSchema(), R"graphql(
      {
        fragA
        ...fragA
      }

      fragment fragA on Type {
        fragA: b
      }
    )graphql",
               {
                   conflict("fragA", "\"fragA\" and \"b\" are different fields", {{3, 9}, {8, 9}}),
               });
}

// graphql-js: "does not infinite loop on transitively recursive fragment"
TEST(OverlappingFieldsTest, DoesNotInfiniteLoopOnTransitivelyRecursiveFragment) {
  expectValid(harnessSchema(), R"graphql(
      {
        ...fragA
        fragB
      }

      fragment fragA on Human { name, ...fragB }
      fragment fragB on Human { name, ...fragC }
      fragment fragC on Human { name, ...fragA }
    )graphql");
}

// graphql-js: "finds invalid case even with immediately recursive fragment"
TEST(OverlappingFieldsTest, FindsInvalidCaseEvenWithImmediatelyRecursiveFragment) {
  expectErrors(
      harnessSchema(), R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        ...sameAliasesWithDifferentFieldTargets
        fido: name
        fido: nickname
      }
    )graphql",
      {
          conflict("fido", "\"name\" and \"nickname\" are different fields", {{4, 9}, {5, 9}}),
      });
}

// graphql-js: "does not infinite loop on recursive fragments separated by fields"
TEST(OverlappingFieldsTest, DoesNotInfiniteLoopOnRecursiveFragmentsSeparatedByFields) {
  expectValid(harnessSchema(), R"graphql(
      {
        ...fragA
        ...fragB
      }

      fragment fragA on T {
        x {
          ...fragA
          x {
            ...fragA
          }
        }
      }

      fragment fragB on T {
        x {
          ...fragB
          x {
            ...fragB
          }
        }
      }
    )graphql");
}
}  // namespace
}  // namespace plexus::graphql::validation
