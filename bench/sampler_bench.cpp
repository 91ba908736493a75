// Drawing one run's inputs (InputSampler::draw) for the salon scenario three
// ways, and the normal-score map the copula evaluates per correlated input.
//
//   BM_SamplerDraw/salon               as written: 2 rank correlations (copula,
//                                      normal-score maps), Monte Carlo
//   BM_SamplerDraw/salon_independent   the same with `correlations` cleared
//   BM_SamplerDraw/salon_latin_hypercube  simulation.sampling = latin_hypercube
//                                      (Feistel strata, exact quantiles)
//   BM_NormalScoreMapPert              G(y) by the map's table, pert(1200, 1500, 2200)
//   BM_NormalScoreMapPertExact         NormalScoreMap::exact(y) (tail-accurate)
//   BM_QuantilePhiPert                 Distribution::quantile(Phi(y)), the plain exact path
// The y values are 4096 precomputed standard normals, so no RNG is timed.
//
// Run for docs/performance.md:
//   build/bench/simroi_bench --benchmark_filter='Sampler|NormalScoreMap|QuantilePhi'
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// Nothing here depends on SIMROI_BENCH_FULL.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "simroi/dist/distribution.h"
#include "simroi/random/random.h"
#include "simroi/sampling/normal_score_map.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

constexpr std::uint64_t kRuns = 1'000'000;

const Scenario& salon() {
  static const Scenario s = load_scenario(std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml");
  return s;
}

// Scenarios are built when a benchmark runs, not during static
// initialisation (load_scenario may rely on other translation units' statics).
Scenario salon_as_written() {
  return salon();
}

Scenario salon_independent() {
  Scenario s = salon();
  s.correlations.clear();
  return s;
}

Scenario salon_latin_hypercube() {
  Scenario s = salon();
  s.simulation.sampling = Sampling::latin_hypercube;
  return s;
}

void BM_SamplerDraw(benchmark::State& state, Scenario (*make)()) {
  const Scenario scenario = make();
  const InputSampler sampler(scenario, 42, kRuns);
  InputValues x{};
  std::uint64_t run = 0;
  for (auto _ : state) {
    sampler.draw(run, x);
    benchmark::DoNotOptimize(x);
    if (++run == kRuns) run = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(sampler.uncertain().size()) + " uncertain, " +
                 std::to_string(scenario.correlations.size()) + " correlations, " +
                 to_string(scenario.simulation.sampling));
}
BENCHMARK_CAPTURE(BM_SamplerDraw, salon, &salon_as_written);
BENCHMARK_CAPTURE(BM_SamplerDraw, salon_independent, &salon_independent);
BENCHMARK_CAPTURE(BM_SamplerDraw, salon_latin_hypercube, &salon_latin_hypercube);

// --- The normal-score map of a pert marginal --------------------------------

const Distribution& pert() {
  static const Distribution d = Distribution::pert(1200, 1500, 2200);
  return d;
}

const std::vector<double>& normal_scores() {
  static const std::vector<double> ys = [] {
    // Standard normals by Box-Muller from the bench's own stream.
    Rng rng(7, 0);
    std::vector<double> v(4096);
    for (std::size_t i = 0; i < v.size(); i += 2) {
      const double r = std::sqrt(-2.0 * std::log(rng.uniform01()));
      const double a = 2.0 * std::numbers::pi * rng.uniform01();
      v[i] = r * std::cos(a);
      v[i + 1] = r * std::sin(a);
    }
    return v;
  }();
  return ys;
}

double phi(double y) {
  return 0.5 * std::erfc(-y * (1.0 / std::numbers::sqrt2));
}

template <typename F>
void over_scores(benchmark::State& state, F&& f) {
  const auto& ys = normal_scores();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(ys[i]));
    i = (i + 1) & (ys.size() - 1);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_NormalScoreMapPert(benchmark::State& state) {
  const NormalScoreMap map(pert());
  over_scores(state, [&](double y) { return map(y); });
  state.SetLabel(map.method() == NormalScoreMap::Method::table
                     ? "table, " + std::to_string(map.intervals()) + " intervals"
                     : "not a table");
}
BENCHMARK(BM_NormalScoreMapPert);

void BM_NormalScoreMapPertExact(benchmark::State& state) {
  const NormalScoreMap map(pert());
  over_scores(state, [&](double y) { return map.exact(y); });
}
BENCHMARK(BM_NormalScoreMapPertExact);

void BM_QuantilePhiPert(benchmark::State& state) {
  const Distribution& d = pert();
  over_scores(state, [&](double y) { return d.quantile(phi(y)); });
}
BENCHMARK(BM_QuantilePhiPert);

}  // namespace
}  // namespace simroi
