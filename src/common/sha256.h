// SHA-256 as lower-case hex (Rhai's sha256::digest, the `operation_name: hash` selector).
//
//   std::string digest = plexus::sha256Hex("abc");  // "ba7816bf…"
//
// Header-only on OpenSSL's libcrypto: a target that includes it links OpenSSL::Crypto.
#pragma once

#include <openssl/sha.h>

#include <string>
#include <string_view>

namespace plexus {

inline std::string sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace plexus
