#pragma once
// Scenario templates for `simroi new TYPE` (docs/scenario-format.md, "Starting
// a scenario"): one plausible business of each type, with the evidence grade
// and source of every input (shared/domain.md), optionally filled with the
// owner's own numbers. A template is a Scenario that passes validate(); it is
// written through write_scenario(), so the file it gives always loads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/core/text.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/write.h"

namespace simroi {

enum class BusinessType : std::uint8_t { salon, clinic, dental, fitness, home_services, tutor };

struct BusinessTypeInfo {
  BusinessType type;
  std::string_view name;         ///< as typed on the command line: "home_services"
  std::string_view description;  ///< a message id (translate with tr()): "beauty salon, ..."
};

/// Every type, in the order `simroi new --list` shows them.
[[nodiscard]] const std::vector<BusinessTypeInfo>& business_types();
/// The type named `name` ("dental"), or nullopt.
[[nodiscard]] std::optional<BusinessType> find_business_type(std::string_view name) noexcept;

/// The few numbers an owner knows; each given one replaces the template's
/// typical value and is fixed (it is the owner's own, not a guess).
struct OwnerNumbers {
  std::optional<double> leads_per_month;         ///< L0, >= 0
  std::optional<double> average_check;           ///< A, >= 0
  std::optional<double> booking_conversion;      ///< c0, in [0, 1]
  std::optional<double> spare_visits_per_month;  ///< F, >= 0
};

/// A template: the scenario and the comments that cite its evidence.
struct ScenarioTemplate {
  Scenario scenario;
  std::vector<Text> header_notes;
  std::array<Text, kInputCount> input_notes{};
};

/// The template of `type` with `owner`'s numbers. Throws ScenarioError when
/// the numbers make it invalid (validate()'s diagnostics, naming the keys).
[[nodiscard]] ScenarioTemplate scenario_template(BusinessType type, const OwnerNumbers& owner = {});

/// The commented YAML of a template, comments in `locale`'s language.
[[nodiscard]] std::string write_template(const ScenarioTemplate& t,
                                         const Locale& locale = Locale::english());

}  // namespace simroi
