// The command line, end to end: these tests run the real `simroi` binary
// (SIMROI_BINARY) with its output redirected to files, and check exit codes
// and what lands on stdout / stderr (docs/scenario-format.md, "The command line").
#include "app/cli.h"

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

#include "app/app.h"
#include "binary_fixture.h"
#include "simroi/core/error.h"

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
                           "--percentiles", "--lang", "--help", "--version", "run", "compare",
                           "check", "table", "markdown", "csv", "json", "Example", "Exit codes"}) {
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
  EXPECT_EQ(j["schema"], "simroi.report/2");
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
  for (const char* name : {"report.json", "report.md", "report.csv", "report.txt", "report.xlsx",
                           "report.html", "fan.svg", "fan.png", "fan.pdf", "percentiles.svg",
                           "payback.png", "roi_histogram.pdf", "scenario.yaml", "provenance.txt"}) {
    EXPECT_TRUE(fs::is_regular_file(out / name)) << name;
  }
  // What the numbers rest on: the scenario as read, and version, seed, runs
  // and date in a side file (report.json has no date: two runs are identical).
  EXPECT_EQ(slurp(out / "scenario.yaml"), kArticleYaml);
  const std::string record = slurp(out / "provenance.txt");
  EXPECT_EQ(record.rfind(std::string("simroi ") + SIMROI_VERSION + "\ndate 20", 0), 0U) << record;
  EXPECT_NE(record.find("\nseed 42\nruns 100\nhorizon_months 12\n"), std::string::npos) << record;
  const std::string json = slurp(out / "report.json");
  ASSERT_EQ(run(fmt::format("'{}' --runs 100 --out '{}'", file, out.string())).exit_code, 0);
  EXPECT_EQ(slurp(out / "report.json"), json);
}

TEST_F(Cli, CsvFlavours) {
  const std::string file = write("article.yaml", kArticleYaml);
  // stdout: RFC 4180 unless --csv excel, whatever the language.
  const Result rfc = run(fmt::format("'{}' --runs 100 --format csv --lang ru", file));
  ASSERT_EQ(rfc.exit_code, 0) << rfc.err;
  EXPECT_EQ(rfc.out.rfind("metric,statistic,value,ci_low,ci_high\n", 0), 0U);
  const Result excel = run(fmt::format("'{}' --runs 100 --format csv --csv excel", file));
  ASSERT_EQ(excel.exit_code, 0) << excel.err;
  EXPECT_EQ(excel.out.rfind("\xEF\xBB\xBFmetric;statistic;month;input;", 0), 0U);
  // --out: report.csv stays RFC; report-excel.csv by default under Russian
  // only, or when asked for.
  const fs::path ru = dir_ / "ru";
  ASSERT_EQ(run(fmt::format("'{}' --runs 100 --lang ru --out '{}'", file, ru.string())).exit_code,
            0);
  EXPECT_EQ(slurp(ru / "report.csv").rfind("metric,statistic,value", 0), 0U);
  EXPECT_EQ(slurp(ru / "report-excel.csv").rfind("\xEF\xBB\xBF", 0), 0U);
  const fs::path en = dir_ / "en";
  ASSERT_EQ(run(fmt::format("'{}' --runs 100 --lang en --out '{}'", file, en.string())).exit_code,
            0);
  EXPECT_FALSE(fs::exists(en / "report-excel.csv"));
  const fs::path ru_rfc = dir_ / "ru-rfc";
  ASSERT_EQ(
      run(fmt::format("'{}' --runs 100 --lang ru --csv rfc --out '{}'", file, ru_rfc.string()))
          .exit_code,
      0);
  EXPECT_FALSE(fs::exists(ru_rfc / "report-excel.csv"));
  const Result bad = run(fmt::format("'{}' --csv xls", file));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--csv"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("excel or rfc"), std::string::npos) << bad.err;
}

TEST_F(Cli, CompareOutCopiesEveryScenario) {
  const std::string a = write("a.yaml", kArticleYaml);
  const std::string b = write("b.yaml", kUncertainYaml);
  const fs::path out = dir_ / "cmp";
  const Result r = run(fmt::format("compare '{}' '{}' --runs 200 --out '{}'", a, b, out.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string record = slurp(out / "provenance.txt");
  EXPECT_NE(record.find(fmt::format("scenario {}\ncopy ", a)), std::string::npos) << record;
  EXPECT_NE(record.find(fmt::format("scenario {}\ncopy ", b)), std::string::npos) << record;
  std::size_t copies = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().filename() != "scenario.yaml") continue;
    ++copies;
    const std::string text = slurp(entry.path());
    EXPECT_TRUE(text == kArticleYaml || text == kUncertainYaml) << entry.path();
  }
  EXPECT_EQ(copies, 2U);
}

