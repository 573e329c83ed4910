// Tests for the query-plan data model and its Apollo text and JSON forms.
#include "src/federation/query_plan.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::federation {
namespace {

SubgraphOperation op(std::string_view text) {
  auto parsed = parseSubgraphOperation(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::move(*parsed);
}

std::vector<RequiresSelection> req(std::string_view text) {
  auto parsed = parseRequires(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::move(*parsed);
}

PlanNodePtr rootFetch(std::string service, std::string_view operation) {
  FetchNode fetch;
  fetch.service = std::move(service);
  fetch.operation = op(operation);
  return PlanNode::make(std::move(fetch));
}

PlanNodePtr entityFetch(std::string service, std::string_view requires_text,
                        std::string_view operation) {
  FetchNode fetch;
  fetch.service = std::move(service);
  fetch.operation = op(operation);
  fetch.requires_selection = req(requires_text);
  return PlanNode::make(std::move(fetch));
}

std::string entities(std::string_view selection) {
  return "query($representations: [_Any!]!) { _entities(representations: $representations) { " +
         std::string(selection) + " } }";
}

std::vector<PlanNodePtr> nodes(PlanNodePtr a, PlanNodePtr b = nullptr, PlanNodePtr c = nullptr) {
  std::vector<PlanNodePtr> out;
  for (PlanNodePtr* p : {&a, &b, &c})
    if (*p) out.push_back(std::move(*p));
  return out;
}

TEST(QueryPlanTest, PrintsSequenceOfRootAndEntityFetchAsApolloDoes) {
  QueryPlan plan(sequence(
      nodes(rootFetch("accounts", "{ users { __typename id } }"),
            flatten("users.@", entityFetch("reviews", "{ ... on User { __typename id } }",
                                           entities("... on User { reviews { body } }"))))));
  EXPECT_EQ(plan.toText(), R"(QueryPlan {
  Sequence {
    Fetch(service: "accounts") {
      {
        users {
          __typename
          id
        }
      }
    },
    Flatten(path: "users.@") {
      Fetch(service: "reviews") {
        {
          ... on User {
            __typename
            id
          }
        } =>
        {
          ... on User {
            reviews {
              body
            }
          }
        }
      },
    },
  },
})");
  EXPECT_EQ(plan.fetchCount(), 2u);
}

TEST(QueryPlanTest, SerializesToApolloRouterJson) {
  FetchNode entity;
  entity.service = "reviews";
  entity.id = 3;
  entity.operation =
      op("query Q__reviews__1($representations: [_Any!]!, $first: Int) "
         "{ _entities(representations: $representations) "
         "{ ... on User { reviews(first: $first) { body } } } }");
  entity.variable_usages = {"first"};
  entity.requires_selection = req("{ ... on User { __typename id } }");
  entity.input_rewrites.push_back(
      DataRewrite{DataRewrite::Kind::kValueSetter, {"... on Book", "__typename"}, "Media", ""});
  entity.output_rewrites.push_back(
      DataRewrite{DataRewrite::Kind::kKeyRenamer, {"... on User", "r__alias_0"}, {}, "reviews"});
  QueryPlan plan(sequence(nodes(rootFetch("accounts", "{ users { __typename id } }"),
                                flatten("users.@", PlanNode::make(std::move(entity))))));
  EXPECT_EQ(
      json::serialize(plan.toJson()),
      R"({"kind":"QueryPlan","node":{"kind":"Sequence","nodes":[)"
      R"({"kind":"Fetch","serviceName":"accounts","variableUsages":[],)"
      R"("operation":"{users{__typename id}}","operationKind":"query"},)"
      R"({"kind":"Flatten","path":["users","@"],"node":{"kind":"Fetch","serviceName":"reviews",)"
      R"("requires":[{"kind":"InlineFragment","typeCondition":"User","selections":[)"
      R"({"kind":"Field","name":"__typename"},{"kind":"Field","name":"id"}]}],)"
      R"("variableUsages":["first"],)"
      R"("operation":"query Q__reviews__1($representations:[_Any!]!$first:Int))"
      R"({_entities(representations:$representations){...on User{reviews(first:$first){body}}}}",)"
      R"("operationName":"Q__reviews__1","operationKind":"query","id":"3",)"
      R"("inputRewrites":[{"kind":"ValueSetter","path":["... on Book","__typename"],)"
      R"("setValueTo":"Media"}],)"
      R"("outputRewrites":[{"kind":"KeyRenamer","path":["... on User","r__alias_0"],)"
      R"("renameKeyTo":"reviews"}]}}]}})");
}

