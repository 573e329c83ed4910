#include "src/graphql/schema.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

std::shared_ptr<const Schema> build(std::string sdl) {
  auto schema = Schema::fromSdl(std::move(sdl));
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return schema.ok() ? *schema : nullptr;
}

std::vector<std::string> typeNames(const Schema& schema) {
  std::vector<std::string> names;
  for (const NamedType* t : schema.types()) names.emplace_back(t->name);
  return names;
}

using Errors = std::vector<std::string>;

// Each error as "message @line:column @line:column", in the order reported.
Errors errorsOf(std::string sdl) {
  Schema::BuildResult result = Schema::build(std::move(sdl));
  Errors out;
  if (result.index() == 0) return out;
  for (const SchemaError& e : std::get<1>(result)) {
    std::string line = e.message;
    for (const ast::SourceLocation& l : e.locations) {
      line += " @" + std::to_string(l.line) + ":" + std::to_string(l.column);
    }
    out.push_back(std::move(line));
  }
  return out;
}

TEST(SchemaTest, OrdersTypesAsGraphqlJsDoes) {
  auto schema = build("type Query { a: Int }");
  ASSERT_TRUE(schema);
  EXPECT_EQ(typeNames(*schema),
            (std::vector<std::string>{"Query", "Int", "Boolean", "String", "__Schema", "__Type",
                                      "__TypeKind", "__Field", "__InputValue", "__EnumValue",
                                      "__Directive", "__DirectiveLocation"}));
  std::vector<std::string> directives;
  for (const DirectiveDef* d : schema->directives()) directives.emplace_back(d->name);
  EXPECT_EQ(directives,
            (std::vector<std::string>{"include", "skip", "deprecated", "specifiedBy", "oneOf"}));
}

TEST(SchemaTest, MergesExtensionsAndResolvesRootsAndImplementations) {
  auto schema = build(R"(
    schema { query: Root }
    type Root { node: Node }
    interface Node { id: ID! }
    type User implements Node { id: ID! name: String @deprecated }
    extend type User { age: Int }
    union Result = User
    extend union Result = Bot
    type Bot implements Node { id: ID! }
  )");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->queryType()->name, "Root");
  const NamedType* user = schema->type("User");
  ASSERT_NE(user->field("age"), nullptr);
  EXPECT_EQ(user->field("name")->deprecation_reason, "No longer supported");
  EXPECT_EQ(schema->type("Result")->members.size(), 2u);
  EXPECT_EQ(schema->possibleTypes(schema->type("Node")).size(), 2u);
  EXPECT_TRUE(schema->isSubType(schema->type("Node"), user));
  EXPECT_EQ(schema->fieldDef(user, "__typename"), schema->typenameField());
  EXPECT_EQ(schema->fieldDef(schema->queryType(), "__schema"), schema->schemaField());
  EXPECT_EQ(schema->fieldDef(user, "__schema"), nullptr);
}

TEST(SchemaTest, ReportsSyntaxErrorsWithThePosition) {
  auto schema = Schema::fromSdl("type Query {\n  a: \n}", "supergraph.graphql");
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(),
            "supergraph.graphql:3:1: Syntax Error: Expected Name, found \"}\".");
}

// The expected errors below are graphql-js 16.15's: buildSchema (assertValidSDL), then
// validateSchema, on the same SDL.

TEST(SchemaValidationTest, RejectsDuplicateDefinitionsAtEveryName) {
  // LoneSchemaDefinition, UniqueOperationTypes, UniqueFieldDefinitionNames,
  // UniqueArgumentDefinitionNames, UniqueTypeNames, UniqueEnumValueNames, UniqueDirectiveNames;
  // a name after a description is located at the name, as graphql-js reports `node.name`.
  EXPECT_EQ(errorsOf(R"graphql(
schema { query: Query }
schema { query: Query mutation: Query }
extend schema { mutation: Query }
type Query { a: Int "described" a: String f(x: Int, "d" x: Int): Int }
extend type Query { a: ID }
type Query { b: Int }
enum Color { RED "d" RED }
extend enum Color { RED }
directive @tag(name: String, name: String) on OBJECT
directive @tag on OBJECT)graphql"),
            (Errors{
                "Must provide only one schema definition. @3:1",
                "There can be only one query type in schema. @2:10 @3:10",
                "There can be only one mutation type in schema. @3:23 @4:17",
                "Field \"Query.a\" can only be defined once. @5:14 @5:33",
                "Argument \"Query.f(x:)\" can only be defined once. @5:45 @5:57",
                "Field \"Query.a\" can only be defined once. @5:14 @6:21",
                "There can be only one type named \"Query\". @5:6 @7:6",
                "Enum value \"Color.RED\" can only be defined once. @8:14 @8:22",
                "Enum value \"Color.RED\" can only be defined once. @8:14 @9:21",
                "Argument \"@tag(name:)\" can only be defined once. @10:16 @10:30",
                "There can be only one directive named \"@tag\". @10:12 @11:12",
            }));
}

