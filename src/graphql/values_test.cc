// Tests for input coercion: variables, arguments, literals, @skip/@include and astFromValue.
// Expected values are graphql-js 16.15 outputs (getVariableValues, getArgumentValues,
// getDirectiveValues, astFromValue + print) for the same schema and documents.
#include "src/graphql/values.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"
#include "src/graphql/printer.h"

namespace plexus::graphql {
namespace {

constexpr const char* kSdl = R"(
enum Color { RED GREEN BLUE }
scalar JSON
input Point { x: Int!, y: Int = 0, label: String }
input Filter @oneOf { id: ID, name: String }
input Nested { point: Point, points: [Point!], color: Color = RED, matrix: [[Int]] }
type Query {
  f(a: Int, b: [Int!], c: Point, d: Color = GREEN, e: Nested, j: JSON, one: Filter, fl: Float, id: ID, s: String, list: [Int] = 3): String
  g(req: String!, opt: Int = 5): String
}
)";

class ValuesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto built = Schema::fromSdl(kSdl);
    ASSERT_TRUE(built.ok()) << built.status().message();
    schema_ = new std::shared_ptr<const Schema>(*built);
  }
  static void TearDownTestSuite() { delete schema_; }
  const Schema& schema() const { return **schema_; }

  // Parses `text` and keeps the document alive for the test.
  const ast::OperationDefinition& operation(std::string text) {
    auto parsed = parse(std::move(text));
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    documents_.push_back(parsed.takeDocument());
    return *documents_.back()->definitions[0]->as<ast::OperationDefinition>();
  }
  const ast::Field& firstField(const ast::OperationDefinition& op) {
    return *op.selection_set->selections[0]->as<ast::Field>();
  }
  static json::Value json(std::string_view text) {
    auto v = json::parse(text);
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? *v : json::Value();
  }
  static json::Value errorJson(const GraphQLError& error) {
    json::Value out = json::Value::object();
    out["message"] = error.message;
    if (!error.locations.empty()) out["locations"] = error.toJson()["locations"];
    return out;
  }

  static std::shared_ptr<const Schema>* schema_;
  std::vector<std::unique_ptr<ast::Document>> documents_;
};
std::shared_ptr<const Schema>* ValuesTest::schema_ = nullptr;

struct Case {
  const char* source;
  const char* variables;
  const char* expected;
};

