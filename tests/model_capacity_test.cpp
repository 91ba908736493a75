// The model's version 0.2 extensions (model.md, "Version 0.2 extensions"):
// the capacity F, the first-visit check A1, the gain by source and the cash
// view, against hand-computed cases. Every expected number is worked out in
// the comment beside it.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "model_fixtures.h"
#include "simroi/model/model.h"

namespace simroi {
namespace {

using model_fixtures::article;
using model_fixtures::defaults;
using model_fixtures::kFlat;

Timeline with_capacity(int months, const std::array<double, 12>& season = kFlat) {
  return Timeline(months, 0, season, 1, /*conversion_after_given=*/true,
                  /*first_visit_check_given=*/false, /*capacity_given=*/true);
}

double source_sum(const RunOutcome& o) {
  return o.gain_leads + o.gain_conversion + o.gain_no_shows + o.gain_repeat + o.gain_time;
}

TEST(ModelCapacity, BindsOnlyInTheMonthsItIsShort) {
  // Seasonality 1, 2, 1: X_t = 17.5, 35, 17.5 visits; F = 20.
  // Months 1 and 3: E = 17.5 <= 20, sigma = 1, G = 26,250 ₽.
  // Month 2: E = 35 > 20, sigma = 20 / 35, 20 visits served: G = 30,000 ₽;
  // 15 visits (22,500 ₽) cut off.
  InputValues x = article();
  x[index(Input::spare_visits_per_month)] = 20;
  const std::array<double, 12> season{1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::vector<double> k(3);
  const RunOutcome out = simulate(with_capacity(3, season), x, k);
  EXPECT_NEAR(out.total_gain, 26250.0 + 30000.0 + 26250.0, 1e-9);
  EXPECT_NEAR(out.capacity_cut, 22500.0, 1e-9);
  EXPECT_NEAR(k[0], 26250.0 - 35000.0, 1e-9);
  EXPECT_NEAR(k[1], 26250.0 - 35000.0 + 30000.0 - 5000.0, 1e-9);
  // The same run with the capacity key absent is uncapped: 26,250 + 52,500 + 26,250.
  const RunOutcome free = simulate(Timeline(3, 0, season, 1, true), x);
  EXPECT_NEAR(free.total_gain, 105000.0, 1e-9);
  EXPECT_EQ(free.capacity_cut, 0.0);
}

TEST(ModelCapacity, OnlyServedClientsAreRetained) {
  // q = 1 visit a month, k = 0.5, F = 20, flat season, H = 3.
  // Month 1: X = 17.5, P = 0: E = 17.5, sigma = 1; X'_1 = 17.5; G_1 = 26,250.
  // Month 2: P_2 = 17.5, Q = 17.5, E = 35, sigma = 4/7: X'_2 = Q'_2 = 10; G_2 = 30,000.
  // Month 3: P_3 = 17.5 * 0.5 + X'_2 = 18.75 (not 17.5 * 0.5 + 17.5 = 26.25:
  //          the 7.5 turned away in month 2 cannot come back), E = 36.25,
  //          sigma = 20 / 36.25, served 20: G_3 = 30,000.
  InputValues x = article();
  x[index(Input::spare_visits_per_month)] = 20;
  x[index(Input::repeat_visits_per_month)] = 1;
  x[index(Input::monthly_churn)] = 0.5;
  const RunOutcome out = simulate(with_capacity(3), x);
  EXPECT_NEAR(out.total_gain, 26250.0 + 30000.0 + 30000.0, 1e-9);
  // Repeat visits served: 10 in month 2, 18.75 * 20 / 36.25 in month 3.
  EXPECT_NEAR(out.gain_repeat, (10.0 + 18.75 * 20.0 / 36.25) * 1500.0, 1e-9);
  // Cut: month 2, 15 visits; month 3, 16.25 visits.
  EXPECT_NEAR(out.capacity_cut, (15.0 + 16.25) * 1500.0, 1e-9);
  EXPECT_NEAR(source_sum(out), out.total_gain, 1e-9);
}

TEST(ModelCapacity, ZeroCapacityLeavesOnlyTheTimeSaved) {
  // F = 0: every positive E_t is cut to nothing; h w = 10 * 500 = 5,000 ₽ a month.
  InputValues x = article();
  x[index(Input::spare_visits_per_month)] = 0;
  x[index(Input::manager_hours_saved)] = 10;
  x[index(Input::manager_hourly_cost)] = 500;
  const RunOutcome out = simulate(with_capacity(12), x);
  EXPECT_NEAR(out.total_gain, 12 * 5000.0, 1e-9);
  EXPECT_NEAR(out.gain_time, 12 * 5000.0, 1e-9);
  EXPECT_EQ(out.gain_leads, 0.0);
  EXPECT_EQ(out.gain_conversion, 0.0);
  EXPECT_NEAR(out.capacity_cut, 12 * 26250.0, 1e-9);
  // Cash view: G - C without h w = 0 - 90,000 ₽, ROI -100 %.
  EXPECT_NEAR(out.cash_net_profit, -90000.0, 1e-9);
  EXPECT_NEAR(out.cash_roi_pct, -100.0, 1e-12);
}

TEST(ModelCapacity, NegativeEffectIsNeverCapped) {
  // g = -0.5, conversion unchanged: X_t = 100 * 0.1 - 200 * 0.1 = -10 visits
  // a month, G_t = -15,000 ₽, whatever the capacity (E_t < 0 <= F).
  InputValues x = article();
  x[index(Input::lead_growth)] = -0.5;
  x[index(Input::booking_conversion_after)] = 0.10;
  x[index(Input::spare_visits_per_month)] = 0;
  const RunOutcome out = simulate(with_capacity(12), x);
  EXPECT_NEAR(out.total_gain, -12 * 15000.0, 1e-9);
  EXPECT_EQ(out.capacity_cut, 0.0);
  EXPECT_NEAR(out.gain_leads, -12 * 15000.0, 1e-9);  // all of it from fewer leads
}

TEST(ModelCapacity, AmpleCapacityChangesNothing) {
  // F = 1,000 never binds: the article's numbers exactly.
  InputValues x = article();
  x[index(Input::spare_visits_per_month)] = 1000;
  const RunOutcome out = simulate(with_capacity(12), x);
  EXPECT_NEAR(out.roi_pct, 250.0, 1e-9);
  EXPECT_NEAR(out.payback, 24.0 / 17.0, 1e-12);
}

TEST(ModelFirstVisit, FirstVisitsAtTheirOwnCheckRepeatsAtTheAverage) {
  // A1 = 500: G_1 = 17.5 * 500 = 8,750 ₽. With q = 1, k = 1, P_t = X_{t-1}:
  // G_t = 17.5 * 500 + 17.5 * 1500 = 35,000 ₽ for t >= 2. H = 3.
  InputValues x = article();
  x[index(Input::first_visit_check)] = 500;
  x[index(Input::repeat_visits_per_month)] = 1;
  const Timeline timeline(3, 0, kFlat, 1, true, /*first_visit_check_given=*/true);
  const RunOutcome out = simulate(timeline, x);
  EXPECT_NEAR(out.total_gain, 8750.0 + 2 * 35000.0, 1e-9);
  EXPECT_NEAR(out.gain_repeat, 2 * 26250.0, 1e-9);
  EXPECT_NEAR(out.gain_leads + out.gain_conversion, 3 * 8750.0, 1e-9);
  // Not given, the same value of the input is ignored: A1 = A.
  const RunOutcome ignored = simulate(Timeline(3, 0, kFlat, 1, true), x);
  EXPECT_NEAR(ignored.total_gain, 26250.0 + 2 * 52500.0, 1e-9);
}

TEST(ModelFirstVisit, FreeTrialIsWorthOnlyItsRepeats) {
  // A1 = 0 (a free trial): the extra first visits bring nothing themselves.
  InputValues x = article();
  x[index(Input::first_visit_check)] = 0;
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true, true), x);
  EXPECT_EQ(out.total_gain, 0.0);
  EXPECT_NEAR(out.roi_pct, -100.0, 1e-12);
}

TEST(ModelGainBySource, ShapleySplitOfTheArticle) {
  // L0 = 200 -> L = 250, c0 = 0.10 -> c = 0.15, a0 = a = 1:
  // phi_L = 50 [0.1/3 + (0.15 + 0.1)/6 + 0.15/3] = 50 * 0.125 = 6.25 visits,
  // phi_c = 0.05 [200/3 + (250 + 200)/6 + 250/3] = 0.05 * 225 = 11.25 visits,
  // phi_a = 0; 6.25 + 11.25 = 17.5 = X_t. At 1,500 ₽ for 12 months:
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true), article());
  EXPECT_NEAR(out.gain_leads, 12 * 6.25 * 1500.0, 1e-9);        // 112,500 ₽
  EXPECT_NEAR(out.gain_conversion, 12 * 11.25 * 1500.0, 1e-9);  // 202,500 ₽
  EXPECT_EQ(out.gain_no_shows, 0.0);
  EXPECT_EQ(out.gain_repeat, 0.0);
  EXPECT_EQ(out.gain_time, 0.0);
}

