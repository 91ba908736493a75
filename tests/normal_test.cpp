// Tests of simroi::standard_normal (the 256-layer ziggurat, simroi/normal.h).
//
// Every statistical test uses a fixed seed, so it is deterministic. Thresholds:
//   * KS: this file runs 2 KS tests; held to alpha = 0.05 % each (family-wise
//     ~0.1 %, Bonferroni), P(sqrt(n) D > x) ~ 2 exp(-2 x^2) gives
//     x = sqrt(ln(2 / 0.0005) / 2) = 2.04. A wrong table or a biased path gives
//     sqrt(n) D far above that at these sample sizes;
//   * moments: within 5 standard errors of the closed forms E Z = 0, E Z^2 = 1,
//     E Z^4 = 3, with SE = sqrt(Var(Z^k) / n): Var Z = 1, Var Z^2 = 3 - 1 = 2,
//     Var Z^4 = E Z^8 - 9 = 105 - 9 = 96;
//   * tail frequencies: within 5 binomial standard errors sqrt(p (1 - p) / n).
#include "simroi/random/normal.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <vector>

#include "ks.h"
#include "simroi/random/random.h"
#include "ziggurat_layers.h"

namespace simroi {
namespace {

namespace bm = boost::math;
using simroi::testing::expect_equal_area_layers;
using simroi::testing::ks_statistic;
constexpr double kKsCritical = 2.04;  // sqrt(n) D, see the top of this file

TEST(Ziggurat, TablesCoverTheDensityInEqualAreas) {
  // The tail beyond r by Boost.Math: sqrt(2 pi) P(Z > r).
  const double r = normal_detail::kR;
  const double tail =
      std::sqrt(2.0 * std::numbers::pi) * bm::cdf(bm::complement(bm::normal_distribution<>(), r));
  expect_equal_area_layers(normal_detail::kTables, r, tail,
                           [](double x) { return std::exp(-0.5 * x * x); });
}

TEST(Ziggurat, KolmogorovSmirnovAgainstBoostNormalCdf) {
  constexpr std::size_t kN = 1'000'000;
  Rng rng(2024, 0);
  std::vector<double> z(kN);
  for (auto& x : z) x = standard_normal(rng);
  const bm::normal_distribution<> ref;
  const double d = ks_statistic(z, [&](double x) { return bm::cdf(ref, x); });
  EXPECT_LT(std::sqrt(static_cast<double>(kN)) * d, kKsCritical);
}

TEST(Ziggurat, MomentsMatchClosedForms) {
  constexpr std::size_t kN = 4'000'000;
  Rng rng(2024, 1);
  double s1 = 0.0, s2 = 0.0, s4 = 0.0;
  for (std::size_t k = 0; k < kN; ++k) {
    const double z = standard_normal(rng);
    const double z2 = z * z;
    s1 += z;
    s2 += z2;
    s4 += z2 * z2;
  }
  const double n = static_cast<double>(kN);
  EXPECT_NEAR(s1 / n, 0.0, 5.0 * std::sqrt(1.0 / n));
  EXPECT_NEAR(s2 / n, 1.0, 5.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(s4 / n, 3.0, 5.0 * std::sqrt(96.0 / n));
}

// The tail beyond r = 3.654 (Marsaglia's exponential rejection, ~0.03 % of
// draws) and the rejection inside layers must both be exact: frequencies of
// |Z| > 3 and |Z| > r, the balance of the signs there, and the shape of the
// tail itself (KS of |Z| given |Z| > r against the exact conditional CDF).
TEST(Ziggurat, TailFrequenciesAndShapeAreExact) {
  constexpr std::size_t kN = 20'000'000;
  const double r = normal_detail::kR;
  const bm::normal_distribution<> ref;
  Rng rng(2024, 2);
  std::size_t beyond3 = 0;
  std::size_t positive_tail = 0;
  std::vector<double> tail;
  for (std::size_t k = 0; k < kN; ++k) {
    const double z = standard_normal(rng);
    const double a = std::fabs(z);
    if (a > 3.0) ++beyond3;
    if (a > r) {
      tail.push_back(a);
      if (z > 0) ++positive_tail;
    }
  }
  const double n = static_cast<double>(kN);
  auto expect_frequency = [n](std::size_t count, double p) {
    EXPECT_NEAR(static_cast<double>(count) / n, p, 5.0 * std::sqrt(p * (1.0 - p) / n));
  };
  const double sf3 = bm::cdf(bm::complement(ref, 3.0));
  const double sfr = bm::cdf(bm::complement(ref, r));
  expect_frequency(beyond3, 2.0 * sf3);
  expect_frequency(tail.size(), 2.0 * sfr);
  const double m = static_cast<double>(tail.size());
  EXPECT_NEAR(static_cast<double>(positive_tail) / m, 0.5, 5.0 * std::sqrt(0.25 / m));
  const double d = ks_statistic(
      tail, [&](double x) { return x <= r ? 0.0 : 1.0 - bm::cdf(bm::complement(ref, x)) / sfr; });
  EXPECT_LT(std::sqrt(m) * d, kKsCritical) << tail.size() << " tail draws";
}

TEST(Ziggurat, SameEngineStateSameDraws) {
  Rng a(7, 3);
  Rng b(7, 3);
  for (int k = 0; k < 1000; ++k) ASSERT_EQ(standard_normal(a), standard_normal(b));
}

}  // namespace
}  // namespace simroi
