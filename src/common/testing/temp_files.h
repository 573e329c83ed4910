// Temporary files for tests, named per process.
//
// ctest runs every test as its own process, several at once, and they share one temp dir: a
// fixed name ("ca.pem", "router.yaml") written by two tests at the same moment is a race (one
// test reads the other's certificate). Every test file goes through these helpers instead.
//
//   std::string ca = test::writeTempFile("ca.pem", pem);   // <TempDir>/plexus-<pid>-ca.pem
//   std::string sock = test::tempPath("coprocessor.sock");  // same, nothing written
//
// Files written here are removed when the process exits. Header-only on GoogleTest
// (::testing::TempDir); include it from tests only.
#pragma once

#include <unistd.h>  // getpid

#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace plexus::test {

// A path under the test temp dir, unique to this process (nothing is created or removed).
inline std::string tempPath(std::string_view name) {
  std::string path = ::testing::TempDir();
  if (!path.empty() && path.back() != '/') path += '/';
  path += "plexus-" + std::to_string(::getpid()) + "-";
  path += name;
  return path;
}

// The files writeTempFile made, removed when the test process exits.
class WrittenTempFiles {
 public:
  static void add(const std::string& path) {
    static WrittenTempFiles files;
    std::lock_guard lock(files.mutex_);
    files.paths_.insert(path);
  }
  ~WrittenTempFiles() {
    for (const std::string& path : paths_) ::unlink(path.c_str());
  }

 private:
  std::mutex mutex_;
  std::set<std::string> paths_;
};

// tempPath(name) with any file there removed: where a test binds a Unix socket.
inline std::string freshTempPath(std::string_view name) {
  std::string path = tempPath(name);
  ::unlink(path.c_str());
  return path;
}

// Writes `contents` to tempPath(name), in place (a watcher of that path sees a change, not a new
// file), and returns the path.
inline std::string writeTempFile(std::string_view name, std::string_view contents) {
  std::string path = tempPath(name);
  std::ofstream(path, std::ios::binary) << contents;
  WrittenTempFiles::add(path);
  return path;
}

}  // namespace plexus::test
