#pragma once
// Scenarios built in code and a bit-for-bit comparison of SimulationResults,
// shared by the engine and simulator tests.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>

#include "simroi/results/results.h"
#include "simroi/scenario/scenario.h"

namespace simroi::testing {

/// The article's worked example: every input fixed (model.md, section 8).
inline Scenario article_scenario() {
  Scenario s;
  s.name = "article";
  s.horizon_months = 12;
  s.conversion_after_given = true;
  for (const auto& in : input_table())
    s.inputs[index(in.id)] = Distribution::fixed(in.default_value);
  s.inputs[index(Input::leads_per_month)] = Distribution::fixed(200);
  s.inputs[index(Input::booking_conversion)] = Distribution::fixed(0.10);
  s.inputs[index(Input::booking_conversion_after)] = Distribution::fixed(0.15);
  s.inputs[index(Input::average_check)] = Distribution::fixed(1500);
  s.inputs[index(Input::lead_growth)] = Distribution::fixed(0.25);
  s.inputs[index(Input::implementation)] = Distribution::fixed(30000);
  s.inputs[index(Input::monthly)] = Distribution::fixed(5000);
  s.simulation.runs = 1000;
  return s;
}

/// A salon-like scenario with every kind of uncertainty and a correlation.
inline Scenario uncertain_scenario(int horizon = 12) {
  Scenario s = article_scenario();
  s.name = "uncertain";
  s.horizon_months = horizon;
  s.ramp_up_months = 2;
  s.conversion_after_given = false;
  s.inputs[index(Input::leads_per_month)] = Distribution::pert(60, 150, 400);
  s.inputs[index(Input::booking_conversion)] = Distribution::uniform(0.35, 0.65);
  s.inputs[index(Input::no_show_rate)] = Distribution::triangular(0.08, 0.15, 0.25);
  s.inputs[index(Input::average_check)] = Distribution::lognormal_p5_p95(1500, 3500);
  s.inputs[index(Input::gross_margin)] = Distribution::beta(45, 55);
  s.inputs[index(Input::lead_growth)] = Distribution::normal(0.12, 0.1).truncated(-0.1, 1.0);
  s.inputs[index(Input::booking_conversion_uplift)] = Distribution::pert(-0.05, 0.1, 0.25);
  s.inputs[index(Input::booking_conversion_after)] = Distribution::fixed(0);  // not in use
  s.inputs[index(Input::no_show_reduction)] = Distribution::uniform(0.0, 0.35);
  s.inputs[index(Input::implementation)] =
      Distribution::discrete({30000, 80000, 250000}, {3, 5, 1});
  s.inputs[index(Input::monthly)] = Distribution::pert(5000, 15000, 35000);
  s.inputs[index(Input::per_lead)] = Distribution::uniform(0.5, 10);
  s.inputs[index(Input::repeat_visits_per_month)] = Distribution::uniform(0.2, 0.5);
  s.inputs[index(Input::monthly_churn)] = Distribution::uniform(0.2, 0.35);
  s.inputs[index(Input::discount_rate_annual)] = Distribution::fixed(0.18);
  s.seasonality = {0.9, 0.9, 1.1, 1.0, 1.0, 0.9, 0.85, 0.85, 1.0, 1.05, 1.1, 1.35};
  s.start_month = 3;
  s.correlations.push_back({Input::lead_growth, Input::booking_conversion_uplift, 0.4});
  s.simulation.runs = 20000;
  s.simulation.seed = 7;
  return s;
}

inline void expect_same_bits(double a, double b, const std::string& what) {
  EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0) << what << ": " << a << " vs " << b;
}

inline void expect_same_bits(const std::optional<double>& a, const std::optional<double>& b,
                             const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (a) expect_same_bits(*a, *b, what);
}

inline void expect_same_estimates(const std::vector<PercentileEstimate>& a,
                                  const std::vector<PercentileEstimate>& b,
                                  const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string at = what + " P" + std::to_string(a[i].p);
    expect_same_bits(a[i].p, b[i].p, at);
    expect_same_bits(a[i].value, b[i].value, at);
    expect_same_bits(a[i].ci_low, b[i].ci_low, at + " ci_low");
    expect_same_bits(a[i].ci_high, b[i].ci_high, at + " ci_high");
    expect_same_bits(a[i].se, b[i].se, at + " se");
  }
}

inline void expect_same_probability(const Probability& a, const Probability& b,
                                    const std::string& what) {
  expect_same_bits(a.value, b.value, what);
  expect_same_bits(a.se, b.se, what + " se");
  expect_same_bits(a.ci_low, b.ci_low, what + " ci_low");
  expect_same_bits(a.ci_high, b.ci_high, what + " ci_high");
}

