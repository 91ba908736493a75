#pragma once
// The engine: runs the model over all runs with oneTBB and hands the per-run
// outcomes to the statistics. The result is independent of the thread count:
// run i always draws from its own stream, and every reduction either merges
// fixed blocks of runs in block order or is order-free (counts, order
// statistics).
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "simroi/results/results.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/exact_quantiles.h"

namespace simroi {

inline constexpr double kDefaultPercentiles[] = {5, 10, 25, 50, 75, 90, 95};

struct RunOptions {
  std::optional<std::uint64_t> runs;  ///< overrides the scenario
  std::optional<std::uint64_t> seed;  ///< overrides the scenario
  int threads = 0;                    ///< 0: all cores
  std::vector<double> percentiles{std::begin(kDefaultPercentiles), std::end(kDefaultPercentiles)};
  /// For tests and experiments: force a selection method, or narrow the pilot
  /// brackets (in binomial standard deviations) to provoke the exact fallback.
  /// A pilot size (0: chosen from the run count) makes the bracket narrowing
  /// of large runs testable at small ones.
  Selection selection = Selection::automatic;
  double pilot_sigmas = 6.0;
  std::uint64_t pilot_runs = 0;
  /// Polled between blocks of runs; when it becomes true the run stops with
  /// InterruptedError. May be null.
  const std::atomic<bool>* cancel = nullptr;
};

/// Thrown when RunOptions::cancel was raised (exit 130).
class InterruptedError : public std::runtime_error {
 public:
  InterruptedError() : std::runtime_error("interrupted") {}
};

/// Simulate a validated scenario and summarise it.
[[nodiscard]] SimulationResults run_simulation(const Scenario& scenario, const RunOptions& options);

}  // namespace simroi
