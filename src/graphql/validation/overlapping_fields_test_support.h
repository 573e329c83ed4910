// Test support for OverlappingFieldsChecker: graphql-js's validation test schemas and a minimal
// stand-in for the validation walker, so the checker's tests run the rule exactly as
// graphql-js's `validate(schema, parse(query), [OverlappingFieldsCanBeMergedRule])` does.
//
//   expectErrors(harnessSchema(), "{ dog { x: name x: nickname } }",
//                {conflict("x", "\"name\" and \"nickname\" are different fields",
//                          {{1, 9}, {1, 17}})});
//
// Test-only; the schemas are built once and shared read-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/graphql/ast.h"
#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/overlapping_fields.h"
#include "src/graphql/validation/validation_test_support.h"

namespace plexus::graphql::validation::testing {

// The graphql-js harness schema and builders are shared with the other validation tests.
using validate_testing::buildSchema;
using validate_testing::harnessSchema;
using validate_testing::kHarnessSdl;

// The schema of graphql-js's "return types must be unambiguous" tests.
inline constexpr std::string_view kBoxesSdl = R"graphql(
  interface SomeBox { deepBox: SomeBox unrelatedField: String }
  type StringBox implements SomeBox {
    scalar: String
    deepBox: StringBox
    unrelatedField: String
    listStringBox: [StringBox]
    stringBox: StringBox
    intBox: IntBox
  }
  type IntBox implements SomeBox {
    scalar: Int
    deepBox: IntBox
    unrelatedField: String
    listStringBox: [StringBox]
    stringBox: StringBox
    intBox: IntBox
  }
  interface NonNullStringBox1 { scalar: String! }
  type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 {
    scalar: String!
    unrelatedField: String
    deepBox: SomeBox
  }
  interface NonNullStringBox2 { scalar: String! }
  type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 {
    scalar: String!
    unrelatedField: String
    deepBox: SomeBox
  }
  type Connection { edges: [Edge] }
  type Edge { node: Node }
  type Node { id: ID name: String }
  type Query { someBox: SomeBox connection: Connection }
)graphql";

inline const Schema& boxesSchema() {
  static const std::shared_ptr<const Schema> kSchema = buildSchema(kBoxesSdl);
  return *kSchema;
}

// The parent type graphql-js's TypeInfo gives a selection set: the named type when composite.
inline const NamedType* compositeOrNull(const NamedType* type) {
  return type != nullptr && type->isComposite() ? type : nullptr;
}

// Visits the selection sets under `selection_set` in document order, as graphql-js's visitor
// with TypeInfo does, handing each with its parent type to the checker.
inline void walkSelectionSet(const Schema& schema, const NamedType* parent_type,
                             const ast::SelectionSet& selection_set,
                             OverlappingFieldsChecker& checker, std::vector<ValidationError>& out) {
  checker.checkSelectionSet(parent_type, selection_set, out);
  for (const ast::Selection* selection : selection_set.selections) {
    if (auto* field = selection->as<ast::Field>()) {
      if (field->selection_set == nullptr) continue;
      const FieldDef* def = parent_type ? schema.fieldDef(parent_type, field->name) : nullptr;
      walkSelectionSet(schema, compositeOrNull(def ? def->named_type : nullptr),
                       *field->selection_set, checker, out);
    } else if (auto* inline_fragment = selection->as<ast::InlineFragment>()) {
      const NamedType* type = inline_fragment->type_condition
                                  ? schema.type(inline_fragment->type_condition->value)
                                  : parent_type;
      walkSelectionSet(schema, compositeOrNull(type), *inline_fragment->selection_set, checker,
                       out);
    }
  }
}

// Parses `query` and runs the checker over all of it; a syntax error fails the test.
inline std::vector<ValidationError> check(const Schema& schema, std::string query,
                                          const ParseOptions& options = {}) {
  ParseResult parsed = parse(std::move(query), options);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().describe());
  if (!parsed.ok()) return {};
  const ast::Document& document = parsed.document();
  OverlappingFieldsChecker checker(schema, document);
  std::vector<ValidationError> errors;
  for (const ast::Definition* definition : document.definitions) {
    if (checker.aborted()) break;  // graphql-js ends validation there
    if (auto* operation = definition->as<ast::OperationDefinition>()) {
      walkSelectionSet(schema, schema.rootType(operation->operation), *operation->selection_set,
                       checker, errors);
    } else if (auto* fragment = definition->as<ast::FragmentDefinition>()) {
      walkSelectionSet(schema, compositeOrNull(schema.type(fragment->type_condition->value)),
                       *fragment->selection_set, checker, errors);
    }
  }
  return errors;
}

struct ExpectedError {
  std::string message;
  std::vector<ast::SourceLocation> locations;
};

inline constexpr std::string_view kConflictSuffix =
    ". Use different aliases on the fields to fetch both if this was intentional.";

// `Fields "<response_name>" conflict because <reason>. Use different aliases ...`
inline ExpectedError conflict(std::string_view response_name, std::string_view reason,
                              std::vector<ast::SourceLocation> locations) {
  std::string message = "Fields \"" + std::string(response_name) + "\" conflict because ";
  message += reason;
  message += kConflictSuffix;
  return {std::move(message), std::move(locations)};
}

// One line per error, "message @ line:column, ...", so a mismatch shows as a readable diff.
inline std::string render(const std::vector<ExpectedError>& errors) {
  std::string out;
  for (const ExpectedError& error : errors) {
    out += error.message + " @";
    for (const ast::SourceLocation& loc : error.locations) {
      out += " " + std::to_string(loc.line) + ":" + std::to_string(loc.column);
    }
    out += "\n";
  }
  return out;
}

inline std::string render(const std::vector<ValidationError>& errors) {
  std::vector<ExpectedError> converted;
  for (const ValidationError& error : errors) {
    EXPECT_EQ(error.rule, "OverlappingFieldsCanBeMergedRule");
    converted.push_back({error.message, error.locations});
  }
  return render(converted);
}

inline void expectErrors(const Schema& schema, std::string query,
                         const std::vector<ExpectedError>& expected) {
  EXPECT_EQ(render(check(schema, std::move(query))), render(expected));
}

inline void expectValid(const Schema& schema, std::string query) {
  expectErrors(schema, std::move(query), {});
}

}  // namespace plexus::graphql::validation::testing
