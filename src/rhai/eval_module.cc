// Rhai modules: `import "path" as m;`, `m::x`, `m::f()` (Rhai 1.23.6 src/module/resolvers/file.rs).
// Each module runs once per evaluation in its own interpreter; exported variables are copied out.
#include <fstream>
#include <sstream>

#include "src/rhai/eval_internal.h"
#include "src/rhai/parser.h"

namespace plexus::rhai::detail {

using ast::StmtKind;

namespace {

std::string qualified(const ast::Expr* e) {
  std::string full;
  for (std::string_view p : e->namespace_path) full += std::string(p) + "::";
  return full + std::string(e->text);
}

}  // namespace

void Interp::importModule(const ast::Stmt* s) {
  Value path_value = evalExpr(s->expr);
  std::string path = path_value.display();
  ModuleCache& cache = engine_.modules();
  std::shared_ptr<Module> module;
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.modules.find(path); it != cache.modules.end()) module = it->second;
  }
  if (!module) {
    std::ifstream in(engine_.options().module_dir + "/" + path + ".rhai", std::ios::binary);
    if (!in) fail("ErrorModuleNotFound", "Module not found: " + path, s->expr->pos, path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto compiled = engine_.compile(buffer.str(), path);
    if (compiled.index() == 1) {
      const EvalError& e = std::get<1>(compiled);
      fail("ErrorInModule", e.describe(), s->pos, path);
    }
    module = std::make_shared<Module>();
    module->path = path;
    module->program = std::get<0>(std::move(compiled));
    Interp body(engine_, *module->program);
    body.depth_ = depth_;
    body.run();
    module->imports = body.imports_;
    for (const ast::Stmt* st : module->program->script().statements) {
      if (st->kind == StmtKind::kLet && st->exported) {
        if (Var* v = body.findVar(st->name)) module->exports[std::string(st->name)] = *v->cell;
      } else if (st->kind == StmtKind::kExport) {
        if (Var* v = body.findVar(st->name)) {
          module->exports[std::string(st->alias.empty() ? st->name : st->alias)] = *v->cell;
        }
      }
    }
    // Another thread may have loaded it meanwhile: the first one wins, as each module body is
    // meant to run once.
    std::lock_guard lock(cache.mutex);
    auto [it, inserted] = cache.modules.emplace(path, module);
    module = it->second;
  }
  if (!s->name.empty()) imports_.emplace_back(std::string(s->name), module);
}

void Interp::importTopLevel() {
  for (const ast::Stmt* s : script_.statements) {
    if (s->kind == StmtKind::kImport && s->expr->kind == ast::ExprKind::kString) importModule(s);
  }
}

Value Interp::moduleVar(const ast::Expr* e) {
  if (e->namespace_path.size() == 1) {
    for (auto it = imports_.rbegin(); it != imports_.rend(); ++it) {
      if (it->first != e->namespace_path[0]) continue;
      auto v = it->second->exports.find(e->text);
      if (v != it->second->exports.end()) return v->second;
      break;
    }
  }
  std::string full = qualified(e);
  if (const Value* v = engine_.constant(full)) return *v;
  fail("ErrorVariableNotFound", "Variable not found: " + full, e->pos, full);
}

Value Interp::moduleCall(const ast::Expr* e, std::vector<Value>& args) {
  if (e->namespace_path.size() == 1) {
    for (auto it = imports_.rbegin(); it != imports_.rend(); ++it) {
      if (it->first != e->namespace_path[0]) continue;
      const Module& module = *it->second;
      auto [b, end] = module.program->functions().equal_range(e->text);
      for (auto f = b; f != end; ++f) {
        if (f->second->is_private || f->second->params.size() != args.size()) continue;
        Interp m(engine_, *module.program);
        m.imports_ = module.imports;
        m.depth_ = depth_;
        m.ops_ = ops_;
        m.deadline_ = deadline_;
        Value result = m.callScript(f->second, args, nullptr, e->pos);
        ops_ = m.ops_;
        return result;
      }
      Value out;
      if (callNative(*this, e->text, args, e->pos, out)) {
        checkSize(out, e->pos);
        return out;
      }
      break;
    }
  }
  std::string full = qualified(e);
  Value out;
  if (callRegistered(full, args, e->pos, out)) return out;
  failFnNotFound(full, args, e->pos);
}

}  // namespace plexus::rhai::detail
