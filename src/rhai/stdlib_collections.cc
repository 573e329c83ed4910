// Rhai's array and map functions (Rhai 1.23.6 src/packages/array_basic.rs, map_basic.rs).
#include <algorithm>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

namespace {

using T = Value::Type;

// Calls a callback with (item) or, if it takes two parameters, (item, index).
Value callback(Interp& in, const FnPtr& f, const Value& item, int64_t index, Position pos) {
  size_t base = f.curry.size();
  if (in.hasScriptFn(f.name, base + 2)) return in.callFnPtr(f, {item, Value::integer(index)}, pos);
  if (!in.hasScriptFn(f.name, base + 1) && in.hasScriptFn(f.name, base)) {
    Value self = item;
    return in.callFnPtr(f, {}, pos, &self);
  }
  return in.callFnPtr(f, {item}, pos);
}

bool truthy(const Value& v) { return v.is(T::kBool) && v.asBool(); }

// serde_json form of a value (Map::to_json): floats keep `.0`, Fn pointers are names, or
// [name, curried...] when curried.
std::string toJson(const Value& v) {
  switch (v.type()) {
    case T::kUnit: return "null";
    case T::kString: return debugString(v.asString());
    case T::kChar: return debugString(v.display());
    case T::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.asArray().size(); ++i)
        out += (i ? "," : "") + toJson(v.asArray()[i]);
      return out + "]";
    }
    case T::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, x] : v.asMap()) {
        out += (first ? "" : ",") + debugString(k) + ":" + toJson(x);
        first = false;
      }
      return out + "}";
    }
    case T::kFnPtr: {
      const FnPtr& f = v.asFnPtr();
      if (f.curry.empty()) return debugString(f.name);
      std::string out = "[" + debugString(f.name);
      for (const Value& c : f.curry) out += "," + toJson(c);
      return out + "]";
    }
    default: return v.debug();
  }
}

int64_t normIndex(int64_t i, size_t n) {
  return i < 0 ? std::max<int64_t>(0, static_cast<int64_t>(n) + i) : i;
}

