// json::Value: access helpers, the parser (simdjson, with a careful fallback) and a serializer
// that writes what JSON.stringify writes (ECMA-262 §25.5.2; numbers per §6.1.6.1.20).
#include "src/json/value.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "src/common/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace plexus::json {

// --- Access -------------------------------------------------------------------------------------

const Value* Value::find(std::string_view key) const {
  if (!isObject()) return nullptr;
  for (const Member& member : asObject()) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value&>(*this).find(key));
}

Value& Value::operator[](std::string_view key) {
  if (isNull()) data_ = Object{};
  Object& object = asObject();
  for (Member& member : object) {
    if (member.first == key) return member.second;
  }
  object.emplace_back(std::string(key), Value());
  return object.back().second;
}

Value& Value::push(Value v) {
  if (isNull()) data_ = Array{};
  Array& array = asArray();
  array.push_back(std::move(v));
  return array.back();
}

// Numbers compare by value whatever their representation (1 == 1.0), as they would in
// JavaScript; objects compare member by member in order, since order is visible in responses.
bool operator==(const Value& a, const Value& b) {
  if (a.isNumber() && b.isNumber()) {
    if (a.isInt() && b.isInt()) return a.asInt() == b.asInt();
    return a.asDouble() == b.asDouble();
  }
  return a.data_ == b.data_;
}

// --- Parsing ------------------------------------------------------------------------------------

namespace {

constexpr int kMaxDepth = 1024;  // simdjson's default; also bounds the fallback's recursion

Status parseError(size_t offset, std::string_view what) {
  return Status::error("JSON parse error at byte " + std::to_string(offset) + ": " +
                       std::string(what));
}

// Inserts a member as JSON.parse does: a repeated key keeps its first position and takes the
// last value.
class ObjectBuilder {
 public:
  void add(std::string key, Value value) {
    if (object_.size() < kIndexThreshold) {
      for (Member& member : object_) {
        if (member.first == key) {
          member.second = std::move(value);
          return;
        }
      }
    } else {
      if (index_.empty()) {
        for (size_t i = 0; i < object_.size(); ++i) index_.emplace(object_[i].first, i);
      }
      auto it = index_.find(key);
      if (it != index_.end()) {
        object_[it->second].second = std::move(value);
        return;
      }
      index_.emplace(key, object_.size());
    }
    object_.emplace_back(std::move(key), std::move(value));
  }
  Object take() { return std::move(object_); }

 private:
  static constexpr size_t kIndexThreshold = 16;
  Object object_;
  std::unordered_map<std::string, size_t> index_;
};

Value fromDom(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::NULL_VALUE: return Value();
    case element_type::BOOL: return Value(bool(element.get_bool().value_unsafe()));
    case element_type::INT64: return Value(int64_t(element.get_int64().value_unsafe()));
    case element_type::UINT64:  // above INT64_MAX: kept as a double, as JavaScript would
      return Value(static_cast<double>(element.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return Value(double(element.get_double().value_unsafe()));
    case element_type::STRING: return Value(std::string(element.get_string().value_unsafe()));
    case element_type::ARRAY: {
      Array array;
      simdjson::dom::array items = element.get_array().value_unsafe();
      array.reserve(items.size());
      for (simdjson::dom::element item : items) array.push_back(fromDom(item));
      return Value(std::move(array));
    }
    case element_type::OBJECT: {
      ObjectBuilder builder;
      // Held in a local: a range-for over the temporary result would dangle (before C++23).
      simdjson::dom::object members = element.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : members) {
        builder.add(std::string(field.key), fromDom(field.value));
      }
      return Value(builder.take());
    }
  }
  return Value();
}

// The fallback parser: runs only when simdjson refuses a document, to name the byte where it
// goes wrong, and to accept the RFC 8259 texts simdjson declines but JSON.parse takes (integers
// beyond 64 bits, exponents beyond double range, lone UTF-16 surrogates in \u escapes, which are
// kept as WTF-8 so serialize() escapes them back as JSON.stringify does).
class FallbackParser {
 public:
  explicit FallbackParser(std::string_view text) : text_(text) {}

