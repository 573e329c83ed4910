// Logging: leveled lines on stdout (Apollo Router's default), as text on a terminal and JSON
// otherwise, each overridable (telemetry.exporters.logging.stdout.{format, tty_format}).
//
//   log::Options options;
//   options.level = *log::parseLevel("info");      // --log / APOLLO_ROUTER_LOG
//   log::configure(options);
//   log::info("listening on http://127.0.0.1:4000/", {{"workers", "2"}});
//   // text: 2026-11-22T03:36:25.123Z INFO  listening on http://127.0.0.1:4000/ workers=2
//   // json: {"timestamp":"2026-11-22T03:36:25.123Z","level":"INFO","message":"listening on
//   …","workers":"2"}
//
// Thread-safety: write() and the helpers may run on any thread at once (one lock per line);
// configure() is for startup and reloads. A line is written with one write(2), so lines from
// different threads or processes never interleave.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "src/common/status.h"

namespace plexus::log {

enum class Level { kOff = 0, kError, kWarn, kInfo, kDebug, kTrace };
enum class Format { kText, kJson };

using Field = std::pair<std::string_view, std::string_view>;

struct Options {
  Level level = Level::kInfo;
  std::optional<Format> format;      // when stdout is not a terminal (default JSON)
  std::optional<Format> tty_format;  // when it is (default text)
  bool display_timestamp = true;
  // Where lines go (tests); empty: file descriptor 1.
  std::function<void(std::string_view line)> sink;
  bool is_terminal = false;  // set by configure() from isatty(1) unless a sink is given
};

// "info", "DEBUG", or an env-filter such as "info,plexus=debug" (the first bare level wins;
// per-target directives are accepted and apply to the whole process). Errors name the value.
StatusOr<Level> parseLevel(std::string_view text);
std::string_view levelName(Level level);  // "INFO"

void configure(Options options);
bool enabled(Level level);
void write(Level level, std::string_view message, std::initializer_list<Field> fields = {});

// The formatted line without its newline, for tests and for custom sinks.
std::string format(Format format, Level level, std::string_view message,
                   std::initializer_list<Field> fields, std::string_view timestamp);

inline void error(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kError, m, f);
}
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kWarn, m, f);
}
inline void info(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kInfo, m, f);
}
inline void debug(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kDebug, m, f);
}

}  // namespace plexus::log
