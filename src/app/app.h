#pragma once
// The simroi executable's one entry point: signals, the command line, the
// command, and one exit path (docs/scenario-format.md, "The command line").
//
// Exit codes: 0 success; 1 runtime failure; 2 bad usage or bad scenario;
// 130 interrupted by SIGINT, 143 by SIGTERM.
#include "app/commands.h"

namespace simroi::app {

/// Parse, run, print to `console`. Never throws; returns the process exit code.
int run_cli(int argc, const char* const* argv, Console console);

}  // namespace simroi::app
