// Rhai evaluator: engine entry point, errors, scopes, statements and function calls.
#include "src/rhai/eval.h"

#include <algorithm>

#include "src/rhai/eval_internal.h"
#include "src/rhai/parser.h"

namespace plexus::rhai {

using ast::ExprKind;
using ast::StmtKind;

std::string EvalError::describe() const {
  std::string out;
  if (inner) {
    out = inner->describe();
    out += name_is_closure() ? "\nin closure call" : "\nin call to function '" + message + "'";
  } else {
    out = message;
  }
  if (pos.line != 0)
    out += " (line " + std::to_string(pos.line) + ", position " + std::to_string(pos.pos) + ")";
  return out;
}

bool EvalError::name_is_closure() const { return message.starts_with("anon$"); }

bool EvalError::catchable() const {
  const EvalError& e = innermost();
  return e.type != "ErrorStackOverflow" && e.type != "ErrorTooManyOperations" &&
         e.type != "ErrorDataTooLarge" && e.type != "ErrorParsing" && e.type != "ErrorTerminated";
}

namespace detail {

void fail(std::string type, std::string message, Position pos, std::string field) {
  EvalError e;
  e.type = std::move(type);
  e.message = std::move(message);
  e.field = std::move(field);
  e.pos = pos;
  throw Thrown{std::move(e)};
}

void rangeBounds(const RangeValue& r, int64_t n, int64_t& from, int64_t& to) {
  from = r.start < 0 ? std::max<int64_t>(0, r.start + n) : std::min(r.start, n);
  int64_t end = r.end < 0 ? r.end + n : r.end;
  if (r.inclusive && end < INT64_MAX) ++end;
  to = std::clamp<int64_t>(end, from, n);
}

void failBounds(bool string, int64_t index, int64_t length, Position pos) {
  std::string_view what = string ? "character" : "element";
  std::string_view container = string ? "string" : "array";
  EvalError e;
  e.type = string ? "ErrorStringBounds" : "ErrorArrayBounds";
  e.message =
      (string ? "String index " : "Array index ") + std::to_string(index) + " out of bounds: ";
  if (length == 0) {
    e.message += std::string(container) + " is empty";
  } else {
    e.message += "only " + std::to_string(length) + " " + std::string(what) +
                 (length == 1 ? "" : "s") + " in " + std::string(container);
  }
  e.length = length;
  e.index = index;
  e.pos = pos;
  throw Thrown{std::move(e)};
}

void failArithmetic(std::string message, Position pos) {
  fail("ErrorArithmetic", std::move(message), pos);
}

std::string fnSignature(std::string_view name, std::span<const Value> args) {
  std::string sig(name);
  sig += " (";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) sig += ", ";
    sig += args[i].paramTypeName();
  }
  return sig + ")";
}

void failFnNotFound(std::string_view name, std::span<const Value> args, Position pos) {
  std::string sig = fnSignature(name, args);
  fail("ErrorFunctionNotFound", "Function not found: " + sig, pos, sig);
}

void failHost(const HostError& e, Position pos) {
  EvalError err;
  err.type = "ErrorRuntime";
  err.message = e.message.empty() ? "Runtime error" : "Runtime error: " + e.message;
  err.value = Value::string(e.message);
  err.pos = pos;
  throw Thrown{std::move(err)};
}

namespace {

thread_local InterpState thread_state;

}  // namespace

Interp::Interp(const Engine& engine, const Program& program)
    : engine_(engine),
      program_(program),
      script_(program.script()),
      fns_(program.functions()),
      fn_names_(program.functionNameBits()),
      own_state_(thread_state.in_use ? std::make_unique<InterpState>() : nullptr),
      state_(own_state_ ? *own_state_ : thread_state),
      vars_(state_.vars),
      fn_cache_(state_.fn_cache),
      str_cache_(state_.str_cache),
      cell_pool_(state_.cell_pool),
      args_pool_(state_.args_pool),
      max_ops_(engine.options().max_operations),
      size_limits_(engine.options().max_string_size || engine.options().max_array_size ||
                   engine.options().max_map_size),
      writebacks_(state_.writebacks) {
  state_.in_use = true;
  if (state_.program_id != program.id()) {
    state_.program_id = program.id();
    state_.fn_cache.fill({});
    state_.str_cache.fill({});
  }
  if (uint64_t ms = engine.options().max_wall_time_ms) {
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    has_deadline_ = true;
  }
}

