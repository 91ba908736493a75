#pragma once
// The model of one run (model.md, "One month" and "What one run reports").
//
// simulate() is a pure function of the scenario's fixed structure (Timeline)
// and one run's drawn inputs: no I/O, no allocation, no randomness. Every
// quantity is an expected value; nothing is rounded to whole clients.
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "simroi/core/inputs.h"

namespace simroi {

/// The longest horizon H the model walks (months).
inline constexpr int kMaxHorizonMonths = 120;

/// What does not change between runs: horizon, ramp-up and seasonality,
/// precomputed per month t = 1..H.
class Timeline {
 public:
  /// H months (1..kMaxHorizonMonths), ramp-up R (0..H), calendar multipliers
  /// Jan..Dec, start month 1..12. Throws std::invalid_argument outside these
  /// ranges (a validated scenario never is). The last two say whether the
  /// first-visit check A1 and the capacity F are given (model.md, version 0.2):
  /// when not, A1 = A and the capacity is unlimited, whatever their inputs hold.
  Timeline(int horizon_months, int ramp_up_months, const std::array<double, 12>& seasonality,
           int start_month, bool conversion_after_given, bool first_visit_check_given = false,
           bool capacity_given = false);

  [[nodiscard]] int horizon() const noexcept { return static_cast<int>(ramp_.size()); }
  /// phi(t) = min(1, t / R) for R > 0, else 1; t is 1-based.
  [[nodiscard]] double ramp(int t) const noexcept { return ramp_[static_cast<std::size_t>(t - 1)]; }
  /// S_t = seasonality[(start_month - 1 + t - 1) mod 12]; t is 1-based.
  [[nodiscard]] double season(int t) const noexcept {
    return season_[static_cast<std::size_t>(t - 1)];
  }
  [[nodiscard]] bool conversion_after_given() const noexcept { return conversion_after_given_; }
  [[nodiscard]] bool first_visit_check_given() const noexcept { return first_visit_check_given_; }
  [[nodiscard]] bool capacity_given() const noexcept { return capacity_given_; }

  /// The months of one ramp-up value: phi(t) = phi for t in [first, last]
  /// (1-based), and the sum of S_t over them. phi only changes during the
  /// ramp-up, so there are at most R + 1 segments.
  struct Segment {
    int first;
    int last;
    double phi;
    double season_sum;
  };
  [[nodiscard]] const std::vector<Segment>& segments() const noexcept { return segments_; }
  /// sum of phi(t) over t = 1..H.
  [[nodiscard]] double ramp_sum() const noexcept { return ramp_sum_; }

 private:
  std::vector<double> ramp_;
  std::vector<double> season_;
  std::vector<Segment> segments_;
  double ramp_sum_ = 0.0;
  bool conversion_after_given_;
  bool first_visit_check_given_;
  bool capacity_given_;
};

/// The results of one run.
struct RunOutcome {
  static constexpr double kNotWithinHorizon = std::numeric_limits<double>::infinity();

  double total_gain = 0;  ///< G = sum of G_t
  double total_cost = 0;  ///< C = sum of C_t (> 0 for every validated scenario)
  double net_profit = 0;  ///< G - C
  double roi_pct = 0;     ///< (G - C) / C * 100
  double npv = 0;         ///< -I + sum_t (N_t + [t = 1] I) / (1 + rho)^t
  /// Sustained payback (model.md): the time from which the cumulative net
  /// stays >= 0 up to the horizon; kNotWithinHorizon when K_H < 0.
  double payback = 0;
  /// The first time the cumulative net reaches 0 (kNotWithinHorizon: never).
  double first_break_even = 0;
  /// 1 when the run broke even and later fell below 0 again, else 0.
  double fell_back = 0;
  // Where the gain comes from (model.md, version 0.2): G = gain_leads +
  // gain_conversion + gain_no_shows + gain_repeat + gain_time (up to rounding).
  double gain_leads = 0;       ///< sum_t sigma_t phi_L,t A1 m: more leads
  double gain_conversion = 0;  ///< sum_t sigma_t phi_c,t A1 m: better conversion
  double gain_no_shows = 0;    ///< sum_t sigma_t phi_a,t A1 m: fewer no-shows
  double gain_repeat = 0;      ///< sum_t Q'_t A m: repeat visits of served extra clients
  double gain_time = 0;        ///< sum_t phi_t h w: staff time saved
  double capacity_cut = 0;     ///< sum_t (1 - sigma_t)(X_t A1 + Q_t A) m: wanted, not served
  /// The cash view: net profit and ROI without the value of saved time.
  double cash_net_profit = 0;  ///< G - C - sum_t phi_t h w
  double cash_roi_pct = 0;     ///< cash_net_profit / C * 100
};

/// The quantities one run reports, as the engine lays them out for the
/// statistics (stats/collector.h): a column each, ROI, net profit, NPV and
/// payback, the gain by source and the cash view, then the cumulative net
/// K_1..K_H (cumulative_net(t)). A Quantity from cumulative_net on names a
/// month; quantity_count(H) columns in all.
enum class Quantity : std::size_t {
  roi_pct,           ///< RunOutcome::roi_pct
  net_profit,        ///< RunOutcome::net_profit
  npv,               ///< RunOutcome::npv
  payback,           ///< RunOutcome::payback (+inf: not within the horizon)
  first_break_even,  ///< RunOutcome::first_break_even (+inf: never)
  fell_back,         ///< RunOutcome::fell_back (0 or 1)
  gain_leads,        ///< RunOutcome::gain_leads
  gain_conversion,   ///< RunOutcome::gain_conversion
  gain_no_shows,     ///< RunOutcome::gain_no_shows
  gain_repeat,       ///< RunOutcome::gain_repeat
  gain_time,         ///< RunOutcome::gain_time
  capacity_cut,      ///< RunOutcome::capacity_cut
  cash_roi_pct,      ///< RunOutcome::cash_roi_pct
  cash_net_profit,   ///< RunOutcome::cash_net_profit
  total_cost,        ///< RunOutcome::total_cost (C: setup, subscription, per-lead costs)
  cumulative_net,    ///< K_1; K_t is cumulative_net(t)
};
/// K_t, the cumulative net after month t (1..H), as a Quantity.
[[nodiscard]] constexpr Quantity cumulative_net(int month) noexcept {
  return static_cast<Quantity>(static_cast<std::size_t>(Quantity::cumulative_net) +
                               static_cast<std::size_t>(month - 1));
}
/// The column of `q`: 0..quantity_count(H) - 1.
[[nodiscard]] constexpr std::size_t column(Quantity q) noexcept {
  return static_cast<std::size_t>(q);
}
/// Columns a run of horizon H reports: the outcomes and K_1..K_H.
[[nodiscard]] constexpr std::size_t quantity_count(int horizon_months) noexcept {
  return column(Quantity::cumulative_net) + static_cast<std::size_t>(horizon_months);
}

/// Walk months 1..H with the inputs held fixed. When `cumulative` is not empty
/// it must have horizon() elements and receives K_1..K_H.
[[nodiscard]] RunOutcome simulate(const Timeline& timeline, const InputValues& x,
                                  std::span<double> cumulative = {}) noexcept;

/// The smallest total cost C any run can have, given the smallest value each
/// input can take (I, M, v, L0, g); the loader refuses scenarios where it is 0.
[[nodiscard]] double minimum_total_cost(const Timeline& timeline, double min_implementation,
                                        double min_monthly, double min_per_lead, double min_leads,
                                        double min_lead_growth) noexcept;

}  // namespace simroi
