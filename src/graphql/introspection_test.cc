// Tests for introspection execution. Every expectation is graphql-js 16.15's execute() result
// (JSON.stringify'd) for the same schema, document, variables and operation name.
#include "src/graphql/introspection.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

namespace plexus::graphql {
namespace {

struct Case {
  const char* name;
  const char* query;
  const char* variables;
  const char* operation_name;
  const char* expected;
};

constexpr const char* kSdl = R"gql(
"""The test schema."""
schema { query: Query mutation: Mutation }

"""A calendar date."""
scalar Date @specifiedBy(url: "https://example.com/date")

enum Color {
  RED
  "green!"
  GREEN @deprecated(reason: "no more green")
  BLUE @deprecated
}

interface Node { id: ID! }

"""Has a name."""
interface Named implements Node { id: ID! name: String }

type User implements Node & Named {
  id: ID!
  name: String
  "Friends, paged."
  friends(first: Int = 10, after: String, color: Color = RED, old: Int @deprecated(reason: "gone")): [User!]!
  legacy: String @deprecated(reason: "use name")
}

type Bot implements Node { id: ID! }

union Actor = User | Bot

input Filter @oneOf { id: ID, name: String }

input Range {
  from: Int = 0
  to: Int
  tags: [String!] = ["a", "b"]
  color: Color = GREEN
  nested: Inner = {x: 1}
  when: Date = "2020-01-01"
  f: Float = 1.5
  big: Float = 1e25
  id: ID = 5
  sid: ID = "x\"y"
  single: [Int] = 7
  old: String @deprecated
}

input Inner { x: Int, y: [Int] = 1 }

"Caches things."
directive @cache(maxAge: Int = 60, scope: Color) repeatable on FIELD_DEFINITION | OBJECT

type Query {
  node(id: ID!): Node
  actors(filter: Filter, range: Range = {to: 5}): [Actor]
  me: User
}

type Mutation { noop: Boolean }
)gql";

const Case
    kCases[] =
        {
            {"full", R"gql(
    query IntrospectionQuery {
      __schema {
        description
        queryType { name kind }
        mutationType { name kind }
        subscriptionType { name kind }
        types {
          ...FullType
        }
        directives {
          name
          description
          isRepeatable
          
          
          locations
          args(includeDeprecated: true) {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      specifiedByURL
      isOneOf
      fields(includeDeprecated: true) {
        name
        description
        args(includeDeprecated: true) {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields(includeDeprecated: true) {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
      isDeprecated
      deprecationReason
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        name
        kind
        ofType {
          name
          kind
          ofType {
            name
            kind
            ofType {
              name
              kind
              ofType {
                name
                kind
                ofType {
                  name
                  kind
                  ofType {
                    name
                    kind
                    ofType {
                      name
                      kind
                      ofType {
                        name
                        kind
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  )gql",
             R"gql({})gql", "",
             R"gql({"data":{"__schema":{"description":"The test schema.","queryType":{"name":"Query","kind":"OBJECT"},"mutationType":{"name":"Mutation","kind":"OBJECT"},"subscriptionType":null,"types":[{"kind":"SCALAR","name":"Date","description":"A calendar date.","specifiedByURL":"https://example.com/date","isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"ENUM","name":"Color","description":null,"specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":[{"name":"RED","description":null,"isDeprecated":false,"deprecationReason":null},{"name":"GREEN","description":"green!","isDeprecated":true,"deprecationReason":"no more green"},{"name":"BLUE","description":null,"isDeprecated":true,"deprecationReason":"No longer supported"}],"possibleTypes":null},{"kind":"INTERFACE","name":"Node","description":null,"specifiedByURL":null,"isOneOf":null,"fields":[{"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"ID","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":[{"kind":"OBJECT","name":"User","ofType":null},{"kind":"OBJECT","name":"Bot","ofType":null}]},{"kind":"SCALAR","name":"ID","description":"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"INTERFACE","name":"Named","description":"Has a name.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"ID","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"name","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[{"kind":"INTERFACE","name":"Node","ofType":null}],"enumValues":null,"possibleTypes":[{"kind":"OBJECT","name":"User","ofType":null}]},{"kind":"SCALAR","name":"String","description":"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"User","description":null,"specifiedByURL":null,"isOneOf":null,"fields":[{"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"ID","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"name","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"friends","description":"Friends, paged.","args":[{"name":"first","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":"10","isDeprecated":false,"deprecationReason":null},{"name":"after","description":null,"type":{"kind":"SCALAR","name":"String","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"color","description":null,"type":{"kind":"ENUM","name":"Color","ofType":null},"defaultValue":"RED","isDeprecated":false,"deprecationReason":null},{"name":"old","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":null,"isDeprecated":true,"deprecationReason":"gone"}],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"User","kind":"OBJECT","ofType":null}}}},"isDeprecated":false,"deprecationReason":null},{"name":"legacy","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":true,"deprecationReason":"use name"}],"inputFields":null,"interfaces":[{"kind":"INTERFACE","name":"Node","ofType":null},{"kind":"INTERFACE","name":"Named","ofType":null}],"enumValues":null,"possibleTypes":null},{"kind":"SCALAR","name":"Int","description":"The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"Bot","description":null,"specifiedByURL":null,"isOneOf":null,"fields":[{"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"ID","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[{"kind":"INTERFACE","name":"Node","ofType":null}],"enumValues":null,"possibleTypes":null},{"kind":"UNION","name":"Actor","description":null,"specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":[{"kind":"OBJECT","name":"User","ofType":null},{"kind":"OBJECT","name":"Bot","ofType":null}]},{"kind":"INPUT_OBJECT","name":"Filter","description":null,"specifiedByURL":null,"isOneOf":true,"fields":null,"inputFields":[{"name":"id","description":null,"type":{"kind":"SCALAR","name":"ID","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"name","description":null,"type":{"kind":"SCALAR","name":"String","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}],"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"INPUT_OBJECT","name":"Range","description":null,"specifiedByURL":null,"isOneOf":false,"fields":null,"inputFields":[{"name":"from","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":"0","isDeprecated":false,"deprecationReason":null},{"name":"to","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"tags","description":null,"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"String","kind":"SCALAR","ofType":null}}},"defaultValue":"[\"a\", \"b\"]","isDeprecated":false,"deprecationReason":null},{"name":"color","description":null,"type":{"kind":"ENUM","name":"Color","ofType":null},"defaultValue":"GREEN","isDeprecated":false,"deprecationReason":null},{"name":"nested","description":null,"type":{"kind":"INPUT_OBJECT","name":"Inner","ofType":null},"defaultValue":"{x: 1, y: [1]}","isDeprecated":false,"deprecationReason":null},{"name":"when","description":null,"type":{"kind":"SCALAR","name":"Date","ofType":null},"defaultValue":"\"2020-01-01\"","isDeprecated":false,"deprecationReason":null},{"name":"f","description":null,"type":{"kind":"SCALAR","name":"Float","ofType":null},"defaultValue":"1.5","isDeprecated":false,"deprecationReason":null},{"name":"big","description":null,"type":{"kind":"SCALAR","name":"Float","ofType":null},"defaultValue":"1e+25","isDeprecated":false,"deprecationReason":null},{"name":"id","description":null,"type":{"kind":"SCALAR","name":"ID","ofType":null},"defaultValue":"5","isDeprecated":false,"deprecationReason":null},{"name":"sid","description":null,"type":{"kind":"SCALAR","name":"ID","ofType":null},"defaultValue":"\"x\\\"y\"","isDeprecated":false,"deprecationReason":null},{"name":"single","description":null,"type":{"kind":"LIST","name":null,"ofType":{"name":"Int","kind":"SCALAR","ofType":null}},"defaultValue":"[7]","isDeprecated":false,"deprecationReason":null},{"name":"old","description":null,"type":{"kind":"SCALAR","name":"String","ofType":null},"defaultValue":null,"isDeprecated":true,"deprecationReason":"No longer supported"}],"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"SCALAR","name":"Float","description":"The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"INPUT_OBJECT","name":"Inner","description":null,"specifiedByURL":null,"isOneOf":false,"fields":null,"inputFields":[{"name":"x","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"y","description":null,"type":{"kind":"LIST","name":null,"ofType":{"name":"Int","kind":"SCALAR","ofType":null}},"defaultValue":"[1]","isDeprecated":false,"deprecationReason":null}],"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"Query","description":null,"specifiedByURL":null,"isOneOf":null,"fields":[{"name":"node","description":null,"args":[{"name":"id","description":null,"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"ID","kind":"SCALAR","ofType":null}},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}],"type":{"kind":"INTERFACE","name":"Node","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"actors","description":null,"args":[{"name":"filter","description":null,"type":{"kind":"INPUT_OBJECT","name":"Filter","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"range","description":null,"type":{"kind":"INPUT_OBJECT","name":"Range","ofType":null},"defaultValue":"{from: 0, to: 5, tags: [\"a\", \"b\"], color: GREEN, nested: {x: 1, y: [1]}, when: \"2020-01-01\", f: 1.5, big: 1e+25, id: 5, sid: \"x\\\"y\", single: [7]}","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"LIST","name":null,"ofType":{"name":"Actor","kind":"UNION","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"me","description":null,"args":[],"type":{"kind":"OBJECT","name":"User","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"Mutation","description":null,"specifiedByURL":null,"isOneOf":null,"fields":[{"name":"noop","description":null,"args":[],"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"SCALAR","name":"Boolean","description":"The `Boolean` scalar type represents `true` or `false`.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"__Schema","description":"A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"types","description":"A list of all types supported by this server.","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__Type","kind":"OBJECT","ofType":null}}}},"isDeprecated":false,"deprecationReason":null},{"name":"queryType","description":"The type that query operations will be rooted at.","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"__Type","kind":"OBJECT","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"mutationType","description":"If this server supports mutation, the type that mutation operations will be rooted at.","args":[],"type":{"kind":"OBJECT","name":"__Type","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"subscriptionType","description":"If this server support subscription, the type that subscription operations will be rooted at.","args":[],"type":{"kind":"OBJECT","name":"__Type","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"directives","description":"A list of all directives supported by this server.","args":[{"name":"includeDeprecated","description":null,"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__Directive","kind":"OBJECT","ofType":null}}}},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"__Type","description":"The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"kind","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"__TypeKind","kind":"ENUM","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"name","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"specifiedByURL","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"fields","description":null,"args":[{"name":"includeDeprecated","description":null,"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__Field","kind":"OBJECT","ofType":null}}},"isDeprecated":false,"deprecationReason":null},{"name":"interfaces","description":null,"args":[],"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__Type","kind":"OBJECT","ofType":null}}},"isDeprecated":false,"deprecationReason":null},{"name":"possibleTypes","description":null,"args":[],"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__Type","kind":"OBJECT","ofType":null}}},"isDeprecated":false,"deprecationReason":null},{"name":"enumValues","description":null,"args":[{"name":"includeDeprecated","description":null,"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__EnumValue","kind":"OBJECT","ofType":null}}},"isDeprecated":false,"deprecationReason":null},{"name":"inputFields","description":null,"args":[{"name":"includeDeprecated","description":null,"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"LIST","name":null,"ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__InputValue","kind":"OBJECT","ofType":null}}},"isDeprecated":false,"deprecationReason":null},{"name":"ofType","description":null,"args":[],"type":{"kind":"OBJECT","name":"__Type","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"isOneOf","description":null,"args":[],"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"ENUM","name":"__TypeKind","description":"An enum describing what kind of type a given `__Type` is.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":[{"name":"SCALAR","description":"Indicates this type is a scalar.","isDeprecated":false,"deprecationReason":null},{"name":"OBJECT","description":"Indicates this type is an object. `fields` and `interfaces` are valid fields.","isDeprecated":false,"deprecationReason":null},{"name":"INTERFACE","description":"Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields.","isDeprecated":false,"deprecationReason":null},{"name":"UNION","description":"Indicates this type is a union. `possibleTypes` is a valid field.","isDeprecated":false,"deprecationReason":null},{"name":"ENUM","description":"Indicates this type is an enum. `enumValues` is a valid field.","isDeprecated":false,"deprecationReason":null},{"name":"INPUT_OBJECT","description":"Indicates this type is an input object. `inputFields` is a valid field.","isDeprecated":false,"deprecationReason":null},{"name":"LIST","description":"Indicates this type is a list. `ofType` is a valid field.","isDeprecated":false,"deprecationReason":null},{"name":"NON_NULL","description":"Indicates this type is a non-null. `ofType` is a valid field.","isDeprecated":false,"deprecationReason":null}],"possibleTypes":null},{"kind":"OBJECT","name":"__Field","description":"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"name","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"args","description":null,"args":[{"name":"includeDeprecated","description":null,"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__InputValue","kind":"OBJECT","ofType":null}}}},"isDeprecated":false,"deprecationReason":null},{"name":"type","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"__Type","kind":"OBJECT","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"isDeprecated","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"deprecationReason","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"__InputValue","description":"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"name","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"type","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"__Type","kind":"OBJECT","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"defaultValue","description":"A GraphQL-formatted string representing the default value for this input value.","args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"isDeprecated","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"deprecationReason","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"__EnumValue","description":"One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"name","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"isDeprecated","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"deprecationReason","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"OBJECT","name":"__Directive","description":"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.","specifiedByURL":null,"isOneOf":null,"fields":[{"name":"name","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"description","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null},{"name":"isRepeatable","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"locations","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__DirectiveLocation","kind":"ENUM","ofType":null}}}},"isDeprecated":false,"deprecationReason":null},{"name":"args","description":null,"args":[{"name":"includeDeprecated","description":null,"type":{"kind":"SCALAR","name":"Boolean","ofType":null},"defaultValue":"false","isDeprecated":false,"deprecationReason":null}],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":null,"kind":"LIST","ofType":{"name":null,"kind":"NON_NULL","ofType":{"name":"__InputValue","kind":"OBJECT","ofType":null}}}},"isDeprecated":false,"deprecationReason":null},{"name":"isDeprecated","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"isDeprecated":false,"deprecationReason":null},{"name":"deprecationReason","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,"deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},{"kind":"ENUM","name":"__DirectiveLocation","description":"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.","specifiedByURL":null,"isOneOf":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":[{"name":"QUERY","description":"Location adjacent to a query operation.","isDeprecated":false,"deprecationReason":null},{"name":"MUTATION","description":"Location adjacent to a mutation operation.","isDeprecated":false,"deprecationReason":null},{"name":"SUBSCRIPTION","description":"Location adjacent to a subscription operation.","isDeprecated":false,"deprecationReason":null},{"name":"FIELD","description":"Location adjacent to a field.","isDeprecated":false,"deprecationReason":null},{"name":"FRAGMENT_DEFINITION","description":"Location adjacent to a fragment definition.","isDeprecated":false,"deprecationReason":null},{"name":"FRAGMENT_SPREAD","description":"Location adjacent to a fragment spread.","isDeprecated":false,"deprecationReason":null},{"name":"INLINE_FRAGMENT","description":"Location adjacent to an inline fragment.","isDeprecated":false,"deprecationReason":null},{"name":"VARIABLE_DEFINITION","description":"Location adjacent to a variable definition.","isDeprecated":false,"deprecationReason":null},{"name":"SCHEMA","description":"Location adjacent to a schema definition.","isDeprecated":false,"deprecationReason":null},{"name":"SCALAR","description":"Location adjacent to a scalar definition.","isDeprecated":false,"deprecationReason":null},{"name":"OBJECT","description":"Location adjacent to an object type definition.","isDeprecated":false,"deprecationReason":null},{"name":"FIELD_DEFINITION","description":"Location adjacent to a field definition.","isDeprecated":false,"deprecationReason":null},{"name":"ARGUMENT_DEFINITION","description":"Location adjacent to an argument definition.","isDeprecated":false,"deprecationReason":null},{"name":"INTERFACE","description":"Location adjacent to an interface definition.","isDeprecated":false,"deprecationReason":null},{"name":"UNION","description":"Location adjacent to a union definition.","isDeprecated":false,"deprecationReason":null},{"name":"ENUM","description":"Location adjacent to an enum definition.","isDeprecated":false,"deprecationReason":null},{"name":"ENUM_VALUE","description":"Location adjacent to an enum value definition.","isDeprecated":false,"deprecationReason":null},{"name":"INPUT_OBJECT","description":"Location adjacent to an input object type definition.","isDeprecated":false,"deprecationReason":null},{"name":"INPUT_FIELD_DEFINITION","description":"Location adjacent to an input object field definition.","isDeprecated":false,"deprecationReason":null},{"name":"DIRECTIVE_DEFINITION","description":"Location adjacent to a directive definition.","isDeprecated":false,"deprecationReason":null}],"possibleTypes":null}],"directives":[{"name":"cache","description":"Caches things.","isRepeatable":true,"locations":["FIELD_DEFINITION","OBJECT"],"args":[{"name":"maxAge","description":null,"type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":"60","isDeprecated":false,"deprecationReason":null},{"name":"scope","description":null,"type":{"kind":"ENUM","name":"Color","ofType":null},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"include","description":"Directs the executor to include this field or fragment only when the `if` argument is true.","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","description":"Included when true.","type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"skip","description":"Directs the executor to skip this field or fragment when the `if` argument is true.","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","description":"Skipped when true.","type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean","kind":"SCALAR","ofType":null}},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"deprecated","description":"Marks an element of a GraphQL schema as no longer supported.","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE","DIRECTIVE_DEFINITION"],"args":[{"name":"reason","description":"Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).","type":{"kind":"SCALAR","name":"String","ofType":null},"defaultValue":"\"No longer supported\"","isDeprecated":false,"deprecationReason":null}]},{"name":"specifiedBy","description":"Exposes a URL that specifies the behavior of this scalar.","isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","description":"The URL that specifies the behavior of this scalar.","type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String","kind":"SCALAR","ofType":null}},"defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"oneOf","description":"Indicates exactly one field must be supplied and this field must not be `null`.","isRepeatable":false,"locations":["INPUT_OBJECT"],"args":[]}]}}})gql"},
            {"type",
             R"gql({ __type(name: "User") { name kind description fields(includeDeprecated: true) { name isDeprecated deprecationReason args(includeDeprecated: true) { name defaultValue isDeprecated deprecationReason type { kind name ofType { kind name } } } } interfaces { name } possibleTypes { name } } })gql",
             R"gql({})gql", "", R"gql({"data":{"__type":{"name":"User","kind":"OBJECT","description":null,"fields":[{"name":"id","isDeprecated":false,"deprecationReason":null,"args":[]},{"name":"name","isDeprecated":false,"deprecationReason":null,"args":[]},{"name":"friends","isDeprecated":false,"deprecationReason":null,"args":[{"name":"first","defaultValue":"10","isDeprecated":false,"deprecationReason":null,"type":{"kind":"SCALAR","name":"Int","ofType":null}},{"name":"after","defaultValue":null,"isDeprecated":false,"deprecationReason":null,"type":{"kind":"SCALAR","name":"String","ofType":null}},{"name":"color","defaultValue":"RED","isDeprecated":false,"deprecationReason":null,"type":{"kind":"ENUM","name":"Color","ofType":null}},{"name":"old","defaultValue":null,"isDeprecated":true,"deprecationReason":"gone","type":{"kind":"SCALAR","name":"Int","ofType":null}}]},{"name":"legacy","isDeprecated":true,"deprecationReason":"use name","args":[]}],"interfaces":[{"name":"Node"},{"name":"Named"}],"possibleTypes":null}}})gql"},
            {"default_fields",
             R"gql({ __type(name: "User") { fields { name args { name } } } })gql", R"gql({})gql",
             "",
             R"gql({"data":{"__type":{"fields":[{"name":"id","args":[]},{"name":"name","args":[]},{"name":"friends","args":[{"name":"first"},{"name":"after"},{"name":"color"}]}]}}})gql"},
            {"enum",
             R"gql({ __type(name: "Color") { enumValues { name description isDeprecated deprecationReason } all: enumValues(includeDeprecated: true) { name } fields { name } inputFields { name } isOneOf } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__type":{"enumValues":[{"name":"RED","description":null,"isDeprecated":false,"deprecationReason":null}],"all":[{"name":"RED"},{"name":"GREEN"},{"name":"BLUE"}],"fields":null,"inputFields":null,"isOneOf":null}}})gql"},
            {"input",
             R"gql({ r: __type(name: "Range") { inputFields { name defaultValue } all: inputFields(includeDeprecated: true) { name isDeprecated } isOneOf } f: __type(name: "Filter") { isOneOf kind } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"r":{"inputFields":[{"name":"from","defaultValue":"0"},{"name":"to","defaultValue":null},{"name":"tags","defaultValue":"[\"a\", \"b\"]"},{"name":"color","defaultValue":"GREEN"},{"name":"nested","defaultValue":"{x: 1, y: [1]}"},{"name":"when","defaultValue":"\"2020-01-01\""},{"name":"f","defaultValue":"1.5"},{"name":"big","defaultValue":"1e+25"},{"name":"id","defaultValue":"5"},{"name":"sid","defaultValue":"\"x\\\"y\""},{"name":"single","defaultValue":"[7]"}],"all":[{"name":"from","isDeprecated":false},{"name":"to","isDeprecated":false},{"name":"tags","isDeprecated":false},{"name":"color","isDeprecated":false},{"name":"nested","isDeprecated":false},{"name":"when","isDeprecated":false},{"name":"f","isDeprecated":false},{"name":"big","isDeprecated":false},{"name":"id","isDeprecated":false},{"name":"sid","isDeprecated":false},{"name":"single","isDeprecated":false},{"name":"old","isDeprecated":true}],"isOneOf":false},"f":{"isOneOf":true,"kind":"INPUT_OBJECT"}}})gql"},
            {"abstract",
             R"gql({ a: __type(name: "Actor") { possibleTypes { name } interfaces { name } } n: __type(name: "Node") { possibleTypes { name } interfaces { name } } named: __type(name: "Named") { interfaces { name } possibleTypes { name } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"a":{"possibleTypes":[{"name":"User"},{"name":"Bot"}],"interfaces":null},"n":{"possibleTypes":[{"name":"User"},{"name":"Bot"}],"interfaces":[]},"named":{"interfaces":[{"name":"Node"}],"possibleTypes":[{"name":"User"}]}}})gql"},
            {"scalar",
             R"gql({ d: __type(name: "Date") { name kind specifiedByURL description } s: __type(name: "String") { specifiedByURL } u: __type(name: "User") { specifiedByURL } missing: __type(name: "Nope") { name } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"d":{"name":"Date","kind":"SCALAR","specifiedByURL":"https://example.com/date","description":"A calendar date."},"s":{"specifiedByURL":null},"u":{"specifiedByURL":null},"missing":null}})gql"},
            {"wrappers",
             R"gql({ __type(name: "User") { fields(includeDeprecated: true) { name type { kind name description specifiedByURL fields { name } ofType { kind name ofType { kind name ofType { kind name } } } } } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__type":{"fields":[{"name":"id","type":{"kind":"NON_NULL","name":null,"description":null,"specifiedByURL":null,"fields":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}}},{"name":"name","type":{"kind":"SCALAR","name":"String","description":"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.","specifiedByURL":null,"fields":null,"ofType":null}},{"name":"friends","type":{"kind":"NON_NULL","name":null,"description":null,"specifiedByURL":null,"fields":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"User"}}}}},{"name":"legacy","type":{"kind":"SCALAR","name":"String","description":"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.","specifiedByURL":null,"fields":null,"ofType":null}}]}}})gql"},
            {"fragments", R"gql(query Q($withName: Boolean!, $skip: Boolean = false) {
    __typename
    t: __type(name: "Query") { ...T @include(if: $withName) ... on __Type { kind } ...T ... @skip(if: $skip) { fields { name } } }
    __schema { ... on __Schema { queryType { ...T } } ...S }
    alias: __typename @skip(if: true)
  }
  fragment T on __Type { name __typename }
  fragment S on __Schema { mutationType { name } subscriptionType { name } __typename }
  fragment Unused on Query { me { id } })gql",
             R"gql({"withName":true})gql", "",
             R"gql({"data":{"__typename":"Query","t":{"name":"Query","__typename":"__Type","kind":"OBJECT","fields":[{"name":"node"},{"name":"actors"},{"name":"me"}]},"__schema":{"queryType":{"name":"Query","__typename":"__Type"},"mutationType":{"name":"Mutation"},"subscriptionType":null,"__typename":"__Schema"}}})gql"},
            {"fragments_skipped",
             R"gql(query Q($withName: Boolean!) { __type(name: "Query") { ...T @include(if: $withName) kind } } fragment T on __Type { name })gql",
             R"gql({"withName":false})gql", "", R"gql({"data":{"__type":{"kind":"OBJECT"}}})gql"},
            {"directives",
             R"gql({ __schema { directives { name description isRepeatable locations args { name defaultValue type { name kind ofType { name } } } } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__schema":{"directives":[{"name":"cache","description":"Caches things.","isRepeatable":true,"locations":["FIELD_DEFINITION","OBJECT"],"args":[{"name":"maxAge","defaultValue":"60","type":{"name":"Int","kind":"SCALAR","ofType":null}},{"name":"scope","defaultValue":null,"type":{"name":"Color","kind":"ENUM","ofType":null}}]},{"name":"include","description":"Directs the executor to include this field or fragment only when the `if` argument is true.","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"type":{"name":null,"kind":"NON_NULL","ofType":{"name":"Boolean"}}}]},{"name":"skip","description":"Directs the executor to skip this field or fragment when the `if` argument is true.","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"type":{"name":null,"kind":"NON_NULL","ofType":{"name":"Boolean"}}}]},{"name":"deprecated","description":"Marks an element of a GraphQL schema as no longer supported.","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE","DIRECTIVE_DEFINITION"],"args":[{"name":"reason","defaultValue":"\"No longer supported\"","type":{"name":"String","kind":"SCALAR","ofType":null}}]},{"name":"specifiedBy","description":"Exposes a URL that specifies the behavior of this scalar.","isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","defaultValue":null,"type":{"name":null,"kind":"NON_NULL","ofType":{"name":"String"}}}]},{"name":"oneOf","description":"Indicates exactly one field must be supplied and this field must not be `null`.","isRepeatable":false,"locations":["INPUT_OBJECT"],"args":[]}]}}})gql"},
            {"typename_everywhere",
             R"gql({ __schema { __typename types { __typename } queryType { fields { __typename args { __typename } type { __typename } } } directives { __typename } } c: __type(name: "Color") { enumValues { __typename } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__schema":{"__typename":"__Schema","types":[{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"},{"__typename":"__Type"}],"queryType":{"fields":[{"__typename":"__Field","args":[{"__typename":"__InputValue"}],"type":{"__typename":"__Type"}},{"__typename":"__Field","args":[{"__typename":"__InputValue"},{"__typename":"__InputValue"}],"type":{"__typename":"__Type"}},{"__typename":"__Field","args":[],"type":{"__typename":"__Type"}}]},"directives":[{"__typename":"__Directive"},{"__typename":"__Directive"},{"__typename":"__Directive"},{"__typename":"__Directive"},{"__typename":"__Directive"},{"__typename":"__Directive"}]},"c":{"enumValues":[{"__typename":"__EnumValue"}]}}})gql"},
            {"mutation", R"gql(mutation { __typename })gql", R"gql({})gql", "",
             R"gql({"data":{"__typename":"Mutation"}})gql"},
            {"named_op", R"gql(query A { a: __typename } query B { b: __typename })gql",
             R"gql({})gql", "B", R"gql({"data":{"b":"Query"}})gql"},
            {"multiple_ops", R"gql(query A { a: __typename } query B { b: __typename })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Must provide operation name if query contains multiple operations."}]})gql"},
            {"unknown_op", R"gql(query A { a: __typename })gql", R"gql({})gql", "C",
             R"gql({"errors":[{"message":"Unknown operation named \"C\"."}]})gql"},
            {"no_op", R"gql(fragment F on Query { __typename })gql", R"gql({})gql", "",
             R"gql({"errors":[{"message":"Must provide an operation."}]})gql"},
            {"var_errors",
             R"gql(query Q($name: String!, $n: Int) { __type(name: $name) { name } })gql",
             R"gql({"n":"x"})gql", "",
             R"gql({"errors":[{"message":"Variable \"$name\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":9}]},{"message":"Variable \"$n\" got invalid value \"x\"; Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":25}]}]})gql"},
            {"missing_var_arg",
             R"gql(query Q($name: String) { __type(name: $name) { name } __typename })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Argument \"name\" of required type \"String!\" was provided the variable \"$name\" which was not provided a runtime value.","locations":[{"line":1,"column":39}],"path":["__type"]}],"data":{"__type":null,"__typename":"Query"}})gql"},
            {"type_by_variable",
             R"gql(query Q($name: String!) { __type(name: $name) { name kind } })gql",
             R"gql({"name":"Bot"})gql", "",
             R"gql({"data":{"__type":{"name":"Bot","kind":"OBJECT"}}})gql"},
            {"non_null_propagation",
             R"gql(query Q($d: Boolean) { __typename __schema { queryType { name } directives(includeDeprecated: $d) { name } } })gql",
             R"gql({"d":null})gql", "",
             R"gql({"errors":[{"message":"Argument \"includeDeprecated\" of non-null type \"Boolean!\" must not be null.","locations":[{"line":1,"column":95}],"path":["__schema","directives"]}],"data":null})gql"},
            {"nested_arg_error",
             R"gql(query Q($d: Boolean) { __type(name: "User") { name fields(includeDeprecated: $d) { name } } })gql",
             R"gql({"d":null})gql", "",
             R"gql({"data":{"__type":{"name":"User","fields":[{"name":"id"},{"name":"name"},{"name":"friends"}]}}})gql"},
            {"list_item_propagation",
             R"gql(query Q($s: Boolean) { __typename __schema { types { name ... @skip(if: $s) { kind } } } })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$s\" which was not provided a runtime value.","locations":[{"line":1,"column":73}],"path":["__schema","types",0]}],"data":null})gql"},
            {"list_item_to_nullable",
             R"gql(query Q($s: Boolean) { __type(name: "User") { name fields { name type @include(if: $s) { kind } } } })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$s\" which was not provided a runtime value.","locations":[{"line":1,"column":84}],"path":["__type","fields",0]}],"data":{"__type":{"name":"User","fields":null}}})gql"},
            {"args_null_allowed",
             R"gql({ __type(name: "User") { fields { name args(includeDeprecated: null) { name } } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__type":{"fields":[{"name":"id","args":[]},{"name":"name","args":[]},{"name":"friends","args":[{"name":"first"},{"name":"after"},{"name":"color"}]}]}}})gql"},
            {"skip_error_nested",
             R"gql(query Q($s: Boolean) { __type(name: "User") { name fields @skip(if: $s) { name } } x: __typename })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$s\" which was not provided a runtime value.","locations":[{"line":1,"column":69}],"path":["__type"]}],"data":{"__type":null,"x":"Query"}})gql"},
            {"skip_error_root", R"gql(query Q($s: Boolean) { __typename @skip(if: $s) })gql",
             R"gql({})gql", "",
             R"gql({"errors":[{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$s\" which was not provided a runtime value.","locations":[{"line":1,"column":45}]}],"data":null})gql"},
            {"merged_fields",
             R"gql({ __type(name: "Bot") { name fields { name } } __type(name: "Bot") { kind fields { type { kind } } } })gql",
             R"gql({})gql", "",
             R"gql({"data":{"__type":{"name":"Bot","fields":[{"name":"id","type":{"kind":"NON_NULL"}}],"kind":"OBJECT"}}})gql"},
};

