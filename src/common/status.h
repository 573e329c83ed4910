// Status and StatusOr: the control plane's way to report failure without exceptions.
//
//   StatusOr<Config> loadConfig(std::string_view path);
//   auto config = loadConfig("router.yaml");
//   if (!config.ok()) return config.status();   // message names the YAML path / source position
//   use(*config);
//
// Values, copyable and movable; no thread-safety concerns beyond those of std::string.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plexus {

class Status {
 public:
  Status() = default;  // OK
  static Status error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kOk = "OK";
    return message_ ? *message_ : kOk;
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

// One error whose message lists `messages`, one per line (loaders that report every problem at
// once). Call it with at least one message.
inline Status joinErrors(const std::vector<std::string>& messages) {
  std::string joined;
  for (const std::string& m : messages) {
    if (!joined.empty()) joined += '\n';
    joined += m;
  }
  return Status::error(std::move(joined));
}

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "StatusOr needs a value or an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace plexus