// query Q(<definitions>) { f } with `variables` -> {"coerced": ...} or {"errors": [...]}.
const Case
    kVariableCases[] =
        {
            {R"js($x: Int!)js", R"js({})js",
             R"js({"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int!)js", R"js({"x":null})js",
             R"js({"errors":[{"message":"Variable \"$x\" of non-null type \"Int!\" must not be null.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int)js", R"js({"x":"abc"})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"abc\"; Int cannot represent non-integer value: \"abc\"","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int)js", R"js({"x":1.5})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 1.5; Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int)js", R"js({"x":2147483648})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int)js", R"js({"x":1000})js", R"js({"coerced":{"x":1000}})js"},
            {R"js($x: Int = 7)js", R"js({})js", R"js({"coerced":{"x":7}})js"},
            {R"js($x: Int = 7)js", R"js({"x":null})js", R"js({"coerced":{"x":null}})js"},
            {R"js($x: Float)js", R"js({"x":3})js", R"js({"coerced":{"x":3}})js"},
            {R"js($x: Float)js", R"js({"x":"1.5"})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"1.5\"; Float cannot represent non numeric value: \"1.5\"","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: String)js", R"js({"x":5})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 5; String cannot represent a non string value: 5","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: String)js", R"js({"x":{"a":[1,{"b":{"c":1}}]}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value { a: [1, [Object]] }; String cannot represent a non string value: { a: [1, [Object]] }","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Boolean)js", R"js({"x":0})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 0; Boolean cannot represent a non boolean value: 0","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: ID)js", R"js({"x":12})js", R"js({"coerced":{"x":"12"}})js"},
            {R"js($x: ID)js", R"js({"x":1.5})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 1.5; ID cannot represent value: 1.5","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: ID)js", R"js({"x":true})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value true; ID cannot represent value: true","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Color)js", R"js({"x":"GREEN"})js", R"js({"coerced":{"x":"GREEN"}})js"},
            {R"js($x: Color)js", R"js({"x":"GREN"})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"GREN\"; Value \"GREN\" does not exist in \"Color\" enum. Did you mean the enum value \"GREEN\" or \"RED\"?","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Color)js", R"js({"x":"red"})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"red\"; Value \"red\" does not exist in \"Color\" enum. Did you mean the enum value \"RED\"?","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Color)js", R"js({"x":1})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value 1; Enum \"Color\" cannot represent non-string value: 1.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: JSON)js", R"js({"x":{"any":[1,"two",null]}})js",
             R"js({"coerced":{"x":{"any":[1,"two",null]}}})js"},
            {R"js($x: [Int])js", R"js({"x":5})js", R"js({"coerced":{"x":[5]}})js"},
            {R"js($x: [Int])js", R"js({"x":[1,null,"x",4.5]})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"x\" at \"x[2]\"; Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value 4.5 at \"x[3]\"; Int cannot represent non-integer value: 4.5","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: [Int!])js", R"js({"x":[1,null]})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value null at \"x[1]\"; Expected non-nullable type \"Int!\" not to be null.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: [[Int]])js", R"js({"x":[[1],2,[3,"a"]]})js", R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"a\" at \"x[2][1]\"; Int cannot represent non-integer value: \"a\"","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Point)js", R"js({"x":{"x":1}})js", R"js({"coerced":{"x":{"x":1,"y":0}}})js"},
            {R"js($x: Point)js", R"js({"x":{"y":2}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value { y: 2 }; Field \"x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Point)js", R"js({"x":"p"})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"p\"; Expected type \"Point\" to be an object.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Point)js", R"js({"x":[1]})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value [1]; Expected type \"Point\" to be an object.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Point)js", R"js({"x":{"x":1,"lable":"l","2":1,"10":2,"zzz":0}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value { 2: 1, 10: 2, x: 1, lable: \"l\", zzz: 0 }; Field \"2\" is not defined by type \"Point\". Did you mean \"x\" or \"y\"?","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value { 2: 1, 10: 2, x: 1, lable: \"l\", zzz: 0 }; Field \"10\" is not defined by type \"Point\".","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value { 2: 1, 10: 2, x: 1, lable: \"l\", zzz: 0 }; Field \"lable\" is not defined by type \"Point\". Did you mean \"label\"?","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value { 2: 1, 10: 2, x: 1, lable: \"l\", zzz: 0 }; Field \"zzz\" is not defined by type \"Point\".","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Float)js", R"js({"x":1e400})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value Infinity; Float cannot represent non numeric value: Infinity","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Point!)js", R"js({"x":{"x":null,"y":"a"}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value null at \"x.x\"; Expected non-nullable type \"Int!\" not to be null.","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value \"a\" at \"x.y\"; Int cannot represent non-integer value: \"a\"","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Nested)js",
             R"js({"x":{"point":{"x":1},"points":[{"x":2},null,{"y":1}],"matrix":[[1,2],[3]]}})js", R"js({"errors":[{"message":"Variable \"$x\" got invalid value null at \"x.points[1]\"; Expected non-nullable type \"Point!\" not to be null.","locations":[{"line":1,"column":9}]},{"message":"Variable \"$x\" got invalid value { y: 1 } at \"x.points[2]\"; Field \"x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Nested)js", R"js({"x":{"color":"BLUE","points":{"x":3}}})js",
             R"js({"coerced":{"x":{"points":[{"x":3,"y":0}],"color":"BLUE"}}})js"},
            {R"js($x: Filter)js", R"js({"x":{"id":1}})js", R"js({"coerced":{"x":{"id":"1"}}})js"},
            {R"js($x: Filter)js", R"js({"x":{"id":"1","name":"n"}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value { id: \"1\", name: \"n\" }; Exactly one key must be specified for OneOf type \"Filter\".","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Filter)js", R"js({"x":{}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value {}; Exactly one key must be specified for OneOf type \"Filter\".","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Filter)js", R"js({"x":{"name":null}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value null at \"x.name\"; Field \"name\" must be non-null.","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Query)js", R"js({"x":1})js",
             R"js({"errors":[{"message":"Variable \"$x\" expected value of type \"Query\" which cannot be used as an input type.","locations":[{"line":1,"column":13}]}]})js"},
            {R"js($x: Unknown)js", R"js({"x":1})js",
             R"js({"errors":[{"message":"Variable \"$x\" expected value of type \"Unknown\" which cannot be used as an input type.","locations":[{"line":1,"column":13}]}]})js"},
            {R"js($x: [Int]! = [1])js", R"js({})js", R"js({"coerced":{"x":[1]}})js"},
            {R"js($x: Point = {x: 1})js", R"js({})js", R"js({"coerced":{"x":{"x":1,"y":0}}})js"},
            {R"js($a: Int!, $b: String!, $c: Color)js", R"js({"c":"NOPE"})js",
             R"js({"errors":[{"message":"Variable \"$a\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":9}]},{"message":"Variable \"$b\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":19}]},{"message":"Variable \"$c\" got invalid value \"NOPE\"; Value \"NOPE\" does not exist in \"Color\" enum.","locations":[{"line":1,"column":32}]}]})js"},
            {R"js($x: [Int])js", R"js({"x":[1,2,3,4,5,6,7,8,9,10,11,"z"]})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value \"z\" at \"x[11]\"; Int cannot represent non-integer value: \"z\"","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: String)js", R"js({"x":[1,2,3,4,5,6,7,8,9,10,11,12]})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]; String cannot represent a non string value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]","locations":[{"line":1,"column":9}]}]})js"},
            {R"js($x: Int)js", R"js({"x":{"b":1,"a":{},"c":[]}})js",
             R"js({"errors":[{"message":"Variable \"$x\" got invalid value { b: 1, a: {}, c: [] }; Int cannot represent non-integer value: { b: 1, a: {}, c: [] }","locations":[{"line":1,"column":9}]}]})js"},
};

