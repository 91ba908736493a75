// The version 0.2 keys in a scenario file (docs/scenario-format.md, 2.1 and
// 2.5a): capacity.spare_visits_per_month and baseline.first_visit_check are
// read, validated, correlated, written back and simulated like any input, and
// a file without them reads as before.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/engine/engine.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/write.h"

namespace simroi {
namespace {

constexpr const char* kArticle = R"(horizon_months: 12
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
assistant:
  lead_growth: 25%
  booking_conversion_after: 15%
costs:
  implementation: 30000
  monthly: 5000
simulation:
  runs: 64
)";

std::vector<Diagnostic> errors_of(const std::string& yaml) {
  try {
    (void)parse_scenario(yaml, "bad.yaml");
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(ScenarioCapacity, AbsentKeysLeaveTheModelAsBefore) {
  const Scenario s = parse_scenario(kArticle, "a.yaml");
  EXPECT_FALSE(s.capacity_given);
  EXPECT_FALSE(s.first_visit_check_given);
  const std::string yaml = write_scenario(s);
  EXPECT_EQ(yaml.find("capacity"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("first_visit_check"), std::string::npos) << yaml;
  // The article's ROI: 250 % in every run.
  const SimulationResults r = run_simulation(s, RunOptions{});
  EXPECT_NEAR(r.roi_pct.mean, 250.0, 1e-9);
}

TEST(ScenarioCapacity, ReadsUncertainCorrelatedKeysAndWritesThemBack) {
  const std::string text = R"(horizon_months: 12
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
  first_visit_check: {pert: [0, 300, 1000]}
assistant:
  lead_growth: 25%
  booking_conversion_after: 15%
costs:
  implementation: 30000
  monthly: 5000
capacity:
  spare_visits_per_month: {triangular: [5, 12, 20]}
correlations:
  - [spare_visits_per_month, first_visit_check, 0.3]
simulation:
  runs: 2000
)";
  const Scenario s = parse_scenario(text, "v02.yaml");
  EXPECT_TRUE(s.capacity_given);
  EXPECT_TRUE(s.first_visit_check_given);
  EXPECT_FALSE(s.input(Input::spare_visits_per_month).is_fixed());
  EXPECT_FALSE(s.input(Input::first_visit_check).is_fixed());
  ASSERT_EQ(s.correlations.size(), 1u);

  const std::string written = write_scenario(s);
  EXPECT_NE(written.find("capacity:"), std::string::npos) << written;
  const Scenario again = parse_scenario(written, "v02.yaml");
  EXPECT_EQ(scenario_difference(s, again), "") << written;

  // Every run serves at most 20 extra visits a month at most 1,000 ₽ each, so
  // G <= 12 * 20 * 1,000 = 240,000 ₽ and ROI <= (240,000 - 90,000) / 90,000.
  const SimulationResults r = run_simulation(s, RunOptions{});
  EXPECT_LE(r.roi_pct.max, 150000.0 / 90000.0 * 100.0 + 1e-9);
  // Both inputs are uncertain: they are in the sensitivity list.
  int found = 0;
  for (const auto& sens : r.sensitivity) {
    found += sens.input == Input::spare_visits_per_month || sens.input == Input::first_visit_check;
  }
  EXPECT_EQ(found, 2);
}

TEST(ScenarioCapacity, NegativeValuesAreLocatedErrors) {
  const std::string text = std::string(kArticle) + "capacity:\n  spare_visits_per_month: -5\n";
  const auto errors = errors_of(text);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().key, "capacity.spare_visits_per_month");
  EXPECT_EQ(errors.front().line, 15);
  EXPECT_EQ(errors.front().column, 27);

  const std::string check = R"(baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
  first_visit_check: {uniform: [-100, 500]}
costs:
  implementation: 30000
)";
  const auto more = errors_of(check);
  ASSERT_FALSE(more.empty());
  EXPECT_EQ(more.front().key, "baseline.first_visit_check");
  EXPECT_EQ(more.front().line, 5);
}

TEST(ScenarioCapacity, UnknownKeyInTheCapacitySection) {
  const auto errors = errors_of(std::string(kArticle) + "capacity:\n  spare_visit: 10\n");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().key, "capacity.spare_visit");
  EXPECT_NE(errors.front().message().find("spare_visits_per_month"), std::string::npos)
      << errors.front().format();
}

}  // namespace
}  // namespace simroi
