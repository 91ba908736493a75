// The model of one run and the whole engine on the salon scenario.
//
//   BM_ModelRun, BM_ModelWalkOnly   one run (draw + walk) and the walk alone
//   BM_EngineSalon/runs/threads     run_simulation, runs 1e5, 1e6, 1e7 x threads 1, 2
//   BM_EngineHorizon/months         salon at horizon_months = 1, 12, 36, 60, 120
//                                   (ramp-up clamped to H), 1e6 runs, 2 threads
//   BM_SimulatorLoop/runs           one simulation of the full report on a Simulator
//                                   prepared once (a new seed each iteration: no
//                                   table is rebuilt), 1e4 runs, 2 threads
//   BM_FreshRunSimulation/runs      the same simulation by run_simulation, which
//                                   prepares a Simulator every time
//   BM_SimulatorLoopMeanOnly/runs   a prepared Simulator asked only for mean ROI
//                                   and P(ROI < 0) (what a goal seek needs)
// The loop benchmarks are in microseconds of wall time: their difference is the
// per-simulation overhead a prepared Simulator saves.
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
#include "simroi/engine/simulator.h"
#include "simroi/model/model.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/collectors.h"

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

SimulatorOptions loop_options(std::int64_t runs) {
  SimulatorOptions o;
  o.runs = static_cast<std::uint64_t>(runs);
  o.threads = 2;
  return o;
}

void BM_SimulatorLoop(benchmark::State& state) {
  Simulator sim(salon(), loop_options(state.range(0)));
  const ReportOptions report;
  std::uint64_t seed = 0;
  for (auto _ : state) {
    sim.set_seed(++seed);
    auto r = run_simulation(sim, report);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_FreshRunSimulation(benchmark::State& state) {
  RunOptions options;
  options.runs = static_cast<std::uint64_t>(state.range(0));
  options.threads = 2;
  std::uint64_t seed = 0;
  for (auto _ : state) {
    options.seed = ++seed;
    auto r = run_simulation(salon(), options);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SimulatorLoopMeanOnly(benchmark::State& state) {
  Simulator sim(salon(), loop_options(state.range(0)));
  std::uint64_t seed = 0;
  for (auto _ : state) {
    sim.set_seed(++seed);
    RunMoments roi({Quantity::roi_pct});
    EventCounts loss({{Quantity::roi_pct, RunEvent::Test::below, 0.0}});
    sim.run(sim.all_runs(), {&roi, &loss});
    benchmark::DoNotOptimize(roi.moments(0).mean);
    benchmark::DoNotOptimize(loss.count(0));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

const bool kEngineRegistered = [] {
  for (auto* loop :
       {benchmark::RegisterBenchmark("BM_SimulatorLoop", BM_SimulatorLoop),
        benchmark::RegisterBenchmark("BM_FreshRunSimulation", BM_FreshRunSimulation),
        benchmark::RegisterBenchmark("BM_SimulatorLoopMeanOnly", BM_SimulatorLoopMeanOnly)}) {
    loop->Arg(10'000)->Unit(benchmark::kMicrosecond)->UseRealTime();
  }

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
