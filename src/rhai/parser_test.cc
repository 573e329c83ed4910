#include "src/rhai/parser.h"

#include <string>

#include <gtest/gtest.h>

namespace plexus::rhai {
namespace {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;
using ast::StmtKind;

// Renders an expression as a fully parenthesised string, to pin precedence and shape.
std::string show(const Expr* e);
std::string showList(std::span<Expr* const> items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + show(items[i]);
  return out;
}
std::string show(const Expr* e) {
  if (e == nullptr) return "<null>";
  switch (e->kind) {
    case ExprKind::kUnit: return "()";
    case ExprKind::kBool: return e->bool_value ? "true" : "false";
    case ExprKind::kInteger: return std::to_string(e->int_value);
    case ExprKind::kFloat: return std::to_string(e->float_value);
    case ExprKind::kChar: return "'" + std::string(1, static_cast<char>(e->char_value)) + "'";
    case ExprKind::kString: return "\"" + std::string(e->text) + "\"";
    case ExprKind::kInterpolated: return "`" + showList(e->items) + "`";
    case ExprKind::kArray: return "[" + showList(e->items) + "]";
    case ExprKind::kMap: {
      std::string out = "#{";
      for (size_t i = 0; i < e->keys.size(); ++i) {
        out += (i ? ", " : "") + std::string(e->keys[i]) + ": " + show(e->items[i]);
      }
      return out + "}";
    }
    case ExprKind::kVariable:
    case ExprKind::kFnCall: {
      std::string out;
      for (std::string_view ns : e->namespace_path) out += std::string(ns) + "::";
      out += e->text;
      if (e->kind == ExprKind::kFnCall) out += (e->capture ? "!(" : "(") + showList(e->items) + ")";
      return out;
    }
    case ExprKind::kThis: return "this";
    case ExprKind::kProperty: return std::string(e->text);
    case ExprKind::kMethodCall: return std::string(e->text) + "(" + showList(e->items) + ")";
    case ExprKind::kDot: return show(e->lhs) + (e->elvis ? "?." : ".") + show(e->rhs);
    case ExprKind::kIndex: return show(e->lhs) + (e->elvis ? "?[" : "[") + show(e->rhs) + "]";
    case ExprKind::kUnary: return "(" + std::string(tokenSyntax(e->op)) + show(e->lhs) + ")";
    case ExprKind::kBinary:
      return "(" + show(e->lhs) + " " + std::string(tokenSyntax(e->op)) + " " + show(e->rhs) + ")";
    case ExprKind::kClosure: return "<closure/" + std::to_string(e->fn_def->params.size()) + ">";
    case ExprKind::kStmt: return "<stmt>";
  }
  return "?";
}

std::unique_ptr<ast::Script> parseOk(std::string_view source) {
  ParseResult result = parse(source);
  EXPECT_TRUE(result.ok()) << source << "\n" << (result.ok() ? "" : result.error().describe());
  return result.ok() ? result.takeScript() : nullptr;
}

// The single expression of `source`, rendered.
std::string expr(std::string_view source) {
  auto script = parseOk(source);
  if (!script || script->statements.size() != 1) return "<not one statement>";
  const Stmt* s = script->statements[0];
  if (s->kind != StmtKind::kExpr) return "<not an expression>";
  return show(s->expr);
}

std::string error(std::string_view source) {
  ParseResult result = parse(source);
  return result.ok() ? "<parsed>" : result.error().describe();
}

TEST(RhaiParserTest, PrecedenceFollowsRhaiTable) {
  EXPECT_EQ(expr("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(expr("2 ** 3 ** 2"), "(2 ** (3 ** 2))");
  EXPECT_EQ(expr("a || b && c"), "(a || (b && c))");
  EXPECT_EQ(expr("a == b in c"), "(a == (b in c))");
  EXPECT_EQ(expr("a in b < c"), "(a in (b < c))");
  EXPECT_EQ(expr("a < b ?? c"), "(a < (b ?? c))");
  EXPECT_EQ(expr("a ?? b .. c"), "(a ?? (b .. c))");
  EXPECT_EQ(expr("a .. b + c"), "(a .. (b + c))");
  EXPECT_EQ(expr("a * b ** c"), "(a * (b ** c))");
  EXPECT_EQ(expr("a ** b << c"), "(a ** (b << c))");
  EXPECT_EQ(expr("a | b ^ c & d"), "((a | b) ^ (c & d))");
  EXPECT_EQ(expr("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(expr("x !in y"), "(x !in y)");
  EXPECT_EQ(expr("a..=b"), "(a ..= b)");
  EXPECT_EQ(expr("s[7..]"), "s[(7 .. ())]");
  EXPECT_EQ(expr("..5"), "(0 .. 5)");
}

TEST(RhaiParserTest, UnaryMinusBindsAfterPostfixButLiteralsFold) {
  EXPECT_EQ(expr("-x.floor()"), "(-x.floor())");
  EXPECT_EQ(expr("-3.7.floor()"), std::to_string(-3.7) + ".floor()");
  EXPECT_EQ(expr("-5.abs()"), "-5.abs()");
  EXPECT_EQ(expr("-z ** 2"), "((-z) ** 2)");
  EXPECT_EQ(expr("!a && b"), "((!a) && b)");
  EXPECT_EQ(expr("- -1"), "1");
  EXPECT_EQ(expr("+x"), "(+x)");
}

TEST(RhaiParserTest, PostfixChainsCallsAndNamespaces) {
  EXPECT_EQ(expr("request.body.operation_name"), "request.body.operation_name");
  EXPECT_EQ(expr("a?.b?[1]"), "a?.b?[1]");
  EXPECT_EQ(expr("m[\"k\"][0].f(1, 2).g()"), "m[\"k\"][0].f(1, 2).g()");
  EXPECT_EQ(expr("f!(x)"), "f!(x)");
  EXPECT_EQ(expr("m::n::f(1)"), "m::n::f(1)");
  EXPECT_EQ(expr("global::X"), "global::X");
  EXPECT_EQ(expr("Fn(\"name\").call(1)"), "Fn(\"name\").call(1)");
  EXPECT_EQ(expr("f.curry(1)"), "f.curry(1)");
  EXPECT_EQ(expr("is_def_var(\"x\")"), "is_def_var(\"x\")");
  EXPECT_EQ(expr("type_of(x)"), "type_of(x)");
  EXPECT_EQ(expr("f(1, 2,)"), "f(1, 2)");
  EXPECT_EQ(expr("service.map_request(cb)"), "service.map_request(cb)");
}

TEST(RhaiParserTest, Literals) {
  EXPECT_EQ(expr("[1, \"a\", 'c', true, (),]"), "[1, \"a\", 'c', true, ()]");
  EXPECT_EQ(expr("#{ a: 1, \"b c\": #{}, }"), "#{a: 1, b c: #{}}");
  EXPECT_EQ(expr("`x ${y + 1} z`"), "`\"x \", <stmt>, \" z\"`");
  EXPECT_EQ(expr("`${`in ${a}`}`"), "`<stmt>`");
  EXPECT_EQ(expr("`plain`"), "\"plain\"");
  EXPECT_EQ(expr("|x, y| x + y"), "<closure/2>");
  EXPECT_EQ(expr("|| 1"), "<closure/0>");
  EXPECT_EQ(expr("|x| { x }"), "<closure/1>");
}

TEST(RhaiParserTest, StatementsAndStatementExpressions) {
  auto script = parseOk(R"rhai(
    let x = if c { 1 } else if d { 2 } else { 3 };
    const K = 5;
    let y;
    x += 1; m.a.b *= 2; m["k"] = 3;
    while x < 10 { x += 1; if x == 5 { continue; } }
    loop { break 42; }
    do { x -= 1 } until x == 0;
    do { x -= 1 } while x > 0;
    for (v, i) in [1, 2] { print(v); }
    for k in m.keys() { }
    try { throw #{ a: 1 }; } catch (err) { throw err; }
    try { throw; } catch { }
    let v = switch x { 1 | 2 => "a", 3..10 if x % 2 == 0 => { "b" } _ => "c" };
    let b = { 1; 2 };
    { let inner = 1; }
    return;
  )rhai");
  ASSERT_TRUE(script);
  std::vector<StmtKind> kinds;
  for (const Stmt* s : script->statements) kinds.push_back(s->kind);
  EXPECT_EQ(kinds, (std::vector<StmtKind>{StmtKind::kLet, StmtKind::kLet, StmtKind::kLet,
                                          StmtKind::kAssign, StmtKind::kAssign, StmtKind::kAssign,
                                          StmtKind::kWhile, StmtKind::kWhile, StmtKind::kDo,
                                          StmtKind::kDo, StmtKind::kFor, StmtKind::kFor,
                                          StmtKind::kTry, StmtKind::kTry, StmtKind::kLet,
                                          StmtKind::kLet, StmtKind::kBlock, StmtKind::kReturn}));
  EXPECT_TRUE(script->statements[1]->is_const);
  EXPECT_EQ(script->statements[2]->expr, nullptr);
  EXPECT_EQ(script->statements[4]->op, TokenKind::kMultiplyAssign);
  EXPECT_TRUE(script->statements[8]->negated);
  EXPECT_EQ(script->statements[10]->alias, "i");
  EXPECT_EQ(script->statements[12]->name, "err");
  const Stmt* sw = script->statements[14]->expr->stmt;
  ASSERT_EQ(sw->kind, StmtKind::kSwitch);
  ASSERT_EQ(sw->cases.size(), 3u);
  EXPECT_EQ(sw->cases[0].values.size(), 2u);
  EXPECT_NE(sw->cases[1].condition, nullptr);
  EXPECT_TRUE(sw->cases[2].values.empty());
}

TEST(RhaiParserTest, FunctionsModulesAndClosures) {
  auto script = parseOk(R"rhai(
    import "util" as u;
    fn add(a, b) { a + b }
    private fn secret() { 1 }
    fn add(a) { this.count += a; }
    export let e = 1;
    export const C = 2;
    export e as ee;
    let f = |x| x * u::factor;
    fn supergraph_service(service) {
      service.map_request(|request| { request.headers["x"] = "y"; });
    }
  )rhai");
  ASSERT_TRUE(script);
  ASSERT_EQ(script->functions.size(), 6u);
  EXPECT_EQ(script->functions[0]->name, "add");
  EXPECT_EQ(script->functions[0]->params.size(), 2u);
  EXPECT_TRUE(script->functions[1]->is_private);
  EXPECT_EQ(script->functions[3]->name.substr(0, 5), "anon$");
  EXPECT_EQ(script->statements[0]->kind, StmtKind::kImport);
  EXPECT_EQ(script->statements[0]->name, "u");
  EXPECT_TRUE(script->statements[1]->exported);
  EXPECT_EQ(script->statements[3]->alias, "ee");
}

TEST(RhaiParserTest, SemicolonRules) {
  EXPECT_EQ(error("let a = 1\nlet b = 2;"),
            "Syntax error: Expecting ';' to terminate this statement (line 2, position 1)");
  EXPECT_EQ(error("fn f() {\n  let x = 1\n  x\n}"),
            "Syntax error: Expecting ';' to terminate this statement (line 3, position 3)");
  EXPECT_EQ(error("if x { 1 } y"), "<parsed>");  // `if` terminates itself
  EXPECT_EQ(error("let x = if a { 1 } else { 2 } y"),
            "Syntax error: Expecting ';' to terminate this statement (line 1, position 31)");
  EXPECT_EQ(error("fn f() {} fn g() {} f()"), "<parsed>");
}

TEST(RhaiParserTest, ErrorMessagesAndPositions) {
  EXPECT_EQ(error("let new = 1;"),
            "Syntax error: 'new' is a reserved keyword (line 1, position 5)");
  EXPECT_EQ(error("h.x-my-new-header = 1;"),
            "Syntax error: 'new' is a reserved keyword (line 1, position 8)");
  EXPECT_EQ(error("if 1 { }"),
            "Syntax error: Expecting a boolean expression, not a number (line 1, position 4)");
  EXPECT_EQ(error("while \"s\" { }"),
            "Syntax error: Expecting a boolean expression, not a string (line 1, position 7)");
  EXPECT_EQ(error("if x = 1 { }"), "Syntax error: Possibly a typo of '=='? (line 1, position 6)");
  EXPECT_EQ(error("const K = 1; K = 2;"),
            "Syntax error: Cannot assign to constant K (line 1, position 14)");
  EXPECT_EQ(error("1 = 2;"),
            "Syntax error: Cannot assign to a constant value (line 1, position 1)");
  EXPECT_EQ(error("f() = 2;"),
            "Syntax error: Expression cannot be assigned to (line 1, position 1)");
  EXPECT_EQ(error("{ fn f() {} }"),
            "Syntax error: Function definitions must be at global level and cannot be inside a "
            "block or another function (line 1, position 3)");
  EXPECT_EQ(error("fn f(a) {}\nfn f(b) {}"),
            "Syntax error: Function f with 1 parameter already exists (line 2, position 1)");
  EXPECT_EQ(error("fn f() {} fn f() {}"),
            "Syntax error: Function f with no parameters already exists (line 1, position 11)");
  EXPECT_EQ(error("fn f(a, a) {}"),
            "Syntax error: Duplicated parameter a for function f (line 1, position 9)");
  EXPECT_EQ(error("break;"),
            "Syntax error: Break statement should only be used inside a loop (line 1, position 1)");
  EXPECT_EQ(error("#{a: 1, a: 2}"),
            "Syntax error: Duplicated property for object map literal: a (line 1, position 9)");
  EXPECT_EQ(error("let r = try { 1 } catch { 2 };"),
            "Syntax error: Unexpected 'try' (line 1, position 9)");
  EXPECT_EQ(error("x ?\?= 1;"), "Syntax error: Unexpected '=' (line 1, position 5)");
  EXPECT_EQ(error("f(1 2)"),
            "Syntax error: Expecting ',' to separate the arguments to function call 'f' (line 1, "
            "position 5)");
  EXPECT_EQ(error("f(1"),
            "Syntax error: Expecting ')' to close the arguments list of this function call 'f' "
            "(line 1, position 4)");
  EXPECT_EQ(error("[1 2]"),
            "Syntax error: Expecting ',' to separate the items of this array literal (line 1, "
            "position 4)");
  EXPECT_EQ(error("(1"),
            "Syntax error: Expecting ')' for a matching ( in this expression (line "
            "1, position 3)");
  EXPECT_EQ(error("a[1"),
            "Syntax error: Expecting ']' for a matching [ in this index "
            "expression (line 1, position 4)");
  EXPECT_EQ(error("{ 1;"),
            "Syntax error: Expecting '}' to terminate this block (line 1, position 5)");
  // Rhai: an argument is expected after a comma, so EOF there is "incomplete".
  EXPECT_EQ(error("f(1,"), "Syntax error: Script is incomplete (line 1, position 5)");
  EXPECT_EQ(error("{ 1"),
            "Syntax error: Expecting ';' to terminate this statement (line 1, position 4)");
  EXPECT_EQ(error("let x = "), "Syntax error: Script is incomplete (line 1, position 9)");
  EXPECT_EQ(error("let x = ;"), "Syntax error: Unexpected ';' (line 1, position 9)");
  EXPECT_EQ(error("this.x"),
            "Syntax error: 'this' can only be used in functions (line 1, "
            "position 1)");
  EXPECT_EQ(error("a.1"), "Syntax error: Expecting name of a property (line 1, position 3)");
  EXPECT_EQ(error("#{a 1}"),
            "Syntax error: Expecting ':' to follow the property 'a' in this "
            "object map literal (line 1, position 5)");
  EXPECT_EQ(error("switch x { _ => 1, 2 => 3 }"),
            "Syntax error: Default switch case must be the last (line 1, position 12)");
  EXPECT_EQ(error("switch x { 1 => 2 3 => 4 }"),
            "Syntax error: Expecting ',' to separate the items in this switch block (line 1, "
            "position 19)");
  EXPECT_EQ(error("for x in 5 { }"),
            "Syntax error: Expecting an iterable value, not a number (line 1, position 10)");
  EXPECT_EQ(error("for x [1] { }"),
            "Syntax error: Expecting 'in' after the iteration variable (line 1, position 7)");
  EXPECT_EQ(error("do { } x"),
            "Syntax error: Expecting 'while' for the do statement (line 1, "
            "position 8)");
  EXPECT_EQ(error("try { }"),
            "Syntax error: Expecting 'catch' for the 'try' statement (line 1, "
            "position 8)");
  EXPECT_EQ(error("{ export x; }"),
            "Syntax error: Export statement can only appear at global level (line 1, position 3)");
  EXPECT_EQ(error("[1][\"a\"]"),
            "Syntax error: Array, string or bit-field expects numeric "
            "index, not a string (line 1, position 5)");
  EXPECT_EQ(error("\"abc"), "Syntax error: Open string is not terminated (line 1, position 1)");
  EXPECT_EQ(error("m::f!(1)"), "Syntax error: Unexpected '!' (line 1, position 5)");
  EXPECT_EQ(error("f!x"),
            "Syntax error: Expecting '(' to start arguments list of function call "
            "(line 1, position 3)");
}

TEST(RhaiParserTest, RouterStyleScriptParses) {
  auto script = parseOk(R"rhai(
// Doc snippet style
fn supergraph_service(service) {
    const request_callback = Fn("process_request");
    service.map_request(request_callback);
}

fn process_request(request) {
    log_info("processing request");
    let start = apollo_start.elapsed;
    if request.headers.contains("x-custom") && request.headers["x-custom"] != () {
        request.context["k"] = `value: ${request.headers["x-custom"]}`;
    }
    let port = request.uri.port != {};
    let v = request.context["k"]?.len > 0;
    let n = 0xff + 1_000 - 0b11 * 1.5e3;
    throw #{ status: 401, message: "unauthorized" };
}
)rhai");
  EXPECT_TRUE(script);
}

}  // namespace
}  // namespace plexus::rhai

namespace plexus::rhai {
namespace {

// Snippets from RHAI_LANGUAGE.md and STYLE.md that real Rhai 1.23.6 accepts.
TEST(RhaiParserTest, ReferenceSnippetsParse) {
  for (std::string_view snippet : {
           "let v = if c { 1 } else { 2 };",
           "let x; let s = \"  hi  \"; let r = s.trim(); print(s); print(type_of(r));",
           "loop { break 42; }",
           "for x in [1, 2] { break x; }",
           "response.body.data.me.name += \" and router\";",
           "let ok = context[\"k\"]?.len > 0;",
           "fn inc(by) { this.count += by } obj.inc(5);",
           "fn double(x) { x * 2 } [1, 2].map(double);",
           "let p = request.uri.port != {};",
           "let t = `${name} {name}`;",
           "let m = #{ k: 1, \"quoted key\": 2 };",
           "import \"file\" as m; m::f(); m::CONST;",
           "throw; ",
           "throw \"x\";",
           "try { f() } catch (err) { throw err; }",
           "switch x { 1 | 2 | 3 => 1, 4..10 => 2, 10..=20 if x % 2 == 0 => 3, _ => { 4 } }",
           "let a = 0 ?? 5; let b = x in y; let c = x !in y;",
           "let f = Fn(\"to_upper\"); f.call(\"a\"); call(f, 1); f.curry(1);",
           "is_def_var(\"x\"); is_def_fn(\"f\", 1);",
           "-9223372036854775808",
           "let x = 1e-3 + 0xff + 0o17 + 0b1010 + 1_000_000 + 1.5e10;",
       }) {
    ParseResult result = parse(snippet);
    EXPECT_TRUE(result.ok()) << snippet << "\n" << (result.ok() ? "" : result.error().describe());
  }
}

}  // namespace
}  // namespace plexus::rhai
