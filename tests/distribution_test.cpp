#include "simroi/distribution.h"

#include <gtest/gtest.h>

#include <cmath>

namespace simroi {
namespace {
TEST(DistributionSmoke, AllKindsSample) {
  Rng rng(12345, 0);
  const Distribution ds[] = {Distribution::fixed(2),
                             Distribution::uniform(0, 1),
                             Distribution::triangular(0, 0.2, 1),
                             Distribution::pert(1200, 1500, 2200),
                             Distribution::normal(0.3, 0.15),
                             Distribution::lognormal_p5_p95(1, 10),
                             Distribution::beta(0.5, 2),
                             Distribution::discrete({1, 2, 3}, {1, 1, 2}),
                             Distribution::normal(0.3, 0.15).truncated(-0.5, Distribution::kInf)};
  for (const auto& d : ds) {
    double s = 0;
    for (int i = 0; i < 100000; ++i) s += d.sample(rng);
    EXPECT_NEAR(s / 100000, d.mean(), 5 * std::sqrt(d.variance() / 100000) + 1e-12) << d.describe();
  }
}
}  // namespace
}  // namespace simroi
