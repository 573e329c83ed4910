// json::ArenaValue: the request path's JSON tree. Every node, array and string lives in a
// plexus::Arena and dies with it (one arena per request), so parsing a subgraph response and
// merging it into the client response allocates nothing from the heap.
//
//   Arena arena;
//   StatusOr<ArenaValue> body = json::parseInto(arena, subgraph_response_text);
//   ArenaValue response = ArenaValue::object();
//   response.set(arena, "data", ArenaValue::object());
//   json::mergeInto(arena, *response.find("data"), *body->find("data"));
//   json::forEachAtPath(response, {PathElement::key("data"), PathElement::key("users"),
//                                  PathElement::each()},
//                       [](ArenaValue& user) { /* every element of data.users */ });
//   std::string out = json::serialize(response);  // what JSON.stringify writes, compact
//
// Ownership: an ArenaValue is a 16-byte handle; copying it is shallow (the copy shares the
// children). Nodes never own memory: everything reachable from a value lives in the arena(s) it
// was built with, or — for stringView() and appendMember() keys — in buffers the caller keeps
// alive as long as the tree. parseInto() copies every string into the arena, so a parsed tree
// does not depend on the input text. Mutate a tree through one handle only: two copies of one
// array appending to it would write the same slots.
// Thread-safety: none; a tree belongs to the request (and thread) that owns its arena.
// Limits: a string, array or object holds fewer than 2^32 bytes / elements.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "src/common/arena.h"
#include "src/common/status.h"
#include "src/json/value.h"

namespace plexus::json {

struct ArenaMember;

class ArenaValue {
 public:
  using Type = Value::Type;

  ArenaValue() = default;  // null
  static ArenaValue null() { return {}; }
  static ArenaValue boolean(bool b);
  static ArenaValue integer(int64_t i);
  static ArenaValue number(double d);
  // Copies `text` into the arena.
  static ArenaValue string(Arena& arena, std::string_view text);
  // Views `text`, which must outlive the tree (literals, the operation's own arena).
  static ArenaValue stringView(std::string_view text);
  static ArenaValue array() { return ArenaValue(Type::kArray); }
  static ArenaValue object() { return ArenaValue(Type::kObject); }

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::kNull; }
  bool isBool() const { return type_ == Type::kBool; }
  bool isInt() const { return type_ == Type::kInt; }
  bool isDouble() const { return type_ == Type::kDouble; }
  bool isNumber() const { return isInt() || isDouble(); }
  bool isString() const { return type_ == Type::kString; }
  bool isArray() const { return type_ == Type::kArray; }
  bool isObject() const { return type_ == Type::kObject; }

  bool asBool() const { return bool_; }
  int64_t asInt() const { return int_; }
  double asDouble() const { return isInt() ? static_cast<double>(int_) : double_; }
  std::string_view asString() const { return {chars_, size_}; }
  // Elements of an array / members of an object, in order (empty for other types).
  std::span<ArenaValue> items() { return {isArray() ? items_ : nullptr, isArray() ? size_ : 0}; }
  std::span<const ArenaValue> items() const {
    return {isArray() ? items_ : nullptr, isArray() ? size_ : 0};
  }
  std::span<ArenaMember> members();
  std::span<const ArenaMember> members() const;
  // Elements, members or bytes; 0 for null, booleans and numbers.
  size_t size() const { return isArray() || isObject() || isString() ? size_ : 0; }

  // Object lookup: a linear scan in member order — response objects are small (a selection
  // set's fields), where a scan beats hashing. Null when absent or not an object.
  const ArenaValue* find(std::string_view key) const;
  ArenaValue* find(std::string_view key);

  // Building. Each appends in amortized O(1), growing the storage in the arena (doubling; the
  // old block stays in the arena until it is released). Pointers and references into an array
  // or object are invalidated by the next append to it. A null value becomes an array / object.
  void append(Arena& arena, ArenaValue item);
  // Appends without checking for an existing `key`, which is viewed, not copied: it must outlive
  // the tree. The executor's fast path, for keys of the operation's selection sets.
  ArenaValue& appendMember(Arena& arena, std::string_view key, ArenaValue value);
  // Replaces the value of `key`, or appends it (the key copied into the arena).
  ArenaValue& set(Arena& arena, std::string_view key, ArenaValue value);
  // A copy that shares the children but moves to storage of its own on its first append, so
  // appends through this copy and through the original never write the same slot. (Changes to
  // existing children are still seen through both.) mergeInto() copies sources this way.
  ArenaValue sharedCopy() const {
    ArenaValue copy = *this;
    copy.capacity_log2_ = 0;
    return copy;
  }

 private:
  explicit ArenaValue(Type type) : type_(type) {}
  uint32_t capacity() const { return capacity_log2_ == 0 ? size_ : 1u << (capacity_log2_ - 1); }
  void reserveOneMore(Arena& arena, size_t element_size);

  friend class ArenaBuilder;

