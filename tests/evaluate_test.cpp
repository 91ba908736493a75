// A statistic and its 95 % interval on kept runs (analysis/evaluate.h).
#include "simroi/analysis/evaluate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine_fixtures.h"
#include "simroi/engine/engine.h"
#include "simroi/stats/intervals.h"

namespace simroi {
namespace {

Statistic parse(const char* text) {
  Text error;
  const auto s = parse_statistic(text, error);
  EXPECT_TRUE(s.has_value()) << text;
  return *s;
}

/// ROI values 1, 2, ..., n in a shuffled order.
RunSample ramp(std::size_t n) {
  RunSample s;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = static_cast<double>((i * 7919) % n + 1);
    s.roi.push_back(v);
    s.net.push_back(-v);
    s.npv.push_back(v);
    s.payback.push_back(i % 4 == 0 ? std::numeric_limits<double>::infinity() : 3.0);
  }
  return s;
}

TEST(Evaluate, MeanWithItsNormalInterval) {
  const RunSample s = ramp(1000);  // 1..1000: mean 500.5, sd sqrt(1000*1001/12)
  const Evaluation e = evaluate(parse("mean(roi)"), s);
  EXPECT_DOUBLE_EQ(e.value, 500.5);
  const double se = std::sqrt(1000.0 * 1001.0 / 12.0) / std::sqrt(1000.0);
  ASSERT_TRUE(e.low && e.high);
  EXPECT_NEAR(*e.high - e.value, 1.959963984540054 * se, 1e-9 * se);
}

TEST(Evaluate, LatinHypercubeTakesTheBlocksIntervalsAsTheReportDoes) {
  // Every run of a Latin hypercube study: the mean's and a chance's
  // intervals are the replicated blocks' (evaluate.h), the same as the full
  // report's for the same runs (the sums are added in another order: 1e-9).
  Scenario sc = testing::uncertain_scenario();
  sc.simulation.sampling = Sampling::latin_hypercube;
  SimulatorOptions o;
  o.runs = 5000;
  o.threads = 1;
  Simulator sim(sc, o);
  const RunSample s = simulate_sample(sim, sim.all_runs());
  ASSERT_EQ(s.replicates.size(), 21u);
  const SimulationResults r = run_simulation(sim, ReportOptions{});
  const Evaluation mean = evaluate(parse("mean(roi)"), s);
  ASSERT_TRUE(mean.low && mean.high && r.roi_pct.mean_se);
  const double half = r.roi_pct.mean_ci_multiplier * *r.roi_pct.mean_se;
  EXPECT_NEAR(*mean.high - mean.value, half, 1e-9 * half);
  EXPECT_NEAR(mean.value - *mean.low, half, 1e-9 * half);
  // Much narrower than the Monte Carlo formula on the same runs.
  EXPECT_LT(half, 1.96 * r.roi_pct.sd / std::sqrt(5000.0));
  const Evaluation loss = evaluate(parse("P(roi<0)"), s);
  EXPECT_DOUBLE_EQ(loss.value, r.prob_roi_below_zero.value);
  ASSERT_TRUE(loss.low && loss.high);
  EXPECT_NEAR(*loss.low, r.prob_roi_below_zero.ci_low, 1e-12);
  EXPECT_NEAR(*loss.high, r.prob_roi_below_zero.ci_high, 1e-12);
  // A part of the runs is no design of its own: the Monte Carlo formulas.
  EXPECT_TRUE(simulate_sample(sim, {0, 2500}).replicates.empty());
}

TEST(Evaluate, PercentileIsNumpysLinearWithTheExactOrderStatisticInterval) {
  const RunSample s = ramp(1000);
  // h = 999 * 0.9 = 899.1: x_(899) + 0.1 (x_(900) - x_(899)) = 900 + 0.1.
  const Evaluation e = evaluate(parse("p90(roi)"), s);
  EXPECT_NEAR(e.value, 900.1, 1e-9);
  const RankInterval r = percentile_rank_interval(1000, 90);
  ASSERT_TRUE(e.low && e.high && r.lower && r.upper);
  EXPECT_DOUBLE_EQ(*e.low, static_cast<double>(*r.lower + 1));  // value of rank j is j + 1
  EXPECT_DOUBLE_EQ(*e.high, static_cast<double>(*r.upper + 1));
  EXPECT_DOUBLE_EQ(evaluate(parse("median(roi)"), s).value, 500.5);
}

TEST(Evaluate, ProbabilityCountsNeverPaidBackAsAboveAnyMonth) {
  const RunSample s = ramp(1000);
  const Evaluation e = evaluate(parse("P(payback<=6)"), s);
  EXPECT_DOUBLE_EQ(e.value, 0.75);  // every fourth run never pays back (+inf)
  const Interval cp = clopper_pearson(750, 1000);
  EXPECT_EQ(e.low, cp.low);
  EXPECT_EQ(e.high, cp.high);
}

TEST(Evaluate, ExpectedShortfallIsTheMeanOfTheWorstFivePercent) {
  const RunSample s = ramp(1000);
  const Evaluation e = evaluate(parse("es(roi)"), s);
  EXPECT_DOUBLE_EQ(e.value, 25.5);  // mean of 1..50
  ASSERT_TRUE(e.low && e.high);
  EXPECT_LT(*e.low, 25.5);
  EXPECT_GT(*e.high, 25.5);
  EXPECT_DOUBLE_EQ(evaluate(parse("es(net)"), s).value, -975.5);  // mean of -1000..-951
}

}  // namespace
}  // namespace simroi
