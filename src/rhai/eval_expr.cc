// Rhai evaluator: expressions, chains (property, index, method call), calls and closures.
#include <algorithm>
#include <set>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;

namespace {

void collectNames(const Stmt* s, std::set<std::string_view>& out);

void collectNames(const Expr* e, std::set<std::string_view>& out) {
  if (!e) return;
  if (e->kind == ExprKind::kVariable && e->namespace_path.empty()) out.insert(e->text);
  if (e->kind == ExprKind::kFnCall && e->text == "is_def_var") {
    for (const Expr* a : e->items) {
      if (a->kind == ExprKind::kString) out.insert(a->text);
    }
  }
  for (const Expr* i : e->items) collectNames(i, out);
  collectNames(e->lhs, out);
  collectNames(e->rhs, out);
  collectNames(e->stmt, out);
  if (e->fn_def) {
    for (const Stmt* s : e->fn_def->body) collectNames(s, out);
  }
}

void collectNames(const Stmt* s, std::set<std::string_view>& out) {
  if (!s) return;
  collectNames(s->expr, out);
  collectNames(s->lhs, out);
  collectNames(s->rhs, out);
  for (const Stmt* b : s->body) collectNames(b, out);
  for (const Stmt* b : s->catch_body) collectNames(b, out);
  collectNames(s->else_branch, out);
  for (const ast::SwitchCase& c : s->cases) {
    for (const Expr* v : c.values) collectNames(v, out);
    collectNames(c.condition, out);
    collectNames(c.body, out);
  }
}

}  // namespace

void Interp::captureFreeVars(const ast::FnDef* fn, FnPtr& ptr) {
  std::set<std::string_view> names;
  for (const Stmt* s : fn->body) collectNames(s, names);
  for (std::string_view p : fn->params) names.erase(p);
  for (std::string_view n : names) {
    if (Var* v = findVar(n)) {
      v->shared = true;
      captured_.push_back(v->cell);
      ptr.captures.emplace_back(std::string(n), v->cell);
    }
  }
}

Value Interp::evalClosure(const Expr* e) {
  FnPtr f;
  f.name = std::string(e->fn_def->name);
  captureFreeVars(e->fn_def, f);
  return Value::fnPtr(std::move(f));
}

// The less common expressions, kept out of evalExpr so that its frame stays small (a call per
// node is the interpreter's hottest path).
[[gnu::noinline]] Value Interp::evalCompound(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kInterpolated: {
      std::string out;
      for (const Expr* i : e->items) {
        out += evalExpr(i).display();
        checkStringLen(out.size(), e->pos);
      }
      return Value::string(std::move(out));
    }
    case ExprKind::kArray: {
      Array a;
      a.reserve(e->items.size());
      for (const Expr* i : e->items) a.push_back(evalExpr(i));
      Value v = Value::array(std::move(a));
      checkSize(v, e->pos);
      return v;
    }
    case ExprKind::kMap: {
      Map m;
      for (size_t i = 0; i < e->items.size(); ++i)
        m[std::string(e->keys[i])] = evalExpr(e->items[i]);
      Value v = Value::map(std::move(m));
      checkSize(v, e->pos);
      return v;
    }
    case ExprKind::kVariable: {
      std::string_view name = e->text;
      if (!e->namespace_path.empty()) {
        if (e->namespace_path.size() == 1 && e->namespace_path[0] == "global") {
          size_t end = globals_end_ == kNoFrame ? vars_.size() : globals_end_;
          for (size_t i = end; i > 0; --i) {
            const Var& g = vars_[i - 1];
            if (g.name == name && g.is_const) return *g.cell;
          }
        }
        return moduleVar(e);
      }
      if (Var* v = findVar(name)) return *v->cell;  // not reached from evalExpr
      if (fns_.count(e->text)) return Value::fnPtr(FnPtr{std::string(name), {}, {}});
      if (std::optional<Value> v = resolveVariable(name)) return std::move(*v);
      fail("ErrorVariableNotFound", "Variable not found: " + std::string(name), e->pos,
           std::string(name));
    }
    case ExprKind::kUnary: {
      Value v = evalExpr(e->lhs);
      if (e->op == TokenKind::kBang) {
        if (!v.is(Value::Type::kBool)) failFnNotFound("!", std::span<const Value>(&v, 1), e->pos);
        return Value::boolean(!v.asBool());
      }
      bool minus = e->op == TokenKind::kUnaryMinus;
      if (v.is(Value::Type::kInt)) {
        if (!minus) return v;
        if (v.asInt() == INT64_MIN) failArithmetic("Negation overflow: -" + v.debug(), e->pos);
        return Value::integer(-v.asInt());
      }
      if (v.is(Value::Type::kFloat)) return minus ? Value::real(-v.asFloat()) : v;
      failFnNotFound(minus ? "-" : "+", std::span<const Value>(&v, 1), e->pos);
    }
    default: return {};
  }
}