namespace {

// Whether `v` holds (in nested arrays, maps and closures' captures) a closure capturing `target`.
bool reaches(const Value& v, const Value* target, std::vector<const Value*>& seen) {
  switch (v.type()) {
    case Value::Type::kArray:
      for (const Value& x : v.asArray()) {
        if (reaches(x, target, seen)) return true;
      }
      return false;
    case Value::Type::kMap:
      for (const auto& [k, x] : v.asMap()) {
        if (reaches(x, target, seen)) return true;
      }
      return false;
    case Value::Type::kFnPtr:
      for (const auto& [name, cell] : v.asFnPtr().captures) {
        if (cell.get() == target) return true;
        if (std::find(seen.begin(), seen.end(), cell.get()) != seen.end()) continue;
        seen.push_back(cell.get());
        if (reaches(*cell, target, seen)) return true;
      }
      for (const Value& x : v.asFnPtr().curry) {
        if (reaches(x, target, seen)) return true;
      }
      return false;
    default: return false;
  }
}

}  // namespace

Interp::~Interp() {
  // Only cells on a reference cycle are emptied: closures that outlive the run (registered with
  // the host, returned) keep what they captured.
  std::vector<std::shared_ptr<Value>> cyclic;
  for (const std::weak_ptr<Value>& w : captured_) {
    std::shared_ptr<Value> cell = w.lock();
    if (!cell) continue;
    std::vector<const Value*> seen;
    if (reaches(*cell, cell.get(), seen)) cyclic.push_back(std::move(cell));
  }
  for (const std::shared_ptr<Value>& cell : cyclic) *cell = Value();
  popVars(0);  // cells go back to the pool, the state is left empty for the next run
  state_.in_use = false;
}

void Interp::failTooManyOps(Position pos) const {
  fail("ErrorTooManyOperations", "Too many operations", pos);
}

void Interp::checkDeadline(Position pos) const {
  if (std::chrono::steady_clock::now() > deadline_)
    fail("ErrorTerminated", "Script terminated", pos);
}

namespace {
struct DataSizes {
  uint64_t arrays = 0;
  uint64_t maps = 0;
  uint64_t strings = 0;
};
// Rhai's calc_data_sizes; stops early once every limit is exceeded (shared storage makes the
// full count exponential in nesting depth).
void addSizes(const Value& v, DataSizes& d, const EngineOptions& o) {
  auto over = [&] {
    return (o.max_array_size && d.arrays > o.max_array_size) ||
           (o.max_map_size && d.maps > o.max_map_size) ||
           (o.max_string_size && d.strings > o.max_string_size);
  };
  switch (v.type()) {
    case Value::Type::kString: d.strings += v.asString().size(); return;
    case Value::Type::kArray:
      d.arrays += v.asArray().size();
      for (const Value& x : v.asArray()) {
        if (over()) return;
        addSizes(x, d, o);
      }
      return;
    case Value::Type::kMap:
      d.maps += v.asMap().size();
      for (const auto& [k, x] : v.asMap()) {
        if (over()) return;
        addSizes(x, d, o);
      }
      return;
    default: return;
  }
}
}  // namespace

void Interp::checkSizeSlow(const Value& v, Position pos) const {
  const EngineOptions& o = engine_.options();
  if (!o.max_string_size && !o.max_array_size && !o.max_map_size) return;
  if (!v.is(Value::Type::kString) && !v.is(Value::Type::kArray) && !v.is(Value::Type::kMap)) return;
  DataSizes d;
  addSizes(v, d, o);
  if (o.max_array_size && d.arrays > o.max_array_size)
    fail("ErrorDataTooLarge", "Size of array/BLOB too large", pos);
  if (o.max_map_size && d.maps > o.max_map_size)
    fail("ErrorDataTooLarge", "Size of object map too large", pos);
  if (o.max_string_size && d.strings > o.max_string_size)
    fail("ErrorDataTooLarge", "Length of string too large", pos);
}

void Interp::checkStringLen(uint64_t chars, Position pos) const {
  uint64_t max = engine_.options().max_string_size;
  if (max && chars > max) fail("ErrorDataTooLarge", "Length of string too large", pos);
}

