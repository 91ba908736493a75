// Inputs the scenario fuzzer (fuzz/scenario_fuzzer.cpp) found, and what the
// loader must do with them now (docs/reliability.md, "Fuzzing").
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <string_view>
#include <utility>

#include "../fuzz/scenario_property.h"
#include "simroi/core/error.h"
#include "simroi/dist/distribution.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

using namespace std::chrono_literals;

/// Parse `text` on another thread; fail (rather than hang the suite) if it
/// takes longer than `limit`. Returns the ScenarioError's text, or "" if the
/// text was accepted.
std::string parse_within(std::string text, std::chrono::seconds limit = 5s) {
  auto result = std::async(std::launch::async, [text = std::move(text)]() -> std::string {
    try {
      (void)parse_scenario(text, "fuzz.yaml");
      return "";
    } catch (const ScenarioError& e) {
      return e.what();
    }
  });
  if (result.wait_for(limit) != std::future_status::ready) {
    ADD_FAILURE() << "parse_scenario did not return within " << limit.count() << " s";
    std::abort();  // the worker thread cannot be cancelled; do not hang ctest
  }
  return result.get();
}

// yaml-cpp 0.7's YAML::LoadAll() never returns on a ',' outside brackets at the
// top of a document (jbeder/yaml-cpp#1040): it keeps appending null documents
// and grows without bound. The loader must refuse such text as invalid YAML.
TEST(ScenarioFuzzRegression, LoneCommaIsInvalidYamlNotAHang) {
  const std::string message = parse_within(",");
  EXPECT_NE(message.find("fuzz.yaml:1:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid YAML"), std::string::npos) << message;
}

TEST(ScenarioFuzzRegression, CommaAfterTopLevelFlowCollectionIsInvalidYaml) {
  for (const std::string_view text : {"[a],", "{a: 1},", "\"a\",", "&x ,", "!t ,", " ,", ",a"}) {
    const std::string message = parse_within(std::string(text));
    EXPECT_NE(message.find("not valid YAML"), std::string::npos) << text << " -> " << message;
  }
}

// The first input the fuzzer reported (timeout-aaa6a8c5...): a scenario whose
// first key was mutated into ",aselile:".
TEST(ScenarioFuzzRegression, MutatedScenarioStartingWithCommaIsRefused) {
  const std::string message = parse_within(
      ",aselile:\n  max:s_per__check: 3000\ncosts:\n 0monthly: 5000\nbaselile:\n"
      "  max:s_per__check: 2999\ncosts_conversion_after: 15%\n"
      "  booking_conversion_upli:\n 0mont00\n");
  EXPECT_NE(message.find("not valid YAML"), std::string::npos) << message;
}

// The probe that replaced LoadAll() must keep the old multi-document diagnostic
// (pointing at the second document's root) and still accept one document.
TEST(ScenarioFuzzRegression, MultipleDocumentsStillReported) {
  const std::string message = parse_within("a: 1\n---\nb: 2\n");
  EXPECT_NE(message.find("fuzz.yaml:3:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("more than one YAML document"), std::string::npos) << message;
  // A stuck parser in a later document must not hang either; that the file
  // has more than one document is reported first.
  const std::string stuck_later = parse_within("a: 1\n---\n[b],\n---\nc: ,\n,\n");
  EXPECT_NE(stuck_later.find("more than one YAML document"), std::string::npos) << stuck_later;
}

TEST(ScenarioFuzzRegression, EmptyAndCommentOnlyTextAreStillEmpty) {
  EXPECT_NE(parse_within("").find("the file is empty"), std::string::npos);
  EXPECT_NE(parse_within("# nothing\n").find("the file is empty"), std::string::npos);
  EXPECT_NE(parse_within("---\n...\n").find("the file is empty"), std::string::npos);
}

// A plain scalar may contain ", " in block context; that is not the bug.
TEST(ScenarioFuzzRegression, CommaInsidePlainScalarIsFine) {
  const std::string message = parse_within("name: Salon, Samara\n");
  EXPECT_EQ(message.find("not valid YAML"), std::string::npos) << message;
}

// ---- found by fuzz/hunt.py (issue 9 §4): accepted by check but failing to run,
// or failing with an internal message.

// A truncation that cuts nothing keeps the exact moments: {beta: [0.001, 1000],
// min: 0} used to integrate a density that overflows near 0 and failed with
// Boost's tanh_sinh message (exit 1), at `check` already.
TEST(HuntRegression, TruncationThatCutsNothingKeepsTheExactMoments) {
  const Distribution beta = Distribution::beta(1e-3, 1e3);
  for (const auto& [lo, hi] : {std::pair{0.0, 1.0}, {0.0, Distribution::kInf}, {-5.0, 1.0}}) {
    const Distribution t = beta.truncated(lo, hi);
    EXPECT_DOUBLE_EQ(t.mean(), 1e-3 / (1e-3 + 1e3));  // alpha / (alpha + beta)
    EXPECT_DOUBLE_EQ(t.variance(), beta.variance());
    EXPECT_DOUBLE_EQ(t.truncated_mass(), 1.0);
  }
  const Distribution normal =
      Distribution::normal(3.0, 2.0).truncated(-Distribution::kInf, Distribution::kInf);
  EXPECT_DOUBLE_EQ(normal.mean(), 3.0);
  const std::string text =
      "baseline: {leads_per_month: 120, booking_conversion: {beta: [1e-3, 1e3], min: 0}, "
      "average_check: 2000}\ncosts: {implementation: 50000}\n";
  ASSERT_EQ(parse_within(text), "");
  EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "");
}

// A real truncation of such a density is refused at load, exit 2, naming the
// distribution (tests/data/bad/77-*), not with Boost's words.
TEST(HuntRegression, TooConcentratedTruncationIsADiagnostic) {
  const std::string message = parse_within(
      "baseline: {leads_per_month: 120, booking_conversion: {beta: [1e-3, 1e3], max: 0.0001}, "
      "average_check: 2000}\ncosts: {implementation: 50000}\n");
  EXPECT_NE(message.find("fuzz.yaml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("too concentrated to compute in double precision"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("tanh_sinh"), std::string::npos) << message;
}

// baseline.first_visit_check: 1e308 passed check and every run overflowed
// (exit 1, "run 0 produced a non-finite result"): the bound on a month's
// extra visits now takes the first-visit check too (tests/data/bad/76-*).
TEST(HuntRegression, AstronomicalFirstVisitCheckIsRefusedAtLoad) {
  const std::string message = parse_within(
      "baseline: {leads_per_month: 120, booking_conversion: 0.3, average_check: 2000, "
      "first_visit_check: 1e308}\ncosts: {implementation: 50000}\n");
  EXPECT_NE(message.find("baseline.first_visit_check: the value of a month's extra visits can "
                         "reach about"),
            std::string::npos)
      << message;
  // 1e90 is far from overflowing and runs.
  const std::string text =
      "baseline: {leads_per_month: 120, booking_conversion: 0.3, average_check: 2000, "
      "first_visit_check: 1e90}\ncosts: {implementation: 50000}\n";
  ASSERT_EQ(parse_within(text), "");
  EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "");
}

}  // namespace
}  // namespace simroi
