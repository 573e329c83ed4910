#include "src/config/expansion.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace plexus::config {

ExpansionContext ExpansionContext::fromProcess() {
  ExpansionContext context;
  context.env = [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  context.read_file = [](std::string_view path) -> StatusOr<std::string> {
    std::ifstream in{std::string(path), std::ios::binary};
    if (!in) return Status::error("cannot read file '" + std::string(path) + "'");
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
  };
  return context;
}

namespace {

// One `${kind.name[:-default]}` body (without the braces).
StatusOr<std::string> expandOne(std::string_view body, const ExpansionContext& context) {
  std::optional<std::string_view> fallback;
  if (size_t dash = body.find(":-"); dash != std::string_view::npos) {
    fallback = body.substr(dash + 2);
    body = body.substr(0, dash);
  }
  size_t dot = body.find('.');
  std::string_view kind = body.substr(0, dot);
  std::string_view name = dot == std::string_view::npos ? "" : body.substr(dot + 1);
  if (dot == std::string_view::npos || name.empty() || (kind != "env" && kind != "file")) {
    return Status::error("cannot expand '${" + std::string(body) +
                         "}': expected ${env.NAME} or ${file.PATH}, optionally with :-default");
  }
  if (kind == "env") {
    std::optional<std::string> value = context.env ? context.env(name) : std::nullopt;
    if (value) return std::move(*value);
    if (fallback) return std::string(*fallback);
    return Status::error("environment variable '" + std::string(name) + "' is not set");
  }
  StatusOr<std::string> contents = context.read_file
                                       ? context.read_file(name)
                                       : StatusOr<std::string>(Status::error("no file access"));
  if (contents.ok()) return std::move(*contents);
  if (fallback) return std::string(*fallback);
  return contents.status();
}

}  // namespace

StatusOr<std::string> expand(std::string_view text, const ExpansionContext& context,
                             bool* expanded) {
  if (expanded) *expanded = false;
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos || dollar + 1 == text.size()) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, dollar - i));
    char next = text[dollar + 1];
    if (next == '$') {
      out.push_back('$');
      i = dollar + 2;
      if (expanded) *expanded = true;
      continue;
    }
    if (next != '{') {
      out.push_back('$');
      i = dollar + 1;
      continue;
    }
    size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      return Status::error("unterminated '${' in '" + std::string(text) + "'");
    }
    StatusOr<std::string> value = expandOne(text.substr(dollar + 2, close - dollar - 2), context);
    if (!value.ok()) return value.status();
    out.append(*value);
    if (expanded) *expanded = true;
    i = close + 1;
  }
  return out;
}

}  // namespace plexus::config
