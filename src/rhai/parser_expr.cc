// Expressions: Rhai 1.23.6 src/parser.rs parse_expr, parse_binary_op, parse_unary,
// parse_primary, parse_postfix and the literal parsers.
#include <cstdint>
#include <string>

#include "src/rhai/parser_internal.h"

namespace plexus::rhai::detail {

using ast::Expr;
using ast::ExprKind;

namespace {

std::string reservedMessage(std::string_view s) {
  return "'" + std::string(s) + "' is a reserved " + (isValidIdentifier(s) ? "keyword" : "symbol");
}

// Token's Display, for "Unexpected '...'".
std::string tokenDisplay(const Token& t) {
  switch (t.kind) {
    case TokenKind::kIdentifier:
    case TokenKind::kReserved:
    case TokenKind::kLexError: return std::string(t.text);
    case TokenKind::kString: return "\"" + std::string(t.text) + "\"";
    case TokenKind::kInteger: return std::to_string(t.int_value);
    default: return std::string(tokenSyntax(t.kind));
  }
}

}  // namespace

Expr* Parser::stmtExpr(ast::Stmt* stmt) {
  Expr* e = newExpr(ExprKind::kStmt, stmt->pos);
  e->stmt = stmt;
  return e;
}

// Expr::ensure_bool_expr: literals that can never be booleans.
void Parser::ensureBoolExpr(const Expr& expr) {
  const char* type_name = nullptr;
  switch (expr.kind) {
    case ExprKind::kUnit: type_name = "()"; break;
    case ExprKind::kInteger: type_name = "a number"; break;
    case ExprKind::kFloat: type_name = "a floating-point number"; break;
    case ExprKind::kChar: type_name = "a character"; break;
    case ExprKind::kString:
    case ExprKind::kInterpolated: type_name = "a string"; break;
    case ExprKind::kArray: type_name = "an array"; break;
    case ExprKind::kMap: type_name = "an object map"; break;
    default: return;
  }
  fail(expr.pos, std::string("Expecting a boolean expression, not ") + type_name);
}

void Parser::ensureNotStatementExpr(std::string_view type_name) {
  if (peek().kind == TokenKind::kLeftBrace) {
    fail(peek().pos, "Expecting " + std::string(type_name) + " expression");
  }
}

void Parser::ensureNotAssignment() {
  if (peek().kind == TokenKind::kEquals) fail(peek().pos, "Possibly a typo of '=='?");
}

// Expr : Unary ( BinaryOp Unary )*
Expr* Parser::parseExpr(Settings settings) {
  Expr* lhs = parseUnary(settings);
  return parseBinary(settings, 1, lhs);
}

// parse_binary_op: precedence climbing; `**` binds to the right.
Expr* Parser::parseBinary(Settings settings, int parent_precedence, Expr* lhs) {
  auto precedenceOf = [&](const Token& t) {
    if (no_pipe_ && t.kind == TokenKind::kPipe) return 0;
    if (t.kind == TokenKind::kReserved && !isValidIdentifier(t.text)) {
      fail(t.pos, "Unknown operator: '" + std::string(t.text) + "'");
    }
    return tokenPrecedence(t.kind);
  };
  Expr* root = lhs;
  for (;;) {
    int precedence = precedenceOf(peek());
    bool bind_right = peek().kind == TokenKind::kPowerOf;
    if (precedence == 0 || precedence < parent_precedence ||
        (precedence == parent_precedence && !bind_right)) {
      return root;
    }
    Token op = take();
    Expr* rhs = nullptr;
    TokenKind next = peek().kind;
    if (op.kind == TokenKind::kDoubleQuestion &&
        (next == TokenKind::kBreak || next == TokenKind::kContinue || next == TokenKind::kReturn ||
         next == TokenKind::kThrow)) {
      rhs = stmtExpr(parseStmt(settings));
    } else if ((op.kind == TokenKind::kExclusiveRange || op.kind == TokenKind::kInclusiveRange) &&
               (next == TokenKind::kRightBracket || next == TokenKind::kRightParen ||
                next == TokenKind::kRightBrace || next == TokenKind::kComma ||
                next == TokenKind::kSemiColon || next == TokenKind::kDoubleArrow)) {
      rhs = newExpr(ExprKind::kUnit, peek().pos);  // open range `a..`
    } else {
      rhs = parseUnary(settings);
    }
    int next_precedence = precedenceOf(peek());
    if ((precedence == next_precedence && bind_right) || precedence < next_precedence) {
      rhs = parseBinary(settings, precedence, rhs);
    }
    Expr* bin = newExpr(ExprKind::kBinary, op.pos);
    bin->op = op.kind == TokenKind::kPipe ? TokenKind::kPipe : op.kind;
    bin->lhs = root;
    bin->rhs = rhs;
    root = bin;
  }
}

// Unary : ( '-' | '+' | '!' ) Unary | Primary. A minus before a number literal folds into it.
Expr* Parser::parseUnary(Settings settings) {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kMinus:
    case TokenKind::kUnaryMinus: {
      Position pos = take().pos;
      Expr* operand = parseUnary(settings);
      if (operand->kind == ExprKind::kInteger) {
        if (operand->int_value == INT64_MIN) {
          operand->kind = ExprKind::kFloat;
          operand->float_value = -static_cast<double>(operand->int_value);
        } else {
          operand->int_value = -operand->int_value;
        }
        operand->pos = pos;
        return operand;
      }
      if (operand->kind == ExprKind::kFloat) {
        operand->float_value = -operand->float_value;
        operand->pos = pos;
        return operand;
      }
      Expr* e = newExpr(ExprKind::kUnary, pos);
      e->op = TokenKind::kUnaryMinus;
      e->lhs = operand;
      return e;
    }
    case TokenKind::kPlus:
    case TokenKind::kUnaryPlus: {
      Position pos = take().pos;
      Expr* operand = parseUnary(settings);
      if (operand->kind == ExprKind::kInteger || operand->kind == ExprKind::kFloat) {
        return operand;
      }
      Expr* e = newExpr(ExprKind::kUnary, pos);
      e->op = TokenKind::kUnaryPlus;
      e->lhs = operand;
      return e;
    }
    case TokenKind::kBang: {
      Position pos = take().pos;
      Expr* e = newExpr(ExprKind::kUnary, pos);
      e->op = TokenKind::kBang;
      e->lhs = parseUnary(settings);
      return e;
    }
    case TokenKind::kEof: fail(t.pos, "Script is incomplete");
    default: return parsePrimary(settings, false);
  }
}

