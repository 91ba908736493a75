// The engine: exact against a brute-force recomputation, identical for every
// thread count, and exact in its memory-saving (bracketed) mode.
#include "simroi/engine/engine.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "copula_spearman.h"
#include "engine_fixtures.h"
#include "simroi/core/constants.h"
#include "simroi/core/error.h"
#include "simroi/dist/kinds.h"
#include "simroi/model/model.h"
#include "simroi/sampling/correlation.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

using testing::article_scenario;
using testing::expect_identical;
using testing::uncertain_scenario;

// Everything the engine reports, recomputed naively from every run.
struct BruteForce {
  std::vector<double> roi, net, npv, payback, cost;
  std::vector<std::vector<double>> months;
};
BruteForce brute_force(const Scenario& s, std::uint64_t runs, std::uint64_t seed) {
  const InputSampler sampler(s, seed, runs);
  const Timeline timeline = make_timeline(s);
  BruteForce b;
  b.months.assign(static_cast<std::size_t>(s.horizon_months), {});
  std::vector<double> k(static_cast<std::size_t>(s.horizon_months));
  InputValues x{};
  for (std::uint64_t i = 0; i < runs; ++i) {
    sampler.draw(i, x);
    const auto out = simulate(timeline, x, k);
    b.roi.push_back(out.roi_pct);
    b.net.push_back(out.net_profit);
    b.npv.push_back(out.npv);
    b.payback.push_back(out.payback);
    b.cost.push_back(out.total_cost);
    for (std::size_t t = 0; t < k.size(); ++t) b.months[t].push_back(k[t]);
  }
  return b;
}

BruteForce sorted(BruteForce b) {
  for (auto* v : {&b.roi, &b.net, &b.npv, &b.payback}) std::sort(v->begin(), v->end());
  for (auto& m : b.months) std::sort(m.begin(), m.end());
  return b;
}

// numpy.percentile(x, p), linear; `x` sorted ascending.
double numpy_linear(const std::vector<double>& x, double p) {
  const double h = (static_cast<double>(x.size()) - 1.0) * p / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, x.size() - 1);
  const double frac = h - std::floor(h);
  if (frac == 0.0) return x[lo];
  if (std::isinf(x[hi])) return x[hi];
  return x[lo] + frac * (x[hi] - x[lo]);
}

TEST(Engine, ArticleExampleEveryRunIdentical) {
  RunOptions options;
  const auto r = run_simulation(article_scenario(), options);
  EXPECT_EQ(r.runs, 1000u);
  for (const auto& p : r.roi_pct.percentiles) {
    EXPECT_NEAR(p.value, 250.0, 1e-9);
    ASSERT_TRUE(p.ci_low.has_value()) << p.p;  // n = 1000: every requested percentile has both
    EXPECT_NEAR(*p.ci_low, 250.0, 1e-9);
    EXPECT_EQ(p.se, 0.0);
  }
  EXPECT_NEAR(r.roi_pct.mean, 250.0, 1e-9);
  EXPECT_NEAR(r.roi_pct.sd, 0.0, 1e-9);
  EXPECT_NEAR(r.net_profit.percentiles[3].value, 225000.0, 1e-6);
  EXPECT_NEAR(r.npv.mean, 225000.0, 1e-6);
  for (const auto& p : r.payback.percentiles) EXPECT_NEAR(p.value, 24.0 / 17.0, 1e-12);
  EXPECT_EQ(r.prob_roi_below_zero.value, 0.0);
  ASSERT_EQ(r.payback.within.size(), 3u);  // 3, 6, 12 (H = 12 already listed)
  for (const auto& w : r.payback.within) EXPECT_EQ(w.probability->value, 1.0);
  ASSERT_EQ(r.monthly.size(), 12u);
  EXPECT_NEAR(r.monthly[0].cumulative_net[2].value, -8750.0, 1e-9);
  EXPECT_TRUE(r.sensitivity.empty());
}

