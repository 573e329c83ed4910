// Rhai's built-in binary operators (Rhai 1.23.6 src/func/builtin.rs, src/packages/arithmetic.rs).
#include <cfloat>
#include <cmath>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

namespace {

using T = Value::Type;

bool isNumber(const Value& v) { return v.is(T::kInt) || v.is(T::kFloat); }
double toDouble(const Value& v) {
  return v.is(T::kInt) ? static_cast<double>(v.asInt()) : v.asFloat();
}

bool intOp(TokenKind op, int64_t x, int64_t y, Position pos, Value& out) {
  // The operands' text only on the error path: formatting them eagerly cost more than the op.
  auto text = [&](std::string_view what, std::string_view sym) {
    return std::string(what) + ": " + std::to_string(x) + " " + std::string(sym) + " " +
           std::to_string(y);
  };
  int64_t r = 0;
  switch (op) {
    case TokenKind::kPlus:
      if (__builtin_add_overflow(x, y, &r)) failArithmetic(text("Addition overflow", "+"), pos);
      break;
    case TokenKind::kMinus:
      if (__builtin_sub_overflow(x, y, &r)) failArithmetic(text("Subtraction overflow", "-"), pos);
      break;
    case TokenKind::kMultiply:
      if (__builtin_mul_overflow(x, y, &r))
        failArithmetic(text("Multiplication overflow", "*"), pos);
      break;
    case TokenKind::kDivide:
      if (y == 0) failArithmetic(text("Division by zero", "/"), pos);
      if (x == INT64_MIN && y == -1) failArithmetic(text("Division overflow", "/"), pos);
      r = x / y;
      break;
    case TokenKind::kModulo:
      if (y == 0 || (x == INT64_MIN && y == -1)) {
        failArithmetic(text("Modulo division by zero or overflow", "%"), pos);
      }
      r = x % y;
      break;
    case TokenKind::kPowerOf: {
      if (y < 0) failArithmetic(text("Integer raised to a negative power", "**"), pos);
      if (y > UINT32_MAX) failArithmetic(text("Exponential overflow", "**"), pos);
      r = 1;
      for (int64_t i = 0; i < y; ++i) {
        if (__builtin_mul_overflow(r, x, &r))
          failArithmetic(text("Exponential overflow", "**"), pos);
        if (r == 0 || r == 1) break;
      }
      if (r == -1 || r == 1) r = (x == -1 && y % 2 == 1) ? -1 : r == -1 ? 1 : r;
      break;
    }
    case TokenKind::kLeftShift:
    case TokenKind::kRightShift: {
      bool left = op == TokenKind::kLeftShift;
      int64_t n = y;
      if (n < 0) {
        left = !left;
        n = n == INT64_MIN ? INT64_MAX : -n;
      }
      if (left) {
        if (n >= 64) failArithmetic(text("Left-shift overflow", "<<"), pos);
        r = static_cast<int64_t>(static_cast<uint64_t>(x) << n);
      } else {
        r = n >= 64 ? (x < 0 ? -1 : 0) : x >> n;
      }
      break;
    }
    case TokenKind::kAmpersand: r = x & y; break;
    case TokenKind::kPipe: r = x | y; break;
    case TokenKind::kXOr: r = x ^ y; break;
    case TokenKind::kEqualsTo: out = Value::boolean(x == y); return true;
    case TokenKind::kNotEqualsTo: out = Value::boolean(x != y); return true;
    case TokenKind::kLessThan: out = Value::boolean(x < y); return true;
    case TokenKind::kLessThanEqualsTo: out = Value::boolean(x <= y); return true;
    case TokenKind::kGreaterThan: out = Value::boolean(x > y); return true;
    case TokenKind::kGreaterThanEqualsTo: out = Value::boolean(x >= y); return true;
    case TokenKind::kExclusiveRange: out = Value::range(x, y, false); return true;
    case TokenKind::kInclusiveRange: out = Value::range(x, y, true); return true;
    default: return false;
  }
  out = Value::integer(r);
  return true;
}

bool floatOp(TokenKind op, double x, double y, Value& out) {
  double mx = x * y == 0.0 ? 1.0 : std::max(std::fabs(x), std::fabs(y));
  switch (op) {
    case TokenKind::kPlus: out = Value::real(x + y); return true;
    case TokenKind::kMinus: out = Value::real(x - y); return true;
    case TokenKind::kMultiply: out = Value::real(x * y); return true;
    case TokenKind::kDivide: out = Value::real(x / y); return true;
    case TokenKind::kModulo: out = Value::real(std::fmod(x, y)); return true;
    case TokenKind::kPowerOf: out = Value::real(std::pow(x, y)); return true;
    case TokenKind::kEqualsTo:
      out = Value::boolean(std::fabs(x - y) / mx <= DBL_EPSILON);
      return true;
    case TokenKind::kNotEqualsTo:
      out = Value::boolean(std::fabs(x - y) / mx > DBL_EPSILON);
      return true;
    case TokenKind::kGreaterThan: out = Value::boolean((x - y) / mx > DBL_EPSILON); return true;
    case TokenKind::kGreaterThanEqualsTo:
      out = Value::boolean((x - y) / mx > -DBL_EPSILON);
      return true;
    case TokenKind::kLessThan: out = Value::boolean((y - x) / mx > DBL_EPSILON); return true;
    case TokenKind::kLessThanEqualsTo:
      out = Value::boolean((y - x) / mx > -DBL_EPSILON);
      return true;
    default: return false;
  }
}

template <typename V>
bool compare(TokenKind op, const V& x, const V& y, Value& out) {
  switch (op) {
    case TokenKind::kEqualsTo: out = Value::boolean(x == y); return true;
    case TokenKind::kNotEqualsTo: out = Value::boolean(x != y); return true;
    case TokenKind::kLessThan: out = Value::boolean(x < y); return true;
    case TokenKind::kLessThanEqualsTo: out = Value::boolean(x <= y); return true;
    case TokenKind::kGreaterThan: out = Value::boolean(x > y); return true;
    case TokenKind::kGreaterThanEqualsTo: out = Value::boolean(x >= y); return true;
    default: return false;
  }
}

bool isComparison(TokenKind op) {
  return op == TokenKind::kEqualsTo || op == TokenKind::kNotEqualsTo ||
         op == TokenKind::kLessThan || op == TokenKind::kLessThanEqualsTo ||
         op == TokenKind::kGreaterThan || op == TokenKind::kGreaterThanEqualsTo;
}

}  // namespace