// parse_primary
Expr* Parser::parsePrimary(Settings settings, bool property) {
  const Token& t = peek();
  Position pos = t.pos;
  Expr* root = nullptr;
  switch (t.kind) {
    case TokenKind::kEof: fail(pos, "Script is incomplete");
    case TokenKind::kUnit:
      take();
      root = newExpr(ExprKind::kUnit, pos);
      break;
    case TokenKind::kInteger:
      root = newExpr(ExprKind::kInteger, pos);
      root->int_value = take().int_value;
      break;
    case TokenKind::kFloat:
      root = newExpr(ExprKind::kFloat, pos);
      root->float_value = take().float_value;
      break;
    case TokenKind::kChar:
      root = newExpr(ExprKind::kChar, pos);
      root->char_value = take().char_value;
      break;
    case TokenKind::kString:
      root = newExpr(ExprKind::kString, pos);
      root->text = take().text;
      break;
    case TokenKind::kTrue:
    case TokenKind::kFalse:
      root = newExpr(ExprKind::kBool, pos);
      root->bool_value = take().kind == TokenKind::kTrue;
      break;
    case TokenKind::kExclusiveRange:
    case TokenKind::kInclusiveRange: return newExpr(ExprKind::kInteger, pos);  // `..b` starts at 0
    case TokenKind::kLeftBrace: root = stmtExpr(parseBlock(settings)); break;
    case TokenKind::kLeftParen: {
      take();
      root = parseExpr(settings);
      Token close = take();
      if (close.kind != TokenKind::kRightParen) {
        checkLexError(close);
        failMissing(TokenKind::kRightParen, "for a matching ( in this expression", close.pos);
      }
      break;
    }
    case TokenKind::kIf: root = stmtExpr(parseIf(settings)); break;
    case TokenKind::kWhile:
    case TokenKind::kLoop: root = stmtExpr(parseWhile(settings)); break;
    case TokenKind::kDo: root = stmtExpr(parseDo(settings)); break;
    case TokenKind::kFor: root = stmtExpr(parseFor(settings)); break;
    case TokenKind::kSwitch: root = stmtExpr(parseSwitch(settings)); break;
    case TokenKind::kPipe:
    case TokenKind::kOr: root = parseClosure(settings); break;
    case TokenKind::kInterpolatedString: root = parseInterpolated(settings); break;
    case TokenKind::kLeftBracket: root = parseArray(settings); break;
    case TokenKind::kMapStart: root = parseMap(settings); break;
    case TokenKind::kIdentifier:
      root = newExpr(ExprKind::kVariable, pos);
      root->text = take().text;
      break;
    case TokenKind::kReserved: {
      Token word = take();
      TokenKind next = peek().kind;
      bool call =
          next == TokenKind::kLeftParen || next == TokenKind::kBang || next == TokenKind::kUnit;
      if ((call && isReservedCallable(word.text)) || (property && isReservedMethod(word.text))) {
        root = newExpr(ExprKind::kVariable, pos);
        root->text = word.text;
      } else if (word.text == "this") {
        if (!settings.in_fn) fail(pos, "'this' can only be used in functions");
        root = newExpr(ExprKind::kThis, pos);
      } else {
        fail(pos, reservedMessage(word.text));
      }
      break;
    }
    case TokenKind::kLexError: fail(pos, std::string(t.text));
    default: fail(pos, "Unexpected '" + tokenDisplay(t) + "'");
  }
  return parsePostfix(settings, root);
}

