// The embedding API: compile once, call, host objects with Rhai's chain semantics, registered
// functions and constants, the variable resolver, limits and concurrent evaluation.
#include <thread>

#include <gtest/gtest.h>

#include "src/rhai/eval.h"

namespace plexus::rhai {
namespace {

// A value type with a read-write `items` map, a read-only `tags` map, an indexer and methods.
class Bag : public HostObject {
 public:
  std::string_view typeName() const override { return "Bag"; }
  std::shared_ptr<HostObject> clone() const override { return std::make_shared<Bag>(*this); }
  std::optional<Value> get(std::string_view name) override {
    if (name == "items") return Value::map(items);
    if (name == "tags") return Value::map(tags);
    return std::nullopt;
  }
  bool set(std::string_view name, Value& v) override {
    if (name != "items") return false;
    if (!v.is(Value::Type::kMap)) throw HostError{"items is a map"};
    items = v.asMap();
    return true;
  }
  std::optional<Value> index(const Value& key) override {
    if (!key.is(Value::Type::kString)) return std::nullopt;
    auto it = items.find(key.asString());
    if (it == items.end()) throw HostError{};  // a missing key throws, as HeaderMap does
    return it->second;
  }
  bool setIndex(const Value& key, Value v) override {
    if (!key.is(Value::Type::kString)) return false;
    items[key.asString()] = std::move(v);
    return true;
  }
  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            CallContext& context) override {
    if (name == "contains" && args.size() == 1)
      return Value::boolean(items.count(args[0].display()) != 0);
    if (name == "apply" && args.size() == 2) {  // items[k] = f(items[k])
      Value& slot = items[args[0].display()];
      slot = context.callFn(args[1], {slot});
      return Value();
    }
    return std::nullopt;
  }
  std::optional<bool> equals(const Value& other) const override {
    if (!other.is(Value::Type::kString)) return std::nullopt;
    return other.asString() == "bag";
  }
  std::string display() const override { return "Bag(" + std::to_string(items.size()) + ")"; }
  Map items;
  Map tags;
};

// A handle: every copy is the same object.
class Request : public HostObject {
 public:
  std::string_view typeName() const override { return "Request"; }
  std::optional<Value> get(std::string_view name) override {
    if (name == "bag") return Value::host(std::make_shared<Bag>(bag));
    if (name == "frozen") return Value::host(std::make_shared<Bag>(bag));
    return std::nullopt;
  }
  bool set(std::string_view name, Value& v) override {
    if (name != "bag" || !v.is(Value::Type::kHost)) return false;
    bag = static_cast<Bag&>(v.asHost());
    return true;
  }
  Bag bag;
};

std::string run(Engine& engine, Scope& scope, const std::string& source) {
  auto compiled = engine.compile(source);
  if (compiled.index() == 1) return "parse: " + std::get<1>(compiled).describe();
  EvalResult r = engine.run(*std::get<0>(compiled), scope);
  return r.ok() ? r.value().debug() : "error: " + r.error().describe();
}

TEST(RhaiHostTest, ChainsWriteBackThroughSetters) {
  Engine engine;
  auto request = std::make_shared<Request>();
  Scope scope;
  scope.push("req", Value::host(request));
  EXPECT_EQ(run(engine, scope, R"(req.bag["a"] = 1; req.bag.items.b = 2; req.bag["a"] += 10;
                                   req.bag.items)"),
            R"(#{"a": 11, "b": 2})");
  EXPECT_EQ(request->bag.items.size(), 2u);
  // No setter for `frozen`: the write-back is dropped silently.
  EXPECT_EQ(run(engine, scope, R"(req.frozen["z"] = 1; req.bag.contains("z"))"), "false");
  // No getter for `items` on a map key: indexer fallback reads `bag.a`.
  EXPECT_EQ(run(engine, scope, "req.bag.a"), "11");
  // A missing key throws an empty runtime error.
  EXPECT_EQ(run(engine, scope, "\nreq.bag[\"nope\"]"), "error: Runtime error (line 2, position 8)");
  EXPECT_EQ(run(engine, scope, "req.bag.items = 5"),
            "error: Runtime error: items is a map (line 1, position 9)");
  EXPECT_EQ(run(engine, scope, "req.nothing = 5"),
            "error: No writable property 'nothing' - a setter is not registered for type "
            "'Request' (line 1, position 5)");
  // A method with a callback changes the copy, then the setter writes it back.
  EXPECT_EQ(run(engine, scope, R"(req.bag.apply("a", |v| v * 2); req.bag["a"])"), "22");
  EXPECT_EQ(run(engine, scope, R"("a" in req.bag)"), "true");
  EXPECT_EQ(run(engine, scope, R"(let b = req.bag; b["a"] = 0; [b["a"], req.bag["a"]])"),
            "[0, 22]");
  EXPECT_EQ(run(engine, scope, R"([type_of(req.bag), `${req.bag}`, req.bag == "bag"])"),
            R"x(["Bag", "Bag(2)", true])x");
  // A handle: copies share the object.
  EXPECT_EQ(run(engine, scope, R"(let r = req; r.bag["c"] = 3; req.bag["c"])"), "3");
}

TEST(RhaiHostTest, CompileOnceCallManyTimes) {
  Engine engine;
  auto compiled = engine.compile(R"(
    let base = 10;
    fn add(x) { base + x }        // call_fn: the entry point sees the top-level variables
    fn inner() { base }
    fn outer() { inner() }         // a nested call does not
    fn fail() { throw "boom"; }
  )");
  ASSERT_EQ(compiled.index(), 0u);
  const Program& program = *std::get<0>(compiled);
  EXPECT_TRUE(program.hasFunction("add"));
  Scope scope;
  EvalResult r = engine.call(program, scope, "add", {Value::integer(5)});
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r.value().debug(), "15");
  r = engine.call(program, scope, "outer", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().describe(),
            "Variable not found: base (line 4, position 18)\n"
            "in call to function 'inner' (line 5, position 18)");
  r = engine.call(program, scope, "fail", {});
  EXPECT_EQ(r.error().describe(), "Runtime error: boom (line 6, position 17)");
  r = engine.call(program, scope, "missing", {});
  EXPECT_EQ(r.error().describe(), "Function not found: missing ()");
}

