// Tests for the plan walk: root and entity fetches, batching, Parallel / Sequence / Condition,
// error paths. Faults of the subgraphs are in executor_faults_test.cc.
#include "src/execution/executor.h"

#include <gtest/gtest.h>

#include "src/execution/execution_test_support.h"

namespace plexus::execution {
namespace {

using namespace test;  // NOLINT
using federation::flatten;
using federation::parallel;
using federation::sequence;

TEST(ExecutorTest, RootFetchSendsTheOperationWithTheVariablesItUses) {
  MockFetcher fetcher;
  fetcher.answer("a", minified("query Q($n: Int, $m: Int) { count }"), R"({"data":{"count":3}})");
  json::Value variables = parseJson(R"({"n":7,"unused":1})");
  std::string body = run(rootFetch("a", "query Q($n: Int, $m: Int) { count }", {"m", "n"}),
                         "query Q($n: Int, $unused: Int) { count }", fetcher, variables);
  EXPECT_EQ(body, R"({"data":{"count":3}})");
  ASSERT_EQ(fetcher.calls.size(), 1u);
  EXPECT_EQ(fetcher.calls[0].service, "a");
  EXPECT_EQ(fetcher.calls[0].url, "http://a");
  // `m` is absent from the request: left out, as the gateway does; `unused` is not the fetch's.
  EXPECT_EQ(fetcher.calls[0].body,
            R"({"query":"query Q($n:Int$m:Int){count}","operationName":"Q","variables":{"n":7}})");
}

TEST(ExecutorTest, AnonymousRootFetchHasNoOperationName) {
  MockFetcher fetcher;
  fetcher.answer("a", "{count}", R"({"data":{"count":1}})");
  run(rootFetch("a", "{ count }"), "{ count }", fetcher);
  ASSERT_EQ(fetcher.calls.size(), 1u);
  EXPECT_EQ(fetcher.calls[0].body, R"({"query":"{count}","variables":{}})");
}

TEST(ExecutorTest, ShapesInClientOrderWithAliasesAndDropsInternalFields) {
  MockFetcher fetcher;
  fetcher.answer("a", "{people:users{__typename id who:name}}",
                 R"({"data":{"people":[{"__typename":"User","id":"1","who":"Ann"}]}})");
  std::string body = run(rootFetch("a", "{ people: users { __typename id who: name } }"),
                         "{ people: users { who: name id } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"people":[{"who":"Ann","id":"1"}]}})");
}

TEST(ExecutorTest, EntityFetchDeduplicatesRepresentationsAndMergesIntoEveryEntity) {
  MockFetcher fetcher;
  fetcher.answer("a", "{users{__typename id}}",
                 R"({"data":{"users":[{"__typename":"User","id":"1"},)"
                 R"({"__typename":"User","id":"2"},{"__typename":"User","id":"1"}]}})");
  fetcher.answer("b", minified(entitiesOperation("... on User { score }")),
                 R"({"data":{"_entities":[{"score":10},{"score":20}]}})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ users { __typename id } }"),
                         flatten("users.@", entityFetch("b", "{ ... on User { __typename id } }",
                                                        "... on User { score }")))),
          "{ users { id score } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"users":[{"id":"1","score":10},{"id":"2","score":20},)"
                  R"({"id":"1","score":10}]}})");
  ASSERT_EQ(fetcher.calls.size(), 2u);
  EXPECT_EQ(
      json::serialize(*fetcher.calls[1].json.find("variables")),
      R"({"representations":[{"__typename":"User","id":"1"},{"__typename":"User","id":"2"}]})");
}

TEST(ExecutorTest, EntityFetchIsSkippedWithoutRepresentations) {
  MockFetcher fetcher;
  fetcher.answer("a", "{users{__typename id}}", R"({"data":{"users":[]}})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ users { __typename id } }"),
                         flatten("users.@", entityFetch("b", "{ ... on User { __typename id } }",
                                                        "... on User { score }")))),
          "{ users { id score } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"users":[]}})");
  EXPECT_EQ(fetcher.calls.size(), 1u);
}

TEST(ExecutorTest, EntityFetchSkipsEntitiesOfOtherTypesAndWithoutTypename) {
  MockFetcher fetcher;
  fetcher.answer("a",
                 minified("{ search { __typename ... on User { id } ... on Product { id } } }"),
                 R"({"data":{"search":[{"__typename":"Product","id":"p"},{"id":"x"},)"
                 R"({"__typename":"User","id":"u"},null]}})");
  fetcher.answer("b", minified(entitiesOperation("... on User { score }")),
                 R"({"data":{"_entities":[{"score":5}]}})");
  std::string body = run(
      sequence(nodes(
          rootFetch("a", "{ search { __typename ... on User { id } ... on Product { id } } }"),
          flatten("search.@",
                  entityFetch("b", "{ ... on User { __typename id } }", "... on User { score }")))),
      "{ search { ... on User { id score } ... on Product { id } } }", fetcher);
  ASSERT_EQ(fetcher.calls.size(), 2u);
  EXPECT_EQ(json::serialize(*fetcher.calls[1].json.find("variables")),
            R"({"representations":[{"__typename":"User","id":"u"}]})");
  // The element without __typename is resolved against the union: no fragment applies.
  EXPECT_EQ(body, R"({"data":{"search":[{"id":"p"},{},{"id":"u","score":5},null]}})");
}