Value Interp::evalExpr(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kUnit: return {};
    case ExprKind::kBool: return Value::boolean(e->bool_value);
    case ExprKind::kInteger: return Value::integer(e->int_value);
    case ExprKind::kFloat: return Value::real(e->float_value);
    case ExprKind::kChar: return Value::character(e->char_value);
    case ExprKind::kString: return literalString(e);
    case ExprKind::kInterpolated:
    case ExprKind::kArray:
    case ExprKind::kMap:
    case ExprKind::kUnary: return evalCompound(e);
    case ExprKind::kVariable:
      if (e->namespace_path.empty()) {
        if (Var* v = findVar(e->text)) return *v->cell;
      }
      return evalCompound(e);  // m::x, global::x, a function's name, or not found
    case ExprKind::kThis:
      if (!this_) fail("ErrorUnboundThis", "'this' not bound", e->pos);
      return *this_;
    case ExprKind::kProperty: return {};
    case ExprKind::kFnCall: return evalCall(e);
    case ExprKind::kMethodCall: return {};
    case ExprKind::kDot: return evalDot(e);
    case ExprKind::kIndex: return evalIndex(e);
    case ExprKind::kBinary: return evalBinary(e);
    case ExprKind::kClosure: return evalClosure(e);
    case ExprKind::kStmt: {
      Value v = evalStmt(e->stmt);
      if (flow_ != Flow::kNone) throw FlowSignal{};
      return v;
    }
  }
  return {};
}

Value* Interp::indexRef(Value& base, const Value& idx, Position pos, bool create) {
  if (base.is(Value::Type::kArray) && idx.is(Value::Type::kInt)) {
    int64_t n = static_cast<int64_t>(base.asArray().size());
    int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
    if (i < 0 || i >= n) indexValue(base, idx, pos, false);  // raises the bounds error
    return &base.mutArray()[static_cast<size_t>(i)];
  }
  if (base.is(Value::Type::kMap) && idx.is(Value::Type::kString)) {
    if (create) return &base.mutMap()[idx.asString()];
    auto it = base.asMap().find(idx.asString());
    if (it == base.asMap().end()) return nullptr;
    return &base.mutMap()[idx.asString()];
  }
  return nullptr;
}