// parse_postfix: calls, `::` paths, indexing and property access, left to right.
Expr* Parser::parsePostfix(Settings settings, Expr* lhs) {
  for (;;) {
    const Token& t = peek();
    bool is_var = lhs->kind == ExprKind::kVariable;
    switch (t.kind) {
      case TokenKind::kLeftParen:
      case TokenKind::kUnit: {
        if (!is_var) return lhs;
        bool no_args = take().kind == TokenKind::kUnit;
        lhs = parseFnCall(settings, lhs, no_args, false);
        break;
      }
      case TokenKind::kBang: {
        if (!is_var) return lhs;
        Position bang = take().pos;
        if (!lhs->namespace_path.empty()) {
          TokenKind next = peek().kind;
          if (next == TokenKind::kLeftParen || next == TokenKind::kUnit) {
            fail(bang, "Unexpected '!'");
          }
          fail(bang, "'!' cannot be used to call module functions");
        }
        TokenKind next = peek().kind;
        if (next != TokenKind::kLeftParen && next != TokenKind::kUnit) {
          failMissing(TokenKind::kLeftParen, "to start arguments list of function call",
                      peek().pos);
        }
        bool no_args = take().kind == TokenKind::kUnit;
        lhs = parseFnCall(settings, lhs, no_args, true);
        break;
      }
      case TokenKind::kDoubleColon: {
        if (!is_var) return lhs;
        take();
        Position name_pos;
        std::string_view name = parseVarName(&name_pos);
        std::vector<std::string_view> path(lhs->namespace_path.begin(), lhs->namespace_path.end());
        path.push_back(lhs->text);
        Expr* var = newExpr(ExprKind::kVariable, name_pos);
        var->text = name;
        var->namespace_path = list(path);
        lhs = var;
        break;
      }
      case TokenKind::kLeftBracket:
      case TokenKind::kQuestionBracket: {
        Token open = take();
        lhs = parseIndex(settings, lhs, open.kind == TokenKind::kQuestionBracket, open.pos);
        break;
      }
      case TokenKind::kPeriod:
      case TokenKind::kElvis: {
        Token op = take();
        const Token& name = peek();
        if (name.kind == TokenKind::kReserved && !isReservedMethod(name.text)) {
          fail(name.pos, reservedMessage(name.text));
        }
        if (name.kind != TokenKind::kIdentifier && name.kind != TokenKind::kReserved) {
          fail(name.pos, "Expecting name of a property");
        }
        Token id = take();
        Expr* rhs = nullptr;
        TokenKind next = peek().kind;
        if (next == TokenKind::kLeftParen || next == TokenKind::kUnit) {
          bool no_args = take().kind == TokenKind::kUnit;
          Expr* callee = newExpr(ExprKind::kVariable, id.pos);
          callee->text = id.text;
          rhs = parseFnCall(settings, callee, no_args, false);
          rhs->kind = ExprKind::kMethodCall;
        } else {
          rhs = newExpr(ExprKind::kProperty, id.pos);
          rhs->text = id.text;
        }
        Expr* dot = newExpr(ExprKind::kDot, op.pos);
        dot->elvis = op.kind == TokenKind::kElvis;
        dot->lhs = lhs;
        dot->rhs = rhs;
        lhs = dot;
        break;
      }
      default: return lhs;
    }
  }
}

