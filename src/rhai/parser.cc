// Statements: Rhai 1.23.6 src/parser.rs parse_stmt and the functions it calls.
#include "src/rhai/parser.h"

#include <utility>

#include "src/rhai/parser_internal.h"

namespace plexus::rhai {

std::string ParseError::describe() const {
  std::string out = "Syntax error: " + message;
  if (position.line != 0) {
    out += " (line " + std::to_string(position.line) + ", position " +
           std::to_string(position.pos) + ")";
  }
  return out;
}

ParseResult parse(std::string_view source) {
  auto script = std::make_unique<ast::Script>();
  detail::Parser parser(source, *script);
  try {
    script->statements = parser.parseScript();
  } catch (detail::SyntaxFailure& failure) {
    return std::move(failure.error);
  }
  return script;
}

namespace detail {

using ast::Stmt;
using ast::StmtKind;

const Token& Parser::peek() {
  if (!peeked_) peeked_ = lexer_.next();
  return *peeked_;
}

Token Parser::take() {
  Token t = peek();
  peeked_.reset();
  return t;
}

bool Parser::match(TokenKind kind) {
  if (peek().kind != kind) return false;
  take();
  return true;
}

void Parser::fail(Position at, std::string message) {
  throw SyntaxFailure{ParseError{std::move(message), at}};
}

void Parser::checkLexError(const Token& token) {
  if (token.kind == TokenKind::kLexError) fail(token.pos, std::string(token.text));
}

void Parser::failMissing(TokenKind expected, std::string_view context, Position at) {
  fail(at, "Expecting '" + std::string(tokenSyntax(expected)) + "' " + std::string(context));
}

// parse_var_name
std::string_view Parser::parseVarName(Position* at) {
  Token t = take();
  if (at != nullptr) *at = t.pos;
  if (t.kind == TokenKind::kIdentifier) return t.text;
  if (t.kind == TokenKind::kReserved && isValidIdentifier(t.text)) {
    fail(t.pos, "'" + std::string(t.text) + "' is a reserved keyword");
  }
  checkLexError(t);
  fail(t.pos, "Expecting name of a variable");
}

const Parser::Var* Parser::findVar(std::string_view name) const {
  for (size_t i = vars_.size(); i > fn_frame_; --i) {
    if (vars_[i - 1].name == name) return &vars_[i - 1];
  }
  return nullptr;
}

bool Parser::isSelfTerminated(const Stmt& stmt) {
  switch (stmt.kind) {
    case StmtKind::kIf:
    case StmtKind::kSwitch:
    case StmtKind::kWhile:
    case StmtKind::kFor:
    case StmtKind::kBlock:
    case StmtKind::kTry: return true;
    default: return false;
  }
}

// Script : ( Stmt ( ';' | <self-terminated> ) )* EOF
std::span<Stmt* const> Parser::parseScript() {
  Settings settings{.global = true};
  std::vector<Stmt*> statements;
  while (peek().kind != TokenKind::kEof) {
    Stmt* stmt = parseStmt(settings);
    if (stmt->kind == StmtKind::kNoop) continue;
    bool need_semicolon = !isSelfTerminated(*stmt);
    statements.push_back(stmt);
    const Token& next = peek();
    if (next.kind == TokenKind::kEof) break;
    if (next.kind == TokenKind::kSemiColon) {
      if (need_semicolon) take();
      continue;
    }
    if (!need_semicolon) continue;
    checkLexError(next);
    failMissing(TokenKind::kSemiColon, "to terminate this statement", next.pos);
  }
  return list(statements);
}

// Block : '{' Stmt* '}'
Stmt* Parser::parseBlock(Settings settings) {
  Token open = take();
  if (open.kind != TokenKind::kLeftBrace) {
    checkLexError(open);
    failMissing(TokenKind::kLeftBrace, "to start a statement block", open.pos);
  }
  Stmt* block = newStmt(StmtKind::kBlock, open.pos);
  block->body = parseBlockBody(settings);
  return block;
}

std::span<Stmt* const> Parser::parseBlockBody(Settings settings) {
  settings.global = false;
  size_t scope_mark = vars_.size();
  std::vector<Stmt*> statements;
  for (;;) {
    const Token& t = peek();
    if (t.kind == TokenKind::kRightBrace) {
      take();
      break;
    }
    if (t.kind == TokenKind::kEof) {
      failMissing(TokenKind::kRightBrace, "to terminate this block", t.pos);
    }
    Stmt* stmt = parseStmt(settings);
    if (stmt->kind == StmtKind::kNoop) continue;
    bool need_semicolon = !isSelfTerminated(*stmt);
    statements.push_back(stmt);
    const Token& next = peek();
    if (next.kind == TokenKind::kRightBrace) {
      take();
      break;
    }
    if (next.kind == TokenKind::kSemiColon) {
      take();
      continue;
    }
    if (!need_semicolon) continue;
    checkLexError(next);
    failMissing(TokenKind::kSemiColon, "to terminate this statement", next.pos);
  }
  vars_.resize(scope_mark);
  return list(statements);
}

// parse_stmt
Stmt* Parser::parseStmt(Settings settings) {
  const Token& t = peek();
  Position pos = t.pos;
  switch (t.kind) {
    case TokenKind::kEof: return newStmt(StmtKind::kNoop, pos);
    case TokenKind::kSemiColon: take(); return newStmt(StmtKind::kNoop, pos);
    case TokenKind::kLeftBrace: return parseBlock(settings);
    case TokenKind::kFn:
    case TokenKind::kPrivate: {
      bool is_private = take().kind == TokenKind::kPrivate;
      Token fn;
      fn.kind = TokenKind::kFn;
      fn.pos = pos;
      if (is_private) fn = take();
      if (fn.kind != TokenKind::kFn) failMissing(TokenKind::kFn, "following 'private'", fn.pos);
      if (!settings.global) {
        fail(pos,
             "Function definitions must be at global level and cannot be inside a block or "
             "another function");
      }
      parseFnDef(settings, is_private, fn.pos);
      return newStmt(StmtKind::kNoop, pos);
    }
    case TokenKind::kIf: return parseIf(settings);
    case TokenKind::kSwitch: return parseSwitch(settings);
    case TokenKind::kWhile:
    case TokenKind::kLoop: return parseWhile(settings);
    case TokenKind::kDo: return parseDo(settings);
    case TokenKind::kFor: return parseFor(settings);
    case TokenKind::kContinue:
    case TokenKind::kBreak:
      if (!settings.breakable) fail(pos, "Break statement should only be used inside a loop");
      if (take().kind == TokenKind::kContinue) return newStmt(StmtKind::kContinue, pos);
      {
        Stmt* stmt = parseFlowValue(settings, StmtKind::kBreak);
        stmt->pos = pos;
        return stmt;
      }
    case TokenKind::kReturn:
    case TokenKind::kThrow: {
      StmtKind kind = take().kind == TokenKind::kReturn ? StmtKind::kReturn : StmtKind::kThrow;
      Stmt* stmt = parseFlowValue(settings, kind);
      stmt->pos = pos;
      return stmt;
    }
    case TokenKind::kTry: return parseTry(settings);
    case TokenKind::kLet: return parseLet(settings, false, false);
    case TokenKind::kConst: return parseLet(settings, true, false);
    case TokenKind::kImport: return parseImport(settings);
    case TokenKind::kExport:
      if (!settings.global) fail(pos, "Export statement can only appear at global level");
      return parseExport(settings);
    default: return parseExprStmt(settings);
  }
}

// `break`, `return` and `throw` take an optional value: Rhai tries to parse an expression and
// treats a failure that consumed nothing as "no value".
Stmt* Parser::parseFlowValue(Settings settings, StmtKind kind) {
  Position pos = peek().pos;
  Stmt* stmt = newStmt(kind, pos);
  try {
    stmt->expr = parseExpr(settings);
  } catch (SyntaxFailure&) {
    if (peek().pos != pos) throw;
  }
  return stmt;
}

// If : 'if' Expr Block ( 'else' ( If | Block ) )?
Stmt* Parser::parseIf(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kIf, take().pos);
  ensureNotStatementExpr("a boolean");
  stmt->expr = parseExpr(settings);
  ensureBoolExpr(*stmt->expr);
  ensureNotAssignment();
  stmt->body = parseBlock(settings)->body;
  if (match(TokenKind::kElse)) {
    stmt->else_branch = peek().kind == TokenKind::kIf ? parseIf(settings) : parseBlock(settings);
  }
  return stmt;
}

// While : 'while' Expr Block | 'loop' Block
Stmt* Parser::parseWhile(Settings settings) {
  Token keyword = take();
  Stmt* stmt = newStmt(StmtKind::kWhile, keyword.pos);
  if (keyword.kind == TokenKind::kWhile) {
    ensureNotStatementExpr("a boolean");
    stmt->expr = parseExpr(settings);
    ensureBoolExpr(*stmt->expr);
    ensureNotAssignment();
  }
  settings.breakable = true;
  stmt->body = parseBlock(settings)->body;
  return stmt;
}

// Do : 'do' Block ( 'while' | 'until' ) Expr
Stmt* Parser::parseDo(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kDo, take().pos);
  Settings body_settings = settings;
  body_settings.breakable = true;
  stmt->body = parseBlock(body_settings)->body;
  Token t = take();
  if (t.kind == TokenKind::kUntil) {
    stmt->negated = true;
  } else if (t.kind != TokenKind::kWhile) {
    failMissing(TokenKind::kWhile, "for the do statement", t.pos);
  }
  ensureNotStatementExpr("a boolean");
  stmt->expr = parseExpr(settings);
  ensureBoolExpr(*stmt->expr);
  ensureNotAssignment();
  return stmt;
}

