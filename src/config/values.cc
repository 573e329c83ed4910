#include "src/config/values.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <utility>

namespace plexus::config {

namespace {

// Nanoseconds per unit, or 0 when `unit` is not one.
uint64_t unitNanos(std::string_view unit) {
  constexpr uint64_t kMs = 1'000'000;
  for (std::string_view u : {"ns", "nsec", "nanos"}) {
    if (unit == u) return 1;
  }
  for (std::string_view u : {"us", "usec", "micros"}) {
    if (unit == u) return 1'000;
  }
  for (std::string_view u : {"ms", "msec", "millis"}) {
    if (unit == u) return kMs;
  }
  for (std::string_view u : {"s", "sec", "secs", "second", "seconds"}) {
    if (unit == u) return 1'000 * kMs;
  }
  for (std::string_view u : {"m", "min", "mins", "minute", "minutes"}) {
    if (unit == u) return 60'000 * kMs;
  }
  for (std::string_view u : {"h", "hr", "hrs", "hour", "hours"}) {
    if (unit == u) return 3'600'000 * kMs;
  }
  for (std::string_view u : {"d", "day", "days"}) {
    if (unit == u) return 86'400'000 * kMs;
  }
  return 0;
}

Status badDuration(std::string_view text) {
  return Status::error("expected a duration such as \"30s\", \"500ms\" or \"1m 30s\", found \"" +
                       std::string(text) + "\"");
}

}  // namespace

StatusOr<std::chrono::milliseconds> parseDuration(std::string_view text) {
  uint64_t total_nanos = 0;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    uint64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), amount);
    if (ec != std::errc() || end == text.data() + i) return badDuration(text);
    i = end - text.data();
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    uint64_t nanos = unitNanos(text.substr(unit_start, i - unit_start));
    if (nanos == 0) return badDuration(text);
    if (amount > UINT64_MAX / nanos || total_nanos + amount * nanos < total_nanos) {
      return Status::error("duration \"" + std::string(text) + "\" is too long");
    }
    total_nanos += amount * nanos;
    any = true;
  }
  if (!any) return badDuration(text);
  uint64_t ms = total_nanos / 1'000'000;
  if (ms == 0 && total_nanos > 0) ms = 1;
  return std::chrono::milliseconds(static_cast<int64_t>(ms));
}

std::string formatDuration(std::chrono::milliseconds duration) {
  int64_t ms = duration.count();
  if (ms <= 0) return "0s";
  constexpr std::pair<int64_t, std::string_view> kUnits[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}, {1, "ms"}};
  std::string out;
  for (const auto& [size, unit] : kUnits) {
    if (ms < size) continue;
    if (!out.empty()) out += ' ';
    out += std::to_string(ms / size) + std::string(unit);
    ms %= size;
  }
  return out;
}

std::string formatListenAddress(const ListenAddress& address) {
  if (!address.unix_socket.empty()) return address.unix_socket;
  std::string port = ":" + std::to_string(address.port);
  if (address.host.find(':') != std::string::npos) return "[" + address.host + "]" + port;
  return address.host + port;
}

StatusOr<ListenAddress> parseListenAddress(std::string_view text) {
  if (!text.empty() && text.front() == '/') {
    constexpr size_t kMaxUnixSocketPath = 107;  // sizeof(sockaddr_un::sun_path) - 1 on Linux
    if (text.size() > kMaxUnixSocketPath) {
      return Status::error("Unix socket path \"" + std::string(text) + "\" is longer than " +
                           std::to_string(kMaxUnixSocketPath) + " bytes");
    }
    return ListenAddress::unixSocket(std::string(text));
  }
  auto bad = [&] {
    return Status::error(
        "expected a listen address such as \"127.0.0.1:4000\" or \"[::1]:4000\", "
        "found \"" +
        std::string(text) + "\"");
  };
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return bad();
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad();
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return bad();  // IPv6 needs brackets
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() ||
      value > 65535) {
    return bad();
  }
  return ListenAddress(std::string(host), static_cast<uint16_t>(value));
}

}  // namespace plexus::config
