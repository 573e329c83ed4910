// Rhai tokenizer (Rhai 1.23.6 src/tokenizer.rs): turns script text into tokens with Rhai's
// positions and lexical error messages. Knows nothing of HTTP or GraphQL.
//
//   Lexer lexer(source, arena);
//   for (Token t = lexer.next(); t.kind != TokenKind::kEof; t = lexer.next()) ...
//
// Lexical errors are tokens (kLexError, `text` = Rhai's message) so the parser reports them
// where Rhai does. Comments, doc comments included, are skipped: the router's Rhai build has no
// `metadata` feature. Positions count characters (not bytes) as Rhai does: 1-based line and
// 1-based position. Back-tick strings with `${` come back as kInterpolatedString (the text
// before `${`); after the parser has consumed the `}` closing the interpolated block it calls
// resumeTemplate() and the next token is the rest of the string. Values are views into the
// source or into `arena`. Not thread-safe; one lexer per parse.
#pragma once

#include <cstdint>
#include <string_view>

#include "src/common/arena.h"

namespace plexus::rhai {

struct Position {
  uint32_t line = 0;  // 0: none
  uint32_t pos = 0;
  bool operator==(const Position&) const = default;
};

enum class TokenKind : uint8_t {
  kEof,
  kLexError,  // text: the message
  kReserved,  // text: the reserved keyword or symbol
  kInteger,
  kFloat,
  kString,
  kInterpolatedString,
  kChar,
  kIdentifier,
  // Keywords.
  kTrue,
  kFalse,
  kLet,
  kConst,
  kIf,
  kElse,
  kSwitch,
  kDo,
  kWhile,
  kUntil,
  kLoop,
  kFor,
  kIn,
  kNotIn,  // !in
  kContinue,
  kBreak,
  kReturn,
  kThrow,
  kTry,
  kCatch,
  kFn,
  kPrivate,
  kImport,
  kExport,
  kAs,
  kUnderscore,
  // Punctuation.
  kLeftBrace,
  kRightBrace,
  kLeftParen,
  kRightParen,
  kUnit,  // ()
  kLeftBracket,
  kRightBracket,
  kQuestionBracket,  // ?[
  kMapStart,         // #{
  kSemiColon,
  kColon,
  kDoubleColon,
  kDoubleArrow,  // =>
  kComma,
  kPeriod,
  kElvis,           // ?.
  kDoubleQuestion,  // ??
  kExclusiveRange,  // ..
  kInclusiveRange,  // ..=
  kEquals,
  // Operators.
  kPlus,
  kUnaryPlus,
  kMinus,
  kUnaryMinus,
  kMultiply,
  kDivide,
  kModulo,
  kPowerOf,
  kLeftShift,
  kRightShift,
  kLessThan,
  kGreaterThan,
  kLessThanEqualsTo,
  kGreaterThanEqualsTo,
  kEqualsTo,
  kNotEqualsTo,
  kBang,
  kPipe,
  kOr,
  kXOr,
  kAmpersand,
  kAnd,
  kPlusAssign,
  kMinusAssign,
  kMultiplyAssign,
  kDivideAssign,
  kModuloAssign,
  kPowerOfAssign,
  kLeftShiftAssign,
  kRightShiftAssign,
  kAndAssign,
  kOrAssign,
  kXOrAssign,
};

// Rhai's literal syntax of a fixed token ("+=", "let", "()"); empty for tokens with values.
std::string_view tokenSyntax(TokenKind kind);
// Binary-operator precedence (Token::precedence); 0 for non-operators.
int tokenPrecedence(TokenKind kind);
bool isOpAssignment(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEof;
  Position pos;
  std::string_view text;  // identifier, decoded string, reserved word, error message
  int64_t int_value = 0;
  double float_value = 0;
  char32_t char_value = 0;
};

// True for `name` made of ASCII letters, digits and `_` with at least one letter first
// (tokenizer.rs is_valid_identifier).
bool isValidIdentifier(std::string_view name);
// True for reserved words callable as functions (`Fn`, `call`, `curry`, `is_def_var`, ...).
bool isReservedCallable(std::string_view name);
// True for reserved words usable as method names (`call`, `curry`, `type_of`).
bool isReservedMethod(std::string_view name);

class Lexer {
 public:
  Lexer(std::string_view source, Arena& arena) : source_(source), arena_(arena) {}

  Token next();
  // Continue a back-tick string after the `}` that closes a `${ ... }` block.
  void resumeTemplate() { in_template_ = true; }

 private:
  int peekChar(uint32_t ahead = 0) const;
  void advance();  // consumes one byte, counting a character per UTF-8 lead byte
  Token make(TokenKind kind, Position at);
  Token error(Position at, std::string_view message);
  Token readNumber(Position start, bool negated);
  Token readIdentifier(Position start);
  // Reads a string body up to `quote` (already consumed).
  Token readString(Position start, char quote, bool verbatim, bool interpolate);
  Token readToken();

  std::string_view source_;
  Arena& arena_;
  uint32_t i_ = 0;
  Position pos_{1, 0};  // position of the last character consumed
  bool next_cannot_be_unary_ = false;
  bool in_template_ = false;
};

}  // namespace plexus::rhai
