// The plan walk (docs/design/query-planning.md §10): Sequence chains its children, Parallel starts
// them all and completes on a counter, Condition picks a branch by a boolean variable, fetches go
// through the SubgraphFetcher and merge into one arena tree; then the response is shaped.
// Callbacks, one thread, no locks: each fetch merges when its reply arrives.
#include "src/execution/executor.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "src/common/arena.h"
#include "src/execution/entities.h"
#include "src/execution/rewrites.h"
#include "src/execution/shaping.h"
#include "src/execution/subgraph_response.h"
#include "src/json/arena_value.h"

namespace plexus::execution {

namespace {

using federation::BatchFetchNode;
using federation::FetchNode;
using federation::MergePath;
using federation::PlanNode;
using json::ArenaValue;
using Next = std::function<void()>;

// The `{"query":…,"operationName":…,"variables":{` head of a subgraph request body, with the
// client variables the fetch uses (absent ones left out, as the gateway does). The caller adds
// its own variables, then "}}".
std::string bodyHead(const federation::SubgraphOperation& operation,
                     const std::vector<std::string>& usages, const json::Value& variables,
                     bool& first_variable) {
  std::string body = "{\"query\":";
  json::appendQuoted(operation.text, body);
  if (!operation.name.empty()) {
    body += ",\"operationName\":";
    json::appendQuoted(operation.name, body);
  }
  body += ",\"variables\":{";
  first_variable = true;
  for (const std::string& name : usages) {
    const json::Value* value = variables.find(name);
    if (value == nullptr) continue;
    if (!first_variable) body += ',';
    first_variable = false;
    json::appendQuoted(name, body);
    body += ':';
    json::serializeTo(*value, body);
  }
  return body;
}

void addVariable(std::string& body, bool& first_variable, std::string_view name,
                 std::string_view json_value) {
  if (!first_variable) body += ',';
  first_variable = false;
  json::appendQuoted(name, body);
  body += ':';
  body += json_value;
}

// One `_entities` group of an entity fetch: the entities asked for and their representations.
struct EntityGroup {
  std::string_view response_key;  // "_entities" or a BatchFetch alias
  std::string_view variable;      // "representations" or the alias's variable
  const std::vector<federation::DataRewrite>* output_rewrites = nullptr;
  std::vector<graphql::PathElement> prefix;  // where errors without a usable path go
  EntityList entities;
  Representations reps;
  bool sends_variable = true;  // false when an earlier group sends the same variable
  std::vector<std::vector<uint32_t>> rep_entities;  // inverse of reps.entity_rep, built lazily

  const std::vector<uint32_t>& entitiesOf(size_t rep) {
    if (rep_entities.empty()) {
      rep_entities.resize(reps.count);
      for (size_t i = 0; i < reps.entity_rep.size(); ++i) {
        if (reps.entity_rep[i] >= 0) rep_entities[reps.entity_rep[i]].push_back(i);
      }
    }
    return rep_entities[rep];
  }
};

class Execution : public std::enable_shared_from_this<Execution> {
 public:
  Execution(ExecutionRequest request, SubgraphFetcher& fetcher,
            std::function<void(ExecutionResponse)> done)
      : request_(std::move(request)), fetcher_(fetcher), done_(std::move(done)) {}

  void start() {
    const PlanNode* root = request_.plan != nullptr ? request_.plan->root() : nullptr;
    auto self = shared_from_this();
    run(root, [self] { self->finish(); });
  }

 private:
  const graphql::Schema& schema() const { return request_.supergraph->schema(); }

  void run(const PlanNode* node, const Next& next) {
    if (node == nullptr) return next();
    if (const auto* sequence = node->as<federation::SequenceNode>()) {
      return runSequence(sequence, 0, next);
    }
    if (const auto* parallel = node->as<federation::ParallelNode>()) {
      return runParallel(*parallel, next);
    }
    if (const auto* fetch = node->as<FetchNode>()) return runRootFetch(*fetch, next);
    if (const auto* flatten = node->as<federation::FlattenNode>()) {
      if (const FetchNode* fetch = flatten->node ? flatten->node->as<FetchNode>() : nullptr) {
        return runEntityFetch(*fetch, flatten->path, next);
      }
      return internalError("a Flatten node must hold a Fetch", next);
    }
    if (const auto* batch = node->as<BatchFetchNode>()) return runBatchFetch(*batch, next);
    if (const auto* condition = node->as<federation::ConditionNode>()) {
      const json::Value* value = request_.variables.find(condition->variable);
      bool on = value != nullptr && value->isBool() && value->asBool();
      return run(on ? condition->if_clause.get() : condition->else_clause.get(), next);
    }
    return internalError("subscriptions are not supported by the executor", next);
  }

