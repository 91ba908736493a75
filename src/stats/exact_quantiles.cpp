#include "simroi/stats/exact_quantiles.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "simroi/core/huge_page_allocator.h"
#include "simroi/core/parallel.h"
#include "simroi/stats/rank_brackets.h"
#include "simroi/stats/statistics.h"

namespace simroi {

namespace {

// Below this many stored values per quantity everything is kept (exact, direct).
constexpr std::uint64_t kDirectValueBudget = std::uint64_t{1} << 23;  // 64 MiB of doubles
constexpr std::uint64_t kMinDirectRuns = std::uint64_t{1} << 16;
// The pilot that locates the brackets when not everything is kept. A bracket
// holds a share of the runs proportional to 1 / sqrt(pilot); large runs
// narrow their brackets with the first eighth of the runs instead of a larger
// stored pilot (narrowing_end()), so the pilot itself stays small.
constexpr std::uint64_t kPilotRuns = std::uint64_t{1} << 16;
// Above this many bytes of kept values (or this many per run), the one-pass
// selection gives way to two passes that keep only the wanted bins.
constexpr double kOnePassBudgetBytes = 256.0 * (1 << 20);
constexpr double kOnePassBytesPerRun = 24.0;

constexpr std::uint64_t align_up(std::uint64_t run, std::uint64_t block) noexcept {
  return (run + block - 1) / block * block;
}

std::vector<PercentileEstimate> estimates(std::uint64_t n, std::span<const double> ps,
                                          std::span<const std::uint64_t> wanted,
                                          std::span<const double> values) {
  auto at = [&](std::uint64_t rank) {
    const auto it = std::lower_bound(wanted.begin(), wanted.end(), rank);
    return values[static_cast<std::size_t>(it - wanted.begin())];
  };
  auto bound = [&](std::optional<std::uint64_t> rank) -> std::optional<double> {
    if (!rank) return std::nullopt;
    return at(*rank);
  };
  std::vector<PercentileEstimate> out;
  for (const double p : ps) {
    const auto r = percentile_ranks(n, p);
    out.push_back(
        make_percentile(p, r, at(r.below), at(r.above), bound(r.ci_low), bound(r.ci_high)));
  }
  return out;
}

/// The pilot: every value of the requested quantities in runs [begin, end),
/// stream-major (values[s * m + run - begin], m = end - begin). Shared: each
/// run writes its own slots.
class PilotStore final : public CollectorOf<PilotStore, Collector::Sharing::shared> {
 public:
  PilotStore(std::span<const Quantity> quantities, RunRange runs, double* values)
      : quantities_(quantities), runs_(runs), values_(values) {}

  [[nodiscard]] PilotStore empty() const { return *this; }  // the same slots
  void add(const RunChunk& chunk) override {
    const auto m = static_cast<std::size_t>(runs_.size());
    const auto at = static_cast<std::size_t>(chunk.first_run - runs_.begin);
    for (std::size_t s = 0; s < quantities_.size(); ++s) {
      const auto column = chunk.column(quantities_[s]);
      std::copy(column.begin(), column.end(), values_ + s * m + at);
    }
  }
  void merge(PilotStore& /*other*/) {}  // its values are already in place

