// Runs the Rhai conformance corpus (test/conformance/rhai, format in its README.md) and checks
// that the pass count never drops below kBaseline (a ratchet: raise it, never lower it).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/rhai/eval.h"
#include "src/rhai/parser.h"

namespace plexus::rhai {
namespace {

constexpr int kBaseline = 801;

struct Directives {
  std::vector<std::string> expect;
  std::vector<std::string> prints;
  std::vector<std::string> errors;
  bool parse_error = false;
  bool parse_error_any = false;
  std::string parse_message;
};

Directives readDirectives(const std::string& text) {
  static const std::regex kDirective(
      R"(^// (source|expect-print|expect-error|expect-parse-error|expect)(?:(:) ?(.*))?$)");
  Directives d;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, kDirective)) continue;
    std::string kind = m[1];
    std::string payload = m[3];
    if (kind == "expect") d.expect.push_back(payload);
    if (kind == "expect-print") d.prints.push_back(payload);
    if (kind == "expect-error") d.errors.push_back(payload);
    if (kind == "expect-parse-error") {
      d.parse_error = true;
      d.parse_error_any = !m[2].matched;
      d.parse_message = payload;
    }
  }
  return d;
}

// The README's position rule: compare exactly if `expected` pins a position, else strip one
// trailing position from `actual`.
bool matches(const std::string& expected, std::string actual) {
  static const std::regex kPos(R"( \(line \d+, position \d+\)$)");
  if (!std::regex_search(expected, kPos)) actual = std::regex_replace(actual, kPos, "");
  return expected == actual;
}

// Returns an empty string on success, else a description of the mismatch.
std::string runCase(const std::string& text, const std::string& dir) {
  Directives d = readDirectives(text);
  if (d.parse_error) {
    ParseResult p = parse(text);
    if (p.ok()) return "expected a parse error";
    if (d.parse_error_any) return "";
    const ParseError& e = p.error();
    std::string actual = e.message + " (line " + std::to_string(e.position.line) + ", position " +
                         std::to_string(e.position.pos) + ")";
    return matches(d.parse_message, actual) ? "" : "parse error: got `" + actual + "`";
  }
  std::vector<std::string> printed;
  Engine engine(
      EngineOptions{.max_operations = 20'000'000, .max_call_levels = 64, .module_dir = dir});
  engine.setPrint([&](std::string_view s) { printed.emplace_back(s); });
  EvalResult r = engine.eval(text);
  std::string why;
  if (!d.errors.empty()) {
    std::string expected;
    for (size_t i = 0; i < d.errors.size(); ++i) expected += (i ? "\n" : "") + d.errors[i];
    if (r.ok()) {
      why = "expected an error, got " + r.value().debug();
    } else if (!matches(expected, r.error().describe())) {
      why = "error: got `" + r.error().describe() + "`";
    }
  } else if (!r.ok()) {
    why = "unexpected error `" + r.error().describe() + "`";
  } else if (!d.expect.empty() && r.value().debug() != d.expect[0]) {
    why = "got " + r.value().debug() + ", want " + d.expect[0];
  }
  if (why.empty() && !d.prints.empty() && printed != d.prints) {
    why = "print output differs (" + std::to_string(printed.size()) + " lines)";
  }
  return why;
}

bool isModuleFile(const std::filesystem::path& path, const std::string& text) {
  for (const auto& part : path) {
    if (part == "mods") return true;
  }
  return text.starts_with("// module-file");
}

TEST(RhaiConformance, Corpus) {
  std::filesystem::path root(PLEXUS_RHAI_CONFORMANCE_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".rhai")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  int total = 0;
  int passed = 0;
  std::map<std::string, std::vector<std::string>> failures;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::path rel = std::filesystem::relative(path, root);
    if (isModuleFile(rel, text)) continue;
    ++total;
    std::string why = runCase(text, path.parent_path().string());
    if (why.empty()) {
      ++passed;
    } else {
      failures[rel.begin()->string()].push_back(rel.string() + ": " + why);
    }
  }
  std::cout << "rhai conformance: " << passed << "/" << total << " pass\n";
  for (const auto& [folder, list] : failures) {
    std::cout << "  " << folder << ": " << list.size() << " failing\n";
    for (size_t i = 0; i < list.size() && i < (getenv("RHAI_ALL") ? 100u : 3u); ++i)
      std::cout << "    " << list[i] << "\n";
  }
  EXPECT_GE(passed, kBaseline);
}

}  // namespace
}  // namespace plexus::rhai
