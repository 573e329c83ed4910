// Arena: a monotonic bump allocator for data that lives and dies together (one parsed document,
// one request). Objects made in it are never destroyed one by one: only trivially destructible
// types, or types whose memory all comes from the same arena, belong here.
//
//   Arena arena;
//   auto* node = arena.make<ast::Field>();
//   std::string_view name = arena.copy("hello");
//   std::span<Selection* const> list = arena.copyList(scratch_vector);
//
// Not thread-safe: one arena per document or per request, used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plexus {

class Arena {
 public:
  explicit Arena(std::size_t first_block_bytes = 4096) : resource_(first_block_bytes) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(std::size_t bytes, std::size_t align) {
    bytes_allocated_ += bytes;
    return resource_.allocate(bytes, align);
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* data = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(data, text.data(), text.size());
    return {data, text.size()};
  }

  template <typename T>
  std::span<T const> copyList(const std::vector<T>& items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* data = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(static_cast<void*>(data), items.data(), sizeof(T) * items.size());
    return {data, items.size()};
  }

  std::size_t bytesAllocated() const { return bytes_allocated_; }
  std::pmr::memory_resource* resource() { return &resource_; }

 private:
  std::pmr::monotonic_buffer_resource resource_;
  std::size_t bytes_allocated_ = 0;
};

}  // namespace plexus