  StatusOr<Value> parseDocument() {
    skipWhitespace();
    Value value;
    if (!parseValue(value, 0)) return *error_;
    skipWhitespace();
    if (pos_ != text_.size()) return parseError(pos_, "unexpected " + describeHere());
    return value;
  }

 private:
  bool fail(size_t offset, std::string what) {
    if (!error_) error_ = parseError(offset, what);
    return false;
  }

  std::string describeHere() const {
    if (pos_ >= text_.size()) return "end of input";
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7f) return std::string("character '") + char(c) + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", c);
    return std::string("byte ") + buf;
  }

  void skipWhitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool parseValue(Value& out, int depth) {
    if (depth >= kMaxDepth) return fail(pos_, "nesting deeper than 1024 levels");
    if (pos_ >= text_.size()) return fail(pos_, "unexpected end of input");
    char c = text_[pos_];
    switch (c) {
      case '{': return parseObject(out, depth);
      case '[': return parseArray(out, depth);
      case '"': {
        std::string s;
        if (!parseString(s)) return false;
        out = Value(std::move(s));
        return true;
      }
      case 't': return parseLiteral("true", Value(true), out);
      case 'f': return parseLiteral("false", Value(false), out);
      case 'n': return parseLiteral("null", Value(), out);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parseNumber(out);
        return fail(pos_, "unexpected " + describeHere());
    }
  }

  bool parseLiteral(std::string_view word, Value value, Value& out) {
    if (text_.substr(pos_, word.size()) != word) {
      return fail(pos_, "invalid literal, expected '" + std::string(word) + "'");
    }
    pos_ += word.size();
    out = std::move(value);
    return true;
  }

  // number = [ minus ] int [ frac ] [ exp ]   (RFC 8259 §6)
  bool parseNumber(Value& out) {
    size_t start = pos_;
    bool integral = true;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (pos_ < text_.size() && text_[pos_] >= '1' && text_[pos_] <= '9') {
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    } else {
      return fail(pos_, "invalid number, expected a digit");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_])) {
        return fail(pos_, "invalid number, expected a digit after '.'");
      }
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_])) {
        return fail(pos_, "invalid number, expected a digit in the exponent");
      }
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    }
    std::string_view literal = text_.substr(start, pos_ - start);
    if (integral) {
      int64_t i = 0;
      auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), i);
      if (ec == std::errc() && end == literal.data() + literal.size()) {
        out = Value(i);
        return true;
      }
    }
    // strtod rounds correctly and saturates to ±inf / 0 like JavaScript's Number().
    std::string copy(literal);
    out = Value(std::strtod(copy.c_str(), nullptr));
    return true;
  }

  static bool isDigit(char c) { return c >= '0' && c <= '9'; }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool parseHex4(uint32_t& code) {
    code = 0;
    for (size_t i = 0; i < 4; ++i) {
      int h = pos_ + i < text_.size() ? hexValue(text_[pos_ + i]) : -1;
      if (h < 0) return fail(pos_ + i, "invalid \\u escape");
      code = code * 16 + h;
    }
    pos_ += 4;
    return true;
  }

  // Length of the well-formed UTF-8 sequence at pos_, or 0 (RFC 3629 §4).
  size_t utf8SequenceLength() const {
    auto byte = [&](size_t i) -> unsigned {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    auto cont = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
    unsigned b0 = byte(0);
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      unsigned b1 = byte(1);
      if (b0 == 0xE0 && b1 < 0xA0) return 0;
      if (b0 == 0xED && b1 > 0x9F) return 0;  // encoded surrogates
      return cont(1) && cont(2) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      unsigned b1 = byte(1);
      if (b0 == 0xF0 && b1 < 0x90) return 0;
      if (b0 == 0xF4 && b1 > 0x8F) return 0;
      return cont(1) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
  }

  bool parseString(std::string& out) {
    size_t open = pos_;
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) return fail(open, "unterminated string");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail(pos_, "unescaped control character in string");
      if (c == '\\') {
        if (!parseEscape(out)) return false;
        continue;
      }
      if (c < 0x80) {
        out += char(c);
        ++pos_;
        continue;
      }
      size_t length = utf8SequenceLength();
      if (length == 0) return fail(pos_, "invalid UTF-8 in string");
      out.append(text_.substr(pos_, length));
      pos_ += length;
    }
  }

  bool parseEscape(std::string& out) {
    size_t escape = pos_;
    ++pos_;
    if (pos_ >= text_.size()) return fail(escape, "unterminated string");
    char e = text_[pos_++];
    switch (e) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': {
        uint32_t code = 0;
        if (!parseHex4(code)) return false;
        // A high surrogate followed by an escaped low surrogate is one code point; any other
        // surrogate stays alone, as JSON.parse keeps it.
        if (code >= 0xD800 && code <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
          size_t save = pos_;
          pos_ += 2;
          uint32_t low = 0;
          if (!parseHex4(low)) return false;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else {
            pos_ = save;
          }
        }
        appendUtf8(out, code);
        return true;
      }
      default: return fail(escape, "invalid escape in string");
    }
  }

  bool parseArray(Value& out, int depth) {
    ++pos_;
    Array array;
    skipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      out = Value(std::move(array));
      return true;
    }
    while (true) {
      skipWhitespace();
      Value item;
      if (!parseValue(item, depth + 1)) return false;
      array.push_back(std::move(item));
      skipWhitespace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        out = Value(std::move(array));
        return true;
      }
      return fail(pos_, "expected ',' or ']', found " + describeHere());
    }
  }

  bool parseObject(Value& out, int depth) {
    ++pos_;
    ObjectBuilder builder;
    skipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      out = Value(builder.take());
      return true;
    }
    while (true) {
      skipWhitespace();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return fail(pos_, "expected a string key, found " + describeHere());
      }
      std::string key;
      if (!parseString(key)) return false;
      skipWhitespace();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        return fail(pos_, "expected ':', found " + describeHere());
      }
      ++pos_;
      skipWhitespace();
      Value value;
      if (!parseValue(value, depth + 1)) return false;
      builder.add(std::move(key), std::move(value));
      skipWhitespace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        out = Value(builder.take());
        return true;
      }
      return fail(pos_, "expected ',' or '}', found " + describeHere());
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::optional<Status> error_;
};

}  // namespace

