// The descriptions of router.yaml's sections, one function each, composed into RouterConfig's
// description in router_config.cc. Each is the single source of the section's reader, its
// validation and its JSON Schema (see describe.h).
//
//   describe::Type<CorsConfig> cors = sections::cors();
//   StatusOr<CorsConfig> parsed = describe::parse(cors, "allow_any_origin: true", "cors.yaml");
//
// Each call builds a fresh description; callers keep the result (router_config.cc builds them
// once).
#pragma once

#include "src/config/describe.h"
#include "src/config/router_config.h"

namespace plexus::config::sections {

// sections_serving.cc
describe::Type<SupergraphConfig> supergraph();
describe::Type<TrafficShapingConfig> trafficShaping();
describe::Type<std::map<std::string, std::string, std::less<>>> overrideSubgraphUrl();
describe::Type<IncludeSubgraphErrorsConfig> includeSubgraphErrors();
describe::Type<bool> homepage();  // `homepage.enabled`
describe::Type<bool> sandbox();   // `sandbox.enabled`
describe::Type<LimitsConfig> limits();
describe::Type<ServerConfig> server();
// telemetry.exporters.{logging.stdout, metrics}: into RouterConfig::logging and ::metrics.
describe::Type<RouterConfig> telemetry();

// sections_security.cc
describe::Type<CorsConfig> cors();
describe::Type<CsrfConfig> csrf();
describe::Type<TlsConfig> tls();

// sections_operations.cc
describe::Type<HealthCheckConfig> healthCheck();
describe::Type<BatchingConfig> batching();

// sections_coprocessor.cc
describe::Type<CoprocessorConfig> coprocessor();

// sections_headers.cc
describe::Type<HeadersConfig> headers();

// sections_operations.cc
describe::Type<RhaiConfig> rhai();

}  // namespace plexus::config::sections
