// The test API of `router rhai test` (test_runner.h): test(name, fn) collects a test while the
// file's top level runs; each is then run on its own, and expect(value) checks a value. A
// failed expectation throws, so the failure carries the Rhai position of the expect call, and is
// also remembered, so a test that catches it still fails.
#include "src/plugins/rhai/test_runner.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

#include "src/plugins/rhai/errors.h"
#include "src/plugins/rhai/objects.h"
#include "src/plugins/rhai/test_mocks.h"

namespace plexus::plugins::rhai {

namespace {

using plexus::rhai::EvalResult;
using Args = std::span<Value>;
using Type = Value::Type;
namespace fs = std::filesystem;

// One test file's run: its tests, and the running test's captured logs and first failure.
struct FileState {
  const plexus::rhai::Engine* engine = nullptr;
  std::shared_ptr<const plexus::rhai::Program> program;
  struct Test {
    std::string name;
    Value fn;
  };
  std::vector<Test> tests;
  std::shared_ptr<TestLogs> logs = std::make_shared<TestLogs>();
  std::optional<std::string> failure;
};

bool isNumber(const Value& v) { return v.is(Type::kInt) || v.is(Type::kFloat); }
double number(const Value& v) {
  return v.is(Type::kInt) ? static_cast<double>(v.asInt()) : v.asFloat();
}

// to_be (strict) and to_equal (lenient: 1 equals 1.0, 'a' equals "a"). Arrays and maps compare
// element by element; a host value compares with its `==` or, failing that, by its string form,
// so that a Uri is "/path", a StatusCode 200 and a Method "POST", as in rhai-test.
bool same(const Value& a, const Value& b, bool lenient) {
  if (a.is(Type::kHost) || b.is(Type::kHost)) {
    if (a.is(Type::kHost)) {
      if (std::optional<bool> eq = a.asHost().equals(b); eq && *eq) return true;
    }
    if (b.is(Type::kHost)) {
      if (std::optional<bool> eq = b.asHost().equals(a); eq && *eq) return true;
    }
    if (a.is(Type::kHost) && b.is(Type::kHost) && a.asHost().typeName() != b.asHost().typeName()) {
      return false;
    }
    if (a.is(Type::kArray) || a.is(Type::kMap) || b.is(Type::kArray) || b.is(Type::kMap)) {
      return false;
    }
    return a.display() == b.display();
  }
  if (lenient && isNumber(a) && isNumber(b)) return number(a) == number(b);
  if (lenient && (a.is(Type::kChar) || b.is(Type::kChar)) &&
      (a.is(Type::kString) || b.is(Type::kString))) {
    return a.display() == b.display();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::kUnit: return true;
    case Type::kBool: return a.asBool() == b.asBool();
    case Type::kInt: return a.asInt() == b.asInt();
    case Type::kFloat: return a.asFloat() == b.asFloat();
    case Type::kChar: return a.asChar() == b.asChar();
    case Type::kString: return a.asString() == b.asString();
    case Type::kArray: {
      const plexus::rhai::Array &x = a.asArray(), &y = b.asArray();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!same(x[i], y[i], lenient)) return false;
      }
      return true;
    }
    case Type::kMap: {
      const plexus::rhai::Map &x = a.asMap(), &y = b.asMap();
      if (x.size() != y.size()) return false;
      for (const auto& [key, value] : x) {
        auto it = y.find(key);
        if (it == y.end() || !same(value, it->second, lenient)) return false;
      }
      return true;
    }
    case Type::kFnPtr: return a.asFnPtr().name == b.asFnPtr().name;
    case Type::kRange:
      return a.asRange().start == b.asRange().start && a.asRange().end == b.asRange().end &&
             a.asRange().inclusive == b.asRange().inclusive;
    case Type::kTimestamp: return a.asTimestamp().at == b.asTimestamp().at;
    case Type::kHost: return false;  // handled above
  }
  return false;
}