// For : 'for' ( name | '(' name ',' name ')' ) 'in' Expr Block
Stmt* Parser::parseFor(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kFor, take().pos);
  if (match(TokenKind::kLeftParen)) {
    stmt->name = parseVarName(&stmt->name_pos);
    if (!match(TokenKind::kComma)) {
      failMissing(TokenKind::kComma, "after the iteration variable name", peek().pos);
    }
    Position counter_pos;
    stmt->alias = parseVarName(&counter_pos);
    if (stmt->alias == stmt->name)
      fail(counter_pos, "Duplicated variable name: " + std::string(stmt->alias));
    if (!match(TokenKind::kRightParen)) {
      failMissing(TokenKind::kRightParen, "to close the iteration variable", peek().pos);
    }
  } else {
    stmt->name = parseVarName(&stmt->name_pos);
  }
  Token in = take();
  if (in.kind != TokenKind::kIn) {
    checkLexError(in);
    failMissing(TokenKind::kIn, "after the iteration variable", in.pos);
  }
  ensureNotStatementExpr("a boolean");
  stmt->expr = parseExpr(settings);
  const char* type_name = nullptr;
  switch (stmt->expr->kind) {
    case ast::ExprKind::kUnit: type_name = "()"; break;
    case ast::ExprKind::kBool: type_name = "a boolean"; break;
    case ast::ExprKind::kInteger: type_name = "a number"; break;
    case ast::ExprKind::kFloat: type_name = "a floating-point number"; break;
    case ast::ExprKind::kChar: type_name = "a character"; break;
    case ast::ExprKind::kMap: type_name = "an object map"; break;
    default: break;
  }
  if (type_name != nullptr) {
    fail(stmt->expr->pos, std::string("Expecting an iterable value, not ") + type_name);
  }
  size_t mark = vars_.size();
  if (!stmt->alias.empty()) declare(stmt->alias, false);
  declare(stmt->name, false);
  settings.breakable = true;
  stmt->body = parseBlock(settings)->body;
  vars_.resize(mark);
  return stmt;
}

