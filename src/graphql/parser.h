// GraphQL parser (spec §2 and §3) producing an arena-allocated ast::Document.
//
//   ParseOptions options{.max_tokens = 15000, .max_recursion = 500};
//   auto doc = graphql::parse(query_text, options);
//   if (!doc.ok()) respond(doc.status().message());  // "Syntax Error: Expected Name, found <EOF>."
//
// Errors are graphql-js's messages; the position is returned apart from the message in
// ParseError so callers can report `locations` without re-parsing the text.
// Stateless and thread-safe: each call owns its document.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "src/graphql/ast.h"

namespace plexus::graphql {

struct ParseOptions {
  // Apollo's limits.parser_max_tokens and limits.parser_max_recursion defaults.
  uint32_t max_tokens = 15000;
  uint32_t max_recursion = 500;
};

struct ParseError {
  std::string message;  // "Syntax Error: Unexpected Name \"foo\"."
  ast::SourceLocation location;
  // "message (line:column)" for logs and control-plane errors.
  std::string describe(std::string_view source_name = {}) const;
};

// Result of parsing: a document, or the first syntax error.
class ParseResult {
 public:
  ParseResult(std::unique_ptr<ast::Document> doc) : value_(std::move(doc)) {}  // NOLINT
  ParseResult(ParseError error) : value_(std::move(error)) {}                  // NOLINT
  bool ok() const { return value_.index() == 0; }
  const ast::Document& document() const { return *std::get<0>(value_); }
  std::unique_ptr<ast::Document> takeDocument() { return std::move(std::get<0>(value_)); }
  const ParseError& error() const { return std::get<1>(value_); }

 private:
  std::variant<std::unique_ptr<ast::Document>, ParseError> value_;
};

// Parses any document: executable definitions, type-system definitions and extensions.
ParseResult parse(std::string source, const ParseOptions& options = {});

}  // namespace plexus::graphql
