#include "simroi/model/model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace simroi {

Timeline::Timeline(int horizon_months, int ramp_up_months,
                   const std::array<double, 12>& seasonality, int start_month,
                   bool conversion_after_given, bool first_visit_check_given, bool capacity_given)
    : conversion_after_given_(conversion_after_given),
      first_visit_check_given_(first_visit_check_given),
      capacity_given_(capacity_given) {
  // simulate() keeps K_1..K_H on the stack (kMaxHorizonMonths of them).
  if (horizon_months < 1 || horizon_months > kMaxHorizonMonths) {
    throw std::invalid_argument("Timeline: the horizon must be 1.." +
                                std::to_string(kMaxHorizonMonths) + " months");
  }
  if (ramp_up_months < 0 || ramp_up_months > horizon_months) {
    throw std::invalid_argument("Timeline: the ramp-up must be 0..horizon months");
  }
  if (start_month < 1 || start_month > 12) {
    throw std::invalid_argument("Timeline: the start month must be 1..12");
  }
  const auto months = static_cast<std::size_t>(horizon_months);
  ramp_.resize(months);
  season_.resize(months);
  for (std::size_t i = 0; i < months; ++i) {
    const double t = static_cast<double>(i + 1);
    ramp_[i] = ramp_up_months > 0 ? std::min(1.0, t / ramp_up_months) : 1.0;
    const auto calendar = static_cast<std::size_t>((start_month - 1 + static_cast<int>(i)) % 12);
    season_[i] = seasonality[calendar];
  }
}