// FnCall : name ( '()' | '(' ( Expr ( ',' Expr )* ','? )? ')' )
Expr* Parser::parseFnCall(Settings settings, Expr* callee, bool no_args, bool capture) {
  std::string id(callee->text);
  Expr* call = newExpr(ExprKind::kFnCall, callee->pos);
  call->text = callee->text;
  call->namespace_path = callee->namespace_path;
  call->capture = capture;
  if (no_args) return call;
  std::vector<Expr*> args;
  for (;;) {
    if (peek().kind != TokenKind::kRightParen) args.push_back(parseExpr(settings));
    const Token& t = peek();
    if (t.kind == TokenKind::kRightParen) {
      take();
      break;
    }
    if (t.kind == TokenKind::kComma) {
      take();
      continue;
    }
    if (t.kind == TokenKind::kEof) {
      failMissing(TokenKind::kRightParen,
                  "to close the arguments list of this function call '" + id + "'", t.pos);
    }
    checkLexError(t);
    failMissing(TokenKind::kComma, "to separate the arguments to function call '" + id + "'",
                t.pos);
  }
  call->items = list(args);
  return call;
}

// Index : '[' Expr ']', with Rhai's compile-time checks of literal index types.
Expr* Parser::parseIndex(Settings settings, Expr* lhs, bool elvis, Position at) {
  Expr* index = parseExpr(settings);
  auto describe = [](const Expr& e) -> const char* {
    switch (e.kind) {
      case ExprKind::kInteger: return "a number";
      case ExprKind::kFloat: return "a float";
      case ExprKind::kChar: return "a character";
      case ExprKind::kUnit: return "()";
      case ExprKind::kBool: return "a boolean";
      case ExprKind::kString:
      case ExprKind::kInterpolated: return "a string";
      default: break;
    }
    if (e.kind == ExprKind::kBinary && (e.op == TokenKind::kAnd || e.op == TokenKind::kOr)) {
      return "a boolean";
    }
    return nullptr;
  };
  const char* found = describe(*index);
  if (found != nullptr) {
    std::string_view f = found;
    if (lhs->kind == ExprKind::kMap && f != "a string") {
      fail(index->pos, "Object map expects string index, not " + std::string(f));
    }
    if ((lhs->kind == ExprKind::kInteger || lhs->kind == ExprKind::kArray ||
         lhs->kind == ExprKind::kString || lhs->kind == ExprKind::kInterpolated) &&
        f != "a number") {
      if (f == "a string") {
        fail(index->pos, "Array, string or bit-field expects numeric index, not a string");
      }
      fail(index->pos, "Array, string or bit-field expects integer index, not " + std::string(f));
    }
  }
  Token close = take();
  if (close.kind != TokenKind::kRightBracket) {
    checkLexError(close);
    failMissing(TokenKind::kRightBracket, "for a matching [ in this index expression", close.pos);
  }
  Expr* e = newExpr(ExprKind::kIndex, at);
  e->elvis = elvis;
  e->lhs = lhs;
  e->rhs = index;
  return e;
}

// Array : '[' ( Expr ( ',' Expr )* ','? )? ']'
Expr* Parser::parseArray(Settings settings) {
  Expr* array = newExpr(ExprKind::kArray, take().pos);
  std::vector<Expr*> items;
  for (;;) {
    const Token& t = peek();
    if (t.kind == TokenKind::kRightBracket) {
      take();
      break;
    }
    if (t.kind == TokenKind::kEof) {
      failMissing(TokenKind::kRightBracket, "to end this array literal", t.pos);
    }
    items.push_back(parseExpr(settings));
    const Token& sep = peek();
    if (sep.kind == TokenKind::kComma) {
      take();
    } else if (sep.kind == TokenKind::kEof) {
      failMissing(TokenKind::kRightBracket, "to end this array literal", sep.pos);
    } else if (sep.kind != TokenKind::kRightBracket) {
      checkLexError(sep);
      failMissing(TokenKind::kComma, "to separate the items of this array literal", sep.pos);
    }
  }
  array->items = list(items);
  return array;
}

