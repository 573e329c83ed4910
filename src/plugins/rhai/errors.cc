#include "src/plugins/rhai/errors.h"

#include "src/rhai/host.h"

namespace plexus::plugins::rhai {

using plexus::rhai::Value;

json::Value ErrorDetails::responseBody() const {
  if (body) return *body;
  json::Value error = json::Value::object();
  error["message"] = message;
  json::Value out = json::Value::object();
  out["errors"] = json::Value::array();
  out["errors"].push(std::move(error));
  return out;
}

ErrorDetails errorDetails(const plexus::rhai::EvalError& error) {
  ErrorDetails details;
  details.message = "rhai execution error: '" + error.describe() + "'";
  const plexus::rhai::EvalError& inner = error.innermost();
  if (inner.type != "ErrorRuntime" || !inner.value.is(Value::Type::kMap)) return details;
  // Deserialise #{status?: int, message?: string, body?: Response}; any mismatch keeps the
  // defaults, as a failed serde deserialisation does.
  const plexus::rhai::Map& thrown = inner.value.asMap();
  ErrorDetails custom = details;
  bool has_message_or_body = false;
  if (auto it = thrown.find("status"); it != thrown.end() && !it->second.isUnit()) {
    if (!it->second.is(Value::Type::kInt)) return details;
    int64_t status = it->second.asInt();
    if (status < 100 || status > 999) return details;
    custom.status = static_cast<int>(status);
  }
  if (auto it = thrown.find("message"); it != thrown.end() && !it->second.isUnit()) {
    if (!it->second.is(Value::Type::kString)) return details;
    custom.message = it->second.asString();
    has_message_or_body = true;
  }
  if (auto it = thrown.find("body"); it != thrown.end() && !it->second.isUnit()) {
    try {
      custom.body = graphqlResponseFrom(it->second);
    } catch (const plexus::rhai::HostError&) {
      return details;
    }
    has_message_or_body = true;
  }
  if (!has_message_or_body) custom.message = details.message;
  return custom;
}

}  // namespace plexus::plugins::rhai