TEST(ExecutorTest, BatchFetchSendsOneRequestWithOneVariablePerAlias) {
  MockFetcher fetcher;
  fetcher.answer("a", "{users{__typename id}me{__typename id}}",
                 R"({"data":{"users":[{"__typename":"User","id":"1"}],)"
                 R"("me":{"__typename":"User","id":"2"}}})");
  std::string batch_text =
      "query($__batch_reps_0: [_Any!]!, $__batch_reps_1: [_Any!]!) {"
      " _e0: _entities(representations: $__batch_reps_0) { ... on User { score } }"
      " _e1: _entities(representations: $__batch_reps_1) { ... on User { reviews { body } } } }";
  fetcher.answer("b", minified(batch_text),
                 R"({"data":{"_e0":[{"score":7}],"_e1":[{"reviews":[{"body":"ok"}]}]}})");
  federation::BatchFetchNode batch;
  batch.service = "b";
  batch.operation = op(batch_text);
  federation::EntityBatchAlias e0;
  e0.alias = "_e0";
  e0.representations_variable = "__batch_reps_0";
  e0.paths = {federation::parseMergePath("users.@")};
  e0.requires_selection = requires_("{ ... on User { __typename id } }");
  federation::EntityBatchAlias e1 = e0;
  e1.alias = "_e1";
  e1.representations_variable = "__batch_reps_1";
  e1.paths = {federation::parseMergePath("me")};
  batch.aliases = {e0, e1};
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ users { __typename id } me { __typename id } }"),
                         federation::PlanNode::make(std::move(batch)))),
          "{ users { score } me { reviews { body } } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"users":[{"score":7}],"me":{"reviews":[{"body":"ok"}]}}})");
  ASSERT_EQ(fetcher.calls.size(), 2u);
  EXPECT_EQ(json::serialize(*fetcher.calls[1].json.find("variables")),
            R"({"__batch_reps_0":[{"__typename":"User","id":"1"}],)"
            R"("__batch_reps_1":[{"__typename":"User","id":"2"}]})");
}

TEST(ExecutorTest, BatchFetchMapsAliasErrorsToTheirEntities) {
  MockFetcher fetcher;
  fetcher.answer("a", "{users{__typename id}me{__typename id}}",
                 R"({"data":{"users":[{"__typename":"User","id":"1"}],)"
                 R"("me":{"__typename":"User","id":"2"}}})");
  std::string batch_text =
      "query($r0: [_Any!]!, $r1: [_Any!]!) { _e0: _entities(representations: $r0) "
      "{ ... on User { score } } _e1: _entities(representations: $r1) { ... on User { score } } }";
  fetcher.answer("b", minified(batch_text),
                 R"({"data":{"_e0":[{"score":1}],"_e1":[null]},)"
                 R"("errors":[{"message":"no score","path":["_e1",0,"score"]}]})");
  federation::BatchFetchNode batch;
  batch.service = "b";
  batch.operation = op(batch_text);
  federation::EntityBatchAlias e0;
  e0.alias = "_e0";
  e0.representations_variable = "r0";
  e0.paths = {federation::parseMergePath("users.@")};
  e0.requires_selection = requires_("{ ... on User { __typename id } }");
  federation::EntityBatchAlias e1 = e0;
  e1.alias = "_e1";
  e1.representations_variable = "r1";
  e1.paths = {federation::parseMergePath("me")};
  batch.aliases = {e0, e1};
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ users { __typename id } me { __typename id } }"),
                         federation::PlanNode::make(std::move(batch)))),
          "{ users { score } me { score } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"users":[{"score":1}],"me":null},"errors":[{"message":"no score",)"
                  R"("path":["me","score"],"extensions":{"service":"b"}}]})");
}

