#include "include/plexus/context.h"

#include <regex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plexus {
namespace {

TEST(ContextTest, InsertGetRemoveAndPreviousValues) {
  Context context;
  EXPECT_FALSE(context.insert("a", json::Value("x")).has_value());
  std::optional<json::Value> previous = context.insert("a", json::Value("y"));
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->asString(), "x");
  EXPECT_EQ(context.get("a")->asString(), "y");
  EXPECT_TRUE(context.contains("a"));
  EXPECT_FALSE(context.get("b").has_value());
  EXPECT_EQ(context.remove("a")->asString(), "y");
  EXPECT_EQ(context.size(), 0u);
}

TEST(ContextTest, CopiesShareEntriesAndTheRequestId) {
  Context context;
  Context copy = context;
  copy.insert("apollo::supergraph::operation_name", json::Value("Q"));
  EXPECT_EQ(context.get("apollo::supergraph::operation_name")->asString(), "Q");
  EXPECT_EQ(copy.id(), context.id());
  EXPECT_TRUE(std::regex_match(
      context.id(),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  EXPECT_NE(Context().id(), context.id());
}

TEST(ContextTest, UpsertIsAtomicAcrossThreads) {
  Context context;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([context]() mutable {
      for (int i = 0; i < 1000; ++i) {
        context.upsert("calls", [](json::Value& v) {
          v = json::Value(static_cast<int64_t>(v.isNull() ? 1 : v.asInt() + 1));
        });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(context.get("calls")->asInt(), 8000);
}

struct Tenant {
  std::string name;
};

TEST(ContextTest, ReadsTypedValuesAndUpsertsFromAnInitialValue) {
  Context context;
  context.insert("n", json::Value(int64_t{41}));
  context.insert("s", json::Value("x"));
  EXPECT_EQ(context.get<int>("n"), 41);
  EXPECT_EQ(context.get<double>("n"), 41.0);
  EXPECT_EQ(context.get<std::string>("s"), "x");
  EXPECT_FALSE(context.get<bool>("s").has_value());  // another type
  EXPECT_FALSE(context.get<int>("missing").has_value());
  context.upsert("list", json::Value::array(),
                 [](json::Value& list) { list.push(json::Value(1)); });
  context.upsert("list", json::Value::array(),
                 [](json::Value& list) { list.push(json::Value(2)); });
  EXPECT_EQ(json::serialize(*context.get("list")), "[1,2]");
}

TEST(ContextTest, TypedExtensionsAreSeparateFromEntries) {
  Context context;
  EXPECT_EQ(context.extensions().get<Tenant>(), nullptr);
  context.extensions().insert(Tenant{"acme"});
  ASSERT_NE(context.extensions().get<Tenant>(), nullptr);
  EXPECT_EQ(context.extensions().get<Tenant>()->name, "acme");
  EXPECT_EQ(context.entries().size(), 0u);  // not serialized
}

}  // namespace
}  // namespace plexus
