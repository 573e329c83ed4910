#include "src/rhai/lexer.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "src/common/utf8.h"

namespace plexus::rhai {
namespace {

struct Keyword {
  std::string_view text;
  TokenKind kind;
};

// tokenizer.rs KEYWORDS_LIST, the identifier-shaped entries.
constexpr Keyword kKeywords[] = {
    {"true", TokenKind::kTrue},       {"false", TokenKind::kFalse},
    {"let", TokenKind::kLet},         {"const", TokenKind::kConst},
    {"if", TokenKind::kIf},           {"else", TokenKind::kElse},
    {"switch", TokenKind::kSwitch},   {"do", TokenKind::kDo},
    {"while", TokenKind::kWhile},     {"until", TokenKind::kUntil},
    {"loop", TokenKind::kLoop},       {"for", TokenKind::kFor},
    {"in", TokenKind::kIn},           {"continue", TokenKind::kContinue},
    {"break", TokenKind::kBreak},     {"return", TokenKind::kReturn},
    {"throw", TokenKind::kThrow},     {"try", TokenKind::kTry},
    {"catch", TokenKind::kCatch},     {"fn", TokenKind::kFn},
    {"private", TokenKind::kPrivate}, {"import", TokenKind::kImport},
    {"export", TokenKind::kExport},   {"as", TokenKind::kAs},
    {"_", TokenKind::kUnderscore},
};

// tokenizer.rs RESERVED_LIST, identifier-shaped entries: {word, callable, method-callable}.
struct Reserved {
  std::string_view text;
  bool callable;
  bool method;
};
constexpr Reserved kReservedWords[] = {
    {"use", false, false},    {"case", false, false},      {"async", false, false},
    {"public", false, false}, {"package", false, false},   {"super", false, false},
    {"var", false, false},    {"protected", false, false}, {"spawn", false, false},
    {"shared", false, false}, {"is", false, false},        {"sync", false, false},
    {"curry", true, true},    {"static", false, false},    {"default", false, false},
    {"print", true, false},   {"this", false, false},      {"is_def_var", true, false},
    {"thread", false, false}, {"yield", false, false},     {"new", false, false},
    {"call", true, true},     {"match", false, false},     {"eval", true, false},
    {"await", false, false},  {"null", false, false},      {"debug", true, false},
    {"type_of", true, true},  {"with", false, false},      {"void", false, false},
    {"nil", false, false},    {"module", false, false},    {"Fn", true, false},
    {"go", false, false},     {"goto", false, false},
};

const Reserved* findReserved(std::string_view name) {
  for (const Reserved& r : kReservedWords) {
    if (r.text == name) return &r;
  }
  return nullptr;
}

bool isAsciiAlpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(int c) { return c >= '0' && c <= '9'; }
bool isIdContinue(int c) { return isAsciiAlpha(c) || isDigit(c) || c == '_'; }
bool isAsciiWhitespace(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
int hexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the first code point of UTF-8 text (length 1 and U+FFFD when malformed).
char32_t decodeUtf8(std::string_view s, size_t& length) {
  auto b0 = static_cast<unsigned char>(s[0]);
  length = 1;
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0 || s.size() <= static_cast<size_t>(extra)) return 0xFFFD;
  char32_t cp = b0 & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  length = extra + 1;
  return cp;
}

// Token::is_next_unary: after these tokens a `+`/`-` is a unary operator.
bool isNextUnary(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSemiColon:
    case TokenKind::kColon:
    case TokenKind::kComma:
    case TokenKind::kDoubleQuestion:
    case TokenKind::kExclusiveRange:
    case TokenKind::kInclusiveRange:
    case TokenKind::kLeftBrace:
    case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket:
    case TokenKind::kPlus:
    case TokenKind::kPlusAssign:
    case TokenKind::kUnaryPlus:
    case TokenKind::kMinus:
    case TokenKind::kMinusAssign:
    case TokenKind::kUnaryMinus:
    case TokenKind::kMultiply:
    case TokenKind::kMultiplyAssign:
    case TokenKind::kDivide:
    case TokenKind::kDivideAssign:
    case TokenKind::kModulo:
    case TokenKind::kModuloAssign:
    case TokenKind::kPowerOf:
    case TokenKind::kPowerOfAssign:
    case TokenKind::kLeftShift:
    case TokenKind::kLeftShiftAssign:
    case TokenKind::kRightShift:
    case TokenKind::kRightShiftAssign:
    case TokenKind::kEquals:
    case TokenKind::kEqualsTo:
    case TokenKind::kNotEqualsTo:
    case TokenKind::kLessThan:
    case TokenKind::kGreaterThan:
    case TokenKind::kBang:
    case TokenKind::kLessThanEqualsTo:
    case TokenKind::kGreaterThanEqualsTo:
    case TokenKind::kPipe:
    case TokenKind::kAmpersand:
    case TokenKind::kIf:
    case TokenKind::kWhile:
    case TokenKind::kUntil:
    case TokenKind::kIn:
    case TokenKind::kNotIn:
    case TokenKind::kAnd:
    case TokenKind::kAndAssign:
    case TokenKind::kOr:
    case TokenKind::kOrAssign:
    case TokenKind::kXOr:
    case TokenKind::kXOrAssign:
    case TokenKind::kReturn:
    case TokenKind::kThrow:
    case TokenKind::kQuestionBracket:
    case TokenKind::kLexError: return true;
    default: return false;
  }
}

// TokenIterator::next: reserved symbols that get a tailored message.
std::string_view improperSymbolMessage(std::string_view s) {
  if (s == "===")
    return "'===' is not a valid operator. This is not JavaScript! Should it be '=='?";
  if (s == "!==")
    return "'!==' is not a valid operator. This is not JavaScript! Should it be '!='?";
  if (s == "->") return "'->' is not a valid symbol. This is not C or C++!";
  if (s == "<-") return "'<-' is not a valid symbol. This is not Go! Should it be '<='?";
  if (s == ":=") {
    return "':=' is not a valid assignment operator. This is not Go or Pascal! Should it be "
           "simply '='?";
  }
  if (s == ":;") return "':;' is not a valid symbol. Should it be '::'?";
  if (s == "::<") return "'::<>' is not a valid symbol. This is not Rust! Should it be '::'?";
  if (s == "(*" || s == "*)") {
    return "'(* .. *)' is not a valid comment format. This is not Pascal! Should it be "
           "'/* .. */'?";
  }
  if (s == "# {") return "'#' is not a valid symbol. Should it be '#{'?";
  return {};
}

}  // namespace

