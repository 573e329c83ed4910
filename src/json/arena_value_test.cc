#include "src/json/arena_value.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::json {
namespace {

std::string reserialized(std::string_view text) {
  Arena arena;
  StatusOr<ArenaValue> value = parseInto(arena, text);
  EXPECT_TRUE(value.ok()) << value.status().message();
  return value.ok() ? serialize(*value) : "";
}

ArenaValue parsed(Arena& arena, std::string_view text) {
  StatusOr<ArenaValue> value = parseInto(arena, text);
  EXPECT_TRUE(value.ok()) << value.status().message();
  return value.ok() ? *value : ArenaValue();
}

// A response shaped like the federation benchmark's: users → reviews → product.
std::string graphqlResponse(int users) {
  std::string out = R"({"data":{"users":[)";
  for (int u = 0; u < users; ++u) {
    if (u > 0) out += ',';
    out += R"({"id":")" + std::to_string(u) + R"(","username":"user)" + std::to_string(u) +
           R"(","name":"Ünïcode \"Name\" )" + std::to_string(u) + R"(","reviews":[)";
    for (int r = 0; r < 3; ++r) {
      if (r > 0) out += ',';
      out += R"({"id":")" + std::to_string(u * 10 + r) +
             R"(","body":"Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit 😀","product":)" +
             R"({"inStock":true,"name":"Table","price":899.5,"shippingEstimate":null,"upc":")" +
             std::to_string(r) + R"(","weight":)" + std::to_string(100 + r) + "}}";
    }
    out += "]}";
  }
  out += "]}}";
  return out;
}

TEST(ArenaValueTest, NodesAreSixteenBytes) { EXPECT_EQ(sizeof(ArenaValue), 16u); }

TEST(ArenaValueTest, SerializesWhatJsonValueSerializesForEdgeCases) {
  const char* documents[] = {
      "null",
      "true",
      "false",
      "0",
      "-0",
      "[]",
      "{}",
      R"([[],{},[[]],{"a":{}}])",
      "9223372036854775807",
      "-9223372036854775808",
      "9223372036854775808",  // beyond int64: a double, as JS
      "18446744073709551616",
      "123456789012345678901234567890",  // beyond uint64
      "1e400",
      "-1e400",
      "1.5e-7",
      "0.000001",
      "1e21",
      "123e-2",
      "5e-324",
      R"("plain")",
      R"("tab\tnew\nline\r\"q\" back\\ slash\/ \b\f")",
      R"("\u0000\u001f\u007f")",
      R"("é ü 漢字 😀")",
      R"("\u00e9\u6f22\ud83d\ude00")",
      R"("\ud800 lone high, \udc00 lone low")",
      R"({"a":1,"b":2,"a":3})",
      R"( { "spaced" : [ 1 , 2 ] } )",
  };
  for (const char* text : documents) {
    StatusOr<Value> expected = parse(text);
    ASSERT_TRUE(expected.ok()) << text;
    EXPECT_EQ(reserialized(text), serialize(*expected)) << text;
    Arena arena;
    EXPECT_EQ(toValue(parsed(arena, text)), *expected) << text;
  }
}

TEST(ArenaValueTest, FindsKeysOfEveryLengthByContent) {
  // find() compares short keys with word loads: every length class, and keys differing only in
  // their last, middle or first byte.
  Arena arena;
  ArenaValue object = ArenaValue::object();
  std::vector<std::string> keys;
  for (size_t length = 0; length <= 20; ++length) {
    std::string key(length, 'k');
    for (size_t i = 0; i < length; ++i) key[i] = static_cast<char>('a' + i);
    keys.push_back(key);
    object.set(arena, key, ArenaValue::integer(static_cast<int64_t>(length)));
  }
  for (const std::string& key : keys) {
    std::string copy = key;  // another buffer: equal by content, not by address
    ASSERT_NE(object.find(copy), nullptr) << copy;
    EXPECT_EQ(object.find(copy)->asInt(), static_cast<int64_t>(key.size()));
    for (size_t i = 0; i < copy.size(); ++i) {
      std::string other = copy;
      other[i] = 'Z';
      EXPECT_EQ(object.find(other), nullptr) << other;
    }
  }
  EXPECT_FALSE(keyEquals("abc", "abcd"));
  EXPECT_TRUE(keyEquals("", ""));
}

TEST(ArenaValueTest, KeepsIntegersExactAndLargerOnesAsDoubles) {
  Arena arena;
  ArenaValue v = parsed(arena, "[9007199254740993,-5,9223372036854775808,2.5]");
  EXPECT_TRUE(v.items()[0].isInt());
  EXPECT_EQ(v.items()[0].asInt(), 9007199254740993);
  EXPECT_EQ(v.items()[1].asInt(), -5);
  EXPECT_TRUE(v.items()[2].isDouble());
  EXPECT_EQ(v.items()[2].asDouble(), 9223372036854775808.0);
  EXPECT_EQ(serialize(v), "[9007199254740993,-5,9223372036854776000,2.5]");
}

