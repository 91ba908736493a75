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
// The replicated Latin hypercube cases are at the end of the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <utility>
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

// ------------------------------------------------- replicated Latin hypercube
//
// Two independent inputs, lead growth g ~ uniform(-0.2, 0.3) and the average
// check c ~ uniform(500, 1500), in the article's example: every cost is
// fixed and the gain is (extra visits, linear in g) x c, so
//     1 + ROI / 100 = c q(g),  q(g) = q0 + q1 g
// (q0, q1 from two deterministic runs; the test checks the linearity). Then
//   * mean ROI = ROI(E g, E c) (a product of independent factors);
//   * P(ROI < x) = E_g[clip(((1 + x / 100) / q(g) - 500) / 1000, 0, 1)],
//     a one-dimensional integral (midpoint rule on 200 000 points: error
//     below 1e-9), which also gives the true percentiles by bisection;
//   * ROI is nearly additive: 100 (c q(g)) - 100 is a main effect in each
//     input plus the interaction 100 q1 (c - E c)(g - E g), of variance
//     100^2 q1^2 var(c) var(g). Latin hypercube removes the main effects'
//     variance (to O(1/m^2) in blocks of m runs), so the variance of its mean
//     is about that interaction's variance / n: here 1/20 of plain Monte Carlo's.
constexpr double kGrowthLow = -0.2, kGrowthHigh = 0.3;
constexpr double kCheckLow = 500, kCheckHigh = 1500;

Scenario lhs_scenario() {
  Scenario s = with_growth(Distribution::uniform(kGrowthLow, kGrowthHigh));
  s.inputs[index(Input::average_check)] = Distribution::uniform(kCheckLow, kCheckHigh);
  s.simulation.sampling = Sampling::latin_hypercube;
  return s;
}

// ROI of the deterministic run at growth g and check c.
double roi_at(double g, double c) {
  Scenario s = with_growth(Distribution::fixed(g));
  s.inputs[index(Input::average_check)] = Distribution::fixed(c);
  RunOptions o;
  o.runs = 1;
  o.threads = 1;
  return run_simulation(s, o).roi_pct.mean;
}

struct ProductModel {
  double q0 = 0, q1 = 0;  // 1 + ROI / 100 = c (q0 + q1 g)
  ProductModel() {
    q0 = (1.0 + roi_at(0.0, 1.0) / 100.0);
    q1 = (1.0 + roi_at(1.0, 1.0) / 100.0) - q0;
  }
  [[nodiscard]] double cdf(double x) const {  // P(ROI < x)
    constexpr int kPoints = 200'000;
    double sum = 0;
    for (int i = 0; i < kPoints; ++i) {
      const double g = kGrowthLow + (kGrowthHigh - kGrowthLow) * (i + 0.5) / kPoints;
      const double c0 = (1.0 + x / 100.0) / (q0 + q1 * g);
      sum += std::clamp((c0 - kCheckLow) / (kCheckHigh - kCheckLow), 0.0, 1.0);
    }
    return sum / kPoints;
  }
  [[nodiscard]] double percentile(double p) const {
    double lo = -100, hi = 1000;  // ROI(-0.2, 500) > -100; ROI(0.3, 1500) < 1000
    for (int i = 0; i < 50; ++i) {
      const double mid = (lo + hi) / 2.0;
      (cdf(mid) < p / 100.0 ? lo : hi) = mid;
    }
    return (lo + hi) / 2.0;
  }
};