bool isValidIdentifier(std::string_view name) {
  bool first_alphabetic = false;
  for (char c : name) {
    if (c == '_') continue;
    if (isAsciiAlpha(c)) {
      first_alphabetic = true;
    } else if (!first_alphabetic || !isDigit(c)) {
      return false;
    }
  }
  return first_alphabetic;
}

bool isReservedCallable(std::string_view name) {
  const Reserved* r = findReserved(name);
  return r != nullptr && r->callable;
}

bool isReservedMethod(std::string_view name) {
  const Reserved* r = findReserved(name);
  return r != nullptr && r->method;
}

int Lexer::peekChar(uint32_t ahead) const {
  return i_ + ahead < source_.size() ? static_cast<unsigned char>(source_[i_ + ahead]) : -1;
}

void Lexer::advance() {
  auto c = static_cast<unsigned char>(source_[i_++]);
  if ((c & 0xC0) != 0x80) ++pos_.pos;
  // Continuation bytes of the same character ride along.
  while (i_ < source_.size() && (static_cast<unsigned char>(source_[i_]) & 0xC0) == 0x80 &&
         c >= 0xC0) {
    ++i_;
  }
  if (c == '\n') pos_ = {pos_.line + 1, 0};
}

Token Lexer::make(TokenKind kind, Position at) {
  Token t;
  t.kind = kind;
  t.pos = at;
  return t;
}

