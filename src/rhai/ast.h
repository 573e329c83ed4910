// Rhai syntax tree (the shapes of Rhai 1.23.6 src/ast/expr.rs and stmt.rs, simplified for a
// tree-walking evaluator). Every node lives in the Script's arena and is trivially destructible;
// lists are spans into the arena. Chains stay left-nested as written: `a.b[c].d()` is
// Dot(Index(Dot(a, b), c), MethodCall d), so an evaluator walks them from the root outwards.
//
// Immutable after parsing; safe to share across threads for reading.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "src/common/arena.h"
#include "src/rhai/lexer.h"

namespace plexus::rhai::ast {

struct Stmt;
struct FnDef;

enum class ExprKind : uint8_t {
  kUnit,
  kBool,          // bool_value
  kInteger,       // int_value
  kFloat,         // float_value
  kChar,          // char_value
  kString,        // text
  kInterpolated,  // items: string pieces and embedded blocks (kStmt)
  kArray,         // items
  kMap,           // keys[i] -> items[i], in source order
  kVariable,      // text; namespace_path for `m::x`, `global::x`
  kThis,
  kProperty,    // text: right side of `.` / `?.`
  kFnCall,      // text, items = args, namespace_path; capture = `f!(...)`
  kMethodCall,  // text, items = args: right side of `.` / `?.`
  kDot,         // lhs . rhs (rhs: kProperty or kMethodCall); elvis for `?.`
  kIndex,       // lhs [ rhs ]; elvis for `?[`
  kUnary,       // op (kUnaryMinus, kUnaryPlus, kBang), lhs
  kBinary,      // lhs op rhs, op a binary TokenKind (kAnd, kOr, kDoubleQuestion short-circuit)
  kClosure,     // fn_def: an anonymous function `|x| ...`
  kStmt,        // stmt: a block, if, switch, loop or for used as an expression
};

struct Expr {
  ExprKind kind = ExprKind::kUnit;
  Position pos;
  TokenKind op = TokenKind::kEof;
  bool bool_value = false;
  bool elvis = false;    // `?.` / `?[`
  bool capture = false;  // `f!(...)`: the call shares the caller's scope
  int64_t int_value = 0;
  double float_value = 0;
  char32_t char_value = 0;
  std::string_view text;
  std::span<std::string_view const> namespace_path;
  std::span<Expr* const> items;
  std::span<std::string_view const> keys;
  Expr* lhs = nullptr;
  Expr* rhs = nullptr;
  Stmt* stmt = nullptr;
  FnDef* fn_def = nullptr;
};

enum class StmtKind : uint8_t {
  kNoop,
  kExpr,    // expr
  kBlock,   // body
  kLet,     // name = expr (expr null: `let x;`); is_const, exported
  kAssign,  // lhs op rhs, op kEquals or an op-assignment token
  kIf,      // expr { body } else_branch (null, a kBlock or a kIf)
  kSwitch,  // expr { cases }
  kWhile,   // expr (null for `loop`) { body }
  kDo,      // { body } while/until (negated) expr
  kFor,     // for name[, counter] in expr { body }
  kBreak,   // expr: optional value
  kContinue,
  kReturn,  // expr optional
  kThrow,   // expr optional
  kTry,     // { body } catch (name) { catch_body }
  kImport,  // import expr as name (name may be empty)
  kExport,  // export name as alias
};

struct SwitchCase {
  std::span<Expr* const> values;  // empty for `_`
  Expr* condition = nullptr;      // `if` guard
  Stmt* body = nullptr;
};

struct Stmt {
  StmtKind kind = StmtKind::kNoop;
  Position pos;
  TokenKind op = TokenKind::kEquals;
  bool is_const = false;
  bool exported = false;
  bool negated = false;  // do ... until
  std::string_view name;
  std::string_view alias;  // for counter variable, export alias
  Position name_pos;
  Expr* expr = nullptr;
  Expr* lhs = nullptr;
  Expr* rhs = nullptr;
  std::span<Stmt* const> body;
  std::span<Stmt* const> catch_body;
  Stmt* else_branch = nullptr;
  std::span<SwitchCase const> cases;
};

struct FnDef {
  std::string_view name;  // `anon$N` for closures
  Position pos;
  bool is_private = false;
  std::span<std::string_view const> params;
  std::span<Stmt* const> body;
};

struct Script {
  Arena arena;
  std::span<Stmt* const> statements;
  std::vector<FnDef*> functions;  // top-level `fn`s, then closures in source order
};

}  // namespace plexus::rhai::ast