TEST(Engine, MatchesBruteForce) {
  const Scenario s = uncertain_scenario();
  RunOptions options;
  const auto r = run_simulation(s, options);
  const auto b = sorted(brute_force(s, s.simulation.runs, s.simulation.seed));
  for (const auto& p : r.roi_pct.percentiles) EXPECT_EQ(p.value, numpy_linear(b.roi, p.p)) << p.p;
  for (const auto& p : r.npv.percentiles) EXPECT_EQ(p.value, numpy_linear(b.npv, p.p)) << p.p;
  for (const auto& p : r.payback.percentiles) EXPECT_EQ(p.value, numpy_linear(b.payback, p.p));
  for (const auto& m : r.monthly) {
    for (const auto& p : m.cumulative_net) {
      EXPECT_EQ(p.value, numpy_linear(b.months[static_cast<std::size_t>(m.month - 1)], p.p));
    }
  }
  double mean = 0;
  for (const double v : b.net) mean += v;
  mean /= static_cast<double>(b.net.size());
  EXPECT_NEAR(r.net_profit.mean, mean, 1e-9 * std::abs(mean));
  const auto losses = std::count_if(b.roi.begin(), b.roi.end(), [](double v) { return v < 0; });
  EXPECT_EQ(r.prob_roi_below_zero.value, static_cast<double>(losses) / b.roi.size());
  EXPECT_GT(r.prob_roi_below_zero.value, 0.0);  // the scenario allows losses
  const auto within6 =
      std::count_if(b.payback.begin(), b.payback.end(), [](double v) { return v <= 6; });
  EXPECT_EQ(r.payback.within[1].months, 6);
  EXPECT_EQ(r.payback.within[1].probability->value, static_cast<double>(within6) / b.roi.size());
  EXPECT_EQ(r.roi_pct.min, *std::min_element(b.roi.begin(), b.roi.end()));
  EXPECT_EQ(r.roi_pct.max, *std::max_element(b.roi.begin(), b.roi.end()));
}

// The compare deck's columns and the payback curve against every run:
// the expected shortfall is the mean of the ceil(5 % n) lowest ROI values,
// P(payback <= t) the share of runs with payback <= t for every t, the total
// cost the mean of C.
TEST(Engine, ShortfallPaybackCurveAndCostMatchBruteForce) {
  const Scenario s = uncertain_scenario();
  RunOptions options;
  options.runs = 20001;  // ceil(5 % x 20 001) = 1001: the rounding is up
  const auto r = run_simulation(s, options);
  auto b = brute_force(s, 20001, s.simulation.seed);
  double cost = 0;
  for (const double c : b.cost) cost += c;
  cost /= static_cast<double>(b.cost.size());
  EXPECT_NEAR(r.total_cost.mean, cost, 1e-9 * cost);
  EXPECT_EQ(r.total_cost.min, *std::min_element(b.cost.begin(), b.cost.end()));
  EXPECT_LT(r.total_cost.min, r.total_cost.max);  // uncertain costs and leads
  ASSERT_TRUE(r.total_cost.mean_se.has_value());

  std::vector<double> roi = b.roi;
  std::sort(roi.begin(), roi.end());
  double tail = 0;
  for (std::size_t i = 0; i < 1001; ++i) tail += roi[i];
  EXPECT_EQ(r.roi_expected_shortfall.tail_runs, 1001u);
  EXPECT_EQ(r.roi_expected_shortfall.runs, 20001u);
  EXPECT_NEAR(r.roi_expected_shortfall.value, tail / 1001.0, 1e-9 * std::abs(tail / 1001.0));
  // Below the 5 % quantile, above the worst run.
  EXPECT_LT(r.roi_expected_shortfall.value, roi[1000]);
  EXPECT_GT(r.roi_expected_shortfall.value, roi[0]);
  ASSERT_TRUE(r.roi_expected_shortfall.se.has_value());
  EXPECT_GT(*r.roi_expected_shortfall.se, 0.0);

  ASSERT_EQ(r.payback.by_month.size(), 13u);  // t = 0..12
  for (int t = 0; t <= 12; ++t) {
    const auto count = static_cast<std::uint64_t>(
        std::count_if(b.payback.begin(), b.payback.end(), [&](double v) { return v <= t; }));
    EXPECT_EQ(r.payback.by_month[static_cast<std::size_t>(t)].count, count) << t;
    EXPECT_EQ(r.payback.by_month[static_cast<std::size_t>(t)].runs, 20001u);
  }
  for (const auto& w : r.payback.within) {
    ASSERT_TRUE(w.probability.has_value());
    EXPECT_EQ(r.payback.by_month[static_cast<std::size_t>(w.months)].count, w.probability->count);
  }
  EXPECT_EQ(r.payback.by_month.back().count + r.payback.never_within_horizon.count, 20001u);
  EXPECT_GT(r.payback.by_month[6].value, r.payback.by_month[3].value);  // the curve rises
}