 private:
  std::span<const Quantity> quantities_;
  RunRange runs_;
  double* values_;
};

/// A tally (BracketTally or BinCounter) per requested quantity, against fixed
/// brackets; only the `active` quantities are fed. Per worker: order-free.
template <typename Tally>
class TallyCollector final
    : public CollectorOf<TallyCollector<Tally>, Collector::Sharing::per_worker> {
 public:
  /// `reserve`: values a worker's BracketTallies reserve room for, in all.
  TallyCollector(std::span<const Quantity> quantities, const std::vector<RankBrackets>& brackets,
                 const std::vector<char>& active, double reserve)
      : quantities_(quantities), brackets_(&brackets), active_(&active), reserve_(reserve) {}

  [[nodiscard]] TallyCollector empty() const {
    TallyCollector part(quantities_, *brackets_, *active_, reserve_);
    part.tallies_ = make();
    // Every worker reserves room for the values its share of the pass may
    // keep, in one huge-page arena (bump_arena.h), so that its buffers are
    // neither reallocated nor faulted in page by page while the pass runs.
    if constexpr (std::is_same_v<Tally, BracketTally>) {
      BracketTally::reserve_together(part.tallies_, reserve_);
    }
    return part;
  }
  void add(const RunChunk& chunk) override {
    for (std::size_t s = 0; s < quantities_.size(); ++s) {
      if ((*active_)[s] != 0) tallies_[s].add(chunk.column(quantities_[s]));
    }
  }
  void merge(TallyCollector& other) {
    Collector* const part = &other;
    merge_parts(std::span<Collector* const>(&part, 1));
  }
  /// The first worker's tallies become the total; the others join it, a
  /// quantity at a time, in parallel.
  void merge_parts(std::span<Collector* const> parts) override {
    std::vector<std::vector<Tally>*> workers;
    for (Collector* part : parts) {
      auto* same = dynamic_cast<TallyCollector*>(part);
      if (same == nullptr) throw std::invalid_argument("merge of collectors of different kinds");
      workers.push_back(&same->tallies_);
    }
    if (workers.empty()) return;
    std::size_t first = 0;
    if (tallies_.empty()) tallies_ = std::move(*workers[first++]);
    parallel_for_index(std::size_t{0}, quantities_.size(), [&](std::size_t s) {
      if ((*active_)[s] == 0) return;
      for (std::size_t w = first; w < workers.size(); ++w) {
        tallies_[s].merge(std::move((*workers[w])[s]));
      }
    });
  }
  /// The tallies (fresh ones when no run was added).
  [[nodiscard]] std::vector<Tally> take() {
    if (tallies_.empty()) return make();
    return std::move(tallies_);
  }

 private:
  [[nodiscard]] std::vector<Tally> make() const {
    std::vector<Tally> t;
    t.reserve(brackets_->size());
    for (const auto& b : *brackets_) t.emplace_back(b);
    return t;
  }

  std::span<const Quantity> quantities_;
  const std::vector<RankBrackets>* brackets_;
  const std::vector<char>* active_;
  double reserve_ = 0.0;
  std::vector<Tally> tallies_;
};

}  // namespace

const char* selection_name(Selection selection) noexcept {
  switch (selection) {
    case Selection::automatic:
      return "automatic";
    case Selection::all_kept:
      return "all_kept";
    case Selection::one_pass:
      return "one_pass";
    case Selection::two_pass:
      return "two_pass";
  }
  return "automatic";
}

/// One drive(): the state shared by the passes over the runs.
struct ExactQuantiles::Drive {
  Drive(ExactQuantiles& owner, RunSource& source, RunRange range,
        std::span<Collector* const> riders)
      : q(owner),
        source(source),
        range(range),
        riders(riders),
        n(range.size()),
        streams(owner.requests_.size()),
        block(source.block_runs()) {
    for (const auto& r : owner.requests_) quantities.push_back(r.quantity);
    const std::uint64_t direct_runs =
        std::max(kMinDirectRuns, kDirectValueBudget / static_cast<std::uint64_t>(streams));
    const ExactQuantileOptions& options = owner.options_;
    const std::uint64_t pilot =
        options.pilot_runs > 0 ? options.pilot_runs : std::min(kPilotRuns, direct_runs);
    const bool keep_all = options.selection == Selection::all_kept ||
                          (options.selection == Selection::automatic && n <= direct_runs);
    pilot_end = keep_all ? range.end : std::min(range.end, align_up(range.begin + pilot, block));
    pilot_runs = pilot_end - range.begin;
  }