TEST_F(Cli, CompareAllFormats) {
  const std::string a = write("a.yaml", kArticleYaml);
  const std::string b = write("b.yaml", kUncertainYaml);
  const Result j = run(fmt::format("compare '{}' '{}' -f json --runs 500", a, b));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["schema"], "simroi.compare/2");
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

// ----- the application layer in process (src/app/) --------------------------

using simroi::app::Command;
using simroi::app::Console;
using simroi::app::ParsedCommandLine;

struct Parse {
  std::ostringstream out, err;
  ParsedCommandLine parsed;
  explicit Parse(std::vector<const char*> args) {
    args.insert(args.begin(), "simroi");
    parsed = simroi::app::parse_command_line(static_cast<int>(args.size()), args.data(),
                                             simroi::Locale::english(), Console{out, err});
  }
};

TEST(CliParse, OptionsReachTheRequestAndTheLastOneWins) {
  Parse p({"a.yaml", "-n", "1e5", "--seed", "7", "-j", "2", "-f", "md", "--percentiles", "50, 5,5",
           "-o", "out", "--runs", "300"});
  ASSERT_TRUE(p.parsed.request) << p.err.str();
  const auto& r = *p.parsed.request;
  EXPECT_EQ(r.command, Command::run);
  EXPECT_EQ(r.files, std::vector<std::string>{"a.yaml"});
  EXPECT_EQ(r.options.runs, 300U);
  EXPECT_EQ(r.options.seed, 7U);
  EXPECT_EQ(r.options.threads, 2);
  EXPECT_EQ(r.format, simroi::Format::markdown);
  EXPECT_EQ(r.options.percentiles, (std::vector<double>{5, 50}));
  EXPECT_EQ(r.out_dir, "out");
  EXPECT_EQ(r.language, simroi::Language::en);
  EXPECT_TRUE(p.out.str().empty());
  EXPECT_TRUE(p.err.str().empty());
}

TEST(CliParse, DefaultsWhenNoOptionIsGiven) {
  Parse p({"a.yaml"});
  ASSERT_TRUE(p.parsed.request);
  const auto& r = *p.parsed.request;
  EXPECT_FALSE(r.options.runs);
  EXPECT_FALSE(r.options.seed);
  EXPECT_EQ(r.options.threads, 0);
  EXPECT_EQ(r.format, simroi::Format::table);
  EXPECT_FALSE(r.out_dir);
  EXPECT_EQ(r.options.cancel, nullptr);  // run_cli connects the signal flag
}