TEST(ExecutorTest, ParallelStartsEveryChildBeforeAnyReplyAndSequenceWaitsForThem) {
  MockFetcher fetcher;
  fetcher.answer("a", "{count}", R"({"data":{"count":1}})");
  fetcher.answer("b", "{products{__typename id}}",
                 R"({"data":{"products":[{"__typename":"Product","id":"p1"}]}})");
  fetcher.answer("a", minified(entitiesOperation("... on Product { title }")),
                 R"({"data":{"_entities":[{"title":"Lamp"}]}})");
  federation::QueryPlan plan(
      sequence(nodes(parallel(nodes(rootFetch("a", "{ count }"),
                                    rootFetch("b", "{ products { __typename id } }"))),
                     flatten("products.@", entityFetch("a", "{ ... on Product { __typename id } }",
                                                       "... on Product { title }")))));
  auto document = graphql::parse("{ count products { title } }");
  ASSERT_TRUE(document.ok());
  std::string body;
  execute(ExecutionRequest{.supergraph = testSupergraph().get(),
                           .plan = &plan,
                           .document = &document.document(),
                           .operation_name = ""},
          fetcher, [&](ExecutionResponse response) { body = response.body; });
  EXPECT_EQ(fetcher.calls.size(), 2u);
  EXPECT_EQ(fetcher.pendingCount(), 2u);
  fetcher.drain(/*newest_first=*/true);
  ASSERT_EQ(fetcher.calls.size(), 3u);
  EXPECT_EQ(fetcher.calls[2].service, "a");
  EXPECT_EQ(body, R"({"data":{"count":1,"products":[{"title":"Lamp"}]}})");
}

TEST(ExecutorTest, ConditionRunsTheBranchTheVariableSelects) {
  auto plan = [] {
    federation::ConditionNode condition;
    condition.variable = "withCount";
    condition.if_clause = rootFetch("a", "{ count }");
    condition.else_clause = rootFetch("a", "{ me { __typename id } }");
    return federation::PlanNode::make(std::move(condition));
  };
  const char* query = "query($withCount: Boolean!) { count @include(if: $withCount) }";
  for (const char* variables : {R"({"withCount":true})", R"({"withCount":false})", "{}"}) {
    MockFetcher fetcher;
    fetcher.answer("a", "{count}", R"({"data":{"count":2}})");
    fetcher.answer("a", "{me{__typename id}}", R"({"data":{"me":null}})");
    std::string body = run(plan(), query, fetcher, parseJson(variables));
    ASSERT_EQ(fetcher.calls.size(), 1u) << variables;
    bool on = std::string_view(variables) == R"({"withCount":true})";
    EXPECT_EQ(fetcher.calls[0].json.find("query")->asString(),
              on ? "{count}" : "{me{__typename id}}");
    EXPECT_EQ(body, on ? R"({"data":{"count":2}})" : R"({"data":{}})") << variables;
  }
}

TEST(ExecutorTest, RootFetchErrorsKeepTheirPathAndLocations) {
  MockFetcher fetcher;
  fetcher.answer("a", "{me{__typename id name}}",
                 R"({"data":{"me":{"__typename":"User","id":"1","name":null}},"errors":[)"
                 R"({"message":"name failed","locations":[{"line":1,"column":20}],)"
                 R"("path":["me","name"],"extensions":{"code":"BOOM"}}]})");
  std::string body =
      run(rootFetch("a", "{ me { __typename id name } }"), "{ me { name } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"me":{"name":null}},"errors":[{"message":"name failed",)"
                  R"("locations":[{"line":1,"column":20}],"path":["me","name"],)"
                  R"("extensions":{"code":"BOOM","service":"a"}}]})");
}

TEST(ExecutorTest, EntityErrorPathsPointAtEveryEntityOfTheRepresentation) {
  MockFetcher fetcher;
  fetcher.answer("a", "{users{__typename id}}",
                 R"({"data":{"users":[{"__typename":"User","id":"1"},)"
                 R"({"__typename":"User","id":"2"},{"__typename":"User","id":"2"}]}})");
  fetcher.answer("b", minified(entitiesOperation("... on User { score }")),
                 R"({"data":{"_entities":[{"score":1},null]},"errors":[{"message":"no user 2",)"
                 R"("locations":[{"line":1,"column":2}],"path":["_entities",1,"score"]},)"
                 R"({"message":"general"}]})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ users { __typename id } }"),
                         flatten("users.@", entityFetch("b", "{ ... on User { __typename id } }",
                                                        "... on User { score }")))),
          "{ users { id score } }", fetcher);
  // score is non-null: users 2 and 3 become null, then the non-null list item nulls the list,
  // then the non-null `users` nulls data. The fetch errors hide the value-completion errors.
  EXPECT_EQ(body,
            R"({"data":null,"errors":[)"
            R"({"message":"no user 2","path":["users",1,"score"],"extensions":{"service":"b"}},)"
            R"({"message":"no user 2","path":["users",2,"score"],"extensions":{"service":"b"}},)"
            R"({"message":"general","path":["users"],"extensions":{"service":"b"}}]})");
}