  void run();
  /// Simulate `runs` for `collector`, and for the riders when `first_time`.
  void pass(RunRange runs, Collector& collector, bool first_time) {
    std::vector<Collector*> list{&collector};
    if (first_time) list.insert(list.end(), riders.begin(), riders.end());
    source.pass(runs, list);
  }
  std::span<double> pilot_stream(std::size_t s) {
    return {pilot.data() + s * pilot_runs, static_cast<std::size_t>(pilot_runs)};
  }
  void pilot_pass();
  std::vector<std::vector<double>> bracketed_passes();
  template <typename Tally>
  std::vector<Tally> tally_pass(const std::vector<RankBrackets>& brackets,
                                const std::vector<char>& active, bool first_time, std::uint64_t end,
                                std::vector<Tally> carried = {});
  [[nodiscard]] std::uint64_t narrowing_end() const;
  std::vector<std::optional<std::vector<double>>> keep_pass(
      const std::vector<RankBrackets>& brackets, const std::vector<char>& active, bool first_time);
  std::vector<std::optional<std::vector<double>>> count_then_keep(
      const std::vector<RankBrackets>& binned, const std::vector<char>& active, bool first_time);
  void sort_pilot();

  ExactQuantiles& q;
  RunSource& source;
  RunRange range;
  std::span<Collector* const> riders;
  std::uint64_t n;
  std::size_t streams;
  std::uint64_t block;
  std::vector<Quantity> quantities;
  std::uint64_t pilot_end = 0;   // run index: the pilot is [range.begin, pilot_end)
  std::uint64_t pilot_runs = 0;  // pilot_end - range.begin
  LargeBuffer pilot;             // stream-major: pilot[s * pilot_runs + run - range.begin]
  bool pilot_sorted = false;
  Selection selection = Selection::all_kept;
  int replays = 0;                     // passes that simulated runs a second time
  std::vector<RankBrackets> narrowed;  // brackets of the runs after narrowing_end()
};

ExactQuantiles::ExactQuantiles(std::vector<QuantileRequest> requests, ExactQuantileOptions options)
    : requests_(std::move(requests)), options_(options) {
  for (const auto& r : requests_) {
    for (const double p : r.percentiles) {
      if (!(p >= 0.0 && p <= 100.0)) {
        throw std::invalid_argument("percentiles must lie in [0, 100]");
      }
    }
  }
}

ExactQuantiles::~ExactQuantiles() = default;
ExactQuantiles::ExactQuantiles(ExactQuantiles&&) noexcept = default;
ExactQuantiles& ExactQuantiles::operator=(ExactQuantiles&&) noexcept = default;

void ExactQuantiles::drive(RunSource& source, RunRange runs, std::span<Collector* const> riders) {
  if (runs.empty()) throw std::invalid_argument("exact quantiles of no runs");
  n_ = runs.size();
  wanted_.clear();
  order_stats_.clear();
  for (const auto& r : requests_) wanted_.push_back(wanted_ranks(n_, r.percentiles));
  if (requests_.empty()) {  // nothing to select: one pass for the riders
    source.expect_runs(n_);
    if (!riders.empty()) source.pass(runs, riders);
    selection_ = Selection::all_kept;
    passes_ = 1;
    return;
  }
  Drive drive(*this, source, runs, riders);
  drive.run();
}

std::vector<PercentileEstimate> ExactQuantiles::percentiles(std::size_t i) const {
  if (i >= requests_.size()) throw std::out_of_range("ExactQuantiles: no such request");
  if (order_stats_.size() != requests_.size()) return {};
  return estimates(n_, requests_[i].percentiles, wanted_[i], order_stats_[i]);
}

void ExactQuantiles::Drive::run() {
  source.expect_runs(n);  // the first pass over every run
  std::vector<std::vector<double>> order_stats(streams);
  pilot_pass();
  if (pilot_runs == n) {
    // Every value is kept: select the wanted ranks directly.
    parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
      auto values = pilot_stream(s);
      select_ranks(values, q.wanted_[s]);
      for (const auto r : q.wanted_[s]) {
        order_stats[s].push_back(values[static_cast<std::size_t>(r)]);
      }
    });
  } else {
    order_stats = bracketed_passes();
  }
  q.order_stats_ = std::move(order_stats);
  q.selection_ = selection;
  q.passes_ = 1 + replays;
}

