#pragma once
// The seam between the engine, which simulates runs, and the statistics that
// summarise them.
//
// The engine (engine/simulator.h, a RunSource) simulates runs in blocks of
// consecutive run indices on several threads, and shows every run to each
// Collector of a request, a RunChunk of up to kChunkRuns runs at a time: one
// column of values per Quantity (model.h), and the runs' drawn inputs when the
// collector asks for them. A collector states how its partial results combine
// (Collector::Sharing), which is what keeps every result independent of the
// thread count:
//   per_block   the engine makes an empty partial (empty_copy) for every block
//               of runs and merges the partials in block order: for sums of
//               doubles, whose bits depend on the order of the additions;
//   per_worker  a partial per worker thread, merged in whatever order: for
//               statistics that do not depend on the order (counts, kept values);
//   shared      the collector itself, from every thread at once: it writes each
//               run's values into a place of that run's own (a slot by run index).
//
// Statistics that need more than one look at the runs -- exact percentiles
// (exact_quantiles.h) locate brackets with a pilot, then count and keep values
// in one or two passes -- are PassDrivers: they ask the RunSource for the
// passes they need, and show every run of the range exactly once, in the first
// pass that covers it, to the collectors riding along. Run i's values depend
// only on the seed and i, so any pass can be repeated (a replay), and a range
// can be split into parts simulated apart -- even by different processes --
// whose collectors merge into those of the whole range.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>

#include "simroi/core/inputs.h"
#include "simroi/model/model.h"

namespace simroi {

/// Runs a chunk holds at most: 128 runs x 16 quantities x 8 bytes = 16 KiB at 12
/// months, so a chunk's columns stay in the L1 cache while collectors read them.
inline constexpr std::size_t kChunkRuns = 128;

/// Run indices [begin, end).
struct RunRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;

  [[nodiscard]] constexpr std::uint64_t size() const noexcept {
    return end > begin ? end - begin : 0;
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return end <= begin; }
  [[nodiscard]] constexpr bool contains(std::uint64_t run) const noexcept {
    return run >= begin && run < end;
  }
  friend constexpr bool operator==(const RunRange&, const RunRange&) = default;
};

/// Up to kChunkRuns consecutive runs: first_run, first_run + 1, ...
struct RunChunk {
  std::uint64_t first_run = 0;
  std::size_t runs = 0;        ///< 1..kChunkRuns
  std::size_t quantities = 0;  ///< quantity_count(H)
  /// Quantity-major: values[column(q) * kChunkRuns + i] is q of run first_run + i.
  const double* values = nullptr;
  /// inputs[i]: the drawn inputs of run first_run + i. Only set when a
  /// collector of the pass wants_inputs() for this chunk; else null.
  const InputValues* inputs = nullptr;

  /// The values of `q` in these runs (`q` < quantities).
  [[nodiscard]] std::span<const double> column(Quantity q) const noexcept {
    return {values + simroi::column(q) * kChunkRuns, runs};
  }
};

class Collector {
 public:
  enum class Sharing : std::uint8_t { per_block, per_worker, shared };

  virtual ~Collector() = default;

  [[nodiscard]] virtual Sharing sharing() const noexcept = 0;
  /// Whether add() needs the inputs of runs [begin, end) (RunChunk::inputs).
  [[nodiscard]] virtual bool wants_inputs(std::uint64_t /*begin*/,
                                          std::uint64_t /*end*/) const noexcept {
    return false;
  }
  /// An empty collector of the same statistic, with the same settings: the
  /// engine's partial for a block (per_block) or a worker (per_worker).
  [[nodiscard]] virtual std::unique_ptr<Collector> empty_copy() const = 0;
  /// Take one chunk of runs. Per-block partials see the chunks of their block in
  /// run order; per-worker partials see whole blocks in any order.
  virtual void add(const RunChunk& chunk) = 0;
  /// Fold `parts` (made by empty_copy() of this collector, or collectors built
  /// alike, and filled) into this one. For per_block collectors the parts are in
  /// run order and hold runs after every run already merged.
  virtual void merge_parts(std::span<Collector* const> parts) = 0;

 protected:
  Collector() = default;
  Collector(const Collector&) = default;
  Collector(Collector&&) = default;
  Collector& operator=(const Collector&) = default;
  Collector& operator=(Collector&&) = default;
};

/// The boilerplate of a collector class `Derived` with a fixed sharing: it
/// provides `Derived empty() const` (an empty one with the same settings) and
/// `void merge(Derived& later)` (fold another part in).
template <typename Derived, Collector::Sharing kSharing>
class CollectorOf : public Collector {
 public:
  [[nodiscard]] Sharing sharing() const noexcept final { return kSharing; }
  [[nodiscard]] std::unique_ptr<Collector> empty_copy() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this).empty());
  }
  void merge_parts(std::span<Collector* const> parts) override {
    for (Collector* part : parts) {
      auto* same = dynamic_cast<Derived*>(part);
      if (same == nullptr) throw std::invalid_argument("merge of collectors of different kinds");
      static_cast<Derived&>(*this).merge(*same);
    }
  }
};

/// What a statistic may ask of the engine: passes over runs. Implemented by
/// Simulator; a PassDriver receives it in drive(), on the simulator's threads.
class RunSource {
 public:
  /// Simulate runs `runs` and show every run to each of `collectors` (in
  /// parallel; see Collector::Sharing). Run i's values depend only on the seed
  /// and i: a pass repeated over the same runs shows the same values.
  /// Throws InterruptedError (engine/simulator.h) when cancelled, and
  /// std::runtime_error when a run's result is not finite.
  virtual void pass(RunRange runs, std::span<Collector* const> collectors) = 0;
  /// Columns of every chunk: quantity_count(H).
  [[nodiscard]] virtual std::size_t quantities() const noexcept = 0;
  /// Runs of a block (blocks start at multiples of it, from run 0). A driver
  /// that ends its passes at block boundaries shows its per-block riders the
  /// same blocks as a single pass would, so their sums keep the same bits.
  [[nodiscard]] virtual std::uint64_t block_runs() const noexcept = 0;
  /// Announce `runs` more runs to simulate (the progress callback's denominator):
  /// a driver announces its passes as it decides them.
  virtual void expect_runs(std::uint64_t runs) noexcept = 0;

 protected:
  ~RunSource() = default;
};

/// A statistic that looks at the runs more than once (exact_quantiles.h).
class PassDriver {
 public:
  virtual ~PassDriver() = default;
  /// Compute the statistic over `runs` of `source` with the passes it needs,
  /// showing every run of `runs` exactly once, in the first pass that covers
  /// it, to each of `riders`.
  virtual void drive(RunSource& source, RunRange runs, std::span<Collector* const> riders) = 0;
};

}  // namespace simroi