  void runSequence(const federation::SequenceNode* sequence, size_t index, const Next& next) {
    if (index >= sequence->nodes.size()) return next();
    auto self = shared_from_this();
    run(sequence->nodes[index].get(),
        [self, sequence, index, next] { self->runSequence(sequence, index + 1, next); });
  }

  void runParallel(const federation::ParallelNode& parallel, const Next& next) {
    if (parallel.nodes.empty()) return next();
    auto remaining = std::make_shared<size_t>(parallel.nodes.size());
    for (const federation::PlanNodePtr& child : parallel.nodes) {
      run(child.get(), [remaining, next] {
        if (--*remaining == 0) next();
      });
    }
  }

  void internalError(std::string message, const Next& next) {
    graphql::GraphQLError error;
    error.message = std::move(message);
    errors_.push_back(std::move(error));
    next();
  }

  void send(std::string_view service, uint32_t service_id, std::string body,
            std::function<void(SubgraphReply)> on_reply) {
    const federation::Supergraph& supergraph = *request_.supergraph;
    SubgraphCall call;
    call.service = service;
    if (const federation::Subgraph* subgraph = supergraph.subgraphNamed(service)) {
      call.subgraph = subgraph->id;
      call.url = subgraph->url;
    } else {
      call.subgraph = service_id;
      if (service_id < supergraph.subgraphs().size())
        call.url = supergraph.subgraph(service_id).url;
    }
    call.body = std::move(body);
    auto self = shared_from_this();
    fetcher_.fetch(std::move(call), [self, on_reply = std::move(on_reply)](SubgraphReply reply) {
      self->reply_bytes_ += reply.body.size();
      on_reply(std::move(reply));
    });
  }

  // A root fetch: its data merges into the root; error paths are the subgraph's own.
  void runRootFetch(const FetchNode& fetch, const Next& next) {
    bool first = true;
    std::string body = bodyHead(fetch.operation, fetch.variable_usages, request_.variables, first);
    body += "}}";
    auto self = shared_from_this();
    send(fetch.service, fetch.service_id, std::move(body),
         [self, &fetch, next](SubgraphReply reply) {
           self->onRootReply(fetch, reply);
           next();
         });
  }

  void onRootReply(const FetchNode& fetch, const SubgraphReply& reply) {
    SubgraphResult result = readSubgraphReply(arena_, fetch.service, reply);
    for (graphql::GraphQLError& failure : result.failures) {
      addSubgraphError(fetch.service, std::move(failure));
    }
    for (const ArenaValue& raw : result.errors) {
      graphql::GraphQLError error = subgraphError(raw, fetch.service, /*keep_locations=*/true);
      error.path = rawErrorPath(raw);
      addSubgraphError(fetch.service, std::move(error));
    }
    if (result.data.isObject()) {
      applyRewrites(arena_, schema(), fetch.output_rewrites, result.data);
      json::mergeInto(arena_, data_, result.data);
    }
  }

  // Flatten{Fetch}: one `_entities` group; a fetch without `requires` under a Flatten (no
  // planner makes one, the gateway allows it) merges its whole data into every entity.
  void runEntityFetch(const FetchNode& fetch, const MergePath& path, const Next& next) {
    auto group = std::make_shared<EntityGroup>();
    group->response_key = "_entities";
    group->variable = "representations";
    group->output_rewrites = &fetch.output_rewrites;
    group->prefix = mergePathPrefix(path);
    collectEntities(schema(), data_, path, group->entities);
    bool first = true;
    std::string body = bodyHead(fetch.operation, fetch.variable_usages, request_.variables, first);
    if (fetch.requires_selection.empty()) {
      if (group->entities.empty()) return next();
    } else {
      group->reps = buildRepresentations(arena_, schema(), group->entities,
                                         fetch.requires_selection, fetch.input_rewrites);
      if (group->reps.count == 0) return next();
      addVariable(body, first, group->variable, group->reps.json);
    }
    body += "}}";
    auto self = shared_from_this();
    send(fetch.service, fetch.service_id, std::move(body),
         [self, &fetch, group, next](SubgraphReply reply) {
           std::vector<EntityGroup*> groups{group.get()};
           if (fetch.requires_selection.empty()) {
             self->onFlattenedReply(fetch, *group, reply);
           } else {
             self->onEntitiesReply(fetch.service, groups, reply);
           }
           next();
         });
  }

