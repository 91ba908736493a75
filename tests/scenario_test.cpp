// Loading and validating scenario files (scenario-format.md, "What bad input gets").
#include "simroi/scenario/scenario.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "simroi/core/error.h"

namespace simroi {
namespace {

// The example of scenario-format.md.
constexpr const char* kExample = R"(name: Салон красоты, Самара       # free text, UTF-8
business: salon                   # short label used by `compare`
currency: RUB                     # label for reports (₽ for RUB)
horizon_months: 12

simulation:                       # optional; command-line flags override
  runs: 100000
  seed: 42
  # sampling: latin_hypercube     # optional; default monte_carlo

baseline:                         # the funnel before the assistant, per month
  leads_per_month: 200
  booking_conversion: 10%         # "10%" and 0.10 mean the same
  no_show_rate: {uniform: [0.15, 0.25]}
  average_check: {pert: [1200, 1500, 2200]}
  gross_margin: 0.6

assistant:                        # what the assistant changes
  lead_growth: {uniform: [15%, 40%]}
  booking_conversion_uplift: {pert: [0.2, 0.4, 0.6]}
  no_show_reduction: {uniform: [20%, 50%]}
  manager_hours_saved: {triangular: [5, 15, 30]}
  ramp_up_months: 2

costs:
  implementation: {uniform: [10000, 50000]}
  monthly: 5000
  per_lead: 0

economics:
  manager_hourly_cost: 350
  discount_rate_annual: 0

retention:                        # optional
  repeat_visits_per_month: 0.3
  monthly_churn: 0.2

seasonality: [0.9, 0.9, 1.0, 1.1, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.3]  # optional
start_month: 1                    # optional: calendar month of t = 1

correlations:                     # optional: Spearman rank correlations
  - [lead_growth, booking_conversion_uplift, 0.4]
)";

// Lines 1..7: the smallest valid scenario. Tests append to it.
constexpr const char* kMinimal = R"(baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
costs:
  implementation: 30000
  monthly: 5000
)";

std::string minimal(const std::string& more) {
  return std::string(kMinimal) + more;
}

