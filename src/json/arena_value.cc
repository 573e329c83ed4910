// json::ArenaValue: building, the simdjson DOM → arena tree parser, the JSON.stringify
// serializer (sharing value.cc's number and string writers), merging and conversions.
//
// Parser choice: simdjson's DOM parser, one per thread, then one walk over its tape that
// allocates each container at its final size. The DOM has already unescaped every string into
// its own buffer, so each string is copied once into the arena — which also frees the tree from
// the input's lifetime. Documents simdjson refuses go through json::parse, whose fallback parser
// names the failing byte and accepts what JSON.parse accepts beyond simdjson (huge integers, lone
// surrogates); that rare path converts the json::Value.
#include "src/json/arena_value.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace plexus::json {

// --- Building -----------------------------------------------------------------------------------

ArenaValue ArenaValue::boolean(bool b) {
  ArenaValue v(Type::kBool);
  v.bool_ = b;
  return v;
}

ArenaValue ArenaValue::integer(int64_t i) {
  ArenaValue v(Type::kInt);
  v.int_ = i;
  return v;
}

ArenaValue ArenaValue::number(double d) {
  ArenaValue v(Type::kDouble);
  v.double_ = d;
  return v;
}

ArenaValue ArenaValue::string(Arena& arena, std::string_view text) {
  return stringView(arena.copy(text));
}

ArenaValue ArenaValue::stringView(std::string_view text) {
  ArenaValue v(Type::kString);
  v.chars_ = text.data();
  v.size_ = static_cast<uint32_t>(text.size());
  return v;
}

void ArenaValue::reserveOneMore(Arena& arena, size_t element_size) {
  uint32_t capacity = this->capacity();
  if (size_ < capacity) return;
  uint32_t grown = std::max<uint32_t>(4, std::bit_ceil(size_ + 1));
  void* storage = arena.allocate(grown * element_size, alignof(ArenaMember));
  if (size_ > 0) std::memcpy(storage, storage_, size_ * element_size);
  storage_ = storage;
  capacity_log2_ = static_cast<uint8_t>(std::countr_zero(grown) + 1);
}

void ArenaValue::append(Arena& arena, ArenaValue item) {
  if (isNull()) *this = array();
  reserveOneMore(arena, sizeof(ArenaValue));
  items_[size_++] = item;
}

ArenaValue& ArenaValue::appendMember(Arena& arena, std::string_view key, ArenaValue value) {
  if (isNull()) *this = object();
  reserveOneMore(arena, sizeof(ArenaMember));
  ArenaMember& member = members_[size_++];
  member = ArenaMember{key, value};
  return member.value;
}

ArenaValue& ArenaValue::set(Arena& arena, std::string_view key, ArenaValue value) {
  if (ArenaValue* existing = find(key)) {
    *existing = value;
    return *existing;
  }
  return appendMember(arena, arena.copy(key), value);
}

// Fills nodes directly: containers are allocated once, at their final size.
class ArenaBuilder {
 public:
  explicit ArenaBuilder(Arena& arena) : arena_(arena) {}

  ArenaValue fromDom(simdjson::dom::element element) {
    using simdjson::dom::element_type;
    switch (element.type()) {
      case element_type::NULL_VALUE: return ArenaValue();
      case element_type::BOOL: return ArenaValue::boolean(element.get_bool().value_unsafe());
      case element_type::INT64: return ArenaValue::integer(element.get_int64().value_unsafe());
      case element_type::UINT64:  // above INT64_MAX: a double, as JavaScript would
        return ArenaValue::number(static_cast<double>(element.get_uint64().value_unsafe()));
      case element_type::DOUBLE: return ArenaValue::number(element.get_double().value_unsafe());
      case element_type::STRING:
        return ArenaValue::string(arena_, element.get_string().value_unsafe());
      case element_type::ARRAY: {
        simdjson::dom::array items = element.get_array().value_unsafe();
        ArenaValue array = container(Type::kArray, items.size(), sizeof(ArenaValue));
        for (simdjson::dom::element item : items) array.items_[array.size_++] = fromDom(item);
        return array;
      }
      case element_type::OBJECT: {
        simdjson::dom::object fields = element.get_object().value_unsafe();
        ArenaValue object = container(Type::kObject, fields.size(), sizeof(ArenaMember));
        ObjectFiller filler(object);
        for (simdjson::dom::key_value_pair field : fields) {
          filler.add(arena_.copy(field.key), fromDom(field.value));
        }
        return object;
      }
    }
    return ArenaValue();
  }

