// Bad command lines, end to end: the real `simroi` binary (SIMROI_BINARY) with
// a bad option, value, file or output folder must exit 2 with a message on
// stderr that names the offending value and says what would be right -- and
// must print nothing on stdout and write nothing. Also: an interrupted run
// leaves an existing --out folder exactly as it was (docs/reliability.md).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "binary_fixture.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kScenarioYaml = R"(name: Salon
business: salon
horizon_months: 12
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  no_show_rate: {uniform: [0.15, 0.25]}
  average_check: {pert: [1200, 1500, 2200]}
assistant:
  lead_growth: {uniform: [15%, 40%]}
  booking_conversion_uplift: {pert: [0.2, 0.4, 0.6]}
costs:
  implementation: {uniform: [10000, 50000]}
  monthly: 5000
)";

using simroi::testing::Result;

class CliErrors : public simroi::testing::BinaryTest {
 protected:
  void SetUp() override {
    BinaryTest::SetUp();
    scenario_ = write("salon.yaml", kScenarioYaml);
  }

  /// `simroi SCENARIO ARGS` must exit 2, print nothing on stdout, and say on
  /// stderr every one of `needles` (the offending value, what would be right).
  void expect_usage_error(const std::string& args, const std::vector<std::string>& needles) const {
    const Result r = run(fmt::format("'{}' {}", scenario_, args));
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << args << "\n" << r.out;
    EXPECT_EQ(r.err.rfind("simroi: error: ", 0), 0U) << args << "\n" << r.err;
    for (const auto& needle : needles) {
      EXPECT_NE(r.err.find(needle), std::string::npos)
          << args << ": stderr lacks \"" << needle << "\":\n"
          << r.err;
    }
  }

  std::string scenario_;
};

// ---------------------------------------------------------------- options

TEST_F(CliErrors, UnknownOption) {
  expect_usage_error("--rusn 5", {"--rusn", "simroi --help"});
}

TEST_F(CliErrors, RunsZero) {
  expect_usage_error("--runs 0", {"'0'", "from 1 to 10000000000"});
}

TEST_F(CliErrors, RunsNegative) {
  expect_usage_error("--runs -5", {"'-5'", "from 1 to 10000000000"});
}

TEST_F(CliErrors, RunsNotANumber) {
  expect_usage_error("--runs abc", {"'abc'", "from 1 to 10000000000", "--runs 100000"});
}

// 1e15 is a whole number, but far more than simroi accepts: the message says
// why (how long it would take) and what the limit is.
TEST_F(CliErrors, RunsAboveTheCap) {
  expect_usage_error("--runs 1e15", {"'1e15'", "years", "10,000,000,000"});
  expect_usage_error("--runs 10000000001", {"'10000000001'", "10,000,000,000"});
  expect_usage_error("--runs 99999999999999999999999", {"10,000,000,000"});
}

// What the cap allows, the CLI accepts in the same notations as the file.
TEST_F(CliErrors, RunsInScientificNotationIsAccepted) {
  const Result r = run(fmt::format("'{}' --runs 2e3 --format json", scenario_));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"runs\": 2000"), std::string::npos) << r.out.substr(0, 300);
}

TEST_F(CliErrors, ThreadsZeroAndNegative) {
  expect_usage_error("--threads 0", {"'0'", "from 1 to 4096", "-j 4"});
  expect_usage_error("--threads -1", {"'-1'", "from 1 to 4096"});
  expect_usage_error("-j -1", {"'-1'", "from 1 to 4096"});
}

TEST_F(CliErrors, PercentileOutOfRange) {
  expect_usage_error("--percentiles 150", {"'150'", "from 0 to 100", "5,50,95"});
  expect_usage_error("--percentiles 5,-1", {"'-1'", "from 0 to 100"});
}

TEST_F(CliErrors, PercentileListWithAnEmptyItem) {
  expect_usage_error("--percentiles 5,,50", {"'5,,50'", "empty", "from 0 to 100"});
  expect_usage_error("--percentiles 5,50,", {"'5,50,'", "empty"});
}

TEST_F(CliErrors, PercentileNotANumber) {
  expect_usage_error("--percentiles abc", {"'abc'", "from 0 to 100"});
  expect_usage_error("--percentiles 5,nan", {"'nan'", "from 0 to 100"});
}

TEST_F(CliErrors, UnknownFormat) {
  expect_usage_error("--format xml", {"'xml'", "table, markdown, csv or json"});
}

TEST_F(CliErrors, SeedNegative) {
  expect_usage_error("--seed -1", {"'-1'", "from 0 to 18446744073709551615"});
}

// ---------------------------------------------------------------- files

TEST_F(CliErrors, MissingScenarioFile) {
  const std::string missing = (dir_ / "no-such.yaml").string();
  const Result r = run(fmt::format("'{}'", missing));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err,
            fmt::format("simroi: error: {}: cannot read the scenario: no such file\n", missing));
}