TEST(SchemaValidationTest, ReportsUnknownTypesWithSuggestions) {
  // KnownTypeNames: the standard types are known in type definitions, not in operations.
  EXPECT_EQ(errorsOf(R"graphql(
type Query { a: Strin b: [Usr!]! c(filter: UserFiltr): String d: __Type }
type User implements Nod { id: ID }
schema { query: Query mutation: Mutaton }
query Op($id: String, $user: User) { a ... on Usr { id } })graphql"),
            (Errors{
                "Unknown type \"Strin\". Did you mean \"String\"? @2:17",
                "Unknown type \"Usr\". Did you mean \"User\"? @2:27",
                "Unknown type \"UserFiltr\". @2:44",
                "Unknown type \"Nod\". Did you mean \"ID\"? @3:22",
                "Unknown type \"Mutaton\". @4:33",
                "Unknown type \"String\". @5:15",
                "Unknown type \"Usr\". Did you mean \"User\"? @5:47",
            }));
}

TEST(SchemaValidationTest, ChecksDirectiveApplicationsInGraphqlJsVisitOrder) {
  // KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNamesOnDirectives,
  // UniqueArgumentNames, UniqueInputFieldNames and ProvidedRequiredArgumentsOnDirectives interleave
  // as graphql-js's parallel visit does; an extension's input fields count as ARGUMENT_DEFINITION.
  EXPECT_EQ(
      errorsOf(R"graphql(
directive @tag(name: String!, weight: Int = 1) on OBJECT | FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @each repeatable on OBJECT
type Query @tag(nme: "a", name: "x", name: "y") @tag(name: "z") @each @each @unknown {
  a: Int @tag @skip(if: true) @deprecated(reasn: "old")
  b(filter: Filter @tag(name: "x")): Int @tag(name: {a: 1, a: 2})
}
input Filter { a: Int @tag(name: "x") }
extend input Filter { b: Int @tag(name: "y") }
scalar Date @specifiedBy)graphql"),
      (Errors{
          "The directive \"@tag\" can only be used once at this location. @4:12 @4:49",
          "Unknown argument \"nme\" on directive \"@tag\". Did you mean \"name\"? @4:17",
          "There can be only one argument named \"name\". @4:27 @4:38",
          "Unknown directive \"@unknown\". @4:77",
          "Directive \"@tag\" argument \"name\" of type \"String!\" is required, but it was not "
          "provided. @5:10",
          "Directive \"@skip\" may not be used on FIELD_DEFINITION. @5:15",
          "Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"? @5:43",
          "Directive \"@tag\" may not be used on ARGUMENT_DEFINITION. @6:20",
          "There can be only one input field named \"a\". @6:54 @6:60",
          "Directive \"@tag\" may not be used on ARGUMENT_DEFINITION. @9:30",
          "Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was "
          "not provided. @10:13",
      }));
}

TEST(SchemaValidationTest, RejectsExtensionsOfMissingOrDifferentTypes) {
  // PossibleTypeExtensions; the specified scalars cannot be extended.
  EXPECT_EQ(
      errorsOf(R"graphql(
type Query { a: Int }
extend interface Query { b: Int }
extend type Qeury { c: Int }
extend scalar String @specifiedBy(url: "x"))graphql"),
      (Errors{
          "Cannot extend non-interface type \"Query\". @2:1 @3:1",
          "Cannot extend type \"Qeury\" because it is not defined. Did you mean \"Query\"? @4:13",
          "Cannot extend type \"String\" because it is not defined. @5:15",
      }));
}

