#pragma once
// What a simulation reports (model.md, "What a simulation reports"): the data
// the statistics stage produces and every reporter formats. Plain values only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simroi/core/constants.h"
#include "simroi/core/error.h"
#include "simroi/core/inputs.h"
#include "simroi/core/sampling_method.h"

namespace simroi {

/// One percentile with its Monte Carlo uncertainty.
///
/// value: numpy.percentile's default ("linear") estimator on the runs.
/// ci_low/ci_high: an exact distribution-free 95 % confidence interval for
/// the population percentile, from order statistics (binomial ranks, see
/// statistics.h and intervals.h); nullopt when no order statistic gives that
/// bound at 95 % (too few runs; never clamped to the smallest or largest
/// run), and both nullopt for P0 and P100. se: (ci_high - ci_low) /
/// (2 * 1.959964), the standard error a normal approximation would give;
/// nullopt unless both bounds are known and finite. A value of +inf means
/// "not within the horizon" (payback only; null in JSON); the same holds for
/// ci bounds.
struct PercentileEstimate {
  double p = 0;  ///< in [0, 100]
  double value = 0;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  std::optional<double> se;
};

/// Mean, sd (n - 1), min, max and percentiles of one metric.
struct MetricSummary {
  double mean = 0;
  double sd = 0;
  /// sd / sqrt(n): the Monte Carlo error of the mean; nullopt for one run,
  /// where no spread can be seen (it was 0). Latin hypercube: sd(block
  /// means) / sqrt(B) over the B replicated blocks (docs/model.md); nullopt
  /// with a single block (fewer than 20 runs).
  std::optional<double> mean_se{};
  double min = 0;
  double max = 0;
  std::vector<PercentileEstimate> percentiles;
  /// (Last, so that the aggregate initialisers above it keep their order.)
  /// The 95 % interval of the mean is mean -/+ mean_ci_multiplier x mean_se:
  /// 1.96 (normal) for Monte Carlo, Student's t_{0.975, B - 1} for the B
  /// blocks of a replicated Latin hypercube (2.093 for B = 20).
  double mean_ci_multiplier = kZ95;
};

/// A probability estimated as `count` of `runs` runs, with its exact 95 %
/// interval (Clopper-Pearson, intervals.h): coverage >= 95 % for every true
/// probability, also at 0 or n of n runs, where it is [0, 1 - 0.025^(1/n)]
/// or [0.025^(1/n), 1]. Latin hypercube with at least 10 runs on either side
/// of the event: the replicated blocks' interval value -/+ max(t se, 1/(4m)),
/// se the spread of the blocks' shares (docs/model.md).
struct Probability {
  double value = 0;
  /// sqrt(p (1 - p) / n); nullopt at 0 or n of n runs, where it would claim ±0.
  std::optional<double> se;
  std::uint64_t count = 0;
  std::uint64_t runs = 0;
  double ci_low = 0;
  double ci_high = 0;
};

/// Payback is sustained (model.md): the time from which the cumulative net
/// stays >= 0 up to the horizon, so "paid back within H" is "K_H >= 0".
struct PaybackSummary {
  std::vector<PercentileEstimate> percentiles;  ///< +inf: not within the horizon
  /// P(payback <= months) for 3, 6, 12 and H; nullopt where months > H.
  struct Within {
    int months = 0;
    std::optional<Probability> probability;
  };
  std::vector<Within> within;
  Probability never_within_horizon;  ///< censored share of runs
  /// The first time the cumulative net reaches 0 (+inf: never within H),
  /// which a run may later lose again (model.md, "first break-even").
  std::vector<PercentileEstimate> first_break_even{};
  /// The share of runs that broke even and later fell below 0 again.
  Probability fell_back{};
  /// The payback curve: P(payback <= t) for every month t = 0..H (by_month[t]),
  /// exact counts of the runs (by_month[H] = 1 - never_within_horizon).
  std::vector<Probability> by_month{};
};

/// The expected shortfall of ROI (CVaR): the mean ROI of the worst `share`
/// of runs, i.e. of the ceil(share x runs) lowest ROI values of the runs it
/// uses (every run, up to the first 2^24), with the asymptotic standard error
/// sqrt((s^2 + (1 - a)(ES - q)^2) / k): s^2 the variance of those k values,
/// q the largest of them (the value at risk), a = k / runs (docs/model.md).
struct ExpectedShortfall {
  double share = 0.05;
  double value = 0;
  std::optional<double> se;  ///< nullopt for fewer than two tail runs
  std::uint64_t tail_runs = 0;
  std::uint64_t runs = 0;
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
  /// nullopt when ROI (or the input) is constant in the runs: no rank
  /// correlation exists (it was printed as +0.00).
  std::optional<double> spearman{};
  /// Fisher's z with the Bonett & Wright (2000) variance (intervals.h):
  /// se = (1 - rho^2) sqrt((1 + rho^2 / 2) / (n - 3)), and the 95 % interval
  /// tanh(atanh(rho) -/+ 1.96 sqrt((1 + rho^2 / 2) / (n - 3))). nullopt for
  /// n <= 3 runs, where no such error exists.
  std::optional<double> se{};
  std::optional<double> ci_low{};
  std::optional<double> ci_high{};
  /// The tornado in money: the median ROI (percent) and net profit among the
  /// runs of the sensitivity window where this input is in its lowest /
  /// highest decile (all other inputs random, as drawn).
  double roi_low = 0, roi_high = 0, net_low = 0, net_high = 0;
};

/// A histogram of ROI (percent) over the sensitivity window's runs: bins of
/// `width` from `start`; the runs below the first bin are counted in it, those
/// above the last in the last (the P1..P99 range, in round steps with 0 an
/// edge, so the loss bins are whole).
struct RoiHistogram {
  double start = 0;
  double width = 0;
  std::vector<std::uint64_t> counts;
  std::uint64_t runs = 0;
};

/// One input as the scenario gave it: what the numbers rest on.
struct InputSummary {
  Input input{};
  std::string written;  ///< the distribution as written: "pert(1200, 1500, 2200)", "fixed(0.2)"
  bool is_default =
      false;  ///< fixed at InputInfo::default_value (the file omits it, or repeats it)
  double p5 = 0, p50 = 0, p95 = 0;  ///< its own percentiles (the value itself when fixed)
  double p25 = 0, p75 = 0;          ///< the quartiles (the fan's month 0 band)
  Text description{};  ///< `written` for a person, in the reader's language (empty: use `written`)
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
  /// Latin hypercube: the independent blocks the runs were cut into (B,
  /// sampling/sampler.h, lhs_replicates); 0 for Monte Carlo.
  std::uint64_t replicates = 0;
  /// Latin hypercube with B >= 2: what it bought, the plain Monte Carlo
  /// variance estimate of the mean ROI (sd^2 / n) over the replicated blocks'
  /// (mean_se^2); nullopt when either is 0 or not known.
  std::optional<double> lhs_variance_ratio;
};

/// The mean over runs of one part of the gain, with its Monte Carlo error.
struct SourceMean {
  double mean = 0;
  std::optional<double>
      mean_se;  ///< sd / sqrt(n); nullopt for one run (Latin hypercube: the blocks')
  double mean_ci_multiplier = kZ95;  ///< as MetricSummary's
};

/// Where the gain comes from (model.md, version 0.2): each source's mean over
/// the runs. The first five add up to the mean total gain; capacity_cut is
/// what the free slots could not serve (not part of the gain).
struct GainBySource {
  SourceMean more_leads;         ///< sigma phi_L A1 m
  SourceMean better_conversion;  ///< sigma phi_c A1 m
  SourceMean fewer_no_shows;     ///< sigma phi_a A1 m
  SourceMean repeat_visits;      ///< Q' A m
  SourceMean staff_time;         ///< phi h w
  SourceMean capacity_cut;       ///< (1 - sigma)(X A1 + Q A) m
  double total_gain = 0;         ///< the mean of G
  bool capacity_given = false;   ///< the scenario has a capacity
};

/// The cash view: the headline numbers without the value of saved staff time
/// (h w), which is money only if payroll actually falls.
struct CashView {
  bool time_valued = false;  ///< some run values saved time (h w > 0): the view is shown
  MetricSummary roi_pct;     ///< mean, sd, min, max (no percentiles)
  MetricSummary net_profit;  ///< the same
  Probability prob_roi_below_zero;
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
  /// The total cost C over the horizon (implementation + subscription +
  /// per-lead costs): mean, sd, min, max, no percentiles.
  MetricSummary total_cost;
  ExpectedShortfall roi_expected_shortfall;
  PaybackSummary payback;
  std::vector<MonthFan> monthly;
  /// Every input of the model in Input order (of booking_conversion_uplift
  /// and booking_conversion_after only the one in use).
  std::vector<InputSummary> inputs;
  RoiHistogram roi_histogram;
  std::vector<Sensitivity> sensitivity;  ///< sorted by |spearman|, largest first
  std::vector<AchievedCorrelation> correlations;
  MethodNotes method;
  GainBySource gain_by_source;
  CashView cash;
  /// Assumptions that carry the result (scenario_warnings(), scenario/validate.h).
  std::vector<Diagnostic> warnings;
};

}  // namespace simroi
