#include "src/rhai/lexer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::rhai {
namespace {

std::vector<Token> lex(std::string_view source, Arena& arena) {
  Lexer lexer(source, arena);
  std::vector<Token> tokens;
  for (;;) {
    Token t = lexer.next();
    tokens.push_back(t);
    if (t.kind == TokenKind::kEof || t.kind == TokenKind::kLexError) break;
  }
  return tokens;
}

std::vector<TokenKind> kinds(std::string_view source) {
  Arena arena;
  std::vector<TokenKind> out;
  for (const Token& t : lex(source, arena)) out.push_back(t.kind);
  return out;
}

Token first(std::string_view source, Arena& arena) { return lex(source, arena).front(); }

std::string lexError(std::string_view source) {
  Arena arena;
  Token t = lex(source, arena).back();
  return t.kind == TokenKind::kLexError ? std::string(t.text) : "<no error>";
}

using K = TokenKind;

TEST(RhaiLexerTest, IntegersInEveryRadixWithSeparators) {
  Arena arena;
  EXPECT_EQ(first("1_000_000", arena).int_value, 1000000);
  EXPECT_EQ(first("0xff", arena).int_value, 255);
  EXPECT_EQ(first("0o17", arena).int_value, 15);
  EXPECT_EQ(first("0b1010", arena).int_value, 10);
  EXPECT_EQ(first("0xFFFF_FFFF_FFFF_FFFF", arena).int_value, -1);
  EXPECT_EQ(first("42", arena).kind, K::kInteger);
}

TEST(RhaiLexerTest, FloatsFollowRhaiPeriodRules) {
  Arena arena;
  Token t = first("1.5e10", arena);
  EXPECT_EQ(t.kind, K::kFloat);
  EXPECT_DOUBLE_EQ(t.float_value, 1.5e10);
  EXPECT_DOUBLE_EQ(first("1e-3", arena).float_value, 1e-3);
  EXPECT_DOUBLE_EQ(first("2.5", arena).float_value, 2.5);
  // `1.` before a symbol is 1.0; before a name it is a method call; `1..2` is a range.
  EXPECT_EQ(kinds("1.;"), (std::vector<K>{K::kFloat, K::kSemiColon, K::kEof}));
  EXPECT_EQ(kinds("1.abs()"),
            (std::vector<K>{K::kInteger, K::kPeriod, K::kIdentifier, K::kUnit, K::kEof}));
  EXPECT_EQ(kinds("1..2"), (std::vector<K>{K::kInteger, K::kExclusiveRange, K::kInteger, K::kEof}));
  EXPECT_EQ(kinds("1..=2"),
            (std::vector<K>{K::kInteger, K::kInclusiveRange, K::kInteger, K::kEof}));
  // An integer too large for i64 becomes a float, as Rhai's tokenizer does.
  EXPECT_EQ(first("99999999999999999999", arena).kind, K::kFloat);
}

TEST(RhaiLexerTest, MinusBeforeDigitIsANegativeLiteralOnlyWhereUnary) {
  Arena arena;
  Token t = first("-5", arena);
  EXPECT_EQ(t.kind, K::kInteger);
  EXPECT_EQ(t.int_value, -5);
  EXPECT_EQ(kinds("x -5"), (std::vector<K>{K::kIdentifier, K::kMinus, K::kInteger, K::kEof}));
  EXPECT_EQ(kinds("(-5)"), (std::vector<K>{K::kLeftParen, K::kInteger, K::kRightParen, K::kEof}));
  EXPECT_EQ(kinds("-x"), (std::vector<K>{K::kUnaryMinus, K::kIdentifier, K::kEof}));
}

TEST(RhaiLexerTest, StringEscapesAndLineContinuation) {
  Arena arena;
  EXPECT_EQ(first(R"("a\nb\t\\\"\x41\u00e9\U0001F600")", arena).text,
            "a\nb\t\\\"A\xC3\xA9\xF0\x9F\x98\x80");
  // A continuation skips the next line's whitespace up to the opening quote's column.
  EXPECT_EQ(lex("let s = \"ab\\\n         cd\"", arena)[3].text, "abcd");
  EXPECT_EQ(first("\"ab \\\n   cd\"", arena).text, "ab   cd");
  EXPECT_EQ(first(R"("say ""hi""")", arena).text, "say \"hi\"");
}

TEST(RhaiLexerTest, BacktickStringsAreRawAndInterpolate) {
  Arena arena;
  Token t = first("`a\\n${", arena);
  EXPECT_EQ(t.kind, K::kInterpolatedString);
  EXPECT_EQ(t.text, "a\\n");
  EXPECT_EQ(first("`line1\nline2`", arena).text, "line1\nline2");
  EXPECT_EQ(first("`{name}`", arena).kind, K::kString);

  Lexer lexer("`x ${y} z`", arena);
  EXPECT_EQ(lexer.next().kind, K::kInterpolatedString);
  EXPECT_EQ(lexer.next().kind, K::kLeftBrace);
  EXPECT_EQ(lexer.next().text, "y");
  EXPECT_EQ(lexer.next().kind, K::kRightBrace);
  lexer.resumeTemplate();
  Token rest = lexer.next();
  EXPECT_EQ(rest.kind, K::kString);
  EXPECT_EQ(rest.text, " z");
}

TEST(RhaiLexerTest, CharLiterals) {
  Arena arena;
  EXPECT_EQ(first("'a'", arena).char_value, U'a');
  EXPECT_EQ(first("'\\n'", arena).char_value, U'\n');
  EXPECT_EQ(first("'\xC3\xA9'", arena).char_value, U'\u00e9');
  EXPECT_EQ(lexError("''"), "Invalid character: ''");
  EXPECT_EQ(lexError("'ab'"), "Invalid character: 'ab'");
}

TEST(RhaiLexerTest, KeywordsReservedWordsAndIdentifiers) {
  EXPECT_EQ(kinds("let const fn private import export as global"),
            (std::vector<K>{K::kLet, K::kConst, K::kFn, K::kPrivate, K::kImport, K::kExport, K::kAs,
                            K::kIdentifier, K::kEof}));
  EXPECT_EQ(kinds("switch do while until loop for in break continue return throw try catch _"),
            (std::vector<K>{K::kSwitch, K::kDo, K::kWhile, K::kUntil, K::kLoop, K::kFor, K::kIn,
                            K::kBreak, K::kContinue, K::kReturn, K::kThrow, K::kTry, K::kCatch,
                            K::kUnderscore, K::kEof}));
  Arena arena;
  for (std::string_view word : {"this", "Fn", "call", "curry", "is_def_var", "new", "default",
                                "var", "null", "type_of", "print"}) {
    Token t = first(word, arena);
    EXPECT_EQ(t.kind, K::kReserved) << word;
    EXPECT_EQ(t.text, word);
  }
  EXPECT_EQ(first("is_def_fn", arena).kind, K::kIdentifier);
  EXPECT_EQ(first("override", arena).kind, K::kIdentifier);
  EXPECT_EQ(lexError("__"), "Variable name is not proper: '__'");
}

TEST(RhaiLexerTest, OperatorsAndPunctuation) {
  EXPECT_EQ(kinds("a?.b?[c] ?? d :: e => f | g || h ** i **= j <<= k >>= l"),
            (std::vector<K>{K::kIdentifier,
                            K::kElvis,
                            K::kIdentifier,
                            K::kQuestionBracket,
                            K::kIdentifier,
                            K::kRightBracket,
                            K::kDoubleQuestion,
                            K::kIdentifier,
                            K::kDoubleColon,
                            K::kIdentifier,
                            K::kDoubleArrow,
                            K::kIdentifier,
                            K::kPipe,
                            K::kIdentifier,
                            K::kOr,
                            K::kIdentifier,
                            K::kPowerOf,
                            K::kIdentifier,
                            K::kPowerOfAssign,
                            K::kIdentifier,
                            K::kLeftShiftAssign,
                            K::kIdentifier,
                            K::kRightShiftAssign,
                            K::kIdentifier,
                            K::kEof}));
  EXPECT_EQ(kinds("#{ } () !in !inx != ! "),
            (std::vector<K>{K::kMapStart, K::kRightBrace, K::kUnit, K::kNotIn, K::kBang,
                            K::kIdentifier, K::kNotEqualsTo, K::kBang, K::kEof}));
  EXPECT_EQ(kinds("+= -= *= /= %= &= |= ^= && & ^ < <= > >= == = ; : , ."),
            (std::vector<K>{K::kPlusAssign,
                            K::kMinusAssign,
                            K::kMultiplyAssign,
                            K::kDivideAssign,
                            K::kModuloAssign,
                            K::kAndAssign,
                            K::kOrAssign,
                            K::kXOrAssign,
                            K::kAnd,
                            K::kAmpersand,
                            K::kXOr,
                            K::kLessThan,
                            K::kLessThanEqualsTo,
                            K::kGreaterThan,
                            K::kGreaterThanEqualsTo,
                            K::kEqualsTo,
                            K::kEquals,
                            K::kSemiColon,
                            K::kColon,
                            K::kComma,
                            K::kPeriod,
                            K::kEof}));
}

TEST(RhaiLexerTest, CommentsNestAndDocCommentsAreSkipped) {
  EXPECT_EQ(kinds("a // x\n/* 1 /* 2 */ 3 */ b /// doc\n/** doc */ c //! module"),
            (std::vector<K>{K::kIdentifier, K::kIdentifier, K::kIdentifier, K::kEof}));
}

TEST(RhaiLexerTest, PositionsCountCharactersFromOne) {
  Arena arena;
  std::vector<Token> tokens = lex("let x = 1;\n  \"\xC3\xA9\" + y", arena);
  EXPECT_EQ(tokens[0].pos, (Position{1, 1}));
  EXPECT_EQ(tokens[1].pos, (Position{1, 5}));
  EXPECT_EQ(tokens[4].pos, (Position{1, 10}));
  EXPECT_EQ(tokens[5].pos, (Position{2, 3}));
  EXPECT_EQ(tokens[6].pos, (Position{2, 7}));  // é counts as one position
  EXPECT_EQ(tokens[7].pos, (Position{2, 9}));
  EXPECT_EQ(tokens[8].pos, (Position{2, 10}));  // EOF is just past the end
}

TEST(RhaiLexerTest, LexicalErrorsUseRhaiMessages) {
  EXPECT_EQ(lexError("\"abc"), "Open string is not terminated");
  EXPECT_EQ(lexError("\"abc\ndef\""), "Open string is not terminated");
  EXPECT_EQ(lexError("`abc"), "Open string is not terminated");
  EXPECT_EQ(lexError(R"("\q")"), "Invalid escape sequence: '\\q'");
  EXPECT_EQ(lexError(R"("\xZZ")"), "Invalid escape sequence: '\\xZ'");
  EXPECT_EQ(lexError("0x"), "Invalid number: ''");
  EXPECT_EQ(lexError("a === b"),
            "'===' is not a valid operator. This is not JavaScript! Should it be '=='?");
  EXPECT_EQ(lexError("a := b"),
            "':=' is not a valid assignment operator. This is not Go or Pascal! Should it be "
            "simply '='?");
  EXPECT_EQ(lexError("a -> b"), "'->' is not a valid symbol. This is not C or C++!");
  EXPECT_EQ(lexError("\xC3\xA9"), "Unexpected '\xC3\xA9'");
}

}  // namespace
}  // namespace plexus::rhai