Token Lexer::error(Position at, std::string_view message) {
  Token t = make(TokenKind::kLexError, at);
  t.text = arena_.copy(message);
  return t;
}

Token Lexer::next() {
  Token t = readToken();
  next_cannot_be_unary_ = !isNextUnary(t.kind);
  return t;
}

Token Lexer::readNumber(Position start, bool negated) {
  std::string text = negated ? "-" : "";
  int radix = 10;
  bool has_period = false;
  bool has_e = false;
  auto valid = [&](int c) {
    switch (radix) {
      case 16: return hexValue(c) >= 0;
      case 8: return c >= '0' && c <= '7';
      case 2: return c == '0' || c == '1';
      default: return isDigit(c);
    }
  };
  char first = source_[i_];
  text += first;
  advance();
  for (;;) {
    int c = peekChar();
    if (c == '_') {
      advance();
    } else if (c >= 0 && valid(c)) {
      text += static_cast<char>(c);
      advance();
    } else if (c == '.' && !has_period && radix == 10) {
      int after = peekChar(1);
      if (isDigit(after)) {
        text += '.';
        advance();
        has_period = true;
      } else if (after >= 0 && after != '_' && after != '.' && !isAsciiAlpha(after)) {
        // `1.` followed by a symbol is a float (`1.;`), but `1.abs()` and `1..2` are not.
        text += ".0";
        advance();
        has_period = true;
      } else {
        break;
      }
    } else if ((c == 'e' || c == 'E') && !has_e && radix == 10) {
      int after = peekChar(1);
      if (isDigit(after)) {
        text += 'e';
        advance();
      } else if (after == '+' || after == '-') {
        text += 'e';
        text += static_cast<char>(after);
        advance();
        advance();
      } else {
        break;
      }
      has_e = has_period = true;
    } else if ((c == 'x' || c == 'o' || c == 'b' || c == 'X' || c == 'O' || c == 'B') &&
               first == '0' && text.size() - (negated ? 1 : 0) <= 1) {
      text += static_cast<char>(c);
      advance();
      radix = (c == 'x' || c == 'X') ? 16 : (c == 'o' || c == 'O') ? 8 : 2;
    } else {
      break;
    }
  }
  if (radix != 10) {
    // Rhai parses the digits after the prefix as u64; a negated radix literal is malformed.
    std::string digits = text.substr(negated ? 3 : 2);
    errno = 0;
    char* end = nullptr;
    unsigned long long value = std::strtoull(digits.c_str(), &end, radix);
    if (negated || digits.empty() || errno != 0 || *end != '\0') {
      return error(start, "Invalid number: '" + (negated ? text.substr(3) : digits) + "'");
    }
    Token t = make(TokenKind::kInteger, start);
    t.int_value = static_cast<int64_t>(value);
    return t;
  }
  errno = 0;
  char* end = nullptr;
  bool integral = !has_period;
  if (integral) {
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno == 0 && *end == '\0') {
      Token t = make(TokenKind::kInteger, start);
      t.int_value = value;
      return t;
    }
  }
  errno = 0;
  double value = std::strtod(text.c_str(), &end);
  if (*end != '\0') return error(start, "Invalid number: '" + text + "'");
  Token t = make(TokenKind::kFloat, start);
  t.float_value = value;
  return t;
}

Token Lexer::readIdentifier(Position start) {
  uint32_t begin = i_;
  advance();
  while (isIdContinue(peekChar())) advance();
  std::string_view name = source_.substr(begin, i_ - begin);
  for (const Keyword& k : kKeywords) {
    if (k.text == name) return make(k.kind, start);
  }
  if (findReserved(name) != nullptr) {
    Token t = make(TokenKind::kReserved, start);
    t.text = name;
    return t;
  }
  if (!isValidIdentifier(name)) {
    return error(start, "Variable name is not proper: '" + std::string(name) + "'");
  }
  Token t = make(TokenKind::kIdentifier, start);
  t.text = name;
  return t;
}