std::vector<Diagnostic> errors_of(const std::string& yaml) {
  try {
    (void)parse_scenario(yaml, "bad.yaml");
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string dump(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += "\n  " + d.format();
  return out.empty() ? "\n  (no diagnostics: the scenario was accepted)" : out;
}

/// The file is rejected with (at least) this diagnostic.
testing::AssertionResult HasError(const std::string& yaml, int line, int column,
                                  const std::string& key, const std::string& text) {
  const auto diagnostics = errors_of(yaml);
  for (const auto& d : diagnostics) {
    if (d.line == line && d.column == column && d.key == key &&
        d.message().find(text) != std::string::npos) {
      if (d.file != "bad.yaml") return testing::AssertionFailure() << "wrong file " << d.file;
      return testing::AssertionSuccess();
    }
  }
  return testing::AssertionFailure()
         << "no diagnostic " << line << ":" << column << " [" << key << "] containing \"" << text
         << "\"; got:" << dump(diagnostics);
}

const std::vector<double>& params(const Scenario& s, Input id) {
  return s.input(id).parameters();
}

// ------------------------------------------------------------------ valid files

TEST(Scenario, ParsesTheFormatExample) {
  const Scenario s = parse_scenario(kExample, "scenarios/salon.yaml");
  EXPECT_EQ(s.file, "scenarios/salon.yaml");
  EXPECT_EQ(s.name, "Салон красоты, Самара");
  EXPECT_EQ(s.business, "salon");
  EXPECT_EQ(s.currency, "RUB");
  EXPECT_EQ(s.horizon_months, 12);
  EXPECT_EQ(s.ramp_up_months, 2);
  EXPECT_EQ(s.start_month, 1);
  EXPECT_EQ(s.simulation.runs, 100000u);
  EXPECT_EQ(s.simulation.seed, 42u);
  EXPECT_EQ(s.simulation.sampling, Sampling::monte_carlo);
  EXPECT_FALSE(s.conversion_after_given);

  EXPECT_TRUE(s.input(Input::leads_per_month).is_fixed());
  EXPECT_DOUBLE_EQ(params(s, Input::leads_per_month)[0], 200.0);
  EXPECT_DOUBLE_EQ(params(s, Input::booking_conversion)[0], 0.10);
  EXPECT_EQ(s.input(Input::no_show_rate).kind(), DistKind::uniform);
  EXPECT_EQ(params(s, Input::no_show_rate), (std::vector<double>{0.15, 0.25}));
  EXPECT_EQ(s.input(Input::average_check).kind(), DistKind::pert);
  EXPECT_EQ(params(s, Input::average_check), (std::vector<double>{1200, 1500, 2200}));
  EXPECT_DOUBLE_EQ(params(s, Input::gross_margin)[0], 0.6);
  EXPECT_EQ(s.input(Input::lead_growth).kind(), DistKind::uniform);
  EXPECT_DOUBLE_EQ(params(s, Input::lead_growth)[0], 0.15);
  EXPECT_DOUBLE_EQ(params(s, Input::lead_growth)[1], 0.40);
  EXPECT_EQ(s.input(Input::booking_conversion_uplift).kind(), DistKind::pert);
  EXPECT_EQ(s.input(Input::no_show_reduction).kind(), DistKind::uniform);
  EXPECT_DOUBLE_EQ(params(s, Input::no_show_reduction)[1], 0.5);
  EXPECT_EQ(s.input(Input::manager_hours_saved).kind(), DistKind::triangular);
  EXPECT_EQ(params(s, Input::manager_hours_saved), (std::vector<double>{5, 15, 30}));
  EXPECT_EQ(s.input(Input::implementation).kind(), DistKind::uniform);
  EXPECT_DOUBLE_EQ(params(s, Input::monthly)[0], 5000.0);
  EXPECT_DOUBLE_EQ(params(s, Input::per_lead)[0], 0.0);
  EXPECT_DOUBLE_EQ(params(s, Input::manager_hourly_cost)[0], 350.0);
  EXPECT_DOUBLE_EQ(params(s, Input::repeat_visits_per_month)[0], 0.3);
  EXPECT_DOUBLE_EQ(params(s, Input::monthly_churn)[0], 0.2);
  EXPECT_DOUBLE_EQ(s.seasonality[0], 0.9);
  EXPECT_DOUBLE_EQ(s.seasonality[11], 1.3);

  ASSERT_EQ(s.correlations.size(), 1u);
  EXPECT_EQ(s.correlations[0].a, Input::lead_growth);
  EXPECT_EQ(s.correlations[0].b, Input::booking_conversion_uplift);
  EXPECT_DOUBLE_EQ(s.correlations[0].rho, 0.4);

  EXPECT_EQ(s.uncertain_inputs(),
            (std::vector<Input>{Input::no_show_rate, Input::average_check, Input::lead_growth,
                                Input::booking_conversion_uplift, Input::no_show_reduction,
                                Input::manager_hours_saved, Input::implementation}));
}

TEST(Scenario, DefaultsFromTheModel) {
  const Scenario s = parse_scenario(kMinimal, "dir/my-salon.yaml");
  EXPECT_EQ(s.name, "my-salon");
  EXPECT_EQ(s.business, "");
  EXPECT_EQ(s.currency, "RUB");
  EXPECT_EQ(s.horizon_months, 12);
  EXPECT_EQ(s.ramp_up_months, 0);
  EXPECT_EQ(s.start_month, 1);
  EXPECT_EQ(s.simulation.runs, 100000u);
  EXPECT_EQ(s.simulation.seed, 42u);
  EXPECT_EQ(s.simulation.sampling, Sampling::monte_carlo);
  for (double m : s.seasonality) EXPECT_EQ(m, 1.0);
  EXPECT_TRUE(s.correlations.empty());
  EXPECT_TRUE(s.uncertain_inputs().empty());
  for (const auto& in : input_table()) {
    if (in.required || in.id == Input::monthly) continue;
    const Distribution& d = s.input(in.id);
    EXPECT_TRUE(d.is_fixed()) << in.path;
    EXPECT_EQ(d.support_min(), in.default_value) << in.path;
  }
  EXPECT_EQ(s.input(Input::gross_margin).support_min(), 1.0);
  EXPECT_EQ(s.input(Input::monthly_churn).support_min(), 1.0);
  EXPECT_EQ(parse_scenario(kMinimal, "").name, "");
}

TEST(Scenario, EveryDistributionForm) {
  const Scenario s = parse_scenario(minimal(R"(assistant:
  lead_growth: {normal: [0.3, 0.15], min: -0.5}
  booking_conversion_after: {beta: [20, 80]}
  no_show_reduction: {discrete: {values: [0.1, 0.2, 0.3], weights: [1, 2, 1]}}
  manager_hours_saved: {lognormal: [5, 20]}
economics:
  manager_hourly_cost: {triangular: [300, 350, 500]}
  discount_rate_annual: {pert: [0, 5%, 20%]}
retention:
  repeat_visits_per_month: {uniform: [0, 0.5]}
  monthly_churn: {discrete: {values: [0.1, 0.3]}}
)"),
                                    "");
  EXPECT_EQ(s.input(Input::lead_growth).kind(), DistKind::normal);
  EXPECT_TRUE(s.input(Input::lead_growth).is_truncated());
  EXPECT_DOUBLE_EQ(s.input(Input::lead_growth).support_min(), -0.5);
  EXPECT_EQ(s.input(Input::lead_growth).support_max(), Distribution::kInf);
  EXPECT_EQ(s.input(Input::booking_conversion_after).kind(), DistKind::beta);
  EXPECT_TRUE(s.conversion_after_given);
  EXPECT_EQ(s.input(Input::no_show_reduction).kind(), DistKind::discrete);
  EXPECT_EQ(params(s, Input::no_show_reduction), (std::vector<double>{0.1, 0.2, 0.3}));
  EXPECT_EQ(s.input(Input::manager_hours_saved).kind(), DistKind::lognormal);
  EXPECT_EQ(s.input(Input::manager_hourly_cost).kind(), DistKind::triangular);
  EXPECT_EQ(s.input(Input::discount_rate_annual).kind(), DistKind::pert);
  EXPECT_DOUBLE_EQ(params(s, Input::discount_rate_annual)[1], 0.05);
  EXPECT_EQ(s.input(Input::repeat_visits_per_month).kind(), DistKind::uniform);
  EXPECT_EQ(s.input(Input::monthly_churn).kind(), DistKind::discrete);
  EXPECT_NEAR(s.input(Input::monthly_churn).mean(), 0.2, 1e-12);  // equal weights by default
  EXPECT_TRUE(s.input(Input::booking_conversion_uplift).is_fixed());
}

TEST(Scenario, PercentStringsEverywhere) {
  const Scenario s = parse_scenario(minimal(R"(assistant:
  lead_growth: "-5%"
  no_show_reduction: {uniform: ["10%", 25%]}
economics:
  discount_rate_annual: 12.5%
)"),
                                    "");
  EXPECT_DOUBLE_EQ(params(s, Input::booking_conversion)[0], 0.10);
  EXPECT_DOUBLE_EQ(params(s, Input::lead_growth)[0], -0.05);
  EXPECT_DOUBLE_EQ(params(s, Input::no_show_reduction)[0], 0.10);
  EXPECT_DOUBLE_EQ(params(s, Input::no_show_reduction)[1], 0.25);
  EXPECT_DOUBLE_EQ(params(s, Input::discount_rate_annual)[0], 0.125);
}

TEST(Scenario, TruncatedNormalOnARate) {
  const Scenario s = parse_scenario(R"(baseline:
  leads_per_month: 200
  booking_conversion: {normal: [0.1, 0.05], min: 0, max: 100%}
  average_check: {normal: [1500, 400], min: 0}
costs:
  implementation: {uniform: [10000, 50000], max: 40000}
)",
                                    "");
  const Distribution& c0 = s.input(Input::booking_conversion);
  EXPECT_EQ(c0.kind(), DistKind::normal);
  EXPECT_TRUE(c0.is_truncated());
  EXPECT_DOUBLE_EQ(c0.support_min(), 0.0);
  EXPECT_DOUBLE_EQ(c0.support_max(), 1.0);
  EXPECT_DOUBLE_EQ(s.input(Input::average_check).support_min(), 0.0);
  EXPECT_DOUBLE_EQ(s.input(Input::implementation).support_max(), 40000.0);
}

TEST(Scenario, SettingsParse) {
  const Scenario s = parse_scenario(R"(horizon_months: 120
start_month: 9
simulation:
  runs: 1e5
  seed: 18446744073709551615
  sampling: latin_hypercube
baseline:
  leads_per_month: 200
  booking_conversion: 0.1
  average_check: {uniform: [1000, 2000]}
assistant:
  lead_growth: {uniform: [0, 1]}
  ramp_up_months: 120
costs:
  implementation: {uniform: [0, 50000]}
  monthly: 100
correlations:
  - [assistant.lead_growth, costs.implementation, -0.3]
  - [lead_growth, average_check, 0.2]
)",
                                    "");
  EXPECT_EQ(s.horizon_months, 120);
  EXPECT_EQ(s.ramp_up_months, 120);
  EXPECT_EQ(s.start_month, 9);
  EXPECT_EQ(s.simulation.runs, 100000u);
  EXPECT_EQ(s.simulation.seed, 18446744073709551615u);
  EXPECT_EQ(s.simulation.sampling, Sampling::latin_hypercube);
  ASSERT_EQ(s.correlations.size(), 2u);
  EXPECT_EQ(s.correlations[0].a, Input::lead_growth);
  EXPECT_EQ(s.correlations[0].b, Input::implementation);
  EXPECT_DOUBLE_EQ(s.correlations[0].rho, -0.3);
}

