#include "simroi/sampling/sampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "copula_spearman.h"
#include "ks.h"
#include "simroi/core/constants.h"
#include "simroi/dist/kinds.h"
#include "simroi/sampling/correlation.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

namespace bm = boost::math;

// ---------------------------------------------------------------- helpers

Scenario base_scenario() {
  Scenario s;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    s.inputs[i] = Distribution::fixed(input_table()[i].default_value);
  }
  s.inputs[index(Input::leads_per_month)] = Distribution::fixed(200);
  s.inputs[index(Input::booking_conversion)] = Distribution::fixed(0.1);
  s.inputs[index(Input::average_check)] = Distribution::fixed(1500);
  s.inputs[index(Input::implementation)] = Distribution::fixed(30000);
  s.inputs[index(Input::monthly)] = Distribution::fixed(5000);
  return s;
}

void set(Scenario& s, Input id, Distribution d) {
  s.inputs[index(id)] = std::move(d);
}

/// The scenario of the correlation tests: g and u correlated (+0.4), g and r
/// correlated (-0.7), h independent.
Scenario correlated_scenario() {
  Scenario s = base_scenario();
  set(s, Input::lead_growth, Distribution::uniform(0.15, 0.4));
  set(s, Input::booking_conversion_uplift, Distribution::pert(0.2, 0.4, 0.6));
  set(s, Input::no_show_reduction, Distribution::uniform(0.2, 0.5));
  set(s, Input::manager_hours_saved, Distribution::triangular(5, 15, 30));
  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.4},
                    {Input::lead_growth, Input::no_show_reduction, -0.7}};
  return s;
}

/// A salon-like scenario: 10 uncertain inputs, 1 correlation.
Scenario salon_scenario() {
  Scenario s = base_scenario();
  set(s, Input::no_show_rate, Distribution::uniform(0.15, 0.25));
  set(s, Input::average_check, Distribution::pert(1200, 1500, 2200));
  set(s, Input::gross_margin, Distribution::triangular(0.5, 0.6, 0.7));
  set(s, Input::lead_growth, Distribution::uniform(0.15, 0.4));
  set(s, Input::booking_conversion_uplift, Distribution::pert(0.2, 0.4, 0.6));
  set(s, Input::no_show_reduction, Distribution::uniform(0.2, 0.5));
  set(s, Input::manager_hours_saved, Distribution::triangular(5, 15, 30));
  set(s, Input::implementation, Distribution::uniform(10000, 50000));
  set(s, Input::monthly, Distribution::normal(5000, 500).truncated(0, Distribution::kInf));
  set(s, Input::manager_hourly_cost, Distribution::lognormal_p5_p95(250, 450));
  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.4}};
  return s;
}

/// Column `id` of `runs` draws.
std::vector<std::vector<double>> draw_all(const InputSampler& sampler, std::uint64_t runs) {
  std::vector<std::vector<double>> cols(kInputCount, std::vector<double>(runs));
  InputValues v{};
  for (std::uint64_t r = 0; r < runs; ++r) {
    sampler.draw(r, v);
    for (std::size_t i = 0; i < kInputCount; ++i) cols[i][r] = v[i];
  }
  return cols;
}

/// Ranks 1..n, ties sharing their average rank.
std::vector<double> average_ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double r = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = r;
    i = j + 1;
  }
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return pearson(average_ranks(x), average_ranks(y));
}

using simroi::testing::ks_statistic;

/// True when floor(cdf(x_r) * n) over the n runs is a permutation of 0..n-1:
/// exactly one value in each of the n equal-probability strata.
bool one_per_stratum(const std::vector<double>& x, const std::function<double(double)>& cdf) {
  const std::size_t n = x.size();
  std::vector<char> hit(n, 0);
  for (double v : x) {
    const double u = cdf(v);
    const auto k = static_cast<std::int64_t>(std::floor(u * static_cast<double>(n)));
    if (k < 0 || k >= static_cast<std::int64_t>(n) || hit[static_cast<std::size_t>(k)]) {
      return false;
    }
    hit[static_cast<std::size_t>(k)] = 1;
  }
  return true;
}

/// The same in every block of the replicated Latin hypercube of x.size()
/// runs (lhs_replicate_bounds): each block is a design of its own runs.
bool one_per_stratum_per_block(const std::vector<double>& x,
                               const std::function<double(double)>& cdf) {
  const auto bounds = lhs_replicate_bounds(x.size());
  for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
    const std::vector<double> block(x.begin() + static_cast<std::ptrdiff_t>(bounds[b]),
                                    x.begin() + static_cast<std::ptrdiff_t>(bounds[b + 1]));
    if (!one_per_stratum(block, cdf)) return false;
  }
  return true;
}

