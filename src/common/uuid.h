// Random UUIDs (version 4), lower-case and hyphenated: request ids, Rhai's uuid_v4().
//
//   std::string id = plexus::uuidV4();  // "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
//
// Header-only; thread-safe (one generator per thread). Not for secrets.
#pragma once

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace plexus {

inline std::string uuidV4() {
  thread_local std::mt19937_64 random(std::random_device{}());
  uint64_t high = random();
  uint64_t low = random();
  high = (high & 0xffffffffffff0fffull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3fffffffffffffffull) | 0x8000000000000000ull;    // variant 10
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffull));
  return out;
}

}  // namespace plexus
