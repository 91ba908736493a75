// Confidence intervals (include/simroi/stats/intervals.h): each construction
// is checked against an independent computation (binomial sums in long
// double, closed forms) and its coverage against simulation with fixed seeds.
#include "simroi/stats/intervals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "simroi/core/constants.h"
#include "simroi/random/normal.h"
#include "simroi/random/random.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

// P(B <= m) for B ~ Binomial(n, q), summed term by term in long double from
// log-gamma: independent of Boost's incomplete-beta route.
long double binomial_cdf(std::uint64_t n, double q, std::int64_t m) {
  if (m < 0) return 0.0L;
  const long double ln_q = std::log(static_cast<long double>(q));
  const long double ln_1q = std::log1p(-static_cast<long double>(q));
  const long double nn = static_cast<long double>(n);
  long double sum = 0.0L;
  for (std::int64_t i = 0; i <= std::min<std::int64_t>(m, static_cast<std::int64_t>(n)); ++i) {
    const long double ii = static_cast<long double>(i);
    sum += std::exp(std::lgamma(nn + 1) - std::lgamma(ii + 1) - std::lgamma(nn - ii + 1) +
                    ii * ln_q + (nn - ii) * ln_1q);
  }
  return std::min(sum, 1.0L);
}

TEST(PercentileRankInterval, SmallSampleExtremePercentileHasNoLowerBound) {
  // n = 20, P5: (0.95)^20 = 0.358 > 0.025, so no order statistic bounds xi_0.05
  // from below at 95 %; above, P(B >= 4) = 0.016 <= 0.025 < P(B >= 3) = 0.075.
  const RankInterval r = percentile_rank_interval(20, 5);
  EXPECT_FALSE(r.lower.has_value());
  ASSERT_TRUE(r.upper.has_value());
  EXPECT_EQ(*r.upper, 3u);  // X_(4)
  EXPECT_NEAR(r.coverage, static_cast<double>(binomial_cdf(20, 0.05, 3)), 1e-12);
  EXPECT_GE(r.coverage, 0.95);
}

TEST(PercentileRankInterval, NoIntervalForTheExtremes) {
  for (const double p : {0.0, 100.0}) {
    const RankInterval r = percentile_rank_interval(1000, p);
    EXPECT_FALSE(r.lower.has_value());
    EXPECT_FALSE(r.upper.has_value());
  }
  EXPECT_FALSE(percentile_rank_interval(0, 50).upper.has_value());
}

TEST(PercentileRankInterval, RanksAreTheTightestWithEqualTails) {
  const double tail = 0.025;
  for (const std::uint64_t n : {5u, 20u, 21u, 50u, 100u, 1000u, 20000u}) {
    for (const double p : {1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 97.5, 99.0}) {
      SCOPED_TRACE(::testing::Message() << "n = " << n << ", p = " << p);
      const double q = p / 100.0;
      const RankInterval r = percentile_rank_interval(n, p);
      long double below = 0.0L;
      long double above = 0.0L;
      if (r.lower) {
        const auto j1 = static_cast<std::int64_t>(*r.lower);  // j - 1
        below = binomial_cdf(n, q, j1);
        EXPECT_LE(below, tail + 1e-12);
        if (*r.lower + 1 < n) {
          EXPECT_GT(binomial_cdf(n, q, j1 + 1), tail - 1e-12);
        }
      } else {
        EXPECT_GT(binomial_cdf(n, q, 0), tail - 1e-12);
      }
      if (r.upper) {
        const auto k1 = static_cast<std::int64_t>(*r.upper);  // k - 1
        above = 1.0L - binomial_cdf(n, q, k1);
        EXPECT_LE(above, tail + 1e-9);
        if (k1 > 0) {
          EXPECT_GT(1.0L - binomial_cdf(n, q, k1 - 1), tail - 1e-9);
        }
      } else {
        EXPECT_GT(1.0L - binomial_cdf(n, q, static_cast<std::int64_t>(n) - 1), tail - 1e-12);
      }
      EXPECT_NEAR(r.coverage, static_cast<double>(1.0L - below - above), 1e-9);
      EXPECT_GE(r.coverage, 0.95 - 1e-12);
    }
  }
}

