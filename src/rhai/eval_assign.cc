// Rhai evaluator: assignment — `x = v`, `x op= v`, through index and property chains, string
// character and range replacement, host objects' setters and indexers (with write-backs).
#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

using ast::ExprKind;

void Interp::assign(const ast::Stmt* s) {
  size_t mark = writeBackMark();
  try {
    assignChain(s);
  } catch (...) {
    dropWriteBacks(mark);
    throw;
  }
  flushWriteBacks(mark);
}

void Interp::assignChain(const ast::Stmt* s) {
  Value rhs = evalExpr(s->rhs);
  if (assignIndexedInPlace(s, rhs)) return;
  assignValue(s, std::move(rhs));
}

void Interp::assignValue(const ast::Stmt* s, Value rhs) {
  const ast::Expr* lhs = s->lhs;
  // `host.prop = v` / `host[k] = v`: the setter or indexer, without reading the old value.
  bool host_property = lhs->kind == ExprKind::kDot && lhs->rhs->kind == ExprKind::kProperty;
  if (s->op == TokenKind::kEquals && (host_property || lhs->kind == ExprKind::kIndex)) {
    size_t mark = writeBackMark();
    Value key = host_property ? Value() : evalExpr(lhs->rhs);
    if (!host_property) {
      HostPath path;
      if (Value* root = hostPathRoot(lhs->lhs, path)) {
        try {
          if (root->mutHost().setIndexPath(path.span(), key, rhs)) return;
        } catch (const HostError& e) {
          failHost(e, lhs->pos);
        }
      }
    }
    bool c = false;
    Value* base = lvalue(lhs->lhs, true, c);
    if (base && base->is(Value::Type::kHost)) {
      Position at = host_property ? lhs->rhs->pos : lhs->pos;
      std::string_view prop = host_property ? lhs->rhs->text : std::string_view();
      if (!hostAssign(*base, prop, host_property ? nullptr : &key, rhs, at)) {
        if (host_property) {
          fail("ErrorDotExpr",
               "No writable property '" + std::string(prop) +
                   "' - a setter is not registered for type '" +
                   std::string(base->paramTypeName()) + "'",
               lhs->rhs->pos);
        }
        fail("ErrorIndexingType", "Indexer unavailable: " + std::string(base->paramTypeName()),
             lhs->pos);
      }
      return;
    }
    // `s[i] = c` on a string replaces a character.
    if (base && base->is(Value::Type::kString) && !host_property) {
      const Value& idx = key;
      std::u32string chars = decodeUtf8(base->asString());
      if (idx.is(Value::Type::kRange) && rhs.is(Value::Type::kString)) {
        int64_t from = 0;
        int64_t to = 0;
        rangeBounds(idx.asRange(), static_cast<int64_t>(chars.size()), from, to);
        chars.replace(static_cast<size_t>(from), static_cast<size_t>(to - from),
                      decodeUtf8(rhs.asString()));
        std::string out;
        for (char32_t ch : chars) appendUtf8(out, ch);
        *base = Value::string(std::move(out));
        return;
      }
      if (!idx.is(Value::Type::kInt) || !rhs.is(Value::Type::kChar)) return;
      int64_t i = idx.asInt();
      int64_t n = static_cast<int64_t>(chars.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) failBounds(/*string=*/true, idx.asInt(), n, lhs->pos);
      chars[static_cast<size_t>(i)] = rhs.asChar();
      std::string out;
      for (char32_t ch : chars) appendUtf8(out, ch);
      *base = Value::string(std::move(out));
      return;
    }
    if (base && !c) {
      Value* target = nullptr;
      if (host_property && base->is(Value::Type::kMap)) {
        target = &base->mutMap()[std::string(lhs->rhs->text)];
      } else if (!host_property && (base->is(Value::Type::kArray) || base->is(Value::Type::kMap))) {
        target = indexRef(*base, key, lhs->pos, true);
      }
      if (target) {
        *target = std::move(rhs);
        return;
      }
    }
    dropWriteBacks(mark);  // the general path below reports what is wrong
  }
  bool is_const = false;
  Value* target = lvalue(lhs, true, is_const);
  if (is_const) {
    const ast::Expr* root = lhs;
    while (root->lhs && root->kind != ExprKind::kVariable) root = root->lhs;
    fail("ErrorAssignmentToConstant", "Cannot modify constant " + std::string(root->text), lhs->pos,
         std::string(root->text));
  }
  if (!target) {
    if (lhs->kind == ExprKind::kVariable) {
      fail("ErrorVariableNotFound", "Variable not found: " + std::string(lhs->text), lhs->pos,
           std::string(lhs->text));
    }
    return;
  }
  if (s->op == TokenKind::kEquals) {
    *target = std::move(rhs);
    return;
  }
  TokenKind op = TokenKind::kPlus;
  switch (s->op) {
    case TokenKind::kPlusAssign: op = TokenKind::kPlus; break;
    case TokenKind::kMinusAssign: op = TokenKind::kMinus; break;
    case TokenKind::kMultiplyAssign: op = TokenKind::kMultiply; break;
    case TokenKind::kDivideAssign: op = TokenKind::kDivide; break;
    case TokenKind::kModuloAssign: op = TokenKind::kModulo; break;
    case TokenKind::kPowerOfAssign: op = TokenKind::kPowerOf; break;
    case TokenKind::kLeftShiftAssign: op = TokenKind::kLeftShift; break;
    case TokenKind::kRightShiftAssign: op = TokenKind::kRightShift; break;
    case TokenKind::kAndAssign: op = TokenKind::kAmpersand; break;
    case TokenKind::kOrAssign: op = TokenKind::kPipe; break;
    case TokenKind::kXOrAssign: op = TokenKind::kXOr; break;
    default: break;
  }
  // Appending to an array or string in place avoids copying it.
  if (op == TokenKind::kPlus && target->is(Value::Type::kArray)) {
    if (rhs.is(Value::Type::kArray)) {
      Array& a = target->mutArray();
      for (const Value& v : rhs.asArray()) a.push_back(v);
    } else {
      target->mutArray().push_back(std::move(rhs));
    }
    return;
  }
  if (op == TokenKind::kPlus && target->is(Value::Type::kString) && rhs.is(Value::Type::kString)) {
    target->mutString() += rhs.asString();
    return;
  }
  Value out;
  if (!binaryOp(op, *target, rhs, s->pos, out)) {
    std::string name(tokenSyntax(s->op));
    Value args[] = {*target, rhs};
    failFnNotFound(name, args, s->pos);
  }
  *target = std::move(out);
}

}  // namespace plexus::rhai::detail
