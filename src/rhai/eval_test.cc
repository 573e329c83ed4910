#include "src/rhai/eval.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::rhai {
namespace {

std::string run(std::string_view source) {
  Engine engine;
  EvalResult r = engine.eval(source);
  return r.ok() ? r.value().debug() : "ERR: " + r.error().describe();
}

TEST(RhaiEval, Literals) {
  EXPECT_EQ(run("42"), "42");
  EXPECT_EQ(run("1.0"), "1.0");
  EXPECT_EQ(run("\"a\\\"b\""), "\"a\\\"b\"");
  EXPECT_EQ(run("'x'"), "'x'");
  EXPECT_EQ(run("[1, \"a\", ()]"), "[1, \"a\", ()]");
  EXPECT_EQ(run("#{b: 1, a: 2}"), "#{\"a\": 2, \"b\": 1}");
}

TEST(RhaiEval, Arithmetic) {
  EXPECT_EQ(run("1 + 2 * 3"), "7");
  EXPECT_EQ(run("1 + 2.5"), "3.5");
  EXPECT_EQ(run("-7 / 2"), "-3");
  EXPECT_EQ(run("-7 % 3"), "-1");
  EXPECT_EQ(run("\"a\" + 1"), "\"a1\"");
  EXPECT_EQ(run("0.1 + 0.2 == 0.3"), "true");
  EXPECT_EQ(run("1 == \"1\""), "false");
  EXPECT_EQ(run("9223372036854775807 + 1"),
            "ERR: Addition overflow: 9223372036854775807 + 1 (line 1, position 21)");
  EXPECT_EQ(run("1 / 0"), "ERR: Division by zero: 1 / 0 (line 1, position 3)");
}

TEST(RhaiEval, VariablesAndScopes) {
  EXPECT_EQ(run("let x = 1; { let x = 2; } x"), "1");
  EXPECT_EQ(run("let x = 1; let x = x + 1; x"), "2");
  EXPECT_EQ(run("let a = [1]; let b = a; b.push(2); a"), "[1]");
  EXPECT_EQ(run("y"), "ERR: Variable not found: y (line 1, position 1)");
}

TEST(RhaiEval, ControlFlow) {
  EXPECT_EQ(run("if 1 > 2 { 1 } else { 2 }"), "2");
  EXPECT_EQ(run("let s = 0; for i in 0..5 { s += i; } s"), "10");
  EXPECT_EQ(run("loop { break 42; }"), "42");
  EXPECT_EQ(run("switch 3 { 1 => \"a\", 2..=5 => \"b\", _ => \"c\" }"), "\"b\"");
}

TEST(RhaiEval, Functions) {
  EXPECT_EQ(run("fn f(x) { x * 2 } f(21)"), "42");
  EXPECT_EQ(run("let r = f(1); fn f(x) { x } r"), "1");
  EXPECT_EQ(run("let outer = 1; fn f() { outer } f()"),
            "ERR: Variable not found: outer (line 1, position 25)\nin call to function 'f' (line "
            "1, position 33)");
  EXPECT_EQ(run("fn inc() { this += 1 } let x = 1; x.inc(); x"), "2");
}

TEST(RhaiEval, Closures) {
  EXPECT_EQ(run("let x = 1; let f = |y| x + y; x = 10; f.call(5)"), "15");
  EXPECT_EQ(run("[1, 2, 3].map(|v| v * 2)"), "[2, 4, 6]");
  EXPECT_EQ(run("let f = Fn(\"g\"); fn g(a, b) { a - b } f.curry(10).call(3)"), "7");
}

TEST(RhaiEval, TryCatch) {
  EXPECT_EQ(run("try { throw 42; } catch (e) { e }"), "42");
  EXPECT_EQ(run("try { let a = [1]; a[5] } catch (e) { e.error }"), "\"ErrorArrayBounds\"");
  EXPECT_EQ(run("throw \"x\""), "ERR: Runtime error: x (line 1, position 1)");
}

// Reading and assigning out of range give the same ErrorStringBounds (Rhai's Display of it), and a
// catch sees its index and length.
TEST(RhaiEval, StringIndexOutOfBounds) {
  const std::string message = "ERR: String index 5 out of bounds: only 2 characters in string (";
  EXPECT_TRUE(run("let s = \"ab\"; s[5]").starts_with(message)) << run("let s = \"ab\"; s[5]");
  EXPECT_TRUE(run("let s = \"ab\"; s[5] = 'x';").starts_with(message))
      << run("let s = \"ab\"; s[5] = 'x';");
  EXPECT_EQ(run("let s = \"ab\"; try { s[-3] = 'x'; } catch (e) { [e.index, e.length] }"),
            "[-3, 2]");
}

TEST(RhaiEval, Print) {
  std::vector<std::string> lines;
  Engine engine;
  engine.setPrint([&](std::string_view s) { lines.emplace_back(s); });
  EXPECT_TRUE(engine.eval("print(50.0); print(()); print(\"s\"); print([\"s\"])").ok());
  EXPECT_EQ(lines, (std::vector<std::string>{"50.0", "", "s", "[\"s\"]"}));
}

TEST(RhaiEval, Limits) {
  Engine engine(EngineOptions{.max_operations = 100});
  EvalResult r = engine.eval("loop {}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Too many operations");
  EXPECT_EQ(run("fn f(x) { f(x) } f(1)").substr(0, 19), "ERR: Stack overflow");
}

// Found by fuzz_rhai: unbounded allocations within a small operation budget.
TEST(RhaiEval, DataSizeLimits) {
  Engine engine(EngineOptions{.max_operations = 10'000,
                              .max_string_size = 100,
                              .max_array_size = 100,
                              .max_map_size = 100});
  auto err = [&](std::string_view source) {
    EvalResult r = engine.eval(source);
    return r.ok() ? "ok: " + r.value().debug() : r.error().type + ": " + r.error().message;
  };
  const std::string kString = "ErrorDataTooLarge: Length of string too large";
  const std::string kArray = "ErrorDataTooLarge: Size of array/BLOB too large";
  EXPECT_EQ(err("let s = \"ab\"; loop { s += s; }"), kString);
  EXPECT_EQ(err("let s = \"ab\"; loop { s = s + s; }"), kString);
  EXPECT_EQ(err("let s = \"ab\"; loop { s = `${s}${s}`; }"), kString);
  EXPECT_EQ(err("let s = \"x\"; s.pad(1000000000000, \"y\"); s"), kString);
  EXPECT_EQ(err("let a = [1]; loop { a += a; }"), kArray);
  EXPECT_EQ(err("let a = [1]; loop { a = [a, a]; }"), kArray);
  EXPECT_EQ(err("let a = []; a.pad(1000000000000, 0); a"), kArray);
  EXPECT_EQ(err("range(0, 9223372036854775807, 1)"), kArray);
  EXPECT_EQ(err("range(0.0, 1e300, 1.0)"), kArray);
  EXPECT_EQ(err("let m = #{}; for i in 0..1000 { m[`k${i}`] = i; }"),
            "ErrorDataTooLarge: Size of object map too large");
  EXPECT_EQ(err("try { let s = \"ab\"; loop { s += s; } } catch { 1 }"), kString);
  EXPECT_EQ(err("let s = \"x\"; s.pad(50, \"y\"); s.len"), "ok: 50");
}

// Found by fuzz_rhai: a closure stored in a variable it captures is a reference cycle.
TEST(RhaiEval, ClosureSelfCaptureDoesNotLeak) {
  EXPECT_EQ(run("let x = 1; let f = || x; x = || x; x.call(); 1"), "1");
  EXPECT_EQ(run("let x = 1; x = || x; x"), "Fn(anon$0)");
}

// break / continue / return travel as a flag, and as an exception only out of an expression.
TEST(RhaiEval, ControlFlowInStatementsAndExpressions) {
  EXPECT_EQ(run("let s = 0; for i in 0..10 { if i % 2 == 0 { continue; } s += i; } s"), "25");
  EXPECT_EQ(run("let i = 0; do { i += 1; if i < 5 { continue; } } while i < 3; i"), "3");
  EXPECT_EQ(run("let x = loop { break 7; }; x"), "7");
  EXPECT_EQ(run("let r = []; for i in 0..5 { let v = if i == 3 { break; } else { i }; r.push(v); }"
                " r"),
            "[0, 1, 2]");
  EXPECT_EQ(run("let n = 0; while true { n += 1 + { if n > 3 { break n * 10; } 0 }; } "), "40");
  EXPECT_EQ(run("fn f() { for i in 0..10 { while true { if i == 2 { return i * 100; } break; } } "
                "-1 } f()"),
            "200");
  EXPECT_EQ(
      run("fn f(x) { let s = `a${ if x { return 5; } else { 1 } }b`; s } [f(true), f(false)]"),
      "[5, \"a1b\"]");
  EXPECT_EQ(run("fn f() { return; } f()"), "()");
  EXPECT_EQ(run("return 3; 4"), "3");
  EXPECT_EQ(run("let a = [1, 2, 3]; a.map(|x| { if x == 2 { return 20; } x })"), "[1, 20, 3]");
  EXPECT_EQ(run("let k = 0; for i in 0..3 { try { if i == 1 { continue; } k += i; } catch { } } k"),
            "2");
}

// Functions see only their own frame; global::X reaches the top-level constants.
TEST(RhaiEval, FramesAndGlobals) {
  EXPECT_EQ(run("let x = 1; fn f() { x } f()").substr(0, 28), "ERR: Variable not found: x (");
  EXPECT_EQ(run("const K = 5; fn f() { fn_g() } fn fn_g() { global::K * 2 } f()"), "10");
  EXPECT_EQ(run("fn f(n) { if n == 0 { is_def_var(\"n\") } else { f(n - 1) } } let q = 1; f(3)"),
            "true");
  EXPECT_EQ(run("fn f() { is_def_var(\"q\") } let q = 1; f()"), "false");
  EXPECT_EQ(run("let y = 2; fn g() { y * 3 } g!()"), "6");
}

// Indexed stores and reads that take the in-place paths keep value semantics and errors.
TEST(RhaiEval, IndexedFastPaths) {
  EXPECT_EQ(run("let row = [0, 0]; let m = []; m.pad(2, row); m[0][1] = 5; m[1][0] += 2; [m, row]"),
            "[[[0, 5], [2, 0]], [0, 0]]");
  EXPECT_EQ(run("let a = [1, 2]; let b = a; a[0] = 9; a[-1] -= 0.5; [a, b]"), "[[9, 1.5], [1, 2]]");
  EXPECT_EQ(run("const a = [1]; a[0] = 2;").substr(0, 32), "ERR: Cannot modify constant a (l");
  EXPECT_EQ(run("let a = [1]; a[3] = 2;"),
            "ERR: Array index 3 out of bounds: only 1 element in array (line 1, position 15)");
  EXPECT_EQ(run("let a = [9223372036854775807]; a[0] += 1;"),
            "ERR: Addition overflow: 9223372036854775807 + 1 (line 1, position 37)");
  EXPECT_EQ(run("let a = [[1, 2], [3]]; let i = 1; a[i][0] + a[0][-1] + a[0][i]"), "7");
  EXPECT_EQ(run("let a = [1, 2, 3]; let s = 0; for x in a { a.push(x); s += x; } [s, a.len()]"),
            "[6, 6]");
  EXPECT_EQ(run("let s = \"abc\"; s[1] = 'x'; s"), "\"axc\"");
  EXPECT_EQ(run("let x = 5; x -= 7; x += x; x"), "-4");
}

}  // namespace
}  // namespace plexus::rhai
