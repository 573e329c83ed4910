// Rhai embedding API (Rhai 1.23.6 src/api/{compile,run,call_fn,register}.rs): compile once, then
// run, call functions and function pointers; registered functions, constants and modules.
#include <atomic>

#include "src/rhai/eval_internal.h"
#include "src/rhai/parser.h"

namespace plexus::rhai {

Program::~Program() = default;

const Value* Scope::get(std::string_view name) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->name == name) return &it->value;
  }
  return nullptr;
}

Engine::Engine(EngineOptions options)
    : options_(std::move(options)), modules_(std::make_unique<detail::ModuleCache>()) {}

Engine::~Engine() = default;

void Engine::registerFn(const std::string& name, NativeFn fn) {
  fns_[name].push_back(std::move(fn));
}

void Engine::registerConstant(const std::string& name, Value value) {
  constants_[name] = std::move(value);
}

const std::vector<NativeFn>* Engine::registered(std::string_view name) const {
  if (fns_.empty()) return nullptr;
  auto it = fns_.find(name);
  return it == fns_.end() ? nullptr : &it->second;
}

const Value* Engine::constant(std::string_view name) const {
  auto it = constants_.find(name);
  return it == constants_.end() ? nullptr : &it->second;
}

std::variant<std::shared_ptr<const Program>, EvalError> Engine::compile(std::string source,
                                                                        std::string name) const {
  std::shared_ptr<Program> program(new Program());
  program->name_ = std::move(name);
  program->source_ = std::make_unique<std::string>(std::move(source));
  ParseResult parsed = parse(*program->source_);
  if (!parsed.ok()) {
    EvalError e;
    e.type = "ErrorParsing";
    e.message = "Syntax error: " + parsed.error().message;
    e.pos = parsed.error().position;
    return e;
  }
  program->script_ = parsed.takeScript();
  for (const ast::FnDef* fn : program->script_->functions) {
    program->functions_.emplace(fn->name, fn);
    program->function_name_bits_ |= uint64_t{1} << detail::fnNameBit(fn->name);
  }
  static std::atomic<uint64_t> next_id{1};
  program->id_ = next_id.fetch_add(1, std::memory_order_relaxed);
  return std::shared_ptr<const Program>(std::move(program));
}

EvalResult Engine::eval(std::string_view source) {
  auto compiled = compile(std::string(source));
  if (compiled.index() == 1) return std::get<1>(std::move(compiled));
  Scope scope;
  return run(*std::get<0>(compiled), scope);
}

EvalResult Engine::run(const Program& program, Scope& scope) const {
  detail::Interp interp(*this, program);
  interp.seed(scope);
  size_t seeded = scope.entries().size();
  try {
    Value v = interp.run();
    interp.exportScope(scope, seeded);
    return v;
  } catch (detail::Thrown& t) {
    return std::move(t.error);
  }
}

EvalResult Engine::call(const Program& program, const Scope& scope, std::string_view fn_name,
                        std::vector<Value> args, bool eval_ast) const {
  detail::Interp interp(*this, program);
  interp.seed(scope);
  try {
    if (eval_ast) interp.run();
    auto [b, e] = program.functions().equal_range(fn_name);
    for (auto it = b; it != e; ++it) {
      if (it->second->params.size() == args.size()) return interp.callEntry(it->second, args);
    }
    detail::failFnNotFound(fn_name, args, Position{});
  } catch (detail::Thrown& t) {
    return std::move(t.error);
  }
}

EvalResult Engine::callFnPtr(const Program& program, const FnPtr& fn,
                             std::vector<Value> args) const {
  detail::Interp interp(*this, program);
  try {
    interp.importTopLevel();
    return interp.callFnPtr(fn, std::move(args), Position{});
  } catch (detail::Thrown& t) {
    return std::move(t.error);
  }
}

namespace detail {

// The variables view the scope's names: the scope outlives the run (run / call take it by
// reference) and is not appended to before the run ends (exportScope).
void Interp::seed(const Scope& scope) {
  for (const Scope::Entry& e : scope.entries()) {
    vars_.emplace_back(e.name, newCell(e.value), e.is_const);
  }
}

void Interp::exportScope(Scope& scope, size_t from) const {
  std::vector<Scope::Entry> declared;
  for (size_t i = from; i < vars_.size(); ++i) {
    declared.push_back({std::string(vars_[i].name), *vars_[i].cell, vars_[i].is_const});
  }
  for (Scope::Entry& e : declared) scope.entries().push_back(std::move(e));
}

Value Interp::callEntry(const ast::FnDef* fn, std::vector<Value>& args) {
  size_t mark = vars_.size();
  for (size_t i = 0; i < fn->params.size() && i < args.size(); ++i) {
    vars_.emplace_back(fn->params[i], newCell(std::move(args[i])));
  }
  ++depth_;
  try {
    Value result = evalBlock(fn->body, false);
    if (flow_ != Flow::kNone) {
      if (flow_ == Flow::kReturn) result = takeFlowValue();
      flow_ = Flow::kNone;
    }
    --depth_;
    popVars(mark);
    return result;
  } catch (...) {
    --depth_;
    popVars(mark);
    throw;
  }
}

}  // namespace detail
}  // namespace plexus::rhai
