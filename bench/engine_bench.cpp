// The model of one run and the whole engine on the salon scenario.
//
//   build/bench/simroi_bench --benchmark_filter='Model|Engine' --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <array>
#include <string>

#include "simroi/engine.h"
#include "simroi/model.h"
#include "simroi/sampler.h"
#include "simroi/scenario.h"

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
  const Timeline timeline(s);
  std::array<double, kMaxHorizonMonths> months{};
  InputValues x{};
  std::uint64_t run = 0;
  for (auto _ : state) {
    sampler.draw(run++, x);
    const auto out = simulate(timeline, x, {months.data(), static_cast<std::size_t>(s.horizon_months)});
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_ModelRun);

// Only the month walk, inputs fixed.
void BM_ModelWalkOnly(benchmark::State& state) {
  const Scenario& s = salon();
  const InputSampler sampler(s, 42, 1);
  const Timeline timeline(s);
  InputValues x{};
  sampler.draw(0, x);
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);
    const auto out = simulate(timeline, x);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_ModelWalkOnly);

// The whole simulation with every statistic: arg 0 = runs, arg 1 = threads.
void BM_EngineSalon(benchmark::State& state) {
  const Scenario& s = salon();
  RunOptions options;
  options.runs = static_cast<std::uint64_t>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    auto r = run_simulation(s, options);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EngineSalon)
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Args({1'000'000, 1})
    ->Args({1'000'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace simroi