TEST(RhaiHostTest, RegisteredFunctionsConstantsAndResolver) {
  Engine engine;
  engine.registerFn("codec::twice", [](CallContext&, std::span<Value> a) -> std::optional<Value> {
    if (a.size() != 1 || !a[0].is(Value::Type::kString)) return std::nullopt;
    return Value::string(a[0].asString() + a[0].asString());
  });
  engine.registerFn("shout", [](CallContext&, std::span<Value> a) -> std::optional<Value> {
    if (a.size() != 1) return std::nullopt;
    throw HostError{"too loud"};
  });
  engine.registerConstant("codec::NAME", Value::string("c"));
  engine.setVariableResolver([](std::string_view name) -> std::optional<Value> {
    if (name == "Host") return Value::map({{"X", Value::integer(1)}});
    return std::nullopt;
  });
  Scope scope;
  EXPECT_EQ(run(engine, scope, R"(codec::twice("ab") + codec::NAME)"), R"("ababc")");
  EXPECT_EQ(run(engine, scope, "let f = || Host.X; f.call()"), "1");
  EXPECT_EQ(run(engine, scope, R"(try { shout(1) } catch (e) { e })"), R"("too loud")");
  EXPECT_EQ(run(engine, scope, "codec::twice(1)"),
            "error: Function not found: codec::twice (i64) (line 1, position 8)");
}

TEST(RhaiHostTest, WallTimeLimit) {
  Engine engine(EngineOptions{.max_wall_time_ms = 20});
  Scope scope;
  EXPECT_EQ(run(engine, scope, "try { loop {} } catch { 1 }"),
            "error: Script terminated (line 1, position 7)");
}

TEST(RhaiHostTest, OneProgramManyThreads) {
  Engine engine;
  auto compiled = engine.compile(R"(
    fn work(n) { let s = []; for i in 0..n { s.push(i.to_string()); } s.len() }
  )");
  const Program& program = *std::get<0>(compiled);
  std::vector<std::thread> threads;
  std::atomic<int> ok = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Scope scope;
      for (int i = 0; i < 200; ++i) {
        EvalResult r = engine.call(program, scope, "work", {Value::integer(50)});
        if (r.ok() && r.value().asInt() == 50) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 800);
}

}  // namespace
}  // namespace plexus::rhai
