#pragma once
// The second stage of loading a scenario: YAML text -> Scenario, with a
// SourceMap of where every key and value came from.
//
// The reader only reads. It reports what the text does not let it put into a
// Scenario -- YAML syntax, the shape of the document (a list where a number
// belongs, unknown or duplicate keys with a did-you-mean suggestion, missing
// required keys), numbers that are not numbers, distributions whose
// parameters break their kind's rules (dist/kinds.h) -- and leaves every check
// of a value against the model (ranges, supports, correlations, the total
// cost) to validate() (validate.h), which it never calls. A value it cannot
// read keeps its default in the Scenario and is marked `unread` in the
// SourceMap, so validate() does not report it twice.
//
// It never stops at the first problem: every problem it finds is a
// Diagnostic (file, 1-based line and column, key path, code, text), in the
// order found. It also refuses what can only be seen after parsing: nesting
// deeper than kMaxNesting and documents that expand (through aliases) to more
// than kMaxYamlNodes nodes (harden.h). Call it on text that harden_text()
// accepted.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/core/inputs.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/source_map.h"

namespace simroi {

struct ReadResult {
  /// What the text says; defaults (model.md) where it says nothing or could
  /// not be read. Scenario::file is the `file` given; Scenario::name defaults
  /// to its stem.
  Scenario scenario;
  SourceMap source;
  /// The reader's problems, in the order found (not yet sorted by position).
  std::vector<Diagnostic> diagnostics;
  /// False when the text is not a readable document at all (not YAML, empty,
  /// not a mapping, too deep or too large): `scenario` is then only defaults
  /// and there is nothing to validate.
  bool document_read = false;
};

/// Reads YAML `text`; `file` names it in diagnostics and in Scenario::file.
[[nodiscard]] ReadResult read_scenario_yaml(std::string_view text, const std::string& file);

/// One input's value in the scenario syntax -- "200", "15%", "{pert: [1, 2,
/// 3]}", "{normal: [0.3, 0.1], min: 0}" -- as for `--set KEY=VALUE`.
/// `origin` names the text in diagnostics (e.g. "--set"); their key is the
/// input's path and their line and column count in `yaml`. The value is not
/// checked against the input's range (validate() does that).
struct ValueRead {
  std::optional<Distribution> value;    ///< set when the text reads as a value
  std::vector<Diagnostic> diagnostics;  ///< why not, otherwise
};
[[nodiscard]] ValueRead read_input_value(Input input, std::string_view yaml,
                                         const std::string& origin);

/// The settings `--set KEY=VALUE` may replace besides the inputs: the timeline
/// (docs/scenario-format.md, "The command line").
enum class Setting { horizon_months, start_month, ramp_up_months, seasonality };
/// The setting a key names: its path ("assistant.ramp_up_months") or its last
/// part ("ramp_up_months"); nullopt for any other key.
[[nodiscard]] std::optional<Setting> find_setting(std::string_view key) noexcept;
/// The key path of `setting` in a file and in diagnostics.
[[nodiscard]] std::string_view setting_path(Setting setting) noexcept;
/// Every setting's path, in enum order.
[[nodiscard]] const std::array<std::string_view, 4>& setting_paths() noexcept;

/// One setting's value in the scenario syntax ("24", "[1, 1, 1.2, ...]"), as
/// for `--set`: read like the file's key, not yet checked against the model
/// (validate() does that, e.g. a ramp-up longer than the horizon).
struct SettingValue {
  int months = 0;                        ///< horizon_months, start_month, ramp_up_months
  std::array<double, 12> seasonality{};  ///< seasonality
};
struct SettingRead {
  std::optional<SettingValue> value;
  std::vector<Diagnostic> diagnostics;
};
[[nodiscard]] SettingRead read_setting_value(Setting setting, std::string_view yaml,
                                             const std::string& origin);

}  // namespace simroi