TEST(ModelGainBySource, ThreeLeversHandComputed) {
  // L0 = 100 -> 120 (g = 0.2), c0 = 0.10 -> 0.15, s0 = 0.2 -> 0.1 (r = 0.5),
  // so a0 = 0.8 -> a = 0.9 and X = 120 * 0.15 * 0.9 - 100 * 0.1 * 0.8 = 8.2.
  // phi_L = 20 [0.08/3 + (0.12 + 0.09)/6 + 0.135/3] = 32/15
  // phi_c = 0.05 [80/3 + (96 + 90)/6 + 108/3] = 281/60
  // phi_a = 0.1 [10/3 + (12 + 15)/6 + 18/3] = 83/60;  sum 492/60 = 8.2.
  // One month at A = 1,000 ₽, m = 0.5: 500 ₽ a visit.
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 100;
  x[index(Input::lead_growth)] = 0.2;
  x[index(Input::booking_conversion)] = 0.10;
  x[index(Input::booking_conversion_after)] = 0.15;
  x[index(Input::no_show_rate)] = 0.2;
  x[index(Input::no_show_reduction)] = 0.5;
  x[index(Input::average_check)] = 1000;
  x[index(Input::gross_margin)] = 0.5;
  x[index(Input::implementation)] = 1000;
  const RunOutcome out = simulate(Timeline(1, 0, kFlat, 1, true), x);
  EXPECT_NEAR(out.gain_leads, 32.0 / 15.0 * 500.0, 1e-9);
  EXPECT_NEAR(out.gain_conversion, 281.0 / 60.0 * 500.0, 1e-9);
  EXPECT_NEAR(out.gain_no_shows, 83.0 / 60.0 * 500.0, 1e-9);
  EXPECT_NEAR(out.total_gain, 8.2 * 500.0, 1e-9);
}

