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

class SetOption : public simroi::testing::BinaryTest {};

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