RunOutcome simulate(const Timeline& timeline, const InputValues& x,
                    std::span<double> cumulative) noexcept {
  const double L0 = x[index(Input::leads_per_month)];
  const double c0 = x[index(Input::booking_conversion)];
  const double s0 = x[index(Input::no_show_rate)];
  const double A = x[index(Input::average_check)];
  const double m = x[index(Input::gross_margin)];
  const double g = x[index(Input::lead_growth)];
  const double c1 = timeline.conversion_after_given()
                        ? x[index(Input::booking_conversion_after)]
                        : c0 * (1.0 + x[index(Input::booking_conversion_uplift)]);
  const double r = x[index(Input::no_show_reduction)];
  const double hours_value =
      x[index(Input::manager_hours_saved)] * x[index(Input::manager_hourly_cost)];
  const double I = x[index(Input::implementation)];
  const double M = x[index(Input::monthly)];
  const double v = x[index(Input::per_lead)];
  const double d = x[index(Input::discount_rate_annual)];
  const double q = x[index(Input::repeat_visits_per_month)];
  const double k = x[index(Input::monthly_churn)];
  // Version 0.2 (model.md): the first-visit check A1 (A unless given) and the
  // capacity F (unlimited unless given).
  const bool first_given = timeline.first_visit_check_given();
  const bool capacity_given = timeline.capacity_given();
  const double F = x[index(Input::spare_visits_per_month)];

  // (1 + rho)^-1 with rho = (1 + d)^(1/12) - 1,
  // as exp(-log1p(d) / 12): a quarter cheaper than std::pow(1 + d, -1 / 12)
  // and exact for small d, where 1 + d would round d away.
  const double monthly_discount = d == 0.0 ? 1.0 : std::exp(std::log1p(d) * (-1.0 / 12.0));
  const double visit_value = A * m;
  const double first_visit_value =
      first_given ? x[index(Input::first_visit_check)] * m : visit_value;
  const double a0 = 1.0 - s0;
  const double base_visits = L0 * (c0 * a0);  // per unit of season, without the assistant
  const double keep = 1.0 - k;

  // What a month's ramp-up phi changes, per unit of season S_t: the extra
  // visits X_t, their value and the per-lead cost, and X_t's Shapley split
  // among the three levers. phi only takes a few values (it is 1 after the
  // ramp-up), so these are recomputed only when it changes. Retained clients
  // are carried as the value of their visits, V_t = A m P_t, which follows the
  // same recurrence as P_t (and, with a capacity, as visits P_t too).
  double phi = -1.0;
  double extra_visits_per_season = 0.0;  // X_t / S_t
  double extra_value_per_season = 0.0;   // A m X_t / S_t
  double first_value_per_season = 0.0;   // A1 m X_t / S_t
  double lead_cost_per_season = 0.0;     // v L_t / S_t
  double hours_gain = 0.0;
  double split_leads = 0.0;    // phi_L / S_t
  double split_convert = 0.0;  // phi_c / S_t
  double split_show = 0.0;     // phi_a / S_t

  RunOutcome out;
  // sum of sigma_t S_t over the months of the current phi: the three levers'
  // shares are constant while phi is, so they are added up once per phi.
  double served_season = 0.0;
  // Loop sums in locals: `out` is the caller's return slot, which the
  // compiler cannot keep in registers across the stores to K_t.
  double repeat_sum = 0.0, time_sum = 0.0, cut_sum = 0.0;
  auto add_levers = [&] {
    const double scale = served_season * first_visit_value;
    out.gain_leads += scale * split_leads;
    out.gain_conversion += scale * split_convert;
    out.gain_no_shows += scale * split_show;
    served_season = 0.0;
  };
  double retained_value = 0.0;                           // A m P_{t-1}
  double served_value = 0.0;                             // A m X'_{t-1}
  double retained_visits = 0.0;                          // P_{t-1} (kept only with a capacity)
  double served_visits = 0.0;                            // X'_{t-1}
  double discount = 1.0;                                 // (1 + rho)^-t
  double npv = -I;                                       // implementation at time 0, undiscounted
  double cumulative_net = -I;                            // K_{t-1}, with K_0 = -I for payback
  std::array<double, kMaxHorizonMonths> own_cumulative;  // when the caller wants none
  double* const k_t = cumulative.empty() ? own_cumulative.data() : cumulative.data();

  const int H = timeline.horizon();
  for (int t = 1; t <= H; ++t) {
    if (timeline.ramp(t) != phi) {
      add_levers();  // of the months of the previous phi
      phi = timeline.ramp(t);
      const double conversion = std::min(1.0, c0 + phi * (c1 - c0));
      const double no_show = s0 * (1.0 - phi * r);
      const double leads_per_season = L0 * (1.0 + phi * g);
      const double shows = 1.0 - no_show;
      extra_visits_per_season = leads_per_season * (conversion * shows) - base_visits;
      extra_value_per_season = extra_visits_per_season * visit_value;
      first_value_per_season =
          first_given ? extra_visits_per_season * first_visit_value : extra_value_per_season;
      lead_cost_per_season = v * leads_per_season;
      hours_gain = phi * hours_value;
      // Shapley split of L c a - L0 c0 a0 (model.md, "Where the gain comes
      // from"): each lever's change times the mean of the other two factors'
      // products over the six orders of switching the levers on.
      const double L = leads_per_season, c = conversion, a = shows;
      split_leads = (L - L0) * (c0 * a0 / 3.0 + (c * a0 + c0 * a) / 6.0 + c * a / 3.0);
      split_convert = (c - c0) * (L0 * a0 / 3.0 + (L * a0 + L0 * a) / 6.0 + L * a / 3.0);
      split_show = (a - a0) * (L0 * c0 / 3.0 + (L * c0 + L0 * c) / 6.0 + L * c / 3.0);
    }
    const double S = timeline.season(t);
    retained_value = retained_value * keep + served_value;  // uses X'_{t-1}
    const double extra_value = extra_value_per_season * S;
    const double first_value = first_value_per_season * S;
    // sigma_t: the share of the wanted extra visits E_t = X_t + Q_t that the
    // free slots F can serve (1 without a capacity; a negative E_t is never cut).
    double sigma = 1.0;
    if (capacity_given) {
      retained_visits = retained_visits * keep + served_visits;
      const double wanted = extra_visits_per_season * S + q * retained_visits;
      if (wanted > F) sigma = F / wanted;
      served_visits = sigma * (extra_visits_per_season * S);
    }
    served_value = sigma * extra_value;
    // G_t = (X'_t A1 + Q'_t A) m + phi_t h w, with X' = sigma X, Q' = sigma q P;
    // C_t = M + v L_t (I is booked at time 0)
    const double wanted_value = first_value + q * retained_value;
    const double gain = sigma * wanted_value + hours_gain;
    served_season += sigma * S;
    repeat_sum += sigma * (q * retained_value);
    time_sum += hours_gain;
    if (capacity_given) cut_sum += (1.0 - sigma) * wanted_value;
    const double running_cost = M + lead_cost_per_season * S;
    const double flow = gain - running_cost;  // N_t + [t = 1] I

    out.total_gain += gain;
    out.total_cost += running_cost;
    discount *= monthly_discount;
    npv += flow * discount;

    cumulative_net += flow;  // K_t
    k_t[t - 1] = cumulative_net;
  }
  add_levers();  // of the last phi
  out.gain_repeat = repeat_sum;
  out.gain_time = time_sum;
  out.capacity_cut = cut_sum;
  // The crossings, from the stored K_t after the walk: in the month loop their
  // compares and flags were a fifth of its instructions. K_0 = -I.
  auto K = [&](int t) { return t == 0 ? -I : k_t[t - 1]; };
  const bool ends_below = cumulative_net < 0.0;
  // The first month t with K_{t-1} < 0 <= K_t (0: none).
  int crossed = 0;
  for (int t = 1; t <= H; ++t) {
    if (K(t - 1) < 0.0 && K(t) >= 0.0) {
      crossed = t;
      break;
    }
  }
  // Below 0 at some time: without an up-crossing, K stays on the side of 0 it
  // reached last, so K_0 < 0 or K_H < 0 says it.
  const bool ever_below = crossed > 0 || -I < 0.0 || ends_below;
  // The last up-crossing, when K_H >= 0: back from H while K_{t-1} >= 0.
  int last_crossed = 0;
  if (crossed > 0 && !ends_below) {
    last_crossed = H;
    while (K(last_crossed - 1) >= 0.0) --last_crossed;
  }
  // Below 0 again after the first crossing: then K either ends below or
  // crosses up once more, and each of those needs a fall.
  const bool fell = crossed > 0 && (ends_below || last_crossed != crossed);
  // The crossing inside month t, K(tau) linear between K_{t-1} and K_t.
  auto crossing = [&](int t) { return (t - 1) + (-K(t - 1)) / (K(t) - K(t - 1)); };
  const double inf = RunOutcome::kNotWithinHorizon;
  // Sustained (model.md): the last up-crossing, if K_H >= 0; censored otherwise.
  out.total_cost += I;
  out.net_profit = out.total_gain - out.total_cost;
  out.roi_pct = out.net_profit / out.total_cost * 100.0;
  out.cash_net_profit = out.net_profit - out.gain_time;
  out.cash_roi_pct = out.cash_net_profit / out.total_cost * 100.0;
  out.npv = npv;
  // Never below 0: nothing to pay back (0). Below at the horizon: censored.
  out.payback = !ever_below ? 0.0 : ends_below ? inf : crossing(last_crossed);
  out.first_break_even = !ever_below ? 0.0 : crossed > 0 ? crossing(crossed) : inf;
  out.fell_back = fell ? 1.0 : 0.0;
  return out;
}

double minimum_total_cost(const Timeline& timeline, double min_implementation, double min_monthly,
                          double min_per_lead, double min_leads, double min_lead_growth) noexcept {
  // C = I + H M + v sum_t L0 (1 + phi_t g) S_t is non-decreasing in every argument
  // over the valid ranges (L0, S_t >= 0 and 1 + phi g >= 0 for g >= -1).
  double lead_months = 0.0;
  for (int t = 1; t <= timeline.horizon(); ++t) {
    lead_months += (1.0 + timeline.ramp(t) * min_lead_growth) * timeline.season(t);
  }
  return min_implementation + timeline.horizon() * min_monthly +
         min_per_lead * min_leads * lead_months;
}

}  // namespace simroi
