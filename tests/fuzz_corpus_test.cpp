// Replays the fuzzer's seed corpus (fuzz/corpus/scenario) in the normal build:
// every file must either load or be refused with a UserError, within 2 s, and
// every file that loads must run: simulated for a few hundred runs it is
// refused with a UserError or gives finite results in every report format
// (fuzz/scenario_property.h, the fuzzer's own check).
// The fuzzer itself needs clang + libFuzzer (fuzz/README.md); this test does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/scenario_property.h"
#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(SIMROI_SOURCE_DIR) / "fuzz" / "corpus" / "scenario";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

enum class Outcome { accepted, user_error, other_exception };

struct Replay {
  Outcome outcome = Outcome::other_exception;
  std::string finding;  // an accepted file that does not run
};

TEST(FuzzCorpus, EveryFileLoadsAndRunsOrIsRefused) {
  const auto files = corpus_files();
  ASSERT_GE(files.size(), 20U) << "the seed corpus is missing";
  std::size_t accepted = 0;
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    auto outcome = std::async(std::launch::async, [text = read_bytes(file)] {
      Scenario scenario;
      try {
        scenario = parse_scenario(text, "corpus.yaml");
      } catch (const UserError&) {
        return Replay{Outcome::user_error, {}};
      } catch (...) {
        return Replay{Outcome::other_exception, {}};
      }
      return Replay{Outcome::accepted, fuzz::simulate_accepted(scenario)};
    });
    // Loading takes milliseconds; the simulation of 200 runs some more.
    if (outcome.wait_for(5s) != std::future_status::ready) {
      ADD_FAILURE() << file << ": loading and simulating took longer than 5 s";
      std::abort();  // a hung worker thread cannot be cancelled
    }
    const Replay result = outcome.get();
    EXPECT_NE(result.outcome, Outcome::other_exception)
        << file << ": threw something other than UserError";
    EXPECT_EQ(result.finding, "") << file << ": accepted, but does not run";
    if (result.outcome == Outcome::accepted) ++accepted;
  }
  // The copies of scenarios/*.yaml are valid; if none loads, the loader broke.
  EXPECT_GE(accepted, 1U);
}

}  // namespace
}  // namespace simroi

// The text check of the fuzz property: "nan" / "inf" as words, any case.
TEST(FuzzProperty, SpellsNonFiniteFindsWordsOnly) {
  using simroi::fuzz::detail::spells_non_finite;
  EXPECT_TRUE(spells_non_finite("ROI -inf %"));
  EXPECT_TRUE(spells_non_finite("nan"));
  EXPECT_TRUE(spells_non_finite("\"mean\": NaN,"));
  EXPECT_TRUE(spells_non_finite("[0.9, INF]"));
  EXPECT_FALSE(spells_non_finite("information, Financial, nano, infinite"));
  EXPECT_FALSE(spells_non_finite("1 500 ₽"));
  EXPECT_FALSE(spells_non_finite(""));
}
