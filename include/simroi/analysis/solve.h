#pragma once
// Goal seek: the value of one input at which a simulated statistic reaches a
// target (docs/decisions.md, "Goal seek").
//
// The caller evaluates the statistic at an input value theta (a simulation
// with common random numbers, so the statistic is a deterministic function of
// theta, monotone when the model is monotone in that input) together with its
// 95 % confidence interval. The target "statistic OP value" holds on one side
// of a boundary theta*; solve_boundary() brackets it in [lo, hi] and narrows
// the bracket with the Illinois variant of regula falsi (Dowell & Jarratt
// 1971), falling back to bisection when an end does not move, until the
// bracket is narrower than `tolerance`. The answer is the end of the final
// bracket on which the target holds (e.g. the largest setup cost with
// P(payback <= 6) >= 90 %).
//
// Its Monte Carlo uncertainty: the input values over which the statistic's
// 95 % interval straddles the target, found the same way on the interval's
// two bounds (where the upper bound crosses the target, and where the lower
// one does), so the band is [theta_sure, theta_possible] in input units.
//
// Assumption (stated in every answer): the statistic is monotone in theta
// over [lo, hi]. When both ends meet the target the answer is "met over the
// whole valid range"; when neither does, "not reachable in the valid range".
#include <functional>
#include <optional>

#include "simroi/analysis/statistic.h"

namespace simroi {

/// A statistic at one input value, with its 95 % interval (a bound that the
/// runs cannot give is nullopt and counts as +-infinity).
struct Evaluation {
  double value = 0;
  std::optional<double> low;
  std::optional<double> high;
};

struct SolveOptions {
  double tolerance = 0;      ///< stop when the bracket is narrower (input units); > 0
  int max_evaluations = 40;  ///< evaluations of the statistic in all
  /// When > 0, also stop once the bracket is narrower than this share of
  /// the Monte Carlo band, estimated from the bracket's ends: the mean width
  /// of their 95 % intervals over the statistic's slope between them (in
  /// input units). The band's edges then stop at the same width. A finer
  /// bracket would only locate the boundary more closely than the runs can
  /// tell it; an estimate that cannot be made (no slope, an interval without
  /// a bound) leaves `tolerance` alone in charge.
  double band_fraction = 0;
};

struct SolveResult {
  enum class Status : unsigned char {
    found,       ///< the target holds on one side of `value`
    always_met,  ///< the target holds at both ends of [lo, hi]
    never_met,   ///< the target holds at neither end
  };
  Status status = Status::never_met;
  /// found: the boundary on the side where the target holds; always_met: the
  /// end of [lo, hi] farthest into the region where it holds is not defined,
  /// so `value` is nullopt.
  std::optional<double> value;
  Evaluation at;                    ///< the statistic at `value` (found)
  std::optional<double> band_low;   ///< the band of input values where the
  std::optional<double> band_high;  ///< 95 % interval straddles the target
  bool holds_above = false;         ///< the target holds for theta above `value`
  int evaluations = 0;
  bool converged = false;  ///< the bracket reached the tolerance
};

[[nodiscard]] SolveResult solve_boundary(const std::function<Evaluation(double)>& evaluate,
                                         double lo, double hi, Compare compare, double target,
                                         const SolveOptions& options);

}  // namespace simroi