StatusOr<Value> parse(std::string_view text) {
  // One parser per thread: it keeps its buffers between documents.
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) == simdjson::SUCCESS) return fromDom(root);
  StatusOr<Value> fallback = FallbackParser(text).parseDocument();
  return fallback;
}

// --- Serialization ------------------------------------------------------------------------------

void appendNumber(double d, std::string& out) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (d == 0) {  // also -0, which JavaScript prints as "0"
    out += '0';
    return;
  }
  if (d < 0) {
    out += '-';
    d = -d;
  }
  // Shortest round-trip digits, then Number::toString's layout (ECMA-262 §6.1.6.1.20):
  // digits s (k of them) and n such that the value is s × 10^(n−k).
  char buf[40];
  auto result = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, result.ptr - buf);  // "d.ddde±xx"
  size_t e_pos = sci.find('e');
  std::string digits;
  digits += sci[0];
  if (e_pos > 1) digits.append(sci.substr(2, e_pos - 2));
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(n - k, '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, n);
    out += '.';
    out.append(digits, n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(-n, '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += n - 1 < 0 ? '-' : '+';
    out += std::to_string(std::abs(n - 1));
  }
}

namespace {

// Bytes appendQuoted must look at: control characters, '"', '\\' and 0xED (the lead byte of a
// WTF-8 surrogate). Everything else is copied as it is.
constexpr std::array<bool, 256> kNeedsAttention = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = table['\\'] = table[0xED] = true;
  return table;
}();

// The offset of the first byte of `data[0, size)` that needs attention, or `size`.
inline size_t firstNeedingAttention(const char* data, size_t size) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i surrogate = _mm_set1_epi8(static_cast<char>(0xED));
  const __m128i below_space = _mm_set1_epi8(0x1F);
  for (; i + 16 <= size; i += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, surrogate),
                                  _mm_cmpeq_epi8(_mm_min_epu8(bytes, below_space), bytes)));
    if (int mask = _mm_movemask_epi8(hits); mask != 0)
      return i + std::countr_zero(static_cast<unsigned>(mask));
  }