TEST(Engine, IdenticalForOneTwoAndEightThreads) {
  // Eight threads even on fewer cores (as the command line allows).
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const Scenario s = uncertain_scenario();
  RunOptions options;
  options.runs = 30000;
  options.threads = 1;
  const auto one = run_simulation(s, options);
  options.threads = 2;
  const auto two = run_simulation(s, options);
  options.threads = 8;
  const auto eight = run_simulation(s, options);
  expect_identical(one, two);
  expect_identical(one, eight);
}

TEST(Engine, LatinHypercubeBlocksAreIdenticalForOneAndEightThreads) {
  // The replicated blocks' errors (per-block sums over engine blocks of 4096
  // runs that cut across the design's 20 blocks) keep their bits too.
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  Scenario s = uncertain_scenario();
  s.simulation.sampling = Sampling::latin_hypercube;
  RunOptions options;
  options.runs = 30001;
  options.threads = 1;
  const auto one = run_simulation(s, options);
  options.threads = 8;
  const auto eight = run_simulation(s, options);
  expect_identical(one, eight);
  EXPECT_EQ(one.method.replicates, 20u);
  ASSERT_TRUE(one.method.lhs_variance_ratio.has_value());
  EXPECT_GT(*one.method.lhs_variance_ratio, 1.0);
}

TEST(Engine, BracketedModeIsExactAndThreadIndependent) {
  // H = 120: 124 streams, so 100,000 runs exceed the direct budget (2^23 values)
  // and the engine locates brackets from a pilot instead of keeping every value.
  const Scenario s = uncertain_scenario(120);
  RunOptions options;
  options.runs = 100000;
  options.threads = 2;
  const auto r = run_simulation(s, options);
  options.threads = 1;
  expect_identical(r, run_simulation(s, options));
  auto b = brute_force(s, 100000, s.simulation.seed);
  for (auto* v : {&b.roi, &b.payback}) std::sort(v->begin(), v->end());
  for (const auto& p : r.roi_pct.percentiles) EXPECT_EQ(p.value, numpy_linear(b.roi, p.p)) << p.p;
  for (const auto& p : r.payback.percentiles) EXPECT_EQ(p.value, numpy_linear(b.payback, p.p));
  for (const int month : {1, 2, 61, 120}) {
    auto& k = b.months[static_cast<std::size_t>(month - 1)];
    std::sort(k.begin(), k.end());
    for (const auto& p : r.monthly[static_cast<std::size_t>(month - 1)].cumulative_net) {
      EXPECT_EQ(p.value, numpy_linear(k, p.p)) << month;
      const auto ranks = percentile_ranks(k.size(), p.p);
      ASSERT_TRUE(ranks.ci_low && ranks.ci_high);  // n = 100 000, P5..P95
      EXPECT_EQ(p.ci_low, k[*ranks.ci_low]);
      EXPECT_EQ(p.ci_high, k[*ranks.ci_high]);
    }
  }
}

