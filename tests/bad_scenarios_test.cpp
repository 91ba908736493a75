// The table of bad scenario files (scenario-format.md, "What bad input gets"),
// and hostile files at scale.
//
// tests/data/bad/NN-short-name.yaml is a scenario a user could plausibly type
// (or a hostile one); NN-short-name.expected holds the exact diagnostics the
// loader must give for it, one `FILE:LINE:COLUMN: KEY: message` line per
// problem, FILE being the name relative to tests/data/bad. Each file is one
// test, named after the file.
//
// To regenerate the expectations after changing a message:
//
//   SIMROI_REGENERATE=1 build/tests/simroi_tests --gtest_filter='BadScenario*'
//   git diff tests/data/bad      # review every changed line before committing
//
// The committed expectations are reviewed by hand: each must say what is
// wrong and what would be right.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

namespace fs = std::filesystem;

const fs::path& bad_dir() {
  static const fs::path dir = fs::path(SIMROI_SOURCE_DIR) / "tests" / "data" / "bad";
  return dir;
}

bool regenerate() {
  const char* value = std::getenv("SIMROI_REGENERATE");
  return value != nullptr && std::string(value) == "1";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The stems ("03-unknown-key") of every tests/data/bad/*.yaml, sorted.
std::vector<std::string> bad_stems() {
  std::vector<std::string> stems;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(bad_dir(), ec)) {
    if (entry.path().extension() == ".yaml") stems.push_back(entry.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

/// Runs the loader inside `dir`, so that a file given by its bare name shows up
/// in diagnostics as that name whatever the build directory is.
class InDirectory {
 public:
  explicit InDirectory(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~InDirectory() {
    std::error_code ignored;
    fs::current_path(old_, ignored);
  }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;

 private:
  fs::path old_;
};

struct Outcome {
  bool threw = false;
  int exit_code = 0;
  std::string what;
  std::vector<Diagnostic> diagnostics;
};

Outcome load(const std::string& file_name) {
  const InDirectory in(bad_dir());
  Outcome outcome;
  try {
    (void)load_scenario(file_name);
  } catch (const ScenarioError& e) {
    outcome.threw = true;
    outcome.exit_code = e.exit_code();
    outcome.what = e.what();
    outcome.diagnostics = e.diagnostics();
  }
  return outcome;
}

// ---------------------------------------------------------------- the table

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, GivesTheExpectedDiagnostics) {
  const std::string stem = GetParam();
  const std::string file = stem + ".yaml";
  const Outcome outcome = load(file);
  ASSERT_TRUE(outcome.threw) << file << " loaded without an error";
  EXPECT_EQ(outcome.exit_code, kExitUsage);

  const std::string actual = outcome.what + "\n";
  const fs::path expected_path = bad_dir() / (stem + ".expected");
  if (regenerate()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path << " is missing; write it (SIMROI_REGENERATE=1) and review it";
  EXPECT_EQ(actual, slurp(expected_path)) << "diagnostics of " << file;

  // Every problem has a stable code (core/error.h) beside its words.
  for (const auto& d : outcome.diagnostics) EXPECT_FALSE(d.code.empty()) << d.format();

  // Every line names the file as given, then (usually) the position.
  std::istringstream lines(outcome.what);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.rfind(file + ":", 0), 0U) << line;
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = "f" + info.param;  // gtest names: [A-Za-z0-9_], not starting with a digit
  for (auto& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, BadScenario, ::testing::ValuesIn(bad_stems()), test_name);

TEST(BadScenarioTable, EveryFileHasReviewedExpectations) {
  const auto stems = bad_stems();
  EXPECT_GE(stems.size(), 45U);
  for (const auto& entry : fs::directory_iterator(bad_dir())) {
    const fs::path& p = entry.path();
    if (p.extension() == ".expected") {
      EXPECT_TRUE(fs::exists(fs::path(p).replace_extension(".yaml"))) << p << " has no .yaml";
    } else if (p.extension() == ".yaml" && !regenerate()) {
      EXPECT_TRUE(fs::exists(fs::path(p).replace_extension(".expected")))
          << p << " has no .expected";
    }
  }
}

// ---------------------------------------------------------------- hostile files at scale
//
// Each is refused in well under 2 s on an idle machine: by one stat() (size),
// by reading at most 1 MiB + 1 bytes (devices), or by the loader's linear
// pre-scan of the text before any YAML parsing (item count, nesting). The
// assertion allows 5 s because CI runs on 2 cores, one of them often busy with
// a fuzzer or another test binary; a regression that hands such a file to
// yaml-cpp takes tens of seconds and gigabytes, so 5 s still catches it.

constexpr double kMaxSeconds = 5.0;

class HostileFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("simroi_hostile_{}_{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  /// `unit` repeated until the file holds at least `bytes` bytes (after `head`).
  [[nodiscard]] fs::path write_repeated(const std::string& name, const std::string& head,
                                        const std::string& unit, std::size_t bytes,
                                        const std::string& tail = "") const {
    std::string text = head;
    text.reserve(bytes + unit.size() + tail.size());
    while (text.size() < bytes) text += unit;
    text += tail;
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  /// Loads `path`, which must be refused; returns the message and records the time.
  static std::string refused(const fs::path& path, double& seconds) {
    const auto start = std::chrono::steady_clock::now();
    std::string what;
    try {
      (void)load_scenario(path.string());
      ADD_FAILURE() << path << " loaded without an error";
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage);
      what = e.what();
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    RecordProperty("seconds", fmt::format("{:.3f}", seconds));
    std::cerr << fmt::format("[ hostile  ] {} refused in {:.3f} s\n", path.filename().string(),
                             seconds);
    return what;
  }

  fs::path dir_;
};

constexpr std::size_t kMiB = std::size_t{1} << 20;

TEST_F(HostileFile, SparseFileOf300MB) {
  const fs::path p = dir_ / "huge.yaml";
  std::ofstream(p, std::ios::binary) << "baseline:\n";
  fs::resize_file(p, 300'000'000);
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_EQ(what, p.string() +
                      ": the file is 300000000 bytes; a scenario may be at most 1 MiB "
                      "(1048576 bytes)");
  EXPECT_LT(seconds, kMaxSeconds);
}

TEST_F(HostileFile, FlatListOf20MB) {
  const fs::path p = write_repeated("list20.yaml", "", "- 1\n", 20 * kMiB);
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_NE(what.find("a scenario may be at most 1 MiB"), std::string::npos) << what;
  EXPECT_LT(seconds, kMaxSeconds);
}

// Under the size limit, so it reaches the text pre-scan: too many items.
TEST_F(HostileFile, FlatListJustUnder1MiB) {
  const fs::path p = write_repeated("list15.yaml", "", "- 1\n", kMiB - 4096);
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_EQ(what, p.string() +
                      ":100001:1: the file has more than 100000 list items and keys; a scenario "
                      "needs a few dozen");
  EXPECT_LT(seconds, kMaxSeconds);
}

TEST_F(HostileFile, FlowListJustUnder1MiB) {
  const fs::path p = write_repeated("flow15.yaml", "seasonality: [", "1,", kMiB - 4096, "1]\n");
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_NE(what.find("more than 100000 list items and keys"), std::string::npos) << what;
  EXPECT_LT(seconds, kMaxSeconds);
}

TEST_F(HostileFile, NestedFlowListsJustUnder1MiB) {
  const fs::path p = write_repeated("deep15.yaml", "", "[", kMiB - 4096);
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_NE(what.find(":1:65: the document is nested deeper than 64 levels"), std::string::npos)
      << what;
  EXPECT_LT(seconds, kMaxSeconds);
}

// One key of nearly 1 MiB: longer than YAML allows a key to be (1024
// characters). The slowest hostile file under the size limit: yaml-cpp scans a
// scalar at about 0.1 us a byte, ~0.15 s for 1 MiB on a loaded 2-core machine.
TEST_F(HostileFile, OneKeyOfNearly1MiB) {
  const fs::path p = write_repeated("key15.yaml", "", "k", kMiB - 4096, ": 1\n");
  double seconds = 0;
  const std::string what = refused(p, seconds);
  EXPECT_EQ(what, p.string() +
                      ":1:1044481: not valid YAML: illegal map value (a value containing ': ' "
                      "must be quoted, e.g. name: \"Salon: Samara\"; a key is at most 1024 "
                      "characters)");
  EXPECT_LT(seconds, kMaxSeconds);
}

// A device that never ends: the loader reads at most 1 MiB + 1 bytes.
TEST_F(HostileFile, DevZero) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero";
  double seconds = 0;
  const std::string what = refused("/dev/zero", seconds);
  EXPECT_EQ(what,
            "/dev/zero: the file is larger than 1 MiB (1048576 bytes); a scenario is far "
            "smaller");
  EXPECT_LT(seconds, kMaxSeconds);
}

TEST_F(HostileFile, DevNullIsEmpty) {
  if (!fs::exists("/dev/null")) GTEST_SKIP() << "no /dev/null";
  double seconds = 0;
  const std::string what = refused("/dev/null", seconds);
  EXPECT_NE(what.find("/dev/null: the file is empty"), std::string::npos) << what;
  EXPECT_LT(seconds, kMaxSeconds);
}

}  // namespace
}  // namespace simroi
