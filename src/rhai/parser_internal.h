// The recursive-descent Parser behind rhai::parse(), shared by parser.cc (statements) and
// parser_expr.cc (expressions). Internal to src/rhai.
//
// Syntax errors unwind as a SyntaxFailure exception that parse() catches: it never leaves
// parse(). The single token of lookahead is fetched lazily so that the lexer can be switched
// back into template-string mode right after the `}` of a `${ ... }` block.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/rhai/ast.h"
#include "src/rhai/lexer.h"
#include "src/rhai/parser.h"

namespace plexus::rhai::detail {

struct SyntaxFailure {
  ParseError error;
};

class Parser {
 public:
  Parser(std::string_view source, ast::Script& script)
      : script_(script), arena_(script.arena), lexer_(source, script.arena) {}

  // Script : Stmt* EOF (parse_global_level)
  std::span<ast::Stmt* const> parseScript();

 private:
  struct Settings {
    bool global = false;     // top level: `fn`, `export` allowed
    bool in_fn = false;      // `this` allowed
    bool breakable = false;  // inside a loop
  };
  struct Var {
    std::string_view name;
    bool is_const;
  };

  // Tokens.
  const Token& peek();
  Token take();
  bool match(TokenKind kind);
  [[noreturn]] void fail(Position at, std::string message);
  // Fails with the lexer's message when `token` is a lexical error.
  void checkLexError(const Token& token);
  [[noreturn]] void failMissing(TokenKind expected, std::string_view context, Position at);
  std::string_view parseVarName(Position* at);

  // Statements (parser.cc).
  ast::Stmt* parseStmt(Settings settings);
  ast::Stmt* parseBlock(Settings settings);
  // Stmt* `}` after `{` is consumed; returns the statements.
  std::span<ast::Stmt* const> parseBlockBody(Settings settings);
  ast::Stmt* parseIf(Settings settings);
  ast::Stmt* parseSwitch(Settings settings);
  ast::Stmt* parseWhile(Settings settings);
  ast::Stmt* parseDo(Settings settings);
  ast::Stmt* parseFor(Settings settings);
  ast::Stmt* parseLet(Settings settings, bool is_const, bool exported);
  ast::Stmt* parseImport(Settings settings);
  ast::Stmt* parseExport(Settings settings);
  ast::Stmt* parseTry(Settings settings);
  ast::Stmt* parseFlowValue(Settings settings, ast::StmtKind kind);
  void parseFnDef(Settings settings, bool is_private, Position at);
  ast::Stmt* parseExprStmt(Settings settings);
  ast::Stmt* makeAssignment(TokenKind op, ast::Expr* lhs, ast::Expr* rhs, Position op_pos);
  static bool isSelfTerminated(const ast::Stmt& stmt);

  // Expressions (parser_expr.cc).
  ast::Expr* parseExpr(Settings settings);
  ast::Expr* parseUnary(Settings settings);
  ast::Expr* parseBinary(Settings settings, int parent_precedence, ast::Expr* lhs);
  ast::Expr* parsePrimary(Settings settings, bool property);
  ast::Expr* parsePostfix(Settings settings, ast::Expr* lhs);
  ast::Expr* parseFnCall(Settings settings, ast::Expr* callee, bool no_args, bool capture);
  ast::Expr* parseIndex(Settings settings, ast::Expr* lhs, bool elvis, Position at);
  ast::Expr* parseArray(Settings settings);
  ast::Expr* parseMap(Settings settings);
  ast::Expr* parseInterpolated(Settings settings);
  ast::Expr* parseClosure(Settings settings);
  ast::Expr* stmtExpr(ast::Stmt* stmt);
  void ensureBoolExpr(const ast::Expr& expr);
  void ensureNotStatementExpr(std::string_view type_name);
  void ensureNotAssignment();

  // Scope tracking, for `Cannot assign to constant`.
  void declare(std::string_view name, bool is_const) { vars_.push_back({name, is_const}); }
  const Var* findVar(std::string_view name) const;

  template <typename T>
  std::span<T const> list(const std::vector<T>& items) {
    return arena_.copyList(items);
  }
  ast::Expr* newExpr(ast::ExprKind kind, Position pos) {
    auto* e = arena_.make<ast::Expr>();
    e->kind = kind;
    e->pos = pos;
    return e;
  }
  ast::Stmt* newStmt(ast::StmtKind kind, Position pos) {
    auto* s = arena_.make<ast::Stmt>();
    s->kind = kind;
    s->pos = pos;
    return s;
  }

  ast::Script& script_;
  Arena& arena_;
  Lexer lexer_;
  std::optional<Token> peeked_;
  std::vector<Var> vars_;
  size_t fn_frame_ = 0;  // vars_ below this belong to an enclosing function's caller
  std::vector<std::pair<std::string_view, size_t>> defined_fns_;
  bool no_pipe_ = false;  // parsing a switch case value: `|` separates cases
  int anon_count_ = 0;
};

}  // namespace plexus::rhai::detail
