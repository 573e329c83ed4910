// FlatHashMap: a small open-addressing hash map (linear probing, one flat array of slots) for
// memo tables on hot paths, where std::unordered_map's node per entry costs too much.
//
//   FlatHashMap<uint64_t, bool, HashU64> seen;
//   auto [value, inserted] = seen.insert(key, true);   // value: bool*, valid until next insert
//   if (const bool* found = seen.find(key)) use(*found);
//
// Keys need operator== and a hash functor; keys and values must be trivially copyable (slots
// are moved with memcpy-like assignment when the table grows). No erase. Owns its storage.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

namespace plexus {

// Spreads the bits of a 64-bit value (the MurmurHash3 finalizer).
inline uint64_t mixHashBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

struct HashU64 {
  uint64_t operator()(uint64_t key) const { return mixHashBits(key); }
};

struct HashPointer {
  uint64_t operator()(const void* p) const { return mixHashBits(reinterpret_cast<uintptr_t>(p)); }
};

// Hashes short strings (identifiers) a word at a time.
struct HashName {
  uint64_t operator()(std::string_view text) const {
    const char* p = text.data();
    std::size_t n = text.size();
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (; n > 8; p += 8, n -= 8) h = mixHashBits(h ^ load<uint64_t>(p));
    // The last 1 to 8 bytes, read without a variable-length copy (the length is already in h).
    uint64_t tail = 0;
    if (n >= 4) {
      tail = (static_cast<uint64_t>(load<uint32_t>(p + n - 4)) << 32) | load<uint32_t>(p);
    } else if (n > 0) {
      tail = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
             static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
             static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    return mixHashBits(h ^ tail);
  }

 private:
  template <typename Word>
  static Word load(const char* p) {
    Word word;
    std::memcpy(&word, p, sizeof(Word));
    return word;
  }
};

template <typename Key, typename Value, typename Hash>
class FlatHashMap {
  static_assert(std::is_trivially_copyable_v<Key> && std::is_trivially_copyable_v<Value>);

 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  const Value* find(const Key& key) const {
    if (size_ == 0) return nullptr;
    for (std::size_t i = Hash{}(key)&mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.used) return nullptr;
      if (slot.key == key) return &slot.value;
    }
  }
  Value* find(const Key& key) {
    return const_cast<Value*>(static_cast<const FlatHashMap*>(this)->find(key));
  }

  // The value stored under `key` (valid until the next insertion) and whether the key was
  // absent, in which case `value` was stored.
  std::pair<Value*, bool> insert(const Key& key, const Value& value) {
    // Grow past a load of 3/4: linear probing stays short there.
    if ((size_ + 1) * 4 > capacity() * 3) rehash(capacity() == 0 ? 16 : capacity() * 2);
    for (std::size_t i = Hash{}(key)&mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (!slot.used) {
        slot.key = key;
        slot.value = value;
        slot.used = true;
        ++size_;
        return {&slot.value, true};
      }
      if (slot.key == key) return {&slot.value, false};
    }
  }

 private:
  struct Slot {
    Key key{};
    Value value{};
    bool used = false;
  };

  std::size_t capacity() const { return slots_ == nullptr ? 0 : mask_ + 1; }

  void rehash(std::size_t new_capacity) {
    const std::size_t old_capacity = capacity();
    std::unique_ptr<Slot[]> old_slots = std::move(slots_);
    slots_ = std::make_unique<Slot[]>(new_capacity);
    mask_ = new_capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < old_capacity; ++i) {
      if (old_slots[i].used) insert(old_slots[i].key, old_slots[i].value);
    }
  }

  std::unique_ptr<Slot[]> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace plexus
