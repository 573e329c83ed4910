// Equality of GraphQL value literals as graphql-js 16.15 decides it when it compares the
// arguments of two overlapping fields (OverlappingFieldsCanBeMergedRule's stringifyValue):
// same kind and value, strings with the same block flag, lists in order, object fields in any
// order (stable-sorted by name, so a repeated field name keeps its relative order).
//
//   if (!literalsEqual(arg1->value, arg2->value)) ...   // `{a: 1, b: 2}` equals `{b: 2, a: 1}`
//
// Variables compare by name; Int `1` and Float `1.0` differ; escapes compare by decoded text.
// Pure function; thread-safe.
#pragma once

#include "src/graphql/ast.h"

namespace plexus::graphql::validation {

// True when graphql-js would render `a` and `b` to the same canonical JSON. Null pointers are
// equal only to each other.
bool literalsEqual(const ast::Value* a, const ast::Value* b);

}  // namespace plexus::graphql::validation