#endif
  for (; i < size; ++i) {
    if (kNeedsAttention[static_cast<unsigned char>(data[i])]) return i;
  }
  return size;
}

}  // namespace

void appendQuoted(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char* data = text.data();
  const size_t size = text.size();
  // Most strings need no escape at all: the scan skips 16 bytes at a time.
  size_t first = firstNeedingAttention(data, size);
  if (first == size && size <= 62) {  // the common short string: one append
    char quoted[64];
    quoted[0] = '"';
    if (size != 0) std::memcpy(quoted + 1, data, size);  // an empty view may have no data
    quoted[size + 1] = '"';
    out.append(quoted, size + 2);
    return;
  }
  out.reserve(out.size() + size + 2);
  out += '"';
  size_t run = 0;  // start of the pending run of bytes copied as they are
  for (size_t i = first; i < size; i += 1 + firstNeedingAttention(data + i + 1, size - i - 1)) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    const char* escape = nullptr;
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      default: break;
    }
    if (escape != nullptr) {
      out.append(data + run, i - run);
      out += escape;
      run = i + 1;
    } else if (c < 0x20) {
      out.append(data + run, i - run);
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      run = i + 1;
    } else if (c == 0xED && i + 2 < size &&
               (static_cast<unsigned char>(data[i + 1]) & 0xE0) == 0xA0) {
      // A lone surrogate kept as WTF-8 (see the parser): well-formed JSON.stringify writes it
      // as a \u escape (ECMA-262 §25.5.2.3 QuoteJSONString).
      unsigned code = 0xD000 | ((static_cast<unsigned char>(data[i + 1]) & 0x3F) << 6) |
                      (static_cast<unsigned char>(data[i + 2]) & 0x3F);
      out.append(data + run, i - run);
      out += "\\u";
      out += kHex[(code >> 12) & 0xF];
      out += kHex[(code >> 8) & 0xF];
      out += kHex[(code >> 4) & 0xF];
      out += kHex[code & 0xF];
      i += 2;
      run = i + 1;
    }
  }
  out.append(data + run, size - run);
  out += '"';
}

namespace {

void newline(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(static_cast<size_t>(indent) * depth, ' ');
}

void write(const Value& value, std::string& out, int indent, int depth) {
  switch (value.type()) {
    case Value::Type::kNull: out += "null"; return;
    case Value::Type::kBool: out += value.asBool() ? "true" : "false"; return;
    case Value::Type::kInt: {
      char buf[24];
      auto result = std::to_chars(buf, buf + sizeof buf, value.asInt());
      out.append(buf, result.ptr);
      return;
    }
    case Value::Type::kDouble:
      if (!std::isfinite(value.asDouble())) {
        out += "null";  // JSON.stringify(NaN) and JSON.stringify(Infinity)
      } else {
        appendNumber(value.asDouble(), out);
      }
      return;
    case Value::Type::kString: appendQuoted(value.asString(), out); return;
    case Value::Type::kArray: {
      const Array& array = value.asArray();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ',';
        if (indent > 0) newline(out, indent, depth + 1);
        write(array[i], out, indent, depth + 1);
      }
      if (indent > 0) newline(out, indent, depth);
      out += ']';
      return;
    }
    case Value::Type::kObject: {
      const Object& object = value.asObject();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (size_t i = 0; i < object.size(); ++i) {
        if (i > 0) out += ',';
        if (indent > 0) newline(out, indent, depth + 1);
        appendQuoted(object[i].first, out);
        out += indent > 0 ? ": " : ":";
        write(object[i].second, out, indent, depth + 1);
      }
      if (indent > 0) newline(out, indent, depth);
      out += '}';
      return;
    }
  }
}

}  // namespace

void serializeTo(const Value& value, std::string& out, SerializeOptions options) {
  // JSON.stringify clamps the space argument to [0, 10] (ECMA-262 §25.5.2.1 step 8).
  write(value, out, std::clamp(options.indent, 0, 10), 0);
}

std::string serialize(const Value& value, SerializeOptions options) {
  std::string out;
  serializeTo(value, out, options);
  return out;
}

}  // namespace plexus::json