// tokenizer.rs parse_string_literal.
Token Lexer::readString(Position start, char quote, bool verbatim, bool interpolate) {
  std::string result;
  std::string escape;
  uint32_t skip_space_until = 0;
  bool interpolated = false;
  for (;;) {
    if (i_ >= source_.size()) {
      // A verbatim string or a pending line continuation reaching EOF is unterminated too.
      return error(start, "Open string is not terminated");
    }
    size_t length = 1;
    char32_t ch = decodeUtf8(source_.substr(i_), length);
    advance();
    if (interpolate && ch == '$' && escape.empty() && peekChar() == '{') {
      interpolated = true;
      break;
    }
    if (ch == static_cast<unsigned char>(quote) && escape.empty()) {
      if (peekChar() == quote) {
        advance();  // doubled quote: one literal quote
      } else {
        break;
      }
    }
    if (ch == '\r' && peekChar() == '\n') continue;
    if (!escape.empty()) {
      switch (ch) {
        case 'r':
          escape.clear();
          result += '\r';
          continue;
        case 'n':
          escape.clear();
          result += '\n';
          continue;
        case 't':
          escape.clear();
          result += '\t';
          continue;
        case '\\':
          escape.clear();
          result += '\\';
          continue;
        case 'x':
        case 'u':
        case 'U': {
          std::string seq = "\\";
          seq += static_cast<char>(ch);
          escape.clear();
          int len = ch == 'x' ? 2 : ch == 'u' ? 4 : 8;
          uint32_t value = 0;
          for (int k = 0; k < len; ++k) {
            if (i_ >= source_.size()) return error(pos_, "Invalid escape sequence: '" + seq + "'");
            size_t n = 1;
            char32_t d = decodeUtf8(source_.substr(i_), n);
            seq.append(source_.substr(i_, n));
            advance();
            int hex = d < 0x80 ? hexValue(static_cast<int>(d)) : -1;
            if (hex < 0) return error(pos_, "Invalid escape sequence: '" + seq + "'");
            value = value * 16 + static_cast<uint32_t>(hex);
          }
          if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
            return error(pos_, "Invalid escape sequence: '" + seq + "'");
          }
          appendUtf8(result, value);
          continue;
        }
        case '\n':
          // Line continuation: skip the next line's indentation up to the opening quote.
          escape.clear();
          skip_space_until = start.pos + 1;
          continue;
        default:
          if (ch == static_cast<unsigned char>(quote)) {
            escape.clear();
            result += quote;
            continue;
          }
          escape += static_cast<char>(ch < 0x80 ? ch : '?');
          if (ch >= 0x80) {
            escape.pop_back();
            appendUtf8(escape, ch);
          }
          return error(pos_, "Invalid escape sequence: '" + escape + "'");
      }
    }
    if (ch == '\\' && !verbatim) {
      escape = "\\";
      continue;
    }
    if (ch == '\n') {
      if (verbatim) {
        result += '\n';
        continue;
      }
      return error(start, "Open string is not terminated");
    }
    if (ch < 0x80 && isAsciiWhitespace(static_cast<int>(ch)) && pos_.pos < skip_space_until) {
      continue;
    }
    appendUtf8(result, ch);
    skip_space_until = 0;
  }
  Token t = make(interpolated ? TokenKind::kInterpolatedString : TokenKind::kString, start);
  t.text = arena_.copy(result);
  return t;
}

