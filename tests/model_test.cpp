// The model of one run, against hand-computed cases. Every expected number
// says where it comes from: the article's worked example (model.md) or a
// calculation written out in the comment beside it.
#include "simroi/model/model.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "model_fixtures.h"

namespace simroi {
namespace {

using model_fixtures::article;
using model_fixtures::defaults;
using model_fixtures::kFlat;

TEST(Model, ArticleExample) {
  const Timeline timeline(12, 0, kFlat, 1, /*conversion_after_given=*/true);
  std::vector<double> k(12);
  const RunOutcome out = simulate(timeline, article(), k);
  // V0 = 20, V1 = 250 * 0.15 = 37.5, X = 17.5, G_t = 17.5 * 1500 = 26,250 ₽.
  EXPECT_NEAR(out.total_gain, 12 * 26250.0, 1e-6);
  EXPECT_NEAR(out.total_cost, 30000.0 + 12 * 5000.0, 1e-9);  // 90,000 ₽
  EXPECT_NEAR(out.net_profit, 225000.0, 1e-6);
  EXPECT_NEAR(out.roi_pct, 250.0, 1e-9);  // (315,000 - 90,000) / 90,000
  EXPECT_NEAR(out.npv, 225000.0, 1e-6);   // d = 0: NPV equals net profit
  EXPECT_NEAR(k[0], -8750.0, 1e-9);       // N_1 = 26,250 - 35,000
  EXPECT_NEAR(k[1], -8750.0 + 21250.0, 1e-9);
  EXPECT_NEAR(k[11], 225000.0, 1e-6);
  // K_0 = -30,000, K_1 = -8,750: not yet; K_2 = 12,500 crosses in month 2:
  // payback = 1 + 8,750 / 21,250 = 24/17.
  EXPECT_NEAR(out.payback, 24.0 / 17.0, 1e-12);
}

TEST(Model, UpliftIsRelativeToBaselineConversion) {
  // c1 = c0 (1 + u) = 0.10 * 1.5 = 0.15: the same run as the article.
  InputValues x = article();
  x[index(Input::booking_conversion_uplift)] = 0.5;
  x[index(Input::booking_conversion_after)] = 0.99;  // ignored when uplift is the given form
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, false), x);
  EXPECT_NEAR(out.roi_pct, 250.0, 1e-9);
}

TEST(Model, RampUpScalesEffectsLinearly) {
  // R = 2: phi = 0.5 in month 1, 1 after. Article inputs with u = 0.5.
  // Month 1: L = 200 (1 + 0.125) = 225, c = 0.1 + 0.5 * 0.05 = 0.125,
  //          V1 = 28.125, X = 8.125, G = 12,187.5; N_1 = 12,187.5 - 35,000.
  // Months 2..3: G = 26,250. H = 3.
  InputValues x = article();
  x[index(Input::booking_conversion_uplift)] = 0.5;
  std::vector<double> k(3);
  const RunOutcome out = simulate(Timeline(3, 2, kFlat, 1, false), x, k);
  EXPECT_NEAR(out.total_gain, 12187.5 + 2 * 26250.0, 1e-9);
  EXPECT_NEAR(k[0], 12187.5 - 35000.0, 1e-9);
  EXPECT_NEAR(k[1], 12187.5 - 35000.0 + 21250.0, 1e-9);
  // K_1 = -22,812.5, K_2 = -1,562.5, K_3 = 19,687.5: payback = 2 + 1562.5 / 21250.
  EXPECT_NEAR(out.payback, 2.0 + 1562.5 / 21250.0, 1e-12);
}

TEST(Model, RampUpAlsoScalesManagerHours) {
  // Only hours saved: h = 10 h, w = 300 ₽/h, R = 4: gains 750, 1500, 2250, 3000, 3000.
  InputValues x = defaults();
  x[index(Input::manager_hours_saved)] = 10;
  x[index(Input::manager_hourly_cost)] = 300;
  x[index(Input::implementation)] = 1000;
  const RunOutcome out = simulate(Timeline(5, 4, kFlat, 1, false), x);
  EXPECT_NEAR(out.total_gain, 750 + 1500 + 2250 + 3000 + 3000, 1e-9);
  // K_0 = -1000, K_1 = -250, K_2 = 1250: payback = 1 + 250 / 1500.
  EXPECT_NEAR(out.payback, 1.0 + 250.0 / 1500.0, 1e-12);
}