void Interp::checkArrayLen(uint64_t len, Position pos) const {
  uint64_t max = engine_.options().max_array_size;
  if (max && len > max) fail("ErrorDataTooLarge", "Size of array/BLOB too large", pos);
}

void Interp::print(std::string_view s) {
  if (engine_.print()) engine_.print()(s);
}

void Interp::debugOut(std::string_view s) {
  if (engine_.debug()) engine_.debug()(s);
}

Value Interp::run() {
  try {
    Value v = evalBlock(script_.statements, false);
    if (flow_ == Flow::kReturn) v = takeFlowValue();
    flow_ = Flow::kNone;
    return v;
  } catch (ExitSignal& r) {
    return std::move(r.value);
  }
}

PooledArgs::PooledArgs(Interp& in) : interp(in) {
  if (!in.args_pool_.empty()) {
    args = std::move(in.args_pool_.back());
    in.args_pool_.pop_back();
  }
}

PooledArgs::~PooledArgs() {
  args.clear();
  if (args.capacity() <= 16 && interp.args_pool_.size() < 256)
    interp.args_pool_.push_back(std::move(args));
}

std::shared_ptr<Value> Interp::newCell(Value v) {
  if (cell_pool_.empty()) return std::make_shared<Value>(std::move(v));
  std::shared_ptr<Value> c = std::move(cell_pool_.back());
  cell_pool_.pop_back();
  *c = std::move(v);
  return c;
}

void Interp::popVarsSlow(size_t mark) {
  while (vars_.size() > mark) {
    std::shared_ptr<Value>& c = vars_.back().cell;
    if (c.use_count() == 1 && cell_pool_.size() < 256) {
      *c = Value();
      cell_pool_.push_back(std::move(c));
    }
    vars_.pop_back();
  }
}

Value Interp::takeFlowValue() {
  Value v = std::move(flow_value_);
  flow_value_ = Value();
  return v;
}

bool Interp::isDefVar(std::string_view name) const {
  return std::any_of(vars_.begin() + static_cast<ptrdiff_t>(frame_), vars_.end(),
                     [&](const Var& v) { return v.name == name; });
}

bool Interp::hasScriptFn(std::string_view name, size_t arity) const {
  return findScriptFn(name, arity) != nullptr;
}

const ast::FnDef* Interp::findScriptFn(std::string_view name, size_t arity) const {
  if (!(fn_names_ >> fnNameBit(name) & 1)) return nullptr;
  auto [b, e] = fns_.equal_range(name);
  for (auto it = b; it != e; ++it) {
    if (it->second->params.size() == arity) return it->second;
  }
  return nullptr;
}

Value Interp::evalBlock(std::span<ast::Stmt* const> body, bool new_scope) {
  size_t mark = vars_.size();
  Value last;
  try {
    // Only the last statement's value is kept (no assignment for the others).
    for (size_t i = 0, n = body.size(); i < n; ++i) {
      if (i + 1 == n) {
        last = evalStmt(body[i]);
        break;
      }
      evalStmt(body[i]);
      if (flow_ != Flow::kNone) break;
    }
  } catch (FlowSignal&) {
    // A statement used as an expression broke out of it; flow_ says where to.
  } catch (...) {
    if (new_scope) popVars(mark);
    throw;
  }
  if (new_scope) popVars(mark);
  return last;
}