TEST(Engine, TwentyRunsLeaveTheTailBoundsUnknown) {
  // At n = 20 no order statistic is a 95 % lower bound for P5 (0.95^20 = 36 %
  // of samples have every run above it) nor an upper bound for P95; they are
  // unknown, not the smallest / largest run. P0 and P100 get no interval.
  RunOptions options;
  options.runs = 20;
  options.percentiles = {0, 5, 50, 95, 100};
  const auto r = run_simulation(uncertain_scenario(), options);
  const auto& ps = r.roi_pct.percentiles;
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_FALSE(ps[0].ci_low || ps[0].ci_high || ps[0].se);
  EXPECT_FALSE(ps[1].ci_low.has_value());
  ASSERT_TRUE(ps[1].ci_high.has_value());
  EXPECT_GT(*ps[1].ci_high, r.roi_pct.min);  // X_(4), not clamped to a run's extreme
  EXPECT_FALSE(ps[1].se.has_value());
  ASSERT_TRUE(ps[2].ci_low && ps[2].ci_high && ps[2].se);
  EXPECT_LE(*ps[2].ci_low, ps[2].value);
  EXPECT_GE(*ps[2].ci_high, ps[2].value);
  EXPECT_FALSE(ps[3].ci_high.has_value());
  ASSERT_TRUE(ps[3].ci_low.has_value());
  EXPECT_LT(*ps[3].ci_low, r.roi_pct.max);
  EXPECT_FALSE(ps[4].ci_low || ps[4].ci_high || ps[4].se);
}

TEST(Engine, PaybackIsSustainedAndTheFirstBreakEvenIsItsOwnMetric) {
  // issue 9, section 4: the article's example breaks even in month 2 (K_1 =
  // -8 750, K_2 = 12 500), then ten months without leads (seasonality 0) cost
  // the 5 000 monthly fee each: K_12 = 12 500 - 10 x 5 000 = -37 500. It must
  // not be "paid back within 12 months" beside "losing money 100 %".
  Scenario s = article_scenario();
  s.seasonality = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  RunOptions options;
  options.runs = 100;
  const auto r = run_simulation(s, options);
  EXPECT_NEAR(r.monthly[1].cumulative_net[2].value, 12500.0, 1e-6);
  EXPECT_NEAR(r.monthly[11].cumulative_net[2].value, -37500.0, 1e-6);
  EXPECT_EQ(r.prob_roi_below_zero.value, 1.0);
  for (const auto& w : r.payback.within) EXPECT_EQ(w.probability->value, 0.0) << w.months;
  EXPECT_EQ(r.payback.never_within_horizon.value, 1.0);
  for (const auto& p : r.payback.percentiles) EXPECT_TRUE(std::isinf(p.value));
  ASSERT_FALSE(r.payback.first_break_even.empty());
  for (const auto& p : r.payback.first_break_even)
    EXPECT_NEAR(p.value, 1.0 + 8750.0 / 21250.0, 1e-9);
  EXPECT_EQ(r.payback.fell_back.value, 1.0);
  EXPECT_EQ(r.payback.fell_back.count, 100u);

  // Without the lean months nothing falls back and both metrics agree.
  const auto plain = run_simulation(article_scenario(), options);
  EXPECT_EQ(plain.payback.fell_back.value, 0.0);
  for (std::size_t i = 0; i < plain.payback.percentiles.size(); ++i) {
    EXPECT_NEAR(plain.payback.percentiles[i].value, plain.payback.first_break_even[i].value, 1e-12);
  }
}

TEST(Engine, SeedAndRunsOverrideTheScenario) {
  const Scenario s = uncertain_scenario();
  RunOptions options;
  options.runs = 5000;
  options.seed = 8;
  const auto a = run_simulation(s, options);
  EXPECT_EQ(a.runs, 5000u);
  EXPECT_EQ(a.seed, 8u);
  options.seed = 9;
  const auto b = run_simulation(s, options);
  EXPECT_NE(a.roi_pct.mean, b.roi_pct.mean);
}

