// --precision on the decision commands (docs/decisions.md, "Precision on
// demand"): solve per evaluation, sweep per point, voi on EVPI, pilot on
// each EVSI; against answers known in closed form, the runs each report says
// it took, and the same output on any thread count.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "binary_fixture.h"

namespace simroi::testing {
namespace {

const std::string kSalon = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";
const std::string kSeed = std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml";

// The article's example with every input fixed but costs.monthly ~ U(2000,
// 8000) (decide_cli_test.cpp): NPV = 315 000 - 12 M - I, so
// P(NPV < 0) = clamp((8000 - (315 000 - I) / 12) / 6000, 0, 1).
const std::string kUniformFee = "--set 'costs.monthly={uniform: [2000, 8000]}'";
double loss_share(double implementation) {
  return std::clamp((8000 - (315000 - implementation) / 12) / 6000, 0.0, 1.0);
}

class DecidePrecision : public BinaryTest {
 protected:
  nlohmann::json json_of(const std::string& args) const {
    const Result one = run(args + " -j 1 -f json");
    const Result two = run(args + " -j 2 -f json");
    EXPECT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, two.out) << args;  // deterministic whatever the thread count
    return nlohmann::json::parse(one.out);
  }
  static const nlohmann::json& row(const nlohmann::json& doc, const std::string& section,
                                   const std::string& key) {
    for (const auto& s : doc["sections"]) {
      if (s["key"] != section) continue;
      for (const auto& r : s["rows"]) {
        if (r["key"] == key) return r;
      }
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "no row " << key << " in " << section;
    return none;
  }
};

// A scouting search at 10 000 runs an evaluation finds the boundary (share
// 10 %); there the share's interval is within ±0.5 % at 20 000 runs
// (Clopper-Pearson half-width 0.42 %; 0.59 % at 10 000), so the search runs
// at 20 000 runs an evaluation, and its band still contains the closed form.
TEST_F(DecidePrecision, SolveChoosesItsRunsPerEvaluationAndFindsTheClosedForm) {
  const auto doc = json_of(fmt::format(
      "solve '{}' {} --vary costs.implementation --target 'P(npv<0) <= 10%' --precision 0.5%",
      kSeed, kUniformFee));
  const auto& v = row(doc, "answer", "value");
  const double exact = 226200;
  EXPECT_LE(static_cast<double>(v["low"]), exact);
  EXPECT_GE(static_cast<double>(v["high"]), exact);
  // dP/dI = 1 / 72 000 per ₽: ±0.5 % of the share is ±360 ₽ of I.
  EXPECT_NEAR(static_cast<double>(v["value"]), exact, 1500);
  EXPECT_NEAR(static_cast<double>(row(doc, "answer", "statistic")["value"]), 0.10, 0.006);
  const auto& facts = doc["facts"];
  EXPECT_EQ(facts["runs"], 20000) << facts;  // runs per evaluation
  const std::uint64_t total = facts["runs_total"], evaluations = facts["evaluations"],
                      scout = facts["scout_evaluations"], grown = facts["precision_runs"];
  // The scouting search (the range's doubling included) at 10 000 runs, the
  // 20 000 runs grown at its boundary, and the search itself: the facts add up.
  EXPECT_EQ(grown, 20000u) << facts;
  EXPECT_EQ(total, 10000 * scout + grown + 20000 * evaluations) << facts;
  EXPECT_GT(evaluations, 0u) << facts;
}

TEST_F(DecidePrecision, SolveNamesWhatItCannotResolve) {
  const Result money = run(fmt::format(
      "solve '{}' --vary costs.implementation --target 'mean(npv) >= 0' --precision default",
      kSeed));
  EXPECT_EQ(money.exit_code, 2);
  EXPECT_NE(money.err.find("--precision default: mean(npv) is an amount of money"),
            std::string::npos)
      << money.err;
  const Result other = run(
      fmt::format("solve '{}' --vary costs.implementation --target 'P(npv<0) <= 10%' --precision "
                  "'median(roi)=1'",
                  kSeed));
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("solve resolves its target's statistic only"), std::string::npos)
      << other.err;
}

// Per point: the runs column is the first doubling from 10 000 whose
// Clopper-Pearson interval of the share is within ±0.5 %: 10 000 runs for a
// share of 0 (half-width 1.8 / n), 20 000 for 10 %, 40 000 for 43 %
// (half-width 0.69 % at 20 000, 0.49 % at 40 000); each share within 4 sd of
// the closed form.
TEST_F(DecidePrecision, SweepGivesEachPointTheRunsItNeeds) {
  const auto doc = json_of(fmt::format(
      "sweep '{}' {} --vary costs.implementation=200000,226200,250000 --stat 'P(npv<0)' "
      "--precision 'P(npv<0)=0.5%'",
      kSeed, kUniformFee));
  const std::vector<std::pair<double, int>> expect{
      {200000, 10000}, {226200, 20000}, {250000, 40000}};
  for (const auto& [implementation, runs] : expect) {
    const auto& r = row(doc, "sweep", fmt::format("{}", implementation));
    EXPECT_EQ(r["runs"], runs) << implementation;
    const double p = loss_share(implementation);
    EXPECT_NEAR(static_cast<double>(r["P(npv < 0)"]), p, 4 * std::sqrt(p * (1 - p) / runs) + 1e-9)
        << implementation;
    EXPECT_LE(static_cast<double>(r["P(npv < 0) ±"]), 0.005) << implementation;
  }
  EXPECT_EQ(doc["facts"]["runs"], 40000);
  EXPECT_EQ(doc["facts"]["runs_total"], 70000);
}

// EVPI of a two-point setup cost (decide_cli_test.cpp): 72 500 ₽ with
// sd(max(-NPV, 0)) = 72 500 ₽, so ±1 200 ₽ needs 1.96 * 72 500 / sqrt(n) <= 1 200,
// n >= 14 023: 20 000 runs (the half-width is 1 005 ₽ there, 1 421 ₽ at 10 000).
TEST_F(DecidePrecision, VoiRunsUntilEvpiIsWithinTheHalfWidth) {
  const auto doc = json_of(fmt::format(
      "voi '{}' --precision 1200 --set 'costs.implementation={{discrete: {{values: [100000, "
      "400000], weights: [0.5, 0.5]}}}}'",
      kSeed));
  EXPECT_EQ(doc["facts"]["runs"], 20000);
  const auto& e = row(doc, "evpi", "evpi");
  const double se = 72500 / std::sqrt(20000.0);
  EXPECT_NEAR(static_cast<double>(e["value"]), 72500, 4 * se);
  EXPECT_LE(1.96 * static_cast<double>(e["se"]), 1200);
  const Result bad = run(fmt::format("voi '{}' --precision abc", kSeed));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--precision abc: voi takes"), std::string::npos) << bad.err;
}

// Pilots grow 1 000, 2 000, 4 000, ... per length until its EVSI's interval is
// within the half-width; a length that stops at 4 000 pilots gives exactly the
// default command's figures (the same data sets, drawn once each).
TEST_F(DecidePrecision, PilotGrowsEachLengthsPilotsAndAgreesWithTheDefault) {
  const std::string base = fmt::format("pilot '{}' -n 8000 --weeks 2,8", kSalon);
  const auto plain = json_of(base);
  const auto& plain8 = row(plain, "evsi", "8");
  const double se8 = plain8["se"];
  ASSERT_GT(se8, 0.0);
  // A half-width just above the 8-week EVSI's at 4 000 pilots (and below it at
  // 2 000, about sqrt(2) times wider): 4 000 pilots for 8 weeks.
  const double half = 1.96 * se8 * 1.05;
  const auto doc = json_of(base + fmt::format(" --precision {:.2f}", half));
  const auto& r8 = row(doc, "evsi", "8");
  ASSERT_EQ(r8["pilots"], 4000) << r8;
  EXPECT_EQ(r8["evsi"], plain8["evsi"]);
  EXPECT_EQ(r8["se"], plain8["se"]);
  EXPECT_EQ(r8["rule"], plain8["rule"]);
  const auto& r2 = row(doc, "evsi", "2");
  const int pilots2 = r2["pilots"];
  EXPECT_TRUE(pilots2 == 1000 || pilots2 == 2000 || pilots2 == 4000 || pilots2 == 8000) << r2;
  EXPECT_LE(1.96 * static_cast<double>(r2["se"]), half);
  EXPECT_EQ(doc["facts"]["data_sets"], std::max(pilots2, 4000));
}

}  // namespace
}  // namespace simroi::testing
