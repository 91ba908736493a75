#include "simroi/engine/engine.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "simroi/core/parallel.h"
#include "simroi/model/model.h"
#include "simroi/sampling/sampler.h"
#include "simroi/stats/rank_brackets.h"
#include "simroi/stats/statistics.h"

namespace simroi {

namespace {

// Runs are processed in blocks of consecutive run indices; block partial sums
// are merged in block order, so sums never depend on threads. Blocks hold at
// least kMinBlockRuns runs and there are at most kMaxBlocks of them, so the
// partials take bounded memory whatever the run count.
constexpr std::uint64_t kMinBlockRuns = 4096;
constexpr std::uint64_t kMaxBlocks = std::uint64_t{1} << 16;
// Below this many stored values per statistic everything is kept (exact, direct).
constexpr std::uint64_t kDirectValueBudget = std::uint64_t{1} << 23;  // 64 MiB of doubles
constexpr std::uint64_t kMinDirectRuns = std::uint64_t{1} << 16;
// The pilot that locates the brackets when not everything is kept. A bracket
// holds a share of the runs proportional to 1 / sqrt(pilot); large runs
// narrow their brackets with the first eighth of the runs instead of a larger
// stored pilot (narrowing_end()), so the pilot itself stays small.
constexpr std::uint64_t kPilotRuns = std::uint64_t{1} << 16;
// Spearman sensitivities use the first runs only (their error is reported).
constexpr std::uint64_t kSensitivityRuns = std::uint64_t{1} << 17;
// Runs simulated before their values go to the tallies, a column per stream
// (16 streams x 128 runs x 8 bytes = 16 KiB at 12 months: stays in L1).
constexpr std::size_t kChunkRuns = 128;

// Above this many bytes of kept values (or this many per run), the one-pass
// selection gives way to two passes that keep only the wanted bins.
constexpr double kOnePassBudgetBytes = 256.0 * (1 << 20);
constexpr double kOnePassBytesPerRun = 24.0;

// The streams whose order statistics are wanted, in this order, then K_1..K_H.
enum Stream : std::size_t { kRoi, kNet, kNpv, kPayback, kFirstMonth };

struct BlockPartial {
  Moments roi, net, npv;
  std::uint64_t roi_below_zero = 0;
  std::uint64_t censored = 0;
  std::array<std::uint64_t, 4> within{};  // payback <= threshold
};

std::vector<PercentileEstimate> estimates(std::uint64_t n, std::span<const double> ps,
                                          std::span<const std::uint64_t> wanted,
                                          std::span<const double> values) {
  auto at = [&](std::uint64_t rank) {
    const auto it = std::lower_bound(wanted.begin(), wanted.end(), rank);
    return values[static_cast<std::size_t>(it - wanted.begin())];
  };
  std::vector<PercentileEstimate> out;
  for (const double p : ps) {
    const auto r = percentile_ranks(n, p);
    out.push_back(make_percentile(p, r, at(r.below), at(r.above), at(r.ci_low), at(r.ci_high)));
  }
  return out;
}

MetricSummary summarise(const Moments& m, std::vector<PercentileEstimate> percentiles) {
  MetricSummary s;
  s.mean = m.mean;
  s.sd = std::sqrt(m.variance());
  s.mean_se = m.n > 0 ? s.sd / std::sqrt(static_cast<double>(m.n)) : 0.0;
  s.min = m.min;
  s.max = m.max;
  s.percentiles = std::move(percentiles);
  return s;
}

/// One simulation: the state shared by the passes over the runs.
class Simulation {
 public:
  Simulation(const Scenario& scenario, const RunOptions& options)
      : scenario_(scenario),
        options_(options),
        runs_(options.runs.value_or(scenario.simulation.runs)),
        seed_(options.seed.value_or(scenario.simulation.seed)),
        timeline_(make_timeline(scenario)),
        sampler_(scenario, seed_, runs_),
        horizon_(scenario.horizon_months),
        streams_(kFirstMonth + static_cast<std::size_t>(horizon_)),
        thresholds_{3, 6, 12, horizon_} {
    if (runs_ == 0) throw std::invalid_argument("the number of runs must be at least 1");
    for (const double p : options.percentiles) {
      if (!(p >= 0.0 && p <= 100.0))
        throw std::invalid_argument("percentiles must lie in [0, 100]");
    }
    block_runs_ = std::max(kMinBlockRuns, (runs_ + kMaxBlocks - 1) / kMaxBlocks);
    blocks_.resize(static_cast<std::size_t>((runs_ + block_runs_ - 1) / block_runs_));
    sensitivity_runs_ = std::min(runs_, kSensitivityRuns);
    const auto& uncertain = sampler_.uncertain();
    sens_.resize((uncertain.size() + 1) * static_cast<std::size_t>(sensitivity_runs_));
    const std::uint64_t direct_runs =
        std::max(kMinDirectRuns, kDirectValueBudget / static_cast<std::uint64_t>(streams_));
    const std::uint64_t pilot =
        options.pilot_runs > 0 ? options.pilot_runs : std::min(kPilotRuns, direct_runs);
    const bool keep_all = options.selection == Selection::all_kept ||
                          (options.selection == Selection::automatic && runs_ <= direct_runs);
    pilot_runs_ =
        keep_all ? runs_ : std::min(runs_, (pilot + block_runs_ - 1) / block_runs_ * block_runs_);
    for (std::size_t s = 0; s < streams_; ++s) {
      wanted_.push_back(wanted_ranks(runs_, s < kFirstMonth
                                                ? std::span<const double>(options.percentiles)
                                                : std::span<const double>(kFanPercentiles)));
    }
  }

