// Parsers for the scalar formats of router.yaml that are more than a string: durations as Apollo
// Router (humantime) writes them, and listen addresses.
//
//   StatusOr<std::chrono::milliseconds> t = parseDuration("1m 30s");   // 90'000 ms
//   StatusOr<ListenAddress> a = parseListenAddress("[::1]:4000");      // {"::1", 4000}
//
// Pure functions; errors say what was expected, for the caller to prefix with the YAML path.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/common/status.h"

namespace plexus::config {

// One or more `<integer><unit>` parts, optionally separated by spaces, summed: units ns, us, ms,
// s (sec, secs, second, seconds), m (min, mins, minute, minutes), h (hr, hrs, hour, hours),
// d (day, days). Sub-millisecond parts round up to a whole millisecond when the total would
// otherwise be zero. A bare number is an error (humantime wants a unit).
StatusOr<std::chrono::milliseconds> parseDuration(std::string_view text);

struct ListenAddress {
  std::string host;  // an IP literal (without brackets) or a host name
  uint16_t port = 0;
  friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

// `host:port`, `[ipv6]:port`. Unix socket paths (Apollo accepts an absolute path) are refused
// with a message saying they are not supported.
StatusOr<ListenAddress> parseListenAddress(std::string_view text);

}  // namespace plexus::config
