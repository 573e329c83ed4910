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
  auto& cache = *module_cache_;
  std::shared_ptr<Module> module;
  if (auto it = cache.find(path); it != cache.end()) {
    module = it->second;
  } else {
    std::ifstream in(engine_.options().module_dir + "/" + path + ".rhai", std::ios::binary);
    if (!in) fail("ErrorModuleNotFound", "Module not found: " + path, s->expr->pos, path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    module = std::make_shared<Module>();
    module->path = path;
    module->source = buffer.str();
    ParseResult parsed = parse(module->source);
    if (!parsed.ok()) {
      fail("ErrorInModule", parsed.error().describe(), s->pos, path);
    }
    module->script = parsed.takeScript();
    module->interp = std::make_unique<Interp>(engine_, *module->script);
    module->interp->module_cache_ = module_cache_;
    module->interp->owns_module_cache_ = false;
    module->interp->run();
    for (const ast::Stmt* st : module->script->statements) {
      if (st->kind == StmtKind::kLet && st->exported) {
        if (Var* v = module->interp->findVar(st->name))
          module->exports[std::string(st->name)] = *v->cell;
      } else if (st->kind == StmtKind::kExport) {
        if (Var* v = module->interp->findVar(st->name)) {
          module->exports[std::string(st->alias.empty() ? st->name : st->alias)] = *v->cell;
        }
      }
    }
    cache[path] = module;
  }
  if (!s->name.empty()) imports_.emplace_back(std::string(s->name), module);
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
  fail("ErrorVariableNotFound", "Variable not found: " + full, e->pos, full);
}

Value Interp::moduleCall(const ast::Expr* e, std::vector<Value>& args) {
  if (e->namespace_path.size() == 1) {
    for (auto it = imports_.rbegin(); it != imports_.rend(); ++it) {
      if (it->first != e->namespace_path[0]) continue;
      Interp& m = *it->second->interp;
      auto [b, end] = m.fns_.equal_range(e->text);
      for (auto f = b; f != end; ++f) {
        if (f->second->is_private || f->second->params.size() != args.size()) continue;
        m.depth_ = depth_;
        return m.callScript(f->second, args, nullptr, e->pos);
      }
      Value out;
      if (callNative(*this, e->text, args, e->pos, out)) {
        checkSize(out, e->pos);
        return out;
      }
      break;
    }
  }
  failFnNotFound(qualified(e), args, e->pos);
}

}  // namespace plexus::rhai::detail
