#pragma once
// Exact order statistics of a long stream of values in memory that grows with
// the width of a few brackets, not with the length of the stream.
//
// A pilot sample (the first runs) locates, for each wanted rank r of the full
// stream of n values, a bracket [lo, hi] that contains the r-th smallest value
// with overwhelming probability: the pilot's order statistics at fraction
// r / (n - 1) -+ (z sqrt(q (1 - q) / m) + 2 / m), z = 6. The main pass then
// only counts values below each bracket and keeps those inside. Afterwards,
// for a bracket with c values below it and k values kept, ranks c..c+k-1 are
// exact: they are the kept values in order. A rank the brackets missed (a
// 6-sigma event) is reported as not covered, and the engine recomputes that
// statistic with a single all-covering bracket: the answer is always exact.
//
// Kept values are a multiset: the order in which threads add them does not
// matter, so the result does not depend on the thread count.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace simroi {

class RankBrackets {
 public:
  struct Interval {
    double lo;
    double hi;
  };

  /// One bracket covering every value: the exact fallback (keeps all n values).
  static RankBrackets everything();
  /// Brackets for `wanted` ranks (ascending, < n) of a stream of n values,
  /// located with `pilot` (reordered by this call).
  static RankBrackets from_pilot(std::span<double> pilot, std::uint64_t n,
                                 std::span<const std::uint64_t> wanted);

  [[nodiscard]] const std::vector<Interval>& intervals() const noexcept { return intervals_; }

 private:
  std::vector<Interval> intervals_;  // disjoint, ascending
};

/// The tally of one stream against its brackets (one per thread, then merged).
class BracketTally {
 public:
  explicit BracketTally(const RankBrackets& brackets);

  void add(double value) {
    const auto& iv = brackets_->intervals();
    for (std::size_t b = 0; b < iv.size(); ++b) {
      if (value <= iv[b].hi) {
        if (value < iv[b].lo) {
          ++below_[b];
        } else {
          kept_[b].push_back(value);
        }
        return;
      }
    }
  }
  /// Add another tally of the same brackets (order-free).
  void merge(BracketTally&& other);

  /// The wanted order statistics (ascending ranks), or nullopt when a rank
  /// fell outside every bracket. Reorders the kept values.
  [[nodiscard]] std::optional<std::vector<double>> resolve(std::span<const std::uint64_t> wanted);

  /// Values kept inside brackets (memory use of the tally).
  [[nodiscard]] std::size_t kept_count() const noexcept;

 private:
  const RankBrackets* brackets_;
  std::vector<std::uint64_t> below_;       // values in the gap just below bracket b
  std::vector<std::vector<double>> kept_;  // values inside bracket b
};

}  // namespace simroi