TEST(SchemaValidationTest, RequiresObjectRootTypes) {
  // validateRootTypes points at the `operation: Type` of the schema definition or extension.
  EXPECT_EQ(errorsOf(R"graphql(
schema { query: Q mutation: M }
extend schema { subscription: S }
input Q { a: Int }
union M = T
scalar S
type T { a: Int })graphql"),
            (Errors{
                "Query root type must be Object type, it cannot be Q. @2:17",
                "Mutation root type must be Object type if provided, it cannot be M. @2:29",
                "Subscription root type must be Object type if provided, it cannot be S. @3:31",
            }));
}

TEST(SchemaValidationTest, RequiresAQueryRootType) {
  EXPECT_EQ(errorsOf(R"graphql(
"The schema" schema { mutation: M }
type M { a: Int })graphql"),
            (Errors{
                "Query root type must be provided. @2:1",
            }));
}

TEST(SchemaValidationTest, ValidatesDirectiveDefinitions) {
  EXPECT_EQ(errorsOf(R"graphql(
directive @__internal(__arg: Int, where: Query, level: Int! @deprecated(reason: "use x")) on FIELD
type Query { a: Int })graphql"),
            (Errors{
                "Name \"__internal\" must not begin with \"__\", which is reserved by GraphQL "
                "introspection. @2:1",
                "Name \"__arg\" must not begin with \"__\", which is reserved by GraphQL "
                "introspection. @2:23",
                "The type of @__internal(where:) must be Input Type but got: Query. @2:35",
                "Required argument @__internal(level:) cannot be deprecated. @2:61 @2:56",
            }));
}

TEST(SchemaValidationTest, ValidatesFieldsAndArguments) {
  // A field type must be an output type and an argument type an input type; a required argument
  // cannot be deprecated; a type with no fields (even with extensions) is an error.
  EXPECT_EQ(errorsOf(R"graphql(
type Query {
  a: Filter
  b(where: Query, ids: [Query!], n: Int! @deprecated, m: Int! = 1 @deprecated): [Filter!]!
  __c: Int
}
input Filter { a: Int }
type Empty
directive @mark on OBJECT
extend type Empty @mark)graphql"),
            (Errors{
                "The type of Query.a must be Output Type but got: Filter. @3:6",
                "The type of Query.b must be Output Type but got: [Filter!]!. @4:81",
                "The type of Query.b(where:) must be Input Type but got: Query. @4:12",
                "The type of Query.b(ids:) must be Input Type but got: [Query!]. @4:24",
                "Required argument Query.b(n:) cannot be deprecated. @4:42 @4:37",
                "Name \"__c\" must not begin with \"__\", which is reserved by GraphQL "
                "introspection. @5:3",
                "Type Empty must define one or more fields. @8:1 @10:1",
            }));
}

TEST(SchemaValidationTest, ChecksInterfaceImplementations) {
  EXPECT_EQ(
      errorsOf(R"graphql(
interface Node { id: ID! }
interface Named implements Node { id: ID! name(lang: String): String }
type Query implements Named & Named & Query { name(lang: Int, strict: Boolean!): Int }
type Item implements Node & Scalar { id: ID }
scalar Scalar
interface Loop implements Loop { a: Int })graphql"),
      (Errors{
          "Type Query must implement Node because it is implemented by Named. @3:28 @4:23 @4:31",
          "Interface field Named.id expected but Query does not provide it. @3:35 @4:1",
          "Interface field Named.name expects type String but Query.name is type Int. @3:63 @4:82",
          "Interface field argument Named.name(lang:) expects type String but Query.name(lang:) is "
          "type Int. @3:54 @4:58",
          "Object field Query.name includes required argument strict that is missing from the "
          "Interface field Named.name. @4:63 @3:43",
          "Type Query can only implement Named once. @4:23 @4:31",
          "Type Query must only implement Interface types, it cannot implement Query. @4:39",
          "Interface field Node.id expects type ID! but Item.id is type ID. @2:22 @5:42",
          "Type Item must only implement Interface types, it cannot implement Scalar. @5:29",
          "Type Loop cannot implement itself because it would create a circular reference. @7:27",
      }));
}

