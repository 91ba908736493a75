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
    ramp_sum_ += ramp_[i];
    if (segments_.empty() || segments_.back().phi != ramp_[i]) {
      segments_.push_back({static_cast<int>(i) + 1, static_cast<int>(i) + 1, ramp_[i], 0.0});
    }
    segments_.back().last = static_cast<int>(i) + 1;
    segments_.back().season_sum += season_[i];
  }
}

namespace {

// What one run holds fixed over the walk.
struct Walk {
  double L0, c0, a0, c1, r, s0, g, v, q, keep, F;
  double I;                  // implementation, at time 0
  double visit_value;        // A m
  double first_visit_value;  // A1 m
  double hours_value;        // h w
  double M;
  double monthly_discount;  // (1 + rho)^-1
  double base_visits;       // L0 c0 a0
  double* k_t;              // K_1..K_H
};

Walk make_walk(const Timeline& timeline, const InputValues& x, double* k_t) noexcept {
  Walk w{};
  w.L0 = x[index(Input::leads_per_month)];
  w.c0 = x[index(Input::booking_conversion)];
  w.s0 = x[index(Input::no_show_rate)];
  const double A = x[index(Input::average_check)];
  const double m = x[index(Input::gross_margin)];
  w.g = x[index(Input::lead_growth)];
  w.c1 = timeline.conversion_after_given()
             ? x[index(Input::booking_conversion_after)]
             : w.c0 * (1.0 + x[index(Input::booking_conversion_uplift)]);
  w.r = x[index(Input::no_show_reduction)];
  w.hours_value = x[index(Input::manager_hours_saved)] * x[index(Input::manager_hourly_cost)];
  w.I = x[index(Input::implementation)];
  w.M = x[index(Input::monthly)];
  w.v = x[index(Input::per_lead)];
  const double d = x[index(Input::discount_rate_annual)];
  w.q = x[index(Input::repeat_visits_per_month)];
  w.keep = 1.0 - x[index(Input::monthly_churn)];
  // Version 0.2 (model.md): the first-visit check A1 (A unless given) and the
  // capacity F (unlimited unless given).
  w.F = x[index(Input::spare_visits_per_month)];
  // (1 + rho)^-1 with rho = (1 + d)^(1/12) - 1,
  // as exp(-log1p(d) / 12): a quarter cheaper than std::pow(1 + d, -1 / 12)
  // and exact for small d, where 1 + d would round d away.
  w.monthly_discount = d == 0.0 ? 1.0 : std::exp(std::log1p(d) * (-1.0 / 12.0));
  w.visit_value = A * m;
  w.first_visit_value =
      timeline.first_visit_check_given() ? x[index(Input::first_visit_check)] * m : w.visit_value;
  w.a0 = 1.0 - w.s0;
  w.base_visits = w.L0 * (w.c0 * w.a0);  // per unit of season, without the assistant
  w.k_t = k_t;
  return w;
}

// The sums of months 1..H.
struct WalkSums {
  double served_gain = 0.0;    // sum_t sigma_t (X_t A1 + Q_t A) m
  double running_cost = 0.0;   // sum_t v L_t (C_t without M and I)
  double repeat_visits = 0.0;  // sum_t sigma_t Q_t
  double cut = 0.0;            // sum_t (1 - sigma_t)(X_t A1 + Q_t A) m
  double npv = 0.0;
  double cumulative_net = 0.0;  // K_H
  double gain_leads = 0.0, gain_conversion = 0.0, gain_no_shows = 0.0;
};

// Months 1..H. kCapacity: a capacity F is given, so each month's extra
// visits are cut to the free slots (sigma_t); without one sigma_t = 1 and the
// month loop carries no compare at all.
//
// Retained clients are carried as the repeat visits they want, Q_t = q P_t:
// Q_t = (1 - k) Q_{t-1} + q X'_{t-1}. With a capacity that is the one
// recurrence from month to month that is not a plain sum: when the wanted
// extra visits W_t = X_t + Q_t exceed F, q X'_t = q F X_t / W_t, so a
// division sits on the chain from each month to the next and bounds the walk
// by its latency. Everything else is kept off that chain: q F X_t and the
// share sigma_t = F / W_t (a second division beside it) do not feed it, and
// W_t = (X_t + (1 - k) Q_{t-1}) + q X'_{t-1} adds the end of last month's
// division last, so only one addition sits between one month's division and
// the next. The sums that do not need the months are taken after the walk:
// the time saved from the timeline's sum of phi_t, the subscription as H M.
template <bool kCapacity>
WalkSums walk(const Timeline& timeline, const Walk& w) noexcept {
  WalkSums sums;
  double repeat_wanted = 0.0;    // Q_t
  double q_served = 0.0;         // q X'_{t-1}
  double discount = 1.0;         // (1 + rho)^-t
  double npv = -w.I;             // implementation at time 0, undiscounted
  double cumulative_net = -w.I;  // K_{t-1}, with K_0 = -I for payback
  double served_gain = 0.0, repeat_visits = 0.0, cut = 0.0, running_cost = 0.0;
  // In locals: the stores to K_t could otherwise alias them, and each month
  // would load them again.
  const double keep = w.keep, q = w.q, F = w.F, qF = q * F;
  const double visit_value = w.visit_value, monthly_discount = w.monthly_discount;
  double* const k_t = w.k_t;
  for (const Timeline::Segment& segment : timeline.segments()) {
    const double phi = segment.phi;
    const double conversion = std::min(1.0, w.c0 + phi * (w.c1 - w.c0));
    const double no_show = w.s0 * (1.0 - phi * w.r);
    const double leads_per_season = w.L0 * (1.0 + phi * w.g);
    const double shows = 1.0 - no_show;
    // X_t / S_t, the extra first visits, and their value A1 m X_t / S_t.
    const double extra_visits_per_season = leads_per_season * (conversion * shows) - w.base_visits;
    const double first_value_per_season = extra_visits_per_season * w.first_visit_value;
    const double lead_cost_per_season = w.v * leads_per_season;  // v L_t / S_t
    const double fixed_flow = phi * w.hours_value - w.M;         // phi h w - M
    double served_season = 0.0;  // sum of sigma_t S_t over the segment
    for (int t = segment.first; t <= segment.last; ++t) {
      const double S = timeline.season(t);
      const double extra_visits = extra_visits_per_season * S;  // X_t
      const double kept = repeat_wanted * keep;
      repeat_wanted = kept + q_served;  // Q_t
      // G_t = sigma_t (X_t A1 + Q_t A) m + phi_t h w; C_t = M + v L_t
      const double wanted_value = first_value_per_season * S + repeat_wanted * visit_value;
      double served_value = wanted_value;
      if constexpr (kCapacity) {
        // sigma_t: the share of the wanted extra visits W_t = X_t + Q_t the
        // free slots F serve (1 when they all fit; a negative W_t is never cut).
        const double wanted = (extra_visits + kept) + q_served;
        double sigma = 1.0;
        if (wanted > F) {
          q_served = (qF * extra_visits) / wanted;
          sigma = F / wanted;
        } else {
          q_served = q * extra_visits;
        }
        served_value = sigma * wanted_value;
        repeat_visits += sigma * repeat_wanted;
        cut += wanted_value - served_value;
        served_season += sigma * S;
      } else {
        q_served = q * extra_visits;
        repeat_visits += repeat_wanted;
      }
      const double lead_cost = lead_cost_per_season * S;
      const double flow = (served_value - lead_cost) + fixed_flow;  // N_t + [t = 1] I
      served_gain += served_value;
      running_cost += lead_cost;
      discount *= monthly_discount;
      npv += flow * discount;
      cumulative_net += flow;  // K_t
      k_t[t - 1] = cumulative_net;
    }
    if constexpr (!kCapacity) served_season = segment.season_sum;
    // Shapley split of L c a - L0 c0 a0 (model.md, "Where the gain comes
    // from"): each lever's change times the mean of the other two factors'
    // products over the six orders of switching the levers on,
    // (2 x0 y0 + x y0 + x0 y + 2 x y) / 6. The shares are constant over the
    // segment, so they are added once, for sum sigma_t S_t.
    const double L = leads_per_season, c = conversion, a = shows;
    const double L0 = w.L0, c0 = w.c0, a0 = w.a0;
    const double scale = served_season * w.first_visit_value / 6.0;
    sums.gain_leads += scale * ((L - L0) * (2.0 * (c0 * a0 + c * a) + (c * a0 + c0 * a)));
    sums.gain_conversion += scale * ((c - c0) * (2.0 * (L0 * a0 + L * a) + (L * a0 + L0 * a)));
    sums.gain_no_shows += scale * ((a - a0) * (2.0 * (L0 * c0 + L * c) + (L * c0 + L0 * c)));
  }
  sums.served_gain = served_gain;
  sums.running_cost = running_cost;
  sums.repeat_visits = repeat_visits;
  sums.cut = cut;
  sums.npv = npv;
  sums.cumulative_net = cumulative_net;
  return sums;
}

// The outcome of a walked run: the totals and the crossings of K_t.
RunOutcome finish(const Timeline& timeline, const Walk& w, const WalkSums& sums) noexcept {
  RunOutcome out;
  out.gain_leads = sums.gain_leads;
  out.gain_conversion = sums.gain_conversion;
  out.gain_no_shows = sums.gain_no_shows;
  out.gain_repeat = sums.repeat_visits * w.visit_value;
  out.gain_time = w.hours_value * timeline.ramp_sum();  // sum_t phi_t h w
  out.capacity_cut = sums.cut;
  out.total_gain = sums.served_gain + out.gain_time;
  const int H = timeline.horizon();
  const double I = w.I;
  out.total_cost = I + (H * w.M + sums.running_cost);
  const double cumulative_net = sums.cumulative_net;
  const double* const k_t = w.k_t;
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
  out.net_profit = out.total_gain - out.total_cost;
  out.roi_pct = out.net_profit / out.total_cost * 100.0;
  out.cash_net_profit = out.net_profit - out.gain_time;
  out.cash_roi_pct = out.cash_net_profit / out.total_cost * 100.0;
  out.npv = sums.npv;
  // Never below 0: nothing to pay back (0). Below at the horizon: censored.
  out.payback = !ever_below ? 0.0 : ends_below ? inf : crossing(last_crossed);
  out.first_break_even = !ever_below ? 0.0 : crossed > 0 ? crossing(crossed) : inf;
  out.fell_back = fell ? 1.0 : 0.0;
  return out;
}

}  // namespace

RunOutcome simulate(const Timeline& timeline, const InputValues& x,
                    std::span<double> cumulative) noexcept {
  std::array<double, kMaxHorizonMonths> own_cumulative;  // when the caller wants none
  const Walk w =
      make_walk(timeline, x, cumulative.empty() ? own_cumulative.data() : cumulative.data());
  const WalkSums sums =
      timeline.capacity_given() ? walk<true>(timeline, w) : walk<false>(timeline, w);
  return finish(timeline, w, sums);
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