// Map : '#{' ( key ':' Expr ( ',' key ':' Expr )* ','? )? '}'
Expr* Parser::parseMap(Settings settings) {
  Expr* map = newExpr(ExprKind::kMap, take().pos);
  std::vector<std::string_view> keys;
  std::vector<Expr*> values;
  constexpr std::string_view kMissingBrace = "to end this object map literal";
  for (;;) {
    if (peek().kind == TokenKind::kRightBrace) {
      take();
      break;
    }
    Token key = take();
    switch (key.kind) {
      case TokenKind::kIdentifier:
      case TokenKind::kString:
        for (std::string_view k : keys) {
          if (k == key.text) {
            fail(key.pos, "Duplicated property for object map literal: " + std::string(key.text));
          }
        }
        break;
      case TokenKind::kReserved:
        if (isValidIdentifier(key.text)) fail(key.pos, reservedMessage(key.text));
        fail(key.pos, "Expecting name of a property");
      case TokenKind::kLexError: checkLexError(key); break;
      case TokenKind::kEof: failMissing(TokenKind::kRightBrace, kMissingBrace, key.pos);
      default: fail(key.pos, "Expecting name of a property");
    }
    Token colon = take();
    if (colon.kind != TokenKind::kColon) {
      checkLexError(colon);
      failMissing(
          TokenKind::kColon,
          "to follow the property '" + std::string(key.text) + "' in this object map literal",
          colon.pos);
    }
    keys.push_back(key.text);
    values.push_back(parseExpr(settings));
    const Token& sep = peek();
    if (sep.kind == TokenKind::kComma) {
      take();
    } else if (sep.kind == TokenKind::kIdentifier) {
      failMissing(TokenKind::kComma, "to separate the items of this object map literal", sep.pos);
    } else if (sep.kind != TokenKind::kRightBrace) {
      checkLexError(sep);
      failMissing(TokenKind::kRightBrace, kMissingBrace, sep.pos);
    }
  }
  map->keys = list(keys);
  map->items = list(values);
  return map;
}

// Template : '`' text ( '${' Stmt* '}' text )* '`'
Expr* Parser::parseInterpolated(Settings settings) {
  Token head = take();
  Expr* e = newExpr(ExprKind::kInterpolated, head.pos);
  std::vector<Expr*> items;
  auto addText = [&](const Token& t) {
    if (t.text.empty()) return;
    Expr* s = newExpr(ExprKind::kString, t.pos);
    s->text = t.text;
    items.push_back(s);
  };
  addText(head);
  for (;;) {
    // The lexer stopped at `{`; the block's `}` must be the last token read before the text.
    ast::Stmt* block = parseBlock(settings);
    if (!block->body.empty()) items.push_back(stmtExpr(block));
    lexer_.resumeTemplate();
    Token rest = take();
    checkLexError(rest);
    addText(rest);
    if (rest.kind == TokenKind::kString) break;
  }
  if (items.empty()) {
    Expr* s = newExpr(ExprKind::kString, head.pos);
    return s;
  }
  e->items = list(items);
  return e;
}

// Closure : ( '||' | '|' ( name ( ',' name )* )? '|' ) Stmt
Expr* Parser::parseClosure(Settings settings) {
  Token open = take();
  std::vector<std::string_view> params;
  if (open.kind == TokenKind::kPipe && !match(TokenKind::kPipe)) {
    for (;;) {
      Token param = take();
      if (param.kind == TokenKind::kPipe) break;
      if (param.kind == TokenKind::kIdentifier) {
        for (std::string_view p : params) {
          if (p == param.text) {
            fail(param.pos, "Duplicated parameter " + std::string(param.text) + " for function ");
          }
        }
        params.push_back(param.text);
      } else {
        checkLexError(param);
        if (param.kind == TokenKind::kReserved) fail(param.pos, reservedMessage(param.text));
        if (!tokenSyntax(param.kind).empty() && isValidIdentifier(tokenSyntax(param.kind))) {
          fail(param.pos, "Expecting name of a variable");
        }
        failMissing(TokenKind::kPipe,
                    "to close the parameters list of anonymous function or closure", param.pos);
      }
      Token sep = take();
      if (sep.kind == TokenKind::kPipe) break;
      if (sep.kind != TokenKind::kComma) {
        checkLexError(sep);
        failMissing(TokenKind::kComma, "to separate the parameters of anonymous function", sep.pos);
      }
    }
  }
  // Closures see their parameters and, through capture, the enclosing variables.
  size_t mark = vars_.size();
  for (std::string_view p : params) declare(p, false);
  bool saved_no_pipe = no_pipe_;
  no_pipe_ = false;
  Settings body_settings{.global = false, .in_fn = true, .breakable = false};
  ast::Stmt* body = parseStmt(body_settings);
  no_pipe_ = saved_no_pipe;
  vars_.resize(mark);
  auto* def = arena_.make<ast::FnDef>();
  def->name = arena_.copy("anon$" + std::to_string(anon_count_++));
  def->pos = open.pos;
  def->params = list(params);
  if (body->kind == ast::StmtKind::kBlock) {
    def->body = body->body;
  } else {
    def->body = list(std::vector<ast::Stmt*>{body});
  }
  script_.functions.push_back(def);
  Expr* e = newExpr(ExprKind::kClosure, open.pos);
  e->fn_def = def;
  (void)settings;
  return e;
}

}  // namespace plexus::rhai::detail