// Let : ( 'let' | 'const' ) name ( '=' Expr )?
Stmt* Parser::parseLet(Settings settings, bool is_const, bool exported) {
  Stmt* stmt = newStmt(StmtKind::kLet, take().pos);
  stmt->is_const = is_const;
  stmt->exported = exported;
  stmt->name = parseVarName(&stmt->name_pos);
  if (match(TokenKind::kEquals)) stmt->expr = parseExpr(settings);
  declare(stmt->name, is_const);
  return stmt;
}

// Import : 'import' Expr ( 'as' name )?
Stmt* Parser::parseImport(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kImport, take().pos);
  stmt->expr = parseExpr(settings);
  if (match(TokenKind::kAs)) stmt->name = parseVarName(&stmt->name_pos);
  return stmt;
}

// Export : 'export' ( Let | name ( 'as' name )? )
Stmt* Parser::parseExport(Settings settings) {
  Position pos = take().pos;
  TokenKind next = peek().kind;
  if (next == TokenKind::kLet || next == TokenKind::kConst) {
    Position let_pos = peek().pos;
    Stmt* stmt = parseLet(settings, next == TokenKind::kConst, true);
    stmt->pos = let_pos;
    return stmt;
  }
  Stmt* stmt = newStmt(StmtKind::kExport, pos);
  stmt->name = parseVarName(&stmt->name_pos);
  if (match(TokenKind::kAs)) stmt->alias = parseVarName(nullptr);
  return stmt;
}

