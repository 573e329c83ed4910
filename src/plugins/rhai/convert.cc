#include "src/plugins/rhai/convert.h"

namespace plexus::plugins::rhai {

using plexus::rhai::Value;

Value fromJson(const json::Value& value) {
  switch (value.type()) {
    case json::Value::Type::kNull: return Value();
    case json::Value::Type::kBool: return Value::boolean(value.asBool());
    case json::Value::Type::kInt: return Value::integer(value.asInt());
    case json::Value::Type::kDouble: return Value::real(value.asDouble());
    case json::Value::Type::kString: return Value::string(value.asString());
    case json::Value::Type::kArray: {
      plexus::rhai::Array out;
      out.reserve(value.asArray().size());
      for (const json::Value& v : value.asArray()) out.push_back(fromJson(v));
      return Value::array(std::move(out));
    }
    case json::Value::Type::kObject: {
      plexus::rhai::Map out;
      for (const auto& [k, v] : value.asObject()) out.insert_or_assign(k, fromJson(v));
      return Value::map(std::move(out));
    }
  }
  return Value();
}

json::Value toJson(const Value& value) {
  switch (value.type()) {
    case Value::Type::kUnit: return json::Value();
    case Value::Type::kBool: return json::Value(value.asBool());
    case Value::Type::kInt: return json::Value(value.asInt());
    case Value::Type::kFloat: return json::Value(value.asFloat());
    case Value::Type::kChar:
    case Value::Type::kString: return json::Value(value.display());
    case Value::Type::kArray: {
      json::Value out = json::Value::array();
      for (const Value& v : value.asArray()) out.push(toJson(v));
      return out;
    }
    case Value::Type::kMap: {
      json::Value out = json::Value::object();
      for (const auto& [k, v] : value.asMap()) out[k] = toJson(v);
      return out;
    }
    case Value::Type::kFnPtr: return json::Value(value.asFnPtr().name);
    default: return json::Value(std::string(value.typeName()));
  }
}

}  // namespace plexus::plugins::rhai
