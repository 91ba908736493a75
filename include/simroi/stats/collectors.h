#pragma once
// The one-pass statistics of a simulation as collectors (collector.h): the
// moments of chosen quantities, counts of runs that meet a condition, and the
// sample the Spearman sensitivities are computed from. Exact percentiles need
// more than one look at the runs: exact_quantiles.h.
//
// Each can be filled by the engine over a range of runs and merged with the
// same collector filled over a later range (merge()): for counts and the
// sensitivity sample the result is the whole range's, exactly; for moments too
// when the ranges meet at a block boundary (RunSource::block_runs()), because
// the block partials are kept and folded in run order when the moments are read.
#include <cstdint>
#include <vector>

#include "simroi/core/huge_page_allocator.h"
#include "simroi/results/results.h"
#include "simroi/stats/collector.h"
#include "simroi/stats/statistics.h"

namespace simroi {

/// Mean, variance, min and max of some quantities (statistics.h, Moments).
/// Per block: within a block, Moments::of each chunk merged in run order; the
/// blocks' moments are merged in block order when read.
class RunMoments final : public CollectorOf<RunMoments, Collector::Sharing::per_block> {
 public:
  explicit RunMoments(std::vector<Quantity> quantities);

  [[nodiscard]] RunMoments empty() const { return RunMoments(quantities_); }
  void add(const RunChunk& chunk) override;
  /// Append the blocks of `later` (runs after every run of this one).
  void merge(RunMoments& later);

  /// The moments of the i-th quantity of the constructor's list.
  [[nodiscard]] Moments moments(std::size_t i) const;
  [[nodiscard]] const std::vector<Quantity>& quantities() const noexcept { return quantities_; }

 private:
  std::vector<Quantity> quantities_;
  std::vector<Moments> blocks_;  // block-major: quantities_.size() entries per block
};

/// A condition on one quantity of a run: value < threshold, value <= threshold
/// or value >= threshold (so {payback, at_least, +inf} counts the censored runs).
struct RunEvent {
  enum class Test : std::uint8_t { below, at_most, at_least };
  Quantity quantity = Quantity::roi_pct;
  Test test = Test::below;
  double threshold = 0.0;
};

/// How many runs meet each of some conditions (NaN meets none). Order-free.
class EventCounts final : public CollectorOf<EventCounts, Collector::Sharing::per_worker> {
 public:
  explicit EventCounts(std::vector<RunEvent> events);

  [[nodiscard]] EventCounts empty() const { return EventCounts(events_); }
  void add(const RunChunk& chunk) override;
  void merge(EventCounts& other);

  [[nodiscard]] std::uint64_t runs() const noexcept { return runs_; }
  [[nodiscard]] std::uint64_t count(std::size_t event) const { return counts_.at(event); }
  /// count / runs with its binomial standard error (statistics.h, proportion).
  [[nodiscard]] Probability probability(std::size_t event) const {
    return proportion(count(event), runs_);
  }

 private:
  std::vector<RunEvent> events_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t runs_ = 0;
};

/// Replicated Latin hypercube (sampling/sampler.h): per block of the design
/// (`bounds`: B + 1 run indices, lhs_replicate_bounds), the sum of some
/// quantities and the number of runs that meet some events, so that the spread
/// between the blocks' means and shares gives the error of the whole design
/// (docs/model.md). Per (engine) block: a partial holds the design blocks its
/// runs touch, and the partials are added in run order, so the sums do not
/// depend on the thread count. Memory: (quantities + events + 1) x 8 bytes x
/// the design blocks a partial touches.
class ReplicateSums final : public CollectorOf<ReplicateSums, Collector::Sharing::per_block> {
 public:
  ReplicateSums(std::vector<std::uint64_t> bounds, std::vector<Quantity> quantities,
                std::vector<RunEvent> events);

  [[nodiscard]] ReplicateSums empty() const { return {bounds_, quantities_, events_}; }
  void add(const RunChunk& chunk) override;
  /// Add the sums and counts of `later` (runs after every run of this one).
  void merge(ReplicateSums& later);

  /// B, the design's blocks.
  [[nodiscard]] std::size_t replicates() const noexcept { return bounds_.size() - 1; }
  /// The runs of block b seen so far.
  [[nodiscard]] std::uint64_t runs(std::size_t b) const;
  /// The mean of the q-th quantity of the constructor's list over block b's runs.
  [[nodiscard]] double mean(std::size_t b, std::size_t q) const;
  /// The share of block b's runs that meet the e-th event.
  [[nodiscard]] double share(std::size_t b, std::size_t e) const;

 private:
  /// Make blocks [b, b] part of the held range.
  void hold(std::size_t b);
  [[nodiscard]] std::size_t slot(std::size_t b) const;

  std::vector<std::uint64_t> bounds_;
  std::vector<Quantity> quantities_;
  std::vector<RunEvent> events_;
  std::size_t first_ = 0;              // the first design block held
  std::vector<double> sums_;           // block-major, quantities_.size() per held block
  std::vector<std::uint64_t> counts_;  // block-major, events_.size() per held block
  std::vector<std::uint64_t> runs_;    // per held block
};

/// How many runs have a quantity at most t, for every whole t = 0..max_t
/// (the payback curve: P(payback <= t) for t = 0..H months). Each run is
/// tallied once, at ceil(value) (at 0 when the value is below 0); values
/// above max_t, +inf and NaN are in no tally. Order-free counts: exact and
/// independent of the thread count.
class CountsAtMost final : public CollectorOf<CountsAtMost, Collector::Sharing::per_worker> {
 public:
  CountsAtMost(Quantity quantity, int max_t);

