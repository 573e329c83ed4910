#include "src/graphql/lexer.h"

#include <vector>

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

struct Lexed {
  std::vector<Token> tokens;
  std::string error;
  ast::SourceLocation error_at;
};

Lexed lex(std::string_view source) {
  static Arena arena;
  Lexer lexer(source, arena);
  Lexed out;
  for (Token t = lexer.next(); t.kind != TokenKind::kEof; t = lexer.next()) out.tokens.push_back(t);
  if (lexer.failed()) {
    out.error = lexer.errorMessage();
    out.error_at = lexer.errorLocation();
  }
  return out;
}

TEST(LexerTest, SkipsIgnoredTokensAndTracksLinesAndColumns) {
  Lexed r = lex("\xEF\xBB\xBF  query,\n  # comment\r\n\t{ a }");
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[0].value, "query");
  // The byte-order mark is one UTF-16 code unit wide, as in graphql-js.
  EXPECT_EQ(r.tokens[0].loc, (ast::SourceLocation{1, 4}));
  EXPECT_EQ(r.tokens[1].kind, TokenKind::kBraceL);
  EXPECT_EQ(r.tokens[1].loc, (ast::SourceLocation{3, 2}));
  EXPECT_EQ(r.tokens[2].loc, (ast::SourceLocation{3, 4}));
}

TEST(LexerTest, DecodesStringEscapesIncludingSurrogatePairs) {
  Lexed r = lex(R"("a\"b\\c\/d\n\u00e9\u{1F600}\uD83D\uDE00")");
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.tokens[0].value, "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
}

TEST(LexerTest, DedentsBlockStrings) {
  Lexed r = lex("\"\"\"\n    Hello,\n      World!\n\n    Yours, \\\"\"\"GraphQL\\\"\"\"\n  \"\"\"");
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.tokens[0].kind, TokenKind::kBlockString);
  EXPECT_EQ(r.tokens[0].value, "Hello,\n  World!\n\nYours, \"\"\"GraphQL\"\"\"");
}

TEST(LexerTest, CountsColumnsInUtf16UnitsAfterNonAsciiText) {
  // "😀" is two UTF-16 code units, as JavaScript counts columns.
  Lexed r = lex("\"\xF0\x9F\x98\x80\" x");
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[1].loc, (ast::SourceLocation{1, 6}));
}

TEST(LexerTest, ReadsNumbers) {
  Lexed r = lex("0 -12 1.5 2e10 -0.5E-3");
  ASSERT_EQ(r.tokens.size(), 5u);
  EXPECT_EQ(r.tokens[1].kind, TokenKind::kInt);
  EXPECT_EQ(r.tokens[1].value, "-12");
  EXPECT_EQ(r.tokens[4].kind, TokenKind::kFloat);
  EXPECT_EQ(r.tokens[4].value, "-0.5E-3");
}

struct ErrorCase {
  std::string source;
  std::string message;
  ast::SourceLocation at;
};

TEST(LexerTest, ReportsGraphqlJsErrors) {
  const ErrorCase cases[] = {
      {"?", "Syntax Error: Unexpected character: \"?\".", {1, 1}},
      {"\"abc", "Syntax Error: Unterminated string.", {1, 5}},
      {"\"\\z\"", "Syntax Error: Invalid character escape sequence: \"\\z\".", {1, 2}},
      {"\"\\u12x4\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u12x4\".", {1, 2}},
      {"01", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", {1, 2}},
      {"1.", "Syntax Error: Invalid number, expected digit but got: <EOF>.", {1, 3}},
      {"1.0e", "Syntax Error: Invalid number, expected digit but got: <EOF>.", {1, 5}},
      {"123abc", "Syntax Error: Invalid number, expected digit but got: \"a\".", {1, 4}},
      {"..", "Syntax Error: Unexpected character: \".\".", {1, 1}},
      {"'a'",
       "Syntax Error: Unexpected single quote character ('), did you mean to use a double "
       "quote (\")?",
       {1, 1}},
      {"\x07", "Syntax Error: Unexpected character: U+0007.", {1, 1}},
      {"\"\"\"abc", "Syntax Error: Unterminated string.", {1, 7}},
  };
  for (const ErrorCase& c : cases) {
    Lexed r = lex(c.source);
    EXPECT_EQ(r.error, c.message) << c.source;
    EXPECT_EQ(r.error_at, c.at) << c.source;
  }
}

}  // namespace
}  // namespace plexus::graphql