TEST(Model, RetainedExtraClientsReturn) {
  // X_t = 10 extra visits every month (100 leads, 10 % -> 20 % conversion),
  // A = 100, q = 0.5, k = 0.2: P_1 = 0, P_2 = 10, P_3 = 10 * 0.8 + 10 = 18.
  // G_1 = 10 * 100, G_2 = (10 + 5) * 100, G_3 = (10 + 9) * 100.
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 100;
  x[index(Input::booking_conversion)] = 0.1;
  x[index(Input::booking_conversion_after)] = 0.2;
  x[index(Input::average_check)] = 100;
  x[index(Input::implementation)] = 1;
  x[index(Input::repeat_visits_per_month)] = 0.5;
  x[index(Input::monthly_churn)] = 0.2;
  const RunOutcome out = simulate(Timeline(3, 0, kFlat, 1, true), x);
  EXPECT_NEAR(out.total_gain, 1000.0 + 1500.0 + 1900.0, 1e-9);
}

TEST(Model, DefaultChurnKeepsNoRepeatClients) {
  // k = 1 (the default): P_t = X_{t-1}, so q = 1 repeats last month's extras once.
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 100;
  x[index(Input::booking_conversion)] = 0.1;
  x[index(Input::booking_conversion_after)] = 0.2;
  x[index(Input::average_check)] = 100;
  x[index(Input::implementation)] = 1;
  x[index(Input::repeat_visits_per_month)] = 1.0;
  const RunOutcome out = simulate(Timeline(3, 0, kFlat, 1, true), x);
  EXPECT_NEAR(out.total_gain, 1000.0 + 2000.0 + 2000.0, 1e-9);
}

TEST(Model, SeasonalityFollowsStartMonth) {
  // Leads multiplied by S_t = seasonality[(start - 1 + t - 1) mod 12]; start in
  // November: t = 1 Nov (1.5), t = 2 Dec (2.0), t = 3 Jan (0.5).
  std::array<double, 12> season{0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2.0};
  const Timeline timeline(3, 0, season, 11, true);
  EXPECT_DOUBLE_EQ(timeline.season(1), 1.5);
  EXPECT_DOUBLE_EQ(timeline.season(2), 2.0);
  EXPECT_DOUBLE_EQ(timeline.season(3), 0.5);
  // Article inputs: X_t = 17.5 S_t, G_t = 26,250 S_t; the cost per lead
  // v = 2 ₽ applies to leads after: 250 S_t leads.
  InputValues x = article();
  x[index(Input::per_lead)] = 2.0;
  const RunOutcome out = simulate(timeline, x);
  EXPECT_NEAR(out.total_gain, 26250.0 * 4.0, 1e-9);
  EXPECT_NEAR(out.total_cost, 30000.0 + 3 * 5000.0 + 2.0 * 250.0 * 4.0, 1e-9);
}

TEST(Model, NoShowReduction) {
  // s0 = 0.2, r = 0.5 -> s1 = 0.1. 100 leads, conversion 0.5 both: V0 = 40,
  // V1 = 45, X = 5, A = 1000 -> G = 5,000 a month.
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 100;
  x[index(Input::booking_conversion)] = 0.5;
  x[index(Input::no_show_rate)] = 0.2;
  x[index(Input::no_show_reduction)] = 0.5;
  x[index(Input::average_check)] = 1000;
  x[index(Input::implementation)] = 100;
  const RunOutcome out = simulate(Timeline(2, 0, kFlat, 1, false), x);
  EXPECT_NEAR(out.total_gain, 10000.0, 1e-9);
}

TEST(Model, ConversionIsCappedAtOne) {
  // c0 = 0.8, u = 1 -> c1 = 1.6, capped: c_t = 1. 10 leads, A = 10:
  // V0 = 8, V1 = 10, G = 20 a month.
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 10;
  x[index(Input::booking_conversion)] = 0.8;
  x[index(Input::booking_conversion_uplift)] = 1.0;
  x[index(Input::average_check)] = 10;
  x[index(Input::implementation)] = 1;
  const RunOutcome out = simulate(Timeline(1, 0, kFlat, 1, false), x);
  EXPECT_NEAR(out.total_gain, 20.0, 1e-12);
}

TEST(Model, GrossMarginScalesVisitValue) {
  InputValues x = article();
  x[index(Input::gross_margin)] = 0.4;
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true), x);
  EXPECT_NEAR(out.total_gain, 12 * 26250.0 * 0.4, 1e-6);
}