TEST(Coverage, LatinHypercubeMeanProbabilityAndPercentiles) {
  const ProductModel model;
  // The model is what the closed forms assume: ROI is c (q0 + q1 g) - 1, exactly.
  for (const auto& [g, c] : {std::pair{0.17, 700.0}, std::pair{-0.13, 1400.0}}) {
    ASSERT_NEAR(roi_at(g, c), 100.0 * (c * (model.q0 + model.q1 * g) - 1.0), 1e-9);
  }
  const double mean_g = (kGrowthLow + kGrowthHigh) / 2, mean_c = (kCheckLow + kCheckHigh) / 2;
  const double var_g = std::pow(kGrowthHigh - kGrowthLow, 2) / 12;
  const double var_c = std::pow(kCheckHigh - kCheckLow, 2) / 12;
  const double true_mean = roi_at(mean_g, mean_c);
  const double true_loss = model.cdf(0.0);
  ASSERT_GT(true_loss, 0.1);  // a chance far from 0 and 1: the blocks' interval applies
  ASSERT_LT(true_loss, 0.9);
  const double ps[] = {10, 50, 90};
  double true_p[3];
  for (int i = 0; i < 3; ++i) true_p[i] = model.percentile(ps[i]);
  // Variance of one run's ROI, and of its interaction part (see above).
  const double h_mean = model.q0 + model.q1 * mean_g, h_var = model.q1 * model.q1 * var_g;
  const double var_roi = 1e4 * ((mean_c * mean_c + var_c) * (h_mean * h_mean + h_var) -
                                mean_c * mean_c * h_mean * h_mean);
  const double var_interaction = 1e4 * var_c * h_var;

  constexpr std::uint64_t kRuns = 1000;
  RunOptions o;
  o.threads = 1;
  o.runs = kRuns;
  o.percentiles = {ps[0], ps[1], ps[2]};
  const Scenario s = lhs_scenario();
  int mean_misses = 0, loss_misses = 0, p_misses[3] = {0, 0, 0};
  Moments means, se2, mc_half, lhs_half;
  for (int rep = 0; rep < kReps; ++rep) {
    o.seed = 9000 + static_cast<std::uint64_t>(rep);
    const auto r = run_simulation(s, o);
    ASSERT_EQ(r.method.replicates, 20u);
    ASSERT_TRUE(r.roi_pct.mean_se.has_value());
    const double half = r.roi_pct.mean_ci_multiplier * *r.roi_pct.mean_se;
    mean_misses += std::abs(r.roi_pct.mean - true_mean) > half ? 1 : 0;
    means.add(r.roi_pct.mean);
    se2.add(*r.roi_pct.mean_se * *r.roi_pct.mean_se);
    lhs_half.add(half);
    mc_half.add(kZ95 * r.roi_pct.sd / std::sqrt(static_cast<double>(kRuns)));
    const Probability& loss = r.prob_roi_below_zero;
    loss_misses += (loss.ci_low > true_loss || loss.ci_high < true_loss) ? 1 : 0;
    for (int i = 0; i < 3; ++i) {
      const PercentileEstimate& e = r.roi_pct.percentiles.at(static_cast<std::size_t>(i));
      p_misses[i] +=
          ((e.ci_low && *e.ci_low > true_p[i]) || (e.ci_high && *e.ci_high < true_p[i])) ? 1 : 0;
    }
  }
  // The measured figures, for the record (ctest --output-on-failure, or the
  // test binary's own output).
  const auto pct = [](int misses) { return 100.0 * (kReps - misses) / kReps; };
  std::printf(
      "LHS coverage over %d seeds, %llu runs, 20 blocks: mean ROI %.2f %%, P(ROI<0) %.2f %%, "
      "P10 %.2f %%, P50 %.2f %%, P90 %.2f %%; mean se^2 / var(means) %.3f, mean se^2 / "
      "(interaction var / n) %.3f; mean half-width blocks %.3f vs i.i.d. %.3f (%.1fx)\n",
      kReps, static_cast<unsigned long long>(kRuns), pct(mean_misses), pct(loss_misses),
      pct(p_misses[0]), pct(p_misses[1]), pct(p_misses[2]), se2.mean / means.variance(),
      se2.mean / (var_interaction / kRuns), lhs_half.mean, mc_half.mean,
      mc_half.mean / lhs_half.mean);
  const Allowed mean_allowed = allowed_misses(0.05, true);
  std::printf("  the mean's coverage may lie in [%.2f %%, %.2f %%] (%g..%g misses of %d)\n",
              pct(static_cast<int>(mean_allowed.hi)), pct(static_cast<int>(mean_allowed.lo)),
              mean_allowed.lo, mean_allowed.hi, kReps);
  // The mean: Student's t over 20 blocks of 50 nearly normal block means is
  // an (approximately) exact 95 % interval, so both tails of the binomial
  // tolerance apply: the plain Monte Carlo formula on these runs, 4.5 times
  // as wide, would miss almost never and fail the lower limit.
  expect_coverage(mean_misses, 0.95, true, "LHS mean ROI");
  // The blocks measure the error the design really has: the average se^2
  // matches the variance of the 400 means (relative sd of that variance
  // sqrt(2 / 399) = 7 %; of the average se^2, ~1.6 %: 25 % is > 3 sd) and
  // the closed-form interaction variance / n (plus O(1/m^2) of the main
  // effects: < 1 % here).
  EXPECT_NEAR(se2.mean / means.variance(), 1.0, 0.25);
  EXPECT_NEAR(se2.mean / (var_interaction / kRuns), 1.0, 0.15);
  // What Latin hypercube bought: the variance ratio is var_roi /
  // var_interaction (20 here); the interval is far narrower than the Monte
  // Carlo formula's (which would be honest for plain Monte Carlo only).
  EXPECT_GT(var_roi / var_interaction, 15.0);
  EXPECT_LT(lhs_half.mean, mc_half.mean / 3.0);
  // The chance: the blocks' interval with its floor (and Clopper-Pearson for
  // rare events) is conservative where a stratified input decides the event,
  // so only too many misses fail.
  expect_coverage(loss_misses, 0.95, false, "LHS P(ROI < 0)");
  // Percentiles keep the order-statistic interval: a Latin hypercube block of
  // m runs has at most m / (m - 1) times the variance of Monte Carlo for the
  // count below a quantile (Owen 1997), so the exact binomial interval stays
  // honest (conservative); only too many misses fail.
  for (int i = 0; i < 3; ++i) {
    const RankInterval ranks = percentile_rank_interval(kRuns, ps[i]);
    const std::string what = "LHS P" + std::to_string(static_cast<int>(ps[i]));
    expect_coverage(p_misses[i], ranks.coverage, false, what.c_str());
  }
}