std::string run(const Schema& schema, const char* query, const char* variables = "{}",
                const char* operation_name = "") {
  auto parsed = parse(query);
  if (!parsed.ok()) return "syntax error: " + parsed.error().message;
  auto vars = json::parse(variables);
  if (!vars.ok()) return "bad variables: " + vars.status().message();
  ExecutionResult result = executeIntrospection(schema, parsed.document(), operation_name, *vars);
  return json::serialize(result.toJson());
}

std::shared_ptr<const Schema> build(const char* sdl) {
  auto schema = Schema::fromSdl(sdl);
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return schema.ok() ? *schema : nullptr;
}

TEST(IntrospectionTest, MatchesGraphqlJsExecute) {
  auto schema = build(kSdl);
  ASSERT_NE(schema, nullptr);
  for (const Case& c : kCases) {
    EXPECT_EQ(run(*schema, c.query, c.variables, c.operation_name), c.expected) << c.name;
  }
}

TEST(IntrospectionTest, LeavesOutRootFieldsThatAreNotMetaFields) {
  auto schema = build("type Query { f: String }");
  ASSERT_NE(schema, nullptr);
  // graphql-js: {"data":{"f":null,"a":"Query","__schema":{"queryType":{"name":"Query"}}}};
  // `f` is the subgraphs' to answer.
  EXPECT_EQ(run(*schema, "{ f a: __typename ... on Query { f __schema { queryType { name } } } }"),
            R"({"data":{"a":"Query","__schema":{"queryType":{"name":"Query"}}}})");
}

