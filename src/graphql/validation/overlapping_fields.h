// Field selection merging (GraphQL spec §5.3.2), as graphql-js 16's
// OverlappingFieldsCanBeMergedRule: two fields with one response key must be the same field with
// the same arguments unless their parents are different object types, must return compatible
// shapes, and their sub-selections must merge too.
//
//   validation::OverlappingFieldsChecker checker(schema, document);
//   // From the validation walker, on entering each SelectionSet, in document (pre-)order:
//   checker.checkSelectionSet(type_info.parentType(), selection_set, errors);
//   if (checker.aborted()) return;  // graphql-js ends validation here; errors has why
//
// The checker memoizes the fields collected from each (parent type, selection set) and from each
// fragment, the fragment pairs already compared and the field pairs already compared, so each
// comparison is made once per document, as graphql-js does. Like graphql-js 16.15 it meters that
// work with a budget of 500,000 comparison steps: once spent, it appends graphql-js's
// "Validation aborted." error (no locations), aborted() turns true, and further calls do nothing.
//
// Messages, locations and their order are graphql-js's. Selection sets of inline fragments are
// skipped (their fields are compared as part of the enclosing selection set); unknown
// fragments, unknown types and fragment cycles are tolerated (other rules report them).
//
// One checker per validation of one document; it borrows `schema` and `document`, which must
// outlive it. Not thread-safe; different checkers may run on different threads.
#pragma once

#include <memory>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"

namespace plexus::graphql::validation {

class OverlappingFieldsChecker {
 public:
  OverlappingFieldsChecker(const Schema& schema, const ast::Document& document);
  ~OverlappingFieldsChecker();
  OverlappingFieldsChecker(const OverlappingFieldsChecker&) = delete;
  OverlappingFieldsChecker& operator=(const OverlappingFieldsChecker&) = delete;

  // graphql-js OverlappingFieldsCanBeMergedRule's SelectionSet visitor: reports the conflicts
  // within `selection_set`, whose parent type is `parent_type` (null when unknown), appending
  // errors with rule "OverlappingFieldsCanBeMergedRule" to `out`.
  void checkSelectionSet(const NamedType* parent_type, const ast::SelectionSet& selection_set,
                         std::vector<ValidationError>& out);

  // True once the comparison budget is spent (graphql-js then ends the whole validation).
  bool aborted() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace plexus::graphql::validation
