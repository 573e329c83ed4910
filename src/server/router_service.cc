#include "src/server/router_service.h"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <utility>
#include <variant>

#include "src/graphql/introspection.h"
#include "src/graphql/operation_limits.h"
#include "src/graphql/parser.h"
#include "src/graphql/printer.h"
#include "src/graphql/validation/validate.h"
#include "src/graphql/values.h"
#include "src/server/graphql_http.h"
#include "src/server/landing/landing.h"
#include "src/telemetry/log.h"

namespace plexus::server {

namespace ast = graphql::ast;

namespace {

graphql::GraphQLError withCode(graphql::GraphQLError error, std::string_view code) {
  if (!error.extensions.isObject()) error.extensions = json::Value::object();
  error.extensions["code"] = code;
  return error;
}

const ast::FragmentDefinition* findFragment(const ast::Document& document, std::string_view name) {
  for (const ast::Definition* definition : document.definitions) {
    if (auto* fragment = definition->as<ast::FragmentDefinition>()) {
      if (fragment->name == name) return fragment;
    }
  }
  return nullptr;
}

// Classifies the root fields of an operation, through fragments (validated: no cycles).
void scanRootFields(const ast::Document& document, const ast::SelectionSet* selection_set,
                    PreparedOperation& out, int depth = 0) {
  if (selection_set == nullptr || depth > 64) return;
  for (const ast::Selection* selection : selection_set->selections) {
    if (auto* field = selection->as<ast::Field>()) {
      bool schema_field = field->name == "__schema" || field->name == "__type";
      if (schema_field && out.schema_introspection == nullptr) out.schema_introspection = field;
      if (!schema_field && field->name != "__typename") out.introspection_only = false;
    } else if (auto* inline_fragment = selection->as<ast::InlineFragment>()) {
      scanRootFields(document, inline_fragment->selection_set, out, depth + 1);
    } else if (auto* spread = selection->as<ast::FragmentSpread>()) {
      if (const ast::FragmentDefinition* fragment = findFragment(document, spread->name)) {
        scanRootFields(document, fragment->selection_set, out, depth + 1);
      }
    }
  }
}

// graphql-js getOperationAST's rules, with its messages.
std::variant<const ast::OperationDefinition*, std::string> selectOperation(
    const ast::Document& document, std::string_view name) {
  const ast::OperationDefinition* found = nullptr;
  for (const ast::Definition* definition : document.definitions) {
    auto* operation = definition->as<ast::OperationDefinition>();
    if (operation == nullptr) continue;
    if (name.empty()) {
      if (found != nullptr) {
        return std::string("Must provide operation name if query contains multiple operations.");
      }
      found = operation;
    } else if (operation->name == name) {
      return operation;
    }
  }
  if (found != nullptr) return found;
  if (name.empty()) return std::string("Must provide an operation.");
  return "Unknown operation named \"" + std::string(name) + "\".";
}

}  // namespace

RouterService::RouterService(std::shared_ptr<const federation::Supergraph> supergraph,
                             config::RouterConfig config, RouterServiceOptions options,
                             StageWrappers wrappers)
    : supergraph_(std::move(supergraph)),
      config_(std::move(config)),
      planner_(supergraph_),
      health_(std::move(options.health)),
      endpoints_(std::move(options.endpoints)),
      wrappers_(std::move(wrappers)),
      operations_(options.operation_cache_entries),
      plans_(options.plan_cache_entries) {}

std::vector<std::string> drawOverrideLabels(const std::vector<std::string>& labels,
                                            const std::vector<std::string>& enabled) {
  std::vector<std::string> on;
  thread_local std::mt19937_64 random(std::random_device{}());
  for (const std::string& label : labels) {
    if (label.starts_with("percent(") && label.ends_with(")")) {
      double percent = std::strtod(label.c_str() + 8, nullptr);
      if (std::uniform_real_distribution<double>(0, 100)(random) < percent) on.push_back(label);
    } else if (std::find(enabled.begin(), enabled.end(), label) != enabled.end()) {
      on.push_back(label);
    }
  }
  return on;
}

RouterService::~RouterService() = default;

std::optional<RequestFailure> RouterService::checkOperationLimits(
    const PreparedOperation& operation) const {
  const config::LimitsConfig& config = config_.limits;
  graphql::OperationLimitsConfig limits{.max_depth = config.max_depth,
                                        .max_height = config.max_height,
                                        .max_root_fields = config.max_root_fields,
                                        .max_aliases = config.max_aliases,
                                        .warn_only = config.warn_only};
  if (!limits.any()) return std::nullopt;
  graphql::OperationMeasures measured =
      graphql::measureOperation(*operation.document, *operation.operation);
  std::vector<graphql::GraphQLError> errors = graphql::exceededLimits(measured, limits);
  if (errors.empty()) return std::nullopt;
  if (limits.warn_only) {
    log::warn("request exceeded complexity limits",
              {{"depth", std::to_string(measured.depth)},
               {"height", std::to_string(measured.height)},
               {"root_fields", std::to_string(measured.root_fields)},
               {"aliases", std::to_string(measured.aliases)},
               {"operation_name", operation.operation->name}});
    return std::nullopt;
  }
  return RequestFailure{.status = 400, .errors = std::move(errors)};
}

std::variant<std::shared_ptr<const PreparedOperation>, RequestFailure> RouterService::prepare(
    const supergraph::Request& request) const {
  std::string key = LruCache<PreparedOperation>::key(request.query, request.operation_name);
  if (std::shared_ptr<const PreparedOperation> cached = operations_.find(key)) return cached;

  auto operation = std::make_shared<PreparedOperation>();
  graphql::ParseResult parsed = graphql::parse(
      request.query, graphql::ParseOptions{.max_tokens = config_.limits.parser_max_tokens,
                                           .max_recursion = config_.limits.parser_max_recursion});
  if (!parsed.ok()) {
    graphql::GraphQLError error;
    error.message = parsed.error().message;
    error.locations = {parsed.error().location};
    return RequestFailure{.status = 400,
                          .errors = {withCode(std::move(error), "GRAPHQL_PARSE_FAILED")}};
  }
  operation->document = parsed.takeDocument();
  const graphql::Schema& api = supergraph_->apiSchema();
  graphql::ValidationOptions validation;
  validation.introspection_depth_rule = config_.limits.introspection_max_depth;
  std::vector<graphql::ValidationError> invalid =
      graphql::validate(api, *operation->document, validation);
  if (!invalid.empty()) {
    RequestFailure failure{.status = 400, .errors = {}};
    for (const graphql::ValidationError& error : invalid) {
      failure.errors.push_back(withCode(error.toError(), "GRAPHQL_VALIDATION_FAILED"));
    }
    return failure;
  }
  auto selected = selectOperation(*operation->document, request.operation_name);
  if (auto* message = std::get_if<std::string>(&selected)) {
    return RequestFailure::of(400, std::move(*message), "GRAPHQL_VALIDATION_FAILED");
  }
  operation->operation = std::get<const ast::OperationDefinition*>(selected);
  if (std::optional<RequestFailure> exceeded = checkOperationLimits(*operation)) return *exceeded;
  operation->introspection_only = true;
  scanRootFields(*operation->document, operation->operation->selection_set, *operation);
  operation->normalized = LruCache<PreparedOperation>::key(graphql::print(*operation->document),
                                                           operation->operation->name);
  operations_.insert(std::move(key), operation);
  return operation;
}

void RouterService::recordOperation(const ast::OperationDefinition& operation,
                                    Context& context) const {
  if (!operation.name.empty())
    context.insert("apollo::supergraph::operation_name", json::Value(operation.name));
  context.insert("apollo::supergraph::operation_kind",
                 json::Value(ast::operationTypeName(operation.operation)));
}

supergraph::Service RouterService::supergraphCore(execution::Service next) const {
  return [this, next = std::move(next)](supergraph::Request request,
                                        Reply<supergraph::Response> reply) {
    runSupergraph(std::move(request), std::move(reply), next);
  };
}

void RouterService::runSupergraph(supergraph::Request request, Reply<supergraph::Response> reply,
                                  const execution::Service& next) const {
  auto fail = [&](RequestFailure failure) {
    supergraph::Response response =
        supergraph::Response::failure(failure.status, std::move(failure.errors), request.context);
    if (failure.status == 405) response.headers.add("allow", "POST");
    reply(std::move(response));
  };
  if (request.query.empty()) return fail(missingQuery());
  auto prepared_or_failure = prepare(request);
  if (auto* failure = std::get_if<RequestFailure>(&prepared_or_failure)) {
    return fail(std::move(*failure));
  }
  std::shared_ptr<const PreparedOperation> prepared =
      std::get<std::shared_ptr<const PreparedOperation>>(std::move(prepared_or_failure));

  // Per-request checks.
  if (prepared->schema_introspection != nullptr && !config_.supergraph.introspection) {
    graphql::GraphQLError error;
    error.message =
        "GraphQL introspection has been disabled, but the requested query contained the field \"" +
        std::string(prepared->schema_introspection->name) + "\".";
    error.locations = {prepared->schema_introspection->loc};
    return fail(RequestFailure{.status = 400,
                               .errors = {withCode(std::move(error), "INTROSPECTION_DISABLED")}});
  }
  const ast::OperationDefinition& operation = *prepared->operation;
  recordOperation(operation, request.context);  // again: a supergraph plugin may change the query
  if (operation.operation == ast::OperationType::kSubscription) {
    return fail(RequestFailure::of(400, "Subscriptions are not supported by this router.",
                                   "SUBSCRIPTIONS_NOT_SUPPORTED"));
  }
  if (config_.forbid_mutations && operation.operation == ast::OperationType::kMutation) {
    return fail(RequestFailure::of(400, "Mutations are forbidden", "MUTATION_FORBIDDEN"));
  }
  if (request.http.method == "GET" && operation.operation == ast::OperationType::kMutation) {
    return fail(
        RequestFailure::of(405, "Mutations can only be sent over HTTP POST", "MUTATION_FORBIDDEN"));
  }
  graphql::CoercedVariables variables = graphql::coerceVariableValues(
      supergraph_->apiSchema(), operation.variables, request.variables);
  if (!variables.ok()) {
    RequestFailure failure{.status = 400, .errors = {}};
    for (graphql::GraphQLError& error : variables.errors) {
      failure.errors.push_back(withCode(std::move(error), "VALIDATION_INVALID_TYPE_VARIABLE"));
    }
    return fail(std::move(failure));
  }

  if (prepared->introspection_only) {
    graphql::ExecutionResult result = graphql::executeIntrospectionOperation(
        supergraph_->apiSchema(), *prepared->document, operation, variables.values);
    supergraph::Response response;
    response.body = GraphQLBody(json::serialize(result.toJson()));
    response.context = std::move(request.context);
    return reply(std::move(response));
  }

  // Plan, or reuse the plan of the same normalized operation under the same override labels.
  std::vector<std::string> labels = drawOverrideLabels(planner_.overrideLabels(), {});
  // The usual case (no labels on) looks the plan up without building a key.
  std::string labelled;
  if (!labels.empty()) {
    labelled = prepared->normalized;
    for (const std::string& label : labels) labelled.append(1, '\0').append(label);
  }
  const std::string& plan_key = labels.empty() ? prepared->normalized : labelled;
  std::shared_ptr<const federation::QueryPlan> plan = plans_.find(plan_key);
  if (!plan) {
    federation::PlanOptions plan_options;
    plan_options.enabled_override_labels = std::move(labels);
    auto planned = planner_.plan(*prepared->document, prepared->operation->name, plan_options);
    if (!planned.ok()) {
      return fail(RequestFailure::of(400, planned.status().message(), "QUERY_PLANNING_FAILED"));
    }
    plan = std::move(*planned);
    plans_.insert(plan_key, plan);
  }

  execution::Request execution_request;
  execution_request.plan = std::move(plan);
  execution_request.operation = std::move(prepared);
  execution_request.variables = std::move(variables.values);
  execution_request.context = request.context;
  execution_request.supergraph = std::make_shared<const supergraph::Request>(std::move(request));
  next(std::move(execution_request), [reply = std::move(reply)](execution::Response response) {
    supergraph::Response out;
    out.status = response.status;
    out.headers = std::move(response.headers);
    out.body = std::move(response.body);
    out.context = std::move(response.context);
    reply(std::move(out));
  });
}

std::shared_ptr<const Pipeline> RouterService::pipeline(
    std::shared_ptr<execution::SubgraphFetcher> fetcher) const {
  CoreServices cores;
  cores.router = [this](supergraph::Service next) { return routerCore(std::move(next)); };
  cores.supergraph = [this](execution::Service next) { return supergraphCore(std::move(next)); };
  cores.execution = [this](std::shared_ptr<const SubgraphServices> subgraphs) {
    return executionCore(std::move(subgraphs));
  };
  cores.subgraph = [fetcher](std::string_view) { return subgraphCore(fetcher); };
  std::vector<std::string> names;
  for (const federation::Subgraph& subgraph : supergraph_->subgraphs()) {
    names.emplace_back(subgraph.name);
  }
  Pipeline pipeline = buildPipeline(cores, wrappers_, names);
  if (!endpoints_.empty()) {
    // Plugins' web endpoints answer their paths themselves, outside the router-stage layers, as
    // Apollo Router's web_endpoints do.
    pipeline.router = [endpoints = endpoints_, graphql = std::move(pipeline.router)](
                          router::Request request, Reply<router::Response> reply) {
      std::string_view path = request.http.path();
      for (const WebEndpoint& endpoint : endpoints) {
        if (pathMatches(endpoint.path, path)) {
          return endpoint.service(std::move(request), std::move(reply));
        }
      }
      graphql(std::move(request), std::move(reply));
    };
  }
  return std::make_shared<const Pipeline>(std::move(pipeline));
}

void RouterService::handle(http::Request& request, execution::SubgraphFetcher& fetcher,
                           http::Responder respond) {
  std::shared_ptr<const Pipeline> pipeline = this->pipeline(
      std::shared_ptr<execution::SubgraphFetcher>(&fetcher, [](execution::SubgraphFetcher*) {}));
  router::Request router_request;
  router_request.http = request;
  pipeline->router(std::move(router_request),
                   [pipeline, respond = std::move(respond)](router::Response response) {
                     respond(std::move(response.http));
                   });
}

}  // namespace plexus::server
