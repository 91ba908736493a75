// --set KEY=VALUE (src/app/overrides.h) and its command line.
#include "app/overrides.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "binary_fixture.h"
#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/validate.h"

namespace simroi::app {
namespace {

const std::string kSalon = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";

std::vector<Diagnostic> problems_of(const std::vector<std::string>& sets) {
  try {
    (void)parse_overrides(sets);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(Overrides, ReadsNumbersPercentsAndDistributions) {
  const auto o = parse_overrides({"costs.implementation=80000", "assistant.lead_growth=15%",
                                  "costs.monthly={pert: [5000, 10000, 20000]}"});
  ASSERT_EQ(o.size(), 3U);
  EXPECT_EQ(o[0].input, Input::implementation);
  EXPECT_TRUE(o[0].value.is_fixed());
  EXPECT_DOUBLE_EQ(o[0].value.mean(), 80000);
  EXPECT_DOUBLE_EQ(o[1].value.mean(), 0.15);
  EXPECT_EQ(o[2].value.kind(), DistKind::pert);
  EXPECT_EQ(o[2].option, "--set costs.monthly={pert: [5000, 10000, 20000]}");
}

TEST(Overrides, EveryBadOptionIsNamedAtOnce) {
  const auto p = problems_of({"costs.implementation=abc", "no.such=1", "nothing"});
  ASSERT_EQ(p.size(), 3U);
  EXPECT_EQ(p[0].format(),
            std::string("--set costs.implementation=abc: costs.implementation: ") + p[0].message());
  EXPECT_EQ(p[0].code, diag::kNotANumber);
  EXPECT_EQ(p[1].code, diag::kUnknownInput);
  EXPECT_NE(p[1].message().find("costs.implementation"), std::string::npos);  // lists the inputs
  EXPECT_EQ(p[2].file, "--set nothing");
}

TEST(Overrides, ValidatedLikeAFileAndNamingTheOption) {
  const Scenario salon = load_scenario(kSalon);
  std::vector<Text> notes;
  try {
    (void)apply_overrides(salon, parse_overrides({"baseline.no_show_rate=1.5"}), notes);
    FAIL() << "a no-show rate of 150 % was accepted";
  } catch (const ScenarioError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].code, diag::kOutOfRange);
    EXPECT_NE(e.diagnostics()[0].format().find("--set baseline.no_show_rate=1.5"),
              std::string::npos);
  }
}

TEST(Overrides, FixingACorrelatedInputDropsItsCorrelationWithANote) {
  const Scenario salon = load_scenario(kSalon);
  ASSERT_EQ(salon.correlations.size(), 2U);
  std::vector<Text> notes;
  const Scenario s = apply_overrides(salon, parse_overrides({"costs.implementation=80000"}), notes);
  ASSERT_EQ(s.correlations.size(), 1U);
  EXPECT_EQ(s.correlations[0].a, Input::lead_growth);  // the other one stays
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_NE(notes[0].english().find("dropped"), std::string::npos);
  EXPECT_TRUE(validate(s).empty());
  // An uncertain replacement keeps the correlation.
  notes.clear();
  const Scenario u = apply_overrides(
      salon, parse_overrides({"costs.implementation={uniform: [50000, 90000]}"}), notes);
  EXPECT_EQ(u.correlations.size(), 2U);
  EXPECT_TRUE(notes.empty());
}

TEST(Overrides, ConversionAfterReplacesTheUplift) {
  const Scenario salon = load_scenario(kSalon);
  std::vector<Text> notes;
  const Scenario s =
      apply_overrides(salon, parse_overrides({"assistant.booking_conversion_after=0.6"}), notes);
  EXPECT_TRUE(s.conversion_after_given);
  EXPECT_TRUE(s.input(Input::booking_conversion_uplift).is_fixed());
  EXPECT_EQ(s.correlations.size(), 1U);  // lead_growth ~ uplift is gone
  EXPECT_EQ(notes.size(), 1U);
}

// A small scenario: no gross_margin (warned), a ramp-up of 2 of 12 months and
// no seasonality (neither warned).
constexpr const char* kNoMargin = R"(horizon_months: 12
baseline:
  leads_per_month: 100
  booking_conversion: 0.3
  average_check: 2000
assistant:
  lead_growth: {uniform: [0.05, 0.2]}
  ramp_up_months: 2
costs:
  implementation: 50000
  monthly: 5000
)";
// The same with a margin (not warned), a ramp-up of 8 of 12 months and a
// seasonality averaging 1.2 (both warned).
constexpr const char* kLongRamp = R"(horizon_months: 12
baseline:
  leads_per_month: 100
  booking_conversion: 0.3
  average_check: 2000
  gross_margin: 45%
assistant:
  lead_growth: {uniform: [0.05, 0.2]}
  ramp_up_months: 8
costs:
  implementation: 50000
  monthly: 5000
seasonality: [1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2]
)";
constexpr const char* kFlatSeason = "seasonality=[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]";
constexpr const char* kHighSeason =
    "seasonality=[1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1]";