  /// Runs on the caller's task arena (run_simulation), like the constructor.
  SimulationResults run() {
    std::vector<std::vector<double>> order_stats(streams_);
    pilot_pass();
    if (pilot_runs_ == runs_) {
      // Every value is kept: select the wanted ranks directly.
      parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
        auto values = pilot_stream(s);
        select_ranks(values, wanted_[s]);
        for (const auto r : wanted_[s])
          order_stats[s].push_back(values[static_cast<std::size_t>(r)]);
      });
    } else {
      order_stats = bracketed_passes();
    }
    rank_sensitivity_sample();
    return assemble(order_stats);
  }

 private:
  std::span<double> sens_column(std::size_t j) {
    return {sens_.data() + j * sensitivity_runs_, static_cast<std::size_t>(sensitivity_runs_)};
  }
  std::span<const double> sens_column(std::size_t j) const {
    return {sens_.data() + j * sensitivity_runs_, static_cast<std::size_t>(sensitivity_runs_)};
  }

  /// Replace every column of the sensitivity sample by its average ranks.
  void rank_sensitivity_sample() {
    tbb::enumerable_thread_specific<RankScratch> scratch;
    parallel_for_index(std::size_t{0}, sampler_.uncertain().size() + 1, [&](std::size_t j) {
      average_ranks(sens_column(j), sens_column(j), scratch.local());
    });
  }

  std::span<double> pilot_stream(std::size_t s) {
    return {pilot_.data() + s * pilot_runs_, static_cast<std::size_t>(pilot_runs_)};
  }

