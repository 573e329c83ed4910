#include "src/plugins/headers/json_path.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <optional>
#include <utility>

namespace plexus::plugins::headers {

namespace {

using Segment = JsonPath::Segment;
using Kind = Segment::Kind;

// jsonpath-rust's key_lim: the characters of an unquoted key.
bool isKeyChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-' || c == '/' || c == '\\' || c == '#' || u >= 0x80;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  // path : '$'? segment*
  StatusOr<std::vector<Segment>> parse() {
    if (text_.empty()) return fail("expected a path");
    if (peek('$')) ++at_;
    std::vector<Segment> segments;
    while (at_ < text_.size()) {
      std::optional<Segment> segment = parseSegment();
      if (!segment) return fail(problem_);
      segments.push_back(std::move(*segment));
    }
    return segments;
  }

 private:
  // segment : '..' ('*' | key) | '.' ('*' | 'length()' | key | bracket) | bracket
  std::optional<Segment> parseSegment() {
    if (peek('.') && at_ + 1 < text_.size() && text_[at_ + 1] == '.') {
      at_ += 2;
      if (peek('*')) {
        ++at_;
        return Segment{.kind = Kind::kDescentAll};
      }
      std::string key = parseKey();
      if (key.empty()) return error("expected a key or '*' after '..'");
      return Segment{.kind = Kind::kDescent, .keys = {std::move(key)}};
    }
    if (peek('.')) {
      ++at_;
      if (peek('*')) {
        ++at_;
        return Segment{.kind = Kind::kWildcard};
      }
      if (peek('[')) return parseBracket();
      if (text_.substr(at_).starts_with("length()")) {
        at_ += 8;
        return Segment{.kind = Kind::kLength};
      }
      std::string key = parseKey();
      if (key.empty()) return error("expected a key after '.'");
      return Segment{.kind = Kind::kField, .keys = {std::move(key)}};
    }
    if (peek('[')) return parseBracket();
    return error("expected '.' or '['");
  }

  // bracket : '[' ( '*' | quoted (',' quoted)* | slice | integer (',' integer)* ) ']'
  std::optional<Segment> parseBracket() {
    ++at_;  // '['
    skipSpaces();
    Segment segment{.kind = Kind::kWildcard};
    if (peek('*')) {
      ++at_;
    } else if (peek('?')) {
      return error("filter expressions are not supported");
    } else if (peek('\'') || peek('"')) {
      segment.kind = Kind::kKeys;
      do {
        skipSpaces();
        std::optional<std::string> key = parseQuoted();
        if (!key) return std::nullopt;
        segment.keys.push_back(std::move(*key));
        skipSpaces();
      } while (consume(','));
      if (segment.keys.size() == 1) segment.kind = Kind::kField;
    } else {
      std::optional<int64_t> first;
      if (!peek(':')) {
        first = parseInteger();
        if (!first) return error("expected '*', a quoted key, an index or a slice");
      }
      skipSpaces();
      if (peek(':')) {
        segment.kind = Kind::kSlice;
        segment.start = first.value_or(0);
        if (!parseSliceRest(segment)) return std::nullopt;
      } else {
        segment.kind = Kind::kIndexes;
        std::optional<int64_t> index = first;
        while (true) {
          if (*index < 0) return error("negative indexes are not supported outside a slice");
          segment.indexes.push_back(static_cast<size_t>(*index));
          skipSpaces();
          if (!consume(',')) break;
          skipSpaces();
          index = parseInteger();
          if (!index) return error("expected an index");
        }
      }
    }
    skipSpaces();
    if (!consume(']')) return error("expected ']'");
    return segment;
  }

  // slice : start? ':' end? (':' step?)?
  bool parseSliceRest(Segment& segment) {
    ++at_;  // ':'
    skipSpaces();
    if (!peek(':') && !peek(']')) {
      std::optional<int64_t> end = parseInteger();
      if (!end) {
        error("expected the end of the slice");
        return false;
      }
      segment.end = *end;
    }
    skipSpaces();
    if (consume(':')) {
      skipSpaces();
      if (!peek(']')) {
        std::optional<int64_t> step = parseInteger();
        if (!step || *step <= 0) {
          error("expected a positive step");
          return false;
        }
        segment.step = *step;
      }
    }
    return true;
  }

