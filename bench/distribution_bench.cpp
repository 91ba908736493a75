// Cost of one draw (sample) per distribution kind, and of the exact quantile
// used by the copula and Latin hypercube paths.
#include <benchmark/benchmark.h>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include "simroi/dist/distribution.h"
#include "simroi/random/normal.h"

namespace simroi {
namespace {

void sample_bench(benchmark::State& state, const Distribution& d) {
  Rng rng(12345, 0);
  for (auto _ : state) benchmark::DoNotOptimize(d.sample(rng));
  state.SetItemsProcessed(state.iterations());
}

void quantile_bench(benchmark::State& state, const Distribution& d) {
  Rng rng(12345, 0);
  for (auto _ : state) benchmark::DoNotOptimize(d.quantile(rng.uniform01()));
  state.SetItemsProcessed(state.iterations());
}

void BM_SampleFixed(benchmark::State& s) {
  sample_bench(s, Distribution::fixed(1500));
}
void BM_SampleUniform(benchmark::State& s) {
  sample_bench(s, Distribution::uniform(0.1, 0.3));
}
void BM_SampleTriangular(benchmark::State& s) {
  sample_bench(s, Distribution::triangular(1200, 1500, 2200));
}
void BM_SamplePert(benchmark::State& s) {
  sample_bench(s, Distribution::pert(1200, 1500, 2200));
}
void BM_SampleNormal(benchmark::State& s) {
  sample_bench(s, Distribution::normal(0.3, 0.15));
}
void BM_SampleLognormal(benchmark::State& s) {
  sample_bench(s, Distribution::lognormal_p5_p95(1000, 5000));
}
void BM_SampleBeta(benchmark::State& s) {
  sample_bench(s, Distribution::beta(20, 80));
}
void BM_SampleBetaShapeBelow1(benchmark::State& s) {
  sample_bench(s, Distribution::beta(0.5, 2));  // shape 1/2: U^2, no exp/log
}
// A shape below 1 other than 1/2: G(a + 1) U^(1/a) through exp(log(U) / a).
void BM_SampleBetaShape03(benchmark::State& s) {
  sample_bench(s, Distribution::beta(0.3, 2));
}
void BM_SampleDiscrete(benchmark::State& s) {
  sample_bench(s, Distribution::discrete({1, 2, 3, 4, 5}, {1, 2, 4, 2, 1}));
}
// Acceptance ~0.9996: rejection.
void BM_SampleTruncatedNormalReject(benchmark::State& s) {
  sample_bench(s, Distribution::normal(0.3, 0.15).truncated(-0.5, 1));
}
// Acceptance ~0.07: inverse CDF.
void BM_SampleTruncatedNormalInverse(benchmark::State& s) {
  sample_bench(s, Distribution::normal(0, 1).truncated(1.5, 3));
}
void BM_QuantilePert(benchmark::State& s) {
  quantile_bench(s, Distribution::pert(1200, 1500, 2200));
}
void BM_QuantileNormal(benchmark::State& s) {
  quantile_bench(s, Distribution::normal(0.3, 0.15));
}
void BM_QuantileLognormal(benchmark::State& s) {
  quantile_bench(s, Distribution::lognormal_p5_p95(1000, 5000));
}

// Reference: Beta(20, 80) from two Boost 1.74 gamma_distribution draws, the
// alternative to our Marsaglia-Tsang gammas (compare with BM_SampleBeta).
void BM_ReferenceBetaViaBoostGamma(benchmark::State& state) {
  Rng rng(12345, 0);
  boost::random::gamma_distribution<double> ga(20.0);
  boost::random::gamma_distribution<double> gb(80.0);
  for (auto _ : state) {
    const double x = ga(rng);
    benchmark::DoNotOptimize(x / (x + gb(rng)));
  }
  state.SetItemsProcessed(state.iterations());
}

// The standard normal of simroi/normal.h (256-layer ziggurat, one engine
// output a draw), against Boost 1.74's 128-layer ziggurat on the same engine.
void BM_SampleStandardNormal(benchmark::State& state) {
  Rng rng(12345, 0);
  for (auto _ : state) benchmark::DoNotOptimize(standard_normal(rng));
  state.SetItemsProcessed(state.iterations());
}
void BM_ReferenceBoostZiggurat(benchmark::State& state) {
  Rng rng(12345, 0);
  boost::random::normal_distribution<double> normal;
  for (auto _ : state) benchmark::DoNotOptimize(normal(rng));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_SampleFixed);
BENCHMARK(BM_SampleUniform);
BENCHMARK(BM_SampleTriangular);
BENCHMARK(BM_SamplePert);
BENCHMARK(BM_SampleNormal);
BENCHMARK(BM_SampleLognormal);
BENCHMARK(BM_SampleBeta);
BENCHMARK(BM_SampleBetaShapeBelow1);
BENCHMARK(BM_SampleBetaShape03);
BENCHMARK(BM_SampleDiscrete);
BENCHMARK(BM_SampleTruncatedNormalReject);
BENCHMARK(BM_SampleTruncatedNormalInverse);
BENCHMARK(BM_QuantilePert);
BENCHMARK(BM_QuantileNormal);
BENCHMARK(BM_QuantileLognormal);
BENCHMARK(BM_ReferenceBetaViaBoostGamma);
BENCHMARK(BM_SampleStandardNormal);
BENCHMARK(BM_ReferenceBoostZiggurat);

}  // namespace
}  // namespace simroi