TEST(Scenario, SamplingNames) {
  EXPECT_STREQ(to_string(Sampling::monte_carlo), "monte_carlo");
  EXPECT_STREQ(to_string(Sampling::latin_hypercube), "latin_hypercube");
}

TEST(Scenario, ZeroImplementationIsFineWhenMonthlyIsPositive) {
  const Scenario s = parse_scenario(R"(baseline:
  leads_per_month: 200
  booking_conversion: 0.1
  average_check: 1500
costs:
  implementation: 0
  per_lead: 2
)",
                                    "");
  EXPECT_DOUBLE_EQ(params(s, Input::per_lead)[0], 2.0);
}

TEST(Scenario, LoadsAFile) {
  const auto dir = std::filesystem::temp_directory_path() / "simroi_scenario_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "clinic.yaml";
  {
    std::ofstream out(path);
    out << kMinimal;
  }
  const Scenario s = load_scenario(path.string());
  EXPECT_EQ(s.name, "clinic");
  EXPECT_EQ(s.file, path.string());
  std::filesystem::remove_all(dir);
}

// ------------------------------------------------------------------ bad input

TEST(ScenarioErrors, UnknownKeyWithSuggestion) {
  const std::string yaml = minimal("  per_leed: 3\n");
  EXPECT_TRUE(HasError(yaml, 8, 3, "costs.per_leed", "did you mean 'per_lead'?"));
  EXPECT_TRUE(HasError(minimal("horizon_month: 12\n"), 8, 1, "horizon_month",
                       "did you mean 'horizon_months'?"));
}

TEST(ScenarioErrors, MisspeltSectionIsOneError) {
  const std::string yaml = R"(baselin:
  leads_per_month: 200
costs:
  implementation: 1
)";
  const auto errors = errors_of(yaml);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(HasError(yaml, 1, 1, "baselin", "did you mean 'baseline'?"));
}

TEST(ScenarioErrors, TabIndentation) {
  EXPECT_TRUE(HasError("baseline:\n\tleads_per_month: 200\n", 2, 17, "",
                       "indentation must use spaces, not tabs"));
}

TEST(ScenarioErrors, InputInTheWrongSection) {
  EXPECT_TRUE(HasError(minimal("  lead_growth: 0.2\n"), 8, 3, "costs.lead_growth",
                       "belongs in the assistant: section"));
}

TEST(ScenarioErrors, MisspeltDistribution) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniorm: [0.1, 0.2]}\n"), 9, 17,
                       "assistant.lead_growth", "did you mean 'uniform'?"));
}

TEST(ScenarioErrors, MissingRequiredKey) {
  const std::string yaml = R"(baseline:
  leads_per_month: 200
  booking_conversion: 10%
costs:
  implementation: 30000
  monthly: 5000
)";
  EXPECT_TRUE(HasError(yaml, 1, 1, "baseline.average_check", "missing required key"));
  // A missing section points at the top of the file.
  EXPECT_TRUE(
      HasError("baseline:\n  leads_per_month: 1\n  booking_conversion: 0.1\n"
               "  average_check: 1\n",
               1, 1, "costs.implementation", "missing required key"));
}

TEST(ScenarioErrors, WrongTypes) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: [0.1, 0.2]\n"), 9, 16,
                       "assistant.lead_growth", "found a list"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: 12abc\n"), 9, 16,
                       "assistant.lead_growth", "'12abc' is not a number"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: 5}\n"), 9, 26,
                       "assistant.lead_growth", "uniform takes a list of 2 numbers"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: [0.1, {a: 1}]}\n"), 9, 32,
                       "assistant.lead_growth", "expected a number"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth:\n"), 9, 3, "assistant.lead_growth",
                       "has no value"));
  EXPECT_TRUE(HasError(minimal("name: [a]\n"), 8, 7, "name", "expected text"));
}

TEST(ScenarioErrors, SectionOfTheWrongType) {
  EXPECT_TRUE(HasError(minimal("assistant: 5\n"), 8, 12, "assistant", "must be a mapping"));
  EXPECT_TRUE(HasError(minimal("retention: [1, 2]\n"), 8, 12, "retention", "must be a mapping"));
}

TEST(ScenarioErrors, MinGreaterThanMax) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: [0.4, 0.1]}\n"), 9, 26,
                       "assistant.lead_growth", "min 0.4 is greater than max 0.1"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {normal: [0.3, 0.1], min: 1, max: 0}\n"),
                       9, 16, "assistant.lead_growth", "min: 1 must be less than max: 0"));
}

TEST(ScenarioErrors, ModeOutsideMinMax) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  manager_hours_saved: {pert: [5, 40, 30]}\n"), 9, 35,
                       "assistant.manager_hours_saved", "mode 40 is outside [min, max]"));
}

TEST(ScenarioErrors, NonPositiveStandardDeviation) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {normal: [0.3, -0.1], min: 0}\n"), 9, 31,
                       "assistant.lead_growth", "standard deviation -0.1 must be positive"));
}

TEST(ScenarioErrors, DiscreteWeights) {
  EXPECT_TRUE(HasError(
      minimal("assistant:\n  lead_growth: {discrete: {values: [0.1, 0.2], weights: [0, 0]}}\n"), 9,
      57, "assistant.lead_growth", "must sum to a positive number"));
  EXPECT_TRUE(HasError(
      minimal("assistant:\n  lead_growth: {discrete: {values: [0.1, 0.2], weights: [1, -1]}}\n"), 9,
      61, "assistant.lead_growth", "weight -1 is negative"));
  EXPECT_TRUE(HasError(
      minimal("assistant:\n  lead_growth: {discrete: {values: [0.1, 0.2], weights: [1]}}\n"), 9, 57,
      "assistant.lead_growth", "2 values but 1 weights"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {discrete: {values: [-2, 0.2]}}\n"), 9,
                       16, "assistant.lead_growth", "outside the valid range"));
}

TEST(ScenarioErrors, OtherDistributionParameters) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  manager_hours_saved: {lognormal: [0, 20]}\n"), 9, 37,
                       "assistant.manager_hours_saved", "p5 0 must be positive"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  no_show_reduction: {beta: [2, 0]}\n"), 9, 33,
                       "assistant.no_show_reduction", "beta = 0 must be positive"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {min: 0}\n"), 9, 16,
                       "assistant.lead_growth", "no distribution given"));
  EXPECT_TRUE(
      HasError(minimal("assistant:\n  lead_growth: {discrete: {values: [0.1, 0.2]}, min: 0}\n"), 9,
               49, "assistant.lead_growth", "truncate continuous distributions only"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: [0, 1], min: 2}\n"), 9, 16,
                       "assistant.lead_growth", "leaves nothing"));
}