// Try : 'try' Block 'catch' ( '(' name ')' )? Block
Stmt* Parser::parseTry(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kTry, take().pos);
  stmt->body = parseBlock(settings)->body;
  if (!match(TokenKind::kCatch)) {
    failMissing(TokenKind::kCatch, "for the 'try' statement", peek().pos);
  }
  size_t mark = vars_.size();
  if (match(TokenKind::kLeftParen)) {
    stmt->name = parseVarName(&stmt->name_pos);
    if (!match(TokenKind::kRightParen)) {
      failMissing(TokenKind::kRightParen, "to enclose the catch variable", peek().pos);
    }
    declare(stmt->name, false);
  }
  stmt->catch_body = parseBlock(settings)->body;
  vars_.resize(mark);
  return stmt;
}

// FnDef : 'private'? 'fn' name ( '()' | '(' ( name ( ',' name )* )? ')' ) Block
void Parser::parseFnDef(Settings settings, bool is_private, Position at) {
  Token name = take();
  if (name.kind == TokenKind::kReserved) {
    fail(name.pos, "'" + std::string(name.text) + "' is a reserved keyword");
  }
  if (name.kind != TokenKind::kIdentifier) {
    fail(name.pos, "Expecting function name in function declaration");
  }
  std::string fn_name(name.text);
  std::vector<std::string_view> params;
  Token open = take();
  if (open.kind == TokenKind::kLeftParen && !match(TokenKind::kRightParen)) {
    for (;;) {
      Token param = take();
      if (param.kind == TokenKind::kRightParen) break;
      if (param.kind == TokenKind::kIdentifier) {
        for (std::string_view p : params) {
          if (p == param.text) {
            fail(param.pos,
                 "Duplicated parameter " + std::string(param.text) + " for function " + fn_name);
          }
        }
        params.push_back(param.text);
      } else {
        checkLexError(param);
        if (param.kind == TokenKind::kReserved) {
          fail(param.pos, "'" + std::string(param.text) + "' is a reserved keyword");
        }
        if (!tokenSyntax(param.kind).empty() && isValidIdentifier(tokenSyntax(param.kind))) {
          fail(param.pos, "Expecting name of a variable");
        }
        failMissing(TokenKind::kRightParen,
                    "to close the parameters list of function '" + fn_name + "'", param.pos);
      }
      Token sep = take();
      if (sep.kind == TokenKind::kRightParen) break;
      if (sep.kind != TokenKind::kComma) {
        checkLexError(sep);
        failMissing(TokenKind::kComma, "to separate the parameters of function '" + fn_name + "'",
                    sep.pos);
      }
    }
  } else if (open.kind != TokenKind::kUnit && open.kind != TokenKind::kLeftParen) {
    fail(open.pos, "Expecting parameters for function " + fn_name);
  }
  if (peek().kind != TokenKind::kLeftBrace) {
    fail(peek().pos, "Expecting body statement block for function " + fn_name);
  }
  // A function sees only its parameters: open a fresh variable frame.
  size_t saved_frame = fn_frame_;
  size_t mark = vars_.size();
  fn_frame_ = mark;
  for (std::string_view p : params) declare(p, false);
  Settings body_settings{.global = false, .in_fn = true, .breakable = false};
  Stmt* body = parseBlock(body_settings);
  vars_.resize(mark);
  fn_frame_ = saved_frame;
  for (const auto& [defined, arity] : defined_fns_) {
    if (defined == name.text && arity == params.size()) {
      std::string message = "Function " + fn_name + " with ";
      if (arity == 0) {
        message += "no parameters already exists";
      } else if (arity == 1) {
        message += "1 parameter already exists";
      } else {
        message += std::to_string(arity) + " parameters already exists";
      }
      fail(at, message);
    }
  }
  defined_fns_.emplace_back(name.text, params.size());
  auto* def = arena_.make<ast::FnDef>();
  def->name = name.text;
  def->pos = at;
  def->is_private = is_private;
  def->params = list(params);
  def->body = body->body;
  script_.functions.push_back(def);
  (void)settings;
}

