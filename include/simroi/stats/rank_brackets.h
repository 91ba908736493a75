#pragma once
// Exact order statistics of a long stream of values in memory that does not
// grow with the length of the stream.
//
// A pilot sample (the first runs) locates, for each wanted rank r of the full
// stream of n values, a bracket [lo, hi] that contains the r-th smallest value
// with overwhelming probability: the pilot's order statistics at fraction
// r / (n - 1) -+ (z sqrt(q (1 - q) / m) + 2 / m), z = 6. Two ways to finish:
//
//  * one pass (BracketTally): count the values below each bracket and keep
//    those inside. With c values below a bracket and its kept values sorted,
//    ranks c, c + 1, ... are exact. Memory: the kept values, about
//    n * (total bracket width), e.g. ~1 % of n per percentile at m = 65,536.
//
//  * two passes (BinCounter, then BracketTally): the pilot values inside each
//    bracket cut it into bins; pass one only counts values per bin, which
//    locates the bin of every wanted rank exactly; pass two replays the runs
//    and keeps only those bins (about n / m values each). Memory no longer
//    grows with n beyond n / m per wanted rank.
//
// A rank that fell outside every bracket (a 6-sigma event) is reported, never
// guessed: the engine then selects that stream again over the whole range
// (`whole_range`), which is exact whatever the data. Kept values and counts
// are order-free, so nothing depends on the thread count.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "simroi/core/bump_arena.h"
#include "simroi/stats/slot_locator.h"

namespace simroi {

class BracketTally;

class RankBrackets {
 public:
  struct Interval {
    double lo;
    double hi;
    double pilot_fraction = 1.0;  ///< share of the pilot inside [lo, hi]
    std::vector<double> edges;    ///< bin upper edges (two-pass mode); last == hi
  };

  /// One bracket covering every value, without bins: keeps all n values.
  static RankBrackets everything();
  /// One bracket covering every value, binned at the pilot's values (two-pass
  /// mode over the whole range). `sorted_pilot` must be sorted ascending.
  static RankBrackets whole_range(std::span<const double> sorted_pilot);
  /// Brackets for `wanted` ranks (ascending, < n) of a stream of n values,
  /// located with `pilot` (reordered by this call).
  static RankBrackets from_pilot(std::span<double> pilot, std::uint64_t n,
                                 std::span<const std::uint64_t> wanted,
                                 double sigmas = kDefaultPilotSigmas);
  /// Brackets for the same ranks, located with the first m values of the
  /// stream as held by `tally` (its exact order statistics, so the pilot is m
  /// values without storing them); nullopt when a needed rank fell outside
  /// `tally`'s brackets.
  static std::optional<RankBrackets> from_tally(BracketTally& tally, std::uint64_t m,
                                                std::uint64_t n,
                                                std::span<const std::uint64_t> wanted,
                                                double sigmas = kDefaultPilotSigmas);
  /// Half-width of a bracket in binomial standard deviations of the pilot.
  static constexpr double kDefaultPilotSigmas = 6.0;

  /// Pilot ranks bounding a wanted rank; -1 and m stand for an open end.
  struct PilotRange {
    std::int64_t lo, hi;
  };

  /// Cut every bracket into bins at the pilot values inside it (for BinCounter).
  /// `sorted_pilot` is the same pilot, sorted ascending.
  void add_bins(std::span<const double> sorted_pilot);

  [[nodiscard]] const std::vector<Interval>& intervals() const noexcept { return intervals_; }
  /// Expected share of the stream that a one-pass tally would keep.
  [[nodiscard]] double kept_fraction() const noexcept;

 private:
  friend class BinCounter;
  static RankBrackets from_ranges(std::span<const PilotRange> ranges, std::uint64_t m,
                                  std::span<const std::uint64_t> ends,
                                  std::span<const double> values);
  std::vector<Interval> intervals_;  // disjoint, ascending
};

/// One pass: the tally of one stream against its brackets (one per thread, then merged).
class BracketTally {
 public:
  explicit BracketTally(const RankBrackets& brackets);