bool truthy(const Value& v) {
  switch (v.type()) {
    case Type::kUnit: return false;
    case Type::kBool: return v.asBool();
    case Type::kInt: return v.asInt() != 0;
    case Type::kFloat: return v.asFloat() != 0 && !std::isnan(v.asFloat());
    case Type::kString: return !v.asString().empty();
    case Type::kArray: return !v.asArray().empty();
    case Type::kMap: return !v.asMap().empty();
    default: return true;
  }
}

// rhai-test matches messages with a regular expression (unanchored); an exact or literal
// substring match also counts, so that a message with `(` or `?` can be given as it is.
bool matches(std::string_view text, const std::string& pattern) {
  if (text.find(pattern) != std::string_view::npos) return true;
  try {
    return std::regex_search(text.begin(), text.end(), std::regex(pattern));
  } catch (const std::regex_error&) {
    return false;
  }
}

std::string oneLine(std::string text) {
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) {
    text.replace(at, 1, "; ");
  }
  return text;
}

// What a function given to expect() did when run: returned, threw (with the status and message
// the router would answer with), or failed with an error that is not a throw.
struct Outcome {
  bool threw = false;
  int status = 0;
  std::string message;
  std::optional<std::string> unexpected;
};

// expect(value): the matchers, and not() / .not for the negation.
class Expectation final : public HostObject {
 public:
  Expectation(std::shared_ptr<FileState> state, Value value, bool negated)
      : state_(std::move(state)), value_(std::move(value)), negated_(negated) {}
  std::string_view typeName() const override { return "Expectation"; }