Value Interp::indexValue(const Value& base, const Value& idx, Position pos, bool elvis) {
  if (elvis && base.isUnit()) return {};
  switch (base.type()) {
    case Value::Type::kArray: {
      if (!idx.is(Value::Type::kInt)) break;
      const Array& a = base.asArray();
      int64_t n = static_cast<int64_t>(a.size());
      int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
      if (i < 0 || i >= n) failBounds(/*string=*/false, idx.asInt(), n, pos);
      return a[static_cast<size_t>(i)];
    }
    case Value::Type::kMap: {
      if (!idx.is(Value::Type::kString) && !idx.is(Value::Type::kChar)) break;
      std::string key = idx.display();
      auto it = base.asMap().find(key);
      return it == base.asMap().end() ? Value() : it->second;
    }
    case Value::Type::kString: {
      std::u32string chars = decodeUtf8(base.asString());
      int64_t n = static_cast<int64_t>(chars.size());
      if (idx.is(Value::Type::kInt)) {
        int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
        if (i < 0 || i >= n) failBounds(/*string=*/true, idx.asInt(), n, pos);
        return Value::character(chars[static_cast<size_t>(i)]);
      }
      if (idx.is(Value::Type::kRange)) {
        // Rhai's val_str[range] (src/eval/chaining.rs): a negative start beyond the string is
        // an error, a negative end beyond it is 0; an inclusive slice needs end > start.
        const RangeValue& r = idx.asRange();
        if (n == 0) return Value::string("");
        auto bound = [&](int64_t v, bool is_start) -> int64_t {
          if (v >= 0) return std::min(v, n);
          if (v != INT64_MIN && -v <= n) return n + v;
          if (!is_start) return 0;
          failBounds(/*string=*/true, v, n, pos);
        };
        int64_t from = bound(r.start, true);
        int64_t end = bound(r.end, false);
        int64_t to = !r.inclusive                  ? std::max(end, from)
                     : (from == 0 && end >= n - 1) ? n
                     : end > from                  ? std::min(end + 1, n)
                                                   : from;
        std::string out;
        for (int64_t i = from; i < to; ++i) appendUtf8(out, chars[static_cast<size_t>(i)]);
        return Value::string(std::move(out));
      }
      break;
    }
    case Value::Type::kInt: {
      if (!idx.is(Value::Type::kInt)) break;
      int64_t i = idx.asInt() < 0 ? idx.asInt() + 64 : idx.asInt();
      if (i < 0 || i >= 64) {
        fail("ErrorBitFieldBounds",
             "Bit-field index " + std::to_string(idx.asInt()) +
                 " out of bounds: only 64 bits in bit-field",
             pos);
      }
      return Value::boolean(((static_cast<uint64_t>(base.asInt()) >> i) & 1) != 0);
    }
    case Value::Type::kHost: return hostIndex(base, idx, pos);
    default: break;
  }
  fail("ErrorIndexingType", "Indexer unavailable: " + std::string(base.paramTypeName()), pos);
}

Value* Interp::lvalue(const Expr* e, bool create, bool& is_const) {
  switch (e->kind) {
    case ExprKind::kVariable: {
      if (!e->namespace_path.empty()) return nullptr;
      Var* v = findVar(e->text);
      if (!v) return nullptr;
      is_const = v->is_const;
      return v->cell.get();
    }
    case ExprKind::kThis:
      if (!this_) fail("ErrorUnboundThis", "'this' not bound", e->pos);
      return this_;
    case ExprKind::kIndex: {
      Value idx = evalExpr(e->rhs);
      Value* base = lvalue(e->lhs, create, is_const);
      if (!base) return nullptr;
      if (base->is(Value::Type::kHost)) return hostPlace(*base, {}, &idx, e->pos);
      return indexRef(*base, idx, e->pos, create);
    }
    case ExprKind::kDot: {
      if (e->rhs->kind != ExprKind::kProperty) return nullptr;
      Value* base = lvalue(e->lhs, create, is_const);
      if (!base) return nullptr;
      if (base->is(Value::Type::kHost)) {
        return hostPlace(*base, e->rhs->text, nullptr, e->rhs->pos);
      }
      if (!base->is(Value::Type::kMap)) {
        if (create && !e->elvis) {
          fail("ErrorDotExpr",
               "No writable property '" + std::string(e->rhs->text) +
                   "' - a setter is not registered for type '" +
                   std::string(base->paramTypeName()) + "'",
               e->rhs->pos);
        }
        return nullptr;
      }
      if (create) return &base->mutMap()[std::string(e->rhs->text)];
      auto it = base->asMap().find(e->rhs->text);
      return it == base->asMap().end() ? nullptr : &base->mutMap()[std::string(e->rhs->text)];
    }
    default: return nullptr;
  }
}

