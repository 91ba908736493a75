// Each statistic of the engine in isolation, on n synthetic ROI-like values
// (a skewed mix of a normal and a lognormal, no ties), n = 1e5, 1e6, 1e7.
// Every benchmark reports items/s, one item = one value (times months for
// the fan).
//
// Functions that reorder their input (percentiles_of, select_ranks) get a
// fresh copy of the data every iteration, made INSIDE the timed loop; the cost
// of that copy alone is BM_StatisticsCopy/n: subtract it (per month for the
// fan benchmarks) to get the statistic's own time.
//
// Run for docs/performance.md:
//   build/bench/simroi_bench --benchmark_filter=Statistics --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
// The most expensive variants (Spearman and average ranks at n = 1e7, the
// 120-month fan at n = 1e6, every fan at n = 1e7) are registered only when the
// environment variable SIMROI_BENCH_FULL=1 is set, so that the CI's brief
// `simroi_bench --benchmark_min_time=0.01` stays short; set it for the docs:
//   SIMROI_BENCH_FULL=1 build/bench/simroi_bench --benchmark_filter=Statistics ...
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "simroi/dist/distribution.h"
#include "simroi/engine/engine.h"
#include "simroi/random/random.h"
#include "simroi/results/results.h"
#include "simroi/stats/rank_brackets.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

constexpr std::int64_t k1e5 = 100'000;
constexpr std::int64_t k1e6 = 1'000'000;
constexpr std::int64_t k1e7 = 10'000'000;
// The engine's pilot (exact_quantiles.cpp, kPilotRuns).
constexpr std::size_t kPilot = std::size_t{1} << 16;

bool full() {
  const char* v = std::getenv("SIMROI_BENCH_FULL");
  return v != nullptr && std::string(v) == "1";
}

// n ROI-like values of stream `stream` (cached: generated once per process).
const std::vector<double>& values(std::int64_t n, std::uint64_t stream = 0) {
  static std::map<std::pair<std::int64_t, std::uint64_t>, std::vector<double>> cache;
  auto& v = cache[{n, stream}];
  if (v.empty()) {
    const Distribution body = Distribution::normal(40.0, 60.0);
    const Distribution tail = Distribution::lognormal_p5_p95(10.0, 400.0);
    Rng rng(2024, stream);
    v.resize(static_cast<std::size_t>(n));
    for (auto& x : v) x = body.sample(rng) + tail.sample(rng);
  }
  return v;
}

