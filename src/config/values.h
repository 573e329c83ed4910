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

// `host:port`, `[ipv6]:port`, or an absolute path: a Unix domain socket, as Apollo Router accepts
// (at most 107 bytes, the kernel's limit).
StatusOr<ListenAddress> parseListenAddress(std::string_view text);

}  // namespace plexus::config