TEST(Engine, SensitivityErrorIsBonettWright) {
  // The error of each Spearman coefficient is Fisher's z with the Bonett-Wright
  // variance (1 + r^2 / 2) / (m - 3), not (1 - r^2) / sqrt(m - 3), which
  // understates it at |rho| >= 0.8; none exists for m <= 3 runs.
  RunOptions options;
  options.runs = 2000;
  const auto r = run_simulation(uncertain_scenario(), options);
  const double m = static_cast<double>(r.method.sensitivity_runs);
  ASSERT_EQ(m, 2000.0);
  for (const auto& s : r.sensitivity) {
    ASSERT_TRUE(s.spearman.has_value());
    const double rho = *s.spearman;
    const double se_z = std::sqrt((1.0 + rho * rho / 2.0) / (m - 3.0));
    ASSERT_TRUE(s.se && s.ci_low && s.ci_high);
    EXPECT_NEAR(*s.se, (1.0 - rho * rho) * se_z, 1e-15);
    EXPECT_GT(*s.se, (1.0 - rho * rho) / std::sqrt(m - 3.0));  // wider than the old form
    EXPECT_NEAR(*s.ci_low, std::tanh(std::atanh(rho) - kZ95 * se_z), 1e-6);
    EXPECT_NEAR(*s.ci_high, std::tanh(std::atanh(rho) + kZ95 * se_z), 1e-6);
  }
  options.runs = 3;
  for (const auto& s : run_simulation(uncertain_scenario(), options).sensitivity) {
    EXPECT_FALSE(s.se || s.ci_low || s.ci_high);
  }
}

TEST(Engine, UndefinedErrorsAreNullNotZero) {
  // One run: no spread, so no standard error of the mean, no rank correlation
  // (every column is constant) and no percentile interval -- all nullopt, where
  // they used to be 0 (printed "+0.00 ±0.010").
  RunOptions options;
  options.runs = 1;
  const auto r = run_simulation(uncertain_scenario(), options);
  EXPECT_FALSE(r.roi_pct.mean_se.has_value());
  EXPECT_FALSE(r.net_profit.mean_se.has_value());
  ASSERT_FALSE(r.sensitivity.empty());
  for (const auto& s : r.sensitivity) EXPECT_FALSE(s.spearman || s.se) << info(s.input).path;
  for (const auto& p : r.payback.percentiles) EXPECT_FALSE(p.se.has_value());
  options.runs = 2;
  EXPECT_TRUE(run_simulation(uncertain_scenario(), options).roi_pct.mean_se.has_value());
}

TEST(Engine, SensitivityRanksTheDrivers) {
  // Leads and average check drive ROI; the per-lead cost barely does.
  const auto r = run_simulation(uncertain_scenario(), RunOptions{});
  ASSERT_FALSE(r.sensitivity.empty());
  for (std::size_t i = 1; i < r.sensitivity.size(); ++i) {
    EXPECT_GE(std::abs(*r.sensitivity[i - 1].spearman), std::abs(*r.sensitivity[i].spearman));
  }
  auto rho = [&](Input id) {
    for (const auto& s : r.sensitivity) {
      if (s.input == id) return s.spearman.value_or(std::nan(""));
    }
    return std::nan("");
  };
  EXPECT_GT(rho(Input::leads_per_month), 0.2);
  EXPECT_GT(rho(Input::average_check), 0.2);
  EXPECT_LT(rho(Input::monthly), 0.0);  // more support cost, less ROI
  ASSERT_EQ(r.correlations.size(), 1u);
  // 20,000 runs: SE of Spearman ~ (1 - 0.16) / sqrt(20000) = 0.006; allow 5 SE.
  EXPECT_NEAR(r.correlations[0].achieved, 0.4, 0.03);
}

TEST(Engine, CancelStopsTheRun) {
  std::atomic<bool> cancel{true};
  RunOptions options;
  options.cancel = &cancel;
  EXPECT_THROW((void)run_simulation(uncertain_scenario(), options), InterruptedError);
}

TEST(Engine, RejectsBadOptions) {
  RunOptions options;
  options.runs = 0;
  EXPECT_THROW((void)run_simulation(article_scenario(), options), std::invalid_argument);
  options.runs = 10;
  options.percentiles = {50, 101};
  EXPECT_THROW((void)run_simulation(article_scenario(), options), std::invalid_argument);
}

}  // namespace
}  // namespace simroi

