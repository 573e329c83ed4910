// "Did you mean …?" suggestions, exactly as graphql-js 16 words and orders them
// (jsutils/suggestionList, didYouMean, naturalCompare), so that our validation messages match
// graphql-js's byte for byte.
//
//   std::vector<std::string_view> names = {"name", "nickname", "age"};
//   auto suggestions = validation::suggestionList("nam", names);   // {"name"}
//   std::string message = "Cannot query field \"nam\" on type \"User\".";
//   validation::appendDidYouMean(message, suggestions);  // … Did you mean "name"?
//
// Pure functions; thread-safe. Only error paths call them, so they allocate freely.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plexus::graphql::validation {

// graphql-js naturalCompare: digit runs compare by value ("a2" < "a10"), the rest by UTF-16 unit.
int naturalCompare(std::string_view a, std::string_view b);

// graphql-js suggestionList: the options within a lexical (Damerau-Levenshtein, case-change = 1)
// distance of floor(0.4 * |input|) + 1, closest first, ties in natural order, duplicates once.
std::vector<std::string_view> suggestionList(std::string_view input,
                                             std::span<const std::string_view> options);

// graphql-js didYouMean: appends ` Did you mean "a", "b", or "c"?` (at most five), or
// ` Did you mean <sub_message> "a"?`; appends nothing when `suggestions` is empty.
void appendDidYouMean(std::string& out, std::span<const std::string_view> suggestions,
                      std::string_view sub_message = {});

// Sorts `items` as V8's Array.prototype.sort does with comparator `compare` (returning <0, 0,
// >0): stable, and for fewer than 64 items the same run detection and binary insertion, so
// even a comparator that is not a strict weak order (graphql-js has some) gives V8's result.
template <typename T, typename Compare>
void jsSort(std::vector<T>& items, Compare compare) {
  const size_t n = items.size();
  if (n < 2) return;
  if (n >= 64) {
    // Longer arrays take TimSort's merges; for a consistent comparator any stable sort agrees.
    std::vector<T> scratch;
    // Bottom-up stable merge sort keeps this header free of <algorithm>'s strict-weak demands.
    scratch.resize(n);
    for (size_t width = 1; width < n; width *= 2) {
      for (size_t lo = 0; lo < n; lo += 2 * width) {
        size_t mid = lo + width < n ? lo + width : n;
        size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
        size_t i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
          scratch[k++] = compare(items[j], items[i]) < 0 ? items[j++] : items[i++];
        while (i < mid) scratch[k++] = items[i++];
        while (j < hi) scratch[k++] = items[j++];
      }
      items.swap(scratch);
    }
    return;
  }
  // V8 CountAndMakeRun: an ascending or strictly descending prefix (reversed when descending).
  size_t run = 2;
  const bool descending = compare(items[1], items[0]) < 0;
  for (size_t i = 2; i < n; ++i) {
    const int order = compare(items[i], items[i - 1]);
    if (descending ? order >= 0 : order < 0) break;
    ++run;
  }
  if (descending) {
    for (size_t lo = 0, hi = run - 1; lo < hi; ++lo, --hi) std::swap(items[lo], items[hi]);
  }
  // V8 BinaryInsertionSort of the rest.
  for (size_t start = run; start < n; ++start) {
    T pivot = items[start];
    size_t left = 0, right = start;
    while (left < right) {
      const size_t mid = left + ((right - left) >> 1);
      if (compare(pivot, items[mid]) < 0) {
        right = mid;
      } else {
        left = mid + 1;
      }
    }
    for (size_t p = start; p > left; --p) items[p] = items[p - 1];
    items[left] = pivot;
  }
}

}  // namespace plexus::graphql::validation
