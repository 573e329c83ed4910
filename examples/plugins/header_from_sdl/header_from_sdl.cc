// example.header_from_sdl — using the supergraph at creation (Apollo's supergraph-sdl example):
// the constructor parses PluginInit::supergraph_sdl once, reads the names of the subgraphs
// composed into it (`enum join__Graph { A @join__graph(name: "a", …) }`), and every supergraph
// response then carries them in a header. A supergraph that does not parse refuses the
// configuration. The plugin is created again for each new supergraph (a schema reload), so the
// header always names the subgraphs being served.
//
//   plugins:
//     example.header_from_sdl:
//       header: x-subgraphs   # default
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "src/graphql/parser.h"

namespace plexus::examples {
namespace {

struct HeaderFromSdlConfig {
  std::string header = "x-subgraphs";
};

// "a, b": the `name` of each @join__graph value of enum join__Graph, in order.
std::string subgraphNames(const std::string& sdl) {
  graphql::ParseResult parsed = graphql::parse(
      sdl, {.max_tokens = std::numeric_limits<uint32_t>::max(), .max_recursion = 500});
  if (!parsed.ok()) throw std::runtime_error(parsed.error().describe("supergraph"));
  std::string names;
  for (const graphql::ast::Definition* definition : parsed.document().definitions) {
    const auto* type = definition->as<graphql::ast::TypeDefinition>();
    if (type == nullptr || type->name->value != "join__Graph") continue;
    for (const graphql::ast::EnumValueDefinition* value : type->values) {
      for (const graphql::ast::Directive* directive : value->directives) {
        if (directive->name != "join__graph") continue;
        for (const graphql::ast::Argument* argument : directive->arguments) {
          if (argument->name != "name") continue;
          if (!names.empty()) names += ", ";
          names += argument->value->text;
        }
      }
    }
  }
  return names;
}

class HeaderFromSdl : public Plugin {
 public:
  using Config = HeaderFromSdlConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Names the supergraph's subgraphs in a response header")
        .field("header", &Config::header, string(), "The response header")
        .type();
  }
  explicit HeaderFromSdl(PluginInit<Config> init)
      : header_(std::move(init.config.header)), subgraphs_(subgraphNames(*init.supergraph_sdl)) {}

  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::mapResponse(std::move(next),
                               [header = header_, value = subgraphs_](supergraph::Response& r) {
                                 r.headers.set(header, value);
                               });
  }

 private:
  std::string header_;
  std::string subgraphs_;  // computed once, at creation
};

PLEXUS_REGISTER_PLUGIN("example", "header_from_sdl", HeaderFromSdl);

}  // namespace
}  // namespace plexus::examples