namespace simroi {
namespace {

// 150,000 runs of uncertain_scenario() -- above the 2^16-run pilot, so the
// pilot is a true subset -- with every value kept: the reference the other
// ways of finding exact order statistics must reproduce bit for bit.
RunOptions selection_options(Selection selection) {
  RunOptions options;
  options.runs = 150000;
  options.selection = selection;
  return options;
}
SimulationResults all_kept_reference() {
  return run_simulation(uncertain_scenario(), selection_options(Selection::all_kept));
}

// The three ways of finding exact order statistics give the same bits.
TEST(Engine, EverySelectionMethodGivesTheSameResults) {
  const Scenario s = uncertain_scenario();
  RunOptions options = selection_options(Selection::all_kept);
  const auto all = all_kept_reference();
  EXPECT_EQ(all.method.selection, "all_kept");
  EXPECT_EQ(all.method.passes, 1);
  options.selection = Selection::one_pass;
  const auto one = run_simulation(s, options);
  EXPECT_EQ(one.method.selection, "one_pass");
  EXPECT_EQ(one.method.passes, 1);
  options.selection = Selection::two_pass;
  const auto two = run_simulation(s, options);
  EXPECT_EQ(two.method.selection, "two_pass");
  EXPECT_EQ(two.method.passes, 2);
  expect_identical(all, one);
  expect_identical(all, two);
}

// Large runs narrow their brackets part way through the pass (with the exact
// order statistics of the first eighth of the runs); a small pilot makes that
// happen here. Exact, and the same bits on any thread count.
TEST(Engine, NarrowedBracketsGiveTheSameResults) {
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const Scenario s = uncertain_scenario();
  const auto reference = all_kept_reference();
  RunOptions options = selection_options(Selection::one_pass);
  options.pilot_runs = 4096;  // narrowing at 20,480 runs, five pilots
  for (const int threads : {1, 2, 8}) {
    options.threads = threads;
    const auto r = run_simulation(s, options);
    EXPECT_EQ(r.method.passes, 1);
    expect_identical(reference, r);
  }
  // A tiny pilot (brackets located with 3 sigmas): narrowing still exact,
  // through the fallback whenever a bracket misses.
  options.pilot_sigmas = 3.0;
  expect_identical(reference, run_simulation(s, options));
}

// Brackets far too narrow to hold their ranks: the misses are detected and
// the streams selected again over their whole range -- still exact.
TEST(Engine, MissedBracketsFallBackToAnExactSelection) {
  const Scenario s = uncertain_scenario();
  const auto reference = all_kept_reference();
  RunOptions options = selection_options(Selection::all_kept);
  options.pilot_sigmas = 0.0;
  for (const Selection method : {Selection::one_pass, Selection::two_pass}) {
    options.selection = method;
    const auto r = run_simulation(s, options);
    EXPECT_GE(r.method.passes, 3) << r.method.selection;  // the fallback replays twice
    expect_identical(reference, r);
  }
}

TEST(Engine, ChoosesTheSelectionFromRunsAndHorizon) {
  RunOptions options;
  options.runs = 100000;  // 16 quantities x 100,000 runs fit the 64 MiB direct budget
  EXPECT_EQ(run_simulation(uncertain_scenario(), options).method.selection, "all_kept");
  options.runs = 600000;  // 16 x 600,000 doubles do not; one pass keeps ~1.5 values a run
  EXPECT_EQ(run_simulation(uncertain_scenario(), options).method.selection, "one_pass");
  options.runs = 100000;  // 124 quantities: one pass would keep more than 24 bytes a run
  EXPECT_EQ(run_simulation(uncertain_scenario(120), options).method.selection, "two_pass");
}

// ---------------------------------------------------------------- correlated kinds (issue 9 §1)

constexpr const char* kDiscreteCorrelated = R"(name: discrete correlated
baseline: {leads_per_month: 200, booking_conversion: 10%, average_check: 1500}
assistant: {lead_growth: {uniform: [0.1, 0.4]}}
costs: {implementation: 30000, monthly: {discrete: {values: [4000, 6000, 9000], weights: [0.5, 0.3, 0.2]}}}
correlations: [[lead_growth, costs.monthly, 0.5]]
)";

TEST(EngineCorrelatedKinds, DiscreteInputRunsAndShowsTheAchievedCorrelation) {
  const Scenario s = parse_scenario(kDiscreteCorrelated, "discrete.yaml");
  RunOptions options;
  options.runs = 20000;
  for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
    Scenario t = s;
    t.simulation.sampling = sampling;
    const SimulationResults r = run_simulation(t, options);
    ASSERT_EQ(r.correlations.size(), 1U);
    EXPECT_EQ(r.correlations[0].requested, 0.5);
    // Ties make it smaller: the population value with midranks is 0.447
    // (copula_spearman.h); 5 standard errors (1 - 0.25) / sqrt(20000) = 0.027.
    const double expected = testing::copula_spearman_with_discrete(
        spearman_to_normal_correlation(0.5), {0.5, 0.3, 0.2});
    EXPECT_NEAR(r.correlations[0].achieved, expected, 0.027);
    EXPECT_LT(r.correlations[0].achieved, 0.49);
    EXPECT_TRUE(std::isfinite(r.roi_pct.mean));
  }
}

