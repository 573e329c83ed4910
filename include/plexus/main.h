// The router's command line (`router …`: serve, `config validate`, `config schema`, `plugin …`)
// as a function, so that a custom router binary is its plugins plus a one-line main:
//
//   #include "include/plexus/main.h"
//   int main(int argc, char** argv) { return plexus::routerMain(argc, argv); }
//
// The plugins linked into the binary (PLEXUS_REGISTER_PLUGIN) are available under `plugins:`.
// Returns the process exit status: 0 after a clean stop, 1 when startup fails, 2 for usage errors.
#pragma once

namespace plexus {

int routerMain(int argc, char** argv);

}  // namespace plexus
