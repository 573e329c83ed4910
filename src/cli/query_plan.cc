// query-plan: prints the plan Plexus makes for an operation over a supergraph, in Apollo's text
// form (or JSON with --json). For debugging plans and for bug reports.
//
//   query-plan --supergraph examples/supergraph/supergraph.graphql
//   examples/supergraph/query.graphql query-plan --supergraph s.graphql --operation Name --json
//   op.graphql query-plan --supergraph s.graphql --label my_label op.graphql   # progressive
//   override on
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "src/federation/planner.h"
#include "src/graphql/parser.h"
#include "src/graphql/validation/validate.h"
#include "src/json/value.h"

namespace {

constexpr std::string_view kUsage =
    "usage: query-plan --supergraph FILE [--operation NAME] [--label LABEL]... [--json] "
    "[--no-batch] OPERATION_FILE\n";

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace plexus;
  std::string supergraph_path;
  std::string operation_path;
  std::string operation_name;
  bool json = false;
  federation::PlanOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--supergraph" && has_value) {
      supergraph_path = argv[++i];
    } else if (arg == "--operation" && has_value) {
      operation_name = argv[++i];
    } else if (arg == "--label" && has_value) {
      options.enabled_override_labels.emplace_back(argv[++i]);
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--no-batch") {
      options.batch_entity_fetches = false;
    } else if (!arg.starts_with("-") && operation_path.empty()) {
      operation_path = arg;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (supergraph_path.empty() || operation_path.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  std::string sdl;
  std::string text;
  if (!readFile(supergraph_path, sdl)) {
    std::cerr << "query-plan: cannot read " << supergraph_path << "\n";
    return 1;
  }
  if (!readFile(operation_path, text)) {
    std::cerr << "query-plan: cannot read " << operation_path << "\n";
    return 1;
  }
  auto supergraph = federation::Supergraph::fromSdl(std::move(sdl), supergraph_path);
  if (!supergraph.ok()) {
    std::cerr << supergraph.status().message() << "\n";
    return 1;
  }
  auto parsed = graphql::parse(std::move(text));
  if (!parsed.ok()) {
    std::cerr << operation_path << ": " << parsed.error().describe() << "\n";
    return 1;
  }
  auto errors = graphql::validate((*supergraph)->apiSchema(), parsed.document());
  for (const auto& error : errors) std::cerr << operation_path << ": " << error.message << "\n";
  if (!errors.empty()) return 1;
  federation::Planner planner(*supergraph);
  auto plan = planner.plan(parsed.document(), operation_name, options);
  if (!plan.ok()) {
    std::cerr << "query-plan: " << plan.status().message() << "\n";
    return 1;
  }
  std::cout << (json ? json::serialize((*plan)->toJson()) : (*plan)->toText()) << "\n";
  return 0;
}
