// Internals of the Rhai evaluator, shared by eval*.cc, ops.cc and stdlib*.cc. Not a public API.
#pragma once

#include <array>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/rhai/ast.h"
#include "src/rhai/eval.h"

namespace plexus::rhai::detail {

// Thrown inside the evaluator only; Engine::eval turns it into an EvalResult.
struct Thrown {
  EvalError error;
};
// `break`, `continue` and `return` do not throw: the statement sets Interp::flow_ and every
// enclosing block, loop and call checks it on the way out (an exception per `continue` made a
// sieve ten times slower). Only a statement used as an expression (`let x = if c { break } ...`)
// throws FlowSignal, with flow_ already set, to abandon the rest of the expression; the nearest
// enclosing block catches it and carries on as if the statement had been a plain one.
enum class Flow : uint8_t { kNone, kBreak, kContinue, kReturn };
struct FlowSignal {};

[[noreturn]] void fail(std::string type, std::string message, Position pos, std::string field = {});
[[noreturn]] void failArithmetic(std::string message, Position pos);
// Rhai's ErrorArrayBounds / ErrorStringBounds for `index` into `length` elements or characters.
[[noreturn]] void failBounds(bool string, int64_t index, int64_t length, Position pos);
std::string fnSignature(std::string_view name, std::span<const Value> args);
[[noreturn]] void failFnNotFound(std::string_view name, std::span<const Value> args, Position pos);

// The length and first 7 bytes of a variable name: equal keys mean equal names up to 7 bytes
// long, so a scope lookup compares integers instead of calling memcmp per variable.
inline uint64_t nameKey(std::string_view s) {
  uint64_t k = 0;
  if (s.size() >= 8) {
    std::memcpy(&k, s.data(), 8);  // little-endian: byte i at bits 8i
    k &= 0x00FFFFFFFFFFFFFFull;
  } else {
    for (size_t i = 0; i < s.size(); ++i)
      k |= static_cast<uint64_t>(static_cast<uint8_t>(s[i])) << (8 * i);
  }
  return k | static_cast<uint64_t>(s.size()) << 56;
}

// A plain variable or a literal: evaluating it has no side effects.
inline bool isLeaf(const ast::Expr* e) {
  switch (e->kind) {
    case ast::ExprKind::kVariable: return e->namespace_path.empty();
    case ast::ExprKind::kUnit:
    case ast::ExprKind::kBool:
    case ast::ExprKind::kInteger:
    case ast::ExprKind::kFloat:
    case ast::ExprKind::kChar:
    case ast::ExprKind::kString: return true;
    default: return false;
  }
}

struct Var {
  Var() = default;  // for vector::resize, which only ever shrinks vars_
  Var(std::string_view n, std::shared_ptr<Value> c, bool is_const_ = false)
      : name(n), key(nameKey(n)), cell(std::move(c)), is_const(is_const_) {}
  bool named(std::string_view n, uint64_t k) const {
    return key == k && (n.size() <= 7 || name == n);
  }
  // Names view the script's source (alive for the whole run: the main script, or a module's
  // kept in the module cache) or a closure's FnPtr captures, alive for the call.
  std::string_view name;
  uint64_t key = 0;
  std::shared_ptr<Value> cell;
  bool is_const = false;
  bool shared = false;  // captured by a closure (is_shared)
};
struct ExitSignal {
  Value value;
};
// Elements of range(from, to, step) (step != 0), saturating.
inline uint64_t rangeCount(int64_t from, int64_t to, int64_t step) {
  if (step > 0 ? from >= to : from <= to) return 0;
  unsigned __int128 span =
      step > 0 ? static_cast<__int128>(to) - from : static_cast<__int128>(from) - to;
  unsigned __int128 s = step > 0 ? static_cast<unsigned __int128>(step)
                                 : static_cast<unsigned __int128>(-static_cast<__int128>(step));
  unsigned __int128 n = (span + s - 1) / s;
  return n > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(n);
}
// Character bounds [from, to) of `r` applied to a string of n characters (negative ends count
// from the end).
void rangeBounds(const RangeValue& r, int64_t n, int64_t& from, int64_t& to);

class Interp;

// An imported script module (eval_module.cc): evaluated once per engine, with its exported
// variables; its functions run in a fresh interpreter for each call.
struct Module {
  std::string path;
  std::shared_ptr<const Program> program;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> imports;  // the module's own
  Map exports;
};

// The engine's loaded modules (Rhai's FileModuleResolver cache): filled on first import.
struct ModuleCache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Module>, std::less<>> modules;
};

