// Inputs the scenario fuzzer (fuzz/scenario_fuzzer.cpp) found, and what the
// loader must do with them now (docs/reliability.md, "Fuzzing").
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <string_view>

#include "simroi/core/error.h"
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

}  // namespace
}  // namespace simroi
