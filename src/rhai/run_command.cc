// `router rhai run FILE` (Rhai 1.23.6 src/bin/rhai-run.rs).
#include "src/rhai/run_command.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include "src/rhai/eval.h"

namespace plexus::rhai {

namespace {

namespace fs = std::filesystem;

std::string osError(int code) {
  return std::string(std::strerror(code)) + " (os error " + std::to_string(code) + ")";
}

// rhai-run's eprint_error: the offending line, then the message under a caret at its column
// (continuation lines, such as call frames, marked "| ").
void printError(std::string_view source, const EvalError& error, std::ostream& err) {
  std::vector<std::string_view> lines;
  for (size_t b = 0;;) {
    size_t e = source.find('\n', b);
    lines.push_back(source.substr(b, e == std::string_view::npos ? e : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  Position pos = error.pos;
  if (pos.line == 0 || pos.line > lines.size()) {
    err << error.describe() << '\n';
    return;
  }
  EvalError bare = error;
  bare.pos = Position{};
  std::string message = bare.describe();
  std::string line_no = std::to_string(pos.line) + ": ";
  err << line_no << lines[pos.line - 1] << '\n';
  size_t indent = line_no.size() + std::max<size_t>(pos.pos, 1) - 1;
  std::istringstream msg(message);
  std::string text;
  for (int i = 0; std::getline(msg, text); ++i) {
    err << std::string(indent, ' ') << (i > 0 ? "| " : "^ ") << text << '\n';
  }
  err << '\n';
}

}  // namespace

int runRhaiScript(const std::string& path, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::path file = fs::canonical(path, ec);
  if (ec) {
    err << "Error script file path: " << path << '\n' << osError(ec.value()) << '\n';
    return 1;
  }
  std::string shown = file.string();
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    fs::path rel = file.lexically_relative(fs::canonical(cwd, ec));
    if (!ec && !rel.empty() && *rel.begin() != "..") shown = rel.string();
  }

  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  if (in) buf << in.rdbuf();
  if (!in || fs::is_directory(file, ec)) {
    err << "Error reading script file: " << shown << '\n'
        << osError(fs::is_directory(file, ec) ? EISDIR : errno) << '\n';
    return 1;
  }
  std::string contents = buf.str();
  std::string_view script = contents;
  if (script.starts_with("#!")) {
    size_t nl = script.find('\n');
    script = nl == std::string_view::npos ? std::string_view() : script.substr(nl);
  }

  EngineOptions options;
  options.module_dir = file.parent_path().string();
  Engine engine(options);
  engine.setPrint([&out](std::string_view line) { out << line << '\n' << std::flush; });
  engine.setDebug([&out, &shown](std::string_view line) {
    out << shown << " | " << line << '\n' << std::flush;
  });
  EvalResult result = engine.eval(script);
  if (result.ok()) return 0;

  err << std::string(shown.size(), '=') << '\n'
      << shown << '\n'
      << std::string(shown.size(), '=') << "\n\n";
  printError(script, result.error(), err);
  return 1;
}

}  // namespace plexus::rhai
