#include "src/graphql/printer.h"

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

namespace plexus::graphql {
namespace {

std::string reprint(std::string_view source) {
  ParseResult r = parse(std::string(source));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? print(r.document()) : "";
}

TEST(PrinterTest, PrintsOperationsInGraphqlJsLayout) {
  EXPECT_EQ(reprint("query { a }"), "{\n  a\n}");
  EXPECT_EQ(reprint("query Q($a: Int = 1 @d, $b: [String!]!) @x { f(a: $a, b: {c: [1, \"s\"]}) "
                    "@skip(if: true) { ...F ... on T { g } ... @include(if: $b) { h } } }"),
            "query Q($a: Int = 1 @d, $b: [String!]!) @x {\n"
            "  f(a: $a, b: {c: [1, \"s\"]}) @skip(if: true) {\n"
            "    ...F\n"
            "    ... on T {\n"
            "      g\n"
            "    }\n"
            "    ... @include(if: $b) {\n"
            "      h\n"
            "    }\n"
            "  }\n"
            "}");
  EXPECT_EQ(reprint("fragment F on T @d { a: b }"), "fragment F on T @d {\n  a: b\n}");
  EXPECT_EQ(reprint("mutation { a } subscription S { b }"),
            "mutation {\n  a\n}\n\nsubscription S {\n  b\n}");
}

TEST(PrinterTest, WrapsLongArgumentListsAt80Columns) {
  EXPECT_EQ(
      reprint(
          "{ field(argumentNumberOne: 1, argumentNumberTwo: 2, argumentNumberThree: 3, four: 4) }"),
      "{\n  field(\n    argumentNumberOne: 1\n    argumentNumberTwo: 2\n"
      "    argumentNumberThree: 3\n    four: 4\n  )\n}");
  EXPECT_EQ(
      reprint("{ field(argumentNumberOne: 1, argumentNumberTwo: 2, argumentNumberThree: 3) }"),
      "{\n  field(argumentNumberOne: 1, argumentNumberTwo: 2, argumentNumberThree: 3)\n}");
}

TEST(PrinterTest, PrintsStringsWithGraphqlJsEscapes) {
  EXPECT_EQ(printString("a\"b\\c\n\t\x01\xC2\x85\xC3\xA9"),
            "\"a\\\"b\\\\c\\n\\t\\u0001\\u0085\xC3\xA9\"");
  EXPECT_EQ(printBlockString("hello"), "\"\"\"hello\"\"\"");
  EXPECT_EQ(printBlockString("a\nb"), "\"\"\"\na\nb\n\"\"\"");
  EXPECT_EQ(printBlockString("  indented"), "\"\"\"  indented\"\"\"");
  EXPECT_EQ(printBlockString("ends with \""), "\"\"\"\nends with \"\n\"\"\"");
  EXPECT_EQ(printBlockString("has \"\"\" inside"), "\"\"\"has \\\"\"\" inside\"\"\"");
}

TEST(PrinterTest, PrintsTheTypeSystem) {
  const char* sdl =
      "\"\"\"Root\"\"\"\n"
      "schema @a {\n  query: Q\n  mutation: M\n}\n\n"
      "extend schema @b\n\n"
      "\"desc\"\ntype T implements A & B @k(f: \"id\") {\n"
      "  \"\"\"field\"\"\"\n  f(a: Int = 1 @deprecated, b: [String!]): [T!]! @x\n}\n\n"
      "interface A implements B {\n  id: ID\n}\n\n"
      "union U @u = A | B\n\n"
      "enum E {\n  ONE @deprecated(reason: \"no\")\n  TWO\n}\n\n"
      "input I @oneOf {\n  a: Int = 1\n  b: I\n}\n\n"
      "scalar S @specifiedBy(url: \"u\")\n\n"
      "directive @d(\n  \"\"\"doc\"\"\"\n  x: Int\n) repeatable on FIELD | OBJECT\n\n"
      "extend type T {\n  g: Int\n}\n\n"
      "extend union U = C\n\n"
      "extend enum E @e\n\n"
      "extend input I {\n  c: Int\n}\n\n"
      "extend scalar S @s\n\n"
      "extend interface A @i";
  EXPECT_EQ(reprint(sdl), sdl);
}

TEST(PrinterTest, KeepsAShorthandQueryApartFromABodilessDefinitionBeforeIt) {
  // Found by fuzz_parser: graphql-js prints "enum E\n\n{\n  a\n}", which reads back as an enum.
  EXPECT_EQ(reprint("enum E query { a }"), "enum E\n\nquery {\n  a\n}");
  EXPECT_EQ(reprint("enum E { A } { a }"), "enum E {\n  A\n}\n\n{\n  a\n}");
}

TEST(PrinterTest, RoundTripsThroughTheParser) {
  const char* kitchen_sink = R"(
    "op" query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
      whoever123is: node(id: [123, 456]) {
        id
        ... on User @onInlineFragment { field2 { id alias: field1(first: 10, after: $foo) @include(if: $foo) { id ...frag @onFragmentSpread } } }
        ... @skip(unless: $foo) { id }
        ... { id }
      }
    }
    mutation likeStory @onMutation { like(story: 123) @onField { story { id @onField } } }
    subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
      storyLikeSubscribe(input: $input) { story { likers { count } likeSentence { text } } }
    }
    fragment frag on Friend @onFragmentDefinition {
      foo(size: $size, bar: $b, obj: {key: "value", block: """
        block string uses \"""
      """})
    }
    { unnamed(truthy: true, falsy: false, nullish: null), query }
  )";
  std::string once = reprint(kitchen_sink);
  EXPECT_EQ(reprint(once), once);
}

}  // namespace
}  // namespace plexus::graphql