TEST(Model, DiscountingUsesMonthlyRateFromAnnual) {
  // d = 12 %: rho = 1.12^(1/12) - 1. NPV = -I + sum_t (N_t + [t = 1] I) / (1 + rho)^t
  // with N_1 + I = 21,250 and N_t = 21,250: an annuity of 21,250 for 12 months.
  InputValues x = article();
  x[index(Input::discount_rate_annual)] = 0.12;
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true), x);
  const double rho = std::pow(1.12, 1.0 / 12.0) - 1.0;
  const double annuity = 21250.0 * (1.0 - std::pow(1.0 + rho, -12.0)) / rho;
  EXPECT_NEAR(out.npv, -30000.0 + annuity, 1e-6);
  EXPECT_LT(out.npv, 225000.0);
  EXPECT_NEAR(out.roi_pct, 250.0, 1e-9);  // ROI is undiscounted
}

TEST(Model, PaybackCensoredWhenNeverRecovered) {
  // Support costs more than the assistant brings: K falls every month.
  InputValues x = article();
  x[index(Input::monthly)] = 30000;
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true), x);
  EXPECT_TRUE(std::isinf(out.payback));
  EXPECT_LT(out.roi_pct, 0.0);
}

TEST(Model, PaybackZeroWhenNothingToPayBack) {
  // I = 0 and every month positive: K never goes below 0.
  InputValues x = article();
  x[index(Input::implementation)] = 0;
  const RunOutcome out = simulate(Timeline(12, 0, kFlat, 1, true), x);
  EXPECT_EQ(out.payback, 0.0);
}

TEST(Model, PaybackAfterADipWithoutImplementationCost) {
  // I = 0, so K_0 = 0 is not below 0; ramp-up R = 4 makes month 1 negative.
  // Article funnel, M = 8,000 ₽. phi_1 = 0.25: L = 200 * 1.0625 = 212.5,
  // c = 0.1 + 0.25 * 0.05 = 0.1125, V1 = 23.90625, X = 3.90625, G = 5,859.375,
  // K_1 = -2,140.625. phi_2 = 0.5: L = 225, c = 0.125, V1 = 28.125, X = 8.125,
  // G = 12,187.5, N_2 = 4,187.5, K_2 = 2,046.875. Payback = 1 + 2,140.625 / 4,187.5.
  InputValues x = article();
  x[index(Input::implementation)] = 0;
  x[index(Input::monthly)] = 8000;
  std::vector<double> k(6);
  const RunOutcome out = simulate(Timeline(6, 4, kFlat, 1, true), x, k);
  EXPECT_NEAR(k[0], -2140.625, 1e-9);
  EXPECT_NEAR(k[1], 2046.875, 1e-9);
  EXPECT_NEAR(out.payback, 1.0 + 2140.625 / 4187.5, 1e-12);
}

TEST(Model, MinimumTotalCost) {
  const Timeline timeline(12, 0, kFlat, 1, false);
  EXPECT_EQ(minimum_total_cost(timeline, 0, 0, 0, 100, 0), 0.0);
  EXPECT_EQ(minimum_total_cost(timeline, 0, 0, 1, 0, 0), 0.0);
  EXPECT_EQ(minimum_total_cost(timeline, 0, 0, 1, 100, -1.0), 0.0);  // leads can vanish
  EXPECT_NEAR(minimum_total_cost(timeline, 0, 0, 1, 100, 0), 1200.0, 1e-9);
  EXPECT_NEAR(minimum_total_cost(timeline, 10, 5, 0, 0, 0), 70.0, 1e-9);
}

}  // namespace
}  // namespace simroi

namespace simroi {
namespace {

// simulate() keeps K_t on a kMaxHorizonMonths-slot stack array: a Timeline
// longer than that (possible for a Scenario built in code) is refused.
TEST(Timeline, RefusesAHorizonTheModelCannotHold) {
  const std::array<double, 12> flat{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  EXPECT_THROW(Timeline(200, 0, flat, 1, false), std::invalid_argument);
  EXPECT_THROW(Timeline(0, 0, flat, 1, false), std::invalid_argument);
  EXPECT_THROW(Timeline(12, 13, flat, 1, false), std::invalid_argument);
  EXPECT_THROW(Timeline(12, 0, flat, 13, false), std::invalid_argument);
  EXPECT_NO_THROW(Timeline(kMaxHorizonMonths, kMaxHorizonMonths, flat, 12, false));
}

}  // namespace
}  // namespace simroi
