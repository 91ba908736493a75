#include "simroi/sampling/normal_score_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "ks.h"
#include "simroi/core/constants.h"
#include "simroi/sampling/sampler.h"

namespace simroi {
namespace {

namespace bm = boost::math;
constexpr double kInf = Distribution::kInf;

/// Standard normal CDF (double precision; accurate in the lower tail).
double phi_cdf(double y) {
  return 0.5 * std::erfc(-y / std::sqrt(2.0));
}

struct Case {
  std::string name;
  Distribution dist;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::vector<Case> cases() {
  return {
      {"pert_0_0_1", Distribution::pert(0, 0, 1)},
      {"pert_0_1_1", Distribution::pert(0, 1, 1)},
      {"pert_0_001_1", Distribution::pert(0, 0.01, 1)},
      {"pert_uplift", Distribution::pert(-0.05, 0.10, 0.25)},
      {"pert_leads", Distribution::pert(60, 150, 400)},
      {"beta_05_05", Distribution::beta(0.5, 0.5)},
      {"beta_2_5", Distribution::beta(2, 5)},
      {"beta_45_55", Distribution::beta(45, 55)},
      {"truncnormal_two_sided", Distribution::normal(0.12, 0.10).truncated(-0.10, 0.40)},
      {"truncnormal_lower", Distribution::normal(5000, 500).truncated(4500, kInf)},
      {"truncnormal_upper", Distribution::normal(0, 1).truncated(-kInf, 0.5)},
      {"truncnormal_far_tail", Distribution::normal(0, 1).truncated(3, kInf)},
      {"lognormal", Distribution::lognormal_p5_p95(35000, 220000)},
      {"lognormal_truncated", Distribution::lognormal_p5_p95(35000, 220000).truncated(0, 300000)},
      {"normal", Distribution::normal(1, 2)},
      {"triangular", Distribution::triangular(20, 40, 80)},
      {"triangular_mode_at_min", Distribution::triangular(0, 0, 1)},
      {"triangular_truncated", Distribution::triangular(20, 40, 80).truncated(25, 70)},
      {"pert_truncated", Distribution::pert(0, 0.3, 1).truncated(0.1, 0.9)},
      {"uniform", Distribution::uniform(0.15, 0.4)},
  };
}

class NormalScoreMapAccuracy : public ::testing::TestWithParam<Case> {};

TEST_P(NormalScoreMapAccuracy, MeetsTheStatedToleranceAtRandomPoints) {
  const Distribution& d = GetParam().dist;
  const NormalScoreMap m(d);
  ASSERT_FALSE(m.is_exact_fallback());
  EXPECT_LE(m.max_error(), m.tolerance());
  // tolerance = 1e-9 of the width (bounded) or of P99.9 - P0.1 (unbounded).
  const double scale = std::isfinite(d.support_max() - d.support_min())
                           ? d.support_max() - d.support_min()
                           : d.quantile(0.999) - d.quantile(0.001);
  EXPECT_DOUBLE_EQ(m.tolerance(), NormalScoreMap::kRelTol * scale);

  std::mt19937_64 rng(20240601);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> wide(-NormalScoreMap::kYMax - 0.7,
                                              NormalScoreMap::kYMax + 0.7);
  double err_normal = 0.0, err_wide = 0.0;
  for (int i = 0; i < 100'000; ++i) {
    // Normal scores as the copula draws them, against the library's own
    // Distribution::quantile(Phi(y)).
    const double y = normal(rng);
    err_normal = std::max(err_normal, std::abs(m(y) - d.quantile(phi_cdf(y))));
    // The whole grid and beyond, both tails, against the tail-accurate exact path.
    const double w = wide(rng);
    err_wide = std::max(err_wide, std::abs(m(w) - m.exact(w)));
  }
  EXPECT_LE(err_normal, m.tolerance());
  EXPECT_LE(err_wide, m.tolerance());
  std::printf("[ nsmap  ] %-24s %-40s n=%5zu midpoint %.2e, random %.2e / %.2e, tol %.2e\n",
              GetParam().name.c_str(), d.describe().c_str(), m.intervals(), m.max_error(),
              err_normal, err_wide, m.tolerance());
}

TEST_P(NormalScoreMapAccuracy, ExactPathAgreesWithTheDistribution) {
  const Distribution& d = GetParam().dist;
  const NormalScoreMap m(d);
  for (double y = -NormalScoreMap::kYMax; y <= NormalScoreMap::kYMax; y += 0.01) {
    const double x = m.exact(y);
    // Lower half: Phi(y) is exact in double, so Distribution::quantile is the reference.
    if (y <= 0.0) {
      EXPECT_NEAR(x, d.quantile(phi_cdf(y)), 1e-3 * m.tolerance()) << y;
    }
    // Both halves, |y| <= 4: the true quantile lies within one ulp of x (1e-12
    // slack in probability). Not further out: near an end where the density is
    // infinite (beta(0.5, 0.5)) the double CDF is not accurate to 1e-12 per ulp
    // of x (the upper tail is checked by symmetry below), and
    // Distribution::cdf(a) is NaN for triangular(a, a, b).
    const double u = phi_cdf(y);
    const double margin = 1e-3 * m.tolerance();
    if (std::abs(y) <= 4.0 && x > d.support_min() + margin && x < d.support_max() - margin) {
      EXPECT_LE(d.cdf(std::nextafter(x, -kInf)), u + 1e-12) << y;
      EXPECT_GE(d.cdf(std::nextafter(x, kInf)), u - 1e-12) << y;
    }
  }
}

TEST_P(NormalScoreMapAccuracy, MonotoneAndInsideTheSupport) {
  const Distribution& d = GetParam().dist;
  const NormalScoreMap m(d);
  // Strictly monotone on the grid (and across its ends); beyond it the exact
  // path is monotone only to Boost's precision (a few ulps).
  const double grid_end = m.grid_start() + m.grid_step() * static_cast<double>(m.intervals());
  double prev = -kInf;
  for (int i = -200'000; i <= 200'000; ++i) {  // step 5e-5 over [-10, 10]
    const double y = 5e-5 * i;
    const double x = m(y);
    const bool on_grid = m.intervals() > 0 && y >= m.grid_start() && y <= grid_end;
    const double slack = on_grid ? 0.0 : 4 * std::numeric_limits<double>::epsilon() * std::abs(x);
    ASSERT_GE(x, prev - slack) << "y = " << y;
    ASSERT_GE(x, d.support_min()) << "y = " << y;
    ASSERT_LE(x, d.support_max()) << "y = " << y;
    prev = x;
  }
}

INSTANTIATE_TEST_SUITE_P(Marginals, NormalScoreMapAccuracy, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(NormalScoreMap, ExactUpperTailMirrorsTheLowerTailForSymmetricMarginals) {
  // The lower tail of exact() is checked against Distribution::quantile above;
  // for a symmetric marginal the upper tail (computed by complement
  // quantiles) must be its mirror image: G(y) + G(-y) = 2 centre.
  const std::pair<Distribution, double> symmetric[] = {
      {Distribution::beta(0.5, 0.5), 0.5},
      {Distribution::beta(3, 3), 0.5},
      {Distribution::pert(0, 0.5, 1), 0.5},
      {Distribution::uniform(-1, 3), 1.0},
      {Distribution::triangular(-1, 1, 3), 1.0},
      {Distribution::normal(0, 1).truncated(-1.5, 1.5), 0.0},
  };
  for (const auto& [d, centre] : symmetric) {
    const NormalScoreMap m(d);
    const double width = d.support_max() - d.support_min();
    for (double y = 0.0; y <= 9.0; y += 0.01) {
      EXPECT_NEAR(m.exact(y) + m.exact(-y), 2 * centre, 4e-16 * width) << d.describe() << " " << y;
      EXPECT_NEAR(m(y) + m(-y), 2 * centre, 2 * m.tolerance()) << d.describe() << " " << y;
    }
  }
}

TEST(NormalScoreMap, ClosedFormsForUntruncatedNormalAndLognormal) {
  EXPECT_EQ(NormalScoreMap(Distribution::normal(1, 2)).method(), NormalScoreMap::Method::affine);
  EXPECT_EQ(NormalScoreMap(Distribution::lognormal_p5_p95(1, 3)).method(),
            NormalScoreMap::Method::exp_affine);
  EXPECT_EQ(NormalScoreMap(Distribution::normal(1, 2).truncated(0, kInf)).method(),
            NormalScoreMap::Method::table);
  EXPECT_EQ(NormalScoreMap(Distribution::pert(0, 1, 3)).method(), NormalScoreMap::Method::table);
  EXPECT_EQ(NormalScoreMap(Distribution::pert(0, 1, 3)).intervals(), NormalScoreMap::kMinIntervals);
  const NormalScoreMap n(Distribution::normal(1, 2));
  EXPECT_DOUBLE_EQ(n(0.5), 2.0);
  const NormalScoreMap identity;
  EXPECT_DOUBLE_EQ(identity(-1.25), -1.25);
}

TEST(NormalScoreMap, RefinesTheGridForHardShapes) {
  // U-shaped beta with tiny shapes: 1024 intervals are not enough.
  const Distribution d = Distribution::beta(0.01, 0.01);
  const NormalScoreMap m(d);
  EXPECT_EQ(m.method(), NormalScoreMap::Method::table);
  EXPECT_GT(m.intervals(), NormalScoreMap::kMinIntervals);
  EXPECT_LE(m.intervals(), NormalScoreMap::kMaxIntervals);
  EXPECT_LE(m.max_error(), m.tolerance());
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> wide(-NormalScoreMap::kYMax, NormalScoreMap::kYMax);
  double err = 0.0;
  for (int i = 0; i < 100'000; ++i) {
    const double y = wide(rng);
    err = std::max(err, std::abs(m(y) - m.exact(y)));
  }
  EXPECT_LE(err, m.tolerance());
}

TEST(NormalScoreMap, FallsBackToTheExactQuantileWhenNoGridIsAccurate) {
  const Distribution d = Distribution::beta(0.003, 0.003);
  const NormalScoreMap m(d);
  EXPECT_TRUE(m.is_exact_fallback());
  EXPECT_GT(m.max_error(), m.tolerance());
  EXPECT_EQ(m.intervals(), 0u);
  for (double y = -9.0; y <= 9.0; y += 0.37) EXPECT_EQ(m(y), m.exact(y)) << y;
}

TEST(NormalScoreMap, TailsBeyondTheGridUseTheExactPath) {
  const Distribution d = Distribution::pert(0, 0.3, 1);
  const NormalScoreMap m(d);
  for (const double y :
       {-40.0, -9.0, -NormalScoreMap::kYMax - 0.01, NormalScoreMap::kYMax + 0.01, 9.0, 40.0}) {
    EXPECT_EQ(m(y), m.exact(y)) << y;
    EXPECT_GE(m(y), 0.0);
    EXPECT_LE(m(y), 1.0);
  }
  EXPECT_LT(m(-9.0), m(-NormalScoreMap::kYMax));
  EXPECT_GT(m(9.0), m(NormalScoreMap::kYMax));
  EXPECT_TRUE(std::isnan(m(std::numeric_limits<double>::quiet_NaN())));
}

TEST(NormalScoreMap, TriangularModeIsAGridNode) {
  // The density's kink at the mode must fall on a node, not inside an interval.
  const Distribution d = Distribution::triangular(20, 40, 80);
  const NormalScoreMap m(d);
  const double yc = -std::sqrt(2.0) * bm::erfc_inv(2.0 * d.cdf(40.0));
  const double k = (yc - m.grid_start()) / m.grid_step();
  EXPECT_NEAR(k, std::round(k), 1e-6);
  EXPECT_NEAR(m(yc), 40.0, 1e-12);
}

TEST(NormalScoreMap, RejectsFixed) {
  EXPECT_THROW(NormalScoreMap(Distribution::fixed(3)), std::invalid_argument);
}

TEST(NormalScoreMap, DiscreteIsTheStepFunctionOfTheQuantile) {
  // G(y) = Q(Phi(y)) with Q the discrete quantile: checked against
  // Distribution::quantile() (its own implementation, on cumulative weights)
  // on a fine grid, and at the thresholds' neighbours, in both tails.
  const Distribution d =
      Distribution::discrete({6000, 4000, 9000, 4000, 7000}, {0.3, 0.25, 0.2, 0.25, 0.0});
  const NormalScoreMap m(d);
  EXPECT_EQ(m.method(), NormalScoreMap::Method::steps);
  for (double y = -9.0; y <= 9.0; y += 0.001) {
    const double u = phi_cdf(y);
    if (u <= 0.0 || u >= 1.0) continue;
    // Away from a threshold (|P - u| > 1e-12) the two must agree exactly.
    const double f = d.cdf(d.quantile(u));
    const double f_before = d.cdf(std::nextafter(d.quantile(u), -kInf));
    if (std::abs(f - u) < 1e-12 || std::abs(f_before - u) < 1e-12) continue;
    ASSERT_EQ(m(y), d.quantile(u)) << "y = " << y;
  }
  // P(X <= 4000) = 0.5: threshold at y = 0; P(X <= 6000) = 0.8.
  EXPECT_EQ(m(-1e-9), 4000.0);
  EXPECT_EQ(m(0.0), 4000.0);  // u = 0.5 <= F(4000): inf{x : F(x) >= u} = 4000
  EXPECT_EQ(m(1e-9), 6000.0);
  const double y80 = -std::sqrt(2.0) * bm::erfc_inv(2.0 * 0.8);
  EXPECT_EQ(m(y80 - 1e-9), 6000.0);
  EXPECT_EQ(m(y80 + 1e-9), 9000.0);  // 7000 has weight 0: never drawn
  // Far tails: the ends of the support, never anything outside.
  EXPECT_EQ(m(-40.0), 4000.0);
  EXPECT_EQ(m(40.0), 9000.0);
  EXPECT_TRUE(std::isnan(m(std::nan(""))));
  // An upper-tail threshold is computed from P(X > v), not 1 - P(X <= v):
  // weight 1e-20 above 1 still gets its own (finite) threshold.
  const NormalScoreMap tiny(Distribution::discrete({1, 2}, {1.0, 1e-20}));
  EXPECT_EQ(tiny(9.0), 1.0);
  EXPECT_EQ(tiny(9.5), 2.0);  // Phi(-9.5) = 1.05e-21 < 1e-20 (threshold y = 9.26)
  // One value: constant.
  const NormalScoreMap one(Distribution::discrete({5}, {2}));
  EXPECT_EQ(one(-3.0), 5.0);
  EXPECT_EQ(one(3.0), 5.0);
}

// ---------------------------------------------------------------- in the sampler

/// The salon scenario's uncertain inputs (scenarios/salon.yaml), 10 of them,
/// with its two correlations.
Scenario salon_like() {
  Scenario s;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    s.inputs[i] = Distribution::fixed(input_table()[i].default_value);
  }
  auto set = [&](Input id, Distribution d) { s.inputs[index(id)] = std::move(d); };
  set(Input::leads_per_month, Distribution::pert(60, 150, 400));
  set(Input::booking_conversion, Distribution::normal(0.50, 0.08).truncated(0.35, 0.65));
  set(Input::no_show_rate, Distribution::pert(0.08, 0.15, 0.25));
  set(Input::average_check, Distribution::pert(1500, 2300, 3500));
  set(Input::gross_margin, Distribution::triangular(0.35, 0.45, 0.55));
  set(Input::lead_growth, Distribution::normal(0.12, 0.10).truncated(-0.10, 0.40));
  set(Input::booking_conversion_uplift, Distribution::pert(-0.05, 0.10, 0.25));
  set(Input::manager_hours_saved, Distribution::triangular(20, 40, 80));
  set(Input::implementation, Distribution::lognormal_p5_p95(35000, 220000));
  set(Input::monthly, Distribution::pert(5000, 15000, 35000));
  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.35},
                    {Input::implementation, Input::manager_hours_saved, 0.3}};
  return s;
}

using simroi::testing::ks_statistic;

std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size(); ++i) r[order[i]] = static_cast<double>(i);
  return r;  // continuous marginals: no ties
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  const auto ra = ranks(a), rb = ranks(b);
  const double n = static_cast<double>(a.size());
  const double m = (n - 1.0) / 2.0;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) * (ra[i] - m);
    sbb += (rb[i] - m) * (rb[i] - m);
  }
  return sab / std::sqrt(saa * sbb);
}

