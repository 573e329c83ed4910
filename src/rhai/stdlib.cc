// Rhai's core standard library (Rhai 1.23.6 src/packages/*.rs): strings, numbers, conversions.
// Arrays and maps are in stdlib_collections.cc.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

bool callCollection(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
                    Value& out);
// stdlib_math.cc, stdlib_iter.cc, stdlib_json.cc.
bool mathFn(std::string_view name, std::vector<Value>& args, Value& out);
bool iterFn(Interp& in, std::string_view name, std::vector<Value>& args, Position pos, Value& out);
bool jsonFn(std::string_view name, std::vector<Value>& args, Position pos, Value& out);

namespace {

using T = Value::Type;

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) appendUtf8(out, c);
  return out;
}

bool isSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Character-index substring with Rhai's clamping (sub_string, crop).
std::u32string substring(const std::u32string& s, int64_t start, int64_t len) {
  int64_t n = static_cast<int64_t>(s.size());
  if (start < 0) start = std::max<int64_t>(0, n + start);
  if (start >= n || len <= 0) return {};
  len = std::min(len, n - start);
  return s.substr(static_cast<size_t>(start), static_cast<size_t>(len));
}

char32_t toUpper(char32_t c) {
  return c < 128 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c;
}
char32_t toLower(char32_t c) {
  return c < 128 ? static_cast<char32_t>(std::tolower(static_cast<int>(c))) : c;
}

