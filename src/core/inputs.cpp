#include "simroi/core/inputs.h"

#include <limits>

namespace simroi {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

const std::array<InputInfo, kInputCount>& input_table() noexcept {
  // clang-format off
  static const std::array<InputInfo, kInputCount> table{{
    // id, section, key, path, symbol, min, max, required, default, money, rate,
    // meaning, unit
    {Input::leads_per_month, "baseline", "leads_per_month", "baseline.leads_per_month", "L0", 0.0, kInf, true, 0.0, false, false,
     N_("people who write or call in a month"), N_("leads a month")},
    {Input::booking_conversion, "baseline", "booking_conversion", "baseline.booking_conversion", "c0", 0.0, 1.0,  true, 0.0, false, true,
     N_("share of leads that book a visit"), N_("share, 0.1 = 10%")},
    {Input::no_show_rate, "baseline", "no_show_rate", "baseline.no_show_rate", "s0", 0.0, 1.0, false, 0.0, false, true,
     N_("share of bookings that do not come"), N_("share")},
    {Input::average_check, "baseline", "average_check", "baseline.average_check", "A", 0.0, kInf, true, 0.0, true,  false,
     N_("revenue per visit"), N_("{} a visit")},
    {Input::gross_margin, "baseline", "gross_margin", "baseline.gross_margin", "m", 0.0, 1.0, false, 1.0, false, true,
     N_("share of revenue that is profit"), N_("share")},
    {Input::lead_growth, "assistant", "lead_growth", "assistant.lead_growth", "g", -1.0, kInf, false, 0.0, false, true,
     N_("relative change in leads (0.2 = +20%)"), N_("share of L0")},
    {Input::booking_conversion_uplift, "assistant", "booking_conversion_uplift", "assistant.booking_conversion_uplift", "u", -1.0, kInf, false, 0.0, false, true,
     N_("relative change in conversion: c1 = c0 (1 + u)"), N_("share of c0")},
    {Input::booking_conversion_after, "assistant", "booking_conversion_after", "assistant.booking_conversion_after", "c1", 0.0, 1.0,  false, 0.0, false, true,
     N_("the conversion with the assistant (instead of the uplift)"), N_("share")},
    {Input::no_show_reduction, "assistant", "no_show_reduction", "assistant.no_show_reduction", "r", 0.0, 1.0, false, 0.0, false, true,
     N_("relative cut of no-shows: s1 = s0 (1 - r)"), N_("share of s0")},
    {Input::manager_hours_saved, "assistant", "manager_hours_saved", "assistant.manager_hours_saved", "h", 0.0, kInf, false, 0.0, false, false,
     N_("administrator hours saved in a month"), N_("hours a month")},
    {Input::implementation, "costs", "implementation", "costs.implementation", "I", 0.0, kInf, true, 0.0, true,  false,
     N_("one-time cost: setup, integration, training"), N_("{}")},
    {Input::monthly, "costs", "monthly", "costs.monthly", "M", 0.0, kInf, false, 0.0, true, false,
     N_("subscription and support"), N_("{} a month")},
    {Input::per_lead, "costs", "per_lead", "costs.per_lead", "v", 0.0, kInf, false, 0.0, true, false,
     N_("variable cost of each lead handled (messages, model usage)"), N_("{} a lead")},
    {Input::manager_hourly_cost, "economics", "manager_hourly_cost", "economics.manager_hourly_cost", "w", 0.0, kInf, false, 0.0, true, false,
     N_("value of one saved hour"), N_("{} an hour")},
    {Input::discount_rate_annual, "economics", "discount_rate_annual", "economics.discount_rate_annual", "d", 0.0, kInf, false, 0.0, false, true,
     N_("annual discount rate for NPV (0 = NPV is net profit)"), N_("share a year")},
    {Input::repeat_visits_per_month, "retention", "repeat_visits_per_month", "retention.repeat_visits_per_month", "q", 0.0, kInf, false, 0.0, false, false,
     N_("visits a month by each retained extra client"), N_("visits a month")},
    {Input::monthly_churn, "retention", "monthly_churn", "retention.monthly_churn", "k", 0.0, 1.0, false, 1.0, false, true,
     N_("share of retained extra clients lost each month"), N_("share a month")},
    // Version 0.2. Both are used only when the scenario gives them
    // (Scenario::first_visit_check_given, capacity_given): absent, A1 = A and
    // the capacity is unlimited; the defaults below are never used by the model.
    {Input::first_visit_check, "baseline", "first_visit_check", "baseline.first_visit_check", "A1", 0.0, kInf, false, 0.0, true, false,
     N_("revenue of a new client's first visit (default: the average check)"), N_("{} a visit")},
    {Input::spare_visits_per_month, "capacity", "spare_visits_per_month", "capacity.spare_visits_per_month", "F", 0.0, kInf, false, 0.0, false, false,
     N_("extra visits a month the business can still serve (free slots)"), N_("visits a month")},
  }};
  // clang-format on
  return table;
}

std::optional<Input> find_input(std::string_view key_or_path) noexcept {
  for (const auto& in : input_table()) {
    if (in.key == key_or_path || in.path == key_or_path) return in.id;
  }
  return std::nullopt;
}

}  // namespace simroi
