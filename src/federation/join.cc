// Reads the join spec (https://specs.apollo.dev/join/v0.1 .. v0.5) off a supergraph schema into
// the per-type and per-field metadata of supergraph.h, following what
// @apollo/federation-internals extractSubgraphsFromSupergraph.ts reads from each directive.
#include <algorithm>

#include "src/federation/supergraph_loader.h"

namespace plexus::federation {
namespace {

namespace ast = graphql::ast;
using graphql::NamedType;
using graphql::TypeKind;

const ast::Value* argument(const ast::Directive& directive, std::string_view name) {
  for (const ast::Argument* arg : directive.arguments) {
    if (arg->name == name) return arg->value;
  }
  return nullptr;
}

bool isNull(const ast::Value* value) {
  return value == nullptr || value->form == ast::Value::Form::kNull;
}

template <typename Fn>
void forEachDirective(const std::vector<const ast::TypeDefinition*>& nodes, std::string_view name,
                      Fn&& fn) {
  if (name.empty()) return;
  for (const ast::TypeDefinition* node : nodes) {
    for (const ast::Directive* d : node->directives) {
      if (d->name == name) fn(*d);
    }
  }
}

template <typename Fn>
void forEachDirective(ast::List<const ast::Directive> directives, std::string_view name, Fn&& fn) {
  if (name.empty()) return;
  for (const ast::Directive* d : directives) {
    if (d->name == name) fn(*d);
  }
}

void addDistinct(std::vector<SubgraphId>& ids, SubgraphId id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// The subgraph a `graph:` argument names, or nullopt after reporting why not.
std::optional<SubgraphId> graphOf(Supergraph::Loader& loader, const ast::Directive& d,
                                  const ast::Value* value) {
  if (value == nullptr ||
      (value->form != ast::Value::Form::kEnum && value->form != ast::Value::Form::kString)) {
    loader.error(d.loc, "@" + std::string(d.name) + " needs a " + loader.graph_enum +
                            " value as its graph.");
    return std::nullopt;
  }
  const Subgraph* subgraph = loader.s.subgraphForEnumValue(value->text);
  if (subgraph == nullptr) {
    std::string known;
    for (const Subgraph& g : loader.s.subgraphs()) {
      known += known.empty() ? "" : ", ";
      known += g.enum_value;
    }
    loader.error(value->loc, "Unknown graph " + std::string(value->text) + " in @" +
                                 std::string(d.name) + " (" + loader.graph_enum + " has " +
                                 (known.empty() ? "no values" : known) + ").");
    return std::nullopt;
  }
  return subgraph->id;
}

bool booleanArgument(Supergraph::Loader& loader, const ast::Directive& d, std::string_view name,
                     bool fallback) {
  const ast::Value* value = argument(d, name);
  if (isNull(value)) return fallback;
  if (value->form != ast::Value::Form::kBoolean) {
    loader.error(value->loc, "Argument " + std::string(name) + " of @" + std::string(d.name) +
                                 " must be a Boolean.");
    return fallback;
  }
  return value->boolean;
}

std::optional<std::string_view> stringArgument(Supergraph::Loader& loader, const ast::Directive& d,
                                               std::string_view name) {
  const ast::Value* value = argument(d, name);
  if (isNull(value)) return std::nullopt;
  if (value->form != ast::Value::Form::kString) {
    loader.error(value->loc, "Argument " + std::string(name) + " of @" + std::string(d.name) +
                                 " must be a String.");
    return std::nullopt;
  }
  return value->text;
}

JoinDirective readJoinDirective(Supergraph::Loader& loader, const ast::Directive& d) {
  JoinDirective out;
  if (const ast::Value* graphs = argument(d, "graphs"); !isNull(graphs)) {
    if (graphs->form == ast::Value::Form::kList) {
      for (const ast::Value* g : graphs->list) {
        if (auto id = graphOf(loader, d, g)) out.graphs.push_back(*id);
      }
    } else if (auto id = graphOf(loader, d, graphs)) {
      out.graphs.push_back(*id);
    }
  }
  out.name = stringArgument(loader, d, "name").value_or("");
  if (const ast::Value* args = argument(d, "args"); !isNull(args)) out.args = args;
  return out;
}

void readTags(Supergraph::Loader& loader, ast::List<const ast::Directive> directives,
              std::vector<std::string_view>& tags) {
  forEachDirective(directives, loader.tag_directive, [&](const ast::Directive& d) {
    if (auto name = stringArgument(loader, d, "name")) tags.push_back(*name);
  });
}

bool hasDirective(ast::List<const ast::Directive> directives, std::string_view name) {
  if (name.empty()) return false;
  for (const ast::Directive* d : directives) {
    if (d->name == name) return true;
  }
  return false;
}

void readField(Supergraph::Loader& loader, TypeInfo& type, FieldInfo& field,
               ast::List<const ast::Directive> directives, const NamedType* field_type) {
  const std::string coordinate = std::string(type.name()) + "." + std::string(field.name);
  forEachDirective(directives, loader.field_directive, [&](const ast::Directive& d) {
    JoinField join;
    const std::string context = "@" + loader.field_directive + " on \"" + coordinate + "\"";
    if (const ast::Value* graph = argument(d, "graph"); !isNull(graph)) {
      join.graph = graphOf(loader, d, graph);
      if (!join.graph) return;
      if (!type.isInSubgraph(*join.graph)) {
        loader.error(graph->loc, "Invalid " + context + ": subgraph \"" +
                                     std::string(loader.s.subgraph(*join.graph).name) +
                                     "\" does not define type \"" + std::string(type.name()) +
                                     "\" (no @" + loader.type_directive + " for it).");
        return;
      }
    }
    if (const ast::Value* requires_fields = argument(d, "requires"); !isNull(requires_fields)) {
      join.requires_fields = loader.fieldSet(*requires_fields, type.type, context + " (requires)");
    }
    if (const ast::Value* provides = argument(d, "provides"); !isNull(provides)) {
      join.provides_fields = loader.fieldSet(*provides, field_type, context + " (provides)");
    }
    if (const ast::Value* subgraph_type = argument(d, "type"); !isNull(subgraph_type)) {
      join.type = loader.decodeType(*subgraph_type, context);
    }
    join.external = booleanArgument(loader, d, "external", false);
    join.override_from = stringArgument(loader, d, "override");
    join.override_label = stringArgument(loader, d, "overrideLabel");
    join.used_overridden = booleanArgument(loader, d, "usedOverridden", false);
    if (const ast::Value* contexts = argument(d, "contextArguments"); !isNull(contexts)) {
      auto readContext = [&](const ast::Value& v) {
        if (v.form != ast::Value::Form::kObject) {
          loader.error(v.loc, "Invalid contextArguments entry in " + context + ".");
          return;
        }
        ContextArgument arg;
        for (const ast::ObjectField* f : v.fields) {
          if (f->value->form != ast::Value::Form::kString) continue;
          if (f->name == "name") arg.name = f->value->text;
          if (f->name == "type") arg.type = f->value->text;
          if (f->name == "context") arg.context = f->value->text;
          if (f->name == "selection") arg.selection = f->value->text;
        }
        join.context_arguments.push_back(arg);
      };
      if (contexts->form == ast::Value::Form::kList) {
        for (const ast::Value* v : contexts->list) readContext(*v);
      } else {
        readContext(*contexts);
      }
    }
    field.joins.push_back(std::move(join));
  });
  if (field.joins.empty()) {
    field.subgraphs = type.subgraphs;
  } else {
    for (const JoinField& join : field.joins) {
      if (join.graph) addDistinct(field.subgraphs, *join.graph);
    }
  }
  field.inaccessible = hasDirective(directives, loader.inaccessible_directive);
  readTags(loader, directives, field.tags);
  forEachDirective(directives, loader.join_directive, [&](const ast::Directive& d) {
    field.directives.push_back(readJoinDirective(loader, d));
  });
}

}  // namespace

void Supergraph::Loader::resolveJoinNames() {
  const Link& join = *s.join_;
  graph_enum = join.typeNameInSchema("Graph");
  graph_directive = join.directiveNameInSchema("graph");
  type_directive = join.directiveNameInSchema("type");
  field_directive = join.directiveNameInSchema("field");
  implements_directive = join.directiveNameInSchema("implements");
  union_member_directive = join.directiveNameInSchema("unionMember");
  enum_value_directive = join.directiveNameInSchema("enumValue");
  owner_directive = join.directiveNameInSchema("owner");
  join_directive = join.directiveNameInSchema("directive");
  if (const Link* tag = s.links_.find(kTagIdentity))
    tag_directive = tag->directiveNameInSchema("tag");
  if (const Link* inaccessible = s.links_.find(kInaccessibleIdentity)) {
    inaccessible_directive = inaccessible->directiveNameInSchema("inaccessible");
  }
  s.tag_name_ = tag_directive;
  s.inaccessible_name_ = inaccessible_directive;
}

void Supergraph::Loader::readSubgraphs() {
  const NamedType* graphs = s.schema_->type(graph_enum);
  if (graphs == nullptr || graphs->kind != TypeKind::kEnum) {
    error(s.join_->location, "Invalid supergraph: the join spec's enum " + graph_enum +
                                 " is not defined (or is not an enum).");
    return;
  }
  for (const graphql::EnumValue& value : graphs->values) {
    const ast::Directive* graph = nullptr;
    forEachDirective(value.node->directives, graph_directive, [&](const ast::Directive& d) {
      if (graph == nullptr) graph = &d;
    });
    if (graph == nullptr) {
      error(value.node->loc, "Value " + graph_enum + "." + std::string(value.name) + " has no @" +
                                 graph_directive + " directive.");
      continue;
    }
    const ast::Value* name = argument(*graph, "name");
    const ast::Value* url = argument(*graph, "url");
    if (name == nullptr || name->form != ast::Value::Form::kString || url == nullptr ||
        url->form != ast::Value::Form::kString) {
      error(graph->loc, "@" + graph_directive + " on " + graph_enum + "." +
                            std::string(value.name) + " needs string arguments name and url.");
      continue;
    }
    if (s.subgraphNamed(name->text) != nullptr) {
      error(graph->loc,
            "Subgraph \"" + std::string(name->text) + "\" is named twice in " + graph_enum + ".");
      continue;
    }
    s.subgraphs_.push_back(
        Subgraph{static_cast<SubgraphId>(s.subgraphs_.size()), name->text, url->text, value.name});
  }
}

void Supergraph::Loader::readTypes() {
  for (const NamedType* named : s.schema_->types()) {
    if (named->builtin || s.links_.isFeatureType(named->name)) continue;
    auto info = std::make_unique<TypeInfo>();
    TypeInfo& type = *info;
    type.type = named;
    const std::string name(named->name);
    forEachDirective(named->nodes, type_directive, [&](const ast::Directive& d) {
      auto graph = graphOf(*this, d, argument(d, "graph"));
      if (!graph) return;
      JoinType join;
      join.graph = *graph;
      if (const ast::Value* key = argument(d, "key"); !isNull(key)) {
        join.key = fieldSet(*key, named, "@" + type_directive + "(key:) on \"" + name + "\"");
      }
      join.extension = booleanArgument(*this, d, "extension", false);
      join.resolvable = booleanArgument(*this, d, "resolvable", true);
      join.is_interface_object = booleanArgument(*this, d, "isInterfaceObject", false);
      if (join.is_interface_object && named->kind != TypeKind::kInterface) {
        error(d.loc, "@" + type_directive + "(isInterfaceObject: true) on \"" + name +
                         "\", which is not an interface.");
      }
      type.joins.push_back(std::move(join));
      addDistinct(type.subgraphs, *graph);
    });
    if (type.joins.empty() && s.joinVersion() > FeatureVersion{0, 1} &&
        named->kind != TypeKind::kScalar) {
      error(named->nodes.front()->loc, "Missing @" + type_directive + " on type \"" + name +
                                           "\": every type of a supergraph names its subgraphs.");
    }
    if (type.joins.empty()) {
      // join v0.1 (and custom scalars): a type without @join__type is in every subgraph.
      for (const Subgraph& g : s.subgraphs_) type.subgraphs.push_back(g.id);
    }
    forEachDirective(named->nodes, implements_directive, [&](const ast::Directive& d) {
      auto graph = graphOf(*this, d, argument(d, "graph"));
      auto interface_name = stringArgument(*this, d, "interface");
      if (graph && interface_name) type.implements.push_back({*graph, *interface_name});
    });
    forEachDirective(named->nodes, union_member_directive, [&](const ast::Directive& d) {
      auto graph = graphOf(*this, d, argument(d, "graph"));
      auto member = stringArgument(*this, d, "member");
      if (graph && member) type.union_members.push_back({*graph, *member});
    });
    forEachDirective(named->nodes, owner_directive, [&](const ast::Directive& d) {
      type.owner = graphOf(*this, d, argument(d, "graph"));
    });
    forEachDirective(named->nodes, join_directive, [&](const ast::Directive& d) {
      type.directives.push_back(readJoinDirective(*this, d));
    });
    for (const ast::TypeDefinition* node : named->nodes) {
      type.inaccessible =
          type.inaccessible || hasDirective(node->directives, inaccessible_directive);
      readTags(*this, node->directives, type.tags);
    }

    for (const graphql::FieldDef& f : named->fields) {
      FieldInfo& field = type.fields.emplace_back();
      field.name = f.name;
      field.parent = &type;
      field.field = &f;
    }
    for (const graphql::InputValue& f : named->input_fields) {
      FieldInfo& field = type.fields.emplace_back();
      field.name = f.name;
      field.parent = &type;
      field.input_field = &f;
    }
    for (FieldInfo& field : type.fields) {
      if (field.field != nullptr) {
        readField(*this, type, field, field.field->node->directives, field.field->named_type);
      } else {
        readField(*this, type, field, field.input_field->node->directives, nullptr);
      }
    }
    for (const graphql::EnumValue& v : named->values) {
      EnumValueInfo& value = type.values.emplace_back();
      value.name = v.name;
      forEachDirective(v.node->directives, enum_value_directive, [&](const ast::Directive& d) {
        if (auto graph = graphOf(*this, d, argument(d, "graph"))) {
          addDistinct(value.subgraphs, *graph);
        }
      });
      value.inaccessible = hasDirective(v.node->directives, inaccessible_directive);
      readTags(*this, v.node->directives, value.tags);
    }
    s.types_[named->name] = info.get();
    s.type_order_.push_back(info.get());
    s.owned_types_.push_back(std::move(info));
  }
}

void Supergraph::Loader::readSchemaDirectives() {
  for (const ast::Definition* def : s.document_->definitions) {
    if (auto* schema = def->as<ast::SchemaDefinition>()) {
      forEachDirective(schema->directives, join_directive, [&](const ast::Directive& d) {
        s.schema_directives_.push_back(readJoinDirective(*this, d));
      });
    }
  }
}

}  // namespace plexus::federation
