// simulate() against a month-by-month transcription of model.md ("One
// month", "Version 0.2 extensions"): no precomputed segments, no repeat
// visits carried in place of clients, the time saved and the subscription
// summed month by month, pow() for the monthly rate. simulate() arranges the
// same arithmetic for speed (docs/performance.md), so the two agree up to
// rounding: each total is a sum of at most H = 120 terms, computed in a
// different order, whose rounding is below about 1e-16 of the sum of the
// terms' magnitudes per term (1.2e-14 for 120); 1e-12 of that scale leaves
// room and still catches a wrong term of more than 1e-12 of the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

#include "simroi/model/model.h"

namespace simroi {
namespace {

struct Reference {
  RunOutcome out;
  std::vector<double> K;  // K_1..K_H
  double scale = 0.0;     // sum over months of |G_t| + |C_t|, plus I
};

Reference month_by_month(const Timeline& tl, const InputValues& x) {
  auto in = [&](Input i) { return x[index(i)]; };
  const double L0 = in(Input::leads_per_month), c0 = in(Input::booking_conversion);
  const double s0 = in(Input::no_show_rate), A = in(Input::average_check);
  const double m = in(Input::gross_margin), g = in(Input::lead_growth);
  const double c1 = tl.conversion_after_given() ? in(Input::booking_conversion_after)
                                                : c0 * (1.0 + in(Input::booking_conversion_uplift));
  const double r = in(Input::no_show_reduction);
  const double hw = in(Input::manager_hours_saved)*in(Input::manager_hourly_cost);
  const double I = in(Input::implementation), M = in(Input::monthly);
  const double v = in(Input::per_lead), d = in(Input::discount_rate_annual);
  const double q = in(Input::repeat_visits_per_month), k = in(Input::monthly_churn);
  const double A1 = tl.first_visit_check_given() ? in(Input::first_visit_check) : A;
  const double F = in(Input::spare_visits_per_month);
  const double rho = std::pow(1.0 + d, 1.0 / 12.0) - 1.0;

  Reference ref;
  RunOutcome& o = ref.out;
  double P = 0.0;            // retained extra clients P_t
  double served_prev = 0.0;  // X'_{t-1}
  double K = -I;
  ref.scale = std::fabs(I);
  o.npv = -I;
  for (int t = 1; t <= tl.horizon(); ++t) {
    const double phi = tl.ramp(t), S = tl.season(t);
    const double L = L0 * (1.0 + phi * g) * S;
    const double c = std::min(1.0, c0 + phi * (c1 - c0));
    const double a = 1.0 - s0 * (1.0 - phi * r), a0 = 1.0 - s0;
    const double X = L * c * a - L0 * S * c0 * a0;  // extra first visits
    P = P * (1.0 - k) + served_prev;
    const double Q = q * P;  // their repeat visits, wanted
    const double E = X + Q;
    const double sigma = tl.capacity_given() && E > F ? F / E : 1.0;
    served_prev = sigma * X;
    const double wanted = (X * A1 + Q * A) * m;
    const double G = sigma * wanted + phi * hw;
    const double C = M + v * L;
    const double N = G - C;
    o.total_gain += G;
    o.total_cost += C;
    o.gain_repeat += sigma * Q * A * m;
    o.gain_time += phi * hw;
    o.capacity_cut += (1.0 - sigma) * wanted;
    // Shapley split of L c a - L0 c0 a0 over the three levers (L, c, a).
    const double Lb = L0 * S;
    auto f = [&](double l, double cc, double aa) { return l * cc * aa; };
    o.gain_leads += sigma * A1 * m *
                    ((f(L, c0, a0) - f(Lb, c0, a0)) / 3.0 +
                     (f(L, c, a0) - f(Lb, c, a0) + f(L, c0, a) - f(Lb, c0, a)) / 6.0 +
                     (f(L, c, a) - f(Lb, c, a)) / 3.0);
    o.gain_conversion += sigma * A1 * m *
                         ((f(Lb, c, a0) - f(Lb, c0, a0)) / 3.0 +
                          (f(L, c, a0) - f(L, c0, a0) + f(Lb, c, a) - f(Lb, c0, a)) / 6.0 +
                          (f(L, c, a) - f(L, c0, a)) / 3.0);
    o.gain_no_shows += sigma * A1 * m *
                       ((f(Lb, c0, a) - f(Lb, c0, a0)) / 3.0 +
                        (f(L, c0, a) - f(L, c0, a0) + f(Lb, c, a) - f(Lb, c, a0)) / 6.0 +
                        (f(L, c, a) - f(L, c, a0)) / 3.0);
    o.npv += N / std::pow(1.0 + rho, t);
    K += N;
    ref.K.push_back(K);
    ref.scale += std::fabs(G) + std::fabs(C);
  }
  o.total_cost += I;
  o.net_profit = o.total_gain - o.total_cost;
  o.roi_pct = o.net_profit / o.total_cost * 100.0;
  o.cash_net_profit = o.net_profit - o.gain_time;
  o.cash_roi_pct = o.cash_net_profit / o.total_cost * 100.0;
  // Crossings by their definitions (model.md): the first t with K_{t-1} < 0
  // <= K_t, the last such t when K_H >= 0, linear within the month.
  auto Kt = [&](int t) { return t == 0 ? -I : ref.K[static_cast<std::size_t>(t - 1)]; };
  const int H = tl.horizon();
  std::vector<int> ups;
  bool below = -I < 0.0;
  for (int t = 1; t <= H; ++t) {
    below = below || Kt(t) < 0.0;
    if (Kt(t - 1) < 0.0 && Kt(t) >= 0.0) ups.push_back(t);
  }
  auto at = [&](int t) { return (t - 1) + (-Kt(t - 1)) / (Kt(t) - Kt(t - 1)); };
  const double inf = RunOutcome::kNotWithinHorizon;
  o.first_break_even = !below ? 0.0 : ups.empty() ? inf : at(ups.front());
  o.payback = !below ? 0.0 : Kt(H) < 0.0 ? inf : at(ups.back());
  bool fell = false;
  if (!ups.empty()) {
    for (int t = ups.front(); t <= H; ++t) fell = fell || Kt(t) < 0.0;
  }
  o.fell_back = fell ? 1.0 : 0.0;
  return ref;
}

double uniform(std::mt19937_64& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

// Random inputs over the model's valid ranges (core/inputs.cpp), with a
// spread that makes the capacity bind in some months and not others, the
// assistant sometimes hurt, the conversion reach its cap of 1, and the
// cumulative net cross 0 at various months; the edges (no discounting, no
// churn, no free slots, leads halved to nothing) come up now and then.
InputValues random_inputs(std::mt19937_64& rng) {
  InputValues x{};
  for (const auto& in : input_table()) x[index(in.id)] = in.default_value;
  auto set = [&](Input i, double lo, double hi) { x[index(i)] = uniform(rng, lo, hi); };
  auto sometimes = [&](Input i, double value) {
    if (rng() % 10 == 0) x[index(i)] = value;
  };
  set(Input::leads_per_month, 20, 400);
  set(Input::booking_conversion, 0.0, 1.0);
  set(Input::booking_conversion_after, 0.0, 1.0);
  set(Input::booking_conversion_uplift, -0.3, 1.5);
  set(Input::no_show_rate, 0.0, 0.5);
  set(Input::no_show_reduction, 0.0, 1.0);
  set(Input::average_check, 500, 5000);
  set(Input::first_visit_check, 0, 5000);
  set(Input::gross_margin, 0.0, 1.0);
  set(Input::lead_growth, -1.0, 1.0);
  sometimes(Input::lead_growth, -1.0);
  set(Input::manager_hours_saved, 0, 80);
  set(Input::manager_hourly_cost, 200, 600);
  set(Input::implementation, 0, 300000);
  set(Input::monthly, 100, 40000);  // C > 0, so that ROI is defined
  set(Input::per_lead, 0, 20);
  set(Input::discount_rate_annual, 0, 0.5);
  sometimes(Input::discount_rate_annual, 0.0);
  set(Input::repeat_visits_per_month, 0, 3.0);
  set(Input::monthly_churn, 0.0, 1.0);
  sometimes(Input::monthly_churn, 0.0);
  set(Input::spare_visits_per_month, 0, 150);
  sometimes(Input::spare_visits_per_month, 0.0);
  return x;
}

void expect_close(double got, double want, double scale, const char* what, int trial) {
  if (std::isinf(want) || std::isinf(got)) {
    EXPECT_EQ(got, want) << what << " in trial " << trial;
    return;
  }
  EXPECT_NEAR(got, want, 1e-12 * scale) << what << " in trial " << trial;
}

TEST(ModelReference, AgreesWithAMonthByMonthTranscriptionOfTheSpec) {
  std::mt19937_64 rng(20261204);
  std::array<double, 12> season{};
  int capacity_cut_runs = 0, crossing_checked = 0, capped_conversion = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    for (double& s : season) s = rng() % 10 == 0 ? 0.0 : uniform(rng, 0.5, 1.5);
    const int H = 1 + static_cast<int>(rng() % kMaxHorizonMonths);
    // Half the trials ramp up over 0..4 months, half over up to the horizon.
    const int most = rng() % 2 == 0 ? std::min(H, 4) : H;
    const int ramp = static_cast<int>(rng() % static_cast<unsigned>(most + 1));
    const int start = 1 + static_cast<int>(rng() % 12);
    const bool after = rng() % 2 == 0, first = rng() % 2 == 0, capacity = rng() % 3 != 0;
    const Timeline tl(H, ramp, season, start, after, first, capacity);
    const InputValues x = random_inputs(rng);
    std::vector<double> K(static_cast<std::size_t>(H));
    const RunOutcome o = simulate(tl, x, K);
    const Reference ref = month_by_month(tl, x);
    const RunOutcome& e = ref.out;
    const double s = ref.scale;
    expect_close(o.total_gain, e.total_gain, s, "total_gain", trial);
    expect_close(o.total_cost, e.total_cost, s, "total_cost", trial);
    expect_close(o.net_profit, e.net_profit, s, "net_profit", trial);
    expect_close(o.npv, e.npv, s, "npv", trial);
    expect_close(o.gain_leads, e.gain_leads, s, "gain_leads", trial);
    expect_close(o.gain_conversion, e.gain_conversion, s, "gain_conversion", trial);
    expect_close(o.gain_no_shows, e.gain_no_shows, s, "gain_no_shows", trial);
    expect_close(o.gain_repeat, e.gain_repeat, s, "gain_repeat", trial);
    expect_close(o.gain_time, e.gain_time, s, "gain_time", trial);
    expect_close(o.capacity_cut, e.capacity_cut, s, "capacity_cut", trial);
    expect_close(o.cash_net_profit, e.cash_net_profit, s, "cash_net_profit", trial);
    // ROI: the net profit's error over C, in percent.
    expect_close(o.roi_pct, e.roi_pct, 100.0 * s / e.total_cost, "roi_pct", trial);
    expect_close(o.cash_roi_pct, e.cash_roi_pct, 100.0 * s / e.total_cost, "cash_roi_pct", trial);
    for (int t = 0; t < H; ++t) {
      expect_close(K[static_cast<std::size_t>(t)], ref.K[static_cast<std::size_t>(t)], s, "K_t",
                   trial);
    }
    // The crossings. A K_t within rounding of 0 could fall on the other side
    // of it in the other arithmetic: such trials skip this part. Otherwise a
    // crossing month (t - 1) + (-K_{t-1}) / (K_t - K_{t-1}) carries K's error
    // over that month's step.
    const double k_tol = 1e-12 * s;
    bool near_zero = std::fabs(x[index(Input::implementation)]) < k_tol;
    for (const double k : ref.K) near_zero = near_zero || std::fabs(k) < k_tol;
    if (!near_zero) {
      EXPECT_EQ(o.fell_back, e.fell_back) << "trial " << trial;
      auto month_tol = [&](double when) {
        if (!std::isfinite(when) || when <= 0.0) return 0.0;  // +inf or 0: exactly
        const int t = std::min(H, static_cast<int>(std::floor(when)) + 1);
        const double before =
            t == 1 ? -x[index(Input::implementation)] : ref.K[static_cast<std::size_t>(t - 2)];
        const double step = std::fabs(ref.K[static_cast<std::size_t>(t - 1)] - before);
        return 4.0 * k_tol / step + 1e-12;  // two K's errors over the step
      };
      // expect_close's tolerance is 1e-12 of its scale.
      expect_close(o.payback, e.payback, 1e12 * month_tol(e.payback), "payback", trial);
      expect_close(o.first_break_even, e.first_break_even, 1e12 * month_tol(e.first_break_even),
                   "first_break_even", trial);
      ++crossing_checked;
    }
    if (e.capacity_cut > 1e-9 * s) ++capacity_cut_runs;
    const double c0 = x[index(Input::booking_conversion)];
    const double c1 = after ? x[index(Input::booking_conversion_after)]
                            : c0 * (1.0 + x[index(Input::booking_conversion_uplift)]);
    if (c1 > 1.0) ++capped_conversion;
    if (HasFailure()) break;  // one trial's report is enough
  }
  // The trials did exercise the capacity (it cut some runs and not others),
  // the conversion's cap and the crossings.
  EXPECT_GT(capacity_cut_runs, 500);
  EXPECT_LT(capacity_cut_runs, 3500);
  EXPECT_GT(capped_conversion, 200);
  EXPECT_GT(crossing_checked, 3000);
}

TEST(Timeline, SegmentsCoverTheMonthsOncePerRampValue) {
  std::array<double, 12> season{};
  for (std::size_t i = 0; i < 12; ++i) season[i] = 0.5 + 0.1 * static_cast<double>(i);
  const Timeline tl(14, 3, season, 11, true);
  // phi = 1/3, 2/3, then 1 for months 3..14.
  ASSERT_EQ(tl.segments().size(), 3u);
  int next = 1;
  double phi_sum = 0.0;
  for (const Timeline::Segment& s : tl.segments()) {
    EXPECT_EQ(s.first, next);
    double season_sum = 0.0;
    for (int t = s.first; t <= s.last; ++t) {
      EXPECT_EQ(tl.ramp(t), s.phi);
      season_sum += tl.season(t);
      phi_sum += tl.ramp(t);
    }
    EXPECT_DOUBLE_EQ(s.season_sum, season_sum);
    next = s.last + 1;
  }
  EXPECT_EQ(next, 15);
  EXPECT_DOUBLE_EQ(tl.ramp_sum(), phi_sum);
  EXPECT_DOUBLE_EQ(tl.ramp_sum(), 1.0 / 3.0 + 2.0 / 3.0 + 12.0);
}

}  // namespace
}  // namespace simroi