  void check_cancel() const {
    if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
      throw InterruptedError();
    }
  }

  /// Simulate runs [begin, end) of one block. The runs go in chunks of
  /// kChunkRuns: each run's values are written into one column per stream,
  /// then sink(first_run, stream, column) takes a whole column at a time, so a
  /// tally places many values of one stream in a row. The first time a run is
  /// simulated (`first_time`) it also feeds the block's partial sums and the
  /// sensitivity sample.
  template <typename Sink>
  void simulate_block(std::uint64_t begin, std::uint64_t end, Sink& sink, bool first_time) {
    BlockPartial partial;
    InputValues x{};
    std::array<double, kMaxHorizonMonths> cumulative{};
    const std::span<double> months(cumulative.data(), static_cast<std::size_t>(horizon_));
    const auto& uncertain = sampler_.uncertain();
    std::vector<double> columns(streams_ * kChunkRuns);
    for (std::uint64_t first = begin; first < end; first += kChunkRuns) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkRuns, end - first));
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t run = first + i;
        sampler_.draw(run, x);
        const RunOutcome out = simulate(timeline_, x, months);
        if (!std::isfinite(out.roi_pct) || !std::isfinite(out.net_profit) ||
            !std::isfinite(out.npv)) {
          throw std::runtime_error("run " + std::to_string(run) +
                                   " produced a non-finite result; are some inputs "
                                   "astronomically large?");
        }
        columns[kRoi * kChunkRuns + i] = out.roi_pct;
        columns[kNet * kChunkRuns + i] = out.net_profit;
        columns[kNpv * kChunkRuns + i] = out.npv;
        columns[kPayback * kChunkRuns + i] = out.payback;
        for (std::size_t t = 0; t < months.size(); ++t)
          columns[(kFirstMonth + t) * kChunkRuns + i] = months[t];
        if (first_time && run < sensitivity_runs_) {
          const auto r = static_cast<std::size_t>(run);
          for (std::size_t j = 0; j < uncertain.size(); ++j)
            sens_column(j)[r] = x[index(uncertain[j])];
          sens_column(uncertain.size())[r] = out.roi_pct;
        }
      }
      auto column = [&](std::size_t s) -> std::span<const double> {
        return {columns.data() + s * kChunkRuns, n};
      };
      for (std::size_t s = 0; s < streams_; ++s) sink(first, s, column(s));
      if (!first_time) continue;
      partial.roi.merge(Moments::of(column(kRoi)));
      partial.net.merge(Moments::of(column(kNet)));
      partial.npv.merge(Moments::of(column(kNpv)));
      for (const double roi : column(kRoi)) partial.roi_below_zero += roi < 0.0 ? 1 : 0;
      for (const double payback : column(kPayback)) {
        partial.censored += std::isinf(payback) ? 1 : 0;
        for (std::size_t i = 0; i < thresholds_.size(); ++i) {
          partial.within[i] += payback <= thresholds_[i] ? 1 : 0;
        }
      }
    }
    if (first_time) blocks_[static_cast<std::size_t>(begin / block_runs_)] = partial;
  }

  /// Simulate runs [begin, end) in parallel blocks; make_sink() gives each
  /// block its sink (called on the thread that simulates the block).
  template <typename MakeSink>
  void for_blocks(std::uint64_t begin, std::uint64_t end, MakeSink&& make_sink, bool first_time) {
    const std::uint64_t first_block = begin / block_runs_;
    const std::uint64_t last_block = (end + block_runs_ - 1) / block_runs_;
    parallel_for_range(
        tbb::blocked_range<std::uint64_t>(first_block, last_block, 1),
        [&](const tbb::blocked_range<std::uint64_t>& range) {
          for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
            check_cancel();
            auto sink = make_sink();
            simulate_block(std::max(begin, b * block_runs_), std::min(end, (b + 1) * block_runs_),
                           sink, first_time);
          }
        },
        tbb::simple_partitioner());
  }

  void pilot_pass() {
    pilot_.resize(streams_ * static_cast<std::size_t>(pilot_runs_));
    // Each run writes its own slots: nothing is shared between threads.
    auto make_sink = [this] {
      return [this](std::uint64_t first, std::size_t s, std::span<const double> column) {
        std::copy(column.begin(), column.end(),
                  pilot_.begin() + static_cast<std::ptrdiff_t>(s * pilot_runs_ + first));
      };
    };
    for_blocks(0, pilot_runs_, make_sink, true);
  }

  // Exact selection when not every value is kept (see rank_brackets.h).
  std::vector<std::vector<double>> bracketed_passes();
  template <typename Tally>
  std::vector<Tally> tally_pass(const std::vector<RankBrackets>& brackets,
                                const std::vector<char>& active, bool first_time, std::uint64_t end,
                                std::vector<Tally> carried = {});
  std::uint64_t narrowing_end() const;
  std::vector<std::optional<std::vector<double>>> keep_pass(
      const std::vector<RankBrackets>& brackets, const std::vector<char>& active, bool first_time);
  std::vector<std::optional<std::vector<double>>> count_then_keep(
      const std::vector<RankBrackets>& binned, const std::vector<char>& active, bool first_time);
  void sort_pilot();
  SimulationResults assemble(const std::vector<std::vector<double>>& order_stats) const;

  const Scenario& scenario_;
  const RunOptions& options_;
  std::uint64_t runs_;
  std::uint64_t seed_;
  Timeline timeline_;
  InputSampler sampler_;
  int horizon_;
  std::size_t streams_;
  std::array<int, 4> thresholds_;
  std::uint64_t block_runs_ = kMinBlockRuns;
  std::uint64_t pilot_runs_ = 0;
  std::uint64_t sensitivity_runs_ = 0;
  std::vector<std::vector<std::uint64_t>> wanted_;
  LargeBuffer pilot_;  // stream-major: pilot_[s * pilot_runs_ + run]
  bool pilot_sorted_ = false;
  Selection selection_ = Selection::all_kept;
  int replays_ = 0;                     // passes that simulated runs a second time
  std::vector<RankBrackets> narrowed_;  // brackets of the runs after narrowing_end()
  std::vector<BlockPartial> blocks_;
  // The sensitivity sample, a column per uncertain input then ROI; replaced
  // by their ranks before the results are assembled.
  LargeBuffer sens_;
};

}  // namespace

}  // namespace simroi

