// Random UUIDs (version 4), lower-case and hyphenated: request ids, Rhai's uuid_v4().
//
//   std::string id = plexus::uuidV4();  // "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
//
// Header-only; thread-safe (one generator per thread). Not for secrets.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace plexus {

inline std::string uuidV4() {
  thread_local std::mt19937_64 random(std::random_device{}());
  uint64_t high = random();
  uint64_t low = random();
  high = (high & 0xffffffffffff0fffull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3fffffffffffffffull) | 0x8000000000000000ull;    // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  size_t at = 0;
  auto put = [&](uint64_t bits, int digits) {
    for (int i = digits - 1; i >= 0; --i) out[at++] = kHex[(bits >> (4 * i)) & 15];
  };
  put(high >> 32, 8);
  ++at;
  put(high >> 16, 4);
  ++at;
  put(high, 4);
  ++at;
  put(low >> 48, 4);
  ++at;
  put(low, 12);
  return out;
}

}  // namespace plexus
