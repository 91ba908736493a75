// Loading a scenario file: the three stages, one after the other
// (docs/scenario-format.md, section 7; docs/reliability.md):
//   harden_text()         bytes that must not reach a YAML parser (harden.h);
//   read_scenario_yaml()  YAML -> Scenario + SourceMap (read.h);
//   validate()            the Scenario against the model (validate.h).
// Every problem of every stage that ran is reported at once, sorted by
// position, in one ScenarioError.
#include "simroi/scenario/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <tuple>
#include <utility>

#include "simroi/core/error.h"
#include "simroi/model/model.h"
#include "simroi/scenario/harden.h"
#include "simroi/scenario/read.h"
#include "simroi/scenario/validate.h"

namespace simroi {

Timeline make_timeline(const Scenario& s) {
  return Timeline(s.horizon_months, s.ramp_up_months, s.seasonality, s.start_month,
                  s.conversion_after_given, s.first_visit_check_given, s.capacity_given);
}

std::vector<Input> Scenario::uncertain_inputs() const {
  std::vector<Input> out;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    if (!inputs[i].is_fixed()) out.push_back(static_cast<Input>(i));
  }
  return out;
}

Text too_many_runs_text(double runs) {
  // A deliberately optimistic cost per run, so the estimate is a lower bound.
  constexpr double kSecondsPerRun = 1e-6;
  auto duration = [](double seconds) -> Text {
    constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kYear = 365.25 * kDay;
    auto about = [](double n) { return static_cast<std::int64_t>(std::llround(n)); };
    if (!std::isfinite(seconds) || seconds >= 1000 * kYear) return tr("more than a thousand years");
    if (seconds >= 2 * kYear) {
      const double n = seconds / kYear;
      return trn("about {} year", "about {} years", about(n), Number{n, 0, false});
    }
    if (seconds >= 2 * kDay) {
      const double n = seconds / kDay;
      return trn("about {} day", "about {} days", about(n), Number{n, 0, false});
    }
    if (seconds >= 2 * kHour) {
      const double n = seconds / kHour;
      return trn("about {} hour", "about {} hours", about(n), Number{n, 0, false});
    }
    if (seconds >= 2 * kMinute) {
      const double n = seconds / kMinute;
      return trn("about {} minute", "about {} minutes", about(n), Number{n, 0, false});
    }
    return trn("about {} second", "about {} seconds", about(seconds), Number{seconds, 0, false});
  };
  // Grouped with commas, as this message has always been printed (and as the
  // same count is written in --help).
  auto count = [](double n) -> std::string {
    if (!(n < 1e19)) return fmt::format("{:.3g}", n);
    const std::string digits = std::to_string(static_cast<std::uint64_t>(n));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return out;
  };
  return tr(
      "at about 1 microsecond a run on one core, {} runs would take {}; the largest accepted "
      "is {} ({}), and 100,000 runs are enough for most reports",
      count(runs), duration(runs * kSecondsPerRun), count(static_cast<double>(kMaxRuns)),
      duration(static_cast<double>(kMaxRuns) * kSecondsPerRun));
}

std::string too_many_runs_reason(double runs) {
  return too_many_runs_text(runs).english();
}

Scenario parse_scenario(std::string_view yaml_text, const std::string& file) {
  std::vector<Diagnostic> problems = harden_text(yaml_text, file);
  if (problems.empty()) {
    ReadResult read = read_scenario_yaml(yaml_text, file);
    problems = std::move(read.diagnostics);
    if (read.document_read) {
      auto more = validate(read.scenario, read.source);
      problems.insert(problems.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
    if (problems.empty()) {
      read.scenario.warnings = scenario_warnings(read.scenario, &read.source);
      return std::move(read.scenario);
    }
  }
  // Reader's problems first, then validate()'s; in file order (stable: the
  // same position keeps that order).
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
  throw ScenarioError(std::move(problems));
}

Scenario load_scenario(const std::string& path) {
  return parse_scenario(read_scenario_file(path), path);
}

}  // namespace simroi