// Exact marginal CDFs, from Boost.Math (independent of distribution.cpp).
double cdf_g(double x) {
  return bm::cdf(bm::uniform_distribution<>(0.15, 0.4), x);
}
double cdf_u(double x) {  // PERT(0.2, 0.4, 0.6): alpha = beta = 3 on [0.2, 0.6]
  return bm::cdf(bm::beta_distribution<>(3.0, 3.0), std::clamp((x - 0.2) / 0.4, 0.0, 1.0));
}
double cdf_r(double x) {
  return bm::cdf(bm::uniform_distribution<>(0.2, 0.5), x);
}
double cdf_h(double x) {
  return bm::cdf(bm::triangular_distribution<>(5, 15, 30), x);
}

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// ---------------------------------------------------------------- determinism

class SamplerDeterminism : public ::testing::TestWithParam<Sampling> {};

TEST_P(SamplerDeterminism, DependsOnlyOnSeedAndRun) {
  Scenario s = salon_scenario();
  s.simulation.sampling = GetParam();
  constexpr std::uint64_t kRuns = 2000;
  const InputSampler sampler(s, 7, kRuns);

  // In order.
  std::vector<InputValues> forward(kRuns);
  for (std::uint64_t r = 0; r < kRuns; ++r) sampler.draw(r, forward[r]);

  // Twice, in reverse, and by a second sampler with the same seed.
  const InputSampler twin(s, 7, kRuns);
  InputValues v{};
  for (std::uint64_t r = kRuns; r-- > 0;) {
    sampler.draw(r, v);
    for (std::size_t i = 0; i < kInputCount; ++i) ASSERT_EQ(bits(v[i]), bits(forward[r][i]));
    twin.draw(r, v);
    for (std::size_t i = 0; i < kInputCount; ++i) ASSERT_EQ(bits(v[i]), bits(forward[r][i]));
  }

  // Strided across threads sharing one sampler (draw is const and thread-safe).
  std::vector<InputValues> threaded(kRuns);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < 4; ++t) {
    pool.emplace_back([&, t] {
      for (std::uint64_t r = kRuns - 1 - t; r < kRuns; r -= 4) sampler.draw(r, threaded[r]);
    });
  }
  for (auto& th : pool) th.join();
  for (std::uint64_t r = 0; r < kRuns; ++r) {
    for (std::size_t i = 0; i < kInputCount; ++i) {
      ASSERT_EQ(bits(threaded[r][i]), bits(forward[r][i])) << "run " << r;
    }
  }

  // Another seed gives other values; consecutive runs differ.
  const InputSampler other(s, 8, kRuns);
  other.draw(0, v);
  EXPECT_NE(v[index(Input::average_check)], forward[0][index(Input::average_check)]);
  EXPECT_NE(forward[0][index(Input::average_check)], forward[1][index(Input::average_check)]);
}

INSTANTIATE_TEST_SUITE_P(BothSamplings, SamplerDeterminism,
                         ::testing::Values(Sampling::monte_carlo, Sampling::latin_hypercube));

TEST(Sampler, FixedInputsUntouchedAndUncertainListed) {
  const Scenario s = correlated_scenario();
  const InputSampler sampler(s, 42, 100);
  const std::vector<Input> expected{Input::lead_growth, Input::booking_conversion_uplift,
                                    Input::no_show_reduction, Input::manager_hours_saved};
  EXPECT_EQ(sampler.uncertain(), expected);

  for (std::uint64_t r = 0; r < 100; ++r) {
    InputValues v;
    v.fill(std::nan(""));
    sampler.draw(r, v);
    for (std::size_t i = 0; i < kInputCount; ++i) {
      const Distribution& d = s.inputs[i];
      if (d.is_fixed()) {
        EXPECT_EQ(v[i], d.mean()) << input_table()[i].path;
      } else {
        EXPECT_GE(v[i], d.support_min());
        EXPECT_LE(v[i], d.support_max());
      }
    }
  }
  EXPECT_EQ(s.inputs[index(Input::leads_per_month)].mean(), 200.0);
}

TEST(Sampler, AllFixedScenarioGivesTheFixedValues) {
  const Scenario s = base_scenario();
  const InputSampler sampler(s, 1, 10);
  EXPECT_TRUE(sampler.uncertain().empty());
  InputValues v{};
  sampler.draw(3, v);
  EXPECT_EQ(v[index(Input::leads_per_month)], 200.0);
  EXPECT_EQ(v[index(Input::gross_margin)], 1.0);
  EXPECT_EQ(v[index(Input::monthly_churn)], 1.0);
}

// ---------------------------------------------------------------- correlation

// Standard error of a sample Spearman coefficient: for a bivariate normal,
// the Pearson r has variance (1 - rho^2)^2 / n to first order (the delta
// method), and Spearman's is about 1.06 times that in Fisher's z (Fieller,
// Hartley & Pearson 1957), i.e. about 3% more in standard deviation. The
// copula makes the normal scores exactly bivariate normal and monotone
// quantile maps leave ranks unchanged, so (1 - rho_s^2) / sqrt(n) is within a
// few percent of the true SE; a 5-SE band absorbs that easily.
double spearman_se(double rho, std::size_t n) {
  return (1.0 - rho * rho) / std::sqrt(static_cast<double>(n));
}