// Raises ErrorRuntime for a HostError (host.h) at `pos`.
[[noreturn]] void failHost(const HostError& e, Position pos);

// Binary operators on values (ops.cc). Returns false if no operator applies to these types.
bool binaryOp(TokenKind op, const Value& a, const Value& b, Position pos, Value& out);
bool valuesEqual(const Value& a, const Value& b);
// Native functions (stdlib.cc). args[0] may be mutated (it is written back for method calls).
bool callNative(Interp& in, std::string_view name, std::vector<Value>& args, Position pos,
                Value& out);
// True for natives that mutate their first argument (not allowed on constants).
bool isMutatingNative(std::string_view name);

class Interp;

// An argument vector borrowed from Interp::args_pool_ for one call and given back empty, so a
// call allocates no vector (one per nesting depth is kept).
struct PooledArgs {
  explicit PooledArgs(Interp& in);
  ~PooledArgs();
  PooledArgs(const PooledArgs&) = delete;
  PooledArgs& operator=(const PooledArgs&) = delete;
  Interp& interp;
  std::vector<Value> args;
};

// Up to kMax call arguments constructed in place (no vector, no default-constructed Values).
struct ArgBuffer {
  static constexpr size_t kMax = 6;
  ArgBuffer() = default;
  ArgBuffer(const ArgBuffer&) = delete;
  ArgBuffer& operator=(const ArgBuffer&) = delete;
  ~ArgBuffer() {
    for (size_t i = 0; i < size; ++i) std::destroy_at(&data()[i]);
  }
  Value* data() { return std::launder(reinterpret_cast<Value*>(raw)); }
  void* slot() { return raw + size * sizeof(Value); }  // where the next argument goes
  std::span<Value> span() { return {data(), size}; }
  alignas(Value) unsigned char raw[kMax * sizeof(Value)];
  size_t size = 0;
};

// One bit of a 64-bit set per function name (Program::functionNameBits).
inline int fnNameBit(std::string_view name) {
  return static_cast<int>((nameKey(name) * 0x9E3779B97F4A7C15ull) >> 58);
}

struct FnCacheEntry {
  const ast::Expr* site = nullptr;
  const ast::FnDef* fn = nullptr;
};

// A host property or index read for a chain being changed: written back by flushWriteBacks.
struct WriteBack {
  Value* holder = nullptr;  // the Value holding the host object
  std::string_view prop;
  Value key;  // for an index
  bool property = false;
  Value temp;
  Position pos;
  uint64_t version = HostObject::kUnversioned;  // of a host temporary when read
};

// A stack whose entries keep their address (the temporaries are written through pointers),
// allocated in blocks on first use.
class WriteBackStack {
 public:
  size_t size() const { return size_; }
  WriteBack& push(WriteBack w) {
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique<WriteBack[]>(kBlock));
    WriteBack& slot = blocks_[size_ / kBlock][size_ % kBlock];
    slot = std::move(w);
    ++size_;
    return slot;
  }
  WriteBack& back() { return blocks_[(size_ - 1) / kBlock][(size_ - 1) % kBlock]; }
  void pop() {
    back() = WriteBack{};
    --size_;
  }

 private:
  static constexpr size_t kBlock = 8;
  std::vector<std::unique_ptr<WriteBack[]>> blocks_;
  size_t size_ = 0;
};

