// Tests of simroi::standard_exponential (the 256-layer ziggurat,
// simroi/exponential.h).
//
// Fixed seeds, so every test is deterministic. Thresholds:
//   * KS: one test at alpha = 0.05 %, P(sqrt(n) D > x) ~ 2 exp(-2 x^2) gives
//     x = sqrt(ln(2 / 0.0005) / 2) = 2.04;
//   * moments: within 5 standard errors of the closed forms E X = 1,
//     E X^2 = 2, E X^3 = 6, with SE = sqrt(Var(X^k) / n): Var X = 1,
//     Var X^2 = 24 - 4 = 20, Var X^3 = 720 - 36 = 684;
//   * tail frequencies: within 5 binomial standard errors sqrt(p (1 - p) / n).
#include "simroi/random/exponential.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/exponential.hpp>
#include <cmath>
#include <cstddef>
#include <vector>

#include "ks.h"
#include "simroi/random/random.h"
#include "ziggurat_layers.h"

namespace simroi {
namespace {

namespace bm = boost::math;
using simroi::testing::expect_equal_area_layers;
using simroi::testing::ks_statistic;

TEST(ExponentialZiggurat, TablesCoverTheDensityInEqualAreas) {
  // The tail beyond r by Boost.Math: P(X > r).
  const double r = exponential_detail::kR;
  const double tail = bm::cdf(bm::complement(bm::exponential_distribution<>(), r));
  expect_equal_area_layers(exponential_detail::kTables, r, tail,
                           [](double x) { return std::exp(-x); });
}

TEST(ExponentialZiggurat, KolmogorovSmirnovAgainstBoostExponentialCdf) {
  constexpr std::size_t kN = 1'000'000;
  Rng rng(77, 3);
  std::vector<double> x(kN);
  for (auto& v : x) v = standard_exponential(rng);
  const bm::exponential_distribution<> ref;
  const double d = ks_statistic(x, [&](double v) { return bm::cdf(ref, v); });
  EXPECT_LT(std::sqrt(static_cast<double>(kN)) * d, 2.04);
}

TEST(ExponentialZiggurat, MomentsAndTail) {
  constexpr std::size_t kN = 4'000'000;
  Rng rng(78, 4);
  double m1 = 0.0, m2 = 0.0, m3 = 0.0;
  std::size_t beyond_r = 0, beyond_4 = 0;
  for (std::size_t i = 0; i < kN; ++i) {
    const double x = standard_exponential(rng);
    ASSERT_GE(x, 0.0);
    m1 += x;
    m2 += x * x;
    m3 += x * x * x;
    beyond_r += x > exponential_detail::kR ? 1 : 0;
    beyond_4 += x > 4.0 ? 1 : 0;
  }
  const double n = static_cast<double>(kN);
  EXPECT_NEAR(m1 / n, 1.0, 5.0 * std::sqrt(1.0 / n));
  EXPECT_NEAR(m2 / n, 2.0, 5.0 * std::sqrt(20.0 / n));
  EXPECT_NEAR(m3 / n, 6.0, 5.0 * std::sqrt(684.0 / n));
  // The tail path (x > r, probability e^-r ~ 4.5e-4) and a layer path.
  for (const auto& [count, at] : {std::pair{beyond_r, exponential_detail::kR}, {beyond_4, 4.0}}) {
    const double p = std::exp(-at);
    EXPECT_NEAR(static_cast<double>(count) / n, p, 5.0 * std::sqrt(p * (1.0 - p) / n)) << at;
  }
}

}  // namespace
}  // namespace simroi