TEST_F(ValuesTest, CoercesVariablesAsGraphqlJs) {
  for (const Case& c : kVariableCases) {
    const auto& op = operation(std::string("query Q(") + c.source + ") { f }");
    CoercedVariables result = coerceVariableValues(schema(), op.variables, json(c.variables));
    json::Value actual = json::Value::object();
    if (result.ok()) {
      actual["coerced"] = result.values;
    } else {
      json::Value& errors = actual["errors"] = json::Value::array();
      for (const GraphQLError& e : result.errors) errors.push(errorJson(e));
    }
    EXPECT_EQ(json::serialize(actual), json::serialize(json(c.expected)))
        << c.source << " with " << c.variables;
  }
}

TEST_F(ValuesTest, StopsAfterMaxErrorsWithGraphqlJsAbortMessage) {
  const auto& op = operation("query Q($a: Int!, $b: Int!, $c: Int!) { f }");
  CoercedVariables result =
      coerceVariableValues(schema(), op.variables, json("{}"), {.max_errors = 2});
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[1].message,
            "Variable \"$b\" of required type \"Int!\" was not provided.");
  EXPECT_EQ(
      json::serialize(result.errors[2].toJson()),
      R"({"message":"Too many errors processing variables, error limit reached. Execution aborted."})");
}

TEST_F(ValuesTest, HidesSuggestionsWhenAsked) {
  const auto& op = operation("query Q($x: Color, $p: Point) { f }");
  CoercedVariables result = coerceVariableValues(
      schema(), op.variables, json(R"({"x": "GREN", "p": {"x": 1, "lable": 2}})"),
      {.hide_suggestions = true});
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].message,
            "Variable \"$x\" got invalid value \"GREN\"; Value \"GREN\" does not exist in "
            "\"Color\" enum.");
  EXPECT_EQ(result.errors[1].message,
            "Variable \"$p\" got invalid value { x: 1, lable: 2 }; Field \"lable\" is not "
            "defined by type \"Point\".");
}