// What an interpreter caches and pools. Each thread keeps one for the outermost interpreter
// running on it — the router runs a callback's interpreter per request on each worker, so the
// caches stay warm across requests of the same Program (by Program::id, never by address) —
// and a nested interpreter (a module's function, a closure called from host code) gets its own.
struct InterpState {
  uint64_t program_id = 0;
  std::array<FnCacheEntry, 64> fn_cache{};
  // String literals by site: evaluating one shares its storage (copy-on-write) instead of
  // allocating a new string each time, as Rhai's constant strings do.
  std::array<std::pair<const ast::Expr*, Value>, 64> str_cache{};
  std::vector<std::shared_ptr<Value>> cell_pool;
  std::vector<std::vector<Value>> args_pool;  // argument vectors reused across calls
  std::vector<Var> vars;                      // empty between runs
  WriteBackStack writebacks;                  // empty between runs
  bool in_use = false;
};

class Interp {
 public:
  Interp(const Engine& engine, const Program& program);
  // Empties every variable cell a closure captured: a closure stored in a variable it captures
  // (`let f = || x; x = f;`) is a reference cycle that would otherwise leak.
  ~Interp();
  Interp(const Interp&) = delete;
  Interp& operator=(const Interp&) = delete;

  Value run();
  // The variables of `scope` become top-level variables.
  void seed(const Scope& scope);
  // Top-level variables, for Engine::run to hand back.
  void exportScope(Scope& scope, size_t from) const;
  // Rhai's call_fn: `fn` sees the current (top-level) variables, with no call frame on errors.
  Value callEntry(const ast::FnDef* fn, std::vector<Value>& args);
  Value evalExpr(const ast::Expr* e);
  Value evalBlock(std::span<ast::Stmt* const> body, bool new_scope = true);
  Value evalStmt(const ast::Stmt* s);

  // Calls a function by name: script functions (by arity) first, then natives. `self` is the
  // receiver for method-style calls (bound to `this` for script functions, args[0] otherwise).
  Value callFn(std::string_view name, std::vector<Value>& args, Position pos, bool method,
               bool has_receiver = false);
  Value callFnPtr(const FnPtr& f, std::vector<Value> args, Position pos, Value* this_ptr = nullptr);
  bool hasScriptFn(std::string_view name, size_t arity) const;
  void tick(Position pos) {
    if (++ops_ > max_ops_ && max_ops_ != 0) failTooManyOps(pos);
    if (has_deadline_ && (ops_ & 1023) == 0) checkDeadline(pos);
  }
  bool hasSizeLimits() const { return size_limits_; }
  // Fails with ErrorDataTooLarge if `v` (with its nested contents) exceeds a data size limit.
  void checkSize(const Value& v, Position pos) const {
    if (size_limits_) checkSizeSlow(v, pos);
  }
  void checkSizeSlow(const Value& v, Position pos) const;
  // Fails unless a string of `chars` characters / an array of `len` elements is within limits.
  void checkStringLen(uint64_t chars, Position pos) const;
  void checkArrayLen(uint64_t len, Position pos) const;
  void print(std::string_view s);
  void debugOut(std::string_view s);
  bool isDefVar(std::string_view name) const;
  // Modules (eval_module.cc).
  void importModule(const ast::Stmt* s);
  // The script's top-level `import`s (from the engine's module cache once loaded), for a function
  // pointer called on its own (Rhai resolves them through the AST's embedded resolver).
  void importTopLevel();
  Value moduleVar(const ast::Expr* e);
  Value moduleCall(const ast::Expr* e, std::vector<Value>& args);
  // Host objects (eval_host.cc): reads through getters and indexers, calls of host methods and
  // registered functions, and the write-backs of chains through host properties.
  Value hostProperty(const Value& base, std::string_view prop, Position pos);
  Value hostIndex(const Value& base, const Value& idx, Position pos);
  // `base.prop` (index_key null) or `base[*index_key]` read into a temporary that
  // flushWriteBacks writes back; `prop` must outlive the write-back (it is the script's text).
  Value* hostPlace(Value& base, std::string_view prop, const Value* index_key, Position pos);
  // The setter (then the string indexer) for a property, the indexer setter for an index.
  bool hostAssign(Value& base, std::string_view prop, const Value* index_key, Value& value,
                  Position pos);
  void flushWriteBacks(size_t mark);
  size_t writeBackMark() const { return writebacks_.size(); }
  void dropWriteBacks(size_t mark) {
    while (writebacks_.size() > mark) writebacks_.pop();
  }
  bool callRegistered(std::string_view name, std::vector<Value>& args, Position pos, Value& out);
  bool callHostMethod(std::string_view name, std::vector<Value>& args, Position pos, Value& out);
  std::optional<Value> resolveVariable(std::string_view name);
  // `v.a.b` (plain properties, no `?.`) with `v` a variable holding a host object: that object
  // and the path, for the HostObject::*Path fast paths; nullptr otherwise.
  struct HostPath {
    std::array<std::string_view, 4> names;
    size_t size = 0;
    std::span<const std::string_view> span() const { return {names.data(), size}; }
  };
  Value* hostPathRoot(const ast::Expr* chain, HostPath& path);

