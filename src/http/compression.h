// gzip / deflate content-codings (RFC 9110 §8.4.1) for HTTP bodies, on zlib.
//
//   std::string packed = gzipEncode(body);
//   StatusOr<std::string> body = decodeContent("gzip", packed, /*max_bytes=*/64 << 20);
//   if (!body.ok()) return error(body.status().message());
//
// Pure functions; safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "src/common/status.h"

namespace plexus::http {

// Whether decodeContent understands `coding` ("gzip", "x-gzip", "deflate", "identity", "";
// case-insensitive).
bool isSupportedContentCoding(std::string_view coding);

// Decodes a body sent with `Content-Encoding: <coding>`. Fails on corrupt or truncated data, on an
// unsupported coding, and when the decoded size would pass `max_bytes` (a zip bomb guard).
// "deflate" accepts the zlib format (as the RFC says) and raw deflate (as some servers send).
StatusOr<std::string> decodeContent(std::string_view coding, std::string_view data,
                                    size_t max_bytes);

// gzip-compresses `data` (level 1 fastest … 9 smallest; -1 zlib's default).
std::string gzipEncode(std::string_view data, int level = -1);

}  // namespace plexus::http