  std::string parseKey() {
    size_t start = at_;
    while (at_ < text_.size() && isKeyChar(text_[at_])) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  std::optional<std::string> parseQuoted() {
    char quote = peek('\'') ? '\'' : peek('"') ? '"' : '\0';
    if (quote == '\0') return error("expected a quoted key");
    ++at_;
    std::string key;
    while (at_ < text_.size() && text_[at_] != quote) {
      if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
      key += text_[at_++];
    }
    if (!consume(quote)) return error("unterminated quoted key");
    return key;
  }

  std::optional<int64_t> parseInteger() {
    int64_t value = 0;
    const char* begin = text_.data() + at_;
    auto [end, ec] = std::from_chars(begin, text_.data() + text_.size(), value);
    if (ec != std::errc() || end == begin) return std::nullopt;
    at_ += static_cast<size_t>(end - begin);
    return value;
  }

  bool peek(char c) const { return at_ < text_.size() && text_[at_] == c; }
  bool consume(char c) {
    if (!peek(c)) return false;
    ++at_;
    return true;
  }
  void skipSpaces() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  std::nullopt_t error(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem) + " at " + std::to_string(at_);
    return std::nullopt;
  }
  Status fail(std::string_view problem) const {
    return Status::error("invalid JSONPath \"" + std::string(text_) +
                         "\": " + std::string(problem));
  }

  std::string_view text_;
  size_t at_ = 0;
  std::string problem_;
};

using Selection = std::vector<const json::Value*>;

void descend(const Segment& segment, const json::Value& value, Selection& out,
             std::deque<json::Value>& owned);

// serde_json_bytes::path::select for one segment and one value.
void select(const Segment& segment, const json::Value& value, Selection& out,
            std::deque<json::Value>& owned) {
  switch (segment.kind) {
    case Kind::kField:
    case Kind::kKeys:
      if (value.isObject()) {
        for (const std::string& key : segment.keys)
          if (const json::Value* found = value.find(key)) out.push_back(found);
      }
      break;
    case Kind::kIndexes:
      if (value.isArray()) {
        for (size_t index : segment.indexes)
          if (index < value.asArray().size()) out.push_back(&value.asArray()[index]);
      }
      break;
    case Kind::kSlice: {
      if (!value.isArray()) break;
      const auto& array = value.asArray();
      auto len = static_cast<int64_t>(array.size());
      int64_t start = segment.start >= 0 ? std::min(segment.start, len)
                                         : std::max<int64_t>(0, len + segment.start);
      int64_t end = segment.end == 0  ? len
                    : segment.end > 0 ? std::min(segment.end, len)
                                      : std::max<int64_t>(0, len + segment.end);
      for (int64_t i = start; i < len && i < end; i += segment.step)
        out.push_back(&array[static_cast<size_t>(i)]);
      break;
    }
    case Kind::kWildcard:
      if (value.isObject()) {
        for (const auto& member : value.asObject()) out.push_back(&member.second);
      } else if (value.isArray()) {
        for (const json::Value& element : value.asArray()) out.push_back(&element);
      }
      break;
    case Kind::kDescent:
    case Kind::kDescentAll: descend(segment, value, out, owned); break;
    case Kind::kLength:
      if (value.isArray()) {
        owned.emplace_back(static_cast<int64_t>(value.asArray().size()));
        out.push_back(&owned.back());
      }
      break;
  }
}

// JsonPath::Descent (`..key`): an object's own `key`, then every value searched in turn; an
// array's elements searched. DescentW (`..*`): every child, then every child searched.
void descend(const Segment& segment, const json::Value& value, Selection& out,
             std::deque<json::Value>& owned) {
  Selection children;
  if (value.isObject()) {
    for (const auto& member : value.asObject()) children.push_back(&member.second);
  } else if (value.isArray()) {
    for (const json::Value& element : value.asArray()) children.push_back(&element);
  }
  if (segment.kind == Kind::kDescent) {
    if (value.isObject())
      if (const json::Value* found = value.find(segment.keys[0])) out.push_back(found);
  } else {
    out.insert(out.end(), children.begin(), children.end());
  }
  for (const json::Value* child : children) descend(segment, *child, out, owned);
}

}  // namespace

StatusOr<JsonPath> JsonPath::parse(std::string_view text) {
  StatusOr<std::vector<Segment>> segments = Parser(text).parse();
  if (!segments.ok()) return segments.status();
  JsonPath path;
  path.segments_ = std::move(*segments);
  return path;
}

json::Value JsonPath::find(const json::Value& root) const {
  std::deque<json::Value> owned;  // values a segment makes (lengths); its elements never move
  Selection current{&root};
  for (const Segment& segment : segments_) {
    Selection next;
    for (const json::Value* value : current) select(segment, *value, next, owned);
    current = std::move(next);
  }
  if (current.empty()) return json::Value();
  if (current.size() == 1) return *current[0];
  json::Value array = json::Value::array();
  for (const json::Value* value : current) array.push(*value);
  return array;
}

}  // namespace plexus::plugins::headers