 private:
  // Innermost first, within the current frame. Inline: it runs for every variable read.
  Var* findVar(std::string_view name) {
    uint64_t key = nameKey(name);
    Var* base = vars_.data() + frame_;
    for (Var* v = vars_.data() + vars_.size(); v != base;) {
      --v;
      if (v->named(name, key)) return v;
    }
    return nullptr;
  }
  // The script function `name` taking `arity` parameters, or nullptr.
  const ast::FnDef* findScriptFn(std::string_view name, size_t arity) const;
  // findScriptFn for the call `e` (name e->text, e->items.size() arguments), remembered per call
  // site: the script's functions never change during a run.
  Value literalString(const ast::Expr* e) {
    auto& [site, value] = str_cache_[(reinterpret_cast<uintptr_t>(e) / sizeof(ast::Expr)) % 64];
    if (site != e) {
      value = Value::string(std::string(e->text));
      site = e;
    }
    return value;
  }
  const ast::FnDef* scriptFnAt(const ast::Expr* e) {
    FnCacheEntry& c = fn_cache_[(reinterpret_cast<uintptr_t>(e) / sizeof(ast::Expr)) % 64];
    if (c.site != e) {
      c.fn = findScriptFn(e->text, e->items.size());
      c.site = e;
    }
    return c.fn;
  }
  [[noreturn]] void failTooManyOps(Position pos) const;
  void checkDeadline(Position pos) const;  // ErrorTerminated past max_wall_time_ms
  Value takeFlowValue();
  // A condition (if, while, do): fails unless it is a bool.
  bool evalCond(const ast::Expr* e);
  // `x += 1` / `x -= y` on integer variables, updated in place; false if not that case (nothing
  // was changed and the right side, a leaf, may be evaluated again).
  bool opAssignInPlace(const ast::Stmt* s);
  // Like operand, and also in place for array elements of such (`m[i][j]`, leaf indices).
  const Value& peek(const ast::Expr* e, Value& tmp);
  // A plain variable's own storage, or nullptr (not a plain variable, or not found).
  const Value* varRef(const ast::Expr* e);
  // A plain variable's own storage, else `e` evaluated into tmp.
  const Value& operand(const ast::Expr* e, Value& tmp);
  // Variable cells are recycled: a cell no closure kept goes back to cell_pool_ when its scope
  // ends, saving an allocation per `let` and per parameter.
  std::shared_ptr<Value> newCell(Value v);
  void popVars(size_t mark) {
    if (vars_.size() > mark) popVarsSlow(mark);
  }
  void popVarsSlow(size_t mark);
  // Binds args (moved from) to the parameters of fn.
  Value callScript(
      const ast::FnDef* fn, std::span<Value> args, Value* this_ptr, Position pos,
      const std::vector<std::pair<std::string, std::shared_ptr<Value>>>* captures = nullptr);
  Value evalDot(const ast::Expr* e);
  Value evalBinary(const ast::Expr* e);
  Value evalCompound(const ast::Expr* e);
  Value evalIndex(const ast::Expr* e);
  Value evalCall(const ast::Expr* e);
  Value evalMethodCall(const ast::Expr* call, const ast::Expr* target, Value* recv_ref, Value recv,
                       bool recv_const);
  Value evalClosure(const ast::Expr* e);
  Value evalSwitch(const ast::Stmt* s);
  Value evalFor(const ast::Stmt* s);
  Value evalTry(const ast::Stmt* s);
  void assign(const ast::Stmt* s);
  void assignChain(const ast::Stmt* s);  // assign's body, inside the write-backs' scope
  void assignValue(const ast::Stmt* s, Value rhs);
  // `a[i] = v`, `m[i][j] += v` on arrays in variables, with leaf indices in bounds: stores
  // without the general lvalue walk. False (nothing changed, rhs intact) in any other case.
  bool assignIndexedInPlace(const ast::Stmt* s, Value& rhs);
  Value* elementRef(const ast::Expr* e);
  // A pointer to the storage an lvalue chain names, or nullptr for temporaries. `is_const`
  // reports whether the root is a constant.
  Value* lvalue(const ast::Expr* e, bool create, bool& is_const);
  Value indexValue(const Value& base, const Value& idx, Position pos, bool elvis);
  Value* indexRef(Value& base, const Value& idx, Position pos, bool create);
  void captureFreeVars(const ast::FnDef* fn, FnPtr& ptr);

