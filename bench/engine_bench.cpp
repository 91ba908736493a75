// The model of one run and the whole engine on the salon scenario.
//
//   BM_ModelRun, BM_ModelWalkOnly   one run (draw + walk) and the walk alone
//   BM_EngineSalon/runs/threads     run_simulation, runs 1e5, 1e6, 1e7 x threads 1, 2
//   BM_EngineHorizon/months         salon at horizon_months = 1, 12, 36, 60, 120
//                                   (ramp-up clamped to H), 1e6 runs, 2 threads
// The engine benchmarks are in milliseconds of wall time (UseRealTime) and label
// each result with the selection mode the engine chose and its passes over the
// runs (MethodNotes::selection, passes), e.g. "one_pass, 1 pass".
//
// Run for docs/performance.md:
//   SIMROI_BENCH_FULL=1 build/bench/simroi_bench --benchmark_filter='Model|Engine'
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// BM_EngineSalon at 1e7 runs (10-20 s per iteration) is registered only when the
// environment variable SIMROI_BENCH_FULL=1 is set, so that the CI's brief
// `simroi_bench --benchmark_min_time=0.01` stays short.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

#include "simroi/engine/engine.h"
#include "simroi/model/model.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

const Scenario& salon() {
  static const Scenario s = load_scenario(std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml");
  return s;
}

// One run of the salon model: draw the inputs, walk the months.
void BM_ModelRun(benchmark::State& state) {
  const Scenario& s = salon();
  const InputSampler sampler(s, 42, 1'000'000);
  const Timeline timeline = make_timeline(s);
  std::array<double, kMaxHorizonMonths> months{};
  InputValues x{};
  std::uint64_t run = 0;
  for (auto _ : state) {
    sampler.draw(run++, x);
    const auto out =
        simulate(timeline, x, {months.data(), static_cast<std::size_t>(s.horizon_months)});
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_ModelRun);

// Only the month walk, inputs fixed.
void BM_ModelWalkOnly(benchmark::State& state) {
  const Scenario& s = salon();
  const InputSampler sampler(s, 42, 1);
  const Timeline timeline = make_timeline(s);
  InputValues x{};
  sampler.draw(0, x);
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);
    const auto out = simulate(timeline, x);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_ModelWalkOnly);

bool full() {
  const char* v = std::getenv("SIMROI_BENCH_FULL");
  return v != nullptr && std::string(v) == "1";
}

// run_simulation of `s` with `runs` and `threads`; items = runs; the label
// names the selection mode and the passes the engine used.
void engine_bench(benchmark::State& state, const Scenario& s, std::int64_t runs, int threads) {
  RunOptions options;
  options.runs = static_cast<std::uint64_t>(runs);
  options.threads = threads;
  std::string label;
  for (auto _ : state) {
    auto r = run_simulation(s, options);
    benchmark::DoNotOptimize(r);
    label = r.method.selection + ", " + std::to_string(r.method.passes) +
            (r.method.passes == 1 ? " pass" : " passes");
  }
  state.SetItemsProcessed(state.iterations() * runs);
  state.SetLabel(label);
}

// The whole simulation with every statistic: arg 0 = runs, arg 1 = threads.
void BM_EngineSalon(benchmark::State& state) {
  engine_bench(state, salon(), state.range(0), static_cast<int>(state.range(1)));
}

// The salon scenario over H months (arg 0), seasonality unchanged, ramp-up
// clamped to H: 1e6 runs on 2 threads.
void BM_EngineHorizon(benchmark::State& state) {
  Scenario s = salon();
  s.horizon_months = static_cast<int>(state.range(0));
  s.ramp_up_months = std::min(s.ramp_up_months, s.horizon_months);
  engine_bench(state, s, 1'000'000, 2);
}

const bool kEngineRegistered = [] {
  auto* salon_bench = benchmark::RegisterBenchmark("BM_EngineSalon", BM_EngineSalon);
  salon_bench->Args({100'000, 1})->Args({100'000, 2})->Args({1'000'000, 1})->Args({1'000'000, 2});
  if (full()) salon_bench->Args({10'000'000, 1})->Args({10'000'000, 2});
  salon_bench->Unit(benchmark::kMillisecond)->UseRealTime();

  benchmark::RegisterBenchmark("BM_EngineHorizon", BM_EngineHorizon)
      ->ArgName("months")
      ->Arg(1)
      ->Arg(12)
      ->Arg(36)
      ->Arg(60)
      ->Arg(120)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  return true;
}();

}  // namespace
}  // namespace simroi