TEST(Sampler, CopulaReachesTargetSpearmanAndKeepsMarginals) {
  constexpr std::uint64_t kRuns = 200'000;
  const InputSampler sampler(correlated_scenario(), 2024, kRuns);
  const auto cols = draw_all(sampler, kRuns);
  const auto& g = cols[index(Input::lead_growth)];
  const auto& u = cols[index(Input::booking_conversion_uplift)];
  const auto& r = cols[index(Input::no_show_reduction)];
  const auto& h = cols[index(Input::manager_hours_saved)];

  EXPECT_NEAR(spearman(g, u), 0.4, 5 * spearman_se(0.4, kRuns));
  EXPECT_NEAR(spearman(g, r), -0.7, 5 * spearman_se(-0.7, kRuns));
  // Not requested: normal-score correlation 0, hence rank correlation 0.
  EXPECT_NEAR(spearman(u, r), 0.0, 5 * spearman_se(0.0, kRuns));
  // h is drawn independently of all of them.
  EXPECT_NEAR(spearman(g, h), 0.0, 5 * spearman_se(0.0, kRuns));
  EXPECT_NEAR(spearman(u, h), 0.0, 5 * spearman_se(0.0, kRuns));

  // Marginals are exactly as written: KS at the 1% level (1.63 / sqrt(n)).
  const double crit = 1.63 / std::sqrt(static_cast<double>(kRuns));
  EXPECT_LT(ks_statistic(g, cdf_g), crit);
  EXPECT_LT(ks_statistic(u, cdf_u), crit);
  EXPECT_LT(ks_statistic(r, cdf_r), crit);
  EXPECT_LT(ks_statistic(h, cdf_h), crit);
}

// Monte Carlo draws independent inputs by a plan (sampler.cpp): normal-score
// tables, an inline uniform, the triangular from two uniforms (Stein & Keblis
// 2009; mode inside, at the minimum and at the maximum), Distribution::sample
// for the rest. Every group against Boost.Math's exact CDF: 8 KS tests,
// family-wise level 1 % (Bonferroni): each at 0.125 %, P(sqrt(n) D > x) ~
// 2 exp(-2 x^2) gives x = sqrt(ln(2 / 0.00125) / 2) = 1.92.
TEST(Sampler, IndependentMarginalsOfEveryDrawMethodMatchBoost) {
  Scenario s = base_scenario();
  set(s, Input::lead_growth, Distribution::uniform(0.15, 0.4));                 // uniform
  set(s, Input::manager_hours_saved, Distribution::triangular(5, 15, 30));      // triangular
  set(s, Input::gross_margin, Distribution::triangular(0.5, 0.5, 0.7));         // mode at min
  set(s, Input::manager_hourly_cost, Distribution::triangular(200, 400, 400));  // mode at max
  set(s, Input::monthly, Distribution::normal(5000, 500));                      // sample
  set(s, Input::implementation, Distribution::lognormal_p5_p95(10000, 50000));  // sample
  set(s, Input::no_show_reduction, Distribution::beta(0.5, 2));                 // table
  set(s, Input::booking_conversion_uplift,
      Distribution::normal(0, 1).truncated(1.5, 3));  // table (far tail)
  constexpr std::uint64_t kRuns = 200'000;
  const auto cols = draw_all(InputSampler(s, 77, kRuns), kRuns);
  const double crit = 1.92 / std::sqrt(static_cast<double>(kRuns));
  auto ks = [&](Input id, const std::function<double(double)>& cdf) {
    return ks_statistic(cols[index(id)], cdf);
  };
  const bm::uniform_distribution<> uni(0.15, 0.4);
  EXPECT_LT(ks(Input::lead_growth, [&](double x) { return bm::cdf(uni, x); }), crit);
  const bm::triangular_distribution<> tri(5, 15, 30);
  EXPECT_LT(ks(Input::manager_hours_saved, [&](double x) { return bm::cdf(tri, x); }), crit);
  const bm::triangular_distribution<> tri_min(0.5, 0.5, 0.7);
  EXPECT_LT(ks(Input::gross_margin, [&](double x) { return bm::cdf(tri_min, x); }), crit);
  const bm::triangular_distribution<> tri_max(200, 400, 400);
  EXPECT_LT(ks(Input::manager_hourly_cost, [&](double x) { return bm::cdf(tri_max, x); }), crit);
  const bm::normal_distribution<> normal(5000, 500);
  EXPECT_LT(ks(Input::monthly, [&](double x) { return bm::cdf(normal, x); }), crit);
  const double mu = 0.5 * (std::log(10000.0) + std::log(50000.0));
  const double sigma = (std::log(50000.0) - std::log(10000.0)) / (2 * kZ90);
  const bm::lognormal_distribution<> logn(mu, sigma);
  EXPECT_LT(ks(Input::implementation, [&](double x) { return bm::cdf(logn, x); }), crit);
  const bm::beta_distribution<> beta(0.5, 2);
  EXPECT_LT(ks(Input::no_show_reduction, [&](double x) { return bm::cdf(beta, x); }), crit);
  const bm::normal_distribution<> std_normal;
  const double f_lo = bm::cdf(std_normal, 1.5), f_hi = bm::cdf(std_normal, 3.0);
  EXPECT_LT(ks(Input::booking_conversion_uplift,
               [&](double x) {
                 return std::clamp((bm::cdf(std_normal, x) - f_lo) / (f_hi - f_lo), 0.0, 1.0);
               }),
            crit);
}

