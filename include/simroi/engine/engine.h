#pragma once
// The full report's simulation: every statistic SimulationResults holds, for
// one scenario, through a Simulator (simulator.h). The results are independent
// of the thread count: run i always draws from its own streams, and every
// reduction either merges fixed blocks of runs in block order or is order-free
// (counts, order statistics).
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "simroi/engine/simulator.h"
#include "simroi/results/results.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/exact_quantiles.h"

namespace simroi {

inline constexpr double kDefaultPercentiles[] = {5, 10, 25, 50, 75, 90, 95};

/// What the full report computes over a prepared Simulator's runs, and how.
struct ReportOptions {
  /// Of ROI, net profit, NPV and payback, in [0, 100].
  std::vector<double> percentiles{std::begin(kDefaultPercentiles), std::end(kDefaultPercentiles)};
  /// How exact percentiles are found (tests and experiments; stats/exact_quantiles.h).
  ExactQuantileOptions quantiles;
  RunControl control;
};

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
  /// Fraction of the work done (RunControl::progress). May be empty.
  std::function<void(double)> progress;
};

/// Simulate a validated scenario and summarise it: a Simulator prepared with
/// the options' runs, seed and threads, asked for the full report.
[[nodiscard]] SimulationResults run_simulation(const Scenario& scenario, const RunOptions& options);

/// The full report of runs [0, simulator.runs()) of a prepared simulator: the
/// same numbers run_simulation gives for its scenario, seed and runs.
[[nodiscard]] SimulationResults run_simulation(Simulator& simulator, const ReportOptions& options);

}  // namespace simroi