bool valuesEqual(const Value& a, const Value& b) {
  Value out;
  if (isNumber(a) && isNumber(b)) {
    if (a.is(T::kInt) && b.is(T::kInt)) return a.asInt() == b.asInt();
    floatOp(TokenKind::kEqualsTo, toDouble(a), toDouble(b), out);
    return out.asBool();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case T::kUnit: return true;
    case T::kBool: return a.asBool() == b.asBool();
    case T::kChar: return a.asChar() == b.asChar();
    case T::kString: return a.asString() == b.asString();
    case T::kArray: {
      const Array& x = a.asArray();
      const Array& y = b.asArray();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!valuesEqual(x[i], y[i])) return false;
      }
      return true;
    }
    case T::kMap: {
      const Map& x = a.asMap();
      const Map& y = b.asMap();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x) {
        auto it = y.find(k);
        if (it == y.end() || !valuesEqual(v, it->second)) return false;
      }
      return true;
    }
    case T::kRange: {
      const RangeValue& x = a.asRange();
      const RangeValue& y = b.asRange();
      return x.start == y.start && x.end == y.end && x.inclusive == y.inclusive;
    }
    default: return false;
  }
}

bool binaryOp(TokenKind op, const Value& a, const Value& b, Position pos, Value& out) {
  if (a.is(T::kInt) && b.is(T::kInt)) return intOp(op, a.asInt(), b.asInt(), pos, out);
  if (isNumber(a) && isNumber(b)) return floatOp(op, toDouble(a), toDouble(b), out);
  if (op == TokenKind::kPlus) {
    if (a.is(T::kString) || b.is(T::kString) || (a.is(T::kChar) && b.is(T::kChar))) {
      if (a.is(T::kArray) || b.is(T::kArray) || a.is(T::kMap) || b.is(T::kMap)) {
        if (!a.is(T::kString)) return false;
      }
      if (a.is(T::kString) && b.is(T::kString)) {  // no display() copies of either side
        std::string r;
        r.reserve(a.asString().size() + b.asString().size());
        r += a.asString();
        r += b.asString();
        out = Value::string(std::move(r));
        return true;
      }
      out = Value::string(a.display() + b.display());
      return true;
    }
    if (a.is(T::kArray) && b.is(T::kArray)) {
      Array r = a.asArray();
      r.insert(r.end(), b.asArray().begin(), b.asArray().end());
      out = Value::array(std::move(r));
      return true;
    }
    if (a.is(T::kMap) && b.is(T::kMap)) {
      Map r = a.asMap();
      for (const auto& [k, v] : b.asMap()) r[k] = v;
      out = Value::map(std::move(r));
      return true;
    }
  }
  if (op == TokenKind::kMinus && a.is(T::kString) && (b.is(T::kString) || b.is(T::kChar))) {
    std::string s = a.asString();
    std::string sub = b.display();
    if (!sub.empty()) {
      for (size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p))
        s.erase(p, sub.size());
    }
    out = Value::string(std::move(s));
    return true;
  }
  if (a.is(T::kBool) && b.is(T::kBool)) {
    bool x = a.asBool();
    bool y = b.asBool();
    switch (op) {
      case TokenKind::kAmpersand: out = Value::boolean(x && y); return true;
      case TokenKind::kPipe: out = Value::boolean(x || y); return true;
      case TokenKind::kXOr: out = Value::boolean(x != y); return true;
      default: return compare(op, x, y, out);
    }
  }
  if (a.is(T::kTimestamp)) {
    auto at = a.asTimestamp().at;
    if (b.is(T::kTimestamp) && op == TokenKind::kMinus) {
      out = Value::real(std::chrono::duration<double>(at - b.asTimestamp().at).count());
      return true;
    }
    if (isNumber(b) && (op == TokenKind::kPlus || op == TokenKind::kMinus)) {
      auto d = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(toDouble(b)));
      out = Value::timestamp(op == TokenKind::kPlus ? at + d : at - d);
      return true;
    }
    if (b.is(T::kTimestamp)) return compare(op, at, b.asTimestamp().at, out);
  }
  if (!isComparison(op)) return false;
  if (a.is(T::kString) && b.is(T::kString)) return compare(op, a.asString(), b.asString(), out);
  if (a.is(T::kChar) && b.is(T::kChar)) return compare(op, a.asChar(), b.asChar(), out);
  if (a.is(T::kString) && b.is(T::kChar)) return compare(op, a.asString(), b.display(), out);
  if (a.is(T::kChar) && b.is(T::kString)) return compare(op, a.display(), b.asString(), out);
  if (op == TokenKind::kEqualsTo || op == TokenKind::kNotEqualsTo) {
    if (a.is(T::kFnPtr) && b.is(T::kFnPtr)) return false;
    if (a.is(T::kHost) || b.is(T::kHost)) {
      // A registered `==` (HostObject::equals); none: false across types, and no operator for
      // two objects of one type, as in Rhai.
      std::optional<bool> eq = a.is(T::kHost) ? a.asHost().equals(b) : b.asHost().equals(a);
      if (!eq) {
        if (a.is(T::kHost) && b.is(T::kHost) && a.typeName() == b.typeName()) return false;
        eq = false;
      }
      out = Value::boolean(op == TokenKind::kEqualsTo ? *eq : !*eq);
      return true;
    }
    bool eq = valuesEqual(a, b);
    out = Value::boolean(op == TokenKind::kEqualsTo ? eq : !eq);
    return true;
  }
  if (a.type() != b.type()) {
    out = Value::boolean(false);
    return true;
  }
  if (a.isUnit()) {
    out =
        Value::boolean(op == TokenKind::kLessThanEqualsTo || op == TokenKind::kGreaterThanEqualsTo);
    return true;
  }
  return false;
}

}  // namespace plexus::rhai::detail
