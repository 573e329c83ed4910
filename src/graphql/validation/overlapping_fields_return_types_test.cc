// OverlappingFieldsChecker against graphql-js 16's "return types must be unambiguous" suite:
// list and non-null wrappers and leaf types must match even where the parents never overlap.
#include <gtest/gtest.h>

#include "src/graphql/validation/overlapping_fields.h"
#include "src/graphql/validation/overlapping_fields_test_support.h"

namespace plexus::graphql::validation {
namespace {

using testing::boxesSchema;
using testing::buildSchema;
using testing::conflict;
using testing::expectErrors;
using testing::expectValid;

// graphql-js: "conflicting return types which potentially overlap"
TEST(OverlappingFieldsReturnTypesTest, ConflictingReturnTypesWhichPotentiallyOverlap) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ...on IntBox {
                scalar
              }
              ...on NonNullStringBox1 {
                scalar
              }
            }
          }
        )graphql",
               {
                   conflict("scalar", "they return conflicting types \"Int\" and \"String!\"",
                            {{5, 17}, {8, 17}}),
               });
}

// graphql-js: "compatible return shapes on different return types"
TEST(OverlappingFieldsReturnTypesTest, CompatibleReturnShapesOnDifferentReturnTypes) {
  expectValid(boxesSchema(), R"graphql(
          {
            someBox {
              ... on SomeBox {
                deepBox {
                  unrelatedField
                }
              }
              ... on StringBox {
                deepBox {
                  unrelatedField
                }
              }
            }
          }
        )graphql");
}

// graphql-js: "disallows differing return types despite no overlap"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingReturnTypesDespiteNoOverlap) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                scalar
              }
              ... on StringBox {
                scalar
              }
            }
          }
        )graphql",
               {
                   conflict("scalar", "they return conflicting types \"Int\" and \"String\"",
                            {{5, 17}, {8, 17}}),
               });
}

// graphql-js: "reports correctly when a non-exclusive follows an exclusive"
TEST(OverlappingFieldsReturnTypesTest, ReportsCorrectlyWhenANonExclusiveFollowsAnExclusive) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                deepBox {
                  ...X
                }
              }
            }
            someBox {
              ... on StringBox {
                deepBox {
                  ...Y
                }
              }
            }
            memoed: someBox {
              ... on IntBox {
                deepBox {
                  ...X
                }
              }
            }
            memoed: someBox {
              ... on StringBox {
                deepBox {
                  ...Y
                }
              }
            }
            other: someBox {
              ...X
            }
            other: someBox {
              ...Y
            }
          }
          fragment X on SomeBox {
            scalar
          }
          fragment Y on SomeBox {
            scalar: unrelatedField
          }
        )graphql",
               {
                   conflict("other",
                            "subfields \"scalar\" conflict because \"scalar\" and "
                            "\"unrelatedField\" are different fields",
                            {{31, 13}, {39, 13}, {34, 13}, {42, 13}}),
               });
}

// graphql-js: "disallows differing return type nullability despite no overlap"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingReturnTypeNullabilityDespiteNoOverlap) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on NonNullStringBox1 {
                scalar
              }
              ... on StringBox {
                scalar
              }
            }
          }
        )graphql",
               {
                   conflict("scalar", "they return conflicting types \"String!\" and \"String\"",
                            {{5, 17}, {8, 17}}),
               });
}

// graphql-js: "disallows differing return type list despite no overlap"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingReturnTypeListDespiteNoOverlapCase1) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                box: listStringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: stringBox {
                  scalar
                }
              }
            }
          }
        )graphql",
               {
                   conflict("box",
                            "they return conflicting types \"[StringBox]\" and "
                            "\"StringBox\"",
                            {{5, 17}, {10, 17}}),
               });
}

// graphql-js: "disallows differing return type list despite no overlap"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingReturnTypeListDespiteNoOverlapCase2) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: listStringBox {
                  scalar
                }
              }
            }
          }
        )graphql",
               {
                   conflict("box",
                            "they return conflicting types \"StringBox\" and "
                            "\"[StringBox]\"",
                            {{5, 17}, {10, 17}}),
               });
}

// graphql-js: "disallows differing subfields"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingSubfields) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  val: scalar
                  val: unrelatedField
                }
              }
              ... on StringBox {
                box: stringBox {
                  val: scalar
                }
              }
            }
          }
        )graphql",
               {
                   conflict("val", "\"scalar\" and \"unrelatedField\" are different fields",
                            {{6, 19}, {7, 19}}),
               });
}

// graphql-js: "disallows differing deep return types despite no overlap"
TEST(OverlappingFieldsReturnTypesTest, DisallowsDifferingDeepReturnTypesDespiteNoOverlap) {
  expectErrors(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: intBox {
                  scalar
                }
              }
            }
          }
        )graphql",
               {
                   conflict("box",
                            "subfields \"scalar\" conflict because they return conflicting "
                            "types \"String\" and \"Int\"",
                            {{5, 17}, {6, 19}, {10, 17}, {11, 19}}),
               });
}

// graphql-js: "allows non-conflicting overlapping types"
TEST(OverlappingFieldsReturnTypesTest, AllowsNonConflictingOverlappingTypes) {
  expectValid(boxesSchema(), R"graphql(
          {
            someBox {
              ... on IntBox {
                scalar: unrelatedField
              }
              ... on StringBox {
                scalar
              }
            }
          }
        )graphql");
}

// graphql-js: "same wrapped scalar return types"
TEST(OverlappingFieldsReturnTypesTest, SameWrappedScalarReturnTypes) {
  expectValid(boxesSchema(), R"graphql(
          {
            someBox {
              ...on NonNullStringBox1 {
                scalar
              }
              ...on NonNullStringBox2 {
                scalar
              }
            }
          }
        )graphql");
}

// graphql-js: "allows inline fragments without type condition"
TEST(OverlappingFieldsReturnTypesTest, AllowsInlineFragmentsWithoutTypeCondition) {
  expectValid(boxesSchema(), R"graphql(
          {
            a
            ... {
              a
            }
          }
        )graphql");
}

// graphql-js: "compares deep types including list"
TEST(OverlappingFieldsReturnTypesTest, ComparesDeepTypesIncludingList) {
  expectErrors(boxesSchema(), R"graphql(
          {
            connection {
              ...edgeID
              edges {
                node {
                  id: name
                }
              }
            }
          }

          fragment edgeID on Connection {
            edges {
              node {
                id
              }
            }
          }
        )graphql",
               {
                   conflict("edges",
                            "subfields \"node\" conflict because subfields \"id\" "
                            "conflict because \"name\" and \"id\" are different fields",
                            {{5, 15}, {6, 17}, {7, 19}, {14, 13}, {15, 15}, {16, 17}}),
               });
}

// graphql-js: "ignores unknown types"
TEST(OverlappingFieldsReturnTypesTest, IgnoresUnknownTypes) {
  expectValid(boxesSchema(), R"graphql(
          {
            someBox {
              ...on UnknownType {
                scalar
              }
              ...on NonNullStringBox2 {
                scalar
              }
            }
          }
        )graphql");
}

// graphql-js: "works for field names that are JS keywords"
TEST(OverlappingFieldsReturnTypesTest, WorksForFieldNamesThatAreJSKeywords) {
  auto schema = buildSchema(R"graphql(
        type Foo {
          constructor: String
        }

        type Query {
          foo: Foo
        }
      )graphql");
  expectValid(*schema, R"graphql(
          {
            foo {
              constructor
            }
          }
        )graphql");
}
}  // namespace
}  // namespace plexus::graphql::validation
