#pragma once
// Exact percentiles of some quantities over a range of runs, in memory that
// does not grow with the run count (docs/model.md, "Exact percentiles without
// keeping every run"): a PassDriver (collector.h) that asks a RunSource for the
// passes it needs.
//
// The strategy, for n runs of a range and the order statistics each request
// needs (the ranks around each percentile and of its confidence bounds,
// statistics.h):
//   all_kept  when n x (quantities) fits 2^23 values (64 MiB): one pass keeps
//             every value, the ranks are selected directly;
//   one_pass  a pilot (the first 2^16 runs of the range, every value kept)
//             locates brackets (rank_brackets.h); the rest of the runs are
//             counted below each bracket and kept inside it. From 2^21 runs on,
//             the first eighth of the runs is tallied first, and its own exact
//             order statistics locate narrower brackets for the other seven
//             eighths;
//   two_pass  when one pass would keep more than 24 bytes a run (or 256 MiB):
//             the pilot's values cut the brackets into bins; a pass counts runs
//             per bin, a replay keeps only the bins that hold a wanted rank.
// A rank that fell outside its bracket (a six-sigma event) is noticed, and that
// quantity is selected again over its whole range by replaying the runs: the
// answer is never approximate. Replays rely on the source: run i's values
// depend only on the seed and i.
//
// Riders see every run once, in the first pass over it; every pass ends at a
// block boundary (RunSource::block_runs()), so per-block riders get the same
// blocks as one pass over the range would. Kept values and counts are
// order-free: nothing depends on the thread count.
#include <cstdint>
#include <span>
#include <vector>

#include "simroi/results/results.h"
#include "simroi/stats/collector.h"

namespace simroi {

/// How exact percentiles are found (docs/model.md, "Exact percentiles").
enum class Selection : std::uint8_t {
  automatic,  ///< chosen from the run count and the number of quantities (the default)
  all_kept,   ///< keep every value (memory: 8 bytes per run per quantity)
  one_pass,   ///< pilot brackets, keep values inside them
  two_pass,   ///< pilot brackets cut into bins: count, then keep the wanted bins
};

/// The name reports print: "all_kept", "one_pass", "two_pass" ("automatic").
[[nodiscard]] const char* selection_name(Selection selection) noexcept;

/// Percentiles (in [0, 100]) of one quantity.
struct QuantileRequest {
  Quantity quantity = Quantity::roi_pct;
  std::vector<double> percentiles;
};

struct ExactQuantileOptions {
  Selection selection = Selection::automatic;
  /// Half-width of a pilot bracket in binomial standard deviations. Smaller
  /// values provoke the exact fallback (tests).
  double pilot_sigmas = 6.0;
  /// Pilot runs (0: 2^16, fewer when every value fits the direct budget). A
  /// small pilot makes the narrowing of large runs testable at small ones.
  std::uint64_t pilot_runs = 0;
};

class ExactQuantiles final : public PassDriver {
 public:
  /// Throws std::invalid_argument for a percentile outside [0, 100].
  explicit ExactQuantiles(std::vector<QuantileRequest> requests, ExactQuantileOptions options = {});
  ~ExactQuantiles() override;
  ExactQuantiles(ExactQuantiles&&) noexcept;
  ExactQuantiles& operator=(ExactQuantiles&&) noexcept;

  /// Find the order statistics of `runs` (not empty) of `source`. Call it on
  /// the source's task arena (Simulator::run does).
  void drive(RunSource& source, RunRange runs, std::span<Collector* const> riders) override;

  /// The percentiles of request `i`, in its order, with their confidence
  /// intervals (statistics.h, make_percentile). Empty before drive().
  [[nodiscard]] std::vector<PercentileEstimate> percentiles(std::size_t i) const;
  [[nodiscard]] const std::vector<QuantileRequest>& requests() const noexcept { return requests_; }
  /// The runs of the last drive().
  [[nodiscard]] std::uint64_t runs() const noexcept { return n_; }
  /// How they were found, and how many times the runs were simulated
  /// (1 + replays), in the last drive().
  [[nodiscard]] Selection selection() const noexcept { return selection_; }
  [[nodiscard]] int passes() const noexcept { return passes_; }

 private:
  struct Drive;  // the state of one drive() (exact_quantiles.cpp)

  std::vector<QuantileRequest> requests_;
  ExactQuantileOptions options_;
  std::uint64_t n_ = 0;
  Selection selection_ = Selection::all_kept;
  int passes_ = 0;
  std::vector<std::vector<std::uint64_t>> wanted_;  // per request: ranks, ascending
  std::vector<std::vector<double>> order_stats_;    // per request: values at wanted_
};

}  // namespace simroi