TEST(QueryPlanTest, EmptyPlanPrintsAndSerializesLikeApollo) {
  QueryPlan plan;
  EXPECT_EQ(plan.toText(), "QueryPlan {}");
  EXPECT_EQ(json::serialize(plan.toJson()), R"({"kind":"QueryPlan","node":null})");
  EXPECT_EQ(plan.fetchCount(), 0u);
}

TEST(QueryPlanTest, PrintsIncludeSkipAndBothBranchConditions) {
  auto include = PlanNode::make(ConditionNode{"v", rootFetch("a", "{ x }"), nullptr});
  auto skip = PlanNode::make(ConditionNode{"w", nullptr, rootFetch("b", "{ y }")});
  auto both = PlanNode::make(ConditionNode{.variable = "c",
                                           .if_clause = rootFetch("a", "{ x }"),
                                           .else_clause = rootFetch("b", "{ y }")});
  QueryPlan plan(parallel(nodes(std::move(include), std::move(skip), std::move(both))));
  EXPECT_EQ(plan.toText(), R"(QueryPlan {
  Parallel {
    Include(if: $v) {
      Fetch(service: "a") {
        {
          x
        }
      },
    },
    Skip(if: $w) {
      Fetch(service: "b") {
        {
          y
        }
      },
    },
    Condition(if: $c) {
      Then {
        Fetch(service: "a") {
          {
            x
          }
        },
      } Else {
        Fetch(service: "b") {
          {
            y
          }
        },
      },
    },
  },
})");
  json::Value json = plan.toJson();
  const json::Value& conditions = json["node"]["nodes"];
  EXPECT_EQ(json::serialize(conditions.asArray()[0]),
            R"({"kind":"Condition","condition":"v","ifClause":{"kind":"Fetch","serviceName":"a",)"
            R"("variableUsages":[],"operation":"{x}","operationKind":"query"}})");
  EXPECT_EQ(conditions.asArray()[1].find("ifClause"), nullptr);
  EXPECT_NE(conditions.asArray()[1].find("elseClause"), nullptr);
  EXPECT_EQ(plan.fetchCount(), 4u);
}

TEST(QueryPlanTest, MergePathsKeepTypeConditionsAndFragmentSteps) {
  MergePath path = parseMergePath("search.@|[Book,Movie].... on Book.author|[User]");
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[1].kind, MergePathSegment::Kind::kList);
  EXPECT_EQ(path[1].type_conditions, (std::vector<std::string>{"Book", "Movie"}));
  EXPECT_EQ(path[2].kind, MergePathSegment::Kind::kTypeCondition);
  EXPECT_EQ(path[2].name, "Book");
  EXPECT_EQ(mergePathToString(path), "search.@|[Book,Movie].... on Book.author|[User]");
  QueryPlan plan(PlanNode::make(FlattenNode{path, rootFetch("a", "{ x }")}));
  json::Value json = plan.toJson();
  EXPECT_EQ(json::serialize(json["node"]["path"]),
            R"(["search","@|[Book,Movie]","... on Book","author|[User]"])");
}

TEST(QueryPlanTest, FetchPrintsIdAndRequiresWithAliasesAndNesting) {
  FetchNode fetch;
  fetch.service = "inventory";
  fetch.id = 7;
  fetch.operation = op(entities("... on Product { shippingEstimate }"));
  fetch.requires_selection = req("{ ... on Product { __typename upc d: dimensions { w h } } }");
  EXPECT_EQ(planNodeToText(*PlanNode::make(std::move(fetch))),
            R"(Fetch(service: "inventory", id: 7) {
  {
    ... on Product {
      __typename
      upc
      d: dimensions {
        w
        h
      }
    }
  } =>
  {
    ... on Product {
      shippingEstimate
    }
  }
},)");
}

TEST(QueryPlanTest, RejectsInvalidSubgraphOperations) {
  EXPECT_FALSE(parseSubgraphOperation("{ a ").ok());
  EXPECT_FALSE(parseSubgraphOperation("query A { a } query B { b }").ok());
  EXPECT_FALSE(parseRequires("{ ... on ").ok());
}