  Type type_ = Type::kNull;
  // 0: the storage holds exactly size_ elements (as parsed); k > 0: it holds 2^(k-1).
  uint8_t capacity_log2_ = 0;
  uint32_t size_ = 0;
  union {
    bool bool_;
    int64_t int_ = 0;
    double double_;
    const char* chars_;
    ArenaValue* items_;
    ArenaMember* members_;
    void* storage_;
  };
};

struct ArenaMember {
  std::string_view key;
  ArenaValue value;
};

inline std::span<ArenaMember> ArenaValue::members() {
  return {isObject() ? members_ : nullptr, isObject() ? size_ : 0};
}
inline std::span<const ArenaMember> ArenaValue::members() const {
  return {isObject() ? members_ : nullptr, isObject() ? size_ : 0};
}

// Whether two object keys are equal. Keys are short: up to 16 bytes they compare with two
// overlapping loads per side instead of a call to memcmp.
inline bool keyEquals(std::string_view a, std::string_view b) {
  size_t size = a.size();
  if (size != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  auto load8 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  auto load4 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  if (size >= 8) {
    if (size > 16) return std::memcmp(x, y, size) == 0;
    return load8(x) == load8(y) && load8(x + size - 8) == load8(y + size - 8);
  }
  if (size >= 4) return load4(x) == load4(y) && load4(x + size - 4) == load4(y + size - 4);
  for (size_t i = 0; i < size; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// Inline: the executor and the shaper look up a key per field of every object.
inline const ArenaValue* ArenaValue::find(std::string_view key) const {
  if (!isObject()) return nullptr;
  for (uint32_t i = 0; i < size_; ++i) {
    if (keyEquals(members_[i].key, key)) return &members_[i].value;
  }
  return nullptr;
}
inline ArenaValue* ArenaValue::find(std::string_view key) {
  return const_cast<ArenaValue*>(static_cast<const ArenaValue&>(*this).find(key));
}

static_assert(sizeof(ArenaValue) == 16);
static_assert(std::is_trivially_copyable_v<ArenaValue> &&
              std::is_trivially_destructible_v<ArenaMember>);

// Parses `text` as json::parse does (same accepted language, JSON.parse semantics for repeated
// keys, integers exact in int64, larger ones as doubles, 1024 levels of nesting at most) into
// `arena`. Errors name the byte offset: "JSON parse error at byte 4: expected ',' or ']', found
// end of input". The tree copies what it needs: `text` may be released after the call.
// Uses a simdjson DOM parser kept per thread.
StatusOr<ArenaValue> parseInto(Arena& arena, std::string_view text);

// Compact JSON, byte for byte what JSON.stringify writes (and json::serialize for the same tree).
std::string serialize(const ArenaValue& value);
void serializeTo(const ArenaValue& value, std::string& out);

// Deep merge with GraphQL response semantics (what the executor does with each fetch's data):
// objects merge key by key, recursively, new keys appended in the source's order; arrays of the
// same length merge element by element; anything else (scalars, null on either side, arrays of
// different lengths, mismatched types) is replaced by the source. The target may afterwards
// share nodes with `source`, which must therefore live as long as the target (same arena).
void mergeInto(Arena& arena, ArenaValue& target, const ArenaValue& source);

// One element of a GraphQL response path as the query planner writes it: a key, a list index,
// or "@" — every element of the list reached so far.
struct PathElement {
  enum class Kind : uint8_t { kKey, kIndex, kEach };
  static PathElement key(std::string_view name) { return {Kind::kKey, name, 0}; }
  static PathElement index(uint32_t i) { return {Kind::kIndex, {}, i}; }
  static PathElement each() { return {Kind::kEach, {}, 0}; }
  Kind kind;
  std::string_view name;
  uint32_t position;
};

// Calls `visit(ArenaValue&)` for every node reached from `root` through `path`, in document order.
// A missing key, an index out of range, or a step through a value of the wrong type (null
// included) reaches nothing on that branch. "@" on a list of lists visits the inner lists; write
// "@" once per level ("users.@.@.id"). `visit` may modify the node but not the arrays/objects
// being walked above it.
template <typename Visit>
void forEachAtPath(ArenaValue& root, std::span<const PathElement> path, Visit&& visit) {
  if (path.empty()) {
    visit(root);
    return;
  }
  const PathElement& step = path.front();
  std::span<const PathElement> rest = path.subspan(1);
  switch (step.kind) {
    case PathElement::Kind::kKey:
      if (ArenaValue* child = root.find(step.name)) forEachAtPath(*child, rest, visit);
      return;
    case PathElement::Kind::kIndex:
      if (root.isArray() && step.position < root.size()) {
        forEachAtPath(root.items()[step.position], rest, visit);
      }
      return;
    case PathElement::Kind::kEach:
      for (ArenaValue& item : root.items()) forEachAtPath(item, rest, visit);
      return;
  }
}
template <typename Visit>
void forEachAtPath(ArenaValue& root, std::initializer_list<PathElement> path, Visit&& visit) {
  forEachAtPath(root, std::span<const PathElement>(path.begin(), path.size()), visit);
}

// Conversions for tests and the control plane. fromValue copies every string into the arena.
Value toValue(const ArenaValue& value);
ArenaValue fromValue(Arena& arena, const Value& value);

}  // namespace plexus::json