void ExactQuantiles::Drive::pilot_pass() {
  pilot.resize(streams * static_cast<std::size_t>(pilot_runs));
  PilotStore store(quantities, {range.begin, pilot_end}, pilot.data());
  pass({range.begin, pilot_end}, store, /*first_time=*/true);
}

std::vector<std::vector<double>> ExactQuantiles::Drive::bracketed_passes() {
  const ExactQuantileOptions& options = q.options_;
  std::vector<RankBrackets> brackets(streams);
  parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
    brackets[s] = RankBrackets::from_pilot(pilot_stream(s), n, q.wanted_[s], options.pilot_sigmas);
  });
  // One pass keeps every value inside a bracket; when that would exceed the
  // memory budget, count first and keep only the wanted bins in a replay.
  // Kept values: the pilot's share of the runs up to narrowing_end(), and for
  // the rest a share smaller by sqrt(pilot / narrowing_end()).
  const auto narrow_at = static_cast<double>(narrowing_end() - range.begin);
  const double after = static_cast<double>(n) - narrow_at;
  const double runs_kept =
      narrow_at + after * std::sqrt(static_cast<double>(pilot_runs) / narrow_at);
  double kept_values = 0.0;
  for (const auto& b : brackets) kept_values += b.kept_fraction() * runs_kept;
  const double budget = std::min(kOnePassBudgetBytes, kOnePassBytesPerRun * static_cast<double>(n));
  selection = options.selection != Selection::automatic ? options.selection
              : kept_values * sizeof(double) <= budget  ? Selection::one_pass
                                                        : Selection::two_pass;
  const std::vector<char> all(streams, 1);
  std::vector<std::optional<std::vector<double>>> found;
  if (selection == Selection::one_pass) {
    found = keep_pass(brackets, all, /*first_time=*/true);
  } else {
    sort_pilot();
    for (std::size_t s = 0; s < streams; ++s) brackets[s].add_bins(pilot_stream(s));
    found = count_then_keep(brackets, all, /*first_time=*/true);
  }

  std::vector<char> missed(streams, 0);
  for (std::size_t s = 0; s < streams; ++s) missed[s] = found[s].has_value() ? 0 : 1;
  if (std::find(missed.begin(), missed.end(), 1) != missed.end()) {
    // A pilot bracket missed (a 6-sigma event): select those streams again
    // over their whole range, binned at the pilot. Slower, never inexact.
    sort_pilot();
    std::vector<RankBrackets> whole(streams, RankBrackets::everything());
    for (std::size_t s = 0; s < streams; ++s) {
      if (missed[s] != 0) whole[s] = RankBrackets::whole_range(pilot_stream(s));
    }
    auto again = count_then_keep(whole, missed, /*first_time=*/false);
    for (std::size_t s = 0; s < streams; ++s) {
      if (missed[s] != 0) found[s] = std::move(again[s]);
    }
  }
  std::vector<std::vector<double>> order_stats(streams);
  for (std::size_t s = 0; s < streams; ++s) order_stats[s] = std::move(found[s]).value();
  return order_stats;
}