TEST(QueryPlanTest, MinifiesLikeApolloRouter) {
  EXPECT_EQ(minifyGraphql("query Q($a: Int = 1, $b: [String!]) {\n  f(x: $a, s: \"a b\") "
                          "@include(if: true) { ... on T { id } ...F }\n}"),
            R"(query Q($a:Int=1$b:[String!]){f(x:$a s:"a b")@include(if:true){...on T{id}...F}})");
}

// The benchmark (design note §11): Hive Router's plan for bench/operation.graphql
// (bin/router/src/query_planner/tests/mod.rs `test_bench_operation`), 7 requests. Hive closes the
// plan with "}," where Apollo (and we) close it with "}"; everything else is byte-identical.
EntityBatchAlias alias(std::string name, std::string reps, std::vector<std::string> paths,
                       std::string_view requires_text) {
  EntityBatchAlias a;
  a.alias = std::move(name);
  a.representations_variable = std::move(reps);
  for (const std::string& p : paths) a.paths.push_back(parseMergePath(p));
  a.requires_selection = req(requires_text);
  return a;
}

PlanNodePtr batch(std::string service, std::string operation, std::vector<EntityBatchAlias> a) {
  BatchFetchNode node;
  node.service = std::move(service);
  node.operation = op(operation);
  node.aliases = std::move(a);
  return PlanNode::make(std::move(node));
}

std::vector<EntityBatchAlias> oneAlias(std::vector<std::string> paths,
                                       std::string_view requires_text) {
  std::vector<EntityBatchAlias> a;
  a.push_back(alias("_e0", "__batch_reps_0", std::move(paths), requires_text));
  return a;
}

QueryPlan benchPlan() {
  const std::vector<std::string> product_paths = {
      "topProducts.@.reviews.@.author.reviews.@.product", "users.@.reviews.@.product",
      "users.@.reviews.@.product.reviews.@.author.reviews.@.product"};
  const std::string batch_query =
      "query($__batch_reps_0: [_Any!]!) { _e0: _entities(representations: $__batch_reps_0) { ";
  std::vector<EntityBatchAlias> reviews_aliases;
  reviews_aliases.push_back(
      alias("_e0", "__batch_reps_0", {"topProducts.@"}, "{ ... on Product { __typename upc } }"));
  reviews_aliases.push_back(
      alias("_e1", "__batch_reps_1", {"users.@"}, "{ ... on User { __typename id } }"));

  std::vector<PlanNodePtr> waves;
  waves.push_back(
      parallel(nodes(rootFetch("products", "{ topProducts { __typename upc name price weight } }"),
                     rootFetch("accounts", "{ users { __typename id username name } }"))));
  waves.push_back(parallel(nodes(
      flatten("topProducts.@",
              entityFetch("inventory", "{ ... on Product { __typename price weight upc } }",
                          entities("... on Product { shippingEstimate inStock }"))),
      batch("reviews",
            "query($__batch_reps_0: [_Any!]!, $__batch_reps_1: [_Any!]!) { "
            "_e0: _entities(representations: $__batch_reps_0) { ... on Product { reviews { ...a } "
            "} } _e1: _entities(representations: $__batch_reps_1) { ... on User { reviews { id "
            "body product { __typename upc reviews { ...a } } } } } } "
            "fragment a on Review { id body author { __typename id reviews { id body product "
            "{ __typename upc } } username } }",
            std::move(reviews_aliases)))));
  waves.push_back(parallel(nodes(
      batch("products", batch_query + "... on Product { price weight name } } }",
            oneAlias(product_paths, "{ ... on Product { __typename upc } }")),
      batch(
          "accounts", batch_query + "... on User { name } } }",
          oneAlias({"topProducts.@.reviews.@.author", "users.@.reviews.@.product.reviews.@.author"},
                   "{ ... on User { __typename id } }")))));
  waves.push_back(
      batch("inventory", batch_query + "... on Product { inStock shippingEstimate } } }",
            oneAlias(product_paths, "{ ... on Product { __typename upc price weight } }")));
  return QueryPlan(sequence(std::move(waves)));
}

