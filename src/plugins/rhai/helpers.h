// The functions and constants Apollo Router registers for scripts (RHAI_API.md §6), and Plexus's
// additions (metrics::*). Pure functions are exposed for tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "src/rhai/eval.h"

namespace plexus::plugins::rhai {

struct HelperOptions {
  std::string main_path;  // the `target` field of print and log_* lines
};

// log_*, eprint, urlencode/urldecode, base64::*, json::*, sha256::digest, env::get, uuid_v4,
// unix_now, unix_ms_now, traceid, status_code_from_int, metrics::*; print goes to the log.
void registerHelpers(plexus::rhai::Engine& engine, const HelperOptions& options);

enum class Base64Alphabet { kStandard, kStandardNoPad, kUrlSafe, kUrlSafeNoPad };
std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet);
std::optional<std::string> base64Decode(std::string_view text, Base64Alphabet alphabet);
std::string urlEncode(std::string_view text);
std::optional<std::string> urlDecode(std::string_view text);  // nullopt: not UTF-8

}  // namespace plexus::plugins::rhai
