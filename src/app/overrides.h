#pragma once
// --set KEY=VALUE (docs/decisions.md, "What-if"): one input replaced for one
// command, VALUE in the scenario syntax ("80000", "15%", "{pert: [1, 2, 3]}"),
// or one setting of the timeline (horizon_months, start_month,
// assistant.ramp_up_months, seasonality; scenario/read.h, Setting).
//
// parse_overrides() reads the options without a scenario (every problem of
// every --set at once); apply_overrides() puts them into a loaded scenario and
// validates the result like a file. Each diagnostic names the option it comes
// from ("--set costs.implementation=abc: costs.implementation: ..."). A
// correlation that names an input made fixed is dropped, with a note; so is
// one naming booking_conversion_uplift when --set gives
// booking_conversion_after (the model uses one or the other), and vice versa.
// The warnings (validate.h, scenario_warnings()) are those of the scenario
// after the overrides, not of the file as loaded.
#include <string>
#include <vector>

#include "simroi/core/inputs.h"
#include "simroi/core/text.h"
#include "simroi/dist/distribution.h"
#include "simroi/scenario/read.h"
#include "simroi/scenario/scenario.h"

namespace simroi::app {

struct Override {
  std::string option;  ///< "--set KEY=VALUE" as given
  Input input{};
  Distribution value;
  /// Set when KEY is a setting, not an input (then `input` and `value` are unused).
  std::optional<Setting> setting;
  SettingValue setting_value;

  /// The key path it replaces ("costs.implementation", "assistant.ramp_up_months").
  [[nodiscard]] std::string path() const;
};

/// Throws ScenarioError listing every bad --set (exit 2).
[[nodiscard]] std::vector<Override> parse_overrides(const std::vector<std::string>& sets);

/// `scenario` with the overrides applied (in order; a later one for the same
/// input wins) and validated. `notes` receives what was dropped. Throws
/// ScenarioError naming the options.
[[nodiscard]] Scenario apply_overrides(const Scenario& scenario,
                                       const std::vector<Override>& overrides,
                                       std::vector<Text>& notes);

/// Points a problem found with a value the command line asked for at the
/// option that asked, not at a line of the file: "FILE: OPTION" ("OPTION"
/// when the scenario has no file), line and column 0. Used by --set
/// (apply_overrides) and by the decision commands' --vary points.
void blame_option(Diagnostic& problem, const std::string& file, const std::string& option);

/// Replace input `id` of `scenario` by `value`: the correlations naming it are
/// dropped when it becomes fixed (a note each in `notes`), and the
/// uplift/after switch follows. Does not validate.
void replace_input(Scenario& scenario, Input id, const Distribution& value,
                   std::vector<Text>& notes, const std::string& why);

}  // namespace simroi::app