TEST(NormalScoreMapSampler, CorrelatedMarginalsPassKolmogorovSmirnov) {
  constexpr std::uint64_t kRuns = 200'000;
  const InputSampler sampler(salon_like(), 2025, kRuns);
  std::vector<double> g(kRuns), u(kRuns), h(kRuns), impl(kRuns);
  InputValues v{};
  for (std::uint64_t r = 0; r < kRuns; ++r) {
    sampler.draw(r, v);
    g[r] = v[index(Input::lead_growth)];
    u[r] = v[index(Input::booking_conversion_uplift)];
    h[r] = v[index(Input::manager_hours_saved)];
    impl[r] = v[index(Input::implementation)];
  }
  const double crit = 1.63 / std::sqrt(static_cast<double>(kRuns));  // 1% level

  // The PERT marginal against Boost.Math's exact beta CDF:
  // pert(-0.05, 0.10, 0.25) = -0.05 + 0.3 Beta(3, 3).
  const bm::beta_distribution<> beta(1 + 4 * 0.15 / 0.3, 1 + 4 * 0.15 / 0.3);
  EXPECT_LT(ks_statistic(u, [&](double x) { return bm::cdf(beta, (x + 0.05) / 0.3); }), crit);

  const bm::normal_distribution<> normal(0.12, 0.10);
  const double c_lo = bm::cdf(normal, -0.10), c_hi = bm::cdf(normal, 0.40);
  EXPECT_LT(ks_statistic(g, [&](double x) { return (bm::cdf(normal, x) - c_lo) / (c_hi - c_lo); }),
            crit);
  const bm::triangular_distribution<> tri(20, 40, 80);
  EXPECT_LT(ks_statistic(h, [&](double x) { return bm::cdf(tri, x); }), crit);
  const double mu = 0.5 * (std::log(35000.0) + std::log(220000.0));
  const double sigma = (std::log(220000.0) - std::log(35000.0)) / (2 * kZ90);
  const bm::lognormal_distribution<> logn(mu, sigma);
  EXPECT_LT(ks_statistic(impl, [&](double x) { return bm::cdf(logn, x); }), crit);

  // The rank correlations are those requested (5 standard errors).
  const double se35 = (1 - 0.35 * 0.35) / std::sqrt(static_cast<double>(kRuns));
  const double se30 = (1 - 0.30 * 0.30) / std::sqrt(static_cast<double>(kRuns));
  EXPECT_NEAR(spearman(g, u), 0.35, 5 * se35);
  EXPECT_NEAR(spearman(impl, h), 0.30, 5 * se30);
}

}  // namespace
}  // namespace simroi
