#include "src/server/lru_cache.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::server {
namespace {

TEST(LruCacheTest, FindsWhatWasInsertedUnderTheSameKeyParts) {
  LruCache<std::string> cache(64);
  cache.insert(LruCache<std::string>::key("{ a }", "A"), std::make_shared<std::string>("first"));
  auto hit = cache.find(LruCache<std::string>::key("{ a }", "A"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(*hit, "first");
  EXPECT_FALSE(cache.find(LruCache<std::string>::key("{ a }", "")));
  EXPECT_FALSE(cache.find(LruCache<std::string>::key("{ a }A", "")));
}

TEST(LruCacheTest, EvictsTheLeastRecentlyUsedBeyondItsCapacity) {
  // Capacity 8 over 8 shards: one entry per shard, so a second key in a shard evicts the first.
  LruCache<int> cache(8);
  for (int i = 0; i < 100; ++i) cache.insert("k" + std::to_string(i), std::make_shared<int>(i));
  EXPECT_LE(cache.size(), 8u);
  EXPECT_TRUE(cache.find("k99"));  // the last insert of its shard survives
}

TEST(LruCacheTest, KeepsAnEntryThatWasJustUsed) {
  LruCache<int> cache(16);  // two per shard
  // Find three keys of one shard.
  std::vector<std::string> same_shard;
  for (int i = 0; same_shard.size() < 3; ++i) {
    std::string key = "k" + std::to_string(i);
    if (std::hash<std::string_view>{}(key) % LruCache<int>::kShards == 0) same_shard.push_back(key);
  }
  cache.insert(same_shard[0], std::make_shared<int>(0));
  cache.insert(same_shard[1], std::make_shared<int>(1));
  ASSERT_TRUE(cache.find(same_shard[0]));  // now the most recent
  cache.insert(same_shard[2], std::make_shared<int>(2));
  EXPECT_TRUE(cache.find(same_shard[0]));
  EXPECT_FALSE(cache.find(same_shard[1]));
  EXPECT_TRUE(cache.find(same_shard[2]));
}

TEST(LruCacheTest, ServesManyThreadsAtOnce) {
  LruCache<int> cache(32);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = "k" + std::to_string((i * 7 + t) % 50);
        if (auto hit = cache.find(key)) {
          EXPECT_EQ("k" + std::to_string(*hit), key);
        } else {
          cache.insert(key, std::make_shared<int>((i * 7 + t) % 50));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(cache.size(), 32u);
}

}  // namespace
}  // namespace plexus::server