TEST(ModelGainBySource, SourcesAddUpToTheGainInEveryRun) {
  // A grid of inputs, with ramp-up, seasonality, retention, hours, A1 and a
  // capacity that binds in some runs: the five sources add up to G (to
  // rounding, 1e-9 of the gain's scale), and the cash view leaves out h w.
  const std::array<double, 12> season{0.6, 0.8, 1.2, 1.0, 1.4, 0.9, 0.7, 1.1, 1.3, 1.0, 0.8, 1.5};
  int capped = 0;
  for (const double g : {-0.3, 0.0, 0.4}) {
    for (const double c1 : {0.05, 0.12, 0.3}) {
      for (const double r : {0.0, 0.6}) {
        for (const double F : {0.0, 15.0, 60.0}) {
          InputValues x = defaults();
          x[index(Input::leads_per_month)] = 150;
          x[index(Input::booking_conversion)] = 0.12;
          x[index(Input::booking_conversion_after)] = c1;
          x[index(Input::no_show_rate)] = 0.25;
          x[index(Input::no_show_reduction)] = r;
          x[index(Input::lead_growth)] = g;
          x[index(Input::average_check)] = 2000;
          x[index(Input::first_visit_check)] = 700;
          x[index(Input::gross_margin)] = 0.6;
          x[index(Input::repeat_visits_per_month)] = 0.8;
          x[index(Input::monthly_churn)] = 0.3;
          x[index(Input::manager_hours_saved)] = 12;
          x[index(Input::manager_hourly_cost)] = 400;
          x[index(Input::spare_visits_per_month)] = F;
          x[index(Input::implementation)] = 50000;
          x[index(Input::monthly)] = 4000;
          const Timeline timeline(24, 3, season, 4, true, true, true);
          const RunOutcome out = simulate(timeline, x);
          const double scale = std::abs(out.total_gain) + out.total_cost;
          EXPECT_NEAR(source_sum(out), out.total_gain, 1e-9 * scale);
          // h w during the ramp-up: (1/3 + 2/3 + 1) 4,800, then 21 * 4,800.
          EXPECT_NEAR(out.gain_time, (2.0 + 21.0) * 4800.0, 1e-9);
          EXPECT_NEAR(out.cash_net_profit, out.net_profit - out.gain_time, 1e-9 * scale);
          EXPECT_NEAR(out.cash_roi_pct, out.cash_net_profit / out.total_cost * 100.0, 1e-9);
          EXPECT_GE(out.capacity_cut, 0.0);
          capped += out.capacity_cut > 0.0 ? 1 : 0;
        }
      }
    }
  }
  EXPECT_GT(capped, 0);  // the grid does exercise the capacity
}

}  // namespace
}  // namespace simroi
