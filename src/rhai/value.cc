#include "src/rhai/value.h"

#include <charconv>
#include <cmath>

namespace plexus::rhai {

std::u32string decodeUtf8(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += n;
  }
  return out;
}

std::string formatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  double a = std::fabs(d);
  if (a != 0 && (a >= 1e16 || a < 1e-4)) {
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    auto e = s.find('e');
    std::string mant = s.substr(0, e);
    int exp = std::stoi(s.substr(e + 1));
    return mant + "e" + std::to_string(exp);
  }
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  std::string s(buf, r.ptr);
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

namespace {
void escapeChar(std::string& out, char32_t c, char quote) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\\': out += "\\\\"; return;
    case '\0': out += "\\0"; return;
    default: break;
  }
  if (c == static_cast<char32_t>(quote)) {
    out += '\\';
    out += quote;
  } else if (c < 0x20 || c == 0x7F) {
    char buf[16];
    snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c));
    out += buf;
  } else {
    appendUtf8(out, c);
  }
}
}  // namespace

std::string debugString(std::string_view s) {
  std::string out = "\"";
  for (char32_t c : decodeUtf8(s)) escapeChar(out, c, '"');
  return out + "\"";
}

HostObject& Value::mutHost() {
  auto& p = std::get<std::shared_ptr<HostObject>>(v_);
  if (p.use_count() > 1) {
    if (std::shared_ptr<HostObject> copy = p->clone()) p = std::move(copy);
  }
  return *p;
}

std::optional<Value> HostObject::get(std::string_view) { return std::nullopt; }
bool HostObject::set(std::string_view, Value&) { return false; }
std::optional<Value> HostObject::index(const Value&) { return std::nullopt; }
bool HostObject::setIndex(const Value&, Value) { return false; }
std::optional<Value> HostObject::call(std::string_view, std::span<Value>, CallContext&) {
  return std::nullopt;
}
std::optional<bool> HostObject::equals(const Value&) const { return std::nullopt; }
std::optional<Array> HostObject::items() { return std::nullopt; }
std::optional<Value> HostObject::indexPath(std::span<const std::string_view>, const Value&) {
  return std::nullopt;
}
bool HostObject::setIndexPath(std::span<const std::string_view>, const Value&, Value&) {
  return false;
}
std::optional<Value> HostObject::callPath(std::span<const std::string_view>, std::string_view,
                                          std::span<Value>) {
  return std::nullopt;
}

std::string_view Value::typeName() const {
  switch (type()) {
    case Type::kUnit: return "()";
    case Type::kBool: return "bool";
    case Type::kInt: return "i64";
    case Type::kFloat: return "f64";
    case Type::kChar: return "char";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kMap: return "map";
    case Type::kFnPtr: return "Fn";
    case Type::kRange: return asRange().inclusive ? "range=" : "range";
    case Type::kTimestamp: return "timestamp";
    case Type::kHost: return asHost().typeName();
  }
  return "?";
}

std::string_view Value::paramTypeName() const {
  switch (type()) {
    case Type::kString: return "&str | ImmutableString | String";
    case Type::kRange: return asRange().inclusive ? "RangeInclusive<i64>" : "Range<i64>";
    case Type::kTimestamp: return "Instant";
    default: return typeName();
  }
}

std::string Value::debug() const {
  switch (type()) {
    case Type::kUnit: return "()";
    case Type::kBool: return asBool() ? "true" : "false";
    case Type::kInt: return std::to_string(asInt());
    case Type::kFloat: return formatFloat(asFloat());
    case Type::kChar: {
      std::string out = "'";
      escapeChar(out, asChar(), '\'');
      return out + "'";
    }
    case Type::kString: return debugString(asString());
    case Type::kArray: {
      std::string out = "[";
      bool first = true;
      for (const auto& v : asArray()) {
        if (!first) out += ", ";
        first = false;
        out += v.debug();
      }
      return out + "]";
    }
    case Type::kMap: {
      std::string out = "#{";
      bool first = true;
      for (const auto& [k, v] : asMap()) {
        if (!first) out += ", ";
        first = false;
        out += debugString(k) + ": " + v.debug();
      }
      return out + "}";
    }
    case Type::kFnPtr: {
      const FnPtr& f = asFnPtr();
      if (f.curry.empty()) return "Fn(" + f.name + ")";
      std::string out = "Fn(" + f.name + ", [";
      for (size_t i = 0; i < f.curry.size(); ++i) out += (i ? ", " : "") + f.curry[i].debug();
      return out + "])";
    }
    case Type::kRange: {
      const auto& r = asRange();
      return std::to_string(r.start) + (r.inclusive ? "..=" : "..") + std::to_string(r.end);
    }
    case Type::kTimestamp: return "<timestamp>";
    case Type::kHost: return asHost().debug();
  }
  return "?";
}

std::string Value::display() const {
  switch (type()) {
    case Type::kUnit: return "";
    case Type::kChar: {
      std::string out;
      appendUtf8(out, asChar());
      return out;
    }
    case Type::kString: return asString();
    case Type::kFnPtr: return "Fn(" + asFnPtr().name + ")";
    case Type::kHost: return asHost().display();
    default: return debug();
  }
}

}  // namespace plexus::rhai