bool arrayFn(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
             Value& out) {
  size_t n = args.size();
  auto arg = [&](size_t i, T t) { return n > i && args[i].is(t); };
  const Array& a = args[0].asArray();
  if (name == "len" && n == 1) return out = Value::integer(static_cast<int64_t>(a.size())), true;
  if (name == "is_empty" && n == 1) return out = Value::boolean(a.empty()), true;
  if (name == "push" && n == 2) return args[0].mutArray().push_back(args[1]), out = Value(), true;
  if (name == "append" && n == 2) {
    Array& m = args[0].mutArray();
    if (args[1].is(T::kArray)) {
      m.insert(m.end(), args[1].asArray().begin(), args[1].asArray().end());
    } else {
      m.push_back(args[1]);
    }
    return out = Value(), true;
  }
  if ((name == "pop" || name == "shift") && n == 1) {
    if (a.empty()) return out = Value(), true;
    Array& m = args[0].mutArray();
    if (name == "pop") {
      out = std::move(m.back());
      m.pop_back();
    } else {
      out = std::move(m.front());
      m.erase(m.begin());
    }
    return true;
  }
  if (name == "insert" && n == 3 && arg(1, T::kInt)) {
    Array& m = args[0].mutArray();
    int64_t i =
        std::min<int64_t>(normIndex(args[1].asInt(), m.size()), static_cast<int64_t>(m.size()));
    m.insert(m.begin() + i, args[2]);
    return out = Value(), true;
  }
  if (name == "remove" && n == 2 && arg(1, T::kInt)) {
    int64_t i =
        args[1].asInt() < 0 ? args[1].asInt() + static_cast<int64_t>(a.size()) : args[1].asInt();
    if (i < 0 || i >= static_cast<int64_t>(a.size())) return out = Value(), true;
    Array& m = args[0].mutArray();
    out = std::move(m[static_cast<size_t>(i)]);
    m.erase(m.begin() + i);
    return true;
  }
  if (name == "clear" && n == 1) return args[0].mutArray().clear(), out = Value(), true;
  if (name == "truncate" && n == 2 && arg(1, T::kInt)) {
    size_t len = static_cast<size_t>(std::max<int64_t>(0, args[1].asInt()));
    if (len < a.size()) args[0].mutArray().resize(len);
    return out = Value(), true;
  }
  if (name == "chop" && n == 2 && arg(1, T::kInt)) {
    size_t len = static_cast<size_t>(std::max<int64_t>(0, args[1].asInt()));
    Array& m = args[0].mutArray();
    if (len < m.size()) m.erase(m.begin(), m.end() - static_cast<int64_t>(len));
    return out = Value(), true;
  }
  if (name == "reverse" && n == 1)
    return std::reverse(args[0].mutArray().begin(), args[0].mutArray().end()), out = Value(), true;
  if (name == "get" && n == 2 && arg(1, T::kInt)) {
    int64_t i =
        args[1].asInt() < 0 ? args[1].asInt() + static_cast<int64_t>(a.size()) : args[1].asInt();
    return out =
               (i < 0 || i >= static_cast<int64_t>(a.size())) ? Value() : a[static_cast<size_t>(i)],
           true;
  }
  if (name == "contains" && n == 2) {
    bool found =
        std::any_of(a.begin(), a.end(), [&](const Value& v) { return valuesEqual(v, args[1]); });
    return out = Value::boolean(found), true;
  }
  if (name == "index_of" && n >= 2) {
    int64_t start = arg(2, T::kInt) ? normIndex(args[2].asInt(), a.size()) : 0;
    for (size_t i = static_cast<size_t>(start); i < a.size(); ++i) {
      bool hit = args[1].is(T::kFnPtr)
                     ? truthy(callback(in, args[1].asFnPtr(), a[i], static_cast<int64_t>(i), pos))
                     : valuesEqual(a[i], args[1]);
      if (hit) return out = Value::integer(static_cast<int64_t>(i)), true;
    }
    return out = Value::integer(-1), true;
  }
  if (name == "extract" && n >= 2 && arg(1, T::kInt)) {
    int64_t start =
        std::min<int64_t>(normIndex(args[1].asInt(), a.size()), static_cast<int64_t>(a.size()));
    int64_t len =
        arg(2, T::kInt) ? std::max<int64_t>(0, args[2].asInt()) : static_cast<int64_t>(a.size());
    int64_t end = std::min<int64_t>(static_cast<int64_t>(a.size()),
                                    start + std::min<int64_t>(len, static_cast<int64_t>(a.size())));
    return out = Value::array(Array(a.begin() + start, a.begin() + end)), true;
  }
  if (name == "sort" && n == 1) {
    Array& m = args[0].mutArray();
    std::stable_sort(m.begin(), m.end(), [&](const Value& x, const Value& y) {
      Value r;
      return binaryOp(TokenKind::kLessThan, x, y, pos, r) && truthy(r);
    });
    return out = Value(), true;
  }
  if (name == "sort" && n == 2 && arg(1, T::kFnPtr)) {
    Array& m = args[0].mutArray();
    FnPtr f = args[1].asFnPtr();
    std::stable_sort(m.begin(), m.end(), [&](const Value& x, const Value& y) {
      Value r = in.callFnPtr(f, {x, y}, pos);
      return r.is(T::kInt) && r.asInt() < 0;
    });
    return out = Value(), true;
  }
  if (name == "dedup" && n == 1) {
    Array& m = args[0].mutArray();
    m.erase(std::unique(m.begin(), m.end(), valuesEqual), m.end());
    return out = Value(), true;
  }
  if (n == 2 && arg(1, T::kFnPtr)) {
    const FnPtr& f = args[1].asFnPtr();
    if (name == "map") {
      Array r;
      for (size_t i = 0; i < a.size(); ++i)
        r.push_back(callback(in, f, a[i], static_cast<int64_t>(i), pos));
      return out = Value::array(std::move(r)), true;
    }
    if (name == "filter" || name == "retain" || name == "drain") {
      Array keep;
      Array removed;
      for (size_t i = 0; i < a.size(); ++i) {
        bool hit = truthy(callback(in, f, a[i], static_cast<int64_t>(i), pos));
        (hit ? keep : removed).push_back(a[i]);
      }
      if (name == "filter") return out = Value::array(std::move(keep)), true;
      if (name == "retain") {
        args[0] = Value::array(std::move(keep));
        return out = Value::array(std::move(removed)), true;
      }
      args[0] = Value::array(std::move(removed));
      return out = Value::array(std::move(keep)), true;
    }
    if (name == "some" || name == "all") {
      bool all = name == "all";
      for (size_t i = 0; i < a.size(); ++i) {
        if (truthy(callback(in, f, a[i], static_cast<int64_t>(i), pos)) != all)
          return out = Value::boolean(!all), true;
      }
      return out = Value::boolean(all), true;
    }
    if (name == "find") {
      for (size_t i = 0; i < a.size(); ++i) {
        if (truthy(callback(in, f, a[i], static_cast<int64_t>(i), pos))) return out = a[i], true;
      }
      return out = Value(), true;
    }
    if (name == "for_each") {
      FnPtr fn = f;
      size_t len = a.size();
      bool with_index = in.hasScriptFn(fn.name, fn.curry.size() + 1);
      for (size_t i = 0; i < len; ++i) {
        Value self = args[0].asArray()[i];
        std::vector<Value> cb;
        if (with_index) cb.push_back(Value::integer(static_cast<int64_t>(i)));
        in.callFnPtr(fn, std::move(cb), pos, &self);
        args[0].mutArray()[i] = std::move(self);
      }
      return out = Value(), true;
    }
  }
  if ((name == "reduce" || name == "reduce_rev") && (n == 2 || n == 3) && arg(1, T::kFnPtr)) {
    FnPtr f = args[1].asFnPtr();
    Value acc = n == 3 ? args[2] : Value();
    bool with_index = in.hasScriptFn(f.name, f.curry.size() + 3);
    for (size_t k = 0; k < a.size(); ++k) {
      size_t i = name == "reduce" ? k : a.size() - 1 - k;
      std::vector<Value> cb{acc, a[i]};
      if (with_index) cb.push_back(Value::integer(static_cast<int64_t>(i)));
      acc = in.callFnPtr(f, std::move(cb), pos);
    }
    return out = std::move(acc), true;
  }
  if (name == "pad" && n == 3 && arg(1, T::kInt)) {
    if (args[1].asInt() > static_cast<int64_t>(a.size()))
      in.checkArrayLen(static_cast<uint64_t>(args[1].asInt()), pos);
    Array& m = args[0].mutArray();
    while (static_cast<int64_t>(m.size()) < args[1].asInt()) m.push_back(args[2]);
    return out = Value(), true;
  }
  if (name == "split" && n == 2 && arg(1, T::kInt)) {
    int64_t i =
        std::min<int64_t>(normIndex(args[1].asInt(), a.size()), static_cast<int64_t>(a.size()));
    Array tail(a.begin() + i, a.end());
    args[0].mutArray().resize(static_cast<size_t>(i));
    return out = Value::array(std::move(tail)), true;
  }
  return false;
}