TEST(ScenarioErrors, RateOutsideZeroOne) {
  const std::string yaml = R"(baseline:
  leads_per_month: 200
  booking_conversion: 15
  average_check: 1500
costs:
  implementation: 30000
)";
  EXPECT_TRUE(HasError(yaml, 3, 23, "baseline.booking_conversion",
                       "15 is outside the valid range of baseline.booking_conversion [0, 1]"));
  EXPECT_TRUE(HasError(yaml, 3, 23, "baseline.booking_conversion", "\"15%\""));
  EXPECT_TRUE(HasError(minimal("retention:\n  monthly_churn: {uniform: [0.5, 1.5]}\n"), 9, 18,
                       "retention.monthly_churn", "add max: 1 to truncate it"));
}

TEST(ScenarioErrors, NormalOnARateMustBeTruncated) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  no_show_reduction: {normal: [0.3, 0.1]}\n"), 9, 22,
                       "assistant.no_show_reduction", "add min: 0 and max: 1 to truncate it"));
  EXPECT_TRUE(HasError(minimal("costs2: 1\n"), 8, 1, "costs2", "did you mean 'costs'?"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {normal: [0.3, 0.1]}\n"), 9, 16,
                       "assistant.lead_growth", "add min: -1 to truncate it"));
}

TEST(ScenarioErrors, UpliftAndAfterBoth) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  booking_conversion_uplift: 0.2\n"
                               "  booking_conversion_after: 0.15\n"),
                       10, 3, "assistant.booking_conversion_after", "not both"));
}

TEST(ScenarioErrors, CorrelationNamesUnknownInput) {
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: [0, 1]}\n"
                               "correlations:\n  - [lead_grwth, costs.implementation, 0.3]\n"),
                       11, 6, "correlations[0]", "did you mean 'lead_growth'?"));
}

TEST(ScenarioErrors, CorrelationNamesFixedInput) {
  const std::string yaml = minimal(
      "assistant:\n  lead_growth: {uniform: [0, 1]}\n"
      "correlations:\n  - [lead_growth, costs.monthly, 0.3]\n"
      "  - [lead_growth, no_show_reduction, 0.3]\n");
  EXPECT_TRUE(HasError(yaml, 11, 19, "correlations[0]", "costs.monthly is a fixed value"));
  EXPECT_TRUE(
      HasError(yaml, 12, 19, "correlations[1]", "assistant.no_show_reduction is not given"));
}

TEST(ScenarioErrors, CorrelationSelfDuplicateAndRange) {
  const std::string yaml = minimal(
      "assistant:\n  lead_growth: {uniform: [0, 1]}\n"
      "  no_show_reduction: {uniform: [0, 1]}\n"
      "correlations:\n"
      "  - [lead_growth, lead_growth, 0.3]\n"
      "  - [lead_growth, no_show_reduction, 0.3]\n"
      "  - [no_show_reduction, assistant.lead_growth, 0.1]\n"
      "  - [no_show_reduction, lead_growth, 1.5]\n"
      "  - lead_growth\n");
  EXPECT_TRUE(HasError(yaml, 12, 5, "correlations[0]", "with itself"));
  EXPECT_TRUE(HasError(yaml, 14, 5, "correlations[2]", "already correlated in correlations[1]"));
  EXPECT_TRUE(HasError(yaml, 15, 38, "correlations[3]", "1.5 is outside [-1, 1]"));
  EXPECT_TRUE(HasError(yaml, 16, 5, "correlations[4]", "expected [input, input, rho]"));
}

constexpr const char* kThreeUncertain = R"(assistant:
  lead_growth: {uniform: [0, 1]}
  no_show_reduction: {uniform: [0, 1]}
  manager_hours_saved: {uniform: [0, 10]}
correlations:
)";

TEST(ScenarioErrors, CorrelationMatrixNotPositiveSemiDefinite) {
  const std::string yaml = minimal(std::string(kThreeUncertain) +
                                   "  - [lead_growth, no_show_reduction, 0.9]\n"
                                   "  - [lead_growth, manager_hours_saved, 0.9]\n"
                                   "  - [no_show_reduction, manager_hours_saved, -0.9]\n");
  EXPECT_TRUE(HasError(yaml, 13, 5, "correlations", "not positive semi-definite"));
  EXPECT_TRUE(HasError(yaml, 13, 5, "correlations",
                       "correlations[2] [no_show_reduction, manager_hours_saved, -0.9]"));
}

TEST(ScenarioErrors, NormalScoreMatrixNotPositiveSemiDefinite) {
  // PSD as Spearman coefficients, but not after r = 2 sin(pi rho / 6).
  const std::string yaml = minimal(std::string(kThreeUncertain) +
                                   "  - [lead_growth, no_show_reduction, 0.7]\n"
                                   "  - [lead_growth, manager_hours_saved, 0.7]\n"
                                   "  - [no_show_reduction, manager_hours_saved, -0.019]\n");
  EXPECT_TRUE(HasError(yaml, 13, 5, "correlations", "normal-score correlations"));
  // Slightly weaker correlations are fine.
  const std::string ok = minimal(std::string(kThreeUncertain) +
                                 "  - [lead_growth, no_show_reduction, 0.6]\n"
                                 "  - [lead_growth, manager_hours_saved, 0.6]\n"
                                 "  - [no_show_reduction, manager_hours_saved, 0.0]\n");
  EXPECT_EQ(parse_scenario(ok, "").correlations.size(), 3u);
}

TEST(ScenarioErrors, HorizonOutOfRange) {
  EXPECT_TRUE(HasError(minimal("horizon_months: 0\n"), 8, 17, "horizon_months",
                       "expected a whole number from 1 to 120"));
  EXPECT_TRUE(
      HasError(minimal("horizon_months: 121\n"), 8, 17, "horizon_months", "121 is out of range"));
  EXPECT_TRUE(
      HasError(minimal("horizon_months: 12.5\n"), 8, 17, "horizon_months", "not a whole number"));
  EXPECT_TRUE(HasError(minimal("start_month: 13\n"), 8, 14, "start_month", "from 1 to 12"));
}

TEST(ScenarioErrors, RampLongerThanHorizon) {
  EXPECT_TRUE(HasError(minimal("horizon_months: 6\nassistant:\n  ramp_up_months: 7\n"), 10, 19,
                       "assistant.ramp_up_months", "longer than horizon_months (6)"));
}

TEST(ScenarioErrors, SimulationSettings) {
  const std::string yaml =
      minimal("simulation:\n  runs: 0\n  seed: -1\n  sampling: latin_hypercub\n");
  EXPECT_TRUE(HasError(yaml, 9, 9, "simulation.runs", "expected a whole number from 1"));
  EXPECT_TRUE(HasError(yaml, 10, 9, "simulation.seed", "out of range"));
  EXPECT_TRUE(HasError(yaml, 11, 13, "simulation.sampling", "did you mean 'latin_hypercube'?"));
  EXPECT_TRUE(HasError(minimal("simulation:\n  seed: 18446744073709551616\n"), 9, 9,
                       "simulation.seed", "out of range"));
}