  void runBatchFetch(const BatchFetchNode& batch, const Next& next) {
    auto groups = std::make_shared<std::vector<EntityGroup>>(batch.aliases.size());
    bool first = true;
    std::string body = bodyHead(batch.operation, batch.variable_usages, request_.variables, first);
    uint32_t total = 0;
    for (size_t i = 0; i < batch.aliases.size(); ++i) {
      const federation::EntityBatchAlias& alias = batch.aliases[i];
      EntityGroup& group = (*groups)[i];
      group.response_key = alias.alias;
      group.variable = alias.representations_variable;
      group.output_rewrites = &alias.output_rewrites;
      if (!alias.paths.empty()) group.prefix = mergePathPrefix(alias.paths.front());
      for (const MergePath& path : alias.paths) {
        collectEntities(schema(), data_, path, group.entities);
      }
      group.reps = buildRepresentations(arena_, schema(), group.entities, alias.requires_selection,
                                        alias.input_rewrites);
      for (size_t j = 0; j < i; ++j) {
        if ((*groups)[j].variable == group.variable) group.sends_variable = false;
      }
      if (group.sends_variable) {
        total += group.reps.count;
        addVariable(body, first, group.variable, group.reps.json);
      }
    }
    if (total == 0) return next();
    body += "}}";
    auto self = shared_from_this();
    send(batch.service, batch.service_id, std::move(body),
         [self, &batch, groups, next](SubgraphReply reply) {
           std::vector<EntityGroup*> pointers;
           for (EntityGroup& group : *groups) pointers.push_back(&group);
           self->onEntitiesReply(batch.service, pointers, reply);
           next();
         });
  }

  void onEntitiesReply(std::string_view service, const std::vector<EntityGroup*>& groups,
                       const SubgraphReply& reply) {
    SubgraphResult result = readSubgraphReply(arena_, service, reply);
    const std::vector<graphql::PathElement>& prefix = groups.front()->prefix;
    for (graphql::GraphQLError& failure : result.failures) {
      failure.path = prefix;
      addSubgraphError(service, std::move(failure));
    }
    for (const ArenaValue& raw : result.errors) addEntityError(service, groups, raw);
    if (!result.data.isObject()) return;
    for (EntityGroup* group : groups) {
      if (group->reps.count == 0) continue;
      ArenaValue* answers = result.data.find(group->response_key);
      std::string where = "\"data." + std::string(group->response_key) + "\"";
      std::string reason;
      if (answers == nullptr || !answers->isArray()) {
        // A subgraph that failed says why in its errors; no need for a second error.
        if (!result.errors.empty()) continue;
        reason = "Expected " + where + " in response to be an array";
      } else if (answers->size() != group->reps.count) {
        reason =
            "Expected " + where + " to contain " + std::to_string(group->reps.count) + " elements";
      } else {
        mergeEntities(arena_, schema(), data_, group->entities, group->reps.entity_rep, *answers,
                      *group->output_rewrites);
        continue;
      }
      graphql::GraphQLError error = malformedResponseError(service, reason);
      error.path = group->prefix;
      addSubgraphError(service, std::move(error));
    }
  }

  // `["_entities", i, …rest]` becomes the path of every entity that sent representation i, plus
  // rest (Apollo Router fetch.rs response_at_path); any other path the group's prefix.
  void addEntityError(std::string_view service, const std::vector<EntityGroup*>& groups,
                      const ArenaValue& raw) {
    graphql::GraphQLError error = subgraphError(raw, service, /*keep_locations=*/false);
    std::vector<graphql::PathElement> path = rawErrorPath(raw);
    EntityGroup* owner = nullptr;
    if (path.size() >= 2 && std::holds_alternative<std::string>(path[0]) &&
        std::holds_alternative<int64_t>(path[1])) {
      for (EntityGroup* group : groups) {
        if (std::get<std::string>(path[0]) == group->response_key) owner = group;
      }
    }
    int64_t rep = owner != nullptr ? std::get<int64_t>(path[1]) : -1;
    if (owner == nullptr || rep < 0 || static_cast<uint64_t>(rep) >= owner->reps.count ||
        owner->entitiesOf(rep).empty()) {
      error.path = owner != nullptr ? owner->prefix : groups.front()->prefix;
      addSubgraphError(service, std::move(error));
      return;
    }
    for (uint32_t entity : owner->entitiesOf(rep)) {
      graphql::GraphQLError copy = error;
      copy.path = toErrorPath(owner->entities.path(entity));
      copy.path.insert(copy.path.end(), path.begin() + 2, path.end());
      addSubgraphError(service, std::move(copy));
    }
  }