Token Lexer::readToken() {
  if (in_template_) {
    in_template_ = false;
    return readString(Position{pos_.line, pos_.pos + 1}, '`', true, true);
  }
  bool negated = false;
  Position negated_pos;
  while (i_ < source_.size()) {
    int c = peekChar();
    int cc = peekChar(1);
    if (negated) return readNumber(negated_pos, true);
    if (c >= 0x80) {
      size_t length = 1;
      char32_t ch = decodeUtf8(source_.substr(i_), length);
      advance();
      std::string text;
      appendUtf8(text, ch);
      return error(pos_, "Unexpected '" + text + "'");
    }
    Position start{pos_.line, pos_.pos + 1};
    if (isDigit(c)) return readNumber(start, false);
    if (isAsciiAlpha(c) || c == '_') return readIdentifier(start);
    advance();
    auto eat = [&](TokenKind kind) {
      advance();
      return make(kind, start);
    };
    auto reserved = [&](std::string_view symbol, int extra) {
      for (int k = 0; k < extra; ++k) advance();
      std::string_view message = improperSymbolMessage(symbol);
      if (!message.empty()) return error(start, message);
      Token t = make(TokenKind::kReserved, start);
      t.text = symbol;
      return t;
    };
    switch (c) {
      case '"': return readString(start, '"', false, false);
      case '`':
        if (peekChar() == '\r') {
          advance();
          if (peekChar() == '\n') advance();
        } else if (peekChar() == '\n') {
          advance();
        }
        return readString(start, '`', true, true);
      case '\'': {
        if (cc == '\'') return error(start, "Invalid character: ''");
        Token t = readString(start, '\'', false, false);
        if (t.kind == TokenKind::kLexError) return t;
        size_t length = 0;
        if (t.text.empty()) return error(start, "Invalid character: ''");
        char32_t ch = decodeUtf8(t.text, length);
        if (length != t.text.size()) {
          return error(start, "Invalid character: '" + std::string(t.text) + "'");
        }
        Token out = make(TokenKind::kChar, start);
        out.char_value = ch;
        return out;
      }
      case '{': return make(TokenKind::kLeftBrace, start);
      case '}': return make(TokenKind::kRightBrace, start);
      case '(':
        if (cc == ')') return eat(TokenKind::kUnit);
        if (cc == '*') return reserved("(*", 1);
        return make(TokenKind::kLeftParen, start);
      case ')': return make(TokenKind::kRightParen, start);
      case '[': return make(TokenKind::kLeftBracket, start);
      case ']': return make(TokenKind::kRightBracket, start);
      case '#':
        if (cc == '{') return eat(TokenKind::kMapStart);
        if (cc == '!') return reserved("#!", 0);
        if (cc == ' ') {
          advance();
          if (peekChar() == '{') return reserved("# {", 1);
          return reserved("#", 0);
        }
        return reserved("#", 0);
      case '+':
        if (cc == '=') return eat(TokenKind::kPlusAssign);
        if (cc == '+') return reserved("++", 1);
        return make(next_cannot_be_unary_ ? TokenKind::kPlus : TokenKind::kUnaryPlus, start);
      case '-':
        if (isDigit(cc)) {
          if (next_cannot_be_unary_) return make(TokenKind::kMinus, start);
          negated = true;
          negated_pos = start;
          continue;
        }
        if (cc == '=') return eat(TokenKind::kMinusAssign);
        if (cc == '>') return reserved("->", 1);
        if (cc == '-') return reserved("--", 1);
        return make(next_cannot_be_unary_ ? TokenKind::kMinus : TokenKind::kUnaryMinus, start);
      case '*':
        if (cc == ')') return reserved("*)", 1);
        if (cc == '=') return eat(TokenKind::kMultiplyAssign);
        if (cc == '*') {
          advance();
          if (peekChar() == '=') return eat(TokenKind::kPowerOfAssign);
          return make(TokenKind::kPowerOf, start);
        }
        return make(TokenKind::kMultiply, start);
      case '/':
        if (cc == '/') {
          while (i_ < source_.size() && source_[i_] != '\n') advance();
          continue;
        }
        if (cc == '*') {
          // Block comments nest; one left open at EOF just ends the script, as in Rhai.
          advance();
          int level = 1;
          while (level > 0 && i_ < source_.size()) {
            int d = peekChar();
            advance();
            if (d == '/' && peekChar() == '*') {
              advance();
              ++level;
            } else if (d == '*' && peekChar() == '/') {
              advance();
              --level;
            }
          }
          continue;
        }
        if (cc == '=') return eat(TokenKind::kDivideAssign);
        return make(TokenKind::kDivide, start);
      case ';': return make(TokenKind::kSemiColon, start);
      case ',': return make(TokenKind::kComma, start);
      case '.':
        if (cc == '.') {
          advance();
          if (peekChar() == '.') return reserved("...", 1);
          if (peekChar() == '=') return eat(TokenKind::kInclusiveRange);
          return make(TokenKind::kExclusiveRange, start);
        }
        return make(TokenKind::kPeriod, start);
      case '=':
        if (cc == '=') {
          advance();
          if (peekChar() == '=') return reserved("===", 1);
          return make(TokenKind::kEqualsTo, start);
        }
        if (cc == '>') return eat(TokenKind::kDoubleArrow);
        return make(TokenKind::kEquals, start);
      case ':':
        if (cc == ':') {
          advance();
          if (peekChar() == '<') return reserved("::<", 1);
          return make(TokenKind::kDoubleColon, start);
        }
        if (cc == '=') return reserved(":=", 1);
        if (cc == ';') return reserved(":;", 1);
        return make(TokenKind::kColon, start);
      case '<':
        if (cc == '=') return eat(TokenKind::kLessThanEqualsTo);
        if (cc == '-') return reserved("<-", 1);
        if (cc == '<') {
          advance();
          if (peekChar() == '=') return eat(TokenKind::kLeftShiftAssign);
          return make(TokenKind::kLeftShift, start);
        }
        if (cc == '|') return reserved("<|", 1);
        return make(TokenKind::kLessThan, start);
      case '>':
        if (cc == '=') return eat(TokenKind::kGreaterThanEqualsTo);
        if (cc == '>') {
          advance();
          if (peekChar() == '=') return eat(TokenKind::kRightShiftAssign);
          return make(TokenKind::kRightShift, start);
        }
        return make(TokenKind::kGreaterThan, start);
      case '!':
        if (cc == 'i' && peekChar(1) == 'n' && !isIdContinue(peekChar(2))) {
          advance();
          advance();
          return make(TokenKind::kNotIn, start);
        }
        if (cc == '=') {
          advance();
          if (peekChar() == '=') return reserved("!==", 1);
          return make(TokenKind::kNotEqualsTo, start);
        }
        if (cc == '.') return reserved("!.", 1);
        return make(TokenKind::kBang, start);
      case '|':
        if (cc == '|') return eat(TokenKind::kOr);
        if (cc == '=') return eat(TokenKind::kOrAssign);
        if (cc == '>') return reserved("|>", 1);
        return make(TokenKind::kPipe, start);
      case '&':
        if (cc == '&') return eat(TokenKind::kAnd);
        if (cc == '=') return eat(TokenKind::kAndAssign);
        return make(TokenKind::kAmpersand, start);
      case '^':
        if (cc == '=') return eat(TokenKind::kXOrAssign);
        return make(TokenKind::kXOr, start);
      case '%':
        if (cc == '=') return eat(TokenKind::kModuloAssign);
        return make(TokenKind::kModulo, start);
      case '~': return reserved("~", 0);
      case '@': return reserved("@", 0);
      case '$': return reserved("$", 0);
      case '?':
        if (cc == '.') return eat(TokenKind::kElvis);
        if (cc == '?') return eat(TokenKind::kDoubleQuestion);
        if (cc == '[') return eat(TokenKind::kQuestionBracket);
        return reserved("?", 0);
      default:
        if (isAsciiWhitespace(c)) continue;
        return error(start, "Unexpected '" + std::string(1, static_cast<char>(c)) + "'");
    }
  }
  return make(TokenKind::kEof, Position{pos_.line, pos_.pos + 1});
}

}  // namespace plexus::rhai
