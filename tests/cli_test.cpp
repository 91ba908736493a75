// The command line, end to end: these tests run the real `simroi` binary
// (SIMROI_BINARY) with its output redirected to files, and check exit codes
// and what lands on stdout / stderr (docs/scenario-format.md, "The command line").
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "binary_fixture.h"

namespace {

namespace fs = std::filesystem;

// The article's worked example (spec/model.md): every input fixed.
constexpr const char* kArticleYaml = R"(name: Article example
business: salon
currency: RUB
horizon_months: 12
simulation:
  runs: 1000
  seed: 42
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
)";

// The same with uncertain inputs (for the thread-count invariance check).
constexpr const char* kUncertainYaml = R"(name: Salon, uncertain
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

class Cli : public simroi::testing::BinaryTest {};

TEST_F(Cli, Version) {
  const Result r = run("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "simroi " SIMROI_VERSION "\n");
}

TEST_F(Cli, HelpMentionsEveryOptionAndCommand) {
  const Result r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"-n,--runs", "--seed", "-j,--threads", "-f,--format", "-o,--out",
                           "--percentiles", "--help", "--version", "run", "compare", "check",
                           "table", "markdown", "csv", "json", "Example", "Exit codes"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
}

TEST_F(Cli, UnknownOptionIsExit2) {
  const std::string file = write("a.yaml", kArticleYaml);
  const Result r = run(fmt::format("'{}' --no-such-option", file));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("simroi: error:"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(Cli, BadRunCountsAreExit2) {
  const std::string file = write("a.yaml", kArticleYaml);
  for (const char* runs : {"0", "-5", "1.5", "abc", "10000000001", "''"}) {
    const Result r = run(fmt::format("'{}' --runs {}", file, runs));
    EXPECT_EQ(r.exit_code, 2) << runs;
    EXPECT_NE(r.err.find("--runs"), std::string::npos) << runs << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << runs;
  }
}

TEST_F(Cli, BadOptionValuesAreExit2) {
  const std::string file = write("a.yaml", kArticleYaml);
  for (const char* args :
       {"--threads 0", "-j x", "--seed -1", "--seed 18446744073709551616", "--format xml",
        "--percentiles 101", "--percentiles 5,,50", "--percentiles abc", "--runs"}) {
    const Result r = run(fmt::format("'{}' {}", file, args));
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find("simroi: error:"), std::string::npos) << args;
  }
}

TEST_F(Cli, NoArgumentsIsExit2) {
  const Result r = run("");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
}

TEST_F(Cli, MissingFileIsExit2) {
  const Result r = run(fmt::format("'{}'", (dir_ / "does-not-exist.yaml").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does-not-exist.yaml"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(Cli, CheckValidFile) {
  const std::string file = write("article.yaml", kArticleYaml);
  const Result r = run(fmt::format("check '{}'", file));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, fmt::format("{}: ok\n", file));
}

TEST_F(Cli, CheckReportsEveryInvalidFile) {
  const std::string good = write("good.yaml", kArticleYaml);
  const std::string bad = write("bad.yaml", fmt::format("{}bad_key: 1\n", kArticleYaml));
  const std::string missing = (dir_ / "missing.yaml").string();
  const Result r = run(fmt::format("check '{}' '{}' '{}'", good, bad, missing));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, fmt::format("{}: ok\n", good));
  EXPECT_NE(r.err.find("bad.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.yaml"), std::string::npos) << r.err;
}

TEST_F(Cli, RunPrintsTheJsonReport) {
  const std::string file = write("article.yaml", kArticleYaml);
  const Result r = run(fmt::format("run '{}' --format json --runs 200 --seed 7", file));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "simroi.report/1");
  EXPECT_EQ(j["runs"], 200);
  EXPECT_EQ(j["seed"], 7);
  EXPECT_NEAR(j["metrics"]["roi_pct"]["percentiles"]["50"].get<double>(), 250.0, 1e-9);
  EXPECT_NEAR(j["metrics"]["payback_months"]["percentiles"]["50"].get<double>(), 24.0 / 17.0, 1e-9);
}

TEST_F(Cli, DefaultCommandIsRunAndFormatIsTable) {
  const std::string file = write("article.yaml", kArticleYaml);
  const Result r = run(fmt::format("'{}' --percentiles 50,5,95,5", file));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("250.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P5"), std::string::npos);
  EXPECT_EQ(r.out.find("P10"), std::string::npos);  // only the requested percentiles
}

TEST_F(Cli, JsonIsIdenticalWhateverTheThreadCount) {
  const std::string file = write("uncertain.yaml", kUncertainYaml);
  const Result one = run(fmt::format("'{}' -f json --runs 5000 --seed 3 -j 1", file));
  const Result two = run(fmt::format("'{}' -f json --runs 5000 --seed 3 -j 2", file));
  const Result eight = run(fmt::format("'{}' -f json --runs 5000 --seed 3 -j 8", file));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  ASSERT_EQ(eight.exit_code, 0) << eight.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, eight.out);
}

TEST_F(Cli, OutWritesTheReportFolder) {
  const std::string file = write("article.yaml", kArticleYaml);
  const fs::path out = dir_ / "report";
  const Result r = run(fmt::format("'{}' --runs 100 --out '{}'", file, out.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"report.json", "report.md", "report.csv", "report.txt", "fan.svg", "percentiles.svg"}) {
    EXPECT_TRUE(fs::is_regular_file(out / name)) << name;
  }
}

TEST_F(Cli, CompareAllFormats) {
  const std::string a = write("a.yaml", kArticleYaml);
  const std::string b = write("b.yaml", kUncertainYaml);
  const Result j = run(fmt::format("compare '{}' '{}' -f json --runs 500", a, b));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["schema"], "simroi.compare/1");
  EXPECT_EQ(parsed["scenarios"].size(), 2U);
  for (const char* format : {"table", "markdown", "csv"}) {
    const Result r = run(fmt::format("compare '{}' '{}' --runs 500 -f {}", a, b, format));
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("salon"), std::string::npos) << format;
  }
}

TEST_F(Cli, SignalsStopTheRunWith130Or143) {
  // A run far too long to finish: the signal must stop it between blocks.
  const std::string file = write("uncertain.yaml", kUncertainYaml);
  const Result interrupted = run(fmt::format(
      "'{}' --runs 10000000000 -j 1 & pid=$!; sleep 1; kill -INT $pid; wait $pid", file));
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.err;
  EXPECT_NE(interrupted.err.find("interrupted"), std::string::npos) << interrupted.err;
  const Result terminated = run(fmt::format(
      "'{}' --runs 10000000000 -j 1 & pid=$!; sleep 1; kill -TERM $pid; wait $pid", file));
  EXPECT_EQ(terminated.exit_code, 143) << terminated.err;
}

}  // namespace
