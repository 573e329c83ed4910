// Apollo Router's script helpers (apollo-router/src/plugins/rhai/engine/mod.rs).
#include "src/plugins/rhai/helpers.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "include/plexus/metrics.h"
#include "src/common/sha256.h"
#include "src/common/utf8.h"
#include "src/common/uuid.h"
#include "src/plugins/rhai/convert.h"
#include "src/plugins/rhai/objects.h"
#include "src/telemetry/log.h"

namespace plexus::plugins::rhai {

using plexus::rhai::CallContext;
using plexus::rhai::Engine;
using plexus::rhai::Value;
using Args = std::span<Value>;

namespace {

const char* alphabetChars(Base64Alphabet a) {
  return a == Base64Alphabet::kUrlSafe || a == Base64Alphabet::kUrlSafeNoPad
             ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
             : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

bool padded(Base64Alphabet a) {
  return a == Base64Alphabet::kStandard || a == Base64Alphabet::kUrlSafe;
}

// base64::STANDARD etc.: opaque constants passed back to encode/decode.
class AlphabetObject final : public HostObject {
 public:
  explicit AlphabetObject(Base64Alphabet alphabet) : alphabet(alphabet) {}
  std::string_view typeName() const override {
    return "base64::engine::general_purpose::GeneralPurpose";
  }
  Base64Alphabet alphabet;
};

bool isString(const Value& v) { return v.is(Value::Type::kString); }

std::optional<Base64Alphabet> alphabetArg(Args a) {
  if (a.size() == 1) return Base64Alphabet::kStandard;
  if (a.size() == 2) {
    if (const auto* alphabet = hostAs<AlphabetObject>(a[1])) return alphabet->alphabet;
  }
  return std::nullopt;
}

std::string envPrefixed(std::string_view name) {
  const char* prefix = std::getenv("APOLLO_ROUTER_CONFIG_ENV_PREFIX");
  if (prefix == nullptr) return std::string(name);
  return std::string(prefix) + "_" + std::string(name);
}

int64_t unixNow(bool millis) {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  if (millis) return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

metrics::Attributes attributesArg(Args a, size_t at) {
  metrics::Attributes out;
  if (a.size() <= at) return out;
  if (!a[at].is(Value::Type::kMap)) wrongType("metric attributes", "an object map", a[at]);
  for (const auto& [k, v] : a[at].asMap()) out.emplace_back(k, v.display());
  return out;
}

// metrics::counter(name, n [, attrs]) and friends: Plexus's addition, exported on the Prometheus
// endpoint in scope "apollo.rhai".
void registerMetrics(Engine& engine) {
  auto numeric = [](Args a) {
    return a.size() >= 2 && a.size() <= 3 && isString(a[0]) &&
           (a[1].is(Value::Type::kInt) || a[1].is(Value::Type::kFloat));
  };
  auto number = [](const Value& v) {
    return v.is(Value::Type::kInt) ? static_cast<double>(v.asInt()) : v.asFloat();
  };
  static const metrics::Meter meter = metrics::meter("apollo.rhai");
  engine.registerFn("metrics::counter", [=](CallContext&, Args a) -> std::optional<Value> {
    if (!numeric(a)) return std::nullopt;
    if (number(a[1]) < 0) throw HostError{"a counter only goes up: " + a[1].display()};
    meter.counter(a[0].asString()).add(static_cast<uint64_t>(number(a[1])), attributesArg(a, 2));
    return Value();
  });
  engine.registerFn("metrics::up_down_counter", [=](CallContext&, Args a) -> std::optional<Value> {
    if (!numeric(a)) return std::nullopt;
    meter.upDownCounter(a[0].asString())
        .add(static_cast<int64_t>(number(a[1])), attributesArg(a, 2));
    return Value();
  });
  engine.registerFn("metrics::histogram", [=](CallContext&, Args a) -> std::optional<Value> {
    if (!numeric(a)) return std::nullopt;
    meter.histogram(a[0].asString()).record(number(a[1]), attributesArg(a, 2));
    return Value();
  });
  engine.registerFn("metrics::gauge", [=](CallContext&, Args a) -> std::optional<Value> {
    if (!numeric(a)) return std::nullopt;
    meter.gauge(a[0].asString()).set(number(a[1]), attributesArg(a, 2));
    return Value();
  });
}

}  // namespace

std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet) {
  const char* chars = alphabetChars(alphabet);
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += chars[(n >> shift) & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    if (rest == 2) n |= uint8_t(bytes[i + 1]) << 8;
    out += chars[(n >> 18) & 63];
    out += chars[(n >> 12) & 63];
    if (rest == 2) out += chars[(n >> 6) & 63];
    if (padded(alphabet)) out.append(rest == 1 ? "==" : "=");
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view text, Base64Alphabet alphabet) {
  const char* chars = alphabetChars(alphabet);
  int8_t table[256];
  std::fill(std::begin(table), std::end(table), -1);
  for (int i = 0; i < 64; ++i) table[uint8_t(chars[i])] = static_cast<int8_t>(i);
  size_t end = text.size();
  if (padded(alphabet)) {
    if (text.size() % 4 != 0) return std::nullopt;
    while (end > 0 && text[end - 1] == '=' && text.size() - end < 2) --end;
  }
  if (end % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < end; ++i) {
    int8_t v = table[uint8_t(text[i])];
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // trailing bits set
  return out;
}

std::string urlEncode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> urlDecode(std::string_view text) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && digit(text[i + 1]) >= 0 &&
        digit(text[i + 2]) >= 0) {
      out += static_cast<char>(digit(text[i + 1]) * 16 + digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  if (!isValidUtf8(out)) return std::nullopt;
  return out;
}

void registerHelpers(Engine& engine, const HelperOptions& options) {
  std::string target = options.main_path;
  engine.setPrint([target](std::string_view line) {
    log::write(log::Level::kInfo, line, {{"target", target}});
  });
  // Rhai's default debug output (Apollo does not override it): a line on standard output.
  engine.setDebug([target](std::string_view text) {
    std::string line = target + " | " + std::string(text) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  });
  const std::pair<const char*, log::Level> levels[] = {{"log_trace", log::Level::kTrace},
                                                       {"log_debug", log::Level::kDebug},
                                                       {"log_info", log::Level::kInfo},
                                                       {"log_warn", log::Level::kWarn},
                                                       {"log_error", log::Level::kError}};
  for (const auto& [name, level] : levels) {
    engine.registerFn(name, [target, level](CallContext&, Args a) -> std::optional<Value> {
      if (a.size() != 1) return std::nullopt;
      log::write(level, a[0].display(), {{"target", target}});
      return Value();
    });
  }
  engine.registerFn("eprint", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    std::cerr << a[0].asString() << '\n';
    return Value();
  });
  engine.registerFn("urlencode", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    return Value::string(urlEncode(a[0].asString()));
  });
  engine.registerFn("urldecode", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    std::optional<std::string> decoded = urlDecode(a[0].asString());
    if (!decoded) throw HostError{"invalid utf-8 sequence"};
    return Value::string(std::move(*decoded));
  });
  const std::pair<const char*, Base64Alphabet> alphabets[] = {
      {"base64::STANDARD", Base64Alphabet::kStandard},
      {"base64::STANDARD_NO_PAD", Base64Alphabet::kStandardNoPad},
      {"base64::URL_SAFE", Base64Alphabet::kUrlSafe},
      {"base64::URL_SAFE_NO_PAD", Base64Alphabet::kUrlSafeNoPad}};
  for (const auto& [name, alphabet] : alphabets) {
    engine.registerConstant(name, Value::host(std::make_shared<AlphabetObject>(alphabet)));
  }
  engine.registerFn("base64::encode", [](CallContext&, Args a) -> std::optional<Value> {
    std::optional<Base64Alphabet> alphabet = alphabetArg(a);
    if (!alphabet || !isString(a[0])) return std::nullopt;
    return Value::string(base64Encode(a[0].asString(), *alphabet));
  });
  engine.registerFn("base64::decode", [](CallContext&, Args a) -> std::optional<Value> {
    std::optional<Base64Alphabet> alphabet = alphabetArg(a);
    if (!alphabet || !isString(a[0])) return std::nullopt;
    std::optional<std::string> decoded = base64Decode(a[0].asString(), *alphabet);
    if (!decoded) throw HostError{"Invalid base64 input: " + a[0].asString()};
    if (!isValidUtf8(*decoded)) throw HostError{"invalid utf-8 sequence"};
    return Value::string(std::move(*decoded));
  });
  engine.registerFn("json::encode", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1) return std::nullopt;
    return Value::string(json::serialize(toJson(a[0])));
  });
  engine.registerFn("json::decode", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    StatusOr<json::Value> parsed = json::parse(a[0].asString());
    if (!parsed.ok()) throw HostError{parsed.status().message()};
    return fromJson(*parsed);
  });
  engine.registerFn("sha256::digest", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    return Value::string(plexus::sha256Hex(a[0].asString()));
  });
  engine.registerFn("env::get", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !isString(a[0])) return std::nullopt;
    std::string name = envPrefixed(a[0].asString());
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      throw HostError{"could not expand variable: " + name + ", environment variable not found"};
    }
    return Value::string(value);
  });
  engine.registerFn("uuid_v4", [](CallContext&, Args a) -> std::optional<Value> {
    if (!a.empty()) return std::nullopt;
    return Value::string(uuidV4());
  });
  engine.registerFn("unix_now", [](CallContext&, Args a) -> std::optional<Value> {
    if (!a.empty()) return std::nullopt;
    return Value::integer(unixNow(false));
  });
  engine.registerFn("unix_ms_now", [](CallContext&, Args a) -> std::optional<Value> {
    if (!a.empty()) return std::nullopt;
    return Value::integer(unixNow(true));
  });
  engine.registerFn("traceid", [](CallContext&, Args a) -> std::optional<Value> {
    if (!a.empty()) return std::nullopt;
    throw HostError{"trace unavailable"};  // no OpenTelemetry span is current in Plexus yet
  });
  engine.registerFn("status_code_from_int", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 1 || !a[0].is(Value::Type::kInt)) return std::nullopt;
    int64_t code = a[0].asInt();
    if (code < 100 || code > 999) throw HostError{"invalid status code"};
    return Value::host(std::make_shared<StatusCodeObject>(static_cast<int>(code)));
  });
  registerMetrics(engine);
}

}  // namespace plexus::plugins::rhai
