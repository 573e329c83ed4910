// Parsers for the scalar formats of router.yaml that are more than a string: durations as Apollo
// Router (humantime) writes them, and listen addresses.
//
//   StatusOr<std::chrono::milliseconds> t = parseDuration("1m 30s");   // 90'000 ms
//   StatusOr<ListenAddress> a = parseListenAddress("[::1]:4000");      // {"::1", 4000}
//   parseListenAddress("/tmp/router.sock");         //
//   ListenAddress::unixSocket("/tmp/router.sock")
//
// Pure functions; errors say what was expected, for the caller to prefix with the YAML path.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "src/common/status.h"

namespace plexus::config {

// One or more `<integer><unit>` parts, optionally separated by spaces, summed: units ns, us, ms,
// s (sec, secs, second, seconds), m (min, mins, minute, minutes), h (hr, hrs, hour, hours),
// d (day, days). Sub-millisecond parts round up to a whole millisecond when the total would
// otherwise be zero. A bare number is an error (humantime wants a unit).
StatusOr<std::chrono::milliseconds> parseDuration(std::string_view text);

// The inverse, in the largest units first: 90'000 ms is "1m 30s", 0 is "0s", 1'500 ms "1s 500ms".
std::string formatDuration(std::chrono::milliseconds duration);

struct ListenAddress {
  ListenAddress() = default;
  ListenAddress(std::string host, uint16_t port) : host(std::move(host)), port(port) {}
  static ListenAddress unixSocket(std::string path) {
    ListenAddress address;
    address.unix_socket = std::move(path);
    return address;
  }

  std::string host;  // an IP literal (without brackets) or a host name
  uint16_t port = 0;
  std::string unix_socket;  // set instead of host and port: a Unix domain socket path
  friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

// Whether two configured addresses are one listener: the same Unix socket, or the same host and
// a fixed port (port 0 asks for a fresh port each time it is bound).
inline bool sameListener(const ListenAddress& a, const ListenAddress& b) {
  return a == b && (!a.unix_socket.empty() || a.port != 0);
}

// `host:port`, `[ipv6]:port`, or an absolute path: a Unix domain socket, as Apollo Router accepts
// (at most 107 bytes, the kernel's limit).
StatusOr<ListenAddress> parseListenAddress(std::string_view text);

// The inverse: "127.0.0.1:4000", "[::1]:4000" or the socket path.
std::string formatListenAddress(const ListenAddress& address);

}  // namespace plexus::config