TEST(Sampler, IndependentInputsAreUncorrelated) {
  Scenario s = correlated_scenario();
  s.correlations.clear();
  constexpr std::uint64_t kRuns = 100'000;
  const auto cols = draw_all(InputSampler(s, 5, kRuns), kRuns);
  const std::size_t ids[] = {index(Input::lead_growth), index(Input::booking_conversion_uplift),
                             index(Input::no_show_reduction), index(Input::manager_hours_saved)};
  for (std::size_t a = 0; a < 4; ++a) {
    for (std::size_t b = a + 1; b < 4; ++b) {
      EXPECT_NEAR(spearman(cols[ids[a]], cols[ids[b]]), 0.0, 5 * spearman_se(0.0, kRuns));
    }
  }
}

TEST(Sampler, PerfectRankCorrelationIsSingularButWorks) {
  Scenario s = correlated_scenario();
  // g ~ u = 1 and g ~ r = -1 force u ~ r = -1 (anything else is not PSD).
  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 1.0},
                    {Input::lead_growth, Input::no_show_reduction, -1.0},
                    {Input::booking_conversion_uplift, Input::no_show_reduction, -1.0}};
  constexpr std::uint64_t kRuns = 5000;
  const auto cols = draw_all(InputSampler(s, 9, kRuns), kRuns);
  const auto& g = cols[index(Input::lead_growth)];
  const auto& u = cols[index(Input::booking_conversion_uplift)];
  const auto& r = cols[index(Input::no_show_reduction)];
  EXPECT_DOUBLE_EQ(spearman(g, u), 1.0);
  EXPECT_DOUBLE_EQ(spearman(g, r), -1.0);
  // Comonotone: u is the PERT quantile at g's probability.
  for (std::uint64_t i = 0; i < kRuns; ++i) EXPECT_NEAR(cdf_u(u[i]), cdf_g(g[i]), 1e-9);
}

TEST(Sampler, RejectsInvalidCorrelations) {
  Scenario s = correlated_scenario();
  s.correlations = {{Input::lead_growth, Input::leads_per_month, 0.3}};  // fixed input
  EXPECT_THROW(InputSampler(s, 1, 10), std::invalid_argument);
  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.9},
                    {Input::lead_growth, Input::no_show_reduction, 0.9},
                    {Input::booking_conversion_uplift, Input::no_show_reduction, -0.9}};
  EXPECT_THROW(InputSampler(s, 1, 10), std::invalid_argument);  // not PSD
}

// ---------------------------------------------------------------- Latin hypercube

Scenario lhs_scenario() {
  Scenario s = correlated_scenario();
  s.simulation.sampling = Sampling::latin_hypercube;
  set(s, Input::average_check, Distribution::pert(1200, 1500, 2200));
  set(s, Input::monthly, Distribution::normal(5000, 500).truncated(0, Distribution::kInf));
  set(s, Input::manager_hourly_cost, Distribution::lognormal_p5_p95(250, 450));
  return s;
}

TEST(SamplerLatinHypercube, OneValuePerStratum) {
  const bm::beta_distribution<> check_beta(1 + 4 * 300.0 / 1000, 1 + 4 * 700.0 / 1000);
  const bm::normal_distribution<> monthly(5000, 500);
  const double mu = 0.5 * (std::log(250.0) + std::log(450.0));
  const double sigma = (std::log(450.0) - std::log(250.0)) / (2 * kZ90);
  const bm::lognormal_distribution<> hourly(mu, sigma);
  // Truncation of normal(5000, 500) at 0 removes mass ~1e-23: negligible.
  for (const std::uint64_t n : {1000u, 1001u}) {
    const auto cols = draw_all(InputSampler(lhs_scenario(), 77, n), n);
    EXPECT_TRUE(one_per_stratum_per_block(cols[index(Input::manager_hours_saved)], cdf_h)) << n;
    EXPECT_TRUE(one_per_stratum_per_block(cols[index(Input::average_check)], [&](double x) {
      return bm::cdf(check_beta, (x - 1200) / 1000);
    })) << n;
    EXPECT_TRUE(one_per_stratum_per_block(cols[index(Input::monthly)], [&](double x) {
      return bm::cdf(monthly, x);
    })) << n;
    EXPECT_TRUE(one_per_stratum_per_block(cols[index(Input::manager_hourly_cost)], [&](double x) {
      return bm::cdf(hourly, x);
    })) << n;
    // The first correlated input's normal score is not mixed (L's first row
    // is e_1), so it stays exactly stratified too.
    EXPECT_TRUE(one_per_stratum_per_block(cols[index(Input::lead_growth)], cdf_g)) << n;
  }
}

