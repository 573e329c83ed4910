// The execution stage's core: the query plan run by execution::execute, each fetch going through
// the subgraph stage's services. See router_service.h.

#include <memory>
#include <utility>

#include "src/execution/subgraph_error_policy.h"
#include "src/server/router_service.h"

namespace plexus::server {

namespace {

// What the executor fetches through for one request: each SubgraphCall becomes a subgraph
// request (with the request's context and client request) for that subgraph's service.
class StageFetcher final : public execution::SubgraphFetcher {
 public:
  StageFetcher(std::shared_ptr<const SubgraphServices> subgraphs,
               std::shared_ptr<const supergraph::Request> client, Context context,
               const std::map<std::string, std::string, std::less<>>& url_overrides)
      : subgraphs_(std::move(subgraphs)),
        client_(std::move(client)),
        context_(std::move(context)),
        url_overrides_(url_overrides) {}

  void fetch(execution::SubgraphCall call,
             std::function<void(execution::SubgraphReply)> done) override {
    subgraph::Request request;
    request.subgraph_name = std::string(call.service);
    auto override_url = url_overrides_.find(call.service);
    request.uri = override_url != url_overrides_.end() ? override_url->second : call.url;
    request.http.method = "POST";
    request.http.headers.add("content-type", "application/json");
    request.http.headers.add("accept", "application/graphql-response+json, application/json");
    request.http.body = std::move(call.body);
    request.supergraph = client_;
    request.context = context_;
    if (call.subgraph >= subgraphs_->services.size()) {
      execution::SubgraphReply reply;
      reply.error = "no subgraph service for '" + request.subgraph_name + "'";
      return done(std::move(reply));
    }
    subgraphs_->services[call.subgraph](std::move(request),
                                        [done = std::move(done)](subgraph::Response response) {
                                          execution::SubgraphReply reply;
                                          reply.error = std::move(response.error);
                                          reply.status = response.status;
                                          reply.headers = std::move(response.headers);
                                          reply.body = std::move(response.body);
                                          reply.status_in_body = response.status_in_body;
                                          done(std::move(reply));
                                        });
  }

 private:
  std::shared_ptr<const SubgraphServices> subgraphs_;
  std::shared_ptr<const supergraph::Request> client_;
  Context context_;
  const std::map<std::string, std::string, std::less<>>& url_overrides_;
};

}  // namespace

execution::Service RouterService::executionCore(
    std::shared_ptr<const SubgraphServices> subgraphs) const {
  // include_subgraph_errors, merged once for this pipeline rather than per request.
  auto subgraph_errors = std::make_shared<const execution::SubgraphErrorPolicy>(
      execution::SubgraphErrorPolicy::fromConfig(config_.include_subgraph_errors));
  return [this, subgraphs = std::move(subgraphs), subgraph_errors = std::move(subgraph_errors)](
             execution::Request request, Reply<execution::Response> reply) {
    auto fetcher = std::make_shared<StageFetcher>(subgraphs, request.supergraph, request.context,
                                                  config_.override_subgraph_url);
    execution::ExecutionRequest run;
    run.supergraph = supergraph_.get();
    run.plan = request.plan.get();
    run.document = request.operation->document.get();
    run.operation_name = std::string(request.operation->operation->name);
    run.variables = std::move(request.variables);
    run.subgraph_errors = subgraph_errors;
    StageFetcher& fetcher_ref = *fetcher;
    execution::execute(std::move(run), fetcher_ref,
                       [request = std::move(request), fetcher = std::move(fetcher),
                        reply = std::move(reply)](execution::ExecutionResponse response) {
                         execution::Response out;
                         out.body = GraphQLBody(std::move(response.body));
                         out.context = request.context;
                         reply(std::move(out));
                       });
  };
}

}  // namespace plexus::server