namespace simroi {
namespace {

std::vector<std::vector<double>> Simulation::bracketed_passes() {
  std::vector<RankBrackets> brackets(streams_);
  parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
    brackets[s] =
        RankBrackets::from_pilot(pilot_stream(s), runs_, wanted_[s], options_.pilot_sigmas);
  });
  // One pass keeps every value inside a bracket; when that would exceed the
  // memory budget, count first and keep only the wanted bins in a replay.
  // Kept values: the pilot's share of the runs up to narrowing_end(), and for
  // the rest a share smaller by sqrt(pilot / narrowing_end()).
  const auto narrow_at = static_cast<double>(narrowing_end());
  const double after = static_cast<double>(runs_) - narrow_at;
  const double runs_kept =
      narrow_at + after * std::sqrt(static_cast<double>(pilot_runs_) / narrow_at);
  double kept_values = 0.0;
  for (const auto& b : brackets) kept_values += b.kept_fraction() * runs_kept;
  const double budget =
      std::min(kOnePassBudgetBytes, kOnePassBytesPerRun * static_cast<double>(runs_));
  selection_ = options_.selection != Selection::automatic ? options_.selection
               : kept_values * sizeof(double) <= budget   ? Selection::one_pass
                                                          : Selection::two_pass;
  const std::vector<char> all(streams_, 1);
  std::vector<std::optional<std::vector<double>>> found;
  if (selection_ == Selection::one_pass) {
    found = keep_pass(brackets, all, /*first_time=*/true);
  } else {
    sort_pilot();
    for (std::size_t s = 0; s < streams_; ++s) brackets[s].add_bins(pilot_stream(s));
    found = count_then_keep(brackets, all, /*first_time=*/true);
  }

  std::vector<char> missed(streams_, 0);
  for (std::size_t s = 0; s < streams_; ++s) missed[s] = found[s].has_value() ? 0 : 1;
  if (std::find(missed.begin(), missed.end(), 1) != missed.end()) {
    // A pilot bracket missed (a 6-sigma event): select those streams again
    // over their whole range, binned at the pilot. Slower, never inexact.
    sort_pilot();
    std::vector<RankBrackets> whole(streams_, RankBrackets::everything());
    for (std::size_t s = 0; s < streams_; ++s) {
      if (missed[s] != 0) whole[s] = RankBrackets::whole_range(pilot_stream(s));
    }
    auto again = count_then_keep(whole, missed, /*first_time=*/false);
    for (std::size_t s = 0; s < streams_; ++s) {
      if (missed[s] != 0) found[s] = std::move(again[s]);
    }
  }
  std::vector<std::vector<double>> order_stats(streams_);
  for (std::size_t s = 0; s < streams_; ++s) order_stats[s] = std::move(found[s]).value();
  return order_stats;
}