TEST(ScenarioErrors, NonFiniteNumbers) {
  EXPECT_TRUE(
      HasError(minimal("  per_lead: .nan\n"), 8, 13, "costs.per_lead", "not a finite number"));
  EXPECT_TRUE(
      HasError(minimal("  per_lead: .inf\n"), 8, 13, "costs.per_lead", "not a finite number"));
  EXPECT_TRUE(HasError(minimal("assistant:\n  lead_growth: {uniform: [0, .inf]}\n"), 9, 30,
                       "assistant.lead_growth", "not a finite number"));
  EXPECT_TRUE(HasError(minimal("  per_lead: 1e999\n"), 8, 13, "costs.per_lead", "too large"));
}

TEST(ScenarioErrors, Seasonality) {
  EXPECT_TRUE(HasError(minimal("seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"), 8, 14,
                       "seasonality", "has 11 values; it needs exactly 12"));
  EXPECT_TRUE(HasError(minimal("seasonality: [1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1]\n"), 8, 24,
                       "seasonality[3]", "-1 is negative"));
  EXPECT_TRUE(HasError(minimal("seasonality: 1\n"), 8, 14, "seasonality", "expected a list"));
}

TEST(ScenarioErrors, ZeroCostMakesRoiUndefined) {
  const std::string yaml = R"(baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
costs:
  implementation: {uniform: [0, 1000]}
  per_lead: {uniform: [0, 1]}
)";
  EXPECT_TRUE(HasError(yaml, 5, 1, "costs", "ROI = (gain - cost) / cost would be undefined"));
  // No leads at all: per-lead costs cannot save it either.
  EXPECT_TRUE(HasError(R"(baseline:
  leads_per_month: 0
  booking_conversion: 10%
  average_check: 1500
costs:
  implementation: 0
  per_lead: 5
)",
                       5, 1, "costs", "costs.implementation, costs.monthly and costs.per_lead"));
}

TEST(ScenarioErrors, DuplicateKey) {
  EXPECT_TRUE(HasError(minimal("  monthly: 6000\n"), 8, 3, "costs.monthly",
                       "duplicate key 'monthly' (first given on line 7)"));
  EXPECT_TRUE(HasError(minimal("costs:\n  per_lead: 1\n"), 8, 1, "costs",
                       "duplicate key 'costs' (first given on line 5)"));
}

TEST(ScenarioErrors, EmptyFile) {
  for (const char* text : {"", "   \n", "# only a comment\n"}) {
    const auto errors = errors_of(text);
    ASSERT_EQ(errors.size(), 1u) << dump(errors);
    EXPECT_EQ(errors[0].line, 0);
    EXPECT_EQ(errors[0].column, 0);
    EXPECT_NE(errors[0].message().find("the file is empty"), std::string::npos);
  }
}

TEST(ScenarioErrors, TopLevelNotAMapping) {
  EXPECT_TRUE(HasError("- baseline\n- costs\n", 1, 1, "", "the top level is a list"));
  EXPECT_TRUE(HasError("just text\n", 1, 1, "", "the top level is a single value"));
}

TEST(ScenarioErrors, NotYaml) {
  EXPECT_TRUE(HasError("baseline: {leads_per_month: 200\ncosts: 1\n", 2, 6, "", "not valid YAML"));
  EXPECT_TRUE(HasError(minimal("---\nname: x\n"), 9, 1, "", "more than one YAML document"));
}

TEST(ScenarioErrors, NotUtf8) {
  EXPECT_TRUE(HasError(minimal("name: caf\xE9\n"), 8, 10, "", "not valid UTF-8"));
  EXPECT_TRUE(
      HasError(minimal("name: a\x00b\n"), 8, 8, "", "NUL byte") ||
      HasError(std::string(kMinimal) + std::string("name: a\0b\n", 10), 8, 8, "", "NUL byte"));
}

TEST(ScenarioErrors, HugeFile) {
  const std::string huge = minimal("name: \"" + std::string((16u << 20) + 10, 'x') + "\"\n");
  const auto errors = errors_of(huge);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 0);
  EXPECT_NE(errors[0].message().find("at most 1 MiB"), std::string::npos);
}

TEST(ScenarioErrors, DeeplyNested) {
  std::string deep = minimal("name: ");
  deep += std::string(100, '[') + std::string(100, ']') + "\n";
  EXPECT_TRUE(HasError(deep, 8, 71, "", "nested deeper than 64 levels"));
  // Far deeper than any stack should take: refused, not a crash.
  std::string deeper = minimal("name: ");
  deeper += std::string(100000, '[') + std::string(100000, ']') + "\n";
  const auto errors = errors_of(deeper);
  ASSERT_FALSE(errors.empty());
}

TEST(ScenarioErrors, DeeplyNestedBlocks) {
  // Indentation nesting is only visible to the parser; the walk refuses it.
  std::string deep = minimal("name:\n");
  for (int level = 1; level <= 70; ++level) {
    deep += std::string(static_cast<std::size_t>(2 * level), ' ') + "a:\n";
  }
  EXPECT_TRUE(HasError(deep, 71, 127, "", "nested deeper than 64 levels"));
}

TEST(ScenarioErrors, TooManyItemsBeforeParsing) {
  std::string yaml = minimal("seasonality: [1");
  for (int i = 0; i < 200000; ++i) yaml += ",1";
  yaml += "]\n";
  const auto errors = errors_of(yaml);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_EQ(errors[0].line, 8);
  EXPECT_NE(errors[0].message().find("more than 100000 list items"), std::string::npos);
}

TEST(ScenarioErrors, AliasBomb) {
  std::string bomb = minimal("bomb:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
  std::string previous = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string("  ") + c + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + previous;
    bomb += "]\n";
    previous = std::string(1, c);
  }
  const auto errors = errors_of(bomb);
  bool found = false;
  for (const auto& d : errors) found |= d.message().find("alias bomb") != std::string::npos;
  EXPECT_TRUE(found) << dump(errors);
}

TEST(ScenarioErrors, SelfReferentialAlias) {
  const auto errors = errors_of(minimal("name: &a [*a]\n"));
  EXPECT_FALSE(errors.empty());
}

TEST(ScenarioErrors, FileProblems) {
  try {
    (void)load_scenario("/nonexistent/simroi/missing.yaml");
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "/nonexistent/simroi/missing.yaml");
    EXPECT_EQ(e.diagnostics()[0].line, 0);
    EXPECT_NE(e.diagnostics()[0].message().find("no such file"), std::string::npos);
    EXPECT_EQ(e.exit_code(), kExitUsage);
  }
  const auto dir = std::filesystem::temp_directory_path();
  try {
    (void)load_scenario(dir.string());
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message().find("is a directory"), std::string::npos);
  }
}