bool stringFn(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
              Value& out) {
  const std::string& s = args[0].asString();
  size_t n = args.size();
  auto arg = [&](size_t i, T t) { return n > i && args[i].is(t); };
  if (name == "len" && n == 1)
    return out = Value::integer(static_cast<int64_t>(decodeUtf8(s).size())), true;
  if (name == "is_empty" && n == 1) return out = Value::boolean(s.empty()), true;
  if (name == "to_string" && n == 1) return out = args[0], true;
  if (name == "to_upper" || name == "to_lower" || name == "make_upper" || name == "make_lower") {
    if (n != 1) return false;
    std::u32string c = decodeUtf8(s);
    bool up = name.ends_with("upper");
    for (char32_t& ch : c) ch = up ? toUpper(ch) : toLower(ch);
    if (name.starts_with("make")) {
      args[0] = Value::string(encode(c));
      out = Value();
    } else {
      out = Value::string(encode(c));
    }
    return true;
  }
  if (name == "trim" && n == 1) {
    std::u32string c = decodeUtf8(s);
    size_t b = 0;
    size_t e = c.size();
    while (b < e && isSpace(c[b])) ++b;
    while (e > b && isSpace(c[e - 1])) --e;
    args[0] = Value::string(encode(c.substr(b, e - b)));
    out = Value();
    return true;
  }
  if (name == "contains" && n == 2) {
    if (arg(1, T::kString))
      return out = Value::boolean(s.find(args[1].asString()) != std::string::npos), true;
    if (arg(1, T::kChar))
      return out = Value::boolean(s.find(args[1].display()) != std::string::npos), true;
    return false;
  }
  if ((name == "starts_with" || name == "ends_with") && n == 2 &&
      (arg(1, T::kString) || arg(1, T::kChar))) {
    std::string p = args[1].display();
    return out = Value::boolean(name == "starts_with" ? s.starts_with(p) : s.ends_with(p)), true;
  }
  if (name == "index_of" && n >= 2 && (arg(1, T::kString) || arg(1, T::kChar))) {
    std::u32string c = decodeUtf8(s);
    std::u32string p = decodeUtf8(args[1].display());
    int64_t start = arg(2, T::kInt) ? args[2].asInt() : 0;
    if (start < 0) start = std::max<int64_t>(0, static_cast<int64_t>(c.size()) + start);
    size_t r = static_cast<size_t>(start) > c.size() ? std::u32string::npos
                                                     : c.find(p, static_cast<size_t>(start));
    return out = Value::integer(r == std::u32string::npos ? -1 : static_cast<int64_t>(r)), true;
  }
  if ((name == "sub_string" || name == "crop") && n >= 2 && arg(1, T::kInt)) {
    std::u32string c = decodeUtf8(s);
    int64_t len = arg(2, T::kInt) ? args[2].asInt() : static_cast<int64_t>(c.size());
    std::string r = encode(substring(c, args[1].asInt(), len));
    if (name == "crop") {
      args[0] = Value::string(std::move(r));
      out = Value();
    } else {
      out = Value::string(std::move(r));
    }
    return true;
  }
  if ((name == "sub_string" || name == "crop") && n == 2 && arg(1, T::kRange)) {
    std::u32string c = decodeUtf8(s);
    int64_t from = 0;
    int64_t to = 0;
    rangeBounds(args[1].asRange(), static_cast<int64_t>(c.size()), from, to);
    std::string r = encode(c.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
    if (name == "crop") {
      args[0] = Value::string(std::move(r));
      return out = Value(), true;
    }
    return out = Value::string(std::move(r)), true;
  }
  if (name == "clear" && n == 1) return args[0] = Value::string(""), out = Value(), true;
  if (name == "pop" && (n == 1 || (n == 2 && arg(1, T::kInt)))) {
    std::u32string c = decodeUtf8(s);
    if (n == 1) {
      if (c.empty()) return out = Value(), true;
      out = Value::character(c.back());
      c.pop_back();
    } else {
      size_t k = static_cast<size_t>(
          std::clamp<int64_t>(args[1].asInt(), 0, static_cast<int64_t>(c.size())));
      out = Value::string(encode(c.substr(c.size() - k)));
      c.resize(c.size() - k);
    }
    args[0] = Value::string(encode(c));
    return true;
  }
  if (name == "replace" && n == 3 && (arg(1, T::kString) || arg(1, T::kChar))) {
    std::string from = args[1].display();
    std::string to = args[2].display();
    std::string r = s;
    if (!from.empty()) {
      for (size_t p = r.find(from); p != std::string::npos; p = r.find(from, p + to.size()))
        r.replace(p, from.size(), to);
    }
    args[0] = Value::string(std::move(r));
    out = Value();
    return true;
  }
  if (name == "remove" && n == 2 && (arg(1, T::kString) || arg(1, T::kChar))) {
    std::string sub = args[1].display();
    std::string r = s;
    if (!sub.empty()) {
      for (size_t p = r.find(sub); p != std::string::npos; p = r.find(sub, p))
        r.erase(p, sub.size());
    }
    args[0] = Value::string(std::move(r));
    out = Value();
    return true;
  }
  if (name == "split" && n >= 1) {
    Array parts;
    if (n == 1) {
      std::u32string c = decodeUtf8(s);
      size_t i = 0;
      while (i < c.size()) {
        while (i < c.size() && isSpace(c[i])) ++i;
        size_t b = i;
        while (i < c.size() && !isSpace(c[i])) ++i;
        if (i > b) parts.push_back(Value::string(encode(c.substr(b, i - b))));
      }
      return out = Value::array(std::move(parts)), true;
    }
    if (arg(1, T::kInt) && n == 2) {
      std::u32string c = decodeUtf8(s);
      int64_t i = args[1].asInt();
      int64_t len = static_cast<int64_t>(c.size());
      if (i < 0) i = std::max<int64_t>(0, len + i);
      i = std::min(i, len);
      parts.push_back(Value::string(encode(c.substr(0, static_cast<size_t>(i)))));
      parts.push_back(Value::string(encode(c.substr(static_cast<size_t>(i)))));
      return out = Value::array(std::move(parts)), true;
    }
    if (!arg(1, T::kString) && !arg(1, T::kChar)) return false;
    std::string sep = args[1].display();
    int64_t limit = arg(2, T::kInt) ? args[2].asInt() : INT64_MAX;
    if (limit <= 0) limit = 1;
    size_t b = 0;
    while (static_cast<int64_t>(parts.size()) + 1 < limit) {
      size_t p = sep.empty() ? std::string::npos : s.find(sep, b);
      if (p == std::string::npos) break;
      parts.push_back(Value::string(s.substr(b, p - b)));
      b = p + sep.size();
    }
    parts.push_back(Value::string(s.substr(b)));
    return out = Value::array(std::move(parts)), true;
  }
  if ((name == "chars" || name == "to_chars") && n == 1) {
    Array a;
    for (char32_t c : decodeUtf8(s)) a.push_back(Value::character(c));
    return out = Value::array(std::move(a)), true;
  }
  if (name == "get" && n == 2 && arg(1, T::kInt)) {
    std::u32string c = decodeUtf8(s);
    int64_t len = static_cast<int64_t>(c.size());
    int64_t i = args[1].asInt() < 0 ? args[1].asInt() + len : args[1].asInt();
    return out = (i < 0 || i >= len) ? Value() : Value::character(c[static_cast<size_t>(i)]), true;
  }
  if (name == "truncate" && n == 2 && arg(1, T::kInt)) {
    std::u32string c = decodeUtf8(s);
    int64_t len = std::max<int64_t>(0, args[1].asInt());
    if (static_cast<size_t>(len) < c.size()) c.resize(static_cast<size_t>(len));
    args[0] = Value::string(encode(c));
    return out = Value(), true;
  }
  if (name == "pad" && n == 3 && arg(1, T::kInt) && (arg(2, T::kChar) || arg(2, T::kString))) {
    std::u32string c = decodeUtf8(s);
    std::u32string p = decodeUtf8(args[2].display());
    size_t len = static_cast<size_t>(std::max<int64_t>(0, args[1].asInt()));
    if (len > c.size()) in.checkStringLen(len, pos);
    while (c.size() < len && !p.empty()) c += p;
    if (c.size() > len && decodeUtf8(s).size() < len) c.resize(len);
    args[0] = Value::string(encode(c));
    return out = Value(), true;
  }
  if (name == "parse_int" && (n == 1 || (n == 2 && arg(1, T::kInt)))) {
    std::string t = s;
    size_t b = t.find_first_not_of(" \t\n\r");
    size_t e = t.find_last_not_of(" \t\n\r");
    t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
    int radix = n == 2 ? static_cast<int>(args[1].asInt()) : 10;
    int64_t v = 0;
    const char* first = t.data();
    if (!t.empty() && t[0] == '+') ++first;
    auto r = std::from_chars(first, t.data() + t.size(), v, radix);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) {
      std::string why = t.empty() ? "cannot parse integer from empty string"
                        : r.ec == std::errc::result_out_of_range
                            ? (t[0] == '-' ? "number too small to fit in target type"
                                           : "number too large to fit in target type")
                            : "invalid digit found in string";
      failArithmetic("Error parsing integer number '" + s + "': " + why, pos);
    }
    return out = Value::integer(v), true;
  }
  if (name == "parse_float" && n == 1) {
    std::string t = s;
    size_t b = t.find_first_not_of(" \t\n\r");
    size_t e = t.find_last_not_of(" \t\n\r");
    t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
    double v = 0;
    const char* first = t.data();
    if (!t.empty() && t[0] == '+') ++first;
    auto r = std::from_chars(first, t.data() + t.size(), v);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) {
      failArithmetic("Error parsing floating-point number '" + s + "': invalid float literal", pos);
    }
    return out = Value::real(v), true;
  }
  return false;
}

