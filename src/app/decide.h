#pragma once
// The decision commands (docs/decisions.md): solve (goal seek), sweep (a
// decision table), voi (value of information) and pilot (the value of a
// pilot), each on one scenario with --set applied, every figure with its
// Monte Carlo uncertainty, in table, markdown, csv or json.
#include <functional>

#include "app/commands.h"

namespace simroi::app {

int run_solve(const Request& request, const Locale& locale, Console console);
int run_sweep(const Request& request, const Locale& locale, Console console);
int run_voi(const Request& request, const Locale& locale, Console console);
int run_pilot(const Request& request, const Locale& locale, Console console);

/// --precision (docs/decisions.md, "Precision on demand"): the run count at
/// which every chosen statistic's 95 % interval is within its half-width,
/// doubling from 10 000 runs up to the cap (--runs, else 10^7); the runs of
/// a seed are always the same, so the answer is deterministic. Says on
/// console.err how many runs it took (or that the cap was reached).
[[nodiscard]] std::uint64_t runs_for_precision(const Scenario& scenario, const Request& request,
                                               const Locale& locale, Console console);

/// A progress callback writing "simroi: 42 %" with a carriage return to
/// stderr, only when stderr is a terminal and only after the run has taken
/// a second; empty otherwise.
[[nodiscard]] std::function<void(double)> progress_line(Console console);

/// --vary values of sweep: "KEY=1,2,3" or "KEY=A:B:N" (N evenly spaced values
/// from A to B, N in 2..1000). Throws UsageError naming the option.
struct VaryList {
  Input input{};
  std::vector<double> values;
};
[[nodiscard]] VaryList parse_vary_list(std::string_view text);

}  // namespace simroi::app