// ExprStmt : Expr ( ( '=' | op-assign ) Expr )?
Stmt* Parser::parseExprStmt(Settings settings) {
  Position pos = peek().pos;
  ast::Expr* expr = parseExpr(settings);
  TokenKind op = peek().kind;
  if (op != TokenKind::kEquals && !isOpAssignment(op)) {
    Stmt* stmt = newStmt(StmtKind::kExpr, pos);
    stmt->expr = expr;
    return stmt;
  }
  Position op_pos = take().pos;
  ast::Expr* rhs = parseExpr(settings);
  return makeAssignment(op, expr, rhs, op_pos);
}

namespace {

bool isConstantExpr(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kUnit:
    case ast::ExprKind::kBool:
    case ast::ExprKind::kInteger:
    case ast::ExprKind::kFloat:
    case ast::ExprKind::kChar:
    case ast::ExprKind::kString: return true;
    case ast::ExprKind::kArray:
    case ast::ExprKind::kMap:
      for (const ast::Expr* item : e.items) {
        if (!isConstantExpr(*item)) return false;
      }
      return true;
    default: return false;
  }
}

}  // namespace

// make_assignment_stmt
Stmt* Parser::makeAssignment(TokenKind op, ast::Expr* lhs, ast::Expr* rhs, Position op_pos) {
  using ast::ExprKind;
  auto build = [&] {
    Stmt* stmt = newStmt(StmtKind::kAssign, op_pos);
    stmt->op = op;
    stmt->lhs = lhs;
    stmt->rhs = rhs;
    return stmt;
  };
  switch (lhs->kind) {
    case ExprKind::kThis: return build();
    case ExprKind::kVariable: {
      if (lhs->namespace_path.empty()) {
        const Var* var = findVar(lhs->text);
        if (var != nullptr && var->is_const) {
          fail(lhs->pos, "Cannot assign to constant " + std::string(lhs->text));
        }
      }
      return build();
    }
    case ExprKind::kIndex:
    case ExprKind::kDot: {
      // The chain must be rooted at a variable or `this`, and only end in properties/indexes.
      const ast::Expr* last = lhs->kind == ExprKind::kDot ? lhs->rhs : nullptr;
      if (last != nullptr && last->kind != ExprKind::kProperty) {
        fail(last->pos, "Expression cannot be assigned to");
      }
      const ast::Expr* root = lhs;
      while (root->kind == ExprKind::kIndex || root->kind == ExprKind::kDot) {
        if (root->kind == ExprKind::kDot && root->rhs->kind != ExprKind::kProperty) {
          fail(root->rhs->pos, "Expression cannot be assigned to");
        }
        root = root->lhs;
      }
      if (root->kind != ExprKind::kVariable && root->kind != ExprKind::kThis) {
        fail(root->pos, "Expression cannot be assigned to");
      }
      return build();
    }
    default: break;
  }
  if (isConstantExpr(*lhs)) fail(lhs->pos, "Cannot assign to a constant value");
  if (lhs->kind == ExprKind::kBinary && op == TokenKind::kEquals &&
      (lhs->op == TokenKind::kAnd || lhs->op == TokenKind::kOr ||
       lhs->op == TokenKind::kDoubleQuestion)) {
    fail(op_pos, "Possibly a typo of '=='?");
  }
  fail(lhs->pos, "Expression cannot be assigned to");
}

}  // namespace detail
}  // namespace plexus::rhai