bool mapFn(std::string_view name, std::vector<Value>& args, Value& out) {
  size_t n = args.size();
  const Map& m = args[0].asMap();
  if (name == "len" && n == 1) return out = Value::integer(static_cast<int64_t>(m.size())), true;
  if (name == "is_empty" && n == 1) return out = Value::boolean(m.empty()), true;
  if ((name == "keys" || name == "values") && n == 1) {
    Array r;
    for (const auto& [k, v] : m) r.push_back(name == "keys" ? Value::string(k) : v);
    return out = Value::array(std::move(r)), true;
  }
  if (name == "contains" && n == 2 && args[1].is(T::kString)) {
    return out = Value::boolean(m.count(args[1].asString()) != 0), true;
  }
  if (name == "get" && n == 2 && args[1].is(T::kString)) {
    auto it = m.find(args[1].asString());
    return out = it == m.end() ? Value() : it->second, true;
  }
  if (name == "remove" && n == 2 && args[1].is(T::kString)) {
    Map& mm = args[0].mutMap();
    auto it = mm.find(args[1].asString());
    if (it == mm.end()) return out = Value(), true;
    out = std::move(it->second);
    mm.erase(it);
    return true;
  }
  if (name == "clear" && n == 1) return args[0].mutMap().clear(), out = Value(), true;
  if (name == "to_json" && n == 1) return out = Value::string(toJson(args[0])), true;
  if (name == "set" && n == 3 && args[1].is(T::kString)) {
    args[0].mutMap()[args[1].asString()] = args[2];
    return out = Value(), true;
  }
  if (name == "mixin" && n == 2 && args[1].is(T::kMap)) {
    Map& mm = args[0].mutMap();
    for (const auto& [k, v] : args[1].asMap()) mm[k] = v;
    return out = Value(), true;
  }
  return false;
}

}  // namespace

bool callCollection(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
                    Value& out) {
  if (args[0].is(T::kArray)) return arrayFn(in, name, args, pos, out);
  return mapFn(name, args, out);
}

}  // namespace plexus::rhai::detail
