// Rhai evaluator: fast paths for the hot shapes of loops and arithmetic (`while i < n`,
// `x += 1`, `m[i][j] = v`, `a[i] op b`). Each reads variables and array elements in place
// instead of copying them into temporaries, and falls back to the general evaluator (eval.cc,
// eval_expr.cc) for anything else, so behaviour and errors are the general path's.
#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;

namespace {

bool compareInts(TokenKind op, int64_t x, int64_t y) {
  switch (op) {
    case TokenKind::kLessThan: return x < y;
    case TokenKind::kLessThanEqualsTo: return x <= y;
    case TokenKind::kGreaterThan: return x > y;
    case TokenKind::kGreaterThanEqualsTo: return x >= y;
    case TokenKind::kEqualsTo: return x == y;
    default: return x != y;
  }
}

[[noreturn]] void failBool(const Value& v, Position pos) {
  fail("ErrorMismatchDataType",
       "Data type incorrect: " + std::string(v.typeName()) + " (expecting bool)", pos);
}

}  // namespace

const Value& Interp::operand(const Expr* e, Value& tmp) {
  if (const Value* v = varRef(e)) return *v;
  tmp = evalExpr(e);
  return tmp;
}

const Value* Interp::varRef(const Expr* e) {
  if (e->kind != ExprKind::kVariable || !e->namespace_path.empty()) return nullptr;
  Var* v = findVar(e->text);
  return v ? v->cell.get() : nullptr;
}

Value Interp::evalBinary(const Expr* e) {
  if (e->op == TokenKind::kAnd || e->op == TokenKind::kOr) {
    Value a = evalExpr(e->lhs);
    if (!a.is(Value::Type::kBool)) failBool(a, e->lhs->pos);
    if (a.asBool() == (e->op == TokenKind::kOr)) return a;
    Value b = evalExpr(e->rhs);
    if (!b.is(Value::Type::kBool)) failBool(b, e->rhs->pos);
    return b;
  }
  if (e->op == TokenKind::kDoubleQuestion) {
    Value a = evalExpr(e->lhs);
    return a.isUnit() ? evalExpr(e->rhs) : a;
  }
  if (e->op != TokenKind::kIn && e->op != TokenKind::kNotIn &&
      e->op != TokenKind::kExclusiveRange && e->op != TokenKind::kInclusiveRange &&
      isLeaf(e->rhs)) {
    // `i < n`, `x + 1`: operands are read in place, not copied out of their variables (the
    // right side cannot change the left one, having no side effects). Other operands are
    // evaluated straight into ta / tb (no assignment).
    const Value* pa = varRef(e->lhs);
    Value ta = pa ? Value() : evalExpr(e->lhs);
    const Value* pb = varRef(e->rhs);
    Value tb = pb ? Value() : evalExpr(e->rhs);
    const Value& a = pa ? *pa : ta;
    const Value& b = pb ? *pb : tb;
    if (a.is(Value::Type::kInt) && b.is(Value::Type::kInt)) {
      // The commonest integer operators, returned in place; overflow and the rest go through
      // binaryOp, which raises the errors.
      int64_t x = a.asInt();
      int64_t y = b.asInt();
      int64_t r = 0;
      switch (e->op) {
        case TokenKind::kPlus:
          if (!__builtin_add_overflow(x, y, &r)) return Value::integer(r);
          break;
        case TokenKind::kMinus:
          if (!__builtin_sub_overflow(x, y, &r)) return Value::integer(r);
          break;
        case TokenKind::kMultiply:
          if (!__builtin_mul_overflow(x, y, &r)) return Value::integer(r);
          break;
        case TokenKind::kLessThan: return Value::boolean(x < y);
        case TokenKind::kLessThanEqualsTo: return Value::boolean(x <= y);
        case TokenKind::kGreaterThan: return Value::boolean(x > y);
        case TokenKind::kGreaterThanEqualsTo: return Value::boolean(x >= y);
        case TokenKind::kEqualsTo: return Value::boolean(x == y);
        case TokenKind::kNotEqualsTo: return Value::boolean(x != y);
        default: break;
      }
    }
    Value out;
    if (binaryOp(e->op, a, b, e->pos, out)) {
      if (size_limits_) checkSize(out, e->pos);
      return out;
    }
    Value args[] = {a, b};
    failFnNotFound(tokenSyntax(e->op), args, e->pos);
  }
  Value a = evalExpr(e->lhs);
  Value b = evalExpr(e->rhs);
  if (e->op == TokenKind::kIn || e->op == TokenKind::kNotIn) {
    std::vector<Value> args{std::move(b), std::move(a)};
    Value r = callFn("contains", args, e->pos, false);
    if (e->op == TokenKind::kNotIn && r.is(Value::Type::kBool)) return Value::boolean(!r.asBool());
    return r;
  }
  if ((e->op == TokenKind::kExclusiveRange || e->op == TokenKind::kInclusiveRange) &&
      (a.isUnit() || b.isUnit())) {
    if (a.isUnit()) a = Value::integer(0);
    if (b.isUnit()) b = Value::integer(INT64_MAX);
  }
  Value out;
  if (binaryOp(e->op, a, b, e->pos, out)) {
    checkSize(out, e->pos);
    return out;
  }
  Value args[] = {a, b};
  failFnNotFound(tokenSyntax(e->op), args, e->pos);
}