TEST(SamplerLatinHypercube, FeistelPermutationIsBijective) {
  // With uniform(0, 1) marginals the value is the stratified probability
  // itself, so floor(x * n) is the stratum pi_j(run) of each input j.
  Scenario s = base_scenario();
  s.simulation.sampling = Sampling::latin_hypercube;
  const Input ids[] = {Input::no_show_rate, Input::gross_margin, Input::no_show_reduction,
                       Input::monthly_churn};
  for (Input id : ids) set(s, id, Distribution::uniform(0.0, 1.0));
  const auto identity_cdf = [](double x) { return x; };
  for (const std::uint64_t n : {1u, 2u, 3u, 25u, 1000u, 65537u}) {
    const auto cols = draw_all(InputSampler(s, 31337, n), n);
    for (Input id : ids) EXPECT_TRUE(one_per_stratum_per_block(cols[index(id)], identity_cdf)) << n;
    if (n >= 1000) {
      // Different inputs, and different blocks, get different permutations,
      // and none is the identity: floor(x m) is the stratum pi_jb(r) of
      // local run r of block b, of m runs.
      const auto bounds = lhs_replicate_bounds(n);
      ASSERT_EQ(bounds.size(), kLhsReplicates + 1) << n;
      const auto& a = cols[index(ids[0])];
      const auto& b = cols[index(ids[1])];
      std::size_t same = 0, fixed_points = 0, same_as_block0 = 0;
      for (std::size_t blk = 0; blk + 1 < bounds.size(); ++blk) {
        const auto m = static_cast<double>(bounds[blk + 1] - bounds[blk]);
        for (std::uint64_t i = bounds[blk]; i < bounds[blk + 1]; ++i) {
          const std::uint64_t r = i - bounds[blk];
          const auto ka = static_cast<std::uint64_t>(a[i] * m);
          const auto kb = static_cast<std::uint64_t>(b[i] * m);
          same += ka == kb;
          fixed_points += ka == r;
          if (blk > 0 && r < bounds[1]) {
            same_as_block0 +=
                ka == static_cast<std::uint64_t>(a[r] * static_cast<double>(bounds[1] - bounds[0]));
          }
        }
      }
      // ~1 expected per block for random permutations.
      EXPECT_LT(same, 3 * kLhsReplicates) << n;
      EXPECT_LT(fixed_points, 3 * kLhsReplicates) << n;
      EXPECT_LT(same_as_block0, 3 * kLhsReplicates) << n;
      // The pairing is random: rank correlation ~ 0.
      EXPECT_NEAR(spearman(a, b), 0.0, 5 * spearman_se(0.0, n)) << n;
    }
  }
}

TEST(SamplerLatinHypercube, MeanIsFarMoreAccurateThanMonteCarlo) {
  // For a monotone function of one input (here the input itself) Latin
  // hypercube sampling removes the between-strata variance: the error of the
  // sample mean is O(sd / n^1.5) instead of the Monte Carlo sd / sqrt(n)
  // (McKay, Beckman & Conover 1979; Stein 1987). At n = 10,000 it is about
  // 1% of one MC standard error, so a 0.2-SE band is a strict yet safe test
  // (measured: below 0.002 SE for the independent inputs). The correlated
  // uplift is a non-additive function of two stratified normal scores, so a
  // little MC variance remains (measured: about 0.02 SE) -- still far inside.
  constexpr std::uint64_t kRuns = 10'000;
  const Scenario s = lhs_scenario();
  const auto cols = draw_all(InputSampler(s, 11, kRuns), kRuns);
  for (Input id : {Input::average_check, Input::manager_hours_saved, Input::monthly,
                   Input::manager_hourly_cost, Input::booking_conversion_uplift}) {
    const Distribution& d = s.inputs[index(id)];
    const auto& x = cols[index(id)];
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / kRuns;
    const double mc_se = std::sqrt(d.variance() / kRuns);
    EXPECT_NEAR(mean, d.mean(), 0.2 * mc_se) << info(id).path;
  }
}

TEST(SamplerLatinHypercube, CorrelationsAndMarginalsHold) {
  constexpr std::uint64_t kRuns = 100'000;
  const auto cols = draw_all(InputSampler(lhs_scenario(), 3, kRuns), kRuns);
  const auto& g = cols[index(Input::lead_growth)];
  const auto& u = cols[index(Input::booking_conversion_uplift)];
  const auto& r = cols[index(Input::no_show_reduction)];
  EXPECT_NEAR(spearman(g, u), 0.4, 5 * spearman_se(0.4, kRuns));
  EXPECT_NEAR(spearman(g, r), -0.7, 5 * spearman_se(-0.7, kRuns));
  const double crit = 1.63 / std::sqrt(static_cast<double>(kRuns));
  EXPECT_LT(ks_statistic(u, cdf_u), crit);
  EXPECT_LT(ks_statistic(r, cdf_r), crit);
}