  const Engine& engine_;
  const Program& program_;
  const ast::Script& script_;
  const std::unordered_multimap<std::string_view, const ast::FnDef*>& fns_;
  // One bit per script function name (fnNameBit): most names looked up (natives, methods) are
  // not script functions and are rejected without hashing the name.
  uint64_t fn_names_ = 0;
  // The caches and pools, reused across runs on this thread when not nested (InterpState);
  // declared before the references into them.
  std::unique_ptr<InterpState> own_state_;
  InterpState& state_;
  // One stack of variables for all frames: a function sees vars_[frame_, end) only.
  std::vector<Var>& vars_;
  size_t frame_ = 0;
  static constexpr size_t kNoFrame = SIZE_MAX;
  // While a function runs, vars_[0, globals_end_) is the top-level scope (global::X).
  size_t globals_end_ = kNoFrame;
  std::array<FnCacheEntry, 64>& fn_cache_;
  std::array<std::pair<const ast::Expr*, Value>, 64>& str_cache_;
  std::vector<std::shared_ptr<Value>>& cell_pool_;
  std::vector<std::vector<Value>>& args_pool_;
  friend struct PooledArgs;
  Flow flow_ = Flow::kNone;
  Value flow_value_;  // break / return value while flow_ is set
  Value* this_ = nullptr;
  uint32_t depth_ = 0;
  uint64_t ops_ = 0;
  uint64_t max_ops_ = 0;      // engine_.options().max_operations, read per statement
  bool size_limits_ = false;  // any data size limit set
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> imports_;
  WriteBackStack& writebacks_;
  std::chrono::steady_clock::time_point deadline_{};
  bool has_deadline_ = false;
  std::vector<std::weak_ptr<Value>> captured_;  // cells captured by closures (see ~Interp)
  std::vector<EvalError> caught_;  // errors being handled by enclosing catch blocks (`throw;`)
};

}  // namespace plexus::rhai::detail