TEST(CliParse, Subcommands) {
  Parse compare({"compare", "a.yaml", "b.yaml", "-f", "json"});
  ASSERT_TRUE(compare.parsed.request);
  EXPECT_EQ(compare.parsed.request->command, Command::compare);
  EXPECT_EQ(compare.parsed.request->files, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_EQ(compare.parsed.request->format, simroi::Format::json);
  Parse check({"check", "a.yaml", "b.yaml", "c.yaml"});
  ASSERT_TRUE(check.parsed.request);
  EXPECT_EQ(check.parsed.request->command, Command::check);
  EXPECT_EQ(check.parsed.request->files.size(), 3U);
  try {
    Parse two({"run", "a.yaml", "b.yaml"});
    FAIL() << "expected UsageError";
  } catch (const simroi::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("simroi compare a.yaml b.yaml"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(Parse({"check"}), simroi::UsageError);
  EXPECT_THROW(Parse({"compare"}), simroi::UsageError);
  EXPECT_THROW(Parse({}), simroi::UsageError);
}

TEST(CliParse, HelpVersionAndMalformedLinesAreAnsweredDirectly) {
  Parse help({"--help"});
  EXPECT_FALSE(help.parsed.request);
  EXPECT_EQ(help.parsed.exit_code, 0);
  EXPECT_NE(help.out.str().find("-n,--runs"), std::string::npos);
  EXPECT_NE(help.out.str().find("Exit codes"), std::string::npos);
  Parse version({"--version"});
  EXPECT_FALSE(version.parsed.request);
  EXPECT_EQ(version.out.str(), "simroi " SIMROI_VERSION "\n");
  Parse bad({"a.yaml", "--no-such-option"});
  EXPECT_FALSE(bad.parsed.request);
  EXPECT_EQ(bad.parsed.exit_code, 2);
  EXPECT_EQ(bad.err.str().rfind("simroi: error: ", 0), 0U) << bad.err.str();
  EXPECT_NE(bad.err.str().find("simroi --help"), std::string::npos);
  EXPECT_TRUE(bad.out.str().empty());
}

TEST(CliParse, OptionValues) {
  using namespace simroi::app;
  EXPECT_EQ(parse_run_count("1e5"), 100000U);
  EXPECT_EQ(parse_run_count("+12"), 12U);
  EXPECT_EQ(parse_run_count("10000000000"), 10000000000U);
  for (const char* bad : {"0", "-1", "1.5", "", "abc", "1e11", "10000000001"}) {
    EXPECT_THROW((void)parse_run_count(bad), simroi::UsageError) << bad;
  }
  EXPECT_EQ(parse_seed("18446744073709551615"), 18446744073709551615ULL);
  EXPECT_THROW((void)parse_seed("18446744073709551616"), simroi::UsageError);
  EXPECT_EQ(parse_thread_count("4096"), 4096);
  EXPECT_THROW((void)parse_thread_count("4097"), simroi::UsageError);
  EXPECT_EQ(parse_percentile_list("95,5,50,5"), (std::vector<double>{5, 50, 95}));
  EXPECT_EQ(parse_percentile_list("-0"), (std::vector<double>{0}));
  EXPECT_THROW((void)parse_percentile_list("5,,50"), simroi::UsageError);
  EXPECT_EQ(parse_format_option("md"), simroi::Format::markdown);
  EXPECT_THROW((void)parse_format_option("xml"), simroi::UsageError);
  EXPECT_EQ(parse_language_option("ru"), simroi::Language::ru);
  EXPECT_EQ(parse_language_option("en"), simroi::Language::en);
  try {
    (void)parse_language_option("fr");
    FAIL() << "expected UsageError";
  } catch (const simroi::UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "--lang: unknown language 'fr'; use en or ru");
  }
}

struct InProcess {
  std::ostringstream out, err;
  int exit_code = -1;
  explicit InProcess(std::vector<std::string> args) {
    // English whatever the machine's locale (--lang's default reads it).
    ::setenv("LC_ALL", "C", 1);
    std::vector<const char*> argv{"simroi"};
    for (const auto& a : args) argv.push_back(a.c_str());
    exit_code = simroi::app::run_cli(static_cast<int>(argv.size()), argv.data(), Console{out, err});
  }
};

const std::string kSeedExample = std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml";

TEST(App, RunCliInProcess) {
  const InProcess ok({"check", kSeedExample});
  EXPECT_EQ(ok.exit_code, 0) << ok.err.str();
  EXPECT_EQ(ok.out.str(), kSeedExample + ": ok\n");
  const std::string bad =
      std::string(SIMROI_SOURCE_DIR) + "/tests/data/bad/01-unknown-top-level-key.yaml";
  const InProcess invalid({"check", kSeedExample, bad});
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_NE(invalid.err.str().find("01-unknown-top-level-key.yaml:"), std::string::npos)
      << invalid.err.str();
  EXPECT_NE(invalid.err.str().find("simroi: 1 of 2 files are invalid\n"), std::string::npos);
  const InProcess json({kSeedExample, "-f", "json", "-n", "100"});
  ASSERT_EQ(json.exit_code, 0) << json.err.str();
  const auto j = nlohmann::json::parse(json.out.str());
  EXPECT_NEAR(j["metrics"]["roi_pct"]["percentiles"]["50"].get<double>(), 250.0, 1e-9);
  const InProcess usage({kSeedExample, "--threads", "0"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(usage.err.str().rfind("simroi: error: --threads:", 0), 0U) << usage.err.str();
  EXPECT_TRUE(usage.out.str().empty());
}

TEST(App, OutWritesTheFilesOfTheSameModelAsTheConsole) {
  const fs::path dir = fs::temp_directory_path() / ("simroi_app_out_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const InProcess run({kSeedExample, "-n", "100", "-f", "markdown", "--out", dir.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err.str();
  std::ifstream in(dir / "report.md", std::ios::binary);
  std::ostringstream md;
  md << in.rdbuf();
  EXPECT_EQ(md.str(), run.out.str());
  // Four reports, report.xlsx, report.html, scenario.yaml, provenance.txt and
  // four charts (percentiles, histogram, payback, fan) as SVG, PNG and PDF.
  EXPECT_EQ(run.err.str(), fmt::format("simroi: wrote 20 files to {}\n", dir.string()));
  fs::remove_all(dir);
}

// ----- --lang -------------------------------------------------------------

TEST(Language, OfLocaleNamesFollowsPosixPrecedence) {
  using simroi::Language;
  using simroi::app::language_of_locale_names;
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, nullptr), Language::en);
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, "ru_RU.UTF-8"), Language::ru);
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, "ru"), Language::ru);
  EXPECT_EQ(language_of_locale_names("", "", "ru_UA.UTF-8"), Language::ru);  // empty: not set
  EXPECT_EQ(language_of_locale_names(nullptr, "ru_RU.UTF-8", "en_US.UTF-8"), Language::ru);
  EXPECT_EQ(language_of_locale_names("C", "ru_RU.UTF-8", "ru_RU.UTF-8"), Language::en);
  EXPECT_EQ(language_of_locale_names("en_GB.UTF-8", nullptr, "ru_RU"), Language::en);
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, "C.UTF-8"), Language::en);
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, "rw_RW.UTF-8"), Language::en);  // not "ru"
  EXPECT_EQ(language_of_locale_names(nullptr, nullptr, "russian"), Language::ru);
}