TEST(SamplerLatinHypercube, ReplicatedBlocks) {
  // 20 blocks from 200 runs; n / 10 below (at least 10 runs a block), one
  // block below 20 runs. Blocks are consecutive and differ by <= 1 run.
  const std::pair<std::uint64_t, std::uint64_t> cases[] = {
      {0, 1},
      {1, 1},
      {19, 1},
      {20, 2},
      {29, 2},
      {30, 3},
      {199, 19},
      {200, 20},
      {201, 20},
      {1'000'003, 20},
      {std::numeric_limits<std::uint64_t>::max(), 20}};
  for (const auto& [n, blocks] : cases) {
    EXPECT_EQ(lhs_replicates(n), blocks) << n;
    EXPECT_EQ(lhs_replicate_begin(n, blocks, 0), 0u) << n;
    EXPECT_EQ(lhs_replicate_begin(n, blocks, blocks), n) << n;
    const std::uint64_t small = n / blocks;
    for (std::uint64_t b = 0; b < blocks; ++b) {
      const std::uint64_t size =
          lhs_replicate_begin(n, blocks, b + 1) - lhs_replicate_begin(n, blocks, b);
      EXPECT_TRUE(size == small || size == small + 1) << n << " block " << b;
    }
  }
}

TEST(SamplerLatinHypercube, RunOutsideTheDesignThrows) {
  const InputSampler sampler(lhs_scenario(), 1, 10);
  InputValues v{};
  EXPECT_NO_THROW(sampler.draw(9, v));
  EXPECT_THROW(sampler.draw(10, v), std::out_of_range);
}

}  // namespace
}  // namespace simroi

// ---------------------------------------------------------------- one input changed

namespace simroi {
namespace {

/// Every draw of `a` and `b` over `runs` runs, bit for bit.
void expect_same_draws(const InputSampler& a, const InputSampler& b, std::uint64_t runs,
                       const char* what) {
  EXPECT_EQ(a.uncertain(), b.uncertain()) << what;
  InputValues x{}, y{};
  for (std::uint64_t r = 0; r < runs; ++r) {
    a.draw(r, x);
    b.draw(r, y);
    for (std::size_t i = 0; i < kInputCount; ++i) {
      ASSERT_EQ(bits(x[i]), bits(y[i])) << what << ", run " << r << ", " << input_table()[i].path;
    }
  }
}

// set_input gives exactly the draws of a sampler built afresh with that input:
// for every way an input can be drawn (table, uniform, triangular, exact
// sampler, copula), for a fixed input becoming uncertain and back, in both
// samplings.
TEST(SamplerSetInput, EqualsAFreshSampler) {
  struct Change {
    Input id;
    Distribution to;
    const char* what;
  };
  const std::vector<Change> changes{
      {Input::average_check, Distribution::pert(1000, 1600, 2500), "table to table"},
      {Input::average_check, Distribution::uniform(1000, 2000), "table to uniform"},
      {Input::gross_margin, Distribution::beta(30, 20), "triangular to table"},
      {Input::no_show_rate, Distribution::triangular(0.1, 0.2, 0.3), "uniform to triangular"},
      {Input::monthly, Distribution::lognormal_p5_p95(4000, 7000), "table to exact sampler"},
      {Input::leads_per_month, Distribution::pert(100, 200, 400), "fixed to uncertain"},
      {Input::manager_hourly_cost, Distribution::fixed(300), "uncertain to fixed"},
      {Input::booking_conversion_uplift, Distribution::beta(2, 3), "correlated, new marginal"},
      {Input::lead_growth, Distribution::uniform(0.1, 0.3), "correlated uniform"},
  };
  for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
    Scenario s = salon_scenario();
    s.simulation.sampling = sampling;
    constexpr std::uint64_t kRuns = 3000;
    InputSampler changed(s, 11, kRuns);
    for (const Change& c : changes) {
      changed.set_input(c.id, c.to);
      set(s, c.id, c.to);
      EXPECT_EQ(changed.input(c.id).kind(), c.to.kind());
      expect_same_draws(changed, InputSampler(s, 11, kRuns), kRuns, c.what);
    }
  }
}

// A correlated input cannot become fixed; the refusal changes nothing.
TEST(SamplerSetInput, RefusesToFixACorrelatedInputAndStaysAsItWas) {
  const Scenario s = salon_scenario();
  InputSampler sampler(s, 5, 500);
  EXPECT_THROW(sampler.set_input(Input::lead_growth, Distribution::fixed(0.2)),
               std::invalid_argument);
  expect_same_draws(sampler, InputSampler(s, 5, 500), 500, "after the refusal");
}

// Common random numbers: every input draws from its own stream (sampler.h),
// so any change to one input -- another draw method, fixed or uncertain, a new
// marginal of a correlated input -- leaves every other input's draws bit for
// bit; in both samplings, through set_input and in a fresh sampler alike.
TEST(SamplerCommonRandomNumbers, ChangingOneInputNeverMovesAnother) {
  struct Change {
    Input id;
    Distribution to;
    const char* what;
  };
  const std::vector<Change> changes{
      {Input::average_check, Distribution::uniform(1000, 2000), "table to uniform"},
      {Input::gross_margin, Distribution::beta(30, 20), "triangular to table"},
      {Input::no_show_rate, Distribution::triangular(0.1, 0.2, 0.3), "uniform to triangular"},
      {Input::monthly, Distribution::lognormal_p5_p95(4000, 7000), "table to exact sampler"},
      {Input::leads_per_month, Distribution::pert(100, 200, 400), "fixed to uncertain"},
      {Input::manager_hourly_cost, Distribution::fixed(300), "uncertain to fixed"},
      {Input::lead_growth, Distribution::uniform(0.1, 0.5), "correlated, new marginal"},
  };
  for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
    Scenario s = salon_scenario();
    s.simulation.sampling = sampling;
    constexpr std::uint64_t kRuns = 2000;
    const InputSampler before(s, 3, kRuns);
    for (const Change& c : changes) {
      InputSampler after(s, 3, kRuns);
      after.set_input(c.id, c.to);
      Scenario changed = s;
      set(changed, c.id, c.to);
      const InputSampler fresh(changed, 3, kRuns);
      InputValues x{}, y{}, z{};
      int moved = 0;
      for (std::uint64_t r = 0; r < kRuns; ++r) {
        before.draw(r, x);
        after.draw(r, y);
        fresh.draw(r, z);
        for (std::size_t i = 0; i < kInputCount; ++i) {
          if (static_cast<Input>(i) == c.id) {
            moved += x[i] != y[i] ? 1 : 0;
            continue;
          }
          ASSERT_EQ(bits(x[i]), bits(y[i]))
              << c.what << ": " << input_table()[i].path << ", run " << r;
          ASSERT_EQ(bits(x[i]), bits(z[i])) << c.what << " (fresh): " << input_table()[i].path;
        }
      }
      EXPECT_GT(moved, static_cast<int>(kRuns) * 9 / 10) << c.what;  // the changed input did change
    }
  }
}