TEST(ScenarioErrors, EveryProblemIsReportedInFileOrder) {
  const std::string yaml = R"(horizon_months: 0
baseline:
  leads_per_month: -5
  booking_conversion: 10%
  averge_check: 1500
assistant:
  lead_growth: {uniform: [0.4, 0.1]}
costs:
  implementation: abc
seasonality: [1, 2]
)";
  const auto errors = errors_of(yaml);
  EXPECT_TRUE(HasError(yaml, 1, 17, "horizon_months", "from 1 to 120"));
  EXPECT_TRUE(HasError(yaml, 2, 1, "baseline.average_check", "missing required key"));
  EXPECT_TRUE(HasError(yaml, 3, 20, "baseline.leads_per_month", "outside the valid range"));
  EXPECT_TRUE(HasError(yaml, 5, 3, "baseline.averge_check", "did you mean 'average_check'?"));
  EXPECT_TRUE(HasError(yaml, 7, 26, "assistant.lead_growth", "greater than max"));
  EXPECT_TRUE(HasError(yaml, 9, 19, "costs.implementation", "not a number"));
  EXPECT_TRUE(HasError(yaml, 10, 14, "seasonality", "exactly 12"));
  EXPECT_EQ(errors.size(), 7u) << dump(errors);
  for (std::size_t i = 1; i < errors.size(); ++i) {
    EXPECT_LE(errors[i - 1].line, errors[i].line);
  }
  // what() lists them all, one per line, as FILE:LINE:COLUMN: KEY: message.
  try {
    (void)parse_scenario(yaml, "bad.yaml");
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.yaml:1:17: horizon_months: "), std::string::npos) << what;
    EXPECT_NE(what.find("bad.yaml:10:14: seasonality: "), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace simroi

// ------------------------------------------------------------------ stages and validate()

#include "simroi/core/locale.h"
#include "simroi/scenario/harden.h"
#include "simroi/scenario/read.h"
#include "simroi/scenario/validate.h"

namespace simroi {
namespace {

/// A valid scenario built in code, without YAML: the article's funnel with a
/// few uncertain inputs and one correlation.
Scenario salon_in_code() {
  Scenario s;
  s.name = "Салон в коде";
  s.business = "salon";
  s.horizon_months = 12;
  s.ramp_up_months = 2;
  s.start_month = 9;
  for (const auto& in : input_table())
    s.inputs[index(in.id)] = Distribution::fixed(in.default_value);
  s.inputs[index(Input::leads_per_month)] = Distribution::pert(60, 150, 400);
  s.inputs[index(Input::booking_conversion)] =
      Distribution::normal(0.5, 0.08).truncated(0.35, 0.65);
  s.inputs[index(Input::average_check)] = Distribution::fixed(2300);
  s.inputs[index(Input::gross_margin)] = Distribution::fixed(0.6);
  s.inputs[index(Input::lead_growth)] = Distribution::pert(-0.05, 0.12, 0.35);
  s.inputs[index(Input::implementation)] = Distribution::lognormal_p5_p95(35000, 220000);
  s.inputs[index(Input::monthly)] = Distribution::discrete({5000, 12000, 30000}, {0.3, 0.5, 0.2});
  s.seasonality = {0.85, 1.0, 1.15, 1.0, 1.0, 0.95, 0.9, 0.9, 1.0, 1.0, 1.05, 1.2};
  s.correlations.push_back(Correlation{Input::lead_growth, Input::implementation, 0.3});
  s.simulation.runs = 20000;
  s.simulation.seed = 7;
  return s;
}

std::vector<std::string> keys_of(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> keys;
  for (const auto& d : diagnostics) keys.push_back(d.key);
  return keys;
}

TEST(Validate, AcceptsAValidScenarioBuiltInCode) {
  const auto problems = validate(salon_in_code());
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST(Validate, RefusesAnInvalidScenarioBuiltInCodeWithKeyPathsAndNoPosition) {
  Scenario s = salon_in_code();
  s.file = "in-code";
  s.horizon_months = 200;  // would overflow Timeline's month arrays
  s.start_month = 0;
  s.simulation.runs = 0;
  s.currency = " ";
  s.inputs[index(Input::booking_conversion)] = Distribution::fixed(15);        // 1500 %
  s.inputs[index(Input::no_show_reduction)] = Distribution::normal(0.3, 0.1);  // can leave [0, 1]
  s.seasonality[3] = -1;
  s.seasonality[4] = std::numeric_limits<double>::quiet_NaN();
  s.correlations.push_back(Correlation{Input::monthly, Input::monthly, 0.2});
  s.correlations.push_back(Correlation{Input::implementation, Input::lead_growth, 0.1});
  s.correlations.push_back(Correlation{Input::lead_growth, Input::average_check, 0.5});
  s.correlations.push_back(
      Correlation{Input::lead_growth, Input::monthly, std::numeric_limits<double>::quiet_NaN()});
  const auto problems = validate(s);
  EXPECT_EQ(keys_of(problems), (std::vector<std::string>{
                                   "horizon_months", "start_month", "currency", "simulation.runs",
                                   "baseline.booking_conversion", "assistant.no_show_reduction",
                                   "seasonality[3]", "seasonality[4]", "correlations[1]",
                                   "correlations[2]", "correlations[4]", "correlations[3]"}))
      << dump(problems);
  for (const auto& d : problems) {
    EXPECT_EQ(d.file, "in-code");
    EXPECT_EQ(d.line, 0);
    EXPECT_EQ(d.column, 0);
    EXPECT_FALSE(d.code.empty()) << d.format();
  }
  EXPECT_EQ(problems[0].code, diag::kOutOfRange);
  EXPECT_EQ(problems[0].format(),
            "in-code: horizon_months: 200 is out of range; expected a whole number from 1 to 120");
  EXPECT_EQ(problems[4].message(),
            "15 is outside the valid range of baseline.booking_conversion [0, 1] (for a "
            "percentage write \"15%\" or 0.15)");
  EXPECT_EQ(problems[5].code, diag::kSupportOutOfRange);
  EXPECT_EQ(problems[7].code, diag::kNotFinite);
  EXPECT_EQ(problems[8].code, diag::kCorrelationWithItself);
  EXPECT_EQ(problems[9].code, diag::kCorrelationRepeated);
  EXPECT_EQ(problems[9].message(),
            "costs.implementation and assistant.lead_growth are already correlated in "
            "correlations[0]; give each pair once");
  // Each item's own checks come first, then whether its inputs can be correlated.
  EXPECT_EQ(problems[10].code, diag::kOutOfRange);               // NaN is not in [-1, 1]
  EXPECT_EQ(problems[11].code, diag::kCorrelationNotUncertain);  // average_check is fixed
}

TEST(Validate, RampLongerThanTheHorizonAndZeroCostInCode) {
  Scenario s = salon_in_code();
  s.horizon_months = 6;
  s.ramp_up_months = 9;
  EXPECT_EQ(keys_of(validate(s)), (std::vector<std::string>{"assistant.ramp_up_months"}));
  s.ramp_up_months = 0;
  s.correlations.clear();
  s.inputs[index(Input::implementation)] = Distribution::uniform(0, 1000);
  s.inputs[index(Input::monthly)] = Distribution::fixed(0);
  const auto problems = validate(s);
  ASSERT_EQ(keys_of(problems), (std::vector<std::string>{"costs"})) << dump(problems);
  EXPECT_EQ(problems[0].code, diag::kCostCanBeZero);
}

TEST(Validate, UpliftAndAbsoluteConversionInCode) {
  Scenario s = salon_in_code();
  s.conversion_after_given = true;
  s.inputs[index(Input::booking_conversion_after)] = Distribution::fixed(0.6);
  EXPECT_TRUE(validate(s).empty());
  // The model would ignore this uplift: refused rather than silently unused.
  s.inputs[index(Input::booking_conversion_uplift)] = Distribution::uniform(0.1, 0.2);
  const auto problems = validate(s);
  ASSERT_EQ(keys_of(problems), (std::vector<std::string>{"assistant.booking_conversion_after"}));
  EXPECT_EQ(problems[0].code, diag::kConflictingKeys);
}

// The same problem found in a file: the SourceMap gives the position and the
// value as written.
TEST(Validate, WithTheSourceMapPointsAtTheFile) {
  const std::string yaml = minimal(
      "horizon_months: 1e3\nseasonality: [1, 1, 1, -1, 1, 1, 1, 1, 1, "
      "1, 1, 1]\n");
  const ReadResult read = read_scenario_yaml(yaml, "f.yaml");
  ASSERT_TRUE(read.document_read);
  EXPECT_TRUE(read.diagnostics.empty()) << dump(read.diagnostics);  // it reads fine
  EXPECT_EQ(read.scenario.horizon_months, 1000);
  const SourceEntry* h = read.source.find("horizon_months");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->key.line, 8);
  EXPECT_EQ(h->key.column, 1);
  EXPECT_EQ(h->value.column, 17);
  EXPECT_EQ(h->text, "1e3");
  const auto problems = validate(read.scenario, read.source);
  ASSERT_EQ(problems.size(), 2u) << dump(problems);
  EXPECT_EQ(problems[0].format(),
            "f.yaml:8:17: horizon_months: 1e3 is out of range; expected a whole number from 1 to "
            "120");
  EXPECT_EQ(problems[1].format(),
            "f.yaml:9:24: seasonality[3]: -1 is negative; a seasonal multiplier must be >= 0 (1 "
            "= a normal month)");
  // Without the map, the same scenario has the same problems, unlocated.
  const auto bare = validate(read.scenario);
  ASSERT_EQ(bare.size(), 2u);
  EXPECT_EQ(bare[0].format(),
            "f.yaml: horizon_months: 1000 is out of range; expected a whole number from 1 to 120");
}

TEST(Validate, NothingTheReaderReportedIsReportedAgain) {
  // An unreadable input is neither range-checked nor used by the correlation
  // and cost checks (which would otherwise see its default).
  const std::string yaml = minimal(
      "assistant:\n  lead_growth: {uniform: [0.4, 0.1]}\n  no_show_reduction: {uniform: [0, 0.5]}\n"
      "correlations:\n  - [lead_growth, no_show_reduction, 0.3]\n");
  const ReadResult read = read_scenario_yaml(yaml, "f.yaml");
  ASSERT_EQ(read.diagnostics.size(), 1u) << dump(read.diagnostics);
  EXPECT_EQ(read.diagnostics[0].code, diag::kInvalidParameter);
  EXPECT_TRUE(read.source.unread("assistant.lead_growth"));
  EXPECT_TRUE(read.scenario.input(Input::lead_growth).is_fixed());  // the default
  EXPECT_TRUE(validate(read.scenario, read.source).empty());
  EXPECT_FALSE(validate(read.scenario).empty());  // without the map: fixed inputs correlated
}

TEST(ScenarioStages, HardeningRefusesBeforeParsing) {
  EXPECT_TRUE(harden_text(kMinimal, "f.yaml").empty());
  const auto nul = harden_text(std::string("a: 1\nb: x\0y\n", 12), "f.yaml");
  ASSERT_EQ(nul.size(), 1u);
  EXPECT_EQ(nul[0].code, diag::kNotText);
  EXPECT_EQ(nul[0].line, 2);
  EXPECT_EQ(nul[0].column, 5);
  const auto utf8 = harden_text("name: \xC0\xAF\n", "f.yaml");  // overlong '/'
  ASSERT_EQ(utf8.size(), 1u);
  EXPECT_EQ(utf8[0].code, diag::kNotUtf8);
  EXPECT_EQ(harden_text(std::string(kMaxScenarioBytes + 1, ' '), "f.yaml")[0].code,
            diag::kFileTooLarge);
  // A leading byte order mark is UTF-8 and left to YAML, which accepts it.
  EXPECT_NO_THROW((void)parse_scenario("\xEF\xBB\xBF" + std::string(kMinimal), "bom.yaml"));
}

TEST(ScenarioStages, ReadOneInputValueAsForSet) {
  const ValueRead ok =
      read_input_value(Input::average_check, "{pert: [1200, 1500, 2200]}", "--set");
  ASSERT_TRUE(ok.value.has_value());
  EXPECT_EQ(ok.value->kind(), DistKind::pert);
  EXPECT_TRUE(ok.diagnostics.empty());
  const ValueRead percent = read_input_value(Input::lead_growth, "15%", "--set");
  ASSERT_TRUE(percent.value.has_value());
  EXPECT_EQ(percent.value->parameters()[0], 0.15);
  const ValueRead bad = read_input_value(Input::lead_growth, "{uniform: [0.4, 0.1]}", "--set");
  EXPECT_FALSE(bad.value.has_value());
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].format(),
            "--set:1:11: assistant.lead_growth: min 0.4 is greater than max 0.1; write [0.1, 0.4]");
  EXPECT_FALSE(read_input_value(Input::lead_growth, "[1, 2", "--set").diagnostics.empty());
}

// Every problem of the bad-file table carries a code.
TEST(ScenarioErrors, EveryDiagnosticHasACode) {
  for (const std::string& yaml :
       {minimal("  per_leed: 3\n"), minimal("horizon_months: 0\n"), std::string("a: [1\n"),
        minimal("assistant:\n  lead_growth: {normal: [0.3, -0.1]}\n"), std::string(""),
        minimal("correlations:\n  - [lead_growth, monthly, 0.3]\n")}) {
    for (const auto& d : errors_of(yaml)) EXPECT_FALSE(d.code.empty()) << d.format();
  }
  EXPECT_EQ(errors_of(minimal("  per_leed: 3\n"))[0].code, diag::kUnknownKey);
  EXPECT_EQ(errors_of(minimal("  per_lead: [1]\n"))[0].code, diag::kWrongType);
  EXPECT_EQ(errors_of(minimal("  per_lead: abc\n"))[0].code, diag::kNotANumber);
  EXPECT_EQ(errors_of(minimal("  monthly: 2\n"))[0].code, diag::kDuplicateKey);
}

// A Russian catalogue renders every line of a ScenarioError; what() stays English.
class OneMessageCatalog : public Catalog {
 public:
  std::optional<std::string> find(std::string_view, std::string_view id) const override {
    if (id == "unknown key '{}'; did you mean '{}'?")
      return "неизвестный ключ «{}»; может быть, «{}»?";
    return std::nullopt;
  }
  std::optional<std::string> find_plural(std::string_view, std::string_view, std::string_view,
                                         std::int64_t) const override {
    return std::nullopt;
  }
};

TEST(ScenarioErrors, RenderInAnotherLocale) {
  try {
    (void)parse_scenario(minimal("  per_leed: 3\nhorizon_months: 0\n"), "f.yaml");
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    const Locale ru = Locale::russian(std::make_shared<OneMessageCatalog>());
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].format(ru),
              "f.yaml:8:3: costs.per_leed: неизвестный ключ «per_leed»; может быть, «per_lead»?");
    EXPECT_EQ(std::string(e.what()),
              "f.yaml:8:3: costs.per_leed: unknown key 'per_leed'; did you mean 'per_lead'?\n"
              "f.yaml:9:17: horizon_months: 0 is out of range; expected a whole number from 1 to "
              "120");
    EXPECT_EQ(e.text().render(ru),
              "f.yaml:8:3: costs.per_leed: неизвестный ключ «per_leed»; может быть, «per_lead»?\n"
              "f.yaml:9:17: horizon_months: 0 is out of range; expected a whole number from 1 to "
              "120");
  }
}

