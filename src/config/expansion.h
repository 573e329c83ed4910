// Variable expansion in router.yaml values, as Apollo Router does it: `${env.NAME}`,
// `${env.NAME:-default}`, `${file.PATH}`, `${file.PATH:-default}`, and `$$` for a literal `$`.
// A `$` followed by anything else is kept as it is. Only values are expanded, never keys (the
// caller decides what it passes in).
//
//   ExpansionContext context = ExpansionContext::fromProcess();   // getenv and the file system
//   StatusOr<std::string> listen = expand("${env.HOST:-127.0.0.1}:4000", context);
//   if (!listen.ok()) return listen.status();   // "environment variable 'HOST' is not set"
//
// Tests inject `env` and `read_file`. Pure apart from those callbacks; thread-safe when they are.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "src/common/status.h"

namespace plexus::config {

struct ExpansionContext {
  // The value of an environment variable, or nullopt when it is not set.
  std::function<std::optional<std::string>(std::string_view name)> env;
  // A file's whole contents, or an error naming why it cannot be read.
  std::function<StatusOr<std::string>(std::string_view path)> read_file;

  static ExpansionContext fromProcess();
};

// Expands every `${…}` of `text`. Sets `*expanded` when at least one expansion took place.
// Errors: an unset variable or unreadable file without a default, an unknown `${kind.…}`, an
// unterminated `${`.
StatusOr<std::string> expand(std::string_view text, const ExpansionContext& context,
                             bool* expanded = nullptr);

}  // namespace plexus::config