TEST(Coverage, LatinHypercubeVarianceRatioIsReported) {
  // The report's "what Latin hypercube bought" is the Monte Carlo variance
  // estimate sd^2 / n over the blocks' se^2, on every run of the study.
  RunOptions o;
  o.threads = 1;
  o.runs = 4000;
  o.seed = 3;
  const auto r = run_simulation(lhs_scenario(), o);
  ASSERT_TRUE(r.method.lhs_variance_ratio.has_value());
  ASSERT_TRUE(r.roi_pct.mean_se.has_value());
  const double mc = r.roi_pct.sd * r.roi_pct.sd / 4000.0;
  EXPECT_DOUBLE_EQ(*r.method.lhs_variance_ratio, mc / (*r.roi_pct.mean_se * *r.roi_pct.mean_se));
  // ~20 (see above), estimated from 19 degrees of freedom: within a factor 2.
  EXPECT_GT(*r.method.lhs_variance_ratio, 10.0);
  EXPECT_LT(*r.method.lhs_variance_ratio, 40.0);
  EXPECT_DOUBLE_EQ(r.roi_pct.mean_ci_multiplier, student_t_quantile(19));
  // Every mean takes the blocks' error, the total cost too.
  EXPECT_DOUBLE_EQ(r.total_cost.mean_ci_multiplier, student_t_quantile(19));
  EXPECT_DOUBLE_EQ(r.gain_by_source.more_leads.mean_ci_multiplier, student_t_quantile(19));
  // Fewer than 20 runs: a single block, no error claimed.
  o.runs = 19;
  const auto tiny = run_simulation(lhs_scenario(), o);
  EXPECT_EQ(tiny.method.replicates, 1u);
  EXPECT_FALSE(tiny.roi_pct.mean_se.has_value());
  EXPECT_FALSE(tiny.total_cost.mean_se.has_value());
  EXPECT_FALSE(tiny.method.lhs_variance_ratio.has_value());
}

}  // namespace
}  // namespace simroi