// A triangular input's draw of each run is non-decreasing in a, mode and b
// (a + (b - mode) min(U, V) + (mode - a) max(U, V) for the run's own U, V), so
// a sweep or a goal seek over one of them moves every run the same way; and
// every draw stays in [a, b].
TEST(SamplerCommonRandomNumbers, TriangularDrawsMoveMonotonicallyWithTheirParameters) {
  Scenario s = base_scenario();
  const auto draws = [&](double a, double mode, double b) {
    set(s, Input::manager_hours_saved, Distribution::triangular(a, mode, b));
    return draw_all(InputSampler(s, 11, 5000), 5000)[index(Input::manager_hours_saved)];
  };
  const std::vector<double> base = draws(5, 15, 30);
  const std::vector<std::vector<double>> raised{draws(6, 15, 30), draws(5, 20, 30),
                                                draws(5, 15, 40)};
  for (const auto& up : raised) {
    int moved = 0;
    for (std::size_t r = 0; r < base.size(); ++r) {
      ASSERT_GE(up[r], base[r]) << "run " << r;
      moved += up[r] > base[r] ? 1 : 0;
    }
    EXPECT_EQ(moved, static_cast<int>(base.size()));  // U, V are in (0, 1): every run moves
  }
  for (const double x : base) {
    ASSERT_GE(x, 5.0);
    ASSERT_LE(x, 30.0);
  }
  // Mode at an end: the draws stay inside the support too.
  for (const double x : draws(0.5, 0.7, 0.7)) ASSERT_TRUE(x >= 0.5 && x <= 0.7) << x;
}

// Dropping a correlation changes only the inputs it named: the others keep
// their draws, and the formerly correlated inputs keep theirs whenever the
// copula left them unmixed (the first input of the Cholesky factor).
TEST(SamplerCommonRandomNumbers, DroppingACorrelationMovesOnlyItsInputs) {
  Scenario s = salon_scenario();
  ASSERT_FALSE(s.correlations.empty());
  const Correlation dropped = s.correlations.front();
  const InputSampler before(s, 8, 1000);
  s.correlations.erase(s.correlations.begin());
  const InputSampler after(s, 8, 1000);
  InputValues x{}, y{};
  for (std::uint64_t r = 0; r < 1000; ++r) {
    before.draw(r, x);
    after.draw(r, y);
    for (std::size_t i = 0; i < kInputCount; ++i) {
      const auto id = static_cast<Input>(i);
      if (id == dropped.a || id == dropped.b) continue;
      ASSERT_EQ(bits(x[i]), bits(y[i])) << input_table()[i].path << ", run " << r;
    }
  }
}

