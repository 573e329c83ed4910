// The GraphQL request and response bodies for scripts (RHAI_API.md §5.3).
#include "src/plugins/rhai/convert.h"
#include "src/plugins/rhai/objects.h"

namespace plexus::plugins::rhai {

namespace {

Value optionalString(const std::optional<std::string>& s) {
  return s ? Value::string(*s) : Value();
}

const std::string& requireString(std::string_view what, const Value& v) {
  if (!v.is(Value::Type::kString)) wrongType(what, "a string", v);
  return v.asString();
}

json::Value requireMap(std::string_view what, const Value& v) {
  if (!v.is(Value::Type::kMap)) wrongType(what, "an object map", v);
  return toJson(v);
}

// Vec<graphql::Error> from a script value: each entry an object map whose fields default
// (message "" when absent), keys as written (camelCase: message, locations, path, extensions).
json::Value errorsFrom(const Value& v) {
  if (!v.is(Value::Type::kArray)) wrongType("response.body.errors", "an array", v);
  json::Value out = json::Value::array();
  for (const Value& e : v.asArray()) {
    if (!e.is(Value::Type::kMap)) wrongType("an error", "an object map", e);
    json::Value error = json::Value::object();
    const plexus::rhai::Map& m = e.asMap();
    auto field = [&](std::string_view key) -> const Value* {
      auto it = m.find(key);
      return it == m.end() ? nullptr : &it->second;
    };
    const Value* message = field("message");
    error["message"] = message && !message->isUnit() ? json::Value(message->display()) : "";
    for (std::string_view key : {"locations", "path", "extensions"}) {
      const Value* f = field(key);
      if (!f || f->isUnit()) continue;
      if (key != "path" &&
          (f->is(Value::Type::kArray) ? f->asArray().empty()
                                      : f->is(Value::Type::kMap) && f->asMap().empty())) {
        continue;  // omitted when empty, as serde skips them
      }
      error[key] = toJson(*f);
    }
    out.push(std::move(error));
  }
  return out;
}

}  // namespace

std::shared_ptr<HostObject> GraphQLRequestObject::clone() const {
  return std::make_shared<GraphQLRequestObject>(*this);
}

std::optional<Value> GraphQLRequestObject::get(std::string_view name) {
  if (name == "query") return optionalString(query);
  if (name == "operation_name") return optionalString(operation_name);
  if (name == "variables") return fromJson(variables);
  if (name == "extensions") return fromJson(extensions);
  return std::nullopt;
}

bool GraphQLRequestObject::set(std::string_view name, Value& value) {
  if (name == "query") {
    query = requireString("request.body.query", value);
  } else if (name == "operation_name") {
    operation_name = requireString("request.body.operation_name", value);
  } else if (name == "variables") {
    variables = requireMap("request.body.variables", value);
  } else if (name == "extensions") {
    extensions = requireMap("request.body.extensions", value);
  } else {
    return false;
  }
  return true;
}

std::string GraphQLRequestObject::display() const {
  json::Value v = json::Value::object();
  v["query"] = query ? json::Value(*query) : json::Value();
  v["operationName"] = operation_name ? json::Value(*operation_name) : json::Value();
  v["variables"] = variables;
  v["extensions"] = extensions;
  return "Request " + json::serialize(v);
}

std::shared_ptr<HostObject> GraphQLResponseObject::clone() const {
  return std::make_shared<GraphQLResponseObject>(*this);
}

std::optional<Value> GraphQLResponseObject::get(std::string_view name) {
  auto field = [&](std::string_view key) -> Value {
    const json::Value* v = body.isObject() ? body.find(key) : nullptr;
    return v ? fromJson(*v) : Value();
  };
  if (name == "label" || name == "data") return field(name);
  if (name == "errors") {
    Value errors = field("errors");
    return errors.isUnit() ? Value::array({}) : errors;
  }
  if (name == "extensions") {
    Value extensions = field("extensions");
    return extensions.isUnit() ? Value::map({}) : extensions;
  }
  return std::nullopt;
}

bool GraphQLResponseObject::set(std::string_view name, Value& value) {
  if (!body.isObject()) body = json::Value::object();
  if (name == "label") {
    body["label"] = requireString("response.body.label", value);
  } else if (name == "data") {
    body["data"] = requireMap("response.body.data", value);
  } else if (name == "errors") {
    body["errors"] = errorsFrom(value);
  } else if (name == "extensions") {
    body["extensions"] = requireMap("response.body.extensions", value);
  } else {
    return false;
  }
  return true;
}

std::string GraphQLResponseObject::display() const { return "Response " + json::serialize(body); }

// The value a thrown map's `body` becomes: a GraphQL response built field by field, as
// deserialising graphql::Response does (unknown fields ignored). Declared in errors.h.
json::Value graphqlResponseFrom(const Value& v) {
  if (!v.is(Value::Type::kMap)) wrongType("body", "an object map", v);
  GraphQLResponseObject response(json::Value::object());
  for (const auto& [key, value] : v.asMap()) {
    if (key == "data" && value.isUnit()) {
      response.body["data"] = json::Value();
    } else if (key == "label" || key == "data" || key == "errors" || key == "extensions") {
      Value copy = value;
      response.set(key, copy);
    } else if (key == "path") {
      response.body["path"] = toJson(value);
    }
  }
  return response.body;
}

}  // namespace plexus::plugins::rhai
