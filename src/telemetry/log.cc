#include "src/telemetry/log.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <mutex>

#include "src/json/value.h"
#include "src/telemetry/metrics_registry.h"

namespace plexus::log {

namespace {

struct State {
  std::mutex mutex;
  Options options;
  Format active = Format::kText;
};

State& state() {
  static State* s = new State();  // never destroyed: threads may log during exit
  return *s;
}

std::atomic<int> current_level{static_cast<int>(Level::kInfo)};

std::string timestampNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buffer, static_cast<int>(millis));
  return out;
}

std::optional<Level> levelFromWord(std::string_view word) {
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "off") return Level::kOff;
  if (lower == "error") return Level::kError;
  if (lower == "warn" || lower == "warning") return Level::kWarn;
  if (lower == "info") return Level::kInfo;
  if (lower == "debug") return Level::kDebug;
  if (lower == "trace") return Level::kTrace;
  return std::nullopt;
}

}  // namespace

StatusOr<Level> parseLevel(std::string_view text) {
  std::optional<Level> bare;
  std::optional<Level> targeted;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view directive = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!directive.empty() && directive.front() == ' ') directive.remove_prefix(1);
    while (!directive.empty() && directive.back() == ' ') directive.remove_suffix(1);
    if (!directive.empty()) {
      size_t equals = directive.find('=');
      std::string_view word =
          equals == std::string_view::npos ? directive : directive.substr(equals + 1);
      std::optional<Level> level = levelFromWord(word);
      if (!level) {
        return Status::error("invalid log level \"" + std::string(text) +
                             "\": expected off, error, warn, info, debug or trace");
      }
      if (equals == std::string_view::npos) {
        if (!bare) bare = level;
      } else if (!targeted || *level > *targeted) {
        targeted = level;
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (bare) return *bare;
  if (targeted) return *targeted;
  return Status::error("invalid log level \"" + std::string(text) + "\": empty");
}

std::string_view levelName(Level level) {
  switch (level) {
    case Level::kOff: return "OFF";
    case Level::kError: return "ERROR";
    case Level::kWarn: return "WARN";
    case Level::kInfo: return "INFO";
    case Level::kDebug: return "DEBUG";
    case Level::kTrace: return "TRACE";
  }
  return "INFO";
}

std::string format(Format format, Level level, std::string_view message,
                   std::initializer_list<Field> fields, std::string_view timestamp) {
  std::string out;
  if (format == Format::kJson) {
    out += '{';
    if (!timestamp.empty()) {
      out += "\"timestamp\":";
      json::appendQuoted(timestamp, out);
      out += ',';
    }
    out += "\"level\":";
    json::appendQuoted(levelName(level), out);
    out += ",\"message\":";
    json::appendQuoted(message, out);
    for (const Field& field : fields) {
      out += ',';
      json::appendQuoted(field.first, out);
      out += ':';
      json::appendQuoted(field.second, out);
    }
    out += '}';
    return out;
  }
  if (!timestamp.empty()) {
    out += timestamp;
    out += ' ';
  }
  std::string_view name = levelName(level);
  out += name;
  out.append(name.size() < 5 ? 6 - name.size() : 1, ' ');
  out += message;
  for (const Field& field : fields) {
    out += ' ';
    out += field.first;
    out += '=';
    bool quote = field.second.empty() || field.second.find_first_of(" \"=") != std::string::npos;
    if (quote) {
      json::appendQuoted(field.second, out);
    } else {
      out += field.second;
    }
  }
  return out;
}

void configure(Options options) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  if (!options.sink) options.is_terminal = isatty(1) == 1;
  s.active = options.is_terminal ? options.tty_format.value_or(Format::kText)
                                 : options.format.value_or(Format::kJson);
  current_level.store(static_cast<int>(options.level), std::memory_order_relaxed);
  s.options = std::move(options);
}

bool enabled(Level level) {
  return level != Level::kOff &&
         static_cast<int>(level) <= current_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  // Log events as metrics (metrics.h): recorded whatever the log level, so that the numbers do
  // not depend on verbosity; the fields still appear in the line when it is written.
  for (const Field& field : fields) {
    if (metrics::isLogEventField(field.first)) {
      metrics::Registry::global().recordLogEvent(fields);
      break;
    }
  }
  if (!enabled(level)) return;
  State& s = state();
  std::lock_guard lock(s.mutex);
  std::string line = format(s.active, level, message, fields,
                            s.options.display_timestamp ? timestampNow() : std::string());
  if (s.options.sink) {
    s.options.sink(line);
    return;
  }
  line += '\n';
  for (size_t written = 0; written < line.size();) {
    ssize_t n = ::write(1, line.data() + written, line.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
}

}  // namespace plexus::log