Value Interp::evalDot(const Expr* e) {
  const Expr* rhs = e->rhs;
  if (rhs->kind == ExprKind::kMethodCall) {
    bool is_const = false;
    Value* ref = nullptr;
    const Expr* t = e->lhs;
    // `host.a.method(leaves…)`: the host may answer without the intermediate objects.
    if (rhs->items.size() <= 4 && std::all_of(rhs->items.begin(), rhs->items.end(),
                                              [](const Expr* a) { return isLeaf(a); })) {
      HostPath path;
      if (Value* root = hostPathRoot(t, path)) {
        std::array<Value, 4> args;
        for (size_t i = 0; i < rhs->items.size(); ++i) args[i] = evalExpr(rhs->items[i]);
        try {
          if (std::optional<Value> v = root->mutHost().callPath(
                  path.span(), rhs->text, std::span<Value>(args.data(), rhs->items.size())))
            return std::move(*v);
        } catch (const HostError& err) {
          failHost(err, rhs->pos);
        }
      }
    }
    // Host properties on the receiver's chain are read into temporaries and written back
    // afterwards, so `request.headers.remove("x")` changes the request.
    size_t mark = writeBackMark();
    try {
      if (t->kind == ExprKind::kVariable || t->kind == ExprKind::kThis ||
          t->kind == ExprKind::kIndex || t->kind == ExprKind::kDot) {
        ref = lvalue(t, false, is_const);
      }
      if (ref) {
        Value result = evalMethodCall(rhs, t, ref, Value(), is_const);
        flushWriteBacks(mark);
        return result;
      }
    } catch (...) {
      dropWriteBacks(mark);
      throw;
    }
    dropWriteBacks(mark);
    Value recv = evalExpr(t);
    if (e->elvis && recv.isUnit()) return {};
    return evalMethodCall(rhs, t, nullptr, std::move(recv), false);
  }
  Value tmp;
  const Value& base = operand(e->lhs, tmp);  // a variable is read in place
  if (e->elvis && base.isUnit()) return {};
  std::string_view prop = rhs->text;
  switch (base.type()) {
    case Value::Type::kMap: {
      auto it = base.asMap().find(prop);
      return it == base.asMap().end() ? Value() : it->second;
    }
    case Value::Type::kArray:
      if (prop == "len") return Value::integer(static_cast<int64_t>(base.asArray().size()));
      if (prop == "is_empty") return Value::boolean(base.asArray().empty());
      break;
    case Value::Type::kString:
      if (prop == "len")
        return Value::integer(static_cast<int64_t>(decodeUtf8(base.asString()).size()));
      if (prop == "is_empty") return Value::boolean(base.asString().empty());
      break;
    case Value::Type::kFnPtr:
      if (prop == "name") return Value::string(base.asFnPtr().name);
      if (prop == "is_anonymous") return Value::boolean(base.asFnPtr().name.starts_with("anon$"));
      break;
    case Value::Type::kTimestamp:
      if (prop == "elapsed") {
        auto d = std::chrono::steady_clock::now() - base.asTimestamp().at;
        return Value::real(std::chrono::duration<double>(d).count());
      }
      break;
    case Value::Type::kRange:
      if (prop == "start") return Value::integer(base.asRange().start);
      if (prop == "end") return Value::integer(base.asRange().end);
      break;
    case Value::Type::kHost: return hostProperty(base, prop, rhs->pos);
    default: break;
  }
  if (prop == "is_even" || prop == "is_odd" || prop == "is_zero") {
    std::vector<Value> args{base};
    Value out;
    if (callNative(*this, prop, args, rhs->pos, out)) {
      checkSize(out, rhs->pos);
      return out;
    }
  }
  fail("ErrorDotExpr",
       "Unknown property '" + std::string(prop) + "' - a getter is not registered for type '" +
           std::string(base.paramTypeName()) + "'",
       rhs->pos);
}

