// Goal seek on a monotone statistic (include/simroi/analysis/solve.h), on
// functions whose boundary is known exactly.
#include "simroi/analysis/solve.h"

#include <gtest/gtest.h>

#include <cmath>

namespace simroi {
namespace {

TEST(SolveBoundary, DecreasingStatisticWithItsBand) {
  // P(theta) = 1 - theta / 100 with a +-0.02 interval; P >= 0.9 holds for
  // theta <= 10; surely (low >= 0.9) for theta <= 8, possibly for theta <= 12.
  auto f = [](double t) {
    const double p = 1.0 - t / 100.0;
    return Evaluation{p, p - 0.02, p + 0.02};
  };
  const SolveResult r = solve_boundary(f, 0, 100, Compare::greater_equal, 0.9, {0.01, 60});
  ASSERT_EQ(r.status, SolveResult::Status::found);
  EXPECT_FALSE(r.holds_above);
  EXPECT_NEAR(*r.value, 10.0, 0.01);
  EXPECT_LE(*r.value, 10.0 + 1e-9);  // the answer is on the side where the target holds
  EXPECT_GE(r.at.value, 0.9);
  EXPECT_NEAR(*r.band_low, 8.0, 0.02);
  EXPECT_NEAR(*r.band_high, 12.0, 0.02);
  EXPECT_TRUE(r.converged);
  EXPECT_LE(r.evaluations, 60);
}

TEST(SolveBoundary, StopsWhenTheBracketIsAFractionOfTheBand) {
  // The statistic of the first test, but the search stops at 5 % of the band
  // (4 wide: +-0.02 over a slope of 0.01) instead of a tolerance of 1e-9:
  // value and edges within 0.2 of 10, 8 and 12, in fewer evaluations.
  auto f = [](double t) {
    const double p = 1.0 - t / 100.0;
    return Evaluation{p, p - 0.02, p + 0.02};
  };
  SolveOptions fine{1e-9, 200};
  SolveOptions coarse = fine;
  coarse.band_fraction = 0.05;
  const SolveResult all = solve_boundary(f, 0, 100, Compare::greater_equal, 0.9, fine);
  const SolveResult r = solve_boundary(f, 0, 100, Compare::greater_equal, 0.9, coarse);
  ASSERT_EQ(r.status, SolveResult::Status::found);
  EXPECT_TRUE(r.converged);
  EXPECT_LE(*r.value, 10.0 + 1e-9);  // still on the side where the target holds
  EXPECT_NEAR(*r.value, 10.0, 0.2);
  EXPECT_NEAR(*r.band_low, 8.0, 0.2);
  EXPECT_NEAR(*r.band_high, 12.0, 0.2);
  EXPECT_LT(r.evaluations, all.evaluations);
  // Without interval bounds no band can be estimated: the tolerance decides.
  auto bare = [](double t) { return Evaluation{1.0 - t / 100.0, std::nullopt, std::nullopt}; };
  const SolveResult b = solve_boundary(bare, 0, 100, Compare::greater_equal, 0.9, coarse);
  EXPECT_NEAR(*b.value, 10.0, 1e-8);
}

TEST(SolveBoundary, IncreasingStepFunctionLikeAProbabilityOverRuns) {
  // With common random numbers a simulated probability is a step function of
  // the input: here floor(1000 t) / 1000 for t in [0, 1]; P <= 0.25 holds up
  // to t < 0.251 (the step at 0.251 reaches 0.251 > 0.25).
  auto f = [](double t) {
    const double p = std::floor(1000.0 * t) / 1000.0;
    return Evaluation{p, std::nullopt, std::nullopt};
  };
  const SolveResult r = solve_boundary(f, 0, 1, Compare::less_equal, 0.25, {1e-6, 80});
  ASSERT_EQ(r.status, SolveResult::Status::found);
  EXPECT_FALSE(r.holds_above);
  EXPECT_NEAR(*r.value, 0.251, 2e-6);
  EXPECT_LE(r.at.value, 0.25);
  // Without interval bounds the band is the whole range.
  EXPECT_EQ(*r.band_low, 0.0);
  EXPECT_EQ(*r.band_high, 1.0);
}

TEST(SolveBoundary, IncreasingStatisticHoldsAbove) {
  // median ROI = 50 theta - 20 reaches 0 at theta = 0.4 (e.g. a lead growth).
  auto f = [](double t) {
    const double v = 50.0 * t - 20.0;
    return Evaluation{v, v - 1.0, v + 1.0};
  };
  const SolveResult r = solve_boundary(f, -1, 3, Compare::greater_equal, 0.0, {1e-4, 60});
  ASSERT_EQ(r.status, SolveResult::Status::found);
  EXPECT_TRUE(r.holds_above);
  EXPECT_NEAR(*r.value, 0.4, 1e-4);
  EXPECT_GE(*r.value, 0.4 - 1e-12);
  EXPECT_NEAR(*r.band_low, 0.38, 1e-3);   // where the upper bound reaches 0
  EXPECT_NEAR(*r.band_high, 0.42, 1e-3);  // where the lower bound does
}

TEST(SolveBoundary, SaysWhenTheTargetIsNeverOrAlwaysMet) {
  auto f = [](double t) { return Evaluation{t, t, t}; };
  EXPECT_EQ(solve_boundary(f, 0, 1, Compare::greater_equal, 2.0, {1e-3, 20}).status,
            SolveResult::Status::never_met);
  const auto all = solve_boundary(f, 0, 1, Compare::greater_equal, -1.0, {1e-3, 20});
  EXPECT_EQ(all.status, SolveResult::Status::always_met);
  EXPECT_EQ(all.evaluations, 2);
}

TEST(SolveBoundary, StopsAtTheEvaluationBudget) {
  int calls = 0;
  auto f = [&](double t) {
    ++calls;
    return Evaluation{t, t, t};
  };
  const auto r = solve_boundary(f, 0, 1, Compare::greater_equal, 1.0 / 3.0, {1e-15, 6});
  EXPECT_EQ(r.status, SolveResult::Status::found);
  EXPECT_LE(calls, 6);
  EXPECT_EQ(r.evaluations, calls);
}

}  // namespace
}  // namespace simroi