TEST(SchemaValidationTest, ValidatesUnionMembersAndEnumValues) {
  EXPECT_EQ(
      errorsOf(R"graphql(
type Query { a: Int }
union Empty
union Result = Query | Query | Node | Date
extend union Result = Node
interface Node { id: ID }
scalar Date
enum Level
directive @mark on ENUM
extend enum Level @mark
enum Access { __ADMIN USER })graphql"),
      (Errors{
          "Union type Empty must define one or more member types. @3:1",
          "Union type Result can only include type Query once. @4:16 @4:24",
          "Union type Result can only include Object types, it cannot include Node. @4:32 @5:23",
          "Union type Result can only include Object types, it cannot include Date. @4:39",
          "Union type Result can only include type Node once. @4:32 @5:23",
          "Enum type Level must define one or more values. @8:1 @10:1",
          "Name \"__ADMIN\" must not begin with \"__\", which is reserved by GraphQL "
          "introspection. @11:15",
      }));
}

TEST(SchemaValidationTest, ValidatesInputObjectsOneOfAndCycles) {
  EXPECT_EQ(errorsOf(R"graphql(
type Query { a(f: Filter, o: OneOf): Int }
input Empty
input Filter { user: Query, id: ID! @deprecated, next: Filter!, page: Page! }
input Page { filter: Filter!, pages: [Page!]! }
input OneOf @oneOf { a: Int!, b: Int = 1, c: String })graphql"),
            (Errors{
                "Input Object type Empty must define one or more fields. @3:1",
                "The type of Filter.user must be Input Type but got: Query. @4:22",
                "Required input field Filter.id cannot be deprecated. @4:37 @4:33",
                "Cannot reference Input Object \"Filter\" within itself through a series of "
                "non-null fields: \"next\". @4:50",
                "Cannot reference Input Object \"Filter\" within itself through a series of "
                "non-null fields: \"page.filter\". @4:65 @5:14",
                "OneOf input field OneOf.a must be nullable. @6:25",
                "OneOf input field OneOf.b cannot have a default value. @6:31",
            }));
}

TEST(SchemaValidationTest, ReportsWhatBuildAstSchemaThrows) {
  // A @deprecated reason that is not a string fails the build, before validateSchema runs.
  EXPECT_EQ(errorsOf(R"graphql(
type Query { a(x: Int @deprecated(reason: 1)): Int })graphql"),
            (Errors{
                "Argument \"reason\" has invalid value 1. @2:43",
            }));
  EXPECT_EQ(errorsOf(R"graphql(
type Query { a(x: Item = 1): Int }
type Item { id: ID })graphql"),
            (Errors{
                "Unexpected input type: Item",
            }));
}

TEST(SchemaValidationTest, JoinsEveryErrorWithItsPositionInFromSdl) {
  auto schema = Schema::fromSdl("type Query { a: Strin }\nenum Empty", "api.graphql");
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(),
            "api.graphql:1:17: Unknown type \"Strin\". Did you mean \"String\"?");
  schema = Schema::fromSdl("type Query { a: E }\nenum E\ninput I", "api.graphql");
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(),
            "api.graphql:2:1: Enum type E must define one or more values.\n"
            "api.graphql:3:1: Input Object type I must define one or more fields.");
}

TEST(SchemaValidationTest, TypesNamedAfterRootsWinOverSchemaExtensions) {
  // Without a schema definition graphql-js takes the types named Query, Mutation and
  // Subscription, and an `extend schema` only fills the roots those names leave empty.
  auto schema = build(R"graphql(
    type Query { a: Int }
    type Other { b: Int }
    type Mutation { c: Int }
    type Events { d: Int }
    extend schema { query: Other mutation: Other subscription: Events }
  )graphql");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->queryType()->name, "Query");
  EXPECT_EQ(schema->mutationType()->name, "Mutation");
  EXPECT_EQ(schema->subscriptionType()->name, "Events");
}

TEST(SchemaValidationTest, ReadsOneOfAndDeprecationAsGraphqlJsDoes) {
  // @oneOf counts on the definition only; `reason: null` leaves a field not deprecated, so a
  // required argument may carry it.
  auto schema = build(R"graphql(
    input Pick { a: Int! }
    extend input Pick @oneOf
    type Query { f(p: Pick, n: Int! @deprecated(reason: null)): Int @deprecated(reason: null) }
  )graphql");
  ASSERT_TRUE(schema);
  EXPECT_FALSE(schema->type("Pick")->one_of);
  const FieldDef* f = schema->type("Query")->field("f");
  EXPECT_FALSE(f->deprecation_reason.has_value());
  EXPECT_FALSE(f->argument("n")->deprecation_reason.has_value());
}

}  // namespace
}  // namespace plexus::graphql
