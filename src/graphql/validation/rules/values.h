// Rules on input values (GraphQL spec §5.6): graphql-js ValuesOfCorrectTypeRule, which checks
// every literal against the input type expected where it sits (the specified scalars' and enums'
// parseLiteral, input objects' required fields and @oneOf), and UniqueInputFieldNamesRule.
//
//   // On entering a ListValue, after TypeInfo entered it:
//   bool keep_checking = checkListValue(context, type_info, value);
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each, after
// TypeInfo entered the node. A `false` return is graphql-js's `return false`: this rule skips
// the node's subtree (other rules still visit it). Stateless; not thread-safe.
#pragma once

#include <cstddef>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// ValuesOfCorrectTypeRule, ListValue enter.
bool checkListValue(ValidationContext& context, const TypeInfo& type_info, const ast::Value& list);
// ValuesOfCorrectTypeRule, ObjectValue enter.
bool checkObjectValue(ValidationContext& context, const TypeInfo& type_info,
                      const ast::Value& object);
// ValuesOfCorrectTypeRule, ObjectField enter.
void checkObjectField(ValidationContext& context, const TypeInfo& type_info,
                      const ast::ObjectField& field);
// ValuesOfCorrectTypeRule, NullValue enter.
void checkNullValue(ValidationContext& context, const TypeInfo& type_info, const ast::Value& value);
// ValuesOfCorrectTypeRule, Int/Float/String/Boolean/EnumValue enter.
void checkLeafValue(ValidationContext& context, const TypeInfo& type_info, const ast::Value& value);

// UniqueInputFieldNamesRule, ObjectField enter: `object.fields[index]` is the field entered.
// `links` are the object's SameNameLinks when it has more than kLongList fields, else null.
void checkUniqueInputField(ValidationContext& context, const ast::Value& object, size_t index,
                           const SameNameLinks* links);

}  // namespace plexus::graphql::validation