Value Interp::evalMethodCall(const Expr* call, const Expr* target, Value* recv_ref, Value recv,
                             bool recv_const) {
  std::string_view name = call->text;
  PooledArgs pooled(*this);  // a reused vector: no allocation per method call
  std::vector<Value>& args = pooled.args;
  args.reserve(call->items.size() + 1);
  args.emplace_back();
  for (const Expr* a : call->items) args.push_back(evalExpr(a));
  // Re-resolve the receiver: evaluating arguments may have moved storage.
  const Value& r = recv_ref ? *recv_ref : recv;
  if (r.is(Value::Type::kFnPtr) && (name == "call" || name == "curry")) {
    FnPtr f = r.asFnPtr();
    if (name == "call")
      return callFnPtr(f, std::vector<Value>(args.begin() + 1, args.end()), call->pos);
    for (size_t i = 1; i < args.size(); ++i) f.curry.push_back(std::move(args[i]));
    return Value::fnPtr(std::move(f));
  }
  if (name == "type_of" && args.size() == 1) return Value::string(std::string(r.typeName()));
  if (name == "is_shared" && args.size() == 1) {
    Var* v = target->kind == ExprKind::kVariable ? findVar(target->text) : nullptr;
    return Value::boolean(v && v->shared);
  }
  if (name == "call" && args.size() >= 2 && args[1].is(Value::Type::kFnPtr)) {
    FnPtr f = args[1].asFnPtr();
    std::vector<Value> rest(args.begin() + 2, args.end());
    if (recv_ref) return callFnPtr(f, std::move(rest), call->pos, recv_ref);
    return callFnPtr(f, std::move(rest), call->pos, &recv);
  }
  bool script = hasScriptFn(name, args.size() - 1);
  if (!script && r.is(Value::Type::kMap)) {
    auto it = r.asMap().find(name);
    if (it != r.asMap().end() && it->second.is(Value::Type::kFnPtr)) {
      FnPtr f = it->second.asFnPtr();
      std::vector<Value> rest(args.begin() + 1, args.end());
      if (recv_ref) return callFnPtr(f, std::move(rest), call->pos, recv_ref);
      return callFnPtr(f, std::move(rest), call->pos, &recv);
    }
  }
  bool host = r.is(Value::Type::kHost);
  bool mutating = script || host || isMutatingNative(name);
  if (recv_const && mutating && !script && !host) {
    fail("ErrorNonPureMethodCallOnConstant",
         "Non-pure method '" + std::string(name) + "' cannot be called on constant", call->pos,
         std::string(name));
  }
  if (!recv_ref) {
    args[0] = std::move(recv);
    return callFn(name, args, call->pos, true);
  }
  if (!mutating) {
    args[0] = *recv_ref;
    return callFn(name, args, call->pos, true);
  }
  args[0] = std::move(*recv_ref);
  Value out;
  try {
    out = callFn(name, args, call->pos, true);
  } catch (...) {
    *recv_ref = std::move(args[0]);
    throw;
  }
  *recv_ref = std::move(args[0]);
  return out;
}