TEST(QueryPlanTest, BenchmarkPlanPrintsAsHiveRouterSnapshotWithSevenRequests) {
  QueryPlan plan = benchPlan();
  EXPECT_EQ(plan.fetchCount(), 7u);
  EXPECT_EQ(plan.toText(), R"(QueryPlan {
  Sequence {
    Parallel {
      Fetch(service: "products") {
        {
          topProducts {
            __typename
            upc
            name
            price
            weight
          }
        }
      },
      Fetch(service: "accounts") {
        {
          users {
            __typename
            id
            username
            name
          }
        }
      },
    },
    Parallel {
      Flatten(path: "topProducts.@") {
        Fetch(service: "inventory") {
          {
            ... on Product {
              __typename
              price
              weight
              upc
            }
          } =>
          {
            ... on Product {
              shippingEstimate
              inStock
            }
          }
        },
      },
      BatchFetch(service: "reviews") {
        {
          _e0 {
            paths: [
              "topProducts.@"
            ]
            {
              ... on Product {
                __typename
                upc
              }
            }
          }
          _e1 {
            paths: [
              "users.@"
            ]
            {
              ... on User {
                __typename
                id
              }
            }
          }
        }
        {
          _e0: _entities(representations: $__batch_reps_0) {
            ... on Product {
              reviews {
                ...a
              }
            }
          }
          _e1: _entities(representations: $__batch_reps_1) {
            ... on User {
              reviews {
                id
                body
                product {
                  __typename
                  upc
                  reviews {
                    ...a
                  }
                }
              }
            }
          }
        }
        fragment a on Review {
          id
          body
          author {
            __typename
            id
            reviews {
              id
              body
              product {
                __typename
                upc
              }
            }
            username
          }
        }
      },
    },
    Parallel {
      BatchFetch(service: "products") {
        {
          _e0 {
            paths: [
              "topProducts.@.reviews.@.author.reviews.@.product"
              "users.@.reviews.@.product"
              "users.@.reviews.@.product.reviews.@.author.reviews.@.product"
            ]
            {
              ... on Product {
                __typename
                upc
              }
            }
          }
        }
        {
          _e0: _entities(representations: $__batch_reps_0) {
            ... on Product {
              price
              weight
              name
            }
          }
        }
      },
      BatchFetch(service: "accounts") {
        {
          _e0 {
            paths: [
              "topProducts.@.reviews.@.author"
              "users.@.reviews.@.product.reviews.@.author"
            ]
            {
              ... on User {
                __typename
                id
              }
            }
          }
        }
        {
          _e0: _entities(representations: $__batch_reps_0) {
            ... on User {
              name
            }
          }
        }
      },
    },
    BatchFetch(service: "inventory") {
      {
        _e0 {
          paths: [
            "topProducts.@.reviews.@.author.reviews.@.product"
            "users.@.reviews.@.product"
            "users.@.reviews.@.product.reviews.@.author.reviews.@.product"
          ]
          {
            ... on Product {
              __typename
              upc
              price
              weight
            }
          }
        }
      }
      {
        _e0: _entities(representations: $__batch_reps_0) {
          ... on Product {
            inStock
            shippingEstimate
          }
        }
      }
    },
  },
})");
}

TEST(QueryPlanTest, BenchmarkBatchFetchSerializesEntityBatch) {
  QueryPlan plan = benchPlan();
  json::Value json = plan.toJson();
  const json::Value& accounts = json["node"]["nodes"].asArray()[2]["nodes"].asArray()[1];
  EXPECT_EQ(
      json::serialize(accounts),
      R"({"kind":"BatchFetch","serviceName":"accounts","variableUsages":[],)"
      R"("operation":"query($__batch_reps_0:[_Any!]!){_e0:_entities(representations:$__batch_reps_0))"
      R"({...on User{name}}}","operationKind":"query","entityBatch":{"aliases":[{"alias":"_e0",)"
      R"("representationsVariableName":"__batch_reps_0","paths":[["topProducts","@","reviews","@",)"
      R"("author"],["users","@","reviews","@","product","reviews","@","author"]],)"
      R"("requires":[{"kind":"InlineFragment","typeCondition":"User","selections":[)"
      R"({"kind":"Field","name":"__typename"},{"kind":"Field","name":"id"}]}]}]}})");
}

}  // namespace
}  // namespace plexus::federation