TEST(ArenaValueTest, RepeatedKeysKeepFirstPositionAndLastValueInLargeObjectsToo) {
  std::string text = "{";
  for (int i = 0; i < 50; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += R"("k3":"again","k40":"again"})";
  StatusOr<Value> expected = parse(text);
  ASSERT_TRUE(expected.ok());
  Arena arena;
  ArenaValue v = parsed(arena, text);
  EXPECT_EQ(v.size(), 50u);
  EXPECT_EQ(v.find("k40")->asString(), "again");
  EXPECT_EQ(serialize(v), serialize(*expected));
}

TEST(ArenaValueTest, ErrorsNameTheByteOffsetAsJsonParseDoes) {
  for (const char* text :
       {"[1,2", "{\"a\" 1}", "[1,]", "", "tru", "\"\\x\"", "[1] x", "\"\xff\"", "{\"a\":01}"}) {
    Arena arena;
    StatusOr<ArenaValue> value = parseInto(arena, text);
    ASSERT_FALSE(value.ok()) << text;
    EXPECT_EQ(value.status().message(), parse(text).status().message()) << text;
  }
  Arena arena;
  EXPECT_EQ(parseInto(arena, "[1,2").status().message(),
            "JSON parse error at byte 4: expected ',' or ']', found end of input");
}

TEST(ArenaValueTest, DeepNestingIsAnErrorNotACrash) {
  Arena arena;
  std::string deep(100000, '[');
  StatusOr<ArenaValue> value = parseInto(arena, deep + std::string(100000, ']'));
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.status().message().find("nesting deeper than 1024 levels"), std::string::npos);
  std::string ok_depth = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_EQ(reserialized(ok_depth), ok_depth);
}

TEST(ArenaValueTest, TreeOutlivesTheInputText) {
  Arena arena;
  auto text = std::make_unique<std::string>(R"({"name":"kept","list":["a","b"]})");
  ArenaValue v = parsed(arena, *text);
  text->assign(text->size(), 'x');
  text.reset();
  EXPECT_EQ(serialize(v), R"({"name":"kept","list":["a","b"]})");
}

TEST(ArenaValueTest, BuildsArraysAndObjectsByAppending) {
  Arena arena;
  ArenaValue list;  // null becomes an array on the first append
  for (int i = 0; i < 1000; ++i) list.append(arena, ArenaValue::integer(i));
  ASSERT_EQ(list.size(), 1000u);
  EXPECT_EQ(list.items()[999].asInt(), 999);

  ArenaValue object = ArenaValue::object();
  std::string key = "temporary";
  object.set(arena, key, ArenaValue::boolean(true));
  key = "overwritten";  // set() copied the key
  object.appendMember(arena, "n", ArenaValue());
  object.set(arena, "s", ArenaValue::string(arena, "x\"y"));
  object.set(arena, "temporary", ArenaValue::number(0.5));  // replaces, keeps the position
  object.set(arena, "empty", ArenaValue::array());
  EXPECT_EQ(serialize(object), R"({"temporary":0.5,"n":null,"s":"x\"y","empty":[]})");
  EXPECT_EQ(object.find("missing"), nullptr);
  EXPECT_EQ(ArenaValue::integer(3).find("x"), nullptr);
}

TEST(ArenaValueTest, AppendsToAParsedContainer) {
  Arena arena;
  ArenaValue v = parsed(arena, R"({"a":[1,2],"b":{}})");
  v.find("a")->append(arena, ArenaValue::integer(3));
  v.find("b")->set(arena, "c", ArenaValue::stringView("d"));
  v.set(arena, "e", ArenaValue::null());
  EXPECT_EQ(serialize(v), R"({"a":[1,2,3],"b":{"c":"d"},"e":null})");
}

TEST(ArenaValueTest, MergesObjectsKeyByKeyAndArraysElementWise) {
  Arena arena;
  ArenaValue target = parsed(arena, R"({"data":{"users":[{"id":"1"},{"id":"2"}],"n":1}})");
  ArenaValue source =
      parsed(arena, R"({"data":{"users":[{"name":"a"},{"id":"2b","name":"b"}],"more":true}})");
  mergeInto(arena, target, source);
  EXPECT_EQ(serialize(target),
            R"({"data":{"users":[{"id":"1","name":"a"},{"id":"2b","name":"b"}],"n":1,)"
            R"("more":true}})");
}