TEST_F(CliErrors, DirectoryAsTheScenario) {
  const Result r = run(fmt::format("'{}'", dir_.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(dir_.string() + ": is a directory, not a scenario file"), std::string::npos)
      << r.err;
}

// --out naming a regular file fails before the simulation, so nothing is
// printed and the file is not touched.
TEST_F(CliErrors, OutIsAnExistingFile) {
  const fs::path file = dir_ / "notes.txt";
  std::ofstream(file, std::ios::binary) << "keep me\n";
  const Result r = run(fmt::format("'{}' --runs 1000 --out '{}'", scenario_, file.string()));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(file), "keep me\n");
}

// /proc refuses new entries even to root.
TEST_F(CliErrors, OutUnderProc) {
  if (!fs::is_directory("/proc/self")) GTEST_SKIP() << "no /proc";
  const Result r = run(fmt::format("'{}' --runs 1000 --out /proc/simroi-report", scenario_));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("/proc/simroi-report"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("choose another folder"), std::string::npos) << r.err;
}

TEST_F(CliErrors, OutIsEmpty) {
  expect_usage_error("--out ''", {"--out", "empty"});
}

// ---------------------------------------------------------------- commands

// A comparison of one scenario is allowed (scripts call `compare *.yaml`,
// which may match one file): it prints that scenario's comparison.
TEST_F(CliErrors, CompareWithOneFileIsAllowed) {
  const Result r = run(fmt::format("compare '{}' --runs 1000 -f json", scenario_));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"simroi.compare/2\""), std::string::npos) << r.out.substr(0, 200);
}

TEST_F(CliErrors, CompareWithNoFiles) {
  const Result r = run("compare");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no scenario file given"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("simroi --help"), std::string::npos) << r.err;
}

TEST_F(CliErrors, CheckWithNoFiles) {
  const Result r = run("check");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no scenario file given"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("simroi --help"), std::string::npos) << r.err;
}

TEST_F(CliErrors, RunWithTwoFilesPointsAtCompare) {
  expect_usage_error(fmt::format("'{}'", scenario_),
                     {"run takes one scenario file, got 2", "simroi compare"});
}

TEST_F(CliErrors, MistypedCommandIsNamedWithTheCommands) {
  // `simroi nwe salon.yaml`: not "run takes one file ... use compare".
  const Result r = run(fmt::format("nwe '{}'", scenario_));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("unknown command 'nwe'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run, compare, check, solve, sweep, voi, pilot and new"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("compare nwe"), std::string::npos) << r.err;
}

TEST_F(CliErrors, WarningsGoToStderrAndIntoTheReportWithExitZero) {
  // kScenarioYaml leaves gross_margin out.
  const Result r = run(fmt::format("'{}' --runs 200 --format json", scenario_));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("simroi: warning: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gross_margin is not given"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"code\": \"gross-margin-omitted\""), std::string::npos) << r.out;
  const Result table = run(fmt::format("'{}' --runs 200", scenario_));
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("Warnings"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("all extra revenue counts as profit"), std::string::npos);
  const Result csv = run(fmt::format("'{}' --runs 200 --format csv", scenario_));
  EXPECT_NE(csv.out.find("warning,gross-margin-omitted,"), std::string::npos) << csv.out;
}

// A bad scenario through the binary: every diagnostic on stderr, exit 2.
TEST_F(CliErrors, BadScenarioListsEveryProblem) {
  const fs::path bad =
      fs::path(SIMROI_SOURCE_DIR) / "tests" / "data" / "bad" / "63-many-problems.yaml";
  const Result r = run(fmt::format("check '{}'", bad.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  std::size_t lines = 0;
  for (const char c : r.err) lines += c == '\n' ? 1 : 0;
  EXPECT_GE(lines, 6U) << r.err;  // >= 5 problems and the summary line
}

// ---------------------------------------------------------------- signals and --out

// A second run into the same --out folder, interrupted mid-simulation, must
// leave the first run's files byte for byte and no temporary files behind.
TEST_F(CliErrors, InterruptedRunLeavesTheOutFolderUntouched) {
  const fs::path out = dir_ / "report";
  const Result first = run(fmt::format("'{}' --runs 2000 --out '{}'", scenario_, out.string()));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::vector<std::pair<fs::path, std::string>> before;
  for (const auto& entry : fs::directory_iterator(out)) {
    before.emplace_back(entry.path(), slurp(entry.path()));
  }
  ASSERT_FALSE(before.empty());
  const std::string report_json = slurp(out / "report.json");
  ASSERT_FALSE(report_json.empty());

  const Result second = run(fmt::format(
      "'{}' --runs 10000000000 -j 1 --out '{}' & pid=$!; sleep 1; kill -INT $pid; wait $pid",
      scenario_, out.string()));
  EXPECT_EQ(second.exit_code, 130) << second.err;
  EXPECT_NE(second.err.find("interrupted"), std::string::npos) << second.err;
  EXPECT_TRUE(second.out.empty()) << second.out.substr(0, 200);

  EXPECT_EQ(slurp(out / "report.json"), report_json);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    ++files;
    const std::string name = entry.path().filename().string();
    EXPECT_FALSE(name.starts_with(".") && name.find(".tmp.") != std::string::npos)
        << "temporary file left behind: " << name;
  }
  EXPECT_EQ(files, before.size());
  for (const auto& [path, bytes] : before) EXPECT_EQ(slurp(path), bytes) << path;
}

}  // namespace
