// GraphQL printer: AST back to text, formatted exactly as graphql-js 16's print(). Printing a
// parsed document and parsing the output again gives the same tree.
//
//   std::string text = graphql::print(document);         // whole document
//   std::string v = graphql::print(*argument->value);    // `{a: [1, 2]}`, as in error messages
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "src/graphql/ast.h"

namespace plexus::graphql {

std::string print(const ast::Document& document);
std::string print(const ast::Node& node);

// graphql-js printString: a JSON-like quoted string with GraphQL's escapes.
std::string printString(std::string_view value);
// graphql-js printBlockString: `"""…"""`, choosing the layout that reads back to `value`.
std::string printBlockString(std::string_view value);

}  // namespace plexus::graphql