// ------------------------------------------------------------------ pasted input (issue 9 §5)

TEST(ScenarioPastedInput, TypographicMinusNoBreakSpacesAndRoublesAreAccepted) {
  const std::string minus = "\xE2\x88\x92";   // U+2212 MINUS SIGN
  const std::string nbsp = "\xC2\xA0";        // U+00A0 NO-BREAK SPACE
  const std::string narrow = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE
  const std::string rub = "\xE2\x82\xBD";     // U+20BD RUBLE SIGN
  const std::string text = "baseline:\n  leads_per_month: 200\n  booking_conversion: \"10" + nbsp +
                           "%\"\n  no_show_rate: \"15" + narrow + "%\"\n  average_check: 1500 " +
                           rub + "\nassistant:\n  lead_growth: \"" + minus +
                           "5%\"\n  booking_conversion_uplift: {uniform: [\"" + minus +
                           "10%\", 20%]}\ncosts:\n  implementation: 30000 руб.\n  monthly: 5000 "
                           "руб\n  per_lead: \"2 р.\"\n";
  SCOPED_TRACE(text);
  const Scenario s = parse_scenario(text, "pasted.yaml");
  EXPECT_DOUBLE_EQ(params(s, Input::booking_conversion)[0], 0.10);
  EXPECT_DOUBLE_EQ(params(s, Input::no_show_rate)[0], 0.15);
  EXPECT_DOUBLE_EQ(params(s, Input::average_check)[0], 1500);
  EXPECT_DOUBLE_EQ(params(s, Input::lead_growth)[0], -0.05);
  EXPECT_DOUBLE_EQ(params(s, Input::booking_conversion_uplift)[0], -0.10);
  EXPECT_DOUBLE_EQ(params(s, Input::implementation)[0], 30000);
  EXPECT_DOUBLE_EQ(params(s, Input::monthly)[0], 5000);
  EXPECT_DOUBLE_EQ(params(s, Input::per_lead)[0], 2);
}