Value Interp::evalCall(const Expr* e) {
  std::string_view name = e->text;
  if (!e->namespace_path.empty()) {
    std::vector<Value> args;
    for (const Expr* a : e->items) args.push_back(evalExpr(a));
    return moduleCall(e, args);
  }
  size_t n = e->items.size();
  if (n == 1 && name == "is_def_var") {
    Value v = evalExpr(e->items[0]);
    if (v.is(Value::Type::kString)) return Value::boolean(isDefVar(v.asString()));
  }
  if (n == 2 && name == "is_def_fn") {
    Value a = evalExpr(e->items[0]);
    Value b = evalExpr(e->items[1]);
    if (a.is(Value::Type::kString) && b.is(Value::Type::kInt)) {
      return Value::boolean(hasScriptFn(a.asString(), static_cast<size_t>(b.asInt())));
    }
  }
  // Resolved once per call (a hash lookup), not once per check below.
  const ast::FnDef* script_fn = scriptFnAt(e);
  if (script_fn && !e->capture && n <= ArgBuffer::kMax) {
    // A script function's arguments are built in place on the C++ stack, not in a vector.
    ArgBuffer buf;
    for (const Expr* a : e->items) {
      ::new (buf.slot()) Value(evalExpr(a));
      ++buf.size;
    }
    // What callFn would do for a script function, without looking it up again.
    tick(e->pos);
    return callScript(script_fn, buf.span(), nullptr, e->pos);
  }
  // A first argument that is a variable is passed by reference to natives (push(a, 1)).
  if (n >= 1 && e->items[0]->kind == ExprKind::kVariable && e->items[0]->namespace_path.empty() &&
      !script_fn && isMutatingNative(name)) {
    std::vector<Value> args;
    args.emplace_back();
    for (size_t i = 1; i < n; ++i) args.push_back(evalExpr(e->items[i]));
    Var* v = findVar(e->items[0]->text);
    if (v) {
      if (v->is_const) {
        fail("ErrorNonPureMethodCallOnConstant",
             "Non-pure method '" + std::string(name) + "' cannot be called on constant", e->pos,
             std::string(name));
      }
      Value* ref = v->cell.get();
      args[0] = std::move(*ref);
      Value out;
      try {
        out = callFn(name, args, e->pos, false);
      } catch (...) {
        *ref = std::move(args[0]);
        throw;
      }
      *ref = std::move(args[0]);
      return out;
    }
  }
  PooledArgs pooled(*this);
  std::vector<Value>& args = pooled.args;
  args.reserve(n);
  for (const Expr* a : e->items) args.push_back(evalExpr(a));
  if (e->capture && script_fn) {
    std::vector<std::pair<std::string, std::shared_ptr<Value>>> scope;
    for (size_t i = frame_; i < vars_.size(); ++i)
      scope.emplace_back(std::string(vars_[i].name), vars_[i].cell);
    return callScript(script_fn, args, nullptr, e->pos, &scope);
  }
  if (script_fn) {
    // What callFn would do for a script function, without looking it up again.
    tick(e->pos);
    return callScript(script_fn, args, nullptr, e->pos);
  }
  {
    if (name == "Fn" && n == 1 && args[0].is(Value::Type::kString)) {
      return Value::fnPtr(FnPtr{args[0].asString(), {}, {}});
    }
    if (name == "call" && n >= 1 && args[0].is(Value::Type::kFnPtr)) {
      FnPtr f = args[0].asFnPtr();
      return callFnPtr(f, std::vector<Value>(args.begin() + 1, args.end()), e->pos);
    }
    if (name == "curry" && n >= 1 && args[0].is(Value::Type::kFnPtr)) {
      FnPtr f = args[0].asFnPtr();
      for (size_t i = 1; i < n; ++i) f.curry.push_back(std::move(args[i]));
      return Value::fnPtr(std::move(f));
    }
    if (name == "type_of" && n == 1) return Value::string(std::string(args[0].typeName()));
    if (name == "print" && n == 1) {
      print(args[0].display());
      return {};
    }
    if (name == "exit") throw ExitSignal{n ? args[0] : Value()};
    if (name == "is_shared" && n == 1) {
      Var* v = e->items[0]->kind == ExprKind::kVariable ? findVar(e->items[0]->text) : nullptr;
      return Value::boolean(v && v->shared);
    }
    if (name == "debug" && n == 1) {
      debugOut(args[0].debug());
      return {};
    }
  }
  return callFn(name, args, e->pos, false);
}

}  // namespace plexus::rhai::detail
