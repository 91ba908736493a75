#include "simroi/core/inputs.h"

#include <limits>

namespace simroi {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

const std::array<InputInfo, kInputCount>& input_table() noexcept {
  // clang-format off
  static const std::array<InputInfo, kInputCount> table{{
    //  id                            section       key                          path                                   sym   min   max   required default  money  rate
    {Input::leads_per_month,           "baseline",   "leads_per_month",           "baseline.leads_per_month",            "L0",  0.0, kInf, true, 0.0, false, false},
    {Input::booking_conversion,        "baseline",   "booking_conversion",        "baseline.booking_conversion",         "c0",  0.0, 1.0,  true, 0.0, false, true},
    {Input::no_show_rate,              "baseline",   "no_show_rate",              "baseline.no_show_rate",               "s0",  0.0, 1.0, false, 0.0, false, true},
    {Input::average_check,             "baseline",   "average_check",             "baseline.average_check",              "A",   0.0, kInf, true, 0.0, true,  false},
    {Input::gross_margin,              "baseline",   "gross_margin",              "baseline.gross_margin",               "m",   0.0, 1.0, false, 1.0, false, true},
    {Input::lead_growth,               "assistant",  "lead_growth",               "assistant.lead_growth",               "g",  -1.0, kInf, false, 0.0, false, true},
    {Input::booking_conversion_uplift, "assistant",  "booking_conversion_uplift", "assistant.booking_conversion_uplift", "u",  -1.0, kInf, false, 0.0, false, true},
    {Input::booking_conversion_after,  "assistant",  "booking_conversion_after",  "assistant.booking_conversion_after",  "c1",  0.0, 1.0,  false, 0.0, false, true},
    {Input::no_show_reduction,         "assistant",  "no_show_reduction",         "assistant.no_show_reduction",         "r",   0.0, 1.0, false, 0.0, false, true},
    {Input::manager_hours_saved,       "assistant",  "manager_hours_saved",       "assistant.manager_hours_saved",       "h",   0.0, kInf, false, 0.0, false, false},
    {Input::implementation,            "costs",      "implementation",            "costs.implementation",                "I",   0.0, kInf, true, 0.0, true,  false},
    {Input::monthly,                   "costs",      "monthly",                   "costs.monthly",                       "M",   0.0, kInf, false, 0.0, true, false},
    {Input::per_lead,                  "costs",      "per_lead",                  "costs.per_lead",                      "v",   0.0, kInf, false, 0.0, true, false},
    {Input::manager_hourly_cost,       "economics",  "manager_hourly_cost",       "economics.manager_hourly_cost",       "w",   0.0, kInf, false, 0.0, true, false},
    {Input::discount_rate_annual,      "economics",  "discount_rate_annual",      "economics.discount_rate_annual",      "d",   0.0, kInf, false, 0.0, false, true},
    {Input::repeat_visits_per_month,   "retention",  "repeat_visits_per_month",   "retention.repeat_visits_per_month",   "q",   0.0, kInf, false, 0.0, false, false},
    {Input::monthly_churn,             "retention",  "monthly_churn",             "retention.monthly_churn",             "k",   0.0, 1.0, false, 1.0, false, true},
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
