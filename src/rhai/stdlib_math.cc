// Rhai's float maths (Rhai 1.23.6 src/packages/math_basic.rs: trig_functions, float_functions).
// Like Rhai, these take FLOAT only: `sin(1)` is "Function not found".
#include <cmath>
#include <numbers>

#include "src/rhai/eval_internal.h"

namespace plexus::rhai::detail {

bool mathFn(std::string_view name, std::vector<Value>& args, Value& out) {
  using T = Value::Type;
  size_t n = args.size();
  if (n == 0) {
    if (name == "PI") return out = Value::real(std::numbers::pi), true;
    if (name == "E") return out = Value::real(std::numbers::e), true;
    return false;
  }
  if (!args[0].is(T::kFloat) || n > 2) return false;
  double x = args[0].asFloat();
  if (n == 2) {
    if (!args[1].is(T::kFloat)) return false;
    double y = args[1].asFloat();
    if (name == "atan") return out = Value::real(std::atan2(x, y)), true;
    if (name == "hypot") return out = Value::real(std::hypot(x, y)), true;
    if (name == "log") return out = Value::real(std::log(x) / std::log(y)), true;
    return false;
  }
  using F = double (*)(double);
  static constexpr std::pair<std::string_view, F> kUnary[] = {
      {"sin", [](double v) { return std::sin(v); }},
      {"cos", [](double v) { return std::cos(v); }},
      {"tan", [](double v) { return std::tan(v); }},
      {"sinh", [](double v) { return std::sinh(v); }},
      {"cosh", [](double v) { return std::cosh(v); }},
      {"tanh", [](double v) { return std::tanh(v); }},
      {"asin", [](double v) { return std::asin(v); }},
      {"acos", [](double v) { return std::acos(v); }},
      {"atan", [](double v) { return std::atan(v); }},
      {"asinh", [](double v) { return std::asinh(v); }},
      {"acosh", [](double v) { return std::acosh(v); }},
      {"atanh", [](double v) { return std::atanh(v); }},
      {"to_radians", [](double v) { return v * (std::numbers::pi / 180.0); }},
      {"to_degrees", [](double v) { return v * (180.0 / std::numbers::pi); }},
      {"sqrt", [](double v) { return std::sqrt(v); }},
      {"exp", [](double v) { return std::exp(v); }},
      {"ln", [](double v) { return std::log(v); }},
      {"log", [](double v) { return std::log10(v); }},
      {"floor", [](double v) { return std::floor(v); }},
      {"ceiling", [](double v) { return std::ceil(v); }},
      {"round", [](double v) { return std::round(v); }},  // half away from zero, as Rust
      {"int", [](double v) { return std::trunc(v); }},
      {"fraction", [](double v) { return v - std::trunc(v); }},
  };
  for (const auto& [fn_name, fn] : kUnary) {
    if (fn_name == name) return out = Value::real(fn(x)), true;
  }
  if (name == "is_nan") return out = Value::boolean(std::isnan(x)), true;
  if (name == "is_finite") return out = Value::boolean(std::isfinite(x)), true;
  if (name == "is_infinite") return out = Value::boolean(std::isinf(x)), true;
  return false;
}

}  // namespace plexus::rhai::detail
