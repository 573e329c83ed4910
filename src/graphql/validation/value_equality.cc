#include "src/graphql/validation/value_equality.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace plexus::graphql::validation {
namespace {

// Object fields in stringifyValue's order: stable-sorted by name. Up to 8 on the stack.
class SortedFields {
 public:
  explicit SortedFields(ast::List<const ast::ObjectField> fields) : size_(fields.size()) {
    if (size_ > inline_.size()) heap_.resize(size_);
    const ast::ObjectField** data = size_ > inline_.size() ? heap_.data() : inline_.data();
    std::copy(fields.begin(), fields.end(), data);
    std::stable_sort(data, data + size_, [](const ast::ObjectField* a, const ast::ObjectField* b) {
      return a->name < b->name;
    });
    fields_ = {data, size_};
  }
  SortedFields(const SortedFields&) = delete;
  SortedFields& operator=(const SortedFields&) = delete;
  const ast::ObjectField* operator[](size_t i) const { return fields_[i]; }

 private:
  size_t size_;
  std::array<const ast::ObjectField*, 8> inline_{};
  std::vector<const ast::ObjectField*> heap_;
  std::span<const ast::ObjectField*> fields_;
};

}  // namespace

bool literalsEqual(const ast::Value* a, const ast::Value* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->form != b->form) return false;
  using Form = ast::Value::Form;
  switch (a->form) {
    case Form::kVariable:
    case Form::kInt:
    case Form::kFloat:
    case Form::kEnum: return a->text == b->text;
    case Form::kString: return a->text == b->text && a->block == b->block;
    case Form::kBoolean: return a->boolean == b->boolean;
    case Form::kNull: return true;
    case Form::kList:
      if (a->list.size() != b->list.size()) return false;
      for (size_t i = 0; i < a->list.size(); ++i) {
        if (!literalsEqual(a->list[i], b->list[i])) return false;
      }
      return true;
    case Form::kObject: {
      if (a->fields.size() != b->fields.size()) return false;
      const SortedFields fields_a(a->fields);
      const SortedFields fields_b(b->fields);
      for (size_t i = 0; i < a->fields.size(); ++i) {
        if (fields_a[i]->name != fields_b[i]->name) return false;
        if (!literalsEqual(fields_a[i]->value, fields_b[i]->value)) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace plexus::graphql::validation