TEST(ExecutorTest, ValueCompletionErrorsGoToExtensionsWhenFetchesHadNoErrors) {
  MockFetcher fetcher;
  fetcher.answer("a", "{requiredUser{__typename id}}", R"({"data":{"requiredUser":null}})");
  std::string body =
      run(rootFetch("a", "{ requiredUser { __typename id } }"), "{ requiredUser { id } }", fetcher);
  EXPECT_EQ(body, R"({"data":null,"extensions":{"valueCompletion":[{"message":)"
                  R"("Cannot return null for non-nullable field Query.requiredUser.",)"
                  R"("path":["requiredUser"],"extensions":{"code":"INVALID_GRAPHQL"}}]}})");
}

TEST(ExecutorTest, NullEntityAnswerKeepsTheEntityAsItWas) {
  MockFetcher fetcher;
  fetcher.answer("a", "{me{__typename id name}}",
                 R"({"data":{"me":{"__typename":"User","id":"1","name":"Ann"}}})");
  fetcher.answer("b", minified(entitiesOperation("... on User { reviews { body } }")),
                 R"({"data":{"_entities":[null]}})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ me { __typename id name } }"),
                         flatten("me", entityFetch("b", "{ ... on User { __typename id } }",
                                                   "... on User { reviews { body } }")))),
          "{ me { name reviews { body } } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"me":{"name":"Ann","reviews":null}}})");
}

TEST(ExecutorTest, OutputRewritesRenameInternalAliasesBeforeMerging) {
  MockFetcher fetcher;
  fetcher.answer("a", "{me{__typename id}}", R"({"data":{"me":{"__typename":"User","id":"1"}}})");
  federation::FetchNode fetch;
  fetch.service = "b";
  fetch.operation = op(entitiesOperation("... on User { score__alias_0: score }"));
  fetch.requires_selection = requires_("{ ... on User { __typename id } }");
  federation::DataRewrite rename;
  rename.kind = federation::DataRewrite::Kind::kKeyRenamer;
  rename.path = {"... on User", "score__alias_0"};
  rename.rename_key_to = "score";
  fetch.output_rewrites = {rename};
  fetcher.answer("b", fetch.operation.text,
                 R"({"data":{"_entities":[{"__typename":"User","score__alias_0":4}]}})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ me { __typename id } }"),
                         flatten("me", federation::PlanNode::make(std::move(fetch))))),
          "{ me { score } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"me":{"score":4}}})");
}

TEST(ExecutorTest, InputRewritesChangeTheRepresentationOnly) {
  MockFetcher fetcher;
  fetcher.answer("a", "{node(id:\"1\"){__typename id}}",
                 R"({"data":{"node":{"__typename":"User","id":"1"}}})");
  federation::FetchNode fetch;
  fetch.service = "b";
  fetch.operation = op(entitiesOperation("... on Node { id }"));
  fetch.requires_selection = requires_("{ ... on User { __typename id } }");
  federation::DataRewrite setter;
  setter.kind = federation::DataRewrite::Kind::kValueSetter;
  setter.path = {"... on User", "__typename"};
  setter.set_value_to = "Node";
  fetch.input_rewrites = {setter};
  fetcher.answer("b", fetch.operation.text, R"({"data":{"_entities":[{"id":"1"}]}})");
  std::string body =
      run(sequence(nodes(rootFetch("a", "{ node(id: \"1\") { __typename id } }"),
                         flatten("node", federation::PlanNode::make(std::move(fetch))))),
          "{ node(id: \"1\") { __typename id } }", fetcher);
  ASSERT_EQ(fetcher.calls.size(), 2u);
  EXPECT_EQ(json::serialize(*fetcher.calls[1].json.find("variables")),
            R"({"representations":[{"__typename":"Node","id":"1"}]})");
  EXPECT_EQ(body, R"({"data":{"node":{"__typename":"User","id":"1"}}})");
}

TEST(ExecutorTest, PlanWithoutFetchesAnswersInsideExecute) {
  auto document = graphql::parse("{ __typename }");
  ASSERT_TRUE(document.ok());
  federation::QueryPlan plan;
  MockFetcher fetcher;
  std::string body;
  execute(ExecutionRequest{.supergraph = testSupergraph().get(),
                           .plan = &plan,
                           .document = &document.document(),
                           .operation_name = ""},
          fetcher, [&](ExecutionResponse response) { body = response.body; });
  EXPECT_EQ(body, R"({"data":{"__typename":"Query"}})");
  EXPECT_TRUE(fetcher.calls.empty());
}

TEST(ExecutorTest, UnknownOperationNameIsAnError) {
  MockFetcher fetcher;
  std::string body = run(nullptr, "query A { count }", fetcher, json::Value::object(), "B");
  EXPECT_EQ(body, R"({"errors":[{"message":"Unknown operation named \"B\"."}]})");
}

}  // namespace
}  // namespace plexus::execution
