// GraphQL lexer (spec §2.1, graphql-js 16 lexer.ts): turns source text into tokens, skipping
// ignored tokens (whitespace, line terminators, commas, comments, the byte-order mark).
//
//   Lexer lexer(source, arena);
//   for (Token t = lexer.next(); t.kind != TokenKind::kEof; t = lexer.next()) ...
//   if (lexer.failed()) report(lexer.error());
//
// Token values are views into the source, or into `arena` for strings that needed decoding
// (escapes, block-string indentation). Columns count UTF-16 code units, as graphql-js does, so
// reported locations agree with JavaScript tools. Not thread-safe; one lexer per parse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "src/common/arena.h"
#include "src/graphql/ast.h"

namespace plexus::graphql {

enum class TokenKind : uint8_t {
  kSof,
  kEof,
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kPipe,
  kBraceR,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
};

// graphql-js getTokenKindDesc: `"{"` for punctuators, `Name`, `<EOF>`, ...
std::string_view tokenKindDescription(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kSof;
  uint32_t start = 0;  // byte offsets into the source
  uint32_t end = 0;
  ast::SourceLocation loc;
  std::string_view value;  // names and numbers as written; strings decoded
};

class Lexer {
 public:
  Lexer(std::string_view source, Arena& arena) : source_(source), arena_(arena) {}

  // The next significant token. After an error, returns kEof and failed() is true.
  Token next();

  bool failed() const { return !error_message_.empty(); }
  const std::string& errorMessage() const { return error_message_; }
  ast::SourceLocation errorLocation() const { return error_location_; }

  // The location of a byte offset already scanned (for errors raised by the parser).
  ast::SourceLocation locationOf(uint32_t offset) const;

 private:
  Token make(TokenKind kind, uint32_t start, uint32_t end, std::string_view value = {});
  Token fail(uint32_t at, std::string message);
  void newLine(uint32_t next_line_start);
  Token readNumber(uint32_t start);
  Token readString(uint32_t start);
  Token readBlockString(uint32_t start);
  // Reads digits at pos_; false (after fail()) when there are none.
  bool readDigits();
  std::string describeCharAt(uint32_t at) const;  // graphql-js printCodePointAt

  std::string_view source_;
  Arena& arena_;
  uint32_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;
  // Offset of the last non-ASCII byte seen; columns past it need UTF-16 counting.
  int64_t last_non_ascii_ = -1;
  std::string error_message_;
  ast::SourceLocation error_location_;
  std::string scratch_;
};

}  // namespace plexus::graphql
