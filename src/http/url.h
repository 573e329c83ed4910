// Splits an absolute http:// or https:// URL, as subgraph routing URLs are written, into what an
// HTTP/1.1 client needs: where to connect and what to put on the request line.
//
//   StatusOr<Url> url = parseUrl("http://products:4001/graphql?x=1");
//   url->host;          // "products"
//   url->port;          // 4001 (80 when absent, 443 for https)
//   url->target;        // "/graphql?x=1" ("/" when the path is empty)
//   url->origin();      // "products:4001": the connection-pool key and the Host header
//
// A plain value; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "src/common/status.h"

namespace plexus::http {

struct Url {
  std::string scheme;  // "http" or "https" (lower case)
  std::string host;    // name, IPv4 literal, or IPv6 literal without brackets
  uint16_t port = 80;
  std::string target;  // path and query, never empty

  std::string origin() const;  // "host:port", IPv6 hosts in brackets
};

// Accepts http:// and https://. Rejects user-info,
// empty hosts, bad ports and characters that could split a request line.
StatusOr<Url> parseUrl(std::string_view text);

}  // namespace plexus::http