  std::optional<Value> get(std::string_view name) override {
    if (name == "not") return negation();
    return std::nullopt;
  }

  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            CallContext& context) override {
    if (args.empty()) {
      if (name == "not") return negation();
      if (name == "to_exist") return check(!value_.isUnit(), "to exist");
      if (name == "to_be_truthy") return check(truthy(value_), "to be truthy");
      if (name == "to_be_falsy") return check(!truthy(value_), "to be falsy");
      if (name == "to_throw") return toThrow(std::nullopt, std::nullopt);
      if (name == "to_log") return toLog(std::nullopt);
    } else if (args.size() == 1) {
      const Value& arg = args[0];
      if (name == "to_be") return check(same(value_, arg, false), "to be " + arg.debug());
      if (name == "to_equal") return check(same(value_, arg, true), "to equal " + arg.debug());
      if (name == "to_contain") return check(contains(arg, context), "to contain " + arg.debug());
      if (name == "to_be_type") {
        return check(value_.typeName() == arg.display(), "to be of type " + arg.display());
      }
      if (!arg.is(Type::kString) && !arg.is(Type::kInt)) return std::nullopt;
      if (name == "to_match") {
        return check(matches(value_.display(), arg.display()), "to match " + arg.debug());
      }
      if (name == "to_throw_message" && arg.is(Type::kString)) {
        return toThrow(std::nullopt, arg.asString());
      }
      if (name == "to_throw_status" && arg.is(Type::kInt))
        return toThrow(arg.asInt(), std::nullopt);
      if (name == "to_log_message" && arg.is(Type::kString)) return toLog(arg.asString());
    } else if (args.size() == 2 && name == "to_throw_status_and_message" &&
               args[0].is(Type::kInt) && args[1].is(Type::kString)) {
      return toThrow(args[0].asInt(), args[1].asString());
    }
    return std::nullopt;
  }

 private:
  Value negation() const {
    return Value::host(std::make_shared<Expectation>(state_, value_, !negated_));
  }

  // A failed expectation fails the test: remembered first, then thrown.
  [[noreturn]] void fail(std::string message) {
    if (!state_->failure) state_->failure = message;
    throw HostError{std::move(message)};
  }

  Value check(bool ok, const std::string& what) {
    if (ok == negated_) fail("Expected " + value_.debug() + (negated_ ? " not " : " ") + what);
    return Value();
  }

  bool contains(const Value& item, CallContext& context) {
    if (value_.is(Type::kString)) {
      if (!item.is(Type::kString) && !item.is(Type::kChar)) return false;
      return value_.asString().find(item.display()) != std::string::npos;
    }
    if (value_.is(Type::kArray)) {
      const plexus::rhai::Array& a = value_.asArray();
      return std::any_of(a.begin(), a.end(), [&](const Value& v) { return same(v, item, true); });
    }
    if (value_.is(Type::kMap)) {
      return item.is(Type::kString) && value_.asMap().count(item.asString()) != 0;
    }
    if (value_.is(Type::kHost)) {  // HeaderMap, Context: their contains(key)
      Value arg = item;
      std::optional<Value> r = value_.asHost().call("contains", std::span<Value>(&arg, 1), context);
      if (r && r->is(Type::kBool)) return r->asBool();
    }
    fail("to_contain: cannot look into a value of type " + std::string(value_.typeName()));
  }

  Outcome run() {
    if (!value_.is(Type::kFnPtr)) {
      fail("expect(…).to_throw…() needs a function or closure, not " +
           std::string(value_.typeName()));
    }
    EvalResult result = state_->engine->callFnPtr(*state_->program, value_.asFnPtr(), {});
    Outcome out;
    if (result.ok()) return out;
    const plexus::rhai::EvalError& error = result.error();
    if (error.innermost().type != "ErrorRuntime") {
      out.unexpected = oneLine(error.describe());
      return out;
    }
    ErrorDetails details = errorDetails(error);
    out.threw = true;
    out.status = details.status;
    out.message = details.message;
    return out;
  }

  // to_throw, to_throw_status, to_throw_message, to_throw_status_and_message.
  Value toThrow(std::optional<int64_t> status, std::optional<std::string> message) {
    Outcome o = run();
    if (o.unexpected) fail("Expected the function to throw, but it failed: " + *o.unexpected);
    bool ok =
        o.threw && (!status || o.status == *status) && (!message || matches(o.message, *message));
    if (ok != negated_) return Value();
    std::string wanted = "throw";
    if (status) wanted += " status " + std::to_string(*status);
    if (status && message) wanted += " and";
    if (message) wanted += " message " + plexus::rhai::debugString(*message);
    std::string got = o.threw ? "it threw status " + std::to_string(o.status) + " message " +
                                    plexus::rhai::debugString(o.message)
                              : "it did not throw";
    if (negated_) fail("Expected the function not to " + wanted + ", but " + got);
    fail("Expected the function to " + wanted + ", but " + got);
  }

  // to_log, to_log_message: on a log level (`expect(log_info)`), as in rhai-test.
  Value toLog(std::optional<std::string> pattern) {
    const auto* level = hostAs<LogLevelObject>(value_);
    if (level == nullptr) {
      fail("expect(…).to_log…() needs a log level (log_info, log_error, …), not " +
           std::string(value_.typeName()));
    }
    const std::vector<TestLogs::Entry>& logs = state_->logs->entries;
    bool ok = std::any_of(logs.begin(), logs.end(), [&](const TestLogs::Entry& e) {
      return e.level == level->level && (!pattern || matches(e.message, *pattern));
    });
    if (ok != negated_) return Value();
    std::string what = level->display() + " to be called" +
                       (pattern ? " with " + plexus::rhai::debugString(*pattern) : "");
    std::string seen;
    for (const TestLogs::Entry& e : logs) seen += " [" + e.level + "] " + e.message + ";";
    fail("Expected " + std::string(negated_ ? "not " : "") + what +
         (seen.empty() ? " (nothing was logged)" : " (logged:" + seen + ")"));
  }

  std::shared_ptr<FileState> state_;
  Value value_;
  bool negated_;
};

