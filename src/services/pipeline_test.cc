#include "src/services/pipeline.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace plexus {
namespace {

// Cores that record the order in which stages run: router → supergraph → execution → subgraphs.
CoreServices recordingCores(std::vector<std::string>& trace) {
  CoreServices cores;
  cores.subgraph = [&trace](std::string_view name) -> subgraph::Service {
    return [&trace, name = std::string(name)](subgraph::Request request,
                                              Reply<subgraph::Response> reply) {
      trace.push_back("subgraph core " + name + " " + request.http.body);
      subgraph::Response response;
      response.status = 200;
      response.body = R"({"data":{}})";
      response.context = request.context;
      reply(std::move(response));
    };
  };
  cores.execution = [&trace](std::shared_ptr<const SubgraphServices> subgraphs) {
    return [&trace, subgraphs](execution::Request request, Reply<execution::Response> reply) {
      trace.push_back("execution core");
      subgraph::Request fetch;
      fetch.subgraph_name = subgraphs->names[1];
      fetch.http.body = "{}";
      fetch.context = request.context;
      subgraphs->services[1](std::move(fetch), [&trace, reply, request](subgraph::Response) {
        execution::Response response;
        response.body = GraphQLBody(std::string(R"({"data":{"ok":true}})"));
        response.context = request.context;
        reply(std::move(response));
      });
    };
  };
  cores.supergraph = [&trace](execution::Service next) {
    return [&trace, next](supergraph::Request request, Reply<supergraph::Response> reply) {
      trace.push_back("supergraph core " + request.query);
      execution::Request execution_request;
      execution_request.context = request.context;
      next(std::move(execution_request), [reply](execution::Response response) {
        supergraph::Response out;
        out.body = std::move(response.body);
        out.context = std::move(response.context);
        reply(std::move(out));
      });
    };
  };
  cores.router = [&trace](supergraph::Service next) {
    return [&trace, next](router::Request request, Reply<router::Response> reply) {
      trace.push_back("router core");
      supergraph::Request graphql;
      graphql.query = request.http.body;
      graphql.context = request.context;
      next(std::move(graphql), [reply](supergraph::Response response) {
        router::Response out;
        out.http.status = response.status;
        out.http.body = response.body.text();
        out.context = std::move(response.context);
        reply(std::move(out));
      });
    };
  };
  return cores;
}

TEST(PipelineTest, WrappersRunInOrderAroundEachStageAndSeeOneContext) {
  std::vector<std::string> trace;
  StageWrappers wrappers;
  for (std::string label : {"first", "second"}) {
    wrappers.router.push_back([&trace, label](router::Service next) -> router::Service {
      return [&trace, label, next](router::Request request, Reply<router::Response> reply) {
        trace.push_back("router " + label);
        request.context.upsert("visits", [](json::Value& v) {
          v = json::Value(static_cast<int64_t>(v.isNull() ? 1 : v.asInt() + 1));
        });
        next(std::move(request), reply);
      };
    });
  }
  wrappers.subgraph.push_back(
      [&trace](std::string_view name, subgraph::Service next) -> subgraph::Service {
        return [&trace, name = std::string(name), next](subgraph::Request request,
                                                        Reply<subgraph::Response> reply) {
          trace.push_back("subgraph wrapper " + name);
          request.http.headers.set("x-tenant", *request.context.get("tenant")->asString().data()
                                                   ? request.context.get("tenant")->asString()
                                                   : "none");
          next(std::move(request), reply);
        };
      });
  wrappers.supergraph.push_back([](supergraph::Service next) -> supergraph::Service {
    return [next](supergraph::Request request, Reply<supergraph::Response> reply) {
      request.context.insert("tenant", json::Value("acme"));
      next(std::move(request), [reply](supergraph::Response response) {
        response.body.json()["extensions"]["wrapped"] = true;
        reply(std::move(response));
      });
    };
  });

  Pipeline pipeline = buildPipeline(recordingCores(trace), wrappers, {"a", "b"});
  router::Request request;
  request.http.body = "{ ok }";
  std::optional<router::Response> answer;
  pipeline.router(std::move(request), [&](router::Response response) { answer = response; });

  ASSERT_TRUE(answer);
  EXPECT_EQ(trace, (std::vector<std::string>{"router first", "router second", "router core",
                                             "supergraph core { ok }", "execution core",
                                             "subgraph wrapper b", "subgraph core b {}"}));
  EXPECT_EQ(answer->http.body, R"({"data":{"ok":true},"extensions":{"wrapped":true}})");
  EXPECT_EQ(answer->context.get("visits")->asInt(), 2);
  EXPECT_EQ(answer->context.get("tenant")->asString(), "acme");
}

TEST(PipelineTest, AWrapperCanAnswerWithoutCallingTheNextService) {
  std::vector<std::string> trace;
  StageWrappers wrappers;
  wrappers.supergraph.push_back([](supergraph::Service) -> supergraph::Service {
    return [](supergraph::Request request, Reply<supergraph::Response> reply) {
      graphql::GraphQLError error;
      error.message = "not allowed";
      reply(supergraph::Response::failure(403, {error}, request.context));
    };
  });
  Pipeline pipeline = buildPipeline(recordingCores(trace), wrappers, {"a"});
  std::optional<router::Response> answer;
  pipeline.router(router::Request{}, [&](router::Response response) { answer = response; });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->http.status, 403);
  EXPECT_EQ(answer->http.body, R"({"errors":[{"message":"not allowed"}]})");
  EXPECT_EQ(trace, (std::vector<std::string>{"router core"}));
}

TEST(GraphQLBodyTest, TextStaysUntouchedUntilTheValueIsHandedOut) {
  GraphQLBody body(std::string(R"({"data":{"a" : 1}})"));
  EXPECT_EQ(body.text(), R"({"data":{"a" : 1}})");
  body.json()["data"]["b"] = 2;
  EXPECT_EQ(body.text(), R"({"data":{"a":1,"b":2}})");
}

TEST(GraphQLBodyTest, TextThatIsNotJsonReadsAsAnError) {
  GraphQLBody body(std::string("oops"));
  const json::Value& value = body.json();
  ASSERT_TRUE(value.find("errors"));
  EXPECT_TRUE(value.find("errors")->asArray()[0].find("message")->asString().starts_with(
      "Invalid GraphQL response: "));
}

}  // namespace
}  // namespace plexus