bool numberFn(std::string_view name, std::vector<Value>& args, Position pos, Value& out) {
  size_t n = args.size();
  const Value& a = args[0];
  bool is_int = a.is(T::kInt);
  double d = is_int ? static_cast<double>(a.asInt()) : a.asFloat();
  if (n == 1) {
    if (name == "abs") {
      if (is_int) {
        if (a.asInt() == INT64_MIN) failArithmetic("Negation overflow: -" + a.debug(), pos);
        return out = Value::integer(std::llabs(a.asInt())), true;
      }
      return out = Value::real(std::fabs(d)), true;
    }
    if (name == "sign") return out = Value::integer(d > 0 ? 1 : d < 0 ? -1 : 0), true;
    if (name == "to_string") return out = Value::string(a.display()), true;
    if (name == "to_float") return out = Value::real(d), true;
    if (name == "to_int") {
      if (is_int) return out = a, true;
      if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) {
        failArithmetic("Integer overflow: to_int(" + a.display() + ")", pos);
      }
      return out = Value::integer(static_cast<int64_t>(d)), true;
    }
    if (is_int && name == "is_odd") return out = Value::boolean(a.asInt() % 2 != 0), true;
    if (is_int && name == "is_even") return out = Value::boolean(a.asInt() % 2 == 0), true;
    if (is_int && name == "is_zero") return out = Value::boolean(a.asInt() == 0), true;
    if (name == "floor") return !is_int && (out = Value::real(std::floor(d)), true);
    if (name == "ceiling") return !is_int && (out = Value::real(std::ceil(d)), true);
    if (name == "round") return !is_int && (out = Value::real(std::round(d)), true);
    if (name == "int") return !is_int && (out = Value::real(std::trunc(d)), true);
    if (name == "fraction") return !is_int && (out = Value::real(d - std::trunc(d)), true);
    if (name == "sqrt") return !is_int && (out = Value::real(std::sqrt(d)), true);
    if (name == "exp") return !is_int && (out = Value::real(std::exp(d)), true);
    if (name == "ln") return !is_int && (out = Value::real(std::log(d)), true);
    if (name == "is_nan") return !is_int && (out = Value::boolean(std::isnan(d)), true);
  }
  if (n == 2 && (name == "min" || name == "max") &&
      (args[1].is(T::kInt) || args[1].is(T::kFloat))) {
    bool mn = name == "min";
    if (is_int && args[1].is(T::kInt)) {
      int64_t x = a.asInt();
      int64_t y = args[1].asInt();
      return out = Value::integer(mn ? std::min(x, y) : std::max(x, y)), true;
    }
    double y = args[1].is(T::kInt) ? static_cast<double>(args[1].asInt()) : args[1].asFloat();
    return out = Value::real(mn ? std::min(d, y) : std::max(d, y)), true;
  }
  return false;
}

}  // namespace

