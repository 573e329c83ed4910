// A YAML document as a small tree of plain nodes, so that configuration readers (and plugins that
// describe their own configuration) never see yaml-cpp, which stays inside yaml_tree.cc.
//
//   StatusOr<YamlNode> root = parseYaml("supergraph:\n  listen: 0.0.0.0:4000\n", "router.yaml");
//   if (!root.ok()) return root.status();   // "router.yaml:2:11: invalid YAML: …"
//   const YamlNode* listen = root->find("supergraph")->find("listen");
//   listen->text;                            // "0.0.0.0:4000", at listen->line 2, column 11
//
// Values: copyable, immutable once built, safe to share read-only across threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"

namespace plexus::config {

struct YamlNode {
  enum class Kind : uint8_t { kNull, kScalar, kMapping, kSequence };
  struct Entry;

  Kind kind = Kind::kNull;
  // A scalar's text as written (before `${…}` expansion); for null, what stood there ("~", "").
  std::string text;
  // A quoted or block scalar: always a string for YAML, never a boolean or a number.
  bool quoted = false;
  int line = 0;                 // 1-based; 0 when unknown
  int column = 0;               // 1-based; 0 when unknown
  std::vector<Entry> entries;   // kMapping, in file order
  std::vector<YamlNode> items;  // kSequence

  bool isNull() const { return kind == Kind::kNull; }
  bool isScalar() const { return kind == Kind::kScalar; }
  bool isMapping() const { return kind == Kind::kMapping; }
  bool isSequence() const { return kind == Kind::kSequence; }

  // The value of the first entry whose key is `key`; null when absent or not a mapping.
  const YamlNode* find(std::string_view key) const;
  // For messages: "a mapping", "a sequence", "null" or the scalar's text in quotes.
  std::string describe() const;
};

struct YamlNode::Entry {
  YamlNode key;  // a scalar for every key of a configuration file; readers check it
  YamlNode value;
};

// Parses one YAML document; an empty document is a null node. Errors name `source_name` and the
// position: "router.yaml:2:11: invalid YAML: end of map not found". Aliases are expanded; a
// document that expands past a million nodes or nests deeper than 200 levels is refused.
StatusOr<YamlNode> parseYaml(std::string_view text, std::string_view source_name);

}  // namespace plexus::config
