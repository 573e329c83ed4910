#include "src/common/flat_hash_map.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace plexus {
namespace {

TEST(FlatHashMapTest, KeepsTheFirstValueAndFindsEveryKeyAfterGrowing) {
  FlatHashMap<uint64_t, uint64_t, HashU64> map;
  EXPECT_EQ(map.find(7), nullptr);
  for (uint64_t i = 0; i < 10000; ++i) {
    auto [value, inserted] = map.insert(i * 4096, i);  // keys that share their low bits
    EXPECT_TRUE(inserted);
    EXPECT_EQ(*value, i);
  }
  auto [value, inserted] = map.insert(4096, 99);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*value, 1u);
  *value = 42;  // the returned pointer writes through
  EXPECT_EQ(map.size(), 10000u);
  for (uint64_t i = 0; i < 10000; ++i) {
    const uint64_t* found = map.find(i * 4096);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, i == 1 ? 42u : i);
  }
  EXPECT_EQ(map.find(4097), nullptr);
}

TEST(FlatHashMapTest, HashesNamesOfEveryLengthByContent) {
  std::vector<std::string> names;
  for (int length = 0; length < 40; ++length) {
    names.push_back(std::string(length, 'x'));
    names.push_back(std::string(length, 'x') + "y");
  }
  FlatHashMap<std::string_view, int, HashName> map;
  for (size_t i = 0; i < names.size(); ++i) map.insert(names[i], static_cast<int>(i));
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string copy = names[i];  // another buffer, same text
    const int* found = map.find(copy);
    ASSERT_NE(found, nullptr) << names[i];
    EXPECT_EQ(*found, static_cast<int>(i));
  }
  EXPECT_EQ(map.find("xxz"), nullptr);
}

}  // namespace
}  // namespace plexus
