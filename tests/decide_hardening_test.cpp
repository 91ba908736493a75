// The decision commands against a new user's mistakes and edge cases
// (docs/decisions.md): what they refuse, what they write, and what their
// numbers and words must agree on. Each case here was once wrong.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "binary_fixture.h"

namespace simroi::testing {
namespace {

const std::string kSalon = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";
const std::string kClinic = std::string(SIMROI_SOURCE_DIR) + "/scenarios/clinic.yaml";
const std::string kSeed = std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml";

class DecideHardening : public BinaryTest {
 public:
  nlohmann::json json_of(const std::string& args) const {
    const Result r = run(args + " -f json");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
  }
  // A usage error: exit 2, `needle` in the message, and none of the
  // analysis library's own names ("evppi:", "evaluate:", ...).
  void expect_refused(const std::string& args, const std::string& needle) const {
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\n" << r.err;
    for (const char* internal : {"evpi:", "evppi:", "evsi", "evaluate:", "std::", "what()"}) {
      EXPECT_EQ(r.err.find(internal), std::string::npos) << args << "\n" << r.err;
    }
  }
  static const nlohmann::json* row(const nlohmann::json& doc, const std::string& section,
                                   const std::string& key) {
    for (const auto& s : doc["sections"]) {
      if (s["key"] != section) continue;
      for (const auto& r : s["rows"]) {
        if (r["key"] == key) return &r;
      }
    }
    return nullptr;
  }
};

// The seed example has no capacity and no first-visit check. Setting either
// must turn it on (docs/scenario-format.md's worked example: ROI 250 % ->
// 140 % with 12 spare visits a month; a 500 ₽ first visit: 16.7 %); before,
// the value reached the JSON's inputs but not the model.
TEST_F(DecideHardening, SetAndVaryTurnOnTheOptionalInputs) {
  const auto cap = json_of(fmt::format(
      "sweep '{}' -n 1000 --vary capacity.spare_visits_per_month=12,100 --stat 'mean(roi)'",
      kSeed));
  const auto* at12 = row(cap, "sweep", "12");
  const auto* at100 = row(cap, "sweep", "100");
  ASSERT_TRUE(at12 && at100) << cap;
  EXPECT_NEAR(static_cast<double>((*at12)["mean(roi)"]), 140.0, 1e-9);
  EXPECT_NEAR(static_cast<double>((*at100)["mean(roi)"]), 250.0, 1e-9);  // capacity not binding

  const auto set = json_of(fmt::format("'{}' -n 1000 --set baseline.first_visit_check=500", kSeed));
  EXPECT_NEAR(static_cast<double>(set["metrics"]["roi_pct"]["mean"]), 100.0 / 6.0, 1e-9);
  const auto vary = json_of(fmt::format(
      "sweep '{}' -n 1000 --vary baseline.first_visit_check=500,2000 --stat 'mean(roi)'", kSeed));
  const auto* r500 = row(vary, "sweep", "500");
  ASSERT_TRUE(r500) << vary;
  EXPECT_NEAR(static_cast<double>((*r500)["mean(roi)"]), 100.0 / 6.0, 1e-9);
}

TEST_F(DecideHardening, SolveVoiAndPilotWriteTheirAnswerUnderOut) {
  for (const std::string& cmd :
       {fmt::format("solve '{}' -n 2000 --vary costs.implementation --target 'P(roi<0) <= 10%'",
                    kSalon),
        fmt::format("voi '{}' -n 2000", kSalon),
        fmt::format("pilot '{}' -n 2000 --weeks 2", kSalon)}) {
    const std::string stem = cmd.substr(0, cmd.find(' '));
    const std::string out = (dir_ / stem).string();
    const Result r = run(cmd + " -f json --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << cmd << "\n" << r.err;
    for (const char* ext : {"json", "csv", "md"}) {
      EXPECT_TRUE(std::filesystem::exists(out + "/" + stem + "." + ext)) << cmd << " " << ext;
    }
    EXPECT_EQ(slurp(out + "/" + stem + ".json"), r.out) << cmd;
  }
}

// Too few runs for the command is a usage error naming --runs (or the file's
// simulation.runs), not the analysis library's own message.
TEST_F(DecideHardening, RunsBelowWhatACommandNeedsAreRefused) {
  expect_refused(fmt::format("voi '{}' -n 999", kSalon), "--runs 999: voi needs at least 1");
  expect_refused(fmt::format("voi '{}' -n 1", kSalon), "--runs 1");
  expect_refused(fmt::format("pilot '{}' -n 1", kSalon), "--runs 1: pilot needs at least 2 runs");
  expect_refused(fmt::format("sweep '{}' -n 1 --vary costs.per_lead=6,8", kSalon), "--runs 1");
  expect_refused(
      fmt::format("solve '{}' -n 1 --vary costs.implementation --target 'P(roi<0)<=10%'", kSalon),
      "--runs 1");
  expect_refused(fmt::format("'{}' -n 1 --precision default", kSalon), "--runs 1");
  std::string yaml = slurp(kSalon);
  const auto at = yaml.find("runs: 100000");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 12, "runs: 10");
  const std::string few = write("few.yaml", yaml);
  ASSERT_EQ(run(fmt::format("check '{}'", few)).exit_code, 0);
  expect_refused(fmt::format("voi '{}'", few), "simulation.runs is 10");
  // The floor itself runs.
  EXPECT_EQ(run(fmt::format("voi '{}' -n 1000", kSalon)).exit_code, 0);
}

// A seed above 2^53 is written to its last digit, and counts as integers, so
// the JSON reproduces the run (it printed 9.007199254740992e+15).
TEST_F(DecideHardening, SeedAndCountsAreExactIntegersInJson) {
  const auto doc = json_of(
      fmt::format("sweep '{}' -n 2000 --seed 9007199254740993 --vary costs.per_lead=6,8", kSalon));
  ASSERT_TRUE(doc["facts"]["seed"].is_number_unsigned()) << doc["facts"];
  EXPECT_EQ(doc["facts"]["seed"].get<std::uint64_t>(), 9007199254740993ULL);
  EXPECT_TRUE(doc["facts"]["runs"].is_number_integer()) << doc["facts"];
  EXPECT_TRUE(doc["facts"]["runs_total"].is_number_integer()) << doc["facts"];
  const Result text = run(fmt::format("voi '{}' -n 2000 --seed 9007199254740993", kSalon));
  EXPECT_NE(text.out.find("9007199254740993"), std::string::npos) << text.out;
}

// "Runs in all" is the runs of every evaluation the search simulated, and
// "Evaluations" counts them, the search for the range's end included.
TEST_F(DecideHardening, SolveCountsEveryEvaluationItSimulates) {
  for (const char* target :
       {"P(payback<=6) >= 90%", "median(roi) >= -100%", "median(roi) >= 0.9"}) {
    const auto doc = json_of(fmt::format(
        "solve '{}' -n 2000 --vary costs.implementation --target '{}'", kSalon, target));
    const auto& f = doc["facts"];
    ASSERT_TRUE(f.contains("evaluations") && f.contains("runs_total")) << f;
    EXPECT_EQ(f["runs_total"].get<std::int64_t>(),
              f["runs"].get<std::int64_t>() * f["evaluations"].get<std::int64_t>())
        << target << " " << f;
  }
}

// A target that holds everywhere: the open end stops at the search's reach,
// 2 048 times the input's mean (not 2^40 times), and the text says so.
TEST_F(DecideHardening, SolveStopsAnOpenEndAtItsReach) {
  const Result r = run(fmt::format(
      "solve '{}' -n 2000 --vary costs.implementation --target 'median(roi) >= -100%'", kSalon));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("holds for every value of implementation cost (one-time) searched"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("doubled its distance 10 times"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("whole valid range"), std::string::npos) << r.out;
  const auto doc = json_of(fmt::format(
      "solve '{}' -n 2000 --vary costs.implementation --target 'median(roi) >= -100%'", kSalon));
  EXPECT_LE(doc["facts"]["evaluations"].get<int>(), 12) << doc["facts"];
}

// EVSI > 0 means some simulated pilots turn the decision; the text must not
// say that none does. The salon's 2-week pilot: no conversion threshold beats
// "adopt", yet EVSI is about 195 ± 39 ₽ (docs/decisions.md).
TEST_F(DecideHardening, PilotRuleAgreesWithItsEvsi) {
  const Result r = run(fmt::format("pilot '{}' --weeks 2 --cost 20000", kSalon));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = json_of(fmt::format("pilot '{}' --weeks 2 --cost 20000", kSalon));
  const auto* w2 = row(doc, "evsi", "2");
  ASSERT_TRUE(w2) << doc;
  const double evsi = (*w2)["evsi"], se = (*w2)["se"];
  ASSERT_GT(evsi - 1.96 * se, 0) << *w2;  // some pilots change the decision
  EXPECT_EQ((*w2)["rule"], "(always adopt)") << *w2;
  EXPECT_EQ(r.out.find("no simulated pilot changes the decision"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("adopt unless the full update says otherwise"), std::string::npos) << r.out;
  // Weeks in the reader's locale.
  const Result ru = run(fmt::format("pilot '{}' --weeks 0.5 -n 2000 --lang ru", kSalon));
  ASSERT_EQ(ru.exit_code, 0) << ru.err;
  EXPECT_NE(ru.out.find("0,5 нед."), std::string::npos) << ru.out;
  EXPECT_EQ(ru.out.find("0.5 нед."), std::string::npos) << ru.out;
}

TEST_F(DecideHardening, StatisticsThatDoNotExistAreRefused) {
  expect_refused(
      fmt::format("sweep '{}' -n 2000 --vary costs.per_lead=6,8 --stat 'mean(payback)'", kSalon),
      "payback has no mean");
  expect_refused(fmt::format("sweep '{}' -n 2000 --vary costs.per_lead=6,8 --set horizon_months=3 "
                             "--set assistant.ramp_up_months=0 --stat 'P(payback<=6)'",
                             kSalon),
                 "the horizon is 3 months");
  expect_refused(fmt::format("solve '{}' -n 2000 --set horizon_months=3 --set "
                             "assistant.ramp_up_months=0 --vary costs.monthly --target "
                             "'P(payback<=6) >= 50%'",
                             kSalon),
                 "the horizon is 3 months");
  // The default list leaves P(payback<=6) out on a 3-month horizon.
  const auto doc =
      json_of(fmt::format("sweep '{}' -n 2000 --vary costs.per_lead=6,8 --set "
                          "horizon_months=3 --set assistant.ramp_up_months=0",
                          kSalon));
  const auto* r6 = row(doc, "sweep", "6");
  ASSERT_TRUE(r6) << doc;
  EXPECT_FALSE(r6->contains("P(payback <= 6)")) << *r6;
  EXPECT_TRUE(r6->contains("mean(roi)")) << *r6;
  // Russian text around the grammar's examples.
  const Result ru =
      run(fmt::format("sweep '{}' --vary costs.per_lead=6,8 --stat 'sd(roi)' --lang ru", kSalon));
  EXPECT_EQ(ru.exit_code, 2);
  EXPECT_NE(ru.err.find("например"), std::string::npos) << ru.err;
  EXPECT_EQ(ru.err.find("e.g."), std::string::npos) << ru.err;
}

TEST_F(DecideHardening, EmptyRepeatedAndOutOfRangeValuesAreRefused) {
  expect_refused(fmt::format("pilot '{}' --cost ''", kSalon), "--cost: the value is empty");
  expect_refused(fmt::format("sweep '{}' --vary costs.per_lead=6,8 --stat ''", kSalon),
                 "--stat: the value is empty");
  expect_refused(fmt::format("'{}' --precision ''", kSalon), "--precision: the value is empty");
  expect_refused(fmt::format("pilot '{}' --weeks 2,2", kSalon), "2 weeks is given twice");
  expect_refused(fmt::format("sweep '{}' --vary costs.per_lead=6,6", kSalon), "'6' is given twice");
  expect_refused(fmt::format("'{}' --precision 'median(roi)=5,'", kSalon), "an empty item");
  expect_refused(fmt::format("'{}' --precision 'P(roi<0)=150%'", kSalon), "below 50 %");
  expect_refused(
      fmt::format("solve '{}' --vary costs.implementation=5 --target 'P(roi<0)<=10%'", kSalon),
      "solve finds the value itself");
  // A key set twice: the last value wins, and a note says which was replaced.
  const Result r = run(fmt::format(
      "'{}' -n 1000 --set costs.monthly=12000 --set costs.monthly=13000 -f json", kSalon));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("--set costs.monthly=12000: replaced by --set costs.monthly=13000"),
            std::string::npos)
      << r.err;
}

// compare --precision runs each scenario until its own intervals are met
// (it ran every scenario to the cap).
TEST_F(DecideHardening, ComparePrecisionStopsEachScenarioOnItsOwn) {
  const Result r =
      run(fmt::format("compare '{}' '{}' -n 400000 --precision default -f json", kSalon, kClinic));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["scenarios"].size(), 2u);
  for (const auto& s : doc["scenarios"]) {
    EXPECT_LT(s["runs"].get<std::uint64_t>(), 400000u) << s["runs"];
    EXPECT_GE(s["runs"].get<std::uint64_t>(), 10000u) << s["runs"];
  }
  EXPECT_NE(r.err.find("reached with"), std::string::npos) << r.err;
}

// A key set twice is as if only its last value were given: the earlier one
// must not drop a correlation the last keeps (it did: the first, fixed, value
// dropped lead growth's correlation, and the last was a distribution).
TEST_F(DecideHardening, ARepeatedSetIsTheLastSetAlone) {
  const std::string last = "--set 'assistant.lead_growth={pert: [0, 0.1, 0.2]}'";
  const Result twice =
      run(fmt::format("'{}' -n 2000 -f json --set assistant.lead_growth=5% {}", kSalon, last));
  const Result once = run(fmt::format("'{}' -n 2000 -f json {}", kSalon, last));
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  ASSERT_EQ(once.exit_code, 0) << once.err;
  EXPECT_EQ(twice.out, once.out);
  EXPECT_NE(twice.err.find("replaced by"), std::string::npos) << twice.err;
  EXPECT_EQ(twice.err.find("is dropped"), std::string::npos) << twice.err;
}

TEST_F(DecideHardening, PrecisionRefusesAPaybackPastTheHorizon) {
  expect_refused(fmt::format("'{}' -n 20000 --precision 'P(payback<=24)=1%'", kSalon),
                 "the horizon is 12 months");
  expect_refused(
      fmt::format("sweep '{}' --vary costs.per_lead=6,8 --precision 'P(payback<=24)=1%'", kSalon),
      "the horizon is 12 months");
  // The default leaves it out on a short horizon, and runs.
  const Result r = run(fmt::format(
      "'{}' -n 20000 --set horizon_months=3 --set assistant.ramp_up_months=0 --precision default",
      kSalon));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// With --precision the facts add up whether or not the boundary needed more
// runs than the scouting (at 2 % it did not, and "Evaluations" read 0).
TEST_F(DecideHardening, SolvePrecisionFactsAddUp) {
  for (const char* half : {"2%", "0.5%"}) {
    const auto doc = json_of(fmt::format(
        "solve '{}' -n 40000 --precision {} --vary costs.implementation --target 'P(roi<0)<=10%'",
        kSalon, half));
    const auto& f = doc["facts"];
    const std::int64_t scout = f.value("scout_evaluations", 0);
    EXPECT_GT(f["evaluations"].get<std::int64_t>(), 0) << half << " " << f;
    EXPECT_EQ(f["runs_total"].get<std::int64_t>(),
              10000 * scout + f["precision_runs"].get<std::int64_t>() +
                  f["runs"].get<std::int64_t>() * f["evaluations"].get<std::int64_t>())
        << half << " " << f;
  }
}

// CSV text fields hold the text, not its JSON quotes; a payback beyond the
// horizon is null in JSON (and empty in CSV), as in the report's JSON.
TEST_F(DecideHardening, MachineFormatsWriteTextAndCensoredValuesPlainly) {
  const Result csv = run(fmt::format(
      "sweep '{}' -n 2000 --vary costs.per_lead=6,8 --stat 'p95(payback)' -f csv", kSalon));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("facts,scenario,value,\"Салон красоты, Самара\"\n"), std::string::npos)
      << csv.out;
  EXPECT_EQ(csv.out.find("\"\"\""), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("sweep,6,p95(payback),\n"), std::string::npos) << csv.out;
  const auto doc = json_of(
      fmt::format("sweep '{}' -n 2000 --vary costs.per_lead=6,8 --stat 'p95(payback)'", kSalon));
  const auto* r6 = row(doc, "sweep", "6");
  ASSERT_TRUE(r6) << doc;
  EXPECT_TRUE((*r6)["p95(payback)"].is_null()) << *r6;
  // --csv excel: a BOM, ';' and decimal commas.
  const Result excel =
      run(fmt::format("sweep '{}' -n 2000 --vary costs.per_lead=6,8 -f csv --csv excel", kSalon));
  ASSERT_EQ(excel.exit_code, 0) << excel.err;
  EXPECT_EQ(excel.out.rfind("\xEF\xBB\xBFsection;row;column;value\r\n", 0), 0u) << excel.out;
  EXPECT_NE(excel.out.find("sweep;6;costs.per_lead;6,0\r\n"), std::string::npos) << excel.out;
}

// run --out with --set: scenario.yaml is the scenario as simulated, so it
// gives the same report, and provenance.txt lists the --set options.
TEST_F(DecideHardening, OutWithSetReproducesTheReport) {
  const std::string out = (dir_ / "o").string();
  const Result r = run(
      fmt::format("'{}' -n 2000 -f json --set costs.implementation=80000 --out '{}'", kSalon, out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(out + "/provenance.txt").find("set costs.implementation=80000\n"),
            std::string::npos);
  const Result again = run(fmt::format("'{}/scenario.yaml' -n 2000 -f json", out));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto a = nlohmann::json::parse(r.out), b = nlohmann::json::parse(again.out);
  a.erase("scenario");
  b.erase("scenario");
  EXPECT_EQ(a, b);
}

TEST_F(DecideHardening, MoneyIsNoPercentageAndNewChecksItsNumbers) {
  expect_refused(fmt::format("'{}' -n 100 --set costs.monthly=10%", kSalon),
                 "is a percentage, but costs.monthly is an amount of money");
  expect_refused(fmt::format("sweep '{}' -n 100 --vary costs.monthly=10%,20%", kSalon),
                 "is an amount of money, not a percentage");
  expect_refused("new tutor --check 0", "--check: expected an average check of at least 100");
  const Result list = run("new --list --lang ru");
  EXPECT_NE(list.out.find("салон красоты"), std::string::npos) << list.out;
  const Result zero = run(
      fmt::format("'{}' -n 100 --set 'seasonality=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]'", kSalon));
  EXPECT_EQ(zero.err.find("divide each by 0"), std::string::npos) << zero.err;
  EXPECT_NE(zero.err.find("every seasonality multiplier is 0"), std::string::npos) << zero.err;
}

// CLI11's own words under --lang ru: the help's headings and the two parse
// errors people meet (an unknown argument, an option without its value).
TEST_F(DecideHardening, CommandLineWordsAreRussianUnderRu) {
  const Result help = run("--help --lang ru");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  for (const char* english : {"Usage:", "Options:", "Positionals:", "Subcommands:", "OPTIONS"}) {
    EXPECT_EQ(help.out.find(english), std::string::npos) << english << "\n" << help.out;
  }
  EXPECT_NE(help.out.find("Использование: simroi"), std::string::npos) << help.out;
  const Result solve = run("solve --help --lang ru");
  EXPECT_EQ(solve.out.find("Options:"), std::string::npos) << solve.out;
  const Result bogus = run("--bogus --lang ru");
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_NE(bogus.err.find("непредусмотренный аргумент: --bogus"), std::string::npos) << bogus.err;
  const Result seed = run(fmt::format("'{}' --lang ru --seed", kSalon));
  EXPECT_EQ(seed.exit_code, 2);
  EXPECT_NE(seed.err.find("--seed: не указано значение"), std::string::npos) << seed.err;
  // English keeps CLI11's headings.
  EXPECT_NE(run("--help").out.find("Usage: simroi"), std::string::npos);
}

}  // namespace
}  // namespace simroi::testing
