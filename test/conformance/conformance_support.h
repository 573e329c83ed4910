// Shared by the conformance tests: where the recorded oracle outputs live and how to read them.
// Tests run with the repository root as their working directory (see plexus_test).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace plexus::conformance {

inline const std::filesystem::path kGraphqlRoot = "test/conformance/graphql";

// The whole file, bytes as they are (CRLF and BOMs included: some corpus documents test them).
inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace plexus::conformance
