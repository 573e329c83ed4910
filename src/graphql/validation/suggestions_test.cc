// "Did you mean" suggestions against graphql-js 16's suggestionList, didYouMean and
// naturalCompare (outputs recorded with graphql 16.15.0).
#include "src/graphql/validation/suggestions.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::graphql::validation {
namespace {

using Names = std::vector<std::string_view>;

TEST(SuggestionListTest, CaseChangesCountAsOneEditAndRankFirst) {
  Names options = {"name", "nickname", "age", "NAM", "Nam"};
  EXPECT_EQ(suggestionList("nam", options), (Names{"NAM", "Nam", "name"}));
}

TEST(SuggestionListTest, ExactMatchComesFirstAndDistantOptionsAreDropped) {
  Names options = {"GREEN", "RED", "BLUE", "GREENISH"};
  EXPECT_EQ(suggestionList("GREENISH", options), (Names{"GREENISH", "GREEN"}));
}

TEST(SuggestionListTest, TranspositionIsOneEditAndTiesSortNaturally) {
  Names options = {"acb", "bac", "cba", "ab", "abcd", "abce"};
  EXPECT_EQ(suggestionList("abc", options), (Names{"ab", "abcd", "abce", "acb", "bac", "cba"}));
}

TEST(SuggestionListTest, QuotedLiteralStillSuggestsTheEnumValue) {
  Names options = {"RED", "GREEN"};
  EXPECT_EQ(suggestionList("\"RED\"", options), (Names{"RED", "GREEN"}));
}

TEST(SuggestionListTest, RepeatedOptionsAreSuggestedOnce) {
  Names options = {"dog", "dog", "cat"};
  EXPECT_EQ(suggestionList("dgo", options), (Names{"dog"}));
}

TEST(SuggestionListTest, NoOptionsNoSuggestions) {
  EXPECT_TRUE(suggestionList("anything", {}).empty());
}

TEST(NaturalCompareTest, ComparesDigitRunsByValue) {
  EXPECT_LT(naturalCompare("a2", "a10"), 0);
  EXPECT_GT(naturalCompare("abc", "ab"), 0);
  EXPECT_EQ(naturalCompare("same", "same"), 0);
  // graphql-js stops a digit run after a leading zero: "010" reads as 0 then "10".
  EXPECT_LT(naturalCompare("a010", "a9"), 0);
  Names options = {"item2", "item10", "item1"};
  EXPECT_EQ(suggestionList("item10", options), (Names{"item10", "item1", "item2"}));
}

TEST(DidYouMeanTest, ListsAtMostFiveQuotedSuggestions) {
  std::string out;
  Names six = {"a", "b", "c", "d", "e", "f"};
  appendDidYouMean(out, six);
  EXPECT_EQ(out, " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?");
}

TEST(DidYouMeanTest, WordsOneTwoAndThreeSuggestions) {
  std::string one, two, three, none;
  appendDidYouMean(one, Names{"A"});
  appendDidYouMean(two, Names{"X", "Y"}, "the enum value");
  appendDidYouMean(three, Names{"A", "B", "C"});
  appendDidYouMean(none, Names{});
  EXPECT_EQ(one, " Did you mean \"A\"?");
  EXPECT_EQ(two, " Did you mean the enum value \"X\" or \"Y\"?");
  EXPECT_EQ(three, " Did you mean \"A\", \"B\", or \"C\"?");
  EXPECT_EQ(none, "");
}

TEST(JsSortTest, IsStableLikeV8) {
  std::vector<std::pair<int, char>> items = {{2, 'a'}, {1, 'b'}, {2, 'c'}, {1, 'd'}, {0, 'e'}};
  jsSort(items, [](const auto& x, const auto& y) { return x.first - y.first; });
  EXPECT_EQ(items,
            (std::vector<std::pair<int, char>>{{0, 'e'}, {1, 'b'}, {1, 'd'}, {2, 'a'}, {2, 'c'}}));
}

TEST(JsSortTest, SortsLongArraysStably) {
  std::vector<std::pair<int, int>> items;
  for (int i = 0; i < 200; ++i) items.emplace_back((i * 37) % 7, i);
  jsSort(items, [](const auto& x, const auto& y) { return x.first - y.first; });
  for (size_t i = 1; i < items.size(); ++i) {
    ASSERT_TRUE(items[i - 1].first < items[i].first ||
                (items[i - 1].first == items[i].first && items[i - 1].second < items[i].second));
  }
}

}  // namespace
}  // namespace plexus::graphql::validation