TEST(PercentileRankInterval, LargeRunCountsStayCloseToTheNormalApproximation) {
  // At n = 1e9 the binomial is nearly normal: the ranks lie within a few of
  // n q -/+ 1.96 sqrt(n q (1 - q)).
  const std::uint64_t n = 1'000'000'000;
  for (const double p : {5.0, 50.0, 95.0}) {
    const double q = p / 100.0;
    const double spread = kZ95 * std::sqrt(1e9 * q * (1 - q));
    const RankInterval r = percentile_rank_interval(n, p);
    ASSERT_TRUE(r.lower && r.upper);
    EXPECT_NEAR(static_cast<double>(*r.lower), 1e9 * q - spread, 3.0);
    EXPECT_NEAR(static_cast<double>(*r.upper), 1e9 * q + spread, 3.0);
    EXPECT_NEAR(r.coverage, 0.95, 1e-3);
  }
}

// Draw n uniforms (true q-quantile = q) `reps` times; count how often the
// order-statistic interval covers q, a missing bound counting as infinite.
double simulated_coverage(std::uint64_t n, double p, int reps, std::uint64_t seed) {
  const RankInterval r = percentile_rank_interval(n, p);
  const double q = p / 100.0;
  int covered = 0;
  std::vector<double> x(n);
  for (int rep = 0; rep < reps; ++rep) {
    Rng rng(seed, static_cast<std::uint64_t>(rep));
    for (auto& v : x) v = rng.uniform01();
    std::sort(x.begin(), x.end());
    const bool above_low = !r.lower || x[*r.lower] <= q;
    const bool below_high = !r.upper || q <= x[*r.upper];
    covered += above_low && below_high ? 1 : 0;
  }
  return static_cast<double>(covered) / reps;
}

TEST(PercentileRankInterval, SimulatedCoverageMatchesTheExactCoverage) {
  // 4000 repetitions: the empirical coverage has sd <= sqrt(0.05 * 0.95 / 4000)
  // = 0.0034 around the exact coverage; 4.5 sd is 0.016.
  const int reps = 4000;
  for (const std::uint64_t n : {20u, 100u}) {
    for (const double p : {1.0, 5.0, 10.0, 50.0, 90.0, 95.0, 99.0}) {
      SCOPED_TRACE(::testing::Message() << "n = " << n << ", p = " << p);
      const double exact = percentile_rank_interval(n, p).coverage;
      const double seen = simulated_coverage(n, p, reps, 20261202 + n);
      const double sd = std::sqrt(exact * (1 - exact) / reps);
      EXPECT_NEAR(seen, exact, 4.5 * std::max(sd, 0.001));
      EXPECT_GE(seen, 0.95 - 4.5 * 0.0034);
    }
  }
}

TEST(ClopperPearson, ZeroAndAllRunsHaveClosedForms) {
  for (const std::uint64_t n : {1u, 10u, 1000u, 100000u}) {
    const double nd = static_cast<double>(n);
    const Interval zero = clopper_pearson(0, n);
    EXPECT_EQ(*zero.low, 0.0);
    EXPECT_NEAR(*zero.high, 1.0 - std::pow(0.025, 1.0 / nd), 1e-12);
    const Interval all = clopper_pearson(n, n);
    EXPECT_EQ(*all.high, 1.0);
    EXPECT_NEAR(*all.low, std::pow(0.025, 1.0 / nd), 1e-12);
  }
  // 0 of 1,000 runs: the probability is below 0.37 %, not "0.0 % +-0.00 %".
  EXPECT_NEAR(*clopper_pearson(0, 1000).high, 0.003682, 1e-6);
}

TEST(ClopperPearson, BoundsSolveTheirDefiningEquations) {
  // low: P(Bin(n, low) >= k) = 0.025;  high: P(Bin(n, high) <= k) = 0.025.
  for (const auto& [k, n] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {1, 10}, {3, 20}, {50, 100}, {11, 1000}, {999, 1000}}) {
    const Interval i = clopper_pearson(k, n);
    EXPECT_NEAR(
        static_cast<double>(1.0L - binomial_cdf(n, *i.low, static_cast<std::int64_t>(k) - 1)),
        0.025, 1e-9);
    EXPECT_NEAR(static_cast<double>(binomial_cdf(n, *i.high, static_cast<std::int64_t>(k))), 0.025,
                1e-9);
  }
}

