#pragma once
// What a simulation reports (model.md, "What a simulation reports"): the data
// the statistics stage produces and every reporter formats. Plain values only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/core/inputs.h"
#include "simroi/core/sampling_method.h"

namespace simroi {

/// One percentile with its Monte Carlo uncertainty.
///
/// value: numpy.percentile's default ("linear") estimator on the runs.
/// ci_low/ci_high: a distribution-free 95 % confidence interval for the
/// population percentile, from order statistics (binomial ranks, see
/// statistics.h). se: (ci_high - ci_low) / (2 * 1.959964), the standard error
/// a normal approximation would give. A value of +inf means "not within the
/// horizon" (payback only; null in JSON); the same holds for ci bounds.
struct PercentileEstimate {
  double p = 0;  ///< in [0, 100]
  double value = 0;
  double ci_low = 0;
  double ci_high = 0;
  double se = 0;
};

/// Mean, sd (n - 1), min, max and percentiles of one metric.
struct MetricSummary {
  double mean = 0;
  double sd = 0;
  double mean_se = 0;  ///< sd / sqrt(n): the Monte Carlo error of the mean
  double min = 0;
  double max = 0;
  std::vector<PercentileEstimate> percentiles;
};

/// A probability estimated from the runs, with its binomial standard error.
struct Probability {
  double value = 0;
  double se = 0;  ///< sqrt(p (1 - p) / n)
};

struct PaybackSummary {
  std::vector<PercentileEstimate> percentiles;  ///< +inf: not within the horizon
  /// P(payback <= months) for 3, 6, 12 and H; nullopt where months > H.
  struct Within {
    int months = 0;
    std::optional<Probability> probability;
  };
  std::vector<Within> within;
  Probability never_within_horizon;  ///< censored share of runs
};

/// Percentiles of cumulative net K_t for one month t (the fan chart).
struct MonthFan {
  int month = 0;
  std::vector<PercentileEstimate> cumulative_net;  ///< at kFanPercentiles
};
inline constexpr double kFanPercentiles[] = {5, 25, 50, 75, 95};

/// Spearman rank correlation of one uncertain input with ROI.
struct Sensitivity {
  Input input{};
  double spearman = 0;
  double se =
      0;  ///< approximate: (1 - rho^2) / sqrt(n - 3) (Fieller, Hartley & Pearson 1957, rounded)
};

/// A requested rank correlation and the one the runs achieved.
struct AchievedCorrelation {
  Input a{};
  Input b{};
  double requested = 0;
  double achieved = 0;  ///< Spearman of the drawn values
};

/// How the numbers were computed (printed so a user can judge them).
struct MethodNotes {
  Sampling sampling = Sampling::monte_carlo;
  std::string percentile_method = "exact";  ///< "exact" or a sketch with its rank error
  /// How the exact order statistics were found, chosen by the engine from the
  /// run count and horizon (docs/model.md): "all_kept" (every value stored),
  /// "one_pass" (pilot brackets, values inside kept) or "two_pass" (counted
  /// per bin first, then only the wanted bins kept in a replay of the runs).
  std::string selection = "all_kept";
  int passes = 1;                      ///< times the runs were simulated (replays included)
  std::uint64_t sensitivity_runs = 0;  ///< runs the Spearman coefficients use
};

struct SimulationResults {
  // What was simulated.
  std::string scenario_name;
  std::string business;
  std::string file;
  std::string currency;
  std::uint64_t runs = 0;
  std::uint64_t seed = 0;
  int horizon_months = 0;
  std::vector<double> percentiles;  ///< requested, in [0, 100]

  MetricSummary roi_pct;
  Probability prob_roi_below_zero;
  MetricSummary net_profit;
  MetricSummary npv;
  PaybackSummary payback;
  std::vector<MonthFan> monthly;
  std::vector<Sensitivity> sensitivity;  ///< sorted by |spearman|, largest first
  std::vector<AchievedCorrelation> correlations;
  MethodNotes method;
  /// Assumptions that carry the result (scenario_warnings(), scenario/validate.h).
  std::vector<Diagnostic> warnings;
};

}  // namespace simroi
