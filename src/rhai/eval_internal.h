// Internals of the Rhai evaluator, shared by eval*.cc, ops.cc and stdlib*.cc. Not a public API.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
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
struct BreakSignal {
  Value value;
  bool is_break;
};
struct ReturnSignal {
  Value value;
};

[[noreturn]] void fail(std::string type, std::string message, Position pos, std::string field = {});
[[noreturn]] void failArithmetic(std::string message, Position pos);
// Rhai's ErrorArrayBounds / ErrorStringBounds for `index` into `length` elements or characters.
[[noreturn]] void failBounds(bool string, int64_t index, int64_t length, Position pos);
std::string fnSignature(std::string_view name, std::span<const Value> args);
[[noreturn]] void failFnNotFound(std::string_view name, std::span<const Value> args, Position pos);

struct Var {
  std::string name;
  std::shared_ptr<Value> cell;
  bool is_const = false;
  bool shared = false;  // captured by a closure (is_shared)
};
struct ExitSignal {
  Value value;
};
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
  void tick(Position pos);
  // Fails with ErrorDataTooLarge if `v` (with its nested contents) exceeds a data size limit.
  void checkSize(const Value& v, Position pos) const;
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

 private:
  Var* findVar(std::string_view name);
  Value callScript(
      const ast::FnDef* fn, std::vector<Value>& args, Value* this_ptr, Position pos,
      const std::vector<std::pair<std::string, std::shared_ptr<Value>>>* captures = nullptr);
  Value evalDot(const ast::Expr* e);
  Value evalIndex(const ast::Expr* e);
  Value evalCall(const ast::Expr* e);
  Value evalMethodCall(const ast::Expr* call, const ast::Expr* target, Value* recv_ref, Value recv,
                       bool recv_const);
  Value evalClosure(const ast::Expr* e);
  Value evalSwitch(const ast::Stmt* s);
  Value evalFor(const ast::Stmt* s);
  Value evalTry(const ast::Stmt* s);
  void assign(const ast::Stmt* s);
  void assignChain(const ast::Stmt* s);
  // A pointer to the storage an lvalue chain names, or nullptr for temporaries. `is_const`
  // reports whether the root is a constant.
  Value* lvalue(const ast::Expr* e, bool create, bool& is_const);
  Value indexValue(const Value& base, const Value& idx, Position pos, bool elvis);
  Value* indexRef(Value& base, const Value& idx, Position pos, bool create);
  void captureFreeVars(const ast::FnDef* fn, FnPtr& ptr);

  // A host property or index read for a chain being changed: written back by flushWriteBacks.
  struct WriteBack {
    Value* holder = nullptr;  // the Value holding the host object
    std::string_view prop;
    Value key;  // for an index
    bool property = false;
    Value temp;
    Position pos;
  };

  const Engine& engine_;
  const Program& program_;
  const ast::Script& script_;
  const std::unordered_multimap<std::string_view, const ast::FnDef*>& fns_;
  std::vector<Var> vars_;
  std::vector<Var>* globals_ = nullptr;  // the top-level scope while a function runs
  Value* this_ = nullptr;
  uint32_t depth_ = 0;
  uint64_t ops_ = 0;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> imports_;
  // A stack whose entries keep their address (the temporaries are written through pointers),
  // allocated in blocks on first use.
  class WriteBackStack {
   public:
    size_t size() const { return size_; }
    WriteBack& push(WriteBack w) {
      if (size_ == blocks_.size() * kBlock)
        blocks_.push_back(std::make_unique<WriteBack[]>(kBlock));
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
  WriteBackStack writebacks_;
  std::chrono::steady_clock::time_point deadline_{};
  std::vector<std::weak_ptr<Value>> captured_;  // cells captured by closures (see ~Interp)
  std::vector<EvalError> caught_;  // errors being handled by enclosing catch blocks (`throw;`)
};

}  // namespace plexus::rhai::detail