// Tally runs of the pass that ends at `end`: without `carried`, runs
// [pilot_runs_, end) plus the pilot's values (part of the sample, kept rather
// than simulated again); with `carried` (tallies of runs [0, begin) against the
// same brackets), runs [begin, end) where begin = narrowing_end().
template <typename Tally>
std::vector<Tally> Simulation::tally_pass(const std::vector<RankBrackets>& brackets,
                                          const std::vector<char>& active, bool first_time,
                                          std::uint64_t end, std::vector<Tally> carried) {
  auto make = [&] {
    std::vector<Tally> t;
    t.reserve(streams_);
    for (const auto& b : brackets) t.emplace_back(b);
    return t;
  };
  const std::uint64_t begin = carried.empty() ? pilot_runs_ : narrowing_end();
  // Every worker reserves room for the values its share of the pass may
  // keep, in one huge-page arena (bump_arena.h), so that its buffers are
  // neither reallocated nor faulted in page by page while the pass runs. A
  // worker simulates about 1/threads of the runs; the reservation allows a
  // quarter more, and a bracket that still outgrows it continues in ordinary
  // memory.
  const double threads = tbb::this_task_arena::max_concurrency();
  const double share = static_cast<double>(end - begin) * std::min(1.0, 1.25 / threads);
  tbb::enumerable_thread_specific<std::vector<Tally>> local([&] {
    auto t = make();
    if constexpr (std::is_same_v<Tally, BracketTally>) BracketTally::reserve_together(t, share);
    return t;
  });
  auto make_sink = [&local, &active] {
    std::vector<Tally>& mine = local.local();
    return [&mine, &active](std::uint64_t, std::size_t s, std::span<const double> column) {
      if (active[s] != 0) mine[s].add(column);
    };
  };
  for_blocks(begin, end, make_sink, first_time);
  if (!first_time) ++replays_;

  // Merge per stream, in parallel: the other workers' tallies and the
  // carried ones, or the pilot's values, join the first worker's.
  std::vector<std::vector<Tally>*> workers;
  for (auto& t : local) workers.push_back(&t);
  std::vector<Tally> total = workers.empty() ? make() : std::move(*workers.front());
  parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
    if (active[s] == 0) return;
    for (std::size_t w = 1; w < workers.size(); ++w) total[s].merge(std::move((*workers[w])[s]));
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
// runs keep about sqrt(m) times fewer values.
std::uint64_t Simulation::narrowing_end() const {
  const std::uint64_t eighth = (runs_ / 8 + block_runs_ - 1) / block_runs_ * block_runs_;
  return eighth >= 4 * pilot_runs_ && eighth < runs_ ? eighth : runs_;
}

std::vector<std::optional<std::vector<double>>> Simulation::keep_pass(
    const std::vector<RankBrackets>& brackets, const std::vector<char>& active, bool first_time) {
  // On the first pass over the runs, narrow the brackets part way through.
  const std::uint64_t narrow_at = first_time ? narrowing_end() : runs_;
  auto tallies = tally_pass<BracketTally>(brackets, active, first_time, narrow_at);
  if (narrow_at < runs_) {
    narrowed_ = brackets;
    parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
      if (active[s] == 0) return;
      auto narrow =
          RankBrackets::from_tally(tallies[s], narrow_at, runs_, wanted_[s], options_.pilot_sigmas);
      if (!narrow) return;  // keep the pilot's brackets for this stream
      narrowed_[s] = std::move(*narrow);
      if (auto moved = tallies[s].rebracket(narrowed_[s])) {
        tallies[s] = std::move(*moved);
      } else {
        narrowed_[s] = brackets[s];
      }
    });
    tallies = tally_pass<BracketTally>(narrowed_, active, first_time, runs_, std::move(tallies));
  }
  std::vector<std::optional<std::vector<double>>> found(streams_);
  parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
    if (active[s] != 0) found[s] = tallies[s].resolve(wanted_[s]);
  });
  return found;
}

std::vector<std::optional<std::vector<double>>> Simulation::count_then_keep(
    const std::vector<RankBrackets>& binned, const std::vector<char>& active, bool first_time) {
  const auto counts = tally_pass<BinCounter>(binned, active, first_time, runs_);
  std::vector<RankBrackets> narrowed(streams_, RankBrackets::everything());
  std::vector<char> located(streams_, 0);
  for (std::size_t s = 0; s < streams_; ++s) {
    if (active[s] == 0) continue;
    if (auto n = counts[s].narrow(wanted_[s])) {
      narrowed[s] = std::move(*n);
      located[s] = 1;
    }
  }
  return keep_pass(narrowed, located, /*first_time=*/false);
}

void Simulation::sort_pilot() {
  if (pilot_sorted_) return;
  parallel_for_index(std::size_t{0}, streams_, [&](std::size_t s) {
    auto p = pilot_stream(s);
    std::sort(p.begin(), p.end());
  });
  pilot_sorted_ = true;
}

