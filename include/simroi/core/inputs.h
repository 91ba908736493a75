#pragma once
// The numeric inputs of the model (model.md, "Inputs of one run"): their
// scenario keys, valid ranges, defaults, meaning and unit, in one table that
// the scenario reader, validate(), the writer, the sampler, the model and the
// reports all read. Adding an input: docs/architecture.md, "Adding an input".
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace simroi {

/// Every numeric input that may be a distribution. The order is the order in
/// which a run draws its inputs; append new inputs at the end.
enum class Input : std::size_t {
  leads_per_month,            // L0
  booking_conversion,         // c0
  no_show_rate,               // s0
  average_check,              // A
  gross_margin,               // m
  lead_growth,                // g
  booking_conversion_uplift,  // u
  booking_conversion_after,   // c1
  no_show_reduction,          // r
  manager_hours_saved,        // h
  implementation,             // I
  monthly,                    // M
  per_lead,                   // v
  manager_hourly_cost,        // w
  discount_rate_annual,       // d
  repeat_visits_per_month,    // q
  monthly_churn,              // k
  first_visit_check,          // A1 (version 0.2; used only when given)
  spare_visits_per_month,     // F (version 0.2; unlimited unless given)
};
inline constexpr std::size_t kInputCount = 19;

struct InputInfo {
  Input id;
  std::string_view section;  ///< "baseline", "assistant", ...
  std::string_view key;      ///< key inside the section
  std::string_view path;     ///< "section.key"
  std::string_view symbol;   ///< model.md symbol
  double min;                ///< smallest valid value
  double max;                ///< largest valid value (may be +inf)
  bool required;             ///< must appear in every scenario
  double default_value;      ///< used when absent (and not required)
  bool is_money;             ///< shown in currency units in reports
  bool is_rate;              ///< shown as a percentage in reports
  /// What it is, for a person (a message id: translate with tr(meaning)),
  /// e.g. "people who write or call in a month".
  std::string_view meaning;
  /// Its unit (a message id; for money "{}" stands for the currency), e.g.
  /// "leads a month", "share, 0.1 = 10%", "{} a month".
  std::string_view unit;
};

/// Marks a message id in a table for extraction (xgettext --keyword=N_)
/// without translating it there: it is translated where it is shown, by tr(id).
[[nodiscard]] constexpr std::string_view N_(std::string_view id) noexcept {
  return id;
}

/// The table, indexed by static_cast<std::size_t>(Input).
[[nodiscard]] const std::array<InputInfo, kInputCount>& input_table() noexcept;
[[nodiscard]] inline const InputInfo& info(Input id) noexcept {
  return input_table()[static_cast<std::size_t>(id)];
}
/// Look an input up by its key ("lead_growth") or dotted path ("assistant.lead_growth").
[[nodiscard]] std::optional<Input> find_input(std::string_view key_or_path) noexcept;

/// One drawn value per input, indexed by Input.
using InputValues = std::array<double, kInputCount>;
[[nodiscard]] constexpr std::size_t index(Input id) noexcept {
  return static_cast<std::size_t>(id);
}

}  // namespace simroi
