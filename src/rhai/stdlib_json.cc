// Rhai's `parse_json` (Rhai 1.23.6 src/packages/lang_core.rs, src/api/json.rs; the router's
// build lacks the `metadata` feature, so Engine::parse_json): a JSON object becomes a map,
// `null` becomes (), integers are i64 and other numbers f64. Malformed text is a syntax error
// (ErrorParsing, positioned inside the JSON text); a non-object is an output type mismatch.
#include <charconv>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

namespace {

constexpr int kMaxDepth = 64;  // Rhai's default max_expr_depth

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  Value parseTop() {
    skipSpace();
    Value v = parseValue(0);
    skipSpace();
    if (i_ < s_.size()) error("Unexpected '" + std::string(1, s_[i_]) + "'");
    return v;
  }

 private:
  [[noreturn]] void error(std::string message) {
    Position pos;
    pos.line = 1;
    pos.pos = 1;
    for (size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++pos.line;
        pos.pos = 1;
      } else if ((static_cast<unsigned char>(s_[k]) & 0xC0) != 0x80) {
        ++pos.pos;
      }
    }
    fail("ErrorParsing", "Syntax error: " + message, pos);
  }

  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  bool eat(char c) {
    skipSpace();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }

  void expect(char c, std::string_view why) {
    if (!eat(c)) error("Expecting '" + std::string(1, c) + "' " + std::string(why));
  }

  Value parseValue(int depth) {
    if (depth > kMaxDepth) error("Expression exceeds maximum complexity");
    skipSpace();
    if (i_ >= s_.size()) error("Script is incomplete");
    char c = s_[i_];
    if (c == '{') return ++i_, parseObject(depth);
    if (c == '[') return ++i_, parseArray(depth);
    if (c == '"') return Value::string(parseString());
    if (c == '-' || (c >= '0' && c <= '9')) return parseNumber();
    size_t b = i_;
    while (i_ < s_.size() && ((s_[i_] >= 'a' && s_[i_] <= 'z') || s_[i_] == '_')) ++i_;
    std::string_view word = s_.substr(b, i_ - b);
    if (word == "true") return Value::boolean(true);
    if (word == "false") return Value::boolean(false);
    if (word == "null") return Value();
    i_ = b;
    error("Unexpected '" + std::string(word.empty() ? s_.substr(b, 1) : word) + "'");
  }

  Value parseObject(int depth) {
    Map m;
    if (eat('}')) return Value::map(std::move(m));
    do {
      skipSpace();
      if (i_ >= s_.size() || s_[i_] != '"') error("Expecting a string as the property name");
      std::string key = parseString();
      if (m.contains(key)) error("Duplicated property '" + key + "' for object map literal");
      expect(':', "to follow the property '" + key + "' in this object map");
      m[key] = parseValue(depth + 1);
    } while (eat(','));
    expect('}', "to end this object map literal");
    return Value::map(std::move(m));
  }

  Value parseArray(int depth) {
    Array a;
    if (eat(']')) return Value::array(std::move(a));
    do {
      a.push_back(parseValue(depth + 1));
    } while (eat(','));
    expect(']', "to end this array literal");
    return Value::array(std::move(a));
  }

  int hex4() {
    int v = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      if (i_ >= s_.size()) error("Open string is not terminated");
      char h = s_[i_];
      int d = h >= '0' && h <= '9'   ? h - '0'
              : h >= 'a' && h <= 'f' ? h - 'a' + 10
              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                     : -1;
      if (d < 0) error("Invalid escape sequence");
      v = v * 16 + d;
    }
    return v;
  }

  std::string parseString() {
    ++i_;  // opening quote
    std::string out;
    while (true) {
      if (i_ >= s_.size() || s_[i_] == '\n') error("Open string is not terminated");
      char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) error("Open string is not terminated");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp = static_cast<char32_t>(hex4());
          if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 1 < s_.size() && s_[i_] == '\\' &&
              s_[i_ + 1] == 'u') {
            i_ += 2;
            char32_t lo = static_cast<char32_t>(hex4());
            if (lo < 0xDC00 || lo > 0xDFFF) error("Invalid escape sequence");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) error("Invalid escape sequence");
          appendUtf8(out, cp);
          break;
        }
        default: error("Invalid escape sequence: \\" + std::string(1, e));
      }
    }
  }

  Value parseNumber() {
    size_t b = i_;
    if (s_[i_] == '-') ++i_;
    bool is_float = false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c >= '0' && c <= '9') {
        ++i_;
      } else if (c == '.' || c == 'e' || c == 'E' ||
                 ((c == '+' || c == '-') && (s_[i_ - 1] == 'e' || s_[i_ - 1] == 'E'))) {
        is_float = true;
        ++i_;
      } else {
        break;
      }
    }
    std::string_view t = s_.substr(b, i_ - b);
    const char* end = t.data() + t.size();
    if (is_float) {
      double d = 0;
      auto [p, ec] = std::from_chars(t.data(), end, d);
      if (ec == std::errc() && p == end) return Value::real(d);
    } else {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(t.data(), end, v);
      if (ec == std::errc() && p == end) return Value::integer(v);
    }
    i_ = b;
    error("Invalid number: " + std::string(t));
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool jsonFn(std::string_view name, std::vector<Value>& args, Position pos, Value& out) {
  if (name != "parse_json" || args.size() != 1 || !args[0].is(Value::Type::kString)) return false;
  Value v = JsonParser(args[0].asString()).parseTop();
  if (!v.is(Value::Type::kMap)) {
    fail("ErrorMismatchOutputType",
         "Output type incorrect: " + std::string(v.typeName()) + " (expecting map)", pos);
  }
  return out = std::move(v), true;
}

}  // namespace plexus::rhai::detail
