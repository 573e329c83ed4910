// Rhai evaluator: host objects (host.h) and registered functions — property and index reads,
// chains written back through setters (Rhai 1.23.6 src/eval/chaining.rs), host methods.
#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

namespace {

class InterpCallContext final : public CallContext {
 public:
  InterpCallContext(Interp& interp, Position pos) : interp_(interp), pos_(pos) {}
  Value callFn(const Value& fn_ptr, std::vector<Value> args) override {
    if (!fn_ptr.is(Value::Type::kFnPtr)) {
      fail("ErrorMismatchDataType",
           "Data type incorrect: " + std::string(fn_ptr.typeName()) + " (expecting Fn)", pos_);
    }
    return interp_.callFnPtr(fn_ptr.asFnPtr(), std::move(args), pos_);
  }

 private:
  Interp& interp_;
  Position pos_;
};

[[noreturn]] void failNoGetter(const Value& base, std::string_view prop, Position pos) {
  fail("ErrorDotExpr",
       "Unknown property '" + std::string(prop) + "' - a getter is not registered for type '" +
           std::string(base.paramTypeName()) + "'",
       pos);
}

[[noreturn]] void failNoIndexer(const Value& base, Position pos) {
  fail("ErrorIndexingType", "Indexer unavailable: " + std::string(base.paramTypeName()), pos);
}

}  // namespace

Value Interp::hostProperty(const Value& base, std::string_view prop, Position pos) {
  HostObject& host = base.asHost();
  try {
    if (std::optional<Value> v = host.get(prop)) return std::move(*v);
    if (std::optional<Value> v = host.index(Value::string(std::string(prop)))) return std::move(*v);
  } catch (const HostError& e) {
    failHost(e, pos);
  }
  failNoGetter(base, prop, pos);
}

Value Interp::hostIndex(const Value& base, const Value& idx, Position pos) {
  try {
    if (std::optional<Value> v = base.asHost().index(idx)) return std::move(*v);
  } catch (const HostError& e) {
    failHost(e, pos);
  }
  failNoIndexer(base, pos);
}

Value* Interp::hostPlace(Value& base, std::string_view prop, const Value* index_key, Position pos) {
  Value current = index_key ? hostIndex(base, *index_key, pos) : hostProperty(base, prop, pos);
  uint64_t version =
      current.is(Value::Type::kHost) ? current.asHost().version() : HostObject::kUnversioned;
  return &writebacks_
              .push(WriteBack{&base, prop, index_key ? *index_key : Value(), index_key == nullptr,
                              std::move(current), pos, version})
              .temp;
}

bool Interp::hostAssign(Value& base, std::string_view prop, const Value* index_key, Value& value,
                        Position pos) {
  HostObject& host = base.mutHost();
  try {
    if (index_key) return host.setIndex(*index_key, std::move(value));
    if (host.set(prop, value)) return true;
    return host.setIndex(Value::string(std::string(prop)), std::move(value));
  } catch (const HostError& e) {
    failHost(e, pos);
  }
}

void Interp::flushWriteBacks(size_t mark) {
  // Innermost first: each write-back changes the value the next one writes.
  while (writebacks_.size() > mark) {
    WriteBack& w = writebacks_.back();
    bool unchanged = w.version != HostObject::kUnversioned && w.temp.is(Value::Type::kHost) &&
                     w.temp.asHost().version() == w.version;
    if (!unchanged && w.holder->is(Value::Type::kHost)) {
      // No setter and no indexer: the change is silently dropped, as in Rhai.
      hostAssign(*w.holder, w.prop, w.property ? nullptr : &w.key, w.temp, w.pos);
    }
    writebacks_.pop();
  }
}

bool Interp::callHostMethod(std::string_view name, std::vector<Value>& args, Position pos,
                            Value& out) {
  InterpCallContext context(*this, pos);
  try {
    HostObject& host = args[0].mutHost();
    std::optional<Value> v = host.call(name, std::span<Value>(args).subspan(1), context);
    if (!v) return false;
    out = std::move(*v);
    return true;
  } catch (const HostError& e) {
    failHost(e, pos);
  }
}

bool Interp::callRegistered(std::string_view name, std::vector<Value>& args, Position pos,
                            Value& out) {
  const std::vector<NativeFn>* fns = engine_.registered(name);
  if (!fns) return false;
  InterpCallContext context(*this, pos);
  for (const NativeFn& fn : *fns) {
    try {
      if (std::optional<Value> v = fn(context, args)) {
        out = std::move(*v);
        return true;
      }
    } catch (const HostError& e) {
      failHost(e, pos);
    }
  }
  return false;
}

Value* Interp::hostPathRoot(const ast::Expr* chain, HostPath& path) {
  const ast::Expr* e = chain;
  size_t n = 0;
  std::array<std::string_view, 4> reversed;
  while (e->kind == ast::ExprKind::kDot && e->rhs->kind == ast::ExprKind::kProperty && !e->elvis) {
    if (n == reversed.size()) return nullptr;
    reversed[n++] = e->rhs->text;
    e = e->lhs;
  }
  if (n == 0 || e->kind != ast::ExprKind::kVariable || !e->namespace_path.empty()) return nullptr;
  Var* v = findVar(e->text);
  if (!v || !v->cell->is(Value::Type::kHost)) return nullptr;
  for (size_t i = 0; i < n; ++i) path.names[i] = reversed[n - 1 - i];
  path.size = n;
  return v->cell.get();
}

std::optional<Value> Interp::resolveVariable(std::string_view name) {
  if (!engine_.resolver()) return std::nullopt;
  return engine_.resolver()(name);
}

}  // namespace plexus::rhai::detail
