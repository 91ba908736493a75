#include "simroi/model/model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace simroi {

Timeline::Timeline(int horizon_months, int ramp_up_months,
                   const std::array<double, 12>& seasonality, int start_month,
                   bool conversion_after_given)
    : conversion_after_given_(conversion_after_given) {
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

  // (1 + rho)^-1 with rho = (1 + d)^(1/12) - 1,
  // as exp(-log1p(d) / 12): a quarter cheaper than std::pow(1 + d, -1 / 12)
  // and exact for small d, where 1 + d would round d away.
  const double monthly_discount = d == 0.0 ? 1.0 : std::exp(std::log1p(d) * (-1.0 / 12.0));
  const double visit_value = A * m;
  const double base_visits = L0 * (c0 * (1.0 - s0));  // per unit of season, without the assistant
  const double keep = 1.0 - k;

  // What a month's ramp-up phi changes, per unit of season S_t, in roubles:
  // the value of the extra visits X_t and the per-lead cost. phi only takes a
  // few values (it is 1 after the ramp-up), so these are recomputed only when
  // it changes. Retained clients are carried as the value of their visits,
  // V_t = A m P_t, which follows the same recurrence as P_t.
  double phi = -1.0;
  double extra_value_per_season = 0.0;  // A m X_t / S_t
  double lead_cost_per_season = 0.0;    // v L_t / S_t
  double hours_gain = 0.0;

  RunOutcome out;
  double retained_value = 0.0;  // A m P_{t-1}
  double extra_value = 0.0;     // A m X_{t-1}
  double discount = 1.0;        // (1 + rho)^-t
  double npv = -I;              // implementation at time 0, undiscounted
  double cumulative_net = -I;   // K_{t-1}, with K_0 = -I for payback
  bool ever_below = cumulative_net < 0.0;
  // The first month t with K_{t-1} < 0 <= K_t (0: none yet). Only the month
  // is tracked in the loop, without a branch (the month varies from run to
  // run, so a branch mispredicts); payback is interpolated after it from the
  // stored K_t.
  int crossed = 0;
  int last_crossed = 0;                                  // the last month t with K_{t-1} < 0 <= K_t
  bool fell = false;                                     // below 0 after the first crossing
  std::array<double, kMaxHorizonMonths> own_cumulative;  // when the caller wants none
  double* const k_t = cumulative.empty() ? own_cumulative.data() : cumulative.data();

  const int H = timeline.horizon();
  for (int t = 1; t <= H; ++t) {
    if (timeline.ramp(t) != phi) {
      phi = timeline.ramp(t);
      const double conversion = std::min(1.0, c0 + phi * (c1 - c0));
      const double no_show = s0 * (1.0 - phi * r);
      const double leads_per_season = L0 * (1.0 + phi * g);
      extra_value_per_season =
          (leads_per_season * (conversion * (1.0 - no_show)) - base_visits) * visit_value;
      lead_cost_per_season = v * leads_per_season;
      hours_gain = phi * hours_value;
    }
    const double S = timeline.season(t);
    retained_value = retained_value * keep + extra_value;  // uses X_{t-1}
    extra_value = extra_value_per_season * S;
    // G_t = A m (X_t + q P_t) + phi_t h w;  C_t = M + v L_t (I is booked at time 0)
    const double gain = extra_value + q * retained_value + hours_gain;
    const double running_cost = M + lead_cost_per_season * S;
    const double flow = gain - running_cost;  // N_t + [t = 1] I

    out.total_gain += gain;
    out.total_cost += running_cost;
    discount *= monthly_discount;
    npv += flow * discount;

    const double next = cumulative_net + flow;  // K_t
    // crossed += t at the first crossing: integer arithmetic, as a conditional
    // here compiles to a branch.
    const int up = static_cast<int>((cumulative_net < 0.0) & (next >= 0.0));
    crossed += up * (crossed == 0) * t;
    // The last crossing, for the sustained payback: t when K crosses up.
    last_crossed = up != 0 ? t : last_crossed;
    fell |= (crossed > 0) & (next < 0.0);
    ever_below |= next < 0.0;
    cumulative_net = next;
    k_t[t - 1] = next;
  }
  // The crossing inside month t, K(tau) linear between K_{t-1} and K_t.
  auto crossing = [&](int t) {
    const double before = t == 1 ? -I : k_t[t - 2];  // K_{t-1}
    const double after = k_t[t - 1];                 // K_t
    return (t - 1) + (-before) / (after - before);
  };
  const double inf = RunOutcome::kNotWithinHorizon;
  // Sustained (model.md): the last up-crossing, if K_H >= 0; censored otherwise.
  const bool ends_below = cumulative_net < 0.0;
  out.total_cost += I;
  out.net_profit = out.total_gain - out.total_cost;
  out.roi_pct = out.net_profit / out.total_cost * 100.0;
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