// A second series correlated with values(n) (for Spearman).
const std::vector<double>& partner(std::int64_t n) {
  static std::map<std::int64_t, std::vector<double>> cache;
  auto& y = cache[n];
  if (y.empty()) {
    const auto& x = values(n);
    const auto& noise = values(n, 1);
    y.resize(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + noise[i];
  }
  return y;
}

void set_items(benchmark::State& state, std::int64_t per_iteration) {
  state.SetItemsProcessed(state.iterations() * per_iteration);
}

// --- Baseline: the copy the reordering benchmarks make each iteration ------

void BM_StatisticsCopy(benchmark::State& state) {
  const auto& data = values(state.range(0));
  std::vector<double> work(data.size());
  for (auto _ : state) {
    std::copy(data.begin(), data.end(), work.begin());
    benchmark::DoNotOptimize(work.data());
    benchmark::ClobberMemory();
  }
  set_items(state, state.range(0));
}

// --- In-memory order statistics -------------------------------------------

// percentiles_of at the 7 default percentiles (with their CIs), copy included.
void BM_StatisticsPercentiles(benchmark::State& state) {
  const auto& data = values(state.range(0));
  std::vector<double> work(data.size());
  for (auto _ : state) {
    std::copy(data.begin(), data.end(), work.begin());
    auto p = percentiles_of(work, kDefaultPercentiles);
    benchmark::DoNotOptimize(p);
  }
  set_items(state, state.range(0));
}

// select_ranks for the ranks the 7 default percentiles need, copy included.
void BM_StatisticsSelectRanks(benchmark::State& state) {
  const auto& data = values(state.range(0));
  const auto wanted = wanted_ranks(data.size(), kDefaultPercentiles);
  std::vector<double> work(data.size());
  for (auto _ : state) {
    std::copy(data.begin(), data.end(), work.begin());
    select_ranks(work, wanted);
    benchmark::DoNotOptimize(work.data());
  }
  set_items(state, state.range(0));
  state.SetLabel(std::to_string(wanted.size()) + " ranks");
}

// --- Ranks and Spearman -----------------------------------------------------

void BM_StatisticsAverageRanks(benchmark::State& state) {
  const auto& data = values(state.range(0));
  for (auto _ : state) {
    auto r = average_ranks(data);
    benchmark::DoNotOptimize(r.data());
  }
  set_items(state, state.range(0));
}

void BM_StatisticsSpearman(benchmark::State& state) {
  const auto& x = values(state.range(0));
  const auto& y = partner(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(spearman(x, y));
  set_items(state, state.range(0));
}

// --- Streaming exact selection (rank_brackets.h) ----------------------------

// The pilot's brackets alone (pilot of 2^16 values, copied in: from_pilot
// reorders it), independent of n apart from the ranks' positions.
void BM_StatisticsBracketsFromPilot(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const auto& data = values(state.range(0));
  const std::vector<double> pilot0(data.begin(), data.begin() + kPilot);
  const auto wanted = wanted_ranks(n, kDefaultPercentiles);
  std::vector<double> pilot(kPilot);
  for (auto _ : state) {
    std::copy(pilot0.begin(), pilot0.end(), pilot.begin());
    auto b = RankBrackets::from_pilot(pilot, n, wanted);
    benchmark::DoNotOptimize(b);
  }
  set_items(state, static_cast<std::int64_t>(kPilot));
}

RankBrackets brackets_for(std::span<const double> data, std::span<const std::uint64_t> wanted) {
  std::vector<double> pilot(data.begin(), data.begin() + kPilot);
  return RankBrackets::from_pilot(pilot, data.size(), wanted);
}

// BracketTally::add over the whole stream (a fresh tally each iteration).
void BM_StatisticsTallyAdd(benchmark::State& state) {
  const auto& data = values(state.range(0));
  const auto wanted = wanted_ranks(data.size(), kDefaultPercentiles);
  const RankBrackets brackets = brackets_for(data, wanted);
  std::size_t kept = 0;
  for (auto _ : state) {
    BracketTally tally(brackets);
    tally.add(std::span<const double>(data));  // as the engine does, a column at a time
    kept = tally.kept_count();
    benchmark::DoNotOptimize(kept);
  }
  set_items(state, state.range(0));
  state.counters["kept_per_run"] = static_cast<double>(kept) / static_cast<double>(data.size());
}

// One-pass selection end to end: from_pilot + add over the stream + resolve.
void BM_StatisticsOnePass(benchmark::State& state) {
  const auto& data = values(state.range(0));
  const auto wanted = wanted_ranks(data.size(), kDefaultPercentiles);
  std::vector<double> pilot(kPilot);
  bool resolved = true;
  for (auto _ : state) {
    std::copy(data.begin(), data.begin() + kPilot, pilot.begin());
    const auto brackets = RankBrackets::from_pilot(pilot, data.size(), wanted);
    BracketTally tally(brackets);
    for (const double v : data) tally.add(v);
    auto r = tally.resolve(wanted);
    resolved = resolved && r.has_value();
    benchmark::DoNotOptimize(r);
  }
  if (!resolved) state.SkipWithError("a rank fell outside the pilot brackets");
  set_items(state, state.range(0));
}

// Two-pass selection, pass one only: BinCounter::add over the stream.
void BM_StatisticsBinCounterAdd(benchmark::State& state) {
  const auto& data = values(state.range(0));
  const auto wanted = wanted_ranks(data.size(), kDefaultPercentiles);
  std::vector<double> pilot(data.begin(), data.begin() + kPilot);
  auto brackets = RankBrackets::from_pilot(pilot, data.size(), wanted);
  std::sort(pilot.begin(), pilot.end());
  brackets.add_bins(pilot);
  for (auto _ : state) {
    BinCounter counter(brackets);
    for (const double v : data) counter.add(v);
    benchmark::DoNotOptimize(counter);
  }
  set_items(state, state.range(0));
}

// Two-pass selection end to end: from_pilot + sort pilot + add_bins, pass one
// (BinCounter::add, narrow), pass two (BracketTally::add on the narrowed
// brackets, resolve). Items: n values, each seen twice.
void BM_StatisticsTwoPass(benchmark::State& state) {
  const auto& data = values(state.range(0));
  const auto wanted = wanted_ranks(data.size(), kDefaultPercentiles);
  std::vector<double> pilot(kPilot);
  bool resolved = true;
  for (auto _ : state) {
    std::copy(data.begin(), data.begin() + kPilot, pilot.begin());
    auto brackets = RankBrackets::from_pilot(pilot, data.size(), wanted);
    std::sort(pilot.begin(), pilot.end());
    brackets.add_bins(pilot);
    BinCounter counter(brackets);
    for (const double v : data) counter.add(v);
    const auto narrowed = counter.narrow(wanted);
    if (!narrowed) {
      resolved = false;
      continue;
    }
    BracketTally tally(*narrowed);
    for (const double v : data) tally.add(v);
    auto r = tally.resolve(wanted);
    resolved = resolved && r.has_value();
    benchmark::DoNotOptimize(r);
  }
  if (!resolved) state.SkipWithError("a rank fell outside the pilot brackets");
  set_items(state, state.range(0));
}

// --- Monthly fan: percentiles 5/25/50/75/95 of H month streams --------------
// Arg 0 = months H, arg 1 = n. Month t uses one of 12 distinct streams
// (t mod 12), so memory stays at 12 n values whatever H.

const std::vector<double>& month_stream(std::int64_t n, std::int64_t t) {
  return values(n, 100 + static_cast<std::uint64_t>(t % 12));
}

// In memory: copy + percentiles_of per month (subtract H x BM_StatisticsCopy/n).
void BM_StatisticsMonthlyFan(benchmark::State& state) {
  const std::int64_t months = state.range(0);
  const std::int64_t n = state.range(1);
  for (std::int64_t t = 0; t < std::min<std::int64_t>(months, 12); ++t) month_stream(n, t);
  std::vector<double> work(static_cast<std::size_t>(n));
  for (auto _ : state) {
    for (std::int64_t t = 0; t < months; ++t) {
      const auto& data = month_stream(n, t);
      std::copy(data.begin(), data.end(), work.begin());
      auto p = percentiles_of(work, kFanPercentiles);
      benchmark::DoNotOptimize(p);
    }
  }
  set_items(state, months * n);
}

// Streaming, as the engine does above its in-memory budget: one-pass
// selection per month (from_pilot + tally + resolve).
void BM_StatisticsMonthlyFanOnePass(benchmark::State& state) {
  const std::int64_t months = state.range(0);
  const std::int64_t n = state.range(1);
  const auto wanted = wanted_ranks(static_cast<std::uint64_t>(n), kFanPercentiles);
  for (std::int64_t t = 0; t < std::min<std::int64_t>(months, 12); ++t) month_stream(n, t);
  std::vector<double> pilot(kPilot);
  bool resolved = true;
  for (auto _ : state) {
    for (std::int64_t t = 0; t < months; ++t) {
      const auto& data = month_stream(n, t);
      std::copy(data.begin(), data.begin() + kPilot, pilot.begin());
      const auto brackets = RankBrackets::from_pilot(pilot, data.size(), wanted);
      BracketTally tally(brackets);
      for (const double v : data) tally.add(v);
      auto r = tally.resolve(wanted);
      resolved = resolved && r.has_value();
      benchmark::DoNotOptimize(r);
    }
  }
  if (!resolved) state.SkipWithError("a rank fell outside the pilot brackets");
  set_items(state, months * n);
}

// --- Registration -------------------------------------------------------------

const bool kRegistered = [] {
  const bool all = full();
  auto sizes = [](benchmark::internal::Benchmark* b, bool with_1e7) {
    b->Arg(k1e5)->Arg(k1e6);
    if (with_1e7) b->Arg(k1e7);
    b->Unit(benchmark::kMillisecond);
  };
  sizes(benchmark::RegisterBenchmark("BM_StatisticsCopy", BM_StatisticsCopy), true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsPercentiles", BM_StatisticsPercentiles), true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsSelectRanks", BM_StatisticsSelectRanks), true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsAverageRanks", BM_StatisticsAverageRanks), all);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsSpearman", BM_StatisticsSpearman), all);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsBracketsFromPilot",
                                     BM_StatisticsBracketsFromPilot),
        false);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsTallyAdd", BM_StatisticsTallyAdd), true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsOnePass", BM_StatisticsOnePass), true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsBinCounterAdd", BM_StatisticsBinCounterAdd),
        true);
  sizes(benchmark::RegisterBenchmark("BM_StatisticsTwoPass", BM_StatisticsTwoPass), true);

  for (auto* b : {benchmark::RegisterBenchmark("BM_StatisticsMonthlyFan", BM_StatisticsMonthlyFan),
                  benchmark::RegisterBenchmark("BM_StatisticsMonthlyFanOnePass",
                                               BM_StatisticsMonthlyFanOnePass)}) {
    b->ArgNames({"months", "n"})->Unit(benchmark::kMillisecond);
    b->Args({12, k1e5})->Args({120, k1e5})->Args({12, k1e6});
    if (all) b->Args({120, k1e6})->Args({12, k1e7});
  }
  return true;
}();

}  // namespace
}  // namespace simroi
