// Tests for json::Value: parse, serialize (against JSON.stringify output), access helpers.
#include "src/json/value.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace plexus::json {
namespace {

Value parseOk(std::string_view text) {
  auto v = parse(text);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? *v : Value();
}

std::string errorOf(std::string_view text) {
  auto v = parse(text);
  EXPECT_FALSE(v.ok()) << text;
  return v.ok() ? std::string() : v.status().message();
}

TEST(JsonParseTest, ParsesEveryKindOfValue) {
  Value v = parseOk(R"( {"a": [1, 2.5, "x", true, false, null], "b": {}} )");
  ASSERT_TRUE(v.isObject());
  const Value* a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->asArray().size(), 6u);
  EXPECT_EQ(a->asArray()[0].asInt(), 1);
  EXPECT_EQ(a->asArray()[1].asDouble(), 2.5);
  EXPECT_EQ(a->asArray()[2].asString(), "x");
  EXPECT_TRUE(a->asArray()[3].asBool());
  EXPECT_FALSE(a->asArray()[4].asBool());
  EXPECT_TRUE(a->asArray()[5].isNull());
  EXPECT_TRUE(v.find("b")->isObject());
}

TEST(JsonParseTest, KeepsInt64ExactAndTurnsLargerIntegersIntoDoubles) {
  EXPECT_EQ(parseOk("9223372036854775807").asInt(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(parseOk("-9223372036854775808").asInt(), std::numeric_limits<int64_t>::min());
  Value big = parseOk("18446744073709551615");
  EXPECT_TRUE(big.isDouble());
  EXPECT_EQ(big.asDouble(), 18446744073709551615.0);
}

TEST(JsonParseTest, AcceptsWhatJsonParseAcceptsBeyondSimdjson) {
  // JSON.stringify(JSON.parse("[1e400, 123456789012345678901234567890, -0, 1E2, 1.0]"))
  EXPECT_EQ(serialize(parseOk("[1e400, 123456789012345678901234567890, -0, 1E2, 1.0]")),
            "[null,1.2345678901234568e+29,0,100,1]");
  // A lone surrogate survives a round trip as JSON.stringify writes it.
  EXPECT_EQ(serialize(parseOk(R"(["\ud800", "\udc00x", "\ud83d\ude00"])")),
            "[\"\\ud800\",\"\\udc00x\",\"\xF0\x9F\x98\x80\"]");
}

TEST(JsonParseTest, DecodesEscapes) {
  EXPECT_EQ(parseOk(R"("a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00")").asString(),
            "a\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonParseTest, RepeatedKeyKeepsFirstPositionAndLastValue) {
  EXPECT_EQ(serialize(parseOk(R"({"a":1,"b":2,"a":3})")), R"({"a":3,"b":2})");
  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += "\"k0\":\"last\"}";
  Value v = parseOk(many);
  EXPECT_EQ(v.asObject().size(), 40u);
  EXPECT_EQ(v.asObject()[0].second, Value("last"));
}

TEST(JsonParseTest, ErrorsNameTheByteOffset) {
  EXPECT_EQ(errorOf("[1,2"), "JSON parse error at byte 4: expected ',' or ']', found end of input");
  EXPECT_EQ(errorOf(R"({"a":tru})"),
            "JSON parse error at byte 5: invalid literal, expected 'true'");
  EXPECT_EQ(errorOf("[1,]"), "JSON parse error at byte 3: unexpected character ']'");
  EXPECT_EQ(errorOf("01"), "JSON parse error at byte 1: unexpected character '1'");
  EXPECT_EQ(errorOf("1."),
            "JSON parse error at byte 2: invalid number, expected a digit after '.'");
  EXPECT_EQ(errorOf(R"({"a" 1})"), "JSON parse error at byte 5: expected ':', found character '1'");
  EXPECT_EQ(errorOf("\"abc"), "JSON parse error at byte 0: unterminated string");
  EXPECT_EQ(errorOf("\"a\tb\""),
            "JSON parse error at byte 2: unescaped control character in string");
  EXPECT_EQ(errorOf("\"\\x\""), "JSON parse error at byte 1: invalid escape in string");
  EXPECT_EQ(errorOf("\"\\u00\""), "JSON parse error at byte 5: invalid \\u escape");
  EXPECT_EQ(errorOf("\"\xFF\""), "JSON parse error at byte 1: invalid UTF-8 in string");
  EXPECT_EQ(errorOf(""), "JSON parse error at byte 0: unexpected end of input");
  EXPECT_EQ(errorOf("  "), "JSON parse error at byte 2: unexpected end of input");
  EXPECT_EQ(errorOf("[1] x"), "JSON parse error at byte 4: unexpected character 'x'");
  EXPECT_EQ(errorOf("{1:2}"),
            "JSON parse error at byte 1: expected a string key, found character '1'");
}

TEST(JsonParseTest, RejectsNestingDeeperThan1024Levels) {
  std::string deep(2000, '[');
  EXPECT_EQ(errorOf(deep), "JSON parse error at byte 1024: nesting deeper than 1024 levels");
  std::string ok = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_TRUE(parse(ok).ok());
}

// Expected strings come from node: JSON.stringify(x) for each x.
TEST(JsonSerializeTest, FormatsNumbersAsJavaScriptDoes) {
  struct Case {
    double value;
    const char* js;
  } cases[] = {
      {1.5, "1.5"},
      {1e21, "1e+21"},
      {1e20, "100000000000000000000"},
      {0.1, "0.1"},
      {123456789012345680000.0, "123456789012345680000"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {5e-324, "5e-324"},
      {1e-7, "1e-7"},
      {0.000001, "0.000001"},
      {0.0000012345, "0.0000012345"},
      {-2.5e-8, "-2.5e-8"},
      {123.456, "123.456"},
      {100.0, "100"},
      {1e100, "1e+100"},
      {9007199254740992.0, "9007199254740992"},
      {4.35, "4.35"},
      {0.3, "0.3"},
      {1.0 / 3.0, "0.3333333333333333"},
      {-0.0, "0"},
      {12345678.9, "12345678.9"},
  };
  for (const Case& c : cases) EXPECT_EQ(serialize(Value(c.value)), c.js) << c.js;
  EXPECT_EQ(serialize(Value(std::nan(""))), "null");
  EXPECT_EQ(serialize(Value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(serialize(Value(int64_t{-9007199254740993})), "-9007199254740993");
}

TEST(JsonSerializeTest, AppendNumberWritesNonFiniteValuesAsStringDoes) {
  std::string out;
  appendNumber(std::numeric_limits<double>::infinity(), out);
  out += ' ';
  appendNumber(-std::numeric_limits<double>::infinity(), out);
  out += ' ';
  appendNumber(std::nan(""), out);
  EXPECT_EQ(out, "Infinity -Infinity NaN");
}

TEST(JsonSerializeTest, EscapesStringsAsJsonStringify) {
  // JSON.stringify("\u0001\u001f\"\\\b\f\n\r\t\u007f/é😀")
  std::string out;
  appendQuoted("\x01\x1f\"\\\b\f\n\r\t\x7f/\xC3\xA9\xF0\x9F\x98\x80", out);
  EXPECT_EQ(out, "\"\\u0001\\u001f\\\"\\\\\\b\\f\\n\\r\\t\x7f/\xC3\xA9\xF0\x9F\x98\x80\"");
}

TEST(JsonSerializeTest, EscapesInsideLongStringsWhereverTheyFall) {
  // Escapes at every offset of an 8-byte word (fast paths scan words), text after them,
  // a Hangul syllable (0xED lead byte, not a surrogate) and a lone surrogate kept as WTF-8.
  for (size_t offset = 0; offset < 9; ++offset) {
    std::string pad(offset, 'a');
    std::string out = "x";
    appendQuoted(pad + "\"" + pad + "\x01\xED\x95\x9C" + pad + "\xED\xA0\x80" + "0123456789", out);
    EXPECT_EQ(out,
              "x\"" + pad + "\\\"" + pad + "\\u0001\xED\x95\x9C" + pad + "\\ud800" + "0123456789\"")
        << offset;
  }
  std::string out;
  appendQuoted("a plain string longer than one word", out);
  EXPECT_EQ(out, "\"a plain string longer than one word\"");
}

TEST(JsonSerializeTest, IndentsLikeJsonStringifyWithSpaces) {
  Value v = parseOk(R"({"a":[1,{"b":[]},{}],"c":"x"})");
  EXPECT_EQ(serialize(v), R"({"a":[1,{"b":[]},{}],"c":"x"})");
  EXPECT_EQ(
      serialize(v, {.indent = 2}),
      "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x\"\n}");
  // JSON.stringify clamps the indent to 10 spaces.
  EXPECT_EQ(serialize(parseOk("[1]"), {.indent = 20}), "[\n          1\n]");
}

TEST(JsonValueTest, SubscriptTurnsNullIntoAnObjectAndAppendsKeysInOrder) {
  Value v;
  v["b"] = 1;
  v["a"] = "x";
  v["b"] = 2;
  EXPECT_EQ(serialize(v), R"({"b":2,"a":"x"})");
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_EQ(Value(1).find("a"), nullptr);
}

TEST(JsonValueTest, PushTurnsNullIntoAnArray) {
  Value v;
  v.push(1);
  v.push(Value::object());
  EXPECT_EQ(serialize(v), "[1,{}]");
}

TEST(JsonValueTest, EqualityComparesNumbersByValueAndObjectsInOrder) {
  EXPECT_EQ(Value(1), Value(1.0));
  EXPECT_NE(Value(1), Value(1.5));
  EXPECT_NE(Value(1), Value("1"));
  EXPECT_EQ(parseOk(R"({"a":[1,null]})"), parseOk(R"({"a":[1.0,null]})"));
  EXPECT_NE(parseOk(R"({"a":1,"b":2})"), parseOk(R"({"b":2,"a":1})"));
  EXPECT_NE(Value(), Value(false));
}

TEST(JsonValueTest, RoundTripsThroughSerialize) {
  const char* text = R"({"data":{"user":{"id":"1","tags":["a","b"],"score":-12.75,"ok":true}}})";
  EXPECT_EQ(serialize(parseOk(text)), text);
}

}  // namespace
}  // namespace plexus::json
