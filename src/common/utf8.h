// UTF-8 encoding of one code point, for every lexer and parser of the project (GraphQL, JSON,
// Rhai). A surrogate (U+D800–U+DFFF) is written as its three bytes (WTF-8): JSON keeps a lone
// `\uD800` escape that way so that it can be written back unchanged.
//
//   std::string out;
//   appendUtf8(out, 0x1F600);   // "😀"
//
// Header-only; pure.
#pragma once

#include <cstdint>
#include <string>

namespace plexus {

inline void appendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace plexus