  void add(double value) {
    // Slot 2b: the gap just below bracket b (2k: above them all); slot 2b + 1:
    // inside bracket b. Gaps and single-value brackets only count.
    // The guide holds only the slots that count (gaps, single-value brackets).
    if (const std::size_t slot = locator_.guided(value); slot != SlotLocator::kUnguided) {
      ++counts_[slot];
      return;
    }
    add_exactly(value);
  }
  void add(std::span<const double> values) {
    // A batch at a time: the guide's slots first (vectorised), then counts
    // without a branch, then the few values the guide left to add_exactly().
    // Most values of a column fall in the same gap, and one counter per slot
    // would make each increment wait for the store of the one before; four
    // partial counters, one per value mod 4, are summed afterwards instead.
    constexpr std::size_t kBatch = 256;
    std::array<std::uint8_t, kBatch> slots;
    std::array<std::uint8_t, kBatch> unguided;  // batch positions with kUnguided
    std::array<std::array<std::uint32_t, 4>, SlotLocator::kUnguided + 1> partial;
    const std::size_t guided_slots = std::min(counts_.size(), SlotLocator::kUnguided);
    while (!values.empty()) {
      const auto batch = values.first(std::min(values.size(), kBatch));
      locator_.guided(batch, slots.data());
      for (std::size_t j = 0; j < guided_slots; ++j) partial[j] = {};
      partial[SlotLocator::kUnguided] = {};
      std::size_t n_unguided = 0;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        ++partial[slots[i]][i % 4];
        unguided[n_unguided] = static_cast<std::uint8_t>(i);
        n_unguided += slots[i] == SlotLocator::kUnguided ? 1 : 0;
      }
      for (std::size_t j = 0; j < guided_slots; ++j) {
        counts_[j] += (partial[j][0] + partial[j][1]) + (partial[j][2] + partial[j][3]);
      }
      for (std::size_t k = 0; k < n_unguided; ++k) add_exactly(batch[unguided[k]]);
      values = values.subspan(batch.size());
    }
  }
  /// Add another tally of the same brackets (order-free).
  void merge(BracketTally&& other);
  /// Reserve room in each of `tallies` (one worker's) for the values a stream
  /// of `values` is expected to keep there, all in one huge-page arena.
  static void reserve_together(std::span<BracketTally> tallies, double values);

  /// The wanted order statistics (ascending ranks), or nullopt when a rank
  /// fell outside every bracket. Reorders the kept values.
  [[nodiscard]] std::optional<std::vector<double>> resolve(std::span<const std::uint64_t> wanted);

  /// The same values tallied against `narrower` brackets (located with
  /// from_tally): kept values are placed again, and every gap's count moves
  /// to the one gap of `narrower` that holds it. nullopt when a gap would fall
  /// inside a new bracket (its values were counted, not kept).
  [[nodiscard]] std::optional<BracketTally> rebracket(const RankBrackets& narrower) const;

  /// Values kept inside brackets (memory use of the tally).
  [[nodiscard]] std::size_t kept_count() const noexcept;

 private:
  void add_exactly(double value) {
    const std::size_t slot = locator_.count(value);
    if (keeps_[slot] != 0) {
      kept_[slot >> 1].push_back(value);
    } else {
      ++counts_[slot];
    }
  }

  void reserve(double values, const std::shared_ptr<BumpArena>& arena);
  [[nodiscard]] std::size_t reserve_count(std::size_t bracket, double values) const noexcept;

  const RankBrackets* brackets_;
  std::vector<std::uint64_t> counts_;  // per slot: values counted, not kept
  std::vector<std::uint8_t> keeps_;    // per slot: 1 inside a bracket with lo < hi
  SlotLocator locator_;                // bounds lo_0, hi_0, lo_1, hi_1, ...
  std::vector<KeptBuffer> kept_;       // values inside bracket b
  // Values other tallies kept inside bracket b, moved here by merge(): resolve()
  // gathers them only for the brackets that hold a wanted rank.
  std::vector<std::vector<KeptBuffer>> merged_;
};

/// Two passes, pass one: counts per bin of binned brackets (RankBrackets::add_bins).
class BinCounter {
 public:
  explicit BinCounter(const RankBrackets& brackets);

  void add(double value) noexcept;
  void add(std::span<const double> values) noexcept {
    for (const double v : values) add(v);
  }
  void merge(const BinCounter& other) noexcept;

  /// Brackets for pass two: for every wanted rank, the one bin that holds it
  /// (adjacent bins merged). nullopt when a rank fell outside every bracket.
  [[nodiscard]] std::optional<RankBrackets> narrow(std::span<const std::uint64_t> wanted) const;

 private:
  const RankBrackets* brackets_;
  std::vector<std::uint64_t> below_;  // gap just below bracket b
  // Bracket b, bin j: values in the open interval (edge[j-1], edge[j]) and,
  // apart, values equal to edge[j] -- so that a heavy tie (every censored
  // payback is +inf) is counted in a point bin and never kept in pass two.
  std::vector<std::vector<std::uint64_t>> open_;
  std::vector<std::vector<std::uint64_t>> at_edge_;
};

}  // namespace simroi
