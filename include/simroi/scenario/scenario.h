#pragma once
// A scenario: plain data -- the business, the assistant, their inputs
// (model.md) and the simulation settings -- however it was made.
//
// Loading a file (load_scenario(), parse_scenario()) runs three stages:
// harden_text() (harden.h), the YAML reader (read.h) and validate()
// (validate.h), and either returns a Scenario in which every value is valid --
// every distribution's support lies inside its input's valid range, the
// correlation matrix is positive semi-definite, the total cost can never be 0
// -- or throws ScenarioError listing every problem found, each with file, line,
// column, key path and code. A Scenario built in code must pass validate()
// before it is simulated; write_scenario() (write.h) turns one back into YAML.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/core/inputs.h"
#include "simroi/core/sampling_method.h"
#include "simroi/core/text.h"
#include "simroi/dist/distribution.h"
#include "simroi/model/model.h"

namespace simroi {

/// A requested Spearman rank correlation between two uncertain inputs.
struct Correlation {
  Input a;
  Input b;
  double rho;  ///< in [-1, 1]
};

struct SimulationSettings {
  std::uint64_t runs = 100'000;
  std::uint64_t seed = 42;
  Sampling sampling = Sampling::monte_carlo;
};

/// The most runs simroi accepts, from simulation.runs or --runs alike. At about
/// a microsecond a run on one core, 1e10 runs already take hours; more is a
/// typo (1e15 for 1e5), not a need.
inline constexpr std::uint64_t kMaxRuns = 10'000'000'000ULL;
/// Why `runs` (more than kMaxRuns) is refused, e.g. "at about 1 microsecond a
/// run on one core, 1e+15 runs would take about 32 years; the largest accepted
/// is 10,000,000,000 (about 3 hours)".
[[nodiscard]] Text too_many_runs_text(double runs);
/// too_many_runs_text(runs) in English.
[[nodiscard]] std::string too_many_runs_reason(double runs);

struct Scenario {
  std::string file;      ///< path as given by the user ("" for in-memory text)
  std::string name;      ///< free text; defaults to the file's stem
  std::string business;  ///< short label used by `compare`; defaults to ""
  std::string currency = "RUB";
  int horizon_months = 12;  ///< H, 1..120
  int ramp_up_months = 0;   ///< R, 0..H
  int start_month = 1;      ///< calendar month (1..12) of t = 1
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< Jan..Dec
  /// true when the file gives assistant.booking_conversion_after (c1) instead of
  /// assistant.booking_conversion_uplift (u); the unused one stays fixed.
  bool conversion_after_given = false;
  /// true when the file gives baseline.first_visit_check (A1); otherwise the
  /// model values a first visit at the average check A (model.md, version 0.2).
  bool first_visit_check_given = false;
  /// true when the file gives capacity.spare_visits_per_month (F); otherwise
  /// the capacity is unlimited.
  bool capacity_given = false;
  /// One distribution per input (fixed at the default when the file omits it).
  std::array<Distribution, kInputCount> inputs;
  std::vector<Correlation> correlations;
  SimulationSettings simulation;
  /// scenario_warnings() of the file it was read from (load_scenario,
  /// parse_scenario); empty for a scenario built in code. Not part of the
  /// scenario's content: the writer and scenario_difference() ignore it.
  std::vector<Diagnostic> warnings;

  [[nodiscard]] const Distribution& input(Input id) const { return inputs[index(id)]; }
  /// The inputs that are not fixed, in Input order (what sensitivity reports on).
  [[nodiscard]] std::vector<Input> uncertain_inputs() const;
};

/// The months, ramp-up and seasonality of `scenario` for the model.
[[nodiscard]] Timeline make_timeline(const Scenario& scenario);

/// Read (read_scenario_file(), harden.h) and parse_scenario() a file. Throws
/// ScenarioError (exit 2).
[[nodiscard]] Scenario load_scenario(const std::string& path);
/// harden_text(), read_scenario_yaml() and validate() of YAML text; `file` is
/// only used in diagnostics and Scenario::file. Throws ScenarioError with
/// every problem, sorted by position.
[[nodiscard]] Scenario parse_scenario(std::string_view yaml_text, const std::string& file);

}  // namespace simroi
