#pragma once
// The decision commands (docs/decisions.md): solve (goal seek), sweep (a
// decision table), voi (value of information) and pilot (the value of a
// pilot), each on one scenario with --set applied, every figure with its
// Monte Carlo uncertainty, in table, markdown, csv or json.
#include "app/commands.h"

namespace simroi::app {

int run_solve(const Request& request, const Locale& locale, Console console);
int run_sweep(const Request& request, const Locale& locale, Console console);
int run_voi(const Request& request, const Locale& locale, Console console);
int run_pilot(const Request& request, const Locale& locale, Console console);

/// --vary values of sweep: "KEY=1,2,3" or "KEY=A:B:N" (N evenly spaced values
/// from A to B, N in 2..1000). Throws UsageError naming the option.
struct VaryList {
  Input input{};
  std::vector<double> values;
};
[[nodiscard]] VaryList parse_vary_list(std::string_view text);

}  // namespace simroi::app
