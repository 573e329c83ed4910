// ValuesOfCorrectTypeRule and UniqueInputFieldNamesRule, with graphql-js 16.15's messages and
// locations.
#include "src/graphql/validation/rules/values.h"

#include <gtest/gtest.h>

#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation {
namespace {

using validate_testing::Errors;
using validate_testing::errorsOf;

TEST(ValuesOfCorrectTypeTest, SpecifiedScalarsParseLiteralsLikeGraphqlJs) {
  EXPECT_EQ(
      errorsOf("ValuesOfCorrectTypeRule",
               "{ complicatedArgs { a: intArgField(intArg: 1.5) b: intArgField(intArg: "
               "2147483648) c: intArgField(intArg: -2147483648) d: floatArgField(floatArg: \"x\") "
               "e: stringArgField(stringArg: 1) f: booleanArgField(booleanArg: 0) g: "
               "idArgField(idArg: 1.0) h: idArgField(idArg: 12) i: intArgField(intArg: [1]) } }"),
      (Errors{
          "Int cannot represent non-integer value: 1.5 (1:44)",
          "Int cannot represent non 32-bit signed integer value: 2147483648 (1:72)",
          "Float cannot represent non numeric value: \"x\" (1:147)",
          "String cannot represent a non string value: 1 (1:181)",
          "Boolean cannot represent a non boolean value: 0 (1:215)",
          "ID cannot represent a non-string and non-integer value: 1.0 (1:239)",
          "Int cannot represent non-integer value: [1] (1:292)",
      }));
}

TEST(ValuesOfCorrectTypeTest, EnumsSuggestTheirValues) {
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { a: enumArgField(enumArg: \"BROWN\") b: "
                     "enumArgField(enumArg: brown) c: enumArgField(enumArg: TAN) d: "
                     "enumArgField(enumArg: 1) } dog { doesKnowCommand(dogCommand: SITT) } }"),
            (Errors{
                "Enum \"FurColor\" cannot represent non-enum value: \"BROWN\". Did you mean the "
                "enum value \"BROWN\"? (1:46)",
                "Value \"brown\" does not exist in \"FurColor\" enum. Did you mean the enum value "
                "\"BROWN\"? (1:80)",
                "Enum \"FurColor\" cannot represent non-enum value: 1. (1:142)",
                "Value \"SITT\" does not exist in \"DogCommand\" enum. Did you mean the enum value "
                "\"SIT\"? (1:181)",
            }));
}

TEST(ValuesOfCorrectTypeTest, InputObjectsNeedRequiredFieldsAndKnownFields) {
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { a: complexArgField(complexArg: {intField: 4}) b: "
                     "complexArgField(complexArg: {requiredField: true, unknownField: \"x\", "
                     "stringListField: [1, \"ok\"]}) c: complexArgField(complexArg: "
                     "[{requiredField: true}]) d: intArgField(intArg: {x: 1}) } }"),
            (Errors{
                "Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not "
                "provided. (1:52)",
                "Field \"unknownField\" is not defined by type \"ComplexInput\". (1:120)",
                "String cannot represent a non string value: 1 (1:157)",
                "Expected value of type \"ComplexInput\", found [{requiredField: true}]. (1:199)",
                "Int cannot represent non-integer value: {x: 1} (1:247)",
            }));
}

TEST(ValuesOfCorrectTypeTest, NullOnlyWhereNullable) {
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { a: nonNullIntArgField(nonNullIntArg: null) b: "
                     "stringListNonNullArgField(stringListNonNullArg: [\"a\", null]) c: "
                     "intArgField(intArg: null) } }"),
            (Errors{
                "Expected value of type \"Int!\", found null. (1:58)",
                "Expected value of type \"String!\", found null. (1:121)",
            }));
}

TEST(ValuesOfCorrectTypeTest, OneOfInputsTakeExactlyOneNonNullField) {
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { a: oneOfArgField(oneOfArg: {stringField: \"a\", "
                     "intField: 1}) b: oneOfArgField(oneOfArg: {stringField: null}) c: "
                     "oneOfArgField(oneOfArg: {}) d: oneOfArgField(oneOfArg: {intField: 1}) } }"),
            (Errors{
                "OneOf Input Object \"OneOfInput\" must specify exactly one key. (1:48)",
                "Field \"OneOfInput.stringField\" must be non-null. (1:108)",
                "OneOf Input Object \"OneOfInput\" must specify exactly one key. (1:156)",
            }));
}

TEST(ValuesOfCorrectTypeTest, ChecksVariableDefaultValues) {
  EXPECT_EQ(
      errorsOf("ValuesOfCorrectTypeRule",
               "query($a: Int = \"one\", $b: ComplexInput = {requiredField: 1}, $c: [Int!]! = "
               "[1, null]) { __typename }"),
      (Errors{
          "Int cannot represent non-integer value: \"one\" (1:17)",
          "Boolean cannot represent a non boolean value: 1 (1:59)",
          "Expected value of type \"Int!\", found null. (1:81)",
      }));
}

TEST(ValuesOfCorrectTypeTest, UnknownDirectiveArgumentsTakeTheFieldsArgumentType) {
  // graphql-js TypeInfo: `getDirective() ?? getFieldDef()` gives an unknown directive's
  // arguments the definitions of the enclosing field's.
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { intArgField(intArg: 1) @unknown(intArg: \"x\") } }"),
            (Errors{"Int cannot represent non-integer value: \"x\" (1:61)"}));
}

TEST(ValuesOfCorrectTypeTest, AListWhereNoListFitsIsOneError) {
  EXPECT_EQ(errorsOf("ValuesOfCorrectTypeRule",
                     "{ complicatedArgs { complexArgField(complexArg: [{x: 1}]) } }"),
            (Errors{"Expected value of type \"ComplexInput\", found [{x: 1}]. (1:49)"}));
}

TEST(UniqueInputFieldNamesTest, ChecksEveryObjectIncludingUnknownOnes) {
  EXPECT_EQ(errorsOf("UniqueInputFieldNamesRule",
                     "{ complicatedArgs { complexArgField(complexArg: {intField: 1, intField: 2, "
                     "stringField: \"a\", intField: 3, nested: {a: 1, a: 2}}) } }"),
            (Errors{
                "There can be only one input field named \"intField\". (1:50, 1:63)",
                "There can be only one input field named \"intField\". (1:50, 1:94)",
                "There can be only one input field named \"a\". (1:116, 1:122)",
            }));
}

}  // namespace
}  // namespace plexus::graphql::validation