TEST(SamplerSetInput, SetSeedEqualsAFreshSampler) {
  for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
    Scenario s = salon_scenario();
    s.simulation.sampling = sampling;
    InputSampler sampler(s, 1, 2000);
    sampler.set_seed(99);
    expect_same_draws(sampler, InputSampler(s, 99, 2000), 2000, "seed 99");
  }
}

// ---------------------------------------------------------------- every kind correlated

namespace correlated_kinds {

/// One distribution of each scenario kind for costs.monthly, as written and
/// truncated to [5000, 8000] (beta, a share: [0.1, 0.6]); discrete cannot be
/// truncated (Distribution::truncated and the reader refuse it).
struct KindCase {
  DistKind kind;
  Distribution plain;
  std::optional<Distribution> cut;
};

std::vector<KindCase> kind_cases() {
  std::vector<KindCase> out;
  for (const KindInfo& k : kind_table()) {
    switch (k.kind) {
      case DistKind::fixed:
        break;  // not uncertain: nothing to correlate (validate() refuses it)
      case DistKind::uniform:
        out.push_back({k.kind, Distribution::uniform(4000, 9000), {}});
        break;
      case DistKind::triangular:
        out.push_back({k.kind, Distribution::triangular(4000, 6000, 9000), {}});
        break;
      case DistKind::pert:
        out.push_back({k.kind, Distribution::pert(4000, 6000, 9000), {}});
        break;
      case DistKind::normal:
        out.push_back({k.kind, Distribution::normal(6000, 1000), {}});
        break;
      case DistKind::lognormal:
        out.push_back({k.kind, Distribution::lognormal_p5_p95(4000, 9000), {}});
        break;
      case DistKind::beta:
        out.push_back({k.kind, Distribution::beta(2, 5), {}});
        break;
      case DistKind::discrete:
        out.push_back({k.kind, Distribution::discrete({4000, 6000, 9000}, {0.5, 0.3, 0.2}), {}});
        break;
    }
  }
  for (auto& c : out) {
    if (c.kind == DistKind::discrete) continue;
    c.cut = c.kind == DistKind::beta ? c.plain.truncated(0.1, 0.6) : c.plain.truncated(5000, 8000);
  }
  return out;
}

}  // namespace correlated_kinds

TEST(SamplerCorrelatedKinds, EveryKindTruncatedOrNotReachesItsRankCorrelation) {
  using correlated_kinds::kind_cases;
  const auto cases = kind_cases();
  ASSERT_EQ(cases.size(), kDistKindCount - 1);  // every kind but fixed
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1, 1}).truncated(0, 1.5),
               std::invalid_argument);
  constexpr std::uint64_t kRuns = 4000;
  constexpr double kRho = 0.5;
  for (const auto& c : cases) {
    for (const Distribution* d : {&c.plain, c.cut ? &*c.cut : nullptr}) {
      if (d == nullptr) continue;
      for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
        SCOPED_TRACE(d->describe() + (sampling == Sampling::monte_carlo ? " MC" : " LHS"));
        Scenario s = base_scenario();
        s.simulation.sampling = sampling;
        set(s, Input::lead_growth, Distribution::uniform(0.1, 0.4));
        set(s, Input::monthly, *d);
        s.correlations = {{Input::lead_growth, Input::monthly, kRho}};
        const InputSampler sampler(s, 7, kRuns);
        std::vector<double> g(kRuns), m(kRuns);
        InputValues x{};
        for (std::uint64_t i = 0; i < kRuns; ++i) {
          sampler.draw(i, x);
          g[i] = x[index(Input::lead_growth)];
          m[i] = x[index(Input::monthly)];
          ASSERT_GE(m[i], d->support_min());
          ASSERT_LE(m[i], d->support_max());
        }
        // The marginal: its mean within 5 standard errors.
        const double mean = std::accumulate(m.begin(), m.end(), 0.0) / kRuns;
        EXPECT_NEAR(mean, d->mean(), 5.0 * std::sqrt(d->variance() / kRuns));
        const double rho = spearman(g, m);
        const double se = (1 - kRho * kRho) / std::sqrt(static_cast<double>(kRuns));
        if (d->kind() != DistKind::discrete) {
          EXPECT_NEAR(rho, kRho, 5 * se);  // continuous: the requested Spearman
        } else {
          // Ties lower it: the population value with midranks, computed
          // independently (copula_spearman.h), is 0.447 for these weights.
          const double expected = testing::copula_spearman_with_discrete(
              spearman_to_normal_correlation(kRho), {0.5, 0.3, 0.2});
          EXPECT_NEAR(expected, 0.447, 0.001);
          EXPECT_NEAR(rho, expected, 5 * se);
          EXPECT_LT(rho, kRho - 2 * se);
        }
      }
    }
  }
}

}  // namespace
}  // namespace simroi
