// HTTP request and response values shared by the server, the client and every later layer
// (router service, plugins, coprocessor). Free of Asio and of llhttp: include it anywhere.
//
//   plexus::http::Request request;
//   request.method = "POST";
//   request.target = "/graphql?x=1";
//   request.headers.add("Content-Type", "application/json");
//   request.body = R"({"query":"{ me { id } }"})";
//   request.headers.get("content-type");   // "application/json" (names match case-insensitively)
//   request.path();                        // "/graphql"
//
//   plexus::http::Response response{.status = 200};
//   response.headers.set("content-type", "application/json");
//
// Plain values: copyable, movable, no internal synchronization (the usual std::string rules).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plexus::http {

// ASCII case-insensitive equality, as HTTP field names compare (RFC 9110 §5.1).
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// A field name is a non-empty RFC 9110 token; a field value has no control characters other than
// horizontal tab (obs-text bytes are allowed), as the http crate accepts them.
bool isValidHeaderName(std::string_view name);
bool isValidHeaderValue(std::string_view value);

// A small ordered multimap of header fields. Names are stored lower-cased (as HTTP/2 sends them
// and as Apollo Router exposes them to scripts); lookups accept any case. Insertion order is kept,
// and repeated names stay separate entries (set-cookie must not be folded). Linear search: header
// lists are short, and a vector beats a hash map on them.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;  // {lower-case name, value}

  Headers() = default;
  Headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

  // Appends a field, keeping any existing ones with the same name.
  void add(std::string_view name, std::string_view value);
  // Replaces every field named `name` with a single one.
  void set(std::string_view name, std::string_view value);
  // Removes every field named `name`; returns how many were removed.
  size_t remove(std::string_view name);

  // The first value of `name`, or nullopt. The view lives until the headers change.
  std::optional<std::string_view> get(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string_view> getAll(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  // True when a comma-separated header (Connection, Transfer-Encoding, …) lists `token`.
  bool hasToken(std::string_view name, std::string_view token) const;

  size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  void clear() { fields_.clear(); }
  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }

  friend bool operator==(const Headers&, const Headers&) = default;

 private:
  std::vector<Field> fields_;
};

struct Request {
  std::string method = "GET";  // as sent, upper case by convention ("GET", "POST", …)
  std::string target = "/";    // request-target as sent: origin form "/path?query"
  Headers headers;
  std::string body;
  int version_minor = 1;  // HTTP/1.<version_minor>

  // The path part of `target` (before '?'), and the query after it (without '?', may be empty).
  std::string_view path() const;
  std::string_view query() const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
};

// The standard reason phrase of a status code ("Not Found"), or "Unknown".
std::string_view reasonPhrase(int status);

}  // namespace plexus::http