TEST_F(ValuesTest, CoerceInputValueReportsPathsInsideTheValue) {
  const auto& op = operation("query Q($x: [Nested]) { f }");
  std::vector<InputCoercionError> errors;
  auto value =
      coerceInputValue(schema(), json(R"([{"points": [{"x": "1"}]}])"), op.variables[0]->type,
                       [&](const InputCoercionError& e) { errors.push_back(e); });
  EXPECT_FALSE(value.has_value());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, (std::vector<PathElement>{int64_t{0}, std::string("points"), int64_t{0},
                                                      std::string("x")}));
  EXPECT_EQ(errors[0].invalid_value, json::Value("1"));
  EXPECT_EQ(errors[0].message, "Int cannot represent non-integer value: \"1\"");
}

// { f(...) } or { g(...) } with `variables` -> {"values": ...} or {"error": {...}}.
const Case kArgumentCases[] = {
    {R"js({ f(a: 1) })js", R"js({})js", R"js({"values":{"a":1,"d":"GREEN","list":[3]}})js"},
    {R"js({ f(a: "1") })js", R"js({})js",
     R"js({"error":{"message":"Argument \"a\" has invalid value \"1\".","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(a: 2147483648) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"a\" has invalid value 2147483648.","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(fl: 1, id: 5, s: "x") })js", R"js({})js",
     R"js({"values":{"d":"GREEN","fl":1,"id":"5","s":"x","list":[3]}})js"},
    {R"js({ f(fl: 1.5e3, id: "abc") })js", R"js({})js",
     R"js({"values":{"d":"GREEN","fl":1500,"id":"abc","list":[3]}})js"},
    {R"js({ f(b: 1) })js", R"js({})js", R"js({"values":{"b":[1],"d":"GREEN","list":[3]}})js"},
    {R"js({ f(b: [1, null]) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"b\" has invalid value [1, null].","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(c: {x: 1}) })js", R"js({})js",
     R"js({"values":{"c":{"x":1,"y":0},"d":"GREEN","list":[3]}})js"},
    {R"js({ f(c: {y: 1}) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"c\" has invalid value {y: 1}.","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(c: {x: 1, z: 2}) })js", R"js({})js",
     R"js({"values":{"c":{"x":1,"y":0},"d":"GREEN","list":[3]}})js"},
    {R"js({ f(d: BLUE) })js", R"js({})js", R"js({"values":{"d":"BLUE","list":[3]}})js"},
    {R"js({ f(d: "BLUE") })js", R"js({})js",
     R"js({"error":{"message":"Argument \"d\" has invalid value \"BLUE\".","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(d: PURPLE) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"d\" has invalid value PURPLE.","locations":[{"line":1,"column":8}]}})js"},
    {R"js({ f(e: {points: {x: 1}, matrix: [1, [2, null]]}) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","e":{"points":[{"x":1,"y":0}],"color":"RED","matrix":[[1],[2,null]]},"list":[3]}})js"},
    {R"js({ f(j: {a: [1, 2.5, "s", true, null, ENUM], b: {c: $v}}) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","j":{"a":[1,2.5,"s",true,null,"ENUM"],"b":{}},"list":[3]}})js"},
    {R"js(query($v: Int) { f(j: {a: $v, b: [$v, $w]}) })js", R"js({"v":3})js",
     R"js({"values":{"d":"GREEN","j":{"a":3,"b":[3,null]},"list":[3]}})js"},
    {R"js(query($v: Int) { f(j: $v) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","list":[3]}})js"},
    {R"js({ f(one: {id: 1}) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","one":{"id":"1"},"list":[3]}})js"},
    {R"js({ f(one: {id: 1, name: "x"}) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"one\" has invalid value {id: 1, name: \"x\"}.","locations":[{"line":1,"column":10}]}})js"},
    {R"js({ f(one: {id: null}) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"one\" has invalid value {id: null}.","locations":[{"line":1,"column":10}]}})js"},
    {R"js(query($v: Int) { f(a: $v) })js", R"js({"v":4})js",
     R"js({"values":{"a":4,"d":"GREEN","list":[3]}})js"},
    {R"js(query($v: Int) { f(a: $v) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","list":[3]}})js"},
    {R"js(query($v: Int) { f(a: $v) })js", R"js({"v":null})js",
     R"js({"values":{"a":null,"d":"GREEN","list":[3]}})js"},
    {R"js(query($v: Int) { f(b: [1, $v]) })js", R"js({"v":2})js",
     R"js({"values":{"b":[1,2],"d":"GREEN","list":[3]}})js"},
    {R"js(query($v: Int) { f(b: [1, $v]) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"b\" has invalid value [1, $v].","locations":[{"line":1,"column":23}]}})js"},
    {R"js(query($v: Int) { f(c: {x: $v}) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"c\" has invalid value {x: $v}.","locations":[{"line":1,"column":23}]}})js"},
    {R"js(query($v: Int) { f(c: {x: 1, y: $v}) })js", R"js({})js",
     R"js({"values":{"c":{"x":1,"y":0},"d":"GREEN","list":[3]}})js"},
    {R"js(query($v: Int) { f(list: $v) })js", R"js({})js",
     R"js({"values":{"d":"GREEN","list":[3]}})js"},
    {R"js({ f(list: null) })js", R"js({})js", R"js({"values":{"d":"GREEN","list":null}})js"},
    {R"js({ f })js", R"js({})js", R"js({"values":{"d":"GREEN","list":[3]}})js"},
    {R"js({ g })js", R"js({})js",
     R"js({"error":{"message":"Argument \"req\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":3}]}})js"},
    {R"js({ g(req: null) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"req\" of non-null type \"String!\" must not be null.","locations":[{"line":1,"column":10}]}})js"},
    {R"js(query($r: String) { g(req: $r) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"req\" of required type \"String!\" was provided the variable \"$r\" which was not provided a runtime value.","locations":[{"line":1,"column":28}]}})js"},
    {R"js(query($r: String) { g(req: $r) })js", R"js({"r":null})js",
     R"js({"error":{"message":"Argument \"req\" of non-null type \"String!\" must not be null.","locations":[{"line":1,"column":28}]}})js"},
    {R"js(query($r: String) { g(req: $r, opt: $r) })js", R"js({"r":"x"})js",
     R"js({"values":{"req":"x","opt":"x"}})js"},
    {R"js(query($o: Int) { g(req: "a", opt: $o) })js", R"js({})js",
     R"js({"values":{"req":"a","opt":5}})js"},
    {R"js({ g(req: "a", opt: null) })js", R"js({})js", R"js({"values":{"req":"a","opt":null}})js"},
    {R"js({ g(req: "a", req: "b") })js", R"js({})js", R"js({"values":{"req":"b","opt":5}})js"},
};