Value Interp::evalStmt(const ast::Stmt* s) {
  tick(s->pos);
  switch (s->kind) {
    case StmtKind::kNoop: return {};
    case StmtKind::kExpr:
      // A statement in expression position (`if`, a loop, a block) runs as a statement, so its
      // break / continue / return need not throw FlowSignal.
      if (s->expr->kind == ExprKind::kStmt) return evalStmt(s->expr->stmt);
      return evalExpr(s->expr);
    case StmtKind::kBlock: return evalBlock(s->body);
    case StmtKind::kLet: {
      Value v = s->expr ? evalExpr(s->expr) : Value();
      vars_.push_back(Var{s->name, newCell(std::move(v)), s->is_const});
      return {};
    }
    case StmtKind::kAssign: {
      if (opAssignInPlace(s)) return {};
      assign(s);
      if (!hasSizeLimits()) return {};
      const ast::Expr* root = s->lhs;
      while (root->lhs && root->kind != ExprKind::kVariable) root = root->lhs;
      if (root->kind == ExprKind::kVariable && root->namespace_path.empty()) {
        if (Var* v = findVar(root->text)) checkSize(*v->cell, s->pos);
      }
      return {};
    }
    case StmtKind::kIf: {
      if (evalCond(s->expr)) return evalBlock(s->body);
      if (s->else_branch) return evalStmt(s->else_branch);
      return {};
    }
    case StmtKind::kSwitch: return evalSwitch(s);
    case StmtKind::kWhile:
    case StmtKind::kDo: {
      bool is_do = s->kind == StmtKind::kDo;
      while (true) {
        tick(s->pos);
        if (!is_do && s->expr && !evalCond(s->expr)) break;
        evalBlock(s->body);
        if (flow_ != Flow::kNone) {
          if (flow_ == Flow::kReturn) return {};
          bool brk = flow_ == Flow::kBreak;
          flow_ = Flow::kNone;
          if (brk) return takeFlowValue();
        }
        if (is_do && evalCond(s->expr) == s->negated) break;
      }
      return {};
    }
    case StmtKind::kFor: return evalFor(s);
    case StmtKind::kBreak:
    case StmtKind::kReturn:
      flow_value_ = s->expr ? evalExpr(s->expr) : Value();
      flow_ = s->kind == StmtKind::kBreak ? Flow::kBreak : Flow::kReturn;
      return {};
    case StmtKind::kContinue: flow_ = Flow::kContinue; return {};
    case StmtKind::kThrow: {
      if (!s->expr && !caught_.empty()) throw Thrown{caught_.back()};
      Value v = s->expr ? evalExpr(s->expr) : Value();
      EvalError e;
      e.type = "ErrorRuntime";
      bool empty = v.isUnit() || (v.is(Value::Type::kString) && v.asString().empty());
      e.message = empty ? "Runtime error" : "Runtime error: " + v.display();
      e.value = std::move(v);
      e.pos = s->pos;
      throw Thrown{std::move(e)};
    }
    case StmtKind::kTry: return evalTry(s);
    case StmtKind::kImport: importModule(s); return {};
    case StmtKind::kExport: return {};
  }
  return {};
}

Value Interp::evalTry(const ast::Stmt* s) {
  size_t mark = vars_.size();
  try {
    return evalBlock(s->body);
  } catch (Thrown& t) {
    popVars(mark);
    if (!t.error.catchable()) throw;
    const EvalError& inner = t.error.innermost();
    Value err;
    if (!s->name.empty()) {
      if (inner.type == "ErrorRuntime") {
        err = inner.value;
      } else {
        Map m;
        EvalError outer = t.error;
        Position p = outer.pos;
        outer.pos = Position{};
        m["message"] = Value::string(outer.describe());
        if (p.line != 0) {
          m["line"] = Value::integer(p.line);
          m["position"] = Value::integer(p.pos);
        }
        m["error"] = Value::string(outer.type);
        if (outer.inner) {
          m["function"] = Value::string(outer.message);
          m["source"] = Value::string("");
        } else if (outer.type == "ErrorFunctionNotFound" ||
                   outer.type == "ErrorNonPureMethodCallOnConstant") {
          m["function"] = Value::string(outer.field);
        } else if (outer.type == "ErrorVariableNotFound" || outer.type == "ErrorPropertyNotFound") {
          m["variable"] = Value::string(outer.field);
        } else if (outer.type == "ErrorArrayBounds" || outer.type == "ErrorStringBounds") {
          m["length"] = Value::integer(outer.length);
          m["index"] = Value::integer(outer.index);
        }
        err = Value::map(std::move(m));
      }
    }
    vars_.push_back(Var{s->name, newCell(std::move(err)), false});
    caught_.push_back(t.error);
    Value v;
    try {
      v = evalBlock(s->catch_body);
    } catch (...) {
      caught_.pop_back();
      popVars(mark);
      throw;
    }
    caught_.pop_back();
    popVars(mark);
    return v;
  }
}