TEST(ArenaValueTest, MergeReplacesScalarsNullsMismatchedTypesAndArraysOfOtherLengths) {
  Arena arena;
  ArenaValue target = parsed(arena, R"({"s":1,"n":null,"o":{"x":1},"a":[1,2],"t":[1]})");
  ArenaValue source = parsed(arena, R"({"s":"two","n":{"y":2},"o":null,"a":[{"z":1}],"t":{}})");
  mergeInto(arena, target, source);
  EXPECT_EQ(serialize(target), R"({"s":"two","n":{"y":2},"o":null,"a":[{"z":1}],"t":{}})");
}

TEST(ArenaValueTest, OneSourceMergedInTwoPlacesCanBeExtendedSeparately) {
  Arena arena;
  ArenaValue root = parsed(arena, R"({"a":null,"b":null})");
  ArenaValue entity = ArenaValue::object();
  for (int i = 0; i < 3; ++i) entity.set(arena, "f" + std::to_string(i), ArenaValue::integer(i));
  mergeInto(arena, *root.find("a"), entity);  // capacity 4: one free slot, shared
  mergeInto(arena, *root.find("b"), entity);
  mergeInto(arena, *root.find("a"), parsed(arena, R"({"onlyA":1})"));
  mergeInto(arena, *root.find("b"), parsed(arena, R"({"onlyB":2})"));
  EXPECT_EQ(serialize(root), R"({"a":{"f0":0,"f1":1,"f2":2,"onlyA":1},)"
                             R"("b":{"f0":0,"f1":1,"f2":2,"onlyB":2}})");
  EXPECT_EQ(serialize(entity), R"({"f0":0,"f1":1,"f2":2})");
}

TEST(ArenaValueTest, VisitsEveryNodeThroughAtInPaths) {
  Arena arena;
  ArenaValue v = parsed(arena, R"({"data":{"users":[
      {"reviews":[{"product":{"upc":"1"}},{"product":{"upc":"2"}}]},
      {"reviews":[]},
      {"reviews":null},
      {"other":1},
      {"reviews":[{"product":{"upc":"3"}},{"product":null},{}]}]}})");
  std::vector<std::string> seen;
  using P = PathElement;
  forEachAtPath(v,
                {P::key("data"), P::key("users"), P::each(), P::key("reviews"), P::each(),
                 P::key("product"), P::key("upc")},
                [&](ArenaValue& upc) { seen.emplace_back(upc.asString()); });
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3"}));

  // The visitor may write: the executor inserts entity data at each position.
  int products = 0;
  forEachAtPath(
      v,
      {P::key("data"), P::key("users"), P::each(), P::key("reviews"), P::each(), P::key("product")},
      [&](ArenaValue& product) {
        if (product.isObject()) product.set(arena, "seen", ArenaValue::boolean(true));
        ++products;
      });
  EXPECT_EQ(products, 4);  // the null product is reached too; the review without one is not
  EXPECT_NE(serialize(v).find(R"({"upc":"3","seen":true})"), std::string::npos);

  seen.clear();
  forEachAtPath(v,
                {P::key("data"), P::key("users"), P::index(4), P::key("reviews"), P::index(0),
                 P::key("product"), P::key("upc")},
                [&](ArenaValue& upc) { seen.emplace_back(upc.asString()); });
  EXPECT_EQ(seen, (std::vector<std::string>{"3"}));
  forEachAtPath(v, {P::key("data"), P::key("users"), P::index(5)},
                [&](ArenaValue&) { ADD_FAILURE() << "index out of range reached a node"; });
}

TEST(ArenaValueTest, AtOncePerLevelWalksNestedLists) {
  Arena arena;
  ArenaValue v = parsed(arena, R"({"grid":[[{"id":1},{"id":2}],[],[{"id":3}]],"flat":[{"id":9}]})");
  std::vector<int64_t> ids;
  using P = PathElement;
  forEachAtPath(v, {P::key("grid"), P::each(), P::each(), P::key("id")},
                [&](ArenaValue& id) { ids.push_back(id.asInt()); });
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3}));
  int lists = 0;
  forEachAtPath(v, {P::key("grid"), P::each()}, [&](ArenaValue& list) {
    EXPECT_TRUE(list.isArray());
    ++lists;
  });
  EXPECT_EQ(lists, 3);
  forEachAtPath(v, {P::key("flat"), P::each(), P::each()},
                [&](ArenaValue&) { ADD_FAILURE() << "'@' over an object reached a node"; });
}

TEST(ArenaValueTest, GraphqlResponseRoundTripsLikeJsonValue) {
  std::string text = graphqlResponse(40);
  StatusOr<Value> expected = parse(text);
  ASSERT_TRUE(expected.ok());
  Arena arena;
  ArenaValue v = parsed(arena, text);
  EXPECT_EQ(serialize(v), serialize(*expected));
  EXPECT_EQ(serialize(v), text);  // the generator writes what JSON.stringify would
  EXPECT_EQ(toValue(v), *expected);
  EXPECT_EQ(serialize(fromValue(arena, *expected)), text);
}

}  // namespace
}  // namespace plexus::json