TEST(Language, InitialLanguageTakesAValidLangArgument) {
  using simroi::Language;
  ::setenv("LC_ALL", "C", 1);
  const char* a[] = {"simroi", "x.yaml", "--lang", "ru"};
  EXPECT_EQ(simroi::app::initial_language(4, a), Language::ru);
  const char* b[] = {"simroi", "--lang=ru", "--help"};
  EXPECT_EQ(simroi::app::initial_language(3, b), Language::ru);
  const char* c[] = {"simroi", "--lang", "xx"};  // invalid: the environment's
  EXPECT_EQ(simroi::app::initial_language(3, c), Language::en);
  ::setenv("LC_ALL", "ru_RU.UTF-8", 1);
  EXPECT_EQ(simroi::app::initial_language(3, c), Language::ru);
  const char* d[] = {"simroi", "--lang", "en"};
  EXPECT_EQ(simroi::app::initial_language(3, d), Language::en);
  ::setenv("LC_ALL", "C", 1);
}

TEST_F(Cli, LangRuPrintsTheReportInRussianWithRussianNumbers) {
  const std::string file = write("s.yaml", kArticleYaml);
  const Result r = run(fmt::format("'{}' --lang ru", file));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Чистый эффект"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Срок окупаемости, мес."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Бизнес      салон красоты"), std::string::npos) << r.out;
  // The article's ROI is 250 %: decimal comma and a no-break space before %.
  EXPECT_NE(r.out.find("250,0\u00A0%"), std::string::npos) << r.out;
  // Russian plural: "за 12 месяцев", "по 1 000 прогонам".
  EXPECT_NE(r.out.find("12 месяцев"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Net profit"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("250.0"), std::string::npos) << r.out;
}

TEST_F(Cli, LangDefaultsToTheEnvironmentsLocale) {
  const std::string file = write("s.yaml", kArticleYaml);
  const Result ru = run_in("", fmt::format("'{}'", file), "LANG=ru_RU.UTF-8 LC_ALL=");
  ASSERT_EQ(ru.exit_code, 0) << ru.err;
  EXPECT_NE(ru.out.find("Чистый эффект"), std::string::npos) << ru.out;
  const Result messages = run_in("", fmt::format("'{}'", file), "LC_ALL= LC_MESSAGES=ru_RU.UTF-8");
  EXPECT_NE(messages.out.find("Чистый эффект"), std::string::npos) << messages.out;
  // LC_ALL wins over LANG; --lang wins over both.
  const Result all = run_in("", fmt::format("'{}'", file), "LANG=ru_RU.UTF-8 LC_ALL=en_US.UTF-8");
  EXPECT_NE(all.out.find("Net profit"), std::string::npos) << all.out;
  const Result asked = run_in("", fmt::format("'{}' --lang en", file), "LANG=ru_RU.UTF-8 LC_ALL=");
  EXPECT_NE(asked.out.find("Net profit"), std::string::npos) << asked.out;
  EXPECT_EQ(asked.out.find("Чистый"), std::string::npos) << asked.out;
}

TEST_F(Cli, LangRuWritesScenarioDiagnosticsInRussian) {
  const std::string bad =
      std::string(SIMROI_SOURCE_DIR) + "/tests/data/bad/02-unknown-key-in-section.yaml";
  const Result r = run(fmt::format("check '{}' --lang ru", bad));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("02-unknown-key-in-section.yaml:8:3: costs.per_leed: неизвестный ключ "
                       "«per_leed»; может быть, «per_lead»?"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("simroi: ошибка: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("simroi: неверен 1 из 1 файла"), std::string::npos) << r.err;
}

TEST_F(Cli, LangRejectsAnUnknownLanguage) {
  const std::string file = write("s.yaml", kArticleYaml);
  const Result r = run(fmt::format("'{}' --lang de", file));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--lang: unknown language 'de'; use en or ru"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(Cli, HelpIsInTheLanguageAsked) {
  const Result r = run("--lang ru --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Вывести эту справку и выйти"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--lang"), std::string::npos) << r.out;
}

}  // namespace
