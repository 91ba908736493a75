// Coverage of every interval simroi reports (docs/model.md, "How precise is a
// percentile?", "Probability of a loss", "Sensitivity"): fixed seeds, a few
// hundred repetitions of small simulations whose true values are known in
// closed form, and a binomial tolerance on the count of misses.
//
// The scenario is the article's example with one uncertain input, lead_growth
// ~ uniform(a, b). ROI increases with lead growth, so the true p-th percentile
// of ROI is the ROI of the one deterministic run at the uniform's p-th
// percentile a + (b - a) p / 100, and P(ROI < 0) = (g0 - a) / (b - a) for the
// growth g0 at which ROI is 0 (found by bisection on deterministic runs).
//
// Tolerance: with R repetitions and an interval of exact coverage c (known for
// the order-statistic intervals, RankInterval::coverage; at least 95 % for
// Clopper-Pearson), the misses are Binomial(R, 1 - c). The test fails when
// they fall outside that binomial's [1e-4, 1 - 1e-4] quantiles (the lower
// limit only where c is exact): a correct interval fails with probability
// below 2e-4 per check, a "95 %" interval of true coverage 57 % (the old P5 at
// n = 20) or 91 % (the old Spearman error at |rho| >= 0.8) fails for certain.
#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "engine_fixtures.h"
#include "simroi/engine/engine.h"
#include "simroi/random/random.h"
#include "simroi/stats/intervals.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

constexpr double kLow = 0.05;  // lead_growth ~ uniform(kLow, kHigh)
constexpr double kHigh = 0.45;
constexpr int kReps = 400;

Scenario with_growth(Distribution growth) {
  Scenario s = testing::article_scenario();
  s.inputs[index(Input::lead_growth)] = std::move(growth);
  return s;
}

// The ROI of the deterministic run at lead growth g.
double roi_at(double g) {
  RunOptions o;
  o.runs = 1;
  o.threads = 1;
  return run_simulation(with_growth(Distribution::fixed(g)), o).roi_pct.mean;
}

// Misses allowed for R trials of miss probability q: [lo, hi].
struct Allowed {
  double lo, hi;
};
Allowed allowed_misses(double q, bool exact) {
  const boost::math::binomial_distribution<double> b(kReps, q);
  return {exact ? boost::math::quantile(b, 1e-4) : 0.0,
          boost::math::quantile(boost::math::complement(b, 1e-4))};
}

void expect_coverage(int misses, double coverage, bool exact, const char* what) {
  const Allowed a = allowed_misses(1.0 - coverage, exact);
  EXPECT_GE(misses, a.lo) << what << ": interval too wide for its coverage " << coverage;
  EXPECT_LE(misses, a.hi) << what << ": " << misses << " of " << kReps << " missed, coverage "
                          << coverage << " allows " << a.hi;
}

TEST(Coverage, PercentileIntervalsAtSmallRunsAndExtremePercentiles) {
  struct Case {
    std::uint64_t n;
    double p;
  };
  const Case cases[] = {{20, 5}, {20, 95}, {20, 50}, {100, 1}, {100, 99}, {100, 10}};
  RunOptions o;
  o.threads = 1;
  for (const Case& c : cases) {
    o.runs = c.n;
    o.percentiles = {c.p};
    const double truth = roi_at(kLow + (kHigh - kLow) * c.p / 100.0);
    const RankInterval ranks = percentile_rank_interval(c.n, c.p);
    int misses = 0;
    for (int rep = 0; rep < kReps; ++rep) {
      o.seed = 1000 + static_cast<std::uint64_t>(rep);
      const auto r = run_simulation(with_growth(Distribution::uniform(kLow, kHigh)), o);
      const PercentileEstimate& e = r.roi_pct.percentiles.at(0);
      // An unknown bound is no claim: it cannot miss.
      ASSERT_EQ(e.ci_low.has_value(), ranks.lower.has_value());
      ASSERT_EQ(e.ci_high.has_value(), ranks.upper.has_value());
      const bool miss = (e.ci_low && *e.ci_low > truth) || (e.ci_high && *e.ci_high < truth);
      misses += miss ? 1 : 0;
    }
    const std::string what = "n=" + std::to_string(c.n) + " P" + std::to_string(c.p);
    expect_coverage(misses, ranks.coverage, true, what.c_str());
  }
}

TEST(Coverage, ProbabilityNearZero) {
  // P(ROI < 0) = 0.3 % at n = 1 000 runs: most repetitions see 0 to 3 losses.
  double lo = -1.0, hi = kHigh;  // ROI(lo) < 0 <= ROI(hi)
  ASSERT_LT(roi_at(lo), 0.0);
  ASSERT_GT(roi_at(hi), 0.0);
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2.0;
    (roi_at(mid) < 0.0 ? lo : hi) = mid;
  }
  const double g0 = hi;
  const double truth = 0.003;
  const double a = g0 - truth * 0.4;  // (g0 - a) / (b - a) = truth
  const double b = a + 0.4;
  RunOptions o;
  o.threads = 1;
  o.runs = 1000;
  int misses = 0, zero = 0;
  for (int rep = 0; rep < kReps; ++rep) {
    o.seed = 5000 + static_cast<std::uint64_t>(rep);
    const auto r = run_simulation(with_growth(Distribution::uniform(a, b)), o);
    const Probability& p = r.prob_roi_below_zero;
    misses += (p.ci_low > truth || p.ci_high < truth) ? 1 : 0;
    zero += p.count == 0 ? 1 : 0;
  }
  EXPECT_GT(zero, 0);  // the case that printed "0.0 % ±0.00 %" occurs
  expect_coverage(misses, 0.95, false, "P(ROI < 0) = 0.3 %, n = 1000");
}

TEST(Coverage, SpearmanAtStrongCorrelation) {
  // Bivariate normal with Pearson r: Spearman's rho_s = (6 / pi) asin(r / 2)
  // (Pearson 1907). r = 0.95 gives rho_s = 0.946; r = -0.85, -0.837.
  for (const double r : {0.95, -0.85}) {
    const double truth = 6.0 / std::numbers::pi * std::asin(r / 2.0);
    constexpr std::size_t n = 200;
    int misses = 0;
    for (int rep = 0; rep < kReps; ++rep) {
      Rng rng(77, static_cast<std::uint64_t>(rep));
      std::vector<double> x(n), y(n);
      for (std::size_t i = 0; i < n; ++i) {  // Box-Muller
        const double u1 = 1.0 - rng.uniform01(), u2 = rng.uniform01();
        const double rad = std::sqrt(-2.0 * std::log(u1));
        const double z1 = rad * std::cos(2.0 * std::numbers::pi * u2);
        const double z2 = rad * std::sin(2.0 * std::numbers::pi * u2);
        x[i] = z1;
        y[i] = r * z1 + std::sqrt(1.0 - r * r) * z2;
      }
      const auto ci = spearman_interval(spearman(x, y), n);
      ASSERT_TRUE(ci.has_value());
      misses += (ci->low > truth || ci->high < truth) ? 1 : 0;
    }
    // Bonett-Wright is approximate: its coverage is close to, not at least, 95 %.
    expect_coverage(misses, 0.95, true, r > 0 ? "Spearman 0.95" : "Spearman -0.85");
  }
}

}  // namespace
}  // namespace simroi