TEST(ClopperPearson, CoverageIsAtLeastNominalForEveryProbability) {
  // Exact coverage sum_k P(k) [p in CI(k)] over a grid of true p, including
  // the audit's case p = 0.0009 at n = 1000 (the old +-0 interval covered it
  // only when some run fell below zero).
  const std::uint64_t n = 1000;
  std::vector<Interval> ci;
  for (std::uint64_t k = 0; k <= n; ++k) ci.push_back(clopper_pearson(k, n));
  for (const double p : {0.0001, 0.0009, 0.003, 0.01, 0.05, 0.11, 0.5, 0.89, 0.99, 0.9991}) {
    long double coverage = 0.0L;
    for (std::uint64_t k = 0; k <= n; ++k) {
      const auto kk = static_cast<std::int64_t>(k);
      const long double pk = binomial_cdf(n, p, kk) - binomial_cdf(n, p, kk - 1);
      if (*ci[k].low <= p && p <= *ci[k].high) coverage += pk;
    }
    EXPECT_GE(static_cast<double>(coverage), 0.95 - 1e-9) << "p = " << p;
  }
}

TEST(SpearmanInterval, UndefinedWithoutEnoughRunsOrACoefficient) {
  EXPECT_FALSE(spearman_interval(0.5, 3).has_value());
  EXPECT_FALSE(spearman_interval(std::nan(""), 1000).has_value());
  const auto one = spearman_interval(1.0, 100);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->low, 1.0);
  EXPECT_EQ(one->se, 0.0);
}

TEST(SpearmanInterval, BonettWrightFormula) {
  const auto c = spearman_interval(0.8, 103);  // se_z = sqrt(1.32 / 100)
  ASSERT_TRUE(c.has_value());
  const double se_z = std::sqrt(1.32 / 100.0);
  EXPECT_NEAR(c->low, std::tanh(std::atanh(0.8) - kZ95 * se_z), 1e-12);
  EXPECT_NEAR(c->high, std::tanh(std::atanh(0.8) + kZ95 * se_z), 1e-12);
  EXPECT_NEAR(c->se, 0.36 * se_z, 1e-12);
}

TEST(SpearmanInterval, CoversAStrongCorrelationAtTheNominalRate) {
  // Bivariate normal with Pearson rho = 0.95: Spearman's population value is
  // (6 / pi) asin(rho / 2) (Pearson 1907). n = 50, 3000 repetitions: sd of the
  // empirical coverage 0.004; the interval should cover 95 % within 1.5 points
  // (the old (1 - r^2) / sqrt(n - 3) form covered about 91 % here).
  const double rho = 0.95;
  const double truth = 6.0 / M_PI * std::asin(rho / 2.0);
  const int reps = 3000;
  const std::size_t n = 50;
  int covered = 0;
  std::vector<double> x(n), y(n);
  for (int rep = 0; rep < reps; ++rep) {
    Rng rng(99, static_cast<std::uint64_t>(rep));
    for (std::size_t i = 0; i < n; ++i) {
      const double a = standard_normal(rng);
      const double b = standard_normal(rng);
      x[i] = a;
      y[i] = rho * a + std::sqrt(1 - rho * rho) * b;
    }
    const auto c = spearman_interval(spearman(x, y), n);
    ASSERT_TRUE(c.has_value());
    covered += c->low <= truth && truth <= c->high ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(covered) / reps, 0.95, 0.015);
}

TEST(StudentT, QuantilesOfTheTable) {
  EXPECT_NEAR(student_t_quantile(1), 12.706204736174707, 1e-9);
  EXPECT_NEAR(student_t_quantile(9), 2.2621571627409915, 1e-9);  // Boost: 1e-10 root tolerance
  EXPECT_NEAR(student_t_quantile(1e6), kZ95, 1e-5);
  EXPECT_THROW((void)student_t_quantile(0.5), std::invalid_argument);
}

}  // namespace
}  // namespace simroi
