// Test support for validate(): graphql-js's validation test schema (harness.ts testSchema) and
// a helper that validates a query and renders the errors of one rule as
// "message (line:column, ...)", mirroring graphql-js's `expectValidationErrors(Rule, query)`.
//
//   EXPECT_EQ(errorsOf("KnownFragmentNamesRule", "{ dog { ...Nope } }"),
//             Errors({"Unknown fragment \"Nope\". (1:12)"}));
//
// Test-only; schemas are built once and shared read-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"

namespace plexus::graphql::validate_testing {

using Errors = std::vector<std::string>;

// graphql-js src/validation/__tests__/harness.ts testSchema.
inline constexpr std::string_view kHarnessSdl = R"graphql(
  interface Mammal { mother: Mammal father: Mammal }
  interface Pet { name(surname: Boolean): String }
  interface Canine implements Mammal {
    name(surname: Boolean): String
    mother: Canine
    father: Canine
  }
  enum DogCommand { SIT HEEL DOWN }
  type Dog implements Pet & Mammal & Canine {
    name(surname: Boolean): String
    nickname: String
    barkVolume: Int
    barks: Boolean
    doesKnowCommand(dogCommand: DogCommand): Boolean
    isHouseTrained(atOtherHomes: Boolean = true): Boolean
    isAtLocation(x: Int, y: Int): Boolean
    mother: Dog
    father: Dog
  }
  type Cat implements Pet {
    name(surname: Boolean): String
    nickname: String
    meows: Boolean
    meowsVolume: Int
    furColor: FurColor
  }
  union CatOrDog = Cat | Dog
  type Human { name(surname: Boolean): String pets: [Pet] relatives: [Human] }
  enum FurColor { BROWN BLACK TAN SPOTTED NO_FUR UNKNOWN }
  input ComplexInput {
    requiredField: Boolean!
    nonNullField: Boolean! = false
    intField: Int
    stringField: String
    booleanField: Boolean
    stringListField: [String]
  }
  input OneOfInput @oneOf { stringField: String intField: Int }
  type ComplicatedArgs {
    intArgField(intArg: Int): String
    nonNullIntArgField(nonNullIntArg: Int!): String
    stringArgField(stringArg: String): String
    booleanArgField(booleanArg: Boolean): String
    enumArgField(enumArg: FurColor): String
    floatArgField(floatArg: Float): String
    idArgField(idArg: ID): String
    stringListArgField(stringListArg: [String]): String
    stringListNonNullArgField(stringListNonNullArg: [String!]): String
    complexArgField(complexArg: ComplexInput): String
    oneOfArgField(oneOfArg: OneOfInput): String
    multipleReqs(req1: Int!, req2: Int!): String
    nonNullFieldWithDefault(arg: Int! = 0): String
    multipleOpts(opt1: Int = 0, opt2: Int = 0): String
    multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
  }
  type QueryRoot {
    human(id: ID): Human
    dog: Dog
    cat: Cat
    pet: Pet
    catOrDog: CatOrDog
    complicatedArgs: ComplicatedArgs
  }
  schema { query: QueryRoot }
  directive @onField on FIELD
)graphql";

inline std::shared_ptr<const Schema> buildSchema(std::string_view sdl) {
  auto schema = Schema::fromSdl(std::string(sdl), "test.graphql");
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return schema.ok() ? *schema : nullptr;
}

inline const Schema& harnessSchema() {
  static const std::shared_ptr<const Schema> schema = buildSchema(kHarnessSdl);
  return *schema;
}

inline std::string render(const ValidationError& error) {
  std::string text = error.message;
  if (!error.locations.empty()) {
    text += " (";
    for (size_t i = 0; i < error.locations.size(); ++i) {
      if (i > 0) text += ", ";
      text +=
          std::to_string(error.locations[i].line) + ":" + std::to_string(error.locations[i].column);
    }
    text += ")";
  }
  return text;
}

// validate() with all rules, keeping the errors of `rule` (all errors when `rule` is empty).
inline Errors errorsOf(std::string_view rule, std::string_view query,
                       const Schema& schema = harnessSchema(),
                       const ValidationOptions& options = {}) {
  ParseResult parsed = parse(std::string(query));
  if (!parsed.ok()) {
    ADD_FAILURE() << "syntax error: " << parsed.error().message;
    return {};
  }
  Errors rendered;
  for (const ValidationError& error : validate(schema, parsed.document(), options)) {
    if (rule.empty() || error.rule == rule) rendered.push_back(render(error));
  }
  return rendered;
}

}  // namespace plexus::graphql::validate_testing