Value Interp::evalSwitch(const ast::Stmt* s) {
  Value v = evalExpr(s->expr);
  for (const ast::SwitchCase& c : s->cases) {
    bool match = c.values.empty();
    for (const ast::Expr* ve : c.values) {
      if (ve->kind == ExprKind::kBinary &&
          (ve->op == TokenKind::kExclusiveRange || ve->op == TokenKind::kInclusiveRange)) {
        Value r = evalExpr(ve);
        if (!v.is(Value::Type::kInt)) {
          match = valuesEqual(v, r);
        } else if (r.is(Value::Type::kRange)) {
          const RangeValue& rv = r.asRange();
          int64_t x = v.asInt();
          if (x >= rv.start && (rv.inclusive ? x <= rv.end : x < rv.end)) match = true;
        }
      } else if (valuesEqual(v, evalExpr(ve))) {
        match = true;
      }
      if (match) break;
    }
    if (!match) continue;
    if (c.condition) {
      Value g = evalExpr(c.condition);
      if (!g.is(Value::Type::kBool) || !g.asBool()) continue;
    }
    return evalStmt(c.body);
  }
  return {};
}

Value Interp::evalFor(const ast::Stmt* s) {
  const ast::Expr* iterable = s->expr;
  Value src;
  int64_t step = 1;
  // `for i in range(a, b, step)` steps lazily over integers, as Rhai's StepRange iterator does,
  // instead of building the array the `range` function returns.
  if (iterable->kind == ExprKind::kFnCall && iterable->text == "range" &&
      iterable->namespace_path.empty() && iterable->items.size() == 3 &&
      !findScriptFn("range", 3)) {
    std::vector<Value> args;
    for (const ast::Expr* a : iterable->items) args.push_back(evalExpr(a));
    if (args[0].is(Value::Type::kInt) && args[1].is(Value::Type::kInt) &&
        args[2].is(Value::Type::kInt)) {
      step = args[2].asInt();
      if (step == 0) failArithmetic("step value cannot be zero", iterable->pos);
      src = Value::range(args[0].asInt(), args[1].asInt(), false);
    } else {
      src = callFn("range", args, iterable->pos, false);
    }
  } else {
    src = evalExpr(iterable);
  }
  std::vector<Value> items;
  bool lazy_range = false;
  int64_t from = 0;
  int64_t to = 0;
  switch (src.type()) {
    case Value::Type::kArray: break;  // read from src, which keeps its own copy alive
    case Value::Type::kString:
      for (char32_t c : decodeUtf8(src.asString())) items.push_back(Value::character(c));
      break;
    case Value::Type::kRange:
      lazy_range = true;
      from = src.asRange().start;
      to = src.asRange().end;
      if (src.asRange().inclusive) {
        if (to == INT64_MAX) fail("ErrorArithmetic", "Range overflow", s->expr->pos);
        ++to;
      }
      break;
    case Value::Type::kHost: {
      std::optional<Array> host_items;
      try {
        host_items = src.asHost().items();
      } catch (const HostError& e) {
        failHost(e, s->expr->pos);
      }
      if (!host_items) fail("ErrorFor", "For loop expects iterable type", s->expr->pos);
      items = std::move(*host_items);
      break;
    }
    default: fail("ErrorFor", "For loop expects iterable type", s->expr->pos);
  }
  size_t mark = vars_.size();
  auto cell = newCell(Value());
  vars_.push_back(Var{s->name, cell, false});
  std::shared_ptr<Value> counter;
  if (!s->alias.empty()) {
    counter = newCell(Value());
    vars_.push_back(Var{s->alias, counter, false});
  }
  const Array* array = src.is(Value::Type::kArray) ? &src.asArray() : nullptr;
  size_t n = lazy_range ? static_cast<size_t>(rangeCount(from, to, step))
             : array    ? array->size()
                        : items.size();
  Value result;
  try {
    for (size_t i = 0; i < n; ++i) {
      tick(s->pos);
      if (lazy_range) {
        // No overflow: rangeCount counted only steps that stay within [from, to).
        *cell = Value::integer(
            static_cast<int64_t>(static_cast<__int128>(from) + static_cast<__int128>(i) * step));
      } else {
        *cell = array ? (*array)[i] : std::move(items[i]);
      }
      if (counter) *counter = Value::integer(static_cast<int64_t>(i));
      evalBlock(s->body);
      if (flow_ != Flow::kNone) {
        if (flow_ == Flow::kReturn) break;
        bool brk = flow_ == Flow::kBreak;
        flow_ = Flow::kNone;
        if (brk) {
          result = takeFlowValue();
          break;
        }
      }
    }
  } catch (...) {
    popVars(mark);
    throw;
  }
  popVars(mark);
  return result;
}

