#pragma once
// A statistic of the statistic grammar (statistic.h) evaluated on simulated
// runs, with its 95 % interval: what sweep, solve, voi and pilot compute at
// each value of an input (docs/decisions.md).
//
// RunSample keeps every run's ROI, net profit, NPV and payback (and, when
// asked, the drawn inputs) of a range of a Simulator: 32 bytes a run (plus
// 136 with the inputs), so 10^5 runs take 3.2 MB. evaluate() then gives
//   mean        the sample mean, +- 1.96 s / sqrt(n);
//   pN, median  the linear-interpolation percentile of model.md, with the
//               exact order-statistic interval (intervals.h);
//   P(...)      k / n with the Clopper-Pearson interval;
//   es          the mean of the worst ceil(0.05 n) runs, +- 1.96 se with
//               se^2 = (s_tail^2 + 0.95 (q - es)^2) / (0.05 n), the
//               asymptotic variance of the expected shortfall (Brazauskas
//               et al. 2008, J. Stat. Plan. Inference 138:3590).
// Latin hypercube (a sample of all the runs of a study of 20 runs or more):
// the mean and P(...) take the spread between the design's independent
// blocks instead, mean -/+ t_{0.975, B - 1} sd(block means) / sqrt(B) and
// replicate_proportion (statistics.h; docs/model.md, "Latin hypercube: the
// error between blocks"); percentiles keep their (conservative) interval and
// es its formula.
// A payback that never happens is +inf: it counts in P(payback <= 6) and in
// percentiles ("> horizon"), and makes mean(payback) infinite.
#include <cstdint>
#include <vector>

#include "simroi/analysis/solve.h"
#include "simroi/analysis/statistic.h"
#include "simroi/core/inputs.h"
#include "simroi/engine/simulator.h"

namespace simroi {

struct RunSample {
  std::vector<double> roi, net, npv, payback;  ///< one per run, in run order
  std::vector<InputValues> inputs;             ///< empty unless asked for
  /// Replicated Latin hypercube: the B + 1 block bounds (indices into the
  /// sample, lhs_replicate_bounds) when the sample is every run of a Latin
  /// hypercube study with B >= 2 blocks; else empty (plain Monte Carlo).
  std::vector<std::uint64_t> replicates;
  [[nodiscard]] std::size_t size() const noexcept { return roi.size(); }
  [[nodiscard]] const std::vector<double>& metric(Metric m) const noexcept;
};

/// Simulate `runs` of `sim` and keep every run's outcomes (and inputs).
[[nodiscard]] RunSample simulate_sample(Simulator& sim, RunRange runs, bool with_inputs = false,
                                        const RunControl& control = {});

/// The same into `sample`, whose columns are reused (resized to the runs):
/// a loop of evaluations then allocates and faults in its memory once.
void simulate_sample_into(Simulator& sim, RunRange runs, RunSample& sample,
                          bool with_inputs = false, const RunControl& control = {});

/// The statistic on the sample, with its 95 % interval.
[[nodiscard]] Evaluation evaluate(const Statistic& statistic, const RunSample& sample);

}  // namespace simroi
