// `router rhai run FILE`: runs a standalone Rhai script the way Rhai's `rhai-run` does.
#pragma once

#include <ostream>
#include <string>

namespace plexus::rhai {

// Runs the script at `path` (a leading `#!` line is skipped; `import` resolves relative to the
// script's directory). `print` writes a line to `out`; `debug` writes "<file> | <text>" to `out`
// (rhai-run also shows "@ line:pos", which the Engine's debug callback does not carry). An
// unreadable file or an uncaught error is reported on `err` in rhai-run's format:
//
//   ==========
//   script.rhai
//   ==========
//
//   2: let x = foo;
//              ^ Variable not found: foo
//
// Returns the process exit status: 0, or 1 after an error (rhai-run itself exits 0).
int runRhaiScript(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace plexus::rhai