Value Interp::callScript(
    const ast::FnDef* fn, std::span<Value> args, Value* this_ptr, Position pos,
    const std::vector<std::pair<std::string, std::shared_ptr<Value>>>* captures) {
  if (depth_ >= engine_.options().max_call_levels)
    fail("ErrorStackOverflow", "Stack overflow", pos);
  // The callee's variables go on top of the caller's; it sees only its own frame.
  size_t base = vars_.size();
  size_t saved_frame = frame_;
  size_t saved_globals = globals_end_;
  if (globals_end_ == kNoFrame) globals_end_ = base;
  frame_ = base;
  Value* saved_this = this_;
  this_ = this_ptr;
  ++depth_;
  auto restore = [&] {
    --depth_;
    this_ = saved_this;
    globals_end_ = saved_globals;
    frame_ = saved_frame;
    popVars(base);
  };
  if (captures) {
    for (const auto& [name, cell] : *captures) vars_.push_back(Var{name, cell, false});
  }
  for (size_t i = 0; i < fn->params.size() && i < args.size(); ++i) {
    vars_.emplace_back(fn->params[i], newCell(std::move(args[i])));
  }
  try {
    Value result = evalBlock(fn->body, false);
    if (flow_ != Flow::kNone) {
      if (flow_ == Flow::kReturn) result = takeFlowValue();
      flow_ = Flow::kNone;
    }
    restore();  // cannot throw
    return result;
  } catch (Thrown& t) {
    if (t.error.type == "ErrorDataRace") {
      restore();
      throw;
    }
    restore();
    if (t.error.innermost().type == "ErrorStackOverflow") throw;
    EvalError outer;
    outer.type = "ErrorInFunctionCall";
    outer.message = std::string(fn->name);
    outer.pos = pos;
    outer.inner = std::make_shared<EvalError>(std::move(t.error));
    throw Thrown{std::move(outer)};
  } catch (...) {
    restore();
    throw;
  }
}

Value Interp::callFn(std::string_view name, std::vector<Value>& args, Position pos, bool method,
                     bool has_receiver) {
  tick(pos);
  auto [b, e] =
      fn_names_ >> fnNameBit(name) & 1 ? fns_.equal_range(name) : std::pair(fns_.end(), fns_.end());
  size_t arity = method ? args.size() - 1 : args.size();
  for (auto it = b; it != e; ++it) {
    const ast::FnDef* fn = it->second;
    if (fn->params.size() != arity) continue;
    // Callers never read args after a script call, so the arguments move into the callee.
    if (method) return callScript(fn, std::span<Value>(args).subspan(1), &args[0], pos);
    return callScript(fn, args, nullptr, pos);
  }
  (void)has_receiver;
  Value out;
  if (!args.empty() && args[0].is(Value::Type::kHost) && callHostMethod(name, args, pos, out)) {
    return out;
  }
  if (callRegistered(name, args, pos, out)) return out;
  if (callNative(*this, name, args, pos, out)) {
    checkSize(out, pos);
    if (!args.empty()) checkSize(args[0], pos);
    return out;
  }
  failFnNotFound(name, args, pos);
}

Value Interp::callFnPtr(const FnPtr& f, std::vector<Value> args, Position pos, Value* this_ptr) {
  std::vector<Value> all = f.curry;
  for (Value& v : args) all.push_back(std::move(v));
  auto [b, e] = fns_.equal_range(f.name);
  for (auto it = b; it != e; ++it) {
    if (it->second->params.size() != all.size()) continue;
    bool anon = f.name.starts_with("anon$");
    return callScript(it->second, all, this_ptr, anon ? Position{} : pos, &f.captures);
  }
  if (this_ptr) {
    all.insert(all.begin(), *this_ptr);
    Value out;
    if (callNative(*this, f.name, all, pos, out)) {
      checkSize(out, pos);
      checkSize(all[0], pos);
      *this_ptr = std::move(all[0]);
      return out;
    }
    failFnNotFound(f.name, all, pos);
  }
  return callFn(f.name, all, pos, false);
}

}  // namespace detail
}  // namespace plexus::rhai