bool Interp::evalCond(const Expr* e) {
  TokenKind op = e->op;
  if (e->kind == ExprKind::kBinary && isLeaf(e->rhs) &&
      (op == TokenKind::kLessThan || op == TokenKind::kLessThanEqualsTo ||
       op == TokenKind::kGreaterThan || op == TokenKind::kGreaterThanEqualsTo ||
       op == TokenKind::kEqualsTo || op == TokenKind::kNotEqualsTo)) {
    // `while i < n`: an integer comparison makes no Values at all.
    if (e->rhs->kind == ExprKind::kInteger) {
      const Value* pa = varRef(e->lhs);
      if (pa && pa->is(Value::Type::kInt)) return compareInts(op, pa->asInt(), e->rhs->int_value);
    }
    const Value* pa = varRef(e->lhs);
    Value ta = pa ? Value() : evalExpr(e->lhs);
    const Value* pb = varRef(e->rhs);
    Value tb = pb ? Value() : evalExpr(e->rhs);
    const Value& a = pa ? *pa : ta;
    const Value& b = pb ? *pb : tb;
    if (a.is(Value::Type::kInt) && b.is(Value::Type::kInt))
      return compareInts(op, a.asInt(), b.asInt());
    Value out;
    if (!binaryOp(op, a, b, e->pos, out)) {
      Value args[] = {a, b};
      failFnNotFound(tokenSyntax(op), args, e->pos);
    }
    if (!out.is(Value::Type::kBool)) failBool(out, e->pos);
    return out.asBool();
  }
  if (e->kind == ExprKind::kUnary && op == TokenKind::kBang) {
    // `if !mask[p]`: negated in place (evalCompound's `!`, with its error).
    Value v = evalExpr(e->lhs);
    if (!v.is(Value::Type::kBool)) failFnNotFound("!", std::span<const Value>(&v, 1), e->pos);
    return !v.asBool();
  }
  Value c = evalExpr(e);
  if (!c.is(Value::Type::kBool)) failBool(c, e->pos);
  return c.asBool();
}

bool Interp::opAssignInPlace(const Stmt* s) {
  const Expr* lhs = s->lhs;
  if ((s->op != TokenKind::kPlusAssign && s->op != TokenKind::kMinusAssign) ||
      lhs->kind != ExprKind::kVariable || !lhs->namespace_path.empty() || !isLeaf(s->rhs))
    return false;
  Var* v = findVar(lhs->text);
  if (!v || v->is_const) return false;
  Value& t = *v->cell;
  if (!t.is(Value::Type::kInt)) return false;
  int64_t y = 0;
  if (s->rhs->kind == ExprKind::kInteger) {
    y = s->rhs->int_value;  // `x += 1`: no Value for the literal
  } else {
    Value tb;
    const Value& b = operand(s->rhs, tb);
    if (!b.is(Value::Type::kInt)) return false;
    y = b.asInt();
  }
  int64_t r = 0;
  bool overflow = s->op == TokenKind::kPlusAssign ? __builtin_add_overflow(t.asInt(), y, &r)
                                                  : __builtin_sub_overflow(t.asInt(), y, &r);
  if (overflow) return false;  // assign() raises the error; a leaf right side can be re-read
  t = Value::integer(r);
  return true;
}

