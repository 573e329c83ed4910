// The JSONPath of `headers … insert: {path: …}`: a value picked out of the client's GraphQL
// request ({"query", "operationName", "variables", "extensions"}), as Apollo Router reads it with
// serde_json_bytes::path::JsonPathInst (jsonpath-rust 0.3's grammar).
//
//   StatusOr<JsonPath> path = JsonPath::parse("$.extensions.metadata[0].app_name");
//   json::Value found = path->find(body);   // null: nothing selected
//
// Supported: an optional leading `$` (Apollo v1's ".operationName" still reads), `.key`,
// `['key']` / `["key"]`, `['a','b']`, `[0]`, `[0,2]`, `[start:end:step]`, `.*` / `[*]`,
// `..key` / `..*` (recursive descent) and `.length()`. Filter expressions (`[?(…)]`) are refused
// at parse time rather than evaluated differently from Apollo.
//
// Immutable once parsed; find() may run on any thread at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"
#include "src/json/value.h"

namespace plexus::plugins::headers {

class JsonPath {
 public:
  // "invalid JSONPath \"$.a[\": expected ']' at 4" on a syntax error.
  static StatusOr<JsonPath> parse(std::string_view text);

  // Apollo's JsonPathInst::find: null when nothing is selected, the value when one is, an array
  // of every selected value when several are (in document order).
  json::Value find(const json::Value& root) const;

  struct Segment {
    enum class Kind { kField, kKeys, kIndexes, kSlice, kWildcard, kDescent, kDescentAll, kLength };
    Kind kind;
    std::vector<std::string> keys = {};    // kField (one), kKeys, kDescent (one)
    std::vector<size_t> indexes = {};      // kIndexes
    int64_t start = 0, end = 0, step = 1;  // kSlice; end 0 means the array's end, as Apollo's
  };

 private:
  std::vector<Segment> segments_;
};

}  // namespace plexus::plugins::headers