std::vector<std::string> codes(const Scenario& s) {
  std::vector<std::string> out;
  for (const Diagnostic& w : s.warnings) out.push_back(w.code);
  return out;
}

Scenario with(const Scenario& s, const std::vector<std::string>& sets) {
  std::vector<Text> notes;
  return apply_overrides(s, parse_overrides(sets), notes);
}

using Codes = std::vector<std::string>;
const std::string kMargin(diag::kWarnGrossMarginOmitted);
const std::string kSeason(diag::kWarnSeasonalityMean);
const std::string kRamp(diag::kWarnLongRampUp);

TEST(OverrideWarnings, ASetCanClearAWarning) {
  const Scenario no_margin = parse_scenario(kNoMargin, "m.yaml");
  ASSERT_EQ(codes(no_margin), Codes{kMargin});
  EXPECT_EQ(codes(with(no_margin, {"baseline.gross_margin=45%"})), Codes{});
  // A margin of 100 % given on the command line is given: no warning either.
  EXPECT_EQ(codes(with(no_margin, {"gross_margin=1"})), Codes{});
  // Another input leaves the file's warning as it was, line and column included.
  const Scenario other = with(no_margin, {"costs.monthly=6000"});
  ASSERT_EQ(other.warnings.size(), 1U);
  EXPECT_EQ(other.warnings[0].format(), no_margin.warnings[0].format());
  EXPECT_GT(other.warnings[0].line, 0);

  const Scenario long_ramp = parse_scenario(kLongRamp, "r.yaml");
  ASSERT_EQ(codes(long_ramp), (Codes{kSeason, kRamp}));
  EXPECT_EQ(codes(with(long_ramp, {"assistant.ramp_up_months=6"})), Codes{kSeason});  // 2·6 = 12
  EXPECT_EQ(codes(with(long_ramp, {"horizon_months=16"})), Codes{kSeason});           // 2·8 = 16
  EXPECT_EQ(codes(with(long_ramp, {kFlatSeason})), Codes{kRamp});
  EXPECT_EQ(codes(with(long_ramp, {kFlatSeason, "ramp_up_months=0"})), Codes{});
}

TEST(OverrideWarnings, ASetCanRaiseAWarningNamingTheOption) {
  const Scenario no_margin = parse_scenario(kNoMargin, "m.yaml");
  // 2·2 months of ramp-up > 3: the ramp-up takes most of the horizon.
  const Scenario short_horizon = with(no_margin, {"horizon_months=3"});
  ASSERT_EQ(codes(short_horizon), (Codes{kMargin, kRamp}));
  EXPECT_EQ(short_horizon.warnings[0].format(), no_margin.warnings[0].format());
  const Diagnostic& ramp = short_horizon.warnings[1];
  EXPECT_EQ(ramp.format(),
            "m.yaml: --set horizon_months=3: assistant.ramp_up_months: the ramp-up of 2 months "
            "is longer than half the horizon (3 months), so the assistant reaches its full effect "
            "late and the results are mostly the ramp-up's; check ramp_up_months or lengthen "
            "horizon_months");
  EXPECT_EQ(codes(with(no_margin, {"ramp_up_months=7"})), (Codes{kMargin, kRamp}));
  // Both options behind the warning are named.
  const Scenario both = with(no_margin, {"ramp_up_months=5", "horizon_months=9"});
  ASSERT_EQ(codes(both), (Codes{kMargin, kRamp}));
  EXPECT_EQ(both.warnings[1].file, "m.yaml: --set ramp_up_months=5, --set horizon_months=9");
  // A seasonality averaging 1.1: +10 % a year.
  const Scenario season = with(no_margin, {kHighSeason});
  ASSERT_EQ(codes(season), (Codes{kMargin, kSeason}));
  EXPECT_NE(season.warnings[1].message().find("average 1.1 rather than 1"), std::string::npos)
      << season.warnings[1].message();
  EXPECT_NE(season.warnings[1].message().find("by +10 %"), std::string::npos);
  // The settings themselves are replaced.
  EXPECT_EQ(short_horizon.horizon_months, 3);
  EXPECT_DOUBLE_EQ(season.seasonality[5], 1.1);
}

TEST(OverrideWarnings, BadSettingsAreRefusedNamingTheOption) {
  const auto p = problems_of({"horizon_months=abc", "seasonality=[1, 2]", "start_month=1.5",
                              "ramp_up_months=", "seasonality=3"});
  ASSERT_EQ(p.size(), 5U);
  EXPECT_EQ(p[0].file, "--set horizon_months=abc");
  EXPECT_EQ(p[0].key, "horizon_months");
  EXPECT_EQ(p[1].code, diag::kParameterCount);
  EXPECT_EQ(p[1].key, "seasonality");
  EXPECT_EQ(p[2].key, "start_month");
  EXPECT_EQ(p[3].code, diag::kNoValue);
  EXPECT_EQ(p[3].key, "assistant.ramp_up_months");
  EXPECT_EQ(p[4].code, diag::kWrongType);
  // Valid as a setting, invalid in the scenario: validated like a file.
  const Scenario s = parse_scenario(kNoMargin, "m.yaml");
  for (const std::string set : {"horizon_months=121", "ramp_up_months=13"}) {
    try {
      (void)with(s, {set});
      ADD_FAILURE() << set << " was accepted";
    } catch (const ScenarioError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1U) << e.what();
      EXPECT_EQ(e.diagnostics()[0].file, "m.yaml: --set " + set) << e.what();
    }
  }
  try {
    (void)with(s, {"seasonality=[1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]"});
    ADD_FAILURE() << "a negative multiplier was accepted";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U) << e.what();
    EXPECT_EQ(e.diagnostics()[0].key, "seasonality[5]");
    EXPECT_EQ(e.diagnostics()[0].file,
              "m.yaml: --set seasonality=[1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]");
  }
}

