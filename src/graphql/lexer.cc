#include "src/graphql/lexer.h"

#include <array>
#include <cstdio>
#include <vector>

#include "src/common/utf8.h"

namespace plexus::graphql {
namespace {

// Character classes of the ASCII range: bit 1 name start, bit 2 digit.
constexpr std::array<uint8_t, 256> kCharClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = 1;
  table['_'] = 1;
  for (int c = '0'; c <= '9'; ++c) table[c] = 2;
  return table;
}();

bool isDigit(int c) { return c >= '0' && c <= '9'; }
bool isNameStart(int c) { return kCharClass[static_cast<unsigned char>(c)] == 1; }
bool isNameContinue(int c) { return kCharClass[static_cast<unsigned char>(c)] != 0; }

// Decodes one UTF-8 sequence at `s[i]`. Returns the code point and sets `length`; returns -1
// (length 1) for a malformed sequence, surrogates included.
int32_t decodeUtf8(std::string_view s, uint32_t i, uint32_t& length) {
  auto byte = [&](uint32_t k) -> int {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : -1;
  };
  int b0 = byte(i);
  length = 1;
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0 || b0 >= 0xF8) return -1;
  int32_t cp = b0 & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    int b = byte(i + k);
    if (b < 0 || (b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  length = extra + 1;
  return cp;
}

int hexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool isScalarValue(int64_t cp) {
  return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF);
}

// graphql-js dedentBlockStringLines (spec §2.9.4 BlockStringValue).
std::string dedentBlockString(const std::vector<std::string_view>& lines) {
  size_t common_indent = SIZE_MAX;
  int64_t first_non_empty = -1;
  int64_t last_non_empty = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    size_t indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
    if (indent == line.size()) continue;
    if (first_non_empty < 0) first_non_empty = static_cast<int64_t>(i);
    last_non_empty = static_cast<int64_t>(i);
    if (i != 0 && indent < common_indent) common_indent = indent;
  }
  std::string out;
  if (first_non_empty < 0) return out;
  for (int64_t i = first_non_empty; i <= last_non_empty; ++i) {
    std::string_view line = lines[i];
    if (i != 0)
      line = common_indent >= line.size() ? std::string_view() : line.substr(common_indent);
    if (i != first_non_empty) out += '\n';
    out.append(line);
  }
  return out;
}

}  // namespace

std::string_view tokenKindDescription(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSof: return "<SOF>";
    case TokenKind::kEof: return "<EOF>";
    case TokenKind::kBang: return "\"!\"";
    case TokenKind::kDollar: return "\"$\"";
    case TokenKind::kAmp: return "\"&\"";
    case TokenKind::kParenL: return "\"(\"";
    case TokenKind::kParenR: return "\")\"";
    case TokenKind::kSpread: return "\"...\"";
    case TokenKind::kColon: return "\":\"";
    case TokenKind::kEquals: return "\"=\"";
    case TokenKind::kAt: return "\"@\"";
    case TokenKind::kBracketL: return "\"[\"";
    case TokenKind::kBracketR: return "\"]\"";
    case TokenKind::kBraceL: return "\"{\"";
    case TokenKind::kPipe: return "\"|\"";
    case TokenKind::kBraceR: return "\"}\"";
    case TokenKind::kName: return "Name";
    case TokenKind::kInt: return "Int";
    case TokenKind::kFloat: return "Float";
    case TokenKind::kString: return "String";
    case TokenKind::kBlockString: return "BlockString";
  }
  return "?";
}

ast::SourceLocation Lexer::locationOf(uint32_t offset) const {
  uint32_t line = 1;
  uint32_t column = 1;
  for (uint32_t i = 0; i < offset && i < source_.size();) {
    char c = source_[i];
    if (c == '\n' || c == '\r') {
      i += (c == '\r' && i + 1 < source_.size() && source_[i + 1] == '\n') ? 2 : 1;
      ++line;
      column = 1;
      continue;
    }
    uint32_t length = 1;
    int32_t cp = decodeUtf8(source_, i, length);
    column += cp >= 0x10000 ? 2 : 1;
    i += length;
  }
  return {line, column};
}