  ArenaValue fromValue(const Value& value) {
    switch (value.type()) {
      case Type::kNull: return ArenaValue();
      case Type::kBool: return ArenaValue::boolean(value.asBool());
      case Type::kInt: return ArenaValue::integer(value.asInt());
      case Type::kDouble: return ArenaValue::number(value.asDouble());
      case Type::kString: return ArenaValue::string(arena_, value.asString());
      case Type::kArray: {
        const Array& items = value.asArray();
        ArenaValue array = container(Type::kArray, items.size(), sizeof(ArenaValue));
        for (const Value& item : items) array.items_[array.size_++] = fromValue(item);
        return array;
      }
      case Type::kObject: {
        const Object& members = value.asObject();
        ArenaValue object = container(Type::kObject, members.size(), sizeof(ArenaMember));
        for (const Member& member : members) {  // a json::Value has no repeated keys
          object.members_[object.size_++] = {arena_.copy(member.first), fromValue(member.second)};
        }
        return object;
      }
    }
    return ArenaValue();
  }

 private:
  using Type = ArenaValue::Type;

  ArenaValue container(Type type, size_t count, size_t element_size) {
    ArenaValue v(type);
    v.storage_ = count == 0 ? nullptr : arena_.allocate(count * element_size, alignof(ArenaMember));
    // size_ counts up while filling. capacity_log2_ 0 ("holds exactly size_") is then right; an
    // object that lost repeated keys holds more, which is harmless (the next append reallocates).
    v.size_ = 0;
    return v;
  }

  // Adds parsed members as JSON.parse does: a repeated key keeps its first position and takes
  // the last value (so an object may end up shorter than its member count in the text).
  class ObjectFiller {
   public:
    explicit ObjectFiller(ArenaValue& object) : object_(object) {}
    void add(std::string_view key, ArenaValue value) {
      ArenaMember* members = object_.members_;
      uint32_t& size = object_.size_;
      if (size < kIndexThreshold) {
        for (uint32_t i = 0; i < size; ++i) {
          if (keyEquals(members[i].key, key)) {
            members[i].value = value;
            return;
          }
        }
      } else {
        if (index_.empty()) {
          for (uint32_t i = 0; i < size; ++i) index_.emplace(members[i].key, i);
        }
        auto [it, inserted] = index_.emplace(key, size);
        if (!inserted) {
          members[it->second].value = value;
          return;
        }
      }
      members[size++] = ArenaMember{key, value};
    }

   private:
    static constexpr uint32_t kIndexThreshold = 32;
    ArenaValue& object_;
    std::unordered_map<std::string_view, uint32_t> index_;
  };

  Arena& arena_;
};

// --- Parsing ------------------------------------------------------------------------------------

