// The gain by source and the cash view in the results and the reports
// (docs/model.md, "Where the gain comes from", "The cash view"): means over
// the runs against hand-computed values, sources that add up to the mean
// gain, and the sections and keys every format shows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "simroi/engine/engine.h"
#include "simroi/report/document.h"
#include "simroi/report/report.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

// The article, plus 10 saved hours a month at 500 ₽ (h w = 5,000 ₽ a month).
constexpr const char* kArticleWithTime = R"(horizon_months: 12
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
assistant:
  lead_growth: 25%
  booking_conversion_after: 15%
  manager_hours_saved: 10
costs:
  implementation: 30000
  monthly: 5000
economics:
  manager_hourly_cost: 500
simulation:
  runs: 256
)";

TEST(GainBySource, FixedInputsGiveTheHandComputedSplit) {
  // Per month: more leads 6.25 visits, better conversion 11.25 visits at
  // 1,500 ₽ (tests/model_capacity_test.cpp, ShapleySplitOfTheArticle), time
  // 5,000 ₽. Over 12 months: 112,500 + 202,500 + 60,000 = 375,000 ₽.
  const SimulationResults r = run_simulation(parse_scenario(kArticleWithTime, "a.yaml"), {});
  const GainBySource& g = r.gain_by_source;
  EXPECT_NEAR(g.more_leads.mean, 112500.0, 1e-6);
  EXPECT_NEAR(g.better_conversion.mean, 202500.0, 1e-6);
  EXPECT_EQ(g.fewer_no_shows.mean, 0.0);
  EXPECT_EQ(g.repeat_visits.mean, 0.0);
  EXPECT_NEAR(g.staff_time.mean, 60000.0, 1e-6);
  EXPECT_NEAR(g.total_gain, 375000.0, 1e-6);
  EXPECT_EQ(g.capacity_cut.mean, 0.0);
  EXPECT_FALSE(g.capacity_given);
  // Cash view: net profit 285,000 - 60,000 = 225,000 ₽, ROI 250 % (the
  // article's); with time 285,000 / 90,000 = 316.7 %.
  ASSERT_TRUE(r.cash.time_valued);
  EXPECT_NEAR(r.cash.net_profit.mean, 225000.0, 1e-6);
  EXPECT_NEAR(r.cash.roi_pct.mean, 250.0, 1e-9);
  EXPECT_NEAR(r.roi_pct.mean, 285000.0 / 90000.0 * 100.0, 1e-9);
  EXPECT_EQ(r.cash.prob_roi_below_zero.value, 0.0);
}

TEST(GainBySource, UncertainSourcesAddUpToTheMeanGain) {
  // Costs fixed and v = 0, so the mean gain is mean net profit + C exactly
  // (C = 30,000 + 12 x 5,000); the sources' means must add up to it (to the
  // rounding of 4,000 runs' sums: 1e-9 of the gain).
  const std::string yaml = R"(horizon_months: 12
baseline:
  leads_per_month: {pert: [100, 200, 300]}
  booking_conversion: {uniform: [0.08, 0.12]}
  no_show_rate: {pert: [0.1, 0.2, 0.3]}
  average_check: 1500
  first_visit_check: {pert: [500, 1000, 1500]}
assistant:
  lead_growth: {pert: [-0.1, 0.2, 0.4]}
  booking_conversion_uplift: {pert: [-0.1, 0.2, 0.5]}
  no_show_reduction: {uniform: [0, 0.4]}
  manager_hours_saved: {uniform: [0, 20]}
costs:
  implementation: 30000
  monthly: 5000
economics:
  manager_hourly_cost: 400
retention:
  repeat_visits_per_month: 0.5
  monthly_churn: 0.2
capacity:
  spare_visits_per_month: {uniform: [10, 40]}
simulation:
  runs: 4000
)";
  const SimulationResults r = run_simulation(parse_scenario(yaml, "u.yaml"), {});
  const GainBySource& g = r.gain_by_source;
  const double gain = r.net_profit.mean + 90000.0;
  EXPECT_NEAR(g.total_gain, gain, 1e-9 * gain);
  EXPECT_GT(g.capacity_cut.mean, 0.0);  // 10-40 free slots do bind
  EXPECT_TRUE(g.capacity_given);
  EXPECT_GT(g.fewer_no_shows.mean, 0.0);
  EXPECT_GT(g.repeat_visits.mean, 0.0);
  // The cash view leaves out exactly the mean value of time.
  EXPECT_NEAR(r.cash.net_profit.mean, r.net_profit.mean - g.staff_time.mean, 1e-9 * gain);
  EXPECT_GE(r.cash.prob_roi_below_zero.value, r.prob_roi_below_zero.value);
}

TEST(GainBySource, EveryFormatShowsIt) {
  const SimulationResults r = run_simulation(parse_scenario(kArticleWithTime, "a.yaml"), {});
  const Document d = build_report(r);
  const Section* sources = d.section("gain_by_source");
  ASSERT_NE(sources, nullptr);
  ASSERT_TRUE(sources->table.has_value());
  const Cell* share = sources->table->cell("better_conversion", "share");
  ASSERT_NE(share, nullptr);
  EXPECT_NEAR(share->value, 202500.0 / 375000.0 * 100.0, 1e-9);  // 54 %
  ASSERT_NE(d.section("cash_view"), nullptr);

  const std::string json = render(d, Format::json, Locale::english());
  const auto j = nlohmann::json::parse(json);
  double shares = 0;
  for (const char* key :
       {"more_leads", "better_conversion", "fewer_no_shows", "repeat_visits", "staff_time"}) {
    shares += j["gain_by_source"][key]["share"].get<double>();
  }
  EXPECT_NEAR(shares, 1.0, 1e-12);
  EXPECT_NEAR(j["cash_view"]["roi_pct"]["mean"].get<double>(), 250.0, 1e-9);
  EXPECT_TRUE(j["cash_view"]["time_valued"].get<bool>());
  const std::string md = render(d, Format::markdown, Locale::english());
  EXPECT_NE(md.find("Where the gain comes from"), std::string::npos);
  EXPECT_NE(md.find("Cash view"), std::string::npos);
  const std::string csv = render(d, Format::csv, Locale::english());
  EXPECT_NE(csv.find("gain_by_source,more_leads,112500"), std::string::npos) << csv;

  // No time valued: no cash view section (the JSON still says so).
  const std::string no_time = R"(baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
assistant:
  lead_growth: 25%
costs:
  implementation: 30000
  monthly: 5000
simulation:
  runs: 16
)";
  const Document plain = build_report(run_simulation(parse_scenario(no_time, "p.yaml"), {}));
  EXPECT_EQ(plain.section("cash_view"), nullptr);
  EXPECT_NE(plain.section("gain_by_source"), nullptr);
}

}  // namespace
}  // namespace simroi