bool isMutatingNative(std::string_view name) {
  // By length first: asked on every method call, most of which mutate nothing.
  switch (name.size()) {
    case 3: return name == "pop" || name == "set" || name == "pad";
    case 4:
      return name == "push" || name == "trim" || name == "sort" || name == "crop" || name == "chop";
    case 5:
      return name == "shift" || name == "clear" || name == "dedup" || name == "drain" ||
             name == "mixin";
    case 6: return name == "append" || name == "insert" || name == "remove" || name == "retain";
    case 7: return name == "reverse" || name == "replace";
    case 8: return name == "truncate" || name == "for_each";
    case 9: return name == "fill_with";
    case 10: return name == "make_upper" || name == "make_lower";
    default: return false;
  }
}

bool callNative(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
                Value& out) {
  if (mathFn(name, args, out) || jsonFn(name, args, pos, out)) return true;
  if (iterFn(in, name, args, pos, out)) return true;
  size_t n = args.size();
  if (n == 0) {
    if (name == "timestamp") return out = Value::timestamp(), true;
    if (name == "PI") return out = Value::real(std::numbers::pi), true;
    if (name == "E") return out = Value::real(std::numbers::e), true;
    return false;
  }
  const Value& a = args[0];
  if (n == 1) {
    if (name == "to_string") return out = Value::string(a.display()), true;
    if (name == "to_debug") return out = Value::string(a.debug()), true;
    if (name == "type_of") return out = Value::string(std::string(a.typeName())), true;
    if (name == "print") return in.print(a.display()), out = Value(), true;
    if (name == "debug") return in.debugOut(a.debug()), out = Value(), true;
    if (name == "is_shared") return out = Value::boolean(false), true;
  }
  if (name == "range" && (n == 2 || n == 3) && a.is(T::kInt) && args[1].is(T::kInt)) {
    if (n == 2) return out = Value::range(a.asInt(), args[1].asInt(), false), true;
    if (!args[2].is(T::kInt)) return false;
    int64_t step = args[2].asInt();
    if (step == 0) failArithmetic("step value cannot be zero", pos);
    Array r;
    uint64_t count = rangeCount(a.asInt(), args[1].asInt(), step);
    in.checkArrayLen(count, pos);
    if (count <= (uint64_t{1} << 24)) r.reserve(static_cast<size_t>(count));
    for (int64_t i = a.asInt(); step > 0 ? i < args[1].asInt() : i > args[1].asInt(); i += step) {
      r.push_back(Value::integer(i));
      if (__builtin_add_overflow(i, step, &i)) break;
      i -= step;
    }
    return out = Value::array(std::move(r)), true;
  }
  switch (a.type()) {
    case T::kString: return stringFn(in, name, args, pos, out);
    case T::kInt:
    case T::kFloat: return numberFn(name, args, pos, out);
    case T::kChar:
      if (n == 1 && name == "to_upper") return out = Value::character(toUpper(a.asChar())), true;
      if (n == 1 && name == "to_lower") return out = Value::character(toLower(a.asChar())), true;
      if (n == 1 && name == "to_int") return out = Value::integer(a.asChar()), true;
      return false;
    case T::kRange:
      if (name == "contains" && n == 2 && args[1].is(T::kInt)) {
        const RangeValue& r = a.asRange();
        int64_t x = args[1].asInt();
        return out = Value::boolean(x >= r.start && (r.inclusive ? x <= r.end : x < r.end)), true;
      }
      return false;
    case T::kTimestamp:
      if (name == "elapsed" && n == 1) {
        auto d = std::chrono::steady_clock::now() - a.asTimestamp().at;
        return out = Value::real(std::chrono::duration<double>(d).count()), true;
      }
      return false;
    case T::kArray:
    case T::kMap: return callCollection(in, name, args, pos, out);
    default: return false;
  }
}

}  // namespace plexus::rhai::detail