StatusOr<ArenaValue> parseInto(Arena& arena, std::string_view text) {
  // Per thread: the parser keeps its tape and string buffers, the scratch its padded input copy
  // (simdjson reads up to SIMDJSON_PADDING bytes past the end).
  thread_local simdjson::dom::parser parser;
  thread_local std::unique_ptr<char[]> scratch;
  thread_local size_t scratch_capacity = 0;
  size_t needed = text.size() + simdjson::SIMDJSON_PADDING;
  if (scratch_capacity < needed) {
    scratch_capacity = std::max(needed, scratch_capacity * 2);
    scratch = std::make_unique<char[]>(scratch_capacity);
  }
  std::memcpy(scratch.get(), text.data(), text.size());
  std::memset(scratch.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  if (parser.parse(scratch.get(), text.size(), false).get(root) == simdjson::SUCCESS) {
    return ArenaBuilder(arena).fromDom(root);
  }
  StatusOr<Value> fallback = parse(text);
  if (!fallback.ok()) return fallback.status();
  return ArenaBuilder(arena).fromValue(*fallback);
}

// --- Serialization ------------------------------------------------------------------------------

namespace {

void write(const ArenaValue& value, std::string& out) {
  switch (value.type()) {
    case ArenaValue::Type::kNull: out += "null"; return;
    case ArenaValue::Type::kBool: out += value.asBool() ? "true" : "false"; return;
    case ArenaValue::Type::kInt: {
      char buf[24];
      auto result = std::to_chars(buf, buf + sizeof buf, value.asInt());
      out.append(buf, result.ptr);
      return;
    }
    case ArenaValue::Type::kDouble:
      if (!std::isfinite(value.asDouble())) {
        out += "null";  // JSON.stringify(NaN) and JSON.stringify(Infinity)
      } else {
        appendNumber(value.asDouble(), out);
      }
      return;
    case ArenaValue::Type::kString: appendQuoted(value.asString(), out); return;
    case ArenaValue::Type::kArray: {
      out += '[';
      bool first = true;
      for (const ArenaValue& item : value.items()) {
        if (!first) out += ',';
        first = false;
        write(item, out);
      }
      out += ']';
      return;
    }
    case ArenaValue::Type::kObject: {
      out += '{';
      bool first = true;
      for (const ArenaMember& member : value.members()) {
        if (!first) out += ',';
        first = false;
        appendQuoted(member.key, out);
        out += ':';
        write(member.value, out);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

void serializeTo(const ArenaValue& value, std::string& out) { write(value, out); }

std::string serialize(const ArenaValue& value) {
  std::string out;
  write(value, out);
  return out;
}

// --- Merging ------------------------------------------------------------------------------------

void mergeInto(Arena& arena, ArenaValue& target, const ArenaValue& source) {
  if (target.isObject() && source.isObject()) {
    // Appending moves only the target's storage; merging an object into itself appends nothing.
    for (const ArenaMember& member : source.members()) {
      if (ArenaValue* existing = target.find(member.key)) {
        mergeInto(arena, *existing, member.value);
      } else {
        target.appendMember(arena, member.key, member.value.sharedCopy());
      }
    }
    return;
  }
  if (target.isArray() && source.isArray() && target.size() == source.size()) {
    std::span<ArenaValue> items = target.items();
    std::span<const ArenaValue> from = source.items();
    for (size_t i = 0; i < items.size(); ++i) mergeInto(arena, items[i], from[i]);
    return;
  }
  target = source.sharedCopy();
}

// --- Conversions --------------------------------------------------------------------------------

Value toValue(const ArenaValue& value) {
  switch (value.type()) {
    case ArenaValue::Type::kNull: return Value();
    case ArenaValue::Type::kBool: return Value(value.asBool());
    case ArenaValue::Type::kInt: return Value(value.asInt());
    case ArenaValue::Type::kDouble: return Value(value.asDouble());
    case ArenaValue::Type::kString: return Value(value.asString());
    case ArenaValue::Type::kArray: {
      Array array;
      array.reserve(value.size());
      for (const ArenaValue& item : value.items()) array.push_back(toValue(item));
      return Value(std::move(array));
    }
    case ArenaValue::Type::kObject: {
      Object object;
      object.reserve(value.size());
      for (const ArenaMember& member : value.members()) {
        object.emplace_back(std::string(member.key), toValue(member.value));
      }
      return Value(std::move(object));
    }
  }
  return Value();
}

ArenaValue fromValue(Arena& arena, const Value& value) {
  return ArenaBuilder(arena).fromValue(value);
}

}  // namespace plexus::json