TEST_F(ValuesTest, GetsArgumentValuesAsGraphqlJs) {
  for (const Case& c : kArgumentCases) {
    const auto& op = operation(c.source);
    CoercedVariables vars = coerceVariableValues(schema(), op.variables, json(c.variables));
    ASSERT_TRUE(vars.ok()) << c.source;
    const ast::Field& field = firstField(op);
    const FieldDef* def = schema().queryType()->field(field.name);
    ASSERT_NE(def, nullptr);
    ArgumentValues args =
        getArgumentValues(schema(), def->arguments, field.arguments, field, vars.values);
    json::Value actual = json::Value::object();
    if (args.ok()) {
      actual["values"] = args.values;
    } else {
      actual["error"] = errorJson(*args.error);
    }
    EXPECT_EQ(json::serialize(actual), json::serialize(json(c.expected)))
        << c.source << " with " << c.variables;
  }
}

// { f @skip/@include } with `variables` -> {"include": bool} or {"error": {...}}.
const Case kDirectiveCases[] = {
    {R"js({ f @skip(if: true) })js", R"js({})js", R"js({"include":false})js"},
    {R"js({ f @skip(if: false) })js", R"js({})js", R"js({"include":true})js"},
    {R"js({ f @include(if: false) })js", R"js({})js", R"js({"include":false})js"},
    {R"js({ f @include(if: true) @skip(if: true) })js", R"js({})js", R"js({"include":false})js"},
    {R"js(query($c: Boolean!) { f @include(if: $c) })js", R"js({"c":false})js",
     R"js({"include":false})js"},
    {R"js(query($c: Boolean) { f @include(if: $c) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$c\" which was not provided a runtime value.","locations":[{"line":1,"column":37}]}})js"},
    {R"js(query($c: Boolean) { f @skip(if: $c) })js", R"js({"c":null})js",
     R"js({"error":{"message":"Argument \"if\" of non-null type \"Boolean!\" must not be null.","locations":[{"line":1,"column":34}]}})js"},
    {R"js({ f @skip(if: false) @skip(if: true) })js", R"js({})js", R"js({"include":true})js"},
    {R"js({ f @include(if: "yes") })js", R"js({})js",
     R"js({"error":{"message":"Argument \"if\" has invalid value \"yes\".","locations":[{"line":1,"column":18}]}})js"},
    {R"js({ f @skip(if: true) @include(if: $nope) })js", R"js({})js", R"js({"include":false})js"},
    {R"js({ f @skip(if: false) @include(if: $nope) })js", R"js({})js",
     R"js({"error":{"message":"Argument \"if\" of required type \"Boolean!\" was provided the variable \"$nope\" which was not provided a runtime value.","locations":[{"line":1,"column":35}]}})js"},
};