Value* Interp::elementRef(const Expr* e) {
  // The index first, as lvalue() evaluates it: a failing lookup then fails in the same order.
  Value tb;
  const Value& idx = operand(e->rhs, tb);
  Value* base = nullptr;
  const Expr* b = e->lhs;
  if (b->kind == ExprKind::kVariable && b->namespace_path.empty()) {
    Var* v = findVar(b->text);
    if (!v || v->is_const) return nullptr;
    base = v->cell.get();
  } else if (b->kind == ExprKind::kIndex && !b->elvis && isLeaf(b->rhs)) {
    base = elementRef(b);
  }
  if (!base || !base->is(Value::Type::kArray) || !idx.is(Value::Type::kInt)) return nullptr;
  int64_t n = static_cast<int64_t>(base->asArray().size());
  int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
  if (i < 0 || i >= n) return nullptr;
  return &base->mutArray()[static_cast<size_t>(i)];
}

bool Interp::assignIndexedInPlace(const Stmt* s, Value& rhs) {
  const Expr* lhs = s->lhs;
  if (size_limits_ || lhs->kind != ExprKind::kIndex || lhs->elvis || !isLeaf(lhs->rhs))
    return false;
  TokenKind op = TokenKind::kEquals;
  switch (s->op) {
    case TokenKind::kEquals: break;
    case TokenKind::kPlusAssign: op = TokenKind::kPlus; break;
    case TokenKind::kMinusAssign: op = TokenKind::kMinus; break;
    case TokenKind::kMultiplyAssign: op = TokenKind::kMultiply; break;
    case TokenKind::kDivideAssign: op = TokenKind::kDivide; break;
    default: return false;
  }
  Value* elem = elementRef(lhs);
  if (!elem) return false;
  if (op == TokenKind::kEquals) {
    *elem = std::move(rhs);
    return true;
  }
  // Numbers only: `+=` on arrays and strings appends in assignValue.
  bool numbers = (elem->is(Value::Type::kInt) || elem->is(Value::Type::kFloat)) &&
                 (rhs.is(Value::Type::kInt) || rhs.is(Value::Type::kFloat));
  Value out;
  if (!numbers || !binaryOp(op, *elem, rhs, s->pos, out)) return false;
  *elem = std::move(out);
  return true;
}

const Value& Interp::peek(const Expr* e, Value& tmp) {
  if (e->kind == ExprKind::kIndex && !e->elvis && isLeaf(e->rhs)) {
    Value tb;
    const Value& base = peek(e->lhs, tmp);
    const Value& idx = operand(e->rhs, tb);
    if (base.is(Value::Type::kArray) && idx.is(Value::Type::kInt)) {
      const Array& a = base.asArray();
      int64_t n = static_cast<int64_t>(a.size());
      int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
      if (i >= 0 && i < n) return a[static_cast<size_t>(i)];
    }
    Value r = indexValue(base, idx, e->pos, false);
    tmp = std::move(r);
    return tmp;
  }
  return operand(e, tmp);
}

Value Interp::evalIndex(const Expr* e) {
  if (isLeaf(e->rhs) && !e->elvis) {
    HostPath path;
    if (Value* root = hostPathRoot(e->lhs, path)) {
      Value tb;
      try {
        if (std::optional<Value> v = root->asHost().indexPath(path.span(), operand(e->rhs, tb)))
          return std::move(*v);
      } catch (const HostError& err) {
        failHost(err, e->pos);
      }
    }
  }
  if (isLeaf(e->rhs)) {
    // `m[i][j]`: the containers are read in place; only the element is copied.
    Value tmp;
    Value tb;
    const Value& base = peek(e->lhs, tmp);
    if (e->elvis && base.isUnit()) return {};
    const Value& idx = operand(e->rhs, tb);
    if (base.is(Value::Type::kArray) && idx.is(Value::Type::kInt)) {
      const Array& a = base.asArray();
      int64_t n = static_cast<int64_t>(a.size());
      int64_t i = idx.asInt() < 0 ? idx.asInt() + n : idx.asInt();
      if (i >= 0 && i < n) return a[static_cast<size_t>(i)];
    }
    return indexValue(base, idx, e->pos, e->elvis);
  }
  Value base = evalExpr(e->lhs);
  if (e->elvis && base.isUnit()) return {};
  Value idx = evalExpr(e->rhs);
  return indexValue(base, idx, e->pos, e->elvis);
}

}  // namespace plexus::rhai::detail