namespace plexus::rhai::detail {

// Switch : 'switch' Expr '{' ( Case ( '|' Case )* ( 'if' Expr )? '=>' Stmt ','? )* '}'
//   with `_ => Stmt` as the last arm (parse_switch).
Stmt* Parser::parseSwitch(Settings settings) {
  Stmt* stmt = newStmt(StmtKind::kSwitch, take().pos);
  stmt->expr = parseExpr(settings);
  Token open = take();
  if (open.kind != TokenKind::kLeftBrace) {
    checkLexError(open);
    failMissing(TokenKind::kLeftBrace, "to start a switch block", open.pos);
  }
  constexpr std::string_view kMissingBrace = "to end this switch block";
  std::vector<ast::SwitchCase> cases;
  bool has_default = false;
  bool seen_range = false;
  Position default_pos;
  for (;;) {
    const Token& t = peek();
    if (t.kind == TokenKind::kRightBrace) {
      take();
      break;
    }
    if (t.kind == TokenKind::kEof) failMissing(TokenKind::kRightBrace, kMissingBrace, t.pos);
    ast::SwitchCase arm;
    if (t.kind == TokenKind::kUnderscore && !has_default) {
      default_pos = take().pos;
      has_default = true;
      if (peek().kind == TokenKind::kIf)
        fail(peek().pos, "This switch case cannot have a condition");
    } else if (has_default) {
      fail(default_pos, "Default switch case must be the last");
    } else {
      std::vector<ast::Expr*> values;
      for (;;) {
        no_pipe_ = true;
        ast::Expr* value = nullptr;
        try {
          value = parseExpr(settings);
        } catch (SyntaxFailure& failure) {
          no_pipe_ = false;
          fail(failure.error.position, "Expecting literal expression");
        }
        no_pipe_ = false;
        values.push_back(value);
        if (!match(TokenKind::kPipe)) break;
      }
      arm.values = list(values);
      if (match(TokenKind::kIf)) {
        arm.condition = parseExpr(settings);
        ensureBoolExpr(*arm.condition);
      }
    }
    Token arrow = take();
    if (arrow.kind != TokenKind::kDoubleArrow) {
      checkLexError(arrow);
      failMissing(TokenKind::kDoubleArrow, "in this switch case", arrow.pos);
    }
    arm.body = parseStmt(settings);
    bool need_comma = !isSelfTerminated(*arm.body);
    // Rhai's parse_switch: after a (non-empty) range case, a numeric case could never be
    // reached by the integers the range takes, so it is refused.
    for (const ast::Expr* value : arm.values) {
      bool range =
          value->kind == ast::ExprKind::kBinary &&
          (value->op == TokenKind::kExclusiveRange || value->op == TokenKind::kInclusiveRange) &&
          value->lhs->kind == ast::ExprKind::kInteger &&
          value->rhs->kind == ast::ExprKind::kInteger;
      if (range) {
        int64_t from = value->lhs->int_value;
        int64_t to = value->rhs->int_value;
        bool empty = value->op == TokenKind::kExclusiveRange ? from >= to : from > to;
        if (!empty) seen_range = true;
      } else if (seen_range &&
                 (value->kind == ast::ExprKind::kInteger || value->kind == ast::ExprKind::kFloat)) {
        fail(value->pos, "Numeric switch case cannot follow a range case");
      }
    }
    cases.push_back(arm);
    const Token& sep = peek();
    if (sep.kind == TokenKind::kComma) {
      take();
    } else if (sep.kind == TokenKind::kEof) {
      // Rhai names ')' here.
      failMissing(TokenKind::kRightParen, kMissingBrace, sep.pos);
    } else if (sep.kind != TokenKind::kRightBrace && need_comma) {
      checkLexError(sep);
      failMissing(TokenKind::kComma, "to separate the items in this switch block", sep.pos);
    }
  }
  stmt->cases = list(cases);
  return stmt;
}

}  // namespace plexus::rhai::detail