TEST(EngineCorrelatedKinds, EveryKindInAFileTruncatedOrNotRunsOrIsRefused) {
  // Each kind of the table on an input it fits, correlated with lead_growth,
  // without and with min:/max:. A file is either refused by the loader
  // (ScenarioError: exit 2) or runs; it never fails in the simulation.
  struct Row {
    DistKind kind;
    const char* key;   // the input
    const char* dist;  // as written, without the braces
    const char* cut;   // min:/max: appended
  };
  const Row rows[] = {
      {DistKind::uniform, "costs.monthly", "uniform: [4000, 9000]", "min: 5000, max: 8000"},
      {DistKind::triangular, "costs.monthly", "triangular: [4000, 6000, 9000]",
       "min: 5000, max: 8000"},
      {DistKind::pert, "costs.monthly", "pert: [4000, 6000, 9000]", "min: 5000, max: 8000"},
      {DistKind::normal, "costs.monthly", "normal: [6000, 1000]", "min: 0"},
      {DistKind::lognormal, "costs.monthly", "lognormal: [4000, 9000]", "min: 5000, max: 8000"},
      {DistKind::beta, "baseline.no_show_rate", "beta: [2, 8]", "min: 0.05, max: 0.5"},
      {DistKind::discrete, "costs.monthly",
       "discrete: {values: [4000, 6000, 9000], weights: [0.5, 0.3, 0.2]}", "min: 5000"},
  };
  std::size_t kinds = 0;
  for (const KindInfo& k : kind_table()) {
    if (k.kind == DistKind::fixed) continue;
    const Row* row = nullptr;
    for (const Row& r : rows) {
      if (r.kind == k.kind) row = &r;
    }
    ASSERT_NE(row, nullptr) << "no case for the kind " << k.name;
    ++kinds;
    for (const bool cut : {false, true}) {
      const std::string key = row->key;
      const std::string section = key.substr(0, key.find('.'));
      const std::string name = key.substr(key.find('.') + 1);
      const std::string dist =
          std::string("{") + row->dist + (cut ? std::string(", ") + row->cut : "") + "}";
      std::string text =
          "name: kinds\n"
          "baseline: {leads_per_month: 200, booking_conversion: 10%, average_check: 1500" +
          (section == "baseline" ? ", " + name + ": " + dist : std::string()) +
          "}\n"
          "assistant: {lead_growth: {uniform: [0.1, 0.4]}}\n"
          "costs: {implementation: 30000" +
          (section == "costs" ? ", " + name + ": " + dist : std::string()) +
          "}\n"
          "correlations: [[lead_growth, " +
          key + ", 0.5]]\n";
      SCOPED_TRACE(text);
      Scenario s;
      try {
        s = parse_scenario(text, "kinds.yaml");
      } catch (const ScenarioError& e) {
        // Refused only where the format says so: a discrete cannot be
        // truncated; a normal reaches below 0 on a cost unless cut at 0.
        const bool expected =
            (k.kind == DistKind::discrete && cut) || (k.kind == DistKind::normal && !cut);
        EXPECT_TRUE(expected) << e.what();
        continue;
      }
      RunOptions options;
      options.runs = 2000;
      for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
        s.simulation.sampling = sampling;
        SimulationResults r;
        ASSERT_NO_THROW(r = run_simulation(s, options));
        ASSERT_EQ(r.correlations.size(), 1U);
        // 0.5 (the discrete: 0.447, see above) within 6 standard errors
        // ((1 - 0.25) / sqrt(2000) = 0.017).
        EXPECT_NEAR(r.correlations[0].achieved, k.kind == DistKind::discrete ? 0.447 : 0.5, 0.1);
      }
    }
  }
  EXPECT_EQ(kinds, kDistKindCount - 1);
}