TEST(ScenarioPastedInput, RoublesOnlyOnMoneyAndGroupsStayRefused) {
  // A rouble sign on a count is refused; so are grouped thousands, with the
  // invisible character named.
  EXPECT_TRUE(
      HasError("baseline:\n  leads_per_month: 200 руб\n  booking_conversion: 10%\n"
               "  average_check: 1500\ncosts:\n  implementation: 30000\n",
               2, 20, "baseline.leads_per_month", "is not a number"));
  EXPECT_TRUE(HasError(minimal("economics:\n  manager_hourly_cost: \"1\xE2\x80\xAF"
                               "000\"\n"),
                       9, 24, "economics.manager_hourly_cost",
                       "(it contains U+202F NARROW NO-BREAK SPACE, which looks like an ordinary "
                       "character)"));
  EXPECT_TRUE(HasError(minimal("economics:\n  manager_hourly_cost: \"1 000\"\n"), 9, 24,
                       "economics.manager_hourly_cost", "(without separators: 1000)"));
}

// ------------------------------------------------------------------ warnings (issue 9 §6)

TEST(ScenarioWarnings, AssumptionsThatCarryTheResultAreNamedNotRefused) {
  // kMinimal leaves gross_margin out: all revenue counted as profit.
  const Scenario minimal_scenario = parse_scenario(kMinimal, "w.yaml");
  ASSERT_EQ(minimal_scenario.warnings.size(), 1U);
  EXPECT_EQ(minimal_scenario.warnings[0].code, diag::kWarnGrossMarginOmitted);
  EXPECT_EQ(minimal_scenario.warnings[0].line, 2);  // the baseline mapping
  EXPECT_NE(minimal_scenario.warnings[0].message().find("all extra revenue counts as profit"),
            std::string::npos);
  // Given: no warning.
  const Scenario given = parse_scenario(
      "baseline:\n  leads_per_month: 200\n  booking_conversion: 10%\n  average_check: 1500\n"
      "  gross_margin: 45%\ncosts:\n  implementation: 30000\n",
      "w.yaml");
  EXPECT_TRUE(given.warnings.empty()) << given.warnings.front().format();
  // Seasonality averaging 1.1 (|mean - 1| > 0.05) and a ramp-up of 7 of 12 months.
  const Scenario odd = parse_scenario(
      minimal("seasonality: [1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1]\n"
              "assistant:\n  ramp_up_months: 7\n"),
      "w.yaml");
  ASSERT_EQ(odd.warnings.size(), 3U);
  EXPECT_EQ(odd.warnings[1].code, diag::kWarnSeasonalityMean);
  EXPECT_EQ(odd.warnings[1].line, 8);
  EXPECT_NE(odd.warnings[1].message().find("average 1.1 rather than 1"), std::string::npos);
  EXPECT_NE(odd.warnings[1].message().find("+10 %"), std::string::npos);
  EXPECT_EQ(odd.warnings[2].code, diag::kWarnLongRampUp);
  EXPECT_EQ(odd.warnings[2].key, "assistant.ramp_up_months");
  EXPECT_EQ(odd.warnings[2].line, 10);
  // At the limits: mean 1.05 and a ramp-up of exactly half the horizon are fine.
  const Scenario edge = parse_scenario(
      minimal("seasonality: [1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, "
              "1.05]\nassistant:\n  ramp_up_months: 6\n"),
      "w.yaml");
  EXPECT_EQ(edge.warnings.size(), 1U);  // only the gross margin
}

}  // namespace
}  // namespace simroi
