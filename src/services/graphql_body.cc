#include "include/plexus/services.h"

namespace plexus {

json::Value& GraphQLBody::json() {
  if (!value_) {
    StatusOr<json::Value> parsed = json::parse(text_);
    if (parsed.ok()) {
      value_ = std::move(*parsed);
    } else {
      json::Value error = json::Value::object();
      error["message"] = "Invalid GraphQL response: " + parsed.status().message();
      json::Value errors = json::Value::array();
      errors.push(std::move(error));
      value_ = json::Value::object();
      (*value_)["errors"] = std::move(errors);
    }
  }
  text_stale_ = true;  // the caller may change it
  return *value_;
}

const std::string& GraphQLBody::text() {
  if (text_stale_) {
    text_ = json::serialize(*value_);
    text_stale_ = false;
  }
  return text_;
}

namespace supergraph {

Response Response::failure(int status, std::vector<graphql::GraphQLError> errors, Context context) {
  json::Value list = json::Value::array();
  for (const graphql::GraphQLError& error : errors) list.push(error.toJson());
  json::Value body = json::Value::object();
  body["errors"] = std::move(list);
  Response response;
  response.status = status;
  response.body = GraphQLBody(std::move(body));
  response.context = std::move(context);
  return response;
}

}  // namespace supergraph

}  // namespace plexus