TEST_F(ValuesTest, EvaluatesSkipAndIncludeAsGraphqlJs) {
  for (const Case& c : kDirectiveCases) {
    const auto& op = operation(c.source);
    CoercedVariables vars = coerceVariableValues(schema(), op.variables, json(c.variables));
    ASSERT_TRUE(vars.ok()) << c.source;
    GraphQLError error;
    std::optional<bool> include =
        shouldInclude(schema(), firstField(op).directives, vars.values, &error);
    json::Value actual = json::Value::object();
    if (include.has_value()) {
      actual["include"] = *include;
    } else {
      actual["error"] = errorJson(error);
    }
    EXPECT_EQ(json::serialize(actual), json::serialize(json(c.expected))) << c.source;
  }
}

TEST_F(ValuesTest, ValueFromAstWithoutVariablesTreatsThemAsMissing) {
  const auto& op = operation("query Q($v: Int) { f(a: $v, b: [1, $v]) }");
  const ast::Field& field = firstField(op);
  const FieldDef* def = schema().queryType()->field("f");
  EXPECT_FALSE(valueFromAst(schema(), field.arguments[0]->value, def->argument("a")->type, nullptr)
                   .has_value());
  // [Int!] with a missing variable item is invalid; [Int] would read it as null.
  EXPECT_FALSE(valueFromAst(schema(), field.arguments[1]->value, def->argument("b")->type, nullptr)
                   .has_value());
  EXPECT_EQ(valueFromAst(schema(), field.arguments[1]->value, def->argument("list")->type, nullptr),
            json("[1, null]"));
}

TEST_F(ValuesTest, DefaultValueIsTheCoercedDefaultLiteral) {
  const FieldDef* def = schema().queryType()->field("f");
  EXPECT_EQ(defaultValue(schema(), *def->argument("list")), json("[3]"));
  EXPECT_EQ(defaultValue(schema(), *def->argument("d")), json("\"GREEN\""));
  EXPECT_FALSE(defaultValue(schema(), *def->argument("a")).has_value());
}

