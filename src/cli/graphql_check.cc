// graphql-check: parses and validates GraphQL operations against a schema, as the router will
// before planning, and prints the errors in the GraphQL response shape.
//
//   graphql-check --schema examples/graphql/schema.graphql examples/graphql/invalid.graphql
//
// Exit status: 0 when every operation is valid, 1 when one is not, 2 on bad usage or a bad schema.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"
#include "src/json/value.h"

namespace {

constexpr const char* kUsage =
    "usage: graphql-check --schema SCHEMA.graphql [OPERATION.graphql ...]\n"
    "  Validates each operation file (or standard input when none is given) against the schema\n"
    "  and prints {\"errors\": [...]} for each invalid one.\n";

bool readFile(const std::string& path, std::string& out) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  out = buffer.str();
  return true;
}

// Validates one operation document; prints the outcome; returns whether it is valid.
bool check(const plexus::graphql::Schema& schema, const std::string& name, std::string source) {
  using namespace plexus;
  json::Value errors = json::Value::array();
  graphql::ParseResult parsed = graphql::parse(std::move(source));
  if (!parsed.ok()) {
    graphql::GraphQLError e{parsed.error().message, {parsed.error().location}, {}, {}};
    e.extensions["code"] = "GRAPHQL_PARSE_FAILED";
    errors.push(e.toJson());
  } else {
    for (const graphql::ValidationError& v : graphql::validate(schema, parsed.document())) {
      graphql::GraphQLError e = v.toError();
      e.extensions["code"] = "GRAPHQL_VALIDATION_FAILED";
      errors.push(e.toJson());
    }
  }
  if (errors.asArray().empty()) {
    std::printf("%s: valid\n", name.c_str());
    return true;
  }
  json::Value response = json::Value::object();
  response["errors"] = std::move(errors);
  std::printf("%s: invalid\n%s\n", name.c_str(), json::serialize(response, {.indent = 2}).c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_path;
  std::vector<std::string> operations;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--schema" && i + 1 < argc) {
      schema_path = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      std::fprintf(stderr, "graphql-check: unknown option %s\n%s", arg.c_str(), kUsage);
      return 2;
    } else {
      operations.push_back(arg);
    }
  }
  if (schema_path.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string sdl;
  if (!readFile(schema_path, sdl)) {
    std::fprintf(stderr, "graphql-check: cannot read %s\n", schema_path.c_str());
    return 2;
  }
  auto schema = plexus::graphql::Schema::fromSdl(std::move(sdl), schema_path);
  if (!schema.ok()) {
    std::fprintf(stderr, "graphql-check: invalid schema\n%s\n", schema.status().message().c_str());
    return 2;
  }
  if (operations.empty()) operations.push_back("-");
  bool all_valid = true;
  for (const std::string& path : operations) {
    std::string source;
    if (!readFile(path, source)) {
      std::fprintf(stderr, "graphql-check: cannot read %s\n", path.c_str());
      return 2;
    }
    all_valid = check(**schema, path, std::move(source)) && all_valid;
  }
  return all_valid ? 0 : 1;
}
