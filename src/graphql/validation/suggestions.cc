// graphql-js jsutils/suggestionList.ts, didYouMean.ts and naturalCompare.ts.
#include "src/graphql/validation/suggestions.h"

#include <algorithm>
#include <cstdint>

namespace plexus::graphql::validation {
namespace {

constexpr size_t kMaxSuggestions = 5;  // graphql-js didYouMean MAX_SUGGESTIONS

bool isDigit(int c) { return c >= '0' && c <= '9'; }

// charCodeAt: NaN (here -1) past the end.
int charAt(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : -1;
}

// The text as JavaScript sees it after toLowerCase(): UTF-16 code units. Names are ASCII; only
// printed values (enum suggestions for a string literal) may hold other characters, which are
// kept as they are (JavaScript would also lower-case non-ASCII letters).
void toLowerUtf16(std::string_view text, std::vector<uint16_t>& out) {
  out.clear();
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t length = 1;
    if (c >= 0xF0 && i + 3 < text.size()) {
      cp = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) | ((text[i + 2] & 0x3Fu) << 6) |
           (text[i + 3] & 0x3Fu);
      length = 4;
    } else if (c >= 0xE0 && i + 2 < text.size()) {
      cp = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
      length = 3;
    } else if (c >= 0xC0 && i + 1 < text.size()) {
      cp = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
      length = 2;
    }
    i += length;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<uint16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<uint16_t>(cp));
    }
  }
}

// graphql-js LexicalDistance: Damerau-Levenshtein with an early exit past `threshold`.
class LexicalDistance {
 public:
  explicit LexicalDistance(std::string_view input) : input_(input) {
    toLowerUtf16(input, input_lower_);
  }

  // The distance, or -1 when above `threshold`.
  int measure(std::string_view option, int threshold) {
    if (option == input_) return 0;
    toLowerUtf16(option, option_lower_);
    if (option_lower_ == input_lower_) return 1;  // any case change counts as one edit

    const std::vector<uint16_t>* a = &option_lower_;
    const std::vector<uint16_t>* b = &input_lower_;
    if (a->size() < b->size()) std::swap(a, b);
    const int a_length = static_cast<int>(a->size());
    const int b_length = static_cast<int>(b->size());
    if (a_length - b_length > threshold) return -1;

    for (auto& row : rows_) row.assign(b_length + 1, 0);
    for (int j = 0; j <= b_length; ++j) rows_[0][j] = j;
    for (int i = 1; i <= a_length; ++i) {
      std::vector<int>& up_row = rows_[(i - 1) % 3];
      std::vector<int>& current_row = rows_[i % 3];
      int smallest_cell = current_row[0] = i;
      for (int j = 1; j <= b_length; ++j) {
        const int cost = (*a)[i - 1] == (*b)[j - 1] ? 0 : 1;
        int current_cell = std::min({up_row[j] + 1, current_row[j - 1] + 1, up_row[j - 1] + cost});
        if (i > 1 && j > 1 && (*a)[i - 1] == (*b)[j - 2] && (*a)[i - 2] == (*b)[j - 1]) {
          current_cell = std::min(current_cell, rows_[(i - 2) % 3][j - 2] + 1);
        }
        if (current_cell < smallest_cell) smallest_cell = current_cell;
        current_row[j] = current_cell;
      }
      // Early exit: the distance cannot drop below the smallest cell of this row.
      if (smallest_cell > threshold) return -1;
    }
    const int distance = rows_[a_length % 3][b_length];
    return distance <= threshold ? distance : -1;
  }

  size_t inputLength() const { return input_lower_.size(); }

 private:
  std::string_view input_;
  std::vector<uint16_t> input_lower_;
  std::vector<uint16_t> option_lower_;
  std::vector<int> rows_[3];
};

}  // namespace

int naturalCompare(std::string_view a_str, std::string_view b_str) {
  size_t a_index = 0;
  size_t b_index = 0;
  while (a_index < a_str.size() && b_index < b_str.size()) {
    int a_char = charAt(a_str, a_index);
    int b_char = charAt(b_str, b_index);
    if (isDigit(a_char) && isDigit(b_char)) {
      // As graphql-js: a run stops after a leading zero ("007" reads as 0, 0, 7).
      double a_num = 0;
      do {
        ++a_index;
        a_num = a_num * 10 + (a_char - '0');
        a_char = charAt(a_str, a_index);
      } while (isDigit(a_char) && a_num > 0);
      double b_num = 0;
      do {
        ++b_index;
        b_num = b_num * 10 + (b_char - '0');
        b_char = charAt(b_str, b_index);
      } while (isDigit(b_char) && b_num > 0);
      if (a_num < b_num) return -1;
      if (a_num > b_num) return 1;
    } else {
      if (a_char < b_char) return -1;
      if (a_char > b_char) return 1;
      ++a_index;
      ++b_index;
    }
  }
  return static_cast<int>(a_str.size()) - static_cast<int>(b_str.size());
}

std::vector<std::string_view> suggestionList(std::string_view input,
                                             std::span<const std::string_view> options) {
  LexicalDistance lexical_distance(input);
  const int threshold = static_cast<int>(lexical_distance.inputLength() * 4 / 10) + 1;
  // Object.keys order: first insertion; a repeated option keeps its first slot and last distance.
  std::vector<std::pair<std::string_view, int>> by_distance;
  for (std::string_view option : options) {
    const int distance = lexical_distance.measure(option, threshold);
    if (distance < 0) continue;
    auto it = std::find_if(by_distance.begin(), by_distance.end(),
                           [&](const auto& entry) { return entry.first == option; });
    if (it == by_distance.end()) {
      by_distance.emplace_back(option, distance);
    } else {
      it->second = distance;
    }
  }
  jsSort(by_distance, [](const auto& a, const auto& b) {
    const int distance_diff = a.second - b.second;
    return distance_diff != 0 ? distance_diff : naturalCompare(a.first, b.first);
  });
  std::vector<std::string_view> result;
  result.reserve(by_distance.size());
  for (const auto& entry : by_distance) result.push_back(entry.first);
  return result;
}

void appendDidYouMean(std::string& out, std::span<const std::string_view> suggestions,
                      std::string_view sub_message) {
  if (suggestions.empty()) return;
  out += " Did you mean ";
  if (!sub_message.empty()) {
    out += sub_message;
    out += ' ';
  }
  auto quoted = [&out](std::string_view s) {
    out += '"';
    out += s;
    out += '"';
  };
  if (suggestions.size() == 1) {
    quoted(suggestions[0]);
  } else if (suggestions.size() == 2) {
    quoted(suggestions[0]);
    out += " or ";
    quoted(suggestions[1]);
  } else {
    const size_t count = std::min(suggestions.size(), kMaxSuggestions);
    for (size_t i = 0; i + 1 < count; ++i) {
      quoted(suggestions[i]);
      out += ", ";
    }
    out += "or ";
    quoted(suggestions[count - 1]);
  }
  out += '?';
}

}  // namespace plexus::graphql::validation