// print(astFromValue(value, type)) in graphql-js, for `value` given as JSON.
TEST_F(ValuesTest, AstFromValuePrintsAsGraphqlJs) {
  struct AstCase {
    const char* type;
    const char* value;
    const char* printed;  // nullptr: astFromValue returns null
  } cases[] = {
      {R"js(String)js", R"js("abc")js", R"js("abc")js"},
      {R"js(String)js", R"js("a\"b\\c\n\u0001\u007f é")js", R"js("a\"b\\c\n\u0001\u007F é")js"},
      {R"js(Int)js", R"js(5)js", R"js(5)js"},
      {R"js(Int)js", R"js(null)js", R"js(null)js"},
      {R"js(Int!)js", R"js(null)js", nullptr},
      {R"js(Float)js", R"js(1)js", R"js(1)js"},
      {R"js(Float)js", R"js(1.5)js", R"js(1.5)js"},
      {R"js(Float)js", R"js(1e25)js", R"js(1e+25)js"},
      {R"js(Float)js", R"js(1e-7)js", R"js(1e-7)js"},
      {R"js(Float)js", R"js(-0.5)js", R"js(-0.5)js"},
      {R"js(Boolean)js", R"js(true)js", R"js(true)js"},
      {R"js(ID)js", R"js("5")js", R"js(5)js"},
      {R"js(ID)js", R"js("abc")js", R"js("abc")js"},
      {R"js(ID)js", R"js("007")js", R"js("007")js"},
      {R"js(ID)js", R"js("-12")js", R"js(-12)js"},
      {R"js(ID)js", R"js(7)js", R"js(7)js"},
      {R"js([Int])js", R"js([1, 2])js", R"js([1, 2])js"},
      {R"js([Int])js", R"js(1)js", R"js(1)js"},
      {R"js([Int!])js", R"js([1, null, 2])js", R"js([1, 2])js"},
      {R"js([[Int]])js", R"js([[1], [2, 3]])js", R"js([[1], [2, 3]])js"},
      {R"js(Point)js", R"js({"x": 1})js", R"js({x: 1})js"},
      {R"js(Point)js", R"js({"y": 2, "x": 1, "zzz": 3})js", R"js({x: 1, y: 2})js"},
      {R"js(Point)js", R"js({"x": 1, "label": null})js", R"js({x: 1, label: null})js"},
      {R"js(Point)js", R"js("p")js", nullptr},
      {R"js(Point!)js", R"js({"x": null})js", R"js({})js"},
      {R"js(Nested)js",
       R"js({"points": [{"x": 1, "y": 0}], "color": "BLUE", "matrix": [[1], [null]]})js",
       R"js({points: [{x: 1, y: 0}], color: BLUE, matrix: [[1], [null]]})js"},
      {R"js(Color)js", R"js("RED")js", R"js(RED)js"},
      {R"js(Color)js", R"js("PURPLE")js",
       R"js(error: Enum "Color" cannot represent value: "PURPLE")js"},
      {R"js([Color])js", R"js(["RED", "BLUE"])js", R"js([RED, BLUE])js"},
      {R"js(JSON)js", R"js("s")js", R"js("s")js"},
      {R"js(JSON)js", R"js(3)js", R"js(3)js"},
      {R"js(JSON)js", R"js(true)js", R"js(true)js"},
      {R"js(JSON)js", R"js({"a": 1})js", R"js(error: Cannot convert value to AST: { a: 1 }.)js"},
      {R"js(JSON)js", R"js([1, 2])js", R"js(error: Cannot convert value to AST: [1, 2].)js"},
      {R"js([JSON])js", R"js([1, {"b": [2]}])js",
       R"js(error: Cannot convert value to AST: { b: [2] }.)js"},
      {R"js(Int)js", R"js(2147483648)js",
       R"js(error: Int cannot represent non 32-bit signed integer value: 2147483648)js"},
      {R"js(Int)js", R"js(true)js", R"js(1)js"},
      {R"js(String)js", R"js(12.5)js", R"js("12.5")js"},
      {R"js(Boolean)js", R"js(0)js", R"js(false)js"},
      {R"js(Filter)js", R"js({"id": "1"})js", R"js({id: 1})js"},
  };
  for (const AstCase& c : cases) {
    const auto& op = operation(std::string("query Q($x: ") + c.type + ") { f }");
    Arena arena;
    std::string error;
    const ast::Value* node =
        astFromValue(schema(), json(c.value), op.variables[0]->type, arena, &error);
    std::string actual = !error.empty() ? "error: " + error : node ? print(*node) : "(null)";
    EXPECT_EQ(actual, c.printed ? c.printed : "(null)") << c.type << " " << c.value;
  }
}

}  // namespace
}  // namespace plexus::graphql
