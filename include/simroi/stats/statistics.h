#pragma once
// Statistics of a simulation's runs, each defined exactly here.
//
// Percentile (numpy.percentile's default, "linear"): for n sorted values
// x[0..n-1] and p in [0, 100], h = (n - 1) p / 100 and
//     P_p = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
// An infinite x (a censored payback) propagates: P_p is +inf as soon as it
// interpolates towards +inf with a positive weight.
//
// Percentile confidence interval (distribution-free, exact; intervals.h):
// the number of runs below the population p-quantile is Binomial(n, q), q =
// p / 100, and the 1-based ranks j, k come from that binomial's exact tails
// (percentile_rank_interval), so [x_(j), x_(k)] covers the percentile with
// probability >= 95 % for every n. A bound that no order statistic gives at
// 95 % (too few runs beyond the percentile: P5 at n = 20) is unknown
// (nullopt), never clamped to the smallest or largest run; P0 and P100 get
// no interval. se = (x_(k) - x_(j)) / (2 * 1.959964) when both bounds are
// known and finite, else unknown.
//
// Moments: Welford's running mean and sum of squared deviations, merged with
// Chan et al.'s formula; sd uses n - 1.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "simroi/core/constants.h"
#include "simroi/core/huge_page_allocator.h"
#include "simroi/results/results.h"

namespace simroi {

/// Running mean / variance / min / max (Welford), mergeable (Chan et al. 1979).
struct Moments {
  std::uint64_t n = 0;
  double mean = 0;
  double m2 = 0;  ///< sum of squared deviations from the mean
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  void add(double x) noexcept {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  /// The moments of `values` (two passes over them: sum, then squared deviations).
  [[nodiscard]] static Moments of(std::span<const double> values) noexcept;
  /// Append `other` (the order of merges is part of the result: merge in a fixed order).
  void merge(const Moments& other) noexcept;
  [[nodiscard]] double variance() const noexcept {
    return n > 1 ? m2 / static_cast<double>(n - 1) : 0.0;
  }
};

/// The 0-based order-statistic indices one percentile needs.
struct PercentileRanks {
  std::uint64_t below = 0;               ///< floor(h)
  std::uint64_t above = 0;               ///< min(floor(h) + 1, n - 1)
  double fraction = 0;                   ///< h - floor(h)
  std::optional<std::uint64_t> ci_low;   ///< j - 1; nullopt: no rank gives the bound
  std::optional<std::uint64_t> ci_high;  ///< k - 1; nullopt: no rank gives the bound
};
[[nodiscard]] PercentileRanks percentile_ranks(std::uint64_t n, double p);

/// Every order-statistic index the percentiles `ps` of n values need (their
/// neighbours for interpolation and their interval bounds), ascending, unique.
[[nodiscard]] std::vector<std::uint64_t> wanted_ranks(std::uint64_t n, std::span<const double> ps);

/// Combine the order statistics x_(below), x_(above), x_(ci_low), x_(ci_high)
/// (nullopt where the ranks have no such bound).
[[nodiscard]] PercentileEstimate make_percentile(double p, const PercentileRanks& ranks,
                                                 double x_below, double x_above,
                                                 std::optional<double> x_ci_low,
                                                 std::optional<double> x_ci_high) noexcept;

/// Rearrange `data` so that data[r] is the r-th smallest for every r in
/// `ranks` (sorted ascending, each < data.size()): a multi-rank nth_element,
/// O(n log k) for k ranks.
void select_ranks(std::span<double> data, std::span<const std::uint64_t> ranks);

/// The values at `ranks` (ascending, each < the total size) of the values of
/// `parts` taken together; the parts may be reordered. When the ranks lie close
/// together in many values (a rank bracket's percentile and its interval), a
/// sample picks two values that enclose them and one pass keeps only the few
/// values in between (Floyd & Rivest 1975); otherwise select_ranks.
[[nodiscard]] std::vector<double> order_statistics(std::span<const std::span<double>> parts,
                                                   std::span<const std::uint64_t> ranks);

/// Percentiles (with confidence intervals) of `data`, which is reordered.
[[nodiscard]] std::vector<PercentileEstimate> percentiles_of(std::span<double> data,
                                                             std::span<const double> ps);

/// Reusable buffers for average_ranks: allocating them afresh for every call
/// cost more in page faults than the sort itself.
struct RankScratch {
  struct Item {
    std::uint64_t key;
    std::uint32_t position;
  };
  // Megabytes each for the engine's 131,072-run sample: huge pages.
  std::vector<Item, HugePageAllocator<Item>> a, b;
};
/// Ranks 1..n with ties given their average rank.
[[nodiscard]] std::vector<double> average_ranks(std::span<const double> values);
/// The same into `ranks` (values.size() entries, which may be `values` itself).
void average_ranks(std::span<const double> values, std::span<double> ranks, RankScratch& scratch);
/// Pearson correlation of two equally long series (0 when either is constant).
[[nodiscard]] double pearson(std::span<const double> x, std::span<const double> y) noexcept;
/// Spearman rank correlation: Pearson of average ranks.
[[nodiscard]] double spearman(std::span<const double> x, std::span<const double> y);

/// A proportion k / n with its Clopper-Pearson 95 % interval and, when
/// 0 < k < n, its binomial standard error sqrt(p (1 - p) / n). n = 0: all zero.
[[nodiscard]] Probability proportion(std::uint64_t k, std::uint64_t n);

/// Replicated Latin hypercube (docs/model.md, "Latin hypercube: the error
/// between blocks"): the standard error of an estimate from its B >= 2
/// independent block estimates, sd(estimates) / sqrt(B) (sd with B - 1).
[[nodiscard]] double replicate_se(std::span<const double> estimates);

/// Runs needed in an event and outside it before a share takes the blocks'
/// interval (replicate_proportion); rarer events keep Clopper-Pearson.
inline constexpr std::uint64_t kMinReplicateEventRuns = 10;

/// Replicated Latin hypercube: k of n runs with the shares of the B >= 2
/// blocks (the smallest of `smallest_block` runs). Fewer than
/// kMinReplicateEventRuns runs in the event or outside it: proportion(k, n)
/// (Clopper-Pearson, conservative under Latin hypercube). Otherwise value
/// -/+ max(t_{0.975, B - 1} se, 1 / (4 m)), clipped to [0, 1], se =
/// replicate_se(shares), and se reported as that half-width / t. The floor:
/// when one stratified input decides the event every block shows c/m or
/// (c + 1)/m, and 20 blocks that mostly agree understate the spread; a
/// quarter step keeps that worst case's coverage >= 97 % for every true
/// share (0.2 steps: 92.7 %; exact over the Binomial(20, f) outcomes).
[[nodiscard]] Probability replicate_proportion(std::uint64_t k, std::uint64_t n,
                                               std::span<const double> block_shares,
                                               std::uint64_t smallest_block);

}  // namespace simroi