// Tally runs of the pass that ends at `end`: without `carried`, runs
// [pilot_end, end) plus the pilot's values (part of the sample, kept rather
// than simulated again); with `carried` (tallies of runs before `begin`
// against the same brackets), runs [begin, end) where begin = narrowing_end().
template <typename Tally>
std::vector<Tally> ExactQuantiles::Drive::tally_pass(const std::vector<RankBrackets>& brackets,
                                                     const std::vector<char>& active,
                                                     bool first_time, std::uint64_t end,
                                                     std::vector<Tally> carried) {
  const std::uint64_t begin = carried.empty() ? pilot_end : narrowing_end();
  // A worker simulates about 1/threads of the runs; its reservation allows a
  // quarter more, and a bracket that still outgrows it continues in ordinary
  // memory.
  const double threads = tbb::this_task_arena::max_concurrency();
  const double share = static_cast<double>(end - begin) * std::min(1.0, 1.25 / threads);
  TallyCollector<Tally> tallies(quantities, brackets, active, share);
  if (!first_time) {
    source.expect_runs(end - begin);
    ++replays;
  }
  pass({begin, end}, tallies, first_time);
  std::vector<Tally> total = tallies.take();
  // The pilot's values, or the carried tallies, join the workers' ones.
  parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
    if (active[s] == 0) return;
    if (carried.empty()) {
      total[s].add(pilot_stream(s));
    } else {
      total[s].merge(std::move(carried[s]));
    }
  });
  return total;
}

// Runs whose tally locates narrower brackets before the rest of the pass: an
// eighth of them, when that is at least four pilots (else the pilot's
// brackets serve the whole pass). Their exact order statistics are a pilot
// m times larger (m >= 4; 19 at 10^7 runs), so the brackets of the remaining
// runs keep about sqrt(m) times fewer values. A run index on the block grid.
std::uint64_t ExactQuantiles::Drive::narrowing_end() const {
  const std::uint64_t eighth_end = align_up(range.begin + n / 8, block);
  return eighth_end - range.begin >= 4 * pilot_runs && eighth_end < range.end ? eighth_end
                                                                              : range.end;
}

std::vector<std::optional<std::vector<double>>> ExactQuantiles::Drive::keep_pass(
    const std::vector<RankBrackets>& brackets, const std::vector<char>& active, bool first_time) {
  const double sigmas = q.options_.pilot_sigmas;
  // On the first pass over the runs, narrow the brackets part way through.
  const std::uint64_t narrow_at = first_time ? narrowing_end() : range.end;
  auto tallies = tally_pass<BracketTally>(brackets, active, first_time, narrow_at);
  if (narrow_at < range.end) {
    narrowed = brackets;
    const std::uint64_t tallied = narrow_at - range.begin;
    parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
      if (active[s] == 0) return;
      auto narrow = RankBrackets::from_tally(tallies[s], tallied, n, q.wanted_[s], sigmas);
      if (!narrow) return;  // keep the pilot's brackets for this stream
      narrowed[s] = std::move(*narrow);
      if (auto moved = tallies[s].rebracket(narrowed[s])) {
        tallies[s] = std::move(*moved);
      } else {
        narrowed[s] = brackets[s];
      }
    });
    tallies = tally_pass<BracketTally>(narrowed, active, first_time, range.end, std::move(tallies));
  }
  std::vector<std::optional<std::vector<double>>> found(streams);
  parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
    if (active[s] != 0) found[s] = tallies[s].resolve(q.wanted_[s]);
  });
  return found;
}

std::vector<std::optional<std::vector<double>>> ExactQuantiles::Drive::count_then_keep(
    const std::vector<RankBrackets>& binned, const std::vector<char>& active, bool first_time) {
  const auto counts = tally_pass<BinCounter>(binned, active, first_time, range.end);
  std::vector<RankBrackets> narrow(streams, RankBrackets::everything());
  std::vector<char> located(streams, 0);
  for (std::size_t s = 0; s < streams; ++s) {
    if (active[s] == 0) continue;
    if (auto b = counts[s].narrow(q.wanted_[s])) {
      narrow[s] = std::move(*b);
      located[s] = 1;
    }
  }
  return keep_pass(narrow, located, /*first_time=*/false);
}

void ExactQuantiles::Drive::sort_pilot() {
  if (pilot_sorted) return;
  parallel_for_index(std::size_t{0}, streams, [&](std::size_t s) {
    auto p = pilot_stream(s);
    std::sort(p.begin(), p.end());
  });
  pilot_sorted = true;
}

}  // namespace simroi
