// Rhai's iterator functions beyond stdlib.cc (Rhai 1.23.6 src/packages/iter_basic.rs,
// array_basic.rs): float `range(from, to, step)`, `chars(range | start [, len])`, `find_map`.
#include <algorithm>
#include <cmath>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

namespace {

using T = Value::Type;

// StepRange<FLOAT>: iterates while below (above, for a negative step) `to`.
bool floatRange(Interp& in, std::vector<Value>& args, Position pos, Value& out) {
  if (args.size() != 3) return false;
  for (const Value& v : args) {
    if (!v.is(T::kFloat)) return false;
  }
  double from = args[0].asFloat();
  double to = args[1].asFloat();
  double step = args[2].asFloat();
  double next = from + step;
  if (next == from) failArithmetic("step value cannot be zero", pos);
  int dir = from < to && next > from ? 1 : from > to && next < from ? -1 : 0;
  if (dir != 0) {
    double count = std::ceil((to - from) / step);
    in.checkArrayLen(
        std::isfinite(count) && count < 1e18 ? static_cast<uint64_t>(count) : UINT64_MAX, pos);
  }
  Array r;
  while (dir != 0) {
    r.push_back(Value::real(from));
    from += step;
    if ((dir > 0 && from >= to) || (dir < 0 && from <= to)) dir = 0;
  }
  return out = Value::array(std::move(r)), true;
}

// CharsStream::new: `len` characters from `from` (negative counts from the end).
Value chars(const std::string& s, int64_t from, int64_t len) {
  Array a;
  if (len <= 0) return Value::array(std::move(a));
  std::u32string c = decodeUtf8(s);
  int64_t n = static_cast<int64_t>(c.size());
  int64_t start = from >= 0 ? from : (from == INT64_MIN || -from > n ? 0 : n + from);
  for (int64_t i = start; i < n && i - start < len; ++i) {
    a.push_back(Value::character(c[static_cast<size_t>(i)]));
  }
  return Value::array(std::move(a));
}

bool charsFn(std::vector<Value>& args, Value& out) {
  size_t n = args.size();
  const std::string& s = args[0].asString();
  if (n == 2 && args[1].is(T::kRange)) {
    const RangeValue& r = args[1].asRange();
    int64_t from = std::max<int64_t>(r.start, 0);
    if (!r.inclusive) return out = chars(s, from, std::max(r.end, from) - from), true;
    int64_t to = std::min(std::max(r.end, from - 1), INT64_MAX - 1);
    return out = chars(s, from, to - from + 1), true;
  }
  if (n == 2 && args[1].is(T::kInt)) return out = chars(s, args[1].asInt(), INT64_MAX), true;
  if (n == 3 && args[1].is(T::kInt) && args[2].is(T::kInt)) {
    return out = chars(s, args[1].asInt(), args[2].asInt()), true;
  }
  return false;
}

// Array::find_map(f [, start]): the first non-() result of `f`.
bool findMap(Interp& in, std::vector<Value>& args, Position pos, Value& out) {
  size_t n = args.size();
  if ((n != 2 && n != 3) || !args[1].is(T::kFnPtr) || (n == 3 && !args[2].is(T::kInt))) {
    return false;
  }
  Array a = args[0].asArray();
  const FnPtr& f = args[1].asFnPtr();
  int64_t len = static_cast<int64_t>(a.size());
  int64_t start = n == 3 ? args[2].asInt() : 0;
  if (start < 0) start = start == INT64_MIN || -start > len ? 0 : len + start;
  size_t base = f.curry.size();
  for (int64_t i = start; i < len; ++i) {
    const Value& item = a[static_cast<size_t>(i)];
    Value r;
    if (in.hasScriptFn(f.name, base + 2)) {
      r = in.callFnPtr(f, {item, Value::integer(i)}, pos);
    } else if (!in.hasScriptFn(f.name, base + 1) && in.hasScriptFn(f.name, base)) {
      Value self = item;
      r = in.callFnPtr(f, {}, pos, &self);
    } else {
      r = in.callFnPtr(f, {item}, pos);
    }
    if (!r.is(T::kUnit)) return out = std::move(r), true;
  }
  return out = Value(), true;
}

}  // namespace

bool iterFn(Interp& in, std::string_view name, std::vector<Value>& args, Position pos, Value& out) {
  if (args.empty()) return false;
  if (name == "range") return floatRange(in, args, pos, out);
  if (name == "chars" && args[0].is(T::kString)) return charsFn(args, out);
  if (name == "find_map" && args[0].is(T::kArray)) return findMap(in, args, pos, out);
  return false;
}

}  // namespace plexus::rhai::detail