SimulationResults Simulation::assemble(const std::vector<std::vector<double>>& order_stats) const {
  SimulationResults r;
  r.scenario_name = scenario_.name;
  r.business = scenario_.business;
  r.file = scenario_.file;
  r.currency = scenario_.currency;
  r.runs = runs_;
  r.seed = seed_;
  r.horizon_months = horizon_;
  r.percentiles = options_.percentiles;

  // Block partials in block order: the same sums whatever the thread count.
  BlockPartial total;
  for (const auto& b : blocks_) {
    total.roi.merge(b.roi);
    total.net.merge(b.net);
    total.npv.merge(b.npv);
    total.roi_below_zero += b.roi_below_zero;
    total.censored += b.censored;
    for (std::size_t i = 0; i < total.within.size(); ++i) total.within[i] += b.within[i];
  }
  const auto& ps = options_.percentiles;
  r.roi_pct = summarise(total.roi, estimates(runs_, ps, wanted_[kRoi], order_stats[kRoi]));
  r.net_profit = summarise(total.net, estimates(runs_, ps, wanted_[kNet], order_stats[kNet]));
  r.npv = summarise(total.npv, estimates(runs_, ps, wanted_[kNpv], order_stats[kNpv]));
  r.prob_roi_below_zero = proportion(total.roi_below_zero, runs_);

  r.payback.percentiles = estimates(runs_, ps, wanted_[kPayback], order_stats[kPayback]);
  for (std::size_t i = 0; i < thresholds_.size(); ++i) {
    const int months = thresholds_[i];
    const bool seen = std::any_of(r.payback.within.begin(), r.payback.within.end(),
                                  [&](const auto& w) { return w.months == months; });
    if (seen) continue;
    PaybackSummary::Within w;
    w.months = months;
    if (months <= horizon_) w.probability = proportion(total.within[i], runs_);
    r.payback.within.push_back(w);
  }
  r.payback.never_within_horizon = proportion(total.censored, runs_);

  for (int t = 1; t <= horizon_; ++t) {
    const std::size_t s = kFirstMonth + static_cast<std::size_t>(t - 1);
    r.monthly.push_back({t, estimates(runs_, kFanPercentiles, wanted_[s], order_stats[s])});
  }

  // Sensitivity: Spearman of each uncertain input with ROI on the first runs.
  const auto& uncertain = sampler_.uncertain();
  const auto roi_ranks = sens_column(uncertain.size());
  auto input_ranks = [&](std::size_t j) { return sens_column(j); };
  const double m = static_cast<double>(sensitivity_runs_);
  for (std::size_t j = 0; j < uncertain.size(); ++j) {
    Sensitivity sens;
    sens.input = uncertain[j];
    sens.spearman = pearson(input_ranks(j), roi_ranks);
    sens.se = m > 3 ? (1.0 - sens.spearman * sens.spearman) / std::sqrt(m - 3.0) : 0.0;
    r.sensitivity.push_back(sens);
  }
  std::stable_sort(r.sensitivity.begin(), r.sensitivity.end(), [](const auto& a, const auto& b) {
    return std::abs(a.spearman) > std::abs(b.spearman);
  });
  auto position = [&](Input id) {
    return static_cast<std::size_t>(std::find(uncertain.begin(), uncertain.end(), id) -
                                    uncertain.begin());
  };
  for (const auto& c : scenario_.correlations) {
    r.correlations.push_back(
        {c.a, c.b, c.rho, pearson(input_ranks(position(c.a)), input_ranks(position(c.b)))});
  }

  r.method.sampling = scenario_.simulation.sampling;
  r.method.percentile_method = "exact";
  r.method.selection = selection_ == Selection::all_kept   ? "all_kept"
                       : selection_ == Selection::one_pass ? "one_pass"
                                                           : "two_pass";
  r.method.passes = 1 + replays_;
  r.method.sensitivity_runs = sensitivity_runs_;
  return r;
}

}  // namespace

SimulationResults run_simulation(const Scenario& scenario, const RunOptions& options) {
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  // The arena sets the concurrency of this simulation, from building the
  // sampler's tables to the last statistic; global_control lets it exceed the
  // core count when asked (e.g. --threads 8 on 2 cores).
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(std::max(threads, 1)));
  tbb::task_arena arena(threads);
  return arena.execute([&] {
    Simulation simulation(scenario, options);
    return simulation.run();
  });
}

}  // namespace simroi