  [[nodiscard]] CountsAtMost empty() const { return CountsAtMost(quantity_, max_t_); }
  void add(const RunChunk& chunk) override;
  void merge(CountsAtMost& other);

  [[nodiscard]] std::uint64_t runs() const noexcept { return runs_; }
  /// Runs whose value is <= t (0 <= t <= max_t).
  [[nodiscard]] std::uint64_t at_most(int t) const;

 private:
  Quantity quantity_;
  int max_t_;
  std::vector<std::uint64_t> tally_;  // tally_[t]: runs with ceil(value) == t (0 for <= 0)
  std::uint64_t runs_ = 0;
};

/// The `count` smallest values a quantity took among the runs of a window
/// (the expected shortfall: the mean of the worst 5 % of runs). A worker keeps
/// at most 2 x count values, cut back to the `count` smallest when full; the
/// merged result is the multiset of the window's `count` smallest values,
/// whatever the order of the runs or the thread count. Memory: 16 bytes x
/// count per worker.
class LowestValues final : public CollectorOf<LowestValues, Collector::Sharing::per_worker> {
 public:
  LowestValues(Quantity quantity, std::uint64_t count, RunRange window);

  [[nodiscard]] LowestValues empty() const { return LowestValues(quantity_, count_, window_); }
  void add(const RunChunk& chunk) override;
  void merge(LowestValues& other);

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] RunRange window() const noexcept { return window_; }
  /// Runs of the window seen so far.
  [[nodiscard]] std::uint64_t runs() const noexcept { return runs_; }
  /// The min(count, runs()) smallest values, ascending.
  [[nodiscard]] std::vector<double> values() const;
  /// The mean of values() -- the expected shortfall when count is
  /// ceil(share x runs) -- summed in ascending order (the same bits whatever
  /// the threads), with its asymptotic standard error (results.h).
  [[nodiscard]] ExpectedShortfall expected_shortfall(double share) const;

 private:
  void cut_back();  // keep the count_ smallest of kept_

  Quantity quantity_;
  std::uint64_t count_;
  RunRange window_;
  std::vector<double> kept_;
  // Once count_ values are kept, a value >= cut_ cannot be among the smallest.
  double cut_;
  std::uint64_t runs_ = 0;
};

/// The values some inputs and one quantity took in the runs of a window
/// `sample` (docs/model.md, "Sensitivity": the first min(n, 131,072) runs), for
/// Spearman rank correlations. Shared: each run writes its own row. Memory:
/// 8 bytes x (inputs + 1) x sample.size().
class SensitivitySample final : public CollectorOf<SensitivitySample, Collector::Sharing::shared> {
 public:
  SensitivitySample(std::vector<Input> inputs, RunRange sample,
                    Quantity quantity = Quantity::roi_pct);

  [[nodiscard]] SensitivitySample empty() const {
    return SensitivitySample(inputs_, sample_, quantity_);
  }
  [[nodiscard]] bool wants_inputs(std::uint64_t begin, std::uint64_t end) const noexcept override {
    return begin < sample_.end && end > sample_.begin;
  }
  void add(const RunChunk& chunk) override;
  /// Take the runs of the window that `other` (same inputs, window, quantity)
  /// holds and this one does not.
  void merge(SensitivitySample& other);

  [[nodiscard]] const std::vector<Input>& inputs() const noexcept { return inputs_; }
  [[nodiscard]] RunRange window() const noexcept { return sample_; }
  /// Whether every run of the window has been added.
  [[nodiscard]] bool complete() const noexcept;

  /// Spearman's rho of input `j` (position in inputs()) with the quantity:
  /// the Pearson correlation of their average ranks. The first call replaces
  /// the sample by its ranks (in parallel over columns, on the caller's task
  /// arena); no run can be added after it. Throws std::logic_error when the
  /// sample is not complete().
  [[nodiscard]] double spearman(std::size_t j);
  /// Whether input `j` (j < inputs().size()) or, for j == inputs().size(),
  /// the quantity takes more than one value in the window: Spearman's rho
  /// with a constant is undefined (spearman() then returns 0).
  [[nodiscard]] bool varies(std::size_t j);
  /// Spearman's rho between inputs `a` and `b` (positions in inputs()).
  [[nodiscard]] double rank_correlation(std::size_t a, std::size_t b);
  /// The median (numpy's linear estimator) of the quantity among the runs of
  /// the window whose input `j` is among its ceil(share x window) lowest
  /// (`high` false) or highest values, ties in run order: with share 0.1 the
  /// lowest / highest decile (the tornado in money, @RISK's "change in output
  /// statistic"). Needs the raw values: call it before spearman() or
  /// rank_correlation(), which replace them by ranks (else std::logic_error).
  [[nodiscard]] double conditional_median(std::size_t j, double share, bool high) const;
  /// The quantity's values in the window, in run order. Before ranking (else
  /// std::logic_error).
  [[nodiscard]] std::vector<double> quantity_values() const;

 private:
  void rank();
  [[nodiscard]] std::span<double> column(std::size_t j) noexcept;

  std::vector<Input> inputs_;
  RunRange sample_;
  Quantity quantity_;
  LargeBuffer values_;              // column-major: inputs, then the quantity
  std::vector<std::uint8_t> have_;  // per run of the window: added
  bool ranked_ = false;
};

}  // namespace simroi