// ---------------------------------------------------------------- tails alike (issue 9 §2)

TEST(EngineTails, FarTruncationsInAFileRunLikeTheirMirrors) {
  // Each pair: a truncation far in the upper tail and its mirror in the lower
  // tail. Both load, run, and give every run a value inside the cut.
  const std::string head =
      "name: tails\nbaseline: {leads_per_month: 200, average_check: 1500, booking_conversion: ";
  const std::string rest = "costs: {implementation: 30000, monthly: 2000}\n";
  const std::string pairs[][2] = {
      {head + "10%}\nassistant: {lead_growth: {normal: [0, 0.1], min: 0.9, max: 1.0}}\n" + rest,
       head + "10%}\nassistant: {lead_growth: {normal: [0, 0.1], min: -1.0, max: -0.9}}\n" + rest},
      {head + "{beta: [50, 50], min: 0.9}}\n" + rest,
       head + "{beta: [50, 50], max: 0.1}}\n" + rest},
  };
  RunOptions options;
  options.runs = 1000;
  for (const auto& pair : pairs) {
    for (const std::string& text : pair) {
      SCOPED_TRACE(text);
      Scenario s;
      ASSERT_NO_THROW(s = parse_scenario(text, "tails.yaml"));
      const SimulationResults r = run_simulation(s, options);
      EXPECT_TRUE(std::isfinite(r.roi_pct.mean));
    }
  }
  // The drawn values, mirrored: lead_growth in [0.9, 1.0] and [-1.0, -0.9].
  const Scenario up = parse_scenario(pairs[0][0], "up.yaml");
  const Scenario low = parse_scenario(pairs[0][1], "low.yaml");
  const InputSampler su(up, 3, 1000), sl(low, 3, 1000);
  InputValues xu{}, xl{};
  double mean_u = 0, mean_l = 0;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    su.draw(i, xu);
    sl.draw(i, xl);
    const double gu = xu[index(Input::lead_growth)], gl = xl[index(Input::lead_growth)];
    ASSERT_GE(gu, 0.9);
    ASSERT_LE(gu, 1.0);
    ASSERT_GE(gl, -1.0);
    ASSERT_LE(gl, -0.9);
    mean_u += gu / 1000;
    mean_l += gl / 1000;
  }
  // The means: each within 5 standard errors of the truncated mean, and of
  // each other's mirror.
  const Distribution& g = up.input(Input::lead_growth);
  const double se = std::sqrt(g.variance() / 1000.0);
  EXPECT_NEAR(mean_u, g.mean(), 5 * se);
  EXPECT_NEAR(mean_l, -g.mean(), 5 * se);
  EXPECT_NEAR(mean_u, -mean_l, 5 * std::sqrt(2.0) * se);
}

}  // namespace
}  // namespace simroi