  void onFlattenedReply(const FetchNode& fetch, EntityGroup& group, const SubgraphReply& reply) {
    SubgraphResult result = readSubgraphReply(arena_, fetch.service, reply);
    for (graphql::GraphQLError& failure : result.failures) {
      failure.path = group.prefix;
      addSubgraphError(fetch.service, std::move(failure));
    }
    for (const ArenaValue& raw : result.errors) {
      graphql::GraphQLError error = subgraphError(raw, fetch.service, /*keep_locations=*/true);
      error.path = group.prefix;
      std::vector<graphql::PathElement> rest = rawErrorPath(raw);
      error.path.insert(error.path.end(), rest.begin(), rest.end());
      addSubgraphError(fetch.service, std::move(error));
    }
    if (!result.data.isObject()) return;
    applyRewrites(arena_, schema(), fetch.output_rewrites, result.data);
    for (size_t i = 0; i < group.entities.size(); ++i) {
      ArenaValue* target = resolvePath(data_, group.entities.path(i));
      if (target != nullptr && target->isObject()) json::mergeInto(arena_, *target, result.data);
    }
  }

  static void appendErrors(const std::vector<graphql::GraphQLError>& errors, std::string& out) {
    out += '[';
    for (size_t i = 0; i < errors.size(); ++i) {
      if (i > 0) out += ',';
      json::serializeTo(errors[i].toJson(), out);
    }
    out += ']';
  }

  // An error that came from `service` (a fetch failure or one the subgraph sent): what the client
  // sees of it is the include_subgraph_errors policy's to say. `service` outlives the request
  // (it is the plan's); the error's own extensions.service may be anything the subgraph wrote.
  void addSubgraphError(std::string_view service, graphql::GraphQLError error) {
    errors_.push_back(std::move(error));
    error_subgraphs_.resize(errors_.size());
    error_subgraphs_.back() = service;
  }

  // include_subgraph_errors (apollo-router plugins/include_subgraph_errors): redaction and
  // extension filtering of the subgraphs' errors; the router's own errors stay as they are.
  void applySubgraphErrorPolicy() {
    if (!request_.subgraph_errors) return;
    for (size_t i = 0; i < error_subgraphs_.size(); ++i) {
      if (error_subgraphs_[i]) request_.subgraph_errors->apply(*error_subgraphs_[i], errors_[i]);
    }
  }

  void finish() {
    ExecutionResponse response;
    std::string& body = response.body;
    // The response is usually about as large as the subgraph replies together: one buffer for
    // it, written in place by the shaper.
    std::string head;
    head.reserve(reply_bytes_ + reply_bytes_ / 4 + 256);
    head = "{\"data\":";
    StatusOr<ShapedResponse> shaped =
        shapeResponse(request_.supergraph->apiSchema(), *request_.document, request_.operation_name,
                      request_.variables, data_, std::move(head));
    if (!shaped.ok()) {
      graphql::GraphQLError error;
      error.message = shaped.status().message();
      body = "{\"errors\":";
      appendErrors({error}, body);
      body += '}';
      return done_(std::move(response));
    }
    applySubgraphErrorPolicy();
    for (graphql::GraphQLError& error : shaped->errors) errors_.push_back(std::move(error));
    body = std::move(shaped->data);
    if (!errors_.empty()) {
      body += ",\"errors\":";
      appendErrors(errors_, body);
    } else if (!shaped->completion_errors.empty()) {
      // gateway-js executeQueryPlan.ts: value-completion errors are only shown, as extensions,
      // when the fetches went well; otherwise they repeat what the fetch errors already say.
      body += ",\"extensions\":{\"valueCompletion\":";
      appendErrors(shaped->completion_errors, body);
      body += '}';
    }
    body += '}';
    done_(std::move(response));
  }

  ExecutionRequest request_;
  SubgraphFetcher& fetcher_;
  std::function<void(ExecutionResponse)> done_;
  Arena arena_{64 * 1024};
  ArenaValue data_ = ArenaValue::object();
  std::vector<graphql::GraphQLError> errors_;
  // The subgraph each of errors_ came from, by index; none for the router's own errors (and
  // shorter than errors_ when those come last).
  std::vector<std::optional<std::string_view>> error_subgraphs_;
  size_t reply_bytes_ = 0;  // subgraph reply bodies so far: sizes the response buffer
};

}  // namespace

void execute(ExecutionRequest request, SubgraphFetcher& fetcher,
             std::function<void(ExecutionResponse)> done) {
  if (request.supergraph == nullptr || request.document == nullptr) {
    done(ExecutionResponse{
        R"({"errors":[{"message":"Internal error: incomplete execution request"}]})"});
    return;
  }
  std::make_shared<Execution>(std::move(request), fetcher, std::move(done))->start();
}

}  // namespace plexus::execution