void registerTestApi(plexus::rhai::Engine& engine, const std::shared_ptr<FileState>& state) {
  engine.registerFn("test", [state](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 2 || !a[0].is(Type::kString) || !a[1].is(Type::kFnPtr)) return std::nullopt;
    state->tests.push_back({a[0].asString(), a[1]});
    return Value();
  });
  engine.registerFn("expect", [state](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1) return std::nullopt;
    return Value::host(std::make_shared<Expectation>(state, a[0], false));
  });
}

void runFile(const fs::path& file, const std::string& module_dir, std::ostream& out,
             RhaiTestTotals& totals) {
  ++totals.files;
  out << file.string() << "\n";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    out << "  ✗ cannot read " << file.string() << "\n";
    ++totals.broken_files;
    return;
  }
  std::stringstream source;
  source << in.rdbuf();

  plexus::rhai::Engine engine(plexus::rhai::EngineOptions{.module_dir = module_dir});
  auto state = std::make_shared<FileState>();
  state->engine = &engine;
  PrintFn print = [&out](std::string_view line) { out << "    " << line << "\n"; };
  setUpTestEngine(engine, file.string(), state->logs, print);
  registerMocks(engine, module_dir, state->logs, print);
  registerTestApi(engine, state);

  auto compiled = engine.compile(source.str(), file.string());
  if (compiled.index() == 1) {
    out << "  ✗ " << file.string() << ": " << oneLine(std::get<1>(compiled).describe()) << "\n";
    ++totals.broken_files;
    return;
  }
  state->program = std::get<0>(std::move(compiled));
  plexus::rhai::Scope scope;
  EvalResult top = engine.run(*state->program, scope);
  if (!top.ok()) {
    out << "  ✗ " << file.string() << ": " << oneLine(top.error().describe()) << "\n";
    ++totals.broken_files;
    state->tests.clear();
    return;
  }
  if (state->tests.empty()) out << "  (no tests)\n";
  for (const FileState::Test& test : state->tests) {
    state->logs->entries.clear();
    state->failure.reset();
    EvalResult result = engine.callFnPtr(*state->program, test.fn.asFnPtr(), {});
    std::optional<std::string> failure;
    if (!result.ok()) {
      // The last frame is the test's own closure: the position before it says where.
      std::string text = result.error().describe();
      if (text.ends_with("\nin closure call")) text.resize(text.size() - 16);
      failure = oneLine(std::move(text));
    } else if (state->failure) {
      failure = *state->failure + " (caught in the test)";
    }
    if (failure) {
      ++totals.failed;
      out << "  ✗ " << test.name << ": " << *failure << "\n";
    } else {
      ++totals.passed;
      out << "  ✓ " << test.name << "\n";
    }
  }
  // Closures may capture values that hold the state: break the cycle.
  state->tests.clear();
}

}  // namespace

int runRhaiTests(const std::string& path, std::ostream& out, RhaiTestTotals* totals_out) {
  RhaiTestTotals totals;
  std::error_code ec;
  std::vector<fs::path> files;
  std::string module_dir = path;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
    module_dir = fs::path(path).parent_path().string();
    if (module_dir.empty()) module_dir = ".";
  } else if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_regular_file(ec) && name.ends_with(".test.rhai")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
  } else {
    out << "router rhai test: no such file or directory: " << path << "\n";
    if (totals_out) *totals_out = totals;
    return 1;
  }
  if (files.empty()) {
    out << "router rhai test: no *.test.rhai files under " << path << "\n";
    if (totals_out) *totals_out = totals;
    return 1;
  }
  for (const fs::path& file : files) runFile(file, module_dir, out, totals);

  out << "\nTests: " << totals.passed << " passed, " << totals.failed << " failed, "
      << (totals.passed + totals.failed) << " total (" << totals.files
      << (totals.files == 1 ? " file" : " files");
  if (totals.broken_files > 0) out << ", " << totals.broken_files << " could not run";
  out << ")\n";
  if (totals_out) *totals_out = totals;
  return totals.failed == 0 && totals.broken_files == 0 ? 0 : 1;
}

}  // namespace plexus::plugins::rhai