TEST(IntrospectionTest, ReportsADefaultValueThatCannotBePrintedAsAFieldError) {
  auto schema =
      build(R"(scalar JSON type Query { f(j: JSON = {a: [1, 2]}, k: [JSON] = [1, "x"]): String })");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(run(*schema, R"({ __type(name: "Query") { fields { args { name defaultValue } } } })"),
            R"({"errors":[{"message":"Cannot convert value to AST: { a: [1, 2] }.",)"
            R"("locations":[{"line":1,"column":48}],)"
            R"("path":["__type","fields",0,"args",0,"defaultValue"]}],)"
            R"("data":{"__type":{"fields":[{"args":[{"name":"j","defaultValue":null},)"
            R"({"name":"k","defaultValue":"[1, \"x\"]"}]}]}}})");
}

TEST(IntrospectionTest, RejectsAnOperationTheSchemaHasNoRootFor) {
  auto schema = build("type Query { f: String }");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(run(*schema, "mutation M { __typename }"),
            R"({"errors":[{"message":"Schema is not configured to execute mutation operation.",)"
            R"("locations":[{"line":1,"column":1}]}],"data":null})");
}

TEST(IntrospectionTest, ExecutesAnOperationWithCoercedVariables) {
  auto schema = build("type Query { f: String }");
  ASSERT_NE(schema, nullptr);
  auto parsed = parse("query Q($t: String!) { __type(name: $t) { name } }");
  ASSERT_TRUE(parsed.ok());
  const auto* op = parsed.document().definitions[0]->as<ast::OperationDefinition>();
  json::Value variables = json::Value::object();
  variables["t"] = "Query";
  ExecutionResult result =
      executeIntrospectionOperation(*schema, parsed.document(), *op, variables);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(json::serialize(result.toJson()), R"({"data":{"__type":{"name":"Query"}}})");
}

}  // namespace
}  // namespace plexus::graphql