class SetOption : public simroi::testing::BinaryTest {};

// The warnings on stderr and in the json report follow --set, both ways, on
// the main run and on a decision command.
TEST_F(SetOption, WarningsFollowTheOverrides) {
  const std::string m = write("m.yaml", kNoMargin);
  const std::string r = write("r.yaml", kLongRamp);
  const auto warned = [](const simroi::testing::Result& res, std::string_view code) {
    return res.err.find("simroi: warning: ") != std::string::npos &&
           res.out.find(fmt::format("\"code\": \"{}\"", code)) != std::string::npos;
  };
  const auto margin_run = run(fmt::format("'{}' -n 200 -f json", m));
  ASSERT_EQ(margin_run.exit_code, 0) << margin_run.err;
  EXPECT_TRUE(warned(margin_run, kMargin)) << margin_run.err;
  const auto margin_set = run(fmt::format("'{}' -n 200 -f json --set gross_margin=45%", m));
  ASSERT_EQ(margin_set.exit_code, 0) << margin_set.err;
  EXPECT_EQ(margin_set.err, "");
  EXPECT_NE(margin_set.out.find("\"warnings\": []"), std::string::npos);
  const auto ramp_set = run(fmt::format("'{}' -n 200 -f json --set horizon_months=3", m));
  ASSERT_EQ(ramp_set.exit_code, 0) << ramp_set.err;
  EXPECT_TRUE(warned(ramp_set, kRamp));
  EXPECT_NE(ramp_set.err.find("simroi: warning: " + m +
                              ": --set horizon_months=3: assistant.ramp_up_months: the ramp-up"),
            std::string::npos)
      << ramp_set.err;
  const auto cleared =
      run(fmt::format("'{}' -n 200 -f json --set ramp_up_months=2 --set '{}'", r, kFlatSeason));
  ASSERT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_EQ(cleared.err, "");
  EXPECT_NE(cleared.out.find("\"warnings\": []"), std::string::npos);

  // voi: the warnings on stderr, both ways.
  const auto voi = run(fmt::format("voi '{}' -n 1000", r));
  ASSERT_EQ(voi.exit_code, 0) << voi.err;
  EXPECT_NE(voi.err.find("longer than half the horizon"), std::string::npos) << voi.err;
  EXPECT_NE(voi.err.find("average 1.2 rather than 1"), std::string::npos) << voi.err;
  const auto voi_cleared =
      run(fmt::format("voi '{}' -n 1000 --set horizon_months=24 --set '{}'", r, kFlatSeason));
  ASSERT_EQ(voi_cleared.exit_code, 0) << voi_cleared.err;
  EXPECT_EQ(voi_cleared.err.find("warning"), std::string::npos) << voi_cleared.err;
  const auto voi_raised = run(fmt::format("voi '{}' -n 1000 --set '{}'", m, kHighSeason));
  ASSERT_EQ(voi_raised.exit_code, 0) << voi_raised.err;
  EXPECT_NE(voi_raised.err.find("simroi: warning: " + m + ": --set seasonality="),
            std::string::npos)
      << voi_raised.err;
}

TEST_F(SetOption, ChangesTheReportAndKeepsOtherInputsDraws) {
  // --set of the file's own value gives the file's report byte for byte;
  // another value gives another report.
  const auto base = run(fmt::format("'{}' -n 3000 -f json", kSalon));
  const auto same = run(fmt::format(
      "'{}' -n 3000 -f json --set 'costs.monthly={{pert: [5000, 15000, 35000]}}'", kSalon));
  const auto other = run(fmt::format("'{}' -n 3000 -f json --set costs.monthly=15000", kSalon));
  ASSERT_EQ(base.exit_code, 0) << base.err;
  ASSERT_EQ(same.exit_code, 0) << same.err;
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(base.out, same.out);
  EXPECT_NE(base.out, other.out);
}

TEST_F(SetOption, BadValueIsExit2NamingTheOption) {
  const auto r = run(fmt::format("'{}' --set costs.implementation=abc", kSalon));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("simroi: error: --set costs.implementation=abc: costs.implementation:"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(SetOption, DroppedCorrelationIsANoteOnStderr) {
  const auto r = run(fmt::format("check '{}' --set costs.implementation=80000", kSalon));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("simroi: note: --set costs.implementation=80000: the correlation"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace simroi::app
