#include "src/config/yaml_tree.h"

#include <yaml-cpp/yaml.h>

namespace plexus::config {

namespace {

constexpr size_t kMaxNodes = 1'000'000;  // aliases can multiply a small file ("billion laughs")
constexpr int kMaxDepth = 200;           // readers recurse once per level

std::string positionPrefix(std::string_view source_name, const YAML::Mark& mark) {
  std::string out(source_name);
  if (mark.line >= 0) {
    out += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  return out;
}

class Converter {
 public:
  explicit Converter(std::string_view source_name) : source_name_(source_name) {}

  StatusOr<YamlNode> convert(const YAML::Node& node, int depth) {
    if (++count_ > kMaxNodes) {
      return Status::error(std::string(source_name_) + ": invalid YAML: more than " +
                           std::to_string(kMaxNodes) + " nodes once aliases are expanded");
    }
    if (depth > kMaxDepth) {
      return Status::error(positionPrefix(source_name_, node.Mark()) +
                           ": invalid YAML: nested deeper than " + std::to_string(kMaxDepth) +
                           " levels");
    }
    YamlNode out;
    if (node.Mark().line >= 0) {
      out.line = node.Mark().line + 1;
      out.column = node.Mark().column + 1;
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::kNull;
        if (node.IsDefined()) out.text = node.Scalar();
        break;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::kScalar;
        out.text = node.Scalar();
        out.quoted = node.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::kSequence;
        for (const YAML::Node& item : node) {
          StatusOr<YamlNode> converted = convert(item, depth + 1);
          if (!converted.ok()) return converted.status();
          out.items.push_back(std::move(*converted));
        }
        break;
      case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::kMapping;
        for (auto it = node.begin(); it != node.end(); ++it) {
          StatusOr<YamlNode> key = convert(it->first, depth + 1);
          if (!key.ok()) return key.status();
          StatusOr<YamlNode> value = convert(it->second, depth + 1);
          if (!value.ok()) return value.status();
          out.entries.push_back({std::move(*key), std::move(*value)});
        }
        break;
    }
    return out;
  }

 private:
  std::string_view source_name_;
  size_t count_ = 0;
};

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key.isScalar() && entry.key.text == key) return &entry.value;
  }
  return nullptr;
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::kMapping: return "a mapping";
    case Kind::kSequence: return "a sequence";
    case Kind::kNull: return "null";
    case Kind::kScalar: break;
  }
  return "\"" + text + "\"";
}

StatusOr<YamlNode> parseYaml(std::string_view text, std::string_view source_name) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return Converter(source_name).convert(root, 0);
  } catch (const YAML::Exception& e) {
    return Status::error(positionPrefix(source_name, e.mark) + ": invalid YAML: " + e.msg);
  }
}

}  // namespace plexus::config