Token Lexer::make(TokenKind kind, uint32_t start, uint32_t end, std::string_view value) {
  Token token{kind, start, end, {line_, start - line_start_ + 1}, value};
  if (last_non_ascii_ >= static_cast<int64_t>(line_start_)) {
    // Count UTF-16 code units, as JavaScript columns do.
    uint32_t column = 1;
    for (uint32_t i = line_start_; i < start;) {
      uint32_t length = 1;
      column += decodeUtf8(source_, i, length) >= 0x10000 ? 2 : 1;
      i += length;
    }
    token.loc.column = column;
  }
  return token;
}

Token Lexer::fail(uint32_t at, std::string message) {
  if (!failed()) {
    error_message_ = "Syntax Error: " + std::move(message);
    error_location_ = locationOf(at);
  }
  pos_ = static_cast<uint32_t>(source_.size());
  return Token{TokenKind::kEof, pos_, pos_, error_location_, {}};
}

void Lexer::newLine(uint32_t next_line_start) {
  ++line_;
  line_start_ = next_line_start;
}

std::string Lexer::describeCharAt(uint32_t at) const {
  if (at >= source_.size()) return "<EOF>";
  uint32_t length = 1;
  int32_t cp = decodeUtf8(source_, at, length);
  if (cp < 0) cp = static_cast<unsigned char>(source_[at]);
  if (cp >= 0x20 && cp <= 0x7E) return cp == '"' ? "'\"'" : "\"" + std::string(1, char(cp)) + "\"";
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

Token Lexer::next() {
  const uint32_t size = static_cast<uint32_t>(source_.size());
  while (pos_ < size) {
    // Indentation is most of a pretty-printed query: skip runs of it without the dispatch.
    while (source_[pos_] == ' ' || source_[pos_] == '\t' || source_[pos_] == ',') {
      if (++pos_ == size) return make(TokenKind::kEof, size, size);
    }
    const uint32_t start = pos_;
    const char c = source_[pos_];
    switch (c) {
      case ' ':
      case '\t':
      case ',': ++pos_; continue;
      case '\n':
        ++pos_;
        newLine(pos_);
        continue;
      case '\r':
        pos_ += (pos_ + 1 < size && source_[pos_ + 1] == '\n') ? 2 : 1;
        newLine(pos_);
        continue;
      case '#':
        // Comment: to the end of the line, or to the first invalid character.
        ++pos_;
        while (pos_ < size && source_[pos_] != '\n' && source_[pos_] != '\r') {
          if (static_cast<unsigned char>(source_[pos_]) < 0x80) {
            ++pos_;
            continue;
          }
          uint32_t length = 1;
          if (decodeUtf8(source_, pos_, length) < 0) break;
          last_non_ascii_ = pos_;
          pos_ += length;
        }
        continue;
      case '!': ++pos_; return make(TokenKind::kBang, start, pos_);
      case '$': ++pos_; return make(TokenKind::kDollar, start, pos_);
      case '&': ++pos_; return make(TokenKind::kAmp, start, pos_);
      case '(': ++pos_; return make(TokenKind::kParenL, start, pos_);
      case ')': ++pos_; return make(TokenKind::kParenR, start, pos_);
      case ':': ++pos_; return make(TokenKind::kColon, start, pos_);
      case '=': ++pos_; return make(TokenKind::kEquals, start, pos_);
      case '@': ++pos_; return make(TokenKind::kAt, start, pos_);
      case '[': ++pos_; return make(TokenKind::kBracketL, start, pos_);
      case ']': ++pos_; return make(TokenKind::kBracketR, start, pos_);
      case '{': ++pos_; return make(TokenKind::kBraceL, start, pos_);
      case '|': ++pos_; return make(TokenKind::kPipe, start, pos_);
      case '}': ++pos_; return make(TokenKind::kBraceR, start, pos_);
      case '.':
        if (source_.substr(pos_, 3) == "...") {
          pos_ += 3;
          return make(TokenKind::kSpread, start, pos_);
        }
        break;
      case '"':
        if (source_.substr(pos_, 3) == "\"\"\"") return readBlockString(start);
        return readString(start);
      default: break;
    }
    if (isDigit(c) || c == '-') return readNumber(start);
    if (isNameStart(c)) {
      ++pos_;
      while (pos_ < size && isNameContinue(source_[pos_])) ++pos_;
      return make(TokenKind::kName, start, pos_, source_.substr(start, pos_ - start));
    }
    if (source_.substr(pos_, 3) == "\xEF\xBB\xBF") {  // byte-order mark, U+FEFF
      last_non_ascii_ = pos_;
      pos_ += 3;
      continue;
    }
    if (c == '\'') {
      return fail(
          start, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    uint32_t length = 1;
    bool valid = decodeUtf8(source_, pos_, length) >= 0 || static_cast<unsigned char>(c) < 0x80;
    return fail(start, std::string(valid ? "Unexpected character: " : "Invalid character: ") +
                           describeCharAt(start) + ".");
  }
  return make(TokenKind::kEof, size, size);
}

bool Lexer::readDigits() {
  const uint32_t size = static_cast<uint32_t>(source_.size());
  if (pos_ >= size || !isDigit(source_[pos_])) {
    fail(pos_, "Invalid number, expected digit but got: " + describeCharAt(pos_) + ".");
    return false;
  }
  while (pos_ < size && isDigit(source_[pos_])) ++pos_;
  return true;
}

// IntValue / FloatValue (spec §2.9.1, §2.9.2)
Token Lexer::readNumber(uint32_t start) {
  const uint32_t size = static_cast<uint32_t>(source_.size());
  auto at = [&](uint32_t i) { return i < size ? source_[i] : '\0'; };
  bool is_float = false;
  if (at(pos_) == '-') ++pos_;
  if (at(pos_) == '0') {
    ++pos_;
    if (isDigit(at(pos_))) {
      return fail(pos_, "Invalid number, unexpected digit after 0: " + describeCharAt(pos_) + ".");
    }
  } else if (!readDigits()) {
    return Token{TokenKind::kEof, pos_, pos_, error_location_, {}};
  }
  if (at(pos_) == '.') {
    is_float = true;
    ++pos_;
    if (!readDigits()) return Token{TokenKind::kEof, pos_, pos_, error_location_, {}};
  }
  if (at(pos_) == 'e' || at(pos_) == 'E') {
    is_float = true;
    ++pos_;
    if (at(pos_) == '+' || at(pos_) == '-') ++pos_;
    if (!readDigits()) return Token{TokenKind::kEof, pos_, pos_, error_location_, {}};
  }
  if (at(pos_) == '.' || isNameStart(at(pos_))) {
    return fail(pos_, "Invalid number, expected digit but got: " + describeCharAt(pos_) + ".");
  }
  return make(is_float ? TokenKind::kFloat : TokenKind::kInt, start, pos_,
              source_.substr(start, pos_ - start));
}

// StringValue (spec §2.9.4), single-quoted form with escapes.
Token Lexer::readString(uint32_t start) {
  const uint32_t size = static_cast<uint32_t>(source_.size());
  Token token = make(TokenKind::kString, start, start);
  pos_ = start + 1;
  uint32_t chunk_start = pos_;
  bool decoded = false;
  scratch_.clear();
  while (pos_ < size) {
    const unsigned char c = source_[pos_];
    if (c == '"') {
      std::string_view value;
      if (decoded) {
        scratch_.append(source_.substr(chunk_start, pos_ - chunk_start));
        value = arena_.copy(scratch_);
      } else {
        value = source_.substr(chunk_start, pos_ - chunk_start);
      }
      ++pos_;
      token.end = pos_;
      token.value = value;
      return token;
    }
    if (c == '\\') {
      decoded = true;
      scratch_.append(source_.substr(chunk_start, pos_ - chunk_start));
      const char e = pos_ + 1 < size ? source_[pos_ + 1] : '\0';
      uint32_t escape_size = 2;
      switch (e) {
        case '"': scratch_ += '"'; break;
        case '\\': scratch_ += '\\'; break;
        case '/': scratch_ += '/'; break;
        case 'b': scratch_ += '\b'; break;
        case 'f': scratch_ += '\f'; break;
        case 'n': scratch_ += '\n'; break;
        case 'r': scratch_ += '\r'; break;
        case 't': scratch_ += '\t'; break;
        case 'u': {
          auto hex4 = [&](uint32_t at) -> int32_t {
            int32_t v = 0;
            for (uint32_t k = 0; k < 4; ++k) {
              int h = at + k < size ? hexValue(source_[at + k]) : -1;
              if (h < 0) return -1;
              v = (v << 4) | h;
            }
            return v;
          };
          if (pos_ + 2 < size && source_[pos_ + 2] == '{') {
            // \u{...}: variable width.
            int64_t point = 0;
            uint32_t k = 3;
            bool ok = false;
            while (k < 12) {
              char d = pos_ + k < size ? source_[pos_ + k] : '\0';
              ++k;
              if (d == '}') {
                ok = k >= 5 && isScalarValue(point);
                break;
              }
              int h = hexValue(d);
              if (h < 0) break;
              point = (point << 4) | h;
            }
            if (!ok) {
              return fail(pos_, "Invalid Unicode escape sequence: \"" +
                                    std::string(source_.substr(pos_, k)) + "\".");
            }
            appendUtf8(scratch_, static_cast<uint32_t>(point));
            escape_size = k;
            break;
          }
          int32_t code = hex4(pos_ + 2);
          if (isScalarValue(code)) {
            appendUtf8(scratch_, code);
            escape_size = 6;
            break;
          }
          if (code >= 0xD800 && code <= 0xDBFF && source_.substr(pos_ + 6, 2) == "\\u") {
            int32_t trailing = hex4(pos_ + 8);
            if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
              appendUtf8(scratch_, 0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00));
              escape_size = 12;
              break;
            }
          }
          return fail(pos_, "Invalid Unicode escape sequence: \"" +
                                std::string(source_.substr(pos_, 6)) + "\".");
        }
        default:
          return fail(pos_, "Invalid character escape sequence: \"" +
                                std::string(source_.substr(pos_, 2)) + "\".");
      }
      pos_ += escape_size;
      chunk_start = pos_;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos_;
      continue;
    }
    uint32_t length = 1;
    if (decodeUtf8(source_, pos_, length) < 0) {
      return fail(pos_, "Invalid character within String: " + describeCharAt(pos_) + ".");
    }
    last_non_ascii_ = pos_;
    pos_ += length;
  }
  return fail(pos_, "Unterminated string.");
}

// BlockString (spec §2.9.4): raw lines, `\"""` escape, common indentation removed.
Token Lexer::readBlockString(uint32_t start) {
  const uint32_t size = static_cast<uint32_t>(source_.size());
  Token token = make(TokenKind::kBlockString, start, start);
  pos_ = start + 3;
  uint32_t chunk_start = pos_;
  std::vector<std::string> lines;
  std::string current;
  while (pos_ < size) {
    const unsigned char c = source_[pos_];
    if (c == '"' && source_.substr(pos_, 3) == "\"\"\"") {
      current.append(source_.substr(chunk_start, pos_ - chunk_start));
      lines.push_back(std::move(current));
      std::vector<std::string_view> views(lines.begin(), lines.end());
      pos_ += 3;
      token.end = pos_;
      token.value = arena_.copy(dedentBlockString(views));
      return token;
    }
    if (c == '\\' && source_.substr(pos_, 4) == "\\\"\"\"") {
      current.append(source_.substr(chunk_start, pos_ - chunk_start));
      chunk_start = pos_ + 1;  // drop the backslash, keep the quotes
      pos_ += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      current.append(source_.substr(chunk_start, pos_ - chunk_start));
      lines.push_back(std::move(current));
      current.clear();
      pos_ += (c == '\r' && pos_ + 1 < size && source_[pos_ + 1] == '\n') ? 2 : 1;
      chunk_start = pos_;
      newLine(pos_);
      continue;
    }
    if (c < 0x80) {
      ++pos_;
      continue;
    }
    uint32_t length = 1;
    if (decodeUtf8(source_, pos_, length) < 0) {
      return fail(pos_, "Invalid character within String: " + describeCharAt(pos_) + ".");
    }
    last_non_ascii_ = pos_;
    pos_ += length;
  }
  return fail(pos_, "Unterminated string.");
}

}  // namespace plexus::graphql