/// Every number of two results, bit for bit (not how they were found: method).
inline void expect_identical(const SimulationResults& a, const SimulationResults& b) {
  EXPECT_EQ(a.scenario_name, b.scenario_name);
  EXPECT_EQ(a.runs, b.runs);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.horizon_months, b.horizon_months);
  EXPECT_EQ(a.percentiles, b.percentiles);
  auto metric = [](const MetricSummary& x, const MetricSummary& y, const std::string& what) {
    expect_same_bits(x.mean, y.mean, what + " mean");
    expect_same_bits(x.sd, y.sd, what + " sd");
    expect_same_bits(x.mean_se, y.mean_se, what + " mean_se");
    expect_same_bits(x.mean_ci_multiplier, y.mean_ci_multiplier, what + " mean_ci_multiplier");
    expect_same_bits(x.min, y.min, what + " min");
    expect_same_bits(x.max, y.max, what + " max");
    expect_same_estimates(x.percentiles, y.percentiles, what);
  };
  metric(a.roi_pct, b.roi_pct, "roi");
  metric(a.net_profit, b.net_profit, "net");
  metric(a.npv, b.npv, "npv");
  expect_same_probability(a.prob_roi_below_zero, b.prob_roi_below_zero, "P(ROI<0)");
  expect_same_estimates(a.payback.percentiles, b.payback.percentiles, "payback");
  ASSERT_EQ(a.payback.within.size(), b.payback.within.size());
  for (std::size_t i = 0; i < a.payback.within.size(); ++i) {
    EXPECT_EQ(a.payback.within[i].months, b.payback.within[i].months);
    ASSERT_EQ(a.payback.within[i].probability.has_value(),
              b.payback.within[i].probability.has_value());
    if (a.payback.within[i].probability) {
      expect_same_probability(*a.payback.within[i].probability, *b.payback.within[i].probability,
                              "payback within");
    }
  }
  expect_same_probability(a.payback.never_within_horizon, b.payback.never_within_horizon,
                          "never within");
  ASSERT_EQ(a.payback.by_month.size(), b.payback.by_month.size());
  for (std::size_t t = 0; t < a.payback.by_month.size(); ++t) {
    EXPECT_EQ(a.payback.by_month[t].count, b.payback.by_month[t].count) << "payback month " << t;
  }
  metric(a.total_cost, b.total_cost, "total cost");
  expect_same_bits(a.roi_expected_shortfall.value, b.roi_expected_shortfall.value, "ES");
  expect_same_bits(a.roi_expected_shortfall.se, b.roi_expected_shortfall.se, "ES se");
  EXPECT_EQ(a.roi_expected_shortfall.tail_runs, b.roi_expected_shortfall.tail_runs);
  ASSERT_EQ(a.monthly.size(), b.monthly.size());
  for (std::size_t t = 0; t < a.monthly.size(); ++t) {
    EXPECT_EQ(a.monthly[t].month, b.monthly[t].month);
    expect_same_estimates(a.monthly[t].cumulative_net, b.monthly[t].cumulative_net,
                          "fan month " + std::to_string(t + 1));
  }
  ASSERT_EQ(a.sensitivity.size(), b.sensitivity.size());
  for (std::size_t i = 0; i < a.sensitivity.size(); ++i) {
    EXPECT_EQ(a.sensitivity[i].input, b.sensitivity[i].input);
    expect_same_bits(a.sensitivity[i].spearman, b.sensitivity[i].spearman, "spearman");
    expect_same_bits(a.sensitivity[i].se, b.sensitivity[i].se, "spearman se");
  }
  ASSERT_EQ(a.correlations.size(), b.correlations.size());
  for (std::size_t i = 0; i < a.correlations.size(); ++i) {
    expect_same_bits(a.correlations[i].achieved, b.correlations[i].achieved, "achieved rho");
  }
  EXPECT_EQ(a.method.sensitivity_runs, b.method.sensitivity_runs);
  EXPECT_EQ(a.method.replicates, b.method.replicates);
  expect_same_bits(a.method.lhs_variance_ratio, b.method.lhs_variance_ratio, "LHS variance ratio");
  expect_same_bits(a.gain_by_source.more_leads.mean_se, b.gain_by_source.more_leads.mean_se,
                   "more leads mean_se");
  expect_same_bits(a.cash.prob_roi_below_zero.se, b.cash.prob_roi_below_zero.se, "cash P se");
}

/// expect_identical, and the same way of finding the percentiles.
inline void expect_identical_and_alike(const SimulationResults& a, const SimulationResults& b) {
  expect_identical(a, b);
  EXPECT_EQ(a.method.sampling, b.method.sampling);
  EXPECT_EQ(a.method.selection, b.method.selection);
  EXPECT_EQ(a.method.passes, b.method.passes);
}

}  // namespace simroi::testing
